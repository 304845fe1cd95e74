"""doctor/pysource.py: the static analysis check-imports and check-script share."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from markers import NEEDS_CRF

from bertdoctor import pysource as ps


def test_parse_file_ok_and_bom(tmp_path):
    f = tmp_path / "a.py"
    f.write_bytes(b"\xef\xbb\xbfimport os\n")
    src = ps.parse_file(f)
    assert src.ok and src.encoding == "utf-8-sig" and src.tree is not None


def test_parse_errors_are_values_not_exceptions(tmp_path):
    cases = {
        b"x = (1,\n": "(",  # "'(' was never closed"
        b"x = 1\x00\n": "null bytes",
        b"# coding: nope\nx = 1\n": "unknown encoding",
    }
    for raw, words in cases.items():
        src = ps.parse_source(raw, tmp_path / "b.py")
        assert src.error is not None and words in src.error.message, (raw, src.error)
    assert ps.parse_source(b"# coding: nope\n", "c.py").error.line == 1


def test_notebook_lines_are_blanked_keeping_line_numbers():
    src = ps.parse_source(b"!pip install x\nimport torch\n  %time f()\nimport json\n", "nb.py")
    assert src.error is not None and src.error.line == 1
    assert src.notebook_lines == (1, 3)
    block = ps.parse_source(b"if True:\n    !ls\nimport os\n", "nb2.py")
    assert block.notebook_lines == (2,) and block.tree is not None
    assert [(r.module, r.line) for r in ps.list_imports(src.tree)] == [("torch", 2), ("json", 4)]


def test_list_imports_levels_guards_and_functions():
    tree = ast.parse(
        "import a.b as c, d\n"
        "from ..pkg.mod import x, y\n"
        "from . import z\n"
        "try:\n    import fast\nexcept ImportError:\n    import slow\n"
        "try:\n    import plain\nexcept ValueError:\n    pass\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import typed\n"
        "def f():\n    import lazy\n"
    )
    refs = {r.module or ".": r for r in ps.list_imports(tree)}
    assert refs["a.b"].top == "a" and refs["d"].line == 1
    assert refs["pkg.mod"].level == 2 and refs["pkg.mod"].names == ("x", "y")
    assert refs["."].level == 1 and refs["."].names == ("z",)
    assert refs["fast"].guarded and refs["slow"].guarded
    assert not refs["plain"].guarded
    assert refs["typed"].guarded
    assert refs["lazy"].in_function and not refs["lazy"].guarded
    assert refs["pkg.mod"].written == "from ..pkg.mod import x, y"


def test_import_ref_absolute():
    ref = ps.ImportRef("mod", 1, level=2, names=("x",), is_from=True)
    assert ref.absolute("a.b.c") == "a.b.mod"
    assert ref.absolute("a") is None  # beyond the top-level package
    assert ref.absolute(None) is None
    assert ps.ImportRef("", 1, level=1, is_from=True).absolute("a.b") == "a.b"


def test_sys_path_for_a_script_and_for_python_m(tmp_path):
    (tmp_path / "src").mkdir()
    script = tmp_path / "src" / "train.py"
    script.write_text("")
    entries = ps.script_sys_path("src/train.py", tmp_path, pythonpath="lib:/abs")
    assert [(e.path, e.origin) for e in entries] == [
        (tmp_path.resolve() / "src", "script folder"),
        (tmp_path.resolve() / "lib", "PYTHONPATH"),
        (Path("/abs"), "PYTHONPATH"),
    ]
    module = ps.module_sys_path(tmp_path, pythonpath="")
    assert [e.path for e in module] == [tmp_path.resolve()]


def test_script_folder_is_the_symlink_target(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "train.py").write_text("")
    (tmp_path / "link.py").symlink_to(real / "train.py")
    assert ps.script_sys_path("link.py", tmp_path, pythonpath="")[0].path == real.resolve()


def test_project_root_and_module_names(tmp_path):
    (tmp_path / ".git").mkdir()
    pkg = tmp_path / "ner" / "models"
    pkg.mkdir(parents=True)
    (tmp_path / "ner" / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "crf.py").write_text("")
    assert ps.find_project_root(pkg / "crf.py") == tmp_path.resolve()
    assert ps.package_root(pkg / "crf.py") == (tmp_path.resolve(), "ner.models.crf")
    assert ps.module_name_for(pkg / "crf.py", tmp_path) == "ner.models.crf"
    assert ps.module_name_for(pkg / "__init__.py", tmp_path) == "ner.models"
    assert ps.module_name_for(pkg / "crf.py", tmp_path / "elsewhere") is None


def test_find_local_module_precedence(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "ns").mkdir(parents=True)
    (b / "ns").mkdir(parents=True)
    (b / "ns" / "part.py").write_text("")
    (a / "utils.py").write_text("")
    (b / "utils").mkdir()
    (b / "utils" / "__init__.py").write_text("")
    # an earlier folder wins
    assert ps.find_local_module("utils", [a, b]).path == a / "utils.py"
    # a regular package beats a namespace portion found earlier
    (b / "ns" / "__init__.py").write_text("")
    assert ps.find_local_module("ns", [a, b]).path == b / "ns"
    (b / "ns" / "__init__.py").unlink()
    # namespace packages span folders
    found = ps.find_local_module("ns.part", [a, b])
    assert found is not None and found.path == b / "ns" / "part.py"
    assert ps.find_local_module("missing", [a, b]) is None


@NEEDS_CRF
def test_resolve_module_never_imports(tmp_path):
    before = set(sys.modules)
    loc = ps.resolve_module("torchcrf", [tmp_path])
    assert loc is not None and loc.kind == "installed"
    assert ps.resolve_module("json", [tmp_path]).kind in ("stdlib", "startup")
    assert ps.resolve_module("sys", [tmp_path]).kind == "builtin"
    assert ps.resolve_module("no_such_module_xyz", [tmp_path]) is None
    (tmp_path / "torchcrf.py").write_text("")
    assert ps.resolve_module("torchcrf", [tmp_path]).kind == "local"
    assert "torchcrf" not in set(sys.modules) - before


def test_sys_path_edits_are_evaluated_statically(tmp_path):
    tree = ast.parse(
        "import os, sys\n"
        "from pathlib import Path\n"
        "sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n"
        "sys.path.insert(0, '..')\n"
        "sys.path.append(str(Path(__file__).resolve().parents[1] / 'lib'))\n"
        "sys.path.insert(0, os.getcwd())\n"
        "sys.path += [compute()]\n"
    )
    edits = ps.sys_path_edits(tree, tmp_path / "p" / "src" / "train.py", tmp_path / "p")
    got = [(e.line, e.path, e.relative_to_cwd) for e in edits]
    root = tmp_path.resolve() / "p"
    assert got == [
        (3, root, False),
        (4, tmp_path.resolve(), True),
        (5, root / "lib", False),
        (6, root, True),
        (7, None, False),
    ]
