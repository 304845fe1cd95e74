"""BD5xx: training dynamics, watched while training runs or read from a finished run."""

from . import rule

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
