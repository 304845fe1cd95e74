"""check-model: will this model path or Hub id load, and load the weights you expect?

The folder is read, never loaded: config.json and the tokenizer files with ``json``, the
safetensors header by hand (8-byte length + JSON), a ``.bin`` with ``torch.load(...,
weights_only=True, mmap=True)`` so that no tensor data is read and no code is unpickled.
Nothing is downloaded and nothing is written. Rules BD301-BD309 and BD314-BD316.
"""

from __future__ import annotations

import json
import os
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import pysource
from ..findings import DoctorError, Finding, Location, Report, Section, Severity, plural
from ..modelinfo import BASE_PREFIX
from ..runner import check, run_checks

LFS_MAGIC = b"version https://git-lfs.github.com/spec/v1"
SAFETENSORS_NAMES = ("model.safetensors",)
PICKLE_NAMES = ("pytorch_model.bin",)
INDEX_NAMES = ("model.safetensors.index.json", "pytorch_model.bin.index.json")
OTHER_WEIGHTS = ("tf_model.h5", "flax_model.msgpack")
HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
LEGACY_ORGS = {"bert-": "google-bert", "distilbert-": "distilbert", "roberta-": "FacebookAI",
               "xlm-roberta-": "FacebookAI", "albert-": "albert"}  # fmt: skip
CLASSIFIER_NAMES = ("classifier.weight", "classifier.out_proj.weight")


@dataclass(frozen=True)
class Tensor:
    shape: tuple[int, ...]
    dtype: str


@dataclass
class WeightsFile:
    """One weights file and what could be read of it without loading the tensors."""

    path: Path
    kind: str  # "safetensors", "pickle", "tf", "other"
    size: int
    tensors: dict[str, Tensor] = field(default_factory=dict)
    problem: str | None = None  # why it cannot be loaded (truncated, LFS pointer, unreadable)
    fix: str | None = None


@dataclass
class ModelView:
    """What the checks look at: the argument, where it led, and the folder's contents."""

    argument: str
    cwd: Path
    script: Path | None
    task: str | None
    num_labels: int | None
    folder: Path | None = None  # the model folder, once found
    hub_id: str | None = None
    cached_snapshot: Path | None = None
    path_problems: list[Finding] = field(default_factory=list)  # BD301/BD308/BD309, found early
    config: dict[str, Any] | None = None
    config_error: str | None = None
    config_line: int | None = None
    tf_files: list[Path] = field(default_factory=list)
    weights: list[WeightsFile] = field(default_factory=list)

    def shown(self, path: Path) -> str:
        try:
            rel = os.path.relpath(path, self.cwd)
        except ValueError:
            return str(path)
        return rel if not rel.startswith("../../..") else str(path)

    @property
    def tensors(self) -> dict[str, Tensor]:
        out: dict[str, Tensor] = {}
        for w in self.weights:
            out.update(w.tensors)
        return out

    @property
    def model_type(self) -> str | None:
        return (self.config or {}).get("model_type")

    @property
    def architectures(self) -> list[str]:
        return list((self.config or {}).get("architectures") or [])


# ---------------------------------------------------------------------------- locating


def locate(view: ModelView) -> None:
    """Finds the folder the argument means; records BD309, BD301 and BD308 on the way."""
    arg = view.argument
    cleaned = _clean_path(view)
    candidate = Path(cleaned)
    here = candidate if candidate.is_absolute() else view.cwd / candidate
    if here.is_file():
        here = here.parent  # a weights or config file: look at its folder
    if here.is_dir():
        view.folder = here.resolve()
        if cleaned == arg:
            _note_cwd_only(view, candidate)
        return
    elsewhere = _search_elsewhere(view, candidate)
    if re.match(r"^[A-Za-z]:", arg.strip()) and os.sep == "/" and not elsewhere:
        return  # a Windows path: BD309 says it all
    if elsewhere or _looks_like_path(cleaned):
        view.path_problems.append(_not_found(view, candidate, elsewhere))
        return
    if HUB_ID.match(cleaned):
        _locate_in_cache(view, cleaned)
        return
    view.path_problems.append(_not_found(view, candidate, []))


def _clean_path(view: ModelView) -> str:
    """The path with the foreign syntax removed, recording BD309 for each fix."""
    arg = view.argument
    fixed = arg
    problems = []
    if fixed != fixed.strip():
        problems.append(f"leading or trailing whitespace ({arg!r})")
        fixed = fixed.strip()
    if os.sep == "/" and ("\\" in fixed or re.match(r"^[A-Za-z]:", fixed)):
        drive = re.match(r"^([A-Za-z]):[\\/]?", fixed)
        problems.append(
            "a Windows path (drive letter and backslashes): on this system a backslash is an "
            "ordinary character, so the whole string is one file name"
        )
        fixed = fixed[drive.end() :] if drive else fixed
        fixed = fixed.replace("\\", "/")
        if drive:
            fixed = "/" + fixed.lstrip("/") if not (view.cwd / fixed).exists() else fixed
    if fixed.startswith("~"):
        problems.append(
            "an unexpanded `~`: the shell expands it, open() and from_pretrained do not"
        )
        fixed = os.path.expanduser(fixed)
    if problems:
        exists = (view.cwd / fixed).exists()
        suggestion = (
            f"use {fixed!r}" + (" (it exists)" if exists else "")
            if not re.match(r"^[A-Za-z]:", arg.strip())
            else "use the folder's path on this machine with forward slashes or pathlib.Path"
        )
        view.path_problems.append(
            Finding.of(
                "BD309",
                f"model path {arg!r} has " + "; and ".join(problems),
                fix=f"{suggestion}; in code: `Path(path.strip()).expanduser()`",
            )
        )
    return fixed


