"""The record every reader yields, whatever the file format, and what readers share: decoding
a file line by line without stopping at the first bad byte, and keeping the problems they meet
as data (``Issues``) for the checks to report."""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..findings import DoctorError

Task = Literal["ner", "cls", "pair"]


@dataclass(frozen=True)
class Example:
    """One sentence (token classification) or one text / text pair (sequence classification).

    ``line`` is the 1-based line where the record starts, so findings can say ``file:line``
    (for a ``.pt`` file of encoded tensors it is the 1-based row number; ``None`` for a record
    of a JSON array, which has no useful line). Encoded rows (``.pt``) carry ``input_ids`` and
    friends; their labels are in ``tags`` (one per position, token classification) or ``label``.
    """

    path: str
    line: int | None
    tokens: tuple[str, ...] | None = None  # ner: the words (or characters), one per tag
    tags: tuple[Any, ...] | None = None  # ner: one tag per token, str or int
    text: str | None = None  # cls / pair: the text
    text_pair: str | None = None  # pair: the second text
    label: Any = None  # cls / pair: str, int, float, or a list for multi-label
    # encoded data (.pt): what the model sees; tags then holds one label id per position
    input_ids: tuple[int, ...] | None = None
    attention_mask: tuple[int, ...] | None = None
    token_type_ids: tuple[int, ...] | None = None

    @property
    def task(self) -> Task:
        if self.tokens is not None or (self.input_ids is not None and self.tags is not None):
            return "ner"
        return "pair" if self.text_pair is not None else "cls"


@dataclass
class Tally:
    """How often something was seen, the first few places, and the values observed there."""

    count: int = 0
    lines: list[int | None] = field(default_factory=list)
    values: Counter = field(default_factory=Counter)
    keep: int = 5

    def add(self, line: int | None, value: Any = None, n: int = 1) -> None:
        self.count += n
        if len(self.lines) < self.keep:
            self.lines.append(line)
        if value is not None and (value in self.values or len(self.values) < 200):
            self.values[value] += n

    def top(self, k: int = 5) -> str:
        """The most common observed values as ``'a' ×3, 'b' ×1``."""
        return ", ".join(
            f"{v!r} ×{n}" if n > 1 else f"{v!r}" for v, n in self.values.most_common(k)
        )


class Issues(dict):
    """Reader problems by kind (``decode``, ``bom``, ``crlf``, ``malformed``...): kind -> Tally."""

    def add(self, kind: str, line: int | None, value: Any = None, n: int = 1) -> None:
        tally = self.get(kind)
        if tally is None:
            tally = self[kind] = Tally()
        tally.add(line, value, n)


_CESU = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")


def describe_bad_bytes(raw: bytes, start: int) -> str:
    """What undecodable bytes most likely are, in words, with the bytes themselves."""
    shown = raw[start : start + 6].hex(" ").upper()
    if _CESU.search(raw):
        m = _CESU.search(raw)
        assert m is not None
        half = m.group().decode("utf-8", "surrogatepass")
        return (
            f"UTF-16 surrogate halves encoded one by one (CESU-8), e.g. bytes "
            f"{m.group().hex(' ').upper()} = U+{ord(half):04X}"
        )
    if b"\x00" in raw:
        return f"UTF-16 (NUL bytes between characters), bytes {shown}"
    try:
        gbk = raw.decode("gb18030")
        if any("\u4e00" <= ch <= "\u9fff" for ch in gbk):
            return f"GBK/GB18030 (legacy Chinese encoding), bytes {shown}"
    except UnicodeDecodeError:
        pass
    return f"Latin-1/Windows-1252 or another 8-bit encoding, bytes {shown}"


CHUNK = 1 << 20


