"""Static analysis of Python source files: parse, list imports, rebuild sys.path, resolve modules.

Shared by check-imports and check-script. Nothing here executes or imports the user's code: files
are parsed with :mod:`ast`, local modules are found by looking at the file system the way
Python's path finder does, and installed modules with ``find_spec`` on top-level names only
(which never runs a module).

The public API:

- :func:`parse_file` reads a file with the encoding Python would use and parses it; a syntax
  error becomes :attr:`SourceFile.error` (a :class:`SyntaxProblem` with its line), never an
  exception. Notebook lines (``!pip ...``, ``%matplotlib``) are blanked so the rest of an
  exported notebook can still be analysed.
- :func:`list_imports` lists a tree's imports as :class:`ImportRef` (line, level, guarded by
  ``try/except ImportError`` or ``if TYPE_CHECKING``, inside a function).
- :func:`defined_names` / :func:`attributes_used`: what a module defines at top level and
  which attributes a file reads from an imported name.
- :func:`script_sys_path` / :func:`module_sys_path` give the user part of ``sys.path`` for
  ``python SCRIPT`` and ``python -m pkg.module``; :func:`installed_path` the rest.
- :func:`find_project_root`, :func:`package_root`, :func:`module_name_for` locate the project
  and the dotted name of a file; :func:`resolve_module`, :func:`find_local_module` and
  :func:`find_installed_module` resolve a module name to a :class:`ModuleLocation`.
- :func:`startup_modules` names the modules already imported when a script starts (they cannot
  be shadowed).
- :func:`sys_path_edits` evaluates ``sys.path.append(...)`` / ``insert(...)`` calls statically.
"""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.util
import io
import os
import re
import sys
import sysconfig
import tokenize
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# what Python makes of a backslash and a letter in a string literal that is not raw: a path
# written 'D:\\models\\bert' loses its backslash and a letter (shared by check-script and explain)
ESCAPE_NAMES = {
    "a": "a bell character",
    "b": "a backspace",
    "f": "a form feed",
    "n": "a newline",
    "r": "a carriage return",
    "t": "a tab",
    "v": "a vertical tab",
}

__all__ = [
    "ESCAPE_NAMES",
    "ImportRef",
    "ModuleLocation",
    "PathEntry",
    "SourceFile",
    "SysPathEdit",
    "SyntaxProblem",
    "attributes_used",
    "defined_names",
    "find_installed_module",
    "find_local_module",
    "find_project_root",
    "installed_path",
    "is_stdlib",
    "list_imports",
    "module_name_for",
    "module_sys_path",
    "package_root",
    "parse_file",
    "parse_source",
    "resolve_module",
    "script_sys_path",
    "startup_modules",
    "sys_path_edits",
]

PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
_SOURCE_SUFFIXES = tuple(importlib.machinery.SOURCE_SUFFIXES)
_EXTENSION_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)
# IPython shell escapes and magics, as left in a notebook exported by copy and paste
_NOTEBOOK_LINE = re.compile(r"^(\s*)([!%].*)$")


# ---------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class SyntaxProblem:
    """Why a file does not parse, where Python would say so."""

    path: Path
    line: int | None
    column: int | None
    message: str  # Python's own wording: "invalid syntax", "unexpected indent", ...
    text: str | None = None  # the offending line, stripped

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class SourceFile:
    """A parsed file. ``tree`` is None only when nothing usable could be parsed."""

    path: Path
    text: str
    encoding: str
    tree: ast.Module | None
    error: SyntaxProblem | None = None
    notebook_lines: tuple[int, ...] = ()  # lines blanked as IPython `!`/`%` lines

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_file(path: str | os.PathLike[str]) -> SourceFile:
    """Reads and parses a Python file without running it.

    Raises only :class:`OSError` when the file cannot be read; undecodable bytes, null bytes
    and syntax errors become ``SourceFile.error``.
    """
    p = Path(path)
    raw = p.read_bytes()
    return parse_source(raw, p)


