"""check_batch: a batch against a model config; per rule a bad case, a good case, a near miss."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from markers import NEEDS_CRF

from bertdoctor import check_batch
from bertdoctor.findings import DoctorError, Severity

TOKEN = {
    "architectures": ["BertForTokenClassification"],
    "id2label": {"0": "O", "1": "B-PER", "2": "I-PER"},
    "vocab_size": 100,
    "type_vocab_size": 2,
    "max_position_embeddings": 16,
}
SEQUENCE = {
    "architectures": ["BertForSequenceClassification"],
    "num_labels": 3,
    "vocab_size": 100,
    "type_vocab_size": 2,
    "max_position_embeddings": 16,
}


def token_batch():
    ids = torch.arange(1, 17).reshape(2, 8)
    mask = torch.ones(2, 8, dtype=torch.long)
    mask[1, 6:] = 0
    labels = torch.tensor([[-100, 0, 1, 2, 0, 0, 1, -100], [-100, 1, 2, 0, 0, -100, -100, -100]])
    return {
        "input_ids": ids,
        "attention_mask": mask,
        "token_type_ids": torch.zeros_like(ids),
        "labels": labels,
    }


def seq_batch(labels):
    return {"input_ids": torch.arange(1, 17).reshape(2, 8), "labels": labels}


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def only(findings, code):
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, findings
    return hits[0]


def test_a_clean_token_batch_has_no_finding_and_is_not_modified():
    batch = token_batch()
    before = {k: v.clone() for k, v in batch.items()}
    assert check_batch(TOKEN, batch) == []
    assert all(torch.equal(before[k], batch[k]) for k in batch)


def test_bd201_bd202_label_ids_out_of_range_with_batch_positions():
    batch = token_batch()
    batch["labels"][0, 3] = 5
    batch["labels"][1, 2] = -1
    found = check_batch(TOKEN, batch)
    f201 = only(found, "BD201")
    assert f201.message == "1 label >= num_labels=3 (ids 5); example 0, position 3"
    assert f201.locations == ()
    assert "at least 6" in f201.fix
    assert only(found, "BD202").message.endswith("(ids -1); example 1, position 2")


def test_bd201_near_miss_minus_100_is_not_out_of_range():
    batch = token_batch()  # has -100 on [CLS], [SEP] and padding
    assert "BD202" not in codes(check_batch(TOKEN, batch))


def test_bd203_ignore_index_in_sentence_labels():
    f = only(check_batch(SEQUENCE, seq_batch(torch.tensor([0, -100]))), "BD203")
    assert "1 sentence label is -100; example 1" in f.message
    assert check_batch(SEQUENCE, seq_batch(torch.tensor([0, 2]))) == []


def test_bd204_all_labels_ignored():
    batch = token_batch()
    batch["labels"][1] = -100
    f = only(check_batch(TOKEN, batch), "BD204")
    assert f.message == "1 of 2 examples have every label -100 (examples 1)"
    batch["labels"][:] = -100
    f = only(check_batch(TOKEN, batch), "BD204")
    assert "the whole batch is ignored: the loss is nan" in f.message


def test_bd220_padding_labelled_as_class_and_its_near_miss():
    batch = token_batch()
    batch["labels"][1, 6:] = 0  # "O" on padding instead of -100
    f = only(check_batch(TOKEN, batch), "BD220")
    assert "2 padding positions carry a real class under attention_mask 0 (ids 0)" in f.message
    assert "example 1, position 6; example 1, position 7" in f.message
    # near miss: a real position labelled 0 under attention_mask 1 is fine
    assert check_batch(TOKEN, token_batch()) == []


def test_bd206_token_types_and_bd207_input_ids():
    batch = token_batch()
    batch["token_type_ids"][0, 4] = 2
    batch["input_ids"][1, 1] = 100
    found = check_batch(TOKEN, batch)
    assert (
        "1 value of token_type_ids outside 0..1 (type_vocab_size=2): values 2; "
        "example 0, position 4" in (only(found, "BD206").message)
    )
    assert "values 100; example 1, position 1" in only(found, "BD207").message
    # near miss: the largest valid ids
    batch = token_batch()
    batch["token_type_ids"][0, 4] = 1
    batch["input_ids"][1, 1] = 99
    assert check_batch(TOKEN, batch) == []


def test_bd208_longer_than_max_position_embeddings():
    batch = {"input_ids": torch.ones(2, 20, dtype=torch.long)}
    f = only(check_batch(TOKEN, batch), "BD208")
    assert f.severity is Severity.ERROR
    assert "sequences of 20 positions, but max_position_embeddings=16" in f.message
    assert check_batch(TOKEN, {"input_ids": torch.ones(2, 16, dtype=torch.long)}) == []


def test_bd218_float_and_one_hot_labels_where_ids_are_expected():
    found = check_batch(TOKEN, {**token_batch(), "labels": token_batch()["labels"].float()})
    assert "labels have dtype float32 (whole numbers)" in only(found, "BD218").message
    assert "BD402" not in codes(found)  # said once, as BD218
    one_hot = F.one_hot(torch.tensor([0, 2]), 3)
    f = only(check_batch(SEQUENCE, seq_batch(one_hot)), "BD218")
    assert f.fix == "`labels.argmax(-1)`"


def test_bd218_near_miss_multi_hot_floats_are_multi_label_on_purpose():
    multi_hot = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    assert check_batch(SEQUENCE, seq_batch(multi_hot)) == []


def test_bd405_float_class_ids_switch_transformers_to_multi_label():
    found = check_batch(SEQUENCE, seq_batch(torch.tensor([0.0, 2.0])))
    assert codes(found) == ["BD218", "BD401", "BD405"]
    assert "multi-label BCEWithLogitsLoss" in only(found, "BD405").message
    assert "Target size (torch.Size([2])) must be the same as input size (torch.Size([2, 3]))" in (
        only(found, "BD401").message
    )


def test_bd401_token_labels_of_another_length():
    batch = token_batch()
    batch["labels"] = batch["labels"][:, :6]
    f = only(check_batch(TOKEN, batch), "BD401")
    assert "Expected input batch_size (16) to match target batch_size (12)" in f.message


def test_bd401_mask_that_does_not_match_the_ids():
    batch = token_batch()
    batch["attention_mask"] = batch["attention_mask"][:, :7]
    f = only(check_batch(TOKEN, batch), "BD401")
    assert f.message == "attention_mask [2, 7] does not match input_ids [2, 8]"


def test_bd222_ragged_lists_and_padded_lists_and_numpy():
    found = check_batch(SEQUENCE, {"input_ids": [[1, 2, 3], [1, 2]], "labels": [0, 1]})
    assert "rows of 2 different lengths (2..3)" in only(found, "BD222").message
    assert check_batch(SEQUENCE, {"input_ids": [[1, 2, 3], [1, 2, 0]], "labels": [0, 1]}) == []
    assert check_batch(SEQUENCE, {"input_ids": np.ones((2, 4), np.int64), "labels": [1, 2]}) == []


def test_bd411_batch_on_another_device_than_the_model():
    model = torch.nn.Linear(2, 2, device="meta")  # stands in for a model moved to the GPU
    found = check_batch(model, {"input_ids": torch.ones(2, 4, dtype=torch.long)})
    f = only(found, "BD411")
    assert f.message == "tensors on 2 devices: input_ids on cpu; the model is on meta"
    assert "batch = {k: v.to(model.device)" in f.fix


def test_bd411_tensors_of_one_batch_on_two_devices():
    batch = {
        "input_ids": torch.ones(2, 4, dtype=torch.long),
        "labels": torch.ones(2, device="meta"),
    }
    f = only(check_batch(SEQUENCE, batch), "BD411")
    assert f.message == "tensors on 2 devices: input_ids on cpu, labels on meta"


def test_bd411_near_miss_everything_on_the_models_device():
    model = torch.nn.Linear(2, 2)
    assert check_batch(model, {"input_ids": torch.ones(2, 4, dtype=torch.long)}) == []


def test_config_sources_folder_file_object_and_model(tiny_cls_model, tmp_path):
    from transformers import AutoConfig, BertForSequenceClassification

    labels = torch.tensor([0, 2])  # the tiny model has 2 labels
    for source in (
        tiny_cls_model,
        str(tiny_cls_model / "config.json"),
        AutoConfig.from_pretrained(tiny_cls_model),
        json.loads((tiny_cls_model / "config.json").read_text()),
    ):
        f = only(check_batch(source, seq_batch(labels)), "BD201")
        assert "1 label >= num_labels=2 (ids 2); example 1" in f.message
    model = BertForSequenceClassification.from_pretrained(tiny_cls_model)
    assert check_batch(model, seq_batch(torch.tensor([0, 1]))) == []
    with pytest.raises(DoctorError, match="no config.json there"):
        check_batch(tmp_path, seq_batch(labels))


class BertCrf(torch.nn.Module):
    """The usual hand-written NER model: an encoder, a linear layer and pytorch-crf's CRF."""

    def __init__(self, encoder, num_tags: int):
        super().__init__()
        from torchcrf import CRF

        self.bert = encoder
        self.classifier = torch.nn.Linear(encoder.config.hidden_size, num_tags)
        self.crf = CRF(num_tags, batch_first=True)