def _looks_like_path(arg: str) -> bool:
    return arg.startswith((".", "/", "~")) or arg.endswith("/") or arg.count("/") > 1 or "\\" in arg


def _roots(view: ModelView) -> list[tuple[str, Path]]:
    """The folders a relative path might have been meant from, with how to name them."""
    roots: list[tuple[str, Path]] = []
    if view.script is not None:
        roots.append(("the script's folder", view.script.parent))
    project = pysource.find_project_root(view.script or view.cwd)
    if project is not None:
        roots.append(("the project root", project))
    seen = {view.cwd.resolve()}
    out = []
    for name, folder in roots:
        if folder.resolve() not in seen:
            seen.add(folder.resolve())
            out.append((name, folder.resolve()))
    return out


def _search_elsewhere(view: ModelView, candidate: Path) -> list[tuple[str, Path]]:
    """(how the folder is named, the folder) for each folder the path exists from."""
    if candidate.is_absolute():
        return []
    return [(name, root) for name, root in _roots(view) if (root / candidate).exists()]


def _not_found(view: ModelView, candidate: Path, elsewhere: list[tuple[str, Path]]) -> Finding:
    arg = view.argument.strip()
    if candidate.is_absolute():
        parent = next((p for p in candidate.parents if p.exists()), None)
        return Finding.of(
            "BD301",
            f"model path {arg} does not exist; the nearest existing folder is {parent}",
            fix="check the path for a typo, or copy the model folder there",
        )
    where = "; ".join(
        f"it exists relative to {name} {root} ({view.shown(root / candidate)} from here)"
        for name, root in elsewhere
    )
    message = (
        f"model path {arg!r} does not exist from the working directory {view.cwd}: relative "
        "paths resolve against the working directory of the process, not against the script"
    )
    if where:
        message += f"; {where}"
        _, root = elsewhere[0]
        fix = f"run it from {view.shown(root)} (`cd {view.shown(root)}`), pass " + (
            f"{view.shown(root / candidate)} from here"
        )
        if view.script is not None:
            fix += f", or build the path in the script: `{_script_expr(view, root / candidate)}`"
    else:
        fix = "pass the folder that holds config.json and vocab.txt, or an absolute path"
    return Finding.of("BD301", message, fix=fix)


def _script_expr(view: ModelView, path: Path) -> str:
    """`Path(__file__)...` code that names ``path`` from the script, whatever the cwd."""
    assert view.script is not None
    rel = Path(os.path.relpath(path, view.script.parent))
    ups = 0
    while rel.parts and rel.parts[0] == "..":
        rel, ups = Path(*rel.parts[1:]), ups + 1
    base = "Path(__file__).resolve().parent" + ".parent" * ups
    return f"{base} / {rel.as_posix()!r}" if rel.parts else base


def _note_cwd_only(view: ModelView, candidate: Path) -> None:
    """A relative path that works from here but not from the script's folder: the IDE case."""
    if candidate.is_absolute() or view.script is None:
        return
    script_dir = view.script.parent.resolve()
    if script_dir == view.cwd.resolve() or (script_dir / candidate).exists():
        return
    view.path_problems.append(
        Finding.of(
            "BD301",
            f"model path {view.argument!r} exists from {view.cwd} but not from the script's "
            f"folder {view.shown(script_dir)}: it works with `python "
            f"{view.shown(view.script)}` from here, and fails where the working directory is "
            "the script's folder (PyCharm's default, `cd` into it)",
            severity=Severity.WARNING,
            fix=f"build the path from the script: `{_script_expr(view, view.cwd / candidate)}`",
        )
    )


def hub_cache_dirs() -> list[Path]:
    """Where huggingface_hub keeps models, in the order it looks (never created)."""
    dirs = []
    for var in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_CACHE"):
        if os.environ.get(var):
            dirs.append(Path(os.environ[var]).expanduser())
    home = os.environ.get("HF_HOME")
    if home:
        dirs.append(Path(home).expanduser() / "hub")
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    dirs.append(base / "huggingface" / "hub")
    return list(dict.fromkeys(dirs))


