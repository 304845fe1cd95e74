"""Predicts what a loss does with given logits and labels, without running it (BD401-BD407).

``predict_loss`` mirrors the shape and dtype checks of torch 2.x (``cross_entropy``,
``nll_loss``, ``binary_cross_entropy_with_logits``, ``mse_loss``), of pytorch-crf's ``CRF``, and
of what a transformers ``*ForSequenceClassification`` / ``*ForTokenClassification`` computes from
``num_labels``, ``problem_type`` and the labels' dtype. It says whether torch will raise (and
with which message), what it will silently do instead (broadcast, read L as the class axis), and
what the loss expects. ``check_loss`` turns that into findings with the smallest correct fix.
A property-based test runs the real losses and holds the prediction to them.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from ..findings import DoctorError, Finding, Report, Section, Severity, plural
from ..runner import check, run_check

LOSSES = ("ce", "bce", "mse", "nll", "crf", "hf")
LOSS_NAMES = {
    "ce": "CrossEntropyLoss",
    "bce": "BCEWithLogitsLoss",
    "mse": "MSELoss",
    "nll": "NLLLoss",
    "crf": "CRF (pytorch-crf)",
    "hf": "the transformers model's own loss",
}
# an nn.Module loss (or its class name) -> our short name
_MODULE_NAMES = {
    "crossentropyloss": "ce",
    "bcewithlogitsloss": "bce",
    "mseloss": "mse",
    "nllloss": "nll",
    "crf": "crf",
}
PROBLEM_TYPES = ("regression", "single_label_classification", "multi_label_classification")

# canonical dtype names are torch's without the prefix; the aliases are what people type
_ALIASES = {
    "long": "int64",
    "int": "int32",
    "short": "int16",
    "char": "int8",
    "byte": "uint8",
    "float": "float32",
    "double": "float64",
    "half": "float16",
    "bf16": "bfloat16",
    "fp16": "float16",
    "fp32": "float32",
}
_TORCH_NAMES = {  # how torch's messages name a dtype
    "int64": "Long",
    "int32": "Int",
    "int16": "Short",
    "int8": "Char",
    "uint8": "Byte",
    "bool": "Bool",
    "float16": "Half",
    "bfloat16": "BFloat16",
    "float32": "Float",
    "float64": "Double",
}
FLOATS = ("float16", "bfloat16", "float32", "float64")
INTS = ("int64", "int32", "int16", "int8", "uint8")


def canonical_dtype(name: Any) -> str:
    """'long', 'torch.int64', torch.long, numpy's int64 -> 'int64'; an unknown name is an error."""
    text = str(name).strip().lower()
    for prefix in ("torch.", "numpy."):
        text = text.removeprefix(prefix)
    text = _ALIASES.get(text, text)
    if text not in _TORCH_NAMES:
        known = ", ".join(sorted(set(_ALIASES) | set(_TORCH_NAMES)))
        raise DoctorError(f"unknown dtype {name!r}; use one of {known}")
    return text


def torch_dtype_name(dtype: str) -> str:
    return _TORCH_NAMES[dtype]


@dataclass(frozen=True)
class TensorSpec:
    """What the prediction needs of a tensor: its shape and dtype (and the tensor, if given)."""

    shape: tuple[int, ...]
    dtype: str
    tensor: Any = field(default=None, compare=False, repr=False)

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def numel(self) -> int:
        return math.prod(self.shape)

    @property
    def is_float(self) -> bool:
        return self.dtype in FLOATS

    def __str__(self) -> str:
        return f"{fmt_shape(self.shape)} {torch_dtype_name(self.dtype).lower()}"


def fmt_shape(shape: Sequence[int]) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]"


def torch_size(shape: Sequence[int]) -> str:
    return f"torch.Size([{', '.join(str(d) for d in shape)}])"


def spec_of(value: Any, dtype: Any = None, *, default_dtype: str = "float32") -> TensorSpec:
    """A TensorSpec from a tensor, a numpy array, or a shape (tuple, list, torch.Size)."""
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return TensorSpec(tuple(int(d) for d in value.shape), canonical_dtype(value.dtype), value)
    if isinstance(value, int):
        value = (value,)
    if isinstance(value, (tuple, list)) and all(isinstance(d, int) for d in value):
        if any(d < 0 for d in value):
            raise DoctorError(f"a shape cannot have negative sizes: {fmt_shape(value)}")
        return TensorSpec(tuple(value), canonical_dtype(dtype or default_dtype))
    raise DoctorError(
        f"expected a tensor, an array or a shape tuple, got {type(value).__name__}: "
        f"{str(value)[:60]}"
    )


def parse_shape(text: str) -> tuple[int, ...]:
    """'4,2' or '4x2' or '[4, 2]' -> (4, 2); '' or '()' -> (); anything else is a DoctorError."""
    cleaned = text.strip().strip("[]()").replace(" ", "")
    if not cleaned:
        return ()
    parts = re.split(r"[,x×]", cleaned.rstrip(","))
    if not all(part.isdigit() for part in parts):
        raise DoctorError(f"bad shape {text!r}: use sizes separated by commas, like 4,2 (or ())")
    return tuple(int(part) for part in parts)


@dataclass(frozen=True)
class Raise:
    """An exception torch (or pytorch-crf) will raise, as it will word it."""

    kind: str  # ValueError, RuntimeError, IndexError
    message: str
    code: str  # BD401 (shape) or BD402 (dtype) or BD403
    when: str = "forward"  # or "backward"

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@dataclass(frozen=True)
class Silent:
    """Something the loss accepts without an error and gets wrong (or gets right by luck)."""

    code: str
    message: str
    severity: str = "error"


@dataclass
class Prediction:
    loss: str  # ce, bce, mse, nll, crf, hf
    computes: str  # the call as it will run, e.g. "CrossEntropyLoss()(logits, labels)"
    expects: str  # what the loss wants for these logits
    raises: Raise | None = None
    silent: list[Silent] = field(default_factory=list)
    problem_type: str | None = None  # hf only: what transformers will pick
    inner: str | None = None  # hf only: the torch loss it runs (ce, bce, mse)

    @property
    def ok(self) -> bool:
        return self.raises is None and not any(s.severity == "error" for s in self.silent)


# -- torch's own checks, one function per loss ---------------------------------------------------


