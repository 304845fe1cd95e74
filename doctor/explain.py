"""`bertdoctor explain`: the cause and the fix from a pasted error, traceback or training log.

How it reads a text, in one pass that stays fast on a 10 MB log:

1. It finds the *error zone*: the last traceback (walking back over chained ones, "During
   handling of the above exception ...", and past a launcher's own traceback such as
   torchrun's ChildFailedError); without a traceback, the last exception line of the log; in
   a short paste without either, the whole text. Every error pattern is looked for only there,
   and never in the quoted source lines of a traceback.
2. Each pattern has literal needles; `str.find` locates them (C speed) and the pattern's regex
   runs only on the few lines around a hit, never over the whole text, so no regex can
   backtrack across megabytes.
3. A few *context* patterns (warnings printed long before the crash: "Some weights ... newly
   initialized", "Token indices sequence length is longer ...", `loss: nan`, the CUDA
   assertion lines that name the failing kernel) are looked for in the whole text.
4. The best error hit becomes the one error finding (the cause, with the values read from the
   text and, with ``model``, compared with the folder's config.json); context hits become
   warnings; weak matches become hints, never findings. Unknown text gives a report without
   findings that says "no known cause": ``ExplainReport.recognised`` is False and the exit
   status is 1.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .findings import DoctorError, ExitStatus, Finding, Location, Report, Section, Severity
from .runner import crashed

ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
TRACEBACK = "Traceback (most recent call last)"
RANK_PREFIX_RE = re.compile(r"^\[(?:rank|default)\d+\]:[ ]?", re.M)
CURLY_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
LAUNCHER_ERRORS = ("ChildFailedError", "CalledProcessError: Command", "ProcessRaisedException")
CHAIN_MARKERS = ("During handling of the above exception", "The above exception was the direct")
TAIL = 64 * 1024  # without a traceback, the error is looked for in the last 64 KiB
ZONE_MAX = 2 * 1024 * 1024  # a traceback longer than this is cut to its end
WINDOW = 3000  # characters around a needle hit that the pattern's regex may look at
LAST_LINES = 20  # a long log without traceback or exception line: its error is at the end
MAX_TRIES = 200  # needle hits tried per pattern, from the end (or the start for "first")

EXC_NAME_RE = re.compile(
    r"(?<![\w.])((?:[A-Za-z_]\w*\.)*(?:[A-Z]\w*(?:Error|Exception)|KeyboardInterrupt))"
    r"(?::\s?(?P<msg>.*))?\s*$"
)
FRAME_RES = (
    re.compile(
        r'^[ \t]*File "(?P<path>[^"\n]+)", line (?P<line>\d+)(?:, in (?P<func>[^\n]+))?', re.M
    ),
    re.compile(r"^[ \t]*File (?P<path>[^\n,\"]+?):(?P<line>\d+)(?:, in (?P<func>[^\n(]+))?", re.M),
    re.compile(r"^[ \t]*(?P<path>Cell In ?\[\d+\]), line (?P<line>\d+)", re.M),
    re.compile(r"^(?P<path><ipython-input-\d+-[0-9a-f]+>) in (?P<func>[^\n(]+)", re.M),
)
ARROW_RE = re.compile(r"^-+> ?(\d+)", re.M)
LIB_MARKERS = (
    "/bin/",
    "\\Scripts\\",
    "site-packages",
    "dist-packages",
    "/lib/python",
    "\\lib\\",
    "\\Lib\\",
    "<frozen",
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


@dataclass(frozen=True)
class Frame:
    path: str
    line: int | None
    func: str
    pos: int = 0  # where the frame is printed in the text

    @property
    def is_library(self) -> bool:
        return any(m in self.path for m in LIB_MARKERS)


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
    _zone_lower: str | None = None

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

    def location_of(self, hit: Hit | None) -> list[Location]:
        if hit and hit.start < self.zone_start and hit.pattern.kind == "context":
            return []  # a log line long before the traceback: its frames are another story
        # the user's frame above the error; for a chained cause, the one of the last traceback
        frame = self.user_frame_before(hit.start if hit else len(self.text)) or self.user_frame
        return [Location(frame.path, frame.line)] if frame else []

    @property
    def windows(self) -> bool:
        return any(re.match(r"[A-Za-z]:\\", f.path) for f in self.frames)

    @property
    def script(self) -> str:
        for frame in self.frames:
            if frame.func.strip() == "<module>" and frame.path.endswith(".py"):
                return _short_path(frame.path)
        frame = self.user_frame
        if frame and frame.path.endswith(".py"):
            return _short_path(frame.path)
        return "train.py"

    @property
    def model_arg(self) -> str:
        return self.model.path if self.model else "MODEL_DIR"


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


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_at(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[text.rfind("\n", 0, pos) + 1 : end if end >= 0 else len(text)]


def _label_context(scan: Scan) -> bool:
    z = scan.zone_lower
    return any(
        w in z
        for w in ("crf", "transitions", "label", "tag", "one_hot", "target", "scatter", "gather")
    )


def _crf_context(scan: Scan) -> bool:
    z = scan.zone_lower
    return "crf" in z or "transitions[" in z or "_compute_score" in z


def _labels_from_tokenizer_warning(scan: Scan) -> str:
    hit = scan.first("tokenizer-kwargs-ignored")
    if hit and re.search(r"num_(?:labels|classes)", hit.text):
        return (
            f" The tokenizer was given {hit.groups['kw']} and ignored it: the model never "
            "got num_labels and kept its default of 2 (BD413)."
        )
    return ""


# ---------------------------------------------------------------------------------------------
# Builders: one small function per failure, reading the numbers out of the hit


def explain_target_out_of_bounds(hit: Hit, scan: Scan) -> Diagnosis:
    target = hit.num("target")
    assert target is not None
    if target < 0:
        return _negative_label(target, scan)
    model = scan.model
    size = _size_near(scan)
    fix = (
        "build the label list from the training data (sorted(set(all labels))), number it from "
        "0, and pass num_labels=len(labels), id2label and label2id to from_pretrained. "
        f"Confirm: `{_check_data(scan)}`"
    )
    if model and target == model.num_labels or size == target:
        n = model.num_labels if model and target == model.num_labels else size
        where = f" ({model.path}/config.json)" if model and n == model.num_labels else ""
        msg = (
            f"label id {target} reached the loss, and the model has num_labels={n}{where}: "
            f"ids must run 0..{n - 1}, so {target} is one past the end: an off-by-one in the "
            "label list (ids counted from 1, or one label missing from id2label)"
        )
    elif model and model.default_labels and target >= 2:
        msg = (
            f"label id {target} reached the loss, and the model has the default 2 labels "
            f"({model.path}/config.json has no id2label of its own): num_labels was never "
            "passed to from_pretrained"
        )
    elif model:
        msg = (
            f"label id {target} reached the loss, and the model has num_labels="
            f"{model.num_labels} ({model.path}/config.json): the data holds more labels than "
            "the head"
        )
    else:
        msg = (
            f"label id {target} reached the loss, which has fewer classes: every id must be "
            f"below num_labels. If the label list has {target} entries (ids 0..{target - 1}), "
            f"{target} is one past the end (ids counted from 1); if it is larger, the model "
            "was built with too small a num_labels (the default is 2)"
        )
    return Diagnosis("BD201", msg + "." + _labels_from_tokenizer_warning(scan), fix)


def _size_near(scan: Scan) -> int | None:
    """A class count printed near the error: `with size 39`, `torch.Size([16, 39])`."""
    exc = scan.exception
    m = re.search(r"with size (\d+)", exc) or re.search(r"n_classes\W*(\d+)", exc)
    return int(m.group(1)) if m else None


def _negative_label(value: int, scan: Scan) -> Diagnosis:
    if value == -100:
        msg = (
            "label -100 reached a loss that does not ignore it: -100 marks padding and "
            "non-first word pieces, and only a loss with ignore_index=-100 (the default of "
            "CrossEntropyLoss) skips it"
        )
        fix = (
            "keep ignore_index=-100 in CrossEntropyLoss (do not set ignore_index to another "
            "value), or pad the labels with the loss's ignore_index. Confirm: "
            f"`{_check_data(scan)}`"
        )
    else:
        msg = (
            f"label id {value} reached the loss: a negative id other than the ignore index "
            "-100 (a label missing from label2id mapped to -1, or a default of -1)"
        )
        fix = (
            "map every label through label2id and fail on unknown ones instead of using -1; "
            f"pad with -100. Confirm: `{_check_data(scan)}`"
        )
    return Diagnosis("BD202", msg + ".", fix)


def explain_index_out_of_bounds(hit: Hit, scan: Scan) -> Diagnosis | None:
    index, size, dim = hit.num("index"), hit.num("size"), hit.num("dim")
    assert index is not None and size is not None
    crf = _crf_context(scan)
    if index == -100:
        what = (
            "a CRF layer"
            if crf
            else "a layer that indexes with the labels (a CRF, one_hot, gather)"
        )
        return Diagnosis(
            "BD203",
            f"index -100 is out of bounds for dimension {dim} with size {size}: the label "
            f"padding -100 went into {what}, which uses every tag as an index into its "
            f"{size}x{size} transition matrix; only CrossEntropyLoss ignores -100.",
            "before the CRF, replace -100 by a real tag id (0, the 'O' tag) and pass "
            "mask=attention_mask.bool() (drop the [CLS] position or keep the mask's first "
            "column on); with a CRF label every word piece instead of -100. Confirm: "
            f"`{_check_data(scan, ' --crf')}`",
        )
    if index < 0 and _label_context(scan):
        return _negative_label(index, scan)
    if index >= size and (crf or _label_context(scan)):
        off = " (one past the end: an off-by-one in the tag list)" if index == size else ""
        where = "the CRF's tag dimension" if crf else "the label dimension"
        return Diagnosis(
            "BD201",
            f"tag id {index} is out of bounds for {where} of size {size}{off}: the layer was "
            f"built for {size} tags, and the data holds more.",
            "build the layer with num_tags=len(label_list) from the same label list that "
            f"numbers the data (ids 0..num_tags-1). Confirm: `{_check_data(scan)}`",
        )
    return None


def explain_one_hot(hit: Hit, scan: Scan) -> Diagnosis:
    if "non-negative" in hit.text:
        return _negative_label(-1, scan)
    return Diagnosis(
        "BD201",
        "F.one_hot got a label id >= num_classes: the data holds a label id that is not below "
        "the number of classes (often -100 or an id counted from 1).",
        f"pass num_classes=len(labels) and check the ids. Confirm: `{_check_data(scan)}`",
    )


def explain_crf_mask(hit: Hit, scan: Scan) -> Diagnosis:
    return Diagnosis(
        "BD203",
        "the CRF's mask is off at the first time step: the mask was built from labels != -100 "
        "(or padding came first), and the [CLS] position carries -100.",
        "drop the [CLS] position before the CRF (emissions[:, 1:], mask[:, 1:], tags[:, 1:]) "
        "or set mask[:, 0] = True, and replace -100 by a real tag id (0). Confirm: "
        f"`{_check_data(scan, ' --crf')}`",
    )


EMBEDDING_CAUSES = {
    "BD208": "a sequence longer than max_position_embeddings (512): no truncation (BD208)",
    "BD206": "a token_type_id >= type_vocab_size (2 for BERT, 1 for RoBERTa/XLM-R) (BD206)",
    "BD207": "an input id >= vocab_size: a tokenizer from another model, or added tokens "
    "without model.resize_token_embeddings(len(tokenizer)) (BD207)",
}


def _embedding_code(scan: Scan) -> str | None:
    """Which embedding failed, from the last frame's source line or the warnings."""
    z = scan.zone
    where = {
        code: z.rfind(name)
        for code, name in (
            ("BD207", "word_embeddings("),
            ("BD206", "token_type_embeddings("),
            ("BD208", "position_embeddings("),
        )
    }
    best = max(where, key=lambda c: where[c])
    if where[best] >= 0:
        return best
    if scan.first("sequence-longer-than-max"):
        return "BD208"
    # no frame says which table: the reporter's own words around the error may
    prose = "\n".join(
        ln
        for ln in scan.text[-30_000:].splitlines()
        if ln and not ln[0].isspace() and 'File "' not in ln and not ln.startswith("Traceback")
    )
    said = [
        code
        for code, clue in (
            ("BD207", r"resize_token_embeddings|add_tokens|added (?:special )?tokens|new tokens"),
            ("BD206", r"token_type|type_vocab_size|segment[ _]ids"),
            ("BD208", r"max_length|max_seq|truncat|longer than|too long"),
        )
        if re.search(clue, prose, re.I)
    ]
    return said[0] if len(said) == 1 else None


def explain_embedding_index(
    hit: Hit, scan: Scan, *, index: int | None = None, rows: int | None = None
) -> Diagnosis:
    code = _embedding_code(scan)
    m = scan.model
    if code is None and index is not None and rows is not None:
        code = (
            "BD208"
            if rows + 1 in (512, 514) or (m and rows == m.max_position_embeddings)
            else "BD206"
            if rows <= 4
            else "BD207"
        )
    long_hit = scan.first("sequence-longer-than-max")
    if code == "BD208" or (code is None and long_hit):
        n = long_hit.groups["len"] if long_hit else None
        limit = (
            m.max_position_embeddings
            if m and m.max_position_embeddings
            else long_hit.groups["max"]
            if long_hit
            else 512
        )
        seen = (
            f"a sequence of {n} tokens (the tokenizer warned: {n} > {long_hit.groups['max']})"
            if long_hit
            else "a sequence longer than the position table"
        )
        return Diagnosis(
            "BD208",
            f"the position embedding has {limit} rows and {seen} went into the model: BERT "
            "cannot take more positions than max_position_embeddings.",
            f"tokenize with truncation=True, max_length={min(int(limit), 512)} (or split long "
            f"texts into windows). Confirm: `{_check_data(scan, f' --max-length {limit}')}`",
        )
    if code == "BD206":
        tv = m.type_vocab_size if m and m.type_vocab_size else 2
        return Diagnosis(
            "BD206",
            f"the token type embedding has {tv} rows and a token_type_id >= {tv} went into it "
            "(token types 0..1 for sentence pairs; more than two segments, or token_type_ids "
            "from a tokenizer of another model).",
            "pass at most two segments (text, text_pair), or drop token_type_ids for models "
            f"with type_vocab_size=1. Confirm: `{_check_data(scan)}`",
        )
    if code == "BD207":
        if m and m.vocab_size and m.vocab_lines and m.vocab_lines > m.vocab_size:
            seen = (
                f"vocab.txt has {m.vocab_lines} tokens and config.json vocab_size="
                f"{m.vocab_size}: ids {m.vocab_size}..{m.vocab_lines - 1} have no row"
            )
        elif index is not None and rows is not None:
            seen = f"index {index} was looked up in a table of {rows} rows"
        else:
            seen = "an input id >= vocab_size went into the word embedding"
        return Diagnosis(
            "BD207",
            f"the word embedding has fewer rows than the tokenizer's ids: {seen} (a tokenizer "
            "of another model, or added tokens without resizing the embeddings).",
            "load the tokenizer and the model from the same folder, and after "
            "tokenizer.add_tokens(...) call model.resize_token_embeddings(len(tokenizer)). "
            f"Confirm: `bertdoctor check-model {scan.model_arg}`",
        )
    if ("Traceback" in scan.zone or scan.frames) and not re.search(
        r"transformers|modeling|pytorch_pretrained|bert|roberta|longformer|xlnet|electra",
        scan.zone_lower,
    ):
        # the traceback runs through the user's own model, not a BERT of transformers: its
        # nn.Embedding has fewer rows than the ids (the vocabulary it was sized with)
        return Diagnosis(
            "BD207",
            "an nn.Embedding of the script's own model got an id >= its number of rows (`index "
            "out of range in self`): the embedding was sized with a smaller vocabulary than the "
            "ids the data holds (a vocabulary built on another split, special or padding ids "
            "added later), or a sequence is longer than a position table.",
            "size the embedding with the vocabulary that numbers the data (len(vocab), counting "
            "pad/unk/special ids), and print input.max() next to embedding.num_embeddings. "
            f"Confirm: `{_check_data(scan)}`",
            tentative=True,
        )
    return Diagnosis(
        "BD208",
        "an embedding lookup got an index >= its number of rows (`index out of range in self`); "
        "the traceback does not say which embedding. In order of likelihood: "
        + "; ".join(EMBEDDING_CAUSES.values())
        + ".",
        "tokenize with truncation=True, max_length=512; check the data and the model: "
        f"`{_check_data(scan, ' --max-length 512')}` and `bertdoctor check-model "
        f"{scan.model_arg}`",
        causes=tuple(EMBEDDING_CAUSES.values()),
    )


