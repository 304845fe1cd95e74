"""Readers: one per input format, all yielding the same Example records (see base.py)."""

from .base import Example

__all__ = ["Example"]
