"""BD2xx: the data and its labels, as read from files or as encoded tensors."""

from . import rule

rule(
    "BD201",
    "label-id-out-of-range",
    "A label id is not below the model's num_labels",
    "error",
    """
    ## What it does
    Finds label ids >= num_labels: integer tags or labels in the files, ids in encoded `labels`
    tensors, and string labels that map to no id of the model's `id2label`. The number of labels
    comes from `--model` (config.json), `--num-labels` or `--labels`.

    ## Why is this bad?
    Cross-entropy indexes the logits with the label id. On the GPU an id >= num_labels does not
    raise a Python error: it triggers `CUDA error: device-side assert triggered` at some later
    line, and every CUDA call after it fails. On the CPU it is
    `IndexError: Target 9 is out of bounds`. Usually a label was added to the data but not to
    the model's config, or ids were built from a different label list.

    ## Example
    ```python
    # the data uses 13 tags, the model was built for 9
    model = BertForTokenClassification.from_pretrained("bert-base-cased", num_labels=9)
    ```

    Use instead:
    Build the label list from the training data and pass it to the model:
    ```python
    labels = sorted({t for ex in train for t in ex["tags"]})
    model = BertForTokenClassification.from_pretrained(
        "bert-base-cased", num_labels=len(labels),
        id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})
    ```
    """,
)

rule(
    "BD202",
    "negative-label-id",
    "A negative label id other than the ignore index",
    "error",
    """
    ## What it does
    Finds label ids below zero that are not the ignore index -100, such as -1 used for
    "negative" or "no label" in a classification file.

    ## Why is this bad?
    Only -100 (`ignore_index` of `CrossEntropyLoss`) is skipped by the loss. Any other negative
    id indexes the logits out of range: `IndexError: Target -1 is out of bounds` on the CPU,
    `device-side assert triggered` on the GPU. A -1 meant as "negative class" of a binary task
    must become 0.

    ## Example
    ```
    text,label
    great phone,1
    broke after a day,-1
    ```

    Use instead:
    Map the labels onto 0..num_labels-1 (here -1 -> 0), or use -100 for positions the loss
    should skip:
    ```python
    df["label"] = df["label"].map({-1: 0, 1: 1})
    ```
    """,
)

rule(
    "BD203",
    "ignore-index-not-allowed",
    "The ignore index -100 is used where it breaks",
    "error",
    """
    ## What it does
    Finds -100 labels where nothing ignores them: in data for a CRF head (`--crf`), and in
    sentence-classification labels, where every example needs a real class.

    ## Why is this bad?
    `torchcrf.CRF` and similar layers index their transition matrix with every tag, so -100 on
    padding or non-first word pieces gives `IndexError: index -100 is out of bounds for
    dimension 0 with size 39`. CRF layers take a `mask` instead. In sentence classification a
    -100 label silently drops the example from the loss (and crashes metrics).

    ## Example
    ```python
    labels = [-100] + word_labels + [-100]  # fine for softmax, breaks the CRF
    loss = -crf(emissions, torch.tensor([labels]))
    ```

    Use instead:
    Give the CRF a valid tag (for example 0 = "O") at those positions and mask them out:
    ```python
    mask = labels != -100
    tags = labels.masked_fill(~mask, 0)
    loss = -crf(emissions, tags, mask=mask)  # the first position of every row must be unmasked
    ```
    """,
)

rule(
    "BD204",
    "all-labels-ignored",
    "An example has no label left after alignment or truncation",
    "error",
    """
    ## What it does
    Finds examples whose labels are all the ignore index after word-piece alignment and
    truncation: a sentence whose words all vanish in the tokenizer, an encoded row with every
    label -100, or a sentence whose first words are cut off by a small `max_length`.

    ## Why is this bad?
    Cross-entropy with `reduction="mean"` divides by the number of non-ignored labels. A batch
    in which that number is zero gives `loss = nan`, and one NaN step ruins every weight. A few
    such examples make a NaN appear "at random" in the middle of an epoch.

    ## Example
    ```python
    enc = tokenizer(words, is_split_into_words=True, truncation=True, max_length=8)
    # every word piece of the kept part is a [CLS], [SEP] or a non-first piece
    ```

    Use instead:
    Drop the example, or fix its tokens, before training:
    ```python
    ds = ds.filter(lambda ex: any(l != -100 for l in ex["labels"]))
    ```
    """,
)

