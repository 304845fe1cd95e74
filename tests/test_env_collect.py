"""check-env's collection: the torch probe in a child process, NVML, metadata, readings files."""

from __future__ import annotations

import sys
import textwrap
import types
from importlib.metadata import version
from pathlib import Path

import pytest

from bertdoctor import envinfo
from bertdoctor.envinfo import (
    MARK,
    collect_nvidia,
    collect_packages,
    collect_requirements,
    load_readings,
    read_probe_output,
    start_torch_probe,
)
from bertdoctor.findings import DoctorError

# ---- the child's output, every way it can end ----------------------------------------------------


def probe_lines(*lines: str) -> str:
    return "".join(f"{MARK}{line}\n" for line in lines)


def test_probe_output_of_a_finished_child():
    out = probe_lines(
        "stage import",
        'readings {"torch": {"version": "2.6.0+cu124", "cuda": "12.4"}, "smoke": null}',
        "stage cuda",
        'readings {"torch": {"version": "2.6.0+cu124", "cuda": "12.4", "cuda_available": true,'
        ' "device_count": 1}, "smoke": [{"index": 0, "ok": true}]}',
    )
    torch, smoke = read_probe_output("some user print\n" + out, "", 0)
    assert torch["version"] == "2.6.0+cu124" and torch["device_count"] == 1
    assert torch["import_error"] is None and smoke == [{"index": 0, "ok": True}]


def test_probe_hung_in_import_is_an_import_error():
    torch, smoke = read_probe_output(probe_lines("stage import"), "", -9, timed_out=True, timeout=2)
    assert torch["import_error"] == "import torch did not finish within 2 s (hung)"
    assert torch["version"] is None and smoke is None


def test_probe_crashed_in_cuda_init_keeps_the_build_facts():
    out = probe_lines(
        "stage import",
        'readings {"torch": {"version": "2.6.0+cu124", "cuda": "12.4"}, "smoke": null}',
        "stage cuda",
    )
    torch, _ = read_probe_output(out, "Fatal Python error: Segmentation fault\n", -11)
    assert torch["version"] == "2.6.0+cu124" and torch["import_error"] is None
    assert torch["cuda_error"] == (
        "CUDA initialisation exited with signal SIGSEGV: Fatal Python error: Segmentation fault"
    )


def test_probe_crashed_in_the_smoke_test_is_a_smoke_result():
    out = probe_lines(
        'readings {"torch": {"version": "2.6.0+cu124", "cuda_available": true}, "smoke": null}',
        "stage smoke",
    )
    _, smoke = read_probe_output(out, "", -6)
    assert smoke == [
        {"index": None, "ok": False, "error": "the GPU smoke test exited with signal SIGABRT"}
    ]


# ---- the real child, with fake torch packages put first on its path -----------------------------


def fake_torch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    package = tmp_path / "fake" / "torch"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(body), encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(package.parent))


def test_a_torch_whose_import_raises_is_a_reading(tmp_path, monkeypatch):
    fake_torch(tmp_path, monkeypatch, 'raise OSError("[WinError 126] fbgemm.dll not found")\n')
    torch, smoke = start_torch_probe(smoke=True)(30)
    assert torch["import_error"] == "OSError: [WinError 126] fbgemm.dll not found"
    assert torch["version"] is None and smoke is None
    assert torch["import_error_detail"].startswith("Traceback (most recent call last):")
    assert "torch/__init__.py" in torch["import_error_detail"].replace("\\", "/")


def test_a_torch_whose_import_segfaults_is_a_reading(tmp_path, monkeypatch):
    fake_torch(tmp_path, monkeypatch, "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n")
    torch, _ = start_torch_probe(smoke=True)(30)
    assert torch["import_error"].startswith("import torch exited with signal SIGSEGV")


def test_a_torch_whose_import_hangs_is_a_reading(tmp_path, monkeypatch):
    fake_torch(tmp_path, monkeypatch, "import threading\nthreading.Event().wait()\n")
    torch, _ = start_torch_probe(smoke=True)(1.5)
    assert torch["import_error"] == "import torch did not finish within 1.5 s (hung)"


