"""`bertdoctor check-loss` (placeholder until issue 4 lands; its owner replaces this module)."""

from __future__ import annotations

from ._common import fail


def check_loss() -> None:
    """Not implemented yet."""
    raise fail("`bertdoctor check-loss` is not implemented yet")
