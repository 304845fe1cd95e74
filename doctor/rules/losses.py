"""BD4xx: losses, shapes, dtypes and autograd."""

from . import rule

rule(
    "BD401",
    "loss-shape-mismatch",
    "Logits and labels have shapes the loss rejects or silently broadcasts",
    "error",
    """
    ## What it does
    Compares the shapes of the logits (the loss's input) and the labels (its target) with what
    the loss in use expects, and reports the pairs it rejects (`Target size (torch.Size([4]))
    must be the same as input size (torch.Size([8]))`, `Expected input batch_size (8) to match
    target batch_size (4)`) and the pairs it accepts only by broadcasting.

    ## Why is this bad?
    Each loss wants its own shapes. `CrossEntropyLoss` and `NLLLoss` take `[N, C]` scores and
    `[N]` class indices. `BCEWithLogitsLoss` takes a target of exactly the input's shape.
    `MSELoss` broadcasts: `[B, 1]` predictions against `[B]` targets become a `[B, B]` matrix,
    so every prediction is pulled towards every label; torch only warns, the loss goes down,
    and the model learns the mean. Flattening `[B, 2]` logits to `[B*2]` for a `[B]` target is
    the classic error from treating a 2-class head as a binary one.

    ## Example
    ```python
    logits = model(**batch).logits                 # [4, 2]
    loss = nn.BCEWithLogitsLoss()(logits.flatten(), labels.float())   # labels: [4]
    # ValueError: Target size (torch.Size([4])) must be the same as input size (torch.Size([8]))
    ```

    Use instead:
    Keep two classes and use the loss made for class indices:
    `nn.CrossEntropyLoss()(logits, labels)` with `labels` of dtype long; or make the head binary
    (`num_labels=1`) and use `nn.BCEWithLogitsLoss()(logits.squeeze(-1), labels.float())`; or
    keep `BCEWithLogitsLoss` with a one-hot target: `F.one_hot(labels, 2).float()`. For
    regression, `nn.MSELoss()(logits.squeeze(-1), labels)` so both are `[B]`.
    `bertdoctor check-loss --loss bce --logits 4,2 --labels 4` checks a pair of shapes.
    """,
)

rule(
    "BD402",
    "loss-dtype-mismatch",
    "Labels of the wrong dtype for the loss in use",
    "error",
    """
    ## What it does
    Checks the labels' dtype against the loss: class indices (`CrossEntropyLoss`, `NLLLoss`,
    a CRF's tags) must be integers (`torch.long`); `BCEWithLogitsLoss` and `MSELoss` need
    floating-point targets of the logits' dtype.

    ## Why is this bad?
    The mismatch fails with messages that do not name the labels: `expected target dtype to be
    Long or Byte, but got Float` (or `Int`), `result type Float can't be cast to the desired
    output type Long`, and in older torch `expected scalar type Long but found Float` or
    `Found dtype Long but expected Float`. Worse,
    `CrossEntropyLoss` with float labels of the logits' shape is accepted as class
    *probabilities*: one-hot floats work, but float class ids are not what it expects. In
    transformers, the labels' dtype decides the loss: float labels with `num_labels > 1` make
    a `*ForSequenceClassification` model switch to multi-label BCE (BD405).

    ## Example
    ```python
    labels = torch.tensor(df["label"].values, dtype=torch.float)   # [B] class ids as floats
    loss = nn.CrossEntropyLoss()(logits, labels)
    # RuntimeError: expected target dtype to be Long or Byte, but got Float
    ```

    Use instead:
    ```python
    labels = torch.tensor(df["label"].values, dtype=torch.long)
    loss = nn.CrossEntropyLoss()(logits, labels)
    ```
    and for `BCEWithLogitsLoss` / `MSELoss`, `labels.float()` (or `labels.to(logits.dtype)`).
    """,
)

