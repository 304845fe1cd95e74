"""Rules of this family are defined here (see doctor/rules/__init__.py)."""

from . import rule  # noqa: F401
