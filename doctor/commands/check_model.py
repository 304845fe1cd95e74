"""`bertdoctor check-model` (placeholder until issue 4 lands; its owner replaces this module)."""

from __future__ import annotations

from ._common import fail


def check_model() -> None:
    """Not implemented yet."""
    raise fail("`bertdoctor check-model` is not implemented yet")
