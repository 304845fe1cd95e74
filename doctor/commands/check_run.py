"""`bertdoctor check-run` (placeholder until issue 7 lands; its owner replaces this module)."""

from __future__ import annotations

from ._common import fail


def check_run() -> None:
    """Not implemented yet."""
    raise fail("`bertdoctor check-run` is not implemented yet")
