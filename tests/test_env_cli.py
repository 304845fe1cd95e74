"""`bertdoctor check-env` as users run it: exit statuses, JSON, Markdown, --collect and --from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import clirun
from typer.testing import CliRunner

from bertdoctor.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def bertdoctor(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    # a narrow terminal: the one error line must stay one line however long the path
    return clirun.bertdoctor(*args, env=env, columns=60, timeout=120)


def clean_env() -> dict:
    """This test process's environment without the variables check-env judges (BD110)."""
    names = (
        "CUDA_VISIBLE_DEVICES",
        "CUDA_LAUNCH_BLOCKING",
        "HF_HUB_OFFLINE",
        "TRANSFORMERS_OFFLINE",
        "HF_DATASETS_OFFLINE",
        "PYTORCH_NO_CUDA_MEMORY_CACHING",
    )
    return {k: v for k, v in os.environ.items() if k not in names}


def test_from_a_file_with_an_error_exits_1_with_the_json():
    result = runner.invoke(
        app,
        [
            "check-env",
            "--from",
            str(FIXTURES / "BD103/bad-rtx5090-sm120-with-cu126.json"),
            "--json",
        ],
    )
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["schema"] == 1 and doc["command"] == "check-env" and doc["exit_status"] == 1
    (finding,) = doc["findings"]
    assert finding["code"] == "BD103" and finding["name"] == "gpu-arch-unsupported"
    assert finding["severity"] == "error" and "sm_120" in finding["message"]
    assert finding["fix"].endswith("https://download.pytorch.org/whl/cu128")
    assert doc["data"]["readings"]["nvidia"]["gpus"][0]["capability"] == "12.0"
    assert doc["sections"][0]["summary"].startswith("torch 2.6.0+cu126, transformers 5.23.0")


def test_from_a_file_with_warnings_only_exits_0():
    path = FIXTURES / "BD102/warn-minor-version-compat-cu124-on-525.json"
    result = runner.invoke(app, ["check-env", "--from", str(path)])
    assert result.exit_code == 0
    assert "BD102 driver-too-old-for-cuda" in result.stdout
    assert "0 errors, 1 warning." in result.stdout


def test_checklist_and_markdown_for_the_real_cases():
    path = FIXTURES / "BD102/bad-driver-445.75-with-cu110-windows.json"
    result = runner.invoke(app, ["check-env", "--from", str(path)], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("[✗] Environment   torch 1.7.1+cu110, transformers 4.5.1, 1 GPU")
    assert "BD109" not in result.stdout  # a note, shown with -v only
    assert "BD109" in runner.invoke(app, ["check-env", "--from", str(path), "-v"]).stdout
    md = runner.invoke(app, ["check-env", "--from", str(path), "--markdown"])
    assert md.exit_code == 1
    assert md.stdout.startswith("### bertdoctor check-env\n")
    assert "`BD102` driver-too-old-for-cuda (error): driver 445.75 (Windows)" in md.stdout


def test_no_smoke_ignores_smoke_results_in_the_file():
    path = FIXTURES / "BD108/bad-matmul-raises.json"
    assert runner.invoke(app, ["check-env", "--from", str(path)]).exit_code == 1
    assert runner.invoke(app, ["check-env", "--from", str(path), "--no-smoke"]).exit_code == 0


def test_bad_readings_files_are_exit_2_with_one_line(tmp_path):
    broken = tmp_path / "env.json"
    broken.write_text('{"schema": 1, "torch": {', encoding="utf-8")
    wrong = tmp_path / "other.json"
    wrong.write_text('{"schema": 1, "findings": []', encoding="utf-8")
    cases = {
        str(broken): f"bertdoctor: {broken}:1: not valid JSON: Expecting property name enclosed "
        "in double quotes",
        str(tmp_path / "missing.json"): f"bertdoctor: cannot read {tmp_path / 'missing.json'}: "
        "No such file or directory",
        str(tmp_path): f"bertdoctor: cannot read {tmp_path}: Is a directory",
    }
    for path, line in cases.items():
        proc = bertdoctor("check-env", "--from", path)
        assert proc.returncode == 2, proc.stderr
        assert proc.stdout == ""
        assert proc.stderr.strip().splitlines() == [line]
    report = tmp_path / "report.json"
    report.write_text('{"schema": 1, "command": "check-data", "findings": [], "torch": 3}')
    proc = bertdoctor("check-env", "--from", str(report))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f'bertdoctor: {report}: "torch" must be a JSON object or null, not int'
    ]