def _nll_nd(x: TensorSpec, y: TensorSpec, *, what: str) -> Raise | None:
    """torch's nll_loss_nd (CrossEntropyLoss runs it after log_softmax), in its order of checks."""
    xs, ys, xd = x.shape, y.shape, x.ndim
    if xd == 0:
        return Raise("ValueError", "Expected 1 or more dimensions (got 0)", "BD401")
    if xd != 1:
        target_batch = ys[0] if ys else 0
        if xs[0] != target_batch:
            return Raise(
                "ValueError",
                f"Expected input batch_size ({xs[0]}) to match target batch_size ({target_batch}).",
                "BD401",
            )
    if xd <= 2:
        if y.ndim > 1:
            return Raise(
                "RuntimeError",
                "0D or 1D target tensor expected, multi-target not supported",
                "BD401",
            )
        bad_dtype = y.dtype not in ("int64", "uint8")
        if bad_dtype and not _BEFORE_2_13.get():
            return _target_dtype(y)
        if xd == 1 and y.ndim == 1 and ys[0] != 1:
            return Raise(
                "ValueError",
                f"For 1D input, 1D target must have size 1, but got target size: {ys[0]}",
                "BD401",
            )
        if bad_dtype:  # torch before 2.13: after the size and kernel
            return _kernel(x, _nll_kernel(xd)) or _target_dtype(y)
        if xd == 1 and y.ndim == 1 and xs[0] != 1:
            return Raise(
                "RuntimeError",
                f"size mismatch (got input: {fmt_shape(xs)}, target: {fmt_shape(ys)})",
                "BD401",
                when="backward",
            )
        return None
    if xd == 4:
        if y.ndim != 3:
            return Raise(
                "RuntimeError",
                "only batches of spatial targets supported (3D tensors) but got targets of "
                f"dimension: {y.ndim}",
                "BD401",
            )
        bad_dtype = y.dtype not in ("int64", "uint8")
        if bad_dtype and not _BEFORE_2_13.get():
            return _target_dtype(y)
        if ys != (xs[0], *xs[2:]):
            return Raise(
                "RuntimeError",
                f"size mismatch (got input: {fmt_shape(xs)} , target: {fmt_shape(ys)}",
                "BD403" if what == "ce" else "BD401",
            )
        if y.dtype == "uint8":
            return _kernel(x, _nll_kernel(xd)) or _byte_target()
        if bad_dtype:  # torch before 2.13: after the size and the kernel
            return _kernel(x, _nll_kernel(xd)) or _target_dtype(y)
        return None
    expected = (xs[0], *xs[2:])
    if ys != expected:
        return Raise(
            "RuntimeError",
            f"Expected target size {fmt_shape(expected)}, got {fmt_shape(ys)}",
            "BD403" if xd == 3 and ys == xs[:2] else "BD401",
        )
    if y.dtype == "uint8":
        return _kernel(x, _nll_kernel(xd)) or _byte_target()
    if y.dtype != "int64":
        # before 2.13 the kernel rejected integer scores before the target was looked at
        return (_BEFORE_2_13.get() and _kernel(x, _nll_kernel(xd))) or _target_dtype(y)
    return None


def _nll_kernel(ndim: int) -> str:
    """The CPU kernel nll_loss dispatches to; it rejects integer scores before reading the
    target's dtype."""
    return "nll_loss_out_frame" if ndim <= 2 else "nll_loss2d_forward_out_frame"


# torch 2.13 changed two things the prediction depends on, both recorded side by side (2.11 on an
# H100 machine, 2.13 here: tests/fixtures/losses/, scores of up to 4 axes):
# - nll_loss on [C], [N, C] or [N, C, H, W] scores checks the target's dtype first and words it
#   "expected target dtype to be Long or Byte, but got Int"; before, it checked the 1-D target's
#   size (the spatial target's shape for 4-D scores) and the scores' kernel first, and said
#   "expected scalar type Long but found Int";
# - mse_loss's backward takes a target of another dtype; before, a float32 output with int64
#   (or float64, bool...) labels raised "Found dtype Long but expected Float" in backward().
# torch 2.12 is taken to behave as 2.11. The recordings also hold the phase (forward or backward)
# that torch raised in, which the prediction's `when` must match.
_BEFORE_2_13: ContextVar[bool] = ContextVar("bertdoctor_torch_before_2_13", default=False)


def torch_before_2_13(version: str | None) -> bool:
    from .env import pep440

    found = pep440(version) if version else None
    return found is not None and found.release[:2] < (2, 13)


@functools.lru_cache(maxsize=1)
def installed_torch_version() -> str | None:
    """The installed torch's version from its metadata (no import of torch)."""
    from ..envinfo import collect_packages

    return collect_packages(("torch",))["torch"]


def _byte_target() -> Raise:
    return Raise("RuntimeError", "expected scalar type Long but found Byte", "BD402")


def _target_dtype(y: TensorSpec) -> Raise:
    if _BEFORE_2_13.get():
        message = f"expected scalar type Long but found {torch_dtype_name(y.dtype)}"
    else:
        message = f"expected target dtype to be Long or Byte, but got {torch_dtype_name(y.dtype)}"
    return Raise("RuntimeError", message, "BD402")


def _cross_entropy(x: TensorSpec, y: TensorSpec) -> Raise | None:
    if x.shape == y.shape:  # same shapes: torch reads the labels as class probabilities
        if not y.is_float:
            return Raise(
                "RuntimeError",
                "Expected floating point type for target with class probabilities, got "
                f"{torch_dtype_name(y.dtype)}",
                "BD402",
            )
        if x.ndim == 0:
            return Raise(
                "IndexError", "Dimension specified as 1 but tensor has no dimensions", "BD401"
            )
        return _kernel(x, _log_softmax_kernel(x))
    if x.ndim == 0:  # log_softmax over dim 1 of a scalar
        return Raise(
            "IndexError",
            "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
            "BD401",
        )
    return _kernel(x, _log_softmax_kernel(x)) or _nll_nd(x, y, what="ce")


def _log_softmax_kernel(x: TensorSpec) -> str:
    """log_softmax runs over axis 1: the last axis of [C] or [N, C], not of [N, C, L]."""
    return "log_softmax_lastdim_kernel_impl" if x.ndim <= 2 else "log_softmax_kernel_impl"


def _kernel(x: TensorSpec, name: str, dtype: str | None = None) -> Raise | None:
    """Integer or bool scores reach a kernel that only has float versions (argmax output?)."""
    dtype = dtype or x.dtype
    if dtype in FLOATS:
        return None
    # the kernel's name is the CPU one; on CUDA it differs, the exception type does not
    return Raise(
        "NotImplementedError",
        f"\"{name}\" not implemented for '{torch_dtype_name(dtype)}'",
        "BD406",
    )


_INT_RANK = ("bool", "uint8", "int8", "int16", "int32", "int64")


