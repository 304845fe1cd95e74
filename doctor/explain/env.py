"""Builders for the environment: CUDA unavailable, driver, GPU architecture, torch that does not
import, out of memory, NaN losses, CUDA device-side asserts."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .core import (
    SENTENCE_END_RE,
    Diagnosis,
    Hit,
    Scan,
    _check_data,
    _cmd_env,
    _crf_context,
    _labels_from_tokenizer_warning,
    _line_at,
    _line_start,
    _real_error_commands,
    _sentence_at,
)
from .labels import _embedding_code, embedding_causes
from .losses import _clip, _simple_likely

# a GPU by its name or nvidia-smi's output
GPU_CARD_RE = re.compile(
    r"GeForce|\b(?:RTX|GTX) ?\d{3,4}|\bTesla\b|\bQuadro\b|\b[AHV]100\b|\bT4\b|\bA10G?\b|"
    r"\bA6000\b|(?<!Amazon )\bTITAN\b|\bTitan ?(?:Xp?|V|RTX|Black|Z)\b|"
    # a GeForce card by its number alone: "a 1080ti", "2080 Ti"
    r"\b(?:10[5-8]0|16[56]0|20[6-8]0|30[5-9]0|40[6-9]0) ?[Tt][Ii]\b"
)
# (a reporter's own spelling: "rtx2080ti")
CARD_ANY_CASE_RE = re.compile(GPU_CARD_RE.pattern, re.I)
GPU_MODEL_RE = r"nvidia-smi|" + GPU_CARD_RE.pattern + r"|CUDA Version: \d"
GPU_SEEN_RE = re.compile(
    GPU_MODEL_RE + r"|\bNVIDIA\b|显卡|显存|"
    # "GPU", but not the issue template's "Using GPU in script?" or "PyTorch version (GPU?)"
    # nor collect_env's "GPU models and configuration: No CUDA" (nvidia-smi found nothing)
    r"\bGPUs?\b(?! in script)(?!\?)(?! models and configuration: (?:No CUDA|Could not collect))",
)


# the reporter's words: the machine has no GPU (so code that asks for cuda is at fault, not the
# environment); lines of an error message ("No CUDA GPUs are available") are not theirs
NO_GPU_SAID_RE = re.compile(
    r"(?i)\b(?:no|without(?: an?)?|(?:don't|do not|doesn't|does not|not) have(?: an?| any)?)\s+"
    r"(?:nvidia\s+)?(?:gpus?|graphics cards?|cuda devices?)\b"
    r"(?! (?:are|is|was|were|has been|have been) (?:available|detected|found))(?!\s*drivers?\b)|"
    r"\bcpu[- ]only (?:machine|environment|env|server|laptop|computer|instance)|"
    r"\bcpu (?:machine|server|instance)\b|\bonly (?:has|have) (?:a )?cpus?\b|"
    # "another pc with only CPU", "a computer running on CPU"
    r"\bwith only (?:a )?cpus?\b|\b(?:pc|computer|machine|laptop|server)\s+(?:running\s+)?"
    r"(?:on|with)\s+(?:only\s+)?(?:a\s+)?cpus?\b|"
    # "loading the GPU-trained model onto a CPU device"
    r"\b(?:onto|on to) (?:a |the |my )?cpu(?: device| machine| runtime)?\b|"
    r"没有(?:gpu|显卡|独立显卡|英伟达显卡)|无(?:gpu|显卡)|"
    # a Mac: no NVIDIA GPU, and no CUDA build of torch for it (its GPU is 'mps')
    r"\bmacbook|\bmac ?os\b|\bon (?:my |a )?mac\b|\bmy mac\b|\bapple (?:silicon|m[1-4])\b|"
    r"\bm[1-4] (?:chip|mac|pro|max)\b|\bm[- ]series chip|"
    # (ASCII-bounded for Chinese around it: "用mac M2运行", "m1max芯片")
    r"(?<![a-z])mac(?:book)?(?: ?(?:air|pro))? ?m[1-4](?![a-z\d])|"
    r"(?<![a-z])m[1-4] ?(?:max|pro|ultra)? ?(?:芯片|chip)|"
    # "(I am using CPU only)"
    r"\b(?:i am|i'm|im) using (?:only (?:the |a )?cpus?|(?:the |a )?cpus? only)\b|"
    # "When I try to train the tagger on cpu", "I want to run the model on the CPU only": the
    # reporter asks for the CPU (not "on the GPU, not on the cpu", "faster than on the cpu", nor
    # "I tried it on cpu and it works", which leaves a GPU machine where it fails)
    r"\b(?:try|tried|trying|want|wanted) to (?:train|run|test|use)\b(?:(?!gpu|cuda)[^\n.]){0,50}?"
    r"(?<!than )(?<!not )\bon (?:the |a )?cpu\b(?![^\n.]{0,12}?\b(?:and )?(?:it )?works?\b)|"
    # "Is it possible to run the model on the CPU?": the reporter asks for the CPU
    r"\b(?:is it possible|can i|could i|how (?:can|do) i) (?:to )?(?:run|use|load) "
    r"(?:it |this |that |the model |the script |the code |my model )?on (?:the |a )?cpu\b|"
    # "trained on a GPU instance, run it on cpu" (either order): the GPU is another machine
    r"\btrained\b[^\n.]{0,20}?\b(?:on|with|using) (?:a |an |the |my )?(?:gpus?|cuda)\b[^\n]{0,80}?"
    r"\b(?:on|to|onto) (?:a |the |my )?(?:[\w']+ )?cpu\b|"
    r"\bon (?:the |a |my )?cpu\b[^\n]{0,40}?\bi trained\b[^\n.]{0,20}?\bon (?:a |an |the |my )?gpu"
)


# a line that begins with an exception or warning: the library's words, not the reporter's
EXC_LINE_RE = re.compile(r"\s*[\w.]*(?:Error|Exception|Warning)\b")


GPU_MODEL_SEEN_RE = re.compile(GPU_MODEL_RE)
WSL_RE = re.compile(r"(?i)\bwsl")


# a macOS Python's paths in a traceback: a Mac, which has no CUDA
MAC_PATH_RE = re.compile(r"/Library/Frameworks/Python\.framework/|/opt/homebrew/|/Users/\w")


# a config that turns the GPU off (trankit's training_config = {'gpu': False, ...}): the run
# was asked to stay on the CPU
GPU_OFF_CONFIG_RE = re.compile(r"['\"](?:use_)?gpu['\"]\s*:\s*False\b")


def _no_gpu_said(scan: Scan) -> bool:
    """The reporter says the machine has no GPU (or their config turns it off), and names
    none."""
    said = "\n".join(ln for ln in scan.prose.splitlines() if not EXC_LINE_RE.match(ln))
    return bool(
        NO_GPU_SAID_RE.search(said) or GPU_OFF_CONFIG_RE.search(scan.ends)
    ) and not _gpu_model_seen(scan)


def _on_a_mac(scan: Scan) -> bool:
    """The traceback's frames are a macOS Python's, and no NVIDIA GPU is named: a Mac, where
    no torch has CUDA."""
    return any(MAC_PATH_RE.match(f.path) for f in scan.frames) and not _gpu_model_seen(scan)


def _gpu_model_seen(scan: Scan) -> bool:
    """An NVIDIA card, nvidia-smi or its CUDA version in the text's tail (the regex over a
    10 MB log alone costs a second)."""
    return GPU_MODEL_SEEN_RE.search(scan.text[-200_000:]) is not None


def _gpu_named(scan: Scan) -> str:
    """A GPU named in the text (a model, nvidia-smi, the driver), or ''."""
    tail = scan.text[-200_000:]
    m = GPU_CARD_RE.search(tail) or GPU_SEEN_RE.search(tail)  # a card's name says most
    return m.group(0) if m else ""


def _gpu_seen(scan: Scan) -> str:
    """The text's sign that the machine has an NVIDIA GPU, or ''."""
    if named := _gpu_named(scan):
        return named
    # the reporter expected CUDA (the machine has a GPU, as far as they know)
    m = re.search(r"is_available\(\)[^\n]{0,40}?\b(?:False|false)\b|gpu\s*版", scan.text[-200_000:])
    return m.group(0) if m else ""


# what cudaGetDeviceCount's error numbers mean at torch's CUDA start, where they are known
DEVICE_COUNT_HINTS = {
    "2": "CUDA could not reserve memory as it started: a virtual-memory limit (ulimit -v, a "
    "scheduler's memory limit) or another process holding the GPU",
    "500": "libcuda does not match the kernel driver (a container's libcuda from another driver)",
    "803": "the CUDA driver library does not match the kernel driver (a driver upgraded "
    "without a reboot, or a container's libcuda from another driver)",
    "804": "the CUDA forward-compatibility package runs on a GPU that does not support it "
    "(a datacenter image's cuda-compat on a consumer GPU): remove it from LD_LIBRARY_PATH",
}
# on WSL2 the GPU and libcuda come from the Windows driver
WSL_DEVICE_COUNT_HINTS = {
    "2": "on WSL2 the GPU comes from the Windows driver, which failed to give CUDA its memory: "
    "update the Windows NVIDIA driver, run `wsl --update` and `wsl --shutdown`",
    "500": "libcuda does not match the driver: on WSL2 a Linux NVIDIA driver installed inside "
    "WSL hides the one Windows provides (/usr/lib/wsl/lib); remove it",
}


