"""The judgement of `bertdoctor check-env`: small checks over the readings of ``envinfo``.

Every check reads an ``EnvView`` (the readings dict with typed accessors), so readings collected
on another machine (``--from env.json``) are judged exactly like readings taken here. Nothing
here imports torch.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Finding, Report, Section, Severity, plural
from ..runner import check, run_checks

Version = tuple[int, ...]
INDEX = "https://download.pytorch.org/whl"

# NVIDIA's minimum driver per CUDA toolkit (CUDA Toolkit Release Notes, "CUDA Toolkit and
# Corresponding Driver Versions": the first release of each minor version), Linux and Windows.
TOOLKIT_DRIVER = {
    (10, 0): ("410.48", "411.31"),
    (10, 1): ("418.39", "418.96"),
    (10, 2): ("440.33", "441.22"),
    (11, 0): ("450.36.06", "451.22"),
    (11, 1): ("455.23", "456.38"),
    (11, 2): ("460.27.03", "460.82"),
    (11, 3): ("465.19.01", "465.89"),
    (11, 4): ("470.42.01", "471.11"),
    (11, 5): ("495.29.05", "496.04"),
    (11, 6): ("510.39.01", "511.23"),
    (11, 7): ("515.43.04", "516.01"),
    (11, 8): ("520.61.05", "520.06"),
    (12, 0): ("525.60.13", "527.41"),
    (12, 1): ("530.30.02", "531.14"),
    (12, 2): ("535.54.03", "536.25"),
    (12, 3): ("545.23.06", "545.84"),
    (12, 4): ("550.54.14", "551.61"),
    (12, 5): ("555.42.02", "555.85"),
    (12, 6): ("560.28.03", "560.76"),
    (12, 8): ("570.26", "570.65"),
    (12, 9): ("575.51.03", "576.02"),
    (13, 0): ("580.65.06", "580.88"),
    # Linux: the driver bundled with the toolkit; Windows: not known here, so the judgement
    # falls back to the newest minor with a Windows floor and says so.
    (13, 1): ("590.44.01", None),
    (13, 2): ("595.45.04", None),
}
# The floor of CUDA minor-version compatibility: any 12.x runtime runs on >= 525.60.13 (Linux),
# except features that need a newer driver (PTX JIT of newer PTX among them).
MINOR_COMPAT_DRIVER = {
    11: ("450.80.02", "452.39"),
    12: ("525.60.13", "527.41"),
    13: ("580.65.06", "580.88"),
}
# PyTorch's published CUDA wheels (download.pytorch.org/whl/<tag>) and the architectures their
# x86_64 builds carry (older tags serve older torch releases; from cu126 on, as torch 2.13's own
# PYTORCH_RELEASES_CODE_CC in torch/cuda/__init__.py lists them).
WHEELS: tuple[tuple[str, tuple[int, int], frozenset[int]], ...] = (
    ("cu102", (10, 2), frozenset({37, 50, 60, 70})),
    ("cu113", (11, 3), frozenset({37, 50, 60, 70, 75, 80, 86})),
    ("cu116", (11, 6), frozenset({37, 50, 60, 70, 75, 80, 86})),
    ("cu118", (11, 8), frozenset({50, 60, 70, 75, 80, 86, 90})),
    ("cu121", (12, 1), frozenset({50, 60, 70, 75, 80, 86, 90})),
    ("cu124", (12, 4), frozenset({50, 60, 70, 75, 80, 86, 90})),
    ("cu126", (12, 6), frozenset({50, 60, 70, 75, 80, 86, 90})),
    ("cu128", (12, 8), frozenset({75, 80, 86, 90, 100, 120})),
    ("cu129", (12, 9), frozenset({75, 80, 86, 90, 100, 120})),
    ("cu130", (13, 0), frozenset({75, 80, 86, 90, 100, 120})),
    ("cu132", (13, 2), frozenset({75, 80, 86, 90, 100, 120})),
)


# ---- torch's own rule for "this build has kernels for this GPU" ---------------------------------
# Mirrors torch.cuda._code_compatible_with_device (torch 2.13): code built for sm_XY runs on a
# device of the same major version and a minor >= Y, except the integrated GPUs (Jetson: 5.3,
# 6.2, 7.2, 8.7) and 10.1, which only run code built for them.
_ONLY = {53: {53}, 62: {62}, 72: {72}, 87: {87}, 101: {101, 110}}
_EXCLUDE = {50: {53}, 52: {53}, 60: {62}, 61: {62}, 70: {72}, 80: {87}, 86: {87}, 100: {101}}


def code_runs_on(code_cc: int, device_cc: int) -> bool:
    if code_cc in _ONLY:
        return device_cc in _ONLY[code_cc]
    if device_cc in _EXCLUDE.get(code_cc, ()):
        return False
    return device_cc // 10 == code_cc // 10 and device_cc % 10 >= code_cc % 10


def arch_number(arch: str) -> int | None:
    """``sm_86`` -> 86, ``compute_90a`` -> 90, as torch's _extract_arch_version."""
    try:
        return int(arch.split("_", 1)[1].removesuffix("a").removesuffix("f"))
    except (IndexError, ValueError):
        return None


