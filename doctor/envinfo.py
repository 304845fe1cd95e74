"""Collects the readings `bertdoctor check-env` judges: packages, torch, the NVIDIA driver, GPUs.

Collection is kept apart from judgement (``bertdoctor.checks.env``) so readings taken on one
machine (``bertdoctor check-env --collect > env.json``) can be judged on another (``--from``).

torch is never imported in the bertdoctor process: it is probed in a child process with a time
limit, so a torch whose import fails, crashes the interpreter or hangs in CUDA initialisation
becomes a reading. GPU facts come from NVML (``import pynvml``, provided by nvidia-ml-py), which
creates no CUDA context; a machine without an NVIDIA driver reads ``"nvidia": null``.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .findings import DoctorError

SCHEMA = 1
PACKAGES = (
    "torch",
    "transformers",
    "tokenizers",
    "torchvision",
    "torchaudio",
    "pynvml",
    "nvidia-ml-py",
    "accelerate",
    "safetensors",
    "numpy",
    "pytorch-crf",
    "bertdoctor",
)
# Distributions whose own requirements the judgement reads (BD105, BD106).
REQUIREMENTS_OF = ("transformers", "torchvision", "torchaudio")
ENV_VARS = (
    "CUDA_VISIBLE_DEVICES",
    "CUDA_LAUNCH_BLOCKING",
    "CUDA_DEVICE_ORDER",
    "NVIDIA_VISIBLE_DEVICES",
    "TORCH_USE_CUDA_DSA",
    "PYTORCH_NO_CUDA_MEMORY_CACHING",
    "PYTORCH_CUDA_ALLOC_CONF",
    "PYTORCH_NVML_BASED_CUDA_CHECK",
    "HF_HUB_OFFLINE",
    "TRANSFORMERS_OFFLINE",
    "HF_DATASETS_OFFLINE",
    "HF_HOME",
    "HF_ENDPOINT",
    "TOKENIZERS_PARALLELISM",
    "OMP_NUM_THREADS",
)


def _probe_timeout(default: float = 90.0) -> float:
    """Seconds the torch probe may take (BERTDOCTOR_TORCH_TIMEOUT; a slow disk on Windows can
    need more than the default for the first `import torch`)."""
    try:
        value = float(os.environ.get("BERTDOCTOR_TORCH_TIMEOUT", default))
    except ValueError:
        return default
    return value if value > 0 else default


PROBE_TIMEOUT_S = _probe_timeout()
TORCH_REQ = re.compile(r"\s*torch\s*(?:[<>=!~;\[(@]|$)", re.IGNORECASE)
MARK = "BERTDOCTOR-PROBE "  # prefix of the child's stdout lines meant for us
DETAIL_CHARS = 4000  # the end of a traceback kept for -v


def collect_readings(*, smoke: bool = True, timeout: float = PROBE_TIMEOUT_S) -> dict[str, Any]:
    """Everything check-env judges, as a JSON-ready dict (schema 1).

    The torch probe runs in a child process while NVML and package metadata are read here.
    """
    probe = start_torch_probe(smoke=smoke)
    readings: dict[str, Any] = {
        "schema": SCHEMA,
        "collected_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "platform": platform_name(),
        "machine": platform.machine(),
        "wsl": is_wsl(),
        "packages": collect_packages(),
        "requirements": collect_requirements(),
    }
    readings["nvidia"], readings["nvml_error"] = collect_nvidia()
    readings["env"] = {name: os.environ.get(name) for name in ENV_VARS}
    readings["torch"], readings["smoke"] = probe(timeout)
    if readings["packages"].get("torch") is None and readings["torch"].get("import_error"):
        readings["torch"]["import_error"] = "torch is not installed (no distribution 'torch')"
    return readings


def platform_name() -> str:
    """``linux``, ``windows`` or ``darwin`` (the judgement's driver tables differ by OS)."""
    return {"win32": "windows", "cygwin": "windows"}.get(sys.platform, platform.system().lower())


def is_wsl() -> bool:
    """WSL reports the Windows driver (Windows numbering) through a Linux kernel."""
    return sys.platform == "linux" and "microsoft" in platform.release().lower()


def collect_packages(names: tuple[str, ...] = PACKAGES) -> dict[str, str | None]:
    """Installed versions from the distributions' metadata; nothing is imported."""
    from importlib.metadata import PackageNotFoundError, version

    found: dict[str, str | None] = {}
    for name in names:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def collect_requirements(names: tuple[str, ...] = REQUIREMENTS_OF) -> dict[str, list[str] | None]:
    """What each distribution itself declares about torch (its ``Requires-Dist`` lines naming
    torch, markers included), or None where the distribution is not installed."""
    from importlib.metadata import PackageNotFoundError, requires

    found: dict[str, list[str] | None] = {}
    for name in names:
        try:
            declared = requires(name) or []
        except PackageNotFoundError:
            found[name] = None
            continue
        found[name] = list(dict.fromkeys(r for r in declared if TORCH_REQ.match(r)))
    return found


def collect_nvidia() -> tuple[dict[str, Any] | None, str | None]:
    """The driver and every GPU as NVML sees them, or ``(None, why)`` without an NVIDIA driver."""
    try:
        import pynvml
    except ImportError:
        return None, "nvidia-ml-py is not installed (pip install nvidia-ml-py)"
    try:
        pynvml.nvmlInit()
    except pynvml.NVMLError as exc:
        return None, f"NVML: {exc}"
    try:
        cuda = pynvml.nvmlSystemGetCudaDriverVersion()
        info: dict[str, Any] = {
            "driver": _text(pynvml.nvmlSystemGetDriverVersion()),
            "cuda_driver": f"{cuda // 1000}.{cuda % 1000 // 10}",
            "gpus": [],
        }
        for index in range(pynvml.nvmlDeviceGetCount()):
            info["gpus"].append(_collect_gpu(pynvml, index))
        return info, None
    except pynvml.NVMLError as exc:
        return None, f"NVML: {exc}"
    finally:
        try:
            pynvml.nvmlShutdown()
        except pynvml.NVMLError:
            pass


def _collect_gpu(pynvml: Any, index: int) -> dict[str, Any]:
    handle = pynvml.nvmlDeviceGetHandleByIndex(index)

    def read(func: Callable[[], Any]) -> Any:
        # Some queries are not supported on every GPU (NVMLError_NotSupported): a missing fact.
        try:
            return func()
        except pynvml.NVMLError:
            return None

    capability = read(lambda: pynvml.nvmlDeviceGetCudaComputeCapability(handle))
    memory = _memory_v2(pynvml, handle) or read(lambda: pynvml.nvmlDeviceGetMemoryInfo(handle))
    return {
        "index": index,
        "name": _text(read(lambda: pynvml.nvmlDeviceGetName(handle))),
        "uuid": _text(read(lambda: pynvml.nvmlDeviceGetUUID(handle))),
        "capability": f"{capability[0]}.{capability[1]}" if capability else None,
        "memory_total_mib": memory.total // 2**20 if memory else None,
        "memory_used_mib": memory.used // 2**20 if memory else None,
    }


def _memory_v2(pynvml: Any, handle: Any) -> Any:
    """The GPU's memory with "used" as nvidia-smi shows it, or None where only v1 answers.

    NVML's first memory call counts the driver's own reserve (about 480 MiB on an H100) as used,
    so an idle card reads 480 MiB used where nvidia-smi says 0. The v2 call (drivers from
    R510, nvidia-ml-py from 11.515) gives the reserve apart; the caller falls back to v1.
    """
    v2 = getattr(pynvml, "nvmlMemory_v2", None)
    if v2 is None:
        return None
    try:
        return pynvml.nvmlDeviceGetMemoryInfo(handle, version=v2)
    except (pynvml.NVMLError, TypeError):  # an older driver, or bindings without version=
        return None


def _text(value: Any) -> Any:
    return value.decode() if isinstance(value, bytes) else value


# ---- the torch probe (runs in a child process) -------------------------------------------------

TORCH_DEFAULTS: dict[str, Any] = {
    "version": None,
    "file": None,
    "cuda": None,
    "hip": None,
    "cudnn": None,
    "arch_list": [],
    "cuda_available": False,
    "device_count": 0,
    "devices": [],
    "bf16_supported": None,
    "nccl": None,
    "nccl_distributed": None,
    "cuda_warnings": [],
    "import_error": None,
    "import_error_detail": None,  # the traceback or the crash's stderr, for -v
    "cuda_error": None,
    "cuda_error_detail": None,
}


def start_torch_probe(*, smoke: bool) -> Callable[[float], tuple[dict[str, Any], list | None]]:
    """Starts the child now; the returned function waits for it and turns its output into
    ``(torch_readings, smoke_results)``. Every way the child can fail is a reading."""
    code = "from bertdoctor.envinfo import _probe_main; _probe_main()"
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", code, "1" if smoke else "0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as exc:
        error = f"could not start {sys.executable}: {exc}"

        def failed(timeout: float) -> tuple[dict[str, Any], list | None]:
            return {**TORCH_DEFAULTS, "import_error": error}, None

        return failed

    def wait(timeout: float) -> tuple[dict[str, Any], list | None]:
        timed_out = False
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            timed_out = True
        return read_probe_output(out, err, proc.returncode, timed_out=timed_out, timeout=timeout)

    return wait


def read_probe_output(
    out: str, err: str, returncode: int | None, *, timed_out: bool = False, timeout: float = 0
) -> tuple[dict[str, Any], list | None]:
    """The child prints its stage before each step and its readings after each; the last of
    each tells how far it got when it failed."""
    torch_info = dict(TORCH_DEFAULTS)
    smoke: list | None = None
    stage = "start"
    for line in out.splitlines():
        if not line.startswith(MARK):
            continue
        kind, _, payload = line[len(MARK) :].partition(" ")
        if kind == "stage":
            stage = payload.strip()
        elif kind == "readings":
            data = json.loads(payload)
            torch_info.update(data.get("torch") or {})
            smoke = data.get("smoke", smoke)
    if timed_out:
        why = f"did not finish within {timeout:g} s (hung)"
    elif returncode:
        why = f"exited with {_exit_text(returncode)}"
    else:
        return torch_info, smoke
    tail = _last_lines(err)
    detail = err.strip()[-DETAIL_CHARS:] or None
    where = {
        "start": "starting Python",
        "import": "import torch",
        "cuda": "CUDA initialisation",
        "smoke": "the GPU smoke test",
    }.get(stage, stage)
    message = f"{where} {why}" + (f": {tail}" if tail else "")
    if stage in ("start", "import"):
        torch_info["import_error"], torch_info["import_error_detail"] = message, detail
    elif stage == "cuda":
        torch_info["cuda_error"], torch_info["cuda_error_detail"] = message, detail
    else:
        smoke = [*(smoke or []), {"index": None, "ok": False, "error": message}]
    return torch_info, smoke


def _exit_text(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"signal {signal.Signals(-returncode).name}"
        except ValueError:
            return f"signal {-returncode}"
    if returncode == 3221225477:  # 0xC0000005 on Windows
        return "an access violation (0xC0000005)"
    return f"status {returncode}"


def _last_lines(text: str, n: int = 3) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-n:])


