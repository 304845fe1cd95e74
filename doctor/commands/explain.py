"""`bertdoctor explain`: the cause and the fix from a pasted error, traceback or training log."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ._common import JSON, MARKDOWN, VERBOSE, cannot_run, fail

if TYPE_CHECKING:
    from ..explain import ExplainReport

NO_INPUT = "give the error as TEXT, `-` to read it from stdin, or --file LOG"


def _markdown(report: ExplainReport, text: str) -> str:
    """The shared Markdown, plus what explain adds: the likely causes, the hints, the notes."""
    data = report.sections[0].data
    extra = [f"{i}. {c}" for i, c in enumerate(data.get("causes", []), 1)]
    if extra:
        extra.insert(0, "Likely causes, in order:")
    extra += [f"- hint: {h}" for h in data.get("hints", [])]
    extra += [f"- {n}" for n in data.get("notes", [])]
    body, _, summary = text.rstrip("\n").rpartition("\n\n")
    return "\n\n".join(part for part in (body, "\n".join(extra), summary) if part) + "\n"


def _names_a_file(word: str) -> bool:
    """One word that is the path of a file: an error text never is one."""
    if word == "-" or not word.strip() or any(c.isspace() for c in word) or len(word) > 4096:
        return False
    try:
        return Path(word).expanduser().is_file()
    except (OSError, ValueError):
        return False


def explain(
    text: list[str] = typer.Argument(
        None,
        metavar="TEXT",
        help="The error text (quoted or not), - to read it from stdin, or a log file's path.",
    ),
    file: Path = typer.Option(
        None, "--file", "-f", metavar="LOG", help="A log file to read (any size)."
    ),
    model: str = typer.Option(
        None,
        "--model",
        metavar="DIR",
        help="A local model folder to compare the "
        "error's numbers with (num_labels, vocab_size, max positions).",
    ),
    json_out: bool = JSON,
    markdown: bool = MARKDOWN,
    verbose: bool = VERBOSE,
) -> None:
    """Name the cause of an error from its text: the values, the fix, and the command that
    confirms it. Exit 0: only warnings; 1: a cause named, or no known cause; 2: cannot run."""
    from ..explain import explain_text, read_log

    with cannot_run():
        if file is None and text and len(text) == 1 and _names_a_file(text[0]):
            file, text = Path(text[0]), []  # `explain train.log`: the log, not its name
        parts = [read_log(file)] if file else []
        if text:
            parts.append(sys.stdin.read() if text == ["-"] else " ".join(text))
        if not any(p.strip() for p in parts):
            raise fail(NO_INPUT if not parts else "the input is empty")
        report = explain_text("\n".join(parts), model=model, source=str(file) if file else None)
    from ..render import emit, render_markdown

    if markdown and not json_out:
        sys.stdout.write(_markdown(report, render_markdown(report)))
    else:
        emit(report, json_out=json_out, verbose=verbose)
    raise typer.Exit(int(report.exit_status))
