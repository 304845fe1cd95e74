"""`bertdoctor check-script` (placeholder until issue 8 lands; its owner replaces this module)."""

from __future__ import annotations

from ._common import fail


def check_script() -> None:
    """Not implemented yet."""
    raise fail("`bertdoctor check-script` is not implemented yet")