rule(
    "BD205",
    "label-set-mismatch",
    "The labels in the data do not match the model's labels",
    "error",
    """
    ## What it does
    Compares the label set of the data with the model's `id2label` / num_labels (count and
    names), and with `--labels`; finds labels in dev or test never seen in train, the same
    label written in different case (`B-PER` and `b-per`), and malformed tags such as the
    comma-joined multi-tag `B-person,B-location`.

    ## Why is this bad?
    A model with fewer outputs than labels crashes (BD201); one with more wastes outputs and
    hides a typo. A label only in dev or test can never be predicted. Case variants and
    multi-tags become extra classes the model learns from a handful of examples, and entity
    metrics (seqeval) count them as different types.

    ## Example
    ```
    Gurez	B-corporation,B-person,B-location
    ```

    Use instead:
    One tag per token from one label list, written the same everywhere; build `id2label` from
    that list and use the same list for every split:
    ```
    Gurez	B-location
    ```
    """,
)

rule(
    "BD206",
    "token-type-out-of-range",
    "A token type id is not below the model's type_vocab_size",
    "error",
    """
    ## What it does
    Finds token_type_ids >= `type_vocab_size` of the model (2 for BERT) in encoded data.

    ## Why is this bad?
    The token type embedding has `type_vocab_size` rows. A third segment (ids 0, 1, 2 for three
    texts, or ids copied from another model) gives `IndexError: index out of range in self` on
    the CPU and a device-side assert on the GPU.

    ## Example
    ```python
    token_type_ids = [0] * len(a) + [1] * len(b) + [2] * len(c)
    ```

    Use instead:
    BERT knows two segments: join the extra text into the second one, or let the tokenizer
    build the ids with its pair API:
    ```python
    enc = tokenizer(a, b + " " + c, truncation=True)
    ```
    """,
)

rule(
    "BD207",
    "input-id-out-of-range",
    "An input id is not below the model's vocab_size",
    "error",
    """
    ## What it does
    Finds input_ids >= the model's `vocab_size`, and a tokenizer whose vocabulary is larger
    than the model's word embeddings.

    ## Why is this bad?
    The word embedding has `vocab_size` rows: a larger id gives `IndexError: index out of range
    in self` (a device-side assert on the GPU). It happens when tokens were added to the
    tokenizer without resizing the model, or when the data was encoded with another
    tokenizer.

    ## Example
    ```python
    tokenizer.add_tokens(["<e1>", "</e1>"])
    model = BertForSequenceClassification.from_pretrained("bert-base-chinese")
    ```

    Use instead:
    Resize the embeddings after adding tokens, and encode with the model's own tokenizer:
    ```python
    tokenizer.add_tokens(["<e1>", "</e1>"])
    model.resize_token_embeddings(len(tokenizer))
    ```
    """,
)

rule(
    "BD208",
    "sequence-too-long",
    "Examples are longer than the model or max_length allows",
    "warning",
    """
    ## What it does
    Measures every example in word pieces, with [CLS] and [SEP], and reports how many are longer
    than `--max-length` or the model's `max_position_embeddings`, and how many entity labels
    truncation would drop. Longer than `max_position_embeddings` is an error; longer than
    `--max-length` is a warning, since truncation is then a choice.

    ## Why is this bad?
    Without truncation a sequence longer than `max_position_embeddings` (512) gives
    `IndexError: index out of range in self` in the position embedding. With truncation the
    tail is silently dropped: for NER its entities are never trained on or scored, and recall
    measured on the truncated data looks better than it is.

    ## Example
    ```python
    enc = tokenizer(words, is_split_into_words=True)  # no truncation, 600 word pieces
    ```

    Use instead:
    Truncate and know what is lost, or split long sentences into windows:
    ```python
    enc = tokenizer(words, is_split_into_words=True, truncation=True, max_length=256,
                    stride=32, return_overflowing_tokens=True)
    ```
    """,
)

