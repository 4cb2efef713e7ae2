"""Numbers as Vietnamese officials write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.numbers import NumberFormatError, extract_number, format_number, parse_number, plain


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.377.189.270", Decimal("1377189270")),
        ("2 590 755 750", Decimal("2590755750")),
        ("81,95", Decimal("81.95")),
        ("21,1", Decimal("21.1")),
        ("01", Decimal("1")),
        ("729", Decimal("729")),
        ("1.250,5", Decimal("1250.5")),
        ("87.5", Decimal("87.5")),
        (" 42 ", Decimal("42")),
        ("0", Decimal("0")),
        ("-3", Decimal("-3")),
        ("2\u00a0590", Decimal("2590")),
        ("", None),
        ("   ", None),
    ],
)
def test_it_reads_vietnamese_writing_exactly(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["128 TTHC", "93,88 (322-343 HS)", "hơn 500"])
def test_text_beside_a_number_gets_a_message_and_a_suggestion(typed):
    with pytest.raises(NumberFormatError) as error:
        parse_number(typed)
    if typed[0].isdigit():
        assert error.value.suggestion is not None
        assert "Có phải ý bạn là" in error.value.message
    else:
        assert "không phải là một số" in error.value.message


@pytest.mark.parametrize("typed", ["Có", "abc", "1,2,3", "--1", "12 5", "1 2345"])
def test_words_are_not_numbers(typed):
    with pytest.raises(NumberFormatError):
        parse_number(typed)


@pytest.mark.parametrize(
    ("printed", "number", "rest"),
    [
        ("128 TTHC", Decimal("128"), "TTHC"),
        ("93,88 (322-343 HS)", Decimal("93.88"), "(322-343 HS)"),
        ("87,5 (42/48 HS)", Decimal("87.5"), "(42/48 HS)"),
        ("2 590 755 750 đồng", Decimal("2590755750"), "đồng"),
    ],
)
def test_a_printed_cell_gives_its_leading_number(printed, number, rest):
    assert extract_number(printed) == (number, rest)


def test_a_cell_without_a_leading_number_gives_nothing():
    assert extract_number("Có") is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1377189270"), "1.377.189.270"),
        (Decimal("81.95"), "81,95"),
        (Decimal("729"), "729"),
        (Decimal("-1250.5"), "-1.250,5"),
        (Decimal("100.000000"), "100"),
    ],
)
def test_it_writes_numbers_the_vietnamese_way(value, text):
    assert format_number(value) == text


def test_it_rounds_to_the_decimals_asked():
    assert format_number(Decimal("34.8422"), decimals=1) == "34,8"


@pytest.mark.parametrize(
    ("value", "text"), [(Decimal("729.000000"), "729"), (Decimal("21.100000"), "21.1"), (None, "")]
)
def test_plain_decimals_have_no_trailing_zeros(value, text):
    assert plain(value) == text
