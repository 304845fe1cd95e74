"""check-imports: will this script's imports work, and from where? (BD310-BD313, BD317-BD318)

The script and the local modules it imports are parsed, never run. sys.path is rebuilt the way
Python builds it for the three usual ways of starting a script:

- ``python path/to/train.py`` (a terminal, VS Code's Run button): the script's folder first, the
  working directory NOT on it;
- ``python -m pkg.train`` from the folder holding the package: the working directory first;
- PyCharm's Run: the script's folder, plus the project root (PyCharm adds the content and
  source roots to PYTHONPATH by default).

An import that resolves in one and not in another is the "works in the terminal, fails in the
IDE" problem. Nothing here imports torch or transformers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import pysource as ps
from ..findings import DoctorError, Finding, Location, Report, Section, Severity, plural
from ..runner import check, run_checks

MAX_FILES = 200  # local modules followed from one script
# Import names that differ from the distribution to install.
INSTALL_NAMES = {
    "torchcrf": "pytorch-crf",
    "sklearn": "scikit-learn",
    "cv2": "opencv-python",
    "PIL": "pillow",
    "yaml": "pyyaml",
    "bs4": "beautifulsoup4",
    "attr": "attrs",
    "Crypto": "pycryptodome",
    "google": "protobuf",
    "dateutil": "python-dateutil",
    "dotenv": "python-dotenv",
    "skimage": "scikit-image",
    "fitz": "pymupdf",
    "Levenshtein": "python-Levenshtein",
    "pynvml": "nvidia-ml-py",
    "tensorboardX": "tensorboardX",
}
HEAVY = {"torch", "transformers", "tokenizers", "numpy", "datasets", "accelerate", "pandas"}
# Standard-library modules torch, numpy and transformers import when they start: a local file
# with one of these names breaks `import torch` even if the script never imports it itself.
STARTUP_STDLIB = frozenset(
    "argparse ast base64 bisect collections concurrent contextlib copy copyreg csv ctypes "
    "dataclasses datetime decimal difflib dis email enum fractions functools glob gzip hashlib "
    "heapq http importlib inspect json keyword linecache logging math multiprocessing numbers "
    "operator pathlib pickle platform pprint queue random re selectors shutil signal socket "
    "ssl string struct subprocess tempfile textwrap threading token tokenize traceback types "
    "typing unittest urllib uuid warnings weakref zipfile".split()
)


@dataclass(frozen=True)
class Use:
    """One import statement of one analysed file, with the name it imports absolutely."""

    ref: ps.ImportRef
    file: Path
    name: str | None  # absolute module name; None for a relative import with no package


@dataclass
class ImportGraph:
    """Everything the checks need: how the script is run, its files, their imports."""

    script: Path
    cwd: Path
    root: Path | None
    script_path: list[ps.PathEntry]  # `python SCRIPT`, including the script's sys.path edits
    ide_path: list[ps.PathEntry] | None  # PyCharm: plus the project root
    module_base: Path | None  # where `python -m module_name` works from
    module_name: str | None
    module_path: list[ps.PathEntry] | None
    packaged: bool  # the script's folder is a package, or it uses relative imports
    edits: list[ps.SysPathEdit]
    run_as: str | None = None  # the module name when the user runs `python -m NAME`
    sources: dict[Path, ps.SourceFile] = field(default_factory=dict)
    packages: dict[Path, str | None] = field(default_factory=dict)  # file -> its __package__
    names: dict[Path, str] = field(default_factory=dict)  # file -> module name it runs as
    imported_at: dict[Path, Use] = field(default_factory=dict)  # file -> first import of it
    uses: list[Use] = field(default_factory=list)

    def shown(self, path: Path) -> str:
        """A path as the user would type it from the working directory."""
        try:
            return os.path.relpath(path, self.cwd)
        except ValueError:
            return str(path)

    def run_command(self) -> str:
        if self.run_as:
            return f"python -m {self.run_as}"
        return f"python {self.shown(self.script)}"

    def module_command(self) -> str | None:
        if not (self.module_base and self.module_name):
            return None
        prefix = "" if self.module_base == self.cwd else f"cd {self.shown(self.module_base)} && "
        return f"{prefix}python -m {self.module_name}"

    def location(self, use: Use) -> Location:
        return Location(self.shown(use.file), use.ref.line)

    def modes(self) -> list[tuple[str, list[ps.PathEntry]]]:
        """(how it is run, the user part of sys.path) for each way of running the script."""
        modes = [(f"`{self.run_command()}`", self.script_path)]
        if self.module_path is not None and self.module_command():
            modes.append((f"`{self.module_command()}`", self.module_path))
        if self.ide_path is not None:
            modes.append(("PyCharm (project root on PYTHONPATH)", self.ide_path))
        return modes


def analyse_imports(
    script: str | None = None, *, cwd: str | None = None, module: str | None = None
) -> ImportGraph:
    """Parses the script (or the module run with `python -m`) and, recursively, the local
    modules it imports."""
    base = Path(cwd).expanduser() if cwd else Path.cwd()
    if not base.is_dir():
        raise DoctorError(f"--cwd {cwd}: no such directory")
    base = base.resolve()
    if script is not None and module is not None:
        raise DoctorError("give the script (train.py) or the module (-m ner.train), not both")
    if script is None and module is None:
        raise DoctorError("give the script to check (train.py), or -m and its module (ner.train)")
    if module is not None:
        return _follow(_module_graph(module, base))
    path = (base / Path(script).expanduser()).resolve()
    if path.is_dir():
        raise DoctorError(
            f"{script} is a directory; give the script to run (e.g. {script}/train.py)"
        )
    if path.suffix == ".ipynb":
        raise DoctorError(
            f"{script} is a Jupyter notebook: export it first with `jupyter nbconvert --to script "
            f"{script}` and check the .py file"
        )
    if not path.exists():
        where = "" if base == Path.cwd().resolve() else f" (from {base})"
        raise DoctorError(f"{script}: no such file{where}")
    source = ps.parse_file(path)  # OSError: the command says it cannot read the file
    graph = _graph_for(path, base, source)
    graph.sources[path] = source
    graph.packages[path] = None
    return _follow(graph)


def _module_graph(module: str, cwd: Path) -> ImportGraph:
    """`python -m pkg.train` from cwd: sys.path starts with the working directory, and the
    module runs as __main__ inside its package, so its relative imports work."""
    if not all(part.isidentifier() for part in module.split(".")):
        raise DoctorError(f"-m {module}: not a module name (dotted identifiers, e.g. ner.train)")
    entries = ps.module_sys_path(cwd)
    found = ps.find_local_module(module, entries)
    if found is not None and found.is_package and found.path is not None:
        main = found.path / "__main__.py"
        if not main.is_file():
            raise DoctorError(
                f"-m {module}: {module} is a package without __main__.py, so `python -m "
                f"{module}` cannot run it; name the module inside it (-m {module}.train)"
            )
        name, file = f"{module}.__main__", main
    elif found is not None and found.file is not None:
        name, file = module, found.file
    else:
        raise DoctorError(
            f"-m {module}: no module {module} under {cwd} (python -m looks in the working "
            "directory and PYTHONPATH); pass --cwd with the folder you run it from"
        )
    source = ps.parse_file(file)  # OSError: the command says it cannot read the file
    path_entries = list(entries)
    edits = ps.sys_path_edits(source.tree, file, cwd) if source.tree is not None else []
    for edit in edits:
        if edit.path is not None:
            origin = f"sys.path edit at line {edit.line}"
            origin += ", relative to the working directory" if edit.relative_to_cwd else ""
            path_entries.append(ps.PathEntry(edit.path, origin))
    graph = ImportGraph(
        script=file.resolve(),
        cwd=cwd,
        root=ps.find_project_root(file),
        script_path=path_entries,
        ide_path=None,  # the user said how they run it
        module_base=None,
        module_name=None,
        module_path=None,
        packaged=True,
        edits=edits,
        run_as=module,
    )
    graph.sources[graph.script] = source
    graph.packages[graph.script] = name.rpartition(".")[0] or None
    return graph


def _follow(graph: ImportGraph) -> ImportGraph:
    """Parses, breadth first, the local modules the script's imports bring in."""
    path = graph.script
    graph.names[path] = "__main__"
    queue = [path]
    while queue and len(graph.sources) <= MAX_FILES:
        file = queue.pop(0)
        tree = graph.sources[file].tree
        if tree is None:
            continue
        for ref in ps.list_imports(tree):
            name = ref.absolute(graph.packages[file])
            use = Use(ref, file, name)
            graph.uses.append(use)
            for found in _modules_of(graph, use):
                target = found.file
                if target is None or target in graph.sources:
                    continue
                try:
                    graph.sources[target] = ps.parse_file(target)
                except OSError:
                    continue
                graph.packages[target] = (
                    found.name if found.is_package else found.name.rpartition(".")[0]
                )
                graph.names[target] = found.name
                graph.imported_at[target] = use
                queue.append(target)
    return graph


