"""BD52x: verdicts of the reference fine-tuning recipes (run-recipe, diagnose).

The recipes in ``recipes/`` are a fine-tuning loop whose every step is known to be right. When
they fail, the cause is outside the training code: the machine, the install, the model folder or
the data. These rules name how a recipe run failed; `bertdoctor run-recipe` and `bertdoctor
diagnose` report them.
"""

from . import rule

rule(
    "BD520",
    "recipe-loss-did-not-fall",
    "The reference fine-tune's loss did not fall by the required margin",
    "error",
    """
    ## What it does
    Compares the mean training loss of the recipe's last steps with the mean of its first steps.
    The run fails this rule when the loss fell by less than the stated margin (by default 50%
    for the embedded data).

    ## Why is this bad?
    The recipe's loop is known to be right: labels on the first word piece, AdamW with linear
    warmup, clipped gradients, shuffled data. With its default small model it always learns the
    embedded data (a fresh `--size base` model does not always: BD531). If the loss stays flat, the
    cause is the machine or the install (a broken torch or CUDA build, a GPU that returns wrong
    results, autocast without a GradScaler on fp16) or, with `--data`, labels that carry no signal
    (shuffled against their sentences, one label for everything) or a learning rate far off. With
    `--model`, a checkpoint whose weights were not loaded (randomly initialised encoder) learns much
    slower.

    ## Example
    ```
    loss 1.792 -> 1.788 (-0.2%, needed -50%) over 120 steps
    ```

    Use instead:
    Run the embedded default first: `bertdoctor run-recipe ner`. If it passes, the machine is
    fine and the difference is in the data or the model: check them with `bertdoctor check-data
    train.txt --model DIR` and `bertdoctor check-model DIR`. If the default fails too, run it on
    the CPU (`--device cpu --precision fp32`) to tell a GPU or precision problem from an install
    problem, and check the machine with `bertdoctor check-env`.
    """,
)

rule(
    "BD521",
    "recipe-metric-below-threshold",
    "The reference fine-tune's held-out metric stayed below the threshold",
    "error",
    """
    ## What it does
    Checks the recipe's metric on held-out data after training: entity-level F1 by exact span
    match for `ner`, accuracy for `cls`. The run fails this rule when the metric is below the
    stated threshold (0.80 for the embedded data).

    ## Why is this bad?
    The embedded data is built so that an entity's type depends on its context: a model that
    only memorises words, or a pipeline that shifts labels by one word piece, cannot score well.
    A loss that falls while the held-out metric stays low means the model learned something
    other than the task: labels misaligned with the word pieces, a dev set with different label
    names than train, or predictions decoded with another `id2label` than the one trained.

    ## Example
    ```
    entity F1 0.31 on 120 held-out sentences (needed >= 0.80)
    ```

    Use instead:
    Rerun with the defaults, which align labels correctly: `bertdoctor run-recipe ner`. With
    your own data, compare the label sets of train and dev with `bertdoctor check-data
    train.txt dev.txt`, and train longer (`--epochs 5`) when the data set is small; the
    threshold for `--data` runs is lower (0.0 means "report only") because real data differs.
    """,
)

rule(
    "BD522",
    "recipe-crashed",
    "The reference fine-tune crashed on this device",
    "error",
    """
    ## What it does
    Reports an exception raised while the recipe built the model, moved it to the device,
    trained or evaluated, with the device, the precision and the first line of the error.

    ## Why is this bad?
    The recipe's code is known to work, so a crash names a problem with the machine or the
    install: a CUDA build that does not match the driver, a GPU whose compute capability the
    installed torch was not built for, out of memory, a missing kernel for the chosen precision,
    or with `--model` a checkpoint that does not load.

    ## Example
    ```
    recipe crashed on cuda (bf16): RuntimeError: CUDA error: no kernel image is available for
    execution on the device
    ```

    Use instead:
    Read the first line of the error and look it up: `bertdoctor explain "<the error text>"`.
    Check the machine with `bertdoctor check-env`. Try the CPU (`bertdoctor run-recipe ner
    --device cpu`) and another precision (`--precision fp32`) to narrow it down; a smaller
    `--batch-size` for out-of-memory errors.
    """,
)

rule(
    "BD523",
    "recipe-non-finite-loss",
    "The reference fine-tune's loss became NaN or infinite",
    "error",
    """
    ## What it does
    Watches every training loss of the recipe and reports the first step whose loss is NaN or
    infinite. The recipe stops there.

    ## Why is this bad?
    On the embedded data with the default learning rate, the loss is finite on every correct
    setup. A non-finite loss there points at the machine: fp16 without loss scaling, a GPU or
    driver that computes wrong results, or a broken torch build. With `--data` or `--lr` it
    can also mean a learning rate far too high, or labels outside the range the loss accepts.

    ## Example
    ```
    loss is nan at step 37 (cuda, fp16); last finite loss 0.412 at step 36
    ```

    Use instead:
    Rerun in fp32 (`--precision fp32`) and on the CPU (`--device cpu`): if those are finite, the
    problem is the GPU path (precision, driver). With your own data, lower `--lr` (2e-5 to 5e-5
    is usual for BERT) and check the labels: `bertdoctor check-data train.txt --model DIR`.
    """,
)