def parse_source(raw: bytes | str, path: str | os.PathLike[str] = "<string>") -> SourceFile:
    """Like :func:`parse_file` for source already in memory."""
    p = Path(path)
    if isinstance(raw, str):
        text, encoding = raw, "utf-8"
    else:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        except SyntaxError as exc:
            if "unknown encoding" in str(exc):  # a coding line naming no codec Python knows
                line = 1 if re.match(rb"^[ \t\f]*#.*coding[:=]", raw) else 2
                return SourceFile(p, "", "?", None, SyntaxProblem(p, line, None, str(exc)))
            encoding = "utf-8"  # not UTF-8 and no coding line: find the line below
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            message = f"bytes that are not valid {encoding} ({exc.reason})"
            text = raw.decode(encoding, errors="replace")
            tree = _try_parse(text, p)
            return SourceFile(p, text, encoding, tree, SyntaxProblem(p, line, None, message))
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return SourceFile(p, text, encoding, _parse(text, p))
    except (SyntaxError, ValueError) as exc:
        problem = _problem(p, exc)
    tree, blanked = None, ()
    for filler in ("#", "pass"):  # a comment fits any indent; `pass` fills an otherwise empty block
        cleaned, blanked = _blank_notebook_lines(text, filler)
        tree = _try_parse(cleaned, p) if blanked else None
        if tree is not None:
            break
    return SourceFile(p, text, encoding, tree, problem, blanked if tree is not None else ())


def _parse(text: str, path: Path) -> ast.Module:
    """ast.parse, quiet: the user's `"D:\\data"` must not print an invalid-escape warning
    (BD309 in check-script names the escapes that matter)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=str(path))


def _try_parse(text: str, path: Path) -> ast.Module | None:
    try:
        return _parse(text, path)
    except (SyntaxError, ValueError):
        return None


def _problem(path: Path, exc: Exception) -> SyntaxProblem:
    if isinstance(exc, SyntaxError):
        text = exc.text.strip() if exc.text else None
        return SyntaxProblem(path, exc.lineno, exc.offset, exc.msg, text)
    return SyntaxProblem(
        path, None, None, str(exc)
    )  # "source code string cannot contain null bytes"


def _blank_notebook_lines(text: str, filler: str) -> tuple[str, tuple[int, ...]]:
    """Replaces IPython `!cmd` and `%magic` lines by ``filler``, keeping the line numbers."""
    out, blanked = [], []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        m = _NOTEBOOK_LINE.match(line.rstrip("\r\n"))
        if m and not m.group(2).startswith("%="):
            end = line[len(line.rstrip("\r\n")) :]
            out.append(f"{m.group(1)}{filler}{end}")
            blanked.append(number)
        else:
            out.append(line)
    return "".join(out), tuple(blanked)


# ---------------------------------------------------------------------------- imports


@dataclass(frozen=True)
class ImportRef:
    """One imported module: ``import a.b`` gives module "a.b"; ``from ..x import y`` gives
    module "x", level 2, names ("y",)."""

    module: str  # as written, without the leading dots ("" for `from . import x`)
    line: int
    level: int = 0  # 0 absolute, 1 for `.`, 2 for `..`
    names: tuple[str, ...] = ()  # the names of a `from` import
    is_from: bool = False
    guarded: bool = False  # in `try: ... except ImportError` or `if TYPE_CHECKING:`
    in_function: bool = False  # runs only when the function is called
    alias: str | None = None  # `import numpy as np` -> "np"

    @property
    def bound(self) -> str | None:
        """The name an `import` statement binds in the module (None for `from` imports)."""
        if self.is_from:
            return None
        return self.alias or self.top

    @property
    def top(self) -> str:
        return self.module.split(".")[0]

    @property
    def written(self) -> str:
        """The statement roughly as written, for messages."""
        dots = "." * self.level
        if self.is_from:
            return f"from {dots}{self.module} import {', '.join(self.names)}"
        return f"import {self.module}"

    def absolute(self, package: str | None) -> str | None:
        """The absolute module name, for a relative import made from ``package``; None when
        the import goes beyond the top-level package or there is no package."""
        if self.level == 0:
            return self.module
        if not package:
            return None
        parts = package.split(".")
        if self.level - 1 >= len(parts):
            return None
        base = parts[: len(parts) - (self.level - 1)]
        return ".".join(base + ([self.module] if self.module else []))


_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    for kind in kinds:
        name = kind.attr if isinstance(kind, ast.Attribute) else getattr(kind, "id", None)
        if name in _IMPORT_ERRORS:
            return True
    return False


def _is_conditional_test(test: ast.expr) -> bool:
    """`if TYPE_CHECKING:` (also `typing.`), `if sys.version_info ...`, `if sys.platform ...`."""
    src = ast.unparse(test)
    return "TYPE_CHECKING" in src or "sys.version_info" in src or "sys.platform" in src


class _ImportLister(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[ImportRef] = []
        self.guard = 0
        self.function = 0

    def _add(self, **kw: object) -> None:
        self.found.append(
            ImportRef(guarded=self.guard > 0, in_function=self.function > 0, **kw)  # type: ignore[arg-type]
        )

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(module=alias.name, line=node.lineno, alias=alias.asname)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        names = tuple(a.name for a in node.names)
        self._add(
            module=node.module or "", line=node.lineno, level=node.level, names=names, is_from=True
        )

    def visit_Try(self, node: ast.Try) -> None:
        guarded = any(_catches_import_error(h) for h in node.handlers)
        self.guard += guarded
        for stmt in node.body:
            self.visit(stmt)
        for handler in node.handlers:
            self.visit(handler)
        self.guard -= guarded
        for stmt in node.orelse + node.finalbody:
            self.visit(stmt)

    visit_TryStar = visit_Try

    def visit_If(self, node: ast.If) -> None:
        guarded = _is_conditional_test(node.test)
        self.guard += guarded
        for stmt in node.body + node.orelse:
            self.visit(stmt)
        self.guard -= guarded

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.function += 1
        self.generic_visit(node)
        self.function -= 1

    visit_AsyncFunctionDef = visit_FunctionDef


def list_imports(tree: ast.AST) -> list[ImportRef]:
    """Every import statement of ``tree`` in source order, one ImportRef per imported module."""
    lister = _ImportLister()
    lister.visit(tree)
    return sorted(lister.found, key=lambda r: r.line)


def defined_names(tree: ast.Module) -> set[str] | None:
    """The names a module defines at its top level (functions, classes, assignments, imports);
    None when that cannot be known statically (``from x import *``, a module ``__getattr__``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            return None
    for node in tree.body:
        for sub in ast.walk(node) if isinstance(node, ast.If | ast.Try) else [node]:
            if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(sub.name)
            elif isinstance(sub, ast.Assign | ast.AnnAssign | ast.AugAssign):
                targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
                for target in targets:
                    names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
            elif isinstance(sub, ast.Import | ast.ImportFrom):
                for alias in sub.names:
                    names.add((alias.asname or alias.name).split(".")[0])
    return None if "__getattr__" in names else names


def attributes_used(tree: ast.AST, name: str) -> set[str]:
    """The attributes read from ``name`` in a tree: {"tensor", "cuda"} for ``torch.tensor``."""
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == name
    }


