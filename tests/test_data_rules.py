"""check-data, rule by rule: a bad case, a good case and a near miss from tests/fixtures/BD2xx/."""

from __future__ import annotations

from pathlib import Path

import pytest

from bertdoctor.checks.data import check_data_report
from bertdoctor.findings import Finding, Report

FIX = Path(__file__).resolve().parent / "fixtures"


def run(*names: str, **kw) -> Report:
    return check_data_report([str(FIX / n) for n in names], **kw)


def found(report: Report, code: str) -> list[Finding]:
    return [f for f in report.findings if f.code == code]


def one(report: Report, code: str) -> Finding:
    hits = found(report, code)
    assert len(hits) == 1, [(f.code, f.message) for f in report.findings]
    return hits[0]


def lines(finding: Finding) -> list[int | None]:
    return [loc.line for loc in finding.locations]


def test_bd201_label_ids_over_num_labels_are_named_with_their_lines():
    f = one(run("BD201/bad.jsonl", num_labels=5), "BD201")
    assert f.severity.value == "error"
    assert "2 label ids >= num_labels=5 (ids 5, 7)" in f.message
    assert lines(f) == [2, 3]
    assert not found(run("BD201/good.jsonl", num_labels=5), "BD201")
    # near miss: -100 is the ignore index, not an id out of range
    assert not run("BD201/near_miss.jsonl", num_labels=5).findings


def test_bd201_more_distinct_string_labels_than_num_labels():
    f = one(run("BD205/train.conll", num_labels=3), "BD201")
    assert "4 distinct labels in the data but num_labels=3: id 3 would be" in f.message
    assert not found(run("BD205/train.conll", num_labels=4), "BD201")


def test_bd201_against_the_model_num_labels(tiny_cls_model):
    f = one(run("BD202/bad.csv", model=str(tiny_cls_model)), "BD202")
    assert "(-1)" in f.message
    report = run("BD213/train.csv", model=str(tiny_cls_model))
    bd201 = one(report, "BD201")
    assert "ids 2" in bd201.message and "safe, offensive" in bd201.message


def test_bd202_negative_label():
    f = one(run("BD202/bad.csv"), "BD202")
    assert lines(f) == [3] and "(-1)" in f.message
    assert not run("BD202/good.csv").findings
    assert not found(run("BD202/near_miss.jsonl"), "BD202")  # -100 is allowed


def test_bd203_ignore_index_with_crf_and_in_classification():
    f = one(run("BD203/bad.jsonl", crf=True), "BD203")
    assert "CRF" in f.message and lines(f) == [1]
    assert "mask" in f.fix
    assert not found(run("BD203/bad.jsonl"), "BD203")  # near miss: softmax ignores -100
    assert not found(run("BD203/good.jsonl", crf=True), "BD203")
    f = one(run("BD203/bad_cls.csv"), "BD203")
    assert "sentence classification" in f.message and lines(f) == [3]


def test_bd204_all_labels_ignored(tiny_ner_model):
    f = one(run("BD204/bad.jsonl"), "BD204")
    assert lines(f) == [2] and "every tag is -100" in f.message
    f = one(run("BD204/bad.conll", model=str(tiny_ner_model)), "BD204")
    assert lines(f) == [7] and "vanishes" in f.message
    assert not run("BD204/good.conll", model=str(tiny_ner_model)).findings
    near = run("BD204/near_miss.conll", model=str(tiny_ner_model))
    assert not found(near, "BD204") and found(near, "BD215")


def test_bd205_malformed_multi_tag_and_case_variants():
    f = one(run("BD205/multi_tag.conll"), "BD205")
    assert "'B-corporation,B-person,B-location'" in f.message and lines(f) == [1]
    f = one(run("BD205/case.conll"), "BD205")
    assert "B-PER vs b-per" in f.message and lines(f) == [1, 7]
    assert not run("BD205/near_miss.conll").findings  # hyphen and dot inside a type are fine
    assert not run("BD205/near_miss_cls.csv").findings  # a class name may hold a space
    assert not run("BD205/good.conll").findings


