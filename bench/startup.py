"""Start-up cost of bertdoctor, measured side by side with a bare Python in one run.

    python bench/startup.py [--repeat 5]

Prints the median wall time of `python -c pass`, `python -c 'import torch'`, `bertdoctor --help`
and `bertdoctor check-env --no-smoke`, and their ratios to the bare Python. check-env imports
torch in a child process, so one `import torch` is its floor; the ratio to it is bertdoctor's
own overhead. The issue's target:
check-env prints its verdict in under 3 s on the development machine. The runs interleave (one
of each per round) so a busy machine slows all three alike; the ratios are what to compare
between machines, the absolute times say whether the target is met here.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import torch'": [sys.executable, "-c", "import torch"],
    "bertdoctor --help": [sys.executable, "-m", "bertdoctor", "--help"],
    "bertdoctor check-env --no-smoke": [
        sys.executable,
        "-m",
        "bertdoctor",
        "check-env",
        "--no-smoke",
    ],
}
TARGET_S = 3.0


def time_once(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # check-env exits 1 when it finds an error: still a verdict
        sys.exit(f"{' '.join(cmd)} failed with status {proc.returncode}: {proc.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds (median is reported)")
    args = parser.parse_args()

    for cmd in COMMANDS.values():  # warm the file cache once, not measured
        time_once(cmd)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.repeat):
        for name, cmd in COMMANDS.items():
            times[name].append(time_once(cmd))

    base = statistics.median(times["python -c pass"])
    print(f"{'command':<34}{'median':>10}{'min':>10}{'x python':>10}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<34}{median:>9.3f}s{min(values):>9.3f}s{median / base:>10.1f}")
    check_env = statistics.median(times["bertdoctor check-env --no-smoke"])
    torch_import = statistics.median(times["python -c 'import torch'"])
    # check-env imports torch in a child process: its floor is one `import torch`
    print(
        f"check-env / import torch: {check_env / torch_import:.2f} "
        f"(bertdoctor's own share: {check_env - torch_import:+.2f} s)"
    )
    verdict = "meets" if check_env < TARGET_S else "MISSES"
    print(
        f"check-env verdict in {check_env:.2f} s: {verdict} the {TARGET_S:g} s target "
        f"({args.repeat} rounds, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()
