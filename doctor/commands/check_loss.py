"""`bertdoctor check-loss`: will this loss take these logits and labels, and what is the fix."""

from __future__ import annotations

import typer

from ._common import JSON, MARKDOWN, VERBOSE, cannot_run, finish


def check_loss(
    logits: str = typer.Option(..., "--logits", help="Logits shape, e.g. 4,2 (B, C) or 16,128,9."),
    labels: str = typer.Option(..., "--labels", help="Labels shape, e.g. 4 or 16,128; () for 0-d."),
    loss: str = typer.Option("ce", "--loss", help="ce, bce, mse, nll, crf or hf (transformers)."),
    labels_dtype: str = typer.Option(
        None, "--labels-dtype", help="long, int, float, ... (default: what the loss wants)."
    ),
    logits_dtype: str = typer.Option("float", "--logits-dtype", help="float, half, long, ..."),
    num_labels: int = typer.Option(None, "--num-labels", help="The model's num_labels."),
    problem_type: str = typer.Option(
        None,
        "--problem-type",
        help="hf: regression, single_label_classification or multi_label_classification.",
    ),
    head: str = typer.Option(None, "--head", help="hf: sequence or token (default: from logits)."),
    squeeze: str = typer.Option(
        None, "--squeeze", help="A bare .squeeze() runs first on: logits, labels or both."
    ),
    one_hot_in_place: bool = typer.Option(
        False, "--one-hot-in-place", help="The target is built by labels[arange(B), labels] = 1."
    ),
    json_out: bool = JSON,
    markdown: bool = MARKDOWN,
    verbose: bool = VERBOSE,
) -> None:
    """Predict what a loss does with logits and labels of these shapes, without running it."""
    with cannot_run():
        from ..checks.losses import check_loss_report, parse_shape

        report = check_loss_report(
            parse_shape(logits),
            parse_shape(labels),
            loss,
            logits_dtype=logits_dtype,
            labels_dtype=labels_dtype,
            num_labels=num_labels,
            problem_type=problem_type,
            head=head,
            squeeze=squeeze,
            one_hot_in_place=one_hot_in_place,
        )
    finish(report, json_out=json_out, markdown=markdown, verbose=verbose)
