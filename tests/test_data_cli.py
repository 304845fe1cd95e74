"""`bertdoctor check-data` as users run it: exit status, JSON, Markdown, one-line failures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import bertdoctor
from typer.testing import CliRunner

from bertdoctor.cli import app

FIX = Path(__file__).resolve().parent / "fixtures"
runner = CliRunner()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    # rich wraps at 80 columns when it is not on a terminal; tmp paths are long
    return bertdoctor("check-data", *args, columns=400)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_clean_file_exits_0_with_numbers_and_bars():
    result = runner.invoke(app, ["check-data", str(FIX / "BD205" / "good.conll")])
    assert result.exit_code == 0, result.output
    assert "2 sentences, 10 tokens, 4 labels" in flat(result.stdout)
    assert "p50" in result.stdout and "█" in result.stdout
    assert "No issues found." in result.stdout


def test_errors_exit_1_and_json_carries_findings_and_numbers():
    result = runner.invoke(
        app, ["check-data", str(FIX / "BD201" / "bad.jsonl"), "--num-labels", "5", "--json"]
    )
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["schema"] == 1 and doc["exit_status"] == 1
    (f,) = doc["findings"]
    assert f["code"] == "BD201" and f["name"] == "label-id-out-of-range"
    assert [loc["line"] for loc in f["locations"]] == [2, 3]
    data = doc["sections"][0]["data"]
    assert data["examples"] == 3 and data["length"]["p50"] == 4 and data["labels"]["0"] == 3


def test_markdown_output():
    result = runner.invoke(app, ["check-data", str(FIX / "BD210" / "bad.conll"), "--markdown"])
    assert result.exit_code == 0
    assert result.stdout.startswith("### bertdoctor check-data")
    assert "`BD210` invalid-bio-sequence (warning)" in result.stdout


def test_model_folder_labels_against_the_data(tiny_ner_model):
    proc = cli(str(FIX / "BD205" / "cased_labels.conll"), "--model", str(tiny_ner_model))
    assert proc.returncode == 1
    assert "BD205" in proc.stdout and "B-Person" in proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["no/such/file.conll"], "no/such/file.conll: no such file or directory"),
        (["{empty}"], "a directory with no data file"),
        (["{binary}"], "a binary file"),
        (["{good}", "--model", "no/such/model"], "no/such/model: no such model folder"),
        (["{good}", "--task", "qa"], "--task must be ner, cls or pair"),
        (["{good}", "--labels", "no/labels.txt"], "no/labels.txt: no such label file"),
    ],
)
def test_unreadable_input_is_exit_2_with_one_line(tmp_path, args, needle):
    empty = tmp_path / "empty"
    empty.mkdir()
    binary = tmp_path / "data.bin"
    binary.write_bytes(b"PK\x03\x04\x00\x00\x00binary\x00\x01\x02")
    names = {
        "{empty}": str(empty),
        "{binary}": str(binary),
        "{good}": str(FIX / "BD205" / "good.conll"),
    }
    proc = cli(*[names.get(a, a) for a in args])
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_data_and_model_folders_are_not_written(tmp_path, tiny_ner_model):
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.conll").write_text("John\tB-PER\nlives\tO\n")
    before = {p: p.stat().st_mtime_ns for p in [*data.iterdir(), *tiny_ner_model.iterdir()]}
    proc = cli(str(data / "train.conll"), "--model", str(tiny_ner_model))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = {p: p.stat().st_mtime_ns for p in [*data.iterdir(), *tiny_ner_model.iterdir()]}
    assert before == after


def test_check_data_does_not_import_torch_for_text_files():
    code = (
        "import sys; from bertdoctor.checks.data import check_data_report as c; "
        f"c([{str(FIX / 'BD205' / 'good.conll')!r}]); "
        "print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False False", out.stderr
