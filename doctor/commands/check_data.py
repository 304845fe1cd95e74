"""`bertdoctor check-data` (placeholder until issue 3 lands; its owner replaces this module)."""

from __future__ import annotations

from ._common import fail


def check_data() -> None:
    """Not implemented yet."""
    raise fail("`bertdoctor check-data` is not implemented yet")
