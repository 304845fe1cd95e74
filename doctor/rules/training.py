"""BD5xx: training dynamics, watched while training runs or read from a finished run.

BD501-BD508 and BD510 are judged by ``bertdoctor.checks.training`` (shared by the live monitor,
``DoctorCallback`` / ``bertdoctor.watch``, and by ``bertdoctor check-run``); BD509 is
recognised from error text by ``bertdoctor explain``.
"""

from . import rule

rule(
    "BD501",
    "non-finite-loss",
    "The training loss is NaN or infinite",
    "error",
    """
    ## What it does
    Watches the loss of every training step (the value your loop or the Trainer already
    computed) and reports the first step where it is NaN or infinite, with the cause that fits
    the evidence: every label of the batch is `-100` (the mean over zero tokens is 0/0), the
    fp16 loss scale fell (overflow in half precision), or the learning rate is high enough to
    blow the weights up. `bertdoctor check-run` reports the same from `trainer_state.json`,
    where a NaN loss is logged as `NaN` or hidden by the Trainer's `logging_nan_inf_filter`
    (the step's loss is replaced by the running average, so the curve looks healthy while the
    weights are already NaN).

    ## Why is this bad?
    One NaN loss makes every gradient NaN, the optimizer writes NaN into every weight, and from
    then on the model only outputs NaN: the rest of the run is wasted, and the saved checkpoint
    is useless. The Trainer does not stop; a hand-written loop prints `nan` and keeps going.
    Causes, most common first: a batch whose labels are all `-100` (sentences made only of
    padding or of non-first word pieces after truncation, `CrossEntropyLoss` then divides 0 by
    0); fp16 without a `GradScaler`, or logits masked with `-1e9` that overflow half
    precision (max 65504); a learning rate like `1e-2` instead of `2e-5`.

    ## Example
    ```python
    # labels built from the tokenizer's word_ids, but truncation dropped every real token
    labels = [-100] * len(encoding.input_ids)
    loss = model(**batch).loss        # tensor(nan)
    ```

    Use instead:
    Drop examples with no supervised token before batching
    (`ds = ds.filter(lambda ex: any(l != -100 for l in ex["labels"]))`); train in fp16 only
    with `torch.amp.GradScaler` (the Trainer does this with `fp16=True`), or use bf16; mask
    logits with `torch.finfo(logits.dtype).min` rather than `-1e9`; use a learning rate of
    `2e-5` to `5e-5` for BERT fine-tuning. `torch.load` the batch bertdoctor saved and replay
    the step on the CPU to see which it is.
    """,
)

rule(
    "BD502",
    "loss-not-decreasing",
    "The training loss does not go down",
    "warning",
    """
    ## What it does
    After a number of optimizer steps (50 by default, or the first fifth of a finished run),
    compares the recent training loss with the loss of the first steps and with `ln(num_labels)`,
    the loss of a model that guesses uniformly. It reports a loss that stayed within a few
    percent of its start, or that sits at `ln(num_labels)`.

    ## Why is this bad?
    A fine-tuned BERT drops well below its starting loss within the first few hundred steps.
    A loss stuck at `ln(num_labels)` (0.693 for 2 classes, 2.197 for 9 BIO tags) means the
    model learned nothing beyond the class frequencies: labels misaligned with the tokens
    (labels shifted by the `[CLS]` token, word labels on word pieces), labels shuffled
    independently of the texts, a learning rate of 0 or far too small, a frozen model, or
    gradients that never reach the weights (BD504).

    ## Example
    ```python
    # labels aligned to words, inputs to word pieces: every label is off by [CLS]
    enc = tokenizer(words, is_split_into_words=True)
    enc["labels"] = tags            # 2.197 = ln(9) after 500 steps
    ```

    Use instead:
    Align labels with `enc.word_ids()` (the first word piece gets the word's label, the others
    and the special tokens `-100`); check the data with `bertdoctor check-data`; check the
    learning rate actually reaches the optimizer (`optimizer.param_groups[0]["lr"]`); overfit
    10 examples first: if the loss does not reach ~0 on them, the bug is in the code, not in
    the data size.
    """,
)

