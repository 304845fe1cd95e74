"""One streaming pass over a data file that keeps the evidence the checks of data.py judge.

Examples are read in batches, tokenized with the model's `tokenizers` tokenizer when there is
one, counted, and dropped: only counters, the first few locations of each kind of problem
(``Tally``), the lengths (an array of ints) and one hash per text (for duplicates and leakage)
stay in memory, so a file of millions of sentences costs little more than one of thousands.

Word lists are tokenized word by word, each distinct word once per file, with
``encode_batch(..., is_pretokenized=True)``: with pre-tokenized input a tokenizer encodes every
word on its own, so a sentence's word pieces are the concatenation of its words' pieces and
``word_ids()`` would say the same thing. The first batch of every file is checked against a real
sentence-level ``encode_batch``; if they ever disagree (a tokenizer that is not word-local) the
scan encodes every sentence instead.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from ..readers import Example, Issues, Source, Tally

if TYPE_CHECKING:
    from tokenizers import Tokenizer

    from ..modelinfo import ModelInfo

BATCH = 2000
IGNORE = -100
CASING_SAMPLE = 5_000  # sentences looked at for the casing check
MIN_DUP_TOKENS = 3  # NER sentences shorter than this are not counted as duplicates


@dataclass
class Context:
    """What the data is checked against: the model, the label list, the limits."""

    model: ModelInfo | None = None
    task: str | None = None
    num_labels: int | None = None  # --num-labels, else the model's
    label_names: list[str] | None = None  # --labels, else the model's id2label (if named)
    labels_file: str | None = None
    file_labels: list[str] | None = None  # the list read from --labels
    max_length: int | None = None
    crf: bool = False
    first_scan: FileScan | None = None  # the train file, once read
    piece_ids: tuple[set[int], set[int]] | None = None  # continuation and special token ids

    tokenizer_problem: str | None = None  # why the model folder's tokenizer cannot be used

    @property
    def tokenizer(self) -> Tokenizer | None:
        if self.model is None or self.tokenizer_problem is not None:
            return None
        return self.model.tokenizer

    @property
    def max_positions(self) -> int | None:
        return self.model.max_position_embeddings if self.model is not None else None

    @property
    def limit(self) -> int | None:
        """The length examples are cut to: --max-length, else the model's positions."""
        return self.max_length or self.max_positions


@dataclass
class FileScan:
    """Everything one pass over a file learned; the checks turn it into findings."""

    path: str
    format: str
    issues: Issues
    task: str | None = None
    examples: int = 0
    tokens: int = 0
    length_unit: str = "words"
    lengths: array = field(default_factory=lambda: array("I"))
    labels: Counter = field(default_factory=Counter)  # tag or label -> count
    label_lines: dict[Any, int | None] = field(default_factory=dict)  # label -> first line
    label_types: Counter = field(default_factory=Counter)  # "str", "int", "float", "list"...
    transitions: Counter = field(default_factory=Counter)  # (previous tag, tag) -> count
    transition_lines: dict[tuple[Any, Any], list[int | None]] = field(default_factory=dict)
    ev: dict[str, Tally] = field(default_factory=dict)
    texts: dict[int, int | None] = field(default_factory=dict)  # text hash -> first line
    text_labels: dict[int, int] = field(default_factory=dict)  # text hash -> label hash
    words_with_unk: int = 0
    unk_pieces: int = 0
    pieces: int = 0
    casing: Counter = field(default_factory=Counter)
    dropped_entities: int = 0
    subword_labeled: int = 0  # encoded: non-first pieces with a label
    subword_ignored: int = 0  # encoded: non-first pieces with -100

    def tally(self, key: str) -> Tally:
        t = self.ev.get(key)
        if t is None:
            t = self.ev[key] = Tally()
        return t

    def seen(self, key: str) -> Tally | None:
        t = self.ev.get(key)
        return t if t is not None and t.count else None

    @property
    def name(self) -> str:
        return self.path


