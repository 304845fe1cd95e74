"""The pure BD5xx judgements (doctor/checks/training.py) on numbers, without a model: the
causes BD501 names, and the edges of each rule (bad, good, near miss)."""

from __future__ import annotations

import math

from bertdoctor.checks import training as judge


def one(findings):
    found = list(findings)
    assert len(found) == 1, found
    return found[0]


def test_bd501_names_the_cause_that_fits():
    labels = one(judge.check_loss_value(math.nan, step=3, supervised_tokens=0, learning_rate=1.0))
    assert "every label in the batch is -100" in labels.message
    assert "learning rate" not in labels.message  # 0/0 explains it by itself
    scale = one(judge.check_loss_value(math.inf, loss_scales=[65536.0, 32768.0, 1024.0]))
    assert "the fp16 loss scale fell from 6.554e+04 to 1024" in scale.message
    assert "torch.finfo" in scale.fix
    lr = one(judge.check_loss_value(math.nan, step=40, supervised_tokens=96, learning_rate=0.01))
    assert "the learning rate is 0.01, far above the 2e-5 to 5e-5" in lr.message
    rising = one(
        judge.check_loss_value(
            math.nan, learning_rate=5e-4, recent_losses=[0.7, 0.69, 0.7, 1.5, 4.0]
        )
    )
    assert "the loss rose from 0.69 to 4 before it diverged" in rising.message
    unknown = one(judge.check_loss_value(math.nan, supervised_tokens=10, learning_rate=2e-5))
    assert "no batch-level cause fits" in unknown.message
    assert list(judge.check_loss_value(0.69)) == []


def test_bd502_edges():
    falling = [1.0 - 0.02 * i for i in range(30)]
    assert list(judge.check_loss_plateau(falling, num_labels=2)) == []
    flat = [0.7, 0.69] * 15
    assert "100% of its start" in one(judge.check_loss_plateau(flat, num_labels=2)).message
    # came down from 3.0 to a flat ln(5): learned the class prior and nothing else
    at_chance = [3.0 - 0.15 * i for i in range(10)] + [math.log(5)] * 20
    assert "= ln(5)" in one(judge.check_loss_plateau(at_chance, num_labels=5)).message
    # near miss: passing through ln(5) on the way down is not a plateau
    passing = [3.0 - 0.05 * i for i in range(30)]
    assert list(judge.check_loss_plateau(passing, num_labels=5)) == []
    assert list(judge.check_loss_plateau(flat[:8], num_labels=2)) == []  # too few to judge


def test_bd503_edges():
    history = [1.0, 1.2, 0.9, 1.1, 1.0]
    assert "is 50x its running median" in one(judge.check_grad_norm(50.0, history)).message
    assert "inf" in one(judge.check_grad_norm(math.inf, [])).message
    assert list(judge.check_grad_norm(9.0, history)) == []  # 9x: near miss
    assert list(judge.check_grad_norm(50.0, history[:3])) == []  # no running level yet


def test_bd505_schedule_edges():
    early = one(judge.check_schedule_length(250, 1000, batches=4000, accumulation=4))
    assert early.message.startswith("the schedule reaches 0 at step 250 but the run makes 1000")
    assert list(judge.check_schedule_length(1000, 1000)) == []
    assert list(judge.check_schedule_length(1100, 1000)) == []  # rounding: near miss
    assert list(judge.check_warmup(100, 1000)) == []
    assert "warmup is 1000 steps" in one(judge.check_warmup(1000, 1000)).message
    assert list(judge.check_scheduler_stepping(4, 0)) == []  # too early to say
    assert list(judge.check_scheduler_stepping(20, 20)) == []


def test_bd505_lr_curve_edges():
    linear = [(s, 1e-3 * min(s / 10, (100 - s) / 90)) for s in range(10, 101, 10)]
    assert list(judge.check_lr_curve(linear, max_steps=100)) == []
    constant = [(s, 2e-5) for s in range(10, 101, 10)]
    assert list(judge.check_lr_curve(constant, max_steps=100)) == []  # constant is a choice
    zero = [(0, 0.0), (1, 0.0), (2, 0.0)]
    assert "0 at all 3 logged steps" in one(judge.check_lr_curve(zero)).message


def test_bd507_edges():
    assert list(judge.check_batch_classes([[0], [0, 1], [1], [1]], [8] * 4)) == []
    sorted_ = one(judge.check_batch_classes([[0], [0], [1], [1]], [8] * 4))
    assert "(classes in order: 0 -> 1)" in sorted_.message
    # one class only over 32 examples: an imbalanced set can do that; near miss
    assert list(judge.check_batch_classes([[0]] * 4, [8] * 4)) == []
    assert one(judge.check_batch_classes([[0]] * 8, [8] * 8)).code == "BD507"
    assert list(judge.check_batch_classes([[0], [1], [0], [1]], [1] * 4)) == []  # batch size 1


def test_bd508_edges():
    assert "below" not in one(judge.check_loss_scale([2.0**16 / 2**i for i in range(6)])).message
    assert list(judge.check_loss_scale([65536.0, 32768.0, 65536.0, 32768.0])) == []
    assert one(judge.check_loss_scale([4.0, 2.0, 1.0, 0.5])).code == "BD508"


def test_bd510_and_static_metrics_edges():
    assert list(judge.check_ner_metrics({"eval_accuracy": 0.7, "eval_f1": 0.0})) == []
    assert list(judge.check_ner_metrics({"eval_loss": 0.3})) == []
    assert one(judge.check_ner_metrics({"accuracy": 0.95, "overall_f1": 0.01})).code == "BD510"
    preds, gold = [0, 0, 0, 1], [0, 1, 0, 1]
    assert list(judge.check_ner_predictions(preds, gold, outside_id=0)) == []
    two = [{"eval_f1": 0.0}, {"eval_f1": 0.0}]
    assert list(judge.check_static_metrics(two, "s.json")) == []  # two evaluations: too few
    moving = [
        {"eval_f1": 0.1, "eval_runtime": 1.0},
        {"eval_f1": 0.2, "eval_runtime": 1.0},
        {"eval_f1": 0.3, "eval_runtime": 1.0},
    ]
    assert list(judge.check_static_metrics(moving, "s.json")) == []  # runtime is not a metric


def test_logged_grad_norms_one_inf_is_the_fp16_scaler_calibrating():
    norms = [(s, 1.0 + 0.1 * (s % 3)) for s in range(1, 21)]
    once = [(1, math.inf)] + norms[1:]
    assert list(judge.check_logged_grad_norms(once, "s.json")) == []
    twice = once[:5] + [(6, math.inf)] + norms[6:]
    f = one(judge.check_logged_grad_norms(twice, "s.json"))
    assert (
        f.code == "BD503"
        and f.message == "grad_norm is inf at 2 of 20 logged steps (first at step 1)"
    )