def explain_index_select(hit: Hit, scan: Scan) -> Diagnosis:
    return explain_embedding_index(hit, scan, index=hit.num("index"), rows=hit.num("rows"))


def explain_position_overflow(hit: Hit, scan: Scan) -> Diagnosis | None:
    a, b = hit.num("a"), hit.num("b")
    assert a is not None and b is not None
    m = scan.model
    limits = {512, 514, 1024, 2048} | ({m.max_position_embeddings} if m else set())
    if not (a > b and b in limits):
        return None
    return Diagnosis(
        "BD208",
        f"a batch of sequences of {a} tokens went into a model whose position table holds {b}: "
        f"{a} > {b} (max_position_embeddings); the tokenizer did not truncate.",
        f"tokenize with truncation=True, max_length={min(b, 512)}. Confirm: "
        f"`{_check_data(scan, f' --max-length {b}')}`",
    )


def explain_unpadded(hit: Hit, scan: Scan) -> Diagnosis | None:
    g = hit.groups
    if "except in dimension 0" in hit.text and not (
        "collate" in scan.zone_lower or "invalid argument 0" in scan.zone
    ):
        return None  # torch.cat in the user's own code, not the DataLoader stacking a batch
    if g.get("a") is not None and g.get("b") is not None:
        seen = f"examples of shapes [{g['a']}] and [{g['b']}] went into one batch"
    elif "excessive nesting" in hit.text or "Unable to create tensor" in hit.text:
        feature = re.search(r"\(`(\w+)` in this case\)", scan.exception)
        which = f" (`{feature.group(1)}`)" if feature else ""
        seen = (
            f"a feature{which} holds lists of different lengths, and the collator pads "
            "input_ids but not that feature (DataCollatorWithPadding on token labels)"
        )
    else:
        seen = "examples of different lengths went into one batch"
    if "collator" not in seen:
        seen += ": the tokenizer did not pad and the default collate stacks the tensors"
    return Diagnosis(
        "BD222",
        f"{seen}.",
        "pad per batch: collate_fn=DataCollatorWithPadding(tokenizer) for sentence labels, "
        "DataCollatorForTokenClassification(tokenizer) for token labels (pads them with -100), "
        "or tokenize with padding='max_length', max_length=128. Confirm: "
        f"`{_check_data(scan)}`",
    )


# -- model files and paths ---------------------------------------------------------------------

HUB_ID_RE = re.compile(r"^[A-Za-z0-9][\w.-]*(?:/[\w.-]+)?$")


NEEDS = {
    "BD302": ("vocab.txt", "tokenizer.json"),
    "BD303": ("config.json",),
    "BD304": (
        "model.safetensors",
        "pytorch_model.bin",
        "model.safetensors.index.json",
        "pytorch_model.bin.index.json",
    ),
}


LOCAL_FOLDER_NAMES = frozenset(
    """model models pretrained pretrained_model pretrained_models pretrain pretrain_model
    prev_trained_model pretrained_bert_models bert_model bert_models checkpoint checkpoints ckpt
    output outputs out saved_model saved_models save weights data resources transformers
    huggingface hf_models plm""".split()
)


FILE_SUFFIX_RE = re.compile(r"\.(?:txt|json|model|bin|safetensors|ckpt|pt|pth|h5|msgpack)$", re.I)
TOKENIZER_FILES = frozenset(
    "vocab.txt vocab.json tokenizer.json tokenizer_config.json spiece.model "
    "sentencepiece.bpe.model merges.txt".split()
)


def _classify_model_path(path: str, scan: Scan, default: str) -> tuple[str, str]:
    """(code, why) for a model path quoted by an error. The path is also looked up from where
    bertdoctor runs: when it exists here with the file in it, the script ran elsewhere."""
    if path != path.strip():
        return "BD309", f"the path '{path}' has leading or trailing whitespace"
    if path.startswith("~"):
        return "BD309", f"the path '{path}' starts with ~, which only the shell expands"
    windowsish = bool(re.match(r"^[A-Za-z]:[\\/]", path)) or "\\" in path
    if windowsish and scan.frames and not scan.windows:
        return "BD309", (
            f"'{path}' is a Windows path in a traceback from Linux or macOS, where "
            "a backslash is an ordinary character of a file name"
        )
    pathlike = windowsish or path.startswith((".", "/")) or path.count("/") > 1
    # `models/bert-base-chinese`: a folder name, not a Hub user or organisation; `vocab/vocab.txt`:
    # a file, not a Hub repository
    pathlike = (
        pathlike
        or path.split("/", 1)[0].lower() in LOCAL_FOLDER_NAMES
        or bool(FILE_SUFFIX_RE.search(path))
        # Google's checkpoint folders (chinese_L-12_H-768_A-12) are downloads, never Hub ids
        or bool(re.search(r"_L-\d+_H-\d+_A-\d+", path))
    )
    if not pathlike and HUB_ID_RE.match(path) and not os.path.isdir(path):
        return "BD308", (
            f"'{path}' is not a folder in the working directory, so transformers "
            "took it for a Hub model id, and the Hub could not be reached or has "
            "no model of that name"
        )
    if not os.path.isdir(path):
        where = "" if os.path.isabs(path) else " from the working directory the script ran in"
        kind = "file" if FILE_SUFFIX_RE.search(path) else "folder"
        return "BD301", f"the {kind} '{path}' does not exist{where}"
    needs = NEEDS.get(default, ())
    if needs and any((Path(path) / n).is_file() for n in needs):
        return "BD301", (
            f"'{path}' exists here with {needs[0]} in it, so the script ran from "
            "another working directory, where the relative path does not resolve"
        )
    return default, f"the folder '{path}' does not hold {' or '.join(needs) or 'the file'}"


MODEL_FIXES = {
    "BD301": "use an absolute path, or build it from the script's folder: "
    "Path(__file__).resolve().parent / 'bert-base-chinese'",
    "BD302": "copy vocab.txt (and tokenizer_config.json / tokenizer.json) into the folder, or "
    "save them with tokenizer.save_pretrained(folder)",
    "BD303": "the folder needs config.json (an original Google checkpoint has bert_config.json: "
    "convert it)",
    "BD304": "download the weights again (model.safetensors or pytorch_model.bin; `git lfs pull` "
    "when the file is a small text pointer)",
    "BD307": "convert the TensorFlow checkpoint: `transformers-cli convert --model_type bert "
    "--tf_checkpoint bert_model.ckpt --config bert_config.json --pytorch_dump_output "
    "pytorch_model.bin`, and rename bert_config.json to config.json",
    "BD308": "download the model once on a machine with internet (hf download ID --local-dir "
    "./ID; huggingface-cli download with an older huggingface_hub) and load that folder, or set "
    "HF_ENDPOINT to a mirror",
    "BD309": "write the path for this system: forward slashes, no ~, no stray spaces "
    "(os.path.expanduser / .strip())",
}