class WordPieces:
    """Per-word piece counts of one tokenizer, each distinct word encoded once."""

    def __init__(self, tok: Tokenizer) -> None:
        self.tok = tok
        self.unk_id = _unk_id(tok)
        self.pieces: dict[str, int] = {}
        self.unk: dict[str, int] = {}  # word -> [UNK] pieces in it
        self.vanish: set[str] = set()
        self.specials = len(tok.encode("a").ids) - len(
            tok.encode("a", add_special_tokens=False).ids
        )

    def learn(self, batch: list[Example]) -> None:
        new = set().union(*(ex.tokens or () for ex in batch)).difference(self.pieces)
        if not new:
            return
        words = list(new)
        encs = self.tok.encode_batch(
            [[w] for w in words], is_pretokenized=True, add_special_tokens=False
        )
        for w, enc in zip(words, encs, strict=False):
            ids = enc.ids
            self.pieces[w] = len(ids)
            if not ids:
                self.vanish.add(w)
            elif self.unk_id is not None and self.unk_id in ids:
                self.unk[w] = ids.count(self.unk_id)


def _unk_id(tok: Tokenizer) -> int | None:
    model = tok.model
    unk = getattr(model, "unk_token", None) or "[UNK]"
    return tok.token_to_id(unk)


def vanishes_without_model(word: str) -> bool:
    """Whether BERT's text cleaning (and, for uncased models, accent stripping) leaves nothing."""
    for ch in word:
        if ch == "\ufffd" or ch.isspace():
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Mn", "Co", "Cs"):
            continue
        return False
    return True


def scan_source(
    source: Source, ctx: Context, advance: Callable[..., None] | None = None
) -> FileScan:
    scan = FileScan(str(source.path), source.format, source.issues)
    tok = ctx.tokenizer
    wp = WordPieces(tok) if tok is not None else None
    state: dict[str, Any] = {"verified": wp is None, "exact": True, "vanish_cache": {}}
    if tok is not None:
        scan.length_unit = "word pieces"
    batch: list[Example] = []
    last = 0
    for ex in source:
        batch.append(ex)
        if len(batch) >= BATCH:
            _scan_batch(scan, ctx, batch, wp, state)
            batch = []
            if advance is not None:
                done, _ = source.progress()
                advance(done - last, examples=scan.examples)
                last = done
    if batch:
        _scan_batch(scan, ctx, batch, wp, state)
    if advance is not None:
        done, _ = source.progress()
        advance(done - last, examples=scan.examples)
    return scan


def _scan_batch(
    scan: FileScan, ctx: Context, batch: list[Example], wp: WordPieces | None, state: dict[str, Any]
) -> None:
    if scan.task is None:
        first = batch[0]
        scan.task = ctx.task or first.task
        if first.input_ids is not None:
            scan.length_unit = "input ids"
        elif first.tokens is None and wp is None:
            scan.length_unit = "characters"
    encoded = [ex for ex in batch if ex.input_ids is not None]
    if encoded:
        _scan_encoded(scan, ctx, encoded)
    words = [ex for ex in batch if ex.tokens is not None]
    if words:
        _scan_words(scan, ctx, words, wp, state)
    texts = [ex for ex in batch if ex.tokens is None and ex.input_ids is None]
    if texts:
        _scan_texts(scan, ctx, texts)


def _note_label(scan: FileScan, label: Any, line: int | None) -> Any:
    """Counts a label (a tag or a class) and returns its hashable form."""
    key = tuple(label) if isinstance(label, list) else label
    scan.labels[key] += 1
    if key not in scan.label_lines:
        scan.label_lines[key] = line
    scan.label_types[_type_name(label)] += 1
    return key


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (list, tuple)):
        return "list"
    if value is None:
        return "missing"
    return type(value).__name__


def _check_int_label(scan: FileScan, ctx: Context, value: int, line: int | None) -> None:
    if value == IGNORE:
        scan.tally("ignore").add(line, value)
    elif value < 0:
        scan.tally("negative").add(line, value)
    elif ctx.num_labels is not None and value >= ctx.num_labels:
        scan.tally("id-over").add(line, value)


