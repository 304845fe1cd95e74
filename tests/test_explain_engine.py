"""explain_text on realistic error texts: the code first, the values quoted, the fix, and no
confident answer on errors it does not know. The fixtures are named CODE__variant.txt (the code
explain must put first) or none__variant.txt (it must say "no known cause")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from explain_expect_more import MORE_EXPECT

from bertdoctor.explain import ExplainReport, explain_text
from bertdoctor.findings import DoctorError, Severity
from bertdoctor.rules import get_rule

FIXTURES = Path(__file__).parent / "fixtures" / "explain"
CASES = sorted(FIXTURES.glob("*.txt"))


def explain_fixture(name: str, **kw) -> ExplainReport:
    return explain_text((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), **kw)


def errors(report: ExplainReport) -> list:
    return [f for f in report.findings if f.severity is Severity.ERROR]


def test_every_issue_code_has_at_least_one_fixture():
    wanted = (
        "BD201 BD202 BD203 BD306 BD301 BD302 BD307 BD308 BD310 BD311 BD401 BD402 BD403 "
        "BD206 BD207 BD208 BD101 BD102 BD104 BD103 BD501 BD406 BD407 BD117 BD222 BD410 "
        "BD411 BD412 BD413 BD414 BD415 BD509"
    ).split()
    have = {p.name.split("__")[0] for p in CASES}
    assert sorted(set(wanted) - have) == []


# fixtures that name an exception's class only in the reporter's prose ("then I got
# ResourceExhaustedError"): no error line, though the word Error is in the text
ERROR_NAMED_IN_PROSE = {
    "BD509__likely-resource-exhausted-named",
    "BD509__likely-resource-exhausted-qualified-name",
}
# a traceback cut before its error line (a paste that stops inside it): no error line either
CUT_BEFORE_ERROR_LINE = {
    "BD206__likely-roberta-token-types-cut",
    "BD208__likely-no-predefined-max-length-then-traceback",
}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_gets_its_code_first_or_no_known_cause(path: Path):
    want = path.name.split("__")[0]
    text = path.read_text(encoding="utf-8")
    report = explain_text(text)
    # a likely cause read from a text without an error line (a log that stops, the reporter's
    # words) is a warning only: exit 0; everything else exits 1
    # a warning-level rule (a schedule that ends early, BD505) read from a log that goes on
    # is not an error either; it is one when an error stopped the run
    no_error_line = path.stem in ERROR_NAMED_IN_PROSE | CUT_BEFORE_ERROR_LINE or not re.search(
        r"Error|Traceback|error:", text
    )
    warning_rule = want != "none" and get_rule(want).severity is Severity.WARNING
    quiet = ("__likely-" in path.name or warning_rule) and no_error_line
    assert report.exit_status == (0 if quiet else 1)
    if want == "none":
        assert not report.recognised and report.findings == []
        assert "no known cause" in report.sections[0].lines[0]
        return
    assert report.recognised
    assert report.findings[0].code == want
    if "__likely-" in path.name or quiet:
        # the text makes the cause likely, not certain: a warning and no confident answer
        assert report.findings[0].severity is Severity.WARNING
        assert errors(report) == []
    else:
        assert [f.code for f in errors(report)] == [want]  # one cause, never two confident
    fix = report.findings[0].fix
    assert fix and "bertdoctor " in fix
    assert fix.count("`") % 2 == 0 and "``" not in fix  # every command is quoted whole


# fixture -> (substrings of the message, substrings of the fix, location)
EXPECT = {
    "BD305__size-mismatch-line-wrapped": (
        ["30522 (bert-base-uncased)", "21128 (bert-base-chinese)"],
        ["from the same checkpoint folder"],
        None,
    ),
    "BD109__bf16-on-v100": (["V100, T4"], ["fp16=True"], "train.py:40"),
    "BD308__old-s3-host-unreachable": (
        ["s3.amazonaws.com", "bert-base-uncased"],
        ["HF_ENDPOINT"],
        None,
    ),
    "BD316__layernorm-gamma-beta-names": (
        ["named gamma/beta", "bert.embeddings.LayerNorm.gamma"],
        ["gamma->weight"],
        None,
    ),
    "BD316__config-deeper-than-checkpoint": (["from 12 on"], ["num_hidden_layers"], "train.py:187"),
    "BD307__torch-load-given-tf-checkpoint-index": (
        ["TensorFlow checkpoint (bert_model.ckpt.index)"],
        ["transformers-cli convert"],
        "load.py:12",
    ),
    "BD308__tokenizer-name-in-its-own-list": (["'dna6'", "lists itself"], ["HF_ENDPOINT"], None),
    "BD301__cant-load-path-with-trailing-comma": (["ends in a stray ','"], ["check-model"], None),
    "BD208__onnx-position-embeddings-broadcast": (["513 > 512"], ["max_length=512"], "embed.py:14"),
    "BD509__onnx-cuda-arena-allocation-failed": (["8388608000 bytes"], ["gpu_mem_limit"], None),
    "BD313__module-missing-imported-by-installed-package": (
        ["installed package pyabsa imports it"],
        ["pip install findfile"],
        "D:\\work\\review\\emotion.py:12",
    ),
    "BD103__rocm-hip-invalid-device-function": (
        ["HSA_OVERRIDE_GFX_VERSION=11.5.0"],
        ["ROCm torch"],
        "fill_mask.py:4",
    ),
    "BD101__cuda-backend-cpu-build": (
        ["aten::empty_strided", "CPU-only"],
        ["cu126"],
        "/content/bert_cls/train.py:58",
    ),
    "BD112__glibcxx-import-torch": (
        ["GLIBCXX_3.4.30", "libstdc++"],
        ["libstdcxx-ng"],
        "train_ner.py:3",
    ),
    "BD306__head-shape-line-only": (
        [
            "classifier.out_proj.weight has 16 outputs",
            "fine-tuned for 16 labels, the code asks for 2",
        ],
        ["ignore_mismatched_sizes=True", "the label count it was saved with"],
        None,
    ),
    "BD208__likely-prefix-tuning-512-vs-492": (
        ["20 virtual tokens", "492"],
        ["max_length=492"],
        "prefix_cls.py:77",
    ),
    "BD501__nan-then-illegal-memory": (
        ["at step 30", "illegal memory access"],
        ["learning rate"],
        "train.py:160",
    ),
    "BD509__tensorflow-oom": (
        ["shape [64,12,512,512]"],
        ["gradient accumulation"],
        "run_classifier.py:981",
    ),
    "BD508__apex-scale-collapse": (["fell to 0.0625", "4 overflow lines"], ["bf16"], None),
    "BD201__tensorflow-crf-gather": (
        ["index 1716", "1681 entries"],
        ["num_tags=len("],
        "train_ner.py:212",
    ),
    "BD306__likely-set-tensor-shape": (["2 outputs", "with 5"], ["num_labels=2"], "predict.py:14"),
    "BD308__old-config-server": (
        ["download of bert-base-uncased"],
        ["HF_ENDPOINT"],
        "run_glue.py:501",
    ),
    "BD112__libcudnn-missing": (["libcudnn.so.8"], ["--index-url"], "train.py:3"),
    "BD201__cpu-target-traceback": (
        ["label id 39", "one past the end"],
        ["num_labels=len(labels)", "bertdoctor check-data"],
        "/home/lw/ner/run_ner.py:168",
    ),
    "BD201__chinese-question": (["label id 21"], ["id2label"], r"E:\code\BERT-NER\train.py:97"),
    "BD201__crf-tag-id": (
        ["tag id 31", "size 23"],
        ["num_tags=len(label_list)"],
        "/home/u/CLUENER/bilstm_crf_pytorch/crf.py:41",
    ),
    "BD202__negative-target": (["label id -1"], ["label2id"], "train.py:77"),
    "BD203__minus-100-with-other-ignore-index": (["-100"], ["ignore_index=-100"], None),
    "BD203__torchcrf": (
        ["index -100", "size 9", "CRF"],
        ["mask=attention_mask.bool()", "check-data TRAIN_FILE", "--crf"],
        "/content/model.py:38",
    ),
    "BD311__likely-curly-quoted-module-zh": (["no module named 'models'"], ["PYTHONPATH"], None),
    "BD216__utf8-decode": (
        ["byte 0xd6 at position 17", "not UTF-8"],
        ["iconv"],
        "D:\\ner\\data_loader.py:18",
    ),
    "BD216__likely-gbk-default-codec": (["gbk", "byte 0x80"], ["encoding='utf-8'"], "train.py:40"),
    "BD217__split-unpack": (
        ["word, tag = line.strip('\\n').split(", "a line with 1 field"],
        ["if not line.strip(): continue"],
        "data.py:16",
    ),
    "BD414__likely-unpack-quoted-call": (["bert(...)"], ["out.logits"], None),
    "BD502__likely-loss-stuck-prose": (["loss is stuck"], ["overfit 10 examples"], None),
    "BD502__likely-loss-stuck-zh": (["loss一直降不下去"], ["2e-5"], None),
    "BD208__labels-longer-than-512": (
        ["lists of 530 and 512"],
        ["labels[:512]", "--max-length 512"],
        "run_ner_crf.py:368",
    ),
    "BD508__nan-after-scale-collapse": (["the loss scale fell to 0.125"], ["torch.finfo"], None),
    "BD221__crf-viterbi-size-0": (["with size 0", "CRF"], ["seq_len of 0"], "train.py:417"),
    "BD405__regression-on-long-labels": (["num_labels=1"], ["num_labels=N >= 2"], "finetune.py:77"),
    "BD402__likely-found-dtype-bare": (["num_labels=1", "BD405"], ["labels.float()"], None),
    "BD104__deserialize-gpu-named": (["RTX 3090 is mentioned"], ["check-env"], "predict.py:12"),
    "BD217__split-unpack-too-many": (
        ["another number of fields"],
        ["split('\\t')"],
        "prepare.py:12",
    ),
    "BD509__gpu-memory-prose": (["eats up all the GPU memory"], ["gradient checkpointing"], None),
    "BD316__checkpoint-key-prefix": (
        ["the prefix `bert.`"],
        ["removeprefix('bert.')"],
        "train.py:88",
    ),
    "BD509__zh-prose": (["the report says '爆显存'"], ["gradient accumulation"], None),
    "BD104__likely-gpu-unused": (
        ["is not using the GPU"],
        ["torch.version.cuda", "nvidia-smi"],
        None,
    ),
    "BD413__forward-space-curly-quotes": (
        ["'output_all_encoded_layers'"],
        ["check-script train.py"],
        "train.py:41",
    ),
    "BD203__likely-crf-mask": (["first time step"], ["mask[:, 0] = True"], "train_bert_crf.py:155"),
    "BD206__token-type-frame": (["token_type_id >= 2"], ["two segments"], "pair_cls.py:90"),
    "BD207__old-torch-table": (["index 21130", "21127 rows"], ["resize_token_embeddings"], None),
    "BD207__word-embeddings-py311": (
        ["vocab_size"],
        ["check-model"],
        "/home/k/proj/finetune.py:51",
    ),
    "BD208__expanded-size": (
        ["583", "512"],
        ["truncation=True, max_length=512", "--max-length 512"],
        "predict.py:23",
    ),
    "BD208__warning-then-index": (["613"], ["truncation=True"], "cls.py:66"),
    "BD208__size-of-tensor": (["1024 > 512"], ["truncation=True"], None),
    "BD222__stack": (
        ["[128] and [96]"],
        ["DataCollatorWithPadding", "DataCollatorForTokenClassification"],
        "train.py:102",
    ),
    "BD222__unable-to-create-tensor": (["`labels`"], ["DataCollatorForTokenClassification"], None),
    "BD301__relative-vocab": (
        ["./bert-base-chinese-local", "does not exist"],
        ["Path(__file__)", "check-model ./bert-base-chinese-local --script"],
        "/home/u/proj/src/train.py:20",
    ),
    "BD301__likely-tokenizer-title-only": (
        ["'./chinese_roberta_model' most likely does not exist"],
        ["check-model ./chinese_roberta_model --script"],
        None,
    ),
    "BD308__offline": (
        ["bert-base-chinese", "huggingface.co"],
        ["hf download ID --local-dir", "check-model bert-base-chinese"],
        "/data/jobs/train.py:12",
    ),
    "BD308__max-retries": (["bert-base-chinese"], ["HF_ENDPOINT"], None),
    "BD309__windows-path-on-linux": (
        [r"D:\models\bert-base-chinese", "Windows path"],
        ["forward slashes"],
        "/home/u/proj/train.py:15",
    ),
    "BD303__config": (["config.json", "./output/checkpoint-500-missing"], ["config.json"], None),
    "BD304__no-weights-in-folder": (["./bert_nowhere"], ["model.safetensors"], None),
    "BD304__lfs-pointer": (["Git LFS pointer"], ["git lfs pull"], None),
    "BD307__tf-checkpoint": (["TensorFlow"], ["transformers-cli convert"], None),
    "BD306__size-mismatch": (
        ["2 outputs", "built with 5"],
        ["ignore_mismatched_sizes=True"],
        "predict.py:18",
    ),
    "BD310__relative-import": (
        ["relative import"],
        ["python -m", "check-imports"],
        "/home/u/bert_ner/models/train.py:5",
    ),
    "BD311__local-module": (
        ["'utils'"],
        ["PYTHONPATH", "check-imports"],
        "/home/u/proj/src/train.py:8",
    ),
    "BD313__torchcrf": (["torchcrf", "pytorch-crf"], ["pip install pytorch-crf"], "bert_crf.py:4"),
    "BD101__cpu-torch": (
        ["CPU-only"],
        ["download.pytorch.org", "check-env"],
        "D:\\nlp\\train.py:25",
    ),
    "BD102__driver": (["11040"], ["check-env"], "train.py:30"),
    "BD103__sm120": (["sm_120", "RTX 5090"], ["cu128", "check-env"], "/home/u/train.py:40"),
    "BD104__invalid-ordinal": (["invalid device ordinal"], ["CUDA_VISIBLE_DEVICES"], None),
    "BD401__wnut-1440": (
        ["1440 = 16 x 90", "90 labels per example"],
        ["AutoModelForTokenClassification"],
        "<ipython-input-12-aa1378d94d0f>:23",
    ),
    "BD401__bce-target-size": (
        ["[8]", "[4]", "2-class head"],
        ["CrossEntropyLoss"],
        "train_multilabel.py:88",
    ),
    "BD405__bce-transformers": (["[16, 3]", "float"], ["torch.long"], None),
    "BD401__mse-warning": (["[32]", "[32, 1]"], ["squeeze(-1)"], None),
    "BD402__long-float": (["Long but found Float"], ["labels.long()"], None),
    "BD402__result-type": (["Long"], ["labels.float()"], None),
    "BD403__expected-target-size": (
        ["(8, 9)", "[8, 128]"],
        ["view(-1, num_labels)"],
        "/home/x/ner/model.py:77",
    ),
    "BD401__flattened-logits": (["2048 = 16 x 128"], ["pooled"], None),
    "BD404__squeeze": (["squeeze()"], ["squeeze(-1)"], None),
    "BD406__no-grad-fn": (["without a graph"], ["no_grad"], "train.py:141"),
    "BD407__overlap": (["one-hot"], ["F.one_hot"], "train.py:58"),
    "BD410__fgm": (["FGM"], ["loss.item()"], "run_fgm.py:210"),
    "BD411__same-device": (["cuda:0 and cpu"], ["v.to(device)"], "train.py:75"),
    "BD412__inplace": (["in place"], ["set_detect_anomaly"], None),
    "BD413__forward-kwarg": (
        ["'label'", "Use labels"],
        ["check-script"],
        "/home/u/cls/train.py:66",
    ),
    "BD413__likely-training-arguments": (["eval_strategy"], ["transformers version"], None),
    "BD413__bare-model-labels": (["'labels'", "bare BertModel"], ["check-script"], None),
    "BD401__bce-columns": (["36 columns", "6 outputs"], ["num_labels=36"], None),
    "BD308__curly-quotes-chinese": (["bert-base-chinese"], ["check-model bert-base-chinese"], None),
    "BD117__cuda-assert-only": (["t >= 0 && t < n_classes"], ["CUDA_LAUNCH_BLOCKING=1"], None),
    "BD411__torch2-index-on-cpu": (["cpu and cuda:0"], ["v.to(device)"], None),
    "BD414__loss-string": (["string 'loss'"], ["out.loss"], "train.py:71"),
    "BD413__distilbert-token-types": (["return_token_type_ids=False"], ["check-script"], None),
    "BD308__hub-id-no-config": (["bert-base-chinese"], ["hf download"], None),
    "BD501__grad-norm-nan": (["line 2", "grad_norm"], ["check-run"], None),
    "BD306__transformers5-load-report": (
        ["classifier.weight has 3 outputs", "built with 5", "num_labels=5"],
        ["ignore_mismatched_sizes=True"],
        "/home/u/cls/predict.py:12",
    ),
    "BD308__transformers5-offline": (
        ["bert-base-chinese"],
        ["hf download"],
        "/home/u/ner/train.py:31",
    ),
    "BD301__transformers5-repo-id": (["./bert-missing"], ["--script"], "/home/u/ner/train.py:18"),
    "BD304__transformers5-no-weights": (
        ["'./cfgonly' exists"],
        ["model.safetensors"],
        "/home/u/ner/train.py:20",
    ),
    "BD309__transformers5-windows-path": (
        [r"D:\models\bert-base-chinese"],
        ["forward"],
        "/home/u/ner/train.py:15",
    ),
    "BD414__unpack-hidden-states": (["ModelOutput"], ["out.loss"], "train.py:58"),
    "BD112__winerror-126": (["fbgemm.dll"], ["Visual C++"], "D:\\ner\\train.py:1"),
    "BD112__numpy2": (["NumPy 2"], ["numpy<2"], None),
    "BD401__bce-old-nelement": (["32 label values for 64 predictions"], ["multi-hot"], None),
    "BD401__bce-old-target-size-deprecated": (["[32]", "[32, 2]"], ["squeeze(-1)"], "train.py:120"),
    "BD316__module-prefix": (["module."], ["model.module.state_dict()"], "predict.py:30"),
    "BD104__likely-deserialize": (
        ["is_available() is False"],
        ["map_location='cpu'"],
        "predict.py:12",
    ),
    "BD302__vocab-file-none": (["vocab.txt"], ["save_pretrained"], "train.py:22"),
    "BD509__accelerate-launch": (
        ["1.50 GiB", "11.72 GiB"],
        ["gradient"],
        "/home/u/cls/train.py:96",
    ),
    "BD509__dataparallel-replica": (["192.00 MiB"], ["max_length"], "run_ner.py:240"),
    "BD203__dataloader-worker-torchrun": (["size 13"], ["--crf"], "/workspace/ner/model.py:44"),
    "BD205__label-map-keyerror": (
        ["label '2'", "label_map[example.label]"],
        ["sorted(set(labels))"],
        "run_classifier.py:417",
    ),
    "BD413__tokenizer-warning": (["{'num_classes': 5}"], ["num_labels=N"], None),
    "BD414__pooled-str": (["pooler_output"], ["out.pooler_output"], "model.py:30"),
    "BD414__tuple-logits": (["return_dict=False"], ["outputs[0]"], None),
    "BD415__trainer": (["input_ids,token_type_ids,attention_mask"], ["labels"], None),
    "BD501__loop-log-chinese": (["line 4", "step 300"], ["check-run"], None),
    "BD501__trainer-log": (["line 3"], ["GradScaler"], None),
    "BD509__new-oom-other-process": (
        ["384.00 MiB", "23.65 GiB", "pid 48812"],
        ["gradient accumulation"],
        "/home/u/train.py:120",
    ),
    "BD509__old-oom": (["96.00 MiB", "7.79 GiB", "13.31 MiB"], ["max_length"], None),
    "BD117__cublas-exec": (
        ["CUBLAS_STATUS_EXECUTION_FAILED", "index out of range"],
        ["CUDA_LAUNCH_BLOCKING=1", 'CUDA_VISIBLE_DEVICES=""', "bertdoctor check-data"],
        None,
    ),
    "BD117__illegal-memory": (
        ["illegal memory access"],
        ["CUDA_LAUNCH_BLOCKING=1 python train.py"],
        "train.py:140",
    ),
    # readings of the twelfth and thirteenth held-out rounds: the values read, the concrete fix
    "BD202__ktrain-targets-negative": (
        ["3 distinct values", "the largest is 1", "at least 1 of them is negative"],
        ["0..N-1"],
        "train.py:21",
    ),
    "BD213__likely-ktrain-targets-missing-class": (
        ["1 distinct", "2 classes"],
        ["every class"],
        None,
    ),
    "BD217__label-holds-token-tab-tag": (
        ["'Peter\\tB-PER'", "a token, a tab and a tag"],
        ["line.split('\\t')"],
        "/home/u/ner/preprocess.py:92",
    ),
    "BD401__keras-target-output-shape": (["(None, 1)", "(None, 4)"], ["to_categorical"], None),
    "BD401__batch-size-translated-zh": (["64 = 16 x 4"], ["AutoModelForTokenClassification"], None),
    "BD509__tpu-hbm": (["the TPU ran out of memory"], ["smaller batch size"], None),
    "BD411__lstm-hidden-device": (
        ["cuda:1 and cuda:0"],
        [".to(device)"],
        "/home/u/ner/model.py:61",
    ),
    "BD302__likely-listing-vocab-download-name": (
        ["bert-base-cased-vocab.txt"],
        ["rename bert-base-cased-vocab.txt to vocab.txt"],
        None,
    ),
    "BD208__likely-size-a-512-b-701": (["701 tokens", "holds 512"], ["max_length=512"], None),
    "BD208__likely-empty-subtokens-over-512": (
        ["512 sub-tokens"],
        ["--max-length 512"],
        "train.py:88",
    ),
    "BD210__likely-bare-tags-f1-zero": (["PER, LOC next to O"], ["B-ORG"], None),
    "BD315__likely-unk-cased-model": (["cased model"], ["do_lower_case=False"], None),
    "BD304__git-lfs-message": (["Git LFS pointer"], ["git lfs pull"], None),
    "BD106__save-state-warning": (["SAVE_STATE_WARNING"], ["upgrade transformers"], "train.py:3"),
    "BD308__likely-download-prose-ssl": (
        ["bert-base-chinese could not be downloaded"],
        ["HF_ENDPOINT"],
        None,
    ),
    "BD505__t-total-exceeded": (["t_total optimizer steps"], ["len(train_dataloader)"], None),
    "BD112__python-symbol-missing": (["PySlice_Unpack"], ["made for this Python"], None),
    "BD317__source-not-utf8": (["line 74", "\\xd6"], ["coding: gbk"], "predict.py:74"),
    "BD401__expected-target-size-extra-axis": (
        ["[72, C, 1]"],
        ["logits.squeeze(-1)"],
        "train.py:177",
    ),
    "BD305__tf-assign-vocab-rows": (["30522 (bert-base-uncased)", "21128"], ["vocab.txt"], None),
    "BD301__likely-tf-checkpoint-wrapped-path": (
        ["'C:\\Users\\Administrator\\Desktop\\ner_project\\albert_small_zh_google'"],
        ["albert_model.ckpt.index"],
        None,
    ),
    "BD301__model-name-list-local-checkpoint-url": (
        ["'outputs/checkpoint-3183' is not a folder"],
        ["check-model outputs/checkpoint-3183"],
        None,
    ),
    "BD310__main-not-a-package-markdown-space": (
        ["tokenizer.py is run as a script"],
        ["check-imports tokenizer.py"],
        None,
    ),
    "BD217__likely-tsv-row-short": (
        ["line[1]", "fewer columns"],
        ["text<TAB>label"],
        "/content/re/data_processor.py:139",
    ),
    "BD411__cat-received-cpu-and-cuda": (
        ["(cpu and cuda:0)"],
        ["device=x.device"],
        "/content/heads/classification.py:80",
    ),
    "BD503__likely-loss-spike-prose": (["suddenly the loss increase"], ["clip_grad_norm_"], None),
    "BD305__likely-vocab-size-prose": (["8021 entries", "config 21128"], ["vocab.txt"], None),
    "BD316__likely-missing-encoder-keys": (
        ["embeddings.word_embeddings.weight"],
        ["weights_only=True"],
        "run_classifier_ensemble.py:704",
    ),
    "BD303__likely-config-missing-sizes": (
        ["'vocab_size'"],
        ["converter"],
        "task_sentiment_classification_xlnet.py:64",
    ),
    "BD402__crf-tags-uint8-as-mask": (
        ["uint8 (byte) tags", "boolean mask"],
        ["dtype=torch.long"],
        None,
    ),
    "BD205__keyerror-in-worker-reraised": (
        ["label '35'", "label_map[example.label]"],
        ["sorted(set(labels))"],
        "run_finetune.py:760",
    ),
    "BD303__likely-folder-name-holds-another-model-type": (
        ["IBertModel", "contains 'ibert'"],
        ['"model_type": "bert"'],
        None,
    ),
    "BD207__likely-ids-max-over-vocab-prose": (["50264", "vocab_size is 30522"], ["resize"], None),
    "BD313__likely-pip-installed-other-python": (
        ["pyltp", "pip installing it"],
        ["python -m pip"],
        "segment.py:3",
    ),
    "BD305__mlm-decoder-bias-size-mismatch": (["31090 tokens", "31092"], ["same checkpoint"], None),
    "BD301__bare-name-without-hyphen": (
        ["the folder 'mbert' does not exist"],
        ["absolute"],
        "run_xquad.py:235",
    ),
    "BD302__tokenizer-not-saved-with-model": (
        ["model.save_pretrained"],
        ["tokenizer.save_pretrained"],
        None,
    ),
    "BD315__likely-uncased-vocab-case-kept-unk": (["[UNK]", "uncased"], ["lower-case"], None),
    "BD302__fast-tokenizer-file-missing": (["tokenizer.json"], ["use_fast=False"], None),
    "BD211__likely-emoji-encoded-as-unk": (["emoji"], ["vocabulary covers"], None),
    "BD117__misaligned-address": (
        ["CUDA error: misaligned address: an error"],
        ["CUDA_LAUNCH_BLOCKING=1"],
        None,
    ),
    "BD302__likely-longformer-tokenizer-bert-vocab": (
        ["BERT's vocab.txt", "vocab.json and merges.txt"],
        ["BertTokenizer"],
        "load_zh.py:3",
    ),
    "BD302__likely-hub-repo-autotokenizer-vocab-none": (
        ["someorg/distilbert-base-japanese", "another kind"],
        ["model card"],
        None,
    ),
    "BD316__encoder-weights-not-used-prefix": (
        ["LongformerModel", "roberta.embeddings.word_embeddings.weight", "prefix `roberta.`"],
        ["class it was saved from"],
        None,
    ),
    "BD305__size-mismatch-no-space": (["31090 tokens", "30522"], [], "decode.py:316"),
    "BD208__numpy-pad-negative-max-seq-len": (
        ["`max_seq_len - adj.shape[0]` is negative"],
        ["truncate every sequence"],
        "data_utils_bert.py:183",
    ),
    "BD217__assert-len-splits": (
        ["`assert len(splits) == 2` failed", "the 2 fields"],
        ["placeholder label"],
        "run_seq_labeling.py:701",
    ),
    "BD217__json-decode-reraised-worker": (
        ["json.JSONDecodeError", "doc and pos"],
        ["num_workers=0"],
        "common/trainer.py:101",
    ),
    "BD213__roc-auc-one-class": (["only one"], ["stratify"], "pybert/train/metrics.py:300"),
    "BD313__requires-detectron2": (["LayoutLMv2Model needs detectron2"], ["detectron2"], None),
    "BD313__fugashi-needed-for-mecab": (["MecabTokenizer needs fugashi"], ["pip install"], None),
    "BD313__unidic-lite-installed-elsewhere": (
        ["unidic_lite", "another Python"],
        ["python -m pip install unidic-lite"],
        None,
    ),
    "BD313__no-module-kobert": (
        ["kobert", "SKTBrain/KoBERT"],
        [],
        "<ipython-input-5-8d24c3e1e15c>:1",
    ),
    "BD112__libtorch-cuda-undefined-nccl-symbol": (
        ["libtorch_cuda", "ncclCommInitRankConfig from NCCL"],
        ["--force-reinstall torch"],
        "Cell In[1]:1",
    ),
    "BD106__likely-library-imports-name-torch-lacks": (
        ["simpletransformers imports amp from torch.cuda"],
        ["simpletransformers asks for"],
        "finetune.py:35",
    ),
    "BD401__tf-loss-mul-dimensions": (
        ["(loss/mul) gets 17 classes on one side and 11"],
        ["num_labels = len(label_list)", "--num-labels 11"],
        None,
    ),
    "BD401__likely-tf-loss-reshape-divisible": (["15 classes", "and 11"], [], None),
    "BD402__bce-exp-out-long": (["_th_exp_out", "integers (Long)"], ["labels.float()"], None),
    "BD307__convert-given-folder-not-prefix": (
        ["folder chinese_L-12_H-768_A-12 as --tf_checkpoint_path"],
        ["--tf_checkpoint_path chinese_L-12_H-768_A-12/bert_model.ckpt"],
        None,
    ),
    "BD312__tensorboard-py-shadows-package": (
        ["/home/u/projects/classify/tensorboard.py", "'tensorboard'"],
        ["rename"],
        "/home/u/projects/classify/tensorboard.py:3",
    ),
    "BD301__hub-404-folder-trailing-slash": (
        ["'pretrained/biobert_v1.1/' is a folder path"],
        [],
        None,
    ),
    "BD206__likely-ort-gather-token-type": (["index 101", "2 rows", "token type"], ["int64"], None),
    "BD305__bart-final-logits-bias": (
        ["final_logits_bias", "50265", "50300"],
        ["same checkpoint"],
        "bin/predict.py:88",
    ),
    "BD302__autotokenizer-chose-class-local-folder": (
        ["chose a tokenizer class", "'./pretrained_models/bert-prosody-zh'"],
        ["tokenizer"],
        "/home/lin/tts/prepare/get_text.py:40",
    ),
    "BD112__likely-torch-no-grad-missing": (
        ["'no_grad'", "not a working torch"],
        ["torch.__file__"],
        "D:\\work\\toxic\\app.py:3",
    ),
    "BD205__keyerror-label-map-during-handling": (
        ["'B-MISC'", "label2id[l]"],
        ["sorted(set(labels))"],
        "/home/u/ner/data.py:40",
    ),
    "BD205__label-list-index-not-in-list": (
        ["'B-PERSON'", "`label_list.index(tag)`"],
        ["label2id[tag]"],
        "/data/ner/data_utils.py:40",
    ),
    "BD205__label-not-in-label-dict-message": (
        ['"contradiction"', "label_dict"],
        ["sorted(set(...))"],
        "/home/u/prompt/data.py:61",
    ),
    "BD205__sklearn-previously-unseen-labels": (
        ["'cad'", "fitted on the training data"],
        ["every split"],
        "train_bert_cls.py:58",
    ),
    "BD313__likely-streamlit-redacted-no-module": (
        ["import of transformers", "requirements.txt"],
        ["add transformers", "requirements.txt"],
        "/mount/src/bert-sentiment/app.py:3",
    ),
    "BD208__likely-buffer-sliced-to-max-len": (
        ["364", "310", "`self.randomAttention[:, :, :max_seq_len, :max_seq_len]`"],
        ["truncate the inputs to 310 tokens"],
        "D:\\ner\\Modules\\AdaptSelfAttention.py:87",
    ),
    "BD209__likely-crf-index-broadcast-tags": (
        ["[589]", "[563]", "tags[i, : lens_[i]]"],
        ["len(tags) == len(tokens)"],
        "/home/u/bilstm_crf_pytorch/crf.py:149",
    ),
    "BD301__likely-hub-401-tokenizer-folder-name": (
        ["'protein-tokenizer'", "401"],
        ["absolute path"],
        None,
    ),
    "BD411__rich-wrapped-device-mismatch": (
        ["cuda:0 and cpu"],
        [".to("],
        None,
    ),
    "BD509__likely-tf-dst-tensor-not-initialized": (
        ["Dst tensor is not initialized"],
        ["set_memory_growth"],
        None,
    ),
    "BD301__could-not-find-checkpoint-relative": (
        ["'bleurt/test_checkpoint'", "working directory"],
        ["download and unpack the checkpoint"],
        "<stdin>:1",
    ),
    "BD309__could-not-find-checkpoint-backspace": (
        ["'D:\\models\\bleurt-base-128'", "a backspace"],
        ["a raw string", "bertdoctor check-model D:\\models\\bleurt-base-128`"],
        None,
    ),
    "BD307__hub-module-google-checkpoint-folder": (
        ["'/data/bert/uncased_L-12_H-768_A-12'", "not a TF-Hub module"],
        ["TF-Hub version"],
        "test.py:5",
    ),
    "BD304__likely-tf-checkpoint-not-an-sstable": (
        ["model.ckpt.data-00000-of-00001", "not an sstable"],
        ["compare the file's size"],
        None,
    ),
    "BD112__likely-no-module-torch-c": (
        ["torch._C"],
        ["pip uninstall torch"],
        "detector/server.py:8",
    ),
    "BD303__likely-model-name-list-config-missing-prose": (
        ["'phrase.json is missing'"],
        ["config file"],
        None,
    ),
    "BD302__tf-vocab-in-working-directory": (
        ["./vocab.txt", "working directory has no vocab.txt"],
        ["--vocab_file"],
        "run_bert_coqa.py:22",
    ),
    "BD312__module-is-not-a-package": (
        ["'kobert.utils'", "'kobert' is not a package", "kobert.py"],
        ["rename kobert.py"],
        "/Users/u/projects/kobert.py:3",
    ),
    "BD302__likely-sentencepiece-not-a-string": (
        ["not a string", "AlbertTokenizer", "'model'"],
        ["spiece.model"],
        "<ipython-input-5-bd6f95c71348>:1",
    ),
    "BD308__likely-hub-429-too-many-requests": (
        ["429", "Unbabel/wmt22-comet-da"],
        ["retry later"],
        None,
    ),
    "BD301__likely-sbert-ukp-404-local-folder": (
        ["'output/training_nli'", "404"],
        ["modules.json"],
        None,
    ),
    "BD316__likely-incompatible-keys-encoder": (
        ["strict=False", "bert.embeddings.LayerNorm.weight"],
        ["strict=True"],
        None,
    ),
    "BD201__torchmetrics-highest-label": (
        ["torchmetrics", "num_labels=2"],
        ["num_labels=len(labels)"],
        None,
    ),
    "BD208__likely-attention-mask-512-vs-chunk": (
        ["512 positions", "a mask of 22"],
        ["max_length=512", "--max-length 512"],
        None,
    ),
    "BD208__likely-student-position-table-64": (
        ["500 tokens", "holds 64"],
        ["max_length=64", "--max-length 64"],
        None,
    ),
    "BD211__likely-a-lot-of-unk-prose": (
        ["[UNK] ('getting a lot of UNK')", "vocabulary does not cover the text"],
        ["covers the language"],
        None,
    ),
    "BD302__likely-unable-to-parse-tokenizer-config": (
        ["tokenizer_config.json", "'models/base'"],
        ["tokenizer.save_pretrained(folder)", "check-model models/base"],
        "ltp_test.py:3",
    ),
    "BD303__likely-no-such-file-unquoted-config": (
        ["no config.json in 'data/model/backbones/bert-base-multilingual-cased'"],
        ["check-model data/model/backbones/bert-base-multilingual-cased"],
        None,
    ),
    "BD304__likely-weights-only-unsupported-operand-118": (
        ["Git LFS pointer"],
        ["git lfs pull"],
        None,
    ),
    "BD308__ssl-max-retries-message-cut": (
        ["huggingface.co", "not in the local cache"],
        ["--local-dir"],
        None,
    ),
    "BD316__likely-missing-keys-list-cut": (
        ["BERT model", "the list is not in the text"],
        ["gamma->weight"],
        "run_classifier.py:512",
    ),
    "BD316__likely-missing-keys-roberta-position-ids-first": (
        ["embeddings.word_embeddings.weight"],
        ["rename them to the model's"],
        None,
    ),
    "BD414__likely-outputs-are-strings-prose": (
        ["loss and logits are just strings", "ModelOutput"],
        ["out.loss, out.logits", "return_dict=False"],
        None,
    ),
    "BD501__nan-values-start-appearing-prose": (
        [
            "the report says 'NaN values start appearing after a few thousand steps'",
            "NaN or infinite",
        ],
        ["GradScaler"],
        None,
    ),
    "BD312__likely-json-no-loads": (
        ["imported as json", "'loads'", "json.py or json/ folder"],
        ["print(json.__file__)"],
        "/home/ming/ner/train.py:31",
    ),
    "BD312__likely-unidic-no-dicdir": (
        ["'DICDIR'", "unidic.py or unidic/ folder"],
        ["print(unidic.__file__)"],
        None,
    ),
    "BD312__likely-torch-attr-missing-one-folder": (
        ["'manual_seed'", "only from one folder"],
        ["torch.__file__"],
        None,
    ),
    "BD301__not-valid-identifier-quoted-without-name": (
        ["'my_bert_ckpt'"],
        ["bertdoctor check-model my_bert_ckpt"],
        None,
    ),
    "BD304__allennlp-archive-unexpected-eof": (
        ["torch could not read the weights", "truncated"],
        ["download the weights again"],
        "predict.py:30",
    ),
    "BD304__lfs-pointer-text-format-parse": (["Git LFS pointer", "column 9"], ["git lfs"], None),
    "BD308__likely-bare-name-not-an-ownerless-hub-model": (
        ["'bert-base-arabic-camelbert-mix'"],
        ["check-model bert-base-arabic-camelbert-mix"],
        None,
    ),
    "BD302__likely-bpe-class-on-sentencepiece-checkpoint": (
        ["SentencePiece", "vocab.json"],
        ["XLMRobertaTokenizer"],
        None,
    ),
    "BD303__cut-exception-line-whole-in-title": (
        ["'/home/ana/models/legal-bert'", "exists"],
        ["config.json"],
        None,
    ),
    "BD304__likely-tf-class-hub-repo-without-tf-weights": (
        ["'someuser/bert-base-legal-cased'", "tf_model.h5"],
        ["from_pt=True"],
        None,
    ),
    "BD411__dataparallel-device-1-does-not-equal-0": (
        ["cuda:1 and cuda:0", "DataParallel"],
        ["register_buffer"],
        "train.py:88",
    ),
    "BD103__tensorrt-cuda-failure-209": (
        ["209", "cudaErrorNoKernelImageForDevice"],
        ["TORCH_CUDA_ARCH_LIST"],
        None,
    ),
    "BD301__hub-404-absolute-local-path": (
        ["'/home/lee/pretrained/bert_chinese'", "absolute path"],
        ["check-model /home/lee/pretrained/bert_chinese"],
        None,
    ),
    "BD308__likely-hub-500-server-error": (
        ["uer/roberta-base-finetuned-jd-binary-chinese", "server error"],
        ["retry later", "check-model uer/roberta-base-finetuned-jd-binary-chinese"],
        None,
    ),
    "BD305__keras-layer-weight-shape-vocab-rows": (
        ["21128 (bert-base-chinese)", "119547"],
        ["vocab.txt"],
        "main.py:80",
    ),
    "BD306__keras-layer-weight-shape-label-count": (
        ["3 labels", "built with 7"],
        ["3 labels"],
        "predict.py:31",
    ),
    "BD301__likely-empty-folder-variable-vocab-path": (
        ["'/vocab.txt'", "empty folder part"],
        ["export BERT_DIR=", "check-script run_classifier.py"],
        "run_classifier.py:410",
    ),
    "BD307__tfbertmodel-tf1-checkpoint-load-weights": (
        ["bert_model.ckpt", "tf_model.h5"],
        ["from_pt=True"],
        None,
    ),
    "BD308__likely-offline-machine-prose": (["offline server"], ["bertdoctor check-model"], None),
    "BD216__keyerror-label-carriage-return": (
        ["carriage return", "CRLF"],
        ["rstrip"],
        "run_re.py:212",
    ),
    "BD222__likely-resize-storage-not-resizable": (
        ["num_workers > 0", "different lengths"],
        ["DataCollatorWithPadding"],
        "main.py:120",
    ),
    "BD509__likely-memory-overflow-zh-gpu-named": (
        ["内存溢出"],
        ["smaller batch size", "gradient checkpointing"],
        None,
    ),
    "BD208__onnxruntime-text-longer-than-512": (
        ["1377 tokens", "1377 > 512"],
        ["truncation=True, max_length=512"],
        "embed_docs.py:44",
    ),
}


assert not set(EXPECT) & set(MORE_EXPECT)
EXPECT.update(MORE_EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_message_quotes_the_values_and_the_fix_is_concrete(name: str):
    msg_parts, fix_parts, location = EXPECT[name]
    finding = explain_fixture(name).findings[0]
    assert finding.code == name.split("__")[0]
    for part in msg_parts:
        assert part in finding.message, (part, finding.message)
    for part in fix_parts:
        assert part in finding.fix, (part, finding.fix)
    # None: the error has no frame of the user's code, and no line is claimed for it
    assert (str(finding.location) if finding.location else None) == location


def test_pattern_names_are_unique():
    from bertdoctor.explain.patterns import PATTERNS

    names = [p.name for p in PATTERNS]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_oom_fix_lists_the_remedies_in_order_of_ease():
    fix = explain_fixture("BD509__old-oom").findings[0].fix
    steps = ["smaller batch size", "max_length", "bf16", "gradient checkpointing"]
    assert [fix.index(s) for s in steps] == sorted(fix.index(s) for s in steps)


def test_cuda_assert_lists_the_likely_causes_and_names_the_kernels_cause():
    report = explain_fixture("BD117__embedding-assert")
    first, *rest = report.findings
    assert first.code == "BD117" and "srcIndex < srcSelectDimSize" in first.message
    causes = report.sections[0].data["causes"]
    assert "max_position_embeddings" in causes[0] and len(causes) == 3
    # the tokenizer's warning earlier in the log says which embedding: a warning, not an error
    assert [(f.code, f.severity.value) for f in rest] == [("BD208", "warning")]
    assert "731" in rest[0].message


def test_cuda_assert_from_the_loss_kernel_puts_labels_first():
    text = (
        "/opt/conda/conda-bld/pytorch_1634272168290/work/aten/src/ATen/native/cuda/Loss.cu:247: "
        "nll_loss_forward_reduce_cuda_kernel_2d: block: [0,0,0], thread: [5,0,0] Assertion "
        "`t >= 0 && t < n_classes` failed.\n"
        "Traceback (most recent call last):\n"
        '  File "D:\\ner\\train.py", line 57, in <module>\n'
        "    loss.backward()\n"
        "RuntimeError: CUDA error: device-side assert triggered\n"
    )
    report = explain_text(text)
    first = report.findings[0]
    assert first.code == "BD117" and "t >= 0 && t < n_classes" in first.message
    assert report.sections[0].data["causes"][0].startswith("a label id >= num_labels")
    assert report.findings[1].code == "BD201" and report.findings[1].severity.value == "warning"
    # a Windows traceback gets the cmd.exe form of the commands
    assert "set CUDA_LAUNCH_BLOCKING=1" in first.fix and r"python D:\ner\train.py" in first.fix


def test_only_the_assertion_lines_still_name_the_opaque_error():
    text = (
        "../aten/src/ATen/native/cuda/Indexing.cu:1146: indexSelectLargeIndex: block: "
        "[5,0,0], thread: [0,0,0] Assertion `srcIndex < srcSelectDimSize` failed.\n"
    )
    report = explain_text(text)
    assert [f.code for f in errors(report)] == ["BD117"]


def test_the_newly_initialised_head_is_a_note_not_a_finding():
    report = explain_fixture("BD201__cpu-target-traceback")
    assert [f.code for f in report.findings] == ["BD201"]
    assert "classifier head of BertForTokenClassification" in report.sections[0].data["notes"][0]


def test_prose_quotes_read_a_wrapped_line_as_one():
    text = "text-embeddings-inference fails to start: the model has no\ntokenizer.json file.\n"
    (finding,) = explain_text(text).findings
    assert finding.code == "BD302"
    assert "('no tokenizer.json')" in finding.message


def test_newly_initialised_buffers_and_output_bias_are_a_note_that_says_so():
    text = (
        "WARNING:transformers.modeling_utils:Some weights of RobertaForMaskedLM were not "
        "initialized from the model checkpoint at roberta-base and are newly initialized: "
        "['roberta.embeddings.position_ids', 'lm_head.decoder.bias']\n"
        "You should probably TRAIN this model on a down-stream task to be able to use it for "
        "predictions and inference.\n"
    )
    report = explain_text(text)
    assert report.findings == [] and report.exit_status == 0
    (note,) = report.sections[0].data["notes"]
    assert "lists only buffers or biases" in note
    assert "roberta.embeddings.position_ids, lm_head.decoder.bias" in note
    assert "classifier head" not in note


def test_newly_initialised_encoder_weights_are_bd316():
    text = (
        "Some weights of BertForSequenceClassification were not initialized from the model "
        "checkpoint at ./my_pretrained and are newly initialized: ['bert.embeddings.word_"
        "embeddings.weight', 'bert.encoder.layer.0.attention.self.query.weight', "
        "'classifier.weight']\n"
    )
    report = explain_text(text)
    assert report.recognised and report.findings[0].code == "BD316"
    assert "bert.embeddings.word_embeddings.weight" in report.findings[0].message


def test_a_warning_alone_is_recognised_with_exit_0():
    text = (
        "Token indices sequence length is longer than the specified maximum sequence length "
        "for this model (1021 > 512). Running this sequence through the model will result in "
        "indexing errors\n"
    )
    report = explain_text(text)
    assert report.recognised and report.exit_status == 0
    assert [(f.code, f.severity.value) for f in report.findings] == [("BD208", "warning")]
    assert "1021" in report.findings[0].message


def test_the_tokenizer_warning_explains_a_later_out_of_range_label():
    text = (
        "Keyword arguments {'num_labels': 7} not recognized.\n"
        "IndexError: Target 5 is out of bounds.\n"
    )
    first = explain_text(text).findings[0]
    assert first.code == "BD201" and "kept its default of 2" in first.message


def test_a_pasted_traceback_indented_as_a_markdown_block_is_read():
    text = "\n".join(
        "    " + line for line in (FIXTURES / "BD411__same-device.txt").read_text().splitlines()
    )
    report = explain_text(text)
    assert report.findings[0].code == "BD411" and str(report.findings[0].location) == "train.py:75"


def test_error_words_in_quoted_source_lines_are_not_the_error():
    text = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 9, in <module>\n'
        '    print("CUDA out of memory? Target 3 is out of bounds?", data["x"])\n'
        "KeyError: 'x'\n"
    )
    report = explain_text(text)
    assert not report.recognised and report.findings == []


def test_chained_traceback_keeps_the_cause():
    text = (
        "Traceback (most recent call last):\n"
        '  File "/usr/lib/python3.10/site-packages/huggingface_hub/utils/_validators.py", '
        "line 160, in validate_repo_id\n"
        "huggingface_hub.errors.HFValidationError: Repo id must be in the form 'repo_name' or "
        "'namespace/repo_name': '/data/models/bert-gone'. Use `repo_type` argument if needed.\n"
        "\n"
        "The above exception was the direct cause of the following exception:\n"
        "\n"
        "Traceback (most recent call last):\n"
        '  File "/data/jobs/run.py", line 7, in <module>\n'
        "    tok = AutoTokenizer.from_pretrained('/data/models/bert-gone')\n"
        "OSError: Incorrect path_or_model_id: '/data/models/bert-gone'. Please provide either "
        "the path to a local folder or the repo_id of a model on the Hub.\n"
    )
    first = explain_text(text).findings[0]
    assert first.code == "BD301" and "/data/models/bert-gone" in first.message
    assert str(first.location) == "/data/jobs/run.py:7"


def test_index_out_of_bounds_without_labels_in_sight_is_only_a_hint():
    text = "IndexError: index 7 is out of bounds for dimension 0 with size 7\n"
    report = explain_text(text)
    assert not report.recognised and report.findings == []
    assert any("BD201" in h for h in report.sections[0].data["hints"])


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("ImportError: cannot import name 'AdamW' from 'transformers'", "torch.optim.AdamW"),
        (
            "AttributeError: 'BertTokenizerFast' object has no attribute 'batch_encode_plus'",
            "gone in transformers 5",
        ),
        ("SyntaxError: invalid syntax", "check-script"),
        (
            "ModuleNotFoundError: No module named 'transformers.modeling_bert'",
            "transformers.models.bert.modeling_bert",
        ),
        (
            "ModuleNotFoundError: No module named 'pytorch_transformers.modeling'",
            "another version of that library",
        ),
        (
            "python run_ner.py --init_checkpoint=$DIR/model.ckpt-1000.data-00000-of-00001\n"
            "DataLossError: Unable to open table file $DIR/model.ckpt-1000.data-00000-of-00001: "
            "Data loss: not an sstable (bad magic number)",
            "give the checkpoint's prefix (model.ckpt",
        ),
    ],
)
def test_version_and_code_errors_get_a_hint_not_a_cause(text: str, hint: str):
    report = explain_text(text)
    assert not report.recognised and report.findings == []
    assert any(hint in h for h in report.sections[0].data["hints"])


def test_size_mismatch_that_is_not_512_is_not_called_a_long_sequence():
    report = explain_text(
        "RuntimeError: The size of tensor a (64) must match the size of "
        "tensor b (32) at non-singleton dimension 1\n"
    )
    assert not report.recognised


# --model: the numbers of the error compared with the folder's config.json


def write_model(folder: Path, **config) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    base = {
        "model_type": "bert",
        "vocab_size": 21128,
        "max_position_embeddings": 512,
        "type_vocab_size": 2,
    }
    base.update(config)
    (folder / "config.json").write_text(json.dumps(base), encoding="utf-8")
    return folder


def test_model_num_labels_equal_to_the_target_is_an_off_by_one(tmp_path: Path):
    labels = {str(i): f"TAG{i}" for i in range(39)}
    model = write_model(tmp_path / "ner", id2label=labels)
    first = explain_text("IndexError: Target 39 is out of bounds.", model=str(model)).findings[0]
    assert first.code == "BD201"
    assert "num_labels=39" in first.message and "one past the end" in first.message
    assert "ids must run 0..38" in first.message and f"{model}/config.json" in first.message
    assert f"--model {model}" in first.fix


def test_model_with_default_labels_never_got_num_labels(tmp_path: Path):
    model = write_model(tmp_path / "cls", id2label={"0": "LABEL_0", "1": "LABEL_1"})
    first = explain_text("IndexError: Target 4 is out of bounds.", model=str(model)).findings[0]
    assert first.code == "BD201" and "default 2 labels" in first.message


def test_model_max_positions_turn_a_shape_error_into_bd208(tmp_path: Path):
    text = (
        "RuntimeError: The size of tensor a (300) must match the size of tensor b (256) at "
        "non-singleton dimension 1\n"
    )
    assert not explain_text(text).recognised  # 256 alone proves nothing
    model = write_model(tmp_path / "small", max_position_embeddings=256)
    first = explain_text(text, model=str(model)).findings[0]
    assert first.code == "BD208" and "300 > 256" in first.message


def test_model_max_positions_tell_labels_cut_at_that_length_from_unpadded_lists(tmp_path: Path):
    text = "ValueError: expected sequence of length 430 at dim 1 (got 384)\n"
    assert explain_text(text).findings[0].code == "BD222"  # 384 alone is not a max length
    model = write_model(tmp_path / "long", max_position_embeddings=384)
    first = explain_text(text, model=str(model)).findings[0]
    assert first.code == "BD208" and "lists of 430 and 384" in first.message
    assert "labels[:384]" in first.fix


def test_model_vocab_larger_than_the_embedding_names_the_ids(tmp_path: Path):
    model = write_model(tmp_path / "vocab", vocab_size=100)
    (model / "vocab.txt").write_text("".join(f"tok{i}\n" for i in range(103)), encoding="utf-8")
    first = explain_fixture("BD207__word-embeddings-py311", model=str(model)).findings[0]
    assert first.code == "BD207"
    assert "vocab.txt has 103 tokens and config.json vocab_size=100" in first.message


def test_model_type_vocab_size_is_quoted(tmp_path: Path):
    model = write_model(tmp_path / "roberta", type_vocab_size=1)
    first = explain_fixture("BD206__token-type-frame", model=str(model)).findings[0]
    assert first.code == "BD206" and "has 1 row and a token_type_id >= 1" in first.message


def test_model_that_is_not_a_folder_cannot_run(tmp_path: Path):
    with pytest.raises(DoctorError, match="no such model folder"):
        explain_text("x", model=str(tmp_path / "missing"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(DoctorError, match="no config.json"):
        explain_text("x", model=str(tmp_path / "empty"))


# folders that exist from where bertdoctor runs: the message says what is missing in them


def test_existing_folder_without_vocab_is_bd302(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_model(tmp_path / "bert")
    text = (
        "OSError: Can't load tokenizer for './bert'. If you were trying to load it from "
        "'https://huggingface.co/models', make sure you don't have a local directory with the "
        "same name. Otherwise, make sure './bert' is the correct path to a directory "
        "containing all relevant files for a BertTokenizerFast tokenizer.\n"
    )
    first = explain_text(text).findings[0]
    assert first.code == "BD302" and "vocab.txt" in first.message
    # the same folder with its vocab.txt: the script ran from another working directory
    (tmp_path / "bert" / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
    first = explain_text(text).findings[0]
    assert first.code == "BD301" and "another working directory" in first.message


def test_a_builder_that_raises_is_bd000_and_the_next_pattern_is_tried(monkeypatch):
    import dataclasses

    from bertdoctor.explain import engine

    text = "ValueError: Expected input batch_size (16) to match target batch_size (1440)."
    good = engine.explain_text(text)
    first = good.findings[0].code

    def boom(hit, scan):
        raise ZeroDivisionError("a bug in a pattern")

    broken = tuple(
        dataclasses.replace(p, build=boom) if p.code == first and p.build else p
        for p in engine.PATTERNS
    )
    monkeypatch.setattr(engine, "PATTERNS", broken)
    report = engine.explain_text(text)
    crash = [f for f in report.findings if f.code == "BD000"]
    assert crash and "crashed with ZeroDivisionError: a bug in a pattern" in crash[0].message
    assert "Traceback" in crash[0].detail
    assert report.exit_status == 1  # nothing else explained it: never a traceback, never exit 2


def test_a_likely_cause_the_text_does_not_settle_is_a_warning_not_an_error():
    report = explain_text("AttributeError: 'NoneType' object has no attribute 'tokenize'\n")
    first = report.findings[0]
    assert first.code == "BD302" and first.severity is Severity.WARNING
    assert not errors(report)
    assert report.exit_status == 1  # the run still failed


def test_an_index_error_in_the_scripts_own_embedding_is_a_likely_bd207_not_bd208():
    text = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 14, in <module>\n'
        "    out = model(src, tgt)\n"
        '  File "/usr/lib/python3.10/site-packages/torch/nn/functional.py", line 2551, in '
        "embedding\n"
        "    return torch.embedding(weight, input, padding_idx, scale_grad_by_freq, sparse)\n"
        "IndexError: index out of range in self\n"
    )
    report = explain_text(text)
    assert report.findings[0].code == "BD207" and not errors(report)


def test_a_package_shadowed_by_a_file_is_bd312_but_the_projects_own_cycle_is_not():
    shadow = (
        "ImportError: cannot import name 'AutoModel' from partially initialized module "
        "'transformers' (most likely due to a circular import) (/home/me/app/transformers.py)\n"
    )
    first = explain_text(shadow).findings[0]
    assert first.code == "BD312" and first.severity is Severity.ERROR
    cycle = (
        "ImportError: cannot import name 'Net' from partially initialized module 'models' "
        "(most likely due to a circular import) (/home/me/app/models.py)\n"
    )
    assert not explain_text(cycle).recognised
    library = (
        "ImportError: cannot import name 'GenerateOutput' from partially initialized module "
        "'transformers.generation.utils' (most likely due to a circular import) "
        "(/usr/lib/python3.10/site-packages/transformers/generation/utils.py)\n"
    )
    assert not errors(explain_text(library))


def test_a_json_error_reading_the_model_config_is_bd303_and_a_data_file_is_nothing():
    config = (
        '  File "/x/pytorch_pretrained/modeling.py", line 208, in from_json_file\n'
        "    return cls.from_dict(json.loads(text))\n"
        "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n"
    )
    assert explain_text(config).findings[0].code == "BD303"
    data = (
        '  File "main.py", line 149, in main\n'
        "    train_data = [json.loads(d) for d in train_data]\n"
        "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n"
    )
    assert not explain_text(data).recognised


def test_a_script_named_like_a_module_is_bd312_but_a_projects_own_module_is_not():
    shadow = (
        "Traceback (most recent call last):\n"
        '  File "random.py", line 1, in <module>\n'
        "    import torch\n"
        '  File "/usr/lib/python3.10/site-packages/torch/__init__.py", line 3, in <module>\n'
        "    import random\n"
        "AttributeError: module 'random' has no attribute 'getrandbits'\n"
    )
    assert explain_text(shadow).findings[0].code == "BD312"
    own = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 5, in <module>\n'
        "    from datasets import NerDataset\n"
        '  File "/home/me/proj/datasets/__init__.py", line 2, in <module>\n'
        "    from .ner import NerDatset\n"
        "ImportError: cannot import name 'NerDatset' from 'datasets.ner'\n"
    )
    assert not errors(explain_text(own))


def test_a_missing_folder_the_reporter_says_exists_is_a_likely_missing_file_not_bd301():
    text = (
        "OSError: Can't load tokenizer for './robert_pretrain_model'\n"
        "I have downloaded the model files and put them in the folder, and the folder exists.\n"
    )
    report = explain_text(text)
    assert report.findings[0].code == "BD302" and not errors(report)


@pytest.mark.parametrize(
    ("warning", "code", "quoted"),
    [
        (
            "UserWarning: NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible "
            "with the current PyTorch installation.",
            "BD103",
            "UserWarning: NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible "
            "with the current PyTorch installation.",
        ),
        (
            "UserWarning: CUDA initialization: The NVIDIA driver on your system is too old "
            "(found version 11040).",
            "BD102",
            "NVIDIA driver on your system is too old (found version 11040)",
        ),
    ],
)
def test_torchs_machine_warnings_before_another_error_are_quoted_as_context(warning, code, quoted):
    log = (
        f"{warning}\n"
        "Traceback (most recent call last):\n"
        '  File "train.py", line 40, in <module>\n'
        "    loss.backward()\n"
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 384.00 MiB.\n"
    )
    report = explain_text(log)
    assert report.findings[0].code == "BD509"
    [context] = [f for f in report.findings if f.code == code]
    assert context.severity.value == "warning"
    assert context.message == f"torch warned: {quoted}"
    assert context.fix == "`bertdoctor check-env`"


def test_a_cpu_build_without_a_gpu_in_sight_is_only_the_likely_cause():
    # the near miss of BD101__cpu-torch: the same traceback, but nothing says the machine has
    # an NVIDIA GPU (code that asks for cuda on a laptop gives the same text)
    text = (FIXTURES / "BD101__cpu-torch.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    report = explain_text(text)
    [f] = report.findings
    assert (f.code, f.severity) == ("BD101", Severity.WARNING)
    assert "if this machine has no NVIDIA GPU" in f.message
    assert errors(report) == []
    gpu = explain_text("My RTX 3080 is not used:\nPyTorch version: 2.0.0+cpu\n")
    assert [(f.code, f.severity) for f in gpu.findings] == [("BD101", Severity.ERROR)]
    assert "(RTX 3080 is mentioned)" in gpu.findings[0].message
    # a CPU build on a machine without a GPU is no fault at all
    assert not explain_text("PyTorch version: 2.0.0+cpu\nIs CUDA available: False\n").recognised


def test_a_paste_cut_inside_its_last_traceback_is_read_from_the_reporters_title():
    text = (
        "chatglm-6b is not a local folder and is not a valid model identifier listed on "
        "'https://huggingface.co/models'\n\n"
        "HTTPError                                 Traceback (most recent call last)\n"
        "File /usr/lib/python3.10/site-packages/requests/models.py:1021, in raise_for_status\n"
        "HTTPError: 401 Client Error: Unauthorized for url: "
        "https://huggingface.co/chatglm-6b/resolve/main/tokenizer_config.json\n\n"
        "The above exception was the direct cause of the following exception:\n\n"
        "RepositoryNotFoundError                   Traceback (most recent call last)\n"
    )
    report = explain_text(text)
    assert report.findings[0].code == "BD301"
    assert "'chatglm-6b'" in report.findings[0].message
    # a log longer than the tail that is searched is not read from its first line
    long = text.replace("\n\nHTTPError", "\n" + "step 1 loss 0.5\n" * 5000 + "HTTPError", 1)
    assert not explain_text(long).recognised


def test_old_file_not_found_means_the_folder_was_there():
    # transformers 2-3 joins config.json to the path only for a folder: the file is missing,
    # even when the folder's name reads like a Hub id
    report = explain_text("OSError: file bert_pretrained/config.json not found\n")
    [f] = report.findings
    assert (f.code, f.severity) == ("BD303", Severity.ERROR)
    # the same words as a bare log line (the library may go on): the likely cause only
    logged = explain_text("file /work/models/en-fr/vocab/config.json not found\n" * 2)
    assert [(f.code, f.severity) for f in logged.findings] == [("BD303", Severity.WARNING)]


def test_a_file_that_imports_itself_shadows_the_package():
    tb = (
        "Traceback (most recent call last):\n"
        '  File "/Users/me/Desktop/trankit.py", line 1, in <module>\n'
        "    from trankit import Pipeline\n"
        '  File "/Users/me/Desktop/trankit.py", line 1, in <module>\n'
        "    from trankit import Pipeline\n"
        "ImportError: cannot import name 'Pipeline' from partially initialized module 'trankit' "
        "(most likely due to a circular import) (/Users/me/Desktop/trankit.py)\n"
    )
    [f] = explain_text(tb).findings
    assert (f.code, f.severity) == ("BD312", Severity.ERROR)
    # an unknown name without the self-import: likely, not sure (two modules of the project
    # importing each other read the same)
    one = tb.splitlines()[-1]
    [g] = explain_text(one).findings
    assert (g.code, g.severity) == ("BD312", Severity.WARNING)
    # a name projects give their own modules: their circular import, no finding
    own = one.replace("trankit", "utils")
    assert not explain_text(own).recognised


def test_nan_in_the_reporters_words_and_near_misses():
    [f] = explain_text("With fp16=True the loss will return nan after a few steps.").findings
    assert f.code == "BD501"
    assert not explain_text(
        "ValueError: Input contains NaN, infinity or a value too large."
    ).findings
    assert not explain_text("The accuracy column is nan for the test split.").recognised


def test_device_side_assert_with_many_classes_in_the_text_suspects_num_labels():
    text = (
        "I am trying to do a multiclass classification, but I get:\n"
        "RuntimeError: CUDA error: device-side assert triggered\n"
    )
    codes = [(f.code, f.severity) for f in explain_text(text).findings]
    assert codes == [("BD117", Severity.ERROR), ("BD201", Severity.WARNING)]
    two = text.replace("a multiclass classification", "a binary classification")
    assert [f.code for f in explain_text(two).findings] == ["BD117"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # old torch prints the last index of the table: 511 "rows" are the 512 positions
        (
            "index out of range: Tried to access index 512 out of table with 511 rows.",
            "BD208",
        ),
        (
            "index out of range: Tried to access index 513 out of table with 512 rows.",
            "BD208",
        ),
        (
            "index out of range: Tried to access index 21128 out of table with 21127 rows.",
            "BD207",
        ),
        (
            "index out of range: Tried to access index -28619 out of table with 119546 rows.",
            "BD207",
        ),
        ("InvalidArgumentError: indices[5,0] = 102 is not in [0, 2)", "BD206"),
    ],
)
def test_embedding_tables_are_told_apart_by_their_rows(text: str, code: str):
    assert explain_text(text).findings[0].code == code


@pytest.mark.parametrize(
    "name, suspect",
    [
        ("BD117__crf-minus-100-words", "BD203"),  # a CRF and -100 in the words
        ("BD117__embedding-assert-vocab-size-words", "BD207"),  # the config's vocab_size
        ("BD117__embedding-assert", "BD208"),  # the embedding assertion alone: positions first
    ],
)
def test_an_opaque_assert_names_the_suspect_the_text_points_at(name: str, suspect: str):
    report = explain_fixture(name)
    codes = [f.code for f in report.findings]
    assert codes[0] == "BD117"
    assert suspect in codes[1:]
    assert all(f.severity is Severity.WARNING for f in report.findings[1:])


def test_relative_import_beyond_top_level_quotes_the_import_and_its_absolute_form():
    text = (FIXTURES / "BD318__python-m-linux.txt").read_text()
    [f] = explain_text(text).findings
    assert f.code == "BD318"
    assert f.message.startswith(
        "`from ..utils.metrics import f1_score` in /home/zhang/bert-ner/ner/predict.py has more "
        "dots than the package its module runs in"
    )
    assert "(`from utils.metrics import f1_score`)" in f.fix
    bare = "ImportError: attempted relative import beyond top-level package"
    [f] = explain_text(bare).findings
    assert (f.code, f.message.split(" has ")[0]) == ("BD318", "A relative import")
    no_parent = bare.replace("beyond top-level package", "with no known parent package")
    assert [f.code for f in explain_text(no_parent).findings] == ["BD310"]


def test_an_absolute_model_path_that_is_missing_is_not_blamed_on_the_working_directory():
    # "Can't load tokenizer" is also what a folder without the tokenizer files gives, so for
    # another machine's absolute path the missing folder is the likelier cause, not a sure one
    line = (
        "OSError: Can't load tokenizer for '{p}'. If you were trying to load it from "
        "'https://huggingface.co/models', make sure you don't have a local directory with the "
        "same name. Otherwise, make sure '{p}' is the correct path to a directory containing "
        "all relevant files for a BertTokenizer tokenizer."
    )
    for path in ("D:/models/bert-base-chinese", "/data/nobody/bert-base-chinese"):
        [f] = explain_text(line.format(p=path)).findings
        assert f.code == "BD301" and f.severity is Severity.WARNING
        assert (
            f"'{path}' most likely does not exist (an absolute path, so the working directory"
            in f.message
        )
        assert f.message.endswith("or it exists there without the tokenizer files (BD302).")
        assert f.fix.startswith("check the path on the machine that runs the script")
    [f] = explain_text(line.format(p="models/bert-base-chinese")).findings
    assert f.code == "BD301"
    assert "does not exist from the working directory the script ran in" in f.message
    assert f.fix.startswith(
        "use an absolute path, or build it from the script's folder: "
        "Path(__file__).resolve().parent / 'models/bert-base-chinese'"
    )
    # the fix joins the path as written, without its ./, to the script's folder
    [f] = explain_text(line.format(p="./checkpoints/ner_model/")).findings
    assert "Path(__file__).resolve().parent / 'checkpoints/ner_model'" in f.fix


def test_a_cuda_wording_outside_the_known_list_is_quoted_once():
    # "CUDA error: misaligned address" is read from the error line itself, without its prefix
    # twice ("CUDA error: CUDA error: ...")
    message = explain_fixture("BD117__misaligned-address").findings[0].message
    assert message.startswith("CUDA error: misaligned address: ")
    assert message.count("CUDA error:") == 1


def test_a_keyword_renamed_between_versions_without_frames_is_only_likely():
    # `tokenizer(..., use_auth_token=...)` and a library built for an older transformers both
    # end in _batch_encode_plus: without a frame to show who passed it, likely only; the
    # user's own call in the traceback makes it sure
    line = (
        "TypeError: PreTrainedTokenizerFast._batch_encode_plus() got an unexpected keyword "
        "argument 'use_auth_token'"
    )
    [f] = explain_text(line).findings
    assert (f.code, f.severity) == ("BD413", Severity.WARNING)
    assert "Use token." in f.message
    user = (
        "Traceback (most recent call last):\n"
        '  File "/home/u/cls/predict.py", line 12, in <module>\n'
        "    enc = tokenizer(texts, padding=True, use_auth_token=True)\n"
        + line.replace("_batch_encode_plus", "__call__")
        + "\n"
    )
    [g] = explain_text(user).findings
    assert (g.code, g.severity) == ("BD413", Severity.ERROR)


def test_keras_one_hot_width_against_the_head_and_its_near_miss():
    text = (
        "ValueError: Error when checking target: expected dense_5 to have shape (1998,) but got "
        "array with shape (1639,)"
    )
    [f] = explain_text(text).findings
    assert (f.code, f.severity) == ("BD205", Severity.ERROR)
    assert "1998 classes" in f.message and "one-hot rows of 1639" in f.message
    # the same width is no label-set mismatch (Keras then fails for another reason): no answer
    same = text.replace("(1639,)", "(1998,)")
    assert not explain_text(same).recognised
    # Keras's check of the inputs is not the labels'
    inputs = text.replace("checking target", "checking input")
    assert not explain_text(inputs).recognised


def test_an_argparse_error_stops_the_reading_of_the_words_around_it():
    listing = "The folder holds bert_model.ckpt.index and bert_model.ckpt.meta.\n"
    assert explain_text(listing).findings[0].code == "BD307"
    stopped = listing + "train.py: error: unrecognized arguments: --bert_model bert-base-chinese\n"
    assert not explain_text(stopped).recognised


def test_a_reshaped_embedding_reads_the_rows_from_the_values_and_its_near_miss():
    line = "ValueError: cannot reshape array of size 30708480 into shape (40000,768)"
    [f] = explain_text(line).findings
    assert f.code == "BD305" and "39985 rows of 768" in f.message
    # the same number of rows, or no hidden size of an encoder: no vocabulary question
    assert not explain_text(line.replace("(40000,768)", "(39985,768)")).recognised
    assert not explain_text(line.replace("(40000,768)", "(40000,777)")).recognised


def test_tf2_restore_blames_google_checkpoint_only_when_the_text_shows_one():
    err = "AssertionError: Some objects had attributes which were not restored: <tf.Variable>"
    assert [f.code for f in explain_text(err).findings] == []
    shown = "checkpoint.read('uncased_L-12_H-768_A-12/bert_model.ckpt')\n" + err
    assert [f.code for f in explain_text(shown).findings] == ["BD307"]


def test_class_weight_makes_a_small_gather_a_label_and_its_near_miss():
    err = "InvalidArgumentError: indices[3] = 65 is not in [0, 65)\n\t [[{{node GatherV2}}]]\n"
    assert explain_text(err).findings[0].code == "BD207"  # a small vocabulary, no weights
    weighted = "model.fit(x, y, class_weight=cw)\n" + err
    assert explain_text(weighted).findings[0].code == "BD201"


def test_a_reporter_naming_the_assert_it_crashed_at_stops_the_context_readings():
    warning = (
        "UserWarning: CUDA initialization: Found no NVIDIA driver on your system. Please check "
        "that you have an NVIDIA GPU and installed a driver\n"
    )
    assert explain_text(warning).findings[0].code == "BD104"
    said = "It crashes at `assert len(tokens) == len(labels)` in the reader.\n" + warning
    assert not explain_text(said).recognised


def test_a_sentence_pair_batch_longer_than_max_length_is_the_tokens_not_the_labels():
    err = "ValueError: expected sequence of length 128 at dim 1 (got 314)"
    pair = "Fine-tuning on QQP with the GLUE example.\n" + err
    [f] = explain_text(pair).findings
    assert (f.code, f.severity) == ("BD208", Severity.WARNING)
    assert "did not truncate it" in f.message
    # a tagging task: the label ids built beside the tokens are what was left long
    ner = "Fine-tuning NER on GLUE-style files; label_ids padded by hand.\n" + err
    [g] = explain_text(ner).findings
    assert (g.code, g.severity) == ("BD208", Severity.ERROR)
    assert "label ids" in g.message


def test_review_mends_each_read_what_their_comments_say():
    # `ray` of a task queue, not the end of np.array: a DataLoader worker's fork is still BD606
    arr = (
        "x = np.array(batch)\nloader = DataLoader(ds, num_workers=4)\n"
        "RuntimeError: Cannot re-initialize CUDA in forked subprocess."
    )
    assert explain_text(arr).findings[0].code == "BD606"
    assert not explain_text("ray.init()\n" + arr).recognised
    # the Trainer table's accuracy is named only for the table, not for "Precision: 0.0"
    words = explain_text("NER with BIO tags. Precision: 0.0, recall: 0.0").findings[0]
    assert words.code == "BD510" and "Trainer's table" not in words.message
    # "ids larger than the vocab size" without the word repeated later on the line
    ids = explain_text("token ids larger than the vocab size make it crash").findings[0]
    assert (ids.code, ids.severity) == ("BD207", Severity.WARNING)
    # "not found in the label list" and "not in the tag list" reach their pattern
    for said in (
        'ValueError: label "neutral" is not found in the label list',
        'ValueError: tag "B-X" not in the tag list',
    ):
        assert explain_text(said).findings[0].code == "BD205"
    # a supporting finding for ignored tokenizer keywords reads them as the answer would
    kw = (
        "Keyword arguments {'pad_to_max_len': True} not recognized.\n"
        "Traceback (most recent call last):\n"
        '  File "train.py", line 30, in <module>\n'
        "    loss = loss_fct(logits.view(-1, 2), labels.view(-1))\n"
        "IndexError: Target 4 is out of bounds."
    )
    codes = {f.code: f for f in explain_text(kw).findings}
    assert "padding='max_length'" in codes["BD413"].fix and "num_labels" not in codes["BD413"].fix
    # a QA head's shape line alone, and gpt2 as a known Hub name
    qa = (
        "- qa_outputs.weight: found shape torch.Size([3, 768]) in the checkpoint and "
        "torch.Size([2, 768]) in the model instantiated"
    )
    assert explain_text(qa).findings[0].code == "BD306"
    gpt2 = (
        "OSError: Can't load config for 'gpt2'. Make sure that 'gpt2' is a correct model "
        "identifier. I have internet connection."
    )
    assert explain_text(gpt2).findings[0].code == "BD308"


def test_token_types_refused_or_deleted_are_not_the_overflowing_table():
    # the model refused token_type_ids (a BART model has no token types) and the reporter
    # deleted them: the index error that follows cannot be the token type table's
    text = (
        "outputs = model(**inputs) raises\n"
        "TypeError: BartModel.forward() got an unexpected keyword argument 'token_type_ids'\n"
        "so I removed them with del(inputs['token_type_ids']) and then:\n"
        "IndexError: index out of range in self\n"
    )
    [f] = explain_text(text).findings
    # the tables left: a long sequence first, as a likely answer only
    assert (f.code, f.severity) == ("BD208", Severity.WARNING)
    # near miss: token types the reporter measured at 2 are the token type table's
    kept = "I checked and max(token_type_ids) is 2.\nIndexError: index out of range in self\n"
    assert explain_text(kept).findings[0].code == "BD206"


def test_a_speech_model_fine_tuned_with_ctc_is_not_called_tokenizer_less():
    # wav2vec2-large-xlsr-53 is pretrained on audio alone and ships no vocab.json; a checkpoint
    # fine-tuned with CTC (-960h) has one, so failing to load it is the Hub's, not the files'
    line = (
        "OSError: Can't load tokenizer for '{m}'. Make sure that:\n"
        "- '{m}' is a correct model identifier listed on 'https://huggingface.co/models'\n"
    )
    [f] = explain_text(line.format(m="facebook/wav2vec2-large-xlsr-53")).findings
    assert (f.code, f.severity) == ("BD302", Severity.WARNING)
    [f] = explain_text(line.format(m="facebook/wav2vec2-base-960h")).findings
    assert f.code == "BD308"


def test_a_nan_the_reporter_saw_is_sure_and_an_exploding_loss_they_guess_is_a_likely_spike():
    seen = "After 800 steps the loss becomes nan and stays there."
    guessed = "After 800 steps the accuracy drops; I think the loss might be exploding."
    [f] = explain_text(seen).findings
    assert (f.code, f.severity) == ("BD501", Severity.ERROR)
    assert f.message.startswith("the report says 'loss becomes nan and stays there'")
    # an exploding loss is a jump of the loss (BD503), not a NaN; guessed, it is likely only
    [f] = explain_text(guessed).findings
    assert (f.code, f.severity) == ("BD503", Severity.WARNING)
    assert "('loss might be exploding')" in f.message


def test_the_failing_line_is_found_under_python_311_markers_of_either_kind():
    # Python 3.11 underlines the failing expression with ^^^ or with ~~~^^^: both are marks,
    # not the source line the readings look at
    text = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 40, in <module>\n'
        "    idx = label_list.index(tag)\n"
        "          {marks}\n"
        "ValueError: 'B-XYZ' is not in list\n"
    )
    for marks in ("^^^^^^^^^^^^^^^^^^^^^", "~~~~~~~~~~~~~~~~^^^^^"):
        [f] = explain_text(text.format(marks=marks)).findings
        assert f.code == "BD205" and "label_list.index(tag)" in f.message


@pytest.mark.parametrize(
    "call",
    [
        "tokenizer(q, ctx, Doc_Stride=128, truncation='only_second')",
        "tokenizer(q, ctx, stride=128, return_overflowing_tokens=True)",
        "python run_squad.py --doc_stride 128 --max_seq_length 384",
        "chunks = split(text, sliding_window=True)",
    ],
)
def test_a_long_text_cut_into_windows_is_no_sequence_too_long(call: str):
    warning = (
        "Token indices sequence length is longer than the specified maximum sequence length "
        "for this model (1203 > 512). Running this sequence through the model will result in "
        "indexing errors\n"
    )
    error = "KeyError: 'answers'\n"
    plain = explain_text(warning + error)
    windowed = explain_text(call + "\n" + warning + error)
    [f] = plain.findings
    assert f.code == "BD208" and "a sequence of 1203 tokens > 512" in f.message
    assert windowed.findings == []


def test_an_out_of_memory_error_the_reporter_avoided_is_not_the_cause():
    avoided = (
        "With batch size 4 I don't get the out-of-memory error any more, but training is slow."
    )
    assert explain_text(avoided).findings == []
    # near miss: avoided at one size, met at another: the clause that names it decides
    met = "with batch size 64 I do not get OOM but with 128 I got OOM errors"
    [f] = explain_text(met).findings
    assert (f.code, f.severity) == ("BD509", Severity.WARNING)


def test_a_device_side_assert_in_words_is_likely_and_its_near_misses_are_not():
    said = "Training stops with a CUDA device side assert error after a few batches."
    [f] = explain_text(said).findings
    assert (f.code, f.severity) == ("BD117", Severity.WARNING)
    assert "('device side assert') without its error text" in f.message
    # torch 2's hint under every CUDA error, and a reporter ruling the assert out
    for words in (
        "Compile with `TORCH_USE_CUDA_DSA` to enable device-side assertions.",
        "It is not a device-side assert, the GPU just hangs.",
    ):
        assert not explain_text(words).recognised, words


def test_the_gpu_assert_leads_the_cpu_index_error_only_when_it_was_the_reporters():
    cpu = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 9, in <module>\n'
        "    out = model(ids)\n"
        "IndexError: index out of range in self\n"
    )
    seen = "On the GPU: RuntimeError: CUDA error: device-side assert triggered\nOn the CPU:\n"
    report = explain_text(seen + cpu)
    first, supporting = report.findings
    assert first.code == "BD117" and "`index out of range in self`" in first.message
    assert report.sections[0].lines[:2] == [
        "likely causes, in order:",
        "  1. a sequence longer than max_position_embeddings (512): no truncation (BD208)",
    ]
    # the index error is named as the cause beside it, by its own words (no CUDA assertion)
    assert supporting.code == "BD208" and supporting.message.startswith("line 6 names the cause")
    # the words in a program's INFO record are no assert the run met: the CPU's error alone
    faq = "INFO 'CUDA error: device-side assert triggered' hides an index\n"
    alone = [f.code for f in explain_text(cpu).findings]
    assert [f.code for f in explain_text(faq + cpu).findings] == alone
    assert "BD117" not in alone


def test_a_gather_assert_surfacing_in_the_embeddings_names_the_embedding_tables():
    """torch 2.11 on an H100: token_type_ids of 2 fail in `vectorized_gather_kernel`, an
    `index out of bounds` that used to read as labels used as indices (a CRF's -100)."""
    report = explain_fixture("BD117__torch211-gather-assert-surfaces-in-embeddings")
    first, supporting = report.findings
    assert first.code == "BD117"
    # it surfaced at `inputs_embeds + token_type_embeddings`, after the word and token type
    # lookups: no one table is named, so BD208 stands for the three
    assert supporting.code == "BD208" and supporting.severity.value == "warning"
    assert supporting.message.startswith("line 5 names the cause: the failing kernel is a gather")
    assert [line.split("(")[-1] for line in report.sections[0].lines[1:4]] == [
        "BD208)",
        "BD206)",
        "BD207)",
    ]
    # near miss: the same kernel's assertion in a CRF's frames is still the labels as indices
    crf = explain_fixture("BD117__gather-assert-in-a-crf-not-the-embeddings")
    assert [f.code for f in crf.findings] == ["BD117", "BD203"]


def test_an_allocation_larger_than_the_card_is_said_so_only_when_it_is():
    big = explain_fixture("BD509__torch211-h100-allocation-larger-than-card").findings[0].message
    assert "That one allocation is larger than the whole GPU" in big
    big_text = (FIXTURES / "BD509__torch211-h100-allocation-larger-than-card.txt").read_text()
    small = big_text.replace("Tried to allocate 118.77 GiB", "Tried to allocate 2.00 GiB")
    message = explain_text(small).findings[0].message
    assert "tried to allocate 2.00 GiB, GPU total 79.18 GiB" in message
    assert "larger than the whole GPU" not in message


def test_a_refusal_on_a_logged_error_line_is_an_error_and_without_the_mark_a_note():
    """ptxas's `ERROR ... error   : Feature '.bf16' requires .target sm_80` ends the run with no
    Python exception line: BD109 (an info rule) is an error there; the same words quoted
    without a logger's or compiler's error mark stay a note."""
    logged = explain_fixture("BD109__ptxas-bf16-needs-sm80")
    assert [(f.code, f.severity) for f in logged.findings][:1] == [("BD109", Severity.ERROR)]
    assert logged.exit_status == 1
    quoted = explain_text(
        "The kernel build says Feature '.bf16' requires .target sm_80 or higher on my V100."
    )
    assert [(f.code, f.severity) for f in quoted.findings][:1] == [("BD109", Severity.INFO)]
    assert quoted.exit_status == 0


def test_a_text_of_one_long_line_is_read_in_windows():
    """A log of megabytes without a line break (a JSON dump): the zone is its last 64 KiB and a
    "line" is a window around the point, so no pattern or builder reads all of it; the error at
    its end is still found."""
    from bertdoctor.explain.core import LINE_MAX, _line_at, _line_start
    from bertdoctor.explain.engine import TAIL, find_zone, scan_text

    text = "the loss of the bert model on GPU 'a' and 'b' 12345 " * 40_000
    text += "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB"
    assert find_zone(text) == len(text) - TAIL
    middle = len(text) // 2
    assert _line_start(text, middle) == middle - LINE_MAX
    assert len(_line_at(text, middle)) == 2 * LINE_MAX
    assert _line_at("a\nbb\nc", 3) == "bb"  # a short line is still the whole line
    ends = scan_text(text).ends  # what whole-text searches read: the first 20 KB, the last 200
    assert ends == text[:20_000] + "\n" + text[-200_000:]
    assert scan_text("short text").ends == "short text"
    assert explain_text(text).findings[0].code == "BD509"
