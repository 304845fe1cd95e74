"""`bertdoctor check-script SCRIPT...`: the BERT fine-tuning mistakes visible in the source."""

from __future__ import annotations

import typer

from ._common import JSON, MARKDOWN, VERBOSE, cannot_run, finish


def check_script(
    scripts: list[str] = typer.Argument(
        ..., metavar="SCRIPT", help="Training scripts: train.py, an exported notebook, a .ipynb."
    ),
    cwd: str = typer.Option(
        None, "--cwd", help="The folder you run the scripts from (default: this one)."
    ),
    json_out: bool = JSON,
    markdown: bool = MARKDOWN,
    verbose: bool = VERBOSE,
) -> None:
    """Read training scripts without running them and flag BERT fine-tuning mistakes: model
    keywords given to the tokenizer, unshuffled training data, unscaled gradient accumulation,
    schedules sized in batches, labels padded with a real class, and the import problems of
    check-imports. `bertdoctor rule BD6xx` explains each rule."""
    from ..checks.script import check_script_report

    with cannot_run():
        report = check_script_report(scripts, cwd=cwd)
    finish(report, json_out=json_out, markdown=markdown, verbose=verbose)
