"""bertdoctor check-run on output folders of a real Trainer run, and on hand-edited copies of
its trainer_state.json with planted NaN, zero-loss, grad-norm, schedule and metric faults."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from test_monitor_support import clean_trainer_run, train_with_trainer
from typer.testing import CliRunner

from bertdoctor.checks.run import check_run_report
from bertdoctor.cli import app
from bertdoctor.findings import DoctorError

runner = CliRunner()


def run_json(folder: Path) -> tuple[int, dict]:
    result = runner.invoke(app, ["check-run", str(folder), "--json"])
    assert "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def run_copy(tmp_path: Path) -> Path:
    """A copy of the real Trainer run's folder, to edit."""
    out, _ = clean_trainer_run()
    return Path(shutil.copytree(out, tmp_path / "run"))


def edit_state(folder: Path, change) -> Path:
    path = folder / "trainer_state.json"
    state = json.loads(path.read_text())
    change(state)
    path.write_text(json.dumps(state, indent=2))  # json writes NaN and Infinity as the Trainer does
    return path


def train_entries(state: dict) -> list[dict]:
    return [e for e in state["log_history"] if "loss" in e]


def test_a_clean_real_run_has_no_finding_and_draws_the_curves():
    out, _ = clean_trainer_run()
    code, doc = run_json(out)
    assert code == 0 and doc["findings"] == []
    titles = [s["title"] for s in doc["sections"]]
    assert titles == ["Training loss", "Learning rate", "Evaluation", "Checkpoints"]
    assert doc["data"]["max_steps"] == 24 and doc["data"]["global_step"] == 24
    checkpoints = doc["sections"][3]["data"]
    assert checkpoints["checkpoints"] == ["checkpoint-8", "checkpoint-16", "checkpoint-24"]
    result = runner.invoke(app, ["check-run", str(out)])
    assert result.exit_code == 0
    assert "training loss (12 points)" in result.stdout
    assert "learning rate (12 points)" in result.stdout
    assert "best: checkpoint-24 (eval_f1 " in result.stdout
    assert "No issues found." in result.stdout


def test_bd501_a_real_trainer_hides_a_nan_step_as_a_zero_loss(tmp_path):
    out = tmp_path / "run"
    train_with_trainer(out, max_steps=8, nan_at=5, evaluate=False, logging_steps=1)
    code, doc = run_json(out)
    assert code == 1
    [f] = doc["findings"]
    assert f["code"] == "BD501"
    assert f["message"].startswith(
        "the logged loss drops to exactly 0.0 at step 5 (1 of 8 entries)"
    )


def test_bd501_nan_loss_in_the_log(run_copy):
    def plant(state):
        for e in train_entries(state)[5:]:
            e["loss"] = math.nan

    path = edit_state(run_copy, plant)
    code, doc = run_json(run_copy)
    assert code == 1
    [f] = doc["findings"]
    assert f["code"] == "BD501" and f["location"] == str(path)
    assert (
        f["message"]
        == "7 of 12 logged losses are nan (steps 12, 14, 16, 18, 20, 22); first at step 12"
    )


def test_bd501_the_zero_loss_the_nan_filter_logs(run_copy):
    def plant(state):
        for e in train_entries(state)[8:]:
            e["loss"] = 0.0

    edit_state(run_copy, plant)
    code, doc = run_json(run_copy)
    assert code == 1
    [f] = doc["findings"]
    assert f["code"] == "BD501"
    assert f["message"].startswith("the logged loss drops to exactly 0.0 at step 18 (4 of 12")
    assert "logging_nan_inf_filter" in f["message"]


def test_bd501_and_bd503_from_grad_norms(run_copy):
    def plant(state):
        entries = train_entries(state)
        entries[9]["grad_norm"] = math.nan
        entries[7]["grad_norm"] = 500.0  # > 10x the running median of ~1.5

    edit_state(run_copy, plant)
    code, doc = run_json(run_copy)
    codes = {f["code"]: f["message"] for f in doc["findings"]}
    assert code == 1 and set(codes) == {"BD501", "BD503"}
    assert codes["BD501"].startswith("grad_norm is nan at 1 of 12 logged steps (first at step 20)")
    assert codes["BD503"].startswith("gradient norm 500 at step 16 is ")


def test_bd505_lr_reaches_zero_halfway(run_copy):
    def plant(state):
        for e in train_entries(state)[5:]:
            e["learning_rate"] = 0.0

    edit_state(run_copy, plant)
    code, doc = run_json(run_copy)
    [f] = doc["findings"]
    assert f["code"] == "BD505"
    assert f["message"] == (
        "the learning rate reached 0 at step 12 of 24 and training went on "
        "at 0 (to step 24 at least)"
    )


def test_bd505_warmup_to_the_end_and_a_schedule_that_barely_decays(run_copy, tmp_path):
    def warmup(state):
        for i, e in enumerate(train_entries(state)):
            e["learning_rate"] = 1e-4 * (i + 1)

    edit_state(run_copy, warmup)
    [f] = run_json(run_copy)[1]["findings"]
    assert f["code"] == "BD505" and "warmup is longer than the run" in f["message"]

    def slow(state):
        for i, e in enumerate(train_entries(state)):
            e["learning_rate"] = 5e-3 * (1 - 0.02 * i)  # 78% of the peak at the last step

    edit_state(run_copy, slow)
    [f] = run_json(run_copy)[1]["findings"]
    assert f["message"].startswith("at step 24 of 24 the learning rate is still 78% of its peak")


