"""The recipe verdicts (BD520-BD531): a bad case, a good case and a near miss for each rule,
and the helpers behind them (FLOPs, the GPU peak table, precision, the --key=value config)."""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bertdoctor.findings import Report, Severity
from bertdoctor.recipe import build_config, run_report, verdict_section
from bertdoctor.recipes import cls, common, ner


def metrics(**over: Any) -> dict[str, Any]:
    """A metrics dict as the recipes write it: a passing run unless overridden."""
    losses = over.pop("losses", [1.9] * 10 + [0.1] * 30)
    base = {
        "task": "ner",
        "metric_name": "entity F1",
        "metric": 0.95,
        "labels": ["O"] * 7,
        "dev_sentences": 300,
        "losses": losses,
        "non_finite": None,
        "parameters": 120_000,
        "samples_per_s": 500.0,
        "tokens_per_s": 7000.0,
        "train_seconds": 20.0,
        "processes": 1,
        "device": "cpu",
        "device_name": "CPU",
        "precision": "fp32",
        "torch": "2.13.0",
        "cuda": None,
        "transformers": "5.23.0",
        "output": "/tmp/run",
        "checkpoint": "/tmp/c",
    }
    base.update(over)
    base.update(
        common.judge(
            base["losses"],
            base["metric"],
            num_labels=len(base["labels"]),
            loss_drop=over.get("need_drop", 0.5),
            min_metric=over.get("need_metric", 0.8),
        )
    )
    return base


def codes(m: dict[str, Any]) -> list[str]:
    return [f.code for f in verdict_section(m).findings]


def test_bd520_loss_that_did_not_fall() -> None:
    flat = metrics(losses=[1.9] * 10 + [1.8] * 30)
    assert codes(flat) == ["BD520"]
    section = verdict_section(flat)
    assert section.derived_status == "error" and section.summary.startswith("FAIL")
    assert "1.9 -> 1.8 (-5%, needed -50%)" in section.findings[0].message
    assert codes(metrics()) == []  # fell 95%
    # near miss: exactly the margin passes
    assert codes(metrics(losses=[2.0] * 10 + [1.0] * 30)) == []


def test_bd521_metric_below_the_threshold() -> None:
    low = metrics(metric=0.79)
    assert codes(low) == ["BD521"]
    assert "entity F1 0.79 on 300 held-out examples (needed >= 0.8)" in (
        verdict_section(low).findings[0].message
    )
    assert codes(metrics(metric=0.81)) == []
    assert codes(metrics(metric=0.8)) == []  # near miss: the threshold itself passes


def test_bd523_non_finite_loss() -> None:
    nan = metrics(losses=[1.9] * 25 + [math.nan], non_finite={"step": 26, "loss": math.nan})
    assert codes(nan) == ["BD523"]
    assert "loss is nan at step 26" in verdict_section(nan).findings[0].message
    assert "last finite loss 1.9" in verdict_section(nan).findings[0].message
    # near miss: a large but finite loss is not BD523
    assert "BD523" not in codes(metrics(losses=[1e4] * 10 + [1.0] * 30))


