"""`bertdoctor check-loss`: the verdict, the exit status, JSON and Markdown, and bad usage."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from bertdoctor.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["check-loss", *args])


def test_the_classic_bce_on_flattened_logits_is_exit_1_with_torchs_message_and_the_fix():
    result = run("--loss", "bce", "--logits", "8", "--labels", "4")
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())  # rich wraps long lines
    assert "Loss: BCEWithLogitsLoss raises ValueError" in out
    assert "Target size (torch.Size([4])) must be the same as input size (torch.Size([8]))" in out
    assert "BD401 loss-shape-mismatch" in out
    assert "CrossEntropyLoss()(logits, labels.long())" in out


def test_json_has_the_verdict_what_the_loss_expects_and_the_findings():
    result = run("--loss", "bce", "--logits", "4,2", "--labels", "4", "--json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["schema"] == 1 and doc["command"] == "check-loss" and doc["exit_status"] == 1
    assert [f["code"] for f in doc["findings"]] == ["BD401"]
    assert "F.one_hot(labels.long(), 2).float()" in doc["findings"][0]["fix"]
    data = doc["sections"][0]["data"]
    assert data["logits"] == {"shape": [4, 2], "dtype": "float32"}
    assert data["labels"] == {"shape": [4], "dtype": "float32"}
    assert data["raises"].startswith("ValueError: Target size (torch.Size([4]))")
    assert "exactly the logits' shape [4, 2]" in data["expects"]


def test_fine_pair_is_exit_0():
    result = run("--loss", "ce", "--logits", "4,2", "--labels", "4", "--labels-dtype", "long")
    assert result.exit_code == 0
    assert "fine" in result.stdout and "No issues found." in result.stdout


def test_hf_explains_what_transformers_will_compute():
    result = run(
        "--loss", "hf", "--logits", "4,3", "--labels", "4", "--labels-dtype", "float", "--json"
    )
    doc = json.loads(result.stdout)
    assert result.exit_code == 1
    data = doc["sections"][0]["data"]
    assert data["problem_type"] == "multi_label_classification"
    assert data["torch_loss"] == "BCEWithLogitsLoss"
    assert sorted(f["code"] for f in doc["findings"]) == ["BD401", "BD405"]

    regression = run("--loss", "hf", "--logits", "4,1", "--labels", "4", "--labels-dtype", "float")
    assert regression.exit_code == 0
    assert "MSELoss()(logits.squeeze(), labels.squeeze())" in regression.stdout


def test_hf_problem_type_and_token_head():
    result = run(
        "--loss",
        "hf",
        "--logits",
        "2,16,5",
        "--labels",
        "2,16",
        "--json",
    )
    data = json.loads(result.stdout)["sections"][0]["data"]
    assert result.exit_code == 0
    assert data["computes"] == "CrossEntropyLoss()(logits.view(-1, 5), labels.view(-1))"
    forced = run(
        "--loss",
        "hf",
        "--logits",
        "4,3",
        "--labels",
        "4",
        "--problem-type",
        "multi_label_classification",
    )
    assert forced.exit_code == 1


def test_warnings_only_is_exit_0():
    result = run("--loss", "mse", "--logits", "4", "--labels", "1,4", "--json")
    doc = json.loads(result.stdout)
    assert result.exit_code == 0
    assert doc["summary"] == {"errors": 0, "warnings": 1, "infos": 0}


def test_squeeze_and_one_hot_flags():
    squeezed = run("--loss", "bce", "--logits", "8,1", "--labels", "8", "--squeeze", "logits")
    assert squeezed.exit_code == 1 and "BD404" in squeezed.stdout
    one_hot = run("--loss", "bce", "--logits", "4,2", "--labels", "4,2", "--one-hot-in-place")
    assert one_hot.exit_code == 1 and "BD407" in one_hot.stdout


def test_markdown_output():
    result = run("--loss", "ce", "--logits", "2,12,9", "--labels", "2,12", "--markdown")
    assert result.exit_code == 1
    assert result.stdout.startswith("### bertdoctor check-loss")
    assert "`BD403` token-logits-not-flattened (error)" in result.stdout


def test_bad_shape_is_one_line_exit_2_without_traceback():
    proc = subprocess.run(
        [sys.executable, "-m", "bertdoctor", "check-loss", "--logits", "4,x", "--labels", "4"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        "bertdoctor: bad shape '4,x': use sizes separated by commas, like 4,2 (or ())"
    ]


def test_bad_loss_dtype_and_problem_type_are_exit_2():
    for args in (
        ["--loss", "focal"],
        ["--labels-dtype", "text"],
        ["--loss", "hf", "--problem-type", "ranking"],
        ["--squeeze", "everything"],
    ):
        result = run("--logits", "4,2", "--labels", "4", *args)
        assert result.exit_code == 2, args
        assert "Traceback" not in (result.stderr or "")
