"""check-imports on small project trees (tests/fixtures/BD31x/project, copied to tmp_path with a
pyproject.toml so that the copy is its own project root)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from markers import NEEDS_CRF

from bertdoctor.checks.imports import check_imports, check_imports_report
from bertdoctor.findings import DoctorError, Severity
from bertdoctor.pysource import startup_modules

FIXTURES = Path(__file__).parent / "fixtures"


def project(tmp_path: Path, code: str) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / code / "project", root)
    (root / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    return root


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def only(findings, code: str):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [f"{f.code}: {f.message}" for f in findings]
    return found[0]


# ---------------------------------------------------------------- BD310 relative-import-in-script


def test_bd310_relative_import_in_a_script_gives_the_python_m_command(tmp_path):
    root = project(tmp_path, "BD310")
    f = only(check_imports("ner/train.py", cwd=str(root)), "BD310")
    assert f.severity is Severity.ERROR
    assert "`from .model import BertCrf` (ner/train.py:3)" in f.message
    assert "attempted relative import with no known parent package" in f.message
    assert str(f.location) == "ner/train.py:3"
    assert "`python -m ner.train`" in f.fix
    assert "from ner.model import BertCrf" in f.fix


def test_bd310_says_where_to_run_python_m_from(tmp_path):
    root = project(tmp_path, "BD310")
    f = only(check_imports("train.py", cwd=str(root / "ner")), "BD310")
    assert "`cd .. && python -m ner.train`" in f.fix


def test_bd310_module_imported_as_top_level_module(tmp_path):
    root = project(tmp_path, "BD310")
    f = only(check_imports("ner/predict.py", cwd=str(root)), "BD310")
    assert "`from .crf import CRF` (ner/model.py:1)" in f.message
    assert "imported as the top-level module `model`" in f.message
    assert "`import model` (ner/predict.py:3)" in f.message
    assert "from ner import model" in f.fix


def test_bd310_good_relative_imports_inside_a_package_imported_from_the_root(tmp_path):
    root = project(tmp_path, "BD310")
    report = check_imports_report("run.py", cwd=str(root))
    assert report.findings == []
    # the package's modules were followed, relative imports and all
    assert set(report.sections[0].data["local_modules"]) >= {"ner", "ner.model", "ner.crf"}


# ------------------------------------------------------- BD318 relative-import-beyond-top-level


def tree(root: Path, files: dict[str, str]) -> Path:
    """A small project: pyproject.toml plus the given files (path -> source)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


SRC_LAYOUT = {
    "src/models/__init__.py": "",
    "src/utils/__init__.py": "",
    "src/utils/vocab.py": "def load_vocab(path):\n    return path\n",
    "src/models/bert.py": "import os\nfrom ..utils.vocab import load_vocab\n",
    "src/train.py": "from models.bert import load_vocab\n",
}


def test_bd318_module_imported_one_level_too_shallow(tmp_path):
    root = tree(tmp_path / "p", SRC_LAYOUT)
    f = only(check_imports("src/train.py", cwd=str(root)), "BD318")
    assert f.severity is Severity.ERROR
    assert str(f.location) == "src/models/bert.py:2"
    assert "`from ..utils.vocab import load_vocab` (src/models/bert.py:2)" in f.message
    assert "attempted relative import beyond top-level package" in f.message
    assert "imported as `models.bert` by `from models.bert import load_vocab`" in f.message
    assert "(src/train.py:1)" in f.message
    assert "its package is `models` and `..` climbs 1 level above it" in f.message
    assert f.fix == "write the absolute import `from utils.vocab import load_vocab`"


def test_bd318_module_run_with_python_m(tmp_path):
    root = tree(
        tmp_path / "p",
        {
            "utils.py": "def load():\n    pass\n",
            "ner/__init__.py": "",
            "ner/predict.py": "from ..utils import load\n",
        },
    )
    findings = check_imports(module="ner.predict", cwd=str(root))
    f = only(findings, "BD318")
    assert "BD310" not in codes(findings)
    assert "`python -m ner.predict` runs it as `ner.predict`" in f.message
    assert str(f.location) == "ner/predict.py:1"
    assert f.fix == "write the absolute import `from utils import load`"


