"""`bertdoctor check-data`: find label, -100, alignment, length and tokenizer problems in training
data before training."""

from __future__ import annotations

import typer

from ._common import JSON, MARKDOWN, VERBOSE, cannot_run, finish


def check_data(
    files: list[str] = typer.Argument(
        ..., metavar="FILE", help="Data files (train first), or seq.in/seq.out folders."
    ),
    model: str | None = typer.Option(
        None, "--model", metavar="DIR", help="A local model folder to check against."
    ),
    task: str | None = typer.Option(
        None, "--task", metavar="ner|cls|pair", help="ner, cls or pair (default: from the format)."
    ),
    num_labels: int | None = typer.Option(
        None, "--num-labels", metavar="N", help="The model's number of labels."
    ),
    labels: str | None = typer.Option(
        None, "--labels", metavar="FILE", help="A label list: one per line, or JSON."
    ),
    max_length: int | None = typer.Option(
        None, "--max-length", metavar="N", help="The max_length you tokenize with."
    ),
    crf: bool = typer.Option(False, "--crf", help="The model has a CRF head (no -100 allowed)."),
    json_out: bool = JSON,
    markdown: bool = MARKDOWN,
    verbose: bool = VERBOSE,
) -> None:
    """Check data files (CoNLL, seq.in/seq.out, JSONL, CSV/TSV, .pt) before training."""
    from ..checks.data import check_data_report

    with cannot_run():
        report = check_data_report(
            files,
            model=model,
            task=task,
            num_labels=num_labels,
            labels_file=labels,
            max_length=max_length,
            crf=crf,
            show_progress=not json_out,
        )
    finish(report, json_out=json_out, markdown=markdown, verbose=verbose)
