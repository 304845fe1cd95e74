"""`bertdoctor check-env`: a verdict on the machine (torch, CUDA, driver, GPUs), not a dump."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ._common import JSON, MARKDOWN, VERBOSE, cannot_run, fail, finish


def check_env(
    collect: bool = typer.Option(
        False, "--collect", help="Print the readings as JSON (for --from on another machine)."
    ),
    from_file: Path = typer.Option(
        None,
        "--from",
        metavar="FILE",
        help="Judge readings written by --collect (- reads standard input).",
    ),
    no_smoke: bool = typer.Option(False, "--no-smoke", help="Do no work on the GPU."),
    json_out: bool = JSON,
    markdown: bool = MARKDOWN,
    verbose: bool = VERBOSE,
) -> None:
    """Check torch, CUDA, the NVIDIA driver and the GPUs, with the fix for each problem."""
    from ..checks.env import check_env_report
    from ..envinfo import collect_readings, load_readings

    if collect and from_file is not None:
        raise fail("--collect and --from do not go together")
    if collect:
        readings = collect_readings(smoke=not no_smoke)
        sys.stdout.write(json.dumps(readings, indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(0)
    with cannot_run():
        readings = load_readings(from_file) if from_file is not None else None
        report = check_env_report(readings, smoke=not no_smoke)
    finish(report, json_out=json_out, markdown=markdown, verbose=verbose)