def _graph_for(path: Path, cwd: Path, source: ps.SourceFile) -> ImportGraph:
    root = ps.find_project_root(path)
    edits = ps.sys_path_edits(source.tree, path, cwd) if source.tree is not None else []
    script_path = ps.script_sys_path(path, cwd)
    for edit in edits:
        if edit.path is not None:
            origin = f"sys.path edit at line {edit.line}"
            origin += ", relative to the working directory" if edit.relative_to_cwd else ""
            script_path.append(ps.PathEntry(edit.path, origin))
    ide_path = None
    if root is not None and root != path.parent:
        ide_path = [*script_path, ps.PathEntry(root, "project root, added by PyCharm")]
    folder_is_package = (path.parent / "__init__.py").is_file()
    if folder_is_package:
        module_base, module_name = ps.package_root(path)
    else:
        module_base = root if root is not None and root != path.parent else path.parent.parent
        module_name = ps.module_name_for(path, module_base)
    relative = source.tree is not None and any(r.level for r in ps.list_imports(source.tree))
    return ImportGraph(
        script=path,
        cwd=cwd,
        root=root,
        script_path=script_path,
        ide_path=ide_path,
        module_base=module_base if module_name else None,
        module_name=module_name,
        module_path=ps.module_sys_path(module_base) if module_name else None,
        packaged=folder_is_package or relative,
        edits=edits,
    )


