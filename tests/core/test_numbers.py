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


# The bound of every stored figure: at most 15 digits, at most 6 after the comma (what SQLite's
# float-backed decimal column and Excel keep exactly; PostgreSQL's numeric(22, 6) holds more).
@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("999.999.999.999.999", Decimal("999999999999999")),
        ("123456789012345", Decimal("123456789012345")),
        ("-999.999.999.999.999", Decimal("-999999999999999")),
        ("12.345.678.901.234,5", Decimal("12345678901234.5")),
        ("123.456.789,123456", Decimal("123456789.123456")),
        ("0,000001", Decimal("0.000001")),
        ("000000000000000000001", Decimal("1")),
        ("5,0000000000", Decimal("5")),
        ("1.000.000.000.000.000,000", None),
    ],
)
def test_numbers_up_to_fifteen_digits_are_read(typed, value):
    if value is None:
        with pytest.raises(NumberFormatError):
            parse_number(typed)
        return
    number = parse_number(typed)
    assert number == value
    assert number.as_tuple().exponent >= -6  # the column keeps six decimals


@pytest.mark.parametrize(
    "typed",
    ["1.000.000.000.000.000", "1234567890123456", "9999999999999999", "10000000000000000",
     "99999999999999999999999999999999999999", "-1.000.000.000.000.000"],
)  # fmt: skip
def test_a_number_of_more_than_fifteen_whole_digits_is_too_large(typed):
    with pytest.raises(NumberFormatError) as error:
        parse_number(typed)
    assert error.value.message.startswith("Số quá lớn")
    assert typed in error.value.message
    assert error.value.suggestion is None


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("0,1234567", Decimal("0.123457")),
        ("33,33333333333333", Decimal("33.333333")),
        ("12.345.678.901.234,56", Decimal("12345678901234.6")),
        ("999.999.999.999.999,9", None),  # rounded, it has 16 digits
    ],
)
def test_a_number_with_more_digits_than_are_kept_is_refused_with_the_nearest(typed, suggestion):
    with pytest.raises(NumberFormatError) as error:
        parse_number(typed)
    assert error.value.message.startswith("Số quá dài")
    assert typed in error.value.message
    assert error.value.suggestion == suggestion


def test_a_huge_number_beside_text_is_too_large_not_a_suggestion():
    with pytest.raises(NumberFormatError) as error:
        parse_number("12345678901234567 TTHC")
    assert error.value.message.startswith("Số quá lớn")
    assert error.value.suggestion is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [("１２３", Decimal("123")), ("１．３７７", Decimal("1377")), ("８１，９５", Decimal("81.95"))],
)
def test_fullwidth_digits_are_the_same_digits(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["١٢٣", "۱۲۳", "१२३", "১২৩", "12٣", "๑๒๓", "𝟏𝟐𝟑"])
def test_digits_of_other_scripts_are_refused_with_a_message(typed):
    with pytest.raises(NumberFormatError) as error:
        parse_number(typed)
    assert "0–9" in error.value.message


def test_a_printed_cell_with_fullwidth_digits_keeps_its_text():
    assert extract_number("１２８ TTHC") == (Decimal("128"), "TTHC")
    assert extract_number("١٢٨ TTHC") is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234567890123456"), "1.234.567.890.123.456"),
        (Decimal("999999999999999.999999"), "999.999.999.999.999,999999"),
        (Decimal("1E+30"), "1.000.000.000.000.000.000.000.000.000.000"),
        (12345678901234567890, "12.345.678.901.234.567.890"),
        (0.1, "0,1"),
    ],
)
def test_it_writes_every_digit_never_through_a_float(value, text):
    assert format_number(value) == text


def test_rounding_a_large_number_never_fails():
    assert format_number(Decimal("12345678901234567890123456789.25"), decimals=1) == (
        "12.345.678.901.234.567.890.123.456.789,2"
    )
