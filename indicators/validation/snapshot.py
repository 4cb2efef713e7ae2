"""The plain data the checks run on: a template's structure and a report's figures and text.

The engine never touches the ORM: ``report_data(report)`` reads a saved report in a constant
number of queries, and a form that has not been saved yet builds the same snapshot from what the
user typed (``ReportData.with_values``). Published templates never change, so their structure is
read once per process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from indicators.models import (
    FieldTable,
    Indicator,
    IndicatorTemplate,
    TemplateStatus,
    ValidationRule,
    ValueType,
)
from indicators.validation.expressions import Ref
from reports.periods import PeriodKey
from reports.text import fold

NUMERIC_TYPES = {ValueType.INTEGER, ValueType.DECIMAL, ValueType.PERCENT}
COUNT_TYPES = {ValueType.INTEGER, ValueType.DECIMAL}


# Template --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    printed_code: str
    name: str
    unit: str
    value_type: str
    choices: tuple[tuple[Decimal, str], ...]
    is_breakdown: bool
    parts_sum_to_total: bool
    aggregation: str
    tags: tuple[str, ...]
    parent: str | None
    position: int

    @property
    def is_numeric(self) -> bool:
        return self.value_type in NUMERIC_TYPES

    @property
    def is_count(self) -> bool:
        return self.value_type in COUNT_TYPES

    @property
    def is_coded(self) -> bool:
        return self.value_type in (ValueType.CHOICE, ValueType.YESNO)

    @property
    def is_input(self) -> bool:
        return self.value_type != ValueType.HEADING

    @cached_property
    def folded_name(self) -> str:
        return " ".join(fold(self.name).split())

    @cached_property
    def folded_unit(self) -> str:
        return " ".join(fold(self.unit).split())

    @property
    def label(self) -> str:
        """How a message names the row: its code, and for a "Trong đó" row its name."""
        if self.is_breakdown:
            return f"{self.code} (“{self.name}”)"
        return self.code


@dataclass(frozen=True)
class ColumnInfo:
    code: str
    label: str
    group: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class RowInfo:
    code: str
    label: str
    printed_code: str
    is_total: bool


@dataclass(frozen=True)
class TableInfo:
    code: str
    title: str
    columns: tuple[ColumnInfo, ...]
    rows: tuple[RowInfo, ...]

    @property
    def total_row(self) -> RowInfo | None:
        return next((row for row in self.rows if row.is_total), None)

    @property
    def body_rows(self) -> tuple[RowInfo, ...]:
        return tuple(row for row in self.rows if not row.is_total)

    def cell_code(self, row: str, column: str) -> str:
        return f"{self.code}:{row}:{column}"


@dataclass(frozen=True)
class RuleInfo:
    code: str
    left: str
    operator: str
    right: str
    severity: str
    message: str
    missing_values: str
    is_active: bool = True

    @classmethod
    def from_rule(cls, rule: ValidationRule) -> RuleInfo:
        return cls(
            code=rule.code,
            left=rule.left,
            operator=rule.operator,
            right=rule.right,
            severity=rule.severity,
            message=rule.message,
            missing_values=rule.missing_values,
            is_active=rule.is_active,
        )


@dataclass(frozen=True)
class TemplateData:
    code: str
    version: int
    indicators: tuple[IndicatorInfo, ...]
    tables: tuple[TableInfo, ...] = ()
    rules: tuple[RuleInfo, ...] = ()

    @cached_property
    def by_code(self) -> dict[str, IndicatorInfo]:
        return {indicator.code: indicator for indicator in self.indicators}

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for indicator in self.indicators:
            if indicator.parent:
                found.setdefault(indicator.parent, []).append(indicator.code)
        return {code: tuple(codes) for code, codes in found.items()}

    @cached_property
    def by_tag(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for indicator in self.indicators:
            for tag in indicator.tags:
                found.setdefault(tag, []).append(indicator.code)
        return {tag: tuple(codes) for tag, codes in found.items()}

    @cached_property
    def tables_by_code(self) -> dict[str, TableInfo]:
        return {table.code: table for table in self.tables}

    def breakdowns(self, code: str) -> list[IndicatorInfo]:
        return [
            self.by_code[c] for c in self.children.get(code, ()) if self.by_code[c].is_breakdown
        ]

    def sub_rows(self, code: str) -> list[IndicatorInfo]:
        """The coded rows directly under a row (not its "Trong đó" rows)."""
        return [
            self.by_code[c] for c in self.children.get(code, ()) if not self.by_code[c].is_breakdown
        ]

    def knows(self, ref: Ref) -> bool:
        """Whether a rule's reference names something of this template."""
        if not ref.is_cell:
            return ref.code in self.by_code
        table = self.tables_by_code.get(ref.table)
        if table is None:
            return False
        rows = {row.code for row in table.rows}
        columns = {column.code for column in table.columns}
        return (ref.row == "*" or ref.row in rows) and (ref.column == "*" or ref.column in columns)


