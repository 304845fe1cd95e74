"""The patterns: error text -> rule code, each with its needles, its regex and its builder;
and the hints for weak matches."""

from __future__ import annotations

import re

from .core import SOLVED_SAID_RE, WORKS_SAID_RE, Builder, Diagnosis, Pattern, _check_loss
from .env import (
    ACCURACY_NAME,
    BATCH_OF_ONE,
    TORCHVISION_REINSTALL,
    explain_accuracy_collapse,
    explain_arch,
    explain_bf16_slow,
    explain_bf16_unsupported,
    explain_collect_env_cpu_build,
    explain_container_gpu,
    explain_cuda_assert,
    explain_cuda_assert_prose,
    explain_cuda_backend_missing,
    explain_cuda_error_one_model,
    explain_cuda_unavailable,
    explain_cuda_unknown_error,
    explain_deserialize_cuda,
    explain_device_count_failed,
    explain_driver,
    explain_fp16_overflow,
    explain_glibc_version,
    explain_gpu_unused,
    explain_jetson_no_cuda,
    explain_loss_spike_prose,
    explain_loss_stuck_prose,
    explain_model_class_not_exported,
    explain_nan,
    explain_nan_prose,
    explain_ner_all_o_prose,
    explain_nll_assert,
    explain_onnx_arena_oom,
    explain_oom,
    explain_paddle_cpu_build,
    explain_python_symbol,
    explain_static_tls,
    explain_tei_compute_cap,
    explain_tf_blas_gemm,
    explain_torch_c_undefined,
    explain_torch_import,
    explain_torch_lib_symbol,
    explain_torch_load_old_torch_prose,
    explain_torch_not_found,
    explain_torch_shared_lib,
    explain_torch_too_old,
    explain_torch_too_old_for,
    explain_varying_outputs_prose,
    explain_version_pair_prose,
)
from .imports import (
    explain_backend_missing,
    explain_distribution_not_found,
    explain_had_to_install,
    explain_installed_not_found,
    explain_module_hollow,
    explain_namespace_import,
    explain_no_module,
    explain_no_module_said_installed,
    explain_package_folder_prose,
    explain_package_required_missing,
    explain_partial_module,
    explain_redacted_no_module,
    explain_relative_beyond,
    explain_relative_import,
    explain_shadowing_frame,
    explain_tokenizer_class_missing,
    explain_tokenizer_class_none,
    explain_torch_hollow,
)
from .labels import (
    explain_accents_merged_prose,
    explain_asked_length_over_model,
    explain_auc_columns,
    explain_auc_one_class,
    explain_base64_padding,
    explain_binary_ok_prose,
    explain_casing_prose,
    explain_classlabel_out_of_range,
    explain_crf_mask,
    explain_crf_tags_dtype,
    explain_cuda_forked_worker,
    explain_decode_error,
    explain_embedding_index,
    explain_empty_tokens_assert,
    explain_fairseq_too_long,
    explain_fields_different_lengths,
    explain_flair_token_mismatch,
    explain_ids_max_over_vocab,
    explain_index_broadcast_tags,
    explain_index_out_of_bounds,
    explain_index_select,
    explain_json_decode_reraised,
    explain_keras_target_classes,
    explain_keras_target_dims,
    explain_label_index_not_in_list,
    explain_label_length_assert,
    explain_label_not_in_list_message,
    explain_label_set_prose,
    explain_label_value,
    explain_llama_batch_too_small,
    explain_long_sequence_prose,
    explain_majority_class_prose,
    explain_max_length_code,
    explain_negative_label_prose,
    explain_negative_pad,
    explain_nli_below_chance,
    explain_no_predefined_max_length,
    explain_offsets_label_count,
    explain_one_hot,
    explain_onnx_position_broadcast,
    explain_ort_gather,
    explain_out_of_bound_prose,
    explain_paddle_label_value,
    explain_pandas_json,
    explain_partial_output_prose,
    explain_position_overflow,
    explain_record_short,
    explain_roberta_token_types,
    explain_server_input_too_long,
    explain_span_pair_keyerror,
    explain_split_assert,
    explain_split_unpack,
    explain_subtoken_pool_empty,
    explain_tapas_table_too_large,
    explain_target_names,
    explain_target_out_of_bounds,
    explain_targets_not_contiguous,
    explain_tf_loss_shape_assert,
    explain_tf_pad_negative,
    explain_tf_position_assert,
    explain_tf_position_shapes,
    explain_token_type_prose,
    explain_too_long_prose,
    explain_truncated_tail_prose,
    explain_unk_prose,
    explain_unpadded,
    explain_wordpiece_tags_prose,
)
from .losses import (
    _simple,
    _simple_likely,
    explain_batch_size,
    explain_clip_no_gradient,
    explain_ddp_no_grad_prose,
    explain_device_mismatch,
    explain_dtype,
    explain_empty_word_ids,
    explain_expected_target,
    explain_float_text,
    explain_inplace_modified,
    explain_label_list_index,
    explain_label_not_in_map,
    explain_label_view,
    explain_long_for_bce,
    explain_margin_ranking_dims,
    explain_memory_overlap,
    explain_multi_target,
    explain_no_loss,
    explain_offsets_to_model,
    explain_output_format_prose,
    explain_output_index,
    explain_output_misuse,
    explain_paddle_label_dtype,
    explain_problem_type_prose,
    explain_stack_got_str,
    explain_stack_output,
    explain_string_indices,
    explain_string_labels,
    explain_target_input_size,
    explain_target_size,
    explain_text_not_string,
    explain_tf_dimensions,
    explain_tf_loss_dims,
    explain_tf_no_gradients,
    explain_tokenizer_kwargs,
    explain_tuple_string_index,
    explain_unexpected_input_prose,
    explain_unexpected_kwarg,
    explain_unpack,
)
from .models import (
    FAST_ONLY_OR_FAILED_RE,
    LISTED_LINE,
    SENTENCEPIECE_INSTALL,
    TF_PREFIX_FIX,
    TF_SHARD_ARGUMENT_RE,
    TRAINER_FILES_RE,
    _hub_url_ident,
    explain_bert_serving_long,
    explain_cache_refs,
    explain_cant_load_config,
    explain_cant_load_weights,
    explain_checkpoint_not_found,
    explain_checkpoint_without_tokenizer,
    explain_config_class_keyerror,
    explain_config_json,
    explain_config_unreachable,
    explain_config_words,
    explain_connection_reset,
    explain_default_id2label_prose,
    explain_download_hung,
    explain_download_prose,
    explain_download_size_check,
    explain_empty_pickle,
    explain_encoder_not_used,
    explain_file_not_found,
    explain_file_not_in_folder,
    explain_from_tf_hint_alone,
    explain_gated,
    explain_h5_not_found,
    explain_h5_signature,
    explain_hardcoded_path_prose,
    explain_head_mismatch,
    explain_head_shape_line,
    explain_hub_module_loader,
    explain_hub_offline,
    explain_hub_server_error,
    explain_hub_unauthorized,
    explain_incompatible_keys,
    explain_listing_bert_config,
    explain_model_dir_assert,
    explain_model_none,
    explain_model_path,
    explain_model_type_mismatch,
    explain_named_file_not_found,
    explain_network_error,
    explain_no_model_type,
    explain_offline_prose,
    explain_old_download,
    explain_old_not_initialized,
    explain_paddle_not_a_url,
    explain_path_not_found_words,
    explain_quantized_reload,
    explain_read_less_bytes,
    explain_reshape_embedding,
    explain_s3_unreachable,
    explain_savedmodel_unparsable,
    explain_sentencepiece_missing,
    explain_set_tensor_shape,
    explain_spm_not_a_string,
    explain_state_dict_keys,
    explain_tf2_restore_tf1_checkpoint,
    explain_tf_assign,
    explain_tf_checkpoint_not_found,
    explain_tf_checkpoint_prose,
    explain_tf_data_loss,
    explain_tf_embedding_shapes,
    explain_tf_file_not_found,
    explain_tf_not_found_bare,
    explain_tf_square_shapes,
    explain_tf_walk_attribute,
    explain_tokenizer_file_missing,
    explain_tokenizer_name_list,
    explain_tokenizer_none,
    explain_truncated_model_archive,
    explain_ukp_server_404,
    explain_unparsable_path,
    explain_urlopen_model,
    explain_vocab_file_not_found_log,
    explain_vocab_mismatch,
    explain_vocab_missing_prose,
    explain_vocab_size_prose,
    explain_vocab_unreachable,
    explain_vocab_unreadable,
    explain_weights_corrupt,
    explain_weights_unopenable,
    explain_wordpiece_not_found,
)

# the reporter's line says the schedule does what it should: no scheduler used, warmup's first
# step at 0, a question about whether to add one
SCHEDULE_AS_PLANNED_RE = re.compile(
    r"(?i)\b(?:no|without(?: a| any)?) (?:lr )?scheduler\b|\bconstant (?:lr|learning rate)|"
    r"\bonly (?:for|at|on) the first step|\btrains? fine\b|\bshould I add (?:one|a warm-?up|"
    r"warm-?up)\b"
)
# what a model returns, in the reporter's words
_OUTPUTS = r"(?:results?|predictions?|outputs?|logits|embeddings?|scores?)"
# the reporter's line says no gradient is meant (frozen layers) or quotes code that checks it
NO_GRADIENT_MEANT_RE = re.compile(
    r"(?i)^(?![^\n]*\b(?:not|none|never|nothing|n't)\b[^\n]{0,30}?\bfr(?:ozen|eez|oze))[^\n]*\b"
    r"(?:frozen|freez\w*|froze)\b(?! (?:nothing|no|none|anything)\b)|\bis None\s*:"
)
# the reporter's line says GPU memory does not really grow, or asks whether it does
MEMORY_STEADY_RE = re.compile(
    r"(?i)\b(?:no|not an?|isn't an?|without an?) (?:gpu |cuda )?memory leak|\bthen (?:it )?"
    r"(?:stays?|remains?|is) (?:flat|stable|constant)|\b(?:then|and) stabili[sz]\w*|"
    r"\bis there an? (?:gpu |cuda )?memory leak"
)
# the reporter's line asks what would happen, or tells a choice ("if I do not load...", "from
# scratch"), not what happened
CHOICE_OR_QUESTION_RE = re.compile(
    r"(?i)\bif\b|\bwhether\b|from scratch|from the hub|on purpose|intentional|如果|是否|从头"
)


def _p(
    name: str,
    code: str,
    needles: str | tuple[str, ...],
    regex: str,
    build: Builder | None = None,
    *,
    kind: str = "error",
    priority: int = 50,
    first: bool = False,
) -> Pattern:
    if isinstance(needles, str):
        needles = (needles,)
    return Pattern(name, code, needles, regex, kind, priority, build, first)


UNPACK = (
    r"(?:too many|not enough) values to unpack"
    r"(?: \(expected (?:at least )?\d+(?:, got (?P<got>\d+))?\))?"
)
SIZE = r"torch\.Size\(\[(?P<{}>[\d, ]*)\]\)"

# the reporter takes the loss out of the tuple, or says it works
TUPLE_HANDLED_RE = re.compile(r"\[0\]|\.loss\b|" + WORKS_SAID_RE.pattern.removeprefix("(?i)"), re.I)