def _modules_of(graph: ImportGraph, use: Use) -> Iterator[ps.ModuleLocation]:
    """The local modules an import brings in (the module, its parent packages, and for
    `from pkg import sub` the sub-module), found the way the script is normally run."""
    name = use.name
    if name is None and use.file == graph.script and graph.module_name:
        name = use.ref.absolute(graph.module_name.rpartition(".")[0])  # as `python -m` runs it
    if name is None:
        return
    parts = name.split(".")
    names = [".".join(parts[:i]) for i in range(1, len(parts))] + [name]
    if use.ref.is_from:
        names += [f"{name}.{n}" for n in use.ref.names if n != "*"]
    for candidate in names:
        for _, entries in graph.modes():
            found = ps.resolve_module(candidate, entries)
            if found is not None:
                if found.kind == "local":
                    yield found
                break


# ---------------------------------------------------------------------------- checks


@check("BD317")
def check_syntax(graph: ImportGraph) -> Iterator[Finding]:
    for path, source in graph.sources.items():
        if source.error is None:
            continue
        err = source.error
        text = f": `{err.text}`" if err.text else ""
        extra = ""
        if source.notebook_lines:
            extra = (
                f" (an exported notebook: IPython `!`/`%` lines {_lines(source.notebook_lines)})"
            )
        how = "the script" if path == graph.script else f"module {graph.names.get(path)}"
        yield Finding.of(
            "BD317",
            f"{graph.shown(path)} line {err.line}: {err.message}{text}; {how} cannot run{extra}",
            locations=[Location(graph.shown(path), err.line)],
            fix=(
                "delete the notebook `!`/`%` lines or turn them into comments"
                if source.notebook_lines
                else f'write the path on line {err.line} as a raw string (r"C:\\Users\\...") '
                "or with forward slashes: in a normal string `\\U`, `\\u` and `\\x` start an "
                "escape"
                if "unicodeescape" in err.message
                else f"fix line {err.line}: Python stops at the first syntax error of a module"
            ),
        )