def ptx_runs_on(arch_list: list[str], device_cc: int) -> str | None:
    """A plain ``compute_XY`` (PTX) entry the driver can JIT-compile for a newer GPU."""
    for arch in arch_list:
        if arch.startswith("compute_") and arch[-1].isdigit():
            number = arch_number(arch)
            if number is not None and number <= device_cc:
                return arch
    return None


# ---- the readings, typed -------------------------------------------------------------------------


@dataclass(frozen=True)
class Gpu:
    index: int
    name: str
    capability: str | None
    memory_total_mib: int | None
    memory_used_mib: int | None

    @property
    def cc(self) -> int | None:
        """Compute capability as torch writes it: 8.6 -> 86, 12.0 -> 120."""
        try:
            major, minor = (int(p) for p in str(self.capability).split("."))
        except ValueError:
            return None
        return major * 10 + minor

    @property
    def sm(self) -> str:
        return f"sm_{self.cc}" if self.cc is not None else "sm_?"

    @property
    def label(self) -> str:
        return f"GPU {self.index} {self.name}"


def parse_version(text: Any) -> Version | None:
    """A driver or CUDA version as integers: '450.80.02' -> (450, 80, 2)."""
    try:
        return tuple(int(p) for p in str(text).strip().split("."))
    except ValueError:
        return None


def dotted(version: Version) -> str:
    return ".".join(str(p) for p in version)


class EnvView:
    """Typed, forgiving access to a readings dict (readings from a file may lack keys)."""

    def __init__(self, readings: dict[str, Any]) -> None:
        self.raw = readings
        self.packages: dict[str, Any] = readings.get("packages") or {}
        self.torch: dict[str, Any] = readings.get("torch") or {}
        self.nvidia: dict[str, Any] | None = readings.get("nvidia")
        self.env: dict[str, Any] = readings.get("env") or {}
        self.requirements: dict[str, Any] = readings.get("requirements") or {}
        self.smoke: list[dict[str, Any]] | None = readings.get("smoke")
        self.platform = str(readings.get("platform") or "linux")
        # WSL reports the Windows driver, with Windows numbering.
        self.windows_driver = self.platform == "windows" or bool(readings.get("wsl"))

    @property
    def torch_version(self) -> str | None:
        return self.torch.get("version") or self.packages.get("torch")

    @property
    def torch_ok(self) -> bool:
        return bool(self.torch.get("version")) and not self.torch.get("import_error")

    @property
    def torch_cuda(self) -> Version | None:
        return parse_version(self.torch["cuda"]) if self.torch.get("cuda") else None

    @property
    def cpu_only_build(self) -> bool:
        return self.torch_ok and not self.torch.get("cuda") and not self.torch.get("hip")

    @property
    def gpus(self) -> list[Gpu]:
        """The GPUs as NVML sees them; torch's own list where NVML could not be read."""
        if not self.nvidia:
            return [
                Gpu(
                    int(d.get("index", i)),
                    str(d.get("name") or "NVIDIA GPU"),
                    d.get("capability"),
                    d.get("memory_total_mib"),
                    None,
                )
                for i, d in enumerate(self.torch.get("devices") or [])
            ]
        return [
            Gpu(
                int(g.get("index", i)),
                str(g.get("name") or "NVIDIA GPU"),
                g.get("capability"),
                g.get("memory_total_mib"),
                g.get("memory_used_mib"),
            )
            for i, g in enumerate(self.nvidia.get("gpus") or [])
        ]

    @property
    def driver(self) -> str | None:
        return (self.nvidia or {}).get("driver")

    @property
    def driver_os(self) -> str:
        return "Windows" if self.windows_driver else "Linux"

    def floor(self, table: dict, key: Any) -> str | None:
        linux, windows = table[key]
        return windows if self.windows_driver else linux

    @property
    def driver_max_cuda(self) -> Version | None:
        """The newest CUDA the driver runs: NVML's answer, else derived from NVIDIA's table."""
        reported = (self.nvidia or {}).get("cuda_driver")
        if reported and parse_version(reported):
            return parse_version(reported)[:2]
        driver = parse_version(self.driver)
        if driver is None:
            return None
        fits = [
            cuda
            for cuda in TOOLKIT_DRIVER
            if self.floor(TOOLKIT_DRIVER, cuda) is not None
            and parse_version(self.floor(TOOLKIT_DRIVER, cuda)) <= driver
        ]
        return max(fits) if fits else None


