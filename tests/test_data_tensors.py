"""check-data on already-encoded tensors (.pt files built here with torch.save): what the model
will see, position by position."""

from __future__ import annotations

from pathlib import Path

import pytest

from bertdoctor.checks.data import check_data_report
from bertdoctor.findings import DoctorError, Finding, Report
from bertdoctor.modelinfo import load_tokenizer, read_config

torch = pytest.importorskip("torch")


def save(path: Path, obj) -> str:
    torch.save(obj, path)
    return str(path)


def found(report: Report, code: str) -> list[Finding]:
    return [f for f in report.findings if f.code == code]


def encode(
    model: Path,
    sentences: list[list[str]],
    tags: list[list[int]],
    length: int = 16,
    *,
    first_only: bool = True,
    pad_label: int = -100,
) -> dict:
    """Encodes like a correct training script: labels on first pieces, -100 elsewhere."""
    tok = load_tokenizer(model)
    rows = {"input_ids": [], "attention_mask": [], "token_type_ids": [], "labels": []}
    for words, word_tags in zip(sentences, tags, strict=False):
        enc = tok.encode(words, is_pretokenized=True)
        labels, prev = [], None
        for wid in enc.word_ids:
            if wid is None:
                labels.append(-100)
            elif wid != prev or not first_only:
                labels.append(word_tags[wid])
            else:
                labels.append(-100)
            prev = wid
        pad = length - len(enc.ids)
        rows["input_ids"].append(enc.ids + [0] * pad)
        rows["attention_mask"].append([1] * len(enc.ids) + [0] * pad)
        rows["token_type_ids"].append([0] * length)
        rows["labels"].append(labels + [pad_label] * pad)
    return {k: torch.tensor(v) for k, v in rows.items()}


SENTS = [["John", "flew", "to", "London"], ["Maria", "works", "in", "Zurich"]]
TAGS = [[1, 0, 0, 3], [1, 0, 0, 3]]


def test_good_encoding_gives_no_finding(tmp_path, tiny_ner_model):
    pt = save(tmp_path / "train.pt", encode(tiny_ner_model, SENTS, TAGS))
    report = check_data_report([pt], model=str(tiny_ner_model))
    assert not report.findings, [f.message for f in report.findings]
    data = report.sections[1].data
    assert data["format"] == "pt" and data["task"] == "ner" and data["examples"] == 2


def test_bd220_padding_labeled_as_class_and_the_crf_near_miss(tmp_path, tiny_ner_model):
    pt = save(tmp_path / "pad0.pt", encode(tiny_ner_model, SENTS, TAGS, pad_label=0))
    (f,) = found(check_data_report([pt], model=str(tiny_ner_model)), "BD220")
    assert "carry a class (0" in f.message and [loc.line for loc in f.locations] == [1, 2]
    # near miss: a CRF wants a valid tag under the mask, so padding 0 is right there
    assert not found(check_data_report([pt], model=str(tiny_ner_model), crf=True), "BD220")


def test_bd203_minus_100_with_crf(tmp_path, tiny_ner_model):
    pt = save(tmp_path / "crf.pt", encode(tiny_ner_model, SENTS, TAGS))
    (f,) = found(check_data_report([pt], model=str(tiny_ner_model), crf=True), "BD203")
    assert "CRF" in f.message


def test_bd201_bd202_bd204_label_ids_in_encoded_rows(tmp_path, tiny_ner_model):
    enc = encode(tiny_ner_model, SENTS + [["x"]], TAGS + [[0]])
    enc["labels"][0, 1] = 9
    enc["labels"][1, 1] = -1
    enc["labels"][2, :] = -100
    report = check_data_report([save(tmp_path / "ids.pt", enc)], model=str(tiny_ner_model))
    (bd201,) = found(report, "BD201")
    assert "ids 9" in bd201.message and bd201.locations[0].line == 1
    (bd202,) = found(report, "BD202")
    assert "(-1)" in bd202.message and bd202.locations[0].line == 2
    (bd204,) = found(report, "BD204")
    assert bd204.locations[0].line == 3


def test_bd206_token_types_and_near_miss(tmp_path, tiny_ner_model):
    enc = encode(tiny_ner_model, SENTS, TAGS)
    enc["token_type_ids"][1, 3:5] = 1  # near miss: two segments are fine
    pt = save(tmp_path / "tt_ok.pt", enc)
    assert not found(check_data_report([pt], model=str(tiny_ner_model)), "BD206")
    enc["token_type_ids"][0, 5] = 2
    pt = save(tmp_path / "tt.pt", enc)
    (f,) = found(check_data_report([pt], model=str(tiny_ner_model)), "BD206")
    assert "type_vocab_size=2" in f.message and "(max 2)" in f.message
    assert f.locations[0].line == 1


