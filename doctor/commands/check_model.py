"""`bertdoctor check-model PATH_OR_ID`: will this model folder or Hub id load as expected?"""

from __future__ import annotations

import typer

from ._common import JSON, MARKDOWN, VERBOSE, cannot_run, finish


def check_model(
    path_or_id: str = typer.Argument(..., help="A model folder or a Hub id: ./bert-base-chinese"),
    script: str = typer.Option(
        None, "--script", help="The training script that loads it (to search from its folder)."
    ),
    task: str = typer.Option(None, "--task", help="ner or cls: the head you will put on it."),
    num_labels: int = typer.Option(None, "--num-labels", help="The number of labels you train."),
    json_out: bool = JSON,
    markdown: bool = MARKDOWN,
    verbose: bool = VERBOSE,
) -> None:
    """Check a model folder or Hub id without loading it: the path, config, tokenizer files,
    weights (truncated, Git LFS pointers, TensorFlow checkpoints), vocabulary and head sizes."""
    from ..checks.model import check_model_report

    with cannot_run():
        report = check_model_report(path_or_id, script=script, task=task, num_labels=num_labels)
    finish(report, json_out=json_out, markdown=markdown, verbose=verbose)
