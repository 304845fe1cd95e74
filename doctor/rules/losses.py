"""BD4xx: losses, shapes, dtypes and autograd."""

from . import rule

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
