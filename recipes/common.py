"""Small helpers the two recipes share: device and precision, DDP, the model, checkpoints, MFU,
metrics.json. The training loops themselves live in ner.py and cls.py, in plain sight."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class RecipeError(Exception):
    """The recipe cannot run as asked; ``code`` is the bertdoctor rule that names why."""

    def __init__(self, code: str, message: str, fix: str | None = None) -> None:
        super().__init__(message)
        self.code, self.fix = code, fix


# ---------------------------------------------------------------------------------------------
# Configuration from the command line, nanoGPT style: --key=value for any field of the Config.


def config_from_argv(cls: type, argv: list[str]) -> Any:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for arg in argv:
        if not arg.startswith("--") or "=" not in arg:
            raise SystemExit(f"usage: --key=value (one of {', '.join(fields)}); got {arg!r}")
        key, raw = arg[2:].split("=", 1)
        key = key.replace("-", "_")
        if key not in fields:
            raise SystemExit(f"unknown setting {key!r}; settings: {', '.join(fields)}")
        values[key] = (
            json.loads(raw)
            if raw[:1] in "[{0123456789-" or raw in ("true", "false", "null")
            else raw
        )
    return cls(**values)


def config_to_argv(cfg: Any) -> list[str]:
    """The inverse of config_from_argv, for handing a Config to torch.distributed.run workers."""
    out = []
    for f in dataclasses.fields(cfg):
        value = getattr(cfg, f.name)
        out.append(f"--{f.name}={value if isinstance(value, str) else json.dumps(value)}")
    return out


# ---------------------------------------------------------------------------------------------
# Device, precision, distributed.


@dataclass(frozen=True)
class Dist:
    rank: int  # this process among all processes (0 writes files and evaluates)
    world: int  # number of processes
    local_rank: int  # this process on this machine: its GPU index
    device: Any  # torch.device

    @property
    def main(self) -> bool:
        return self.rank == 0


def setup_distributed(device: str = "auto") -> Dist:
    """Joins the process group when started by torch.distributed.run (it sets WORLD_SIZE)."""
    import torch

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise RecipeError(
            "BD522",
            f"--device {device} asked for, but torch sees no CUDA GPU (torch {torch.__version__})",
            "check the machine with `bertdoctor check-env`, or use --device cpu",
        )
    if device.startswith("cuda"):
        index = local_rank if world > 1 else (torch.device(device).index or 0)
        torch.cuda.set_device(index)
        dev = torch.device("cuda", index)
    else:
        dev = torch.device(device)
    if world > 1:
        import torch.distributed as tdist

        # NCCL between GPUs, gloo between CPU processes.
        tdist.init_process_group("nccl" if dev.type == "cuda" else "gloo")
    return Dist(rank, world, local_rank, dev)


def teardown_distributed(dist: Dist) -> None:
    if dist.world > 1:
        import torch.distributed as tdist

        if tdist.is_initialized():
            tdist.destroy_process_group()


def choose_precision(device: Any, precision: str) -> str:
    """auto: bf16 where the GPU has it, fp16 (with a GradScaler) on older GPUs, fp32 on CPU."""
    import torch

    if precision not in ("auto", "fp32", "bf16", "fp16"):
        raise RecipeError(
            "BD528", f"unknown precision {precision!r}", "use --precision auto, fp32, bf16 or fp16"
        )
    if device.type != "cuda":
        if precision in ("bf16", "fp16"):
            raise RecipeError(
                "BD528",
                f"--precision {precision} on {device.type}: the recipe "
                "uses mixed precision only on CUDA GPUs",
                "leave --precision auto (fp32 on the CPU) or run on a GPU",
            )
        return "fp32"
    if precision == "auto":
        return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    if precision == "bf16" and not torch.cuda.is_bf16_supported():
        name = torch.cuda.get_device_name(device)
        raise RecipeError(
            "BD528",
            f"--precision bf16 on {name}, which has no bf16 support",
            "use --precision fp16 (with loss scaling) or auto",
        )
    return precision


def autocast(device: Any, precision: str) -> Any:
    """Mixed-precision autocast on CUDA for bf16/fp16; nothing (fp32) otherwise."""
    import torch

    if device.type == "cuda" and precision in ("bf16", "fp16"):
        dtype = torch.bfloat16 if precision == "bf16" else torch.float16
        return torch.autocast("cuda", dtype=dtype)
    return nullcontext()


def grad_scaler(device: Any, precision: str) -> Any:
    """fp16 gradients underflow without loss scaling; bf16 has fp32's range and needs none."""
    import torch

    return torch.amp.GradScaler("cuda", enabled=device.type == "cuda" and precision == "fp16")


