"""`bertdoctor check-run`: audit a finished or crashed Trainer output folder."""

from __future__ import annotations

import typer

from ._common import JSON, MARKDOWN, VERBOSE, cannot_run, finish


def check_run(
    folder: str = typer.Argument(
        ..., metavar="DIR", help="The Trainer's output_dir, or one of its checkpoint-* folders."
    ),
    json_out: bool = JSON,
    markdown: bool = MARKDOWN,
    verbose: bool = VERBOSE,
) -> None:
    """Audit a Trainer run from trainer_state.json: NaN or zero losses, grad norms, the
    learning-rate schedule, evaluations that never move, the best checkpoint against the last."""
    with cannot_run():
        from ..checks.run import check_run_report

        report = check_run_report(folder)
    finish(report, json_out=json_out, markdown=markdown, verbose=verbose)
