"""The scan of a text and the report: the error zone, the frames, the needle search, the
ranking of hits, and `explain_text`."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

from ..findings import DoctorError, Finding, Location, Section, Severity
from ..runner import crashed
from .core import (
    CHAIN_MARKERS,
    MULTI_CLASS_RE,
    Diagnosis,
    ExplainReport,
    Frame,
    Hit,
    ModelFacts,
    Pattern,
    Scan,
    _check_data,
    _crf_context,
    _line_at,
    _reporter_aside,
)
from .env import (
    ASSERT_CAUSES,
    assert_cause,
    explain_cuda_assert,
    explain_nll_assert,
    negative_label_clue,
)
from .labels import EMBEDDING_CAUSES, _embedding_code
from .patterns import HINTS, PATTERNS

ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
TRACEBACK = "Traceback (most recent call last)"
RANK_PREFIX_RE = re.compile(r"^\[(?:rank|default)\d+\]:[ ]?", re.M)
QUOTE_PREFIX_RE = re.compile(r"^> ?", re.M)
CURLY_QUOTES = str.maketrans(
    # quotes curled by a blog or IM; full-width < > typed by a Chinese input method
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\uff1c": "<", "\uff1e": ">"}
    # and full-width digits
    | {0xFF10 + i: str(i) for i in range(10)}
)
LAUNCHER_ERRORS = ("ChildFailedError", "CalledProcessError: Command", "ProcessRaisedException")
TAIL = 64 * 1024  # without a traceback, the error is looked for in the last 64 KiB
ZONE_MAX = 2 * 1024 * 1024  # a traceback longer than this is cut to its end
WINDOW = 3000  # characters around a needle hit that the pattern's regex may look at
LONG_LINE_WINDOW = 400  # the same, inside a line longer than WINDOW on either side
LAST_LINES = 20  # a long log without traceback or exception line: its error is at the end
MAX_TRIES = 200  # needle hits tried per pattern, from the end (or the start for "first")

EXC_NAME_RE = re.compile(
    r"(?<![\w.])((?:[A-Za-z_]\w*\.)*(?:[A-Z]\w*(?:Error|Exception)|KeyboardInterrupt)|"
    r"(?:[a-z_]\w*\.)+(?:Error|Exception)|"  # binascii.Error
    # ONNX Runtime's Python classes: onnxruntime_pybind11_state.Fail, .NoSuchFile, .InvalidProtobuf
    r"(?:onnxruntime\.capi\.)?onnxruntime_pybind11_state\.[A-Z]\w*|"
    r"(?:pyarrow\.lib\.)?ArrowInvalid)"  # pyarrow's (datasets') parse and cast errors
    # TensorFlow 1: "InvalidArgumentError (see above for traceback): assertion failed: ..."
    r"(?: \(see above for traceback\))?"
    r"(?::\s?(?P<msg>.*))?\s*$"
)
FRAME_RES = (
    re.compile(
        r'^[ \t]*File "(?P<path>[^"\n]+)", line (?P<line>\d+)(?:, in (?P<func>[^\n]+))?', re.M
    ),
    re.compile(r"^[ \t]*File (?P<path>[^\n,\"]+?):(?P<line>\d+)(?:, in (?P<func>[^\n(]+))?", re.M),
    re.compile(r"^[ \t]*(?P<path>Cell In ?\[\d+\]), line (?P<line>\d+)", re.M),
    re.compile(r"^(?P<path><ipython-input-\d+-[0-9a-f]+>) in (?P<func>[^\n(]+)", re.M),
    # older IPython: a library frame as `/usr/.../tokenization_bert_japanese.py in tokenize(...)`
    re.compile(r"^(?P<path>(?:[A-Za-z]:)?[\\/~][^\n\"]*?\.py) in (?P<func>[\w<>]+)\(", re.M),
)
ARROW_RE = re.compile(r"^-+> ?(\d+)", re.M)


# a message that rich's logging handler wrapped at the terminal's width: the line padded with
# spaces to the width, the rest on the next line after the indent of the time and level columns
RICH_WRAP_RE = re.compile(r"[ \t]{3,}\n[ \t]{20,}(?=\S)")


def normalise(text: str) -> str:
    """ANSI colours out, every line ending a newline (tqdm bars end lines with CR)."""
    if "\x1b" in text:
        text = ANSI_RE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(c in text for c in "\u2018\u2019\u201c\uff1c\uff1e\uff15\uff10"):
        text = text.translate(CURLY_QUOTES)
    if re.search(r"^> ?(?:\s*File \"|Traceback)", text, re.M):  # a Markdown quote of the error
        text = QUOTE_PREFIX_RE.sub("", text)
    if "   \n" in text:  # rich's log handler wraps a message: padding, then a deep indent
        text = RICH_WRAP_RE.sub(" ", text)
    if "[rank" in text or "[default" in text:  # torchrun prefixes every line of every process
        text = RANK_PREFIX_RE.sub("", text)
    return text


def find_zone(text: str) -> int:
    """Where the last error begins: its traceback chain; without one, the last exception line
    of the tail; without that, the whole of a short paste or the last lines of a long log
    (log lines that quote error messages must not be taken for the error)."""
    tb = text.rfind(TRACEBACK)
    if tb < 0:
        exc_start, _ = find_exception(text, max(0, len(text) - TAIL))
        if exc_start is not None:
            return exc_start
        if len(text) <= TAIL:
            return 0
        # the last lines, within the last 64 KiB: a log of very long lines (a 10 MB line of
        # JSON) is not searched whole by every pattern
        floor = len(text) - TAIL
        start = len(text)
        for _ in range(LAST_LINES + 1):
            start = text.rfind("\n", floor, start - 1) if start > floor else -1
            if start < 0:
                return floor
        return start + 1
    start = last = text.rfind("\n", 0, tb) + 1
    for _ in range(4):  # a launcher's own traceback (torchrun, accelerate) reports the child's
        if not any(m in text[start : start + 20_000] for m in LAUNCHER_ERRORS):
            break
        prev = text.rfind(TRACEBACK, max(0, start - ZONE_MAX), start)
        if prev < 0:  # the child printed its error without a traceback: the lines before
            for _ in range(LAST_LINES):
                if start <= 0:
                    break
                start = text.rfind("\n", 0, start - 1) + 1
            break
        start = text.rfind("\n", 0, prev) + 1
    for _ in range(8):
        prev = text.rfind(TRACEBACK, max(0, start - ZONE_MAX), start)
        if prev < 0:
            break
        if not any(m in text[max(prev, start - 600) : start] for m in CHAIN_MARKERS):
            break
        start = text.rfind("\n", 0, prev) + 1
    start = max(start, len(text) - ZONE_MAX)
    if find_exception(text, start)[0] is None:
        # a traceback pasted without its exception line: the error may be logged above it
        # (TensorFlow's "Error recorded from training_loop: ... Reraising captured error")
        for _ in range(LAST_LINES):
            if start <= 0:
                break
            start = text.rfind("\n", 0, start - 1) + 1
    if len(text) <= TAIL and find_exception(text, last)[0] is None:
        # a short paste cut inside its last traceback (a chained one's first part is all that
        # is left): the error is wherever the reporter quoted it, often their first line
        return 0
    return start


def find_exception(text: str, zone_start: int) -> tuple[int | None, str]:
    """The final exception line of the zone and the lines that continue it."""
    tail_start = max(zone_start, len(text) - 200_000)
    lines = text[tail_start:].split("\n")
    offsets = []
    pos = tail_start
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if len(line) > 2000 or line.startswith((" ", "\t")) or "Traceback (most recent" in line:
            continue
        if line.strip() == "python-BaseException":  # PyCharm's marker after the exception
            continue
        if EXC_NAME_RE.search(line):
            block = [line]
            for nxt in lines[i + 1 : i + 25]:
                if not nxt.strip() and len(block) > 1:
                    break
                block.append(nxt)
            return offsets[i], "\n".join(block).strip()
    return None, ""


def find_frames(text: str, start: int) -> list[Frame]:
    """The traceback frames printed from start on, in text order."""
    found: list[Frame] = []
    for regex in FRAME_RES:
        for m in regex.finditer(text, start):
            line = m.groupdict().get("line")
            if line is None:
                arrow = ARROW_RE.search(text, m.end(), m.end() + 1500)
                line = arrow.group(1) if arrow else None
            found.append(
                Frame(
                    m.group("path").strip(),
                    int(line) if line else None,
                    (m.groupdict().get("func") or "").strip(),
                    m.start(),
                )
            )
    return sorted(found, key=lambda f: f.pos)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


# a line that begins with an exception's name: its message, not a source line or a log's words
EXCEPTION_LINE_RE = re.compile(r"[\w.]*(?:Error|Exception)\b")


CUT_RAISE_RE = re.compile(
    r"^[ \t]+raise (?P<error>\w+(?:\.\w+)*)\((?P<q>[\"'])(?P<message>[^\"'\n]+)(?P=q)\)\s*\Z", re.M
)


def _in_source_line(text: str, pos: int) -> bool:
    """True when pos lies on a line of quoted source code under a traceback frame (indented
    deeper than its `File ...` line), so a pasted traceback indented as a whole still counts."""
    start = text.rfind("\n", 0, pos) + 1
    line = text[start : text.find("\n", pos) if text.find("\n", pos) >= 0 else len(text)]
    if re.match(r"^\s*-*>\s*\d+\s|^\s+\d+\s", line):
        return True  # IPython: "---> 23 trainer.train()" or "     21 )"
    ind = _indent(line)
    end = start - 1
    for _ in range(8):
        if end <= 0:
            return False
        prev_start = text.rfind("\n", 0, end) + 1
        prev = text[prev_start:end]
        end = prev_start - 1
        stripped = prev.strip()
        if not stripped or set(stripped) <= set("^~ "):
            continue
        if stripped.startswith(("File ", "Cell In")):
            return ind > _indent(prev)
        if EXCEPTION_LINE_RE.match(stripped):
            return False  # the lines that continue an exception's message (a state_dict's list)
        if _indent(prev) < ind:
            continue  # a source line spread over lines: keep looking for its frame
        return False
    return False


def _needle_positions(text: str, needle: str, lo: int, first: bool, hi: int | None = None):
    hi = len(text) if hi is None else hi
    if first:
        pos = text.find(needle, lo, hi)
        while pos >= 0:
            yield pos
            pos = text.find(needle, pos + 1, hi)
    else:
        pos = text.rfind(needle, lo, hi)
        while pos >= 0:
            yield pos
            pos = text.rfind(needle, lo, pos)


def _match_around(regex: re.Pattern[str], text: str, pos: int, size: int, lo: int):
    """The regex's match that covers the needle at pos, looking only at its line(s)."""
    a = text.rfind("\n", max(lo, pos - WINDOW), pos)
    # a very long line (a log of megabytes on one line): a narrower window of it
    a = a + 1 if a >= 0 else max(lo, pos - LONG_LINE_WINDOW)
    b = text.find("\n", pos + size, pos + WINDOW)
    b = min(len(text), (pos + LONG_LINE_WINDOW if b < 0 else b) + 400)  # a message may wrap once
    for m in regex.finditer(text, a, b):
        if m.start() <= pos + size and m.end() >= pos:
            return m
        if m.start() > pos + size:
            break
    return None


