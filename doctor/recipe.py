"""Library glue of `run-recipe` and `diagnose`: options -> recipe Config, the checks that must
pass first, the run (in this process, or DDP through torch.distributed.run), and the verdict.

The recipes themselves (``bertdoctor.recipes.ner`` / ``.cls``) know nothing about findings; this
module turns their metrics into a Section with PASS/FAIL, the reasons as BD52x findings, the
loss curve, throughput, memory, MFU and versions.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import subprocess
import sys
import traceback
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .findings import DoctorError, Finding, Report, Section, Severity, plural
from .render import lines_of, render_curve

TASKS = ("ner", "cls")
# diagnose trains on the user's data for at most this many optimizer steps: enough to see the
# loss fall, short enough for one screen's wait; `run-recipe` runs the full epochs
DIAGNOSE_STEPS = 60


def recipe_module(task: str) -> Any:
    if task not in TASKS:
        raise DoctorError(f"unknown recipe {task!r}; choose one of: {', '.join(TASKS)}")
    import importlib

    return importlib.import_module(f"bertdoctor.recipes.{task}")


def build_config(task: str, **options: Any) -> Any:
    """The recipe's Config with the given options; None means "the recipe's default"."""
    module = recipe_module(task)
    fields = {f.name for f in dataclasses.fields(module.Config)}
    unknown = {k for k, v in options.items() if v is not None and k not in fields}
    if unknown:
        raise DoctorError(f"`run-recipe {task}` has no option {', '.join(sorted(unknown))}")
    values = {k: v for k, v in options.items() if v is not None and k in fields}
    for key in ("model", "data", "dev"):
        if values.get(key) is not None:
            path = Path(values[key])
            if not path.exists():
                raise DoctorError(f"--{key} {values[key]}: no such file or folder")
            values[key] = str(path)
    if values.get("resume"):
        values = _saved_settings(module.Config, values)
    cfg = module.Config(**values)
    if cfg.output is None:
        from bertdoctor.recipes.common import default_output

        cfg.output = str(default_output(task))
    _refuse_output_inside(cfg)
    return cfg


# what a resumed run may change; every other setting comes from the run it continues
RESUME_OVERRIDES = ("device", "precision", "output", "resume", "log_every", "threads")


def _saved_settings(config_cls: Any, values: dict[str, Any]) -> dict[str, Any]:
    """--resume --output DIR: the settings of the run in DIR, so nothing has to be repeated."""
    if not values.get("output"):
        raise DoctorError("--resume needs the --output folder of the run to continue")
    path = Path(values["output"]) / "checkpoint" / "recipe_config.json"
    if not path.is_file():
        raise DoctorError(f"--resume: no checkpoint in {values['output']} ({path} is missing)")
    fields = {f.name for f in dataclasses.fields(config_cls)}
    saved = {k: v for k, v in json.loads(path.read_text()).items() if k in fields}
    return {**saved, **{k: v for k, v in values.items() if k in RESUME_OVERRIDES}}


def _refuse_output_inside(cfg: Any) -> None:
    """bertdoctor never writes into the user's model folder, nor into a data folder given as
    --data / --dev (a data FILE's folder may hold the working directory and its runs)."""
    out = Path(cfg.output).resolve()
    for key in ("model", "data", "dev"):
        given = getattr(cfg, key, None)
        if not given or not Path(given).is_dir():
            continue
        folder = Path(given).resolve()
        if out == folder or folder in out.parents:
            raise DoctorError(
                f"--output {cfg.output} is inside the --{key} folder {folder}; "
                "bertdoctor never writes there: give another --output"
            )


# ---------------------------------------------------------------------------------------------
# The checks that run first.


