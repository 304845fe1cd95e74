"""Rendering, kept apart from logic: a rich checklist for people, JSON for machines, Markdown
for GitHub issues, and progress on stderr. Nothing here decides anything."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .findings import Finding, Location, Report, Section, Severity, plural, sorted_findings

if TYPE_CHECKING:
    from rich.console import Console

MARKS = {
    "ok": ("✓", "green"),
    "warning": ("!", "yellow"),
    "error": ("✗", "red"),
    "skipped": ("-", "dim"),
    "info": ("i", "cyan"),
}
SEVERITY_MARKS = {
    Severity.ERROR: ("✗", "red"),
    Severity.WARNING: ("!", "yellow"),
    Severity.INFO: ("i", "cyan"),
}


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def format_locations(locations: Sequence[Location], limit: int = 5) -> str:
    """Up to `limit` locations, the path written once per file: `train.conll:12, 40, 77`."""
    groups: dict[str, list[str]] = {}
    for loc in locations[:limit]:
        groups.setdefault(loc.path, [])
        if loc.line is not None:
            groups[loc.path].append(str(loc.line))
    text = ", ".join(f"{path}:{', '.join(ls)}" if ls else path for path, ls in groups.items())
    more = len(locations) - limit
    return text + (f" (+{more} more)" if more > 0 else "")


def render_finding(finding: Finding, *, verbose: bool = False, indent: str = "    ") -> list[str]:
    """Rich-markup lines for one finding."""
    mark, colour = SEVERITY_MARKS[finding.severity]
    lines = [
        f"{indent}[{colour}]{mark}[/] [bold]{finding.code}[/] {finding.name}: "
        f"{_escape(finding.message)}"
    ]
    if finding.locations:
        lines.append(f"{indent}    [dim]{_escape(format_locations(finding.locations))}[/]")
    if finding.fix:
        lines.append(f"{indent}    → {_escape(finding.fix)}")
    if verbose and finding.detail:
        lines.extend(
            f"{indent}    [dim]{_escape(d)}[/]" for d in finding.detail.rstrip().splitlines()
        )
    return lines


def render_section(section: Section, *, verbose: bool = False) -> list[str]:
    mark, colour = MARKS[section.derived_status]
    head = f"[{colour}]\\[{mark}][/] [bold]{_escape(section.title)}[/]"
    if section.summary:
        head += f"   {_escape(section.summary)}"
    out = [head]
    out.extend(f"    {line}" for line in section.lines)
    for finding in sorted_findings(section.findings):
        if finding.severity is Severity.INFO and not verbose and finding.code != "BD000":
            continue
        out.extend(render_finding(finding, verbose=verbose))
    return out


def summary_line(report: Report) -> str:
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    infos = report.count(Severity.INFO)
    if report.conclusion:
        return report.conclusion
    if not report.findings:
        return "No issues found."
    parts = [plural(errors, "error"), plural(warnings, "warning")]
    if infos:
        parts.append(plural(infos, "note"))
    first = sorted_findings(report.findings)[0]  # the worst finding, as the checklist ranks them
    return ", ".join(parts) + f". `bertdoctor rule {first.code}` explains a rule."


def print_wrapped(console: Console, line: str) -> None:
    """Prints a markup line; a long one wraps under its own indent (two more on the following
    lines), so the checklist keeps its shape and no line ends in spaces."""
    from rich.text import Text

    body = line.lstrip(" ")
    indent = len(line) - len(body)
    width = max(20, console.width - indent - 2)
    for i, part in enumerate(Text.from_markup(body).wrap(console, width, overflow="fold")):
        part.rstrip()
        console.print(Text(" " * (indent + (2 if i else 0))) + part, soft_wrap=True)


def render_report(report: Report, console: Console | None = None, *, verbose: bool = False) -> None:
    console = console or stdout_console()
    for section in report.sections:
        for line in render_section(section, verbose=verbose):
            print_wrapped(console, line)
    print_wrapped(console, _escape(summary_line(report)))


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str)


def render_markdown(report: Report) -> str:
    """Ready to paste into a GitHub issue."""
    icons = {"ok": "✅", "warning": "⚠️", "error": "❌", "skipped": "➖"}
    out = [f"### bertdoctor {report.command}", ""]
    for s in report.sections:
        out.append(f"- {icons[s.derived_status]} **{s.title}** {s.summary}".rstrip())
        for f in sorted_findings(s.findings):
            where = f" ({format_locations(f.locations)})" if f.locations else ""
            out.append(f"  - `{f.code}` {f.name} ({f.severity.value}): {f.message}{where}")
            if f.fix:
                out.append(f"    - fix: {f.fix}")
    out += ["", summary_line(report)]
    return "\n".join(out) + "\n"


def emit(
    report: Report,
    *,
    json_out: bool = False,
    markdown: bool = False,
    verbose: bool = False,
    console: Console | None = None,
) -> None:
    """Writes the report to stdout in the asked format."""
    if json_out:
        sys.stdout.write(render_json(report) + "\n")
    elif markdown:
        sys.stdout.write(render_markdown(report))
    else:
        render_report(report, console, verbose=verbose)


@contextmanager
def progress(description: str, total: int | None = None, *, enabled: bool = True) -> Iterator[Any]:
    """A rich progress bar on stderr; yields an ``advance(n=1, **fields)`` callable."""
    if not enabled or not sys.stderr.isatty():
        yield lambda n=1, **fields: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}" if total else "{task.completed}"),
        TextColumn("{task.fields[info]}"),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total, info="")

        def advance(n: int = 1, **fields: Any) -> None:
            info = " ".join(f"{k}={v}" for k, v in fields.items())
            bar.update(task, advance=n, info=info)

        yield advance


BLOCKS = " ▏▎▍▌▋▊▉█"


def render_bars(counts: Mapping[str, float], width: int = 30, limit: int = 20) -> list[str]:
    """A horizontal bar chart as plain text lines: label, bar, count and share."""
    items = sorted(counts.items(), key=lambda kv: -kv[1])[:limit]
    if not items:
        return []
    top = max(v for _, v in items) or 1
    total = sum(counts.values()) or 1
    label_w = min(24, max(len(str(k)) for k, _ in items))
    lines = []
    for key, value in items:
        cells = value / top * width
        full, part = int(cells), int((cells - int(cells)) * 8)
        bar = "█" * full + (BLOCKS[part] if part else "")
        lines.append(
            f"{str(key)[:label_w]:<{label_w}} {bar:<{width}} {value:>8,} "
            f"{100 * value / total:5.1f}%"
        )
    if len(counts) > limit:
        lines.append(f"... and {len(counts) - limit} more")
    return lines


def render_curve(
    values: Sequence[float], *, width: int = 60, height: int = 8, label: str = ""
) -> list[str]:
    """A line chart of a series (a loss or learning-rate curve) as plain text lines."""
    vals = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    if len(vals) < 2:
        return []
    # Resample to the width by averaging buckets, so long runs still fit.
    n = len(vals)
    cols = min(width, n)
    series = [
        sum(vals[i * n // cols : (i + 1) * n // cols])
        / max(1, len(vals[i * n // cols : (i + 1) * n // cols]))
        for i in range(cols)
    ]
    lo, hi = min(series), max(series)
    span = (hi - lo) or 1.0
    rows = [[" "] * cols for _ in range(height)]
    for x, v in enumerate(series):
        y = int(round((v - lo) / span * (height - 1)))
        rows[height - 1 - y][x] = "•"
    out = []
    for i, row in enumerate(rows):
        tick = hi if i == 0 else lo if i == height - 1 else None
        prefix = f"{tick:>9.4g} ┤" if tick is not None else " " * 9 + " │"
        out.append(prefix + "".join(row))
    out.append(" " * 10 + "└" + "─" * cols)
    if label:
        out.append(" " * 11 + f"{label} ({n} points)")
    return out


def lines_of(items: Iterable[str]) -> list[str]:
    return [_escape(i) for i in items]
