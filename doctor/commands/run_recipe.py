"""`bertdoctor run-recipe ner|cls`: a known-good fine-tune and its verdict (PASS/FAIL and why)."""

from __future__ import annotations

from pathlib import Path

import typer

from ._common import JSON, MARKDOWN, VERBOSE, cannot_run, fail, finish


def run_recipe(
    task: str = typer.Argument(..., metavar="ner|cls", help="Token (ner) or text (cls) labels."),
    model: Path = typer.Option(
        None, "--model", metavar="DIR", help="A local pretrained folder (check-model runs first)."
    ),
    data: Path = typer.Option(
        None,
        "--data",
        metavar="PATH",
        help="Training data in any format check-data reads (checked first).",
    ),
    dev: Path = typer.Option(
        None, "--dev", metavar="PATH", help="Held-out data (default: every 10th record of --data)."
    ),
    device: str = typer.Option("auto", "--device", help="auto, cpu, cuda or cuda:N."),
    precision: str = typer.Option("auto", "--precision", help="auto, fp32, bf16 or fp16."),
    batch_size: int = typer.Option(
        None, "--batch-size", min=1, help="Per step, over all --nproc processes."
    ),
    grad_accum: int = typer.Option(
        None, "--grad-accum", min=1, help="Micro-batches per optimizer step."
    ),
    epochs: int = typer.Option(None, "--epochs", min=1),
    max_steps: int = typer.Option(
        None, "--max-steps", min=1, help="Stop after this many optimizer steps."
    ),
    lr: float = typer.Option(None, "--lr", help="Peak learning rate."),
    max_length: int = typer.Option(None, "--max-length", min=8, help="Word pieces per example."),
    seed: int = typer.Option(None, "--seed"),
    crf: bool = typer.Option(False, "--crf", help="ner: a CRF head (pytorch-crf)."),
    nproc: int = typer.Option(1, "--nproc", min=1, help="DDP processes via torch.distributed.run."),
    size: str = typer.Option("tiny", "--size", help="Fresh model size: tiny or base."),
    output: Path = typer.Option(
        None, "--output", metavar="DIR", help="Run folder (default ./bertdoctor-runs/TASK-TIME)."
    ),
    resume: bool = typer.Option(False, "--resume", help="Continue from DIR/checkpoint."),
    json_out: bool = JSON,
    markdown: bool = MARKDOWN,
    verbose: bool = VERBOSE,
) -> None:
    """Fine-tune with a loop known to be right, on this machine, and give the verdict (PASS,
    FAIL or INCONCLUSIVE) and why."""
    from ..recipe import build_config, run_report
    from ..render import progress

    if crf and task != "ner":
        raise fail("--crf is for `run-recipe ner`")
    if size not in ("tiny", "base"):
        raise fail(f"--size {size}: choose tiny or base")
    if resume and output is None:
        raise fail("--resume needs the --output folder of the run to continue")
    with cannot_run():
        options = dict(
            model=model,
            data=data,
            dev=dev,
            device=device,
            precision=precision,
            batch_size=batch_size,
            grad_accum=grad_accum,
            epochs=epochs,
            max_steps=max_steps,
            lr=lr,
            max_length=max_length,
            seed=seed,
            size=size,
            output=output and str(output),
            resume=resume or None,
        )
        if crf:
            options["crf"] = True
        cfg = build_config(task, **options)
        with progress(f"run-recipe {task}", None, enabled=not json_out) as advance:

            def on_step(*, step: int, total: int, loss: float, samples_per_s: float) -> None:
                advance(
                    1,
                    step=f"{step}/{total}",
                    loss=f"{loss:.4f}",
                    **{"samples/s": f"{samples_per_s:,.0f}"},
                )

            report = run_report(task, cfg, nproc=nproc, progress=on_step)
    finish(report, json_out=json_out, markdown=markdown, verbose=verbose)