def cached_snapshot(repo_id: str) -> tuple[Path | None, list[Path]]:
    """The newest cached snapshot folder of a model repo, and the cache folders searched."""
    ids = [repo_id]
    if "/" not in repo_id:
        ids += [f"{org}/{repo_id}" for pre, org in LEGACY_ORGS.items() if repo_id.startswith(pre)]
    searched = hub_cache_dirs()
    for cache in searched:
        for rid in ids:
            repo = cache / ("models--" + rid.replace("/", "--"))
            snapshots = repo / "snapshots"
            if not snapshots.is_dir():
                continue
            ref = repo / "refs" / "main"
            if ref.is_file():
                snap = snapshots / ref.read_text().strip()
                if snap.is_dir():
                    return snap, searched
            found = sorted(snapshots.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
            if found:
                return found[0], searched
    return None, searched


def _locate_in_cache(view: ModelView, repo_id: str) -> None:
    view.hub_id = repo_id
    snap, searched = cached_snapshot(repo_id)
    if snap is not None:
        view.cached_snapshot = snap
        view.folder = snap
        return
    offline = {v: os.environ[v] for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
               if os.environ.get(v, "") not in ("", "0")}  # fmt: skip
    state = (
        f"offline mode is on ({', '.join(f'{k}={v}' for k, v in offline.items())}), so "
        "from_pretrained fails"
        if offline
        else "from_pretrained will try to download it, and fails on a machine without internet "
        "(HF_HUB_OFFLINE=1 makes that failure immediate)"
    )
    view.path_problems.append(
        Finding.of(
            "BD308",
            f"{repo_id!r} is not a folder here and not in the Hugging Face cache "
            f"({', '.join(str(p) for p in searched)}): {state}",
            severity=None if offline else Severity.WARNING,
            fix=f"where there is internet: `hf download {repo_id} --local-dir "
            f"{repo_id.split('/')[-1]}`, copy that folder here and pass its path; or copy the "
            "cache and set HF_HOME (or HF_HUB_CACHE) and HF_HUB_OFFLINE=1",
        )
    )


# ---------------------------------------------------------------------------- reading


def read_folder(view: ModelView) -> None:
    """Reads config.json and the weights headers of ``view.folder``."""
    folder = view.folder
    assert folder is not None
    cfg = folder / "config.json"
    if cfg.is_file():
        view.config, view.config_error, view.config_line = _read_json(cfg)
    elif (folder / "bert_config.json").is_file():
        view.config, _, _ = _read_json(folder / "bert_config.json")
        if view.config is not None:
            view.config.setdefault("model_type", "bert")
    view.tf_files = sorted(
        p for p in folder.iterdir() if ".ckpt." in p.name or p.name.endswith(".ckpt.index")
    )
    for name in SAFETENSORS_NAMES:
        if (folder / name).is_file():
            view.weights.append(read_safetensors(folder / name))
    for name in PICKLE_NAMES:
        if (folder / name).is_file():
            view.weights.append(read_pickle(folder / name))
    for name in INDEX_NAMES:
        if (folder / name).is_file():
            view.weights.extend(read_sharded(folder / name))
    for name in OTHER_WEIGHTS:
        if (folder / name).is_file():
            view.weights.append(WeightsFile(folder / name, "other", (folder / name).stat().st_size))


def _read_json(path: Path) -> tuple[dict[str, Any] | None, str | None, int | None]:
    raw = path.read_bytes()
    if raw.startswith(LFS_MAGIC):
        return None, "is a Git LFS pointer, not the file", 1
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return None, f"is not UTF-8 ({exc.reason})", None
    except json.JSONDecodeError as exc:
        return (
            None,
            f"is not valid JSON: {exc.msg} (line {exc.lineno} column {exc.colno})",
            exc.lineno,
        )
    if not isinstance(data, dict):
        return None, "is not a JSON object", 1
    return data, None, None


def _lfs_pointer(path: Path, size: int) -> str | None:
    if size > 1024:
        return None
    with path.open("rb") as f:
        head = f.read(1024)
    if not head.startswith(LFS_MAGIC):
        return None
    m = re.search(rb"size (\d+)", head)
    real = f" of {_mb(int(m.group(1)))}" if m else ""
    return f"is a Git LFS pointer ({size} bytes) instead of the weights{real}"


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n} bytes"


LFS_FIX = (
    "`git lfs install && git lfs pull` in the cloned folder, or download the files with "
    "`hf download REPO --local-dir FOLDER`"
)


def read_safetensors(path: Path) -> WeightsFile:
    """Reads the header of a .safetensors file (names, shapes, dtypes); checks the file is as
    long as its header says."""
    size = path.stat().st_size
    wf = WeightsFile(path, "safetensors", size)
    lfs = _lfs_pointer(path, size)
    if lfs:
        wf.problem, wf.fix = lfs, LFS_FIX
        return wf
    redownload = "download the file again (compare its size with the one the Hub lists)"
    with path.open("rb") as f:
        head = f.read(8)
        if len(head) < 8:
            wf.problem, wf.fix = (
                f"is {size} bytes long: too short for a safetensors header",
                redownload,
            )
            return wf
        (n,) = struct.unpack("<Q", head)
        if n > size - 8:
            wf.problem = (
                f"is truncated: its header alone claims {n} bytes but the file has {size} "
                "(safetensors: MetadataIncompleteBuffer / header too large)"
            )
            wf.fix = redownload
            return wf
        try:
            header = json.loads(f.read(n))
        except (json.JSONDecodeError, UnicodeDecodeError):
            wf.problem, wf.fix = "has an unreadable header (not a safetensors file?)", redownload
            return wf
    end = 0
    for name, info in header.items():
        if name == "__metadata__" or not isinstance(info, dict):
            continue
        wf.tensors[name] = Tensor(tuple(info.get("shape", ())), str(info.get("dtype", "?")))
        offsets = info.get("data_offsets") or [0, 0]
        end = max(end, int(offsets[1]))
    if 8 + n + end > size:
        wf.problem = (
            f"is truncated: {size} bytes, the tensors it lists need {8 + n + end} "
            f"({_mb(8 + n + end - size)} missing), an interrupted download or copy"
        )
        wf.fix = redownload
    return wf


