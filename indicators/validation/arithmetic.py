"""Exact arithmetic shared by the checks: ratios and when a printed percentage matches one.

Communes print percentages rounded or truncated to 1–2 decimals ("34,8", "77,77" for 7/9): a
printed ratio matches the computed one when it is within 0,1 percentage point of it, or when it
is the computed value rounded or truncated to the digits printed ("5 %" for 1/19 = 5,26 %).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

TOLERANCE = Decimal("0.1")
HUNDRED = Decimal(100)


def percent(part: Decimal, base: Decimal) -> Decimal:
    """part / base × 100, exact to 28 digits (base must not be 0)."""
    return part * HUNDRED / base


def decimals_of(value: Decimal) -> int:
    """How many decimals a value shows: 93.880000 (a database value) → 2, 100 → 0."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def decimals_printed(text: str) -> int | None:
    """Decimals written in a printed number: "34,4" → 1, "87.5" → 1, "100" → 0."""
    digits = text.strip().rstrip("%").strip()
    for mark in (",", "."):
        if mark in digits:
            tail = digits.rpartition(mark)[2]
            if tail.isdigit() and len(tail) <= 3 and not (mark == "." and len(tail) == 3):
                return len(tail)
    return 0 if digits.replace(".", "").replace(" ", "").isdigit() else None


def at_digits(value: Decimal, digits: int, rounding: str) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-digits), rounding=rounding)


def percent_matches(printed: Decimal, computed: Decimal, digits: int | None = None) -> bool:
    """Whether a printed percentage is the computed one as communes print it."""
    if abs(printed - computed) <= TOLERANCE:
        return True
    shown = decimals_of(printed) if digits is None else digits
    return printed in (
        at_digits(computed, shown, ROUND_HALF_UP),
        at_digits(computed, shown, ROUND_DOWN),
    )


def is_whole(value: Decimal) -> bool:
    return value == value.to_integral_value()