rule(
    "BD524",
    "recipe-blocked-by-findings",
    "The recipe did not run: checking the model or the data found errors",
    "error",
    """
    ## What it does
    Before training on `--model` or `--data`, the recipe runs `check-model` and `check-data`.
    When they report errors, the recipe does not start; this finding says so, and the checks'
    own findings are listed with it.

    ## Why is this bad?
    Training on data with out-of-range labels or on a model folder that does not load fails
    later with a worse message (often `CUDA error: device-side assert triggered`), or worse,
    trains on wrong data without failing.

    ## Example
    ```
    check-data found 2 errors in train.conll; the recipe did not start
    ```

    Use instead:
    Fix the findings listed with it (each one names its fix), then rerun the same command. To
    see them alone: `bertdoctor check-data train.conll --model DIR`.
    """,
)

rule(
    "BD525",
    "recipe-initial-loss-off",
    "The recipe's first loss is far from ln(number of labels)",
    "warning",
    """
    ## What it does
    Compares the loss of the recipe's first step with ln(number of labels), the loss of a
    freshly initialised classification head that predicts every label with equal probability.
    It warns when the first loss is more than twice that plus one.

    ## Why is this bad?
    A new head over BERT starts near uniform predictions. A much larger first loss means the
    logits are huge from the start: a checkpoint whose classifier weights were loaded for
    another label set, weights that did not load into the right layers, or an initialisation
    broken by the environment. Training may still work, but it starts from a bad place.

    ## Example
    ```
    first loss 9.84, expected about ln(13) = 2.56
    ```

    Use instead:
    Let the head be created fresh for your labels:
    `AutoModelForTokenClassification.from_pretrained(dir, num_labels=n, id2label=..., label2id=...,
    ignore_mismatched_sizes=True)`, and check the folder with `bertdoctor check-model DIR`.
    """,
)

rule(
    "BD526",
    "recipe-too-short-to-judge",
    "The recipe ran too few steps for a verdict",
    "info",
    """
    ## What it does
    Notes that the run was stopped by `--max-steps` (or the data was so small) before the
    recipe could judge the loss and the metric; no PASS or FAIL is given.

    ## Why is this bad?
    It is not bad in itself: a few steps are a useful smoke test that the device, the precision
    and the model load. But a short run proves nothing about learning.

    ## Example
    ```
    bertdoctor run-recipe ner --max-steps 2
    ```

    Use instead:
    For a verdict run the full default: `bertdoctor run-recipe ner` (about a minute on a CPU),
    or give `--epochs` instead of `--max-steps`.
    """,
)

rule(
    "BD527",
    "recipe-low-mfu",
    "The GPU ran the recipe at a low model FLOPs utilisation",
    "info",
    """
    ## What it does
    On a GPU whose peak throughput is known, divides the FLOPs the model needed per second by
    the GPU's peak for the precision used, and notes when it is under 10%.

    ## Why is this bad?
    Low utilisation is normal for the tiny default model, whose kernels are too small to fill a
    GPU. For `--size base` or a real checkpoint it means time lost to something other than
    compute: fp32 instead of bf16 on a GPU with tensor cores, a small batch, short sequences,
    a data loader that cannot keep up, or another process on the GPU. On an H100 one BERT-base
    step at batch 32 x 128 tokens needs about 2.2 ms of bf16 compute at peak; measured, it took
    56 ms (MFU 3.9%), the GPU waiting on Python to launch its kernels. At batch 256 a step took
    95 ms (MFU 18%), about what eager PyTorch reaches on BERT-base with autocast.

    ## Example
    ```
    MFU 6.1% on NVIDIA H100 80GB HBM3 (bf16 peak 989 TFLOP/s) at batch 8, length 128
    ```

    Use instead:
    Measure on BERT-base dimensions with a batch large enough to keep the GPU busy:
    `bertdoctor run-recipe ner --size base --precision bf16 --batch-size 256 --max-length 128
    --max-steps 100`. Use bf16 (or fp16) autocast, a larger batch, and check with `nvidia-smi`
    that nothing else runs on the GPU.
    """,
)