def _search(pattern: Pattern, text: str, lo: int, hi: int | None = None) -> list[Hit]:
    """Hits of one pattern whose needle is at or after lo (and before hi): needles first, the
    regex only around them."""
    hits: list[Hit] = []
    seen: set[int] = set()
    wanted = 3 if pattern.kind == "context" and not pattern.first else 1
    for needle in pattern.needles:
        found = 0
        for tries, pos in enumerate(_needle_positions(text, needle, lo, pattern.first, hi)):
            if tries >= MAX_TRIES or found >= wanted:
                break
            m = _match_around(pattern.regex, text, pos, len(needle), lo)
            if m is None or m.start() in seen:
                continue
            seen.add(m.start())
            found += 1
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            for k in [k for k in groups if k[-1].isdigit()]:  # a2 is another spelling of a
                groups.setdefault(k.rstrip("0123456789"), groups.pop(k))
            hits.append(Hit(pattern, groups, m.start(), m.end(), m.group(0)))
    return hits


def _whole_line_before(
    text: str, zone_start: int, exc_start: int | None, end: int
) -> tuple[int, int] | None:
    """An exception line cut short at the end of the paste (`OSError: file /home/u/.../pa`)
    whose whole message the reporter also gave earlier, as the issue's title: that line's
    span, to read instead."""
    if exc_start is None:
        return None
    if text[end:].strip():
        return None  # the paste goes on after it: the line is whole
    line = text[exc_start:end].rstrip()
    colon = line.find(": ")
    message = line[colon + 2 :] if colon >= 0 else ""
    if len(message) < 30:
        return None
    at = text.rfind(message, 0, zone_start)
    if at < 0:
        return None
    line_end = text.find("\n", at)
    line_end = line_end if line_end >= 0 else len(text)
    if line_end - at <= len(message):
        return None  # the earlier copy is no longer than the cut one
    return at, line_end


