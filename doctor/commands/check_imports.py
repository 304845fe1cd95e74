"""`bertdoctor check-imports` (placeholder until issue 4 lands; its owner replaces this module)."""

from __future__ import annotations

from ._common import fail


def check_imports() -> None:
    """Not implemented yet."""
    raise fail("`bertdoctor check-imports` is not implemented yet")