def read_pickle(path: Path) -> WeightsFile:
    """Reads tensor names and shapes of a torch.save file with weights_only=True and mmap, so
    no tensor data is read and no code is run."""
    size = path.stat().st_size
    wf = WeightsFile(path, "pickle", size)
    lfs = _lfs_pointer(path, size)
    if lfs:
        wf.problem, wf.fix = lfs, LFS_FIX
        return wf
    mmap = zipfile.is_zipfile(path)
    if not mmap:
        with path.open("rb") as f:
            magic = f.read(2)
        if magic.startswith(b"PK") or size < 64:
            wf.problem = (
                f"is not a complete torch.save archive ({size} bytes; 'PytorchStreamReader "
                "failed reading zip archive: failed finding central directory')"
            )
            wf.fix = "download or copy the file again"
            return wf
    import torch

    try:
        state = torch.load(path, map_location="cpu", weights_only=True, mmap=mmap)
    except Exception as exc:  # noqa: BLE001 - any failure to read is the finding
        text = str(exc)
        first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
        wf.problem = f"cannot be read with torch.load(weights_only=True): {first[:200]}"
        wf.fix = "re-save it from a trusted copy with `model.save_pretrained(folder)`"
        if "Unsupported global" in text or "Weights only load failed" in text:
            glob = re.search(r"Unsupported global: GLOBAL ([\w.]+)", text)
            what = f" ({glob.group(1)})" if glob else ""
            wf.problem = (
                f"is a pickled Python object{what}, not a state_dict: it was saved with "
                "torch.save(model); torch.load(weights_only=True) refuses it and loading it "
                "any other way runs code from the file"
            )
            wf.fix = (
                "if you trust the file, load it once with weights_only=False and save "
                "`model.save_pretrained(folder)` (or `torch.save(model.state_dict(), path)`)"
            )
        return wf
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]
    if isinstance(state, dict):
        for name, value in state.items():
            if hasattr(value, "shape"):
                wf.tensors[str(name)] = Tensor(
                    tuple(value.shape), str(value.dtype).replace("torch.", "")
                )
    return wf


def read_sharded(index: Path) -> list[WeightsFile]:
    data, error, _ = _read_json(index)
    if data is None:
        wf = WeightsFile(index, "safetensors", index.stat().st_size)
        wf.problem, wf.fix = f"{error}", "download the index file again"
        return [wf]
    shards = sorted(set((data.get("weight_map") or {}).values()))
    out = []
    for shard in shards:
        p = index.parent / shard
        if not p.is_file():
            wf = WeightsFile(p, "safetensors", 0)
            wf.problem = f"is listed in {index.name} but missing"
            wf.fix = "download the missing shard"
            out.append(wf)
        elif shard.endswith(".safetensors"):
            out.append(read_safetensors(p))
        else:
            out.append(read_pickle(p))
    return out


# ---------------------------------------------------------------------------- tokenizer


def vocab_pieces(folder: Path) -> tuple[list[str] | None, str | None, Path | None]:
    """The tokenizer's pieces (from tokenizer.json or vocab.txt), a problem, and the file."""
    tj, vt = folder / "tokenizer.json", folder / "vocab.txt"
    for path in (tj, vt):
        if not path.is_file():
            continue
        size = path.stat().st_size
        if size == 0:
            return None, f"{path.name} is empty (0 bytes)", path
        lfs = _lfs_pointer(path, size)
        if lfs:
            return None, f"{path.name} {lfs.replace('the weights', 'the tokenizer')}", path
        if path is tj:
            data, error, _ = _read_json(path)
            if data is None:
                return None, f"tokenizer.json {error}", path
            vocab = (data.get("model") or {}).get("vocab")
            if isinstance(vocab, dict):
                pieces = sorted(vocab, key=vocab.get)
                added = [t.get("content") for t in data.get("added_tokens") or []]
                pieces += [t for t in added if t and t not in vocab]
                return pieces, None, path
            if isinstance(vocab, list):  # unigram: [[piece, score], ...]
                return [str(v[0]) for v in vocab], None, path
            continue  # BPE merges or an unknown model: try vocab.txt
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if not any(line.strip() for line in lines):
            return None, "vocab.txt has no pieces (only blank lines)", path
        return lines, None, path
    for other in ("vocab.json", "spiece.model", "sentencepiece.bpe.model", "tokenizer.model"):
        if (folder / other).is_file():
            return [], None, folder / other  # another tokenizer type: not counted
    return None, "no vocab.txt and no tokenizer.json", None


# ---------------------------------------------------------------------------- checks


@check("BD301", "BD308", "BD309")
def check_path(view: ModelView) -> Iterator[Finding]:
    yield from view.path_problems