rule(
    "BD403",
    "token-logits-not-flattened",
    "CrossEntropyLoss on [B, L, C] token logits without flattening",
    "error",
    """
    ## What it does
    Reports `CrossEntropyLoss` (or `NLLLoss`) called on token-classification logits of shape
    `[B, L, C]` with labels of shape `[B, L]`.

    ## Why is this bad?
    `CrossEntropyLoss` reads the class axis as axis 1. On `[B, L, C]` logits it takes `L` as the
    number of classes and wants a `[B, C]` target: with `[B, L]` labels it fails with `Expected
    target size [B, C], got [B, L]`, or, when `L == C` (a sequence length equal to the number of
    tags), it runs without error and trains the wrong thing: each position is scored against
    the sequence axis. Labels >= L raise `IndexError: Target 7 is out of bounds` instead.

    ## Example
    ```python
    logits = model(**batch).logits                  # [16, 128, 9]
    loss = nn.CrossEntropyLoss()(logits, labels)     # labels: [16, 128]
    ```

    Use instead:
    ```python
    loss = nn.CrossEntropyLoss()(logits.view(-1, num_labels), labels.view(-1))
    ```
    (or `logits.permute(0, 2, 1)` to `[B, C, L]`), with `-100` on the positions to ignore.
    """,
)

rule(
    "BD404",
    "squeeze-drops-batch-dim",
    "squeeze() with batch size 1 drops the batch axis",
    "warning",
    """
    ## What it does
    Reports logits or labels that lost their batch axis to a bare `.squeeze()`: a batch of one
    example, or a last batch of one, where `[1, 1]` becomes a 0-d tensor and `[1, C]` becomes
    `[C]`.

    ## Why is this bad?
    `.squeeze()` removes every axis of size 1, the batch axis included. The code works for every
    batch but the one of size 1, usually the last batch of an epoch (`len(dataset) % batch_size
    == 1`) or a batch size of 1 for debugging, and then fails with `Expected input batch_size
    (2) to match target batch_size (1)`, `0D or 1D target tensor expected`, or broadcasts a
    0-d prediction over the labels without any error.

    ## Example
    ```python
    logits = model(**batch).logits.squeeze()     # [B, 1] -> [B], but [1, 1] -> []
    loss = nn.MSELoss()(logits, labels)
    ```

    Use instead:
    Name the axis: `logits.squeeze(-1)` keeps the batch axis; or `drop_last=True` in the
    `DataLoader` when a batch of one is not wanted.
    """,
)

rule(
    "BD405",
    "problem-type-surprise",
    "transformers will compute a different loss than expected",
    "warning",
    """
    ## What it does
    Works out which loss a transformers `*ForSequenceClassification` model will compute from
    `config.num_labels`, `config.problem_type` and the labels' dtype, and reports when that is
    not the loss the task implies.

    ## Why is this bad?
    When `problem_type` is not set, transformers picks it on the first batch: `num_labels == 1`
    means regression (`MSELoss`), integer labels mean single-label classification
    (`CrossEntropyLoss`), anything else means multi-label classification
    (`BCEWithLogitsLoss`). The choice is stored in the config and kept. Float class ids with
    `num_labels > 1` silently select multi-label BCE, which then fails on the shapes or, with
    one-hot floats, trains a multi-label model; `num_labels=1` for a binary task trains a
    regression on the 0/1 labels.

    ## Example
    ```python
    model = BertForSequenceClassification.from_pretrained(path, num_labels=3)
    out = model(**batch, labels=torch.tensor([0.0, 2.0, 1.0]))   # float labels
    # ValueError: Target size (torch.Size([3])) must be the same as input size (torch.Size([3, 3]))
    ```

    Use instead:
    Pass class ids as `torch.long`, and set the problem type explicitly:
    `from_pretrained(path, num_labels=3, problem_type="single_label_classification")`; for a
    binary task keep `num_labels=2` with long labels.
    """,
)

