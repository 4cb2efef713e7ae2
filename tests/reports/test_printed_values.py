"""Printed annex cells as data: the number or choice they mean, the printed text kept."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.models import Indicator, ValueType
from reports.printed_values import interpret_printed

YES_NO = [{"value": 0, "label": "Không"}, {"value": 1, "label": "Có"}]


def row(value_type: str, choices=None) -> Indicator:
    return Indicator(code="9.9", name="Chỉ tiêu", value_type=value_type, choices=choices or [])


@pytest.mark.parametrize(
    ("value_type", "printed", "value"),
    [
        (ValueType.INTEGER, "128 TTHC", Decimal("128")),
        (ValueType.PERCENT, "93,88 (322-343 HS)", Decimal("93.88")),
        (ValueType.PERCENT, "81,95", Decimal("81.95")),
        (ValueType.INTEGER, "01", Decimal("1")),
        (ValueType.DECIMAL, "1.377.189.270", Decimal("1377189270")),
        (ValueType.YESNO, "Có", Decimal("1")),
        (ValueType.YESNO, "không", Decimal("0")),
        (ValueType.YESNO, "1", Decimal("1")),
    ],
)
def test_a_printed_cell_means_a_value_and_keeps_its_print(value_type, printed, value):
    meaning = interpret_printed(row(value_type, YES_NO if value_type == "yesno" else None), printed)
    assert meaning.value == value
    assert meaning.printed == printed


def test_an_empty_cell_is_no_value_not_zero():
    assert interpret_printed(row(ValueType.INTEGER), "  ").value is None


def test_a_choice_is_read_by_its_printed_label():
    choices = [{"value": 0, "label": "Chưa"}, {"value": 1, "label": "Đang làm"}]
    assert interpret_printed(row(ValueType.CHOICE, choices), "đang làm").value == 1


def test_a_code_outside_the_list_is_kept_for_the_checks_to_find():
    choices = [{"value": 0, "label": "Chưa có"}, {"value": 1, "label": "2 cấp"}]
    assert interpret_printed(row(ValueType.CHOICE, choices), "3").value == 3


def test_a_word_that_is_no_choice_is_refused_with_the_choices_listed():
    choices = [{"value": 0, "label": "Chưa"}, {"value": 1, "label": "Xong"}]
    with pytest.raises(ValueError, match="Chưa = 0, Xong = 1"):
        interpret_printed(row(ValueType.CHOICE, choices), "Có lẽ")


def test_text_where_a_number_is_expected_is_refused():
    with pytest.raises(ValueError, match="Không đọc được"):
        interpret_printed(row(ValueType.INTEGER), "nhiều")


# One bound for every figure (core.numbers): a file brings no figure the portal cannot keep.
@pytest.mark.parametrize(
    ("value_type", "printed"),
    [
        (ValueType.DECIMAL, "1.000.000.000.000.000"),
        (ValueType.INTEGER, "12345678901234567 TTHC"),
        (ValueType.CHOICE, "12345678901234567 (khác)"),
        (ValueType.INTEGER, "١٢٨"),
    ],
)
def test_a_figure_beyond_the_bound_or_in_other_digits_is_refused_with_a_message(
    value_type, printed
):
    choices = [{"value": 0, "label": "Chưa"}, {"value": 1, "label": "Xong"}]
    with pytest.raises(ValueError) as error:
        interpret_printed(row(value_type, choices), printed)
    assert printed in str(error.value)


def test_a_ratio_excel_computed_to_many_decimals_is_kept_at_six_with_its_print():
    meaning = interpret_printed(row(ValueType.PERCENT), "33,33333333333333")
    assert meaning.value == Decimal("33.333333")
    assert meaning.printed == "33,33333333333333"


def test_fullwidth_digits_are_read():
    assert interpret_printed(row(ValueType.INTEGER), "１２８ TTHC").value == 128