@check("BD307")
def check_tensorflow(view: ModelView) -> Iterator[Finding]:
    if not view.tf_files or any(w.kind in ("safetensors", "pickle") for w in view.weights):
        return
    folder = view.shown(view.folder) if view.folder else view.argument
    index = next((p for p in view.tf_files if p.name.endswith(".index")), view.tf_files[0])
    prefix = index.name[: -len(".index")] if index.name.endswith(".index") else index.name
    cfg = "bert_config.json" if (view.folder / "bert_config.json").is_file() else "config.json"
    out = f"{folder.rstrip('/')}-pytorch"
    yield Finding.of(
        "BD307",
        f"{folder} is an original TensorFlow checkpoint ({', '.join(p.name for p in view.tf_files)}"
        f"{', ' + cfg if cfg == 'bert_config.json' else ''}) without PyTorch or safetensors "
        "weights: from_pretrained cannot load it as is",
        locations=[Location(view.shown(index))],
        fix=(
            f"download the converted model from the Hub, or convert it{_tf_note()}: "
            '`pip install "transformers<5" tensorflow torch` in a separate environment, then '
            "`python -m transformers.models.bert.convert_bert_original_tf_checkpoint_to_pytorch "
            f"--tf_checkpoint_path {folder}/{prefix} --bert_config_file {folder}/{cfg} "
            f"--pytorch_dump_path {out}/pytorch_model.bin`, and copy {cfg} to {out}/config.json "
            f'(add "model_type": "bert") and vocab.txt to {out}'
        ),
    )


def _tf_note() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        major = int(version("transformers").split(".")[0])
    except (PackageNotFoundError, ValueError):
        return ""
    if major >= 5:
        return f" (transformers {version('transformers')} here has no TensorFlow support)"
    return " (or `BertForPreTraining.from_pretrained(folder, from_tf=True)` with TensorFlow)"


@check("BD303")
def check_config(view: ModelView) -> Iterator[Finding]:
    folder = view.folder
    assert folder is not None
    cfg = folder / "config.json"
    if view.config_error:
        yield Finding.of(
            "BD303",
            f"{view.shown(cfg)} {view.config_error}: AutoConfig cannot read it",
            locations=[Location(view.shown(cfg), view.config_line)],
            fix="restore config.json from the checkpoint (or `model.config.save_pretrained(...)`)",
        )
        return
    if not cfg.is_file():
        if view.tf_files:
            return  # BD307 says what to do
        tf = (folder / "bert_config.json").is_file()
        hint = (
            'copy bert_config.json to config.json and add "model_type": "bert"'
            if tf
            else "save the config with the weights: `model.save_pretrained(folder)` writes it"
        )
        yield Finding.of(
            "BD303",
            f"{view.shown(folder)} has no config.json"
            + (" (only bert_config.json, the original Google name)" if tf else "")
            + ': from_pretrained fails with "does not appear to have a file named config.json"',
            fix=hint,
        )
        return
    model_type = view.model_type
    if model_type is None:
        yield Finding.of(
            "BD303",
            f'{view.shown(cfg)} has no "model_type": AutoConfig guesses from the folder name, '
            'or fails with "Unrecognized model"',
            locations=[Location(view.shown(cfg))],
            fix='add "model_type": "bert" (or the model\'s real type) to config.json',
            severity=Severity.WARNING,
        )
    elif model_type not in BASE_PREFIX:
        yield Finding.of(
            "BD303",
            f"{view.shown(cfg)} has model_type {model_type!r}, not a BERT-family model: "
            "bertdoctor's checks and BERT training code assume BERT's inputs and weights",
            locations=[Location(view.shown(cfg))],
            fix="check that this is the checkpoint you meant to fine-tune",
            severity=Severity.WARNING,
        )


@check("BD304", "BD314")
def check_weights(view: ModelView) -> Iterator[Finding]:
    folder = view.folder
    assert folder is not None
    if not view.weights:
        if view.tf_files:
            return  # BD307
        stray = sorted(p.name for p in folder.iterdir() if p.suffix in (".pt", ".pth", ".ckpt"))
        extra = f" ({', '.join(stray)} are not names from_pretrained looks for)" if stray else ""
        yield Finding.of(
            "BD304",
            f"{view.shown(folder)} has no weights file (model.safetensors, pytorch_model.bin, "
            f"or an index of shards){extra}: from_pretrained fails, or a model built from the "
            "config alone starts from random weights",
            fix="save the model with `model.save_pretrained(folder)`, or copy the weights file "
            "of the checkpoint into the folder",
        )
        return
    for wf in view.weights:
        if wf.problem:
            yield Finding.of(
                "BD304",
                f"{view.shown(wf.path)} {wf.problem}",
                locations=[Location(view.shown(wf.path))],
                fix=wf.fix,
            )
    kinds = {w.kind for w in view.weights}
    if "pickle" in kinds and "safetensors" not in kinds:
        pickles = [w for w in view.weights if w.kind == "pickle"]
        yield Finding.of(
            "BD314",
            f"{view.shown(pickles[0].path)} is the only weights file: loading a pickle can run "
            "code from the file, and transformers refuses .bin files with torch < 2.6",
            locations=[Location(view.shown(pickles[0].path))],
            fix="from a trusted copy, convert once: `AutoModel.from_pretrained(folder)"
            ".save_pretrained(folder)` writes model.safetensors; load your own files with "
            "`torch.load(path, weights_only=True)`",
        )