def _scan_words(
    scan: FileScan, ctx: Context, batch: list[Example], wp: WordPieces | None, state: dict[str, Any]
) -> None:
    if wp is not None:
        wp.learn(batch)
        if not state["verified"]:
            state["exact"] = _verify_word_local(wp, batch[:64])
            state["verified"] = True
    limit = ctx.limit
    lengths = scan.lengths
    labels = scan.labels
    transitions = scan.transitions
    sample_casing = scan.examples < CASING_SAMPLE and wp is not None
    vanish = wp.vanish if wp is not None else None
    vcache: dict[str, bool] = state["vanish_cache"]
    piece_of = wp.pieces.__getitem__ if wp is not None else None
    sentence_lengths = (
        _sentence_lengths(wp, batch) if wp is not None and not state["exact"] else None
    )
    for k, ex in enumerate(batch):
        words, tags, line = ex.tokens or (), ex.tags or (), ex.line
        scan.examples += 1
        scan.tokens += len(words)
        if not words:
            scan.tally("empty").add(line)
            continue
        if len(tags) != len(words):
            scan.tally("count-mismatch").add(line, (len(words), len(tags)))
        labels.update(tags)
        if tags and type(tags[0]) is str:
            for t in set(tags).difference(scan.label_lines):
                scan.label_lines[t] = line
                scan.label_types["str"] += 1
            prev = ("O",) + tags[:-1]
            pairs = set(zip(prev, tags, strict=False))
            transitions.update(zip(prev, tags, strict=False))
            for p in pairs:
                kept = scan.transition_lines.setdefault(p, [])
                if len(kept) < 5:
                    kept.append(line)
        else:
            for t in set(tags).difference(scan.label_lines):
                scan.label_lines[t] = line
                scan.label_types[_type_name(t)] += 1
            for t in tags:
                if type(t) is int and (t < 0 or (ctx.num_labels and t >= ctx.num_labels)):
                    _check_int_label(scan, ctx, t, line)
            if tags and all(t == IGNORE for t in tags):
                scan.tally("all-ignored").add(line, "every tag is -100")
        if "[SEP]" in words or "[CLS]" in words:
            scan.tally("separator").add(line)
        if len(words) >= MIN_DUP_TOKENS:
            _note_text(scan, hash(words), hash(tags), line)
        # word pieces: lengths, [UNK], vanishing words, truncation
        if piece_of is not None:
            n = (
                sentence_lengths[k]
                if sentence_lengths is not None
                else (wp.specials + sum(map(piece_of, words)))
            )
            lengths.append(n)
            if not vanish.isdisjoint(words):
                _note_vanished(scan, words, tags, line, vanish.__contains__)
            if wp.unk and not wp.unk.keys().isdisjoint(words):
                hit = [w for w in words if w in wp.unk]
                scan.words_with_unk += len(hit)
                scan.tally("unk").add(line, None, 0)
                _count_values(scan.tally("unk"), hit)
            if limit and n > limit:
                _note_truncation(scan, words, tags, line, n, limit, wp)
            if sample_casing:
                _note_casing(scan, words, tags)
        else:
            lengths.append(len(words) + 2)
            if limit and len(words) + 2 > limit:
                scan.tally("too-long").add(line, len(words) + 2)
                # without a tokenizer a word is at least one piece: a lower bound of the loss
                scan.dropped_entities += sum(
                    1 for t in tags[limit - 2 :] if isinstance(t, str) and t[:2] in ("B-", "S-")
                )
            gone = [w for w in words if _cached_vanish(vcache, w)] if _any_odd(words) else ()
            if gone:
                _note_vanished(scan, words, tags, line, lambda w: _cached_vanish(vcache, w))


def _count_values(tally: Tally, values: Iterable[Any], cap: int = 1000) -> None:
    """Counts observed values, keeping at most ``cap`` distinct ones (the common ones come
    early and stay; memory stays bounded on any file)."""
    counts = tally.values
    for v in values:
        if v in counts or len(counts) < cap:
            counts[v] += 1


def _any_odd(words: Iterable[str]) -> bool:
    """A cheap pre-filter: only words with characters outside printable ASCII can vanish."""
    joined = "".join(words)
    return not (joined.isascii() and joined.isprintable())


def _cached_vanish(cache: dict[str, bool], w: str) -> bool:
    v = cache.get(w)
    if v is None:
        v = cache[w] = vanishes_without_model(w)
    return v


def _verify_word_local(wp: WordPieces, sample: list[Example]) -> bool:
    sentences = [list(ex.tokens) for ex in sample if ex.tokens]
    if not sentences:
        return True
    encs = wp.tok.encode_batch(sentences, is_pretokenized=True)
    return all(
        len(enc.ids) == wp.specials + sum(wp.pieces[w] for w in s)
        for s, enc in zip(sentences, encs, strict=False)
    )


def _sentence_lengths(wp: WordPieces, batch: list[Example]) -> list[int]:
    sentences = [list(ex.tokens or ()) for ex in batch]
    return [len(e.ids) for e in wp.tok.encode_batch(sentences, is_pretokenized=True)]