def explain_device_count_failed(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Unexpected error from cudaGetDeviceCount() ... Error 2: out of memory`: CUDA could not
    start in this process, so torch sees no GPU; the error number says where to look."""
    num, what = hit.groups["num"], hit.groups["what"].strip().rstrip(".")
    if num not in DEVICE_COUNT_HINTS and re.search(
        r"forked subprocess|fork\(\)|prefork", scan.recent
    ):
        return None  # CUDA touched before a fork: the process model, not the machine
    wsl = WSL_RE.search(scan.recent)
    known = (wsl and WSL_DEVICE_COUNT_HINTS.get(num)) or DEVICE_COUNT_HINTS.get(num)
    hint = known or (
        "CUDA was set up before the process forked (DataLoader workers, multiprocessing), or "
        "the driver or the container's GPU access is broken"
    )
    return Diagnosis(
        "BD104",
        f"CUDA could not start in this process (cudaGetDeviceCount failed with Error {num}: "
        f"{what}), so torch sees no usable GPU and torch.cuda.is_available() is False; "
        f"{hint}.",
        "check that `nvidia-smi` works in the same shell, reboot after a driver update, and "
        "run `python -c 'import torch; print(torch.cuda.is_available())'` again. Confirm: "
        "`bertdoctor check-env`",
        tentative=not known,  # an unlisted number (Error 3 after a fork, ...) says less
    )


def explain_cuda_unavailable(hit: Hit, scan: Scan) -> Diagnosis | None:
    if scan.first("driver-too-old-warning"):
        return explain_driver(scan.first("driver-too-old-warning"), scan)  # type: ignore[arg-type]
    if _no_gpu_said(scan):
        # the reporter says the machine has no GPU: the code asks for cuda where there is none
        # (device='cpu', use_cuda=False), no fault of the environment's
        return None
    if "Torch not compiled with CUDA" in hit.text and _on_a_mac(scan):
        return None  # a Mac's torch has no CUDA build: the code must not ask for cuda
    # "Torch not compiled with CUDA" is the CPU-only build's own error ("No CUDA GPUs are
    # available" and "invalid device ordinal" come from a CUDA build)
    if "Torch not compiled with CUDA" in hit.text and (jetson := _jetson(scan, hit.text.strip())):
        return jetson
    if "Torch not compiled with CUDA" in hit.text or hit.pattern.name == "cpu-torch-build":
        seen = (
            "`Torch not compiled with CUDA enabled`"
            if "Torch not compiled" in hit.text
            else hit.text.strip()[:80]
        )
        gpu = _gpu_seen(scan)
        if hit.pattern.name == "cpu-torch-build" and not gpu:
            return None  # a CPU build on a machine without a GPU is no fault
        return Diagnosis(
            "BD101",
            f"this torch is a CPU-only build ({seen}): .cuda() and device='cuda' cannot work, "
            "even with an NVIDIA GPU and driver"
            + (
                f" ({gpu} is mentioned)."
                if gpu
                else "; if this machine has no NVIDIA GPU, the code must not ask for cuda "
                "(device='cpu', or torch.cuda.is_available() before .cuda())."
            ),
            "install a CUDA build of torch with the command from pytorch.org (pip install torch "
            "--index-url https://download.pytorch.org/whl/cu126); plain `pip install torch` on "
            "Windows gives the CPU build. Confirm: `bertdoctor check-env`",
            # without a GPU in sight, the code may simply ask for cuda on a CPU-only machine
            tentative=not gpu,
        )
    return Diagnosis(
        "BD104",
        f"torch sees no usable GPU ({hit.text.strip()[:120]}): CUDA_VISIBLE_DEVICES hides it "
        "or names a GPU that does not exist, the driver is missing or too old, or the container "
        "was started without --gpus.",
        "check `nvidia-smi`, unset CUDA_VISIBLE_DEVICES or set it to an existing index, and "
        "restart after a driver update. Confirm: `bertdoctor check-env`",
        # simpletransformers asks before torch fails, and torch warns (UserWarning) whenever it
        # looks for a GPU: a machine without a GPU reads the same
        tentative=bool(hit.groups.get("use_cuda")) or "Warning" in _line_at(scan.text, hit.start),
    )


def explain_paddle_cpu_build(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Paddle's `AssertionError: Not compiled with CUDA` (fluid's cuda_places): the installed
    paddlepaddle is the CPU build, Paddle's form of BD101."""
    near = scan.text[max(0, hit.start - 1500) : hit.end + 200]
    if _no_gpu_said(scan) or not (
        "PaddlePaddle" in hit.text or re.search(r"paddle[\\/]|cuda_places|paddle\.", near)
    ):
        return None  # (detectron2's or another extension's own ops raise the same words)
    gpu = _gpu_seen(scan)
    return Diagnosis(
        "BD101",
        f"this paddlepaddle is a CPU-only build (`{hit.text.strip()}`): use_cuda / "
        "paddle.set_device('gpu') cannot work, even with an NVIDIA GPU and driver"
        + (f" ({gpu} is mentioned)." if gpu else "."),
        "uninstall paddlepaddle and install paddlepaddle-gpu built for the machine's CUDA version "
        "(the command from paddlepaddle.org.cn's install page); paddle.utils.run_check() then "
        "says it can use the GPU. Confirm: `bertdoctor check-env`",
        tentative=not gpu,  # without a GPU in sight, the code may ask for one on a CPU machine
    )


# the reporter's words: torch is installed (a source, nightly or editable build that transformers'
# package-metadata check does not see)
TORCH_INSTALLED_SAID_RE = re.compile(
    r"(?i)\b(?:torch|pytorch)\b[^\n.]{0,30}?\b(?:is|are|was) (?:already )?installed\b|"
    r"\binstalled (?:torch|pytorch)\b|\bimport torch\b[^\n]{0,30}?\bworks\b|"
    r"\beditable\b|\bnightly\b|\bfrom source\b"
)


def explain_torch_not_found(hit: Hit, scan: Scan) -> Diagnosis:
    """transformers' placeholder class: `BertModel requires the PyTorch library but it was not
    found in your environment`."""
    said = TORCH_INSTALLED_SAID_RE.search(scan.prose)
    what = (
        "the pipeline has no framework to load the model with"
        if hit.text.startswith("At least one")
        else f"{hit.groups.get('what', 'the model class')} is a placeholder that raises"
    )
    return Diagnosis(
        "BD112",
        f"transformers found no torch in the environment that ran the code, so "
        f"{what}: torch is not "
        "installed there (a requirements file or image without it), or its import failed"
        + (
            f"; the report says torch is there ({said.group(0)!r}): a build whose package "
            "metadata transformers does not find (source, nightly, editable) reads the same."
            if said
            else "."
        ),
        "install torch in that environment (the command from pytorch.org) and run "
        '`python -c "import torch"` there to see the import error if it fails. Confirm: '
        "`bertdoctor check-env`",
        tentative=bool(said),
    )


# the reporter: torch is not installed ("Torch doesn't automatically install", "BertModel is
# only imported if torch is available")
TORCH_MISSING_SAID_RE = re.compile(
    r"(?i)\b(?:py)?torch\b[^\n.]{0,40}?\b(?:is not|isn't|was not|wasn't|does not|doesn't|"
    r"did not|didn't)\s+(?:get\s+)?(?:automatically\s+)?install(?:ed)?\b|"
    r"\bonly (?:imported|exported|available|defined) (?:if|when) (?:py)?torch is "
    r"(?:available|installed)\b|\bwithout (?:py)?torch installed\b"
)


def explain_model_class_not_exported(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`cannot import name 'BertModel' from 'transformers'`, where the reporter says torch is
    not installed: transformers before 4.x defined its PyTorch classes only when torch
    imported."""
    said = TORCH_MISSING_SAID_RE.search(scan.prose)
    if not said:
        return None  # an old transformers without the class, or a file shadowing it, as likely
    return Diagnosis(
        "BD112",
        f"transformers has no {hit.groups['name']} to import because torch is missing from the "
        f"environment (the report says {said.group(0)!r}): older transformers releases define "
        "their PyTorch classes only when torch imports.",
        "install torch in that environment (the command from pytorch.org for this platform), "
        'then reinstall transformers there, and run `python -c "import torch"` to see the '
        "import error if it fails. Confirm: `bertdoctor check-env`",
        tentative=True,
    )


def explain_deserialize_cuda(hit: Hit, scan: Scan) -> Diagnosis | None:
    if _no_gpu_said(scan):
        return None  # a GPU checkpoint on a machine without one: map_location='cpu', no fault
    # the message's own "is_available() is False" is no sign of a GPU: only a GPU's name is
    gpu = _gpu_named(scan)
    return Diagnosis(
        "BD104",
        "a checkpoint saved from the GPU is loaded where torch sees no GPU "
        "(torch.cuda.is_available() is False): "
        + (
            f"{gpu} is mentioned, so CUDA does not start (a CPU-only torch (BD101), the driver, "
            "CUDA_VISIBLE_DEVICES)."
            if gpu
            else "a machine without a GPU, a CPU-only torch (BD101), or CUDA that does not start "
            "(driver, CUDA_VISIBLE_DEVICES)."
        ),
        "on a machine without a GPU load with torch.load(path, map_location='cpu'); with a "
        "GPU, find why CUDA is not available: `bertdoctor check-env`",
        # without a GPU in sight, map_location='cpu' is the whole fix and nothing is broken
        tentative=not gpu,
    )


# (ASCII-bounded: "本地win10机器" has no word boundary around win10; "sliding windows" is no OS)
WINDOWS_RE = re.compile(r"(?<![A-Za-z])(?:Windows|WINDOWS|[Ww]in ?(?:10|11|7|8))(?![A-Za-z])")
CUDA_BUILD_SEEN_RE = re.compile(
    r"\+cu\d{2,3}\b|whl/cu\d+|pytorch-cuda|cudatoolkit|torch\.version\.cuda[^\n]{0,20}?\d+\.\d"
)


# the reporter's conda command installs pytorch together with a cudatoolkit version
# (pytorch the package, not the channel of `-c pytorch`)
_CONDA_PYTORCH = r"(?<!-c )(?<!--channel )\bpytorch(?:==?[\d.]+)?(?![\w-])"
CONDA_TOOLKIT_INSTALL_RE = re.compile(
    rf"conda install[^\n`]*?{_CONDA_PYTORCH}[^\n`]*?\bcudatoolkit==?\d|"
    rf"conda install[^\n`]*?\bcudatoolkit==?\d[^\n`]*?{_CONDA_PYTORCH}"
)
# the text shows a CUDA build of torch (its version, collect_env's line, a CUDA build string)
CUDA_BUILD_PROVED_RE = re.compile(
    r"CUDA used to build PyTorch: \d|torch\.version\.cuda[^\n]{0,20}?\d|\+cu\d{2,3}\b|"
    r"pytorch-cuda|_cuda\d|\bcuda_\d"
)
# the run itself is in a Docker container
DOCKER_RUN_RE = re.compile(
    r"(?i)docker run\b|nvidia-docker|docker-compose|\bdocker (?:could|can|does|did|container)|"
    r"\b(?:in|inside) (?:a |the |my )?docker\b"
)
# a GPU index above 0 picked by the script or the shell
HIDING_INDEX_RE = re.compile(
    r"\bCUDA_VISIBLE_DEVICES(?:['\"]\])?\s*=\s*['\"]?(?P<n>[1-9]\d*)['\"]?(?![\d,])"
)
# the reporter names several GPUs: an index above 0 may be one of them
SEVERAL_GPUS_RE = re.compile(
    r"(?i)\b(?:two|three|four|eight|multiple|several|[2-8] ?x?)\b[^\n.]{0,20}?(?:gpus|cards|"
    r"[0-9]{4}s|a100s|v100s|h100s|t4s)\b"
)


# bert-as-service's server: GPUtil found no GPU under 90% memory and load
BERT_SERVING_NO_FREE_GPU_RE = re.compile(r"only 0 GPU\(s\) is available, but ask for \d+")


# an NVIDIA Jetson (JetPack, L4T): its GPU needs NVIDIA's own torch wheels
# (ASCII-bounded: "JetPack5.1", "我在Jetson上")
JETSON_RE = re.compile(
    r"(?i)(?<![a-z])(?:jetson|jetpack)(?![a-z])|(?<![a-z0-9])l4t(?![a-z0-9])|\bxavier (?:nx|agx)\b|"
    r"\bagx orin\b"
)


def _jetson(scan: Scan, said: str) -> Diagnosis | None:
    """CUDA missing on a Jetson: pip's aarch64 torch wheels are CPU-only builds (BD101). Not
    where a discrete card is named too (a Jetson mentioned beside the machine that failed)."""
    board = JETSON_RE.search(scan.ends)
    if not board or GPU_CARD_RE.search(scan.ends):
        return None
    named = "" if board.group(0).lower() == "jetson" else f" ({board.group(0)})"
    return Diagnosis(
        "BD101",
        f"CUDA is not found ({said!r}) on an NVIDIA Jetson{named}: the torch wheels "
        "on PyPI for aarch64 are CPU-only builds, so a plain pip install torch (or an arm64 "
        "image that runs it) has no CUDA for the Jetson's GPU.",
        "install the torch wheel NVIDIA builds for your JetPack release, or build the image on "
        "NVIDIA's PyTorch container for it (l4t-pytorch for JetPack 4 and 5, the NGC -igpu "
        "images for JetPack 6), then check torch.cuda.is_available(). Confirm: "
        "`bertdoctor check-env`",
        tentative=True,  # the torch in use is not named in the text
    )


def explain_jetson_no_cuda(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words on a Jetson: "arm64 not able to detect CUDA"."""
    if "tensorflow" in scan.zone_lower and "torch" not in scan.zone_lower:
        return None  # TensorFlow's own GPU search ("Could not find cuda drivers"): not torch's
    if re.search(r"--runtime[ =]nvidia|--gpus\b", scan.ends):
        return None  # the container's GPU flag is the story, not the torch wheel
    return _jetson(scan, _clip(hit.text.strip()))


def explain_gpu_unused(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: is_available() is False, or training does not use the GPU. No
    error says why, so the answer is the likeliest cause, with the others after it."""
    if _no_gpu_said(scan):
        return None  # the machine has no GPU: the CPU is where it should run
    said = _clip(hit.text.strip())  # the reporter's words, quoted by every reading below
    if jetson := _jetson(scan, said):
        return jetson
    busy = BERT_SERVING_NO_FREE_GPU_RE.search(scan.text)
    if busy:
        return Diagnosis(
            "BD107",
            f"the report says the GPU is not used ({said!r}) and bert-as-service logs "
            f"{busy.group(0)!r}: it counts a GPU as available only while less than 90% of its "
            "memory and load are taken, so every GPU was busy with another process (another "
            "server, a notebook, a training run) and the workers went to the CPU.",
            "find what holds the GPUs with `nvidia-smi` and stop it, or give the server GPUs of "
            "its own (-device_map, CUDA_VISIBLE_DEVICES). Confirm: `bertdoctor check-env` "
            "(BD107 lists each GPU's used memory)",
            causes=(
                "every GPU busy with another process (over 90% of its memory or load)",
                "no nvidia-smi on the PATH: GPUtil then finds no GPU at all",
            ),
            tentative=True,
        )
    hidden = HIDING_INDEX_RE.search(scan.recent)
    if hidden and not SEVERAL_GPUS_RE.search(scan.recent):
        # "export CUDA_VISIBLE_DEVICES=1" on a machine whose one GPU is number 0
        return Diagnosis(
            "BD104",
            f"the report says the GPU is not used ({said!r}) and sets "
            f"CUDA_VISIBLE_DEVICES={hidden.group('n')}: GPUs are numbered from 0, so on a "
            f"machine with fewer than {int(hidden.group('n')) + 1} GPUs that index hides them all "
            "and "
            "torch.cuda.is_available() is False.",
            "set CUDA_VISIBLE_DEVICES to an index that `nvidia-smi` lists (0 on a machine with "
            "one GPU), or leave it unset. Confirm: `bertdoctor check-env`",
            tentative=True,
        )
    if DOCKER_RUN_RE.search(scan.recent) and not re.search(
        r"(?i)\b(?:not using|without|no|not in) (?:a |the )?docker\b", scan.recent
    ):
        return Diagnosis(
            "BD104",
            f"the report says the GPU is not used ({said!r}) in a Docker "
            "container: a container sees the GPU only when it is started with --gpus all "
            "(and the NVIDIA Container Toolkit installed), else torch.cuda.is_available() is "
            "False inside it.",
            "start the container with `docker run --gpus all ...` (compose: deploy.resources."
            "reservations.devices with driver nvidia); `nvidia-smi` inside it must list the GPU. "
            "Confirm: `bertdoctor check-env` inside the container",
            causes=(
                "a CPU-only torch build in the image (torch.version.cuda is None; BD101)",
                "a driver on the host older than the CUDA that torch was built for (BD102)",
            ),
            tentative=True,
        )
    if CONDA_TOOLKIT_INSTALL_RE.search(scan.text) and not CUDA_BUILD_PROVED_RE.search(scan.text):
        # conda's solver falls back to the CPU build (pytorch=...=py3.8_cpu_0) when the
        # channel has no CUDA build of that pytorch for the asked cudatoolkit
        return Diagnosis(
            "BD101",
            f"the report says the GPU is not used ({said!r}) after a conda "
            "install of pytorch with a cudatoolkit version: when the channel has no CUDA build "
            "of that pytorch for that cudatoolkit, conda's solver installs the CPU-only build "
            "(its build string ends in _cpu_0), and torch.cuda.is_available() is False.",
            "check `conda list pytorch` (a build string with cpu is the CPU build); install a "
            "pytorch and cudatoolkit pair that pytorch.org lists together, or the pip wheel for "
            "your CUDA. Confirm: `bertdoctor check-env`",
            causes=(
                "a driver older than the CUDA that torch was built for (BD102)",
                "the code never moves the model and batches to cuda (model.to(device))",
            ),
            tentative=True,
        )
    if (
        (scan.windows or WINDOWS_RE.search(scan.recent))
        and not CUDA_BUILD_SEEN_RE.search(scan.recent)
        and not WSL_RE.search(scan.recent)  # WSL runs Linux wheels, CUDA builds
    ):
        # on Windows, `pip install torch` from PyPI gives the CPU-only build: the usual cause
        return Diagnosis(
            "BD101",
            f"the report says the GPU is not used ({said!r}) on Windows, "
            "where `pip install torch` from PyPI installs the CPU-only build; with it, "
            "torch.cuda.is_available() is False whatever the GPU and driver.",
            'check `python -c "import torch; print(torch.__version__, torch.version.cuda)"` '
            "(a CPU build says +cpu and None); reinstall with the CUDA command from pytorch.org "
            "(pip install torch --index-url https://download.pytorch.org/whl/cu126). Confirm: "
            "`bertdoctor check-env`",
            causes=(
                "a CPU-only torch build (torch.version.cuda is None; BD101)",
                "a driver older than the CUDA that torch was built for (BD102)",
                "the code never moves the model and batches to cuda (model.to(device))",
            ),
            tentative=True,
        )
    return Diagnosis(
        "BD104",
        f"the report says the GPU is not used ({said!r}): when "
        "torch.cuda.is_available() is False, the run falls back to the CPU.",
        'run `python -c "import torch; print(torch.__version__, torch.version.cuda, '
        'torch.cuda.is_available())"` and `nvidia-smi` in the same environment; then fix what '
        "they show. Confirm: `bertdoctor check-env`",
        causes=(
            "a CPU-only torch build (torch.version.cuda is None; BD101)",
            "a driver older than the CUDA that torch was built for (BD102)",
            "CUDA_VISIBLE_DEVICES empty or wrong, or a container started without --gpus",
            "the code never moves the model and batches to cuda (model.to(device))",
        ),
        tentative=True,
    )