def preflight(task: str, cfg: Any) -> list[Section]:
    """check-model and check-data sections for what was given (their errors stop the run).

    The recipe gives the model a new head for the data's own labels, so check-data judges the
    labels against that list (not against the folder's old id2label) and the rest (word
    pieces, [UNK], lengths) against the folder's tokenizer.
    """
    import tempfile

    sections: list[Section] = []
    if cfg.model and not cfg.resume:
        from .checks.model import check_model_report

        sections += check_model_report(cfg.model, task=task).sections
    paths = [p for p in (cfg.data, cfg.dev) if p]
    if paths:
        from .checks.data import check_data_report

        with tempfile.TemporaryDirectory(prefix="bertdoctor-") as tmp:
            labels_file = None
            if cfg.model:
                labels_file = str(Path(tmp) / "labels.json")
                Path(labels_file).write_text(json.dumps(data_labels(task, paths)))
            report = check_data_report(
                paths,
                model=cfg.model,
                task=task,
                labels_file=labels_file,
                max_length=recipe_max_length(cfg),
                crf=bool(getattr(cfg, "crf", False)),
            )
        for section in report.sections:
            section.findings = [_head_is_replaced(f, labels_file) for f in section.findings]
        sections += report.sections
    return sections


def _head_is_replaced(finding: Finding, labels_file: str | None) -> Finding:
    """The label list against the folder's old id2label: for the recipe, which builds a new
    head, a warning (it still matters for a script that keeps the old head)."""
    if labels_file is None or finding.code != "BD205":
        return finding
    if not any(loc.path == labels_file for loc in finding.locations):
        return finding
    return dataclasses.replace(
        finding,
        severity=Severity.WARNING,
        message=finding.message.replace(labels_file, "the data")
        + "; the recipe builds a new head for the data's labels",
        locations=(),
    )


def recipe_max_length(cfg: Any) -> int:
    """The length the recipe truncates to: --max-length, at most the model's positions."""
    if cfg.model:
        config = Path(cfg.model) / "config.json"
        try:
            positions = int(json.loads(config.read_text())["max_position_embeddings"])
            return min(cfg.max_length, positions)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # check-model reports an unreadable config
    return cfg.max_length


def data_labels(task: str, paths: list[str]) -> list[str]:
    """The label list the recipe will build its head from, in the recipe's order."""
    from .readers import read_examples

    if task == "ner":
        from bertdoctor.recipes import data, ner

        sents = [
            data.NerExample(list(ex.tokens), [str(t) for t in ex.tags])
            for path in paths
            for ex in read_examples(path, task="ner")
            if ex.tokens is not None and ex.tags is not None
        ]
        return ner.label_list(sents)
    from bertdoctor.recipes import cls, data

    texts = [
        data.ClsExample(ex.text or "", str(ex.label))
        for path in paths
        for ex in read_examples(path, task="cls")
        if ex.label is not None and not isinstance(ex.label, (list, tuple))
    ]
    return cls.label_list(texts)


MFU_NOTE_BELOW = 0.1  # BD527


def _first_step(m: dict[str, Any]) -> str:
    """The first step's share of the training time, where it is large enough to mislead: the
    rates leave it out (on a GPU it loads kernels and picks algorithms, seconds of it)."""
    first = m.get("first_step_seconds") or 0.0
    return f", {first:.1f} s of it the first step" if first > 0.1 * m["train_seconds"] else ""


def _error_count(sections: list[Section]) -> int:
    return sum(1 for s in sections for f in s.findings if f.severity is Severity.ERROR)


def blocked_section(task: str, sections: list[Section]) -> Section:
    errors = _error_count(sections)
    where = ", ".join(s.title for s in sections if s.derived_status == "error")
    return Section(
        f"Recipe {task}",
        "did not start",
        findings=[
            Finding.of(
                "BD524",
                f"{plural(errors, 'error')} in {where}; the recipe did not start",
                fix="fix the findings above, then rerun the same command",
            )
        ],
        data={"verdict": "BLOCKED"},
    )


# ---------------------------------------------------------------------------------------------
# Running the recipe.

Progress = Callable[..., None]


def run_in_process(task: str, cfg: Any, progress: Progress | None = None) -> dict[str, Any]:
    return recipe_module(task).main(cfg, progress=progress)


