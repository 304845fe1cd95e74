"""BD6xx: training-script lint (`bertdoctor check-script`): mistakes visible in the source."""

from . import rule

rule(
    "BD601",
    "model-kwarg-to-tokenizer",
    "A model keyword passed to a tokenizer",
    "error",
    """
    ## What it does
    Flags `num_labels`, `num_classes`, `id2label`, `label2id`, `problem_type` and the other
    model-configuration keywords passed to a tokenizer's `from_pretrained` (`BertTokenizer`,
    `BertTokenizerFast`, `AutoTokenizer`, or a name bound to a tokenizer class). It is an error
    when the model is built without its labels, a warning when the model gets them anyway.

    ## Why is this bad?
    Tokenizers accept unknown keywords and keep them in `init_kwargs` without a word. The
    keyword never reaches the model: `BertForSequenceClassification.from_pretrained(...)`,
    built without it, keeps the default of 2 labels. With 3 or more classes training fails
    later with `CUDA error: device-side assert triggered` (a label id >= 2), or on the CPU with
    `IndexError: Target 2 is out of bounds`; `num_classes` is not even a transformers keyword.

    ## Example
    ```python
    tokenizer = BertTokenizer.from_pretrained("bert-base-chinese", num_classes=4)
    model = BertForSequenceClassification.from_pretrained("bert-base-chinese")
    ```

    Use instead:
    Give the label count (and the names) to the model:
    ```python
    tokenizer = BertTokenizer.from_pretrained("bert-base-chinese")
    model = BertForSequenceClassification.from_pretrained(
        "bert-base-chinese", num_labels=4, id2label=id2label, label2id=label2id
    )
    ```
    """,
)

rule(
    "BD602",
    "default-num-labels",
    "A classification head built with the default of 2 labels",
    "warning",
    """
    ## What it does
    Flags `*ForSequenceClassification.from_pretrained(...)` and
    `*ForTokenClassification.from_pretrained(...)` (and the `AutoModelFor...` classes) called
    with neither `num_labels`, `id2label` nor `config=`, when the script works with a
    different number of labels somewhere else (a `num_labels`/`num_classes` variable, a
    label list, a keyword given to the tokenizer instead). Scripts that only predict, and
    checkpoints the script saved itself or names like an output folder, are left alone: a
    fine-tuned checkpoint's config.json holds its labels.

    ## Why is this bad?
    A checkpoint such as `bert-base-chinese` has no classification head: transformers builds
    one with `config.num_labels`, which defaults to 2. A 9-tag NER task or a 4-class
    classifier then trains a 2-way head: a device-side assert on the GPU, `Target 3 is out of
    bounds` on the CPU, or (with labels 0 and 1 only in the first batches) a model that never
    predicts the other classes.

    ## Example
    ```python
    label_list = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    model = BertForTokenClassification.from_pretrained("bert-base-chinese")
    ```

    Use instead:
    ```python
    model = BertForTokenClassification.from_pretrained(
        "bert-base-chinese",
        num_labels=len(label_list),
        id2label=dict(enumerate(label_list)),
        label2id={label: i for i, label in enumerate(label_list)},
    )
    ```
    """,
)

rule(
    "BD603",
    "unused-criterion",
    "A loss object defined but the backward pass uses the model's own loss",
    "warning",
    """
    ## What it does
    Flags a loss object (`nn.CrossEntropyLoss(...)`, `nn.BCEWithLogitsLoss(...)`, a CRF ...)
    that is created but never called, in a script whose backward pass runs on `outputs.loss`
    / `outputs[0]` of a model called with `labels=`.

    ## Why is this bad?
    When a transformers model gets `labels`, it computes its own loss: plain cross-entropy
    over `config.num_labels` classes (or BCE when `problem_type` says multi-label). The class
    weights, label smoothing, `ignore_index` or focal loss put into the criterion are never
    applied, and nothing says so: the script looks as if it trains with them.

    ## Example
    ```python
    criterion = nn.CrossEntropyLoss(weight=class_weights)
    for batch in train_loader:
        outputs = model(**batch)          # batch holds "labels"
        loss = outputs.loss               # unweighted: criterion is never used
        loss.backward()
    ```

    Use instead:
    Call the criterion on the logits (and do not pass `labels` to the model), or delete it:
    ```python
    criterion = nn.CrossEntropyLoss(weight=class_weights)
    for batch in train_loader:
        labels = batch.pop("labels")
        logits = model(**batch).logits
        loss = criterion(logits.view(-1, num_labels), labels.view(-1))
        loss.backward()
    ```
    """,
)