# ---------------------------------------------------------------------------- sys.path


@dataclass(frozen=True)
class PathEntry:
    """One directory of sys.path and why Python put it there."""

    path: Path
    origin: str  # "script folder", "working directory", "PYTHONPATH", "sys.path edit"

    def __str__(self) -> str:
        return f"{self.path}  ({self.origin})"


def _pythonpath_entries(cwd: Path, pythonpath: str | None) -> list[PathEntry]:
    value = os.environ.get("PYTHONPATH", "") if pythonpath is None else pythonpath
    entries = []
    for part in value.split(os.pathsep):
        if part:
            entries.append(PathEntry(Path(os.path.normpath(cwd / part)), "PYTHONPATH"))
    return entries


def script_sys_path(
    script: str | os.PathLike[str],
    cwd: str | os.PathLike[str] | None = None,
    *,
    pythonpath: str | None = None,
) -> list[PathEntry]:
    """The user part of sys.path for ``python SCRIPT`` run from ``cwd``: the script's own
    folder (symlinks resolved, as Python does), then PYTHONPATH. The working directory is NOT
    on it. :func:`installed_path` follows these entries."""
    base = Path(cwd or os.getcwd()).resolve()
    folder = (base / Path(script)).resolve().parent
    return [PathEntry(folder, "script folder"), *_pythonpath_entries(base, pythonpath)]


def module_sys_path(
    cwd: str | os.PathLike[str] | None = None, *, pythonpath: str | None = None
) -> list[PathEntry]:
    """The user part of sys.path for ``python -m pkg.module`` run from ``cwd``: the working
    directory first, then PYTHONPATH."""
    base = Path(cwd or os.getcwd()).resolve()
    return [PathEntry(base, "working directory"), *_pythonpath_entries(base, pythonpath)]


