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
    `CUDNN_STATUS_EXECUTION_FAILED`, `an illegal memory access was encountered`, and the
    cuBLAS handle that cannot be created after such an error (`CUBLAS_STATUS_ALLOC_FAILED` or
    `CUBLAS_STATUS_NOT_INITIALIZED` when calling `cublasCreate(handle)`, which can also be a
    GPU out of memory).

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

rule(
    "BD101",
    "torch-cpu-build-with-gpu",
    "A CPU-only torch on a machine with an NVIDIA GPU",
    "error",
    """
    ## What it does
    Compares what the NVIDIA driver (NVML) sees with the torch build: the driver reports at
    least one GPU, but torch was built without CUDA (`torch.version.cuda` is `None`, the version
    ends in `+cpu`).

    ## Why is this bad?
    A plain `pip install torch` on Windows, or from a mirror that only carries CPU wheels,
    installs a CPU-only build. Nothing fails: `torch.cuda.is_available()` is `False`, the
    Trainer quietly runs on the CPU, and a BERT fine-tune that takes minutes on the GPU takes
    hours. Code that calls `.cuda()` fails with `Torch not compiled with CUDA enabled`.

    ## Example
    ```
    $ pip install torch            # from a CPU-only index
    $ python -c "import torch; print(torch.__version__, torch.cuda.is_available())"
    2.13.0+cpu False
    ```

    Use instead:
    Install the CUDA build that matches the driver, from PyTorch's own index (uninstall first:
    pip keeps an installed torch of the same version, whatever its build):
    `pip uninstall -y torch && pip install torch --index-url https://download.pytorch.org/whl/cu128`
    (bertdoctor prints the index that fits the CUDA version your driver supports).
    """,
)

rule(
    "BD102",
    "driver-too-old-for-cuda",
    "The NVIDIA driver is older than torch's CUDA runtime needs",
    "error",
    """
    ## What it does
    Compares the NVIDIA driver version with the CUDA runtime torch was built with
    (`torch.version.cuda`), using NVIDIA's table of minimum driver versions (the Linux and the
    Windows numbering differ) and the highest CUDA version the driver reports. Across a major
    version (a CUDA 12 torch on a driver that supports CUDA 11 at most) it is an error; inside
    CUDA's minor-version compatibility (same major, driver below the exact toolkit's floor) it
    is a warning.

    ## Why is this bad?
    A driver too old for the runtime makes `torch.cuda.is_available()` return `False` with a
    warning `The NVIDIA driver on your system is too old` or fails at the first CUDA call with
    `CUDA driver version is insufficient for CUDA runtime version`. Inside minor-version
    compatibility most kernels run, but PTX JIT compilation and some newer features fail with
    `CUDA_ERROR_UNSUPPORTED_PTX_VERSION` or `the provided PTX was compiled with an unsupported
    toolchain`.

    ## Example
    ```
    driver 445.75 (Windows), torch 1.7.1+cu110
    UserWarning: CUDA initialization: The NVIDIA driver on your system is too old
    (found version 10020).
    ```

    Use instead:
    Update the NVIDIA driver to at least the floor bertdoctor names (CUDA 11.x: 450.80.02 on
    Linux, 452.39 on Windows; CUDA 12.x: 525.60.13 / 527.41), or install a torch built for a
    CUDA version the driver supports:
    `pip install torch --index-url https://download.pytorch.org/whl/cu118`.
    """,
)

