"""Judgements of training dynamics (BD501-BD508, BD510), shared by the live monitor
(``DoctorCallback``, ``bertdoctor.watch``) and by ``bertdoctor check-run``.

Every function here is pure: it takes numbers the caller already has (losses, learning rates,
gradient norms, loss scales, class sets of batches, metrics) and returns findings. None of them
imports torch, so check-run reads a finished run without it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator, Mapping, Sequence

from ..findings import Finding, Location
from ..runner import check

# How far from its start a loss may stay before it counts as "not decreasing".
PLATEAU_RATIO = 0.97
# A gradient norm this many times its running median is a spike.
SPIKE_FACTOR = 10.0
# Consecutive falls of the loss scale that mean "overflow every step".
SCALE_FALLS = 5


def fmt(value: float) -> str:
    """A number as people read it in a log: 4 significant digits, nan and inf spelled out."""
    if value is None:
        return "none"
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.4g}"


def where(step: int | None, batch: int | None = None) -> str:
    if step is None:
        return f"batch {batch}" if batch is not None else "this step"
    return f"step {step}" + (f" (batch {batch})" if batch is not None else "")


@check("BD501")
def check_loss_value(
    loss: float,
    *,
    step: int | None = None,
    batch: int | None = None,
    supervised_tokens: int | None = None,
    loss_scales: Sequence[float] = (),
    learning_rate: float | None = None,
    recent_losses: Sequence[float] = (),
) -> Iterator[Finding]:
    """BD501: a NaN or infinite loss, with the cause the evidence fits."""
    if math.isfinite(loss):
        return
    causes = []
    if supervised_tokens == 0:
        causes.append(
            "every label in the batch is -100 (0 supervised tokens): the mean over zero tokens "
            "is 0/0"
        )
    falls = [s for s in loss_scales if math.isfinite(s)]
    if causes:
        pass  # 0/0 explains the NaN by itself; the rest would be noise
    elif len(falls) >= 2 and falls[-1] < falls[0]:
        causes.append(
            f"the fp16 loss scale fell from {fmt(falls[0])} to {fmt(falls[-1])}: the values "
            "overflow half precision"
        )
    finite = [v for v in recent_losses if math.isfinite(v)]
    if supervised_tokens == 0:
        pass
    elif learning_rate is not None and learning_rate > 1e-3:
        causes.append(
            f"the learning rate is {fmt(learning_rate)}, far above the 2e-5 to 5e-5 BERT "
            "fine-tuning uses"
        )
    elif len(finite) >= 4 and finite[-1] > 3 * min(finite[:3]):
        causes.append(
            f"the loss rose from {fmt(min(finite[:3]))} to {fmt(finite[-1])} before it "
            "diverged: the learning rate is too high"
            + (f" ({fmt(learning_rate)})" if learning_rate is not None else "")
        )
    cause = (
        "; ".join(causes)
        if causes
        else (
            "no batch-level cause fits (labels are supervised, no loss scale fell, the learning "
            "rate is moderate): replay the saved batch under "
            "torch.autograd.set_detect_anomaly(True)"
        )
    )
    if supervised_tokens == 0:
        fix = (
            "drop examples whose labels are all -100 before batching "
            "(`ds.filter(lambda ex: any(l != -100 for l in ex['labels']))`)"
        )
    elif falls and falls[-1] < falls[0]:
        fix = "mask with torch.finfo(dtype).min instead of -1e9, average the loss, or train in bf16"
    else:
        fix = "lower the learning rate to 2e-5..5e-5, warm it up, and clip gradients at 1.0"
    yield Finding.of(
        "BD501",
        f"loss is {fmt(loss)} at {where(step, batch)}; cause: {cause}",
        fix=fix,
    )


@check("BD502")
def check_loss_plateau(
    losses: Sequence[float],
    *,
    num_labels: int | None = None,
    window: int = 10,
    last_step: int | None = None,
) -> Iterator[Finding]:
    """BD502: after enough steps the loss is still near its start, or sits at ln(num_labels)."""
    vals = [v for v in losses if math.isfinite(v)]
    window = min(window, len(vals) // 3)
    if window < 3:
        return
    start = statistics.median(vals[:window])
    recent = statistics.median(vals[-window:])
    n = last_step or len(vals)  # logged series: one value per logging_steps
    if start > 0 and recent >= PLATEAU_RATIO * start:
        yield Finding.of(
            "BD502",
            f"after {n} steps the loss is {fmt(recent)}, {100 * recent / start:.0f}% of its "
            f"start {fmt(start)}"
            + (f" (ln({num_labels}) = {fmt(math.log(num_labels))})" if num_labels else ""),
            fix="overfit 10 examples first; check the labels are aligned with the word pieces "
            "(`bertdoctor check-data`), the learning rate reaches the optimizer, and the head is "
            "in the optimizer (BD504)",
        )
        return
    if not num_labels or num_labels < 2:
        return
    chance = math.log(num_labels)
    half = vals[-window:]
    flat = abs(statistics.median(half[: window // 2]) - statistics.median(half[window // 2 :]))
    if abs(recent - chance) <= 0.03 * chance and flat <= 0.02 * chance:
        yield Finding.of(
            "BD502",
            f"after {n} steps the loss sits at {fmt(recent)} = ln({num_labels}) "
            f"({fmt(chance)}), the loss of a uniform guess (it started at {fmt(start)})",
            fix="the model learns nothing from the inputs: check the labels are aligned with "
            "the tokens (`bertdoctor check-data`) and not shuffled apart from the texts",
        )


@check("BD503")
def check_grad_norm(
    norm: float, history: Sequence[float], *, step: int | None = None, factor: float = SPIKE_FACTOR
) -> Iterator[Finding]:
    """BD503: a gradient norm that is infinite, or far above its running median."""
    if math.isinf(norm):
        yield Finding.of(
            "BD503",
            f"gradient norm is inf at {where(step)}",
            fix="clip gradients (`clip_grad_norm_(model.parameters(), 1.0)`), average the loss "
            "instead of summing it, and use a GradScaler with fp16",
        )
        return
    prior = [v for v in history if math.isfinite(v)]
    if len(prior) < 5 or math.isnan(norm):
        return
    level = statistics.median(prior)
    if level > 0 and norm > factor * level:
        yield Finding.of(
            "BD503",
            f"gradient norm {fmt(norm)} at {where(step)} is {norm / level:.0f}x its running "
            f"median {fmt(level)}",
            fix="clip gradients at 1.0 (`max_grad_norm=1.0`, the Trainer's default), lower the "
            "learning rate or warm it up over the first 6-10% of the steps",
        )


@check("BD504")
def check_gradient_flow(
    without_grad: Sequence[str], not_in_optimizer: Sequence[str]
) -> Iterator[Finding]:
    """BD504: trainable parameters with no gradient; parameters with one outside the optimizer."""
    if not_in_optimizer:
        shown = ", ".join(not_in_optimizer[:4]) + (
            f" (+{len(not_in_optimizer) - 4} more)" if len(not_in_optimizer) > 4 else ""
        )
        yield Finding.of(
            "BD504",
            f"{len(not_in_optimizer)} parameters get a gradient but are in no parameter group "
            f"of the optimizer, so they never change: {shown}",
            fix="build the optimizer from every trainable parameter: "
            "`AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-5)`",
        )
    if without_grad:
        shown = ", ".join(without_grad[:4]) + (
            f" (+{len(without_grad) - 4} more)" if len(without_grad) > 4 else ""
        )
        yield Finding.of(
            "BD504",
            f"{len(without_grad)} trainable parameters got no gradient from the loss: {shown}",
            severity="warning",
            fix="use these modules in forward, remove a .detach() or torch.no_grad() that cuts "
            "the graph, or freeze them (`p.requires_grad = False`) if they are unused on purpose",
        )


@check("BD505")
def check_warmup(warmup_steps: int | None, total_steps: int | None) -> Iterator[Finding]:
    """BD505: warmup as long as, or longer than, the whole run."""
    if warmup_steps is None or not total_steps or warmup_steps < total_steps:
        return
    yield Finding.of(
        "BD505",
        f"warmup is {warmup_steps} steps but the run makes {total_steps} optimizer steps: the "
        "learning rate never reaches its peak",
        fix=f"warm up over 6-10% of the optimizer steps: num_warmup_steps={int(0.06 * total_steps)}"
        " (or warmup_ratio=0.06)",
    )


@check("BD505")
def check_schedule_length(
    schedule_steps: int | None,
    total_steps: int | None,
    *,
    batches: int | None = None,
    accumulation: int | None = None,
    ended: bool = False,
) -> Iterator[Finding]:
    """BD505: a decaying schedule sized for a different number of steps than the run makes."""
    if not schedule_steps or not total_steps:
        return
    how = ""
    if batches and accumulation and accumulation > 1:
        how = f" ({batches} batches / {accumulation} accumulation steps)"
    sizing = "size it in optimizer steps: math.ceil(len(loader) / accumulation_steps) * epochs"
    if schedule_steps < 0.9 * total_steps:
        yield Finding.of(
            "BD505",
            f"the schedule reaches 0 at step {schedule_steps} but the run makes {total_steps} "
            f"optimizer steps{how}: the last {total_steps - schedule_steps} steps train at "
            "learning rate 0",
            fix=sizing,
        )
    elif schedule_steps > 1.5 * total_steps:
        left = 1 - total_steps / schedule_steps
        verb = "ended" if ended else "ends"
        yield Finding.of(
            "BD505",
            f"the schedule is sized for {schedule_steps} steps but the run "
            f"{'made' if ended else 'makes'} {total_steps} optimizer steps{how}: it {verb} with "
            f"the learning rate still at about {100 * left:.0f}% of its peak (linear decay)",
            fix=sizing,
        )


@check("BD505")
def check_scheduler_stepping(
    optimizer_steps: int, scheduler_steps: int, *, accumulation: int | None = None
) -> Iterator[Finding]:
    """BD505: scheduler.step() never called, or called more often than optimizer.step()."""
    if optimizer_steps < 5:
        return
    if scheduler_steps == 0:
        yield Finding.of(
            "BD505",
            f"{optimizer_steps} optimizer steps and scheduler.step() was never called: the "
            "learning rate stays at its first value (0 with a warmup schedule)",
            fix="call scheduler.step() right after every optimizer.step()",
        )
    elif scheduler_steps >= 1.8 * optimizer_steps:
        per = scheduler_steps / optimizer_steps
        acc = f" (every batch, with {accumulation} accumulation steps)" if accumulation else ""
        yield Finding.of(
            "BD505",
            f"scheduler.step() is called {per:.1f} times per optimizer step{acc}: the schedule "
            f"runs {per:.1f}x too fast and reaches 0 early",
            fix="call scheduler.step() only after optimizer.step(), inside the "
            "`if (i + 1) % accumulation_steps == 0` block",
        )


@check("BD505")
def check_lr_curve(
    points: Sequence[tuple[int, float]], *, max_steps: int | None = None
) -> Iterator[Finding]:
    """BD505 from a logged learning-rate curve: 0 before the end, warmup to the end, no decay."""
    pts = [(s, lr) for s, lr in points if lr is not None and math.isfinite(lr)]
    if len(pts) < 3:
        return
    peak_step, peak = max(pts, key=lambda p: p[1])
    last_step, last = pts[-1]
    if peak <= 0:
        yield Finding.of(
            "BD505",
            f"the learning rate is 0 at all {len(pts)} logged steps",
            fix="set learning_rate (2e-5..5e-5) and check the scheduler is stepped",
        )
        return
    zero = next((s for s, lr in pts if s > peak_step and lr <= peak * 1e-6), None)
    if zero is not None and last_step > zero:
        of = f" of {max_steps}" if max_steps else ""
        yield Finding.of(
            "BD505",
            f"the learning rate reached 0 at step {zero}{of} and training went on at 0 "
            f"(to step {last_step} at least)",
            fix="size the schedule in optimizer steps (max_steps), not in batches",
        )
        return
    rising = (
        all(b[1] >= a[1] for a, b in zip(pts, pts[1:], strict=False)) and pts[-1][1] > pts[0][1]
    )
    if rising and (max_steps is None or last_step >= 0.9 * max_steps):
        yield Finding.of(
            "BD505",
            f"the learning rate rose at every logged step up to step {last_step}"
            + (f" of {max_steps}" if max_steps else "")
            + f" ({fmt(pts[0][1])} -> {fmt(last)}): warmup is longer than the run",
            fix="warm up over 6-10% of the steps: warmup_ratio=0.06",
        )
        return
    decayed = last < 0.999 * peak
    if decayed and max_steps and last_step >= 0.9 * max_steps and last > 0.5 * peak:
        yield Finding.of(
            "BD505",
            f"at step {last_step} of {max_steps} the learning rate is still "
            f"{100 * last / peak:.0f}% of its peak ({fmt(last)} of {fmt(peak)}): the schedule "
            "is sized for far more steps than the run makes",
            fix="size the schedule in optimizer steps: max_steps, or "
            "ceil(len(loader) / gradient_accumulation_steps) * epochs",
        )


@check("BD506")
def check_train_mode(
    training: bool, *, evaluating: bool, has_dropout: bool = True, step: int | None = None
) -> Iterator[Finding]:
    """BD506: model.training False during a training step, or True during evaluation."""
    if not has_dropout:
        return
    if not evaluating and not training:
        yield Finding.of(
            "BD506",
            f"model.training is False at training {where(step)}: dropout is off while training",
            fix="call model.train() at the start of every training epoch (after the evaluation "
            "that called model.eval())",
        )
    elif evaluating and training:
        yield Finding.of(
            "BD506",
            f"model.training is True during evaluation at {where(step)}: dropout makes the "
            "metrics random",
            fix="call model.eval() (and use torch.no_grad()) before evaluating",
        )


@check("BD507")
def check_batch_classes(
    classes: Sequence[Sequence[int]], sizes: Sequence[int], *, min_batches: int = 4
) -> Iterator[Finding]:
    """BD507: the first batches each hold a single class: sorted data fed without shuffling."""
    pairs = [
        (tuple(sorted(set(c))), n) for c, n in zip(classes, sizes, strict=False) if n >= 2 and c
    ]
    if len(pairs) < min_batches or any(len(c) != 1 for c, _ in pairs):
        return
    seen = [c[0] for c, _ in pairs]
    distinct = list(dict.fromkeys(seen))
    examples = sum(n for _, n in pairs)
    if len(distinct) < 2 and examples < 64:
        return
    blocks = " -> ".join(str(c) for c in distinct[:6])
    yield Finding.of(
        "BD507",
        f"each of the first {len(pairs)} batches ({examples} examples) holds a single class "
        f"(classes in order: {blocks}): the training data is sorted and not shuffled",
        fix="shuffle the training data: DataLoader(train_ds, batch_size=..., shuffle=True)",
    )


@check("BD508")
def check_loss_scale(scales: Sequence[float], *, falls: int = SCALE_FALLS) -> Iterator[Finding]:
    """BD508: the GradScaler's scale fell at many consecutive steps, or below 1."""
    vals = [s for s in scales if s is not None]
    if len(vals) < 2:
        return
    run = 0
    for a, b in zip(vals, vals[1:], strict=False):
        run = run + 1 if b < a else 0
    if run >= falls or (vals[-1] < 1 and vals[0] >= 1):
        yield Finding.of(
            "BD508",
            f"the loss scale fell from {fmt(vals[0])} to {fmt(vals[-1])}"
            + (f", at each of the last {run} steps" if run >= falls else "")
            + ": the gradients overflow at every step and every optimizer step is skipped",
            fix="mask with torch.finfo(dtype).min instead of -1e9, average the loss, check the "
            "weights are finite, or train in bf16 (no scaler)",
        )