def run_distributed(
    task: str, cfg: Any, nproc: int, progress: Progress | None = None
) -> tuple[int, list[str]]:
    """Runs the recipe under torch.distributed.run with ``nproc`` processes on this machine.

    Returns the launcher's exit status and the last lines of the workers' output. Rank 0 writes
    OUTPUT/metrics.json; its step log lines feed ``progress``.
    """
    from bertdoctor.recipes.common import RecipeError, config_to_argv

    cfg = dataclasses.replace(cfg, log_every=1)
    gpus = _cuda_device_count()
    if cfg.device in ("auto", "cpu") and not gpus:
        cfg = dataclasses.replace(
            cfg, device="cpu", threads=cfg.threads or max(1, (os.cpu_count() or 1) // nproc)
        )
    if cfg.device != "cpu" and nproc > gpus:
        # one process per GPU: the process of rank gpus would ask for a GPU that is not there
        raise RecipeError(
            "BD529",
            f"--nproc {nproc} on --device {cfg.device}: each process takes one GPU, and torch "
            f"sees {plural(gpus, 'GPU')}",
            f"use --nproc {gpus}, or --device cpu for {nproc} CPU processes (gloo)"
            if gpus
            else "use --device cpu for CPU processes (gloo)",
        )
    cmd = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        f"--nproc-per-node={nproc}",
        "-m",
        f"bertdoctor.recipes.{task}",
        *config_to_argv(cfg),
    ]
    env = {**os.environ, "OMP_NUM_THREADS": str(cfg.threads or 1), "PYTHONUNBUFFERED": "1"}
    tail: deque[str] = deque(maxlen=80)
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            line = line.rstrip("\n")
            parsed = _parse_step_line(line)
            if parsed and progress is not None:
                progress(**parsed)
            elif not parsed:
                tail.append(line)
        rc = proc.wait()
    return rc, list(tail)


def _worker_error(tail: list[str]) -> str:
    """The last error line a worker printed, not the launcher's own 'ChildFailedError:'."""
    for line in reversed(tail):
        if "Error" in line and "ChildFailedError" not in line and "elastic" not in line:
            return line
    return tail[-1] if tail else ""


def _parse_step_line(line: str) -> dict[str, Any] | None:
    # "step 12/40 loss 1.2345 123.4 samples/s", written by the recipe's rank 0 with log_every
    parts = line.split()
    if len(parts) == 6 and parts[0] == "step" and parts[2] == "loss" and "/" in parts[1]:
        try:
            step, total = (int(x) for x in parts[1].split("/"))
            return {
                "step": step,
                "total": total,
                "loss": float(parts[3]),
                "samples_per_s": float(parts[4]),
            }
        except ValueError:
            return None
    return None


def _cuda_device_count() -> int:
    import torch

    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def crash_finding(task: str, cfg: Any, exc: BaseException) -> Finding:
    from bertdoctor.recipes.common import RecipeError

    if isinstance(exc, RecipeError):
        return Finding.of(exc.code, str(exc), fix=exc.fix)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    code = "BD509" if type(exc).__name__ == "OutOfMemoryError" else "BD522"
    fix = (
        f'look the error up: bertdoctor explain "{type(exc).__name__}: {first[:80]}"; '
        f"check the machine: bertdoctor check-env; try --device cpu --precision fp32"
    )
    if code == "BD509":
        fix = (
            "a smaller --batch-size with --grad-accum to keep the effective batch, or a "
            "shorter --max-length"
        )
    return Finding.of(
        code,
        f"recipe {task} crashed on {cfg.device} ({cfg.precision}): {type(exc).__name__}: {first}",
        fix=fix,
        detail=detail,
    )


def run_report(
    task: str,
    cfg: Any,
    *,
    nproc: int = 1,
    progress: Progress | None = None,
    checks: bool = True,
    command: str = "run-recipe",
) -> Report:
    """check-model / check-data first (for what was given), then the recipe and its verdict."""
    report = Report(command)
    if checks:
        report.sections += preflight(task, cfg)
        if _error_count(report.sections):
            report.sections.append(blocked_section(task, report.sections))
            return report
    metrics: dict[str, Any] | None = None
    try:
        if nproc > 1:
            rc, tail = run_distributed(task, cfg, nproc, progress)
            metrics_path = Path(cfg.output) / "metrics.json"
            if rc != 0 or not metrics_path.is_file():
                last = _worker_error(tail)
                report.sections.append(
                    Section(
                        f"Recipe {task}",
                        f"{nproc} processes failed",
                        findings=[
                            Finding.of(
                                "BD529",
                                f"torch.distributed.run with {nproc} processes exited with "
                                f"status {rc}: {last.strip()}",
                                fix="check that `bertdoctor run-recipe " + task + "` passes in one "
                                "process, then rerun with NCCL_DEBUG=INFO (GPUs)",
                                detail="\n".join(tail),
                            )
                        ],
                        data={"verdict": "CRASHED", "exit_status": rc},
                    )
                )
                return report
            metrics = json.loads(metrics_path.read_text())
        else:
            metrics = run_in_process(task, cfg, progress)
    except DoctorError:
        raise
    except Exception as exc:  # noqa: BLE001 - the recipe crashing IS the finding
        report.sections.append(
            Section(
                f"Recipe {task}",
                "crashed",
                findings=[crash_finding(task, cfg, exc)],
                data={"verdict": "CRASHED"},
            )
        )
        return report
    report.sections.append(verdict_section(metrics))
    report.data["metrics"] = {k: v for k, v in metrics.items() if k not in ("lrs",)}
    return report


