"""`bertdoctor rule CODE` and `bertdoctor rules`: the rule documentation."""

from __future__ import annotations

import json
import sys

import typer

from ..rules import all_rules, get_rule
from ._common import JSON, cannot_run


def rule(
    code: str = typer.Argument(..., help="A rule code (BD201) or name (label-id-out-of-range)."),
    json_out: bool = JSON,
) -> None:
    """Explain one rule: what it finds, why it is bad, an example and the fix."""
    with cannot_run():
        r = get_rule(code)
    if json_out:
        sys.stdout.write(
            json.dumps({"schema": 1, "rule": r.to_dict()}, indent=2, ensure_ascii=False) + "\n"
        )
    else:
        sys.stdout.write(r.markdown())


def rules(json_out: bool = JSON) -> None:
    """List every rule: code, name, severity and title."""
    found = all_rules()
    if json_out:
        sys.stdout.write(
            json.dumps(
                {"schema": 1, "rules": [r.to_dict() for r in found]}, indent=2, ensure_ascii=False
            )
            + "\n"
        )
        return
    from rich.table import Table

    from ..render import stdout_console

    table = Table("code", "name", "severity", "title", box=None, pad_edge=False)
    for r in found:
        table.add_row(r.code, r.name, r.severity.value, r.title)
    stdout_console().print(table)
