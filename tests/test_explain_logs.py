"""Whole training logs of several MB, generated here: the real error at the end, earlier noise
with misleading words, ANSI colours, tqdm carriage returns, Chinese text, Jupyter cells."""

from __future__ import annotations

import random

from bertdoctor.explain import explain_text

NOISE = (
    "{{'loss': {loss:.4f}, 'learning_rate': 1.9e-05, 'epoch': {epoch:.2f}}}",
    "\x1b[32m2024-03-0{d} 10:{m:02d}:11\x1b[0m | INFO | 第 {step} 步，loss={loss:.3f}，用时 0.31s",
    "Epoch {d}:  {p}%|\u2588\u2588\u258c      | {step}/12000 [01:{m:02d}<03:10, 8.1it/s]\r",
    "step {step}: lr 2e-05 grad_norm {loss:.2f} (financial news, nano, banana: not a nan)",
    "[W reducer.cpp:1300] Warning: find_unused_parameters=True was specified in DDP",
    "INFO a FAQ line: 'CUDA out of memory' means a smaller batch; 'Target 5 is out of bounds' "
    "means labels; 'device-side assert triggered' hides an index",
)


def training_log(megabytes: float, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    lines: list[str] = []
    size = 0
    while size < megabytes * 1024 * 1024:
        template = rng.choice(NOISE)
        line = template.format(
            loss=rng.uniform(0.1, 2.5),
            epoch=rng.uniform(0, 3),
            d=rng.randint(1, 9),
            m=rng.randint(0, 59),
            step=rng.randint(1, 12000),
            p=rng.randint(0, 99),
        )
        lines.append(line)
        size += len(line) + 1
    return lines


HANDLED_OOM = """Traceback (most recent call last):
  File "/home/u/proj/train.py", line 140, in train_step
    outputs = model(**batch)
torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.
WARNING skipping this batch and going on"""

JUPYTER_CRF = (
    "\x1b[0;31m---------------------------------------------------------------------------\x1b[0m\n"
    "\x1b[0;31mIndexError\x1b[0m                                Traceback (most recent call last)\n"
    "Cell \x1b[0;32mIn[7], line 12\x1b[0m\n"
    "\x1b[1;32m     10\x1b[0m \x1b[38;5;28;01mfor\x1b[39;00m batch \x1b[38;5;129;01min\x1b[39;00m "
    "loader:\n"
    "\x1b[0;32m---> 12\x1b[0m     loss \x1b[38;5;241m=\x1b[39m model(\x1b[38;5;241m*\x1b[39m"
    "\x1b[38;5;241m*\x1b[39mbatch)\n"
    "File \x1b[0;32m~/miniconda3/envs/ner/lib/python3.10/site-packages/torchcrf/__init__.py:186"
    "\x1b[0m, in \x1b[0;36mCRF._compute_score\x1b[0;34m(self, emissions, tags, mask)\x1b[0m\n"
    "\x1b[1;32m    184\x1b[0m \x1b[38;5;66;03m# shape: (batch_size,)\x1b[39;00m\n"
    "\x1b[0;32m--> 186\x1b[0m score \x1b[38;5;241m=\x1b[39m \x1b[38;5;28mself\x1b[39m"
    "\x1b[38;5;241m.\x1b[39mstart_transitions[tags[\x1b[38;5;241m0\x1b[39m]]\n"
    "\n"
    "\x1b[0;31mIndexError\x1b[0m: index -100 is out of bounds for dimension 0 with size 13\n"
)


def test_jupyter_cell_with_ansi_at_the_end_of_a_3mb_log():
    lines = training_log(3)
    lines.insert(200, HANDLED_OOM)
    report = explain_text("\n".join(lines) + "\n" + JUPYTER_CRF)
    first = report.findings[0]
    assert first.code == "BD203" and "size 13" in first.message
    assert str(first.location) == "Cell In[7]:12"
    assert [f.code for f in report.findings] == ["BD203"]  # the handled OOM is not the error


def test_the_first_nan_in_the_middle_of_a_long_log_is_located():
    lines = training_log(2, seed=1)
    first_nan = len(lines) // 2
    lines[first_nan] = "step 6001: loss=nan, lr 2e-05"
    lines[first_nan + 1] = "{'loss': nan, 'learning_rate': 1.9e-05, 'epoch': 1.51}"
    lines += [f"step {12000 + i}: loss=nan, lr 2e-05" for i in range(30)] + ["训练结束"]
    report = explain_text("\n".join(lines) + "\n")
    first = report.findings[0]
    assert first.code == "BD501" and report.recognised
    assert f"line {first_nan + 1}" in first.message and "step 6001" in first.message


def test_an_early_tokenizer_warning_explains_the_final_index_error():
    lines = training_log(3, seed=2)
    lines.insert(
        5,
        "Token indices sequence length is longer than the specified maximum sequence "
        "length for this model (613 > 512). Running this sequence through the model "
        "will result in indexing errors",
    )
    tail = (
        "Traceback (most recent call last):\n"
        '  File "C:\\Users\\wang\\ner\\train.py", line 88, in <module>\n'
        "    outputs = model(**batch)\n"
        "IndexError: index out of range in self\n"
        "wandb: Waiting for W&B process to finish... (failed 1).\n"
    )
    report = explain_text("\n".join(lines) + "\n" + tail)
    first = report.findings[0]
    assert first.code == "BD208" and "613" in first.message
    assert str(first.location) == r"C:\Users\wang\ner\train.py:88"


def test_an_unknown_final_error_after_a_handled_oom_gets_no_confident_answer():
    lines = training_log(2, seed=3)
    lines.insert(100, HANDLED_OOM)
    tail = (
        "Traceback (most recent call last):\n"
        '  File "/home/u/proj/evaluate.py", line 30, in <module>\n'
        "    name = id2name[pred]\n"
        "KeyError: 17\n"
    )
    report = explain_text("\n".join(lines) + "\n" + tail)
    assert not report.recognised and report.findings == []
    assert report.exit_status == 1
    assert "KeyError: 17" in report.sections[0].lines[0]


def test_an_error_line_without_traceback_at_the_end_of_a_log():
    lines = training_log(2, seed=4)
    lines.append(
        "RuntimeError: CUDA error: CUBLAS_STATUS_EXECUTION_FAILED when calling "
        "`cublasSgemm( handle, opa, opb, m, n, k, &alpha, a, lda, b, ldb, &beta, c, ldc)`"
    )
    report = explain_text("\n".join(lines))
    assert report.findings[0].code == "BD117"
    assert len(report.sections[0].data["causes"]) == 5