ACCURACY_KEYS = ("accuracy", "token_accuracy", "acc", "overall_accuracy")
F1_KEYS = ("f1", "entity_f1", "overall_f1", "f1_score")


def metric(metrics: Mapping[str, float], names: Sequence[str]) -> tuple[str, float] | None:
    for key, value in metrics.items():
        bare = key.removeprefix("eval_").removeprefix("test_")
        if bare in names and isinstance(value, (int, float)):
            return key, float(value)
    return None


@check("BD510")
def check_ner_metrics(
    metrics: Mapping[str, float], *, step: int | None = None
) -> Iterator[Finding]:
    """BD510: high token accuracy with entity F1 near 0."""
    acc, f1 = metric(metrics, ACCURACY_KEYS), metric(metrics, F1_KEYS)
    if not acc or not f1:
        return
    if acc[1] >= 0.8 and f1[1] <= 0.05:
        yield Finding.of(
            "BD510",
            f"{acc[0]}={fmt(acc[1])} but {f1[0]}={fmt(f1[1])}"
            + (f" at {where(step)}" if step is not None else "")
            + ": the model predicts (almost) only O",
            fix="select checkpoints on entity F1 (metric_for_best_model='f1'), train longer or "
            "with lr 3e-5..5e-5, and check that the entity labels are not mapped to O",
        )