rule(
    "BD103",
    "gpu-arch-unsupported",
    "torch has no kernels for this GPU's compute capability",
    "error",
    """
    ## What it does
    Judges, as torch itself does, whether the GPU's compute capability (`sm_XY`) is covered by
    the architectures torch was compiled for (`torch.cuda.get_arch_list()`): the same `sm_XY`,
    or one with the same major version and a lower minor version, or a `compute_XY` (PTX) entry
    the driver can compile for a newer GPU.

    ## Why is this bad?
    Every kernel launch fails with `CUDA error: no kernel image is available for execution on
    the device`, usually at the first operation on the GPU. New GPUs hit this first: an RTX 5090
    (sm_120) with a torch built for CUDA 12.6 (whose wheels stop at sm_90), or an old Kepler
    card (sm_35) with a recent torch that dropped it.

    ## Example
    ```
    NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current
    PyTorch installation. The current PyTorch install supports CUDA capabilities
    sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 sm_90.
    ```

    Use instead:
    Install a torch build whose architecture list has the GPU, for an RTX 50xx (sm_120) CUDA
    12.8 or newer:
    `pip uninstall -y torch && pip install torch --index-url https://download.pytorch.org/whl/cu128`.
    For a GPU that recent torch builds dropped, pin an older torch that still lists it.
    """,
)

rule(
    "BD104",
    "cuda-unavailable",
    "A CUDA build of torch and a GPU, but CUDA is not available",
    "error",
    """
    ## What it does
    Reports when torch was built with CUDA and the NVIDIA driver sees a GPU, yet
    `torch.cuda.is_available()` is `False` or `torch.cuda.device_count()` is 0.

    ## Why is this bad?
    Training silently falls back to the CPU, or fails at `.cuda()` with `No CUDA GPUs are
    available`. The usual causes: `CUDA_VISIBLE_DEVICES` is empty or names a GPU that does not
    exist, the driver is too old for the runtime (BD102), the kernel module is not loaded after
    a driver update (reboot), or a container started without `--gpus`.

    ## Example
    ```
    $ CUDA_VISIBLE_DEVICES= python train.py
    >>> torch.cuda.is_available()
    False
    ```

    Use instead:
    Unset or correct `CUDA_VISIBLE_DEVICES` (`export CUDA_VISIBLE_DEVICES=0`), start containers
    with `--gpus all`, and reboot after a driver update. Then rerun `bertdoctor check-env`.
    """,
)

rule(
    "BD105",
    "torch-companion-mismatch",
    "torchvision or torchaudio built for another torch or CUDA",
    "error",
    """
    ## What it does
    Reads the torch requirement that torchvision and torchaudio declare in their own metadata
    (each release is built against exactly one torch release) and their local version suffix
    (`+cu121`, `+cpu`), and compares both with the installed torch.

    ## Why is this bad?
    `pip install -U torch` upgrades torch alone and leaves torchvision built for the old one.
    Importing transformers (which imports torchvision for image processors) then fails with
    `operator torchvision::nms does not exist`, `undefined symbol`, or
    `RuntimeError: Detected that PyTorch and torchvision were compiled with different CUDA
    versions`, even in a text-only BERT script.

    ## Example
    ```
    torch 2.13.0+cu128, torchvision 0.20.1+cu121 (requires torch==2.5.1)
    RuntimeError: operator torchvision::nms does not exist
    ```

    Use instead:
    Install the three together from one index so pip picks matching builds:
    `pip install torch torchvision torchaudio --index-url https://download.pytorch.org/whl/cu128`,
    or uninstall the companion a BERT project does not need: `pip uninstall torchvision`.
    """,
)

rule(
    "BD106",
    "transformers-torch-incompatible",
    "The installed torch is outside the range transformers requires",
    "error",
    """
    ## What it does
    Reads the torch requirement from the installed transformers' own metadata (its `torch`
    extra) and compares it with the installed torch version.

    ## Why is this bad?
    transformers does not refuse to import with a torch that is too old; it disables the
    PyTorch backend or fails later: `AutoModel` becomes a dummy object that raises `requires the
    PyTorch library but it was not found`, or an API transformers calls is missing
    (`module 'torch' has no attribute 'compiler'`, `got an unexpected keyword argument
    'weights_only'`).

    ## Example
    ```
    transformers 5.23.0 requires torch>=2.2; installed torch 1.13.1+cu117
    ```

    Use instead:
    Upgrade torch to the range transformers asks for (keeping the CUDA build:
    `pip install "torch>=2.2" --index-url https://download.pytorch.org/whl/cu121`), or pin a
    transformers release that supports the torch you have.
    """,
)

