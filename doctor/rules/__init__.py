"""The rule registry: every diagnosis bertdoctor can make, defined once, with its documentation.

A rule's code is ``BD`` and three digits, grouped by hundreds (1 environment, 2 data and labels,
3 model files, paths and imports, 4 losses and shapes, 5 training dynamics, 6 training-script
lint; BD000 means a check crashed). Codes are never reused: a renamed code keeps a redirect in
``REDIRECTS``. The definitions live in one module per family beside this file; ``bertdoctor rule
CODE`` prints a rule's documentation and ``bertdoctor rules`` lists them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from textwrap import dedent

from ..findings import DoctorError, Severity

CODE_RE = re.compile(r"^BD\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED_HEADINGS = ("## What it does", "## Why is this bad?", "## Example", "Use instead:")
FAMILIES = {
    "0": "bertdoctor itself",
    "1": "environment",
    "2": "data and labels",
    "3": "model files, paths and imports",
    "4": "losses and shapes",
    "5": "training dynamics",
    "6": "training-script lint",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    title: str
    severity: Severity
    doc: str  # Markdown with the headings in REQUIRED_HEADINGS

    @property
    def family(self) -> str:
        return FAMILIES[self.code[2]]

    def markdown(self) -> str:
        return (
            f"# {self.code} {self.name}\n\n"
            f"**{self.title}** (severity: {self.severity.value}; family: {self.family})\n\n"
            f"{self.doc}\n"
        )

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "name": self.name,
            "title": self.title,
            "severity": self.severity.value,
            "family": self.family,
            "doc": self.doc,
        }


_REGISTRY: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}
# old code -> new code, for codes that were renamed; a code is never given to another rule
REDIRECTS: dict[str, str] = {}


def rule(code: str, name: str, title: str, severity: str, doc: str) -> Rule:
    """Defines and registers a rule; a duplicate code or name is a programming error."""
    if not CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if not NAME_RE.match(name):
        raise ValueError(f"rule name {name!r} is not kebab-case")
    if code in _REGISTRY or code in REDIRECTS:
        raise ValueError(f"rule code {code} is defined twice")
    if name in _BY_NAME:
        raise ValueError(f"rule name {name} is used by {_BY_NAME[name].code} already")
    r = Rule(code, name, title, Severity(severity), dedent(doc).strip())
    _REGISTRY[code] = r
    _BY_NAME[name] = r
    return r


def get_rule(code_or_name: str) -> Rule:
    key = code_or_name.strip()
    upper = key.upper()
    upper = REDIRECTS.get(upper, upper)
    if upper in _REGISTRY:
        return _REGISTRY[upper]
    if key.lower() in _BY_NAME:
        return _BY_NAME[key.lower()]
    raise DoctorError(f"no rule {code_or_name!r}; `bertdoctor rules` lists them all")


def all_rules() -> list[Rule]:
    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


# The families register their rules on import.
from . import (  # noqa: E402, F401
    core,
    data,
    env,
    losses,
    model,
    recipe,
    script,
    training,
)