# ---------------------------------------------------------------------------------------------
# The verdict.


def _fmt(value: Any, digits: int = 4) -> str:
    if value is None:
        return "n/a"
    return f"{value:.{digits}g}" if isinstance(value, float) else str(value)


def _short(path: str) -> str:
    """The path relative to the working directory when it is inside it."""
    try:
        return "./" + str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path


def verdict_section(m: dict[str, Any]) -> Section:
    task, verdict = m["task"], m["verdict"]
    name, metric, needed = m["metric_name"], m.get("metric"), m["required_metric"]
    findings: list[Finding] = []
    drop, need_drop = m["loss_drop"], m["required_loss_drop"]
    loss_text = (
        f"loss {_fmt(m['loss_first'])} -> {_fmt(m['loss_last'])} "
        f"({-drop:+.0%}, needed {-need_drop:+.0%}) over {m['steps']} steps"
    )
    metric_text = (
        f"{name} {_fmt(metric, 3)} on {m['dev_sentences']} held-out examples (needed >= {needed})"
    )
    if m.get("non_finite"):
        nf = m["non_finite"]
        good = [v for v in m["losses"] if math.isfinite(v)]
        last_ok = f"; last finite loss {good[-1]:.4g}" if good else ""
        findings.append(
            Finding.of(
                "BD523",
                f"loss is {nf['loss']} at step {nf['step']} ({m['device']}, "
                f"{m['precision']}){last_ok}",
                fix="rerun with --precision fp32 and with --device cpu; with your own data, a "
                "lower --lr and `bertdoctor check-data`",
            )
        )
    elif verdict == "SKIPPED":
        findings.append(
            Finding.of(
                "BD526",
                f"{m['steps']} steps: a smoke test that the model, device and precision "
                "work, not a verdict",
                fix=f"run the full default: bertdoctor run-recipe {task}",
            )
        )
    elif verdict == "INCONCLUSIVE":  # a fresh BERT-base on the cls XOR task (recipes/cls.py)
        findings.append(
            Finding.of(
                "BD531",
                f"a fresh BERT-base (random init) did not learn the embedded task: {loss_text}; "
                f"{metric_text}",
                fix="for a learning check on BERT-base dimensions: bertdoctor run-recipe ner "
                "--size base; for a classification check, a pretrained --model",
            )
        )
    else:
        if drop < need_drop:
            findings.append(
                Finding.of(
                    "BD520",
                    loss_text,
                    fix=f"run the embedded default (bertdoctor run-recipe "
                    f"{task}); if it passes, check your data and model",
                )
            )
        if metric is None or metric < needed:
            findings.append(
                Finding.of(
                    "BD521",
                    metric_text,
                    fix="compare the label sets of train and dev "
                    "(bertdoctor check-data), train longer (--epochs)",
                )
            )
    expected = m["expected_initial_loss"]
    if m["losses"] and math.isfinite(m["losses"][0]) and m["losses"][0] > 2 * expected + 1:
        findings.append(
            Finding.of(
                "BD525",
                f"first loss {m['losses'][0]:.3g}, expected about ln({len(m['labels'])}) "
                f"= {expected:.3g}",
                fix="let the head be created fresh for your labels; check the "
                "folder with bertdoctor check-model",
            )
        )
    # eager BERT-base under bf16 autocast reached 18% on an H100 at batch 256 (2026-11-22): under
    # 10% is more than the eager-mode overhead
    if m.get("mfu") is not None and m["mfu"] < MFU_NOTE_BELOW:
        findings.append(
            Finding.of(
                "BD527",
                f"MFU {m['mfu']:.1%} on {m['device_name']} ({m['mfu_note']})",
                # ner: the cls task does not learn in 100 steps at batch 256 from scratch
                fix="measure on BERT-base dimensions: bertdoctor run-recipe ner --size base "
                "--batch-size 256 --max-length 128 --max-steps 100",
            )
        )

    lines = lines_of([loss_text, metric_text])
    lines += lines_of(
        [
            f"{m['samples_per_s']:,.1f} samples/s, {m['tokens_per_s']:,.0f} tokens/s "
            f"({m['train_seconds']:.1f} s of training{_first_step(m)})",
            f"{m['parameters']:,} parameters, {plural(m['processes'], 'process', 'processes')}, "
            f"{m['device']} ({m['device_name']}), {m['precision']}",
            f"torch {m['torch']}, CUDA {m['cuda'] or 'none'}, transformers {m['transformers']}",
        ]
    )
    if "peak_memory_mib" in m:
        lines += lines_of([f"peak GPU memory {m['peak_memory_mib']:,.0f} MiB"])
    if m["device"].startswith("cuda"):
        mfu = m.get("mfu")
        lines += lines_of(
            [f"MFU {mfu:.1%} ({m['mfu_note']})" if mfu is not None else f"MFU: {m['mfu_note']}"]
        )
    lines += lines_of(render_curve(m["losses"], label="training loss per optimizer step"))
    lines += lines_of(
        [
            f"run folder {_short(m['output'])} (metrics.json"
            + (", checkpoint/)" if m.get("checkpoint") else ")")
        ]
    )
    if verdict == "PASS":
        summary = f"PASS: {name} {_fmt(metric, 3)}, loss fell {drop:.0%}"
        if needed <= 0:  # the user's data: no score it can promise, so only the loss is judged
            summary = f"PASS: loss fell {drop:.0%} ({name} {_fmt(metric, 3)}, not judged)"
    elif verdict == "SKIPPED":
        summary = f"ran {m['steps']} steps; too short for a verdict"
    elif verdict == "INCONCLUSIVE":
        summary = (
            "INCONCLUSIVE: a fresh BERT-base did not learn the task ("
            + "; ".join(m.get("reasons") or [])
            + "), which says nothing about this machine"
        )
    else:
        summary = "FAIL: " + "; ".join(m.get("reasons") or ["see below"])
    data = {
        k: m.get(k)
        for k in (
            "verdict",
            "reasons",
            "metric_name",
            "metric",
            "required_metric",
            "loss_first",
            "loss_last",
            "loss_drop",
            "required_loss_drop",
            "steps",
            "samples_per_s",
            "tokens_per_s",
            "train_seconds",
            "first_step_seconds",
            "peak_memory_mib",
            "mfu",
            "device",
            "device_name",
            "precision",
            "processes",
            "torch",
            "cuda",
            "output",
            "checkpoint",
        )
    }
    data["losses"] = m["losses"]
    quiet = all(f.severity is Severity.INFO for f in findings)
    return Section(
        f"Recipe {task}",
        summary,
        findings=findings,
        lines=lines,
        data=data,
        status="skipped" if verdict == "SKIPPED" and quiet else None,
    )