@lru_cache(maxsize=1)
def installed_path() -> tuple[str, ...]:
    """This interpreter's sys.path without the entry Python prepended for bertdoctor itself
    (its script folder or working directory) and without PYTHONPATH: the standard library and
    site-packages, as any script run with this interpreter sees them."""
    entries = list(sys.path)
    if entries and not getattr(sys.flags, "safe_path", False):
        entries = entries[1:]
    user = {os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p}
    here = os.path.abspath(os.getcwd())
    return tuple(p for p in entries if p and os.path.abspath(p) not in user | {here})


# ---------------------------------------------------------------------------- projects


def find_project_root(start: str | os.PathLike[str]) -> Path | None:
    """The nearest folder at or above ``start`` holding pyproject.toml, setup.py, setup.cfg or
    .git; None when there is none below the home folder or the file-system root."""
    here = Path(start).resolve()
    if here.is_file():
        here = here.parent
    home = Path.home().resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
        if folder == home:
            break
    return None


def package_root(file: str | os.PathLike[str]) -> tuple[Path, str]:
    """The folder to run ``python -m`` from and the dotted module name, following the chain of
    regular packages (folders with ``__init__.py``) up from ``file``."""
    p = Path(file).resolve()
    parts = [] if p.name == "__init__.py" else [p.stem]
    folder = p.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        parts.insert(0, folder.name)
        folder = folder.parent
    return folder, ".".join(parts)


def module_name_for(file: str | os.PathLike[str], base: str | os.PathLike[str]) -> str | None:
    """The name ``python -m NAME`` would need to run ``file`` from ``base``; None when the file
    is not below ``base`` or a folder name is not an identifier."""
    try:
        rel = Path(file).resolve().relative_to(Path(base).resolve())
    except ValueError:
        return None
    parts = list(rel.parts[:-1]) + ([] if rel.stem == "__init__" else [rel.stem])
    if not parts or not all(part.isidentifier() for part in parts):
        return None
    return ".".join(parts)


# ---------------------------------------------------------------------------- resolving


@dataclass(frozen=True)
class ModuleLocation:
    """Where a module name resolves. ``kind`` is "local", "stdlib", "installed", "builtin"
    (built in or frozen) or "startup" (imported before any script runs); the last two cannot
    be shadowed by a local file."""

    name: str
    kind: str
    path: Path | None = None  # the file, or the package folder
    entry: Path | None = None  # the sys.path entry it was found under
    is_package: bool = False
    namespace_portions: tuple[Path, ...] = field(default=())

    @property
    def file(self) -> Path | None:
        """The source file Python would run for this module, if it is Python source."""
        if self.path is None:
            return None
        if self.is_package:
            init = self.path / "__init__.py"
            return init if init.is_file() else None
        return self.path if self.path.suffix in _SOURCE_SUFFIXES else None


def is_stdlib(name: str) -> bool:
    top = name.split(".")[0]
    return top in sys.stdlib_module_names or top in sys.builtin_module_names


