"""check-script rules BD601-BD616: a bad case, a good case and the near miss of every rule,
each finding checked by code and line, on small realistic training scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bertdoctor.checks.script import CHECKS, check_script
from bertdoctor.findings import Severity
from bertdoctor.runner import codes_of

FIXTURES = Path(__file__).parent / "fixtures"

# fixture -> the (code, line) of every BD6xx finding it must give, and nothing else
EXPECTED = {
    # a Chinese rumour-detection fine-tune with the usual mistakes
    "BD601/rumour_bad.py": [
        ("BD601", 10),
        ("BD604", 43),
        ("BD604", 44),
        ("BD605", 36),
        ("BD606", 32),
        ("BD607", 45),
    ],
    "BD601/bad_auto.py": [("BD601", 4), ("BD602", 5)],
    "BD601/good.py": [],
    "BD601/near_miss_config.py": [],
    "BD602/ner_default_head.py": [("BD602", 9)],
    "BD602/good.py": [],
    "BD602/near_miss_config.py": [],
    "BD602/near_miss_binary.py": [],
    "BD603/weighted_unused.py": [("BD603", 9)],
    "BD603/good.py": [],
    "BD603/near_miss_passed_on.py": [],
    "BD604/loop_squeeze.py": [("BD604", 10), ("BD604", 11), ("BD604", 14)],
    "BD604/near_miss_dims.py": [],
    "BD605/unshuffled.py": [("BD605", 6)],
    "BD605/bad_through_function.py": [("BD605", 14)],
    "BD605/good.py": [],
    "BD606/features_to_gpu.py": [("BD606", 15), ("BD606", 27)],
    "BD606/near_miss.py": [],
    "BD606/read_data_features.py": [("BD606", 16)],
    "BD607/retensor.py": [("BD607", 7), ("BD607", 8), ("BD607", 10)],
    "BD607/near_miss.py": [],
    "BD608/accumulate_unscaled.py": [("BD608", 14)],
    "BD608/accumulate_scaled.py": [],
    "BD608/no_accumulation.py": [],
    "BD608/amp_named_gate.py": [("BD608", 9)],
    "BD609/one_epoch_schedule.py": [("BD609", 12)],
    "BD609/accumulation_schedule.py": [("BD609", 7)],
    "BD609/good.py": [],
    "BD609/counts_examples.py": [("BD609", 13)],
    "BD610/no_zero_grad.py": [("BD610", 7)],
    "BD610/good.py": [],
    "BD611/eval_in_train_mode.py": [("BD611", 6)],
    "BD611/resumed_in_eval.py": [("BD611", 22)],
    "BD611/good.py": [],
    "BD611/resumed_via_functions.py": [("BD611", 23)],
    "BD612/decay_everything.py": [("BD612", 6)],
    "BD612/good.py": [],
    "BD613/one_hot_in_place.py": [("BD613", 8), ("BD613", 17)],
    "BD613/good.py": [],
    "BD614/relative_paths.py": [("BD614", 3), ("BD614", 6), ("BD614", 10)],
    "BD614/good.py": [],
    "BD615/ner_pad_zero.py": [("BD615", 17), ("BD615", 29)],
    "BD615/good.py": [],
    "BD615/crf_with_mask.py": [],
    "BD615/pad_variants.py": [("BD615", 8), ("BD615", 12)],
    "BD615/near_miss_ignore_index.py": [],
    "BD616/bce_flattened.py": [("BD616", 12)],
    "BD616/good.py": [],
    "BD616/near_miss_one_logit.py": [],
    "BD602/near_miss_reload.py": [],
    "BD602/near_miss_predict.py": [],
    "BD604/near_miss_dataset.py": [],
    "BD605/near_miss_shuffled_elsewhere.py": [],
    "BD605/near_miss_iterable.py": [],
    "BD605/near_miss_split.py": [],
    "BD606/near_miss_precompute.py": [],
    "BD607/near_miss_enumerate.py": [],
    "BD608/near_miss_one_step.py": [],
    "BD609/near_miss_epoch_scheduler.py": [],
    "BD614/near_miss_saved_here.py": [],
    # Windows paths in strings that are not raw (\b, \v, \t, \n, \r became control characters)
    "BD309/windows_paths.py": [("BD309", n) for n in (8, 9, 13, 15, 16)],
    "BD309/good.py": [],
    "BD309/near_miss_text_escapes.py": [],
    # follows every rule: not a single finding
    "clean/train_clean.py": [],
    # in the style of transformers' own examples (old run_glue.py, run_glue_no_trainer.py)
    "clean/run_glue_style.py": [],
    "clean/no_trainer_style.py": [],
    # match, walrus, async for, star targets, lambdas, class bodies: no crash, no finding
    "clean/unusual_syntax.py": [],
}


def findings_of(name: str):
    return check_script(str(FIXTURES / name))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_gives_exactly_the_expected_findings(name):
    got = sorted((f.code, f.location.line) for f in findings_of(name))
    assert got == sorted(EXPECTED[name])


def test_every_rule_has_a_bad_case_and_a_silent_case():
    codes = {f"BD6{n:02d}" for n in range(1, 17)} | {"BD309"}
    flagged = {code for found in EXPECTED.values() for code, _ in found}
    assert flagged == codes
    silent_dirs = {name.split("/")[0] for name, found in EXPECTED.items() if not found}
    assert codes <= silent_dirs
    assert {c for check in CHECKS for c in codes_of(check)} == codes


# near misses turned into the bug by a one-line edit: proves each stays silent for its reason
MUTATIONS = [
    ("BD602/near_miss_reload.py", [("args.best_checkpoint", "args.bert_path")], "BD602"),
    ("BD602/near_miss_config.py", [(", config=config", "")], "BD602"),
    (
        "BD602/near_miss_predict.py",
        [("model.eval()\n", "for batch in train_loader:\n    model(**batch).loss.backward()\n")],
        "BD602",
    ),
    ("BD604/near_miss_dataset.py", [("(Dataset)", "(object)")], "BD604"),
    ("BD604/near_miss_dims.py", [(".squeeze(-1)", ".squeeze()")], "BD604"),
    (
        "BD605/near_miss_shuffled_elsewhere.py",
        [("random.shuffle(examples)", "len(examples)")],
        "BD605",
    ),
    (
        "BD605/near_miss_iterable.py",
        [("JsonlStream", "JsonlLines"), ("IterableDataset", "Dataset")],
        "BD605",
    ),
    ("BD605/good.py", [("shuffle=True", "shuffle=False")], "BD605"),
    ("BD605/near_miss_split.py", [("random_state=42", "shuffle=False")], "BD605"),
    ("BD606/near_miss_precompute.py", [("bert_model(**enc)", "enc")], "BD606"),
    ("BD606/near_miss.py", [(".to(torch.long)", ".to(device)")], "BD606"),
    ("BD606/near_miss.py", [("batch = encode(tokenizer, texts)", "pass")], "BD606"),
    ("BD607/near_miss.py", [("torch.as_tensor(", "torch.tensor(")], "BD607"),
    (
        "BD607/near_miss_enumerate.py",
        [("for i, batch in", "for i, (batch, y) in"), ("torch.tensor(i)", "torch.tensor(y)")],
        "BD607",
    ),
    ("BD608/accumulate_scaled.py", [("loss = loss / accumulation_steps", "pass")], "BD608"),
    ("BD608/amp_named_gate.py", [("ACCUM_STEPS = 8", "ACCUM_STEPS = 1")], "NOT BD608"),
    (
        "BD609/counts_examples.py",
        [("len(train_dataset) * epochs", "len(train_loader) * epochs")],
        "NOT BD609",
    ),
    (
        "BD609/counts_examples.py",
        [("len(train_dataset) * epochs", "len(train_dataset) // 32 * epochs")],
        "NOT BD609",
    ),
    ("BD608/near_miss_one_step.py", [("GRAD_ACC_STEPS = 1", "GRAD_ACC_STEPS = 8")], "BD608"),
    (
        "BD609/near_miss_epoch_scheduler.py",
        [
            (
                "optimizer.zero_grad()\n        scheduler.step()",
                "optimizer.zero_grad()\n            scheduler.step()",
            )
        ],
        "BD609",
    ),
    ("BD610/good.py", [("        reset(model)\n", "")], "BD610"),
    (
        "BD611/good.py",
        [
            (
                "        with torch.no_grad():\n            evaluate",
                "        if True:\n            evaluate",
            )
        ],
        "BD611",
    ),
    ("BD612/good.py", [("weight_decay=0.0)", "weight_decay=0.05)")], "BD612"),
    ("BD613/good.py", [("targets[torch.arange", "labels[torch.arange")], "BD613"),
    ("BD614/near_miss_saved_here.py", [('model.save_pretrained("./output")', "pass")], "BD614"),
    ("BD309/near_miss_text_escapes.py", [('"D:\\models\\Chinese"', '"D:\\models\\bert"')], "BD309"),
    ("BD309/good.py", [('r"D:\\bert', '"D:\\bert')], "BD309"),
    ("BD615/good.py", [("[-100] *", "[0] *")], "BD615"),
    ("BD615/near_miss_ignore_index.py", [("ignore_index=0", "ignore_index=-100")], "BD615"),
    ("BD616/near_miss_one_logit.py", [("num_labels=1", "num_labels=3")], "BD616"),
    (
        "BD603/near_miss_passed_on.py",
        [('total += loss_fn(model(**batch).logits, batch["labels"]).item()', "pass")],
        "BD603",
    ),
]


@pytest.mark.parametrize(("name", "edits", "code"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_near_miss_turned_into_the_bug_is_flagged(tmp_path, name, edits, code):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    script = tmp_path / Path(name).name
    script.write_text(text, encoding="utf-8")
    codes = {f.code for f in check_script(str(script))}
    if code.startswith("NOT "):  # the edit fixes the bug
        assert code[4:] in {f.code for f in findings_of(name)} and code[4:] not in codes
    else:
        assert code not in {f.code for f in findings_of(name)} and code in codes


def one(name: str, code: str):
    found = [f for f in findings_of(name) if f.code == code]
    assert len(found) == 1, found
    return found[0]


def test_bd601_quotes_the_call_and_moves_the_keyword_to_the_model():
    f = one("BD601/rumour_bad.py", "BD601")
    assert f.severity is Severity.ERROR
    assert '`BertTokenizer.from_pretrained("bert-base-chinese", num_classes=2)`' in f.message
    assert "num_classes=2" in f.message
    assert "num_labels=2" in f.fix and "remove num_classes" in f.fix
    assert str(f.location).endswith("BD601/rumour_bad.py:10")


def test_bd602_names_the_label_list_it_saw():
    f = one("BD602/ner_default_head.py", "BD602")
    assert 'BertForTokenClassification.from_pretrained("bert-base-chinese")' in f.message
    assert "while `label_list` with 7 labels (line 5) never reaches it" in f.message
    assert [loc.line for loc in f.locations] == [9, 5]


def test_bd603_names_the_unused_criterion_and_the_backward_line():
    f = one("BD603/weighted_unused.py", "BD603")
    assert "criterion = nn.CrossEntropyLoss(weight=class_weights)" in f.message
    assert "line 18" in f.message
    assert "so its settings (weight=class_weights) are never applied" in f.message


def test_bd604_quotes_each_squeeze():
    messages = [f.message for f in findings_of("BD604/loop_squeeze.py")]
    assert any(m.startswith('`batch["input_ids"].squeeze()`') for m in messages)
    assert any(m.startswith('`torch.squeeze(batch["attention_mask"])`') for m in messages)
    assert any(m.startswith("`logits.squeeze()`") for m in messages)


def test_bd605_flags_the_training_loader_not_the_evaluation_one():
    f = one("BD605/unshuffled.py", "BD605")
    assert "DataLoader(train_set, batch_size=32, shuffle=False)" in f.message
    assert "dev_set" not in f.message
    assert [loc.line for loc in f.locations] == [6, 10]


def test_bd606_groups_the_moves_of_one_function():
    found = [f for f in findings_of("BD606/features_to_gpu.py") if f.code == "BD606"]
    feature = next(f for f in found if "convert_examples_to_features" in f.message)
    assert [loc.line for loc in feature.locations] == [15, 16, 17]
    assert "and 2 more" in feature.message
    assert "TensorDataset(all_ids.cuda(), all_ids.cuda())" in found[1].message


def test_bd607_suggests_as_tensor():
    f = findings_of("BD607/retensor.py")[0]
    assert f.message.startswith('`torch.tensor(enc["input_ids"])`')
    assert 'torch.as_tensor(enc["input_ids"])' in f.fix


def test_bd608_quotes_the_gate_and_the_divisor():
    f = one("BD608/accumulate_unscaled.py", "BD608")
    assert "`(step + 1) % accumulation_steps == 0`" in f.message
    assert f.fix == "divide the loss before backward: loss = loss / accumulation_steps"
    assert [loc.line for loc in f.locations] == [14, 15]


def test_bd609_one_epoch_and_accumulation_variants():
    epoch = one("BD609/one_epoch_schedule.py", "BD609")
    assert "range(EPOCHS)" in epoch.message and "total_steps" in epoch.message
    accum = one("BD609/accumulation_schedule.py", "BD609")
    assert "`scheduler.step()` runs only on accumulation steps (line 14)" in accum.message


def test_bd610_is_an_error_naming_the_step():
    f = one("BD610/no_zero_grad.py", "BD610")
    assert f.severity is Severity.ERROR
    assert "`optimizer.step()`" in f.message
    assert "optimizer.zero_grad()" in f.fix


def test_bd611_both_halves():
    missing = one("BD611/eval_in_train_mode.py", "BD611")
    assert "without model.eval() and without torch.no_grad()" in missing.message
    resumed = one("BD611/resumed_in_eval.py", "BD611")
    assert "`evaluate(model, dev_loader)`" in resumed.message
    assert "model.train()" in resumed.fix


def test_bd612_resolves_the_decay_constant():
    f = one("BD612/decay_everything.py", "BD612")
    assert "decays every parameter by WEIGHT_DECAY" in f.message


def test_bd613_quotes_the_assignment():
    direct, alias = [f for f in findings_of("BD613/one_hot_in_place.py") if f.code == "BD613"]
    assert direct.severity is Severity.ERROR
    assert "`labels[torch.arange(labels.size(0)), labels] = 1`" in direct.message
    assert "one_hot(labels" in direct.fix
    assert "(targets is labels)" in alias.message


def test_bd614_one_finding_per_path_with_every_line():
    found = [f for f in findings_of("BD614/relative_paths.py") if f.code == "BD614"]
    first = next(f for f in found if "./bert-base-chinese" in f.message)
    assert [loc.line for loc in first.locations] == [3, 4, 5]
    assert "Path(__file__).resolve().parent / 'bert-base-chinese'" in first.fix


def test_bd614_a_plain_name_that_is_a_folder_beside_the_script(tmp_path):
    (tmp_path / "chinese-bert").mkdir()
    script = tmp_path / "train.py"
    script.write_text(
        "from transformers import BertModel\n"
        "model = BertModel.from_pretrained('chinese-bert')\n"
        "hub = BertModel.from_pretrained('bert-base-uncased')\n"
    )
    found = check_script(str(script))
    assert [(f.code, f.location.line) for f in found] == [("BD614", 2)]


def test_bd309_names_the_escape_and_gives_the_raw_string():
    found = {f.location.line: f for f in findings_of("BD309/windows_paths.py")}
    bert = found[8]
    assert bert.severity is Severity.ERROR
    assert 'the path "D:\\bert\\bert-base-chinese" is not a raw string' in bert.message
    assert "(\\b is a backspace)" in bert.message
    assert bert.fix.startswith('write r"D:\\bert\\bert-base-chinese" (a raw string)')
    assert "(\\v is a vertical tab)" in found[9].message
    assert found[16].fix.startswith('write rf"E:\\runs\\{len(train)}"')
    # the control characters are BD309's: not also a relative path (BD614)
    assert "BD614" not in {f.code for f in found.values()}


def test_bd615_names_the_padded_sequence():
    found = [f for f in findings_of("BD615/ner_pad_zero.py") if f.code == "BD615"]
    by_line = {f.location.line: f for f in found}
    assert 'pads label_ids with 0, a real class (usually "O")' in by_line[17].message
    assert "pads tags with 0" in by_line[29].message
    assert "-100" in by_line[17].fix


def test_bd615_crf_without_mask_is_flagged(tmp_path):
    script = tmp_path / "crf_nomask.py"
    text = (FIXTURES / "BD615" / "crf_with_mask.py").read_text()
    script.write_text(text.replace("mask=mask, ", "").replace("emissions, mask=mask", "emissions"))
    assert [f.code for f in check_script(str(script))] == ["BD615"]


def test_bd616_is_an_error_with_the_head_size():
    f = one("BD616/bce_flattened.py", "BD616")
    assert f.severity is Severity.ERROR
    assert "6-label head" in f.message and "logits.view(-1)" in f.message


def test_bd602_a_computed_label_count_that_never_reaches_the_model(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(
        "from transformers import BertForSequenceClassification\n"
        "label2id = {name: i for i, name in enumerate(read_labels())}\n"
        "num_labels = len(label2id)\n"
        "model = BertForSequenceClassification.from_pretrained('bert-base-chinese')\n"
        "for batch in loader:\n"
        "    model(**batch).loss.backward()\n"
    )
    [f] = check_script(str(script))
    assert (f.code, f.location.line) == ("BD602", 4)
    assert "while `num_labels = len(label2id)` (line 3) never reaches it" in f.message


def test_bd603_an_argument_less_criterion_is_called_dead_code(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(
        "import torch.nn as nn\n"
        "loss_fn = nn.CrossEntropyLoss()\n"
        "for batch in loader:\n"
        "    out = model(**batch)\n"
        "    out.loss.backward()\n"
    )
    [f] = check_script(str(script))
    assert (f.code, f.location.line) == ("BD603", 2)
    assert "dead code" in f.message


def test_bd611_train_false_counts_as_eval_mode(tmp_path):
    script = tmp_path / "evaluate.py"
    body = (
        "import torch\n"
        "def evaluate(model, dev_loader):\n"
        "    model.train(False)\n"
        "    with torch.no_grad():\n"
        "        for batch in dev_loader:\n"
        "            model(**batch)\n"
    )
    script.write_text(body)
    assert check_script(str(script)) == []
    script.write_text(body.replace("model.train(False)", "model.train(True)"))
    assert [(f.code, f.location.line) for f in check_script(str(script))] == [("BD611", 5)]


def test_a_crashing_check_is_bd000_and_the_others_still_run(monkeypatch):
    import bertdoctor.checks.script as module

    def broken(script):
        raise KeyError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(module, "CHECKS", (broken, *module.CHECKS))
    found = findings_of("BD610/no_zero_grad.py")
    assert [f.code for f in found] == ["BD000", "BD610"]
    assert "check broken crashed with KeyError" in found[0].message
    assert "Traceback" in found[0].detail


def test_bd601_is_a_warning_when_the_model_gets_its_labels_anyway(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(
        "from transformers import BertTokenizer, BertForSequenceClassification\n"
        "tok = BertTokenizer.from_pretrained('bert-base-chinese', num_labels=3)\n"
        "model = BertForSequenceClassification.from_pretrained('bert-base-chinese', num_labels=3)\n"
    )
    [f] = check_script(str(script))
    assert (f.code, f.severity, f.location.line) == ("BD601", Severity.WARNING, 2)
    assert f.fix == "remove num_labels from the tokenizer's from_pretrained"


def test_a_jupyter_notebook_is_read_cell_by_cell():
    found = findings_of("BD601/colab_rumour.ipynb")
    got = [(f.code, f.location.path.rsplit("/", 1)[-1], f.location.line) for f in found]
    # cell 2's !pip and %matplotlib lines are IPython, not syntax errors; the %%bash cell is
    # skipped; cell 5's %%time runs Python
    assert got == [
        ("BD601", "colab_rumour.ipynb cell 3", 1),
        ("BD610", "colab_rumour.ipynb cell 5", 6),
    ]
    assert found[0].severity is Severity.WARNING  # the model gets num_labels=2 itself
    assert "the training loop at cell 5 line 4 calls `optimizer.step()` (cell 5 line 6)" in (
        found[1].message
    )


def test_bd611_a_train_function_that_sets_train_mode_fixes_it(tmp_path):
    text = (FIXTURES / "BD611" / "resumed_via_functions.py").read_text()
    fixed = text.replace(
        "def train_one_epoch(model, train_loader, optimizer):\n",
        "def train_one_epoch(model, train_loader, optimizer):\n    model.train()\n",
    )
    script = tmp_path / "fixed.py"
    script.write_text(fixed)
    assert fixed != text and check_script(str(script)) == []


def test_bd610_with_amp_names_the_optimizer(tmp_path):
    script = tmp_path / "amp.py"
    script.write_text(
        "for batch in train_loader:\n"
        "    scaler.scale(model(**batch).loss).backward()\n"
        "    scaler.step(optimizer)\n"
        "    scaler.update()\n"
    )
    [f] = check_script(str(script))
    assert (f.code, f.location.line) == ("BD610", 3)
    assert f.fix == "call optimizer.zero_grad() after scaler.step(optimizer) in the loop"


def test_notebook_export_is_analysed_and_its_shell_line_reported(tmp_path):
    nb = tmp_path / "notebook.py"
    nb.write_text(
        "#!/usr/bin/env python\n"
        "# coding: utf-8\n"
        "\n"
        "# In[1]:\n"
        "\n"
        "!pip install transformers\n"
        "get_ipython().run_line_magic('matplotlib', 'inline')\n"
        "from transformers import BertTokenizer\n"
        "\n"
        "# In[2]:\n"
        "\n"
        "tok = BertTokenizer.from_pretrained('bert-base-chinese', num_labels=3)\n"
    )
    got = [(f.code, f.location.line) for f in check_script(str(nb))]
    assert got == [("BD317", 6), ("BD601", 12)]


def test_a_syntax_error_is_one_finding_with_its_line(tmp_path):
    bad = tmp_path / "py2.py"
    bad.write_text("import torch\n\nprint 'training'\n")
    [f] = check_script(str(bad))
    assert (f.code, f.location.line, f.severity) == ("BD317", 3, Severity.ERROR)
