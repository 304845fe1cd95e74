"""Builders for losses, shapes and autograd: batch and target sizes, label maps, dtypes,
devices, keyword arguments, model outputs used as tensors, no loss."""

from __future__ import annotations

import math
import re

from .core import (
    CHAIN_MARKERS,
    LABEL_KWARGS_RE,
    WORKS_SAID_RE,
    Builder,
    Diagnosis,
    Hit,
    Scan,
    _check_data,
    _check_loss,
    _line_at,
    _line_start,
    _sentence_at,
    _shape,
    is_library_path,
)


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
        # (the loss's shape check, BD401; BD403 is [B, L, C] logits given to it unflattened)
        per = b // t
        return Diagnosis(
            "BD401",
            f"the logits have {b} rows and the labels {t}: {b} = {t} x {per}, so the logits were "
            f"flattened over {per} positions (a token-level head, or logits.view(-1, C) on "
            "[B, L, C]) while there is one label per example.",
            "for sentence classification use the [CLS]/pooled output "
            "(AutoModelForSequenceClassification); for token classification give labels per "
            f"token, [B, L]. Confirm: {_check_loss(scan, f'{b},C', [t])}",
        )
    g = math.gcd(b or 0, t or 0)
    if b and t and g >= 2 and min(b, t) // g >= 8 and abs(b - t) // g <= max(b, t) // g // 4:
        # 1568 = 32 x 49 against 1504 = 32 x 47: token rows of the same batch, with fewer
        # labels than tokens per example (or the same lengths and another batch size)
        return Diagnosis(
            "BD401",
            f"the logits have {b} rows and the labels {t}: {b} = {g} x {b // g} and {t} = {g} x "
            f"{t // g}, so with {g} examples the token logits cover {b // g} positions each and "
            f"the labels {t // g}: the labels were not built from the tokens (BD209: labels per "
            "word or character against word pieces, or truncated to another length).",
            "align the labels with the tokens: one label per token from word_ids(), -100 on "
            "special tokens and non-first pieces, the same max_length and truncation for both. "
            + confirm,
            causes=("labels not aligned with the word pieces (BD209)",),
        )
    return Diagnosis(
        "BD401",
        f"the logits have {b} rows and the labels {t}: the loss pairs them row by row (labels "
        "built for another batch size or reshaped differently from the logits).",
        "print logits.shape and labels.shape before the loss: CrossEntropyLoss wants [N, C] "
        "and [N]. " + confirm,
    )


# the load that makes a checkpoint's head single-label whatever its config.json says
SINGLE_LABEL_LOAD = (
    'from_pretrained(MODEL, num_labels=N, problem_type="single_label_classification")'
)


def _loss_in_model(scan: Scan) -> bool:
    """transformers' model computed the loss: a modeling_*.py frame in the traceback."""
    return any("modeling_" in f.path for f in scan.frames)


# the reporter means a multi-label task (so a [B] target is their labels' shape, not the loss's
# choice)
# (not config.json's "multi_label_classification": that is the problem_type BD405 is about)
MULTI_LABEL_MEANT_RE = re.compile(r"(?i)multi[- ]?label(?!_classification)|多标签")


def explain_target_size(hit: Hit, scan: Scan) -> Diagnosis:
    target, inp = _shape(hit.groups["target"]), _shape(hit.groups["input"])
    tr = f"[{', '.join(map(str, target))}]"
    ir = f"[{', '.join(map(str, inp))}]"
    # (or the reporter's link to the line of modeling_roberta.py where it failed)
    in_model = _loss_in_model(scan) or bool(re.search(r"\bmodeling_\w+\.py", scan.text))
    if (
        len(target) == 1
        and len(inp) == 2
        and in_model
        and not MULTI_LABEL_MEANT_RE.search(scan.text)
    ):
        # one class id per example, and the model chose BCE: its config's problem_type (a
        # checkpoint fine-tuned for multi-label keeps it) or float labels; the task is single-label
        return Diagnosis(
            "BD405",
            f"the model computed BCEWithLogitsLoss, a multi-label loss, on one label per example "
            f"({tr} labels for {ir} logits): transformers picks it when config.problem_type is "
            "multi_label_classification (a checkpoint fine-tuned for multi-label classification "
            "keeps it in config.json) or when the labels are float.",
            f"load with {SINGLE_LABEL_LOAD} and give torch.long class ids. Confirm: "
            + _check_loss(
                scan, inp, target, " --loss hf --problem-type multi_label_classification"
            ),
        )
    if len(target) == 1 and len(inp) == 2:
        why = (
            f"BCEWithLogitsLoss got one label per example ({tr}) for {inp[1]}-column logits "
            f"({ir}): it wants multi-hot float labels of the logits' shape"
        )
        if in_model:
            # (reached only when the report says the task is multi-label)
            why += (
                "; for the multi-label task transformers computes it on each example's row of "
                f"{inp[1]} 0/1 floats, one per label, not on a class id"
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


def explain_margin_ranking_dims(hit: Hit, scan: Scan) -> Diagnosis:
    """MarginRankingLoss's scores and target of different ranks: newer torch releases refuse
    what older ones broadcast (a [N, 1] score against a [N] one)."""
    a, b, t = (f"[{hit.groups[k]}]" for k in ("a", "b", "target"))
    return Diagnosis(
        "BD401",
        f"MarginRankingLoss got input1 {a}, input2 {b} and target {t}: its three tensors must "
        "have the same number of dimensions (newer torch releases check it; older ones "
        "broadcast, so code written for them fails here, and where it ran it compared every "
        "score with every other).",
        "give both score tensors and the target the shape [N]: squeeze the scores' last axis "
        "(scores.squeeze(-1)) and build the target as torch.ones(N) (or -1 where input2 should "
        f"rank higher). Confirm: `bertdoctor check-script {scan.script}`",
    )


def explain_target_input_size(hit: Hit, scan: Scan) -> Diagnosis:
    t, i = hit.groups["target"], hit.groups["input"]
    if {t.strip(), i.strip()} == {"", "1"}:
        # [1] against a 0-d tensor: a batch of one example whose [1, 1] output (or label) a bare
        # squeeze() turned into a scalar
        scalar = "prediction" if not i.strip() else "target"
        return Diagnosis(
            "BD404",
            f"the loss got a target of shape [{t}] and a prediction of shape [{i}]: the "
            f"{scalar} is a 0-d tensor, a batch of one example whose batch axis a bare "
            ".squeeze() removed along with the output axis.",
            "squeeze only the axis meant (logits.squeeze(-1)) or reshape with "
            "logits.view(-1), so a batch of one keeps its batch axis; or drop_last=True in the "
            f"DataLoader. Confirm: `bertdoctor check-script {scan.script}`",
        )
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
    # punctuation restoration's labels are punctuation marks (punctuation_dict[punc])
    r"\b\w*(?:label|tag|class|target|cat(?:egory)?|punc)\w*?(?:_?map|2id|2idx|_to_ids?|_dict|_vocab|_index)\w*\s*\["
    r"|\b(?:label|tag)_?map\w*\s*\[",
    re.I,
)


BIO_TAG_RE = re.compile(r"['\"](?:[BIESM]|[BI]-?)-[^'\"\s]{1,40}['\"]")


def _source_lines(scan: Scan, pos: int) -> list[str]:
    """The lines just before an error, without blanks and Python 3.11's ^^^ markers: the
    failing source line is the last."""
    source = scan.text[max(0, pos - 400) : pos]
    # Python 3.11 underlines the failing expression with ~~~^^^ lines
    lines = [ln for ln in source.splitlines() if ln.strip() and not set(ln.strip()) <= set("^~")]
    # IPython's traceback marks the failing line with an arrow and prints lines after it
    arrows = [(i, m) for i, ln in enumerate(lines) if (m := IPY_ARROW_RE.match(ln))]
    if arrows and not any(ln.lstrip().startswith("File ") for ln in lines[arrows[-1][0] :]):
        i, m = arrows[-1]
        return [*lines[:i], lines[i][m.end() :]]
    return lines


# IPython's arrow at the failing line: "---> 12     loss = ..."
IPY_ARROW_RE = re.compile(r"\s*-+>\s*\d+\s")


# "KeyError: '买入股票' in test.csv": the reporter names the data file (not a config file)
DATA_FILE_NAMED_RE = re.compile(
    r"\s*(?:in|of|from) (?![\w./\\-]*config)[\w./\\-]+\.(?:csv|tsv|txt|json)\b"
)


RERAISE_RE = re.compile(r"^\s*raise (?:self\._value|value|exc|e|err|self\._exception)\s*$")


# the true labels iterated over (not the predictions): y_true, gold, label_ids
TRUE_LABELS_RE = re.compile(
    r"\bin (?:\w+\.)?(?:y_true|true_labels?|gold\w*|labels?|label_ids|targets?|tags)\b"
)


