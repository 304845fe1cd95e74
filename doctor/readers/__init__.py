"""Readers: one per input format, all yielding the same Example records (see base.py).

- ``read_examples(path, task=None) -> Iterator[Example]``: the examples of one file, streamed.
- ``open_source(path, task=None) -> Source``: the same, plus what the reader met on the way:
  ``source.format`` (``conll``, ``parallel``, ``jsonl``, ``json``, ``csv``, ``tsv``, ``pt``),
  ``source.issues`` (an ``Issues`` dict: kind -> ``Tally`` with the count, the first lines and
  the observed values; kinds ``decode``, ``utf16``, ``bom``, ``crlf``, ``malformed``,
  ``char-index``, ``span``), filled while iterating, and ``source.progress()`` (bytes read,
  bytes in all) for a progress bar.
- ``detect_format(path) -> str``.

Readers never raise to mean "this record is bad": a bad byte is decoded with U+FFFD and kept in
the issues, a malformed record is skipped and kept. A missing file, an empty folder or a binary
file raises ``DoctorError`` with one line naming the file. ``task`` ("ner", "cls", "pair")
overrides what the format implies where both are possible (a TSV of two columns is CoNLL for
``ner`` and text/label for ``cls``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import DoctorError
from .base import Example, Issues, LineSource, Tally, sniff

__all__ = ["Example", "Issues", "Source", "Tally", "detect_format", "open_source", "read_examples"]


@dataclass
class Source:
    path: Path
    format: str
    task: str | None = None
    issues: Issues = field(default_factory=Issues)
    _lines: list[LineSource] = field(default_factory=list)
    _size: int = 0

    def __iter__(self) -> Iterator[Example]:
        from .conll import read_conll
        from .csv import read_csv
        from .jsonl import read_json_array, read_jsonl
        from .parallel import find_pair, read_parallel
        from .tensors import read_tensors

        fmt = self.format
        if fmt == "pt":
            self._size = self.path.stat().st_size
            yield from read_tensors(self.path, self.issues)
            return
        if fmt == "parallel":
            pair = find_pair(self.path)
            assert pair is not None
            words, tags = LineSource(pair[0], self.issues), LineSource(pair[1], Issues())
            self._lines = [words, tags]
            self._size = pair[0].stat().st_size + pair[1].stat().st_size
            yield from read_parallel(words, tags)
            for kind, tally in tags.issues.items():
                self.issues.setdefault(kind, tally)
            return
        src = LineSource(self.path, self.issues)
        self._lines = [src]
        self._size = self.path.stat().st_size
        if fmt == "conll":
            yield from read_conll(src)
        elif fmt == "jsonl":
            yield from read_jsonl(src)
        elif fmt == "json":
            yield from read_json_array(src)
        else:
            yield from read_csv(src, "\t" if fmt == "tsv" else ",")

    def progress(self) -> tuple[int, int]:
        """(bytes read, bytes in all) of the file named by ``path`` (the words file of a pair)."""
        done = self._lines[0].bytes_read if self._lines else 0
        return done, self.path.stat().st_size


def open_source(path: str | Path, task: str | None = None) -> Source:
    from .parallel import find_pair

    p = Path(path)
    fmt = detect_format(p, task)
    if fmt == "parallel":  # findings point at the words file, whichever path was given
        pair = find_pair(p)
        assert pair is not None
        p = pair[0]
    return Source(p, fmt, task)


def read_examples(path: str | Path, task: str | None = None) -> Iterator[Example]:
    """The examples of one file (or a seq.in/seq.out folder), streamed."""
    yield from open_source(path, task)


_CONLL_SUFFIXES = (".conll", ".conllu", ".bio", ".bmes", ".bioes", ".iob", ".iob2", ".ner")


def detect_format(path: Path, task: str | None = None) -> str:
    """The reader for a path, from its name and its first bytes."""
    from .parallel import find_pair

    if path.is_dir() or path.name.endswith((".in", ".out")) or path.name in ("seq.in", "seq.out"):
        if find_pair(path):
            return "parallel"
        if path.is_dir():
            raise DoctorError(
                f"{path}: a directory with no data file bertdoctor can read "
                "(give the files, or a folder holding seq.in and seq.out)"
            )
    name = path.name.lower()
    if name.endswith((".pt", ".pth")):
        if not path.is_file():
            sniff(path)
        return "pt"
    head = sniff(path)
    text = head.decode("utf-8", "replace").lstrip("\ufeff \r\n\t")
    if name.endswith(".jsonl") or (text.startswith("{") and not name.endswith((".csv", ".tsv"))):
        return "jsonl"
    if name.endswith(".json") or text.startswith("["):
        return "json"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(_CONLL_SUFFIXES):
        return "conll"
    if task != "ner" and _has_text_header(text):
        return "tsv" if "\t" in text.split("\n", 1)[0] else "csv"
    if task in ("cls", "pair"):
        return "tsv" if "\t" in text else "csv"
    if task == "ner" or _looks_conll(text):
        return "conll"
    return "tsv" if "\t" in text.split("\n", 1)[0] else "csv"


def _has_text_header(text: str) -> bool:
    """A first line naming a text column and a label column: a CSV/TSV header."""
    from .csv import LABEL_NAMES, TEXT_NAMES

    first = text.split("\n", 1)[0]
    cells = {c.strip().lower() for c in first.replace("\t", ",").split(",")}
    return bool(cells & set(TEXT_NAMES)) and bool(cells & set(LABEL_NAMES))


def _looks_conll(text: str) -> bool:
    """Short first columns and blank lines between blocks: one token per line."""
    lines = text.rstrip("\n").split("\n")[:200]
    rows = [ln for ln in lines if ln.strip()]
    if not rows:
        return True
    blank = len(lines) - len(rows)
    firsts = [(ln.split("\t") if "\t" in ln else ln.split())[0] for ln in rows]
    short = sum(1 for f in firsts if len(f) <= 30 and " " not in f.strip())
    cols = sum(1 for ln in rows if 2 <= len(ln.split("\t") if "\t" in ln else ln.split()) <= 12)
    return short >= 0.9 * len(rows) and cols >= 0.9 * len(rows) and (blank > 0 or len(rows) < 20)