def test_bd205_against_the_model_and_a_label_file(tiny_ner_model):
    f = one(run("BD205/cased_labels.conll", model=str(tiny_ner_model)), "BD205")
    assert "B-Person ×1" in f.message and "O, B-PER, I-PER, B-LOC, I-LOC" in f.message
    assert not run("BD205/good.conll", model=str(tiny_ner_model)).findings
    assert not run("BD205/good.conll", labels_file=str(FIX / "BD205/labels.txt")).findings
    report = run(
        "BD205/good.conll",
        model=str(tiny_ner_model),
        labels_file=str(FIX / "BD205/labels_reordered.txt"),
    )
    f = one(report, "BD205")
    assert "id 1 is 'I-PER' in labels_reordered.txt but 'B-PER' in the model" in f.message
    assert lines(f) == [2]


def test_bd205_model_labels_the_training_file_never_uses(tiny_ner_model):
    f = one(run("BD205/unused_train.conll", model=str(tiny_ner_model)), "BD205")
    assert f.severity.value == "warning"
    assert "1 label of the model never occurs in unused_train.conll: I-LOC" in f.message
    # near miss: a small sample need not hold every label
    assert not run("BD205/good.conll", model=str(tiny_ner_model)).findings


def test_bd205_labels_of_dev_never_seen_in_train():
    report = run("BD205/train.conll", "BD205/dev.conll")
    f = one(report, "BD205")
    assert f.locations[0].path.endswith("dev.conll")
    assert "never seen in train.conll: B-ORG ×1" in f.message
    assert lines(f) == [7]
    f = one(run("BD205/train.conll", "BD205/dev_case.conll"), "BD205")
    assert "case variants: b-per (train has B-PER)" in f.message
    # near miss: the same files the other way round (train holds more labels than dev)
    assert not found(run("BD205/dev.conll", "BD205/dev.conll"), "BD205")


def test_bd208_sequence_too_long_counts_lost_entities(tiny_ner_model):
    f = one(run("BD208/bad.conll", model=str(tiny_ner_model), max_length=16), "BD208")
    assert f.severity.value == "warning"
    assert "1 example (50.0%) longer than max_length=16" in f.message
    assert "truncation drops 1 entity" in f.message and lines(f) == [7]
    # near miss: exactly max_length word pieces with [CLS]/[SEP] fits
    assert not run("BD208/near_miss.conll", model=str(tiny_ner_model), max_length=16).findings
    assert not run("BD208/good.conll", model=str(tiny_ner_model), max_length=16).findings


def test_bd208_over_max_position_embeddings_is_an_error(tiny_ner_model):
    report = run("BD208/bad.conll", model=str(tiny_ner_model), max_length=16)
    section = report.sections[1]
    assert section.data["length"]["over_limit"] == 1
    big = run("BD208/bad.conll", num_labels=5, max_length=8)  # no model: counted in words
    f = one(big, "BD208")
    assert "words" in f.message


def test_bd209_tag_count_differs_from_token_count():
    f = one(run("BD209/bad"), "BD209")
    assert "2 vs 3" in f.message and lines(f) == [2]
    assert f.locations[0].path.endswith("seq.in")
    assert not run("BD209/good").findings
    assert not run("BD209/near_miss").findings  # tabs and double spaces still split evenly


def test_bd209_spans_that_do_not_match_their_text():
    f = one(run("BD209/spans_bad.jsonl"), "BD209")
    assert "'浙商银行企业', not '浙商银行'" in f.message
    good = run("BD209/spans_good.jsonl")
    assert not good.findings
    assert good.sections[0].data["entities"] == {"company": 1}


def test_bd210_invalid_bio():
    f = one(run("BD210/bad.conll"), "BD210")
    assert "O → I-LOC ×1" in f.message and "B-PER → I-LOC ×1" in f.message
    assert lines(f) == [7, 11]
    assert not run("BD210/good.conll").findings
    assert not run("BD210/near_miss.conll").findings  # valid BIOES
    f = one(run("BD210/mixed.conll"), "BD210")
    assert "BIO and BIOES mixed" in f.message