def test_bd502_and_bd510_metrics_that_never_move_and_an_o_only_tagger(run_copy):
    def plant(state):
        for e in state["log_history"]:
            if "eval_loss" in e:
                e["eval_f1"], e["eval_accuracy"] = 0.0, 0.91

    edit_state(run_copy, plant)
    code, doc = run_json(run_copy)
    by_code = {f["code"]: f["message"] for f in doc["findings"]}
    assert code == 1 and set(by_code) == {"BD502", "BD510"}
    assert by_code["BD502"].startswith("eval_accuracy=0.91, eval_f1=0 did not move across 3")
    assert by_code["BD510"] == (
        "eval_accuracy=0.91 but eval_f1=0 at step 24: the model predicts (almost) only O"
    )


def test_bd502_loss_flat_at_ln_num_labels(run_copy):
    def plant(state):
        for i, e in enumerate(train_entries(state)):
            e["loss"] = math.log(5) + (0.004 if i % 2 else -0.004)

    edit_state(run_copy, plant)
    [f] = run_json(run_copy)[1]["findings"]
    assert f["code"] == "BD502"
    assert f["message"].startswith("after 24 steps the loss is 1.609, 100% of its start 1.609")
    assert "(ln(5) = 1.609)" in f["message"]


def test_best_checkpoint_that_is_not_the_last(run_copy):
    _best_at_16(run_copy)
    result = runner.invoke(app, ["check-run", str(run_copy)])
    assert result.exit_code == 0
    assert "best: checkpoint-16 (eval_f1 0.4337)" in result.stdout
    assert "last: checkpoint-24 (eval_f1 0.6446): the best model is not the last one" in (
        result.stdout.replace("\n", "")
    )


def _best_at_16(run_copy):
    def plant(state):
        state["best_model_checkpoint"] = str(run_copy / "checkpoint-16")
        state["best_global_step"] = 16
        state["best_metric"] = next(
            e["eval_f1"] for e in state["log_history"] if e.get("step") == 16 and "eval_f1" in e
        )

    edit_state(run_copy, plant)


def test_a_deleted_best_checkpoint_is_a_warning_not_a_tick(run_copy):
    _best_at_16(run_copy)
    shutil.rmtree(run_copy / "checkpoint-16")  # what save_total_limit=1 does to it
    code, report = run_json(run_copy)
    [section] = [s for s in report["sections"] if s["title"] == "Checkpoints"]
    assert (code, section["status"]) == (0, "warning")
    result = runner.invoke(app, ["check-run", str(run_copy)])
    out = " ".join(result.stdout.split())
    assert "[!] Checkpoints" in out
    assert "best: checkpoint-16 (eval_f1 0.4337), its folder is gone (save_total_limit?)" in out
    assert "load " not in out.split("last: checkpoint-24")[1]  # nothing left to load
    assert "train with load_best_model_at_end=True" in out


def test_a_best_checkpoint_still_on_disk_keeps_the_section_ok(run_copy):
    _best_at_16(run_copy)
    _, report = run_json(run_copy)
    [section] = [s for s in report["sections"] if s["title"] == "Checkpoints"]
    assert section["status"] == "ok"


def test_a_crashed_run_is_read_from_its_latest_checkpoint(run_copy):
    (run_copy / "trainer_state.json").unlink()
    shutil.rmtree(run_copy / "checkpoint-24")
    report = check_run_report(run_copy)
    assert report.data["state"] == str(run_copy / "checkpoint-16" / "trainer_state.json")
    assert report.data["global_step"] == 16
    assert "the run stopped at step 16 of 24" in report.sections[3].lines


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda p: p, "{p}/missing: not a folder (give the Trainer's output_dir)"),
        (
            lambda p: p.mkdir(),
            "{p}/missing: no trainer_state.json here or in a checkpoint-* folder",
        ),
        (
            lambda p: (p.mkdir(), (p / "trainer_state.json").write_text('{"log_history": [\n,]}')),
            "{p}/missing/trainer_state.json:2: not valid JSON",
        ),
    ],
)
def test_unreadable_folders_are_exit_2_with_one_line(tmp_path, setup, message):
    folder = tmp_path / "missing"
    setup(folder)
    result = runner.invoke(app, ["check-run", str(folder)])
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("bertdoctor: " + message.format(p=tmp_path))
    with pytest.raises(DoctorError):
        check_run_report(folder)


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "folder, code, start",
    [
        (
            "BD501/nan-filter-run",
            "BD501",
            "the logged loss drops to exactly 0.0 at step 5 (1 of 24",
        ),
        (
            "BD505/accumulation-run",
            "BD505",
            "at step 12 of 12 the learning rate is still 80% of its peak (0.004022 of 0.005)",
        ),
    ],
)
def test_saved_real_runs(folder, code, start):
    exit_code, doc = run_json(FIXTURES / folder)
    [f] = doc["findings"]
    assert f["code"] == code and f["message"].startswith(start)
    assert exit_code == (1 if f["severity"] == "error" else 0)
    assert f["location"] == str(FIXTURES / folder / "trainer_state.json")


def test_markdown_and_human_output_of_a_run_with_a_finding():
    folder = FIXTURES / "BD505/accumulation-run"
    md = runner.invoke(app, ["check-run", str(folder), "--markdown"])
    assert md.exit_code == 0
    assert md.stdout.startswith("### bertdoctor check-run\n")
    assert "- ⚠️ **Learning rate** peak 0.005 at step 3, 0.004022 at step 12 of 12" in md.stdout
    assert "  - `BD505` lr-schedule-misconfigured (warning): at step 12 of 12" in md.stdout
    human = runner.invoke(app, ["check-run", str(folder)])
    assert human.exit_code == 0
    text = human.stdout.replace("\n", " ")
    assert "! BD505 lr-schedule-misconfigured: at step 12 of 12" in text
    assert "learning rate (12 points)" in text
    assert "0 errors, 1 warning." in text