def _probe_main() -> None:
    """Entry point of the child: ``python -c ... 1`` (1: run the GPU smoke test)."""
    smoke = len(sys.argv) > 1 and sys.argv[1] == "1"
    readings: dict[str, Any] = {"torch": {}, "smoke": None}

    def stage(name: str) -> None:
        print(f"{MARK}stage {name}", flush=True)

    def emit() -> None:
        print(f"{MARK}readings {json.dumps(readings)}", flush=True)

    stage("import")
    try:
        import warnings

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import torch

            readings["torch"] = _probe_build(torch)
            emit()
            stage("cuda")
            readings["torch"].update(_probe_cuda(torch))
            readings["torch"]["cuda_warnings"] = sorted(
                {str(w.message).strip() for w in caught if "cuda" in str(w.message).lower()}
            )
    except Exception as exc:  # noqa: BLE001 - any failure of the import is the reading itself
        import traceback

        key = "import_error" if "version" not in readings["torch"] else "cuda_error"
        first = (str(exc).strip().splitlines() or [""])[0]
        readings["torch"][key] = f"{type(exc).__name__}: {first}".rstrip(": ")
        readings["torch"][f"{key}_detail"] = traceback.format_exc()[-DETAIL_CHARS:]
        emit()
        return
    emit()
    if smoke and readings["torch"].get("cuda_available"):
        stage("smoke")
        readings["smoke"] = []
        for index in range(min(readings["torch"]["device_count"], 8)):
            readings["smoke"].append(_smoke_test(torch, index))
            emit()
    emit()