_published_cache: dict[tuple[int, object], TemplateData] = {}
CACHE_SIZE = 256


def template_data(template: IndicatorTemplate, *, rules: bool = True) -> TemplateData:
    """The structure of a template in 5 queries (none for a published template seen before:
    a published template never changes; the publication time keys the cache, so a template
    id reused after a rollback is never mistaken for another)."""
    key = (template.pk, template.published_at)
    cacheable = rules and template.status != TemplateStatus.DRAFT and template.pk is not None
    if cacheable and key in _published_cache:
        return _published_cache[key]
    data = _read_template(template, rules=rules)
    if cacheable:
        if len(_published_cache) >= CACHE_SIZE:
            _published_cache.pop(next(iter(_published_cache)))
        _published_cache[key] = data
    return data


def _read_template(template: IndicatorTemplate, *, rules: bool) -> TemplateData:
    rows = list(
        Indicator.objects.filter(template=template)
        .order_by("position")
        .values_list(
            "pk",
            "parent_id",
            "code",
            "printed_code",
            "name",
            "unit",
            "value_type",
            "choices",
            "is_breakdown",
            "parts_sum_to_total",
            "aggregation",
            "tags",
            "position",
        )
    )
    codes = {row[0]: row[2] for row in rows}
    indicators = tuple(
        IndicatorInfo(
            code=code,
            printed_code=printed_code,
            name=name,
            unit=unit,
            value_type=value_type,
            choices=tuple(
                (Decimal(str(choice["value"])), str(choice.get("label", "")))
                for choice in (choices or [])
            ),
            is_breakdown=is_breakdown,
            parts_sum_to_total=parts_sum_to_total,
            aggregation=aggregation,
            tags=tuple(tags or ()),
            parent=codes.get(parent_id),
            position=position,
        )
        for (
            _pk,
            parent_id,
            code,
            printed_code,
            name,
            unit,
            value_type,
            choices,
            is_breakdown,
            parts_sum_to_total,
            aggregation,
            tags,
            position,
        ) in rows
    )
    tables = tuple(
        TableInfo(
            code=table.code,
            title=table.title,
            columns=tuple(
                ColumnInfo(c.code, c.label, c.group, tuple(c.tags or ()))
                for c in sorted(table.columns.all(), key=lambda c: c.position)
            ),
            rows=tuple(
                RowInfo(r.code, r.label, r.printed_code, r.is_total)
                for r in sorted(table.rows.all(), key=lambda r: r.position)
            ),
        )
        for table in FieldTable.objects.filter(template=template)
        .order_by("position")
        .prefetch_related("columns", "rows")
    )
    rule_infos = (
        tuple(
            RuleInfo.from_rule(rule)
            for rule in ValidationRule.objects.filter(template=template).order_by(
                "position", "code"
            )
        )
        if rules
        else ()
    )
    return TemplateData(
        code=template.code,
        version=template.version,
        indicators=indicators,
        tables=tables,
        rules=rule_infos,
    )


# Report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    heading: str
    text: str = ""
    level: int = 1


@dataclass(frozen=True)
class PeriodInfo:
    key: PeriodKey
    start: dt.date
    end: dt.date

    @classmethod
    def legal(cls, key: PeriodKey) -> PeriodInfo:
        start, end = key.legal_window()
        return cls(key, start, end)


@dataclass(frozen=True)
class DocumentInfo:
    """The document around the annex, as printed."""

    number: str = ""
    date: dt.date | None = None
    date_printed: str = ""
    summary: str = ""
    intro: str = ""
    closing: str = ""
    annex_title: str = ""
    annex_reference: str = ""


@dataclass(frozen=True)
class PastReport:
    """Another report of the same unit (previous period, quarters of the same year): what the
    checks across periods compare."""

    period: PeriodInfo
    template_code: str
    values: Mapping[str, Decimal] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    tagged: Mapping[str, Decimal] = field(default_factory=dict)  # annex: tag → sum of values
    table_tagged: Mapping[str, Decimal] = field(default_factory=dict)  # total rows: tag → value


