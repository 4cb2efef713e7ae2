"""A filled annex from a file, matched to a template: which row of the file is which indicator,
what each cell means, and which narrative section is which outline section.

Rows are matched by code first (the STT as the tree builder reads it, duplicated codes
renumbered; the portal's own XLSX carries the exact code), checked against the name, then by
name alone, accent- and case-insensitively and tolerant of small wording differences
(``difflib``: "đúng hẹn" and "đúng hạn" are the same row). Values are read as printed
(:func:`reports.values.interpret_printed`): "93,88 (322-343 HS)" → 93,88 with the printed text
kept, "128 TTHC" → 128, "Có" → 1, "01" → 1, empty stays empty. A workbook's percentage cell
(Excel stores 90 % as 0.9) is the percentage it shows for a percentage indicator, and the
number it stores for any other (a count in a column formatted "%"). The tables by field are
matched by :mod:`reports.field_table_import`.

The result is plain data: the upload page keeps it in the session between the preview and the
confirmation, and :mod:`reports.services.imports` writes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Protocol

from core.numbers import NumberFormatError, parse_number, plain
from core.text import NARRATIVE_MAX_CHARS, grouped
from indicators.importers.matching import name_key, similarity
from indicators.importers.narrative import match_outline
from indicators.importers.reader import AnnexSource
from indicators.importers.table_rows import SourceRow
from indicators.importers.tree import build_tree
from indicators.models import Indicator, IndicatorTemplate, ValueType
from reports.field_table_import import MatchedCell, match_tables
from reports.printed_values import interpret_printed

# How alike two names must be (0–1, difflib's ratio of the folded texts).
SAME_CODE_MIN_SIMILARITY = 0.6  # a row found by its code, checked against its name
NAME_MIN_SIMILARITY = 0.85  # a row found by its name alone
SAME_PARENT_BONUS = 0.05

MSG_NO_MATCH = "{text}: không có chỉ tiêu tương ứng trong mẫu {template}."
MSG_BAD_VALUE = "{text}: {reason}"
MSG_SECTION_TOO_LONG = (
    "Mục “{heading}” (dòng {line} của tệp) dài {length} ký tự, quá giới hạn {limit} ký tự của "
    "một mục: hãy rút gọn trong tệp rồi tải lên lại. Chưa nhập gì."
)


def carries_text(printed: str) -> bool:
    """Whether the printed cell says more than its number ("128 TTHC", "Có", "93,88 (…)")."""
    try:
        parse_number(printed)
    except NumberFormatError:
        return True
    return False


@dataclass
class MatchedRow:
    line: int
    indicator_id: int
    code: str
    name: str  # the template's
    file_text: str  # the file's STT and name
    printed: str  # the value cell as printed
    note: str  # the "Ghi chú" cell
    value: str  # the value as a plain decimal ("" when none)
    text: str  # the value of a text indicator
    how: str  # "code" or "name"

    @property
    def decimal(self) -> Decimal | None:
        return Decimal(self.value) if self.value else None

    @property
    def is_empty(self) -> bool:
        return not (self.value or self.text or self.printed or self.note)


@dataclass
class MatchedSection:
    outline_id: int
    level: int
    outline_heading: str
    heading: str  # as the file prints it
    text: str
    line: int


@dataclass
class AnnexMatch:
    template_id: int
    source_format: str
    rows: list[MatchedRow] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)  # {"line", "text"}
    sections: list[MatchedSection] = field(default_factory=list)
    # The cells of the tables by field.
    cells: list[MatchedCell] = field(default_factory=list)

    def summary(self) -> dict:
        """The JSON summary of an import: matched count, unmatched lines, values, notes."""
        values: dict[str, str] = {}
        notes: dict[str, str] = {}
        for row in self.rows:
            if row.value:
                values[row.code] = row.value
            elif row.text:
                values[row.code] = row.text
            if row.value and row.printed and carries_text(row.printed):
                notes[row.code] = row.printed
        return {
            "matched": len(self.rows),
            "unmatched": [{"line": u["line"], "text": u["text"]} for u in self.unmatched],
            "values": values,
            "notes": notes,
        }

    def too_long(self) -> list[str]:
        """The refusal of each narrative section of the file over the length limit."""
        return [
            MSG_SECTION_TOO_LONG.format(
                heading=section.heading,
                line=section.line,
                length=grouped(len(section.text)),
                limit=grouped(NARRATIVE_MAX_CHARS),
            )
            for section in self.sections
            if len(section.text) > NARRATIVE_MAX_CHARS
        ]

    def as_data(self) -> dict:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> AnnexMatch:
        return cls(
            template_id=data["template_id"],
            source_format=data["source_format"],
            rows=[MatchedRow(**row) for row in data["rows"]],
            unmatched=list(data["unmatched"]),
            sections=[MatchedSection(**section) for section in data["sections"]],
            cells=[MatchedCell(**cell) for cell in data.get("cells", [])],
        )

    def tables_summary(self) -> dict[str, dict[str, dict[str, str]]]:
        """The tables' cells with a value: {table: {row: {column: plain decimal}}}."""
        tables: dict[str, dict[str, dict[str, str]]] = {}
        for cell in self.cells:
            if cell.value:
                row = tables.setdefault(cell.table_code, {}).setdefault(cell.row_code, {})
                row[cell.column_code] = cell.value
        return tables


