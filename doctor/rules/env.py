"""BD1xx: the machine: Python packages, torch, CUDA, the driver and the GPU."""

from . import rule

rule(
    "BD117",
    "opaque-cuda-error",
    "An asynchronous CUDA error hides the real error",
    "error",
    """
    ## What it does
    Recognises CUDA errors that are reported asynchronously, after the kernel that failed:
    `CUDA error: device-side assert triggered`, `CUBLAS_STATUS_EXECUTION_FAILED`,
    `CUDNN_STATUS_EXECUTION_FAILED`, `an illegal memory access was encountered`.

    ## Why is this bad?
    The traceback points at whatever line happened to synchronise with the GPU next, not at the
    operation that failed, and the message names no values. In BERT fine-tuning the cause is
    almost always an index out of range: a label id >= num_labels (BD201), a negative label
    (BD202), -100 fed to a CRF (BD203), a token type id >= type_vocab_size (BD206), an input id
    >= vocab_size (BD207), or a sequence longer than max_position_embeddings (BD208). Once
    this assert fires the CUDA context is unusable; every later CUDA call fails too.

    ## Example
    ```
    RuntimeError: CUDA error: device-side assert triggered
    CUDA kernel errors might be asynchronously reported at some other API call
    ```

    Use instead:
    Get the real error: run one step on the CPU (`--device cpu`, or `model.to("cpu")`), which
    raises `IndexError: Target 9 is out of bounds` at the right line, or rerun with
    `CUDA_LAUNCH_BLOCKING=1`. Then check the data before training:
    `bertdoctor check-data train.txt --model ./bert-base-chinese`.
    """,
)