@check("BD302", "BD305")
def check_tokenizer(view: ModelView) -> Iterator[Finding]:
    folder = view.folder
    assert folder is not None
    pieces, problem, path = vocab_pieces(folder)
    if problem:
        yield Finding.of(
            "BD302",
            f"{view.shown(folder)}: {problem}: AutoTokenizer.from_pretrained fails (\"Can't load "
            "tokenizer\" / \"couldn't find such vocabulary files named ['vocab.txt']\")",
            locations=[Location(view.shown(path))] if path else [],
            fix="copy vocab.txt (and tokenizer_config.json) from the checkpoint the model was "
            "fine-tuned from, or save it with `tokenizer.save_pretrained(folder)`",
        )
        return
    if not pieces:
        return
    tokens = len(pieces)
    vocab_size = (view.config or {}).get("vocab_size")
    rows = _embedding_rows(view)
    loc = [Location(view.shown(path))] if path else []
    if rows is not None and tokens > rows:
        yield Finding.of(
            "BD305",
            f"the tokenizer ({path.name if path else '?'}) has {tokens} pieces but the "
            f"embedding matrix has {rows} rows: ids {rows}..{tokens - 1} are out of range "
            "(IndexError: index out of range in self; on the GPU a device-side assert)",
            locations=loc,
            fix=f"call `model.resize_token_embeddings({tokens})` after adding tokens, and save "
            "the model; or use the tokenizer files the weights were trained with",
        )
    elif rows is None and isinstance(vocab_size, int) and tokens > vocab_size:
        yield Finding.of(
            "BD305",
            f"the tokenizer has {tokens} pieces but config.json says vocab_size={vocab_size}: "
            f"ids {vocab_size}..{tokens - 1} have no embedding row",
            locations=loc,
            fix=f"`model.resize_token_embeddings({tokens})`, or use the matching vocab.txt",
        )
    if rows is not None and isinstance(vocab_size, int) and rows != vocab_size:
        yield Finding.of(
            "BD305",
            f"config.json says vocab_size={vocab_size} but the embedding matrix in the weights "
            f'has {rows} rows: from_pretrained fails with "size mismatch for '
            'embeddings.word_embeddings.weight"',
            locations=[Location(view.shown(folder / "config.json"))],
            fix=f'set "vocab_size": {rows} in config.json (the weights decide)',
        )


def _embedding_rows(view: ModelView) -> int | None:
    for name, t in view.tensors.items():
        if name.endswith("embeddings.word_embeddings.weight") and t.shape:
            return t.shape[0]
    return None


def _classifier(view: ModelView) -> tuple[str, Tensor] | None:
    tensors = view.tensors
    for name in CLASSIFIER_NAMES:
        if name in tensors and tensors[name].shape:
            return name, tensors[name]
    return None


def _fine_tuned(view: ModelView) -> tuple[bool, str]:
    from ..modelinfo import label_list

    labels = label_list(view.config or {})
    archs = [a for a in view.architectures if a.endswith("Classification")]
    if labels:
        shown = ", ".join(labels[:6]) + (", ..." if len(labels) > 6 else "")
        return True, f"its config names the labels ({shown})"
    if archs:
        return True, f"its architecture is {archs[0]}"
    return False, "its labels are only the generic LABEL_0, LABEL_1, ..."


def _config_location(view: ModelView) -> list[Location]:
    return [Location(view.shown(view.folder / "config.json"))] if view.folder else []


@check("BD306")
def check_head_consistency(view: ModelView) -> Iterator[Finding]:
    """The checkpoint's own classifier against its config, and against the task."""
    config = view.config or {}
    head = _classifier(view)
    id2label = config.get("id2label") or {}
    config_labels = len(id2label) if id2label else config.get("num_labels")
    cfg_loc = _config_location(view)
    if head and isinstance(config_labels, int) and head[1].shape[0] != config_labels:
        yield Finding.of(
            "BD306",
            f"config.json has {config_labels} labels but {head[0]} has {head[1].shape[0]} rows: "
            "the checkpoint contradicts itself, and from_pretrained fails with a size mismatch",
            locations=cfg_loc,
            fix=f"make id2label/label2id in config.json list the {head[1].shape[0]} labels the "
            "classifier was trained with",
        )
    archs = view.architectures
    if view.task and head:
        other = {"ner": "SequenceClassification", "cls": "TokenClassification"}[view.task]
        if any(a.endswith(other) for a in archs):
            yield Finding.of(
                "BD306",
                f"the checkpoint is a {archs[0]}, but the task is {view.task}: its classifier "
                "has the same tensor names, so it loads without a warning into a model trained "
                "for the other task",
                locations=cfg_loc,
                fix="start from the base model for this task, or use the checkpoint for the "
                "task it was fine-tuned for",
                severity=Severity.WARNING,
            )


