from __future__ import annotations

import json

from bertdoctor.findings import ExitStatus, Finding, Location, Report, Section, Severity
from bertdoctor.render import render_bars, render_curve, render_json, render_markdown
from bertdoctor.runner import check, codes_of, run_checks


@check("BD117")
def good_check():
    yield Finding.of(
        "BD117",
        "device-side assert at step 3",
        locations=[Location("log.txt", 12)],
        fix="run the step on the CPU",
    )


@check("BD222")
def crashing_check():
    yield from ()
    raise KeyError("labels")


def test_a_crashing_check_becomes_bd000_and_the_others_still_run():
    found = run_checks([crashing_check, good_check])
    assert [f.code for f in found] == ["BD000", "BD117"]
    crash = found[0]
    assert crash.severity is Severity.WARNING
    assert "crashing_check crashed with KeyError: 'labels'" in crash.message
    assert "Traceback" in crash.detail and "KeyError" in crash.detail
    assert codes_of(good_check) == ("BD117",)


def test_exit_status_follows_the_worst_severity():
    warn = Finding.of("BD000", "w")
    err = Finding.of("BD117", "e")
    assert Report("x", [Section("A", findings=[warn])]).exit_status is ExitStatus.OK
    assert Report("x", [Section("A", findings=[warn, err])]).exit_status is ExitStatus.ERRORS
    assert Finding.of("BD117", "e", severity="warning").severity is Severity.WARNING


def test_json_is_stable_schema_1():
    report = Report(
        "check-env",
        [
            Section(
                "Environment", "torch 2.13.0", findings=list(good_check()), data={"torch": "2.13.0"}
            )
        ],
    )
    doc = json.loads(render_json(report))
    assert doc["schema"] == 1 and doc["command"] == "check-env" and doc["exit_status"] == 1
    assert doc["summary"] == {"errors": 1, "warnings": 0, "infos": 0}
    assert doc["findings"] == [
        {
            "code": "BD117",
            "name": "opaque-cuda-error",
            "severity": "error",
            "message": "device-side assert at step 3",
            "location": "log.txt:12",
            "locations": [{"path": "log.txt", "line": 12}],
            "fix": "run the step on the CPU",
        }
    ]
    assert doc["sections"][0]["status"] == "error"
    assert doc["sections"][0]["data"] == {"torch": "2.13.0"}


def test_markdown_lists_findings_with_locations():
    report = Report("check-env", [Section("Environment", findings=list(good_check()))])
    md = render_markdown(report)
    assert "❌ **Environment**" in md
    assert "`BD117` opaque-cuda-error (error): device-side assert at step 3 (log.txt:12)" in md


def test_bars_and_curve_draw_plain_text():
    bars = render_bars({"O": 90, "B-PER": 10}, width=10)
    assert bars[0].startswith("O") and "██████████" in bars[0] and "90.0%" in bars[0]
    assert "10.0%" in bars[1]
    curve = render_curve([3.0, 2.0, 1.0, 0.5], width=4, height=4, label="loss")
    assert curve[0].strip().startswith("3") and "•" in curve[0]
    assert curve[-1].strip() == "loss (4 points)"
    assert render_curve([1.0]) == []


def test_locations_name_each_file_once_and_count_the_rest():
    from bertdoctor.render import format_locations

    locs = [Location("train.conll", n) for n in (12, 40, 77)] + [Location("dev.conll", 3)]
    assert format_locations(locs) == "train.conll:12, 40, 77, dev.conll:3"
    many = [Location("t.csv", n) for n in range(1, 9)]
    assert format_locations(many) == "t.csv:1, 2, 3, 4, 5 (+3 more)"
    assert format_locations([Location("cfg.json")]) == "cfg.json"


def test_long_messages_wrap_under_their_indent_without_trailing_spaces():
    import io

    from rich.console import Console

    from bertdoctor.render import render_report

    long = "word " * 40
    report = Report("x", [Section("A", findings=[Finding.of("BD117", long.strip())])])
    out = io.StringIO()
    render_report(report, Console(file=out, width=60, no_color=True))
    lines = out.getvalue().splitlines()
    body = [ln for ln in lines[1:] if ln.strip().startswith("word")]
    assert lines[1].startswith("    ✗ BD117 opaque-cuda-error: word")
    assert body and all(ln.startswith("      word") for ln in body)
    assert all(len(ln) <= 60 and ln == ln.rstrip() for ln in lines)