@check("BD310")
def check_relative_in_script(graph: ImportGraph) -> Iterator[Finding]:
    for path in graph.sources:
        package = graph.packages.get(path)
        if package:
            continue
        relative = [u for u in graph.uses if u.file == path and u.ref.level > 0]
        if not relative:
            continue
        first = relative[0].ref
        if path == graph.script and graph.run_as:
            how = f"`{graph.run_command()}` runs a top-level module, which has no package"
        elif path == graph.script:
            how = f"the script runs as `{graph.run_command()}`, so it is `__main__` with no package"
        else:
            via = graph.imported_at.get(path)
            by = f" by `{via.ref.written}` ({graph.location(via)})" if via else ""
            how = (
                f"{graph.shown(path)} is imported as the top-level module "
                f"`{graph.names.get(path)}`{by}, not as part of its package"
            )
        yield Finding.of(
            "BD310",
            f"`{first.written}` ({graph.shown(path)}:{first.line}) fails with ImportError: "
            f"attempted relative import with no known parent package; {how}",
            locations=[Location(graph.shown(path), u.ref.line) for u in relative],
            fix=_relative_fix(graph, path, first),
        )


@check("BD318")
def check_relative_beyond_top(graph: ImportGraph) -> Iterator[Finding]:
    for path in graph.sources:
        package = graph.packages.get(path)
        if not package:
            continue  # no package at all: BD310
        beyond = [u for u in graph.uses if u.file == path and u.ref.level > 0 and u.name is None]
        if not beyond:
            continue
        first = beyond[0].ref
        if path == graph.script:
            how = f"`{graph.run_command()}` runs it as `{graph.run_as or package}`"
        else:
            via = graph.imported_at.get(path)
            by = f" by `{via.ref.written}` ({graph.location(via)})" if via else ""
            how = f"{graph.shown(path)} is imported as `{graph.names.get(path)}`{by}"
        levels = plural(first.level - 1, "level")
        yield Finding.of(
            "BD318",
            f"`{first.written}` ({graph.shown(path)}:{first.line}) fails with ImportError: "
            f"attempted relative import beyond top-level package; {how}, so its package is "
            f"`{package}` and `{'.' * first.level}` climbs {levels} above it",
            locations=[Location(graph.shown(path), u.ref.line) for u in beyond],
            fix=_beyond_fix(graph, path, first),
        )


def _beyond_fix(graph: ImportGraph, path: Path, ref: ps.ImportRef) -> str:
    """The absolute import the running program resolves, else the `python -m` command that
    makes the package deep enough for the dots (a relative import is always `from`)."""
    target = path.parent
    for _ in range(ref.level - 1):
        target = target.parent
    names = ", ".join(ref.names)
    for entry in graph.script_path:  # the first sys.path entry that holds the target folder
        init = target / "__init__.py"
        base = "" if target == entry.path else ps.module_name_for(init, entry.path)
        if base is None:
            continue
        name = ".".join(p for p in (base, ref.module) if p)
        if not name:
            return f"write the absolute import `import {names}`"
        if ps.resolve_module(name, graph.script_path) is not None:
            return f"write the absolute import `from {name} import {names}`"
        break
    run_from = target.parent
    name = ps.module_name_for(graph.script, run_from)
    if name and graph.root is not None and run_from.is_relative_to(graph.root):
        prefix = "" if run_from == graph.cwd else f"cd {graph.shown(run_from)} && "
        where = graph.shown(run_from)
        return f"run the program as a module from {where}: `{prefix}python -m {name}`"
    return "use absolute imports, which do not depend on the package a module runs in"