def _note_text(scan: FileScan, key: int, label_key: int, line: int | None) -> None:
    first = scan.texts.get(key, -1)
    if first == -1:
        scan.texts[key] = line
        scan.text_labels[key] = label_key
        return
    scan.tally("duplicate").add(line, first)
    if scan.text_labels.get(key) != label_key:
        scan.tally("conflict").add(line, first)


def _note_vanished(
    scan: FileScan,
    words: tuple[str, ...],
    tags: tuple[Any, ...],
    line: int | None,
    gone: Callable[[str], bool],
) -> None:
    lost = [i for i, w in enumerate(words) if gone(w)]
    t = scan.tally("vanish")
    t.add(line, None, 0)
    for i in lost:
        t.count += 1
        t.values[" ".join(f"U+{ord(c):04X}" for c in words[i][:3])] += 1
        if i < len(tags) and tags[i] not in ("O", 0, IGNORE):
            scan.tally("vanish-entity").add(line, tags[i])
    if len(lost) == len(words):
        scan.tally("all-ignored").add(line, "every word vanishes in the tokenizer")


def _note_truncation(
    scan: FileScan,
    words: tuple[str, ...],
    tags: tuple[Any, ...],
    line: int | None,
    n: int,
    limit: int,
    wp: WordPieces,
) -> None:
    scan.tally("too-long").add(line, n)
    room = limit - wp.specials
    kept = sum(1 for c in accumulate(wp.pieces[w] for w in words) if c <= room)
    lost = [t for t in tags[kept:] if isinstance(t, str) and t[:2] in ("B-", "S-")]
    scan.dropped_entities += len(lost)
    if kept == 0:
        scan.tally("all-ignored").add(line, "truncation keeps no word")


def _note_casing(scan: FileScan, words: tuple[str, ...], tags: tuple[Any, ...]) -> None:
    c = scan.casing
    for w, t in zip(words, tags, strict=False):
        if not w[:1].isalpha() or not w.isascii():
            continue
        c["latin"] += 1
        upper = w[0].isupper()
        c["upper_any"] += any(ch.isupper() for ch in w)
        if isinstance(t, str) and t[:2] in ("B-", "S-"):
            c["entity"] += 1
            c["entity_cap"] += upper
        elif t in ("O", 0):
            c["other"] += 1
            c["other_cap"] += upper


def _scan_texts(scan: FileScan, ctx: Context, batch: list[Example]) -> None:
    tok = ctx.tokenizer
    limit = ctx.limit
    encs = None
    if tok is not None:
        inputs = [
            (ex.text or "", ex.text_pair or "") if ex.text_pair is not None else (ex.text or "")
            for ex in batch
        ]
        encs = tok.encode_batch(inputs)
        unk = _unk_id(tok)
    for k, ex in enumerate(batch):
        line, text = ex.line, ex.text or ""
        scan.examples += 1
        scan.tokens += len(text) + len(ex.text_pair or "")
        if not text.strip() and not (ex.text_pair or "").strip():
            scan.tally("empty").add(line)
        label = ex.label
        key = _note_label(scan, label, line)
        if type(label) is int:
            _check_int_label(scan, ctx, label, line)
        elif isinstance(label, float) and _finite(label) and label != int(label):
            scan.tally("float-label").add(line, label)
        if "[SEP]" in text or "[CLS]" in text:
            scan.tally("separator").add(line, "[SEP]" if "[SEP]" in text else "[CLS]")
        if "\ufffd" in text or "\ufffd" in (ex.text_pair or ""):
            scan.tally("fffd").add(line)
        if text.strip():
            _note_text(scan, hash((text.strip(), (ex.text_pair or "").strip())), hash(key), line)
        if encs is not None:
            ids = encs[k].ids
            n = len(ids)
            scan.pieces += n
            if unk is not None and unk in ids:
                u = ids.count(unk)
                scan.unk_pieces += u
                t = scan.tally("unk")
                t.add(line, None, 0)
                seqs = encs[k].sequence_ids
                _count_values(
                    t,
                    [
                        (text if seqs[i] in (0, None) else (ex.text_pair or ""))[s:e]
                        for i, (s, e) in enumerate(encs[k].offsets)
                        if ids[i] == unk
                    ],
                )
        else:
            n = len(text) + len(ex.text_pair or "") + (3 if ex.text_pair is not None else 2)
        scan.lengths.append(n)
        if limit and n > limit:
            scan.tally("too-long").add(line, n)


