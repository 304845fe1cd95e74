"""check-data on the real datasets of ../shared/datasets: the quirks their README lists are
found by code and location, and the clean files give no error that is not real."""

from __future__ import annotations

from pathlib import Path

import pytest

from bertdoctor.checks.data import check_data_report
from bertdoctor.findings import Finding, Report, Section
from bertdoctor.readers import open_source


def found(section: Section, code: str) -> list[Finding]:
    return [f for f in section.findings if f.code == code]


def errors(section: Section) -> set[str]:
    return {f.code for f in section.findings if f.severity.value == "error"}


def sentence_start(path: Path, token_line: int) -> int:
    """The line where the sentence holding ``token_line`` starts (blank = whitespace only)."""
    lines = path.read_bytes().split(b"\n")
    n = token_line
    while n > 1 and lines[n - 2].strip():
        n -= 1
    return n


@pytest.fixture(scope="session")
def wnut(shared_datasets: Path) -> Report:
    d = shared_datasets / "wnut17"
    files = [
        "wnut17train.conll",
        "emerging.dev.conll",
        "emerging.test.conll",
        "emerging.test.annotated",
    ]
    return check_data_report([str(d / f) for f in files])


@pytest.fixture(scope="session")
def weibo(shared_datasets: Path, tiny_ner_model: Path) -> Report:
    d = shared_datasets / "weibo_ner"
    return check_data_report(
        [str(d / "weiboNER.conll.train"), str(d / "weiboNER.conll.dev")],
        model=str(tiny_ner_model),
        max_length=128,
    )


@pytest.fixture(scope="session")
def weibo2(shared_datasets: Path) -> Report:
    d = shared_datasets / "weibo_ner"
    return check_data_report(
        [str(d / "weiboNER_2nd_conll.train"), str(d / "weiboNER_2nd_conll.test")]
    )


@pytest.fixture(scope="session")
def cold(shared_datasets: Path) -> Report:
    d = shared_datasets / "cold"
    return check_data_report([str(d / "train.csv"), str(d / "dev.csv"), str(d / "test.csv")])


# ---------------------------------------------------------------- WNUT-17


def test_wnut_train_tab_only_separators_split_sentences(wnut):
    train = wnut.sections[0]
    assert train.data["examples"] == 3394 and train.data["tokens"] == 62730
    assert train.data["entities"]["person"] == 660
    assert train.data["labels"].keys() == {
        "O",
        *(
            f"{p}-{t}"
            for p in "BI"
            for t in ("corporation", "creative-work", "group", "location", "person", "product")
        ),
    }
    assert not found(train, "BD217") and not found(train, "BD210")


def test_wnut_clean_files_have_no_error_and_the_real_conflicts_warn(wnut, shared_datasets):
    train, dev, _, gold = wnut.sections
    for section in (train, dev, gold):
        assert not errors(section), [f.message for f in section.findings]
    # the conflicts are real: the same tweet annotated twice, differently; 13 of 3,394 sentences
    # (0.4%) are noise training survives, so a warning, not an error that stops the recipe
    (conflict,) = [f for f in found(train, "BD214") if "different label" in f.message]
    assert conflict.severity.value == "warning"
    assert conflict.message.startswith(
        "13 duplicates with a different label than the first copy (0.4% of 3,394;"
    )
    lines = (shared_datasets / "wnut17" / "wnut17train.conll").read_text().split("\n")
    assert lines[44].startswith("Pxleyes\tB-corporation")
    assert conflict.locations[0].line == 2297 and lines[2296].startswith("Pxleyes\tO")


def test_wnut_fe0f_tokens_vanish_at_their_sentences(wnut, shared_datasets):
    dev, test = wnut.sections[1], wnut.sections[2]
    for section, name, token_lines in (
        (dev, "emerging.dev.conll", [6573, 6590, 14837, 16373]),
        (test, "emerging.test.conll", [18254, 22258, 24241]),
    ):
        (f,) = found(section, "BD215")
        assert f"'U+FE0F' ×{len(token_lines)}" in f.message
        path = shared_datasets / "wnut17" / name
        expected = sorted({sentence_start(path, n) for n in token_lines})
        assert [loc.line for loc in f.locations] == expected


def test_wnut_multi_tag_test_file(wnut):
    test = wnut.sections[2]
    assert "82 labels" in test.summary
    malformed = [f for f in found(test, "BD205") if "malformed" in f.message]
    assert malformed and malformed[0].message.startswith("297 tags of")
    unseen = [f for f in found(test, "BD205") if "never seen in wnut17train.conll" in f.message]
    assert unseen and unseen[0].severity.value == "error"
    (bio,) = found(test, "BD210")
    assert bio.message.startswith("116 tags break IOB2")
    gold = wnut.sections[3]
    assert not found(gold, "BD205") and not found(gold, "BD210")


# ---------------------------------------------------------------- Weibo NER


