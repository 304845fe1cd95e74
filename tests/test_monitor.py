"""bertdoctor.watch on real hand-written loops with a tiny BERT on the CPU: each fault planted
is caught at the right step; the same loop without the fault gives no finding."""

from __future__ import annotations

import math

import pytest
import torch
from test_monitor_support import cls_data, run_loop, tiny_model
from transformers import get_linear_schedule_with_warmup

import bertdoctor
from bertdoctor.findings import Severity
from bertdoctor.monitor import TrainingStopped


def adamw(model, lr=1e-2):
    return torch.optim.AdamW(model.parameters(), lr=lr)


def test_a_clean_loop_gives_no_finding(tmp_path):
    model = tiny_model()
    opt = adamw(model)
    sched = get_linear_schedule_with_warmup(opt, 2, 20)
    run = run_loop(
        model, opt, sched, batches=20, plateau_steps=15, grad_norm_every=1, save_dir=tmp_path
    )
    assert run.stopped is None and run.batches == 20
    assert run.doctor.findings == []
    assert run.doctor.engine.step_losses[-1] < 0.8 * run.doctor.engine.step_losses[0]
    assert not list(tmp_path.iterdir())  # nothing saved when nothing is wrong


def test_importing_watch_does_not_import_transformers():
    import subprocess
    import sys

    code = "import sys, bertdoctor; bertdoctor.watch; print('transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


# ---- BD501 non-finite-loss ----


def all_ignored_at(k):
    def plant(i, batch):
        if i == k:
            batch["labels"][:] = -100
        return batch

    return plant


def test_bd501_all_labels_ignored_stops_at_that_step_and_saves_the_batch(tmp_path, capsys):
    model = tiny_model()
    run = run_loop(model, adamw(model), plant=all_ignored_at(5), save_dir=tmp_path, quiet=False)
    stop = run.stopped
    assert isinstance(stop, TrainingStopped)
    assert stop.step == 6 and run.batches == 5  # the 6th batch, after the 6th optimizer step
    [finding] = stop.findings
    assert finding.code == "BD501" and finding.severity is Severity.ERROR
    assert finding.message.startswith("loss is nan at step 6 (batch 6); cause: every label")
    assert "0 supervised tokens" in finding.message
    saved = torch.load(stop.batch_path, weights_only=True)
    assert stop.batch_path.parent == tmp_path
    assert saved["step"] == 6 and saved["findings"][0]["code"] == "BD501"
    assert (saved["batch"]["labels"] == -100).all()
    assert math.isnan(saved["loss"])
    # the saved batch replays on the CPU: the same NaN comes back
    assert torch.isnan(tiny_model()(**saved["batch"]).loss)
    err = capsys.readouterr().err
    assert "BD501 non-finite-loss" in err and "training stopped" in err
    assert str(stop.batch_path.name) in err
    assert err.rstrip().endswith(
        "bertdoctor watched 6 optimizer steps, 6 batches: 1 finding (BD501)"
    )


def test_bd501_near_miss_some_labels_ignored_is_fine(tmp_path):
    def plant(i, batch):
        if i == 5:
            batch["labels"][:-1] = -100  # one supervised example is enough
        return batch

    model = tiny_model()
    run = run_loop(model, adamw(model), plant=plant, save_dir=tmp_path)
    assert run.stopped is None and "BD501" not in run.codes


def test_bd501_warn_mode_reports_and_keeps_going(tmp_path):
    model = tiny_model()
    run = run_loop(
        model, adamw(model), plant=all_ignored_at(3), on_error="warn", save_dir=tmp_path, batches=8
    )
    assert run.stopped is None and run.batches == 8
    assert run.codes.count("BD501") == 1
    assert len(run.doctor.engine.batch_paths) == 1


def test_bd501_inf_loss_under_a_falling_loss_scale_names_fp16_overflow(tmp_path):
    model = tiny_model()
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0**16)

    def loss_hook(i, loss):
        if i >= 2:
            loss = loss * 1e35  # finite, but scaled by 2**16 it overflows: an fp16-like overflow
        if i == 5:
            loss = loss * float("inf")
        return loss

    run = run_loop(model, adamw(model), scaler=scaler, loss_hook=loss_hook, save_dir=tmp_path)
    assert run.stopped is not None
    [finding] = [f for f in run.stopped.findings if f.code == "BD501"]
    assert "loss is inf" in finding.message
    assert "the fp16 loss scale fell from 6.554e+04 to 4096" in finding.message


# ---- BD508 fp16-loss-scale-collapse ----


def overflow_from(k):
    def hook(i, loss):
        return loss * 1e35 if i >= k else loss

    return hook


