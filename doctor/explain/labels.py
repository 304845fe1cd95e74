"""Builders for label, tag and token ids out of range: targets and indices out of bounds,
one-hot, CRF masks, embedding indices, positions, unpadded batches."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import replace

from .core import (
    MULTI_CLASS_RE,
    Diagnosis,
    Hit,
    Scan,
    _check_data,
    _check_loss,
    _crf_context,
    _label_context,
    _labels_from_tokenizer_warning,
    _line_at,
    _line_start,
    _sentence_at,
)
from .losses import DATA_READER_RE, RERAISE_RE, _clip, _source_lines
from .models import (
    TOKENIZER_WORDS_RE,
    WEIGHTS_ARG_RE,
    WEIGHTS_MAGIC,
    weights_given_as_config,
    weights_read_as_text,
)


def explain_classlabel_out_of_range(hit: Hit, scan: Scan) -> Diagnosis | None:
    """datasets' ClassLabel refused a label id: `Class label 5 greater than configured
    num_classes 3` (encoding, from_dict with features) or `Invalid integer class label 5`."""
    label = hit.groups["label"]  # (the search folds label2 into label)
    n = hit.groups.get("n")
    if int(label) == -1 and not n:
        return None  # int2str of -1: datasets' mark for a split without labels (GLUE's test)
    names = f"{n} classes (ids 0..{int(n) - 1})" if n and int(n) > 0 else "range of names"
    why = (
        "a negative id: ClassLabel takes 0..n-1, and -1 only for a missing label"
        if int(label) < 0
        else "the labels hold more classes than the ClassLabel was given, or were numbered from 1"
    )
    return Diagnosis(
        "BD201",
        f"the label id {label} is outside the {names} of the ClassLabel: {why}.",
        "give ClassLabel every label name in the data (names=sorted(set(labels))) and number "
        "the ids from 0; the model's num_labels must be that count too. "
        f"Confirm: `{_check_data(scan)}`",
        # int2str's words: decoding an id (a prediction, a display), which may not be the data's
        tentative=not n,
    )


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


def _negative_label(value: int, scan: Scan, ignore: int = -100) -> Diagnosis:
    if value == -100 and ignore == -100:
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
        # the ignore index used where nothing ignores it: BD203's case, not BD202's (which
        # is a negative id other than the ignore index)
        return Diagnosis("BD203", msg + ".", fix)
    if value == -100:
        # the loss ignores another index (Paddle's names it: "or == -1"), and the data pads
        # with the usual -100
        msg = (
            f"label id -100 reached a loss whose ignore index is {ignore}: the data pads with "
            f"-100, and this loss skips only {ignore}"
        )
        fix = (
            f"pad the labels with {ignore}, or build the loss with ignore_index=-100 so it "
            f"skips the data's padding. Confirm: `{_check_data(scan)}`"
        )
        return Diagnosis("BD203", msg + ".", fix)
    why = (
        "a label missing from label2id mapped to -1, or a default of -1"
        if ignore == -100
        else "a label missing from label2id, or ids shifted below 0"
    )
    msg = (
        f"label id {value} reached the loss: a negative id other than the ignore index "
        f"{ignore} ({why})"
    )
    fix = (
        "map every label through label2id and fail on unknown ones instead of giving them a "
        f"negative id; pad with {ignore}. Confirm: `{_check_data(scan)}`"
    )
    return Diagnosis("BD202", msg + ".", fix)


def explain_paddle_label_value(hit: Hit, scan: Scan) -> Diagnosis:
    """Paddle's cross-entropy: `But received label value as 9 and shape of axis dimension is 7`
    (the values read as Keras's are), or the reporter's short form `expect label id <7`."""
    if "value" in hit.groups:
        return explain_label_value(hit, scan)
    if "bound" not in hit.groups:
        got = hit.groups.get("got")  # (the engine names got2 got)
        if got and got.startswith("-"):
            return _negative_label(int(got), scan)
        return Diagnosis(
            "BD201",
            "a label id is out of the classifier's range ('label should not out of bound'): the "
            "model was built with fewer classes than the data's label list has"
            + (f", and label {got} is not below that number." if got else "."),
            "set num_classes (num_labels) to the number of labels in the data's label list, "
            f"and number the labels from 0. Confirm: `{_check_data(scan)}`",
        )
    bound = hit.groups["bound"]
    return Diagnosis(
        "BD201",
        f"a label id is not below the number of classes ({hit.text.strip()!r}): the label list "
        f"of the data (with B-/I- tags: two ids per entity type, plus O) has more than {bound} "
        "entries.",
        "set num_classes (num_labels) to the number of label ids the data's label list gives, "
        f"counting every B-/I- tag and O. Confirm: `{_check_data(scan)}`",
    )


def explain_label_value(hit: Hit, scan: Scan) -> Diagnosis:
    """TensorFlow's sparse cross-entropy: `Received a label value of 25 which is outside the
    valid range of [0, 25)`."""
    value, n = hit.num("value"), hit.num("n")
    assert value is not None and n is not None
    if value < 0:
        ignore = hit.num("ignore")  # (Paddle's CUDA assert names its ignore index)
        return _negative_label(value, scan, -100 if ignore is None else ignore)
    off = " (one past the end: ids counted from 1, or one label missing)" if value == n else ""
    return Diagnosis(
        "BD201",
        f"label id {value} reached a loss over {n} classes, whose valid ids are 0..{n - 1}{off}: "
        "the data holds more labels than the output layer.",
        "build the output layer with len(label_list) classes from the same list that numbers "
        f"the data. Confirm: `{_check_data(scan)}`",
    )


def _minus_100_as_index(scan: Scan, seen: str, size: int | None = None) -> Diagnosis:
    what = (
        "a CRF layer"
        if _crf_context(scan)
        else "a layer that indexes with the labels (a CRF, one_hot, gather)"
    )
    matrix = f"{size}x{size} " if size else ""
    return Diagnosis(
        "BD203",
        f"{seen}: the label padding -100 went into {what}, which uses every tag as an index "
        f"into its {matrix}transition matrix; only CrossEntropyLoss ignores -100.",
        "before the CRF, replace -100 by a real tag id (0, the 'O' tag) and pass "
        "mask=attention_mask.bool() (drop the [CLS] position or keep the mask's first "
        "column on); with a CRF label every word piece instead of -100. Confirm: "
        f"`{_check_data(scan, ' --crf')}`",
    )


def explain_out_of_bound_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A paste without the error line that says "index out of bound" next to a CRF and -100
    tags (the reporter's snippet and comment)."""
    if _crf_context(scan) and re.search(r"(?<![\w.])-100\b", scan.zone):
        return _minus_100_as_index(scan, "an index out of bounds with -100 among the CRF's tags")
    return None


def explain_token_type_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: "token_type_ids ... out of range" (three segment types, say)."""
    return explain_embedding_index(hit, scan) if _embedding_code(scan) == "BD206" else None


# the reporter's words: sentences over BERT's 512 sub-tokens ("handle texts up to 512
# subtokens ... a longer sentence", "超过512个token")
LONG_SUBTOKENS_SAID_RE = re.compile(
    r"(?i)\b(?:up to|more than|over|longer than|exceeds?|beyond)\s+512\s*(?:sub-?tokens|tokens|"
    r"word ?pieces)|(?:超过|超出|大于)\s*512\s*(?:个)?(?:token|字|词)"
)


# a source line that indexes with a loop counter: pred[i], logits[b], x[idx]
LOOP_INDEX_RE = re.compile(r"\b\w+\[\s*(?:i|j|k|b|t|n|idx|index|step)\s*\]")


def _ce_weight_and_smoothing(scan: Scan) -> bool:
    """A cross-entropy given both a class weight and label_smoothing: torch 1.10's bug that
    indexed the weight with the ignored targets."""
    zone = scan.zone_lower
    return (
        "label_smoothing" in zone
        and ("cross_entropy" in zone or "crossentropyloss" in zone)
        and "weight" in zone
    )


def explain_index_out_of_bounds(hit: Hit, scan: Scan) -> Diagnosis | None:
    index, size, dim = hit.num("index"), hit.num("size"), hit.num("dim")
    assert index is not None and size is not None
    crf = _crf_context(scan)
    if index < 0 and _ce_weight_and_smoothing(scan):
        # torch 1.10's cross_entropy with a class weight and label_smoothing indexed the weight
        # with the ignored targets (fixed in 1.11): the data's -100 is as it should be
        return None
    if index == -100:
        return _minus_100_as_index(
            scan, f"index -100 is out of bounds for dimension {dim} with size {size}", size
        )
    if index < 0 and _label_context(scan):
        return _negative_label(index, scan)
    subtokens = size == 0 and _subtoken_list_indexed(scan, hit.start)
    said_long = size == 0 and bool(LONG_SUBTOKENS_SAID_RE.search(scan.prose))
    if subtokens and not said_long:
        # a word's list of sub-token embeddings is empty (flair's current_embeddings[0])
        return word_without_subtokens(
            f"index {index} is out of bounds for dimension {dim} with size 0", scan
        )
    if said_long and (not crf or subtokens):
        # the reporter ties it to a sentence over 512 sub-tokens: its tail got no embeddings
        return Diagnosis(
            "BD208",
            f"index {index} is out of bounds for dimension {dim} with size 0, and the report "
            "ties it to a sentence longer than the model's 512 sub-tokens: the words past "
            "position 512 get no sub-token embeddings, so the list of their embeddings is empty.",
            "split or truncate sentences to at most 512 sub-tokens (counted with the model's "
            "tokenizer, [CLS] and [SEP] included) before training. Confirm: "
            f"`{_check_data(scan, ' --max-length 512')}`",
            tentative=True,
        )
    if size == 0 and (crf or _label_context(scan)):
        # nothing to index at all: a sentence (or a decoded sequence) of length 0
        return Diagnosis(
            "BD221",
            f"index {index} is out of bounds for {'axis' if 'axis' in hit.text else 'dimension'} "
            f"{dim} with size 0: a sequence of length 0 reached the "
            f"{'CRF' if crf else 'labels'}: an empty sentence (two blank lines in a row in the "
            "data file, or a line with only spaces).",
            "drop the empty sentences when reading the data (if not tokens: continue), and "
            f"never pass a seq_len of 0. Confirm: `{_check_data(scan)}`",
            # numpy's wording: an array of the user's (or a library's) code came out empty,
            # which the word 'label' nearby does not tie to an empty sentence
            tentative="for axis" in hit.text and not crf,
        )
    source = _source_lines(scan, _line_start(scan.text, hit.start))
    if index >= size and not crf and source and LOOP_INDEX_RE.search(source[-1]):
        # `criterion(pred[i], ground_truth[i])`: a loop over one list indexes another, shorter
        # one (a batch or a sequence with fewer items), not a tag id against the classes
        return None
    if index >= size and (crf or _label_context(scan)):
        off = " (one past the end: an off-by-one in the tag list)" if index == size else ""
        where = "the CRF's tag dimension" if crf else "the label dimension"
        return Diagnosis(
            "BD201",
            f"tag id {index} is out of bounds for {where} of size {size}{off}: the layer was "
            f"built for {size} tags, and the data holds more.",
            "build the layer with num_tags=len(label_list) from the same label list that "
            f"numbers the data (ids 0..num_tags-1). Confirm: `{_check_data(scan)}`",
            # numpy's wording ('for axis 0'): an array indexed in the user's own code (metrics,
            # top-k), which the word 'label' nearby does not tie to the label ids; an index in
            # the thousands against a handful of classes reads as a token id (a verbalizer's
            # label word) as much as a label id
            tentative=("for axis" in hit.text and not crf) or (index >= 1000 and size <= 10),
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
        "or set mask[:, 0] = True, and replace -100 by a real tag id (0); an empty sentence "
        f"(all mask off, BD221) fails the same way. Confirm: `{_check_data(scan, ' --crf')}`",
        # without -100 in sight, an empty example or left padding is as likely
        tentative="-100" not in scan.recent,
    )


EMBEDDING_CAUSES = {
    "BD208": "a sequence longer than max_position_embeddings (512): no truncation (BD208)",
    "BD206": "a token_type_id >= type_vocab_size (2 for BERT, 1 for RoBERTa/XLM-R) (BD206)",
    "BD207": "an input id >= vocab_size: a tokenizer from another model, or added tokens "
    "without model.resize_token_embeddings(len(tokenizer)) (BD207)",
}


def embedding_causes(first: str | None) -> tuple[str, ...]:
    """The embedding tables as the causes of an index error, the one the text points at first."""
    order = [first] if first else []
    order += [c for c in ("BD208", "BD206", "BD207") if c not in order]
    return tuple(EMBEDDING_CAUSES[c] for c in order)


def _embedding_code(scan: Scan, *, prose: bool = True) -> str | None:
    """Which embedding failed, from the last frame's source line or the warnings (and, with
    ``prose``, from the reporter's own words)."""
    z = scan.zone
    # a lookup's call; not the sum after the lookups, where an asynchronous CUDA error surfaces
    # (`inputs_embeds + position_embeddings + token_type_embeddings` follows all three)
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
    if not prose:
        return None
    # no frame says which table: the reporter's own words around the error may
    said_text = scan.prose
    if re.search(
        r"(?i)max\(\s*token_type_ids\b[^\n]{0,40}?\b(?:returns?|is|=)\s*(?:[2-9]|\d{2,})\b",
        said_text,
    ):
        return "BD206"  # the reporter measured the token types: a value over the table's size
    said = [
        code
        for code, clue in (
            (
                "BD207",
                r"resize_token_embeddings|add_tokens|add_special_tokens|added (?:special )?tokens|"
                r"tokens have been added|"
                r"additional_special_tokens|new tokens|custom tokenizer|--tokenizer_name|"
                r"(?<!type_)vocab_size|(?<!type )vocab size|vocabulary size",
            ),
            ("BD206", r"token_type|type_vocab_size|segment[ _]ids"),
            (
                "BD208",
                r"max_length|max_seq|truncat|longer than|too long|(?:>|over|exceeds?) ?512\b|"
                r"\blonger (?:text|input|document|article|sentence)s?\b|"
                # "a big paragraph ... more than 450 tokens"
                r"\b(?:big|long|large|whole) (?:paragraph|document|article)s?\b|"
                r"\b(?:more|longer) than (?:[3-9]\d\d|\d{4,}) (?:tokens|words|"
                r"characters|chars|word ?pieces|subwords)\b|"
                r"\bextend the length\b|(?:超出|超过|大于)\s*512(?!\d)|长度过(?:大|长)|文本过长|"
                r"(?:shape = \(\d+, |size is |length (?:is |of )?)(?:5[2-9]\d|[6-9]\d\d|\d{4,})\b",
            ),
        )
        if re.search(clue, said_text, re.I)
    ]
    if "BD206" in said and NO_TOKEN_TYPES_RE.search(said_text):
        # token_type_ids refused by the model (it has no token types) or deleted from the
        # inputs: they cannot be what overflowed
        said.remove("BD206")
    return said[0] if len(said) == 1 else None


NO_TOKEN_TYPES_RE = re.compile(
    r"unexpected keyword argument '(?:token_type_ids|segment_ids)'|"
    r"\bdel\s*\(?\s*\w+\[['\"]token_type_ids['\"]\]|\.pop\(\s*['\"]token_type_ids['\"]|"
    r"return_token_type_ids\s*=\s*False"
)


# LayoutLM's 2-D position tables, indexed by the bounding boxes' coordinates (0-1000)
LAYOUT_TABLE_RE = re.compile(r"\b[xyhw]_position_embeddings\(|\bbbox\[|max_2d_position_embeddings")


# a LayoutLM-family model (a folder named after one counts: "layoutlmV2/train.py")
LAYOUT_MODEL_RE = re.compile(
    r"(?i)\blayout(?:lm(?:v[23])?|xlm)\b|\blilt\b|modeling_(?:layoutlm|lilt)"
)


# the device-side assert the reporter met (not the words in a program's INFO or DEBUG record)
GPU_ASSERT_SEEN_RE = re.compile(
    r"^(?![^\n]*\b(?:INFO|DEBUG)\b)[^\n]*CUDA error: device-side assert triggered", re.M
)


def explain_embedding_index(
    hit: Hit, scan: Scan, *, index: int | None = None, rows: int | None = None
) -> Diagnosis | None:
    if index is None and not scan.frames and scan.first("ids-max-over-vocab"):
        return None  # the reporter's own check of the ids ("ids.max()=50264") says more
    last_layout = max((m.start() for m in LAYOUT_TABLE_RE.finditer(scan.zone)), default=-1)
    if last_layout >= 0 and last_layout >= scan.zone.rfind("word_embeddings("):
        # a box coordinate outside 0-1000 (boxes not normalised to the page): no token id, type
        # or position of the text is out of range, and no rule covers layout coordinates
        return None
    if scan.first("cuda-async") is not None:
        # the same error shows the device-side assert: the opaque error leads, and its builder
        # lists the embedding tables as the causes to check
        return None
    known = _embedding_code(scan)
    diagnosis = _explain_embedding_index(hit, scan, known, index=index, rows=rows)
    if GPU_ASSERT_SEEN_RE.search(scan.recent):
        # the reporter saw the device-side assert on the GPU and this index error on the CPU
        # (or in an earlier run): the opaque error leads, and the lookup is its first cause
        # the table, when the text or the sizes name it
        table = known or (diagnosis.code if rows is not None else None)
        return Diagnosis(
            "BD117",
            "the text shows `CUDA error: device-side assert triggered` and "
            f"`{hit.text.strip()}`: the device-side assert is this embedding lookup's index "
            "error, reported asynchronously on the GPU"
            + (f"; {diagnosis.message}" if table else ", in one of the tables below."),
            f"{diagnosis.fix}; to see the failing line on the GPU as well, run it with "
            "CUDA_LAUNCH_BLOCKING=1",
            causes=embedding_causes(table),
        )
    if known is None and rows is None and LAYOUT_MODEL_RE.search(scan.ends):
        # a LayoutLM-family model and no table named: a box coordinate outside 0-1000 (boxes not
        # normalised to the page) is as likely as any table of the text, and no rule covers it
        return None
    if known and rows is None and not _embedding_code(scan, prose=False):
        # only the reporter's words name the table: likely, not settled
        diagnosis = replace(diagnosis, tentative=True)
    return diagnosis


def _explain_embedding_index(
    hit: Hit,
    scan: Scan,
    code: str | None,
    *,
    index: int | None = None,
    rows: int | None = None,
) -> Diagnosis:
    """``code``: the table _embedding_code names (None: the rows' count decides, if given)."""
    m = scan.model
    if code is None and index is not None and rows is not None:
        code = (
            "BD208"
            # a position table: 512 rows (514 in RoBERTa), or the model's own size; old torch
            # prints the last index ("out of table with 511 rows" for 512 rows)
            if rows in (511, 512, 513, 514)
            or bool(
                m
                and m.max_position_embeddings
                and rows + 1 in (m.max_position_embeddings, m.max_position_embeddings + 1)
            )
            else "BD206"
            if rows <= 4
            else "BD207"
        )
    long_hit = scan.first("sequence-longer-than-max")
    if code == "BD208":
        n = long_hit.groups.get("len") if long_hit else None
        limit = (
            m.max_position_embeddings
            if m and m.max_position_embeddings
            else long_hit.groups.get("max", 512)
            if long_hit
            else 512
        )
        seen = (
            f"a sequence of {n} tokens (the tokenizer warned: {n} > {long_hit.groups['max']})"
            if long_hit and n
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
        tv = m.type_vocab_size if m and m.type_vocab_size else rows if rows and rows <= 4 else 2
        why = (
            "a model with type_vocab_size=1 (RoBERTa-style) takes token type 0 only: the "
            "data gave the second segment type 1"
            if tv == 1
            else f"token types 0..{tv - 1}; more segments than that, or token_type_ids from a "
            "tokenizer of another model"
        )
        return Diagnosis(
            "BD206",
            f"the token type embedding has {tv} {'row' if tv == 1 else 'rows'} and a "
            f"token_type_id >= {tv} went into it ({why}).",
            "pass at most two segments (text, text_pair), or drop token_type_ids for models "
            f"with type_vocab_size=1. Confirm: `{_check_data(scan)}`",
        )
    if code == "BD207":
        if m and m.vocab_size and m.vocab_lines and m.vocab_lines > m.vocab_size:
            seen = (
                f"vocab.txt has {m.vocab_lines} tokens and config.json vocab_size="
                f"{m.vocab_size}: ids {m.vocab_size}..{m.vocab_lines - 1} have no row"
            )
        elif index is not None and index < 0:
            seen = (
                f"the input id {index} is negative: ids stored in a too small integer type "
                "(int16 wraps above 32767; keep input_ids as torch.long) or a -100 pad in "
                "input_ids"
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
        # the commonest cause, not the text's: unseen reports split among the three tables
        tentative=True,
    )


def explain_index_select(hit: Hit, scan: Scan) -> Diagnosis | None:
    node = scan.text[hit.end : hit.end + 400]
    index, rows = hit.num("index"), hit.num("rows")
    if re.search(r"\[\[(?:\{\{)?node:? [\w/]*crf", node, re.I):
        # TensorFlow's CRF gathers transition scores at tag_i * num_tags + tag_j: a tag id
        # >= num_tags overflows the flattened table
        return Diagnosis(
            "BD201",
            f"the CRF's gather got index {index} for a table of {rows} entries: a tag id is not "
            "below the number of tags the CRF was built with (tags counted from 1, or a tag "
            "list shorter than the data's).",
            "number the tags 0..num_tags-1 from one tag list and build the CRF with "
            f"num_tags=len(tag_list). Confirm: `{_check_data(scan, ' --crf')}`",
        )
    if re.search(r"\bclass_weights?\b", scan.text) and re.search(r"GatherV2|Gather\b", node):
        # Keras's class_weight gathers one weight per label id: a label id that the weights'
        # table (one entry per class, ids 0..n-1) does not have
        return Diagnosis(
            "BD201",
            f"Keras looked up the class weight of label id {index} in a table of {rows} "
            f"classes (class_weight, ids 0..{(rows or 1) - 1}): a label id is not below the "
            "number of classes the weights were made for (ids counted from 1, or a label "
            "missing from the class_weight dict).",
            "give class_weight one entry per class id 0..num_classes-1, made from the same "
            f"label list as the labels. Confirm: `{_check_data(scan)}`",
        )
    coords = hit.groups.get("coords", "").split(",")
    positional = index is not None and coords[-1] == str(index)
    if positional and rows is not None and rows >= 16 and index >= rows:
        # TensorFlow's gather of an arange: at position 483 of the sequence the index is 483, so
        # the table is a position embedding (benepar's 300 rows, BERT's 512) and the sequence is
        # longer than it; a token id that equals its own position would be a coincidence
        return Diagnosis(
            "BD208",
            f"TensorFlow gathered row {index} of a table of {rows} rows for position {index} of "
            f"the sequence (`{hit.text}`): the index is the position itself, so the table is a "
            f"position embedding of {rows} positions and the sequence is longer than it.",
            f"cut or split the input to at most {rows} tokens (truncation=True, "
            f"max_length={rows}, or windows over long sentences); a larger limit in the code "
            "does not give a trained model more positions. Confirm: "
            f"`{_check_data(scan, f' --max-length {rows}')}`",
            tentative=True,
        )
    if (
        index is not None
        and index < 0
        and re.search(r"(?i)lm_label|label_ids|\blabels?\b", scan.recent)
    ):
        # -1 among the labels: pytorch-pretrained-bert's mark for positions the masked-LM loss
        # skips, which transformers (ignore index -100) takes for an id
        return Diagnosis(
            "BD202",
            f"index {index} reached a table of {rows} rows, and the text is about labels: the "
            f"labels hold {index} (the old pytorch-pretrained-bert mark for positions the loss "
            "skips), while transformers ignores only -100 and looks every other label up.",
            "mark the positions the loss should skip with -100 (labels[labels == -1] = -100), "
            f"or keep the library the script was written for. Confirm: `{_check_data(scan)}`",
            tentative=True,
        )
    return explain_embedding_index(hit, scan, index=index, rows=rows)


def explain_asked_length_over_model(hit: Hit, scan: Scan) -> Diagnosis:
    """`Sequence length is longer than the maximum sequence length for this model (512 > 510)`:
    the max_length given to a library is more than the model's positions leave for text."""
    asked, most = hit.groups["len"], hit.groups["max"]
    return Diagnosis(
        "BD208",
        f"the max_length asked for, {asked}, is more than this model takes ({most} tokens of "
        "text: its position table less the room for [CLS] and [SEP]); the library checks it "
        "before it tokenizes anything.",
        f"pass max_length={most} or less. Confirm: `{_check_data(scan, f' --max-length {most}')}`",
    )


def explain_position_overflow(hit: Hit, scan: Scan) -> Diagnosis | None:
    a, b = hit.num("a"), hit.num("b")
    assert a is not None and b is not None
    if hit.groups.get("dim") == "2":
        # the third axis of a (batch, length, hidden) tensor is the hidden size, and of the
        # attention scores (batch, heads, length, length) the queries: the positions meet the
        # table on axis 1, and a mask on axis 3
        return None
    diagnosis = _position_overflow(a, b, scan)
    if (
        diagnosis is None
        and 0 < a - b <= 200
        and a in (512, 514)
        and PREFIX_TUNING_RE.search(scan.text)
    ):
        # prefix tuning adds its virtual tokens as past positions: BERT slices the position ids
        # from there, so a batch padded to the full 512 gets only 512 - n of them
        return Diagnosis(
            "BD208",
            f"the batch is {a} tokens long and prefix tuning adds {a - b} virtual tokens as past "
            f"positions, so only {b} of the {a} position ids are left for it ({a} - {a - b}): "
            "the inputs and the prefix together are longer than max_position_embeddings.",
            f"tokenize with truncation=True, max_length={b} (the table minus num_virtual_tokens), "
            f"or use fewer virtual tokens. Confirm: `{_check_data(scan, f' --max-length {b}')}`",
            tentative=True,
        )
    if diagnosis is None and a > b:
        lines = _source_lines(scan, _line_start(scan.text, hit.start))
        sliced = lines and re.search(r"[\w.]+\[[^\]\n]*:\s*\w*max\w*len\w*[^\]\n]*\]", lines[-1])
        if lines and a in (512, 514) and re.search(r"\battention_mask\b", lines[-1]):
            # the attention scores of a batch cut at the model's 512 positions against a mask
            # built for another length: the text was longer than the model takes
            return Diagnosis(
                "BD208",
                f"the attention scores of {a} positions (the model's limit) met a mask of {b}: "
                f"the input was longer than {a} tokens, and the ids were cut to the limit while "
                "the mask was built for another part of it (a long text split without "
                "truncation).",
                f"tokenize with truncation=True, max_length={a} (or split long texts into "
                f"windows before tokenizing). Confirm: `{_check_data(scan, f' --max-length {a}')}`",
                tentative=True,
            )
        padded = re.search(rf"\bmax_len(?:gth)?\s*=\s*{a}\b", scan.recent)
        if padded and b >= 16:
            # the code pads (or truncates) to max_length=a, and the model's position table
            # holds b (ViLT's text embeddings take 40)
            return Diagnosis(
                "BD208",
                f"the inputs are padded or cut to `{padded.group(0)}` tokens, and the model's "
                f"position table holds {b} ({a} > {b}, max_position_embeddings): a max_length "
                "written for another model.",
                f"tokenize with max_length={b} or less (the model's max_position_embeddings). "
                f"Confirm: `{_check_data(scan, f' --max-length {b}')}`",
                tentative=True,
            )
        if lines and re.search(r"\bposition_embeddings\b", lines[-1]) and b >= 16:
            # `embeddings += position_embeddings` in BERT's embeddings: the position table of a
            # model built small (a distilled student's 64 positions) against longer inputs
            small = _position_overflow(a, b, scan, limits={b})
            assert small is not None  # a > b, and b is the table
            return replace(small, tentative=True)
        if sliced:
            # `self.randomAttention[:, :, :max_seq_len, :max_seq_len]`: a buffer built for
            # the maximum length, sliced to the batch's length, which is longer than it
            return Diagnosis(
                "BD208",
                f"a batch of {a} positions met a tensor built for at most {b} "
                f"(`{sliced.group(0)}`): a sequence is longer than the maximum "
                "length the model was built with.",
                f"truncate the inputs to {b} tokens (or split the long examples), or build the "
                f"model with a larger maximum length. Confirm: "
                f"`{_check_data(scan, f' --max-length {b}')}`",
                tentative=True,
            )
    if diagnosis is None and a < b:
        # the table first (the attention scores of 512 positions against a mask of 701): the
        # same overflow, read from the other side, and less certainly so
        diagnosis = _position_overflow(b, a, scan)
        if diagnosis is not None:
            diagnosis = replace(diagnosis, tentative=True)
    return diagnosis


# prefix or prompt tuning: virtual tokens before the input (PEFT, P-tuning v2)
PREFIX_TUNING_RE = re.compile(
    r"(?i)prefix[_ -]?tuning|PrefixTuning|num_virtual_tokens|p-?tuning|virtual tokens"
)


def _position_overflow(
    a: int, b: int, scan: Scan, limits: set[int] | None = None
) -> Diagnosis | None:
    """A batch of `a` positions met a position table of `b` rows (512, 514, the model's)."""
    m = scan.model
    if limits is None:
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


def explain_tf_pad_negative(hit: Hit, scan: Scan) -> Diagnosis | None:
    """bert-for-tf2's position embeddings pad the table to the input's length: `Paddings must
    be non-negative ... input shapes: [1071,768] ... <[0 -559]...>`, 1071 tokens for 512."""
    n, short = int(hit.groups["len"]), int(hit.groups["short"])
    return _position_overflow(n, n - short, scan)


def explain_onnx_position_broadcast(hit: Hit, scan: Scan) -> Diagnosis | None:
    """ONNX Runtime adding the position embeddings (`Name:'/embeddings/Add_1'`) to a longer
    input: `Attempting to broadcast an axis by a dimension other than 1. 512 by 513`."""
    a, b = int(hit.groups["a"]), int(hit.groups["b"])
    return _position_overflow(max(a, b), min(a, b), scan)


def explain_tf_position_assert(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TensorFlow BERT's `assert_less_equal` in bert/embeddings, ESM's `Sequence length N
    above maximum sequence length of M`, or ONNX Runtime's `Got invalid dimensions for input:
    input_ids ... index: 1 Got: 7863 Expected: 512`: the sequence (len) against the position
    table or the exported length (max). A shorter text against a graph exported with a fixed
    length (64 for 128) is the export's shape, no rule's."""
    return _position_overflow(int(hit.groups["len"]), int(hit.groups["max"]), scan)


def explain_fairseq_too_long(hit: Hit, scan: Scan) -> Diagnosis | None:
    """fairseq's RoBERTa hub interface: `tokens exceeds maximum length: 774 > 512`, its
    model.max_positions(); encode() does not truncate."""
    n, most = int(hit.groups["len"]), int(hit.groups["max"])
    # the hub model whose interface raised it (fairseq/models/roberta/hub_interface.py)
    family = next(
        (
            m.group(1)
            for f in reversed(scan.frames)
            if (m := re.search(r"fairseq[\\/]models[\\/](\w+)[\\/]", f.path))
        ),
        "",
    )
    model = {"roberta": "RoBERTa", "bart": "BART", "xlmr": "XLM-R"}.get(family, "hub model")
    return Diagnosis(
        "BD208",
        f"fairseq's {model} takes at most {most} tokens (model.max_positions()) and got {n}: "
        f"{n} > {most}; the hub interface checks the length and does not cut it.",
        f"cut the tokens before predict() or extract_features(), keeping the final </s>: "
        f"tokens = torch.cat([tokens[: {most} - 1], tokens[-1:]]). Confirm: "
        f"`{_check_data(scan, f' --max-length {most}')}`",
    )


def explain_keras_target_classes(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Keras's `Error when checking target: expected dense_1 to have shape (17,) but got array
    with shape (2,)`: one-hot labels of 2 classes for a softmax head of 17."""
    head, rows = int(hit.groups["head"]), int(hit.groups["rows"])
    if head == rows:
        return None
    if rows == 1:
        # one column of class ids against a softmax head: the labels are not in the form the
        # loss wants (one-hot rows for categorical_crossentropy), no label is missing
        return Diagnosis(
            "BD401",
            f"the output layer {hit.groups['layer']} has {head} units and the labels are one "
            "column (a class id per example): categorical_crossentropy compares one-hot rows "
            "of the output's width, so the label and output shapes do not match.",
            "use sparse_categorical_crossentropy with the class ids, or one-hot encode them "
            "(to_categorical(y, num_classes)); for a binary task a Dense(1) sigmoid head with "
            "binary_crossentropy takes the 0/1 column as it is. Confirm: "
            f"`{_check_data(scan)}`",
        )
    return Diagnosis(
        "BD205",
        f"the output layer {hit.groups['layer']} has {head} classes and the labels are one-hot "
        f"rows of {rows}: the head is built for another label set than the data's (a class "
        "count left at the example's value, or each split one-hot encoded on its own, so a "
        "split without some classes gets fewer columns).",
        f"build the head with the number of classes in the data ({rows} here if that is the "
        "whole label set), and one-hot encode every split with the same label list (one "
        "label-to-id map made from the training data). Confirm: "
        f"`{_check_data(scan)}`",
    )


def explain_keras_target_dims(hit: Hit, scan: Scan) -> Diagnosis:
    """Keras's `Error when checking target: expected dense to have 3 dimensions, but got array
    with shape (32, 108)`: the labels' rank against the model output's."""
    dims, shape = int(hit.groups["dims"]), hit.groups["shape"].replace(" ", "")
    rank = len([d for d in shape.split(",") if d])
    if dims == 3 and rank == 2:
        why = (
            "the model outputs one distribution per token ([batch, seq, classes]) and the "
            f"labels are ({shape}): with sparse_categorical_crossentropy under Keras 2.x the "
            "labels need a trailing axis ([batch, seq, 1]); or a sentence's labels met a "
            "token-level output"
        )
        fix = (
            "reshape the labels to [batch, seq, 1] (np.expand_dims(labels, -1)) for a token-level "
            "output, or use a head with one output per sentence (pool the [CLS] vector) when the "
            "data has one label per example"
        )
    elif rank == dims + 1 and shape.split(",")[1:2] == ["1"]:
        why = (
            f"the labels ({shape}) have an axis of size 1 more than the output's {dims}: labels "
            "kept as a column ([N, 1]) and then one-hot encoded (to_categorical) get the class "
            "axis after it"
        )
        fix = (
            "flatten the labels before one-hot encoding them "
            "(to_categorical(np.squeeze(y, axis=-1), num_classes))"
        )
    else:
        why = (
            f"the output has {dims} dimensions and the labels have {rank} ({shape}): the head "
            "and the labels are built for different tasks (one label per sentence or per token)"
        )
        fix = (
            "make the head match the labels: one output per sentence (pool the [CLS] vector) or "
            "one per token, as the data has"
        )
    # the output's shape in check-loss's words: the labels' axes plus the classes only where
    # the labels are [batch, seq]
    logits = f"{shape},C" if dims == 3 and rank == 2 else "B,S,C" if dims == 3 else "B,C"
    return Diagnosis(
        "BD401",
        f"Keras compared the labels with the output layer {hit.groups['layer']}: {why}.",
        f"{fix}. Confirm: {_check_loss(scan, logits, shape)}",
        # a CRF layer's own loss decides the labels' shape (sparse_target), not the head
        tentative="crf" in hit.groups["layer"].lower() or "random_field" in hit.groups["layer"],
    )


def explain_tf_loss_shape_assert(hit: Hit, scan: Scan) -> Diagnosis:
    """TensorFlow's sparse cross-entropy asserts that the labels' shape (x) is the logits'
    shape without the class axis (y): `[32 1]` against `[32 128]` is one label per sentence
    given to a token-level head."""
    labels = ",".join(hit.groups["x"].split())
    logits = ",".join(hit.groups["y"].split()) + ",C" if hit.groups.get("y") else "B,C"
    return Diagnosis(
        "BD401",
        f"the sparse cross-entropy got labels of shape [{labels}] for logits of shape "
        f"[{logits}]: one label per sentence against a token-level head (or the other way "
        "round), so the labels do not have the logits' shape without the class axis.",
        "use the head the labels are for: TFBertForSequenceClassification for one label per "
        "example, TFBertForTokenClassification with one label per token. Confirm: "
        f"{_check_loss(scan, logits, labels)}",
        tentative=not hit.groups.get("y"),
    )


def explain_tf_position_shapes(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Incompatible shapes: [8,514,768] vs. [8,512,768]`: TensorFlow adds the position
    embeddings ([1 or batch, max positions, hidden]) to a batch of longer sequences."""
    one, two = (
        [int(x) for x in hit.groups[name].replace(" ", "").split(",")] for name in ("left", "right")
    )
    if one[2] != two[2]:
        return None  # another hidden size: not the same embedding sum
    table, seq = sorted((one[1], two[1]))
    return _position_overflow(seq, table, scan)


# token-level labels in the text: a tagging task, whose label lists can be left long
TOKEN_LABELS_RE = re.compile(
    r"(?i)\bner\b|token.?classification|label_ids|\btags?\b|(?-i:\bBIO(?:E?S)?\b)"
)


# torch.stack over the outputs of steps: [x['val_loss'] for x in outputs], preds, logits
STACKED_RESULTS_RE = re.compile(
    r"torch\.stack\([^\n]*\b(?:\w*_?loss(?:es)?|outputs?|preds?|predictions|logits|scores)\b"
)


# a file of the project's model code: models/x.py, modeling_x.py, x_model.py
MODEL_CODE_RE = re.compile(r"(?i)(?:^|[\\/])models?[\\/]|model\w*\.py$")


def explain_unpadded(hit: Hit, scan: Scan) -> Diagnosis | None:
    g = hit.groups
    tentative = False
    # the frame that stacked: the last one above the error (or the traceback's last, when the
    # error is quoted in the reporter's title above a traceback cut short)
    stacker = next((f for f in reversed(scan.frames) if f.pos < hit.start), None) or (
        scan.frames[-1] if scan.frames else None
    )
    if (
        stacker
        and stacker.is_library
        and not re.search(
            r"collate|fetch|dataloader|data_collator|torch[\\/]utils[\\/]data|tokenization_utils|"
            r"convert_to_tensors|\bpad",
            stacker.path + stacker.func,
            re.I,
        )
        and "collate" not in scan.zone_lower
    ):
        return None  # a library stacking its own tensors (not a batch of examples)
    source = _source_lines(scan, _line_start(scan.text, hit.start))
    if source and STACKED_RESULTS_RE.search(source[-1]) and "collate" not in scan.zone_lower:
        # the user's code stacking the results of its steps (validation losses of a last,
        # shorter batch or of several GPUs), not the DataLoader stacking examples
        return None
    if (
        stacker
        and not stacker.is_library
        and MODEL_CODE_RE.search(stacker.path)
        and not re.search(r"collate|dataloader|dataset|__getitem__|data_?loader", scan.zone_lower)
    ):
        # the model's own code (models/asgcn_bert.py, mask()) turning lists into a tensor: a
        # list it built itself, not a batch of examples left unpadded
        tentative = True
        file = re.split(r"[\\/]", stacker.path)[-1]
        own = f"{stacker.func}() in {file}"
    else:
        own = ""
    if int(g.get("dim") or 1) >= 2 and re.search(r"(?i)bbox|bounding.?box|\bboxes\b", scan.zone):
        # the inner lists of one example differ: bounding boxes of 4 and of 8 coordinates (a
        # dataset's 4-corner polygons), not token sequences left unpadded
        return None
    if "except in dimension 0" in hit.text and not (
        "collate" in scan.zone_lower or "invalid argument 0" in scan.zone
    ):
        return None  # torch.cat in the user's own code, not the DataLoader stacking a batch
    lengths = sorted(int(v) for v in (g.get("a"), g.get("b")) if v and v.isdigit())
    limits = {128, 256, 512}
    if scan.model and scan.model.max_position_embeddings:
        limits.add(scan.model.max_position_embeddings)
    if len(lengths) == 2 and lengths[0] in limits and lengths[1] > lengths[0]:
        if not TOKEN_LABELS_RE.search(scan.text) and re.search(
            r"(?i)glue|qqp|mnli|mrpc|sequenceclassification|sentence.?pair", scan.text
        ):
            # a sentence-level task: no token labels to be left long, so the tokens themselves
            # were not cut (truncation off, or 'only_first' on a pair whose second text is long)
            return Diagnosis(
                "BD208",
                f"lists of {lengths[1]} and {lengths[0]} went into one tensor: an example of "
                f"{lengths[1]} tokens in a batch cut at max_length {lengths[0]}, so the "
                "tokenizer did not truncate it (truncation off, or the 'only_first' strategy on "
                "a pair whose second text is the long one).",
                f"tokenize with truncation=True (longest_first for pairs), max_length="
                f"{lengths[0]}. Confirm: `{_check_data(scan, f' --max-length {lengths[0]}')}`",
                tentative=True,
            )
        # one list cut at max_length and one longer: the tokens were truncated, the labels
        # (or a list built beside them) were not
        return Diagnosis(
            "BD208",
            f"lists of {lengths[1]} and {lengths[0]} went into one tensor: an example longer "
            f"than max_length {lengths[0]} was truncated in its tokens but not in a list built "
            "beside them (its label ids), so the lengths no longer agree.",
            f"cut the labels with the tokens (labels = labels[:{lengths[0]}], keeping the "
            "[CLS]/[SEP] positions), or split long sentences before tokenizing. Confirm: "
            f"`{_check_data(scan, f' --max-length {lengths[0]}')}`",
        )
    longest = min(max(limits), 512)  # (RoBERTa's 514 positions hold 512 tokens)
    too_long = ""
    if len(lengths) == 2 and lengths[0] > longest and int(g.get("dim") or 1) <= 1:
        # both longer than any BERT takes (1086 and 1009 tokens): padding alone would not have
        # saved the run, the texts were never cut either (BD208); which one the code lacks, the
        # error cannot tell
        tentative = True
        too_long = (
            f"; both are longer than the {longest} positions a BERT model takes, so the texts "
            f"were not truncated either (BD208: truncation=True, max_length={longest})"
        )
    if g.get("a") is not None and g.get("b") is not None:
        seen = f"examples of shapes [{g['a']}] and [{g['b']}] went into one batch"
    elif "excessive nesting" in hit.text or "Unable to create tensor" in hit.text:
        feature = re.search(r"\(`(\w+)` in this case\)", scan.exception)
        which = f" (`{feature.group(1)}`)" if feature else ""
        # without the feature's name the values may as well be strings (labels never turned
        # into ids): the likelier reading only
        tentative = feature is None
        seen = (
            f"a feature{which} holds lists of different lengths, and the collator pads "
            "input_ids but not that feature (DataCollatorWithPadding on token labels)"
            if feature
            else "the examples' lists have different lengths (no padding, or a collator that "
            "does not pad that feature), or a feature holds strings (labels never turned into "
            "ids, BD218)"
        )
    else:
        seen = "examples of different lengths went into one batch"
    if own:
        seen += (
            f" ({own}, the model's own code, made a tensor of lists of different lengths: the "
            "lists it builds per example are not padded to one length, or, if they come from "
            "the batch, the batch was not padded)"
        )
    elif "collator" not in seen:
        seen += ": the tokenizer did not pad and the default collate stacks the tensors"
    seen += too_long
    if not scan.frames and "stack expects" in hit.text:
        # the error line alone: a library that stacks its own outputs (sentence-transformers'
        # encode(convert_to_tensor=True) on token embeddings) reads the same as a DataLoader
        tentative = True
    return Diagnosis(
        "BD222",
        f"{seen}.",
        (f"tokenize with truncation=True, max_length={longest}, and " if too_long else "")
        + "pad per batch: collate_fn=DataCollatorWithPadding(tokenizer) for sentence labels, "
        "DataCollatorForTokenClassification(tokenizer) for token labels (pads them with -100), "
        "or tokenize with padding='max_length', max_length=128"
        + (", truncation=True" if too_long else "")
        + f". Confirm: `{_check_data(scan)}`",
        tentative=tentative,
    )


# a weights file read where text was expected: the traceback is in the tokenizer's or the
# config's loader, or the reporter's code passes a weights file to from_pretrained
MODEL_LOADER_RE = re.compile(r"load_vocab|tokenization_|configuration_utils|from_pretrained")
MODEL_WORDS_RE = re.compile(
    r"(?i)\bmodel|模型|\bconfig|convert|转换|from_pretrained|\.bin\b|checkpoint|权重"
)


# transformers' INFO line naming the file it opens, a weights file:
# `transformers.tokenization_utils_base - loading file ./convert/tf/model-tf_model.h5`
LOADING_WEIGHTS_FILE_RE = re.compile(
    r"^[^\n]*?\bloading (?:file|configuration file) [^\s'\"]+\.(?:h5|bin|pt|pth|ckpt)\b[^\n]*",
    re.M,
)


def explain_decode_error(hit: Hit, scan: Scan) -> Diagnosis | None:
    """UnicodeDecodeError while reading a file: a data file that is not UTF-8 (BD216), or a
    UTF-8 file read with the system's default codec (gbk, cp1252 on Windows)."""
    codec, byte, pos = hit.groups["codec"], hit.groups["byte"], hit.groups["pos"]
    try:
        utf8 = codecs.lookup(codec).name in ("utf-8", "utf-8-sig")
    except LookupError:
        utf8 = False
    seen = f"the {codec} codec cannot decode byte {byte} at position {pos}"
    if utf8 and any(MODEL_LOADER_RE.search(f.path + " " + f.func) for f in scan.frames):
        # a weights file given where a vocab, config or data file was expected (the loaders
        # read UTF-8; a system codec in their place is a script's own reader, below)
        return None
    loading = (
        LOADING_WEIGHTS_FILE_RE.findall(scan.recent)
        if pos == "0" and "loading " in scan.recent
        else []
    )
    if utf8 and loading and byte.lower() in WEIGHTS_MAGIC:
        # transformers' log names the file it read, and it is a weights file: given to a
        # tokenizer as its vocabulary (a wrong argument, no rule's), else read as the config
        if TOKENIZER_WORDS_RE.search(loading[-1]):
            return None
        return weights_read_as_text(seen, byte, scan)
    if utf8 and byte.lower() in WEIGHTS_MAGIC and WEIGHTS_ARG_RE.search(scan.recent):
        # a weights file given for a path, no traceback: a model class reads it as its config
        # (given to a tokenizer as its vocabulary: a wrong argument, no rule's)
        return weights_given_as_config(seen, byte, scan)
    if re.search(r"f\.read\(7\) == \"version\"|load_state_dict", scan.text[: hit.start]) and (
        scan.first("weights-corrupt")
    ):
        # transformers' fallback after a weights file failed to load: it opens the file as text
        # to look for a Git LFS pointer, and the system codec chokes on the binary (BD304)
        return None
    if utf8 and re.search(
        r"from_pretrained\(\s*[rf]?['\"][^'\"\n]*\.(?:tar(?:\.gz)?|tgz|zip)['\"]", scan.text
    ):
        # an archive given to from_pretrained (which wants the unpacked folder or a Hub id), read
        # as a vocabulary: a wrong argument, no rule's
        return None
    if utf8 and byte.lower() == "0x80" and pos == "0":
        # 0x80 first is a pickle's opening byte (torch.save, pickle.dump), and no text encoding
        # starts a file with it (GBK's lead bytes begin at 0x81): a binary file read as text
        if not MODEL_WORDS_RE.search(scan.text):
            return None  # a pickle of the user's opened as text: no rule's
        return weights_read_as_text(seen, byte, scan)
    if utf8:
        return Diagnosis(
            "BD216",
            f"{seen}: the file is not UTF-8 (a byte like {byte} starts a GBK or Latin-1 "
            "character; files saved by Excel or Notepad on a Chinese Windows are GBK).",
            "re-encode the file once to UTF-8 (iconv -f gbk -t utf-8 train.txt > "
            "train.utf8.txt), or read it with its real encoding (open(path, encoding='gbk')). "
            f"Confirm: `{_check_data(scan)}`",
        )
    return Diagnosis(
        "BD216",
        f"{seen}: Python read the file with {codec}, the system's default codec (Windows, or "
        "a C locale), and the file is most likely UTF-8.",
        "name the encoding when opening the file: open(path, encoding='utf-8') (or "
        "pd.read_csv(path, encoding='utf-8')); set PYTHONUTF8=1 to make UTF-8 the default. "
        f"Confirm: `{_check_data(scan)}`",
        # the file may also really be in another encoding: the likelier reading only
        tentative=True,
    )


