"""BD3xx: model folders, paths, Hub ids, weights files, and the imports of training scripts."""

from . import rule

rule(
    "BD301",
    "model-path-not-found",
    "The model path does not exist from the working directory",
    "error",
    """
    ## What it does
    Checks that a local model path (`./bert-base-chinese`, `../resources/bert`) exists from
    the current working directory, and when it does not, looks for it relative to the training
    script's folder (`--script`) and to the project root (the folder holding `pyproject.toml`,
    `setup.py` or `.git`), and says where it does exist.

    ## Why is this bad?
    A relative path in `from_pretrained("./resources/bert")` is resolved against the working
    directory of the Python process, never against the script that contains it. A script that
    works with `python main.py` in a terminal opened at the project root fails in an IDE that
    runs it from the script's own folder (or the reverse). transformers then reports the
    confusing `We assumed './resources/bert' was a path ... couldn't find such vocabulary files
    named ['vocab.txt']` or tries to download it from the Hub as a model id, even though
    `vocab.txt` is right there.

    ## Example
    ```python
    # src/train.py, run by the IDE from src/
    tokenizer = BertTokenizer.from_pretrained("./resources/bert-base-chinese")
    ```

    Use instead:
    Build the path from the script's location, so it works from any directory:
    ```python
    from pathlib import Path
    MODEL_DIR = Path(__file__).resolve().parent.parent / "resources" / "bert-base-chinese"
    tokenizer = BertTokenizer.from_pretrained(MODEL_DIR)
    ```
    or set the IDE's working directory to the project root, or pass an absolute path.
    """,
)

rule(
    "BD302",
    "tokenizer-files-missing",
    "The model folder has no usable tokenizer files",
    "error",
    """
    ## What it does
    Checks that a model folder holds a tokenizer: `vocab.txt` (WordPiece) or `tokenizer.json`
    (fast tokenizer), and that the file is not empty or a Git LFS pointer.

    ## Why is this bad?
    `AutoTokenizer.from_pretrained(folder)` fails with `Can't load tokenizer for ...` or
    `couldn't find such vocabulary files named ['vocab.txt']`. Folders copied by hand often hold
    only `config.json` and the weights; a `vocab.txt` of zero bytes comes from an interrupted
    copy.

    ## Example
    ```
    my-bert/
      config.json
      pytorch_model.bin
    ```

    Use instead:
    Save the tokenizer with the model: `tokenizer.save_pretrained("my-bert")` next to
    `model.save_pretrained("my-bert")`, or copy `vocab.txt` (and `tokenizer_config.json`) from
    the checkpoint you fine-tuned from, e.g. `bert-base-chinese`.
    """,
)

rule(
    "BD303",
    "config-missing-or-invalid",
    "config.json is missing, unreadable, or not a BERT-family model",
    "error",
    """
    ## What it does
    Checks that the model folder holds a `config.json` that parses as JSON, and that its
    `model_type` is one bertdoctor's BERT checks understand (`bert`, `roberta`, `albert`,
    `electra`, `distilbert`, `xlm-roberta`, `ernie`, `megatron-bert`, `nezha`, ...).

    ## Why is this bad?
    Without `config.json`, `AutoModel.from_pretrained` raises `... does not appear to have a
    file named config.json` (or `Unrecognized model in ...`). A truncated or hand-edited file
    raises a bare `JSONDecodeError`. A config of another model family (GPT-2, T5) loads a model
    that the BERT training code then calls with the wrong inputs.

    ## Example
    ```
    chinese_L-12_H-768_A-12/
      bert_config.json      # the original Google name
      vocab.txt
      pytorch_model.bin
    ```

    Use instead:
    Keep the `config.json` that `save_pretrained` writes. A folder converted from the Google
    release needs `bert_config.json` copied to `config.json` with `"model_type": "bert"`
    added.
    """,
)

rule(
    "BD304",
    "weights-missing-or-corrupt",
    "The weights file is missing, truncated, or a Git LFS pointer",
    "error",
    """
    ## What it does
    Checks that the model folder holds weights (`model.safetensors`, `pytorch_model.bin`,
    or sharded files with their index), reads the safetensors header without loading the
    tensors, and recognises a file truncated by an interrupted download and a Git LFS pointer
    (a 130-byte text file starting with `version https://git-lfs.github.com/spec/v1`) left by
    `git clone` without `git lfs`.

    ## Why is this bad?
    transformers reports these as `Error while deserializing header: MetadataIncompleteBuffer`,
    `invalid load key, 'v'`, `PytorchStreamReader failed reading zip archive`, or, with no
    weights at all, loads a randomly initialised model with only a warning: the fine-tune then
    starts from scratch and reaches a fraction of the expected accuracy.

    ## Example
    ```
    $ git clone https://huggingface.co/bert-base-chinese
    $ head -c 60 bert-base-chinese/pytorch_model.bin
    version https://git-lfs.github.com/spec/v1
    ```

    Use instead:
    Fetch the real files: `git lfs install && git lfs pull` in the cloned folder, or
    `hf download bert-base-chinese --local-dir bert-base-chinese`. Compare the file
    size with the one the Hub lists.
    """,
)