def test_bd531_a_fresh_bert_base_that_did_not_learn_is_inconclusive_not_a_failure() -> None:
    # which runs are a fresh BERT-base on the embedded data
    assert cls.Config(size="base").fresh_base
    assert not cls.Config().fresh_base  # the small default
    assert not cls.Config(size="base", model="./bert-base-chinese").fresh_base
    assert not cls.Config(size="base", data="train.csv").fresh_base

    def verdict(losses: list[float], metric: float = 0.485) -> dict[str, Any]:
        return common.judge(losses, metric, num_labels=2, loss_drop=0.5, min_metric=0.8)

    at_chance = verdict([0.72] * 10 + [0.70] * 40)  # ln 2 = 0.693
    assert cls.fresh_base_verdict(at_chance, True, None) == "INCONCLUSIVE"
    assert cls.fresh_base_verdict(at_chance, False, None) == "FAIL"  # not a fresh BERT-base
    nan = {"step": 40, "loss": math.nan}
    assert cls.fresh_base_verdict(at_chance, True, nan) == "FAIL"  # a NaN is the machine's
    # near misses: a loss that rose, or fell part of the way, is judged as any other run
    assert cls.fresh_base_verdict(verdict([0.72] * 10 + [5.0] * 40), True, None) == "FAIL"
    assert cls.fresh_base_verdict(verdict([0.72] * 10 + [0.36] * 40, 0.78), True, None) == "FAIL"
    assert cls.fresh_base_verdict(verdict([0.72] * 10 + [0.01] * 40, 1.0), True, None) == "PASS"

    flat = metrics(
        task="cls",
        metric_name="accuracy",
        metric=0.485,
        labels=["negative", "positive"],
        dev_sentences=400,
        losses=[0.72] * 10 + [0.70] * 40,
    )
    assert flat["verdict"] == "FAIL" and codes(flat) == ["BD520", "BD521"]  # as any other run
    flat["verdict"] = cls.fresh_base_verdict(flat, True, None)
    section = verdict_section(flat)
    (finding,) = section.findings
    assert finding.code == "BD531" and finding.severity is Severity.WARNING
    assert finding.message == (
        "a fresh BERT-base (random init) did not learn the embedded task: loss 0.72 -> 0.7 "
        "(-3%, needed -50%) over 50 steps; accuracy 0.485 on 400 held-out examples (needed >= 0.8)"
    )
    assert "run-recipe ner --size base" in finding.fix
    assert section.derived_status == "warning"
    assert section.summary == (
        "INCONCLUSIVE: a fresh BERT-base did not learn the task (loss fell 3%, needed 50%; "
        "metric 0.485 < 0.8), which says nothing about this machine"
    )
    assert Report("run-recipe", [section]).exit_status == 0
    assert Report("run-recipe", [verdict_section(metrics(losses=flat["losses"]))]).exit_status == 1


def test_bd525_initial_loss_far_from_ln_labels() -> None:
    # 7 labels: ln 7 = 1.95, the limit is 2 x 1.95 + 1 = 4.89
    assert "BD525" in codes(metrics(losses=[9.8] * 10 + [0.1] * 30))
    assert "BD525" not in codes(metrics())
    assert "BD525" not in codes(metrics(losses=[4.8] * 10 + [0.1] * 30))  # near miss


def test_bd526_too_short_and_bd527_low_mfu() -> None:
    short = metrics(losses=[1.9, 1.8])
    assert short["verdict"] == "SKIPPED" and codes(short) == ["BD526"]
    assert verdict_section(short).derived_status == "skipped"
    assert metrics(losses=[1.9] * 10 + [0.1] * 10)["verdict"] == "PASS"  # 20 steps: judged

    gpu = dict(
        device="cuda:0",
        device_name="NVIDIA H100 80GB HBM3",
        precision="bf16",
        mfu_note="bf16 dense peak 989.0 TFLOP/s",
        peak_memory_mib=900.0,
    )
    assert codes(metrics(mfu=0.05, **gpu)) == ["BD527"]
    (low,) = verdict_section(metrics(mfu=0.05, **gpu)).findings
    assert low.fix == (  # ner whatever the task: cls does not learn in 100 steps at batch 256
        "measure on BERT-base dimensions: bertdoctor run-recipe ner --size base "
        "--batch-size 256 --max-length 128 --max-steps 100"
    )
    assert codes(metrics(mfu=0.41, **gpu)) == []
    assert codes(metrics(mfu=0.1, **gpu)) == []  # near miss
    assert codes(metrics(mfu=0.18, **gpu)) == []  # what eager BERT-base reached on an H100
    lines = "\n".join(verdict_section(metrics(mfu=0.41, **gpu)).lines)
    assert "MFU 41.0%" in lines and "peak GPU memory 900 MiB" in lines
    unknown = dict(gpu, mfu_note="unknown GPU 'Tesla K80': no peak FLOP/s on record")
    assert "MFU: unknown GPU" in "\n".join(verdict_section(metrics(mfu=None, **unknown)).lines)