PATTERNS: tuple[Pattern, ...] = (
    # labels
    _p(
        "target-out-of-bounds",
        "BD201",
        ("is out of bounds", "Target -1 out of bounds"),
        r"Target (?P<target>-?\d+) (?:is )?out of bounds",
        explain_target_out_of_bounds,
        priority=80,
    ),
    _p(
        # datasets' ClassLabel, when the labels are encoded or cast (before any model sees them)
        "classlabel-out-of-range",
        "BD201",
        ("greater than configured num_classes", "Invalid integer class label"),
        r"Class label (?P<label>-?\d+) greater than configured num_classes (?P<n>\d+)|"
        r"Invalid integer class label (?P<label2>-?\d+)",
        explain_classlabel_out_of_range,
        priority=80,
    ),
    _p(
        "nll-assert-cpu",
        "BD201",
        "cur_target >= 0",
        r"Assertion `cur_target >= 0 && cur_target < n_classes[`'] failed",
        explain_nll_assert,
        priority=70,
    ),
    _p(
        "index-out-of-bounds",
        "BD201",
        ("is out of bounds for dimension", "is out of bounds for axis"),
        # torch says dimension, numpy (a metric over the tag ids) says axis
        r"index (?P<index>-?\d+) is out of bounds for (?:dimension|axis) (?P<dim>\d+) with size "
        r"(?P<size>\d+)",
        explain_index_out_of_bounds,
        priority=75,
    ),
    _p(
        "paddle-label-value",
        "BD201",
        (
            "But received label value as",
            "label id <",
            "label id<",
            "label should not out of",
            "The value of label[",
            "Variable value (label) of OP",
        ),
        # Paddle's cross-entropy (its values read as Keras's are), and a reporter's short form
        # of it ("expect label id <7")
        r"But received label value as (?P<value>-?\d+) and shape of axis dimension is (?P<n>\d+)|"
        # Paddle's CUDA kernel's assert, which names the values (so the label, not the CUDA
        # error it raises): "The value of label[0] expected >= 0 and < 2, or == -100,but got 7"
        r"The value of label\[\d+\] expected >= 0 and < (?P<n2>\d+)"
        r"(?:, or == (?P<ignore>-?\d+))?, ?but got (?P<value2>-?\d+)|"
        # fluid's: "Variable value (label) of OP(fluid.layers.cross_entropy) expected >= 0 and
        # < 2, but got 7. Please check label value."
        r"Variable value \(label\) of OP\([\w.]+\) expected >= 0 and < (?P<n3>\d+), ?but got "
        r"(?P<value3>-?\d+)|"
        r"(?i:expect(?:ed|s)? label id ?< ?(?P<bound>\d+))|"
        # Paddle's accuracy/loss check: "label should not out of bound, but gotTensor(shape=[1],
        # dtype=int64, place=CUDAPlace(0), stop_gradient=True,[2]"
        r"label should not out of bound, but got ?(?:Tensor\([^\n]*?stop_gradient=\w+,\s*\[*"
        r"(?P<got>-?\d+)"
        r"|(?P<got2>-?\d+))?",
        explain_paddle_label_value,
        priority=80,
    ),
    _p(
        "label-value-range",
        "BD201",
        "Received a label value of",
        r"Received a label value of (?P<value>-?\d+) which is outside the valid range of "
        r"\[0, (?P<n>\d+)\)",
        explain_label_value,
        priority=80,
    ),
    _p(
        "one-hot-classes",
        "BD201",
        ("Class values must be smaller than num_classes", "Class values must be non-negative"),
        r"Class values must be (?:smaller than num_classes|non-negative)",
        explain_one_hot,
        priority=70,
    ),
    _p(
        "crf-mask-first",
        "BD203",
        "mask of the first timestep must all be on",
        r"mask of the first timestep must all be on",
        explain_crf_mask,
        priority=80,
    ),
    # embeddings
    _p(
        "index-out-of-range-in-self",
        "BD208",
        ("out of range in self", "index out of range at "),
        # TH's index_select (torch < 1.1): THTensorEvenMoreMath, or THTensorMath in some builds
        # ("Index out of range in self": the reporter's capital)
        r"[Ii]ndex (?:is )?out of range in self|index out of range at \S*THTensor(?:EvenMore)?Math",
        explain_embedding_index,
        priority=70,
    ),
    _p(
        "index-select-table",
        "BD207",
        "out of table with",
        r"Tried to access index (?P<index>-?\d+) out of table with (?P<rows>\d+) rows",
        explain_index_select,
        priority=80,
    ),
    _p(
        "tf-gather-range",
        "BD207",
        "is not in [0,",
        # TensorFlow's embedding lookup: "indices[5,0] = 102 is not in [0, 2)"
        r"indices\[(?P<coords>[\d,]+)\] ?= ?(?P<index>-?\d+) is not in \[0, ?(?P<rows>\d+)\)",
        explain_index_select,
        priority=78,
    ),
    _p(
        "tf-incompatible-shapes",
        "BD208",
        "Incompatible shapes: [",
        # TensorFlow/Keras adding the position embeddings: "[8,514,768] vs. [8,512,768]"
        r"Incompatible shapes: \[(?P<left>\d+(?:, ?\d+){2})\] vs\.? "
        r"\[(?P<right>\d+(?:, ?\d+){2})\]",
        explain_tf_position_shapes,
        priority=65,
    ),
    _p(
        "expanded-size",
        "BD208",
        "The expanded size of the tensor",
        r"The expanded size of the tensor \((?P<a>\d+)\) must match the existing size "
        # the line ends there when a paste cuts it (or quotes only that much of it)
        r"\((?P<b>\d+)\)(?= at non-singleton|[ \t`'\"]*(?:\n|$))",
        explain_position_overflow,
        priority=65,
    ),
    _p(
        "ort-sequence-dimension",
        "BD208",
        "Got invalid dimensions for input",
        # ONNX Runtime on a graph exported with a fixed sequence length
        r"Got invalid dimensions for input: \w+ for the following indices\s+"
        r"index: 1 Got: (?P<len>\d+) Expected: (?P<max>\d+)",
        explain_tf_position_assert,
        priority=70,
    ),
    _p(
        "tf-position-assert",
        "BD208",
        "Condition x <= y did not hold",
        # TensorFlow's BERT checks the sequence against the position table in bert/embeddings
        r"Condition x <= y did not hold[^\n]*?embeddings[^\n]*?\] \[(?P<len>\d+)\] \[y "
        r"\([^)\n]*\) = \] \[(?P<max>\d+)\]",
        explain_tf_position_assert,
        priority=75,
    ),
    _p(
        "sequence-above-maximum",
        "BD208",
        "above maximum sequence length of",
        # ESM's alphabet: "Sequence length 1042 above maximum sequence length of 1024"
        r"Sequence length (?P<len>\d+) above maximum sequence length of (?P<max>\d+)",
        explain_tf_position_assert,
        priority=75,
    ),
    _p(
        "fairseq-tokens-exceed",
        "BD208",
        "tokens exceeds maximum length",
        # fairseq's RoBERTa hub interface (extract_features, predict): no truncation of its own
        r"tokens exceeds maximum length: (?P<len>\d+) > (?P<max>\d+)",
        explain_fairseq_too_long,
        priority=75,
    ),
    _p(
        "max-length-over-positions",
        "BD208",
        "Max Length cannot be greater than",
        # Indico's finetune checks max_length against the base model's position table
        r"Max Length cannot be greater than (?P<max>\d+) if interpolate_pos_embed is turned off",
        _simple(
            "BD208",
            "max_length asks for longer sequences than the base model's {max} positions "
            "(`{text}`): BERT-family models learn one position embedding per position, and "
            "have none beyond {max}.",
            "keep max_length within the model's positions and split long texts into windows "
            "(chunk_long_sequences=True), or use a model trained on longer sequences "
            "(Longformer, BigBird). Confirm: `bertdoctor check-data TRAIN_FILE --model {model}`",
        ),
        priority=75,
    ),
    _p(
        "onnx-position-broadcast",
        "BD208",
        # (the node's name as a needle too: the window starts at the needle's line)
        ("Attempting to broadcast an axis by a dimension other than 1", "embeddings/Add"),
        # (its Status Message sometimes wrapped onto the next line)
        r"Name:'[^'\n]*embeddings[^'\n]*'[^\n]*?(?:\n[^\n]*?)?Attempting to broadcast an axis by "
        r"a dimension "
        r"other than 1\. (?P<a>\d+) by (?P<b>\d+)",
        explain_onnx_position_broadcast,
        priority=75,
    ),
    _p(
        "seqeval-scheme-unsupported",
        "BD210",
        "This scheme is not supported",
        # seqeval's strict mode (mode='strict', or auto-detection) given prefixes of no one scheme
        r"This scheme is not supported: \{(?P<prefixes>[^}\n]*)\}",
        _simple(
            "BD210",
            "seqeval's strict mode found tags of no single scheme (prefixes {prefixes}): they mix "
            "BIO with BIOES's S-/E- (S- without E-, or the reverse), so it cannot tell which "
            "scheme to score.",
            "convert the tags to one scheme (BIO: S-X -> B-X; or full BIOES with E-) before "
            "scoring, or pass scheme=IOBES / IOB2 with mode='strict' to match the tags. "
            "Confirm: `bertdoctor check-data DATA_FILE`",
        ),
        priority=70,
    ),
    _p(
        "size-of-tensor-a-b",
        "BD208",
        # (the message's start too: a wrapped paste may break the line before "must match")
        ("The size of tensor a", "must match the size of tensor b"),
        # a paste wrapped at the reader's width may break the line at any space
        r"The size of tensor a\s\((?P<a>\d+)\)\smust match the size of tensor b\s\((?P<b>\d+)\)\s+"
        r"at\snon-singleton dimension (?P<dim>\d+)",
        explain_position_overflow,
        priority=60,
    ),
    # batches
    _p(
        "output-keys-as-strings-prose",
        "BD414",
        ("string",),
        # the reporter: `loss, logits = model(...)` on a ModelOutput gives its key names
        r"(?i:\b(?:loss|logits)\b[^\n.]{0,30}\b(?:are|is|become|becomes|were|was) (?:just |only )?"
        r"(?:the )?strings?\b[^\n.]{0,10}[\"'](?:loss|logits)[\"'])",
        _simple_likely(
            "BD414",
            "the report says {text!r}: unpacking a model's output (loss, logits = model(...)) "
            "gives the key names of the ModelOutput that transformers 4 returns, not its tensors.",
            "read the output by name (out = model(...); out.loss, out.logits), or pass "
            "return_dict=False for a tuple. Confirm: `bertdoctor check-script {script}`",
        ),
        priority=25,
    ),
    _p(
        "hidden-states-three-prose",
        "BD414",
        ("output_hidden_states",),
        # the reporter: "set output_hidden_states=True, but only got 3 layers of the hidden
        # states": the output tuple (last_hidden_state, pooler_output, hidden_states) taken for
        # the hidden states themselves
        r"(?i:output_hidden_states\s*=\s*True\b[^\n]{0,60}?\bonly (?:got|get|gets|getting|"
        r"returns?|returned|see|saw) (?:3|three) (?:layers|hidden[ _]states|outputs|tensors|"
        r"elements|items)\b)",
        _simple_likely(
            "BD414",
            "the report says {text!r}: with output_hidden_states=True a BertModel returns "
            "three things (last_hidden_state, pooler_output, hidden_states), and the hidden "
            "states are one of them, a tuple of num_hidden_layers + 1 tensors (13 for a "
            "12-layer BERT: the embeddings and each layer).",
            "take them by name: out = model(..., output_hidden_states=True); "
            "out.hidden_states; out.hidden_states[-1] is the last layer. Confirm: `bertdoctor "
            "check-script {script}`",
            # a model of two layers has three hidden states; a head's outputs listed by the
            # reporter (logits, hidden_states, attentions) are known to them
            unless=re.compile(
                r"(?i)tiny|\bmini\b|\bsmall\b|\b[1-2][- ]layers?\b|num_hidden_layers\s*=\s*[1-2]\b|"
                r"\bL-[1-2]\b|\blogits\b"
            ),
        ),
        priority=25,
    ),
    _p(
        "loss-is-tuple-prose",
        "BD414",
        ("tuple",),
        # the reporter: the model returns a tuple, and the code treats it as the loss tensor
        r"(?i:\b(?:loss|losses|outputs?)\b (?:is|are|was|were|becomes?) (?:a |now )?tuples?\b"
        r"[^\n]{0,40}\bbackward\b)",
        _simple_likely(
            "BD414",
            "the report says {text!r}: the model returns a tuple (older transformers, or "
            "return_dict=False), so the code calls backward() on the tuple, not on the loss.",
            "take the loss out of the output: loss = outputs[0] (or outputs.loss with "
            "return_dict=True). Confirm: `bertdoctor check-script {script}`",
            unless=TUPLE_HANDLED_RE,
            unless_failed=True,
        ),
        priority=25,
    ),
    _p(
        "output-key-printed",
        "BD414",
        ("<class 'str'>",),
        # the reporter printed the variable that should hold the logits: its type is str and
        # its value one of a ModelOutput's key names (unpacking the output gives its keys)
        r"<class 'str'>[`'\" \t]*\n(?:[^\n]*\n){0,3}?[`'\" \t]*(?P<key>logits|"
        r"last_hidden_state|pooler_output|hidden_states|start_logits|end_logits)[`'\" \t]*(?=\n|$)",
        _simple_likely(
            "BD414",
            "the report prints a string where a tensor belongs (type str, value '{key}'): "
            "unpacking or indexing a model's output as a tuple (a, b = model(...)) gives the "
            "key names of the ModelOutput that transformers 4 returns, not its tensors.",
            "read the output by name (out = model(...); out.logits), or pass return_dict=False "
            "for a tuple. Confirm: `bertdoctor check-script {script}`",
        ),
        priority=25,
    ),
    _p(
        "tf-dst-tensor",
        "BD509",
        "Dst tensor is not initialized",
        r"Dst tensor is not initialized",
        _simple_likely(
            "BD509",
            "`{text}`: TensorFlow could not allocate the tensor it copies onto the GPU, its way "
            "of saying the GPU's memory is full (a model too large for the GPU's free memory, "
            "another process holding it, or a batch too large).",
            "lower the batch size (or max_length), free the GPU from other processes "
            "(nvidia-smi), or let TensorFlow grow its memory "
            "(tf.config.experimental.set_memory_growth). Confirm: `bertdoctor check-env`",
        ),
        priority=70,
    ),
    _p(
        "resize-storage",
        "BD222",
        "Trying to resize storage that is not resizable",
        # default_collate in a DataLoader worker stacks into preallocated shared memory: tensors
        # of different lengths fail there with this message instead of "stack expects ..."
        r"Trying to resize storage that is not resizable",
        _simple_likely(
            "BD222",
            "`{text}`: with num_workers > 0 the DataLoader's collate stacks the batch into "
            "shared memory sized for the first example, so examples of different lengths (not "
            "padded to one length, or labels of another length than their text) fail this way.",
            "pad every example to one length in the dataset, or give the DataLoader a collator "
            "that pads (DataCollatorWithPadding, DataCollatorForTokenClassification); run with "
            "num_workers=0 to see the plain 'stack expects each tensor to be equal size'. "
            "Confirm: `bertdoctor check-data TRAIN_FILE --model {model}`",
        ),
        priority=70,
    ),
    _p(
        "collate-object-array",
        "BD222",
        "lists; found object",
        # default_collate on numpy arrays of dtype object: per-example lists of different
        # lengths (token ids not padded) that numpy could not make one array of
        r"(?:default_collate: )?batch must contain tensors, (?:numpy arrays, )?numbers, dicts or "
        r"lists; found object\b",
        _simple_likely(
            "BD222",
            "the DataLoader's default_collate found numpy arrays of dtype object ('found "
            "object'): numpy makes them of lists of different lengths (token ids or labels not "
            "padded to one length), and the collate cannot stack them.",
            "pad every example to one length (padding='max_length' with truncation) before "
            "making arrays of them, or give the DataLoader a collator that pads "
            "(DataCollatorWithPadding, DataCollatorForTokenClassification). Confirm: "
            "`bertdoctor check-data TRAIN_FILE --model {model}`",
        ),
        priority=70,
    ),
    _p(
        "stack-unequal",
        "BD222",
        ("stack expects each tensor to be equal size", "each element in list of batch should be"),
        r"stack expects each tensor to be equal size(?:, but got \[(?P<a>[\d, ]*)\] at entry \d+ "
        r"and \[(?P<b>[\d, ]*)\] at entry \d+)?|each element in list of batch should be of equal "
        r"size",
        explain_unpadded,
        priority=85,
    ),
    _p(
        "collate-stack-shapes-prose",
        "BD222",
        ("样本",),
        # the reporter's words after a collate's np.stack failed: "排查一个batch内的数据，发现每个
        # 样本的shape不相同，所以引起np.stack报错"
        r"(?:每个|各个|batch内的?)?样本的?\s*(?i:shape|长度|维度)\s*(?:都)?(?:不相同|不一样|不同|不一致)"
        r"(?=[^\n]{0,30}(?:(?:np|torch)\.stack(?![A-Za-z])|(?i:default_collate|collate)))",
        _simple_likely(
            "BD222",
            "the report says the examples of a batch have different shapes ({text!r}) where the "
            "collate stacks them: the examples were not padded to one length.",
            "pad every example to max_seq_len when tokenizing (pad_to_max_seq_len=True, "
            "padding='max_length'), or give the DataLoader a collator that pads (paddlenlp's "
            "Pad / DataCollatorWithPadding). Confirm: `bertdoctor check-data TRAIN_FILE --model "
            "{model}`",
        ),
        priority=30,
    ),
    _p(
        "sizes-must-match-collate",
        "BD222",
        "Sizes of tensors must match except in dimension 0",
        r"Sizes of tensors must match except in dimension 0\. (?:Got|Expected size) "
        r"(?P<a>\d+) (?:and|but got size) (?P<b>\d+)",
        explain_unpadded,
        priority=55,
    ),
    _p(
        "unable-to-create-tensor",
        "BD222",
        "Unable to create tensor, you should probably",
        r"Unable to create tensor, you should probably activate truncation and/or padding",
        explain_unpadded,
        priority=85,
    ),
    _p(
        "asked-length-over-model",
        "BD208",
        "is longer than the maximum sequence length for this model",
        # a library's own check of the max_length it was given (ckip-transformers' drivers)
        r"[Ss]equence length is longer than the maximum sequence length for this model "
        r"\((?P<len>\d+) > (?P<max>\d+)\)",
        explain_asked_length_over_model,
        priority=70,
    ),
    _p(
        "expected-sequence-length",
        "BD222",
        "expected sequence of length",
        r"expected sequence of length (?P<a>\d+) at dim (?P<dim>\d+) \(got (?P<b>\d+)\)",
        explain_unpadded,
        priority=70,
    ),
    # model files and paths
    _p(
        "cant-load-tokenizer",
        "BD302",
        "Can't load tokenizer for",
        r"Can't load tokenizer for '(?P<path>[^'\n]*)'",
        explain_model_path,
        priority=80,
    ),
    _p(
        "vocab-files-not-found",
        "BD302",
        ("couldn't find such vocabulary files", "was a path or url but couldn't find"),
        r"We assumed '(?P<path>[^'\n]*)' was a path,? a model identifier,? or url to a directory "
        r"containing vocabulary files|We assumed '(?P<path2>[^'\n]*?)[\\/]+vocab\.txt' was a "
        r"path or url but couldn't find any file",
        explain_model_path,
        priority=80,
    ),
    _p(
        "old-download-failed",
        "BD308",
        "was a path or url but couldn't find",
        r"We assumed '(?P<url>https?://[^'\s]+)' was a path or url but couldn't find",
        explain_old_download,
        priority=82,
    ),
    _p(
        "urlopen-model",
        "BD308",
        "urlopen error",
        # urllib's own failure (TF Hub's hub.Module, old loaders that fetch a URL themselves)
        r"urlopen error (?P<why>[^>\n]{1,160})>",
        explain_urlopen_model,
        priority=60,
    ),
    _p(
        "old-s3-unreachable",
        "BD308",
        "HTTPSConnectionPool(host='s3.amazonaws.com'",
        r"HTTPSConnectionPool\(host='s3\.amazonaws\.com', port=443\)",
        explain_s3_unreachable,
        priority=65,
    ),
    _p(
        "old-download-head-failed",
        "BD308",
        "HEAD request failed for url",
        # pytorch_pretrained_bert asking S3 for a shortcut name's file
        r"HEAD request failed for url (?P<url>https?://\S+) with status code \d+",
        explain_old_download,
        priority=80,
    ),
    _p(
        "model-name-not-found",
        "BD302",
        "was not found in tokenizers model name list",
        r"Model name '(?P<path>[^'\n]*)' was not found in tokenizers model name list"
        r"(?: \((?P<names>[^)\n]*)\)?)?",
        explain_tokenizer_name_list,
        priority=75,
    ),
    _p(
        "tf-checkpoint-prose",
        "BD307",
        ("bert_model.ckpt", "ckpt"),
        r"bert_model\.ckpt(?:\.(?:data-\d+-of-\d+|index|meta))?|"
        # "the download has only .ckpt files" / 下载下来的文件只有.ckpt文件
        r"(?i:\bonly (?:has |have |contains? |got |see )?(?:the |three |3 )?\.ckpt\b)|"
        r"只有\s*(?:三个)?\s*\.?ckpt",
        explain_tf_checkpoint_prose,
        priority=25,  # the reporter's words: any real error in the zone comes first
    ),
    _p(
        # "the pytorch_model.bin file is almost empty", "model.safetensors is only 135 bytes":
        # a Git LFS pointer (a clone without git-lfs) or a download that stopped
        "weights-tiny-prose",
        "BD304",
        ("pytorch_model.bin", "model.safetensors", "tf_model.h5"),
        r"(?i:(?P<file>pytorch_model\.bin|model\.safetensors|tf_model\.h5)(?:\s+file)?"
        r"(?:\s*\([^)\n]*\))?\s+(?:is|was|are|has|of)\s+(?:almost\s+|nearly\s+|practically\s+)?(?:empty\b|"
        r"(?:only\s+|just\s+)?\d+\s?(?:bytes|b|kb)\b|(?:very\s+|too\s+)?(?:small|tiny)\b))",
        _simple_likely(
            "BD304",
            "the weights file is far too small (`{text}`): a Git LFS pointer (a small text file "
            "left by a clone without git-lfs) or a download that stopped, not the model.",
            "install git-lfs (git lfs install) and run git lfs pull in the cloned folder, or "
            "download the weights again and compare the file's size with the Hub's. Confirm: "
            "`bertdoctor check-model {model}`",
        ),
        priority=24,
    ),
    _p(
        # transformers' check when a checkpoint's keys lack the model's prefix (bert.,
        # distilbert.) yet hold the model's head keys: weights of another architecture
        "state-dict-corrupted",
        "BD316",
        "to load is corrupted",
        r"The state dictionary of the model you are \w+ to load is corrupted",
        _simple_likely(
            "BD316",
            "`{text}`: the checkpoint's keys do not carry this model's prefix (bert., "
            "distilbert., roberta.) while its head keys (classifier.*) match: the weights were "
            "saved from another architecture than the one built to load them (a BERT fine-tune "
            "loaded into the default DistilBERT of a wrapper, or a config of another model_type).",
            "load with the class and config the model was saved with (AutoModelFor....from_"
            "pretrained(folder) reads model_type from its config.json); in a wrapper library, "
            "pass the saved model's type and name along with its path. Confirm: `bertdoctor "
            "check-model {model}`",
        ),
        priority=70,
    ),
    _p(
        "weights-missing-prose",
        "BD304",
        ("pytorch_model.bin", "model.safetensors"),
        # (not a key the file lacks: "pytorch_model.bin里找不到...的权重")
        r"(?P<file>pytorch_model\.bin|model\.safetensors)(?!\s*[中里内])[^\n。.]{0,12}"
        r"(?:缺失|不存在|找不到)(?![^\n。，,]{0,60}?的(?:权重|参数|层|key))|"
        r"(?:缺少|缺失|没有|找不到)[^\n。]{0,6}(?P<file2>pytorch_model\.bin|model\.safetensors)|"
        r"(?i:(?P<file3>pytorch_model\.bin|model\.safetensors) (?:is |was )?missing)",
        _simple_likely(
            "BD304",
            "the weights file is missing from the model folder (`{text}`): a repository that "
            "ships code without the pre-trained weights, or a download that stopped.",
            "download the model's weights (pytorch_model.bin or model.safetensors, with its "
            "config.json and vocab.txt) into the folder the code loads. Confirm: "
            "`bertdoctor check-model {model}`",
        ),
        priority=24,  # below the TensorFlow checkpoint words: a .ckpt folder has no .bin
    ),
    _p(
        "vocab-missing-prose",
        "BD302",
        ("vocab.txt", "pytorch_model.bin", "vocab file", "vocabulary file"),
        # a folder's vocab.txt, not a vocabulary file named after its model that the code opens
        # by path (bert-base-uncased-vocab.txt, pytorch-pretrained-bert's download names)
        # not a token looked up in the file ("can't find even 'A' in vocab.txt")
        r"(?i:(?:cannot|can't|could not|couldn't|unable to) find(?![^\n.]{0,30}['\"][^'\"\n]{1,20}"
        r"['\"] in (?:the )?vocab)[^\n.]{0,30}(?<![-A-Za-z0-9_])vocab\.txt|"
        r"\b(?:there is |there's )?no vocab(?:ulary)? files?\b(?! (?:named|found))|"
        r"\b(?:lack|lacks|missing|without|no)\b(?! capital| upper| \w+ letters)[^\n.]{0,20}"
        r"(?<![-A-Za-z0-9_])vocab\.txt|"
        # (not tokens the file lacks: "vocab.txt is missing some tokens")
        r"(?<![-A-Za-z0-9_])vocab\.txt[^\n.]{0,20}\b(?:is |was )?(?:missing(?! (?:some|a|one|"
        r"\d+|many|several|few) (?:tokens?|words?|characters?|entries))|not found(?! in model)|"
        r"does not exist)|"
        r"contains? only[^\n.]{0,5}pytorch_model\.bin)|"
        # not a token the file lacks ("vocab.txt中没有中文的双引号": 中/里/内, in the file)
        # (not characters missing from the file: "有些生僻字缺失，vocab.txt里没有")
        r"(?:没有|缺少|缺失|找不到|少了)[^\n。，,在]{0,10}(?<![-A-Za-z0-9_])vocab\.txt|"
        # "bert对应百度网盘下无vocab.txt" (the download has none)
        # (not 有无, "with or without": "有无vocab.txt都会报同样的错")
        r"(?<![-A-Za-z0-9_])(?<!有)无\s*vocab\.txt|"
        r"(?<![-A-Za-z0-9_])vocab\.txt[^\n。中里内]{0,10}(?:不存在|找不到|没有|缺失)",
        explain_vocab_missing_prose,
        priority=25,
    ),
    _p(
        "tokenizer-json-missing-prose",
        "BD302",
        # (the words before the file name: the line may wrap before it)
        (
            "here is no",
            "here's no",
            "has no",
            "have no",
            "ithout",
            "lack",
            "is missing",
            "no tokenizer.json",
            "No tokenizer.json",
            "no 'tokenizer.json",
            "no `tokenizer.json",
            'no "tokenizer.json',
            "Lack",
            "Has no",
            "Is missing",
        ),
        # the reporter's words: "it will error because there is no tokenizer.json file", "if I
        # try a hugging face model without tokenizer.json I get ... 404" (servers that build
        # only a fast tokenizer: text-embeddings-inference, candle, fastembed; one of them or a
        # failure must be named, as a slow tokenizer loads without the file)
        r"(?i:(?:\bwithout(?: a| the| any)?|\blacks?(?: a| the)?|\bis missing(?: a| the)?|\bno)\s+"
        r"[`'\"]?tokenizer\.json\b)",
        _simple_likely(
            "BD302",
            "the report says the model has no tokenizer.json ({text!r}): a server or library "
            "that builds only a fast tokenizer (text-embeddings-inference, candle, fastembed, "
            "Tokenizer.from_file) cannot make one from vocab.txt or a sentencepiece file alone.",
            "write one with AutoTokenizer.from_pretrained(MODEL).save_pretrained(DIR) (it "
            "converts the slow files) and put tokenizer.json next to the weights, or use a "
            "model repository that has it. Confirm: `bertdoctor check-model {model}`",
            when=FAST_ONLY_OR_FAILED_RE,
        ),
        priority=30,
    ),
    _p(
        "tokenizer-file-wanted-prose",
        "BD302",
        (
            "I can find",
            "can I find",
            "do I find",
            "can I get",
            "do I get",
            "I can get",
            "could I",
            "should I",
            "I could",
            "I download",
            "I obtain",
        ),
        # the reporter asks where the tokenizer's file is: "Please let me know, where I can find
        # SP model" (ALBERT's 30k-clean.model), "where can I get the vocab.txt"
        r"(?i:\b(?:where|how) (?:(?:can|could|do|should) I|I can|I could) (?:find|get|download|"
        r"obtain) (?:the |a |this )?(?:(?:sp|spm|sentencepiece|spiece)[ _]?model\b|"
        r"vocab(?:\.txt\b| file\b|ulary file\b)))",
        _simple_likely(
            "BD302",
            "the report asks where the tokenizer's file is ({text!r}): the run lacks it (a "
            "SentencePiece model such as ALBERT's 30k-clean.model, or BERT's vocab.txt), so "
            "the tokenizer cannot be built.",
            "take the file from the model's own download (ALBERT's TF-Hub archive has "
            "assets/30k-clean.model; Google's BERT archives and the Hub's folders have vocab.txt) "
            "and pass it to the script (--spm_model_file, --vocab_file), or load the tokenizer "
            "with from_pretrained from the model's folder. Confirm: `bertdoctor check-model "
            "{model}`",
        ),
        priority=25,
    ),
    _p(
        # ERNIE's (PaddleNLP's) sequence-labelling reader: a label for each character it keeps
        "ret-tokens-labels-length",
        "BD209",
        "ret_tokens can't match with labels",
        r"(?i:the length of ret_tokens can't match with labels)",
        _simple(
            "BD209",
            "the tokenizer's pieces and the example's labels differ in number (`{text}`): ERNIE "
            "tokenizes Chinese one character at a time (and drops spaces and control "
            "characters), so an example needs one label per character it keeps, not one per "
            "word.",
            "write one label per character (B-X on an entity's first character, I-X on the "
            "rest), split on the same separator as the text (\\002 in the msra_ner format), and "
            "drop spaces from the text or give them a label the reader keeps. Confirm: "
            "`bertdoctor check-data TRAIN_FILE --model MODEL_DIR`",
        ),
        priority=70,
    ),
    _p(
        "paddle-not-a-url",
        "BD301",
        "not a url",
        r"downloading from (?P<path>[^\s'\"]+) not a url",
        explain_paddle_not_a_url,
        priority=70,
    ),
    _p(
        # transformers' warning: truncation=True did nothing, the tokenizer knows no max length
        "no-predefined-max-length",
        "BD208",
        "no predefined maximum length",
        r"Asking to truncate to max_length but no maximum length is provided and the model has "
        r"no predefined maximum length\. Default to no truncation",
        explain_no_predefined_max_length,
        priority=35,
    ),
    _p(
        "max-length-no-effect-prose",
        "BD208",
        ("max_length", "max_len", "MAX_LEN", "Max_len", "MAX_length", "Max_Length", "Max_length"),
        # the reporter's words: "训练代码中添加 max_length似乎没有作用", "max_length has no effect"
        r"(?i)(?<![a-z_])max_len(?:gth)?(?![a-z_])['\"`]?[^\n.,。，]{0,8}?(?:似乎|好像|根本)?"
        r"(?:没有?(?:起)?作用|不起作用|无效|has no effect|does(?:n't| not) (?:work|take effect|"
        # (not transformers' warning: "`max_length` is ignored when `padding`=`True`")
        r"do anything|have any effect)|is ignored(?! (?:when|with|if|because))|not working)",
        _simple_likely(
            "BD208",
            "the report says max_length has no effect ({text!r}): the tokenizer cuts at "
            "max_length only with truncation=True, so without it every text longer than the "
            "model's 512 positions goes in whole (an index error in the position embeddings, or "
            "a device-side assert on the GPU).",
            "call the tokenizer with truncation=True and max_length=512 (or less) together. "
            "Confirm: `bertdoctor check-data TRAIN_FILE --model MODEL_DIR`",
            # a generation limit, or padding that did not reach max_length: not truncation
            # (the reporter's words about padding, not padding='max_length' in the call)
            unless=re.compile(
                r"(?i)generat|summar|max_new_tokens|\bnot padded\b|(?:does|did)(?:n't| not) pad\b|"
                r"\bpadd(?:ed|ing) (?:to|up to) \d"
            ),
        ),
        priority=30,
    ),
    _p(
        "tokenizer-file-empty-prose",
        "BD302",
        ("merges.txt", "vocab.txt", "vocab.json", "tokenizer.json"),
        # the reporter's words: "Their merges.txt file is empty", "an empty vocab.txt"
        r"(?i)(?<![-A-Za-z0-9_])(?P<file>merges\.txt|vocab\.txt|vocab\.json|tokenizer\.json)"
        r"['\"`]?(?: files?)? (?:is|was|are|were) (?:completely |totally |almost )?"
        r"(?:empty|blank|0 bytes)(?![A-Za-z])|(?<![A-Za-z])empty (?P<file2>merges\.txt|vocab\.txt|"
        r"vocab\.json|tokenizer\.json)(?![A-Za-z0-9_])",
        _simple_likely(
            "BD302",
            "the report says a tokenizer file is empty ({text!r}): a tokenizer built from an "
            "empty merges or vocabulary file has no merges or no words, so the text falls apart "
            "into single characters (or [UNK]) without any error, or the tokenizer fails to "
            "load.",
            "download the tokenizer files again, or take them from the base model the checkpoint "
            "was trained from, and compare tokenizer.tokenize() on a sample with the base model's. "
            "Confirm: `bertdoctor check-model {model}`",
            unless_failed=True,
        ),
        priority=25,
    ),
    _p(
        "tf2-restore-not-restored",
        "BD307",
        "attributes which were not restored",
        r"Some objects had attributes which were not restored",
        explain_tf2_restore_tf1_checkpoint,
        priority=75,
    ),
    _p(
        "tf-no-gradients",
        "BD504",
        "Gradients do not exist for variables",
        r"Gradients do not exist for variables \[(?P<vars>[^\]\n]*)\] when minimizing the loss",
        explain_tf_no_gradients,
        kind="context",
        priority=20,
    ),
    _p(
        "keras-none-gradient",
        "BD504",
        "for gradient",
        # Keras on TensorFlow 1: a trainable weight whose path to the loss has no gradient
        r"An operation has `?None`? for gradient",
        _simple_likely(
            "BD504",
            "`{text}`: Keras found a trainable weight with no gradient path to the loss: an "
            "op without a gradient (argmax, round, a cast to int) between the weights and the "
            "loss, or a part of the loaded model (a pre-training head) whose output the loss "
            "never uses.",
            "keep argmax and casts out of the loss (compute it from the logits), and freeze or "
            "drop the layers whose output the loss does not use (layer.trainable = False). "
            "Confirm: `bertdoctor check-script {script}`",
        ),
        priority=60,
    ),
    _p(
        "tf-pad-negative",
        "BD208",
        "Paddings must be non-negative",
        # bert-for-tf2 pads the position table to the sequence's length: a negative pad is a
        # sequence longer than the table ("input shapes: [1071,768] ... <[0 -559][0 0]>")
        r"Paddings must be non-negative[^\n]*?input shapes: \[(?P<len>\d+), ?\d+\][^\n]*?"
        r"<\[0 -(?P<short>\d+)\]",
        explain_tf_pad_negative,
        priority=70,
    ),
    _p(
        "reshape-embedding",
        "BD305",
        "cannot reshape array of size",
        r"cannot reshape array of size (?P<size>\d+) into shape "
        r"\((?P<rows>\d+), ?(?P<hidden>\d+)\)",
        explain_reshape_embedding,
        priority=70,
    ),
    _p(
        "vocab-file-not-found-log",
        "BD302",
        "Didn't find file",
        r"Didn't find file (?P<folder>[^\s'\"]+)[\\/](?P<name>vocab\.txt|vocab\.json|merges\.txt|"
        r"spiece\.model|sentencepiece\.bpe\.model)\b",
        explain_vocab_file_not_found_log,
        kind="context",
        priority=20,
    ),
    _p(
        "model-name-list",
        "BD303",
        "was not found in model name list",
        # pytorch-pretrained-bert and pytorch-transformers 1.x, for the config or the weights;
        # the tokenizer's "We assumed .../vocab.txt" sequel has its own pattern
        r"Model name '(?P<path>[^'\n]*)' was not found in model name list"
        r"(?: \((?P<names>[^)]*)\)?)?",
        explain_model_path,
        priority=70,
    ),
    _p(
        "no-valid-tokenizer-files-zh",
        "BD302",
        "不包含有效的",
        # HanLP's check of a cached transformer folder: "path X has no valid tokenizer files"
        r"路径 ?(?P<path>[^\s'\"]+) ?不包含有效的 ?tokenizer ?文件",
        _simple(
            "BD302",
            "the folder {path} holds no usable tokenizer file (tokenizer.json, vocab.txt): the "
            "download into it stopped early or fetched only the weights.",
            "delete that folder so the library downloads the model again whole, or copy the "
            "model's tokenizer.json / vocab.txt into it. Confirm: `bertdoctor check-model "
            "{model}`",
        ),
        priority=80,
    ),
    _p(
        "cant-find-vocab",
        "BD302",
        "Can't find a vocabulary file at path",
        r"Can't find a vocabulary file at path '(?P<path>[^'\n]*?)[\\/]*(?:vocab\.txt)?'",
        explain_model_path,
        priority=80,
    ),
    _p(
        "cant-load-config",
        "BD303",
        (
            "Can't load config for",
            "Can't load the configuration of",
            "Can't load '",
            "Can't load feature extractor for",  # a speech or vision model's preprocessor config
            "Can't load image processor for",
        ),
        r"Can't load (?:config for|the configuration of|feature extractor for|image processor "
        r"for) (?:'(?P<path>[^'\n]*)'|(?P<path4>[^\s'\"]+?)\.?[ \t]*(?=\n|$))|"
        r"Can't load '(?P<path2>[^'\n]*?)[\\/]+config\.json'\. Make sure|"
        # transformers 2.x; a reporter's copy may end at the path
        r"Can't load '(?P<path3>[^'\n]*)'(?:\. Make sure that|[ \t]*(?=\n|$))",
        explain_cant_load_config,
        priority=80,
    ),
    _p(
        # the message's checklist line pasted alone: "- or 'X' is the correct path to a
        # directory containing a config.json file" (below the whole message when that is there)
        "config-checklist-line",
        "BD303",
        "is the correct path to a directory containing a config.json",
        r"'(?P<path>[^'\n]*)' is the correct path to a directory containing a config\.json",
        explain_cant_load_config,
        priority=40,
    ),
    _p(
        "config-not-found-words",
        "BD303",
        ("config", "配置文件"),
        r"(?i:(?:can ?not|can't|cannot|couldn't|could not|unable to|failed to|fail to) "
        r"(?:find|found|locate|load) (?:the |a )?(?:file )?['\"`]?(?:(?:bert_)?config\.json|config "
        r"file|configuration file)|\bconfig(?:\.json)?['\"`]? (?:file )?(?:is |was )?(?:not found|"
        r"missing|does not exist)|\bno config(?:\.json| file)\b)|(?:找不到|没有|缺少)"
        r"(?:(?:这个|该)?文件[^\n]{0,3}?)?(?:(?:bert_)?config\.json|配置文件)",
        explain_config_words,
        priority=30,
    ),
    _p(
        "model-dir-not-exist-assert",
        "BD301",
        ("does not exist", "doesn't exist", "not exist"),
        r"(?:AssertionError|FileNotFoundError|ValueError|OSError|Exception): [^\n]{0,40}"
        r"(?i:pre-?trained|bert|model)[\w ]{0,20}(?i:file|dir|directory|folder|path)s?\b"
        r"[^\n]{0,15}(?i:does not|doesn't|not) exist",
        explain_model_dir_assert,
        priority=40,
    ),
    _p(
        "path-not-found-words",
        "BD301",
        ("not found", "does not exist", "doesn't exist", "ValueError: Path "),
        r"(?:Error|Exception): (?:[Tt]he )?(?:[Mm]odel )?[Pp]ath:? ['\"`]?(?P<path>[^\s'\"`]+)"
        r"['\"`]? (?:is )?(?:not found|does not exist|doesn't exist)|"
        # sentence-transformers' message cut after the path: its source line says the rest
        r"(?<=\"Path \{\} not found\"\.format\(model_name_or_path\)\)\n)ValueError: Path "
        r"(?P<path2>[^\s'\"`]+)[ \t]*(?=\n|$)",
        explain_path_not_found_words,
        priority=40,
    ),
    _p(
        # a checkpoint-N folder's files listed: a Trainer's saves, with no tokenizer file
        "checkpoint-files-listed",
        "BD302",
        "checkpoint-",
        rf"checkpoint-\d+\b(?=[\s\S]{{0,500}}?\b(?:{TRAINER_FILES_RE.pattern})\b)",
        explain_checkpoint_without_tokenizer,
        priority=24,
    ),
    _p(
        "hardcoded-path-prose",
        "BD301",
        ("is not provided", "was not provided", "is not included", "does not exist", "is missing"),
        # the reporter: "the `'/u/scr/smurty/scibert_scivocab_uncased/vocab.txt'` is not provided"
        r"['`\"](?P<path>(?:/|[A-Za-z]:\\)[^'`\"\n]{3,200})['`\"]{1,2}\s*(?:is|was) (?:not "
        r"(?:provided|included)|missing)|"
        r"['`\"](?P<path2>(?:/|[A-Za-z]:\\)[^'`\"\n]{3,200})['`\"]{1,2}\s*does not exist",
        explain_hardcoded_path_prose,
        priority=26,
    ),
    _p(
        "read-less-bytes",
        "BD304",
        # TensorFlow 1's wording, and the newer checkpoint reader's (a SavedModel's variables)
        ("Read less bytes than requested", "Read fewer bytes than requested"),
        r"Read (?:less|fewer) bytes than requested",
        explain_read_less_bytes,
        priority=70,
    ),
    _p(
        "needs-training-mode",
        "BD506",
        "needs to be in training mode",
        # Opacus refuses a model left in eval mode (from_pretrained returns one)
        r"Model needs to be in training mode",
        _simple(
            "BD506",
            "the model is in eval mode where training starts (`Model needs to be in training "
            "mode`): from_pretrained returns a model in eval mode, and nothing called "
            "model.train() before the training code took it.",
            "call model.train() before wrapping or training it (and again after each "
            "evaluation). Confirm: `bertdoctor check-script {script}`",
        ),
        priority=70,
    ),
    _p(
        "keras-target-dims",
        "BD401",
        ("Error when checking target: expected", "dimensions, but got array with shape"),
        # the prefix is left out when the reporter retypes the line into a sentence
        r"(?:Error when checking target: |(?<!input: ))expected (?P<layer>[\w/-]+) to have "
        r"(?P<dims>\d) dimensions, but got array with shape \((?P<shape>[\d, ]*)\)",
        explain_keras_target_dims,
        priority=70,
    ),
    _p(
        "tf-sparse-ce-squeeze",
        "BD401",
        "Can not squeeze dim[",
        # Keras's sparse cross-entropy squeezes the labels' last axis to one class id: one-hot or
        # multi-hot rows of 6 cannot be squeezed
        r"Can not squeeze dim\[\d+\], expected a dimension of 1, got (?P<got>\d+)"
        r"(?=[^\n]*\n?[^\n]*sparse_categorical_crossentropy)",
        _simple(
            "BD401",
            "sparse_categorical_crossentropy got labels with {got} values per example where it "
            "takes one class id: one-hot or multi-hot label rows given to the sparse loss.",
            "for one class per example give class ids (np.argmax of the one-hot rows) or use "
            "categorical_crossentropy; for several labels per example (multi-label) use a "
            "sigmoid output with binary_crossentropy. Confirm: "
            "`bertdoctor check-data TRAIN_FILE`",
        ),
        priority=75,
    ),
    _p(
        "keras-target-classes",
        "BD205",
        "Error when checking target: expected",
        # one-hot rows of one width against a softmax head of another
        r"Error when checking target: expected (?P<layer>[\w/-]+) to have shape "
        r"\((?:None, )?(?P<head>\d+),?\) but got array with shape \((?:\d+, )?(?P<rows>\d+),?\)",
        explain_keras_target_classes,
        priority=70,
    ),
    _p(
        "tf-loss-shape-assert",
        "BD401",
        "Condition x == y did not hold",
        # the sparse cross-entropy's own check: the labels' shape (x) against the logits' (y)
        r"Condition x == y did not hold[^\n]*\] \[x \([^)\n]*"
        r"(?:SparseSoftmaxCrossEntropyWithLogits|_loss/)[^)\n]*\) = \] \[(?P<x>[\d ]+)\]"
        r"(?: \[y \([^)\n]*\) = \] \[(?P<y>[\d ]+)\])?",
        explain_tf_loss_shape_assert,
        priority=70,
    ),
    _p(
        "h5-signature",
        "BD304",
        ("file signature not found", "bad object header version number"),
        r"Unable to open file \((?:file signature not found|bad object header version number)\)",
        explain_h5_signature,
        priority=70,
    ),
    _p(
        "head-shape-line",
        "BD306",
        "in the model instantiated",
        r"(?P<key>[\w.]+): found shape torch\.Size\(\[(?P<ckpt>[\d, ]*)\]\) in the checkpoint "
        r"and torch\.Size\(\[(?P<cur>[\d, ]*)\]\) in the model instantiated",
        explain_head_shape_line,
        priority=30,
    ),
    _p(
        "cant-load-weights",
        "BD304",
        ("Can't load the model for", "Can't load weights for"),
        r"Can't load (?:the model|weights) for '(?P<path>[^'\n]*)'",
        explain_cant_load_weights,
        priority=80,
    ),
    _p(
        "not-appear-file",
        "BD303",
        "does not appear to have a file named",
        r"(?P<path>[^\s'\"]*) does not appear to have a file named (?P<file>[\w\-]+(?:\.[\w\-]+)*)",
        explain_file_not_in_folder,
        priority=80,
    ),
    _p(
        "no-file-named",
        "BD304",
        "Error no file named",
        # an empty folder path leaves "found in directory or `from_tf` set to False"
        r"Error no file named (?P<files>\[[^\]\n]*\]|[^\n]+?)(?: found\s+in directory"
        r"(?:[ \t]+(?!or\b)(?P<path>[^\s'\"]+))?|\.?[ \t]*(?:\n|$))",
        explain_model_path,
        priority=80,
    ),
    _p(
        "not-valid-identifier",
        "BD308",
        "is not a local folder and is not a valid model",
        # the reporter's quote of the message may start at "is" (the name left out)
        r"(?:(?P<path>[^\s'\"]+) |(?<=[\"'“`]))is not a local folder and is not a valid model "
        r"identifier",
        explain_hub_offline,
        priority=80,
    ),
    _p(
        "no-model-type",
        "BD303",
        ("Should have a `model_type` key", "Should have a model_type key", "Unrecognized model"),
        # the second sentence is cut in pastes and titles
        r"Unrecognized model in (?P<path>[^\n]+?)\."
        r"(?: \**Should have a `?model_type`? key|(?=[ \t]*(?:\n|$)))|"
        # transformers 3 names no folder: "Unrecognized model\n Should have a `model_type` key"
        r"Unrecognized model\s+\**Should have a `?model_type`? key",
        explain_no_model_type,
        priority=80,
    ),
    _p(
        "config-server-unreachable",
        "BD303",
        ("to download configuration file", "to download pretrained"),
        r"Couldn't reach server at '(?P<path>[^'\n]+)' to download (?:configuration file|"
        r"pretrained (?:model configuration file|weights))",
        explain_config_unreachable,
        priority=80,
    ),
    _p(
        "vocab-server-unreachable",
        "BD308",
        ("to download vocabulary files", "Couldn't reach server to download vocabulary"),
        # pytorch-transformers 1.x logs it without a name
        r"Couldn't reach server at '(?P<path>[^'\n]*)' to download vocabulary files|"
        r"Couldn't reach server to download vocabulary",
        explain_vocab_unreachable,
        priority=80,
    ),
    _p(
        "rust-file-not-found",
        "BD302",
        "kind: NotFound",
        r"Os \{ code: 2, kind: NotFound[^\n]*",
        explain_wordpiece_not_found,
        priority=60,
    ),
    _p(
        "model-json-invalid",
        "BD303",
        ("JSONDecodeError", "is not a valid JSON file", "codec can't decode byte", "DecodeError:"),
        # a binary file where the text should be: the config or the vocabulary was read with
        # json or as UTF-8 text and is a pickle, an archive or a half download
        r"JSONDecodeError: [^\n]*|It looks like the config file at '[^'\n]*' is not a valid "
        r"JSON file|UnicodeDecodeError: '[\w-]+' codec can't decode byte 0x[0-9a-f]{2} in "
        r"position \d+[^\n]*|UnicodeDecodeError:[ \t]*(?=\n|$)",  # a paste cut after the name
        explain_config_json,
        priority=60,
    ),
    _p(
        "repo-not-found-url",
        "BD308",
        "Repository Not Found for url",
        # the API's URL may go on with the revision: /api/models/owner/name/revision/main
        r"Repository Not Found for url: https?://[^/\s]+/api/models/(?P<path>[^\s]+?)"
        r"(?:/(?:revision|tree|resolve)/[^\s]*?)?\.?(?:\s|$)",
        _hub_url_ident,
        priority=75,
    ),
    _p(
        "file-not-found-in-folder",
        "BD303",
        "not found",
        r"\bfile (?P<path>[^\s'\"]+?)[\\/]+(?P<file>vocab\.txt|config\.json|pytorch_model\.bin|"
        r"tokenizer_config\.json) not found",
        explain_file_not_in_folder,  # old transformers looked for the file only in a folder
        priority=75,
    ),
    _p(
        "named-json-not-found",
        "BD301",
        "not found",
        # transformers 2's cached_path on a file the user named (albert_config_base.json): the
        # path does not resolve from where the script runs (config.json in a folder: above)
        r"\bfile (?P<path>[^\s'\"]+\.json)[ \t]+not found",
        explain_named_file_not_found,
        priority=74,
    ),
    _p(
        "tf-file-not-found",
        "BD301",
        ("NotFoundError", "NewRandomAccessFile failed"),
        r"NotFoundError: (?:NewRandomAccessFile failed to Create/Open: )?(?P<path>[^\s;]+?)"
        r"\s*[:;] [^\n]*(?:No such file or directory|cannot find the (?:file|path) specified)|"
        # TensorFlow 1 on a Chinese Windows: the system's message arrives garbled
        r"(?:NotFound|InvalidArgument)Error: NewRandomAccessFile failed to Create/Open: "
        r"(?P<path2>[^\n;]+?) : [^\n]*\n{0,2}; (?:No such process|Unknown error|No such file)|"
        # the path alone: the reporter's copy stops there
        r"NotFoundError: ?(?P<path3>[^\s;]+\.(?:json|txt|ckpt[\w.-]*))[ \t]*(?=\n|$)",
        explain_tf_file_not_found,
        priority=75,
    ),
    _p(
        "tf-not-found-bare",
        "BD301",
        "NotFoundError",
        r"errors_impl\.NotFoundError:?[ \t]*(?=\n|$)",
        explain_tf_not_found_bare,
        priority=70,
    ),
    _p(
        "unable-to-parse-path",
        "BD301",
        "as a URL or as a local path",
        r"unable to parse (?P<path>[^\n]+?) as a URL or as a local path",
        explain_unparsable_path,
        priority=75,
    ),
    _p(
        "tf-checkpoint-not-found",
        "BD301",
        (
            "Failed to find any matching files for",
            "Failed to get matching files on",  # TensorFlow 2
            "file or checkpoints in given directory",
            "is not a valid checkpoint",  # TensorFlow 1's Saver.restore
        ),
        r"(?:Unsuccessful TensorSliceReader constructor: )?Failed to find any matching files for\s+"
        r"(?P<path>[^\s'\"。，]+)|"
        r"Couldn't find 'checkpoint' file or checkpoints in given directory (?P<path2>[^\s'\"`]+)|"
        r"Failed to get matching files on (?P<path3>[^\s'\":]+): Not found|"
        r"The passed save_path is not a valid checkpoint: (?P<path4>[^\s'\"]+)",
        explain_tf_checkpoint_not_found,
        priority=80,
    ),
    _p(
        "network-error",
        "BD308",
        (
            "Network is unreachable",
            "Temporary failure in name resolution",
            "Connection refused",
            "Name or service not known",
            "getaddrinfo failed",
            "Connection timed out",
            "Max retries exceeded",
            "Tunnel connection failed",
            "ProxyError",
            "SSLError",
            "TLS/SSL connection has been closed",
        ),
        # an SSL failure of the download (requests' SSLError, "TLS/SSL connection has been
        # closed (EOF)"): the same unreachable Hub, from a proxy or a firewall in between
        r"SSLError: (?:TLS/SSL connection has been closed|HTTPSConnectionPool|\[SSL)|"
        r"\[Errno -?\d+\] (?:Network is unreachable|Temporary failure in name resolution|"
        r"Connection refused|Name or service\s+not known|getaddrinfo failed|Connection timed "
        r"out)|Max retries exceeded with url|Tunnel connection failed: \d+|ProxyError|"
        # a message cut after the host: `HTTPSConnectionPool(host='huggingface.co', port=443):
        # Max retries exceeded"`
        r"ConnectionPool\(host='[^'\n]+', port=\d+\): Max retries exceeded",
        explain_network_error,
        priority=60,
    ),
    _p(
        "download-never-finished",
        "BD308",
        "downloading to",
        r"(?P<url>https?://\S+) not found in cache(?: or force_download set to True)?, "
        r"downloading to \S+",
        explain_download_hung,
        kind="context",
        priority=20,
    ),
    _p(
        "incorrect-path-or-id",
        "BD301",
        "Incorrect path_or_model_id",
        r"Incorrect path_or_model_id: '(?P<path>[^'\n]*)'",
        explain_model_path,
        priority=80,
    ),
    _p(
        "repo-id-form",
        "BD301",
        ("Repo id must be in the f", "Repo id must use alphanumeric"),
        # "in the from": a retyped message
        r"Repo id must (?:be in the f(?:or|ro)m 'repo_name' or\s+'namespace/repo_name'|"
        r"use alphanumeric "
        r"chars[^:\n]*):\s+'(?P<path>[^'\n]*)'",
        explain_model_path,
        priority=85,
    ),
    _p(
        "connection-reset-hub",
        "BD308",
        ("Connection aborted", "ConnectionResetError", "Connection reset by peer"),
        r"'Connection aborted\.'|ConnectionResetError(?:\(\d+|: \[(?:WinError|Errno) \d+\])|"
        r"Connection reset by peer",
        explain_connection_reset,
        priority=45,
    ),
    _p(
        "hub-connect",
        "BD308",
        (
            "We couldn't connect to",
            "couldn't connect to 'https://huggingface",
            "outgoing traffic has been disabled",
            "Connection error, and we cannot find the requested files",
            "连接错误",
            "Max retries exceeded with url: /",
            "trying to locate the file on the Hub and we cannot find",
            "Cannot find the requested files in the disk cache and outgoing",
            "error sending request for url (http",
        ),
        # a Markdown link pasted around the URL: "couldn't connect to '](https://...)https://..."
        r"couldn't connect to '?(?:\]\([^)\n]{0,200}\))?https?://(?:huggingface\.co|hf-mirror\.com)|"
        r"outgoing traffic has\s+"  # a paste may wrap the line here
        r"been disabled|Connection error, and we cannot find the requested files|"
        r"连接错误，?我们无法在缓存(?:路径)?中找到|"
        r"error happened while trying to locate the file on the Hub and we cannot find the "
        r"requested files in the local cache|Max retries "
        # a local folder sent to the Hub keeps its own slashes: `url: //home/u/model//resolve/`
        r"exceeded with url: /(?P<root>/)?/*(?P<id>[\w.-]+(?:/+[\w.-]+)*?)/+resolve/|"
        r"host='(?:cdn-lfs\.|www\.)?(?:huggingface\.co|hf-mirror\.com)', port=\d+\): Max retries "
        # (the API's URL may go on with the revision: /api/models/owner/name/revision/main)
        r"exceeded with url: /(?:api/models/(?P<id2>[\w.-]+(?:/[\w.-]+)*?)"
        r"(?:/(?:revision|tree)/[^\s)]*)?(?=[\s)'\"]|$)|"
        r"(?P<root2>/)?/*(?P<id3>[\w.-]+(?:/+[\w.-]+)*?)/+resolve/|[^\s)]*)|"
        # the Rust downloaders (text-embeddings-inference, candle's hf-hub)
        r"error sending request for url \(https?://(?:huggingface\.co|hf-mirror\.com)/"
        r"(?P<id4>[\w.-]+/[\w.-]+)/resolve/[^)\s]*\): error trying to connect",
        explain_hub_offline,
        priority=70,
    ),
    _p(
        "hub-cache-refs",
        "BD308",
        "refs",
        r"No such file or directory: '[^'\n]*models--(?P<repo>[\w.-]+(?:--[\w.-]+)?)[\\/]+refs"
        r"[\\/]+main'",
        explain_cache_refs,
        priority=75,
    ),
    _p(
        "weights-file-unopenable",
        "BD304",
        "unable to open file <",
        # torch's file mapping (safetensors' loader): the path resolved, the file is not there;
        # a paste may stop inside "in read-only mode"
        r"unable to open file <(?P<path>[^<>\n]*?(?:\.safetensors|\.bin|\.pth?|\.ckpt))>"
        # (another reason, "Permission denied", is no missing file)
        r"(?: in read-only mode: No such file or directory|(?: in read-o[a-z ]*)?[ \t]*(?=\n|$))",
        explain_weights_unopenable,
        priority=75,
    ),
    _p(
        "empty-weights-pickle",
        "BD304",
        "Ran out of input",
        r"EOFError: Ran out of input",
        explain_empty_pickle,
        priority=60,
    ),
    _p(
        "old-not-initialized",
        "BD316",
        "ot initialized from pretrained model",
        r"(?:[Ww]eights of \w+ )?n?ot initialized from pretrained model: ?(?P<keys>\[[^\n]*)",
        explain_old_not_initialized,
        priority=20,
    ),
    _p(
        "encoder-weights-not-used",
        "BD316",
        "were not used when initializing",
        r"Some weights of the model checkpoint at (?P<path>[^\n]+?) were not used when "
        r"initializing (?P<cls>\w+): ?(?P<keys>\[[^\n]*)",
        explain_encoder_not_used,
        priority=20,
    ),
    _p(
        "hub-unauthorized-url",
        "BD301",
        ("Client Error: Unauthorized for url", "Not Found for url: http"),
        r"(?:401 Client Error: Unauthorized|Not Found) for url: "
        r"https?://(?:huggingface\.co|hf-mirror\.com)/"
        # huggingface.co//data/bert: an absolute local path sent to the Hub keeps its slash
        r"(?:api/models/)?(?P<path>/?[\w.-]+(?:/+[\w.-]+)*)",
        explain_hub_unauthorized,
        priority=70,
    ),
    _p(
        "ukp-server-404",
        "BD301",
        "public.ukp.informatik.tu-darmstadt.de",
        r"404 Client Error: Not Found for url: https?://public\.ukp\.informatik\.tu-darmstadt\.de/"
        r"reimers/sentence-transformers/v[\d.]+/(?P<name>[^\s]+?)\.zip",
        explain_ukp_server_404,
        priority=70,
    ),
    _p(
        "hub-server-error",
        "BD308",
        ("Server Error: ", "Server Error for url", "429 Client Error", "403 Client Error"),
        # a 5xx, 429 Too Many Requests (a CI that downloads the model on every run), or 403
        # Forbidden (a gated model, or the Hub refusing a file while it was down)
        r"\b(?:5\d\d Server|429 Client|403 Client) Error: [^\n]*?for url: https?://(?:huggingface\.co|"
        r"hf-mirror\.com)/"
        r"(?:api/models/)?(?P<id>[\w.-]+(?:/[\w.-]+)?)/(?:resolve|revision|tree)/",
        explain_hub_server_error,
        priority=60,
    ),
    _p(
        "gated-repo",
        "BD308",
        ("Cannot access gated repo", "is gated. You must be authenticated", "Access to model"),
        r"Cannot access gated repo for url https?://[^/\s]+/(?P<id>[\w.-]+/[\w.-]+)/resolve|"
        r"(?:Repo model|Access to model) (?P<id2>[\w.-]+/[\w.-]+) is (?:gated|restricted)",
        explain_gated,
        priority=85,
    ),
    _p(
        "lfs-pointer-parsed",
        "BD304",
        'found "https"',
        # a Git LFS pointer's first line is `version https://git-lfs.github.com/spec/v1`: a
        # text-format parser (protobuf's, OpenVINO's) reads `version` and stops at column 9
        r'\b1:9: Expected [^\n]{1,20}, found "https"',
        _simple(
            "BD304",
            "a model file starts with `version https://...` (the parser stopped at line 1, "
            'column 9, on "https"): it is a Git LFS pointer, a small text file that stands in '
            "for the model in a repository cloned without git-lfs, not the model.",
            "install git-lfs (git lfs install) and clone the model again, or run git lfs pull "
            "in the clone; the real files are megabytes, not 130 bytes. Confirm: `bertdoctor "
            "check-model {model}`",
        ),
        priority=75,
    ),
    _p(
        "truncated-archive",
        "BD304",
        "Compressed file ended before the end-of-stream marker",
        # gzip/lzma reading an archive whose download stopped early
        r"Compressed file ended before the end-of-stream marker was reached",
        explain_truncated_model_archive,
        priority=70,
    ),
    _p(
        "savedmodel-unparsable",
        "BD304",
        ("Cannot parse file", "Error parsing message"),
        # TensorFlow reading a SavedModel's graph (saved_model.pb) that is not a valid protobuf
        r"Cannot parse file b?'(?P<path>[^'\n]*\.pb)'(?:: (?P<why>[^\n]{1,80}))?|"
        r"Error parsing message(?: with type '[\w.]+')?",
        explain_savedmodel_unparsable,
        priority=70,
    ),
    _p(
        "bert-serving-long",
        "BD208",
        "bert-serving-start",
        r"bert-serving-start\b[^\n]*?-max_seq_len[ =]+\**(?P<n>\d+)",
        explain_bert_serving_long,
        priority=30,
    ),
    _p(
        "from-tf-hint-alone",
        "BD304",
        ("please set from_tf=", "Please set from_tf="),
        r"(?i:from a TF 2\.0 checkpoint, please set from_tf=True)",
        explain_from_tf_hint_alone,
        priority=40,
    ),
    _p(
        "weights-corrupt",
        "BD304",
        (
            "invalid load key",
            "failed finding central directory",
            "invalid header or archive is corrupted",
            "invalid JSON in header: EOF",  # safetensors' header cut short
            "HeaderTooLarge",
            "MetadataIncompleteBuffer",  # safetensors: the file ends before its header says
            "Unable to load weights from pytorch",
            "storage has wrong size",
            "storage has wrong byte size",
            "more bytes. The file might be corrupted",
            "without having git-lfs installed",
            "Unsupported operand 118",
        ),
        # "invalid load key ,'<'": a reporter's retyped spacing
        r"invalid load key ?, ?'(?P<loadkey>\\x[0-9a-fA-F]{2}|.)'|failed finding central directory|"
        r"failed reading zip archive: invalid header or archive is corrupted|"
        r"invalid JSON in header: EOF|"
        # torch 2.6's weights_only unpickler: operand 118 is the 'v' of a Git LFS pointer
        r"WeightsUnpickler error: Unsupported operand 118\b|"
        r"HeaderTooLarge|MetadataIncompleteBuffer|"
        r"Unable to load weights from pytorch checkpoint file|"
        # torch 1.x-2.x; torch 2.0's message printed its format string (expected %ld got %ld)
        r"storage has wrong (?:byte )?size: expected (?:-?\d+|%ld) got (?:\d+|%ld)|"
        r"unexpected EOF, expected \d+ more bytes\. The file might be corrupted|"
        # transformers reads the file's first bytes when torch.load fails: "version https://..."
        r"You seem to have cloned a repository without having git-lfs installed",
        explain_weights_corrupt,
        priority=75,
    ),
    _p(
        "could-not-find-checkpoint",
        "BD301",
        ("Could not find", "could not find"),
        # BLEURT's `AssertionError: Could not find BLEURT checkpoint bleurt/test_checkpoint`
        r"(?i:could not find) (?:the )?(?:\w+ )?(?:checkpoint|model) "
        r"(?:folder |directory |at |in )?['\"]?"
        r"(?P<path>[^\s'\"]*[\\/][^\s'\"]*|[\w.-]+[\w])['\"]?\.?[ \t]*(?=\n|$)",
        explain_checkpoint_not_found,
        priority=70,
    ),
    _p(
        "spm-not-a-string",
        "BD302",
        "TypeError: not a string",
        r"TypeError: not a string",
        explain_spm_not_a_string,
        priority=60,
    ),
    _p(
        "incompatible-keys",
        "BD316",
        "_IncompatibleKeys(missing_keys=[",
        r"_IncompatibleKeys\(missing_keys=\[(?P<keys>[^\]]{0,6000})",
        explain_incompatible_keys,
        priority=60,
    ),
    _p(
        "torchmetrics-highest-label",
        "BD201",
        "The highest label in `target` should be smaller than",
        r"The highest label in `target` should be smaller than the size of the `C` dimension of "
        r"`preds`",
        _simple(
            "BD201",
            "torchmetrics found a label id that is not below the number of classes the model "
            "outputs (the model keeps num_labels=2 while the data has more classes, or labels "
            "are numbered from 1).",
            "build the model with num_labels=len(labels) (and id2label/label2id), and number "
            "the labels from 0. Confirm: `bertdoctor check-data TRAIN_FILE --model {model}`",
        ),
        priority=70,
    ),
    _p(
        "hub-module-loader",
        "BD307",
        "Missing implementation that supports: loader",
        r"Missing implementation that supports: loader\(\*\(['\"](?P<path>[^'\"\n]+)['\"],?\)",
        explain_hub_module_loader,
        priority=70,
    ),
    _p(
        "tf-data-loss",
        "BD304",
        ("Data loss: not an sstable", "Checksum does not match: stored"),
        r"(?:(?P<file>[\w./\\:-]*\.(?:data-\d+-of-\d+|index|ckpt[\w.-]*)): )?Data loss: not an "
        r"sstable|Checksum does not match: stored \d+ vs\. calculated on the restored bytes \d+",
        explain_tf_data_loss,
        priority=70,
    ),
    _p(
        "missing-model-file",
        "BD302",
        "No such file or directory",
        r"No such file or directory: '?(?P<path>[^'\n]*?)[\\/]+(?P<file>vocab\.txt|config\.json|"
        # a BPE tokenizer's files (RoBERTa's and GPT-2's, fairseq's encoder.json and vocab.bpe)
        r"vocab\.json|merges\.txt|encoder\.json|vocab\.bpe|"
        r"tokenizer\.json|tokenizer_config\.json|pytorch_model\.bin|model\.safetensors|"
        r"bert_config\.json|modules\.json|training_args\.bin)(?:'|(?=\n)|$)",
        explain_file_not_found,
        priority=70,
    ),
    _p(
        "vocab-size-mismatch",
        "BD305",
        (
            "word_embeddings.weight: copying a param",
            "word_embedding.weight: copying a param",
            "predictions.decoder",
            "predictions.bias: copying",
            "embed_tokens.weight: copying a param",  # fairseq and BART's token embedding
            "shared.weight: copying a param",  # T5 and BART's shared embedding
            "lm_head.weight: copying a param",  # a language-model head, one row per token
            "final_logits_bias: copying a param",  # BART's [1, vocab] bias of its output
            "word_embeddings.weight:",  # a paste that wraps the line after the name
            # a hand-written transformer's token table (SongNet's tok_embed, GPT-2's wte)
            "tok_embed.weight: copying a param",
            "tok_embedding.weight: copying a param",
            "tok_embeddings.weight: copying a param",
            "token_embedding.weight: copying a param",
            "token_embeddings.weight: copying a param",
            "wte.weight: copying a param",
            # any model's own token table (an LSTM's embed, a VAE's embedding)
            "embed.weight: copying a param",
            "embedding.weight: copying a param",
            "embeddings.weight: copying a param",
        ),
        # the word embedding, or the masked-LM head's output over the vocabulary
        r"size mismatch for [\w.]*(?:word_embeddings?\.weight|embed_tokens\.weight|"
        r"(?<![a-z])(?:tok_embed(?:dings?)?|token_embeddings?|wte)\.weight|"
        r"(?<!\w)(?:shared|lm_head)\.weight|(?<![\w.])final_logits_bias|"
        r"cls\.predictions\.(?:decoder\.)?"
        r"(?:weight|bias)|"
        # a model's own token table under a plain name (rnn.embed, jtnn.embedding), not a table
        # of positions, types, languages or prefixes
        r"(?<![\w])(?:embed|embedding|embeddings)\.weight"
        r"):\s*copying a param (?:with shape\s?"
        r"torch\.Size\(\[(?P<ckpt>[\d, ]*)\]\) from checkpoint,\s*the shape in current model "
        r"is\s*torch\.Size\(\[(?P<cur>[\d, ]*)\]\)|"
        # torch 0.4: copying a param of torch.Size([121328, 1024]) from checkpoint, where the
        # shape is torch.Size([95000, 1024]) in current model
        r"of torch\.Size\(\[(?P<ckpt2>[\d, ]*)\]\) from checkpoint, where the shape is "
        r"torch\.Size\(\[(?P<cur2>[\d, ]*)\]\) in current model)",
        explain_vocab_mismatch,
        priority=86,
    ),
    _p(
        "state-dict-size-mismatch",
        "BD306",
        "size mismatch for",
        # the head's names: BERT's classifier, XLNet/XLM's sequence_summary, GPT-2's score,
        # QA's qa_outputs, a BiLSTM-CRF's hidden2tag, a joint model's intent/slot heads, MT-DNN's
        # scoring_list, a grammar decoder's rule_logits
        r"size mismatch for [\w.]*(?:classifier|crf|fc|out|linear|dense|summary|scor(?:e|ing)|"
        r"logits|"
        r"hidden2tag|heads?\b|(?:tags?|labels?)_\w*projection)[\w.]*: copying a param with shape",
        explain_head_mismatch,
        priority=85,
    ),
    _p(
        "tf-assign-shapes",
        "BD306",
        "Assign requires shapes of both tensors to match",
        # TensorFlow 1 restoring a checkpoint: lhs is the graph's variable, rhs the checkpoint's
        r"Assign requires shapes of both tensors to match\. lhs shape= ?\[(?P<cur>[\d, ]*)\] "
        r"rhs shape= ?\[(?P<ckpt>[\d, ]*)\]",
        explain_tf_assign,
        priority=85,
    ),
    _p(
        "keras-tf-format-weights",
        "BD307",
        "Weights may only be loaded based on topology",
        # Keras' load_weights(by_name=True), which transformers' TF classes call on the weights
        # file, given a TensorFlow checkpoint (bert_model.ckpt) instead of an .h5 file
        # (also as Keras' source pastes it, the string split over two quoted lines)
        r"Weights may only be loaded based on topology into Models when ?(?:['\"]\s*\n\s*['\"])?"
        r"loading TensorFlow-formatted weights",
        _simple(
            "BD307",
            "a TensorFlow class was given a TensorFlow checkpoint (bert_model.ckpt, Google's "
            "original TF 1 format) where it reads Keras weights (tf_model.h5): Keras loads "
            "such checkpoints only by topology, not by name.",
            "use the model's PyTorch or transformers release (config.json with "
            "pytorch_model.bin or tf_model.h5), or convert the checkpoint with transformers' "
            "convert_bert_original_tf_checkpoint_to_pytorch and load it with from_pt=True. "
            "Confirm: `bertdoctor check-model {model}`",
        ),
        priority=80,
    ),
    _p(
        # paddlenlp's from_pretrained: "Skip loading for tag_classifier.weight.
        # tag_classifier.weight receives a shape [768, 369], but the expected shape is [768, 37]."
        "paddle-skip-loading-shape",
        "BD306",
        "receives a shape",
        r"Skip loading for (?P<key>[\w.]+)\. [\w.]+ receives a shape \[(?P<ckpt>[\d, ]+)\], but "
        r"the expected shape is \[(?P<cur>[\d, ]+)\]",
        explain_tf_assign,
        priority=80,
        first=True,  # the head's weight comes first; a CRF's square transitions differ twice
    ),
    _p(
        "keras-weight-shape",
        "BD306",
        "is not compatible with provided weight shape",
        # Keras' set_weights / load_weights: the layer's own shape, then the file's
        r"Layer \w+ weight shape \((?P<cur>[\d, ]+)\) is not compatible with provided weight "
        r"shape \((?P<ckpt>[\d, ]+)\)",
        explain_tf_assign,
        priority=80,
    ),
    _p(
        "tf-square-shapes",
        "BD306",
        "are incompatible",
        # Keras restoring a CRF's transition matrix (num_tags x num_tags) of another tag count
        r"Shapes \((?P<cur>\d+), ?(?P=cur)\) and \((?P<ckpt>\d+), ?(?P=ckpt)\) are incompatible",
        explain_tf_square_shapes,
        priority=60,
    ),
    _p(
        "tf-embedding-shapes",
        "BD305",
        "are incompatible",
        # Keras restoring a word embedding of another vocabulary: (13685, 768) and (13584, 768)
        r"Shapes \((?P<a>\d{4,}), ?(?P<h>\d+)\) and \((?P<b>\d{4,}), ?(?P=h)\) are incompatible",
        explain_tf_embedding_shapes,
        priority=60,
    ),
    # imports
    _p(
        "set-tensor-shape",
        "BD306",
        "this looks incorrect",
        r"Trying to set a tensor of shape torch\.Size\(\[(?P<ckpt>[\d, ]*)\]\) in "
        r"\"(?P<name>\w+)\" \(which has shape torch\.Size\(\[(?P<cur>[\d, ]*)\]\)\), "
        r"this looks incorrect",
        explain_set_tensor_shape,
        priority=80,
    ),
    _p(
        "load-mismatch-v5",
        "BD306",
        "You set `ignore_mismatched_sizes` to `False`",
        r"You set `ignore_mismatched_sizes` to `False`, thus raising an error",
        explain_head_mismatch,
        priority=85,
    ),
    _p(
        "state-dict-keys",
        "BD316",
        ("Unexpected key(s) in state_dict", "Missing key(s) in state_dict", 'unexpected key "'),
        r"(?:Missing|Unexpected) key\(s\) in state_dict:(?: [^\n]*)?|"
        # torch before 0.4: KeyError: 'unexpected key "module.embedding.weight" in state_dict'
        r"unexpected key \"(?:\w+\.)+\w+\" in state_dict",
        explain_state_dict_keys,
        priority=80,
    ),
    _p(
        "tokenizer-is-none",
        "BD302",
        "'NoneType' object has no attribute",
        r"'NoneType' object has no attribute '(?P<attr>tokenize|convert_tokens_to_ids|"
        r"encode|encode_plus|batch_encode_plus|vocab|wordpiece_tokenizer)'",
        explain_tokenizer_none,
        priority=40,
    ),
    _p(
        "tokenizer-none-prose",
        "BD313",
        (
            "okenizer is none",
            "okenizer was none",
            "okenizer return",
            "okenizer is None",
            "okenizer was None",
            "okenizer is NONE",
            "None` object is returned",
            "None object is returned",
            "returns `None`",
            "returned `None`",
            "returns None",
            "returned None",
        ),
        # the reporter's words: "the xlm-r tokenizer is none but the model can be found";
        # "When trying to use `XLNetTokenizer.from_pretrained()`, `None` object is returned"
        r"(?i:tokenizer (?:is|was|returns|returned) none(?:type)?\b)|"
        r"from_pretrained\([^)\n]*\)`?,? (?:it )?(?:`None` object is returned|None object is "
        r"returned|returns `?None\b|returned `?None\b)",
        explain_sentencepiece_missing,
        priority=30,
    ),
    _p(
        "model-is-none",
        "BD308",
        "'NoneType' object has no attribute",
        r"'NoneType' object has no attribute '(?P<attr>embeddings|encoder|bert|config|cuda|eval|"
        r"parameters|named_parameters|state_dict|resize_token_embeddings|to|half|train|"
        r"init_bert_weights)'",  # pytorch_pretrained_bert's own initializer
        explain_model_none,
        priority=40,
    ),
    _p(
        "model-is-none-called",
        "BD301",
        "'NoneType' object is not callable",
        r"'NoneType' object is not callable",
        explain_model_none,
        priority=40,
    ),
    _p(
        "vocab-unreadable",
        "BD302",
        ("Unable to load vocabulary from file", "not NoneType"),
        r"Unable to load vocabulary from file|(?:expected str, bytes or os\.PathLike object|path "
        r"should be string, bytes, os\.PathLike or integer), not NoneType",
        explain_vocab_unreadable,
        priority=70,
    ),
    _p(
        "tokenizer-class-missing",
        "BD313",
        "does not exist or is not currently imported",
        r"Tokenizer class (?P<cls>\w+) does not exist or is not currently imported",
        explain_tokenizer_class_missing,
        priority=75,
    ),
    _p(
        "sentencepiece-missing",
        "BD313",
        ("You need to have sentencepiece installed", "have `sentencepiece` installed"),
        # transformers 4.x: "This tokenizer cannot be instantiated. Please make sure you have
        # `sentencepiece` installed in order to use this tokenizer."
        r"You need to have sentencepiece installed|make sure you have `sentencepiece` installed",
        _simple(
            "BD313",
            "the tokenizer needs the sentencepiece package to be built, and the running Python "
            "cannot import it.",
            SENTENCEPIECE_INSTALL + "; or use a checkpoint with a tokenizer.json. "
            "Confirm: `bertdoctor check-imports {script}`",
        ),
        priority=80,
    ),
    _p(
        "sentencepiece-unbound",
        "BD313",
        "local variable 'spm'",
        # a tokenizer module's `try: import sentencepiece as spm / except ImportError: warn`,
        # then spm.SentencePieceProcessor(): the name is unbound because the import failed
        # (Python 3.11 words it "cannot access local variable 'spm' where it is not
        # associated with a value")
        r"local variable 'spm' (?:referenced before assignment|where it is not associated with "
        r"a value)",
        _simple(
            "BD313",
            "the tokenizer's code imports sentencepiece as spm inside a try that only warns "
            "when the import fails, and the name spm is unbound when the tokenizer is built: "
            "the sentencepiece package is not installed in the Python that runs the code.",
            SENTENCEPIECE_INSTALL + ". Confirm: `bertdoctor check-imports {script}`",
        ),
        priority=75,
    ),
    _p(
        "sentencepiece-name-undefined",
        "BD313",
        "name 'spm' is not defined",
        # the module-level form of the same guarded import (a likely answer: the user's own
        # script may lack its `import sentencepiece as spm`)
        r"NameError: name 'spm' is not defined",
        _simple_likely(
            "BD313",
            "the name spm (sentencepiece's usual alias) is not defined: a module that imports "
            "sentencepiece inside a try that only warns found it missing, or the script lacks "
            "its `import sentencepiece as spm`.",
            SENTENCEPIECE_INSTALL + ", or add the import to the script. Confirm: `bertdoctor "
            "check-imports {script}`",
        ),
        priority=70,
    ),
    _p(
        "sentencepiece-model-none",
        "BD302",
        'Not found: "None"',
        # sentencepiece asked to load vocab_file=None: the tokenizer found no .model file
        r"OSError: Not found: \"None\": No such file or directory",
        _simple(
            "BD302",
            "the tokenizer was built with no vocabulary file (sentencepiece was asked to load "
            '"None"): the model folder has no sentencepiece model (sentencepiece.bpe.model, '
            "spiece.model) for this slow tokenizer class.",
            "save the tokenizer into the folder (tokenizer.save_pretrained(model_dir)) or copy "
            "the base model's tokenizer files there, or load it with AutoTokenizer, which can use "
            "a tokenizer.json. Confirm: `bertdoctor check-model {model}`",
        ),
        priority=70,
    ),
    _p(
        "tf-restore-none",
        "BD301",
        "Can't load save_path when it is None",
        r"Can't load save_path when it is None",
        _simple_likely(
            "BD301",
            "TensorFlow was asked to restore a checkpoint of None (`{text}`): "
            "tf.train.latest_checkpoint(model_dir) found no `checkpoint` file in the folder, so "
            "the model folder's path is wrong, or the model was never trained or downloaded "
            "into it.",
            "pass the folder that holds the `checkpoint` file and the model.ckpt-* files (an "
            "absolute path, or one right for the working directory). Confirm: "
            "`bertdoctor check-model {model}`",
        ),
        priority=60,
    ),
    _p(
        "empty-tokens-assert",
        "BD221",
        "AssertionError",
        # a data script's check that a segment has tokens: "assert len(tokens_b) >= 1" in
        # pregenerate_training_data.py, then a bare AssertionError (noisy text that the
        # tokenizer turns into no tokens at all); explain_empty_tokens_assert reads the line
        r"AssertionError\b",
        explain_empty_tokens_assert,
        priority=41,
    ),
    _p(
        "float-text",
        "BD221",
        (
            'can only concatenate str (not "float") to str',
            "Unsupported string type: <class 'float'>",
        ),
        r'can only concatenate str \(not "float"\) to str|'
        # Google BERT's tokenization.convert_to_unicode
        r"Unsupported string type: <class 'float'>",
        _simple_likely(
            "BD221",
            "a text value is a float (`{text}`): an empty cell of the data file, which pandas "
            "reads as NaN, reached code that builds text from it.",
            "drop or fill the empty rows when reading the data (df = df.dropna(subset=[TEXT]) or "
            "df[TEXT].fillna('')). Confirm: `bertdoctor check-data TRAIN_FILE`",
        ),
        priority=50,
    ),
    _p(
        "torch-missing-for-transformers",
        "BD112",
        (
            "requires the PyTorch library but it was not found",
            "At least one of TensorFlow 2.0 or PyTorch should be installed",
        ),
        r"(?P<what>\w+) requires the PyTorch library but it was not found in your environment|"
        # the pipeline's check, with no framework importable at all
        r"At least one of TensorFlow 2\.0 or PyTorch should be installed",
        explain_torch_not_found,
        priority=80,
    ),
    _p(
        "pandas-json-unparsed",
        "BD217",
        "Expected object or value",
        # pandas' read_json on a file that is not one JSON document (JSON Lines without
        # lines=True, a stray character), or on a path string it took for JSON text
        r"ValueError: Expected object or value",
        explain_pandas_json,
        priority=60,
    ),
    _p(
        "arrow-json-column-changed",
        "BD217",
        "JSON parse error: Column(",
        # pyarrow's JSON reader (datasets' load_dataset("json")): one record's field has another
        # type than the records before it
        r"JSON parse error: Column\((?P<column>[^)\n]*)\) changed from (?P<was>\w+) to "
        r"(?P<now>\w+)",
        _simple_likely(
            "BD217",
            "a record of the JSON data has field {column} as {now} where the records before "
            "had {was} (`{text}`): an unescaped quote inside a string, or a field written as "
            "an object in some records and as text in others.",
            'make the field the same type in every record (escape inner quotes as \\", or '
            "json.dumps the value), and find the record with a JSON parser line by line. "
            "Confirm: `bertdoctor check-data TRAIN_FILE`",
        ),
        priority=70,
    ),
    _p(
        "sklearn-target-names",
        "BD205",
        "does not match size of target_names",
        r"Number of classes, (?P<n>\d+), does not match size of target_names, (?P<m>\d+)",
        explain_target_names,
        priority=70,
    ),
    _p(
        "offsets-to-model-prose",
        "BD413",
        ("return_offsets_mapping", "return_offset_mapping"),
        r"return_offsets?_mapping\s*=\s*True",
        explain_offsets_to_model,
        priority=25,
    ),
    _p(
        "problem-type-loss-prose",
        "BD405",
        "problem_type",
        # the reporter: the model's problem_type picked another loss than they meant (a
        # checkpoint whose config says multi_label_classification runs BCEWithLogitsLoss)
        # (a sentence may wrap once)
        r"\bproblem_type\b(?:[^\n]|\n(?!\n)){0,200}?\b(?:BCEWithLogitsLoss|CrossEntropyLoss|"
        r"MSELoss)\b|\b(?:BCEWithLogitsLoss|CrossEntropyLoss|MSELoss)\b(?:[^\n]|\n(?!\n)){0,200}?"
        r"\bproblem_type\b",
        explain_problem_type_prose,
        priority=30,
    ),
    _p(
        "roberta-token-type-one",
        "BD206",
        "token_type_ids",
        # token type ids written into the code with a 1 among them (explain_roberta_token_types)
        r"token_type_ids\s*=\s*torch\.(?:tensor|LongTensor)\(\s*\[\[[\d,\s]*\b1\b",
        explain_roberta_token_types,
        priority=30,
    ),
    _p(
        "default-id2label-prose",
        "BD306",
        ("LABEL_1", "only 2", "only two"),
        # "the id2label dictionary in the config for the model has only 2 labels in it
        # currently, `{0: 'LABEL_0', 1: 'LABEL_1'}`" (explain_default_id2label_prose: only
        # for a token-classification task)
        r"\{\s*['\"]?0['\"]?\s*:\s*['\"]LABEL_0['\"]\s*,\s*['\"]?1['\"]?\s*:\s*['\"]LABEL_1['\"]\s*\}"
        r"|(?i:id2label|config)(?:[^\n.]|\n(?!\n)){0,60}?\bonly\s+(?:2|two)\s+labels\b",
        explain_default_id2label_prose,
        priority=30,
    ),
    _p(
        "labels-added-prose",
        "BD201",
        ("增加", "添加", "新增", "加了", "added", "adding", "add ", "Added", "Adding", "Add "),
        # the reporter added labels (tags) to the data and the run fails: the model still has
        # the old number of classes
        r"(?:增加|添加|新增|加了)[^\n。]{0,8}(?:标签|类别|label)[^\n。]{0,12}(?<!没有)(?<!没)(?<!未)"
        r"(?:报错|出错|错误)|"
        r"(?:标签|类别)[^\n。]{0,4}(?:增加|添加|新增)[^\n。]{0,8}(?<!没有)(?<!没)(?<!未)"
        r"(?:报错|出错|错误)|"
        r"(?i:\b(?:added|add|adding) (?:\w+ ){0,3}(?:labels|tags|classes)\b"
        r"(?! to (?:the |my |our )?(?:readme|docs?|documentation|issue|repo|github)\b)"
        r"(?:[^\n.]|\n(?!\n)){0,100}(?<!no )(?<!without )(?<!n't )"
        r"\b(?:error(?! rate)|fails?|failed|crash(?:es|ed)?)\b)",
        _simple_likely(
            "BD201",
            "the report says labels were added to the data and the run fails ({text!r}): the "
            "model still has the old number of classes, so the new label ids are out of range.",
            "set num_labels (num_classes) to the new number of labels, counting every B-/I- tag "
            "and O, and rebuild the label list from the data. Confirm: `bertdoctor check-data "
            "TRAIN_FILE`",
            unless_failed=True,
        ),
        priority=25,
    ),
    _p(
        "target-names-prose",
        "BD213",
        ("target_name", "target names", "number of classes", "number of labels"),
        # the same report in the reporter's words, without its numbers: more often an evaluation
        # split that lacks some classes (BD213) than labels the list does not name (BD205)
        r"(?:类的|类别的?|分类的?)(?:个数|数量|数目)[^\n。]{0,6}(?:跟|和|与)\s*target_names?"
        r"[^\n。]{0,6}不(?:匹配|一致|相等|对应)|"
        r"(?i:number\s+of\s+(?:classes|labels)\s+(?:does\s+not|doesn't)\s+match\s+(?:the\s+)?"
        r"(?:size\s+of\s+)?target[_ ]names)(?!, \d)",
        _simple_likely(
            "BD213",
            "the report says classification_report's number of classes does not match "
            "target_names ({text!r}): usually the evaluation split lacks some of the declared "
            "classes (they occur neither as a label nor as a prediction); if the split has more "
            "label ids than names, the label list is short instead (BD205).",
            "pass labels=list(range(len(target_names))) to classification_report so that absent "
            "classes show with zero support, and check that every class occurs in the evaluation "
            "split. Confirm: `bertdoctor check-data TRAIN_FILE DEV_FILE`",
            unless_failed=True,
        ),
        priority=30,
    ),
    _p(
        "csv-parser-error",
        "BD217",
        "Error tokenizing data",
        r"Error tokenizing data\. C error: Expected (?P<want>\d+) fields in line (?P<line>\d+), "
        r"saw (?P<saw>\d+)",
        _simple(
            "BD217",
            "line {line} of the data file has {saw} fields where pandas expected {want}: a text "
            "with the separator in it (a tab or comma inside the sentence), or a quote that "
            "opens a field and never closes.",
            "read the file with its real separator and quoting (pd.read_csv(path, sep='\\t', "
            "quoting=csv.QUOTE_NONE)), or find and fix that line. Confirm: "
            "`bertdoctor check-data TRAIN_FILE`",
        ),
        priority=70,
    ),
    _p(
        "library-requires-package",
        "BD313",
        (
            "`: Please run `pip install",
            "`: Run `pip install",
            "`: run `pip install",
            "with `PyTorch` requires `",
        ),
        # transformers' Trainer: "Using the `Trainer` with `PyTorch` requires `accelerate>=0.21`:
        # Please run `pip install transformers[torch]`" (a reporter's copy may stop at the name)
        r"requires `(?P<packages>[\w-]+)(?:[<>=!~][^`\n]*)?`: (?:Please )?[Rr]un `pip install|"
        r"Using the `Trainer` with `PyTorch` requires `(?P<packages2>[\w-]+)",
        _simple(
            "BD313",
            "the library needs a package that is not installed in the environment that ran "
            "the code: {packages}.",
            "pip install the package it names in that environment; in a notebook, restart the "
            "kernel (runtime) afterwards, or the old import state stays (NameError on its "
            "names). Confirm: `bertdoctor check-env`",
        ),
        priority=80,
    ),
    _p(
        "pip-install-needed-prose",
        "BD313",
        ("to be installed", "pip install"),
        # the reporter's words: "It needs to be installed with `pip install regex` as the
        # ImportError prints", "uses the package `regex`, which is not mentioned anywhere"
        r"(?i)\b(?:needs?|has|have) to be installed (?:with|via|using|by) [`'\"]?pip install "
        # (options skipped, with the value of -i/--index-url; not -r requirements.txt)
        r"(?:(?:-i|--index-url|--extra-index-url|-f|--find-links)\s+\S+\s+|-(?!r\b|e\b)"
        r"-?[\w-]+\s+)*(?!-)(?P<packages>[A-Za-z][\w.-]*[A-Za-z0-9])",
        _simple_likely(
            "BD313",
            "the report says the code imports a package that is not installed ({text!r}): the "
            "project uses {packages} without listing it in its requirements.",
            "pip install the package with the python that runs the script (python -m pip "
            "install NAME); in a notebook, restart the kernel afterwards. Confirm: `bertdoctor "
            "check-imports {script}`",
            unless=re.compile(
                r"(?i)\b(?:which|and) (?:I|we) did\b|\b(?:I|we) did (?:that|it|this)\b|already "
                r"installed|installed it\b|is installed\b|(?:I|we) (?:have|'ve) done\b"
            ),
        ),
        priority=30,
    ),
    _p(
        "installed-not-found-prose",
        "BD313",
        (
            "issing module",
            "issing-module",
            "odule not found",
            "odule-not-found",
            "o module named",
            "find module",
            "installed",
            "설치되어",
            "安装",
        ),
        # the reporter's words: a module the error says is missing, which they did install
        # ("missing module error ... i have installed sacremoses in the NLP environment yet I
        # still get the error"; "python-mecab-ko가 설치되어 있음에도 불구하고 python 인식하지
        # 못하는"; "已经安装了jieba，但是还是提示No module named"): another Python's packages
        # (explain_installed_not_found: not CUDA or a GPU driver, not a module the error
        # names that is another package; the Chinese and Korean words must name a module)
        r"(?i:(?:missing[ -]module|module[ -]not[ -]found|no module named|cannot find module|"
        r"can't find module|could not find module)[\s\S]{0,300}?\b(?:I|we)(?: have| had|'ve)? "
        r"(?:already |definitely |clearly |also )?installed (?P<packages>[a-z][\w.-]*[a-z0-9])\b"
        r"[^\n.]{0,60}?\b(?:yet|but|still)\b"
        r"|\b(?:I|we)(?: have| had|'ve)? (?:already |definitely |clearly )?installed "
        r"(?P<packages2>[a-z][\w.-]*[a-z0-9])\b[^\n]{0,80}?\b(?:yet|but|however|still)\b[^\n]{0,80}?"
        r"(?:missing[ -]module|module[ -]not[ -]found|no module named|modulenotfounderror|"
        r"(?:can ?not|can't|could ?n[o']t) (?:find|import) (?:the module|module)\b))"
        # "python-mecab-ko가 설치되어 있음에도 불구하고 python 인식하지 못하는": Python (or the
        # module, the import) does not see it
        r"|(?P<packages3>[A-Za-z][\w.-]*[A-Za-z0-9])\s*(?:가|이|를|은|는)?\s*설치되어\s*"
        r"있(?:음에도|는데|지만)[^\n]{0,30}?(?:(?i:python)|파이썬|모듈|(?i:module|import))\s*"
        r"(?:이|가|에서|을|를)?\s*(?:인식하지\s*못|인식\s*(?:안|못)|찾을\s*수\s*없|찾지\s*못)"
        r"|(?:已经|明明)安装了?\s*(?P<packages4>[A-Za-z][\w.-]*[A-Za-z0-9])[^\n]{0,30}?"
        r"(?:但|可是|却|还是|依然|仍然)[^\n]{0,30}?(?:找不到(?:这个|该|此)?(?:模块|包|库|module)|"
        r"No module named|没有(?:这个|该)?(?:模块|包|库))",
        explain_installed_not_found,
        priority=30,
    ),
    _p(
        "had-to-install-prose",
        "BD313",
        ("had to", "Had to", "have to", "Have to", "need to", "Need to", "needed to", "Needed to"),
        # the reporter's words: "I had to manually install `spacy[transformers]` before
        # installing en_core_sci_scibert before getting it to work. Maybe add it to the
        # requirements": a dependency the package does not declare (with or without its
        # subject: "Had to install sentencepiece to get it to work"; explain_had_to_install
        # leaves out a pinned version and the GPU stack)
        r"(?i)(?:\b(?:I|we|you) |(?m:^)|(?<=[.!?] ))(?:had|have|need(?:ed)?) to (?:manually |also |"
        r"additionally |separately |first |explicitly )?(?:pip )?install [`'\"]?(?P<packages>"
        r"[a-z][\w.-]*(?:\[[\w,-]+\])?)[`'\"]?(?:[^\n]|\n(?!\n)){0,120}?(?:to\s+(?:get|make)\s+(?:it|this|"
        r"the \w+)\s+(?:to\s+)?work|before\s+(?:getting\s+)?(?:it|this)\s+(?:to\s+)?work|add\s+"
        r"(?:it|this|them)\s+to\s+(?:the\s+|your\s+)?requirements|(?:missing|absent)\s+from\s+"
        r"(?:the\s+|your\s+)?requirements|not\s+(?:in|listed\s+in)\s+(?:the\s+|your\s+)?"
        r"requirements)",
        explain_had_to_install,
        priority=30,
    ),
    _p(
        "pip-install-needed-in-image-prose",
        "BD313",
        ("pip install",),
        # the reporter's title: "pip install transformers is necessary to Dockerfile" (the image
        # built from the repository's Dockerfile lacked it)
        r"(?i)\bpip install (?P<packages>[A-Za-z][\w.-]*[A-Za-z0-9]) is (?:necessary|needed|"
        r"required|missing) (?:in|to|for|from) (?:the |your |our )?(?:Dockerfile|docker image|"
        r"requirements(?:\.txt)?|environment\.yml)\b",
        _simple_likely(
            "BD313",
            "the report says the environment the project builds lacks a package ({text!r}): "
            "its Dockerfile (or requirements) does not install {packages}, which the code "
            "imports.",
            "add the package to the Dockerfile's RUN pip install line (or to requirements.txt) "
            "and rebuild the image. Confirm: `bertdoctor check-imports {script}`",
            # a question, or the reporter saying it runs without it
            unless=re.compile(r"\?|\bwhy\b|without it\b"),
        ),
        priority=30,
    ),
    _p(
        "clip-grad-no-gradient",
        "BD504",
        "stack expects a non-empty TensorList",
        r"stack expects a non-empty TensorList",
        explain_clip_no_gradient,
        priority=60,
    ),
    _p(
        "ddp-unused-parameters",
        "BD504",
        "not used in producing",
        # torch 1.x: "producing loss"; torch 2.x: "producing a loss"; a paste wraps the line
        r"(?:(?:module has )?parameters that\s+)?were not used in producing (?:the |a )?loss",
        _simple_likely(
            "BD504",
            "DistributedDataParallel found parameters that got no gradient ({text}): a part of "
            "the model that forward never uses for the loss (BERT's pooler when only the "
            "token outputs are used, a head built but not called, a frozen branch).",
            "remove the unused parts (add_pooling_layer=False for BertModel) or freeze them "
            "(requires_grad=False); or pass find_unused_parameters=True to "
            "DistributedDataParallel (TrainingArguments(ddp_find_unused_parameters=True)), "
            "which costs a little speed. Confirm: `bertdoctor check-script {script}`",
        ),
        priority=75,
    ),
    _p(
        "presidio-engine-missing",
        "BD313",
        "is not available. Make sure you have all required packages installed",
        # Microsoft Presidio's analyzer, asked for an NLP engine whose extra is not installed
        r"NLP engine '\w+' is not available(?=\. Make sure you have all required packages)",
        _simple_likely(
            "BD313",
            "Presidio cannot build the NLP engine it was asked for ({text}): the packages that "
            "engine needs (for 'transformers': transformers and spacy-huggingface-pipelines) are "
            "not installed in the Python that ran the code.",
            'pip install "presidio-analyzer[transformers]" in that Python (and the spaCy model '
            "the configuration names). Confirm: `bertdoctor check-imports {script}`",
        ),
        priority=70,
    ),
    _p(
        "fp16-needs-cuda",
        "BD528",
        ("can only be used on CUDA", "amp + cpu is not supported"),
        # transformers' Trainer ("on CUDA devices", later "on CUDA or NPU devices"), and
        # PyTorch Lightning 1.x's CPU accelerator
        r"(?:FP16|fp16|Mixed precision)[^\n]{0,160}?can only be used on CUDA(?: or NPU)? "
        r"devices|"
        r"amp \+ cpu is not supported",
        _simple_likely(
            "BD528",
            "fp16 was asked for, and torch sees no CUDA device ({text}): a machine without a "
            "GPU, or a CPU-only build of torch (BD101) on one that has it.",
            "drop --fp16 (fp16=False) on a CPU, or run on a GPU with a CUDA build of torch. "
            "Confirm: `bertdoctor check-env`",
        ),
        priority=75,
    ),
    _p(
        "cuda-forked-worker",
        "BD606",
        ("re-initialize CUDA in forked subprocess", "re-initialize cuda in forked subprocess"),
        r"(?i:cannot re-initialize cuda in forked subprocess)",
        explain_cuda_forked_worker,
        priority=60,
    ),
    _p(
        "fairseq-max-positions",
        "BD208",
        "since max_positions=",
        # fairseq's check of an example's length against the model's positions
        r"size of sample #\d+ is invalid \(=\((?P<len>\d+), \d+\)\) since "
        r"max_positions=\((?P<max>\d+), \d+\)",
        _simple(
            "BD208",
            "an example is {len} tokens long and the model takes at most {max} positions "
            "(max_positions): the text was not truncated to the model's length.",
            "truncate or split the texts to the model's maximum (for a translation step, cut "
            "long texts into sentences and join the outputs), or skip them with "
            "--skip-invalid-size-inputs-valid-test. Confirm: `bertdoctor check-data "
            "TRAIN_FILE --model {model}`",
        ),
        priority=60,
    ),
    _p(
        "half-op-on-cpu",
        "BD528",
        "not implemented for 'Half'",
        # a CPU kernel without fp16 (addmm_impl_cpu_, LayerNormKernelImpl, clamp_min_cpu): a model
        # or tensors in half precision used where no GPU runs them; not a CUDA kernel's name,
        # nor a loss's *_index kernel, which is dispatched on the labels' dtype (BD402)
        r"[\"'](?P<op>(?!\w*(?i:cuda|nll|_index))\w+)[\"'] not implemented for 'Half'",
        _simple_likely(
            "BD528",
            "fp16 tensors reached a CPU operation that has no half-precision kernel ({text}): "
            "a model or tensors cast to fp16 (.half(), torch_dtype=torch.float16, --fp16) and "
            "run on the CPU.",
            "compute in fp32 on the CPU (model.float(), drop torch_dtype=torch.float16), or run "
            "on a GPU; to store embeddings in fp16, cast them after computing them in fp32. "
            "Confirm: `bertdoctor check-env`",
        ),
        priority=70,
    ),
    _p(
        "apex-amp-cpu-model",
        "BD528",
        "When using amp.initialize, you need to provide a model with parameters",
        r"When using amp\.initialize, you need to provide a model with parameters\s+located on a "
        r"CUDA device",
        _simple_likely(
            "BD528",
            "apex's amp.initialize got a model whose parameters are on the CPU: mixed "
            "precision was asked for where no GPU is used (a CPU run with apex installed), or "
            "the model is moved to the GPU only after amp.initialize.",
            "use fp16/amp only when torch.cuda.is_available(), and call model.to('cuda') before "
            "amp.initialize; on a CPU train in fp32. Confirm: `bertdoctor check-env`",
        ),
        priority=75,
    ),
    _p(
        "t-total-exceeded",
        "BD505",
        ("beyond specified 't_total'", "Training beyond specified"),
        # pytorch-pretrained-bert's BertAdam / WarmupLinearSchedule, every step past t_total
        r"(?i:training beyond specified 't_total')(?: steps with schedule '?(?P<schedule>\w+)'?)?"
        r"\. Learning rate (?:multiplier )?set to 0\.0",
        _simple(
            "BD505",
            "the learning-rate schedule was sized for t_total optimizer steps and the run went "
            "past them, so every later step trains at learning rate 0: t_total counts fewer "
            "steps than the loop makes (rounded down with int(), counted per batch while the "
            "optimizer steps once per accumulation, or more epochs or data than it was computed "
            "for).",
            "compute t_total from the loop that runs: len(train_dataloader) // "
            "gradient_accumulation_steps * num_train_epochs (rounded up for a last partial "
            "step), after the data is final. Confirm: `bertdoctor check-script {script}`",
        ),
        priority=60,
    ),
    _p(
        "python-symbol-missing",
        "BD112",
        ("Symbol not found: _Py", "undefined symbol: Py", "undefined symbol: _Py"),
        # a compiled extension built for another Python (PySlice_Unpack came with 3.6.1)
        r"Symbol not found: _(?P<symbol>Py\w+)|undefined symbol: _?(?P<symbol2>Py\w+)",
        explain_python_symbol,
        priority=70,
    ),
    _p(
        "source-not-utf8",
        "BD317",
        "but no encoding declared",
        r"Non-UTF-8 code starting with '(?P<byte>\\x[0-9a-fA-F]{2})' in file (?P<file>.+?) on "
        r"line (?P<line>\d+), but no encoding declared",
        _simple(
            "BD317",
            "Python cannot read {file}: its line {line} has the byte {byte}, which is not UTF-8, "
            "and the file declares no encoding (a script saved as GBK or another code page, "
            "typically with Chinese comments or strings).",
            "save the file as UTF-8 (the editor's encoding setting), or declare its encoding "
            "on the first line: # -*- coding: gbk -*-. Confirm: `bertdoctor check-script "
            "{script}`",
        ),
        priority=80,
    ),
    _p(
        "config-missing-sizes",
        "BD303",
        "required positional argument",
        # a model config class built from a file that lacks its sizes (another format)
        r"missing \d+ required positional arguments?: 'vocab_size'",
        _simple_likely(
            "BD303",
            "a model config was built without its sizes ({text}): the config file given is "
            "not in the format this code reads (another library's or another model's config, "
            "or an empty file), so none of its fields reached the constructor.",
            "give the config file of this checkpoint in the format the code expects (convert "
            "it with the library's converter, or use the checkpoint's own config.json). "
            "Confirm: `bertdoctor check-model {model}`",
        ),
        priority=50,
    ),
    _p(
        "backend-missing",
        "BD313",
        (
            "library but it was not found in your environment",
            "You need to install",
            "dictionary is not installed",
            "is required for the",
            "package is not installed",
            "you need to install the following dependencies",
            "is not available",
        ),
        # (the library's name follows an emoji, 🤗, that a paste may turn into another sign)
        r"(?P<what>\w+) requires the (?:\S{1,2} )?(?P<lib>[\w.-]+) library but it was not found "
        r"in your "
        r"environment|You need to install (?P<lib2>[\w.-]+)\s+to\s+use\s+(?P<what2>\w+)|"
        # TAPAS: "Pandas is required for the TAPAS tokenizer."
        r"\b(?P<lib4>[A-Z]?[a-z][\w-]+) is required for the (?P<what4>\w+ (?:tokenizer|model))|"
        # pymilvus: "The 'milvus_model' package is not installed. For installation, use ..."
        r"The '(?P<lib5>[\w.-]+)' package is not installed|"
        # datasets' and evaluate's metric scripts: "To be able to use seqeval, you need to
        # install the following dependencies['seqeval'] using 'pip install seqeval'"
        r"To be able to use (?:this )?(?P<what6>[\w.-]+), you need to install the following "
        r"dependencies\s*\[?'(?P<lib6>[\w.-]+)'|"
        r"The (?P<lib3>unidic_lite|unidic|ipadic) dictionary (?:itself )?is not installed|"
        # Top2Vec: "ImportError: distiluse-base-multilingual-cased is not available.\n\nTry:
        # pip install top2vec[sentence_transformers]"
        r"ImportError: (?P<what7>[^\n]{1,60}?) is not available\.?[ \t]*\n(?:[ \t]*\n){0,2}"
        r"[ \t]*Try:? [`']?pip install (?P<lib7>[\w.\[\]-]+)",
        explain_backend_missing,
        priority=75,
    ),
    _p(
        "onnx-model-file-missing",
        "BD301",
        "NO_SUCHFILE",
        r"NO_SUCHFILE : Load model from (?P<path>\S+?) failed",
        # a path wrong from the working directory and a model file never exported or
        # downloaded into its folder (BD304) read the same: the likelier one only
        _simple(
            "BD301",
            "ONNX Runtime found no model file at {path}: the path is read from the working "
            "directory the program ran in, or the model was never exported or downloaded there.",
            "export the model first (optimum-cli export onnx --model MODEL DIR), or download the "
            ".onnx file the project's README names, and pass its absolute path. Confirm: "
            "`bertdoctor check-model {model}`",
            tentative=True,
        ),
        priority=75,
    ),
    _p(
        "onnx-model-unparsable",
        "BD304",
        "Protobuf parsing failed",
        r"Load model from (?P<path>\S+?) failed: ?Protobuf parsing failed",
        _simple_likely(
            "BD304",
            "ONNX Runtime could not parse the model file ({text}): it is not a whole ONNX "
            "model, a Git LFS pointer (a repository cloned without git lfs) or a download that "
            "stopped.",
            "check the file's size against the original; git lfs install && git lfs pull in a "
            "cloned repository, or download the file again. Confirm: `bertdoctor check-model "
            "{model}`",
        ),
        priority=75,
    ),
    _p(
        "onnx-arena-oom",
        "BD509",
        "Failed to allocate memory for requested buffer of size",
        r"BFCArena::AllocateRawInternal[^\n]*?Failed to allocate memory for requested buffer of "
        r"size (?P<size>\d+)",
        explain_onnx_arena_oom,
        priority=75,
    ),
    _p(
        "torch-lib-symbol",
        "BD112",
        "undefined symbol: ",
        r"(?P<lib>libtorch\w*|libc10\w*)\.so[\w.]*: undefined symbol: (?P<symbol>[A-Za-z]\w+)",
        explain_torch_lib_symbol,
        priority=70,
    ),
    _p(
        "torch-name-missing",
        "BD106",
        "cannot import name",
        r"cannot import name '(?P<name>\w+)' from '(?P<module>torch(?:\.[\w.]+)?)'",
        explain_torch_too_old_for,
        priority=50,
    ),
    _p(
        "remote-code-packages",
        "BD313",
        "requires the following packages that were not found",
        r"requires the following packages that were not found in your environment: "
        r"(?P<packages>[\w\-]+(?:, [\w\-]+)*)",
        _simple(
            "BD313",
            "the model's own code (trust_remote_code) imports packages that are not installed: "
            "{packages}.",
            "pip install the packages it names, in the environment that runs the script. "
            "Confirm: `bertdoctor check-imports {script}`",
        ),
        priority=80,
    ),
    _p(
        "torch-disabled-too-old",
        "BD106",
        "Disabling PyTorch because PyTorch",
        # transformers 4.5x: the PyTorch backend switched off for a torch below its floor
        r"Disabling PyTorch because PyTorch >= (?P<need>[\d.]+) is required but found "
        r"(?P<found>[\d.]+\w*)",
        _simple(
            "BD106",
            "the installed transformers needs torch >= {need} and found torch {found}, so it "
            "switched its PyTorch backend off: every PyTorch model class is then missing.",
            "install a torch >= the version it names (pip install 'torch>=2.1' from the index "
            "for your CUDA), or a transformers release made for this torch. Confirm: "
            "`bertdoctor check-env`",
        ),
        priority=80,
    ),
    _p(
        "version-pair-prose",
        "BD106",
        (
            "compatible with torch",
            "compatible with Torch",
            "compatible with PyTorch",
            "compatible with pytorch",
            "compatible with transformers",
            "compatible with Transformers",
        ),
        # the reporter names both versions: "Transformers 4.57.0 is incompatible with torch
        # 2.1.2", "torch 1.13 is not compatible with transformers 4.40"
        r"(?i:transformers\W{0,3}(?:==|v)?(?P<tv>\d+\.\d+(?:\.\d+)?)[^\n.]{0,20}?"
        r"(?:\bin|\bnot |n't )compatible with (?:py)?torch\W{0,3}(?:==|v)?"
        r"(?P<pv>\d+\.\d+(?:\.\d+)?)|"
        r"(?:py)?torch\W{0,3}(?:==|v)?(?P<pv2>\d+\.\d+(?:\.\d+)?)[^\n.]{0,20}?"
        r"(?:\bin|\bnot |n't )compatible with transformers\W{0,3}(?:==|v)?"
        r"(?P<tv2>\d+\.\d+(?:\.\d+)?))",
        explain_version_pair_prose,
        priority=26,
    ),
    _p(
        "save-state-warning",
        "BD106",
        "SAVE_STATE_WARNING",
        # transformers 3.x-4.1 imported it from torch; torch 1.8 removed it
        r"cannot import name 'SAVE_STATE_WARNING' from 'torch\.optim\.lr_scheduler'",
        _simple(
            "BD106",
            "transformers imports SAVE_STATE_WARNING from torch.optim.lr_scheduler, which torch "
            "1.8 and later no longer have: the installed transformers is older than the torch "
            "it runs with.",
            "upgrade transformers (4.2 or later), or install the torch its release was built "
            "for. Confirm: `bertdoctor check-env`",
        ),
        priority=80,
    ),
    _p(
        "model-class-not-exported",
        "BD112",
        "from 'transformers'",
        r"cannot import name '(?P<name>\w*(?:Model|For[A-Z])\w*)' from 'transformers'",
        explain_model_class_not_exported,
        priority=60,
    ),
    _p(
        "max-length-no-prediction",
        "BD208",
        "Maximum sequence length exceeded: No prediction for",
        # the token-classification example scripts, for words past max_seq_length
        r"Maximum sequence length exceeded: No prediction for '(?P<word>[^'\n]*)'",
        _simple_likely(
            "BD208",
            "the example script says {text}: the sentence has more word pieces than "
            "max_seq_length, and the words past it were cut off, so they get no tag.",
            "raise --max_seq_length (512 at most for BERT), or split long sentences into "
            "windows before tagging. Confirm: `bertdoctor check-data TEST_FILE --max-length 512`",
        ),
        kind="context",
        priority=40,
    ),
    _p(
        "tf-walk-attribute",
        "BD307",
        "object has no attribute '",
        # (a reporter's sentence may drop the outer quotes: "BertX' object has no attribute 'bias")
        r"'?\b\w*Bert\w*' object has no attribute '(?:bias|kernel|output_bias|output_weights|"
        # a bare BertModel walked from Google's bert/ names, a fine-tuned head's classifier
        r"beta|gamma|adam_m|adam_v|bert|classifier)(?:'|\b)",
        explain_tf_walk_attribute,
        priority=65,
    ),
    _p(
        "tf-convert-pointer-shape",
        "BD307",
        "and array shape",
        # load_tf_weights_in_bert: a TF variable's shape does not fit the model the config built
        r"Pointer shape torch\.Size\(\[[\d, ]*\]\) and array shape \([\d, ]*\) mismatched",
        _simple_likely(
            "BD307",
            "converting the TensorFlow checkpoint failed ({text}): a variable's shape does not "
            "fit the model built from the given config (a bert_config.json of another size or "
            "vocabulary, or variable names the converter maps to the wrong module).",
            "give the converter the bert_config.json released with this checkpoint, or download "
            "the already converted PyTorch weights (the model's Hub page). Confirm: `bertdoctor "
            "check-model {model}`",
        ),
        priority=65,
    ),
    _p(
        "special-tokens-in-text-prose",
        "BD219",
        ("special token", "[SEP]", "[CLS]"),
        # the reporter's words: "caused by literal special tokens in pre-tokenized input",
        # "the text already contains [SEP]"
        r"(?i:\b(?:literal|raw|hand-written|manually (?:added|inserted)) special tokens?\b|"
        r"(?:text|texts|input|inputs|sentences?|data)\s+(?:already\s+)?(?:contains?|has|have|"
        r"includes?)\s+(?:a\s+|the\s+)?(?:literal\s+)?'?\[(?:SEP|CLS)\])",
        _simple_likely(
            "BD219",
            "the report says the texts carry special tokens as plain text ({text}): the "
            "tokenizer adds [CLS]/[SEP] (or <s>/</s>) itself, so the model sees them twice or "
            "in the wrong places, with token_type_ids that do not mark the segments.",
            "strip literal special tokens from the texts and pass text pairs as two arguments "
            "(tokenizer(a, b)). Confirm: `bertdoctor check-data TRAIN_FILE`",
        ),
        priority=40,
    ),
    _p(
        "torch-pytree-register",
        "BD106",
        "has no attribute 'register_pytree_node'",
        r"module 'torch\.(?P<sub>utils\._pytree)' has no attribute "
        r"'(?P<attr>register_pytree_node)'",
        explain_torch_hollow,
        priority=75,
    ),
    _p(
        "package-folder-prose",
        "BD312",
        ("folder", "directory"),
        # "this can cause some undesirable behavior if there is a "datasets" folder in the same
        # folder"; "If I have `datasets` as a locally available directory in my working
        # directory and run `import sentence_transformers`"
        r"(?i:[`'\"]?(?P<pkg>[a-z_][a-z0-9_]*)[`'\"]? (?:folder|directory|dir)\b[^\n.]{0,20}?\b"
        r"(?:in|inside) (?:the same (?:folder|directory)|(?:my|the|our) (?:working|current|"
        r"project) (?:directory|folder|dir))"
        r"|[`'\"](?P<pkg2>[a-z_][a-z0-9_]*)[`'\"] as an? (?:locally available |local )?(?:folder|"
        r"directory) in (?:my|the|our) (?:working|current|project) (?:directory|folder))",
        explain_package_folder_prose,
        priority=30,
    ),
    _p(
        # a name every release of the module has (torch.no_grad, unidic.DICDIR): what Python
        # imported under that name is not the installed module (torch: BD112's reading)
        "module-hollow",
        "BD312",
        "module '",
        r"module '(?P<module>\w+)' has no attribute '(?P<attr>\w+)'",
        explain_module_hollow,
        priority=40,
    ),
    _p(
        "torch-core-import",
        "BD112",
        "cannot set METH_CLASS or METH_STATIC",
        # raised by `from torch._C import *`: an old torch wheel on a newer Python
        r"module functions cannot set METH_CLASS or METH_STATIC",
        _simple(
            "BD112",
            "torch cannot be imported: loading its compiled core (torch._C) fails with 'module "
            "functions cannot set METH_CLASS or METH_STATIC': a torch build that does not fit "
            "this Python (an old wheel on a newer Python, or a broken or mixed install).",
            "reinstall torch for this Python in a clean environment with the command from "
            "pytorch.org (python -m pip install torch). Confirm: `bertdoctor check-env`",
        ),
        priority=75,
    ),
    _p(
        "spacy-factory-missing",
        "BD313",
        "Can't find factory for '",
        # spaCy's "transformer" pipe comes from the spacy-transformers package
        r"\[E002\] Can't find factory for '(?:curated_)?transformer'",
        _simple_likely(
            "BD313",
            "spaCy has no 'transformer' pipe ({text}): it comes from the spacy-transformers "
            "package, which is not installed in the Python that ran the code (or not in the "
            "version the pipeline was built for).",
            "pip install spacy-transformers (the version that fits the installed spaCy), then "
            "load the pipeline again. Confirm: `bertdoctor check-imports {script}`",
        ),
        priority=75,
    ),
    _p(
        "tokenizer-class-none",
        "BD313",
        "object has no attribute '__name__'",
        r"'NoneType' object has no attribute '__name__'",
        explain_tokenizer_class_none,
        priority=60,
    ),
    _p(
        "subtoken-pool-empty",
        "BD215",
        "expected a non-empty list of Tensors",
        r"(?:RuntimeError: )?expected a non-empty list of Tensors",
        explain_subtoken_pool_empty,
        priority=40,
    ),
    _p(
        "flair-token-mismatch",
        "BD215",
        "is invalid for input of size",
        r"shape '\[\d+(?:, \d+)+\]' is invalid for input of size \d+",
        explain_flair_token_mismatch,
        priority=40,
    ),
    _p(
        "unk-prose",
        "BD211",
        ("[UNK]", "unk", "UNK", "Unk"),
        # the tokenizer's output shown: '[UNK]', '[UNK]', '[UNK]', ...; or the reporter's words
        r"(?:'\[UNK\]',\s*){3,}|(?:\[UNK\] ){3,}|"
        r"(?i:\b(?:every|all|each|most)\b[^\n.]{0,60}?(?:mapped|turned|"
        r"converted|tokenized) (?:in)?to '?\[UNK\]|produces '?\[UNK\])"
        # "encodes emoji as unk", "characters are mapped to UNKs", "getting the **[UNK]** token"
        r"|(?i:(?:encodes?|encoded|mapped|maps|tokeni[sz]ed|turned|converted|becomes?|become) "
        r"(?:\w+ ){0,2}(?:as|to|into) (?:an? |the )?['\"*]*\[?unk\]?s?\b|(?:getting|get|got) "
        r"(?:the |an? )?['\"*]*\[unk\]|(?:getting|get|got|see|seeing|contains?|containing|hitting|"
        r"hit|produc(?:e|es|ing)) (?:a lot of|lots of|many|(?:way )?too many|so many|some) "
        r"\[?['\"*]*\[?unk\b|"
        # "this output with UNK symbol is not correct", "the result is full of [UNK]"
        r"\b(?:output|result)s? (?:is |are )?(?:full of|with) (?:the |an? )?"
        r"['\"*]*(?:\[unk\]|\bunk\b)['\"*]* (?:symbols?|tokens?)\b|"
        r"\b(?:output|result)s? (?:is |are )?full of ['\"*]*(?:\[unk\]|\bunk\b)|"
        # "returns [5850, 26910, 2] where 2 is the index of '[UNK]' (unknown) token"
        r"\bwhere ['\"`]?\d+['\"`]? is the (?:index|id) of (?:the )?['\"`]*\[unk\]['\"`]*"
        r"(?: \(unknown\))? token|"
        # "when I give it a word to encode, it just outputs a single [UNK] token"
        r"\b(?:outputs?|returns?|gives?|produces?) (?:just |only )?(?:a single |one |an? )"
        r"['\"*`]*\[unk\]['\"*`]* token)"
        # "tokenizer会将其变成[UNK]", "都转成了[UNK]"
        r"|(?:变成|转成|转换成|转为|变为|识别成|识别为|映射成|映射为|成了)了?\s*['\"]?\[UNK\]",
        explain_unk_prose,
        priority=25,
    ),
    _p(
        "config-class-keyerror",
        "BD302",
        "KeyError: <class 'transformers.",
        r"KeyError: <class 'transformers\.[\w.]+\.(?P<config>\w+Config)'>",
        explain_config_class_keyerror,
        priority=60,
    ),
    _p(
        "tokenizer-file-missing",
        "BD302",
        "No such file or directory (os error 2)",
        # the tokenizers library (Rust) opening tokenizer.json for a fast tokenizer
        r"Exception: No such file or directory \(os error 2\)",
        explain_tokenizer_file_missing,
        priority=70,
    ),
    _p(
        "accents-merged-prose",
        "BD315",
        ("same as", "recogni"),
        # the reporter's words: 'recognize "が" the same as "か"', "mis-recognized: 'て' and 'で'"
        r"[\"'“「](?P<a>[^\s\"'”」]{1,12})[\"'”」]\s*(?:is |are |as )?(?:the )?same as\s*"
        r"[\"'“「](?P<b>[^\s\"'”」]{1,12})[\"'”」]|"
        # (with "and", only after the verb: "mis-recognized: 'て' and 'で'")
        r"(?i:recogni[sz]\w*)[:\s]\s*[\"'“「](?P<a2>[^\s\"'”」]{1,12})[\"'”」]\s*(?:and|as)\s*"
        r"[\"'“「](?P<b2>[^\s\"'”」]{1,12})[\"'”」]",
        explain_accents_merged_prose,
        priority=24,
    ),
    _p(
        "casing-prose",
        "BD315",
        (
            "do_lower_case",
            "lower case",
            "lower-case",
            "lowercase",
            "Lowercase",
            "Lower case",
            "Lower-case",
            "lower cased",
            "lowered cased",
            "is a cased model",
            "capital",
            "Case sensitive",
            "case sensitive",
        ),
        # transformers' warning, or the reporter's words on the tokenizer's casing
        r"is a cased model but you have not set `do_lower_case` to False|"
        r"do_lower_case`?(?:\s*[=:]\s*|\s+is\s+)`?(?:True|False|true|false)|"
        r"(?i:lower[- ]?cas(?:e|es|ed|ing)\b|lowercas(?:e|es|ed|ing)\b|lowered cased|"
        r"case[- ]sensitive|capital (?:letters?|words?))",
        explain_casing_prose,
        priority=24,
    ),
    _p(
        "download-failed-prose",
        "BD308",
        ("下载", "download"),
        r"(?:无法|不能|没法|没有办法)下载\s*(?P<path>[\w./-]+)|"
        r"下载\s*(?P<path2>[\w./-]+?)\s*(?:失败|不了|出错)|"
        r"(?i:\b(?:can't|cannot|can not|unable to|couldn't|could not|failed to|fails to) "
        r"download (?:the )?(?:model |weights of |files of )?['\"`]?"
        r"(?P<path3>[\w.-]+(?:/[\w.-]+)?))",
        explain_download_prose,
        priority=25,
    ),
    _p(
        "offline-machine-prose",
        "BD308",
        (
            "intranet",
            "Intranet",
            "internet",
            "Internet",
            "offline",
            "Offline",
            "air-gapped",
            "Air-gapped",
            "airgapped",
            "内网",
            "联网",
            "离线",
            "外网",
        ),
        # the reporter's words: the machine that fails cannot reach the internet
        r"(?i:\bintranet(?: access)? only\b|\bonly (?:has |have |with )?(?:an? )?intranet\b|"
        r"\b(?:no|without) (?:access to the |access to |an? )?internet(?: access| connection)?\b|"
        r"\boffline (?:machine|server|environment|cluster|node)s?\b|\bair-?gapped\b)|"
        r"(?:只有|只能访问|只能连)内网|(?:无法|不能|没法)(?:联网|连外网|访问外网)|离线(?:环境|服务器|机器)",
        explain_offline_prose,
        priority=22,
    ),
    _p(
        "listing-bert-config",
        "BD303",
        "bert_config.json",
        LISTED_LINE.format(r"bert_config\.json"),
        explain_listing_bert_config,
        priority=20,
    ),
    _p(
        "keyerror-label-map",
        "BD205",
        ("KeyError: ", "KEYERROR"),
        r"KeyError: u?(?P<key>'[^'\n]{0,200}'|\"[^\"\n]{0,200}\"|-?\d+(?:\.\d+)?)|"
        r"KEYERROR ?(?P<key2>'[^'\n]{0,80}'|\"[^\"\n]{0,80}\")",  # the reporter's capitals
        explain_label_not_in_map,
        priority=70,
    ),
    _p(
        "max-length-code-over-512",
        "BD208",
        ("max_length=", "max_length ="),
        # `tokenizer(texts, truncation=True, padding=True, max_length=4072)` in pasted code
        r"\bmax_length\s*=\s*(?P<n>51[3-9]|5[2-9]\d|[6-9]\d\d|[1-9]\d{3,})(?![\d.])",
        explain_max_length_code,
        priority=25,
    ),
    _p(
        "quantized-reload",
        "BD316",
        ("quantize_dynamic", "quantized model", "quantized BERT", "quantized bert"),
        r"(?i:torch\.quantization\.quantize_dynamic|\bquantize_dynamic\b|"
        r"\bquantized (?:model|bert)\b)",
        explain_quantized_reload,
        priority=25,
    ),
    _p(
        "bool-mask-assign-count",
        "BD209",
        "NumPy boolean array indexing assignment cannot assign",
        r"NumPy boolean array indexing assignment cannot assign (?P<a>\d+) input values to the "
        r"(?P<b>\d+) output values where the mask is true",
        explain_offsets_label_count,
        priority=70,
    ),
    _p(
        "fields-different-lengths",
        "BD217",
        "fields have different lengths",
        r"For document (?P<doc>\S+), fields have different lengths: (?P<fields>\{[^}\n]{0,300}\})",
        explain_fields_different_lengths,
        priority=70,
    ),
    _p(
        "keyerror-span-pair",
        "BD208",
        "KeyError: (",
        r"KeyError: \((?P<i>\d+), (?P<j>\d+)\)(?=[ \t]*(?:\n|$))",
        explain_span_pair_keyerror,
        priority=70,
    ),
    _p(
        "label-list-index",
        "BD205",
        "list index out of range",
        r"IndexError: list index out of range",
        explain_label_list_index,
        priority=60,
    ),
    _p(
        "text-not-a-string",
        "BD221",
        ("TextEncodeInput must be Union", "text input must of type `str`", "text input must be of"),
        r"TextEncodeInput must be Union\[TextInputSequence|text input must (?:be )?of type `str`",
        explain_text_not_string,
        priority=75,
    ),
    _p(
        "stack-got-tensor",
        "BD414",
        "must be tuple of Tensors, not Tensor",
        # torch.stack(out[-1]) where out[-1] was meant to be the tuple of hidden states
        r"argument 'tensors' \(position 1\) must be tuple of Tensors, not Tensor",
        explain_stack_output,
        priority=60,
    ),
    _p(
        "stack-got-str",
        "BD414",
        "must be tuple of Tensors, not str",
        # torch.stack(last_hidden) where `last_hidden, pooled = model(...)` unpacked a
        # ModelOutput: unpacking gives its key names
        r"argument 'tensors' \(position 1\) must be tuple of Tensors, not str\b",
        explain_stack_got_str,
        priority=60,
    ),
    _p(
        "h5-not-found",
        "BD301",
        "unable to open file: name = '",
        # h5py (Keras' load_weights, load_model) opening a file that is not there
        r"[Uu]nable to open file \(unable to open file: name = '(?P<path>[^'\n]+)', errno = 2",
        explain_h5_not_found,
        priority=70,
    ),
    _p(
        "crf-tags-not-long",
        "BD402",
        ("tensors used as indices must be long", "does not match the shape of the indexed tensor"),
        # torchcrf indexes its transitions with the tags: int32 tags are refused, uint8 tags
        # are taken for a boolean mask
        r"tensors used as indices must be long, (?:byte|int), or bool tensors|"
        r"tensors used as indices must be long, byte or bool tensors|"
        r"The shape of the mask \[(?P<mask>[\d, ]+)\] at index \d+ does not match the shape of "
        r"the indexed tensor \[(?P<table>[\d, ]+)\]",
        explain_crf_tags_dtype,
        priority=60,
    ),
    _p(
        "float-text-attribute",
        "BD221",
        ("'float' object has no attribute '", "argument 2 must be str, not float"),
        # a NaN (an empty cell pandas read as float) where a text is stripped, lowered or split,
        # or where BERT's tokenizer strips accents (unicodedata.normalize('NFD', text))
        r"'float' object has no attribute '(?P<attr>strip|lower|split|encode|replace|startswith)'|"
        r"normalize\(\) argument 2 must be str, not float",
        explain_float_text,
        priority=60,
    ),
    _p(
        "labels-are-strings",
        "BD218",
        ("too many dimensions 'str'", "could not convert string to float"),
        r"too many dimensions 'str'|could not convert string to float: '(?P<value>[^'\n]{0,60})'",
        explain_string_labels,
        priority=60,
    ),
    _p(
        "relative-import",
        "BD310",
        (
            "attempted relative import with no known parent",
            "main__' is not a package",  # Python 3.5/3.6: No module named '__main__.x'
            "cannot perform relative import",  # Python 3.5: Parent module '' not loaded
        ),
        r"attempted relative import with no known parent package|"
        r"No module named '__ ?main__\.\w+'; '__ ?main__' is not a package|"
        r"Parent module '[\w.]*' not loaded, cannot perform relative import",
        explain_relative_import,
        priority=90,
    ),
    _p(
        "relative-import-beyond-top-level",
        "BD318",
        ("relative import beyond top",),
        r"[Aa]ttempted relative import beyond top-?level package",
        explain_relative_beyond,
        priority=90,
    ),
    _p(
        "no-module-said-installed",
        "BD313",
        ("no module", "No module"),
        # the reporter's words, no module named: "when I tried to use it, it says no module"
        r"(?i:\b(?:says?|said|shows?|showed|gives?|gave|get|got|getting|throws?|raises?) (?:me )?"
        r"(?:an? |the )?(?:error (?:of |message of )?)?['\"]?no module\b(?! named| found))",
        explain_no_module_said_installed,
        priority=30,
    ),
    _p(
        "module-not-found-install-hint",
        "BD313",
        ("not found, please", "not installed, please", "not found please", "not installed please"),
        # a library's guarded import, logged: "Module FlagEmbedding not found, please execute
        # `uv add flagembedding` first"
        r"\b[Mm]odule [`'\"]?(?P<module>[A-Za-z_][\w.]*)[`'\"]? (?:is )?not (?:found|installed),? "
        r"please (?:execute|run|install|use|try)\b[^\n]{0,20}?(?:uv add|uv pip install|pip install|"
        r"poetry add|conda install)\b",
        _simple(
            "BD313",
            "the module {module} is not installed in the Python that ran the code: the library "
            "imports it inside a guard, and its message names the command that installs it.",
            "run the install command the message gives (uv add, pip install) for the "
            "environment that runs the code, or add the package to the project's dependencies "
            "(pyproject.toml, requirements.txt). Confirm: `bertdoctor check-imports {script}`",
        ),
        priority=75,
    ),
    _p(
        "package-required-missing",
        "BD313",
        ("Cannot find ", "Could not find ", "Couldn't find "),
        # a library's own check: "ValueError: Cannot find transformers and/or tokenizers. It's
        # required for this featurizer !"
        r"(?:Cannot|Could not|Couldn't) find (?P<pkg>transformers|tokenizers|torch|sentencepiece|"
        r"sentence_transformers|sentence-transformers)\b(?: and/or [\w-]+)?\.? (?:It's|It is|"
        r"which is) (?:required|needed)",
        explain_package_required_missing,
        priority=70,
    ),
    _p(
        "no-module",
        "BD311",
        ("No module named", "No module found", "no module named"),  # retyped in lower case
        r"(?i:No module (?:named|found(?: named)?)) ['\"‘’“”]?(?!named\b)(?P<module>[\w.]+)"
        r"['\"‘’“”]?",
        explain_no_module,
        priority=80,
    ),
    _p(
        "redacted-no-module",
        "BD313",
        "The original error message is redacted",
        r"ModuleNotFoundError: This app has encountered an error\. The original error message "
        r"is redacted",
        explain_redacted_no_module,
        priority=80,
    ),
    _p(
        "shadowing-frame",
        "BD312",
        ("AttributeError", "ImportError"),
        r"(?:AttributeError|ImportError)\b[^\n]*(?:module '[\w.]+' has no attribute|'module' "
        r"object has no attribute|cannot import name)[^\n]*",
        explain_shadowing_frame,
        priority=35,
    ),
    _p(
        "namespace-import",
        "BD313",
        "(unknown location)",
        r"cannot import name '(?P<name>\w+)' from '(?P<module>[\w.]+)' \(unknown location\)",
        explain_namespace_import,
        priority=80,
    ),
    _p(
        "partially-initialized",
        "BD312",
        "partially initialized module",
        r"partially initialized module '(?P<module>[\w.]+)'[^\n(]*\(most likely due to a "
        r"circular import\)(?: \((?P<path>[^)\n]+)\))?",
        explain_partial_module,
        priority=80,
    ),
    # environment
    _p(
        "paddle-cpu-build",
        "BD101",
        ("Not compiled with CUDA", "PaddlePaddle is not compiled with CUDA"),
        # Paddle's (fluid.cuda_places), not torch's "Torch not compiled with CUDA enabled" nor
        # an extension's "Not compiled with CUDA support" (torch_scatter, detectron2's ops)
        r"(?<![Tt]orch )Not compiled with CUDA(?=[\"']?[ \t]*(?:\n|$))|"
        r"since PaddlePaddle is not compiled with CUDA",
        explain_paddle_cpu_build,
        priority=85,
    ),
    _p(
        "cpu-only-torch",
        "BD101",
        "Torch not compiled with CUDA enabled",
        r"Torch not compiled with CUDA enabled",
        explain_cuda_unavailable,
        priority=90,
    ),
    _p(
        "cpu-torch-build",
        "BD101",
        (
            "+cpu",
            "cpu版",
            "CPU版",
            "cpu version",
            "CPU version",
            "CPU-only",
            "cpu-only",
            "CPU only",
        ),
        r"(?:PyTorch version|torch(?:\.__version__)?(?: version)?)\W{0,4}\d+\.\d+(?:\.\d+)?\+cpu\b|"
        r"(?i:(?:torch|pytorch)[^\n]{0,40}?(?:cpu\s*版本?|cpu[- ]only|cpu version|cpu build))",
        explain_cuda_unavailable,
        priority=35,  # a version line or the reporter's words: any real error comes first
    ),
    _p(
        "driver-too-old",
        "BD102",
        (
            "NVIDIA driver on your system is too old",
            "CUDA driver version is insufficient",
            "compiled with an unsupported toolchain",
            "UNSUPPORTED_PTX_VERSION",
            "unsupported display driver / cuda driver combination",
            "cudaErrorInsufficientDriver",
            "error code : 35",
            "error code: 35",
            "error code :35",
            "error code:35",
        ),
        r"NVIDIA driver on your system is too old(?: \(found version (?P<found>\d+)\))?|CUDA "
        r"driver version is insufficient for CUDA runtime version|compiled with an unsupported "
        r"toolchain|UNSUPPORTED_PTX_VERSION|unsupported display driver / cuda driver combination|"
        r"cudaErrorInsufficientDriver|"
        # Paddle's "cudaGetDeviceCount failed in ..., error code : 35" (InsufficientDriver)
        r"(?P<call>cuda\w+) failed[^\n]{0,80}?error code ?: ?35\b",
        explain_driver,
        priority=90,
    ),
    _p(
        "deserialize-cuda",
        "BD104",
        "Attempting to deserialize object on a CUDA device",
        r"Attempting to deserialize object on a CUDA device but torch\.cuda\.is_available\(\) is "
        r"False",
        explain_deserialize_cuda,
        priority=75,
    ),
    _p(
        "cuda-unavailable",
        "BD104",
        (
            "No CUDA GPUs are available",
            "no CUDA-capable device",
            "Found no NVIDIA driver",
            "invalid device ordinal",
            "CUDA unknown error",
            "CUDA driver initialization failed",
            "when cuda is unavailable",
        ),
        r"No CUDA GPUs are available|no CUDA-capable device is detected|Found no NVIDIA driver on "
        r"your system|invalid device ordinal|CUDA unknown error|CUDA driver initialization failed|"
        r"(?P<use_cuda>'use_cuda' set to True when cuda is unavailable)",
        explain_cuda_unavailable,
        priority=70,
    ),
    _p(
        # torch's lazy CUDA start (a UserWarning with is_available() False, or the RuntimeError
        # of _cuda_init): the CUDA driver API failed before any GPU work
        "cuda-device-count-failed",
        "BD104",
        "Unexpected error from cudaGetDeviceCount",
        r"Unexpected error from cudaGetDeviceCount\(\)[^\n]*?Error (?P<num>\d+): "
        r"(?P<what>[^\n(`]+)",
        explain_device_count_failed,
        # above driver-too-old (90), which 803's "unsupported display driver / cuda driver
        # combination" also matches: a libcuda and kernel module of two drivers, no old one
        priority=92,
    ),
    _p(
        # the reporter's words on a Jetson: "arm64 not able to detect CUDA" (explain_jetson_no_cuda
        # answers only when a Jetson is named)
        "jetson-no-cuda-prose",
        "BD101",
        ("detect", "find", "see", "Detect", "Find", "See"),
        r"(?i:\b(?:not able to|unable to|can(?:no|')t|could(?: not|n't)|fails? to) (?:detect|find|"
        r"see) (?:the |any )?(?:CUDA|GPUs?)\b(?!\s*drivers?\b))",
        explain_jetson_no_cuda,
        priority=26,
    ),
    _p(
        # no error: the reporter says the GPU is not used
        "gpu-unused",
        "BD104",
        (
            "is_available",
            "not using",
            "not use",
            "not detect",
            "not see",
            "not utiliz",
            "not utilis",
            "on CPU",
            "on cpu",
            "on the CPU",
        ),
        # (not torch.load's "...on a CUDA device but torch.cuda.is_available() is False")
        # ("torch.cuda.is_available=**False**": the reporter's own spelling)
        r"(?i:(?<!device but torch\.cuda\.)(?:(?<!\w)is_available\(\)|"
        r"(?<=cuda\.)is_available(?!\())\W{0,3}(?:returns?|returning|is|"
        r"gives|shows|=+|:|为|是|就是|返回|一直是|显示)\W{0,3}False"
        r"|(?:is|are|was|it's|isn't|doesn't|does|do|did|could|can) not (?:using|use|"
        r"utili[sz]ing|utili[sz]e|detect|detecting|see) (?:the |my |any |a )?(?:GPUs?|CUDA|"
        r"cuda)\b"
        # "the following returns false: `torch.cuda.is_available()`", "by default the scripts
        # train on CPU"
        r"|returns? false\W{0,6}`?torch\.cuda\.is_available\(\)"
        r"|\bby default[^\n.]{0,30}?\b(?:trains?|runs?) on (?:the )?cpu\b"
        r"|\b(?:trains?|training|runs?|running) on (?:the )?cpu (?:instead|rather)\b)",
        explain_gpu_unused,
        priority=25,
    ),
    _p(
        "collect-env-cpu-build",
        "BD101",
        "CUDA used to build PyTorch:",
        # torch.utils.collect_env prints torch.version.cuda, None as 'Could not collect'
        r"CUDA used to build PyTorch: (?P<cuda>None|Could not collect)[ \t]*(?=\n)",
        explain_collect_env_cpu_build,
        priority=30,
    ),
    _p(
        "nccl-missing",
        "BD111",
        "have NCCL built in",
        r"Distributed package doesn't have NCCL built in",
        _simple(
            "BD111",
            "this torch has no NCCL, the backend distributed training (torchrun, DDP, the Trainer "
            "on several GPUs) uses by default: Windows and macOS builds never have it.",
            "on Windows use the gloo backend (torch.distributed.init_process_group('gloo')) or "
            "train on one GPU without a launcher (CUDA_VISIBLE_DEVICES=0 python train.py); on "
            "Linux install the CUDA build of torch. Confirm: `bertdoctor check-env`",
        ),
        priority=85,
    ),
    _p(
        "torchtext-mismatch",
        "BD105",
        ("module 'torchtext' has no attribute", "libtorchtext", "_torchtext."),
        r"module 'torchtext' has no attribute '(?P<attr>\w+)'|"
        r"(?:libtorchtext|torchtext[\\/]_torchtext)\.(?:so|pyd)[^\n]{0,40}?: undefined symbol",
        _simple_likely(
            "BD105",
            "torchtext does not fit the installed torch ({text}): each torchtext release is "
            "built for one torch release, and torchtext stopped with torch 2.3 (its last "
            "release, 0.18).",
            "install the torchtext release made for the installed torch (torch 2.3 with "
            "torchtext 0.18), or pin torch to what the project's torchtext needs. Confirm: "
            "`bertdoctor check-env`",
        ),
        priority=70,
    ),
    _p(
        "torchvision-ops",
        "BD105",
        ("torchvision::", "PyTorch and torchvision versions are incompatible"),
        r"operator torchvision::(?P<op>\w+) does not exist|PyTorch and torchvision versions are "
        r"incompatible",
        _simple(
            "BD105",
            "torchvision's compiled operators do not load: the installed torchvision was built "
            "for another torch (transformers imports it for image models, even for BERT).",
            TORCHVISION_REINSTALL + ". Confirm: `bertdoctor check-env`",
        ),
        priority=85,
    ),
    _p(
        "no-kernel-image",
        "BD103",
        ("no kernel image is available", "NoKernelImageForDevice", "HIP error: invalid device"),
        r"no kernel image is available for execution on the device|NoKernelImageForDevice|"
        r"HIP error: invalid device function",  # ROCm's words for the same
        explain_arch,
        priority=90,
    ),
    _p(
        "tei-compute-cap",
        "BD103",
        "is not compatible with compile time compute cap",
        r"Runtime compute cap (?P<run>\d{2,3}) is not compatible with compile time compute cap "
        r"(?P<built>\d{2,3})",
        explain_tei_compute_cap,
        priority=85,
    ),
    _p(
        "cuda-failure-209",
        "BD103",
        ("Cuda failure: 209", "CUDA failure: 209", "Cuda failure 209", "CUDA failure 209"),
        # cudaErrorNoKernelImageForDevice by its number: TensorRT's and other C++ plugins' check
        r"(?i:cuda failure):? 209\b",
        _simple(
            "BD103",
            "CUDA error 209 is cudaErrorNoKernelImageForDevice: the compiled code (a TensorRT "
            "plugin, a custom CUDA extension, or torch itself) has no kernels for this GPU's "
            "compute capability.",
            "rebuild the plugin or extension for this GPU's architecture (CMAKE_CUDA_ARCHITECTURES "
            "or TORCH_CUDA_ARCH_LIST with its sm_XY, from nvidia-smi --query-gpu=compute_cap "
            "--format=csv), or use a build that ships it. Confirm: `bertdoctor check-env`",
        ),
        priority=85,
    ),
    _p(
        "cuda-unknown-error",
        "BD117",
        # (THC's number for it, 30, in torch < 1.5)
        ("CUDA error: unknown error", "cuda runtime error (30)"),
        r"CUDA error: unknown error|cuda runtime error \(30\) ?: ?unknown error",
        explain_cuda_unknown_error,
        priority=55,
    ),
    _p(
        "container-gpu-unsupported",
        "BD103",
        "not yet supported in this version of the container",
        # an NVIDIA (NGC-based) image's start-up check: the image's CUDA build predates the GPU
        r"Detected NVIDIA (?P<gpu>[^\n]{1,60}?) GPU, which is not yet supported in this version "
        r"of the container",
        explain_container_gpu,
        priority=80,
    ),
    _p(
        "torch-too-old",
        "BD106",
        ("upgrade torch to at least", "is a zip archive (did you mean to use torch.jit.load()"),
        r"require users to upgrade torch to at least v?(?P<need>\d+\.\d+)|"
        r"is a zip archive \(did you mean to use torch\.jit\.load\(\)\?\)",
        explain_torch_too_old,
        priority=80,
    ),
    _p(
        "torch-load-old-torch-prose",
        "BD106",
        "torch.load",
        # the reporter's words: "torchv2.4ではtorch.loadが使えない", "torch.load can't be used
        # with torch 2.4", "torch 2.5下无法使用torch.load"
        r"(?i:torch\s*v?2\.[0-5](?:\.\d+)?\s*(?:では|で|下|中)?\s*torch\.load\s*(?:が|は)?\s*"
        r"(?:使えない|使用できない|不能用|无法使用|不能使用)|"
        r"torch\s*v?2\.[0-5](?:\.\d+)?\s*(?:下|中|里)?\s*(?:无法使用|不能使用|不能用)\s*torch\.load|"
        r"torch\.load (?:can(?:no|')t be used|is (?:not allowed|refused|blocked|disallowed)) "
        r"(?:with|on|in|under) torch\s*v?2\.[0-5]\b)",
        explain_torch_load_old_torch_prose,
        priority=25,
    ),
    _p(
        "torch-below-26-vulnerability-prose",
        "BD106",
        ("漏洞", "vulnerab", "Vulnerab", "CVE"),
        # the reporter's title: "PyTorch <2.6.0 有重大漏洞强制禁用导致推理界面无法运行", "torch
        # below 2.6 is blocked for a vulnerability": transformers' torch.load check
        # (not "we pin torch<2.6 because of the CVE": a choice, not the refusal)
        r"(?i:(?<!pin )(?<!pinned )(?<!pinning )(?:py)?torch\s*(?:<|below|older than|低于|小于)\s*"
        r"v?2\.6(?:\.0)?(?![\d.])[^\n]{0,20}?(?:漏洞|vulnerab|CVE))",
        explain_torch_load_old_torch_prose,
        priority=25,
    ),
    _p(
        "torch-dll",
        "BD112",
        (
            'Error loading "',
            'Error loading \\"',  # the message inside a notebook's JSON error: quotes escaped
            "DLL load failed",
            "_ARRAY_API not found",
            "multiarray failed to",
            "Could not find module '",
        ),
        r"Error loading \\?\"[^\"\n]*torch[\\/]+lib[\\/]+[\w.]+\.dll\\?\"|DLL load failed[^\n]*|"
        r"Could not find module '[^'\n]*torch[\\/]lib[\\/][\w.]+\.dll'|"
        r"_ARRAY_API not found|numpy\.core\.multiarray failed to import",
        explain_torch_import,
        priority=70,
    ),
    _p(
        "torch-c-undefined",
        "BD112",
        "name '_C' is not defined",
        # torch/__init__.py when its compiled core did not load
        r"NameError: name '_C' is not defined",
        explain_torch_c_undefined,
        priority=70,
    ),
    _p(
        "torch-shared-lib",
        "BD112",
        "cannot open shared object file",
        r"(?P<lib>lib(?:cudnn|cublas|cublasLt|cudart|cusparse|cusparseLt|nvrtc|nccl|cufft|curand|"
        r"cusolver|nvJitLink|cupti|nvToolsExt|c10_cuda|c10|torch_cuda|torch_cpu|torch|"
        r"torch_python|shm|gomp|iomp5|cuda)[\w.-]*\.so[\w.]*): cannot open shared object file",
        explain_torch_shared_lib,
        priority=70,
    ),
    _p(
        "distribution-not-found",
        "BD313",
        "distribution was not found",
        r"The '(?P<pkg>[A-Za-z][\w.-]*)(?P<spec>[^'\n]*)' distribution was not found and is "
        r"required by [^\n]+",
        explain_distribution_not_found,
        priority=60,
    ),
    _p(
        "torch-static-tls",
        "BD112",
        "with static TLS",
        r"cannot load any more object with static TLS",
        explain_static_tls,
        priority=70,
    ),
    _p(
        "glibc-version",
        "BD112",
        ("GLIBCXX_", "GLIBC_", "CXXABI_"),
        r"lib(?:stdc\+\+|c|m|gcc_s)\.so[\w.]*: version [`'‘](?:GLIBCXX|GLIBC|CXXABI)_[\d.]+['’] "
        r"not found",
        explain_glibc_version,
        priority=70,
    ),
    _p(
        "cuda-backend-missing",
        "BD101",
        "with arguments from the 'CUDA' backend",
        r"Could not run '(?P<op>[\w:.]+)' with arguments from the 'CUDA' backend",
        explain_cuda_backend_missing,
        priority=70,
    ),
    _p(
        "numpy2",
        "BD112",
        "compiled using NumPy 1.x",
        r"A module that was compiled using NumPy 1\.x cannot be run in\s+NumPy 2[\d.]*",
        explain_torch_import,
        kind="context",
        priority=50,
    ),
    # losses
    _p(
        "batch-size-mismatch",
        "BD401",
        ("to match target batch_size", "匹配目标 batch_size", "匹配目标batch_size"),
        r"Expected input batch_size \((?P<input>\d+)\) to match target batch_size "
        r"\((?P<target>\d+)\)|"
        # the message machine-translated (Q&A mirrors): 预期输入 batch_size (32) 以匹配目标 ...
        r"预期输入\s*batch_size\s*\((?P<input2>\d+)\)\s*以?匹配目标\s*batch_size\s*"
        r"\((?P<target2>\d+)\)",
        explain_batch_size,
        priority=85,
    ),
    _p(
        "keras-target-output-shape",
        "BD401",
        "Arguments target and output must have the same shape",
        # Keras 3's losses: "Received: target.shape=(None, 512), output.shape=(None, 3)"
        r"Arguments target and output must have the same shape\.?\s*Received: "
        r"target\.shape=(?P<target>\([^)\n]*\)), output\.shape=(?P<output>\([^)\n]*\))",
        _simple(
            "BD401",
            "the Keras loss got labels of shape {target} for outputs of shape {output}: the "
            "labels are not in the form the loss and the head expect (class ids where the loss "
            "wants one-hot rows, token-level labels for a sentence-level head, or the reverse).",
            "give a categorical_crossentropy loss one-hot labels of the output's shape "
            "(keras.utils.to_categorical), or use sparse_categorical_crossentropy with one "
            "class id per example. Confirm: `bertdoctor check-data TRAIN_FILE`",
        ),
        priority=80,
    ),
    _p(
        "target-size-bce",
        "BD401",
        "must be the same as input size",
        r"Target size \("
        + SIZE.format("target")
        + r"\) must be the same as input size \("
        + SIZE.format("input")
        + r"\)?",  # a retyped message may lose the last parenthesis
        explain_target_size,
        priority=85,
    ),
    _p(
        "expected-target-size",
        "BD403",
        "Expected target size",
        r"Expected target size \(?\[?(?P<exp>[\d, ]+)\]?\)?, got (?:torch\.Size\(\[(?P<got>[\d, ]+)"
        r"\]\)|\[(?P<got2>[\d, ]+)\])",
        explain_expected_target,
        priority=85,
    ),
    _p(
        "bce-nelement",
        "BD401",
        "Target and input must have the same number of elements",
        r"Target and input must have the same number of elements\. target nelement "
        r"\((?P<target>\d+)\) != input nelement \((?P<input>\d+)\)",
        lambda hit, scan: Diagnosis(
            "BD401",
            f"BCELoss got {hit.groups['target']} label values for {hit.groups['input']} "
            "predictions: the labels and the logits do not have the same shape (one label per "
            "example against one column per class, or flattened logits).",
            "give labels of the logits' shape (multi-hot floats) for multi-label, or "
            "CrossEntropyLoss with class ids for single-label. Confirm: "
            f"{_check_loss(scan, hit.groups['input'], hit.groups['target'], ' --loss bce')}",
        ),
        priority=80,
    ),
    _p(
        "multi-target",
        "BD401",
        ("multi-target not supported", "0D or 1D target tensor expected"),
        r"0D or 1D target tensor expected|multi-target not supported",
        explain_multi_target,
        priority=80,
    ),
    _p(
        "bf16-slow-prose",
        "BD109",
        ("bf16", "BF16", "bfloat16"),
        # a bf16 run the reporter calls slow, on a pre-Ampere GPU (explain_bf16_slow)
        r"(?i)(?<![a-z0-9])(?:bf16|bfloat16)(?![a-z0-9])",
        explain_bf16_slow,
        priority=20,
    ),
    _p(
        "bf16-unsupported",
        "BD109",
        (
            "doesn't support bf16",
            "only supported on GPUs with compute capability",
            "only supported on gpus with compute capability",
            "does not support bfloat16",
            "requires .target sm_80",
        ),
        # transformers' TrainingArguments and DeepSpeed on a GPU below compute capability 8.0;
        # vLLM's check ("Bfloat16 is only supported on GPUs with compute capability of at
        # least 8.0"), torch's autocast, and Triton's ptxas compiling a bf16 kernel for sm_70
        r"Your setup doesn't support bf16/(?:gpu|\(?mps\)?)[^\n]*|"
        r"(?i:bfloat16 is only supported on gpus with compute capability of at least 8\.0)"
        r"[^\n]*|Current CUDA Device does not support bfloat16[^\n]*|"
        r"Feature '[^'\n]*bf16[^'\n]*' requires \.target sm_80 or higher",
        explain_bf16_unsupported,
        priority=80,
    ),
    _p(
        "mask-id-not-in-list",
        "BD208",
        " is not in list",
        # prompt-based code finds the mask with input_ids.index(tokenizer.mask_token_id)
        r"\b(?P<id>103|50264) is not in list",
        _simple_likely(
            "BD208",
            "`{text}`: the id is a mask token's (103 BERT's [MASK], 50264 RoBERTa's <mask>), "
            "looked up in the input ids; truncation to max_length cut the mask off with the end "
            "of a long input.",
            "raise max_length, or truncate the sentence rather than the template (keep the "
            "prompt and its mask inside the limit). Confirm: `bertdoctor check-data TRAIN_FILE "
            "--max-length 512`",
        ),
        priority=60,
    ),
    _p(
        "dtype-long",
        "BD402",
        (
            "expected scalar type Long",
            "can't be cast to the desired output",
            "Found dtype",
            "expected dtype",  # torch 1.4-1.5: "expected dtype Float but got dtype Long"
            "Expected object of scalar type",
            "expected object of scalar type",  # the reporter's retyping, lower case
            "not implemented for",
            "expected target dtype",
            "Expected floating point type for target",
        ),
        r"expected scalar type Long but found \w+|result type \w+ can't be cast to the desired "
        r"output type \w+|Found dtype \w+ but expected \w+|expected dtype \w+ but got dtype \w+|"
        r"(?i:Expected object of scalar type \w+ but "
        r"got scalar type \w+ for argument)(?: #\d+ 'target'|(?! #))|"
        r"\"nll_loss\w*\" not implemented for '\w+'|"
        r"expected target dtype to be \w+(?: or \w+)?, but got \w+|"
        r"Expected floating point type for target with class probabilities, got \w+",
        explain_dtype,
        priority=75,
    ),
    _p(
        "no-grad-fn",
        "BD406",
        "does not require grad and does not have a grad_fn",
        r"element 0 of tensors does not require grad and does not have a grad_fn",
        _simple(
            "BD406",
            "loss.backward() got a loss without a graph: it was computed from "
            "values cut off from the model (.item(), .detach(), argmax, torch.tensor(...) "
            "around a number, or a forward under torch.no_grad()).",
            "compute the loss from the logits with a loss function (CrossEntropyLoss on "
            "logits, not on argmax predictions), outside torch.no_grad(). Confirm: "
            "`bertdoctor check-script {script}`",
        ),
        priority=90,
    ),
    _p(
        "memory-overlap",
        "BD407",
        "to a single memory location",
        r"(?:more than one element of the written-to tensor|some elements of the input tensor and "
        r"the written-to tensor) refers? to a single memory location",
        explain_memory_overlap,
        priority=90,
    ),
    _p(
        "backward-twice",
        "BD410",
        "backward through the graph a second time",
        r"[Tt]rying to backward through the graph a second time",
        _simple(
            "BD410",
            "backward() ran through a graph that an earlier backward() already "
            "freed: a loss summed across steps without .item(), two losses sharing one "
            "forward, or adversarial training (FGM/PGD) reusing the first forward.",
            "accumulate numbers (total += loss.item()), add the losses before one backward "
            "((loss1 + loss2).backward()), and run a fresh forward after perturbing the "
            "embeddings. Confirm: `bertdoctor check-script {script}`",
        ),
        priority=90,
    ),
    _p(
        "device-mismatch",
        "BD411",
        (
            "Expected all tensors to be on the same device",
            "but got device type",
            "not at the same device",
            "Expected object of backend",
            "but expected it to be on GPU",
            "but expected them to be on GPU",  # torch 1.x's checkAllSameGPU for out and self
            "should be the same or input should be",
            "indices must be on the current device",
            "Placeholder storage has not been allocated on MPS device",
            "All input tensors must be on the same device",  # torch.cat
            "but got device cuda",  # torch 1.x: expected device cpu but got device cuda:0
            "but got device cpu",
            "to have the same device as tensor for argument",  # torch 1.x's checkArgs
            "indices should be either on cpu or on the same device",
            "arguments are located on different GPUs",  # torch 1.x's THC, under DataParallel
        ),
        r"Placeholder storage has not been allocated on MPS device|"
        r"arguments are located on different GPUs|"
        # a CPU tensor indexed with CUDA indices (or the reverse)
        r"indices should be either on cpu or on the same device as the indexed tensor|"
        r"Expected tensor for argument #\d+ '\w+' to have the same device as tensor for "
        r"argument #\d+ '\w+'; but device (?P<a7>\d+) does not equal (?P<b7>\d+)|"
        r"All input tensors must be on the same device\. Received (?P<a5>[\w:]+) and "
        r"(?P<b5>[\w:]+)|[Ee]xpected device (?P<a6>(?:cpu|cuda)(?::\d+)?)\s+but got device "
        r"(?P<b6>(?:cpu|cuda)(?::\d+)?)|"
        r"Input, output and indices must be on the current device|"
        r"Expected all tensors to be on the same device(?:, but found at least two devices, "
        r"(?P<a>[\w:]+) and (?P<b>[\w:]+)|, but got \w+ is on (?P<a3>[\w:]+), different from "
        r"other tensors on (?P<b3>[\w:]+))?|Expected object of device type (?P<a2>\w+) but got "
        r"device type \w+|Input and (?:parameter|hidden) tensors are not at the same device"
        r"(?:, found input tensor at (?P<a4>[\w:]+) and (?:parameter|hidden) tensor at "
        r"(?P<b4>[\w:]+))?|Expected object "
        r"of backend \w+ but got backend \w+|is on CPU, but expected (?:it|them) to be on GPU|"
        r"Input type "
        r"\(torch\.cuda\.\w+\) and weight type \(torch\.\w+\) should be the same or input should "
        r"be|Input type \(torch\.\w+\) and weight type \(torch\.cuda\.\w+\) should be the same",
        explain_device_mismatch,
        priority=90,
    ),
    _p(
        # TensorFlow's shape check inside a loss: "Dimensions 6 and 11 are not compatible",
        # then sigmoid_cross_entropy_with_logits in the chained traceback
        "tf-dimensions-incompatible",
        "BD401",
        "are not compatible",
        r"ValueError: Dimensions (?P<a>\d+) and (?P<b>\d+) are not compatible",
        explain_tf_dimensions,
        priority=60,
    ),
    _p(
        "inplace-modified",
        "BD412",
        "modified by an inplace operation",
        # (a reporter's short form drops "needed for gradient computation")
        r"one of the variables (?:needed for gradient computation )?has been modified by an "
        r"inplace operation(?::[^\n]*? is at version (?P<v>\d+); expected version (?P<e>\d+))?",
        explain_inplace_modified,
        priority=90,
    ),
    _p(
        "unexpected-kwarg",
        "BD413",
        ("got an unexpected keyword argument", "received an unexpected keyword argument"),
        # "received": a reporter's retelling of the message
        r"(?P<func>[\w.<>]+) ?\( ?\)`? (?:got|received) an unexpected keyword argument ['‘’`\"]"
        r"(?P<kw>\w+)",
        explain_unexpected_kwarg,
        priority=80,
    ),
    _p(
        "model-type-mismatch-args",
        "BD316",
        "--model_type",
        r"--model_type[ =]+['\"]?(?P<type>bert|roberta|albert|xlnet|xlm-roberta|xlm|distilbert|"
        r"electra)(?![\w-])",
        explain_model_type_mismatch,
        priority=24,
    ),
    _p(
        "unexpected-input-prose",
        "BD413",
        (
            "unexpected input",
            "unexpected keyword",
            "unexpected argument",
            "unexpected kwarg",
            "does not",
            "doesn't",
        ),
        # the reporter's words: '"cls_index" and "p_mask" are unexpected inputs' (run_squad's
        # inputs for XLNet's and XLM's full heads, sent to their Simple heads), "Since
        # XLNetForQuestionAnsweringSimple does not require cls_index, it will throw an error"
        r"[\"'`](?P<kw>[a-z_]{3,40})[\"'`](?: and [\"'`](?P<other>[a-z_]{3,40})[\"'`])? (?:is|are) "
        r"(?:an? )?unexpected (?:inputs?|keyword arguments?|arguments?|kwargs?)\b|"
        r"\b[A-Z]\w*For[A-Z]\w* does(?: not|n't) (?:require|take|accept|expect) (?:the )?"
        # (an input's name has an underscore: not "does not require any labels")
        r"[\"'`]?(?P<kw2>[a-z]+_[a-z_]{1,40})\b[\"'`]?"
        r"(?=[^\n.]{0,40}?(?<!no )(?<!without )(?<!without an )\b(?:error|fails?|crash))"
        r"(?![^\n.]{0,40}?\b(?:no error|without (?:an )?error|"
        r"does(?:n't| not) (?:error|fail|crash)))",
        explain_unexpected_input_prose,
        priority=25,
    ),
    _p(
        "vocab-missing-token-prose",
        "BD305",
        "missing",
        # the reporter's words: "The vocab for microsoft/MiniLM-L12-H384-uncased is missing a
        # token => wrong tokenization"
        r"(?i:\bvocab(?:\.txt|ulary)?\b[^\n.]{0,60}?\bis missing (?:a|one|some|\d+) tokens?\b)",
        _simple_likely(
            "BD305",
            "the report says {text!r}: a vocabulary with fewer entries than the embedding matrix "
            "shifts every id after the gap, so the tokenizer's ids no longer name the rows the "
            "model learned.",
            "use the vocab.txt the checkpoint was trained with (the original release's), and "
            "check len(tokenizer) == model.config.vocab_size. Confirm: `bertdoctor check-model "
            "{model}`",
            # words the vocabulary lacks become [UNK]: another problem (BD211), no id shift
            unless=re.compile(r"(?i)\[UNK\]|\bunk\b|\bOOV\b|out[- ]of[- ]vocab"),
        ),
        priority=25,
    ),
    _p(
        "output-misuse",
        "BD414",
        (
            "must be Tensor, not",
            "object has no attribute",
            "tuple has no attribute",
            "received an invalid combination of arguments - got (str",
            "Attempt to convert a value (TF",
        ),
        r"must be Tensor, not (?P<got>str|tuple|list|\w*Output\w*)|'(?P<type>\w*Output\w*)' object "
        r"has no attribute '(?P<attr>\w+)'|'(?P<type2>tuple)' object has no attribute "
        r"['‘’]?(?P<attr2>logits|loss|last_hidden_state|pooler_output|hidden_states|attentions|"
        r"view|size|dim|shape|argmax|detach|cpu|softmax|log_softmax|squeeze|backward|item)\b|"
        r"\btuple has no attribute [\"'](?P<attr4>logits|loss|last_hidden_state|pooler_output)"
        r"[\"']|"
        r"'(?P<type3>str)' object has no attribute '(?P<attr3>size|dim|shape|backward|item|"
        r"unsqueeze|view|permute|transpose|squeeze|contiguous|float|long|softmax|argmax|mean|"
        r"detach|cpu|numpy|masked_select|masked_fill|gather|topk)'|"
        r"received an invalid combination of arguments - got \((?P<got2>str|tuple),|"
        # Keras: a TF model's predict() returns a list of outputs (old transformers)
        r"'(?P<type5>list)' object has no attribute '(?P<attr5>shape|argmax|numpy)'|"
        # a TF ModelOutput given to a TensorFlow op
        r"Attempt to convert a value \((?P<type6>TF\w*Output)\(",
        explain_output_misuse,
        priority=75,
    ),
    _p(
        "keras-layer-got-output-key",
        "BD414",
        "Inputs to a layer should be tensors. Got: ",
        # a TF model's output unpacked as a tuple gives its keys: Got: last_hidden_state
        r"Inputs to a layer should be tensors\. Got: (?P<key>last_hidden_state|pooler_output|"
        r"logits|hidden_states|attentions|loss)\b",
        _simple(
            "BD414",
            "a Keras layer got the string '{key}' instead of a tensor: the model's output was "
            "unpacked as a tuple (sequence_output, pooled_output = bert(...)), and a ModelOutput "
            "unpacks to its keys.",
            "take the fields by name: out = bert(...); sequence_output = out.last_hidden_state, "
            "pooled_output = out.pooler_output (or out[0], out[1]). Confirm: `bertdoctor "
            "check-script {script}`",
        ),
        priority=70,
    ),
    _p(
        "string-indices",
        "BD414",
        "string indices must be integers",
        r"string indices must be integers",
        explain_string_indices,
        priority=60,
    ),
    _p(
        "tuple-string-index",
        "BD414",
        "tuple indices must be integers or slices, not str",
        r"tuple indices must be integers or slices, not str",
        explain_tuple_string_index,
        priority=60,
    ),
    _p(
        "output-index",
        "BD414",
        ("tuple index out of range", "string index out of range"),
        r"(?:IndexError: |报错[^\n]{0,20})?(?P<what>tuple|string) index out of range",
        explain_output_index,
        priority=60,
    ),
    _p(
        "decode-error",
        "BD216",
        "codec can't decode byte",
        r"'(?P<codec>[\w-]+)' codec can't decode byte (?P<byte>0x[0-9a-fA-F]{2}) in position "
        r"(?P<pos>\d+)",
        explain_decode_error,
        priority=60,
    ),
    _p(
        "ort-gather-bounds",
        "BD206",
        "indices element out of data bounds",
        r"indices element out of data bounds, idx=(?P<index>-?\d+) must be within the inclusive "
        r"range \[-?\d+, ?(?P<high>\d+)\]",
        explain_ort_gather,
        priority=70,
    ),
    _p(
        "negative-pad-width",
        "BD208",
        "index can't contain negative values",
        r"(?:ValueError: )?index can't contain negative values",
        explain_negative_pad,
        priority=60,
    ),
    _p(
        "split-assert",
        "BD217",
        "AssertionError",
        r"AssertionError\b",
        explain_split_assert,
        priority=45,
    ),
    _p(
        "json-decode-reraised",
        "BD217",
        "missing 2 required positional arguments: 'doc' and 'pos'",
        r"__init__\(\) missing 2 required positional arguments: 'doc' and 'pos'",
        explain_json_decode_reraised,
        priority=70,
    ),
    _p(
        "base64-padding",
        "BD217",
        "Incorrect padding",
        r"binascii\.Error: Incorrect padding",
        explain_base64_padding,
        priority=50,
    ),
    _p(
        "auc-classes-columns",
        "BD205",
        "Number of classes in y_true not equal to the number of columns",
        r"Number of classes in y_true not equal to the number of columns in 'y_score'",
        explain_auc_columns,
        priority=60,
    ),
    _p(
        "auc-one-class",
        "BD213",
        ("Only one class present in y_true", "ValueError: Only one"),
        # the excerpt may stop at "ValueError: Only one", its raise line above it
        r"Only one class present in y_true|ValueError: Only one$",
        explain_auc_one_class,
        priority=60,
    ),
    _p(
        # cuDNN's LSTM/GRU keeps what its backward needs only in training mode
        "cudnn-rnn-backward-eval",
        "BD506",
        "RNN backward can only be called in training mode",
        r"cudnn RNN backward can only be called in training mode",
        _simple(
            "BD506",
            "backward ran through a cuDNN LSTM/GRU while the model was in eval mode (`cudnn RNN "
            "backward can only be called in training mode`): model.eval() was called before the "
            "loss and never undone, and cuDNN's recurrent layers keep what their backward needs "
            "only in training mode.",
            "call model.train() before the forward pass whose loss goes backward; when gradients "
            "are wanted with dropout off (adversarial triggers, saliency), keep model.train() and "
            "set the dropout layers' p to 0, or run that pass with torch.backends.cudnn.flags("
            "enabled=False). Confirm: `bertdoctor check-script {script}` (BD611: a "
            "model.eval() that no model.train() undoes), or run the loop inside "
            "bertdoctor.watch(model, optimizer), which stops at the step that trains in eval mode",
        ),
        priority=80,
    ),
    _p(
        # BERT-BiLSTM-CRF-NER's check when the computed number of training steps is below 1
        "training-data-so-small",
        "BD217",
        "training data is so small",
        r"training data is so small",
        _simple_likely(
            "BD217",
            "the script found fewer than one training step's worth of examples (`training data "
            "is so small`): with thousands of lines, its reader parsed (almost) none of them, so "
            "the files are not in the format it reads.",
            "write the data in the format the project's README shows (for NER one token and its "
            "tag per line, separated by a space, a blank line between sentences, in files named "
            "as it expects). Confirm: `bertdoctor check-data TRAIN_FILE`",
        ),
        priority=60,
    ),
    _p(
        # scikit-learn's UndefinedMetricWarning for a label the split holds no example of (its
        # recall is 0/0); "no predicted samples" is the model predicting none of it (BD510)
        "metric-no-true-samples",
        "BD213",
        "with no true samples",
        r"(?:Recall|F-score|Recall and F-score) (?:is|are) ill-defined and being set to 0\.0 "
        r"in labels with no true samples",
        _simple_likely(
            "BD213",
            "scikit-learn's metric is ill-defined `in labels with no true samples`: a label of "
            "the label list has no example in this split, "
            "so its recall is 0/0 (a class that is rare, or missing from the split).",
            "split with stratification (train_test_split(..., stratify=labels)) so that every "
            "class is in every split, or score only the labels the split holds (labels=... in "
            "the metric). Confirm: `bertdoctor check-data TRAIN_FILE DEV_FILE`",
        ),
        priority=40,
    ),
    _p(
        "majority-class-prose",
        "BD213",
        "majority class",
        # the reporter's words: "classifying all classes into the majority class", "it only
        # predicts the majority class"
        r"(?i)\b(?:(?:classif(?:y|ies|ying)|predict(?:s|ing)?|put(?:s|ting)?|assign(?:s|ing)?|"
        r"label(?:s|ling)?) (?:all |every |each )?(?:\w+ )?(?:into|as|to) the majority class|"
        r"(?:only|always|just) (?:predicts?|predicting|outputs?|returns?|gives?) (?:the )?"
        r"majority class|predict(?:s|ed|ing)? (?:only |just |always )?the majority class)\b",
        explain_majority_class_prose,
        priority=27,
    ),
    _p(
        "truncated-tail-prose",
        "BD208",
        ("half", "only the first", "only first", "truncat"),
        # the reporter's words: "only half of the image were detected", "the image's bottom
        # half is not predicted"
        r"(?i)\b(?:bottom|second|lower|latter|last) half\b[^\n.!?]{0,40}?\b(?:is|are|was|were|"
        r"gets?|got|does|did)?(?:n't| not| never)(?: be| being| get| getting)? (?:predicted|"
        r"detected|recogni[sz]ed|labell?ed|tagged|extracted|classified)\b|"
        # "some of the prediction files truncate sentences too short", "has clearly truncated
        # the output" (the builder wants a length named in the text)
        r"\btruncates? (?:the |my |long |some )?(?:sentences?|texts?|outputs?|inputs?|documents?)"
        r" too short\b|\b(?:clearly|silently|somehow|unexpectedly) truncat(?:ed|es|ing) "
        r"(?:the |my )?(?:sentences?|texts?|outputs?|inputs?|documents?|predictions?)\b|"
        # (of a page, a document, an input: not "only half of the entities are detected")
        r"\bonly (?:the )?(?:half|first half|top half|upper half|first part) of (?:the |my |an? |"
        r"each |every )?(?:images?|pages?|documents?|texts?|inputs?|sequences?|sentences?|"
        r"paragraphs?|files?|pdfs?|receipts?|invoices?|forms?)\b[^\n.!?]{0,20}?\b(?:predicted|"
        r"detected|recogni[sz]ed|labell?ed|tagged|extracted)\b",
        explain_truncated_tail_prose,
        priority=27,
    ),
    _p(
        "tf-loss-dims",
        "BD401",
        ("Dimensions must be equal, but are", "must be evenly divisible by"),
        r"Dimensions must be equal, but are (?P<a>\d+) and (?P<b>\d+) for '(?P<op>[^'\n]+)'|"
        r"Dimension size must be evenly divisible by \d+ but is \d+ for '(?P<op2>[^'\n]+)'"
        r"[^\n]*?input shapes: \[[^\]\n]*?(?P<left>\d+)\], \[[^\]\n]*\][^\n]*?partial shapes: "
        r"input\[1\] = \[[^\]\n]*?(?P<right>\d+)\]",
        explain_tf_loss_dims,
        priority=70,
    ),
    _p(
        "long-for-bce",
        "BD402",
        "not supported on CUDAType for Long",
        r"_th_\w+ not supported on CUDAType for Long",
        explain_long_for_bce,
        priority=70,
    ),
    _p(
        "accuracy-collapse",
        "BD503",
        ("acc", "Acc", "ACC"),
        # (a value at chance or below; explain_accuracy_collapse compares the earlier ones)
        rf"(?i:{ACCURACY_NAME})['\"]?\s*[=:]\s*0?\.[0-5]\d*(?![\d.%])",
        explain_accuracy_collapse,
        priority=26,
    ),
    _p(
        "binary-ok-prose",
        "BD201",
        (
            "二分类",
            "两分类",
            "2分类",
            "binary",
            "Binary",
            "2 classes",
            "2 Classes",
            "two classes",
            "Two classes",
            "2 labels",
            "2 Labels",
            "two labels",
            "Two labels",
        ),
        # "之前进行二分类时没有问题", "binary classification works fine"
        # (not "二分类也不能跑", "二分类一直没跑通", "doesn't work well either", "not even ...")
        r"(?:二分类|两分类|2分类)(?:(?!不|没|未)[^\n。]){0,12}?(?:没有问题|没问题|正常|可以跑|能跑|"
        r"跑通|成功)|"
        r"(?i:(?<!not even )\b(?:binary(?: classification| task)?|(?:with )?(?:2|two) "
        r"(?:classes|labels))(?:(?!n't|\bnot\b|\bnever\b)[^\n.]){0,30}?\b(?:works?|worked|ran|"
        r"runs) (?:fine|well|ok|okay|perfectly)\b)",
        explain_binary_ok_prose,
        priority=25,
    ),
    _p(
        "record-short",
        "BD217",
        "required positional argument",
        r"__(?:new|init)__\(\) missing (?P<n>\d+) required positional arguments?: (?P<args>[^\n]+)",
        explain_record_short,
        priority=62,
    ),
    _p(
        "paddle-label-dtype",
        "BD402",
        ("but desires to be int64_t", "does not match the type of data (int"),
        r"Tensor holds the wrong type, it holds (?P<held>\w+), but desires to be int64_t|"
        # Paddle 2.x's words for the same
        r"The type of data we are trying to retrieve \(int64\) does not match the type of data "
        r"\((?P<held2>\w+)\) currently contained in the container",
        explain_paddle_label_dtype,
        priority=70,
    ),
    _p(
        "unpack-split",
        "BD217",
        ("not enough values to unpack", "too many values to unpack"),
        UNPACK,
        explain_split_unpack,
        priority=61,
    ),
    _p(
        "unpack-output",
        "BD414",
        ("too many values to unpack", "not enough values to unpack"),
        UNPACK,
        explain_unpack,
        priority=60,
    ),
    _p(
        "no-loss",
        "BD415",
        ("did not return a loss from the inputs", "'NoneType' object has no attribute 'backward'"),
        r"The model did not return a loss from the inputs, only the following keys: "
        r"(?P<keys>[^.\n]*)(?:\. For reference, the inputs it received are (?P<inputs>[^.\n]*))?|"
        r"'NoneType' object has no attribute 'backward'",
        explain_no_loss,
        priority=85,
    ),
    _p(
        "oom",
        "BD509",
        (
            "out of memory",
            "OutOfMemoryError",
            "OOM when allocating",  # TensorFlow's ResourceExhaustedError
            "CUDA_ERROR_OUT_OF_MEMORY",
            "total capacity;",  # the allocator's numbers, the "CUDA out of memory" cut off
            "Ran out of memory in memory space hbm",  # XLA on a TPU: the same fixes
            "Failed to allocate request for",  # a TPU's ResourceExhaustedError
            "Resource exhausted: failed to allocate memory",  # TF's, when its OOM hint follows
            "OUT OF M",  # retyped in capitals, sometimes misspelt ("CUDA OUT OF MOMORY")
            "ut of mom",  # misspelt in lower case ("Cuda out of momory")
            "out_of_memory: CUDA error",  # RAPIDS' memory manager (RMM), e.g. cuML's UMAP
            "CUDA failed with error out of memory",  # CTranslate2
        ),
        # (java.lang.OutOfMemoryError is the JVM's heap: Spark NLP, not the GPU)
        r"(?i:CUDA out of m[eo]m[eo]ry)|CUDA(?: error)? ?: ?out of memory|"
        r"(?<!java\.lang\.)OutOfMemoryError"
        r"|cuda runtime error \(2\) ?: ?out of memory"
        r"|Tried to allocate [\d.]+ [KMG]iB \(GPU \d+; [\d.]+ [KMG]iB total capacity;"
        # the message wrapped by a log formatter, "CUDA" left on the line above
        r"|out of memory\.\s+Tried to allocate [\d.]+ [KMG]iB\.\s+GPU \d+\s+has a total"
        r"|MPS backend out of memory"
        r"|CUDA_ERROR_OUT_OF_MEMORY|std::bad_alloc: out_of_memory: CUDA error"
        r"|Cuda Error in \w+: 2 \(out of memory\)"  # TensorRT's allocator
        r"|Ran out of memory in memory space hbm"
        r"|OOM when allocating tensor(?![^\n]*device:CPU)"
        r"|ResourceExhaustedError: Failed to allocate request for [\d.]+ ?[KMGT]i?B"
        r"|Resource exhausted: failed to allocate memory"
        r"|CUDA runtime implicit initialization on GPU:\d+ failed\. Status: out of memory"
        r"|cudaMalloc(?:Async)? failed: out of memory"  # MXNet's (GluonNLP) and cupy's allocators
        r"|CUDA failed with error out of memory",  # CTranslate2's
        explain_oom,
        priority=88,
    ),
    _p(
        # the reporter's own words: the GPU's memory (显存) ran out; a bare 内存 or "memory"
        # (RAM) only with CUDA or GPU before it
        "oom-prose",
        "BD509",
        (
            "显存",
            "内存",
            "GPU memory",
            "gpu memory",
            "OOM",
            "oom",
            "out of memory",
            "emory issue",
            "emory problem",
            "emory error",
            "out-of-memory",
            "ResourceExhaustedError",
            "메모리",
            "t fit ",
        ),
        # TensorFlow's class for an allocation that failed, named in prose (tf.errors. too;
        # explain_oom leaves out the lines of code that import, catch or test for it)
        r"(?<![\w.])(?:(?:tf\.)?errors(?:_impl)?\.)?ResourceExhaustedError\b(?![:(])|"
        # "easily got an error of OOM", "I hit OOM"
        r"\b(?:got|get|gets|getting|hit|hits|ran into|run into)\s+(?:an?\s+)?(?:error of\s+)?"
        r"OOM\b|爆显存|显存(?:还|都|也|仍然|依然|就)?(?:不足|不够|溢出|爆)|"
        # "显存会迅速拉满，然后报错挂掉"
        # (not "显存还没有占满就报错", "显存占满了，但是没有报错")
        r"显存(?:(?!没|未|不)[^\n。]){0,6}(?:拉满|占满|爆满|满了)(?:(?!没|不|未)[^\n。]){0,12}?"
        r"(?:报错|挂掉|挂了|崩溃|退出)|"
        r"(?i:cuda|gpu) ?(?:显存|内存)(?:错误|不足|不够|溢出)"
        r"|(?i:(?:eats?|eating|uses?|using|takes?|fills?) up all (?:the |my )?GPU memory"
        r"|run(?:s|ning)? out of GPU memory|out of GPU memory"
        r"|(?:cuda|gpu) (?:runs?|ran|is running|keeps running) out of memory"
        r"|(?:tells? me|says?|shows?|reports?) (?:that )?(?:the )?(?:cuda|gpu) +out of memory"
        # "the GPU will also out of memory", "GPU is still out of memory"
        r"|(?:cuda|gpu)(?: (?:will|would|is|was|also|still|be|goes|went|gets|got)){1,3} out of "
        r"memory"
        r"|GPU memory (?:is |gets |was )?(?:full|exhausted|overflows?))"
        # "a CUDA OOM error", "because of OOM", "I always get out of memory": the vaguer words
        # give a likely answer only (explain_oom)
        r"|(?i:(?<![a-z])(?:cuda|gpu) ?oom(?![a-z])|(?<![a-z])cuda out-of-memory\b|"
        r"(?<![a-z])oom (?:error|issue|problem|"
        r"exception)s?(?![a-z])|because of (?:an? )?oom(?![a-z])"
        r"|(?:get|got|gets|getting|give|gives|giving|hit|hits|run into|ran into|runs into) (?:an? "
        r"|the |a cuda |a "
        r"gpu )?(?:oom|out of memory|out-of-memory)(?![a-z])"
        r"|内存[^\n。]{0,8}(?:溢出|不足|不够)[^\n]{0,40}batch.?size"
        # "memory issues that can not fit the bert model on ... one GPU of 11 G memory"
        # (a model or a batch that does not fit, not "does not fit the data well on GPU")
        r"|(?i:(?:can ?not|can't|could not|couldn't|does not|doesn't|won't) fit (?:(?:the |my |a )?"
        r"(?:\w+ ){0,2}(?:model|bert|batch|network|weights)s? )?(?:in|into|on|onto|to) "
        r"(?!(?:the |my |our )?(?:\w+ )?data\b)"
        # (not the host's memory: "does not fit in 32GB RAM; not a GPU OOM")
        r"(?:(?!ram\b|cpu\b|host\b|not a gpu)[^\n.]){0,40}?\bgpu\b)"
        # "OOM with Longformer when trying to use more than 512 tokens"
        # (not TensorFlow's "OOM when allocating tensor", nor a JVM's heap)
        r"|(?<![A-Za-z])OOM (?:with|when|while|during|on|for|at) (?!allocating)"
        r"(?![^\n]{0,30}(?i:java|heap))[\w-]+"
        # Korean: "OOM 문제가 발생합니다" (an OOM problem occurs), "GPU 메모리 부족"
        # (not "OOM이 발생하지 않는데", no OOM occurs; not "OOM이나 NaN은 없는데", OOM or NaN)
        r"|(?<![a-zA-Z])(?:OOM|oom)(?:\s*(?:문제|에러|오류))?\s*(?:가|이)?\s*"
        r"(?:발생(?!\s*하지\s*않|\s*(?:안|않))|나(?:요|서|고)|났)"
        r"|(?i:gpu|cuda)\s*메모리(?:가)?\s*부족"
        # a bare 内存溢出 (the machine's memory, or the card's): a likely GPU OOM only when the
        # text names a GPU (explain_oom)
        r"|内存(?:溢出|不足|不够)"
        r"|(?:就|会|直接|出现|报|导致|直到)\s*(?:突然|又|还是)?\s*(?:oom|OOM|(?i:out of memory))"
        r"(?![a-zA-Z])"
        # "我在16g卡上oom了" (explain_oom declines "不会oom了", "没有OOM了")
        r"|(?<![a-zA-Z])(?:oom|OOM)了"
        # "GPU Memory error while running run_drcd.sh" (a likely answer only: explain_oom)
        # (not "GPU memory error correction (ECC)", "GPU memory errors reported by nvidia-smi")
        r"|(?i:(?<![a-z])(?:gpu|cuda) memory errors?(?![a-z])(?![^\n]{0,40}(?:ECC|correct|"
        r"nvidia-smi|reported|retired|page)))"
        # "it stopped due to memory issue": the run ended on memory, the reporter's words
        r"|(?:stopped|stops|crashe[sd]|crashing|failed|fails|died|dies|terminated|broke)"
        r"[^\n.!?]{0,12}?(?:due to|because of|from) (?:an? |the |some )?(?:gpu |cuda )?"
        r"memory (?:issue|problem|error)s?"
        # "I have to set BATCH_SIZE to 1 so I don't run out of memory": a batch of one is all
        # that fits
        rf"|{BATCH_OF_ONE}[^\n.]{{0,12}}?(?:so (?:that )?(?:I|it|we) (?:don't|"
        r"do not|won't) run out of memory|to avoid (?:running out of memory|oom|out of memory)|"
        r"or (?:else )?(?:it|I|we) (?:runs?|gets?|go(?:es)?) (?:out of memory|oom))"
        r"|memory (?:issue|problem|error)s?[^\n.]{0,60}batch.?size|batch.?size[^\n.]{0,60}"
        r"(?<![a-z])(?:oom|memory (?:issue|problem|error)s?)(?![a-z])"
        # "i use 3 titan xp with 11.75G memory each, but OOM happens"
        # (not "no OOM happens", "before OOM happens", "if an OOM occurs")
        r"|(?<![a-z])(?<!\bno )(?<!\bnot )(?<!\bnever )(?<!\bbefore )(?<!\bif )(?<!\bwhen )"
        r"(?<!\bif an )(?<!\bwhen an )(?:oom|out of memory|out-of-memory)(?: errors?)? "
        r"(?:still )?(?:happens|happened|occurs|occurred|appears|appeared|shows up|"
        r"showed up)(?![a-z]))",
        explain_oom,
        priority=30,
    ),
    _p(
        "nan-anomaly",
        "BD501",
        (
            "returned nan values",
            "Loss is nan",
            "loss is nan",
            "Loss is NaN",
            "loss is NaN",
            "NanLossDuringTrainingError",
        ),
        r"returned nan values in its \d+th output|[Ll]oss is (?:nan|NaN|inf)|"
        # TensorFlow's estimator hook (google-research/bert's run_classifier)
        r"NanLossDuringTrainingError: NaN loss during training",
        explain_nan,
        priority=80,
    ),
    _p(
        "out-of-bound-prose",
        "BD203",
        ("out of bound", "Out of bound", "IndexError"),
        r"(?i:index out of bounds?\b)|IndexError",
        explain_out_of_bound_prose,
        priority=30,
    ),
    _p(
        "token-type-prose",
        "BD206",
        ("token_type", "token type", "segment"),
        r"(?i:(?:token[_ ]type(?:_ids)?|segment[_ ]ids?)\b[^\n]{0,80}?(?:out of range|超出|越界))",
        explain_token_type_prose,
        priority=30,
    ),
    _p(
        "loss-stuck-prose",
        "BD502",
        ("loss", "Loss", "LOSS", "accuracy is same", "accuracy is the same", "ccuracy is the same"),
        # the reporter's words, with no error: "the loss does not decrease", "loss stuck at
        # 0.69", "loss一直降不下去", "Loss稳定在2.8左右迟迟不下降"
        r"(?i:(?<![a-z])loss(?:es)?(?![a-z])[^\n.!?]{0,30}?(?:(?:does|did|is|was|are|were)"
        r"(?: not|n't)|not|never|won't|cannot|can't)\s+(?:going |go |getting |get |come |coming )?"
        r"(?:down|"
        r"decreas|drop|reduc|converg|improv(?!e from [\d.]+)|fall|lower|chang|mov)"
        r"|(?<![a-z])loss(?:es)?(?![a-z])[^\n.!?]{0,10}?\bbarely (?:mov(?:es?|ed|ing)|"
        r"chang(?:es?|ed|ing)|decreas(?:es?|ed|ing)|drop(?:s|ped|ping)?|goes down|went down|"
        r"going down|falls?|fell|falling)\b"
        r"|(?<![a-z])loss(?:es)?(?![a-z])[^\n.!?]{0,20}?(?:stuck|stays? (?:at|the same|constant)"
        r"|remains? (?:at|the same|constant)|constant|plateau|unchanged|flat\b)"
        r"|accuracy is (?:the )?same for (?:all|each|every)"
        r"|(?<![a-z])loss(?:es)?(?![a-z]) only (?:decreased|dropped|went down|fell) from "
        r"[\d.]+ to [\d.]+"
        r"|(?<![a-z])loss(?![a-z])[^\n。！？]{0,20}?(?:不下降|不降|降不下去|下不去|不收敛|不变|不动"
        r"|没有下降|没下降|不减|(?:一直|始终|总是)(?:是|为|在|停在|保持在?)\s*\d+(?:\.\d+)?(?![\d.])"
        # a range ("一直在0-1震荡") is a loss that moves
        r"(?!\s*(?:-|~|～|到|至|和|与)\s*\d))"
        r"|(?<![a-z])loss(?![a-z]) (?:is|was|stays?|remains?) always (?:at |around )?\d)",
        explain_loss_stuck_prose,
        priority=25,
    ),
    _p(
        "targets-not-contiguous",
        "BD202",
        "len(set(targets) is",
        # ktrain checks that integer labels are the ids 0..N-1
        r"len\(set\(targets\)\)? is (?P<n>\d+) but (?:max\(targets\)\+1|"
        r"len\(list\(range\(int\(max\(targets\)\+1\)\)\)\)?) is\s+(?P<m>\d+)",
        explain_targets_not_contiguous,
        priority=70,
    ),
    _p(
        "label-view-invalid",
        "BD401",
        "is invalid for input of size",
        r"shape '\[-1, (?P<n>\d+)\]' is invalid for input of size (?P<m>\d+)",
        explain_label_view,
        priority=70,
    ),
    _p(
        "learns-nothing-prose",
        "BD502",
        (
            "acc",
            "Acc",
            "ACC",
            "准确率",
            "learn",
            "收敛",
            "getting lower",
            "getting any lower",
            "same",
            "0.6931",
            "every prediction",
        ),
        # the reporter's words without "loss": accuracy stuck at chance, nothing learned
        # ("val_accuracy stays at 0.5012": no word boundary after the underscore)
        r"(?i:(?<![a-z])(?:acc|accuracy)\b[^\n.!?]{0,30}?(?:stuck|stays?|remains?|always|still|only|"
        r"just(?= (?:about |around )?\d))"
        # chance for 2 classes, or for 3, 4 and 5 answer choices (multiple choice), not a start
        # ("still went from 50% to 91%")
        r"[^\n.!?]{0,16}?(?<![\d.])(?:0\.5\d*|50 ?%|46 ?%|49 ?%|0\.2[05]?(?!\d)|0\.33\d*|20 ?%|"
        r"25 ?%|33 ?%)(?![\d.]*\s*(?:to|->|→)\s*\d)(?![\d.]*[^\n.!?]{0,30}?\bthen\b)|"
        # one class for every input: "always get one same result", "the same logits for all"
        r"\balways (?:gets?|got) one same result|"
        r"\b(?:always|only) (?:predicts?|predicted|outputs?|gives?|returns?) (?:the )?same "
        r"(?:label|class|category|prediction)s?\b|"
        # "predicts the same class for every input", "every prediction is class 0"
        r"\b(?:predicts?|predicted|outputs?|gives?|returns?) the same (?:label|class|category|"
        r"prediction)s? for (?:every|all|each|any)\b|"
        r"\b(?:predicts?|predicted|outputs?|gives?|returns?) the same (?:output|result|logits|"
        r"probabilit(?:y|ies))s? for (?:every|all|each|any) (?:the )?(?:inputs?|examples?|samples?|"
        r"sentences?|texts?|reviews?|instances?|test)\b|"
        r"\bevery prediction is (?:the same|(?:class|label) \d+|\d+)\b|"
        # "the validation accuracy doesn't change at all across epochs"
        # (across the run, not after one change: "did not change after quantization", nor
        # Keras's "val_accuracy did not improve from 0.91530")
        r"(?<![a-z])(?:acc|accuracy)\b[^\n.!?]{0,15}?(?:does(?:n't| not)|did(?:n't| not)|never) "
        r"(?:change|improve|increase|move|go up)\b(?: at all)?(?= (?:across|between|over|during|"
        r"throughout|in any|from (?:one )?epoch|after (?:each|every|any) epoch|for (?:all|any|"
        r"\d+) epochs)|\s*(?:[.!,;]|$))|"
        r"\bsame (?:output )?(?:logits|predictions?) for (?:all|every|each|any|different)"
        r" (?:inputs?|examples?|samples?|sentences?|texts?)\b|"
        r"\b(?:had|have|get|got|getting) the same (?:output )?logits for\b|"
        # an evaluation loss of ln 2 to five places (0.69315): a binary classifier guessing 50/50
        r"\b(?:eval|val|valid|test)_loss['\"]?\s*[:=]\s*0\.6931[45]\d*|"
        r"could(?:n't| not) learn anything|"
        # "the eval accuracy is always 0.8": the same value at every evaluation
        # "I get a constant accuracy of 0.5"
        # (at chance: "a constant accuracy of 0.93 across folds" is a stable model)
        r"\bconstant (?:(?:val(?:idation)?|training|train|test|eval) )?(?:accuracy|acc)\b(?! "
        r"(?:improvement|gain|increase|boost))(?!\s+(?:of|at|around|about)\s+(?:0?\.[6-9]|"
        r"[6-9]\d(?:\.\d+)? ?%|1\.0|100 ?%))"
        r"(?:\s+(?:of|at|around|about)\s+(?:0?\.\d+|\d+(?:\.\d+)? ?%))?|"
        r"accuracy (?:is|was|stays|remains|stayed|remained) (?:always|constant(?:ly)?|the same|"
        r"stuck)\b(?! (?:good|high|above|over|better))|"
        # "The score is always the same even if I finetune the model with different number of
        # iterations": the same score whatever the training
        r"\b(?:score|f1|result|metric)s? (?:is|are|was|were) always the same\b"
        r"(?=[^\n.!?]{0,60}?\b(?:train|fine-?tun|epoch|iteration|step))"
        r"(?![^\n.!?]{0,80}?\b(?:seed|as expected|stable|deterministic))|"
        r"\blearns? nothing\b|does(?:n't| not) (?:seem to )?learn\b|"
        r"(?:isn't|is not|not) (?:it |the loss )?getting (?:any )?lower)|"
        r"准确率[^\n。]{0,8}?(?:一直|始终|总是|都)(?:是|在|为)?\s*(?:0\.5|50 ?%)|"
        r"(?:没有|无法|不能)收敛|没有收敛的趋势|(?:acc|准确率)[^\n。]{0,30}?只有[^\n。]{0,12}?准确率|"
        # "准确率一直不变", "acc始终没有变化": the same accuracy at every evaluation
        r"(?:准确率|(?i:acc))[^\n。，,]{0,6}?(?:一直|始终|总是|都)(?:不变|没有?变化?|不动|不提升|不上升)|"
        # "loss和acc没有更新": neither moves
        r"(?i:loss)[和与及、]\s*(?:准确率|(?i:acc))[^\n。，,]{0,4}?(?:都)?(?:没有|没|不)更新",
        explain_loss_stuck_prose,
        priority=24,  # the loss's own words, when both are there, are quoted first
    ),
    _p(
        "ner-all-o-prose",
        "BD510",
        (
            "found: 0 phrases",
            "pred_num",
            "as O",
            "as 'O'",
            'as "O"',
            "predict",
            "Predict",
            "output",
            "Output",
            "预测",
            "输出",
            "标签全是",
            "结果全是",
            "全是",
            "全为",
            "scoring only",
            "assign",
            "micro avg",  # seqeval's report: every entity type at 0.00
            "precision",
            "Precision",
            "recall",
            "Recall",
            "f1",
            "F1",
            "FB1",
            "召回率",
            "true positives",
            "tp: 0 ",
        ),
        # conlleval's "found: 0 phrases", "all predictions are O", "预测的所有结果都是O",
        # "precision, recall, f1值都为0", flair's "tp: 0 - fp: 0 - fn: 245", "0 true positives"
        r"found: 0 phrases|micro avg\s+0\.00\s+0\.00\s+0\.00\b|"
        # NCRF++'s counts ("gold_num =  992  pred_num =  0"), and its precision of -1 when nothing
        # is predicted ("precision跟f1一直都是-1")
        r"\bgold_num\s*=\s*[1-9]\d*\s+pred_num\s*=\s*0\b|"
        # CasRel's and OneRel's ("predict_num: 0 gold_num: 1254 correct_num: 0"), and the
        # reporter's "预测也全为空" (nothing predicted)
        r"\bpredict_num:\s*0\s+gold_num:\s*[1-9]\d*|预测[^\n。，,]{0,4}?(?:全|都)(?:为|是)?空(?!格)|"
        # (not code: "best_precision = -1" sets a start value)
        r"(?i:(?<![a-z0-9_.])(?:precision|f1)(?![a-z0-9_(])[^\n=]{0,20}?(?:为|是|:|=|is|are|"
        r"stays?(?: at)?)\s*-1(?:\.0+)?(?![\d.]))|"
        r"\btp: 0 - fp: \d+ - fn: [1-9]\d*|(?i:\b(?:0|zero|no) true positives\b)|"
        r"(?i:\b(?:all|every|each)\s+(?:the\s+)?(?:predictions?|prediction results?|predicted "
        r"(?:tags?|labels?)|outputs?)\s+(?:are|is|were|was)\s+(?:all\s+)?['\"]?(?:O|LABEL_\d+)"
        r"['\"]?(?![\w-])|"
        # "the predicted results are all 'O'"
        r"\b(?:predictions?|predicted (?:results?|tags?|labels?)|prediction results?|outputs?)\s+"
        r"(?:are|were|is|was)\s+all\s+['\"]?O['\"]?(?![\w-]|\.\w)|\b(?:predict|scor)"
        r"(?:s|es|ing)?\s+(?:only|everything as|all)\s+(?:the\s+)?['\"]?O['\"]?(?![\w-])|"
        # (the model's doing: "I tag everything as O unless it is in my gazetteer" is the data)
        r"\b(?:model|it|tagger|classifier|network|bert\w*|crf|ner)\b[^\n.!?]{0,40}?\b(?:tags?|"
        r"tagging|labels?|labell?ing|classif(?:y|ies|ying)|marks?|predicts?) (?:everything|every "
        r"(?:token|word)|all (?:the )?(?:tokens|words)) as ['\"]?O['\"]?(?![\w-])|"
        r"\b(?:model|it|tagger|classifier|network|bert\w*|crf|ner)\b[^\n.!?]{0,40}?\bpredicts? "
        r"['\"]?O['\"]? for (?:every|all|each) (?:the )?(?:tokens?|words?)\b|"
        r"\beverything (?:is|gets|was|got) (?:tagged|labell?ed|predicted|classified) (?:as )?"
        r"['\"]?O['\"]?(?![\w-])|"
        r"\b(?:just|only) predicting\s+"
        r"['\"]?O['\"]?(?:'?s)?(?![\w-])|assign(?:s|ing)? only (?:to )?['\"]?O['\"]?(?![\w-])"
        r"[^\n.]{0,30}\ball (?:the )?tokens)|"
        # O followed by Chinese ("全部为O的情况"): only a Latin letter or digit would extend it
        r"(?:预测|输出)[^\n。]{0,12}?(?:都是|全是|全为|都为|全部是|全部为|只有)\s*['\"“‘]?O"
        r"(?![A-Za-z0-9_-])|"
        r"(?:全是|全为|全部为|全部是)\s*['\"“‘]?O['\"”’]?(?![A-Za-z0-9_-])|"
        r"(?:标签|结果)全是\s*0?\s*[（(]?或?\s*O|"
        r"(?i:(?:precision|recall|(?<![a-z0-9_])f1|fb1|召回率|f1值)[^\n]{0,40}?(?:都|全|一直)?(?:为|是|=|:)\s*"
        r"0(?:\.0+)?\s*%?(?![\d.])|"
        # "f1 is always 0", "the F1 score stays at 0.0"
        r"(?:\bf1|fb1)(?: score)? (?:is|was|stays|remains|stayed|remained) (?:always |still |stuck "
        r"at |at )?0(?:\.0+)?\s*%?(?![\d.]))|"
        # the Trainer's table of a token-classification run: precision, recall and F1 at 0
        r"Precision[ \t]+Recall[ \t]+F1[ \t]+Accuracy[ \t]*\n(?:[^\n]*\n){0,3}?[ \t]*\d+[ \t]+"
        r"(?:No log|-?\d+\.\d+)[ \t]+-?\d+\.\d+[ \t]+0\.0+[ \t]+0\.0+[ \t]+0\.0+[ \t]+"
        r"(?P<acc>0\.\d+)",
        explain_ner_all_o_prose,
        priority=35,
    ),
    _p(
        # TAPAS flattens the whole table into one sequence: "Too many rows" without
        # truncation, "Couldn't find all answers" when truncation dropped the answer cells
        "tapas-table-too-large",
        "BD208",
        ("Too many rows", "Couldn't find all answers"),
        r"(?:Can't convert interaction: error: |ValueError: )?(?:Too many rows|Couldn't find all "
        r"answers)",
        explain_tapas_table_too_large,
        priority=40,
    ),
    _p(
        "output-format-prose",
        "BD414",
        ("输出格式", "output format", "output type", "Output format", "Output type"),
        # "bert的输出格式改变了", "the output format (of BertModel) has changed"
        r"输出格式[^\n。]{0,6}?(?:改变|变了|变化|不一样)|"
        r"(?i:output (?:format|type)\b[^\n.]{0,40}?\b(?:has |have |was )?changed)",
        explain_output_format_prose,
        priority=24,
    ),
    _p(
        "llama-batch-too-small",
        "BD208",
        "input is too large to process",
        r"input is too large to process[.,] (?:please )?increase the physical batch size",
        explain_llama_batch_too_small,
        priority=70,
    ),
    _p(
        "server-input-too-long",
        "BD208",
        "must have less than",
        r"`inputs` must have less than (?P<max>\d+) tokens\. Given: (?P<given>\d+)",
        explain_server_input_too_long,
        priority=80,
    ),
    _p(
        "ollama-input-over-context",
        "BD208",
        "exceeds the context length",
        # ollama's embed endpoint: "llm embedding error: the input length exceeds the context
        # length" (an embedding model's 512 or 8192 tokens)
        r"the input length exceeds the context length",
        _simple(
            "BD208",
            "the text sent to the embedding model is longer than its context length (the "
            "positions it was trained with: 512 tokens for BERT-sized embedders, 8192 for "
            "nomic-embed-text and bge-m3), and ollama refused it rather than cut it (the "
            'request set "truncate": false, or this ollama build could not truncate for the '
            "model).",
            "split the text into chunks under the model's context length before embedding "
            "them (count tokens with the model's tokenizer, not characters); leave truncate at "
            "its default (true), set options num_ctx to the model's context length, and update "
            "ollama. Confirm: `bertdoctor check-data TRAIN_FILE`",
        ),
        priority=80,
    ),
    _p(
        "too-long-prose",
        "BD208",
        ("too long", "Too long", "very long", "Very long"),
        # "once the strings get too long I'm thrown a error"
        r"(?i:(?<![a-z])(?:strings?|texts?|sentences?|inputs?|documents?|sequences?|paragraphs?|"
        r"passages?) (?:gets?|got|getting|are|is|becomes?|became|were|was) (?:too|very) long)",
        explain_too_long_prose,
        priority=24,
    ),
    _p(
        "partial-output-long-text-prose",
        "BD208",
        ("only", "long"),
        # "it only returns parts of the results if the text is too long"; "When I have very long
        # sentences, and I chose 'max_seq_length = 256' I don't get in the 'flat prediction' in
        # the length of the original data"
        # (hard-wrapped pastes: a line break is a space here)
        r"(?i:\bonly\s+(?:returns?|gives?|predicts?|outputs?|gets?|got)\s+(?:parts?|some|a\s+part|"
        r"the\s+first\s+part)\s+of\s+(?:the\s+|my\s+)?(?:results?|predictions?|words?|sentences?|"
        r"texts?|outputs?|entities|labels|tags)\b[^.!?]{0,40}?\b(?:too|very)\s+long\b|"
        r"\b(?:too|very)\s+long\s+(?:sentences?|texts?|inputs?|documents?)\b[^.!?]{0,80}?"
        r"(?:don't|do not|doesn't|does not|didn't|did not|can't|cannot)\s+get\b[^.!?]{0,40}?"
        r"\bthe\s+(?:same\s+)?(?:length|number)\s+of\s+(?:the\s+)?(?:original|input|raw)\b)",
        explain_partial_output_prose,
        priority=24,
    ),
    _p(
        "label-not-in-model-set",
        "BD205",
        ("does not exist in the", "Could not find a transition"),
        # NeuroNER: "The label B-BIOID does not exist in the pretraining dataset"; spaCy's
        # "[E022] Could not find a transition with the name 'B-Overcast Sky Cover' in the NER
        # model" (for 'O' it is a NER component with no labels at all: a config problem)
        r"The label (?P<label>\S+) does not exist in the (?:pretraining |training )?dataset|"
        r"\[E022\] Could not find a transition with the name '(?P<label2>(?!O')[^'\n]+)' in the "
        r"NER model",
        _simple_likely(
            "BD205",
            "the data has the label {label}, which the model's label set does not ({text!r}): "
            "the labels of the data and the model's labels (its label list, id2label, or the "
            "NER component's labels) differ, by a label or by a spelling.",
            "make the label list match the data (add the label, or fix its spelling and the "
            "separators of the list), or map the data's label to one the model has. Confirm: "
            "`bertdoctor check-data TRAIN_FILE --model {model}`",
        ),
        priority=70,
    ),
    _p(
        "download-size-check",
        "BD304",
        "Consistency check failed",
        r"Consistency check failed: file should be of size (?P<should>\d+) but has size "
        r"(?P<has>\d+)(?P<file> \([^\n]*\))?",
        explain_download_size_check,
        priority=80,
    ),
    _p(
        "long-sequence-prose",
        "BD208",
        ("512",),
        r"(?i:longer than (?:the )?(?:maximum (?:allowed )?(?:sequence )?length\s*:?\s*)?512\b"
        r"(?! ?[\d.])|more than 512 (?:tokens|word ?pieces|words)|"
        r"(?:goes|go|went|gets|grows?) beyond 512\b(?! ?[\d.])|(?:exceeds?|exceeding) (?:the )?"
        r"(?:limit of |maximum of )?512\b(?! ?[\d.])|\b512 position(?:al)? embeddings)"
        r"|(?:只能|超过|超出|大于|最大(?:长度)?(?:只能|是|为))\s*512(?![\d.])"
        # "seq_length = 583 while self.position_ids.shape = [1, 512]"
        r"|(?:seq_length|seq_len|sequence length)\s*(?:=|is|of)\s*(?:51[3-9]|5[2-9]\d|[6-9]\d\d|"
        r"[1-9]\d{3,})\b[^\n]{0,80}?\b512\b"
        # "I am stuck with the bert tokenisation of 512 tokens"
        r"|(?i:(?<!without )(?<!without any )(?<!no )(?<!never had )(?<!never had any )\b"
        r"(?:stuck|problems?|issues?|struggl\w*) with (?:the )?"
        r"[^\n.]{0,30}?\b512 (?:tokens|"
        r"word ?pieces|sub-?tokens)\b)"
        # "设置max_seq_length为1024时，会出现如下报错，但是设置为512，便可以正常运行"
        r"|(?i:max_seq_len(?:gth)?|max_len(?:gth)?)\s*(?:为|=|设为|设置为|设成)\s*(?:51[3-9]|"
        r"5[2-9]\d|[6-9]\d\d|[1-9]\d{3,})(?!\d)[^\n]{0,40}?(?:报错|出错|错误)[^\n]{0,30}?"
        r"(?<!\d)512(?!\d)(?:(?!不|无法|没法)[^\n]){0,20}?(?:正常|可以|没问题)",
        explain_long_sequence_prose,
        priority=30,
    ),
    _p(
        "label-not-in-list-message",
        "BD205",
        (
            "not in label",
            "not in the label",
            "not in tag",
            "not in the tag",
            "found in label",
            "found in the label",
            "found in tag",
            "found in the tag",
            "previously unseen labels",
        ),
        r"(?i:\b(?:label|lable|tag|class)\b[^\n]{0,30}?(?P<label>[\"'][^\"'\n]{1,60}[\"']) (?:is )?"
        r"not (?:in|found in) (?:the )?(?P<where>label_?(?:dict|list|map|2id|set)s?|labels? "
        r"(?:list|dict|map|set)|tag_?(?:list|2id|map|set)s?|tag (?:list|set)))|"
        r"y contains previously unseen labels: (?P<unseen>[^\n]{1,80})",
        explain_label_not_in_list_message,
        priority=60,
    ),
    _p(
        "label-index-not-in-list",
        "BD205",
        " is not in list",
        r"ValueError: (?P<label>'[^'\n]{1,60}'|\"[^\"\n]{1,60}\") is not in list",
        explain_label_index_not_in_list,
        priority=60,
    ),
    _p(
        "index-broadcast-tags",
        "BD209",
        "indexing tensors could not be broadcast together",
        r"indexing tensors could not be broadcast together with shapes (?P<a>\[[\d, ]*\]), "
        r"(?P<b>\[[\d, ]*\])",
        explain_index_broadcast_tags,
        priority=60,
    ),
    _p(
        "label-set-prose",
        "BD205",
        ("not present in", "not in the train", "not in train"),
        r"(?i:labels? (?:is |are )?(?:present |found )?in (?:the )?(?:validation|valid|dev|test) "
        r"(?:set|data|file) (?:and|but) not (?:present )?in (?:the )?train(?:ing)? "
        r"(?:set|data|file))",
        explain_label_set_prose,
        priority=30,
    ),
    _p(
        "nli-accuracy-below-chance",
        "BD205",
        ("nli", "NLI"),
        # an NLI task named in the report: the builder reads the accuracies it gives
        r"(?i:(?<![a-z])(?:m|x|s|multi_?)?nli(?![a-z]))",
        explain_nli_below_chance,
        priority=25,
    ),
    _p(
        "label-length-assert",
        "BD209",
        "AssertionError",
        r"AssertionError\b",
        explain_label_length_assert,
        priority=40,
    ),
    _p(
        "wordpiece-tags-prose",
        "BD209",
        ("##", "ordpiece", "ord piece", "分词", "切分"),
        # a word's pieces shown (['court', '##au', '##ld', '##s'], Per ##son), or the reporter
        # naming WordPiece's splitting
        r"['\"]?##\w+['\"]?(?:,\s*['\"]##\w+['\"])*|(?i:word ?piece)\w*|(?:分词|切分)",
        explain_wordpiece_tags_prose,
        priority=24,
    ),
    _p(
        "squeeze-batch-one-prose",
        "BD404",
        ("squeeze",),
        r"(?i:squeeze\(?\)?[^\n。.]{0,60}?batch[^\n。.]{0,20}?(?:size )?"
        r"(?:of |is |=|是|为|刚好是)\s*(?:1|one)(?!\d)|batch[^\n。.]{0,20}?(?:size )?"
        r"(?:of |is |=|是|为|刚好是)\s*(?:1|one)(?!\d)[^\n。.]{0,40}?squeeze)",
        _simple_likely(
            "BD404",
            "the report says squeeze() meets a batch of one ({text!r}): squeeze() without a "
            "dimension drops the batch axis too, so the last, single-example batch gets the "
            "wrong shape.",
            "squeeze only the axis meant (x.squeeze(-1), x.squeeze(1)), or drop_last=True in the "
            "DataLoader. Confirm: `bertdoctor check-script {script}`",
        ),
        priority=30,
    ),
    _p(
        "negative-label-prose",
        "BD202",
        ("-1",),
        # "There is label of -1 in train set", "[-1  0  1  2]" as the labels' unique values,
        # "标签有-1"
        r"(?i:\blabels? (?:of|=|==|is|are|with (?:the )?value) -1(?![\d.])|(?<![\w.-])-1 labels?\b"
        r"|\blabels?\b[^\n]{0,60}\n?[^\n]{0,20}\[\s*-1\s+0\s+1\b)|(?:标签|标记)[^\n。]{0,8}-1(?![\d.])",
        explain_negative_label_prose,
        priority=28,
    ),
    _p(
        "ids-max-over-vocab",
        "BD207",
        (".max()",),
        # the reporter's own check: "mlm_input_ids.max()=50264" with a vocab_size of 30522
        r"\w*ids\w*\.max\(\)\s*[=:]?\s*(?:tensor\()?(?P<max>\d+)",
        explain_ids_max_over_vocab,
        priority=30,
    ),
    _p(
        "added-tokens-not-resized-prose",
        "BD207",
        ("resize", "embedding", "higher than", "larger than", "greater than", "bigger than"),
        # the reporter's words: tokens added to the tokenizer while the embedding matrix keeps
        # its size ("the model's embedding matrix should be resized", "ids out of the embedding
        # layer range"), or ids past the vocabulary ("an index higher than 28996")
        r"(?i:embedding(?: matrix| layer|s)? (?:should|must|needs? to|has to|have to) be "
        r"resized|ids? (?:out of|outside|beyond|past) (?:the )?embedding(?: layer| matrix)?"
        r"(?:'s)? range|(?:forgot|forget|forgetting|without|didn't|did not|never) (?:to )?"
        r"(?:call(?:ing)? )?(?:model\.)?resize_token_embeddings|(?:index|id)(?:es|s)? "
        r"(?:higher|larger|greater|bigger) than (?:the )?(?:vocab(?:ulary)?(?: size)?|"
        r"\d{4,6})\b)",
        _simple_likely(
            "BD207",
            "the report says token ids reach past the embedding matrix ({text!r}): tokens were "
            "added to the tokenizer (or a larger vocabulary used) while the model's word "
            "embeddings kept the checkpoint's vocab_size, so a new id indexes past its end.",
            "call model.resize_token_embeddings(len(tokenizer)) after adding tokens, save the "
            "tokenizer with the model and load both from the same folder; or keep every id "
            "below vocab_size (map unknown pieces to [UNK]). Confirm: `bertdoctor check-model "
            "{model}`",
        ),
        priority=28,
    ),
    _p(
        "vocab-changed-prose",
        "BD305",
        ("vocab", "词表"),
        # "改变了vocab.txt的大小，在加载预训练模型的时候出现维度不匹配": a vocabulary of another
        # size than the checkpoint's embedding matrix
        r"(?:改变|修改|更改|改动|替换|换|扩充|扩展|增加|删减)了?[^\n。]{0,8}(?:vocab(?:\.txt)?|词表)"
        r"[^\n。]{0,50}?(?:维度|尺寸|大小|形状|shape|size)\s*(?:不匹配|不一致|对不上|mismatch)|"
        r"(?i:(?:changed|modified|extended|replaced|edited|shrunk|trimmed) (?:the |my )?"
        r"vocab(?:\.txt|ulary)?\b[^\n.]{0,80}?(?:size mismatch|dimension mismatch|shapes? "
        r"(?:do not|don't) match))",
        _simple_likely(
            "BD305",
            "the report says the vocabulary was changed and loading the pretrained weights then "
            "fails on the sizes ({text!r}): the word embeddings (and an MLM head) have one row "
            "per token of the original vocab.txt, so a vocabulary of another size does not fit.",
            "keep the checkpoint's vocab.txt, or load the weights first and then "
            "model.resize_token_embeddings(len(tokenizer)) (or keep only the rows of the tokens "
            "kept, as keep_tokens does). Confirm: `bertdoctor check-model {model}`",
        ),
        priority=28,
    ),
    _p(
        "vocab-embedding-mismatch-prose",
        "BD305",
        ("对不上", "不匹配", "不一致"),
        # "使用原先bert的vocab.txt（含有30522个token），可以训练，但是结果不佳，应该是token
        # embedding对不上": the ids of one vocabulary name the rows of another model's embeddings
        r"(?:(?i:vocab)(?:\.txt)?|词表)[^\n。！？]{0,80}?(?i:token ?embeddings?|embeddings?)\s*"
        r"(?:对不上|不匹配|不一致)",
        _simple_likely(
            "BD305",
            "the report says the vocabulary does not fit the model's embeddings ({text!r}): the "
            "ids of one vocabulary name the rows of another model's embedding matrix (another "
            "checkpoint's vocab.txt, or a WordPiece vocab.txt where the model was trained with "
            "a sentencepiece vocabulary), so training runs but reads shifted tokens.",
            "tokenize with the checkpoint's own vocabulary (its vocab.txt, or its sentencepiece "
            ".model file such as ALBERT's 30k-clean.model) and check len(tokenizer) == "
            "model.config.vocab_size. Confirm: `bertdoctor check-model {model}`",
            # a question or a cause ruled out: "请问...不一致会有什么后果？", "不是...对不上的问题"
            unless=re.compile(r"不是|并非|排除|是否|会不会|吗|[？?]"),
        ),
        priority=28,
    ),
    _p(
        "batch-plus-one-prose",
        "BD404",
        ("+1", "+ 1", "last batch", "最后一", "只有一"),
        # "only when the data size is batch_size*n+1": the last batch holds a single example
        r"(?i:batch_?size\s*[*×x]\s*\w{1,3}\s*\+\s*1(?!\d)|last batch (?:has|holds|contains|with|"
        r"of) (?:only )?(?:one|1|a single) (?:example|sample|sentence|item)s?\b)|"
        r"最后一个?(?:batch|批)[^\n。]{0,6}?只有一(?:条|个|句)|"
        # "训练语料量恰好为batch_size的n+1倍时", "当只有一条数据取bert向量时，结果会降低一维"
        r"(?i:batch_?size)\s*的\s*n\s*\+\s*1\s*倍|"
        r"只有一(?:条|个|句)(?:数据|样本|句子)[^\n。]{0,20}?(?:降低|少了?|减少|丢失|丢了)一(?:个)?维",
        _simple_likely(
            "BD404",
            "the report says it fails only with a last batch of one example ({text!r}): a "
            "squeeze() (or a reshape with a fixed size) drops that batch's batch axis, so its "
            "output has another shape than the others.",
            "squeeze only the axis meant (x.squeeze(-1)), keep the batch axis with "
            "x.view(batch, -1), or drop_last=True in the DataLoader. Confirm: `bertdoctor "
            "check-script {script}`",
        ),
        priority=30,
    ),
    _p(
        "loss-spike-prose",
        "BD503",
        ("loss", "Loss", "LOSS", "梯度爆炸"),
        # the reporter's words: the loss jumps up after falling ("the loss suddenly increased to
        # 10000", "loss又变的很大", "loss突变"); exploding gradients said as such
        r"(?i:(?<![a-z])loss(?:es)?(?![a-z])[^\n.!?]{0,40}?(?:suddenly|abruptly|then)\s+"
        r"(?:\w+\s+)?(?:increase|jump|rise|rose|spike|explode|shoot|shot|go(?:es)? up|went up|"
        r"blow|blew)|(?<![a-z])loss(?:es)? (?:spikes?|spiked|explodes?|exploded|(?:is |keeps |"
        r"might be |may be |seems to be )?exploding|blows? up|blew up)"
        r"\b|(?:sudden|abrupt) (?:spikes?|jumps?|increases?) (?:in|of) (?:the )?loss"
        r"|(?:suddenly|abruptly),? (?:the |my )?loss(?:es)? (?:\w+ )?(?:increase|jump|rise|rose|"
        r"spike|explode|shoot|shot|go(?:es)? up|went up|blow|blew)"
        # "suddenly at a certain point, the train loss becomes large"
        r"|(?:suddenly|abruptly)[^\n.!?]{0,40}?loss(?:es)? (?:becomes?|became|gets?|got|turns?|"
        r"turned) (?:very |extremely |really )?(?:large|huge|big|high))"
        # "my training loss keeps going up", "the loss is increasing instead of decreasing"
        # ("keeps going up and down" is noise, "increases slightly" no divergence)
        r"|(?i:(?<![a-z])loss(?:es)?(?![a-z])[^\n.!?]{0,20}?\b(?:(?:keeps|kept|starts?|started|is|"
        r"was) (?:going up|increasing|rising|growing|climbing)|goes up|went up|increases|"
        r"increased|rises|rose)\b(?! (?:and|or|&) (?:down|decreas)| (?:slowly|slightly|a bit|a "
        r"little)))"
        r"|(?i:loss)[^\n。！？]{0,20}?(?:突然|又)(?:变[的得]?很大|变大|暴增|飙升|增大|上升|升高)"
        r"|(?i:loss)[^\n。！？]{0,10}?(?:突变|爆炸)|梯度爆炸",
        explain_loss_spike_prose,
        priority=27,
    ),
    _p(
        "lr-schedule-prose",
        "BD505",
        (
            "warmup",
            "warm-up",
            "warm up",
            "ramp-up",
            "learning rate",
            "learning_rate",
            "lr ",
            "LR ",
            "lr` ",
            "lr' ",
            'lr" ',
            "LR` ",
            "LR一直",
            "lr一直",
            "lr始终",
            "lr总是",
            "学习率",
        ),
        # the reporter's words: warmup that never happens, a learning rate that never moves or
        # stays 0 ("there is never a warmup period", "the lr stays at 0", "学习率一直是0")
        r"(?i:\bthere (?:is|was|'s) never (?:a |any )?warm-?up\b|\bthere (?:is|was|'s) no "
        r"warm-?up (?:period|phase|ramp|at all)\b|\bno (?:warm-?up |lr |learning[- ]rate )?"
        r"ramp-?up\b|\bwarm-? ?up (?:does(?:n't| not)|did(?:n't| not)|"
        r"is not|isn't|never) (?:seem to )?(?:be )?(?:work|happen|take effect|kick in|applied|"
        r"used)|"
        # "lr is 0.0 for all steps in the trainer log"
        r"\b(?:learning[ _]rate|lr) (?:is|shows|stays|remains|was)\s+(?:0|0\.0|zero)(?![\d.])"
        r"[^\n.!?]{0,30}?\b(?:for all|for every|all the|throughout|the whole|at every|in "
        r"every)\b(?! (?:the )?(?:encoder|bert|embedding|layer|param|weight|frozen))|"
        # ("`lr` is always 0..": the name quoted, the sentence's dots after the 0)
        r"\b(?:learning[ _]rate|lr)['`\"]? (?:is always|stays|remains|stayed|remained|is stuck|"
        r"(?:is |was )?stuck) (?:at )?(?:0|zero|0\.0)(?!\.?\d)|"
        # "after 5 epochs training, the learning rate came to 0" (of a 50-epoch run)
        r"\bafter (?:only )?(?:\d+|one|two|three|four|five|a few) (?:epochs?|steps?|iterations?)"
        r"[^\n.]{0,40}?\b(?:learning[ _]rate|lr) (?:came|comes|went|goes|dropped|drops|fell|falls|"
        r"decayed|decays|reached|reaches|got|gets|became|becomes) (?:down )?(?:to )?(?:0|zero|0\.0)"
        # (not a schedule that ended as it was planned: "as planned", "and training finished")
        r"(?!\.?\d)(?![^\n]{0,60}?\b(?:as (?:planned|intended|scheduled|expected)\b|the plan\b|"
        r"(?:and|when|as) (?:the )?(?:training|run|it) (?:finished|ended|stopped|was over|"
        r"completed)))|"
        r"\b(?:learning[ _]rate|lr) (?:does(?:n't| not)|did(?:n't| not)|never) (?:change|decay|"
        r"decrease|warm up|increase)s?\b(?! (?:much|as much|fast))|"
        r"\bscheduler (?:does(?:n't| not)|did(?:n't| not)|never) (?:change|update|decay|step)s?"
        r" the (?:learning rate|lr)\b)"
        # "step could be larger than t_total, then lr becomes negative"
        r"|(?i:\b(?:learning[ _]rate|lr) (?:becomes?|became|goes|went|turns?|is) negative\b)"
        # "学习率一直是0", "learning_rate一直等于0.00000"
        r"|(?:学习率|(?i:learning[ _]rate|(?<![a-z])lr))\s*(?:一直|始终|总是)(?:是|为|等于)\s*"
        r"0(?:\.0+)?"
        r"(?![.\d])|学习率(?:一直|始终|总是)(?:不变|没有?变化?)"
        r"|warm-?up[^\n。]{0,10}?(?:没有?(?:起)?作用|不起作用|无效)",
        _simple_likely(
            "BD505",
            "the report says the learning-rate schedule does not do what the run planned "
            "({text!r}): warmup sized in epochs or batches while the scheduler counts optimizer "
            "steps, scheduler.step() called once per epoch (or never, or before "
            "optimizer.step()), or a schedule rebuilt or sized for another run.",
            "size the schedule in optimizer steps (num_training_steps = len(train_dataloader) // "
            "gradient_accumulation_steps * epochs, warmup 6-10% of it), call scheduler.step() "
            "right after every optimizer.step(), and log optimizer.param_groups[0]['lr'] at "
            "each step to see the curve. Confirm: `bertdoctor check-script {script}` and "
            "`bertdoctor check-run OUTPUT_DIR`",
            unless=SCHEDULE_AS_PLANNED_RE,
        ),
        priority=26,  # the schedule explains a loss that does not move,
    ),
    _p(
        "varying-outputs-prose",
        "BD611",
        (
            "run",
            "time",
            "same input",
            "same sentence",
            "same text",
            "same example",
            "second time",
            "不一样",
            "不一致",
            "不同",
            "每次",
        ),
        # the reporter's words: "the predictions change from one run to another", "I get
        # different results (logits) every time I run the following"
        rf"(?i:\b(?:{_OUTPUTS}|probabilit(?:y|ies))"
        r"\b[^\n.!?]{0,30}?\b(?:(?:to be |are |keep |kept |is )?chang(?:e|es|ing|ed)|(?:are |is )?"
        r"(?:different|vary|varies|varying|inconsistent|not (?:the same|consistent|deterministic|"
        r"reproducible)))\b[^\n.!?]{0,20}?\b(?:from (?:one )?run to (?:another|the next|run)|"
        r"every time|each time|(?:on|with|at|for) (?:each|every) (?:run|call|inference|prediction))"
        rf"|\bdifferent {_OUTPUTS}"
        r"(?: \([^)\n]{0,20}\))? (?:every|each) time (?:I|we) (?:run|call|predict|infer|evaluate)\b"
        rf"|\bsame (?:input|sentence|text|example)s?\b[^\n.!?]{{0,40}}?\bdifferent {_OUTPUTS}"
        # "When I ran for the second time I got the result as 'neutral'"
        rf"|\b(?:ran|run|running|predict\w*)\b[^\n.!?]{{0,20}}?\bsecond time\b[^\n.!?]{{0,20}}?"
        rf"\b(?:got|get|gets|gave|gives?|returned|returns?)\b(?!\s*(?:the |a )?same\b)"
        rf"[^\n.!?]{{0,12}}?\b{_OUTPUTS}\b"
        # "returns different outputs even for the same input"
        rf"|\bdifferent {_OUTPUTS}\b[^\n.!?]{{0,20}}?\bfor (?:the |a )?same "
        r"(?:input|sentence|text|example)s?\b)"
        # "相同的输入 每次输出的结果都是不一样的", "同一个model两次预测结果不一致"
        r"|(?:相同|同样|同一)[的个]?\s*(?:输入|句子|文本|样本|数据|model|模型)"
        # (not "每次训练的结果": a training run's results differ with the seed)
        r"(?:(?!训练)[^\n。！？!?]){0,20}?"
        r"(?:输出|预测|结果)[^\n。！？!?]{0,8}?(?:不一样|不一致|不同)"
        r"|(?:每次|两次|多次)(?:(?!训练)[^\n。！？!?]){0,6}?(?:输出|预测)[^\n。！？!?]{0,6}?结果"
        r"[^\n。！？!?]{0,4}?(?:不一样|不一致|不同)"
        # "写了个代码让他为我预测了几个简单的新闻短句，每次的结果都会变"
        r"|(?:预测|推理|推断|输出)(?:(?!训练)[^\n。！？!?]){0,30}?每次的?(?:预测|输出)?结果"
        r"[^\n。！？!?]{0,3}?(?:会|都|总)?(?:变|不一样|不一致|不同)",
        explain_varying_outputs_prose,
        priority=25,
    ),
    _p(
        "no-gradient-prose",
        "BD504",
        ("grad", "weights", "parameters", "params", "梯度", "参数"),
        # the reporter's words: "the gradients are None for the bert parameters", "the weights
        # of bert are not updated during training", "参数没有更新"
        r"(?i:\b(?:gradients?|grads?|\.grad)\b[^\n.!?]{0,30}?\b(?:are|is|were|was|stays?|"
        r"remains?) (?:all |always )?None\b|"
        r"\b(?:weights|parameters|params)\b[^\n.!?]{0,30}?\b(?:are|is|were|was) (?:not|never) "
        r"(?:being )?(?:updated|changing|changed|trained)\b|"
        r"\b(?:weights|parameters|params)\b[^\n.!?]{0,20}?(?:don't|do not|doesn't|does not|"
        r"never|didn't|did not) (?:get )?(?:update|change)d?\b|"
        r"\b(?:weights|parameters|params) (?:stay|stays|stayed|remain|remains|remained) (?:the "
        r"same|unchanged|identical)\b)"
        r"|(?:参数|权重)[^\n。]{0,10}?(?:没有|没|不|未)(?:被)?(?:更新|变化|改变)|梯度(?:一直|都|全)?(?:是|为)\s*None",
        _simple_likely(
            "BD504",
            "the report says weights get no gradient or do not change ({text!r}): parameters "
            "left out of the optimizer (a head or module created after the optimizer was "
            "built), frozen with requires_grad=False, a graph cut by .detach(), .item(), "
            ".numpy() or torch.no_grad(), or a learning rate of 0.",
            "build the optimizer after every module exists, from model.parameters(); list "
            "[n for n, p in model.named_parameters() if p.requires_grad], and after "
            "loss.backward() check that their .grad is not None. Confirm: `bertdoctor "
            "check-script {script}`, or run the loop inside bertdoctor.watch(model, optimizer)",
            unless=NO_GRADIENT_MEANT_RE,
            unless_failed=True,
        ),
        priority=25,
    ),
    _p(
        "ddp-no-grad-prose",
        "BD504",
        ("receive", "get no grad", "unused param"),
        # the reporter's words under DDP: "the parameters of this layer will not receive the
        # grad", "some parameters get no gradient", "unused parameters"
        r"(?i:\b(?:parameters|params|weights|layers?)\b[^\n.!?]{0,40}?\b(?:will not|won't|do not|"
        r"don't|does not|doesn't|did not|didn't|cannot|can't|never) receive (?:the |any |a )?"
        r"grad(?:ient)?s?\b|\b(?:parameters|params) (?:that )?get no grad(?:ient)?s?\b|"
        r"(?<!any )(?<!no )\bunused param(?:eter)?s\b)",
        explain_ddp_no_grad_prose,
        priority=25,
    ),
    _p(
        "memory-growth-prose",
        "BD509",
        ("emory", "显存", "VRAM", "vram"),
        # the reporter's words: "my GPU memory keeps increasing every step until OOM", "a CUDA
        # memory leak", "显存一直增加"
        r"(?i:\b(?:gpu|cuda|vram)\b[^\n.!?]{0,12}?(?:memory )?(?:usage )?(?:(?:keeps|kept) "
        r"(?:increasing|growing|going up|rising|climbing)\b|(?:(?:is|was) (?:increasing|growing|"
        r"going up|rising|climbing)|increases|increased|grows|grew|goes up|went up|rises|rose)\b"
        # (the bare verbs only with time: "memory increases every step", not "with the batch")
        r"(?=[^\n.!?]{0,30}?\b(?:every|each|per|after every|after each|until|till|step|batch|"
        r"iteration|epoch|during training)))|\b(?:gpu|cuda) memory leak)"
        r"|显存(?:占用)?(?:一直|不断|持续|逐渐)(?:增加|增长|上涨|上升|变大)",
        _simple_likely(
            "BD509",
            "the report says GPU memory grows step after step ({text!r}): something keeps each "
            "step's graph alive (a loss or logits kept as tensors: total_loss += loss, a list of "
            "outputs; an evaluation without torch.no_grad()) until the GPU runs out of memory.",
            "accumulate loss.item(), not loss; keep .detach().cpu() copies of what you store; "
            "evaluate under torch.no_grad(); torch.cuda.memory_allocated() printed per step "
            "should stay flat. Confirm: `bertdoctor check-script {script}` and the GPU's free "
            "memory with `bertdoctor check-env`",
            unless=MEMORY_STEADY_RE,
        ),
        priority=30,
    ),
    _p(
        "vocab-size-prose",
        "BD305",
        ("vocab", "词表"),
        # "vocab大小是8021，config文件大小是21128": the two sizes in the reporter's words
        r"(?i:vocab(?:\.txt)?|词表)[^\n。，,\d]{0,12}?(?:大小|size|数量|长度|has|有)[^\n\d]{0,6}?"
        r"(?P<vocab>\d{3,6})(?!\d)[^\n]{0,40}?(?i:config)[^\n\d]{0,20}?(?P<config>\d{3,6})(?!\d)"
        # "the tokenizer's size and model's vocab_size is 250002 but vocab's length is 250007"
        r"|(?i:vocab_size)[^\n\d]{0,20}?(?P<config2>\d{3,6})(?!\d)[^\n\d]{0,20}?(?i:but|while|"
        r"whereas)[^\n\d]{0,30}?(?i:len\(tokenizer\)|tokenizer'?s? (?:length|size|len)|"
        r"vocab(?:ulary)?'?s? (?:length|size|len)|length of (?:the )?(?:tokenizer|vocab(?:ulary)?))"
        r"[^\n\d]{0,12}?(?P<vocab2>\d{3,6})(?!\d)",
        explain_vocab_size_prose,
        priority=30,
    ),
    _p(
        "empty-text-word-ids",
        "BD221",
        "cannot convert float NaN to integer",
        # word_ids() of an empty text is all None: nanmax of it is NaN
        r"ValueError: cannot convert float NaN to integer",
        explain_empty_word_ids,
        priority=40,
    ),
    _p(
        "package-as-file-prose",
        "BD313",
        ("pytorch_pretrained_bert", "pytorch_transformers", "torchcrf", "TorchCRF"),
        # "I can not find the file 'pytorch_pretrained_bert.py'", "pytorch_pretrained_bert是什么
        # 文件，好像缺少这个文件": a pip package taken for a file the repository forgot
        r"(?i:(?:find|missing|where is)[^\n.]{0,30}?\b(?:the )?(?:file|module|folder) ['\"`]?"
        r"(?P<pkg>pytorch_pretrained_bert|pytorch_transformers|torchcrf)(?:\.py)?\b|"
        r"\b(?P<pkg2>pytorch_pretrained_bert|pytorch_transformers|torchcrf)(?:\.py)?['\"`]?"
        r"\s*(?:是什么|这个)?\s*(?:文件|file\b))",
        _simple_likely(
            "BD313",
            "the report takes a pip package for a missing file of the project ({text!r}): "
            "pytorch_pretrained_bert, pytorch_transformers and torchcrf are installed with pip "
            "(pytorch-pretrained-bert, pytorch-transformers, pytorch-crf), not shipped with the "
            "code.",
            "pip install the package with the python that runs the script (python -m pip install "
            "pytorch-pretrained-bert). Confirm: `bertdoctor check-imports {script}`",
        ),
        priority=30,
    ),
    _p(
        "output-is-string-prose",
        "BD414",
        ("string", " str", "str类型", "str 类型", "str타입", "str type"),
        r"(?i:(?:last_hidden_states?|pooler_output|pooled_output|outputs?)\b[^\n.]{0,60}?"
        r"(?:as|is|be|get|gets|got|returns?) a (?:string|str)\b|it is a string object)"
        # "sequence_output, pooled_output이 torch.size가 아닌 str 타입으로 나오며"
        r"|(?:sequence_output|pooled_output|pooler_output|last_hidden_states?)[^\n]{0,40}?"
        r"(?<![A-Za-z])(?<!not a )(?<!not )(?<!不是)(?<!不是 )str ?(?:타입|type|类型)"
        r"(?!\s*(?:이|가)?\s*아니)",
        _simple_likely(
            "BD414",
            "the report says the model's output is a string ({text!r}): unpacking a ModelOutput "
            "(`a, b = model(...)`) gives its keys, the strings 'last_hidden_state' and "
            "'pooler_output'.",
            "take the fields: out = model(...); out.last_hidden_state, out.pooler_output (or "
            "return_dict=False for a tuple). Confirm: `bertdoctor check-script {script}`",
        ),
        priority=30,
    ),
    _p(
        "tags-tokens-count-prose",
        "BD209",
        (
            "match",
            "line up",
            "length",
            "长度",
            "对齐",
            "对应不上",
            "对不上",
            "对不齐",
            "不对应",
            "无法对应",
        ),
        r"(?i:number of (?:tokens|words) and (?:the )?(?:corresponding )?(?:tags|labels)"
        r"[^\n.]{0,20}?(?:don't|do not|doesn't|does not) (?:match|line up)|(?:tokens|words) and "
        r"(?:their )?(?:tags|labels) (?:don't|do not) (?:match|line up)"
        # "labels and tokens have different lengths", "the length of predicted labels and the
        # length of truth labels doesn't match"
        r"|\b(?:labels?|tags?) and (?:the )?(?:tokens?|input_ids|words) (?:have|are of|with) "
        r"(?:different|unequal|inconsistent|mismatched) lengths?"
        r"|\blength of (?:the )?predicted (?:labels|tags)[^\n.]{0,40}?(?:doesn't|does not|don't|"
        r"do not) match)"
        # "lables、tokens长度不一致", "label处理没有与input对齐",
        # "tokenizer以后, 导致句子长度不一致"
        r"|(?i:la(?:bel|ble)s?|tags?|标签)[、和与及跟,，/ ]{0,3}(?i:tokens?|input|输入|字|句子)"
        r"[^\n。]{0,6}?长度(?:不一致|不同|不相等|对不上)"
        r"|(?i:label|标签)[^\n。]{0,12}?(?:没有|没|未|不)(?:与|和|跟)?\s*(?i:input|输入|token)"
        r"[^\n。]{0,4}?对齐"
        r"|(?i:tokeni[sz]\w*)[^\n。]{0,30}?长度[^\n。]{0,15}?不一致"
        # "出现wordPiece ... 导致原本的word和token之间对应不上"
        r"|(?<![A-Za-z])(?i:words?|词|单词)\s*(?:和|与|跟)\s*(?i:tokens?|word ?pieces?|sub-?words?)"
        r"(?![A-Za-z])[^\n。]{0,6}?(?:对应不上|对不上|对不齐|不对应|无法对应)",
        _simple_likely(
            "BD209",
            "the report says the tags and the tokens do not line up ({text!r}): a sentence "
            "whose labels are not one per token (word pieces, [CLS]/[SEP], characters the "
            "tokenizer drops or splits) shifts every label after the first difference.",
            "give labels per word piece from the tokenizer's word_ids() (-100 on [CLS], [SEP], "
            "padding and non-first pieces), and count tokens and tags per line, dropping or "
            "fixing the lines that differ. Confirm: `bertdoctor check-data TRAIN_FILE`",
            unless=SOLVED_SAID_RE,
        ),
        priority=30,
    ),
    _p(
        "driver-cuda-prose",
        "BD102",
        ("only support",),
        r"(?i:(?:driver|graphics card|gpu|card)[^\n.]{0,30}?(?:can )?only supports? (?:up to )?"
        r"cuda ?\d+(?:\.\d+)?)",
        _simple_likely(
            "BD102",
            "the report says the GPU's driver supports only an old CUDA ({text!r}): a torch "
            "built for a newer CUDA runtime finds no usable GPU with it.",
            "update the NVIDIA driver (the CUDA toolkit need not change), or install a torch "
            "built for the CUDA the driver supports. Confirm: `bertdoctor check-env`",
        ),
        priority=30,
    ),
    _p(
        "nan-prose",
        "BD501",
        ("nan", "NaN", "Nan", "NAN"),
        # the reporter's words, in a paste without an error line: "the loss becomes nan",
        # "loss will return nan", "a NaN error"
        # (letters, not \b: Chinese text around "loss" counts as word characters)
        r"(?i:(?<![a-z])loss(?:es)?(?![a-z])[^\n.!?]{0,40}?(?<![a-z])nan(?![a-z])|"
        # "loss=nanxxx" (a placeholder after the value)
        r"(?<![a-z])loss\s*[=:]\s*nan(?=x)|"
        # ("nan nan without any error", "outputs nan without raising an error": no error said)
        r"(?<![a-z])nan(?![a-z])(?:(?!without|\bno\b)[^\n.!?]){0,20}?(?<![a-z])(?:loss|error)"
        r"(?![a-z])|"
        r"(?:results?|outputs?|scores?|metrics?) (?:are|is|were|was|become|becomes) ['\"]?nan['\"]?"
        r" everywhere|(?<![a-z])nan values? (?:start|starts|started|begin|began) (?:to )?"
        r"(?:appear|show)|produces? nan values|"
        # "it got NAN with 1000-step optimization", "the optimization will be stuck in NaN"
        r"(?:got|gets|getting|stuck (?:in|at|with)) (?:an? |the )?nan(?![a-z])"
        r"(?=[^\n.!?]{0,60}(?:step|iter|epoch|optimi|train))|"
        r"(?:training|optimi[sz]ation)[^\n.!?]{0,40}?(?:stuck (?:in|at|with)|got|gets|becomes?) "
        r"(?:an? |the )?nan(?![a-z])|"
        # "the forward pass is returning `nan` vectors", "the loss might be exploding"
        # "sdpa for bert causes nan output", "the classifier's output is full of `nan`s"
        r"(?:returns?|returning|returned|outputs|outputting|produces|producing) [`'\"]?nan[`'\"]? "
        r"(?:vectors?|values?|outputs?|tensors?|embeddings?|logits)|"
        r"(?:causes?|caused|causing|gives?|giving|gave|makes?|making|made) [`'\"]?nan[`'\"]? "
        r"(?:outputs?|embeddings?|logits|predictions?|values?)|"
        # a model's numbers (not a data frame's column) full of NaN
        # "This returns nans" (what a trained model's predict() gives)
        r"\b(?:returns?|returning|outputs|predicts|gives|produces) (?:only |all )?[`'\"]?nans?"
        r"[`'\"]?s?(?=[ \t]*(?:\n|$|[.!,;)]))|"
        r"\b(?:outputs?|logits|predictions?|embeddings?|classifier|hidden[_ ]states?|weights|"
        r"gradients?|grads)\b[`'\"]?[^\n.!?]{0,30}?\b(?:is|are|was|were|becomes?|became|gets?|got) "
        r"full of [`'\"]?nans?[`'\"]?s?(?![a-z]))"
        r"|损失[^\n。]{0,20}?(?i:(?<![a-z])nan(?![a-z]))",
        explain_nan_prose,
        priority=30,
    ),
    _p(
        "tensorboard-nan-scalar",
        "BD501",
        "NAN or Inf found in input tensor",
        # tensorboardX logging a scalar (the loss, most often) that is NaN or infinite
        r"NAN or Inf found in input tensor",
        _simple_likely(
            "BD501",
            "the value logged to TensorBoard is NaN or infinite ({text!r}): the loss (or a "
            "learning rate, a metric) went non-finite during training.",
            "find the first step whose loss is not finite (torch.isfinite(loss)), then check "
            "the labels and the learning rate there; clip the gradients (clip_grad_norm_ 1.0) "
            "and use fp32 or bf16 if fp16 overflows. Confirm: `bertdoctor check-run OUTPUT_DIR`",
        ),
        priority=30,
    ),
    _p(
        "cuda-async",
        "BD117",
        (
            "device-side assert",
            "Device-side assert",  # a reporter's title, capitalised
            "CUBLAS_STATUS_EXECUTION_FAILED",
            "CUDNN_STATUS_EXECUTION_FAILED",
            "illegal memory access",
            "cudaErrorIllegalAddress",
            "CUBLAS_STATUS_INTERNAL_ERROR",
            "CUBLAS_STATUS_NOT_INITIALIZED",
            "CUBLAS_STATUS_ALLOC_FAILED",
            "CUDNN_STATUS_MAPPING_ERROR",
            "unspecified launch failure",
            "cublas runtime error",  # torch < 1.3 (THC): the same failures, older words
            "cuda runtime error (59)",  # THC's number for the device-side assert
            "CUDA error: misaligned address",
            "Creating MTGP constants failed",  # THC's random generator after a failed kernel
        ),
        r"(?:CUDA error: )?(?:[Dd]evice-side assert(?:ion)? triggered|"
        # a kernel's own assert, as HIP and generated kernels print it
        r"Device-side assertion `[^`'\n]{1,200}['`] failed|"
        r"CUBLAS_STATUS_EXECUTION_FAILED[^\n]*|CUDNN_STATUS_EXECUTION_FAILED|"
        r"an illegal memory access was encountered|"
        r"cudaErrorIllegalAddress|CUBLAS_STATUS_INTERNAL_ERROR[^\n]*|CUBLAS_STATUS_NOT_INITIALIZED"
        r"[^\n]*|CUBLAS_STATUS_ALLOC_FAILED[^\n]*|CUDNN_STATUS_MAPPING_ERROR"
        r"|unspecified launch failure|cuda runtime error \(59\)|misaligned address"
        r"|Creating MTGP constants failed"
        r"|cublas runtime error ?: ?(?:the GPU program failed to execute|resource allocation"
        r"(?: failed)?|an internal operation failed|library not initialized)[^\n]*)",
        explain_cuda_assert,
        priority=60,
    ),
    _p(
        # the reporter's words, without the error line's "device-side assert triggered"
        "cuda-assert-prose",
        "BD117",
        ("side assert", "Side assert", "Side Assert"),
        # (not torch 2's hint under every CUDA error: "... to enable device-side assertions")
        r"(?<!enable )(?<!not a )(?<!no )(?i:(?:device[ -]|cuda )side assert(?:ion)?s?\b)",
        explain_cuda_assert_prose,
        priority=30,
    ),
    _p(
        # the reporter's words for a CUDA error that only one checkpoint gives
        "cuda-error-one-model-prose",
        "BD117",
        ("cuda出错", "cuda报错", "CUDA出错", "CUDA报错", "cuda错误", "CUDA错误", "CUDA error"),
        r"(?i:cuda ?(?:出错|报错|错误)|CUDA error\b)",
        explain_cuda_error_one_model,
        priority=24,
    ),
    _p(
        "tf-blas-gemm",
        "BD117",
        "GEMM launch failed",
        # (Blas SGEMM: TensorFlow 1.x's float32 name for it)
        r"Blas [xSDHCZ]?GEMM launch failed"
        r"(?: ?: ?(?P<shapes>a\.shape=\([\d, ]*\), b\.shape=\([\d, ]*\)))?",
        explain_tf_blas_gemm,
        priority=60,
    ),
    # context: warnings and log lines printed before the error, anywhere in the text
    _p(
        "assert-nll",
        "BD201",
        ("t < n_classes", "cur_target < n_classes"),
        r"Assertion `?t >= 0 && t < n_classes`? failed|"
        r"ClassNLLCriterion\.cu:\d+[^\n]*Assertion `cur_target >= 0 && cur_target < n_classes",
        kind="context",
    ),
    _p(
        "assert-embedding",
        "BD208",
        "srcIndex < srcSelectDimSize",
        r"Assertion `?srcIndex < srcSelectDimSize`? failed",
        kind="context",
    ),
    _p(
        "assert-index",
        "BD203",
        (
            'index out of bounds"` failed',
            "index out of bounds` failed",
            'index out of bounds" failed',
        ),
        # Markdown may eat the backticks
        r"Assertion `?[^`\n]*index out of bounds\"?`? failed",
        kind="context",
    ),
    _p(
        "assert-bce",
        "BD401",
        "input_val >= zero && input_val <= one",
        r"Assertion `input_val >= zero && input_val <= one` failed",
        kind="context",
    ),
    _p(
        "sequence-longer-than-max",
        "BD208",
        "oken indices sequence length is longer",
        # old releases say "for this BERT model"; a paste may keep only the first words
        r"[Tt]oken indices sequence length is longer than the specified maximum\s+sequence "
        r"length(?: for this(?: \w+)? model)?(?: \((?P<len>\d+) > (?P<max>\d+)\))?",
        kind="context",
        first=True,
    ),
    _p(
        "windowed-tokenization",
        "BD208",
        # tokenization that splits long texts into windows (sliding_window=True, doc_stride):
        # a long text is then expected, and nothing longer than the model's maximum reaches it
        (
            "liding",
            "LIDING",
            "oc_stride",
            "oc_Stride",
            "OC_STRIDE",
            "return_overflowing_tokens",
            "RETURN_OVERFLOWING_TOKENS",
        ),
        r"(?i:sliding[_ ]window|\bdoc_stride\b|return_overflowing_tokens)",
        kind="context",
        first=True,
    ),
    _p(
        "tokenizer-kwargs-ignored",
        "BD413",
        "not recognized",
        r"Keyword arguments (?P<kw>\{[^}\n]*\}) not recognized\.|"
        # the reporter's retelling: `{"pad_to_max_len} is not recognized`
        r"(?P<kw2>\{[\"']?[a-z_]{3,40}[\"']?(?:: ?\w+)?\}) (?:is |are |was |were )?not recognized",
        explain_tokenizer_kwargs,
        kind="context",
        priority=40,
    ),
    _p(
        "newly-initialized",
        "BD316",
        "were not initialized from the model checkpoint at",
        r"Some weights of (?P<cls>\w+) were not initialized from the model checkpoint at "
        r"(?P<path>[^\n]+?) and are newly initialized(?P<shapes> because the shapes did not "
        r"match)?:?(?P<keys>[^\n]*)",
        kind="context",
    ),
    _p(
        # the reporter: ALBERT's weights run through BERT's code, and the sizes do not match
        # (ALBERT's factorised embeddings: [vocab, 128] against BERT's [vocab, hidden])
        "albert-into-bert-prose",
        "BD316",
        ("albert", "ALBERT", "Albert"),
        r"(?i:albert)[^\n。]{0,60}?(?<![A-Za-z])(?i:bert)[\s\S]{0,80}?(?:(?i:sizes?|shapes?)|尺寸|维度|大小)\s{0,3}"
        r"(?:不匹配|不一致|对不上|(?i:mismatch|do(?:es)?n't match|do(?:es)? not match))",
        _simple_likely(
            "BD316",
            "the report says ALBERT's weights, run through BERT's code, do not fit ({text!r}): "
            "ALBERT is another architecture (its word embeddings are [vocab, 128], projected up "
            "to the hidden size, and its layers share one set of weights), so BERT's model "
            "cannot take its checkpoint.",
            "load it with ALBERT's classes (AlbertModel / AlbertForSequenceClassification with "
            "BertTokenizer for the Chinese ALBERT checkpoints), or use a BERT checkpoint with "
            "the BERT script. Confirm: `bertdoctor check-model {model}`",
            unless=CHOICE_OR_QUESTION_RE,
        ),
        priority=28,
    ),
    _p(
        "pretrained-not-loaded-prose",
        "BD316",
        ("加载预训练", "not load", "n't load"),
        # the reporter (or the thread they cite): the run never loaded the pre-trained weights
        r"(?:没有|没|未|并未|并没有)加载预训练(?:的)?(?:模型|权重|参数)|"
        r"(?i:\b(?:pre-?trained|pretrain) (?:model|weights|parameters|checkpoint) (?:was|were|is|"
        r"are) not loaded\b|\b(?:did not|didn't) load (?:the )?pre-?trained "
        r"(?:model|weights|parameters|checkpoint)\b)",
        _simple_likely(
            "BD316",
            "the report says the pre-trained weights were not loaded ({text!r}): the run "
            "fine-tuned an encoder at its random initial values, which trains to far lower "
            "scores than the published ones.",
            "load the pre-trained checkpoint into the model before training "
            "(from_pretrained(MODEL_DIR), or the script's init-checkpoint option) and check "
            "that its load report lists no encoder weight as missing. Confirm: `bertdoctor "
            "check-model {model}`",
            unless=CHOICE_OR_QUESTION_RE,
            unless_failed=True,
        ),
        priority=30,
    ),
    _p(
        "load-report",
        "BD316",
        "LOAD REPORT from:",
        r"(?P<cls>\w+) LOAD REPORT from: (?P<path>[^\n]+)",
        kind="context",
    ),
    _p(
        "arch-not-compatible",
        "BD103",
        "is not compatible with the current PyTorch installation",
        r"(?P<gpu>[^\n]{0,80}?) with CUDA capability (?P<sm>sm_\d+) is not compatible with the "
        r"current PyTorch installation\.?(?:\s*The current PyTorch install supports CUDA "
        r"capabilities (?P<supported>[\w ]+?)\.)?",
        explain_arch,
        kind="context",
        priority=60,
    ),
    _p(
        "driver-too-old-warning",
        "BD102",
        "NVIDIA driver on your system is too old",
        r"NVIDIA driver on your system is too old \(found version (?P<found>\d+)\)",
        explain_driver,
        kind="context",
        priority=60,
    ),
    _p(
        "nan-loss-line",
        "BD501",
        (
            ": nan",
            "=nan",
            ": NaN",
            "(nan",
            ": inf",
            "=inf",
            " nan loss",
            " NaN loss",
            "= NaN",
            "= nan",
        ),
        r"(?:(?:step|Step|iter|Iter|global_step|epoch)\W{0,3}(?P<step>\d+)[^\n]{0,60}?)?"
        r"(?:(?:\b|_)(?:[Ll]oss|grad_norm)['\"]?\s*[:=]\s*(?:tensor\()?(?:nan|NaN|inf|-inf)\b"
        r"|\b(?:received|got|detected|encountered) an? (?:nan|NaN|inf) loss\b)",
        explain_nan,
        kind="context",
        priority=55,
        first=True,
    ),
    _p(
        "fp16-overflow",
        "BD508",
        (
            "Gradient overflow",
            "OVERFLOW!",
            "loss scale already at minimum",
            "Grad overflow on iteration",
        ),
        r"Gradient overflow\.\s+Skipping step|OVERFLOW! Rank \d+ Skipping step|"
        # the numbered form of old apex and DeepSpeed scalers, each followed by "Using dynamic
        # loss scale of X"
        r"Current loss scale already at minimum|Grad overflow on iteration:? \d+",
        explain_fp16_overflow,
        kind="context",
    ),
    _p(
        "mse-broadcast",
        "BD401",
        "that is different to the input size",
        r"Using a target size \(" + SIZE.format("target") + r"\) that is different to the input "
        r"size \(" + SIZE.format("input") + r"\)(?P<deprecated> is deprecated)?",
        explain_target_input_size,
        kind="context",
        priority=45,
    ),
    _p(
        "margin-ranking-dims",
        "BD401",
        "All input tensors should have same dimension",
        # newer torch checks MarginRankingLoss's three tensors (older releases broadcast them)
        r"margin_ranking_loss ?: All input tensors should have same dimension but got sizes: "
        r"input1: "
        + SIZE.format("a")
        + r", input2: "
        + SIZE.format("b")
        + r", target: "
        + SIZE.format("target"),
        explain_margin_ranking_dims,
        priority=60,
    ),
    # hints: near misses that are never a confident answer
    _p("hint-syntax", "BD317", "SyntaxError", r"SyntaxError: [^\n]*", kind="hint"),
    _p(
        # a checkpoint's data shard given for its prefix (tf-data-loss declines it)
        "hint-tf-shard",
        "BD304",
        ".data-0",
        TF_SHARD_ARGUMENT_RE.pattern + r"|\.data-\d+-of-\d+: Data loss",
        kind="hint",
    ),
    _p(
        "hint-input-nan",
        "BD501",
        "Input contains NaN",
        r"Input contains NaN",
        kind="hint",
    ),
    _p(
        "hint-adamw",
        "BD313",
        "cannot import name",
        r"cannot import name '(?P<name>\w+)' from "
        r"'(?P<module>[\w.]+)'",
        kind="hint",
    ),
    _p(
        "hint-encode-plus",
        "BD413",
        "object has no attribute '",
        r"'\w*Tokenizer\w*' object has no attribute '(?:batch_)?encode_plus'",
        kind="hint",
    ),
    _p(
        "hint-cpu-oom",
        "BD509",
        ("not enough memory", "paging file is too small"),
        r"DefaultCPUAllocator: not enough memory|paging file is too small",
        kind="hint",
    ),
    _p(
        "hint-matmul",
        "BD306",
        "cannot be multiplied",
        r"mat1 and mat2 shapes cannot be multiplied \((?P<a>\d+x\d+) and (?P<b>\d+x\d+)\)",
        kind="hint",
    ),
    _p(
        "hint-float-ids",
        "BD207",
        ("'indices' to have one of the following scalar types", "'indices' to have scalar type"),
        r"Expected tensor for argument #1 'indices' to have (?:one of the following scalar types"
        r"|scalar type Long)",
        kind="hint",
    ),
    _p(
        "hint-no-batch-axis",
        "BD404",
        "Dimension out of range (expected to be in range of [-1, 0]",
        r"Dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)",
        kind="hint",
    ),
)