def promote_types(a: str, b: str) -> str:
    """torch.promote_types for the dtypes labels and logits come in."""
    if a in FLOATS or b in FLOATS:
        floats = [d for d in (a, b) if d in FLOATS]
        if len(floats) == 1:
            return floats[0]
        if {a, b} == {"float16", "bfloat16"}:
            return "float32"
        return max(floats, key=FLOATS.index)
    if {a, b} == {"uint8", "int8"}:
        return "int16"
    return max(a, b, key=_INT_RANK.index)


def _bce(x: TensorSpec, y: TensorSpec) -> Raise | None:
    if x.shape != y.shape:
        return Raise(
            "ValueError",
            f"Target size ({torch_size(y.shape)}) must be the same as input size "
            f"({torch_size(x.shape)})",
            "BD401",
        )
    if not x.is_float:
        return _kernel(x, "log_sigmoid_cpu")
    if y.dtype == "bool":
        return Raise(
            "RuntimeError",
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` "
            "or `logical_xor()` operator instead.",
            "BD402",
        )
    if not y.is_float:
        return Raise(
            "RuntimeError",
            f"result type {torch_dtype_name(x.dtype)} can't be cast to the desired output type "
            f"{torch_dtype_name(y.dtype)}",
            "BD402",
        )
    return None


def broadcast_shape(a: Sequence[int], b: Sequence[int]) -> tuple[int, ...] | None:
    """torch.broadcast_shapes, or None where they do not broadcast."""
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        da = a[-i] if i <= len(a) else 1
        db = b[-i] if i <= len(b) else 1
        if da != db and 1 not in (da, db):
            return None
        out.append(max(da, db) if 0 not in (da, db) else 0)
    return tuple(reversed(out))


def _mse(x: TensorSpec, y: TensorSpec) -> tuple[Raise | None, tuple[int, ...] | None]:
    shape = broadcast_shape(x.shape, y.shape)
    if shape is None:
        n = max(x.ndim, y.ndim)
        xs = (1,) * (n - x.ndim) + x.shape
        ys = (1,) * (n - y.ndim) + y.shape
        # torch names the first axis from the right that does not match
        for i in range(n - 1, -1, -1):
            if xs[i] != ys[i] and 1 not in (xs[i], ys[i]):
                return (
                    Raise(
                        "RuntimeError",
                        f"The size of tensor a ({xs[i]}) must match the size of tensor b "
                        f"({ys[i]}) at non-singleton dimension {i}",
                        "BD401",
                    ),
                    None,
                )
    return _kernel(x, "mse_cpu", promote_types(x.dtype, y.dtype)), shape


def _crf(x: TensorSpec, y: TensorSpec, num_tags: int | None) -> Raise | None:
    if x.ndim != 3:
        return Raise("ValueError", f"emissions must have dimension of 3, got {x.ndim}", "BD401")
    if num_tags is not None and x.shape[2] != num_tags:
        return Raise(
            "ValueError",
            f"expected last dimension of emissions is {num_tags}, got {x.shape[2]}",
            "BD401",
        )
    if x.shape[:2] != y.shape:
        return Raise(
            "ValueError",
            "the first two dimensions of emissions and tags must match, got "
            f"{tuple(x.shape[:2])} and {tuple(y.shape)}",
            "BD401",
        )
    if y.is_float:
        return Raise(
            "IndexError",
            "tensors used as indices must be long, int, byte or bool tensors",
            "BD402",
        )
    return None


# -- the prediction -----------------------------------------------------------------------------


def predict_loss(
    logits: TensorSpec,
    labels: TensorSpec,
    loss: str = "ce",
    *,
    num_labels: int | None = None,
    problem_type: str | None = None,
    head: str | None = None,
    torch_version: str | None = None,
) -> Prediction:
    """What ``loss`` will do with these logits and labels: raise, misbehave silently, or work.

    ``torch_version`` is the torch whose wording and order of checks to predict (default: the
    installed one; without torch, the newest known)."""
    version = torch_version or installed_torch_version()
    token = _BEFORE_2_13.set(torch_before_2_13(version))
    try:
        return _predict(logits, labels, loss, num_labels, problem_type, head)
    finally:
        _BEFORE_2_13.reset(token)


def _predict(
    logits: TensorSpec,
    labels: TensorSpec,
    loss: str,
    num_labels: int | None,
    problem_type: str | None,
    head: str | None,
) -> Prediction:
    if loss == "hf":
        pred = _predict_hf(logits, labels, num_labels, problem_type, head)
    elif loss in ("ce", "nll"):
        pred = _predict_ce(logits, labels, loss, num_labels)
    elif loss == "bce":
        pred = _predict_bce(logits, labels)
    elif loss == "mse":
        pred = _predict_mse(logits, labels)
    elif loss == "crf":
        pred = _predict_crf(logits, labels, num_labels)
    else:
        raise DoctorError(f"unknown loss {loss!r}; use one of {', '.join(LOSSES)}")
    if loss == "nll" and (pred.raises is None or pred.raises.when == "backward"):
        # the forward kernel wants float scores; it fails before any error of the backward
        pred.raises = _kernel(logits, _nll_kernel(logits.ndim)) or pred.raises
    if pred.raises is None and not logits.is_float:  # integer scores never carry a gradient
        pred.raises = Raise(
            "RuntimeError",
            "element 0 of tensors does not require grad and does not have a grad_fn",
            "BD406",
            when="backward",
        )
    return pred


def _class_expectation(x: TensorSpec, loss: str) -> str:
    if x.ndim == 0:
        return f"{LOSS_NAMES[loss]} needs logits with a class axis: [N, C]"
    if x.ndim == 1:
        return (
            f"one example without a batch axis: logits [C] = {fmt_shape(x.shape)} and a 0-d long "
            "class id"
        )
    rest = fmt_shape((x.shape[0], *x.shape[2:]))
    probs = (
        f", or float class probabilities of the logits' shape {fmt_shape(x.shape)}"
        if loss == "ce"
        else ""
    )
    return (
        f"{LOSS_NAMES[loss]} reads axis 1 as the classes (C = {x.shape[1]}): it expects long "
        f"class ids of shape {rest} with values in 0..{x.shape[1] - 1} (or -100 to ignore)"
        f"{probs}"
        + (
            "; token logits [B, L, C] go in flattened: logits.view(-1, C), labels.view(-1)"
            if x.ndim == 3
            else ""
        )
    )


def _predict_ce(x: TensorSpec, y: TensorSpec, loss: str, num_labels: int | None) -> Prediction:
    p = Prediction(
        loss,
        f"{LOSS_NAMES[loss]}()(logits, labels)",
        _class_expectation(x, loss),
        raises=_cross_entropy(x, y) if loss == "ce" else _nll_nd(x, y, what="nll"),
    )
    if p.raises is not None:
        return p
    if x.ndim >= 3 and y.shape == x.shape[:2] and (num_labels is None or num_labels != x.shape[1]):
        p.silent.append(
            Silent(
                "BD403",
                f"logits {fmt_shape(x.shape)} with labels {fmt_shape(y.shape)}: torch takes axis "
                f"1 (size {x.shape[1]}) as the classes and scores each position against the "
                f"sequence axis; it runs only because {x.shape[1]} == {x.shape[2]}",
            )
        )
    elif (
        x.ndim >= 3
        and num_labels is not None
        and x.shape[-1] == num_labels
        and x.shape[1] != num_labels
    ):
        p.silent.append(
            Silent(
                "BD403",
                f"logits {fmt_shape(x.shape)} end in num_labels={num_labels}, but "
                f"{LOSS_NAMES[loss]} reads axis 1 (size {x.shape[1]}) as the classes",
            )
        )
    classes = x.shape[0] if x.ndim == 1 else x.shape[1]
    if loss == "ce" and classes == 1:
        p.silent.append(
            Silent(
                "BD401",
                f"logits {fmt_shape(x.shape)} have one class: the softmax over one class is 1, "
                "so CrossEntropyLoss is 0 for every example and nothing trains",
            )
        )
    return p


def _predict_bce(x: TensorSpec, y: TensorSpec) -> Prediction:
    return Prediction(
        "bce",
        "BCEWithLogitsLoss()(logits, labels)",
        f"BCEWithLogitsLoss expects float targets of exactly the logits' shape "
        f"{fmt_shape(x.shape)}, each in [0, 1] (one column per label)",
        raises=_bce(x, y),
    )


def _predict_mse(x: TensorSpec, y: TensorSpec) -> Prediction:
    raises, shape = _mse(x, y)
    if raises is None and _BEFORE_2_13.get() and x.is_float and y.dtype != x.dtype:
        raises = Raise(
            "RuntimeError",
            f"Found dtype {torch_dtype_name(y.dtype)} but expected {torch_dtype_name(x.dtype)}",
            "BD402",
            when="backward",
        )
    p = Prediction(
        "mse",
        "MSELoss()(logits, labels)",
        f"MSELoss expects float targets of exactly the logits' shape {fmt_shape(x.shape)}",
        raises=raises,
    )
    if raises is None and shape is not None and x.shape != y.shape:
        n = math.prod(shape)
        if n != x.numel or n != y.numel:
            p.silent.append(
                Silent(
                    "BD401",
                    f"MSELoss broadcasts logits {fmt_shape(x.shape)} and labels "
                    f"{fmt_shape(y.shape)} to {fmt_shape(shape)}: every prediction is compared "
                    f"with {'every label' if n > max(x.numel, y.numel) else 'the wrong labels'}; "
                    "torch only warns",
                )
            )
        else:
            p.silent.append(
                Silent(
                    "BD401",
                    f"logits {fmt_shape(x.shape)} and labels {fmt_shape(y.shape)} differ only in "
                    "axes of size 1: the pairs are right, but torch warns on every step",
                    severity="warning",
                )
            )
    return p


def _predict_crf(x: TensorSpec, y: TensorSpec, num_tags: int | None) -> Prediction:
    p = Prediction(
        "crf",
        "-crf(emissions, tags, mask=attention_mask.bool())  # CRF(num_tags, batch_first=True)",
        "CRF(batch_first=True) expects emissions [B, L, num_tags] and long tags [B, L] with "
        "every tag in 0..num_tags-1 (no -100) and the mask's first position on",
        raises=_crf(x, y, num_tags),
    )
    if p.raises is None and y.dtype in ("uint8", "bool"):
        p.silent.append(
            Silent(
                "BD402",
                f"tags of dtype {torch_dtype_name(y.dtype)} are used as boolean masks when CRF "
                "indexes with them, not as tag ids",
            )
        )
    return p


def resolve_problem_type(num_labels: int, labels_dtype: str, problem_type: str | None) -> str:
    """What transformers stores in config.problem_type on the first batch (modeling_bert.py)."""
    if problem_type:
        return problem_type
    if num_labels == 1:
        return "regression"
    if num_labels > 1 and labels_dtype in ("int64", "int32"):
        return "single_label_classification"
    return "multi_label_classification"


def _view(spec: TensorSpec, shape: tuple[int, ...]) -> tuple[TensorSpec | None, Raise | None]:
    """tensor.view(shape) with one -1, as torch checks it."""
    known = math.prod(d for d in shape if d != -1)
    if -1 in shape:
        if known == 0 or spec.numel % known:
            return None, Raise(
                "RuntimeError",
                f"shape '{fmt_shape(shape)}' is invalid for input of size {spec.numel}",
                "BD401",
            )
        shape = tuple(spec.numel // known if d == -1 else d for d in shape)
    return TensorSpec(shape, spec.dtype, spec.tensor), None


def _squeeze(spec: TensorSpec) -> TensorSpec:
    return TensorSpec(tuple(d for d in spec.shape if d != 1), spec.dtype, spec.tensor)


def _predict_hf(
    x: TensorSpec,
    y: TensorSpec,
    num_labels: int | None,
    problem_type: str | None,
    head: str | None,
) -> Prediction:
    if problem_type and problem_type not in PROBLEM_TYPES:
        raise DoctorError(f"unknown problem_type {problem_type!r}; use one of {PROBLEM_TYPES}")
    head = head or ("token" if x.ndim == 3 else "sequence")
    if head not in ("sequence", "token"):
        raise DoctorError(f"unknown head {head!r}; use sequence or token")
    n = num_labels if num_labels is not None else (x.shape[-1] if x.ndim else 1)
    want = "[B, L, num_labels]" if head == "token" else "[B, num_labels]"
    if x.ndim != (3 if head == "token" else 2) or x.shape[-1] != n:
        raises = Raise(
            "ValueError",
            f"the model's logits are {want} = [..., {n}], not {fmt_shape(x.shape)}",
            "BD401",
        )
        return Prediction("hf", "(no loss: these cannot be the model's logits)", want, raises)
    if problem_type == "single_label_classification" and n == 1:
        # transformers' PretrainedConfig refuses this pair when the config is built
        raises = Raise(
            "ValueError",
            '`problem_type="single_label_classification"` requires `num_labels > 1`. For binary '
            'classification use `num_labels=2`, or use `problem_type="regression"` for a '
            "single-output regression head.",
            "BD405",
        )
        return Prediction("hf", "(no model: the config is refused)", want, raises, [], problem_type)
    if head == "token":
        flat_x, _ = _view(x, (-1, n))
        flat_y, raises = _view(y, (-1,))
        p = Prediction(
            "hf",
            f"CrossEntropyLoss()(logits.view(-1, {n}), labels.view(-1))",
            f"*ForTokenClassification expects long labels [B, L] = {fmt_shape(x.shape[:2])}, "
            f"one class id in 0..{n - 1} per word piece, -100 on the pieces to ignore",
            raises=raises,
            problem_type="token_classification",
            inner="ce",
        )
        if raises is None and flat_x is not None and flat_y is not None:
            p.raises = _cross_entropy(flat_x, flat_y)  # flat_y is 1-D: never probabilities
        return p
    kind = resolve_problem_type(n, y.dtype, problem_type)
    if kind == "regression":
        if n == 1:
            lx, ly = _squeeze(x), _squeeze(y)
            computes = "MSELoss()(logits.squeeze(), labels.squeeze())"
        else:
            lx, ly, computes = x, y, "MSELoss()(logits, labels)"
        inner = _predict_mse(lx, ly)
        expects = (
            f"regression (num_labels={n}): float labels [B] = {fmt_shape(x.shape[:1])}"
            if n == 1
            else f"regression: float labels of the logits' shape {fmt_shape(x.shape)}"
        )
        return Prediction("hf", computes, expects, inner.raises, inner.silent, kind, "mse")
    if kind == "single_label_classification":
        flat_y, raises = _view(y, (-1,))
        flat_x, _ = _view(x, (-1, n))
        p = Prediction(
            "hf",
            f"CrossEntropyLoss()(logits.view(-1, {n}), labels.view(-1))",
            f"single-label classification: long class ids [B] = {fmt_shape(x.shape[:1])} in "
            f"0..{n - 1}",
            raises=raises,
            problem_type=kind,
            inner="ce",
        )
        if raises is None and flat_x is not None and flat_y is not None:
            p.raises = _cross_entropy(flat_x, flat_y)
        return p
    return Prediction(
        "hf",
        "BCEWithLogitsLoss()(logits, labels)",
        f"multi-label classification: float 0/1 labels of the logits' shape {fmt_shape(x.shape)}",
        raises=_bce(x, y),
        problem_type=kind,
        inner="bce",
    )


# -- findings ------------------------------------------------------------------------------------


def loss_key(loss: Any) -> str:
    """'ce', 'CrossEntropyLoss', nn.CrossEntropyLoss() -> 'ce'."""
    if not isinstance(loss, str):
        loss = type(loss).__name__
    key = loss.strip().lower()
    key = _MODULE_NAMES.get(key, key)
    if key not in LOSSES:
        raise DoctorError(f"unknown loss {loss!r}; use one of {', '.join(LOSSES)}")
    return key


def check_loss(
    logits: Any,
    labels: Any,
    loss: Any = "ce",
    *,
    num_labels: int | None = None,
    problem_type: str | None = None,
    logits_dtype: Any = None,
    labels_dtype: Any = None,
    head: str | None = None,
    squeeze: str | None = None,
    one_hot_in_place: bool = False,
    index: Any = None,
    value: Any = None,
    training: bool = False,
    ignore_index: int = -100,
    check_values: bool = True,
    torch_version: str | None = None,
) -> list[Finding]:
    """Findings for ``loss(logits, labels)``, without running it.

    ``logits`` and ``labels`` are tensors (torch or numpy) or shapes (``(4, 2)``), with
    ``logits_dtype`` / ``labels_dtype`` for shapes ("long", "float", ...). ``loss`` is one of
    ce, bce, mse, nll, crf, hf (or an ``nn`` loss module); for hf, ``num_labels``,
    ``problem_type`` and ``head`` ("sequence"/"token") describe the model. ``squeeze`` says a
    bare ``.squeeze()`` is applied before the loss ("logits", "labels" or "both"), to check a batch
    of one. ``one_hot_in_place`` says the target is built with ``labels[arange(B), labels] = 1``;
    ``index`` is the tensor used as the index for that, to check for shared memory. ``value`` is
    the computed loss, checked for a graph; ``training`` says the logits should carry one.
    ``check_values=False`` skips the label values (out of range, -100 in a CRF).
    ``torch_version`` is the torch to predict for (default: the installed one).
    """
    key = loss_key(loss)
    default_labels = "float32" if key in ("bce", "mse") else "int64"
    x = spec_of(logits, logits_dtype, default_dtype="float32")
    y = spec_of(labels, labels_dtype, default_dtype=default_labels)
    if squeeze not in (None, "logits", "labels", "both"):
        raise DoctorError(f"squeeze={squeeze!r}: use logits, labels or both")
    found: list[Finding] = []
    lx, ly = x, y
    if squeeze in ("logits", "both"):
        lx = _squeeze(x)
    if squeeze in ("labels", "both"):
        ly = _squeeze(y)
    pred = predict_loss(
        lx,
        ly,
        key,
        num_labels=num_labels,
        problem_type=problem_type,
        head=head,
        torch_version=torch_version,
    )
    # each check runs on its own: one that crashes is a BD000 finding, the others still run
    found += run_check(_verdict_findings, pred, lx, ly, num_labels)
    if squeeze:
        found += run_check(
            _batch_of_one, x, y, key, squeeze, num_labels, problem_type, head, torch_version
        )
    elif key != "hf":
        found += run_check(_lost_batch_axis, x, y, key)
    if pred.raises is None:
        found += run_check(_accidental_match, lx, ly, pred, num_labels)
    found += run_check(_grad_findings, x, value, training, pred)
    found += run_check(_overlap_findings, x, y, index, one_hot_in_place)
    if check_values and y.tensor is not None and pred.raises is None:
        found += run_check(_value_findings, lx, ly, pred, num_labels, ignore_index)
    return found


@check("BD401", "BD402", "BD403", "BD405", "BD406")
def _verdict_findings(
    pred: Prediction, x: TensorSpec, y: TensorSpec, num_labels: int | None
) -> Iterator[Finding]:
    if pred.loss == "hf":
        yield from _surprise(pred, x, y)
    if pred.raises is not None:
        r = pred.raises
        where = " in backward()" if r.when == "backward" else ""
        yield Finding.of(
            r.code,
            f"{LOSS_NAMES[pred.inner or pred.loss]} on logits {x} and labels {y} raises{where} {r}",
            fix=suggest_fix(pred, x, y, num_labels),
            severity="error",
        )
    for s in pred.silent:
        yield Finding.of(
            s.code,
            f"{s.message} (logits {x}, labels {y})",
            fix=suggest_fix(pred, x, y, num_labels, silent=s),
            severity=s.severity,
        )


def _surprise(pred: Prediction, x: TensorSpec, y: TensorSpec) -> Iterator[Finding]:
    """BD405: transformers picks a loss the labels do not suggest."""
    n = x.shape[-1] if x.ndim else 1
    kind = pred.problem_type
    if kind == "multi_label_classification" and y.shape != x.shape:
        why = (
            f"labels of dtype {torch_dtype_name(y.dtype)} are not long/int, "
            if y.dtype not in ("int64", "int32")
            else ""
        )
        yield Finding.of(
            "BD405",
            f"transformers will use multi-label BCEWithLogitsLoss ({why}num_labels={n}), but "
            f"labels {y} look like one class id per example",
            fix="pass class ids as torch.long (`labels.long()`) and set "
            "problem_type='single_label_classification' in from_pretrained",
        )
    elif kind == "regression" and not y.is_float and pred.inner == "mse":
        yield Finding.of(
            "BD405",
            f"num_labels=1 makes transformers train a regression (MSELoss) on labels {y}, "
            "which look like class ids",
            fix="for a binary task use num_labels=2 with long labels; for regression pass "
            "float labels (`labels.float()`)",
        )
    elif kind == "multi_label_classification" and y.tensor is not None and _one_hot_rows(y):
        yield Finding.of(
            "BD405",
            f"labels {y} have exactly one 1 per row: transformers trains them as multi-label "
            "(sigmoid per class), not single-label (softmax)",
            fix="for one class per example pass `labels.argmax(-1)` (long) instead",
            severity="warning",
        )


def _one_hot_rows(y: TensorSpec) -> bool:
    if not y.ndim or not y.numel:
        return False
    rows = _as_numpy(y.tensor).reshape(-1, y.shape[-1])
    ones = (rows == 1).sum(-1)
    zeros = (rows == 0).sum(-1)
    return bool(((ones == 1) & (ones + zeros == y.shape[-1])).all())


def suggest_fix(
    pred: Prediction,
    x: TensorSpec,
    y: TensorSpec,
    num_labels: int | None,
    silent: Silent | None = None,
) -> str:
    """The smallest change that makes this pair right."""
    loss = pred.inner or pred.loss
    if (
        silent is not None
        and silent.code == "BD403"
        or (pred.raises and pred.raises.code == "BD403")
    ):
        c = num_labels or x.shape[-1]
        return f"flatten: {LOSS_NAMES[loss]}()(logits.view(-1, {c}), labels.view(-1))"
    if pred.raises and pred.raises.code == "BD406":
        return "pass the raw float logits to the loss; use argmax only for predictions"
    if loss in ("ce", "nll"):
        if x.ndim >= 1 and x.shape == y.shape and not y.is_float:
            return (
                f"labels look one-hot: pass class ids `labels.argmax(-1)` (long, shape "
                f"{fmt_shape(x.shape[:-1])}), or `labels.float()` to use them as probabilities"
            )
        if x.ndim == 2 and x.shape[1] == 1:
            return (
                "one logit per example is a binary head: use BCEWithLogitsLoss()"
                "(logits.squeeze(-1), labels.float()), or num_labels=2 with CrossEntropyLoss"
            )
        if x.ndim >= 2 and y.shape == (x.shape[0], *x.shape[2:]) and y.dtype != "int64":
            return f"`labels.long()`: {LOSS_NAMES[loss]} wants class ids as torch.long"
        if x.ndim == 2:
            return (
                f"labels must be class ids of shape [{x.shape[0]}] (dtype long), one per row of "
                f"the logits"
            )
        if x.ndim == 1:
            return "keep the batch axis: `logits.squeeze(-1)` or no squeeze at all"
        if x.ndim == 0:
            return "the logits need a batch and a class axis, [N, C]: do not squeeze them"
        return f"labels of shape {fmt_shape((x.shape[0], *x.shape[2:]))}, dtype long"
    if loss == "bce":
        if x.shape == y.shape:
            return "`labels.float()`: BCEWithLogitsLoss wants float targets"
        if x.ndim == 2 and y.shape == x.shape[:1] and x.shape[1] > 1 and pred.loss == "hf":
            return (
                "`labels.long()`: with long class ids transformers picks "
                "single_label_classification (CrossEntropyLoss); for multi-label keep "
                f"BCE with one-hot targets F.one_hot(labels.long(), {x.shape[1]}).float()"
            )
        if x.ndim == 2 and y.shape == x.shape[:1] and x.shape[1] > 1:
            return (
                f"CrossEntropyLoss()(logits, labels.long()) to keep {x.shape[1]} classes; or "
                "num_labels=1 with BCEWithLogitsLoss()(logits.squeeze(-1), labels.float()); "
                f"or one-hot targets F.one_hot(labels.long(), {x.shape[1]}).float()"
            )
        if x.ndim == 2 and y.shape == x.shape[:1] and x.shape[1] == 1:
            return "BCEWithLogitsLoss()(logits.squeeze(-1), labels.float())"
        if x.ndim == 1 and y.ndim == 1 and y.numel and x.numel % y.numel == 0 and x.numel > y.numel:
            k = x.numel // y.numel
            return (
                f"logits {fmt_shape(x.shape)} = {y.numel} examples x {k} outputs flattened: do not "
                f"flatten; use CrossEntropyLoss()(logits, labels.long()) on [{y.numel}, {k}] "
                f"logits, or num_labels=1 with BCEWithLogitsLoss()(logits.squeeze(-1), "
                f"labels.float())"
            )
        if x.ndim == 0 or (y.ndim == x.ndim + 1 and y.shape[0] == 1):
            return "keep the batch axis: `logits.squeeze(-1)` instead of `logits.squeeze()`"
        return f"make the labels {fmt_shape(x.shape)} float, the logits' shape"
    if loss == "mse":
        if pred.raises and pred.raises.message.startswith("Found dtype"):
            want = "labels.float()" if x.dtype == "float32" else "labels.to(logits.dtype)"
            return (
                f"`{want}`: before torch 2.13, MSELoss's backward wants the labels in the "
                f"logits' dtype ({torch_dtype_name(x.dtype)}), not {torch_dtype_name(y.dtype)}"
            )
        if x.ndim == y.ndim + 1 and x.shape[-1] == 1:
            return "`logits.squeeze(-1)` so both are " + fmt_shape(x.shape[:-1])
        if y.ndim == x.ndim + 1 and y.shape[-1] == 1:
            return "`labels.squeeze(-1)` so both are " + fmt_shape(y.shape[:-1])
        if x.ndim == 2 and y.shape == x.shape[:1]:
            return (
                "for regression use num_labels=1 and `logits.squeeze(-1)`; for classes use "
                "CrossEntropyLoss with long labels"
            )
        return f"make the labels the logits' shape {fmt_shape(x.shape)}"
    if loss == "crf":
        if y.is_float or y.dtype in ("uint8", "bool"):
            return "`tags.long()`"
        if x.ndim == 2:
            return "emissions must keep the tag axis: [B, L, num_tags], not " + fmt_shape(x.shape)
        return f"tags of shape {fmt_shape(x.shape[:2])} (batch_first=True)"
    return "see `bertdoctor rule " + (pred.raises.code if pred.raises else "BD401") + "`"


@check("BD401")
def _accidental_match(
    x: TensorSpec, y: TensorSpec, pred: Prediction, num_labels: int | None
) -> Iterator[Finding]:
    """BD401: BCE / MSE shapes that match, but not because the labels are per class."""
    loss = pred.inner or pred.loss
    if loss not in ("bce", "mse") or x.shape != y.shape or not x.ndim:
        return
    if num_labels is not None and pred.loss != "hf" and x.shape[-1] != num_labels:
        yield Finding.of(
            "BD401",
            f"logits and labels are both {fmt_shape(x.shape)}, but the last axis has "
            f"{x.shape[-1]} entries, not num_labels={num_labels}: the shapes match by accident",
            fix=f"the loss wants [batch, {num_labels}] for both; check which axis is the batch "
            "and which the labels (a transposed or flattened tensor?)",
            severity="warning",
        )
    strides = getattr(y.tensor, "stride", None)
    if callable(strides) and y.numel > 1 and 0 in strides():
        yield Finding.of(
            "BD401",
            f"labels {y} are an expanded view (stride {tuple(strides())}): their shape matches "
            "the logits only because one row is repeated",
            fix="build one target per example: F.one_hot(labels, num_classes).float() for "
            "classes, or labels of shape [batch] with logits.squeeze(-1)",
            severity="warning",
        )


@check("BD404")
def _batch_of_one(
    x: TensorSpec,
    y: TensorSpec,
    loss: str,
    squeeze: str,
    num_labels: int | None,
    problem_type: str | None,
    head: str | None,
    torch_version: str | None = None,
) -> Iterator[Finding]:
    """BD404: the same code with a batch of one, where a bare .squeeze() drops the batch axis."""
    if not x.shape or not y.shape or x.shape[0] == 1:
        return
    x1 = TensorSpec((1, *x.shape[1:]), x.dtype)
    y1 = TensorSpec((1, *y.shape[1:]), y.dtype)
    sx = _squeeze(x1) if squeeze in ("logits", "both") else x1
    sy = _squeeze(y1) if squeeze in ("labels", "both") else y1
    now = predict_loss(
        _squeeze(x) if squeeze in ("logits", "both") else x,
        _squeeze(y) if squeeze in ("labels", "both") else y,
        loss,
        num_labels=num_labels,
        problem_type=problem_type,
        head=head,
        torch_version=torch_version,
    )
    one = predict_loss(
        sx,
        sy,
        loss,
        num_labels=num_labels,
        problem_type=problem_type,
        head=head,
        torch_version=torch_version,
    )
    if now.ok and not one.ok:
        what = f"raises {one.raises}" if one.raises else one.silent[0].message
        yield Finding.of(
            "BD404",
            f"with a batch of 1 (the last batch when len(dataset) % batch_size == 1), "
            f"`.squeeze()` turns logits {fmt_shape(x1.shape)} into {fmt_shape(sx.shape)} and "
            f"labels {fmt_shape(y1.shape)} into {fmt_shape(sy.shape)}: {LOSS_NAMES[loss]} {what}",
            fix="squeeze only the axis you mean: `.squeeze(-1)`; or DataLoader(..., "
            "drop_last=True)",
            severity="error" if one.raises else "warning",
        )


@check("BD404")
def _lost_batch_axis(x: TensorSpec, y: TensorSpec, loss: str) -> Iterator[Finding]:
    """BD404 seen in the shapes themselves: logits that lost their batch axis, labels of one."""
    lost = (x.ndim == 0 and y.ndim >= 1 and y.shape[0] == 1) or (
        loss in ("ce", "nll") and x.ndim == 1 and y.shape == (1,)
    )
    if lost:
        yield Finding.of(
            "BD404",
            f"logits {fmt_shape(x.shape)} have no batch axis but labels {fmt_shape(y.shape)} "
            "have a batch of 1: a bare `.squeeze()` dropped it",
            fix="`.squeeze(-1)` (or no squeeze) keeps the batch axis for every batch size",
        )


@check("BD406")
def _grad_findings(
    x: TensorSpec, value: Any, training: bool, pred: Prediction
) -> Iterator[Finding]:
    """BD406: a loss (or logits, in training) that carries no graph back to the model."""
    if value is not None and hasattr(value, "requires_grad") and not value.requires_grad:
        yield Finding.of(
            "BD406",
            f"the loss ({_describe_value(value)}) does not require grad and has no grad_fn: "
            "backward() fails or trains nothing",
            fix="compute the loss from the logits with tensor operations (no .item(), .numpy(), "
            "argmax, torch.tensor(...)) and outside torch.no_grad()",
        )
    if x.dtype not in FLOATS and not (pred.raises and pred.raises.code == "BD406"):
        yield Finding.of(
            "BD406",
            f"logits of dtype {torch_dtype_name(x.dtype)} have no gradient (argmax output?): "
            "a loss on them cannot train the model",
            fix="pass the raw float logits to the loss; use argmax only for predictions",
        )
    elif training and x.tensor is not None and hasattr(x.tensor, "requires_grad"):
        if not x.tensor.requires_grad:
            yield Finding.of(
                "BD406",
                f"logits {x} do not require grad: they were detached, or computed under "
                "torch.no_grad() / model.eval() with inference_mode",
                fix="compute the training forward outside torch.no_grad() and do not .detach() "
                "the logits",
            )


def _describe_value(value: Any) -> str:
    try:
        return f"{float(value):.4g}, dtype {torch_dtype_name(canonical_dtype(value.dtype)).lower()}"
    except Exception:  # noqa: BLE001 - not a scalar
        return type(value).__name__


@check("BD407")
def _overlap_findings(
    x: TensorSpec, y: TensorSpec, index: Any, one_hot_in_place: bool
) -> Iterator[Finding]:
    """BD407: a target written through the tensor that indexes it."""
    if index is not None and y.tensor is not None and _shares_memory(y.tensor, index):
        yield Finding.of(
            "BD407",
            f"the target {y} shares memory with the index tensor "
            f"{fmt_shape(tuple(index.shape))}: writing the one-hot 1s overwrites the labels "
            "being read",
            fix="build a new tensor: `F.one_hot(labels, num_classes).float()`",
        )
    elif one_hot_in_place:
        c = x.shape[-1] if x.ndim else "num_classes"
        yield Finding.of(
            "BD407",
            "`labels[torch.arange(B), labels] = 1` writes into the tensor it reads the indices "
            "from: torch refuses it (`unsupported operation: some elements of the input tensor "
            "and the written-to tensor refer to a single memory location`), or a view changes "
            "the labels silently",
            fix=f"`target = F.one_hot(labels, {c}).float()`",
        )


