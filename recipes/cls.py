"""A known-good BERT fine-tune for sentence (and sentence-pair) classification, in one file.

Every step is the one BERT fine-tuning needs; where a step is BERT-specific, a comment says why.
If this trains on your machine and your own script does not, the bug is in your script.

    bertdoctor run-recipe cls                          # embedded data, small BERT, CPU or GPU
    bertdoctor run-recipe cls --model ./bert-base-chinese --data train.csv --dev dev.csv
    python -m bertdoctor.recipes.cls --epochs=1 --output=runs/cls   # any Config field
    python -m torch.distributed.run --nproc-per-node 2 -m bertdoctor.recipes.cls --output=runs/ddp

It writes OUTPUT/metrics.json (losses, accuracy, throughput, the verdict) and OUTPUT/checkpoint
(save_pretrained, safetensors; loadable with AutoModelForSequenceClassification.from_pretrained).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import common, data


@dataclass
class Config:
    model: str | None = None  # local pretrained folder; None: a fresh BERT (--size) on our vocab
    size: str = "tiny"  # fresh model: tiny (64 wide, 2 layers) or base (BERT-base, padded)
    data: str | None = None  # training file (CSV, TSV, JSONL, ...); None: the embedded data
    dev: str | None = None  # held-out file; None: 10% of --data (or the embedded dev set)
    train_size: int = 1600  # embedded data: training texts (half English, half Chinese)
    dev_size: int = 400  # embedded data: held-out texts
    output: str | None = None  # run folder; None: ./bertdoctor-runs/cls-YYYYmmdd-HHMMSS
    device: str = "auto"  # auto (cuda if available), cpu, cuda, cuda:1
    precision: str = "auto"  # auto (GPU: bf16 if it has it, else fp16; CPU: fp32), fp32, bf16, fp16
    batch_size: int = 32  # texts per micro-batch, over all processes (each: batch / N)
    grad_accum: int = 1  # micro-batches per optimizer step
    epochs: int = 10  # passes over the training data
    max_steps: int = 0  # stop after this many optimizer steps (0: run the epochs)
    lr: float | None = None  # peak learning rate; None: 2e-3 tiny, 1e-4 base, 5e-5 --model
    weight_decay: float = 0.01  # AdamW decay, not applied to biases and LayerNorm weights
    warmup: float = 0.1  # fraction of the optimizer steps spent warming up linearly from 0
    clip: float = 1.0  # max gradient norm
    max_length: int = 128  # word pieces per text (or pair), [CLS] and [SEP] included
    seed: int = 0  # same seed, same data order, same init: the same loss curve on CPU
    resume: bool = False  # continue from OUTPUT/checkpoint
    save_every: int = 0  # also checkpoint every N optimizer steps (0: each epoch end and the end)
    loss_drop: float | None = None  # PASS needs the loss to fall by this fraction; None: 0.5 / 0.2
    min_accuracy: float | None = None  # PASS needs accuracy >= this; None: 0.8 embedded, 0 --data
    log_every: int = 0  # print a log line to stderr every N steps (0: never)
    threads: int = 0  # torch CPU threads; 0: 1 for small models on CPU, else torch's default

    @property
    def fresh_base(self) -> bool:
        """A fresh BERT-base (random init) on the embedded data: the XOR it may not learn."""
        return self.size == "base" and not self.model and not self.data


AT_CHANCE = 0.1  # BD531: a last loss within this of ln(num_labels) is a loss that never moved


def fresh_base_verdict(verdict: dict[str, Any], fresh_base: bool, non_finite: Any) -> str:
    """FAIL becomes INCONCLUSIVE (BD531) for a fresh BERT-base on the embedded data whose loss
    stayed finite and at chance (ln 2).

    The embedded task is an XOR (a negation flips the adjective), so from random init the loss
    sits at ln(2) until the model breaks the symmetry. The small default BERT does; a fresh
    12-layer BERT-base (--size base, a throughput check) only some of the time: on an H100 it
    failed 13 of 19 runs over batch sizes, learning rates and seeds, and one setting both passed
    and failed. A loss that never left ln(2) there says nothing about the machine; a loss that
    rose, or fell part of the way, is judged as any other run.
    """
    at_chance = abs(verdict["loss_last"] - verdict["expected_initial_loss"]) <= AT_CHANCE
    if fresh_base and verdict["verdict"] == "FAIL" and non_finite is None and at_chance:
        return "INCONCLUSIVE"
    return verdict["verdict"]


# ---------------------------------------------------------------------------------------------
# Data: read texts and labels, pick the label set, encode with the tokenizer.


def read_texts(cfg: Config) -> tuple[list[data.ClsExample], list[data.ClsExample]]:
    if cfg.data is None:
        return data.cls_examples(cfg.train_size), data.cls_examples(cfg.dev_size, split="dev")
    from bertdoctor.readers import read_examples

    def read(path: str) -> list[data.ClsExample]:
        out = []
        for ex in read_examples(path, task="cls"):
            if ex.text is None or ex.label is None or isinstance(ex.label, (list, tuple, float)):
                raise common.RecipeError(
                    "BD522",
                    f"{ex.path}:{ex.line}: not a single-label text record "
                    f"(label {ex.label!r}); `run-recipe cls` trains single-label classification",
                    "give a file with one text (or text pair) and one class label per record",
                )
            out.append(data.ClsExample(ex.text, str(ex.label), ex.text_pair))
        return out

    train = read(cfg.data)
    if cfg.dev:
        return train, read(cfg.dev)
    return (
        [s for i, s in enumerate(train) if i % 10 != 9],
        [s for i, s in enumerate(train) if i % 10 == 9],
    )


def label_list(*splits: list[data.ClsExample]) -> list[str]:
    names = {ex.label for split in splits for ex in split}
    # numeric labels in numeric order ("0", "1", "10"), names alphabetically
    return sorted(names, key=lambda s: (0, int(s), "") if s.lstrip("-").isdigit() else (1, 0, s))


def encode(
    examples: list[data.ClsExample], tokenizer: Any, label2id: dict[str, int], max_length: int
) -> list[dict[str, Any]]:
    pairs = any(ex.text_pair is not None for ex in examples)
    firsts = [ex.text for ex in examples]
    seconds = [ex.text_pair or "" for ex in examples] if pairs else None
    # A pair is encoded as [CLS] a [SEP] b [SEP] with token type 0 for a and 1 for b: the
    # segment embeddings BERT was pre-trained with for next-sentence prediction.
    enc = tokenizer(firsts, seconds, truncation=True, max_length=max_length)
    return [
        {
            "input_ids": enc["input_ids"][i],
            "token_type_ids": (
                enc["token_type_ids"][i]
                if "token_type_ids" in enc
                else [0] * len(enc["input_ids"][i])
            ),
            "attention_mask": [1] * len(enc["input_ids"][i]),
            "label": label2id[ex.label],
        }
        for i, ex in enumerate(examples)
    ]


def collate(feats: list[dict[str, Any]], pad_id: int, pad_to: int = 0) -> dict[str, Any]:
    """Pads one batch to its longest text (dynamic padding: no compute on padding rows)."""
    import torch

    width = max(pad_to, *(len(f["input_ids"]) for f in feats))

    def pad(key: str, value: int) -> Any:
        return torch.tensor([f[key] + [value] * (width - len(f[key])) for f in feats])

    return {
        "input_ids": pad("input_ids", pad_id),
        "token_type_ids": pad("token_type_ids", 0),
        "attention_mask": pad("attention_mask", 0),
        "labels": torch.tensor([f["label"] for f in feats]),
    }


def forward(model: Any, batch: dict[str, Any]) -> Any:
    # The [CLS] position, through BERT's pooler (dense + tanh), then the classifier: logits.
    return model(
        input_ids=batch["input_ids"],
        attention_mask=batch["attention_mask"],
        token_type_ids=batch["token_type_ids"],
    ).logits


# ---------------------------------------------------------------------------------------------
# The run.


def main(cfg: Config, progress: Callable[..., None] | None = None) -> dict[str, Any]:
    """Trains, evaluates, writes OUTPUT/metrics.json and OUTPUT/checkpoint; returns the metrics.

    ``progress(step=, total=, loss=, samples_per_s=)`` is called after every optimizer step.
    """
    import torch
    from transformers import AutoModelForSequenceClassification

    dist = common.setup_distributed(cfg.device)
    try:
        with common.thread_limit(cfg.threads or None):
            return _run(cfg, dist, progress, torch, AutoModelForSequenceClassification)
    finally:
        common.teardown_distributed(dist)


def _run(cfg: Config, dist: common.Dist, progress: Any, torch: Any, auto_cls: Any) -> dict:
    import torch.nn.functional as F

    device = dist.device
    precision = common.choose_precision(device, cfg.precision)
    out_dir = Path(cfg.output) if cfg.output else common.default_output("cls")
    common.seed_everything(cfg.seed)

    # -- data, tokenizer, model ---------------------------------------------------------------
    train_texts, dev_texts = read_texts(cfg)
    if not train_texts:
        raise common.RecipeError("BD522", f"no training texts in {cfg.data}")
    state: dict[str, Any] | None = None
    if cfg.resume:
        state = common.load_trainer_state(out_dir)
        model_dir: str | None = str(out_dir / "checkpoint")
        ckpt_config = json.loads((out_dir / "checkpoint/config.json").read_text())
        labels = [ckpt_config["id2label"][str(i)] for i in range(len(ckpt_config["id2label"]))]
    else:
        model_dir = cfg.model
        labels = label_list(train_texts, dev_texts)
    if len(labels) < 2:
        raise common.RecipeError(
            "BD522",
            f"only one label ({labels}) in the data: nothing to classify",
            "give data with at least two classes",
        )
    label2id = {t: i for i, t in enumerate(labels)}
    if model_dir:
        tokenizer = common.load_tokenizer(model_dir)
    else:
        corpus = [t for ex in train_texts for t in (ex.text, ex.text_pair) if t]
        # no pretrained folder: the embedded vocabulary, or one trained on --data
        vocab = data.train_vocab(corpus, **data.USER_VOCAB) if cfg.data else None
        tokenizer = data.wordpiece_tokenizer(vocab, max_length=cfg.max_length)
    model = common.build_or_load_model(
        auto_cls,
        model_dir=model_dir,
        size=cfg.size,
        vocab_size=len(tokenizer),
        labels=labels,
        max_length=cfg.max_length,
    )
    model.to(device)
    common.small_model_threads(cfg, dist, model.config.hidden_size)
    max_length = min(cfg.max_length, model.config.max_position_embeddings)
    train = encode(train_texts, tokenizer, label2id, max_length)
    dev = encode(dev_texts, tokenizer, label2id, max_length)
    ddp_model = model
    if dist.world > 1:
        # one replica per process; gradients are averaged across processes in backward()
        ddp_model = torch.nn.parallel.DistributedDataParallel(
            model, device_ids=[device.index] if device.type == "cuda" else None
        )

    # -- optimizer and schedule ---------------------------------------------------------------
    # No weight decay on biases and LayerNorm weights: decay pulls weights toward 0, which for a
    # LayerNorm gain (initialised at 1) or a bias means fighting the normalisation itself; BERT
    # was pre-trained this way and fine-tuning keeps it.
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (no_decay if p.ndim < 2 or "LayerNorm" in name or name.endswith(".bias") else decay).append(
            p
        )
    lr = cfg.lr or (5e-5 if cfg.model else {"tiny": 2e-3, "base": 1e-4}[cfg.size])
    optimizer = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": cfg.weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=lr,
        fused=common.fused_adamw(device),  # one kernel for all parameters, not one per tensor
    )
    # Each process takes every world-th text of the epoch's shuffled order, in batches of
    # batch_size / world: N processes make the same optimizer steps as one process would.
    if cfg.batch_size % dist.world:
        raise common.RecipeError(
            "BD529",
            f"--batch-size {cfg.batch_size} does not split over {dist.world} processes",
            f"use a multiple of {dist.world}",
        )
    local_batch = cfg.batch_size // dist.world
    per_rank = len(train) // dist.world
    batches_per_epoch = math.ceil(per_rank / local_batch)
    # Warmup and decay count OPTIMIZER steps, not micro-batches: with accumulation, one
    # optimizer step consumes grad_accum batches, and a schedule counted in batches would
    # finish warmup (and decay to 0) grad_accum times too late.
    steps_per_epoch = math.ceil(batches_per_epoch / cfg.grad_accum)
    total_steps = cfg.max_steps or steps_per_epoch * cfg.epochs
    warmup_steps = max(1, int(cfg.warmup * total_steps))

    def lr_factor(step: int) -> float:  # linear warmup from ~0 to lr, then linear decay to 0
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_factor)
    scaler = common.grad_scaler(device, precision)

    losses: list[float] = []
    lrs: list[float] = []
    step = 0
    if state is not None:
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        scaler.load_state_dict(state["scaler"])
        torch.set_rng_state(state["rng"])
        step, losses, lrs = int(state["step"]), list(state["losses"]), list(state["lrs"])

    def epoch_batches(epoch: int) -> list[list[int]]:
        # Shuffled every epoch, from (seed, epoch) alone: a resumed run sees the same order.
        g = torch.Generator().manual_seed(cfg.seed * 1000 + epoch)
        order = torch.randperm(len(train), generator=g).tolist()
        mine = order[dist.rank : per_rank * dist.world : dist.world]
        return [mine[i : i + local_batch] for i in range(0, len(mine), local_batch)]

    def save() -> None:
        if dist.main:
            out_dir.mkdir(parents=True, exist_ok=True)
            common.save_checkpoint(
                out_dir,
                model,
                tokenizer,
                {
                    "step": step,
                    "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(),
                    "scaler": scaler.state_dict(),
                    "rng": torch.get_rng_state(),
                    "losses": losses,
                    "lrs": lrs,
                },
                config=cfg,
            )
        common.barrier(dist)

    # -- train --------------------------------------------------------------------------------
    meter = common.Meter(device)
    non_finite: dict[str, Any] | None = None
    pad_id = tokenizer.pad_token_id
    # --size base is a throughput check: every batch padded to max_length, so samples/s and
    # MFU are measured at that sequence length (otherwise: the longest sentence in the batch)
    pad_to = max_length if cfg.size == "base" and not cfg.model else 0
    ddp_model.train()
    meter.start()
    while step < total_steps and non_finite is None:
        epoch, done = divmod(step, steps_per_epoch)
        batches = epoch_batches(epoch)
        for first in range(done * cfg.grad_accum, len(batches), cfg.grad_accum):
            group = batches[first : first + cfg.grad_accum]
            step_loss = torch.zeros((), device=device)
            for i, idx in enumerate(group):
                batch = {
                    k: v.to(device, non_blocking=True)
                    for k, v in collate([train[j] for j in idx], pad_id, pad_to).items()
                }
                # DDP averages gradients on every backward; skip that until the group's last.
                last = i == len(group) - 1
                sync = nullcontext() if last or dist.world == 1 else ddp_model.no_sync()
                with sync:
                    with common.autocast(device, precision):
                        logits = forward(ddp_model, batch)
                    loss = F.cross_entropy(logits.float(), batch["labels"])
                    # The gradient of the group's MEAN loss: each micro-batch adds 1/len(group)
                    # of its gradient. Without the division, accumulating k batches would
                    # multiply the gradient (and the effective learning rate) by k.
                    scaler.scale(loss / len(group)).backward()
                step_loss += loss.detach() / len(group)
                meter.add(
                    len(idx),
                    sum(len(train[j]["input_ids"]) for j in idx),
                    batch["input_ids"].numel(),
                )
            scaler.unscale_(optimizer)  # clip the true gradients, not the fp16-scaled ones
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.clip)
            scaler.step(optimizer)  # skips the step if fp16 gradients overflowed
            scaler.update()
            optimizer.zero_grad(set_to_none=True)
            lrs.append(scheduler.get_last_lr()[0])
            scheduler.step()
            step += 1
            meter.step_done()  # the first step's one-time costs stay out of the rates
            loss_value = common.all_reduce_mean(float(step_loss), dist)
            losses.append(loss_value)
            if not math.isfinite(loss_value):
                non_finite = {"step": step, "loss": loss_value}
                break
            rate = meter.rate(dist.world)
            if progress is not None:
                progress(step=step, total=total_steps, loss=loss_value, samples_per_s=rate)
            if cfg.log_every and dist.main and step % cfg.log_every == 0:
                print(
                    f"step {step}/{total_steps} loss {loss_value:.4f} {rate:.1f} samples/s",
                    file=sys.stderr,
                    flush=True,
                )
            if step >= total_steps:
                break
            if (cfg.save_every and step % cfg.save_every == 0) or step % steps_per_epoch == 0:
                meter.stop()
                save()
                meter.start()
    meter.stop()
    if non_finite is None:
        save()

    # -- evaluate (rank 0) ----------------------------------------------------------------------
    result: dict[str, Any] = {}
    if dist.main:
        # eval(): dropout off, so predictions are deterministic; no_grad: no graph, less memory
        model.eval()
        correct = 0
        with torch.no_grad():
            for start in range(0, len(dev), 64):
                batch = {
                    k: v.to(device) for k, v in collate(dev[start : start + 64], pad_id).items()
                }
                with common.autocast(device, precision):
                    logits = forward(model, batch)
                correct += int((logits.argmax(-1) == batch["labels"]).sum())
        accuracy = correct / len(dev) if dev else None
        own_data = cfg.data is not None
        min_acc = cfg.min_accuracy if cfg.min_accuracy is not None else (0.0 if own_data else 0.8)
        loss_drop = cfg.loss_drop if cfg.loss_drop is not None else (0.2 if own_data else 0.5)
        verdict = common.judge(
            losses, accuracy, num_labels=len(labels), loss_drop=loss_drop, min_metric=min_acc
        )
        if cfg.max_steps and verdict["verdict"] != "FAIL" and len(losses) < 20:
            verdict["verdict"] = "SKIPPED"
        verdict["verdict"] = fresh_base_verdict(verdict, cfg.fresh_base, non_finite)
        result = {
            "task": "cls",
            "metric_name": "accuracy",
            "metric": accuracy,
            "scores": {"accuracy": accuracy, "correct": correct, "total": len(dev)},
            **verdict,
            "non_finite": non_finite,
            "labels": labels,
            "train_sentences": len(train),
            "dev_sentences": len(dev),
            "total_steps": total_steps,
            "steps_per_epoch": steps_per_epoch,
            "warmup_steps": warmup_steps,
            "lr": lr,
            "losses": losses,
            "lrs": lrs,
            "parameters": sum(p.numel() for p in model.parameters()),
            **meter.summary(
                config=model.config, num_labels=len(labels), precision=precision, world=dist.world
            ),
            **common.environment(dist, precision),
            "output": str(out_dir),
            "checkpoint": str(out_dir / "checkpoint") if non_finite is None else None,
            "config": asdict(cfg),
        }
        out_dir.mkdir(parents=True, exist_ok=True)
        common.write_json_atomic(out_dir / "metrics.json", result)
    common.barrier(dist)
    return result


if __name__ == "__main__":
    metrics = main(common.config_from_argv(Config, sys.argv[1:]))
    if metrics:
        print(
            f"{metrics['verdict']}: accuracy {metrics['metric']}, loss "
            f"{metrics['loss_first']} -> {metrics['loss_last']}; {metrics['output']}"
        )