def test_bd318_no_absolute_import_resolves_gives_the_python_m_command(tmp_path):
    files = dict(SRC_LAYOUT)
    files["src/models/bert.py"] = "from ..helpers import load_vocab\n"
    files["src/train.py"] = "import sys, os\nfrom models import bert\n"
    files["src/helpers.py"] = "def load_vocab(path):\n    return path\n"
    files["src/__init__.py"] = ""
    root = tree(tmp_path / "p", files)
    f = only(check_imports("src/train.py", cwd=str(root)), "BD318")
    assert "`from ..helpers import load_vocab` (src/models/bert.py:1)" in f.message
    assert f.fix == "write the absolute import `from helpers import load_vocab`"
    (root / "src" / "helpers.py").unlink()
    f = only(check_imports("src/train.py", cwd=str(root)), "BD318")
    assert f.fix == "run the program as a module from .: `python -m src.train`"


def test_bd318_good_package_deep_enough_for_the_dots(tmp_path):
    files = {k.removeprefix("src/"): v for k, v in SRC_LAYOUT.items()}
    files["pkg/__init__.py"] = ""
    files = {f"pkg/{k}": v for k, v in files.items()}
    files["pkg/__init__.py"] = ""
    files["pkg/train.py"] = "from .models.bert import load_vocab\n"
    root = tree(tmp_path / "p", files)
    assert codes(check_imports(module="pkg.train", cwd=str(root))) == []


def test_bd318_near_miss_a_script_with_two_dots_is_bd310(tmp_path):
    root = tree(
        tmp_path / "p", {"utils.py": "X = 1\n", "ner/predict.py": "from ..utils import X\n"}
    )
    found = codes(check_imports("ner/predict.py", cwd=str(root)))
    assert "BD310" in found and "BD318" not in found


# ---------------------------------------------------------------- BD311 local-import-depends-on-cwd


def test_bd311_import_found_only_from_the_project_root(tmp_path):
    root = project(tmp_path, "BD311")
    f = only(check_imports("src/train.py", cwd=str(root)), "BD311")
    assert f.severity is Severity.ERROR
    assert "`from utils.data import load` (src/train.py:4)" in f.message
    assert "with `python -m src.train`" in f.message
    assert "PyCharm" in f.message
    assert "fails with `python src/train.py`" in f.message
    assert "No module named 'utils'" in f.message
    assert "`python -m src.train`" in f.fix


def test_bd311_good_script_beside_the_package(tmp_path):
    root = project(tmp_path, "BD311")
    assert check_imports("main.py", cwd=str(root)) == []


def test_bd311_near_miss_sys_path_built_from_file(tmp_path):
    root = project(tmp_path, "BD311")
    assert check_imports("src/train_rooted.py", cwd=str(root)) == []
    # and from the script's own folder too: the entry does not depend on the cwd
    assert check_imports("train_rooted.py", cwd=str(root / "src")) == []


def test_bd311_relative_sys_path_entry_works_only_from_one_folder(tmp_path):
    root = project(tmp_path, "BD311")
    f = only(check_imports("train_dotdot.py", cwd=str(root / "src")), "BD311")
    assert f.severity is Severity.WARNING
    assert "sys.path edit at line 5" in f.message
    assert "relative to the working directory" in f.message
    assert "Path(__file__)" in f.fix
    # from the root the same entry points at the folder above the project: nothing resolves
    found = check_imports("src/train_dotdot.py", cwd=str(root))
    assert "BD311" in codes(found)
    assert all(f.code != "BD313" for f in found)


# ---------------------------------------------------------------- BD312 module-shadows-package


def test_bd312_local_torch_py_hides_torch(tmp_path):
    root = project(tmp_path, "BD312")
    found = check_imports("app/train.py", cwd=str(root))
    torch = [f for f in found if f.code == "BD312" and "torch.py" in f.message]
    assert len(torch) == 1
    f = torch[0]
    assert f.severity is Severity.ERROR
    assert f.message.startswith("app/torch.py hides the installed package torch")
    assert "`import torch` (app/train.py:3) imports this file" in f.message
    assert "my_torch.py" in f.fix
    assert [str(loc) for loc in f.locations] == ["app/torch.py", "app/train.py:3"]


def test_bd312_stdlib_name_breaks_torch_even_if_not_imported(tmp_path):
    root = project(tmp_path, "BD312")
    # a standard-library module torch imports, and that this interpreter has not imported
    # before the script starts (a .pth file may import some, e.g. random, at startup)
    name = next(n for n in ("inspect", "dataclasses", "copy") if n not in startup_modules())
    (root / "app" / f"{name}.py").write_text("x = 1\n")
    found = check_imports("app/train.py", cwd=str(root))
    f = next(f for f in found if f.code == "BD312" and f"{name}.py" in f.message)
    assert f"standard-library module {name}" in f.message
    assert f"torch/transformers import {name} when they start" in f.message


