"""The plain data the checks run on: a template's structure and a report's figures and text.

Plain data only: ``indicators.structure`` reads a template into ``TemplateData`` and
``reports.check_loading`` a saved report into ``ReportData``; a form that has not been saved yet
builds the same snapshot from what the user typed (``ReportData.with_values``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from core.period_keys import PeriodKey
from core.text import fold
from indicators.choices import ValueType
from indicators.validation.expressions import Ref

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
    kind: str = "flow"
    formula: str = ""
    derivation: str = ""
    derive_from: str = ""

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