def explain_label_not_in_map(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A KeyError raised by a label map lookup: a label of the data is not in the list."""
    if hit.start < (scan.exc_start or 0) and not any(
        m in scan.text[hit.end : scan.exc_start] for m in CHAIN_MARKERS
    ):
        return None  # a KeyError quoted earlier, not the error itself (nor the chain's first)
    lines = _source_lines(scan, hit.start)
    key = hit.groups["key"]
    if re.fullmatch(r"-?\d+\.\d+", key):
        # a score (KeyError: 0.09997) looked up as a class: regression labels given to code
        # that maps classes, a mode mix-up of the script or library, not a missing label
        return None
    if (
        lines
        and key == "-1"
        and ID_TO_LABEL_RE.search(lines[-1])
        and TRUE_LABELS_RE.search(lines[-1])
    ):
        # the true labels mapped back to names, and one of them is -1: a label id of -1 in
        # the data (a "no label" mark, or a label missing from the list turned into -1)
        return Diagnosis(
            "BD202",
            f"`{lines[-1].strip()[:80]}` met the label id -1 among the true labels: the data "
            "holds -1 as a label (an unlabelled mark, or a label the list lacks turned into "
            "-1 by a .get(label, -1)), and no label has that id.",
            "map every label of the data to an id from 0 to num_labels - 1 (build label2id "
            "from the data itself), and drop or fix the examples marked -1. Confirm: "
            f"`{_check_data(scan)}`",
            tentative=True,
        )
    rest = scan.text[hit.end : scan.text.find("\n", hit.end) % (len(scan.text) + 1)]
    if re.search(r"\\r['\"]?$", key) or rest.startswith("\\r"):
        # 'B-PER\r', 1\r: the last field of a line keeps the carriage return of a Windows line end
        return Diagnosis(
            "BD216",
            f"the key {key}{rest.strip()[:4] if rest.startswith(chr(92)) else ''} ends with a "
            "carriage return (\\r): the data file has Windows line ends (CRLF), and the last "
            "field of each line (the label) keeps the \\r, so no key of the map matches.",
            "strip each line before splitting (line.rstrip('\\r\\n')), open the file with "
            "newline=None (the default), or convert it to LF line ends. Confirm: "
            f"`{_check_data(scan)}`",
            tentative=not (lines and LABEL_MAP_RE.search(lines[-1])),
        )
    if (not lines or not LABEL_MAP_RE.search(lines[-1])) and LABEL_MAP_RE.search(rest):
        # the reporter names the lookup after the error: "KeyError: 'Other' at label_map[...]"
        lines = [rest]
    if lines and RERAISE_RE.search(lines[-1]):
        # a worker's error raised again in the parent (multiprocessing's `raise self._value`):
        # the worker's own traceback, printed before, has the lookup that failed
        earlier = scan.text.rfind(f"KeyError: {key}", 0, hit.start)
        if earlier > 0:
            lines = _source_lines(scan, earlier)
    if not lines or not LABEL_MAP_RE.search(lines[-1]):
        if not scan.frames and (BIO_TAG_RE.fullmatch(key) or DATA_FILE_NAMED_RE.match(rest)):
            # no traceback, but the key is a tag ('B-Project'), or the reporter says which data
            # file holds it ("KeyError: '买入股票' in test.csv"): the reporter's data has a label
            # that the label list lacks
            lines = ["label2id[tag]"]
        elif (
            lines
            and re.fullmatch(r"[1-9]\d*", key)
            and ID_TO_LABEL_RE.search(lines[-1])
            and not (scan.frames and scan.frames[-1].is_library)
        ):
            # a predicted id the id-to-label map lacks (idx_to_tag[tok] with KeyError: 13): the
            # model has more outputs than the map has labels (0 would be a padding id; a
            # pipeline's config.id2label[i] is a model without its head)
            return _id_past_label_list(lines[-1], scan, f"the id {key},")
        else:
            return None  # a KeyError somewhere else in the user's code: no known cause
    lookup = lines[-1]
    if re.fullmatch(r"-?\d+", key) and re.search(
        r"pred|logits|argmax|\w*ids?\s*\[|\[\s*\w+\[[^\]]*\]\s*\[", lookup
    ):
        # ids mapped back to tags (label_map[preds[i][j]], label_map[label_ids[i][j]]): an id
        # the id-to-label map lacks (the padding id 0) is the decoding code's, not the data's
        return None
    if key in ("''", '""'):
        # an empty label: a line whose label column is blank (a stray space or tab, a line of
        # whitespace between sentences), not a label the list lacks
        return Diagnosis(
            "BD217",
            f"the label looked up in `{lookup.strip()[:80]}` is the empty string: a line of the "
            "data has an empty label column (a trailing space or tab, a line of spaces taken "
            "for a token, two separators in a row).",
            "find the lines whose label field is empty and fix or drop them; split each line "
            f"on the separator once from the right. Confirm: `{_check_data(scan)}`",
            causes=("a label that the label list lacks (BD205)",),
            tentative=True,
        )
    # at prediction time the test file's labels are often placeholders the list never had
    predicting = bool(re.search(r"\b(?:predict|test)_(?:file|examples?|data)\b", scan.zone))
    if "\\x00" in key or "\x00" in key:
        return Diagnosis(
            "BD216",
            f"the label {key[:40]}... is full of NUL bytes (\\x00): the data file is UTF-16 (saved "
            "as 'Unicode' on Windows) and was read as UTF-8, so no label matches the label list.",
            "save the file as UTF-8 (or read it with encoding='utf-16'). Confirm: "
            f"`{_check_data(scan)}`",
        )
    sep = re.search(r"^.?\S+?(\\t|\t)\S", key)
    if sep and not predicting:
        # 'EU\tB-ORG': a whole line, token and tag, taken as the label: the reader splits
        # on another separator (spaces) than the file uses (tabs)
        return Diagnosis(
            "BD217",
            f"the label {key[:40]} holds a token, a tab and a tag: the reader splits each "
            "line on another separator (a space) than the file uses (a tab), so the whole "
            "line became the label.",
            "split the lines on the file's separator (line.split('\\t'), or line.split() "
            f"for any whitespace), or convert the file. Confirm: `{_check_data(scan)}`",
            causes=("a label that the label list lacks (BD205)",),
        )
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
        f"(`{lookup.strip()[:80]}`): "
        + (
            "when the tag set's outside tag is the letter O, the data has the digit 0 in its "
            "place; otherwise the map's keys are ints while the data's labels are strings ('0' "
            "against 0)."
            if key in ("'0'", '"0"')
            else "a label missing from get_labels()/label2id, a typo or a case variant, or a "
            "header row read as data."
        ),
        "build the label list from the training data (sorted(set(labels))) instead of "
        f"hard-coding it, and check the other splits against it. Confirm: `{_check_data(scan)}`",
        tentative=predicting,
    )


# an id-to-label list indexed with an id: idx2label[pred], id2tag[i], label_list[p]
ID_TO_LABEL_RE = re.compile(
    r"\b\w*(?:id|idx|index)_?(?:2|to)_?(?:label|tag|item|class)\w*\s*\[|"
    r"\b\w*(?:label|tag)s?_?(?:list|vocab|names)\w*\s*\[",
    re.I,
)


# a field of a line read from a data file: line[1], row[2], line.split("\t")[1]
ROW_FIELD_RE = re.compile(
    r"\b(?:line|row|items?|parts|fields|cols|columns|splits?|segs?)\[\s*(?:\d+|"
    r"(?:self\.)?\w*(?:col|idx|index)\w*)\s*\]|"
    r"\.split\([^)\n]*\)\s*\[\s*\d+\s*\]"
)
# the traceback passes through a reader of the data files
DATA_READER_RE = re.compile(
    r"_create_examples|_read_(?:tsv|csv|txt|json|data|file)|read_examples|readlines\(|"
    r"DataReader\.py|"
    r"csv\.reader|\.tsv\b|\.csv\b"
)


def _id_past_label_list(source: str, scan: Scan, which: str) -> Diagnosis:
    """A predicted id turned back into its label by a lookup (id2label[pred], idx_to_tag[tok])
    that has no entry for it: the model has more outputs than the list or map has labels."""
    lookup = source.strip()[:80]
    return Diagnosis(
        "BD205",
        f"`{lookup}` looked up {which} which the id-to-label list does not have: the model has "
        "more outputs (num_labels) than the list has labels, so a predicted id falls past its "
        "end (a label file other than the one the model was trained with, or labels such as "
        "<pad>/<unk> or X added on one side only).",
        "build the model's num_labels and the id-to-label list from the same label file "
        "(len(label2id)), and save that list with the model (config.id2label). Confirm: "
        f"`{_check_data(scan)}`",
        tentative=True,
    )


def explain_label_list_index(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`IndexError: list index out of range` raised by the line that turns a predicted id
    back into its label: the model has more outputs than the label list has entries."""
    if hit.start < (scan.exc_start or 0):
        return None  # quoted earlier, not the error itself
    lines = _source_lines(scan, hit.start)
    if lines and ROW_FIELD_RE.search(lines[-1]) and DATA_READER_RE.search(scan.zone):
        field = lines[-1].strip()[:80]
        return Diagnosis(
            "BD217",
            f"`{field}` reads a field that a line of the data file does not have: a record "
            "with fewer columns than the reader expects (a file separated by commas where the "
            "code splits on tabs, a blank or header line, a text without its label).",
            "write the file with the separator and columns the reader expects (a .tsv: "
            "text<TAB>label on every line), skip blank lines, and report the number of a short "
            f"line. Confirm: `{_check_data(scan)}`",
            tentative=True,
        )
    if not lines or not ID_TO_LABEL_RE.search(lines[-1]):
        return None  # a list somewhere else in the user's code: no known cause
    return _id_past_label_list(lines[-1], scan, "an id,")


def explain_empty_word_ids(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`cannot convert float NaN to integer` from a line that counts words with word_ids():
    a text with no words has only None there."""
    if "word_ids" not in scan.text[max(0, hit.start - 1500) : hit.start]:
        return None  # a NaN from anywhere else: a metric, a loss, a pandas column
    return Diagnosis(
        "BD221",
        "the number of words came out NaN from word_ids(): an empty text (or one of only "
        "spaces) has no words, so every word id is None.",
        "drop empty texts before training and predicting (if text.strip()). Confirm: "
        f"`{_check_data(scan)}`",
        tentative=True,
    )


def explain_string_labels(hit: Hit, scan: Scan) -> Diagnosis | None:
    # the traceback before the error, or after it when the error is the report's title
    near = scan.text[max(0, hit.start - 1500) : hit.end + 1500].lower()
    unseen = "label" not in near and "target" not in near
    if unseen and ("too many dimensions" not in hit.text or scan.frames):
        return None  # a string where a number belongs, but not visibly the labels
    value = hit.groups.get("value")
    seen = f" ('{value}')" if value else ""
    return Diagnosis(
        "BD218",
        f"the labels are strings{seen}: torch.tensor cannot make numbers of them; the loss "
        "needs class ids"
        # torch.tensor of strings, pasted alone: in fine-tuning the labels, most often
        + (
            " (the text does not show which column: in fine-tuning it is mostly the labels)."
            if unseen
            else "."
        ),
        "map the label names to ids first: label2id = {name: i for i, name in "
        "enumerate(label_names)}; labels = [label2id[x] for x in labels]. Confirm: "
        f"`{_check_data(scan)}`",
        tentative=unseen,
    )


def explain_expected_target(hit: Hit, scan: Scan) -> Diagnosis:
    exp, got = hit.groups["exp"], hit.groups.get("got") or hit.groups.get("got2") or ""
    e, g = _shape(exp), _shape(got)
    if len(e) == 2 and len(g) == 1 and e[0] == g[0]:
        # target (N, k) expected for class ids [N]: the logits are [N, C, k], one axis too many
        # for a sentence-level loss (a trailing axis of 1 from a head or an unsqueeze)
        squeeze = (
            "squeeze the trailing axis: logits.squeeze(-1)"
            if e[1] == 1
            else f"drop the last axis of {e[1]} the head adds"
        )
        return Diagnosis(
            "BD401",
            f"CrossEntropyLoss got labels of shape [{got}], one class id per example, and "
            f"logits with one axis too many: it expected a target of size ({exp}), so the "
            f"logits are [{e[0]}, C, {e[1]}] where [{e[0]}, C] is wanted.",
            f"give the loss [{e[0]}, C] logits ({squeeze}; check the head's output shape) "
            f"and [{e[0]}] long labels. Confirm: `bertdoctor check-script "
            f"{scan.script}`",
        )
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


def explain_label_view(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`shape '[-1, 10]' is invalid for input of size 36` where the labels are viewed as
    [-1, num_labels] for a multi-label loss: the label rows are not num_labels wide."""
    n, m = int(hit.groups["n"]), int(hit.groups["m"])
    before = scan.text[max(0, hit.start - 1500) : hit.start]
    viewed = re.search(r"(?:label|target)\w*\.view\(\s*-1\s*,\s*[\w.]*num_labels", before)
    multi = re.search(r"(?i)multi[- ]?label|num_labels\s*=\s*\d+", scan.text)
    if not viewed and not multi:
        return None  # a reshape somewhere else in the code
    return Diagnosis(
        "BD401",
        f"the labels were viewed as [-1, {n}] (one row of num_labels={n} per example) and hold "
        f"{m} values, which is not a whole number of rows of {n}: each example's label row has "
        f"another width than num_labels (a single class id per example where a multi-hot row "
        "is wanted, or a label list longer or shorter than the head).",
        f"give every example a multi-hot row of exactly {n} values (0/1 per label), or build "
        f"the model with num_labels equal to the label columns. Confirm: `{_check_data(scan)}`",
        tentative=not viewed,
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
    in_model = _loss_in_model(scan)
    tentative = False
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
    elif re.search(
        r"Found dtype (Long|Int) but expected Float|expected dtype Float but got dtype (Long|Int)",
        text,
    ):
        zone = scan.zone_lower
        if in_model and "binary_cross_entropy" not in zone:
            # transformers chose MSELoss itself: the model has one label
            return Diagnosis(
                "BD405",
                "the model computed a regression loss (MSELoss) on integer labels: with "
                "num_labels=1 (one class in the data, or num_labels never passed with a config "
                "that has one) transformers treats the task as regression.",
                "for classification pass num_labels=N >= 2 to from_pretrained (a dataset with "
                "a single class cannot train a classifier); for regression, float labels. "
                f"Confirm: `{_check_data(scan)}`",
            )
        why = (
            "a float loss (MSELoss or BCEWithLogitsLoss) got integer labels; with "
            "num_labels=1 transformers computes a regression (MSELoss, BD405)"
        )
        fix = (
            "for classification use num_labels=2 (or more) with long labels; for "
            "regression or BCE convert the labels with labels.float()"
        )
        # which loss it was is not in the text: the likelier reading only
        tentative = "binary_cross_entropy" not in zone and not scan.frames
    else:
        why = (
            f"the labels have the wrong dtype for the loss ({text.strip()[:120]}): "
            "CrossEntropyLoss and NLLLoss want torch.long class ids"
        )
        fix = (
            "labels = labels.long() (build them with torch.tensor(ids, dtype=torch.long)); "
            "float labels of the logits' shape are read as probabilities"
        )
    return Diagnosis(
        "BD402", why + ".", fix + f". Confirm: `{_check_data(scan)}`", tentative=tentative
    )


def _clip(text: str, limit: int = 80) -> str:
    """The text, or its first words up to the limit and '...': never a word cut in two."""
    if len(text) <= limit:
        return text
    return text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:(") + "..."


def _simple(
    code: str,
    message: str,
    fix: str,
    *,
    tentative: bool = False,
    unless: re.Pattern[str] | None = None,
    unless_failed: bool = False,
    when: re.Pattern[str] | None = None,
) -> Builder:
    """A builder whose message quotes the hit's groups, or the matched text as {text} (a
    hard-wrapped paste's line breaks read as spaces). It declines where ``unless`` finds
    something in the hit's line (the problem said to be solved, no scheduler used), with
    ``unless_failed`` where an error stopped the run (the reporter's words about a run that went
    on: that error is the cause to name), and where ``when`` finds nothing in the text (what
    makes the words matter: the tool that fails without the file)."""

    def build(hit: Hit, scan: Scan) -> Diagnosis | None:
        if unless and unless.search(_line_at(scan.text, hit.start)):
            return None
        if unless_failed and scan.failed:
            return None
        if when and not when.search(scan.text):
            return None
        return Diagnosis(
            code,
            message.format(
                text=_clip(" ".join(hit.text.split())), script=scan.script, **hit.groups
            ),
            fix.format(script=scan.script, model=scan.model_arg),
            tentative=tentative,
        )

    return build


def _simple_likely(
    code: str,
    message: str,
    fix: str,
    *,
    unless: re.Pattern[str] | None = None,
    unless_failed: bool = False,
    when: re.Pattern[str] | None = None,
) -> Builder:
    """A builder for the reporter's words: a likely answer, quoting them."""
    return _simple(
        code, message, fix, tentative=True, unless=unless, unless_failed=unless_failed, when=when
    )


# a copy of a numpy array's view to the GPU (torch 1.4 refused some zero-stride views: a
# regression, no overlapping write of the user's)
NUMPY_VIEW_COPY_RE = re.compile(r"from_numpy\([^\n]*\)\s*\.(?:cuda|to)\(")


_OVERLAPPING_WRITE = _simple(
    "BD407",
    "a one-hot (or other) target was written into the tensor that indexes it, or into an "
    "expanded view: torch refuses the overlapping write.",
    "build a new tensor: F.one_hot(labels, num_classes).float() (or torch.zeros(B, C)"
    ".scatter_(1, labels.unsqueeze(1), 1)). Confirm: `bertdoctor check-script {script}`",
)


_NO_GRADIENT_TO_CLIP = _simple_likely(
    "BD504",
    "clip_grad_norm_ found no parameter with a gradient ({text}): it stacks the norms of the "
    "parameters whose .grad is set, and none was, so no gradient reached any parameter it was "
    "given (it ran before loss.backward() or after optimizer.zero_grad(set_to_none=True), the "
    "loss is cut from the graph, every parameter is frozen, or the parameters are another "
    "model's).",
    "call clip_grad_norm_ between loss.backward() and optimizer.step(), on the parameters of "
    "the model that computed the loss; check that some have requires_grad=True. Confirm: "
    "`bertdoctor check-script {script}`",
)


def explain_clip_no_gradient(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`stack expects a non-empty TensorList` inside clip_grad_norm_ (torch 1.5-1.x keeps only
    the parameters that have a .grad): no parameter got a gradient."""
    if not any("clip_grad" in f.path or "clip_grad" in f.func for f in scan.frames):
        return None  # a torch.stack of the user's own list came out empty
    return _NO_GRADIENT_TO_CLIP(hit, scan)


def explain_memory_overlap(hit: Hit, scan: Scan) -> Diagnosis | None:
    if NUMPY_VIEW_COPY_RE.search(scan.zone) and not re.search(
        r"one_hot|scatter|index_put|expand|masked_fill|\+=", scan.zone
    ):
        return None
    return _OVERLAPPING_WRITE(hit, scan)


# token ids or a list of tokens given to the tokenizer as its text (tokenizer(input_ids),
# tokenizer([101, 2023, ...]), encode_plus(tokens) without is_split_into_words)
IDS_TO_TOKENIZER_RE = re.compile(
    r"\b(?:encode(?:_plus)?|batch_encode_plus|tokenize|tokenizer)\(\s*(?:\w*_?ids\b|\[\s*\d+\s*,|"
    r"(?:tokens|token_list|words|word_list)\s*[),])"
)


# the reporter: the same data and code work with other versions of the libraries
SAME_DATA_WORKS_RE = re.compile(
    r"(?i)(?:same (?:data(?:set)?|code|script)[^\n.]{0,80}?(?:different|other|older|newer) "
    r"versions?|works? (?:fine |well |perfectly )?(?:in|with|on|under) (?:the |an? |my )?"
    r"(?:other|old|older|previous|earlier|different) (?:version|environment|env|release)s?|"
    r"(?:in|with) (?:different|other) versions of (?:torch|transformers|tokenizers|pytorch))"
)


# the reporter: a library's latest release conflicts with (breaks) the code that calls it
RELEASE_CONFLICT_SAID_RE = re.compile(
    r"(?i)\b(?:latest|newest|new|recent)\s+\[?(?:datasets|transformers|tokenizers|torch|pytorch)"
    r"\]?(?:\([^)\n]*\))?\s+(?:release|version)s?\b[^\n.]{0,40}?\b(?:conflicts?|breaks?|"
    r"is incompatible)\b"
)


def explain_text_not_string(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The fast tokenizer's `TextEncodeInput must be Union[TextInputSequence, ...]`: a text that
    is not a string, most often an empty cell that pandas read as NaN."""
    if IDS_TO_TOKENIZER_RE.search(scan.text):
        return None  # ids or tokens given to the tokenizer: an API question, not the data's
    if RELEASE_CONFLICT_SAID_RE.search(scan.prose):
        return None  # the reporter ties it to a library's new release, not to the data
    if re.search(r"[\\/](?:shap|lime|captum|textattack)[\\/]", scan.zone):
        # an explainer or attack library calls the user's predict function with masked or
        # perturbed inputs (numpy arrays of strings): the function's input handling, not the data
        return None
    # "the same data works in my other environment": a library that passes words or pairs to a
    # newer (fast) tokenizer, which is as likely as the data
    same_data_works = SAME_DATA_WORKS_RE.search(scan.prose)
    # a table's text column in the text (df["text"], read_csv, NaN): an empty cell is the
    # likeliest non-string; without one, labels or a library's own inputs read the same
    table = re.search(r"(?i)\bdf\w*\[|read_csv|read_excel|pandas|dataframe|\bnan\b", scan.text)
    return Diagnosis(
        "BD221",
        "the tokenizer got a text that is not a string: an empty cell read as NaN (a float) "
        "by pandas, a None, or a number in the text column"
        + (
            "; the report says the same data works with other versions, so a library that "
            "passes pre-split words to a newer (fast) tokenizer is as likely."
            if same_data_works
            else "."
        ),
        "drop or fill empty texts when loading (df = df.dropna(subset=['text']); "
        "df['text'] = df['text'].astype(str))"
        + ("; or pin the versions that worked (use_fast=False)" if same_data_works else "")
        + f". Confirm: `bertdoctor check-data TRAIN_FILE --model {scan.model_arg}`",
        tentative=bool(same_data_works) or not table,
    )


def explain_float_text(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`'float' object has no attribute 'strip'` while texts are prepared for a tokenizer: a
    NaN, an empty cell pandas read as a float, among the texts."""
    if not re.search(r"(?i)tokeni[sz]|encode|sentence_transformers|text|sentence|doc", scan.zone):
        return None  # a float somewhere else in the user's code
    seen = (
        f"'float' object has no attribute '{hit.groups['attr']}'"
        if "attr" in hit.groups
        else "unicodedata.normalize got a float"
    )
    return Diagnosis(
        "BD221",
        f"a text is a float, not a string ({seen}): an empty cell that pandas read as NaN is "
        "among the texts.",
        "drop or fill empty texts before tokenizing (df = df.dropna(subset=['text']), or "
        "docs = [d for d in docs if isinstance(d, str) and d.strip()]). Confirm: "
        f"`bertdoctor check-data TRAIN_FILE --model {scan.model_arg}`",
        tentative=True,
    )


def _stack_call(hit: Hit, scan: Scan) -> str:
    """The source line of the torch.stack call the error comes from, or ''."""
    lines = _source_lines(scan, hit.start)
    return next((ln for ln in reversed(lines[-4:]) if "stack(" in ln and "Error" not in ln), "")


def explain_stack_output(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`stack(): argument 'tensors' must be tuple of Tensors, not Tensor` on a model's output
    indexed by position (out[-1]): the tuple of hidden states was not where the code looked
    (output_hidden_states not set, or a transformers version that orders the outputs
    otherwise)."""
    call = _stack_call(hit, scan)
    if not re.search(r"\b(?:out|outs|output|outputs|res|result)\[\s*-?\d+\s*\]", call):
        return None
    return Diagnosis(
        "BD414",
        f"`{call.strip()[:80]}` stacks an element of the model's output taken by position, and "
        "that element is a single tensor, not the tuple of hidden states: the outputs are "
        "ordered otherwise than the code assumes (output_hidden_states not passed, or another "
        "transformers version's output tuple).",
        "ask for the hidden states and take them by name: out = model(..., "
        "output_hidden_states=True); torch.stack(out.hidden_states, dim=2). Confirm: "
        f"`bertdoctor check-script {scan.script}`",
        tentative=True,
    )


# the inputs run_squad.py (transformers 2.x and 3.x) builds for XLNet's and XLM's full
# question-answering heads, which their Simple heads do not take
SQUAD_FULL_HEAD_INPUTS = frozenset({"cls_index", "p_mask", "is_impossible"})


def explain_unexpected_input_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: '"cls_index" and "p_mask" are unexpected inputs'."""
    names = [n for n in (hit.groups.get("kw"), hit.groups.get("other")) if n]
    said = _clip(hit.text.strip())
    if set(names) <= SQUAD_FULL_HEAD_INPUTS:
        return Diagnosis(
            "BD413",
            f"the report says {said!r}: run_squad.py builds {' and '.join(names)} for XLNet's "
            "and XLM's full question-answering heads, and the model in use is their Simple "
            "head (the one AutoModelForQuestionAnswering builds), whose forward() does not "
            "take them.",
            "drop those inputs for a head that does not take them (or build "
            "XLNetForQuestionAnswering / XLMForQuestionAnswering, which does). Confirm: "
            f"`bertdoctor check-script {scan.script}`",
            tentative=True,
        )
    return Diagnosis(
        "BD413",
        f"the report says {said!r}: the function called (a model's forward() or a tokenizer) "
        f"does not take {' and '.join(names)}: a keyword meant for another model class, or "
        "one that the installed release renamed or removed.",
        "pass only the keywords the called function names (inspect.signature(model.forward) "
        "for a model) and check that the class and release are the ones the code was written "
        f"for. Confirm: `bertdoctor check-script {scan.script}`",
        tentative=True,
    )


def explain_stack_got_str(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`stack(): argument 'tensors' must be tuple of Tensors, not str` where the stacked value
    came from a BERT's output: `a, b = model(...)` on the ModelOutput of transformers 4 gives
    its key names ('last_hidden_state'), not its tensors."""
    call = _stack_call(hit, scan)
    if re.search(r"stack\(\s*\w+\[\s*['\"]", call):
        return None  # a field of a record (row["text"]): the user's data, not a model's output
    if not re.search(
        # (the family's name bounded by letters only: bert_embedding, not /home/robert/)
        r"(?i)(?<![a-z])(?:bert|roberta|transformers)(?![a-z])|hidden|embedding|encoded_layers",
        scan.zone,
    ):
        return None  # a string stacked by the user's own code, not a model's output
    shown = f"`{call.strip()[:80]}`" if call else "torch.stack"
    return Diagnosis(
        "BD414",
        f"{shown} got a str, not the model's tensors: unpacking a model's output as a tuple "
        "(encoded_layers, pooled = model(...)) gives the key names of the ModelOutput that "
        "transformers 4 returns, so the variable holds 'last_hidden_state' or 'hidden_states'.",
        "take the outputs by name (out = model(..., output_hidden_states=True); "
        "out.hidden_states), pass return_dict=False, or pin the transformers release the code "
        f"was written for (3.x). Confirm: `bertdoctor check-script {scan.script}`",
        tentative=True,  # the unpacking line itself is not in the text
    )


def explain_device_mismatch(hit: Hit, scan: Scan) -> Diagnosis:
    if "MPS" in hit.text:
        return Diagnosis(
            "BD411",
            "a tensor on the CPU went into a model on Apple's MPS device (MPS words it as "
            "'Placeholder storage has not been allocated'): part of the batch, or the model, "
            "was not moved; torch's MPS backend also lacks some operations, which fail the same "
            "way.",
            "move the model and every batch tensor to torch.device('mps'), or run on the CPU "
            "(TrainingArguments(use_cpu=True)). Confirm: "
            f"`bertdoctor check-script {scan.script}`",
            tentative=True,
        )
    devices = [
        f"cuda:{d}" if d.isdigit() else d for d in (hit.groups.get("a"), hit.groups.get("b")) if d
    ]
    seen = f" ({' and '.join(devices)})" if devices else ""
    if "DataParallel" in scan.text and (
        "different GPUs" in hit.text
        or (len(devices) == 2 and all(d.startswith("cuda:") for d in devices))
    ):
        return Diagnosis(
            "BD411",
            f"one operation got tensors on two GPUs{seen} under nn.DataParallel: a replica "
            "met a tensor that stayed on the first GPU (one created in forward() with a fixed "
            "device, or held as a plain attribute rather than a parameter or buffer, which "
            "DataParallel does not copy to the replicas).",
            "create tensors in forward() with device=input.device, register fixed tensors "
            "with register_buffer, or train with DistributedDataParallel (torchrun) instead. "
            f"Confirm: `bertdoctor check-script {scan.script}`",
        )
    return Diagnosis(
        "BD411",
        f"one operation got tensors on different devices{seen}: the model is on the GPU and "
        "part of the batch (often labels) or a tensor made in forward() is not, or the reverse.",
        "move the whole batch in one place: batch = {k: v.to(device) for k, v in "
        "batch.items()}; create tensors with device=x.device; move class weights too. Confirm: "
        f"`bertdoctor check-script {scan.script}`",
    )


# keywords transformers passes between its own modules, never the user's batch
LIBRARY_KWARGS = frozenset(
    {
        "encoder_hidden_states",
        "encoder_attention_mask",
        "output_attentions",
        "past_key_values",
        "use_cache",
        "return_dict",
        "cross_attn_head_mask",
        "cache_position",
        # the Trainer (4.46+) gives compute_loss, and a model whose forward takes **kwargs, the
        # number of labelled items in the accumulated batch: an override written before it
        "num_items_in_batch",
        # config attributes from_pretrained (or EncoderDecoderModel) sets for a decoder, which
        # old releases passed on to the model class itself
        "is_decoder",
        "add_cross_attention",
    }
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


# arguments renamed or removed between transformers releases (not a user's mix-up of objects)
VERSION_RENAMES = frozenset(
    {
        "use_auth_token",
        "evaluation_strategy",
        "no_cuda",
        "is_pretokenized",
        "lm_labels",
        "masked_lm_labels",
    }
)


def _only_library_frames(scan: Scan) -> bool:
    """Every frame the text shows is a library's (also frames quoted out of a traceback)."""
    paths = [f.path for f in scan.frames] or re.findall(r'File "([^"\n]+)"', scan.text)
    return bool(paths) and all(is_library_path(p) for p in paths)


# keys a tokenizer or a dataset puts into a batch that forward() does not take
BATCH_KEYS = frozenset(
    """offset_mapping special_tokens_mask overflow_to_sample_mapping length word_ids idx id
    text sentence sentence1 sentence2 tokens ner_tags pos_tags chunk_tags label_ids tags
    input_mask segment_ids""".split()
)


# torch's own frames between a module call and its forward()
MODULE_CALL_RE = re.compile(r"[\\/]torch[\\/]nn[\\/]modules[\\/]module\.py$")
# the user's script pasted: its imports
CODE_LINE_RE = re.compile(r"(?m)^\W{0,3}(?:from [\w.]+ import \w|import [\w.]+$)")


def _kw_from_library(scan: Scan, kw: str, line_of_error: str) -> bool:
    """A library, not the user's code, passed the keyword: the frame that made the call is a
    library's and writes `kw=` (sentence-transformers' `use_cache=False` into an older
    transformers), or the pasted code never names it (a version pair that does not fit)."""
    frames = [f for f in scan.frames if not MODULE_CALL_RE.search(f.path)]
    if frames:
        caller = frames[-1]
        after = scan.text[caller.pos : caller.pos + 400].splitlines()[1:4]
        source = "\n".join(ln for ln in after if not ln.lstrip().startswith("File "))
        return caller.is_library and bool(re.search(rf"\b{re.escape(kw)}\s*=", source))
    said = scan.text.replace(line_of_error, "")
    return bool(CODE_LINE_RE.search(said)) and not re.search(rf"\b{re.escape(kw)}\b", said)


# the encodings that hold offset_mapping go to the model, or the reporter says it refuses them
OFFSETS_REFUSED_RE = re.compile(
    r"(?i)not accepted by the model|\bmodel (?:does not|doesn't|won't|will not|cannot|can't) "
    r"(?:accept|take)"
)


# the code takes offset_mapping out of the encodings before the call
OFFSETS_REMOVED_RE = re.compile(
    r"\b(?:pop|del|remove_columns)\b[^\n]{0,30}['\"]offset_mapping['\"]|"
    r"!=\s*['\"]offset_mapping['\"]|"
    r"\bnot in\s*[(\[{][^\n]{0,40}['\"]offset_mapping['\"]"
)


def explain_offsets_to_model(hit: Hit, scan: Scan) -> Diagnosis | None:
    """return_offsets_mapping=True, and the whole encoding handed to the model (or the reporter
    says the model refuses it), with no error line to read: offset_mapping is a tokenizer
    output that forward() does not take."""
    if scan.failed or OFFSETS_REMOVED_RE.search(scan.text) or WORKS_SAID_RE.search(scan.prose):
        return None
    # the encodings made with the offsets: the variable the tokenizer's result went to
    made = re.match(r"\s*(\w+)\s*=", _line_at(scan.text, hit.start))
    said = (
        re.search(rf"\bmodel\w*\(\s*\*\*\s*{made.group(1)}\s*\)", scan.text) if made else None
    ) or OFFSETS_REFUSED_RE.search(scan.text)
    if not said:
        return None
    return Diagnosis(
        "BD413",
        "the encodings were made with return_offsets_mapping=True and given to the model "
        f"whole (`{_clip(said.group(0))}`): offset_mapping is the tokenizer's output for "
        "aligning tokens with the text, and the model's forward() does not take it "
        "(`got an unexpected keyword argument 'offset_mapping'`).",
        "take it out before the call: offsets = encodings.pop('offset_mapping'), then "
        f"model(**encodings). Confirm: `bertdoctor check-script {scan.script}`",
        tentative=True,
    )


# the reporter finds the loss unexpected: a complaint, not a choice they made
LOSS_COMPLAINT_RE = re.compile(
    r"(?i)\binstead of\b|\bwhy\b|\bwrong\b|\bodd\b|\bstrange\b|\bunexpected|erroneous|"
    r"\bswitched\b|\bbug\b|should (?:be|use)\b"
)


def explain_problem_type_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter: the model's problem_type picked a loss they did not mean (a checkpoint
    whose config says multi_label_classification runs BCEWithLogitsLoss)."""
    line = _line_at(scan.text, hit.start)
    if scan.failed or "==" in line or re.search(r"(?i)\bI (?:set|use|chose|want)\b", line):
        return None  # transformers' own source pasted, or the reporter's own choice
    if not LOSS_COMPLAINT_RE.search(hit.text) and not LOSS_COMPLAINT_RE.search(
        _sentence_at(scan.text, hit.start, hit.end)
    ):
        return None
    return Diagnosis(
        "BD405",
        f"the report says the model's problem_type chose the loss ({_clip(hit.text.strip())!r}): "
        "a checkpoint whose config.json sets problem_type (multi_label_classification gives "
        "BCEWithLogitsLoss, regression MSELoss) keeps it when fine-tuned for another task.",
        f"set problem_type for your task when loading ({SINGLE_LABEL_LOAD}), or check "
        f"config.json's problem_type. Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=True,
    )


def explain_unexpected_kwarg(hit: Hit, scan: Scan) -> Diagnosis | None:
    func, kw = hit.groups["func"], hit.groups["kw"]
    short = func.rsplit(".", 1)[-1]
    hf_owner = re.search(r"Bert|Roberta|Model|Tokenizer|Trainer|TrainingArguments|Config|For", func)
    # a Keras model's call(), the forward of transformers' TF classes
    tf_call = short == "call" and re.search(r"\bTF\w*For\w+|\bTF\w*Model\b", scan.text)
    if short not in HF_FUNCS and not hf_owner and not tf_call:
        return None
    if kw in LIBRARY_KWARGS or kw.startswith("_") or (short == "pad" and kw == "padding_side"):
        # a keyword transformers itself passes between its modules (the decoder of an
        # EncoderDecoder gets encoder_hidden_states; every layer gets output_attentions; a
        # private _configuration_file; padding_side, which transformers 4.45 passes to a
        # tokenizer's pad()): a model class without cross-attention, or a custom class or code
        # written for another release
        return None
    if (
        kw not in BATCH_KEYS
        and kw not in RENAMED
        and kw != "labels"
        and _kw_from_library(scan, kw, _line_at(scan.text, hit.start))
    ):
        # one library calls another with a keyword the installed release does not take: a
        # pair of versions that do not fit, which no rule covers
        return None
    passed_to_hf = False
    if short == "__init__" and not hf_owner and kw not in RENAMED:
        if "." in func:
            # a named class of another library (`Accelerator.__init__()`, `CRF.__init__()`):
            # an argument its installed release does not take, no tokenizer's or model's
            return None
        # a bare __init__: any class (a CRF, a callback); only when transformers (or its
        # forerunners) raised it, or the text shows the keyword given to from_pretrained
        last = scan.frames[-1].path if scan.frames else ""
        lib = r"[\\/](?:transformers|pytorch_transformers|pytorch_pretrained_bert)[\\/]"
        passed_to_hf = bool(
            re.search(rf"from_pretrained\([^)\n]*\b{re.escape(kw)}\s*=", scan.text)
            # the reporter's code builds a tokenizer with it: BertWordPieceTokenizer(..., kw=...)
            or re.search(
                rf"\w*Tokenizer(?:Fast)?\((?:[^()]){{0,800}}?\b{re.escape(kw)}\s*=", scan.text
            )
        )
        # no traceback to read, but the reporter quotes the tokenizer loader's own line
        tokenizer_init = not scan.frames and bool(
            re.search(r"cls\(\*init_inputs, \*\*init_kwargs\)", scan.text)
        )
        if not re.search(lib, last) and not passed_to_hf and not tokenizer_init:
            return None
    instead = f" Use {RENAMED[kw]}." if kw in RENAMED else ""
    if kw == "labels" and tf_call:
        instead = (
            " transformers' TensorFlow classes took no labels before release 3: compute the "
            "loss from the logits (model.compile with a loss), or upgrade transformers."
        )
    elif kw == "labels":
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
        # the rule is about the model and the tokenizer; a Trainer or TrainingArguments
        # argument renamed between versions is only the nearest thing it knows, and a keyword
        # that is neither renamed nor a batch key may come from a library between the two
        tentative=bool(re.search(r"Trainer|Arguments|Config", func))
        or (kw not in RENAMED and kw not in BATCH_KEYS and kw != "labels")
        or passed_to_hf
        # an argument transformers removed, passed by a library built for an older release
        # (no frame of the user's between the loader and the error): a version to pin
        # (or no frame at all to show who passed it: the user's call, or a library's, such as
        # _batch_encode_plus reached through a wrapper built for an older transformers)
        or (kw in VERSION_RENAMES and (not scan.frames or _only_library_frames(scan))),
    )


def explain_tf_no_gradients(hit: Hit, scan: Scan) -> Diagnosis:
    """Keras's `WARNING:tensorflow:Gradients do not exist for variables [...] when minimizing
    the loss`: variables the loss does not depend on."""
    names = re.findall(r"'([^']+)'", hit.groups["vars"]) or [hit.groups["vars"][:80]]
    pooler = all("pooler" in n for n in names)
    why = (
        "only BERT's pooler, which a model built on the token outputs ([0], the last hidden "
        "state) never uses: harmless, the warning can be silenced"
        if pooler
        else "a layer built but not on the path to the loss (a head not called, an output "
        "not used, a tf.stop_gradient), which then never trains"
    )
    return Diagnosis(
        "BD504",
        f"TensorFlow found {len(names)} variables with no gradient ({names[0]}"
        f"{', ...' if len(names) > 1 else ''}): {why}.",
        (
            "build the model without the pooler (add_pooling_layer=False) or use the pooled output"
            if pooler
            else "call every layer the model builds on the way to the loss, or drop the unused "
            "ones; check that the labels reach the loss"
        )
        + f". Confirm: `bertdoctor check-script {scan.script}`",
        tentative=True,
    )


def explain_tokenizer_kwargs(hit: Hit, scan: Scan) -> Diagnosis:
    kw = hit.groups["kw"]
    retold = not hit.text.startswith("Keyword arguments")  # the reporter's retelling
    if LABEL_KWARGS_RE.search(kw):
        return Diagnosis(
            "BD413",
            f"the tokenizer ignored the keywords {kw}: a model argument went to the tokenizer, "
            "and the model kept its default (2 labels for num_labels/num_classes).",
            "pass num_labels to the model: AutoModelForSequenceClassification.from_pretrained("
            f"path, num_labels=N). Confirm: `bertdoctor check-script {scan.script}`",
            tentative=retold,
        )
    return Diagnosis(
        "BD413",
        f"the tokenizer ignored the keywords {kw}: it has no such option (a misspelt or "
        "removed name: pad_to_max_length and max_len became padding='max_length' and "
        "max_length), so the text was tokenized without it (unpadded, or not cut).",
        "use the tokenizer's own options: tokenizer(text, padding='max_length', "
        "truncation=True, max_length=128, add_special_tokens=True). Confirm: `bertdoctor "
        f"check-script {scan.script}`",
        tentative=retold,
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
        # before the error, or the reporter's sentence that quotes it shows a loss computed
        before = scan.text[max(0, hit.start - 1500) : hit.start]
        after = _line_at(scan.text, hit.end)[hit.end - _line_start(scan.text, hit.end) :]
        if not re.search(r"logits|outputs?\b|model\(|bert", before, re.I) and not re.search(
            r"\bloss\w*\s*=|criterion\(|loss_fn\(|outputs\b|logits|model\(", after
        ):
            return None
    got = hit.groups.get("got") or hit.groups.get("type") or ""
    if "'str' object" in text and hit.groups.get("attr") in ("backward", "item"):
        msg = (
            f"a string went where the loss belongs ({text.strip()[:100]}): `loss, logits = "
            "model(...)` unpacks the ModelOutput's keys, so loss is the string 'loss'"
        )
        fix = "take the fields: out = model(...); loss, logits = out.loss, out.logits"
    elif got == "str" or "'str' object" in text:
        # the unpacking the text shows (`logits, *_ = model(...)`), or the usual one
        # the nearest model call unpacked before the error
        shown = [*UNPACKED_CALL_RE.finditer(scan.text[max(0, hit.start - 1500) : hit.start])]
        unpacked = (
            f"`{shown[-1].group('lhs')} = {shown[-1].group('call')}(...)`"
            if shown
            else "`_, pooled = bert(...)`"
        )
        msg = (
            f"a string went where a tensor belongs ({text.strip()[:100]}): {unpacked} "
            "unpacks the ModelOutput's keys (last_hidden_state, pooler_output, logits), so "
            "each name holds a key string"
        )
        fix = (
            "take the field: out = bert(...); pooled = out.pooler_output (or "
            "out.last_hidden_state[:, 0]); or pass return_dict=False for a tuple"
        )
    elif got == "list" and "object has no attribute" in text:
        # a list's missing tensor attribute: the model's output only when the text shows
        # Keras's predict() of a transformers TF model
        if not re.search(r"\.predict\(", scan.text) or not re.search(
            r"\bTF\w*(?:Model|For\w+)\b", scan.text
        ):
            return None
        msg = (
            f"a list went where an array belongs ({text.strip()[:100]}): predict() of a "
            "transformers TensorFlow model returns its outputs together (the last hidden "
            "state, the pooled output), a list in old releases and a ModelOutput in new ones"
        )
        fix = (
            "take the output you need: predictions[0] (or predictions.logits / .last_hidden_state)"
        )
    elif got == "list":
        # a list is the model's output only when the text shows a BERT, its layers or outputs
        if not re.search(r"bert|encoded_layers|hidden_states|outputs?\b", scan.text, re.I):
            return None
        msg = (
            f"a list went where a tensor belongs ({text.strip()[:100]}): the old "
            "pytorch_pretrained_bert BertModel returns the list of every encoder layer's "
            "output (output_all_encoded_layers=True by default), and hidden_states is a tuple of "
            "layers, not one tensor"
        )
        fix = (
            "take one layer: pass output_all_encoded_layers=False (pytorch_pretrained_bert) or "
            "use encoded_layers[-1]; with transformers use outputs.last_hidden_state"
        )
    elif got == "tuple" or "'tuple' object" in text or "tuple has no attribute" in text:
        msg = (
            f"a tuple went where a tensor or a ModelOutput belongs ({text.strip()[:100]}): "
            "return_dict=False (or an old transformers) returns a tuple, and the model "
            "output is indexed like a ModelOutput or the reverse"
        )
        fix = "use outputs.logits with return_dict=True (the default), or outputs[0] for a tuple"
    elif "Attempt to convert" in text:
        msg = (
            f"a {got} went into a TensorFlow op as a tensor: predict() and the model's call "
            "return an object with fields (logits, hidden_states), not the logits"
        )
        fix = "take the field: tf.nn.softmax(outputs.logits, axis=-1)"
    else:
        msg = (
            f"a ModelOutput was used as a tensor ({text.strip()[:100]}): the model returns "
            "an object with fields"
        )
        fix = "take the field you need: outputs.logits, outputs.loss, outputs.last_hidden_state"
    return Diagnosis(
        "BD414", msg + ".", fix + f". Confirm: `bertdoctor check-script {scan.script}`"
    )


MODEL_WORDS = r"(?i)bert|transformers|roberta|model|net\("


def explain_output_index(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`IndexError: tuple index out of range` where the failing line indexes a model's output
    (outputs[2], temp[3]): the output has fewer parts than the code expects (hidden states or
    attentions not asked for, another transformers version's order)."""
    before = scan.text[max(0, hit.start - 2000) : hit.start]
    via_output = "to_tuple()[" in before  # transformers' ModelOutput.__getitem__
    lines = [ln for ln in before.splitlines() if ln.strip() and not ln.lstrip().startswith("File")]
    marked = [ln for ln in lines[-8:] if ln.lstrip().startswith("-->")]  # IPython's arrow
    after = scan.text[hit.end : hit.end + 300]  # 'tuple index out of range: File ..., line N'
    source = "\n".join(marked[-1:] + lines[-1:] + after.splitlines()[:3])
    indexed = re.search(
        r"\b(?P<name>[\w.]*(?:out(?:put)?s?|hidden\w*|encoded\w*|temp|bert_\w+|embed\w*)"
        r")\s*\[\s*(?P<i>-?\d+|\w+)\s*\]",
        source,
        re.I,
    )
    if not via_output and not (
        # a model in the traceback, or in the reporter's words before the error
        indexed and any(re.search(MODEL_WORDS, where) for where in (before, scan.zone))
    ):
        return None
    what = indexed.group(0) if indexed else "the model's output"
    return Diagnosis(
        "BD414",
        f"`{what}` indexes a model's output past its end (`{hit.text.strip()}`): the output "
        "holds fewer parts than the code expects: hidden_states and attentions come only with "
        "output_hidden_states=True / output_attentions=True, and the order of the tuple changed "
        "between pytorch-pretrained-bert, transformers 2 and 4+.",
        "take the parts by name (out.last_hidden_state, out.pooler_output, out.hidden_states "
        "after model(..., output_hidden_states=True)) instead of by position. Confirm: "
        f"`bertdoctor check-script {scan.script}`",
        tentative=not via_output,
    )


MODEL_NAME = r"model|bert|encoder|^encode$|roberta|electra|net"
# a function that runs, builds or evaluates a model, whose results are not the model's outputs
NOT_A_MODEL_CALL = r"(?!(?i:eval|train|test|predict|fit|run|load|build|get|create|init|make))"
# a traceback's source line that unpacks: `batch_size, seq_length, _ = emb.size()`
UNPACK_LINE_RE = re.compile(r"\s+[\w\s,*\[\]]+,[\w\s,*\[\]]*=(?!=)\s*(?P<rhs>\S.*)")
# `a, b = self.bert(...)` or `_, pooled = model.forward(...)` anywhere in the text
UNPACKED_CALL_RE = re.compile(
    r"(?<![\w.])(?P<lhs>[\w*]+(?:\s*,\s*[\w*]+)+)\s*=\s*(?:self\.)?"
    + NOT_A_MODEL_CALL
    + r"(?P<call>\w*(?i:model|bert|encoder|roberta|electra)\w*)(?:\.forward)?\("
)


# a tensor's indexing: a slice or an Ellipsis before a comma (x[:, 0], h[..., 1], o[0:2, :])
TENSOR_INDEX_RE = re.compile(r"\w\s*\[\s*(?:\.\.\.|-?\d*\s*:\s*-?\d*)\s*,")


def explain_string_indices(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`TypeError: string indices must be integers` on a line that indexes like a tensor
    (`reps[:, 0]`): the value is a string, a key of a ModelOutput unpacked as if it were a tuple
    (`reps, _ = self.bert(...)` gives 'last_hidden_state' and 'pooler_output')."""
    if hit.start < (scan.exc_start or 0):
        return None  # quoted earlier, not the error itself
    lines = _source_lines(scan, _line_start(scan.text, hit.start))
    if not lines or not TENSOR_INDEX_RE.search(lines[-1]) or not re.search(MODEL_WORDS, scan.text):
        return None  # a dict or JSON record indexed with a string key: the user's own code
    unpacked = UNPACKED_CALL_RE.search(scan.text)
    return Diagnosis(
        "BD414",
        f"`{lines[-1].strip()[:80]}` indexes a string as if it were a tensor: unpacking a "
        "transformers 4+ ModelOutput "
        + (f"(`{unpacked.group(0).strip()}...`) " if unpacked else "(`a, b = model(...)`) ")
        + "gives its keys, the strings 'last_hidden_state' and 'pooler_output', not tensors.",
        "take the fields by name: out = model(...); out.last_hidden_state, out.pooler_output (or "
        f"pass return_dict=False for a tuple). Confirm: `bertdoctor check-script {scan.script}`",
        tentative=unpacked is None,
    )


# a batch or a record indexed by name: a DataLoader over a TensorDataset yields tuples, which
# is the data's shape, not the model's output
DATA_SUBSCRIPT_RE = re.compile(
    r"\b(?:batch|data|example|row|item|sample|record|line|features?|inputs?|x|d)\[\s*['\"]"
)


def explain_tuple_string_index(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`TypeError: tuple indices must be integers or slices, not str`: a model's output taken
    by name (`outputs['last_hidden_state']`) from a model that returns a tuple (return_dict
    off, or a transformers release before ModelOutput)."""
    if hit.start < (scan.exc_start or 0):
        return None  # quoted earlier, not the error itself
    traced = any(f.pos < hit.start for f in scan.frames)
    lines = _source_lines(scan, _line_start(scan.text, hit.start)) if traced else []
    if lines and (DATA_SUBSCRIPT_RE.search(lines[-1]) or not re.search(r"\[\s*['\"]", lines[-1])):
        return None  # a batch of a TensorDataset (a tuple) indexed by name: the user's data code
    where = f"`{lines[-1].strip()[:80]}` takes" if lines else "the code takes"
    return Diagnosis(
        "BD414",
        f"{where} a field of the model's output by name, but the output is a tuple: the model "
        "was called with return_dict=False (or config.return_dict is off), or the transformers "
        "release is older than ModelOutput (before 4.0), where models return tuples.",
        "take the field by position (outputs[0] is last_hidden_state), or pass "
        "return_dict=True, or install the transformers version the project names. Confirm: "
        f"`bertdoctor check-script {scan.script}`",
        tentative=True,  # any tuple of the user's own code taken by a string key reads the same
    )


# `loss, logits = model(inputs, labels)`: the loss taken first from a model call
LOSS_UNPACKED_RE = re.compile(
    r"(?m)\bloss\s*,\s*[\w*]+\s*=\s*(?:self\.)?(?P<call>\w*model\w*)\((?P<args>[^)\n]*)\)"
)


def _loss_unpacked_from_logits(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`loss, logits = model(...)` got one value: the model returned its logits alone, so it
    computed no loss, because the labels did not reach it as `labels=`."""
    if not re.search(r"expected 2, got 1", hit.text):
        return None
    m = LOSS_UNPACKED_RE.search(scan.recent)
    if m is None or "labels=" in m.group("args"):
        return None
    positional = re.search(r",\s*\w*label\w*\s*(?:,|$)", m.group("args"))
    why = (
        "the labels are passed by position, where the second argument is attention_mask"
        if positional
        else "no labels= reached it"
    )
    return Diagnosis(
        "BD415",
        f"`{m.group(0).strip()[:80]}` got one value: the model returned only its logits and "
        f"no loss, because {why}; a transformers model computes a loss only from labels=.",
        "pass the labels by name: out = model(input_ids, attention_mask=mask, labels=labels); "
        f"loss, logits = out.loss, out.logits. Confirm: `bertdoctor check-script {scan.script}`",
        tentative=True,
    )


def _names_model(name: str, *, outputs: bool = False) -> bool:
    """A name that is a model (or, with outputs, a model's outputs) and not another call."""
    model = MODEL_NAME + ("|outputs?$" if outputs else "")
    return bool(re.match(NOT_A_MODEL_CALL + f".*(?:{model})", name, re.I))


def explain_unpack(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Unpacking a model's output: only when the failing source line unpacks a model call."""
    no_loss = _loss_unpacked_from_logits(hit, scan)
    if no_loss:
        return no_loss
    before = scan.text[max(0, hit.start - 1500) : hit.start]
    # the failing source line (past Python 3.11's ^^^ markers and IPython's arrows)
    lines = _source_lines(scan, _line_start(scan.text, hit.start))
    failing = lines and UNPACK_LINE_RE.match(lines[-1])
    name = failing and re.match(r"(?:self\.)?(\w+)", failing.group("rhs"))
    if failing and not (name and _names_model(name.group(1), outputs=True)):
        # the failing line is in the paste and unpacks something else than a model's output
        # (`batch_size, seq_length, _ = emb.size()`, a helper's result)
        return None
    calls = re.findall(r"^\s+[\w\s,*]+,[\w\s,*]*=\s*(?:self\.)?(\w+)\(", before, re.M)
    tentative = False
    if not calls or not _names_model(calls[-1]):
        # the failing line is not in the paste: an unpacked model call quoted elsewhere in
        # it (the reporter's code, or a sentence) is the likely one
        calls = [m.group("call") for m in UNPACKED_CALL_RE.finditer(scan.recent)]
        if not calls:
            return None
        tentative = True
    return Diagnosis(
        "BD414",
        f"{hit.text}: `a, b = {calls[-1]}(...)` unpacks the ModelOutput, which iterates over its "
        "keys (loss, logits, hidden_states, ...), not over tensors.",
        "take the fields by name: out = model(...); loss, logits = out.loss, out.logits (or "
        f"out.to_tuple()). Confirm: `bertdoctor check-script {scan.script}`",
        tentative=tentative,
    )


# `_, x = self.bert(token, attention_mask=att_mask)`: a tuple unpack of an encoder's call
BERT_CALL_UNPACKED_RE = re.compile(
    r"(?m)^[ \t/#]*(?P<lhs>\w+\s*,\s*\w+)\s*=\s*(?P<call>(?:self\.)?(?:bert|roberta|encoder|"
    r"bert_model|model)\w*)\("
)


def explain_output_format_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: BERT's output format changed (transformers 4's ModelOutput), with
    their code unpacking an encoder's call into two names."""
    unpack = BERT_CALL_UNPACKED_RE.search(scan.text)
    if unpack is None or "return_dict=False" in _line_at(scan.text, unpack.start()):
        return None  # (return_dict=False gives the old tuple: unpacking it is right)
    lhs = re.sub(r"\s+", "", unpack.group("lhs")).replace(",", ", ")
    return Diagnosis(
        "BD414",
        f"the report says the model's output format changed ({hit.text.strip()!r}), and "
        f"`{lhs} = {unpack.group('call')}(...)` unpacks the output: since transformers 4 it is a "
        "ModelOutput, and unpacking it gives its keys (strings such as 'pooler_output'), not "
        "tensors.",
        "take the fields by name: out = self.bert(...); out.last_hidden_state, "
        "out.pooler_output (or pass return_dict=False for the old tuple). Confirm: "
        f"`bertdoctor check-script {scan.script}`",
        tentative=True,
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


# TensorFlow's shape check in the loss scope: `Dimensions must be equal, but are 17 and 11 for
# 'loss/mul' (op: 'Mul') with input shapes: [?,128,17], [?,128,11]`
TF_LOSS_OP_RE = re.compile(r"(?i)\bloss\b|cross_?entropy|xent")


def explain_tf_loss_dims(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TensorFlow multiplies (or reshapes) one-hot labels over one class count by logits over
    another inside the loss: the data's tag list and the model's num_labels disagree."""
    op = hit.groups.get("op") or ""
    if not TF_LOSS_OP_RE.search(op):
        return None  # a shape check outside the loss: another layer's sizes
    a, b = hit.groups.get("a"), hit.groups.get("b")
    if a is None or b is None:
        # the reshape form: the last axes of its input and of the shape it was asked for
        a, b = hit.groups.get("left"), hit.groups.get("right")
        if a is None or b is None or a == b:
            return None
    # a reshape's sizes are products, read back from its shapes: likely, not settled
    return _loss_class_counts(op, a, b, tentative=hit.groups.get("a") is None)


def _loss_class_counts(op: str, a: str, b: str, *, tentative: bool) -> Diagnosis:
    """A TensorFlow loss given labels over one class count and logits over another."""
    return Diagnosis(
        "BD401",
        f"the loss ({op}) gets {a} classes on one side and {b} on the other: labels one-hot "
        "over the data's tag list and logits over the number of labels the model was built "
        "with (a count written into the code or the config) disagree.",
        f"build the model with num_labels = len(label_list), counted from the data's tags, and "
        "change every place that writes the old count (the logits' reshape, the metrics). "
        f"Confirm: `bertdoctor check-data TRAIN_FILE --num-labels {min(int(a), int(b))}`",
        tentative=tentative,
    )


# a frame of a TensorFlow loss function: "nn_impl.py in sigmoid_cross_entropy_with_logits("
TF_LOSS_FRAME_RE = re.compile(
    r"\b(?:in |, in )(?P<op>\w*(?:cross_?entropy|xent)\w*)\b|"
    r"\b(?P<op2>\w*cross_?entropy\w*)\((?:_sentinel|labels|logits|y_true)"
)


def explain_tf_dimensions(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TensorFlow's `Dimensions 6 and 11 are not compatible` from a shape merge: a loss's
    frame around it (the chained traceback of sigmoid_cross_entropy_with_logits) makes it the
    labels' class count against the logits'."""
    a, b = hit.groups["a"], hit.groups["b"]
    if a == b:
        return None
    near = scan.text[max(0, hit.start - 1500) : hit.end + 1500]
    frame = TF_LOSS_FRAME_RE.search(near)
    if not frame:
        return None  # a shape merge outside a loss: another layer's sizes
    # likely: the loss is read from a frame near the message, not from the message itself
    return _loss_class_counts(frame.group("op") or frame.group("op2"), a, b, tentative=True)


PADDLE_LOSS_RE = re.compile(r"(?i)loss|cross_entropy|label")


def explain_paddle_label_dtype(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Paddle's `Tensor holds the wrong type, it holds int, but desires to be int64_t`: labels
    of int32 (numpy's default int on Windows) or float reaching softmax_with_cross_entropy."""
    near = scan.text[max(0, hit.start - 3000) : hit.end + 3000]
    # the failing frame's lines, just above the error
    failing = "\n".join(scan.text[max(0, hit.start - 600) : hit.start].splitlines()[-4:])
    if re.search(r"(?i)embedding|lookup_table|gather|index", failing):
        return None  # int32 ids into a lookup (an embedding, gather): not a loss's labels
    if not PADDLE_LOSS_RE.search(near):
        return None  # another operator's input: not a loss's labels
    held = hit.groups["held"]
    return Diagnosis(
        "BD402",
        f"{hit.text.strip()}: Paddle's cross-entropy takes int64 labels, and these are {held}"
        + (
            " (numpy's default integer is int32 on Windows, so np.array(labels) is int32 there)."
            if held in ("int", "int32")
            else "."
        ),
        "make the labels int64 where the batch is built: np.array(labels, dtype='int64') or "
        "paddle.to_tensor(labels, dtype='int64'). Confirm: `bertdoctor check-loss --logits B,C "
        "--labels B --loss ce --labels-dtype int32`",
        # confident where the failing frame is the loss; a loss or labels only named nearby
        # may be another operator's int32 input
        tentative=not re.search(r"(?i)cross_entropy|loss", failing),
    )


def explain_long_for_bce(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Old torch's `_th_exp_out not supported on CUDAType for Long`: a sigmoid or exp inside
    BCEWithLogitsLoss applied to integer tensors."""
    if not re.search(r"BCEWithLogits|binary_cross_entropy|sigmoid", scan.text):
        return None
    return Diagnosis(
        "BD402",
        f"{hit.text.strip()}: BCEWithLogitsLoss computes exp() of its input, and the tensors it "
        "got are integers (Long): the logits (or argmax'd predictions) and the targets must be "
        "floats.",
        "pass the raw logits (not their argmax) and float targets: loss_fn(logits, "
        "labels.float()). Confirm: `bertdoctor check-loss --logits B,C --labels B,C --loss bce "
        "--logits-dtype long --labels-dtype long`",
    )


# the reporter got past the error they quote: "I used to get ..., but I fixed it"
PAST_ERROR_RE = re.compile(r"(?i)\bused to\b|\b(?:fixed|solved|resolved)\b|\bno longer\b")


# the model runs under DistributedDataParallel (directly, or through Accelerate or the Trainer
# on several GPUs)
DDP_RE = re.compile(
    r"DistributedDataParallel|\bDDP\b|torchrun|num_processes|\[rank\d+\]|nproc_per_node|"
    r"multiple GPUs|multi-?GPU|\b(?:[2-9]|\d{2,}) GPUs\b|\bdistributed\b",
    re.I,
)


def explain_inplace_modified(hit: Hit, scan: Scan) -> Diagnosis | None:
    """autograd's `one of the variables needed for gradient computation has been modified by an
    inplace operation`; under DDP with the embeddings in the anomaly trace, the buffers that
    each forward() re-broadcasts in place."""
    if (
        "needed for gradient computation" not in hit.text
        and not scan.exception
        and PAST_ERROR_RE.search(_sentence_at(scan.text, hit.start, hit.end))
    ):
        return None  # the reporter's short form, of an error they got past
    fix = (
        "use the out-of-place form (logits = logits.masked_fill(mask, -1e4); x = x + y); find "
        "the operation with torch.autograd.set_detect_anomaly(True)"
    )
    why = (
        "a tensor that autograd saved for the backward pass was changed in place afterwards "
        "(x += ..., x[mask] = ..., relu_, masked_fill_ on logits, or an adversarial step "
        "editing the embedding weights)"
    )
    if (
        DDP_RE.search(scan.text)
        # the saved tensor is an embedding's index: anomaly mode's EmbeddingBackward, or the
        # [1, seq] LongTensor of position_ids the error names
        and re.search(r"EmbeddingBackward|LongTensor \[1, \d+\]|position_ids", scan.text)
        # (an adversarial step, FGM/PGD, edits the embedding weights itself)
        and not re.search(r"(?i)\b(?:fgm|pgd|awp)\b|adversarial|\.attack\(", scan.text)
    ):
        why = (
            "under DistributedDataParallel each forward() copies the model's buffers from rank "
            "0 in place (broadcast_buffers=True), and BERT's embeddings keep position_ids and "
            "token_type_ids as buffers: a second forward() before backward() overwrites what "
            "the first one's embedding lookup saved"
        )
        fix = (
            "run the batches through one forward() (torch.cat them), call backward() after each "
            "forward, or turn the broadcast off: DistributedDataParallel(model, "
            "broadcast_buffers=False) (Accelerate: kwargs_handlers=[DistributedDataParallelKwargs"
            "(broadcast_buffers=False)])"
        )
    return Diagnosis("BD412", why + ".", f"{fix}. Confirm: `bertdoctor check-script {scan.script}`")


def explain_ddp_no_grad_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words under DDP: "the parameters of this layer will not receive the grad
    and the training turns to error" (layer dropout, a branch not taken): DDP's reducer waits
    for a gradient of every parameter."""
    # the launch at the top of a log, the report at its end
    if not DDP_RE.search(scan.ends):
        return None  # one process: a parameter without gradient raises nothing
    if re.search(r"find_unused_parameters\s*=\s*True", scan.ends):
        return None  # already set: DDP's warning that it found none is no error
    if scan.exception and "reduction" not in scan.exception:
        return None  # the error raised is another one
    said = re.search(r"(?i)\b(?:parameters|params|weights|unused)\b.*", hit.text)
    quoted = (said.group(0) if said else hit.text).strip()[:80]
    return Diagnosis(
        "BD504",
        f"the report says that under DDP some parameters get no gradient ({quoted!r}): "
        "DistributedDataParallel waits for a gradient of every "
        "parameter at each step and fails ('Expected to have finished reduction in the prior "
        "iteration') when a layer is skipped (layer dropout, a branch not taken).",
        "pass find_unused_parameters=True to DistributedDataParallel (Accelerate: "
        "DistributedDataParallelKwargs(find_unused_parameters=True); the Trainer: "
        "TrainingArguments(ddp_find_unused_parameters=True)), or keep every parameter in the "
        "graph (add the skipped layer's output times 0). Confirm: `bertdoctor check-script "
        f"{scan.script}`",
        tentative=True,
    )
