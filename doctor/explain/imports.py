"""Builders for imports: relative imports, missing modules, partial and shadowed modules, a
tokenizer class that is not there."""

from __future__ import annotations

import re
import sys
from dataclasses import replace

from .core import Diagnosis, Frame, Hit, Scan, _line_at, _short_path
from .env import library_of, torch_core_missing

PIP_NAMES = {
    "torchcrf": "pytorch-crf",
    "sklearn": "scikit-learn",
    "cv2": "opencv-python",
    "yaml": "pyyaml",
    "pytorch_pretrained_bert": "pytorch-pretrained-bert (old; use transformers)",
    "pytorch_transformers": "pytorch-transformers (old; use transformers)",
    "google.protobuf": "protobuf",
    "faiss": "faiss-cpu (or faiss-gpu)",
    "bert_dp": "bert_dp (DeepPavlov installs it: python -m deeppavlov install CONFIG)",
    "MeCab": "mecab-python3",
    "unidic_lite": "unidic-lite",
    "rouge_score": "rouge-score",
    "kobert": "kobert (from GitHub: pip install 'git+https://github.com/SKTBrain/KoBERT.git')",
    "kobert_tokenizer": "kobert-tokenizer (from GitHub: pip install "
    "'git+https://github.com/SKTBrain/KoBERT.git#egg=kobert_tokenizer&subdirectory=kobert_hf')",
    "detectron2": "detectron2 (from GitHub: pip install "
    "'git+https://github.com/facebookresearch/detectron2.git')",
    "layoutlmft": "layoutlmft (pip install -e . in unilm's layoutlmft folder)",
    "official": "tf-models-official",
    "tensorflow_models": "tf-models-official",
    "tensorflow_text": "tensorflow-text",
    "tensorflow_hub": "tensorflow-hub",
    "keras_nlp": "keras-nlp",
    "keras_hub": "keras-hub",
    "cached_property": "cached-property",
    "tapas": "tapas-table-parsing (or pip install -e a clone of google-research/tapas)",
}
# packages imported by name (those with another pip name are in PIP_NAMES only)
THIRD_PARTY = {
    "torch",
    "transformers",
    "tokenizers",
    "datasets",
    "accelerate",
    "safetensors",
    "numpy",
    "pandas",
    "scipy",
    "tqdm",
    "seqeval",
    "TorchCRF",
    "jieba",
    "sacremoses",  # the Moses tokenizer that XLM's and the old tokenizers import
    "tensorflow",
    "keras",
    "sentencepiece",
    "matplotlib",
    "peft",
    "evaluate",
    "huggingface_hub",
    "apex",
    "deepspeed",
    "onnx",
    "onnxruntime",
    "onnxruntime_tools",  # the older home of onnxruntime's transformer optimizer
    # retrieval: the BM25 toolkit and the benchmark
    "pyserini",
    "beir",
    "wandb",
    "tensorboard",
    "tensorboardX",
    "fastNLP",
    "paddle",
    "paddlenlp",
    "pytorch_lightning",
    "lightning",
    "gensim",
    "nltk",
    "spacy",
    "thulac",
    "pkuseg",
    "hanlp",
    "google",
    "typer",
    "rich",
    "pynvml",
    "xlrd",
    "openpyxl",
    "jsonlines",
    "opencc",
    "zhconv",
    "sentence_transformers",
    # embedding and reranker packages of RAG stacks (pip names BCEmbedding, FlagEmbedding,
    # InstructorEmbedding, fastembed)
    "BCEmbedding",
    "FlagEmbedding",
    "InstructorEmbedding",
    "fastembed",
    "simpletransformers",
    "torchtext",
    "torchvision",
    "torchaudio",
    "allennlp",
    "flair",
    "fairseq",
    "stanza",
    "pytorch_crf",
    "keras_bert",
    "bert4keras",
    "setfit",
    "gradio",
    "streamlit",
    "openai",
    "langchain",
    "timm",
    "einops",
    "bitsandbytes",
    "optimum",
    "trl",
    "sklearn_crfsuite",
    "bottle",
    "bert4torch",
    "bertopic",
    "keybert",
    "bert_score",
    "fast_bert",
    "ktrain",
    "haystack",
    "kashgari",
    "umap",
    "hdbscan",
    "fedml",
    # the word segmenters and packages of BERTs for other languages, and of layout models
    "fugashi",
    "unidic",
    "ipadic",
    "sudachipy",
    "konlpy",
    "gluonnlp",
    "mxnet",
    "vncorenlp",
    "py_vncorenlp",
    "pythainlp",
    "pytesseract",
    "pyrouge",
}
# every package explain knows by name: a module of one of them is no folder of the project
KNOWN_PACKAGES = THIRD_PARTY | frozenset(PIP_NAMES)


def _pip_name(module: str) -> str:
    """What `pip install` takes for an importable name: PIP_NAMES's first word (sklearn ->
    scikit-learn), else the name itself."""
    return PIP_NAMES.get(module, module).split(" ")[0]


def explain_relative_import(hit: Hit, scan: Scan) -> Diagnosis:
    return Diagnosis(
        "BD310",
        f"{scan.script} is run as a script (python {scan.script}) and has a relative import "
        "(`from .x import y`): a script has no parent package.",
        "run it as a module from the project root (python -m package.train), or make the "
        f"import absolute. Confirm: `bertdoctor check-imports {scan.script}`",
    )


RELATIVE_IMPORT_RE = re.compile(
    r"^\s*from\s+(?P<dots>\.{2,})(?P<module>[\w.]*)\s+import\s+(?P<names>[^\n#]+)", re.M
)


def explain_relative_beyond(hit: Hit, scan: Scan) -> Diagnosis:
    before = scan.text[scan.frames_from : hit.start]
    imports = list(RELATIVE_IMPORT_RE.finditer(before))
    found = imports[-1] if imports else None  # the last one printed failed
    frames = [f for f in scan.frames if f.path.endswith(".py") and not f.is_library]
    where = f" in {_short_path(frames[-1].path)}" if frames else ""
    if found is None:
        what, absolute = "A relative import", "from utils import x"
    else:
        names = found["names"].strip().rstrip("()").strip()
        what = f"`from {found['dots']}{found['module']} import {names}`"
        module = found["module"]
        absolute = f"from {module} import {names}" if module else f"import {names}"
    return Diagnosis(
        "BD318",
        f"{what}{where} has more dots than the package its module runs in: Python resolves "
        "the dots against the module's package name (the name it was imported or run as), not "
        "its folder, so `..` in a module imported as `models.bert` climbs above `models`.",
        f"import it absolutely as the running program sees it (`{absolute}`), or run the "
        "program as a module from the folder above, so the package is deep enough "
        f"(e.g. python -m src.train). Confirm: `bertdoctor check-imports {scan.script}`",
    )


SHADOWED_NAMES = frozenset(
    "utils util config configs tools common models model data layers modules dataset".split()
)


# the compiled extensions of NVIDIA apex, built only with --cuda_ext / --cpp_ext
APEX_EXTENSIONS = frozenset(
    """fused_layer_norm_cuda amp_C apex_C fused_adam_cuda fused_dense_cuda
    scaled_masked_softmax_cuda scaled_upper_triang_masked_softmax_cuda syncbn""".split()
)


def _installed_elsewhere(
    scan: Scan, names: tuple[str, ...], *, said: bool = True, text: str | None = None
) -> bool:
    """The text shows pip installing one of the names (or, with ``said``, the reporter saying it
    is installed): the package went into another Python than the one that runs the code. The
    ``text`` to search defaults to the whole paste."""
    alternatives = "|".join(re.escape(n) for n in names)
    installed = (
        rf"|\b(?:already |have )installed[^\n]{{0,40}}(?<![\w-])(?:{alternatives})(?![\w-])"
        if said
        else ""
    )
    return bool(
        re.search(
            rf"(?i)\bpip3? install[ \w.=<>\[\],-]*?(?<![\w-])(?:{alternatives})(?![\w-])|"
            rf"Requirement already satisfied: (?:{alternatives})\b{installed}",
            scan.text if text is None else text,
        )
    )


