"""What every command shares: turning a report into output and an exit status."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from ..findings import DoctorError, ExitStatus, Report
from ..render import emit, stderr_console

JSON = typer.Option(False, "--json", help="Write the report as JSON (schema 1) on stdout.")
MARKDOWN = typer.Option(
    False, "--markdown", help="Write the report as Markdown for a GitHub issue."
)
VERBOSE = typer.Option(False, "--verbose", "-v", help="Show info findings and tracebacks.")


def fail(message: str) -> typer.Exit:
    """One clear line on stderr and exit status 2: bertdoctor could not run."""
    from rich.markup import escape

    stderr_console().print(f"[red]bertdoctor:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(int(ExitStatus.CANNOT_RUN))


@contextmanager
def cannot_run() -> Iterator[None]:
    """Turns the library's DoctorError (and unreadable input) into one line and exit 2."""
    try:
        yield
    except DoctorError as exc:
        raise fail(str(exc)) from None
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise fail(f"cannot read {exc.filename}: {exc.strerror}") from None


def finish(
    report: Report, *, json_out: bool = False, markdown: bool = False, verbose: bool = False
) -> None:
    emit(report, json_out=json_out, markdown=markdown, verbose=verbose)
    raise typer.Exit(int(report.exit_status))


def debug_enabled() -> bool:
    return os.environ.get("BERTDOCTOR_DEBUG", "") not in ("", "0")
