"""Value checks for the written explain fixtures that test_explain_engine's EXPECT does not
list: fixture -> (substrings of the first finding's message, substrings of its fix, its
location or None). The message parts are the values the text shows (ids, sizes, paths, names,
the quoted error) or, where the text has none, the reading itself."""

MORE_EXPECT = {
    "BD308__not-valid-identifier-hub-finetune-name": (
        ["someuser/bert-base-german-cased-finetuned-sentiment"],
        ["download the model once on a machine with internet"],
        None,
    ),
    "BD528__likely-lightning-amp-on-cpu": (
        ["amp + cpu is not supported", "no CUDA device"],
        ["drop --fp16", "bertdoctor check-env"],
        None,
    ),
    "BD304__zip-archive-invalid-header": (
        [
            "truncated or corrupt",
            "`failed reading zip archive: invalid header or archive is corrupted`",
        ],
        ["download the weights again", "bertdoctor check-model"],
        None,
    ),
    "BD304__safetensors-header-json-eof": (
        ["truncated or corrupt", "`invalid JSON in header: EOF`"],
        ["download the weights again", "bertdoctor check-model"],
        None,
    ),
    "BD304__likely-h5-bad-object-header": (
        ["`bad object header version number`", "damaged"],
        ["download or copy the weights again", "upgrade h5py", "bertdoctor check-model"],
        None,
    ),
    "BD313__likely-presidio-engine-not-available": (
        ["NLP engine 'transformers' is not available", "spacy-huggingface-pipelines"],
        ['pip install "presidio-analyzer[transformers]"', "bertdoctor check-imports"],
        None,
    ),
    "BD308__repo-not-found-api-url-with-revision": (
        [
            "so Qdrant/bm42-all-minilm-l6-v2-attentions could not be downloaded",
            'User Access Token "search" is expired',
        ],
        ["log in again with a valid token", "check-model Qdrant/bm42-all-minilm-l6-v2-attentions`"],
        None,
    ),
    "BD311__likely-bundled-transformers-copy-not-on-path": (
        ["'transformers.pytorch_transformers'", "bundled copy of transformers"],
        ["first on sys.path", "git clone --recursive", "bertdoctor check-imports"],
        "/workspace/Oscar/oscar/modeling/modeling_bert.py:12",
    ),
    "BD301__likely-model-none-init-bert-weights": (
        ["self.lxrt_encoder is None", "pytorch_pretrained_bert"],
        ["print the model right after from_pretrained", "bertdoctor check-model"],
        "/home/u/lxmert/src/tasks/gqa_model.py:30",
    ),
    "BD208__likely-padded-max-length-over-small-table": (
        ["`max_length=64`", "holds 40", "64 > 40"],
        ["max_length=40", "bertdoctor check-data", "--max-length 40"],
        None,
    ),
    "BD301__local-folder-in-hub-url-doubled-slashes": (
        ["'/data/users/kenta/models/cl-tohoku/bert-base-japanese-v2' is a folder path", "absolute"],
        [
            "correct the path",
            "check-model /data/users/kenta/models/cl-tohoku/bert-base-japanese-v2`",
        ],
        None,
    ),
    "BD308__hub-url-id-with-ssl-error": (
        ["download cl-tohoku/bert-base-japanese-v2,"],
        [
            "download the model once on a machine with internet",
            "check-model cl-tohoku/bert-base-japanese-v2`",
        ],
        None,
    ),
    "BD303__likely-cant-load-config-converted-unquoted": (
        ["'my_converted_bert'", "converted to PyTorch", "no config.json"],
        ["bert_config.json, renamed config.json", "bertdoctor check-model my_converted_bert"],
        None,
    ),
    "BD302__likely-processor-config-trainer-checkpoint": (
        ["'./trocr-receipts/checkpoint-2000'", "without preprocessor_config.json"],
        ["processor.save_pretrained('./trocr-receipts/checkpoint-2000')", "bertdoctor check-model"],
        None,
    ),
    "BD215__likely-flair-first-subtoken-index-0": (
        ["index 0 is out of bounds for dimension 0 with size 0", "no sub-token"],
        ["characters that vanish", "bertdoctor check-data"],
        None,
    ),
    "BD215__likely-flair-mean-pooling-empty-list": (
        ["expected a non-empty list of Tensors", "sub-token embeddings is empty"],
        ["characters that vanish", "bertdoctor check-data"],
        None,
    ),
    "BD221__likely-normalize-float-in-tokenizer": (
        ["unicodedata.normalize got a float", "NaN"],
        ["dropna", "bertdoctor check-data"],
        None,
    ),
    "BD302__likely-spm-not-a-string-albert-checkpoint-named": (
        ["'indobenchmark/indobert-lite-base-p1'", "no spiece.model"],
        ["spiece.model", "bertdoctor check-model"],
        None,
    ),
    "BD509__mxnet-cudamalloc-failed": (
        ["the GPU ran out of memory", "`cudaMalloc failed: out of memory`"],
        ["a smaller batch size with gradient accumulation"],
        None,
    ),
    "BD313__onnxruntime-tools-not-installed": (
        ["onnxruntime_tools is not installed"],
        ["pip install onnxruntime_tools", "bertdoctor check-imports export_bert.py"],
        "export_bert.py:3",
    ),
    "BD303__likely-config-log-loading-bin-file-decode": (
        ["byte 0x80 at position 0", "a pickle"],
        ["pass the model's folder", "not the weights file"],
        None,
    ),
    "BD102__insufficient": (
        ["the NVIDIA driver is older than the CUDA runtime this torch was built"],
        ["update the NVIDIA driver", "bertdoctor check-env"],
        None,
    ),
    "BD103__one-line": (
        ["no kernel image is available", "CUDA"],
        ["install a torch built for this GPU", "bertdoctor check-env"],
        None,
    ),
    "BD104__found-no-nvidia-driver-not-installed": (
        ["(Found no NVIDIA driver on your system)"],
        ["nvidia-smi"],
        "run_ner.py:35",
    ),
    "BD104__likely-found-no-driver-warning": (
        ["(Found no NVIDIA driver on your system)"],
        ["nvidia-smi"],
        None,
    ),
    "BD104__no-gpus": (["(No CUDA GPUs are available)"], ["nvidia-smi"], None),
    "BD105__likely-torchtext-no-attribute": (
        ["module 'torchtext' has no attribute 'transforms'"],
        ["the torchtext release made for the installed torch", "bertdoctor check-env"],
        None,
    ),
    "BD105__torchvision-nms": (
        ["torchvision's compiled operators do not load"],
        ["the torchvision release made for the installed torch", "bertdoctor check-env"],
        None,
    ),
    "BD105__torchvision-nms-cuda-backend": (
        ["torchvision::nms has no CUDA kernel"],
        ["the torchvision release made for the installed torch", "bertdoctor check-env"],
        "layout_ner.py:41",
    ),
    "BD106__torch-load-needs-2-6": (
        ["CVE-2025-32434", "torch.load", "2.6"],
        ["install torch>=2.6", "bertdoctor check-env"],
        "/home/kim/ner/predict.py:12",
    ),
    "BD106__zip-archive-old-torch": (
        ["the checkpoint was saved by torch >= 1.6 in its zip format, and the"],
        ["pip install -U torch", "bertdoctor check-env"],
        "D:\\bert_cls\\predict.py:21",
    ),
    "BD111__nccl-windows": (
        ["this torch has no NCCL, the backend distributed training (torchrun,"],
        ["the gloo backend", "bertdoctor check-env"],
        "E:\\nlp\\bert_cls\\train.py:41",
    ),
    "BD112__glibc-too-old-prose": (
        ["GLIBC_2.28", "CentOS"],
        ["a torch release built for this glibc", "bertdoctor check-env"],
        None,
    ),
    "BD112__likely-requires-pytorch-nightly-installed": (
        ["PyTorch is installed", "BertForMaskedLM"],
        ['python -c "import torch"'],
        None,
    ),
    "BD112__torch-core-meth-class": (
        ["module functions cannot set METH_CLASS or METH_STATIC", "torch._C"],
        ["reinstall torch for this Python in a clean environment", "bertdoctor check-env"],
        None,
    ),
    "BD112__torch-dll-load-failed": (
        [
            "torch itself cannot be imported",
            "C:\\Users\\li\\anaconda3\\envs\\bert\\lib\\site-packages\\torch\\lib\\shm.dll",
        ],
        ["Visual C++ 2015-2022 redistributable", "bertdoctor check-env"],
        "train.py:1",
    ),
    "BD112__transformers-requires-pytorch": (
        ["transformers found no torch in the environment that ran the code, so", "BertModel"],
        ['python -c "import torch"'],
        "/app/app.py:21",
    ),
    "BD117__chinese-indexing-assert": (
        ["srcIndex < srcSelectDimSize", "device-side", "CUDA"],
        ['CUDA_VISIBLE_DEVICES="" python train.py'],
        None,
    ),
    "BD117__cublas-alloc": (
        ["CUBLAS_STATUS_ALLOC_FAILED", "CUDA"],
        ['CUDA_VISIBLE_DEVICES="" python train.py'],
        None,
    ),
    "BD117__cublas-resource-allocation-prose": (
        ["cublas runtime error : resource allocation", "BERT"],
        ['CUDA_VISIBLE_DEVICES="" python train.py'],
        None,
    ),
    "BD117__cuda-runtime-error-59-bare": (
        ["CUDA error", "59"],
        ['CUDA_VISIBLE_DEVICES="" python train.py'],
        None,
    ),
    "BD117__cudnn": (
        ["CUDA error", "CUDNN_STATUS_EXECUTION_FAILED"],
        ['CUDA_VISIBLE_DEVICES="" python train.py'],
        None,
    ),
    "BD117__jupyter-old-ipython": (
        ["CUDA error: device-side assert triggered: an error reported asynchronously"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "<ipython-input-38-9340b895bfde>:23",
    ),
    "BD117__kernel-device-side-assertion-failed": (
        ["gather_dim_size", "Device-side", "BERT"],
        ['CUDA_VISIBLE_DEVICES="" python train.py'],
        None,
    ),
    "BD117__losses-fine-then-illegal-memory": (
        ["CUDA error: an illegal memory access was encountered"],
        ['CUDA_VISIBLE_DEVICES="" python train.py'],
        "train.py:160",
    ),
    "BD117__mtgp-constants": (
        ["Creating MTGP constants failed"],
        ['CUDA_VISIBLE_DEVICES="" python train.py'],
        "train.py:160",
    ),
    "BD117__old-cuda-runtime-59": (
        ["CUDA error: device-side assert triggered"],
        ['CUDA_VISIBLE_DEVICES="" python run_classifier.py'],
        "run_classifier.py:1021",
    ),
    "BD201__likely-old-torch-assert": (
        ["n_classes"],
        ['CUDA_VISIBLE_DEVICES="" python main.py'],
        "main.py:140",
    ),
    "BD201__likely-token-id-against-two-classes": (
        ["tag id 2204 is out of bounds for the label dimension of size 2"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "prompt_train.py:58",
    ),
    "BD201__one-hot": (
        ["num_classes", "F.one_hot"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "train_cls.py:61",
    ),
    "BD201__one-line": (
        ["label id 9 reached the loss, which has fewer classes"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD201__transformers5-target": (
        ["label id 7 reached the loss, which has fewer classes", "num_labels"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "/home/u/cls/train.py:64",
    ),
    "BD202__likely-negative-label-prose": (
        ["label of -1"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD203__chinese-crf-title": (
        ["index -100 is out of bounds for dimension 0 with size 5"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --crf"],
        None,
    ),
    "BD204__nan-labels-all-ignored": (
        [
            "the loss is NaN where every label is the ignore index ('[-100, -100,",
            "[-100, -100, -100, -100]",
        ],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD205__keyerror-label-in-data-file": (
        ["the label '体育新闻' is in the data but not in the label list the code"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD205__keyerror-py2-unicode-label": (
        ["label_ids.append(label_map[labels[i]])", "B-Chemical"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "run_ner.py:247",
    ),
    "BD205__likely-id2label-list-index": (
        ["`print(id2label[pred])` looked up an id, which the id-to-label list does not have"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "predict.py:40",
    ),
    "BD205__ner-label2id": (
        ["tags = [self.label2id[t] for t in self.tags[idx]]", "B-Location"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "D:\\ner\\data_loader.py:58",
    ),
    "BD206__tf-gather-one-row": (
        ["the token type embedding has 1 row and a token_type_id >= 1 went into"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD206__transformers5-token-type": (
        [
            "the token type embedding has 2 rows and a token_type_id >= 2 went into",
            "token_type_ids",
        ],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "/home/u/pair/train.py:77",
    ),
    "BD207__likely-special-tokens-added-index-error": (
        ["the word embedding has fewer rows than the tokenizer's ids"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD208__esm-sequence-above-maximum": (
        ["1042", "1024"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --max-length 1024"],
        "extract.py:136",
    ),
    "BD208__expanded-size-line-cut": (
        ["1024", "514"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --max-length 514"],
        None,
    ),
    "BD208__likely-index-out-of-range-longer-documents": (
        ["the position embedding has 512 rows and a sequence longer than the"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --max-length 512"],
        None,
    ),
    "BD208__likely-mask-id-not-in-list": (
        ["`103 is not in list`: the id is a mask token's (103 BERT's [MASK],"],
        ["bertdoctor check-data TRAIN_FILE --max-length 512"],
        "run.py:210",
    ),
    "BD208__likely-old-torch-index": (
        ["an embedding lookup got an index >= its number of rows (`index out of"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --max-length 512"],
        None,
    ),
    "BD208__likely-run-ner-no-prediction": (
        ["the example script says Maximum sequence length exceeded", "Berlin"],
        ["bertdoctor check-data TEST_FILE --max-length 512"],
        None,
    ),
    "BD208__likely-seq-length-over-position-ids": (
        ["self.position_ids.shape", "seq_length", "512"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --max-length 512"],
        None,
    ),
    "BD208__likely-token-indices-lowercase": (
        ["1017", "512"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --max-length 512"],
        None,
    ),
    "BD208__position-frame": (
        ["the position embedding has 512 rows and a sequence longer than the"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --max-length 512"],
        None,
    ),
    "BD208__tensor-a-b-wrapped-588-vs-512": (
        ["588", "512"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --max-length 512"],
        None,
    ),
    "BD208__tf-embeddings-assert-679": (
        ["679", "512"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --max-length 512"],
        None,
    ),
    "BD208__tf-incompatible-shapes-position": (
        ["600", "512"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR --max-length 512"],
        None,
    ),
    "BD209__likely-assert-tokens-pieces": (
        ["assert len(ori_tokens) == len(ntokens)", "CLS"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "D:\\ner\\utils.py:162",
    ),
    "BD209__likely-label-length-assert-max-length": (
        ["the assertion `assert len(label_ids) == max_length` failed"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "/home/u/ner/utils.py:83",
    ),
    "BD209__likely-wordpiece-split-one-tag-per-word": (
        [
            "the report says words are split into word pieces while the labels are",
            "'##au', '##ld', '##s'",
        ],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD210__seqeval-strict-scheme-unsupported": (
        ["<Prefix.I", "<Prefix.B", "<Prefix.S"],
        ["bertdoctor check-data DATA_FILE"],
        "run_ner_crf.py:210",
    ),
    "BD211__likely-unk-english-vocab": (
        [
            "the tokenizer turns the words into [UNK] (\"'[UNK]', '[UNK]'",
            "its vocabulary does not cover the text",
        ],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD215__likely-flair-tokenization-mismatch": (
        ["[16, 64, 3072]", "MISMATCH", "3096576"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD216__decode-with-model-code-nearby": (
        ["utf-8", "0xc4"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "train.py:12",
    ),
    "BD216__keyerror-utf16-label": (
        ["the label '\\xff\\xfeS\\x00p\\x00o\\x00r\\x00t\\x00s\\x00'... is full of NUL"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "/home/u/textcls/data/loader.py:107",
    ),
    "BD216__likely-gbk-own-load-vocab": (
        ["the gbk codec cannot decode byte 0xbf at position 2"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "D:\\work\\retrieval\\models\\helpers.py:9",
    ),
    "BD217__jsonl-record-decode-error": (
        ["JSONDecodeError", "5012", "5011"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "src/utils.py:9",
    ),
    "BD217__likely-base64-padding-tsv": (
        ["a base64 field of the data file does not decode (Incorrect padding): a"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "src/utils.py:45",
    ),
    "BD217__likely-reader-bare-assert": (
        ["an assertion in read_examples_from_file failed"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "run_ner.py:776",
    ),
    "BD217__pandas-expected-fields": (
        ["line 418 of the data file has 4 fields where pandas expected 3"],
        ["bertdoctor check-data TRAIN_FILE"],
        "prepare.py:12",
    ),
    "BD217__unpack-repeated-in-prose": (
        ["line.strip", ".split"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "data_loader.py:41",
    ),
    "BD218__likely-too-many-dimensions-str-alone": (
        ["the labels are strings"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD218__string-labels": (
        ["the labels are strings", "torch.tensor"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "dataset.py:28",
    ),
    "BD219__likely-literal-special-tokens": (
        ["the report says the texts carry special tokens as plain text (literal", "CLS"],
        ["bertdoctor check-data TRAIN_FILE"],
        None,
    ),
    "BD221__crf-empty-sentence-no-length-words": (
        ["index 0 is out of bounds for dimension 0 with size 0"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "/home/u/ner/model.py:81",
    ),
    "BD221__likely-empty-text-word-ids": (
        ["word_ids", "NaN"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "predict.py:9",
    ),
    "BD221__likely-float-has-no-strip": (
        ["'float' object has no attribute 'strip'", "NaN"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD221__likely-float-text-concat": (
        [
            'a text value is a float (`can only concatenate str (not "float") to',
            'can only concatenate str (not "float") to str',
        ],
        ["bertdoctor check-data TRAIN_FILE"],
        "data_utils.py:44",
    ),
    "BD221__likely-numpy-axis-size-0": (
        ["index 0 is out of bounds for axis 0 with size 0"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD221__likely-text-encode-input-other-versions": (
        ["the tokenizer got a text that is not a string"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD221__likely-text-input-type": (
        ["the tokenizer got a text that is not a string"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD221__likely-unsupported-string-type-float": (
        [
            "a text value is a float (`Unsupported string type",
            "Unsupported string type: <class 'float'>",
        ],
        ["bertdoctor check-data TRAIN_FILE"],
        "/content/bert/tokenization.py:90",
    ),
    "BD221__nan-text": (
        ["the tokenizer got a text that is not a string"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "train.py:35",
    ),
    "BD222__expected-sequence": (
        ["45", "62"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "dataset.py:40",
    ),
    "BD222__likely-stack-line-only": (
        ["37", "52"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD222__list-of-batch": (
        ["examples of different lengths went into one batch"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD222__old-torch-sizes": (
        ["45", "62"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD222__oom-fixed-then-sequence-length": (
        ["512", "64"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD301__archive-path-modules-json": (
        ["/home/li/models/paraphrase-multilingual-MiniLM-L12-v2.zip", "modules.json"],
        ["bertdoctor check-model /home/li/models/paraphrase-multilingual-MiniLM-L12-v2"],
        "encode.py:5",
    ),
    "BD301__cant-load-tokenizer-folder": (
        [
            "transformers could not load the tokenizer files (vocab.txt /",
            "./models/my_bert_nonexistent",
        ],
        ["bertdoctor check-model ./models/my_bert_nonexistent"],
        None,
    ),
    "BD301__cant-load-tokenizer-relative-folder": (
        [
            "transformers could not load the tokenizer files (vocab.txt /",
            "./pretrained_models/bert-prosody-zh",
        ],
        ["bertdoctor check-model ./pretrained_models/bert-prosody-zh"],
        "/home/lin/tts/prepare/get_text.py:40",
    ),
    "BD301__hub-url-folder-path": (
        ["'pretrained/models/chinese-roberta-wwm-ext' is a folder path, not a"],
        ["bertdoctor check-model pretrained/models/chinese-roberta-wwm-ext"],
        None,
    ),
    "BD301__likely-bert-none-config": (
        ["self.bert is None"],
        ["bertdoctor check-model MODEL_DIR"],
        "/data/seg/seg_model.py:98",
    ),
    "BD301__likely-cant-load-tokenizer-absolute-path": (
        [
            "transformers could not load the tokenizer files (vocab.txt /",
            "/data/pretrained_models/erlangshen-deberta-cws/",
        ],
        ["bertdoctor check-model /data/pretrained_models/erlangshen-deberta-cws/"],
        None,
    ),
    "BD301__likely-hub-connect-reporter-online": (
        ["'antiberta-master' is no known Hub model and the reporter says the"],
        ["bertdoctor check-model antiberta-master"],
        None,
    ),
    "BD301__likely-keras-weights-file-not-found": (
        ["Keras could not open the weights file 'bert_tagger.h5' (errno 2, no"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD301__likely-library-data-folder": (
        [
            "transformers could not load the model",
            "C:\\Users\\amal\\AppData\\Roaming\\camel_tools\\data\\sentiment_analysis\\arabert",
        ],
        ["C:\\Users\\amal\\AppData\\Roaming\\camel_tools\\data\\sentiment_analysis\\arabert"],
        None,
    ),
    "BD301__likely-model-name-list-local-folder-missing": (
        ["transformers could not load config.json", "models/my-finetuned-bert"],
        ["bertdoctor check-model models/my-finetuned-bert"],
        None,
    ),
    "BD301__likely-model-none-called": (
        ["self.word_embeds is None"],
        ["bertdoctor check-model MODEL_DIR"],
        "/home/wu/ner/model/bert_lstm_crf.py:52",
    ),
    "BD301__likely-project-model-check": (
        [
            "the script's own check failed (`AssertionError",
            "AssertionError: pretrained bert file does not exist",
        ],
        ["bertdoctor check-script main.py"],
        "/home/u/ner/model.py:11",
    ),
    "BD301__likely-setfit-local-folder-repo-id": (
        ["transformers could not load the model", "/home/me/models/setfit-intents"],
        ["bertdoctor check-model /home/me/models/setfit-intents"],
        None,
    ),
    "BD301__likely-tf-couldnt-find-checkpoint": (
        ["chinese_L-12_H-768_A-12/bert_model.ckpt", "checkpoint"],
        ["bertdoctor check-model chinese_L-12_H-768_A-12"],
        None,
    ),
    "BD301__likely-tf-failed-to-find-matching-files-bare": (
        [
            "TensorFlow could not load the model",
            "pretrained/uncased_L-12_H-768_A-12/bert_model.ckpt",
        ],
        ["bertdoctor check-model pretrained/uncased_L-12_H-768_A-12"],
        None,
    ),
    "BD301__likely-tf-notfounderror-no-message": (
        ["from_json_file(FLAGS.bert_config_file)", "NotFoundError"],
        ["bertdoctor check-model MODEL_DIR"],
        "D:\\bert\\modeling.py:94",
    ),
    "BD301__likely-tf-restore-save-path-none": (
        ["Can't load save_path when it is None", "tf.train.latest_checkpoint"],
        ["checkpoint"],
        "run_ner.py:512",
    ),
    "BD301__likely-tf-saver-not-valid-checkpoint": (
        ["TensorFlow could not load the model", "data_dir/bert_base/model-57000"],
        ["bertdoctor check-model data_dir/bert_base/model-57000"],
        None,
    ),
    "BD301__likely-tf2-checkpoint-folder-not-found": (
        ["TensorFlow could not load the model", "BERT_tf1/bert_model.ckpt"],
        ["bertdoctor check-model BERT_tf1"],
        "tf2_encoder_checkpoint_converter.py:101",
    ),
    "BD301__model-name-list-underscore-folder": (
        ["tokenizer_tf2_qa", "vocab.txt"],
        ["bertdoctor check-model tokenizer_tf2_qa"],
        None,
    ),
    "BD301__not-local-folder": (
        ["transformers could not load the model", "../resources/chinese_roberta_nonexistent"],
        ["bertdoctor check-model ../resources/chinese_roberta_nonexistent"],
        None,
    ),
    "BD301__likely-onnx-model-file-missing": (
        ["onnx/bert-base-cased/model.onnx", "ONNX"],
        ["bertdoctor check-model MODEL_DIR"],
        "infer.py:6",
    ),
    "BD301__path-not-found-docker-model": (
        ["transformers could not load the model", "/app/models/text2vec-large-chinese"],
        ["bertdoctor check-model /app/models/text2vec-large-chinese"],
        None,
    ),
    "BD301__raw-windows-literal-missing": (
        ["D:\\proj\\re\\pretrain\\bert-base-chinese", "config.json"],
        ["bertdoctor check-model D:\\proj\\re\\pretrain\\bert-base-chinese"],
        "D:\\proj\\re\\encoder.py:20",
    ),
    "BD301__likely-tf-checkpoint-double-space-chinese-stop": (
        ["TensorFlow could not load the model", "models/macbert_base_tf/macbert_mode.ckpt"],
        ["bertdoctor check-model models/macbert_base_tf"],
        None,
    ),
    "BD301__tf-notfounderror-bare-path": (
        [
            "TensorFlow could not load the model",
            "/home/u/CLUE/prev_trained_model/roberta_wwm_ext_base/bert_config.json",
        ],
        ["bertdoctor check-model /home/u/CLUE/prev_trained_model/roberta_wwm_ext_base"],
        None,
    ),
    "BD301__tf1-garbled-windows-message": (
        ["TensorFlow could not load the model", "../chinese_L-12_H-768_A-12/bert_config.json"],
        ["bertdoctor check-model ../chinese_L-12_H-768_A-12"],
        "run_squad.py:1128",
    ),
    "BD301__tf1-template-braces": (
        [
            "TensorFlow looked for the file '{D:\\bert\\chinese_L-12_H-768_A-12\\vocab",
            "{D:\\bert\\chinese_L-12_H-768_A-12\\vocab.txt}",
        ],
        ["bertdoctor check-model D:\\bert\\chinese_L-12_H-768_A-12\\"],
        "run_classifier.py:870",
    ),
    "BD301__windows-path-missing-on-windows": (
        ["transformers could not load the model", "D:\\work\\pretrained\\bert-missing"],
        ["bertdoctor check-model D:\\work\\pretrained\\bert-missing"],
        "D:\\work\\ner\\main.py:33",
    ),
    "BD302__likely-checkpoint-dir-only-weights-said": (
        ["output/roberta/checkpoint-9000", "config.json"],
        ["bertdoctor check-model output/roberta/checkpoint-9000"],
        None,
    ),
    "BD302__likely-model-name-list-placed-in-folder-zh": (
        ["transformers could not load the tokenizer files (vocab.txt /", "/data/ner/pretrained"],
        ["bertdoctor check-model /data/ner/pretrained"],
        None,
    ),
    "BD302__likely-tokenizer-file-already-exists": (
        [
            "transformers could not load the tokenizer files (vocab.txt /",
            "/srv/tts/bert/chinese-roberta-wwm-ext-large",
        ],
        ["bertdoctor check-model /srv/tts/bert/chinese-roberta-wwm-ext-large"],
        None,
    ),
    "BD302__likely-vocab-not-found-reporter-says-exists": (
        ["the model folder has no tokenizer files", "vocab.txt"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD302__no-vocab-file-words": (
        ["the model folder has no tokenizer files"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD302__vocab-txt-missing-from-bert-folder": (
        ["the model folder has no tokenizer files", "vocab.txt"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD303__config-json-trailing-comma-prose": (
        ["JSONDecodeError", "config.json", "31"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD303__config-unreachable-bert-config-file": (
        ["/data/models/chinese_L-12_H-768_A-12/bert_config.json", "from_pretrained"],
        ["bertdoctor check-model /data/models/chinese_L-12_H-768_A-12/"],
        "train.py:40",
    ),
    "BD303__empty-path-not-appear": (
        ["transformers could not load config.json"],
        ["bertdoctor check-model MODEL_DIR"],
        "/home/ana/cls/predict.py:12",
    ),
    "BD303__likely-bert-config-prose-zh": (
        ["the model folder has no config.json (`找不到文件 bert_config.json`): a"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD303__likely-config-fetched-by-library-not-json": (
        ["JSONDecodeError", "bert-base"],
        ["bertdoctor check-model MODEL_DIR"],
        "./get_embeddings.py:25",
    ),
    "BD303__likely-config-unicode-decode-cut": (
        ["the model's config.json is not text (UnicodeDecodeError:): a binary"],
        ["bertdoctor check-model MODEL_DIR"],
        "D:/work/corrector/run.py:23",
    ),
    "BD303__likely-config-unreachable-joined-config-json": (
        ["../models/chinese-bert-wwm", "config.json"],
        ["bertdoctor check-model ../models/chinese-bert-wwm"],
        "run_ner.py:212",
    ),
    "BD303__likely-config-words": (
        ["the model folder has no config.json (`can not find config.json`): a"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD303__likely-from-pretrained-given-bin-file": (
        ["pytorch_model.bin", "utf-8", "0x80"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD303__likely-keras-model-file": (
        ["/content/drive/MyDrive/models/bert_cls.h5", "config.json"],
        ["bertdoctor check-model /content/drive/MyDrive/models"],
        None,
    ),
    "BD303__likely-listing-bert-config": (
        ["the model folder listed holds bert_config.json and PyTorch weights but"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD303__likely-model-class-given-bin-file": (
        ["pytorch_model.bin", "utf-8", "0x80"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD303__likely-no-such-config-json": (
        ["outputs/sst2_bert", "config.json"],
        ["bertdoctor check-model outputs/sst2_bert"],
        "predict.py:31",
    ),
    "BD303__likely-unrecognized-model-cut": (
        ["./my_bert/", "model_type"],
        ["bertdoctor check-model ./my_bert/"],
        None,
    ),
    "BD303__likely-utf8-0x80-position-0-converted": (
        ["utf-8", "0x80"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD303__sbert-local-folder-no-modules": (
        ["/data/models/my-sbert", "modules.json"],
        ["bertdoctor check-model /data/models/my-sbert"],
        "encode.py:8",
    ),
    "BD303__unrecognized-model-no-folder": (
        ["config.json", "model_type"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD303__unrecognized-model-plain-quotes": (
        ["my_wordpiece_tokenizer", "config.json", "model_type"],
        ["bertdoctor check-model my_wordpiece_tokenizer"],
        None,
    ),
    "BD304__corrupt-weights-then-codec-error": (
        ["transformers could not read the weights"],
        ["git lfs pull"],
        None,
    ),
    "BD304__empty-weights-pickle": (
        ['state = torch.load("output/pytorch_model.bin",', "EOFError"],
        ["git lfs pull"],
        "predict.py:21",
    ),
    "BD304__h5-signature-tf-model": (
        ["the weights file is not an HDF5 file (`file signature not found`):"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD304__likely-onnx-model-protobuf-unparsable": (
        ["bert-base-chinese-onnx/model.onnx", "ONNX"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD304__likely-safetensors-package-missing": (
        ["transformers could not load the weights file", "model.safetensors"],
        ["git lfs pull"],
        None,
    ),
    "BD304__likely-sharded-flax-no-file": (
        ["transformers could not load the weights file", "./flax-bert-large"],
        ["git lfs pull"],
        None,
    ),
    "BD304__likely-triton-not-torchscript": (
        ["the server could not read the model file as a zip archive"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD304__likely-unable-to-load-newer-torch": (
        ["transformers could not read the weights"],
        ["git lfs pull"],
        None,
    ),
    "BD304__likely-weights-missing-prose-zh": (
        [
            "the weights file is missing from the model folder (`pytorch_model.bin",
            "pytorch_model.bin 不存在",
        ],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD304__no-such-weights-file": (
        ["outputs/sst2_bert", "pytorch_model.bin"],
        ["git lfs pull"],
        "predict.py:35",
    ),
    "BD304__storage-wrong-byte-size": (
        ["transformers could not read the weights"],
        ["git lfs pull"],
        "/home/u/cls/pytorch_pretrained/modeling.py:604",
    ),
    "BD304__tf-checkpoint-shard-not-found": (
        [
            "the checkpoint's weights file /home/u/bert/bert_model.ckpt.data-00000-",
            "/home/u/bert/bert_model.ckpt.data-00000-of-00001",
        ],
        ["bertdoctor check-model /home/u/bert/"],
        None,
    ),
    "BD304__tf-read-less-bytes": (
        [
            "TensorFlow read fewer bytes from the checkpoint than its index lists",
            "Read less bytes than requested",
        ],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD304__torch-load-corrupt-bin-invalid-key": (
        ["torch could not read the weights"],
        ["git lfs pull"],
        "load.py:12",
    ),
    "BD304__unexpected-eof-weights": (
        ["transformers could not read the weights"],
        ["git lfs pull"],
        "train.py:60",
    ),
    "BD305__bart-embed-tokens-size-mismatch": (
        ["51275", "21132"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD305__t5-shared-and-lm-head-rows": (
        ["32101", "32128"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD306__likely-crf-square-shapes": (
        ["a square 13x13 matrix met a 9x9 one"],
        ["bertdoctor check-model MODEL_DIR --num-labels N"],
        None,
    ),
    "BD306__load-state-dict-crf": (
        ["classifier.weight", "31", "34"],
        ["bertdoctor check-model MODEL_DIR --num-labels N"],
        None,
    ),
    "BD306__tag-projection-size-mismatch": (
        ["tag_labels_projection_layer._module.weight", "5002", "5482"],
        ["bertdoctor check-model MODEL_DIR --num-labels N"],
        None,
    ),
    "BD306__tf-assign-labels": (
        ["the checkpoint's output layer has 3 labels and the graph was built", "768"],
        ["bertdoctor check-model MODEL_DIR --num-labels N"],
        None,
    ),
    "BD307__likely-bertmodel-from-tf-no-attribute-bert": (
        ["'BertModel' object has no attribute 'bert'", "BertForPreTraining"],
        ["transformers-cli convert --model_type bert"],
        None,
    ),
    "BD307__likely-tf-convert-pointer-shape": (
        ["bert_config.json", "torch.Size", "21128"],
        ["bertdoctor check-model MODEL_DIR"],
        "convert_bert_original_tf_checkpoint_to_pytorch.py:62",
    ),
    "BD307__likely-tf-walk-bias": (
        ["BertForSequenceClassification", "TensorFlow", "fine-tuned"],
        ["transformers-cli convert --model_type bert"],
        None,
    ),
    "BD307__likely-tf-weights-only": (
        ["./my-keras-bert", "pre-trained", "TensorFlow"],
        ["bertdoctor check-model ./my-keras-bert"],
        None,
    ),
    "BD307__only-ckpt-words-zh": (
        ["from_pretrained", ".ckpt"],
        ["transformers-cli convert --model_type bert"],
        None,
    ),
    "BD308__cant-load-config-old": (
        ["bert-base-uncased", "config.json"],
        ["bertdoctor check-model bert-base-uncased"],
        None,
    ),
    "BD308__hub-cache-refs-main": (
        ["models--bert-base-chinese", "refs/main"],
        ["bertdoctor check-model bert-base-chinese"],
        "run.py:30",
    ),
    "BD308__hub-connect-markdown-link": (
        ["transformers could not reach huggingface.co to download", "bert-base-uncased"],
        ["bertdoctor check-model bert-base-uncased"],
        None,
    ),
    "BD308__hub-connect-no-word-on-network": (
        ["transformers could not reach huggingface.co to download", "antiberta-master"],
        ["bertdoctor check-model antiberta-master"],
        None,
    ),
    "BD308__likely-cant-load-config-owner-id": (
        ["dmis-lab/biobert-base-cased-v1.2", "config.json"],
        ["bertdoctor check-model dmis-lab/biobert-base-cased-v1.2"],
        None,
    ),
    "BD308__likely-cant-load-tokenizer-hub-id": (
        [
            "transformers could not load the tokenizer files (vocab.txt /",
            "hfl/chinese-roberta-wwm-ext",
        ],
        ["bertdoctor check-model hfl/chinese-roberta-wwm-ext"],
        None,
    ),
    "BD308__likely-cant-load-tokenizer-sentencepiece-model": (
        ["xlm-roberta-base", "RobertaTokenizer"],
        ["bertdoctor check-model xlm-roberta-base"],
        None,
    ),
    "BD308__likely-download-hung": (
        [
            "the log ends while https://s3.amazonaws.com/models.huggingface.co/bert",
            "//s3.amazonaws.com/models.huggingface.co/bert/bert-base-cased-pytorch_model.bin",
        ],
        ["bertdoctor check-model bert-base-cased"],
        None,
    ),
    "BD308__hyphenless-canonical-name": (
        ["config.json", "distilgpt2"],
        ["bertdoctor check-model distilgpt2"],
        "generate.py:12",
    ),
    "BD308__likely-name-list-cut-bare-name": (
        ["transformers could not load the tokenizer files (vocab.txt /", "bert-base-japanese"],
        ["bertdoctor check-model bert-base-japanese"],
        None,
    ),
    "BD308__likely-unknown-bare-hub-name": (
        ["bertabs-finetuned-cnndm", "config.json"],
        ["bertdoctor check-model bertabs-finetuned-cnndm"],
        "cmd_summarizer.py:51",
    ),
    "BD308__model-name-list-hub-id-offline": (
        ["klue/bert-base", "vocab.txt"],
        ["bertdoctor check-model klue/bert-base"],
        None,
    ),
    "BD308__name-list-cut-offline": (
        ["transformers could not load the tokenizer files (vocab.txt /", "bert-base-uncased"],
        ["bertdoctor check-model bert-base-uncased"],
        None,
    ),
    "BD308__network-unreachable-hub-id": (
        ["could not reach huggingface.co to download Rostlab/prot_bert_bfd"],
        ["bertdoctor check-model Rostlab/prot_bert_bfd"],
        None,
    ),
    "BD308__offline-cache-miss-wrapped-line": (
        ["transformers could not reach huggingface.co to download the model, and"],
        ["bertdoctor check-model MODEL_ID"],
        None,
    ),
    "BD308__old-library-head-404": (
        [
            "the download of bert-base-chinese from https://s3.amazonaws.com/models",
            "//s3.amazonaws.com/models.huggingface.co/bert/bert-base-chinese-vocab.txt",
        ],
        ["bertdoctor check-model bert-base-chinese"],
        None,
    ),
    "BD308__proxy-max-retries": (
        ["s3.amazonaws.com", "bert-base-cased"],
        ["bertdoctor check-model bert-base-cased"],
        "run_ner.py:60",
    ),
    "BD308__sbert-cache-half-downloaded": (
        [
            "/root/.cache/torch/sentence_transformers/sbert.net_models_paraphrase-MiniLM-L6-v2",
            "modules.json",
        ],
        ["/root/.cache/torch/sentence_transformers/sbert.net_models_paraphrase-MiniLM-L6-v2"],
        "encode.py:8",
    ),
    "BD308__sbert-net-download-timeout": (
        ["the library could not reach sbert.net to download paraphrase-MiniLM-L6-v2"],
        ["bertdoctor check-model paraphrase-MiniLM-L6-v2"],
        None,
    ),
    "BD308__tokenizer-listed-name-not-downloaded": (
        ["the download of the vocabulary of 'roberta-base' failed"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD308__vocab-server-unreachable": (
        ["transformers could not reach huggingface.co to download", "bert-base-cased"],
        ["bertdoctor check-model bert-base-cased"],
        None,
    ),
    "BD309__escaped-backslash-literal": (
        ["D:\\proj\\re\\pretraiert-base-chinese", "pretrain\\bert-base-chinese", "config.json"],
        ["a raw string", "bertdoctor check-model pretrain\\bert-base-chinese`"],
        "D:\\proj\\re\\encoder.py:20",
    ),
    "BD310__near-miss-no-parent-two-dots": (
        ["D:\\code\\bert_ner\\scripts\\train.py is run as a script (python"],
        ["bertdoctor check-imports D:\\code\\bert_ner\\scripts\\train.py"],
        "D:\\code\\bert_ner\\scripts\\train.py:5",
    ),
    "BD310__python35-parent-module": (
        ["ner/train.py is run as a script (python ner/train.py) and has a"],
        ["bertdoctor check-imports ner/train.py"],
        "ner/train.py:7",
    ),
    "BD311__likely-module-missing-while-unpickling-whole-model": (
        ["no module named 'classifier': if classifier is a folder or file of the"],
        ["bertdoctor check-imports serve.py"],
        "serve.py:9",
    ),
    "BD311__likely-project-bert-folder": (
        ["no module named 'bert': if bert is a folder or file of the project,"],
        ["bertdoctor check-imports demo.py"],
        "demo.py:3",
    ),
    "BD311__likely-submodule-missing-inside-package": (
        ["/home/wx/kgbert/kgbert/readers/triples.py", "kgbert.data"],
        ["bertdoctor check-imports /home/wx/kgbert/kgbert/bin/run_pretrain.py"],
        "/home/wx/kgbert/kgbert/readers/triples.py:8",
    ),
    "BD313__likely-apex-extension-missing": (
        ["no module named 'fused_layer_norm_cuda': it is one of apex's compiled"],
        ["bertdoctor check-imports train.py"],
        "train.py:12",
    ),
    "BD313__likely-camembert-tokenizer-none": (
        ["'NoneType' object has no attribute 'tokenize'", "CamembertTokenizer"],
        ["bertdoctor check-imports train.py"],
        None,
    ),
    "BD313__likely-google-bert-module": (
        ["no module named 'bert': bert is Google's BERT code, published as the"],
        ["bertdoctor check-imports run_ner.py"],
        "run_ner.py:12",
    ),
    "BD313__likely-lowercase-retyped-no-module": (
        ["no module named 'fused_layer_norm_cuda': it is one of apex's compiled"],
        ["bertdoctor check-imports train.py"],
        None,
    ),
    "BD313__likely-namespace-datasets-folder": (
        [
            "datasets is not installed in the Python that ran the script",
            "cannot import name 'load_dataset' from 'datasets' (unknown",
        ],
        ["bertdoctor check-imports /home/lin/qa-bert/train.py"],
        "/home/lin/qa-bert/train.py:7",
    ),
    "BD313__likely-package-taken-for-a-file": (
        [
            "the report takes a pip package for a missing file of the project",
            "find the file 'pytorch_pretrained_bert.py",
        ],
        ["bertdoctor check-imports train.py"],
        None,
    ),
    "BD313__likely-spacy-transformer-factory": (
        ["Can't find factory for 'transformer'", "spaCy"],
        ["bertdoctor check-imports train.py"],
        None,
    ),
    "BD313__likely-title-then-syntaxerror": (
        ["the module seqeval is not installed in the Python that ran the script"],
        ["bertdoctor check-imports train.py"],
        None,
    ),
    "BD313__likely-tokenizer-class-none": (
        ["transformers found the tokenizer class the model names as None", "cl-tohoku"],
        ["bertdoctor check-imports app.py"],
        "app.py:3",
    ),
    "BD313__likely-vocab-none-after-sentencepiece-message": (
        ["the tokenizer's vocabulary is None because the SentencePiece tokenizer"],
        ["bertdoctor check-imports run.py"],
        "run.py:4",
    ),
    "BD313__llama-index-integration": (
        ["the module llama_index.embeddings.huggingface is an integration that"],
        ["bertdoctor check-imports train.py"],
        "<stdin>:1",
    ),
    "BD313__metric-script-dependency-missing": (
        ["the metric script needs seqeval, which is not installed in the Python"],
        ["python -c 'import sys; print(sys.executable)'"],
        "run_ner.py:310",
    ),
    "BD313__milvus-model-package-not-installed": (
        ["the code needs milvus_model, which is not installed in the Python that"],
        ["python -c 'import sys; print(sys.executable)'"],
        "/data/tools/rag_index.py:2",
    ),
    "BD313__no-module-found-wording": (
        ["the module transformers is not installed in the Python that ran the"],
        ["bertdoctor check-imports train.py"],
        None,
    ),
    "BD313__official-nlp-package": (
        ["the module official is not installed in the Python that ran the script"],
        ["bertdoctor check-imports classifier_tf2.py"],
        "classifier_tf2.py:6",
    ),
    "BD313__python2-style": (
        ["the module pytorch_pretrained_bert is not installed in the Python that"],
        ["bertdoctor check-imports train.py"],
        None,
    ),
    "BD313__remote-code-packages": (
        ["the model's own code (trust_remote_code) imports packages that are not", "unidic_lite"],
        ["bertdoctor check-imports train.py"],
        None,
    ),
    "BD313__sentencepiece": (
        ["the tokenizer needs the sentencepiece package to be built, and the"],
        ["bertdoctor check-imports train.py"],
        None,
    ),
    "BD313__sentencepiece-cannot-be-instantiated": (
        ["the tokenizer needs the sentencepiece package to be built, and the"],
        ["bertdoctor check-imports train.py"],
        None,
    ),
    "BD313__tapas-pandas-required": (
        ["TAPAS tokenizer needs Pandas, which is not installed in the Python"],
        ["python -c 'import sys; print(sys.executable)'"],
        None,
    ),
    "BD313__trainer-requires-accelerate": (
        ["the library needs a package that is not installed in the environment", ": accelerate."],
        ["pip install the package it names", "bertdoctor check-env"],
        "train.py:41",
    ),
    "BD315__cased-model-lowercase-warning": (
        ["the tokenizer's casing disagrees with the checkpoint"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD315__likely-cased-model-lowercased-prose": (
        ["tokenizer_config.json", "BertTokenizer"],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD316__likely-encoder-newly-initialized-same-family": (
        ["encoder.layer.0.attention.self.query.weight", "./my_bert_model", "BertModel"],
        ["bertdoctor check-model ./my_bert_model"],
        None,
    ),
    "BD316__likely-missing-keys-bias-first": (
        ["the weights do not load into the model", "embeddings.word_embeddings.weight"],
        ["bert."],
        "run.py:540",
    ),
    "BD316__module-prefix-checkpoint-into-plain-model": (
        ["the weights do not load into the model", "module."],
        ["bertdoctor check-model MODEL_DIR"],
        "predict.py:22",
    ),
    "BD316__old-not-initialized-encoder": (
        [
            "encoder weights were not loaded from the checkpoint",
            "bert.embeddings.word_embeddings.weight",
        ],
        ["bertdoctor check-model MODEL_DIR"],
        None,
    ),
    "BD318__py2-valueerror": (
        ["from ..layers import CRF", "models/bert_crf.py"],
        ["from layers import CRF"],
        "models/bert_crf.py:4",
    ),
    "BD318__python-m-linux": (
        ["from ..utils.metrics import f1_score", "/home/zhang/bert-ner/ner/predict.py"],
        ["from utils.metrics import f1_score"],
        "/home/zhang/bert-ner/ner/predict.py:7",
    ),
    "BD318__windows": (
        ["\\Users\\li\\Desktop\\BERT-NER\\src\\run.py", "from ..utils import get_logger"],
        ["from utils import get_logger"],
        "C:\\Users\\li\\Desktop\\BERT-NER\\src\\run.py:3",
    ),
    "BD401__keras-target-3-dims": (
        ["dense_73", "108", "32"],
        ["bertdoctor check-loss --logits 32,108,C --labels 32,108"],
        "ner_softmax.py:140",
    ),
    "BD401__label-view-not-num-labels-wide": (
        ["num_labels", "12"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "/home/kim/tox/model.py:41",
    ),
    "BD401__likely-keras-crf-target-dims": (
        ["conditional_random_field_1", "32", "23"],
        ["bertdoctor check-loss --logits 32,23,C --labels 32,23"],
        "sequence_labeling.py:223",
    ),
    "BD401__likely-label-view-multilabel-no-frames": (
        ["num_labels=9"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD401__multi-target": (
        ["CrossEntropyLoss got 2-D labels (one-hot rows, or [B, 1]) where it"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD401__tf-sparse-ce-shape-assert": (
        ["128", "32"],
        ["bertdoctor check-loss --logits 32,128,C --labels 32,1"],
        None,
    ),
    "BD402__crf-tags-int32": (
        ["the CRF's tags are not torch.long"],
        ["bertdoctor check-script C:\\Project\\models\\tagger.py"],
        "C:\\Project\\models\\tagger.py:102",
    ),
    "BD402__found-dtype": (
        ["a float loss (MSELoss or BCEWithLogitsLoss) got integer"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "regress.py:70",
    ),
    "BD402__lowercase-retyped": (
        ["expected object of scalar type long but got scalar type int for argument #2 'target'"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD402__nll-not-implemented": (
        ["nll_loss_forward_reduce_cuda_kernel_2d_index", "Int"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD402__old-float-double": (
        ["scalar type Float but got scalar type Double for argument #2 'target'"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD402__transformers5-float-labels": (
        ["the labels have the wrong dtype for the loss (expected target dtype to"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        "/home/u/cls/train.py:64",
    ),
    "BD404__likely-batch-plus-one-prose": (
        ["the report says it fails only with a last batch of one example", "batch_size*n+1"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD410__old-wording": (
        ["backward() ran through a graph that an earlier backward() already"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD411__expected-device-got-device": (
        ["one operation got tensors on different devices (cpu and cuda:0): the"],
        ["bertdoctor check-script classify.py"],
        "classify.py:40",
    ),
    "BD411__input-weight-type": (
        ["one operation got tensors on different devices"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD411__likely-mps-placeholder": (
        ["a tensor on the CPU went into a model on Apple's MPS device (MPS words"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD411__old-device-type": (
        ["one operation got tensors on different devices (cuda): the model is on"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD413__likely-removed-argument-in-library": (
        ["BertForSequenceClassification.__init__", "use_auth_token"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD413__likely-tokenizer-init-kwarg": (
        ["add_special_tokens", "__init__"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD413__likely-user-frame-passes-kwarg": (
        ["forward() does not take the keyword 'output_attention': a batch key or"],
        ["bertdoctor check-script /home/u/cls/train.py"],
        "/home/u/cls/train.py:77",
    ),
    "BD413__pytorch-pretrained-bert-kwarg": (
        ["forward() does not take the keyword 'output_all_encoded_layers': a"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD414__dropout-list": (
        ["a list went where a tensor belongs (must be Tensor, not list): the old"],
        ["bertdoctor check-script train.py"],
        "/data/kobert_crf/model/net.py:38",
    ),
    "BD414__likely-output-tuple-index": (
        ["IndexError: tuple index out of range", "outputs[2]"],
        ["bertdoctor check-script train.py"],
        "/home/u/proj/model.py:41",
    ),
    "BD414__likely-outputs-index-prose": (
        ["IndexError: tuple index out of range", "outputs[1]"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD414__likely-stack-output-by-position": (
        ["`emb = torch.stack(out[-1], dim=2)` stacks an element of the model's"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD414__likely-string-indices-tensor-slice": (
        ["`cls_reps = reps[:, 0]` indexes a string as if it were a tensor"],
        ["bertdoctor check-script /home/u/sentiment/modeling.py"],
        "/home/u/sentiment/modeling.py:23",
    ),
    "BD414__output-argmax": (
        ["SequenceClassifierOutput", "argmax"],
        ["bertdoctor check-script train.py"],
        None,
    ),
    "BD414__string-indices-unpacked-output": (
        ["cls_reps = reps[:, 0]", "self.bert"],
        ["bertdoctor check-script /home/u/sentiment/modeling.py"],
        "/home/u/sentiment/modeling.py:23",
    ),
    "BD414__unpack-encoder-call": (
        ["too many values to unpack (expected 2): `a, b = encode(...)` unpacks"],
        ["bertdoctor check-script train.py"],
        "/home/u/matcher.py:41",
    ),
    "BD415__none-backward": (["the loss is None"], ["labels"], "train.py:92"),
    "BD501__anomaly": (
        ["the training loss became NaN or infinite"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD501__ctrl-c-after-nan": (
        ["the training loss became NaN or infinite first at line 2 (step 200):"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD501__nan-labels-some-ignored": (
        ["the training loss became NaN or infinite", "-100"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD501__train-loss-underscore": (
        ["train_loss=nan", "0.10"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD502__likely-accuracy-always-same": (
        ["the report says training makes no progress ('accuracy is always 0.5123'):"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD502__likely-accuracy-stuck-at-chance": (
        [
            "the report says training makes no progress ('accuracy always stays at",
            "accuracy always stays at 0.5",
        ],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD502__likely-accuracy-unchanged-zh": (
        ["the report says training makes no progress ('准确率一直不变'): the model"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD502__likely-loss-always-value-chinese": (
        ["the report says training makes no progress ('loss一直是2.98'): the model"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD502__likely-loss-and-acc-not-updating": (
        ["the report says training makes no progress ('loss和acc没有更新'): the model"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD502__likely-squeeze-dim-near-miss": (
        ["the report says training makes no progress ('loss does not go down'):"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD503__likely-loss-spike-prose-chinese": (
        ["the report says the loss goes up during training ('loss突然变得很大'): an"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD504__likely-ddp-unused-parameters": (
        ["DistributedDataParallel found parameters that got no gradient (module"],
        ["bertdoctor check-script train.py"],
        "train.py:120",
    ),
    "BD506__opacus-training-mode": (
        [
            "the model is in eval mode where training starts (`Model needs to be in",
            "Model needs to be in training mode",
        ],
        ["bertdoctor check-script dp_bert.py"],
        "dp_bert.py:41",
    ),
    "BD509__allocator-numbers-only": (
        ["20.00", "1.96", "2.88"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD509__cuda-runtime-error-2": (
        ["the GPU ran out of memory."],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD509__gpu-also-out-of-memory-prose": (
        [
            "the GPU ran out of memory (the report says 'GPU will also out of",
            "GPU will also out of memory",
        ],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD509__likely-gives-an-oom-prose": (
        ["the GPU ran out of memory (the report says 'gives an OOM')."],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD509__likely-oom-prose-gpu-ram-named": (
        ["(the report says 'OOM error')"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD509__likely-oom-prose-vague": (
        [
            "the GPU ran out of memory (the report says 'batch size 8, but with",
            "batch size 8, but with batch size 32 I keep getting an OOM",
        ],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD509__likely-tf-init-out-of-memory": (
        ["the GPU had no memory left when TensorFlow started on it (implicit"],
        ["let TensorFlow grow its memory", "bertdoctor check-env"],
        None,
    ),
    "BD509__tpu-failed-to-allocate": (
        ["the TPU ran out of memory (failed to allocate 64.00MiB)"],
        ["bertdoctor check-data TRAIN_FILE --model MODEL_DIR"],
        None,
    ),
    "BD510__conlleval-found-zero": (
        ["the tagger predicts no entity ('found", "found: 0 phrases"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD510__likely-all-label-n": (
        ["the tagger predicts no entity ('all prediction results are LABEL_3'):"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD510__likely-all-o-chinese": (
        ["the tagger predicts no entity ('预测的时候结果全为O'): every token gets O,"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD510__likely-f1-always-zero": (
        ["the tagger predicts no entity ('f1 is always 0'): every token gets O,"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD510__likely-ner-prf-zero-zh": (
        ["the tagger predicts no entity ('precision、recall、f1 值都为 0'): every"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD528__likely-apex-amp-cpu-model": (
        ["apex's amp.initialize got a model whose parameters are on the CPU"],
        ["model.to('cuda') before amp.initialize", "bertdoctor check-env"],
        "train.py:120",
    ),
    "BD528__likely-fp16-cpu-only": (
        ["--fp16", "CUDA", "FP16"],
        ["drop --fp16", "bertdoctor check-env"],
        None,
    ),
    "BD205__keras-target-one-hot-width": (
        ["dense_2 has 10 classes", "one-hot rows of 3"],
        ["same label list"],
        "train_cls.py:88",
    ),
    "BD401__keras-target-extra-axis-retyped": (
        ["dense_3", "(16,1,5)", "to_categorical"],
        ["np.squeeze(y, axis=-1)"],
        None,
    ),
    "BD117__tf-blas-gemm-launch-failed": (
        ["Blas GEMM launch failed: a.shape=(2048, 768), b.shape=(768, 768)"],
        ['CUDA_VISIBLE_DEVICES="" python run_classifier.py', "allow_growth"],
        "run_classifier.py:981",
    ),
    "BD509__cuda-out-of-memory-reporter-says": (["the GPU ran out of memory"], ["batch"], None),
    "BD302__likely-didnt-find-vocab-txt-log": (
        ["vocab.txt is not in ./output/ner_model"],
        ["bertdoctor check-model ./output/ner_model"],
        None,
    ),
    "BD313__trainer-requires-accelerate-retyped": (
        ["not installed in the environment that ran the code: accelerate"],
        ["restart the kernel"],
        None,
    ),
    "BD308__rust-downloader-connect-error": (
        ["to download BAAI/bge-base-zh-v1.5"],
        ["bertdoctor check-model BAAI/bge-base-zh-v1.5"],
        None,
    ),
    "BD413__likely-lm-labels-no-traceback": (
        ["'masked_lm_labels'", "Use labels."],
        ["check-script"],
        None,
    ),
    "BD201__keras-class-weight-gather": (
        ["label id 12 in a table of 12 classes", "ids 0..11"],
        ["class_weight one entry per class"],
        None,
    ),
    "BD307__likely-tf-download-no-file-named-prose": (
        ["original TensorFlow checkpoint"],
        ["transformers-cli convert"],
        None,
    ),
    "BD313__no-module-sentencepiece-compiled-part": (
        ["'_sentencepiece'", "compiled part of sentencepiece"],
        ["pip install --force-reinstall sentencepiece"],
        "<stdin>:1",
    ),
    "BD105__likely-torchtext-so-undefined-symbol": (
        ["torchtext/_torchtext.so: undefined symbol"],
        ["torchtext release made for the installed torch"],
        None,
    ),
    "BD305__reshape-embedding-config-vocab": (
        ["30522 rows of 768", "23440896 values", "built with 21128 rows"],
        ["vocab_size 30522"],
        None,
    ),
    "BD307__tf2-restore-google-checkpoint": (
        ["Some objects had attributes which were not restored"],
        ["tf2_encoder_checkpoint_converter"],
        "classify.py:58",
    ),
    "BD504__likely-tf-gradients-pooler": (
        ["2 variables", "tf_bert_model/bert/pooler/dense/kernel:0", "pooler"],
        ["add_pooling_layer=False"],
        None,
    ),
    "BD303__likely-from-pretrained-given-h5-traceback": (
        [
            '`model = TFBertModel.from_pretrained("/data/bert/tf_model.h5")` gives a weights file',
            "0x89 is the first byte of an HDF5 file",
        ],
        ["config.json"],
        "load.py:4",
    ),
    "BD313__tensorflow-models-not-installed": (
        ["tensorflow_models", "tf-models-official"],
        ["check-imports fine_tune.py"],
        "fine_tune.py:7",
    ),
    "BD413__tf-call-labels-old-transformers": (
        ["'labels'", "TensorFlow classes took no labels before release 3"],
        ["check-script"],
        "train_tf.py:31",
    ),
    "BD414__tf-predict-list-shape": (
        ["'list' object has no attribute 'shape'", "predict()"],
        ["predictions[0]"],
        None,
    ),
    "BD414__tf-output-to-tensor": (
        ["TFSequenceClassifierOutput went into a TensorFlow op"],
        ["outputs.logits"],
        None,
    ),
    "BD208__tf-pad-negative-positions": (["700 tokens", "holds 512"], ["max_length=512"], None),
    "BD401__sparse-ce-squeeze-multi-hot": (
        ["4 values per example"],
        ["binary_crossentropy"],
        None,
    ),
    "BD510__likely-all-o-chinese-followed-by-han": (["预测结果全部为O"], ["check-run"], None),
    "BD208__likely-glue-pair-not-truncated": (
        ["203 tokens", "max_length 128", "only_first"],
        ["truncation=True (longest_first for pairs), max_length=128"],
        None,
    ),
    "BD501__tf-estimator-nan-loss-error": (
        ["NaN or infinite"],
        ["check-run"],
        "run_classifier.py:981",
    ),
    "BD509__oom-capitals-misspelt": (
        ["the GPU ran out of memory"],
        ["gradient accumulation"],
        None,
    ),
    "BD413__likely-received-unexpected-kwarg-retold": (
        ["DebertaV2ForSequenceClassification.__init__()", "'use_flash'"],
        ["check-script"],
        None,
    ),
    "BD401__keras-target-one-column-softmax-head": (
        ["dense_4 has 2 units", "one column"],
        ["sparse_categorical_crossentropy"],
        None,
    ),
    "BD207__likely-added-tokens-prose": (
        ["embedding matrix should be resized", "kept the checkpoint's vocab_size"],
        ["model.resize_token_embeddings(len(tokenizer))"],
        None,
    ),
    "BD207__likely-index-higher-than-vocab": (
        ["index higher than 21128"],
        ["map unknown pieces to [UNK]"],
        None,
    ),
    "BD305__likely-vocab-changed-zh": (
        ["只保留了8000个字", "one row per token of the original vocab.txt"],
        ["model.resize_token_embeddings(len(tokenizer))"],
        None,
    ),
    "BD510__likely-trainer-table": (
        ["precision, recall and F1 0, token accuracy 0.871500"],
        ["entity-level F1"],
        None,
    ),
    "BD205__likely-id-to-tag-keyerror": (
        ["`tag = id_to_tag[idx]`", "the id 17"],
        ["len(label2id)"],
        "/home/w/joint/utils.py:37",
    ),
    "BD211__likely-unk-zh": (
        ["变成[UNK]"],
        ["covers the language"],
        None,
    ),
    "BD404__mse-scalar-vs-one": (
        ["target of shape [1] and a prediction of shape []", "a bare .squeeze()"],
        ["logits.squeeze(-1)"],
        None,
    ),
    "BD401__margin-ranking-dims": (
        ["input1 [16, 1], input2 [16, 1] and target [16]", "same number of dimensions"],
        ["scores.squeeze(-1)"],
        "train_ranker.py:133",
    ),
    "BD308__ssl-eof-tls-closed": (
        ["huggingface.co", "bert-base-chinese"],
        ["load that folder, or set HF_ENDPOINT to a mirror"],
        "run_ner.py:60",
    ),
    "BD509__oom-prose-zh-still-not-enough": (
        ["显存还不够"],
        ["a smaller batch size with gradient accumulation"],
        None,
    ),
    "BD217__likely-ipython-reader-row-index": (
        ["`score = float(row[self.label_col_idx])`", "fewer columns"],
        ["separator and columns the reader expects"],
        None,
    ),
    "BD528__likely-half-op-cpu": (
        ["\"LayerNormKernelImpl\" not implemented for 'Half'", "on the CPU"],
        ["model.float()"],
        None,
    ),
    "BD402__nll-index-kernel-half-labels": (
        ["nll_loss_forward_reduce_cuda_kernel_2d_index", "torch.long"],
        ["labels.long()"],
        None,
    ),
    "BD208__fairseq-max-positions": (
        ["1530 tokens long", "at most 1024 positions"],
        ["--skip-invalid-size-inputs-valid-test"],
        None,
    ),
    "BD308__pytorch-pretrained-none-to": (
        ["bert-base-uncased", "https://s3.amazonaws.com/models.huggingface.co/bert/"],
        ["download the model once on a machine with internet"],
        "score.py:51",
    ),
    "BD415__likely-loss-unpacked-positional-labels": (
        ["`loss, prediction_scores = model(input_ids, masked_labels)`", "passed by position"],
        ["labels=labels"],
        None,
    ),
    "BD414__unpack-labels-by-name": (
        ["too many values to unpack (expected 2)", "`a, b = model(...)`"],
        ["out.loss, out.logits"],
        None,
    ),
    "BD414__str-masked-select": (
        ["'masked_select'", "`logits, *_ = model(...)`"],
        ["pass return_dict=False"],
        "probe.py:63",
    ),
    "BD301__placeholder-braces-path": (
        ["<your_model_dir>", "with its brackets"],
        ["no brackets"],
        "predict.py:40",
    ),
    "BD413__likely-tokenizer-kwarg-retold": (
        ["{'pad_to_max_len': True}", "misspelt or removed"],
        ["padding='max_length'"],
        None,
    ),
    "BD509__oom-wrapped-log": (
        ["tried to allocate 1.50 GiB", "GPU total 23.64 GiB"],
        ["gradient accumulation"],
        None,
    ),
    "BD301__st-path-not-found-cut": (
        ["'/srv/models/bge-base-zh' does not exist"],
        ["downloaded or unpacked there"],
        "embed.py:9",
    ),
    "BD302__sentencepiece-none": (
        ['sentencepiece was asked to load "None"', "sentencepiece.bpe.model"],
        ["tokenizer.save_pretrained(model_dir)"],
        None,
    ),
    "BD202__likely-keyerror-minus-one-true-labels": (
        ["label id -1 among the true labels", "`gold = [id2label[t]"],
        ["from 0 to num_labels - 1"],
        "metrics.py:30",
    ),
    "BD414__keras-layer-output-key": (
        ["the string 'last_hidden_state'"],
        ["out.last_hidden_state"],
        "similarity.py:88",
    ),
    "BD202__likely-index-minus-one-labels": (
        ["index -1 reached a table of 30521 rows", "the labels hold -1"],
        ["labels[labels == -1] = -100"],
        None,
    ),
    "BD301__s3-url-local-path": (
        ["../models/roberta_zh_large", "looked up on the download server"],
        ["absolute path"],
        None,
    ),
    "BD606__cuda-getitem-forked": (
        ["inside a DataLoader worker", "__getitem__"],
        ["num_workers=0"],
        None,
    ),
    "BD606__likely-cuda-forked-iterating": (
        ["inside a DataLoader worker"],
        ["move the whole batch to the GPU"],
        None,
    ),
    "BD106__torch-disabled-too-old": (
        ["torch >= 2.1", "found torch 2.0.1"],
        ["pip install 'torch>=2.1'"],
        None,
    ),
    "BD112__pipeline-no-framework": (
        ["the pipeline has no framework to load the model with"],
        ['python -c "import torch"'],
        "sentiment.py:3",
    ),
    "BD501__likely-tensorboard-nan": (
        ["'NAN or Inf found in input tensor'", "went non-finite"],
        ["torch.isfinite(loss)"],
        None,
    ),
    "BD217__likely-json-data-file-cut-short": (
        ["Unterminated string starting at: line 92433", "far past any config file's end"],
        ["lines=True"],
        None,
    ),
    "BD217__likely-json-lines-read-as-one-document": (
        ["Extra data: line 1 column 163", "JSON Lines file"],
        ["json.loads per line"],
        None,
    ),
    "BD313__likely-says-no-module-pip-satisfied": (
        ["'says no module'", "pip says transformers is installed", "my_bert", "not activated"],
        ["conda activate ENV", "python -m pip install transformers"],
        None,
    ),
    "BD313__library-cannot-find-transformers": (
        ["checked for transformers and did not find it"],
        ["python -m pip install transformers tokenizers"],
        None,
    ),
    "BD509__likely-oom-prose-cannot-fit-on-gpu": (
        ["'can not fit to the desktop GPU'"],
        ["gradient accumulation"],
        None,
    ),
    "BD404__likely-batch-n-plus-one-chinese": (
        ["只有一条数据取bert向量时，结果会降低一维"],
        ["squeeze(-1)", "drop_last=True"],
        None,
    ),
    "BD209__likely-offsets-labels-count-mismatch": (
        ["88 word labels were assigned to 87 tokens", "offset_mapping"],
        ["word_ids()"],
        None,
    ),
    "BD217__dygiepp-fields-different-lengths": (
        ["document kurosaki-abs", "{'sentences': 5, 'ner': 12, 'relations': 12}"],
        ["len(ner) == len(relations) == len(sentences)"],
        None,
    ),
    "BD316__likely-quantized-model-reloaded-garbage": (
        ["quantize_dynamic", "newly initialised at random"],
        ["quantize again after loading", "weights_only=True"],
        None,
    ),
    "BD509__likely-oom-with-longformer-title": (
        ["'OOM with Longformer'"],
        ["gradient accumulation"],
        None,
    ),
    "BD106__likely-torch-load-refused-old-torch-prose": (
        ["'torch v2.4ではtorch.loadが使えない'", "older than 2.6"],
        ["torch>=2.6", "model.safetensors"],
        None,
    ),
    "BD302__likely-where-to-find-sp-model": (
        ["'where I can find SP model'", "30k-clean.model"],
        ["--spm_model_file"],
        None,
    ),
    "BD311__likely-no-module-still-after-installing": (
        ["no module named 'soxr'"],
        ["PYTHONPATH"],
        "server.py:3",
    ),
    "BD313__likely-xlnet-tokenizer-returns-none-prose": (
        ["XLNetTokenizer is a SentencePiece tokenizer", "`None` object is returned"],
        ["pip install sentencepiece"],
        None,
    ),
    "BD208__likely-keyerror-span-pair": (
        ["no entry for the position pair (147, 150)", "ends at position 150"],
        ["drop the entities that end past max_len", "--max-length MAX_LEN"],
        "/root/ner/data_loader.py:75",
    ),
    "BD208__likely-max-length-4072-roberta": (
        ["max_length=4072", "for roberta-large", "512 tokens"],
        ["truncation=True, max_length=512", "--max-length 512"],
        None,
    ),
    "BD222__likely-ragged-batch-both-past-512": (
        ["shapes [1086] and [1009]", "longer than the 512 positions", "BD208"],
        ["DataCollatorWithPadding"],
        "/root/project/tools/dataset.py:41",
    ),
    "BD301__likely-hub-style-id-not-on-hub": (
        ["'Helsinki-NLP/opus-mt-xx-en' is meant as a Hub id", "never published"],
        ["check-model Helsinki-NLP/opus-mt-xx-en"],
        None,
    ),
    "BD301__lowercase-owner-id-not-on-hub": (
        ["'kevin/bertner_v2' is not a folder in the working directory"],
        ["check-model kevin/bertner_v2"],
        None,
    ),
    "BD311__likely-no-module-unknown-name-only": (
        ["no module named 'glounnlp'"],
        ["PYTHONPATH"],
        None,
    ),
    "BD313__likely-no-module-known-beside-a-typo": (
        ["the module kobert is not installed", "SKTBrain/KoBERT"],
        ["pip install kobert"],
        None,
    ),
    "BD315__likely-accent-merged-both-in-vocab": (
        ["reads 'が' and 'か' as the same piece", "strips accents"],
        ["do_lower_case=False"],
        None,
    ),
    "BD504__likely-ddp-layer-dropout-no-grad-prose": (
        ["'parameters of this layer will not receive the grad'", "Expected to have finished"],
        ["find_unused_parameters=True", "ddp_find_unused_parameters=True"],
        None,
    ),
    "BD509__likely-korean-oom-prose": (
        ["'OOM 문제가 발생'"],
        ["gradient accumulation"],
        None,
    ),
    "BD501__nan-prose-not-nan-at-first": (
        ["the report says 'loss is not nan at first but becomes nan'"],
        ["-100 labels"],
        None,
    ),
    "BD501__nan-prose-got-nan-steps": (
        ["the report says 'got NaN after 800 steps of training'", "NaN or infinite"],
        ["-100 labels"],
        None,
    ),
    "BD509__oom-prose-hyphenated": (
        ["CUDA out-of-memory"],
        ["gradient accumulation"],
        None,
    ),
    "BD411__out-and-self-expected-on-gpu": (
        ["different devices"],
        ["v.to(device)", "bertdoctor check-script train_adapter.py"],
        "train_adapter.py:88",
    ),
    "BD308__likely-hub-403-forbidden": (
        ["403 Forbidden", "sentence-transformers/distiluse-base-multilingual-cased"],
        ["retry later"],
        "topics.py:12",
    ),
    "BD301__likely-hub-401-folder-owner-suffix": (
        ["'bertopic_models/model3_kmeans_lemma_'", "(bertopic_models/...)"],
        ["absolute path"],
        None,
    ),
    "BD510__likely-flair-tp-zero": (
        ["predicts no entity ('f1-score: 0.0000')"],
        ["seqeval"],
        None,
    ),
    "BD509__rmm-bad-alloc": (
        ["RAPIDS' memory manager", "UMAP"],
        ["data_on_host=True"],
        "/home/user/bertopic/bertopic_model_cuml.py:17",
    ),
    "BD304__likely-weights-file-almost-empty": (
        ["`pytorch_model.bin file is almost empty`", "Git LFS pointer"],
        ["git lfs pull"],
        None,
    ),
    "BD313__likely-transformers-adapters-fork": (
        ["'transformers.adapters'", "adapter-transformers"],
        ["pip install adapter-transformers"],
        "/mnt/work/PEM_composition/examples/pytorch/text-classification/run_glue.py:31",
    ),
    "BD313__import-error-not-available-try-pip": (
        ["top2vec[sentence_transformers]", "went into another Python"],
        ["python -m pip install top2vec[sentence_transformers]"],
        None,
    ),
    "BD509__tensorrt-allocate-oom": (
        ["TensorRT ran out of GPU memory", "Cuda Error in allocate: 2 (out of memory)"],
        ["workspace"],
        None,
    ),
    "BD411__indices-on-cpu-or-same-device": (
        ["different devices"],
        ["v.to(device)", "bertdoctor check-script train.py"],
        "/home/user/NeuralClassifier/model/rnn.py:83",
    ),
    "BD304__tf-read-fewer-bytes": (
        ["`Read fewer bytes than requested`", "variables.data-*", "truncated"],
        ["compare its data file's size"],
        "app.py:28",
    ),
    "BD401__likely-tf-dimensions-in-loss": (
        ["sigmoid_cross_entropy_with_logits", "6 classes on one side and 11 on the other"],
        ["num_labels = len(label_list)", "--num-labels 6"],
        None,
    ),
    "BD301__tf-notfound-without-space": (
        ["'cased_config_vocab/vocab.txt'"],
        ["bertdoctor check-model cased_config_vocab"],
        None,
    ),
    "BD301__likely-cant-load-config-for-none": (
        ["the model path is None"],
        ["set the model path"],
        "/opt/ml/code/train.py:61",
    ),
    "BD313__editable-install-not-seen": (
        ["'tapas.utils'", "editable mode"],
        ["restart the runtime", "python -m pip install -e ./tapas"],
        "<ipython-input-7-26bb9379ffca>:1",
    ),
    "BD313__cached-property-not-installed": (
        ["cached_property", "cached-property"],
        ["pip install cached-property"],
        None,
    ),
    "BD316__likely-state-dict-corrupted": (
        ["is corrupted`", "another architecture"],
        ["the class and config the model was saved with"],
        "predict.py:9",
    ),
    "BD208__likely-tapas-too-many-rows": (
        ["`ValueError: Too many rows`", "512 tokens"],
        ["smaller table"],
        None,
    ),
    "BD313__no-module-found-named": (
        ["the module transformers is not installed"],
        ["pip install transformers"],
        "train.py:2",
    ),
    "BD301__hub-cache-refs-relative-folder": (
        ["'./resources/ltp' is a folder path, not a Hub id", "models--.--resources--ltp"],
        ["Path(__file__).resolve().parent / 'resources/ltp'", "Hub id"],
        "prepare_ref.py:122",
    ),
    "BD208__expanded-size-line-end-no-suffix": (
        ["sequences of 600 tokens", "holds 512"],
        ["truncation=True"],
        None,
    ),
    "BD217__likely-split-unpack-in-transform": (
        ["`left, right, label = row.strip().split(...)`", "a line with 1 field"],
        ["skip blank lines"],
        "/content/repo/summarize.py:75",
    ),
    "BD304__likely-no-file-named-without-folder": (
        ["could not find the model files", "original TensorFlow checkpoint", "BD307"],
        ["download the weights again"],
        None,
    ),
    "BD308__likely-urlopen-tfhub-module": (
        ["`urlopen error [Errno 101] Network is unreachable`", "does not reach the server"],
        ["hub.Module / hub.KerasLayer", "TFHUB_CACHE_DIR"],
        "train.py:58",
    ),
    "BD208__likely-index-out-of-range-long-paragraph-prose": (
        ["position embedding has 512 rows"],
        ["truncat"],
        None,
    ),
    "BD208__asked-max-length-over-model": (
        ["max_length asked for, 512", "(510 tokens of text"],
        ["max_length=510", "--max-length 510"],
        "segment.py:14",
    ),
    "BD313__likely-tokenizer-none-prose-sentencepiece": (
        ["AlbertTokenizer is a SentencePiece tokenizer", "`tokenizer is None`"],
        ["pip install sentencepiece"],
        None,
    ),
    "BD304__likely-savedmodel-wrong-wire-type": (
        ["./export/bert_cls/saved_model.pb (Wrong wire type in tag)", "Git LFS"],
        ["the .pb file again", "check-model ./export/bert_cls"],
        "serve.py:12",
    ),
    "BD509__likely-stopped-due-to-memory-issue": (
        ["'stopped due to memory issue'"],
        ["smaller batch size"],
        None,
    ),
    "BD414__likely-tuple-indices-not-str": (
        ["output by name, but the output is a tuple", "return_dict=False"],
        ["outputs[0] is last_hidden_state"],
        None,
    ),
    "BD302__tokenizer-missing-model-loaded-same-folder": (
        ["loaded from 'out/mlm/checkpoint-290000'", "lacks the tokenizer files", "Trainer"],
        ["save_pretrained"],
        "fine_tune.py:41",
    ),
    "BD302__likely-bpe-encoder-json-missing": (
        ["no encoder.json in 'roberta.large'"],
        ["check-model roberta.large"],
        "roberta.pyx:183",
    ),
    "BD304__invalid-load-key-html-spaced": (
        ["a web page"],
        ["download the weights again"],
        None,
    ),
    "BD501__likely-nan-vectors-loss-exploding": (
        ["the report says 'returning `nan` vectors'", "the model's outputs are NaN"],
        ["learning rate near 2e-5"],
        None,
    ),
    "BD502__likely-accuracy-stuck-at-20-percent": (
        ["'acc is always about 20%'"],
        ["overfit 10 examples"],
        None,
    ),
    "BD222__likely-ragged-list-in-model-code": (
        ["mask() in asgcn_bert.py, the model's own code", "[85] and [90]"],
        ["pad per batch"],
        "/root/ABSA/models/asgcn_bert.py:75",
    ),
    "BD301__likely-cant-load-tokenizer-downloaded-spacy-model": (
        ["'data/models/conll04' most likely does not exist from the working directory"],
        ["Path(__file__).resolve().parent / 'data/models/conll04'"],
        None,
    ),
    "BD306__ctc-lm-head-size-mismatch": (
        ["CTC output head (lm_head) has 64 outputs", "built for 51"],
        ["ignore_mismatched_sizes=True"],
        None,
    ),
    "BD305__likely-keras-embedding-shapes-incompatible": (
        ["13685 x 768 met one of 13584 x 768", "word embedding"],
        ["keep_tokens"],
        None,
    ),
    "BD112__torch-name-c-not-defined": (
        ["`NameError: name '_C' is not defined`", "torch._C"],
        ["pip uninstall torch"],
        "C:/Users/ana/AppData/Local/R/win-library/4.3/text/python/huggingface_Interface3.py:5",
    ),
    "BD112__likely-name-c-not-defined-no-torch-in-text": (
        ["torch._C, did not load"],
        ["pip uninstall torch"],
        None,
    ),
    "BD304__likely-model-archive-compressed-file-ended": (
        ["model archive (model.tar.gz) ends before its end"],
        ["download it again"],
        None,
    ),
    "BD308__likely-cant-load-feature-extractor-hub-id": (
        ["preprocessor_config.json", "'LeBenchmark/wav2vec2-FR-7K-large'"],
        ["download the model once"],
        None,
    ),
    "BD302__likely-wav2vec2-pretrained-no-tokenizer": (
        ["'facebook/wav2vec2-large-xlsr-53' is a speech model pretrained on audio alone"],
        ["Wav2Vec2CTCTokenizer('vocab.json')"],
        None,
    ),
    "BD413__unexpected-kwarg-spaced-parens": (
        ["BertTokenizer.__init__() does not take the keyword 'num_classes'"],
        ["num_labels to the model's from_pretrained"],
        None,
    ),
    "BD117__cpu-index-error-then-gpu-assert": (
        [
            "`CUDA error: device-side assert triggered` and `index out of range in self`",
            "the position embedding has 512 rows",
        ],
        ["truncation=True, max_length=512", "CUDA_LAUNCH_BLOCKING=1"],
        "train_ner.py:88",
    ),
    "BD117__likely-device-side-assert-words": (
        ["('device side assert') without its error text"],
        ['CUDA_VISIBLE_DEVICES=""', "CUDA_LAUNCH_BLOCKING=1"],
        None,
    ),
    "BD304__snapshot-safetensors-missing": (
        [
            "snapshot of google/electra-small-discriminator lists model.safetensors",
            "models--google--electra-small-discriminator/snapshots/fa8239aadc",
        ],
        [
            "delete the cache folder models--google--electra-small-discriminator",
            "huggingface-cli download google/electra-small-discriminator",
            "cp -rL",
        ],
        "/workspace/index.py:12",
    ),
    "BD304__likely-local-weights-missing": (
        ["checkpoints/run3/model.safetensors cannot be opened", "expected it in checkpoints/run3"],
        ["bertdoctor check-model checkpoints/run3"],
        "/home/ana/proj/serve.py:20",
    ),
    "BD208__tensor-a-b-wrapped": (
        ["569 tokens", "holds 512"],
        ["max_length=512"],
        None,
    ),
    "BD302__likely-output-folder-old-tokenizer-message": (
        ["'output/' is a training run's output folder"],
        ["tokenizer.save_pretrained"],
        "predict.py:14",
    ),
    "BD104__thc-cuda-runtime-error-30": (
        ["(cuda runtime error (30) : unknown error)"],
        ["nvidia-smi", "bertdoctor check-env"],
        "train.py:40",
    ),
    "BD305__gpt2-wte-size-mismatch": (
        ["rows for 21128 (bert-base-chinese) tokens", "vocab_size 13317"],
        ["from the same checkpoint folder"],
        "generate.py:61",
    ),
    "BD305__tok-embed-size-mismatch": (
        ["rows for 21128 (bert-base-chinese) tokens", "vocab_size 5210"],
        ["from the same checkpoint folder"],
        None,
    ),
    "BD103__likely-ngc-container-gpu": (
        ["does not support the NVIDIA GeForce RTX 4080"],
        ["a newer release of the image"],
        None,
    ),
    "BD213__likely-metric-no-true-samples": (
        ["`in labels with no true samples`", "its recall is 0/0"],
        ["stratify=labels", "bertdoctor check-data TRAIN_FILE DEV_FILE"],
        None,
    ),
    "BD217__likely-training-data-so-small": (
        ["`training data is so small`"],
        ["the format the project's README shows", "bertdoctor check-data TRAIN_FILE"],
        None,
    ),
    "BD506__cudnn-rnn-backward-eval": (
        ["`cudnn RNN backward can only be called in training mode`", "model.eval()"],
        ["model.train()", "torch.backends.cudnn.flags(enabled=False)", "bertdoctor check-script"],
        "/home/lee/attack/utils.py:40",
    ),
    "BD117__likely-cuda-unknown-error-in-backward": (
        ["`CUDA error: unknown error` in the middle of a training step"],
        ["CUDA_LAUNCH_BLOCKING=1"],
        "train.py:131",
    ),
    "BD104__cuda-unknown-error-at-init": (
        ["(CUDA error: unknown error)"],
        ["nvidia-smi", "bertdoctor check-env"],
        "run_classifier.py:52",
    ),
    "BD302__likely-processor-checkpoint-config-keyerror": (
        [
            "TrOCRProcessor.from_pretrained('runs/trocr/checkpoint-3000')",
            "(VisionEncoderDecoderConfig)",
        ],
        ["processor.save_pretrained(folder)", "bertdoctor check-model runs/trocr/checkpoint-3000"],
        "infer.py:8",
    ),
    "BD101__cpu-build-collect-env-gpu-listed": (
        ["(PyTorch version: 1.7.1+cpu)", "(GeForce is mentioned)"],
        ["https://download.pytorch.org/whl/cu126", "bertdoctor check-env"],
        None,
    ),
    "BD308__offline-message-docs-link-no-model": (
        ["could not reach huggingface.co", "not in the local cache"],
        ["download the model once on a machine with internet", "bertdoctor check-model MODEL_ID"],
        None,
    ),
    "BD302__likely-bart-tokenizer-chinese-txt-vocab": (
        ["the text names a BERT tokenizer", "looks for vocab.json and merges.txt"],
        ["BertTokenizer (BertTokenizerFast)", "bertdoctor check-model"],
        None,
    ),
    "BD301__likely-roberta-tokenizer-bert-wordpiece": (
        ["'./my_lm'", "the text names a BERT tokenizer"],
        ["BertTokenizer (BertTokenizerFast)", "bertdoctor check-model"],
        None,
    ),
    "BD308__hub-config-url-unreachable-link-dead-said": (
        ["bert-base-uncased", "https://s3.amazonaws.com/models.huggingface.co/bert/"],
        ["download the model once on a machine with internet", "check-model bert-base-uncased"],
        None,
    ),
    "BD509__likely-chinese-prose-memory-grows-until-oom": (
        ["'直到out of memory'"],
        ["gradient accumulation", "bertdoctor check-env"],
        None,
    ),
    "BD208__finetune-max-length-over-positions": (
        ["512 positions", "`Max Length cannot be greater than 512"],
        ["chunk_long_sequences=True", "bertdoctor check-data TRAIN_FILE --model"],
        None,
    ),
    "BD509__torch-outofmemoryerror-class-only": (
        ["the GPU ran out of memory"],
        ["gradient accumulation", "bertdoctor check-env"],
        "train.py:88",
    ),
    "BD213__classification-report-fewer-classes-than-names": (
        ["found 42 classes", "given 43 target_names", "lacks 1 of the declared classes"],
        ["labels=list(range(len(target_names)))", "bertdoctor check-data TRAIN_FILE DEV_FILE"],
        "evaluate.py:41",
    ),
    "BD205__classification-report-more-classes-than-names": (
        ["found 21 classes", "only 19 target_names"],
        ["its id2label", "bertdoctor check-data TRAIN_FILE DEV_FILE"],
        "evaluate.py:41",
    ),
    "BD217__likely-pandas-read-json-expected-object": (
        ["`Expected object or value`", "JSON Lines"],
        ["lines=True", "bertdoctor check-data TRAIN_FILE"],
        "train.py:27",
    ),
    "BD217__likely-arrow-json-column-changed": (
        ["field /answer as object", "had string", "unescaped quote"],
        ["the same type in every record", "bertdoctor check-data TRAIN_FILE"],
        None,
    ),
    "BD307__likely-convert-tf-finetuned-classifier-attribute": (
        ["'BertPreTrainingHeads' object has no attribute 'classifier'"],
        ["BertForSequenceClassification with its num_labels", "bertdoctor check-model"],
        "convert_bert_original_tf_checkpoint_to_pytorch.py:36",
    ),
    "BD528__likely-trainer-fp16-cuda-or-npu": (
        [
            "fp16 was asked for",
            "(FP16 Mixed precision training with AMP or APEX (`--fp16`) and FP16 half...)",
            "CPU-only build of torch (BD101)",
        ],
        ["drop --fp16", "bertdoctor check-env"],
        "train.py:61",
    ),
    "BD313__tokenizers-library-garbled-emoji": (
        ["BertTokenizerFast needs Tokenizers", "(pip name: tokenizers)"],
        ["python -m pip install tokenizers", "bertdoctor check-imports"],
        "<stdin>:1",
    ),
    "BD308__pytorch-transformers-couldnt-reach-vocab-no-name": (
        ["vocabulary could not be downloaded", "`Couldn't reach server`"],
        ["download the model once on a machine with internet", "bertdoctor check-model"],
        None,
    ),
    "BD106__lrscheduler-import-old-torch": (
        ["imports LRScheduler from torch.optim.lr_scheduler", "from 2.0 on"],
        ["torch>=2.0", "bertdoctor check-env"],
        None,
    ),
    "BD307__likely-tf-convert-bias-prose-without-quotes": (
        ["BertForSequenceClassification' object has no attribute 'bias"],
        ["BertForSequenceClassification with its num_labels", "bertdoctor check-model"],
        None,
    ),
    "BD313__no-module-tokenizers-compiled-part": (
        ["'tokenizers.tokenizers'", "compiled part of tokenizers"],
        ["pip install --force-reinstall tokenizers", "bertdoctor check-env"],
        "train_sts.py:3",
    ),
    "BD112__likely-bertmodel-import-torch-not-installed": (
        ["no BertModel to import", "'only imported if torch is available'"],
        ["install torch in that environment", "bertdoctor check-env"],
        None,
    ),
    "BD209__likely-label-ids-assert-reraised-by-worker": (
        ["`assert len(label_ids) == max_seq_length`"],
        ["word_ids()", "bertdoctor check-data"],
        "train_ner.py:30",
    ),
    "BD117__likely-thc-error-30-in-backward": (
        ["`cuda runtime error (30) : unknown error` in the middle of a training step"],
        ["CUDA_LAUNCH_BLOCKING=1"],
        "train.py:88",
    ),
    "BD503__likely-loss-exploded-prose": (
        ["('loss exploded')", "exploding gradients"],
        ["clip_grad_norm_", "bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD304__unexpected-eof-ckpt-model-file": (
        ["`unexpected EOF, expected 41234567 more bytes. The file might be corrupted`"],
        ["download the weights again", "bertdoctor check-model"],
        "<stdin>:1",
    ),
    "BD112__static-tls-import-torch": (
        ["torch cannot be imported", "`cannot load any more object with static TLS`"],
        ["import torch before the other compiled packages", "bertdoctor check-env"],
        "/srv/app/tagger/__init__.py:2",
    ),
    "BD313__distribution-not-found-extra": (
        ["the package tensorflow (tensorflow>=2.8.0) is not installed", "[tf] extra"],
        ["pip install 'tensorflow>=2.8.0'", "bertdoctor check-imports parse.py"],
        "parse.py:12",
    ),
    "BD302__zh-no-valid-tokenizer-files": (
        ["the folder /root/.cache/nlp/transformers/electra_zh_base_20220101 holds no usable"],
        ["tokenizer.json / vocab.txt", "bertdoctor check-model"],
        None,
    ),
    "BD509__tf-resource-exhausted-failed-to-allocate": (
        ["the GPU ran out of memory (TensorFlow: `Resource exhausted: failed to allocate memory`)"],
        ["smaller batch size", "gradient checkpointing"],
        None,
    ),
    "BD306__multitask-scoring-list-head": (
        ["scoring_list.0.weight has 3 outputs", "built with 5"],
        ["ignore_mismatched_sizes=True", "bertdoctor check-model"],
        "predict.py:101",
    ),
    "BD304__likely-from-tf-hint-retyped": (
        ["hint to set from_tf=True", "truncated or damaged"],
        ["download it again", "bertdoctor check-model"],
        None,
    ),
    "BD222__likely-collate-found-object-array": (
        ["numpy arrays of dtype object", "different lengths"],
        ["DataCollatorForTokenClassification", "bertdoctor check-data"],
        "train_ner.py:77",
    ),
    "BD208__likely-bert-serving-max-seq-len-over-512": (
        ["-max_seq_len 1024", "512 positions"],
        ["-max_seq_len 512 or less", "bertdoctor check-model"],
        None,
    ),
    "BD217__split-unpack-dataset-getitem": (
        ["`text, label = self.lines[idx].strip().split(...)`", "a line with 1 field"],
        ["skip blank lines", "bertdoctor check-data"],
        "dataset.py:27",
    ),
    "BD302__bart-tokenizer-vocab-none": (
        ["no vocabulary file to read", "vocab.json / merges.txt"],
        ["copy vocab.json and merges.txt", "tokenizer.save_pretrained", "bertdoctor check-model"],
        None,
    ),
    "BD222__likely-collate-found-object-old-torch": (
        ["numpy arrays of dtype object"],
        ["DataCollatorWithPadding", "bertdoctor check-data"],
        "train.py:52",
    ),
    "BD312__script-imports-itself": (
        ["arpa_score.py has the name of the module 'arpa_score'"],
        ["rename arpa_score.py", "bertdoctor check-imports"],
        "/home/lin/lm/arpa_score.py:9",
    ),
    "BD104__deserialize-trained-on-gpu-same-server": (
        ["A100 is mentioned", "torch.cuda.is_available() is False"],
        ["map_location='cpu'", "bertdoctor check-env"],
        "predict.py:14",
    ),
    "BD301__tf-garbled-message-blank-line": (
        ["'C:/Program Files/Git/data/chinese_L-12_H-768_A-12/bert_config.json' does not exist"],
        ["check the path", "bertdoctor check-model"],
        "D:\\proj\\bert\\modeling.py:93",
    ),
    "BD304__likely-knock-on-after-lfs-pointer": (
        ["invalid load key, 'v'", "Git LFS pointer"],
        ["git lfs pull", "bertdoctor check-model"],
        None,
    ),
    "BD205__punctuation-map-digit-zero": (
        ["the label '0'", "`y.append(punct_map[label])`", "the letter O"],
        ["build the label list from the training data", "bertdoctor check-data"],
        "/content/punct/src/dataset.py:38",
    ),
    "BD508__likely-apex-grad-overflow-every-iteration": (
        ["6 iterations in a row overflowed", "the loss scale down to 512"],
        ["torch.finfo(dtype).min", "bertdoctor check-model"],
        None,
    ),
    "BD502__likely-always-predicts-same-label": (
        ["'always predicts the same label'", "learns nothing"],
        ["overfit 10 examples first", "bertdoctor check-run"],
        None,
    ),
    "BD502__likely-eval-loss-ln2": (
        ["eval_loss': 0.693147180559"],
        ["optimizer.param_groups[0]['lr']", "bertdoctor check-data"],
        None,
    ),
    "BD316__old-torch-unexpected-module-key": (
        ["start with `module.`", "DataParallel"],
        ["removeprefix('module.')", "bertdoctor check-model"],
        "predict.py:31",
    ),
    "BD104__deserialize-nvidia-smi-names-card": (
        ["Tesla is mentioned", "torch.cuda.is_available() is False"],
        ["map_location='cpu'", "bertdoctor check-env"],
        "infer.py:9",
    ),
    # real torch 2.11 outputs, made on purpose on an H100 (2026-11-22, bench/gpu_verify.py)
    "BD117__torch211-gather-assert-surfaces-in-embeddings": (
        ["a gather (`index out of bounds`)", "surfaced in the model's embeddings"],
        ["CUDA_LAUNCH_BLOCKING=1", "bertdoctor check-data"],
        None,
    ),
    "BD117__torch211-nll-assert-accelerator-error": (
        ["`t >= 0 && t < n_classes`", "a label id is negative or >= num_labels"],
        ['CUDA_VISIBLE_DEVICES=""', "bertdoctor check-data"],
        None,
    ),
    "BD509__torch211-h100-allocation-larger-than-card": (
        ["tried to allocate 118.77 GiB, GPU total 79.18 GiB", "larger than the whole GPU"],
        ["gradient accumulation", "bertdoctor check-env"],
        None,
    ),
    "BD411__torch211-batch-on-cpu-model-on-gpu": (
        ["(cpu and cuda:0)"],
        ["v.to(device)", "bertdoctor check-script"],
        None,
    ),
    "BD401__torch211-bce-target-half-the-logits": (
        ["flattened to [8], 2 values per example, against [4] labels"],
        ["CrossEntropyLoss on the [4, 2] logits", "check-loss --logits 8 --labels 4 --loss bce"],
        None,
    ),
    "BD117__gather-assert-in-a-crf-not-the-embeddings": (
        ["an indexing op (`index out of bounds`)", "the labels are used as indices"],
        ["python /home/lin/ner/train.py", "bertdoctor check-data"],
        "/home/lin/ner/train.py:88",
    ),
    # round 62
    "BD313__likely-example-of-the-librarys-own-repo": (
        ["no module named 'wordpiece_rs'", "one of the examples in wordpiece_rs's own repository"],
        ["python -m pip install -e . in its root", "PYTHONPATH=<the clone's root>"],
        "/home/ana/wordpiece-rs/examples/python/bert_ner/run_ner.py:7",
    ),
    "BD311__project-folder-above-the-script-not-an-example": (
        ["no module named 'nerkit'", "if nerkit is a folder or file of the project"],
        ["python -m src.train", "check-imports /home/ana/nerkit/scripts/train_bert.py"],
        "/home/ana/nerkit/scripts/train_bert.py:5",
    ),
    "BD104__cuda-start-error-2-on-wsl2": (
        ["cudaGetDeviceCount failed with Error 2: out of memory", "on WSL2"],
        ["nvidia-smi", "bertdoctor check-env"],
        None,
    ),
    "BD606__likely-cuda-start-error-in-a-forked-worker": (
        ["CUDA was used inside a DataLoader worker"],
        ["num_workers=0"],
        None,
    ),
    "BD101__likely-windows-is-available-false": (
        ["on Windows", "`pip install torch` from PyPI installs the CPU-only build"],
        ["download.pytorch.org/whl/cu126", "bertdoctor check-env"],
        None,
    ),
    "BD104__likely-windows-cuda-build-is-available-false": (
        ["the report says the GPU is not used"],
        ["torch.version.cuda", "bertdoctor check-env"],
        None,
    ),
    "BD106__likely-transformers-imports-torch-module-too-new": (
        ["'torch.distributed.tensor': it exists from torch 2.0 on"],
        ["upgrade torch to 2.0 or later", "bertdoctor check-env"],
        None,
    ),
    # round 63
    "BD304__likely-headertoolarge-after-pinning-safetensors": (
        ["most likely a Git LFS pointer", "(pip install safetensors==0.4.1)"],
        ["git lfs pull", "bertdoctor check-model"],
        "/home/x/demo/run.py:12",
    ),
    "BD304__safetensors-headertoolarge-no-version-change": (
        ["`HeaderTooLarge`", "a Git LFS pointer"],
        ["git lfs pull", "bertdoctor check-model"],
        "/home/x/demo/run.py:12",
    ),
    # review of rounds 62 and 63: near misses
    "BD104__likely-is-available-false-on-wsl2-under-windows": (
        ["the report says the GPU is not used"],
        ["torch.version.cuda", "bertdoctor check-env"],
        None,
    ),
    "BD104__likely-windows-cuda-index-is-available-false": (
        ["the report says the GPU is not used"],
        ["torch.version.cuda", "bertdoctor check-env"],
        None,
    ),
    "BD101__cpu-version-said-on-a-gpu-server": (
        ["a CPU-only build", "(Tesla is mentioned)"],
        ["download.pytorch.org/whl/cu126", "bertdoctor check-env"],
        "/srv/ner/train.py:30",
    ),
    "BD311__likely-dotted-module-from-examples-inside-the-package": (
        ["imported from /home/ana/nerkit/nerkit/data/__init__.py", "has no data/readers"],
        ["look for nerkit/data/readers", "bertdoctor check-imports"],
        "/home/ana/nerkit/nerkit/data/__init__.py:1",
    ),
    "BD304__headertoolarge-with-a-pip-freeze-listing": (
        ["`HeaderTooLarge`", "the weights file is a Git LFS pointer"],
        ["git lfs pull", "bertdoctor check-model"],
        "/home/x/demo/run.py:12",
    ),
    "BD104__cuda-start-error-2-on-a-cluster-node": (
        ["cudaGetDeviceCount failed with Error 2: out of memory", "ulimit -v"],
        ["nvidia-smi", "bertdoctor check-env"],
        None,
    ),
    "BD104__likely-is-available-false-in-chinese": (
        ["'is_available()返回False'"],
        ["nvidia-smi", "bertdoctor check-env"],
        None,
    ),
    # round 64
    "BD311__likely-module-missing-told-in-words-no-remote-code": (
        ["no module named 'custom_st'", "if custom_st is a folder or file of the project"],
        ["python -m src.train", "bertdoctor check-imports"],
        None,
    ),
    # round 65
    "BD201__datasets-classlabel-greater-than-num-classes": (
        ["the label id 5 is outside the 5 classes (ids 0..4) of the ClassLabel"],
        ["names=sorted(set(labels))", "bertdoctor check-data"],
        "/home/mei/cls/prepare.py:18",
    ),
    "BD304__safetensors-metadata-incomplete-buffer": (
        ["`MetadataIncompleteBuffer`", "an interrupted download or save, or a full disk"],
        ["download the weights again", "bertdoctor check-model"],
        "/data/app/serve.py:9",
    ),
    "BD201__likely-datasets-int2str-invalid-label": (
        ["the label id 3 is outside the range of names of the ClassLabel"],
        ["names=sorted(set(labels))", "bertdoctor check-data"],
        "/home/mei/cls/predict.py:40",
    ),
    # round 66
    "BD301__relative-windows-folder-read-as-repo-id": (
        ["the folder 'models\\bert-base-chinese' does not exist"],
        ["use an absolute path", "bertdoctor check-model"],
        "C:\\Users\\kim\\ner\\train.py:12",
    ),
    "BD509__ctranslate2-cuda-failed-out-of-memory": (
        ["CTranslate2 ran out of GPU memory"],
        ["max_batch_size", 'compute_type="int8_float16"', "bertdoctor check-env"],
        "/srv/embed/encode.py:27",
    ),
    # review of rounds 64 to 66: near misses
    "BD313__trust-remote-code-model-needs-einops": (
        ["the module einops is not installed"],
        ["pip install einops", "bertdoctor check-imports"],
        None,
    ),
    "BD301__relative-windows-folder-with-pathlib-in-the-script": (
        ["the folder 'models\\bert-base-chinese' does not exist"],
        ["use an absolute path", "bertdoctor check-model"],
        "C:\\Users\\kim\\ner\\train.py:12",
    ),
    "BD201__datasets-classlabel-negative-id": (
        ["the label id -2 is outside the 3 classes (ids 0..2)", "a negative id"],
        ["names=sorted(set(labels))", "bertdoctor check-data"],
        "/home/mei/cls/prepare.py:18",
    ),
    # whole-change review: 803 is a libcuda and kernel module of two drivers, fork or not
    "BD104__cuda-start-error-803-with-a-fork-mentioned": (
        ["Error 803", "does not match the kernel driver"],
        ["nvidia-smi", "bertdoctor check-env"],
        None,
    ),
    # session 27: training dynamics told in prose
    "BD508__likely-apex-scale-sank-with-loss-spike": (
        ["the loss scale fell to 8", "4 overflow lines"],
        ["train in bf16", "bertdoctor check-model"],
        None,
    ),
    "BD503__likely-loss-spike-apex-scale-settles": (
        ["the report says the loss goes up during training ('Suddenly the loss increase')"],
        ["clip_grad_norm_", "bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD505__likely-no-warmup-prose": (
        ["'there is never a warmup'", "optimizer steps"],
        ["scheduler.step() right after every optimizer.step()", "bertdoctor check-script"],
        None,
    ),
    "BD505__likely-lr-stays-zero-zh": (
        ["'学习率一直是0'"],
        ["param_groups[0]['lr']", "bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD501__likely-nan-logits-full-of-nan-prose": (
        ["the report says 'classifier are full of NaNs after a few hundred steps'"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD502__likely-score-always-same-prose": (
        ["('score is always the same')"],
        ["overfit 10 examples first", "bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    # round 67: labels told out of line, NER with no entity, outputs that vary, a cut traceback
    "BD209__likely-labels-tokens-length-differ-zh": (
        ["the tags and the tokens do not line up ('labels、tokens长度不一致')"],
        ["word_ids()", "bertdoctor check-data TRAIN_FILE"],
        None,
    ),
    "BD510__ncrfpp-pred-num-zero": (
        ["the tagger predicts no entity ('gold_num =  1204  pred_num =  0')"],
        ["learning rate of 3e-5 to 5e-5", "bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD510__likely-precision-f1-minus-one-zh": (
        ["('precision 和 f1 一直都是 -1')"],
        ["seqeval", "bertdoctor check-data"],
        None,
    ),
    "BD611__likely-different-logits-every-run": (
        ["('different results (logits) every time I run')", "dropout"],
        ["model.eval() before predicting", "bertdoctor check-script"],
        None,
    ),
    "BD101__likely-traceback-cut-after-raise": (
        ["this torch is a CPU-only build (`Torch not compiled with CUDA enabled`)"],
        ["download.pytorch.org/whl/cu126", "bertdoctor check-env"],
        "D:\\summ\\src\\train.py:135",
    ),
    "BD502__likely-constant-accuracy-binary": (
        ["('constant accuracy of 0.5')"],
        ["overfit 10 examples first"],
        None,
    ),
    "BD501__likely-predict-returns-nans-after-fp16-fit": (
        ["the report says 'returns nans': the model's outputs are NaN"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    # training dynamics told in prose: no gradient, growing memory, lr 0, a rising loss, all O
    "BD504__likely-grads-none-prose": (
        ["weights get no gradient or do not change ('gradients are None')"],
        ["requires_grad", "bertdoctor.watch(model, optimizer)"],
        None,
    ),
    "BD509__likely-gpu-memory-keeps-growing": (
        ["GPU memory grows step after step ('GPU memory keeps increasing')"],
        ["loss.item()", "torch.no_grad()", "bertdoctor check-env"],
        None,
    ),
    "BD505__likely-lr-zero-for-all-steps": (
        ["('lr is 0.0 for all')"],
        ["scheduler.step() right after every optimizer.step()", "bertdoctor check-run"],
        None,
    ),
    "BD503__likely-loss-keeps-going-up": (
        ["the loss goes up during training ('loss keeps going up')"],
        ["clip_grad_norm_"],
        None,
    ),
    "BD510__likely-tags-everything-as-o": (
        ["the tagger predicts no entity ('bert-base-cased token classifier tags everything as O')"],
        ["seqeval"],
        None,
    ),
    "BD502__likely-val-accuracy-stays": (
        ["('accuracy stays at 0.5012')"],
        ["overfit 10 examples first"],
        None,
    ),
    # review of round 68, and round 69
    "BD104__likely-cuda-visible-devices-hides-the-only-gpu": (
        ["sets CUDA_VISIBLE_DEVICES=1", "fewer than 2 GPUs"],
        ["an index that `nvidia-smi` lists", "bertdoctor check-env"],
        None,
    ),
    "BD104__likely-gpu-unused-visible-devices-zero": (
        ["the report says the GPU is not used ('is_available() returns False')"],
        ["nvidia-smi", "bertdoctor check-env"],
        None,
    ),
    "BD611__likely-varying-outputs-padding-code": (
        ["('different outputs every time I run')"],
        ["model.eval() before predicting"],
        None,
    ),
    "BD502__likely-loss-barely-moved": (
        ["('loss barely moved')"],
        ["overfit 10 examples first"],
        None,
    ),
    "BD503__likely-loss-went-up": (
        ["the loss goes up during training ('loss went up')"],
        ["clip_grad_norm_"],
        None,
    ),
    "BD510__likely-predicts-o-for-every-token": (
        ["the tagger predicts no entity ('NER model predicts O for every token')"],
        ["seqeval"],
        None,
    ),
    "BD509__likely-vram-grows-each-step": (
        ["GPU memory grows step after step ('VRAM usage grows')"],
        ["loss.item()"],
        None,
    ),
    "BD504__likely-weights-stay-the-same": (
        ["('weights stay the same')"],
        ["named_parameters()"],
        None,
    ),
    # whole-change review: a file named with "./" is still a file, not the model's folder
    "BD301__likely-from-pretrained-dot-slash-config-json": (
        ["'./config.json' names a file", "the model's folder or its Hub id ('.')"],
        ["bertdoctor check-model"],
        "train.py:10",
    ),
    # round 70
    "BD411__different-gpus-dataparallel": (
        ["two GPUs under nn.DataParallel", "plain attribute"],
        ["register_buffer"],
        "/home/u/ner/model.py:41",
    ),
    "BD413__backticked-forward-labels": (
        ["BertModel.forward() does not take the keyword 'labels'"],
        ["num_labels"],
        None,
    ),
    "BD414__tuple-no-attribute-unquoted-loss-line": (
        ["a tuple went where a tensor", "no attribute log_softmax"],
        ["outputs[0]"],
        None,
    ),
    "BD504__likely-clip-grad-norm-no-gradients": (
        ["clip_grad_norm_ found no parameter with a gradient", "before loss.backward()"],
        ["between loss.backward() and optimizer.step()"],
        "train.py:61",
    ),
    "BD509__likely-resource-exhausted-named": (
        ["'ResourceExhaustedError'"],
        ["gradient accumulation"],
        None,
    ),
    "BD306__base-checkpoint-strict-load": (
        ["pre-trained base model, not a fine-tuned one", "cls.predictions"],
        ["num_labels=N", "strict=False", "classifier.weight"],
        "predict.py:23",
    ),
    # review of round 70
    "BD411__different-gpus-split-by-hand": (
        ["tensors on different devices"],
        ["batch.items()"],
        "train.py:52",
    ),
    "BD306__base-checkpoint-position-ids-left-over": (
        ["pre-trained base model, not a fine-tuned one"],
        ["strict=False"],
        "predict.py:23",
    ),
    "BD509__likely-resource-exhausted-qualified-name": (
        ["'tf.errors.ResourceExhaustedError'"],
        ["gradient accumulation"],
        None,
    ),
    "BD509__likely-got-an-error-of-oom": (
        ["'got an error of OOM'"],
        ["gradient accumulation"],
        None,
    ),
    "BD504__likely-ddp-unused-producing-a-loss-wrapped": (
        ["were not used in producing a loss"],
        ["find_unused_parameters=True"],
        None,
    ),
    "BD303__likely-chinese-wwm-unzipped-config": (
        ["no config.json in '../chinese_wwm_ext'", "from ymcui/Chinese-BERT-wwm and unpacked"],
        ["rename bert_config.json to config.json", "bertdoctor check-model ../chinese_wwm_ext"],
        None,
    ),
    "BD510__likely-predicted-results-all-o": (
        ['predicted results are all "O"'],
        ["entity-level F1 (seqeval)"],
        None,
    ),
    "BD510__likely-weibo-ner-f1-zero-zh": (
        ["'f1均为0'"],
        ["entity-level F1 (seqeval)"],
        None,
    ),
    "BD414__likely-printed-str-logits": (
        ["type str, value 'logits'"],
        ["out.logits", "return_dict=False"],
        None,
    ),
    "BD504__likely-keras-none-gradient": (
        ["`An operation has `None` for gradient`", "no gradient path to the loss"],
        ["layer.trainable = False"],
        None,
    ),
    "BD316__likely-pretrained-not-loaded-zh": (
        ["'没有加载预训练的模型'", "encoder at its random initial values"],
        ["from_pretrained(MODEL_DIR)"],
        None,
    ),
    "BD316__likely-pretrained-weights-not-loaded": (
        ["'pretrained weights were not loaded'"],
        ["load report lists no encoder weight as missing"],
        None,
    ),
    "BD205__likely-mnli-accuracy-below-chance": (
        ["NLI accuracy of 7%", "permutation of the data's"],
        ["config.id2label"],
        None,
    ),
    "BD205__likely-mnli-eval-results-json": (
        ["NLI accuracy of 0.06622516556291391"],
        ["config.id2label"],
        None,
    ),
    "BD109__vllm-bfloat16-compute-capability": (
        ["the Tesla T4, compute capability 7.5"],
        ["--dtype=half"],
        None,
    ),
    "BD109__autocast-device-no-bfloat16": (
        ["Current CUDA Device does not support bfloat16"],
        ["train in fp16 instead"],
        "train.py:81",
    ),
    "BD109__ptxas-bf16-needs-sm80": (
        ["requires .target sm_80 or higher"],
        ["train in fp16 instead"],
        None,
    ),
    "BD101__likely-conda-cudatoolkit-cpu-build": (
        ["'is_available=**False'", "_cpu_0"],
        ["conda list pytorch"],
        None,
    ),
    "BD104__likely-docker-could-not-see-gpu": (
        ["'could not see my GPU'", "--gpus all"],
        ["docker run --gpus all"],
        None,
    ),
    "BD101__likely-collect-env-could-not-collect": (
        ["CUDA used to build PyTorch: Could not collect", "NVIDIA GeForce RTX 3060"],
        ["download.pytorch.org/whl/cu126"],
        None,
    ),
    "BD117__tf-blas-sgemm-turing-cuda9": (
        ["Blas GEMM launch failed"],
        ["use a TensorFlow whose CUDA supports the GPU"],
        None,
    ),
    "BD201__paddle-label-value-axis": (
        ["label id 9 reached a loss over 7 classes, whose valid ids are 0..6"],
        ["build the output layer with len(label_list) classes"],
        "train.py:88",
    ),
    "BD301__named-config-json-not-found": (
        ["the file 'configs/bert_config_small.json' does not exist from the working directory"],
        ["Path(__file__).resolve().parent / 'configs/bert_config_small.json'"],
        "convert_tf_to_pytorch.py:14",
    ),
    "BD109__likely-bf16-slow-on-v100": (
        ["(Tesla V100)", "`but each epoch is about 3x slower than the same run with fp16=True.`"],
        ["train in fp16 on this GPU"],
        None,
    ),
    "BD206__likely-roberta-token-types-cut": (
        ["went into RobertaModel, a model with type_vocab_size=1"],
        ["drop token_type_ids for this model"],
        "<stdin>:1",
    ),
    "BD413__likely-offsets-mapping-to-model": (
        ["return_offsets_mapping=True and given to the model whole (`model(**enc)`)"],
        ["offsets = encodings.pop('offset_mapping')"],
        None,
    ),
    "BD611__likely-varying-outputs-for-same-input": (
        ["'different outputs even for the same input'", "dropout (p=0.1 in BERT)"],
        ["call model.eval() before predicting"],
        None,
    ),
    "BD611__likely-varying-outputs-zh": (
        ["相同的输入，每次输出的结果都是不一样"],
        ["model.eval()"],
        None,
    ),
    "BD611__likely-same-model-two-predictions-zh": (
        ["同一个模型两次预测结果不一致"],
        ["torch.no_grad()"],
        None,
    ),
    "BD302__likely-merges-file-empty": (
        ["'merges.txt file is empty'", "single characters"],
        ["download the tokenizer files again"],
        None,
    ),
    "BD302__vocab-missing-zh-hub": (["缺失vocab.txt"], ["tokenizer.save_pretrained"], None),
    "BD213__likely-majority-class-imbalanced": (
        ["'predicting everything as the majority class'", "imbalanced classes"],
        ["CrossEntropyLoss(weight=...)", "macro F1"],
        None,
    ),
    "BD208__likely-bottom-half-not-predicted": (
        ["'bottom half is not predicted'", "512 positions"],
        ["return_overflowing_tokens=True"],
        None,
    ),
    "BD509__likely-memory-overflow-zh-grad-acc": (
        ["内存溢出"],
        ["smaller batch size", "gradient checkpointing"],
        None,
    ),
    "BD201__paddle-label-out-of-bound": (
        ["('label should not out of bound')", "label 5 is not below"],
        ["set num_classes (num_labels)"],
        "/home/aistudio/work/train.py:88",
    ),
    "BD202__paddle-label-out-of-bound-negative": (["label id -1"], ["label2id"], None),
    "BD304__paddle-not-a-url-weights": (
        ["./models/ernie-1.0", "model_state.pdparams", "not a url"],
        ["save_pretrained"],
        "train.py:21",
    ),
    "BD303__paddle-not-a-url-config": (
        ["/home/aistudio/bak/10", "model_config.json"],
        ["bertdoctor check-model /home/aistudio/bak/10"],
        None,
    ),
    "BD209__ret-tokens-labels-length": (
        ["`the length of ret_tokens can't match with labels`", "one label per character"],
        ["one label per character"],
        "/home/me/ERNIE/finetune/sequence_label.py:220",
    ),
    "BD505__likely-lr-always-zero-zh": (
        ["learning_rate一直等于0.00000"],
        ["optimizer steps"],
        None,
    ),
    "BD102__paddle-cuda-error-35": (
        ["paddlepaddle-gpu", "cudaGetDeviceCount failed with CUDA error 35"],
        ["update the NVIDIA driver", "paddlepaddle.org.cn"],
        "run_ernie_classifier.py:154",
    ),
    "BD208__likely-max-seq-length-1024-zh": (["max_seq_length为1024时"], ["max_length=512"], None),
    "BD208__likely-max-length-no-effect-zh": (
        ["max_length似乎没有作用", "truncation=True"],
        ["truncation=True and max_length=512"],
        None,
    ),
    "BD211__likely-unk-single-token-output": (
        ["'outputs a single [UNK] token'"],
        ["a model whose vocabulary covers the language"],
        None,
    ),
    "BD211__likely-unk-punctuation-cased-model": (
        ["is the index of '[UNK]'", "its vocabulary does not cover the text"],
        ["a model whose vocabulary covers the language"],
        None,
    ),
    "BD414__likely-pooled-output-str-type-ko": (
        ["pooled_output이 torch.size가 아닌 str 타입"],
        ["out.pooler_output"],
        None,
    ),
    "BD208__likely-truncate-sentences-too-short": (
        ["'truncate sentences too short'"],
        ["return_overflowing_tokens=True"],
        None,
    ),
    "BD208__likely-stuck-with-512-tokens": (
        ["stuck with the bert tokenisation of 512"],
        ["truncation=True, max_length=512"],
        None,
    ),
    "BD313__likely-pip-install-needed-prose": (
        ["needs to be installed with `pip install regex", "uses regex"],
        ["python -m pip install"],
        None,
    ),
    "BD107__likely-bert-serving-no-free-gpu": (
        ["only 0 GPU(s) is available, but ask for 4", "90%"],
        ["nvidia-smi"],
        None,
    ),
    "BD304__likely-weights-missing-zh-far": (
        ["pytorch_model.bin 这个文件项目里面找不到"],
        ["download the model's weights"],
        None,
    ),
    "BD222__likely-collate-shapes-differ-zh": (
        ["每个样本的shape不相同", "not padded to one length"],
        ["pad every example to max_seq_len"],
        None,
    ),
    "BD509__gpu-memory-fills-then-crashes-zh": (["显存会迅速拉满"], ["smaller batch size"], None),
    "BD306__paddle-skip-loading-head-shape": (
        ["tag_classifier.weight has 369 labels", "built with 37", "[768, 369]"],
        ["ignore_mismatched_sizes=True"],
        "./ner/ernie-ctm/train.py:104",
    ),
    "BD308__likely-connection-reset-hub-id": (
        ["ConnectionResetError(10054", "loads LTP/base2 from the Hub"],
        ["bertdoctor check-model LTP/base2"],
        None,
    ),
    "BD211__likely-hitting-too-many-unk": (
        ["'hitting way too many UNK'"],
        ["a model whose vocabulary covers the language"],
        None,
    ),
    "BD208__likely-no-predefined-max-length-long-encoding": (
        ["no predefined maximum length", "an encoding of 3157 tokens"],
        ["model_max_length=512"],
        None,
    ),
    "BD505__likely-lr-becomes-negative": (["'lr becomes negative'"], ["optimizer steps"], None),
    "BD306__likely-paddle-skip-loading-warning": (
        ["classifier.weight has 2 labels", "built with 3", "Paddle skipped"],
        ["the skipped head is expected"],
        None,
    ),
    "BD208__likely-max-length-no-effect-padding-call": (
        ["'max_length has no effect'"],
        ["truncation=True and max_length=512"],
        None,
    ),
    "BD201__paddle-cuda-label-assert-values": (
        ["label id 4", "over 4 classes", "0..3"],
        ["len(label_list) classes", "bertdoctor check-data"],
        "train.py:88",
    ),
    "BD202__paddle-cuda-label-assert-negative": (
        ["label id -1"],
        ["pad with -100", "bertdoctor check-data"],
        None,
    ),
    "BD106__likely-version-pair-prose": (
        ["transformers 4.57.0 does not work with torch 2.1.2"],
        ["install a matching pair", "made for torch 2.1.2", "bertdoctor check-env"],
        None,
    ),
    "BD106__likely-version-pair-prose-torch-first": (
        ["transformers 4.46 does not work with torch 1.13"],
        ["the torch range transformers 4.46 supports", "bertdoctor check-env"],
        None,
    ),
    "BD117__likely-cuda-error-one-model-prose": (
        ["names a CUDA error ('CUDA error')", "while the same code runs with others"],
        ["CUDA_LAUNCH_BLOCKING=1", "type_vocab_size", "bertdoctor check-model"],
        None,
    ),
    "BD117__likely-cuda-error-one-model-prose-zh": (
        ["names a CUDA error ('CUDA错误')", "type_vocab_size 1"],
        ["CUDA_VISIBLE_DEVICES", "bertdoctor check-model"],
        None,
    ),
    "BD412__inplace-short-form-prose": (
        ["under DistributedDataParallel", "position_ids and token_type_ids as buffers"],
        ["broadcast_buffers=False", "DistributedDataParallelKwargs", "bertdoctor check-script"],
        None,
    ),
    "BD412__inplace-fgm-under-ddp": (
        ["changed in place afterwards", "adversarial step"],
        ["out-of-place form", "bertdoctor check-script"],
        "train.py:210",
    ),
    "BD611__likely-second-time-other-result": (
        ["'ran for the second time I got the result'", "still in train mode"],
        ["model.eval()", "bertdoctor check-script"],
        None,
    ),
    "BD205__likely-auc-classes-columns": (
        ["one column per output of the model", "a class is missing from the evaluation split"],
        ["num_labels equal to the data's number of classes", "probs[:, 1]"],
        "run_finetune.py:412",
    ),
    "BD213__auc-one-class-near-columns": (
        ["ROC AUC needs both classes"],
        ["stratify=labels"],
        "train.py:88",
    ),
    "BD301__likely-hardcoded-path-prose": (
        ["absolute path '/u/scr/alice/scibert_scivocab_uncased/vocab.txt'", "author's machine"],
        ["Hub id of the same model", "bertdoctor check-model"],
        None,
    ),
    "BD301__likely-hardcoded-path-prose-windows": (
        ["the code loads from the absolute path"],
        ["passed as an argument", "bertdoctor check-model"],
        None,
    ),
    "BD505__likely-lr-quoted-always-zero": (
        ["('lr` is always 0')", "sized in epochs or batches"],
        ["size the schedule in optimizer steps", "bertdoctor check-script"],
        None,
    ),
    "BD510__casrel-predict-num-zero": (
        ["predicts no entity ('predict_num: 0 gold_num: 1254')"],
        ["train longer", "bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD510__likely-predictions-all-empty-zh": (
        ["predicts no entity ('预测也全为空')"],
        ["entity-level F1"],
        None,
    ),
    "BD509__likely-batch-size-1-to-avoid-oom": (
        ["the GPU ran out of memory", "BATCH_SIZE to 1 so I don't run out of memory"],
        ["gradient accumulation", "gradient checkpointing", "bertdoctor check-env"],
        None,
    ),
    "BD302__likely-checkpoint-files-listed": (
        ["the files listed for checkpoint-10000", "no tokenizer file"],
        ["--tokenizer_name", "tokenizer.save_pretrained(CHECKPOINT_DIR)", "bertdoctor check-model"],
        None,
    ),
    "BD302__likely-checkpoint-files-listed-safetensors": (
        ["the files listed for checkpoint-1500"],
        ["AutoTokenizer.from_pretrained(BASE_MODEL)"],
        None,
    ),
    "BD313__likely-installed-package-partially-initialized": (
        ["the installed paddlenlp's __init__", "a dependency that is not installed"],
        ['python -c "import paddlenlp"', "pip install -U paddlenlp", "bertdoctor check-imports"],
        None,
    ),
    "BD313__likely-installed-package-partially-initialized-windows": (
        ["the installed transformers's __init__"],
        ["pip install -U transformers"],
        None,
    ),
    "BD316__likely-albert-into-bert-prose": (
        ["ALBERT's weights, run through BERT's code, do not fit", "[vocab, 128]"],
        ["AlbertModel", "bertdoctor check-model"],
        None,
    ),
    "BD316__likely-albert-into-bert-prose-zh": (
        ["ALBERT is another architecture"],
        ["AlbertForSequenceClassification with BertTokenizer"],
        None,
    ),
    "BD205__likely-auc-classes-columns-line": (
        ["one column per output of the model"],
        ["pass labels=range(num_labels)"],
        None,
    ),
    "BD501__nan-prose-with-no-nan-in-data": (
        ["'loss becomes `nan` after about 300 steps'"],
        ["bertdoctor check-run OUTPUT_DIR"],
        None,
    ),
    "BD412__inplace-ddp-not-embedding": (
        ["changed in place afterwards"],
        ["out-of-place form"],
        None,
    ),
    "BD106__likely-version-pair-prose-isnt-pytorch": (
        ["transformers 4.2.0 does not work with torch 2.5.1"],
        ["install a matching pair", "bertdoctor check-env"],
        None,
    ),
    "BD505__likely-lr-single-quoted-always-zero": (
        ['("lr\' is always 0")'],
        ["size the schedule in optimizer steps"],
        None,
    ),
    "BD405__bce-target-size-inside-model": (
        ["BCEWithLogitsLoss, a", "([8] labels for [8, 3] logits)", "multi_label_classification"],
        [
            'problem_type="single_label_classification"',
            "bertdoctor check-loss --logits 8,3 --labels 8 --loss hf --problem-type "
            "multi_label_classification",
        ],
        "/home/u/cls/train.py:77",
    ),
    "BD401__bce-target-size-inside-model-multilabel-meant": (
        ["one label per example ([8])", "row of 3 0/1 floats"],
        ["float labels of shape [8, 3]"],
        "/home/u/cls/train.py:77",
    ),
    "BD203__paddle-cuda-label-assert-minus-100-ignore-minus-1": (
        ["label id -100", "ignore index is -1", "skips only -1"],
        ["pad the labels with -1", "ignore_index=-100", "bertdoctor check-data"],
        "run_ner.py:142",
    ),
    "BD202__paddle-cuda-label-assert-minus-2-ignore-minus-1": (
        ["label id -2", "other than the ignore index -1", "ids shifted below 0"],
        ["pad with -1", "bertdoctor check-data"],
        None,
    ),
    "BD117__paddle-cuda-launch-failure-without-label-values": (
        ["unspecified launch failure"],
        ["run one step on the CPU"],
        None,
    ),
    "BD101__paddle-not-compiled-with-cuda": (
        ["paddlepaddle is a CPU-only build", "`Not compiled with CUDA`", "RTX 3060"],
        ["paddlepaddle-gpu", "paddle.utils.run_check()", "bertdoctor check-env"],
        None,
    ),
    "BD101__likely-paddle-not-compiled-with-cuda-no-gpu-named": (
        ["paddlepaddle is a CPU-only build"],
        ["paddlepaddle-gpu", "bertdoctor check-env"],
        None,
    ),
    "BD402__paddle-labels-int32-for-cross-entropy": (
        ["it holds int, but desires to be int64_t", "int32 on Windows"],
        ["dtype='int64'", "bertdoctor check-loss"],
        "D:\\lic2021\\loss.py:31",
    ),
    "BD402__likely-paddle-wrong-type-labels-named": (
        ["it holds float", "these are float."],
        ["dtype='int64'"],
        None,
    ),
    "BD217__likely-unpack-own-dataset-no-code": (
        ["not enough values to unpack (expected 2, got 1)", "a data set of your own"],
        ["exact separator", "bertdoctor check-data"],
        None,
    ),
    "BD217__namedtuple-record-from-tsv-line-short": (
        ["`Example(*line)`", "missing 'text_a'"],
        ["split on the real separator", "bertdoctor check-data"],
        "/home/u/ERNIE/reader/task_reader.py:268",
    ),
    "BD217__likely-namedtuple-record-short-outside-a-reader": (
        ["`Record(*fields)`", "missing 'label' and 'text'"],
        ["split on the real separator"],
        "serve.py:40",
    ),
    "BD509__likely-oom-le-in-chinese-prose": (
        ["'oom了'"],
        ["smaller batch size"],
        None,
    ),
    "BD509__likely-gpu-memory-error-title": (
        ["'GPU Memory error'"],
        ["smaller batch size"],
        None,
    ),
    "BD501__loss-nan-placeholder": (
        ["'loss=nanxxx'"],
        ["GradScaler", "bertdoctor check-run"],
        None,
    ),
    "BD201__likely-binary-worked-multiclass-fails": (
        ["'二分类时没有问题'", "num_labels"],
        ["num_labels=N", "bertdoctor check-data"],
        None,
    ),
    "BD201__likely-binary-works-fine-five-classes-error": (
        ["'Binary classification works fine'"],
        ["number the labels 0..N-1"],
        None,
    ),
    "BD503__likely-accuracy-collapses-after-learning": (
        ["reached 0.951 and then fell to 0.5", "(acc = 0.5)"],
        ["lower the learning rate", "bertdoctor check-run"],
        None,
    ),
    "BD501__accuracy-falls-with-a-nan-loss": (
        ["loss: nan"],
        ["GradScaler"],
        None,
    ),
    "BD304__hub-download-consistency-check-failed": (
        ["model.safetensors stopped early", "440,449,768 bytes", "4,122,356 arrived"],
        ["force_download=True", "bertdoctor check-model"],
        None,
    ),
    "BD208__likely-error-once-texts-get-too-long": (
        ["'strings get too long'", "512"],
        ["truncation=True, max_length=512", "bertdoctor check-data"],
        None,
    ),
    "BD509__texts-too-long-for-the-gpu-memory": (
        ["tried to allocate 2.00 GiB"],
        ["smaller batch size"],
        None,
    ),
    "BD414__likely-output-format-changed-tuple-unpack": (
        ["'输出格式改变'", "`_, x = self.bert(...)`", "ModelOutput"],
        ["out.last_hidden_state", "return_dict=False", "bertdoctor check-script"],
        None,
    ),
    "BD103__tei-runtime-compute-cap": (
        ["compute capability 8.0 (sm_80)", "7.5 (sm_75)"],
        ["CUDA_COMPUTE_CAP=75", "turing-", "bertdoctor check-env"],
        None,
    ),
    "BD208__tei-inputs-over-max-tokens": (
        ["785 tokens", "at most 512"],
        ['"truncate": true', "at most 512 tokens"],
        None,
    ),
    "BD208__onnx-position-broadcast-status-wrapped": (
        ["833 tokens", "833 > 512"],
        ["truncation=True, max_length=512", "bertdoctor check-data"],
        None,
    ),
    "BD402__paddle2-retrieve-int64-container-int32": (
        ["(int32) currently contained in the container", "int32 on Windows"],
        ["dtype='int64'", "bertdoctor check-loss"],
        "D:\\lic\\loss.py:31",
    ),
    "BD101__likely-paddle2-device-gpu-not-compiled": (
        ["`since PaddlePaddle is not compiled with CUDA`"],
        ["paddlepaddle-gpu", "bertdoctor check-env"],
        None,
    ),
    "BD208__tgi-input-length": (
        ["3121 tokens", "text-generation-inference", "at most 1024"],
        ["truncate=1024", "--max-input-length", "bertdoctor check-data"],
        None,
    ),
    "BD103__tei-compute-cap-volta": (
        ["compute capability 8.0 (sm_80)", "7.0 (sm_70)", "start at Turing"],
        ["CPU image", "bertdoctor check-env"],
        None,
    ),
    "BD304__hub-download-larger-than-listed": (
        ["larger than the Hub lists", "440,449,768 bytes for 4,122,356", ".incomplete"],
        ["~/.cache/huggingface/hub", "bertdoctor check-model"],
        None,
    ),
    "BD201__likely-two-labels-work-five-fail": (
        ["'With two labels it works fine'"],
        ["num_labels=N", "bertdoctor check-data"],
        None,
    ),
    "BD503__likely-keras-val-accuracy-collapses": (
        ["reached 0.93 and then fell to 0.5", "(val_accuracy: 0.50)"],
        ["lower the learning rate", "bertdoctor check-run"],
        None,
    ),
    "BD217__init-record-from-star-line": (
        ["`InputExample(*line)`", "missing 'label'"],
        ["split on the real separator", "bertdoctor check-data"],
        "run.py:40",
    ),
    "BD414__likely-output-format-of-bertmodel-changed": (
        ["'output format of BertModel changed'", "`_, pooled = self.bert(...)`"],
        ["out.pooler_output", "bertdoctor check-script"],
        None,
    ),
    "BD201__paddle-fluid-cross-entropy-label-value": (
        ["label id 7", "over 2 classes"],
        ["len(label_list) classes", "bertdoctor check-data"],
        None,
    ),
    "BD208__likely-llama-embed-input-too-large-bge": (
        ["512 positions", "'bge-large-zh'"],
        ["at most 512 tokens", "--ubatch-size", "bertdoctor check-data"],
        None,
    ),
    "BD204__likely-nan-loss-sequence-not-masked": (
        ["'the whole training sequence is not masked'", "0/0 is NaN"],
        ["labels are all -100", "bertdoctor check-data"],
        None,
    ),
    "BD501__nan-loss-mask-prob-high": (
        ["'loss becomes nan and stays nan'"],
        ["learning rate near 2e-5", "bertdoctor check-run"],
        None,
    ),
    "BD104__no-cuda-gpus-config-gpu-true": (
        ["(No CUDA GPUs are available)", "CUDA_VISIBLE_DEVICES"],
        ["nvidia-smi", "bertdoctor check-env"],
        "/home/me/tagger/models/classifiers.py:130",
    ),
    "BD106__likely-title-torch-below-26-vulnerability": (
        ["'PyTorch <2.6.0 有重大漏洞'", "older than 2.6"],
        ["torch>=2.6", "bertdoctor check-env"],
        "/content/app/tts.py:459",
    ),
    "BD106__torch-no-attribute-compiler-transformers": (
        ["transformers uses torch.compiler", "from 2.1 on", "transformers release"],
        ["torch>=2.1", "pin transformers", "bertdoctor check-env"],
        "/home/me/run.py:1",
    ),
    "BD106__likely-torch-no-attribute-float8-other-library": (
        ["quantlib uses torch.float8_e4m3fn", "from 2.1 on", "quantlib release"],
        ["torch>=2.1", "pin quantlib", "bertdoctor check-env"],
        "/home/me/train.py:4",
    ),
    "BD313__likely-pip-installed-still-no-module-zh": (
        ["module wordsegment", "pip installing it"],
        ["python -m pip install wordsegment", "bertdoctor check-imports"],
        "P:\\GPT-SoVITS\\GPT_SoVITS\\text\\english.py:4",
    ),
    "BD311__likely-no-module-unknown-name-no-pip": (
        ["no module named 'wordsegment'"],
        ["PYTHONPATH", "bertdoctor check-imports"],
        "P:\\GPT-SoVITS\\GPT_SoVITS\\text\\english.py:4",
    ),
    "BD414__likely-stack-got-str-bert-embedding": (
        ["`batch_embedding = torch.stack(batch_embedding)` got a str", "key names"],
        ["return_dict=False", "bertdoctor check-script example.py"],
        "example.py:23",
    ),
    "BD307__likely-keras-topology-message-quoted-source": (
        ["TensorFlow checkpoint", "only by topology"],
        ["convert_bert_original_tf_checkpoint_to_pytorch", "bertdoctor check-model"],
        None,
    ),
    "BD208__fairseq-tokens-exceed-max-length": (
        ["fairseq's RoBERTa takes at most 512 tokens", "got 774", "774 > 512"],
        ["tokens[: 512 - 1]", "bertdoctor check-data"],
        "predict.py:12",
    ),
    "BD505__likely-lr-came-to-zero-after-epochs": (
        ["'After 5 epochs of training, the learning rate came to 0'"],
        ["num_training_steps", "bertdoctor check-run"],
        None,
    ),
    "BD101__likely-jetson-not-able-to-detect-cuda": (
        ["'not able to detect CUDA'", "NVIDIA Jetson: the torch", "CPU-only builds"],
        ["JetPack", "l4t-pytorch", "bertdoctor check-env"],
        None,
    ),
    "BD106__likely-safetensors-torch-uint64-old-torch": (
        ["safetensors uses torch.uint64", "from 2.3 on"],
        ["torch>=2.3", "pin safetensors", "bertdoctor check-env"],
        "/home/me/train.py:3",
    ),
    "BD104__jetson-no-cuda-gpus-cuda-build": (
        ["(No CUDA GPUs are available)", "CUDA_VISIBLE_DEVICES"],
        ["nvidia-smi", "bertdoctor check-env"],
        "/home/me/classify.py:20",
    ),
    "BD101__likely-jetson-torch-not-compiled-cuda": (
        ["'Torch not compiled with CUDA enabled'", "NVIDIA Jetson: the torch", "CPU-only"],
        ["JetPack", "-igpu", "bertdoctor check-env"],
        "/home/me/classify.py:20",
    ),
    "BD413__likely-unexpected-inputs-prose": (
        ['\'"cls_index" and "p_mask" are unexpected inputs\'', "builds cls_index and p_mask"],
        ["XLNetForQuestionAnswering", "bertdoctor check-script"],
        None,
    ),
    "BD413__likely-token-type-ids-unexpected-argument-prose": (
        ["'\"token_type_ids\" is an unexpected argument'", "does not take token_type_ids"],
        ["inspect.signature(model.forward)", "bertdoctor check-script"],
        None,
    ),
    "BD414__likely-hidden-states-only-three-prose": (
        ["'output_hidden_states=True, but only got 3 layers'", "num_hidden_layers + 1 tensors"],
        ["out.hidden_states", "bertdoctor check-script"],
        None,
    ),
    "BD313__likely-pip-install-necessary-to-dockerfile": (
        ["'pip install transformers is necessary to Dockerfile'", "does not install transformers"],
        ["RUN pip install line", "bertdoctor check-imports"],
        None,
    ),
    "BD305__likely-vocab-token-embedding-mismatch-zh": (
        ["'vocab.txt（含有30522个token），可以训练，但是结果不佳，应该是token embedding对不上'"],
        ["30k-clean.model", "bertdoctor check-model"],
        None,
    ),
    "BD413__likely-simple-head-does-not-require-cls-index": (
        ["'XLNetForQuestionAnsweringSimple does not require cls_index'", "builds cls_index"],
        ["XLNetForQuestionAnswering", "bertdoctor check-script"],
        None,
    ),
    "BD208__likely-only-part-of-results-long-text": (
        ["'only returns parts of the results if the text is too long'", "get no label"],
        ["raise max_seq_length", "bertdoctor check-data"],
        None,
    ),
    "BD208__likely-long-sentences-prediction-length-differs": (
        ["(max_seq_length = 256)", "shorter than the input"],
        ["split long texts into windows", "bertdoctor check-data"],
        None,
    ),
    "BD205__likely-neuroner-label-not-in-pretraining-dataset": (
        ["the label B-BIOID", "The label B-BIOID does not exist in the pretraining dataset"],
        ["make the label list match the data", "bertdoctor check-data"],
        "/home/me/NeuroNER/neuroner/neuromodel.py:402",
    ),
    "BD205__likely-spacy-e022-transition-label": (
        ["the label B-Overcast Sky Cover"],
        ["fix its spelling", "bertdoctor check-data"],
        "/home/me/train_ner.py:58",
    ),
    "BD305__likely-vocab-missing-a-token-prose": (
        ["'vocab for this model is missing a token'", "shifts every id"],
        ["len(tokenizer) == model.config.vocab_size", "bertdoctor check-model"],
        None,
    ),
    "BD316__likely-model-type-bert-distilbert-checkpoint": (
        ["--model_type bert", "/root/distilbert_training", "the distilbert family", "(bert.*)"],
        ["--model_type distilbert", "bertdoctor check-model /root/distilbert_training"],
        None,
    ),
    "BD208__likely-wordpieces-go-beyond-512": (
        ["'more than 512 words'"],
        ["truncation=True, max_length=512", "bertdoctor check-data"],
        None,
    ),
    "BD103__tei-compute-cap-ampere-on-turing-image": (
        ["compute capability 7.5 (sm_75)", "8.6 (sm_86)"],
        ["CUDA_COMPUTE_CAP=86", "86-X.Y", "bertdoctor check-env"],
        None,
    ),
    "BD503__likely-held-out-loss-jumps-fivefold": (
        ["'loss increased'", "exploding gradients"],
        ["clip_grad_norm_", "bertdoctor check-run"],
        None,
    ),
    "BD313__sentencepiece-unbound-local": (
        ["imports sentencepiece as spm inside a try", "not installed"],
        ["pip install sentencepiece", "bertdoctor check-imports"],
        "./pytorch_transformers/tokenization_xlnet.py:85",
    ),
    "BD313__likely-sentencepiece-name-undefined": (
        ["the name spm", "`import sentencepiece as spm`"],
        ["pip install sentencepiece", "add the import", "bertdoctor check-imports"],
        "tokenize_corpus.py:14",
    ),
    "BD509__likely-oom-happens-prose": (
        ["the GPU ran out of memory", "'OOM happens'"],
        ["bertdoctor "],
        None,
    ),
    "BD313__likely-installed-yet-missing-module": (
        ["although sacremoses was installed", "another conda or virtual environment"],
        ["python -m pip install NAME", "sys.executable", "bertdoctor check-imports"],
        None,
    ),
    "BD313__likely-installed-not-recognised-korean": (
        ["although python-mecab-ko was installed", "설치되어 있음에도"],
        ["python -m pip install NAME", "bertdoctor check-imports"],
        None,
    ),
    "BD313__likely-installed-but-no-module-chinese": (
        ["although jieba was installed", "已经安装了jieba"],
        ["python -m pip install NAME", "bertdoctor check-imports"],
        None,
    ),
    "BD208__likely-tf-gather-position-equals-index": (
        ["row 483 of a table of 300 rows", "position embedding of 300 positions"],
        ["max_length=300", "bertdoctor check-data"],
        None,
    ),
    "BD207__tf-gather-token-id-not-its-position": (
        ["index 21130", "21128 rows"],
        ["resize_token_embeddings", "bertdoctor "],
        "train_tf.py:77",
    ),
    "BD306__likely-default-id2label-ner": (
        ["two default labels", "\"{0: 'LABEL_0', 1: 'LABEL_1'}\"", "never fine-tuned"],
        ["num_labels=len(label_list)", "bertdoctor check-model"],
        None,
    ),
    "BD313__module-not-found-install-hint": (
        ["the module FlagEmbedding is not installed"],
        ["uv add, pip install", "bertdoctor check-imports"],
        None,
    ),
    "BD313__likely-had-to-install-prose": (
        ["spacy[transformers] had to be installed by hand", "requirements do not list"],
        ["add it to the project's requirements", "bertdoctor check-imports"],
        None,
    ),
    "BD305__likely-vocab-size-but-tokenizer-length-prose": (
        ["250007 entries and the config 250002"],
        ["bertdoctor check-model"],
        None,
    ),
    "BD302__vocab-missing-prose-chinese-wu": (
        ["无vocab.txt"],
        ["tokenizer.save_pretrained(output_dir)", "bertdoctor "],
        None,
    ),
    "BD221__likely-empty-tokens-assert": (
        ["`assert len(tokens_b) >= 1`", "tokens_b has no tokens"],
        ["tokenizer.tokenize(line)", "bertdoctor check-data"],
        "../pytorch-transformers/examples/lm_finetuning/pregenerate_training_data.py:244",
    ),
    "BD509__oom-prose-zh-earlier-mention": (
        ["the GPU ran out of memory", "'显存溢出'"],
        ["smaller batch size", "bertdoctor "],
        None,
    ),
    "BD313__no-module-bcembedding": (
        ["the module BCEmbedding is not installed", "pip name: BCEmbedding"],
        ["pip install BCEmbedding", "bertdoctor check-imports"],
        "rag/llm/embedding_model.py:31",
    ),
    "BD208__ollama-input-exceeds-context": (
        ["longer than its context length", "refused it rather than cut it"],
        ["split the text into chunks", "num_ctx", "bertdoctor check-data"],
        "index_repo.py:40",
    ),
    "BD312__likely-package-folder-prose": (
        ["a folder named datasets", "in place of the installed datasets"],
        ["rename the folder", "bertdoctor check-imports"],
        None,
    ),
    "BD312__likely-datasets-folder-no-version": (
        ["the module imported as datasets has no '__version__'"],
        ["print(datasets.__file__)", "bertdoctor check-imports"],
        "/content/drive/My Drive/mrc4ner/mydataset.py:5",
    ),
    "BD509__likely-oom-prose-zh-suddenly": (
        ["the GPU ran out of memory", "'会突然OOM'"],
        ["smaller batch size", "bertdoctor "],
        None,
    ),
    "BD104__likely-installed-cuda-gpu-not-found-chinese": (
        ["the GPU is not used", "is_available() 返回 False"],
        ["nvidia-smi", "bertdoctor check-env"],
        None,
    ),
    "BD206__tf-gather-token-type-position-equals-index": (
        ["the token type embedding has 2 rows"],
        ["at most two segments", "bertdoctor check-data"],
        None,
    ),
    "BD313__sentencepiece-unbound-local-py311": (
        ["imports sentencepiece as spm inside a try"],
        ["pip install sentencepiece", "bertdoctor check-imports"],
        "/home/me/xlnet_qa/tokenization_xlnet.py:85",
    ),
    "BD313__likely-had-to-install-no-subject": (
        ["sentencepiece had to be installed by hand", "requirements do not list"],
        ["add it to the project's requirements", "bertdoctor check-imports"],
        None,
    ),
    "BD106__likely-torch-attr-no-frame-model-loader": (
        ["the library that loads the model uses torch.get_default_device", "from 2.3 on"],
        ["torch>=2.3", "bertdoctor check-env"],
        None,
    ),
    "BD106__likely-torch-pytree-old-torch-transformers": (
        ["no module named 'torch.utils._pytree'", "from torch 1.8 on"],
        ["upgrade torch to 1.8", "bertdoctor check-env"],
        None,
    ),
    "BD106__pytree-register-transformers-frame": (
        ["transformers uses torch.utils._pytree.register_pytree_node", "from 2.2 on"],
        ["torch>=2.2", "pin transformers", "bertdoctor check-env"],
        "<stdin>:1",
    ),
    "BD302__likely-no-tokenizer-json-prose": (
        ["the model has no tokenizer.json", "text-embeddings-inference"],
        ["save_pretrained(DIR)", "bertdoctor check-model"],
        None,
    ),
    "BD106__likely-pytree-register-diffusers-frame": (
        ["diffusers uses torch.utils._pytree.register_pytree_node", "from 2.2 on"],
        ["torch>=2.2", "pin diffusers", "bertdoctor check-env"],
        None,
    ),
    "BD302__likely-no-tokenizer-json-quoted": (
        ["the model has no tokenizer.json", "no 'tokenizer.json"],
        ["save_pretrained(DIR)", "bertdoctor check-model"],
        None,
    ),
    "BD611__likely-predict-each-time-result-changes-zh": (
        ["每次的结果都会变", "dropout"],
        ["model.eval()", "bertdoctor check-script"],
        None,
    ),
    "BD209__likely-word-token-mismatch-zh": (
        ["词和token之间对应不上"],
        ["word_ids()", "bertdoctor check-data"],
        None,
    ),
    "BD208__likely-sentence-too-long-exception": (
        ["'sentence is too long'", "512"],
        ["truncation=True", "bertdoctor check-data"],
        None,
    ),
    "BD208__layoutlmv2-index-out-of-range-long-sequence": (
        ["676 > 512"],
        ["truncation=True", "bertdoctor check-data"],
        "train.py:137",
    ),
    "BD316__likely-newly-initialized-word-embeddings-and-position-ids": (
        ["roberta.embeddings.word_embeddings.weight"],
        ["bertdoctor check-model ./my-roberta"],
        None,
    ),
    "BD208__likely-no-predefined-max-length-then-traceback": (
        ["knows no maximum length", "a traceback follows it"],
        ["max_length=512", "bertdoctor check-data"],
        "train_pos.py:64",
    ),
}
