"""`bertdoctor diagnose`: every check that applies, a reference fine-tune, one verdict."""

from __future__ import annotations

from pathlib import Path

import typer

from ._common import JSON, MARKDOWN, VERBOSE, cannot_run, finish


def diagnose(
    data: Path = typer.Option(
        None, "--data", metavar="PATH", help="Training data in any format check-data reads."
    ),
    model: Path = typer.Option(
        None, "--model", metavar="DIR", help="A local pretrained model folder."
    ),
    script: Path = typer.Option(
        None, "--script", metavar="FILE", help="Your training script (parsed, never run)."
    ),
    json_out: bool = JSON,
    markdown: bool = MARKDOWN,
    verbose: bool = VERBOSE,
) -> None:
    """Check the machine, then your model, script and data, then fine-tune BERT with a loop
    known to be right, and name the first thing to fix. With no options: about a minute."""
    from ..recipe import diagnose_report
    from ..render import progress

    with cannot_run():
        for path in (data, model, script):
            if path is not None and not path.exists():
                raise FileNotFoundError(2, "No such file or directory", str(path))
        with progress(
            "diagnose: reference fine-tune", None, enabled=not (json_out or markdown)
        ) as advance:

            def on_step(*, step: int, total: int, loss: float, samples_per_s: float) -> None:
                advance(
                    1,
                    step=f"{step}/{total}",
                    loss=f"{loss:.4f}",
                    **{"samples/s": f"{samples_per_s:,.0f}"},
                )

            report = diagnose_report(
                data=data and str(data),
                model=model and str(model),
                script=script and str(script),
                progress=on_step,
            )
    finish(report, json_out=json_out, markdown=markdown, verbose=verbose)