def test_flops_per_token_and_the_gpu_peak_table() -> None:
    from transformers import BertConfig

    base = BertConfig(hidden_size=768, num_hidden_layers=12, intermediate_size=3072)
    # 6 x 85M non-embedding weights (+ the head), + 12 x layers x d x seq for attention
    per_token = common.flops_per_token(base, 128, 9)
    assert per_token == 6 * (12 * (4 * 768**2 + 2 * 768 * 3072) + 768 * 9) + 12 * 12 * 768 * 128
    assert 0.5e9 < per_token < 0.55e9
    assert common.gpu_peak_tflops("NVIDIA H100 80GB HBM3", "bf16") == 989.0
    assert common.gpu_peak_tflops("NVIDIA H100 PCIe", "bf16") == 756.0
    assert common.gpu_peak_tflops("NVIDIA H200", "bf16") == 989.0
    assert common.gpu_peak_tflops("NVIDIA A100-SXM4-80GB", "fp16") == 312.0
    assert common.gpu_peak_tflops("Tesla V100-SXM2-16GB", "bf16") is None  # no bf16 there
    assert common.gpu_peak_tflops("Tesla K80", "fp32") is None


def test_precision_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    cpu, gpu = torch.device("cpu"), torch.device("cuda", 0)
    assert common.choose_precision(cpu, "auto") == "fp32"
    with pytest.raises(common.RecipeError) as err:
        common.choose_precision(cpu, "bf16")
    assert err.value.code == "BD528"
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    assert common.choose_precision(gpu, "auto") == "bf16"
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: False)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda *a: "Tesla T4")
    assert common.choose_precision(gpu, "auto") == "fp16"  # older GPU: fp16 with a scaler
    with pytest.raises(common.RecipeError, match="Tesla T4, which has no bf16"):
        common.choose_precision(gpu, "bf16")
    assert common.grad_scaler(cpu, "fp32").is_enabled() is False


def test_config_round_trips_through_the_command_line() -> None:
    cfg = ner.Config(output="runs/x", lr=3e-4, crf=True, max_steps=7, model=None)
    again = common.config_from_argv(ner.Config, common.config_to_argv(cfg))
    assert again == cfg
    with pytest.raises(SystemExit, match="unknown setting 'nope'"):
        common.config_from_argv(ner.Config, ["--nope=1"])


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


no_gpu = pytest.mark.skipif(cuda_available(), reason="needs a machine where torch sees no GPU")


@no_gpu
def test_bd522_crash_on_a_device_torch_cannot_see(tmp_path: Path) -> None:
    cfg = build_config("ner", device="cuda", max_steps=2, output=str(tmp_path / "r"))
    report = run_report("ner", cfg)
    (finding,) = report.findings
    assert finding.code == "BD522" and "torch sees no CUDA GPU" in finding.message
    assert report.sections[-1].data["verdict"] == "CRASHED"


def test_bd530_crf_without_pytorch_crf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "torchcrf", None)  # import torchcrf -> ImportError
    cfg = build_config("ner", crf=True, max_steps=2, output=str(tmp_path / "r"))
    (finding,) = run_report("ner", cfg).findings
    assert finding.code == "BD530" and 'pip install "bertdoctor[crf]"' in finding.fix


def test_bd529_distributed_run_that_fails(tmp_path: Path) -> None:
    """A real launch whose workers fail (bf16 on CPU processes): the worker's error is quoted,
    not the launcher's closing ChildFailedError."""
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "bertdoctor",
            "run-recipe",
            "ner",
            "--nproc",
            "2",
            "--device",
            "cpu",
            "--precision",
            "bf16",
            "--max-steps",
            "2",
            "--output",
            str(tmp_path / "d"),
            "--json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 1 and "Traceback" not in r.stderr
    (finding,) = json.loads(r.stdout)["findings"]
    assert finding["code"] == "BD529"
    assert finding["message"].startswith(
        "torch.distributed.run with 2 processes exited with status 1: "
    )
    assert "RecipeError: --precision bf16 on cpu" in finding["message"]
    assert "ChildFailedError" not in finding["message"]


