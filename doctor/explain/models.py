"""Builders for model files and paths: local folders, the Hub, tokenizer files, config.json,
weights, vocabulary and head mismatches."""

from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from .core import (
    Diagnosis,
    Hit,
    Pattern,
    Scan,
    _check_data,
    _line_at,
    _line_start,
    _shape,
    _short_path,
)

HUB_ID_RE = re.compile(r"^[A-Za-z0-9][\w.-]*(?:/[\w.-]+)?$")


NEEDS = {
    "BD302": ("vocab.txt", "tokenizer.json"),
    "BD303": ("config.json",),
    "BD304": (
        "model.safetensors",
        "pytorch_model.bin",
        "model.safetensors.index.json",
        "pytorch_model.bin.index.json",
    ),
}


LOCAL_FOLDER_NAMES = frozenset(
    """model models pretrained pretrained_model pretrained_models pretrain pretrain_model
    prev_trained_model pretrained_bert_models bert_model bert_models checkpoint checkpoints ckpt
    output outputs out saved_model saved_models save weights data resources transformers
    huggingface hf_models plm""".split()
)


# a project folder named for what it holds: bertopic_models, my_checkpoints, antibody-tokenizer
FOLDER_SUFFIX_RE = re.compile(
    r"(?i)[-_](?:tokenizers?|models?|outputs?|checkpoints?|ckpts?|weights|saved?)$"
)


def _folder_owner(owner: str) -> bool:
    """The first part of an `owner/name` that reads as a project's folder, not a Hub user."""
    return owner in LOCAL_FOLDER_NAMES or bool(FOLDER_SUFFIX_RE.search(owner))


FILE_SUFFIX_RE = re.compile(r"\.(?:txt|json|model|bin|safetensors|ckpt|pt|pth|h5|msgpack)$", re.I)
# a whole Keras model in one file (tf_model.h5 is the weights of a transformers folder)
KERAS_FILE_RE = re.compile(r"(?<![\\/]tf_model)\.(?:h5py|hdf5|keras|h5)$", re.I)
TOKENIZER_FILES = frozenset(
    "vocab.txt vocab.json tokenizer.json tokenizer_config.json spiece.model "
    "sentencepiece.bpe.model merges.txt encoder.json vocab.bpe".split()
)


# a string literal, not raw, with a backslash and a letter Python turns into a control character
# ('pretrain\\bert-base-uncased', 'D:\\models\\new_bert'): no spaces, a name or drive before the
# backslash, a name after the escape's letter
ESCAPED_LITERAL_RE = re.compile(
    r"(?<![rR\w])(['\"])((?:[^'\"\\\s]|\\[^abfnrtv'\"\s])*?[\w:.](?<!\\)\\(?P<e>[abfnrtv])"
    r"[\w-]{2,}"
    r"(?:[^'\"\s])*?)\1"
)


@functools.lru_cache(maxsize=2)  # the same search again for BD309's path as written
def _escaped_literal(text: str, path: str) -> tuple[str, str] | None:
    """A path literal such as 'pretrain\\bert-base-uncased' whose escape ('\\b', a backspace)
    Python replaced, when the path the error quotes does not hold the literal as written but
    holds the name after the escape's letter (the same path, changed)."""
    for m in ESCAPED_LITERAL_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        if not re.search(r"\w\s*\(|^\s*[\w.]+\s*=\s*$", before) or re.search(
            r"Error|Warning|File ", before
        ):
            continue  # a path an error or a traceback quotes, not one written in the code
        literal = m.group(2)
        # (a printed backspace may erase the name's last letter: 'C:\\bleurt-master\\bert' prints
        # as Cleurt-masteert)
        after = re.split(r"[\\/]", text[m.end("e") : m.end(2)], maxsplit=1)[0][:-1]
        if literal not in path and literal.replace("\\\\", "\\") not in path and after in path:
            return literal, m.group("e")
    return None


def _path_as_written(scan: Scan, code: str, path: str) -> str:
    """The path to check: as the code wrote it when Python's escapes changed it (BD309), since
    the changed one names no folder anywhere."""
    escaped = _escaped_literal(scan.text, path) if code == "BD309" else None
    return escaped[0] if escaped else path


def _is_absolute(path: str) -> bool:
    """Absolute on this system or on Windows (D:/models, \\\\server\\share)."""
    return os.path.isabs(path) or bool(re.match(r"^[A-Za-z]:[\\/]|^\\\\", path))


ABSOLUTE_PATH_FIX = (
    "check the path on the machine that runs the script: its spelling, and that the model was "
    "downloaded or unpacked there (the folder holds config.json and the weights)"
)


# the folder a training run writes: its output folder or one of its checkpoints
OUTPUT_FOLDER_RE = re.compile(
    r"(?:^|[\\/])(?:outputs?|output_dir|(?P<checkpoint>checkpoint-\d+))[\\/]*$"
)


def _classify_model_path(path: str, scan: Scan, default: str) -> tuple[str, str]:
    """(code, why) for a model path quoted by an error. The path is also looked up from where
    bertdoctor runs: when it exists here with the file in it, the script ran elsewhere."""
    if path != path.strip():
        return "BD309", f"the path '{path}' has leading or trailing whitespace"
    if path.startswith("~"):
        return "BD309", f"the path '{path}' starts with ~, which only the shell expands"
    if path.endswith((",", ";")) and len(path) > 2:
        return "BD301", (
            f"the path '{path}' ends in a stray '{path[-1]}' (left over from an argument list "
            "or a config line), so it names a folder that does not exist"
        )
    escaped = _escaped_literal(scan.text, path)
    if escaped:
        from ..pysource import ESCAPE_NAMES  # only for this message: off explain's start-up

        literal, escape = escaped
        return "BD309", (
            f"the code writes the path as '{literal}', a string that is not raw, so Python reads "
            f"'\\{escape}' in it as {ESCAPE_NAMES[escape]} and the path loses its backslash and "
            f"a letter ('{path}')"
        )
    windowsish = bool(re.match(r"^[A-Za-z]:[\\/]", path)) or "\\" in path
    if windowsish and scan.frames and not scan.windows:
        return "BD309", (
            f"'{path}' is a Windows path in a traceback from Linux or macOS, where "
            "a backslash is an ordinary character of a file name"
        )
    pathlike = windowsish or path.startswith((".", "/")) or path.count("/") > 1
    # `models/bert-base-chinese`: a folder name, not a Hub user or organisation; `vocab/vocab.txt`:
    # a file, not a Hub repository
    pathlike = (
        pathlike
        or _folder_owner(path.split("/", 1)[0].lower())
        or bool(FILE_SUFFIX_RE.search(path))
        # Google's checkpoint folders (chinese_L-12_H-768_A-12) are downloads, never Hub ids
        or bool(re.search(r"_L-\d+_H-\d+_A-\d+", path))
        # a name without an owner is a Hub id only for the old canonical models, whose names
        # have hyphens but for three (gpt2): `tokenizer_tf2_qa`, `bert_base` are folders
        or ("/" not in path and "-" not in path and not OWNERLESS_HUB_NAME_RE.match(path))
    )
    if not pathlike and HUB_ID_RE.match(path) and not os.path.isdir(path):
        return "BD308", (
            f"transformers took '{path}' for a Hub model id, and the Hub could not be reached "
            "or has no model of that name (a folder of that name in the working directory, "
            "without the files, would hide the id the same way)"
        )
    if not os.path.isdir(path):
        where = (
            " (an absolute path, so the working directory plays no part: a typo, or the model "
            "was never downloaded or unpacked there"
            # a backslash and a letter that a string which is not raw turned into a control
            # character leave no trace in the printed path
            + (", or a \\b or \\t in a string that is not raw" if "\\" in path else "")
            + ")"
            if _is_absolute(path)
            else " from the working directory the script ran in"
        )
        kind = "file" if FILE_SUFFIX_RE.search(path) else "folder"
        return "BD301", f"the {kind} '{path}' does not exist{where}"
    needs = NEEDS.get(default, ())
    if needs and any((Path(path) / n).is_file() for n in needs):
        return "BD301", (
            f"'{path}' exists here with {needs[0]} in it, so the script ran from "
            "another working directory, where the relative path does not resolve"
        )
    return default, f"the folder '{path}' does not hold {' or '.join(needs) or 'the file'}"


# the reporter's words, or the OS's, for a download that filled the disk
DISK_FULL_RE = re.compile(
    r"(?i)No space left on device|(?:enough|no|out of) (?:disk )?space (?:left )?on (?:the|my)? ?"
    r"(?:device|disk|drive)|disk (?:is |was )?full|磁盘空间不足|硬盘空间不足"
)


JOINED_FILE_RE = re.compile(
    r"[\\/]+(?P<file>config\.json|vocab\.txt|tokenizer_config\.json|pytorch_model\.bin|"
    r"model\.safetensors)$"
)
# a checkpoint split into shards: the reporter's words, or the shard and index file names
SHARDED_RE = re.compile(
    r"(?i)\bshard(?:s|ed)?\b|more than one (?:\w+ )?weights? files?|"
    r"(?<!ckpt\.data)-0000\d-of-0000\d|\.index\.json\b|分片"
)
# the reporter's words for an empty weights file
EMPTY_WEIGHTS_RE = re.compile(r"(?i)\b0\s?(?:b|bytes|kb)\b|大小(?:只有|为|是)\s*0|0\s?字节")
# the errors that say a path given as a local folder was not one (the Hub was not asked)
# the reporter's words: an older version of the library works ("reverting back to 2.2.2
# fixed the issue", "downgrading to 4.30 works")
VERSION_REVERT_RE = re.compile(
    r"(?i)\b(?:revert(?:ing|ed)?|downgrad(?:e|ing|ed)|roll(?:ing|ed)? back)\b[^\n]{0,40}?"
    r"\d+\.\d+|\bworks? (?:fine |well )?(?:with|in|on) (?:version |v)?\d+\.\d+"
)
# words of a network failure (the library's or the reporter's)
NETWORK_WORDS_RE = re.compile(
    r"couldn't connect|Connection|offline|proxy|timed? ?out|SSL|网络|连接"
)
LOCAL_PATH_REFUSED = frozenset({"incorrect-path-or-id", "repo-id-form", "not-valid-identifier"})
# the files a loader opens first: missing, they do not tell whether their folder is there
FIRST_READ_FILES = TOKENIZER_FILES | {"config.json"}
# the files a model folder's path is joined to ($BERT_DIR/vocab.txt with $BERT_DIR unset)
ROOT_READ_FILES = FIRST_READ_FILES | {"bert_config.json", "pytorch_model.bin", "bert_model.ckpt"}
# the reporter looked the id up on the Hub and it is not there: a mistyped id, not the network
NOT_ON_HUB_RE = re.compile(
    r"(?i)(?:cannot|can't|could not|couldn't|unable to) find\b[^\n]{0,80}?\b(?:on|in|at) "
    r"(?:the )?(?:hug+ing ?face|hf hub|hub|model hub)\b|"
    r"\b(?:does not|doesn't|did not|didn't) exist (?:on|in) (?:the )?(?:hug+ing ?face|hub)\b"
)


# the relative path joined to the script's folder instead of the working directory
RELATIVE_PATH_FIX = "use an absolute path, or build it from the script's folder: " + (
    "Path(__file__).resolve().parent / {!r}"
)
MODEL_FIXES = {
    "BD301": RELATIVE_PATH_FIX.format("bert-base-chinese"),  # when no path was seen
    "BD302": "copy vocab.txt (and tokenizer_config.json / tokenizer.json) into the folder, or "
    "save them with tokenizer.save_pretrained(folder)",
    "BD303": "the folder needs config.json (an original Google checkpoint has bert_config.json: "
    "convert it)",
    "BD304": "download the weights again (model.safetensors or pytorch_model.bin; `git lfs pull` "
    "when the file is a small text pointer)",
    "BD307": "convert the TensorFlow checkpoint: `transformers-cli convert --model_type bert "
    "--tf_checkpoint bert_model.ckpt --config bert_config.json --pytorch_dump_output "
    "pytorch_model.bin`, and rename bert_config.json to config.json",
    "BD308": "download the model once on a machine with internet (hf download ID --local-dir "
    "./ID; huggingface-cli download with an older huggingface_hub) and load that folder, or set "
    "HF_ENDPOINT to a mirror",
    "BD309": "write the path for this system: forward slashes (or a raw string, r'...', on "
    "Windows), no ~, no stray spaces (os.path.expanduser / .strip())",
}


def _model_fix(code: str, path: str) -> str:
    """The fix for a model-file code; BD301's names the path the report shows."""
    path = (path or "").strip().strip("'\"")
    if code == "BD301" and path:
        if _is_absolute(path):
            return ABSOLUTE_PATH_FIX
        # the relative path as written, joined to the script's folder instead of the cwd
        rel = re.sub(r"^(?:\./|\.\\)+", "", path).rstrip("/\\") or path
        return RELATIVE_PATH_FIX.format(rel)
    return MODEL_FIXES[code]


