"""Any text at all, built from the pieces explain looks for: it never crashes, names at most one
cause, and its JSON is valid. Texts made of one line of megabytes stay linear."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bertdoctor.explain import PATTERNS, explain_text

PIECES = [
    *(n for p in PATTERNS for n in p.needles),
    "Traceback (most recent call last):",
    '  File "train.py", line 12, in <module>',
    '  File "C:\\proj\\train.py", line 3, in main',
    "Cell In[4], line 7",
    "    loss = model(**batch)",
    "RuntimeError: ",
    "IndexError: ",
    "ValueError: ",
    "During handling of the above exception, another exception occurred:",
    "Target ",
    "torch.Size([",
    "])",
    "'",
    "(",
    ")",
    "\x1b[0;31m",
    "\x1b[0m",
    "\r",
    "\n",
    " ",
    "训练",
    "\u2018",
    "-100",
    "512",
    "39",
]
TEXTS = st.lists(
    st.one_of(st.sampled_from(PIECES), st.integers(-200, 5000).map(str), st.text(max_size=8)),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_gives_a_valid_report(text: str):
    report = explain_text(text)
    errors = [f for f in report.findings if f.severity.value == "error"]
    assert len(errors) <= 1
    assert int(report.exit_status) in (0, 1)
    if not report.recognised:
        assert report.findings == [] and report.exit_status == 1
    doc = json.loads(json.dumps(report.to_dict(), default=str))
    assert doc["recognised"] is report.recognised


def test_one_line_of_megabytes_is_read_in_windows():
    noise = "x loss: 0.5 Target 3 is out of bounds, index out of range " * 150_000
    report = explain_text(noise + "\nIndexError: Target 9 is out of bounds.\n")
    assert [f.code for f in report.findings] == ["BD201"]
    assert "label id 9" in report.findings[0].message
