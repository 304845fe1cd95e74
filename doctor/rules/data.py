"""BD2xx: the data and its labels, as read from files or as encoded tensors."""

from . import rule

rule(
    "BD222",
    "unpadded-batch",
    "Examples of different lengths are stacked without padding",
    "error",
    """
    ## What it does
    Recognises `RuntimeError: stack expects each tensor to be equal size` from the default
    collate function of a `DataLoader`.

    ## Why is this bad?
    The tokenizer was called per example without padding, so the examples of a batch have
    different lengths and `torch.stack` cannot make one tensor of them. Training stops at the
    first batch whose examples differ in length, which may not be the first batch.

    ## Example
    ```python
    enc = [tokenizer(t, truncation=True, max_length=128) for t in texts]
    loader = DataLoader(MyDataset(enc, labels), batch_size=16)
    ```

    Use instead:
    Pad per batch with a collator, which also pads token-classification labels with -100:
    ```python
    from transformers import DataCollatorForTokenClassification, DataCollatorWithPadding
    loader = DataLoader(ds, batch_size=16, collate_fn=DataCollatorWithPadding(tokenizer))
    ```
    or pad every example to one length: `tokenizer(..., padding="max_length", max_length=128)`.
    """,
)
