"""`bertdoctor check-run`: audits a finished or crashed transformers Trainer output folder.

Reads ``trainer_state.json`` (of the folder, or of its latest ``checkpoint-*`` when the run
crashed before writing its own) and judges its ``log_history`` with the same BD5xx checks the
live monitor uses: NaN or zero losses, NaN or infinite gradient norms, the learning-rate curve
against the planned ``max_steps``, evaluation metrics that never move or that show an O-only
tagger, and the best checkpoint against the last. Reads JSON only: no torch, no pickles.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import DoctorError, Finding, Location, Report, Section, plural
from ..render import render_curve
from ..runner import run_check
from . import training as judge

STATE = "trainer_state.json"
CHECKPOINT_RE = re.compile(r"^checkpoint-(\d+)$")


@dataclass
class RunLog:
    """The series of one run, as logged by the Trainer."""

    state_path: Path
    state: dict[str, Any]
    losses: list[tuple[int, float]] = field(default_factory=list)
    grad_norms: list[tuple[int, float]] = field(default_factory=list)
    lrs: list[tuple[int, float]] = field(default_factory=list)
    evals: list[dict[str, Any]] = field(default_factory=list)

    @property
    def max_steps(self) -> int | None:
        return self.state.get("max_steps") or None

    @property
    def global_step(self) -> int:
        return int(self.state.get("global_step") or 0)


def checkpoints(folder: Path) -> list[Path]:
    """checkpoint-N folders, by N."""
    found = [
        (int(m.group(1)), p)
        for p in folder.iterdir()
        if p.is_dir() and (m := CHECKPOINT_RE.match(p.name))
    ]
    return [p for _, p in sorted(found)]


def find_state(folder: Path) -> Path:
    if not folder.is_dir():
        raise DoctorError(f"{folder}: not a folder (give the Trainer's output_dir)")
    if (folder / STATE).is_file():
        return folder / STATE
    for ckpt in reversed(checkpoints(folder)):
        if (ckpt / STATE).is_file():
            return ckpt / STATE
    raise DoctorError(
        f"{folder}: no {STATE} here or in a checkpoint-* folder (is this a Trainer output_dir?)"
    )


def number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def read_run(folder: Path) -> RunLog:
    path = find_state(folder)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DoctorError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DoctorError(f"{path}: cannot read ({exc})") from None
    if not isinstance(state, dict) or not isinstance(state.get("log_history", []), list):
        raise DoctorError(f"{path}: not a trainer_state.json (no log_history list)")
    run = RunLog(path, state)
    for entry in state.get("log_history") or []:
        if not isinstance(entry, dict):
            continue
        step = int(entry.get("step") or 0)
        if (loss := number(entry.get("loss"))) is not None:
            run.losses.append((step, loss))
        if (norm := number(entry.get("grad_norm"))) is not None:
            run.grad_norms.append((step, norm))
        if (lr := number(entry.get("learning_rate"))) is not None:
            run.lrs.append((step, lr))
        if any(k.startswith("eval_") for k in entry):
            run.evals.append(entry)
    return run


def num_labels_of(folder: Path, state_path: Path) -> int | None:
    latest = checkpoints(folder)[-1:] if folder.is_dir() else []
    for where in (folder, state_path.parent, *latest):
        try:
            config = json.loads((where / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(config.get("id2label"), dict):
            return len(config["id2label"])
        if isinstance(config.get("num_labels"), int):
            return config["num_labels"]
    return None


def loss_section(run: RunLog, num_labels: int | None) -> Section:
    where = str(run.state_path)
    findings = run_check(judge.check_logged_losses, run.losses, where)
    findings += run_check(judge.check_logged_grad_norms, run.grad_norms, where)
    finite = [v for _, v in run.losses if math.isfinite(v)]
    if not any(f.code == "BD501" for f in findings):
        findings += [
            Finding.of(f.code, f.message, locations=[Location(where)], fix=f.fix)
            for f in run_check(
                judge.check_loss_plateau,
                finite,
                num_labels=num_labels,
                last_step=run.losses[-1][0] if run.losses else None,
            )
        ]
    summary = "no training loss logged"
    if run.losses:
        first, last = run.losses[0], run.losses[-1]
        summary = (
            f"{judge.fmt(first[1])} at step {first[0]} -> {judge.fmt(last[1])} at step "
            f"{last[0]}, {plural(len(run.losses), 'logged value')}"
        )
    lines = render_curve([v for _, v in run.losses], label="training loss")
    if run.grad_norms:
        top = max(run.grad_norms, key=lambda p: p[1] if math.isfinite(p[1]) else math.inf)
        lines.append(
            f"grad_norm: {plural(len(run.grad_norms), 'logged value')}, "
            f"largest {judge.fmt(top[1])} at step {top[0]}"
        )
    return Section(
        "Training loss",
        summary,
        findings,
        lines,
        {"losses": run.losses, "grad_norms": run.grad_norms},
        status=None if run.losses or findings else "skipped",
    )


def lr_section(run: RunLog) -> Section:
    findings = [
        Finding.of(f.code, f.message, locations=[Location(str(run.state_path))], fix=f.fix)
        for f in run_check(judge.check_lr_curve, run.lrs, max_steps=run.max_steps)
    ]
    if not run.lrs:
        return Section("Learning rate", "no learning rate logged", findings, status="skipped")
    peak = max(run.lrs, key=lambda p: p[1])
    last = run.lrs[-1]
    of = f" of {run.max_steps}" if run.max_steps else ""
    summary = (
        f"peak {judge.fmt(peak[1])} at step {peak[0]}, {judge.fmt(last[1])} at step {last[0]}{of}"
    )
    lines = render_curve([v for _, v in run.lrs], label="learning rate")
    return Section("Learning rate", summary, findings, lines, {"learning_rates": run.lrs})


def eval_section(run: RunLog) -> Section:
    where = str(run.state_path)
    if not run.evals:
        return Section("Evaluation", "no evaluation logged", status="skipped")
    findings = run_check(judge.check_static_metrics, run.evals, where)
    last = run.evals[-1]
    findings += [
        Finding.of(f.code, f.message, locations=[Location(where)], fix=f.fix)
        for f in run_check(judge.check_ner_metrics, last, step=last.get("step"))
    ]
    keys = [
        k
        for k in last
        if k.startswith("eval_") and not any(k.endswith(i) for i in judge.IGNORED_METRICS)
    ]
    lines = []
    for key in keys:
        vals = [number(e.get(key)) for e in run.evals]
        shown = " -> ".join(judge.fmt(v) for v in vals if v is not None)
        lines.append(f"{key}: {shown}")
    summary = f"{plural(len(run.evals), 'evaluation')}, last at step {last.get('step')}"
    return Section("Evaluation", summary, findings, lines, {"evaluations": run.evals})


def best_metric_name(run: RunLog, best_metric: float | None) -> str | None:
    """The eval metric whose value at the best step is best_metric (the state does not say)."""
    step = run.state.get("best_global_step")
    for entry in run.evals:
        if step is not None and entry.get("step") != step:
            continue
        for key, value in entry.items():
            if key.startswith("eval_") and number(value) == best_metric:
                return key
    return None


def checkpoint_section(run: RunLog, folder: Path) -> Section:
    ckpts = checkpoints(folder)
    names = [p.name for p in ckpts]
    best = run.state.get("best_model_checkpoint")
    best_metric = number(run.state.get("best_metric"))
    lines = []
    status = None
    data: dict[str, Any] = {
        "checkpoints": names,
        "best_model_checkpoint": best,
        "best_metric": best_metric,
    }
    if best:
        best_name = Path(best).name
        exists = (folder / best_name).is_dir()
        metric = best_metric_name(run, best_metric)
        shown = "" if best_metric is None else f" ({metric or 'metric'} {judge.fmt(best_metric)})"
        lines.append(
            f"best: {best_name}{shown}"
            + ("" if exists else ", its folder is gone (save_total_limit?)")
        )
        if not exists:
            status = "warning"  # the best weights are lost: nothing to load
        last = names[-1] if names else None
        if last and last != best_name:
            now = number(run.evals[-1].get(metric)) if metric and run.evals else None
            at = f" ({metric} {judge.fmt(now)})" if now is not None else ""
            load = f"load {folder / best_name} or " if exists else ""
            lines.append(
                f"last: {last}{at}: the best model is not the last one; {load}train with "
                "load_best_model_at_end=True"
                + ("" if exists else " (the Trainer then keeps the best checkpoint)")
            )
        elif last:
            lines.append("last: the best checkpoint is the last one")
    saved = sorted((folder / "bertdoctor").glob("step*-batch*.pt"))
    if saved:
        data["saved_batches"] = [str(p) for p in saved]
        shown = ", ".join(str(p.relative_to(folder)) for p in saved[:3])
        more = f" (+{len(saved) - 3} more)" if len(saved) > 3 else ""
        lines.append(
            f"batches DoctorCallback saved at its findings: {shown}{more} (replay: "
            "torch.load(path, weights_only=True)['batch'])"
        )
    if run.max_steps and run.global_step < run.max_steps:
        lines.append(f"the run stopped at step {run.global_step} of {run.max_steps}")
    summary = ", ".join(names) if names else "no checkpoint-* folders"
    return Section("Checkpoints", summary, [], lines, data, status=status)


def check_run_report(folder: str | Path) -> Report:
    """The check-run report of a Trainer output folder (or of one checkpoint-* folder)."""
    folder = Path(folder)
    run = read_run(folder)
    num_labels = num_labels_of(folder, run.state_path)
    sections = [
        loss_section(run, num_labels),
        lr_section(run),
        eval_section(run),
        checkpoint_section(run, folder),
    ]
    data = {
        "state": str(run.state_path),
        "global_step": run.global_step,
        "max_steps": run.max_steps,
    }
    return Report("check-run", sections, data)
