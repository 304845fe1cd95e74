"""Shared by the monitor and check-run tests: a tiny real BERT, learnable data, a hand-written
training loop in which a fault can be planted, and one real Trainer run (built once)."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

import bertdoctor
from bertdoctor.monitor import TrainingStopped, Watch

NER_LABELS = {0: "O", 1: "B-PER", 2: "I-PER", 3: "B-LOC", 4: "I-LOC"}


def tiny_model(head: str = "sequence", *, seed: int = 0) -> torch.nn.Module:
    from transformers import BertConfig, BertForSequenceClassification, BertForTokenClassification

    torch.manual_seed(seed)
    labels = NER_LABELS if head == "token" else {0: "neg", 1: "pos"}
    config = BertConfig(
        vocab_size=64,
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=32,
        num_labels=len(labels),
        id2label=labels,
        label2id={v: k for k, v in labels.items()},
    )
    cls = BertForTokenClassification if head == "token" else BertForSequenceClassification
    return cls(config)


def cls_data(
    n: int = 128,
    *,
    seq: int = 8,
    seed: int = 0,
    sort: bool = False,
    random_labels: bool = False,
    share: float | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Class 1 texts use the upper half of the vocabulary: easy to learn in a few dozen steps."""
    g = torch.Generator().manual_seed(seed)
    # balanced by construction unless a share of class 1 is asked for
    y = torch.arange(n) % 2 if share is None else (torch.rand(n, generator=g) < share).long()
    ids = torch.randint(5, 34, (n, seq), generator=g) + 29 * y[:, None]
    ids[:, 0] = 2
    if random_labels:
        y = torch.randint(0, 2, (n,), generator=g)
    if sort:
        order = torch.argsort(y, stable=True)
        ids, y = ids[order], y[order]
    return ids, y


@dataclass
class Run:
    doctor: Watch
    stopped: TrainingStopped | None
    batches: int  # batches that went through doctor.step

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.doctor.findings]


def run_loop(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    scheduler: Any = None,
    *,
    data: tuple[torch.Tensor, torch.Tensor] | None = None,
    batches: int = 12,
    batch_size: int = 8,
    accum: int = 1,
    shuffle: bool = True,
    scaler: Any = None,
    plant: Callable[[int, dict], dict] | None = None,
    loss_hook: Callable[[int, torch.Tensor], torch.Tensor] | None = None,
    schedule_every_batch: bool = False,
    step_scheduler: bool = True,
    clip: bool = False,
    **watch_options: Any,
) -> Run:
    """The loop people write: forward, backward, step, schedule, zero_grad, doctor.step."""
    ids, y = data if data is not None else cls_data()
    n = len(y)
    order = torch.randperm(n, generator=torch.Generator().manual_seed(1)) if shuffle else None
    watch_options.setdefault("quiet", True)
    doctor = bertdoctor.watch(model, optimizer, scheduler, scaler=scaler, **watch_options)
    stopped, done = None, 0
    try:
        with doctor:
            model.train()
            for i in range(batches):
                start = (i * batch_size) % n
                idx = torch.arange(start, start + batch_size) % n
                idx = order[idx] if order is not None else idx
                batch = {
                    "input_ids": ids[idx],
                    "attention_mask": torch.ones_like(ids[idx]),
                    "labels": y[idx].clone(),
                }
                if plant is not None:
                    batch = plant(i, batch)
                loss = model(**batch).loss
                if loss_hook is not None:
                    loss = loss_hook(i, loss)
                scaled = scaler.scale(loss / accum) if scaler else loss / accum
                scaled.backward()
                norm = None
                if (i + 1) % accum == 0:
                    if clip:
                        if scaler:
                            scaler.unscale_(optimizer)
                        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1e9)
                    if scaler:
                        scaler.step(optimizer)
                        scaler.update()
                    else:
                        optimizer.step()
                    if scheduler is not None and step_scheduler and not schedule_every_batch:
                        scheduler.step()
                    optimizer.zero_grad()
                if scheduler is not None and schedule_every_batch:
                    scheduler.step()
                doctor.step(batch, loss, grad_norm=norm)
                done += 1
    except TrainingStopped as exc:
        stopped = exc
    return Run(doctor, stopped, done)