rule(
    "BD604",
    "squeeze-without-dim",
    "`squeeze()` without a dimension on a batch tensor",
    "warning",
    """
    ## What it does
    Flags `.squeeze()` (and `torch.squeeze(x)`) called without a dimension on the tensors of
    a batch or a model's output: `input_ids`, `attention_mask`, `token_type_ids`, `labels`,
    `logits`, `outputs`. Inside a Dataset's methods, where the axis of size 1 is the
    tokenizer's batch of one, and in `loss(logits.squeeze(), labels.squeeze())`, where both
    sides lose the same axes, it stays silent.

    ## Why is this bad?
    `squeeze()` removes every axis of size 1, the batch axis included. It works for every
    batch but the one that holds a single example (the last batch when the dataset size is
    `1 mod batch_size`, or evaluation with `batch_size=1`): then `(1, 128)` becomes `(128,)`,
    `(1, 2)` logits become `(2,)`, and the model or the loss fails with a shape error after
    hours of training, or a one-label batch is silently treated as a sequence.

    ## Example
    ```python
    encoded = tokenizer(text, padding="max_length", max_length=128, return_tensors="pt")
    input_ids = encoded["input_ids"].squeeze()
    logits = model(input_ids=input_ids, attention_mask=mask).logits.squeeze()
    ```

    Use instead:
    Name the axis you mean to drop:
    ```python
    input_ids = encoded["input_ids"].squeeze(0)      # the tokenizer's batch of one
    logits = model(input_ids=input_ids, attention_mask=mask).logits.squeeze(-1)
    ```
    """,
)

rule(
    "BD605",
    "train-loader-not-shuffled",
    "The training DataLoader is not shuffled",
    "warning",
    """
    ## What it does
    Flags the `DataLoader` that the training loop iterates (the loop that calls
    `loss.backward()` / `optimizer.step()`) when it has no `shuffle=True` and no `sampler=`
    or `batch_sampler=`.

    ## Why is this bad?
    `DataLoader` does not shuffle by default. Many corpora are sorted (by label, by source, by
    length: rumour datasets often list every rumour before every non-rumour). Each batch then
    holds one class, the model swings from predicting all 0 to all 1, the loss oscillates and
    accuracy stays at the majority rate. Evaluation loaders should stay unshuffled; only the
    training loader is flagged, and a script that shuffles the data itself (`random.shuffle`,
    `train_test_split`, `dataset.shuffle(...)`) or streams an `IterableDataset` is left alone.

    ## Example
    ```python
    train_loader = DataLoader(train_dataset, batch_size=32)
    for epoch in range(epochs):
        for batch in train_loader:
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
    ```

    Use instead:
    ```python
    train_loader = DataLoader(train_dataset, batch_size=32, shuffle=True)
    ```
    """,
)

rule(
    "BD606",
    "cuda-during-data-loading",
    "Tensors moved to the GPU while the dataset is built",
    "warning",
    """
    ## What it does
    Flags `.cuda()` and `.to(device)` inside a `Dataset`'s `__init__` / `__getitem__`, a
    `collate_fn`, or a function that builds features for the dataset.

    ## Why is this bad?
    Moving the whole dataset to the GPU at build time holds its memory for the whole run,
    next to the model and the optimizer state, and runs out of memory on real corpora. In
    `__getitem__` it forbids `num_workers > 0` (`Cannot re-initialize CUDA in forked
    subprocess`), blocks `pin_memory`, and makes one tiny transfer per example instead of one
    per batch.

    ## Example
    ```python
    class RumourDataset(Dataset):
        def __getitem__(self, i):
            enc = self.tokenizer(self.texts[i], truncation=True, max_length=128,
                                 padding="max_length", return_tensors="pt")
            return enc["input_ids"][0].cuda(), torch.tensor(self.labels[i]).cuda()
    ```

    Use instead:
    Return CPU tensors from the dataset and move each batch in the training loop:
    ```python
    for batch in train_loader:
        batch = {k: v.to(device) for k, v in batch.items()}
    ```
    """,
)

