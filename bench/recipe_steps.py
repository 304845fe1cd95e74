"""Where the ner recipe's training time goes, step by step: warm-up against the steady state.

    python bench/recipe_steps.py [--device cuda] [--size tiny] [--precision auto]
                                 [--batch-size 32] [--steps 120]

Runs the recipe once with a progress hook that synchronises the device and stamps the time
after every optimizer step. Prints the time to the end of the first step (the recipe's set-up
included: data, tokenizer, model), the median of steps 2-10 and of the steps after them,
and the recipe's own samples/s (its Meter, which leaves the first step out) next to the
steady-state samples/s from the stamps. A large gap says one-time costs (lazy kernel loading,
cuBLAS heuristics, allocator growth) reach the Meter's throughput.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile

from _stamps import stamped_ner_run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--size", default="tiny", choices=["tiny", "base"])
    parser.add_argument("--precision", default="auto")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--steps", type=int, default=120)
    parser.add_argument("--max-length", type=int, default=128)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as out:
        start, stamps, metrics = stamped_ner_run(
            args.device,
            output=out,
            size=args.size,
            max_steps=args.steps,
            batch_size=args.batch_size,
            max_length=args.max_length,
            precision=args.precision,
        )
    gaps = [b - a for a, b in zip([start, *stamps], stamps, strict=False)]
    steady = gaps[10:] or gaps[1:]
    steady_rate = args.batch_size / statistics.median(steady)
    print(
        json.dumps(
            {
                "run": f"{args.size} {metrics.get('precision')} batch {args.batch_size}",
                "steps": len(gaps),
                "setup_and_first_step_ms": round(gaps[0] * 1e3, 1),
                "steps_2_10_median_ms": round(statistics.median(gaps[1:10]) * 1e3, 2),
                "steady_median_ms": round(statistics.median(steady) * 1e3, 2),
                "meter_samples_per_s": metrics.get("samples_per_s"),
                "steady_samples_per_s": round(steady_rate, 1),
                "meter_mfu": metrics.get("mfu"),
                # same padded length in both: MFU scales with the samples per second
                "steady_mfu": (
                    round(metrics["mfu"] * steady_rate / metrics["samples_per_s"], 4)
                    if metrics.get("mfu") is not None
                    else None
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
