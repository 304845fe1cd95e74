"""Record what the installed torch does with each loss, shape and dtype, for replay in the tests.

    python tests/record_torch_losses.py OUT.json[.gz]

bertdoctor predicts torch's loss errors without running torch (check-loss, the script lint). The
property tests hold the prediction to the torch installed where they run; this script keeps the
outcomes of another torch version for good: every loss (cross_entropy, nll_loss,
binary_cross_entropy_with_logits, mse_loss, transformers' sequence and token losses, pytorch-crf
when installed) over every small shape pair (up to 4 axes of size 1 or 2) and every label dtype,
forward and backward, on the CPU, with the phase in which it raised: "backward" in backward(),
"forward" for anything before it (building transformers' config or the CRF included).
`tests/test_loss_recorded.py` replays the files in `tests/fixtures/losses/` against
`predict_loss(..., torch_version=...)`, so a version that the CI machine does not have is
still tested.
"""

from __future__ import annotations

import gzip
import itertools
import json
import sys
import warnings
from pathlib import Path

import torch

DTYPES = {
    "int64": torch.int64,
    "int32": torch.int32,
    "float32": torch.float32,
    "float64": torch.float64,
    "bool": torch.bool,
    "uint8": torch.uint8,
}
SMALL = [()] + [s for k in (1, 2, 3) for s in itertools.product((1, 2), repeat=k)]
# recorded only (the property tests keep SMALL): [N, C, H, W]-like scores and labels
FOUR = list(itertools.product((1, 2), repeat=4))
PROBLEMS = [None, "regression", "single_label_classification", "multi_label_classification"]


def run(
    loss: str, x: torch.Tensor, y: torch.Tensor, hf: dict
) -> tuple[Exception | None, bool, str | None]:
    """(the exception or None, whether torch warned about broadcasting, the phase it raised in:
    "backward" in backward(), "forward" before it, None when nothing raised) from the real loss.
    The property tests run the same function."""
    import torch.nn.functional as F

    phase = "forward"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if loss == "ce":
                out = F.cross_entropy(x, y)
            elif loss == "nll":
                out = F.nll_loss(x, y)
            elif loss == "bce":
                out = F.binary_cross_entropy_with_logits(x, y)
            elif loss == "mse":
                out = F.mse_loss(x, y)
            elif loss == "crf":
                from torchcrf import CRF

                out = -CRF(x.shape[-1] if x.dim() else 1, batch_first=True)(x, y)
            else:
                out = hf_loss(x, y, **hf)
            phase = "backward"
            out.backward()
            error, phase = None, None
        except Exception as exc:  # noqa: BLE001 - the outcome recorded
            error = exc
    return error, any("target size" in str(w.message) for w in caught), phase


def hf_loss(x, y, num_labels, problem_type, head):
    from transformers import PretrainedConfig
    from transformers.loss.loss_utils import ForSequenceClassificationLoss, ForTokenClassification

    config = PretrainedConfig(num_labels=num_labels, problem_type=problem_type)
    if head == "token":
        return ForTokenClassification(x, y, config)
    return ForSequenceClassificationLoss(y, x, config)


def cases():
    for loss in ("ce", "nll", "bce", "mse"):
        for xs, ys in itertools.product(SMALL + FOUR, SMALL + FOUR):
            for xd in ("float32", "float64", "int64"):
                for yd in DTYPES:
                    yield loss, xs, xd, ys, yd, {}
    try:
        import torchcrf  # noqa: F401
    except ImportError:
        pass
    else:
        for xs, ys in itertools.product(SMALL, SMALL):
            for yd in ("int64", "int32", "float32", "float64"):
                yield "crf", xs, "float32", ys, yd, {"num_labels": xs[-1] if xs else 1}
    for head, n, b, t in itertools.product(("sequence", "token"), (1, 2, 3), (1, 2), (1, 3)):
        xs = (b, n) if head == "sequence" else (b, t, n)
        if head == "sequence" and t != 1:
            continue
        for ys in dict.fromkeys([xs, xs[:-1], xs[:1], (*xs[:-1], 1), (b * n,), (b, 1)]):
            for yd in ("int64", "int32", "float32", "float64", "uint8"):
                for problem in PROBLEMS:
                    hf = {"num_labels": n, "problem_type": problem, "head": head}
                    yield "hf", xs, "float32", ys, yd, hf


def main() -> None:
    records = []
    for loss, xs, xd, ys, yd, hf in cases():
        x = torch.zeros(xs, dtype=DTYPES[xd], requires_grad=xd.startswith("float"))
        y = torch.zeros(ys, dtype=DTYPES[yd])
        error, warned, phase = run(loss, x, y, hf)
        if error is not None:
            error = [type(error).__name__, str(error).splitlines()[0] if str(error) else "", phase]
        records.append([loss, list(xs), xd, list(ys), yd, hf, error, warned])
    import transformers

    doc = {
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "python": sys.version.split()[0],
        "records": records,
    }
    text = json.dumps(doc, separators=(",", ":")) + "\n"
    out = Path(sys.argv[1])
    if out.suffix == ".gz":
        out.write_bytes(gzip.compress(text.encode(), mtime=0))
    else:
        out.write_text(text)
    print(f"{len(records)} outcomes of torch {torch.__version__} written to {sys.argv[1]}")


if __name__ == "__main__":
    main()