rule(
    "BD528",
    "recipe-precision-unsupported",
    "The requested precision is not supported on this device",
    "error",
    """
    ## What it does
    Checks `--precision` against the device before training: fp16 and bf16 autocast need a GPU
    in the recipe (on a CPU it uses fp32), and bf16 needs a GPU with bf16 support (compute
    capability 8.0 or newer: A100, RTX 30xx, H100, and later). `bertdoctor explain` gives the
    same code when a training script asked for fp16 where torch sees no GPU (the Trainer's
    `--fp16` on a CPU: "FP16 Mixed precision training with AMP or APEX (`--fp16`) ... can only
    be used on CUDA devices").

    ## Why is this bad?
    bf16 on a GPU without native support is emulated slowly or fails; fp16 on a CPU is slow
    and not what a GPU run would do, so the recipe would not answer the question it is for.

    ## Example
    ```
    bertdoctor run-recipe ner --device cpu --precision fp16
    ```

    ```
    ValueError: FP16 Mixed precision training with AMP or APEX (`--fp16`) and FP16 half
    precision evaluation (`--fp16_full_eval`) can only be used on CUDA devices.
    ```

    Use instead:
    Leave `--precision auto` (the default): bf16 where the GPU has it, fp16 with a GradScaler
    on older GPUs, fp32 on the CPU. In a training script, ask for fp16 or bf16 only when
    `torch.cuda.is_available()` (`TrainingArguments(fp16=torch.cuda.is_available())`), and run
    `bertdoctor check-env` when the machine has a GPU that torch does not see.
    """,
)

rule(
    "BD529",
    "recipe-distributed-failed",
    "The distributed (DDP) recipe run failed",
    "error",
    """
    ## What it does
    Reports a `--nproc N` run that torch's launcher (`torch.distributed.run`) ended with a
    non-zero exit status, quoting the workers' last error line. On CUDA each process takes one
    GPU, so `--nproc N` with more processes than torch sees GPUs is refused before launching.

    ## Why is this bad?
    When a one-process run passes and a distributed run fails, the problem is in the
    distributed setup: NCCL that cannot reach the other GPUs (peer-to-peer disabled, a
    container without shared memory, a firewall between nodes), fewer GPUs than processes,
    or a port already in use.

    ## Example
    ```
    bertdoctor run-recipe ner --nproc 2
    torch.distributed.DistBackendError: NCCL error in: ..., unhandled system error
    ```

    Use instead:
    Check that the single-process recipe passes: `bertdoctor run-recipe ner`. Then rerun with
    `NCCL_DEBUG=INFO` to see the cause; in containers give more shared memory
    (`docker run --shm-size=8g`) or set `NCCL_P2P_DISABLE=1`; use no more processes than GPUs.
    """,
)

rule(
    "BD530",
    "recipe-crf-missing",
    "The CRF head was asked for but pytorch-crf is not installed",
    "error",
    """
    ## What it does
    Checks, before training with `--crf`, that `torchcrf` (the `pytorch-crf` package) can be
    imported.

    ## Why is this bad?
    The recipe's CRF head uses pytorch-crf's `CRF` layer with a proper mask (the correct version
    of the `index -100 is out of bounds` failure); without it the run cannot start.

    ## Example
    ```
    bertdoctor run-recipe ner --crf
    ModuleNotFoundError: No module named 'torchcrf'
    ```

    Use instead:
    Install the optional extra: `pip install "bertdoctor[crf]"` (or `pip install pytorch-crf`).
    """,
)

rule(
    "BD531",
    "recipe-fresh-base-did-not-learn",
    "A fresh BERT-base stayed at chance on the embedded classification task",
    "warning",
    """
    ## What it does
    Notes a `run-recipe cls --size base` run on the embedded data without `--model` (BERT-base
    dimensions, random init) that would have failed, whose loss stayed finite and ended at
    chance (within 0.1 of ln 2). The verdict is INCONCLUSIVE instead of FAIL, and the exit status
    0. A loss that rose, or fell part of the way, is still a FAIL (BD520, BD521).

    ## Why is this bad?
    It is not a sign of a broken machine. The embedded cls data is an XOR: "good" and "not bad" are
    positive, "bad" and "not good" negative, so neither the adjective nor the negation alone
    predicts the label and the loss sits at ln(2) until the model breaks the symmetry. The default
    small BERT has learned it in every run so far, on the CPU and on GPUs. A fresh 12-layer
    BERT-base does so only some of the time: on an H100 (2026-11-22) it failed 13 of 19 runs over
    batch sizes 32 and 256, learning rates 2e-5 to 3e-4 and seeds, and one setting (batch 256, 300
    steps, seed 0) passed once and failed once. `--size base` is there to measure throughput and MFU
    on BERT-base dimensions, which this run did. A NaN or infinite loss is still a FAIL (BD523).

    ## Example
    ```
    bertdoctor run-recipe cls --size base
    loss 0.7217 -> 0.703 (-3%, needed -50%) over 500 steps; accuracy 0.485
    ```

    Use instead:
    For a learning check on BERT-base dimensions run `bertdoctor run-recipe ner --size base`
    (a label on every word: it passed 5 of 5 runs, seeds 0 to 3, on H100s). For a
    classification check, fine-tune a pretrained checkpoint: `bertdoctor run-recipe cls --model
    ./bert-base-chinese`.
    """,
)