@check("BD510")
def check_ner_predictions(
    predicted: Sequence[int], gold: Sequence[int], *, outside_id: int, step: int | None = None
) -> Iterator[Finding]:
    """BD510 from label ids (flattened, -100 already dropped): every prediction is O."""
    entity_gold = sum(1 for g in gold if g != outside_id)
    if not predicted or entity_gold == 0:
        return
    if all(p == outside_id for p in predicted):
        acc = sum(1 for p, g in zip(predicted, gold, strict=False) if p == g) / len(predicted)
        yield Finding.of(
            "BD510",
            f"all {len(predicted)} predicted tags are O while {entity_gold} gold tags are "
            f"entities; token accuracy {fmt(acc)}, entity F1 0"
            + (f" at {where(step)}" if step is not None else ""),
            fix="report entity F1 (seqeval), train longer or with lr 3e-5..5e-5, and check "
            "that the entity labels are not mapped to O",
        )


# ---- finished runs (check-run): series read from trainer_state.json's log_history ----


@check("BD501")
def check_logged_losses(points: Sequence[tuple[int, float]], path: str) -> Iterator[Finding]:
    """BD501 from logged training losses: NaN/inf entries, and the 0.0 the NaN filter logs."""
    bad = [(s, v) for s, v in points if not math.isfinite(v)]
    if bad:
        steps = ", ".join(str(s) for s, _ in bad[:6])
        yield Finding.of(
            "BD501",
            f"{len(bad)} of {len(points)} logged losses are {fmt(bad[0][1])} (steps {steps}); "
            f"first at step {bad[0][0]}",
            locations=[Location(path)],
            fix="find the cause with the live monitor: Trainer(..., callbacks=[DoctorCallback()])"
            " stops at the first NaN step and saves its batch",
        )
        return
    zero = [s for s, v in points if v == 0.0]
    # a real loss of exactly 0.0 needs a model that is already near 0, not one at 0.5
    seen_finite = any(v > 1e-3 for s, v in points if zero and s < zero[0])
    if zero and seen_finite:
        yield Finding.of(
            "BD501",
            f"the logged loss drops to exactly 0.0 at step {zero[0]} ({len(zero)} of "
            f"{len(points)} entries): with logging_nan_inf_filter=True (the default) that is how "
            "the Trainer logs an interval in which every step's loss was NaN or inf",
            locations=[Location(path)],
            fix="rerun with logging_nan_inf_filter=False and callbacks=[DoctorCallback()] to see "
            "the first NaN step and its batch",
        )


