"""Markers shared by the test files (tests/ is on pytest's pythonpath)."""

from __future__ import annotations

import importlib.util

import pytest

# pytorch-crf is in the dev extra, which CI installs; a machine without it (the GPU device's
# image) skips the tests that build a CRF rather than failing them
NEEDS_CRF = pytest.mark.skipif(
    importlib.util.find_spec("torchcrf") is None,
    reason="pytorch-crf (in the dev extra) is not installed",
)
