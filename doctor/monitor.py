"""Watches training from inside: one engine behind ``DoctorCallback`` (the transformers Trainer)
and ``bertdoctor.watch`` (a hand-written PyTorch loop).

Plain loop::

    doctor = bertdoctor.watch(model, optimizer, scheduler)
    for batch in loader:
        loss = model(**batch).loss
        loss.backward()
        optimizer.step(); scheduler.step(); optimizer.zero_grad()
        doctor.step(batch, loss)          # raises bertdoctor.monitor.TrainingStopped on an error
    doctor.close()                        # or: with bertdoctor.watch(...) as doctor: ...

Trainer::

    Trainer(..., callbacks=[bertdoctor.DoctorCallback()])

What it costs per step: reading the loss value (one device sync, which a loop that logs its loss
already pays), a few attribute reads, and every ``grad_norm_every`` optimizer steps one gradient
norm. The first batch goes through ``bertdoctor.check_batch``. On an error-level finding the
offending batch is saved with ``torch.save`` so the step can be replayed on the CPU, and the
run stops (``on_error="stop"``) or goes on with a warning (``on_error="warn"``).
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checks import training as judge
from .findings import Finding, Severity, plural
from .runner import run_check

ON_ERROR = ("stop", "warn")


class TrainingStopped(RuntimeError):
    """Raised by ``watch(...).step`` on an error-level finding when ``on_error="stop"``."""

    def __init__(self, findings: Sequence[Finding], step: int, batch_path: Path | None) -> None:
        self.findings = list(findings)
        self.step = step
        self.batch_path = batch_path
        first = self.findings[0]
        saved = f"; batch saved to {batch_path}" if batch_path else ""
        super().__init__(
            f"bertdoctor stopped training at step {step}: {first.code} {first.name}: "
            f"{first.message}{saved}"
        )


@dataclass(frozen=True)
class Settings:
    on_error: str = "stop"  # "stop" or "warn" on an error-level finding
    num_labels: int | None = None  # for BD502's ln(num_labels); default: model.config
    total_steps: int | None = None  # planned optimizer steps, to judge the schedule up front
    plateau_steps: int = 50  # BD502 is judged after this many optimizer steps
    grad_norm_every: int = 10  # compute the gradient norm every k optimizer steps (0: never)
    sorted_batches: int = 8  # BD507 looks at this many first batches
    check_first_batch: bool = True  # run bertdoctor.check_batch on the first batch
    quiet: bool = False  # do not print findings on stderr (they are still collected)


def schedule_plan(scheduler: Any) -> tuple[int | None, int | None]:
    """(warmup steps, training steps) of a transformers schedule (a LambdaLR over a partial)."""
    lambdas = getattr(scheduler, "lr_lambdas", None) or ()
    for fn in lambdas:
        kw = getattr(fn, "keywords", None) or {}
        if "num_training_steps" in kw or "num_warmup_steps" in kw:
            return kw.get("num_warmup_steps"), kw.get("num_training_steps")
    return None, None


def to_cpu(obj: Any) -> Any:
    """A batch with every tensor detached and on the CPU, ready for torch.save."""
    import torch

    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu()
    if isinstance(obj, Mapping):
        return {str(k): to_cpu(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_cpu(v) for v in obj]
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    return repr(obj)


def loss_value(loss: Any) -> float:
    """The loss as a number (the one device sync); a per-GPU vector (DataParallel) is averaged."""
    if hasattr(loss, "detach"):
        loss = loss.detach()
        if loss.numel() != 1:
            loss = loss.float().mean()
    return float(loss)


def labels_of(batch: Any) -> Any:
    if isinstance(batch, Mapping):
        return batch.get("labels", batch.get("label"))
    return None


class Engine:
    """Everything the monitor knows and judges; the callback and watch() only feed it."""

    def __init__(
        self,
        model: Any,
        optimizer: Any,
        scheduler: Any = None,
        *,
        scaler: Any = None,
        settings: Settings = Settings(),
        save_dir: Path | Callable[[], Path] | None = None,
        compute_grad_norm: bool = True,
    ) -> None:
        import torch

        if settings.on_error not in ON_ERROR:
            raise ValueError(f"on_error must be 'stop' or 'warn', not {settings.on_error!r}")
        self.model, self.optimizer, self.scheduler = model, optimizer, scheduler
        self.scaler = scaler if scaler is not None and scaler.is_enabled() else None
        self.settings = settings
        self._save_dir = save_dir
        self.compute_grad_norm = compute_grad_norm and settings.grad_norm_every > 0
        config = getattr(model, "config", None)
        self.num_labels = settings.num_labels or getattr(config, "num_labels", None)
        label2id = getattr(config, "label2id", None) or {}
        self.outside_id = label2id.get("O")
        self.has_dropout = any(isinstance(m, torch.nn.Dropout) and m.p > 0 for m in model.modules())
        self.warmup, self.schedule_steps = schedule_plan(scheduler)
        self._sched_start = getattr(scheduler, "last_epoch", 0)

        self.findings: list[Finding] = []
        self.batch_paths: list[Path] = []
        self.stop: TrainingStopped | None = None
        self.batches = 0
        self.optimizer_steps = 0
        self.step_losses: list[float] = []
        self.grad_norms: list[float] = []
        self.scales: list[float] = []
        self.lrs: list[float] = []
        self._micro: list[float] = []
        self._judged_step = 0
        self._pending: list[Finding] = []
        self._pending_norm: Any = None
        self._reported: set[tuple[str, str, str]] = set()
        self._mode_reported: set[bool] = set()
        self._classes: list[list[int]] = []
        self._sizes: list[int] = []
        self._flow_checked = False
        self._first_checked = False
        self._last_kwargs: Mapping[str, Any] | None = None
        self._plateau_judged = False
        self._lr_peak = (0, 0.0)
        self._lr_zero: int | None = None

    # ---- what the callback and watch() feed in ----

    def start(self) -> list[Finding]:
        """Judges the schedule against the planned number of optimizer steps, before step 1."""
        total = self.settings.total_steps
        self._pending += run_check(judge.check_warmup, self.warmup, total)
        self._pending += run_check(judge.check_schedule_length, self.schedule_steps, total)
        return self._handle([], None, 0, None)

    def forward_pre_hook(self, module: Any, args: Any, kwargs: Any) -> None:
        """Before every forward: the first training batch goes through check_batch (before
        a bad label id can crash the forward), and BD506 (grad enabled in eval mode, or no
        grad in train mode)."""
        import torch

        grad = torch.is_grad_enabled()
        if grad:
            self._last_kwargs = kwargs  # a reference, for batches passed as tuples
        if grad and kwargs and not self._first_checked:
            self._first_checked = True
            if self.settings.check_first_batch:
                self._handle(self.check_first_batch(kwargs), kwargs, self.optimizer_steps, None)
                if self.stop is not None:
                    # raised from the forward: the batch would crash it (a device-side
                    # assert on the GPU), so nothing else can stop the step in time
                    stop, self.stop = self.stop, None
                    raise stop
        if grad != module.training and grad not in self._mode_reported:
            self._mode_reported.add(grad)
            self._pending += run_check(
                judge.check_train_mode,
                module.training,
                evaluating=not grad,
                has_dropout=self.has_dropout,
                step=self.optimizer_steps + (1 if grad else 0),
            )

    def before_optimizer_step(self) -> None:
        """Gradients are there: BD504 once, and every k steps the total gradient norm."""
        if not self._flow_checked:
            self._flow_checked = True
            self._pending += run_check(judge.check_gradient_flow, *self.gradient_flow())
        every = self.settings.grad_norm_every
        if self.compute_grad_norm and self.optimizer_steps % every == 0:
            import torch

            grads = [
                p.grad
                for g in self.optimizer.param_groups
                for p in g["params"]
                if p.grad is not None
            ]
            if grads:
                # stays on the device; read (one sync) at the end of the step
                self._pending_norm = torch.nn.utils.get_total_norm(grads)

    def after_optimizer_step(self) -> None:
        self.optimizer_steps += 1

    def observe(
        self, batch: Any, loss: Any, *, step: int | None = None, grad_norm: Any = None
    ) -> list[Finding]:
        """One batch (micro-batch with accumulation) after its forward and backward."""
        self.batches += 1
        step = self.optimizer_steps if step is None else step
        # a tuple batch (TensorDataset) names no labels; the model's keyword arguments do
        view = batch if isinstance(batch, Mapping) else (self._last_kwargs or batch)
        new: list[Finding] = []
        if not self._first_checked:  # the model's forward was not seen (a wrapper)
            self._first_checked = True
            if self.settings.check_first_batch:
                new += self.check_first_batch(batch)
        if self.batches <= self.settings.sorted_batches:
            self._collect_classes(view)
            if self.batches == self.settings.sorted_batches:
                new += run_check(judge.check_batch_classes, self._classes, self._sizes)
        if self.scaler is not None:
            scale = float(self.scaler.get_scale())
            if not self.scales or scale != self.scales[-1]:
                self.scales.append(scale)
                new += run_check(judge.check_loss_scale, self.scales)
        value = None if loss is None else loss_value(loss)
        if value is not None:
            if math.isfinite(value):
                self._micro.append(value)
            else:
                new += run_check(
                    judge.check_loss_value,
                    value,
                    step=step,
                    batch=self.batches,
                    supervised_tokens=self._supervised(view),
                    loss_scales=self.scales,
                    learning_rate=self._lr(),
                    recent_losses=self.step_losses[-20:],
                )
        if grad_norm is not None:
            new += self.note_grad_norm(float(grad_norm), step)
        if self.optimizer_steps > self._judged_step:
            new += self._end_step()
        return self._handle(new, batch, step, value)

    def note_grad_norm(self, norm: float, step: int | None) -> list[Finding]:
        if self.scaler is not None and not math.isfinite(norm):
            return []  # the scaler skips that step; a falling scale is BD508's business
        found = run_check(judge.check_grad_norm, norm, self.grad_norms[-50:], step=step)
        if math.isfinite(norm):
            self.grad_norms.append(norm)
        return found

    def evaluate(
        self,
        metrics: Mapping[str, float] | None = None,
        *,
        step: int | None = None,
        predictions: Sequence[int] | None = None,
        labels: Sequence[int] | None = None,
    ) -> list[Finding]:
        """An evaluation: BD510 from the metrics, or from flattened predicted and gold ids."""
        step = self.optimizer_steps if step is None else step
        new: list[Finding] = []
        if metrics:
            new += run_check(judge.check_ner_metrics, metrics, step=step)
        if predictions is not None and labels is not None and self.outside_id is not None:
            pairs = [
                (int(p), int(g)) for p, g in zip(predictions, labels, strict=True) if int(g) != -100
            ]
            new += run_check(
                judge.check_ner_predictions,
                [p for p, _ in pairs],
                [g for _, g in pairs],
                outside_id=self.outside_id,
                step=step,
            )
        return self._handle(new, None, step, None)

    def finish(self, *, completed: bool = True) -> list[Finding]:
        """The end of the run: what could only be judged once its length is known."""
        new: list[Finding] = []
        if self.batches < self.settings.sorted_batches:
            new += run_check(judge.check_batch_classes, self._classes, self._sizes)
        if completed and self.optimizer_steps:
            accumulation = round(self.batches / self.optimizer_steps)
            new += run_check(
                judge.check_schedule_length,
                self.schedule_steps,
                self.optimizer_steps,
                batches=self.batches,
                accumulation=accumulation,
                ended=True,
            )
            new += run_check(judge.check_warmup, self.warmup, self.optimizer_steps)
        found = self._handle(new, None, self.optimizer_steps, None)
        if not self.settings.quiet:
            from .render import stderr_console

            codes = sorted({f.code for f in self.findings})
            steps = plural(self.optimizer_steps, "optimizer step")
            seen = f"{steps}, {plural(self.batches, 'batch', 'batches')}"
            verdict = (
                f"{plural(len(self.findings), 'finding')} ({', '.join(codes)})"
                if codes
                else "no findings"
            )
            stderr_console().print(f"[bold]bertdoctor[/] watched {seen}: {verdict}", soft_wrap=True)
        return found

    # ---- judgements at the end of each optimizer step ----

    def _end_step(self) -> list[Finding]:
        n = self._judged_step = self.optimizer_steps
        new: list[Finding] = []
        if self._micro:
            self.step_losses.append(sum(self._micro) / len(self._micro))
            self._micro = []
        if self._pending_norm is not None:
            norm, self._pending_norm = float(self._pending_norm), None
            new += self.note_grad_norm(norm, n)
        lr = self._lr()
        if lr is not None:
            self.lrs.append(lr)
            new += self._judge_lr(n, lr)
        # only schedules meant to be stepped per optimizer step (transformers' get_*_schedule);
        # a torch scheduler stepped once per epoch (StepLR) is fine without a step per batch
        if self.schedule_steps is not None and n % 5 == 0:
            sched_steps = getattr(self.scheduler, "last_epoch", 0) - self._sched_start
            new += run_check(
                judge.check_scheduler_stepping,
                n,
                sched_steps,
                accumulation=round(self.batches / n) or None,
            )
        # judged after warmup has had its time: a loss flat during warmup is expected
        if (
            n >= max(self.settings.plateau_steps, 2 * (self.warmup or 0))
            and not self._plateau_judged
        ):
            self._plateau_judged = True
            new += run_check(judge.check_loss_plateau, self.step_losses, num_labels=self.num_labels)
        return new

    def _judge_lr(self, n: int, lr: float) -> list[Finding]:
        if lr > self._lr_peak[1]:
            self._lr_peak = (n, lr)
        elif lr <= 0 and self._lr_peak[1] > 0 and self._lr_zero is None:
            self._lr_zero = n
        elif self._lr_zero is not None and self._lr_zero > 0 and n > self._lr_zero:
            # training went on after the lr reached 0: the curve says the rest
            points = [(0, 0.0), self._lr_peak, (self._lr_zero, 0.0), (n, lr)]
            self._lr_zero = 0  # judged once
            return run_check(judge.check_lr_curve, points, max_steps=self.settings.total_steps)
        return []

    # ---- helpers ----

    def gradient_flow(self) -> tuple[list[str], list[str]]:
        in_optimizer = {id(p) for g in self.optimizer.param_groups for p in g["params"]}
        without, outside = [], []
        for name, p in self.model.named_parameters():
            if not p.requires_grad:
                continue
            if p.grad is None:
                without.append(name)
            elif id(p) not in in_optimizer:
                outside.append(name)
        return without, outside

    def check_first_batch(self, batch: Any) -> list[Finding]:
        try:
            from .checks.batch import check_batch
        except ImportError:  # the batch checks are not installed in this build
            return []
        if not isinstance(batch, Mapping):
            return []
        return run_check(check_batch, self.model, batch)

    def _collect_classes(self, batch: Any) -> None:
        labels = labels_of(batch)
        if labels is None or not hasattr(labels, "dim"):
            return
        if labels.dim() == 1:
            self._classes.append(sorted(set(labels.tolist())))
        elif labels.dim() == 2 and self.outside_id is not None:
            ids = set(labels.unique().tolist()) - {-100, self.outside_id}
            self._classes.append(sorted(ids))
        else:
            return
        self._sizes.append(int(labels.shape[0]))

    def _supervised(self, batch: Any) -> int | None:
        labels = labels_of(batch)
        if labels is None or not hasattr(labels, "ne"):
            return None
        return int(labels.ne(-100).sum())

    def _lr(self) -> float | None:
        groups = getattr(self.optimizer, "param_groups", None)
        return float(groups[0]["lr"]) if groups else None

    def save_dir(self) -> Path:
        if callable(self._save_dir):
            self._save_dir = self._save_dir()
        if self._save_dir is None:
            self._save_dir = Path(tempfile.mkdtemp(prefix="bertdoctor-"))
        return Path(self._save_dir)

    def save_batch(
        self, batch: Any, step: int, loss: float | None, findings: Sequence[Finding]
    ) -> Path:
        import torch

        folder = self.save_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"step{step:06d}-batch{self.batches:06d}.pt"
        torch.save(
            {
                "batch": to_cpu(batch),
                "step": step,
                "batch_index": self.batches,
                "loss": loss,
                "findings": [f.to_dict() for f in findings],
            },
            path,
        )
        self.batch_paths.append(path)
        return path

    def _handle(
        self, new: list[Finding], batch: Any, step: int, loss: float | None
    ) -> list[Finding]:
        new = self._pending + new
        self._pending = []
        fresh = []
        for f in new:
            # one report per rule and variant (the fix names the variant), not one per step
            key = (f.code, f.severity.value, f.fix or "")
            if key in self._reported:
                continue
            self._reported.add(key)
            fresh.append(f)
        if not fresh:
            return []
        self.findings.extend(fresh)
        errors = [f for f in fresh if f.severity is Severity.ERROR]
        path = self.save_batch(batch, step, loss, fresh) if errors and batch is not None else None
        stopping = bool(errors) and self.settings.on_error == "stop"
        if not self.settings.quiet:
            self._emit(fresh, step, path, stopping)
        if stopping and self.stop is None:
            self.stop = TrainingStopped(errors, step, path)
        return fresh

    def _emit(
        self, findings: Sequence[Finding], step: int, path: Path | None, stopping: bool
    ) -> None:
        from rich.markup import escape

        from .render import render_finding, stderr_console

        console = stderr_console()
        console.print(f"[bold]bertdoctor[/] at step {step} (batch {self.batches}):", soft_wrap=True)
        for f in findings:
            for line in render_finding(f, indent="  "):
                console.print(line, soft_wrap=True)
        if path is not None:
            console.print(
                f"  batch saved to {escape(str(path))}; replay it on the CPU: "
                f"torch.load({escape(repr(str(path)))}, weights_only=True)['batch']",
                soft_wrap=True,
            )
        if stopping:
            console.print("  [red]training stopped[/] (on_error='warn' keeps it going)")


class Watch:
    """``bertdoctor.watch(...)``: the monitor for a hand-written PyTorch loop."""

    def __init__(
        self,
        model: Any,
        optimizer: Any,
        scheduler: Any = None,
        *,
        scaler: Any = None,
        save_dir: str | Path | None = None,
        settings: Settings = Settings(),
    ) -> None:
        self.engine = Engine(
            model,
            optimizer,
            scheduler,
            scaler=scaler,
            settings=settings,
            save_dir=Path(save_dir) if save_dir else None,
        )
        self._hooks = [
            optimizer.register_step_pre_hook(lambda *a: self.engine.before_optimizer_step()),
            optimizer.register_step_post_hook(lambda *a: self.engine.after_optimizer_step()),
            model.register_forward_pre_hook(self.engine.forward_pre_hook, with_kwargs=True),
        ]
        self._raise_if_stopped(self.engine.start())

    @property
    def findings(self) -> list[Finding]:
        return self.engine.findings

    def step(self, batch: Any, loss: Any, *, grad_norm: Any = None) -> list[Finding]:
        """Call once per batch, after backward (and after optimizer.step() when it ran).

        ``grad_norm``: the value ``clip_grad_norm_`` returned, if the loop clips; otherwise the
        monitor computes the norm itself every ``grad_norm_every`` optimizer steps.
        """
        if grad_norm is not None:
            self.engine.compute_grad_norm = False
            self.engine._pending_norm = None  # the loop's own norm is the one to judge
        return self._raise_if_stopped(self.engine.observe(batch, loss, grad_norm=grad_norm))

    def evaluate(
        self,
        metrics: Mapping[str, float] | None = None,
        *,
        predictions: Sequence[int] | None = None,
        labels: Sequence[int] | None = None,
    ) -> list[Finding]:
        """Call after an evaluation with its metrics (accuracy, f1) or the predicted ids."""
        return self._raise_if_stopped(
            self.engine.evaluate(metrics, predictions=predictions, labels=labels)
        )

    def close(self, *, completed: bool = True) -> list[Finding]:
        """Ends the watch: removes the hooks and judges what needs the run's length."""
        for hook in self._hooks:
            hook.remove()
        self._hooks = []
        return self.engine.finish(completed=completed)

    def __enter__(self) -> Watch:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self._hooks:
            self.close(completed=exc_type is None)

    def _raise_if_stopped(self, found: list[Finding]) -> list[Finding]:
        if self.engine.stop is not None:
            stop, self.engine.stop = self.engine.stop, None
            raise stop
        return found