def _probe_build(torch: Any) -> dict[str, Any]:
    """What the torch build is, without touching the GPU."""
    cuda = getattr(torch.version, "cuda", None)
    info: dict[str, Any] = {
        "version": torch.__version__,
        "file": getattr(torch, "__file__", None),
        "cuda": cuda,
        "hip": getattr(torch.version, "hip", None),
        "arch_list": torch.cuda.get_arch_list() if cuda else [],
    }
    try:
        info["cudnn"] = torch.backends.cudnn.version() if cuda else None
    except Exception:  # noqa: BLE001 - a missing cuDNN library reads as no cuDNN
        info["cudnn"] = None
    if cuda:
        try:
            raw = torch.cuda.nccl.version()
            info["nccl"] = ".".join(map(str, raw)) if isinstance(raw, tuple) else str(raw)
        except Exception:  # noqa: BLE001 - no NCCL in this build
            info["nccl"] = None
        dist = torch.distributed
        info["nccl_distributed"] = bool(dist.is_available() and dist.is_nccl_available())
    return info


def _probe_cuda(torch: Any) -> dict[str, Any]:
    """torch's own answers about the GPUs (this initialises CUDA, hence the separate stage)."""
    available = bool(torch.cuda.is_available())
    count = torch.cuda.device_count() if available else 0
    info: dict[str, Any] = {"cuda_available": available, "device_count": count, "devices": []}
    for index in range(count):
        props = torch.cuda.get_device_properties(index)
        info["devices"].append(
            {
                "index": index,
                "name": props.name,
                "capability": f"{props.major}.{props.minor}",
                "memory_total_mib": props.total_memory // 2**20,
            }
        )
    if available:
        try:
            info["bf16_supported"] = bool(torch.cuda.is_bf16_supported(including_emulation=False))
        except TypeError:  # torch < 2.3 has no including_emulation
            info["bf16_supported"] = bool(torch.cuda.is_bf16_supported())
    return info


