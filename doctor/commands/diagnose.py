"""`bertdoctor diagnose` (placeholder until issue 6 lands; its owner replaces this module)."""

from __future__ import annotations

from ._common import fail


def diagnose() -> None:
    """Not implemented yet."""
    raise fail("`bertdoctor diagnose` is not implemented yet")