@check("BD501", "BD503")
def check_logged_grad_norms(points: Sequence[tuple[int, float]], path: str) -> Iterator[Finding]:
    """BD501/BD503 from logged grad_norm values: NaN weights, inf norms, spikes."""
    nan = [s for s, v in points if math.isnan(v)]
    if nan:
        yield Finding.of(
            "BD501",
            f"grad_norm is nan at {len(nan)} of {len(points)} logged steps (first at step "
            f"{nan[0]}): the loss or the weights are NaN from there on",
            locations=[Location(path)],
            fix="rerun with callbacks=[DoctorCallback()] to stop at the first NaN step and save "
            "its batch",
        )
    inf = [s for s, v in points if math.isinf(v)]
    # one inf is how an fp16 GradScaler finds its scale (the step is skipped); more is not
    if len(inf) >= 2:
        yield Finding.of(
            "BD503",
            f"grad_norm is inf at {len(inf)} of {len(points)} logged steps (first at step "
            f"{inf[0]})",
            locations=[Location(path)],
            fix="clip gradients (max_grad_norm=1.0), lower the learning rate; with fp16 look "
            "for values that overflow half precision (-1e9 masks, summed losses)",
        )
        return
    history: list[float] = []
    for step, value in points:
        if not math.isfinite(value):
            continue
        found = list(check_grad_norm(value, history, step=step))
        if found:
            yield Finding.of(
                "BD503", found[0].message, locations=[Location(path)], fix=found[0].fix
            )
            return
        history.append(value)


IGNORED_METRICS = ("runtime", "samples_per_second", "steps_per_second", "epoch", "step")


@check("BD502")
def check_static_metrics(evals: Sequence[Mapping[str, float]], path: str) -> Iterator[Finding]:
    """BD502 from evaluations: metrics that never move across three or more evaluations."""
    if len(evals) < 3:
        return
    keys = [
        k
        for k in evals[0]
        if k.startswith("eval_") and not any(k.endswith(i) for i in IGNORED_METRICS)
    ]
    static = []
    for key in keys:
        vals = [e.get(key) for e in evals]
        if all(isinstance(v, (int, float)) for v in vals) and max(vals) - min(vals) <= 1e-9:
            static.append(f"{key}={fmt(vals[0])}")
    if static:
        yield Finding.of(
            "BD502",
            f"{', '.join(static)} did not move across {len(evals)} evaluations: the model "
            "learns nothing, or always predicts the same thing",
            locations=[Location(path)],
            fix="check the labels are aligned with the tokens (`bertdoctor check-data`), the "
            "learning rate is not 0, and the classifier is in the optimizer (BD504)",
        )
