"""run-recipe on real data (--data) and a pretrained folder (--model): check-model and
check-data run first, and their errors stop the run with the findings."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import bertdoctor


def head(src: Path, dst: Path, lines: int) -> Path:
    """The first lines of a shared data set, in tmp_path (never copied into the repo)."""
    text = src.read_text(encoding="utf-8").splitlines(keepends=True)[:lines]
    dst.write_text("".join(text), encoding="utf-8")
    return dst


def test_wnut17_subset_with_a_pretrained_folder(
    shared_datasets: Path, tiny_ner_model: Path, tmp_path: Path
) -> None:
    # 400 lines with the tab-only sentence separators of the real train file
    train = head(shared_datasets / "wnut17/wnut17train.conll", tmp_path / "train.conll", 400)
    r = bertdoctor(
        "run-recipe",
        "ner",
        "--data",
        str(train),
        "--model",
        str(tiny_ner_model),
        "--max-steps",
        "3",
        "--batch-size",
        "8",
        "--json",
        cwd=tmp_path,
    )

    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    report = json.loads(r.stdout)
    titles = [s["title"] for s in report["sections"]]
    assert any(t.startswith("Model") for t in titles)  # check-model ran first
    assert any(t.startswith("Data") for t in titles)  # then check-data
    recipe = report["sections"][-1]
    assert recipe["title"] == "Recipe ner" and recipe["data"]["steps"] == 3
    # the folder's head has 5 labels, WNUT 13: a warning, since the recipe builds a new head
    mismatch = [f for f in report["findings"] if f["code"] == "BD205"]
    assert mismatch and all(f["severity"] == "warning" for f in mismatch)
    metrics = json.loads(Path(recipe["data"]["output"], "metrics.json").read_text())
    assert "B-location" in metrics["labels"] and metrics["labels"][0] == "O"
    # the default run folder is under the working directory, never in the model folder
    assert Path(recipe["data"]["output"]).parent == tmp_path / "bertdoctor-runs"
    assert sorted(p.name for p in tiny_ner_model.iterdir()) == sorted(
        p.name for p in tiny_ner_model.iterdir() if not p.name.startswith("bertdoctor")
    )


def test_broken_dataset_stops_the_run_with_its_findings(
    shared_datasets: Path, tmp_path: Path
) -> None:
    # the non-gold WNUT test file: comma-joined multi-tags such as B-corporation,B-person
    broken = head(shared_datasets / "wnut17/emerging.test.conll", tmp_path / "test.conll", 400)
    out = tmp_path / "run"
    r = bertdoctor(
        "run-recipe", "ner", "--data", str(broken), "--output", str(out), "--json", cwd=tmp_path
    )

    assert r.returncode == 1 and "Traceback" not in r.stderr
    report = json.loads(r.stdout)
    codes = [f["code"] for f in report["findings"] if f["severity"] == "error"]
    assert "BD205" in codes and "BD524" in codes
    malformed = next(f for f in report["findings"] if f["code"] == "BD205")
    assert "B-corporation,B-person,B-location" in malformed["message"]
    first = malformed["locations"][0]
    # the sentence that holds Gurez (line 212), the first multi-tag line
    assert first["path"] == str(broken) and 200 <= first["line"] <= 212
    assert report["sections"][-1]["data"]["verdict"] == "BLOCKED"
    assert not out.exists()  # nothing trained, nothing written


def test_cold_csv_subset_with_a_pretrained_folder(
    shared_datasets: Path, tiny_cls_model: Path, tmp_path: Path
) -> None:
    train = head(shared_datasets / "cold/train.csv", tmp_path / "train.csv", 301)
    dev = head(shared_datasets / "cold/dev.csv", tmp_path / "dev.csv", 101)
    r = bertdoctor(
        "run-recipe",
        "cls",
        "--data",
        str(train),
        "--dev",
        str(dev),
        "--model",
        str(tiny_cls_model),
        "--max-steps",
        "3",
        "--max-length",
        "64",
        "--json",
        cwd=tmp_path,
    )

    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    recipe = json.loads(r.stdout)["sections"][-1]
    assert recipe["title"] == "Recipe cls" and recipe["data"]["steps"] == 3
    metrics = json.loads(Path(recipe["data"]["output"], "metrics.json").read_text())
    assert metrics["labels"] == ["0", "1"] and metrics["dev_sentences"] == 100
    assert metrics["train_sentences"] == 300


def test_missing_data_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    r = bertdoctor("run-recipe", "ner", "--data", str(tmp_path / "nope.conll"), cwd=tmp_path)
    assert r.returncode == 2
    assert "nope.conll" in r.stderr and len(r.stderr.strip().splitlines()) == 1