# ---------------------------------------------------------------------------------------------
# diagnose: every check that applies, then the recipe, then one verdict.


def infer_task(data: str) -> str:
    """ner for token-tagged files, cls for text labels (pairs included)."""
    from .readers import read_examples

    for ex in read_examples(data):
        return "ner" if ex.task == "ner" else "cls"
    raise DoctorError(f"{data}: no records")


def diagnose_report(
    *,
    data: str | None = None,
    model: str | None = None,
    script: str | None = None,
    progress: Progress | None = None,
    smoke: bool = True,
) -> Report:
    """check-env, check-model, check-imports + check-script, check-data for what was given;
    the matching recipe (on the user's data and model, else the embedded default ner); then a
    Diagnosis section naming each part's verdict and the first thing to fix."""
    from .checks.env import check_env_report

    report = Report("diagnose")
    parts: list[tuple[str, list[Section]]] = [
        ("Environment", check_env_report(smoke=smoke).sections)
    ]
    task = infer_task(data) if data else "ner"
    if model:
        from .checks.model import check_model_report

        parts.append(("Model", check_model_report(model, script=script, task=task).sections))
    if script:
        from .checks.imports import check_imports_report
        from .checks.script import check_script_report

        imports = check_imports_report(script).sections
        seen = {(f.code, f.message) for s in imports for f in s.findings}
        scripts = check_script_report([script]).sections
        for section in scripts:  # check-script repeats the import rules; show them once
            kept = [f for f in section.findings if (f.code, f.message) not in seen]
            if len(kept) < len(section.findings):
                errors = sum(f.severity is Severity.ERROR for f in kept)
                warnings = sum(f.severity is Severity.WARNING for f in kept)
                section.summary = (
                    f"{plural(errors, 'error')}, {plural(warnings, 'warning')} "
                    "(the import rules' findings are under Imports)"
                )
            section.findings = kept
        parts += [("Imports", imports), ("Script", scripts)]
    if data:
        from .checks.data import check_data_report

        # as the user's own script would see it: the labels against the folder's head
        sections = check_data_report([data], model=model, task=task).sections
        parts.append(("Data", [s for s in sections if not (model and s.title.startswith("Model"))]))
    for _, sections in parts:
        report.sections += sections

    options: dict[str, Any] = {"model": model, "data": data}
    if model or data:
        # the user's model or data: a bounded run judged on the loss alone (real data has no
        # known achievable score); `run-recipe` runs the full epochs
        options.update(max_steps=DIAGNOSE_STEPS, loss_drop=0.2)
        options["min_f1" if task == "ner" else "min_accuracy"] = 0.0
    cfg = build_config(task, **options)
    # the recipe runs unless its own checks fail: it builds a new head for the data's labels
    # and truncates to the model's positions, so those findings above do not stop it
    gate = preflight(task, cfg) if (model or data) else []
    if _error_count(gate):
        recipe = blocked_section(task, gate)
    else:
        recipe = run_report(task, cfg, progress=progress, checks=False, command="diagnose")
        recipe = recipe.sections[-1]
    report.sections.append(recipe)
    parts.append((f"Recipe {task}", [recipe]))
    report.sections.append(diagnosis_section(parts))
    return report