def fused_adamw(device: Any) -> bool:
    """Fused AdamW runs on CUDA, and on the CPU since torch 2.4."""
    import torch

    major, minor = (int(x) for x in torch.__version__.split(".")[:2])
    return device.type == "cuda" or (device.type == "cpu" and (major, minor) >= (2, 4))


def all_reduce_mean(value: float, dist: Dist) -> float:
    if dist.world == 1:
        return value
    import torch
    import torch.distributed as tdist

    t = torch.tensor([value], dtype=torch.float64, device=dist.device)
    tdist.all_reduce(t)
    return float(t.item()) / dist.world


def barrier(dist: Dist) -> None:
    if dist.world > 1:
        import torch.distributed as tdist

        tdist.barrier()


def seed_everything(seed: int) -> None:
    import random

    import torch

    random.seed(seed)
    torch.manual_seed(seed)  # also seeds every CUDA device


# ---------------------------------------------------------------------------------------------
# Models.

TINY = dict(hidden_size=64, num_hidden_layers=2, num_attention_heads=2, intermediate_size=128)
BASE = dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072)


def build_or_load_model(
    auto_cls: Any,
    *,
    model_dir: str | None,
    size: str,
    vocab_size: int,
    labels: list[str],
    max_length: int,
) -> Any:
    """A local pretrained folder (never a download), or a fresh BERT of the given size."""
    id2label = dict(enumerate(labels))
    label2id = {v: k for k, v in id2label.items()}
    if model_dir:
        # A new head for these labels; a head trained for another label set is replaced, not
        # loaded with mismatched shapes.
        with quiet_transformers():  # a new head is expected here: no "newly initialized" notes
            return auto_cls.from_pretrained(
                model_dir,
                num_labels=len(labels),
                id2label=id2label,
                label2id=label2id,
                ignore_mismatched_sizes=True,
                local_files_only=True,
            )
    from transformers import BertConfig

    dims = {"tiny": TINY, "base": BASE}[size]
    config = BertConfig(
        vocab_size=vocab_size,
        max_position_embeddings=max(512, max_length),
        num_labels=len(labels),
        id2label=id2label,
        label2id=label2id,
        **dims,
    )
    return auto_cls.from_config(config)


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """No transformers progress bars or notes on stderr: the recipe's own bar is the only one."""
    from transformers.utils import logging as hf_logging

    bars, level = hf_logging.is_progress_bar_enabled(), hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()


def load_tokenizer(model_dir: str) -> Any:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    if not getattr(tok, "is_fast", False):
        raise RecipeError(
            "BD522",
            f"{model_dir} has no fast tokenizer; the recipe aligns labels "
            "with a fast tokenizer's word_ids()",
            "add tokenizer.json to the folder (save a BertTokenizerFast there)",
        )
    return tok


# ---------------------------------------------------------------------------------------------
# Checkpoints: written to a temporary name, then renamed, so a crash never leaves half of one.


