"""What `explain` works with: the scan of a text, its hits, what the model folder says, the
diagnosis a builder returns, and the helpers the builders of several families share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..findings import ExitStatus, Finding, Location, Report, Section, Severity

LIB_MARKERS = (
    "/bin/",
    "\\Scripts\\",
    "site-packages",
    "dist-packages",
    "/lib/python",
    "\\lib\\",
    "\\Lib\\",
    "<frozen",
    "<__array_function__",  # numpy's dispatch, printed as a frame
    "/torch/",
    "\\torch\\",
    "/transformers/",
    "\\transformers\\",
    "importlib",
    "<string>",
    "/usr/lib/",
)


# ---------------------------------------------------------------------------------------------
# The data: hits, the scan of a text, what the model folder says


# an installed package's Cython source, printed relative to the package (pyarrow/_json.pyx,
# pandas/_libs/parsers.pyx); a bare or absolute one (roberta.pyx) is taken for the project's,
# and so is a relative one of the project's (src/fast.pyx), which reads the same: a known gap
CYTHON_PACKAGE_FRAME_RE = re.compile(r"\w[\w.]*[\\/][^:]*\.(?:pyx|pxd|pxi)$")


def is_library_path(path: str) -> bool:
    """A file of an installed package (site-packages, the standard library), not the user's."""
    return any(m in path for m in LIB_MARKERS) or bool(CYTHON_PACKAGE_FRAME_RE.match(path))


@dataclass(frozen=True)
class Frame:
    path: str
    line: int | None
    func: str
    pos: int = 0  # where the frame is printed in the text

    @property
    def is_library(self) -> bool:
        return is_library_path(self.path)


@dataclass(frozen=True)
class Hit:
    pattern: Pattern
    groups: dict[str, str]
    start: int
    end: int
    text: str  # the matched text

    def num(self, name: str) -> int | None:
        value = self.groups.get(name)
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None


@dataclass
class ModelFacts:
    """The numbers of a local model folder that the error messages can be compared with."""

    path: str
    num_labels: int
    default_labels: bool  # id2label is transformers' default {0: LABEL_0, 1: LABEL_1}
    vocab_size: int | None
    max_position_embeddings: int | None
    type_vocab_size: int | None
    vocab_lines: int | None  # lines of vocab.txt, when there is one
    problem_type: str | None


RECENT = 30_000  # characters at the end of a text where the reporter's own words are looked for


