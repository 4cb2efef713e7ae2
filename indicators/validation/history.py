"""Checks across periods of the same unit (warnings):

- applications carried over into this period = those pending at the end of the previous one;
- cumulative (lũy kế) figures do not decrease within a year;
- a 6-month, 9-month or yearly report's flows equal the sum of its quarters' (where the unit
  filed all of them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from core.period_keys import PeriodKind
from indicators.validation.findings import ANNEX, TABLE, WARNING, Finding, addition, num, values_of
from indicators.validation.snapshot import PastReport, ReportData

MSG_CARRIED = (
    "Kỳ trước chuyển qua {carried} hồ sơ ({where}) nhưng báo cáo {previous} còn {pending} hồ sơ "
    "đang giải quyết."
)
MSG_CUMULATIVE = "{code} là số lũy kế nhưng giảm từ {before} ({previous}) xuống {now}."
MSG_PERIOD_SUM = "{label} {period} = {value} ({where}) nhưng {parts} cộng lại {addition} = {sum}."

TAG_LABELS = {
    "hs_tiep_nhan": "Số hồ sơ tiếp nhận",
    "hs_truc_tiep": "Số hồ sơ tiếp nhận trực tiếp",
    "hs_bcci": "Số hồ sơ tiếp nhận qua BCCI",
    "hs_truc_tuyen": "Số hồ sơ tiếp nhận trực tuyến",
    "hs_giai_quyet": "Số hồ sơ đã giải quyết",
    "hs_truoc_han": "Số hồ sơ giải quyết trước hạn",
    "hs_dung_han": "Số hồ sơ giải quyết đúng hạn",
    "hs_qua_han": "Số hồ sơ giải quyết quá hạn",
    "hs_tra_lai": "Số hồ sơ trả lại",
}
CUMULATIVE_TAG = "luy_ke"
_QUARTERS_OF: dict[tuple[str, int], tuple[int, ...]] = {
    (PeriodKind.HALF, 1): (1, 2),
    (PeriodKind.HALF, 2): (3, 4),
    (PeriodKind.NINE_MONTHS, 9): (1, 2, 3),
    (PeriodKind.YEAR, 0): (1, 2, 3, 4),
}


def history_findings(data: ReportData) -> Iterator[Finding]:
    if data.period is None or not data.history:
        return
    yield from _carried_over(data)
    yield from _cumulative(data)
    yield from _period_sums(data)


def _tag_value(data: ReportData, tag: str) -> tuple[Decimal | None, str, tuple[str, ...]]:
    """A tag's figure in this report: the annex rows, else a table's total row."""
    codes = data.tagged_codes(tag)
    values = [v for v in (data.value(c) for c in codes) if v is not None]
    if values:
        return sum(values, Decimal(0)), ANNEX, codes
    for table in data.template.tables:
        total = table.total_row
        if total is None:
            continue
        for column in table.columns:
            if tag in column.tags:
                value = data.cell(table.code, total.code, column.code)
                if value is not None:
                    return value, TABLE, (table.cell_code(total.code, column.code),)
    return None, ANNEX, ()


def _past_value(report: PastReport, tag: str, source: str | None = None) -> Decimal | None:
    """A tag's figure in another report; from the same place (annex or table) as the figure
    it is compared with, when that is known."""
    if source == TABLE:
        return report.table_tagged.get(tag)
    if source == ANNEX or tag in report.tagged:
        return report.tagged.get(tag)
    return report.table_tagged.get(tag)


def _carried_over(data: ReportData) -> Iterator[Finding]:
    assert data.period is not None
    day_before = data.period.start - dt.timedelta(days=1)
    candidates = [r for r in data.history if r.period.end == day_before]
    if not candidates:
        return
    same_kind = [r for r in candidates if r.period.key.kind == data.period.key.kind]
    previous = (same_kind or candidates)[-1]
    carried, source, codes = _tag_value(data, "hs_ky_truoc")
    pending = _past_value(previous, "hs_dang_giai_quyet")
    if carried is None or pending is None or carried == pending:
        return
    yield Finding(
        "history.carried_over",
        WARNING,
        MSG_CARRIED.format(
            carried=num(carried),
            where=", ".join(codes),
            previous=previous.period.key.label,
            pending=num(pending),
        ),
        codes,
        values_of([carried, pending]),
        source,
    )


def _cumulative(data: ReportData) -> Iterator[Finding]:
    assert data.period is not None
    earlier = [
        r
        for r in data.history
        if r.period.key.year == data.period.key.year
        and r.period.end < data.period.end
        and r.template_code == data.template.code
    ]
    if not earlier:
        return
    latest = max(earlier, key=lambda r: r.period.end)
    for indicator in data.template.indicators:
        if not indicator.is_numeric:
            continue
        if CUMULATIVE_TAG not in indicator.tags and "luy ke" not in indicator.folded_name:
            continue
        now, before = data.value(indicator.code), latest.values.get(indicator.code)
        if now is None or before is None or now >= before:
            continue
        yield Finding(
            "history.cumulative",
            WARNING,
            MSG_CUMULATIVE.format(
                code=indicator.code,
                before=num(before),
                previous=latest.period.key.label,
                now=num(now),
            ),
            (indicator.code,),
            values_of([now, before]),
            ANNEX,
        )


def _period_sums(data: ReportData) -> Iterator[Finding]:
    assert data.period is not None
    key = data.period.key
    quarters = _QUARTERS_OF.get((key.kind, key.number))
    if quarters is None:
        return
    found = {
        r.period.key.number: r
        for r in data.history
        if r.period.key.kind == PeriodKind.QUARTER and r.period.key.year == key.year
    }
    if not all(q in found for q in quarters):
        return
    parts = [found[q] for q in quarters]
    for tag, label in TAG_LABELS.items():
        # Received counts include the carried-over applications where the form has them:
        # adding quarters would count those twice.
        if tag == "hs_tiep_nhan" and _tag_value(data, "hs_ky_truoc")[0] is not None:
            continue
        value, source, codes = _tag_value(data, tag)
        values = [_past_value(part, tag, source) for part in parts]
        if value is None or any(v is None for v in values):
            continue
        summed = sum((v for v in values if v is not None), Decimal(0))
        if summed == value:
            continue
        yield Finding(
            "history.period_sum",
            WARNING,
            MSG_PERIOD_SUM.format(
                label=label,
                period=key.label,
                value=num(value),
                where=", ".join(codes),
                parts=" + ".join(part.period.key.label for part in parts),
                addition=addition(values),
                sum=num(summed),
            ),
            codes,
            values_of([value, *values]),
            source,
        )
