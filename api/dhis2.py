"""DHIS2-compatible data values: the period ids, a report as a ``dataValueSets`` payload, and a
value of such a payload read as the form reads what a clerk types (the import of a payload, with
its summary: ``api.dhis2_import``).

- ``dataElement``: the indicator's code ("3.3.1", "3.3.1.a"); a cell of a table by field as
  "<table>:<row>:<column>", as the rules write it.
- ``period``: the DHIS2 period id: quarter "2024Q3", six months "2021S1"/"2021S2", year
  "2024"; the 9-month report has no DHIS2 period type and takes the monthly id of its last
  month, "202409".
- ``orgUnit``: the unit's official code; ``value``: a plain decimal ("1377189270", "81.95"),
  a choice's code ("1") or the text; ``comment``: the note of the row.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from core.numbers import format_number, plain
from core.period_keys import PeriodKey, PeriodKeyError, PeriodKind
from indicators.models import Indicator, ValueType
from reports.models import IndicatorValue, Report, TableCellValue
from reports.typed_values import TypedValue, parse_amount, parse_typed

MSG_BAD_PERIOD = (
    "Kỳ “{period}” không hợp lệ: dùng mã kỳ DHIS2 (2024Q3, 2021S1, 2024, 202409 cho 9 tháng) "
    "hoặc mã kỳ của cổng (2024Q3, 2021H1, 2024M9, 2024Y)."
)
MSG_NOT_A_NUMBER = "“{value}” không phải là số (DHIS2 ghi số dạng 1377189270 hoặc 81.95)."

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_SIX_MONTHS = re.compile(r"^(\d{4})S([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})(\d{2})$")
_TRUE = {"true", "yes", "có"}
_FALSE = {"false", "no", "không"}


# Periods ----------------------------------------------------------------------------------


def dhis2_period(key: PeriodKey) -> str:
    """The DHIS2 period id of a period key: 2024Q3, 2021S1, 2024, 202409 (9 months)."""
    if key.kind == PeriodKind.QUARTER:
        return f"{key.year}Q{key.number}"
    if key.kind == PeriodKind.HALF:
        return f"{key.year}S{key.number}"
    if key.kind == PeriodKind.NINE_MONTHS:
        return f"{key.year}09"
    return f"{key.year}"


def parse_period(text: str) -> PeriodKey:
    """A DHIS2 period id, or one of the portal's keys, as a period key."""
    text = str(text).strip().upper()
    if match := _QUARTER.match(text):
        return PeriodKey(PeriodKind.QUARTER, int(match[1]), int(match[2]))
    if match := _SIX_MONTHS.match(text):
        return PeriodKey(PeriodKind.HALF, int(match[1]), int(match[2]))
    if match := _YEAR.match(text):
        return PeriodKey(PeriodKind.YEAR, int(match[1]), 0)
    if (match := _MONTH.match(text)) and match[2] == "09":
        return PeriodKey(PeriodKind.NINE_MONTHS, int(match[1]), 9)
    try:
        return PeriodKey.parse(text)
    except PeriodKeyError:
        raise PeriodKeyError(MSG_BAD_PERIOD.format(period=text)) from None


# Export -----------------------------------------------------------------------------------


def data_values(report: Report) -> dict:
    """The report's values as DHIS2 writes them (2 queries). Blank rows are absent (blank is
    not zero); input refused and kept as typed is no value and is absent too."""
    period = dhis2_period(report.period.period_key)
    org_unit = report.unit.code
    rows: list[dict[str, Any]] = []
    for code, value, text, note, updated_at, stored_by in (
        IndicatorValue.objects.filter(report=report)
        .order_by("indicator__position")
        .values_list(
            "indicator__code", "value", "text", "note", "updated_at", "updated_by__username"
        )
    ):
        if value is None and not text:
            continue
        rows.append(
            {
                "dataElement": code,
                "period": period,
                "orgUnit": org_unit,
                "value": plain(value) if value is not None else text,
                "comment": note,
                "storedBy": stored_by or "",
                "lastUpdated": timezone.localtime(updated_at).isoformat(),
            }
        )
    for table, row, column, value, updated_at in (
        TableCellValue.objects.filter(report=report, value__isnull=False)
        .order_by("row__table__position", "row__position", "column__position")
        .values_list("row__table__code", "row__code", "column__code", "value", "updated_at")
    ):
        rows.append(
            {
                "dataElement": f"{table}:{row}:{column}",
                "period": period,
                "orgUnit": org_unit,
                "value": plain(value),
                "comment": "",
                "storedBy": "",
                "lastUpdated": timezone.localtime(updated_at).isoformat(),
            }
        )
    return {
        "dataSet": report.template.code,
        "period": period,
        "orgUnit": org_unit,
        "dataValues": rows,
    }


# Values -----------------------------------------------------------------------------------


def as_text(raw: Any) -> str:
    """A field of a data value as text: null blank, a boolean "1" or "0", text stripped."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "1" if raw else "0"
    return str(raw).strip()


def typed_value(indicator: Indicator, raw: Any) -> TypedValue:
    """A DHIS2 value for an indicator, through the form's parser: numbers are machine-written
    ("81.95") and handed to it in Vietnamese writing ("81,95"); "true"/"false" for yes/no."""
    text = as_text(raw)
    if not text or indicator.value_type in (ValueType.TEXT, ValueType.HEADING):
        return parse_typed(indicator, text)
    if indicator.value_type == ValueType.YESNO and text.lower() in _TRUE | _FALSE:
        text = "1" if text.lower() in _TRUE else "0"
    number = _machine_number(text)
    if number is None:
        if indicator.is_coded:
            return parse_typed(indicator, text)  # a choice by its label
        return TypedValue(raw=text, error=MSG_NOT_A_NUMBER.format(value=text))
    typed = parse_typed(indicator, format_number(number))
    if typed.error and indicator.is_coded and number >= 0 and number == int(number):
        # A coded value outside its list is kept as reported, as the import of a filled annex
        # keeps it (reports.printed_values): the checks flag it (seed 5605/2024Q1: 7.2 = 3).
        return TypedValue(raw=typed.raw, value=number)
    return typed


def typed_count(raw: Any) -> TypedValue:
    """A cell of a table by field: a whole count, as the grid's parser takes it."""
    text = as_text(raw)
    if not text:
        return TypedValue(raw="")
    number = _machine_number(text)
    if number is None:
        return TypedValue(raw=text, error=MSG_NOT_A_NUMBER.format(value=text))
    return parse_amount(format_number(number), whole=True)


def _machine_number(text: str) -> Decimal | None:
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern excludes it
        return None
