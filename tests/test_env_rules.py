"""check-env's judgement, rule by rule, on readings files: a bad case, a good case, a near miss."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from bertdoctor.checks.env import (
    EnvView,
    check_env_findings,
    check_env_report,
    code_runs_on,
    pick_wheel,
)
from bertdoctor.findings import DoctorError, Severity

FIXTURES = Path(__file__).parent / "fixtures"
INDEX = "https://download.pytorch.org/whl"


def readings(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def found(name_or_readings: str | dict) -> dict[str, list]:
    data = readings(name_or_readings) if isinstance(name_or_readings, str) else name_or_readings
    by_code: dict[str, list] = {}
    for f in check_env_findings(data):
        by_code.setdefault(f.code, []).append(f)
    assert "BD000" not in by_code, by_code["BD000"][0].message
    return by_code


def only(name: str, code: str, severity: Severity = Severity.ERROR):
    by_code = found(name)
    assert code in by_code, f"{code} not found in {name}: {sorted(by_code)}"
    assert len(by_code[code]) == 1
    finding = by_code[code][0]
    assert finding.severity is severity
    return finding


ALL_FILES = sorted(p.relative_to(FIXTURES).as_posix() for p in FIXTURES.glob("BD1*/*.json"))


def test_every_env_rule_has_a_bad_a_good_and_a_near_miss_file():
    for n in range(101, 114):
        names = [p.name for p in (FIXTURES / f"BD{n}").glob("*.json")]
        assert any(x.startswith(("bad-", "warn-", "info-")) for x in names), n
        assert any(x.startswith("good-") for x in names), n
        assert any(x.startswith("near-miss-") for x in names), n


@pytest.mark.parametrize("name", [n for n in ALL_FILES if "/good-" in n or "/near-miss-" in n])
def test_good_and_near_miss_files_raise_nothing_of_their_rule(name):
    code = name.split("/")[0]
    by_code = found(name)
    assert code not in by_code, [f.message for f in by_code[code]]
    assert not [f for fs in by_code.values() for f in fs if f.severity is Severity.ERROR]


# ---- BD101 ---------------------------------------------------------------------------------------


def test_bd101_cpu_torch_on_a_machine_with_a_gpu():
    f = only("BD101/bad-rtx3060-with-cpu-torch.json", "BD101")
    assert "NVIDIA GeForce RTX 3060" in f.message and "2.13.0+cpu" in f.message
    assert "driver 560.94, CUDA 12.6" in f.message
    # the index matches the newest CUDA the driver runs (12.6): cu126, not cu128
    assert f.fix == f"pip uninstall -y torch && pip install torch --index-url {INDEX}/cu126"


def test_bd101_index_follows_the_driver_and_the_gpu():
    data = readings("BD101/bad-rtx3060-with-cpu-torch.json")
    data["nvidia"]["cuda_driver"] = "13.0"
    assert found(data)["BD101"][0].fix.endswith(f"{INDEX}/cu130")
    data["nvidia"]["cuda_driver"] = "11.8"
    assert found(data)["BD101"][0].fix.endswith(f"{INDEX}/cu118")


# ---- BD102 ---------------------------------------------------------------------------------------


def test_bd102_driver_445_75_with_cu110_uses_windows_numbering():
    f = only("BD102/bad-driver-445.75-with-cu110-windows.json", "BD102")
    assert "driver 445.75 (Windows) supports CUDA 10.2 at most" in f.message
    assert "torch 1.7.1+cu110 was built with CUDA 11.0" in f.message
    assert "needs driver >= 451.22" in f.message  # Windows floor, not Linux 450.36.06
    assert ">= 452.39" in f.message  # CUDA 11.x minor-version compatibility on Windows
    assert f.fix.startswith("update the NVIDIA driver to >= 451.22 (Windows)")


def test_bd102_same_driver_on_linux_uses_linux_floors():
    data = readings("BD102/bad-driver-445.75-with-cu110-windows.json")
    data["platform"] = "linux"
    data["nvidia"]["driver"] = "440.100"
    f = found(data)["BD102"][0]
    assert "needs driver >= 450.36.06" in f.message and ">= 450.80.02" in f.message


def test_bd102_wsl_reports_the_windows_driver():
    data = readings("BD102/bad-driver-445.75-with-cu110-windows.json")
    data["platform"], data["wsl"] = "linux", True
    assert "needs driver >= 451.22" in found(data)["BD102"][0].message


def test_bd102_without_nvml_cuda_version_derives_it_from_the_table():
    data = readings("BD102/bad-driver-445.75-with-cu110-windows.json")
    del data["nvidia"]["cuda_driver"]
    assert EnvView(data).driver_max_cuda == (10, 2)
    assert "supports CUDA 10.2 at most" in found(data)["BD102"][0].message


def test_bd102_across_a_major_version_is_an_error():
    f = only("BD102/bad-driver-470-with-cu121-linux.json", "BD102")
    assert "driver 470.199.02 (Linux) supports CUDA 11.4 at most" in f.message
    assert "needs driver >= 530.30.02; any CUDA 12.x runs on >= 525.60.13" in f.message


def test_bd102_inside_minor_version_compatibility_is_a_warning():
    f = only("BD102/warn-minor-version-compat-cu124-on-525.json", "BD102", Severity.WARNING)
    assert "driver 525.147.05 (Linux) supports CUDA 12.0" in f.message
    assert "needs driver >= 550.54.14" in f.message and "minor-version compatibility" in f.message
    assert f.fix.startswith("update the NVIDIA driver to >= 550.54.14 (Linux)")


def test_bd102_same_major_below_the_compatibility_floor_is_an_error():
    data = readings("BD102/warn-minor-version-compat-cu124-on-525.json")
    data["nvidia"].update(driver="450.51.06", cuda_driver="11.0")
    data["torch"]["cuda"] = "11.8"
    f = found(data)["BD102"][0]
    assert f.severity is Severity.ERROR and "any CUDA 11.x runs on >= 450.80.02" in f.message


def test_bd102_a_cuda_minor_newer_than_the_windows_table():
    data = readings("BD102/warn-minor-version-compat-cu124-on-525.json")
    data["torch"]["cuda"] = "13.2"
    data["nvidia"].update(driver="580.95.05", cuda_driver="13.0")
    f = found(data)["BD102"][0]
    assert f.severity is Severity.WARNING and "needs driver >= 595.45.04" in f.message
    data["platform"] = "windows"
    data["nvidia"]["driver"] = "581.57"
    f = found(data)["BD102"][0]
    assert "more than 580.88 (NVIDIA's floor for CUDA 13.0)" in f.message
    assert f.fix.startswith("update the NVIDIA driver to a release for CUDA 13.2 or newer")


def test_bd102_a_newer_driver_runs_an_older_runtime():
    assert "BD102" not in found("BD102/near-miss-cu118-torch-on-cuda13-driver.json")


# ---- BD103 ---------------------------------------------------------------------------------------


def test_bd103_rtx_5090_with_a_cu126_torch():
    f = only("BD103/bad-rtx5090-sm120-with-cu126.json", "BD103")
    assert "NVIDIA GeForce RTX 5090 is sm_120" in f.message
    assert "sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 sm_90" in f.message
    assert f.fix == f"pip uninstall -y torch && pip install torch --index-url {INDEX}/cu128"


def test_bd103_rtx_5090_on_an_old_driver_asks_for_the_driver_first():
    data = readings("BD103/bad-rtx5090-sm120-with-cu126.json")
    data["nvidia"].update(driver="560.35.03", cuda_driver="12.6")
    fix = found(data)["BD103"][0].fix
    assert fix.startswith("update the NVIDIA driver to >= 570.26 (Linux), then")
    assert fix.endswith(f"{INDEX}/cu128")


def test_bd103_judges_like_torch():
    # same major, lower or equal minor: runs; the integrated GPUs and a higher minor: do not
    assert code_runs_on(86, 89) and code_runs_on(80, 86) and code_runs_on(120, 120)
    assert not code_runs_on(86, 80) and not code_runs_on(90, 120) and not code_runs_on(80, 87)
    assert not code_runs_on(53, 52) and code_runs_on(53, 53) and code_runs_on(101, 110)
    assert "BD103" not in found("BD103/near-miss-sm89-runs-sm86-kernels.json")


def test_bd103_ptx_only_is_a_warning():
    f = only("BD103/warn-h100-only-ptx.json", "BD103", Severity.WARNING)
    assert "only compute_86 PTX" in f.message and "sm_90" in f.message


def test_pick_wheel_prefers_the_newest_build_the_driver_runs():
    assert pick_wheel((12, 8), [120]) == ("cu128", True)
    assert pick_wheel((12, 6), [120]) == ("cu128", False)
    assert pick_wheel((13, 0), [61]) == ("cu126", True)  # Pascal left the cu128+ builds
    assert pick_wheel((12, 4), [35]) is None
    assert pick_wheel((13, 2), [70]) == ("cu126", True)  # Volta left the cu128+ builds
    assert pick_wheel((13, 2), [90]) == ("cu132", True)


# ---- BD104 ---------------------------------------------------------------------------------------


def test_bd104_empty_cuda_visible_devices():
    f = only("BD104/bad-empty-cuda-visible-devices.json", "BD104")
    assert "torch.cuda.is_available() is False (CUDA_VISIBLE_DEVICES='')" in f.message
    assert f.fix.startswith("unset CUDA_VISIBLE_DEVICES")


def test_bd104_quotes_torchs_own_warning():
    f = only("BD104/bad-cuda-unknown-error.json", "BD104")
    assert f.message.endswith(
        "CUDA initialization: CUDA unknown error - this may be due to an incorrectly set up "
        "environment, e.g. changing env variable CUDA_VISIBLE_DEVICES after program start."
    )
    assert "--gpus all" in f.fix


def test_bd104_with_an_old_driver_points_at_the_driver():
    f = only("BD102/bad-driver-445.75-with-cu110-windows.json", "BD104")
    assert "found version 10020" in f.message and ">= 451.22" in f.fix


# ---- BD105 ---------------------------------------------------------------------------------------


def test_bd105_torchvision_built_for_another_torch():
    f = only("BD105/bad-torchvision-built-for-older-torch.json", "BD105")
    assert f.message == (
        "torchvision 0.20.1+cu124 requires torch==2.5.1; installed torch 2.6.0+cu124"
    )
    assert f.fix.startswith(f'pip install "torch==2.6.0" torchvision --index-url {INDEX}/cu124')


def test_bd105_torchaudio_built_for_another_cuda():
    f = only("BD105/bad-torchaudio-built-for-other-cuda.json", "BD105")
    assert "built for CUDA 11.8 (+cu118), torch for CUDA 12.1 (+cu121)" in f.message


def test_bd105_old_parenthesised_requirement_is_read():
    data = readings("BD105/good-matching-companions.json")
    data["requirements"]["torchvision"] = ["torch (==2.5.1)"]
    assert "requires torch==2.5.1" in found(data)["BD105"][0].message


# ---- BD106 ---------------------------------------------------------------------------------------


def test_bd106_requirement_read_from_transformers_metadata():
    f = only("BD106/bad-transformers-5-with-torch-2.5.json", "BD106")
    assert "transformers 5.23.0 requires torch>=2.6" in f.message
    assert "installed torch 2.5.1+cu121" in f.message
    assert f.fix.startswith(f'pip install "torch>=2.6" --index-url {INDEX}/cu121')


def test_bd106_follows_whatever_the_metadata_says():
    data = readings("BD106/good-torch-2.13.json")
    data["requirements"]["transformers"] = ['torch>=3.0; extra == "torch"']
    assert "requires torch>=3.0" in found(data)["BD106"][0].message
    # a requirement under another extra only does not bind a plain install
    data["requirements"]["transformers"] = ['torch>=3.0; extra == "serving"']
    assert "BD106" not in found(data)


def test_bd106_uses_the_installed_transformers_metadata():
    from importlib.metadata import requires, version

    torch_lines = [r for r in requires("transformers") or [] if r.startswith("torch")]
    data = readings("BD106/good-torch-2.13.json")
    data["packages"]["transformers"] = version("transformers")
    data["requirements"]["transformers"] = torch_lines
    data["packages"]["torch"] = data["torch"]["version"] = "1.13.1+cpu"
    assert "installed torch 1.13.1+cpu" in found(data)["BD106"][0].message


# ---- BD107 ---------------------------------------------------------------------------------------


def test_bd107_memory_taken_and_the_idle_gpu_is_named():
    f = only("BD107/bad-gpu0-memory-taken.json", "BD107", Severity.WARNING)
    assert "GPU 0 NVIDIA GeForce RTX 3090: 23,100 MiB of 24,576 MiB already used (94%)" in f.message
    assert f.fix.endswith("CUDA_VISIBLE_DEVICES=1")


# ---- BD108 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("BD108/bad-matmul-raises.json", "CUBLAS_STATUS_EXECUTION_FAILED"),
        ("BD108/bad-matmul-wrong-result.json", "matmul differs from the CPU result by 0.42"),
        ("BD108/bad-smoke-test-crashed.json", "exited with signal SIGSEGV"),
    ],
)
def test_bd108_smoke_test_failures(name, text):
    f = only(name, "BD108")
    assert text in f.message
    assert "--index-url" in f.fix


def test_bd108_nan_result_fails_and_no_smoke_skips_the_judgement():
    data = readings("BD108/good-smoke-test-passed.json")
    data["smoke"][0]["autocast_rel_diff"] = float("nan")
    assert "float16 autocast linear step" in found(data)["BD108"][0].message
    report = check_env_report(readings("BD108/bad-matmul-raises.json"), smoke=False)
    assert not [f for f in report.findings if f.code == "BD108"]


# ---- BD109 ---------------------------------------------------------------------------------------


def test_bd109_t4_has_no_bf16():
    f = only("BD109/info-tesla-t4.json", "BD109", Severity.INFO)
    assert "Tesla T4 (sm_75)" in f.message and "fp16=True" in f.fix


# ---- BD110 ---------------------------------------------------------------------------------------


def test_bd110_cuda_launch_blocking():
    f = only("BD110/bad-cuda-launch-blocking.json", "BD110", Severity.WARNING)
    assert f.message.startswith("CUDA_LAUNCH_BLOCKING=1:")


def test_bd110_visible_devices_names_a_missing_gpu():
    f = only("BD110/bad-visible-devices-names-missing-gpu.json", "BD110", Severity.WARNING)
    assert "CUDA_VISIBLE_DEVICES='1' names GPU 1, but NVML sees GPU 0" in f.message


def test_bd110_offline_is_a_note_naming_the_cache():
    f = only("BD110/info-offline.json", "BD110", Severity.INFO)
    assert "HF_HUB_OFFLINE=1, TRANSFORMERS_OFFLINE=1" in f.message and "/data/hf" in f.message


def test_bd110_empty_visible_devices_without_gpu_is_only_a_note():
    data = readings("BD112/good-torch-imports.json")
    data["env"]["CUDA_VISIBLE_DEVICES"] = ""
    assert found(data)["BD110"][0].severity is Severity.INFO


# ---- BD111 ---------------------------------------------------------------------------------------


def test_bd111_two_gpus_without_nccl():
    f = only("BD111/bad-two-gpus-without-nccl.json", "BD111", Severity.WARNING)
    assert f.message.startswith("2 GPUs but torch 2.6.0+cu124 has no NCCL")


def test_bd111_one_visible_gpu_of_two_needs_no_nccl():
    data = readings("BD111/bad-two-gpus-without-nccl.json")
    data["env"]["CUDA_VISIBLE_DEVICES"] = "0"
    data["torch"]["device_count"] = 1
    assert "BD111" not in found(data)


def test_bd111_windows_advises_gloo():
    f = only("BD111/bad-windows-two-gpus.json", "BD111", Severity.WARNING)
    assert "Windows builds of torch never have NCCL" in f.message and '"gloo"' in f.fix


# ---- BD112 ---------------------------------------------------------------------------------------


def test_bd112_import_fails_and_quotes_the_error():
    f = only("BD112/bad-import-fails-fbgemm-dll.json", "BD112")
    assert "torch 2.6.0+cu124 is installed but `import torch` failed: OSError: [WinError 126]" in (
        f.message
    )
    assert "fbgemm.dll" in f.message
    assert f.fix.startswith(f"python -m pip install --force-reinstall torch --index-url {INDEX}/")
    # BD112 is the whole story: nothing else claims CUDA is unavailable or a CPU build
    assert set(found("BD112/bad-import-fails-fbgemm-dll.json")) == {"BD112"}


def test_bd112_torch_not_installed():
    f = only("BD112/bad-torch-not-installed.json", "BD112")
    assert f.message == "torch is not installed for /usr/bin/python3"
    assert f.fix == f"python -m pip install torch --index-url {INDEX}/cpu"


def test_bd112_import_segfaults():
    f = only("BD112/bad-import-segfaults.json", "BD112")
    assert "import torch exited with signal SIGSEGV" in f.message


# ---- BD113 ---------------------------------------------------------------------------------------


def test_bd113_deprecated_pynvml():
    f = only("BD113/bad-deprecated-pynvml-beside-nvidia-ml-py.json", "BD113", Severity.WARNING)
    assert "pynvml 11.5.0" in f.message and "nvidia-ml-py 12.535.161" in f.message
    assert f.fix == "pip uninstall -y pynvml && pip install --force-reinstall nvidia-ml-py"


# ---- the report ----------------------------------------------------------------------------------


def test_summary_reads_like_a_verdict():
    report = check_env_report(readings("BD112/good-torch-imports.json"))
    section = report.sections[0]
    assert section.title == "Environment"
    assert section.summary == "torch 2.13.0+cpu, transformers 5.23.0, no NVIDIA GPU"
    gpus = check_env_report(readings("BD107/bad-gpu0-memory-taken.json")).sections[0]
    assert gpus.summary == (
        "torch 2.6.0+cu124, transformers 5.23.0, 2 GPUs: NVIDIA GeForce RTX 3090 ×2, "
        "driver 550.54.15"
    )


def test_a_crashing_check_is_bd000_and_the_others_still_run():
    data = readings("BD113/bad-deprecated-pynvml-beside-nvidia-ml-py.json")
    data["nvidia"]["gpus"][0]["memory_total_mib"] = "lots"  # BD107 divides by it
    codes = {f.code for f in check_env_findings(data)}
    assert {"BD000", "BD113"} <= codes


def test_partial_readings_are_judged_and_bad_ones_refused():
    minimal = {"schema": 1, "packages": {"torch": None}, "torch": None, "nvidia": None}
    assert [f.code for f in check_env_findings(copy.deepcopy(minimal))] == ["BD112"]
    with pytest.raises(DoctorError, match="schema"):
        check_env_report({"schema": 2})
    with pytest.raises(DoctorError, match='"nvidia" must be a JSON object'):
        check_env_report({"schema": 1, "nvidia": [1]})


def test_without_nvml_the_gpus_come_from_torch():
    data = readings("BD103/bad-rtx5090-sm120-with-cu126.json")
    data["nvidia"], data["nvml_error"] = None, "nvidia-ml-py is not installed"
    data["torch"]["devices"] = [
        {
            "index": 0,
            "name": "NVIDIA GeForce RTX 5090",
            "capability": "12.0",
            "memory_total_mib": 32607,
        }
    ]
    assert "NVIDIA GeForce RTX 5090 is sm_120" in found(data)["BD103"][0].message
    section = check_env_report(data).sections[0]
    assert section.summary.endswith("1 GPU: NVIDIA GeForce RTX 5090")
