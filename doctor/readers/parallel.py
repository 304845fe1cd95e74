"""Parallel word and tag files, line-aligned: ``seq.in`` holds the words of a sentence on one
line, ``seq.out`` its tags, both split on whitespace (the ATIS/SNIPS layout). Give either file
or the folder holding both."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import zip_longest
from pathlib import Path

from .base import Example, LineSource

PAIRS = (("seq.in", "seq.out"), ("words.txt", "tags.txt"), ("sentences.txt", "labels.txt"))


def find_pair(path: Path) -> tuple[Path, Path] | None:
    """The (words, tags) files for a path that is one of them or a folder holding both."""
    folder, name = (path, None) if path.is_dir() else (path.parent, path.name)
    for words, tags in PAIRS:
        if name in (None, words, tags) and (folder / words).is_file() and (folder / tags).is_file():
            return folder / words, folder / tags
    if name and name.endswith((".in", ".out")):
        stem = name.rsplit(".", 1)[0]
        words, tags = folder / f"{stem}.in", folder / f"{stem}.out"
        if words.is_file() and tags.is_file():
            return words, tags
    return None


def read_parallel(words_src: LineSource, tags_src: LineSource) -> Iterator[Example]:
    """One Example per line pair; the path and line are those of the words file."""
    path = str(words_src.path)
    for a, b in zip_longest(words_src.lines(), tags_src.lines()):
        if a is None or b is None:
            n = (a or b)[0]
            longer = words_src.path.name if b is None else tags_src.path.name
            words_src.issues.add("malformed", n, f"{longer} has more lines than its partner")
            continue
        n, words = a[0], a[1].split()
        tags = b[1].split()
        yield Example(path, n, tokens=tuple(words), tags=tuple(tags))
