"""`bertdoctor explain` (placeholder until issue 5 lands; its owner replaces this module)."""

from __future__ import annotations

from ._common import fail


def explain() -> None:
    """Not implemented yet."""
    raise fail("`bertdoctor explain` is not implemented yet")