# a source line that splits a line of text into named fields: `word, tag = line.split()`
SPLIT_UNPACK_RE = re.compile(
    r"[\w\]\[*]+\s*(?:,\s*[\w\]\[*]+\s*)+=\s*(?P<subject>\w[\w.\[\]]*)(?:\.strip\([^)]*\))?"
    r"\.split\("
)
# what is split is a name (a checkpoint's file name, a path, a version), not a line of data
NAME_SUBJECT_RE = re.compile(r"(?i)name|path|file|dir|url|version|ckpt|checkpoint|model|key")


def _lines_before(scan: Scan, pos: int, span: int) -> list[str]:
    """The non-blank lines of the span characters before pos (an error's source lines)."""
    return [ln for ln in scan.text[max(0, pos - span) : pos].splitlines() if ln.strip()]


READER_FUNC_RE = re.compile(
    r"(?i)load|read|corpus|data|file|example|pars|prep|process|convert|build|get_|collect|"
    r"<module>|<cell|main|__init__|getitem|iter|gen|line"
)


# the reporter's words: the run reads a data set of their own making
OWN_DATA_RE = re.compile(
    r"(?i)自己的?(?:数据|語料|语料)|(?:构建|制作|准备|换成)[^\n。，,]{0,8}数据集|"
    r"\b(?:my|our) own (?:data|dataset|corpus|training data)s?\b|\bcustom (?:data|dataset)s?\b"
)