@dataclass
class LineSource:
    """A text file read as numbered lines, decoded as UTF-8.

    Bad bytes do not stop reading: the line is decoded with U+FFFD replacement and the problem
    is kept in ``issues['decode']`` with what the bytes look like. A BOM is stripped and kept as
    ``issues['bom']``, CRLF line ends as ``issues['crlf']``; a UTF-16 file (BOM or NUL pattern)
    is decoded as UTF-16 and kept as ``issues['utf16']``. ``bytes_read`` follows the progress.
    """

    path: Path
    issues: Issues = field(default_factory=Issues)
    bytes_read: int = 0

    def lines(self) -> Iterator[tuple[int, str]]:
        """(line number, text without its line end), from 1."""
        return enumerate(self.texts(), 1)

    def texts(self) -> Iterator[str]:
        """The lines without their line ends. The file is decoded a megabyte at a time; only a
        chunk that holds bad bytes is decoded line by line, to name the lines."""
        with self.path.open("rb") as f:
            head = f.read(4096)
            f.seek(0)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(head):
                yield from (line for _, line in self._utf16_lines(f, head))
                return
            done = 0  # lines before this chunk
            while True:
                chunk = f.read(CHUNK)
                if not chunk:
                    return
                if not chunk.endswith(b"\n"):
                    chunk += f.readline()
                self.bytes_read += len(chunk)
                try:
                    text = chunk.decode("utf-8")
                except UnicodeDecodeError:
                    text = self._decode_lines(chunk, done)
                if done == 0 and text.startswith("\ufeff"):
                    self.issues.add("bom", 1)
                    text = text[1:]
                lines = text.split("\n")
                if text.endswith("\n"):
                    lines.pop()
                if "\r" in text:
                    lines = self._strip_cr(lines, done)
                done += len(lines)
                yield from lines

    def _decode_lines(self, chunk: bytes, done: int) -> str:
        out = []
        for i, raw in enumerate(chunk.split(b"\n"), done + 1):
            try:
                out.append(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                self.issues.add("decode", i, describe_bad_bytes(raw, exc.start))
                out.append(raw.decode("utf-8", "replace"))
        return "\n".join(out)

    def _strip_cr(self, lines: list[str], done: int) -> list[str]:
        for i, line in enumerate(lines, done + 1):
            if line.endswith("\r"):
                self.issues.add("crlf", i)
        return [line.rstrip("\r") for line in lines]

    def _utf16_lines(self, f: Any, head: bytes) -> Iterator[tuple[int, str]]:
        le = head.startswith(codecs.BOM_UTF16_LE) or (len(head) > 1 and head[1] == 0)
        encoding = (
            "utf-16"
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            else ("utf-16-le" if le else "utf-16-be")
        )
        self.issues.add("utf16", 1, encoding)
        reader = codecs.getreader(encoding)(f, errors="replace")
        for n, line in enumerate(reader, 1):
            self.bytes_read += 2 * len(line)
            if line.endswith("\r\n"):
                self.issues.add("crlf", n)
            yield n, line.rstrip("\r\n").lstrip("\ufeff") if n == 1 else line.rstrip("\r\n")


def _looks_utf16(head: bytes) -> bool:
    """Many NUL bytes at every other position: UTF-16 without a BOM."""
    if len(head) < 8:
        return False
    odd, even = head[1::2].count(0), head[0::2].count(0)
    return max(odd, even) > 0.4 * (len(head) // 2) and min(odd, even) < 0.05 * (len(head) // 2)


def sniff(path: Path) -> bytes:
    """The first bytes of a file; a missing, unreadable or binary file is a DoctorError."""
    if not path.exists():
        raise DoctorError(f"{path}: no such file or directory")
    if path.is_dir():
        raise DoctorError(f"{path}: a directory with no data file bertdoctor can read")
    try:
        with path.open("rb") as f:
            head = f.read(8192)
    except OSError as exc:
        raise DoctorError(f"{path}: cannot read ({exc.strerror})") from None
    if b"\x00" in head and not (
        head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(head)
    ):
        raise DoctorError(f"{path}: a binary file, not text (give a .pt file for tensors)")
    return head


def coerce_label(value: str) -> Any:
    """A label from a text column: '1' -> 1, '-1' -> -1, '0.5' -> 0.5, 'pos' -> 'pos'."""
    v = value.strip()
    if v.lstrip("-").isdigit():
        return int(v)
    try:
        return float(v) if v and v.lower() not in ("nan", "inf", "-inf", "infinity") else v
    except ValueError:
        return v
