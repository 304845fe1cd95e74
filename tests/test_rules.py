"""The registry is the single source of truth: every rule documented, every used code registered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bertdoctor.findings import DoctorError, Severity
from bertdoctor.rules import REQUIRED_HEADINGS, all_rules, get_rule, rule

REPO = Path(__file__).resolve().parent.parent


def test_every_rule_has_the_fixed_headings_and_a_kebab_name():
    rules = all_rules()
    assert len(rules) >= 10
    for r in rules:
        for heading in REQUIRED_HEADINGS:
            assert heading in r.doc, f"{r.code} lacks {heading!r}"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r.name
        assert r.title and not r.title.endswith(".")
        assert isinstance(r.severity, Severity)


def test_codes_and_names_are_unique():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_defining_a_code_twice_is_refused():
    with pytest.raises(ValueError, match="BD117 is defined twice"):
        rule("BD117", "another-name", "t", "error", "x")
    with pytest.raises(ValueError, match="used by BD117"):
        rule("BD199", "opaque-cuda-error", "t", "error", "x")


def test_every_code_used_in_the_code_base_is_registered():
    registered = {r.code for r in all_rules()}
    used: dict[str, str] = {}
    for folder in ("doctor", "recipes"):
        for path in (REPO / folder).rglob("*.py"):
            for code in re.findall(r"\bBD\d{3}\b", path.read_text(encoding="utf-8")):
                used.setdefault(code, str(path.relative_to(REPO)))
    missing = {c: p for c, p in used.items() if c not in registered and not c.endswith("xx")}
    assert not missing, f"codes used but not registered: {missing}"


def test_lookup_by_code_or_name_and_unknown_is_a_doctor_error():
    assert get_rule("bd117").name == "opaque-cuda-error"
    assert get_rule("opaque-cuda-error").code == "BD117"
    with pytest.raises(DoctorError, match="no rule 'BD999'"):
        get_rule("BD999")


def test_markdown_starts_with_code_and_name():
    md = get_rule("BD000").markdown()
    assert md.startswith("# BD000 check-crashed\n")
    assert "## Why is this bad?" in md