def scan_text(text: str, model: ModelFacts | None = None) -> Scan:
    # Colours and carriage returns are cleaned where the error is (the tail, from a little
    # before the last traceback); the megabytes before it are only searched for warnings,
    # whose wording no colour code splits.
    tb = text.rfind(TRACEBACK)
    cut = max(0, min(tb if tb >= 0 else len(text), len(text) - TAIL) - 8000)
    cut = text.rfind("\n", 0, cut) + 1 if cut else 0
    text = text[:cut] + normalise(text[cut:])
    zone_start = find_zone(text)
    exc_start, exception = find_exception(text, zone_start)
    raised = None
    if exc_start is None and text.find(TRACEBACK, zone_start) >= 0:
        # a traceback cut just before its error line: the raise that ends it spells the line
        tail = max(0, len(text) - 2000)
        raised = CUT_RAISE_RE.search(text, tail)
        if raised:
            exception = f"{raised.group('error')}: {raised.group('message')}"
    # the frames above an exception line pasted without its "Traceback" header count too
    frames_from = (
        zone_start
        if TRACEBACK in text[zone_start : zone_start + 200]
        else max(0, zone_start - 8000)
    )
    scan = Scan(
        text,
        zone_start,
        exc_start,
        exception,
        # a little before the zone too: a DataParallel or DataLoader worker's "Original
        # Traceback" comes after the frames of the user's code that called it
        find_frames(text, max(0, frames_from - 20_000)),
        model=model,
        frames_from=frames_from,
        cut_raise=raised.span() if raised else None,
    )
    exc_end = text.find("\n", exc_start) if exc_start is not None else -1
    end = exc_end if exc_end >= 0 else len(text)  # the end of the exception line
    whole = scan.whole_exception = _whole_line_before(text, zone_start, exc_start, end)
    for pattern in PATTERNS:
        lo = 0 if pattern.kind == "context" else zone_start
        found = _search(pattern, text, lo)
        if exc_start is not None and pattern.kind == "error":
            # the last mention may be the reporter's words after the error ("still the same
            # error - not enough values to unpack"): the exception line itself counts too
            if not any(exc_start <= h.start < end for h in found):
                found += _search(pattern, text, exc_start, end)
            if whole and not found:
                found += _search(pattern, text, *whole)
        scan.hits.extend(found)
    scan.hits.sort(key=lambda h: h.start)
    return scan


