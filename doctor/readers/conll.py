"""CoNLL-style columns: one token per line, the token in the first column and the tag in the last,
separated by a tab or spaces; sentences end at a blank line, and a line of only whitespace (a
lone tab, as in WNUT-17's train file) is blank too; ``-DOCSTART-`` lines are skipped.

A token column of "character + word-position index" (``科0``, ``技1``, ``p10``: Weibo NER 2nd
version) is recognised from the first 2,000 tokens: the reader yields the character and keeps
the finding as ``issues['char-index']``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .base import Example, Issues, LineSource

_CHAR_INDEX = re.compile(r"^(.+?)(\d{1,3})$", re.S)
_SNIFF_TOKENS = 2000


def read_conll(src: LineSource) -> Iterator[Example]:
    path = str(src.path)
    issues = src.issues
    tokens: list[str] = []
    tags: list[str] = []
    start = 0
    buffered: list[Example] | None = []  # held back until the token column is understood
    seen_tokens = 0
    split_index = False

    def finish() -> Example:
        words = tuple(_strip_index(tokens, start, issues) if split_index else tokens)
        return Example(path, start, tokens=words, tags=tuple(tags))

    for n, line in enumerate(src.texts(), 1):
        if not line or line.isspace():
            if tokens:
                ex = finish()
                tokens, tags = [], []
                if buffered is None:
                    yield ex
                else:
                    buffered.append(ex)
                    seen_tokens += len(ex.tokens or ())
                    if seen_tokens >= _SNIFF_TOKENS:
                        split_index = _is_char_index(buffered)
                        yield from _release(buffered, split_index, issues)
                        buffered = None
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) != 2:
            parts = [p for p in parts if p.strip()] if len(parts) > 2 else parts
            if len(parts) < 2:
                if not line.startswith("-DOCSTART-"):
                    issues.add("malformed", n, f"a token with no tag: {line.strip()[:40]!r}")
                continue
        tag = parts[-1].strip()
        if not tag:
            issues.add("malformed", n, f"a token with no tag: {line.strip()[:40]!r}")
            continue
        if not tokens:
            if line.startswith("-DOCSTART-"):
                continue
            start = n
        tokens.append(parts[0])
        tags.append(tag)
    if tokens:
        ex = finish()
        if buffered is None:
            yield ex
        else:
            buffered.append(ex)
    if buffered is not None:
        yield from _release(buffered, _is_char_index(buffered), issues)


def _is_char_index(sample: list[Example]) -> bool:
    words = [w for ex in sample for w in ex.tokens or ()]
    if len(words) < 20:
        return False
    hits = sum(1 for w in words if len(w) >= 2 and w[-1].isdigit() and _CHAR_INDEX.match(w))
    return hits >= 0.98 * len(words)


def _release(buffered: list[Example], split_index: bool, issues: Issues) -> Iterator[Example]:
    for ex in buffered:
        if split_index:
            words = tuple(_strip_index(ex.tokens or (), ex.line, issues))
            ex = Example(ex.path, ex.line, tokens=words, tags=ex.tags)
        yield ex


def _strip_index(words: Sequence[str], line: int | None, issues: Issues) -> list[str]:
    """``科0`` -> ``科``, ``p10`` -> ``p``, ``011`` -> ``0``: the character without its index."""
    out = []
    for w in words:
        m = _CHAR_INDEX.match(w)
        out.append(m.group(1) if m else w)
    issues.add("char-index", line, words[0] if words else None, n=len(words))
    return out