rule(
    "BD305",
    "vocab-size-mismatch",
    "Tokenizer vocabulary, config.vocab_size and the embedding matrix disagree",
    "error",
    """
    ## What it does
    Compares three numbers: the size of the tokenizer's vocabulary (`vocab.txt` lines or
    `tokenizer.json` entries), `vocab_size` in `config.json`, and the number of rows of
    `embeddings.word_embeddings.weight` in the weights file.

    ## Why is this bad?
    A tokenizer larger than the embedding matrix produces ids the model has no row for:
    `IndexError: index out of range in self` on the CPU, `device-side assert triggered` on the
    GPU. A config that disagrees with the weights fails to load with `size mismatch for
    bert.embeddings.word_embeddings.weight`. This happens when tokens were added to the
    tokenizer without `model.resize_token_embeddings`, or when the vocabulary of another
    checkpoint was copied in.

    ## Example
    ```python
    tokenizer.add_tokens(["[ENT]", "[/ENT]"])
    tokenizer.save_pretrained("out")
    model.save_pretrained("out")      # embeddings still have the old size
    ```

    Use instead:
    ```python
    tokenizer.add_tokens(["[ENT]", "[/ENT]"])
    model.resize_token_embeddings(len(tokenizer))
    ```
    and keep the tokenizer files of the checkpoint the weights came from.
    """,
)

rule(
    "BD306",
    "classifier-head-mismatch",
    "The checkpoint's classifier does not match the task's number of labels",
    "error",
    """
    ## What it does
    Reads the shape of `classifier.weight` in the weights and `num_labels` / `id2label` in
    `config.json`, and compares them with the number of labels the training uses
    (`--num-labels`). Tells a base model (pre-training heads only, no classifier, or the
    default `LABEL_0`/`LABEL_1` names) from a fine-tuned one (real label names, a
    `*ForTokenClassification` / `*ForSequenceClassification` architecture).

    ## Why is this bad?
    With `ignore_mismatched_sizes=True` transformers silently re-initialises a classifier of
    the wrong shape; without it, loading fails with `size mismatch for classifier.weight:
    copying a param with shape torch.Size([7, 768]) ... the shape in current model is
    torch.Size([9, 768])`. For a base model a new head is expected. For a model that was
    already fine-tuned, re-initialising the head throws the training away: evaluation or
    prediction runs with random outputs.

    ## Example
    ```python
    # ./ner-model was fine-tuned with 7 labels; the new label file has 9
    model = BertForTokenClassification.from_pretrained(
        "./ner-model", num_labels=9, ignore_mismatched_sizes=True)
    ```

    Use instead:
    Use the label list the model was trained with (`model.config.id2label`) for prediction; to
    train on a new label set, start from the base model (`bert-base-chinese`) and pass
    `num_labels`, `id2label` and `label2id` together.
    """,
)

rule(
    "BD307",
    "tensorflow-checkpoint",
    "An original TensorFlow BERT checkpoint that transformers cannot load as is",
    "error",
    """
    ## What it does
    Recognises a folder from Google's original BERT release: `bert_config.json`,
    `bert_model.ckpt.index` and `bert_model.ckpt.data-00000-of-00001` (e.g.
    `chinese_L-12_H-768_A-12`, `uncased_L-2_H-128_A-2`), without a PyTorch or safetensors
    weights file.

    ## Why is this bad?
    `from_pretrained` looks for `config.json` and `model.safetensors` / `pytorch_model.bin`:
    it fails with `does not appear to have a file named config.json`, or `Error no file named
    pytorch_model.bin, model.safetensors, tf_model.h5, model.ckpt.index or flax_model.msgpack`.

    ## Example
    ```
    uncased_L-2_H-128_A-2/
      bert_config.json
      bert_model.ckpt.data-00000-of-00001
      bert_model.ckpt.index
      vocab.txt
    ```

    Use instead:
    Download the already converted model from the Hub (`google/bert_uncased_L-2_H-128_A-2`,
    `google-bert/bert-base-chinese`), or convert it once. transformers 5 dropped TensorFlow
    support, so convert in a separate environment with transformers 4.x and TensorFlow:
    ```
    pip install "transformers<5" tensorflow torch
    python -m transformers.models.bert.convert_bert_original_tf_checkpoint_to_pytorch \\
        --tf_checkpoint_path uncased_L-2_H-128_A-2/bert_model.ckpt \\
        --bert_config_file uncased_L-2_H-128_A-2/bert_config.json \\
        --pytorch_dump_path uncased_L-2_H-128_A-2-pt/pytorch_model.bin
    ```
    (with transformers 4.x, `BertForPreTraining.from_pretrained(folder, from_tf=True)` also
    works), then copy `bert_config.json` to `config.json` (add `"model_type": "bert"`) and
    `vocab.txt` into the new folder.
    """,
)

