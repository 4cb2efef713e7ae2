"""Checks the template itself implies, with no rule to write: value types and coded choices,
ratio rows against their counts, "Trong đó" parts against their total, group rows against the
rows under them, and defects of the template as printed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from core.numbers import format_number, plain
from core.text import fold
from indicators.choices import Aggregation, ValueType
from indicators.validation.arithmetic import (
    is_whole,
    percent,
    percent_matches,
)
from indicators.validation.findings import (
    ANNEX,
    ERROR,
    TEMPLATE,
    WARNING,
    Finding,
    addition,
    num,
    percent_text,
    shorten,
    values_of,
)
from indicators.validation.snapshot import IndicatorInfo, ReportData, TemplateData

MSG_CHOICE = "{code} = {value} nhưng chỉ được chọn: {choices}."
MSG_NOT_WHOLE = "{code} = {value} nhưng phải là số nguyên ({unit})."
MSG_NEGATIVE = "{code} = {value}: số liệu không được âm."
MSG_PERCENT_RANGE = "{code} = {value} % nhưng tỷ lệ phải từ 0 đến 100 %."
MSG_PRINTED_COUNTS = "{code} ghi “{printed}” nhưng {part}/{base} = {computed}."
MSG_RATIO_COUNTS = "{code} = {ratio} nhưng số đếm bên dưới cho {formula} = {computed}."
MSG_RATIO_NO_BASE = (
    "{code} = {ratio} nhưng số đếm làm cơ sở ({missing}) để trống: không kiểm tra được tỷ lệ."
)
MSG_RATIO_EMPTY = (
    "{code} để trống nhưng tính được từ số đếm bên dưới: {formula} = {computed}. "
    "Đề nghị ghi {suggestion}."
)
MSG_RATIO_PART_EXCEEDS = "{code}: số đếm {part_code} = {part} lớn hơn tổng {base_code} = {base}."
MSG_PARTS = "{code} = {total} nhưng các dòng “Trong đó” cộng lại {addition} = {sum}."
MSG_BLANK_AS_ZERO = " (ô trống tính là 0)"
MSG_GROUP = "Dòng nhóm {code} = {value} không khớp với chỉ tiêu nào bên dưới: {listing}{sum_text}."
MSG_GROUP_SUM = " (cộng lại {sum})"
MSG_RENUMBERED = (
    "Mẫu in mã {printed} dưới mục {parent}: trùng hoặc không khớp với mục cha; "
    "đề xuất đánh lại thành {codes}."
)
MSG_RATIO_UNIT = (
    "{code} là một tỷ lệ (“{name}”) nhưng đơn vị tính là “{unit}” và số liệu là {value}: "
    "kiểm tra lại đơn vị tính hoặc số liệu."
)
MSG_TABLE_NUMBERING = "Bảng “{title}” đánh số thứ tự trùng nhau: {listing}."

# "93,88 (322-343 HS)", "87,5 (42/48 HS)": the counts behind a ratio, printed in its cell.
_PRINTED_COUNTS = re.compile(r"\(\s*(\d+)\s*[-/]\s*(\d+)")
_REDUCTION = ("cat giam", "tinh gian")
_RATIO_NAME = "ty le"


def value_findings(data: ReportData) -> Iterator[Finding]:
    """Each value against its row's type, range and coded choices."""
    for indicator in data.template.indicators:
        value = data.value(indicator.code)
        if value is None or not indicator.is_input:
            continue
        code = indicator.code
        if indicator.is_coded and indicator.choices:
            allowed = {choice for choice, _label in indicator.choices}
            if value not in allowed:
                listing = ", ".join(f"{label} = {plain(v)}" for v, label in indicator.choices)
                yield Finding(
                    "value.choice",
                    ERROR,
                    MSG_CHOICE.format(code=code, value=num(value), choices=listing),
                    (code,),
                    values_of([value]),
                    ANNEX,
                )
            continue
        if not indicator.is_numeric:
            continue
        if value < 0:
            yield Finding(
                "value.negative",
                ERROR,
                MSG_NEGATIVE.format(code=code, value=num(value)),
                (code,),
                values_of([value]),
                ANNEX,
            )
        elif indicator.value_type == ValueType.INTEGER and not is_whole(value):
            yield Finding(
                "value.integer",
                ERROR,
                MSG_NOT_WHOLE.format(code=code, value=num(value), unit=indicator.unit or "số đếm"),
                (code,),
                values_of([value]),
                ANNEX,
            )
        elif indicator.value_type == ValueType.PERCENT and value > 100:
            yield Finding(
                "value.percent_range",
                ERROR,
                MSG_PERCENT_RANGE.format(code=code, value=num(value)),
                (code,),
                values_of([value]),
                ANNEX,
            )
        if indicator.value_type == ValueType.PERCENT:
            yield from _printed_counts(data, indicator, value)