def test_bd211_high_unk_rate(tiny_cls_model):
    f = one(run("BD211/bad.csv", model=str(tiny_cls_model)), "BD211")
    assert "(100.0%) become [UNK]" in f.message and "'ʘʚɷ' ×10" in f.message
    assert not run("BD211/good.csv", model=str(tiny_cls_model)).findings
    assert not run("BD211/near_miss.csv", model=str(tiny_cls_model)).findings  # under 1%


def test_bd212_cased_entities_with_an_uncased_tokenizer(tiny_ner_model):
    f = one(run("BD212/bad.conll", model=str(tiny_ner_model)), "BD212")
    assert "100% of entity words start with a capital" in f.message
    assert not found(run("BD212/near_miss.conll", model=str(tiny_ner_model)), "BD212")
    assert not found(run("BD212/good.conll", model=str(tiny_ner_model)), "BD212")  # too few


def test_bd213_rare_and_absent_classes():
    f = one(run("BD213/bad.csv"), "BD213")
    assert "1: 1 (0.7%)" in f.message
    assert not run("BD213/good.csv").findings
    assert not run("BD213/near_miss.csv").findings  # 2 of 150 is 1.3%
    report = run("BD213/train.csv", "BD213/dev.csv")
    f = one(report, "BD213")
    assert "absent from this split: 2" in f.message and f.locations[0].path.endswith("dev.csv")


def test_bd214_duplicates_conflicts_and_leakage():
    report = run("BD214/bad.csv")
    dup = [f for f in found(report, "BD214") if f.severity.value == "warning"]
    conflict = [f for f in found(report, "BD214") if f.severity.value == "error"]
    assert "2 duplicate texts" in dup[0].message and lines(dup[0]) == [4, 6]
    assert "with a different label than the first copy (20.0% of 5;" in conflict[0].message
    assert lines(conflict[0]) == [6]
    assert not run("BD214/good.csv").findings
    assert not run("BD214/near_miss.csv").findings  # case and punctuation differ
    assert not run("BD214/near_miss.conll").findings  # short sentences such as "Thanks !"
    report = run("BD214/train.csv", "BD214/test.csv")
    f = one(report, "BD214")
    assert "1 text also in train.csv (leakage; 1 with another label)" in f.message
    assert f.locations[0].path.endswith("test.csv") and lines(f) == [2]


def test_bd215_words_that_vanish(tiny_ner_model):
    f = one(run("BD215/bad.conll", model=str(tiny_ner_model)), "BD215")
    assert "'U+FE0F'" in f.message and "'U+200B'" in f.message
    assert "1 of them inside an entity ('I-LOC')" in f.message
    assert lines(f) == [1, 5]
    assert not run("BD215/good.conll", model=str(tiny_ner_model)).findings
    near = run("BD215/near_miss.conll", model=str(tiny_ner_model))  # an emoji is [UNK]
    assert not found(near, "BD215")
    f = one(run("BD215/bad.conll"), "BD215")  # without a model: BERT's cleaning
    assert "give --model" in f.message


@pytest.mark.parametrize(
    ("name", "severity", "words", "line"),
    [
        ("BD216/cesu8.conll", "error", "surrogate halves encoded one by one (CESU-8)", 3),
        ("BD216/gbk.csv", "error", "GBK/GB18030", 2),
        ("BD216/utf16.csv", "error", "utf-16, not UTF-8", 1),
        ("BD216/bom.csv", "warning", "UTF-8 BOM", 1),
        ("BD216/crlf.conll", "warning", "CRLF", 1),
    ],
)
def test_bd216_says_what_the_bytes_look_like(name, severity, words, line):
    report = run(name)
    f = one(report, "BD216")
    assert words in f.message and f.severity.value == severity
    assert lines(f)[0] == line
    assert report.sections[0].data["examples"] >= 1  # reading went on


