"""The data every check produces and every command renders: findings, sections, reports."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class ExitStatus(enum.IntEnum):
    OK = 0  # no error findings
    ERRORS = 1  # at least one error finding
    CANNOT_RUN = 2  # bad usage, unreadable input: bertdoctor could not do its job


class DoctorError(Exception):
    """bertdoctor could not run: the message is one line for the user (exit status 2)."""


@dataclass(frozen=True)
class Location:
    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    locations: tuple[Location, ...] = ()
    fix: str | None = None
    detail: str | None = None  # long text shown only with -v (a traceback, a full list)

    @classmethod
    def of(
        cls,
        code: str,
        message: str,
        *,
        locations: Iterable[Location] = (),
        fix: str | None = None,
        severity: Severity | str | None = None,
        detail: str | None = None,
    ) -> Finding:
        """A finding for a registered rule; the severity defaults to the rule's own."""
        from .rules import get_rule

        rule = get_rule(code)
        sev = rule.severity if severity is None else Severity(severity)
        return cls(rule.code, sev, message, tuple(locations), fix, detail)

    @property
    def name(self) -> str:
        from .rules import get_rule

        return get_rule(self.code).name

    @property
    def location(self) -> Location | None:
        return self.locations[0] if self.locations else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "location": str(self.location) if self.location else None,
            "locations": [loc.to_dict() for loc in self.locations],
            "fix": self.fix,
        }


@dataclass
class Section:
    """One line of the checklist (Environment, Data: train.conll, Recipe ...) and its findings."""

    title: str
    summary: str = ""
    findings: list[Finding] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # extra text for people (tables, charts)
    data: dict[str, Any] = field(default_factory=dict)  # the same numbers for --json
    status: str | None = None  # overrides the derived status: "ok", "warning", "error", "skipped"

    @property
    def derived_status(self) -> str:
        if self.status:
            return self.status
        severities = {f.severity for f in self.findings}
        if Severity.ERROR in severities:
            return "error"
        if Severity.WARNING in severities:
            return "warning"
        return "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "status": self.derived_status,
            "summary": self.summary,
            "data": self.data,
            "findings": [f.to_dict() for f in sorted_findings(self.findings)],
        }


@dataclass
class Report:
    command: str
    sections: list[Section] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    conclusion: str | None = None  # replaces the counted summary line ("No known cause.")

    @property
    def findings(self) -> list[Finding]:
        return [f for s in self.sections for f in s.findings]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.ERRORS if self.count(Severity.ERROR) else ExitStatus.OK

    def extend(self, other: Report) -> Report:
        self.sections.extend(other.sections)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": 1,
            "command": self.command,
            "exit_status": int(self.exit_status),
            "summary": {
                "errors": self.count(Severity.ERROR),
                "warnings": self.count(Severity.WARNING),
                "infos": self.count(Severity.INFO),
            },
            "findings": [f.to_dict() for f in sorted_findings(self.findings)],
            "sections": [s.to_dict() for s in self.sections],
            **({"data": self.data} if self.data else {}),
            **({"conclusion": self.conclusion} if self.conclusion else {}),
        }


def sorted_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Errors first, then by code; stable otherwise."""
    return sorted(findings, key=lambda f: (f.severity.rank, f.code))


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"