def toolkit_floor(view: EnvView, cuda: Version) -> tuple[str, Version]:
    """NVIDIA's floor for this CUDA minor, or for the newest listed minor below it (the
    second value says which minor the floor belongs to)."""
    listed = [c for c in TOOLKIT_DRIVER if view.floor(TOOLKIT_DRIVER, c) is not None]
    known = [c for c in listed if c[0] == cuda[0] and c <= cuda[:2]] or [
        c for c in listed if c <= cuda[:2]
    ]
    key = max(known) if known else min(listed)
    return str(view.floor(TOOLKIT_DRIVER, key)), key


def pick_wheel(driver_max: Version | None, device_ccs: list[int]) -> tuple[str, bool] | None:
    """The newest PyTorch CUDA wheel tag that has kernels for every GPU and that the driver
    runs: ``(tag, True)``; else the oldest tag with the kernels, which needs a newer driver:
    ``(tag, False)``; None when no published build has them."""

    def covers(archs: frozenset[int]) -> bool:
        return all(any(code_runs_on(c, d) for c in archs) for d in device_ccs)

    usable = [w for w in WHEELS if covers(w[2])]
    runnable = [w for w in usable if driver_max is None or w[1] <= driver_max[:2]]
    if runnable:
        return runnable[-1][0], True
    if usable:
        return usable[0][0], False
    return None


def install_torch(tag: str, *, reinstall: bool = True) -> str:
    first = "pip uninstall -y torch && " if reinstall else ""
    return f"{first}pip install torch --index-url {INDEX}/{tag}"


def wheel_fix(view: EnvView, reinstall: bool = True) -> str:
    """The install command for the torch that fits this driver and these GPUs."""
    ccs = [g.cc for g in view.gpus if g.cc is not None]
    picked = pick_wheel(view.driver_max_cuda, ccs)
    if picked is None:
        return "no published PyTorch CUDA build has kernels for this GPU; see pytorch.org"
    tag, runs = picked
    cmd = install_torch(tag, reinstall=reinstall)
    if runs:
        return cmd
    cuda = next(w[1] for w in WHEELS if w[0] == tag)
    floor, _ = toolkit_floor(view, cuda)
    return f"update the NVIDIA driver to >= {floor} ({view.driver_os}), then {cmd}"


def truthy(value: Any) -> bool:
    return str(value).strip().upper() in {"1", "ON", "YES", "TRUE"}


# ---- the checks ----------------------------------------------------------------------------------


@check("BD112")
def check_torch_imports(view: EnvView) -> Iterator[Finding]:
    installed = view.packages.get("torch")
    error = view.torch.get("import_error")
    if installed is None and not view.torch.get("version"):
        message = f"torch is not installed for {view.raw.get('python_executable') or 'Python'}"
        command, shadow = "python -m pip install torch", ""
    elif error:
        which = f"torch {installed}" if installed else "torch"
        message = f"{which} is installed but `import torch` failed: {error}"
        command = "python -m pip install --force-reinstall torch"
        shadow = "; rename any local file or folder named torch that shadows the package"
    else:
        return
    picked = pick_wheel(view.driver_max_cuda, [g.cc for g in view.gpus if g.cc is not None])
    tag = picked[0] if view.gpus and picked else "cpu"
    yield Finding.of(
        "BD112",
        message,
        fix=f"{command} --index-url {INDEX}/{tag}{shadow}",
        detail=view.torch.get("import_error_detail"),
    )