@dataclass
class Scan:
    text: str
    zone_start: int
    exc_start: int | None
    exception: str  # the final exception line (and the lines that continue it)
    frames: list[Frame]
    hits: list[Hit] = field(default_factory=list)
    model: ModelFacts | None = None
    frames_from: int = 0
    declined: list[Hit] = field(default_factory=list)
    crashes: list[Finding] = field(default_factory=list)  # builders that raised (BD000)
    # the span of an earlier whole copy of an exception line cut at the end of the paste
    whole_exception: tuple[int, int] | None = None
    # the `raise Error("...")` line that ends a traceback cut before its error line
    cut_raise: tuple[int, int] | None = None
    _zone_lower: str | None = None

    @cached_property
    def recent(self) -> str:
        """The end of the text, where the reporter's words about this error are."""
        return self.text[-RECENT:]

    @cached_property
    def ends(self) -> str:
        """The text's first 20 KB (a launch command, the model's name) and last 200 KB (the
        report): what a whole-text search reads, not megabytes of training steps between."""
        if len(self.text) <= 220_000:
            return self.text
        return self.text[:20_000] + "\n" + self.text[-200_000:]

    @cached_property
    def prose(self) -> str:
        """The recent lines that are neither traceback frames nor quoted source: what the
        reporter (or a log) wrote."""
        return "\n".join(
            ln
            for ln in self.recent.splitlines()
            if ln and not ln[0].isspace() and 'File "' not in ln and not ln.startswith("Traceback")
        )

    def in_cut_raise(self, pos: int) -> bool:
        """pos lies on the raise line that stands for a cut traceback's error line."""
        return self.cut_raise is not None and self.cut_raise[0] <= pos < self.cut_raise[1]

    @property
    def failed(self) -> bool:
        """The text ends in an error (a run stopped with Ctrl-C did not fail by itself)."""
        return bool(self.exception) and not self.exception.startswith("KeyboardInterrupt")

    @property
    def zone(self) -> str:
        """The error and the frames above it: what the builders read for context."""
        return self.text[self.frames_from :]

    @property
    def zone_lower(self) -> str:
        if self._zone_lower is None:
            self._zone_lower = self.zone.lower()
        return self._zone_lower

    def line_of(self, pos: int) -> int:
        return self.text.count("\n", 0, pos) + 1

    def hits_of(self, *names: str) -> list[Hit]:
        return [h for h in self.hits if h.pattern.name in names]

    def first(self, *names: str) -> Hit | None:
        found = self.hits_of(*names)
        return min(found, key=lambda h: h.start) if found else None

    @property
    def user_frame(self) -> Frame | None:
        return self.user_frame_before(len(self.text))

    def user_frame_before(self, pos: int) -> Frame | None:
        """The last frame of the user's own code printed before pos: where the error was
        raised in their code (a launcher's traceback after it does not count)."""
        for frame in reversed(self.frames):
            if frame.pos < pos and not frame.is_library:
                return frame
        return None

    def zone_of(self, hit: Hit) -> str:
        """The traceback a hit belongs to: the zone, or for an earlier run's error above it
        (read when the zone's error is its knock-on) the lines just before it."""
        if hit.start < self.zone_start:
            return self.text[max(0, hit.start - 3000) : hit.end]
        return self.zone

    def location_of(self, hit: Hit | None) -> list[Location]:
        if hit and hit.start < self.zone_start and hit.pattern.kind == "context":
            return []  # a log line long before the traceback: its frames are another story
        # the user's frame above the error; for a chained cause, the one of the last traceback
        frame = self.user_frame_before(hit.start if hit else len(self.text))
        if not frame and not (hit and hit.start < self.zone_start):
            frame = self.user_frame  # not for an earlier run's error: the zone's frames are not its
        return [Location(frame.path, frame.line)] if frame else []

    @property
    def windows(self) -> bool:
        return any(re.match(r"[A-Za-z]:\\", f.path) for f in self.frames)

    @cached_property
    def script(self) -> str:
        """The script that ran: asked for by many messages, found once."""
        for frame in self.frames:
            if frame.func.strip() == "<module>" and frame.path.endswith(".py"):
                return _short_path(frame.path)
        frame = self.user_frame
        if frame and frame.path.endswith(".py"):
            return _short_path(frame.path)
        # no traceback: the script of the command the reporter typed (python3 tokenizer.py)
        typed = TYPED_SCRIPT_RE.search(self.text[:200_000])
        if typed:
            return _short_path(typed.group(1))
        return "train.py"

    @property
    def model_arg(self) -> str:
        return self.model.path if self.model else "MODEL_DIR"


# `python3 tokenizer.py`, `python -u run_ner.py --data_dir ...`
TYPED_SCRIPT_RE = re.compile(r"\bpython[\d.]*\s+(?:-[a-zA-Z]\s+)*([\w./\\:-]+\.py)\b")


@dataclass(frozen=True)
class Diagnosis:
    """What a builder concludes from a hit: the code, the message quoting the values, the fix
    (with the bertdoctor command that confirms it) and, for opaque errors, the likely causes."""

    code: str
    message: str
    fix: str
    causes: tuple[str, ...] = ()
    # the text makes the cause likely, not certain: a warning, never a confident answer
    tentative: bool = False
    # the mention the builder read instead of the hit it was given (an earlier one, where the
    # last was denied): its line is the finding's location
    read_at: Hit | None = field(default=None, compare=False, repr=False)


Builder = Callable[["Hit", "Scan"], "Diagnosis | None"]