def _relative_fix(graph: ImportGraph, path: Path, ref: ps.ImportRef) -> str:
    base, name = ps.package_root(path)
    if not name or "." not in name:
        base = graph.module_base or base
        name = ps.module_name_for(path, base) or name
    package = name.rpartition(".")[0]
    absolute = ref.absolute(package)
    parts = []
    if path == graph.script and package and absolute:
        prefix = "" if base == graph.cwd else f"cd {graph.shown(base)} && "
        parts.append(f"run it as a module: `{prefix}python -m {name}`")
    elif path != graph.script and package:
        parts.append(
            f"import it through its package: `from {package} import {name.split('.')[-1]}`"
        )
    if absolute:
        names = ", ".join(ref.names)
        parts.append(f"or write the absolute import `from {absolute} import {names}`")
    elif package:
        parts.append(f"`{ref.written}` goes beyond the top-level package {package.split('.')[0]}")
    return "; ".join(parts) or "use absolute imports"


def _sibling(graph: ImportGraph, use: Use) -> ps.ModuleLocation | None:
    """Under `python -m`, `import model` written for `python ner/predict.py`: the module is
    beside the importing file, whose folder is not on sys.path when it runs as a module."""
    if (
        not graph.run_as
        or use.ref.level
        or use.name is None
        or graph.packages.get(use.file) is None
    ):
        return None
    if any(ps.resolve_module(use.name, entries) for _, entries in graph.modes()):
        return None
    return ps.find_local_module(use.name, [use.file.parent])


@check("BD311")
def check_cwd_dependent(graph: ImportGraph) -> Iterator[Finding]:
    seen: set[str] = set()
    modes = graph.modes()
    for use in graph.uses:
        if use.ref.level or use.name is None or use.name in seen or use.ref.guarded:
            continue
        seen.add(use.name)
        sibling = _sibling(graph, use)
        if sibling is not None:
            package = graph.packages[use.file]
            folder = graph.shown(use.file.parent)
            yield Finding.of(
                "BD311",
                f"`{use.ref.written}` ({graph.location(use)}) finds {_where(graph, sibling)} only "
                f"when {folder} is on sys.path (`python {graph.shown(use.file)}`); "
                f"`{graph.run_command()}` puts the working directory first, not {folder}: "
                f"ModuleNotFoundError: No module named '{use.name.split('.')[0]}'",
                locations=[graph.location(use)],
                fix=f"import it as a module of the package {package}: `from . import "
                f"{use.name}` or `from {package} import {use.name}`"
                if "." not in use.name
                else f"import it through the package {package}: `from {package}.{use.name} "
                "import ...`",
                severity=Severity.ERROR,
            )
            continue
        results = [(how, ps.resolve_module(use.name, entries), entries) for how, entries in modes]
        local = [
            (how, loc, entries) for how, loc, entries in results if loc and loc.kind == "local"
        ]
        if not local:
            continue
        failing = [how for how, loc, _ in results if loc is None]
        relative_edit = _relative_edit_entry(local[0][1], local[0][2])
        if failing and results[0][1] is None:
            yield _works_elsewhere(graph, use, local, failing, script_fails=True)
        elif failing and graph.packaged:
            yield _works_elsewhere(graph, use, local, failing, script_fails=False)
        elif relative_edit is not None and results[0][1] is local[0][1]:
            yield Finding.of(
                "BD311",
                f"`{use.ref.written}` ({graph.location(use)}) finds {_where(graph, local[0][1])} "
                f"only through {relative_edit.origin.split(',')[0]} (a path relative to the "
                f"working directory): it works when run from {graph.shown(graph.cwd) or '.'}, "
                f"and fails from any other folder",
                locations=[
                    graph.location(use),
                    Location(graph.shown(graph.script), _edit_line(relative_edit)),
                ],
                fix="build the path from the file: "
                "`sys.path.insert(0, str(Path(__file__).resolve().parent.parent))`, "
                "or install the project with `pip install -e .`",
            )


def _edit_line(entry: ps.PathEntry) -> int | None:
    digits = entry.origin.split("line ")[-1].split(",")[0]
    return int(digits) if digits.isdigit() else None


def _relative_edit_entry(
    loc: ps.ModuleLocation, entries: list[ps.PathEntry]
) -> ps.PathEntry | None:
    for entry in entries:
        if entry.path == loc.entry:
            return entry if "relative to the working directory" in entry.origin else None
    return None