@check("BD101")
def check_cpu_torch_with_gpu(view: EnvView) -> Iterator[Finding]:
    gpus = view.gpus
    if not gpus or not view.cpu_only_build:
        return
    names = ", ".join(sorted({g.name for g in gpus}))
    cuda = view.driver_max_cuda
    yield Finding.of(
        "BD101",
        f"NVML sees {plural(len(gpus), 'NVIDIA GPU')} ({names}; driver {view.driver}"
        f"{f', CUDA {dotted(cuda)}' if cuda else ''}) but torch {view.torch_version} is a "
        "CPU-only build: training runs on the CPU",
        fix=wheel_fix(view),
    )


@check("BD102")
def check_driver_for_cuda(view: EnvView) -> Iterator[Finding]:
    need, have = view.torch_cuda, view.driver_max_cuda
    driver = parse_version(view.driver)
    if not view.gpus or need is None or have is None or driver is None or have >= need[:2]:
        return
    floor, listed = toolkit_floor(view, need)
    compat = MINOR_COMPAT_DRIVER.get(need[0])
    compat_floor = view.floor(MINOR_COMPAT_DRIVER, need[0]) if compat else None
    os_name = view.driver_os
    said = f"driver {view.driver} ({os_name}) supports CUDA {dotted(have)} at most"
    built = f"torch {view.torch_version} was built with CUDA {view.torch['cuda']}"
    if listed == need[:2]:
        exact, update = floor, f"update the NVIDIA driver to >= {floor} ({os_name})"
    else:  # NVIDIA's table here stops below this CUDA minor for this OS
        exact = f"more than {floor} (NVIDIA's floor for CUDA {dotted(listed)})"
        update = f"update the NVIDIA driver to a release for CUDA {dotted(need[:2])} or newer"
    fallback = pick_wheel(have, [g.cc for g in view.gpus if g.cc is not None])
    other = (
        f", or install a torch built for CUDA <= {dotted(have)}: {install_torch(fallback[0])}"
        if fallback and fallback[1]
        else ""
    )
    if have[0] < need[0] or (compat_floor and driver < parse_version(compat_floor)):
        also = f"; any CUDA {need[0]}.x runs on >= {compat_floor}" if compat_floor else ""
        yield Finding.of(
            "BD102",
            f"{said}; {built}, which needs driver >= {exact}{also}",
            fix=f"{update}{other}",
        )
        return
    yield Finding.of(
        "BD102",
        f"{said}; {built}, which needs driver >= {exact}. It runs through CUDA minor-version "
        f"compatibility (CUDA {need[0]}.x needs >= {compat_floor}), but PTX JIT compilation and "
        f"features newer than CUDA {dotted(have)} may fail",
        fix=f"{update}{other}",
        severity=Severity.WARNING,
    )


@check("BD103")
def check_gpu_arch(view: EnvView) -> Iterator[Finding]:
    archs = [a for a in view.torch.get("arch_list") or [] if isinstance(a, str)]
    if not view.torch_ok or view.torch_cuda is None or not archs:
        return
    codes = [c for c in (arch_number(a) for a in archs) if c is not None]
    for gpu in view.gpus:
        if gpu.cc is None or any(code_runs_on(code, gpu.cc) for code in codes):
            continue
        listed = " ".join(archs)
        picked = pick_wheel(view.driver_max_cuda, [gpu.cc])
        fix = (
            wheel_fix(view)
            if picked
            else (
                "no published PyTorch CUDA build has kernels for this GPU; pin an older torch "
                "release that lists it, or build torch from source with TORCH_CUDA_ARCH_LIST"
            )
        )
        base = (
            f"{gpu.label} is {gpu.sm} (compute capability {gpu.capability}); torch "
            f"{view.torch_version} has kernels for {listed}"
        )
        ptx = ptx_runs_on(archs, gpu.cc)
        if ptx:
            yield Finding.of(
                "BD103",
                f"{base}: no native kernels, only {ptx} PTX that the driver JIT-compiles at "
                "first use (slow start; newer PTX may fail)",
                fix=fix,
                severity=Severity.WARNING,
            )
        else:
            yield Finding.of(
                "BD103",
                f"{base}: every kernel fails with `no kernel image is available for execution "
                "on the device`",
                fix=fix,
            )


