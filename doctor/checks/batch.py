"""Checks one batch against a model's config without running the model (``check_batch``).

The training monitor calls this on the first batch of every run, so it stays cheap and free of
side effects: no forward pass, one ``.cpu()`` per (small) tensor, numpy for the counting. The
loss transformers will compute comes from ``check_loss(..., loss="hf")`` on the logits' shape
the model will produce. Positions are batch positions ("example 3, position 17"), not files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..findings import DoctorError, Finding, plural
from ..runner import check, run_checks
from .losses import canonical_dtype, check_loss, fmt_shape

IGNORE = -100
INTS = ("int64", "int32", "int16", "int8", "uint8")
ID_KEYS = ("input_ids", "token_type_ids", "attention_mask", "position_ids", "labels")


@dataclass(frozen=True)
class ModelFacts:
    """What a batch is checked against, from a config, a model, a dict or a folder."""

    num_labels: int | None = 2  # None: a custom model whose head says nothing
    vocab_size: int | None = None
    type_vocab_size: int | None = None
    max_position_embeddings: int | None = None
    problem_type: str | None = None
    head: str | None = None  # "token", "sequence" or None (guessed from the labels)
    device: str | None = None  # the model's parameters, when a model was given
    hf_loss: bool = True  # transformers computes the loss (False: a custom module's forward)
    crf: bool = False  # the model has a CRF layer: every tag is an index


@dataclass
class Column:
    """One batch entry as numbers: values on the CPU, the original dtype, shape and device."""

    name: str
    values: Any  # numpy array
    dtype: str
    device: str | None

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(int(d) for d in self.values.shape)


@dataclass
class BatchView:
    facts: ModelFacts
    columns: dict[str, Column] = field(default_factory=dict)
    ragged: dict[str, list[int]] = field(default_factory=dict)  # name -> row lengths
    devices: dict[str, str] = field(default_factory=dict)  # name -> device, for every tensor

    def get(self, name: str) -> Column | None:
        return self.columns.get(name)

    @property
    def head(self) -> str | None:
        if self.facts.head:
            return self.facts.head
        labels, ids = self.get("labels"), self.get("input_ids")
        if labels is None or ids is None:
            return None
        if labels.values.ndim == 2 and labels.shape == ids.shape:
            return "token"
        return "sequence" if labels.values.ndim in (0, 1, 2) else None


def check_batch(config_or_model: Any, batch: Mapping[str, Any]) -> list[Finding]:
    """Findings for ``model(**batch)``: shapes, dtypes, id and label ranges, -100 placement,
    lengths, devices, and the loss transformers will pick. Nothing runs on the model."""
    facts = model_facts(config_or_model)
    if not isinstance(batch, Mapping):
        raise DoctorError(f"a batch is a dict of tensors, not {type(batch).__name__}")
    view = BatchView(facts)
    for name, value in batch.items():
        column = _column(str(name), value, view)
        if column is not None:
            view.columns[str(name)] = column
    return run_checks(CHECKS, view)


# -- reading the model and the batch ------------------------------------------------------------


def model_facts(source: Any) -> ModelFacts:
    """ModelFacts from a transformers config or model, a dict, or a folder / config.json path."""
    if isinstance(source, (str, Path)):
        path = Path(source).expanduser()
        path = path / "config.json" if path.is_dir() else path
        if not path.is_file():
            raise DoctorError(f"{path}: no config.json there")
        try:
            source = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DoctorError(f"{path}: cannot read it as JSON ({exc})") from None
    if hasattr(source, "parameters") and callable(source.parameters):  # a torch model
        return _facts_of_model(source)
    if not isinstance(source, Mapping):
        source = source.to_dict() if hasattr(source, "to_dict") else vars(source)
    num_labels = source.get("num_labels")
    if num_labels is None:
        id2label = source.get("id2label")
        num_labels = len(id2label) if id2label else 2
    archs = source.get("architectures") or []
    return ModelFacts(
        num_labels=int(num_labels),
        vocab_size=source.get("vocab_size"),
        type_vocab_size=source.get("type_vocab_size"),
        max_position_embeddings=source.get("max_position_embeddings"),
        problem_type=source.get("problem_type"),
        head=next((h for h in map(_head_of, archs) if h), None),
    )


def _facts_of_model(model: Any) -> ModelFacts:
    """A transformers *ForXxxClassification, or a custom module around a BERT encoder."""
    head = _head_of(type(model).__name__)
    device = next((str(p.device) for p in model.parameters()), None)
    config = getattr(model, "config", None)
    encoder = next((m for m in model.modules() if m is not model and hasattr(m, "config")), None)
    if config is None and encoder is not None:
        config = encoder.config
    facts = model_facts(config) if config is not None else ModelFacts(num_labels=None)
    crf = next((m for m in model.modules() if type(m).__name__ == "CRF"), None)
    if head is not None and crf is None:  # transformers' own head and loss
        return replace(facts, head=head, device=device)
    # a custom head: its size says num_labels (the encoder config's num_labels is a default)
    num = getattr(model, "num_labels", None)
    if not isinstance(num, int):
        num = getattr(crf, "num_tags", None)
    if not isinstance(num, int):
        linear = getattr(model, "classifier", None) or getattr(model, "fc", None)
        num = getattr(linear, "out_features", None)
    return replace(
        facts,
        num_labels=num if isinstance(num, int) else None,
        head="token" if crf is not None else head,
        device=device,
        hf_loss=False,
        crf=crf is not None,
        problem_type=None,
    )


def _head_of(name: str) -> str | None:
    if "TokenClassification" in name:
        return "token"
    if "SequenceClassification" in name:
        return "sequence"
    return None


def _column(name: str, value: Any, view: BatchView) -> Column | None:
    import numpy as np

    if hasattr(value, "detach") and hasattr(value, "device"):  # a torch tensor
        view.devices[name] = str(value.device)
        if getattr(value, "is_meta", False):  # no values to read (a model being built)
            return None
        dtype = canonical_dtype(value.dtype)
        t = value.detach()
        if dtype == "bfloat16":
            t = t.float()
        return Column(name, t.cpu().numpy(), dtype, str(value.device))
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            return None
        try:
            dtype = canonical_dtype(value.dtype.name)
        except DoctorError:  # uint16, float128 ...: judge them as torch.as_tensor would
            dtype = {"b": "bool", "i": "int64", "u": "int64", "f": "float32"}[value.dtype.kind]
        return Column(name, value, dtype, None)
    if isinstance(value, (list, tuple)) and value:
        rows = [len(r) for r in value if isinstance(r, (list, tuple))]
        if rows and (len(rows) != len(value) or len(set(rows)) > 1):
            view.ragged[name] = [len(r) if isinstance(r, (list, tuple)) else 1 for r in value]
            return None
        try:
            arr = np.asarray(value)
        except ValueError:
            return None
        if arr.dtype.kind not in "biuf":
            return None
        # torch.tensor(list) makes int64 from ints and float32 from floats
        dtype = {"b": "bool", "i": "int64", "u": "int64", "f": "float32"}[arr.dtype.kind]
        return Column(name, arr, dtype, None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        arr = np.asarray(value)
        return Column(name, arr, "int64" if isinstance(value, int) else "float32", None)
    return None


def _where(positions: Any, *, token: bool, limit: int = 3) -> str:
    """'example 3, position 17; example 5, position 2 (+4 more)' from argwhere rows."""
    shown = []
    for row in positions[:limit]:
        if token and len(row) >= 2:
            shown.append(f"example {int(row[0])}, position {int(row[1])}")
        else:
            shown.append(f"example {int(row[0])}")
    more = len(positions) - limit
    return "; ".join(shown) + (f" (+{more} more)" if more > 0 else "")


def _count(n: int, noun: str, one: str, many: str) -> str:
    """'1 label is' / '3 labels are'."""
    return f"{plural(n, noun)} {one if n == 1 else many}"


def _few(values: Any, n: int = 5) -> str:
    import numpy as np

    uniq = np.unique(values)
    text = ", ".join(str(v.item()) for v in uniq[:n])
    return text + (f", ... ({len(uniq)} distinct)" if len(uniq) > n else "")


# -- the checks ----------------------------------------------------------------------------------


@check("BD222")
def rows_are_padded(view: BatchView) -> Iterator[Finding]:
    for name, lengths in view.ragged.items():
        yield Finding.of(
            "BD222",
            f"batch[{name!r}] has rows of {len(set(lengths))} different lengths "
            f"({min(lengths)}..{max(lengths)}): it cannot become one tensor",
            fix="pad per batch with DataCollatorWithPadding(tokenizer) (or "
            "DataCollatorForTokenClassification for token labels)",
        )


@check("BD401")
def inputs_line_up(view: BatchView) -> Iterator[Finding]:
    ids = view.get("input_ids")
    if ids is None:
        return
    if ids.values.ndim != 2:
        yield Finding.of(
            "BD401",
            f"input_ids {fmt_shape(ids.shape)} are not [batch, length]",
            fix="`input_ids.unsqueeze(0)` for one example, or let the tokenizer return a batch "
            "(return_tensors='pt')",
        )
        return
    for name in ("attention_mask", "token_type_ids", "position_ids"):
        col = view.get(name)
        if (
            col is not None
            and col.shape != ids.shape
            and not (name == "position_ids" and col.shape == ids.shape[1:])
        ):
            yield Finding.of(
                "BD401",
                f"{name} {fmt_shape(col.shape)} does not match input_ids {fmt_shape(ids.shape)}",
                fix=f"build {name} from the same tokenizer call as input_ids, with the same "
                "padding and truncation",
            )


@check("BD207", "BD206")
def ids_are_in_range(view: BatchView) -> Iterator[Finding]:
    import numpy as np

    limits = (
        ("input_ids", "BD207", view.facts.vocab_size, "vocab_size"),
        ("token_type_ids", "BD206", view.facts.type_vocab_size, "type_vocab_size"),
    )
    for name, code, limit, what in limits:
        col = view.get(name)
        if col is None or not col.values.size:
            continue
        if col.dtype not in ("int64", "int32"):
            yield Finding.of(
                code,
                f"{name} have dtype {col.dtype}: the embedding lookup needs long (or int) ids",
                fix=f"`{name}.long()`",
            )
            continue
        values = col.values
        bad = (values < 0) | (values >= limit) if limit is not None else values < 0
        if bad.any():
            where = _where(np.argwhere(bad), token=values.ndim == 2)
            yield Finding.of(
                code,
                f"{plural(int(bad.sum()), 'value')} of {name} outside "
                f"0..{limit - 1 if limit else '...'} "
                f"({what}={limit}): values {_few(values[bad])}; {where}",
                fix=(
                    "token_type_ids must be 0 or 1 for BERT: pass text pairs as "
                    "tokenizer(text, text_pair), or leave token_type_ids out"
                    if code == "BD206"
                    else "tokenize with the model's own tokenizer (its vocab.txt), or resize the "
                    "embeddings: model.resize_token_embeddings(len(tokenizer))"
                ),
            )


@check("BD208")
def length_fits_positions(view: BatchView) -> Iterator[Finding]:
    limit = view.facts.max_position_embeddings
    ids = view.get("input_ids")
    if limit is None or ids is None or ids.values.ndim != 2:
        return
    length = ids.shape[1]
    positions = view.get("position_ids")
    top = int(positions.values.max()) + 1 if positions is not None and positions.values.size else 0
    if length > limit or top > limit:
        yield Finding.of(
            "BD208",
            f"sequences of {max(length, top)} positions, but max_position_embeddings={limit}: "
            "the position embedding lookup fails (index out of range; a device-side assert on "
            "CUDA)",
            fix=f"tokenize with truncation=True, max_length={limit}",
            severity="error",
        )


@check("BD411")
def one_device(view: BatchView) -> Iterator[Finding]:
    devices = view.devices
    model = view.facts.device
    found = set(devices.values()) | ({model} if model else set())
    if len(found) > 1:
        where = ", ".join(f"{k} on {v}" for k, v in devices.items())
        yield Finding.of(
            "BD411",
            f"tensors on {len(found)} devices: {where}"
            + (f"; the model is on {model}" if model else ""),
            fix="move the whole batch in one place: "
            "batch = {k: v.to(model.device) for k, v in batch.items()}",
        )


@check("BD201", "BD202", "BD203", "BD204", "BD218", "BD220")
def labels_are_usable(view: BatchView) -> Iterator[Finding]:
    import numpy as np

    labels = view.get("labels")
    if labels is None or not labels.values.size:
        return
    values, token = labels.values, view.head == "token"
    if not expects_class_ids(view):
        return
    facts = view.facts
    if labels.dtype not in INTS:
        integral = labels.dtype != "bool" and bool(np.all(np.mod(values, 1) == 0))
        yield Finding.of(
            "BD218",
            f"labels have dtype {labels.dtype}"
            + (" (whole numbers)" if integral else " (not whole numbers)")
            + f" where class ids are expected ({'token' if token else 'sequence'} "
            f"classification, num_labels={facts.num_labels})",
            fix="`labels.long()`" if integral else "labels must be class ids 0..num_labels-1",
        )
        return
    if not token and values.ndim == 2 and values.shape[1] == facts.num_labels:
        yield Finding.of(
            "BD218",
            f"labels {fmt_shape(values.shape)} look one-hot; sequence classification wants one "
            "class id per example",
            fix="`labels.argmax(-1)`",
        )
        return
    yield from _label_ranges(view, values, token)


def expects_class_ids(view: BatchView) -> bool:
    """False for regression and multi-label batches, whose labels are floats by design."""
    facts, labels = view.facts, view.get("labels")
    if facts.num_labels == 1 or facts.problem_type in ("regression", "multi_label_classification"):
        return False
    if labels is None or view.head == "token" or facts.problem_type:
        return True
    # what transformers will infer: float [B, num_labels] labels mean multi-label on purpose
    return not (
        labels.dtype not in ("int64", "int32")
        and labels.values.ndim == 2
        and labels.shape[1] == facts.num_labels
    )


def _label_ranges(view: BatchView, values: Any, token: bool) -> Iterator[Finding]:
    import numpy as np

    n = view.facts.num_labels
    ignored = values == IGNORE
    for code, bad, noun, what in (
        ("BD201", values >= (n if n is not None else np.inf), "label", f">= num_labels={n}"),
        ("BD202", (values < 0) & ~ignored, "negative label", f"other than {IGNORE}"),
    ):
        if bad.any():
            yield Finding.of(
                code,
                f"{plural(int(bad.sum()), noun)} {what} (ids {_few(values[bad])}); "
                f"{_where(np.argwhere(bad), token=token and values.ndim == 2)}",
                fix=f"add the missing labels to id2label and num_labels (at least "
                f"{int(values.max()) + 1}), or fix the ids"
                if code == "BD201"
                else f"use {IGNORE} for positions to ignore; real labels are 0.."
                + (str(n - 1) if n else "num_labels-1"),
            )
    if view.facts.crf:
        if ignored.any():
            yield Finding.of(
                "BD203",
                f"{_count(int(ignored.sum()), 'tag', 'is', 'are')} {IGNORE} and the model has a "
                f"CRF, which indexes its transitions with every tag (IndexError: index {IGNORE} "
                f"is out of bounds); {_where(np.argwhere(ignored), token=values.ndim == 2)}",
                fix="give the CRF a real tag (the O tag) on special tokens and padding, and mask "
                "them with attention_mask instead of -100",
            )
        return
    if not token and ignored.any():
        yield Finding.of(
            "BD203",
            f"{_count(int(ignored.sum()), 'sentence label', 'is', 'are')} {IGNORE}; "
            f"{_where(np.argwhere(ignored), token=False)}: those examples train nothing",
            fix="give every example its class id, or drop the examples without one",
        )
    if token and values.ndim == 2:
        empty = np.flatnonzero(ignored.all(axis=1))
        if len(empty):
            shown = ", ".join(str(int(i)) for i in empty[:5])
            yield Finding.of(
                "BD204",
                f"{len(empty)} of {values.shape[0]} examples have every label {IGNORE} "
                f"(examples {shown})"
                + ("; the whole batch is ignored: the loss is nan" if ignored.all() else ""),
                fix="label the first word piece of each word; check truncation and alignment "
                "with tokenizer(..., is_split_into_words=True).word_ids()",
            )
        yield from _padding_labeled(view, values)


def _padding_labeled(view: BatchView, values: Any) -> Iterator[Finding]:
    import numpy as np

    mask = view.get("attention_mask")
    if mask is None or mask.shape != values.shape:
        return
    bad = (mask.values == 0) & (values != IGNORE)
    if bad.any():
        yield Finding.of(
            "BD220",
            f"{_count(int(bad.sum()), 'padding position', 'carries', 'carry')} a real class "
            "under attention_mask 0 "
            f"(ids {_few(values[bad])}); {_where(np.argwhere(bad), token=True)}",
            fix="pad labels with -100: DataCollatorForTokenClassification(tokenizer), or "
            "labels[attention_mask == 0] = -100",
        )


@check("BD401", "BD402", "BD403", "BD405")
def loss_will_fit(view: BatchView) -> Iterator[Finding]:
    labels, ids = view.get("labels"), view.get("input_ids")
    head, n = view.head, view.facts.num_labels
    if labels is None or ids is None or ids.values.ndim != 2 or head is None:
        return
    if not view.facts.hf_loss or n is None:  # a custom forward computes its own loss
        return
    batch, length = ids.shape
    logits = (batch, length, n) if head == "token" else (batch, n)
    found = check_loss(
        logits,
        labels.values if labels.dtype != "bool" else labels.shape,
        "hf",
        num_labels=n,
        problem_type=view.facts.problem_type,
        head=head,
        labels_dtype=labels.dtype,
        check_values=False,
    )
    for finding in found:
        # labels_are_usable has said BD218 about these labels' dtype already
        if finding.code == "BD402" and labels.dtype not in INTS and expects_class_ids(view):
            continue
        yield finding


CHECKS = (
    rows_are_padded,
    inputs_line_up,
    ids_are_in_range,
    length_fits_positions,
    one_device,
    labels_are_usable,
    loss_will_fit,
)
