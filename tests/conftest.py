"""Shared fixtures: tiny real model folders (built once per session) and the shared datasets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red CI must mean a change broke something); local
# runs draw new ones, which is how property tests keep finding bugs.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "datasets"


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not there")
    return SHARED


@pytest.fixture(scope="session")
def tiny_ner_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A token-classification folder with 5 labels (O, B-PER, I-PER, B-LOC, I-LOC)."""
    from tinybert import build_tiny_bert

    labels = {0: "O", 1: "B-PER", 2: "I-PER", 3: "B-LOC", 4: "I-LOC"}
    return build_tiny_bert(tmp_path_factory.mktemp("tiny-ner"), id2label=labels)


@pytest.fixture(scope="session")
def tiny_cls_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sequence-classification folder with 2 labels."""
    from tinybert import build_tiny_bert

    return build_tiny_bert(
        tmp_path_factory.mktemp("tiny-cls"), head="sequence", id2label={0: "safe", 1: "offensive"}
    )
