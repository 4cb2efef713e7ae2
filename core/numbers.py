"""Numbers as Vietnamese officials write them, and back.

Input: "1.377.189.270" (dots group thousands), "2 590 755 750" (spaces group thousands), "81,95"
(decimal comma), "01" (leading zero). Output: the same conventions. Values are exact decimals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from core.errors import DomainError

MSG_NOT_A_NUMBER = "“{text}” không phải là một số. Viết số như 1.377.189.270 hoặc 81,95."
MSG_NUMBER_WITH_TEXT = "Chỉ nhập số: “{text}” có chữ kèm theo. Có phải ý bạn là {suggestion}?"

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# 1.377.189.270 / 1.377.189,5 — dots group thousands, a comma starts the decimals.
_DOT_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(,\d+)?$")
# An English decimal point is accepted only where it cannot be a thousands dot ("87.5", "0.25").
_POINT_DECIMAL = re.compile(r"^[+-]?\d+\.\d{1,2}$|^[+-]?\d+\.\d{4,}$")
_INNER_SPACE = re.compile(r"\d[\s\u00a0\u202f]+\d")
_SPACE_GROUPED = re.compile(r"^[+-]?\d{1,3}([\s\u00a0\u202f]\d{3})+(,\d+)?$")
_LEADING_NUMBER = re.compile(r"^\s*([+-]?\d[\d.,\s\u00a0]*)")


class NumberFormatError(DomainError, ValueError):
    def __init__(self, message: str, suggestion: Decimal | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


def _read(text: str) -> Decimal | None:
    """The number ``text`` is, written the Vietnamese way, or None if it is not one."""
    if _INNER_SPACE.search(text) and not _SPACE_GROUPED.match(text.strip()):
        return None  # "12 5" is two numbers, not 125; "2 590 755 750" is one
    compact = _SPACES.sub("", text)
    if _DOT_GROUPED.match(compact):
        digits = compact.replace(".", "").replace(",", ".")
    elif _PLAIN.match(compact):
        digits = compact.replace(",", ".")
    elif _POINT_DECIMAL.match(compact):
        digits = compact
    else:
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the patterns above exclude it
        return None


def parse_number(text: str) -> Decimal | None:
    """A number typed by a user: exact, Vietnamese conventions; "" is no value (blank ≠ zero)."""
    raw = text.strip()
    if raw == "":
        return None
    number = _read(raw)
    if number is not None:
        return number
    extracted = extract_number(raw)
    if extracted is not None:
        raise NumberFormatError(
            MSG_NUMBER_WITH_TEXT.format(text=raw, suggestion=format_number(extracted[0])),
            suggestion=extracted[0],
        )
    raise NumberFormatError(MSG_NOT_A_NUMBER.format(text=raw))


def extract_number(text: str) -> tuple[Decimal, str] | None:
    """The number a printed cell starts with, and the rest: "128 TTHC" → (128, "TTHC"),
    "93,88 (322-343 HS)" → (93.88, "(322-343 HS)"). None when the cell starts with no number."""
    match = _LEADING_NUMBER.match(text)
    if not match:
        return None
    tokens = match.group(1).rstrip(" .,\u00a0").split()
    # The longest run of tokens that reads as one number ("2 590 755 750 đồng").
    for end in range(len(tokens), 0, -1):
        number = _read(" ".join(tokens[:end]))
        if number is not None:
            position = match.start(1)
            for token in tokens[:end]:
                position = text.index(token, position) + len(token)
            return number, text[position:].strip()
    return None


def plain(value: Decimal | None) -> str:
    """A decimal as a plain string, without exponent or trailing zeros: "729", "81.95"."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def format_number(value: Decimal | int | None, decimals: int | None = None) -> str:
    """Vietnamese writing: 1377189270 → "1.377.189.270", 81.95 → "81,95"."""
    if value is None:
        return ""
    number = Decimal(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
        text = format(number, "f")
    else:
        text = plain(number)
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + ".".join(groups)
    return f"{result},{fraction}" if fraction else result


def format_percent(value: Decimal | None, decimals: int = 1) -> str:
    """ "34,8%" — the way reports print a ratio."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)}%"


@dataclass(frozen=True)
class PrintedValue:
    """What a printed annex cell means: a number (or choice code), or a text."""

    value: Decimal | None
    text: str = ""
    printed: str = ""  # the cell as printed, kept when it is not simply the value