def is_percentage(indicator: Indicator) -> bool:
    return indicator.value_type == ValueType.PERCENT or indicator.unit.strip() == "%"


def printed_cell(indicator: Indicator, row) -> str:
    """The value cell as the clerk meant it: a workbook's percentage cell is the percentage it
    shows ("90") for a percentage, the number it stores for anything else."""
    stored = row.stored_value if isinstance(row, SourceRow) else ""
    return (stored if stored and not is_percentage(indicator) else row.value).strip()


def _file_text(row) -> str:
    return f"{row.printed_code} {row.name}".strip() if row.printed_code else row.name


def _assign(indicators: list[Indicator], tree_rows: list) -> dict[int, tuple[Indicator, str]]:
    """Which indicator each tree row is (by index), in passes from the surest to the loosest,
    so that a row the template lacks (or the file inserted) never takes a neighbour's code:
    the exported code; the same code and name; the same name under another code (a template
    renumbered since); the same code with a slightly different name; a close name."""
    by_code = {indicator.code: indicator for indicator in indicators}
    by_key: dict[tuple[str, bool], list[Indicator]] = {}
    for indicator in indicators:
        by_key.setdefault((name_key(indicator.name), indicator.is_breakdown), []).append(indicator)
    used: set[int] = set()
    found: dict[int, tuple[Indicator, str]] = {}

    def take(index: int, indicator: Indicator | None, how: str) -> None:
        if indicator is not None and indicator.pk not in used and index not in found:
            found[index] = (indicator, how)
            used.add(indicator.pk)

    for index, tree_row in enumerate(tree_rows):
        hint = tree_row.source.code_hint if isinstance(tree_row.source, SourceRow) else ""
        take(index, by_code.get(hint), "code")
    for index, tree_row in enumerate(tree_rows):
        candidate = by_code.get(tree_row.code)
        if candidate is not None and similarity(tree_row.name, candidate.name) == 1.0:
            take(index, candidate, "code")
    position = {indicator.pk: number for number, indicator in enumerate(indicators)}
    for index, tree_row in enumerate(tree_rows):
        same = [
            candidate
            for candidate in by_key.get((name_key(tree_row.name), tree_row.is_breakdown), [])
            if candidate.pk not in used
        ]
        # A name printed twice ("Trả trực tiếp" under two rows): the one nearest in the table.
        same.sort(key=lambda candidate: abs(position[candidate.pk] - index))
        take(index, same[0] if same else None, "name")
    for index, tree_row in enumerate(tree_rows):
        candidate = by_code.get(tree_row.code)
        if (
            candidate is not None
            and similarity(tree_row.name, candidate.name) >= SAME_CODE_MIN_SIMILARITY
        ):
            take(index, candidate, "code")
    code_of = {tree_rows[index].code: found[index][0] for index in found}
    floor = NAME_MIN_SIMILARITY - SAME_PARENT_BONUS
    for index, tree_row in enumerate(tree_rows):
        if index in found:
            continue
        parent = code_of.get(tree_row.parent_code or "")
        best, best_score = None, 0.0
        for candidate in indicators:
            if candidate.pk in used or candidate.is_breakdown != tree_row.is_breakdown:
                continue
            score = similarity(tree_row.name, candidate.name, floor=floor)
            if parent is not None and candidate.parent_id == parent.pk:
                score += SAME_PARENT_BONUS
            if score > best_score:
                best, best_score = candidate, score
        if best_score >= NAME_MIN_SIMILARITY:
            take(index, best, "name")
    return found