def test_bd508_scale_falling_every_step_stops(tmp_path):
    model = tiny_model()
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0**16)
    run = run_loop(
        model, adamw(model), scaler=scaler, loss_hook=overflow_from(3), save_dir=tmp_path
    )
    stop = run.stopped
    assert stop is not None and [f.code for f in stop.findings] == ["BD508"]
    # batches 4..8 overflow; the 5th consecutive fall is seen at batch 8
    assert run.batches == 7 and stop.step == 3  # skipped steps do not count
    assert "fell from 6.554e+04 to 2048, at each of the last 5 steps" in stop.findings[0].message


def test_bd508_near_miss_one_overflow_is_how_the_scaler_calibrates(tmp_path):
    model = tiny_model()
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0**16)

    def once(i, loss):
        return loss * 1e35 if i == 3 else loss

    run = run_loop(model, adamw(model), scaler=scaler, loss_hook=once, save_dir=tmp_path)
    assert run.stopped is None and run.doctor.findings == []
    assert run.doctor.engine.scales == [65536.0, 32768.0]


# ---- BD505 lr-schedule-misconfigured ----


def test_bd505_schedule_sized_from_batches_with_accumulation(tmp_path):
    model = tiny_model()
    opt = adamw(model)
    batches, accum = 24, 4
    sched = get_linear_schedule_with_warmup(opt, 0, batches)  # batches, not optimizer steps
    run = run_loop(model, opt, sched, batches=batches, accum=accum, save_dir=tmp_path)
    assert run.stopped is None
    [finding] = [f for f in run.doctor.findings if f.code == "BD505"]
    assert finding.message == (
        "the schedule is sized for 24 steps but the run made 6 optimizer steps (24 batches / "
        "4 accumulation steps): it ended with the learning rate still at about 75% of its peak "
        "(linear decay)"
    )
    assert "math.ceil(len(loader) / accumulation_steps) * epochs" in finding.fix


def test_bd505_near_miss_schedule_sized_with_ceil_is_fine(tmp_path):
    model = tiny_model()
    opt = adamw(model)
    sched = get_linear_schedule_with_warmup(opt, 1, math.ceil(26 / 4))  # 7 for 6 steps made
    run = run_loop(model, opt, sched, batches=26, accum=4, save_dir=tmp_path)
    assert "BD505" not in run.codes


def test_bd505_scheduler_stepped_every_batch_reaches_zero_early(tmp_path):
    model = tiny_model()
    opt = adamw(model)
    sched = get_linear_schedule_with_warmup(opt, 0, 6)  # right size, stepped 4x too often
    run = run_loop(
        model, opt, sched, batches=24, accum=4, schedule_every_batch=True, save_dir=tmp_path
    )
    messages = [f.message for f in run.doctor.findings if f.code == "BD505"]
    assert any(
        m.startswith("the learning rate reached 0 at step 2 and training went on") for m in messages
    )
    assert any(
        "scheduler.step() is called 4.0 times per optimizer step (every batch, with 4 "
        "accumulation steps)" in m
        for m in messages
    )


def test_bd505_scheduler_never_stepped(tmp_path):
    model = tiny_model()
    opt = adamw(model)
    sched = get_linear_schedule_with_warmup(opt, 2, 12)
    run = run_loop(model, opt, sched, batches=12, step_scheduler=False, save_dir=tmp_path)
    [finding] = [f for f in run.doctor.findings if f.code == "BD505"]
    assert finding.message.startswith("5 optimizer steps and scheduler.step() was never called")


def test_bd505_warmup_longer_than_the_planned_run_is_reported_before_step_1(tmp_path):
    model = tiny_model()
    opt = adamw(model)
    sched = get_linear_schedule_with_warmup(opt, 40, 400)
    doctor = bertdoctor.watch(model, opt, sched, total_steps=30, quiet=True, save_dir=tmp_path)
    assert [f.code for f in doctor.findings] == ["BD505", "BD505"]
    assert doctor.findings[0].message.startswith("warmup is 40 steps but the run makes 30")
    doctor.close(completed=False)


# ---- BD504 no-gradient-flow ----


def test_bd504_frozen_encoder_with_the_head_left_out_of_the_optimizer(tmp_path):
    model = tiny_model()
    for p in model.bert.parameters():
        p.requires_grad = False
    opt = torch.optim.AdamW(model.bert.parameters(), lr=3e-3)  # the classifier is not there
    run = run_loop(model, opt, save_dir=tmp_path)
    stop = run.stopped
    assert stop is not None and stop.step == 1 and run.batches == 0
    [finding] = stop.findings
    assert finding.code == "BD504" and finding.severity is Severity.ERROR
    assert finding.message == (
        "2 parameters get a gradient but are in no parameter group of the optimizer, so they "
        "never change: classifier.weight, classifier.bias"
    )