def _printed_counts(
    data: ReportData, indicator: IndicatorInfo, value: Decimal
) -> Iterator[Finding]:
    printed = data.printed.get(indicator.code, "")
    match = _PRINTED_COUNTS.search(printed)
    if not match:
        return
    first, second = Decimal(match.group(1)), Decimal(match.group(2))
    part, base = min(first, second), max(first, second)
    if base == 0:
        return
    computed = percent(part, base)
    if not percent_matches(value, computed):
        yield Finding(
            "ratio.printed_counts",
            ERROR,
            MSG_PRINTED_COUNTS.format(
                code=indicator.code,
                printed=printed,
                part=num(part),
                base=num(base),
                computed=percent_text(computed),
            ),
            (indicator.code,),
            values_of([value, part, base]),
            ANNEX,
        )


def ratio_counts(
    template: TemplateData, indicator: IndicatorInfo
) -> tuple[IndicatorInfo, IndicatorInfo] | None:
    """A ratio row's counts: "Trong đó: tổng số …; số …" — the base first, then the part."""
    if indicator.value_type != ValueType.PERCENT or indicator.aggregation != Aggregation.RATIO:
        return None
    counts = [row for row in template.breakdowns(indicator.code) if row.is_count]
    if len(counts) < 2:
        return None
    return counts[0], counts[1]


def _ratio_of(indicator: IndicatorInfo, part: Decimal, base: Decimal) -> Decimal:
    # "Tỷ lệ … đã cắt giảm so với năm 2015" over "tổng số …; số … tại thời điểm báo cáo": the
    # ratio is what was cut, not what remains.
    if any(word in indicator.folded_name for word in _REDUCTION):
        return percent(base - part, base)
    return percent(part, base)


def _formula(indicator: IndicatorInfo, part: Decimal, base: Decimal) -> str:
    if any(word in indicator.folded_name for word in _REDUCTION):
        return f"({num(base)} − {num(part)})/{num(base)}"
    return f"{num(part)}/{num(base)}"


def ratio_findings(data: ReportData) -> Iterator[Finding]:
    """Ratio rows with their counts beneath: equal within rounding, never without a base."""
    template = data.template
    for indicator in template.indicators:
        counts = ratio_counts(template, indicator)
        if counts is None:
            continue
        base_row, part_row = counts
        ratio = data.value(indicator.code)
        base, part = data.value(base_row.code), data.value(part_row.code)
        codes = (indicator.code, base_row.code, part_row.code)
        if ratio is not None and (base is None or part is None):
            missing = [row.label for row, v in ((base_row, base), (part_row, part)) if v is None]
            yield Finding(
                "ratio.no_base",
                WARNING,
                MSG_RATIO_NO_BASE.format(
                    code=indicator.code, ratio=_pct(ratio), missing=", ".join(missing)
                ),
                codes,
                values_of([ratio, base, part]),
                ANNEX,
            )
            continue
        if base is None or part is None or base == 0:
            continue  # 0 of 0: nothing to compute, whatever the ratio says
        if part > base and not any(w in indicator.folded_name for w in _REDUCTION):
            yield Finding(
                "ratio.part_exceeds",
                ERROR,
                MSG_RATIO_PART_EXCEEDS.format(
                    code=indicator.code,
                    part_code=part_row.label,
                    part=num(part),
                    base_code=base_row.label,
                    base=num(base),
                ),
                codes,
                values_of([ratio, base, part]),
                ANNEX,
            )
            continue
        computed = _ratio_of(indicator, part, base)
        formula = _formula(indicator, part, base)
        if ratio is None:
            suggestion = computed.quantize(Decimal("0.1"))
            yield Finding(
                "ratio.computable",
                WARNING,
                MSG_RATIO_EMPTY.format(
                    code=indicator.code,
                    formula=formula,
                    computed=percent_text(computed),
                    suggestion=f"{format_number(suggestion.normalize())} %",
                ),
                codes,
                values_of([ratio, base, part, suggestion]),
                ANNEX,
                suggestion=plain(suggestion),
            )
        elif not percent_matches(ratio, computed):
            yield Finding(
                "ratio.counts",
                ERROR,
                MSG_RATIO_COUNTS.format(
                    code=indicator.code,
                    ratio=_pct(ratio),
                    formula=formula,
                    computed=percent_text(computed),
                ),
                codes,
                values_of([ratio, base, part]),
                ANNEX,
            )


def _pct(value: Decimal) -> str:
    return f"{num(value)} %"