rule(
    "BD209",
    "label-misalignment",
    "Labels do not line up with the tokens or word pieces",
    "error",
    """
    ## What it does
    Finds sentences whose tag count differs from their token count, and in encoded data labels
    that do not follow one scheme: labels on some non-first word pieces but not on others, a
    `labels` row of another length than `input_ids`, or word labels that a round trip through
    the tokenizer's `word_ids()` cannot rebuild.

    ## Why is this bad?
    Tags shifted by one word train the model on wrong targets without any error; the loss goes
    down and the F1 stays low. Labels of another length than the inputs crash with a shape
    error, or are silently cut by the collator.

    ## Example
    ```python
    enc = tokenizer(words, is_split_into_words=True)
    enc["labels"] = [label2id[t] for t in tags]  # one per word, not one per word piece
    ```

    Use instead:
    Align with `word_ids()`: the label on the first piece of each word, -100 elsewhere:
    ```python
    prev, labels = None, []
    for wid in enc.word_ids():
        labels.append(-100 if wid is None or wid == prev else label2id[tags[wid]])
        prev = wid
    ```
    """,
)

rule(
    "BD210",
    "invalid-bio-sequence",
    "Tags break the BIO scheme",
    "warning",
    """
    ## What it does
    Finds `I-X` tags that follow neither `B-X` nor `I-X` (strict IOB2), and files that mix
    tagging schemes (BIO tags together with `E-`/`S-` tags of BIOES). `bertdoctor explain`
    gives the same code when a report shows entity tags with no prefix at all (`ORG` next to
    `O`) behind an F1 of 0: seqeval finds no entity in such tags.

    ## Why is this bad?
    seqeval and most decoders treat an orphan `I-X` as the start of a new entity (IOB1) or drop
    it, so the gold entities you score against differ from the ones you meant. A CRF trained
    with transition constraints cannot produce the sequence at all. A mixed scheme splits one
    entity type into incompatible label sets.

    ## Example
    ```
    去	O
    北	I-LOC
    京	I-LOC
    ```

    Use instead:
    Start every entity with `B-`:
    ```
    去	O
    北	B-LOC
    京	I-LOC
    ```
    or convert the whole file to one scheme (IOB2 or BIOES) before training.
    """,
)

rule(
    "BD211",
    "high-unk-rate",
    "Many words become [UNK]",
    "warning",
    """
    ## What it does
    Counts the words the model's tokenizer turns into `[UNK]`, and reports the rate and the most
    common unknown characters or words when it is high (over 1% of the words).

    ## Why is this bad?
    Every `[UNK]` looks the same to the model: the text behind it is lost. A high rate means the
    tokenizer does not fit the text, for example an English uncased vocabulary on Chinese, or a
    Chinese vocabulary on emoji-heavy text. Training still runs, and the model learns little.

    ## Example
    ```
    bertdoctor check-data weibo.train --model ./bert-base-uncased
    ```

    Use instead:
    Pick a model whose vocabulary covers the language (`bert-base-chinese` for Chinese,
    `bert-base-multilingual-cased` for mixed text), or normalise the rare characters (emoji,
    private-use symbols) before tokenizing.
    """,
)

rule(
    "BD212",
    "casing-mismatch",
    "The text's casing does not fit the tokenizer",
    "warning",
    """
    ## What it does
    Finds cased text with entity labels on capitalised words given to an uncased tokenizer (case
    carries the entities and is thrown away), and the reverse: all lower-case text given to a
    cased tokenizer.

    ## Why is this bad?
    With an uncased tokenizer "Apple" and "apple" are the same input, so a cue the NER labels
    depend on is removed. A cased tokenizer on lower-cased text sees word pieces it rarely saw
    in pre-training, which costs accuracy and raises the [UNK] rate.

    ## Example
    ```
    bertdoctor check-data conll_en.train --model ./bert-base-uncased
    ```

    Use instead:
    Use a cased model for cased NER text (`bert-base-cased`), or an uncased model for
    lower-cased text; keep `do_lower_case` in tokenizer_config.json matching the model.
    """,
)

