"""CSV and TSV for sequence classification.

With a header: the text column is ``text``/``sentence``/``TEXT``/``content``/... (any case), a
pair is ``text_a``/``text_b`` or ``sentence1``/``sentence2``, the label is ``label``/``labels``/
``class``/... An unnamed first column (a pandas index) and a BOM are fine. Without a header
(TSV such as ``label<TAB>text``): the label column is the short one with few distinct values.

Rows are parsed one line at a time: a quote that is never closed swallows at most a few lines
before the row is reported as ``issues['malformed']`` and read with the quote taken literally,
so one stray quote character never eats the rest of the file."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from .base import Example, LineSource, coerce_label

TEXT_NAMES = (
    "text",
    "sentence",
    "text_a",
    "sentence1",
    "content",
    "review",
    "comment",
    "query",
    "question",
    "premise",
    "question1",
    "tweet",
    "document",
)
PAIR_NAMES = ("text_b", "sentence2", "hypothesis", "text_pair", "question2")
LABEL_NAMES = (
    "label",
    "labels",
    "gold_label",
    "class",
    "category",
    "target",
    "sentiment",
    "y",
    "intent",
)
MAX_SPAN = 5  # lines a quoted field may span before we call the quote stray


def read_csv(src: LineSource, delimiter: str) -> Iterator[Example]:
    path = str(src.path)
    lines = src.lines()
    rows = _rows(lines, delimiter, src)
    first = next(rows, None)
    if first is None:
        return
    n0, header = first
    names = [h.strip().lower() for h in header]
    text_i = _index(names, TEXT_NAMES)
    label_i = _index(names, LABEL_NAMES)
    if text_i is not None:
        pair_i = _index(names, PAIR_NAMES)
        width = len(header)
        pending: list[tuple[int, list[str]]] = []
    else:
        # no header: decide the columns from the first rows, and read the first row as data
        pending = [first] + [r for _, r in zip(range(50), rows, strict=False)]
        text_i, pair_i, label_i = _guess_columns([r for _, r in pending])
        width = len(header)
        if text_i is None:
            src.issues.add("malformed", n0, f"no text column in the header {header!r}")
            return
    if label_i is None:
        src.issues.add("malformed", n0, f"no label column in the header {header!r}")
    for n, row in _chain(pending, rows):
        if len(row) != width:
            if len(row) == 1 and not row[0].strip():
                continue
            src.issues.add("malformed", n, f"{len(row)} columns, the header has {width}")
            continue
        label = coerce_label(row[label_i]) if label_i is not None else None
        yield Example(
            path,
            n,
            text=row[text_i],
            text_pair=row[pair_i] if pair_i is not None else None,
            label=label,
        )


def _chain(pending, rows):
    yield from pending
    yield from rows


def _index(names: list[str], wanted: tuple[str, ...]) -> int | None:
    for w in wanted:
        if w in names:
            return names.index(w)
    return None


def _rows(
    lines: Iterator[tuple[int, str]], delimiter: str, src: LineSource
) -> Iterator[tuple[int, list[str]]]:
    """(start line, fields) per record; a stray quote is reported, never followed far."""
    for n, line in lines:
        if '"' not in line:
            yield n, line.split(delimiter)
            continue
        joined, parts = line, [line]
        while True:
            row = next(csv.reader([joined], delimiter=delimiter), [])
            if _quotes_closed(joined):
                yield n, row
                break
            if len(parts) >= MAX_SPAN:
                src.issues.add("malformed", n, 'a quote that is never closed (a stray ")')
                yield n, parts[0].split(delimiter)
                for k, extra in enumerate(parts[1:], 1):
                    yield from _rows(iter([(n + k, extra)]), delimiter, src)
                break
            nxt = next(lines, None)
            if nxt is None:
                src.issues.add("malformed", n, 'a quote that is never closed (a stray ")')
                yield n, parts[0].split(delimiter)
                for k, extra in enumerate(parts[1:], 1):
                    yield from _rows(iter([(n + k, extra)]), delimiter, src)
                break
            parts.append(nxt[1])
            joined += "\n" + nxt[1]


def _quotes_closed(text: str) -> bool:
    """True when every field that opens with a quote also closes it (RFC 4180)."""
    inside = False
    at_start = True
    i = 0
    while i < len(text):
        c = text[i]
        if inside:
            if c == '"':
                if i + 1 < len(text) and text[i + 1] == '"':
                    i += 1
                else:
                    inside = False
        elif c == '"' and at_start:
            inside = True
        at_start = c in ",\t\n" and not inside
        i += 1
    return not inside


def _guess_columns(rows: list[list[str]]) -> tuple[int | None, int | None, int | None]:
    """(text, pair, label) columns of a header-less file from its first rows."""
    if not rows:
        return None, None, None
    width = max(set(len(r) for r in rows), key=lambda w: sum(len(r) == w for r in rows))
    rows = [r for r in rows if len(r) == width]
    if width < 2:
        return None, None, None

    def short(i: int) -> bool:
        values = {r[i].strip() for r in rows}
        return all(len(v) <= 20 and " " not in v for v in values) and len(values) <= 50

    def mean_len(i: int) -> float:
        return sum(len(r[i]) for r in rows) / len(rows)

    label = next((i for i in (width - 1, 0) if short(i)), None)
    if label is None:
        return None, None, None
    texts = sorted((i for i in range(width) if i != label), key=mean_len, reverse=True)[:2]
    texts.sort()
    if width >= 3 and len(texts) == 2 and mean_len(texts[1]) > 8:
        return texts[0], texts[1], label
    return texts[0], None, label