def parts_findings(data: ReportData) -> Iterator[Finding]:
    """ "Trong đó" rows declared additive: they add up to the row above them."""
    template = data.template
    for indicator in template.indicators:
        if not indicator.parts_sum_to_total:
            continue
        parts = [row for row in template.breakdowns(indicator.code) if row.is_count]
        total = data.value(indicator.code)
        values = [data.value(row.code) for row in parts]
        if total is None or not parts or all(v is None for v in values):
            continue
        summed = sum((v for v in values if v is not None), Decimal(0))
        if summed == total:
            continue
        message = MSG_PARTS.format(
            code=indicator.code, total=num(total), addition=addition(values), sum=num(summed)
        )
        if any(v is None for v in values):
            message = message[:-1] + MSG_BLANK_AS_ZERO + "."
        yield Finding(
            "parts.sum",
            ERROR,
            message,
            (indicator.code, *(row.code for row in parts)),
            values_of([total, *values]),
            ANNEX,
        )


def group_findings(data: ReportData, *, defined: set[str]) -> Iterator[Finding]:
    """A group row that carries a value of its own (Hoằng Hóa's 01b prints 3.3 = 729 above
    3.3.1 = 729) should repeat one of the rows under it, or their sum: a value that matches
    none of them is worth a warning. Rows whose meaning a standard identity defines
    (``defined``) are checked by that identity instead."""
    template = data.template
    for indicator in template.indicators:
        value = data.value(indicator.code)
        if (
            value is None
            or not indicator.is_count
            or indicator.parts_sum_to_total
            or indicator.code in defined
        ):
            continue
        rows = [
            row
            for row in template.sub_rows(indicator.code)
            if row.is_count and data.value(row.code) is not None
        ]
        # Parts that count different things (tasks and documents under "Kế hoạch CCHC") say
        # nothing about the group's own figure (1 plan).
        if not rows or len({row.folded_unit for row in rows}) != 1:
            continue
        values = [data.value(row.code) for row in rows]
        summed = sum((v for v in values if v is not None), Decimal(0))
        if value in values or value == summed:
            continue
        listing = ", ".join(f"{row.code} = {num(data.value(row.code))}" for row in rows)
        yield Finding(
            "group.parts",
            WARNING,
            MSG_GROUP.format(
                code=indicator.code,
                value=num(value),
                listing=listing,
                sum_text=MSG_GROUP_SUM.format(sum=num(summed)) if len(rows) > 1 else "",
            ),
            (indicator.code, *(row.code for row in rows)),
            values_of([value, *values]),
            ANNEX,
        )


def structure_findings(template: TemplateData) -> Iterator[Finding]:
    """Defects of the template as printed: codes printed twice (renumbered on import), ratios
    with a count unit, tables numbering their rows twice."""
    renumbered: dict[str, list[IndicatorInfo]] = {}
    for indicator in template.indicators:
        printed = indicator.printed_code.strip().rstrip(".")
        if printed and not indicator.is_breakdown and printed != indicator.code:
            renumbered.setdefault(indicator.parent or "", []).append(indicator)
    for parent, rows in renumbered.items():
        yield Finding(
            "template.duplicate_code",
            ERROR,
            MSG_RENUMBERED.format(
                printed=", ".join(row.printed_code.rstrip(".") for row in rows),
                parent=parent or "gốc",
                codes=", ".join(row.code for row in rows),
            ),
            tuple(row.code for row in rows),
            tuple(row.printed_code.rstrip(".") for row in rows),
            TEMPLATE,
        )
    for table in template.tables:
        seen: dict[str, list[str]] = {}
        for row in table.rows:
            if row.printed_code:
                seen.setdefault(row.printed_code, []).append(row.code)
        twice = {number: codes for number, codes in seen.items() if len(codes) > 1}
        for number, codes in twice.items():
            listing = ", ".join(
                f"“{next(r.label for r in table.rows if r.code == code)}”" for code in codes
            )
            yield Finding(
                "template.table_numbering",
                WARNING,
                MSG_TABLE_NUMBERING.format(title=table.title, listing=f"số {number}: {listing}"),
                tuple(f"{table.code}:{code}" for code in codes),
                tuple(number for _ in codes),
                TEMPLATE,
            )


def ratio_unit_findings(data: ReportData) -> Iterator[Finding]:
    """A "Tỷ lệ …" row typed as a count, holding a count: the template or the figure is wrong
    (Định Hóa's 7.5.2 "Tỷ lệ văn bản …" in "Văn bản" = 298)."""
    for indicator in data.template.indicators:
        value = data.value(indicator.code)
        if (
            value is not None
            and indicator.value_type == ValueType.INTEGER
            and fold(indicator.name).strip().startswith(_RATIO_NAME)
        ):
            yield Finding(
                "template.ratio_unit",
                WARNING,
                MSG_RATIO_UNIT.format(
                    code=indicator.code,
                    name=shorten(indicator.name, 60),
                    unit=indicator.unit,
                    value=num(value),
                ),
                (indicator.code,),
                values_of([value]),
                TEMPLATE,
            )