@lru_cache(maxsize=1)
def startup_modules() -> frozenset[str]:
    """Top-level modules this interpreter has imported before it runs a script: the ones
    ``site`` and the ``.pth`` files of site-packages import. The script's folder is put on
    sys.path only after that, so a local file with one of these names hides nothing. Found by
    starting the interpreter once with no program (``-P``: no working directory on the
    path); empty if that fails."""
    import subprocess

    code = "import sys; print(' '.join(sys.modules))"
    try:
        out = subprocess.run(
            [sys.executable, "-P", "-c", code],
            capture_output=True,
            text=True,
            timeout=30,
            cwd=os.path.dirname(sys.executable) or None,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(m for m in out.split() if "." not in m and m != "__main__")


def _unshadowable(name: str) -> str | None:
    """Builtin and frozen modules win over any folder on sys.path (they come first in
    sys.meta_path), and modules imported at startup are already in sys.modules."""
    if name in sys.builtin_module_names:
        return "builtin"
    if importlib.machinery.FrozenImporter.find_spec(name) is not None:
        return "builtin"
    if name in startup_modules():
        return "startup"
    return None


def _find_in_folder(folder: Path, name: str) -> tuple[str, Path] | None:
    """What a path finder finds for one name in one folder: ("package", dir), ("module",
    file), ("namespace", dir) or None."""
    candidate = folder / name
    if candidate.is_dir():
        for suffix in (*_SOURCE_SUFFIXES, *_EXTENSION_SUFFIXES, ".pyc"):
            if (candidate / f"__init__{suffix}").is_file():
                return "package", candidate
    for suffix in (*_EXTENSION_SUFFIXES, *_SOURCE_SUFFIXES, ".pyc"):
        f = folder / f"{name}{suffix}"
        if f.is_file():
            return "module", f
    if candidate.is_dir() and name.isidentifier():
        return "namespace", candidate
    return None


def find_local_module(name: str, entries: Iterable[Path | PathEntry]) -> ModuleLocation | None:
    """Resolves a dotted name against the given folders only, like Python's path finder (a
    regular package or module in an earlier folder wins; namespace packages come last)."""
    folders = [e.path if isinstance(e, PathEntry) else Path(e) for e in entries]
    parts = name.split(".")
    found = _find_top(parts[0], folders)
    for part in parts[1:]:
        if found is None or not found.is_package:
            return None
        found = _find_top(
            part, [found.path, *found.namespace_portions], found.entry, prefix=found.name
        )
    return found


def _find_top(
    name: str, folders: Sequence[Path], entry: Path | None = None, prefix: str = ""
) -> ModuleLocation | None:
    full = f"{prefix}.{name}" if prefix else name
    portions: list[Path] = []
    first_entry = None
    for folder in folders:
        hit = _find_in_folder(folder, name)
        if hit is None:
            continue
        kind, where = hit
        if kind == "namespace":
            portions.append(where)
            first_entry = first_entry or folder
            continue
        return ModuleLocation(full, "local", where, entry or folder, kind == "package")
    if portions:
        return ModuleLocation(
            full, "local", portions[0], entry or first_entry, True, tuple(portions[1:])
        )
    return None


def find_installed_module(name: str) -> ModuleLocation | None:
    """Finds a top-level module in the standard library or the installed packages, the way
    this interpreter would, without importing it and ignoring bertdoctor's own working
    directory. Sub-modules of installed packages are not looked up (that would import the
    parent package)."""
    top = name.split(".")[0]
    fixed = _unshadowable(top)
    if fixed:
        return ModuleLocation(top, fixed)
    spec = None
    for finder in sys.meta_path:
        try:
            if finder is importlib.machinery.PathFinder:
                spec = finder.find_spec(top, list(installed_path()))
            elif finder in (
                importlib.machinery.BuiltinImporter,
                importlib.machinery.FrozenImporter,
            ):
                continue
            else:  # editable installs and other hooks
                spec = finder.find_spec(top, None)  # type: ignore[call-arg]
        except (ImportError, ValueError, AttributeError, TypeError):
            spec = None
        if spec is not None:
            break
    if spec is None:
        return None
    origin = spec.origin if spec.origin not in (None, "built-in", "frozen") else None
    path = Path(origin) if origin else None
    if spec.submodule_search_locations and path is None:
        locations = list(spec.submodule_search_locations)
        path = Path(locations[0]) if locations else None
    elif path is not None and path.name.startswith("__init__."):
        path = path.parent
    kind = "stdlib" if is_stdlib(top) or _in_stdlib_folder(path) else "installed"
    return ModuleLocation(top, kind, path, None, spec.submodule_search_locations is not None)


def _in_stdlib_folder(path: Path | None) -> bool:
    """The `test` package and a few others are in the stdlib folder but not in
    sys.stdlib_module_names."""
    if path is None:
        return False
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    return path.resolve().parent == stdlib


def resolve_module(name: str, entries: Iterable[Path | PathEntry]) -> ModuleLocation | None:
    """Where ``import name`` goes for a process whose sys.path starts with ``entries`` (the
    user part from :func:`script_sys_path` / :func:`module_sys_path`) followed by
    :func:`installed_path`: builtin and frozen modules first, then the entries in order, then
    the standard library and site-packages. None when nothing is found."""
    top = name.split(".")[0]
    fixed = _unshadowable(top)
    if fixed:
        return ModuleLocation(top, fixed)
    local = find_local_module(name, entries)
    if local is not None:
        return local
    top_local = find_local_module(top, entries)
    if top_local is not None:  # the package is local but the sub-module is not in it
        return None
    return find_installed_module(name)


# ---------------------------------------------------------------------------- sys.path edits


@dataclass(frozen=True)
class SysPathEdit:
    """A ``sys.path.append(X)`` / ``insert(i, X)`` / ``+= [X]`` seen in a file."""

    line: int
    expression: str  # as written
    path: Path | None  # the folder, when it could be worked out statically
    relative_to_cwd: bool = False  # a relative path: resolved against the working directory


class _Unknown(Exception):
    pass


def _eval_path(node: ast.expr, file: Path, cwd: Path) -> tuple[Path, bool]:
    """Evaluates the few expressions scripts use to build a sys.path entry; returns (path,
    depends_on_cwd). Raises _Unknown for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        p = Path(node.value)
        return (p, False) if p.is_absolute() else (cwd / p, True)
    if isinstance(node, ast.Name) and node.id == "__file__":
        return file, False
    if isinstance(node, ast.Call):
        fn = ast.unparse(node.func)
        args = node.args
        if fn in ("os.getcwd", "Path.cwd", "pathlib.Path.cwd") and not args:
            return cwd, True
        if fn in ("str", "os.fspath", "Path", "pathlib.Path") and len(args) == 1:
            return _eval_path(args[0], file, cwd)
        if fn in ("Path", "pathlib.Path", "os.path.join") and len(args) > 1:
            path, rel = _eval_path(args[0], file, cwd)
            for arg in args[1:]:
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    raise _Unknown
                path = path / arg.value
            return path, rel
        if fn in ("os.path.dirname",) and len(args) == 1:
            path, rel = _eval_path(args[0], file, cwd)
            return path.parent, rel
        if fn in ("os.path.abspath", "os.path.realpath", "os.path.normpath") and len(args) == 1:
            path, rel = _eval_path(args[0], file, cwd)
            return Path(os.path.normpath(path)), rel
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("resolve", "absolute"):
            path, rel = _eval_path(node.func.value, file, cwd)
            return Path(os.path.normpath(path)), rel
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        path, rel = _eval_path(node.value, file, cwd)
        return path.parent, rel
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute):
        if node.value.attr == "parents" and isinstance(node.slice, ast.Constant):
            path, rel = _eval_path(node.value.value, file, cwd)
            return path.parents[int(node.slice.value)], rel
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        path, rel = _eval_path(node.left, file, cwd)
        if isinstance(node.right, ast.Constant) and isinstance(node.right.value, str):
            return path / node.right.value, rel
    raise _Unknown


def _sys_path_calls(tree: ast.AST) -> Iterator[tuple[int, ast.expr | None, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = ast.unparse(node.func.value)
            if target == "sys.path" and node.func.attr in ("append", "insert", "extend"):
                arg = node.args[-1] if node.args else None
                if node.func.attr == "extend" and isinstance(arg, ast.List | ast.Tuple):
                    for elt in arg.elts:
                        yield node.lineno, elt, ast.unparse(node)
                else:
                    yield (
                        node.lineno,
                        (None if node.func.attr == "extend" else arg),
                        ast.unparse(node),
                    )
        elif isinstance(node, ast.AugAssign) and ast.unparse(node.target) == "sys.path":
            elts = node.value.elts if isinstance(node.value, ast.List | ast.Tuple) else [None]
            for elt in elts:
                yield node.lineno, elt, ast.unparse(node)


def sys_path_edits(
    tree: ast.AST, file: str | os.PathLike[str], cwd: str | os.PathLike[str] | None = None
) -> list[SysPathEdit]:
    """The sys.path edits of a file, with the folder each adds where it can be worked out
    without running the file (``__file__`` is taken as the absolute path of ``file``, as
    Python 3.9+ sets it for a script)."""
    f = Path(file).resolve()
    base = Path(cwd or os.getcwd()).resolve()
    edits = []
    for line, node, written in _sys_path_calls(tree):
        try:
            if node is None:
                raise _Unknown
            path, rel = _eval_path(node, f, base)
            edits.append(SysPathEdit(line, written, Path(os.path.normpath(path)), rel))
        except (_Unknown, IndexError, ValueError):
            edits.append(SysPathEdit(line, written, None))
    return sorted(edits, key=lambda e: e.line)