HINTS = {
    "hint-tf-shard": "TensorFlow read a checkpoint's data shard (model.ckpt.data-00000-of-00001) "
    f"as its index: {TF_PREFIX_FIX}; `bertdoctor check-model MODEL_DIR`",
    "cant-load-weights": "a TensorFlow class (TFBertModel) loads tf_model.h5, and many Hub "
    "repositories publish only PyTorch weights: from_pretrained(..., from_pt=True); "
    "`bertdoctor check-model MODEL_DIR` lists what a local folder holds",
    "hint-syntax": "a SyntaxError is in the code itself, not in training: `bertdoctor "
    "check-script SCRIPT` lists every file that does not parse (BD317)",
    "hint-input-nan": "a metric got NaN predictions: the model's outputs are NaN, often after a "
    "NaN loss (BD501); `bertdoctor check-run OUTPUT_DIR`",
    "state-dict-keys": "the checkpoint's key names differ from the model's (another transformers "
    "version, e.g. embeddings.position_ids): load with strict=False after checking that only "
    "buffers differ; `bertdoctor check-model MODEL_DIR`",
    "hint-adamw": "a name the installed version of the library does not have: the code was "
    "written for another version (transformers.AdamW is gone in transformers 5: use "
    "torch.optim.AdamW); `bertdoctor check-imports SCRIPT` (BD313)",
    "hint-encode-plus": "encode_plus / batch_encode_plus are gone in transformers 5: call the "
    "tokenizer itself, tokenizer(texts, truncation=True, padding=True, return_tensors='pt')",
    "hint-cpu-oom": "the machine's RAM (not the GPU) ran out: fewer DataLoader workers, a "
    "smaller batch, or a larger page file on Windows",
    "index-out-of-bounds": "an index >= the size of a dimension: when the index is a label or "
    "tag id, the label list is off by one (BD201); `bertdoctor "
    "check-data TRAIN_FILE --model MODEL_DIR`",
    "unexpected-kwarg": "a function got a keyword it does not take; when it is a model's "
    "forward or a tokenizer, see BD413 (`bertdoctor check-script SCRIPT`); when a library, "
    "not the script, passes it, the installed versions of the two libraries do not fit: "
    "install the versions the calling library asks for",
    "size-of-tensor-a-b": "two tensors whose shapes do not broadcast: print both shapes; when "
    "one side is 512, a sequence is longer than the model allows (BD208)",
    "expanded-size": "a tensor expanded to a size it cannot take: print the shapes; when the "
    "existing size is 512, a sequence is too long (BD208)",
    "no-module": "a module that is not where the code looks for it: a submodule of an installed "
    "library (transformers.modeling_bert) means the code was written for another version of "
    "that library (transformers 4 moved modeling_bert to transformers.models.bert.modeling_bert: "
    "import from the top level, from transformers import BertModel, or install the version the "
    "code was written for); a module of Python itself means this Python was built without it "
    "(reinstall Python, or use the one of a conda or venv environment)",
    "sizes-must-match-collate": "tensors of different sizes were concatenated; when it happens "
    "in the DataLoader (collate), the examples are not padded to one length (BD222)",
    "hint-float-ids": "input_ids of the wrong dtype (floats from a DataFrame or numpy column, "
    "or int32 on an old torch): an embedding takes torch.long ids; build them with "
    "dtype=torch.long",
    "hint-no-batch-axis": "the input has no batch axis (1-D input_ids): add one with "
    "input_ids.unsqueeze(0), or tokenize with return_tensors='pt'; a bare .squeeze() removes it "
    "(BD404)",
    "unpack-output": "too many values to unpack: when the right side is a model call, the model "
    "returns a ModelOutput whose keys are unpacked (BD414)",
    "weights-corrupt": "a torch older than 1.6 cannot read the zip format that torch.save has "
    "written since 1.6: upgrade torch (the file is fine); otherwise the weights file is "
    "truncated or not the weights (BD304, `bertdoctor check-model MODEL_DIR`)",
    "model-name-not-found": "transformers 2 downloads only the model names it lists (and "
    "user/model ids from 2.2 on): a bare name it does not list is a model newer than the "
    "installed version (upgrade transformers), or a local folder that is not there (BD301)",
    "hint-matmul": "a layer's input size does not match the hidden size of the encoder (a head "
    "built for another BERT size): build it with config.hidden_size",
}