def _shares_memory(a: Any, b: Any) -> bool:
    try:
        return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()
    except AttributeError:  # numpy
        import numpy as np

        return bool(np.shares_memory(a, b))


@check("BD201", "BD202", "BD203", "BD402")
def _value_findings(
    x: TensorSpec, y: TensorSpec, pred: Prediction, num_labels: int | None, ignore_index: int
) -> Iterator[Finding]:
    """Label values the loss cannot take (out of range, -100 in a CRF, BCE targets outside 0-1)."""
    import numpy as np

    values = _as_numpy(y.tensor)
    loss = pred.inner or pred.loss
    if loss in ("ce", "nll", "crf") and not y.is_float and values.size:
        classes = (
            x.shape[-1]
            if loss == "crf" or pred.loss == "hf"
            else (x.shape[0] if x.ndim == 1 else x.shape[1])
        )
        if loss == "crf" and (values == -100).any():
            yield Finding.of(
                "BD203",
                f"{plural(int((values == -100).sum()), 'tag')} -100: a CRF indexes its transition "
                "matrix with every tag, so -100 raises `IndexError: index -100 is out of bounds`",
                fix="give the CRF real tags (e.g. the O tag) on ignored positions and mask them "
                "with attention_mask instead of -100",
            )
        ignored = values == ignore_index if loss != "crf" else np.zeros_like(values, bool)
        high = values[(values >= classes) & ~ignored]
        low = values[(values < 0) & ~ignored & (values != -100)]
        if high.size:
            yield Finding.of(
                "BD201",
                f"{plural(high.size, 'label')} >= {classes} classes (ids {_few(high)}): "
                "torch raises "
                "`IndexError: Target ... is out of bounds` (a device-side assert on CUDA)",
                fix=f"num_labels must be at least {int(high.max()) + 1}, or fix the label ids",
            )
        if low.size:
            yield Finding.of(
                "BD202",
                f"{plural(low.size, 'negative label')} other than {ignore_index} (ids {_few(low)})",
                fix=f"use {ignore_index} for positions to ignore; real labels are 0..{classes - 1}",
            )
    if loss == "bce" and y.is_float and values.size and ((values < 0) | (values > 1)).any():
        bad = values[(values < 0) | (values > 1)]
        yield Finding.of(
            "BD402",
            f"{plural(bad.size, 'BCE target')} outside [0, 1] (values {_few(bad)}): "
            "class ids used as "
            "probabilities",
            fix=f"one-hot targets: F.one_hot(labels.long(), {x.shape[-1] if x.ndim else 2})"
            ".float()",
        )
    if loss == "ce" and x.shape == y.shape and y.is_float and values.size and x.ndim:
        rows = values.reshape(-1, y.shape[1] if y.ndim > 1 else y.shape[0]) if y.ndim else values
        sums = rows.sum(-1) if y.ndim == 2 else None
        if (values < 0).any() or (sums is not None and not np.allclose(sums, 1, atol=1e-3)):
            yield Finding.of(
                "BD402",
                f"float labels {y} of the logits' shape are read as class probabilities, but "
                "their rows do not sum to 1",
                fix="pass class ids as torch.long of shape "
                f"{fmt_shape((x.shape[0], *x.shape[2:]))}",
            )