def _where(graph: ImportGraph, loc: ps.ModuleLocation) -> str:
    return f"{loc.name} ({graph.shown(loc.path)})" if loc.path else loc.name


def _works_elsewhere(
    graph: ImportGraph,
    use: Use,
    local: list[tuple[str, ps.ModuleLocation, list[ps.PathEntry]]],
    failing: list[str],
    *,
    script_fails: bool,
) -> Finding:
    how, loc, entries = local[0]
    entry = next((e for e in entries if e.path == loc.entry), None)
    because = f" ({graph.shown(loc.entry)} is on sys.path as the {entry.origin})" if entry else ""
    works = " and with ".join(h for h, _, _ in local)
    top = use.name.split(".")[0] if use.name else "?"
    message = (
        f"`{use.ref.written}` ({graph.location(use)}) finds {_where(graph, loc)} with {works}"
        f"{because}, but fails with {' and with '.join(failing)}: "
        f"ModuleNotFoundError: No module named '{top}'"
    )
    if failing[0] == f"`{graph.run_command()}`":
        message += (
            f"; `python SCRIPT` puts the script's folder {graph.shown(graph.script.parent)} "
            "first on sys.path, never the working directory (VS Code's Run button and "
            f"`cd {graph.shown(graph.script.parent)} && python {graph.script.name}` do the same)"
        )
    command = graph.module_command()
    fix = (
        f"run it as `{command}`, or install the project (`pip install -e .`)"
        if command and script_fails
        else f"put {graph.shown(loc.path) if loc.path else top} beside the script or import it "
        "through its package, so every way of running the script finds it"
    )
    severity = Severity.ERROR if script_fails else Severity.WARNING
    return Finding.of("BD311", message, locations=[graph.location(use)], fix=fix, severity=severity)


@check("BD312")
def check_shadowing(graph: ImportGraph) -> Iterator[Finding]:
    imported = {u.name.split(".")[0] for u in graph.uses if u.name and not u.ref.level}
    heavy = bool(imported & HEAVY)
    folders: list[tuple[ps.PathEntry, Severity | None, str]] = [
        (e, None, f"`{graph.run_command()}`") for e in graph.script_path
    ]
    if graph.packaged and graph.module_path and graph.module_command():
        folders += [
            (e, Severity.WARNING, f"`{graph.module_command()}`") for e in graph.module_path[:1]
        ]
    needed_by = LazyDependents(imported)
    reported: set[tuple[Path, str]] = set()
    for entry, severity, how in folders:
        if not entry.path.is_dir():
            continue
        for name in sorted(_top_level_names(entry.path)):
            if (entry.path, name) in reported:
                continue
            stdlib_hit = name in STARTUP_STDLIB and heavy
            if name not in imported and not stdlib_hit and name not in needed_by:
                continue
            real = ps.find_installed_module(name)
            if real is None or real.kind in ("builtin", "startup"):
                continue
            local = ps.find_local_module(name, [entry.path])
            if local is None or (
                real.path and local.path and real.path.resolve() == local.path.resolve()
            ):
                continue
            users = [u for u in graph.uses if u.name and u.name.split(".")[0] == name]
            why = _why_shadow_hurts(graph, name, local, users, stdlib_hit, needed_by)
            if why is None:
                continue  # the project means its own module, and nothing else needs the real one
            reported.add((entry.path, name))
            what = (
                "the standard-library module" if real.kind == "stdlib" else "the installed package"
            )
            yield Finding.of(
                "BD312",
                f"{graph.shown(local.path)} hides {what} {name} ({real.path}): with {how} "
                f"{graph.shown(entry.path) or '.'} ({entry.origin}) comes first on sys.path, "
                f"so {why}",
                locations=[Location(graph.shown(local.path))]
                + ([graph.location(users[0])] if users else []),
                fix=f"rename {graph.shown(local.path)} (e.g. my_{name}{local.path.suffix}) and "
                f"update its imports; delete __pycache__/{name}.*.pyc next to it",
                severity=severity,
            )


