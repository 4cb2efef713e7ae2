"""What a printed or typed annex cell means for its indicator."""

from __future__ import annotations

from decimal import Decimal

from core.numbers import (
    NumberFormatError,
    NumberOutOfBounds,
    PrintedValue,
    extract_number,
    parse_number,
    within_bounds,
)
from core.text import fold
from indicators.models import Indicator, ValueType

MSG_UNKNOWN_CHOICE = "“{text}” không có trong các lựa chọn của chỉ tiêu {code}: {choices}."
MSG_UNREADABLE = "Không đọc được số liệu “{text}” của chỉ tiêu {code}."
YES_WORDS = {"co": 1, "khong": 0}


def interpret_printed(indicator: Indicator, printed: str) -> PrintedValue:
    """A printed cell as data, leniently (imports of filled annexes, the seeds):
    "128 TTHC" → 128, "93,88 (322-343 HS)" → 93,88, "Có" → 1, "01" → 1; the printed text kept.

    Raises ValueError with a Vietnamese message when the cell cannot mean a value.
    """
    text = printed.strip()
    if not text:
        return PrintedValue(None)
    if indicator.value_type == ValueType.TEXT:
        return PrintedValue(None, text=text, printed=text)
    if indicator.value_type == ValueType.HEADING:
        raise ValueError(MSG_UNREADABLE.format(text=text, code=indicator.code))
    if indicator.is_coded:
        return PrintedValue(_choice_value(indicator, text), printed=text)
    try:
        number = parse_number(text)
    except NumberFormatError as error:
        if error.suggestion is None:
            if isinstance(error, NumberOutOfBounds):
                raise ValueError(error.message) from error
            raise ValueError(MSG_UNREADABLE.format(text=text, code=indicator.code)) from error
        # "128 TTHC" → 128; "33,33333333" (a ratio Excel computed) → 33,333333: the printed
        # text keeps what the file says.
        number = error.suggestion
    return PrintedValue(number, printed=text)


def _choice_value(indicator: Indicator, text: str) -> Decimal:
    try:
        number = parse_number(text)
    except NumberFormatError:
        number = None
    if number is not None:
        # A coded value outside its list is kept as reported: the checks flag it (seed 003: 7.2).
        return number
    folded = fold(text)
    for choice in indicator.choices:
        if fold(choice["label"]) == folded:
            return Decimal(choice["value"])
    if indicator.value_type == ValueType.YESNO and folded in YES_WORDS:
        return Decimal(YES_WORDS[folded])
    extracted = extract_number(text)
    if extracted is not None and within_bounds(extracted[0]):
        return extracted[0]
    labels = ", ".join(f"{c['label']} = {c['value']}" for c in indicator.choices)
    raise ValueError(MSG_UNKNOWN_CHOICE.format(text=text, code=indicator.code, choices=labels))