rule(
    "BD503",
    "exploding-gradients",
    "The gradient norm jumps far above its running level",
    "warning",
    """
    ## What it does
    Reads the total gradient norm (the value `clip_grad_norm_` returns, or the Trainer's
    logged `grad_norm`, or a norm it computes every few steps) and reports a norm that is
    infinite or NaN, or more than 10 times its running median.

    ## Why is this bad?
    A gradient spike moves the weights far in one step: the loss jumps and often never comes
    back, or turns NaN a few steps later (BD501). An infinite norm in fp16 is normal only when
    a `GradScaler` skips the step; without one the optimizer writes inf into the weights.
    Common causes: no gradient clipping, a learning rate too high for the batch size, no
    warmup, a loss summed instead of averaged (`reduction="sum"` over thousands of tokens), a
    class weight of 1000 for a rare class.

    ## Example
    ```python
    loss = F.cross_entropy(logits.view(-1, n), labels.view(-1), reduction="sum")
    loss.backward()
    optimizer.step()                   # no clipping
    ```

    Use instead:
    Average the loss (`reduction="mean"`, the default), clip before the step
    (`torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)`, the Trainer's default
    `max_grad_norm=1.0`), warm the learning rate up over the first 6-10% of the steps.
    """,
)

rule(
    "BD504",
    "no-gradient-flow",
    "Parameters get no gradient, or are not in the optimizer",
    "error",
    """
    ## What it does
    After the first backward pass, lists the trainable parameters that never receive a
    gradient (cut off from the loss), and the parameters that do receive one but are in no
    parameter group of the optimizer, so they never change. The classic case is the
    classification head left out of the optimizer while the encoder is frozen.

    ## Why is this bad?
    A parameter missing from the optimizer keeps its random initial value for the whole run:
    if it is the classifier, the model predicts from random projections and the loss stays at
    `ln(num_labels)` (BD502). A parameter without gradient is dead weight: a head that is
    created but never called in `forward`, a `.detach()` or `torch.no_grad()` that cuts the
    graph, an embedding used through `.data`.

    ## Example
    ```python
    for p in model.bert.parameters():
        p.requires_grad = False
    optimizer = torch.optim.AdamW(model.bert.parameters(), lr=2e-5)   # the head is not here
    ```

    Use instead:
    ```python
    optimizer = torch.optim.AdamW(
        [p for p in model.parameters() if p.requires_grad], lr=2e-5)
    ```
    and build parameter groups from `model.named_parameters()` so every trainable parameter
    is in exactly one group (for example, weight decay except on bias and LayerNorm).
    """,
)

rule(
    "BD505",
    "lr-schedule-misconfigured",
    "The learning-rate schedule does not fit the training run",
    "warning",
    """
    ## What it does
    Compares the learning-rate schedule with the run it drives: warmup longer than the whole
    training; a schedule that reaches 0 before the planned last step (sized for fewer steps
    than the run makes, or stepped after every batch while sized in optimizer steps); a
    schedule that barely decays because it was sized for far more steps than the run makes
    (sized in batches while the loop steps it once per optimizer step, with gradient
    accumulation); and `scheduler.step()` never called (the learning rate stays at its first
    value while the scheduler's `last_epoch` does not move). `bertdoctor check-run` compares
    the logged `learning_rate` curve with the planned `max_steps` the same way.

    ## Why is this bad?
    With warmup longer than training the model never reaches its learning rate. With a
    schedule that ends halfway, the second half of the run trains at learning rate 0: the
    loss flattens and the time is wasted. A schedule sized for 10x the steps barely decays,
    so the last steps are as noisy as the first. Without `scheduler.step()` warmup never
    ends: with `get_linear_schedule_with_warmup` the learning rate stays 0.

    ## Example
    ```python
    accum = 4
    total = len(loader) * epochs                       # batches, not optimizer steps
    sched = get_linear_schedule_with_warmup(opt, 0, total // 1)
    for i, batch in enumerate(loader):
        (model(**batch).loss / accum).backward()
        if (i + 1) % accum == 0:
            opt.step(); sched.step(); opt.zero_grad()
    # at the end the lr is still 75% of its peak
    ```

    Use instead:
    Size the schedule in optimizer steps:
    `total = math.ceil(len(loader) / accum) * epochs`; warm up over 6-10% of it
    (`num_warmup_steps=int(0.06 * total)`); call `sched.step()` right after every
    `opt.step()`.
    """,
)

rule(
    "BD506",
    "eval-mode-during-training",
    "The model is in eval mode while training, or in train mode while evaluating",
    "warning",
    """
    ## What it does
    Checks `model.training` at each training step (it must be `True`) and at each evaluation
    (it must be `False`), for models that have dropout.

    ## Why is this bad?
    BERT uses dropout (0.1) as its regulariser during fine-tuning. A loop that calls
    `model.eval()` for a validation pass and never calls `model.train()` again trains the rest
    of the run without dropout and overfits. The reverse, evaluating in train mode, makes the
    metrics random from one evaluation to the next and lower than they should be.

    ## Example
    ```python
    for epoch in range(3):
        for batch in train_loader:
            ...                                   # epoch 2 and 3 train without dropout
        model.eval()
        evaluate(model, dev_loader)
    ```

    Use instead:
    Call `model.train()` at the start of every training epoch and `model.eval()` (with
    `torch.no_grad()`) at the start of every evaluation.
    """,
)

