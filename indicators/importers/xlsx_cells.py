"""A cell of a workbook as the annex prints it, from the value Excel stored: a number keeps the
15 significant digits Excel keeps (0.7857142857142857 is 0,785714285714286) and prints as the
annex prints it ("1.590", "93,88"); a fraction under a percentage number format is the
percentage Excel shows (0.9 → 90); a date prints as dd/mm/yyyy; text is cleaned and kept on
one line."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Context, Decimal

from core.numbers import format_number, plain
from core.text import clean_text

# Excel keeps 15 significant digits; the digits a double has beyond them are noise.
EXCEL_DIGITS = 15
_EXCEL_CONTEXT = Context(prec=EXCEL_DIGITS)


def excel_decimal(value: int | float) -> Decimal:
    """The number Excel holds, exactly as Excel shows it at most: 0.9 → 0.9, 93.88 → 93.88,
    0.7857142857142857 → 0.785714285714286."""
    if isinstance(value, int):
        return Decimal(value)
    number = Decimal(repr(value))
    if len(number.as_tuple().digits) > EXCEL_DIGITS:
        number = _EXCEL_CONTEXT.plus(number)
    return number


def percent_of(value: int | float) -> Decimal:
    """A fraction stored under a percentage format, as the percentage Excel shows: 0.9 → 90."""
    return Decimal(plain(excel_decimal(value) * 100))


def is_percent_format(number_format: str | None) -> bool:
    """ "0%", "0.00%", "#,##0.0%" (a quoted "%" or one after a backslash is a literal sign)."""
    if not number_format:
        return False
    unquoted = re.sub(r'"[^"]*"|\\.', "", number_format)
    return "%" in unquoted


def cell_text(value) -> str:
    """A cell as the annex prints it: 1590 → "1.590", 93.88 → "93,88" (what
    ``reports.values.interpret_printed`` reads), text as it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return format_number(excel_decimal(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    text = clean_text(str(value))
    return text.replace("\t", " ").replace("\n", " ").strip()