def test_bd523_end_to_end_with_a_learning_rate_far_too_high(tmp_path: Path) -> None:
    m = ner.main(
        ner.Config(
            output=str(tmp_path / "r"),
            lr=1e12,
            max_steps=30,
            device="cpu",
            train_size=96,
            dev_size=24,
            batch_size=16,
        )
    )
    assert m["non_finite"]["step"] == len(m["losses"]) < 30  # stopped at the first NaN
    assert m["verdict"] == "FAIL" and m["checkpoint"] is None
    assert not (tmp_path / "r/checkpoint").exists()  # no checkpoint of NaN weights
    assert [f.code for f in verdict_section(m).findings] == ["BD523"]


def test_gradient_accumulation_counts_optimizer_steps(tmp_path: Path) -> None:
    m = ner.main(
        ner.Config(
            output=str(tmp_path / "r"),
            grad_accum=2,
            batch_size=8,
            epochs=1,
            train_size=96,
            dev_size=24,
            save_every=0,
        )
    )
    # 96 sentences in batches of 8 = 12 micro-batches = 6 optimizer steps; warmup 10% of 6
    assert m["steps_per_epoch"] == 6 and m["total_steps"] == 6 and len(m["losses"]) == 6
    assert m["warmup_steps"] == 1 and m["lrs"][0] == pytest.approx(m["lr"])
    assert m["lrs"][-1] == pytest.approx(m["lr"] / 5)  # linear decay: (6 - 5) / (6 - 1)


