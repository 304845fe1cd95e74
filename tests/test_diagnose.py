"""bertdoctor diagnose end to end: the checks for what was given, the recipe, one verdict."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from clirun import bertdoctor

SCRIPT = """\
from .utils import load_data
from transformers import BertForTokenClassification, BertTokenizerFast

tokenizer = BertTokenizerFast.from_pretrained("./bert-base-chinese")
model = BertForTokenClassification.from_pretrained("./bert-base-chinese", num_labels=13)
"""


def diagnose(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return bertdoctor("diagnose", *args, cwd=cwd)


def test_no_arguments_checks_the_machine_and_passes_the_default_recipe(tmp_path: Path) -> None:
    r = diagnose("--json", cwd=tmp_path)

    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    report = json.loads(r.stdout)
    assert [s["title"] for s in report["sections"]] == ["Environment", "Recipe ner", "Diagnosis"]
    recipe = report["sections"][1]
    assert recipe["data"]["verdict"] == "PASS" and recipe["data"]["metric"] >= 0.8
    diagnosis = report["sections"][2]
    assert diagnosis["data"]["parts"] == {"Environment": "ok", "Recipe ner": "ok"}
    assert diagnosis["data"]["first_fix"] is None
    # the run folder is a fresh one under the working directory
    (run,) = (tmp_path / "bertdoctor-runs").iterdir()
    assert run.name.startswith("ner-") and (run / "metrics.json").is_file()


def test_model_data_and_script_each_get_a_verdict_and_the_first_fix(
    shared_datasets: Path, tiny_ner_model: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "train.py").write_text(SCRIPT)
    (project / "utils.py").write_text("def load_data():\n    return []\n")
    lines = (shared_datasets / "wnut17/wnut17train.conll").read_text().splitlines(True)[:400]
    (project / "train.conll").write_text("".join(lines))

    r = diagnose(
        "--data",
        "train.conll",
        "--model",
        str(tiny_ner_model),
        "--script",
        "train.py",
        "--json",
        cwd=project,
    )

    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr[-2000:]
    report = json.loads(r.stdout)
    parts = report["sections"][-1]["data"]["parts"]
    assert list(parts) == ["Environment", "Model", "Imports", "Script", "Data", "Recipe ner"]
    assert parts["Imports"] == "error"  # the relative import
    assert parts["Data"] == "error"  # 13 WNUT labels against the folder's 5-label head
    first = report["sections"][-1]["data"]["first_fix"]
    assert first["code"] == "BD310" and "from .utils import load_data" in first["message"]
    # the import finding is shown once, not again under the script's section
    assert sum(f["code"] == "BD310" for f in report["findings"]) == 1
    # the data's label mismatch does not stop the recipe: it builds a head for WNUT's labels
    recipe = next(s for s in report["sections"] if s["title"] == "Recipe ner")
    assert recipe["data"]["steps"] == 60 and recipe["data"]["required_loss_drop"] == 0.2
    assert not (tiny_ner_model / "bertdoctor-runs").exists()


def test_broken_data_blocks_the_recipe(shared_datasets: Path, tmp_path: Path) -> None:
    lines = (shared_datasets / "wnut17/emerging.test.conll").read_text().splitlines(True)[:400]
    (tmp_path / "test.conll").write_text("".join(lines))

    r = diagnose("--data", "test.conll", "--markdown", cwd=tmp_path)

    assert r.returncode == 1
    assert "BD524" in r.stdout and "the recipe did not start" in r.stdout
    assert "first thing to fix: BD205" in r.stdout or "fix BD205 first" in r.stdout
    assert not (tmp_path / "bertdoctor-runs").exists()


def test_a_missing_script_is_one_line_and_exit_2(tmp_path: Path) -> None:
    r = diagnose("--script", "nope.py", cwd=tmp_path)
    assert r.returncode == 2
    assert "nope.py" in r.stderr and len(r.stderr.strip().splitlines()) == 1