rule(
    "BD406",
    "loss-without-grad",
    "The loss does not require grad",
    "error",
    """
    ## What it does
    Reports a loss tensor with `requires_grad=False` and no `grad_fn`, and recognises the error
    `element 0 of tensors does not require grad and does not have a grad_fn`.

    ## Why is this bad?
    The loss was computed from values cut off from the model's graph: `.item()`, `.numpy()`,
    `.detach()`, `argmax` (which has no gradient), `torch.tensor(...)` around a Python number,
    or a forward pass under `torch.no_grad()`. `loss.backward()` then fails, or, when the code
    adds it to a loss that does have a graph, the part without one trains nothing.

    ## Example
    ```python
    preds = logits.argmax(-1).float()
    loss = torch.tensor(F.mse_loss(preds, labels.float()).item(), requires_grad=True)
    loss.backward()          # runs, and no model weight gets a gradient
    ```

    Use instead:
    Compute the loss from the logits themselves, with tensor operations only:
    `loss = F.cross_entropy(logits, labels)`; and keep `torch.no_grad()` for evaluation.
    """,
)

rule(
    "BD407",
    "one-hot-memory-overlap",
    "A one-hot target is written into the tensor that indexes it",
    "error",
    """
    ## What it does
    Reports one-hot targets built by writing into the labels tensor itself, or into a view of
    it (`labels[torch.arange(B), labels] = 1`), found from tensors that share storage, and
    recognises `unsupported operation: some elements of the input tensor and the written-to
    tensor refer to a single memory location`.

    ## Why is this bad?
    The tensor written to is also the index. torch refuses the overlapping write with the error
    above, or, when the write goes through a view that still shares memory (`expand`, `view`),
    it overwrites the labels themselves: the targets and the labels both end up wrong, without
    any error.

    ## Example
    ```python
    labels = batch["labels"]                      # [B] class ids
    target = labels.view(-1, 1).expand(B, C)      # shares memory with labels
    target[torch.arange(B), labels] = 1
    ```

    Use instead:
    Build a new tensor: `target = F.one_hot(labels, num_classes=C).float()`, or
    `torch.zeros(B, C).scatter_(1, labels.unsqueeze(1), 1.0)`.
    """,
)

rule(
    "BD410",
    "backward-twice",
    "Backward through the same graph a second time",
    "error",
    """
    ## What it does
    Recognises `Trying to backward through the graph a second time (or directly access saved
    tensors after they have already been freed)`.

    ## Why is this bad?
    `loss.backward()` frees the graph's saved tensors. A second backward through any part of
    the same graph fails. In BERT fine-tuning this happens with adversarial training (FGM, PGD)
    that reuses the first forward's embeddings, with a loss built from outputs of an earlier
    step (a running total that is not detached), or with two losses sharing one forward.

    ## Example
    ```python
    total = 0
    for batch in loader:
        loss = model(**batch).loss
        total = total + loss          # keeps every step's graph alive
        total.backward()
    ```

    Use instead:
    Accumulate numbers, not graphs: `total += loss.item()`; add the losses before one
    `backward()` (`(loss1 + loss2).backward()`); for adversarial training run a fresh forward
    after perturbing the embeddings. Use `retain_graph=True` only when the second backward
    really must reuse the first graph.
    """,
)

rule(
    "BD411",
    "device-mismatch",
    "Tensors on different devices",
    "error",
    """
    ## What it does
    Recognises `Expected all tensors to be on the same device, but found at least two devices,
    cuda:0 and cpu!` and its older wordings.

    ## Why is this bad?
    The model was moved to the GPU and part of the batch was not (often `labels`, or a tensor
    built inside `forward`), or a loss weight tensor stayed on the CPU.

    ## Example
    ```python
    model.to("cuda")
    out = model(input_ids=ids.cuda(), attention_mask=mask.cuda(), labels=labels)
    ```

    Use instead:
    Move the whole batch in one place: `batch = {k: v.to(device) for k, v in batch.items()}`;
    create tensors inside `forward` with `device=x.device`; move class weights with the loss:
    `nn.CrossEntropyLoss(weight=w.to(device))`.
    """,
)