# the reporter installed the module right after the error: "...が発生したため追加インストール",
# "so I installed it" (not "... but it still fails")
INSTALLED_NEXT_RE = re.compile(
    r"[^\n]{0,30}?(?:ため|ので|, so I|so I|, then I|所以|于是|因此)[^\n]{0,30}?(?:インストール|"
    r"installed|安装|装了)"
)
STILL_FAILS_RE = re.compile(r"(?i)still|again|依然|还是|仍然|まだ|再び")
# "I fixed it with pip install X", "solved by running `pip install X`"
FIXED_WITH_RE = re.compile(
    r"(?i)\b(?:fixed|solved|resolved)\b(?: it| this| that)?\s+(?:with|by|using|via)\s+"
    r"(?:running\s+)?[`'\"]?(?=pip)"
)


def _pip_said_still_fails(scan: Scan, top: str) -> bool:
    """The reporter says the module was pip-installed and the error stays: "缺失wordsegment，但在
    使用pip安装后仍然报错", "I pip installed wordsegment but it still fails"."""
    # (ASCII-bounded: Chinese around the name is \w too)
    name = rf"(?<![a-z0-9_-]){re.escape(top)}(?![a-z0-9_-])"
    pip = r"pip3?\s*(?:安装|install(?:ed|ing)?)"
    # (还是 alone is also "or": "pip安装还是conda安装?")
    still = r"(?:仍然|依然|仍|还是)\s*(?:报错|出错|不行|失败|找不到|提示|显示)|\bstill\b"
    return bool(
        re.search(
            rf"(?i)(?:{name}[^\n]{{0,30}}?{pip}|{pip}[^\n]{{0,20}}?{name})[^\n]{{0,30}}?(?:{still})",
            scan.prose,
        )
    )


def _installed_since(hit: Hit, scan: Scan, top: str) -> bool:
    """The reporter got past this "No module named" by installing the module: "No module named
    'soxr'が発生したため...追加インストール、その後このエラー", "I fixed it with pip install X"."""
    after = scan.text[hit.end : hit.end + 160]
    if INSTALLED_NEXT_RE.match(after) and not STILL_FAILS_RE.search(after):
        return True
    return any(
        _installed_elsewhere(scan, (top,), said=False, text=scan.text[m.end() : m.end() + 120])
        for m in FIXED_WITH_RE.finditer(scan.text)
    )


def _llama_index_missing(module: str, scan: Scan) -> Diagnosis:
    """llama-index 0.10 split its integrations into packages of their own:
    llama_index.embeddings.huggingface is pip's llama-index-embeddings-huggingface."""
    pip = module.replace("_", "-").replace(".", "-")
    return Diagnosis(
        "BD313",
        f"the module {module} is an integration that llama-index ships as its own package "
        f"since 0.10 ({pip}), and it is not installed in the Python that ran the code.",
        f"pip install {pip} with the same python (python -m pip install ...). Confirm: "
        f"`bertdoctor check-imports {scan.script}`",
    )


