"""The loss prediction against outcomes recorded on other torch versions.

`tests/record_torch_losses.py` ran every loss over every small shape pair (up to 4 axes) and
label dtype, forward and backward, and saved what torch did and in which phase it raised:
`torch-2.11.0+cu130` on an H100 machine (recorded again 2026-11-22 with 4-D shapes and the phase,
Python 3.12.3, transformers 5.17.0), `torch-2.13.0+cpu` on the development machine. Each outcome
is replayed here against `predict_loss(..., torch_version=...)`, so the wording, the order of
checks and the phase of a torch this machine does not have stay tested.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bertdoctor.checks import losses
from bertdoctor.checks.losses import (
    TensorSpec,
    check_loss_report,
    predict_loss,
    torch_before_2_13,
)

FILES = sorted((Path(__file__).parent / "fixtures" / "losses").glob("torch-*.json.gz"))


def load(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()))


@pytest.mark.parametrize("path", FILES, ids=[p.name.removesuffix(".json.gz") for p in FILES])
def test_prediction_matches_every_recorded_outcome(path: Path) -> None:
    doc = load(path)
    assert len(doc["records"]) > 10_000
    wrong = []
    for loss, xs, xd, ys, yd, hf, error, warned in doc["records"]:
        pred = predict_loss(
            TensorSpec(tuple(xs), xd),
            TensorSpec(tuple(ys), yd),
            loss,
            **hf,
            torch_version=doc["torch"],
        )
        got = [pred.raises.kind, pred.raises.message, pred.raises.when] if pred.raises else None
        if got != error or (
            warned and error is None and not any(s.code in ("BD401", "BD404") for s in pred.silent)
        ):
            wrong.append(f"{loss} {xs} {xd} / {ys} {yd} {hf}: torch {error}, predicted {got}")
    assert not wrong, f"{len(wrong)} of {len(doc['records'])}:\n" + "\n".join(wrong[:20])


def test_the_two_versions_differ_where_the_prediction_says():
    """Near miss for the version switch: the same case, told apart only by the version."""
    logits, labels = TensorSpec((4, 3), "float32"), TensorSpec((4,), "int32")
    old = predict_loss(logits, labels, "ce", torch_version="2.11.0+cu130").raises
    new = predict_loss(logits, labels, "ce", torch_version="2.13.0+cpu").raises
    assert str(old) == "RuntimeError: expected scalar type Long but found Int"
    assert str(new) == "RuntimeError: expected target dtype to be Long or Byte, but got Int"
    # a regression head fed int64 labels: torch before 2.13 fails in backward(), 2.13 trains
    logits, labels = TensorSpec((8, 1), "float32"), TensorSpec((8,), "int64")
    old = predict_loss(logits, labels, "hf", num_labels=1, torch_version="2.11.0").raises
    assert (str(old), old.when, old.code) == (
        "RuntimeError: Found dtype Long but expected Float",
        "backward",
        "BD402",
    )
    assert predict_loss(logits, labels, "hf", num_labels=1, torch_version="2.13.0").raises is None
    # [N, C, H, W] scores (nll_loss2d): before 2.13 the spatial target's shape is checked before
    # its dtype; with the right shape both versions name the dtype, each in its own words
    scores, wrong, right = (
        TensorSpec((2, 3, 4, 4), "float32"),
        TensorSpec((2, 4, 5), "int32"),
        TensorSpec((2, 4, 4), "int32"),
    )
    new_dtype = ("RuntimeError: expected target dtype to be Long or Byte, but got Int", "BD402")
    for labels, version, want in [
        (
            wrong,
            "2.11.0+cu130",
            ("RuntimeError: size mismatch (got input: [2, 3, 4, 4] , target: [2, 4, 5]", "BD403"),
        ),
        (wrong, "2.13.0+cpu", new_dtype),
        (right, "2.11.0", ("RuntimeError: expected scalar type Long but found Int", "BD402")),
        (right, "2.13.0", new_dtype),
    ]:
        raised = predict_loss(scores, labels, "ce", torch_version=version).raises
        assert (str(raised), raised.code) == want, (labels, version)


@pytest.mark.parametrize("path", FILES, ids=[p.name.removesuffix(".json.gz") for p in FILES])
def test_every_recording_covers_every_loss_and_phase(path: Path) -> None:
    """A recording made where pytorch-crf (or transformers) was missing would test less than it
    says: each file holds every loss, 4-D scores, and errors of both phases."""
    records = load(path)["records"]
    assert {r[0] for r in records} == {"ce", "nll", "bce", "mse", "hf", "crf"}
    assert any(len(r[1]) == 4 for r in records)
    assert {r[6][2] for r in records if r[6]} == {"forward", "backward"}


@pytest.mark.parametrize(
    ("version", "before"),
    [
        ("2.11.0+cu130", True),
        ("2.12.1", True),
        ("1.13.1", True),
        ("2.13.0", False),
        ("2.14.1", False),
        ("2.12.0.dev20250101", True),
        ("2.13.0a0+git5c2f1c8", False),  # a 2.13 pre-release already words it the new way
        ("3.0.0", False),
        ("", False),
        (None, False),
    ],
)
def test_version_switch(version, before):
    assert torch_before_2_13(version) is before


def test_the_installed_torch_is_the_default(monkeypatch):
    import bertdoctor.envinfo

    # read from the distributions' metadata (envinfo), never by importing torch
    losses.installed_torch_version.cache_clear()
    monkeypatch.setattr(bertdoctor.envinfo, "collect_packages", lambda names: {"torch": "9.9.9"})
    assert losses.installed_torch_version() == "9.9.9"
    losses.installed_torch_version.cache_clear()
    logits, labels = TensorSpec((4, 3), "float32"), TensorSpec((4,), "int32")
    monkeypatch.setattr(losses, "installed_torch_version", lambda: "2.11.0+cu130")
    assert predict_loss(logits, labels, "ce").raises.message == (
        "expected scalar type Long but found Int"
    )
    monkeypatch.setattr(losses, "installed_torch_version", lambda: None)  # no torch at all
    assert predict_loss(logits, labels, "ce").raises.message.startswith("expected target dtype")


def test_check_loss_report_verdict_follows_the_version():
    kw = dict(num_labels=1, labels_dtype="long")
    old = check_loss_report((8, 1), (8,), "hf", torch_version="2.11.0", **kw)
    new = check_loss_report((8, 1), (8,), "hf", torch_version="2.13.0", **kw)
    assert old.exit_status == 1 and "BD402" in [f.code for f in old.findings]
    assert "raises" in old.sections[0].summary
    assert new.exit_status == 0 and "BD402" not in [f.code for f in new.findings]
