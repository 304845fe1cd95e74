"""`bertdoctor check-data`: label, -100, alignment, length and tokenizer problems, before training.

``check_data_report(paths, *, model=None, task=None, num_labels=None, labels_file=None,
max_length=None, crf=False, show_progress=False) -> Report`` reads each file once (streaming,
see data_scan.py), runs the per-file checks on what the scan kept, then the cross-split checks
(unseen labels, absent classes, leakage) of every later file against the earlier ones: give the
train file first. Each file is one Section with its numbers in ``Section.data``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..findings import DoctorError, Finding, Location, Report, Section, plural
from ..readers import Tally, open_source
from ..render import lines_of, progress, render_bars
from ..runner import check, run_checks
from .data_scan import IGNORE, Context, FileScan, scan_source

UNK_RATE = 0.01
MINORITY = 0.01


def _locs(scan: FileScan, lines: Sequence[int | None]) -> list[Location]:
    """Up to five distinct places, in the order given."""
    unique = list(dict.fromkeys(lines))[:5]
    return [Location(scan.path, line) for line in unique]


def _id_range(lo: int, hi: int) -> str:
    return f"id {lo}" if lo == hi else f"ids {lo}..{hi}"


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _str_labels(scan: FileScan) -> list[str]:
    return [k for k in scan.labels if isinstance(k, str)]


def _entity_types(counts: Counter) -> Counter:
    """Entities per type from B-/S- tags (IOB2/BIOES); empty if the tags are not prefixed."""
    out: Counter = Counter()
    for tag, n in counts.items():
        if isinstance(tag, str) and len(tag) > 2 and tag[:2] in ("B-", "S-") and "," not in tag:
            out[tag[2:]] += n
    return out


# ---------------------------------------------------------------- label ids and values


@check("BD201")
def check_label_ids_in_range(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    if ctx.num_labels is None:
        return
    names = ctx.label_names
    bad = scan.seen("id-over")
    if bad:
        ids = ", ".join(str(v) for v in sorted(bad.values))
        known = f" ({', '.join(names[:8])}{', ...' if len(names) > 8 else ''})" if names else ""
        yield Finding.of(
            "BD201",
            f"{plural(bad.count, 'label id')} >= num_labels={ctx.num_labels} (ids {ids}); "
            f"the model has {ctx.num_labels} outputs{known}",
            locations=_locs(scan, bad.lines),
            fix="add the missing labels to id2label/label2id and num_labels, or fix the ids",
        )
    strings = _str_labels(scan)
    if strings and names is None and len(strings) > ctx.num_labels:
        yield Finding.of(
            "BD201",
            f"{len(strings)} distinct labels in the data but num_labels={ctx.num_labels}: "
            f"{_id_range(ctx.num_labels, len(strings) - 1)} would be out of range "
            "(device-side assert on the GPU)",
            locations=[Location(scan.path, None)],
            fix=f"build the model with num_labels={len(strings)} and id2label from the data's "
            "label list",
        )


@check("BD202")
def check_negative_labels(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.seen("negative")
    if bad:
        yield Finding.of(
            "BD202",
            f"{plural(bad.count, 'negative label')} other than -100 ({bad.top()}): "
            "only -100 is ignored by the loss, any other negative id is out of range",
            locations=_locs(scan, bad.lines),
            fix="map the labels onto 0..num_labels-1 (e.g. -1 -> 0), or use -100 to ignore",
        )


@check("BD203")
def check_ignore_index_allowed(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.seen("ignore")
    if not bad:
        return
    if ctx.crf:
        yield Finding.of(
            "BD203",
            f"{plural(bad.count, 'example')} with -100 labels, given to a CRF (--crf): "
            "the CRF indexes its transitions with every tag "
            "(IndexError: index -100 is out of bounds)",
            locations=_locs(scan, bad.lines),
            fix="put a valid tag (e.g. 0) where the label is -100 and pass mask=labels.ne(-100) "
            "to the CRF",
        )
    elif scan.task in ("cls", "pair"):
        yield Finding.of(
            "BD203",
            f"{plural(bad.count, 'example')} with label -100 in sentence classification: the "
            "loss skips them and metrics crash on them",
            locations=_locs(scan, bad.lines),
            fix="give every example a real class, or drop the unlabeled ones",
        )


@check("BD204")
def check_examples_keep_a_label(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.seen("all-ignored")
    if bad:
        why = "; ".join(str(v) for v, _ in bad.values.most_common(3))
        yield Finding.of(
            "BD204",
            f"{plural(bad.count, 'example')} with no label left after alignment/truncation "
            f"({why}): a batch of only such examples gives loss = nan",
            locations=_locs(scan, bad.lines),
            fix="drop these examples before training: "
            "ds.filter(lambda ex: any(l != -100 for l in ex['labels']))",
        )


_TAG_OK = re.compile(r"^[^\s,;|]+$")


@check("BD205")
def check_label_set(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    strings = _str_labels(scan)
    # tags of token classification only: class names such as "not offensive" hold spaces
    malformed = [t for t in strings if not _TAG_OK.match(t)] if scan.task == "ner" else []
    if malformed:
        n = sum(scan.labels[t] for t in malformed)
        shown = ", ".join(repr(t) for t in sorted(malformed, key=lambda t: -scan.labels[t])[:4])
        lines = sorted(scan.label_lines[t] or 0 for t in malformed)
        yield Finding.of(
            "BD205",
            f"{plural(n, 'tag')} of {plural(len(malformed), 'malformed label')} such as "
            f"{shown}: comma-joined multi-tags or tags with spaces become extra classes",
            locations=_locs(scan, lines),
            fix="keep one tag per token from one label list (e.g. the first of the joined tags), "
            "or use the gold file",
        )
    by_lower: dict[str, list[str]] = {}
    for t in strings:
        by_lower.setdefault(t.lower(), []).append(t)
    variants = [sorted(v) for v in by_lower.values() if len(v) > 1]
    if variants:
        yield Finding.of(
            "BD205",
            f"{plural(len(variants), 'label')} written in more than one case: "
            + "; ".join(" vs ".join(v) for v in variants[:4]),
            locations=_locs(scan, sorted(scan.label_lines[t] or 0 for v in variants for t in v)),
            fix="normalise the labels to one spelling before building label2id",
        )
    names = ctx.label_names
    if names is None or not strings:
        return
    missing = [t for t in strings if t not in names]
    if missing:
        n = sum(scan.labels[t] for t in missing)
        source = ctx.labels_file or "the model's id2label"
        shown = ", ".join(
            f"{t} ×{scan.labels[t]}" for t in sorted(missing, key=lambda t: -scan.labels[t])[:5]
        )
        yield Finding.of(
            "BD205",
            f"{plural(len(missing), 'label')} ({plural(n, 'occurrence')}) not in {source} "
            f"({len(names)} labels: {', '.join(names[:6])}{', ...' if len(names) > 6 else ''}): "
            f"{shown}",
            locations=_locs(scan, sorted(scan.label_lines[t] or 0 for t in missing)),
            fix="build the model's id2label/label2id (and num_labels) from the data's labels, "
            "or point --model at the model trained for this label set",
        )
    unused = [t for t in names if t not in scan.labels]
    # only on a real training file: a sample of a few sentences need not hold every label
    big = scan.examples >= 100
    if unused and big and scan is ctx.first_scan and scan.task == "ner" and not missing:
        yield Finding.of(
            "BD205",
            f"{plural(len(unused), 'label')} of {ctx.labels_file or 'the model'} "
            f"{_verb(len(unused), 'never occurs', 'never occur')} in "
            f"{Path(scan.path).name}: {', '.join(unused[:6])}{' ...' if len(unused) > 6 else ''}"
            ": outputs the model cannot learn",
            locations=[Location(scan.path, None)],
            fix="build id2label from the training data's labels, or check that this is the "
            "right training file",
            severity="warning",
        )


@check("BD205")
def check_label_order(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    """--labels against the model's id2label: the same names must have the same ids."""
    model_names = ctx.model.labels if ctx.model is not None else None
    file_names = ctx.file_labels
    if not model_names or not file_names or scan is not ctx.first_scan:
        return
    if len(file_names) != len(model_names):
        yield Finding.of(
            "BD205",
            f"{ctx.labels_file} lists {len(file_names)} labels, the model's id2label "
            f"{len(model_names)}",
            locations=[Location(str(ctx.labels_file), None)],
            fix="use one label list for the data and the model's config",
        )
    elif file_names != model_names:
        diff = [i for i, (a, b) in enumerate(zip(file_names, model_names, strict=False)) if a != b]
        i = diff[0]
        yield Finding.of(
            "BD205",
            f"{ctx.labels_file} and the model's id2label differ at {plural(len(diff), 'id')}: "
            f"id {i} is {file_names[i]!r} in {Path(ctx.labels_file).name} but "
            f"{model_names[i]!r} in the model",
            locations=[Location(str(ctx.labels_file), i + 1)],
            fix="write id2label in the same order as the label list the ids were made with",
        )