def explain_unparsable_path(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`unable to parse X as a URL or as a local path` (old transformers, pytorch-pretrained-bert):
    a file name joined to X means the folder X was found, without the file."""
    if hit.groups["path"].strip().endswith("modelcard.json"):
        # pipeline() of transformers 2.x asks a local folder for the optional model card and
        # fails when there is none: a bug of that release, not a missing model file
        return None
    m = JOINED_FILE_RE.search(hit.groups["path"])
    if not m:
        return explain_model_path(hit, scan)
    groups = {"path": hit.groups["path"][: m.start()], "file": m.group("file")}
    diagnosis = explain_model_path(_as_file_hit(hit, folder="local", groups=groups), scan)
    if diagnosis is not None and m.group("file") == "tokenizer_config.json":
        # a file newer releases do without: a folder packaged for another transformers (a
        # toolkit's cached model) fails the same way as one that lacks the tokenizer
        return replace(
            diagnosis,
            causes=(
                f"a model packaged for another transformers version, which does not need "
                f"{m.group('file')}: install the version the package pins",
            ),
            tentative=True,
        )
    return diagnosis


def _folder_of(path: str) -> str:
    return re.sub(r"[^/\\]*$", "", path) or "."


def _parent(path: str) -> str:
    """The folder of a file's path, without its last separator ('.' for a bare file name)."""
    return _folder_of(path).rstrip("/\\") or "."


def explain_tf_file_not_found(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TensorFlow's NotFoundError, for the files of a model only (not an archive, not data)."""
    path = hit.groups["path"].strip()
    bare = path.strip("{}<>'\"")
    if not (FILE_SUFFIX_RE.search(bare) or ".ckpt" in bare):
        return None
    name = re.sub(r"^\.[\\/]+", "", bare)
    if name in TOKENIZER_FILES:
        # `./vocab.txt`: the script reads the vocabulary from the working directory itself,
        # which is there, without the model download's tokenizer file
        return Diagnosis(
            "BD302",
            f"TensorFlow could not open {bare}: the script reads {name} from the working "
            f"directory, and the working directory has no {name} (it comes with the model's "
            "download, in the model's folder).",
            f"point the vocabulary flag (--vocab_file) at the model folder's {name}, or copy "
            "it next to the script. Confirm: `bertdoctor check-model MODEL_DIR`",
        )
    if re.search(r"\.ckpt[\w-]*\.data-\d+-of-\d+$", bare):
        # TensorFlow opens the data shard after it has read the checkpoint's .index next to
        # it: the folder is there, the weights are not (a download that kept only the small
        # files)
        folder = _folder_of(bare)
        return Diagnosis(
            "BD304",
            f"the checkpoint's weights file {bare} is missing: TensorFlow found the checkpoint's "
            f"index in {folder} and then not its data shard (a download or copy that kept only "
            "the small files, or a data file renamed).",
            f"download the checkpoint again and unpack all of its files into {folder} (the "
            ".data-00000-of-00001 file is the large one). Confirm: `bertdoctor check-model "
            f"{folder}`",
        )
    if bare != path:
        # `{D:\Model\...\bert_config.json}`: the braces (or quotes) of a README's template
        # were kept in the command, and are part of the file name TensorFlow looked for
        return Diagnosis(
            "BD301",
            f"TensorFlow looked for the file '{path}' with the template's {path[0]}{path[-1]} "
            "around it: the characters are part of the name it opens, so no such file exists.",
            f"pass the path without them ({bare}), quoted only when it has spaces. Confirm: "
            f"`bertdoctor check-model {_folder_of(bare)}`",
        )
    return explain_model_path(hit, scan)


# the calls of Google's BERT scripts that open the model's files, and the flags they take
TF_MODEL_FILE_CALL_RE = re.compile(
    r"(?:from_json_file|FullTokenizer|load_vocab|init_from_checkpoint|"
    r"get_assignment_map_from_checkpoint|load_checkpoint)\([^)\n]*\)"
)


def explain_tf_not_found_bare(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TensorFlow's NotFoundError pasted without its message: the traceback's call shows which of
    the model's files it opened (`BertConfig.from_json_file(FLAGS.bert_config_file)`)."""
    calls = list(TF_MODEL_FILE_CALL_RE.finditer(scan.text, scan.frames_from, hit.start))
    if not calls:
        return None  # a data file, or nothing to say which
    call = calls[-1].group(0)
    return Diagnosis(
        "BD301",
        f"TensorFlow could not find the file that `{call}` opens (its NotFoundError names no "
        "path here): the path passed for the model's files does not exist from the working "
        "directory (a relative path, a typo, or the checkpoint not downloaded and unpacked there).",
        "pass absolute paths to --bert_config_file, --vocab_file and --init_checkpoint, and "
        "check that the folder holds bert_config.json, vocab.txt and bert_model.ckpt.*. "
        f"Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=True,
    )


# the reporter: "there is no ./model folder", "the model directory does not exist"
NO_FOLDER_PROSE_RE = re.compile(
    r"(?i)\bthere(?:'s| is) no [\w./\\-]*\s?(?:folder|directory|dir)\b|"
    r"\b(?:folder|directory)\b[^.\n]{0,30}\b(?:does not|doesn't|did not|didn't) exist"
)


def explain_checkpoint_not_found(hit: Hit, scan: Scan) -> Diagnosis:
    """A library's own `Could not find BLEURT checkpoint X`: it looked for a local checkpoint
    at X (no Hub behind it), and X is not there from the working directory."""
    path = hit.groups["path"]
    code, why = _classify_model_path(path, scan, "BD301")
    if code != "BD309":
        code, why = (
            "BD301",
            (
                f"'{path}' does not exist from the working directory the script ran in (a relative "
                "path written for another folder, such as the root of the project's clone, or a "
                "checkpoint never downloaded and unpacked there)"
            ),
        )
    return Diagnosis(
        code,
        f"the checkpoint could not be found: {why}.",
        f"{_model_fix(code, path)}; download and unpack the checkpoint first if it is not "
        f"on the machine. Confirm: `bertdoctor check-model {_path_as_written(scan, code, path)}`",
    )


def explain_hub_module_loader(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TF-Hub's `Missing implementation that supports: loader(*('./chinese_L-12_H-768_A-12',),`:
    hub.Module was given Google's original checkpoint folder, which is no TF-Hub module."""
    path = hit.groups["path"]
    if not re.search(r"_L-\d+_H-\d+_A-\d+", path):
        return None  # another folder: not a module for another reason, no rule's
    return Diagnosis(
        "BD307",
        f"'{path}' is Google's original BERT release (bert_model.ckpt and bert_config.json), a "
        "TensorFlow checkpoint, not a TF-Hub module (saved_model.pb with variables/): "
        "hub.Module has no loader for it.",
        "download the TF-Hub version of the model (tfhub.dev / Kaggle Models) for hub.Module, "
        "or load the checkpoint with the code of Google's BERT repository (or convert it for "
        f"transformers). Confirm: `bertdoctor check-model {path}`",
    )


# a TensorFlow checkpoint's data shard given where its prefix is wanted:
# -ckpt_name=model.ckpt-403.data-00000-of-00001, --init_checkpoint=DIR/model.ckpt.data-00000-of-1
# (a flag with "=", not a listing: "checkpoint  bert_model.ckpt.data-00000-of-00001")
TF_SHARD_ARGUMENT_RE = re.compile(
    r"(?i)(?<![\w-])--?\w*(?:ckpt|checkpoint)\w*(?:\s*=\s*|\s+)['\"]?[^\s'\"]*\.data-\d+-of-\d+"
    r"(?![\w.-])"
)
# what to give TensorFlow instead of a shard: the fix and the hint say it alike
TF_PREFIX_FIX = (
    "give the checkpoint's prefix (model.ckpt, the name its .index, .data and .meta files "
    "share), not a file's name"
)


def explain_tf_data_loss(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TensorFlow's `Data loss: not an sstable (bad magic number)` or `Checksum does not match`
    reading a checkpoint: the file is not the checkpoint it should be (truncated, corrupt, an
    HTML page or a Git LFS pointer saved under its name)."""
    if re.search(r"\.pb: Data loss", _line_at(scan.text, hit.start)):
        return None  # a frozen graph (.pb) given to the checkpoint reader: another API's file
    if re.search(r"\.ckpt-\d+$", hit.groups.get("file") or ""):
        return None  # a step checkpoint the run saved itself (model.ckpt-1100): no download
    if TF_SHARD_ARGUMENT_RE.search(scan.text):
        # the command gives the data shard's name where the checkpoint's prefix is wanted, and
        # TensorFlow opened the shard as the table a prefix's .index is: no file is damaged
        return None  # (a hint says so)
    shard = re.search(r"\.data-\d+-of-\d+$", hit.groups.get("file") or "")
    where = hit.groups.get("file") or "the checkpoint"
    first = (
        # the shard's own name where TensorFlow wants the prefix reads the same way (and so
        # does a prefix whose .index is missing: TensorFlow then globs the shard)
        f"{TF_PREFIX_FIX}; if that was given, " if shard else ""
    )
    return Diagnosis(
        "BD304",
        f"TensorFlow could not read {where} ({hit.text.strip()[:120]!r}): the checkpoint file "
        "is damaged or not what it claims to be (a download cut short, a corrupt archive, a Git "
        "LFS pointer or an HTML page saved under its name)"
        + (", or the data shard was given where TensorFlow wants the prefix." if shard else "."),
        f"{first}{MODEL_FIXES['BD304']}; compare the file's size with the published one, and "
        "unpack the archive again. Confirm: `bertdoctor check-model MODEL_DIR`",
        causes=(
            "the data shard's name (model.ckpt.data-00000-of-00001) given where the "
            "checkpoint's prefix (model.ckpt) is expected",
        ),
        tentative=True,  # a checkpoint of another TensorFlow format reads the same way
    )


# a tokenizer's JSON files: no configuration
TOKENIZER_JSON = (
    r"(?:vocab|tokenizer|tokenizer_config|encoder|special_tokens_map|added_tokens)\.json"
)
# the reporter: "sstphrase.json is missing", "the config file is missing", "no config.json"
_CONFIG_JSON = rf"(?:config(?:\.json)?|(?!{TOKENIZER_JSON})[\w-]+\.json)"
CONFIG_MISSING_PROSE_RE = re.compile(
    rf"(?i)\b(?:configuration|{_CONFIG_JSON})\s+(?:file\s+)?(?:is|was|are)\s+missing\b|"
    rf"\bmissing\s+(?:the\s+)?{_CONFIG_JSON}\b|\bno config\.json\b"
)


# the reporter converted a TensorFlow checkpoint to PyTorch themselves ("after converting",
# "转换之后"): the converter writes the weights only, and config.json stays behind
CONVERTED_SAID_RE = re.compile(
    # (the converter's script named alone is no sign: "should I run convert_..._to_pytorch?")
    r"(?i)\b(?:converted|after converting|convert(?:ing)? (?:the |a |my )?(?:tf|tensorflow))\b|"
    r"转换(?:之?后|成|为)|转成"
)


# ymcui's Chinese BERT-family releases (Chinese-BERT-wwm, Chinese-ELECTRA, MacBERT, ...),
# whose zips keep Google's file names
GOOGLE_NAMED_DOWNLOAD_RE = re.compile(
    # (not a Hub id: hfl/chinese-bert-wwm-ext is a transformers download)
    r"(?i)ymcui/[A-Za-z0-9-]+|(?<![/\w-])Chinese-(?:BERT-wwm|ELECTRA|XLNet|LERT|PERT)\b|哈工大|讯飞云"
)
# the reporter unpacked a download into the folder
UNPACKED_SAID_RE = re.compile(r"(?i)解压|\b(?:unzipped|unpacked)\b")


def _unpacked_release(prose: str) -> str:
    """The release the reporter says they unpacked into the folder, in one sentence with the
    unpacking ("我从 ymcui/Chinese-BERT-wwm 下载...并解压到..."); "" when none."""
    for sentence in re.split(r"[。！？!?\n]|\.\s", prose):
        named = GOOGLE_NAMED_DOWNLOAD_RE.search(sentence)
        if named and UNPACKED_SAID_RE.search(sentence):
            return named.group(0)
    return ""


def explain_cant_load_config(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Can't load config for 'X'`; a copy of the message with the path unquoted is the
    reporter's own (often a placeholder), so it settles nothing about the folder."""
    if re.search(r"(?:for|of) '|Can't load '", hit.text):
        return explain_model_path(hit, scan)
    if CONVERTED_SAID_RE.search(scan.prose):
        path = hit.groups.get("path") or scan.model_arg
        return Diagnosis(
            "BD303",
            f"transformers could not load the config of '{path}', a checkpoint the report says "
            "was converted to PyTorch: the converter writes only the weights "
            "(pytorch_model.bin), and the folder has no config.json next to them.",
            "copy the checkpoint's config (bert_config.json, renamed config.json) into the "
            f"converted folder. Confirm: `bertdoctor check-model {path}`",
            tentative=True,
        )
    diagnosis = explain_model_path(hit, scan)
    return diagnosis and replace(diagnosis, tentative=True)


def explain_model_path(hit: Hit, scan: Scan) -> Diagnosis | None:
    if (
        hit.pattern.name == "repo-id-form"
        and re.fullmatch(r"[A-Za-z][\w.-]*\\[\w.-]+", hit.groups.get("path", ""))
        # (a relative Windows folder, models\bert, that does not exist reads the same: only
        # where the text speaks of the code's path joining)
        and re.search(r"(?i)pathlib|os\.path\.join|\bsep[ae]rator", scan.text)
        # the user's own code does not write that id (then it is their folder's name); the
        # error message's own quotes of it do not count
        and not re.search(
            rf"[\"']{re.escape(hit.groups['path'])}[\"']",
            scan.text[: hit.start] + scan.text[hit.end :],
        )
    ):
        # 'pyannote\segmentation': a Hub id (owner/name) that code passed through
        # os.path.join or pathlib on Windows, which turned its slash into a backslash; no local
        # folder is meant, and the fix is in that code (a library's, often), not in the path
        return None
    diagnosis = _explain_model_path(hit, scan)
    if diagnosis is None or diagnosis.code != "BD301":
        return diagnosis
    if diagnosis.tentative and (m := CONFIG_MISSING_PROSE_RE.search(scan.prose)):
        # the folder is there, the reporter says which file it lacks: its configuration
        return Diagnosis(
            "BD303",
            f"the model could not be loaded, and the report says its configuration is missing "
            f"('{m.group(0)}'): the folder holds the weights without the config file the loader "
            "reads.",
            f"{MODEL_FIXES['BD303']}; ask for or download the model's config file with its "
            f"weights. Confirm: `bertdoctor check-model {scan.model_arg}`",
            tentative=True,
        )
    if (
        diagnosis.code == "BD301"
        and hit.pattern.code == "BD303"
        and (release := _unpacked_release(scan.prose))
    ):
        # the reporter unpacked a release of ymcui's Chinese models into the folder: its
        # PyTorch zip names the config bert_config.json (Google's name), which transformers
        # does not look for; the TensorFlow zip has no PyTorch weights either
        where = hit.groups.get("path") or scan.model_arg
        return Diagnosis(
            "BD303",
            f"transformers found no config.json in '{where}', which the report says holds a "
            f"model downloaded from {release} and unpacked there: the zips of those releases "
            "name the config bert_config.json (Google's name), which transformers does not look "
            "for.",
            "rename bert_config.json to config.json in the model folder (the TensorFlow zip "
            f"needs converting too: BD307). Confirm: `bertdoctor check-model {where}`",
            tentative=True,
            causes=(
                "the TensorFlow zip, which has no PyTorch weights (BD307)",
                "a relative path that does not reach the folder from the working directory (BD301)",
            ),
        )
    if "SetFitModel.from_pretrained(" in scan.text:
        # setfit's loader asks the Hub for model_head.pkl when a local folder lacks it, and
        # the folder's path reaches the Hub as a repo id: the folder may well be there
        return replace(
            diagnosis,
            message=diagnosis.message
            + " But setfit's loader reads a local folder without model_head.pkl as a Hub repo "
            "id too (setfit before 1.0).",
            fix=diagnosis.fix.replace(
                " Confirm:",
                " With setfit, upgrade it, or save the model with model.save_pretrained so that "
                "the folder holds model_head.pkl. Confirm:",
                1,
            ),
            tentative=True,
        )
    return diagnosis


NONE_PATHS = ("None", "none", "null")


def _none_path(ident: str, scan: Scan) -> Diagnosis:
    """`Can't load config for 'None'`: the setting that names the model was never filled."""
    return Diagnosis(
        "BD301",
        f"the model path is {ident}: the argument or config entry that should name the model "
        "folder (model_name_or_path, a path in a config file) was never set.",
        "set the model path (an existing folder with config.json and the weights) where the "
        f"script reads it. Confirm: `bertdoctor check-script {scan.script}`",
        # the user's setting, or a name the script reads under another key (a SageMaker
        # hyperparameter called model_id where it reads model_name): the text does not say
        tentative=True,
    )


# a hosted API's model name (OpenAI's, Cohere's): a library that took it for a Hugging Face id
# has no model folder or Hub download to fix
API_MODEL_NAME_RE = re.compile(
    r"(?:text-embedding-(?:ada-\d+|3-(?:small|large))|text-(?:davinci|curie|babbage|ada)-\d+|"
    r"gpt-(?:3\.5|4)[\w.-]*|embed-(?:english|multilingual)(?:-light)?-v\d[\w.]*)"
)


def _explain_model_path(hit: Hit, scan: Scan) -> Diagnosis | None:
    given = (hit.groups.get("path") or "").strip()
    if given in NONE_PATHS:
        return _none_path(given, scan)
    if API_MODEL_NAME_RE.fullmatch(given):
        return None
    if hit.pattern.name == "cant-load-config":
        # old transformers' `file X/config.json not found` raised just before (and chained):
        # it joins config.json to X only when X is a folder, so the folder was there
        before = scan.text[max(0, hit.start - 5000) : hit.start]
        path = (hit.groups.get("path") or "").rstrip("/\\")
        if path and re.search(rf"\bfile {re.escape(path)}[\\/]+config\.json not found", before):
            groups = {"path": path, "file": "config.json"}
            return explain_model_path(_as_file_hit(hit, folder="local", groups=groups), scan)
    default = hit.pattern.code
    if (
        default == "BD302"
        and _written_as_path(hit.groups.get("path") or "")
        and re.search(r"\bmodel\.save_pretrained\(", scan.text)
        and not re.search(r"tokenizer\.save_pretrained\(|\.save_model\(", scan.text)
    ):
        # the folder was written by model.save_pretrained alone: weights and config.json, and
        # no tokenizer files (the Trainer's save_model writes them when it has the tokenizer)
        where = hit.groups.get("path") or "the model folder"
        return Diagnosis(
            "BD302",
            f"the tokenizer cannot be loaded from {where}: the code saves the model with "
            "model.save_pretrained, which writes the weights and config.json but no tokenizer "
            "files (vocab.txt, tokenizer.json).",
            "save the tokenizer into the same folder (tokenizer.save_pretrained(model_dir)), or "
            "pass the tokenizer to the Trainer so that save_model writes both. Confirm: "
            f"`bertdoctor check-model {scan.model_arg}`",
        )
    files = hit.groups.get("files") or ""
    if "config.json" in files and not re.search(r"\.bin|safetensors|\.h5|ckpt|msgpack", files):
        default = "BD303"  # `Error no file named config.json found in directory X`
    path = hit.groups.get("path") or ""
    if len(path) > 1 and path.endswith(".") and not path.endswith(("/.", "\\.", "..")):
        path = path[:-1]  # the full stop of the sentence, not part of the path
    # the reporter's words that the folder is there (read once: three readings below ask)
    said_there = bool(path) and _reporter_says_it_exists(scan, path)
    z = scan.zone
    tentative = False
    what_instead = ""  # what could not be loaded, when the message says and the pattern does not
    if re.match(r"Can't load (?:feature extractor|image processor) for", hit.text):
        what_instead = "the preprocessor's config (preprocessor_config.json)"
    if hit.groups.get("file") == "bert_config.json":
        code, why = (
            "BD303",
            (
                f"the code asks for bert_config.json in '{path}', the name in Google's original "
                "checkpoints; a transformers download has config.json (copy or rename it)"
            ),
        )
        # `No such file: X/bert_config.json` does not say whether X exists: an absolute path
        # from another machine (/search/odin/...) is as likely as a folder without the file
        tentative = hit.pattern.name == "file" and not os.path.isdir(path)
    elif (
        default in ("BD303", "BD304")
        and (
            "bert_config.json" in z
            or "bert_model.ckpt" in z
            or re.search(r"_L-\d+_H-\d+_A-\d+", z)
            or re.search(
                r"(?i)\boriginal (?:google )?bert\b|\bgoogle'?s (?:original )?bert\b|"
                r"\b(?:tf|tensorflow) checkpoint",
                z,
            )
            # the reporter: the PyTorch download loads, the TensorFlow one fails
            or (hit.pattern.name == "no-file-named" and TF_RELEASE_PROSE_RE.search(scan.prose))
        )
        # a checkpoint the reporter already converted: the PyTorch folder lacks the file
        # (the TensorFlow checkpoint named as converted, not "take the converted model": the
        # reporter's word alone, which CONVERTED_SAID_RE reads, may be advice)
        and not re.search(
            r"(?i)\b(?:converted|after converting) (?:the |a |my )?(?:tf|tensorflow)", z
        )
    ):
        code, why = "BD307", "the folder holds an original TensorFlow checkpoint"
        # bert_config.json alone is the name the code asks for (projects of the
        # pytorch-pretrained-bert era kept it), not a sign of what the folder holds: only a
        # checkpoint file, a Google folder name or the reporter's words say it is TensorFlow's
        tentative = not re.search(
            r"bert_model\.ckpt|\.ckpt\.(?:index|data|meta)|_L-\d+_H-\d+_A-\d+|"
            r"(?i:\b(?:tf|tensorflow) checkpoint|original (?:google )?bert)",
            # not the file names transformers lists as what it looked for (model.ckpt.index)
            z.replace(hit.groups.get("files") or "\0", ""),
        )
    elif (
        path
        and hit.pattern.name in ("cant-find-vocab", "vocab-files-not-found")
        and re.search(r"[\\/]vocab\.txt'", hit.text)
    ):
        # the old tokenizer joins vocab.txt to the path only when the folder exists
        code, why = "BD302", f"the folder '{path}' exists but has no vocab.txt"
    elif re.fullmatch(r"[\\/][\w.-]+", path) and path[1:] in ROOT_READ_FILES:
        # `/vocab.txt`: the folder part is empty, a variable or flag naming the model folder
        # ($BERT_DIR) that was never set
        return Diagnosis(
            "BD301",
            f"the path '{path}' has an empty folder part: the variable or flag that names the "
            "model folder ($BERT_DIR, --bert_dir) was not set, so the file was looked for at "
            "the root.",
            f"set that variable to the model folder (export BERT_DIR=/path/to/model; echo "
            f"$BERT_DIR shows it), or pass the folder's path. Confirm: `bertdoctor "
            f"check-script {scan.script}`",
            tentative=True,
        )
    elif (
        path
        and re.split(r"[\\/]", path)[-1] in TOKENIZER_FILES
        and (path.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", path))
        and not os.path.isfile(path)
    ):
        code, why = (
            "BD302",
            (
                f"'{path}' names the tokenizer file itself, and it is not there: the folder needs "
                "it, and from_pretrained takes the folder"
            ),
        )
    elif (
        path
        and hit.pattern.name == "cant-load-tokenizer"
        and (_written_as_path(path) or path.count("/") >= 2)
        and AUTO_CHOSE_CLASS_RE.search(scan.text[max(0, hit.start - 20_000) : hit.start])
    ):
        # AutoTokenizer picks the class from the folder's tokenizer_config.json or config.json
        # and only then calls its from_pretrained: a local path that got that far exists
        code, why = (
            "BD302",
            f"AutoTokenizer read the configuration in '{path}' and chose a tokenizer class, so "
            "the folder is there; it lacks the tokenizer's files (vocab.txt, tokenizer.json)",
        )
    elif path and hit.pattern.name in ("file-seen", "file-local", "no-file-named"):
        # transformers says this only for a folder it found: the folder lacks the file
        code, why = _classify_model_path(path, scan, default)
        if code == "BD301" or (code == default and os.path.isdir(path)):
            code, why = default, f"the folder '{path}' exists but does not hold it"
        elif code == "BD308" and hit.pattern.name in ("file-local", "no-file-named"):
            code, why = default, f"transformers found the folder '{path}', without the file"
    elif path:
        code, why = _classify_model_path(path, scan, default)
        if (
            code == "BD301"
            and default == "BD302"
            and OUTPUT_FOLDER_RE.search(path)
            and not _is_absolute(path)
            and not os.path.exists(path)
            and not said_there
        ):
            # a training run's own output (outputs/, checkpoint-500): the run wrote the folder,
            # and a Trainer or a library writes a tokenizer there only when it was given one
            code, why = (
                "BD302",
                (
                    f"'{path}' is a training run's output folder: the run wrote the weights there, "
                    "but not the tokenizer files (a Trainer saves them only when it is given the "
                    "tokenizer)"
                ),
            )
            tentative = True
        if (
            code == "BD301"
            and hit.pattern.name == "cant-load-tokenizer"
            and not scan.frames
            and "correct path" not in scan.text
        ):
            # the first line alone (an issue's title): the rest of the message, which says
            # whether the folder was found, is not there
            tentative = True
        if (
            code == "BD301"
            and hit.pattern.name == "repo-id-form"
            and re.search(r"sentence_transformers|SentenceTransformer\(", scan.text)
        ):
            # sentence-transformers also sends a folder that exists to the Hub's validator
            # (a release that mishandled local paths, an old copy of the package beside the
            # script): the missing folder is the likeliest cause, not the only one
            tentative = True
        if code == "BD308" and hit.pattern.name == "cant-find-vocab":
            # pytorch_pretrained_bert reads only local paths (and its shortcut names)
            code, why = "BD301", f"'{path}' is not a folder in the working directory"
        if code in ("BD301", "BD308") and hit.pattern.name == "file":  # a local file was opened
            code, why = default, f"there is no {hit.groups.get('file')} in '{path}'"
            # `No such file: X/vocab.txt` does not say whether X exists: a relative path from
            # another working directory, or a model never downloaded, reads the same. The files
            # read first (the config, the tokenizer's) are as likely missing with their folder;
            # the weights are read after the config, so their folder was there
            tentative = (
                path.startswith("..") or hit.groups.get("file") in FIRST_READ_FILES
            ) and not os.path.isdir(path)
        elif hit.pattern.name == "model-name-list":
            # pytorch-pretrained-bert: only its shortcut names are downloaded, the rest are paths
            names = {n.strip() for n in (hit.groups.get("names") or "").split(",")}
            joined = re.search(
                r"We assumed '(?!https?://)[^'\n]*[\\/](config\.json|pytorch_model\.bin)' was a "
                r"path",
                scan.text[hit.start : hit.start + 3000],
            )
            url = re.search(
                r"We assumed '(https?://[^'\n]+)' was a path",
                scan.text[hit.start : hit.start + 3000],
            )
            near = [n for n in names if n.startswith(f"{path}-")] or difflib.get_close_matches(
                path, sorted(names), 1, 0.85
            )
            family = re.split(r"[\\/]", path.rstrip("\\/"))[-1].split("-")[0].lower()
            if (
                family in OTHER_ARCHITECTURES
                and path not in names
                and "chinese" not in path.lower()  # Chinese RoBERTa and ALBERT are BERT classes
                and not CHINESE_ROBERTA_RE.search(path)
                and re.search(r"(?<![A-Za-z])Bert\w*\.from_pretrained\(", scan.recent)
            ):
                # another architecture's name (distilbert-base-german-cased) given to a BERT
                # class, which looks it up among BERT's names: a wrong class, no download's fault
                return None
            if path in names:
                code, why = (
                    "BD308",
                    f"the download of '{path}' (one of the library's own names) failed",
                )
            elif url and code == "BD301":
                # a name written as a local path (outputs/checkpoint-500): the library makes a
                # download URL of it only when no such folder is there
                why = (
                    f"'{path}' is not a folder in the working directory (the library then "
                    f"tried it as a download, {url.group(1)})"
                )
            elif url:
                # the library made a download URL of the name: the download is what failed
                code, why = "BD308", f"the download of '{path}' from {url.group(1)} failed"
                if re.search(r"pytorch_model|\.bin$|\.h5$|ckpt", url.group(1)):
                    what_instead = "the weights file"
            elif (
                family in OTHER_ARCHITECTURES
                and names
                and family not in {n.split("-")[0].lower() for n in names}
            ):
                # another architecture's name (distilbert-base-uncased given to a BERT class,
                # whose list has bert-base-uncased): the class does not know that model, and
                # neither a download nor a path is at fault
                return None
            elif near and "/" not in path and not os.path.isdir(path):
                # `bert-base-multilingual` for bert-base-multilingual-cased: a name of the
                # library's list, mistyped
                code, why = (
                    "BD308",
                    f"'{path}' is not one of the library's model names; {near[0]} is (a "
                    "mistyped name, which the library then looked for as a folder)",
                )
                tentative = True
                what_instead = "the model"
            elif names and "/" not in path and _known_hub_id(path) and not os.path.isdir(path):
                # a released model's name (bert-base-dutch-cased) that the installed library
                # does not list: it predates the model, an upgrade and no rule's (a hint)
                return None
            elif (
                names
                and code == "BD308"
                and not joined
                and re.fullmatch(r"[A-Za-z][\w-]*-[\w-]+", path)
                and not said_there
            ):
                # a bare name of another family (TAPE's babbler-1900 given to its BERT class,
                # whose list is bert-base): the class does not know it, and no folder of that
                # name was meant
                return None
            elif joined:
                # the library joins the file name to the path only when the folder exists
                code = "BD303" if joined.group(1) == "config.json" else "BD304"
                why = f"the folder '{path}' exists but has no {joined.group(1)}"
                if code == "BD303" and "bert_config.json" in scan.zone:
                    why += " (its configuration is named bert_config.json: rename it)"
            elif code == "BD308":
                code, why = "BD301", f"'{path}' is not a folder in the working directory"
            elif code == "BD301":
                # the folder may be there without the file: the message does not say which
                tentative = True
        elif code == "BD308" and hit.pattern.name == "not-valid-identifier":
            code, why = (
                "BD301",
                (
                    f"'{path}' is not a folder in the working directory, and the Hub answered that "
                    "it has no model of that name: the path to the local model folder is wrong, or "
                    "the model was never downloaded into it"
                ),
            )
    elif hit.pattern.name == "file-seen" and hit.groups.get("file"):
        # `OSError:  does not appear to have a file named config.json`: the path was '' or
        # './', the working directory, which transformers found without the file
        code, why = (
            default,
            f"the path given was empty or './' (the working directory), which has no "
            f"{hit.groups['file']}",
        )
    elif not path and default in ("BD303", "BD304") and NO_FOLDER_PROSE_RE.search(scan.prose):
        # no path in the message, and the reporter says the model folder is not there: the
        # files are missing because the folder is (a copy that flattened it, another cwd)
        code, why = "BD301", "the reporter says the model folder is not where the code reads it"
        tentative = True
    else:
        code, why = default, "transformers could not find the model files"
        if hit.pattern.name == "no-file-named":
            # no folder named and none described: a folder without the weights, and one that
            # holds Google's original TensorFlow release (bert_model.ckpt.*), read the same
            tentative = True
            why += (
                " (a folder that holds an original TensorFlow checkpoint, bert_model.ckpt.*, "
                "reads the same: BD307)"
            )
    if (
        code == "BD308"
        # an owner the Hub is not known for, or a bare name that is none of the Hub's old
        # owner-less models (bert-large-arabertv02 for aubmindlab/...): the owner may be missing
        and not (_known_hub_id(path) if "/" in path else OWNERLESS_HUB_NAME_RE.match(path))
        and not _released_hub_name(path)
        and not NETWORK_WORDS_RE.search(scan.zone)
    ):
        # `dpr-train/query_encoder`: a folder pair as likely as a Hub repository of an owner
        # nobody knows, and no network error in sight
        tentative = True
    if code in ("BD301", "BD308") and KERAS_FILE_RE.search(path.strip()):
        # a model saved with Keras' model.save(): one file, not the folder with config.json
        # that from_pretrained reads (save_pretrained writes it)
        code, tentative = "BD303", True
        why = (
            f"'{path.strip()}' is a Keras model file (model.save()), not a transformers model "
            "folder: from_pretrained reads a folder with config.json and the weights, which "
            "save_pretrained writes"
        )
    if (
        hit.pattern.name in ("model-name-list", "model-name-not-found")
        and code in ("BD301", "BD308")
        and "/" in path
        and _known_hub_id(path)
        and not NETWORK_WORDS_RE.search(z)
    ):
        # an owner/name id of a known Hub owner, and no network error in sight: the libraries
        # that answer with their list of names predate owner/name ids (pytorch-transformers,
        # transformers before 2.2), or predate the model's tokenizer class (transformers 2-3
        # pick another class, whose files the repository lacks): an upgrade, no rule's
        return None
    if (
        code == "BD308"
        and hit.pattern.name in ("cant-load-tokenizer", "cant-load-config")
        and "/" in path
        and not NETWORK_WORDS_RE.search(z)
    ):
        if NOT_ON_HUB_RE.search(scan.prose):
            return None  # the reporter found no such model on the Hub: a mistyped id
        if hit.pattern.name == "cant-load-tokenizer" and SPEECH_PRETRAINED_RE.search(path):
            # a speech model pretrained on audio alone (wav2vec2-large-xlsr-53) has no
            # vocabulary: its tokenizer is built from the fine-tuning data's characters
            return Diagnosis(
                "BD302",
                f"'{path}' is a speech model pretrained on audio alone: its repository has no "
                "tokenizer files (vocab.json), since the characters come from the data it is "
                "fine-tuned on.",
                "build the vocabulary from your transcripts and create the tokenizer from it "
                "(Wav2Vec2CTCTokenizer('vocab.json'), then Wav2Vec2Processor with the model's "
                "feature extractor), or load a checkpoint fine-tuned with CTC (one whose name "
                "ends in -960h or names a language). Confirm: `bertdoctor check-model "
                f"{path}`",
                tentative=True,
            )
        # no network error in sight: a Hub repository that ships no tokenizer files (the model
        # card names the tokenizer to use), or a mistyped or private id, reads the same as a
        # Hub that was not reached
        if not tentative:
            why += (
                "; with no network error in the text, the repository may also ship no "
                "tokenizer files (its model card names the tokenizer to load, BD302)"
                if hit.pattern.name == "cant-load-tokenizer"
                else "; with no network error in the text, the id may also be mistyped or "
                "private (check its spelling on huggingface.co)"
            )
        tentative = True
    if (
        code == "BD308"
        and hit.pattern.name == "cant-load-tokenizer"
        and not tentative
        and SENTENCEPIECE_MODEL_RE.match(path)
        and not NETWORK_WORDS_RE.search(z)
    ):
        # a SentencePiece model's tokenizer fails the same way when the class the code picks
        # is not the model's (RobertaTokenizer for xlm-roberta-base) or sentencepiece is missing
        tentative = True
        why += (
            "; with no network error in the text, the tokenizer class the code picks may also "
            "not be the model's (a RobertaTokenizer for xlm-roberta), or sentencepiece is not "
            "installed (BD313)"
        )
    if code == "BD308" and not tentative and VERSION_REVERT_RE.search(scan.prose):
        # another release of the library loads the same id: its loader, not the network
        tentative = True
        why += (
            "; the reporter says another version of the library loads it, so the loader of "
            "this version may fail on its own (pin the version that works)"
        )
    if code == "BD308" and DISK_FULL_RE.search(scan.text):
        return None  # the download stopped on a full disk: no rule of bertdoctor's
    if (
        code == "BD304"
        and hit.pattern.name == "no-file-named"
        and "safetensors" not in files
        and "model.safetensors" in scan.text
    ):
        # this transformers does not look for model.safetensors (the package is not installed,
        # or the release predates it) while the reporter's folder holds one
        tentative = True
        why = (
            "the names it looked for do not include model.safetensors, which the text says the "
            "folder holds: this transformers reads it only with the safetensors package "
            "installed (pip install safetensors), or is too old for it"
        )
    if code == "BD304" and hit.pattern.name == "no-file-named" and SHARDED_RE.search(scan.text):
        # a checkpoint split into shards with an index: a loader of that version that does not
        # read the index (Flax shards in transformers 4.41) reports the folder as empty
        tentative = True
        why += (
            "; but the text speaks of a sharded checkpoint, which this loader may not look for "
            "(its index file names the shards): then the weights are there and the loader of "
            "that version is the trouble"
        )
    elif (
        code == "BD304"
        and hit.pattern.name == "no-file-named"
        and re.search(
            r"modeling_tf_utils|\bTF(?:Auto|Bert|Roberta|Distil|Electra|Albert)\w*\.from_pretrained",
            scan.zone,
        )
    ):
        # a TensorFlow class: a folder of Keras training checkpoints (ckpt, h5 of save_weights)
        # reads the same as one without weights
        tentative = True
        why += (
            " (a TensorFlow model's folder may hold training checkpoints instead, which "
            "from_pretrained does not read: BD307)"
        )
    if (
        code == "BD301"
        and hit.pattern.name == "cant-load-tokenizer"
        and _is_absolute(path)
        and not os.path.isdir(path)
    ):
        # transformers says this for a folder that lacks the tokenizer files as well as for one
        # that is not there (AutoTokenizer found the config first): on another machine's
        # absolute path the text cannot tell which
        tentative = True
        why += "; or it exists there without the tokenizer files (BD302)"
    if (
        hit.pattern.name == "cant-load-tokenizer"
        and code in ("BD301", "BD302", "BD308")
        and _model_loaded_from(scan, path)
    ):
        # the model's weights or config were read from that very folder: it exists, and only
        # the tokenizer files are missing (a Trainer checkpoint-N folder has none unless the
        # tokenizer was given to the Trainer)
        code, tentative = "BD302", False
        why = (
            f"the model itself loaded from '{path.strip()}' (the log reads its weights there), "
            "so the folder exists and lacks the tokenizer files"
        )
        folder = OUTPUT_FOLDER_RE.search(path)
        if folder and folder.group("checkpoint"):
            why += (
                ": a Trainer checkpoint folder holds them only when the tokenizer was given to "
                "the Trainer"
            )
    if code == "BD301" and EMPTY_WEIGHTS_RE.search(scan.recent):
        code, tentative = "BD304", False
        why = "the reporter says the weights file is empty (0 bytes): a failed download or upload"
    said_there = said_there and code == "BD301"
    if said_there and default in ("BD302", "BD303", "BD304") and not os.path.isdir(path):
        # the folder is not on this machine, but the reporter says it is on theirs: then it
        # lacks a file; a wrong path stays possible, so this is the likelier cause, not a sure one
        code, tentative = default, True
        why = (
            f"the reporter says '{path}' exists, so it most likely lacks the files (all of the "
            "model's files must be in it: config.json, the tokenizer files, the weights); if it "
            "does not resolve from the working directory, the path is wrong instead (BD301)"
        )
    elif code == "BD301" and path and hit.pattern.name in LOCAL_PATH_REFUSED:
        folder = _parent(path)
        # (a file in any folder, "./config.json" too; a bare file name is no folder's)
        if FILE_SUFFIX_RE.search(path) and _folder_of(path) != ".":
            # `from_pretrained("org/model/config.json")`: a file of the model, not the model
            tentative = True
            why = (
                f"'{path}' names a file; from_pretrained takes the model's folder or its Hub "
                f"id ('{folder}') and finds config.json and the weights itself"
            )
        elif VERSION_REVERT_RE.search(scan.prose):
            # an older version of the library loads the same path: a regression of the
            # loader, not a wrong path
            tentative = True
            why += (
                "; the reporter says an older version of the library loads it, so the loader of "
                "the new version may not take that path (pin the version that works)"
            )
        elif said_there:
            tentative = True
            why += (
                "; the reporter says the model is on their machine, so the path the code "
                "passes is not the folder's (spelling, the working directory), or the loader "
                "of that version does not take it"
            )
    if code == "BD301" and (
        (
            hit.pattern.name == "tf-checkpoint-not-found"
            and re.search(r"(?:^|[\\/])(?:bert_)?model(?:\.ckpt(?:-\d+)?|-\d+)$", path)
        )
        # a file of the checkpoint itself (bert_model.ckpt.data-00000-of-00001)
        or (hit.pattern.name == "tf-file-not-found" and ".ckpt" in path)
    ):
        # the checkpoint's usual name: a folder that is not there, or one that is there without
        # the downloaded checkpoint files, read the same (explain_tf_checkpoint_not_found says
        # so itself for its own pattern)
        tentative = True
        if hit.pattern.name == "tf-file-not-found":
            why += " (or it exists without the checkpoint's files)"
    if code == "BD301" and LIBRARY_DATA_RE.search(path):
        # a folder of a library's own data (camel_tools under AppData, a package's folder in
        # site-packages): the library's download of its model, not the user's path, failed
        tentative = True
        why += (
            " (a folder of a library's own data: the library's download of its model did not "
            "put it there; run that library's data download again, or upgrade it)"
        )
    if tentative:
        # a likely reading says so: the text did not prove that the path is missing
        why = why.replace(" does not exist", " most likely does not exist", 1)
    what = {
        "BD302": "the tokenizer files (vocab.txt / tokenizer.json)",
        "BD303": "config.json",
        "BD304": "the weights file",
    }.get(default, "the model")
    file = hit.groups.get("file")
    if file:
        what = file
    what = what_instead or what
    target = _path_as_written(scan, code, path.strip()) or scan.model_arg
    name = re.split(r"[\\/]", target)[-1]
    if name in TOKENIZER_FILES or FILE_SUFFIX_RE.search(name):
        target = _parent(target)  # the folder, not the file
    return _tokenizer_class_note(
        Diagnosis(
            code,
            f"{'TensorFlow' if hit.pattern.name.startswith('tf-') else 'transformers'} could not "
            f"load {what}: {why}.",
            f"{SBERT_FIX if file == 'modules.json' else _model_fix(code, path)}. Confirm: "
            f"`bertdoctor check-model {target}"
            f"{' --script ' + scan.script if code == 'BD301' else ''}`",
            tentative=tentative,
        ),
        scan,
    )


# a processor's own files (vision and speech models): a text model's folder has none
PROCESSOR_FILES = frozenset({"preprocessor_config.json", "processor_config.json"})


def _model_loaded_from(scan: Scan, path: str) -> bool:
    """The log shows the model read from that folder (its weights or its config)."""
    folder = path.strip().rstrip("/\\")
    if not folder:
        return False
    # the folder itself, not a longer name that starts with it (out/model_v1 for out/model)
    return bool(
        re.search(
            r"(?:Some weights of the model checkpoint at |loading weights file |loading "
            rf"configuration file |initialized from the model checkpoint at ){re.escape(folder)}"
            r"(?=[\\/\s'\".,:]|$)",
            scan.text,
        )
    )


# where libraries keep the data they download for themselves (not the Hugging Face cache)
LIBRARY_DATA_RE = re.compile(
    r"(?i)[\\/]AppData[\\/](?:Roaming|Local)[\\/](?!huggingface|torch)|[\\/](?:site|dist)-packages[\\/]"
)


SBERT_FIX = (
    "a sentence-transformers folder is written by model.save(folder), which adds modules.json; "
    "a plain transformers folder loads with SentenceTransformer(modules=[models.Transformer("
    "folder), models.Pooling(...)])"
)

# "I have downloaded the spacy model": another thing than the model folder in question
_OTHER_DOWNLOAD = r"(?:spacy|nltk|glove|fasttext|word2vec|datasets?|data|corp(?:us|ora))\b"
EXISTS_SAID_RE = re.compile(
    r"(?<!not )(?<!n't )\b(?:file|files|folder|path|model|directory)\s+(?:does\s+|already\s+)?"
    r"exists\b|"
    rf"\b(?:have|had|already|I)\s+(?:already\s+)?downloaded\b(?!\s+(?:the\s+)?{_OTHER_DOWNLOAD})|"
    rf"\bdownloaded\s+(?:it|them|all|the)\b(?!\s+{_OTHER_DOWNLOAD})|"
    rf"\bI\s+(?:have|had|'ve)\s+(?:already\s+)?download\s+(?:it|them|all|the)\b"
    rf"(?!\s+{_OTHER_DOWNLOAD})|"
    r"\bI\s+(?:have|had|'ve)\s+(?:the\s+model|the\s+files|it)\b(?!\s+not)|"
    r"\b(?:my|the)\s+(?:model\s+)?(?:folder|directory|dir)\s+(?:only\s+)?(?:has|contains|holds)\b|"
    # "in the checkpoint dir there are only two files"
    r"\b(?:folder|directory|dir)\s+there\s+(?:are|is)\s+(?:only\s+)?(?:two|three|\d|the|a)\b|"
    r"文件夹(?:里|中)(?:只)?有|"
    r"\b(?:model|files?)\s+(?:is|are|was|were)\s+(?:already\s+)?(?:downloaded|there)\b|"
    r"已经下载|下载(?:完|好)|路径没(?:有)?问题|文件(?:都)?(?:在|存在)|"
    r"下载了[^\n，。,]{0,12}?模型|下载了\s*(?:config\.json|pytorch_model\.bin|vocab\.txt)|"
    r"放(?:置|在|到)[^\n，。,]{0,20}?文件夹(?:内|里|中|下)|"
    r"\b(?:put|placed|saved|copied) (?:it|them|the model|the files|all)[^\n.]{0,30}?\b(?:in|into) "
    r"(?:the |my )?[\w./-]*\s*(?:folder|directory|dir)\b|"
    # "I have a custom model that I can load successfully" (with from_pretrained, elsewhere)
    r"(?<!is there a )(?<!is there an )(?<!which )(?<!any )\bmodel (?:that |which )?I can "
    r"(?:already )?load (?:it )?"
    r"(?:successfully|fine|without (?:any )?(?:problems?|issues?|errors?))\b",
    re.I,
)


def _reporter_says_it_exists(scan: Scan, path: str = "") -> bool:
    """The reporter's own words (not the traceback) say the model folder is there, or the
    pasted code saved it there with save_pretrained."""
    name = re.split(r"[\\/]", path.rstrip("\\/"))[-1]
    if name and re.search(
        rf"save_pretrained\(\s*[rf]?['\"][^'\"\n]*\b{re.escape(name)}['\"/]", scan.text
    ):
        return True
    said = "\n".join(ln for ln in scan.prose.splitlines() if "Error" not in ln[:40])
    return bool(EXISTS_SAID_RE.search(said))


def _as_file_hit(hit: Hit, *, folder: str, groups: dict[str, str] | None = None) -> Hit:
    """The hit, as if from a pattern of the missing file's family (tokenizer, config, weights).
    ``folder``: "unknown" (the folder may not exist either), "seen" (transformers found it,
    locally or on the Hub) or "local" (old transformers joined the file name to a local folder
    it found)."""
    groups = groups or hit.groups
    file = groups["file"]
    code = (
        "BD302"
        if file in TOKENIZER_FILES
        else "BD303"
        if file.endswith("config.json") or file == "modules.json"  # sentence-transformers'
        else "BD304"
    )
    name = {"unknown": "file", "seen": "file-seen", "local": "file-local"}[folder]
    return Hit(Pattern(name, code, (), ""), groups, hit.start, hit.end, hit.text)


def explain_file_not_in_folder(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`X does not appear to have a file named F`: transformers found the folder X."""
    after = scan.text[hit.end : hit.end + 200]
    path, file = hit.groups.get("path", ""), hit.groups.get("file", "")
    if re.match(r"\W*but there is a file for TensorFlow weights", after):
        # the message itself says what the folder holds: Keras/TensorFlow weights, tf_model.h5
        path = path or "the model"
        return Diagnosis(
            "BD307",
            f"'{path}' holds TensorFlow weights (tf_model.h5) and no PyTorch weights: a model "
            "saved or pre-trained with Keras (TFBert...), which the PyTorch class does not "
            "read as is.",
            "load it once with from_tf=True (transformers 4 with TensorFlow installed) and "
            "save_pretrained the PyTorch model; transformers 5 reads no TensorFlow weights. "
            f"Confirm: `bertdoctor check-model {path}`",
            causes=("a folder without usable weights (BD304)",),
            # the rule names Google's original checkpoints; Keras weights are its nearest kin
            tentative=True,
        )
    if file in PROCESSOR_FILES:  # (only not-appear-file names a processor's file)
        if OUTPUT_FOLDER_RE.search(path):  # output/, output_dir/, checkpoint-500/
            # a training run's folder: the Trainer saved the model, and the processor (its
            # tokenizer and image or audio settings) was never saved there
            return Diagnosis(
                "BD302",
                f"'{path}' is a training run's output folder without {file}: the Trainer "
                "saved the model there, not the processor that prepares its inputs.",
                f"load the processor from the model the run started from, or save it into the "
                f"folder (processor.save_pretrained('{path}')). Confirm: "
                f"`bertdoctor check-model {path}`",
                tentative=True,
            )
        # a processor's settings asked of a text model (a RoBERTa folder given to an OCR or
        # speech processor): the wrong model for the task, no rule's
        return None
    if hit.pattern.name != "file-not-found-in-folder":
        return explain_model_path(_as_file_hit(hit, folder="seen"), scan)
    # old transformers' `file X/config.json not found`: it joins the file name to X only when
    # X is a folder, so the folder was there (even when X reads like a Hub id)
    diagnosis = explain_model_path(_as_file_hit(hit, folder="local"), scan)
    whole = scan.whole_exception
    if (
        diagnosis is not None
        and not re.search(r"Error\W+file ", _line_at(scan.text, hit.start))
        # the whole copy of an exception line cut short (the issue's title) is the error too
        and not (whole and whole[0] <= hit.start < whole[1])
    ):
        # a bare log line (the library logs it and may go on with another file): the
        # likeliest cause of the trouble, not the error itself
        diagnosis = replace(diagnosis, tentative=True)
    return diagnosis


# a download cache: ~/.cache/huggingface/hub/models--org--name/snapshots/..., the old
# ~/.cache/torch/transformers and ~/.cache/torch/sentence_transformers
CACHE_DIR_RE = re.compile(
    r"[\\/]\.cache[\\/]+(?:torch|huggingface)[\\/]|[\\/]models--[\w.-]+--[\w.-]+[\\/]"
)


ARCHIVE_RE = re.compile(r"\.(?:zip|tar\.gz|tgz|tar|7z|rar)$", re.I)


def explain_file_not_found(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`No such file or directory: 'X/vocab.txt'`: the folder may not exist either. A folder of
    the download cache that lacks a file is a download that stopped before it finished."""
    path = _short_path(hit.groups.get("path", ""))
    name = hit.groups.get("file", "")
    if CACHE_DIR_RE.search(path):
        return Diagnosis(
            "BD308",
            f"the download cache's folder {path} has no {name}: an earlier download of the "
            "model stopped before it finished (interrupted, no connection, or a failed unzip "
            "on Windows), and the library takes the half-filled folder for a finished one.",
            f"delete {path} and load the model again with a working connection, or download it "
            "on another machine and pass its local folder. Confirm: `bertdoctor check-model "
            f"{path}`",
        )
    placeholder = re.search(r"\{[^{}\n]*\}|<[^<>\n]*>", path)
    if placeholder:
        # a README's placeholder typed with its brackets ('{./model}', '<model_dir>')
        return Diagnosis(
            "BD301",
            f"there is no {name} under {path}: the path holds the placeholder "
            f"{placeholder.group(0)} with its brackets, as a README writes it.",
            "pass the folder as a plain path (model_dir=./model, no brackets), seen from the "
            f"working directory. Confirm: `bertdoctor check-model {path}`",
        )
    if name == "training_args.bin":
        return None  # the training run's own file: a run that saved nothing, or another folder
    archive = ARCHIVE_RE.search(path)
    if archive:
        return Diagnosis(
            "BD301",
            f"the model path {path} names the downloaded archive, not a folder: the library "
            f"looks for {hit.groups.get('file', 'its files')} inside it as if it were one.",
            "unpack the archive and pass the folder it makes (the one with config.json in it). "
            f"Confirm: `bertdoctor check-model {path[: archive.start()]}`",
        )
    return explain_model_path(_as_file_hit(hit, folder="unknown"), scan)


HUB_ORGS = frozenset(
    """google google-bert facebook facebookai microsoft hfl meta-llama mistralai qwen thudm
    sentence-transformers distilbert allenai huggingface openai eleutherai bigscience tiiuae uer
    idea-ccnl baai nghuyong ckiplab dbmdz nlpaueb emilyalsentzer dmis-lab cardiffnlp prosusai
    shibing624 langboat thunlp junnyu bert-base-uncased deepset dslim jinaai intfloat
    baichuan-inc decapoda-research nvidia cl-tohoku tohoku-nlp neuralmind skt monologg klue
    vinai indobenchmark indolem aubmindlab dccuchile beomi kykim snunlp rinna ai4bharat
    cross-encoder thenlper answerdotai fnlp clue voidful""".split()
)
HUB_NAME_RE = re.compile(
    r"^(?:bert|roberta|distilbert|albert|xlm|xlnet|electra|deberta|gpt2|t5|bart|camembert|"
    r"flaubert|mbart|longformer|ernie|macbert|chinese)(?:[-.][\w.-]*)?$",
    re.I,
)


# canonical model names of architectures other than BERT's (roberta-base, distilbert-base-...):
# a BERT class's name list never has them (chinese-roberta-wwm-ext is a BERT checkpoint)
OTHER_ARCHITECTURES = frozenset(
    """roberta distilbert albert xlm xlnet electra deberta gpt2 t5 bart camembert flaubert mbart
    longformer""".split()
)


# the models the Hub keeps under a bare name, without an owner (bert-base-uncased): any other
# bare name is a local folder or an owner/name id with the owner left out
OWNERLESS_HUB_NAME_RE = re.compile(
    r"^(?:bert-(?:base|large)-(?:uncased|cased|chinese|multilingual-(?:un)?cased|"
    r"german-(?:dbmdz-)?(?:un)?cased|japanese[\w-]*)(?:-whole-word-masking)?(?:-finetuned-[\w-]+)?|"
    r"roberta-(?:base|large)(?:-mnli|-openai-detector)?|distilroberta-base|"
    r"distilbert-base-(?:uncased|cased|multilingual-cased|german-cased)(?:-[\w-]+)?|"
    r"albert-(?:base|large|xlarge|xxlarge)-v[12]|xlm-roberta-(?:base|large)(?:-[\w-]+)?|"
    r"xlm-(?:mlm|clm)-[\w-]+|xlnet-(?:base|large)-cased|gpt2(?:-medium|-large|-xl)?|distilgpt2|"
    r"t5-(?:small|base|large|3b|11b)|camembert-base|openai-gpt|ctrl|transfo-xl-wt103)$",
    re.I,
)


# `Owner-Name/model-name`: an owner with a capital or a dash, as Hub organisations are written
# (a project's folder is seldom so: models/bert, pretrained/chinese-roberta)
HUB_STYLE_ID_RE = re.compile(r"^(?=[^/]*[A-Z-])[A-Za-z][\w.-]*/[A-Za-z0-9][\w.-]*$")


def _known_hub_id(ident: str) -> bool:
    """A Hub id of a known organisation or a canonical model name (bert-base-uncased)."""
    if "/" in ident:
        return ident.split("/", 1)[0].lower() in HUB_ORGS
    if OWNERLESS_HUB_NAME_RE.match(ident):  # gpt2, distilroberta-base: no dash, or no family
        return True
    return bool(HUB_NAME_RE.match(ident)) and "-" in ident


def _released_hub_name(ident: str) -> bool:
    """`nllg/detikzify-ds-1.3b`, `org/model-7b-v2`: an owner and a name with a parameter count,
    or a fine-tune named the Hub's way (`owner/camembert2camembert_shared-finetuned-french-
    summarization`), the way models are published on the Hub (a local folder is rarely named
    so)."""
    owner, _, name = ident.partition("/")
    return bool(owner and name and "/" not in name) and bool(
        re.search(r"[-_.]\d+(?:\.\d+)?[bBmM](?![a-zA-Z])|[-_]fine-?tuned[-_]", name)
    )


# the reporter's word that the machine is online: "I have the internet connection"
INTERNET_FINE_RE = re.compile(
    r"(?i)\bI (?:do )?have (?:the |an |a (?:working |stable |good )?)?internet(?: connection)?\b|"
    r"\binternet(?: connection)? (?:is|works) (?:fine|ok|okay|working|good)\b|"
    r"网络(?:正常|没(?:有)?问题)"
)


def explain_hub_offline(hit: Hit, scan: Scan) -> Diagnosis | None:
    if re.match(r"0x[0-9a-fA-F]+>", hit.groups.get("path") or ""):
        # `<...Loader._UserObject object at 0x7f42...> is not a local folder`: the code gave
        # from_pretrained a loaded object, not a path or a Hub id
        return None
    # a local folder sent to the Hub keeps its doubled slashes (`//home/u/model//resolve/`)
    ident = re.sub(r"(?<!:)/{2,}", "/", hit.groups.get("path") or hit.groups.get("id") or "")
    # an absolute path keeps its own slash after the URL's (`url: //home/u/model`)
    absolute = bool(hit.groups.get("root"))
    if not ident:
        m = re.search(r"/([\w.-]+(?:/[\w.-]+)?)/resolve/", scan.zone) or re.search(
            r"it looks like (\S+) is not the path", scan.zone
        )
        ident = m.group(1) if m else ""
    if not ident:  # transformers 5 names no model: the call in the traceback's source does
        calls = re.findall(r"from_pretrained\(\s*[rR]?['\"]([^'\"\n]+)['\"]", scan.zone)
        ident = calls[-1] if calls else ""
    if not ident:  # a socket error names only the URL it asked for
        ident = _url_ident(scan.zone)
    if not ident and hit.pattern.name == "not-valid-identifier":
        # the message quoted without its name: the reporter names the model they changed to
        named = re.findall(
            r"\b(?:to|use|using|load|loading)\s+[\"'“`]([\w./-]+)[\"'”`]", scan.prose
        )
        ident = named[-1] if named else ""
    if ident and _written_as_path(ident):
        return explain_model_path(hit, scan)
    if ident.count("/") >= 2 and "://" not in ident:
        # `UIE/model_hub/chinese-bert-wwm-ext`: a Hub id has one slash at most, so this is a
        # folder, which was not there and so went to the Hub
        ident = "/" + ident if absolute else ident
        where = (
            "at that absolute path" if absolute else "from the working directory the script ran in"
        )
        return Diagnosis(
            "BD301",
            f"'{ident}' is a folder path, not a Hub id (a Hub id is owner/name): it is not "
            f"there {where}, so transformers asked the Hub for it, and the network error is "
            "only the second failure.",
            "list the folder (ls) and correct the path (a typo, or a path from another machine)"
            + ("" if absolute else ", or pass its absolute path")
            + f". Confirm: `bertdoctor check-model {ident}`",
        )
    owner = ident.split("/", 1)[0].lower() if "/" in ident else ""
    if _folder_owner(owner) and not os.path.isdir(ident):
        # `model/chinese-roberta-wwm-ext`: a project's model folder, which transformers took
        # for a Hub id because it is not there; the Hub being unreachable is the other reading
        return Diagnosis(
            "BD301",
            f"'{ident}' reads as a project's model folder ({owner}/...), not a Hub id: it is not "
            "there from the working directory the script ran in, so transformers asked the Hub "
            "for it.",
            "download the model into that folder (with config.json and the weights), or pass "
            "its absolute path; run the script from the directory its paths are written for. "
            f"Confirm: `bertdoctor check-model {ident}`",
            tentative=True,
        )
    if ident in NONE_PATHS:
        return _none_path(ident, scan)
    if (
        hit.pattern.name == "not-valid-identifier"
        and ident
        and not _known_hub_id(ident)
        and not _released_hub_name(ident)
    ):
        # the Hub answered that there is no such model: a local folder was meant
        found = explain_model_path(
            Hit(
                Pattern("not-valid-identifier", "BD301", (), ""),
                {**hit.groups, "path": ident},
                hit.start,
                hit.end,
                hit.text,
            ),
            scan,
        )
        hub_like = HUB_STYLE_ID_RE.match(ident) or HUB_NAME_RE.match(ident.rsplit("/", 1)[-1])
        if found and found.code == "BD301" and not found.tentative and hub_like:
            # `Helsinki-NLP/opus-mt-fa-en`, `nlptown/bert-base-...-sentimen`: written the Hub's
            # way (Owner/name, or a model family's name), it may as well be an id the Hub does
            # not have (a language pair never published, a misspelling)
            found = replace(
                found,
                message=found.message.rstrip(".")
                + f"; or '{ident}' is meant as a Hub id and the Hub has no public model of that "
                "name (misspelt, private, or never published): look it up on huggingface.co.",
                tentative=True,
            )
        return found
    if (
        ident
        and "/" not in ident
        and not _known_hub_id(ident)
        and INTERNET_FINE_RE.search(scan.prose)
    ):
        # the reporter says the machine is online: a name that is no known model reads as a
        # local folder that was not there (transformers then asks the Hub for it)
        return Diagnosis(
            "BD301",
            f"'{ident}' is no known Hub model and the reporter says the internet works: it reads "
            "as a local folder that is not there from the working directory the script ran in "
            "(so transformers asked the Hub for it, BD308 otherwise).",
            "pass the folder's real path (with config.json and the weights; an absolute path "
            "rules out the working directory), or the model's full Hub id. Confirm: "
            f"`bertdoctor check-model {ident}`",
            tentative=True,
        )
    if not ident:  # the reporter names the model in their own words
        named = [n for n in HUB_ID_IN_PROSE_RE.findall(scan.prose) if _model_like_id(n)]
        ident = named[0] if named else ""
    host = re.search(r"host='([^']+)'", scan.zone)
    server = host.group(1) if host and "huggingface" not in host.group(1) else "huggingface.co"
    if not ident and server != "huggingface.co":  # sbert.net's /models/NAME.zip
        zipped = re.search(r"url: /models/([\w.-]+?)\.zip", scan.zone)
        ident = zipped.group(1) if zipped else ""
    shown = ident or "the model"
    refused = TOKEN_REFUSED_RE.search(scan.zone)
    if refused:
        # a saved token the Hub no longer takes: every request fails, public models too
        return Diagnosis(
            "BD308",
            f"the Hub refused the saved access token (`{refused.group(0)}`), so {shown} could "
            "not be downloaded, and it is not in the local cache.",
            "log in again with a valid token (hf auth login, or huggingface-cli login with an "
            "older huggingface_hub), or remove the expired one (hf auth logout, unset HF_TOKEN) "
            f"for a public model. Confirm: `bertdoctor check-model {ident or 'MODEL_ID'}`",
        )
    return Diagnosis(
        "BD308",
        f"{'transformers' if server == 'huggingface.co' else 'the library'} could not reach "
        f"{server} to download {shown}, and it is not in the "
        "local cache (no internet, a firewall, HF_HUB_OFFLINE=1, or a saved access token that "
        "the Hub refuses).",
        f"{MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model {ident or 'MODEL_ID'}`",
    )


# the Hub's answer to a saved token it no longer takes
TOKEN_REFUSED_RE = re.compile(
    r"User Access Token \"[^\"\n]{0,80}\" is expired|Invalid credentials in Authorization header|"
    r"Invalid user token"
)


def _shortcut_name(url: str) -> str:
    """`.../bert/bert-base-cased-vocab.txt` -> bert-base-cased: the old libraries' S3 file names."""
    name = re.sub(r"(?:-vocab\.txt|-config\.json|-pytorch_model\.bin|\.tar\.gz)$", "", url)
    return name.rsplit("/", 1)[-1] or "the model"


# owner/name in the reporter's words ("How do I run Rostlab/prot_bert_bfd offline?")
HUB_ID_IN_PROSE_RE = re.compile(r"(?<![\w/.:-])([A-Za-z][\w-]*/[A-Za-z][\w.-]*\w)(?![\w/])")


def _model_like_id(ident: str) -> bool:
    """A known owner, a released name, or a name of an encoder family: not "and/or", "CPU/GPU"."""
    return (
        _known_hub_id(ident)
        or _released_hub_name(ident)
        or bool(re.search(r"(?i)bert|electra|minilm|mpnet|xlm|e5-|bge-|t5", ident.split("/")[1]))
    )


def _url_ident(text: str) -> str:
    """The repository id in a Hub URL of the text: huggingface.co/ID/resolve/... or
    huggingface.co/api/models/ID."""
    m = re.search(
        # (huggingface.co/docs/... in the message itself is the documentation, not a repository)
        r"https?://(?:huggingface\.co|hf-mirror\.com)/(?!docs/|settings/|blog/|login\b|join\b)"
        r"(?:api/models/)?([^\s'\"()]+?)"
        r"(?:/(?:resolve|tree|revision)/|/?(?=[\s'\")]|$))",
        text,
    ) or re.search(r"with url: /(?:api/models/)?([^\s'\"()]+?)/(?:resolve|tree|revision)/", text)
    ident = unquote(m.group(1)) if m else ""
    return "" if ident == "models" else ident  # huggingface.co/models: the Hub's listing page


# AutoTokenizer's call of the class it chose from the model folder's configuration
AUTO_CHOSE_CLASS_RE = re.compile(r"return tokenizer_class(?:_fast|_py)?\.from_pretrained\(")


def _written_as_path(path: str) -> bool:
    """Written as a path (./x, /x, ~/x, a Windows path), which no Hub id is."""
    return path.startswith((".", "/", "~")) or "\\" in path


def explain_download_hung(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Old transformers' `https://.../X not found in cache ..., downloading to /tmp/...` as the
    last thing the log says: the download started and never finished."""
    later = scan.text[hit.end :]
    if re.search(r"copying|storing|creating metadata|removing temp file|100%", later, re.I):
        return None  # the download went on
    if len(later.strip().splitlines()) > 3:
        return None
    url = hit.groups.get("url", "")
    name = _shortcut_name(url)
    return Diagnosis(
        "BD308",
        f"the log ends while {url} is downloading: the download of {name} did not finish "
        "(no connection from this machine, a proxy, a slow link), and a local copy was not "
        "used: the name given is the library's shortcut, not the folder's path.",
        "pass the path of the local folder (./bert-base-cased, with config.json, the weights "
        "and vocab.txt) instead of the shortcut name, or download once where the network "
        f"works. {MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model {name}`",
        tentative=True,
    )


def explain_hub_unauthorized(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`401 Client Error: Unauthorized for url: https://huggingface.co/api/models/model/m3e`:
    the Hub answers 401 for a repository that does not exist. Only a folder-like id (a
    project folder's name first, or more than one slash) is explained: a missing local folder
    sent to the Hub. A real id's 401 (a private or gated model, a bad token) is not a rule's."""
    raw = hit.groups.get("path") or ""
    # `biobert_v1.1//resolve/main`: a folder path written with its trailing slash
    slashed = "//resolve/" in raw
    # the id ends where the Hub's own path begins: /resolve/main/vocab.txt, /revision/main
    ident = re.split(r"/+(?:resolve|revision|tree|blob)/", raw)[0].rstrip(".")
    owner = ident.split("/", 1)[0].lower() if "/" in ident else ""
    # `antibody-tokenizer`: no owner, and named like a project's folder, which no Hub model is
    folder_named = (
        "/" not in ident
        and FOLDER_SUFFIX_RE.search(ident)
        and not OWNERLESS_HUB_NAME_RE.match(ident)
    )
    if folder_named:
        return Diagnosis(
            "BD301",
            f"the Hub has no model '{ident}' (it answers 401 for a repository that does not "
            f"exist): '{ident}' is named like a folder of the project, which was not found from "
            "the working directory, so transformers asked the Hub for it instead.",
            f"{_model_fix('BD301', ident)}. Confirm: `bertdoctor check-model {ident}`",
            tentative=True,  # a Hub id missing its owner is the other reading
        )
    if slashed or ident.count("/") >= 2 or (_folder_owner(owner) and not os.path.isdir(ident)):
        return explain_hub_offline(
            Hit(
                hit.pattern,
                {"path": ident + ("/" if slashed else "")},
                hit.start,
                hit.end,
                hit.text,
            ),
            scan,
        )
    return None


def explain_ukp_server_404(hit: Hit, scan: Scan) -> Diagnosis | None:
    """sentence-transformers before 1.0 asks its model server for any name that is not a local
    folder: `404 ... sentence-transformers/v0.2/output/training_sts.zip` names a folder path,
    so the local model folder was not found from the working directory."""
    name = hit.groups["name"]
    if "/" not in name and name.split("_")[0].lower() not in LOCAL_FOLDER_NAMES:
        return None  # a model name the server does not have: a renamed model, no rule's
    return Diagnosis(
        "BD301",
        f"sentence-transformers did not find a local folder '{name}' and asked its model server "
        f"for a model of that name ({name}.zip, 404): the folder path does not exist from the "
        "working directory the script ran in.",
        f"{_model_fix('BD301', name)}; the folder must hold the saved model (modules.json, "
        f"config.json). Confirm: `bertdoctor check-model {name}`",
        tentative=True,  # the path as written (./ and all) is not in the URL
    )


def explain_hub_server_error(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`500 Server Error ... for url: https://huggingface.co/X/resolve/main/vocab.txt`: the Hub
    failed to serve a file of a model that this machine does not have yet. A model the reporter
    has loaded before is cached; a library that asks the Hub every time (sentence-transformers
    1.x) is then the trouble, no rule's."""
    if CACHED_BEFORE_RE.search(scan.prose):
        return None
    ident = hit.groups["id"]
    if hit.text.startswith("429"):
        answered = "refused the download as too many requests (429, a rate limit)"
    elif hit.text.startswith("403"):
        answered = "refused the download (403 Forbidden: a gated model, or the Hub's own fault)"
    else:
        answered = "answered a server error (an outage, or a mirror's)"
    return Diagnosis(
        "BD308",
        f"the Hub {answered} while {ident} was being downloaded, and no local copy was used: "
        "the model is not in this machine's cache, so every run asks the Hub for it.",
        f"retry later, or {MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model {ident}`",
        tentative=True,
    )


# the reporter: the model loaded before, so it is in the cache
CACHED_BEFORE_RE = re.compile(
    r"(?i)\bloaded (?:the model |it )?(?:several|many|multiple|a few) times\b|"
    r"\balready (?:cached|downloaded)\b|\bworked (?:fine )?(?:before|yesterday)\b"
)


def explain_offline_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter says the failing machine has no internet (an intranet, an offline server)
    and the text shows a model failing to load there: a Hub id that is not in that machine's
    cache."""
    if not MODEL_LOAD_WORDS_RE.search(scan.text):
        return None
    if scan.failed and not MODEL_LOAD_WORDS_RE.search(scan.exception):
        return None  # an error of its own, about something else
    if re.search(
        r"(?:from_pretrained|SentenceTransformer)\(\s*[rR]?['\"](?:\.|/|~|[A-Za-z]:)", scan.text
    ):
        return None  # the model is loaded from a local folder: the network plays no part
    return Diagnosis(
        "BD308",
        f"the reporter says the machine cannot reach the internet ('{hit.text.strip()[:60]}') "
        "and a model fails to load there: a Hub model id is downloaded on first use, and this "
        "machine has no copy in its cache.",
        f"{MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=True,
    )


# words of a model that fails to load
MODEL_LOAD_WORDS_RE = re.compile(
    r"(?i)\b(?:could not|couldn't|can't|cannot|unable to|failed to|fails to) load\b|"
    r"\bfrom_pretrained\b|\bload(?:ing)? (?:the |a )?(?:pre-?trained )?model\b|"
    r"LanguageModelFeaturizer|SentenceTransformer\(|加载(?:模型|失败)"
)


def explain_gated(hit: Hit, scan: Scan) -> Diagnosis:
    """A gated Hub repository: the id is right, the account has no access (yet)."""
    ident = hit.groups.get("id", "MODEL_ID")
    return Diagnosis(
        "BD308",
        f"{ident} is a gated repository on the Hub: it downloads only for an account that "
        "accepted its licence (and was approved, when the authors review requests), with that "
        "account's token; it is not in the local cache either.",
        f"accept the conditions on https://huggingface.co/{ident}, then `hf auth login` "
        "(huggingface-cli login) or pass token=...; or download it once where you have access "
        f"and load the folder. Confirm: `bertdoctor check-model {ident}`",
    )


# a download from the Hugging Face Hub or its old S3 bucket (not another library's own host)
HUB_HOST_RE = re.compile(
    r"https?://(?:[\w-]+\.)*(?:huggingface\.co|hf\.co|hf-mirror\.com)/|"
    r"https?://s3\.amazonaws\.com/models\.huggingface\.co/"
)
# the reporter: the link itself is dead (the host removed the file), not their network
DEAD_LINK_SAID_RE = re.compile(
    r"(?i)\b(?:link|url)s?\b[^\n]{0,300}?\b(?:is|are|was|were|seems?|appears?)\s+(?:to be\s+)?"
    r"(?:dead|broken|gone)\b|\b(?:dead|broken)\s+(?:link|url)s?\b"
)


def explain_old_download(hit: Hit, scan: Scan) -> Diagnosis | None:
    """pytorch_pretrained_bert: `We assumed 'https://s3.amazonaws.com/.../bert-large-cased.tar.gz'
    was a path or url but couldn't find any file`: the download of a shortcut name failed."""
    url = hit.groups.get("url", "")
    if url and not HUB_HOST_RE.match(url) and DEAD_LINK_SAID_RE.search(scan.prose):
        return None  # a library's own file host removed the file: no fault of this machine
    name = _shortcut_name(url)
    return Diagnosis(
        "BD308",
        f"the download of {name} from {url} failed (no connection from this machine, a proxy, "
        "or a full temporary disk while the archive was written), and it is not in the cache.",
        f"{MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model {name}`",
    )


def explain_s3_unreachable(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`HTTPSConnectionPool(host='s3.amazonaws.com', port=443)`: pytorch-pretrained-bert and
    transformers 2 fetched (or checked) a shortcut name's files on S3 at every load."""
    if not re.search(r"(?i)bert|from_pretrained|transformers", scan.text):
        return None  # another program's S3 traffic
    called = re.search(r"(?:from_pretrained\(|bert_model\s*=)\s*['\"]([^'\"\n]+)['\"]", scan.text)
    name = called.group(1) if called else "the model"
    return Diagnosis(
        "BD308",
        f"the library could not reach s3.amazonaws.com, where the old releases (pytorch-"
        f"pretrained-bert, transformers 2) fetch {name} and check its cached copy at every load.",
        f"{MODEL_FIXES['BD308']}; or download the files once and load the local folder. "
        f"Confirm: `bertdoctor check-model {name if called else 'MODEL_DIR'}`",
    )


def explain_tokenizer_name_list(hit: Hit, scan: Scan) -> Diagnosis | None:
    """transformers 2: `Model name 'X' was not found in tokenizers model name list (a, b)`. A
    bare name the list lacks (distilroberta-base in 2.1) is one the installed version does not
    know: no download was tried, so neither the network nor a folder is the likely cause."""
    path = hit.groups.get("path", "")
    names = {n.strip() for n in (hit.groups.get("names") or "").split(",") if n.strip()}
    bare = bool(re.fullmatch(r"[A-Za-z][\w-]*-[\w-]+", path)) and not os.path.isdir(path)
    if names and path not in names and bare and not _reporter_says_it_exists(scan, path):
        return None
    if path in names:
        # one of the names the class lists itself (DNABERT's dna6 as much as bert-base-uncased):
        # the library tried the download of its vocabulary, and that failed
        return Diagnosis(
            "BD308",
            f"the download of the vocabulary of '{path}' failed: it is one of the names the "
            "tokenizer class lists itself, which it fetches from its own download address (no "
            "connection, a proxy or firewall on this machine, or an address that has moved).",
            f"{MODEL_FIXES['BD308']}; or download the vocabulary file by hand and give its "
            f"folder. Confirm: `bertdoctor check-model {scan.model_arg}`",
        )
    diagnosis = explain_model_path(hit, scan)
    if (
        diagnosis is not None
        and diagnosis.code == "BD308"
        and bare
        and not names
        and not NETWORK_WORDS_RE.search(scan.text)
    ):
        # the list is cut off: whether the tokenizer class knows the name (bert-base-japanese
        # wants BertJapaneseTokenizer) is not in the text, and no network error is
        diagnosis = replace(diagnosis, tentative=True)
    return diagnosis


def explain_vocab_unreachable(hit: Hit, scan: Scan) -> Diagnosis | None:
    """transformers 2: `Couldn't reach server at '{}' to download vocabulary files.` (the
    message never filled in the name): the name was no folder and its download failed. The name
    is the one the code passed to from_pretrained, when the text shows it."""
    ident = hit.groups.get("path", "")
    if not ident or "{" in ident:
        called = re.search(r"from_pretrained\(\s*['\"]([^'\"\n]+)['\"]", scan.text)
        ident = called.group(1) if called else ""
    if not ident:
        return Diagnosis(
            "BD308",
            "the tokenizer's vocabulary could not be downloaded (transformers 2 says `Couldn't "
            "reach server` without naming the model): no connection from this machine, a proxy, "
            "and nothing in the cache.",
            f"{MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model MODEL_DIR`",
        )
    return explain_hub_offline(
        Hit(hit.pattern, {"path": ident}, hit.start, hit.end, hit.text), scan
    )


# a path that names a model: a models/ or pretrained folder, or a BERT-family name in it
MODELISH_PATH_RE = re.compile(
    r"(?i)(?:^|[\\/])(?:models?|pretrain\w*|checkpoints?|hf_models|model_hub)[\\/]|"
    r"bert|roberta|electra|albert|ernie|xlnet|deberta|text2vec|bge-|m3e|simcse|minilm|mpnet|"
    r"chinese[-_]|sentence-transformers"
)
DATA_PATH_RE = re.compile(r"(?i)\.(?:csv|tsv|jsonl?|txt|xlsx?|parquet|pkl|npy)$|\bdata(?:set)?s?\b")


def explain_path_not_found_words(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A project's own message about the model path (`ValueError: Path /app/models/text2vec-
    large-chinese not found`): read as a model path only when it names a model folder."""
    path = hit.groups.get("path", "").strip("'\"`")
    last = re.split(r"[\\/]", path.rstrip("/\\"))[-1]  # /mnt/data/models/x: a mount named data
    if not MODELISH_PATH_RE.search(path) or DATA_PATH_RE.search(last):
        return None
    return _read_as_model_path(path, hit, scan)


def _read_as_model_path(path: str, hit: Hit, scan: Scan) -> Diagnosis | None:
    """explain_model_path on the path a message names (cleaned of its quotes or its folder)."""
    return explain_model_path(Hit(hit.pattern, {"path": path}, hit.start, hit.end, hit.text), scan)


# transformers (or its forerunners) loading: its frames, or the call in the reporter's code
TRANSFORMERS_LOADER_RE = re.compile(
    r"cached_path|from_json_file|from_pretrained|[\\/](?:transformers|pytorch_transformers|"
    r"pytorch_pretrained_bert)[\\/]"
)


def explain_named_file_not_found(hit: Hit, scan: Scan) -> Diagnosis | None:
    """transformers 2's `OSError: file configs/albert_config_base.json not found`: a config
    file the code names by its path (not a folder's config.json, read above), which does not
    resolve from the working directory the script was started in."""
    path = hit.groups["path"]
    parts = re.split(r"[\\/]", path)
    if parts[-1] == "config.json" or re.fullmatch(TOKENIZER_JSON, parts[-1]):
        return None  # a folder's own file (read above), or a tokenizer's
    if not (re.search(r"(?i)config", parts[-1]) or MODELISH_PATH_RE.search(path)):
        return None
    if re.search(r"(?i)^data(?:set)?s?$|^train|^dev$|^test$", parts[-2] if len(parts) > 1 else ""):
        return None  # a data file (data/train_config.json), not a model's configuration
    diagnosis = _read_as_model_path(path, hit, scan)
    if diagnosis and not TRANSFORMERS_LOADER_RE.search(scan.text):
        # the wording is transformers 2's cached_path, but a script can raise its own
        return replace(diagnosis, tentative=True)
    return diagnosis


def explain_h5_signature(hit: Hit, scan: Scan) -> Diagnosis | None:
    """h5py's `Unable to open file (file signature not found)` on a model's tf_model.h5 (or a
    Keras .h5): the file is not HDF5, a download that stopped, an HTML page or a Git LFS
    pointer in its place."""
    if not re.search(
        r"(?i)tf_model\.h5|modeling_tf_utils|from_pretrained|load_weights|\.h5\b|\bTF\w*Bert",
        scan.text,
    ):
        return None
    if re.search(r"from_tf\s*=\s*True|load_tf2_checkpoint_in_pytorch_model", scan.text):
        return None  # from_tf=True on a PyTorch checkpoint: a wrong flag opens a .bin as HDF5
    if "bad object header" in hit.text:
        # an HDF5 file whose inner structure is damaged, or written by an h5py the reader's
        # is older than: the likelier of the two only
        return Diagnosis(
            "BD304",
            "h5py cannot read the weights file (`bad object header version number`): the .h5 "
            "weights are damaged (a download or copy that stopped, a file changed in transit), "
            "or were written by a newer HDF5 than the one reading them.",
            "download or copy the weights again and compare the file's size; otherwise upgrade "
            f"h5py. Confirm: `bertdoctor check-model {scan.model_arg}`",
            tentative=True,
        )
    return Diagnosis(
        "BD304",
        "the weights file is not an HDF5 file (`file signature not found`): tf_model.h5 (or the "
        ".h5 weights) was cut short in the download, or is a Git LFS pointer or an HTML page "
        "saved in its place.",
        "download the weights again (git lfs pull in a cloned repository; compare the file's "
        "size with the Hub's), or load the PyTorch weights instead. Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
    )


def explain_read_less_bytes(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TensorFlow's `Read less bytes than requested` (`Read fewer ...` in the newer reader)
    restoring a checkpoint or a SavedModel's variables: the .data file is shorter than its
    .index says, a download or copy that stopped early."""
    if not re.search(
        r"(?i)RestoreV2|restore|checkpoint|ckpt|init_from_checkpoint|load_model|saved_?model",
        scan.text,
    ):
        return None
    return Diagnosis(
        "BD304",
        "TensorFlow read fewer bytes from the checkpoint than its index lists "
        f"(`{hit.text}` while restoring): the checkpoint's .data file (bert_model.ckpt.data-*, "
        "a SavedModel's variables.data-*) is truncated, a download, unzip or copy that stopped "
        "early (or a disk that filled while it was saved).",
        "download the checkpoint again and compare its data file's size with the source's "
        "(bert_model.ckpt.data-00000-of-00001 is about 400 MB for BERT-Base); memory and batch "
        f"size play no part. Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


def explain_head_shape_line(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The line transformers prints for each weight whose shape differs from the checkpoint's
    (`- classifier.out_proj.weight: found shape torch.Size([16, 768]) in the checkpoint and
    torch.Size([2, 768]) in the model instantiated`), pasted without the warning around it:
    read as the head mismatch it reports, when it names a head and no error follows."""
    if not HEAD_NAME_RE.search(hit.groups.get("key", "")) or (
        scan.exc_start is not None and hit.start < scan.exc_start
    ):
        return None
    return explain_head_mismatch(hit, scan)


def explain_network_error(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A socket error: the Hub could not be reached, when the text is about a Hub download."""
    if not re.search(
        r"huggingface\.co|hf-mirror|huggingface_hub|from_pretrained|pytorch_pretrained_bert|"
        r"pytorch_transformers|transformers[\\/]|sbert\.net|SentenceTransformer\(|offline mode|"
        r"HF_HUB_OFFLINE|TRANSFORMERS_OFFLINE|"
        # a Hub id of a BERT-family model (Rostlab/prot_bert_bfd), not a segment of a URL path
        r"(?<![\w/.])[\w-]+/[\w.-]*(?:bert|BERT|roberta|electra)[\w.-]*(?![\w/])",
        scan.text,
    ):
        return None
    host = re.search(r"host='([^'\n]+)'", scan.text)
    if host and not re.search(
        r"huggingface|hf-mirror|hf\.co|amazonaws|cloudfront|sbert\.net|ukp", host.group(1)
    ):
        return None  # another download host (a project's own, retired): not the Hub
    return explain_hub_offline(hit, scan)


def _key_prefix(block: str) -> tuple[str, str] | None:
    """(prefix, which side has it) when the first unexpected key is the first missing key with a
    prefix (`bert.embeddings.word_embeddings.weight` for `embeddings.word_embeddings.weight`), or
    the other way round."""
    missing = re.search(r"Missing key\(s\) in state_dict: \"([^\"]+)\"", block)
    unexpected = re.search(r"Unexpected key\(s\) in state_dict: \"([^\"]+)\"", block)
    if not (missing and unexpected):
        return None
    m, u = missing.group(1), unexpected.group(1)
    for longer, shorter, side in ((u, m, "checkpoint"), (m, u, "model")):
        extra = longer[: len(longer) - len(shorter)]
        if longer.endswith("." + shorter) and re.fullmatch(r"(?:\w+\.){1,2}", extra):
            return extra, side
    return None


def explain_incompatible_keys(hit: Hit, scan: Scan) -> Diagnosis | None:
    """load_state_dict(..., strict=False) printed: `_IncompatibleKeys(missing_keys=[...])`.
    Missing keys of the encoder itself (its embeddings, LayerNorms, layers) were left at random
    values, silently; a missing head, pooler or position_ids buffer is expected."""
    keys = re.findall(r"'([\w.]+)'", hit.groups["keys"])
    core = [k for k in keys if ENCODER_KEY_RE.search(k)]
    if not core:
        return None  # a classifier head, the pooler, buffers: loading with strict=False is fine
    return Diagnosis(
        "BD316",
        f"load_state_dict(strict=False) left weights of the encoder itself missing ({len(core)} "
        f"in the list shown, first: {core[0]}): the checkpoint names them "
        "otherwise (LayerNorm gamma/beta, another model code's layer names, a prefix), so they "
        "stay at their random initial values and the run trains a partly random encoder.",
        "print the checkpoint's keys next to the model's and rename the checkpoint's keys to "
        "match (or load the checkpoint with the model code it was saved from); keep "
        "strict=True so a mismatch fails. Confirm: `bertdoctor check-model MODEL_DIR`",
        tentative=True,  # the list is often cut: which names differ is not all in the text
    )


# the fix for a checkpoint whose keys are named otherwise than the model's
KEY_RENAME_FIX = (
    "print a few keys of the checkpoint (list(torch.load(path, weights_only=True))[:5]) and "
    "rename them to the model's (strip or add `bert.`, gamma->weight, beta->bias)"
)


def explain_state_dict_keys(hit: Hit, scan: Scan) -> Diagnosis | None:
    if re.search(r"quantize_dynamic|_packed_params", scan.text):
        return None  # a quantized model's weights (packed Linear layers) against a float model
    block = scan.text[hit.start : hit.start + 20_000]
    keys = re.findall(r"[\"']((?:\w+\.)+\w+)[\"']", block[:3000])
    if (
        not keys
        and hit.text.startswith("Missing")
        and re.search(
            r"state_dict for \w*Bert\w*:\s*$", scan.text[max(0, hit.start - 300) : hit.start]
        )
    ):
        # the paste stops at `Missing key(s) in state_dict:`, the keys left out: a BERT whose
        # weights are not found under the model's names, which ones is not in the text
        return Diagnosis(
            "BD316",
            "the weights do not load into the BERT model: the checkpoint lacks keys the model "
            "has (the list is not in the text), so its keys are named otherwise (a `bert.` "
            "prefix of a BertFor... checkpoint, a `module.` prefix, LayerNorm gamma/beta from an "
            "older converter).",
            f"{KEY_RENAME_FIX}. Confirm: `bertdoctor check-model {scan.model_arg}`",
            tentative=True,
        )
    if keys and all(k.endswith(".position_ids") for k in keys):
        # only the position_ids buffer differs: another transformers version saved or dropped
        # it (4.31 stopped saving it), and no weight is lost
        return None
    if _base_checkpoint_for_a_head(block):
        return Diagnosis(
            "BD306",
            "the checkpoint is a pre-trained base model, not a fine-tuned one: the model's "
            "task head (its classifier) is missing from it and its masked-LM heads "
            "(cls.predictions) are left over, so a strict load_state_dict into a model with a "
            "task head fails.",
            "to fine-tune from it, build the model with from_pretrained(base_dir, "
            "num_labels=N), which makes a new head, or load with strict=False; to predict, load "
            "the checkpoint saved after fine-tuning (it has classifier.weight). Confirm: "
            f"`bertdoctor check-model {scan.model_arg}`",
        )
    wrapped = re.search(r"state_dict for (?:DataParallel|DistributedDataParallel)\b", block)
    missing = _listed_keys(block, "Missing")
    if ('"module.' in block or "'module." in block) and not wrapped:
        why = (
            "the checkpoint's keys start with `module.` (saved from a DataParallel or "
            "DistributedDataParallel wrapper), so no key matches the model"
        )
        fix = (
            "save model.module.state_dict() next time; to load this one, strip the prefix: "
            "{k.removeprefix('module.'): v for k, v in state.items()}"
        )
    elif re.search(r"[\"'](?:model|net|encoder)\.bert\.", block):
        why = "the checkpoint's keys carry the prefix of a wrapper module around the model"
        fix = "strip the wrapper's prefix from the keys before load_state_dict"
    elif prefix := _key_prefix(block):
        extra, side = prefix
        why = (
            f"each checkpoint key has the prefix `{extra}` that the model's keys lack (weights "
            "of the whole BertFor... model loaded into its BertModel part, or into a submodule)"
            if side == "checkpoint"
            else f"the model's keys have the prefix `{extra}` that the checkpoint's keys lack (a "
            "bare BertModel's weights loaded into a model that wraps it)"
        )
        fix = (
            f"strip the prefix: {{k.removeprefix('{extra}'): v for k, v in state.items()}}, or "
            "load the checkpoint into the model it was saved from"
            if side == "checkpoint"
            else f"load it into the wrapped part (model.{extra.rstrip('.')}.load_state_dict(state))"
        )
    elif layer_norm := _layer_norm_names_only(missing):
        why = (
            f"every missing key is a LayerNorm parameter named {layer_norm[0]} ({layer_norm[1]}), "
            "while the checkpoint names them otherwise (TensorFlow's and old "
            "pytorch-pretrained-bert's gamma/beta against weight/bias), so the encoder's "
            "LayerNorms do not load"
        )
        fix = (
            "rename the checkpoint's keys before loading (gamma->weight, beta->bias, or the "
            "reverse for an old model class), or convert the checkpoint with the library the "
            "model code comes from"
        )
    elif deeper := _extra_layers_only(missing):
        why = (
            f"only the encoder layers from {deeper} on are missing: the model is built with "
            f"more layers than the checkpoint has (its config is a larger model's than the "
            f"{deeper}-layer weights)"
        )
        fix = (
            "build the model with the configuration the checkpoint was saved with (the same "
            "num_hidden_layers, base or large), or load the checkpoint of the size the config "
            "names"
        )
    elif re.match(
        # the model's first weights, after its position_ids buffer (`roberta.` of a model
        # whose checkpoint holds them under other names)
        r"Missing key\(s\) in state_dict: (?:[\"'](?:\w+\.)?embeddings\.position_ids[\"'],\s*)?"
        r"[\"'](?:\w+\.)?(?:embeddings\.word_embeddings\.weight|encoder\.layer\.0\.)",
        hit.text,
    ) or (
        hit.text.startswith("Missing")
        and _core_encoder_keys(
            re.findall(r"[\"']([\w.]+)[\"']", hit.text[:3000].split("Unexpected key")[0])
        )
    ):
        # the model's very first weights are missing: none of the checkpoint's names match
        # (a `bert.` prefix, or LayerNorm gamma/beta of an older converter), not a buffer
        return Diagnosis(
            "BD316",
            "the weights do not load into the model: the encoder's own weights (from "
            "embeddings.word_embeddings.weight on) are missing from the checkpoint under these "
            "names, so its keys are named otherwise (a `bert.` prefix of a BertFor... "
            "checkpoint, or LayerNorm gamma/beta from an older converter).",
            f"{KEY_RENAME_FIX}. Confirm: `bertdoctor check-model {scan.model_arg}`",
            tentative=True,
        )
    else:
        return None  # other key differences (position_ids buffers): only a hint
    return Diagnosis(
        "BD316",
        f"the weights do not load into the model: {why}.",
        f"{fix}. Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


def explain_vocab_unreadable(hit: Hit, scan: Scan) -> Diagnosis | None:
    if "NoneType" in hit.text and "tokeniz" not in scan.zone_lower:
        return None  # a None path somewhere else in the user's code
    if "have `sentencepiece` installed" in scan.text or "need to have sentencepiece" in scan.text:
        # transformers said it earlier in the paste: the vocabulary is None because the
        # SentencePiece tokenizer could not be built
        return Diagnosis(
            "BD313",
            "the tokenizer's vocabulary is None because the SentencePiece tokenizer could not "
            "be built: transformers says earlier in the text that the running Python cannot "
            "import the sentencepiece package.",
            f"{SENTENCEPIECE_INSTALL}. Confirm: `bertdoctor check-imports {scan.script}`",
            tentative=True,
        )
    # a byte-level BPE tokenizer (GPT-2's, RoBERTa's, BART's) reads vocab.json and merges.txt
    bpe = re.search(r"tokenization_(?:gpt2|roberta|bart)", scan.zone)
    files = "vocab.json / merges.txt" if bpe else "vocab.txt / tokenizer.json"
    return _tokenizer_class_note(
        Diagnosis(
            "BD302",
            "the tokenizer found no vocabulary file to read (vocab_file is None, or the file is "
            f"unreadable): the model folder has no {files}, or the path points at the wrong "
            "folder.",
            (
                "copy vocab.json and merges.txt (and tokenizer_config.json) into the folder, or "
                "save them with tokenizer.save_pretrained(folder)"
                if bpe
                else MODEL_FIXES["BD302"]
            )
            + f". Confirm: `bertdoctor check-model {scan.model_arg}`",
        ),
        scan,
    )


# a log line that already names why the tokenizer did not load
TOKENIZER_LOAD_LOGS = frozenset(
    {
        "vocab-files-not-found",
        "model-name-not-found",
        "cant-find-vocab",
        "cant-load-tokenizer",
        "network-error",
        "not-valid-identifier",
        "model-name-list",
        "old-download-failed",
    }
)


def _logged_load_failure(scan: Scan) -> Diagnosis | None:
    """The log line, before the traceback, that says why from_pretrained gave None."""
    from .engine import PATTERNS, _search, build  # the patterns table imports this module

    lo = max(0, scan.zone_start - 20_000)
    for pattern in PATTERNS:
        if pattern.name in TOKENIZER_LOAD_LOGS and pattern.build:
            for earlier in _search(pattern, scan.text[: scan.zone_start], lo):
                diagnosis = build(earlier, scan)
                if diagnosis:
                    return diagnosis
    return None


# the object that is None, in the source line above the error, named like a pretrained model:
# self.bert.config, self.word_embeds(...), bert_model.embeddings
MODEL_NAMED_RE = re.compile(
    r"(?<![\w.])(?P<name>(?:self\.)?\w*(?i:bert|embeds|pretrain|encoder)\w*)\s*(?:\.\w|\()"
)


def _none_model_name(hit: Hit, scan: Scan) -> str | None:
    """The name of the None object in the source line printed just above the error, when it is
    named like a pretrained model; None for any other name (a None of the user's own code)."""
    before = scan.text[max(0, hit.start - 600) : _line_start(scan.text, hit.start)]
    lines = [ln for ln in before.split("\n") if ln.strip()]
    attr = hit.groups.get("attr")
    receiver = lines and attr and re.search(rf"([\w.]+)\.{re.escape(attr)}\b", lines[-1])
    # an option, also reached through self (self.args.encoder)
    if receiver and re.search(
        r"(?:^|\.)(?:args|opts?|cfg|config|hparams|params)\.", receiver.group(1) + "."
    ):
        return None  # a command-line option left unset (args.encoder), not a model
    m = MODEL_NAMED_RE.search(lines[-1]) if lines else None
    return m.group("name") if m else None


# installing sentencepiece into a Python that already imported transformers changes nothing
SENTENCEPIECE_INSTALL = (
    "pip install sentencepiece (and protobuf) in the Python that runs the code, then restart "
    "the process (in Colab or Jupyter: restart the runtime or kernel, or the old import state "
    "stays)"
)
# the Hub models whose tokenizer is SentencePiece's
SENTENCEPIECE_MODEL_RE = re.compile(
    r"(?i)(?:[\w-]+/)?(?:xlm-roberta|albert|camembert|xlnet|t5|mt5|mbart|deberta-v[23]|"
    r"barthez|pegasus|bigbird|rembert|kobert|paraphrase-multilingual|multilingual-e5)"
)
# slow tokenizers built on SentencePiece: transformers sets them to None (older releases) or
# returns None for them when the sentencepiece package is not installed
SENTENCEPIECE_CLASSES = (
    r"(?:Camembert|XLNet|Albert|T5|XLMRoberta|Barthez|MBart|Pegasus|Reformer|BigBird|DebertaV2|"
    r"Marian|Llama|KoBERT|Bartpho|LayoutXLM)Tokenizer"
)
SENTENCEPIECE_TOKENIZER_RE = re.compile(rf"\b(?P<cls>{SENTENCEPIECE_CLASSES})\.from_pretrained\(")


# a quoted checkpoint of a family whose tokenizer is SentencePiece's
# (narrower than SENTENCEPIECE_MODEL_RE on purpose: with KoBERT's own tokenizer class the
# error has other causes, real report 1495)
SPM_CHECKPOINT_RE = re.compile(
    r"(?i)['\"][\w./-]*(?:albert|bert-lite|xlnet|camembert|xlm-roberta|\bt5)[\w./-]*['\"]"
)


def explain_spm_not_a_string(hit: Hit, scan: Scan) -> Diagnosis | None:
    """SentencePiece's `TypeError: not a string` while a tokenizer is built by from_pretrained:
    the tokenizer's model file (spiece.model) was not found, so its path is None."""
    named = None
    if not re.search(r"tokenization_utils_base|_from_pretrained\(|\bcls\(\*init_inputs", scan.text):
        # no traceback, and a SentencePiece family's checkpoint named (an ALBERT '-lite'
        # model given to a framework that builds its tokenizer): the same missing file
        if not scan.frames:
            named = SPM_CHECKPOINT_RE.search(scan.text)
        if named is None:
            return None  # SentencePiece given something else: the user's own call
    # the argument up to the line's last bracket: os.path.join(root, "albert") whole
    m = re.search(r"\b(\w*Tokenizer)\.from_pretrained\(\s*([^\n]*)\)", scan.text)
    where = m.group(2).strip() if m else named.group(0) if named else "the model folder"
    return Diagnosis(
        "BD302",
        f"the SentencePiece tokenizer got no model file (`TypeError: not a string`: its path is "
        f"None): {where} has no spiece.model / sentencepiece.bpe.model for "
        f"{m.group(1) if m else 'the tokenizer'} to load.",
        f"{MODEL_FIXES['BD302']} (for ALBERT, XLNet, T5 and the like: spiece.model). Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
        causes=(
            "a tokenizer class of another family than the folder's files (BertTokenizer's "
            "vocab.txt given to AlbertTokenizer)",
        ),
        tentative=True,
    )


def explain_sentencepiece_missing(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A None tokenizer (in the traceback, or in the reporter's words) of a SentencePiece class:
    without the sentencepiece package transformers gives None in its place."""
    m = SENTENCEPIECE_TOKENIZER_RE.search(scan.text)
    if not m:
        return None
    return Diagnosis(
        "BD313",
        f"{m['cls']} is a SentencePiece tokenizer, and without the sentencepiece package "
        f"transformers gives None in its place, so the tokenizer is None "
        f"(`{hit.text.strip()[:80]}`).",
        f"{SENTENCEPIECE_INSTALL}. Confirm: `bertdoctor check-imports {scan.script}`",
        tentative=True,
    )


def explain_model_none(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`'NoneType' object has no attribute 'embeddings'` or `'NoneType' object is not callable`
    on `self.bert(...)`: old pytorch_pretrained_bert returns None for a model it could not load,
    after logging why. Without that log line, the likeliest cause when the None object is named
    like the model; a None of any other name is the user's own code (no known cause)."""
    if any(h.pattern.name in TOKENIZER_LOAD_LOGS for h in scan.hits if h is not hit):
        return None  # the log line is in the zone: its own pattern explains it
    sentencepiece = explain_sentencepiece_missing(hit, scan)
    if sentencepiece:
        return sentencepiece
    logged = _logged_load_failure(scan)
    if not logged and hit.groups.get("attr") in ("to", "half", "train"):
        return None  # any None moved to a device: only the load failure's log line tells
    name = None if logged else _none_model_name(hit, scan)
    if logged or not name:
        return logged
    return Diagnosis(
        "BD301",
        f"{name} is None: old pytorch_pretrained_bert (and projects built on it) logs an error "
        "and returns None when from_pretrained cannot load the model, most often because the "
        "path it was given is not the model folder, seen from the working directory.",
        f"{MODEL_FIXES['BD301']}; print the model right after from_pretrained, and read the "
        f"log line above it. Confirm: `bertdoctor check-model {scan.model_arg}`",
        causes=(
            "the path given to from_pretrained is not the model folder (BD301)",
            "the folder lacks config.json (bert_config.json for old code) (BD303)",
            "a Hub name that could not be downloaded (BD308)",
        ),
        tentative=True,
    )


def explain_tokenizer_none(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`'NoneType' object has no attribute 'tokenize'`: pytorch_pretrained_bert (and code built
    on it) logs an error and returns None when from_pretrained finds no vocabulary. Likely, not
    certain: a script's own loader can return None too."""
    if any(h.pattern.name in TOKENIZER_LOAD_LOGS for h in scan.hits if h is not hit):
        return None  # the log says why: that pattern explains it
    sentencepiece = explain_sentencepiece_missing(hit, scan)
    if sentencepiece:
        return sentencepiece
    # the log line may come before the traceback, where error patterns are not searched
    logged = _logged_load_failure(scan)
    if logged:
        return logged
    return Diagnosis(
        "BD302",
        f"the tokenizer is None where the code calls .{hit.groups.get('attr')}(): old "
        "pytorch_pretrained_bert returns None (with only a logged error) when from_pretrained "
        "finds no vocab.txt, most often because the vocabulary file in the model folder has "
        "another name (bert-base-chinese-vocab.txt) or the folder path is wrong.",
        f"{MODEL_FIXES['BD302']}: the file must be named vocab.txt, in the folder the script "
        "passes to from_pretrained (print the tokenizer right after loading it). Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
        causes=(
            "vocab.txt missing from the model folder, or under another name",
            "the path given to from_pretrained is not the model folder (BD301)",
            "a Hub name that could not be downloaded (BD308)",
        ),
        tentative=True,
    )


def _hub_url_ident(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Repository Not Found for url: https://huggingface.co/api/models/D:%5Cwork%5Cbert`: the
    folder did not exist, so its path went to the Hub as a repository id."""
    ident = unquote(hit.groups.get("path") or "").rstrip(".")
    if "\\" in ident or re.match(r"^[A-Za-z]:", ident) or ident.startswith(("/", ".", "~")):
        return explain_model_path(
            Hit(
                Pattern("repo-not-found-url", "BD301", (), ""),
                {"path": ident},
                hit.start,
                hit.end,
                hit.text,
            ),
            scan,
        )
    return explain_hub_offline(
        Hit(hit.pattern, {"path": ident}, hit.start, hit.end, hit.text), scan
    )


# a weights file passed as a call's argument: NERModel('bert', '.../pytorch_model.bin')
WEIGHTS_ARG_RE = re.compile(
    r"\b(?!open\(|load\()\w+\(\s*(?:[^()\n]*,\s*)?[rR]?['\"][^'\"\n]+\.(?:bin|pt|pth|ckpt|h5)['\"]"
)
TOKENIZER_WORDS_RE = re.compile(r"(?i)tokeniz|vocab")
# the first byte of a weights file, as a text decoder meets it
WEIGHTS_MAGIC = {
    "0x80": "a pickle (torch.save writes it)",
    "0x89": "an HDF5 file (tf_model.h5, Keras weights)",
}


def weights_read_as_text(seen: str, byte: str, scan: Scan, call: str | None = None) -> Diagnosis:
    """A weights file opened where a text file was expected, most often as config.json."""
    magic = WEIGHTS_MAGIC.get(byte.lower())
    opened = (
        f"`{call}` gives a weights file where the model's folder belongs, so transformers "
        "opened it as the configuration"
        if call
        else "a weights file (pytorch_model.bin, a .pt, tf_model.h5) was opened where a text "
        "file was expected, most often as config.json: a path that names the weights file "
        "instead of the model's folder, or a converted checkpoint whose files have the wrong "
        "names"
    )
    return Diagnosis(
        "BD303",
        f"{seen}: " + (f"{byte} is the first byte of {magic}, so " if magic else "") + opened + ".",
        "pass the model's folder (config.json, the weights and vocab.txt in it) to "
        "from_pretrained, not the weights file, and check which file each path names. "
        f"Confirm: `bertdoctor check-model {scan.model_arg}`",
        causes=("the vocabulary path names the weights file (BD302)",),
        tentative=True,
    )


def weights_given_as_config(seen: str, byte: str, scan: Scan) -> Diagnosis | None:
    """The last call of the text that passes a weights file, read as the configuration; None
    when only a tokenizer's call does (the weights given as the vocabulary: a wrong argument,
    no rule's)."""
    calls = [
        line
        for m in WEIGHTS_ARG_RE.finditer(scan.recent)
        if not TOKENIZER_WORDS_RE.search(line := _line_at(scan.recent, m.start()).strip())
    ]
    return weights_read_as_text(seen, byte, scan, calls[-1][:100]) if calls else None


# the reporter names config.json as the file being loaded: "when loading `config.json`"
LOADING_CONFIG_RE = re.compile(
    r"(?i)\b(?:load(?:ing|ed)?|read(?:ing)?|open(?:ing|ed)?|pars(?:e|ing))\s+(?:the\s+)?[`'\"]?"
    r"config\.json\b"
)
# a file read one JSON record per line
JSON_LINES_RE = re.compile(
    r"json\.loads\(\s*line\b|load_jsonl|jsonlines|read_json\([^)]*lines=True"
)


def explain_config_json(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A JSONDecodeError raised while a config or tokenizer file of the model was read: the file
    is not JSON (empty, an HTML page from a failed download, a Git LFS pointer). A JSON data
    file of the user's is read by _data_json_invalid."""
    z = scan.zone
    text = hit.text.strip()
    binary = text.startswith("UnicodeDecodeError")
    if "the config file at" in text or re.search(
        r"\b(?:_dict_from_json_file|from_json_file|get_config_dict)\b|"
        r"configuration_utils\.py",
        z,
    ):
        code, what = "BD303", "the model's config.json"
    elif re.search(r"tokenization_utils(?:_base|_fast)?\.py|\btokenizer_config\.json", z):
        code, what = "BD302", "a tokenizer file (tokenizer_config.json / tokenizer.json)"
    elif binary and re.search(r"\bload_vocab\b|tokenization(?:_bert)?\.py", z):
        code, what = "BD302", "the vocabulary file (vocab.txt)"
    elif not binary and not scan.frames and LOADING_CONFIG_RE.search(scan.recent):
        # no traceback, but the reporter says the file that does not parse is config.json
        code, what = "BD303", "the model's config.json"
    else:
        return _data_json_invalid(text, binary, scan)
    if binary and re.search(r"codec can't", text) and not re.search(r"'utf-?8", text, re.I):
        # a system codec (gbk, cp1252) read the file: a script's own reader of a text file,
        # which the decode error's reading explains (BD216)
        return None
    if binary:
        if re.search(
            r"(?i)(?:vocab\w*|bert_model|config\w*|from_pretrained\()\W+[^\s'\"]+\."
            r"(?:bin|pt|pth|ckpt|h5|safetensors)\b",
            scan.text[-20_000:],
        ):
            # the weights file given for a path: read as the configuration, the call that gave
            # it says so (BD303); given as the vocabulary, a wrong argument (no rule's)
            byte = re.search(r"byte (0x[0-9a-fA-F]{2})", text)
            if code != "BD303" or byte is None:
                return None
            return weights_given_as_config(f"{what} is not text ({text[:90]})", byte[1], scan)
        return Diagnosis(
            code,
            f"{what} is not text ({text[:90]}): a binary file (a pickle or the weights, a "
            "zip archive, a half download) lies where the text file should be, or the path "
            "names the wrong file.",
            f"{MODEL_FIXES[code]}; open the file: download it again when it is not text. "
            f"Confirm: `bertdoctor check-model {scan.model_arg}`",
            tentative=True,  # which file was read is a guess from the frames
        )
    why = (
        "a comma before a closing brace (a trailing comma) or a hand edit that broke it"
        if "Expecting property name enclosed in double quotes" in text
        else "the file is empty, cut off, or an HTML page or Git LFS pointer saved in place of "
        "the real file"
    )
    called = re.findall(r"from_pretrained\(\s*['\"]([^'\"\n]+)['\"]", z)
    # the library fetched the config of a name of its own (TAPE's 'bert-base') from its own
    # address: the reply was not JSON, an address that moved or a proxy's page, no user file
    fetched = (
        code == "BD303"
        and "configuration_utils.py" not in z
        and bool(called)
        and re.fullmatch(r"[\w-]+", called[-1]) is not None
        and not os.path.isdir(called[-1])
    )
    return Diagnosis(
        code,
        f"{what} is not valid JSON ({text[:80]}): {why}."
        + (
            f" The library downloaded it for '{called[-1]}': its download address may have "
            "answered with something else (a moved address: upgrade the library)."
            if fetched
            else ""
        ),
        f"{MODEL_FIXES[code]}; open the file and download it again when it is not JSON. "
        f"Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=fetched,
    )


# the model family a checkpoint's name says (longest names first: distilbert is not bert)
CHECKPOINT_FAMILY_RE = re.compile(
    r"(?i)(?<![a-z])(distilbert|distilroberta|xlm[-_]roberta|roberta|albert|electra|deberta|xlnet"
    r"|xlm|camembert|flaubert|bert)(?![a-z])"
)
# the families of checkpoint names that modelinfo.BASE_PREFIX (model_type -> the prefix of the
# encoder's weights) does not list under that name; XLNet, XLM and FlauBERT name theirs
# `transformer` but are not one another's: each keeps its own name here
EXTRA_PREFIX = {"distilroberta": "roberta", "xlnet": "xlnet", "xlm": "xlm", "flaubert": "flaubert"}


def explain_model_type_mismatch(hit: Hit, scan: Scan) -> Diagnosis | None:
    """An example script of transformers 2.x (run_squad.py, run_glue.py) picks the model class
    from --model_type: `--model_type bert --model_name_or_path ./distilbert_training` loads a
    checkpoint of another family into BERT's class, whose weight names do not match, so the
    encoder starts at random."""
    from ..modelinfo import BASE_PREFIX

    if scan.failed:
        return None  # an error stopped the run: that is the cause to explain
    kind = hit.groups["type"].lower()
    near = scan.text[max(0, hit.start - 600) : hit.end + 600]
    if re.search(r"run_(?:mlm|clm|language_modeling|mlm_no_trainer)\b|examples[\\/]pytorch", near):
        return None  # transformers 3+ scripts read the checkpoint's config; --model_type is unused
    path = re.search(r"--model_name_or_path[ =]+['\"]?(?P<path>[^\s'\"\\]+)", near)
    if not path or "chinese" in path["path"].lower() or CHINESE_ROBERTA_RE.search(path["path"]):
        return None  # (Chinese RoBERTa and ALBERT checkpoints are BERT classes)
    families = {
        m.group(1).lower().replace("_", "-")
        for m in CHECKPOINT_FAMILY_RE.finditer(re.split(r"[\\/]", path["path"])[-1])
    }
    if len(families) != 1:
        return None  # no family in the name, or several (an output folder bert_vs_electra)
    found = families.pop()
    prefix = {**BASE_PREFIX, **EXTRA_PREFIX}
    if prefix.get(found, found) == prefix.get(kind, kind):
        return None  # the same weight names: distilroberta loads into RoBERTa's class
    return Diagnosis(
        "BD316",
        f"--model_type {kind} with --model_name_or_path {path['path']}: an example script "
        f"that picks the model class from --model_type (transformers 2.x's run_squad.py, "
        f"run_glue.py) builds the {kind} class and loads a checkpoint of the {found} family "
        f"into it, whose weights are not the ones the {kind} class looks for "
        f"({prefix.get(kind, kind)}.*), so the encoder weights are initialised at random and the "
        "scores stay near chance.",
        f"pass the checkpoint's own family (--model_type {found}), or use the Auto classes, "
        "which read model_type from config.json; the log's 'Some weights of ... were not "
        f"initialized' lists what did not load. Confirm: `bertdoctor check-model {path['path']}`",
        tentative=True,  # the log that lists the weights is not in the text
    )


def explain_no_model_type(hit: Hit, scan: Scan) -> Diagnosis:
    """`Unrecognized model in X. Should have a model_type key in its config.json`: the config
    was read, but it names no architecture (an old or hand-written config, a converted
    checkpoint, a repository of another format such as GGUF)."""
    path = hit.groups.get("path", "").rstrip(".")
    return Diagnosis(
        "BD303",
        f'the config.json of {repr(path) if path else "the model"} has no "model_type" key '
        "(and the folder name names no architecture), so the Auto classes cannot tell which "
        "model to build: an old or hand-written config, a converted checkpoint, or a folder "
        "that is not a transformers model.",
        'add "model_type": "bert" (or the architecture it is) to config.json, or load it with '
        f"the model's own class (BertModel.from_pretrained). Confirm: `bertdoctor check-model "
        f"{path or scan.model_arg}`",
        # without its second sentence the message does not say the config was read: a folder
        # without config.json reads the same in some releases
        tentative="model_type" not in hit.text,
    )


def explain_config_unreachable(hit: Hit, scan: Scan) -> Diagnosis | None:
    """transformers 2: `Couldn't reach server at 'X' to download configuration file or
    configuration file is not a valid JSON file`. X a file: from_pretrained takes the folder."""
    path = hit.groups.get("path", "")
    name = re.split(r"[\\/]", path)[-1]
    local = re.search(
        r"models\.huggingface\.co/bert/(?P<local>(?:\.{1,2}/|/|[A-Za-z]:[\\/])[^']*?)/?"
        r"(?:config\.json|pytorch_model\.bin|vocab\.txt)?$",
        path,
    )
    if local:
        # a local path put into the download URL: transformers 2 asks S3 for a name only when
        # no folder of that name exists from the working directory
        where = local.group("local").rstrip("/")
        return Diagnosis(
            "BD301",
            f"the model path {where} was looked up on the download server "
            f"({path[:60]}...): transformers 2 does that only when no folder {where} exists "
            "from the working directory the script ran in.",
            f"{_model_fix('BD301', where)}. Confirm: `bertdoctor check-model {where}`",
        )
    if re.match(r"https?://", path):  # a shortcut name's file on S3 or the Hub: no download
        return explain_old_download(
            Hit(hit.pattern, {**hit.groups, "url": path}, hit.start, hit.end, hit.text), scan
        )
    folder = path[: len(path) - len(name)].rstrip("\\/")
    if name == "config.json" and folder and not os.path.isdir(folder):
        # transformers 2 joins config.json to the folder it was given (a config file it would
        # have read as it is): the folder, or its config.json, was not there
        return explain_file_not_found(
            Hit(hit.pattern, {"path": folder, "file": name}, hit.start, hit.end, hit.text), scan
        )
    if FILE_SUFFIX_RE.search(name):
        return Diagnosis(
            "BD303",
            f"from_pretrained was given the file '{path}': it takes the model folder, and reads "
            "the configuration from config.json in it (a Google checkpoint's bert_config.json "
            "is not found under that name).",
            f"pass the folder ({re.sub(r'[^/]*$', '', path) or '.'}) and name its configuration "
            'config.json (with "model_type": "bert"). Confirm: `bertdoctor check-model '
            f"{re.sub(r'[^/]*$', '', path) or '.'}`",
        )
    return explain_model_path(hit, scan)


def explain_wordpiece_not_found(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The tokenizers library (Rust) could not open the vocabulary file it was given."""
    if not re.search(r"WordPiece|vocab|BertWordPieceTokenizer|Tokenizer\.from_file", scan.zone):
        return None
    return Diagnosis(
        "BD302",
        "the tokenizers library could not open the vocabulary file it was given (`No such file "
        "or directory`): the file was never downloaded, or the path is relative to another "
        "working directory.",
        f"{MODEL_FIXES['BD302']}; pass the file's absolute path. Confirm: `bertdoctor "
        f"check-model {scan.model_arg}`",
    )


# a torch older than 1.6, named in the report (pip freeze, the issue template, the prose)
OLD_TORCH_RE = re.compile(
    r"(?i)\b(?:py)?torch(?:[ _-]?version)?(?: \(GPU\?\))?\s*(?:==|=|:|\s)\s*\(?v?1\.[0-5]"
    r"(?:\.\d+)?\b|"
    # torch < 1.6 falls back to the old tar format on a zip checkpoint and reads a pickle name
    r"invalid literal for int\(\) with base 8: '(?:rebuild_|_rebuild)|"
    # ... or the tarfile module's exception it raises there ("exception from tarfile.py")
    r"\btarfile\.py\b|tarfile\.ReadError"
)


# a model packed as an archive (AllenNLP's model.tar.gz, a checkpoint's .tar.gz, .tgz or .xz)
MODEL_ARCHIVE_RE = re.compile(
    r"(?i)model\.tar\.gz|(?:model|checkpoint|weights|pretrain\w*)[\w./-]*\.(?:tar\.gz|tgz|gz|xz)\b|"
    r"load_archive|from_archive|archive_file"
)


def explain_truncated_model_archive(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`EOFError: Compressed file ended before the end-of-stream marker was reached` while a
    model archive is read: the download stopped early."""
    near = scan.text[max(0, hit.start - 3000) : hit.end + 300]
    archive = MODEL_ARCHIVE_RE.search(near)
    if not archive:
        return None  # a compressed dataset or cache file: no model file involved
    return Diagnosis(
        "BD304",
        f"the model archive ({archive.group(0)}) ends before its end: the download stopped "
        "early (an interrupted download, a full disk, a quota), so the compressed weights are "
        "cut short.",
        "delete the archive and download it again, and compare its size with the published one "
        f"before loading it. Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=True,  # another archive read in the same step reads the same
    )


def explain_download_size_check(hit: Hit, scan: Scan) -> Diagnosis:
    """huggingface_hub's `Consistency check failed: file should be of size 440449768 but has
    size 4122356 (model.safetensors)`: the download of a model file stopped early."""
    should, has = int(hit.groups["should"]), int(hit.groups["has"])
    # "(model.safetensors)", or newer huggingface_hub's "((…)ssets/model.safetensors)"
    file = re.search(r"[\w.-]+\.\w+(?=\)*$)", (hit.groups.get("file") or "").strip())
    name = file.group(0) if file else ""
    if has > should:
        return Diagnosis(
            "BD304",
            f"the downloaded {name or 'model file'} is larger than the Hub lists ({has:,} bytes "
            f"for {should:,}): the download was appended to a stale partial file (.incomplete) in "
            "the cache, or the file changed on the Hub during the download.",
            "delete the file's blob and .incomplete files under ~/.cache/huggingface/hub (or pass "
            "force_download=True) and download it again. "
            f"Confirm: `bertdoctor check-model {scan.model_arg}`",
        )
    share = f", {100 * has / should:.1f}% of it" if should else ""
    return Diagnosis(
        "BD304",
        f"the download of {name or 'a model file'} stopped early: the Hub lists {should:,} bytes "
        f"and {has:,} arrived{share}: a network that dropped or timed out, a proxy that cut the "
        "transfer, or a full disk.",
        "download it again with force_download=True (or delete the partial file under "
        "~/.cache/huggingface/hub), check free space with df -h, and raise HF_HUB_DOWNLOAD_TIMEOUT "
        "on a slow link; or download once with `huggingface-cli download` and load the folder. "
        f"Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


def explain_savedmodel_unparsable(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Cannot parse file b'./model/saved_model.pb': Wrong wire type in tag` (or `Error parsing
    message`): TensorFlow could not read the SavedModel's graph file."""
    path = hit.groups.get("path") or ""
    near = scan.text[max(0, hit.start - 1500) : hit.end + 300]
    if not path and not re.search(
        r"saved_model\.pb|SavedModel|saved_model\.load|\.pb\b|graph_def\.ParseFromString|"
        r"load_graph|frozen",
        near,
    ):
        return None  # another protobuf message (a config, a TensorBoard event file)
    why = (hit.groups.get("why") or "").strip().rstrip(".")
    folder = _parent(path) if path else scan.model_arg
    return Diagnosis(
        "BD304",
        f"TensorFlow could not parse the model's graph file "
        f"{path or '(saved_model.pb or a frozen .pb)'}"
        f"{f' ({why})' if why else ''}: the file is not the one that was saved (a Git LFS "
        "pointer, an upload or copy that damaged it), or a newer TensorFlow wrote it.",
        "copy or download the .pb file again and compare its size with the original (`git "
        "lfs pull` when the repository keeps it in LFS); load it with the TensorFlow version "
        f"that saved it. Confirm: `bertdoctor check-model {folder}`",
        tentative=True,  # a SavedModel of a newer TensorFlow reads the same
    )


def explain_bert_serving_long(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`bert-serving-start ... -max_seq_len 600`: bert-as-service builds its graph for that
    length, past the 512 positions BERT has, and the server hangs or fails on the first
    request."""
    n = int(hit.groups["n"])
    if n <= 512:
        return None
    return Diagnosis(
        "BD208",
        f"bert-serving-start was given -max_seq_len {n}, more than the 512 positions the BERT "
        "checkpoint has (max_position_embeddings): the server's graph cannot encode that "
        "length, so it hangs or fails at the first request.",
        "start the server with -max_seq_len 512 or less (or NONE to use each batch's longest, "
        "up to 512); split longer texts into windows. Confirm: `bertdoctor check-model "
        f"{scan.model_arg}`",
        tentative=True,
    )


def explain_from_tf_hint_alone(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Only the last sentence of transformers' `Unable to load weights from pytorch checkpoint
    file ...` (`If you tried to load a PyTorch model from a TF 2.0 checkpoint, please set
    from_tf=True`), retyped as the report's whole error: the weights file did not load, a likely
    truncated or damaged one. The full message is the weights-corrupt reading's."""
    if "Unable to load weights" in scan.text or OLD_TORCH_RE.search(scan.text):
        return None
    return Diagnosis(
        "BD304",
        "the report quotes only transformers' hint to set from_tf=True, which it prints when "
        "torch.load of the model's weights file fails: the file is most often truncated or "
        "damaged (an interrupted download), less often a TensorFlow checkpoint.",
        "delete the model's weights file (pytorch_model.bin in the model folder or the cache) "
        "and download it again; pass from_tf=True only for a tf_model.h5. Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
        tentative=True,
    )


def explain_weights_corrupt(hit: Hit, scan: Scan) -> Diagnosis | None:
    near = scan.text[max(0, hit.start - 600) : hit.end + 300]
    zone = scan.zone_of(hit)
    if "git-lfs" not in hit.text and re.search(r"(?i)\bctranslate2\b|[\\/_-]ct2[\\/_-]", near):
        # a folder converted for CTranslate2 (its own model.bin) loaded with transformers:
        # the wrong loader, no damaged file
        return None
    if (
        "invalid load key" in hit.text
        and scan.frames
        and not re.search(
            r"torch[\\/]serialization|modeling_utils|torch\.load|load_state_dict|from_pretrained",
            zone,
        )
    ):
        return None  # pickle.loads on something else (a socket's reply, a cache file)
    if "invalid load key" in hit.text and re.search(
        r"(?im)^.*torch\.load\(.*(?:vocab|\.txt\b|\.json\b|\.csv\b|\.tsv\b)|"
        r"vocab\w*\s*=\s*torch\.load\(",
        scan.text,
    ):
        return None  # torch.load given a text file (a vocab.txt, a JSON): no weights at all
    if (
        "more bytes" in hit.text
        and scan.frames
        and not re.search(
            r"modeling_utils|from_pretrained|pytorch_model|load_state_dict|\bweights?_(?:file|path)\b|"
            r"\bmodel_state\b|\bcheckpoint\b|\bckpt\b|\.(?:model|pth|bin|ckpt)[\"']",
            zone,
        )
    ):
        return None  # torch.load of another file (a features cache, a dataset saved with torch)
    if "Unable to load weights" in hit.text and OLD_TORCH_RE.search(scan.text):
        # torch before 1.6 cannot read the zip format that torch.save has written since: the
        # file is fine, the torch is too old (a hint, no rule's cause)
        return None
    if re.search(r"(?i)model_repository_manager|triton|libtorch backend|torch::jit", scan.text):
        # a C++ server (Triton's PyTorch backend) loads a TorchScript file with torch::jit::load:
        # a module saved with torch.save, or a state dict, fails there the same way
        return Diagnosis(
            "BD304",
            "the server could not read the model file as a zip archive: Triton's PyTorch "
            "backend loads only TorchScript (torch.jit.trace or torch.jit.script, then "
            "torch.jit.save); a file saved with torch.save, or a truncated copy, fails this way.",
            "export the model with torch.jit.trace(model, example_inputs).save('model.pt') and "
            "check the file's size against the original. Confirm: `bertdoctor check-model "
            f"{scan.model_arg}`",
            tentative=True,
        )
    key = hit.groups.get("loadkey")  # the file's first byte, as the unpickler read it
    lfs = (
        key == "v"
        or "HeaderTooLarge" in hit.text
        or "git-lfs" in hit.text
        or "operand 118" in hit.text
    )
    tf_file = TF_CHECKPOINT_FILE_RE.search(scan.text)
    html = key == "<"
    if key and not lfs and not html and tf_file:
        # torch.load given TensorFlow's checkpoint (bert_model.ckpt.index, .data-00000-of-00001):
        # not a pickle at all, and no download went wrong
        return Diagnosis(
            "BD307",
            f"torch.load was given a TensorFlow checkpoint ({tf_file.group(0)}), which is not a "
            f"PyTorch file (`{hit.text.strip()[:40]}`).",
            f"{MODEL_FIXES['BD307']} (a script written for another model's PyTorch files "
            f"cannot read it). Confirm: `bertdoctor check-model {scan.model_arg}`",
        )
    # transformers' own wrapper says only that torch.load failed: a truncated file, a Git LFS
    # pointer, or a torch too old for the zip format (or a TF checkpoint) read the same
    vague = "Unable to load weights" in hit.text
    # "after pip install safetensors==0.4.2 this error appears": the reporter's own change of
    # the library is the other suspect, and the thread may mean it
    pinned = "HeaderTooLarge" in hit.text and re.search(
        r"pip3? install[^\n]*?\bsafetensors\s*[=<>~]=\s*\d+(?:\.\d+)*", scan.text
    )
    why = (
        "the weights file is a Git LFS pointer (a 130-byte text file), not the weights"
        if lfs
        else "the weights file is a web page (a download link that answered with HTML: a "
        "login or a Google Drive confirmation page), not the weights"
        if html
        else "the weights file is truncated or corrupt (an interrupted download)"
    )
    if "MetadataIncompleteBuffer" in hit.text:
        why = (
            "the file's length does not match what its header declares: an interrupted download "
            "or save, or a full disk"
        )
    if pinned:
        why = why.replace("the weights file is", "the weights file is most likely", 1)
    return Diagnosis(
        "BD304",
        f"{'transformers' if re.search(r'modeling_utils|from_pretrained', zone) else 'torch'}"
        f" could not read the weights (`{hit.text.strip()[:80]}`): {why}"
        + (
            " (the message does not say why torch.load failed: a torch older than the file's "
            "format, or TensorFlow weights, read the same)."
            if vague
            else "."
        )
        + (
            f" The text also pins a safetensors version ({pinned.group(0)}): if the file is "
            "whole, that install is the other suspect."
            if pinned
            else ""
        ),
        f"{MODEL_FIXES['BD304']}. Confirm: `bertdoctor check-model {scan.model_arg}`",
        # operand 118 ('v') is what the start of an LFS pointer reads as, and also what a
        # library's own pickle that the weights-only loader does not take may read as
        tentative=vague or "operand 118" in hit.text or bool(pinned),
    )


# the reporter says it is the TensorFlow download that fails ("加载tf的就报错", "the TF version")
TF_RELEASE_PROSE_RE = re.compile(
    r"(?i)加载\s*tf|tf\s*(?:版本|的模型|模型)|tensorflow\s*(?:版本|的模型|模型)|"
    r"\b(?:the )?(?:tf|tensorflow) (?:version|checkpoint|weights|download) (?:of the model )?"
    r"(?:fails|does not|doesn't|gives|raises)"
)
# a TensorFlow checkpoint's own files: the prefix's index, data shards or meta graph
TF_CHECKPOINT_FILE_RE = re.compile(r"[\w.-]*\.ckpt(?:-\d+)?\.(?:index|meta|data-\d+-of-\d+)\b")


KNOWN_VOCABS = {
    30522: "bert-base-uncased",
    28996: "bert-base-cased",
    21128: "bert-base-chinese",
    119547: "bert-base-multilingual-cased",
    105879: "bert-base-multilingual-uncased",
    50265: "roberta-base",
    250002: "xlm-roberta-base",
}


def _named_vocab(n: int) -> str:
    return f"{n} ({KNOWN_VOCABS[n]})" if n in KNOWN_VOCABS else str(n)


# the task is token classification: its labels are tags, not the two default classes
TOKEN_TASK_RE = re.compile(
    r"(?i)\bNER\b|named[ -]entit|token[ _-]?classification|ForTokenClassification"
    r"|\bentity (?:recognition|tags?|labels?|extraction)\b|(?-i:\bB-[A-Z]{2,})|命名实体|实体识别"
)


def explain_default_id2label_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter quotes a config's id2label of transformers' two default labels (LABEL_0,
    LABEL_1) while doing NER: the checkpoint was never fine-tuned for the task (a base model),
    and its head is new and two labels wide (a likely BD306)."""
    if not TOKEN_TASK_RE.search(scan.text):
        return None  # two classes may be the task's own (a binary classifier keeps the defaults)
    quoted = (
        "as transformers' two default labels"
        if "LABEL_0" in hit.text
        else "with only two labels (transformers' default LABEL_0 and LABEL_1)"
    )
    return Diagnosis(
        "BD306",
        f"the report quotes the model's id2label {quoted} ({hit.text!r}) while the task is "
        "token classification: the checkpoint was never "
        "fine-tuned for this task (a base or pre-training checkpoint), so its classifier is "
        "made anew, random, and two labels wide.",
        "fine-tune it first with num_labels=len(label_list) and id2label/label2id from the tag "
        "list (or use a checkpoint already fine-tuned for these tags); a base model gives no "
        f"NER predictions as released. Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=True,
    )


# what makes a missing tokenizer.json matter: a loader that builds only a fast tokenizer, or a
# failure the reporter names (a slow tokenizer loads without one)
FAST_ONLY_OR_FAILED_RE = re.compile(
    r"(?i)text-embeddings-inference|\bTEI\b|\bcandle\b|fastembed|from_file|\btokenizers?\.Tokenizer\b|"
    r"\bdjl\b|\binfinity\b|\b(?:errors?|fails?|failed|failing|404|cannot|can't|crash\w*|"
    r"exception)\b"
)


def explain_vocab_size_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: vocab.txt has N entries and the config's vocab_size is M."""
    vocab, config = int(hit.groups["vocab"]), int(hit.groups["config"])
    if vocab == config:
        return None
    return Diagnosis(
        "BD305",
        f"the report says the vocabulary has {vocab} entries and the config {config}: the "
        "tokenizer's ids and the model's embedding rows are not the same table (a vocab.txt "
        "or config.json from another checkpoint).",
        "use the vocab.txt and config.json released with the weights; a vocabulary larger than "
        "vocab_size gives ids past the embedding (index out of range). Confirm: `bertdoctor "
        f"check-model {scan.model_arg}`",
        tentative=True,
    )


# a speech recognition model trained with CTC (wav2vec2, HuBERT, huggingsound's wrapper)
CTC_MODEL_RE = re.compile(r"(?i)ForCTC\b|wav2vec|hubert|huggingsound|\bCTC\b")


# speech checkpoints pretrained on audio only: no vocabulary, no tokenizer files
SPEECH_PRETRAINED_RE = re.compile(
    r"(?i)(?:^|/)(?:wav2vec2|hubert|wavlm|data2vec-audio)-(?:base|large)"
    r"(?:-xlsr-53|-lv60|-ll60k|-ls960)?$|(?:^|/)wav2vec2-xls-r-\d+[mb]$"
)


# a plain-named table that holds something other than tokens: a prefix, positions, types...
OTHER_TABLE_RE = re.compile(
    r"(?i)(?:prefix|position|type|segment|lang|rule|node|label|tag|speaker|char)\w*\."
    r"(?:embed|embedding|embeddings)\.weight"
)


# the fix for a model built from another word list than its checkpoint's
OWN_VOCAB_FIX = (
    "build the model from the checkpoint's own vocabulary (the vocab file shipped with it, the "
    "same max_vocab or min_freq settings, the same special tokens such as <unk>) before loading "
    "the weights"
)


def explain_vocab_mismatch(hit: Hit, scan: Scan) -> Diagnosis | None:
    axis = -1 if "final_logits_bias" in hit.text else 0  # BART's bias is [1, vocab]
    ckpt_text = hit.groups.get("ckpt") or hit.groups.get("ckpt2") or ""
    cur_text = hit.groups.get("cur") or hit.groups.get("cur2") or ""
    ckpt, cur = _shape(ckpt_text)[axis], _shape(cur_text)[axis]
    plain = re.search(r"(?<![\w])(?:embed|embedding|embeddings)\.weight", hit.text)
    if plain and (OTHER_TABLE_RE.search(hit.text) or min(ckpt, cur) < 100):
        return None  # a table of prefixes, positions or a few types: no vocabulary
    if plain and ckpt != cur:
        name = re.search(r"size mismatch for ([\w.]+)", hit.text)
        return Diagnosis(
            "BD305",
            f"the checkpoint's token table ({name.group(1) if name else 'embedding'}) has "
            f"{ckpt} rows and the model was built with {cur}: the vocabulary the model was "
            "built from (a vocab file, a word list built from the data, the vocab_size "
            "setting) is not the one the checkpoint was trained with.",
            f"{OWN_VOCAB_FIX}. Confirm: `bertdoctor check-model {scan.model_arg}`",
        )
    if ckpt == cur:
        # the same number of rows ([30522, 764] against [30522, 768]): the vocabularies agree
        # and the hidden size differs, a pruned or smaller model (ALBERT's factorised
        # embeddings) loaded into another architecture's class
        return None
    if "lm_head" in hit.text and CTC_MODEL_RE.search(scan.text):
        # a speech model's CTC head (Wav2Vec2ForCTC's lm_head): one output per character of
        # the fine-tuning's own label set, the classifier of a new task, not a text vocabulary
        return Diagnosis(
            "BD306",
            f"the checkpoint's CTC output head (lm_head) has {ckpt} outputs, one per symbol of "
            f"the character set it was fine-tuned on, and the model is built for {cur}: the new "
            "data's character set (the processor's vocab) is another one.",
            "keep the checkpoint's processor and vocab when you evaluate or go on training it, or "
            "start a new head for the new symbols: from_pretrained(..., vocab_size=len("
            "processor.tokenizer), ignore_mismatched_sizes=True). Confirm: `bertdoctor "
            f"check-model {scan.model_arg}`",
        )
    what = (
        "masked-LM output has one entry per token for"
        if "predictions" in hit.text
        else "output bias (final_logits_bias) has one entry per token for"
        if axis
        else "word embeddings have rows for"
    )
    return Diagnosis(
        "BD305",
        f"the checkpoint's {what} {_named_vocab(ckpt)} tokens and the model was "
        f"built with vocab_size {_named_vocab(cur)}: the config (or the tokenizer the model "
        "was resized to) belongs to another checkpoint than the weights.",
        "load config, tokenizer and weights from the same checkpoint folder; after adding "
        "tokens, save the resized model and load that. Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
    )


def explain_tf2_restore_tf1_checkpoint(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TF2's object-based restore (`checkpoint.read(...).assert_consumed()`) of Google's
    original bert_model.ckpt: `Some objects had attributes which were not restored`, since
    the TF1 release stores its variables by name, not as the TF2 encoder's objects."""
    if not re.search(r"bert_model\.ckpt|_L-\d+_H-\d+_A-\d+", scan.text):
        return None  # a checkpoint of the project's own (another model, a changed class)
    return Diagnosis(
        "BD307",
        "TensorFlow 2 left variables of the model unrestored from the checkpoint (Some "
        "objects had attributes which were not restored): Google's original bert_model.ckpt "
        "stores TensorFlow 1 variable names, and the TF2 encoder (Model Garden, the "
        "fine_tuning_bert tutorial) restores objects.",
        "use the TF2 release of the checkpoint, or convert the original one with Model "
        "Garden's tf2_encoder_checkpoint_converter (--converted_checkpoint_path); for PyTorch: "
        f"{MODEL_FIXES['BD307']}. Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


# the hidden sizes of BERT-family encoders (tiny to large, ALBERT's factorised embeddings)
HIDDEN_SIZES = frozenset({128, 256, 312, 384, 512, 768, 1024})


def explain_reshape_embedding(hit: Hit, scan: Scan) -> Diagnosis | None:
    """numpy's `cannot reshape array of size 30708480 into shape (40000,768)` while weights
    load: an embedding of 39985 rows of 768 read into a config's vocab_size of 40000."""
    size, rows, hidden = (int(hit.groups[k]) for k in ("size", "rows", "hidden"))
    if hidden not in HIDDEN_SIZES or size % hidden or rows < 1000 or size // hidden == rows:
        return None  # not an embedding table read against a vocabulary size
    return Diagnosis(
        "BD305",
        f"the weights hold a table of {size // hidden} rows of {hidden} ({size} values) and "
        f"the model was built with {rows} rows: the config's vocab_size and the weights' "
        "word embeddings disagree (a config.json edited or replaced, or weights of another "
        "version of the model).",
        "load config and weights from the same release of the model (the config that came "
        f"with these weights has vocab_size {size // hidden}), or re-download both. Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
    )


# the names of a task head, which a new task re-initialises
HEAD_NAME_RE = re.compile(
    r"classifier|out_proj|qa_outputs|crf|\bfc\b|summary|\bscore\b|hidden2tag|heads?\b"
)


def explain_head_mismatch(hit: Hit, scan: Scan) -> Diagnosis | None:
    pairs = re.findall(
        r"size mismatch for ([\w.]+): copying a param with shape ?"
        r"torch\.Size\(\[([\d, ]*)\]\) from checkpoint, the shape ?in current "
        r"model is torch\.Size\(\[([\d, ]*)\]\)",
        scan.zone,
    )
    report = scan.text.rfind("LOAD REPORT", max(0, hit.start - 200_000), hit.start)
    if not pairs and report >= 0:  # transformers 5 prints a table before raising
        pairs = re.findall(
            r"([\w.]+)\s*\| MISMATCH \| Reinit due to size mismatch - ckpt: "
            r"torch\.Size\(\[([\d, ]*)\]\) vs model:\s*torch\.Size\(\[([\d, ]*)\]\)",
            scan.text[report : hit.start],
        )
    if not pairs:  # the lines of the warning for ignore_mismatched_sizes, pasted alone
        pairs = re.findall(
            r"([\w.]+): found shape torch\.Size\(\[([\d, ]*)\]\) in the checkpoint and "
            r"torch\.Size\(\[([\d, ]*)\]\) in the model instantiated",
            scan.zone,
        )
    body = re.compile(r"encoder|embeddings|pooler|layers?\.\d|blocks?\.\d|attention|conv", re.I)
    if pairs and all(body.search(p[0]) for p in pairs):
        return None  # the body of the network differs: another architecture or size
    pairs = [p for p in pairs if not body.search(p[0])]
    head = [p for p in pairs if HEAD_NAME_RE.search(p[0])]
    head = head or pairs
    head.sort(key=lambda p: -len(_shape(p[1])))  # the weight matrix before the bias
    if head:
        name, ckpt, cur = head[0]
        n_ckpt, n_cur = _shape(ckpt)[0], _shape(cur)[0]
        if n_ckpt == n_cur:
            return None  # same number of outputs: the head's input (the encoder) differs
        if (
            min(n_ckpt, n_cur) >= 1000
            and not re.search(r"(?i)classifier|label|tag|intent|slot", name)
            and not {n_ckpt, n_cur} & HIDDEN_SIZES
        ):
            # thousands of outputs on both sides: an output layer over a vocabulary (a
            # decoder's or a captioner's), built from another word list than the checkpoint's
            return Diagnosis(
                "BD305",
                f"the checkpoint's {name} has {n_ckpt} outputs and the model was built with "
                f"{n_cur}: thousands of outputs are one per word of a vocabulary, so the word "
                "list the model was built from is not the one the checkpoint was trained with "
                "(a token added or missing, another min_freq or data split).",
                f"{OWN_VOCAB_FIX}. Confirm: `bertdoctor check-model {scan.model_arg}`",
                tentative=True,
            )
        msg = (
            f"the checkpoint's {name} has {n_ckpt} outputs and the model was built with "
            f"{n_cur}: the checkpoint was fine-tuned for {n_ckpt} labels, the code asks for "
            f"{n_cur}"
        )
    else:
        msg = "the checkpoint's classifier has another number of labels than the model"
    passed = re.search(
        r"You passed `num_labels=(\d+)` which is incompatible to the `id2label` map of length "
        r"`(\d+)`",
        scan.text[max(0, hit.start - 200_000) : hit.start],
    )
    if passed:
        msg += f" (the code passed num_labels={passed.group(1)}; the checkpoint's id2label has "
        msg += f"{passed.group(2)} labels)"
    if scan.model:
        msg += f" ({scan.model.path}/config.json has num_labels={scan.model.num_labels})"
    return Diagnosis(
        "BD306",
        msg + ".",
        "to start a new task from this checkpoint pass ignore_mismatched_sizes=True (the head "
        "is trained again); to use the fine-tuned model as it is, build it with the label count "
        f"it was saved with. Confirm: `bertdoctor check-model {scan.model_arg} --num-labels N`",
    )


def explain_tf_assign(hit: Hit, scan: Scan) -> Diagnosis | None:
    """TensorFlow 1's `Assign requires shapes of both tensors to match. lhs shape= [6,768] rhs
    shape= [2,768]`: a label count of the graph against the checkpoint's, when both sides are
    small and the rest of the shape agrees (a vocabulary or a hidden size differs otherwise)."""
    cur, ckpt = _shape(hit.groups["cur"]), _shape(hit.groups["ckpt"])
    differ = [i for i, (a, b) in enumerate(zip(cur, ckpt, strict=False)) if a != b]
    if len(cur) != len(ckpt) or len(differ) != 1:
        return None
    n_cur, n_ckpt = cur[differ[0]], ckpt[differ[0]]
    if {n_cur, n_ckpt} & HIDDEN_SIZES:
        return None  # a model of another size, not a label count or a vocabulary
    # the rows of two word embeddings (a matrix: a vector of thousands is a layer's width, the
    # feed-forward's 3072 of BERT-Base against the 4096 of BERT-Large)
    if differ[0] == 0 and len(cur) == 2 and min(n_cur, n_ckpt) >= 1000:
        return Diagnosis(
            "BD305",
            f"the checkpoint's word embeddings have {_named_vocab(n_ckpt)} rows and the graph "
            f"was built with {_named_vocab(n_cur)} (shapes [{hit.groups['ckpt']}] and "
            f"[{hit.groups['cur']}]): the config's vocab_size, or the vocabulary, belongs to "
            "another checkpoint than the one restored.",
            "take the config, vocab.txt and checkpoint from the same model folder (a cased "
            "and an uncased BERT have different vocabularies). Confirm: "
            f"`bertdoctor check-model {scan.model_arg}`",
            tentative=not ({n_cur, n_ckpt} & KNOWN_VOCABS.keys()),
        )
    if max(n_cur, n_ckpt) > 1000 and (
        min(n_cur, n_ckpt) > 300 or {n_cur, n_ckpt} & KNOWN_VOCABS.keys()
    ):
        return None  # a vocabulary against something else: not a label count
    if hit.pattern.name == "paddle-skip-loading-shape":
        # newer paddlenlp raises it (Error(s) in loading state_dict); older Paddle only warns
        # and trains the head from random weights, which a new label set wants
        raised = "Error(s) in loading state_dict" in scan.text
        return Diagnosis(
            "BD306",
            f"the checkpoint's {hit.groups['key']} has {n_ckpt} labels and the model was built "
            f"with {n_cur} (shapes [{hit.groups['ckpt']}] and [{hit.groups['cur']}]): a head "
            "fine-tuned for another label list, "
            + (
                "which paddlenlp refuses to load into a head of another size."
                if raised
                else "which Paddle skipped: the head starts from random weights."
            ),
            (
                "to train your own label set from this checkpoint pass "
                "ignore_mismatched_sizes=True to from_pretrained (the head starts anew)"
                if raised
                else "for your own label set the skipped head is expected (train it)"
            )
            + f"; to use the checkpoint as it is, build the model with its {n_ckpt} labels. "
            f"Confirm: `bertdoctor check-model {scan.model_arg} --num-labels N`",
            tentative=not raised,
        )
    if hit.pattern.name == "keras-weight-shape":
        return Diagnosis(
            "BD306",
            f"the saved weights' output layer has {n_ckpt} labels and the model was built with "
            f"{n_cur} (shapes [{hit.groups['ckpt']}] and [{hit.groups['cur']}]): weights "
            "fine-tuned for another label list.",
            f"build the model with the {n_ckpt} labels the weights were saved with to use them, "
            "or load only the encoder's weights and train a new head for your labels. Confirm: "
            f"`bertdoctor check-model {scan.model_arg} --num-labels N`",
        )
    return Diagnosis(
        "BD306",
        f"the checkpoint's output layer has {n_ckpt} labels and the graph was built with "
        f"{n_cur} (shapes [{hit.groups['ckpt']}] and [{hit.groups['cur']}]): a checkpoint "
        "fine-tuned for another label list, often an earlier run's left in the output folder.",
        "start from the pre-trained checkpoint (init_checkpoint), or give a new, empty "
        "output_dir: TensorFlow restores the latest checkpoint found there. Confirm: "
        f"`bertdoctor check-model {scan.model_arg} --num-labels N`",
    )


def explain_tf_embedding_shapes(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Shapes (13685, 768) and (13584, 768) are incompatible`: two matrices of the same
    hidden size whose rows number in the thousands, a word embedding saved with another
    vocabulary than the model is built with."""
    a, b, h = (int(hit.groups[k]) for k in ("a", "b", "h"))
    if min(a, b) < 5000 or h < 256 or a == b:
        # a smaller table (an intent list, a feature layer) is no vocabulary, and two equal
        # shapes are no mismatch of one
        return None
    return Diagnosis(
        "BD305",
        f"a weight of {_named_vocab(a)} x {h} met one of {_named_vocab(b)} x {h}: rows in the "
        f"thousands of the hidden size "
        f"{h} are a word embedding, so the checkpoint was saved with another vocabulary size "
        "than the model is built with (a reduced vocab such as bert4keras' keep_tokens on one "
        "side only, another model's vocab.txt, or tokens added before saving).",
        "build the model with the vocabulary the checkpoint was trained with (the same "
        "vocab.txt, keep_tokens and vocab_size when saving and loading). Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
        # any two matrices of that shape read the same, unless one is a known vocabulary's
        tentative=not ({a, b} & KNOWN_VOCABS.keys()),
    )


def explain_tf_square_shapes(hit: Hit, scan: Scan) -> Diagnosis | None:
    """Keras' `Shapes (27, 27) and (8, 8) are incompatible`: two square matrices of tag-count
    size, a CRF's transitions built for one tag list and restored from a model of another."""
    cur, ckpt = int(hit.groups["cur"]), int(hit.groups["ckpt"])
    if cur == ckpt or max(cur, ckpt) > 300 or {cur, ckpt} & HIDDEN_SIZES:
        return None
    return Diagnosis(
        "BD306",
        f"a square {cur}x{cur} matrix met a {ckpt}x{ckpt} one: most likely a CRF's transition "
        f"matrix, built for {cur} tags and restored from a model saved with {ckpt} (a "
        "checkpoint trained on another tag list).",
        "train from the pre-trained encoder instead of the saved model, or build the tag list "
        "exactly as the saved model's (same tags, same order). Confirm: "
        f"`bertdoctor check-model {scan.model_arg} --num-labels N`",
        tentative=True,
    )


# TensorFlow code that reads Google's checkpoint as it is: its scripts' flags, the Keras
# loaders, TensorFlow's own checkpoint reader and its error
TF_CODE_RE = re.compile(
    r"--?init_checkpoint\b|\binit_checkpoint\s*=|\btf\.app\.run\b|\bbert4keras\b|"
    r"\bkeras_bert\b|\bbuild_transformer_model\(|\bload_trained_model_from_checkpoint\(|"
    r"\bNewCheckpointReader\(|\bnot an sstable\b|"
    # bert-for-tf2's Keras layer loads Google's checkpoint itself
    r"\bload_stock_weights\(|\bbert-for-tf2\b|\bBertModelLayer\b|"
    # bert-as-service serves Google's checkpoint as it is
    r"\bbert-serving-start\b|\bbert_serving\b|\bBertClient\(|"
    # TensorFlow itself restoring the checkpoint into its graph
    r"from checkpoint reader\b|Restoring from checkpoint failed|\btf\.train\.\w+\(|"
    # Kashgari's BERTEmbedding (keras-bert inside) and kashgari's own loaders
    r"\bkashgari\b"
)
TORCH_CONTEXT_RE = re.compile(
    r"pytorch|torch|from_pretrained|transformers|BertModel|Bert\w*For\w+|\.bin\b|\.pth?\b",
    re.I,
)


def explain_config_words(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words, or a project's own message: config.json could not be found."""
    if scan.failed and not re.search(r"config", scan.exception, re.I):
        return None  # an error of its own is the failure; the words are about something else
    return Diagnosis(
        "BD303",
        f"the model folder has no config.json (`{hit.text.strip()[:80]}`): a converted or "
        "copied checkpoint without its configuration, a Google checkpoint's bert_config.json, "
        "or a path to another folder.",
        "put the model's config.json next to the weights (from the model's Hub page, or "
        'BertConfig(...).save_pretrained(folder)), with "model_type": "bert". Confirm: '
        f"`bertdoctor check-model {scan.model_arg}`",
        tentative=True,
    )


def explain_model_dir_assert(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A project's own check: `assert os.path.exists(bert_dir), 'pretrained bert file does not
    exist'`. The folder it names is missing from where the script runs."""
    if re.search(r"(?i)\b(?:data\w*|train|dev|test|csv|json|labels?)\b", hit.text.split(":", 1)[1]):
        return None  # a data file, not the model
    if "tfhub_modules" in _line_at(scan.text, hit.start):
        return None  # TensorFlow Hub's own download cache (in a temp folder the system emptied)
    return Diagnosis(
        "BD301",
        f"the script's own check failed (`{hit.text.strip()[:100]}`): the model folder it was "
        "given does not exist, seen from the directory the script runs in (a relative path "
        "such as ../model_hub/... resolves against the working directory).",
        "download the model into that folder, or pass its absolute path; run the script from "
        f"the directory its paths are written for. Confirm: `bertdoctor check-script "
        f"{scan.script}`",
        tentative=True,
    )


def explain_tf_checkpoint_not_found(hit: Hit, scan: Scan) -> Diagnosis:
    """TensorFlow found no checkpoint files under the prefix. In a Google BERT folder
    (uncased_L-12_H-768_A-12) the prefix is bert_model.ckpt: a prefix 'model.ckpt' there is
    a loader written for another checkpoint's names, not a missing folder."""
    path = hit.groups.get("path", "")
    # a path the paste wrapped at the end of the line (C:\Users\Administrator\D, then
    # esktop\...\albert_model.ckpt on the next): the file name is on the second line
    wrapped = re.match(r"\r?\n([^\s'\"。，]+)(?=\s|$)", scan.text[hit.end : hit.end + 400])
    if wrapped and "ckpt" not in path and "ckpt" in wrapped.group(1):
        path += wrapped.group(1)
        hit = Hit(hit.pattern, {**hit.groups, "path": path}, hit.start, hit.end, hit.text)
    folder, _, prefix = path.replace("\\", "/").rpartition("/")
    given = re.search(r"--tf_checkpoint(?:_path)?[ =]+(?P<arg>[^\s'\"]+)", scan.text)
    if given and "ckpt" not in given.group("arg") and "Couldn't find 'checkpoint' file" in hit.text:
        # the converter given the checkpoint's folder: it wants the prefix in it
        arg = given.group("arg").rstrip("/\\")
        return Diagnosis(
            "BD307",
            f"the conversion script got the folder {arg} as --tf_checkpoint_path, and "
            "TensorFlow looks for a file named 'checkpoint' in a folder given alone: Google's "
            "BERT folders hold the checkpoint as bert_model.ckpt.* with no such file.",
            f"pass the checkpoint's prefix: --tf_checkpoint_path {arg}/bert_model.ckpt (no "
            ".index), or download the converted PyTorch weights. Confirm: `bertdoctor "
            f"check-model {arg}`",
        )
    if prefix.startswith("model.ckpt") and re.search(r"_L-\d+_H-\d+_A-\d+", folder):
        return Diagnosis(
            "BD307",
            f"the folder {folder} is Google's original TensorFlow checkpoint, whose files are "
            f"bert_model.ckpt.*, and the loader asked for {prefix}: it expects another "
            "checkpoint's names (a PyTorch loader given from_tf=True, or a fine-tuned "
            "checkpoint's prefix).",
            "convert the checkpoint once (transformers-cli convert --model_type bert "
            "--tf_checkpoint FOLDER/bert_model.ckpt --config FOLDER/bert_config.json "
            "--pytorch_dump_output FOLDER/pytorch_model.bin, then rename bert_config.json to "
            "config.json) or download the PyTorch weights. Confirm: `bertdoctor check-model "
            f"{folder}`",
        )
    if (
        _is_absolute(path)
        and not os.path.isdir(folder)
        and _classify_model_path(path, scan, "BD301")[0] == "BD301"
    ):
        folder = path[: len(folder)]  # as written, with its own separators
        # TensorFlow says only that no file matches the prefix: the folder may be missing, or
        # be there without this checkpoint's files
        return Diagnosis(
            "BD301",
            f"TensorFlow found no checkpoint files {prefix}.* in '{folder}': on the machine "
            "that ran it that folder is not there, or it does not hold this checkpoint (never "
            "downloaded or unpacked there, or saved under another prefix).",
            f"check that '{folder}' holds {prefix}.index and {prefix}.data-00000-of-00001 "
            "(download and unpack the checkpoint there), and pass the prefix without .index. "
            f"Confirm: `bertdoctor check-model {folder}`",
            tentative=True,
        )
    diagnosis = explain_model_path(hit, scan)
    if diagnosis is None or diagnosis.code != "BD301":
        return diagnosis
    if "Couldn't find 'checkpoint' file" in hit.text:
        # a folder given alone is read through its file named 'checkpoint': a released
        # checkpoint's folder often holds model.ckpt-N.* without it, and reads the same
        message = (
            " Or the folder is there and holds the checkpoint's files without the file named "
            "'checkpoint' that a folder given alone is read through."
        )
        fix = (
            "pass the checkpoint's prefix (FOLDER/model.ckpt-100000, no .index) instead of "
            f"the folder, or fix the folder's path. {diagnosis.fix}"
        )
    else:
        # TensorFlow says only that no file matches the prefix: a path wrong from the working
        # directory, or a checkpoint never downloaded there, read the same
        message = " Or the checkpoint was never downloaded and unpacked there (BD304)."
        fix = diagnosis.fix
    return replace(diagnosis, message=diagnosis.message + message, fix=fix, tentative=True)


def explain_h5_not_found(hit: Hit, scan: Scan) -> Diagnosis | None:
    """h5py's `unable to open file: name = 'bert_tagger.h5', errno = 2`: Keras' weights file is
    not where the path says (a data file in HDF5 is no model's)."""
    path = hit.groups.get("path", "")
    name = re.split(r"[\\/]", path)[-1].lower()
    if not re.search(r"\.(?:h5|hdf5|keras)$|weights", name) or re.search(
        r"data|feature|train|test|valid|dev|embedding|vector", name
    ):
        return None  # an HDF5 file of data, not a model's weights
    where = (
        "the path is absolute, so it is spelled wrong or the file is on another machine"
        if _is_absolute(path)
        else "a relative path resolves against the working directory, not the script's folder"
    )
    return Diagnosis(
        "BD301",
        f"Keras could not open the weights file '{path}' (errno 2, no such file): {where}; or "
        "the file was never written (a checkpoint callback saves it only after an epoch "
        "completes).",
        "check that the file exists where the script runs (os.path.exists), build the path "
        "from the script's folder (Path(__file__).resolve().parent / 'model.h5'), or train "
        f"until the file is saved. Confirm: `bertdoctor check-script {scan.script}`",
        tentative=not _is_absolute(path),
    )


def explain_tokenizer_file_missing(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Exception: No such file or directory (os error 2)` right after
    `TokenizerFast.from_file(fast_tokenizer_file)`: the tokenizer.json a fast tokenizer reads
    is not there."""
    if "from_file(" not in scan.text[max(0, hit.start - 400) : hit.start]:
        return None  # the tokenizers library opening another file
    return Diagnosis(
        "BD302",
        "the fast tokenizer's tokenizer.json is not where the tokenizer files say: the folder "
        "or Hub repository has no tokenizer.json, or its tokenizer_config.json names a "
        "tokenizer_file by its author's own path.",
        "add the tokenizer's files (tokenizer.save_pretrained into the folder), remove the "
        "tokenizer_file entry from tokenizer_config.json, or load the slow tokenizer "
        f"(use_fast=False, which reads vocab.txt). Confirm: `bertdoctor check-model "
        f"{scan.model_arg}`",
    )


def explain_config_class_keyerror(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`KeyError: <class '...VisionEncoderDecoderConfig'>` from an Auto mapping, under a
    tokenizer's or processor's from_pretrained: the folder has no tokenizer files, so the loader
    looked the tokenizer up by the config's class, and that architecture has none of its own."""
    calls = list(
        re.finditer(
            r"\b(?P<cls>\w*(?:Processor|Tokenizer\w*))\.from_pretrained\(\s*[rf]?['\"]"
            r"(?P<path>[^'\"\n]+)['\"]",
            # the report's end, up to the error (not a long log's megabytes before it)
            scan.text[max(0, hit.start - 30_000) : hit.start],
        )
    )
    if not calls:
        return None  # a model's Auto class and a config it does not map: no rule's cause
    call = calls[-1]
    path, config = call.group("path"), hit.groups["config"]
    return Diagnosis(
        "BD302",
        f"{call.group('cls')}.from_pretrained('{path}') found no tokenizer files there and "
        f"looked the tokenizer up by the folder's config class ({config}), which has no "
        "tokenizer of its own: the folder (a Trainer checkpoint, a saved model) holds the model "
        "without its tokenizer or processor.",
        "load the tokenizer or processor from the checkpoint you fine-tuned from, or save it "
        "into the folder (processor.save_pretrained(folder), or pass it to the Trainer so "
        f"that each checkpoint gets it). Confirm: `bertdoctor check-model {path}`",
        tentative=True,
    )


def explain_cant_load_weights(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Can't load weights for 'X'`. For a TensorFlow class and a Hub id the usual cause is a
    repository without tf_model.h5 (from_pt=True loads the PyTorch weights): the weights file
    that class reads is missing, a likely BD304."""
    path = hit.groups.get("path", "")
    local = _written_as_path(path) or os.path.isdir(path)
    if not local and "model-identifier of built-in pretrained models" in scan.text:
        # PaddleNLP's wording: a name that its installed release does not list (a newer
        # paddlenlp knows it), or its own download failing; not transformers' Hub lookup
        return None
    if (
        not local
        and re.search(r"\bTF\w*(?:Model|For\w+)\b", scan.text)
        and not NETWORK_WORDS_RE.search(scan.zone)
    ):
        # a TensorFlow class on a Hub id: the repository most likely has PyTorch weights only
        return Diagnosis(
            "BD304",
            f"a TensorFlow class could not load weights for '{path}': the Hub repository most "
            "likely publishes PyTorch weights only (pytorch_model.bin, model.safetensors) and no "
            "tf_model.h5, which a TF class looks for.",
            f"load it with from_pt=True (TFAutoModel.from_pretrained('{path}', from_pt=True), "
            "torch installed), or use the PyTorch class. Confirm: `bertdoctor check-model "
            f"{path}`",
            tentative=True,
        )
    return explain_model_path(hit, scan)


def explain_set_tensor_shape(hit: Hit, scan: Scan) -> Diagnosis | None:
    """accelerate's `Trying to set a tensor of shape [2, 768] in "weight" (which has shape
    [5, 768]), this looks incorrect` (from_pretrained with low_cpu_mem_usage or a device_map):
    the message names only the last part of the parameter, so the sizes tell which one."""
    ckpt, cur = _shape(hit.groups["ckpt"]), _shape(hit.groups["cur"])
    if len(ckpt) != len(cur) or not ckpt or ckpt[1:] != cur[1:] or ckpt[0] == cur[0]:
        return None
    if max(ckpt[0], cur[0]) >= 1000:  # rows of a word embedding: another vocabulary
        return Diagnosis(
            "BD305",
            f"a weight of {ckpt[0]} rows in the checkpoint meets one of {cur[0]} rows in the "
            f"model: the vocabularies differ ({ckpt[0]} vs {cur[0]} tokens).",
            "load the tokenizer, config and weights from the same folder; after adding tokens "
            "call model.resize_token_embeddings(len(tokenizer)) before saving. Confirm: "
            f"`bertdoctor check-model {scan.model_arg}`",
            tentative=True,
        )
    return Diagnosis(
        "BD306",
        f"the checkpoint's {hit.groups['name']} has {ckpt[0]} outputs and the model was built "
        f"with {cur[0]}: a classifier head fine-tuned for {ckpt[0]} labels loaded into a model "
        f"for {cur[0]}.",
        f"build the model with num_labels={ckpt[0]} to use the fine-tuned head, or pass "
        "ignore_mismatched_sizes=True to start a new head for your labels. Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
        tentative=not re.search(
            r"classifier|num_labels|ForSequenceClassification|"
            r"ForTokenClassification",
            scan.zone,
        ),
    )


def explain_tf_checkpoint_prose(hit: Hit, scan: Scan) -> Diagnosis:
    """The reporter's words name Google's TensorFlow checkpoint files (bert_model.ckpt.*)
    where a PyTorch model is wanted."""
    torch_said = bool(TORCH_CONTEXT_RE.search(scan.recent))
    if not torch_said and TF_CODE_RE.search(scan.text):
        return None  # TensorFlow code given its own checkpoint: the error is elsewhere
    return Diagnosis(
        "BD307",
        f"the model folder holds Google's original TensorFlow checkpoint ({hit.text.strip()}), "
        "which PyTorch code and transformers' from_pretrained cannot load as it is"
        + ("." if torch_said else " (if the code is TensorFlow code, this is no fault)."),
        f"{MODEL_FIXES['BD307']}; or download the PyTorch version of the model (for "
        "bert-base-chinese: the Hub's, with config.json, vocab.txt and the weights). Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
        tentative=not torch_said,
    )


def explain_vocab_file_not_found_log(hit: Hit, scan: Scan) -> Diagnosis:
    """Old transformers' INFO line `Didn't find file ../models/spiece.model. We won't load it.`
    for the vocabulary itself (added_tokens.json and the like are optional and logged so for
    every model)."""
    folder, name = hit.groups["folder"], hit.groups["name"]
    return Diagnosis(
        "BD302",
        f"the log says the tokenizer's vocabulary file {name} is not in {folder}: the model "
        "folder lacks the tokenizer files, and the tokenizer built from it has no vocabulary.",
        "save the tokenizer into the folder (tokenizer.save_pretrained(folder)) or copy the "
        f"base model's {name} there, or load the tokenizer from the base model. Confirm: "
        f"`bertdoctor check-model {folder}`",
        tentative=True,
    )


def explain_vocab_missing_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter says the model folder has no vocab.txt (or only the weights). A folder of
    a SentencePiece model (xlm-roberta, a multilingual MiniLM) has no vocab.txt by design: the
    loader that asks for one is the wrong class for it, no file is missing."""
    only_weights = "vocab" not in hit.text.lower()
    for sought in re.finditer(r"([^\s'\"`]+)[\\/]vocab\.txt", scan.text):
        folder = sought.group(1)
        if SENTENCEPIECE_MODEL_RE.match(re.split(r"[\\/]", folder)[-1]) and (
            "chinese" not in folder.lower()  # albert_chinese ships BERT's vocab.txt
        ):
            return None
    seen = (
        "the folder holds only the weights (no vocab.txt, tokenizer or config files)"
        if only_weights
        else f"the reporter says: {hit.text.strip()[:80]}"
    )
    said_there = _reporter_says_it_exists(scan)
    return Diagnosis(
        "BD302",
        f"the model folder has no tokenizer files: {seen}. A fine-tuned model folder needs the "
        "tokenizer saved next to the weights."
        + (
            " The reporter says the file is there: then the path is resolved elsewhere (another "
            "working directory, a distributed file system the loader reads instead, BD301), or "
            "the file is empty."
            if said_there
            else ""
        ),
        "save the tokenizer with the model (tokenizer.save_pretrained(output_dir) next to "
        "model.save_pretrained(output_dir)), or load the tokenizer from the base model's "
        f"folder. {MODEL_FIXES['BD302']}. Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=said_there,
    )


# a Chinese RoBERTa (hfl/chinese-roberta-wwm-ext, roberta_zh) is a BERT with BERT's vocab.txt
CHINESE_ROBERTA_RE = re.compile(r"(?i)chinese[-_]roberta|roberta[-_]?(?:wwm|zh)|roberta_zh")


# a byte-level BPE tokenizer class (it reads vocab.json and merges.txt), named in the text
BPE_TOKENIZER_RE = re.compile(
    r"\b(?:Roberta|Longformer|GPT2|Bart|LayoutLMv3)Tokenizer\w*|"
    r"tokenization_(?:roberta|gpt2|longformer|bart|layoutlmv3)"
)
# a SentencePiece tokenizer class, or the package: the checkpoint's tokenizer is of that kind
SENTENCEPIECE_CLASS_RE = re.compile(
    rf"\b{SENTENCEPIECE_CLASSES}\w*|\bsentencepiece\.bpe\.model\b|\bspiece\.model\b"
)

# a Hub id given to a loader: from_pretrained('laboro-ai/distilbert-base-ja'), LTP("LTP/base2"),
# pipeline(model=...)
HUB_ID_LOADED_RE = re.compile(
    r"(?:from_pretrained|\bLTP|\bpipeline|SentenceTransformer|CrossEncoder|snapshot_download|"
    r"hf_hub_download)\(\s*(?:(?:model|repo_id|model_name_or_path)\s*=\s*)?['\"]"
    # (not a local folder: models/bert-base, data/..., output/...)
    r"(?!(?:models?|data|checkpoints?|outputs?|pretrained\w*|saved\w*|ckpts?|weights|"
    r"resources|cache)/)(?P<id>[A-Za-z][\w-]*/[A-Za-z0-9][\w.-]*)['\"]"
)
# (the text names, the kind, what the checkpoint ships, how to load it) for a BPE class given
# a checkpoint of another tokenizer: BERT's vocab.txt (a Chinese Longformer or RoBERTa), or a
# SentencePiece model (layoutlmv3-base-chinese's is XLM-R's)
BPE_MISFITS = (
    (
        re.compile(
            r"(?<![A-Za-z_])Bert\w*Tokenizer|(?<![\w.])vocab\.txt\b|\bBert WordPiece\b|"
            r"(?i:词表[^\n，。,]{0,6}?txt)"
        ),
        "a BERT",
        "BERT's vocab.txt",
        "load the tokenizer with BertTokenizer (BertTokenizerFast), as the checkpoint's authors do",
    ),
    (
        SENTENCEPIECE_CLASS_RE,
        "a SentencePiece",
        "a sentencepiece model",
        "load the tokenizer with the SentencePiece class the checkpoint's card names "
        "(XLMRobertaTokenizer for a Chinese LayoutLMv3), and pip install sentencepiece",
    ),
)


def _tokenizer_class_note(diagnosis: Diagnosis, scan: Scan) -> Diagnosis:
    """A vocabulary file the tokenizer class does not find, where the class is the likelier
    fault than the folder: a BPE class on a checkpoint that ships BERT's vocab.txt (a Chinese
    Longformer or RoBERTa) or a SentencePiece model, or a Hub repository whose tokenizer is of
    another kind."""
    z = scan.recent
    if diagnosis.code in ("BD301", "BD302") and BPE_TOKENIZER_RE.search(z):
        # a BPE class (it reads vocab.json and merges.txt) on a checkpoint the text gives
        # another kind of tokenizer (transformers 2 words a folder without those files as one
        # that is not there)
        for named, kind, ships, load in BPE_MISFITS:
            if named.search(scan.text):
                return replace(
                    diagnosis,
                    message=diagnosis.message
                    + f" But the text names {kind} tokenizer for this checkpoint: it ships "
                    f"{ships}, and a BPE tokenizer class looks for vocab.json and merges.txt.",
                    fix=f"{load}. Confirm: `bertdoctor check-model {scan.model_arg}`",
                    tentative=True,
                )
    repo = HUB_ID_LOADED_RE.search(z)
    if diagnosis.code == "BD302" and repo and not scan.model:
        # a Hub repository's files are its publisher's: the class that loaded it (AutoTokenizer's
        # guess from the config) wants a vocabulary file the repository does not have
        return replace(
            diagnosis,
            message=f"the tokenizer class that loaded {repo.group('id')} found no vocabulary "
            "file it reads (vocab_file is None): the repository's tokenizer is of another kind "
            "(SentencePiece, BPE) than the class AutoTokenizer or the script chose.",
            fix="load it with the tokenizer class its model card names (AlbertTokenizer, "
            "XLMRobertaTokenizer, BertJapaneseTokenizer ...), and install sentencepiece when "
            f"it is a SentencePiece model. Confirm: `bertdoctor check-model {repo.group('id')}`",
            tentative=True,
        )
    if diagnosis.code not in ("BD301", "BD302") or not CHINESE_ROBERTA_RE.search(z):
        return diagnosis
    if not re.search(
        r"Roberta\w*Tokenizer|tokenization_roberta|tokenization_gpt2|AutoTokenizer", z
    ):
        return diagnosis
    return replace(
        diagnosis,
        message=diagnosis.message
        + " But this is a Chinese RoBERTa, which is a BERT with BERT's vocab.txt: a RoBERTa "
        "tokenizer looks for vocab.json and merges.txt, which it never has.",
        fix="load it with BertTokenizer and BertModel (BertForSequenceClassification ...), not "
        f"the Roberta classes. Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=True,
    )


# a pretrained model fetched by URL: TF Hub modules, Google's and the old S3 checkpoints
MODEL_URL_FETCH_RE = re.compile(
    r"\bhub\.(?:Module|load|KerasLayer)\(|tfhub\.dev|\bhub_(?:url|module|handle)|bert_hub|"
    r"from_pretrained\(|huggingface\.co|storage\.googleapis\.com/bert_models|"
    r"models\.huggingface\.co|pretrained[_ ]model"
)
# a download of data, not of the model (nltk's corpora, datasets' scripts, torchvision)
DATA_URL_FETCH_RE = re.compile(
    r"(?i)nltk\.download|nltk_data|load_dataset\(|torchvision|download_url\(|\bdatasets?[\\/]|"
    r"glue_data|download_glue"
)


def explain_urlopen_model(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`URLError: <urlopen error [Errno 97] ...>` where the script fetches its pretrained model
    by URL (TF Hub's hub.Module(bert_hub_url)): the machine did not reach the server."""
    near = scan.text[max(0, hit.start - 3000) : hit.end + 600]
    if not MODEL_URL_FETCH_RE.search(near) or DATA_URL_FETCH_RE.search(near):
        return None  # a URL of something else: a dataset, a web page the code reads
    why = hit.groups["why"].strip()
    return Diagnosis(
        "BD308",
        f"the pretrained model's download failed before any byte came (`urlopen error {why}`): "
        "the machine does not reach the server (no network, a proxy or firewall that is not "
        "configured, a socket family the host lacks such as Errno 97 on an IPv4-only or "
        "IPv6-only container).",
        f"{MODEL_FIXES['BD308']}; for a TF Hub module, download it once where the network works "
        "and pass its local folder to hub.Module / hub.KerasLayer (or set TFHUB_CACHE_DIR); "
        "set HTTPS_PROXY when a proxy is needed. Confirm: `bertdoctor check-env`",
        tentative=True,  # the URL the code opened may be another file of the project
    )


def explain_cache_refs(hit: Hit, scan: Scan) -> Diagnosis:
    """`No such file or directory: '.../hub/models--bert-base-chinese/refs/main'`: the cache
    folder of a Hub model without the file that names its downloaded revision."""
    ident = hit.groups["repo"].replace("--", "/")
    if _written_as_path(ident) or ident.count("/") >= 2:
        # models--.--resources--ltp: a relative folder that was not there, so the loader took
        # './resources/ltp' for a Hub id and looked for it in the cache
        return Diagnosis(
            "BD301",
            f"'{ident}' is a folder path, not a Hub id: it does not exist from the working "
            f"directory the script ran in, so the loader took it for a Hub id and looked it up in "
            f"the Hugging Face cache (models--{hit.groups['repo']}), where it is not.",
            f"{_model_fix('BD301', ident)}, or pass the model's Hub id. Confirm: "
            f"`bertdoctor check-model {ident}`",
        )
    return Diagnosis(
        "BD308",
        f"{ident} is not in the Hugging Face cache: its folder models--{hit.groups['repo']} has "
        "no refs/main, the file written when a download completes (the download never "
        "happened or was interrupted, and the loader did not reach the Hub).",
        f"{MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model {ident}`",
    )


def explain_weights_unopenable(hit: Hit, scan: Scan) -> Diagnosis:
    """`unable to open file <.../snapshots/<rev>/model.safetensors> in read-only mode: No such
    file or directory (2)`: the loader resolved a weights file that is not there."""
    path = hit.groups["path"]
    name = re.split(r"[\\/]", path)[-1]
    folder = _parent(path)
    cached = re.search(r"models--(?P<repo>[\w.-]+?(?:--[\w.-]+)?)[\\/]+snapshots[\\/]", path)
    if cached:
        ident = cached.group("repo").replace("--", "/")
        return Diagnosis(
            "BD304",
            f"the Hugging Face cache's snapshot of {ident} lists {name}, but the file is not "
            f"there ({path}): an interrupted download, or a cache copied or mounted without its "
            "blobs/ folder (the snapshot's files are links into blobs/), or shared by machines "
            "that each wrote part of it.",
            f"delete the cache folder models--{cached.group('repo')} and download {ident} again "
            f"(`huggingface-cli download {ident}`); when a cache goes into a container or another "
            "machine, copy the whole models-- folder with its links resolved (cp -rL), or save "
            "the model with save_pretrained and load that folder. Confirm: "
            f"`bertdoctor check-model {folder}`",
        )
    return Diagnosis(
        "BD304",
        f"the weights file {path} cannot be opened: no such file. The loader expected it in "
        f"{folder}, so the folder lacks its weights (or the file is a broken link).",
        f"{MODEL_FIXES['BD304']}. Confirm: `bertdoctor check-model {folder}`",
        tentative=True,  # a path typed into torch.load or safe_open by the script reads the same
    )


WEIGHTS_LOAD_RE = re.compile(
    r"(?:torch\.load|load_state_dict|from_pretrained)\([^\n]*|[^\n]*(?:pytorch_model|\.bin\b|"
    r"\.pth?\b|\.ckpt\b)[^\n]*"
)


def explain_empty_pickle(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`EOFError: Ran out of input` from torch.load: the file has no bytes at all."""
    before = scan.text[max(0, hit.start - 2500) : hit.start]
    if "serialization.py" not in before and "torch.load" not in before:
        return None  # pickle.load of a data cache, a DataLoader worker: not the weights
    loads = [m.group(0) for m in WEIGHTS_LOAD_RE.finditer(before)]
    if not loads or re.search(r"(?i)cache|feature|dataset|\.pkl\b|examples", loads[-1]):
        return None  # a cached features file (delete it and rebuild), not the model
    return Diagnosis(
        "BD304",
        "torch.load read an empty file (EOFError: Ran out of input) in "
        f"`{loads[-1].strip()[:90]}`: the weights file has 0 bytes, an interrupted download or "
        "copy, or a save that never finished.",
        f"{MODEL_FIXES['BD304']}; compare the file's size with the one on the model's page. "
        f"Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


# an encoder weight of a BERT-family checkpoint under its standard name (a model's own new
# modules, such as SSAN's attention biases under encoder.layer.N, are not one)
ENCODER_KEY_RE = re.compile(
    r"\.?(?:embeddings|encoder)\.[\w.]*?(?:(?:word|position|token_type)_embeddings|LayerNorm|"
    r"layer_norm|query|key|value|dense)\.(?:weight|bias|gamma|beta)$"
)


def explain_old_not_initialized(hit: Hit, scan: Scan) -> Diagnosis | None:
    """pytorch-pretrained-bert's `Weights of BertForX not initialized from pretrained model:
    [...]` listing encoder weights: the checkpoint's names do not match the model's."""
    if scan.failed:
        return None  # an error stopped the run: that is the cause to explain
    keys = re.findall(r"'([^'\n]+)'", hit.groups.get("keys") or "")
    encoder = [k for k in keys if ENCODER_KEY_RE.search(k)]
    if not encoder:
        return None  # only the new head (classifier.*): expected when fine-tuning starts
    return Diagnosis(
        "BD316",
        f"encoder weights were not loaded from the checkpoint ({encoder[0]}, {len(encoder)} "
        "encoder weights listed): their names in the file differ from the model's (another "
        "architecture's checkpoint, or a prefix such as bert. or module. on one side), so the "
        "encoder starts from random values.",
        "load the checkpoint into the class it was saved from (AlbertModel for ALBERT), or "
        "rename the keys to the model's names; the list should hold only the new head. "
        f"Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


# the first weights of a BERT-family encoder: when the checkpoint's copies go unused, no layer
# of the encoder loaded
CORE_KEYS_RE = (
    re.compile(r"(?:^|\.)embeddings\.word_embeddings\.weight$"),
    re.compile(r"(?:^|\.)encoder\.layer\.0\.attention\.self\.query\.weight$"),
)


def _listed_keys(block: str, which: str) -> list[str]:
    """The key names of load_state_dict's `Missing key(s) in state_dict:` list (which="Missing")
    or of its `Unexpected key(s)` list (which="Unexpected")."""
    listed = re.search(rf"{which} key\(s\) in state_dict: ([^\n]*)", block)
    return re.findall(r"[\"']([\w.]+)[\"']", listed.group(1)) if listed else []


# a task head (and the pooler it reads) that a pre-training checkpoint does not have
TASK_HEAD_KEY_RE = re.compile(r"(?:^|\.)(?:classifier|pooler|qa_outputs)\.[\w.]*(?:weight|bias)$")
# the pre-training heads: BERT's masked-LM and next-sentence heads
PRETRAINING_HEAD_KEY_RE = re.compile(r"(?:^|\.)cls\.(?:predictions|seq_relationship)\.")


def _base_checkpoint_for_a_head(block: str) -> bool:
    """A strict load of a pre-training checkpoint into a model with a task head: only the head
    (and the pooler) is missing, and only the masked-LM/NSP heads are left over."""
    # (a position_ids buffer that another transformers version saved is no weight)
    missing, unexpected = (
        [k for k in _listed_keys(block, which) if not k.endswith(".position_ids")]
        for which in ("Missing", "Unexpected")
    )
    return (
        bool(missing and unexpected)
        and any(re.search(r"(?:^|\.)(?:classifier|qa_outputs)\.", k) for k in missing)
        and all(TASK_HEAD_KEY_RE.search(k) for k in missing)
        and all(PRETRAINING_HEAD_KEY_RE.search(k) for k in unexpected)
    )


def _layer_norm_names_only(keys: list[str]) -> tuple[str, str] | None:
    """Every missing key a LayerNorm's parameter: the checkpoint names them the other way
    (gamma/beta against weight/bias). Returns the model's names and the first key."""
    if len(keys) < 4 or not all(
        re.search(r"LayerNorm\.(?:gamma|beta|weight|bias)$", k) for k in keys
    ):
        return None
    names = "gamma/beta" if keys[0].endswith((".gamma", ".beta")) else "weight/bias"
    return names, keys[0]


def _extra_layers_only(keys: list[str]) -> int | None:
    """Every missing key in encoder layers from N on, and layer 0 not missing: a model built
    deeper than its checkpoint (a large config over base weights). Returns N."""
    layers = [re.search(r"(?:^|\.)encoder\.layers?\.(\d+)\.", k) for k in keys]
    if len(keys) < 4 or not all(layers):
        return None
    first = min(int(m.group(1)) for m in layers if m)
    return first if first >= 2 else None


def _core_encoder_keys(keys: list[str]) -> bool:
    return all(any(core.search(k) for k in keys) for core in CORE_KEYS_RE)


def explain_encoder_not_used(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`Some weights of the model checkpoint at X were not used when initializing
    LongformerModel: ['roberta.embeddings.word_embeddings.weight', ...]`: the encoder's own
    weights, not a pre-training head, went unused, so the encoder starts from random values."""
    if scan.failed:
        return None  # an error stopped the run: that is the cause to explain
    if "newly initialized" in scan.text:
        return None  # the pair of warnings: the newly-initialized list says more (a context)
    keys = re.findall(r"'([^'\n]+)'", hit.groups.get("keys") or "")
    if not _core_encoder_keys(keys):
        return None  # cls.predictions, pooler, a model's extra modules: expected when fine-tuning
    first = next(k for k in keys if CORE_KEYS_RE[0].search(k))
    prefix = first[: -len("embeddings.word_embeddings.weight")]
    named = f" under the prefix `{prefix}`" if prefix else ""
    return Diagnosis(
        "BD316",
        f"{hit.groups['cls']} did not use the checkpoint's encoder weights ({first} ... "
        f"{len(keys)} weights listed{named}): their names do not match the model's, so the "
        "encoder starts from random values.",
        "load the checkpoint with the class it was saved from (its config's architectures), or "
        "rename the keys to the model's names; only heads the model lacks (cls., pooler.) "
        f"should be unused. Confirm: `bertdoctor check-model {scan.model_arg}`",
    )


def explain_download_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter's words: the model could not be downloaded ("ssl连接失败，无法下载
    bert-base-chinese", "can't download bert-base-uncased behind the proxy"). A Hub id and a
    word of the network in the text: the Hub was not reached; otherwise no answer."""
    ident = hit.groups.get("path", "").rstrip(".,;:)'\"")
    if not _known_hub_id(ident) or not NETWORK_WORDS_RE.search(scan.text):
        return None
    return Diagnosis(
        "BD308",
        f"the report says {ident} could not be downloaded ({hit.text.strip()[:80]!r}), with "
        "a network failure (SSL, a proxy, a connection) in the text: the Hub is not reachable "
        "from this machine, and the model is not in the local cache.",
        f"{MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model {ident}`",
        tentative=True,
    )


# a file name alone on its line, as in a folder listing (tree's branches allowed)
LISTED_LINE = r"(?m)^[\s│├└─|`*+-]*{}\s*$"


def _listed(text: str, name: str) -> bool:
    """Whether the text lists the file name as a folder listing does."""
    return bool(re.search(LISTED_LINE.format(re.escape(name)), text))


def explain_listing_bert_config(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A folder listing that shows bert_config.json: with the vocabulary under its download
    name (bert-base-cased-vocab.txt) and an error about it, the tokenizer finds no vocab.txt
    (BD302); with PyTorch weights and no config.json, transformers finds no config.json
    (BD303). (A TensorFlow checkpoint's listing is BD307's prose.)"""
    vocab = re.search(LISTED_LINE.format(r"([\w.-]+[-_]vocab\.txt)"), scan.text)
    if vocab and not _listed(scan.text, "vocab.txt") and re.search(r"(?i)vocab", scan.zone):
        # the error is about the vocabulary, and the listing has it under its download name
        return Diagnosis(
            "BD302",
            f"the model folder listed holds the vocabulary as {vocab.group(1)}, its download "
            "name, and no vocab.txt: the tokenizer looks for vocab.txt in the folder.",
            f"rename {vocab.group(1)} to vocab.txt (and bert_config.json to config.json). "
            f"Confirm: `bertdoctor check-model {scan.model_arg}`",
            tentative=True,
        )
    if _listed(scan.text, "config.json"):
        return None
    if not (_listed(scan.text, "pytorch_model.bin") or _listed(scan.text, "model.safetensors")):
        return None
    return Diagnosis(
        "BD303",
        "the model folder listed holds bert_config.json and PyTorch weights but no "
        "config.json: transformers reads the configuration from config.json only (the name "
        "bert_config.json is the original Google release's).",
        f"{MODEL_FIXES['BD303']}: rename or copy bert_config.json to config.json (with "
        f'"model_type": "bert"). Confirm: `bertdoctor check-model {scan.model_arg}`',
        tentative=True,  # what the listing leaves out is not known
    )


def explain_tf_walk_attribute(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`'BertForPreTraining' object has no attribute 'bias'` while a TensorFlow checkpoint is
    loaded (from_tf=True, load_tf_weights_in_bert): the loader walks each TF variable name onto
    the PyTorch model and stops at one the class does not have (a fine-tuned head's
    output_bias, an optimizer's slots)."""
    if not re.search(r"from_tf\s*=\s*True|load_tf_weights|tf_ckp|\.ckpt\b", scan.text):
        return None  # an attribute missing anywhere else: the user's own code
    if hit.text.endswith("'bert'"):
        return Diagnosis(
            "BD307",
            f"loading a TensorFlow checkpoint failed ({hit.text.strip()[:80]}): Google's "
            "checkpoint names its variables bert/..., which only a class with a .bert module "
            "(BertForPreTraining) can take; a bare BertModel has none.",
            f"{MODEL_FIXES['BD307']}; or load it as BertForPreTraining.from_pretrained(FOLDER, "
            "from_tf=True) and use its .bert. Confirm: `bertdoctor check-model "
            f"{scan.model_arg}`",
            tentative=True,
        )
    return Diagnosis(
        "BD307",
        f"loading a TensorFlow checkpoint failed ({hit.text.strip()[:80]}): transformers maps "
        "each TF variable name onto the PyTorch model, and the checkpoint holds a variable the "
        "class has no place for (a fine-tuned classifier's output_weights/output_bias, Adam's "
        "slots), so the walk stops at a module without that attribute.",
        f"{MODEL_FIXES['BD307']}; for a fine-tuned checkpoint use the class it was trained as "
        "(BertForSequenceClassification with its num_labels), or drop the head's variables. "
        f"Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=True,
    )


def explain_paddle_not_a_url(hit: Hit, scan: Scan) -> Diagnosis | None:
    """PaddleNLP's `AssertionError: downloading from ./models/ernie-1.0/model_state.pdparams not
    a url`: from_pretrained was given a local folder, did not find the file it wants there, and
    took the file's path for a download URL."""
    path = hit.groups["path"].rstrip(".,;")
    folder, _, name = path.replace("\\", "/").rpartition("/")
    if not folder:
        return None  # no folder in the path: a name paddlenlp does not know (another reading)
    if (
        name in TOKENIZER_FILES
        or re.fullmatch(TOKENIZER_JSON, name)
        or re.search(r"(?i)vocab|\.model$", name)  # a vocabulary or SentencePiece file
    ):
        code, what = "BD302", "a tokenizer file"  # (tokenizer_config.json before config.json)
    elif re.search(r"(?i)\.(?:pdparams|bin|safetensors|h5|ckpt)$", name):
        code, what = "BD304", "its weights file"
    elif re.search(r"(?i)config\.json$", name):
        code, what = "BD303", "its configuration file"
    else:
        code, what = "BD301", "a file it needs"
    return Diagnosis(
        code,
        f"paddlenlp's from_pretrained looked in the local folder {folder} for {what}, {name}, "
        "did not find it, and took the file's path for a download URL ('downloading from "
        f"{path} not a url'): the folder was not written by this paddlenlp's save_pretrained "
        "(another version names the files differently, or the wrapper's save_pretrained wrote "
        "another layout), or the file was never copied there.",
        f"list the folder and compare it with what save_pretrained writes ({name} next to the "
        "other files); save the model again with the paddlenlp version that loads it, or load "
        f"the built-in name (ernie-3.0-medium-zh) and then set_state_dict. Confirm: "
        f"`bertdoctor check-model {folder}`",
        tentative=code == "BD301",
    )


def explain_connection_reset(hit: Hit, scan: Scan) -> Diagnosis | None:
    """`ConnectionError: ('Connection aborted.', ConnectionResetError(10054, ...))` where the
    code loads a model from the Hub: the download was cut off."""
    if not DOWNLOAD_FRAME_RE.search(scan.text) or WORKER_FRAME_RE.search(scan.zone):
        return None  # a reset outside a download (a DataLoader worker's pipe, a client)
    loaded = HUB_ID_LOADED_RE.search(scan.text)
    if not (loaded or HUB_NAMED_RE.search(scan.text)):
        return None  # a connection of the user's own (a server, a database, a client)
    ident = loaded.group("id") if loaded else ""
    return Diagnosis(
        "BD308",
        f"the connection was cut off ({_line_at(scan.text, hit.start).strip()[:100]!r}) while "
        f"the code loads {ident or 'a model'} from the Hub: every run asks huggingface.co for "
        "the model's files, and this machine's way to it (a firewall, a proxy, a network that "
        "blocks or throttles the Hub) drops the connection, sometimes or always.",
        f"{MODEL_FIXES['BD308']}. Confirm: `bertdoctor check-model {ident or 'MODEL_ID'}`",
        tentative=True,
    )


# a download on the way: requests, urllib3, huggingface_hub, transformers' file utilities
DOWNLOAD_FRAME_RE = re.compile(
    r"requests[./\\]|urllib3|huggingface_hub|file_utils|hub\.py|"
    r"requests\.exceptions\.ConnectionError|\bLTP\("
)
# the reset of a DataLoader worker's or another process's pipe: no download
WORKER_FRAME_RE = re.compile(r"multiprocessing[/\\.]|torch[/\\.]utils[/\\.]data")
# the Hub named: its host, a mirror, its endpoint or offline switches
HUB_NAMED_RE = re.compile(
    r"huggingface\.co|hf-mirror\.com|HF_ENDPOINT|(?:TRANSFORMERS|HF_HUB)_OFFLINE"
)


def explain_hardcoded_path_prose(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter: the code loads a model or vocab from an absolute path that is not there
    (`from_pretrained('/u/scr/smurty/scibert_scivocab_uncased/vocab.txt')` ... "is not
    provided"): the author's own folder, written into the code."""
    path = hit.groups["path"]
    loader = r"from_pretrained|torch\.load|load_state_dict|load_checkpoint|load_model"
    if not re.search(rf"(?:{loader})\(\s*(?:[\w.]+\s*=\s*)?['\"]{re.escape(path)}['\"]", scan.text):
        return None  # a path the report names, not one the code loads
    return Diagnosis(
        "BD301",
        f"the code loads from the absolute path '{path}', which the report says is not there: "
        "a folder on the author's machine written into the code, which does not exist on "
        "this one.",
        "point the call at a copy of the model that exists here (a local folder holding "
        "config.json and vocab.txt, or the Hub id of the same model), better passed as an "
        f"argument than written into the code. Confirm: `bertdoctor check-model {scan.model_arg}`",
        tentative=True,
    )


# a tokenizer's files named anywhere in the report
TOKENIZER_FILES_RE = re.compile("|".join(map(re.escape, sorted(TOKENIZER_FILES))))
# the files a Trainer checkpoint holds besides the model's
TRAINER_FILES_RE = re.compile(
    r"optimizer\.pt|scheduler\.pt|training_args\.bin|trainer_state\.json|rng_state\.pth"
)


def explain_checkpoint_without_tokenizer(hit: Hit, scan: Scan) -> Diagnosis | None:
    """The reporter lists a Trainer checkpoint-N folder's files (optimizer.pt, scheduler.pt,
    training_args.bin, the weights and config.json) to load or resume from it, and no
    tokenizer file is among them."""
    if scan.exception or TOKENIZER_FILES_RE.search(scan.text):
        return None  # an error to explain (a resume's missing optimizer.pt), or a full folder
    if not re.search(
        r"(?i)from_pretrained|model_name_or_path|\b(?:continue|resume|resuming|reload|load)",
        scan.text,
    ):
        return None  # the folder is not being loaded
    window = scan.text[hit.start : hit.start + 600]
    listed = list(dict.fromkeys(TRAINER_FILES_RE.findall(window)))
    weights = re.findall(r"pytorch_model\.bin|model\.safetensors|config\.json", window)
    if len(listed) < 2 or not weights:
        return None  # not a listing of the folder
    files = ", ".join([*listed, *dict.fromkeys(weights)])
    return Diagnosis(
        "BD302",
        f"the files listed for {hit.text.strip()} ({files}) "
        "hold no tokenizer file: a Trainer checkpoint saves the "
        "tokenizer only when the Trainer was given it (older example scripts never did), so "
        "loading the tokenizer from that folder finds no vocab.txt.",
        "load the tokenizer from the model the run started from (--tokenizer_name "
        "bert-base-cased, or AutoTokenizer.from_pretrained(BASE_MODEL)), or save it into the "
        "folder once with tokenizer.save_pretrained(CHECKPOINT_DIR). Confirm: `bertdoctor "
        f"check-model {scan.model_arg}`",
        tentative=True,
    )


# the reporter's words: the reloaded model is wrong or full-size again
QUANTIZED_RELOAD_BAD_RE = re.compile(
    r"(?i)garbage|random (?:predictions|outputs?|results)|nonsense|wrong (?:predictions|outputs?|"
    r"results)|original size|full size|same size|blows? up|accuracy (?:drops?|is low)"
)


def explain_quantized_reload(hit: Hit, scan: Scan) -> Diagnosis | None:
    """A dynamically quantized BERT saved with save_pretrained and read back with
    from_pretrained: its Linear layers are stored as packed parameters (scale, zero_point,
    _packed_params), which a float model's from_pretrained does not recognise, so it keeps them
    newly initialised at random and the file is full-size again."""
    if "save_pretrained" not in scan.text or "from_pretrained" not in scan.text:
        return None
    if not re.search(r"quantize_dynamic|torch\.(?:ao\.)?quantization", scan.text):
        return None  # a 4-bit or 8-bit load (bitsandbytes, GPTQ): another library's format
    if not QUANTIZED_RELOAD_BAD_RE.search(scan.prose or scan.text):
        return None
    return Diagnosis(
        "BD316",
        "a quantized model (quantize_dynamic) was saved with save_pretrained and loaded back "
        "with from_pretrained: its Linear layers are stored as packed quantized parameters, "
        "which the float model class does not take, so from_pretrained leaves those weights "
        "newly initialised at random (the model is full-size again and predicts garbage).",
        "load the float checkpoint and quantize again after loading (quantize_dynamic on the "
        "loaded model), or save and load the quantized model's state_dict with torch.save / "
        "torch.load(..., weights_only=True) into a model quantized the same way. Confirm: "
        f"`bertdoctor check-model {scan.model_arg}`",
        tentative=True,  # the load warning listing the re-initialised weights is not in the text
    )


def _data_json_invalid(text: str, binary: bool, scan: Scan) -> Diagnosis | None:
    """A JSONDecodeError with no model file in sight that reads as a data file's: a train/dev
    .jsonl file read line by line whose line is not JSON, "Extra data" (a JSON Lines file read
    as one document), or a position no config reaches (line 92433, column 25283907: a large
    file cut short)."""
    if binary:
        return None  # a data file of the user's in another encoding: the decode error's reading
    z = scan.zone
    if JSON_LINES_RE.search(z) and re.search(
        r"(?i)\b(?:train|dev|valid\w*|test|data)\w*\.jsonl?\b", z
    ):
        # a data file read one record per line (JSON Lines): one line is not JSON
        return Diagnosis(
            "BD217",
            f"a record of the JSON Lines data file does not parse ({text[:80]}): the line is "
            "cut short (a download or a write that stopped early), holds two records, or the "
            "file is one JSON document read line by line.",
            "find the line: parse the file line by line in a try/except and print the line "
            "number; download or regenerate the file when it is truncated, or read a single "
            f"JSON document with json.load. Confirm: `{_check_data(scan)}`",
        )
    where = re.search(r"line (\d+) column (\d+)", text)
    large = bool(where and (int(where[1]) > 1000 or int(where[2]) > 100_000))
    if not (large or "Extra data" in text):
        return None  # a data file of the user's: check-data's business (BD216), not a model's
    why = (
        "the position is far past any config file's end, so a large data file does not parse: "
        "it is cut short (a download or a write that stopped early) or a record in it is broken"
        if large
        else "'Extra data' means a second JSON value follows the first: a JSON Lines file (one "
        "record per line) read as one JSON document"
    )
    return Diagnosis(
        "BD217",
        f"a JSON data file does not parse ({text[:90]}): {why}.",
        "download or regenerate the file when it is cut short (compare its size), and read JSON "
        "Lines line by line (json.loads per line, or pandas.read_json(path, lines=True)); a "
        "try/except around each line prints the broken record. Confirm: "
        f"`{_check_data(scan)}`",
        tentative=True,  # which file was read, the text does not say
    )