def test_bd207_input_ids_over_vocab_size_and_near_miss(tmp_path, tiny_ner_model):
    vocab = read_config(tiny_ner_model)["vocab_size"]
    enc = encode(tiny_ner_model, SENTS, TAGS)
    enc["input_ids"][0, 2] = vocab - 1  # near miss: the last valid id
    pt = save(tmp_path / "ok.pt", enc)
    assert not found(check_data_report([pt], model=str(tiny_ner_model)), "BD207")
    enc["input_ids"][1, 2] = vocab + 3
    (f,) = found(
        check_data_report([save(tmp_path / "big.pt", enc)], model=str(tiny_ner_model)), "BD207"
    )
    assert f"vocab_size={vocab}" in f.message and f"(max {vocab + 3})" in f.message
    assert f.locations[0].line == 2


def test_bd207_tokenizer_larger_than_the_model(tmp_path):
    import json

    from tinybert import build_tiny_bert

    folder = build_tiny_bert(tmp_path / "m", weights="none")
    cfg = json.loads((folder / "config.json").read_text())
    cfg["vocab_size"] = 100
    (folder / "config.json").write_text(json.dumps(cfg))
    data = tmp_path / "d.conll"
    data.write_text("John\tB-PER\n")
    report = check_data_report([str(data)], model=str(folder))
    (f,) = found(report, "BD207")
    assert "vocab_size is 100" in f.message and f.locations[0].path.endswith("config.json")


def test_bd209_labels_on_some_non_first_pieces(tmp_path, tiny_ner_model):
    tok = load_tokenizer(tiny_ner_model)
    words = ["Berlinerstrasse", "Zurichseeufer"]
    assert any(
        len(tok.encode([w], is_pretokenized=True, add_special_tokens=False).ids) > 1 for w in words
    )
    a = encode(tiny_ner_model, [words], [[3, 3]], length=24, first_only=False)
    b = encode(tiny_ner_model, [words], [[3, 3]], length=24, first_only=True)
    both = {k: torch.cat([a[k], b[k]]) for k in a}
    (f,) = found(
        check_data_report([save(tmp_path / "mix.pt", both)], model=str(tiny_ner_model)), "BD209"
    )
    assert "non-first word pieces are labeled" in f.message
    # near miss: labels on every piece, consistently, is a scheme of its own
    assert not found(
        check_data_report([save(tmp_path / "all.pt", a)], model=str(tiny_ner_model)), "BD209"
    )


def test_bd209_labels_of_another_length(tmp_path):
    rows = [
        {
            "input_ids": torch.tensor([2, 5, 6, 3]),
            "attention_mask": torch.ones(4),
            "labels": torch.tensor([-100, 1, -100]),
        }
    ]
    (f,) = found(check_data_report([save(tmp_path / "len.pt", rows)]), "BD209")
    assert "4 vs 3" in f.message


def test_bd218_one_hot_labels_for_sequence_classification(tmp_path):
    enc = {
        "input_ids": torch.tensor([[2, 5, 3], [2, 6, 3]]),
        "labels": torch.tensor([[0.0, 1.0], [1.0, 0.0]]),
    }
    (f,) = found(check_data_report([save(tmp_path / "oh.pt", enc)]), "BD218")
    assert "one-hot" in f.message
    good = {"input_ids": enc["input_ids"], "labels": torch.tensor([1, 0])}
    report = check_data_report([save(tmp_path / "ok.pt", good)], num_labels=2)
    assert not report.findings and report.sections[0].data["task"] == "cls"


def test_a_pt_file_without_input_ids_cannot_run(tmp_path):
    pt = save(tmp_path / "weights.pt", {"bert.embeddings.weight": torch.zeros(2, 2)})
    with pytest.raises(DoctorError, match="holds no input_ids"):
        check_data_report([pt])


def test_bd209_label_on_the_last_piece_cannot_be_rebuilt(tmp_path, tiny_ner_model):
    tok = load_tokenizer(tiny_ner_model)
    enc = tok.encode(["Berlinerstrasse", "now"], is_pretokenized=True)
    wids = enc.word_ids
    last = [i for i, w in enumerate(wids) if w == 0][-1]
    assert last > 1  # the first word has several pieces
    labels = [-100] * len(wids)
    labels[last] = 3  # on the last piece of word 0, not the first
    labels[wids.index(1)] = 0
    rows = {"input_ids": torch.tensor([enc.ids]), "labels": torch.tensor([labels])}
    report = check_data_report([save(tmp_path / "last.pt", rows)], model=str(tiny_ner_model))
    (f,) = [f for f in found(report, "BD209") if "cannot be rebuilt" in f.message]
    assert f.locations[0].line == 1