def explain_redacted_no_module(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Streamlit Cloud's `ModuleNotFoundError: This app has encountered an error. The original
    error message is redacted`: the module is named only by the import line of the traceback,
    a package the app's requirements.txt leaves out."""
    after = scan.text[hit.end : hit.end + 4000]
    # the traceback's import lines (a File line, then its source), not the app's code below
    imports = re.findall(
        r"^\s*File \"[^\"\n]+\", line \d+, in [^\n]+\n\s*(?:from ([\w.]+) import|import ([\w.]+))",
        after,
        re.M,
    )
    if not imports:
        return None
    module = next(m for m in imports[-1] if m)
    top = module.split(".")[0]
    if top not in KNOWN_PACKAGES:
        return None  # a module of the app's own or the standard library's, not a package
    pip = _pip_name(top)
    return Diagnosis(
        "BD313",
        f"Streamlit hides the message, but the traceback stops at the import of {module}: the "
        f"package {pip} is not installed in the app's environment, which installs only what "
        "requirements.txt lists.",
        f"add {pip} (and torch, if the app runs a model) to requirements.txt next to the app and "
        f"reboot the app. Confirm: `bertdoctor check-imports {scan.script}`",
        tentative=True,  # the import line names the likeliest module, not a sure one
    )


def explain_distribution_not_found(hit: Hit, scan: Scan) -> Diagnosis | None:
    """pkg_resources' (or transformers' require_version) `The 'tensorflow>=2.8.0; extra ==
    "tf"' distribution was not found and is required by the application`: a package the
    application declares is not installed. A requirement pinned with == is the installed
    metadata of another release (a stale egg after git pull), no missing package."""
    pkg, spec = hit.groups["pkg"], hit.groups["spec"].split(";")[0].strip()
    if "==" in spec:
        return None
    extra = re.search(r"extra\s*==\s*[\\\"']?(\w+)", hit.groups["spec"])
    requirement = f"{pkg}{spec}"
    named = f"{pkg} ({requirement})" if spec else pkg
    via = f" through its [{extra.group(1)}] extra, which the install left out" if extra else ""
    also = ", or install the application with that extra" if extra else ""
    return Diagnosis(
        "BD313",
        f"the package {named} is not installed in the Python that ran the code, and the "
        f"application requires it{via}: `{hit.text}`.",
        f"pip install '{requirement}' with the same python (python -m pip install ...){also}. "
        f"Confirm: `bertdoctor check-imports {scan.script}`",
    )


# private compiled modules that a package imports from itself: their absence is the package's
# compiled extension modules (by their top module or their whole name) and their packages
COMPILED_PARTS = {
    "_sentencepiece": "sentencepiece",
    "tokenizers.tokenizers": "tokenizers",
    "safetensors._safetensors_rust": "safetensors",
}


def explain_no_module(hit: Hit, scan: Scan) -> Diagnosis | None:
    module = hit.groups["module"].rstrip(".")
    if module.lower() in ("error", "errors"):
        return None  # the reporter's "a no module named error.": no module named at all
    top = module.split(".")[0]
    if package := COMPILED_PARTS.get(module) or COMPILED_PARTS.get(top):
        return Diagnosis(
            "BD313",
            f"no module named {module!r}: it is the compiled part of {package}, so {package} is "
            "not installed in the Python that ran the code, or a broken build of it is (a "
            "conda package without its extension, a copy for another Python).",
            f"pip install --force-reinstall {package} in that environment (remove a conda "
            "build of it first); in a notebook, restart the kernel afterwards. Confirm: "
            "`bertdoctor check-env`",
        )
    if top in sys.stdlib_module_names or top.startswith("_"):
        return None
    if _installed_since(hit, scan, top):
        return None  # an error the reporter got past; the one asked about is another
    if top not in KNOWN_PACKAGES and not scan.frames and module not in scan.exception:
        # "No module named 'kobert'" then "No module named 'glounnlp'" (the reporter's typo):
        # with no traceback to say which failed, a known package among the names answers (not
        # when the error line itself names the unknown one: then that one failed last)
        known = next(
            (
                m["module"]
                for m in hit.pattern.regex.finditer(scan.text)
                if m["module"].split(".")[0] in KNOWN_PACKAGES
            ),
            None,
        )
        found = known and explain_no_module(
            replace(hit, groups={**hit.groups, "module": known}), scan
        )
        if found:
            return replace(found, tentative=True)  # one of several names, not a sure one
    if (
        "." not in module
        and not scan.frames
        and top not in KNOWN_PACKAGES  # einops, which remote code needs, is still to install
        and "trust_remote_code" in scan.recent.lower()
    ):
        # "No module named 'custom_st'" told around trust_remote_code: a module of the model
        # repository's own code (jina's custom_st), which the loader did not fetch; nothing of
        # the project's and nothing to pip install
        return None
    if top in ("datasets_modules", "transformers_modules"):
        # the modules datasets and transformers write into their cache for a metric script or
        # trust_remote_code: another process (a Ray or DataLoader worker) that unpickles an
        # object of theirs does not have that cache on its path; nothing to install
        return None
    if top in APEX_EXTENSIONS:
        # apex installed without its compiled extensions (a plain pip install apex, or a
        # build without --cuda_ext): the extension the code imports is not there
        return Diagnosis(
            "BD313",
            f"no module named {module!r}: it is one of apex's compiled CUDA extensions, and the "
            "apex installed was built without them (pip install apex without --cuda_ext "
            "--cpp_ext, or a wheel of another CUDA).",
            "reinstall apex from its repository with its extensions (pip install -v "
            "--no-build-isolation --config-settings '--build-option=--cpp_ext' "
            "--config-settings '--build-option=--cuda_ext' ./apex), or uninstall apex so that "
            f"the code falls back to torch.amp. Confirm: `bertdoctor check-imports {scan.script}`",
            tentative=True,  # a broken build of it may also be the user's to fix otherwise
        )
    if re.fullmatch(r"\w+_(?:cuda|cpp|ext|kernels?)|\w+_C", top):
        # a compiled extension of a package (a CUDA op's _C): the package was built without
        # it, a build problem and no import of the script's
        return None
    if top == "llama_index" and module.count(".") == 2:
        return _llama_index_missing(module, scan)
    if "." in module and re.match(
        rf"['\"]?;\s*['\"]{re.escape(top)}['\"] is not a package", scan.text[hit.end : hit.end + 80]
    ):
        # Python found a module file named like the package (the script kobert.py, or a
        # kobert.py beside it) where a folder with submodules was wanted
        return Diagnosis(
            "BD312",
            f"no module named {module!r} because {top!r} is not a package: Python imported a "
            f"file {top}.py (the script itself, or a file in its folder) as {top}, which has "
            "no submodules, in place of the installed package.",
            f"rename {top}.py (a script named after the package it imports is the usual case) "
            f"and delete __pycache__/{top}*.pyc. Confirm: `bertdoctor check-imports "
            f"{scan.script}`",
        )
    if module == "torch._C":
        return torch_core_missing("no module named 'torch._C'", tentative=True)
    if module.startswith("transformers.adapters"):
        # adapter-transformers, a fork installed as `transformers`, added this submodule;
        # the plain transformers has never had it
        return Diagnosis(
            "BD313",
            f"no module named {module!r}: transformers.adapters comes from adapter-transformers, "
            "a fork of transformers that installs under the same name, and the Python that ran "
            "the code has the plain transformers instead.",
            "install the fork the code was written for (pip install adapter-transformers, or "
            "the repository's own copy with pip install -e .) in a fresh environment, or port "
            "the code to the separate `adapters` package (import adapters). Confirm: "
            f"`bertdoctor check-imports {scan.script}`",
            tentative=True,  # the fork and transformers installed over each other is the other
        )
    # THIRD_PARTY, not KNOWN_PACKAGES: a package known only by its pip name (tapas) is one a
    # README installs from its clone with pip install -e, so its submodules count here
    if not ("." in module and top in THIRD_PARTY) and re.search(
        rf"\bpip3? install (?:-[-\w]+ )*(?:-e|--editable) [^\s]*?(?<![\w-]){re.escape(top)}"
        r"[\\/]?(?![\w.-])",
        scan.text,
    ):
        # (a moved module of a library installed from a clone is the version note below)
        # `pip install -e ./tapas`, then No module named 'tapas.utils': an editable install of
        # a clone, which the running Python (a notebook kernel started before it) does not see
        return Diagnosis(
            "BD313",
            f"no module named {module!r}, though the text installs {top} in editable mode (pip "
            "install -e): the Python that ran the code does not see that install (a notebook "
            "kernel started before it, or another environment), or the install failed.",
            "restart the runtime (kernel) after pip install -e, and install with the interpreter "
            "that runs the code (python -m pip install -e ./" + top + "); `python -c 'import "
            f"{top}; print({top}.__file__)'` shows what it finds. Confirm: `bertdoctor "
            f"check-imports {scan.script}`",
        )
    sub = module.split(".")[1] if "." in module else ""
    if top == "transformers" and sub in ("pytorch_transformers", "pytorch_pretrained_bert"):
        # `transformers.pytorch_transformers`: no release of transformers has such a submodule,
        # but Oscar's own copy of transformers (with pytorch_transformers inside) does: the
        # project bundles a modified copy, and Python found the installed one instead
        return Diagnosis(
            "BD311",
            f"no module named {module!r}: no release of {top} has a {sub} submodule, so the "
            f"code imports the project's own bundled copy of {top} (a folder named {top} in the "
            f"repository), and Python found the installed {top} first: the bundled folder is "
            "not on sys.path from where the script ran (or its git submodule was never cloned).",
            f"put the folder that holds the bundled {top} first on sys.path (run from the "
            "directory the README names, or PYTHONPATH=path/to/that/folder), and clone with "
            "git clone --recursive when it is a submodule. Confirm: `bertdoctor check-imports "
            f"{scan.script}`",
            tentative=True,
        )
    newer = top == "torch" and next(
        (v for k, v in TORCH_MODULE_SINCE.items() if module == k or module.startswith(k + ".")),
        None,
    )
    caller = _torch_caller(hit, scan) if newer else None
    if newer and (
        re.search(r"Failed to import (?:transformers|accelerate|peft)\b", scan.text)
        or (
            # the traceback's importer is one of them (not the user's own file)
            library_of(caller.path) in ("transformers", "accelerate", "peft")
            if caller
            # no traceback: the reporter's import of transformers, or its version
            else bool(
                re.search(
                    r"[\\/](?:site|dist)-packages[\\/](?:transformers|accelerate|peft)[\\/]|"
                    r"\bfrom transformers import\b|\bimport transformers\b|"
                    r"\btransformers\s*==\s*\d",
                    scan.text,
                )
            )
        )
    ):
        # transformers (or accelerate, peft) imports a torch module that this torch predates
        return Diagnosis(
            "BD106",
            f"no module named {module!r}: it exists from torch {newer} on, and the installed "
            "transformers (or a library beside it) imports it, so this torch is older than "
            "that transformers requires.",
            f"upgrade torch to {newer} or later with the command from pytorch.org, or pin "
            "transformers to a release that supports the installed torch (its setup names the "
            "range). Confirm: `bertdoctor check-env`",
            tentative=True,  # another library of the environment may be the one importing it
        )
    if "." in module and top in KNOWN_PACKAGES:
        # the package imports but has no such submodule: a module path that the library moved
        # or removed between versions (transformers.modeling_bert went to
        # transformers.models.bert in transformers 4), which no rule of bertdoctor covers; a
        # hint, not an answer
        return None
    if module == "torch":
        return Diagnosis(
            "BD112",
            "torch is not installed in the Python that ran the script (No module named 'torch').",
            "install it into that Python with the command from pytorch.org (python -m pip "
            "install torch --index-url https://download.pytorch.org/whl/cu126 for a GPU). "
            "Confirm: `bertdoctor check-env`",
        )
    # the text shows pip installing it (or finding it installed): a package, in another Python
    pip_typed = "." not in module and (
        _installed_elsewhere(scan, (top,), said=False) or _pip_said_still_fails(scan, top)
    )
    if pip_typed:
        # several readings, which the text cannot tell apart (and a release that installs
        # but does not import reads the same): the likeliest, not a sure one
        return Diagnosis(
            "BD313",
            f"the module {module} cannot be imported by the Python that ran the code, though "
            "the text shows pip installing it: pip put it into another Python (another "
            "virtual environment, the system Python), or the install failed, or the notebook "
            "kernel was not restarted after it (or the release installs but does not import: "
            "pin the previous one).",
            f"install it with the interpreter that runs the code (python -m pip install {top}; "
            "in a notebook %pip install, then restart the runtime) and check `python -c "
            f"'import sys; print(sys.executable)'`. Confirm: `bertdoctor check-imports "
            f"{scan.script}`",
            tentative=True,
        )
    if top in KNOWN_PACKAGES:
        if re.search(
            r"(?i)改完|改了|修改|\b(?:modified|edited|changed) (?:the |its |their )?"
            r"(?:egg|file|code|source)",
            _line_at(scan.text, hit.start),
        ) and re.search(rf"(?i)site-packages[\\/][^\n]*{re.escape(top)}|\begg\b", scan.text):
            # "I edited seqeval's file in site-packages, and then it said No module named
            # 'seqeval'": the reporter's edit broke the installed package, nothing is missing
            return None
        pip = PIP_NAMES.get(top, top)
        return Diagnosis(
            "BD313",
            f"the module {module} is not installed in the Python that ran the script (pip name: "
            f"{pip}).",
            f"pip install {pip.split(' ')[0]} with the same python (python -m pip install ...). "
            f"Confirm: `bertdoctor check-imports {scan.script}`",
        )
    if "." in module and top in SHADOWED_NAMES:
        return Diagnosis(
            "BD312",
            f"no module named {module!r}, but Python did find a {top}: another module of that "
            f"name (a pip package {top!r}, or a {top}.py elsewhere on sys.path) hides the "
            f"project's {top} folder, so its submodules are not found.",
            f"rename the project's folder (and its imports), or pip uninstall the {top} package; "
            f'python -c "import {top}; print({top}.__file__)" shows which one is found. '
            f"Confirm: `bertdoctor check-imports {scan.script}`",
            # the folder may simply be missing: shadowing is the likelier reading, not a sure one
            tentative=True,
        )
    end = scan.exc_start if scan.exc_start is not None else hit.start
    if "." in module and re.search(
        rf"[\\/](?:site|dist)-packages[\\/]{re.escape(top)}[\\/]",
        scan.text[max(0, end - 3000) : end],
    ):
        # an installed package imports its own submodule and does not have it: a wheel built
        # without it, or a release the code around it does not fit; not a folder of the project
        return None
    raiser = next((f for f in reversed(scan.frames) if f.pos < (scan.exc_start or 0)), None)
    if (
        "." not in module
        and raiser
        and re.search(r"[\\/](?:site|dist)-packages[\\/]", raiser.path)
        and not re.search(rf"[\\/]{re.escape(top)}[\\/]", raiser.path)
        # unpickling (torch.load of a whole model) imports the saving project's own modules
        and not UNPICKLING_RE.search(raiser.path + raiser.func)
    ):
        # an installed package imports it: a dependency of that package which this Python
        # lacks (left out by its install, or uninstalled since), no folder of the project's
        owner = re.search(r"[\\/](?:site|dist)-packages[\\/]([\w.-]+)", raiser.path)
        return Diagnosis(
            "BD313",
            f"no module named {module!r}: the installed package "
            f"{owner.group(1) if owner else 'that raised it'} imports it, and the Python that "
            "ran the code does not have it (a dependency its install left out, or one removed "
            "or broken since).",
            f"python -m pip install {_pip_name(top)} (or reinstall the "
            "package that needs it) with the same python. Confirm: `bertdoctor check-imports "
            f"{scan.script}`",
        )
    # a name projects give their own folders, or a folder the traceback's files live in: the
    # project's module; any other name may as well be a package that is not installed
    in_frames = any(re.search(rf"[\\/]{re.escape(top)}[\\/]", f.path) for f in scan.frames)
    if top == "bert" and not in_frames and not _project_bert(scan):
        # Google's BERT code: the package bert-tensorflow, or the cloned google-research/bert
        # folder that projects expect next to them
        return Diagnosis(
            "BD313",
            f"no module named {module!r}: bert is Google's BERT code, published as the pip "
            "package bert-tensorflow; projects that expect a clone of google-research/bert next "
            "to the script fail the same way when the folder is missing or not on sys.path "
            "(BD311).",
            "pip install bert-tensorflow with the same python (python -m pip install ...), or "
            "clone google-research/bert into the folder the project names. Confirm: "
            f"`bertdoctor check-imports {scan.script}`",
            tentative=True,
        )
    if "." in module and re.search(
        rf"pip3? install (?:-[-\w]+ )*{re.escape(top)}(?![\w-])", scan.text, re.I
    ):
        # the text shows the package installed with pip: an installed package without that
        # submodule is a version of it that lacks (or moved) it, which no rule covers
        return None
    example = next(
        (f.path for f in scan.frames if _examples_of(top).search(f.path)),
        None,
    )
    if example and "." not in module and top not in PROJECT_MODULE_NAMES:
        # max/examples/inference/bert/simple-inference.py importing max: an example in a
        # library's own repository imports the library, which must be installed to run it
        return Diagnosis(
            "BD313",
            f"no module named {module!r}, imported by {example}, one of the examples in "
            f"{top}'s own repository: an example imports the {top} package itself, and the "
            "Python that ran it does not have it installed.",
            "install the clone into that Python (python -m pip install -e . in its root), or the "
            "released package the README names; for a quick try, PYTHONPATH=<the clone's "
            f"root>. Confirm: `bertdoctor check-imports {scan.script}`",
            tentative=True,  # a folder of that name missing from the clone is the other reading
        )
    own = top in PROJECT_MODULE_NAMES or in_frames
    if "." in module and in_frames and raiser and UNPICKLING_RE.search(raiser.path + raiser.func):
        # an object unpickled (joblib.load, torch.load of a whole model) names a module of a
        # package the traceback runs from: the package is found, the file was pickled with
        # another version of it, whose module was renamed since
        return None
    if "." in module and raiser and re.search(rf"[\\/]{re.escape(top)}[\\/]", raiser.path):
        # a module inside the package itself failed to import its sibling: Python found the
        # package, so the path is not what is wrong; the submodule is missing from that copy
        # (a folder left out of the repository, or excluded by .gitignore, such as data/), or
        # an installed package of the same name is found first
        sub = module.split(".", 1)[1].replace(".", "/")
        return Diagnosis(
            "BD311",
            f"no module named {module!r}, imported from {raiser.path}, which is inside {top} "
            f"itself: Python found the package {top}, but the {top} it found has no {sub}: the "
            "folder is missing from this copy of the project (left out of the repository, or "
            f"excluded by .gitignore), or an installed {top} package is found before the "
            "project's.",
            f"look for {top}/{sub} in the project (git pull, or the download the README names); "
            f'python -c "import {top}; print({top}.__file__)" shows which {top} is found. '
            f"Confirm: `bertdoctor check-imports {scan.script}`",
            tentative=True,
        )
    return Diagnosis(
        "BD311",
        f"no module named {module!r}: if {top} is a folder or file of the project, Python does "
        "not find it from where the script was started (sys.path holds the script's folder, not "
        "the working directory); if it is a package, it is not installed (BD313).",
        "run from the project root as a module (python -m src.train), or add the project root "
        f"to PYTHONPATH. Confirm: `bertdoctor check-imports {scan.script}`",
        # the error named only in a sentence, with no traceback: which script ran, and from
        # where, is not in the text
        tentative=not own or not scan.frames,
    )


# the modules of Google's BERT code (github.com/google-research/bert, pip bert-tensorflow)
BERT_TF_MODULES = frozenset(
    """modeling tokenization optimization run_classifier run_classifier_with_tfhub run_squad
    run_pretraining extract_features create_pretraining_data""".split()
)


# torch modules that newer transformers, accelerate and peft import, with the release that added
# them (torch's own changelogs)
TORCH_MODULE_SINCE = {
    "torch.distributed.tensor": "2.0",  # a package since 2.0; DTensor's public home from 2.5
    "torch.nn.attention.flex_attention": "2.5",
    "torch.nn.attention": "2.2",
    "torch.distributed.device_mesh": "2.2",
    "torch.compiler": "2.1",
    "torch.export": "2.1",
    "torch.distributed.checkpoint.state_dict": "2.2",
    "torch.utils._pytree": "1.8",  # transformers 4.35's utils/generic.py registers pytree nodes
}


# a frame that unpickles (torch.load of a whole model, joblib.load): it imports the modules of
# the project that saved the object
UNPICKLING_RE = re.compile(r"serialization|pickle|joblib|dill|find_class")


def _examples_of(top: str) -> re.Pattern[str]:
    """A path inside the examples (demos, tutorials) of a repository named ``top`` (a clone of
    wordpiece-rs for the module wordpiece_rs too)."""
    name = re.escape(top).replace("_", "[-_]")
    return re.compile(
        rf"[\\/]{name}[\\/](?:[^\\/\n]+[\\/])*?(?:examples?|demos?|samples?|tutorials?)[\\/]"
    )


def _project_bert(scan: Scan) -> bool:
    """`from bert.extrac_feature import BertVector`: a module Google's BERT does not have, so
    `bert` is the project's own folder."""
    names = re.findall(r"\bfrom\s+bert\.(\w+)\s+import|\bimport\s+bert\.(\w+)", scan.text)
    return any((a or b) not in BERT_TF_MODULES for a, b in names)


PROJECT_MODULE_NAMES = SHADOWED_NAMES | frozenset(
    """helpers helper metrics train trainer training modeling tokenization preprocess
    processors main run app dataloader loader eval predict inference network nets src lib core
    scripts""".split()
)


def _imports_itself(scan: Scan, top: str) -> bool:
    """A frame of the file top.py whose line imports top: the file imports itself."""
    for frame in scan.frames:
        if frame.is_library or _file_stem(frame.path) != top:
            continue
        nl = scan.text.find("\n", frame.pos)
        source = scan.text[nl + 1 : scan.text.find("\n", nl + 1)] if nl >= 0 else ""
        if re.match(rf"\s*(?:from\s+{re.escape(top)}\b|import\s+{re.escape(top)}\b)", source):
            return True
    return False


def explain_partial_module(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`cannot import name 'AutoModel' from partially initialized module 'transformers' (most
    likely due to a circular import) (/home/me/transformers.py)`: a file of the user's that has
    a package's name is imported in place of the package."""
    module = hit.groups["module"]
    top = module.split(".")[0]
    path = (hit.groups.get("path") or "").strip()
    installed = ("site-packages", "dist-packages", "/lib/python", "\\lib\\", "\\Lib\\")
    if path and any(m in path for m in installed):
        if "." in module or scan.text.count("partially initialized module") > 1:
            return None  # a submodule's, or a chain of them: a version clash inside the library
        before = scan.text[max(0, hit.start - 80) : hit.start]
        name = re.search(r"cannot import name '(\w+)' from\s*$", before)
        if name and name.group(1).startswith("_"):
            return None  # its compiled extension (_sentencepiece, _C): a broken build
        shadow = explain_shadowing_frame(hit, scan)
        if shadow is not None:
            return shadow  # the traceback shows a file of the project named like a module
        # the installed package's own __init__ was entered again before it finished: an
        # import inside it failed and the package caught the error (a dependency missing or
        # of another version), or a module it imports imports it back
        return Diagnosis(
            "BD313",
            f"the installed {top}'s __init__ ({path}) was entered again before it finished: "
            "an import inside it failed and was caught, most often a dependency that is not "
            "installed or of a version it cannot use (or a file of yours named like a module "
            "it imports).",
            f'run python -c "import {top}" to see the first error, and pip install the module '
            f"it names (or reinstall {top} with its dependencies: pip install -U {top}). "
            f"Confirm: `bertdoctor check-imports {scan.script}`",
            tentative=True,
        )
    own = path or next(
        (
            f.path
            for f in scan.frames
            if not any(m in f.path for m in installed) and _file_stem(f.path) == top
        ),
        "",
    )
    known = top in KNOWN_PACKAGES or _imports_itself(scan, top)
    if own and _file_stem(own) == top and "." not in module:
        if not known and top in PROJECT_MODULE_NAMES:
            return None  # the project's own modules import each other
        where = f"the file {own}"
        # a name we do not know as a package: most likely one (a file named after what it
        # tries out), but two project modules that import each other read the same
        tentative = not known
    elif not path and "." not in module:
        where = f"a file or folder named {top} in the project"
        tentative = not known
    else:
        return None
    return Diagnosis(
        "BD312",
        f"Python imported {where} as the module {top!r}, in place of the installed package: the "
        f"script (or a module next to it) has the package's name, so `import {top}` imports "
        "itself, half initialised.",
        f'rename the file (e.g. {top}_demo.py) and delete its __pycache__; python -c "import '
        f'{top}; print({top}.__file__)" shows which one is found. Confirm: '
        f"`bertdoctor check-imports {scan.script}`",
        tentative=tentative,
    )


def _file_stem(path: str) -> str:
    name = re.split(r"[\\/]", path.rstrip("\\/"))[-1]
    if name == "__init__.py":
        parts = re.split(r"[\\/]", path.rstrip("\\/"))
        name = parts[-2] if len(parts) > 1 else name
    return name[:-3] if name.endswith(".py") else name


def explain_namespace_import(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`cannot import name 'load_dataset' from 'datasets' (unknown location)`: Python found no
    installed package of that name anywhere on sys.path, only a folder of it without an
    __init__.py (a data folder called datasets/), which it imports as an empty namespace
    package. For a package we know, it is not installed; for another name, the project's own
    folder lacks its __init__.py or the name, which the text does not settle."""
    module = hit.groups["module"]
    top = module.split(".")[0]
    if top == "llama_index":
        # llama-index 0.10's namespace package: the integration the text tried first is a
        # package of its own (`No module named 'llama_index.embeddings.huggingface'`)
        tried = re.search(r"No module named '(llama_index\.\w+\.\w+)'", scan.text)
        if tried:
            return _llama_index_missing(tried.group(1), scan)
    if top not in KNOWN_PACKAGES:
        return None
    if top in LAZY_PACKAGES:
        # transformers builds its top-level names lazily: a name it cannot give (pipeline
        # without torch or with a TensorFlow it does not support) reads the same, installed
        return None
    pip = PIP_NAMES.get(top, top)
    return Diagnosis(
        "BD313",
        f"{top} is not installed in the Python that ran the script: `cannot import name "
        f"{hit.groups['name']!r} from {module!r} (unknown location)` means Python found only a "
        f"folder named {top} (no __init__.py, e.g. a data folder) and imported it as an empty "
        "namespace package.",
        f"python -m pip install {pip.split(' ')[0]} with the same python, and rename a "
        f"{top}/ folder of the project if there is one. Confirm: `bertdoctor check-imports "
        f"{scan.script}`",
        # the namespace reading is the likeliest, but a broken install reads the same
        tentative=True,
    )


# packages whose top-level names are loaded lazily (a module object without a file location)
LAZY_PACKAGES = frozenset({"transformers"})


# slow tokenizers that transformers only defines when sentencepiece is installed
SENTENCEPIECE_TOKENIZERS = frozenset(
    """T5 MT5 M2M100 Albert XLNet Camembert XLMRoberta Marian Pegasus MBart MBart50 BigBird
    DebertaV2 Reformer Barthez BertGeneration ErnieM FNet Llama Speech2Text
    Rembert XGLM PLBart Bartpho CpmAnt GPTSw3 Nllb""".split()
)


def explain_tokenizer_class_missing(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Tokenizer class T5Tokenizer does not exist or is not currently imported`: a slow
    sentencepiece tokenizer is a dummy without sentencepiece. Another class (BaichuanTokenizer,
    a newer model's) is the repository's own code or a newer transformers: not a BERT cause."""
    name = hit.groups["cls"]
    if name.endswith("Fast") or not name.endswith("Tokenizer"):
        return None
    if name[: -len("Tokenizer")] not in SENTENCEPIECE_TOKENIZERS:
        return None
    return Diagnosis(
        "BD313",
        f"{name} is a sentencepiece tokenizer, and transformers leaves it undefined when the "
        "sentencepiece package is not installed.",
        "pip install sentencepiece protobuf (in the Python that runs the script), or load the "
        f"fast tokenizer from a tokenizer.json. Confirm: `bertdoctor check-imports {scan.script}`",
    )


# module names that a script of the user's takes from Python or a library when saved under them
SHADOWABLE = frozenset(
    """select random queue signal copy types typing numbers string token tokenize inspect
    logging email json csv math abc ast collections functools dataclasses enum io codecs
    operator pickle threading multiprocessing""".split()
)


def explain_shadowing_frame(hit: Hit, scan: Scan) -> Diagnosis | None:
    """An AttributeError or ImportError with a frame of the user's own file named like a module
    of Python or of a library (select.py, torch.py): that file is imported in its place."""
    installed = ("site-packages", "dist-packages", "/lib/python", "\\lib\\", "\\Lib\\", "<")
    for i, f in enumerate(scan.frames):
        if any(m in f.path for m in installed):
            continue
        stem = _file_stem(f.path)
        # a library's name counts only when the error names that module, or when the library
        # frame just above imports it and lands in this file: a project's own datasets/ or
        # models.py is not a stand-in for the library without it
        above = scan.frames[i - 1] if i else None
        imported_here = bool(
            above
            and any(m in above.path for m in installed)
            and re.search(
                rf"^\s*(?:from|import) {re.escape(stem)}\b", scan.text[above.pos : f.pos], re.M
            )
        )
        named = imported_here or re.search(rf"['\"]{re.escape(stem)}['\"]", hit.text)
        # the script kenlm.py runs `import kenlm`: it imported itself in place of the package
        self_import = bool(named) and _imports_itself(scan, stem)
        if stem in SHADOWABLE or (stem in KNOWN_PACKAGES and named) or self_import:
            return Diagnosis(
                "BD312",
                f"the script's own file {f.path} has the name of the module {stem!r}: Python "
                f"imports it in place of the real {stem} (its folder comes first on sys.path), "
                f"so code that needs {stem} finds the script's names instead.",
                f"rename {f.path} (and delete __pycache__/{stem}*.pyc). Confirm: `bertdoctor "
                f"check-imports {scan.script}`",
            )
    return None


# names every torch of the last seven years has: a torch without one of them is not torch
TORCH_CORE_NAMES = frozenset(
    "no_grad manual_seed tensor Tensor nn cuda zeros ones randn save load from_numpy cat stack "
    "float32 long optim utils".split()
)


# the reporter: it fails only from one folder, or works from another
FOLDER_DEPENDENT_RE = re.compile(
    r"(?i)\bonly\b[^\n.]{0,60}\b(?:folder|directory|dir)\b|"
    r"\b(?:works?|fine)\b[^\n.]{0,40}\b(?:another|other|different) (?:folder|directory|dir)\b"
)


def _torch_caller(hit: Hit, scan: Scan) -> Frame | None:
    """The innermost traceback frame before the hit that is not torch's own (torch 2's module
    __getattr__ raises the missing names): the code that asked torch for what it lacks."""
    return next(
        (
            f
            for f in reversed(scan.frames)
            if f.pos < hit.start and not re.search(r"[\\/]torch[\\/]", f.path)
        ),
        None,
    )


# a library the reporter names (no traceback to say which called torch): its import, its
# version, or its name
NAMED_LIBRARY_RE = re.compile(
    r"(?i)\b(sentence[-_]transformers|transformers|accelerate|peft|FlagEmbedding)\b|"
    r"\b(SentenceTransformer)\b"
)


def _named_library(scan: Scan) -> str:
    """The library the text names, spelled as pip does ('' when none)."""
    m = NAMED_LIBRARY_RE.search(scan.text)
    if not m:
        return ""
    if m.group(2):
        return "sentence-transformers"
    name = m.group(1)
    return "FlagEmbedding" if name.lower() == "flagembedding" else name.lower().replace("_", "-")


def explain_torch_hollow(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`module 'torch' has no attribute 'no_grad'`: a name that every torch since 0.4 has, so
    the module imported as torch is not a working torch: a half-removed install (a leftover
    folder that Python imports as an empty namespace package), or a file or folder of the
    project named torch."""
    # a torch submodule's name ("utils._pytree" of torch.utils._pytree.register_pytree_node)
    attr = ".".join(filter(None, (hit.groups.get("sub"), hit.groups["attr"])))
    # who asks for it: the innermost frame outside torch itself, or transformers' "Failed to
    # import ..."; the user's own torch.compile on an old torch is their code's to change, no
    # mismatch of the environment's
    caller = _torch_caller(hit, scan)
    failed_import = re.search(r"Failed to import (transformers|accelerate|peft)\b", scan.zone)
    who = (library_of(caller.path) if caller else "") or (
        failed_import.group(1) if failed_import else ""
    )
    shown = rf"\.{re.escape(attr.split('.')[-1])}\b"  # the call itself: torch.X, pytree.X
    if not who and not scan.frames and not re.search(shown, scan.text):
        # no traceback, and the text does not show the call: the library the reporter names,
        # or the model loader their log names ("Failed to load Embedding model BAAI/bge-m3:
        # module 'torch' has no attribute 'get_default_device'"); a likely answer only
        who = _named_library(scan) or (
            "the library that loads the model"
            if re.search(r"(?i)\b(?:load|loading) (?:the )?(?:embedding )?model\b", scan.text)
            else ""
        )
    # a library the text does not name ("the library that loads the model")
    unnamed = who.startswith("the ")
    release = "the release of the library that loads the model" if unnamed else f"the {who} release"
    since = TORCH_ATTRS_SINCE.get(attr) if who else None
    if attr not in TORCH_CORE_NAMES and not since:
        return None  # a name that came or went with a release (torch.device, torch._six)
    shadow = explain_shadowing_frame(hit, scan)
    if shadow is not None:
        return shadow  # the traceback shows the project's torch.py
    if since:
        # a library (transformers, accelerate, safetensors) calls a part of torch that its
        # release has: the installed torch is older than the one the library was written for
        return Diagnosis(
            "BD106",
            f"{who} uses torch.{attr}, which torch has only from {since} on ({hit.text!r}): "
            f"the installed torch is older than {release} that calls it.",
            f"upgrade torch (pip install 'torch>={since}' from the index for your CUDA), or "
            f"pin {'that library' if unnamed else who} to a release made for "
            "this torch. Confirm: `bertdoctor check-env`",
            # another library than transformers may be the caller: a version mismatch still,
            # but not of the pair BD106 checks
            # (and a library only named in the text, with no frame or import line of it)
            tentative=who != "transformers" or not (caller or failed_import),
        )
    if re.search(r"(?i)\btorch\s*==\s*0\.[0-3]\b|\b(?:py)?torch 0\.[0-3]\b", scan.text):
        return None  # a torch from before 0.4 indeed lacks it: an upgrade, no rule's
    if FOLDER_DEPENDENT_RE.search(scan.prose):
        # it fails only from one folder: a torch.py or torch/ there is imported first
        return Diagnosis(
            "BD312",
            f"the module imported as torch has no {hit.groups['attr']!r}, which every torch "
            "has, and it fails only from one folder: a torch.py (or a torch/ folder) there is "
            "imported in place of the real torch, since the script's folder comes first on "
            "sys.path.",
            "print(torch.__file__) from that folder, rename the file or folder it names and "
            "delete its __pycache__. Confirm: `bertdoctor check-imports "
            f"{scan.script}`",
            tentative=True,
        )
    return Diagnosis(
        "BD112",
        f"the module imported as torch has no {hit.groups['attr']!r}, which every torch since "
        "0.4 has: what Python imports is not a working torch (a broken or half-removed install "
        "whose leftover folder imports as an empty package, or a torch.py or torch/ folder of "
        "the project).",
        "print(torch.__file__) in that Python: if it is the project's file, rename it (BD312); "
        "otherwise uninstall torch (pip uninstall torch, twice until it says it is not "
        "installed), delete any leftover site-packages/torch folder and install it again with "
        "the command from pytorch.org. Confirm: `bertdoctor check-env`",
        causes=("a file or folder of the project named torch (BD312)",),
        tentative=True,
    )


# parts of torch that newer transformers, accelerate and peft call, with the release that added
# them (torch's release notes): `module 'torch' has no attribute 'compiler'` is a torch too old
TORCH_ATTRS_SINCE = {
    "compile": "2.0",
    "compiler": "2.1",
    "export": "2.1",
    "float8_e4m3fn": "2.1",
    "float8_e5m2": "2.1",
    "uint16": "2.3",
    "uint32": "2.3",
    "uint64": "2.3",
    "get_default_device": "2.3",
    # the public name (transformers' utils/generic.py registers its ModelOutput with it);
    # older torch has only the private _register_pytree_node
    "utils._pytree.register_pytree_node": "2.2",
}


# names every release of a module has had: a module without one of them is not that module but a
# file or folder of the project with its name (or an empty leftover folder). transformers is not
# here: without torch, its releases before 3.x left the model classes undefined (BD112)
MODULE_CORE_NAMES = {
    "unidic": {"DICDIR"},
    "unidic_lite": {"DICDIR"},
    "ipadic": {"DICDIR", "MECAB_ARGS"},
    "json": {"load", "loads", "dump", "dumps", "JSONDecodeError"},
    "random": {"randint", "shuffle", "seed", "random", "choice", "sample", "uniform"},
    "tempfile": {"mkstemp", "mkdtemp", "gettempdir", "NamedTemporaryFile", "TemporaryDirectory"},
    "csv": {"reader", "writer", "DictReader", "DictWriter"},
    "math": {"sqrt", "log", "exp", "ceil", "floor", "pi"},
    "copy": {"copy", "deepcopy"},
    "numpy": {
        "array",
        "zeros",
        "ones",
        "ndarray",
        "arange",
        "concatenate",
        "float32",
        "int64",
        "__version__",
    },
    "pandas": {"DataFrame", "read_csv", "Series", "concat", "__version__"},
    "jieba": {"cut", "lcut", "load_userdict"},
    # the Hugging Face packages: a data folder named datasets/ in the working directory is
    # imported as a namespace package, which has no __version__ (transformers 3.3 read it)
    "datasets": {"load_dataset", "Dataset", "DatasetDict", "load_from_disk", "__version__"},
    "transformers": {"AutoModel", "AutoTokenizer", "AutoConfig", "BertModel", "__version__"},
    "tokenizers": {"Tokenizer", "__version__"},
    "sentence_transformers": {"SentenceTransformer", "__version__"},
    "tensorflow": {"__version__"},
}


# what "installed X but it is still not found" names that is no Python package: the GPU stack,
# or a word where the package's name should be
NOT_A_PACKAGE_RE = re.compile(
    r"(?i)(?:cuda|cudnn|cuda-?toolkit|nvidia|drivers?|gpu|python|the|a|an|it|this|that|them|all|"
    r"everything|requirements?|dependencies|packages?|libraries|modules?)"
)


def _norm_package(name: str) -> str:
    return re.sub(r"^(?:python|py)[-_]", "", name.lower().replace("-", "_"))


def explain_installed_not_found(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: a module the error says is missing, which they did install ("I
    have installed sacremoses in the NLP environment yet I still get the error"): another
    Python's packages (a likely BD313). Not when what they installed is the GPU stack or a
    word, nor when the error names a missing module that is another package."""
    pkg = hit.groups["packages"]
    if NOT_A_PACKAGE_RE.fullmatch(pkg):
        return None
    missing = re.findall(r"No module named ['\"‘’“”]?([\w]+)", scan.text)
    if missing and not any(
        _norm_package(m) in _norm_package(pkg) or _norm_package(pkg) in _norm_package(m)
        for m in missing
    ):
        return None  # the module the error names is not the package they installed
    return Diagnosis(
        "BD313",
        f"the report says a module the code imports is not found although {pkg} was installed "
        f"({hit.text.strip()!r}): it went into another Python than the one that runs the code "
        "(another conda or virtual environment, the system Python, a notebook kernel), or its "
        "install failed part-way.",
        "install it with the interpreter that runs the script (python -m pip install NAME; "
        "compare `python -c 'import sys; print(sys.executable)'` with where pip put it), and "
        "read pip's output for a build that failed; in a notebook restart the kernel. "
        f"Confirm: `bertdoctor check-imports {scan.script}`",
        tentative=True,
    )


# the GPU stack and the frameworks themselves: installing one "to get it to work" is a version
# or a build chosen, not a dependency the project forgot
FRAMEWORK_RE = re.compile(r"(?i)torch|pytorch|tensorflow(?:-gpu)?|cuda\w*|cudnn|nvidia\S*|python3?")


def explain_had_to_install(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: a package installed by hand before the code worked ("I had to
    manually install `spacy[transformers]` ... to get it to work"): a dependency the project's
    requirements do not list (a likely BD313). Not a pinned version ("install torch 2.1 for
    CUDA 12.1"), nor the GPU stack or a word in the package's place."""
    pkg = hit.groups["packages"]
    said = hit.text
    if FRAMEWORK_RE.fullmatch(pkg) or NOT_A_PACKAGE_RE.fullmatch(pkg.split("[")[0]):
        return None
    if re.search(rf"{re.escape(pkg)}[`'\"]?\s*(?:==|>=|<=|~=|@|\s)\s*v?\d", said):
        return None  # a version chosen: the version was the problem, not a missing package
    return Diagnosis(
        "BD313",
        f"the report says {pkg} had to be installed by hand before it worked "
        f"({hit.text.strip()[:120]!r}): a package the code imports that the project's "
        "requirements do not list.",
        "pip install the package in the environment that runs the code, and add it to the "
        "project's requirements (or the model package's dependencies). Confirm: "
        f"`bertdoctor check-imports {scan.script}`",
        tentative=True,
    )


def explain_package_folder_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: a folder of theirs named like a package that the libraries import
    ("a 'datasets' folder in the same folder", "`datasets` as a locally available directory in
    my working directory"): Python imports the folder in its place (a likely BD312)."""
    pkg = hit.groups["pkg"]
    if pkg not in KNOWN_PACKAGES or pkg in ("google",):
        return None  # a folder of data or models named like nothing the code imports
    return Diagnosis(
        "BD312",
        f"the report says there is a folder named {pkg} in the script's folder or the working "
        f"directory ({hit.text.strip()!r}): Python finds it first on sys.path and imports it "
        f"(a namespace package, with none of {pkg}'s names) in place of the installed {pkg}, "
        f"which the libraries import.",
        f"rename the folder (data/ or {pkg}_files/) or run the script from another directory. "
        f"Confirm: `bertdoctor check-imports {scan.script}`",
        tentative=True,
    )


def explain_module_hollow(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`module 'unidic' has no attribute 'DICDIR'`, `module 'json' has no attribute 'loads'`:
    a name every release of the module has, so what Python imported under that name is a file
    or folder of the project (or an empty leftover folder), not the installed module."""
    module, attr = hit.groups["module"], hit.groups["attr"]
    if module == "torch":
        return explain_torch_hollow(hit, scan)
    if attr not in MODULE_CORE_NAMES.get(module, ()):
        return None  # a name that came or went with a release (numpy.float, np.int)
    shadow = explain_shadowing_frame(hit, scan)
    if shadow is not None:
        return shadow  # the traceback shows the project's own file
    return Diagnosis(
        "BD312",
        f"the module imported as {module} has no {attr!r}, which every release of {module} "
        f"has: what Python imports under that name is not the installed {module} but a "
        f"{module}.py or {module}/ folder in the script's folder or the working directory (or "
        "an empty leftover folder of a removed install), found first on sys.path.",
        f"print({module}.__file__) where it fails; rename the file or folder it names and "
        f"delete its __pycache__ (or reinstall {module} if it is a leftover in site-packages). "
        f"Confirm: `bertdoctor check-imports {scan.script}`",
        tentative=True,  # the file that shadows it is not in the text
    )


def explain_tokenizer_class_none(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`'NoneType' object has no attribute '__name__'` in transformers'
    `tokenizer_class_from_name`: a tokenizer class that an optional package defines
    (sentencepiece's, fugashi's for Japanese BERT) is None because the package is missing."""
    if "tokenizer_class_from_name" not in scan.zone:
        return None  # a None of anything else: the user's own code
    if re.search(r"use_fast\s*=\s*False", scan.text):
        # the slow tokenizer loads: the fast class this release lacks (BERTweet's) was the None
        return None
    return Diagnosis(
        "BD313",
        "transformers found the tokenizer class the model names as None: a tokenizer that "
        "needs an optional package, which is not installed (sentencepiece for XLM-R, ALBERT, "
        "T5 and the like; fugashi and unidic-lite for cl-tohoku's Japanese BERT).",
        "pip install sentencepiece protobuf (for a Japanese BERT: fugashi unidic-lite) in the "
        f"Python that runs the script. Confirm: `bertdoctor check-imports {scan.script}`",
        tentative=True,  # which package is missing is not in the text
    )


# transformers' own install advice after "requires the X library but it was not found"
MESSAGE_ADVICE_RE = re.compile(
    r"(?:install it with:|executing a cell with)\s*!?pip install [\w.\[\]-]+"
)


def explain_backend_missing(hit: Hit, scan: Scan) -> Diagnosis | None:
    """transformers' `X requires the detectron2 library but it was not found in your
    environment`, `You need to install fugashi to use MecabTokenizer`, and fugashi's `The
    unidic_lite dictionary is not installed`: a package the model needs is not installed."""
    lib = hit.groups["lib"].rstrip(".")
    if lib.lower() in ("pytorch", "torch"):
        return None  # BD112's own reading
    if lib.lower() == "tensorflow" and re.search(
        r"(?i)\btf-nightly\b|\btensorflow-(?:macos|cpu|gpu|rocm|intel|aarch64)\b", scan.text
    ):
        # TensorFlow installed under another distribution name, which transformers releases
        # looked for by name and missed (4.2.0 and tf-nightly): a detection bug, fixed upstream
        return None
    dictionary = lib in ("unidic_lite", "unidic", "ipadic")
    what = hit.groups.get("what") or ("the model's tokenizer" if dictionary else "the code")
    if hit.text.startswith("To be able to use"):
        what = f"the {what} script"  # datasets' or evaluate's metric loader
    pip = PIP_NAMES.get(lib.replace("-", "_"), lib.lower())  # pip's names ignore case
    # the message may name the install command itself: "use 'pip install pymilvus[model]'"
    named = re.match(r"[^\n]{0,80}?pip install ([\w.\[\]-]+)", scan.text[hit.end : hit.end + 200])
    if named:
        pip = named.group(1)
    names = (lib, lib.replace("_", "-"), lib.replace("-", "_"))
    # the message's own advice ("using 'pip install seqeval'") is no install the user ran
    # (transformers' message goes on: "You can install it with:\n\npip install tokenizers")
    line = _line_at(scan.text, hit.start)
    end = hit.end + 600
    advice = MESSAGE_ADVICE_RE.sub("", scan.text[hit.end : end])
    text = (scan.text[: hit.end] + advice + scan.text[end:]).replace(line, "")
    elsewhere = _installed_elsewhere(scan, names, text=text)
    download = " (and its dictionary: python -m unidic download)" if lib == "unidic" else ""
    return Diagnosis(
        "BD313",
        f"{what} needs {lib}, which is not installed in the Python that ran the code"
        + (
            ": the text shows it installed, so it went into another Python (another virtual "
            "environment or the system Python), or the runtime was not restarted after it."
            if elsewhere
            else f" (pip name: {pip})."
        ),
        f"install it with the interpreter that runs the code (python -m pip install "
        f"{pip.split(' ')[0]}){download}; `python -c 'import sys; print(sys.executable)'` names "
        f"that interpreter. Confirm: `bertdoctor check-imports {scan.script}`",
    )


# pip's word that the package is there, with the folder it is in
PIP_SATISFIED_RE = re.compile(
    r"Requirement already satisfied: (?P<pkg>[\w.-]+)(?:[^\n]*? in (?P<where>[^\s()]+))?"
)


def explain_no_module_said_installed(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter says the import fails with "no module" (no name given) while pip's own
    output says the package is installed: pip's Python is not the one that runs the code (a
    conda environment not activated, another virtual environment, a notebook kernel)."""
    satisfied = PIP_SATISFIED_RE.search(scan.text)
    if not satisfied:
        return None
    pkg, where = satisfied["pkg"], satisfied["where"]
    inactive = re.search(r"environment has\s+not been activated", scan.text)
    return Diagnosis(
        "BD313",
        f"the report says the import fails with no module ({hit.text.strip()!r}) while pip "
        f"says {pkg} is installed"
        + (f" (in {where})" if where else "")
        + ": pip installed it for another Python than the one that runs the code"
        + (
            " (the interpreter warns that its conda environment is not activated)"
            if inactive
            else " (another conda environment or virtual environment, or a notebook kernel)"
        )
        + ".",
        f"activate the environment pip installed {pkg} into before running (conda activate "
        "ENV), or install with the interpreter that runs the code (python -m pip install "
        f"{pkg}); `python -c 'import sys; print(sys.executable)'` shows which one that is. "
        f"Confirm: `bertdoctor check-imports {scan.script}`",
        tentative=True,
    )


def explain_package_required_missing(hit: Hit, scan: Scan) -> Diagnosis:
    """A library's own check for a package it needs: `ValueError: Cannot find transformers
    and/or tokenizers. It's required for this featurizer !` (molfeat)."""
    pkg = hit.groups["pkg"]
    return Diagnosis(
        "BD313",
        f"the library checked for {pkg} and did not find it ({hit.text.strip()[:80]!r}): the "
        f"package is not installed in the Python that ran the code.",
        f"python -m pip install {_pip_name(pkg)}"
        + (" tokenizers" if "tokenizers" in hit.text and pkg != "tokenizers" else "")
        + f" with that Python, then run again. Confirm: `bertdoctor check-imports {scan.script}`",
    )