@check("BD104")
def check_cuda_available(view: EnvView) -> Iterator[Finding]:
    gpus = view.gpus
    if not gpus or not view.torch_ok or view.torch_cuda is None:
        return
    if view.torch.get("cuda_available") and (view.torch.get("device_count") or 0) > 0:
        return
    why = view.torch.get("cuda_error") or next(iter(view.torch.get("cuda_warnings") or []), None)
    why = first_sentence(why) if why else None
    visible = view.env.get("CUDA_VISIBLE_DEVICES")
    if visible is not None and hidden_gpus(visible, len(gpus)) is not None:
        fix = "unset CUDA_VISIBLE_DEVICES, or name a GPU that exists: export CUDA_VISIBLE_DEVICES=0"
    elif (need := view.torch_cuda) and view.driver_max_cuda and view.driver_max_cuda < need[:2]:
        fix = f"update the NVIDIA driver to >= {toolkit_floor(view, need)[0]} (see BD102)"
    else:
        fix = (
            "reboot after a driver update; in a container start it with `--gpus all`; "
            '`python -c "import torch; torch.cuda.init()"` shows CUDA\'s own error'
        )
    shown = "" if visible is None else f" (CUDA_VISIBLE_DEVICES={visible!r})"
    yield Finding.of(
        "BD104",
        f"torch {view.torch_version} is a CUDA {view.torch['cuda']} build and NVML sees "
        f"{plural(len(gpus), 'GPU')}, but torch.cuda.is_available() is "
        f"{bool(view.torch.get('cuda_available'))}{shown}" + (f": {why}" if why else ""),
        fix=fix,
        detail=view.torch.get("cuda_error_detail"),
    )


def first_sentence(text: str) -> str:
    """torch's CUDA warnings run to several sentences; the first names the cause."""
    import re

    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip(), maxsplit=1)[0]


def hidden_gpus(visible: str, count: int) -> str | None:
    """Why a CUDA_VISIBLE_DEVICES value hides GPUs, or None when it names real ones."""
    value = visible.strip()
    if value in ("", "-1", "NoDevFiles", "none"):
        return "hides every GPU"
    for item in (v.strip() for v in value.split(",")):
        if item.lstrip("-").isdigit() and (int(item) < 0 or int(item) >= count):
            seen = f"GPUs 0-{count - 1}" if count > 1 else "GPU 0" if count else "no GPU"
            return f"names GPU {item}, but NVML sees {seen}: CUDA ignores it and all after it"
    return None


@check("BD105")
def check_companions(view: EnvView) -> Iterator[Finding]:
    torch_version = view.packages.get("torch") or view.torch.get("version")
    if not torch_version:
        return
    torch_v = pep440(torch_version)
    if torch_v is None:
        return
    for name in ("torchvision", "torchaudio"):
        version = view.packages.get(name)
        if not version:
            continue
        problems = []
        for spec in torch_specifiers(view.requirements.get(name) or [], extra=None):
            if not spec.contains(torch_v, prereleases=True):
                problems.append(f"requires torch{spec}")
        local, torch_local = local_tag(version), local_tag(torch_version)
        if local and torch_local and local != torch_local:
            problems.append(
                f"is built for {describe_tag(local)}, torch for {describe_tag(torch_local)}"
            )
        if not problems:
            continue
        index = f" --index-url {INDEX}/{torch_local}" if torch_local else ""
        yield Finding.of(
            "BD105",
            f"{name} {version} {' and '.join(problems)}; installed torch {torch_version}",
            fix=f'pip install "torch=={torch_v.public}" {name}{index} (pip picks the matching '
            f"{name}), or `pip uninstall -y {name}` if the project does not use it",
        )


def pep440(text: str) -> Any:
    """A packaging Version, or None for a version string PEP 440 cannot read."""
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text)
    except InvalidVersion:
        return None


def local_tag(version: str) -> str | None:
    """'2.5.1+cu121' -> 'cu121'; None for a PyPI build without a local label."""
    return version.partition("+")[2].lower() or None


