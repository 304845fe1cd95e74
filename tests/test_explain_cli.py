"""`bertdoctor explain` as users run it: TEXT, stdin, --file in the encodings Windows and Chinese
consoles write, --json, --markdown, the exit statuses, and a light start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import clirun
from typer.testing import CliRunner

from bertdoctor.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures" / "explain"
TARGET = "IndexError: Target 39 is out of bounds."


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, ["explain", *args], input=stdin)


def bertdoctor(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return clirun.bertdoctor("explain", *args, stdin=stdin)


def test_text_argument_names_the_cause_with_exit_1():
    result = run(TARGET)
    assert result.exit_code == 1
    assert "BD201 label-id-out-of-range: label id 39" in " ".join(result.stdout.split())
    assert "bertdoctor check-data" in result.stdout


def test_unquoted_words_are_one_text():
    result = run("IndexError:", "Target", "39", "is", "out", "of", "bounds.", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"][0]["code"] == "BD201"


def test_stdin_dash_reads_the_text():
    result = run("-", stdin=(FIXTURES / "BD203__torchcrf.txt").read_text(encoding="utf-8"))
    assert result.exit_code == 1 and "BD203" in result.stdout


def test_json_carries_recognised_the_code_and_the_exit_status():
    doc = json.loads(run(TARGET, "--json").stdout)
    assert doc["schema"] == 1 and doc["command"] == "explain"
    assert doc["recognised"] is True and doc["exit_status"] == 1
    assert doc["findings"][0]["code"] == "BD201"
    assert doc["sections"][0]["data"]["exception"] == TARGET


def test_unknown_text_is_no_known_cause_with_exit_1():
    result = run("KeyError: 'text'")
    assert result.exit_code == 1
    assert "no known cause" in result.stdout and "No issues found" not in result.stdout
    doc = json.loads(run("KeyError: 'text'", "--json").stdout)
    assert doc["recognised"] is False and doc["findings"] == [] and doc["exit_status"] == 1


def test_only_warnings_recognised_is_exit_0():
    text = (
        "Token indices sequence length is longer than the specified maximum sequence length "
        "for this model (700 > 512). Running this sequence through the model will result in "
        "indexing errors"
    )
    result = run(text, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["recognised"] is True and doc["summary"] == {"errors": 0, "warnings": 1, "infos": 0}


def test_file_in_utf16_from_powershell_and_gbk_from_a_chinese_console(tmp_path: Path):
    text = "训练开始\r\n" + (FIXTURES / "BD509__old-oom.txt").read_text(encoding="utf-8")
    utf16 = tmp_path / "ps.log"
    utf16.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    gbk = tmp_path / "gbk.log"
    gbk.write_bytes(text.encode("gbk"))
    for path in (utf16, gbk):
        result = run("--file", str(path), "--json")
        assert result.exit_code == 1, result.stdout
        assert json.loads(result.stdout)["findings"][0]["code"] == "BD509"


def test_a_log_path_given_as_text_is_read_as_the_log(tmp_path: Path):
    log = tmp_path / "train.log"
    log.write_text("step 100, loss: 0.69\nstep 200, loss: nan\n", encoding="utf-8")
    doc = json.loads(run(str(log), "--json").stdout)
    assert doc["findings"][0]["code"] == "BD501"
    assert doc["findings"][0]["locations"] == [{"path": str(log), "line": 2}]
    # near miss: a one-word error text that names no file is explained as text
    missing = json.loads(run(str(tmp_path / "nan.log"), "--json").stdout)
    assert missing["recognised"] is False and missing["findings"] == []


def test_file_findings_point_at_the_lines_of_the_log(tmp_path: Path):
    log = tmp_path / "train.log"
    log.write_text(
        "step 100, loss: 0.69\nstep 200, loss: nan\nstep 300, loss: nan\n", encoding="utf-8"
    )
    doc = json.loads(run("--file", str(log), "--json").stdout)
    assert doc["findings"][0]["code"] == "BD501"
    assert doc["findings"][0]["locations"] == [{"path": str(log), "line": 2}]
    warned = json.loads(
        run("--file", str(FIXTURES / "BD117__embedding-assert.txt"), "--json").stdout
    )
    assert warned["findings"][1]["code"] == "BD208"
    assert warned["findings"][1]["locations"][0]["line"] == 3


def test_markdown_is_ready_for_an_issue():
    result = run(TARGET, "--markdown")
    assert result.exit_code == 1
    assert result.stdout.startswith("### bertdoctor explain")
    assert "`BD201` label-id-out-of-range (error)" in result.stdout
    unknown = run("KeyError: 'x'", "--markdown")
    assert unknown.exit_code == 1 and "No known cause." in unknown.stdout
    assert "No issues found" not in unknown.stdout
    opaque = run("RuntimeError: CUDA error: device-side assert triggered", "--markdown")
    assert "Likely causes, in order:\n1. a label id >= num_labels" in opaque.stdout


def test_verbose_shows_the_error_block():
    text = (FIXTURES / "BD411__same-device.txt").read_text(encoding="utf-8")
    plain, verbose = run(text), run(text, "-v")
    assert "wrapper_nll_loss_forward" not in plain.stdout
    assert "wrapper_nll_loss_forward" in verbose.stdout


def test_model_option_compares_with_the_config(tmp_path: Path):
    (tmp_path / "config.json").write_text(
        json.dumps({"id2label": {str(i): f"T{i}" for i in range(39)}}), encoding="utf-8"
    )
    doc = json.loads(run(TARGET, "--model", str(tmp_path), "--json").stdout)
    assert "num_labels=39" in doc["findings"][0]["message"]


def test_cannot_run_is_one_line_and_exit_2(tmp_path: Path):
    cases = [
        ((), "bertdoctor: give the error as TEXT, `-` to read it from stdin, or --file LOG"),
        (
            ("--file", str(tmp_path / "nope.log")),
            f"bertdoctor: cannot read {tmp_path / 'nope.log'}: No such file or directory",
        ),
        (
            (TARGET, "--model", str(tmp_path / "nomodel")),
            f"bertdoctor: --model {tmp_path / 'nomodel'}: no such model folder",
        ),
        (("-",), "bertdoctor: the input is empty"),
        (("--file", str(tmp_path)), f"bertdoctor: cannot read {tmp_path}: Is a directory"),
    ]
    for args, line in cases:
        proc = bertdoctor(*args, stdin="")
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert proc.stdout == "" and "Traceback" not in proc.stderr
        assert " ".join(proc.stderr.split()) == line


def test_explain_does_not_import_torch_or_transformers():
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from typer.testing import CliRunner\n"
        "from bertdoctor.cli import app\n"
        "r = CliRunner()\n"
        "for p in sorted(Path('tests/fixtures/explain').glob('*.txt')):\n"
        "    res = r.invoke(app, ['explain', '--file', str(p), '--json'])\n"
        "    assert res.exit_code in (0, 1), (p, res.output)\n"
        "heavy = sorted(m for m in ('torch', 'transformers') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_the_check_loss_commands_explain_suggests_reproduce_the_error():
    import re
    import shlex

    for name, code in (
        ("BD401__bce-target-size", "BD401"),
        # (the error itself, BD401, then the problem_type that chose BCE, BD405)
        ("BD405__bce-transformers", "BD401"),
        ("BD403__expected-target-size", "BD403"),
        ("BD401__mse-warning", "BD401"),
    ):
        fix = json.loads(run("--file", str(FIXTURES / f"{name}.txt"), "--json").stdout)["findings"][
            0
        ]["fix"]
        (command,) = re.findall(r"`(bertdoctor check-loss [^`]*)`", fix)
        args = shlex.split(command)[1:]
        result = runner.invoke(app, [*args, "--json"])
        assert result.exit_code == 1, (name, command, result.output)
        codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
        assert codes[0] == code and name[:5] in codes, (name, codes)
