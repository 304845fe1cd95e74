"""The recipes' embedded data: generated, deterministic, English and Chinese, no download.

NER: every entity name comes from ONE pool shared by persons, locations and organisations, so
the name itself says nothing about the type; only the context does ("Jordan said ..." is a
person, "flights to Jordan ..." a location, "shares of Jordan rose" an organisation). A pipeline
that misaligns labels and word pieces, ignores context, or decodes with the wrong id2label
cannot score well on the held-out sentences.

CLS: sentiment where the label is the XOR of the adjective and a negation ("the food was good"
positive, "the food was not good" negative, "the room was not dirty" positive), so neither the
adjective nor the negation alone predicts the label: a bag of words stays near 50%.

``wordpiece_tokenizer()`` wraps the WordPiece vocabulary trained on this data with `tokenizers`
(vocab.py; cased, Chinese characters split the way BERT splits them) as a transformers fast
tokenizer, so the default recipe needs no model download.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

DATA_SEED = 20240601  # the data never changes with --seed; only the training does

NER_LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]
CLS_LABELS = ["negative", "positive"]

# One pool for all three entity types: the type must come from the context.
EN_NAMES = [
    "Jordan",
    "Georgia",
    "Victoria",
    "Florence",
    "Austin",
    "Chelsea",
    "Lincoln",
    "Sydney",
    "Madison",
    "Dallas",
    "Orlando",
    "Phoenix",
    "Kent",
    "Preston",
    "Hudson",
    "Denver",
    "Carolina",
    "Savannah",
    "Regina",
    "Marlow",
    "Tessaly",
    "Brannock",
    "Quillon",
    "Ostrava",
    "Halden",
    "Verity",
    "Camden",
    "Sheridan",
]
EN_SECOND = ["Lee", "Park", "Hill", "Stone", "Vale", "Rivers", "Bay", "Cross", "North", "Grant"]
ZH_NAMES = [
    "乔丹",
    "华盛顿",
    "长安",
    "金山",
    "东方",
    "平安",
    "新华",
    "海南",
    "光明",
    "中山",
    "黄河",
    "凤凰",
    "大连",
    "天和",
    "白云",
    "朝阳",
    "青松",
    "星河",
    "南湖",
    "紫荆",
]

# Templates: {PER}, {LOC}, {ORG} mark an entity of that type; every other word is O.
EN_NER = [
    "{PER} said the plan would work .",
    "yesterday {PER} met the new coach .",
    "according to {PER} , the talks failed .",
    "{PER} smiled and waved at the crowd .",
    "the award went to {PER} for her novel .",
    "we flew to {LOC} last week .",
    "the weather in {LOC} is cold today .",
    "heavy rain hit {LOC} on monday .",
    "she grew up near {LOC} .",
    "flights to {LOC} were cancelled .",
    "{ORG} hired forty engineers .",
    "shares of {ORG} rose sharply .",
    "{ORG} announced a new phone .",
    "the board of {ORG} met in private .",
    "he signed a contract with {ORG} .",
    "{PER} moved to {LOC} in may .",
    "{PER} works for {ORG} now .",
    "{ORG} opened an office in {LOC} .",
]
ZH_NER = [
    "{PER}对记者说计划可行。",
    "昨天{PER}见了新教练。",
    "据{PER}介绍，谈判失败了。",
    "{PER}笑着向观众挥手。",
    "这个奖颁给了{PER}。",
    "我们上周飞去了{LOC}。",
    "{LOC}今天的天气很冷。",
    "暴雨袭击了{LOC}。",
    "她在{LOC}附近长大。",
    "飞往{LOC}的航班取消了。",
    "{ORG}招聘了四十名工程师。",
    "{ORG}的股价大幅上涨。",
    "{ORG}发布了一款新手机。",
    "{ORG}董事会闭门开会。",
    "他和{ORG}签了合同。",
    "{PER}搬到了{LOC}。",
    "{PER}在{ORG}工作。",
    "{ORG}在{LOC}开设了办事处。",
]

EN_NOUNS = ["food", "service", "room", "staff", "movie", "hotel", "coffee", "music"]
EN_GOOD = ["good", "great", "tasty", "friendly", "clean", "lovely"]
EN_BAD = ["bad", "awful", "bland", "rude", "dirty", "boring"]
EN_OPENERS = ["", "honestly , ", "i think ", "overall , ", "to be fair , "]
ZH_NOUNS = ["菜", "服务", "房间", "电影", "店员", "酒店", "咖啡", "音乐"]
ZH_GOOD = ["好", "干净", "热情", "好吃", "舒服", "精彩"]
ZH_BAD = ["差", "脏", "冷淡", "难吃", "吵", "无聊"]
ZH_OPENERS = ["", "说实话，", "我觉得", "总的来说，"]


@dataclass(frozen=True)
class NerExample:
    tokens: list[str]  # English: words; Chinese: characters (as in Weibo NER / CoNLL files)
    tags: list[str]  # one BIO tag per token


@dataclass(frozen=True)
class ClsExample:
    text: str
    label: str
    text_pair: str | None = None


def _entity(rng: random.Random, zh: bool) -> list[str]:
    if zh:
        return list(rng.choice(ZH_NAMES))  # one token per character
    words = [rng.choice(EN_NAMES)]
    if rng.random() < 0.35:
        words.append(rng.choice(EN_SECOND))
    return words


def _fill_ner(template: str, rng: random.Random, zh: bool) -> NerExample:
    tokens: list[str] = []
    tags: list[str] = []
    rest = template
    while rest:
        start = rest.find("{")
        plain = rest if start < 0 else rest[:start]
        words = list(plain) if zh else plain.split()
        tokens += words
        tags += ["O"] * len(words)
        if start < 0:
            break
        end = rest.index("}", start)
        kind = rest[start + 1 : end]
        entity = _entity(rng, zh)
        tokens += entity
        tags += [f"B-{kind}"] + [f"I-{kind}"] * (len(entity) - 1)
        rest = rest[end + 1 :]
    return NerExample(tokens, tags)


def ner_examples(n: int, *, split: str = "train") -> list[NerExample]:
    """``n`` sentences, half English, half Chinese; train and dev come from different streams."""
    rng = random.Random(f"{DATA_SEED}-ner-{split}")
    out = []
    for i in range(n):
        zh = i % 2 == 1
        out.append(_fill_ner(rng.choice(ZH_NER if zh else EN_NER), rng, zh))
    return out


def cls_examples(n: int, *, split: str = "train") -> list[ClsExample]:
    """``n`` reviews, half English, half Chinese; positive = (good adjective) XOR (negated)."""
    rng = random.Random(f"{DATA_SEED}-cls-{split}")
    out = []
    for i in range(n):
        zh = i % 2 == 1
        good = rng.random() < 0.5
        negated = rng.random() < 0.5
        if zh:
            adj = rng.choice(ZH_GOOD if good else ZH_BAD)
            body = f"{rng.choice(ZH_NOUNS)}{'不' if negated else '很'}{adj}。"
            text = rng.choice(ZH_OPENERS) + body
        else:
            adj = rng.choice(EN_GOOD if good else EN_BAD)
            verb = "was not" if negated else "was"
            text = f"{rng.choice(EN_OPENERS)}the {rng.choice(EN_NOUNS)} {verb} {adj} ."
        out.append(ClsExample(text, CLS_LABELS[int(good != negated)]))
    return out


USER_VOCAB = dict(vocab_size=8000, alphabet=6000)  # a vocabulary trained on --data
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def train_vocab(texts: list[str], *, vocab_size: int = 400, alphabet: int = 1000) -> list[str]:
    """A cased WordPiece vocabulary trained on ``texts`` with `tokenizers` (Chinese characters
    split the way BERT splits them), special tokens first, then the pieces by string.

    The vocabulary is kept small on purpose: rarer names split into several word pieces, so
    the recipes' label alignment (first word piece only) is exercised on every run. The
    trainer breaks ties in hash-map order, so two trainings can differ by a few pieces; the
    embedded data therefore uses the vocabulary in vocab.py, trained once by this function.
    For --data without --model the recipes ask for more (USER_VOCAB): real text has thousands
    of characters (Chinese) and words.
    """
    from tokenizers.implementations import BertWordPieceTokenizer

    tok = BertWordPieceTokenizer(lowercase=False, strip_accents=False, handle_chinese_chars=True)
    tok.train_from_iterator(
        texts,
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=SPECIAL_TOKENS,
        limit_alphabet=alphabet,
        show_progress=False,
    )
    return SPECIAL_TOKENS + sorted(set(tok.get_vocab()) - set(SPECIAL_TOKENS))


def embedded_texts() -> list[str]:
    return [" ".join(s.tokens) for s in ner_examples(1200)] + [ex.text for ex in cls_examples(1600)]


def wordpiece_tokenizer(vocab: list[str] | None = None, *, max_length: int = 128) -> Any:
    """A transformers fast tokenizer over a WordPiece ``vocab`` (default: the embedded one)."""
    from tokenizers.implementations import BertWordPieceTokenizer
    from transformers import PreTrainedTokenizerFast

    if vocab is None:
        from .vocab import VOCAB

        vocab = VOCAB
    # BertWordPieceTokenizer with a vocabulary adds [CLS] a [SEP] (b [SEP]) and token types
    # 0 for a and 1 for b, as BERT was pre-trained
    tok = BertWordPieceTokenizer(
        {p: i for i, p in enumerate(vocab)},
        lowercase=False,
        strip_accents=False,
        handle_chinese_chars=True,
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok._tokenizer,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=max_length,
        model_input_names=["input_ids", "token_type_ids", "attention_mask"],
    )


if __name__ == "__main__":
    # Regenerates vocab.py: python -m bertdoctor.recipes.data > recipes/vocab.py
    pieces = train_vocab(embedded_texts())
    print(
        '"""The embedded data\'s WordPiece vocabulary, trained with `tokenizers` by '
        "`python -m\nbertdoctor.recipes.data` (see data.train_vocab). Fixed here so that a "
        'seed gives the same\nmodel on every run."""\n'
    )
    print("VOCAB = [")
    for piece in pieces:
        print(f"    {json.dumps(piece, ensure_ascii=False)},")
    print("]")