class LazyDependents:
    """Import name -> the imported package that depends on it (one level of requirements from
    the installed metadata), computed on first use."""

    def __init__(self, imported: set[str]) -> None:
        self.imported = imported
        self._map: dict[str, str] | None = None

    def __contains__(self, name: str) -> bool:
        return name in self.map

    def get(self, name: str) -> str | None:
        return self.map.get(name)

    @property
    def map(self) -> dict[str, str]:
        if self._map is None:
            self._map = _dependents(self.imported)
        return self._map


def _dependents(imported: set[str]) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, packages_distributions, requires

    def norm(dist: str) -> str:
        return re.sub(r"[-_.]+", "-", dist).lower()

    dists_of = packages_distributions()
    names_of: dict[str, list[str]] = {}
    for import_name, dists in dists_of.items():
        for dist in dists:
            names_of.setdefault(norm(dist), []).append(import_name)
    out: dict[str, str] = {}
    for top in sorted(imported):
        for dist in dists_of.get(top, []):
            try:
                reqs = requires(dist) or []
            except PackageNotFoundError:
                continue
            for req in reqs:
                if "extra ==" in req:
                    continue
                dep = norm(re.split(r"[\s;<>=!~\[(]", req.strip(), maxsplit=1)[0])
                for name in names_of.get(dep, []):
                    if not name.startswith("_"):
                        out.setdefault(name, top)
    return out


def _why_shadow_hurts(
    graph: ImportGraph,
    name: str,
    local: ps.ModuleLocation,
    users: list[Use],
    stdlib_hit: bool,
    needed_by: LazyDependents,
) -> str | None:
    """Why the local module breaks the run, or None when the project evidently means it."""
    if users:
        use = users[0]
        first = f"`{use.ref.written}` ({graph.location(use)}) imports this file"
        missing = _missing_names(graph, local, use)
        if missing:
            shown = ", ".join(sorted(missing)[:3])
            return f"{first}, which has no {shown} (ImportError / AttributeError)"
        if name in HEAVY or missing is None:
            return first
    if name in needed_by:
        return f"{needed_by.get(name)} (which the project imports) needs {name} and gets this file"
    if stdlib_hit:
        return f"torch/transformers import {name} when they start, and get this file"
    return None


def _missing_names(graph: ImportGraph, local: ps.ModuleLocation, use: Use) -> set[str] | None:
    """Names the project takes from the module that the local file does not define; None when
    unknown (no names used, or the file defines names dynamically)."""
    source = graph.sources.get(local.file) if local.file else None
    if source is None and local.file is not None:
        try:
            source = ps.parse_file(local.file)
        except OSError:
            return None
    if source is None or source.tree is None:
        return None
    defined = ps.defined_names(source.tree)
    if defined is None:
        return None
    wanted: set[str] = set()
    for u in graph.uses:
        if u.name is None or u.name.split(".")[0] != local.name or u.ref.level:
            continue
        if u.ref.is_from and u.name == local.name:
            wanted.update(n for n in u.ref.names if n != "*")
        elif not u.ref.is_from and u.ref.bound:
            tree = graph.sources[u.file].tree
            if tree is not None:
                wanted.update(ps.attributes_used(tree, u.ref.bound))
    if not wanted:
        return None
    if local.is_package and local.path is not None:
        defined |= {p.stem for p in local.path.iterdir() if p.suffix == ".py" or p.is_dir()}
    return wanted - defined


def _top_level_names(folder: Path) -> set[str]:
    names = set()
    try:
        children = list(folder.iterdir())
    except OSError:
        return names
    for child in children:
        if child.is_dir() and child.name.isidentifier():
            if any((child / f"__init__{s}").is_file() for s in (".py", ".pyc")):
                names.add(child.name)
        elif child.suffix in (".py", ".pyc") or child.name.endswith(ps._EXTENSION_SUFFIXES):
            names.add(child.name.split(".")[0])
    return names