def test_bd504_near_miss_frozen_encoder_with_the_head_in_the_optimizer(tmp_path):
    model = tiny_model()
    for p in model.bert.parameters():
        p.requires_grad = False
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=3e-3)
    run = run_loop(model, opt, save_dir=tmp_path, batches=6)
    assert run.stopped is None and "BD504" not in run.codes


def test_bd504_a_module_that_never_gets_a_gradient_is_a_warning(tmp_path):
    model = tiny_model()
    model.unused_head = torch.nn.Linear(32, 3)  # created, never called in forward
    run = run_loop(model, adamw(model), save_dir=tmp_path, batches=4)
    assert run.stopped is None
    [finding] = [f for f in run.doctor.findings if f.code == "BD504"]
    assert finding.severity is Severity.WARNING
    assert "2 trainable parameters got no gradient" in finding.message
    assert "unused_head.weight" in finding.message


# ---- BD506 eval-mode-during-training ----


def test_bd506_model_eval_left_on_while_training(tmp_path):
    model = tiny_model()

    def plant(i, batch):
        if i == 3:
            model.eval()  # a validation pass that never calls model.train() again
        return batch

    run = run_loop(model, adamw(model), plant=plant, save_dir=tmp_path, batches=8)
    [finding] = [f for f in run.doctor.findings if f.code == "BD506"]
    assert finding.message.startswith("model.training is False at training step 4")


def test_bd506_evaluating_in_train_mode_and_the_near_miss(tmp_path):
    model = tiny_model()
    ids, y = cls_data(16)
    doctor = bertdoctor.watch(model, adamw(model), quiet=True, save_dir=tmp_path)
    model.eval()
    with torch.no_grad():
        model(input_ids=ids)  # the right way: no finding
    model.train()
    assert doctor.findings == []
    with torch.no_grad():
        model(input_ids=ids)  # forgot model.eval()
    found = doctor.evaluate()
    assert [f.code for f in found] == ["BD506"]
    assert "model.training is True during evaluation" in found[0].message
    doctor.close(completed=False)


# ---- BD507 unshuffled-sorted-batches ----


def test_bd507_sorted_unshuffled_data_is_caught_at_the_8th_batch(tmp_path):
    model = tiny_model()
    data = cls_data(64, sort=True)
    run = run_loop(model, adamw(model), data=data, shuffle=False, save_dir=tmp_path, batches=10)
    [finding] = [f for f in run.doctor.findings if f.code == "BD507"]
    assert "each of the first 8 batches (64 examples) holds a single class" in finding.message
    assert "(classes in order: 0 -> 1)" in finding.message
    assert run.doctor.engine.batches == 10 and run.stopped is None


def test_bd507_near_miss_imbalanced_but_shuffled(tmp_path):
    model = tiny_model()
    data = cls_data(128, share=0.1)  # 90% class 0, shuffled: many single-class batches
    run = run_loop(model, adamw(model), data=data, save_dir=tmp_path, batches=10)
    assert "BD507" not in run.codes


# ---- BD502 loss-not-decreasing ----


def test_bd502_random_labels_keep_the_loss_at_ln2(tmp_path):
    model = tiny_model()
    data = cls_data(128, random_labels=True)
    run = run_loop(
        model, adamw(model, 1e-4), data=data, batches=15, plateau_steps=15, save_dir=tmp_path
    )
    [finding] = [f for f in run.doctor.findings if f.code == "BD502"]
    assert finding.message.startswith("after 15 steps the loss is 0.6")
    assert "ln(2) = 0.6931" in finding.message


def test_bd502_near_miss_waits_for_warmup(tmp_path):
    model = tiny_model()
    opt = adamw(model, 1e-4)
    sched = get_linear_schedule_with_warmup(opt, 10, 400)
    run = run_loop(
        model,
        opt,
        sched,
        data=cls_data(128, random_labels=True),
        batches=15,
        plateau_steps=15,
        save_dir=tmp_path,
    )
    assert "BD502" not in run.codes  # judged only after 2 x warmup = 20 steps


# ---- BD503 exploding-gradients ----


def spike_at(k, factor):
    def hook(i, loss):
        return loss * factor if i == k else loss

    return hook