def _smoke_test(
    torch: Any, index: int, *, device_type: str = "cuda", dtype: str = "float16"
) -> dict[str, Any]:
    """A matmul and an autocast linear step (forward and backward) on one GPU vs the CPU.
    (device_type="cpu" runs the same steps on the CPU, which is how the tests exercise it.)"""
    result: dict[str, Any] = {"index": index, "ok": False, "error": None}
    device = torch.device(device_type, index) if device_type == "cuda" else torch.device("cpu")
    try:
        gen = torch.Generator().manual_seed(0)
        a = torch.rand(256, 256, generator=gen) * 2 - 1
        b = torch.rand(256, 256, generator=gen) * 2 - 1
        expected = a @ b
        got = (a.to(device) @ b.to(device)).cpu()
        result["matmul_rel_diff"] = _rel_diff(torch, got, expected)

        layer = torch.nn.Linear(256, 64)
        expected = layer(a).detach()
        layer_gpu = torch.nn.Linear(256, 64).to(device)
        layer_gpu.load_state_dict(layer.state_dict())
        with torch.autocast(device_type, dtype=getattr(torch, dtype)):
            out = layer_gpu(a.to(device))
        out.float().pow(2).mean().backward()
        if device_type == "cuda":
            torch.cuda.synchronize(device)
        result["autocast_dtype"] = str(out.dtype).replace("torch.", "")
        result["autocast_rel_diff"] = _rel_diff(torch, out.float().detach().cpu(), expected)
        result["grad_finite"] = bool(torch.isfinite(layer_gpu.weight.grad).all().item())
        result["ok"] = True
    except Exception as exc:  # noqa: BLE001 - the failure is the finding
        first = (str(exc).strip().splitlines() or [""])[0]
        result["error"] = f"{type(exc).__name__}: {first}".rstrip(": ")
    return result


def _rel_diff(torch: Any, got: Any, expected: Any) -> float:
    scale = expected.abs().max().item() or 1.0
    diff = (got - expected).abs().max().item() / scale
    return diff if diff == diff else float("inf")  # NaN compares unequal: report it as inf


# ---- readings files ----------------------------------------------------------------------------


def load_readings(path: str | Path) -> dict[str, Any]:
    """Readings written by ``--collect`` (``-``: standard input); a file that is not is a
    DoctorError naming it."""
    stdin = str(path) == "-"
    path = Path("standard input") if stdin else Path(path)
    try:
        raw = sys.stdin.buffer.read() if stdin else path.read_bytes()
        # Windows PowerShell 5's `>` writes UTF-16 with a BOM; Notepad may add a UTF-8 BOM.
        utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
        text = raw.decode("utf-16" if utf16 else "utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DoctorError(f"cannot read {path}: {reason}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DoctorError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    try:
        validate_readings(data)
    except DoctorError as exc:
        raise DoctorError(f"{path}: {exc}") from None
    return data


def validate_readings(data: Any) -> None:
    if not isinstance(data, dict):
        raise DoctorError("not bertdoctor readings (expected a JSON object)")
    if data.get("schema") != SCHEMA:
        raise DoctorError(
            f"not bertdoctor readings of schema {SCHEMA} (found schema {data.get('schema')!r}); "
            "write them with `bertdoctor check-env --collect > env.json`"
        )
    for key, kind in (("packages", dict), ("torch", dict), ("env", dict), ("nvidia", dict)):
        value = data.get(key)
        if value is not None and not isinstance(value, kind):
            raise DoctorError(f'"{key}" must be a JSON object or null, not {type(value).__name__}')
