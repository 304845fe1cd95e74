"""The readers (one per format, all yielding Example) and reading a model folder without
transformers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bertdoctor.findings import DoctorError
from bertdoctor.modelinfo import is_lowercase, label_list, load_tokenizer, read_model
from bertdoctor.readers import detect_format, open_source, read_examples


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_conll_spaces_docstart_and_whitespace_only_separators(tmp_path):
    f = write(
        tmp_path / "a.txt",
        "-DOCSTART- -X- O O\n\nEU NNP B-ORG\nrejects VBZ O\n \t \nPeter NNP B-PER\n",
    )
    exs = list(read_examples(f))
    assert [e.tokens for e in exs] == [("EU", "rejects"), ("Peter",)]
    assert [e.tags for e in exs] == [("B-ORG", "O"), ("B-PER",)]
    assert [e.line for e in exs] == [3, 6] and exs[0].task == "ner"


def test_jsonl_record_shapes(tmp_path):
    f = write(
        tmp_path / "a.jsonl",
        "\n".join(
            json.dumps(r, ensure_ascii=False)
            for r in [
                {"tokens": ["a", "b"], "ner_tags": [0, 1]},
                {"text": "hi", "label": "pos"},
                {"sentence1": "a", "sentence2": "b", "label": 1},
                {
                    "text": "张三在北京",
                    "label": {"name": {"张三": [[0, 1]]}, "address": {"北京": [[3, 4]]}},
                },
            ]
        )
        + "\n",
    )
    ner, cls, pair, spans = read_examples(f)
    assert ner.tags == (0, 1) and cls.label == "pos" and cls.task == "cls"
    assert pair.task == "pair" and pair.text_pair == "b"
    assert spans.tokens == tuple("张三在北京")
    assert spans.tags == ("B-name", "I-name", "O", "B-address", "I-address")


def test_json_array_and_headerless_tsv(tmp_path):
    arr = write(tmp_path / "a.json", json.dumps([{"text": "x", "label": 0}]))
    assert [e.label for e in read_examples(arr)] == [0]
    tsv = write(
        tmp_path / "b.tsv", "".join(f"{i % 2}\tsome longer text number {i}\n" for i in range(30))
    )
    assert detect_format(tsv) == "tsv"
    exs = list(read_examples(tsv))
    assert exs[0].label == 0 and exs[0].text == "some longer text number 0" and exs[0].line == 1


def test_csv_header_names_any_case_and_unnamed_index(tmp_path):
    f = write(tmp_path / "a.csv", ',split,TEXT,label\n0,train,hello,1\n1,train,"a, b",0\n')
    exs = list(read_examples(f))
    assert [(e.text, e.label, e.line) for e in exs] == [("hello", 1, 2), ("a, b", 0, 3)]


def test_parallel_files_from_either_file_or_the_folder(tmp_path):
    write(tmp_path / "seq.in", "book a flight\n")
    write(tmp_path / "seq.out", "O O B-obj\n")
    for p in (tmp_path, tmp_path / "seq.in", tmp_path / "seq.out"):
        src = open_source(p)
        assert src.format == "parallel" and src.path.name == "seq.in"
        (ex,) = src
        assert ex.tokens == ("book", "a", "flight") and ex.tags == ("O", "O", "B-obj")


def test_utf16_file_is_decoded_and_kept_as_an_issue(tmp_path):
    f = tmp_path / "a.tsv"
    f.write_bytes("text\tlabel\n好\t1\n".encode("utf-16"))
    src = open_source(f)
    (ex,) = src
    assert ex.text == "好" and ex.label == 1 and "utf16" in src.issues


def test_missing_file_is_a_doctor_error():
    with pytest.raises(DoctorError, match="no such file"):
        open_source("no/such.conll")


def test_model_folder_with_vocab_txt_only_honours_do_lower_case(tmp_path, tiny_ner_model):
    folder = tmp_path / "m"
    folder.mkdir()
    for name in ("config.json", "vocab.txt"):
        shutil.copy(tiny_ner_model / name, folder / name)
    (folder / "tokenizer_config.json").write_text(json.dumps({"do_lower_case": False}))
    tok = load_tokenizer(folder)
    assert not is_lowercase(folder)
    enc = tok.encode(["John"], is_pretokenized=True)
    assert enc.tokens[0] == "[CLS]" and enc.tokens[-1] == "[SEP]"
    cased = tok.encode("John", add_special_tokens=False).tokens
    (folder / "tokenizer_config.json").write_text(json.dumps({"do_lower_case": True}))
    lower = load_tokenizer(folder).encode("John", add_special_tokens=False).tokens
    assert lower == load_tokenizer(tiny_ner_model).encode("john", add_special_tokens=False).tokens
    assert cased != lower


def test_model_labels_and_generic_names(tiny_ner_model):
    info = read_model(tiny_ner_model)
    assert info.labels == ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"] and info.num_labels == 5
    assert label_list({"id2label": {"0": "LABEL_0", "1": "LABEL_1"}}) is None
    with pytest.raises(DoctorError, match="no config.json"):
        read_model(tiny_ner_model.parent)


def test_a_short_tsv_with_a_header_is_not_taken_for_conll(tmp_path):
    f = write(tmp_path / "b.tsv", "label\ttext\n1\t今天天气很好\n0\t不好\n")
    assert detect_format(f) == "tsv"
    assert [(e.label, e.text) for e in read_examples(f)] == [(1, "今天天气很好"), (0, "不好")]


def test_a_null_label_is_a_malformed_record(tmp_path):
    f = write(tmp_path / "a.jsonl", '{"text": "a", "label": null}\n{"text": "b", "label": 0}\n')
    src = open_source(f)
    assert [e.text for e in src] == ["b"]
    assert src.issues["malformed"].lines == [1]
