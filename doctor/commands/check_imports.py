"""`bertdoctor check-imports SCRIPT` (or `-m MODULE`): will its imports work, and from where?"""

from __future__ import annotations

import typer

from ._common import JSON, MARKDOWN, VERBOSE, cannot_run, finish


def check_imports(
    script: str = typer.Argument(
        None, help="The training script, as you run it: train.py (or give -m instead)"
    ),
    module: str = typer.Option(
        None,
        "--module",
        "-m",
        help="The module, when you run it as `python -m ner.train` (instead of SCRIPT).",
    ),
    cwd: str = typer.Option(
        None, "--cwd", help="The folder you run the script from (default: this one)."
    ),
    json_out: bool = JSON,
    markdown: bool = MARKDOWN,
    verbose: bool = VERBOSE,
) -> None:
    """Check a script's imports without running it: relative imports, imports that work only
    from some folder, local files that hide installed packages, packages not installed."""
    from ..checks.imports import check_imports_report

    with cannot_run():
        report = check_imports_report(script, cwd=cwd, module=module)
    finish(report, json_out=json_out, markdown=markdown, verbose=verbose)