# ---- one real Trainer run, shared by the callback and check-run tests ----


class TokenDataset(torch.utils.data.Dataset):
    """Tagging examples: tokens >= 40 are PER (B then I), the rest O; the first token [CLS]."""

    def __init__(self, n: int = 96, seq: int = 8, seed: int = 0) -> None:
        g = torch.Generator().manual_seed(seed)
        self.ids = torch.randint(5, 64, (n, seq), generator=g)
        self.ids[:, 0] = 2
        ent = self.ids >= 40
        prev = torch.cat([torch.zeros(n, 1, dtype=torch.bool), ent[:, :-1]], dim=1)
        self.labels = torch.where(ent, torch.where(prev, 2, 1), 0)
        self.labels[:, 0] = -100

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int) -> dict[str, torch.Tensor]:
        return {
            "input_ids": self.ids[i],
            "attention_mask": torch.ones_like(self.ids[i]),
            "labels": self.labels[i],
        }


def ner_metrics(p: Any) -> dict[str, float]:
    """Token accuracy and a plain entity F1 (B- starts an entity) over the non -100 tokens."""
    preds = p.predictions.argmax(-1)
    gold = p.label_ids
    mask = gold != -100
    acc = float((preds == gold)[mask].mean())
    pb, gb = (preds == 1) & mask, (gold == 1) & mask
    tp = float((pb & gb).sum())
    prec = tp / max(1.0, float(pb.sum()))
    rec = tp / max(1.0, float(gb.sum()))
    f1 = 0.0 if tp == 0 else 2 * prec * rec / (prec + rec)
    return {"accuracy": acc, "f1": f1}


class PlantingCollator:
    """Stacks examples; on the `nan_at`-th training batch sets every label to -100."""

    def __init__(self, nan_at: int | None = None) -> None:
        self.nan_at, self.calls = nan_at, 0

    def __call__(self, items: list[dict]) -> dict[str, torch.Tensor]:
        batch = {k: torch.stack([it[k] for it in items]) for k in items[0]}
        self.calls += 1
        if self.nan_at is not None and self.calls == self.nan_at:
            batch["labels"][:] = -100
        return batch


def train_with_trainer(
    out: Path,
    *,
    max_steps: int = 24,
    nan_at: int | None = None,
    evaluate: bool = True,
    callback: Any = None,
    lr: float = 5e-3,
    logging_steps: int = 2,
) -> Any:
    from transformers import Trainer, TrainingArguments

    args = TrainingArguments(
        output_dir=str(out),
        max_steps=max_steps,
        per_device_train_batch_size=8,
        per_device_eval_batch_size=32,
        learning_rate=lr,
        warmup_steps=4,
        logging_steps=logging_steps,
        eval_strategy="steps" if evaluate else "no",
        eval_steps=8,
        save_strategy="steps",
        save_steps=8,
        report_to=[],
        use_cpu=True,
        seed=0,
        dataloader_num_workers=0,
        disable_tqdm=True,
        save_only_model=True,
        metric_for_best_model="f1",
    )
    trainer = Trainer(
        model=tiny_model("token"),
        args=args,
        train_dataset=TokenDataset(),
        eval_dataset=TokenDataset(32, seed=1) if evaluate else None,
        data_collator=PlantingCollator(nan_at),
        compute_metrics=ner_metrics,
        callbacks=[callback] if callback is not None else None,
    )
    trainer.train()
    trainer.save_state()
    return trainer


@functools.lru_cache(maxsize=1)
def clean_trainer_run() -> tuple[Path, Any]:
    """A clean Trainer run with DoctorCallback: (output folder, the callback)."""
    root = Path(tempfile.mkdtemp(prefix="bd-trainer-"))
    atexit.register(shutil.rmtree, root, True)  # built once per session; removed at exit
    out = root / "run"
    callback = bertdoctor.DoctorCallback(quiet=True)
    train_with_trainer(out, callback=callback)
    return out, callback
