"""BD52x: verdicts of the reference fine-tuning recipes (run-recipe, diagnose)."""

from . import rule  # noqa: F401