rule(
    "BD213",
    "class-imbalance",
    "A class is rare or missing in a split",
    "warning",
    """
    ## What it does
    Reports classes with less than 1% of the labels of a split (for NER counted per entity,
    from the `B-` tags, and only for labels of at least 10 examples in total), and classes that
    occur in train but are absent from a dev or test split.

    ## Why is this bad?
    A class the model sees a few times is rarely predicted; accuracy stays high while its F1 is
    zero. A class absent from dev gives a recall of 0/0, which most metrics silently drop, so
    the model is never evaluated on it.

    ## Example
    ```
    B-GPE.NOM       8   0.3%
    ```

    Use instead:
    Collect more examples of the class, merge it into a related one, weight the loss
    (`CrossEntropyLoss(weight=...)`), or sample by class; make sure every class is in every
    split (a stratified split).
    """,
)

rule(
    "BD214",
    "duplicate-examples",
    "The same text appears more than once",
    "warning",
    """
    ## What it does
    Finds texts that occur more than once within a split, texts shared between splits
    (leakage: train and test overlap), and the same text with conflicting labels. Conflicting
    labels on 1% of a file or more are an error (a labelling bug); fewer are a warning (noise
    that training survives); the others are warnings.

    ## Why is this bad?
    Texts of the test split that are also in train inflate the test score: the model is tested
    on what it memorised. Duplicates within train weight some examples twice. The same text
    with two labels is label noise the model cannot fit.

    ## Example
    ```
    train.csv:104  这个地区的人就是这样,1
    train.csv:9917 这个地区的人就是这样,0
    ```

    Use instead:
    Deduplicate before splitting, then decide one label per text:
    ```python
    df = df.drop_duplicates(subset=["TEXT", "label"])
    df = df[~df.duplicated("TEXT", keep=False)]  # drop texts with conflicting labels
    ```
    """,
)

rule(
    "BD215",
    "token-vanishes",
    "A word becomes zero word pieces",
    "warning",
    """
    ## What it does
    Finds words that the model's tokenizer (or, without a model, BERT's text cleaning) turns
    into no word pieces at all: U+FE0F (variation selector), U+FFFD, zero-width characters,
    control characters, and accents alone under an uncased tokenizer.

    ## Why is this bad?
    `word_ids()` never returns such a word, so its label is silently dropped, and alignment code
    that assumes one or more pieces per word shifts every later label by one. If the word is
    part of an entity, the entity is cut.

    ## Example
    ```
    😂	O
    ️	O
    ```
    (the second token is U+FE0F alone)

    Use instead:
    Remove these tokens (and their tags) before training, or replace them with a visible
    character; align labels with `word_ids()` and never by counting pieces per word.
    """,
)

rule(
    "BD216",
    "file-encoding-problem",
    "The file is not clean UTF-8",
    "warning",
    """
    ## What it does
    Finds bytes that are not valid UTF-8 and says what they look like (GBK, UTF-16, UTF-16
    surrogate halves encoded one by one = CESU-8, Latin-1), with the line; also reports a
    byte-order mark, CRLF line ends, and texts that already hold U+FFFD (decoded with errors
    before they were saved). Undecodable bytes and UTF-16 are errors; the others are warnings.

    ## Why is this bad?
    `open(path, encoding="utf-8")` raises `UnicodeDecodeError` on the first bad byte, or, with
    `errors="ignore"`, silently drops characters and shifts character-level tags. A BOM turns
    the first header cell into `"\\ufeffTEXT"`, so a column lookup fails; CRLF leaves `\\r` on
    the last column (a tag `"O\\r"`).

    ## Example
    ```
    $ python -c "open('weiboNER.conll.train', encoding='utf-8').read()"
    UnicodeDecodeError: 'utf-8' codec can't decode byte 0xed in position 52436
    ```

    Use instead:
    Re-encode the file once to UTF-8 (for CESU-8: decode with `surrogatepass` and join the
    surrogate pairs), and read CSV with `encoding="utf-8-sig"`:
    ```python
    text = raw.decode("utf-8", "surrogatepass").encode("utf-16", "surrogatepass").decode("utf-16")
    ```
    """,
)

