"""check_loss's verdicts against the real losses: predicted error exactly when torch raises.

Hypothesis draws shapes, dtypes and losses; each example runs the real torch loss (forward and
backward), pytorch-crf's CRF, or transformers' own loss functions, and holds the prediction to
what happened: the same exception type and message, no error where torch ran, and a BD401
finding wherever torch only warned about broadcasting.
"""

from __future__ import annotations

import itertools

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markers import NEEDS_CRF
from record_torch_losses import DTYPES, SMALL, run

from bertdoctor.checks.losses import TensorSpec, check_loss, predict_loss
from bertdoctor.findings import Severity


def assert_agrees(loss: str, xs: tuple, ys: tuple, xd: str, yd: str, **hf: object) -> None:
    x = torch.zeros(xs, dtype=DTYPES[xd], requires_grad=xd.startswith("float"))
    y = torch.zeros(ys, dtype=DTYPES[yd])
    error, warned, phase = run(loss, x, y, hf)  # the real loss, forward and backward
    pred = predict_loss(TensorSpec(xs, xd), TensorSpec(ys, yd), loss, **hf)
    case = (
        f"{loss} logits {xs} {xd} labels {ys} {yd} {hf}: torch {error!r}, predicted {pred.raises}"
    )
    assert (pred.raises is None) == (error is None), case
    findings = check_loss(x, y, loss, **hf)
    if error is not None:
        assert pred.raises.kind == type(error).__name__, case
        assert pred.raises.when == phase, case
        if pred.raises.kind != "NotImplementedError":  # kernel names differ between devices
            assert pred.raises.message == str(error).splitlines()[0], case
        assert any(f.severity is Severity.ERROR for f in findings), case
    if warned and error is None:  # torch accepted a mismatch by broadcasting: it must be flagged
        assert any(f.code in ("BD401", "BD404") for f in findings), case


@st.composite
def shape_pairs(draw, max_ndim: int = 3, max_dim: int = 5):
    xs = tuple(draw(st.lists(st.integers(1, max_dim), min_size=0, max_size=max_ndim)))
    # labels related to the logits' shape hit the interesting boundaries far more often
    related = [
        xs,
        xs[:-1],
        xs[:1],
        (*xs, 1),
        xs[:-1] + (1,),
        xs[:2],
        (xs[0], *xs[2:]) if xs else (),
    ]
    ys = draw(
        st.one_of(
            st.sampled_from(related),
            st.lists(st.integers(1, max_dim), min_size=0, max_size=max_ndim).map(tuple),
        )
    )
    return xs, ys


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    loss=st.sampled_from(["ce", "nll", "bce", "mse"]),
    shapes=shape_pairs(),
    xd=st.sampled_from(["float32", "float32", "float32", "float64", "int64"]),
    yd=st.sampled_from(list(DTYPES)),
)
def test_torch_losses_raise_exactly_when_predicted(loss, shapes, xd, yd):
    assert_agrees(loss, *shapes, xd, yd)


@NEEDS_CRF
@settings(max_examples=80, deadline=None)
@given(
    shapes=shape_pairs(max_ndim=4, max_dim=4),
    yd=st.sampled_from(["int64", "int32", "float32", "float64"]),
)
def test_crf_raises_exactly_when_predicted(shapes, yd):
    xs, ys = shapes
    assert_agrees("crf", xs, ys, "float32", yd, num_labels=xs[-1] if xs else 1)


@st.composite
def hf_cases(draw):
    head = draw(st.sampled_from(["sequence", "token"]))
    n = draw(st.integers(1, 4))
    b = draw(st.integers(1, 4))
    xs = (b, n) if head == "sequence" else (b, draw(st.integers(1, 4)), n)
    ys = draw(st.sampled_from([xs, xs[:-1], xs[:1], (*xs[:-1], 1), (b * n,), (b, 1)]))
    return xs, ys, head, n


@settings(max_examples=120, deadline=None)
@given(
    case=hf_cases(),
    yd=st.sampled_from(["int64", "int32", "float32", "float64", "uint8"]),
    problem_type=st.sampled_from(
        [None, None, "regression", "single_label_classification", "multi_label_classification"]
    ),
)
def test_transformers_loss_raises_exactly_when_predicted(case, yd, problem_type):
    xs, ys, head, n = case
    assert_agrees("hf", xs, ys, "float32", yd, num_labels=n, problem_type=problem_type, head=head)


@pytest.mark.parametrize("loss", ["ce", "nll", "bce", "mse"])
def test_every_small_shape_pair_agrees_with_torch(loss):
    """Exhaustive over shapes of up to 3 axes of size 1 or 2, every label dtype (no sampling)."""
    for xs, ys in itertools.product(SMALL, SMALL):
        for yd in DTYPES:
            assert_agrees(loss, xs, ys, "float32", yd)