def explain_driver(hit: Hit, scan: Scan) -> Diagnosis:
    found = hit.groups.get("found")
    seen = f" (driver found: version {found})" if found else ""
    if "call" in hit.groups:
        seen = f" ({hit.groups['call']} failed with CUDA error 35, cudaErrorInsufficientDriver)"
    # (Paddle's own modules in the traceback: paddle/fluid/..., paddle.fluid.core_avx)
    paddle = re.search(r"\bpaddle[./\\](?:fluid|base|framework|platform|phi)", scan.text)
    built = "paddlepaddle-gpu" if paddle else "torch"
    where = "paddlepaddle.org.cn" if paddle else "pytorch.org"
    return Diagnosis(
        "BD102",
        f"the NVIDIA driver is older than the CUDA runtime this {built} was built with{seen}.",
        f"update the NVIDIA driver, or install a {built} built for an older CUDA ({where}, "
        "'previous versions'). Confirm: `bertdoctor check-env`",
    )


def explain_arch(hit: Hit, scan: Scan) -> Diagnosis:
    if hit.text.startswith("HIP"):
        override = re.search(
            r"HSA_OVERRIDE_GFX_VERSION[`'\"]?\s*(?:to\s+|=\s*)(\d+(?:\.\d+)*)", scan.text
        )
        return Diagnosis(
            "BD103",
            "this ROCm build of torch has no kernels for the GPU's gfx architecture: every GPU "
            "operation fails with `HIP error: invalid device function`"
            + (
                f" (HSA_OVERRIDE_GFX_VERSION={override.group(1)} names an architecture the "
                "build lacks)."
                if override
                else "."
            ),
            "install a ROCm torch built for this GPU (pytorch.org's ROCm wheels list the gfx "
            "targets; a newer ROCm release for a new GPU), or set HSA_OVERRIDE_GFX_VERSION to a "
            "supported architecture of the same family and check the results. Confirm: "
            "`bertdoctor check-env`",
        )
    warn = scan.first("arch-not-compatible")
    detail = ""
    if warn:
        detail = (
            f" ({warn.groups['gpu'].strip()} is {warn.groups['sm']}; this torch supports "
            f"{warn.groups.get('supported') or 'other architectures'})"
        )
    return Diagnosis(
        "BD103",
        f"this torch has no kernels for the GPU's compute capability{detail}: every CUDA "
        "operation fails with `no kernel image is available`.",
        "install a torch built for this GPU (an RTX 50xx needs a CUDA 12.8 build: pip install "
        "torch --index-url https://download.pytorch.org/whl/cu128; an old card needs an older "
        "torch). Confirm: `bertdoctor check-env`",
    )


# packages with native libraries of their own, whose load failures read like torch's
OTHER_PACKAGES_RE = re.compile(
    r"tensorflow|onnx|paddle|jax|mxnet|bitsandbytes|sklearn|scipy|fugashi|mecab|sudachi|cv2|"
    r"opencv|pyarrow|lightgbm|xgboost|faiss"
)


def _torch_seen(scan: Scan) -> bool:
    """The traceback or the code shows torch being imported."""
    return bool(
        re.search(r"torch[\\/]__init__\.py|import torch|from torch|torch[\\/]lib", scan.zone_lower)
    )


def explain_torch_too_old(hit: Hit, scan: Scan) -> Diagnosis:
    need = hit.groups.get("need")
    if need:
        why = (
            f"this transformers refuses to torch.load a pickle checkpoint (pytorch_model.bin) "
            f"with a torch older than {need} (a torch.load vulnerability, CVE-2025-32434); "
            "safetensors files are exempt"
        )
        fix = (
            f"install torch>={need} (or pin transformers to the release the project was written "
            "for), or load a model.safetensors copy of the weights"
        )
    else:
        why = (
            "the checkpoint was saved by torch >= 1.6 in its zip format, and the installed "
            "torch is older than 1.6 and cannot read it"
        )
        fix = "pip install -U torch: a release the installed transformers supports"
    return Diagnosis("BD106", f"{why}.", f"{fix}. Confirm: `bertdoctor check-env`")


# Windows' "The paging file is too small for this operation to complete" (WinError 1455)
PAGEFILE_RE = re.compile(r"WinError 1455|paging file is too small|页面文件太小")


def explain_torch_import(hit: Hit, scan: Scan) -> Diagnosis | None:
    if "NumPy" in hit.text or "_ARRAY_API" in hit.text or "multiarray" in hit.text:
        if "torch" not in scan.text[max(0, hit.start - 5000) : hit.end + 5000]:
            return None  # another package built for NumPy 1, not torch
        return Diagnosis(
            "BD112",
            f"torch cannot be imported: it was built against NumPy 1 and this environment has "
            f"NumPy 2 ({' '.join(hit.text.split())[:90]}).",
            "pip install 'numpy<2' in this environment, or upgrade torch to a release built for "
            "NumPy 2 (torch >= 2.3). Confirm: `bertdoctor check-env`",
        )
    if PAGEFILE_RE.search(scan.text):
        # Windows ran out of virtual memory loading the DLL (DataLoader workers each import
        # torch): the install is fine; fewer workers or a larger page file, no rule's cause
        return None
    torch_seen = "torch" in hit.text or _torch_seen(scan)
    if not torch_seen and OTHER_PACKAGES_RE.search(scan.zone_lower):
        return None  # another package's DLL: outside the rules
    return Diagnosis(
        "BD112",
        f"torch itself cannot be imported: {hit.text.strip()[:160]}.",
        "on Windows install the Visual C++ 2015-2022 redistributable; otherwise reinstall torch "
        "for this Python (and numpy<2 for a torch built against NumPy 1). Confirm: "
        "`bertdoctor check-env`",
        tentative=not torch_seen,  # a DLL of which package, the text does not say
    )


def torch_core_missing(seen: str, *, tentative: bool) -> Diagnosis:
    """torch's compiled core (torch._C) did not load: `No module named 'torch._C'`, or
    `NameError: name '_C' is not defined` from torch/__init__.py."""
    return Diagnosis(
        "BD112",
        f"torch cannot be imported ({seen}): its compiled core, torch._C, did not load, so the "
        "torch Python finds is a broken install (a wheel of another Python version or "
        "platform, an interrupted install) or a torch source folder in the working directory.",
        "run from another folder than a pytorch checkout; otherwise pip uninstall torch (until "
        "it says it is not installed) and install it again for this Python (in R's reticulate, "
        "in the conda environment it uses). Confirm: `bertdoctor check-env`",
        causes=("a torch/ folder of the working directory shadowing the install (BD312)",),
        tentative=tentative,
    )


def explain_torch_c_undefined(hit: Hit, scan: Scan) -> Diagnosis:
    """`NameError: name '_C' is not defined`: torch/__init__.py without its compiled core."""
    near = scan.text[max(0, hit.start - 4000) : hit.end + 500]
    # torch named near it ("import torch", "maybe torch"); another package's _C otherwise
    return torch_core_missing(f"`{hit.text}`", tentative=not re.search(r"\btorch\b", near))


# a C or C++ runtime library without the symbol version a compiled extension needs
GLIBC_LINE_RE = re.compile(
    r"(?P<lib>lib(?:stdc\+\+|c|m|gcc_s)\.so[\w.]*): version [`'‘](?P<version>"
    r"(?:GLIBCXX|GLIBC|CXXABI)_[\d.]+)['’] not found"
)


# a line that ties a failed library version to torch: its path, or the reporter's import
TORCH_NEAR_RE = re.compile(r"torch[\\/]|libtorch|libc10|import torch|from torch\b")