def save_checkpoint(
    folder: Path,
    model: Any,
    tokenizer: Any,
    state: dict[str, Any],
    extra: dict[str, Any] | None = None,
    config: Any = None,
) -> Path:
    import torch
    from safetensors.torch import save_file

    final = folder / "checkpoint"
    tmp = folder / f".checkpoint.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    with quiet_transformers():
        model.save_pretrained(tmp, safe_serialization=True)
    tokenizer.save_pretrained(tmp)
    for name, tensors in (extra or {}).items():
        save_file({k: v.detach().cpu().contiguous() for k, v in tensors.items()}, tmp / name)
    torch.save(state, tmp / "trainer_state.pt")
    if config is not None:  # the run's settings: --resume continues with these
        (tmp / "recipe_config.json").write_text(
            json.dumps(dataclasses.asdict(config), indent=2) + "\n"
        )
    old = folder / ".checkpoint.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        os.replace(final, old)
    os.replace(tmp, final)
    shutil.rmtree(old, ignore_errors=True)
    return final


def load_trainer_state(folder: Path) -> dict[str, Any]:
    import torch

    path = folder / "checkpoint" / "trainer_state.pt"
    if not path.is_file():
        raise RecipeError(
            "BD522",
            f"--resume: no checkpoint at {path}",
            "give the --output folder of an earlier run, or leave out --resume",
        )
    return torch.load(path, map_location="cpu", weights_only=True)


# ---------------------------------------------------------------------------------------------
# Throughput and model FLOPs utilisation.

# Dense (no sparsity) peak TFLOP/s by GPU name and precision, from the vendors' data sheets.
# "fp32" is plain FP32 (the recipe does not turn on TF32). The first matching name wins.
GPU_PEAK_TFLOPS: list[tuple[str, dict[str, float]]] = [
    ("H200", {"bf16": 989.0, "fp16": 989.0, "fp32": 67.0}),
    ("H100 PCIe", {"bf16": 756.0, "fp16": 756.0, "fp32": 51.0}),
    ("H100", {"bf16": 989.0, "fp16": 989.0, "fp32": 67.0}),  # SXM / HBM3
    ("GH200", {"bf16": 989.0, "fp16": 989.0, "fp32": 67.0}),
    ("A100", {"bf16": 312.0, "fp16": 312.0, "fp32": 19.5}),
    ("A800", {"bf16": 312.0, "fp16": 312.0, "fp32": 19.5}),
    ("L40S", {"bf16": 362.0, "fp16": 362.0, "fp32": 91.6}),
    ("L4", {"bf16": 121.0, "fp16": 121.0, "fp32": 30.3}),
    ("A10", {"bf16": 125.0, "fp16": 125.0, "fp32": 31.2}),
    ("RTX 4090", {"bf16": 165.2, "fp16": 165.2, "fp32": 82.6}),
    ("RTX 3090", {"bf16": 71.0, "fp16": 71.0, "fp32": 35.6}),
    ("V100", {"fp16": 125.0, "fp32": 15.7}),
    ("T4", {"fp16": 65.0, "fp32": 8.1}),
]


def gpu_peak_tflops(name: str, precision: str) -> float | None:
    for key, peaks in GPU_PEAK_TFLOPS:
        if key.lower() in name.lower():
            return peaks.get(precision)
    return None


def flops_per_token(config: Any, seq_len: float, num_labels: int) -> float:
    """Training FLOPs per token (forward + backward), the PaLM appendix B way.

    6 x N for the matrix multiplies, where N counts the weights a token passes through
    (per layer 4 d^2 for Q, K, V and the output, 2 d f for the feed-forward; plus the
    classifier d x labels); embedding lookups are not multiplies and are left out. Attention
    adds 12 x layers x d x seq_len per token (QK^T and attention x V, forward and backward),
    with seq_len the padded length the GPU actually computes.
    """
    d, f, layers = config.hidden_size, config.intermediate_size, config.num_hidden_layers
    n = layers * (4 * d * d + 2 * d * f) + d * num_labels
    return 6.0 * n + 12.0 * layers * d * seq_len


