"""`bertdoctor check-script`: exit status, JSON, Markdown, --cwd, unreadable input, start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from clirun import bertdoctor
from typer.testing import CliRunner

from bertdoctor.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"
RUMOUR = str(FIXTURES / "BD601" / "rumour_bad.py")
CLEAN = str(FIXTURES / "clean" / "train_clean.py")


def run_json(*args: str):
    result = runner.invoke(app, ["check-script", *args, "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_errors_give_exit_1_and_the_json_names_code_and_line():
    status, doc = run_json(RUMOUR)
    assert status == 1 and doc["schema"] == 1 and doc["exit_status"] == 1
    assert doc["command"] == "check-script"
    by_code = {f["code"]: f for f in doc["findings"]}
    assert {"BD601", "BD604", "BD605", "BD606", "BD607"} <= set(by_code)
    bd601 = by_code["BD601"]
    assert bd601["name"] == "model-kwarg-to-tokenizer" and bd601["severity"] == "error"
    assert bd601["locations"] == [{"path": RUMOUR, "line": 10}]
    assert "num_labels=2" in bd601["fix"]
    [section] = doc["sections"]
    assert section["title"] == f"Script {RUMOUR}" and section["status"] == "error"


def test_a_clean_script_is_exit_0_with_no_finding():
    status, doc = run_json(CLEAN)
    assert status == 0 and doc["findings"] == []
    assert doc["sections"][0]["status"] == "ok"


def test_warnings_only_is_exit_0():
    status, doc = run_json(str(FIXTURES / "BD608" / "accumulate_unscaled.py"))
    assert status == 0
    assert [f["code"] for f in doc["findings"]] == ["BD608"]
    assert doc["summary"] == {"errors": 0, "warnings": 1, "infos": 0}


def test_several_scripts_give_one_section_each_and_cwd_resolves_them():
    status, doc = run_json("BD610/no_zero_grad.py", "BD612/good.py", "--cwd", str(FIXTURES))
    assert status == 1
    assert [s["title"] for s in doc["sections"]] == [
        "Script BD610/no_zero_grad.py",
        "Script BD612/good.py",
    ]
    assert doc["findings"][0]["location"] == "BD610/no_zero_grad.py:7"


def test_checklist_and_markdown_output():
    result = runner.invoke(app, ["check-script", str(FIXTURES / "BD613" / "one_hot_in_place.py")])
    assert result.exit_code == 1
    assert "BD613 one-hot-in-place" in result.stdout
    assert "one_hot_in_place.py:8" in result.stdout
    md = runner.invoke(app, ["check-script", CLEAN, "--markdown"])
    assert md.exit_code == 0
    assert md.stdout.startswith("### bertdoctor check-script")
    assert "No issues found." in md.stdout


def test_a_syntax_error_is_a_finding_not_a_crash(tmp_path):
    bad = tmp_path / "train.py"
    bad.write_text("import torch\nfor epoch in range(3)\n    pass\n")
    status, doc = run_json(str(bad))
    assert status == 1
    [finding] = [f for f in doc["findings"] if f["code"] == "BD317"]
    assert finding["locations"][0]["line"] == 2


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return bertdoctor("check-script", *args, cwd=cwd)


def test_a_missing_file_is_one_line_and_exit_2(tmp_path):
    proc = cli("no_such_train.py", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        "bertdoctor: cannot read no_such_train.py: No such file or directory"
    ]


def test_a_directory_or_a_bad_cwd_is_exit_2_without_traceback(tmp_path):
    for args in ([str(tmp_path)], [CLEAN, "--cwd", str(tmp_path / "nowhere")]):
        result = runner.invoke(app, ["check-script", *args])
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output
    result = runner.invoke(app, ["check-script", "x.py", "--cwd", str(tmp_path / "nowhere")])
    line = " ".join(result.output.split())  # rich wraps long lines under CliRunner
    assert line == f"bertdoctor: --cwd {tmp_path / 'nowhere'}: no such directory"


def test_check_script_imports_neither_torch_nor_transformers():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from bertdoctor.cli import app\n"
        f"r = CliRunner().invoke(app, ['check-script', {RUMOUR!r}, {CLEAN!r}, '--json'])\n"
        "assert r.exit_code == 1, r.output\n"
        "print(','.join(m for m in ('torch', 'transformers') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_the_check_imports_rules_run_too(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(
        "from .utils import build_loader\n"
        "from transformers import BertTokenizer\n"
        "tok = BertTokenizer.from_pretrained('bert-base-chinese', num_labels=5)\n"
    )
    status, doc = run_json("train.py", "--cwd", str(tmp_path))
    assert status == 1
    got = sorted((f["code"], f["locations"][0]["line"]) for f in doc["findings"])
    assert got == [("BD310", 1), ("BD601", 3)]


def test_a_syntax_error_is_reported_once(tmp_path):
    nb = tmp_path / "exported.py"
    nb.write_text("# In[1]:\n!nvidia-smi\nimport torch\nx = torch.tensor(torch.zeros(2))\n")
    status, doc = run_json(str(nb))
    assert status == 1
    got = sorted((f["code"], f["locations"][0]["line"]) for f in doc["findings"])
    assert got == [("BD317", 2), ("BD607", 4)]


def test_a_notebook_gets_its_own_section_and_a_broken_one_is_exit_2(tmp_path):
    status, doc = run_json(str(FIXTURES / "BD601" / "colab_rumour.ipynb"))
    assert status == 1
    [section] = doc["sections"]
    assert section["title"].startswith("Notebook ") and section["status"] == "error"
    assert doc["findings"][0]["location"].endswith("colab_rumour.ipynb cell 5:6")
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    result = runner.invoke(app, ["check-script", str(broken)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "broken.ipynb is not a Jupyter notebook" in result.output


def test_the_project_modules_the_script_imports_are_checked_too(tmp_path):
    (tmp_path / "dataset.py").write_text(
        "import torch\n"
        "from torch.utils.data import Dataset\n"
        "class NewsDataset(Dataset):\n"
        "    def __getitem__(self, i):\n"
        "        return torch.tensor(self.rows[i]).cuda()\n"
    )
    (tmp_path / "utils").mkdir()
    (tmp_path / "utils" / "__init__.py").write_text("")
    (tmp_path / "utils" / "padding.py").write_text(
        "def pad(label_ids, n):\n    return label_ids + [0] * (n - len(label_ids))\n"
    )
    (tmp_path / "broken.py").write_text("def f(:\n")
    (tmp_path / "train.py").write_text(
        "import json\nimport broken\nfrom dataset import NewsDataset\nfrom utils import padding\n"
    )
    status, doc = run_json("train.py", "--cwd", str(tmp_path))
    [section] = doc["sections"]
    assert section["data"]["modules"] == ["broken.py", "dataset.py", "utils/padding.py"]
    got = sorted((f["code"], f["location"]) for f in doc["findings"])
    # the module that does not parse is reported once, by the check-imports rules
    assert got == [
        ("BD317", "broken.py:1"),
        ("BD606", "dataset.py:5"),
        ("BD615", "utils/padding.py:2"),
    ]
    assert status == 1