@check("BD306")
def check_head_size(view: ModelView) -> Iterator[Finding]:
    """The checkpoint's classifier against --num-labels: re-initialised, harmless or not."""
    head = _classifier(view)
    if view.num_labels is None or head is None:
        return
    cfg_loc = _config_location(view)
    rows = head[1].shape[0]
    if rows == view.num_labels:
        return
    tuned, why = _fine_tuned(view)
    message = (
        f"{head[0]} in the checkpoint has {rows} outputs but the task has num_labels="
        f'{view.num_labels}: from_pretrained fails with "size mismatch for {head[0]}", or '
        "with ignore_mismatched_sizes=True re-initialises the classifier at random"
    )
    if tuned:
        yield Finding.of(
            "BD306",
            message + f"; this checkpoint is fine-tuned ({why}), so that throws its training away",
            locations=cfg_loc,
            fix=f"predict with the {rows} labels of config.json's id2label; to train on "
            f"{view.num_labels} labels start from the base model (e.g. bert-base-chinese)",
        )
    else:
        yield Finding.of(
            "BD306",
            message + f"; {why}, so the head was probably never trained: a new one is fine if "
            "you pass ignore_mismatched_sizes=True",
            locations=cfg_loc,
            fix=f"pass num_labels={view.num_labels}, id2label and label2id together with "
            "ignore_mismatched_sizes=True",
            severity=Severity.WARNING,
        )


@check("BD315")
def check_casing(view: ModelView) -> Iterator[Finding]:
    from ..modelinfo import is_lowercase

    folder = view.folder
    assert folder is not None
    pieces, problem, path = vocab_pieces(folder)
    if problem or not pieces or path is None:
        return
    try:
        lower = is_lowercase(folder)
    except DoctorError:
        return
    words = [p.removeprefix("##") for p in pieces if not (p.startswith("[") and p.endswith("]"))]
    latin = [w for w in words if re.search(r"[A-Za-z]", w)]
    upper = [w for w in latin if re.search(r"[A-Z]", w)]
    if len(latin) < 50:
        return  # a Chinese or other non-Latin vocabulary: casing tells nothing
    share = len(upper) / len(latin)
    name = (view.hub_id or folder.name).lower()
    setting = _casing_setting(folder)
    if lower and share > 0.05:
        yield Finding.of(
            "BD315",
            f"{setting} lower-cases the text, but the vocabulary is cased ({len(upper)} of "
            f"{len(latin)} Latin pieces have capitals, e.g. {', '.join(upper[:3])})"
            + (" and the name says cased" if "cased" in name and "uncased" not in name else "")
            + ": capitals the model was pre-trained with never reach it",
            locations=[Location(view.shown(folder / "tokenizer_config.json"))],
            fix='set "do_lower_case": false in tokenizer_config.json (and drop '
            "do_lower_case=True from from_pretrained)",
        )
    elif not lower and not upper:
        yield Finding.of(
            "BD315",
            f"{setting} keeps the case, but the vocabulary is uncased (none of its "
            f"{len(latin)} Latin pieces has a capital)"
            + (" and the name says uncased" if "uncased" in name else "")
            + ": every capitalised word becomes [UNK] or rare pieces",
            locations=[Location(view.shown(folder / "tokenizer_config.json"))],
            fix='set "do_lower_case": true in tokenizer_config.json (and drop '
            "do_lower_case=False from from_pretrained)",
        )


def _casing_setting(folder: Path) -> str:
    from ..modelinfo import read_tokenizer_config

    try:
        cfg = read_tokenizer_config(folder)
    except DoctorError:
        cfg = {}
    if "do_lower_case" in cfg:
        return f"tokenizer_config.json (do_lower_case={str(cfg['do_lower_case']).lower()})"
    return "the tokenizer"


@check("BD316")
def check_encoder_names(view: ModelView) -> Iterator[Finding]:
    tensors = view.tensors
    if not tensors or not view.config or view.model_type not in BASE_PREFIX:
        return
    base = BASE_PREFIX[view.model_type]
    names = list(tensors)
    emb = next((n for n in names if n.endswith("embeddings.word_embeddings.weight")), None)
    loc = [Location(view.shown(view.weights[0].path))]
    harmless = (
        'transformers only warns ("Some weights ... were not initialized from the model '
        'checkpoint ... newly initialized"; in 5.x listed as MISSING in the load report)'
    )
    if emb is None:
        yield Finding.of(
            "BD316",
            f"the weights have no {view.model_type} embeddings (first names: "
            f"{', '.join(names[:3])}): they belong to another architecture; {harmless}, and "
            "the whole encoder starts from random weights: not harmless",
            locations=loc,
            fix="use the weights of the model config.json describes, or the config of these "
            "weights",
        )
        return
    prefix = emb[: -len("embeddings.word_embeddings.weight")]
    if prefix in ("", f"{base}."):
        yield from _missing_layers(view, prefix, harmless, loc)
        return
    cause = (
        "a `module.` prefix left by torch.nn.DataParallel / DistributedDataParallel"
        if prefix.startswith("module.")
        else f"the prefix {prefix!r} of a wrapper module"
        if prefix.rstrip(".").split(".")[-1] in (base, "model", "encoder", "bert_model")
        or prefix.startswith("model.")
        else f"the prefix {prefix!r} of another model type (transformers expects "
        f"{base + '.'!r} for {view.model_type})"
    )
    count = sum(1 for n in names if n.startswith(prefix))
    strip = prefix.removesuffix(f"{base}.") or prefix
    yield Finding.of(
        "BD316",
        f"{count} of {len(names)} tensors start with {prefix!r} ({emb}), {cause}: none of them "
        f"load into a {view.model_type} model; {harmless}, and it is NOT harmless here: the "
        "embeddings and encoder start from random weights",
        locations=loc,
        fix=f"re-save the unwrapped model (`model.module.save_pretrained(folder)`), or rename "
        f"the keys once: `{{k.removeprefix({strip!r}): v for k, v in state_dict.items()}}` "
        f"then save with prefix {base + '.'!r} or none",
    )