# ---------------------------------------------------------------------------------------------
# From hits to a report


def _rank(hit: Hit, scan: Scan) -> tuple[int, int, int]:
    final = scan.exc_start is not None and hit.start >= scan.exc_start
    return (1 if final else 0, hit.pattern.priority, hit.start)


def build(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Runs a pattern's builder. One that raises becomes a BD000 finding and the next pattern
    is tried, as a crashing check does everywhere else."""
    if hit.pattern.said and _reporter_aside(scan.text, hit.start, hit.end):
        return None  # "Does the model predict the same class for every input?"
    try:
        return hit.pattern.build(hit, scan)  # type: ignore[misc]
    except Exception as exc:  # noqa: BLE001
        scan.crashes.append(crashed(f"explain pattern {hit.pattern.name}", exc))
        return None


# the reporter names the failing line: "the process will crash at `assert 103 not in tokens`"
PROSE_ASSERT_RE = re.compile(
    r"(?i)\b(?:crash(?:es|ed)?|fail(?:s|ed)?|stops?|stopped|breaks?|dies) (?:at|on|in|with) "
    r"[`'\"]?assert\b"
)


# argparse's usage error ("train.py: error: unrecognized arguments: --bert_model ...")
ARGPARSE_ERROR_RE = re.compile(
    r"(?m)^\S+: error: (?:unrecognized arguments|the following arguments are required|"
    r"argument \S+: (?:invalid|expected))"
)


# the reporter's words: the run fails now and then, with one error or another
INTERMITTENT_SAID_RE = re.compile(
    r"(?i)\b(?:different|various|random) errors? (?:like|such as|each time|every time)\b"
)
ERROR_QUOTED_RE = re.compile(r"\b[A-Z]\w*Error: ([^`\n]{12,60})")


def _intermittent(scan: Scan) -> bool:
    """The reporter met one error or another at random, and quotes two or more of them."""
    return bool(INTERMITTENT_SAID_RE.search(scan.prose)) and (
        len(set(ERROR_QUOTED_RE.findall(scan.prose))) >= 2
    )


def diagnose(scan: Scan) -> tuple[Diagnosis | None, Hit | None]:
    """The best explained error hit of the zone, or of the context when there is no error.
    Hits whose builder declines (the values do not fit) are kept in scan.declined as hints."""
    in_exception = scan.exc_start is not None
    if not in_exception and ARGPARSE_ERROR_RE.search(scan.recent):
        return None, None  # the script stopped at its command line: nothing else ran
    if not in_exception and PROSE_ASSERT_RE.search(scan.prose):
        return None, None  # the reporter names the assert it stopped at, which we do not know
    candidates = [
        h
        for h in scan.hits
        if h.pattern.build
        and (not _in_source_line(scan.text, h.start) or scan.in_cut_raise(h.start))
        and (
            h.pattern.kind == "error"
            # a warning's wording raised as the exception itself (older torch raised it)
            or (h.pattern.kind == "context" and in_exception and h.start >= scan.exc_start)
        )
    ]
    for hit in sorted(candidates, key=lambda h: _rank(h, scan), reverse=True):
        diagnosis = build(hit, scan)
        if diagnosis:
            return diagnosis, diagnosis.read_at or hit
        scan.declined.append(hit)
    earlier = _earlier_error(scan)
    if earlier[0]:
        return earlier
    long_hit = scan.first("sequence-longer-than-max")
    if (
        scan.failed
        and long_hit
        and "len" in long_hit.groups
        and all(
            re.search(rf"(?<!\d){long_hit.groups[k]}(?!\d)", scan.exception) for k in ("len", "max")
        )
    ):
        # an error we do not know that quotes both numbers of the tokenizer's warning
        # ("cannot copy sequence with size 798 to array axis with dimension 512")
        return _long_sequence(long_hit, scan), long_hit
    if scan.failed and not any(h.pattern.name.startswith("assert-") for h in scan.hits):
        return None, None  # an error we do not know: never explain it with a warning
    context = [h for h in scan.hits if h.pattern.kind == "context" and h.pattern.build]
    assertion = next((h for h in scan.hits if h.pattern.name.startswith("assert-")), None)
    if assertion and assertion.pattern.name == "assert-nll":
        return explain_nll_assert(assertion, scan), assertion
    if assertion:
        return explain_cuda_assert(assertion, scan), assertion
    for hit in sorted(context, key=lambda h: (h.pattern.priority, h.start), reverse=True):
        diagnosis = build(hit, scan)
        if diagnosis:
            return diagnosis, diagnosis.read_at or hit
    return None, None


def _long_sequence(hit: Hit, scan: Scan) -> Diagnosis:
    n, limit = hit.groups["len"], hit.groups["max"]
    return Diagnosis(
        "BD208",
        f"the error quotes the numbers of the tokenizer's warning at line "
        f"{scan.line_of(hit.start)}: a sequence of {n} tokens where the model or the code "
        f"holds {limit}.",
        f"tokenize with truncation=True, max_length={limit} (or split long texts into "
        f"windows). Confirm: `{_check_data(scan, ' --max-length ' + limit)}`",
        tentative=True,
    )


SHORT_PASTE = 8000  # a paste this short without a traceback is one report, read whole

# an error that is only the sign of an earlier failure: a step's result is None
KNOCK_ON_RE = re.compile(
    r"'NoneType' object (?:has no attribute|is not (?:subscriptable|iterable))"
)
# the errors of a step that loads something and leaves None behind when it fails: a model's
# files or weights, or CUDA (not an import error: the script stops there)
KNOCK_ON_CAUSES = frozenset(
    {"BD104", "BD301", "BD302", "BD303", "BD304", "BD307", "BD308", "BD309"}
)


def _earlier_error(scan: Scan) -> tuple[Diagnosis | None, Hit | None]:
    """A short paste without a traceback whose last error line is not one we know (a
    SyntaxError the reporter met while trying a fix, a question): the error the reporter
    quoted above it (often the title) is the likeliest cause, as a warning. With a traceback,
    only when its error is a knock-on (a None left by a step that failed to load)."""
    if scan.zone_start == 0 or len(scan.text) > SHORT_PASTE:
        return None, None
    # a pipeline's next step that failed on what the first left behind ('NoneType' object has
    # no attribute 'keys' in the evaluation after a failed training): the first step's error
    after_traceback = TRACEBACK in scan.text
    if after_traceback and not KNOCK_ON_RE.search(scan.exception):
        return None, None
    if any(not h.pattern.said for h in scan.declined):
        # the last error is one we know, and its values rule it out (a reading of the
        # reporter's words that declines, as those do where a run failed, rules nothing out)
        return None, None
    head = scan.text[: scan.zone_start]
    hits = [
        h
        for p in PATTERNS
        # after a traceback, only a model file or environment that failed to load (what
        # leaves a None behind), on an earlier run's exception line, not in a log's words
        if p.kind == "error" and p.build and (not after_traceback or p.code in KNOCK_ON_CAUSES)
        for h in _search(p, head, 0)
        if not _in_source_line(head, h.start)
        and (not after_traceback or EXCEPTION_LINE_RE.match(_line_at(head, h.start)))
    ]
    for hit in sorted(hits, key=lambda h: (h.pattern.priority, h.start), reverse=True):
        diagnosis = build(hit, scan)
        if diagnosis:
            return dataclasses.replace(diagnosis, tentative=True), hit
        scan.declined.append(hit)
    return None, None


def context_findings(
    scan: Scan, primary: str | None, loc: list[Location], source: str | None = None
) -> tuple[list[Finding], list[str]]:
    """Warnings printed before the error that explain it (as findings) and notes (as lines);
    with ``source`` (the log file) the warnings carry their line in it."""
    findings: list[Finding] = []
    notes: list[str] = []

    def at(hit: Hit) -> list[Location]:
        return [Location(source, scan.line_of(hit.start))] if source else []

    long_hit = scan.first("sequence-longer-than-max")
    if long_hit and scan.first("windowed-tokenization"):
        # the long text is cut into windows after it is tokenized whole: the warning is
        # expected there, and nothing longer than the model's maximum reaches it
        long_hit = None
    if long_hit and primary != "BD208":
        limit = long_hit.groups.get("max", "512")
        seen = (
            f"a sequence of {long_hit.groups['len']} tokens > {limit}"
            if "len" in long_hit.groups
            else "a sequence longer than the model's maximum"
        )
        findings.append(
            Finding.of(
                "BD208",
                f"the tokenizer warned at line {scan.line_of(long_hit.start)}: {seen}; without "
                "truncation it fails in the position embedding",
                fix=f"tokenize with truncation=True, max_length={limit}. "
                f"Confirm: `{_check_data(scan, ' --max-length ' + limit)}`",
                severity="warning",
                locations=at(long_hit),
            )
        )
    kw = scan.first("tokenizer-kwargs-ignored")
    # the same reading as when it is the answer (its pattern's builder): a model argument, or
    # a misspelt option
    ignored = build(kw, scan) if kw and primary != "BD413" else None
    if kw and ignored:
        findings.append(
            Finding.of(
                "BD413",
                f"{ignored.message.rstrip('.')} (line {scan.line_of(kw.start)})",
                severity="warning",
                locations=at(kw),
                fix=ignored.fix,
            )
        )
    for hit in scan.hits_of("newly-initialized", "load-report"):
        findings_or_note = _newly_initialized(hit, scan)
        if isinstance(findings_or_note, Finding):
            if primary not in ("BD306", "BD316"):
                findings.append(findings_or_note)
        elif findings_or_note and findings_or_note not in notes:
            notes.append(findings_or_note)
    nan = scan.first("nan-loss-line")
    if nan and primary != "BD501":
        findings.append(
            Finding.of(
                "BD501",
                f"the loss was already {nan.text.strip()[:60]!r} at line {scan.line_of(nan.start)}",
                severity="warning",
                locations=at(nan),
                fix="find the first non-finite step: `bertdoctor check-run OUTPUT_DIR`",
            )
        )
    # torch's own warnings about the machine: quoted as they are, checked by check-env
    for name, code in (("arch-not-compatible", "BD103"), ("driver-too-old-warning", "BD102")):
        warned = scan.first(name)
        if warned and primary != code:
            findings.append(
                Finding.of(
                    code,
                    f"torch warned: {warned.text.strip()[:160]}",
                    severity="warning",
                    locations=at(warned),
                    fix="`bertdoctor check-env`",
                )
            )
    fp16 = scan.first("fp16-overflow")
    n = len(scan.hits_of("fp16-overflow"))
    # a few halvings while the scaler finds its scale are normal: noted beside a NaN loss only
    if fp16 and (primary == "BD501" or (primary is None and n >= 5)):
        notes.append(
            f"fp16 overflow messages seen (line {scan.line_of(fp16.start)}"
            f"{', and more' if n > 1 else ''}): the loss scale is falling (BD508)"
        )
    if primary == "BD117":
        # what points at the error behind the opaque one: warnings, at the error's location

        def suspect(code: str, message: str, fix: str) -> None:
            findings.append(Finding.of(code, message, severity="warning", locations=loc, fix=fix))

        find_ids = f"`{_check_data(scan)}` finds the ids"
        named = None
        for name in ASSERT_CAUSES:
            hit = scan.first(name)
            if hit:
                code, why = assert_cause(hit, scan)
                if code == "BD201" and negative_label_clue(scan):
                    code, why = "BD202", why + "; the text speaks of -1 labels"
                # the embedding lookups' entries (BD208 stands for the three tables)
                table = _embedding_code(scan) if code == "BD208" else None
                if table and table != code:
                    # the reporter's words or the frames name the table: added tokens or a
                    # vocab_size of the config point at the word embedding, not the positions
                    code, why = table, why + f"; the text points at {EMBEDDING_CAUSES[table]}"
                named = code
                suspect(
                    code,
                    f"line {scan.line_of(hit.start)} names the cause: {why}",
                    find_ids,
                )
                break
        if not named and _crf_context(scan) and re.search(r"-100\b", scan.recent):
            named = "BD203"
            suspect(
                "BD203",
                "the text speaks of a CRF and of -100 labels: a CRF indexes its transition "
                "matrix with every label, and -100 (the padding of the special tokens) is out "
                "of its range, which on the GPU fails as this assert",
                f"give the CRF a real tag (O) at those positions and mask them; {find_ids}",
            )
        many = None if named else MULTI_CLASS_RE.search(scan.recent)
        # the reporter's words may point at one embedding table (added tokens, long texts),
        # unless the assertion already names the embedding lookup
        clue = None if many or named == "BD208" else _embedding_code(scan)
        if clue and clue != named:
            suspect(
                clue, f"the text points at the likeliest cause: {EMBEDDING_CAUSES[clue]}", find_ids
            )
        if many:
            suspect(
                "BD201",
                f"the text speaks of {many.group(0).strip()!r}: a classifier built with the "
                "default num_labels=2 (or fewer labels than the data holds) gets label ids >= "
                "num_labels, which on the GPU fails as this assert",
                f"pass num_labels=len(labels) to from_pretrained; {find_ids}",
            )
    return findings, notes


# position_ids and token_type_ids are buffers the model builds itself, not weights: another
# transformers version's checkpoint lacks them harmlessly
BUFFER_KEY_RE = re.compile(r"\.(?:position_ids|token_type_ids)$")
# a masked-LM head's output bias: tied to the decoder or zeroed at load, no pre-trained weight
OUTPUT_BIAS_KEY_RE = re.compile(r"(?:lm_head|predictions)\.[\w.]*bias$")


def _newly_initialized(hit: Hit, scan: Scan) -> Finding | str | None:
    cls, path = hit.groups.get("cls", "the model"), hit.groups.get("path", "").strip()
    after = scan.text[hit.start : hit.start + 4000]
    keys = re.findall(
        r"(?:bert|roberta|encoder|embeddings)\.[\w.]*(?:layer|embeddings|"
        r"LayerNorm)[\w.]*",
        after,
    )
    keys = [k for k in keys if not BUFFER_KEY_RE.search(k)]
    mismatch = hit.groups.get("shapes") or ("MISMATCH" in after and "LOAD REPORT" in hit.text)
    if mismatch:
        shapes = re.search(
            r"found shape torch\.Size\(\[([\d, ]+)\]\) in the checkpoint and "
            r"torch\.Size\(\[([\d, ]+)\]\)|ckpt: torch\.Size\(\[([\d, ]+)\]\) vs "
            r"model:\s*torch\.Size\(\[([\d, ]+)\]\)",
            after,
        )
        seen = ""
        if shapes:
            g = [x for x in shapes.groups() if x]
            seen = f": checkpoint [{g[0]}], model [{g[1]}]"
        return Finding.of(
            "BD306",
            f"{cls} was loaded from {path} with ignore_mismatched_sizes and its "
            f"classifier was re-initialised{seen}",
            severity="warning",
            fix="expected when starting a new task; wrong when predicting with a fine-tuned "
            "model: build it with the label count it was saved with",
        )
    family = re.match(r"([A-Z]\w*?)(?:Model|For\w+|LMHeadModel)$", cls)
    folder = re.split(r"[\\/]", path.rstrip("\\/"))[-1].lower()
    if (
        family
        and family.group(1).lower() != "bert"
        and family.group(1).lower() in folder[1:]
        and re.search(r"were not used when initializing \w+: \[?'bert\.", scan.text)
    ):
        # config.json without model_type: transformers took the architecture from the first
        # model type its name contains (scibert_scivocab holds 'ibert' before 'bert')
        kind = family.group(1).lower()
        return Finding.of(
            "BD303",
            f"{cls} was built for the BERT checkpoint in {path}: its config.json has no "
            f"model_type, so transformers guessed the architecture from the folder's name, "
            f"which contains '{kind}'; every encoder weight was dropped and re-initialised",
            severity="warning",
            fix=f'add "model_type": "bert" to {path}/config.json (or load it with BertModel). '
            f"Confirm: `bertdoctor check-model {path}`",
        )
    if keys:
        return Finding.of(
            "BD316",
            f"{cls} from {path}: encoder weights such as {keys[0]} were newly "
            "initialised at random; the pre-training is lost",
            severity="warning",
            fix=f"check the weights' key prefixes: `bertdoctor check-model {path}`",
        )
    listed = hit.groups.get("keys") or ""
    # the whole list on the warning's line (not one cut where the line wraps)
    names = re.findall(r"'([\w.]+)'", listed) if "]" in listed else []
    if (
        path
        and names
        and all(BUFFER_KEY_RE.search(k) or OUTPUT_BIAS_KEY_RE.search(k) for k in names)
    ):
        return (
            f"note: {cls} from {path} (line {scan.line_of(hit.start)}) lists only buffers or "
            f"biases as newly initialised ({', '.join(names[:3])}): position_ids is rebuilt by "
            "the model and an output bias tied or zeroed, so the pre-trained weights loaded"
        )
    if path:
        return (
            f"note: the classifier head of {cls} is newly initialised from {path} (line "
            f"{scan.line_of(hit.start)}): expected when fine-tuning starts from a base "
            "model; wrong when loading your fine-tuned model to predict"
        )
    return None


def read_log(path: str | os.PathLike[str]) -> str:
    """A log file as text, whatever its encoding: UTF-8, UTF-16 with a BOM (PowerShell's `>`),
    GB18030 (a Chinese Windows console), else Latin-1, which never fails."""
    raw = Path(path).read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def read_model_facts(model: str) -> ModelFacts:
    """config.json (and vocab.txt) of a local folder; DoctorError when there is none."""
    from ..modelinfo import label_list, read_config

    folder = Path(model).expanduser()
    try:
        config = read_config(folder)
    except DoctorError as exc:
        raise DoctorError(f"--model {exc}") from None
    num_labels = len(config.get("id2label") or {}) or int(config.get("num_labels") or 2)
    vocab = folder / "vocab.txt"
    vocab_lines = None
    if vocab.is_file():
        with vocab.open("rb") as fh:
            vocab_lines = sum(1 for _ in fh)
    return ModelFacts(
        path=str(model).rstrip("/\\"),
        num_labels=num_labels,
        default_labels=label_list(config) is None and num_labels == 2,
        vocab_size=config.get("vocab_size"),
        max_position_embeddings=config.get("max_position_embeddings"),
        type_vocab_size=config.get("type_vocab_size"),
        vocab_lines=vocab_lines,
        problem_type=config.get("problem_type"),
    )


def _logged_error(hit: Hit | None, scan: Scan) -> bool:
    """An error pattern's hit on a line that a logger or a compiler marks as an error (`ERROR
    08-30 ...`, ptxas's `error   : ...`, a server's `Input validation error:`), which no Python
    exception line follows: the run failed there too."""
    return (
        hit is not None
        and hit.pattern.kind == "error"
        and re.search(
            r"\bERROR\b|\berror\s+:|\bInput validation error:", _line_at(scan.text, hit.start)
        )
        is not None
    )


def explain_text(
    text: str, *, model: str | None = None, source: str | None = None
) -> ExplainReport:
    """Names the cause of the error in ``text`` (a traceback, a log, one pasted line).

    ``source`` names the log file, for the line numbers of the findings. Returns a report
    with one error finding (the cause, its values, the fix and the
    bertdoctor command that confirms it) and warnings for what the earlier log shows, or a
    report without findings saying "no known cause" (``recognised`` False, exit status 1).
    """
    facts = read_model_facts(model) if model else None
    scan = scan_text(text, facts)
    diagnosis, hit = diagnose(scan)
    if diagnosis and not diagnosis.tentative and _intermittent(scan):
        # the reporter met several errors at random: the one named is a likely cause only
        diagnosis = dataclasses.replace(diagnosis, tentative=True)
    loc = scan.location_of(hit)
    if not loc and source and hit:  # no frame of the user's code: the line of the log
        loc = [Location(source, scan.line_of(hit.start))]
    primary = diagnosis.code if diagnosis else None
    supporting, notes = context_findings(scan, primary, loc, source)
    exc_line = scan.exception.split("\n", 1)[0].strip()
    summary = (exc_line[:160] + ("..." if len(exc_line) > 160 else "")) if exc_line else ""
    data: dict[str, Any] = {
        "exception": exc_line or None,
        "location": str(loc[0]) if loc else None,
        "matched": hit.text.strip()[:300] if hit else None,
        "line": scan.line_of(hit.start) if hit else None,
    }
    lines: list[str] = []
    from ..render import lines_of

    findings: list[Finding] = []
    if diagnosis:
        severity = None
        from ..rules import get_rule

        if diagnosis.tentative:
            severity = "warning"  # the likeliest cause, which the text does not settle
        elif get_rule(diagnosis.code).severity is not Severity.ERROR and (
            scan.failed or _logged_error(hit, scan)
        ):
            severity = "error"  # the failure that stopped the run is an error
        findings.append(
            Finding.of(
                diagnosis.code,
                diagnosis.message,
                locations=loc,
                fix=diagnosis.fix,
                severity=severity,
                detail=scan.exception or (hit.text if hit else None),
            )
        )
        if diagnosis.causes:
            lines.append("likely causes, in order:")
            lines += lines_of(f"  {i}. {c}" for i, c in enumerate(diagnosis.causes, 1))
            data["causes"] = list(diagnosis.causes)
        data["code"] = diagnosis.code
    for extra in supporting:  # one finding per code: the cause first, then the context
        if all(extra.code != f.code for f in findings):
            findings.append(extra)
    findings.extend(scan.crashes)
    recognised = diagnosis is not None or (not scan.failed and bool(supporting or notes))
    if not recognised:
        hints = [
            HINTS[h.pattern.name]
            for h in scan.declined + scan.hits
            if h.pattern.name in HINTS and (h.pattern.kind == "hint" or h in scan.declined)
        ]
        hints = list(dict.fromkeys(hints))
        what = f"`{summary}`" if summary else "this text"
        lines.append(lines_of([f"no known cause for {what}."])[0])
        if hints:
            lines.append("nearest hints:")
            lines += lines_of(f"  - {h}" for h in hints)
        else:
            lines.append(
                "bertdoctor knows the errors of BERT fine-tuning (labels, shapes, paths, "
                "CUDA); it has no answer for this one. `bertdoctor check-env` and `bertdoctor "
                "check-script SCRIPT` check the setup before the next run."
            )
        data["hints"] = hints
    lines += lines_of(notes)
    if notes:
        data["notes"] = notes
    section = Section(
        title="Error" if summary or diagnosis else "Log",
        summary=summary or ("" if diagnosis else "no error line; what the warnings say"),
        findings=findings,
        lines=lines,
        data=data,
        status=None if recognised else "error",
    )
    tentative = bool(diagnosis and diagnosis.tentative and scan.failed)
    return ExplainReport("explain", [section], {}, recognised, failed=tentative)