def watch(
    model: Any,
    optimizer: Any,
    scheduler: Any = None,
    *,
    num_labels: int | None = None,
    on_error: str = "stop",
    scaler: Any = None,
    total_steps: int | None = None,
    save_dir: str | Path | None = None,
    plateau_steps: int = 50,
    grad_norm_every: int = 10,
    check_first_batch: bool = True,
    quiet: bool = False,
) -> Watch:
    """Watches a hand-written training loop; call ``.step(batch, loss)`` after every batch.

    ``scaler``: the ``torch.amp.GradScaler`` with fp16. ``total_steps``: the planned number of
    optimizer steps, to judge the schedule before step 1 (otherwise it is judged at close).
    ``save_dir``: where offending batches go (default: a new temporary folder).
    """
    settings = Settings(
        on_error=on_error,
        num_labels=num_labels,
        total_steps=total_steps,
        plateau_steps=plateau_steps,
        grad_norm_every=grad_norm_every,
        check_first_batch=check_first_batch,
        quiet=quiet,
    )
    return Watch(model, optimizer, scheduler, scaler=scaler, save_dir=save_dir, settings=settings)


def _callback_class() -> type:
    """Builds DoctorCallback on first use, so that watch() never imports transformers."""
    import torch
    from transformers import TrainerCallback

    class DoctorCallback(TrainerCallback):
        """``Trainer(..., callbacks=[DoctorCallback()])``: the monitor inside the Trainer.

        Sees each batch and its loss through a forward hook on the model, the optimizer
        steps through the Trainer's events, the logged ``grad_norm`` and the evaluation
        metrics. On an error finding it sets ``control.should_training_stop`` (``on_error=
        "stop"``); offending batches go to ``<output_dir>/bertdoctor/``.
        """

        def __init__(
            self,
            *,
            on_error: str = "stop",
            num_labels: int | None = None,
            save_dir: str | Path | None = None,
            plateau_steps: int = 50,
            grad_norm_every: int = 10,
            check_first_batch: bool = True,
            quiet: bool = False,
        ) -> None:
            if on_error not in ON_ERROR:
                raise ValueError(f"on_error must be 'stop' or 'warn', not {on_error!r}")
            self.options = dict(
                on_error=on_error,
                num_labels=num_labels,
                plateau_steps=plateau_steps,
                grad_norm_every=grad_norm_every,
                check_first_batch=check_first_batch,
                quiet=quiet,
            )
            self.save_dir = save_dir
            self.engine: Engine | None = None
            self.stopped: TrainingStopped | None = None
            self._seen: list[tuple[Any, Any]] = []
            self._hooks: list[Any] = []

        @property
        def findings(self) -> list[Finding]:
            return self.engine.findings if self.engine else []

        def on_train_begin(
            self, args, state, control, model=None, optimizer=None, lr_scheduler=None, **kwargs
        ):
            settings = Settings(total_steps=state.max_steps or None, **self.options)
            folder = Path(self.save_dir or Path(args.output_dir) / "bertdoctor")
            scaler = getattr(optimizer, "scaler", None)
            # The Trainer clips before on_pre_optimizer_step; a norm taken there hides spikes,
            # so the pre-clip grad_norm it logs is used instead, unless it does not clip.
            self.engine = Engine(
                model,
                optimizer,
                lr_scheduler,
                scaler=scaler,
                settings=settings,
                save_dir=folder,
                compute_grad_norm=not args.max_grad_norm,
            )
            self._hooks = [
                model.register_forward_hook(self._record, with_kwargs=True),
                model.register_forward_pre_hook(self.engine.forward_pre_hook, with_kwargs=True),
            ]
            self.engine.start()
            return self._control(control)

        def _record(self, module, args, kwargs, output):
            if not torch.is_grad_enabled():
                return
            loss = getattr(output, "loss", None)
            if loss is None and isinstance(output, Mapping):
                loss = output.get("loss")
            self._seen.append((kwargs or args, None if loss is None else loss.detach()))

        def _observe(self, state):
            seen, self._seen = self._seen, []
            for batch, loss in seen:
                self.engine.observe(batch, loss, step=state.global_step)

        def on_pre_optimizer_step(self, args, state, control, **kwargs):
            self.engine.before_optimizer_step()

        def on_optimizer_step(self, args, state, control, **kwargs):
            self.engine.after_optimizer_step()

        def on_substep_end(self, args, state, control, **kwargs):
            self._observe(state)
            return self._control(control)

        def on_step_end(self, args, state, control, **kwargs):
            self._observe(state)
            return self._control(control)

        def on_log(self, args, state, control, logs=None, **kwargs):
            norm = (logs or {}).get("grad_norm")
            if self.engine is not None and isinstance(norm, (int, float)):
                found = self.engine.note_grad_norm(float(norm), state.global_step)
                self.engine._handle(found, None, state.global_step, None)
            return self._control(control)

        def on_evaluate(self, args, state, control, metrics=None, **kwargs):
            if self.engine is not None:
                self.engine.evaluate(metrics or {}, step=state.global_step)
            return self._control(control)

        def on_train_end(self, args, state, control, **kwargs):
            for hook in self._hooks:
                hook.remove()
            self._hooks = []
            if self.engine is not None:
                completed = self.stopped is None and state.global_step >= state.max_steps
                self.engine.finish(completed=completed)
            return control

        def _control(self, control):
            if self.engine is not None and self.engine.stop is not None:
                self.stopped = self.stopped or self.engine.stop
                self.engine.stop = None
                control.should_training_stop = True
            return control

    DoctorCallback.__module__ = __name__
    return DoctorCallback


def __getattr__(name: str) -> Any:
    if name == "DoctorCallback":
        cls = _callback_class()
        globals()["DoctorCallback"] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
