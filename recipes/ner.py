"""A known-good BERT fine-tune for token classification (NER), in one readable file.

Every step is the one BERT fine-tuning needs; where a step is BERT-specific, a comment says why.
If this trains on your machine and your own script does not, the bug is in your script.

    bertdoctor run-recipe ner                          # embedded data, small BERT, ~1 min on CPU
    bertdoctor run-recipe ner --model ./bert-base-chinese --data train.txt --dev dev.txt
    python -m bertdoctor.recipes.ner --epochs=1 --output=runs/ner   # any Config field
    python -m torch.distributed.run --nproc-per-node 2 -m bertdoctor.recipes.ner --output=runs/ddp

It writes OUTPUT/metrics.json (losses, entity F1, throughput, the verdict) and OUTPUT/checkpoint
(save_pretrained, safetensors; loadable with AutoModelForTokenClassification.from_pretrained).
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
    data: str | None = None  # training file (CoNLL, JSONL, ...); None: the embedded data
    dev: str | None = None  # held-out file; None: 10% of --data (or the embedded dev set)
    train_size: int = 1200  # embedded data: training sentences (half English, half Chinese)
    dev_size: int = 300  # embedded data: held-out sentences
    output: str | None = None  # run folder; None: ./bertdoctor-runs/ner-YYYYmmdd-HHMMSS
    device: str = "auto"  # auto (cuda if available), cpu, cuda, cuda:1
    precision: str = "auto"  # auto (GPU: bf16 if it has it, else fp16; CPU: fp32), fp32, bf16, fp16
    batch_size: int = 32  # sentences per micro-batch, over all processes (each: batch / N)
    grad_accum: int = 1  # micro-batches per optimizer step
    epochs: int = 8  # passes over the training data
    max_steps: int = 0  # stop after this many optimizer steps (0: run the epochs)
    lr: float | None = None  # peak learning rate; None: 2e-3 tiny, 1e-4 base, 5e-5 --model
    weight_decay: float = 0.01  # AdamW decay, not applied to biases and LayerNorm weights
    warmup: float = 0.1  # fraction of the optimizer steps spent warming up linearly from 0
    clip: float = 1.0  # max gradient norm
    max_length: int = 128  # word pieces per sentence, [CLS] and [SEP] included
    seed: int = 0  # same seed, same data order, same init: the same loss curve on CPU
    crf: bool = False  # a CRF layer (pytorch-crf) over the per-word emissions
    resume: bool = False  # continue from OUTPUT/checkpoint
    save_every: int = 0  # also checkpoint every N optimizer steps (0: each epoch end and the end)
    loss_drop: float | None = None  # PASS needs the loss to fall by this fraction; None: 0.5 / 0.2
    min_f1: float | None = None  # PASS needs entity F1 >= this; None: 0.8 embedded, 0.0 --data
    log_every: int = 0  # print a log line to stderr every N steps (0: never)
    threads: int = 0  # torch CPU threads; 0: 1 for small models on CPU, else torch's default


# ---------------------------------------------------------------------------------------------
# Data: read sentences, pick the label set, encode with the fast tokenizer.


def read_sentences(cfg: Config) -> tuple[list[data.NerExample], list[data.NerExample]]:
    if cfg.data is None:
        return data.ner_examples(cfg.train_size), data.ner_examples(cfg.dev_size, split="dev")
    from bertdoctor.readers import read_examples

    def read(path: str) -> list[data.NerExample]:
        out = []
        for ex in read_examples(path, task="ner"):
            if ex.tokens is None or ex.tags is None:
                raise common.RecipeError(
                    "BD522",
                    f"{ex.path}:{ex.line}: not a token-tagging "
                    "record; `run-recipe ner` needs words with tags",
                    "use `bertdoctor run-recipe cls` for text labels",
                )
            out.append(data.NerExample(list(ex.tokens), [str(t) for t in ex.tags]))
        return out

    train = read(cfg.data)
    if cfg.dev:
        return train, read(cfg.dev)
    # No dev file: hold out every 10th sentence (fixed, whatever the seed).
    return (
        [s for i, s in enumerate(train) if i % 10 != 9],
        [s for i, s in enumerate(train) if i % 10 == 9],
    )


def label_list(*splits: list[data.NerExample]) -> list[str]:
    tags = {t for split in splits for s in split for t in s.tags}
    if all(t.lstrip("-").isdigit() for t in tags):  # tag ids already (ner_tags): keep them
        return sorted(tags, key=int)
    # O first (id 0), then each entity type's B- before its I-
    return ["O"] * ("O" in tags) + sorted(tags - {"O"}, key=lambda t: (t[2:], t[:2]))


def encode(
    sentences: list[data.NerExample], tokenizer: Any, label2id: dict[str, int], max_length: int
) -> list[dict[str, Any]]:
    enc = tokenizer(
        [s.tokens for s in sentences],
        is_split_into_words=True,
        truncation=True,
        max_length=max_length,
    )
    out = []
    for i, sent in enumerate(sentences):
        word_ids = enc.word_ids(i)
        # BERT splits words into word pieces ("Brannock" -> "Bran", "##nock"). The word's label
        # goes on its FIRST piece; the other pieces and [CLS]/[SEP] get -100, the index that
        # cross_entropy ignores. Labelling every piece would count long words several times and
        # teach I- tags inside one word; labelling none would lose the word.
        labels, first_piece, previous = [], [], None
        for pos, w in enumerate(word_ids):
            if w is not None and w != previous:
                labels.append(label2id[sent.tags[w]])
                first_piece.append((w, pos))
            else:
                labels.append(-100)
            previous = w
        n = len(enc["input_ids"][i])
        out.append(
            {
                "input_ids": enc["input_ids"][i],
                "token_type_ids": enc["token_type_ids"][i] if "token_type_ids" in enc else [0] * n,
                "attention_mask": [1] * n,
                "labels": labels,
                "word_labels": [labels[p] for _, p in first_piece],
                "word_mask": [1] * len(first_piece),
                "words": [w for w, _ in first_piece],  # words that kept a piece (truncation,
                "word_index": [p for _, p in first_piece],  # U+FE0F-only words have none)
                "tags": sent.tags,  # gold tags of ALL words: missing words still count in F1
            }
        )
    return out


def collate(feats: list[dict[str, Any]], pad_id: int, pad_to: int = 0) -> dict[str, Any]:
    """Pads one batch to its longest sentence (dynamic padding: no compute on padding rows)."""
    import torch

    width = max(pad_to, *(len(f["input_ids"]) for f in feats))
    words = max(1, max(len(f["word_index"]) for f in feats))

    def pad(key: str, value: int, size: int) -> Any:
        return torch.tensor([f[key] + [value] * (size - len(f[key])) for f in feats])

    return {
        "input_ids": pad("input_ids", pad_id, width),
        "token_type_ids": pad("token_type_ids", 0, width),
        "attention_mask": pad("attention_mask", 0, width),
        "labels": pad("labels", -100, width),
        # the per-word view, for the CRF and for predictions: where each word's first piece is,
        # which words exist (the CRF's mask), and their labels (never -100)
        "word_index": pad("word_index", 0, words),
        "word_mask": pad("word_mask", 0, words).bool(),
        "word_labels": pad("word_labels", 0, words),
    }


# ---------------------------------------------------------------------------------------------
# Model: BERT with a token-classification head, optionally a CRF over its per-word emissions.


def build_tagger(encoder: Any, num_labels: int, crf: bool) -> Any:
    import torch

    class Tagger(torch.nn.Module):
        """The encoder's per-word emissions (scores at each word's first piece), and a CRF.

        The CRF sees WORDS with a boolean mask (True for real words), never -100: feeding the
        piece-level labels with -100 into a CRF is the classic `index -100 is out of bounds`.
        """

        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            if crf:
                from torchcrf import CRF

                self.crf = CRF(num_labels, batch_first=True)
            else:
                self.crf = None

        def forward(self, batch: dict[str, Any]) -> tuple[Any, Any]:
            logits = self.encoder(
                input_ids=batch["input_ids"],
                attention_mask=batch["attention_mask"],
                token_type_ids=batch["token_type_ids"],
            ).logits
            index = batch["word_index"].unsqueeze(-1).expand(-1, -1, logits.size(-1))
            return logits, logits.gather(1, index)  # (batch, pieces, L), (batch, words, L)

    return Tagger()


def tagger_loss(tagger: Any, batch: dict[str, Any], logits: Any, emissions: Any) -> Any:
    import torch
    import torch.nn.functional as F

    if tagger.crf is None:
        # mean over the labelled pieces (first pieces); -100 positions are skipped
        return F.cross_entropy(
            logits.flatten(0, 1).float(), batch["labels"].flatten(), ignore_index=-100
        )
    with torch.autocast(batch["input_ids"].device.type, enabled=False):  # CRF sums in fp32
        mask = batch["word_mask"]
        return -tagger.crf(
            emissions.float(), batch["word_labels"], mask=mask, reduction="token_mean"
        )


def predict(tagger: Any, batch: dict[str, Any], emissions: Any) -> list[list[int]]:
    if tagger.crf is not None:
        return tagger.crf.decode(emissions.float(), mask=batch["word_mask"])
    best = emissions.argmax(-1)
    return [best[i, : int(m.sum())].tolist() for i, m in enumerate(batch["word_mask"])]


# ---------------------------------------------------------------------------------------------
# Entity-level F1: an entity counts only when its span and type match exactly.


def entity_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) spans of a BIO/IOB2 (or BIOES) sequence; an I- after O or after
    another type starts an entity, as conlleval and seqeval's default mode do."""
    spans, start, kind = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-") if tag != "O" else ("O", "", "")
        if start is not None and (prefix in ("O", "B", "S") or typ != kind):
            spans.add((start, i, kind))
            start = None
        if prefix in ("B", "I", "E", "S") and start is None:
            start, kind = i, typ
        if prefix in ("E", "S") and start is not None:
            spans.add((start, i + 1, kind))
            start = None
    return spans