@dataclass(frozen=True)
class Pattern:
    name: str
    code: str  # the code it usually leads to (a builder may choose a sibling)
    needles: tuple[str, ...]
    source: str  # the regex, compiled on first use: most patterns never see their needle
    kind: str = "error"  # "error" (names the failure), "context" (explains it), "hint"
    priority: int = 50
    build: Builder | None = None
    first: bool = False  # context patterns: keep the first hit (where it began), not the last

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source)

    @property
    def said(self) -> bool:
        """A reading of the reporter's own words (the patterns named *-prose), not of an error
        line: a yes/no question or an 'as expected' makes it no complaint."""
        return self.name.endswith("-prose")


class ExplainReport(Report):
    """A Report whose exit status is 1 also when nothing was recognised."""

    def __init__(
        self,
        command: str,
        sections: list[Section],
        data: dict[str, Any],
        recognised: bool,
        *,
        failed: bool = False,
    ) -> None:
        super().__init__(command, sections, data)
        self.recognised = recognised
        self.failed = failed  # the run stopped on an error whose likely cause is only a warning
        if not recognised:
            self.conclusion = "No known cause. Exit status 1."

    @property
    def exit_status(self) -> ExitStatus:
        if not self.recognised or self.failed or self.count(Severity.ERROR):
            return ExitStatus.ERRORS
        return ExitStatus.OK

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        return {
            "schema": out.pop("schema"),
            "command": out.pop("command"),
            "recognised": self.recognised,
            **out,
        }


# ---------------------------------------------------------------------------------------------
# Helpers the builders share


def _short_path(path: str) -> str:
    return path.replace("\\\\", "\\")


def _shape(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"-?\d+", text)]


def _cmd_env(scan: Scan, var: str, value: str) -> str:
    if scan.windows:  # cmd.exe keeps the space before && in the value: two commands
        value = value or "-1"
        return f"set {var}={value}` then `python {scan.script}"
    return f"{var}={value or chr(34) * 2} python {scan.script}"


def _check_loss(
    scan: Scan, logits: list[int] | str, labels: list[int] | str, extra: str = ""
) -> str:
    """`bertdoctor check-loss` with the shapes read from the error, in backticks; C stands for
    num_labels when the error does not show it and no --model says it."""

    def shape(s: list[int] | str) -> str:
        text = s if isinstance(s, str) else ",".join(map(str, s))
        if "C" in text and scan.model:
            text = text.replace("C", str(scan.model.num_labels))
        return text

    cmd = f"bertdoctor check-loss --logits {shape(logits)} --labels {shape(labels)}{extra}"
    return f"`{cmd}`" + (" (C: your num_labels)" if "C" in shape(logits) else "")


def _check_data(scan: Scan, extra: str = "") -> str:
    return f"bertdoctor check-data TRAIN_FILE --model {scan.model_arg}{extra}"


def _real_error_commands(scan: Scan) -> str:
    if any(f.path.startswith(("Cell In", "<ipython")) for f in scan.frames):
        return (
            "restart the kernel and run the failing cell on the CPU (model.to('cpu') and the "
            "batch too), or put os.environ['CUDA_LAUNCH_BLOCKING'] = '1' in the first cell, "
            "before torch is imported"
        )
    return (
        f"run one step on the CPU: `{_cmd_env(scan, 'CUDA_VISIBLE_DEVICES', '')}` (the "
        "script must pick the device with torch.cuda.is_available()), or get the failing "
        f"kernel's line with `{_cmd_env(scan, 'CUDA_LAUNCH_BLOCKING', '1')}`"
    )


# the lines that chain one exception to the next in a traceback
CHAIN_MARKERS = ("During handling of the above exception", "The above exception was the direct")


# a line longer than this (a log of megabytes on one line) is read as a window around the point
LINE_MAX = 4000


def _line_start(text: str, pos: int) -> int:
    lo = max(0, pos - LINE_MAX)
    return max(text.rfind("\n", lo, pos) + 1, lo)


def _line_at(text: str, pos: int) -> str:
    end = text.find("\n", pos, pos + LINE_MAX)
    return text[_line_start(text, pos) : end if end >= 0 else min(len(text), pos + LINE_MAX)]