def diagnosis_section(parts: list[tuple[str, list[Section]]]) -> Section:
    order = {"error": 0, "warning": 1, "ok": 2, "skipped": 3}
    lines, statuses = [], {}
    first: Finding | None = None
    for rank in (Severity.ERROR, Severity.WARNING):
        for _, sections in parts:
            for s in sections:
                for f in s.findings:
                    if first is None and f.severity is rank:
                        first = f
    for name, sections in parts:
        status = min(
            (s.derived_status for s in sections), key=lambda x: order[x], default="skipped"
        )
        statuses[name] = status
        errors = _error_count(sections)
        warnings = sum(1 for s in sections for f in s.findings if f.severity is Severity.WARNING)
        said = {
            "error": plural(errors, "error")
            + (f", {plural(warnings, 'warning')}" if warnings else ""),
            "warning": plural(warnings, "warning"),
            "ok": "ok",
            "skipped": "skipped",
        }[status]
        recipe_summary = next((s.summary for s in sections if s.title.startswith("Recipe")), "")
        lines.append(f"{name}: {said}" + (f" ({recipe_summary})" if recipe_summary else ""))
    if first is not None:
        lines.append(f"first thing to fix: {first.code} {first.name}: {first.message}")
        if first.fix:
            lines.append(f"  → {first.fix}")
        summary = f"fix {first.code} first"
    else:
        lines.append(
            "nothing to fix: this machine fine-tunes BERT correctly; if your own "
            "training fails, the difference is in your script"
        )
        summary = "all parts passed"
    worst = min(statuses.values(), key=lambda x: order[x]) if statuses else "ok"
    data = {"parts": statuses, "first_fix": first.to_dict() if first else None}
    return Section(
        "Diagnosis",
        summary,
        lines=lines_of(lines),
        data=data,
        status="ok" if worst in ("ok", "skipped") else worst,
    )
