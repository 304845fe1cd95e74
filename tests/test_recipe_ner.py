"""The ner recipe: smoke runs, the full default reaching PASS, alignment, CRF, resume,
determinism, DDP, entity F1 against seqeval, and the run-recipe command around it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from clirun import bertdoctor
from markers import NEEDS_CRF

from bertdoctor.recipes import data, ner

# on the CPU wherever it runs: a GPU machine would pick cuda and bf16 (and another loss curve)
SMALL = dict(train_size=96, dev_size=24, batch_size=16, device="cpu")


def test_smoke_two_steps_writes_metrics_and_a_loadable_checkpoint(tmp_path: Path) -> None:
    m = ner.main(ner.Config(output=str(tmp_path / "run"), max_steps=2, **SMALL))

    assert m["steps"] == 2 and len(m["losses"]) == 2
    assert m["verdict"] == "SKIPPED"  # 2 steps prove the setup runs, not that it learns
    assert m["device"] == "cpu" and m["precision"] == "fp32"
    assert m["labels"][0] == "O" and sorted(m["labels"]) == sorted(data.NER_LABELS)
    # a fresh head predicts ~uniformly: the first loss is near ln(7)
    assert abs(m["losses"][0] - m["expected_initial_loss"]) < 0.5
    saved = json.loads((tmp_path / "run/metrics.json").read_text())
    assert saved["losses"] == m["losses"]
    ckpt = tmp_path / "run/checkpoint"
    assert (ckpt / "model.safetensors").is_file() and (ckpt / "tokenizer.json").is_file()
    assert not list(tmp_path.glob("run/.checkpoint*"))  # the temporary name was renamed
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(ckpt)
    assert model.config.num_labels == 7
    assert [model.config.id2label[i] for i in range(7)] == m["labels"]


def test_labels_go_on_the_first_word_piece_only() -> None:
    sent = data.NerExample(
        ["Brannock", "works", "for", "Quillon", "North", "."],
        ["B-PER", "O", "O", "B-ORG", "I-ORG", "O"],
    )
    tok = data.wordpiece_tokenizer()
    label2id = {t: i for i, t in enumerate(data.NER_LABELS)}
    (feat,) = ner.encode([sent], tok, label2id, 64)

    pieces = tok.convert_ids_to_tokens(feat["input_ids"])
    assert pieces[0] == "[CLS]" and pieces[-1] == "[SEP]"
    assert len(pieces) > len(sent.tokens) + 2  # some names split into several pieces
    labelled = [(p, lab) for p, lab in zip(pieces, feat["labels"], strict=True) if lab != -100]
    assert [lab for _, lab in labelled] == [label2id[t] for t in sent.tags]
    assert all(not p.startswith("##") for p, _ in labelled)
    assert feat["labels"][0] == -100 and feat["labels"][-1] == -100
    assert feat["words"] == list(range(len(sent.tokens)))


def test_the_embedded_entities_need_context_to_be_typed() -> None:
    sents = data.ner_examples(1000)
    types_of: dict[str, set[str]] = {}
    for s in sents:
        for word, tag in zip(s.tokens, s.tags, strict=True):
            if tag.startswith("B-"):
                types_of.setdefault(word, set()).add(tag[2:])
    # every entity name appears as a person, a location and an organisation
    assert len(types_of) > 20
    assert all(kinds == {"PER", "LOC", "ORG"} for kinds in types_of.values())
    assert data.ner_examples(50) == data.ner_examples(50)  # deterministic
    assert any(all("\u4e00" <= ch <= "\u9fff" for ch in s.tokens[0]) for s in sents[:4])


def test_same_seed_same_losses_and_another_seed_differs(tmp_path: Path) -> None:
    runs = [
        ner.main(ner.Config(output=str(tmp_path / f"r{i}"), max_steps=3, seed=seed, **SMALL))[
            "losses"
        ]
        for i, seed in enumerate((7, 7, 8))
    ]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


def test_resume_continues_exactly_where_the_checkpoint_was(tmp_path: Path) -> None:
    cfg = dict(max_steps=5, save_every=2, **SMALL)
    straight = ner.main(ner.Config(output=str(tmp_path / "straight"), **cfg))["losses"]

    def crash_after_step_3(*, step: int, **_: object) -> None:
        if step == 3:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C after the step-2 checkpoint

    out = str(tmp_path / "resumed")
    with pytest.raises(KeyboardInterrupt):
        ner.main(ner.Config(output=out, **cfg), progress=crash_after_step_3)
    import torch

    state = torch.load(tmp_path / "resumed/checkpoint/trainer_state.pt", weights_only=True)
    assert state["step"] == 2 and state["losses"] == straight[:2]
    resumed = ner.main(ner.Config(output=out, resume=True, **cfg))

    assert resumed["losses"] == straight
    assert resumed["steps"] == 5


@NEEDS_CRF
def test_crf_head_trains_on_words_with_a_mask_never_minus_100(tmp_path: Path) -> None:
    import torch

    tok = data.wordpiece_tokenizer()
    label2id = {t: i for i, t in enumerate(data.NER_LABELS)}
    feats = ner.encode(data.ner_examples(8), tok, label2id, 64)
    batch = ner.collate(feats, tok.pad_token_id)
    assert (batch["labels"] == -100).any()  # the piece-level labels do carry -100 ...
    assert bool((batch["word_labels"] >= 0).all())  # ... the CRF's word-level tags never do
    assert bool(batch["word_mask"][:, 0].all())  # torchcrf needs the first step unmasked
    assert batch["word_mask"].sum() == sum(len(f["tags"]) for f in feats)

    m = ner.main(ner.Config(output=str(tmp_path / "crf"), crf=True, max_steps=3, **SMALL))
    assert all(torch.isfinite(torch.tensor(m["losses"])))
    # token_mean: the loss is per word, so it starts near ln(7) like cross-entropy does
    assert m["losses"][0] < 2 * m["expected_initial_loss"] + 1
    assert (tmp_path / "crf/checkpoint/crf.safetensors").is_file()


def test_entity_f1_matches_seqeval_on_the_same_predictions(shared_datasets: Path) -> None:
    from seqeval.metrics import f1_score

    gold, sent = [], []
    path = shared_datasets / "wnut17" / "emerging.dev.conll"
    for line in path.read_text(encoding="utf-8").splitlines()[:4000]:
        if line.strip():
            sent.append(line.split("\t")[1])
        elif sent:
            gold.append(sent)
            sent = []
    rng = random.Random(0)
    tags = sorted({t for s in gold for t in s})
    # predictions that are partly right: dropped B- (I- after O), wrong types, shifted ends
    pred = [[rng.choice(tags) if rng.random() < 0.15 else t for t in s] for s in gold]
    ours = ner.entity_f1(gold, pred)
    assert 0.2 < ours["f1"] < 0.95
    assert ours["f1"] == pytest.approx(f1_score(gold, pred), abs=1e-9)
    assert ner.entity_f1(gold, gold)["f1"] == 1.0


def test_pretrained_folder_with_model(tiny_ner_model: Path, tmp_path: Path) -> None:
    # The folder has 5 labels; the embedded data has 7: the head is created fresh for them.
    m = ner.main(
        ner.Config(model=str(tiny_ner_model), output=str(tmp_path / "m"), max_steps=2, **SMALL)
    )
    assert sorted(m["labels"]) == sorted(data.NER_LABELS)
    assert m["lr"] == 5e-5  # the fine-tuning rate for a pretrained model
    assert m["parameters"] < 200_000
    assert not list(tiny_ner_model.glob("bertdoctor-runs*"))  # nothing written into the model


def test_full_default_recipe_passes_on_cpu(tmp_path: Path) -> None:
    out = tmp_path / "default"
    r = bertdoctor(
        "run-recipe", "ner", "--device", "cpu", "--output", str(out), "--json", cwd=tmp_path
    )

    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    report = json.loads(r.stdout)
    (section,) = [s for s in report["sections"] if s["title"] == "Recipe ner"]
    assert section["status"] == "ok" and section["data"]["verdict"] == "PASS"
    assert section["data"]["metric"] >= 0.8  # entity F1 on the held-out sentences
    assert section["data"]["loss_drop"] >= 0.5
    assert report["findings"] == []
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["verdict"] == "PASS" and len(metrics["losses"]) == metrics["steps"]


def test_ddp_with_two_cpu_processes(tmp_path: Path) -> None:
    out = tmp_path / "ddp"
    r = bertdoctor(
        "run-recipe",
        "ner",
        "--nproc",
        "2",
        "--device",
        "cpu",
        "--max-steps",
        "2",
        "--batch-size",
        "8",
        "--output",
        str(out),
        "--json",
        cwd=tmp_path,
    )

    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    report = json.loads(r.stdout)
    data_ = report["sections"][-1]["data"]
    assert data_["processes"] == 2 and data_["steps"] == 2
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["processes"] == 2
    # --batch-size is over all processes: each takes 4 of the 1200 / 2 sentences, so an epoch
    # has the 150 optimizer steps one process with batches of 8 would make
    assert metrics["steps_per_epoch"] == 150


def test_fp16_on_cpu_is_refused_with_bd528(tmp_path: Path) -> None:
    r = bertdoctor(
        "run-recipe",
        "ner",
        "--device",
        "cpu",
        "--precision",
        "fp16",
        "--max-steps",
        "2",
        "--output",
        str(tmp_path / "x"),
        "--json",
        cwd=tmp_path,
    )
    assert r.returncode == 1
    (finding,) = json.loads(r.stdout)["findings"]
    assert finding["code"] == "BD528" and "fp16" in finding["message"]
    assert "Traceback" not in r.stderr


def test_output_inside_the_model_folder_is_refused(tiny_ner_model: Path, tmp_path: Path) -> None:
    r = bertdoctor(
        "run-recipe",
        "ner",
        "--model",
        str(tiny_ner_model),
        "--output",
        str(tiny_ner_model / "run"),
        cwd=tmp_path,
    )
    assert r.returncode == 2
    assert "never writes there" in r.stderr and "Traceback" not in r.stderr
    assert not (tiny_ner_model / "run").exists()


def test_resume_from_the_command_line_takes_the_saved_settings(tmp_path: Path) -> None:
    from bertdoctor.findings import DoctorError
    from bertdoctor.recipe import build_config

    out = tmp_path / "run"
    ner.main(ner.Config(output=str(out), max_steps=2, seed=3, **SMALL))
    cfg = build_config("ner", output=str(out), resume=True, device="cpu", batch_size=None)
    assert (cfg.seed, cfg.train_size, cfg.batch_size, cfg.max_steps) == (3, 96, 16, 2)
    assert cfg.resume is True and cfg.device == "cpu"
    with pytest.raises(DoctorError, match="no checkpoint"):
        build_config("ner", output=str(tmp_path / "empty"), resume=True)


def test_a_word_with_no_word_piece_keeps_the_others_aligned(tiny_ner_model: Path) -> None:
    from bertdoctor.recipes import common

    # WNUT-17 dev has tokens made only of U+FE0F, which an uncased tokenizer drops entirely
    tok = common.load_tokenizer(str(tiny_ner_model))
    sent = data.NerExample(["John", "\ufe0f", "Smith", "flew"], ["B-PER", "O", "B-PER", "O"])
    label2id = {"O": 0, "B-PER": 1, "I-PER": 2, "B-LOC": 3, "I-LOC": 4}
    (feat,) = ner.encode([sent], tok, label2id, 64)

    assert feat["words"] == [0, 2, 3]  # word 1 has no piece and no label
    assert feat["word_labels"] == [1, 1, 0]
    assert [feat["labels"][p] for p in feat["word_index"]] == [1, 1, 0]
    # its gold tag still counts: a missing entity there would lower recall, not vanish
    assert feat["tags"] == sent.tags
