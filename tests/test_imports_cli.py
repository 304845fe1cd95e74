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


# ---------------------------------------------------------------- -m: run as a module


def _bd310_project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "BD310" / "project", root)
    return root


def test_module_run_from_the_project_root_has_working_relative_imports(tmp_path):
    # the same file gives BD310 as `python ner/train.py` (test_cli_json_for_a_relative_import)
    root = _bd310_project(tmp_path)
    code, out, err = run("check-imports", "-m", "ner.train", "--cwd", str(root), "--json")
    assert code == 0, out + err
    data = json.loads(out)
    assert data["findings"] == []
    section = data["sections"][0]
    assert section["title"] == "Imports: ner/train.py"
    assert section["data"]["run_command"] == "python -m ner.train"
    assert [r["how"] for r in section["data"]["runs"]] == ["python -m ner.train"]
    assert sorted(section["data"]["local_modules"]) == ["ner", "ner.crf", "ner.model"]


def test_module_run_of_a_file_written_for_its_own_folder(tmp_path):
    # ner/predict.py does `import model`: only its own folder on sys.path finds ner/model.py
    root = _bd310_project(tmp_path)
    code, out, err = run("check-imports", "-m", "ner.predict", "--cwd", str(root), "--json")
    assert code == 1, out + err
    (finding,) = json.loads(out)["findings"]
    assert finding["code"] == "BD311" and finding["severity"] == "error"
    assert finding["locations"] == [{"path": "ner/predict.py", "line": 3}]
    assert (
        "`python -m ner.predict` puts the working directory first, not ner" in (finding["message"])
    )
    assert "No module named 'model'" in finding["message"]
    assert finding["fix"].startswith("import it as a module of the package ner: `from . import")


def test_module_run_of_a_top_level_module_with_a_relative_import(tmp_path):
    (tmp_path / "top.py").write_text("from .utils import load\n")
    (tmp_path / "utils.py").write_text("def load():\n    pass\n")
    code, out, err = run("check-imports", "-m", "top", "--cwd", str(tmp_path), "--json")
    assert code == 1, out + err
    (finding,) = json.loads(out)["findings"]
    assert finding["code"] == "BD310"
    assert "`python -m top` runs a top-level module, which has no package" in finding["message"]


def test_module_not_under_the_working_directory_is_one_line_and_exit_two(tmp_path):
    root = _bd310_project(tmp_path)
    code, out, err = run("check-imports", "-m", "ner.train", "--cwd", str(root / "ner"))
    assert code == 2
    assert "Traceback" not in err
    line = " ".join(err.split())
    assert line.startswith("bertdoctor: -m ner.train: no module ner.train under ")
    assert "pass --cwd with the folder you run it from" in line


def test_module_that_is_a_package_without_main_is_exit_two(tmp_path):
    root = _bd310_project(tmp_path)
    code, out, err = run("check-imports", "-m", "ner", "--cwd", str(root))
    assert code == 2
    assert "ner is a package without __main__.py" in " ".join(err.split())


def test_script_and_module_together_or_neither_is_exit_two(tmp_path):
    root = _bd310_project(tmp_path)
    both = run("check-imports", "ner/train.py", "-m", "ner.train", "--cwd", str(root))
    neither = run("check-imports", "--cwd", str(root))
    assert both[0] == 2 and "not both" in both[2]
    assert neither[0] == 2 and "give the script to check" in " ".join(neither[2].split())


def test_module_run_with_two_dots_in_a_one_level_package_is_bd318_in_json(tmp_path):
    (tmp_path / "ner").mkdir()
    (tmp_path / "ner" / "__init__.py").write_text("")
    (tmp_path / "ner" / "predict.py").write_text("import json\nfrom ..utils import load\n")
    (tmp_path / "utils.py").write_text("def load():\n    pass\n")
    code, out, err = run("check-imports", "-m", "ner.predict", "--cwd", str(tmp_path), "--json")
    assert code == 1, out + err
    [finding] = json.loads(out)["findings"]
    assert (finding["code"], finding["severity"]) == ("BD318", "error")
    assert finding["locations"] == [{"path": "ner/predict.py", "line": 2}]
    assert finding["fix"] == "write the absolute import `from utils import load`"