def test_bd503_gradient_spike_is_caught_at_its_step(tmp_path):
    model = tiny_model()
    run = run_loop(
        model,
        adamw(model),
        loss_hook=spike_at(7, 1e4),
        grad_norm_every=1,
        save_dir=tmp_path,
        batches=9,
    )
    [finding] = [f for f in run.doctor.findings if f.code == "BD503"]
    assert " at step 8 is " in finding.message and "x its running median" in finding.message


def test_bd503_uses_the_norm_clip_grad_norm_returned(tmp_path):
    model = tiny_model()
    run = run_loop(
        model, adamw(model), loss_hook=spike_at(7, 1e4), clip=True, save_dir=tmp_path, batches=9
    )
    assert run.doctor.engine.compute_grad_norm is False
    assert len(run.doctor.engine.grad_norms) == 9
    assert [f.code for f in run.doctor.findings] == ["BD503"]


def test_bd503_near_miss_a_3x_bump_is_noise(tmp_path):
    model = tiny_model()
    run = run_loop(
        model,
        adamw(model),
        loss_hook=spike_at(7, 3.0),
        grad_norm_every=1,
        save_dir=tmp_path,
        batches=9,
    )
    assert "BD503" not in run.codes


# ---- BD510 degenerate-ner-eval ----


def test_bd510_from_metrics_and_from_predictions(tmp_path):
    model = tiny_model("token")
    doctor = bertdoctor.watch(model, adamw(model), quiet=True, on_error="warn", save_dir=tmp_path)
    assert doctor.evaluate({"eval_accuracy": 0.9, "eval_f1": 0.42}) == []  # near miss
    found = doctor.evaluate({"eval_accuracy": 0.91, "eval_f1": 0.0})
    assert [f.code for f in found] == ["BD510"]
    assert found[0].message.startswith("eval_accuracy=0.91 but eval_f1=0 at step 0")
    doctor.close(completed=False)

    doctor = bertdoctor.watch(model, adamw(model), quiet=True, save_dir=tmp_path)
    gold = [0, 1, 2, 0, 0, 0, 3, 4, 0, 0, -100]
    with pytest.raises(TrainingStopped) as stop:
        doctor.evaluate(predictions=[0] * len(gold), labels=gold)
    assert stop.value.findings[0].message.startswith(
        "all 10 predicted tags are O while 4 gold tags are entities; token accuracy 0.6"
    )
    doctor.close(completed=False)


def test_on_error_is_validated():
    model = tiny_model()
    with pytest.raises(ValueError, match="on_error must be 'stop' or 'warn'"):
        bertdoctor.watch(model, adamw(model), on_error="ignore")


# ---- the first batch goes through bertdoctor.check_batch ----


def test_first_batch_with_a_label_id_out_of_range_stops_before_the_forward(tmp_path):
    model = tiny_model()

    def plant(i, batch):
        batch["labels"][2] = 5  # num_labels is 2: a device-side assert on the GPU
        return batch

    run = run_loop(model, adamw(model), plant=plant, save_dir=tmp_path)
    stop = run.stopped
    assert stop is not None and run.batches == 0 and stop.step == 0
    assert [f.code for f in stop.findings] == ["BD201"]
    assert "label >= num_labels=2 (ids 5)" in stop.findings[0].message
    saved = torch.load(stop.batch_path, weights_only=True)
    assert saved["batch"]["labels"].tolist().count(5) == 1


def test_first_batch_check_can_be_turned_off(tmp_path):
    model = tiny_model()
    ids, y = cls_data(8)
    doctor = bertdoctor.watch(
        model, adamw(model), check_first_batch=False, quiet=True, save_dir=tmp_path
    )
    with pytest.raises(IndexError):  # torch's own error, as without bertdoctor
        model(input_ids=ids, labels=torch.full_like(y, 5))
    doctor.close(completed=False)


def test_tuple_batches_use_the_labels_the_model_was_given(tmp_path):
    """TensorDataset loops pass tuples: the labels come from the forward's keyword arguments."""
    model = tiny_model()
    opt = adamw(model)
    ids, y = cls_data(32)
    y[8:16] = -100  # the second batch
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(ids, y), batch_size=8)
    with pytest.raises(TrainingStopped) as stop:
        with bertdoctor.watch(model, opt, quiet=True, save_dir=tmp_path) as doctor:
            for input_ids, labels in loader:
                loss = model(input_ids=input_ids, labels=labels).loss
                loss.backward()
                opt.step()
                opt.zero_grad()
                doctor.step((input_ids, labels), loss)
    assert stop.value.step == 2
    assert "every label in the batch is -100" in stop.value.findings[0].message
    saved = torch.load(stop.value.batch_path, weights_only=True)
    assert (saved["batch"][1] == -100).all()  # the tuple, saved as a list