rule(
    "BD217",
    "malformed-record",
    "A line or record cannot be parsed",
    "error",
    """
    ## What it does
    Finds lines and records the reader cannot use: a CoNLL line with one column where the
    others have two, a JSON line that is not valid JSON or lacks the text or label field, a
    CSV row with another number of columns than the header.

    ## Why is this bad?
    Loaders either crash on them (`ValueError: not enough values to unpack`, `JSONDecodeError`,
    `pandas.errors.ParserError`) or, worse, skip them silently or merge them with the next
    record, so the training data is not what you think.

    ## Example
    ```
    {"text": "good", "label": 1}
    {"text": "bad", "label": 0,}
    ```

    Use instead:
    Fix or drop the record at the reported line; write JSON Lines with `json.dumps` and CSV with
    the `csv` module (which quotes commas and quotes inside fields).
    """,
)

rule(
    "BD218",
    "label-dtype-mismatch",
    "Labels have the wrong type for the loss",
    "error",
    """
    ## What it does
    Finds float or one-hot labels where class indices are expected (CrossEntropyLoss), mixed
    integer and string labels in one file, and non-integer float labels.

    ## Why is this bad?
    `CrossEntropyLoss` needs `long` class indices of shape `[batch]`: float labels give
    `expected scalar type Long but found Float`, one-hot rows switch it to probability targets
    (a different loss than intended), and BCEWithLogitsLoss wants the reverse (float multi-hot).
    Strings and integers mixed usually mean a header row or a stray value inside the data.

    ## Example
    ```
    {"text": "good", "label": [0.0, 1.0]}
    ```

    Use instead:
    One class index per example for single-label classification:
    ```
    {"text": "good", "label": 1}
    ```
    and for multi-label, float multi-hot vectors with
    `problem_type="multi_label_classification"`.
    """,
)

rule(
    "BD219",
    "manual-separator-in-text",
    "The text contains a literal [SEP] or [CLS]",
    "warning",
    """
    ## What it does
    Finds literal `[SEP]` or `[CLS]` strings inside text fields.

    ## Why is this bad?
    A text pair joined by hand as `"a [SEP] b"` gets a [SEP] token, but every token_type_id
    stays 0, so the model cannot tell the two texts apart as it learned in pre-training, and
    truncation may cut the second text entirely.

    ## Example
    ```python
    enc = tokenizer(q + " [SEP] " + a, truncation=True, max_length=128)
    ```

    Use instead:
    Keep the texts in two fields and use the pair API:
    ```python
    enc = tokenizer(q, a, truncation="only_second", max_length=128)
    ```
    """,
)

rule(
    "BD220",
    "padding-labeled-as-class",
    "Padding positions carry a real class",
    "error",
    """
    ## What it does
    In encoded data, finds positions with `attention_mask` 0 whose label is a real class id
    (often 0 = "O") instead of -100.

    ## Why is this bad?
    The loss counts the padding as tokens of that class: the model is trained to predict "O"
    on padding, the loss is dominated by easy positions, and token accuracy looks far better
    than it is.

    ## Example
    ```python
    labels = word_labels + [0] * (max_len - len(word_labels))  # 0 is "O"
    ```

    Use instead:
    Pad labels with -100, or let `DataCollatorForTokenClassification` pad them:
    ```python
    labels = word_labels + [-100] * (max_len - len(word_labels))
    ```
    (for a CRF, pad with a valid tag and pass the attention mask as the CRF mask)
    """,
)

rule(
    "BD221",
    "empty-example",
    "An example has no text or no tokens",
    "warning",
    """
    ## What it does
    Finds empty texts (or texts of whitespace only) and sentences with no tokens.

    ## Why is this bad?
    An empty text encodes to `[CLS] [SEP]`: the model gets a label with nothing to learn from.
    An NER sentence with no tokens has no labels at all, which gives a NaN loss when a batch
    holds only such sentences (BD204).

    ## Example
    ```
    text,label
    ,1
    ```

    Use instead:
    Drop empty examples when loading:
    ```python
    df = df[df["text"].fillna("").str.strip() != ""]
    ```
    """,
)

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