def describe_tag(tag: str) -> str:
    if tag.startswith("cu") and tag[2:].isdigit():
        return f"CUDA {tag[2:-1]}.{tag[-1]} (+{tag})"
    return "the CPU (+cpu)" if tag == "cpu" else f"+{tag}"


def torch_specifiers(requirements: list[str], *, extra: str | None) -> list[Any]:
    """The specifier sets these Requires-Dist lines put on torch, for a plain install (extra
    None) or for ``pkg[extra]``."""
    from packaging.requirements import InvalidRequirement, Requirement

    found = []
    for line in requirements:
        try:
            req = Requirement(line)
        except InvalidRequirement:
            continue
        if req.name.lower() != "torch" or not str(req.specifier):
            continue
        if req.marker is not None and not req.marker.evaluate({"extra": extra or ""}):
            continue
        if all(str(req.specifier) != str(s) for s in found):
            found.append(req.specifier)
    return found


@check("BD106")
def check_transformers_torch(view: EnvView) -> Iterator[Finding]:
    transformers = view.packages.get("transformers")
    torch_version = view.packages.get("torch") or view.torch.get("version")
    if not transformers or not torch_version:
        return
    torch_v = pep440(torch_version)
    if torch_v is None:
        return
    # transformers declares torch under its "torch" extra (pip install "transformers[torch]").
    for spec in torch_specifiers(view.requirements.get("transformers") or [], extra="torch"):
        if spec.contains(torch_v, prereleases=True):
            continue
        tag = local_tag(torch_version)
        index = f" --index-url {INDEX}/{tag}" if tag else ""
        yield Finding.of(
            "BD106",
            f"transformers {transformers} requires torch{spec} (its own metadata, extra "
            f'"torch"); installed torch {torch_version}',
            fix=f'pip install "torch{spec}"{index}, or pin a transformers release that '
            f"supports torch {torch_v.public}",
        )
        return


@check("BD107")
def check_gpu_memory(view: EnvView) -> Iterator[Finding]:
    gpus = view.gpus
    for gpu in gpus:
        total, used = gpu.memory_total_mib, gpu.memory_used_mib
        if not total or used is None or used / total < BUSY_SHARE:
            continue
        idle = [
            g.index
            for g in gpus
            if g is not gpu
            and g.memory_total_mib
            and (g.memory_used_mib or 0) / g.memory_total_mib < BUSY_SHARE
        ]
        other = f", or use an idle GPU: CUDA_VISIBLE_DEVICES={idle[0]}" if idle else ""
        yield Finding.of(
            "BD107",
            f"{gpu.label}: {used:,} MiB of {total:,} MiB already used ({used / total:.0%}) "
            "before training starts",
            fix=f"`nvidia-smi` lists the processes holding it; end them (restart a notebook "
            f"kernel, a finished run){other}",
        )


BUSY_SHARE = 0.5


@check("BD108")
def check_smoke(view: EnvView) -> Iterator[Finding]:
    names = {g.index: g.name for g in view.gpus}
    tag = local_tag(view.torch_version or "") or "cu128"
    fix = (
        f"pip install --force-reinstall torch --index-url {INDEX}/{tag}; look for Xid errors in "
        "`dmesg` (Linux) or the event log (Windows); train with --device cpu until the GPU passes"
    )
    for result in view.smoke or []:
        index = result.get("index")
        where = f"GPU {index} {names.get(index, '')}".rstrip() if index is not None else "the GPU"
        for problem in smoke_problems(result):
            yield Finding.of("BD108", f"{where}: {problem}", fix=fix)


SMOKE_TOLERANCE = {"matmul_rel_diff": 1e-2, "autocast_rel_diff": 5e-2}


def smoke_problems(result: dict[str, Any]) -> list[str]:
    """What went wrong in one GPU's smoke test (empty when it passed)."""
    if result.get("error") or not result.get("ok", True):
        return [f"the smoke test failed: {result.get('error') or 'no result'}"]
    problems = []
    for key, tolerance in SMOKE_TOLERANCE.items():
        diff = result.get(key)
        if diff is not None and not float(diff) <= tolerance:  # NaN and inf fail too
            what = (
                "the 256x256 matmul"
                if key.startswith("matmul")
                else f"the {result.get('autocast_dtype', 'float16')} autocast linear step"
            )
            problems.append(
                f"{what} differs from the CPU result by {float(diff):.3g} (relative; "
                f"tolerance {tolerance:g})"
            )
    if result.get("grad_finite") is False:
        problems.append("the autocast backward gave inf/NaN gradients")
    return problems


