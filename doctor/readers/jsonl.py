"""JSON Lines (one record per line) and JSON arrays of records.

Recognised records: ``{"tokens"|"words": [...], "tags"|"ner_tags"|"labels"|"label": [...]}``
(string or integer tags); ``{"text"|"sentence"|...: str, "label"|"labels": ...}``; pairs with
``text_pair``/``text_b``/``sentence2``/``hypothesis``; and span annotations (CLUENER)
``{"text": str, "label": {"TYPE": {"entity text": [[start, end]]}}}``, which become one token per
character with BIO tags (ends inclusive as in CLUENER, or exclusive: whichever matches the
entity text). A line that is not JSON, or a record without the fields, is kept as
``issues['malformed']``; spans that do not match their text as ``issues['span']``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..findings import DoctorError
from .base import Example, Issues, LineSource

TOKEN_KEYS = ("tokens", "words", "chars")
TAG_KEYS = ("tags", "ner_tags", "labels", "label", "ner")
TEXT_KEYS = (
    "text",
    "sentence",
    "text_a",
    "sentence1",
    "premise",
    "question",
    "content",
    "review",
    "query",
    "TEXT",
)
PAIR_KEYS = ("text_pair", "text_b", "sentence2", "hypothesis")
LABEL_KEYS = ("label", "labels", "gold_label", "class", "category", "target", "sentiment")


def read_jsonl(src: LineSource) -> Iterator[Example]:
    path = str(src.path)
    for n, line in src.lines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            src.issues.add("malformed", n, f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        ex = example_of(record, path, n, src.issues)
        if ex is not None:
            yield ex


def read_json_array(src: LineSource) -> Iterator[Example]:
    """A whole-file JSON array; it is decoded at once (JSON has no streaming form)."""
    text = "\n".join(line for _, line in src.lines())
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DoctorError(f"{src.path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if isinstance(records, dict):
        records = next((v for v in records.values() if isinstance(v, list)), [records])
    for record in records:
        ex = example_of(record, str(src.path), None, src.issues)
        if ex is not None:
            yield ex


def example_of(record: Any, path: str, n: int | None, issues: Issues) -> Example | None:
    if not isinstance(record, dict):
        issues.add("malformed", n, f"a JSON {type(record).__name__}, not an object")
        return None
    tok_key = next((k for k in TOKEN_KEYS if isinstance(record.get(k), list)), None)
    if tok_key is None and isinstance(record.get("text"), list):
        tok_key = "text"
    if tok_key is not None:
        tag_key = next((k for k in TAG_KEYS if isinstance(record.get(k), list)), None)
        if tag_key is None:
            issues.add("malformed", n, f"tokens but no tags field (keys: {', '.join(record)})")
            return None
        return Example(
            path, n, tokens=tuple(str(t) for t in record[tok_key]), tags=tuple(record[tag_key])
        )
    text_key = next((k for k in TEXT_KEYS if k in record), None)
    label_key = next((k for k in LABEL_KEYS if k in record), None)
    if text_key is None:
        issues.add("malformed", n, f"no text field (keys: {', '.join(record) or 'none'})")
        return None
    text = record[text_key]
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    label = record.get(label_key) if label_key else None
    if isinstance(label, dict):
        return _spans(record, text, label, path, n, issues)
    if label_key is None:
        issues.add("malformed", n, f"no label field (keys: {', '.join(record)})")
        return None
    if label is None:
        issues.add("malformed", n, f"the {label_key!r} field is null")
        return None
    pair_key = next((k for k in PAIR_KEYS if k in record), None)
    pair = record[pair_key] if pair_key else None
    return Example(path, n, text=text, text_pair=None if pair is None else str(pair), label=label)


def _spans(
    record: dict, text: str, spans: dict, path: str, n: int | None, issues: Issues
) -> Example:
    """CLUENER spans -> one token per character with BIO tags."""
    tags = ["O"] * len(text)
    for kind, mentions in spans.items():
        if not isinstance(mentions, dict):
            issues.add("span", n, f"label {kind!r} is not a dict of mentions")
            continue
        for mention, places in mentions.items():
            for place in places or []:
                try:
                    start, end = int(place[0]), int(place[1])
                except (TypeError, ValueError, IndexError):
                    issues.add("span", n, f"{kind}: {place!r} is not [start, end]")
                    continue
                if text[start : end + 1] == mention:
                    stop = end + 1
                elif text[start:end] == mention:
                    stop = end
                else:
                    got = text[start : end + 1]
                    issues.add("span", n, f"{kind} [{start}, {end}] is {got!r}, not {mention!r}")
                    continue
                tags[start] = f"B-{kind}"
                for i in range(start + 1, min(stop, len(text))):
                    tags[i] = f"I-{kind}"
    return Example(path, n, tokens=tuple(text), tags=tuple(tags))