# a sentence's end: . ! ? before a space or the line's end (not a number's point), or a newline
SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)|[？。！]|\n")
# the reporter asks whether (not why): "Does the model predict the same class for every input?"
YES_NO_QUESTION_RE = re.compile(
    r"(?i)^(?:does|do|did|is|are|was|were|should|shall|can|could|will|would)\b"
)
# ...unless it is a complaint asked as a question ("Does anyone know why...", "Is it normal
# that...", "Is there a reason...")
COMPLAINT_ASKED_RE = re.compile(
    r"(?i)\bwhy\b|\b(?:any|some)(?:one|body)\b|\breason\b|\bnormal\b|\bexpected\b|\bidea\b|"
    r"\bwrong\b|\bfix\b|\bhelp\b|\bproblem\b|\bissue\b|\bexplain\b"
)
# the reporter says the behaviour is what they want ("as expected", "as intended", ", good")
# (set apart by a comma: "does not decay as expected" is the complaint itself)
AS_WANTED_RE = re.compile(
    r"(?i)(?:[,;(]|^)\s*as (?:expected|intended|planned|scheduled)\b"
    r"(?! (?:from|for|with|of|given|by)\b)|"
    r"\bwhich is (?:good|fine)\b|,\s*good\b"
)


# the reporter's words for more than two classes (next to an opaque device-side assert, or to
# "binary classification works")
MULTI_CLASS_RE = re.compile(
    r"(?i:multi[- ]?class(?:es)?\b|multiple classes|\b(?:[3-9]|[1-9]\d{1,3}|three|four|five|six|"
    r"seven|eight|nine|ten)[- ](?:classes|labels|categories|intents)\b)|多分类|多类别|多个类别|"
    r"(?:[3-9]|[1-9]\d{1,3}|[三四五六七八九十]) ?个?(?:类别|分类|标签)"
)


# the reporter's line says the problem is behind them
SOLVED_SAID_RE = re.compile(
    r"(?i)\b(?:solved|resolved|fixed (?:it|now)|works? now)\b|\bthey (?:now )?match\b|"
    r"已(?:经)?解决|解决了"
)
# ...or that what they show works (no complaint to explain)
WORKS_SAID_RE = re.compile(
    SOLVED_SAID_RE.pattern + r"|\b(?:it |this |that )?works(?: well| fine)?\b|\bfixed\b|\bthanks\b"
)


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], up to 300 characters each side."""
    lo = max(0, start - 300)
    before = [m.end() for m in SENTENCE_END_RE.finditer(text, lo, start)]
    after = SENTENCE_END_RE.search(text, end, min(len(text), end + 300))
    return text[before[-1] if before else lo : after.end() if after else min(len(text), end + 300)]


def _reporter_aside(text: str, start: int, end: int) -> bool:
    """The reporter's sentence around a reading asks whether it happens (a yes/no question) or
    says it is as wanted: no complaint to explain."""
    sentence = _sentence_at(text, start, end).strip()
    asked = (
        YES_NO_QUESTION_RE.match(sentence)
        and sentence.endswith(("?", "？"))
        and not COMPLAINT_ASKED_RE.search(sentence)
    )
    return bool(asked or AS_WANTED_RE.search(sentence))


def _label_context(scan: Scan) -> bool:
    z = scan.zone_lower
    return any(
        w in z
        for w in ("crf", "transitions", "label", "tag", "one_hot", "target", "scatter", "gather")
    )


def _crf_context(scan: Scan) -> bool:
    z = scan.zone_lower
    return "crf" in z or "transitions[" in z or "_compute_score" in z


# the model's label arguments, which a tokenizer takes and ignores (BD413)
LABEL_KWARGS_RE = re.compile(r"num_labels|num_classes|id2label|label2id|problem_type")


def _labels_from_tokenizer_warning(scan: Scan) -> str:
    hit = scan.first("tokenizer-kwargs-ignored")
    if hit and LABEL_KWARGS_RE.search(hit.groups["kw"]):
        return (
            f" The tokenizer was given {hit.groups['kw']} and ignored it: the model never "
            "got them and kept its default of 2 labels (BD413)."
        )
    return ""
