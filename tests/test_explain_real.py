"""explain_text on real error reports copied from public issue trackers (tests/fixtures/
explain_real/NNN-name.txt). Each file starts with `# source: URL`, `# expect: BDxxx` (the cause
the thread settled on) or `# expect: none` (an error bertdoctor must not claim), and optionally
`# also: BDxxx` (a code that must be among the findings, e.g. the label error behind a
device-side assert), `# xfail: why` (a known miss, still counted in the accuracy) and `# note:`
(why the expected code); the rest is the text as the reporter pasted it.

The bar of the issue: the right code first in at least 9 of 10, and no confident wrong answer
(an error-level first finding with another code, or any error finding on a `none` text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bertdoctor.explain import explain_text
from bertdoctor.findings import Severity

FIXTURES = Path(__file__).parent / "fixtures" / "explain_real"
CASES = sorted(FIXTURES.glob("*.txt"))
META_RE = re.compile(r"^# (source|expect|also|xfail|note): *(.*?) *$", re.M)


def meta(text: str) -> dict[str, str]:
    return {k: v for k, v in META_RE.findall(text)}


def body(text: str) -> str:
    """The report as the reporter pasted it, without the metadata lines."""
    return "\n".join(ln for ln in text.split("\n") if not META_RE.match(ln))


def outcome(path: Path, *, with_meta: bool = False) -> tuple[str, str, bool, list[str]]:
    """(wanted, got, confident_wrong, codes of all findings) for one report."""
    text = path.read_text(encoding="utf-8")
    want = meta(text)["expect"]
    report = explain_text(text if with_meta else body(text))
    codes = [f.code for f in report.findings]
    got = codes[0] if report.recognised and codes else "none"
    errors = [f.code for f in report.findings if f.severity is Severity.ERROR]
    if want == "none":
        confident_wrong = bool(errors)
    else:
        confident_wrong = got != want and bool(errors) and errors[0] != want
    return want, got, confident_wrong, codes


def test_the_set_is_large_and_every_file_names_its_source_and_cause():
    assert len(CASES) >= 40
    for path in CASES:
        m = meta(path.read_text(encoding="utf-8"))
        assert m.get("source"), path.name
        assert re.fullmatch(r"BD\d{3}|none", m.get("expect", "")), path.name


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_real_report(path: Path):
    want, got, confident_wrong, codes = outcome(path)
    m = meta(path.read_text(encoding="utf-8"))
    if m.get("xfail") and got != want and not confident_wrong:
        pytest.xfail(m["xfail"])
    assert not confident_wrong, f"confident wrong answer {got} (want {want})"
    assert got == want
    also = m.get("also")
    if also:
        assert also in codes


def test_the_metadata_lines_change_no_answer():
    for path in CASES:
        assert outcome(path, with_meta=True)[1] == outcome(path)[1], path.name


def test_accuracy_on_real_reports_meets_the_bar(capsys):
    results = [outcome(p) for p in CASES]
    right = sum(want == got for want, got, _, _ in results)
    wrong = sum(cw for _, _, cw, _ in results)
    with capsys.disabled():
        print(f"\nexplain on real reports: {right}/{len(results)} right, {wrong} confident wrong")
    assert right / len(results) >= 0.9
    assert wrong == 0
