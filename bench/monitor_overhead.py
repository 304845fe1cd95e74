"""Step time of a BERT fine-tuning loop with and without bertdoctor.watch, measured side by side.

Two identical copies of the same model and optimizer train on the same batches; their steps
alternate (A, B, A, B, ...) so that load on the machine hits both alike. Prints the median step
time of each and the overhead ratio (target: under 3%).

    python bench/monitor_overhead.py [--steps 150] [--hidden 128] [--layers 2] [--seq 64]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time

import torch
from transformers import BertConfig, BertForSequenceClassification, get_linear_schedule_with_warmup

import bertdoctor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=150, help="measured steps per variant")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured steps first")
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--seq", type=int, default=64)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    opts = parser.parse_args()

    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=8000,
        hidden_size=opts.hidden,
        num_hidden_layers=opts.layers,
        num_attention_heads=max(1, opts.hidden // 64),
        intermediate_size=4 * opts.hidden,
        max_position_embeddings=512,
        num_labels=2,
    )
    plain = BertForSequenceClassification(config).to(opts.device)
    watched = copy.deepcopy(plain)
    total = opts.warmup + opts.steps
    loops = {}
    for name, model in (("plain", plain), ("watched", watched)):
        opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
        sched = get_linear_schedule_with_warmup(opt, total // 10, total)
        loops[name] = (model, opt, sched)
    doctor = bertdoctor.watch(watched, loops["watched"][1], loops["watched"][2], quiet=True)

    g = torch.Generator().manual_seed(0)
    times: dict[str, list[float]] = {"plain": [], "watched": []}
    inside: list[float] = []  # time spent in doctor.step itself
    sync = torch.cuda.synchronize if opts.device.startswith("cuda") else (lambda: None)
    for step in range(total):
        ids = torch.randint(5, config.vocab_size, (opts.batch, opts.seq), generator=g)
        batch = {
            "input_ids": ids.to(opts.device),
            "attention_mask": torch.ones_like(ids).to(opts.device),
            "labels": torch.randint(0, 2, (opts.batch,), generator=g).to(opts.device),
        }
        order = ("plain", "watched") if step % 2 == 0 else ("watched", "plain")
        for name in order:
            model, opt, sched = loops[name]
            sync()
            start = time.perf_counter()
            loss = model(**batch).loss
            loss.backward()
            opt.step()
            sched.step()
            opt.zero_grad()
            if name == "watched":
                before = time.perf_counter()
                doctor.step(batch, loss)
                if step >= opts.warmup:
                    inside.append(time.perf_counter() - before)
            sync()
            if step >= opts.warmup:
                times[name].append(time.perf_counter() - start)
    doctor.close()

    plain_ms = 1000 * statistics.median(times["plain"])
    watched_ms = 1000 * statistics.median(times["watched"])
    print(
        f"device {opts.device}; BERT hidden {opts.hidden}, {opts.layers} layers; batch "
        f"{opts.batch} x {opts.seq} tokens; {opts.steps} measured steps each, interleaved"
    )
    print(f"median step: plain {plain_ms:.2f} ms, watched {watched_ms:.2f} ms")
    ratio = watched_ms / plain_ms
    print(f"overhead: {100 * (ratio - 1):+.2f}% (ratio {ratio:.4f}; target < 3%)")
    own = 1000 * statistics.median(inside)
    print(
        f"time inside doctor.step: median {own:.3f} ms = {100 * own / plain_ms:.3f}% of a step "
        "(the forward and optimizer hooks come on top; the side-by-side ratio includes them)"
    )
    # the labels are random, so the loss cannot go down: BD502 is the expected finding
    print(
        f"findings during the run: {[f.code for f in doctor.findings] or 'none'} "
        "(random labels: BD502 expected)"
    )


if __name__ == "__main__":
    main()
