"""The CLI's shared behaviour: rule docs, exit status 2 with one line, light start-up."""

from __future__ import annotations

import json
import subprocess
import sys

from clirun import bertdoctor
from typer.testing import CliRunner

from bertdoctor.cli import app

runner = CliRunner()


def test_rule_prints_the_markdown_doc():
    result = runner.invoke(app, ["rule", "BD117"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# BD117 opaque-cuda-error")
    for heading in ("## What it does", "## Why is this bad?", "## Example", "Use instead:"):
        assert heading in result.stdout


def test_rule_json_and_rules_json():
    doc = json.loads(runner.invoke(app, ["rule", "opaque-cuda-error", "--json"]).stdout)
    assert doc["schema"] == 1 and doc["rule"]["code"] == "BD117"
    assert doc["rule"]["severity"] == "error"
    listing = json.loads(runner.invoke(app, ["rules", "--json"]).stdout)
    codes = [r["code"] for r in listing["rules"]]
    assert codes == sorted(codes) and "BD000" in codes


def test_unknown_rule_is_exit_2_with_one_line_and_no_traceback():
    proc = subprocess.run(
        [sys.executable, "-m", "bertdoctor", "rule", "BD999"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        "bertdoctor: no rule 'BD999'; `bertdoctor rules` lists them all"
    ]


def test_the_command_list_reads_each_docstring_as_one_paragraph():
    # Typer's rich markup keeps a docstring's line breaks: "with a loop" then, on its own line
    # of the command list, "known to be right"
    out = bertdoctor("--help", columns=200).stdout
    (line,) = [ln for ln in out.splitlines() if "diagnose " in ln]
    assert "fine-tune BERT with a loop known to be right, and name the first thing to fix." in line
    (line,) = [ln for ln in out.splitlines() if "check-script " in ln]
    assert "flag BERT fine-tuning mistakes: model keywords given to the tokenizer" in line
    # near miss: a command's own --help keeps the same text, wrapped to the terminal
    help_text = " ".join(bertdoctor("check-run", "--help", columns=200).stdout.split())
    assert "from trainer_state.json: NaN or zero losses, grad norms, the learning-rate" in help_text


def test_help_rule_and_rules_do_not_import_torch_or_transformers():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from bertdoctor.cli import app\n"
        "r = CliRunner()\n"
        "for args in (['--help'], ['rule', 'BD117'], ['rules']):\n"
        "    assert r.invoke(app, args).exit_code == 0, args\n"
        "heavy = sorted(m for m in ('torch', 'transformers') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
