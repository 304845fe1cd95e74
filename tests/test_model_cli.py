"""`bertdoctor check-model` end to end: exit status, JSON, one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from bertdoctor.cli import app

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_good_folder_exits_zero(tiny_ner_model):
    code, out, err = run("check-model", str(tiny_ner_model), "--task", "ner", "--num-labels", "5")
    assert code == 0, out + err
    assert "No issues found" in out
    assert "Traceback" not in err


def test_cli_json_for_an_lfs_pointer(tiny_ner_model, tmp_path):
    folder = tmp_path / "m"
    shutil.copytree(tiny_ner_model, folder)
    shutil.copy(FIXTURES / "BD304" / "lfs_pointer.safetensors", folder / "model.safetensors")
    code, out, err = run("check-model", str(folder), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["command"] == "check-model"
    assert [f["code"] for f in data["findings"]] == ["BD304"]
    assert data["findings"][0]["locations"][0]["path"].endswith("model.safetensors")
    assert data["sections"][0]["data"]["weights"][0]["problem"].startswith("is a Git LFS")


def test_cli_tensorflow_folder_markdown():
    folder = FIXTURES / "BD307" / "uncased_L-2_H-128_A-2"
    code, out, err = run("check-model", str(folder), "--markdown")
    assert code == 1
    assert "BD307" in out and "tensorflow-checkpoint" in out


def test_cli_missing_script_is_exit_two_without_traceback(tiny_ner_model, tmp_path):
    code, out, err = run("check-model", str(tiny_ner_model), "--script", str(tmp_path / "x.py"))
    assert code == 2
    assert "Traceback" not in err
    assert "no such file" in " ".join(err.split())


def test_cli_bad_num_labels_is_exit_two(tiny_ner_model):
    code, out, err = run("check-model", str(tiny_ner_model), "--num-labels", "0")
    assert code == 2
    assert "--num-labels 0" in " ".join(err.split())