def _missing_layers(
    view: ModelView, prefix: str, harmless: str, loc: list[Location]
) -> Iterator[Finding]:
    layers = {
        int(m.group(1))
        for n in view.tensors
        if (m := re.match(re.escape(prefix) + r"encoder\.layer\.(\d+)\.", n))
    }
    want = (view.config or {}).get("num_hidden_layers")
    if isinstance(want, int) and layers and max(layers) + 1 < want:
        yield Finding.of(
            "BD316",
            f"config.json has num_hidden_layers={want} but the weights hold layers 0-"
            f"{max(layers)} only: layers {max(layers) + 1}-{want - 1} would be newly initialised; "
            f"{harmless}, and it is NOT harmless: those layers are random",
            locations=loc,
            fix=f'set "num_hidden_layers": {max(layers) + 1} in config.json',
        )
    if view.num_labels is not None and _classifier(view) is None:
        yield Finding.of(
            "BD316",
            "the weights have no classifier: a task model built from them gets a new, random "
            f"classifier ({view.num_labels} outputs); transformers' \"newly initialized: "
            "['classifier.bias', 'classifier.weight']\" warning is harmless here: training "
            "learns the head",
            locations=loc,
            severity=Severity.INFO,
        )


CHECKS_FOLDER = (check_tensorflow, check_config, check_weights, check_tokenizer,
                 check_head_consistency, check_head_size, check_casing,
                 check_encoder_names)  # fmt: skip


# ---------------------------------------------------------------------------- entry point


def check_model_report(
    path_or_id: str,
    *,
    script: str | None = None,
    task: str | None = None,
    num_labels: int | None = None,
    cwd: str | None = None,
) -> Report:
    """Checks a model folder or Hub id without loading the model (the check-model command)."""
    if task not in (None, "ner", "cls"):
        raise DoctorError(f"--task {task!r}: expected ner or cls")
    if num_labels is not None and num_labels < 1:
        raise DoctorError(f"--num-labels {num_labels}: expected 1 or more")
    here = Path(cwd) if cwd else Path.cwd()
    script_path = None
    if script:
        script_path = (here / Path(script).expanduser()).resolve()
        if not script_path.is_file():
            raise DoctorError(f"--script {script}: no such file")
    view = ModelView(path_or_id, here.resolve(), script_path, task, num_labels)
    locate(view)
    findings = run_checks([check_path], view)
    if view.folder is not None:
        read_folder(view)
        findings += run_checks(CHECKS_FOLDER, view)
    return Report("check-model", [_section(view, findings)])


def _section(view: ModelView, findings: list[Finding]) -> Section:
    title = f"Model: {view.argument.strip()}"
    lines: list[str] = []
    data: dict[str, Any] = {
        "argument": view.argument,
        "folder": str(view.folder) if view.folder else None,
    }
    if view.folder is None:
        return Section(title, "not found", findings, data=data)
    if view.cached_snapshot is not None:
        lines.append(f"Hub cache: {view.cached_snapshot}")
        data["cached_snapshot"] = str(view.cached_snapshot)
    cfg = view.config or {}
    if cfg:
        desc = (
            f"config: {cfg.get('model_type', '?')}, {cfg.get('num_hidden_layers', '?')} layers, "
            f"hidden {cfg.get('hidden_size', '?')}, vocab_size {cfg.get('vocab_size', '?')}, "
            f"max_position_embeddings {cfg.get('max_position_embeddings', '?')}"
        )
        lines.append(desc)
        data["config"] = {k: cfg.get(k) for k in ("model_type", "architectures", "vocab_size",
                          "num_hidden_layers", "hidden_size", "type_vocab_size",
                          "max_position_embeddings", "id2label")}  # fmt: skip
    for wf in view.weights:
        dtypes = sorted({t.dtype for t in wf.tensors.values()})
        state = (
            wf.problem and "unreadable" or f"{plural(len(wf.tensors), 'tensor')} {'/'.join(dtypes)}"
        )
        lines.append(f"weights: {wf.path.name} ({_mb(wf.size)}, {state})")
    data["weights"] = [
        {"file": str(w.path), "kind": w.kind, "bytes": w.size, "tensors": len(w.tensors),
         "problem": w.problem} for w in view.weights
    ]  # fmt: skip
    pieces, _, path = vocab_pieces(view.folder)
    if pieces and path is not None:
        lines.append(f"tokenizer: {path.name}, {len(pieces)} pieces")
        data["tokenizer_pieces"] = len(pieces)
    head = _classifier(view)
    if head:
        lines.append(f"classifier: {head[0]} {list(head[1].shape)}")
        data["classifier_outputs"] = head[1].shape[0]
    n = len(view.weights)
    summary = f"{view.shown(view.folder)}: {plural(n, 'weights file')}"
    from rich.markup import escape

    return Section(title, summary, findings, [escape(line) for line in lines], data)