def test_resume_needs_the_output_folder(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "bertdoctor", "run-recipe", "ner", "--resume"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2 and "--resume needs the --output folder" in r.stderr


# ---- the meter: the first step's one-time costs stay out of the rates ----------------------------


@pytest.fixture
def clock(monkeypatch):
    """perf_counter as a clock that moves one second per reading."""
    ticks = itertools.count()
    monkeypatch.setattr(common.time, "perf_counter", lambda: float(next(ticks)))


def test_meter_rates_leave_out_the_first_step(clock):
    import torch

    meter = common.Meter(torch.device("cpu"))
    meter.start()
    meter.add(32, 400, 1024)  # the first step: on a GPU, seconds of loading kernels
    meter.step_done()
    # progress right after the first step: its own rate (readings 0 and 1), not 0 samples/s
    assert meter.rate(world=2) == 64.0
    meter.add(16, 300, 512)
    meter.step_done()
    meter.stop()
    assert meter.rate(world=1) == 16.0  # the second step's 16 samples in its one second
    config = ner_config_dims()
    out = meter.summary(config=config, num_labels=7, precision="fp32", world=1)
    # readings: start 0, end of the first step 1, stop 2
    assert out["train_seconds"] == 2.0 and out["first_step_seconds"] == 1.0
    assert out["mean_padded_length"] == 32.0  # 512 / 16: the second step alone
    assert out["samples_per_s"] == 16.0 and out["tokens_per_s"] == 300.0


def test_meter_with_one_step_measures_that_step(clock):
    import torch

    meter = common.Meter(torch.device("cpu"))
    meter.start()
    meter.add(32, 400, 1024)
    meter.step_done()
    meter.stop()
    out = meter.summary(config=ner_config_dims(), num_labels=7, precision="fp32", world=1)
    # readings: start 0, end of the step 1, stop 2 (no step after it): 2 s for 32 samples
    assert out["first_step_seconds"] == 0.0  # nothing after it: the one step is the measure
    assert out["train_seconds"] == 2.0 and out["samples_per_s"] == 16.0
    assert out["mean_padded_length"] == 32.0


def ner_config_dims() -> Any:
    from types import SimpleNamespace

    return SimpleNamespace(hidden_size=64, intermediate_size=128, num_hidden_layers=2)


def test_first_step_share_is_shown_only_when_large():
    from bertdoctor.recipe import _first_step

    assert _first_step({"train_seconds": 17.1, "first_step_seconds": 13.2}) == (
        ", 13.2 s of it the first step"
    )
    assert _first_step({"train_seconds": 4.0, "first_step_seconds": 0.3}) == ""  # 7.5%
    assert _first_step({"train_seconds": 4.0}) == ""  # metrics.json of an older run


# ---- --nproc on a machine with fewer GPUs ---------------------------------------------------


def test_bd529_more_processes_than_gpus(tmp_path, monkeypatch):
    from bertdoctor import recipe

    monkeypatch.setattr(recipe, "_cuda_device_count", lambda: 1)
    cfg = build_config("ner", output=str(tmp_path / "r"), max_steps=2)
    report = run_report("ner", cfg, nproc=2, checks=False)
    (finding,) = report.sections[-1].findings
    assert finding.code == "BD529"
    assert finding.message == (
        "--nproc 2 on --device auto: each process takes one GPU, and torch sees 1 GPU"
    )
    assert finding.fix == "use --nproc 1, or --device cpu for 2 CPU processes (gloo)"
    assert not (tmp_path / "r").exists()  # refused before any process started


def fake_launcher(lines: list[str], launched: list[list[str]]) -> type:
    """subprocess.Popen for torch.distributed.run: records the command, prints ``lines``,
    exits 1."""

    class FakePopen:
        def __init__(self, cmd: list[str], **k: object) -> None:
            launched.append(cmd)
            self.stdout = iter(line + "\n" for line in lines)

        def __enter__(self) -> FakePopen:
            return self

        def __exit__(self, *a: object) -> None:
            pass

        def wait(self) -> int:
            return 1

    return FakePopen


def test_bd529_near_miss_auto_on_a_machine_without_gpus_runs_cpu_processes(tmp_path, monkeypatch):
    from bertdoctor import recipe

    launched: list[list[str]] = []
    monkeypatch.setattr(recipe, "_cuda_device_count", lambda: 0)
    monkeypatch.setattr(recipe.subprocess, "Popen", fake_launcher(["ok"], launched))
    cfg = build_config("ner", output=str(tmp_path / "r"), max_steps=2)  # --device auto
    (finding,) = run_report("ner", cfg, nproc=2, checks=False).sections[-1].findings
    assert "each process takes one GPU" not in finding.message  # not refused: launched
    (cmd,) = launched
    assert "--nproc-per-node=2" in cmd and "--device=cpu" in cmd


def test_bd529_quotes_the_workers_error_not_the_launchers(tmp_path, monkeypatch):
    """Near miss: as many GPUs as processes, so the launcher runs; a worker fails."""
    from bertdoctor import recipe

    lines = [
        "[rank1]: Traceback (most recent call last):",
        "[rank1]: torch.AcceleratorError: CUDA error: invalid device ordinal",
        "E1122 17:30:01 torch/distributed/elastic/multiprocessing/api.py:900] failed",
        "torch.distributed.elastic.multiprocessing.errors.ChildFailedError:",
    ]

    monkeypatch.setattr(recipe, "_cuda_device_count", lambda: 2)
    monkeypatch.setattr(recipe.subprocess, "Popen", fake_launcher(lines, []))
    cfg = build_config("ner", output=str(tmp_path / "r"), max_steps=2)
    (finding,) = run_report("ner", cfg, nproc=2, checks=False).sections[-1].findings
    assert finding.code == "BD529"
    assert finding.message == (
        "torch.distributed.run with 2 processes exited with status 1: "
        "[rank1]: torch.AcceleratorError: CUDA error: invalid device ordinal"
    )
