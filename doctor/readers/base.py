"""The record every reader yields, whatever the file format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Task = Literal["ner", "cls", "pair"]


@dataclass(frozen=True)
class Example:
    """One sentence (token classification) or one text / text pair (sequence classification).

    ``line`` is the 1-based line where the record starts, so findings can say ``file:line``.
    """

    path: str
    line: int
    tokens: tuple[str, ...] | None = None  # ner: the words (or characters), one per tag
    tags: tuple[Any, ...] | None = None  # ner: one tag per token, str or int
    text: str | None = None  # cls / pair: the text
    text_pair: str | None = None  # pair: the second text
    label: Any = None  # cls / pair: str, int, float, or a list for multi-label

    @property
    def task(self) -> Task:
        if self.tokens is not None:
            return "ner"
        return "pair" if self.text_pair is not None else "cls"