def explain_split_unpack(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`not enough values to unpack` raised by a line of the data file split into fields."""
    before = _lines_before(scan, hit.start, 1500)
    split = next(
        (m for m in map(SPLIT_UNPACK_RE.search, reversed(before[-6:])) if m is not None), None
    )
    if (
        split is None
        and hit.text.startswith("not enough")
        and not scan.frames
        and OWN_DATA_RE.search(scan.text)
        # (a model's outputs unpacked in the pasted code: BD414's case, not a data line's)
        and not re.search(r"(?m)^[ \t]*\w+\s*(?:,\s*\w+\s*)+=(?![^\n]*\.split\()", scan.text)
    ):
        # no code shown, and the run reads the reporter's own data: the usual cause is a line
        # the reader splits into fewer fields than it expects (spaces for a tab, a blank line)
        return Diagnosis(
            "BD217",
            f"{hit.text}: with a data set of your own, this is most often a line that the "
            "reader splits into fewer fields than it expects: spaces where the format has a "
            "tab, a blank or header line, or a record cut by a newline in its text.",
            "write one record per line with the format's exact separator (text<TAB>label), "
            "drop blank lines, and compare a line of yours with a line of the example data "
            f"(repr(line)). Confirm: `{_check_data(scan)}`",
            tentative=True,
        )
    if split is None or NAME_SUBJECT_RE.search(split.group("subject")):
        return None
    if re.match(r"\s*(?:int\(|\d|\[)|[^)\n]*\bdim\s*=", split.string[split.end() :]):
        return None  # a tensor's split(size, dim=0) into chunks, not a line split into fields
    frames = [f for f in scan.frames if f.pos < hit.start]
    if frames and re.search(r"[\\/]transformers[\\/].*tokeniz", frames[-1].path):
        # transformers' tokenizer splitting a word segmenter's output (MeCab's lines in
        # tokenization_bert_japanese): a segmenter version it does not read, not the data
        return None
    # a reader's loop (load_data, build_corpus, read_examples, a notebook cell) splits the lines
    # of a file; a split in a method such as transform() may get one field by design of a caller
    reader = not frames or READER_FUNC_RE.search(frames[-1].func)
    got = hit.groups.get("got")
    which = (
        "an empty line (got 0 fields)"
        if got == "0"
        else f"a line with {got} field{'s' if got != '1' else ''}"
        if got
        else "a line with another number of fields"
    )
    return Diagnosis(
        "BD217",
        f"{hit.text}: `{split.group(0)}...)` splits each line of the "
        f"data file into fields, and {which} reached it: a blank line between sentences, a "
        "token that is itself a space, or a separator other than the one split() expects.",
        "skip blank lines (if not line.strip(): continue), split on the file's real separator "
        "(line.rstrip('\\n').split('\\t')), and report the line number of a bad record. "
        f"Confirm: `{_check_data(scan)}`",
        tentative=not reader,
    )


# `example = Example(*line)`: a record built from a line's fields, one argument per field
STAR_FIELDS_RE = re.compile(
    r"\w+\((?:[^()\n*]*,\s*)?\*(?P<fields>line|row|fields|parts|items|cols|columns|"
    r"splits?|tokens|record)\b(?:[^()\n]|\([^()\n]*\))*\)"
)


def explain_record_short(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`TypeError: __new__() missing 1 required positional argument: 'text_a'` raised by
    `Example(*line)` in a reader: a line of the data file with fewer fields than the record."""
    before = _lines_before(scan, hit.start, 600)
    star = next((m for m in map(STAR_FIELDS_RE.search, reversed(before[-3:])) if m), None)
    if star is None:
        return None
    frames = [f for f in scan.frames if f.pos < hit.start]
    return Diagnosis(
        "BD217",
        f"{hit.text.strip()}: `{star.group(0)}` builds a record from the fields of one line "
        f"of the data file, and a line had fewer fields than the record has (missing "
        f"{hit.groups['args'].strip()}): a separator other than the one the reader splits on, "
        "a tab or newline inside a text, or a blank line.",
        "make every line carry all the columns the reader expects, split on the real separator, "
        "and remove tabs and newlines inside the texts (or skip and report short lines). "
        f"Confirm: `{_check_data(scan)}`",
        tentative=not (frames and READER_FUNC_RE.search(frames[-1].func)),
    )


ERROR_SAID_RE = re.compile(r"(?i)报错|出错|错误|\berror\b|\bfails?\b|\bfailed\b|crash")


def explain_binary_ok_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: the run worked with two classes and fails with more (a likely
    label id past the model's class count: num_labels left at 2, or labels counted from 1)."""
    rest = scan.text[max(0, hit.start - 600) : hit.end + 600]
    if not (MULTI_CLASS_RE.search(rest) and ERROR_SAID_RE.search(rest)):
        return None
    return Diagnosis(
        "BD201",
        f"{hit.text.strip()!r}, and the run with more classes fails: most often a label id is "
        "not below the model's class count, since num_labels (labels_num, num_classes) is still "
        "2, or the new labels are numbered from 1.",
        "number the labels 0..N-1 and build the model with num_labels=N (in the config and the "
        f"script's own class-count option). Confirm: `{_check_data(scan)}`",
        tentative=True,
    )


def explain_ids_max_over_vocab(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter printed the largest input id, and the text names a vocab_size at or below
    it: ids from another tokenizer (or added tokens) past the model's embedding."""
    top = int(hit.groups["max"])
    sizes = [
        int(n) for n in re.findall(r"(?i)vocab(?:ulary)?[_ ]size[^\d\n]{0,40}?(\d{3,7})", scan.text)
    ]
    small = [n for n in sizes if n <= top]
    if not small:
        return None
    return Diagnosis(
        "BD207",
        f"the largest input id is {top} and the model's vocab_size is {min(small)}: ids from "
        "another tokenizer (or tokens added without resizing the embedding) fall past the "
        "embedding table (index out of range in self).",
        "encode the inputs with the tokenizer of the model that embeds them, or call "
        "model.resize_token_embeddings(len(tokenizer)) after adding tokens. Confirm: "
        f"`{_check_data(scan)}`",
        tentative=True,
    )


def explain_negative_label_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: a label is -1. Beside a CUDA assertion the kernel's error comes
    first (BD117, with this as its cause)."""
    if scan.first("assert-nll", "assert-index", "assert-embedding"):
        return None
    return Diagnosis(
        "BD202",
        f"the report says a label is -1 ({hit.text.strip()[:60]!r}): CrossEntropyLoss takes "
        "class ids from 0 to num_labels-1, and -1 (a dataset's 'no gold label', or a missing "
        "label mapped to -1) fails in the loss or, on a GPU, as a device-side assert.",
        "drop the examples labelled -1 before training (dataset.filter(lambda x: x['label'] "
        "!= -1)), or map them to -100 to be ignored. Confirm: "
        f"`{_check_data(scan)}`",
        tentative=True,
    )


def explain_crf_tags_dtype(hit: Hit, scan: Scan) -> Diagnosis | None:
    """torchcrf's `self.start_transitions[tags[0]]` with tags that are not torch.long: int32
    (numpy's default on Windows) is refused; uint8 is read as a boolean mask."""
    near = scan.text[max(0, hit.start - 1500) : hit.start]
    if not re.search(r"transitions\[\s*tags|torchcrf|_compute_score", near):
        return None  # an index tensor of another dtype elsewhere: no rule's
    as_mask = "mask" in hit.text
    return Diagnosis(
        "BD402",
        "the CRF's tags are not torch.long: torchcrf indexes its transition scores with them, "
        + (
            "and uint8 (byte) tags are taken for a boolean mask, whose shape then meets the "
            "tag table's"
            if as_mask
            else "and tags of another integer type (int32, numpy's default on Windows) are "
            "refused as indices"
        )
        + ".",
        "make the tags long before the CRF: torch.tensor(tags, dtype=torch.long) (or "
        "tags.long()); the mask may stay bool or uint8. Confirm: "
        f"`bertdoctor check-script {scan.script}`",
    )


def _truncate_to_512(scan: Scan) -> str:
    """The fix for a text said to be longer than BERT's 512 positions."""
    return (
        "tokenize with truncation=True, max_length=512 (or less), or split long texts into "
        f"windows and pool their predictions. Confirm: `{_check_data(scan, ' --max-length 512')}`"
    )


def explain_partial_output_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: for long texts, the predictions cover only part of the input ("it
    only returns parts of the results if the text is too long", "with very long sentences and
    max_seq_length = 256 I don't get the length of the original data"): the words past
    max_seq_length were cut off, and get no prediction."""
    if scan.failed:
        return None  # an error stopped the run: that is the cause to explain
    limit = re.search(r"(?i)max_seq_len(?:gth)?\W{0,4}=\W{0,2}(\d+)", scan.text)
    where = f" (max_seq_length = {limit.group(1)})" if limit else ""
    return Diagnosis(
        "BD208",
        f"the report says long texts get predictions for part of their words only "
        f"({_clip(' '.join(hit.text.split()))!r}): the tokenizer cuts every text at "
        f"max_seq_length{where}, "
        "and the words past the cut get no label, so the output is shorter than the input.",
        "raise max_seq_length (up to the model's 512), or split long texts into windows "
        "(sentences, or chunks with a stride) and join their predictions. Confirm: "
        f"`{_check_data(scan, ' --max-length 512')}`",
        tentative=True,
    )


def explain_long_sequence_prose(hit: Hit, scan: Scan) -> Diagnosis:
    """The reporter's (or a library's) words: a sequence longer than BERT's 512 positions."""
    return Diagnosis(
        "BD208",
        f"the report says a sequence is longer than the model's 512 positions "
        f"({hit.text.strip()[:80]!r}): BERT has no position embedding beyond 512.",
        _truncate_to_512(scan),
        tentative=True,
    )


def explain_too_long_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: an error once the texts get too long ("once the strings get too
    long I'm thrown an error"): a likely sequence past the model's 512 positions."""
    if not ERROR_SAID_RE.search(scan.text) and not re.search(
        r"(?i)thrown|Error\b|(?<!\bno )(?<!\bwithout )(?<!\bwithout an )\bexception\b", scan.text
    ):
        return None
    if any(h.pattern.code == "BD509" for h in scan.hits):
        return None  # too long for the GPU's memory: the OOM reading says it
    if re.search(r"(?i)truncat|截断", scan.text):
        return None  # the reporter truncates already: the error is another
    if scan.exception and not re.search(
        r"(?i)index|size|length|position|shape|512|RuntimeError", scan.exception
    ):
        return None  # the error raised is another one (a KeyError, a missing file)
    return Diagnosis(
        "BD208",
        f"the report says the error comes with long texts ({hit.text.strip()!r}): BERT has no "
        "position embedding beyond 512 tokens, so a text tokenized without truncation fails "
        "once it passes 512.",
        _truncate_to_512(scan),
        tentative=True,
    )


# a BERT-sized embedding model (512 positions) named or measured in a llama.cpp log
LLAMA_512_MODEL_RE = re.compile(
    r"n_ctx_train\s*=\s*512\b|(?i:max(?:imum)? context length is 512\b)|"
    r"(?i:\bbge-(?:small|base|large)-(?:en|zh)\b)"
)


def explain_llama_batch_too_small(hit: Hit, scan: Scan) -> Diagnosis | None:
    """llama.cpp's (and llama-box's) `input is too large to process, please increase the
    physical batch size` for an embedding request: with a BERT-sized model (512 positions) the
    text is longer than the model takes; with a longer-context model it is the server's -ub."""
    if re.search(r"n_ctx_train\s*=\s*(?!512\b)\d{4,}", scan.text):
        return None  # the model takes more (bge-m3's 8192): raise the server's -ub, no data fault
    model = LLAMA_512_MODEL_RE.search(scan.text)
    if model is None:
        return None
    return Diagnosis(
        "BD208",
        f"an embedding input longer than the server's physical batch reached a model of 512 "
        f"positions ({model.group(0)!r}): the text is longer than the model takes, so raising "
        "the batch size alone would only move the error to the position table.",
        "split or truncate the texts to at most 512 tokens before embedding them (and keep the "
        "server's -ub/--ubatch-size at least 512 with --ctx-size 512). Confirm the lengths: "
        f"`{_check_data(scan, ' --max-length 512')}`",
        tentative=True,
    )


def explain_server_input_too_long(hit: Hit, scan: Scan) -> Diagnosis:
    """An inference server's `Input validation error: `inputs` must have less than 512 tokens.
    Given: 1009` (text-embeddings-inference's words, and text-generation-inference's): a
    request longer than the model takes, without truncation."""
    most, given = hit.groups["max"], hit.groups["given"]
    check = f"Confirm the lengths: `{_check_data(scan, ' --max-length ' + most)}`"
    if re.search(r"text[-_ ]generation|\bTGI\b|generate\b|max_new_tokens", scan.text):
        return Diagnosis(
            "BD208",
            f"a request of {given} tokens reached text-generation-inference, which takes at most "
            f"{most} input tokens (its --max-input-length).",
            f"pass truncate={most} (a token count) with the request, or start the server with a "
            f"larger --max-input-length if the model's positions allow it. {check}",
        )
    tei = re.search(r"text[-_ ]embeddings|\bTEI\b|/embed\b|/rerank\b", scan.text)
    server = "text-embeddings-inference" if tei else "the inference server"
    return Diagnosis(
        "BD208",
        f"a request of {given} tokens reached a model that takes at most {most} ({server} "
        "refuses it rather than cut it, since the request did not ask for truncation).",
        '"truncate": true in the request body (or start text-embeddings-inference with '
        "--auto-truncate; the server then keeps the first tokens), or split the text into "
        f"passages of at most {most} tokens and embed or rerank each. {check}",
    )


def explain_tapas_table_too_large(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TAPAS' tokenizer or converter: the flattened table does not fit the model's input."""
    if not re.search(
        r"(?i)\btapas|TableQuestionAnswering|Can't convert interaction", scan.zone + scan.prose
    ):
        return None  # another library's rows and answers
    truncated = "answers" in hit.text
    return Diagnosis(
        "BD208",
        f"`{hit.text.strip()}`: TAPAS reads the whole table and the question as one sequence of "
        "at most 512 tokens (and 256 row ids), and this table does not fit"
        + (
            "; with truncation the rows that hold the labelled answers were cut off."
            if truncated
            else "; without truncation the tokenizer refuses it."
        ),
        "give TAPAS a smaller table: keep the columns and rows the question needs (filter the "
        "rows first, a few dozen at most), or split the table into chunks and ask each. "
        f"Confirm the lengths with `{_check_data(scan, ' --max-length 512')}`",
        tentative=True,  # the reporter's table size, not its token count, is what the text shows
    )


def explain_label_set_prose(hit: Hit, scan: Scan) -> Diagnosis:
    """The reporter's words: a label of one split that the training split never had."""
    return Diagnosis(
        "BD205",
        f"the report says a split holds a label the training data lacks "
        f"({hit.text.strip()[:80]!r}): the label list built from the training file has no id "
        "for it.",
        "build the label list from every split (or a fixed list of all labels) before "
        f"numbering, and fail on unknown labels with their line. Confirm: `{_check_data(scan)}`",
        tentative=True,
    )


# why a label of the data is missing from the code's label list
LABEL_MISSING_WHY = (
    "a label only in another split, a typo or case variant, another dataset's label names"
)


def explain_label_not_in_list_message(hit: Hit, scan: Scan) -> Diagnosis:
    """A program's own message that a label is not in its label map (`Label Error: "neutral"
    not in label_dict`), or scikit-learn's LabelEncoder: `y contains previously unseen labels`:
    the data holds a label the list the code numbers labels with lacks."""
    label = hit.groups.get("label") or hit.groups.get("unseen") or "a label"
    where = hit.groups.get("where") or "the label list fitted on the training data"
    return Diagnosis(
        "BD205",
        f"the label {label.strip()} is not in {where}: the data holds a label that the list "
        f"the code numbers labels with lacks ({LABEL_MISSING_WHY}, a header row read as data).",
        "build the label list from every split's labels (sorted(set(...))) or map the data's "
        f"label names onto the model's before training. Confirm: `{_check_data(scan)}`",
    )


def explain_label_index_not_in_list(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`ValueError: 'B-PERSON' is not in list` from `label_list.index(tag)`: a label of the
    data that the label list lacks."""
    lines = _source_lines(scan, hit.start)
    call = lines and re.search(r"\b\w*(?:label|tag|class)\w*\.index\([^()\n]*\)", lines[-1], re.I)
    if not call:
        return None  # list.index of anything else: the user's code
    return Diagnosis(
        "BD205",
        f"the label {hit.groups['label']} is not in the list that `{call.group(0)}` searches: "
        f"the data holds a label that the label list lacks ({LABEL_MISSING_WHY}).",
        "build the label list from every split's labels (sorted(set(...))) and number labels "
        f"with a dict (label2id[tag]) built from it. Confirm: `{_check_data(scan)}`",
    )


def explain_index_broadcast_tags(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`shape mismatch: indexing tensors could not be broadcast together with shapes [589],
    [563]` where a CRF scores the gold path (`feats[i, r, tags[i, :lens[i]]]`): the tag
    sequence and the token features are not as long as each other."""
    lines = _source_lines(scan, _line_start(scan.text, hit.start))
    if not lines or not re.search(r"(?i)\b\w*(?:tag|label)s?\w*\s*\[", lines[-1]):
        return None  # an index of anything else: the user's code
    return Diagnosis(
        "BD209",
        f"the tags and the tokens are not as long as each other (shapes {hit.groups['a']} and "
        f"{hit.groups['b']}) where `{lines[-1].strip()[:80]}` indexes the scores with the tags: "
        "an example's labels do not line up with its tokens (text split on spaces while the "
        "tags count characters, a character the tokenizer drops or splits).",
        "build the tags from the same token list the model sees (one tag per token, or per "
        "first word piece via word_ids()) and assert len(tags) == len(tokens) per example. "
        f"Confirm: `{_check_data(scan)}`",
        tentative=True,
    )


# a check that a segment has tokens: "assert len(tokens_b) >= 1"
EMPTY_TOKENS_ASSERT_RE = re.compile(
    r"assert len\((?:\w+\.)?(?P<var>\w*tok(?!eni[sz]er)\w*)\) ?(?:>= ?1|> ?0|!= ?0)(?![\d.])"
)


def explain_empty_tokens_assert(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A bare AssertionError whose source line is `assert len(tokens_b) >= 1`: a text that
    is empty, or that the tokenizer turns into no tokens at all (a likely BD221)."""
    before = _lines_before(scan, hit.start, 400)
    m = EMPTY_TOKENS_ASSERT_RE.search(before[-1]) if before else None
    if not m:
        return None
    return Diagnosis(
        "BD221",
        f"the assertion `{m.group(0)}` failed: {m['var']} has no tokens, from a text (or one "
        "segment of a pair) that is empty or that the tokenizer turns into no tokens at all "
        "(control characters, stray whitespace, symbols it drops).",
        "drop or clean the examples whose text tokenizes to nothing before this step (keep a "
        f"line only if tokenizer.tokenize(line) is not empty). Confirm: `{_check_data(scan)}`",
        tentative=True,
    )


LABEL_LENGTH_ASSERT_RE = re.compile(
    r"assert len\((?:\w+\.)?\w*(?:label|tag)\w*\) ?== ?(?:len\([\w.]+\)|[\w.]*max_?\w*len\w*)"
)


def explain_label_length_assert(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A bare AssertionError whose source line is `assert len(label_ids) == max_seq_length`:
    the labels were built apart from the tokens and came out of another length."""
    before = _lines_before(scan, hit.start, 400)
    m = LABEL_LENGTH_ASSERT_RE.search(before[-1]) if before else None
    if not m and before and RERAISE_RE.search(before[-1]):
        # a worker's error raised again (multiprocessing's `raise value`): the assertion is
        # the one shown above, with the worker's traceback
        m = LABEL_LENGTH_ASSERT_RE.search(scan.text[max(0, hit.start - 1500) : hit.start])
    if not m and before:
        # `assert len(ori_tokens) == len(ntokens)` whose message shows word pieces: the words
        # and their pieces, which the labels were counted by, are not as many
        after = scan.text[hit.end : hit.end + 2000].split("\n", 1)[0]
        m = re.search(r"assert len\([\w.]+\) ?== ?len\([\w.]+\)", before[-1])
        m = m if m and re.search(r"['\"]##\w", after) else None
    if not m:
        return None
    return Diagnosis(
        "BD209",
        f"the assertion `{m.group(0)}` failed: the label sequence is not as long as "
        "the token sequence, so labels and word pieces do not line up (a character the tokenizer "
        "drops or splits, a missing label for [CLS]/[SEP], truncation applied to one side only).",
        "build the labels from the tokenizer's word_ids() (or pad them in the same step as the "
        f"tokens) and print the first example whose lengths differ. Confirm: "
        f"`{_check_data(scan)}`",
        causes=("a character that becomes no word piece at all (BD215)",),
        tentative=True,
    )


def explain_wordpiece_tags_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: a word became several word pieces (Courtaulds => ['court',
    '##au', ...]) and the word's one tag no longer lines up with the tokens."""
    said = scan.prose
    if not re.search(r"(?i)tags?|labels?|标签|标注|(?<![a-z])ner(?![a-z])|命名实体", said):
        return None
    if not re.search(
        r"(?i)length|\blen\(|assert|align|line up|correspond|one (?:tag|label) per|长度|对应|"
        r"一致|应该是什么|对齐",
        said,
    ):
        return None
    return Diagnosis(
        "BD209",
        "the report says words are split into word pieces while the labels are one per word "
        f"({hit.text.strip()[:60]!r}): tags and tokens no longer line up, so their lengths "
        "differ or each tag lands on the wrong piece.",
        "tokenize with is_split_into_words=True and give each word's tag to its first piece "
        "(word_ids()), -100 to the other pieces and to [CLS]/[SEP]. Confirm: "
        f"`{_check_data(scan)}`",
        tentative=True,
    )


def explain_targets_not_contiguous(hit: Hit, scan: Scan) -> Diagnosis:
    """ktrain's `len(set(targets) is N but max(targets)+1 is M`: integer labels must be the ids
    0..M-1. More distinct values than ids up to the largest: some are negative (-1 for
    "negative"); fewer: an id below the largest never occurs (a class missing from the data)."""
    n, m = hit.num("n"), hit.num("m")
    assert n is not None and m is not None
    if n > m:
        return Diagnosis(
            "BD202",
            f"the labels hold {n} distinct values but the largest is {m - 1}: {n} distinct "
            f"integers no larger than {m - 1} are not all in 0..{m - 1}, so at least {n - m} "
            f"of them {'is' if n - m == 1 else 'are'} negative (a -1 for 'negative' or 'no "
            "label').",
            "number the classes 0..N-1 (map -1/0/1 to 0/1/2 with a label list); pad with -100 "
            f"only where a loss ignores it. Confirm: `{_check_data(scan)}`",
        )
    return Diagnosis(
        "BD213",
        f"the labels hold {n} distinct value(s) while the largest id says {m} classes: an id "
        f"below {m} never occurs in this data (a class missing from the training split), or "
        "the ids do not start at 0.",
        "give the training data at least one example of every class, and number the classes "
        f"0..N-1 from one label list. Confirm: `{_check_data(scan)}`",
        tentative=True,  # a class missing and ids counted from 1 read the same
    )


# a source line that takes a word's first sub-token embedding, or pools them (flair's
# `current_embeddings[0]`, `torch.cat(subtoken_embeddings)`)
SUBTOKEN_LIST_RE = re.compile(
    r"\b\w*(?:current|subtoken|sub_token)_?embeddings\[0\]|"
    r"torch\.(?:cat|stack)\(\s*(?:sub_?token_?)?embeddings\b[^\n]*\n[^\n]*set_embedding|"
    r"\bsubtoken_embeddings\b"
)


def _subtoken_list_indexed(scan: Scan, pos: int) -> bool:
    """The failing source line reads a word's sub-token embeddings (flair)."""
    before = scan.text[max(0, pos - 600) : pos]
    return bool(SUBTOKEN_LIST_RE.search(before)) and (
        "flair" in scan.recent or "set_embedding" in before or "pooling_operation" in scan.recent
    )


def word_without_subtokens(seen: str, scan: Scan) -> Diagnosis:
    """A word whose list of sub-token embeddings is empty: the tokenizer made no piece of it."""
    return Diagnosis(
        "BD215",
        f"{seen}: a word's list of sub-token embeddings is empty, so the tokenizer turned that "
        "word into no sub-token at all (a zero-width or control character, U+FE0F, U+02DC, an "
        "accent alone: RoBERTa's and XLNet's tokenizers drop more of them than BERT's).",
        "remove or replace the characters that vanish (zero-width spaces, \\ufeff, lone "
        f"accents and symbols) before training. Confirm: `{_check_data(scan)}`",
        causes=("a sentence longer than the model's 512 sub-tokens, whose tail gets none (BD208)",),
        tentative=True,
    )


def explain_subtoken_pool_empty(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`expected a non-empty list of Tensors` where flair pools a word's sub-tokens."""
    if not _subtoken_list_indexed(scan, hit.start):
        return None  # a list of the user's own, or a library's, came out empty
    return word_without_subtokens(hit.text.strip(), scan)


def explain_flair_token_mismatch(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A view of the sub-token embeddings fails after flair's `Tokenization MISMATCH in
    sentence`: a character the tokenizer drops left a word without sub-tokens."""
    if "Tokenization MISMATCH" not in scan.text:
        return None  # a view of anything else: no known cause
    return Diagnosis(
        "BD215",
        f"{hit.text.strip()[:80]}, after flair's 'Tokenization MISMATCH' warning: a word of "
        "the sentence became no sub-token (a symbol or invisible character the tokenizer "
        "drops), so the words and their sub-token embeddings no longer line up.",
        "remove or replace the characters that vanish (zero-width spaces, \\ufeff, symbols "
        f"outside the vocabulary) before training. Confirm: `{_check_data(scan)}`",
        tentative=True,
    )


# a model named as cased (bert-base-multilingual-cased, "a cased model"); "uncased" never
# matches: no separator or word boundary stands before its "cased"
CASED_MODEL_RE = re.compile(r"(?i)multilingual[-_ ]cased|[\w-]+[-_]cased\b|\bcased (?:model|vocab)")


# a tokenizer of a cased checkpoint loaded by its name alone: it takes its default casing
CASED_BY_NAME_RE = re.compile(
    r"Tokenizer\w*\.from_pretrained\(\s*['\"][^'\"\n]*[-_]cased['\"]\s*\)"
)

# BERT's [UNK] seen (not a SentencePiece-style <unk> the reporter set as a custom token)
UNK_SEEN_RE = re.compile(r"(?i)\[unk\]|\bunk token|\bunknown token|'UNK'|(?<!<)\bUNK\b(?!>)")


def _only_cased_loaded(text: str) -> bool:
    """Every checkpoint the text loads by name is a cased one: its vocabulary has capitals."""
    names = re.findall(r"from_pretrained\(\s*['\"]([^'\"\n]+)['\"]", text)
    return bool(names) and all(CASED_MODEL_RE.search(n) for n in names)


def explain_casing_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The tokenizer's casing against the checkpoint's, from transformers' warning or the
    reporter's words: a cased model lower-cased (do_lower_case=True, the default when the
    folder has no tokenizer_config.json), or an uncased vocabulary given capitals (do_lower_case
    False), whose capitalised words become [UNK]."""
    text = scan.text
    warned = "is a cased model but you have not set" in hit.text
    lowered = re.search(r"do_lower_case\s*[=:]\s*`?(?:True|true)|(?i:lower[- ]?cas|lowercas)", text)
    kept = re.search(r"do_lower_case`?(?:\s*[=:]\s*|\s+is\s+)`?(?:False|false)", text)
    unk = UNK_SEEN_RE.search(text)
    capitals = re.search(r"(?i)capital|upper[- ]?case|case[- ]sensitive", text)
    # a cased model loaded with do_lower_case=False is the setting pasted with the code, not the
    # cause, unless a run that did not fail also loads it by name alone (the default casing)
    named = "do_lower_case" in text and (
        not kept or (not scan.failed and CASED_BY_NAME_RE.search(text) is not None)
    )
    if warned or (CASED_MODEL_RE.search(text) and (lowered or named)):
        why = (
            "a cased checkpoint is lower-cased by its tokenizer (do_lower_case=True, the "
            "default of BertTokenizer when the folder has no tokenizer_config.json): the "
            "capitals the model was trained with never reach it"
        )
        fix = (
            "load the tokenizer with do_lower_case=False for a cased model, and save a "
            'tokenizer_config.json with "do_lower_case": false next to its vocab.txt'
        )
    elif unk and (kept or capitals) and not _only_cased_loaded(text):
        why = (
            "capitalised words become [UNK]: the vocabulary is uncased (it has no capital "
            "letters) and the tokenizer keeps the case (do_lower_case=False)"
        )
        fix = (
            "lower-case the text for an uncased vocabulary (do_lower_case=True, or the "
            "checkpoint's tokenizer_config.json), or use a cased checkpoint"
        )
    else:
        return None
    return Diagnosis(
        "BD315",
        f"the tokenizer's casing disagrees with the checkpoint: {why}.",
        f"{fix}. Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=not warned,
    )


# a model of the RoBERTa family: one token type only (type_vocab_size=1)
ONE_TOKEN_TYPE_MODEL_RE = re.compile(
    r"(?i)(?<![A-Za-z0-9_/-])(?:XLMRoberta|Roberta|Camembert|Longformer)[A-Za-z]*|"
    r"(?<![A-Za-z0-9_/-])(?:xlm-)?roberta-(?:base|large)\b|\bcamembert-base\b"
)
# a BERT that is named RoBERTa (hfl's chinese-roberta-wwm-ext: BERT's classes, two types)
BERT_NAMED_ROBERTA_RE = re.compile(r"(?i)chinese-roberta|roberta[-_]wwm|\bBert(?:Model|For\w+)\b")


def explain_roberta_token_types(hit: Hit, scan: Scan) -> Diagnosis | None:
    """token_type_ids with a 1 written into the code and given to a RoBERTa-family model, and
    the run failed (the error line may be cut off): its type embedding has one row only."""
    if not scan.failed and "Traceback" not in scan.text:
        return None
    model = ONE_TOKEN_TYPE_MODEL_RE.search(scan.text)
    if (
        not model
        or re.search(r"type_vocab_size\s*[=:]\s*[2-9]", scan.text)
        or BERT_NAMED_ROBERTA_RE.search(scan.text)
    ):
        return None
    return Diagnosis(
        "BD206",
        f"token_type_ids holding 1 went into {model.group(0)}, a model with type_vocab_size=1: "
        "RoBERTa-style models have one token type only, and its type embedding has no row 1.",
        "drop token_type_ids for this model (or pass all zeros); the tokenizer of a RoBERTa "
        f"model does not return them. Confirm: `{_check_data(scan)}`",
        tentative=True,
    )


def explain_unk_prose(hit: Hit, scan: Scan) -> Diagnosis:
    """The reporter shows the tokenizer's output as [UNK] after [UNK]: with a cased model (or
    do_lower_case in sight), the tokenizer lower-cased and stripped accents, which breaks
    Hangul and accented words into pieces a cased vocabulary lacks; otherwise the vocabulary
    does not cover the text."""
    # emoji, punctuation, or characters the vocabulary lacks (traditional Chinese): no casing
    # can help ("'!' and '?' should be recognized")
    uncovered = re.search(
        # (the punctuation as what turns into [UNK], not "I already strip punctuation")
        r"(?i)emoji|表情|traditional|繁体|标点[^\n。]{0,12}(?:unk|缺)|punctuation[^\n.]{0,40}"
        r"(?:\[?unk|missing|not in)|['\"`][!?.,;:%/]['\"`] (?:and|or) ['\"`][!?.,;:%/]['\"`]",
        scan.prose,
    )
    if not uncovered and (CASED_MODEL_RE.search(scan.text) or "do_lower_case" in scan.text):
        return Diagnosis(
            "BD315",
            "the tokenizer turns the words into [UNK] with a cased model: it lower-cases and "
            "strips accents (do_lower_case=True, the default of BertTokenizer and of older "
            "scripts), which takes Hangul and accented letters apart into pieces the cased "
            "vocabulary does not have.",
            "load the tokenizer with the checkpoint's casing: do_lower_case=False for a *-cased "
            "model (AutoTokenizer reads it from tokenizer_config.json). Confirm: "
            f"`bertdoctor check-model {scan.model_arg}`",
            tentative=True,
        )
    return Diagnosis(
        "BD211",
        f"the tokenizer turns the words into [UNK] ({hit.text.strip()[:60]!r}): its vocabulary "
        "does not cover the text "
        "(emoji, characters of another script or variant, an uncased vocabulary on cased "
        "text).",
        "use a model whose vocabulary covers the language (a multilingual or the language's own "
        f"BERT). Confirm: `{_check_data(scan)}`",
        tentative=True,
    )


# `max_seq_len - len(tokens)`, `tokenizer.max_seq_len-idx2graph[i].shape[0]`: room left to pad
PAD_ROOM_RE = re.compile(r"\bmax_?\w*len\w*\s*-\s*[A-Za-z0-9_.\[\]]+")


def explain_negative_pad(hit: Hit, scan: Scan) -> Diagnosis | None:
    """numpy.pad's `index can't contain negative values` where the pad width is the maximum
    length minus the example's: an example longer than the maximum length."""
    room = PAD_ROOM_RE.search(scan.zone) or PAD_ROOM_RE.search(scan.text)
    if room is None:
        return None  # a pad width of the user's own arithmetic
    return Diagnosis(
        "BD208",
        f"the pad width `{room.group(0)}` is negative: an example is longer than the maximum "
        "length it is padded to, and numpy.pad cannot pad by a negative amount.",
        "truncate every sequence (and the matrices built from it, such as a dependency graph) to "
        "the maximum length before padding, or raise the maximum to the longest example. "
        f"Confirm: `{_check_data(scan)}`",
    )


# the reader's own check that a line holds its fields: `assert len(splits) == 2`
SPLIT_ASSERT_RE = re.compile(
    r"assert len\((?:splits?|parts|fields|items|cols|columns|segs|pieces|[\w.]+\.split\([^)\n]*\))"
    r"\) ?== ?(?P<n>\d+)"
)


def explain_split_assert(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`assert len(splits) == 2` in a reader: a line of the data file without the fields the
    reader expects (a token without its label, a test file written without labels)."""
    before = _lines_before(scan, hit.start, 400)
    m = SPLIT_ASSERT_RE.search(before[-1]) if before else None
    frames = [f for f in scan.frames if f.pos < hit.start]
    reader = bool(frames and DATA_READER_RE.search(frames[-1].func))
    bare = scan.exception.split("\n", 1)[0].strip() == "AssertionError"
    shown = bool(before and before[-1].lstrip().startswith("assert"))  # another assert's line
    if m is None and not (reader and bare and not shown):
        return None
    what = f"`{m.group(0)}` failed" if m else f"an assertion in {frames[-1].func.strip()} failed"
    fields = f"the {m.group('n')} fields it expects" if m else "the fields it expects"
    return Diagnosis(
        "BD217",
        f"{what}: a line of the data file does not split into {fields} (a token "
        "without its label, a label column left out of a test file, a separator other than "
        "the one the reader splits on, a token that holds a space).",
        "find the line (print it before the assert) and give every line the same fields, "
        "separated as the reader expects; at prediction time write a placeholder label "
        f"(O) beside each token. Confirm: `{_check_data(scan)}`",
        # without the assert's line, only the reader's name says what it checked
        tentative=m is None,
    )


def explain_json_decode_reraised(hit: Hit, scan: Scan) -> Diagnosis:
    """`__init__() missing 2 required positional arguments: 'doc' and 'pos'`: a DataLoader
    worker's json.JSONDecodeError, raised again in the parent by torch with its message only
    (JSONDecodeError needs doc and pos): a JSON file of the data that does not parse."""
    reraised = bool(re.search(r"exc_type\(|_process_next_batch|reraise", scan.zone))
    return Diagnosis(
        "BD217",
        "a DataLoader worker failed on json.JSONDecodeError, a JSON file that does not parse "
        "(an empty or truncated file, a file cut while it was written), and torch could not "
        "raise it again in the main process: JSONDecodeError needs the arguments doc and pos.",
        "load the dataset with num_workers=0 to see the JSONDecodeError and its file, then "
        "rewrite or drop the empty or broken JSON file (find empty ones with `find DIR -size "
        f"0`). Confirm: `{_check_data(scan)}`",
        tentative=not reraised,
    )


def explain_pandas_json(hit: Hit, scan: Scan) -> Diagnosis | None:
    """pandas' read_json: `ValueError: Expected object or value`."""
    if not re.search(r"read_json|pandas[\\/]io[\\/]json", scan.recent):
        return None  # another library's JSON reader
    return Diagnosis(
        "BD217",
        "pandas could not parse the JSON data file (`Expected object or value`): the file is "
        "JSON Lines (one record per line) read as one document, holds a record that is not "
        "valid JSON, or the path does not exist and pandas read the path itself as JSON.",
        "read JSON Lines with pd.read_json(path, lines=True), check that the path exists from "
        "the working directory, and fix the record that does not parse. Confirm: "
        "`bertdoctor check-data TRAIN_FILE`",
        tentative=True,
    )


def explain_target_names(hit: Hit, scan: Scan) -> Diagnosis:
    """scikit-learn's classification_report: `Number of classes, N, does not match size of
    target_names, M`."""
    n, m = int(hit.groups["n"]), int(hit.groups["m"])
    if n < m:
        return Diagnosis(
            "BD213",
            f"classification_report found {n} classes in the labels and predictions but was "
            f"given {m} target_names: this split lacks {m - n} of the declared classes, which "
            "occur neither as a label nor as a prediction.",
            "pass labels=list(range(len(target_names))) to classification_report so that absent "
            "classes show with zero support, and check that every class occurs in the "
            "evaluation split. Confirm: `bertdoctor check-data TRAIN_FILE DEV_FILE`",
        )
    return Diagnosis(
        "BD205",
        f"classification_report found {n} classes in the labels and predictions but only {m} "
        "target_names: the data or the predictions hold label ids that the declared label list "
        "does not name.",
        "give target_names the full label list the model was trained with (its id2label), and "
        "check the data's labels against it. Confirm: `bertdoctor check-data TRAIN_FILE "
        "DEV_FILE`",
    )


def explain_base64_padding(hit: Hit, scan: Scan) -> Diagnosis | None:
    """binascii's `Incorrect padding` while a loader base64-decodes the fields of a data file
    (the image features of a .tsv): a truncated or corrupt line of the file."""
    if not re.search(r"b64decode|base64", scan.zone) or not DATA_FILE_RE.search(scan.zone):
        return None
    return Diagnosis(
        "BD217",
        "a base64 field of the data file does not decode (Incorrect padding): a line of the "
        "file is truncated or corrupt (a download or an extraction that stopped early).",
        "check the file's size or checksum against the source and download or extract it "
        "again; to find the line, decode each row in a try/except and print the row number. "
        f"Confirm: `{_check_data(scan)}`",
        tentative=True,
    )


DATA_FILE_RE = re.compile(r"[\w-]+\.(?:tsv|csv|jsonl?|txt|lmdb|h5|hdf5)\b")


def explain_auc_one_class(hit: Hit, scan: Scan) -> Diagnosis | None:
    """scikit-learn's ROC AUC on a label column with one class in the evaluation split."""
    if "class present" not in hit.text and "roc_auc" not in scan.zone:
        return None
    return Diagnosis(
        "BD213",
        "ROC AUC needs both classes in y_true, and the evaluation split has only one for a "
        "label (a multi-label column that is all 0 or all 1 there, or a split too small for a "
        "rare class).",
        "split with stratification (train_test_split(..., stratify=labels); for multi-label "
        "data an iterative stratification), and compute the AUC only over the columns that "
        "hold both classes. Confirm: `bertdoctor check-data TRAIN_FILE DEV_FILE`",
    )


def explain_auc_columns(hit: Hit, scan: Scan) -> Diagnosis:
    """scikit-learn's multi-class ROC AUC: `Number of classes in y_true not equal to the number
    of columns in 'y_score'`: the model's head has another number of outputs than the
    evaluation labels have classes."""
    return Diagnosis(
        "BD205",
        "the multi-class ROC AUC got probabilities with one column per output of the model and "
        "labels with another number of classes: the head was built for another label set than "
        "the data's (a task name or num_labels of a 3-class task on binary data), or a class "
        "is missing from the evaluation split.",
        "build the model with num_labels equal to the data's number of classes (for a "
        "binary task: a binary task name, num_labels=2, and roc_auc_score on the positive "
        "column, probs[:, 1]); pass labels=range(num_labels) to roc_auc_score if a split may "
        "lack a class. Confirm: `bertdoctor check-data TRAIN_FILE DEV_FILE`",
        causes=(
            "the model's num_labels differs from the data's classes (BD205)",
            "a class is missing from the evaluation split (BD213)",
        ),
        tentative=True,
    )


def explain_ort_gather(hit: Hit, scan: Scan) -> Diagnosis:
    """ONNX Runtime's `Gather node ... indices element out of data bounds, idx=101 must be
    within the inclusive range [-2,1]`: an embedding lookup of an exported model, whose table
    size tells which input is out of range (2 rows: token types; 512: positions)."""
    index, rows = int(hit.groups["index"]), int(hit.groups["high"]) + 1
    code, table, fix = (
        (
            "BD206",
            "the token type table",
            "feed token_type_ids of 0 and 1 only, in the slot the "
            "exported graph names token_type_ids (print session.get_inputs() for the order)",
        )
        if rows <= 4
        else (
            "BD208",
            "the position table",
            "truncate the inputs to max_length before the session runs them",
        )
        if 511 <= rows <= 514
        else (
            "BD207",
            "the word embedding",
            "encode with the tokenizer of the exported model, "
            "and pass the inputs in the order the graph names them",
        )
    )
    huge = abs(index) > 10 * max(rows, 1_000_000)
    return Diagnosis(
        code,
        f"ONNX Runtime's Gather got index {index} for a table of {rows} rows, most likely "
        f"{table}"
        + (
            ": an index this large is rather int32 data read as int64 (inputs built with the "
            "wrong dtype), or uninitialised dummy inputs at export."
            if huge
            else ": the inputs went into the wrong slots of the graph, or hold ids the table "
            "does not have."
        ),
        f"{fix}; build the inputs as int64 numpy arrays. Confirm: `{_check_data(scan)}`",
        tentative=True,  # the runtime names the Gather node, not the embedding
    )


# a web server's or task queue's worker processes, forked after the parent touched CUDA
SERVER_FORK_RE = re.compile(
    r"(?i)gunicorn|uwsgi|celery|seldon|flask|fastapi|uvicorn|django|multiprocessing\.Pool|"
    r"\bPool\(|ProcessPoolExecutor|\bray\b|--preload"
)
# data loading: the place BD606 names
DATA_LOADING_RE = re.compile(
    r"(?i)__getitem__|collate|DataLoader|num_workers|\biterat\w*|dataset|\bbatch(?:es)?\b"
)


def explain_cuda_forked_worker(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Cannot re-initialize CUDA in forked subprocess` from DataLoader workers: a Dataset or
    collate_fn that moves tensors to the GPU, run in forked worker processes. A web server's
    or task queue's forked workers are another matter, which no rule covers."""
    # the report's end (its code, traceback and words): the whole of a long log would match
    # any "flask" or "dataset" of an earlier line, and cost a second on 10 MB
    text = scan.recent
    if SERVER_FORK_RE.search(text) or not DATA_LOADING_RE.search(text):
        return None
    in_getitem = re.search(
        r"(?s)(?:__getitem__|collate_fn).{0,600}?\.(?:cuda|to)\(", text
    ) or re.search(r"\.cuda\(\)[^\n]{0,80}?__getitem__", text)
    return Diagnosis(
        "BD606",
        "CUDA was used inside a DataLoader worker: the Dataset (its __getitem__) or the "
        "collate_fn moves tensors to the GPU, and worker processes forked from a parent that "
        "already set up CUDA cannot set it up again.",
        "return CPU tensors from the Dataset and collate_fn and move the whole batch to the GPU "
        "in the training loop (batch = {k: v.to(device) for k, v in batch.items()}); or "
        f"num_workers=0. Confirm: `bertdoctor check-script {scan.script}`",
        tentative=not in_getitem,
    )


# an accuracy the report gives: the words, then (within the sentence) the numbers after them
ACCURACY_WORD_RE = re.compile(r"(?i)\b(?:eval_)?acc(?:uracy|uracies)?\b|准确率|正确率")
# the first value after the word, joined to it by a verb or a colon only ("accuracy is about
# 7%", "eval_accuracy": 0.066, "acc只有0.1"): a later number is something else (the epoch,
# the run time, a warmup ratio); a value is a percentage, a fraction or a number with decimals
ACCURACY_VALUE_RE = re.compile(
    r"(?i)^(?:[\s\"'`:=：~]|(?:is|was|are|were|of|about|only|around|approximately|just|"
    r"reaches|reached|stays?|stayed|remains?|remained|at|still|always|below|under|<)\b|<|为|是|"
    r"只有|只|一直是|一直|始终|大约|约|仅|都)*"
    r"(?P<v>\d{1,3}(?:\.\d+)?\s*%|(?:0?\.\d+|\d{1,2}\.\d+)(?!\.?\d))"
)
ACCURACY_CHANGE_RE = re.compile(
    r"(?i)\b(?:improv|increas|decreas|drop|gain|boost|lower|higher|better|worse|differ|loss|"
    r"lr\b)|提升|下降|提高|降低"
)
# a line that is a model's name and its score: "`multi_nli-xlnet-occ` : 5.53%"
NLI_SCORE_LINE_RE = re.compile(
    r"(?im)^[ \t*-]*[`'\"]?[\w.-]*nli[\w.-]*[`'\"]?[ \t]*:[ \t]*(?P<v>\d{1,2}(?:\.\d+)?)[ \t]*%"
    r"[ \t]*$"
)
# a zero-shot classifier built on an NLI model: its classes are the user's, not NLI's three
ZERO_SHOT_RE = re.compile(r"(?i)zero[- _]?shot|bart-large-mnli")


def _percent(value: str) -> float:
    number = float(value.rstrip("% \t"))
    return number if "%" in value or number > 1 else number * 100


def _accuracies(text: str) -> list[tuple[float, str]]:
    """(percent, as written) of every accuracy the text gives."""
    found = []
    for word in ACCURACY_WORD_RE.finditer(text):
        # (the sentence may wrap once: "the accuracy is\nabout 7%")
        window = text[word.end() : word.end() + 50].split("\n\n")[0].replace("\n", " ")
        if value := ACCURACY_VALUE_RE.match(window):
            found.append((_percent(value.group("v")), value.group("v").strip()))
    # "only get 7% accuracy": the number before the word (not "a 5% accuracy improvement")
    for m in re.finditer(
        r"(?i)(?<![\d.+±-])(\d{1,2}(?:\.\d+)?\s*%) (?:accuracy|acc)\b(?!\s+(?:improv|gain|"
        r"boost|increas|drop|decreas))",
        text,
    ):
        if not ACCURACY_CHANGE_RE.search(text[max(0, m.start() - 30) : m.start()]):
            found.append((_percent(m.group(1)), m.group(1)))
    found += [
        (_percent(m.group("v") + "%"), m.group("v") + "%") for m in NLI_SCORE_LINE_RE.finditer(text)
    ]
    return found


def explain_nli_below_chance(hit: Hit, scan: Scan) -> Diagnosis | None:
    """An NLI model (three classes, chance 33%) evaluated at 5-20% accuracy: worse than chance
    means systematically wrong, the predictions permuted against the data's label ids: the
    checkpoint's label order (MNLI's differs between checkpoints, GLUE's files and datasets)."""
    if scan.failed:
        return None  # an error stopped the run: that is the cause to explain
    if ZERO_SHOT_RE.search(scan.text):
        return None  # the user's own classes: their number, and chance, are not in the text
    # (the text, not the prose alone: an eval_results.json pasted in a code block)
    low = [(p, shown) for p, shown in _accuracies(scan.text) if 0.5 <= p < 20]
    if not low:
        return None
    shown = low[0][1]
    return Diagnosis(
        "BD205",
        f"the report gives an NLI accuracy of {shown}, far below the 33% of chance for three "
        "classes: the predictions are systematically wrong, so the model's label ids are a "
        "permutation of the data's (a fine-tuned checkpoint's entailment/neutral/contradiction "
        "order differs from the dataset's; MNLI checkpoints, GLUE's files and datasets each "
        "use their own).",
        "map the predicted ids to names through the model's config.id2label and compare names "
        "with the data's labels (run_glue.py does so since transformers 4.4), or fine-tune "
        f"with the data's own label order. Confirm: `{_check_data(scan)}`",
        tentative=True,
    )


# the reporter says the classes are imbalanced: "highly imbalanced", "a 1:10 ratio", "不平衡"
IMBALANCE_SAID_RE = re.compile(
    r"(?i)\b(?:im|un)balanc\w*|\bskewed\b|\brare class|\bminority class|"
    r"(?<![\d.])1\s*:\s*\d{2,}(?![\d.])|(?<![\d.])\d{2,}\s*:\s*1(?![\d.])|(?:不平衡|不均衡)"
)


def explain_majority_class_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: the classifier puts every example into the majority class, in a
    report that says the classes are imbalanced."""
    if scan.failed:
        return None  # an error stopped the run: that is the cause to explain
    if not IMBALANCE_SAID_RE.search(scan.text):
        return None  # one class for everything without a skew: a learning rate, a frozen model
    if re.search(
        r"(?i)\bbaseline (?:that |which )?(?:always |only )?predicts|majority[- ]class baseline",
        _sentence_at(scan.text, hit.start, hit.end),
    ):
        return None  # "a baseline that always predicts the majority class gets 95%"
    return Diagnosis(
        "BD213",
        f"the report says the model predicts the majority class ({hit.text.strip()[:80]!r}) "
        "on imbalanced classes: the loss is lowest early on by predicting the frequent class "
        "everywhere, and a run that never gets past that gives a high accuracy and no minority "
        "prediction at all.",
        "weight the loss by class (CrossEntropyLoss(weight=...) with inverse class frequencies), "
        "or over-sample the rare class / under-sample the frequent one; score with macro F1, "
        "not accuracy. Confirm: `bertdoctor check-data TRAIN_FILE` (the class counts)",
        tentative=True,
    )


# a length limit named: max_seq_length, max_len, "maximum sequence length", 512
LENGTH_NAMED_RE = re.compile(
    r"(?i)max_?(?:seq(?:uence)?_?)?len(?:gth)?|max(?:imum)? (?:sequence |input )?length|"
    r"sequence length|(?<![\d.])512(?![\d.])"
)
# a generated text (a summary, a decoder's output) cut at its own limit: no input truncation
GENERATION_RE = re.compile(r"(?i)\bgenerat\w+|summar\w+|max_new_tokens|\bdecoder\b|translat\w+")


def explain_truncated_tail_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: only the first part of a long input gets predictions (the bottom
    half of a page, the second sentence). The tokenizer cut the input at max_length."""
    if scan.failed:
        return None  # an error stopped the run: that is the cause to explain
    sentence = _sentence_at(scan.text, hit.start, hit.end)
    if re.search(
        r"(?i)\b(?:ocr|tesseract|yolo|detector|bounding box(?:es)? (?:is|are) missing)\b", sentence
    ):
        return None  # the text was never found on the page: an OCR or detection problem
    if re.search(
        r"(?i)annotat|\blabell?ed (?:\w+ )?in (?:my|the|our) (?:data|dataset|corpus)", sentence
    ) or (
        re.search(r"(?i)\bcorrectly\b|\brecall\b", sentence)
        and not re.search(r"(?i)\b(?:first|top|upper|bottom|second|lower)\b", hit.text)
        and not LENGTH_NAMED_RE.search(sentence)
    ):
        return None  # a score ("only half of the entities found correctly"), or unlabelled data
    if "truncat" in hit.text.lower() and (
        not LENGTH_NAMED_RE.search(scan.text) or GENERATION_RE.search(scan.text)
    ):
        return None  # output cut short with no input length in sight, or a generation limit
    return Diagnosis(
        "BD208",
        f"the report says only the first part of the input gets predictions "
        f"({hit.text.strip()[:80]!r}): the tokenizer cuts every input at max_length (at most "
        "the model's 512 positions), so the words after the cut get no label at all.",
        "split long inputs into windows that fit (return_overflowing_tokens=True with a stride) "
        "and predict each, or raise max_length up to the model's max_position_embeddings. "
        f"Confirm: `{_check_data(scan)}` (BD208 counts the examples longer than max_length)",
        tentative=True,
    )


def explain_no_predefined_max_length(hit: Hit, scan: Scan) -> Diagnosis | None:
    """transformers' notice `Asking to truncate to max_length but no maximum length is provided
    and the model has no predefined maximum length. Default to no truncation.`: truncation=True
    cut nothing. A cause only where something long is shown going in: an encoding of more
    than 512 tokens (an error about a length or a position has its own reading)."""
    lengths = [int(n) for n in re.findall(r"\bnum_tokens=(\d+)", scan.text)]
    longest = max(lengths, default=0)
    # a traceback after the notice, with no error line (a paste cut inside it) or one about a
    # length, an index or a size
    failed_after = any(f.pos > hit.end for f in scan.frames) and (
        not scan.exception or re.search(r"(?i)index|size|length|position|shape|512", scan.exception)
    )
    if longest <= 512 and not failed_after:
        return None  # the notice alone: nothing shown too long (it is only informational)
    shown = (
        f"an encoding of {longest} tokens is shown"
        if longest > 512
        else "a traceback follows it"
        + (f", `{scan.exception.strip()[:80]}`" if scan.exception else "")
    )
    return Diagnosis(
        "BD208",
        f"the tokenizer was asked to truncate but knows no maximum length (`{hit.text.strip()}`)"
        f" ({shown}): its model_max_length is unset (a "
        "tokenizer folder copied without tokenizer_config.json, or one saved that way), so "
        "truncation=True cut nothing and texts longer than the model's position table (512 for "
        "BERT) go in whole.",
        "pass max_length=512 with truncation=True, or set model_max_length=512 when loading the "
        "tokenizer (and copy tokenizer_config.json with the model). Confirm: "
        f"`{_check_data(scan, ' --max-length 512')}`",
        tentative=True,
    )


# a lookup by two token positions: `self.map_ij2k[s_i[0], s_i[1]]`, `span2id[(start, end)]`
POSITION_PAIR_LOOKUP_RE = re.compile(
    r"\w*(?:ij2|span|pair|pos|shaking|handshaking|grid)\w*\s*\[\s*\(?\s*[\w.]+(?:\[\d\])?\s*,\s*"
    r"[\w.]+(?:\[\d\])?\s*\)?\s*\]",
    re.I,
)


def explain_span_pair_keyerror(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`KeyError: (147, 150)` from a map of token-position pairs (TPLinker's map_ij2k, a span
    grid): an entity whose start and end lie past the positions the map was built for, the
    max_len the sentences were cut to."""
    lines = _source_lines(scan, hit.start)
    if not lines or not POSITION_PAIR_LOOKUP_RE.search(lines[-1]):
        return None  # a pair looked up elsewhere: no known cause
    start, end = hit.groups["i"], hit.groups["j"]
    return Diagnosis(
        "BD208",
        f"`{lines[-1].strip()[:80]}` has no entry for the position pair ({start}, {end}): the "
        "map holds the pairs of the first max_len token positions, and an entity of this "
        f"example ends at position {end}, past them: the sentence is longer than max_len and "
        "its entity spans were not cut with its tokens.",
        "drop the entities that end past max_len when the sentence is truncated (or split long "
        "sentences into windows before tokenizing), or raise max_len. Confirm: "
        f"`{_check_data(scan, ' --max-length MAX_LEN')}`",
        tentative=True,  # the map could also lack the pair for a span with start > end
    )


# a family whose checkpoints have 512 positions (RoBERTa's 514 hold 512 tokens)
POSITIONS_512_FAMILY_RE = re.compile(
    r"(?i)(?<![a-z])(?:bert|roberta|electra|albert|distilbert|macbert|ernie|xlm-roberta)"
    r"(?:-(?:base|large|small|tiny|chinese|uncased|cased|multilingual)\b|For[A-Z]\w*|Model\b)"
)
# models that take longer inputs: their max_length of thousands is no mistake
LONG_INPUT_MODEL_RE = re.compile(
    r"(?i)longformer|big_?bird|deberta|xlnet|modernbert|nomic|jina|bge-m3|\bled\b|reformer|"
    r"\bt5\b|gpt|llama|qwen|mistral|max_position_embeddings\s*=\s*(?!512\b)\d{4}"
)


def explain_max_length_code(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Pasted code that tokenizes with max_length above 512 (`max_length=4072`) for a model of
    512 positions, and a report of an error: the padded or kept sequences pass the position
    embeddings."""
    line = _line_at(scan.text, hit.start)
    if re.search(r"generate\(|pipeline\(|\.encode\(\s*\[", line):
        return None  # a generation length, not the encoder's input
    # the model is named near the code or at the top of the report
    family = POSITIONS_512_FAMILY_RE.search(scan.ends)
    if not family or LONG_INPUT_MODEL_RE.search(scan.ends):
        return None
    if scan.model and (scan.model.max_position_embeddings or 0) > 514:
        return None  # the model given has more positions than BERT's
    if not ERROR_SAID_RE.search(scan.prose or scan.text):
        return None  # the code only: nothing said to fail
    n = hit.groups["n"]
    # the call up to the argument: `tokenizer(train_text, truncation=True, ..., max_length=4072`
    end = hit.end - _line_start(scan.text, hit.start)
    call = line[:end].strip()
    call = call if len(call) <= 90 else "..." + call[-87:]
    return Diagnosis(
        "BD208",
        f"the code tokenizes with max_length={n} (`{call}`) for "
        f"{family.group(0)}, whose position embeddings hold 512 tokens: sequences padded or "
        f"kept up to {n} tokens index positions the model does not have.",
        f"keep max_length at 512 or less (truncation=True, max_length=512); for longer texts "
        "split them into windows of 512 and pool the predictions, or use a long-input model "
        f"(Longformer, BigBird). Confirm: `{_check_data(scan, ' --max-length 512')}`",
        tentative=True,  # the error itself is not in the text
    )


def _without_marks(text: str) -> str:
    """The text as BERT's accent stripping leaves it: NFD, then no combining marks."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


# the vocabulary holds both forms: the checkpoint was pre-trained without accent stripping
BOTH_IN_VOCAB_RE = re.compile(
    r"(?i)both (?:of them )?(?:appears?|are|exists?) in (?:the )?vocab|"
    r"(?:in|appears? in) (?:the )?vocab(?:\.txt| file)?[^\n.]{0,20}?\bboth\b|"
    r"vocab(?:\.txt| file)? (?:has|contains|holds|includes) both"
)


def explain_accents_merged_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter shows the tokenizer reading two characters as one ('が' the same as 'か',
    'é' as 'e') that differ only by a combining mark, and the vocabulary has both: the
    tokenizer lower-cases and so strips accents (do_lower_case=True, BertTokenizer's default)
    while the checkpoint was pre-trained without it."""
    a, b = hit.groups["a"], hit.groups["b"]
    if a == b or _without_marks(a) != _without_marks(b):
        return None  # not one character with and without its mark
    if not BOTH_IN_VOCAB_RE.search(scan.text):
        # an uncased checkpoint strips accents by design, and a tokenizer trained afresh
        # (BertWordPieceTokenizer) does what it was told: no checkpoint to disagree with
        return None
    return Diagnosis(
        "BD315",
        f"the tokenizer reads {a!r} and {b!r} as the same piece though the vocabulary has both: "
        "it lower-cases, and lower-casing in BERT's tokenizer also strips accents (NFD, then "
        "drops the combining marks such as the dakuten), while the checkpoint was pre-trained "
        "without that, so its casing and the tokenizer's disagree.",
        "load the tokenizer with do_lower_case=False (and strip_accents=False for a fast "
        "tokenizer), or from the checkpoint's own tokenizer_config.json. Confirm: `bertdoctor "
        f"check-model {scan.model_arg}`",
        tentative=True,
    )


def explain_offsets_label_count(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`NumPy boolean array indexing assignment cannot assign 88 input values to the 87 output
    values where the mask is true`: the transformers tutorial's encode_tags, which puts the word
    labels at the tokens whose offset starts at 0, found another number of such tokens than
    there are labels."""
    if not re.search(
        r"(?i)offset|encode_tags|\btags?\b|\blabels?\b|\bner\b|token.?classif", scan.text
    ):
        return None  # a mask assignment of the user's own, not word labels onto tokens
    labels, starts = hit.groups["a"], hit.groups["b"]
    return Diagnosis(
        "BD209",
        f"{labels} word labels were assigned to {starts} tokens that start a word: the labels "
        "are put at the tokens whose offset_mapping starts at 0, and the tokenizer does not "
        "start exactly one token per word (a character its normalizer expands or drops, such "
        "as a ligature or a zero-width space; a SentencePiece '▁' piece of its own; a word "
        "split on punctuation), so labels and tokens no longer line up.",
        "align the labels with word_ids() of a fast tokenizer (label on the first sub-word of "
        "each word, -100 on the rest) instead of counting offsets, and drop or normalise the "
        f"characters that vanish or expand. Confirm: `{_check_data(scan)}`",
        tentative=True,  # the count alone does not say which character broke it
    )


def explain_fields_different_lengths(hit: Hit, scan: Scan) -> Diagnosis:
    """DyGIE++'s data check: `For document X, fields have different lengths: {'sentences': 5,
    'ner': 12, 'relations': 12}`: the annotations are not lists per sentence."""
    counts = {k: int(v) for k, v in re.findall(r"'(\w+)': (\d+)", hit.groups["fields"])}
    sentences = counts.pop("sentences", None)
    longer = sentences is not None and any(n > sentences for n in counts.values())
    how = (
        "these hold more entries than there are sentences (one per entity or relation): the "
        "conversion to the JSON format flattened them"
        if longer
        else "a field has fewer entries than there are sentences: the conversion left out the "
        "empty list of a sentence without entities or relations"
    )
    return Diagnosis(
        "BD217",
        f"document {hit.groups['doc']} has fields of different lengths "
        f"({hit.groups['fields']}): every field must hold one list per sentence (ner[i] the "
        f"entities of sentences[i]), and {how}.",
        "group the entities and relations by the sentence they fall in (an empty list for a "
        "sentence with none), so that len(ner) == len(relations) == len(sentences). Confirm: "
        f"`{_check_data(scan)}`",
    )
