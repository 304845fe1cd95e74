"""DoctorCallback inside a real transformers Trainer (tiny BERT, CPU, a few steps)."""

from __future__ import annotations

import torch
from test_monitor_support import clean_trainer_run, tiny_model, train_with_trainer

from bertdoctor import DoctorCallback
from bertdoctor.checks.run import check_run_report
from bertdoctor.findings import Severity


def test_a_clean_trainer_run_gives_no_finding():
    out, callback = clean_trainer_run()
    assert callback.findings == []
    assert callback.stopped is None
    engine = callback.engine
    assert engine.optimizer_steps == 24 and engine.batches == 24
    assert len(engine.step_losses) == 24 and len(engine.grad_norms) == 12  # logged every 2 steps
    assert not (out / "bertdoctor").exists()


def test_nan_loss_stops_the_trainer_at_that_step_and_saves_the_batch(tmp_path, capsys):
    callback = DoctorCallback()
    trainer = train_with_trainer(tmp_path / "run", nan_at=5, evaluate=False, callback=callback)
    assert trainer.state.global_step == 5  # stopped, not 24
    stop = callback.stopped
    assert stop is not None and stop.step == 5
    [finding] = stop.findings
    assert finding.code == "BD501" and finding.severity is Severity.ERROR
    assert finding.message.startswith("loss is nan at step 5 (batch 5); cause: every label")
    assert stop.batch_path == tmp_path / "run" / "bertdoctor" / "step000005-batch000005.pt"
    saved = torch.load(stop.batch_path, weights_only=True)
    assert (saved["batch"]["labels"] == -100).all()
    assert torch.isnan(tiny_model("token")(**saved["batch"]).loss)
    err = capsys.readouterr().err
    assert "BD501 non-finite-loss" in err and "training stopped" in err
    # check-run on the same folder points at the saved batch and at where the run stopped
    lines = check_run_report(tmp_path / "run").sections[3].lines
    assert "bertdoctor/step000005-batch000005.pt" in lines[0]
    assert "the run stopped at step 5 of 24" in lines


def test_a_user_schedule_sized_wrong_with_accumulation_and_an_o_only_eval_in_warn_mode(tmp_path):
    from test_monitor_support import PlantingCollator, TokenDataset
    from transformers import Trainer, TrainingArguments, get_linear_schedule_with_warmup

    model = tiny_model("token")
    opt = torch.optim.AdamW(model.parameters(), lr=5e-3)
    sched = get_linear_schedule_with_warmup(opt, 0, 24)  # sized for 4x the run
    callback = DoctorCallback(on_error="warn", quiet=True)
    args = TrainingArguments(
        output_dir=str(tmp_path / "run"),
        max_steps=6,
        per_device_train_batch_size=8,
        gradient_accumulation_steps=2,
        eval_strategy="steps",
        eval_steps=3,
        save_strategy="no",
        report_to=[],
        use_cpu=True,
        disable_tqdm=True,
        logging_steps=3,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=TokenDataset(48),
        eval_dataset=TokenDataset(16, seed=1),
        data_collator=PlantingCollator(),
        optimizers=(opt, sched),
        callbacks=[callback],
        compute_metrics=lambda p: {"accuracy": 0.93, "f1": 0.0},
    )
    trainer.train()
    assert trainer.state.global_step == 6  # warn: the run goes on
    assert callback.engine.optimizer_steps == 6 and callback.engine.batches == 12
    by_code = {f.code: f for f in callback.findings}
    assert set(by_code) == {"BD505", "BD510"}
    assert by_code["BD505"].message.startswith(
        "the schedule is sized for 24 steps but the run makes 6 optimizer steps"
    )
    assert by_code["BD510"].message == (
        "eval_accuracy=0.93 but eval_f1=0 at step 3: the model predicts (almost) only O"
    )


def test_a_first_batch_with_a_bad_label_stops_the_trainer_before_its_forward(tmp_path):
    from test_monitor_support import TokenDataset

    import bertdoctor.monitor

    class BadLabels(TokenDataset):
        def __getitem__(self, i):
            item = super().__getitem__(i)
            item["labels"] = item["labels"].clone()
            item["labels"][1] = 7  # 5 labels: a device-side assert on the GPU
            return item

    callback = DoctorCallback(quiet=True)
    from transformers import Trainer, TrainingArguments

    args = TrainingArguments(
        output_dir=str(tmp_path / "run"),
        max_steps=3,
        report_to=[],
        per_device_train_batch_size=8,
        use_cpu=True,
        disable_tqdm=True,
        save_strategy="no",
    )
    trainer = Trainer(
        model=tiny_model("token"), args=args, train_dataset=BadLabels(16), callbacks=[callback]
    )
    try:
        trainer.train()
    except bertdoctor.monitor.TrainingStopped as exc:
        stop = exc
    else:
        raise AssertionError("the Trainer ran the bad batch")
    assert stop.step == 0 and [f.code for f in stop.findings] == ["BD201"]
    assert stop.findings[0].message.startswith("8 labels >= num_labels=5 (ids 7); example 0")
    assert stop.batch_path.parent == tmp_path / "run" / "bertdoctor"
