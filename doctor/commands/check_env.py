"""`bertdoctor check-env` (placeholder until issue 2 lands; its owner replaces this module)."""

from __future__ import annotations

from ._common import fail


def check_env() -> None:
    """Not implemented yet."""
    raise fail("`bertdoctor check-env` is not implemented yet")