def explain_model_path(hit: Hit, scan: Scan) -> Diagnosis:
    default = hit.pattern.code
    files = hit.groups.get("files") or ""
    if "config.json" in files and not re.search(r"\.bin|safetensors|\.h5|ckpt|msgpack", files):
        default = "BD303"  # `Error no file named config.json found in directory X`
    path = hit.groups.get("path") or ""
    if len(path) > 1 and path.endswith(".") and not path.endswith(("/.", "\\.", "..")):
        path = path[:-1]  # the full stop of the sentence, not part of the path
    z = scan.zone
    if hit.groups.get("file") == "bert_config.json":
        code, why = (
            "BD303",
            (
                f"the code asks for bert_config.json in '{path}', the name in Google's original "
                "checkpoints; a transformers download has config.json (copy or rename it)"
            ),
        )
    elif default in ("BD303", "BD304") and (
        "bert_config.json" in z or "bert_model.ckpt" in z or re.search(r"_L-\d+_H-\d+_A-\d+", z)
    ):
        code, why = "BD307", "the folder holds an original TensorFlow checkpoint"
    elif (
        path
        and hit.pattern.name in ("cant-find-vocab", "vocab-files-not-found")
        and re.search(r"[\\/]vocab\.txt'", hit.text)
    ):
        # the old tokenizer joins vocab.txt to the path only when the folder exists
        code, why = "BD302", f"the folder '{path}' exists but has no vocab.txt"
    elif (
        path
        and re.split(r"[\\/]", path)[-1] in TOKENIZER_FILES
        and (path.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", path))
        and not os.path.isfile(path)
    ):
        code, why = (
            "BD302",
            (
                f"'{path}' names the tokenizer file itself, and it is not there: the folder needs "
                "it, and from_pretrained takes the folder"
            ),
        )
    elif path and hit.pattern.name in ("file-seen", "no-file-named"):
        # transformers says this only for a folder it found: the folder lacks the file
        code, why = _classify_model_path(path, scan, default)
        if code == "BD301" or (code == default and os.path.isdir(path)):
            code, why = default, f"the folder '{path}' exists but does not hold it"
        elif code == "BD308" and hit.pattern.name == "no-file-named":
            code, why = default, f"transformers found the folder '{path}', without the file"
    elif path:
        code, why = _classify_model_path(path, scan, default)
        if code == "BD308" and hit.pattern.name == "cant-find-vocab":
            # pytorch_pretrained_bert reads only local paths (and its shortcut names)
            code, why = "BD301", f"'{path}' is not a folder in the working directory"
        if code in ("BD301", "BD308") and hit.pattern.name == "file":  # a local file was opened
            code, why = default, f"there is no {hit.groups.get('file')} in '{path}'"
        elif code == "BD308" and hit.pattern.name == "not-valid-identifier":
            code, why = (
                "BD301",
                (
                    f"'{path}' is not a folder in the working directory, and the Hub answered that "
                    "it has no model of that name: the path to the local model folder is wrong, or "
                    "the model was never downloaded into it"
                ),
            )
    else:
        code, why = default, "transformers could not find the model files"
    tentative = False
    if (
        code == "BD301"
        and default in ("BD302", "BD303", "BD304")
        and path
        and not os.path.isdir(path)
        and _reporter_says_it_exists(scan, path)
    ):
        # the folder is not on this machine, but the reporter says it is on theirs: then it
        # lacks a file; a wrong path stays possible, so this is the likelier cause, not a sure one
        code, tentative = default, True
        why = (
            f"the reporter says '{path}' exists, so it most likely lacks the files (all of the "
            "model's files must be in it: config.json, the tokenizer files, the weights); if it "
            "does not resolve from the working directory, the path is wrong instead (BD301)"
        )
    what = {
        "BD302": "the tokenizer files (vocab.txt / tokenizer.json)",
        "BD303": "config.json",
        "BD304": "the weights file",
    }.get(default, "the model")
    file = hit.groups.get("file")
    if file:
        what = file
    target = path.strip() or scan.model_arg
    name = re.split(r"[\\/]", target)[-1]
    if name in TOKENIZER_FILES or FILE_SUFFIX_RE.search(name):
        target = re.sub(r"[\\/]+[^\\/]*$", "", target) or target  # the folder, not the file
    return Diagnosis(
        code,
        f"{'TensorFlow' if hit.pattern.name.startswith('tf-') else 'transformers'} could not "
        f"load {what}: {why}.",
        f"{MODEL_FIXES[code]}. Confirm: `bertdoctor check-model {target}"
        f"{' --script ' + scan.script if code == 'BD301' else ''}`",
        tentative=tentative,
    )


EXISTS_SAID_RE = re.compile(
    r"(?<!not )(?<!n't )\b(?:file|files|folder|path|model|directory)\s+(?:does\s+)?exists\b|"
    r"\b(?:have|had|already|I)\s+(?:already\s+)?downloaded\b|\bdownloaded\s+(?:it|them|all|the)\b|"
    r"已经下载|下载(?:完|好)|路径没(?:有)?问题|文件(?:都)?(?:在|存在)",
    re.I,
)


def _reporter_says_it_exists(scan: Scan, path: str = "") -> bool:
    """The reporter's own words (not the traceback) say the model folder is there, or the
    pasted code saved it there with save_pretrained."""
    name = re.split(r"[\\/]", path.rstrip("\\/"))[-1]
    if name and re.search(
        rf"save_pretrained\(\s*[rf]?['\"][^'\"\n]*\b{re.escape(name)}['\"/]", scan.text
    ):
        return True
    prose = "\n".join(
        ln
        for ln in scan.text[-30_000:].splitlines()
        if ln and not ln[0].isspace() and 'File "' not in ln and "Error" not in ln[:40]
    )
    return bool(EXISTS_SAID_RE.search(prose))


def _as_file_hit(hit: Hit, *, folder_seen: bool) -> Hit:
    """The hit, as if from a pattern of the missing file's family (tokenizer, config, weights)."""
    file = hit.groups["file"]
    code = (
        "BD302"
        if file in ("vocab.txt", "tokenizer.json", "tokenizer_config.json")
        else "BD303"
        if file.endswith("config.json")
        else "BD304"
    )
    family = Pattern("file-seen" if folder_seen else "file", code, (), "")
    return Hit(family, hit.groups, hit.start, hit.end, hit.text)


def explain_file_not_in_folder(hit: Hit, scan: Scan) -> Diagnosis:
    """`X does not appear to have a file named F`: transformers found the folder X."""
    return explain_model_path(_as_file_hit(hit, folder_seen=True), scan)


def explain_file_not_found(hit: Hit, scan: Scan) -> Diagnosis:
    """`No such file or directory: 'X/vocab.txt'`: the folder may not exist either."""
    return explain_model_path(_as_file_hit(hit, folder_seen=False), scan)


HUB_ORGS = frozenset(
    """google google-bert facebook facebookai microsoft hfl meta-llama mistralai qwen thudm
    sentence-transformers distilbert allenai huggingface openai eleutherai bigscience tiiuae uer
    idea-ccnl baai nghuyong ckiplab dbmdz nlpaueb emilyalsentzer dmis-lab cardiffnlp prosusai
    shibing624 langboat thunlp junnyu bert-base-uncased deepset dslim jinaai intfloat
    baichuan-inc decapoda-research nvidia""".split()
)
HUB_NAME_RE = re.compile(
    r"^(?:bert|roberta|distilbert|albert|xlm|xlnet|electra|deberta|gpt2|t5|bart|camembert|"
    r"flaubert|mbart|longformer|ernie|macbert|chinese)[\w.-]*$",
    re.I,
)


def _known_hub_id(ident: str) -> bool:
    """A Hub id of a known organisation or a canonical model name (bert-base-uncased)."""
    if "/" in ident:
        return ident.split("/", 1)[0].lower() in HUB_ORGS
    return bool(HUB_NAME_RE.match(ident)) and "-" in ident


def _released_hub_name(ident: str) -> bool:
    """`nllg/detikzify-ds-1.3b`, `org/model-7b-v2`: an owner and a name with a parameter count,
    the way models are published on the Hub (a local folder is rarely named so)."""
    owner, _, name = ident.partition("/")
    return bool(owner and name and "/" not in name) and bool(
        re.search(r"[-_.]\d+(?:\.\d+)?[bBmM](?![a-zA-Z])", name)
    )


def explain_hub_offline(hit: Hit, scan: Scan) -> Diagnosis:
    ident = hit.groups.get("path") or hit.groups.get("id") or ""
    if not ident:
        m = re.search(r"/([\w.-]+(?:/[\w.-]+)?)/resolve/", scan.zone) or re.search(
            r"it looks like (\S+) is not the path", scan.zone
        )
        ident = m.group(1) if m else ""
    if not ident:  # transformers 5 names no model: the call in the traceback's source does
        calls = re.findall(r"from_pretrained\(\s*[rR]?['\"]([^'\"\n]+)['\"]", scan.zone)
        ident = calls[-1] if calls else ""
    if ident and (ident.startswith((".", "/", "~")) or "\\" in ident):
        return explain_model_path(hit, scan)
    if ident in ("None", "none", "null"):
        return Diagnosis(
            "BD301",
            f"the model path is {ident}: the argument or config entry that should name the model "
            "folder (model_name_or_path, a path in a config file) was never set.",
            "set the model path (an existing folder with config.json and the weights) where the "
            f"script reads it. Confirm: `bertdoctor check-script {scan.script}`",
        )
    if (
        hit.pattern.name == "not-valid-identifier"
        and ident
        and not _known_hub_id(ident)
        and not _released_hub_name(ident)
    ):
        # the Hub answered that there is no such model: a local folder was meant
        return explain_model_path(
            Hit(
                Pattern("not-valid-identifier", "BD301", (), ""),
                hit.groups,
                hit.start,
                hit.end,
                hit.text,
            ),
            scan,
        )
    shown = ident or "the model"
    return Diagnosis(
        "BD308",
        f"transformers could not reach huggingface.co to download {shown}, and it is not in the "
        "local cache (no internet, a firewall, or HF_HUB_OFFLINE=1).",
        f"{MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model {ident or 'MODEL_ID'}`",
    )


def explain_gated(hit: Hit, scan: Scan) -> Diagnosis:
    """A gated Hub repository: the id is right, the account has no access (yet)."""
    ident = hit.groups.get("id", "MODEL_ID")
    return Diagnosis(
        "BD308",
        f"{ident} is a gated repository on the Hub: it downloads only for an account that "
        "accepted its licence (and was approved, when the authors review requests), with that "
        "account's token; it is not in the local cache either.",
        f"accept the conditions on https://huggingface.co/{ident}, then `hf auth login` "
        "(huggingface-cli login) or pass token=...; or download it once where you have access "
        f"and load the folder. Confirm: `bertdoctor check-model {ident}`",
    )


def explain_old_download(hit: Hit, scan: Scan) -> Diagnosis:
    """pytorch_pretrained_bert: `We assumed 'https://s3.amazonaws.com/.../bert-large-cased.tar.gz'
    was a path or url but couldn't find any file`: the download of a shortcut name failed."""
    url = hit.groups.get("url", "")
    name = re.sub(r"(?:-vocab\.txt|-config\.json|-pytorch_model\.bin|\.tar\.gz)$", "", url)
    name = name.rsplit("/", 1)[-1] or "the model"
    return Diagnosis(
        "BD308",
        f"the download of {name} from {url} failed (no connection from this machine, a proxy, "
        "or a full temporary disk while the archive was written), and it is not in the cache.",
        f"{MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model {name}`",
    )


def explain_network_error(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A socket error: the Hub could not be reached, when the text is about a Hub download."""
    if not re.search(r"huggingface\.co|hf-mirror|huggingface_hub", scan.text):
        return None
    return explain_hub_offline(hit, scan)


def explain_state_dict_keys(hit: Hit, scan: Scan) -> Diagnosis | None:
    block = scan.text[hit.start : hit.start + 20_000]
    if '"module.' in block or "'module." in block:
        why = (
            "the checkpoint's keys start with `module.` (saved from a DataParallel or "
            "DistributedDataParallel wrapper), so no key matches the model"
        )
        fix = (
            "save model.module.state_dict() next time; to load this one, strip the prefix: "
            "{k.removeprefix('module.'): v for k, v in state.items()}"
        )
    elif re.search(r"[\"'](?:model|net|encoder)\.bert\.", block):
        why = "the checkpoint's keys carry the prefix of a wrapper module around the model"
        fix = "strip the wrapper's prefix from the keys before load_state_dict"
    else:
        return None  # other key differences (position_ids buffers): only a hint
    return Diagnosis(
        "BD316",
        f"the weights do not load into the model: {why}.",
        f"{fix}. Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


def explain_vocab_unreadable(hit: Hit, scan: Scan) -> Diagnosis | None:
    if "NoneType" in hit.text and "tokeniz" not in scan.zone_lower:
        return None  # a None path somewhere else in the user's code
    return Diagnosis(
        "BD302",
        "the tokenizer found no vocabulary file to read (vocab_file is None, or the file is "
        "unreadable): the model folder has no vocab.txt / tokenizer.json, or the path points "
        "at the wrong folder.",
        f"{MODEL_FIXES['BD302']}. Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


# a log line that already names why the tokenizer did not load
TOKENIZER_LOAD_LOGS = frozenset(
    {
        "vocab-files-not-found",
        "model-name-not-found",
        "cant-find-vocab",
        "cant-load-tokenizer",
        "network-error",
        "not-valid-identifier",
    }
)


def explain_tokenizer_none(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`'NoneType' object has no attribute 'tokenize'`: pytorch_pretrained_bert (and code built
    on it) logs an error and returns None when from_pretrained finds no vocabulary. Likely, not
    certain: a script's own loader can return None too."""
    if any(h.pattern.name in TOKENIZER_LOAD_LOGS for h in scan.hits if h is not hit):
        return None  # the log says why: that pattern explains it
    # the log line may come before the traceback, where error patterns are not searched
    lo = max(0, scan.zone_start - 20_000)
    for pattern in PATTERNS:
        if pattern.name in TOKENIZER_LOAD_LOGS and pattern.build:
            for earlier in _search(pattern, scan.text[: scan.zone_start], lo):
                diagnosis = build(earlier, scan)
                if diagnosis:
                    return diagnosis
    return Diagnosis(
        "BD302",
        f"the tokenizer is None where the code calls .{hit.groups.get('attr')}(): old "
        "pytorch_pretrained_bert returns None (with only a logged error) when from_pretrained "
        "finds no vocab.txt, most often because the vocabulary file in the model folder has "
        "another name (bert-base-chinese-vocab.txt) or the folder path is wrong.",
        f"{MODEL_FIXES['BD302']}: the file must be named vocab.txt, in the folder the script "
        "passes to from_pretrained (print the tokenizer right after loading it). Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
        causes=(
            "vocab.txt missing from the model folder, or under another name",
            "the path given to from_pretrained is not the model folder (BD301)",
            "a Hub name that could not be downloaded (BD308)",
        ),
        tentative=True,
    )


def _hub_url_ident(hit: Hit, scan: Scan) -> Diagnosis:
    """`Repository Not Found for url: https://huggingface.co/api/models/D:%5Cwork%5Cbert`: the
    folder did not exist, so its path went to the Hub as a repository id."""
    ident = unquote(hit.groups.get("path") or "").rstrip(".")
    if "\\" in ident or re.match(r"^[A-Za-z]:", ident) or ident.startswith(("/", ".", "~")):
        return explain_model_path(
            Hit(
                Pattern("repo-not-found-url", "BD301", (), ""),
                {"path": ident},
                hit.start,
                hit.end,
                hit.text,
            ),
            scan,
        )
    return explain_hub_offline(
        Hit(hit.pattern, {"path": ident}, hit.start, hit.end, hit.text), scan
    )


def explain_config_json(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A JSONDecodeError raised while a config or tokenizer file of the model was read: the file
    is not JSON (empty, an HTML page from a failed download, a Git LFS pointer). A JSON data
    file of the user's is none of bertdoctor's business."""
    z = scan.zone
    if re.search(
        r"\b(?:_dict_from_json_file|from_json_file|get_config_dict)\b|"
        r"configuration_utils\.py",
        z,
    ):
        code, what = "BD303", "the model's config.json"
    elif re.search(r"tokenization_utils(?:_base|_fast)?\.py|\btokenizer_config\.json", z):
        code, what = "BD302", "a tokenizer file (tokenizer_config.json / tokenizer.json)"
    else:
        return None
    return Diagnosis(
        code,
        f"{what} is not valid JSON ({hit.text.strip()[:80]}): the file is empty, cut off, or "
        "an HTML page or Git LFS pointer saved in place of the real file.",
        f"{MODEL_FIXES[code]}; open the file and download it again when it is not JSON. "
        f"Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


def explain_no_model_type(hit: Hit, scan: Scan) -> Diagnosis:
    """`Unrecognized model in X. Should have a model_type key in its config.json`: the config
    was read, but it names no architecture (an old or hand-written config, a converted
    checkpoint, a repository of another format such as GGUF)."""
    path = hit.groups.get("path", "").rstrip(".")
    return Diagnosis(
        "BD303",
        f"the config.json of '{path}' has no \"model_type\" key (and the folder name names no "
        "architecture), so the Auto classes cannot tell which model to build: an old or "
        "hand-written config, a converted checkpoint, or a folder that is not a transformers "
        "model.",
        'add "model_type": "bert" (or the architecture it is) to config.json, or load it with '
        f"the model's own class (BertModel.from_pretrained). Confirm: `bertdoctor check-model "
        f"{path or scan.model_arg}`",
    )


def explain_config_unreachable(hit: Hit, scan: Scan) -> Diagnosis:
    """transformers 2: `Couldn't reach server at 'X' to download configuration file or
    configuration file is not a valid JSON file`. X a file: from_pretrained takes the folder."""
    path = hit.groups.get("path", "")
    name = re.split(r"[\\/]", path)[-1]
    if FILE_SUFFIX_RE.search(name):
        return Diagnosis(
            "BD303",
            f"from_pretrained was given the file '{path}': it takes the model folder, and reads "
            "the configuration from config.json in it (a Google checkpoint's bert_config.json "
            "is not found under that name).",
            f"pass the folder ({re.sub(r'[^/]*$', '', path) or '.'}) and name its configuration "
            'config.json (with "model_type": "bert"). Confirm: `bertdoctor check-model '
            f"{re.sub(r'[^/]*$', '', path) or '.'}`",
        )
    return explain_model_path(hit, scan)


def explain_wordpiece_not_found(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The tokenizers library (Rust) could not open the vocabulary file it was given."""
    if not re.search(r"WordPiece|vocab|BertWordPieceTokenizer|Tokenizer\.from_file", scan.zone):
        return None
    return Diagnosis(
        "BD302",
        "the tokenizers library could not open the vocabulary file it was given (`No such file "
        "or directory`): the file was never downloaded, or the path is relative to another "
        "working directory.",
        f"{MODEL_FIXES['BD302']}; pass the file's absolute path. Confirm: `bertdoctor "
        f"check-model {scan.model_arg}`",
    )


def explain_weights_corrupt(hit: Hit, scan: Scan) -> Diagnosis:
    lfs = "invalid load key, 'v'" in hit.text or "HeaderTooLarge" in hit.text
    why = (
        "the weights file is a Git LFS pointer (a 130-byte text file), not the weights"
        if lfs
        else "the weights file is truncated or corrupt (an interrupted download)"
    )
    return Diagnosis(
        "BD304",
        f"transformers could not read the weights: {why}.",
        f"{MODEL_FIXES['BD304']}. Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


KNOWN_VOCABS = {
    30522: "bert-base-uncased",
    28996: "bert-base-cased",
    21128: "bert-base-chinese",
    119547: "bert-base-multilingual-cased",
    105879: "bert-base-multilingual-uncased",
    50265: "roberta-base",
    250002: "xlm-roberta-base",
}


def explain_vocab_mismatch(hit: Hit, scan: Scan) -> Diagnosis:
    ckpt, cur = _shape(hit.groups["ckpt"])[0], _shape(hit.groups["cur"])[0]

    def named(n: int) -> str:
        return f"{n} ({KNOWN_VOCABS[n]})" if n in KNOWN_VOCABS else str(n)

    return Diagnosis(
        "BD305",
        f"the checkpoint's word embeddings have {named(ckpt)} rows and the model was built "
        f"with vocab_size {named(cur)}: the config (or the tokenizer the model was resized to) "
        "belongs to another checkpoint than the weights.",
        "load config, tokenizer and weights from the same checkpoint folder; after adding "
        "tokens, save the resized model and load that. Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
    )


def explain_head_mismatch(hit: Hit, scan: Scan) -> Diagnosis | None:
    pairs = re.findall(
        r"size mismatch for ([\w.]+): copying a param with shape "
        r"torch\.Size\(\[([\d, ]*)\]\) from checkpoint, the shape in current "
        r"model is torch\.Size\(\[([\d, ]*)\]\)",
        scan.zone,
    )
    report = scan.text.rfind("LOAD REPORT", max(0, hit.start - 200_000), hit.start)
    if not pairs and report >= 0:  # transformers 5 prints a table before raising
        pairs = re.findall(
            r"([\w.]+)\s*\| MISMATCH \| Reinit due to size mismatch - ckpt: "
            r"torch\.Size\(\[([\d, ]*)\]\) vs model:\s*torch\.Size\(\[([\d, ]*)\]\)",
            scan.text[report : hit.start],
        )
    body = re.compile(r"encoder|embeddings|layers?\.\d|blocks?\.\d|attention|conv", re.I)
    if pairs and all(body.search(p[0]) for p in pairs):
        return None  # the body of the network differs: another architecture or size
    pairs = [p for p in pairs if not body.search(p[0])]
    head = [p for p in pairs if "classifier" in p[0] or "crf" in p[0] or "fc" in p[0]] or pairs
    head.sort(key=lambda p: -len(_shape(p[1])))  # the weight matrix before the bias
    if head:
        name, ckpt, cur = head[0]
        n_ckpt, n_cur = _shape(ckpt)[0], _shape(cur)[0]
        if n_ckpt == n_cur:
            return None  # same number of outputs: the head's input (the encoder) differs
        msg = (
            f"the checkpoint's {name} has {n_ckpt} outputs and the model was built with "
            f"{n_cur}: the checkpoint was fine-tuned for {n_ckpt} labels, the code asks for "
            f"{n_cur}"
        )
    else:
        msg = "the checkpoint's classifier has another number of labels than the model"
    passed = re.search(
        r"You passed `num_labels=(\d+)` which is incompatible to the `id2label` map of length "
        r"`(\d+)`",
        scan.text[max(0, hit.start - 200_000) : hit.start],
    )
    if passed:
        msg += f" (the code passed num_labels={passed.group(1)}; the checkpoint's id2label has "
        msg += f"{passed.group(2)} labels)"
    if scan.model:
        msg += f" ({scan.model.path}/config.json has num_labels={scan.model.num_labels})"
    return Diagnosis(
        "BD306",
        msg + ".",
        "to start a new task from this checkpoint pass ignore_mismatched_sizes=True (the head "
        "is trained again); to use the fine-tuned model as it is, build it with the label count "
        f"it was saved with. Confirm: `bertdoctor check-model {scan.model_arg} --num-labels N`",
    )


# -- imports --------------------------------------------------------------------------------

PIP_NAMES = {
    "torchcrf": "pytorch-crf",
    "TorchCRF": "TorchCRF",
    "sklearn": "scikit-learn",
    "cv2": "opencv-python",
    "yaml": "pyyaml",
    "pytorch_pretrained_bert": "pytorch-pretrained-bert (old; use transformers)",
    "pytorch_transformers": "pytorch-transformers (old; use transformers)",
    "google.protobuf": "protobuf",
    "sentencepiece": "sentencepiece",
    "seqeval": "seqeval",
    "jieba": "jieba",
}
THIRD_PARTY = {
    "torch",
    "transformers",
    "tokenizers",
    "datasets",
    "accelerate",
    "safetensors",
    "numpy",
    "pandas",
    "scipy",
    "sklearn",
    "tqdm",
    "seqeval",
    "torchcrf",
    "TorchCRF",
    "jieba",
    "yaml",
    "tensorflow",
    "keras",
    "pytorch_pretrained_bert",
    "pytorch_transformers",
    "sentencepiece",
    "matplotlib",
    "peft",
    "evaluate",
    "huggingface_hub",
    "apex",
    "deepspeed",
    "cv2",
    "onnx",
    "onnxruntime",
    "wandb",
    "tensorboard",
    "tensorboardX",
    "fastNLP",
    "paddle",
    "paddlenlp",
    "pytorch_lightning",
    "lightning",
    "gensim",
    "nltk",
    "spacy",
    "thulac",
    "pkuseg",
    "hanlp",
    "google",
    "typer",
    "rich",
    "pynvml",
    "xlrd",
    "openpyxl",
    "jsonlines",
    "opencc",
    "zhconv",
}


def explain_relative_import(hit: Hit, scan: Scan) -> Diagnosis:
    return Diagnosis(
        "BD310",
        f"{scan.script} is run as a script (python {scan.script}) and has a relative import "
        "(`from .x import y`): a script has no parent package.",
        "run it as a module from the project root (python -m package.train), or make the "
        f"import absolute. Confirm: `bertdoctor check-imports {scan.script}`",
    )


SHADOWED_NAMES = frozenset(
    "utils util config configs tools common models model data layers modules dataset".split()
)


def explain_no_module(hit: Hit, scan: Scan) -> Diagnosis | None:
    module = hit.groups["module"]
    top = module.split(".")[0]
    if top in sys.stdlib_module_names or top.startswith("_"):
        return None
    if top in THIRD_PARTY and "." in module and top in ("transformers", "torch"):
        return Diagnosis(
            "BD313",
            f"{top} is installed but has no module {module}: the code was written for another "
            f"version of {top} (transformers 4 moved modeling_bert to "
            "transformers.models.bert.modeling_bert).",
            f"import from the top level (from {top} import BertModel) or install the version the "
            f"code was written for. Confirm: `bertdoctor check-imports {scan.script}`",
        )
    if top in THIRD_PARTY or top in PIP_NAMES:
        pip = PIP_NAMES.get(top, top)
        return Diagnosis(
            "BD313",
            f"the module {module} is not installed in the Python that ran the script (pip name: "
            f"{pip}).",
            f"pip install {pip.split(' ')[0]} with the same python (python -m pip install ...). "
            f"Confirm: `bertdoctor check-imports {scan.script}`",
        )
    if "." in module and top in SHADOWED_NAMES:
        return Diagnosis(
            "BD312",
            f"no module named {module!r}, but Python did find a {top}: another module of that "
            f"name (a pip package {top!r}, or a {top}.py elsewhere on sys.path) hides the "
            f"project's {top} folder, so its submodules are not found.",
            f"rename the project's folder (and its imports), or pip uninstall the {top} package; "
            f'python -c "import {top}; print({top}.__file__)" shows which one is found. '
            f"Confirm: `bertdoctor check-imports {scan.script}`",
        )
    return Diagnosis(
        "BD311",
        f"no module named {module!r}: if {top} is a folder or file of the project, Python does "
        "not find it from where the script was started (sys.path holds the script's folder, not "
        "the working directory); if it is a package, it is not installed (BD313).",
        "run from the project root as a module (python -m src.train), or add the project root "
        f"to PYTHONPATH. Confirm: `bertdoctor check-imports {scan.script}`",
    )


def explain_partial_module(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`cannot import name 'AutoModel' from partially initialized module 'transformers' (most
    likely due to a circular import) (/home/me/transformers.py)`: a file of the user's that has
    a package's name is imported in place of the package."""
    module = hit.groups["module"]
    top = module.split(".")[0]
    path = (hit.groups.get("path") or "").strip()
    installed = ("site-packages", "dist-packages", "/lib/python", "\\lib\\", "\\Lib\\")
    if path and any(m in path for m in installed):
        return None  # the library's own circular import: a broken install or version clash
    own = path or next(
        (
            f.path
            for f in scan.frames
            if not any(m in f.path for m in installed) and _file_stem(f.path) == top
        ),
        "",
    )
    known = top in THIRD_PARTY or top in PIP_NAMES
    if own and _file_stem(own) == top and "." not in module:
        if not known:
            return None  # the project's own modules import each other
        where = f"the file {own}"
        tentative = False
    elif not path and "." not in module:
        where = f"a file or folder named {top} in the project"
        tentative = not known
    else:
        return None
    return Diagnosis(
        "BD312",
        f"Python imported {where} as the module {top!r}, in place of the installed package: the "
        f"script (or a module next to it) has the package's name, so `import {top}` imports "
        "itself, half initialised.",
        f'rename the file (e.g. {top}_demo.py) and delete its __pycache__; python -c "import '
        f'{top}; print({top}.__file__)" shows which one is found. Confirm: '
        f"`bertdoctor check-imports {scan.script}`",
        tentative=tentative,
    )


def _file_stem(path: str) -> str:
    name = re.split(r"[\\/]", path.rstrip("\\/"))[-1]
    if name == "__init__.py":
        parts = re.split(r"[\\/]", path.rstrip("\\/"))
        name = parts[-2] if len(parts) > 1 else name
    return name[:-3] if name.endswith(".py") else name


# slow tokenizers that transformers only defines when sentencepiece is installed
SENTENCEPIECE_TOKENIZERS = frozenset(
    """T5 MT5 M2M100 Albert XLNet Camembert XLMRoberta Marian Pegasus MBart MBart50 BigBird
    DebertaV2 Reformer Barthez BertGeneration ErnieM FNet Llama Speech2Text
    Rembert XGLM PLBart Bartpho CpmAnt GPTSw3 Nllb""".split()
)


def explain_tokenizer_class_missing(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Tokenizer class T5Tokenizer does not exist or is not currently imported`: a slow
    sentencepiece tokenizer is a dummy without sentencepiece. Another class (BaichuanTokenizer,
    a newer model's) is the repository's own code or a newer transformers: not a BERT cause."""
    name = hit.groups["cls"]
    if name.endswith("Fast") or not name.endswith("Tokenizer"):
        return None
    if name[: -len("Tokenizer")] not in SENTENCEPIECE_TOKENIZERS:
        return None
    return Diagnosis(
        "BD313",
        f"{name} is a sentencepiece tokenizer, and transformers leaves it undefined when the "
        "sentencepiece package is not installed.",
        "pip install sentencepiece protobuf (in the Python that runs the script), or load the "
        f"fast tokenizer from a tokenizer.json. Confirm: `bertdoctor check-imports {scan.script}`",
    )


# module names that a script of the user's takes from Python or a library when saved under them
SHADOWABLE = frozenset(
    """select random queue signal copy types typing numbers string token tokenize inspect
    logging email json csv math abc ast collections functools dataclasses enum io codecs
    operator pickle threading multiprocessing""".split()
)


def explain_shadowing_frame(hit: Hit, scan: Scan) -> Diagnosis | None:
    """An AttributeError or ImportError with a frame of the user's own file named like a module
    of Python or of a library (select.py, torch.py): that file is imported in its place."""
    installed = ("site-packages", "dist-packages", "/lib/python", "\\lib\\", "\\Lib\\", "<")
    for f in scan.frames:
        if any(m in f.path for m in installed):
            continue
        stem = _file_stem(f.path)
        # a library's name counts only when the error names that module: a project's own
        # datasets/ or models.py is not a stand-in for the library without it
        named = re.search(rf"['\"]{re.escape(stem)}['\"]", hit.text)
        if stem in SHADOWABLE or (stem in THIRD_PARTY and named):
            return Diagnosis(
                "BD312",
                f"the script's own file {f.path} has the name of the module {stem!r}: Python "
                f"imports it in place of the real {stem} (its folder comes first on sys.path), "
                f"so code that needs {stem} finds the script's names instead.",
                f"rename {f.path} (and delete __pycache__/{stem}*.pyc). Confirm: `bertdoctor "
                f"check-imports {scan.script}`",
            )
    return None


# -- environment -----------------------------------------------------------------------------


def explain_cuda_unavailable(hit: Hit, scan: Scan) -> Diagnosis:
    if scan.first("driver-too-old-warning"):
        return explain_driver(scan.first("driver-too-old-warning"), scan)  # type: ignore[arg-type]
    if "Torch not compiled with CUDA" in hit.text:
        return Diagnosis(
            "BD101",
            "this torch is a CPU-only build (`Torch not compiled with CUDA enabled`): .cuda() "
            "and device='cuda' cannot work, even with an NVIDIA GPU and driver.",
            "install a CUDA build of torch with the command from pytorch.org (pip install torch "
            "--index-url https://download.pytorch.org/whl/cu126); plain `pip install torch` on "
            "Windows gives the CPU build. Confirm: `bertdoctor check-env`",
        )
    return Diagnosis(
        "BD104",
        f"torch sees no usable GPU ({hit.text.strip()[:120]}): CUDA_VISIBLE_DEVICES hides it "
        "or names a GPU that does not exist, the driver is missing or too old, or the container "
        "was started without --gpus.",
        "check `nvidia-smi`, unset CUDA_VISIBLE_DEVICES or set it to an existing index, and "
        "restart after a driver update. Confirm: `bertdoctor check-env`",
    )


def explain_driver(hit: Hit, scan: Scan) -> Diagnosis:
    found = hit.groups.get("found")
    seen = f" (driver found: version {found})" if found else ""
    return Diagnosis(
        "BD102",
        f"the NVIDIA driver is older than the CUDA runtime this torch was built with{seen}.",
        "update the NVIDIA driver, or install a torch built for an older CUDA (pytorch.org, "
        "'previous versions'). Confirm: `bertdoctor check-env`",
    )


def explain_arch(hit: Hit, scan: Scan) -> Diagnosis:
    warn = scan.first("arch-not-compatible")
    detail = ""
    if warn:
        detail = (
            f" ({warn.groups['gpu'].strip()} is {warn.groups['sm']}; this torch supports "
            f"{warn.groups.get('supported') or 'other architectures'})"
        )
    return Diagnosis(
        "BD103",
        f"this torch has no kernels for the GPU's compute capability{detail}: every CUDA "
        "operation fails with `no kernel image is available`.",
        "install a torch built for this GPU (an RTX 50xx needs a CUDA 12.8 build: pip install "
        "torch --index-url https://download.pytorch.org/whl/cu128; an old card needs an older "
        "torch). Confirm: `bertdoctor check-env`",
    )


def explain_torch_import(hit: Hit, scan: Scan) -> Diagnosis | None:
    if "NumPy" in hit.text or "_ARRAY_API" in hit.text or "multiarray" in hit.text:
        if "torch" not in scan.text[max(0, hit.start - 5000) : hit.end + 5000]:
            return None  # another package built for NumPy 1, not torch
        return Diagnosis(
            "BD112",
            f"torch cannot be imported: it was built against NumPy 1 and this environment has "
            f"NumPy 2 ({' '.join(hit.text.split())[:90]}).",
            "pip install 'numpy<2' in this environment, or upgrade torch to a release built for "
            "NumPy 2 (torch >= 2.3). Confirm: `bertdoctor check-env`",
        )
    return Diagnosis(
        "BD112",
        f"torch itself cannot be imported: {hit.text.strip()[:160]}.",
        "on Windows install the Visual C++ 2015-2022 redistributable; otherwise reinstall torch "
        "for this Python (and numpy<2 for a torch built against NumPy 1). Confirm: "
        "`bertdoctor check-env`",
    )


# -- losses, shapes, autograd ----------------------------------------------------------------


def explain_batch_size(hit: Hit, scan: Scan) -> Diagnosis:
    b, t = hit.num("input"), hit.num("target")
    assert b is not None and t is not None
    confirm = f"Confirm: `{_check_data(scan)}`"
    if t == 1 and b > 32:  # too many rows for the classes of a squeezed [1, C]: token rows
        return Diagnosis(
            "BD401",
            f"the logits have {b} rows and the labels 1 value: one label for a whole sequence "
            f"against {b} rows of logits (a token-level head, or logits flattened over the "
            "tokens), or labels built for another input.",
            "give the loss labels of the logits' rows: one label per token ([B, L], flattened "
            "with the logits) for token classification, one per example with "
            "AutoModelForSequenceClassification for sentence labels. Confirm: "
            f"{_check_loss(scan, f'{b},C', [t])} and `{_check_data(scan)}`",
        )
    if t == 1 and b > 1:
        return Diagnosis(
            "BD404",
            f"the logits have {b} rows and the labels {t}: a batch of one lost its batch axis "
            "to .squeeze() (the last batch of an epoch when len(dataset) % batch_size == 1).",
            "use .squeeze(-1) (or .view(-1)) instead of .squeeze(), or drop_last=True in the "
            f"DataLoader. Confirm: `bertdoctor check-script {scan.script}`",
        )
    if b and t > b and t % b == 0:
        per = t // b
        return Diagnosis(
            "BD401",
            f"the logits have {b} rows and the labels {t} values: {t} = {b} x {per}, so {per} "
            "labels per example went into a sentence-level head (one-hot or multi-label rows "
            "flattened by labels.view(-1), or token labels, e.g. NER tags padded to the "
            "sequence length, with a *ForSequenceClassification model).",
            "for token labels use AutoModelForTokenClassification (logits [B, L, C], labels "
            "[B, L]); for sentence classification give one label per example. Confirm: "
            f"{_check_loss(scan, f'{b},C', [b, per])} and `{_check_data(scan)}`",
        )
    if t and b > t and b % t == 0:
        per = b // t
        return Diagnosis(
            "BD403",
            f"the logits have {b} rows and the labels {t}: {b} = {t} x {per}, so the logits were "
            f"flattened over {per} positions (a token-level head, or logits.view(-1, C) on "
            "[B, L, C]) while there is one label per example.",
            "for sentence classification use the [CLS]/pooled output "
            "(AutoModelForSequenceClassification); for token classification give labels per "
            f"token, [B, L]. Confirm: {_check_loss(scan, f'{b},C', [t])}",
        )
    return Diagnosis(
        "BD401",
        f"the logits have {b} rows and the labels {t}: the loss pairs them row by row (labels "
        "built for another batch size or reshaped differently from the logits).",
        "print logits.shape and labels.shape before the loss: CrossEntropyLoss wants [N, C] "
        "and [N]. " + confirm,
    )


def explain_target_size(hit: Hit, scan: Scan) -> Diagnosis:
    target, inp = _shape(hit.groups["target"]), _shape(hit.groups["input"])
    tr = f"[{', '.join(map(str, target))}]"
    ir = f"[{', '.join(map(str, inp))}]"
    in_model = any("modeling_" in f.path for f in scan.frames)
    if len(target) == 1 and len(inp) == 2:
        why = (
            f"BCEWithLogitsLoss got one label per example ({tr}) for {inp[1]}-column logits "
            f"({ir}): it wants multi-hot float labels of the logits' shape"
        )
        if in_model:
            why += (
                "; transformers chose this multi-label loss because the labels are float "
                "(problem_type multi_label_classification): make them torch.long for "
                "single-label classification"
            )
        fix = (
            "for single-label classification use CrossEntropyLoss with torch.long labels of "
            f"shape [{inp[0]}]; for multi-label give float labels of shape {ir}"
        )
    elif len(target) == len(inp) == 1 and inp[0] and target[0] and inp[0] % target[0] == 0:
        k = inp[0] // target[0]
        why = (
            f"the logits were flattened to {ir}, {k} values per example, against {tr} labels: "
            f"a {k}-class head treated as a binary one"
        )
        fix = (
            f"use CrossEntropyLoss on the [{target[0]}, {k}] logits with long labels, or a "
            "1-output head (num_labels=1) with BCEWithLogitsLoss on logits.squeeze(-1)"
        )
    elif len(target) == len(inp) == 2 and target[0] == inp[0]:
        why = (
            f"the labels have {target[1]} columns and the head {inp[1]} outputs ({tr} vs {ir}): "
            f"the model was built with num_labels={inp[1]} for {target[1]} labels"
        )
        fix = f"build the model with num_labels={target[1]} (one output per label column)"
    else:
        why = f"BCEWithLogitsLoss needs a target of exactly the input's shape: {tr} vs {ir}"
        fix = "give labels of the logits' shape (num_labels columns of 0/1 floats)"
    extra = " --loss hf --labels-dtype float" if in_model else " --loss bce"
    return Diagnosis(
        "BD401", why + ".", fix + f". Confirm: {_check_loss(scan, inp, target, extra)}"
    )


def explain_target_input_size(hit: Hit, scan: Scan) -> Diagnosis:
    t, i = hit.groups["target"], hit.groups["input"]
    if hit.groups.get("deprecated"):  # BCELoss raised it (torch 0.4 to 1.x)
        msg = (
            f"BCELoss got targets of shape [{t}] for predictions [{i}]: it needs one 0/1 "
            "target per prediction"
        )
        fix = (
            "for one label per example use CrossEntropyLoss on the logits with class ids, or a "
            "1-output head with BCEWithLogitsLoss on logits.squeeze(-1); for multi-label give "
            f"float targets of shape [{i}]"
        )
    else:
        msg = (
            f"MSELoss got targets of shape [{t}] and predictions [{i}]: torch broadcasts them "
            "into a matrix, every prediction is pulled to every label and the model learns the "
            "mean"
        )
        fix = "squeeze the prediction's last axis (logits.squeeze(-1)) or give targets of one shape"
    loss = " --loss bce" if hit.groups.get("deprecated") else " --loss mse"
    confirm = _check_loss(scan, _shape(i), _shape(t), loss)
    return Diagnosis("BD401", msg + ".", f"{fix}. Confirm: {confirm}")


LABEL_MAP_RE = re.compile(
    r"\b\w*(?:label|tag|class|target)\w*?(?:_?map|2id|2idx|_to_ids?|_dict|_vocab|_index)\w*\s*\["
    r"|\b(?:label|tag)_?map\w*\s*\[",
    re.I,
)


def explain_label_not_in_map(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A KeyError raised by a label map lookup: a label of the data is not in the list."""
    if hit.start < (scan.exc_start or 0):
        return None  # a KeyError quoted earlier, not the error itself
    source = scan.text[max(0, hit.start - 400) : hit.start]
    lines = [ln for ln in source.splitlines() if ln.strip() and not ln.strip().startswith("^")]
    if not lines or not LABEL_MAP_RE.search(lines[-1]):
        return None  # a KeyError somewhere else in the user's code: no known cause
    key = hit.groups["key"]
    if "\\ufeff" in key or "\ufeff" in key or "\u00ef\u00bb\u00bf" in key:
        return Diagnosis(
            "BD216",
            f"the label {key} starts with a UTF-8 byte order mark: the data file was saved as "
            "'UTF-8 with BOM', so the first label of the file is not the one in the label list.",
            "read the file with encoding='utf-8-sig' (or save it without the BOM). Confirm: "
            f"`{_check_data(scan)}`",
        )
    return Diagnosis(
        "BD205",
        f"the label {key} is in the data but not in the label list the code maps labels with "
        f"(`{lines[-1].strip()[:80]}`): a label missing from get_labels()/label2id, a typo or "
        "a case variant, or a header row read as data.",
        "build the label list from the training data (sorted(set(labels))) instead of "
        f"hard-coding it, and check the other splits against it. Confirm: `{_check_data(scan)}`",
    )


def explain_string_labels(hit: Hit, scan: Scan) -> Diagnosis | None:
    near = scan.text[max(0, hit.start - 1500) : hit.start].lower()
    if "label" not in near and "target" not in near:
        return None  # a string where a number belongs, but not visibly the labels
    value = hit.groups.get("value")
    seen = f" ('{value}')" if value else ""
    return Diagnosis(
        "BD218",
        f"the labels are strings{seen}: torch.tensor cannot make numbers of them; the loss "
        "needs class ids.",
        "map the label names to ids first: label2id = {name: i for i, name in "
        "enumerate(label_names)}; labels = [label2id[x] for x in labels]. Confirm: "
        f"`{_check_data(scan)}`",
    )


def explain_expected_target(hit: Hit, scan: Scan) -> Diagnosis:
    exp, got = hit.groups["exp"], hit.groups.get("got") or hit.groups.get("got2") or ""
    e, g = _shape(exp), _shape(got)
    if len(e) == 2 and len(g) == 2:  # target (B, C) expected, (B, L) given: logits [B, L, C]
        confirm = _check_loss(scan, [e[0], g[1], e[1]], g)
    else:
        confirm = f"`bertdoctor check-script {scan.script}`"
    return Diagnosis(
        "BD403",
        f"CrossEntropyLoss got token logits without flattening: it expected a target of size "
        f"({exp}) and got [{got}]: it reads axis 1 of [B, L, C] logits as the classes.",
        "flatten both: loss_fn(logits.view(-1, num_labels), labels.view(-1)) (or pass "
        f"logits.permute(0, 2, 1)). Confirm: {confirm}",
    )


def explain_multi_target(hit: Hit, scan: Scan) -> Diagnosis | None:
    if re.search(r"cosine_embedding_loss|margin_ranking_loss|hinge_embedding_loss", scan.zone):
        return None  # another loss's target, not CrossEntropyLoss's labels
    return Diagnosis(
        "BD401",
        "CrossEntropyLoss got 2-D labels (one-hot rows, or [B, 1]) where it wants one class id "
        "per example ([B]).",
        "pass class ids: labels.argmax(-1) for one-hot rows, labels.view(-1) for [B, 1]; for "
        f"multi-label use BCEWithLogitsLoss. Confirm: `{_check_data(scan)}`",
    )


LOSS_WORDS_RE = re.compile(r"loss|criterion|label|target|cross_entropy|nll|bce|\by\b", re.I)


def _failing_source(scan: Scan) -> str | None:
    """The source line under the last frame of the traceback, when that frame is the user's
    code (None for a library frame or no traceback)."""
    if not scan.frames or scan.frames[-1].is_library:
        return None
    frame = scan.frames[-1]
    start = scan.text.find("\n", frame.pos)
    if start < 0:
        return None
    end = scan.exc_start if scan.exc_start and scan.exc_start > start else start + 300
    return scan.text[start:end]


def explain_dtype(hit: Hit, scan: Scan) -> Diagnosis | None:
    text = hit.text
    source = _failing_source(scan)
    if source is not None and not LOSS_WORDS_RE.search(source):
        return None  # a cast in the user's own code (indices, masks), not the loss's labels
    in_model = any("modeling_" in f.path for f in scan.frames)
    if "can't be cast to the desired output type Long" in text:
        why = (
            "BCEWithLogitsLoss got integer (Long) labels: it computes in float and cannot "
            "write into a Long target"
        )
        if in_model:
            why += (
                "; transformers used it because config.problem_type is multi_label_classification"
            )
        fix = "labels.float() for BCEWithLogitsLoss; CrossEntropyLoss for single-label classes"
    elif re.search(r"Found dtype (Long|Int) but expected Float", text):
        why = (
            "a float loss (MSELoss or BCEWithLogitsLoss) got integer labels; with "
            "num_labels=1 transformers computes a regression (MSELoss)"
        )
        fix = (
            "for classification use num_labels=2 (or more) with long labels; for "
            "regression or BCE convert the labels with labels.float()"
        )
    else:
        why = (
            f"the labels have the wrong dtype for the loss ({text.strip()[:120]}): "
            "CrossEntropyLoss and NLLLoss want torch.long class ids"
        )
        fix = (
            "labels = labels.long() (build them with torch.tensor(ids, dtype=torch.long)); "
            "float labels of the logits' shape are read as probabilities"
        )
    return Diagnosis("BD402", why + ".", fix + f". Confirm: `{_check_data(scan)}`")


def _simple(code: str, message: str, fix: str) -> Builder:
    def build(hit: Hit, scan: Scan) -> Diagnosis:
        return Diagnosis(
            code,
            message.format(script=scan.script, **hit.groups),
            fix.format(script=scan.script, model=scan.model_arg),
        )

    return build


def explain_device_mismatch(hit: Hit, scan: Scan) -> Diagnosis:
    devices = [d for d in (hit.groups.get("a"), hit.groups.get("b")) if d]
    seen = f" ({' and '.join(devices)})" if devices else ""
    return Diagnosis(
        "BD411",
        f"one operation got tensors on different devices{seen}: the model is on the GPU and "
        "part of the batch (often labels) or a tensor made in forward() is not, or the reverse.",
        "move the whole batch in one place: batch = {k: v.to(device) for k, v in "
        "batch.items()}; create tensors with device=x.device; move class weights too. Confirm: "
        f"`bertdoctor check-script {scan.script}`",
    )


HF_FUNCS = (
    "forward",
    "__init__",
    "from_pretrained",
    "__call__",
    "encode",
    "encode_plus",
    "batch_encode_plus",
    "_batch_encode_plus",
    "_encode_plus",
    "prepare_for_model",
    "tokenize",
    "_call_one",
    "compute_loss",
    "training_step",
    "generate",
)
RENAMED = {
    "evaluation_strategy": "eval_strategy (renamed in transformers 4.41, removed in 5)",
    "use_auth_token": "token",
    "tokenizer": "processing_class (Trainer, transformers 5)",
    "no_cuda": "use_cpu",
    "is_pretokenized": "is_split_into_words",
    "pad_to_max_length": "padding='max_length'",
    "num_classes": "num_labels (to the model's from_pretrained, not the tokenizer)",
    "label": "labels",
    "masked_lm_labels": "labels",
    "lm_labels": "labels",
    "token_type_ids": "no token_type_ids for this model (DistilBERT, and RoBERTa-style models "
    "without segments): tokenize with return_token_type_ids=False or drop the key",
    "output_all_encoded_layers": "output_hidden_states=True (pytorch_pretrained_bert code on "
    "transformers)",
}


def explain_unexpected_kwarg(hit: Hit, scan: Scan) -> Diagnosis | None:
    func, kw = hit.groups["func"], hit.groups["kw"]
    short = func.rsplit(".", 1)[-1]
    hf_owner = re.search(r"Bert|Roberta|Model|Tokenizer|Trainer|TrainingArguments|Config|For", func)
    if short not in HF_FUNCS and not hf_owner:
        return None
    if short == "__init__" and not hf_owner and kw not in RENAMED:
        # a bare __init__: any class (a CRF, a callback); only when transformers raised it
        last = scan.frames[-1].path if scan.frames else ""
        if not re.search(r"[\\/]transformers[\\/]", last):
            return None
    instead = f" Use {RENAMED[kw]}." if kw in RENAMED else ""
    if kw == "labels":
        instead = (
            " A bare BertModel (or a custom module whose forward has no labels argument) "
            "computes no loss: use BertForSequenceClassification / BertForTokenClassification, "
            "or compute the loss from the logits yourself."
        )
    if re.search(r"Trainer|Arguments|Config", func):
        fix = (
            "rename the argument for the installed transformers (see its release notes), or "
            "install the transformers version the code was written for"
        )
    else:
        fix = (
            "pass forward() only the keys it takes (input_ids, attention_mask, token_type_ids, "
            "labels), and num_labels to the model's from_pretrained, not to the tokenizer"
        )
    return Diagnosis(
        "BD413",
        f"{func}() does not take the keyword {kw!r}: a batch key or an argument meant for "
        f"another object (or renamed in this transformers version).{instead}",
        f"{fix}. Confirm: `bertdoctor check-script {scan.script}`",
    )


def explain_tokenizer_kwargs(hit: Hit, scan: Scan) -> Diagnosis:
    return Diagnosis(
        "BD413",
        f"the tokenizer ignored the keywords {hit.groups['kw']}: a model argument went to the "
        "tokenizer, and the model kept its default (2 labels for num_labels/num_classes).",
        "pass num_labels to the model: AutoModelForSequenceClassification.from_pretrained(path, "
        f"num_labels=N). Confirm: `bertdoctor check-script {scan.script}`",
    )


TENSOR_METHODS = (
    "view",
    "size",
    "dim",
    "shape",
    "argmax",
    "detach",
    "cpu",
    "softmax",
    "backward",
    "item",
)


def explain_output_misuse(hit: Hit, scan: Scan) -> Diagnosis | None:
    text = hit.text
    attr = hit.groups.get("attr") or ""
    if "'tuple' object" in text and (attr in TENSOR_METHODS or attr in ("log_softmax", "squeeze")):
        # a tuple used as a tensor: the model's output only when the code shows a model call
        before = scan.text[max(0, hit.start - 1500) : hit.start]
        if not re.search(r"logits|outputs?\b|model\(|bert", before, re.I):
            return None
    got = hit.groups.get("got") or hit.groups.get("type") or ""
    if "'str' object" in text and hit.groups.get("attr") in ("backward", "item"):
        msg = (
            f"a string went where the loss belongs ({text.strip()[:100]}): `loss, logits = "
            "model(...)` unpacks the ModelOutput's keys, so loss is the string 'loss'"
        )
        fix = "take the fields: out = model(...); loss, logits = out.loss, out.logits"
    elif got == "str" or "'str' object" in text:
        msg = (
            f"a string went where a tensor belongs ({text.strip()[:100]}): `_, pooled = "
            "bert(...)` unpacks the ModelOutput's keys, so pooled is the string "
            "'pooler_output'"
        )
        fix = (
            "take the field: out = bert(...); pooled = out.pooler_output (or "
            "out.last_hidden_state[:, 0]); or pass return_dict=False for a tuple"
        )
    elif got == "tuple" or "'tuple' object" in text or "tuple has no attribute" in text:
        msg = (
            f"a tuple went where a tensor or a ModelOutput belongs ({text.strip()[:100]}): "
            "return_dict=False (or an old transformers) returns a tuple, and the model "
            "output is indexed like a ModelOutput or the reverse"
        )
        fix = "use outputs.logits with return_dict=True (the default), or outputs[0] for a tuple"
    else:
        msg = (
            f"a ModelOutput was used as a tensor ({text.strip()[:100]}): the model returns "
            "an object with fields"
        )
        fix = "take the field you need: outputs.logits, outputs.loss, outputs.last_hidden_state"
    return Diagnosis(
        "BD414", msg + ".", fix + f". Confirm: `bertdoctor check-script {scan.script}`"
    )


def explain_unpack(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Unpacking a model's output: only when the failing source line unpacks a model call."""
    before = scan.text[max(0, hit.start - 1500) : hit.start]
    calls = re.findall(r"^\s+[\w\s,*]+,[\w\s,*]*=\s*(?:self\.)?(\w+)\(", before, re.M)
    if not calls or not re.search(r"model|bert|encoder|roberta|net", calls[-1], re.I):
        return None
    return Diagnosis(
        "BD414",
        f"{hit.text}: `a, b = {calls[-1]}(...)` unpacks the ModelOutput, which iterates over its "
        "keys (loss, logits, hidden_states, ...), not over tensors.",
        "take the fields by name: out = model(...); loss, logits = out.loss, out.logits (or "
        f"out.to_tuple()). Confirm: `bertdoctor check-script {scan.script}`",
    )


def explain_no_loss(hit: Hit, scan: Scan) -> Diagnosis | None:
    if "NoneType" in hit.text:
        line = scan.text[max(0, hit.start - 600) : hit.start]
        if "loss" not in line and "loss" not in scan.exception:
            return None
        calls = re.findall(r"([\w.\]\[]+)\.backward\(", line)
        if calls and "loss" not in calls[-1].rsplit(".", 1)[-1].lower():
            return None  # the object whose backward was called is None, not the loss
        return Diagnosis(
            "BD415",
            "the loss is None: a transformers model computes a loss only when the batch has a "
            "`labels` key, and this batch had none.",
            "pass labels=... to the model (name the dataset column `labels`). Confirm: "
            f"`{_check_data(scan)}`",
        )
    keys, inputs = hit.groups.get("keys", "").strip(), (hit.groups.get("inputs") or "").strip()
    return Diagnosis(
        "BD415",
        f"the model returned only {keys} and no loss: the inputs were "
        f"{inputs or 'without labels'}, "
        "no `labels` key (the label column is named otherwise, or remove_unused_columns dropped "
        "it).",
        "name the column `labels` (ds.rename_column('label_ids', 'labels')), or set "
        f"label_names=[...] in TrainingArguments. Confirm: `{_check_data(scan)}`",
    )


def explain_oom(hit: Hit, scan: Scan) -> Diagnosis:
    z = scan.text[_line_start(scan.text, hit.start) : hit.end + 600]
    tried = re.search(r"Tried to allocate ([\d.]+ [KMGT]i?B)", z)
    total = re.search(r"([\d.]+ [KMGT]i?B) total capacity|total capacity of ([\d.]+ [KMGT]i?B)", z)
    free = re.search(r"([\d.]+ [KMGT]i?B) free|of which ([\d.]+ [KMGT]i?B) is free", z)
    other = re.search(r"Process (\d+) has ([\d.]+ [KMGT]i?B) memory in use", z)
    parts = []
    if tried:
        parts.append(f"tried to allocate {tried.group(1)}")
    if total:
        parts.append(f"GPU total {total.group(1) or total.group(2)}")
    if free:
        parts.append(f"free {free.group(1) or free.group(2)}")
    seen = f" ({', '.join(parts)})" if parts else ""
    extra = (
        f" Another process (pid {other.group(1)}) holds {other.group(2)}: close it "
        "(a notebook kernel, an earlier run) first."
        if other and "Including non-PyTorch" in z
        else ""
    )
    return Diagnosis(
        "BD509",
        f"the GPU ran out of memory{seen}.{extra}",
        "in order of ease: a smaller batch size with gradient accumulation to keep the "
        "effective batch (batch 8 x accumulation 4), a shorter max_length, bf16/fp16 "
        "autocast, gradient checkpointing (model.gradient_checkpointing_enable()); keep losses "
        "as numbers (loss.item()). Confirm the lengths with "
        f"`{_check_data(scan)}` and the GPU's free memory with `bertdoctor check-env`",
    )


def explain_nan(hit: Hit, scan: Scan) -> Diagnosis:
    first = scan.first("nan-loss-line")
    where = ""
    if first:
        step = first.groups.get("step")
        where = (
            f" first at line {scan.line_of(first.start)}"
            f"{f' (step {step})' if step else ''}: {_line_at(scan.text, first.start).strip()[:80]}"
        )
    fp16 = scan.first("fp16-overflow")
    cause = (
        "the fp16 loss scale kept falling (overflow in half precision)"
        if fp16
        else "a batch whose labels are all -100 (0/0), fp16 overflow, or a learning rate far "
        "above 2e-5"
    )
    return Diagnosis(
        "BD501",
        f"the training loss became NaN or infinite{where}; likely cause: {cause}.",
        "check that no batch has only -100 labels, use bf16 or a GradScaler with fp16, and keep "
        "the learning rate near 2e-5 with warmup. Confirm: `bertdoctor check-run OUTPUT_DIR` "
        f"and `{_check_data(scan)}`",
    )


# -- opaque CUDA errors ----------------------------------------------------------------------

CUDA_CAUSES = (
    "a label id >= num_labels or negative (BD201/BD202)",
    "-100 label padding fed to a CRF or to one_hot/gather (BD203)",
    "a sequence longer than max_position_embeddings, 512 (BD208)",
    "a token_type_id >= type_vocab_size (BD206)",
    "an input id >= vocab_size: tokenizer and model from different checkpoints (BD207)",
)
ASSERT_CAUSES = {
    "assert-nll": (
        "BD201",
        "the failing kernel is the loss (`t >= 0 && t < n_classes`): a label "
        "id is negative or >= num_labels",
    ),
    "assert-embedding": (
        "BD208",
        "the failing kernel is an embedding lookup "
        "(`srcIndex < srcSelectDimSize`): a position, token type or input id "
        "is beyond its table",
    ),
    "assert-index": (
        "BD203",
        "the failing kernel is an indexing op (`index out of bounds`): the "
        "labels are used as indices (a CRF, gather, one_hot) and hold -100 or an "
        "id >= the number of tags",
    ),
    "assert-bce": (
        "BD401",
        "the failing kernel is BCELoss (`input_val >= zero && input_val <= "
        "one`): it got values outside [0, 1], raw logits without a sigmoid, or NaN",
    ),
}


def explain_nll_assert(hit: Hit, scan: Scan) -> Diagnosis:
    """The loss kernel's assertion, pasted without the asynchronous error: it names the cause."""
    return Diagnosis(
        "BD201",
        "the CUDA loss kernel asserted `t >= 0 && t < n_classes`: a label id is negative (other "
        "than the ignore index -100) or >= num_labels, the number of logits."
        + _labels_from_tokenizer_warning(scan),
        "number the labels 0..num_labels-1 and pass num_labels=len(labels) to from_pretrained; "
        f"to see the id, {_real_error_commands(scan)}: the CPU raises `Target N is out of bounds`. "
        f"Confirm: `{_check_data(scan)}`",
    )


def explain_cuda_assert(hit: Hit, scan: Scan) -> Diagnosis:
    cause = None
    for name in ASSERT_CAUSES:
        if scan.hits_of(name):
            cause = name
            break
    causes = list(CUDA_CAUSES)
    core = re.search(
        r"device-side assert(?:ion)? triggered|CUBLAS_STATUS_\w+|CUDNN_STATUS_\w+|an illegal "
        r"memory access was encountered|cudaErrorIllegalAddress|unspecified launch failure",
        hit.text,
    )
    what = f"CUDA error: {core.group(0) if core else hit.text.strip()[:60]}"
    if cause:
        code, why = ASSERT_CAUSES[cause]
        if code == "BD208":
            emb = _embedding_code(scan) or (
                "BD208" if scan.first("sequence-longer-than-max") else None
            )
            order = [emb] if emb else []
            order += [c for c in ("BD208", "BD206", "BD207") if c not in order]
            causes = [EMBEDDING_CAUSES[c] for c in order]
        else:
            causes.sort(key=lambda c: code not in c)
        lead = f"{what}: an error reported asynchronously; {why}."
    else:
        lead = (
            f"{what}: an error reported asynchronously, at whatever line synchronised next; "
            "in BERT fine-tuning it almost always hides an index out of range."
        )
    if "CUBLAS_STATUS_NOT_INITIALIZED" in hit.text or "ALLOC_FAILED" in hit.text:
        causes.append("the GPU is out of memory (BD509)")
    return Diagnosis(
        "BD117",
        lead,
        f"get the real error: {_real_error_commands(scan)}. Then check the data: "
        f"`{_check_data(scan)}`",
        causes=tuple(causes),
    )


# ---------------------------------------------------------------------------------------------
# The patterns


def _p(
    name: str,
    code: str,
    needles: str | tuple[str, ...],
    regex: str,
    build: Builder | None = None,
    *,
    kind: str = "error",
    priority: int = 50,
    first: bool = False,
) -> Pattern:
    if isinstance(needles, str):
        needles = (needles,)
    return Pattern(name, code, needles, regex, kind, priority, build, first)


SIZE = r"torch\.Size\(\[(?P<{}>[\d, ]*)\]\)"

PATTERNS: tuple[Pattern, ...] = (
    # labels
    _p(
        "target-out-of-bounds",
        "BD201",
        ("is out of bounds", "Target -1 out of bounds"),
        r"Target (?P<target>-?\d+) (?:is )?out of bounds",
        explain_target_out_of_bounds,
        priority=80,
    ),
    _p(
        "nll-assert-cpu",
        "BD201",
        "cur_target >= 0",
        r"Assertion `cur_target >= 0 && cur_target < n_classes[`'] failed",
        _simple(
            "BD201",
            "the loss got a label id that is negative or >= num_labels "
            "(`cur_target >= 0 && cur_target < n_classes` failed).",
            "number the labels 0..num_labels-1 and pass num_labels to from_pretrained. "
            "Confirm: `bertdoctor check-data TRAIN_FILE --model {model}`",
        ),
        priority=70,
    ),
    _p(
        "index-out-of-bounds",
        "BD201",
        "is out of bounds for dimension",
        r"index (?P<index>-?\d+) is out of bounds for dimension (?P<dim>\d+) with size "
        r"(?P<size>\d+)",
        explain_index_out_of_bounds,
        priority=75,
    ),
    _p(
        "one-hot-classes",
        "BD201",
        ("Class values must be smaller than num_classes", "Class values must be non-negative"),
        r"Class values must be (?:smaller than num_classes|non-negative)",
        explain_one_hot,
        priority=70,
    ),
    _p(
        "crf-mask-first",
        "BD203",
        "mask of the first timestep must all be on",
        r"mask of the first timestep must all be on",
        explain_crf_mask,
        priority=80,
    ),
    # embeddings
    _p(
        "index-out-of-range-in-self",
        "BD208",
        ("index out of range in self", "index out of range at "),
        r"index out of range in self|index out of range at \S*THTensorEvenMoreMath",
        explain_embedding_index,
        priority=70,
    ),
    _p(
        "index-select-table",
        "BD207",
        "out of table with",
        r"Tried to access index (?P<index>\d+) out of table with (?P<rows>\d+) rows",
        explain_index_select,
        priority=80,
    ),
    _p(
        "expanded-size",
        "BD208",
        "The expanded size of the tensor",
        r"The expanded size of the tensor \((?P<a>\d+)\) must match the existing size "
        r"\((?P<b>\d+)\) at non-singleton dimension \d+",
        explain_position_overflow,
        priority=65,
    ),
    _p(
        "size-of-tensor-a-b",
        "BD208",
        "must match the size of tensor b",
        r"The size of tensor a \((?P<a>\d+)\) must match the size of tensor b \((?P<b>\d+)\) at "
        r"non-singleton dimension \d+",
        explain_position_overflow,
        priority=60,
    ),
    # batches
    _p(
        "stack-unequal",
        "BD222",
        ("stack expects each tensor to be equal size", "each element in list of batch should be"),
        r"stack expects each tensor to be equal size(?:, but got \[(?P<a>[\d, ]*)\] at entry \d+ "
        r"and \[(?P<b>[\d, ]*)\] at entry \d+)?|each element in list of batch should be of equal "
        r"size",
        explain_unpadded,
        priority=85,
    ),
    _p(
        "sizes-must-match-collate",
        "BD222",
        "Sizes of tensors must match except in dimension 0",
        r"Sizes of tensors must match except in dimension 0\. (?:Got|Expected size) "
        r"(?P<a>\d+) (?:and|but got size) (?P<b>\d+)",
        explain_unpadded,
        priority=55,
    ),
    _p(
        "unable-to-create-tensor",
        "BD222",
        "Unable to create tensor, you should probably",
        r"Unable to create tensor, you should probably activate truncation and/or padding",
        explain_unpadded,
        priority=85,
    ),
    _p(
        "expected-sequence-length",
        "BD222",
        "expected sequence of length",
        r"expected sequence of length (?P<a>\d+) at dim \d+ \(got (?P<b>\d+)\)",
        explain_unpadded,
        priority=70,
    ),
    # model files and paths
    _p(
        "cant-load-tokenizer",
        "BD302",
        "Can't load tokenizer for",
        r"Can't load tokenizer for '(?P<path>[^'\n]*)'",
        explain_model_path,
        priority=80,
    ),
    _p(
        "vocab-files-not-found",
        "BD302",
        ("couldn't find such vocabulary files", "was a path or url but couldn't find"),
        r"We assumed '(?P<path>[^'\n]*)' was a path,? a model identifier,? or url to a directory "
        r"containing vocabulary files|We assumed '(?P<path2>[^'\n]*?)[\\/]+vocab\.txt' was a "
        r"path or url but couldn't find any file",
        explain_model_path,
        priority=80,
    ),
    _p(
        "old-download-failed",
        "BD308",
        "was a path or url but couldn't find",
        r"We assumed '(?P<url>https?://[^'\s]+)' was a path or url but couldn't find",
        explain_old_download,
        priority=82,
    ),
    _p(
        "model-name-not-found",
        "BD302",
        "was not found in tokenizers model name list",
        r"Model name '(?P<path>[^'\n]*)' was not found in tokenizers model name list",
        explain_model_path,
        priority=75,
    ),
    _p(
        "cant-find-vocab",
        "BD302",
        "Can't find a vocabulary file at path",
        r"Can't find a vocabulary file at path '(?P<path>[^'\n]*?)[\\/]*(?:vocab\.txt)?'",
        explain_model_path,
        priority=80,
    ),
    _p(
        "cant-load-config",
        "BD303",
        ("Can't load config for", "Can't load the configuration of", "config.json'. Make sure"),
        r"Can't load (?:config for|the configuration of) '(?P<path>[^'\n]*)'|"
        r"Can't load '(?P<path2>[^'\n]*?)[\\/]+config\.json'\. Make sure",
        explain_model_path,
        priority=80,
    ),
    _p(
        "cant-load-weights",
        "BD304",
        ("Can't load the model for", "Can't load weights for"),
        r"Can't load (?:the model|weights) for '(?P<path>[^'\n]*)'",
        explain_model_path,
        priority=80,
    ),
    _p(
        "not-appear-file",
        "BD303",
        "does not appear to have a file named",
        r"(?P<path>[^\s'\"]+) does not appear to have a file named (?P<file>[\w\-]+(?:\.[\w\-]+)*)",
        explain_file_not_in_folder,
        priority=80,
    ),
    _p(
        "no-file-named",
        "BD304",
        "Error no file named",
        r"Error no file named (?P<files>\[[^\]\n]*\]|[^\n]+?)(?: found\s+in directory"
        r"(?:[ \t]+(?P<path>[^\s'\"]+))?|\.?\s*$)",
        explain_model_path,
        priority=80,
    ),
    _p(
        "not-valid-identifier",
        "BD308",
        "is not a local folder and is not a valid model",
        r"(?P<path>[^\s'\"]+) is not a local folder and is not a valid model identifier",
        explain_hub_offline,
        priority=80,
    ),
    _p(
        "no-model-type",
        "BD303",
        "Should have a `model_type` key",
        r"Unrecognized model in (?P<path>[^\n]+?)\. \**Should have a `model_type` key",
        explain_no_model_type,
        priority=80,
    ),
    _p(
        "config-server-unreachable",
        "BD303",
        "to download configuration file",
        r"Couldn't reach server at '(?P<path>[^'\n]+)' to download configuration file",
        explain_config_unreachable,
        priority=80,
    ),
    _p(
        "rust-file-not-found",
        "BD302",
        "kind: NotFound",
        r"Os \{ code: 2, kind: NotFound[^\n]*",
        explain_wordpiece_not_found,
        priority=60,
    ),
    _p(
        "model-json-invalid",
        "BD303",
        "JSONDecodeError",
        r"JSONDecodeError: [^\n]*",
        explain_config_json,
        priority=60,
    ),
    _p(
        "repo-not-found-url",
        "BD308",
        "Repository Not Found for url",
        r"Repository Not Found for url: https?://[^/\s]+/api/models/(?P<path>[^\s]+?)\.?(?:\s|$)",
        _hub_url_ident,
        priority=75,
    ),
    _p(
        "file-not-found-in-folder",
        "BD303",
        "not found",
        r"\bfile (?P<path>[^\s'\"]+?)[\\/]+(?P<file>vocab\.txt|config\.json|pytorch_model\.bin|"
        r"tokenizer_config\.json) not found",
        explain_file_not_in_folder,  # old transformers looked for the file only in a folder
        priority=75,
    ),
    _p(
        "tf-checkpoint-not-found",
        "BD301",
        "Failed to find any matching files for",
        r"Unsuccessful TensorSliceReader constructor: Failed to find any matching files for "
        r"(?P<path>[^\s'\"]+)",
        explain_model_path,
        priority=80,
    ),
    _p(
        "network-error",
        "BD308",
        (
            "Network is unreachable",
            "Temporary failure in name resolution",
            "Connection refused",
            "Name or service not known",
            "getaddrinfo failed",
        ),
        r"\[Errno -?\d+\] (?:Network is unreachable|Temporary failure in name resolution|"
        r"Connection refused|Name or service\s+not known|getaddrinfo failed)",
        explain_network_error,
        priority=60,
    ),
    _p(
        "incorrect-path-or-id",
        "BD301",
        "Incorrect path_or_model_id",
        r"Incorrect path_or_model_id: '(?P<path>[^'\n]*)'",
        explain_model_path,
        priority=80,
    ),
    _p(
        "repo-id-form",
        "BD301",
        ("Repo id must be in the form", "Repo id must use alphanumeric"),
        r"Repo id must (?:be in the form 'repo_name' or\s+'namespace/repo_name'|use alphanumeric "
        r"chars[^:\n]*):\s+'(?P<path>[^'\n]*)'",
        explain_model_path,
        priority=85,
    ),
    _p(
        "hub-connect",
        "BD308",
        (
            "We couldn't connect to",
            "couldn't connect to 'https://huggingface",
            "outgoing traffic has been disabled",
            "Connection error, and we cannot find the requested files",
            "Max retries exceeded with url: /",
            "trying to locate the file on the Hub and we cannot find",
        ),
        r"couldn't connect to '?https?://(?:huggingface\.co|hf-mirror\.com)|outgoing traffic has "
        r"been disabled|Connection error, and we cannot find the requested files|"
        r"error happened while trying to locate the file on the Hub and we cannot find the "
        r"requested files in the local cache|Max retries "
        r"exceeded with url: /(?P<id>[\w.-]+(?:/[\w.-]+)?)/resolve/|"
        r"host='(?:cdn-lfs\.|www\.)?(?:huggingface\.co|hf-mirror\.com)', port=\d+\): Max retries "
        r"exceeded with url: /(?:api/models/(?P<id2>[\w.-]+(?:/[\w.-]+)?)|[^\s)]*)",
        explain_hub_offline,
        priority=70,
    ),
    _p(
        "gated-repo",
        "BD308",
        ("Cannot access gated repo", "is gated. You must be authenticated", "Access to model"),
        r"Cannot access gated repo for url https?://[^/\s]+/(?P<id>[\w.-]+/[\w.-]+)/resolve|"
        r"(?:Repo model|Access to model) (?P<id2>[\w.-]+/[\w.-]+) is (?:gated|restricted)",
        explain_gated,
        priority=85,
    ),
    _p(
        "weights-corrupt",
        "BD304",
        (
            "invalid load key",
            "failed finding central directory",
            "HeaderTooLarge",
            "Unable to load weights from pytorch",
        ),
        r"invalid load key, '.'|failed finding central directory|HeaderTooLarge|Unable to load "
        r"weights from pytorch checkpoint file",
        explain_weights_corrupt,
        priority=75,
    ),
    _p(
        "missing-model-file",
        "BD302",
        "No such file or directory",
        r"No such file or directory: '(?P<path>[^'\n]*?)[\\/]+(?P<file>vocab\.txt|config\.json|"
        r"tokenizer\.json|tokenizer_config\.json|pytorch_model\.bin|model\.safetensors|"
        r"bert_config\.json)(?:'|(?=\n)|$)",
        explain_file_not_found,
        priority=70,
    ),
    _p(
        "vocab-size-mismatch",
        "BD305",
        "word_embeddings.weight: copying a param",
        r"size mismatch for [\w.]*word_embeddings\.weight: copying a param with shape "
        r"torch\.Size\(\[(?P<ckpt>[\d, ]*)\]\) from checkpoint, the shape in current model is "
        r"torch\.Size\(\[(?P<cur>[\d, ]*)\]\)",
        explain_vocab_mismatch,
        priority=86,
    ),
    _p(
        "state-dict-size-mismatch",
        "BD306",
        "size mismatch for",
        r"size mismatch for [\w.]*(?:classifier|crf|fc|out|linear|dense)[\w.]*: copying a param "
        r"with shape",
        explain_head_mismatch,
        priority=85,
    ),
    # imports
    _p(
        "load-mismatch-v5",
        "BD306",
        "You set `ignore_mismatched_sizes` to `False`",
        r"You set `ignore_mismatched_sizes` to `False`, thus raising an error",
        explain_head_mismatch,
        priority=85,
    ),
    _p(
        "state-dict-keys",
        "BD316",
        ("Unexpected key(s) in state_dict", "Missing key(s) in state_dict"),
        r"(?:Missing|Unexpected) key\(s\) in state_dict: [^\n]*",
        explain_state_dict_keys,
        priority=80,
    ),
    _p(
        "tokenizer-is-none",
        "BD302",
        "'NoneType' object has no attribute",
        r"'NoneType' object has no attribute '(?P<attr>tokenize|convert_tokens_to_ids|"
        r"encode|encode_plus|batch_encode_plus|vocab|wordpiece_tokenizer)'",
        explain_tokenizer_none,
        priority=40,
    ),
    _p(
        "vocab-unreadable",
        "BD302",
        ("Unable to load vocabulary from file", "not NoneType"),
        r"Unable to load vocabulary from file|(?:expected str, bytes or os\.PathLike object|path "
        r"should be string, bytes, os\.PathLike or integer), not NoneType",
        explain_vocab_unreadable,
        priority=70,
    ),
    _p(
        "tokenizer-class-missing",
        "BD313",
        "does not exist or is not currently imported",
        r"Tokenizer class (?P<cls>\w+) does not exist or is not currently imported",
        explain_tokenizer_class_missing,
        priority=75,
    ),
    _p(
        "sentencepiece-missing",
        "BD313",
        "You need to have sentencepiece installed",
        r"You need to have sentencepiece installed",
        _simple(
            "BD313",
            "the tokenizer needs the sentencepiece package to be built, and it is not installed.",
            "pip install sentencepiece (and protobuf), or use a checkpoint with a tokenizer.json. "
            "Confirm: `bertdoctor check-imports {script}`",
        ),
        priority=80,
    ),
    _p(
        "keyerror-label-map",
        "BD205",
        "KeyError: ",
        r"KeyError: (?P<key>'[^'\n]{0,80}'|\"[^\"\n]{0,80}\"|-?\d+)",
        explain_label_not_in_map,
        priority=70,
    ),
    _p(
        "text-not-a-string",
        "BD221",
        ("TextEncodeInput must be Union", "text input must of type `str`", "text input must be of"),
        r"TextEncodeInput must be Union\[TextInputSequence|text input must (?:be )?of type `str`",
        _simple(
            "BD221",
            "the tokenizer got a text that is not a string: an empty cell read as NaN (a float) "
            "by pandas, a None, or a number in the text column.",
            "drop or fill empty texts when loading (df = df.dropna(subset=['text']); "
            "df['text'] = df['text'].astype(str)). Confirm: "
            "`bertdoctor check-data TRAIN_FILE --model {model}`",
        ),
        priority=75,
    ),
    _p(
        "labels-are-strings",
        "BD218",
        ("too many dimensions 'str'", "could not convert string to float"),
        r"too many dimensions 'str'|could not convert string to float: '(?P<value>[^'\n]{0,60})'",
        explain_string_labels,
        priority=60,
    ),
    _p(
        "relative-import",
        "BD310",
        (
            "attempted relative import with no known parent",
            "attempted relative import beyond top-level",
        ),
        r"attempted relative import (?:with no known parent package|beyond top-level package)",
        explain_relative_import,
        priority=90,
    ),
    _p(
        "no-module",
        "BD311",
        "No module named",
        r"No module named '?(?P<module>[\w.]+)'?",
        explain_no_module,
        priority=80,
    ),
    _p(
        "shadowing-frame",
        "BD312",
        ("AttributeError", "ImportError"),
        r"(?:AttributeError|ImportError)\b[^\n]*(?:module '[\w.]+' has no attribute|'module' "
        r"object has no attribute|cannot import name)[^\n]*",
        explain_shadowing_frame,
        priority=35,
    ),
    _p(
        "partially-initialized",
        "BD312",
        "partially initialized module",
        r"partially initialized module '(?P<module>[\w.]+)'[^\n(]*\(most likely due to a "
        r"circular import\)(?: \((?P<path>[^)\n]+)\))?",
        explain_partial_module,
        priority=80,
    ),
    # environment
    _p(
        "cpu-only-torch",
        "BD101",
        "Torch not compiled with CUDA enabled",
        r"Torch not compiled with CUDA enabled",
        explain_cuda_unavailable,
        priority=90,
    ),
    _p(
        "driver-too-old",
        "BD102",
        (
            "NVIDIA driver on your system is too old",
            "CUDA driver version is insufficient",
            "compiled with an unsupported toolchain",
            "UNSUPPORTED_PTX_VERSION",
            "unsupported display driver / cuda driver combination",
            "cudaErrorInsufficientDriver",
        ),
        r"NVIDIA driver on your system is too old(?: \(found version (?P<found>\d+)\))?|CUDA "
        r"driver version is insufficient for CUDA runtime version|compiled with an unsupported "
        r"toolchain|UNSUPPORTED_PTX_VERSION|unsupported display driver / cuda driver combination|"
        r"cudaErrorInsufficientDriver",
        explain_driver,
        priority=90,
    ),
    _p(
        "deserialize-cuda",
        "BD104",
        "Attempting to deserialize object on a CUDA device",
        r"Attempting to deserialize object on a CUDA device but torch\.cuda\.is_available\(\) is "
        r"False",
        _simple(
            "BD104",
            "a checkpoint saved from the GPU is loaded where torch sees no GPU "
            "(torch.cuda.is_available() is False): a machine without a GPU, a CPU-only torch "
            "(BD101), or CUDA that does not start (driver, CUDA_VISIBLE_DEVICES).",
            "on a machine without a GPU load with torch.load(path, map_location='cpu'); with a "
            "GPU, find why CUDA is not available: `bertdoctor check-env`",
        ),
        priority=75,
    ),
    _p(
        "cuda-unavailable",
        "BD104",
        (
            "No CUDA GPUs are available",
            "no CUDA-capable device",
            "Found no NVIDIA driver",
            "invalid device ordinal",
            "CUDA unknown error",
            "CUDA driver initialization failed",
        ),
        r"No CUDA GPUs are available|no CUDA-capable device is detected|Found no NVIDIA driver on "
        r"your system|invalid device ordinal|CUDA unknown error|CUDA driver initialization failed",
        explain_cuda_unavailable,
        priority=70,
    ),
    _p(
        "no-kernel-image",
        "BD103",
        ("no kernel image is available", "NoKernelImageForDevice"),
        r"no kernel image is available for execution on the device|NoKernelImageForDevice",
        explain_arch,
        priority=90,
    ),
    _p(
        "torch-dll",
        "BD112",
        (
            'Error loading "',
            "DLL load failed",
            "_ARRAY_API not found",
            "multiarray failed to",
            "Could not find module '",
        ),
        r"Error loading \"[^\"\n]*torch[\\/]lib[\\/][\w.]+\.dll\"|DLL load failed[^\n]*|"
        r"Could not find module '[^'\n]*torch[\\/]lib[\\/][\w.]+\.dll'|"
        r"_ARRAY_API not found|numpy\.core\.multiarray failed to import",
        explain_torch_import,
        priority=70,
    ),
    _p(
        "numpy2",
        "BD112",
        "compiled using NumPy 1.x",
        r"A module that was compiled using NumPy 1\.x cannot be run in\s+NumPy 2[\d.]*",
        explain_torch_import,
        kind="context",
        priority=50,
    ),
    # losses
    _p(
        "batch-size-mismatch",
        "BD401",
        "to match target batch_size",
        r"Expected input batch_size \((?P<input>\d+)\) to match target batch_size "
        r"\((?P<target>\d+)\)",
        explain_batch_size,
        priority=85,
    ),
    _p(
        "target-size-bce",
        "BD401",
        "must be the same as input size",
        r"Target size \("
        + SIZE.format("target")
        + r"\) must be the same as input size \("
        + SIZE.format("input")
        + r"\)",
        explain_target_size,
        priority=85,
    ),
    _p(
        "expected-target-size",
        "BD403",
        "Expected target size",
        r"Expected target size \(?\[?(?P<exp>[\d, ]+)\]?\)?, got (?:torch\.Size\(\[(?P<got>[\d, ]+)"
        r"\]\)|\[(?P<got2>[\d, ]+)\])",
        explain_expected_target,
        priority=85,
    ),
    _p(
        "bce-nelement",
        "BD401",
        "Target and input must have the same number of elements",
        r"Target and input must have the same number of elements\. target nelement "
        r"\((?P<target>\d+)\) != input nelement \((?P<input>\d+)\)",
        lambda hit, scan: Diagnosis(
            "BD401",
            f"BCELoss got {hit.groups['target']} label values for {hit.groups['input']} "
            "predictions: the labels and the logits do not have the same shape (one label per "
            "example against one column per class, or flattened logits).",
            "give labels of the logits' shape (multi-hot floats) for multi-label, or "
            "CrossEntropyLoss with class ids for single-label. Confirm: "
            f"{_check_loss(scan, hit.groups['input'], hit.groups['target'], ' --loss bce')}",
        ),
        priority=80,
    ),
    _p(
        "multi-target",
        "BD401",
        ("multi-target not supported", "0D or 1D target tensor expected"),
        r"0D or 1D target tensor expected|multi-target not supported",
        explain_multi_target,
        priority=80,
    ),
    _p(
        "dtype-long",
        "BD402",
        (
            "expected scalar type Long",
            "can't be cast to the desired output",
            "Found dtype",
            "Expected object of scalar type",
            "not implemented for",
            "expected target dtype",
            "Expected floating point type for target",
        ),
        r"expected scalar type Long but found \w+|result type \w+ can't be cast to the desired "
        r"output type \w+|Found dtype \w+ but expected \w+|Expected object of scalar type \w+ but "
        r"got scalar type \w+ for argument(?: #\d+ 'target'|(?! #))|"
        r"\"nll_loss\w*\" not implemented for '\w+'|"
        r"expected target dtype to be \w+(?: or \w+)?, but got \w+|"
        r"Expected floating point type for target with class probabilities, got \w+",
        explain_dtype,
        priority=75,
    ),
    _p(
        "no-grad-fn",
        "BD406",
        "does not require grad and does not have a grad_fn",
        r"element 0 of tensors does not require grad and does not have a grad_fn",
        _simple(
            "BD406",
            "loss.backward() got a loss without a graph: it was computed from "
            "values cut off from the model (.item(), .detach(), argmax, torch.tensor(...) "
            "around a number, or a forward under torch.no_grad()).",
            "compute the loss from the logits with a loss function (CrossEntropyLoss on "
            "logits, not on argmax predictions), outside torch.no_grad(). Confirm: "
            "`bertdoctor check-script {script}`",
        ),
        priority=90,
    ),
    _p(
        "memory-overlap",
        "BD407",
        "to a single memory location",
        r"(?:more than one element of the written-to tensor|some elements of the input tensor and "
        r"the written-to tensor) refers? to a single memory location",
        _simple(
            "BD407",
            "a one-hot (or other) target was written into the tensor that indexes "
            "it, or into an expanded view: torch refuses the overlapping write.",
            "build a new tensor: F.one_hot(labels, num_classes).float() (or "
            "torch.zeros(B, C).scatter_(1, labels.unsqueeze(1), 1)). Confirm: "
            "`bertdoctor check-script {script}`",
        ),
        priority=90,
    ),
    _p(
        "backward-twice",
        "BD410",
        "backward through the graph a second time",
        r"[Tt]rying to backward through the graph a second time",
        _simple(
            "BD410",
            "backward() ran through a graph that an earlier backward() already "
            "freed: a loss summed across steps without .item(), two losses sharing one "
            "forward, or adversarial training (FGM/PGD) reusing the first forward.",
            "accumulate numbers (total += loss.item()), add the losses before one backward "
            "((loss1 + loss2).backward()), and run a fresh forward after perturbing the "
            "embeddings. Confirm: `bertdoctor check-script {script}`",
        ),
        priority=90,
    ),
    _p(
        "device-mismatch",
        "BD411",
        (
            "Expected all tensors to be on the same device",
            "but got device type",
            "not at the same device",
            "Expected object of backend",
            "but expected it to be on GPU",
            "should be the same or input should be",
            "indices must be on the current device",
        ),
        r"Input, output and indices must be on the current device|"
        r"Expected all tensors to be on the same device(?:, but found at least two devices, "
        r"(?P<a>[\w:]+) and (?P<b>[\w:]+)|, but got \w+ is on (?P<a3>[\w:]+), different from "
        r"other tensors on (?P<b3>[\w:]+))?|Expected object of device type (?P<a2>\w+) but got "
        r"device type \w+|Input and parameter tensors are not at the same device|Expected object "
        r"of backend \w+ but got backend \w+|is on CPU, but expected it to be on GPU|Input type "
        r"\(torch\.cuda\.\w+\) and weight type \(torch\.\w+\) should be the same or input should "
        r"be|Input type \(torch\.\w+\) and weight type \(torch\.cuda\.\w+\) should be the same",
        explain_device_mismatch,
        priority=90,
    ),
    _p(
        "inplace-modified",
        "BD412",
        "modified by an inplace operation",
        r"one of the variables needed for gradient computation has been modified by an inplace "
        r"operation(?::[^\n]*? is at version (?P<v>\d+); expected version (?P<e>\d+))?",
        _simple(
            "BD412",
            "a tensor that autograd saved for the backward pass was changed in "
            "place afterwards (x += ..., x[mask] = ..., relu_, masked_fill_ on logits, or "
            "an adversarial step editing the embedding weights).",
            "use the out-of-place form (logits = logits.masked_fill(mask, -1e4); x = x + y); "
            "find the operation with torch.autograd.set_detect_anomaly(True). Confirm: "
            "`bertdoctor check-script {script}`",
        ),
        priority=90,
    ),
    _p(
        "unexpected-kwarg",
        "BD413",
        "got an unexpected keyword argument",
        r"(?P<func>[\w.<>]+)\(\) got an unexpected keyword argument '(?P<kw>\w+)'",
        explain_unexpected_kwarg,
        priority=80,
    ),
    _p(
        "output-misuse",
        "BD414",
        (
            "must be Tensor, not",
            "object has no attribute",
            "tuple has no attribute",
            "received an invalid combination of arguments - got (str",
        ),
        r"must be Tensor, not (?P<got>str|tuple|\w*Output\w*)|'(?P<type>\w*Output\w*)' object "
        r"has no attribute '(?P<attr>\w+)'|'(?P<type2>tuple)' object has no attribute "
        r"'(?P<attr2>logits|loss|last_hidden_state|pooler_output|hidden_states|attentions|view|"
        r"size|dim|shape|argmax|detach|cpu|softmax|log_softmax|squeeze|backward|item)'|"
        r"\btuple has no attribute [\"'](?P<attr4>logits|loss|last_hidden_state|pooler_output)"
        r"[\"']|"
        r"'(?P<type3>str)' object has no attribute '(?P<attr3>size|dim|shape|backward|item)'|"
        r"received an invalid combination of arguments - got \((?P<got2>str|tuple),",
        explain_output_misuse,
        priority=75,
    ),
    _p(
        "unpack-output",
        "BD414",
        ("too many values to unpack", "not enough values to unpack"),
        r"(?:too many|not enough) values to unpack \(expected \d+(?:, got \d+)?\)",
        explain_unpack,
        priority=60,
    ),
    _p(
        "no-loss",
        "BD415",
        ("did not return a loss from the inputs", "'NoneType' object has no attribute 'backward'"),
        r"The model did not return a loss from the inputs, only the following keys: "
        r"(?P<keys>[^.\n]*)(?:\. For reference, the inputs it received are (?P<inputs>[^.\n]*))?|"
        r"'NoneType' object has no attribute 'backward'",
        explain_no_loss,
        priority=85,
    ),
    _p(
        "oom",
        "BD509",
        ("out of memory", "OutOfMemoryError", "CUBLAS_STATUS_ALLOC_FAILED"),
        r"CUDA out of memory|CUDA error: out of memory|OutOfMemoryError|MPS backend out of memory"
        r"|CUBLAS_STATUS_ALLOC_FAILED",
        explain_oom,
        priority=88,
    ),
    _p(
        "nan-anomaly",
        "BD501",
        ("returned nan values", "Loss is nan", "loss is nan", "Loss is NaN", "loss is NaN"),
        r"returned nan values in its \d+th output|[Ll]oss is (?:nan|NaN|inf)",
        explain_nan,
        priority=80,
    ),
    _p(
        "cuda-async",
        "BD117",
        (
            "device-side assert",
            "CUBLAS_STATUS_EXECUTION_FAILED",
            "CUDNN_STATUS_EXECUTION_FAILED",
            "illegal memory access",
            "cudaErrorIllegalAddress",
            "CUBLAS_STATUS_INTERNAL_ERROR",
            "CUBLAS_STATUS_NOT_INITIALIZED",
            "CUDNN_STATUS_MAPPING_ERROR",
            "unspecified launch failure",
        ),
        r"(?:CUDA error: )?(?:device-side assert(?:ion)? triggered|CUBLAS_STATUS_EXECUTION_FAILED"
        r"[^\n]*|CUDNN_STATUS_EXECUTION_FAILED|an illegal memory access was encountered|"
        r"cudaErrorIllegalAddress|CUBLAS_STATUS_INTERNAL_ERROR[^\n]*|CUBLAS_STATUS_NOT_INITIALIZED"
        r"[^\n]*|CUDNN_STATUS_MAPPING_ERROR|unspecified launch failure)",
        explain_cuda_assert,
        priority=60,
    ),
    # context: warnings and log lines printed before the error, anywhere in the text
    _p(
        "assert-nll",
        "BD201",
        "t < n_classes",
        r"Assertion `t >= 0 && t < n_classes` failed",
        kind="context",
    ),
    _p(
        "assert-embedding",
        "BD208",
        "srcIndex < srcSelectDimSize",
        r"Assertion `srcIndex < srcSelectDimSize` failed",
        kind="context",
    ),
    _p(
        "assert-index",
        "BD203",
        ('index out of bounds"` failed', "index out of bounds` failed"),
        r"Assertion `[^`\n]*index out of bounds\"?` failed",
        kind="context",
    ),
    _p(
        "assert-bce",
        "BD401",
        "input_val >= zero && input_val <= one",
        r"Assertion `input_val >= zero && input_val <= one` failed",
        kind="context",
    ),
    _p(
        "sequence-longer-than-max",
        "BD208",
        "Token indices sequence length is longer",
        r"Token indices sequence length is longer than the specified maximum sequence length for "
        r"this model \((?P<len>\d+) > (?P<max>\d+)\)",
        kind="context",
        first=True,
    ),
    _p(
        "tokenizer-kwargs-ignored",
        "BD413",
        "not recognized.",
        r"Keyword arguments (?P<kw>\{[^}\n]*\}) not recognized\.",
        explain_tokenizer_kwargs,
        kind="context",
        priority=40,
    ),
    _p(
        "newly-initialized",
        "BD316",
        "were not initialized from the model checkpoint at",
        r"Some weights of (?P<cls>\w+) were not initialized from the model checkpoint at "
        r"(?P<path>[^\n]+?) and are newly initialized(?P<shapes> because the shapes did not "
        r"match)?:?(?P<keys>[^\n]*)",
        kind="context",
    ),
    _p(
        "load-report",
        "BD316",
        "LOAD REPORT from:",
        r"(?P<cls>\w+) LOAD REPORT from: (?P<path>[^\n]+)",
        kind="context",
    ),
    _p(
        "arch-not-compatible",
        "BD103",
        "is not compatible with the current PyTorch installation",
        r"(?P<gpu>[^\n]{0,80}?) with CUDA capability (?P<sm>sm_\d+) is not compatible with the "
        r"current PyTorch installation\.?(?:\s*The current PyTorch install supports CUDA "
        r"capabilities (?P<supported>[\w ]+?)\.)?",
        explain_arch,
        kind="context",
        priority=60,
    ),
    _p(
        "driver-too-old-warning",
        "BD102",
        "NVIDIA driver on your system is too old",
        r"NVIDIA driver on your system is too old \(found version (?P<found>\d+)\)",
        explain_driver,
        kind="context",
        priority=60,
    ),
    _p(
        "nan-loss-line",
        "BD501",
        (
            ": nan",
            "=nan",
            ": NaN",
            "(nan",
            ": inf",
            "=inf",
            " nan loss",
            " NaN loss",
            "= NaN",
            "= nan",
        ),
        r"(?:(?:step|Step|iter|Iter|global_step|epoch)\W{0,3}(?P<step>\d+)[^\n]{0,60}?)?"
        r"(?:(?:\b|_)(?:[Ll]oss|grad_norm)['\"]?\s*[:=]\s*(?:tensor\()?(?:nan|NaN|inf|-inf)\b"
        r"|\b(?:received|got|detected|encountered) an? (?:nan|NaN|inf) loss\b)",
        explain_nan,
        kind="context",
        priority=55,
        first=True,
    ),
    _p(
        "fp16-overflow",
        "BD508",
        ("Gradient overflow", "OVERFLOW!"),
        r"Gradient overflow\.\s+Skipping step|OVERFLOW! Rank \d+ Skipping step",
        kind="context",
    ),
    _p(
        "mse-broadcast",
        "BD401",
        "that is different to the input size",
        r"Using a target size \(" + SIZE.format("target") + r"\) that is different to the input "
        r"size \(" + SIZE.format("input") + r"\)(?P<deprecated> is deprecated)?",
        explain_target_input_size,
        kind="context",
        priority=45,
    ),
    # hints: near misses that are never a confident answer
    _p("hint-syntax", "BD317", "SyntaxError", r"SyntaxError: [^\n]*", kind="hint"),
    _p(
        "hint-input-nan",
        "BD501",
        "Input contains NaN",
        r"Input contains NaN",
        kind="hint",
    ),
    _p(
        "hint-adamw",
        "BD313",
        "cannot import name",
        r"cannot import name '(?P<name>\w+)' from "
        r"'(?P<module>[\w.]+)'",
        kind="hint",
    ),
    _p(
        "hint-encode-plus",
        "BD413",
        "object has no attribute '",
        r"'\w*Tokenizer\w*' object has no attribute '(?:batch_)?encode_plus'",
        kind="hint",
    ),
    _p(
        "hint-cpu-oom",
        "BD509",
        ("not enough memory", "paging file is too small"),
        r"DefaultCPUAllocator: not enough memory|paging file is too small",
        kind="hint",
    ),
    _p(
        "hint-matmul",
        "BD306",
        "cannot be multiplied",
        r"mat1 and mat2 shapes cannot be multiplied \((?P<a>\d+x\d+) and (?P<b>\d+x\d+)\)",
        kind="hint",
    ),
    _p(
        "hint-float-ids",
        "BD207",
        ("'indices' to have one of the following scalar types", "'indices' to have scalar type"),
        r"Expected tensor for argument #1 'indices' to have (?:one of the following scalar types"
        r"|scalar type Long)",
        kind="hint",
    ),
    _p(
        "hint-no-batch-axis",
        "BD404",
        "Dimension out of range (expected to be in range of [-1, 0]",
        r"Dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)",
        kind="hint",
    ),
)

HINTS = {
    "hint-syntax": "a SyntaxError is in the code itself, not in training: `bertdoctor "
    "check-script SCRIPT` lists every file that does not parse (BD317)",
    "hint-input-nan": "a metric got NaN predictions: the model's outputs are NaN, often after a "
    "NaN loss (BD501); `bertdoctor check-run OUTPUT_DIR`",
    "state-dict-keys": "the checkpoint's key names differ from the model's (another transformers "
    "version, e.g. embeddings.position_ids): load with strict=False after checking that only "
    "buffers differ; `bertdoctor check-model MODEL_DIR`",
    "hint-adamw": "a name the installed version of the library does not have: the code was "
    "written for another version (transformers.AdamW is gone in transformers 5: use "
    "torch.optim.AdamW); `bertdoctor check-imports SCRIPT` (BD313)",
    "hint-encode-plus": "encode_plus / batch_encode_plus are gone in transformers 5: call the "
    "tokenizer itself, tokenizer(texts, truncation=True, padding=True, return_tensors='pt')",
    "hint-cpu-oom": "the machine's RAM (not the GPU) ran out: fewer DataLoader workers, a "
    "smaller batch, or a larger page file on Windows",
    "index-out-of-bounds": "an index >= the size of a dimension: when the index is a label or "
    "tag id, the label list is off by one (BD201); `bertdoctor "
    "check-data TRAIN_FILE --model MODEL_DIR`",
    "unexpected-kwarg": "a function got a keyword it does not take; when it is a model's "
    "forward or a tokenizer, see BD413 (`bertdoctor check-script SCRIPT`)",
    "size-of-tensor-a-b": "two tensors whose shapes do not broadcast: print both shapes; when "
    "one side is 512, a sequence is longer than the model allows (BD208)",
    "expanded-size": "a tensor expanded to a size it cannot take: print the shapes; when the "
    "existing size is 512, a sequence is too long (BD208)",
    "no-module": "a module of Python itself is missing: this Python was built without it "
    "(reinstall Python, or use the one of a conda or venv environment)",
    "sizes-must-match-collate": "tensors of different sizes were concatenated; when it happens "
    "in the DataLoader (collate), the examples are not padded to one length (BD222)",
    "hint-float-ids": "input_ids of the wrong dtype (floats from a DataFrame or numpy column, "
    "or int32 on an old torch): an embedding takes torch.long ids; build them with "
    "dtype=torch.long",
    "hint-no-batch-axis": "the input has no batch axis (1-D input_ids): add one with "
    "input_ids.unsqueeze(0), or tokenize with return_tensors='pt'; a bare .squeeze() removes it "
    "(BD404)",
    "unpack-output": "too many values to unpack: when the right side is a model call, the model "
    "returns a ModelOutput whose keys are unpacked (BD414)",
    "hint-matmul": "a layer's input size does not match the hidden size of the encoder (a head "
    "built for another BERT size): build it with config.hidden_size",
}


# ---------------------------------------------------------------------------------------------
# The scan


def normalise(text: str) -> str:
    """ANSI colours out, every line ending a newline (tqdm bars end lines with CR)."""
    if "\x1b" in text:
        text = ANSI_RE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2018" in text or "\u2019" in text or "\u201c" in text:  # quotes curled by a blog or IM
        text = text.translate(CURLY_QUOTES)
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
        start = len(text)
        for _ in range(LAST_LINES + 1):
            start = text.rfind("\n", 0, start - 1) if start > 0 else -1
            if start < 0:
                return 0
        return start + 1
    start = text.rfind("\n", 0, tb) + 1
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
        if _indent(prev) < ind:
            continue  # a source line spread over lines: keep looking for its frame
        return False
    return False


def _needle_positions(text: str, needle: str, lo: int, first: bool):
    if first:
        pos = text.find(needle, lo)
        while pos >= 0:
            yield pos
            pos = text.find(needle, pos + 1)
    else:
        pos = text.rfind(needle, lo)
        while pos >= 0:
            yield pos
            pos = text.rfind(needle, lo, pos)


def _match_around(regex: re.Pattern[str], text: str, pos: int, size: int, lo: int):
    """The regex's match that covers the needle at pos, looking only at its line(s)."""
    a = text.rfind("\n", max(lo, pos - WINDOW), pos)
    a = a + 1 if a >= 0 else max(lo, pos - WINDOW)  # a very long line: a window of it
    b = text.find("\n", pos + size, pos + WINDOW)
    b = min(len(text), (pos + WINDOW if b < 0 else b) + 400)  # a message may wrap once
    for m in regex.finditer(text, a, b):
        if m.start() <= pos + size and m.end() >= pos:
            return m
        if m.start() > pos + size:
            break
    return None


def _search(pattern: Pattern, text: str, lo: int) -> list[Hit]:
    """Hits of one pattern at or after lo: needles first, the regex only around them."""
    hits: list[Hit] = []
    seen: set[int] = set()
    wanted = 3 if pattern.kind == "context" and not pattern.first else 1
    for needle in pattern.needles:
        found = 0
        for tries, pos in enumerate(_needle_positions(text, needle, lo, pattern.first)):
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
    )
    for pattern in PATTERNS:
        lo = 0 if pattern.kind == "context" else zone_start
        scan.hits.extend(_search(pattern, text, lo))
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
    try:
        return hit.pattern.build(hit, scan)  # type: ignore[misc]
    except Exception as exc:  # noqa: BLE001
        scan.crashes.append(crashed(f"explain pattern {hit.pattern.name}", exc))
        return None


def diagnose(scan: Scan) -> tuple[Diagnosis | None, Hit | None]:
    """The best explained error hit of the zone, or of the context when there is no error.
    Hits whose builder declines (the values do not fit) are kept in scan.declined as hints."""
    in_exception = scan.exc_start is not None
    candidates = [
        h
        for h in scan.hits
        if h.pattern.build
        and not _in_source_line(scan.text, h.start)
        and (
            h.pattern.kind == "error"
            # a warning's wording raised as the exception itself (older torch raised it)
            or (h.pattern.kind == "context" and in_exception and h.start >= scan.exc_start)
        )
    ]
    for hit in sorted(candidates, key=lambda h: _rank(h, scan), reverse=True):
        diagnosis = build(hit, scan)
        if diagnosis:
            return diagnosis, hit
        scan.declined.append(hit)
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
            return diagnosis, hit
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
    if long_hit and primary != "BD208":
        findings.append(
            Finding.of(
                "BD208",
                f"the tokenizer warned at line {scan.line_of(long_hit.start)}: a sequence "
                f"of {long_hit.groups['len']} tokens > {long_hit.groups['max']}; without "
                "truncation "
                "it fails in the position embedding",
                fix=f"tokenize with truncation=True, max_length={long_hit.groups['max']}",
                severity="warning",
                locations=at(long_hit),
            )
        )
    kw = scan.first("tokenizer-kwargs-ignored")
    if kw and primary != "BD413":
        findings.append(
            Finding.of(
                "BD413",
                f"the tokenizer ignored the keywords {kw.groups['kw']} (line "
                f"{scan.line_of(kw.start)}): the model kept its default",
                severity="warning",
                locations=at(kw),
                fix="pass num_labels to the model's from_pretrained, not to the tokenizer",
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
    if fp16 and primary in ("BD501", None):
        n = len(scan.hits_of("fp16-overflow"))
        notes.append(
            f"fp16 overflow messages seen (line {scan.line_of(fp16.start)}"
            f"{', and more' if n > 1 else ''}): the loss scale is falling (BD508)"
        )
    if primary == "BD117":
        for name, (code, why) in ASSERT_CAUSES.items():
            hit = scan.first(name)
            if hit:
                findings.append(
                    Finding.of(
                        code,
                        f"the CUDA assertion at line {scan.line_of(hit.start)} names the "
                        f"cause: {why}",
                        severity="warning",
                        locations=loc,
                        fix=f"`{_check_data(scan)}` finds the ids",
                    )
                )
                break
    return findings, notes


def _newly_initialized(hit: Hit, scan: Scan) -> Finding | str | None:
    cls, path = hit.groups.get("cls", "the model"), hit.groups.get("path", "").strip()
    after = scan.text[hit.start : hit.start + 4000]
    keys = re.findall(
        r"(?:bert|roberta|encoder|embeddings)\.[\w.]*(?:layer|embeddings|"
        r"LayerNorm)[\w.]*",
        after,
    )
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
    if keys:
        return Finding.of(
            "BD316",
            f"{cls} from {path}: encoder weights such as {keys[0]} were newly "
            "initialised at random; the pre-training is lost",
            severity="warning",
            fix=f"check the weights' key prefixes: `bertdoctor check-model {path}`",
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
    from .modelinfo import label_list, read_config

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
    from .render import lines_of

    findings: list[Finding] = []
    if diagnosis:
        severity = None
        from .rules import get_rule

        if diagnosis.tentative:
            severity = "warning"  # the likeliest cause, which the text does not settle
        elif get_rule(diagnosis.code).severity is not Severity.ERROR and scan.failed:
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
