"""Speed of `bertdoctor explain` on a large training log, measured side by side in one run.

    python bench/explain_speed.py [--mb 10] [--repeat 5]

Writes a generated log of about --mb MB (Trainer dicts, tqdm bars ending in carriage returns,
ANSI-coloured logger lines, Chinese text, log lines that quote error messages) with a CUDA
device-side assert traceback at the end, then times, median of --repeat rounds:

- baseline: reading the file and decoding it (what any tool must do; no regex);
- explain_text: the engine on the decoded text (normalising, finding the error, the patterns);
- read + explain: both, as `bertdoctor explain --file LOG` does after start-up;
- the CLI: `python -m bertdoctor explain --file LOG --json` in a subprocess (start-up included:
  Python, typer, rich and the patterns; where no bytecode is cached, compiling the sources too);
- one line: explain_text on a text of the same size with no line break at all (a JSON dump, a
  notebook's escaped output), full of words that prose patterns look for.

Prints the absolute times and the ratios to the baseline. The issue's target: a 10 MB log is
answered in under a second (read + explain). Rounds interleave the measurements, so a busy
machine slows all of them alike; compare ratios between machines, absolute times here.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TAIL = """Traceback (most recent call last):
  File "/home/u/ner/train.py", line 131, in <module>
    loss.backward()
RuntimeError: CUDA error: device-side assert triggered
CUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace \
below might be incorrect.
For debugging consider passing CUDA_LAUNCH_BLOCKING=1.
"""


def write_log(path: Path, megabytes: float, seed: int = 0) -> int:
    rng = random.Random(seed)
    templates = (
        "{{'loss': {x:.4f}, 'grad_norm': {y:.3f}, 'learning_rate': 1.9e-05, 'epoch': {e:.2f}}}\n",
        "\x1b[32m2024-03-01 10:{m:02d}:11\x1b[0m | INFO | 第 {n} 步 loss={x:.3f} 用时 0.31s\n",
        "Epoch 1:  {p}%|\u2588\u2588\u258c      | {n}/12000 [01:{m:02d}<03:10, 8.1it/s]\r",
        "INFO FAQ: 'CUDA out of memory' means a smaller batch; 'Target 5 is out of bounds' "
        "means labels\n",
        "Loss.cu assertions are printed by the GPU; see nan-free banana financial news {n}\n",
    )
    target = int(megabytes * 1024 * 1024)
    size = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        while size < target:
            line = rng.choice(templates).format(
                x=rng.uniform(0.1, 2.5),
                y=rng.uniform(0.1, 9),
                e=rng.uniform(0, 3),
                m=rng.randint(0, 59),
                n=rng.randint(1, 12000),
                p=rng.randint(0, 99),
            )
            fh.write(line)
            size += len(line.encode("utf-8"))
        fh.write(TAIL)
    return path.stat().st_size


def one_line_text(megabytes: float) -> str:
    """A text of that size on one line: prose words ("loss", "out of memory", "max_length=",
    "fit", "GPU") repeated without a newline, the worst case for windows read around a hit."""
    unit = (
        "the loss of the bert model can not fit on GPU 'a' and 'b', CUDA out of memory, "
        "max_length=1024, 메모리 12345 "
    )
    size = int(megabytes * 1024 * 1024)
    return (unit * (size // len(unit) + 1))[:size]


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the generated log")
    parser.add_argument("--repeat", type=int, default=5, help="rounds; the median is shown")
    args = parser.parse_args()

    from bertdoctor.explain import explain_text, read_log

    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "train.log"
        size = write_log(log, args.mb)
        text = read_log(log)
        code = explain_text(text).findings[0].code  # warm up, and check the answer
        cli = [sys.executable, "-m", "bertdoctor", "explain", "--file", str(log), "--json"]
        env = dict(os.environ, NO_COLOR="1")
        one_line = one_line_text(args.mb)
        results: dict[str, list[float]] = {
            k: [] for k in ("baseline", "explain", "read+explain", "cli", "one line")
        }
        for _ in range(args.repeat):  # interleaved rounds
            results["baseline"].append(median_time(lambda: log.read_bytes().decode("utf-8"), 1))
            results["explain"].append(median_time(lambda: explain_text(text), 1))
            results["read+explain"].append(median_time(lambda: explain_text(read_log(log)), 1))
            results["cli"].append(
                median_time(
                    lambda: subprocess.run(cli, capture_output=True, env=env, check=False), 1
                )
            )
            results["one line"].append(median_time(lambda: explain_text(one_line), 1))
        base = statistics.median(results["baseline"])
        print(f"log: {size / 1024 / 1024:.1f} MB, {args.repeat} rounds, answer {code}")
        for name, times in results.items():
            t = statistics.median(times)
            print(f"{name:>13}: {t * 1000:8.1f} ms   x{t / base:6.1f} the baseline")
        for name in ("read+explain", "one line", "cli"):
            verdict = "under" if statistics.median(results[name]) < 1.0 else "OVER"
            print(f"{name} is {verdict} the 1 s target")
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            print(
                "note: PYTHONDONTWRITEBYTECODE is set: the cli compiles every source of "
                "bertdoctor that has no up-to-date cached bytecode, at every start"
            )


if __name__ == "__main__":
    main()
