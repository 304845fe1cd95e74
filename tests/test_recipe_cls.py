"""The cls recipe: smoke runs, the embedded XOR data, a pretrained folder, real CSV data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bertdoctor.recipes import cls, data

SMALL = dict(train_size=96, dev_size=32, batch_size=16)


def test_smoke_two_steps(tmp_path: Path) -> None:
    m = cls.main(cls.Config(output=str(tmp_path / "run"), max_steps=2, **SMALL))

    assert m["steps"] == 2 and m["verdict"] == "SKIPPED"
    assert m["labels"] == ["negative", "positive"]
    assert abs(m["losses"][0] - m["expected_initial_loss"]) < 0.5  # near ln(2)
    assert 0.0 <= m["metric"] <= 1.0 and m["scores"]["total"] == 32
    assert (tmp_path / "run/checkpoint/model.safetensors").is_file()
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(tmp_path / "run/checkpoint")
    assert model.config.id2label == {0: "negative", 1: "positive"}


def test_neither_the_adjective_nor_the_negation_alone_predicts_the_label() -> None:
    examples = data.cls_examples(2000)
    negated = [ex for ex in examples if " not " in ex.text or "不" in ex.text]
    good = [
        ex
        for ex in examples
        if any(f" {w} " in ex.text for w in data.EN_GOOD)
        or any(f"很{w}" in ex.text or f"不{w}" in ex.text for w in data.ZH_GOOD)
    ]
    for subset in (negated, good):
        share = sum(ex.label == "positive" for ex in subset) / len(subset)
        assert 0.4 < share < 0.6 or share in (0.0, 1.0)
    # together they decide it: negated good is negative, negated bad is positive
    assert all(ex.label == "negative" for ex in negated if ex in good)
    assert all(ex.label == "positive" for ex in negated if ex not in good)
    assert 0.4 < sum(ex.label == "positive" for ex in examples) / len(examples) < 0.6


def test_pretrained_folder_and_text_pairs(tiny_cls_model: Path, tmp_path: Path) -> None:
    tok = data.wordpiece_tokenizer()
    label2id = {"negative": 0, "positive": 1}
    (feat,) = cls.encode(
        [data.ClsExample("the food was good .", "positive", "很好")], tok, label2id, 32
    )
    assert feat["token_type_ids"].count(1) == 3  # 很 好 [SEP] in segment 1

    m = cls.main(
        cls.Config(model=str(tiny_cls_model), output=str(tmp_path / "m"), max_steps=2, **SMALL)
    )
    assert m["lr"] == 5e-5 and m["steps"] == 2
    assert all(v == v for v in m["losses"])  # finite, not NaN


def test_real_chinese_csv_with_data(shared_datasets: Path, tmp_path: Path) -> None:
    lines = (shared_datasets / "cold" / "train.csv").read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "cold.csv"
    subset.write_text("\n".join(lines[:301]) + "\n", encoding="utf-8")  # header + 300 rows

    m = cls.main(
        cls.Config(data=str(subset), output=str(tmp_path / "run"), max_steps=3, batch_size=16)
    )
    assert m["labels"] == ["0", "1"]
    assert m["train_sentences"] == 270 and m["dev_sentences"] == 30  # every 10th row held out
    assert m["required_metric"] == 0.0  # real data: no threshold the data set can promise
    assert m["tokens_per_s"] > 0


def test_cli_smoke_json(tmp_path: Path) -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "bertdoctor",
            "run-recipe",
            "cls",
            "--device",
            "cpu",
            "--max-steps",
            "2",
            "--output",
            str(tmp_path / "c"),
            "--json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    report = json.loads(r.stdout)
    section = report["sections"][-1]
    assert section["title"] == "Recipe cls" and section["status"] == "skipped"
    assert [f["code"] for f in section["findings"]] == ["BD526"]
    assert section["data"]["steps"] == 2 and "Traceback" not in r.stderr