def explain_glibc_version(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`libstdc++.so.6: version `GLIBCXX_3.4.29' not found`: a torch wheel built against a newer
    C++ runtime (or C library) than the environment's. Tied to torch by the library's path in
    the line, or by `import torch` just before it; another package's extension is no rule's."""
    for m in GLIBC_LINE_RE.finditer(scan.text):
        line = _line_at(scan.text, m.start())
        before = scan.text[max(0, m.start() - 300) : m.start()]
        if not (TORCH_NEAR_RE.search(line) or TORCH_NEAR_RE.search(before)):
            continue
        lib, version = m.group("lib"), m.group("version")
        if version.startswith("GLIBCXX") or version.startswith("CXXABI"):
            why = (
                f"{lib} in this environment is older than the C++ runtime torch was built "
                f"against ({version}): conda's own libstdc++ is found first, or the system's is "
                "too old"
            )
            fix = (
                "update the environment's C++ runtime (conda install -c conda-forge "
                "'libstdcxx-ng>=12'), or put the system's newer libstdc++ first on "
                "LD_LIBRARY_PATH; then `python -c 'import torch'`"
            )
        else:
            why = (
                f"the system's C library is older than the {version} the torch wheel needs: an "
                "old Linux (CentOS 7, an HPC cluster) for a wheel built for newer ones"
            )
            fix = (
                "install a torch release built for this glibc (older wheels, or conda-forge's "
                "builds), or run in a container with a newer OS"
            )
        return Diagnosis(
            "BD112",
            f"torch cannot be imported: {why}.",
            f"{fix}. Confirm: `bertdoctor check-env`",
        )
    return None


def explain_static_tls(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`dlopen: cannot load any more object with static TLS`: an old glibc has no room left for
    another library's thread-local storage (libgomp, torch's own) when torch loads after other
    compiled packages. Tied to torch by a frame or line of its import; another library's
    failure is no rule's."""
    before = scan.text[max(0, hit.start - 3000) : hit.start]
    if not re.search(r"torch[\\/]__init__\.py|_load_global_deps|libtorch|libc10", before):
        return None
    return Diagnosis(
        "BD112",
        "torch cannot be imported: loading its libraries fails with `cannot load any more "
        "object with static TLS`: the system's C library (an old glibc) has no room left for "
        "their thread-local storage once other compiled packages are loaded.",
        "import torch before the other compiled packages (sklearn, cv2, spacy) at the top of "
        "the script, or run on a newer OS or in a container with a newer glibc. Confirm: "
        "`bertdoctor check-env`",
    )


# a torchvision that does not fit the installed torch (transformers imports it even for BERT)
TORCHVISION_REINSTALL = (
    "install the torchvision release made for the installed torch, from the same index (pip "
    "install torch torchvision --index-url ...), or uninstall torchvision when nothing needs it"
)


def explain_cuda_backend_missing(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Could not run 'aten::empty.memory_format' with arguments from the 'CUDA' backend ...
    only available for these backends: [CPU, Meta, ...]`: an operator of torch itself without a
    CUDA kernel is a CPU-only build; torchvision's operators without one are a torchvision
    built for another torch. Other operators (quantized, an extension's) are no rule's."""
    op = hit.groups.get("op", "")
    listed = re.search(r"only available for these backends: \[([^\]]*)", scan.text[hit.end :])
    backends = {b.strip() for b in listed.group(1).split(",")} if listed else set()
    if op.startswith("torchvision::"):
        return Diagnosis(
            "BD105",
            f"torchvision's operator {op} has no CUDA kernel: the installed torchvision is a CPU "
            "build, or built for another torch than the CUDA one installed.",
            f"{TORCHVISION_REINSTALL}. Confirm: `bertdoctor check-env`",
        )
    if not op.startswith("aten::") or not backends or "CUDA" in backends:
        return None
    if "QuantizedCPU" in backends and "CPU" not in backends:
        return None  # a quantized model's operator: quantized models run on the CPU only
    return Diagnosis(
        "BD101",
        f"torch's own operator {op} has no CUDA kernel in this build (its backends: "
        f"{', '.join(sorted(b for b in backends if 'CUDA' not in b))[:80]}): the torch (or "
        "libtorch) that runs is a CPU-only build, so nothing can run on the GPU.",
        "install a CUDA build (pip install torch --index-url https://download.pytorch.org/whl/"
        "cu126; for libtorch, download the CUDA libtorch and point LIBTORCH at it). Confirm: "
        "`bertdoctor check-env`",
    )


def explain_python_symbol(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Symbol not found: _PySlice_Unpack` (macOS) or `undefined symbol: PySlice_Unpack`
    (Linux) from torch's compiled part: a wheel built for a newer Python than the one that
    loads it. Another package's extension is outside the rules."""
    near = scan.text[max(0, hit.start - 300) : hit.end + 300]
    if not re.search(r"torch[\\/]|libtorch|_C\.\w*(?:so|pyd)", near):
        return None
    symbol = hit.groups.get("symbol", "")
    return Diagnosis(
        "BD112",
        f"torch's compiled part needs the Python function {symbol}, which this interpreter "
        "does not have: the torch wheel was built for another (newer) Python than the one "
        "running it (PySlice_Unpack, for one, exists only from Python 3.6.1 on).",
        "install the torch wheel made for this Python (pip install --force-reinstall torch "
        "from this interpreter), or upgrade Python to the latest patch release of its "
        "version. Confirm: `bertdoctor check-env`",
    )


def explain_torch_lib_symbol(hit: Hit, scan: Scan) -> Diagnosis:
    """`import torch` fails with `libtorch_cuda.so: undefined symbol: ncclCommInitRankConfig`:
    torch's own library was built against another release of a library it loads (NCCL,
    cuDNN, cuBLAS) than the one the loader found."""
    symbol = hit.groups.get("symbol", "")
    which = (
        "NCCL"
        if symbol.startswith("nccl")
        else "cuDNN"
        if symbol.startswith("cudnn")
        else "cuBLAS"
        if symbol.startswith("cublas")
        else "a library it was built with"
    )
    return Diagnosis(
        "BD112",
        f"torch cannot be imported: {hit.groups['lib']} needs {symbol} from {which}, and the "
        f"{which} library the loader found is another release (a pip package such as "
        "nvidia-nccl-cu12 upgraded or downgraded by another install, or LD_LIBRARY_PATH "
        "pointing at a system CUDA).",
        "reinstall torch with the CUDA libraries of its own release (pip install "
        "--force-reinstall torch==VERSION from pytorch.org's index), install the other "
        "packages with --no-deps or a constraint that keeps that torch, and unset "
        "LD_LIBRARY_PATH. Confirm: `bertdoctor check-env`",
    )


# names torch has only from a release on: whoever imports them needs that torch at least
TORCH_NAMES_SINCE = {
    # torch 2.0 made LRScheduler public (it was _LRScheduler); transformers' trainer imports
    # it from 4.48 on
    ("LRScheduler", "torch.optim.lr_scheduler"): "2.0",
}


def library_of(path: str) -> str:
    """The package a traceback frame's file belongs to: an installed one (site-packages/NAME/)
    or a known library run from its clone (src/transformers/...); '' for the user's code."""
    found = re.search(r"(?:site|dist)-packages[\\/](\w+)", path) or re.search(
        r"[\\/](transformers|accelerate|peft|safetensors|sentence_transformers|optimum|diffusers)"
        r"[\\/][^\\/]+\.py$",
        path,
    )
    return found.group(1) if found else ""


def explain_torch_too_old_for(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`cannot import name 'amp' from 'torch.cuda'` raised in a library's module: the library
    (simpletransformers, transformers, sentence-transformers) was written for another torch."""
    name, module = hit.groups["name"], hit.groups["module"]
    if since := TORCH_NAMES_SINCE.get((name, module)):
        return Diagnosis(
            "BD106",
            f"the code imports {name} from {module}, which torch has only from {since} on: the "
            "installed torch is older than the transformers (or the library) that imports it.",
            f"upgrade torch (pip install 'torch>={since}' from the index for your CUDA), or "
            "install the transformers release made for this torch. Confirm: "
            "`bertdoctor check-env`",
        )
    frames = [f for f in scan.frames if f.pos < hit.start]
    if not frames or not frames[-1].is_library or re.search(r"[\\/]torch[\\/]", frames[-1].path):
        return None  # the user's own import, or torch importing itself
    who = library_of(frames[-1].path) or "a library"
    return Diagnosis(
        "BD106",
        f"{who} imports {hit.groups['name']} from {hit.groups['module']}, which the installed "
        "torch does not have: the torch is older (or newer) than the release of "
        f"{who} was written for (torch.cuda.amp, for one, came with torch 1.6).",
        f"install a torch in the range {who} asks for (see its requirements), or the {who} "
        "release made for this torch. Confirm: `bertdoctor check-env`",
        tentative=True,
    )


def explain_torch_shared_lib(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`ImportError: libcudnn.so.8: cannot open shared object file`: a library torch was built
    with is not found. TensorFlow, JAX or ONNX Runtime raise the same for their own builds."""
    lib = hit.groups.get("lib", "a CUDA library")
    if "error while loading shared libraries" in _line_at(scan.text, hit.start):
        # the system's loader starting a compiled program (a C++ or Rust binary linked against
        # libtorch): no Python import of torch failed
        return None
    torch_seen = _torch_seen(scan)
    if not torch_seen and OTHER_PACKAGES_RE.search(scan.zone_lower):
        return None  # another framework's build: outside the rules
    return Diagnosis(
        "BD112",
        f"torch cannot be imported: {lib} is not found (a torch wheel whose CUDA libraries are "
        "missing or of another version: the nvidia-* pip packages of another torch, or a "
        "LD_LIBRARY_PATH that points at a system CUDA first).",
        "reinstall torch with the index of its CUDA version (pip install torch --index-url "
        "https://download.pytorch.org/whl/cu126) in a clean environment, and unset "
        "LD_LIBRARY_PATH entries that point at another CUDA. Confirm: `bertdoctor check-env`",
        tentative=not torch_seen,
    )


# the reporter's story of an out-of-memory error already dealt with: "Due to CUDA out of memory
# error, I set max_seq_length to 64 ... it didn't bring CUDA out of memory error, but instead"
OOM_PAST_RE = re.compile(
    r"(?i)\b(?:due to|because of|to avoid|to fix|to solve|after)\b[^\n.]{0,20}?(?:the |a )?"
    r"(?:CUDA |GPU )?(?:out of memory|OOM)\b|\b(?:didn't|did not|no longer|doesn't|does not)\b"
    r"[^\n.]{0,30}?(?:CUDA |GPU )?(?:out of memory|OOM)\b"
)


# the reporter's words say the memory error did not happen
AVOIDED_RE = re.compile(
    r"(?i)\b(?:don't|do not|didn't|did not|no longer|without|avoid\w*) (?:get|hit|see|run)"
)


# the reporter tried gradient accumulation against the out-of-memory ("grad_acc设成4还是溢出")
GRAD_ACCUMULATION_TRIED_RE = re.compile(
    r"(?i)(?<![a-z])grad(?:ient)?[_ ]acc(?:um[a-z_]*)?(?![a-z0-9_])[^\n。]{0,12}?"
    r"(?:设成|设为|设置为|=|to|of)\s*\d+|"
    r"梯度累[积加]"
)


def _earlier_oom(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words deny this mention ("不会出现显存溢出", "no OOM happens"): the
    mention before it, if one, may be the memory error they hit ("...时显存溢出。2. 其他的数据
    可以成功，不会出现显存溢出"). Only the prose pattern's last mention is found first."""
    lo = max(scan.zone_start, hit.start - 20_000)
    earlier = [
        m for m in hit.pattern.regex.finditer(scan.text, lo, hit.start) if m.end() <= hit.start
    ]
    if not earlier:
        return None
    m = earlier[-1]
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    at = replace(hit, groups=groups, start=m.start(), end=m.end(), text=m.group(0))
    diagnosis = explain_oom(at, scan)
    return replace(diagnosis, read_at=diagnosis.read_at or at) if diagnosis else None


def explain_oom(hit: Hit, scan: Scan) -> Diagnosis | None:
    z = scan.text[_line_start(scan.text, hit.start) : hit.end + 600]
    if (
        hit.text.startswith("Resource exhausted")
        and "when OOM happens" not in scan.text[hit.end : hit.end + 3000]
    ):
        return None  # TensorFlow's memory, not said to be the GPU's: only its OOM hint says so
    if (
        (scan.exc_start is None or hit.start < scan.exc_start)
        and OOM_PAST_RE.search(_line_at(scan.text, hit.start))
        and any(
            h.start > hit.start and h.pattern.kind == "error" and h.pattern.code != "BD509"
            for h in scan.hits
        )
    ):
        return None  # an error the reporter got past; the one that follows is the question
    if hit.pattern.name == "oom-prose":
        if re.search(
            r"(?i)(?:\bnot|n't|\bno)\s+(?:an?\s+|the\s+)?$|不是\s*$",
            scan.text[_line_start(scan.text, hit.start) : hit.start],
        ):
            return None  # "It's not GPU OOM": the reporter rules the GPU's memory out
        if re.search(
            r"(?i)\b(?:whether|in case|unless|until|if|when|before)(?:\s+(?:an?|the))?\s*$",
            scan.text[max(0, hit.start - 25) : hit.start],
        ):
            # "to check whether OOM happens", "in case an OOM happens later": a mention of one
            # that may come, not one that came
            return _earlier_oom(hit, scan)
        if re.search(
            r"(?i)\b(?:no|not|never|without)\s+(?:an?\s+)?(?:oom|out.of.memory)\b", hit.text
        ):
            return _earlier_oom(hit, scan)  # "batch size 16 ... no OOM happens": one that fits
        if re.search(r"(?:不|没|未)\S{0,4}(?i:oom|out of memory)", hit.text) or re.search(
            r"(?:不|没|未)[^\n，。,]{0,4}$", scan.text[max(0, hit.start - 6) : hit.start]
        ):
            # "改成 8 之后就不会oom了", "没再OOM了": the OOM the change ended
            return _earlier_oom(hit, scan)
        if (
            scan.exc_start is not None
            and hit.start < scan.exc_start
            and not re.search(r"(?i)memory|alloc|\boom\b|显存|内存", scan.exception)
        ):
            return None  # the error quoted after the words is another one: it is the question
        # the clause that names the memory error ("... but with 128 I got OOM" is the last one)
        clause = re.split(r"\bbut\b|[,;]", scan.text[max(0, hit.start - 12) : hit.end])[-1]
        if AVOIDED_RE.search(clause) and not re.match(f"(?i){BATCH_OF_ONE}", hit.text):
            # "so that I don't get the out-of-memory error": one avoided (but "batch size 1 so
            # I don't run out of memory" says only one example fits)
            return None
    if hit.text.endswith("ResourceExhaustedError") and re.match(
        r"\s*(?:from|import|except|if|elif|raise)\b|.*\bisinstance\(",
        _line_at(scan.text, hit.start),
    ):
        return None  # a line of code that imports, catches or tests for the class: no report
    if re.fullmatch(r"内存(?:溢出|不足|不够)|(?:[\w.]*\.)?ResourceExhaustedError", hit.text) and (
        # (gradient accumulation tried against it: a knob for the GPU's memory alone)
        not (_gpu_named(scan) or GRAD_ACCUMULATION_TRIED_RE.search(scan.text))
        or NO_GPU_SAID_RE.search(scan.text)
    ):
        return None  # the machine's memory, as far as the text says
    tried = re.search(r"Tried to allocate ([\d.]+ [KMGT]i?B)", z)
    # (torch 2.1 printed "total capacty")
    total = re.search(r"([\d.]+ [KMGT]i?B) total capacity|total capaci?ty of ([\d.]+ [KMGT]i?B)", z)
    free = re.search(r"([\d.]+ [KMGT]i?B) free|of which ([\d.]+ [KMGT]i?B) is free", z)
    other = re.search(r"Process (\d+) has ([\d.]+ [KMGT]i?B) memory in use", z)
    tf_shape = re.search(r"OOM when allocating tensor with shape ?\[([\d, ]+)\]", z)
    request = re.search(r"Failed to allocate request for ([\d.]+ ?[KMGT]i?B)", z)
    parts = [f"a tensor of shape [{tf_shape.group(1)}]"] if tf_shape else []
    if request:
        parts.append(f"failed to allocate {request.group(1)}")
    if hit.text.startswith("Resource exhausted"):
        parts.append(f"TensorFlow: `{hit.text}`")
    if tried:
        parts.append(f"tried to allocate {tried.group(1)}")
    if total:
        parts.append(f"GPU total {total.group(1) or total.group(2)}")
    if free:
        parts.append(f"free {free.group(1) or free.group(2)}")
    if not parts and hit.pattern.name == "oom-prose":
        parts.append(f"the report says {hit.text!r}")
    elif not parts and "cudaMalloc" in hit.text:
        parts.append(f"`{hit.text}`, another framework's allocator")  # MXNet's, CuPy's
    seen = f" ({', '.join(parts)})" if parts else ""
    extra = (
        f" Another process (pid {other.group(1)}) holds {other.group(2)}: close it "
        "(a notebook kernel, an earlier run) first."
        if other and "Including non-PyTorch" in z
        else ""
    )
    # the report's end names the device (a log of megabytes is not searched for it)
    tpu = "memory space hbm" in hit.text or (
        re.search(r"\bTPU\b", scan.recent) and not re.search(r"(?i)\bcuda\b|\bgpu", scan.recent)
    )
    device = "TPU" if tpu else "GPU"
    vague = hit.pattern.name == "oom-prose" and (
        not re.search(r"(?i)gpu|cuda|显存", hit.text)
        # "can not fit to the GPU": a model too big for it, or a sentence on fitting the data
        or bool(re.search(r"\bfit\b", hit.text))
        # "GPU Memory error": an illegal memory access reads alike
        or bool(re.search(r"(?i)memory errors?$", hit.text))
    )
    if "implicit initialization" in hit.text:
        # TensorFlow could not even start on the GPU: the memory was taken before the model
        # (another process, or a TensorFlow session that took all of it), not by the batch
        return Diagnosis(
            "BD509",
            "the GPU had no memory left when TensorFlow started on it (implicit initialization "
            "failed: out of memory): another process holds it (BD107), or an earlier "
            "TensorFlow session in the same notebook took all of it.",
            "nvidia-smi shows who holds the memory: stop that process (a notebook kernel, an "
            "earlier run); let TensorFlow grow its memory (tf.config.experimental."
            "set_memory_growth(gpu, True), or allow_growth in TF1) and pick a free GPU with "
            "CUDA_VISIBLE_DEVICES. Confirm: `bertdoctor check-env`",
            causes=("another process holds the GPU's memory (BD107)",),
            tentative=True,
        )
    if hit.text.startswith("Cuda Error in "):
        return Diagnosis(
            "BD509",
            f"TensorRT ran out of GPU memory (`{hit.text}`) while it built or ran the engine: "
            "its workspace and the engine's buffers for the largest batch and sequence length "
            "did not fit in the GPU's free memory.",
            "lower the builder's workspace (trtexec --workspace=2048 in TensorRT 7, "
            "--memPoolSize=workspace:2048 from 8.4; max_workspace_size in the builder config) "
            "and the profile's largest batch size and sequence length; free "
            "the GPU from other processes (nvidia-smi). Confirm the GPU's free memory with "
            "`bertdoctor check-env`",
        )
    if hit.text.startswith("CUDA failed with error"):
        # CTranslate2: an inference engine, so no gradients, accumulation or checkpointing
        return Diagnosis(
            "BD509",
            f"CTranslate2 ran out of GPU memory{seen}: the batch, the input lengths or the "
            "model's compute type need more than the GPU has free.",
            "a smaller max_batch_size (or batch), shorter inputs (truncate to the model's "
            'length), compute_type="int8_float16", and a GPU that no other process holds '
            "(nvidia-smi). Confirm the GPU's free memory with `bertdoctor check-env`",
        )
    if "std::bad_alloc" in hit.text:
        # RAPIDS' memory manager: cuML's UMAP or HDBSCAN (BERTopic on the GPU), not the model
        return Diagnosis(
            "BD509",
            "the GPU ran out of memory in RAPIDS' memory manager (RMM, `std::bad_alloc: "
            "out_of_memory`): cuML's UMAP or HDBSCAN holds the whole embedding matrix on the GPU, "
            "and it did not fit.",
            "fit on fewer documents (or a sample, then transform the rest in chunks), reduce the "
            "embeddings' dimension, let cuML's UMAP keep the data on the host (fit_transform(X, "
            "data_on_host=True) with build_algo='nn_descent'), or run UMAP on the CPU; "
            "free the GPU from the embedding model first (del model; torch.cuda.empty_cache()). "
            "Confirm the GPU's free memory with `bertdoctor check-env`",
        )
    if vague:
        near = scan.text[max(0, hit.start - 300) : hit.end + 300]
        if re.search(r"(?<![A-Za-z])RAM(?![A-Za-z])|CPU memory|system memory", near) and not (
            re.search(r"(?i)\bgpus?\b|\bcuda\b|titan|\brtx|\bgtx|tesla", near)
        ):
            return None  # the machine's memory, not the GPU's (GPUs named too: likely only)
    capacity = (total.group(1) or total.group(2)) if total else None
    if tried and capacity and _bytes(tried.group(1)) > _bytes(capacity):
        extra += (
            f" That one allocation is larger than the whole {device}: freeing memory cannot help; "
            "the tensor itself is too big (a batch or max_length far larger than meant, "
            "logits over the whole vocabulary at every position, a whole dataset moved to the "
            "GPU at once)."
        )
    return Diagnosis(
        "BD509",
        f"the {device} ran out of memory{seen}.{extra}",
        "in order of ease: a smaller batch size with gradient accumulation to keep the "
        "effective batch (batch 8 x accumulation 4), a shorter max_length, bf16/fp16 "
        "autocast, gradient checkpointing (model.gradient_checkpointing_enable()); keep losses "
        "as numbers (loss.item()). Confirm the lengths with "
        f"`{_check_data(scan)}` and the GPU's free memory with `bertdoctor check-env`",
        tentative=vague,
    )


def _bytes(size: str) -> float:
    """'118.77 GiB' -> bytes (KiB/KB alike: only compared with another such size)."""
    number, unit = size.split()
    return float(number) * 1024 ** "BKMGT".index(unit[0])


def explain_fp16_overflow(hit: Hit, scan: Scan) -> Diagnosis | None:
    """apex's `Gradient overflow. Skipping step, loss scaler 0 reducing loss scale to X` and
    DeepSpeed's `OVERFLOW! Rank 0 Skipping step. Attempted loss scale: X, reducing to Y`: an
    occasional halving is normal; a scale below 1 (or at DeepSpeed's minimum) means every step
    overflows and is skipped."""
    scales = [
        float(v)
        for v in re.findall(
            r"(?:reducing loss scale to|reducing to|Using dynamic loss scale of) "
            r"([\d.]+(?:e[+-]?\d+)?)",
            scan.recent,
            re.I,
        )
    ]
    n = len(hit.pattern.regex.findall(scan.recent))  # every overflow line, not the kept hits
    at_minimum = "loss scale already at minimum" in scan.recent
    low = min(scales) if scales else None
    collapsed = at_minimum or (low is not None and low < 1)
    # the numbered form (old apex and DeepSpeed scalers): overflow at every one of a run of
    # iterations, down to a low scale (a scaler that starts at 2**32 overflows ~16 times in a
    # row while it finds its scale: normal); a number repeated by several ranks continues it
    steps = [int(i) for i in re.findall(r"Grad overflow on iteration:? (\d+)", scan.recent)]
    run = best = 1 if steps else 0
    for a, b in itertools.pairwise(steps):
        run = run + 1 if b in (a, a + 1) else 1
        best = max(best, run)
    if best >= 5 and (low is None or low > 1024):
        best = 0
    # a scale of 16 or less: gradients that overflow fp16 even when scaled down 4000-fold (the
    # scaler starts at 65536 and settles at 2**10-2**15 for BERT)
    sunk = (
        low is not None
        and low <= 16
        and n >= 3
        # beside trouble: a NaN or Inf, or a loss that jumps (a low scale that then trains on
        # is the scaler doing its work)
        and bool(
            re.search(r"(?i)(?<![a-z_])(?:nan|inf)(?![a-z_])", scan.recent)
            or scan.first("loss-spike-prose")
        )
    )
    if not collapsed and n < 20 and best < 5 and not sunk:
        return None  # a few halvings while the scaler finds its scale: normal
    seen = (
        "the loss scale reached its minimum and the run stopped"
        if at_minimum
        else f"the loss scale fell to {low:g}"
        if low is not None and (low < 1 or sunk)
        else f"{best} iterations in a row overflowed, with the loss scale down to {low:g}"
        if best >= 5 and low is not None
        else f"{n} overflow messages, each a skipped step"
    )
    return Diagnosis(
        "BD508",
        f"every fp16 step overflows and is skipped: {seen} ({n} overflow lines). "
        "The model does not train; the loss turns NaN next.",
        "mask attention scores with torch.finfo(dtype).min instead of -1e9 or -10000 in fp16, "
        "average the loss rather than summing it, lower the learning rate, or train in bf16 "
        "(no loss scaling) or fp32; check the checkpoint's weights are finite with "
        f"`bertdoctor check-model {scan.model_arg}`",
        tentative=not collapsed,  # many overflows, but the scale still above 1
    )


# the loss of the held-out data, named before "loss"
HELD_OUT_LOSS_RE = re.compile(r"(?i)\b(?:val|eval|validation|valid|dev|test)(?:_| |ation )loss")


def explain_loss_spike_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: the loss jumps up ("sudden loss spike", "loss突然变大"). Beside fp16
    overflow messages whose scale sank, the jump is the scaler's collapse (BD508)."""
    collapsed = _scale_collapsed(scan)
    if collapsed:
        return collapsed
    if HELD_OUT_LOSS_RE.search(scan.text, max(0, hit.start - 25), hit.end) and not _jumped(
        scan.text, hit.end
    ):
        return None  # a validation loss that rises while training goes on: overfitting
    return _LOSS_GOES_UP(hit, scan)


# "increased from 1.8 at epoch 14 to 10.1 at epoch 15": the values of a rise, told in prose
# (the line may wrap before "to")
LOSS_FROM_TO_RE = re.compile(
    r"(?i)^[^\n.!?]{0,20}?\bfrom\s+(?P<a>\d+(?:\.\d+)?)\b(?:[^\n!?]|\n(?!\n)){0,30}?\s+to\s+"
    r"(?P<b>\d+(?:\.\d+)?)\b"
)


def _jumped(text: str, pos: int) -> bool:
    """The words after a held-out loss's rise give its values, and the loss at least tripled
    and rose by 2 or more (1.8 to 10.1): the run diverged, where overfitting creeps up (0.35
    to 0.6, or 0.25 to 0.9 over many epochs)."""
    m = LOSS_FROM_TO_RE.search(text[pos : pos + 120])
    if not m:
        return False
    a, b = float(m["a"]), float(m["b"])
    return b >= 3 * a > 0 and b - a >= 2


_LOSS_GOES_UP = _simple_likely(
    "BD503",
    "the report says the loss goes up during training ({text!r}): an update far larger than the "
    "others (exploding gradients), from a learning rate too high for part of the model (a CRF or "
    "head given its own large rate), no gradient clipping, no warmup, or a loss summed over "
    "tokens instead of averaged.",
    "clip the gradients (torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)), lower the "
    "learning rate (a CRF/head rate 10-100x BERT's, not 1000x), warm up over the first 6-10% of "
    "the steps, and average the loss. Confirm: `bertdoctor check-run OUTPUT_DIR`",
)


# an accuracy's name in a log ("acc", "eval_accuracy", Keras' "val_accuracy"), and its value
ACCURACY_NAME = r"(?<![a-z_])(?:(?:val|dev|test|eval|valid)_)?acc(?:uracy)?"
ACCURACY_LOGGED_RE = re.compile(
    rf"(?i)(?P<name>{ACCURACY_NAME})['\"]?\s*[=:]\s*(?P<v>0?\.\d+|1\.0*)(?![\d.%])"
)
# a line of a training log: a timestamp, an epoch or a step (Keras' bar: "/step")
LOG_LINE_RE = re.compile(r"(?i)\d\d:\d\d:\d\d|\bepoch\b|\bstep\b|/step\b")


def explain_accuracy_collapse(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A log of evaluations whose accuracy was high (>= 0.8) and then fell to chance (<= 0.55)
    at the last one: a run that learned and then diverged (a likely BD503). One metric's
    values only (a train accuracy then a validation one is overfitting), from log lines or at
    least three of them (two numbers in prose may be two checkpoints)."""
    name = ACCURACY_LOGGED_RE.match(hit.text)
    if name is None:
        return None
    # the recent part of the log (a long log's whole text costs seconds): its last 200 values
    lo = max(0, hit.start - 200_000)
    found = [
        m
        for m in ACCURACY_LOGGED_RE.finditer(scan.text, lo, hit.end)
        if m.group("name").lower() == name.group("name").lower()
    ][-200:]
    later = (
        m
        for m in ACCURACY_LOGGED_RE.finditer(scan.text, hit.end, hit.end + 200_000)
        if m.group("name").lower() == name.group("name").lower()
    )
    if next(later, None) is not None:
        return None  # the metric was logged again after the fall: not its last value
    values = [(m.start(), float(m.group("v"))) for m in found]
    if len(values) < 2 or values[-1][1] > 0.55:
        return None
    logged = all(LOG_LINE_RE.search(_line_at(scan.text, m.start())) for m in found)
    if len(values) < 3 and not logged:
        return None
    best = max(v for _, v in values[:-1])
    if best < 0.8 or any(h.pattern.code == "BD501" for h in scan.hits):
        return None  # (a loss gone NaN makes the accuracy fall too: BD501 says it)
    return Diagnosis(
        "BD503",
        f"the logged accuracy reached {best:g} and then fell to {values[-1][1]:g} "
        f"({hit.text.strip()}): the run learned and then diverged, so the model now predicts one "
        "class; an update far larger than the others (a learning rate too high, no warmup or "
        "clipping) does this.",
        "lower the learning rate (2e-5 to 5e-5 for BERT), warm up over the first 6-10% of the "
        "steps, clip the gradients (clip_grad_norm_ 1.0), and keep the best checkpoint by the "
        "dev metric. Confirm: `bertdoctor check-run OUTPUT_DIR`",
        tentative=True,
    )


def explain_tei_compute_cap(hit: Hit, scan: Scan) -> Diagnosis | None:
    """text-embeddings-inference's `Runtime compute cap 75 is not compatible with compile time
    compute cap 80`: the image's kernels were built for another GPU generation. Two equal caps
    ("75 ... 75") are TEI's own matching refusing the GPU it was built for: a bug of TEI's
    release, not a wrong image, and no reading."""
    run, built = hit.groups["run"], hit.groups["built"]
    if run == built:
        return None
    seen = (
        f"text-embeddings-inference was compiled for compute capability {built[:-1]}.{built[-1]} "
        f"(sm_{built}) and this GPU is {run[:-1]}.{run[-1]} (sm_{run}): its kernels do not run "
        "on this GPU"
    )
    if int(run) < 75:
        return Diagnosis(
            "BD103",
            f"{seen}, and TEI's GPU images start at Turing (7.5): a Volta or older card has none.",
            "run TEI's CPU image (the cpu-X.Y tag) on this machine, or serve the model with "
            "sentence-transformers or another server. Confirm: `bertdoctor check-env`",
        )
    return Diagnosis(
        "BD103",
        f"{seen}.",
        f"use the image built for sm_{run} (TEI publishes one tag per GPU generation: turing-X.Y "
        "for 7.5, the plain X.Y for 8.0, 86-X.Y for 8.6, 89-X.Y for 8.9, hopper-X.Y for 9.0), "
        f"or build it with --build-arg CUDA_COMPUTE_CAP={run} and run that image, not the pulled "
        "one. Confirm: `bertdoctor check-env`",
    )


def _scale_collapsed(scan: Scan) -> Diagnosis | None:
    """The fp16 loss scale's collapse (BD508), where the text shows one."""
    overflow = scan.first("fp16-overflow")
    return explain_fp16_overflow(overflow, scan) if overflow else None


# what makes outputs vary from run to run other than dropout: training again, another seed, a
# head initialised anew at each load
RUN_TO_RUN_ELSEWHERE_RE = re.compile(
    r"(?i)\b(?:every|each) time (?:I|we) (?:re-?)?(?:load|train|fine-?tune|retrain)|\bseeds?\b|"
    # ("retrained" as a verb; "the full-retrained model" is an adjective)
    r"\bretrain(?:s|ing)?\b|(?<!\ba )(?<!\bthe )(?<!\bmy )(?<!\bour )(?<!\bthis )(?<!-)"
    r"(?<!\bfully )(?<!\bnewly )\bretrained\b|"
    r"\b(?:re)?(?:run|ran|running) (?:the |my )?(?:training|fine-?tuning)|newly initiali[sz]ed|"
    # eval mode already on, sampling, shuffling, cross-validation
    r"\.eval\(\)|\beval mode\b|do_sample|\bsampling\b|generate\(|\bshuffl|cross[- ]validation"
)
# the same, said in the reporter's own line: batching, padding, other hardware
RUN_TO_RUN_LINE_RE = re.compile(
    r"(?i)\bbatch(?:ed|ing|es)\b|\bpadd(?:ing|ed)\b|\b(?:gpu|cuda) (?:vs\.?|and|or|versus) cpu\b|"
    r"\bcpu (?:vs\.?|and|or|versus) (?:gpu|cuda)\b|\bdifferent (?:machines?|gpus?|hardware)\b|"
    # two frameworks, devices or exports compared ("tensorflow和pytorch输出的结果不一样",
    # "onnx 输出和 pytorch 输出不一致"), other data or models ("在不同数据集上")
    r"(?:tensorflow|(?<![a-z])tf(?![a-z])|pytorch|torch|onnx|paddle|gpu|cpu|keras)[^\n。]{0,12}?"
    r"(?:和|与|跟|vs\.?|versus|\band\b|compared)[^\n。]{0,12}?(?:tensorflow|(?<![a-z])tf(?![a-z])|"
    r"pytorch|torch|onnx|paddle|gpu|"
    r"cpu|keras)|不同(?:的)?(?:数据集?|模型|机器|显卡|框架|平台|环境)"
)


def explain_varying_outputs_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: a trained model gives other outputs for the same input from one
    call to the next. Dropout is still on: the model was never put in eval mode."""
    if RUN_TO_RUN_ELSEWHERE_RE.search(scan.recent) or RUN_TO_RUN_LINE_RE.search(
        _sentence_at(scan.text, hit.start, hit.end)
    ):
        return None  # variation that dropout does not explain
    return _DROPOUT_ON(hit, scan)


_DROPOUT_ON = _simple_likely(
    "BD611",
    "the report says the same input gives other outputs from one run to the next ({text!r}): "
    "the model is still in train mode, so dropout (p=0.1 in BERT) zeroes a different tenth of "
    "the activations at every call.",
    "call model.eval() before predicting, and predict inside torch.no_grad(); a model used right "
    "after its training loop is still in train mode. Confirm: `bertdoctor check-script "
    "{script}` (BD611)",
    unless_failed=True,  # an error stopped the run: that is the cause to name
)


# "batch size to 1" (or "= 1", "of 1"): in OOM words, a batch of one is all that fits
BATCH_OF_ONE = r"batch.?size (?:to |= ?|of )1(?![\d.])"


def explain_nan_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    if scan.first("nan-loss-line"):
        return None  # the log's own NaN line explains it, with its line number
    negated = r"(?i)\b(?:no|not|without|never)\s+(?:any\s+)?[`'\"]?nans?(?![a-z])"
    turned_end = hit.end
    if not re.search(r"(?i)(?<![a-z])nans?(?![a-z])", re.sub(negated, "", hit.text)):
        # "Correct loss and no `nan`": the NaN it names is negated, unless the rest of the
        # sentence turns it ("the loss is not nan at 0.69 at first, but then becomes nan")
        end = SENTENCE_END_RE.search(scan.text, hit.end)
        turned = NAN_TURNED_RE.search(scan.text, hit.end, end.start() if end else len(scan.text))
        if not turned:
            return None
        turned_end = turned.end()
    said = _line_at(scan.text, hit.start)
    loss_said = re.search(r"(?i)loss|损失", hit.text)
    if DATA_FRAME_RE.search(said) and not loss_said:
        return None  # NaN in a data frame's column (a join, a division, a coerced number)
    output = bool(NAN_OUTPUT_SAID_RE.search(hit.text) and not loss_said)
    inside = bool(NAN_INSIDE_SAID_RE.search(hit.text) and not loss_said)
    what = (
        # NaN in what the model returns: its weights or activations, not a loss seen
        "the model's outputs are NaN: its weights went non-finite in training, or its "
        "activations overflow in half precision"
        if output
        # "the gradients are full of NaN", "the attention weights are full of nan"
        else "NaN appears inside the model (weights, gradients or attention: a row whose every "
        "position is masked gives NaN too)"
        if inside
        else NAN_LOSS
    )
    diagnosis = explain_nan(hit, scan, what=what)
    if diagnosis.code != "BD501":
        return diagnosis
    # the reporter's words from the hit to the end of their clause (or to the words that
    # turned a negated NaN into one)
    clause = re.match(r"[^.!?,;\n]{1,100}", scan.text[hit.start : hit.start + 100])
    words = (clause.group(0) if clause else hit.text).strip()
    if turned_end > hit.end:
        words = " ".join(scan.text[hit.start : turned_end].split())
    return replace(
        diagnosis,
        message=f"the report says {words!r}: {diagnosis.message}",
        # "the loss might be exploding": the reporter's guess, not a NaN they saw
        tentative=diagnosis.tentative
        or "nan" not in hit.text.lower()
        or bool(HEDGE_RE.search(said))
        # NaN in what the model returns or holds, not in a loss the reporter saw
        or output
        or inside,
    )


# the loss turning NaN later in the sentence: "becomes nan", "turns to NaN", "went nan"
NAN_TURNED_RE = re.compile(
    r"(?i)\b(?:becomes?|became|turns?|turned|goes|went|gets?|got|changes?|changed|jumps?|"
    r"jumped)\s+(?:in)?(?:to\s+)?[`'\"]?nan(?![a-z])"
)
NAN_OUTPUT_SAID_RE = re.compile(
    r"(?i)\b(?:outputs?|logits|vectors?|embeddings?|predict\w*|classifier|hidden|returns?|"
    r"returning|gives?|gave|causes?|caused|makes?|made)\b"
)
NAN_INSIDE_SAID_RE = re.compile(r"(?i)\b(?:weights|grad\w*|attention|full of)\b")
# a data frame's NaN: pandas, a column, a csv, a join
DATA_FRAME_RE = re.compile(
    r"(?i)\b(?:pandas|pd\.\w+|data ?frames?|df|columns?|csv|excel|spreadsheet|join|merg\w+|"
    r"fillna|dropna|to_numeric)\b"
)
HEDGE_RE = re.compile(r"(?i)\b(?:might|may|seems?|probably|maybe|perhaps|i think|guess)\b")


# a good F1 in the same sentence: a loss that barely moves after converging (not accuracy: a
# tagger's token accuracy is high while it finds no entity)
GOOD_SCORE_RE = re.compile(
    r"(?i)\bf1\b[^\n]{0,12}?(?:is|of|=|:|reach(?:es|ed)?|at)\s*(?:0?\.[7-9]|[7-9]\d(?:\.\d+)? ?%)"
)


def explain_loss_stuck_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: the loss does not go down, the accuracy does not move (no
    error)."""
    sentence = _sentence_at(scan.text, hit.start, hit.end)
    if GOOD_SCORE_RE.search(sentence):
        return None  # "the loss barely changes after epoch 8 and the F1 is 0.92"
    if (
        re.search(
            r"(?i)(?<![a-z])loss(?:es)?\s+(?:decrease[sd]?|drops?|dropped|falls?|fell|goes down|"
            r"went down)\b(?!\s+(?:only|barely|slightly|a little)\b)",
            sentence,
        )
        and not re.search(r"(?i)(?<![a-z])loss", hit.text)
        # (a loss that ends at ln 2: "from 0.6932 to 0.6930", "stays at 0.693")
        and not re.search(r"(?i)(?:\bto|\bat|->|→)\s*0\.69\d*(?![\d.]*\s*(?:to|->|→))", sentence)
    ):
        return None  # "pred_loss decrease fast while avg_acc stay at 50%": the loss does move
    if hit.text.startswith("constant") and re.search(
        r"(?i)\b(?:seeds|folds|runs|stable|robust)\b", sentence
    ):
        return None  # "a constant accuracy across the five seeds": a stable model
    return Diagnosis(
        "BD502",
        f"the report says training makes no progress ({hit.text.strip()[:80]!r}): the model "
        "learns nothing beyond the class frequencies.",
        "overfit 10 examples first (the loss must reach ~0); print the learning rate the "
        "optimizer really uses (optimizer.param_groups[0]['lr'], about 2e-5 for BERT, not 1e-3); "
        "check that labels are aligned with the word pieces and shuffled with their texts. "
        f"Confirm: `bertdoctor check-run OUTPUT_DIR` and `{_check_data(scan)}`",
        causes=(
            "a learning rate far from 2e-5 (1e-3 makes BERT collapse to one class)",
            "labels misaligned with the tokens or shuffled apart from the texts (BD2xx)",
            "a frozen encoder, or gradients that never reach the weights (BD504)",
            "a head or loss that does not fit the task (BD4xx)",
        ),
        tentative=True,
    )


# labels that are all the ignore index, shown or said: [-100, -100, -100], "all labels are -100"
ALL_IGNORED_RE = re.compile(
    r"\[\s*(?:-100\s*,\s*){2,}-100\s*\]|(?i:\b(?:all|every|each) (?:the |of the |of my )?"
    r"(?:labels?|targets?|tags?) (?:are|is|were|was|=|==|equals?|set to) (?:all )?-100\b|"
    r"\blabels? (?:are|is|were) all -100\b)|"
    r"(?:标签|label)全(?:是|为|部是|部为)\s*-100"
)
# masked-LM: a sequence with no masked position has only ignored labels ("the whole training
# sequence is not masked", "no token is masked"), said where masked-LM words are (not of an
# attention mask)
NOTHING_MASKED_RE = re.compile(
    r"(?i)\b(?:the\s+)?(?:whole|entire)\s+(?:training\s+|input\s+)?(?:sequence|sentence|batch|"
    r"sample)\s+(?:is|was|are|were|gets|got)\s+not\s+masked\b|"
    r"\bno\s+(?:tokens?|positions?|items?|words?)\s+(?:(?:is|are|was|were|gets?|got)\s+)?masked\b"
)
MLM_WORDS_RE = re.compile(
    r"(?i)mask_?prob|mlm|\[MASK\]|masked[- ]?(?:lm|language|item)|mlm_probability"
)
# the sentence is about the attention mask, padding or a causal LM, not masked-LM labels
NOT_MLM_MASK_RE = re.compile(r"(?i)attention_?mask|padding|\bcausal\b|\bgpt")


def _nothing_masked(scan: Scan) -> str:
    """The reporter's words that a masked-LM batch had no masked position (so every label is
    the ignore index), with masked-LM words within 200 characters; or ''."""
    for m in NOTHING_MASKED_RE.finditer(scan.recent):
        sentence = _sentence_at(scan.recent, m.start(), m.end())
        near = scan.recent[max(0, m.start() - 200) : m.end() + 200]
        if MLM_WORDS_RE.search(near) and not NOT_MLM_MASK_RE.search(sentence):
            return " ".join(m.group(0).split())
    return ""


NER_WORDS_RE = re.compile(
    # (a dataset's name carries it in capitals: weiboNER, ClueNER)
    r"(?<=[a-z])NER(?![A-Za-z])|(?i:(?<![a-z])ner(?![a-z])|crf|entit|conlleval|\bB-|\bI-|"
    r"(?-i:\bBIO(?:E?S)?\b)|seqeval|token classification)|实体|序列标注"
)


# a list of tags in quotes: ['ORGANIZATION', 'O', 'O'], labels=['OBJ', 'O', 'ACT']
TAG_LIST_RE = re.compile(r"\[\s*'[A-Z][A-Z_]*'(?:\s*,\s*'[A-Z][A-Z_]*')+\s*\]")


def _bare_tags(text: str) -> list[str]:
    """Entity tags shown without any B-/I- prefix next to O, when no prefixed tag is in sight."""
    if re.search(r"'[BIES]-\w", text):
        return []
    tags: list[str] = []
    for m in TAG_LIST_RE.finditer(text):
        items = re.findall(r"'([A-Z][A-Z_]*)'", m.group(0))
        if "O" in items:
            tags += [t for t in items if t != "O" and len(t) > 1 and t not in tags]
    return tags


def explain_ner_all_o_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A tagging model that finds no entity: conlleval's `found: 0 phrases`, or the
    reporter's words (every prediction is O, precision/recall/F1 all 0)."""
    if scan.failed:
        return None  # an error stopped the run: that is the cause to explain
    if "Traceback (most recent call last)" in scan.text[hit.end :]:
        # a traceback follows the zeros (its error line cut off in the paste): the run crashed,
        # and the crash is the question, not the first epoch's running metrics
        return None
    if "=" in hit.text and re.search(
        r"(?i)initiali[sz]|\binit\b|before the loop|\bstarts? (?:with|at)\b",
        _line_at(scan.text, hit.start),
    ):
        return None  # "I initialise precision = -1 before the loop": a start value
    bare = _bare_tags(scan.text)
    if bare:
        return Diagnosis(
            "BD210",
            f"the tags have no B-/I- prefix ({', '.join(bare[:4])} next to O): seqeval and the "
            "NER metrics read entities from B-X/I-X chunks, so tags without a prefix give no "
            f"entity at all, and precision, recall and F1 stay 0 ({hit.text.strip()[:60]!r}).",
            "write the tags in the BIO scheme (B-ORG on an entity's first word, I-ORG on the "
            f"rest), in the data and in the label list. Confirm: `{_check_data(scan)}`",
            tentative=True,
        )
    if re.search(r"\btp: 0 - fp: 0 - fn: 0\b", _line_at(scan.text, hit.start)):
        return None  # flair's line of a class with no gold entity: its zeros say nothing
    # conlleval's, NCRF++'s and CasRel's counts of entities (triples) found
    sure = hit.text.startswith(("found: 0 phrases", "gold_num", "predict_num"))
    counts = re.findall(r"\bpred(?:ict)?_num\s*[=:]\s*(\d+)", scan.text[-200_000:])
    if counts and counts[-1] != "0":
        return None  # NCRF++ found entities in a later evaluation: the first epoch's 0 is normal
    all_o = re.search(
        r"(?:O|LABEL_\d+)['\"”’]?$|\bO['\"]? for (?:every|all|each)\b", hit.text.strip()
    )
    words = re.sub(r"https?://\S+", "", scan.recent)  # a link's repository name says nothing
    if not (sure or all_o or NER_WORDS_RE.search(words)):
        return None  # F1 = 0 of a classifier: not the NER metric trap
    acc = hit.groups.get("acc")  # the Trainer's table of a token-classification run
    shown = (
        f"the Trainer's table: precision, recall and F1 0, token accuracy {acc}"
        if acc
        else repr(hit.text.strip()[:80])
    )
    return Diagnosis(
        "BD510",
        f"the tagger predicts no entity ({shown}): every token gets "
        f"{'the same tag' if 'LABEL_' in hit.text else 'O'}, which scores a high token accuracy "
        "and an entity F1 of 0.",
        "train longer or with a learning rate of 3e-5 to 5e-5 (1e-3 collapses BERT to O), "
        "check that the label list maps the data's tags (B-PER is not B_PER), and report "
        "entity-level F1 (seqeval). Confirm: `bertdoctor check-run OUTPUT_DIR` and "
        f"`{_check_data(scan)}`",
        causes=(
            "a learning rate far from 2e-5 to 5e-5, or a run too short (BD505)",
            "the data's tags not in the label list, so entities become O (BD205)",
            "labels misaligned with the word pieces (BD209)",
        ),
        tentative=not sure,
    )


NAN_LOSS = "the training loss became NaN or infinite"


def explain_nan(hit: Hit, scan: Scan, *, what: str = NAN_LOSS) -> Diagnosis:
    ignored = ALL_IGNORED_RE.search(scan.recent)
    said = ignored.group(0) if ignored else _nothing_masked(scan)
    if said:
        return Diagnosis(
            "BD204",
            f"the loss is NaN where every label is the ignore index ({said[:60]!r}): "
            "CrossEntropyLoss with reduction='mean' divides the summed loss by the number of "
            "labels it kept, 0, and 0/0 is NaN.",
            "drop examples (or batches) whose labels are all -100 before the loss, e.g. after "
            "truncation cut every labelled token, or sum the loss and divide by max(1, n). "
            f"Confirm: `{_check_data(scan)}`",
            # the reporter's account of an empty mask: likely, not seen in the labels
            tentative=not ignored,
        )
    collapsed = _scale_collapsed(scan)
    if collapsed:
        return collapsed  # the NaN follows from a loss scale that fell to nothing (BD508)
    first = scan.first("nan-loss-line")
    where = ""
    if first:
        step = first.groups.get("step")
        where = (
            f" first at line {scan.line_of(first.start)}"
            f"{f' (step {step})' if step else ''}: {_line_at(scan.text, first.start).strip()[:80]}"
        )
    fp16 = scan.first("fp16-overflow")
    cause = (
        "the fp16 loss scale kept falling (overflow in half precision)"
        if fp16
        else "a batch whose labels are all -100 (0/0), fp16 overflow, or a learning rate far "
        "above 2e-5"
    )
    return Diagnosis(
        "BD501",
        f"{what}{where}; likely cause: {cause}.",
        "check that no batch has only -100 labels, use bf16 or a GradScaler with fp16, and keep "
        "the learning rate near 2e-5 with warmup. Confirm: `bertdoctor check-run OUTPUT_DIR` "
        f"and `{_check_data(scan)}`",
    )


# -- opaque CUDA errors ----------------------------------------------------------------------

CUDA_CAUSES = (
    "a label id >= num_labels or negative (BD201/BD202)",
    "-100 label padding fed to a CRF or to one_hot/gather (BD203)",
    "a sequence longer than max_position_embeddings, 512 (BD208)",
    "a token_type_id >= type_vocab_size (BD206)",
    "an input id >= vocab_size: tokenizer and model from different checkpoints (BD207)",
)
ASSERT_CAUSES = {
    "assert-nll": (
        "BD201",
        "the failing kernel is the loss (`t >= 0 && t < n_classes`): a label "
        "id is negative or >= num_labels",
    ),
    "assert-embedding": (
        "BD208",
        "the failing kernel is an embedding lookup "
        "(`srcIndex < srcSelectDimSize`): a position, token type or input id "
        "is beyond its table",
    ),
    "index-out-of-range-in-self": (
        "BD208",
        "the text also shows `index out of range in self`, the CPU's words for an embedding "
        "lookup: a position, token type or input id is beyond its table",
    ),
    "assert-index": (
        "BD203",
        "the failing kernel is an indexing op (`index out of bounds`): the "
        "labels are used as indices (a CRF, gather, one_hot) and hold -100 or an "
        "id >= the number of tags",
    ),
    "assert-bce": (
        "BD401",
        "the failing kernel is BCELoss (`input_val >= zero && input_val <= "
        "one`): it got values outside [0, 1], raw logits without a sigmoid, or NaN",
    ),
}


# torch 2.11 on an H100 reports an embedding lookup out of range as a gather's
# `"vectorized gather kernel index out of bounds"`, surfacing in the embeddings' forward
EMBEDDING_GATHER = (
    "BD208",
    "the failing kernel is a gather (`index out of bounds`) and the error surfaced in the "
    "model's embeddings: a position, token type or input id is beyond its table",
)
EMBEDDINGS_FRAME_RE = re.compile(
    r"\b(?:word|token_type|position)_embeddings\b|\binputs_embeds\b|\bself\.embeddings\("
)
LABELS_AS_INDEX_RE = re.compile(r"one_hot|\.gather\(")


def assert_cause(hit: Hit, scan: Scan) -> tuple[str, str]:
    """What a kernel assertion's hit names (ASSERT_CAUSES); a gather's `index out of bounds` is
    an embedding lookup where the traceback ends in the embeddings and shows no CRF or
    one_hot."""
    name = hit.pattern.name
    if (
        name == "assert-index"
        and "gather" in hit.text  # (IndexKernel's advanced indexing is no embedding lookup)
        and EMBEDDINGS_FRAME_RE.search(scan.zone)
        and not (_crf_context(scan) or LABELS_AS_INDEX_RE.search(scan.zone))
    ):
        return EMBEDDING_GATHER
    return ASSERT_CAUSES[name]


def negative_label_clue(scan: Scan) -> re.Match[str] | None:
    """The reporter's text speaks of a -1 label (next to a loss assertion)."""
    return re.search(
        r"(?i)(?<![\w.-])-1\b[^\n]{0,40}\b(?:label|class|gold)|\b(?:label|class)s?\b[^\n]{0,40}"
        r"(?<![\w.-])-1\b",
        scan.recent,
    )


def explain_nll_assert(hit: Hit, scan: Scan) -> Diagnosis:
    """The loss kernel's assertion, pasted without the RuntimeError line. A CUDA kernel's
    (`Loss.cu:240: nll_loss_forward... block: [0,0,0], thread: [5,0,0]`) is still the
    asynchronous device-side assert (BD117, the label cause as its likeliest); the CPU's
    (`THNN/generic/ClassNLLCriterion.c`, raised where the loss ran) is the label error itself."""
    if re.search(r"\.cu:\d+|block: \[\d+, ?\d+, ?\d+\], thread: \[", hit.text + scan.zone):
        return explain_cuda_assert(hit, scan)
    negative = negative_label_clue(scan)
    if negative:
        return Diagnosis(
            "BD202",
            "the CUDA loss kernel asserted `t >= 0 && t < n_classes`, and the text speaks of a "
            f"-1 label ({negative.group(0).strip()[:60]!r}): examples without a gold label "
            "(SNLI's '-', a label missing from label2id) reach the loss as -1, which only "
            "-100 would have skipped.",
            "drop the examples whose label is -1 (dataset.filter(lambda e: e['label'] != -1)) or "
            f"map them to -100. Confirm: `{_check_data(scan)}`",
        )
    return Diagnosis(
        "BD201",
        "the loss kernel asserted `t >= 0 && t < n_classes`: a label id is >= num_labels, the "
        "number of logits, or negative (other than the ignore index -100); the assertion does "
        "not say which." + _labels_from_tokenizer_warning(scan),
        "number the labels 0..num_labels-1 and pass num_labels=len(labels) to from_pretrained; "
        f"to see the id, {_real_error_commands(scan)}: the CPU raises `Target N is out of bounds`. "
        f"Confirm: `{_check_data(scan)}`",
        causes=(
            "a label id >= num_labels: more classes in the data than the model was built with "
            "(BD201)",
            "a negative label: -1 for a missing gold label, or padding marked -1 by an older "
            "script, where the loss ignores only -100 (BD202)",
        ),
        tentative=True,
    )


def explain_cuda_assert(hit: Hit, scan: Scan) -> Diagnosis:
    cause = next((h for name in ASSERT_CAUSES if (h := scan.first(name))), None)
    causes = list(CUDA_CAUSES)
    core = re.search(
        r"[Dd]evice-side assert(?:ion)? triggered|CUBLAS_STATUS_\w+|CUDNN_STATUS_\w+|an illegal "
        r"memory access was encountered|cudaErrorIllegalAddress|unspecified launch failure|"
        r"cublas runtime error ?: ?[\w ]*?(?= at |$)|Creating MTGP constants failed",
        hit.text,
    )
    # the wording itself, without the "CUDA error: " the pattern may have taken with it
    what = core.group(0) if core else re.sub(r"^CUDA error: ", "", hit.text.strip())[:60]
    what = what if what.startswith(("cublas", "Creating MTGP")) else f"CUDA error: {what}"
    nan = scan.first("nan-loss-line")
    if not cause and nan is not None and nan.start < hit.start:
        # the log shows the loss turning NaN before the kernel failed: NaN logits break the
        # kernels that index or sample with them, and the NaN must be fixed first either way
        step = nan.groups.get("step")
        return Diagnosis(
            "BD501",
            f"the loss became NaN{f' at step {step}' if step else ''} before `{what}`: "
            "once the weights hold NaN, kernels that index, sort or sample with the outputs "
            "fail, and the asynchronous CUDA error is where that surfaced.",
            "fix the NaN first: a lower learning rate (RoBERTa and large models diverge at BERT's "
            "rates), warmup, gradient clipping (max_grad_norm=1.0), and bf16 rather than fp16; "
            f"if the CUDA error stays, get the real error: {_real_error_commands(scan)}. "
            f"Confirm: `bertdoctor check-run OUTPUT_DIR` and `{_check_data(scan)}`",
            causes=(
                "an index error that the asynchronous CUDA error hides (BD117)",
                *CUDA_CAUSES,
            ),
        )
    if cause:
        code, why = assert_cause(cause, scan)
        if code == "BD208":
            # (_embedding_code reads the tokenizer's over-512 warning as the position table too)
            causes = list(embedding_causes(_embedding_code(scan)))
        else:
            causes.sort(key=lambda c: code not in c)
        lead = f"{what}: an error reported asynchronously; {why}."
    else:
        lead = (
            f"{what}: an error reported asynchronously, at whatever line synchronised next; "
            "in BERT fine-tuning it almost always hides an index out of range."
        )
    if re.search(r"CUBLAS_STATUS_NOT_INITIALIZED|ALLOC_FAILED|resource allocation", hit.text):
        causes.append("the GPU is out of memory (BD509)")
    return Diagnosis(
        "BD117",
        lead,
        f"get the real error: {_real_error_commands(scan)}. Then check the data: "
        f"`{_check_data(scan)}`",
        causes=tuple(causes),
    )


def explain_container_gpu(hit: Hit, scan: Scan) -> Diagnosis:
    """An NVIDIA (NGC-based) image's start-up check: `Detected NVIDIA GeForce RTX 4090 GPU,
    which is not yet supported in this version of the container`."""
    gpu = hit.groups["gpu"]
    return Diagnosis(
        "BD103",
        f"the container's start-up check does not support the {gpu}: the image's CUDA, cuDNN "
        "and TensorRT builds predate this GPU, so they are likely to carry no kernels for its "
        "architecture.",
        "use a newer release of the image (one whose CUDA supports the GPU's compute capability, "
        "CUDA 11.8 or later for an RTX 40xx) or rebuild it on such a base image. Confirm: "
        "`bertdoctor check-env` inside the container",
        tentative=True,  # the image's own check, not a failed kernel
    )


def explain_cuda_unknown_error(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`CUDA error: unknown error` (cudaErrorUnknown): where CUDA starts (torch's lazy
    initialisation) the GPU is not usable; in a backward or forward pass, an asynchronous
    failure of an earlier kernel surfacing there."""
    if re.search(r"_lazy_init|_cuda_init|is_available\(\)|THCGeneral\.cpp", scan.zone):
        return explain_cuda_unavailable(hit, scan)
    if not re.search(r"\bbackward\(|\bforward\(|\.item\(\)", scan.zone):
        return None  # no frame says where: a driver, a container or a kernel, unknown
    diagnosis = explain_cuda_assert(hit, scan)
    return replace(
        diagnosis,
        message=f"`{hit.text}` in the middle of a training step "
        "(cudaErrorUnknown names no cause): CUDA reports a kernel's failure at the next call "
        "that synchronises, so the failing line is elsewhere; in BERT fine-tuning it most "
        "often hides an index out of range.",
        causes=(*diagnosis.causes, "a driver or GPU fault (Xid errors in dmesg) (BD104)"),
        tentative=True,
    )


def explain_cuda_assert_prose(hit: Hit, scan: Scan) -> Diagnosis:
    """The reporter's words for the device-side assert ("a CUDA device side assert error",
    "Device Side Assert Triggered"), the error itself only in a screenshot: likely BD117."""
    diagnosis = explain_cuda_assert(hit, scan)
    return replace(
        diagnosis,
        message=f"the report names a device-side assert ({hit.text.strip()!r}) without its error "
        f"text; {diagnosis.message}",
        tentative=True,
    )


MEMORY_CAUSE = "the GPU's memory is taken by another process (BD107) or is exhausted (BD509)"
NO_KERNELS_CAUSE = "the TensorFlow build's CUDA has no kernels for this GPU (BD103)"


def explain_tf_blas_gemm(hit: Hit, scan: Scan) -> Diagnosis:
    """TensorFlow's `Blas GEMM launch failed : a.shape=(1024, 2), b.shape=(2, 768), ...`: cuBLAS
    refused a matrix multiply and says nothing of why."""
    shapes = hit.groups.get("shapes")
    seen = f": {shapes}" if shapes else ""
    return Diagnosis(
        "BD117",
        f"TensorFlow's cuBLAS matrix multiply failed (Blas GEMM launch failed{seen}): an opaque "
        "GPU error that names no cause. Most often the GPU's memory is already taken (another "
        "process, or an earlier TensorFlow session that took all of it), or the TensorFlow "
        "build's CUDA does not support the GPU (an RTX 30xx under TensorFlow 1.x and CUDA 10).",
        f"run it once on the CPU (`{_cmd_env(scan, 'CUDA_VISIBLE_DEVICES', '')}`) to tell the "
        "GPU from the code; free the GPU (nvidia-smi shows who holds it), let TensorFlow grow its "
        "memory (allow_growth, or tf.config.experimental.set_memory_growth), and use a "
        "TensorFlow whose CUDA supports the GPU. Confirm: `bertdoctor check-env`",
        causes=(
            (NO_KERNELS_CAUSE, MEMORY_CAUSE)
            if _gpu_newer_than_cuda(scan.text)
            else (MEMORY_CAUSE, NO_KERNELS_CAUSE)
        ),
    )


def _gpu_newer_than_cuda(text: str) -> bool:
    """An RTX 20xx (Turing) under CUDA 9, or an RTX 30xx/40xx under CUDA 10 or older: the
    framework build has no kernels for the card. (nvidia-smi's `CUDA Version:` is the driver's
    highest, not the build's, and a bare number is no card: a progress bar's 2070/5000.)"""
    cuda = re.search(
        r"(?i)\bcuda(?![ \t]+Version:)[ \t]*(?:version)?[ \t]*[:=：]?[ \t]*(\d+)\.\d", text
    )
    if not cuda:
        return False
    major = int(cuda.group(1))
    numbers = {
        m.group(0) for c in CARD_ANY_CASE_RE.finditer(text) if (m := re.search(r"\d{4}", c[0]))
    }
    if any(re.fullmatch(r"20[6-8]0", n) for n in numbers) or re.search(r"(?i)\bturing\b", text):
        return major < 10
    ampere = any(re.fullmatch(r"[34]0[5-9]0", n) for n in numbers)
    return (ampere or bool(re.search(r"(?i)\bampere\b", text))) and major < 11


def explain_onnx_arena_oom(hit: Hit, scan: Scan) -> Diagnosis | None:
    """ONNX Runtime's `BFCArena::AllocateRawInternal ... Failed to allocate memory for requested
    buffer of size N`: the CUDA provider's arena is out of GPU memory. The CPU provider has an
    arena too: without a GPU in the text, the machine's RAM ran out (no rule's)."""
    if not re.search(r"(?i)cuda|gpu", scan.text):
        return None
    return Diagnosis(
        "BD509",
        f"ONNX Runtime's GPU memory arena could not allocate a buffer of {hit.groups['size']} "
        "bytes: the batch (or the sequence length) needs more GPU memory than is free.",
        "run smaller batches or shorter sequences, or cap the arena (the CUDA provider's "
        "gpu_mem_limit and arena_extend_strategy=kSameAsRequested). Confirm: `bertdoctor "
        "check-env`",
    )


def explain_collect_env_cpu_build(hit: Hit, scan: Scan) -> Diagnosis | None:
    """torch's collect_env report of a CPU-only build (`CUDA used to build PyTorch: None`, which
    it prints as 'Could not collect') on a machine whose GPU it lists, with CUDA unavailable."""
    if scan.failed:
        return None  # an error stopped the run: that is the cause to explain
    report = scan.text[hit.start : hit.start + 3000]
    # (several GPUs go on the lines below it: "GPU models and configuration: \nGPU 0: A100")
    gpu = re.search(
        r"GPU models and configuration:[ \t]*\n?[ \t]*(?!No CUDA|Could not collect)(\S[^\n]*)",
        report,
    )
    if not (gpu and re.search(r"Is CUDA available: False", report)):
        return None
    if re.search(r"ROCM used to build PyTorch: \d", report):
        return None  # a ROCm build: no CUDA version by design
    return Diagnosis(
        "BD101",
        "torch's environment report shows a CPU-only build (CUDA used to build PyTorch: "
        f"{hit.groups['cuda']}) on a machine with a GPU ({gpu.group(1).strip()[:60]}): that "
        "torch has no CUDA, so torch.cuda.is_available() is False whatever the driver.",
        "reinstall torch with the CUDA command from pytorch.org (pip install torch "
        "--index-url https://download.pytorch.org/whl/cu126, or conda's pytorch-cuda); a "
        "conda cudatoolkit next to a CPU torch does not help. Confirm: `bertdoctor check-env`",
        tentative=True,
    )


# a GPU below compute capability 8.0 (no bfloat16 tensor cores), by name or capability
PRE_AMPERE_RE = re.compile(
    r"(?i)(?<![A-Za-z0-9/_-])(?:tesla )?(?:T4|V100|P100|P40|P4|K80|M40|M60)(?![A-Za-z0-9/_])|"
    r"(?<![A-Za-z0-9])(?:RTX|GTX) ?(?:20[6-8]0|1[06][5-8]0)|(?<![A-Za-z0-9])Titan ?(?:V|RTX|Xp?)"
    r"(?![A-Za-z0-9])|compute capability (?:[3-6]\.\d|7\.[05])\b"
)
# the reporter: the run is slow ("4x slower"), not "not slow", nor a loss that falls slowly
SLOW_SAID_RE = re.compile(
    r"(?i)\b\d+(?:\.\d+)?x slower\b|(?<!not )(?<!n't )(?<!not too )(?<!not that )"
    r"\bslow(?:er|s)?\b|变慢|很慢|慢了"
)
BF16_SAID_RE = re.compile(r"(?i)(?<![a-z0-9])(?:bf16|bfloat16)(?![a-z0-9])")


def explain_bf16_slow(hit: Hit, scan: Scan) -> Diagnosis | None:
    """bf16 training that runs, slowly, on a GPU below compute capability 8.0 (a T4, a V100):
    torch.cuda.is_bf16_supported() says True there (it counts emulation), and autocast runs
    bfloat16 without tensor cores, several times slower than fp16."""
    if scan.failed:
        return None
    # the card, bf16 and the slowness in one paragraph of the reporter's words
    for paragraph in re.split(r"\n\s*\n", scan.prose):
        slow = SLOW_SAID_RE.search(paragraph)
        card = PRE_AMPERE_RE.search(paragraph)
        if slow and card and BF16_SAID_RE.search(paragraph):
            break
    else:
        return None
    said = _clip(_sentence_at(paragraph, slow.start(), slow.end()).strip())
    return Diagnosis(
        "BD109",
        f"bfloat16 was used on a GPU without bfloat16 tensor cores ({card.group(0)}), and the "
        f"report says it is slow (`{said}`): below compute capability 8.0 (Ampere) bfloat16 "
        "is emulated, and torch 2's torch.cuda.is_bf16_supported() still says True there.",
        "train in fp16 on this GPU (fp16=True, or torch.autocast(dtype=torch.float16) with a "
        "GradScaler); pick bf16 only when torch.cuda.get_device_capability() >= (8, 0). "
        "Confirm: `bertdoctor check-env`",
        tentative=True,
    )


def explain_bf16_unsupported(hit: Hit, scan: Scan) -> Diagnosis:
    """bf16 asked for on a GPU below compute capability 8.0: transformers' and DeepSpeed's
    check, vLLM's (which names the GPU and its capability), torch's autocast, Triton's ptxas."""
    named = re.search(
        r"(?i)your ([^\n.]{1,60}?) gpu has compute capability (\d+\.\d)",
        scan.text[hit.start : hit.start + 400],
    )
    seen = (
        f"the {named.group(1)}, compute capability {named.group(2)}"
        if named
        else f"`{_clip(hit.text.strip())}`"
    )
    return Diagnosis(
        "BD109",
        f"bfloat16 was used on a GPU without it ({seen}): bfloat16 needs compute "
        "capability 8.0 (Ampere) or newer; V100, T4, RTX 20xx and older lack it, and so does a "
        "torch or CUDA too old for it.",
        "train in fp16 instead (fp16=True, dtype=float16 or --dtype=half, and "
        '"fp16": {"enabled": true} in a DeepSpeed config, with bf16 off everywhere), or use '
        "an Ampere or newer GPU. Confirm: `bertdoctor check-env`",
    )


def explain_version_pair_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter names the pair: `Transformers 4.57.0 is incompatible with torch 2.1.2`
    (either order): the installed torch is outside the range that transformers release
    supports."""
    tv, pv = hit.groups.get("tv"), hit.groups.get("pv")  # (the engine names tv2 tv)
    if not tv or not pv:
        return None
    return Diagnosis(
        "BD106",
        f"the report says transformers {tv} does not work with torch {pv} "
        f"({_clip(hit.text.strip())!r}): each transformers release supports a range of torch "
        "versions, and a pip install that pins one of them (a project's requirements) can pair "
        "the newest transformers with an older torch.",
        f"install a matching pair: the torch range transformers {tv} supports is the torch "
        "requirement in its setup.py (and its release notes), so upgrade "
        f"torch into it, or install the transformers release made for torch {pv} (an older "
        "one when torch is older, a newer one when it is newer). Confirm: `bertdoctor check-env`",
        tentative=True,
    )


# the same code runs with other checkpoints: what differs is the model's embedding tables
OTHER_MODELS_WORK_RE = re.compile(
    r"(?:其他|其它|别的)[^\n。，,]{0,8}模型[^\n。]{0,12}?(?<!不)(?:可以|能跑|都行|没问题|正常)|"
    r"(?i:\bother (?:models?|checkpoints?)\b(?![^\n.]{0,20}\b(?:n't|not|either|too|fail))"
    r"[^\n.]{0,20}\b(?:works?|run|ran|fine)\b|"
    r"\bworks? (?:fine |well )?with (?:other|every other|bert-base)\b)"
)


def explain_cuda_error_one_model(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter: a CUDA error in the forward pass with one checkpoint, while the same code
    runs with others (`使用其他模型可以 ... 但是使用guwenbert报cuda出错`), no error text: the
    asynchronous CUDA error of an index past one of that model's embedding tables."""
    if scan.exception or not OTHER_MODELS_WORK_RE.search(scan.prose):
        return None
    return Diagnosis(
        "BD117",
        f"the report names a CUDA error ({hit.text.strip()!r}) with one checkpoint while the "
        "same code runs with others: the asynchronous CUDA error of an index past one of this "
        "model's embedding tables, which other checkpoints have larger (token_type_ids of 1 "
        "for a model with type_vocab_size 1, such as roberta-base, xlm-roberta or guwenbert; "
        "ids past its vocab; more positions than it has, where RoBERTa-class models lose two "
        "to their padding offset).",
        f"get the real error: {_real_error_commands(scan)}. Then compare the inputs with this "
        "model's config.json (type_vocab_size, vocab_size, max_position_embeddings). Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
        # (the position table is 512 in nearly every BERT-family checkpoint: the token types
        # differ most)
        causes=tuple(embedding_causes(_embedding_code(scan) or "BD206")),
        tentative=True,
    )


def explain_torch_load_old_torch_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: torch.load is refused with this torch ("torch v2.4ではtorch.loadが
    使えない"): transformers' check that torch is at least 2.6 before it unpickles weights."""
    if "transformers" not in scan.text and "from_pretrained" not in scan.text:
        return None  # torch.load of the user's own, not transformers refusing it
    return Diagnosis(
        "BD106",
        f"the report says torch.load cannot be used with this torch ({hit.text.strip()!r}): "
        "transformers refuses to torch.load a pickle checkpoint (pytorch_model.bin) with a "
        "torch older than 2.6 (a torch.load vulnerability, CVE-2025-32434); safetensors "
        "files are exempt.",
        "install torch>=2.6 (or pin transformers to the release the project was written for), "
        "or load a model.safetensors copy of the weights. Confirm: `bertdoctor check-env`",
        tentative=True,  # the error line itself is not in the text
    )
