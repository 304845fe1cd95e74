"""Already-encoded data: a ``.pt`` file holding a dict of ``input_ids``, ``attention_mask``,
``token_type_ids``, ``labels`` (tensors or lists of lists, one row per example), or a list of
such dicts (one per example or per batch). Loaded with ``torch.load(weights_only=True)``, so no
pickled code runs. Each row becomes an Example whose ``line`` is its 1-based row number; labels
of one id per position go to ``tags`` (token classification), one per row to ``label``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..findings import DoctorError
from .base import Example, Issues

FIELDS = ("input_ids", "attention_mask", "token_type_ids", "labels")


def read_tensors(path: Path, issues: Issues) -> Iterator[Example]:
    import torch  # only here: reading .pt files is the one reason check-data needs torch

    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to load is "cannot read this file"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DoctorError(
            f"{path}: cannot load with torch.load(weights_only=True): {first}"
        ) from None
    chunks = obj if isinstance(obj, (list, tuple)) else [obj]
    row = 0
    for chunk in chunks:
        if not isinstance(chunk, dict) or "input_ids" not in chunk:
            keys = ", ".join(map(str, chunk)) if isinstance(chunk, dict) else type(chunk).__name__
            raise DoctorError(
                f"{path}: holds no input_ids (found {keys}); expected a dict of "
                "input_ids, attention_mask, token_type_ids, labels"
            )
        cols = {k: _rows(chunk[k]) for k in FIELDS if chunk.get(k) is not None}
        if cols["input_ids"] and not isinstance(cols["input_ids"][0], tuple):
            # one example per dict: 1-D tensors
            cols = {k: [tuple(v) if len(v) > 1 or k != "labels" else v[0]] for k, v in cols.items()}
        ids = cols["input_ids"]
        for k, rows in cols.items():
            if len(rows) != len(ids):
                issues.add("malformed", row + 1, f"{k} has {len(rows)} rows, input_ids {len(ids)}")
        for i, input_ids in enumerate(ids):
            row += 1
            labels = cols["labels"][i] if "labels" in cols and i < len(cols["labels"]) else None
            # one id per position (token classification), else one label per row; a row of
            # another length that holds -100 is still per position (and misaligned)
            per_position = isinstance(labels, tuple) and (
                len(labels) == len(input_ids) or -100 in labels
            )
            yield Example(
                str(path),
                row,
                input_ids=input_ids,
                attention_mask=_get(cols, "attention_mask", i),
                token_type_ids=_get(cols, "token_type_ids", i),
                tags=labels if per_position else None,
                label=None if per_position else labels,
            )


def _get(cols: dict, key: str, i: int) -> Any:
    rows = cols.get(key)
    return rows[i] if rows is not None and i < len(rows) else None


def _rows(value: Any) -> list[Any]:
    """Rows of a tensor or nested list: a tuple of numbers per row, or a number per row."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], (list, tuple)):
        return [tuple(r) for r in value]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]