@check("BD109")
def check_bf16(view: EnvView) -> Iterator[Finding]:
    for gpu in view.gpus:
        if gpu.cc is None or gpu.cc >= 80:
            continue
        yield Finding.of(
            "BD109",
            f"{gpu.label} ({gpu.sm}) has no bfloat16: bf16=True fails or runs emulated",
            fix="use fp16 with a gradient scaler: TrainingArguments(fp16=True), or "
            'torch.autocast("cuda", dtype=torch.float16) with torch.amp.GradScaler("cuda")',
        )


@check("BD110")
def check_env_vars(view: EnvView) -> Iterator[Finding]:
    env = view.env
    if truthy(env.get("CUDA_LAUNCH_BLOCKING")):
        yield Finding.of(
            "BD110",
            f"CUDA_LAUNCH_BLOCKING={env['CUDA_LAUNCH_BLOCKING']}: every CUDA kernel waits for "
            "the previous one; training runs several times slower",
            fix="unset CUDA_LAUNCH_BLOCKING (keep it for locating a device-side assert only)",
        )
    visible = env.get("CUDA_VISIBLE_DEVICES")
    why = hidden_gpus(visible, len(view.gpus)) if visible is not None else None
    if why:
        yield Finding.of(
            "BD110",
            f"CUDA_VISIBLE_DEVICES={visible!r} {why}",
            fix="unset CUDA_VISIBLE_DEVICES, or name a GPU: export CUDA_VISIBLE_DEVICES=0",
            severity=None if view.gpus else Severity.INFO,
        )
    if truthy(env.get("PYTORCH_NO_CUDA_MEMORY_CACHING")):
        yield Finding.of(
            "BD110",
            "PYTORCH_NO_CUDA_MEMORY_CACHING=1: every tensor allocation goes to cudaMalloc, "
            "which is much slower",
            fix="unset PYTORCH_NO_CUDA_MEMORY_CACHING (a debugging switch for memory checkers)",
        )
    offline = [
        n
        for n in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")
        if truthy(env.get(n))
    ]
    if offline:
        cache = env.get("HF_HOME") or "~/.cache/huggingface"
        yield Finding.of(
            "BD110",
            f"{', '.join(f'{n}={env[n]}' for n in offline)}: from_pretrained loads only models "
            f"already in the Hub cache ({cache}) or saved in a folder; an uncached model id "
            "fails with `We couldn't connect to 'https://huggingface.co'`",
            fix='load from a folder (from_pretrained("./bert-base-chinese")), or unset '
            f"{offline[0]} once to download the model",
            severity=Severity.INFO,
        )


@check("BD111")
def check_nccl(view: EnvView) -> Iterator[Finding]:
    # torch's count honours CUDA_VISIBLE_DEVICES; NVML's is every GPU in the machine
    available = view.torch.get("cuda_available")
    count = int(view.torch.get("device_count") or 0) if available else len(view.gpus)
    if count < 2 or not view.torch_ok or view.torch_cuda is None:
        return
    if view.torch.get("nccl") or view.torch.get("nccl_distributed"):
        return
    where = " (Windows builds of torch never have NCCL)" if view.platform == "windows" else ""
    fix = (
        (
            'use the gloo backend: torch.distributed.init_process_group("gloo"), or train on '
            "one GPU: CUDA_VISIBLE_DEVICES=0"
        )
        if view.platform == "windows"
        else (f"install the official CUDA build, which ships NCCL: {wheel_fix(view)}")
    )
    yield Finding.of(
        "BD111",
        f"{plural(count, 'GPU')} but torch {view.torch_version} has no NCCL{where}: "
        "DistributedDataParallel and torchrun fail with `Distributed package doesn't have NCCL`",
        fix=fix,
    )


