"""Numbers as Vietnamese officials write them, and back.

Input: "1.377.189.270" (dots group thousands), "2 590 755 750" (spaces group thousands), "81,95"
(decimal comma), "01" (leading zero). Output: the same conventions. Values are exact decimals.

Only the digits 0–9 are digits: fullwidth ones ("１２３", from an East Asian input method) are
read as the same digits; those of other scripts ("١٢٣") are refused with a message.

Every figure the portal stores fits one bound (:data:`MAX_DIGITS`, :data:`MAX_DECIMALS`), the
same on SQLite and PostgreSQL: at most 15 digits, at most 6 of them after the comma. SQLite
keeps a decimal column as a 64-bit float and Django reads it back at 15 significant digits, so
a 16th digit would be changed without a word (1234567890123456 → 1234567890123460) and from
1e16 on the stored value can no longer be read at all; Excel too keeps 15 digits. A number
beyond the bound is refused with a Vietnamese message, as any other unreadable input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from core.errors import DomainError

# The bound of every stored figure (IndicatorValue.value, TableCellValue.value).
MAX_DIGITS = 15
MAX_DECIMALS = 6
LARGEST = Decimal(10) ** MAX_DIGITS - 1  # 999.999.999.999.999

MSG_NOT_A_NUMBER = "“{text}” không phải là một số. Viết số như 1.377.189.270 hoặc 81,95."
MSG_NUMBER_WITH_TEXT = "Chỉ nhập số: “{text}” có chữ kèm theo. Có phải ý bạn là {suggestion}?"
MSG_FOREIGN_DIGITS = (
    "“{text}” có chữ số không phải 0–9: hãy gõ lại bằng các phím số 0–9 (ví dụ 1.377.189.270)."
)
MSG_TOO_LARGE = (
    "Số quá lớn: “{text}”. Số liệu có tối đa 15 chữ số (lớn nhất là 999.999.999.999.999)."
)
MSG_TOO_LONG = (
    "Số quá dài: “{text}”. Số liệu có tối đa 15 chữ số, trong đó tối đa 6 chữ số sau dấu phẩy."
)

# Fullwidth forms (U+FF01–U+FF5E) of what a number is written with: the same characters.
_FULLWIDTH = str.maketrans("０１２３４５６７８９，．＋－", "0123456789,.+-")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# 1.377.189.270 / 1.377.189,5 — dots group thousands, a comma starts the decimals.
_DOT_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$")
_PLAIN = re.compile(r"^[+-]?[0-9]+(,[0-9]+)?$")
# An English decimal point is accepted only where it cannot be a thousands dot ("87.5", "0.25").
_POINT_DECIMAL = re.compile(r"^[+-]?[0-9]+\.[0-9]{1,2}$|^[+-]?[0-9]+\.[0-9]{4,}$")
_INNER_SPACE = re.compile(r"[0-9][\s\u00a0\u202f]+[0-9]")
_SPACE_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}([\s\u00a0\u202f][0-9]{3})+(,[0-9]+)?$")
_LEADING_NUMBER = re.compile(r"^\s*([+-]?[0-9][0-9.,\s\u00a0]*)")


class NumberFormatError(DomainError, ValueError):
    def __init__(self, message: str, suggestion: Decimal | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


class NumberOutOfBounds(NumberFormatError):
    """A number, but beyond what the portal stores exactly (:data:`MAX_DIGITS`)."""


def _ascii(text: str) -> str:
    return text.translate(_FULLWIDTH)


def _foreign_digits(text: str) -> bool:
    """Whether ``text`` has a decimal digit of another script ("١", "৩", "๓")."""
    return any(
        not "0" <= char <= "9" and unicodedata.decimal(char, None) is not None for char in text
    )


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


def _digits(number: Decimal) -> tuple[int, int]:
    """How many digits ``number`` has before and after the comma, leading zeros of the whole
    part and trailing zeros of the decimals left out: 1.250,50 → (4, 1), 0,05 → (0, 2)."""
    _sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    coefficient = "".join(map(str, digits)).rstrip("0")
    if not coefficient:
        return 0, 0
    exponent += len(digits) - len(coefficient)
    return max(0, len(coefficient) + exponent), max(0, -exponent)


def within_bounds(number: Decimal) -> bool:
    """Whether ``number`` is stored exactly: at most 15 digits, at most 6 after the comma."""
    if not number.is_finite():
        return False
    whole, decimals = _digits(number)
    return decimals <= MAX_DECIMALS and whole + decimals <= MAX_DIGITS


def check_bounds(number: Decimal, text: str) -> Decimal:
    """``number`` as it is stored; refused with a message when beyond the bound. A number with
    too many decimals gets the nearest one within it as a suggestion."""
    if not number.is_finite():
        raise NumberOutOfBounds(MSG_TOO_LARGE.format(text=text))
    whole, decimals = _digits(number)
    if whole > MAX_DIGITS:
        raise NumberOutOfBounds(MSG_TOO_LARGE.format(text=text))
    if decimals > MAX_DECIMALS or whole + decimals > MAX_DIGITS:
        places = min(MAX_DECIMALS, MAX_DIGITS - whole)
        with localcontext(prec=MAX_DIGITS + 2):
            rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        suggestion = rounded if within_bounds(rounded) else None
        raise NumberOutOfBounds(MSG_TOO_LONG.format(text=text), suggestion=suggestion)
    if number.as_tuple().exponent < -MAX_DECIMALS:  # type: ignore[operator]
        # "5,0000000": zeros beyond the sixth decimal say nothing; the column keeps six.
        return number.quantize(Decimal(1).scaleb(-MAX_DECIMALS))
    return number


def parse_number(text: str) -> Decimal | None:
    """A number typed by a user: exact, Vietnamese conventions; "" is no value (blank ≠ zero).
    Raises :class:`NumberFormatError` (a :class:`NumberOutOfBounds` beyond the bound)."""
    raw = text.strip()
    if raw == "":
        return None
    readable = _ascii(raw)
    if _foreign_digits(readable):
        raise NumberFormatError(MSG_FOREIGN_DIGITS.format(text=raw))
    number = _read(readable)
    if number is not None:
        return check_bounds(number, raw)
    extracted = extract_number(readable)
    if extracted is not None:
        suggestion = check_bounds(extracted[0], raw)
        raise NumberFormatError(
            MSG_NUMBER_WITH_TEXT.format(text=raw, suggestion=format_number(suggestion)),
            suggestion=suggestion,
        )
    raise NumberFormatError(MSG_NOT_A_NUMBER.format(text=raw))


def extract_number(text: str) -> tuple[Decimal, str] | None:
    """The number a printed cell starts with, and the rest: "128 TTHC" → (128, "TTHC"),
    "93,88 (322-343 HS)" → (93.88, "(322-343 HS)"). None when the cell starts with no number.
    The number is as printed, whatever its size: see :func:`within_bounds`."""
    readable = _ascii(text)  # the same length: positions in it are positions in ``text``
    match = _LEADING_NUMBER.match(readable)
    if not match:
        return None
    tokens = match.group(1).rstrip(" .,\u00a0").split()
    # The longest run of tokens that reads as one number ("2 590 755 750 đồng").
    for end in range(len(tokens), 0, -1):
        number = _read(" ".join(tokens[:end]))
        if number is not None:
            position = match.start(1)
            for token in tokens[:end]:
                position = readable.index(token, position) + len(token)
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
    """Vietnamese writing: 1377189270 → "1.377.189.270", 81.95 → "81,95". Exact, whatever the
    size (never through a float): 1234567890123456 → "1.234.567.890.123.456"."""
    if value is None:
        return ""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if decimals is not None:
        # Enough precision for every digit: rounding never fails on a large number.
        with localcontext(prec=max(28, number.adjusted() + decimals + 2)):
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