@check("BD218")
def check_label_types(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    types = {t for t in scan.label_types if t not in ("missing",)}
    if {"int", "str"} <= types:
        ints = [k for k in scan.labels if type(k) is int][:3]
        strs = [k for k in scan.labels if isinstance(k, str)][:3]
        lines = [scan.label_lines[k] for k in ints + strs]
        yield Finding.of(
            "BD218",
            f"integer and string labels in one file (e.g. {ints} and {strs}): a header row or "
            "a stray value inside the data",
            locations=_locs(scan, sorted(x or 0 for x in lines)),
            fix="use one kind of label; remove the stray rows",
        )
    floats = scan.seen("float-label")
    if floats:
        yield Finding.of(
            "BD218",
            f"{plural(floats.count, 'label')} with fractional values ({floats.top()}): "
            "CrossEntropyLoss needs integer class indices",
            locations=_locs(scan, floats.lines),
            fix="round or map the labels to class ids; for regression use num_labels=1",
        )
    elif "float" in types and (scan.task in ("cls", "pair") or scan.format == "pt"):
        shown = [k for k in scan.labels if isinstance(k, float)][:4]
        yield Finding.of(
            "BD218",
            f"labels are floats ({', '.join(map(str, shown))}) where class indices are expected: "
            "expected scalar type Long but found Float",
            locations=_locs(scan, [scan.label_lines[k] for k in shown]),
            fix="cast the labels to int (df['label'].astype(int), or torch.long)",
        )
    onehot = [k for k in scan.labels if isinstance(k, tuple) and _one_hot(k)]
    if onehot and scan.task in ("cls", "pair"):
        n = sum(scan.labels[k] for k in onehot)
        yield Finding.of(
            "BD218",
            f"{plural(n, 'label')} are one-hot vectors (e.g. {list(onehot[0])}) where class "
            "indices are expected: CrossEntropyLoss treats them as probabilities",
            locations=_locs(scan, sorted(scan.label_lines[k] or 0 for k in onehot)),
            fix="store the index of the 1 (argmax); keep vectors only for multi-label with "
            "problem_type='multi_label_classification'",
        )


def _one_hot(k: tuple) -> bool:
    return len(k) > 1 and all(v in (0, 1) for v in k) and sum(k) == 1


# ---------------------------------------------------------------- encoded tensors


@check("BD206")
def check_token_types(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.seen("token-type-over")
    if bad:
        size = (ctx.model.type_vocab_size if ctx.model else None) or 2
        assumed = "" if ctx.model else " (BERT's; give --model to check against yours)"
        yield Finding.of(
            "BD206",
            f"{plural(bad.count, 'row')} with token_type_ids >= type_vocab_size={size}{assumed} "
            f"(max {max(bad.values)}): IndexError: index out of range in self",
            locations=_locs(scan, bad.lines),
            fix="use token types 0 and 1 only: encode pairs with tokenizer(a, b)",
        )


@check("BD207")
def check_input_ids(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.seen("input-id-over")
    if bad and ctx.model is not None:
        yield Finding.of(
            "BD207",
            f"{plural(bad.count, 'row')} with input ids >= vocab_size={ctx.model.vocab_size} "
            f"(max {max(bad.values)}): encoded with a larger tokenizer",
            locations=_locs(scan, bad.lines),
            fix="encode with the model's own tokenizer, or model.resize_token_embeddings("
            "len(tokenizer)) after adding tokens",
        )


@check("BD220")
def check_padding_labels(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.seen("padding-labeled")
    if bad:
        yield Finding.of(
            "BD220",
            f"{plural(bad.count, 'padding position')} in {plural(len(bad.lines), 'row')}"
            f"{'+' if len(bad.lines) == 5 else ''} carry a class ({bad.top(3)}) where "
            "attention_mask is 0: the loss trains on padding",
            locations=_locs(scan, bad.lines),
            fix="pad labels with -100 (DataCollatorForTokenClassification does it)",
        )


# ---------------------------------------------------------------- alignment and length


@check("BD209")
def check_alignment(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.seen("count-mismatch")
    if bad:
        shown = ", ".join(f"{a} vs {b}" for (a, b), _ in bad.values.most_common(3))
        what = "input ids vs labels" if scan.format == "pt" else "tokens vs tags"
        yield Finding.of(
            "BD209",
            f"{plural(bad.count, 'example')} whose tag count differs from the token count "
            f"({what}: {shown})",
            locations=_locs(scan, bad.lines),
            fix="give every token exactly one tag (check the tokenizer split of the two files)",
        )
    if scan.subword_labeled and scan.subword_ignored:
        t = scan.ev["subword-labeled"]
        yield Finding.of(
            "BD209",
            f"non-first word pieces are labeled {scan.subword_labeled} times and -100 "
            f"{scan.subword_ignored} times: the labels follow no one alignment scheme",
            locations=_locs(scan, t.lines),
            fix="align with word_ids(): the label on the first piece of each word, -100 on the "
            "others",
        )
    shifted = scan.seen("shifted")
    if shifted:
        yield Finding.of(
            "BD209",
            f"{plural(shifted.count, 'row')} label a later word piece while the first piece of "
            "a word is -100: the word labels cannot be rebuilt through word_ids()",
            locations=_locs(scan, shifted.lines),
            fix="put each word's label on its first piece (word_ids() changes), -100 on the rest",
        )
    spans = scan.issues.get("span")
    if spans:
        yield Finding.of(
            "BD209",
            f"{plural(spans.count, 'entity span')} whose [start, end] does not match the "
            f"entity text ({spans.top(2)})",
            locations=_locs(scan, spans.lines),
            fix="recompute the offsets from the text (end inclusive as in CLUENER)",
        )


@check("BD208")
def check_lengths(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.seen("too-long")
    if not bad:
        return
    pos = ctx.max_positions
    over_pos = [n for n in bad.values.elements() if pos and n > pos] if pos else []
    limit = ctx.limit
    lost = ""
    if scan.task == "ner" and scan.format != "pt":
        at_least = "" if scan.length_unit == "word pieces" else "at least "
        lost = f"; truncation drops {at_least}" + plural(
            scan.dropped_entities, "entity", "entities"
        )
    unit = scan.length_unit
    longest = max(bad.values)
    if over_pos and (ctx.max_length is None or ctx.max_length > pos):
        yield Finding.of(
            "BD208",
            f"{plural(len(over_pos), 'example')} longer than max_position_embeddings={pos} "
            f"(up to {longest} {unit} with [CLS]/[SEP]){lost}: "
            "IndexError: index out of range in self without truncation",
            locations=_locs(scan, bad.lines),
            fix=f"tokenize with truncation=True, max_length={pos}, or split long examples",
            severity="error",
        )
    else:
        rate = bad.count / max(scan.examples, 1)
        yield Finding.of(
            "BD208",
            f"{plural(bad.count, 'example')} ({rate:.1%}) longer than max_length={limit} "
            f"(up to {longest} {unit} with [CLS]/[SEP]){lost}",
            locations=_locs(scan, bad.lines),
            fix=f"raise --max-length (longest: {longest}), or split long examples into "
            "windows (stride=, return_overflowing_tokens=True)",
        )


# ---------------------------------------------------------------- tags and text


@check("BD210")
def check_bio(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    prefixes = {t[:2] for t in _str_labels(scan) if len(t) > 2 and t[1] == "-"}
    if not prefixes & {"B-", "I-"}:
        return
    bioes = bool(prefixes & {"E-", "S-"})
    bad: Counter = Counter()
    lines: list[int] = []
    for (prev, cur), n in scan.transitions.items():
        if _bad_transition(prev, cur, bioes):
            bad[(prev, cur)] += n
            lines.extend(x or 0 for x in scan.transition_lines.get((prev, cur), []))
    if not bad:
        return
    total = sum(bad.values())
    shown = ", ".join(f"{a} → {b} ×{n}" for (a, b), n in bad.most_common(3))
    scheme = "BIOES" if bioes else "IOB2"
    mixed = bioes and any(p[:2] == "B-" and c[:2] not in ("I-", "E-") for p, c in bad)
    yield Finding.of(
        "BD210",
        f"{plural(total, 'tag')} break {scheme}{' (BIO and BIOES mixed)' if mixed else ''}: "
        f"{shown}",
        locations=_locs(scan, sorted(lines)),
        fix="start every entity with B- (or convert the file to one scheme); seqeval reads an "
        "orphan I- as a new entity",
    )


def _bad_transition(prev: Any, cur: Any, bioes: bool) -> bool:
    if not isinstance(cur, str) or not isinstance(prev, str):
        return False
    ptype = prev[2:] if len(prev) > 2 and prev[1] == "-" else None
    if len(cur) > 2 and cur[:2] in ("I-", "E-"):
        return not (prev[:2] in ("B-", "I-") and ptype == cur[2:])
    if bioes and len(prev) > 2 and prev[:2] in ("B-", "I-"):
        return True  # an open BIOES entity must continue with I-/E- of its type
    return False


@check("BD211")
def check_unk_rate(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    t = scan.ev.get("unk")
    if t is None or ctx.model is None:
        return
    if scan.task == "ner":
        n, total, what = scan.words_with_unk, max(scan.tokens, 1), "words"
    else:
        n, total, what = scan.unk_pieces, max(scan.pieces, 1), "word pieces"
    if n / total <= UNK_RATE:
        return
    yield Finding.of(
        "BD211",
        f"{n:,} of {total:,} {what} ({n / total:.1%}) become [UNK] with "
        f"{ctx.model.folder.name}'s tokenizer; most common: {t.top(6)}",
        locations=_locs(scan, t.lines),
        fix="use a model whose vocabulary covers this text (bert-base-chinese for Chinese), "
        "or normalise rare symbols (emoji, private-use characters) first",
    )


@check("BD212")
def check_casing(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    c = scan.casing
    if ctx.model is None or not c:
        return
    lower = ctx.model.lowercase
    ent_share = c["entity_cap"] / c["entity"] if c["entity"] else 0.0
    other_share = c["other_cap"] / c["other"] if c["other"] else 1.0
    if lower and c["entity"] >= 50 and ent_share >= 0.5 and other_share <= 0.25:
        yield Finding.of(
            "BD212",
            f"{ent_share:.0%} of entity words start with a capital against {other_share:.0%} "
            f"of other words, but {ctx.model.folder.name}'s tokenizer lower-cases: the case cue "
            "is thrown away",
            locations=[Location(scan.path, None)],
            fix="use a cased model (e.g. bert-base-cased) for cased NER text",
        )
    elif not lower and c["latin"] >= 500 and c["upper_any"] / c["latin"] < 0.005:
        yield Finding.of(
            "BD212",
            f"{c['latin']:,} Latin words and {c['upper_any']} with a capital: lower-cased text "
            f"given to the cased tokenizer of {ctx.model.folder.name}",
            locations=[Location(scan.path, None)],
            fix="use an uncased model for lower-cased text, or keep the original casing",
        )


@check("BD213")
def check_minority_classes(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    counts = _class_counts(scan)
    total = sum(counts.values())
    if total < 100 or len(counts) < 2:
        return
    rare = {k: n for k, n in counts.items() if n / total < MINORITY}
    if rare:
        what = "entities" if scan.task == "ner" else "examples"
        shown = ", ".join(
            f"{k!r}: {n} ({n / total:.1%})" for k, n in sorted(rare.items(), key=lambda kv: kv[1])
        )
        yield Finding.of(
            "BD213",
            f"{plural(len(rare), 'class', 'classes')} under 1% of the {total:,} {what}: {shown}",
            locations=[Location(scan.path, None)],
            fix="collect more examples, merge the class, or weight the loss "
            "(CrossEntropyLoss(weight=...))",
        )


def _class_counts(scan: FileScan) -> Counter:
    if scan.task == "ner":
        return _entity_types(scan.labels) or Counter(
            {k: n for k, n in scan.labels.items() if k not in ("O", IGNORE)}
        )
    return Counter({k: n for k, n in scan.labels.items() if k != IGNORE and k is not None})


CONFLICT_ERROR_SHARE = 0.01  # conflicting duplicates above this share of a file are an error


@check("BD214")
def check_duplicates(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    dup = scan.seen("duplicate")
    if dup:
        what = "sentence" if scan.task == "ner" else "text"
        yield Finding.of(
            "BD214",
            f"{plural(dup.count, 'duplicate ' + what)} within the file (first copies at lines "
            f"{', '.join(str(v) for v in list(dup.values)[:5])})",
            locations=_locs(scan, dup.lines),
            fix="deduplicate: df.drop_duplicates(subset=['text'])",
        )
    conflict = scan.seen("conflict")
    if conflict:
        # A few contradictory copies are noise that training survives (WNUT-17 train has 13 of
        # 3,394); past 1% of the file they are a labelling bug worth stopping for.
        share = conflict.count / max(1, scan.examples)
        yield Finding.of(
            "BD214",
            f"{plural(conflict.count, 'duplicate')} with a different label than the first copy "
            f"({share:.1%} of {scan.examples:,}; first copies at lines "
            f"{', '.join(str(v) for v in list(conflict.values)[:5])}): "
            "label noise the model cannot fit",
            locations=_locs(scan, conflict.lines),
            fix="decide one label per text, or drop the conflicting texts",
            severity="error" if share >= CONFLICT_ERROR_SHARE else "warning",
        )


@check("BD215")
def check_vanishing_words(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    t = scan.seen("vanish")
    if not t:
        return
    ent = scan.seen("vanish-entity")
    tail = f", {plural(ent.count, 'of them')} inside an entity ({ent.top(3)})" if ent else ""
    how = (
        f"{ctx.model.folder.name}'s tokenizer"
        if ctx.model is not None and ctx.tokenizer is not None
        else "BERT's text cleaning / an uncased tokenizer (give --model to check yours)"
    )
    yield Finding.of(
        "BD215",
        f"{plural(t.count, 'word')} {_verb(t.count, 'becomes', 'become')} zero word pieces "
        f"with {how} ({t.top(4)}){tail}: "
        "their labels silently disappear",
        locations=_locs(scan, t.lines),
        fix="drop these tokens and their tags before training, and align labels with "
        "word_ids() rather than by counting pieces per word",
    )


@check("BD216")
def check_encoding(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    issues = scan.issues
    dec = issues.get("decode")
    if dec:
        yield Finding.of(
            "BD216",
            f"{plural(dec.count, 'line')} not valid UTF-8: {_byte_kinds(dec)}; "
            "read with U+FFFD replacement",
            locations=_locs(scan, dec.lines),
            fix="re-encode the file to UTF-8 once (for CESU-8: decode with 'surrogatepass' and "
            "join the surrogate pairs)",
            severity="error",
        )
    u16 = issues.get("utf16")
    if u16:
        yield Finding.of(
            "BD216",
            f"the file is {next(iter(u16.values))}, not UTF-8: open(..., encoding='utf-8') fails",
            locations=[Location(scan.path, 1)],
            fix="re-encode: iconv -f UTF-16 -t UTF-8 in > out",
            severity="error",
        )
    if issues.get("bom"):
        yield Finding.of(
            "BD216",
            "the file starts with a UTF-8 BOM (EF BB BF): read with encoding='utf-8' the first "
            "header cell or token gets a '\\ufeff' prefix",
            locations=[Location(scan.path, 1)],
            fix="read it with encoding='utf-8-sig' (pandas does), or save without a BOM",
        )
    crlf = issues.get("crlf")
    if crlf:
        yield Finding.of(
            "BD216",
            f"{plural(crlf.count, 'line')} end with CRLF: split('\\t') leaves '\\r' on the last "
            "column (a tag 'O\\r')",
            locations=_locs(scan, crlf.lines),
            fix="convert with dos2unix, or strip lines with line.rstrip('\\r\\n')",
        )
    fffd = scan.seen("fffd")
    if fffd and not dec:  # replacement characters of our own decoding are reported above
        yield Finding.of(
            "BD216",
            f"{plural(fffd.count, 'example')} {_verb(fffd.count, 'contains', 'contain')} U+FFFD: "
            "the text was decoded with errors "
            "before it was saved, and the original characters are lost",
            locations=_locs(scan, fffd.lines),
            fix="re-export the texts from their source with the right encoding, or drop them",
        )


def _byte_kinds(dec: Tally) -> str:
    """The most common description in full, other kinds of bytes by name only."""
    values = [v for v, _ in dec.values.most_common()]
    kinds = list(dict.fromkeys(v.split(",")[0] for v in values))
    return values[0] + (f"; also {', '.join(kinds[1:3])}" if len(kinds) > 1 else "")


@check("BD217")
def check_malformed(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.issues.get("malformed")
    if bad:
        yield Finding.of(
            "BD217",
            f"{plural(bad.count, 'malformed record')}: {bad.top(3)}",
            locations=_locs(scan, bad.lines),
            fix="fix or drop these lines (check-data skipped them, or read a stray quote "
            "literally); write files with json.dumps / the csv module",
        )
    idx = scan.issues.get("char-index")
    if idx:
        yield Finding.of(
            "BD217",
            f"the token column is character + word-position index in {idx.count:,} tokens "
            f"(e.g. {idx.top(3)}); checked as the character alone. Fed raw to a tokenizer it "
            "doubles the length and adds digit word pieces",
            locations=_locs(scan, idx.lines),
            fix="take the character without its index: re.sub(r'\\d+$', '', token) "
            "(not token[:-1]: indexes reach two digits)",
            severity="warning",
        )


@check("BD219")
def check_manual_separators(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.seen("separator")
    if bad:
        yield Finding.of(
            "BD219",
            f"{plural(bad.count, 'example')} {_verb(bad.count, 'contains', 'contain')} a literal "
            "[SEP] or [CLS]: every "
            "token_type_id stays 0 and truncation may cut the second text",
            locations=_locs(scan, bad.lines),
            fix="keep the texts in two columns (text_a, text_b) and call tokenizer(a, b)",
        )


@check("BD221")
def check_empty(scan: FileScan, ctx: Context) -> Iterator[Finding]:
    bad = scan.seen("empty")
    if bad:
        yield Finding.of(
            "BD221",
            f"{plural(bad.count, 'empty example')} (no text or no tokens)",
            locations=_locs(scan, bad.lines),
            fix="drop empty examples when loading",
        )
    elif scan.examples == 0:
        yield Finding.of(
            "BD221",
            "no examples in the file",
            locations=[Location(scan.path, None)],
            fix="check the path and the format (CoNLL, seq.in/seq.out, JSONL, CSV/TSV, .pt)",
        )


FILE_CHECKS = (
    check_encoding,
    check_malformed,
    check_empty,
    check_label_ids_in_range,
    check_negative_labels,
    check_ignore_index_allowed,
    check_examples_keep_a_label,
    check_label_set,
    check_label_order,
    check_label_types,
    check_token_types,
    check_input_ids,
    check_padding_labels,
    check_alignment,
    check_lengths,
    check_bio,
    check_unk_rate,
    check_casing,
    check_minority_classes,
    check_duplicates,
    check_vanishing_words,
    check_manual_separators,
)


# ---------------------------------------------------------------- across splits


@check("BD205")
def check_unseen_labels(scan: FileScan, train: FileScan, ctx: Context) -> Iterator[Finding]:
    unseen = [k for k in scan.labels if k not in train.labels and k != IGNORE]
    if not unseen or train.task != scan.task:
        return
    n = sum(scan.labels[k] for k in unseen)
    lower = {str(k).lower(): k for k in train.labels}
    cased = [f"{k} (train has {lower[str(k).lower()]})" for k in unseen if str(k).lower() in lower]
    shown = ", ".join(
        f"{k} ×{scan.labels[k]}" for k in sorted(unseen, key=lambda k: -scan.labels[k])[:5]
    )
    yield Finding.of(
        "BD205",
        f"{plural(len(unseen), 'label')} ({plural(n, 'occurrence')}) never seen in "
        f"{Path(train.path).name}: {shown}{' ...' if len(unseen) > 5 else ''}"
        + (f"; case variants: {', '.join(cased[:3])}" if cased else ""),
        locations=_locs(scan, sorted(scan.label_lines[k] or 0 for k in unseen)),
        fix="fix these labels, or add training examples for them; the model cannot predict "
        "a label it never saw",
    )


@check("BD213")
def check_absent_classes(scan: FileScan, train: FileScan, ctx: Context) -> Iterator[Finding]:
    mine, theirs = _class_counts(scan), _class_counts(train)
    if sum(mine.values()) < 50:
        return
    absent = [k for k in theirs if k not in mine]
    if absent:
        yield Finding.of(
            "BD213",
            f"{plural(len(absent), 'class', 'classes')} of {Path(train.path).name} absent from "
            f"this split: {', '.join(map(str, absent[:8]))}",
            locations=[Location(scan.path, None)],
            fix="split stratified by class so every class is in every split",
        )


@check("BD214")
def check_leakage(scan: FileScan, train: FileScan, ctx: Context) -> Iterator[Finding]:
    shared = [(line, key) for key, line in scan.texts.items() if key in train.texts]
    if not shared:
        return
    shared.sort(key=lambda lk: lk[0] or 0)
    other = sum(1 for _, k in shared if scan.text_labels.get(k) != train.text_labels.get(k))
    first = ", ".join(f"{Path(train.path).name}:{train.texts[k]}" for _, k in shared[:3])
    yield Finding.of(
        "BD214",
        f"{plural(len(shared), 'text')} also in {Path(train.path).name} (leakage; "
        f"{other} with another label); e.g. {first}",
        locations=_locs(scan, [line for line, _ in shared]),
        fix="remove the shared texts from this split so the scores measure generalisation",
    )


SPLIT_CHECKS = (check_unseen_labels, check_absent_classes)


# ---------------------------------------------------------------- the report


def build_context(
    model: str | None,
    task: str | None,
    num_labels: int | None,
    labels_file: str | None,
    max_length: int | None,
    crf: bool,
) -> Context:
    from ..modelinfo import read_model

    if task not in (None, "ner", "cls", "pair"):
        raise DoctorError(f"--task must be ner, cls or pair, not {task!r}")
    info = read_model(model) if model else None
    file_labels = read_label_file(labels_file) if labels_file else None
    names = file_labels or (info.labels if info is not None else None)
    n = (
        num_labels
        or (len(file_labels) if file_labels else None)
        or (info.num_labels if info is not None else None)
    )
    return Context(
        model=info,
        task=task,
        num_labels=n,
        label_names=names,
        labels_file=labels_file,
        file_labels=file_labels,
        max_length=max_length,
        crf=crf,
    )


def read_label_file(path: str) -> list[str]:
    """A label list: one per line, a JSON list, or a JSON {id: label} / {label: id} object."""
    p = Path(path)
    if not p.is_file():
        raise DoctorError(f"{path}: no such label file")
    text = p.read_text(encoding="utf-8-sig", errors="replace")
    if text.lstrip().startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DoctorError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        if isinstance(data, list):
            return [str(x) for x in data]
        if isinstance(data, dict):
            if all(str(k).lstrip("-").isdigit() for k in data):
                return [str(v) for _, v in sorted((int(k), v) for k, v in data.items())]
            return [str(k) for k, _ in sorted(data.items(), key=lambda kv: int(kv[1]))]
        raise DoctorError(f"{path}: expected a JSON list or object of labels")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _percentile(sorted_values: Sequence[int], q: float) -> int:
    if not sorted_values:
        return 0
    return sorted_values[min(len(sorted_values) - 1, int(q * (len(sorted_values) - 1) + 0.5))]


def section_of(scan: FileScan, ctx: Context, findings: list[Finding]) -> Section:
    lengths = sorted(scan.lengths)
    p50, p95 = _percentile(lengths, 0.5), _percentile(lengths, 0.95)
    longest = lengths[-1] if lengths else 0
    over = scan.ev["too-long"].count if "too-long" in scan.ev else 0
    limit = ctx.limit
    rate = over / len(lengths) if lengths else 0.0
    unit = scan.length_unit
    what = "sentence" if scan.task == "ner" else "example"
    tokens = "token" if scan.task == "ner" else ("character" if scan.format != "pt" else "token")
    labels = {str(k): n for k, n in scan.labels.most_common()}
    entities = _entity_types(scan.labels) if scan.task == "ner" else Counter()
    summary = (
        f"{scan.examples:,} {what}{'' if scan.examples == 1 else 's'}, "
        f"{scan.tokens:,} {tokens}{'' if scan.tokens == 1 else 's'}, "
        f"{plural(len(labels), 'label')}"
    )
    lines = [
        f"length ({unit}, with [CLS]/[SEP]): p50 {p50}, p95 {p95}, max {longest}"
        + (f"; {over:,} over {limit} ({rate:.1%} truncated)" if limit else "")
    ]
    chart = entities if entities else Counter({str(k): n for k, n in scan.labels.items()})
    if entities:
        lines.append(
            f"entities by type ({sum(entities.values()):,}; O tags: {scan.labels.get('O', 0):,}):"
        )
    elif chart:
        lines.append("labels:")
    lines.extend("  " + b for b in lines_of(render_bars(chart)))
    data = {
        "path": scan.path,
        "format": scan.format,
        "task": scan.task,
        "examples": scan.examples,
        "tokens": scan.tokens,
        "length": {
            "unit": unit,
            "p50": p50,
            "p95": p95,
            "max": longest,
            "limit": limit,
            "over_limit": over,
            "truncation_rate": round(rate, 6),
        },
        "labels": labels,
        "entities": dict(entities.most_common()),
    }
    if ctx.model is not None and scan.task == "ner" and scan.format != "pt":
        data["unk_words"] = scan.words_with_unk
        data["entities_dropped_by_truncation"] = scan.dropped_entities
    title = f"Data: {scan.path}"
    return Section(title, summary=summary, findings=findings, lines=lines, data=data)


def model_section(ctx: Context) -> Section:
    m = ctx.model
    assert m is not None
    findings = []
    try:
        tok_vocab = m.tokenizer.get_vocab_size(with_added_tokens=True)
    except DoctorError as exc:
        # the label and position checks still run; the tokenizer checks cannot
        ctx.tokenizer_problem = str(exc)
        tok_vocab = None
        findings.append(
            Finding.of(
                "BD302",
                f"{exc}: lengths are counted in words, and the [UNK], casing and "
                "vanishing-word checks of the model's tokenizer are skipped",
                locations=[Location(str(m.folder), None)],
                fix="save the tokenizer into the folder: tokenizer.save_pretrained(folder)",
            )
        )
    if tok_vocab and m.vocab_size and tok_vocab > m.vocab_size:
        findings.append(
            Finding.of(
                "BD207",
                f"the tokenizer has {tok_vocab:,} tokens but the model's vocab_size is "
                f"{m.vocab_size:,}: ids {m.vocab_size}..{tok_vocab - 1} are out of range",
                locations=[Location(str(m.folder / "config.json"), None)],
                fix="model.resize_token_embeddings(len(tokenizer)) and save the model again",
            )
        )
    names = m.labels
    shown = f" ({', '.join(names[:6])}{', ...' if len(names) > 6 else ''})" if names else ""
    summary = (
        f"{m.num_labels} labels{shown}, "
        f"vocab {m.vocab_size}, {m.max_position_embeddings} positions, "
        + (f"{'uncased' if m.lowercase else 'cased'} tokenizer" if tok_vocab else "no tokenizer")
    )
    data = {
        "folder": str(m.folder),
        "num_labels": m.num_labels,
        "labels": names,
        "vocab_size": m.vocab_size,
        "tokenizer_vocab_size": tok_vocab,
        "type_vocab_size": m.type_vocab_size,
        "max_position_embeddings": m.max_position_embeddings,
        "lowercase": m.lowercase,
    }
    return Section(f"Model: {m.folder}", summary=summary, findings=findings, data=data)


def check_data_report(
    paths: list[str],
    *,
    model: str | None = None,
    task: str | None = None,
    num_labels: int | None = None,
    labels_file: str | None = None,
    max_length: int | None = None,
    crf: bool = False,
    show_progress: bool = False,
) -> Report:
    if not paths:
        raise DoctorError("give at least one data file")
    ctx = build_context(model, task, num_labels, labels_file, max_length, crf)
    sources = [open_source(p, task) for p in paths]  # every path is checked before any reading
    report = Report("check-data")
    if ctx.model is not None:
        report.sections.append(model_section(ctx))
    scans: list[FileScan] = []
    for source in sources:
        total = source.path.stat().st_size if source.path.is_file() else None
        with progress(f"reading {source.path.name}", total, enabled=show_progress) as advance:
            scans.append(scan_source(source, ctx, advance))
    ctx.first_scan = scans[0]
    for i, scan in enumerate(scans):
        findings = run_checks(FILE_CHECKS, scan, ctx)
        for earlier in scans[:i]:
            findings += run_checks((check_leakage,), scan, earlier, ctx)
        if i > 0:
            findings += run_checks(SPLIT_CHECKS, scan, scans[0], ctx)
        report.sections.append(section_of(scan, ctx, findings))
    report.data = {
        "files": [s.path for s in scans],
        "model": model,
        "task": task,
        "max_length": ctx.limit,
    }
    return report


__all__ = ["FILE_CHECKS", "SPLIT_CHECKS", "check_data_report", "read_label_file"]
