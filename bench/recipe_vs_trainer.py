"""Throughput of the ner recipe's loop against the transformers Trainer, side by side.

The same model (the recipe's fresh tiny BERT, or --size base), the same encoded sentences of the
embedded data, the same batch size, optimizer settings and number of steps. Both are timed the
same way: from the end of the first optimizer step to the end of the last (the first step pays
for one-time allocations), samples = (steps - 1) x batch size. Runs alternate, so a busy
machine slows both alike; the ratio printed is the median over the rounds.

    python bench/recipe_vs_trainer.py                    # CPU: tiny model, 60 steps, 3 rounds
    python bench/recipe_vs_trainer.py --size base --steps 30 --device cuda

Target: recipe / Trainer >= 1.0.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _stamps import stamped_ner_run


def time_recipe(args: argparse.Namespace, out: Path) -> float:
    _, stamps, _ = stamped_ner_run(
        args.device,
        output=str(out),
        size=args.size,
        max_steps=args.steps,
        batch_size=args.batch_size,
        precision=args.precision,
        threads=args.threads,
    )
    return (len(stamps) - 1) * args.batch_size / (stamps[-1] - stamps[0])


def time_trainer(args: argparse.Namespace, out: Path) -> float:
    import torch
    from transformers import (
        AutoModelForTokenClassification,
        DataCollatorForTokenClassification,
        Trainer,
        TrainerCallback,
        TrainingArguments,
    )

    from bertdoctor.recipes import common, data, ner

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    sents = data.ner_examples(ner.Config.train_size)
    labels = ner.label_list(sents)
    tokenizer = data.wordpiece_tokenizer()
    feats = ner.encode(sents, tokenizer, {t: i for i, t in enumerate(labels)}, 128)
    rows = [
        {
            "input_ids": f["input_ids"],
            "token_type_ids": f["token_type_ids"],
            "attention_mask": [1] * len(f["input_ids"]),
            "labels": f["labels"],
        }
        for f in feats
    ]
    model = common.build_or_load_model(
        AutoModelForTokenClassification,
        model_dir=None,
        size=args.size,
        vocab_size=len(tokenizer),
        labels=labels,
        max_length=128,
    )
    stamps: list[float] = []

    class Stamp(TrainerCallback):
        def on_step_end(self, *a: object, **k: object) -> None:
            if args.device.startswith("cuda"):
                torch.cuda.synchronize()
            stamps.append(time.perf_counter())

    precision = args.precision if args.device.startswith("cuda") else "fp32"
    if precision == "auto":
        precision = "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    training = TrainingArguments(
        output_dir=str(out),
        per_device_train_batch_size=args.batch_size,
        max_steps=args.steps,
        learning_rate=2e-3 if args.size == "tiny" else 1e-4,
        weight_decay=0.01,
        warmup_steps=max(1, args.steps // 10),
        lr_scheduler_type="linear",
        max_grad_norm=1.0,
        logging_strategy="no",
        save_strategy="no",
        report_to="none",
        disable_tqdm=True,
        use_cpu=not args.device.startswith("cuda"),
        seed=0,
        dataloader_num_workers=0,
        bf16=precision == "bf16",
        fp16=precision == "fp16",
    )
    # --size base: the recipe pads every batch to 128 for a fixed-length throughput check
    padding = {"padding": "max_length", "max_length": 128} if args.size == "base" else {}
    collator = DataCollatorForTokenClassification(tokenizer, **padding)
    trainer = Trainer(
        model=model,
        args=training,
        train_dataset=rows,
        data_collator=collator,
        callbacks=[Stamp()],
    )
    trainer.train()
    return (len(stamps) - 1) * args.batch_size / (stamps[-1] - stamps[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="tiny", choices=["tiny", "base"])
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--precision", default="auto")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds):
            recipe = time_recipe(args, Path(tmp) / f"recipe-{i}")
            trainer = time_trainer(args, Path(tmp) / f"trainer-{i}")
            ratios.append(recipe / trainer)
            print(
                f"round {i + 1}: recipe {recipe:,.1f} samples/s, Trainer {trainer:,.1f} "
                f"samples/s, ratio {recipe / trainer:.2f}",
                flush=True,
            )
    print(
        f"{args.size} model, batch {args.batch_size}, {args.steps} steps on {args.device} "
        f"({args.threads} thread{'s' if args.threads != 1 else ''}): recipe / Trainer "
        f"throughput = {statistics.median(ratios):.2f} (median of {args.rounds}; target >= 1.0)"
    )


if __name__ == "__main__":
    main()