def test_collect_and_from_together_is_bad_usage():
    result = runner.invoke(app, ["check-env", "--collect", "--from", "env.json"])
    assert result.exit_code == 2


def test_collect_round_trip_on_this_machine(tmp_path):
    proc = bertdoctor("check-env", "--collect", "--no-smoke", env=None)
    assert proc.returncode == 0, proc.stderr
    readings = json.loads(proc.stdout)
    assert readings["schema"] == 1 and readings["python"] == ".".join(
        map(str, sys.version_info[:3])
    )
    from importlib.metadata import version

    assert readings["packages"]["torch"] == version("torch")
    # a CUDA wheel from PyPI says 2.11.0 in its metadata and 2.11.0+cu130 in torch.__version__
    assert readings["torch"]["version"].split("+")[0] == version("torch").split("+")[0]
    assert readings["torch"]["import_error"] is None and readings["torch"]["cuda_error"] is None
    assert readings["smoke"] is None  # --no-smoke: no GPU work, whatever the machine
    assert readings["packages"]["transformers"] == version("transformers")
    for key in ("CUDA_VISIBLE_DEVICES", "CUDA_LAUNCH_BLOCKING"):
        assert key in readings["env"]
    saved = tmp_path / "env.json"
    saved.write_text(proc.stdout, encoding="utf-8")
    result = runner.invoke(app, ["check-env", "--from", str(saved), "--json"])
    doc = json.loads(result.stdout)
    assert doc["data"]["readings"] == readings
    # whatever this machine is, the verdict matches the findings
    assert result.exit_code == (1 if doc["summary"]["errors"] else 0)
    if readings["nvidia"] is None and readings["torch"]["cuda"] is None:
        assert doc["sections"][0]["summary"].endswith("no NVIDIA GPU")


def test_check_env_here_prints_a_verdict_without_importing_torch():
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('HEAVY=' + ','.join(m for m in "
        "('torch', 'transformers') if m in sys.modules) + '\\n'))\n"
        "sys.argv = ['bertdoctor', 'check-env']\n"
        "from bertdoctor.cli import main\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**clean_env(), "COLUMNS": "200"},
        timeout=120,
    )
    from importlib.metadata import version

    assert proc.stderr.strip().splitlines()[-1] == "HEAVY="
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(("[✓] Environment   ", "[!] Environment   ", "[✗] Environment   "))
    assert f"transformers {version('transformers')}" in lines[0]
    assert proc.returncode == (1 if lines[0].startswith("[✗]") else 0)
    assert lines[-1] == "No issues found." or " error" in lines[-1]


def test_from_standard_input():
    text = (FIXTURES / "BD113/bad-deprecated-pynvml-beside-nvidia-ml-py.json").read_text()
    result = runner.invoke(app, ["check-env", "--from", "-", "--json"], input=text)
    assert result.exit_code == 0
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["BD113"]


def test_verbose_shows_the_import_traceback(tmp_path):
    data = json.loads((FIXTURES / "BD112/bad-import-fails-fbgemm-dll.json").read_text())
    data["torch"]["import_error_detail"] = (
        'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n'
        "OSError: [WinError 126] The specified module could not be found."
    )
    path = tmp_path / "env.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    quiet = runner.invoke(app, ["check-env", "--from", str(path)], env={"COLUMNS": "300"})
    loud = runner.invoke(app, ["check-env", "--from", str(path), "-v"], env={"COLUMNS": "300"})
    assert quiet.exit_code == loud.exit_code == 1
    assert "Traceback" not in quiet.stdout
    assert 'File "<string>", line 1, in <module>' in loud.stdout