rule(
    "BD607",
    "tensor-from-tensor",
    "`torch.tensor()` called on a tensor",
    "warning",
    """
    ## What it does
    Flags `torch.tensor(x)` (and `torch.LongTensor(x)` ...) where `x` is already a tensor: the
    result of `torch.tensor`, a tokenizer called with `return_tensors="pt"`, a model's output,
    or a batch from a `DataLoader`.

    ## Why is this bad?
    `torch.tensor` always copies, detaches the result from the autograd graph and warns
    `To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach()`.
    On a loss or logits it silently cuts the gradient; in a data pipeline it doubles the
    memory and the time of every batch.

    ## Example
    ```python
    enc = tokenizer(texts, padding=True, return_tensors="pt")
    input_ids = torch.tensor(enc["input_ids"])
    ```

    Use instead:
    Use the tensor as it is, or `torch.as_tensor(x)` (no copy when it already is one), or
    `x.clone().detach()` when a copy is what you want:
    ```python
    input_ids = enc["input_ids"]
    ```
    """,
)

rule(
    "BD608",
    "accumulation-not-scaled",
    "Gradient accumulation without dividing the loss",
    "warning",
    """
    ## What it does
    Flags a training loop that steps the optimizer only every N batches
    (`if (step + 1) % accumulation_steps == 0: optimizer.step()`) while the loss it
    back-propagates is never divided by the accumulation steps.

    ## Why is this bad?
    Gradients add up across the N backward passes, so each optimizer step sees N times the
    gradient of one batch: the effective learning rate is multiplied by N for SGD, gradient
    clipping (`clip_grad_norm_(..., 1.0)`) cuts much harder than intended, and results change
    when you change N, so a setting tuned with one batch size does not transfer.

    ## Example
    ```python
    for step, batch in enumerate(train_loader):
        loss = model(**batch).loss
        loss.backward()
        if (step + 1) % accumulation_steps == 0:
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
    ```

    Use instead:
    ```python
        loss = model(**batch).loss / accumulation_steps
        loss.backward()
    ```
    """,
)

rule(
    "BD609",
    "schedule-sized-in-batches",
    "A learning-rate schedule sized in batches, not optimizer steps",
    "warning",
    """
    ## What it does
    Flags `get_linear_schedule_with_warmup` and the other transformers schedules (and
    `OneCycleLR(total_steps=...)`) whose `num_training_steps` is `len(train_loader)` /
    `len(train_dataset)` alone, with neither the number of epochs nor, when the script
    accumulates gradients, the accumulation steps in the count; and a count of examples
    (`len(train_dataset) * epochs`) where the scheduler steps once per batch.

    ## Why is this bad?
    The schedule counts `scheduler.step()` calls, one per optimizer step. Sized for one
    epoch, the learning rate reaches 0 at the end of the first epoch and every later epoch
    trains with a learning rate of 0 (the loss plateaus and nobody knows why). Counted in
    batches while stepping every N batches, the decay stops at 1/N of the way and warmup
    lasts N times longer than planned; counted in examples, the schedule is batch_size times
    too long and the learning rate hardly decays at all.

    ## Example
    ```python
    scheduler = get_linear_schedule_with_warmup(
        optimizer, num_warmup_steps=100, num_training_steps=len(train_loader)
    )
    for epoch in range(3):
        ...
    ```

    Use instead:
    ```python
    steps_per_epoch = math.ceil(len(train_loader) / accumulation_steps)
    num_training_steps = steps_per_epoch * num_epochs
    scheduler = get_linear_schedule_with_warmup(
        optimizer,
        num_warmup_steps=int(0.1 * num_training_steps),
        num_training_steps=num_training_steps,
    )
    ```
    """,
)

