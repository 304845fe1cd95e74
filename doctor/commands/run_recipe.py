"""`bertdoctor run-recipe` (placeholder until issue 6 lands; its owner replaces this module)."""

from __future__ import annotations

from ._common import fail


def run_recipe() -> None:
    """Not implemented yet."""
    raise fail("`bertdoctor run-recipe` is not implemented yet")