def entity_f1(gold: list[list[str]], pred: list[list[str]]) -> dict[str, float]:
    g = {(i, *s) for i, tags in enumerate(gold) for s in entity_spans(tags)}
    p = {(i, *s) for i, tags in enumerate(pred) for s in entity_spans(tags)}
    tp = len(g & p)
    precision = tp / len(p) if p else 0.0
    recall = tp / len(g) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "f1": f1,
        "precision": precision,
        "recall": recall,
        "gold_entities": len(g),
        "predicted_entities": len(p),
    }


# ---------------------------------------------------------------------------------------------
# The run.


def main(cfg: Config, progress: Callable[..., None] | None = None) -> dict[str, Any]:
    """Trains, evaluates, writes OUTPUT/metrics.json and OUTPUT/checkpoint; returns the metrics.

    ``progress(step=, total=, loss=, samples_per_s=)`` is called after every optimizer step.
    """
    import torch
    from transformers import AutoModelForTokenClassification

    dist = common.setup_distributed(cfg.device)
    try:
        with common.thread_limit(cfg.threads or None):
            return _run(cfg, dist, progress, torch, AutoModelForTokenClassification)
    finally:
        common.teardown_distributed(dist)


def _run(cfg: Config, dist: common.Dist, progress: Any, torch: Any, auto_cls: Any) -> dict:
    device = dist.device
    precision = common.choose_precision(device, cfg.precision)
    out_dir = Path(cfg.output) if cfg.output else common.default_output("ner")
    if cfg.crf:
        try:
            import torchcrf  # noqa: F401
        except ImportError:
            raise common.RecipeError(
                "BD530",
                "--crf needs pytorch-crf, which is not installed",
                'pip install "bertdoctor[crf]"',
            ) from None
    common.seed_everything(cfg.seed)

    # -- data, tokenizer, model ---------------------------------------------------------------
    train_sents, dev_sents = read_sentences(cfg)
    if not train_sents:
        raise common.RecipeError("BD522", f"no training sentences in {cfg.data}")
    state: dict[str, Any] | None = None
    if cfg.resume:
        state = common.load_trainer_state(out_dir)
        model_dir: str | None = str(out_dir / "checkpoint")
        ckpt_config = json.loads((out_dir / "checkpoint/config.json").read_text())
        labels = [ckpt_config["id2label"][str(i)] for i in range(len(ckpt_config["id2label"]))]
    else:
        model_dir = cfg.model
        labels = label_list(train_sents, dev_sents)
    label2id = {t: i for i, t in enumerate(labels)}
    if model_dir:
        tokenizer = common.load_tokenizer(model_dir)
    else:
        # no pretrained folder: the embedded vocabulary, or one trained on --data
        texts = [" ".join(s.tokens) for s in train_sents]
        vocab = data.train_vocab(texts, **data.USER_VOCAB) if cfg.data else None
        tokenizer = data.wordpiece_tokenizer(vocab, max_length=cfg.max_length)
    encoder = common.build_or_load_model(
        auto_cls,
        model_dir=model_dir,
        size=cfg.size,
        vocab_size=len(tokenizer),
        labels=labels,
        max_length=cfg.max_length,
    )
    tagger = build_tagger(encoder, len(labels), cfg.crf)
    if cfg.crf and cfg.resume:
        from safetensors.torch import load_file

        tagger.crf.load_state_dict(load_file(str(out_dir / "checkpoint/crf.safetensors")))
    tagger.to(device)
    common.small_model_threads(cfg, dist, encoder.config.hidden_size)
    max_length = min(cfg.max_length, encoder.config.max_position_embeddings)
    train = [f for f in encode(train_sents, tokenizer, label2id, max_length) if f["word_index"]]
    dev = encode(dev_sents, tokenizer, label2id, max_length)
    model = tagger
    if dist.world > 1:
        # one replica per process; gradients are averaged across processes in backward()
        model = torch.nn.parallel.DistributedDataParallel(
            tagger, device_ids=[device.index] if device.type == "cuda" else None
        )

    # -- optimizer and schedule ---------------------------------------------------------------
    # No weight decay on biases and LayerNorm weights: decay pulls weights toward 0, which for a
    # LayerNorm gain (initialised at 1) or a bias means fighting the normalisation itself; BERT
    # was pre-trained this way and fine-tuning keeps it.
    decay, no_decay = [], []
    for name, p in tagger.named_parameters():
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
    # Each process takes every world-th example of the epoch's shuffled order, in batches of
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
            extra = {"crf.safetensors": tagger.crf.state_dict()} if tagger.crf else None
            common.save_checkpoint(
                out_dir,
                encoder,
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
                extra,
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
    model.train()
    meter.start()
    while step < total_steps and non_finite is None:
        epoch, done = divmod(step, steps_per_epoch)
        batches = epoch_batches(epoch)
        for first in range(done * cfg.grad_accum, len(batches), cfg.grad_accum):
            group = batches[first : first + cfg.grad_accum]
            step_loss = torch.zeros((), device=device)
            for i, idx in enumerate(group):
                feats = [train[j] for j in idx]
                batch = {
                    k: v.to(device, non_blocking=True)
                    for k, v in collate(feats, pad_id, pad_to).items()
                }
                # DDP averages gradients on every backward; skip that until the group's last.
                last = i == len(group) - 1
                sync = nullcontext() if last or dist.world == 1 else model.no_sync()
                with sync:
                    with common.autocast(device, precision):
                        logits, emissions = model(batch)
                        loss = tagger_loss(tagger, batch, logits, emissions)
                    # The gradient of the group's MEAN loss: each micro-batch adds 1/len(group)
                    # of its gradient. Without the division, accumulating k batches would
                    # multiply the gradient (and the effective learning rate) by k.
                    scaler.scale(loss / len(group)).backward()
                step_loss += loss.detach() / len(group)
                meter.add(
                    len(idx), sum(len(f["input_ids"]) for f in feats), batch["input_ids"].numel()
                )
            scaler.unscale_(optimizer)  # clip the true gradients, not the fp16-scaled ones
            torch.nn.utils.clip_grad_norm_(tagger.parameters(), cfg.clip)
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
        tagger.eval()
        gold, pred = [], []
        with torch.no_grad():
            for start in range(0, len(dev), 64):
                feats = dev[start : start + 64]
                batch = {k: v.to(device) for k, v in collate(feats, pad_id).items()}
                with common.autocast(device, precision):
                    _, emissions = tagger(batch)
                for f, ids in zip(feats, predict(tagger, batch, emissions), strict=True):
                    # words without a piece (cut by max_length, or made only of characters the
                    # tokenizer drops) are predicted O: they still count against recall
                    tags = ["O"] * len(f["tags"])
                    for w, label_id in zip(f["words"], ids, strict=True):
                        tags[w] = labels[label_id]
                    gold.append(list(f["tags"]))
                    pred.append(tags)
        scores = entity_f1(gold, pred) if dev else {"f1": None}
        own_data = cfg.data is not None
        min_f1 = cfg.min_f1 if cfg.min_f1 is not None else (0.0 if own_data else 0.8)
        loss_drop = cfg.loss_drop if cfg.loss_drop is not None else (0.2 if own_data else 0.5)
        verdict = common.judge(
            losses, scores["f1"], num_labels=len(labels), loss_drop=loss_drop, min_metric=min_f1
        )
        if cfg.max_steps and verdict["verdict"] != "FAIL" and len(losses) < 20:
            verdict["verdict"] = "SKIPPED"
        result = {
            "task": "ner",
            "metric_name": "entity F1",
            "metric": scores["f1"],
            "scores": scores,
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
            "parameters": sum(p.numel() for p in tagger.parameters()),
            **meter.summary(
                config=encoder.config, num_labels=len(labels), precision=precision, world=dist.world
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
            f"{metrics['verdict']}: entity F1 {metrics['metric']}, loss "
            f"{metrics['loss_first']} -> {metrics['loss_last']}; {metrics['output']}"
        )