@dataclass(frozen=True)
class ReportData:
    template: TemplateData
    values: Mapping[str, Decimal | None] = field(default_factory=dict)
    printed: Mapping[str, str] = field(default_factory=dict)
    cells: Mapping[str, Decimal | None] = field(default_factory=dict)  # "table:row:column"
    sections: tuple[Section, ...] = ()
    period: PeriodInfo | None = None
    document: DocumentInfo | None = None
    history: tuple[PastReport, ...] = ()
    key: str = ""

    def value(self, code: str) -> Decimal | None:
        return self.values.get(code)

    def cell(self, table: str, row: str, column: str) -> Decimal | None:
        return self.cells.get(f"{table}:{row}:{column}")

    def with_values(
        self,
        values: Mapping[str, Decimal | None] | None = None,
        cells: Mapping[str, Decimal | None] | None = None,
        sections: Iterable[Section] | None = None,
    ) -> ReportData:
        """The same report with what a form holds (unsaved) in place of the saved figures."""
        changes: dict = {}
        if values is not None:
            merged = dict(self.values)
            merged.update(values)
            changes["values"] = merged
            printed = dict(self.printed)
            for code in values:
                printed.pop(code, None)
            changes["printed"] = printed
        if cells is not None:
            merged_cells = dict(self.cells)
            merged_cells.update(cells)
            changes["cells"] = merged_cells
        if sections is not None:
            changes["sections"] = tuple(sections)
        return replace(self, **changes)

    # The expression language's environment.
    def children(self, code: str) -> Iterable[str]:
        return [
            child
            for child in self.template.children.get(code, ())
            if self.template.by_code[child].is_numeric
        ]

    def expand(self, ref: Ref) -> Iterable[Ref]:
        table = self.template.tables_by_code.get(ref.table)
        if table is None:
            return []
        rows = [r.code for r in table.body_rows] if ref.row == "*" else [ref.row]
        columns = [c.code for c in table.columns] if ref.column == "*" else [ref.column]
        return [
            Ref(f"{ref.table}:{row}:{column}", ref.position, ref.table, row, column)
            for row in rows
            for column in columns
        ]

    def tagged_codes(self, tag: str) -> tuple[str, ...]:
        return self.template.by_tag.get(tag, ())


def report_data(report, *, history: bool = True) -> ReportData:
    """A saved report as plain data, in a constant number of queries (about a dozen)."""
    from reports.models import IndicatorValue, NarrativeSection, TableCellValue

    template = template_data(report.template)
    values: dict[str, Decimal | None] = {}
    printed: dict[str, str] = {}
    for code, value, text in IndicatorValue.objects.filter(report=report).values_list(
        "indicator__code", "value", "printed"
    ):
        values[code] = value
        if text:
            printed[code] = text
    cells = {
        f"{table}:{row}:{column}": value
        for table, row, column, value in TableCellValue.objects.filter(report=report).values_list(
            "row__table__code", "row__code", "column__code", "value"
        )
    }
    sections = tuple(
        Section(heading, text, level)
        for heading, text, level in NarrativeSection.objects.filter(report=report)
        .order_by("position")
        .values_list("heading", "text", "level")
    )
    period = report.period
    return ReportData(
        template=template,
        values=values,
        printed=printed,
        cells=cells,
        sections=sections,
        period=PeriodInfo(period.period_key, period.start_date, period.end_date),
        document=DocumentInfo(
            number=report.number,
            date=report.document_date,
            date_printed=report.date_printed,
            summary=report.summary,
            intro=report.intro,
            closing=report.closing,
            annex_title=report.annex_title,
            annex_reference=report.annex_reference,
        ),
        history=past_reports(report) if history else (),
        key=f"{report.unit.code}/{period.key}",
    )


def past_reports(report) -> tuple[PastReport, ...]:
    """The unit's other reports of this year and the year before (3 queries): the previous
    period's, the quarters of a 6-month or yearly report, earlier cumulative values."""
    from reports.models import IndicatorValue, Report, TableCellValue

    period = report.period
    others = list(
        Report.objects.filter(
            unit_id=report.unit_id, period__year__in=[period.year - 1, period.year]
        )
        .exclude(pk=report.pk)
        .select_related("period", "template")
        .order_by("period__end_date", "-template__version")
    )
    chosen: dict[tuple[str, int, int], object] = {}
    for other in others:
        # Several templates for one period: the newest version is the report that counts.
        chosen.setdefault((other.period.kind, other.period.year, other.period.number), other)
    reports = list(chosen.values())
    if not reports:
        return ()
    ids = [r.pk for r in reports]
    values: dict[int, dict[str, Decimal]] = {pk: {} for pk in ids}
    names: dict[int, dict[str, str]] = {pk: {} for pk in ids}
    tagged: dict[int, dict[str, Decimal]] = {pk: {} for pk in ids}
    for report_id, code, name, tags, value in IndicatorValue.objects.filter(
        report_id__in=ids, value__isnull=False
    ).values_list("report_id", "indicator__code", "indicator__name", "indicator__tags", "value"):
        values[report_id][code] = value
        names[report_id][code] = name
        for tag in tags or ():
            tagged[report_id][tag] = tagged[report_id].get(tag, Decimal(0)) + value
    table_tagged: dict[int, dict[str, Decimal]] = {pk: {} for pk in ids}
    for report_id, tags, value in TableCellValue.objects.filter(
        report_id__in=ids, row__is_total=True, value__isnull=False
    ).values_list("report_id", "column__tags", "value"):
        for tag in tags or ():
            table_tagged[report_id][tag] = value
    return tuple(
        PastReport(
            period=PeriodInfo(r.period.period_key, r.period.start_date, r.period.end_date),
            template_code=r.template.code,
            values=values[r.pk],
            names=names[r.pk],
            tagged=tagged[r.pk],
            table_tagged=table_tagged[r.pk],
        )
        for r in reports
    )