def test_a_cuda_build_whose_cuda_init_crashes(tmp_path, monkeypatch):
    body = """
        import os, signal
        from types import SimpleNamespace as NS
        __version__ = "2.6.0+cu124"
        version = NS(cuda="12.4", hip=None)
        def _crash():
            os.kill(os.getpid(), signal.SIGSEGV)
        cuda = NS(get_arch_list=lambda: ["sm_80", "sm_90"], is_available=_crash,
                  nccl=NS(version=lambda: (2, 21, 5)))
        backends = NS(cudnn=NS(version=lambda: 90100))
        distributed = NS(is_available=lambda: True, is_nccl_available=lambda: True)
    """
    fake_torch(tmp_path, monkeypatch, body)
    torch, _ = start_torch_probe(smoke=True)(30)
    assert torch["version"] == "2.6.0+cu124" and torch["import_error"] is None
    assert torch["arch_list"] == ["sm_80", "sm_90"] and torch["nccl"] == "2.21.5"
    assert torch["cudnn"] == 90100 and torch["nccl_distributed"] is True
    assert torch["cuda_error"].startswith("CUDA initialisation exited with signal SIGSEGV")


# ---- NVML ----------------------------------------------------------------------------------------


class FakeNVMLError(Exception):
    pass


def fake_pynvml(
    *, init_error: bool = False, with_v2: bool = True, v2_error: bool = False
) -> types.ModuleType:
    gib = 2**30
    module = types.ModuleType("pynvml")
    module.NVMLError = FakeNVMLError
    calls = []

    def init():
        calls.append("init")
        if init_error:
            raise FakeNVMLError("Driver Not Loaded")

    def capability(handle):
        if handle == 1:
            raise FakeNVMLError("Not Supported")
        return (9, 0)

    def memory(handle, version=None):
        # v1 counts the driver's reserve (here 480 MiB) as used; v2 gives it apart, as nvidia-smi
        if version is None:
            return types.SimpleNamespace(total=80 * gib, used=gib // 2 + 480 * 2**20)
        if v2_error:
            raise FakeNVMLError("Function Not Found")
        assert version == module.nvmlMemory_v2
        return types.SimpleNamespace(total=80 * gib, reserved=480 * 2**20, used=gib // 2)

    if with_v2:
        module.nvmlMemory_v2 = 0x02000028
    module.nvmlInit = init
    module.nvmlShutdown = lambda: calls.append("shutdown")
    module.nvmlSystemGetDriverVersion = lambda: b"580.95.05"  # old bindings return bytes
    module.nvmlSystemGetCudaDriverVersion = lambda: 13000
    module.nvmlDeviceGetCount = lambda: 2
    module.nvmlDeviceGetHandleByIndex = lambda i: i
    module.nvmlDeviceGetName = lambda h: "NVIDIA H100 80GB HBM3"
    module.nvmlDeviceGetUUID = lambda h: f"GPU-{h}"
    module.nvmlDeviceGetCudaComputeCapability = capability
    module.nvmlDeviceGetMemoryInfo = memory
    module.calls = calls
    return module


def test_nvml_readings(monkeypatch):
    fake = fake_pynvml()
    monkeypatch.setitem(sys.modules, "pynvml", fake)
    nvidia, error = collect_nvidia()
    assert error is None
    assert nvidia["driver"] == "580.95.05" and nvidia["cuda_driver"] == "13.0"
    assert nvidia["gpus"][0] == {
        "index": 0,
        "name": "NVIDIA H100 80GB HBM3",
        "uuid": "GPU-0",
        "capability": "9.0",
        "memory_total_mib": 81920,
        "memory_used_mib": 512,
    }
    assert nvidia["gpus"][1]["capability"] is None  # not supported: a missing fact, not a crash
    assert fake.calls == ["init", "shutdown"]


@pytest.mark.parametrize(
    ("with_v2", "v2_error", "used"),
    [
        (True, False, 512),  # v2: the driver's reserve apart, as nvidia-smi shows it
        (True, True, 992),  # a driver older than R510 has no v2 call: v1, reserve included
        (False, False, 992),  # bindings older than 11.515 have no nvmlMemory_v2: v1
    ],
)
def test_memory_used_is_read_as_nvidia_smi_shows_it(monkeypatch, with_v2, v2_error, used):
    fake = fake_pynvml(with_v2=with_v2, v2_error=v2_error)
    monkeypatch.setitem(sys.modules, "pynvml", fake)
    nvidia, _ = collect_nvidia()
    assert nvidia["gpus"][0]["memory_used_mib"] == used
    assert nvidia["gpus"][0]["memory_total_mib"] == 81920


def test_no_nvidia_driver_is_normal(monkeypatch):
    monkeypatch.setitem(sys.modules, "pynvml", fake_pynvml(init_error=True))
    assert collect_nvidia() == (None, "NVML: Driver Not Loaded")
    monkeypatch.setitem(sys.modules, "pynvml", None)  # import pynvml raises ImportError
    nvidia, error = collect_nvidia()
    assert nvidia is None and "nvidia-ml-py is not installed" in error


# ---- metadata ------------------------------------------------------------------------------------


def test_packages_and_requirements_come_from_metadata():
    packages = collect_packages()
    assert packages["torch"] == version("torch")
    assert packages["transformers"] == version("transformers")
    assert collect_packages(("no-such-distribution-bd",)) == {"no-such-distribution-bd": None}
    requirements = collect_requirements()
    assert requirements["transformers"], "transformers declares torch under its torch extra"
    assert all(r.startswith("torch") for r in requirements["transformers"])
    assert collect_requirements(("no-such-distribution-bd",)) == {"no-such-distribution-bd": None}


def test_collected_env_vars(monkeypatch):
    monkeypatch.setenv("CUDA_LAUNCH_BLOCKING", "1")
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    monkeypatch.setattr(envinfo, "start_torch_probe", lambda smoke: lambda t: ({}, None))
    readings = envinfo.collect_readings(smoke=False)
    assert readings["schema"] == 1 and readings["env"]["CUDA_LAUNCH_BLOCKING"] == "1"
    assert readings["env"]["CUDA_VISIBLE_DEVICES"] is None
    for key in ("python", "platform", "packages", "torch", "nvidia", "env"):
        assert key in readings


# ---- readings files ------------------------------------------------------------------------------


def test_load_readings_names_the_file_and_line(tmp_path):
    bad = tmp_path / "env.json"
    bad.write_text('{"schema": 1,\n "torch": }\n', encoding="utf-8")
    with pytest.raises(DoctorError, match=r"env\.json:2: not valid JSON"):
        load_readings(bad)
    bad.write_text("[]", encoding="utf-8")
    with pytest.raises(DoctorError, match=r"env\.json: not bertdoctor readings"):
        load_readings(bad)
    with pytest.raises(DoctorError, match=r"cannot read .*missing\.json"):
        load_readings(tmp_path / "missing.json")
    bad.write_bytes(b"\xef\xbb\xbf" + b'{"schema": 1}')  # a UTF-8 BOM (Notepad)
    assert load_readings(bad) == {"schema": 1}
    bad.write_text('{"schema": 1, "python": "3.11.7"}', encoding="utf-16")  # PowerShell 5 `>`
    assert load_readings(bad) == {"schema": 1, "python": "3.11.7"}
    bad.write_bytes(b"\x80\x81 not text")
    with pytest.raises(DoctorError, match=r"cannot read .*env\.json"):
        load_readings(bad)


def test_probe_time_limit_from_the_environment(monkeypatch):
    monkeypatch.setenv("BERTDOCTOR_TORCH_TIMEOUT", "240")
    assert envinfo._probe_timeout() == 240.0
    for bad in ("abc", "-5", "0"):
        monkeypatch.setenv("BERTDOCTOR_TORCH_TIMEOUT", bad)
        assert envinfo._probe_timeout() == 90.0


def test_the_probe_steps_on_the_real_torch_here():
    """The child's steps, run in this process on the CPU (the GPU steps need a GPU)."""
    torch = pytest.importorskip("torch")
    build = envinfo._probe_build(torch)
    assert build["version"] == torch.__version__ and build["cuda"] == torch.version.cuda
    cuda = envinfo._probe_cuda(torch)
    assert cuda["cuda_available"] == torch.cuda.is_available()
    passed = envinfo._smoke_test(torch, 0, device_type="cpu", dtype="bfloat16")
    assert passed["ok"] and passed["error"] is None, passed
    assert passed["matmul_rel_diff"] == 0.0  # the same device computes the same matmul
    assert 0 < passed["autocast_rel_diff"] < 0.05 and passed["autocast_dtype"] == "bfloat16"
    assert passed["grad_finite"] is True
    failed = envinfo._smoke_test(torch, 0, device_type="cpu", dtype="float7")
    assert failed["ok"] is False
    assert failed["error"] == "AttributeError: module 'torch' has no attribute 'float7'"
    assert failed["matmul_rel_diff"] == 0.0  # the steps before the failure are kept
