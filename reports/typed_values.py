"""What a commune official types into one cell of the annex, parsed.

The rules of input: Vietnamese numbers, whole numbers for counts, no negative
figures, ratios within 0–100 %, coded answers from their list. A refused input is still kept as
typed (nothing typed is lost) with its message; only an accepted one becomes a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.numbers import NumberFormatError, format_number, parse_number
from core.text import fold
from indicators.models import Indicator, ValueType

MSG_NEGATIVE = "Số liệu không được âm."
MSG_NOT_WHOLE = "Chỉ tiêu này đếm số lượng: nhập số nguyên (ví dụ 25)."
MSG_OVER_100 = "Tỷ lệ không được vượt quá 100%."
MSG_NOT_A_CHOICE = "“{text}” không có trong danh sách: {choices}."
MSG_NO_INPUT = "Dòng tiêu đề không nhập số liệu."


@dataclass(frozen=True)
class TypedValue:
    raw: str
    value: Decimal | None = None
    text: str = ""
    error: str = ""
    suggestion: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.error


def choices_label(indicator: Indicator) -> str:
    return ", ".join(f"{c['label']} = {c['value']}" for c in indicator.choices)


def parse_typed(indicator: Indicator, raw: str) -> TypedValue:
    """What ``raw`` means for ``indicator``: a value, or the reason it is refused."""
    raw = raw.strip()
    if not raw:
        return TypedValue(raw="")
    if indicator.value_type == ValueType.HEADING:
        return TypedValue(raw=raw, error=MSG_NO_INPUT)
    if indicator.value_type == ValueType.TEXT:
        return TypedValue(raw=raw, text=raw)
    if indicator.is_coded:
        return _parse_choice(indicator, raw)
    return parse_amount(
        raw,
        whole=indicator.value_type == ValueType.INTEGER,
        percent=indicator.value_type == ValueType.PERCENT,
    )


def parse_amount(raw: str, *, whole: bool, percent: bool = False) -> TypedValue:
    """A figure of the annex: a number in Vietnamese writing, never negative; a whole one for
    counts, at most 100 for a percentage."""
    try:
        number = parse_number(raw)
    except NumberFormatError as error:
        suggestion = format_number(error.suggestion) if error.suggestion is not None else ""
        return TypedValue(raw=raw, error=error.message, suggestion=suggestion)
    if number is None:  # blank: no value (the callers pass only what was typed)
        return TypedValue(raw=raw)
    if number < 0:
        return TypedValue(raw=raw, error=MSG_NEGATIVE)
    if whole and number != number.to_integral_value():
        return TypedValue(raw=raw, error=MSG_NOT_WHOLE)
    if percent and number > 100:
        return TypedValue(raw=raw, error=MSG_OVER_100)
    return TypedValue(raw=raw, value=number)


def _parse_choice(indicator: Indicator, raw: str) -> TypedValue:
    allowed = indicator.allowed_values
    try:
        number = parse_number(raw)
    except NumberFormatError:
        number = None
    if number is not None and number in allowed:
        return TypedValue(raw=raw, value=number)
    folded = fold(raw)
    for choice in indicator.choices:
        if fold(choice["label"]) == folded:
            return TypedValue(raw=raw, value=Decimal(choice["value"]))
    return TypedValue(
        raw=raw, error=MSG_NOT_A_CHOICE.format(text=raw, choices=choices_label(indicator))
    )


def display_value(indicator: Indicator, value: Decimal | None, text: str, raw: str) -> str:
    """What the input shows: the value in Vietnamese writing, or what was typed if refused."""
    if value is None:
        return text or raw
    return format_number(value)