rule(
    "BD610",
    "zero-grad-missing",
    "`optimizer.step()` without `zero_grad()`",
    "error",
    """
    ## What it does
    Flags a loop that calls `optimizer.step()` and `backward()` while nothing in the loop (or
    the function around it) calls `optimizer.zero_grad()` or `model.zero_grad()`.

    ## Why is this bad?
    `backward()` adds to `.grad`; it never resets it. Without `zero_grad()` every step applies
    the sum of all gradients since the start of training: the updates grow step after step,
    the loss falls for a few batches and then diverges or turns into `nan`.

    ## Example
    ```python
    for batch in train_loader:
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        scheduler.step()
    ```

    Use instead:
    ```python
    for batch in train_loader:
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
    ```
    """,
)

rule(
    "BD611",
    "train-eval-mode",
    "Evaluation in training mode, or training resumed in eval mode",
    "warning",
    """
    ## What it does
    Flags an evaluation loop (a loop over a validation or test loader, or one in a function
    named like `evaluate`/`validate`/`predict`, that calls the model but never
    `backward()`) that runs without `model.eval()`, without `torch.no_grad()` /
    `torch.inference_mode()`, or both; and a training loop that calls the evaluation after
    `model.eval()` in the same epoch without calling `model.train()` again.

    ## Why is this bad?
    In training mode dropout is active: the evaluation scores change from run to run and are
    lower than the model's real quality, so early stopping and model selection pick the wrong
    epoch. Without `no_grad()` every forward keeps its activations for a backward that never
    comes, using several times the memory (`CUDA out of memory` during evaluation). And a
    model left in `eval()` after the first validation trains every later epoch without
    dropout.

    ## Example
    ```python
    def evaluate(model, dev_loader):
        correct = 0
        for batch in dev_loader:
            logits = model(**batch).logits
            correct += (logits.argmax(-1) == batch["labels"]).sum().item()
        return correct
    ```

    Use instead:
    ```python
    def evaluate(model, dev_loader):
        model.eval()
        correct = 0
        with torch.no_grad():
            for batch in dev_loader:
                logits = model(**batch).logits
                correct += (logits.argmax(-1) == batch["labels"]).sum().item()
        model.train()
        return correct
    ```
    """,
)

rule(
    "BD612",
    "weight-decay-on-all-params",
    "AdamW with weight decay on every parameter",
    "warning",
    """
    ## What it does
    Flags `AdamW(model.parameters(), weight_decay=...)` (a non-zero decay given to all the
    parameters of the model at once) where the parameters are not split into groups.

    ## Why is this bad?
    BERT was trained without weight decay on the biases and the LayerNorm weights. Decaying
    the LayerNorm gains pulls them towards 0 and shrinks every layer's output; decaying the
    biases removes offsets the model needs. The result is a small but real loss of accuracy
    and a model that is harder to fine-tune with a high learning rate.

    ## Example
    ```python
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5, weight_decay=0.01)
    ```

    Use instead:
    ```python
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters()
                    if not any(nd in n for nd in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters()
                    if any(nd in n for nd in no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=2e-5)
    ```
    """,
)

rule(
    "BD613",
    "one-hot-in-place",
    "A tensor indexed by itself and written in place",
    "error",
    """
    ## What it does
    Flags an assignment into a tensor whose own values are part of the index, such as
    `labels[torch.arange(n), labels] = 1`, the usual attempt to one-hot encode the labels in
    place.

    ## Why is this bad?
    The write overlaps the index it is reading: PyTorch refuses it with `unsupported
    operation: some elements of the input tensor and the written-to tensor refer to a single
    memory location`, and a 1-D label tensor cannot hold a one-hot row anyway (`too many
    indices for tensor of dimension 1`). Where it does not fail it overwrites class ids with
    1, and the labels become garbage.

    ## Example
    ```python
    labels = batch["labels"]
    labels[torch.arange(labels.size(0)), labels] = 1
    loss = bce(logits, labels.float())
    ```

    Use instead:
    Build a new tensor:
    ```python
    targets = torch.nn.functional.one_hot(labels, num_classes=num_labels).float()
    loss = bce(logits, targets)
    ```
    """,
)