rule(
    "BD507",
    "unshuffled-sorted-batches",
    "The first batches each hold a single class: the data is sorted and not shuffled",
    "warning",
    """
    ## What it does
    Looks at the labels of the first training batches (of a sequence-classification task, or
    the non-O tags of a tagging task) and reports when each of them holds a single class and
    the classes change from batch to batch, the sign of a dataset sorted by label and fed
    without shuffling.

    ## Why is this bad?
    With sorted batches the model first learns "everything is class 0", then "everything is
    class 1", and so on: the gradients swing with each block, the loss curve saw-tooths, and
    the model ends biased to the class it saw last. Datasets are often stored sorted by label
    (one file per class concatenated, or a CSV sorted by a spreadsheet).

    ## Example
    ```python
    loader = DataLoader(train_ds, batch_size=32)          # shuffle defaults to False
    ```

    Use instead:
    ```python
    loader = DataLoader(train_ds, batch_size=32, shuffle=True)
    ```
    The Trainer shuffles its training data by itself; a custom `get_train_dataloader` or an
    `IterableDataset` must shuffle too (`ds.shuffle(seed=42)`).
    """,
)

rule(
    "BD508",
    "fp16-loss-scale-collapse",
    "The fp16 loss scale keeps falling: the gradients overflow every step",
    "error",
    """
    ## What it does
    Follows the scale of the `torch.amp.GradScaler` (the Trainer's with `fp16=True`) from
    step to step and reports a scale that fell at many consecutive steps, or fell below 1.

    ## Why is this bad?
    The scaler halves its scale and skips the optimizer step whenever the gradients contain
    inf or NaN. An occasional halving is how it finds a good scale; a scale that keeps
    falling means every step overflows and is skipped: the model does not train at all while
    the loop looks busy. Causes: activations that overflow fp16 (masking with `-1e9`, a
    custom head with large values), a loss summed over tokens, or a model that already has
    NaN weights.

    ## Example
    ```python
    scores = scores.masked_fill(mask == 0, -1e9)   # overflows float16 under autocast
    ```

    Use instead:
    Mask with `torch.finfo(scores.dtype).min`; average the loss; train in bf16 on GPUs that
    support it (`bf16=True`, no scaler needed); check that the weights are finite after
    loading (`bertdoctor check-model`).
    """,
)

rule(
    "BD509",
    "cuda-out-of-memory",
    "The GPU ran out of memory",
    "error",
    """
    ## What it does
    Recognises `CUDA out of memory. Tried to allocate ...` and
    `torch.OutOfMemoryError`.

    ## Why is this bad?
    Activation memory of BERT grows with batch size x sequence length (and attention with the
    square of the length). A setup that fits with `max_length=128` fails at 512; memory held
    by another process, or tensors kept across steps (a list of losses that are not
    `.item()`-ed), leave less for training.

    ## Example
    ```
    torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 384.00 MiB. GPU 0 has a
    total capacity of 7.79 GiB of which 201.06 MiB is free.
    ```

    Use instead:
    In order of ease: a smaller batch size with gradient accumulation to keep the effective
    batch (`--batch-size 8 --grad-accum 4`); a shorter `max_length` (check the length
    percentiles with `bertdoctor check-data`); bf16 or fp16 autocast; gradient checkpointing
    (`model.gradient_checkpointing_enable()`). Keep losses as numbers: `losses.append(loss.item())`.
    """,
)

rule(
    "BD510",
    "degenerate-ner-eval",
    "High token accuracy with entity F1 near 0: the model predicts only O",
    "error",
    """
    ## What it does
    At evaluation, reports a tagging model whose token accuracy is high (0.8 or more) while
    its entity-level F1 is near 0 (0.05 or less), or whose predictions are all `O`.

    ## Why is this bad?
    In NER most tokens are `O` (often 85-95%), so a model that predicts `O` everywhere scores
    a high token accuracy and finds no entity at all. Reporting token accuracy hides it. It
    happens when the loss is dominated by `O` early in training, when the learning rate is
    too low or the run too short, or when the entity labels were mapped to `O` by a wrong
    label list.

    ## Example
    ```python
    def compute_metrics(p):
        preds = p.predictions.argmax(-1)
        return {"accuracy": (preds == p.label_ids)[p.label_ids != -100].mean()}  # 0.91
    ```

    Use instead:
    Report entity-level precision, recall and F1 (`seqeval.metrics.f1_score` on the label
    strings, skipping `-100`), choose the best checkpoint on `eval_f1`
    (`metric_for_best_model="f1"`), and train longer or with a higher learning rate
    (`3e-5` to `5e-5`) if F1 stays at 0.
    """,
)