def test_bd312_near_miss_modules_loaded_at_startup_cannot_be_shadowed(tmp_path):
    root = project(tmp_path, "BD312")
    (root / "app" / "os.py").write_text("x = 1\n")
    messages = [f.message for f in check_imports("app/train.py", cwd=str(root))]
    assert not any(m.startswith("app/os.py") for m in messages)
    if "random" in startup_modules():  # app/random.py is in the fixture
        assert not any(m.startswith("app/random.py") for m in messages)


def test_bd312_local_module_missing_the_names_the_script_takes(tmp_path):
    # safetensors: a dependency of bertdoctor, so installed wherever the tests run
    (tmp_path / "safetensors.py").write_text("def load_file(path):\n    return {}\n")
    (tmp_path / "train.py").write_text("from safetensors import safe_open\n")
    f = only(check_imports("train.py", cwd=str(tmp_path)), "BD312")
    assert "safetensors.py hides the installed package safetensors" in f.message
    assert "which has no safe_open" in f.message


def test_bd312_dependency_of_an_imported_package(tmp_path):
    (tmp_path / "tqdm.py").write_text("def bar():\n    pass\n")
    (tmp_path / "train.py").write_text("from transformers import AutoModel\n")
    f = only(check_imports("train.py", cwd=str(tmp_path)), "BD312")
    assert f.message.startswith("tqdm.py hides the installed package tqdm")
    assert "transformers (which the project imports) needs tqdm" in f.message


def test_bd312_near_miss_the_project_means_its_own_module(tmp_path):
    # safetensors is installed, but this project imports only what its own safetensors.py
    # defines, and nothing it imports depends on safetensors
    (tmp_path / "safetensors.py").write_text("def safe_open(path):\n    return None\n")
    (tmp_path / "train.py").write_text("import json\nfrom safetensors import safe_open\n")
    assert check_imports("train.py", cwd=str(tmp_path)) == []


def test_bd312_near_miss_local_module_named_like_a_package_not_installed(tmp_path):
    root = project(tmp_path, "BD312")
    assert check_imports("other/train.py", cwd=str(root)) == []


def test_bd312_near_miss_torch_py_in_the_working_directory_only(tmp_path):
    root = project(tmp_path, "BD312")
    (root / "torch.py").write_text("x = 1\n")
    (root / "other" / "use_torch.py").write_text("import torch\n")
    # `python other/use_torch.py` puts other/ on sys.path, never the cwd
    assert check_imports("other/use_torch.py", cwd=str(root)) == []


# ---------------------------------------------------------------- BD313 import-not-installed


@NEEDS_CRF
def test_bd313_missing_package_guarded_and_lazy_imports(tmp_path):
    root = project(tmp_path, "BD313")
    found = [f for f in check_imports("train.py", cwd=str(root)) if f.code == "BD313"]
    by_name = {f.message.split("`")[1]: f for f in found}
    assert set(by_name) == {
        "import bertdoctor_no_such_package",
        "import matplotlib_no_such_package",
    }
    top = by_name["import bertdoctor_no_such_package"]
    assert top.severity is Severity.ERROR
    assert str(top.location) == "train.py:5"
    assert "No module named 'bertdoctor_no_such_package'" in top.message
    assert "-m pip install bertdoctor_no_such_package" in top.fix
    lazy = by_name["import matplotlib_no_such_package"]
    assert lazy.severity is Severity.WARNING
    assert "when the function runs" in lazy.message


def test_bd313_install_name_differs_from_import_name(tmp_path, monkeypatch):
    from bertdoctor.checks import imports

    monkeypatch.setitem(imports.INSTALL_NAMES, "fakecrf_xyz", "pytorch-fakecrf")
    (tmp_path / "t.py").write_text("from fakecrf_xyz import CRF\n")
    f = only(check_imports("t.py", cwd=str(tmp_path)), "BD313")
    assert "(the package to install is pytorch-fakecrf)" in f.message
    assert f.fix.endswith("-m pip install pytorch-fakecrf` (the interpreter that runs the script)")


def test_bd313_missing_module_of_a_local_package(tmp_path):
    root = project(tmp_path, "BD311")
    (root / "uses_missing.py").write_text("from utils.metrics import f1\n")
    f = only(check_imports("uses_missing.py", cwd=str(root)), "BD313")
    assert "no module utils.metrics" in f.message
    assert "utils/metrics.py" in f.fix


# ---------------------------------------------------------------- BD317 python-syntax-error


def test_bd317_syntax_error_is_a_finding_with_its_line(tmp_path):
    (tmp_path / "train.py").write_text((FIXTURES / "BD317" / "py2_print.py.txt").read_text())
    f = only(check_imports("train.py", cwd=str(tmp_path)), "BD317")
    assert str(f.location) == "train.py:5"
    assert 'print "training"' in f.message