class Meter:
    """Counts what the training loop processed, and the time it spent, for samples/s, tokens/s
    and MFU. Time is measured between synchronisations, so GPU work is counted when done."""

    def __init__(self, device: Any) -> None:
        self.device = device
        self.samples = self.tokens = self.padded_tokens = 0
        self.seconds = 0.0
        self._start: float | None = None
        # the counts at the end of the first step: seconds, samples, tokens, padded tokens
        self.first: tuple[float, int, int, int] | None = None
        if device.type == "cuda":
            import torch

            torch.cuda.reset_peak_memory_stats(device)  # peak memory of this run only

    def _sync(self) -> None:
        if self.device.type == "cuda":
            import torch

            torch.cuda.synchronize(self.device)

    def start(self) -> None:
        self._sync()
        self._start = time.perf_counter()

    def stop(self) -> None:
        if self._start is not None:
            self._sync()
            self.seconds += time.perf_counter() - self._start
            self._start = None

    def step_done(self) -> None:
        """Call after every optimizer step. The first step pays one-time costs (on a GPU:
        loading kernels, cuBLAS's choice of algorithms, the allocator's first blocks; an H100
        spent 13 s on it), so the rates count from its end: the counts at that end are kept
        and taken off, unless it was the only step."""
        if self.first is None and self._start is not None:
            self._sync()
            now = time.perf_counter()
            self.seconds += now - self._start
            self._start = now
            self.first = (self.seconds, self.samples, self.tokens, self.padded_tokens)

    def _steady(self, seconds: float) -> tuple[float, int, int, int]:
        """Seconds, samples, tokens and padded tokens after the first step, or all of them while
        the first step is the only one."""
        counts = (seconds, self.samples, self.tokens, self.padded_tokens)
        if self.first is None or self.samples == self.first[1]:
            return counts
        return tuple(a - b for a, b in zip(counts, self.first, strict=True))  # type: ignore[return-value]

    def rate(self, world: int) -> float:
        """Samples per second so far, for progress (the first step's own while it is the only
        one, since the rates leave it out)."""
        if self.first is not None and self.samples == self.first[1]:
            return self.first[1] * world / max(self.first[0], 1e-9)
        seconds, samples, _, _ = self._steady(self.seconds + self.elapsed())
        return samples * world / max(seconds, 1e-9)

    def elapsed(self) -> float:
        """Seconds since start() without synchronising: for progress, not for the results."""
        return time.perf_counter() - self._start if self._start is not None else 0.0

    def add(self, samples: int, tokens: int, padded_tokens: int) -> None:
        self.samples += samples
        self.tokens += tokens
        self.padded_tokens += padded_tokens

    def summary(
        self,
        *,
        config: Any,
        num_labels: int,
        precision: str,
        world: int,
    ) -> dict[str, Any]:
        secs, samples, tokens, padded = self._steady(self.seconds)
        first_secs = self.seconds - secs  # 0 when the first step is all there is to measure
        secs = max(secs, 1e-9)
        seq = padded / max(samples, 1)
        out: dict[str, Any] = {
            # every process counts its own share; the totals are for all processes together
            "train_seconds": round(self.seconds, 3),
            "first_step_seconds": round(first_secs, 3),  # not in the rates below
            "samples_per_s": round(samples * world / secs, 2),
            "tokens_per_s": round(tokens * world / secs, 1),
            "mean_padded_length": round(seq, 1),
            "flops_per_token": flops_per_token(config, seq, num_labels),
        }
        achieved = out["flops_per_token"] * padded * world / secs
        out["achieved_tflops"] = round(achieved / 1e12, 4)
        if self.device.type == "cuda":
            import torch

            name = torch.cuda.get_device_name(self.device)
            peak = gpu_peak_tflops(name, precision)
            out["gpu_peak_tflops"] = peak
            # per-GPU utilisation: the total over all GPUs divided by all their peaks
            out["mfu"] = round(achieved / (peak * 1e12 * world), 4) if peak else None
            out["mfu_note"] = (
                f"{precision} dense peak {peak} TFLOP/s of {name}"
                if peak
                else f"unknown GPU {name!r}: no peak FLOP/s on record"
            )
            out["peak_memory_mib"] = round(torch.cuda.max_memory_allocated(self.device) / 2**20, 1)
        return out