rule(
    "BD107",
    "gpu-memory-busy",
    "Most of a GPU's memory is already in use",
    "warning",
    """
    ## What it does
    Reads each GPU's used and total memory from NVML and reports a GPU whose memory is mostly
    taken before training starts.

    ## Why is this bad?
    Another process (a forgotten Jupyter kernel, a previous run that did not exit, another
    user's job) holds the memory, and the fine-tune fails with `CUDA out of memory` at a batch
    size that fits an idle card. People then lower the batch size or max_length and get worse
    results for a problem that is not theirs.

    ## Example
    ```
    GPU 0 NVIDIA GeForce RTX 3090: 23.1 GiB of 24.0 GiB used
    torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 96.00 MiB
    ```

    Use instead:
    Find the process with `nvidia-smi` and end it (restart the notebook kernel), or choose an
    idle GPU: `CUDA_VISIBLE_DEVICES=1 python train.py`.
    """,
)

rule(
    "BD108",
    "gpu-smoke-test-failed",
    "A small computation on the GPU fails or gives a wrong result",
    "error",
    """
    ## What it does
    Runs a small matrix multiplication and an autocast (mixed-precision) linear step on each
    visible GPU in a separate process, and compares the results with the same computation on
    the CPU.

    ## Why is this bad?
    When the GPU cannot do this, no fine-tune will work, and the error will surface later inside
    BERT's code where it looks like a bug in the model or the data: a broken driver install, a
    cuBLAS that does not match the GPU, a failing card (Xid errors), or a wrong result from a
    faulty GPU that turns the loss into NaN.

    ## Example
    ```
    RuntimeError: CUDA error: CUBLAS_STATUS_NOT_SUPPORTED when calling cublasGemmEx(...)
    ```

    Use instead:
    Reinstall the driver and a matching torch
    (`pip install --force-reinstall torch --index-url https://download.pytorch.org/whl/cu128`),
    read `dmesg` / the Windows event log for Xid errors, and test the card with another
    program. Train on the CPU (`--device cpu`) until the GPU passes.
    """,
)

rule(
    "BD109",
    "bf16-unsupported",
    "The GPU has no bfloat16 support",
    "info",
    """
    ## What it does
    Reports a GPU on which `torch.cuda.is_bf16_supported()` is `False` (compute capability
    below 8.0: Pascal, Volta, Turing cards such as the GTX 1080, V100, T4 and RTX 20xx).

    ## Why is this bad?
    Scripts written for A100s set `bf16=True` (or `torch.autocast(dtype=torch.bfloat16)`). On
    these GPUs that fails with `Your setup doesn't support bf16/gpu` or runs bfloat16 in slow
    emulation.

    ## Example
    ```python
    TrainingArguments(output_dir="out", bf16=True)   # on a T4
    ```

    Use instead:
    Use fp16 with a gradient scaler: `TrainingArguments(output_dir="out", fp16=True)`, or in a
    hand-written loop `torch.autocast("cuda", dtype=torch.float16)` with
    `torch.amp.GradScaler("cuda")`.
    """,
)

