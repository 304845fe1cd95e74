"""Reading a local model folder without transformers: its config, its tokenizer, its labels.

- ``read_config(folder) -> dict``: config.json, parsed with ``json``.
- ``read_tokenizer_config(folder) -> dict``: tokenizer_config.json, or ``{}``.
- ``is_lowercase(folder) -> bool``: whether the folder's tokenizer lower-cases (``do_lower_case``
  of tokenizer_config.json, else the normaliser of tokenizer.json, else True as in
  ``BertTokenizer``).
- ``load_tokenizer(folder) -> tokenizers.Tokenizer``: tokenizer.json when present, else a BERT
  WordPiece tokenizer built from vocab.txt with the folder's lower-casing; padding and
  truncation are switched off, so lengths are the real ones.
- ``label_list(config) -> list[str] | None``: id2label in id order; ``None`` when the config has
  only the generic ``LABEL_0``, ``LABEL_1``... names (the labels are then known by count only).
- ``read_model(folder) -> ModelInfo``: all of the above in one frozen record.

Nothing here writes into the folder. A folder without config.json, or a file that is not valid
JSON, raises ``DoctorError`` with one line naming the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import DoctorError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

_GENERIC = re.compile(r"^LABEL_\d+$")

# model_type -> the attribute (and key prefix) of the encoder in the task models
BASE_PREFIX = {
    "bert": "bert",
    "roberta": "roberta",
    "xlm-roberta": "roberta",
    "camembert": "roberta",
    "albert": "albert",
    "electra": "electra",
    "distilbert": "distilbert",
    "ernie": "ernie",
    "megatron-bert": "bert",
    "nezha": "nezha",
    "roc_bert": "roc_bert",
    "convbert": "convbert",
    "mobilebert": "mobilebert",
    "deberta": "deberta",
    "deberta-v2": "deberta",
    "rembert": "rembert",
    "squeezebert": "transformer",
    "roberta-prelayernorm": "roberta_prelayernorm",
}


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise DoctorError(f"{path}: no such file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DoctorError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise DoctorError(f"{path}: expected a JSON object")
    return data


def read_config(folder: str | Path) -> dict[str, Any]:
    folder = Path(folder)
    if not folder.is_dir():
        raise DoctorError(f"{folder}: no such model folder")
    if not (folder / "config.json").is_file():
        raise DoctorError(f"{folder}: no config.json (is this a model folder?)")
    return _read_json(folder / "config.json")


def read_tokenizer_config(folder: str | Path) -> dict[str, Any]:
    path = Path(folder) / "tokenizer_config.json"
    return _read_json(path) if path.is_file() else {}


def is_lowercase(folder: str | Path) -> bool:
    folder = Path(folder)
    cfg = read_tokenizer_config(folder)
    if "do_lower_case" in cfg:
        return bool(cfg["do_lower_case"])
    tj = folder / "tokenizer.json"
    if tj.is_file():
        norm = _read_json(tj).get("normalizer") or {}
        found = _find_lowercase(norm)
        if found is not None:
            return found
    return True


def _find_lowercase(node: Any) -> bool | None:
    if isinstance(node, dict):
        if node.get("type") == "Lowercase":
            return True
        if "lowercase" in node:
            return bool(node["lowercase"])
        for value in node.values():
            found = _find_lowercase(value)
            if found is not None:
                return found
    if isinstance(node, list):
        for value in node:
            found = _find_lowercase(value)
            if found is not None:
                return found
    return None


def load_tokenizer(folder: str | Path) -> Tokenizer:
    from tokenizers import Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordPiece

    folder = Path(folder)
    if (folder / "tokenizer.json").is_file():
        try:
            tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except Exception as exc:  # noqa: BLE001 - a broken file is "cannot run"
            raise DoctorError(f"{folder / 'tokenizer.json'}: cannot load ({exc})") from None
    elif (folder / "vocab.txt").is_file():
        cfg = read_tokenizer_config(folder)
        lower = is_lowercase(folder)
        unk = str(cfg.get("unk_token") or "[UNK]")
        vocab = WordPiece.read_file(str(folder / "vocab.txt"))
        tok = Tokenizer(WordPiece(vocab, unk_token=unk))
        strip = cfg.get("strip_accents")
        tok.normalizer = normalizers.BertNormalizer(
            clean_text=True,
            handle_chinese_chars=bool(cfg.get("tokenize_chinese_chars", True)),
            strip_accents=lower if strip is None else bool(strip),
            lowercase=lower,
        )
        tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        cls, sep = str(cfg.get("cls_token") or "[CLS]"), str(cfg.get("sep_token") or "[SEP]")
        if cls in vocab and sep in vocab:
            tok.post_processor = processors.BertProcessing((sep, vocab[sep]), (cls, vocab[cls]))
        tok.decoder = decoders.WordPiece()
    else:
        raise DoctorError(f"{folder}: no tokenizer.json and no vocab.txt")
    tok.no_padding()
    tok.no_truncation()
    return tok


def label_list(config: dict[str, Any]) -> list[str] | None:
    id2label = config.get("id2label") or {}
    try:
        names = [str(v) for _, v in sorted((int(k), v) for k, v in id2label.items())]
    except (TypeError, ValueError):
        return None
    if not names or all(_GENERIC.match(n) for n in names):
        return None
    return names


@dataclass(frozen=True)
class ModelInfo:
    folder: Path
    config: dict[str, Any]

    @property
    def num_labels(self) -> int:
        id2label = self.config.get("id2label")
        if isinstance(id2label, dict) and id2label:
            return len(id2label)
        return int(self.config.get("num_labels") or 2)

    @property
    def labels(self) -> list[str] | None:
        return label_list(self.config)

    @property
    def vocab_size(self) -> int | None:
        return self.config.get("vocab_size")

    @property
    def type_vocab_size(self) -> int | None:
        return self.config.get("type_vocab_size")

    @property
    def max_position_embeddings(self) -> int | None:
        return self.config.get("max_position_embeddings")

    @cached_property
    def lowercase(self) -> bool:
        return is_lowercase(self.folder)

    @cached_property
    def tokenizer(self) -> Tokenizer:
        return load_tokenizer(self.folder)


def read_model(folder: str | Path) -> ModelInfo:
    return ModelInfo(Path(folder), read_config(folder))