# ---------------------------------------------------------------------------------------------
# Run description, verdict, metrics.json.


def environment(dist: Dist, precision: str) -> dict[str, Any]:
    import torch
    import transformers

    dev = dist.device
    return {
        "device": str(dev),
        "device_name": (
            torch.cuda.get_device_name(dev)
            if dev.type == "cuda"
            else f"CPU, {os.cpu_count()} cores, {plural_threads(torch.get_num_threads())}"
        ),
        "precision": precision,
        "processes": dist.world,
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "transformers": transformers.__version__,
        "python": sys.version.split()[0],
    }


def plural_threads(n: int) -> str:
    return f"{n} thread{'s' if n != 1 else ''}"


def judge(
    losses: list[float],
    metric: float | None,
    *,
    num_labels: int,
    loss_drop: float,
    min_metric: float,
    min_steps: int = 20,
) -> dict[str, Any]:
    """PASS when the loss fell by ``loss_drop`` (a fraction) and the metric >= ``min_metric``.

    First and last losses are means over the first and last tenth of the steps (at most 10),
    so one noisy batch cannot decide the verdict.
    """
    k = max(1, min(10, len(losses) // 10))
    first = sum(losses[:k]) / k if losses else math.nan
    last = sum(losses[-k:]) / k if losses else math.nan
    drop = (first - last) / first if losses and first > 0 else 0.0
    out = {
        "loss_first": round(first, 4),
        "loss_last": round(last, 4),
        "loss_drop": round(drop, 4),
        "expected_initial_loss": round(math.log(num_labels), 4),
        "required_loss_drop": loss_drop,
        "required_metric": min_metric,
        "steps": len(losses),
    }
    if not all(math.isfinite(v) for v in losses):
        out.update(verdict="FAIL", reasons=["non-finite loss"])
    elif len(losses) < min_steps:
        out.update(
            verdict="SKIPPED",
            reasons=[f"only {len(losses)} steps; {min_steps} are needed for a verdict"],
        )
    else:
        reasons = []
        if drop < loss_drop:
            reasons.append(f"loss fell {drop:.0%}, needed {loss_drop:.0%}")
        if metric is None or metric < min_metric:
            reasons.append(
                f"metric {metric if metric is None else round(metric, 4)} < {min_metric}"
            )
        out.update(verdict="FAIL" if reasons else "PASS", reasons=reasons)
    return out


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    os.replace(tmp, path)


def default_output(task: str) -> Path:
    """A fresh folder under the current directory, never inside the user's data or model."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = Path.cwd() / "bertdoctor-runs" / f"{task}-{stamp}"
    path, i = base, 1
    while path.exists():
        i += 1
        path = base.with_name(f"{base.name}-{i}")
    return path


def small_model_threads(cfg: Any, dist: Dist, hidden_size: int) -> None:
    """One torch thread on the CPU for small models (hidden size <= 256) and for DDP workers,
    unless --threads says otherwise. Their matrices are too small to split across cores, and
    on a busy machine intra-op threads spin waiting for each other (measured here: a 20x
    slower default run with 2 threads than with 1 on a loaded 2-core machine)."""
    import torch

    if not cfg.threads and dist.device.type == "cpu" and (hidden_size <= 256 or dist.world > 1):
        torch.set_num_threads(1)


@contextmanager
def thread_limit(n: int | None) -> Iterator[None]:
    """Sets torch's CPU threads for a run (when n is given) and restores them afterwards."""
    import torch

    old = torch.get_num_threads()
    if n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(old)