@check("BD313")
def check_not_installed(graph: ImportGraph) -> Iterator[Finding]:
    seen: set[str] = set()
    for use in graph.uses:
        if use.name is None or use.ref.guarded or use.name in seen:
            continue
        seen.add(use.name)
        top = use.name.split(".")[0]
        if any(ps.resolve_module(use.name, entries) for _, entries in graph.modes()):
            continue
        if _sibling(graph, use) is not None:
            continue  # BD311: a module beside the file, not on sys.path under `python -m`
        local_top = next(
            (f for _, e in graph.modes() if (f := ps.find_local_module(top, e)) is not None), None
        )
        severity = Severity.WARNING if use.ref.in_function else None
        when = " when the function runs" if use.ref.in_function else ""
        if local_top is not None or use.ref.level:
            parent = use.name.rpartition(".")[0] or top
            yield Finding.of(
                "BD313",
                f"`{use.ref.written}` ({graph.location(use)}): no module {use.name}; the local "
                f"package {parent} has no file for it: ModuleNotFoundError{when}",
                locations=[graph.location(use)],
                fix=f"create {use.name.replace('.', '/')}.py or fix the module name",
                severity=severity,
            )
            continue
        if ps.find_installed_module(top) is not None:
            continue  # installed, and its sub-modules are not looked up without importing
        dist = INSTALL_NAMES.get(top, top)
        hint = f" (the package to install is {dist})" if dist != top else ""
        yield Finding.of(
            "BD313",
            f"`{use.ref.written}` ({graph.location(use)}): {top} is not installed for "
            f"{_python()} and is not a module of the project{hint}: "
            f"ModuleNotFoundError: No module named '{top}'{when}",
            locations=[graph.location(use)],
            fix=f"`{_python()} -m pip install {dist}` (the interpreter that runs the script)",
            severity=severity,
        )


def _python() -> str:
    import sys

    return sys.executable or "python"


def _lines(numbers: tuple[int, ...]) -> str:
    shown = ", ".join(str(n) for n in numbers[:5])
    return shown + (f" (+{len(numbers) - 5} more)" if len(numbers) > 5 else "")


CHECKS = (
    check_syntax,
    check_relative_in_script,
    check_relative_beyond_top,
    check_cwd_dependent,
    check_shadowing,
    check_not_installed,
)


# ---------------------------------------------------------------------------- entry points


def check_imports(
    script: str | None = None, *, cwd: str | None = None, module: str | None = None
) -> list[Finding]:
    """The findings of check-imports for one script (the contract other commands use)."""
    return run_checks(CHECKS, analyse_imports(script, cwd=cwd, module=module))


def check_imports_report(
    script: str | None = None, *, cwd: str | None = None, module: str | None = None
) -> Report:
    graph = analyse_imports(script, cwd=cwd, module=module)
    findings = run_checks(CHECKS, graph)
    local = [p for p in graph.sources if p != graph.script]
    installed = sorted(
        {u.name.split(".")[0] for u in graph.uses if u.name and not u.ref.level}
        - {graph.names[p].split(".")[0] for p in local}
    )
    summary = (
        f"{plural(len(graph.uses), 'import')} in {plural(len(graph.sources), 'file')}, "
        f"{plural(len(local), 'local module')} followed"
    )
    lines = []
    for how, entries in graph.modes():
        shown = ", ".join(f"{graph.shown(e.path) or '.'} ({e.origin})" for e in entries)
        lines.append(f"{how}: sys.path starts with {shown}")
    section = Section(
        f"Imports: {graph.shown(graph.script)}",
        summary=summary,
        findings=findings,
        lines=_escaped(lines),
        data={
            "script": str(graph.script),
            "cwd": str(graph.cwd),
            "project_root": str(graph.root) if graph.root else None,
            "run_command": graph.run_command(),
            "module_command": graph.module_command(),
            "runs": [
                {
                    "how": how.strip("`"),
                    "sys_path": [{"path": str(e.path), "origin": e.origin} for e in entries],
                }
                for how, entries in graph.modes()
            ],
            "local_modules": {graph.names[p]: str(p) for p in local},
            "imported_top_level": installed,
        },
    )
    return Report("check-imports", [section])


def _escaped(lines: list[str]) -> list[str]:
    from rich.markup import escape

    return [escape(line) for line in lines]