def _finite(x: float) -> bool:
    return x == x and x not in (float("inf"), float("-inf"))


def _scan_encoded(scan: FileScan, ctx: Context, batch: list[Example]) -> None:
    model = ctx.model
    vocab_size = model.vocab_size if model is not None else None
    type_vocab = (model.type_vocab_size if model is not None else None) or 2
    limit = ctx.max_positions
    cont = _continuation_ids(ctx)
    for ex in batch:
        ids, line = ex.input_ids or (), ex.line
        mask = ex.attention_mask or (1,) * len(ids)
        scan.examples += 1
        n = sum(1 for m in mask if m)
        scan.tokens += n
        scan.lengths.append(len(ids))
        if n == 0:
            scan.tally("empty").add(line)
        if limit and len(ids) > limit:
            scan.tally("too-long").add(line, len(ids))
        if vocab_size and ids and max(ids) >= vocab_size:
            scan.tally("input-id-over").add(line, max(ids))
        if ex.token_type_ids and max(ex.token_type_ids) >= type_vocab:
            scan.tally("token-type-over").add(line, max(ex.token_type_ids))
        if ex.tags is not None:
            _scan_encoded_tags(scan, ctx, ex, ids, mask, cont)
        elif ex.label is not None:
            _note_label(scan, ex.label, line)
            if type(ex.label) is int:
                _check_int_label(scan, ctx, ex.label, line)
            elif isinstance(ex.label, float) and _finite(ex.label) and ex.label != int(ex.label):
                scan.tally("float-label").add(line, ex.label)


def _continuation_ids(ctx: Context) -> tuple[set[int], set[int]] | None:
    """(ids of "##" continuation pieces, ids of special tokens) of the model's vocabulary."""
    tok = ctx.tokenizer
    if tok is None:
        return None
    if ctx.piece_ids is None:
        vocab = tok.get_vocab(with_added_tokens=True)
        cont = {i for t, i in vocab.items() if t.startswith("##")}
        special = {i for t, i in vocab.items() if t.startswith("[") and t.endswith("]")}
        ctx.piece_ids = (cont, special)
    return ctx.piece_ids


def _scan_encoded_tags(
    scan: FileScan,
    ctx: Context,
    ex: Example,
    ids: tuple[int, ...],
    mask: tuple[int, ...],
    cont: set[int] | None,
) -> None:
    tags, line = ex.tags or (), ex.line
    if len(tags) != len(ids):
        scan.tally("count-mismatch").add(line, (len(ids), len(tags)))
    real = [t for t, m in zip(tags, mask, strict=False) if m]
    for t in set(tags).difference(scan.label_lines):
        scan.label_lines[t] = line
        scan.label_types[_type_name(t)] += 1
    scan.labels.update(t for t in real if t != IGNORE)
    for t in set(tags):
        if type(t) is int:
            if t == IGNORE:
                if ctx.crf:
                    scan.tally("ignore").add(line, t)
            elif t < 0 or (ctx.num_labels is not None and t >= ctx.num_labels):
                _check_int_label(scan, ctx, t, line)
    if real and all(t == IGNORE for t in real):
        scan.tally("all-ignored").add(line, "every label is -100")
    if not ctx.crf:
        padded = [t for t, m in zip(tags, mask, strict=False) if not m and t != IGNORE]
        if padded:
            scan.tally("padding-labeled").add(line, padded[0], n=len(padded))
    if cont is None:
        return
    cont_ids, special = cont
    starts_ignored = cont_labeled = 0
    for i, t, m in zip(ids, tags, mask, strict=False):
        if i in cont_ids:
            if t == IGNORE:
                scan.subword_ignored += 1
            else:
                cont_labeled += 1
                scan.subword_labeled += 1
                if scan.subword_labeled <= 5:
                    scan.tally("subword-labeled").add(line)
        elif m and t == IGNORE and i not in special:
            starts_ignored += 1
    if starts_ignored and cont_labeled:
        # the label sits on a later piece while the first piece of a word has none: the word
        # labels cannot be rebuilt through word_ids() (first piece of each word)
        scan.tally("shifted").add(line, starts_ignored)