def _as_numpy(t: Any) -> Any:
    import numpy as np

    if hasattr(t, "detach"):
        t = t.detach()
        if str(t.dtype) == "torch.bfloat16":
            t = t.float()
        return t.cpu().numpy()
    return np.asarray(t)


def _few(values: Any, n: int = 5) -> str:
    import numpy as np

    uniq = np.unique(values)
    shown = ", ".join(str(v.item()) for v in uniq[:n])
    return shown + (f" ... {len(uniq) - n} more" if len(uniq) > n else "")


def check_loss_report(logits: Any, labels: Any, loss: Any = "ce", **kw: Any) -> Report:
    """`bertdoctor check-loss` as a Report: the verdict, what the loss expects, the findings."""
    key = loss_key(loss)
    default_labels = "float32" if key in ("bce", "mse") else "int64"
    x = spec_of(logits, kw.get("logits_dtype"), default_dtype="float32")
    y = spec_of(labels, kw.get("labels_dtype"), default_dtype=default_labels)
    sx = _squeeze(x) if kw.get("squeeze") in ("logits", "both") else x
    sy = _squeeze(y) if kw.get("squeeze") in ("labels", "both") else y
    pred = predict_loss(
        sx,
        sy,
        key,
        num_labels=kw.get("num_labels"),
        problem_type=kw.get("problem_type"),
        head=kw.get("head"),
        torch_version=kw.get("torch_version"),
    )
    findings = check_loss(logits, labels, key, **kw)
    if pred.raises:
        verdict = f"raises {pred.raises.kind}" + (
            " in backward()" if pred.raises.when == "backward" else ""
        )
    elif any(f.code == "BD404" and f.severity is Severity.ERROR for f in findings):
        verdict = "runs at this batch size, fails on a batch of 1"
    elif any(f.severity is Severity.ERROR for f in findings):
        verdict = "runs, but computes the wrong thing"
    elif findings:
        verdict = "runs, with warnings"
    else:
        verdict = "fine"
    inner = pred.inner or key
    title = LOSS_NAMES[key]
    if key == "hf" and pred.problem_type:
        head = "Token" if pred.problem_type == "token_classification" else "Sequence"
        title = f"transformers *For{head}Classification: {pred.problem_type} ({LOSS_NAMES[inner]})"
    lines = [
        f"logits   {x}" + (f" -> squeezed {fmt_shape(sx.shape)}" if sx != x else ""),
        f"labels   {y}" + (f" -> squeezed {fmt_shape(sy.shape)}" if sy != y else ""),
        f"computes {pred.computes}",
        f"expects  {pred.expects}",
    ]
    if pred.raises:
        lines.append(f"torch    {pred.raises}")
    from ..render import lines_of

    section = Section(
        f"Loss: {title}",
        summary=verdict,
        findings=findings,
        lines=lines_of(lines),
        data={
            "loss": key,
            "torch_loss": LOSS_NAMES[inner],
            "problem_type": pred.problem_type,
            "logits": {"shape": list(x.shape), "dtype": x.dtype},
            "labels": {"shape": list(y.shape), "dtype": y.dtype},
            "computes": pred.computes,
            "expects": pred.expects,
            "raises": str(pred.raises) if pred.raises else None,
            "verdict": verdict,
        },
    )
    return Report("check-loss", [section])