rule(
    "BD110",
    "debug-env-vars-set",
    "An environment variable changes how CUDA or the Hub behaves",
    "warning",
    """
    ## What it does
    Reads the environment variables that change CUDA and Hugging Face behaviour and reports
    those left in a state that slows training down or hides hardware: `CUDA_LAUNCH_BLOCKING=1`,
    an empty `CUDA_VISIBLE_DEVICES`, `HF_HUB_OFFLINE` / `TRANSFORMERS_OFFLINE` (a note: models
    must then be in the cache or on disk).

    ## Why is this bad?
    `CUDA_LAUNCH_BLOCKING=1` is the right tool to locate a device-side assert, and a slow way to
    train: every kernel waits for the previous one. An empty `CUDA_VISIBLE_DEVICES` hides every
    GPU, so torch reports no CUDA device. With the offline variables set, `from_pretrained("bert-
    base-chinese")` fails with `We couldn't connect to 'https://huggingface.co'` unless the model
    is already cached.

    ## Example
    ```
    export CUDA_LAUNCH_BLOCKING=1      # left in ~/.bashrc after debugging
    export CUDA_VISIBLE_DEVICES=       # hides all GPUs
    ```

    Use instead:
    `unset CUDA_LAUNCH_BLOCKING` once the error is found; name the GPUs to use
    (`export CUDA_VISIBLE_DEVICES=0`) or unset the variable; keep the offline variables only
    where the models are saved locally (`from_pretrained("./bert-base-chinese")`).
    """,
)

rule(
    "BD111",
    "nccl-unavailable",
    "Several GPUs but no NCCL for distributed training",
    "warning",
    """
    ## What it does
    Reports a machine with more than one visible GPU on which torch has no NCCL backend
    (`torch.distributed.is_nccl_available()` is `False`, `torch.cuda.nccl.version()` fails).

    ## Why is this bad?
    `torchrun --nproc_per_node 2` with `DistributedDataParallel` (and the Trainer on several
    GPUs) uses NCCL by default and fails with `Distributed package doesn't have NCCL built in`.
    Windows builds of torch never have NCCL.

    ## Example
    ```
    $ torchrun --nproc_per_node 2 train.py
    RuntimeError: Distributed package doesn't have NCCL built in
    ```

    Use instead:
    On Linux install the official CUDA build of torch, which ships NCCL
    (`pip install torch --index-url https://download.pytorch.org/whl/cu128`). On Windows use the
    gloo backend (`torch.distributed.init_process_group("gloo")`) or train on one GPU
    (`CUDA_VISIBLE_DEVICES=0`).
    """,
)

rule(
    "BD112",
    "torch-import-failed",
    "torch is not installed or cannot be imported",
    "error",
    """
    ## What it does
    Imports torch in a separate process (with a time limit) and reports when it is not
    installed, when its import raises, crashes the interpreter, or hangs.

    ## Why is this bad?
    Nothing else can run. The usual causes: a missing DLL on Windows (`OSError: [WinError 126]
    ... fbgemm.dll` needs the Visual C++ redistributable), a torch for another Python version, a
    NumPy 2 against a torch built for NumPy 1, a broken install after an interrupted pip, or a
    local file named `torch.py` shadowing the package.

    ## Example
    ```
    OSError: [WinError 126] The specified module could not be found. Error loading
    "...\\torch\\lib\\fbgemm.dll" or one of its dependencies.
    ```

    Use instead:
    Reinstall torch for this interpreter:
    `python -m pip install --force-reinstall torch --index-url https://download.pytorch.org/whl/cu128`
    (or `/whl/cpu`); on Windows install the latest Visual C++ redistributable; rename any local
    `torch.py`.
    """,
)

rule(
    "BD113",
    "deprecated-pynvml-package",
    "The deprecated pynvml package is installed",
    "warning",
    """
    ## What it does
    Reports the PyPI distribution `pynvml` installed beside or instead of `nvidia-ml-py`. Both
    provide the module `import pynvml`; NVIDIA's `nvidia-ml-py` is the maintained one, and the
    `pynvml` distribution is a deprecated wrapper.

    ## Why is this bad?
    Two distributions that install the same module overwrite each other's files; which
    `pynvml` you get depends on the install order, and an old copy lacks functions for new
    GPUs and drivers. torch itself warns: `The pynvml package is deprecated. Please install
    nvidia-ml-py instead`.

    ## Example
    ```
    $ pip list | grep -i nvml
    nvidia-ml-py  13.580.82
    pynvml        11.5.0
    ```

    Use instead:
    `pip uninstall -y pynvml && pip install --force-reinstall nvidia-ml-py`.
    """,
)