def test_bd317_notebook_export_is_still_analysed(tmp_path):
    text = (FIXTURES / "BD317" / "notebook_export.py.txt").read_text()
    (tmp_path / "nb.py").write_text(text)
    (tmp_path / "torch.py").write_text("x = 1\n")
    found = check_imports("nb.py", cwd=str(tmp_path))
    syntax = only(found, "BD317")
    assert str(syntax.location) == "nb.py:2"
    assert "exported notebook" in syntax.message and "2, 3" in syntax.message
    # the imports after the IPython lines were still read
    assert "BD312" in codes(found)


def test_bd317_near_miss_cell_markers_are_comments(tmp_path):
    shutil.copy(FIXTURES / "BD317" / "cells_ok.py", tmp_path / "cells.py")
    assert check_imports("cells.py", cwd=str(tmp_path)) == []


def test_bd317_syntax_error_in_a_followed_module(tmp_path):
    (tmp_path / "train.py").write_text("import helper\n")
    (tmp_path / "helper.py").write_text("def f(:\n    pass\n")
    f = only(check_imports("train.py", cwd=str(tmp_path)), "BD317")
    assert str(f.location) == "helper.py:1"
    assert "module helper cannot run" in f.message


def test_bd317_windows_path_with_backslash_u_says_raw_string(tmp_path):
    (tmp_path / "train.py").write_text(
        "from transformers import BertModel\n"
        'model = BertModel.from_pretrained("C:\\Users\\me\\bert")\n'
    )
    f = only(check_imports("train.py", cwd=str(tmp_path)), "BD317")
    assert str(f.location) == "train.py:2"
    assert "unicodeescape" in f.message
    assert f.fix.startswith("write the path on line 2 as a raw string")


def test_bd317_near_miss_raw_windows_path_parses(tmp_path):
    (tmp_path / "train.py").write_text('path = r"C:\\Users\\me\\bert"\n')
    assert check_imports("train.py", cwd=str(tmp_path)) == []


def test_gbk_file_without_coding_line(tmp_path):
    (tmp_path / "train.py").write_bytes('x = 1\ny = "中文"\n'.encode("gbk"))
    f = only(check_imports("train.py", cwd=str(tmp_path)), "BD317")
    assert str(f.location) == "train.py:2"
    assert "not valid utf-8" in f.message


def test_gbk_file_with_coding_line_is_fine(tmp_path):
    (tmp_path / "train.py").write_bytes('# -*- coding: gbk -*-\ny = "中文"\n'.encode("gbk"))
    assert check_imports("train.py", cwd=str(tmp_path)) == []


# ---------------------------------------------------------------- cannot run, report


def test_missing_script_is_a_doctor_error(tmp_path):
    with pytest.raises(DoctorError, match="nope.py: no such file"):
        check_imports("nope.py", cwd=str(tmp_path))


def test_bad_cwd_is_a_doctor_error(tmp_path):
    with pytest.raises(DoctorError, match="no such directory"):
        check_imports("x.py", cwd=str(tmp_path / "missing"))


def test_report_data_lists_sys_path_for_each_way_of_running(tmp_path):
    root = project(tmp_path, "BD311")
    report = check_imports_report("src/train.py", cwd=str(root))
    data = report.sections[0].data
    assert data["run_command"] == "python src/train.py"
    assert data["module_command"] == "python -m src.train"
    runs = {run["how"]: run["sys_path"] for run in data["runs"]}
    assert runs["python src/train.py"][0] == {
        "path": str((root / "src").resolve()),
        "origin": "script folder",
    }
    assert runs["python -m src.train"][0]["path"] == str(root.resolve())
    assert [e["origin"] for e in runs["PyCharm (project root on PYTHONPATH)"]] == [
        "script folder",
        "project root, added by PyCharm",
    ]
    assert int(report.exit_status) == 1


def test_bd313_missing_module_of_the_package_in_a_relative_import(tmp_path):
    root = project(tmp_path, "BD310")
    (root / "ner" / "crf.py").unlink()
    f = only(check_imports("run.py", cwd=str(root)), "BD313")
    assert "`from .crf import CRF` (ner/model.py:1): no module ner.crf" in f.message


def test_notebook_is_a_doctor_error_with_the_export_command(tmp_path):
    (tmp_path / "train.ipynb").write_text("{}")
    with pytest.raises(DoctorError, match="jupyter nbconvert --to script train.ipynb"):
        check_imports("train.ipynb", cwd=str(tmp_path))