@NEEDS_CRF
def test_custom_crf_model_minus_100_is_bd203_and_num_labels_comes_from_the_crf(tiny_ner_model):
    from transformers import BertModel

    model = BertCrf(BertModel.from_pretrained(tiny_ner_model), num_tags=3)
    batch = token_batch()
    found = check_batch(model, batch)
    f = only(found, "BD203")
    assert "6 tags are -100 and the model has a CRF" in f.message
    assert "example 0, position 0" in f.message
    assert "BD220" not in codes(found)  # a CRF masks padding; its tags there are fine
    batch["labels"][batch["labels"] == -100] = 0
    batch["labels"][0, 2] = 3  # the CRF has 3 tags, whatever the encoder's config says
    assert codes(check_batch(model, batch)) == ["BD201"]


def test_values_that_are_not_numbers_are_skipped_and_a_non_dict_is_refused():
    batch = {"input_ids": torch.ones(2, 4, dtype=torch.long), "text": ["a", "b"], "id": None}
    assert check_batch(SEQUENCE, batch) == []
    with pytest.raises(DoctorError, match="a batch is a dict of tensors, not list"):
        check_batch(SEQUENCE, [torch.ones(2, 4)])


def test_numpy_labels_of_an_unusual_integer_dtype_are_read():
    batch = token_batch()
    labels = batch["labels"].clamp(min=0)
    labels[0, 3] = 7
    batch["labels"] = labels.numpy().astype("uint16")
    assert "(ids 7); example 0, position 3" in only(check_batch(TOKEN, batch), "BD201").message
