"""BD401-BD407 through check_loss: per rule a bad case, a good case and a near miss."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from bertdoctor import check_loss
from bertdoctor.findings import DoctorError, Severity


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def only(findings, code: str):
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, findings
    return hits[0]


# -- BD401 loss-shape-mismatch --------------------------------------------------------------------


def test_bd401_bce_on_flattened_two_class_logits_names_torchs_error_and_three_fixes():
    f = only(check_loss((8,), (4,), "bce"), "BD401")
    assert f.severity is Severity.ERROR
    assert (
        "raises ValueError: Target size (torch.Size([4])) must be the same as input size "
        "(torch.Size([8]))" in f.message
    )
    assert "logits [8] float and labels [4] float" in f.message
    assert "CrossEntropyLoss()(logits, labels.long())" in f.fix
    assert "BCEWithLogitsLoss()(logits.squeeze(-1), labels.float())" in f.fix


def test_bd401_bce_two_logits_one_label_suggests_one_hot():
    f = only(check_loss((4, 2), (4,), "bce"), "BD401")
    assert "F.one_hot(labels.long(), 2).float()" in f.fix
    assert "num_labels=1" in f.fix


def test_bd401_mse_silent_broadcast_to_b_by_b():
    f = only(check_loss((4, 1), (4,), "mse"), "BD401")
    assert f.severity is Severity.ERROR
    assert "broadcasts logits [4, 1] and labels [4] to [4, 4]" in f.message
    assert f.fix == "`logits.squeeze(-1)` so both are [4]"


def test_bd401_good_shapes_give_no_finding():
    assert check_loss((4, 2), (4, 2), "bce") == []
    assert check_loss((4,), (4,), "mse") == []
    assert check_loss((4, 2), (4,), "ce") == []


def test_bd401_near_miss_transformers_regression_squeezes_both_sides():
    # [4, 1] vs [4] would broadcast in a plain MSELoss, but transformers squeezes both first
    assert check_loss((4, 1), (4,), "hf", labels_dtype="float") == []


def test_bd401_near_miss_broadcast_over_size_one_axes_is_only_a_warning():
    f = only(check_loss((4,), (1, 4), "mse"), "BD401")
    assert f.severity is Severity.WARNING
    assert "differ only in axes of size 1" in f.message


def test_bd401_one_class_cross_entropy_is_always_zero():
    f = only(check_loss((4, 1), (4,), "ce"), "BD401")
    assert "CrossEntropyLoss is 0 for every example" in f.message
    assert "BCEWithLogitsLoss()(logits.squeeze(-1), labels.float())" in f.fix


def test_bd401_bce_shapes_that_match_by_accident():
    f = only(check_loss((4, 4), (4, 4), "bce", num_labels=2), "BD401")
    assert f.severity is Severity.WARNING
    assert "not num_labels=2: the shapes match by accident" in f.message
    expanded = torch.tensor([1.0, 0.0]).expand(4, 2)
    f = only(check_loss(torch.randn(4, 2), expanded, "bce"), "BD401")
    assert "expanded view (stride (0, 1))" in f.message
    # near miss: real per-class targets of the same shape
    assert check_loss(torch.randn(4, 2), torch.rand(4, 2), "bce", num_labels=2) == []


# -- BD402 loss-dtype-mismatch --------------------------------------------------------------------


def test_bd402_float_class_ids_for_cross_entropy():
    f = only(check_loss((4, 2), (4,), "ce", labels_dtype="float", torch_version="2.13.0"), "BD402")
    assert "expected target dtype to be Long or Byte, but got Float" in f.message
    assert f.fix.startswith("`labels.long()`")
    # torch before 2.13 words it otherwise (recorded on 2.11: tests/fixtures/losses/)
    f = only(check_loss((4, 2), (4,), "ce", labels_dtype="float", torch_version="2.11.0"), "BD402")
    assert "raises RuntimeError: expected scalar type Long but found Float" in f.message
    assert f.fix.startswith("`labels.long()`")


def test_bd402_long_targets_for_bce():
    f = only(check_loss((4, 2), (4, 2), "bce", labels_dtype="long"), "BD402")
    assert "result type Float can't be cast to the desired output type Long" in f.message
    assert "labels.float()" in f.fix


def test_bd402_good_long_class_ids():
    assert check_loss(torch.randn(4, 3), torch.tensor([0, 2, 1, -100]), "ce") == []


def test_bd402_int_labels_for_a_regression_head_before_torch_2_13():
    f = only(
        check_loss(
            (8, 1), (8,), "hf", num_labels=1, labels_dtype="long", torch_version="2.11.0+cu130"
        ),
        "BD402",
    )
    assert f.message == (
        "MSELoss on logits [8, 1] float and labels [8] long raises in backward() "
        "RuntimeError: Found dtype Long but expected Float"
    )
    assert f.fix == (
        "`labels.float()`: before torch 2.13, MSELoss's backward wants the labels in the "
        "logits' dtype (Float), not Long"
    )
    # near miss: torch 2.13 promotes the labels and trains; what is left is the warning that
    # long labels on one output make a regression (BD405), not an error
    found = check_loss(
        (8, 1), (8,), "hf", num_labels=1, labels_dtype="long", torch_version="2.13.0"
    )
    assert [(f.code, f.severity.value) for f in found] == [("BD405", "warning")]


def test_bd402_near_miss_float_probabilities_of_the_logits_shape():
    one_hot = F.one_hot(torch.tensor([0, 2, 1, 1]), 3).float()
    assert check_loss(torch.randn(4, 3), one_hot, "ce") == []
    # the same shape and dtype with class ids inside is not a distribution
    ids = torch.tensor([[0.0, 2.0, 1.0]] * 4)
    f = only(check_loss(torch.randn(4, 3), ids, "ce"), "BD402")
    assert "read as class probabilities" in f.message


def test_bd402_int32_labels_in_transformers_pass_its_check_and_fail_in_torch():
    f = only(check_loss((4, 2), (4,), "hf", labels_dtype="int", torch_version="2.13.0"), "BD402")
    assert "but got Int" in f.message
    f = only(check_loss((4, 2), (4,), "hf", labels_dtype="int", torch_version="2.11.0"), "BD402")
    assert "expected scalar type Long but found Int" in f.message


def test_bd402_bce_targets_outside_zero_one():
    f = only(check_loss(torch.randn(4), torch.tensor([0.0, 2.0, 1.0, 3.0]), "bce"), "BD402")
    assert "2 BCE targets outside [0, 1] (values 2.0, 3.0)" in f.message


# -- BD403 token-logits-not-flattened -------------------------------------------------------------


def test_bd403_token_logits_error():
    f = only(check_loss((2, 12, 9), (2, 12), "ce"), "BD403")
    assert "Expected target size [2, 9], got [2, 12]" in f.message
    assert f.fix == "flatten: CrossEntropyLoss()(logits.view(-1, 9), labels.view(-1))"


def test_bd403_token_logits_silent_when_length_equals_classes():
    f = only(check_loss((2, 9, 9), (2, 9), "ce"), "BD403")
    assert f.severity is Severity.ERROR
    assert "it runs only because 9 == 9" in f.message


def test_bd403_good_flattened():
    assert check_loss((24, 9), (24,), "ce") == []


def test_bd403_near_miss_permuted_class_axis():
    # logits.permute(0, 2, 1): [B, C, L] with [B, L] labels is what torch wants
    assert check_loss((2, 9, 12), (2, 12), "ce") == []
    # ...unless num_labels says the last axis holds the classes
    f = only(check_loss((2, 12, 9), (2, 9), "ce", num_labels=9), "BD403")
    assert "reads axis 1 (size 12) as the classes" in f.message


# -- BD404 squeeze-drops-batch-dim ----------------------------------------------------------------


def test_bd404_bare_squeeze_breaks_bce_on_a_batch_of_one():
    f = only(check_loss((4, 1), (4,), "bce", squeeze="logits"), "BD404")
    assert f.severity is Severity.ERROR
    assert "turns logits [1, 1] into [] and labels [1] into [1]" in f.message
    assert "Target size (torch.Size([1])) must be the same as input size" in f.message
    assert ".squeeze(-1)" in f.fix


def test_bd404_good_squeeze_last_axis():
    assert check_loss((4,), (4,), "bce") == []


def test_bd404_near_miss_squeezing_both_sides_still_lines_up():
    assert check_loss((4, 1), (4,), "mse", squeeze="both") == []


def test_bd404_seen_in_the_shapes_of_a_batch_of_one():
    found = check_loss((2,), (1,), "ce")
    f = only(found, "BD404")
    assert "logits [2] have no batch axis" in f.message
    # and torch accepts the forward pass but fails in backward
    raised = [x for x in found if "in backward()" in x.message]
    assert raised and "size mismatch (got input: [2], target: [1])" in raised[0].message


# -- BD405 problem-type-surprise ------------------------------------------------------------------


def test_bd405_float_labels_make_transformers_pick_multi_label():
    found = check_loss((4, 3), (4,), "hf", labels_dtype="float")
    f = only(found, "BD405")
    assert "multi-label BCEWithLogitsLoss" in f.message and "num_labels=3" in f.message
    assert "labels.long()" in f.fix
    assert "BD401" in codes(found)  # and BCE then fails on the shapes


def test_bd405_one_label_means_regression():
    f = only(check_loss((4, 1), (4,), "hf", labels_dtype="long"), "BD405")
    assert "regression (MSELoss)" in f.message
    assert "num_labels=2" in f.fix


def test_bd405_good_long_labels_single_label():
    assert check_loss((4, 3), (4,), "hf", labels_dtype="long") == []


def test_bd405_near_miss_multi_hot_float_labels_are_multi_label_on_purpose():
    assert check_loss((4, 3), (4, 3), "hf", labels_dtype="float") == []
    multi_hot = torch.tensor([[1.0, 1, 0], [0, 0, 1], [1, 0, 1], [0, 0, 0]])
    assert check_loss(torch.randn(4, 3), multi_hot, "hf") == []
    one_hot = F.one_hot(torch.tensor([0, 2, 1, 1]), 3).float()
    f = only(check_loss(torch.randn(4, 3), one_hot, "hf"), "BD405")
    assert "exactly one 1 per row" in f.message


def test_bd405_config_refuses_single_label_with_one_output():
    found = check_loss((4, 1), (4,), "hf", problem_type="single_label_classification")
    f = only(found, "BD405")
    assert "requires `num_labels > 1`" in f.message


# -- BD406 loss-without-grad ----------------------------------------------------------------------


def test_bd406_loss_rebuilt_from_item():
    logits = torch.randn(4, 2, requires_grad=True)
    labels = torch.tensor([0, 1, 1, 0])
    value = torch.tensor(F.cross_entropy(logits, labels).item(), requires_grad=False)
    f = only(check_loss(logits, labels, "ce", value=value), "BD406")
    assert "does not require grad" in f.message


def test_bd406_argmax_logits():
    f = only(check_loss((4, 2), (4,), "ce", logits_dtype="long"), "BD406")
    assert "NotImplementedError" in f.message


def test_bd406_good_loss_with_graph():
    logits = torch.randn(4, 2, requires_grad=True)
    labels = torch.tensor([0, 1, 1, 0])
    value = F.cross_entropy(logits, labels)
    assert check_loss(logits, labels, "ce", value=value, training=True) == []


def test_bd406_near_miss_evaluation_logits_without_grad():
    logits, labels = torch.randn(4, 2), torch.tensor([0, 1, 1, 0])
    assert check_loss(logits, labels, "ce") == []  # evaluation: no graph wanted
    f = only(check_loss(logits, labels, "ce", training=True), "BD406")
    assert "do not require grad" in f.message


# -- BD407 one-hot-memory-overlap -----------------------------------------------------------------


def test_bd407_target_is_a_view_of_the_index():
    labels = torch.tensor([0, 1, 1, 0])
    target = labels.view(-1, 1).expand(4, 2)
    found = check_loss(torch.randn(4, 2), target, "bce", index=labels)
    f = only(found, "BD407")
    assert "shares memory with the index tensor [4]" in f.message
    assert "F.one_hot" in f.fix


def test_bd407_flag_from_the_cli():
    f = only(check_loss((4, 2), (4, 2), "bce", one_hot_in_place=True), "BD407")
    assert "F.one_hot(labels, 2).float()" in f.fix


def test_bd407_good_fresh_one_hot():
    labels = torch.tensor([0, 1, 1, 0])
    assert check_loss(torch.randn(4, 2), F.one_hot(labels, 2).float(), "bce", index=labels) == []


def test_bd407_near_miss_cloned_before_writing():
    labels = torch.tensor([0, 1, 1, 0])
    target = labels.view(-1, 1).expand(4, 2).clone().float()
    assert check_loss(torch.randn(4, 2), target, "bce", index=labels) == []


# -- label values (BD201, BD202, BD203) and the API's edges --------------------------------------


def test_label_values_out_of_range_negative_and_crf_ignore_index():
    found = check_loss(torch.randn(4, 3), torch.tensor([0, 5, -1, -100]), "ce")
    assert "1 label >= 3 classes (ids 5)" in only(found, "BD201").message
    assert "(ids -1)" in only(found, "BD202").message
    crf = check_loss(torch.randn(2, 4, 3), torch.tensor([[0, 1, 2, -100]] * 2), "crf")
    assert "2 tags -100" in only(crf, "BD203").message


def test_loss_modules_and_names_are_accepted():
    import torch.nn as nn

    assert check_loss((4, 2), (4,), nn.CrossEntropyLoss()) == []
    assert codes(check_loss((4, 2), (4,), "BCEWithLogitsLoss")) == ["BD401"]


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (((4, 2), (4,), "focal"), "unknown loss 'focal'"),
        (((4, 2), "abc", "ce"), "expected a tensor, an array or a shape"),
        (((4, -2), (4,), "ce"), "negative sizes"),
    ],
)
def test_bad_arguments_are_doctor_errors(args, match):
    with pytest.raises(DoctorError, match=match):
        check_loss(*args)


def test_unknown_dtype_is_a_doctor_error():
    with pytest.raises(DoctorError, match="unknown dtype 'strings'"):
        check_loss((4, 2), (4,), "ce", labels_dtype="strings")


def test_a_crashing_check_is_bd000_and_the_other_checks_still_run():
    class Odd:
        @property
        def requires_grad(self):
            raise RuntimeError("boom")

    found = check_loss((4, 2), (4,), "bce", value=Odd())
    assert codes(found) == ["BD000", "BD401"]
    assert "check _grad_findings crashed with RuntimeError: boom" in only(found, "BD000").message