rule(
    "BD308",
    "hub-id-not-cached",
    "A Hub model id that is not in the local cache",
    "error",
    """
    ## What it does
    For a Hub id such as `bert-base-chinese` or `hfl/chinese-roberta-wwm-ext` (not an existing
    local path), looks in the Hugging Face cache (`HF_HUB_CACHE`, `HF_HOME/hub`, or
    `~/.cache/huggingface/hub`) for a `models--org--name` snapshot, and reports whether
    `HF_HUB_OFFLINE` / `TRANSFORMERS_OFFLINE` are set. It never downloads anything.

    ## Why is this bad?
    On a machine without internet (a cluster node, behind a firewall) `from_pretrained`
    retries the network and then fails with `We couldn't connect to 'https://huggingface.co'`
    or `OSError: bert-base-chinese is not a local folder and is not a valid model identifier`.
    A cache in another user's home or another `HF_HOME` looks empty. An online machine gets
    the same message when the Hub refuses the request: a stale or invalid access token, saved
    by a login or set in `HF_TOKEN`, is sent with every download, public models included.

    ## Example
    ```python
    # on an offline GPU node
    model = AutoModel.from_pretrained("bert-base-chinese")
    ```

    Use instead:
    Download once where there is internet (`hf download bert-base-chinese`), copy
    the cache (or a `--local-dir` folder) to the machine, and set `HF_HUB_OFFLINE=1` so
    transformers uses it without trying the network; or pass the local folder's path. On a
    machine with internet, load with `token=False` to rule out a saved token, and log out
    (`hf auth logout`) when that works.
    """,
)

rule(
    "BD309",
    "foreign-path-syntax",
    "A Windows path, an unexpanded `~`, or stray whitespace in a model path",
    "error",
    """
    ## What it does
    Checks a model path for syntax that does not work on the current system: a Windows drive
    or backslashes (`D:\\models\\bert`) on Linux or macOS, a leading `~` (Python's file
    functions do not expand it), and leading or trailing whitespace (from a copied path or a
    config file). `check-script` names a path literal written in a string that is not raw
    whose escapes became control characters (`"D:\\bert\\chinese"`), and `explain` does so
    when the code and the error are both in the text.

    ## Why is this bad?
    On POSIX a backslash is an ordinary character: `D:\\models\\bert` is one file name in the
    current directory, so transformers treats it as a Hub id and fails with `Repo id must use
    alphanumeric chars` or `is not a local folder and is not a valid model identifier`. `~`
    is expanded by the shell, not by `open()` or `from_pretrained`. On Windows too, in a
    string that is not raw, Python reads `\\b`, `\\t`, `\\n` or `\\r` as a control character:
    `"D:\\data\\bert"` loses a backslash and a letter, and the path does not exist.

    ## Example
    ```python
    model = BertModel.from_pretrained("~/models/bert-base-chinese ")
    ```

    Use instead:
    ```python
    from pathlib import Path
    model = BertModel.from_pretrained(Path("~/models/bert-base-chinese").expanduser())
    ```
    Write paths with forward slashes or `pathlib.Path`, and `.strip()` paths read from files.
    """,
)

rule(
    "BD310",
    "relative-import-in-script",
    "A relative import in a file run as a script",
    "error",
    """
    ## What it does
    Finds `from .module import x` (or `from .. import y`) in a file that is run directly with
    `python path/to/file.py`.

    ## Why is this bad?
    A file run as a script is the module `__main__` with no parent package, so every relative
    import fails with `ImportError: attempted relative import with no known parent package`.
    It works only when the file is run as a module of its package, with `python -m`.

    ## Example
    ```python
    # ner/train.py, run as `python ner/train.py`
    from .model import BertCrf
    ```

    Use instead:
    Run it as a module from the folder that contains the package: `python -m ner.train`; or
    use an absolute import (`from ner.model import BertCrf`, with the project root on the
    path).
    """,
)