@check("BD113")
def check_pynvml_package(view: EnvView) -> Iterator[Finding]:
    version = view.packages.get("pynvml")
    if not version:
        return
    beside = view.packages.get("nvidia-ml-py")
    yield Finding.of(
        "BD113",
        f"the deprecated pynvml {version} distribution is installed"
        + (f" beside nvidia-ml-py {beside}; both write the module pynvml" if beside else ""),
        fix="pip uninstall -y pynvml && pip install --force-reinstall nvidia-ml-py",
    )


CHECKS = (
    check_torch_imports,
    check_cpu_torch_with_gpu,
    check_driver_for_cuda,
    check_gpu_arch,
    check_cuda_available,
    check_companions,
    check_transformers_torch,
    check_gpu_memory,
    check_smoke,
    check_bf16,
    check_env_vars,
    check_nccl,
    check_pynvml_package,
)


# ---- the report ----------------------------------------------------------------------------------


def summarize(view: EnvView) -> str:
    """`torch 2.13.0+cpu, transformers 5.23.0, no NVIDIA GPU`."""
    if view.torch_ok:
        torch = f"torch {view.torch_version}"
    elif view.packages.get("torch"):
        torch = f"torch {view.packages['torch']} (import fails)"
    else:
        torch = "no torch"
    parts = [torch]
    if view.packages.get("transformers"):
        parts.append(f"transformers {view.packages['transformers']}")
    gpus = view.gpus
    if not gpus:
        parts.append("no NVIDIA GPU")
    else:
        names = {}
        for g in gpus:
            names[g.name] = names.get(g.name, 0) + 1
        shown = ", ".join(f"{n}" + (f" ×{c}" if c > 1 else "") for n, c in names.items())
        parts.append(f"{plural(len(gpus), 'GPU')}: {shown}")
        if view.driver:
            parts.append(f"driver {view.driver}")
    return ", ".join(parts)


def describe(view: EnvView) -> list[str]:
    """A few lines for people: the GPUs and what torch makes of them."""
    from rich.markup import escape

    lines = []
    cuda = view.torch.get("cuda")
    if view.torch_ok:
        build = (
            f"a CUDA {cuda} build, torch.cuda.is_available(): "
            f"{bool(view.torch.get('cuda_available'))}"
            if cuda
            else "a CPU-only build"
        )
        lines.append(f"Python {view.raw.get('python')} on {view.platform}; torch is {build}")
    if view.nvidia:
        cuda_driver = view.nvidia.get("cuda_driver")
        lines.append(
            f"NVIDIA driver {view.driver}" + (f" (CUDA {cuda_driver})" if cuda_driver else "")
        )
    for g in view.gpus:
        memory = (
            f"{g.memory_used_mib:,} / {g.memory_total_mib:,} MiB used"
            if g.memory_total_mib is not None and g.memory_used_mib is not None
            else ""
        )
        lines.append(f"GPU {g.index}  {g.name}  {g.sm}  {memory}".rstrip())
    passed = [r for r in view.smoke or [] if not smoke_problems(r)]
    if passed:
        lines.append(
            f"smoke test passed on {plural(len(passed), 'GPU')} (matmul, "
            f"{passed[0].get('autocast_dtype', 'float16')} autocast step)"
        )
    return [escape(line) for line in lines]


def check_env_findings(readings: dict[str, Any]) -> list[Finding]:
    return run_checks(CHECKS, EnvView(readings))


def check_env_report(readings: dict[str, Any] | None = None, *, smoke: bool = True) -> Report:
    """Judges readings (collected here when None) and returns the Environment section."""
    from ..envinfo import collect_readings, validate_readings

    if readings is None:
        readings = collect_readings(smoke=smoke)
    else:
        validate_readings(readings)
        if not smoke:
            readings = {**readings, "smoke": None}
    view = EnvView(readings)
    section = Section(
        "Environment",
        summary=summarize(view),
        findings=check_env_findings(readings),
        lines=describe(view),
        data={
            "python": readings.get("python"),
            "platform": view.platform,
            "torch": view.torch_version,
            "torch_cuda": view.torch.get("cuda"),
            "transformers": view.packages.get("transformers"),
            "driver": view.driver,
            "cuda_driver": (view.nvidia or {}).get("cuda_driver"),
            "gpus": [g.name for g in view.gpus],
        },
    )
    return Report("check-env", [section], data={"readings": readings})