def match_annex(template: IndicatorTemplate, source: AnnexSource) -> AnnexMatch:
    """Every row of the file placed on the template (or listed as unmatched), every value read."""
    indicators = list(template.indicators.order_by("position"))
    result = AnnexMatch(template_id=template.pk, source_format=source.format)
    unmatched: list[tuple[int, str]] = list(source.annex.unplaced)
    tree = build_tree(source.annex.rows)
    placed = {id(tree_row.source) for tree_row in tree.rows}
    unmatched += [
        (row.line, MSG_NO_MATCH.format(text=_file_text(row), template=template.code))
        for row in source.annex.rows
        if id(row) not in placed
    ]
    found = _assign(indicators, tree.rows)
    for index, tree_row in enumerate(tree.rows):
        row = tree_row.source
        assert row is not None
        if index not in found:
            text = MSG_NO_MATCH.format(text=_file_text(row), template=template.code)
            unmatched.append((row.line, text))
            continue
        indicator, how = found[index]
        printed = printed_cell(indicator, row)
        try:
            meaning = interpret_printed(indicator, printed)
        except ValueError as error:
            unmatched.append((row.line, MSG_BAD_VALUE.format(text=_file_text(row), reason=error)))
            continue
        result.rows.append(
            MatchedRow(
                line=row.line,
                indicator_id=indicator.pk,
                code=indicator.code,
                name=indicator.name,
                file_text=_file_text(row),
                printed=meaning.printed,
                note=row.note.strip(),
                value=plain(meaning.value) if meaning.value is not None else "",
                text=meaning.text,
                how=how,
            )
        )
    tables = match_tables(template, source.tables)
    result.cells = tables.cells
    unmatched += tables.unmatched
    result.unmatched = [{"line": line, "text": text} for line, text in sorted(unmatched)]
    outline = list(template.outline.order_by("position"))
    if source.lines and outline:
        sections = match_outline(
            source.lines,
            [(s.level, s.heading) for s in outline],
            whole=source.narrative_only,
        )
        for index, section in sorted(sections.items()):
            result.sections.append(
                MatchedSection(
                    outline_id=outline[index].pk,
                    level=outline[index].level,
                    outline_heading=outline[index].heading,
                    heading=section.heading,
                    text=section.text,
                    line=section.line,
                )
            )
    return result


NEW = "new"
CHANGED = "changed"
SAME = "same"
CLEARED = "cleared"
EMPTY = "empty"
CHANGE_LABELS = {
    NEW: "thêm",
    CHANGED: "thay đổi",
    SAME: "giữ nguyên",
    CLEARED: "xóa (ô trống trong tệp)",
    EMPTY: "trống",
}


@dataclass(frozen=True)
class RowChange:
    row: MatchedRow
    current: str  # what the report holds now, as printed
    status: str  # NEW, CHANGED, SAME, CLEARED or EMPTY

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.status]


class StoredValue(Protocol):
    """What the preview reads of a stored value (a report's ``IndicatorValue``)."""

    @property
    def value(self) -> Decimal | None: ...
    @property
    def text(self) -> str: ...
    @property
    def printed(self) -> str: ...


def preview_changes(report_values: Mapping[int, StoredValue], match: AnnexMatch) -> list[RowChange]:
    """What the import would do to each matched row, given the report's stored values (by
    indicator id: anything with ``value``, ``text`` and ``printed``)."""
    changes = []
    for row in match.rows:
        stored = report_values.get(row.indicator_id)
        has_stored = stored is not None and (stored.value is not None or bool(stored.text))
        current = ""
        if stored is not None:
            current = stored.printed or stored.text or plain(stored.value)
        if row.value == "" and not row.text:
            status = CLEARED if has_stored else EMPTY
        elif stored is None or not has_stored:
            status = NEW
        elif (stored.value, stored.text) == (row.decimal, row.text):
            status = SAME
        else:
            status = CHANGED
        changes.append(RowChange(row=row, current=current, status=status))
    return changes