rule(
    "BD311",
    "local-import-depends-on-cwd",
    "A local import that resolves only from some working directories",
    "warning",
    """
    ## What it does
    Works out `sys.path` as Python builds it for `python SCRIPT` (the script's folder first,
    then the installed packages; the working directory is NOT on it) and for
    `python -m pkg.module` (the working directory first), and finds imports of the project's
    own modules that resolve in one way of running the script and not in the other.

    ## Why is this bad?
    The classic: `from utils.data import load` in `src/train.py` where `utils/` is at the
    project root. It works when the IDE (PyCharm marks the root as a source root and adds it
    to `PYTHONPATH`) or `python -m src.train` from the root runs it, and fails with
    `ModuleNotFoundError: No module named 'utils'` from a terminal with `python src/train.py`.

    ## Example
    ```
    project/
      utils/data.py
      src/train.py      # from utils.data import load
    ```

    Use instead:
    Run it as a module from the project root (`python -m src.train`), or install the project
    (`pip install -e .`), or put the imported module beside the script. Avoid
    `sys.path.append` with a relative path: it depends on the working directory too.
    """,
)

rule(
    "BD312",
    "module-shadows-package",
    "A local module hides an installed package or a standard-library module",
    "error",
    """
    ## What it does
    Finds a file or folder next to the script (or on the path the script runs with) whose name
    equals an installed top-level package or a standard-library module that the project
    imports: `torch.py`, `transformers.py`, `tokenizers.py`, `datasets.py`, `random.py`,
    `logging/`.

    ## Why is this bad?
    The script's folder comes first on `sys.path`, so `import torch` imports the local
    `torch.py`: `AttributeError: module 'torch' has no attribute 'tensor'`, or `cannot import
    name 'BertModel' from partially initialized module 'transformers' (most likely due to a
    circular import)`. Every library that imports the package gets the local file too.

    ## Example
    ```
    project/
      datasets.py       # the user's own data loading
      train.py          # from datasets import load_dataset -> ImportError
    ```

    Use instead:
    Rename the local module (`my_datasets.py`, `data_utils.py`) and delete any
    `__pycache__/datasets.*.pyc` next to it.
    """,
)

rule(
    "BD313",
    "import-not-installed",
    "A third-party import that is not installed in this environment",
    "error",
    """
    ## What it does
    Looks up every absolute import of the script and of the local modules it imports, without
    importing anything: a name that is neither a local module, nor a standard-library module,
    nor found by `importlib.util.find_spec` in the installed packages is reported. Imports
    guarded by `try: ... except ImportError` and `if TYPE_CHECKING:` are skipped.

    ## Why is this bad?
    The script fails at startup with `ModuleNotFoundError: No module named 'torchcrf'`, often
    after a long data loading step, or only on the GPU machine whose environment differs from
    the laptop's. Some import names differ from the package to install (`torchcrf` comes
    from `pytorch-crf`, `sklearn` from `scikit-learn`).

    ## Example
    ```python
    from torchcrf import CRF
    ```

    Use instead:
    Install it in the environment that runs the script (`python -m pip install pytorch-crf`),
    checking that `python` is the interpreter the IDE or the job uses.
    """,
)

rule(
    "BD314",
    "pickle-weights",
    "Weights stored only as a pickle (pytorch_model.bin)",
    "warning",
    """
    ## What it does
    Notes a model folder whose weights exist only as `pytorch_model.bin` (or other `.bin` /
    `.pt` pickles) and no `model.safetensors`.

    ## Why is this bad?
    Loading a pickle can run arbitrary code from the file. Recent torch loads it with
    `weights_only=True` by default, and recent transformers refuse `.bin` files with torch
    older than 2.6 (`due to a serious vulnerability issue in torch.load`; that error is
    BD106's, a torch too old for the installed transformers). Safetensors also
    loads faster and can be inspected without loading.

    ## Example
    ```
    my-bert/
      config.json
      pytorch_model.bin
    ```

    Use instead:
    Convert once from a trusted copy:
    `BertModel.from_pretrained("my-bert").save_pretrained("my-bert", safe_serialization=True)`
    writes `model.safetensors`; load your own `.pt` files with
    `torch.load(path, weights_only=True)`.
    """,
)