def test_weibo_original_cesu8_is_reported_with_its_line(weibo):
    train, dev = weibo.sections[1], weibo.sections[2]
    (enc,) = found(train, "BD216")
    assert enc.severity.value == "error"
    assert "12 lines not valid UTF-8" in enc.message and "CESU-8" in enc.message
    assert "ED A0 BD = U+D83D" in enc.message
    assert enc.locations[0].line == 5873
    assert [f for f in found(dev, "BD216")][0].message.startswith("16 lines")
    assert train.data["examples"] == 1350 and train.data["tokens"] == 73780


def test_weibo_original_replacement_chars_vanish_and_bio_breaks(weibo):
    train = weibo.sections[1]
    (vanish,) = found(train, "BD215")
    assert "'U+FFFD' ×38" in vanish.message  # the original's own U+FFFD tokens
    assert "'U+FFFD U+FFFD U+FFFD' ×12" in vanish.message  # our replacement of the halves
    (bio,) = found(train, "BD210")
    assert bio.message.startswith("21 tags break IOB2")


def test_weibo_against_a_model_with_other_labels_and_64_positions(weibo):
    model, train = weibo.sections[0], weibo.sections[1]
    assert model.title.startswith("Model:") and model.data["num_labels"] == 5
    (labels,) = found(train, "BD205")
    assert "14 labels" in labels.message and "I-PER.NAM ×1095" in labels.message
    (length,) = found(train, "BD208")
    assert length.severity.value == "error" and "max_position_embeddings=64" in length.message
    assert 128 < train.data["length"]["max"] <= 175 + 2
    assert train.data["length"]["over_limit"] == 93


def test_weibo_2nd_char_index_column_is_read_as_characters(weibo2):
    train, test = weibo2.sections
    (idx,) = found(train, "BD217")
    assert idx.severity.value == "warning" and "character + word-position index" in idx.message
    assert "73,778 tokens" in idx.message and idx.locations[0].line == 1
    assert train.data["length"]["max"] == 175 + 2  # one token per character, not char+index
    assert train.data["tokens"] == 73778
    assert not found(train, "BD216")  # valid UTF-8
    (bio,) = found(train, "BD210")
    assert bio.message.startswith("10 tags")
    (rare,) = found(train, "BD213")
    assert "GPE.NOM" in rare.message and "8 (0.4%)" in rare.message
    (vanish,) = found(train, "BD215")
    assert "'U+FFFD U+FFFD' ×12" in vanish.message  # the surrogate halves turned into \ufffd\ufffd0
    leak = [f for f in found(test, "BD214") if "also in weiboNER_2nd_conll.train" in f.message]
    assert leak


def test_weibo_2nd_reader_yields_single_characters(shared_datasets):
    src = open_source(shared_datasets / "weibo_ner" / "weiboNER_2nd_conll.train")
    first = next(iter(src))
    assert first.tokens[:3] == ("科", "技", "全") and first.line == 1


# ---------------------------------------------------------------- COLD


def test_cold_bom_index_column_and_counts(cold):
    train, dev, test = cold.sections
    assert train.data["examples"] == 25726 and train.data["labels"] == {"0": 13003, "1": 12723}
    assert test.data["labels"] == {"0": 3216, "1": 2107}
    for section in cold.sections:
        bom = [f for f in found(section, "BD216") if "BOM" in f.message]
        assert bom and bom[0].severity.value == "warning" and bom[0].locations[0].line == 1
        assert not found(section, "BD217")


def test_cold_duplicates_conflicts_and_leakage(cold):
    train, dev, test = cold.sections
    dup, conflict = found(train, "BD214")
    assert dup.message.startswith("67 duplicate texts") and dup.severity.value == "warning"
    assert conflict.message.startswith(
        "13 duplicates with a different label than the first copy (0.1% of 25,726;"
    )
    assert conflict.severity.value == "warning"  # under 1% of the file
    assert any(f.message.startswith("30 texts also in train.csv") for f in found(dev, "BD214"))
    msgs = [f.message for f in found(test, "BD214")]
    assert any(m.startswith("39 texts also in train.csv") for m in msgs)
    assert any(m.startswith("15 texts also in dev.csv") for m in msgs)


def test_cold_replacement_characters_and_no_false_errors(cold):
    train, dev, test = cold.sections
    assert any(f.message.startswith("16 examples contain U+FFFD") for f in found(train, "BD216"))
    assert any(f.message.startswith("3 examples contain U+FFFD") for f in found(dev, "BD216"))
    for section in cold.sections:
        assert not errors(section), [f.message for f in section.findings]


def test_cold_with_the_cls_model_measures_word_pieces(shared_datasets, tiny_cls_model):
    report = check_data_report(
        [str(shared_datasets / "cold" / "test.csv")], model=str(tiny_cls_model), max_length=64
    )
    section = report.sections[1]
    assert section.data["length"]["unit"] == "word pieces"
    assert 64 < section.data["length"]["max"] <= 130  # up to 128 characters + [CLS] + [SEP]
    (unk,) = found(section, "BD211")  # a toy vocabulary on Chinese: mostly [UNK]
    assert "become [UNK]" in unk.message
    assert errors(section) == set()  # --max-length 64 = the positions: truncation, a warning