rule(
    "BD614",
    "relative-model-path",
    "A relative path given to `from_pretrained`",
    "warning",
    """
    ## What it does
    Flags a string literal that is a relative file-system path (`./bert-base-chinese`,
    `../models/chinese_wwm`, `models/bert/base`, or a plain name such as `chinese-bert` that is
    a folder beside the script) given to `from_pretrained`, directly or through a variable such
    as `BERT_PATH = "./bert-base-chinese"`. Hub ids (`hfl/chinese-roberta-wwm-ext`) and folders
    the script saves itself are left alone.

    ## Why is this bad?
    A relative path resolves against the current working directory, not against the
    script. Started from another folder (an IDE run configuration, `python src/train.py`, a
    notebook, a cron job), the folder is not found and transformers falls back to the Hub:
    `OSError: Can't load tokenizer for './bert-base-chinese'`, `vocab.txt not found`, or a
    repo-id validation error, far from the real cause.

    ## Example
    ```python
    tokenizer = BertTokenizer.from_pretrained("./bert-base-chinese")
    model = BertForSequenceClassification.from_pretrained("./bert-base-chinese", num_labels=2)
    ```

    Use instead:
    Resolve the path against the script's own folder:
    ```python
    from pathlib import Path

    MODEL_DIR = Path(__file__).resolve().parent / "bert-base-chinese"
    tokenizer = BertTokenizer.from_pretrained(MODEL_DIR)
    model = BertForSequenceClassification.from_pretrained(MODEL_DIR, num_labels=2)
    ```
    """,
)

rule(
    "BD615",
    "labels-padded-with-class",
    "Label sequences padded with a real class instead of -100",
    "warning",
    """
    ## What it does
    Flags token labels padded by hand with 0 (or another non-negative id): `labels + [0] *
    (max_len - len(labels))`, `labels.extend([0] * pad)`, `pad_sequence(labels,
    padding_value=0)`, `np.pad(labels, ..., constant_values=0)`. A script that feeds the
    padded tags to a CRF together with a mask is left alone: the CRF skips masked positions.

    ## Why is this bad?
    0 is a real class (usually `O`). Padding positions then count in the loss as correct `O`
    predictions: the model learns to predict `O` everywhere, the loss looks low, and the
    token accuracy is inflated by the padding. `CrossEntropyLoss` and every transformers
    model skip only the label -100 (`ignore_index`).

    ## Example
    ```python
    label_ids = [label2id[t] for t in tags][: max_len]
    label_ids += [0] * (max_len - len(label_ids))
    ```

    Use instead:
    ```python
    label_ids = [label2id[t] for t in tags][: max_len]
    label_ids += [-100] * (max_len - len(label_ids))
    ```
    (For a CRF, pad with any valid tag id and pass `mask=attention_mask.bool()`.)
    """,
)

rule(
    "BD616",
    "flattened-logits-for-bce",
    "BCEWithLogitsLoss on flattened logits against per-example labels",
    "error",
    """
    ## What it does
    Flags `BCEWithLogitsLoss` (or `F.binary_cross_entropy_with_logits`) called on
    `logits.view(-1)` / `logits.flatten()` / `logits.reshape(-1)` while the labels are not
    flattened the same way.

    ## Why is this bad?
    A multi-label head has logits of shape `(batch, num_labels)`. Flattened to
    `(batch * num_labels,)` they no longer match per-example labels of shape `(batch,)` or
    `(batch, num_labels)`: `ValueError: Target size (torch.Size([4])) must be the same as
    input size (torch.Size([8]))`. With a 2-way head for a binary task the flattening hides a
    second bug: BCE wants one logit per example, or a one-hot target per logit.

    ## Example
    ```python
    criterion = nn.BCEWithLogitsLoss()
    logits = model(input_ids, attention_mask=mask).logits      # (batch, num_labels)
    loss = criterion(logits.view(-1), labels.float())          # labels: (batch,)
    ```

    Use instead:
    Keep the shapes aligned: multi-hot float labels of shape `(batch, num_labels)`, or, for
    one label per example, `CrossEntropyLoss` on the 2-D logits:
    ```python
    loss = criterion(logits, labels.float())                   # both (batch, num_labels)
    # or
    loss = nn.CrossEntropyLoss()(logits, labels)               # labels: (batch,) class ids
    ```
    """,
)