rule(
    "BD315",
    "tokenizer-casing-mismatch",
    "The tokenizer's lower-casing disagrees with the checkpoint",
    "warning",
    """
    ## What it does
    Compares `do_lower_case` in `tokenizer_config.json` (and the normalizer in
    `tokenizer.json`) with what the vocabulary says: an uncased vocabulary has no upper-case
    word pieces, a cased one has many; the model name (`uncased`, `cased`) is a hint too.

    ## Why is this bad?
    A cased vocabulary fed lower-cased text loses the capitals that NER relies on. An uncased
    vocabulary fed cased text maps every capitalised word to `[UNK]` or to rare pieces: the
    model sees a different input distribution than in pre-training and accuracy drops without
    any error.

    ## Example
    ```python
    tokenizer = BertTokenizer.from_pretrained("bert-base-uncased", do_lower_case=False)
    ```

    Use instead:
    Keep the casing the checkpoint was pre-trained with: drop the `do_lower_case` argument, or
    set `"do_lower_case": true` for `*-uncased` models and `false` for `*-cased` ones.
    """,
)

rule(
    "BD316",
    "encoder-weights-newly-initialized",
    "Encoder weights will not load into the model and are initialised at random",
    "error",
    """
    ## What it does
    Compares the tensor names in the weights file with the names the BERT architecture
    expects (`bert.embeddings.*`, `bert.encoder.layer.N.*`, or the same without the `bert.`
    prefix for a bare `BertModel`), and finds encoder weights that will not load: a `module.`
    prefix left by `DataParallel`, a `model.` prefix from a custom wrapper, or weights of
    another architecture. Weights that differ only in the classifier head are left to BD306.

    ## Why is this bad?
    transformers does not fail: it prints `Some weights of BertForTokenClassification were not
    initialized from the model checkpoint ... and are newly initialized` and goes on with a
    random encoder. For the classifier head of a base model that warning is expected and
    harmless; for the embeddings and encoder layers it means the pre-training is lost, and the
    fine-tune learns from scratch (a few points of F1 instead of 90).

    ## Example
    ```python
    model = torch.nn.DataParallel(model)
    torch.save(model.state_dict(), "out/pytorch_model.bin")   # keys start with "module."
    ```

    Use instead:
    Save the unwrapped model: `model.module.save_pretrained("out")` (or
    `accelerator.unwrap_model(model)`), or fix an existing state dict once:
    `{k.removeprefix("module."): v for k, v in state_dict.items()}`.
    """,
)

rule(
    "BD317",
    "python-syntax-error",
    "A Python file of the project does not parse",
    "error",
    """
    ## What it does
    Parses the script and the local modules it imports with Python's own parser (`ast`), read
    with the encoding Python would use (a PEP 263 coding line, else UTF-8), and reports the
    first syntax error of each file with its line. Nothing is executed.

    ## Why is this bad?
    Python stops at the first syntax error of a module, so the script fails at import time,
    maybe only when an optional branch imports the broken helper. Common causes in training
    code: a notebook exported with `!pip install` or `%matplotlib` lines, Python 2 `print x`,
    a merge conflict marker, a file saved in GBK and read as UTF-8.

    ## Example
    ```python
    !pip install transformers
    from transformers import BertModel
    ```

    Use instead:
    Fix the line the finding names; remove notebook shell (`!`) and magic (`%`) lines from
    exported scripts, or turn them into comments; save the file as UTF-8 or add a
    `# -*- coding: gbk -*-` line.
    """,
)

rule(
    "BD318",
    "relative-import-beyond-top-level",
    "A relative import climbs above the package its module runs in",
    "error",
    """
    ## What it does
    Works out the package each local module belongs to when the script runs (the module
    name it is imported as, or the name `python -m` gives it) and finds relative imports with
    more dots than that package has levels, such as `from ..utils import x` in a module that
    runs as `models.bert`.

    ## Why is this bad?
    Python resolves the dots against the module's package name, not its folder. When
    `src/train.py` is run as a script, `src/` is on `sys.path`, so `src/models/bert.py` is
    imported as `models.bert`: its package is `models`, and `..` would climb above the
    top-level package. The import fails with `ImportError: attempted relative import beyond
    top-level package`, although the folder `src/utils/` is right there.

    ## Example
    ```python
    # src/models/bert.py, imported as `models.bert` by `python src/train.py`
    from ..utils import load_vocab
    ```

    Use instead:
    Import it absolutely as the running program sees it (`from utils import load_vocab`),
    or run the program as a module from the folder above, so the package is one level
    deeper (`python -m src.train`, with `src/__init__.py`).
    """,
)