rule(
    "BD412",
    "inplace-modified",
    "A tensor needed for the gradient was modified in place",
    "error",
    """
    ## What it does
    Recognises `one of the variables needed for gradient computation has been modified by an
    inplace operation`.

    ## Why is this bad?
    Autograd saved a tensor for the backward pass, and the code changed it afterwards with an
    in-place operation (`x += ...`, `x[mask] = ...`, `relu_`, `.zero_()`), so the gradient
    would be wrong. Common in custom heads (masking logits in place), in adversarial training
    that edits the embedding weights between forward and backward, and in code that edits
    `outputs.logits`.

    ## Example
    ```python
    logits = model(**batch).logits
    logits[attention_mask == 0] = -1e4      # in place on a tensor autograd saved
    loss = loss_fn(logits.view(-1, n), labels.view(-1))
    ```

    Use instead:
    Use the out-of-place form: `logits = logits.masked_fill(attention_mask == 0, -1e4)`,
    `x = x + y`. To find the operation, run once under `torch.autograd.set_detect_anomaly(True)`.
    """,
)

rule(
    "BD413",
    "unexpected-keyword-argument",
    "A keyword the tokenizer or the model does not take",
    "error",
    """
    ## What it does
    Recognises `got an unexpected keyword argument` from a model's `forward` or a tokenizer,
    and the warnings of tokenizers that accept unknown keywords and ignore them.

    ## Why is this bad?
    A keyword meant for one object went to another. `forward()` rejects batch keys it does not
    know (`text`, `label` instead of `labels`, `offset_mapping` left in the batch).
    `BertTokenizer.from_pretrained(path, num_classes=5)` accepts the keyword silently: the
    model, built without it, keeps its default of 2 labels and training fails later with an
    out-of-range label or learns only 2 classes.

    ## Example
    ```python
    tokenizer = BertTokenizer.from_pretrained("bert-base-chinese", num_classes=5)
    model = BertForSequenceClassification.from_pretrained("bert-base-chinese")
    ```

    Use instead:
    ```python
    tokenizer = BertTokenizer.from_pretrained("bert-base-chinese")
    model = BertForSequenceClassification.from_pretrained("bert-base-chinese", num_labels=5)
    ```
    and pass the model only the keys its `forward` takes: `input_ids`, `attention_mask`,
    `token_type_ids`, `labels`.
    """,
)

rule(
    "BD414",
    "model-output-misuse",
    "A model's output is indexed or unpacked wrongly",
    "error",
    """
    ## What it does
    Recognises errors from treating a transformers `ModelOutput` as a tuple or a tuple as a
    tensor: `linear(): argument 'input' (position 1) must be Tensor, not str`, `'tuple' object
    has no attribute 'logits'`, `too many values to unpack`.

    ## Why is this bad?
    Since transformers 4, models return a `ModelOutput` (a dict-like object). Unpacking it as
    `_, pooled = bert(...)` iterates over its keys, so `pooled` is the string
    `"pooler_output"`. With `return_dict=False` the output is a tuple and `.logits` fails.

    ## Example
    ```python
    _, pooled = self.bert(input_ids, attention_mask=mask)
    return self.fc(pooled)          # must be Tensor, not str
    ```

    Use instead:
    ```python
    out = self.bert(input_ids, attention_mask=mask)
    return self.fc(out.pooler_output)
    ```
    """,
)

rule(
    "BD415",
    "no-loss-without-labels",
    "The model returned no loss because the batch had no labels",
    "error",
    """
    ## What it does
    Recognises `The model did not return a loss from the inputs, only the following keys:
    logits` from the transformers Trainer, and `'NoneType' object has no attribute 'backward'`.

    ## Why is this bad?
    transformers models compute a loss only when `labels` is passed. The dataset's label column
    is named something else (`label_ids` is fine, `label` is renamed by the collator, but
    `tags`, `ner_tags`, `target` are not), or it was removed by
    `remove_unused_columns`.

    ## Example
    ```python
    ds = ds.map(tokenize, remove_columns=["tokens"])   # keeps "ner_tags", never "labels"
    Trainer(model=model, train_dataset=ds).train()
    ```

    Use instead:
    Name the column `labels` (`ds.rename_column("ner_tags", "labels")` after aligning it to
    word pieces), or set `label_names=["my_labels"]` in `TrainingArguments` for a custom model.
    """,
)