def test_bd216_clean_utf8_with_emoji_is_fine():
    assert not run("BD216/good.conll").findings
    assert not found(run("BD216/near_miss.conll"), "BD216")


def test_bd216_crlf_does_not_leak_into_the_tags():
    report = run("BD216/crlf.conll")
    assert report.sections[0].data["labels"] == {"B-PER": 1, "O": 2}


def test_bd217_malformed_records_are_skipped_and_reading_goes_on():
    f = one(run("BD217/bad.jsonl"), "BD217")
    assert "not JSON" in f.message and lines(f) == [2, 3]
    report = run("BD217/bad.csv")
    f = one(report, "BD217")
    assert "3 columns, the header has 2" in f.message and "never closed" in f.message
    assert lines(f) == [3, 4]
    assert report.sections[0].data["examples"] == 4  # the lines after the stray quote are read
    f = one(run("BD217/bad.conll"), "BD217")
    assert "a token with no tag: 'lives'" in f.message and lines(f) == [2]
    assert not run("BD217/good.jsonl").findings
    assert not run("BD217/near_miss.csv").findings  # quoted commas and doubled quotes


def test_bd218_label_dtypes():
    f = one(run("BD218/bad.jsonl"), "BD218")
    assert "fractional values (0.5)" in f.message and lines(f) == [1]
    assert "one-hot" in one(run("BD218/one_hot.jsonl"), "BD218").message
    assert "integer and string labels" in one(run("BD218/mixed.csv"), "BD218").message
    assert "floats (0.0, 1.0)" in one(run("BD218/floats.csv"), "BD218").message
    assert not run("BD218/good.jsonl").findings
    assert not run("BD218/near_miss.jsonl").findings  # multi-label lists of names


def test_bd219_manual_separator():
    f = one(run("BD219/bad.csv"), "BD219")
    assert lines(f) == [2] and "tokenizer(a, b)" in f.fix
    good = run("BD219/good.csv")
    assert not good.findings and good.sections[0].data["task"] == "pair"
    assert not run("BD219/near_miss.csv").findings


def test_bd221_empty_examples():
    f = one(run("BD221/bad.csv"), "BD221")
    assert "2 empty examples" in f.message and lines(f) == [2, 3]
    assert lines(one(run("BD221/bad"), "BD221")) == [2]
    assert "no examples" in one(run("BD221/empty.conll"), "BD221").message
    assert not run("BD221/good.csv").findings
    assert not run("BD221/near_miss.csv").findings


def test_task_override_reads_a_two_column_txt_as_classification():
    report = run("BD217/cls_task.txt", task="cls")
    assert not report.findings
    data = report.sections[0].data
    assert data["task"] == "cls" and data["labels"] == {"1": 1, "0": 1}


def test_a_model_folder_without_tokenizer_still_checks_labels(tmp_path, tiny_ner_model):
    import shutil

    folder = tmp_path / "config-only"
    folder.mkdir()
    shutil.copy(tiny_ner_model / "config.json", folder / "config.json")
    report = run("BD215/bad.conll", model=str(folder))
    model = report.sections[0]
    (bd302,) = [f for f in model.findings if f.code == "BD302"]
    assert "no tokenizer.json and no vocab.txt" in bd302.message
    assert "no tokenizer" in model.summary
    data = report.sections[1]
    assert data.data["length"]["unit"] == "words"
    assert "give --model" in one(report, "BD215").message  # BERT's cleaning, not the model's
    # the labels are still checked against the folder's id2label
    assert "B-Person" in one(run("BD205/cased_labels.conll", model=str(folder)), "BD205").message


def test_bd212_lower_case_text_with_a_cased_tokenizer(tmp_path):
    from tinybert import build_tiny_bert

    cased = build_tiny_bert(tmp_path / "cased", lowercase=False, weights="none")
    f = one(run("BD212/lower.conll", model=str(cased)), "BD212")
    assert "with a capital: lower-cased text given to the cased tokenizer" in f.message
    # near miss: cased text with the cased tokenizer
    assert not found(run("BD212/bad.conll", model=str(cased)), "BD212")
