"""Tiny real BERT folders for tests: a WordPiece vocabulary trained with `tokenizers` on a small
embedded corpus, a BertConfig, and weights saved with save_pretrained. Nothing is downloaded."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = [
    "John Smith flew from London to Paris on Monday .",
    "Apple opened a new store in Berlin next to the river .",
    "The United Nations met in New York to talk about climate change .",
    "Maria works for Google in Zurich and plays chess on weekends .",
    "I love the new iPhone , said Tim Cook at the event in California .",
    "we watched star wars with my friends from boston last night",
    "张三在北京大学读书，他喜欢去上海旅游。",
    "李四在腾讯公司工作，公司位于深圳。",
    "今天天气很好，我们去公园散步吧。",
    "中国人民银行宣布降低存款准备金率。",
    "王五和赵六一起去了杭州西湖。",
    "这部电影真好看，演员的表演非常精彩！",
]

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# the special tokens by role, as tokenizer_config.json and special_tokens_map.json name them
SPECIAL_TOKENS = {
    "unk_token": "[UNK]",
    "sep_token": "[SEP]",
    "pad_token": "[PAD]",
    "cls_token": "[CLS]",
    "mask_token": "[MASK]",
}


def build_tiny_bert(
    folder: str | Path,
    *,
    num_labels: int = 5,
    id2label: dict[int, str] | None = None,
    head: str = "token",  # "token", "sequence" or "base"
    lowercase: bool = True,
    weights: str = "safetensors",  # "safetensors", "bin" or "none"
    corpus: list[str] | None = None,
    vocab_size: int = 400,
    max_position_embeddings: int = 64,
    type_vocab_size: int = 2,
    hidden_size: int = 32,
    num_layers: int = 2,
    num_heads: int = 2,
    intermediate_size: int = 64,
    seed: int = 0,
) -> Path:
    """Writes a small but real BERT model folder and returns its path."""
    import torch
    from tokenizers.implementations import BertWordPieceTokenizer
    from transformers import (
        BertConfig,
        BertForSequenceClassification,
        BertForTokenClassification,
        BertModel,
    )

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tok = BertWordPieceTokenizer(lowercase=lowercase, strip_accents=lowercase)
    tok.train_from_iterator(
        corpus or CORPUS,
        vocab_size=vocab_size,
        min_frequency=1,
        special_tokens=SPECIAL,
        limit_alphabet=2000,
    )
    tok.save_model(str(folder))  # vocab.txt
    tok.save(str(folder / "tokenizer.json"))
    real_vocab = tok.get_vocab_size()
    (folder / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "tokenizer_class": "BertTokenizer",
                "do_lower_case": lowercase,
                "model_max_length": max_position_embeddings,
                **SPECIAL_TOKENS,
            },
            indent=2,
        )
    )
    (folder / "special_tokens_map.json").write_text(json.dumps(SPECIAL_TOKENS, indent=2))

    labels = id2label or {i: f"LABEL_{i}" for i in range(num_labels)}
    config = BertConfig(
        vocab_size=real_vocab,
        hidden_size=hidden_size,
        num_hidden_layers=num_layers,
        num_attention_heads=num_heads,
        intermediate_size=intermediate_size,
        max_position_embeddings=max_position_embeddings,
        type_vocab_size=type_vocab_size,
        num_labels=len(labels),
        id2label={int(k): v for k, v in labels.items()},
        label2id={v: int(k) for k, v in labels.items()},
    )
    torch.manual_seed(seed)
    cls = {
        "token": BertForTokenClassification,
        "sequence": BertForSequenceClassification,
        "base": BertModel,
    }[head]
    model = cls(config)
    if weights == "safetensors":
        model.save_pretrained(folder)
    else:
        config.save_pretrained(folder)
        if weights == "bin":
            torch.save(model.state_dict(), folder / "pytorch_model.bin")
    return folder
