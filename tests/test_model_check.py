"""check-model on tiny real model folders saved by the tests, and broken copies of them."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from tinybert import build_tiny_bert

from bertdoctor.checks.model import check_model_report
from bertdoctor.findings import DoctorError, Severity

FIXTURES = Path(__file__).parent / "fixtures"
NER_LABELS = {0: "O", 1: "B-PER", 2: "I-PER", 3: "B-LOC", 4: "I-LOC"}


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, Path]:
    """Three folders of our own; the NER and classification ones come from conftest."""
    root = tmp_path_factory.mktemp("model-check")
    return {
        "base": build_tiny_bert(root / "base", head="base"),
        "bin": build_tiny_bert(root / "seq-bin", head="sequence", num_labels=3, weights="bin"),
        "cased": build_tiny_bert(root / "cased", head="base", lowercase=False),
    }


def copy(src: Path, tmp_path: Path, name: str = "model") -> Path:
    dst = tmp_path / name
    shutil.copytree(src, dst)
    return dst


def edit_json(path: Path, **changes) -> None:
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def run(path, **kw):
    report = check_model_report(str(path), **kw)
    return report, report.findings


def only(findings, code: str):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [f"{f.code}: {f.message}" for f in findings]
    return found[0]


def codes(findings, *, at_least: Severity = Severity.INFO) -> list[str]:
    return sorted(f.code for f in findings if f.severity.rank <= at_least.rank)


def test_good_folders_have_no_findings(tiny_ner_model, tiny_cls_model, models):
    for folder in (tiny_ner_model, tiny_cls_model, models["base"], models["cased"]):
        report, found = run(folder)
        assert found == [], (folder, [f.message for f in found])
        assert int(report.exit_status) == 0
    report, _ = run(tiny_ner_model, task="ner", num_labels=5)
    section = report.sections[0]
    assert section.data["classifier_outputs"] == 5
    assert section.data["weights"][0]["tensors"] > 10


def test_check_model_writes_nothing(tiny_ner_model):
    before = {p: p.stat().st_mtime_ns for p in tiny_ner_model.rglob("*")}
    run(tiny_ner_model, script=None, task="ner", num_labels=9)
    assert {p: p.stat().st_mtime_ns for p in tiny_ner_model.rglob("*")} == before


# ---------------------------------------------------------------- BD301 model-path-not-found


@pytest.fixture
def project(tmp_path, tiny_ner_model) -> Path:
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    (root / "src" / "train.py").write_text("print('train')\n")
    shutil.copytree(tiny_ner_model, root / "resources" / "bert")
    return root


def test_bd301_says_where_the_path_exists(project, monkeypatch):
    monkeypatch.chdir(project / "src")
    report, found = run("./resources/bert", script="train.py")
    f = only(found, "BD301")
    assert f.severity is Severity.ERROR
    assert "does not exist from the working directory" in f.message
    assert "relative paths resolve against the working directory" in f.message
    assert f"relative to the project root {project.resolve()}" in f.message
    assert "Path(__file__).resolve().parent.parent / 'resources/bert'" in f.fix
    assert report.sections[0].summary == "not found"


def test_bd301_found_relative_to_the_script_folder(project, monkeypatch):
    (project / "src" / "bert").mkdir()
    monkeypatch.chdir(project)
    f = only(run("bert", script="src/train.py")[1], "BD301")
    assert "relative to the script's folder" in f.message
    assert "Path(__file__).resolve().parent / 'bert'" in f.fix


def test_bd301_near_miss_works_from_here_but_not_from_the_script_folder(project, monkeypatch):
    monkeypatch.chdir(project)
    report, found = run("./resources/bert", script="src/train.py")
    f = only(found, "BD301")
    assert f.severity is Severity.WARNING
    assert "exists from" in f.message and "but not from the script's folder src" in f.message
    assert int(report.exit_status) == 0  # the folder itself was checked and is fine


def test_bd301_good_absolute_path(project, monkeypatch):
    monkeypatch.chdir(project / "src")
    assert run(project / "resources" / "bert", script="train.py")[1] == []


def test_bd301_plain_missing_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    f = only(run("./models/bert")[1], "BD301")
    assert "pass the folder that holds config.json" in f.fix


# ---------------------------------------------------------------- BD302 tokenizer-files-missing


def test_bd302_no_tokenizer_files(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    (folder / "vocab.txt").unlink()
    (folder / "tokenizer.json").unlink()
    f = only(run(folder)[1], "BD302")
    assert "no vocab.txt and no tokenizer.json" in f.message
    assert "couldn't find such vocabulary files" in f.message


def test_bd302_empty_vocab(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    (folder / "tokenizer.json").unlink()
    (folder / "vocab.txt").write_text("")
    f = only(run(folder)[1], "BD302")
    assert "vocab.txt is empty (0 bytes)" in f.message
    assert str(f.location).endswith("vocab.txt")


def test_bd302_near_miss_tokenizer_json_alone_is_enough(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    (folder / "vocab.txt").unlink()
    assert run(folder)[1] == []


# ---------------------------------------------------------------- BD303 config-missing-or-invalid


def test_bd303_no_config(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    (folder / "config.json").unlink()
    f = only(run(folder)[1], "BD303")
    assert "has no config.json" in f.message


def test_bd303_invalid_json_names_the_line(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    text = (folder / "config.json").read_text().replace('"hidden_size"', "hidden_size", 1)
    (folder / "config.json").write_text(text)
    f = only(run(folder)[1], "BD303")
    assert "is not valid JSON" in f.message
    line = next(
        i for i, t in enumerate(text.splitlines(), 1) if t.strip().startswith("hidden_size")
    )
    assert f.location.line == line


def test_bd303_other_model_type_is_a_warning(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    edit_json(folder / "config.json", model_type="gpt2")
    f = only(run(folder)[1], "BD303")
    assert f.severity is Severity.WARNING and "'gpt2'" in f.message


def test_bd303_near_miss_roberta_is_bert_family(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    edit_json(folder / "config.json", model_type="roberta")
    found = run(folder)[1]
    assert "BD303" not in codes(found)


# ---------------------------------------------------------------- BD304 weights-missing-or-corrupt


def test_bd304_lfs_pointer(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    shutil.copy(FIXTURES / "BD304" / "lfs_pointer.safetensors", folder / "model.safetensors")
    f = only(run(folder)[1], "BD304")
    assert "is a Git LFS pointer (134 bytes) instead of the weights of 411.6 MB" in f.message
    assert "git lfs pull" in f.fix


def test_bd304_truncated_safetensors(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    data = (folder / "model.safetensors").read_bytes()
    (folder / "model.safetensors").write_bytes(data[: len(data) - 1000])
    f = only(run(folder)[1], "BD304")
    assert f"is truncated: {len(data) - 1000} bytes, the tensors it lists need {len(data)}" in (
        f.message
    )


def test_bd304_header_cut_off(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    data = (folder / "model.safetensors").read_bytes()
    (folder / "model.safetensors").write_bytes(data[:100])
    f = only(run(folder)[1], "BD304")
    assert "its header alone claims" in f.message


def test_bd304_no_weights(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    (folder / "model.safetensors").rename(folder / "best.pt")
    f = only(run(folder)[1], "BD304")
    assert "has no weights file" in f.message
    assert "best.pt are not names from_pretrained looks for" in f.message


def test_bd304_truncated_bin(models, tmp_path):
    folder = copy(models["bin"], tmp_path)
    data = (folder / "pytorch_model.bin").read_bytes()
    (folder / "pytorch_model.bin").write_bytes(data[: len(data) // 2])
    f = only(run(folder)[1], "BD304")
    assert "not a complete torch.save archive" in f.message


def test_bd304_near_miss_bin_weights_read_lazily(models):
    report, found = run(models["bin"])
    assert codes(found) == ["BD314"]
    assert report.sections[0].data["weights"][0]["tensors"] > 10


# ---------------------------------------------------------------- BD305 vocab-size-mismatch


def test_bd305_config_vocab_size_disagrees_with_the_embeddings(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    rows = json.loads((folder / "config.json").read_text())["vocab_size"]
    edit_json(folder / "config.json", vocab_size=rows + 100)
    f = only(run(folder)[1], "BD305")
    assert f"vocab_size={rows + 100} but the embedding matrix in the weights has {rows}" in (
        f.message
    )
    assert f'"vocab_size": {rows}' in f.fix


def test_bd305_tokenizer_larger_than_the_embeddings(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    (folder / "tokenizer.json").unlink()
    rows = len((folder / "vocab.txt").read_text().splitlines())
    with (folder / "vocab.txt").open("a") as f:
        f.write("[ENT]\n[/ENT]\n")
    f = only(run(folder)[1], "BD305")
    assert f"has {rows + 2} pieces but the embedding matrix has {rows} rows" in f.message
    assert f"resize_token_embeddings({rows + 2})" in f.fix


def test_bd305_near_miss_tokenizer_smaller_than_the_embeddings(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    (folder / "tokenizer.json").unlink()
    lines = (folder / "vocab.txt").read_text().splitlines()
    (folder / "vocab.txt").write_text("\n".join(lines[:-10]) + "\n")
    assert "BD305" not in codes(run(folder)[1])


# ---------------------------------------------------------------- BD306 classifier-head-mismatch


def test_bd306_fine_tuned_head_with_other_num_labels(tiny_ner_model):
    report, found = run(tiny_ner_model, task="ner", num_labels=9)
    f = only(found, "BD306")
    assert f.severity is Severity.ERROR
    assert "classifier.weight in the checkpoint has 5 outputs but the task has num_labels=9" in (
        f.message
    )
    assert "fine-tuned (its config names the labels (O, B-PER, I-PER, B-LOC, I-LOC))" in f.message
    assert int(report.exit_status) == 1


def test_bd306_generic_head_is_a_warning(models):
    f = only(run(models["bin"], num_labels=7)[1], "BD306")
    assert f.severity is Severity.WARNING
    assert "generic LABEL_0" in f.message
    assert "ignore_mismatched_sizes=True" in f.fix


def test_bd306_config_contradicts_classifier(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    edit_json(folder / "config.json", id2label={"0": "O", "1": "B-X"}, label2id={"O": 0, "B-X": 1})
    f = only(run(folder)[1], "BD306")
    assert "config.json has 2 labels but classifier.weight has 5 rows" in f.message


def test_bd306_head_of_another_task(tiny_cls_model):
    f = only(run(tiny_cls_model, task="ner", num_labels=2)[1], "BD306")
    assert f.severity is Severity.WARNING
    assert "BertForSequenceClassification, but the task is ner" in f.message


def test_bd306_near_miss_base_model_gets_a_new_head(models):
    report, found = run(models["base"], task="ner", num_labels=9)
    assert codes(found, at_least=Severity.WARNING) == []
    note = only(found, "BD316")
    assert note.severity is Severity.INFO
    assert "harmless here" in note.message
    assert int(report.exit_status) == 0


# ---------------------------------------------------------------- BD307 tensorflow-checkpoint


def test_bd307_google_tf_folder():
    folder = FIXTURES / "BD307" / "uncased_L-2_H-128_A-2"
    report, found = run(folder)
    f = only(found, "BD307")
    assert "original TensorFlow checkpoint" in f.message
    assert "bert_config.json" in f.message
    assert "convert_bert_original_tf_checkpoint_to_pytorch" in f.fix
    assert "bert_model.ckpt" in f.fix
    assert codes(found) == ["BD307"]  # no extra BD303/BD304 noise


def test_bd307_near_miss_converted_folder_that_kept_the_ckpt(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    for p in (FIXTURES / "BD307" / "uncased_L-2_H-128_A-2").glob("bert_model.ckpt*"):
        shutil.copy(p, folder / p.name)
    assert run(folder)[1] == []


# ---------------------------------------------------------------- BD308 hub-id-not-cached


@pytest.fixture
def hub_cache(tmp_path, monkeypatch) -> Path:
    cache = tmp_path / "hub"
    cache.mkdir()
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HOME", "TRANSFORMERS_CACHE",
                "HUGGINGFACE_HUB_CACHE"):  # fmt: skip
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    return cache


def test_bd308_not_cached_online_is_a_warning(hub_cache):
    f = only(run("hfl/chinese-roberta-wwm-ext")[1], "BD308")
    assert f.severity is Severity.WARNING
    assert str(hub_cache) in f.message
    assert "hf download hfl/chinese-roberta-wwm-ext" in f.fix


def test_bd308_not_cached_offline_is_an_error(hub_cache, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    f = only(run("bert-base-chinese")[1], "BD308")
    assert f.severity is Severity.ERROR
    assert "offline mode is on (HF_HUB_OFFLINE=1)" in f.message


def test_bd308_good_cached_snapshot_is_checked(hub_cache, tiny_ner_model):
    repo = hub_cache / "models--hfl--tiny-ner"
    shutil.copytree(tiny_ner_model, repo / "snapshots" / "abc123")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    report, found = run("hfl/tiny-ner", num_labels=5)
    assert found == []
    assert report.sections[0].data["cached_snapshot"].endswith("abc123")


def test_bd308_near_miss_legacy_id_cached_under_its_new_org(hub_cache, tiny_ner_model):
    snap = hub_cache / "models--google-bert--bert-base-chinese" / "snapshots" / "def456"
    shutil.copytree(tiny_ner_model, snap)
    report, found = run("bert-base-chinese")
    assert found == []
    assert report.sections[0].data["folder"] == str(snap)


# ---------------------------------------------------------------- BD309 foreign-path-syntax


def test_bd309_windows_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report, found = run("D:\\models\\bert-base-chinese")
    f = only(found, "BD309")
    assert "a Windows path" in f.message
    assert codes(found) == ["BD309"]


def test_bd309_tilde_is_expanded_and_the_folder_checked(tiny_ner_model, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    shutil.copytree(tiny_ner_model, tmp_path / "models" / "ner")
    report, found = run("~/models/ner")
    f = only(found, "BD309")
    assert "unexpanded `~`" in f.message and "(it exists)" in f.fix
    assert report.sections[0].data["folder"] == str((tmp_path / "models" / "ner").resolve())


def test_bd309_trailing_whitespace(tiny_ner_model):
    f = only(run(f"{tiny_ner_model} ")[1], "BD309")
    assert "leading or trailing whitespace" in f.message


def test_bd309_near_miss_relative_posix_path(tiny_ner_model, monkeypatch):
    monkeypatch.chdir(tiny_ner_model.parent)
    assert run(f"./{tiny_ner_model.name}/")[1] == []


# ---------------------------------------------------------------- BD314 pickle-weights


def test_bd314_bin_only(models):
    f = only(run(models["bin"])[1], "BD314")
    assert f.severity is Severity.WARNING
    assert str(f.location).endswith("pytorch_model.bin")


def test_bd314_near_miss_bin_beside_safetensors(models, tiny_cls_model, tmp_path):
    folder = copy(tiny_cls_model, tmp_path)
    shutil.copy(models["bin"] / "pytorch_model.bin", folder / "pytorch_model.bin")
    assert "BD314" not in codes(run(folder)[1])


# ---------------------------------------------------------------- BD315 tokenizer-casing-mismatch


def test_bd315_cased_vocab_lower_cased(models, tmp_path):
    folder = copy(models["cased"], tmp_path)
    edit_json(folder / "tokenizer_config.json", do_lower_case=True)
    f = only(run(folder)[1], "BD315")
    assert "do_lower_case=true" in f.message and "the vocabulary is cased" in f.message
    assert '"do_lower_case": false' in f.fix


def test_bd315_uncased_vocab_kept_cased(models, tmp_path):
    folder = copy(models["base"], tmp_path)
    edit_json(folder / "tokenizer_config.json", do_lower_case=False)
    f = only(run(folder)[1], "BD315")
    assert "the vocabulary is uncased" in f.message


def test_bd315_near_miss_chinese_vocabulary(models, tmp_path):
    folder = copy(models["base"], tmp_path)
    (folder / "tokenizer.json").unlink()
    chinese = [chr(c) for c in range(0x4E00, 0x4E00 + 200)]
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", *chinese]) + "\n")
    edit_json(folder / "tokenizer_config.json", do_lower_case=False)
    assert "BD315" not in codes(run(folder)[1])


# ---------------------------------------------------------------- BD316 encoder-weights-...


def rewrite_weights(folder: Path, rename) -> None:
    from safetensors.numpy import load_file, save_file

    tensors = load_file(folder / "model.safetensors")
    save_file({rename(k): v for k, v in tensors.items()}, folder / "model.safetensors")


def test_bd316_dataparallel_prefix(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    rewrite_weights(folder, lambda k: "module." + k)
    f = only(run(folder)[1], "BD316")
    assert f.severity is Severity.ERROR
    assert "start with 'module.bert.'" in f.message and "DataParallel" in f.message
    assert "NOT harmless" in f.message
    assert "k.removeprefix('module.')" in f.fix


def test_bd316_wrapper_module_prefix(tiny_ner_model, tmp_path):
    # class Model(nn.Module): self.model = BertModel(...); torch.save(self.state_dict())
    folder = copy(tiny_ner_model, tmp_path)
    rewrite_weights(folder, lambda k: "model." + k.removeprefix("bert."))
    f = only(run(folder)[1], "BD316")
    assert "start with 'model.'" in f.message and "wrapper module" in f.message
    assert "k.removeprefix('model.')" in f.fix


def test_bd316_weights_of_another_architecture(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    rewrite_weights(folder, lambda k: k.replace("bert.embeddings.word_embeddings", "wte"))
    f = only(run(folder)[1], "BD316")
    assert "no bert embeddings" in f.message


def test_bd316_roberta_names_in_a_bert_config(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    rewrite_weights(folder, lambda k: k.replace("bert.", "roberta.", 1))
    f = only(run(folder)[1], "BD316")
    assert "another model type" in f.message and "'bert.'" in f.message


def test_bd316_missing_layers(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    edit_json(folder / "config.json", num_hidden_layers=4)
    f = only(run(folder)[1], "BD316")
    assert "num_hidden_layers=4 but the weights hold layers 0-1 only" in f.message


def test_bd316_near_miss_bare_encoder_names(models):
    # BertModel's names have no "bert." prefix: transformers adds it when loading a task model
    assert run(models["base"])[1] == []


def test_bad_arguments_are_doctor_errors(tiny_ner_model, tmp_path):
    with pytest.raises(DoctorError, match="--task"):
        check_model_report(str(tiny_ner_model), task="pos")
    with pytest.raises(DoctorError, match="--num-labels"):
        check_model_report(str(tiny_ner_model), num_labels=0)
    with pytest.raises(DoctorError, match="--script"):
        check_model_report(str(tiny_ner_model), script=os.fspath(tmp_path / "none.py"))


def test_bd304_whole_pickled_model_is_not_unpickled(tiny_ner_model, tmp_path):
    import torch

    folder = copy(tiny_ner_model, tmp_path)
    (folder / "model.safetensors").unlink()
    torch.save(torch.nn.Linear(2, 2), folder / "pytorch_model.bin")
    f = only(run(folder)[1], "BD304")
    assert "is a pickled Python object (torch.nn.modules.linear.Linear)" in f.message
    assert "weights_only=False" in f.fix


def test_sharded_safetensors_and_a_missing_shard(tiny_ner_model, tmp_path):
    folder = copy(tiny_ner_model, tmp_path)
    shard = "model-00001-of-00002.safetensors"
    (folder / "model.safetensors").rename(folder / shard)
    index = {"metadata": {}, "weight_map": {"bert.embeddings.word_embeddings.weight": shard}}
    (folder / "model.safetensors.index.json").write_text(json.dumps(index))
    report, found = run(folder, num_labels=5)
    assert found == []
    assert report.sections[0].data["weights"][0]["file"].endswith(shard)
    index["weight_map"]["classifier.weight"] = "model-00002-of-00002.safetensors"
    (folder / "model.safetensors.index.json").write_text(json.dumps(index))
    f = only(run(folder)[1], "BD304")
    assert "model-00002-of-00002.safetensors is listed in model.safetensors.index.json" in (
        f.message
    )
