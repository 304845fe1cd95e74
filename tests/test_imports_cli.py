"""`bertdoctor check-imports` end to end, and its promise never to import torch/transformers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from bertdoctor.cli import app

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_json_for_a_relative_import(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "BD310" / "project", root)
    (root / "setup.py").write_text("")
    code, out, err = run("check-imports", "ner/train.py", "--cwd", str(root), "--json")
    assert code == 1, out + err
    data = json.loads(out)
    assert data["schema"] == 1 and data["command"] == "check-imports"
    assert [f["code"] for f in data["findings"]] == ["BD310"]
    assert data["findings"][0]["locations"] == [{"path": "ner/train.py", "line": 3}]
    assert "Traceback" not in err


def test_cli_clean_script_exits_zero(tmp_path):
    (tmp_path / "train.py").write_text("import json\nimport torch\n")
    code, out, err = run("check-imports", "train.py", "--cwd", str(tmp_path))
    assert code == 0, out + err
    assert "Imports: train.py" in out


def test_cli_missing_script_is_one_line_and_exit_two(tmp_path):
    code, out, err = run("check-imports", "nope.py", "--cwd", str(tmp_path))
    assert code == 2
    assert "Traceback" not in err
    assert " ".join(err.split()).startswith("bertdoctor: nope.py: no such file")


def test_check_imports_never_imports_torch_or_transformers(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "BD312" / "project", root)
    code = (
        "import sys\n"
        "from bertdoctor.checks.imports import check_imports_report\n"
        f"r = check_imports_report('app/train.py', cwd={str(root)!r})\n"
        "assert r.findings, 'expected findings'\n"
        "bad = sorted(m for m in ('torch', 'transformers', 'tokenizers') if m in sys.modules)\n"
        "print('IMPORTED', bad)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert "IMPORTED []" in proc.stdout
