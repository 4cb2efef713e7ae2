"""The tables by field of a file (``indicators.importers.field_tables``) matched to a template's
tables: which table is which, which column, which row, and what each cell says.

- A table is the template's table whose columns it matches best (their header paths, "Số hồ sơ
  nhận giải quyết / Trong đó / Số kỳ trước chuyển qua", compared by wording as names are), its
  title helping between tables alike.
- A column is matched by its header path, in order of likeness, a column at the same place
  being preferred between equals (three columns are "Tổng số", under different groups).
- A row is matched by its field ("Hộ tịch"), its STT telling apart two fields alike; a total
  ("Tổng cộng") is the template's total row. The rows the portal's own workbook adds under a
  table (the total by formula and the difference) are not the commune's and are skipped.
- A cell is read as printed ("1.234", "12"); an empty cell of a matched row clears the stored
  one (blank is not zero), as an empty annex cell does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.numbers import NumberFormatError, parse_number, plain
from indicators.importers.field_tables import ParsedTable, ParsedTableRow
from indicators.importers.matching import name_key, similarity
from indicators.models import FieldTable, IndicatorTemplate, TableColumn, TableRow
from reports.exports.xlsx import COMPUTED_TOTAL_LABEL, DIFFERENCE_LABEL

COLUMN_MIN_SIMILARITY = 0.6
SAME_PLACE_BONUS = 0.05
ROW_MIN_SIMILARITY = 0.85
SAME_STT_BONUS = 0.05
TITLE_WEIGHT = 0.2
# A file's table is the template's when it matches at least this share of its columns.
MIN_COLUMNS_MATCHED = 0.5
TOTAL_PREFIXES = ("tong cong", "tong so", "cong")
PORTAL_ROWS = {name_key(COMPUTED_TOTAL_LABEL), name_key(DIFFERENCE_LABEL)}

MSG_ROW_NO_MATCH = "Bảng “{table}”, dòng “{text}”: không có dòng tương ứng trong mẫu."
MSG_COLUMN_NO_MATCH = "Bảng “{table}”, cột “{text}”: không có cột tương ứng trong mẫu."
MSG_CELL = "Bảng “{table}”, dòng “{row}”, cột “{column}”: {reason}"
MSG_FORMULA = "công thức chưa có giá trị tính sẵn (hãy mở tệp bằng Excel, lưu lại rồi tải lên)."
MSG_NOT_A_TABLE = "Bảng “{table}” trong tệp không khớp với bảng nào của mẫu {template}."


@dataclass
class MatchedCell:
    line: int
    table_code: str
    row_id: int
    row_code: str
    column_id: int
    column_code: str
    printed: str  # the cell as printed ("" when empty: the stored cell is cleared)
    value: str  # a plain decimal, or ""

    @property
    def decimal(self) -> Decimal | None:
        return Decimal(self.value) if self.value else None


@dataclass
class TableMatches:
    cells: list[MatchedCell]
    unmatched: list[tuple[int, str]]  # (line, text)
    found: list[str]  # codes of the template's tables found in the file


def column_path(column: TableColumn) -> str:
    groups = [part.strip() for part in column.group.split("/") if part.strip()]
    return " / ".join([*groups, column.label])


def _map_columns(
    parsed: ParsedTable, columns: list[TableColumn]
) -> tuple[dict[int, TableColumn], float]:
    """File column index → template column, and the mean likeness of the pairs."""
    scored = []
    for index, path in enumerate(parsed.columns):
        text = " / ".join(path)
        for place, column in enumerate(columns):
            score = similarity(text, column_path(column), floor=COLUMN_MIN_SIMILARITY)
            if score >= COLUMN_MIN_SIMILARITY:
                bonus = SAME_PLACE_BONUS if index == place else 0.0
                scored.append((score + bonus, -abs(index - place), index, column))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    mapping: dict[int, TableColumn] = {}
    used: set[int] = set()
    total = 0.0
    for score, _, index, column in scored:
        if index in mapping or column.pk in used:
            continue
        mapping[index] = column
        used.add(column.pk)
        total += score
    return mapping, total / len(mapping) if mapping else 0.0


def _row_text(row: ParsedTableRow) -> str:
    return f"{row.stt} {row.label}".strip()


def _is_total(label: str) -> bool:
    return name_key(label).startswith(TOTAL_PREFIXES)


def _map_row(row: ParsedTableRow, rows: list[TableRow], used: set[int]) -> TableRow | None:
    candidates = [candidate for candidate in rows if candidate.pk not in used]
    if _is_total(row.label):
        total = next((candidate for candidate in candidates if candidate.is_total), None)
        if total is not None:
            return total
    best, best_score = None, 0.0
    for candidate in candidates:
        score = similarity(row.label, candidate.label, floor=ROW_MIN_SIMILARITY - SAME_STT_BONUS)
        if row.stt and row.stt.rstrip(".") == candidate.printed_code.rstrip("."):
            score += SAME_STT_BONUS
        if score > best_score:
            best, best_score = candidate, score
    return best if best_score >= ROW_MIN_SIMILARITY else None


def match_tables(template: IndicatorTemplate, parsed_tables: list[ParsedTable]) -> TableMatches:
    """Every cell of the file's tables by field placed on the template's tables, or listed."""
    result = TableMatches(cells=[], unmatched=[], found=[])
    tables = list(
        FieldTable.objects.filter(template=template)
        .order_by("position")
        .prefetch_related("columns", "rows")
    )
    columns_of = {
        table.pk: sorted(table.columns.all(), key=lambda column: column.position)
        for table in tables
    }
    pairs = []
    for index, parsed in enumerate(parsed_tables):
        for table in tables:
            columns = columns_of[table.pk]
            mapping, likeness = _map_columns(parsed, columns)
            if not columns or len(mapping) < MIN_COLUMNS_MATCHED * len(columns):
                continue
            title = similarity(parsed.title, table.title) if parsed.title else 0.0
            score = likeness * len(mapping) / len(columns) + TITLE_WEIGHT * title
            pairs.append((score, index, table, mapping))
    pairs.sort(key=lambda item: item[0], reverse=True)
    chosen: dict[int, tuple[FieldTable, dict[int, TableColumn]]] = {}
    taken: set[int] = set()
    for _, index, table, mapping in pairs:
        if index not in chosen and table.pk not in taken:
            chosen[index] = (table, mapping)
            taken.add(table.pk)
    for index, parsed in enumerate(parsed_tables):
        name = parsed.title or parsed.sheet or str(index + 1)
        if index not in chosen:
            line = parsed.rows[0].line if parsed.rows else 0
            result.unmatched.append(
                (line, MSG_NOT_A_TABLE.format(table=name, template=template.code))
            )
            continue
        table, mapping = chosen[index]
        result.found.append(table.code)
        _read_cells(parsed, table, mapping, result)
    return result


def _read_cells(
    parsed: ParsedTable,
    table: FieldTable,
    mapping: dict[int, TableColumn],
    result: TableMatches,
) -> None:
    first_line = parsed.rows[0].line if parsed.rows else 0
    for index, path in enumerate(parsed.columns):
        if index not in mapping and path:
            text = " / ".join(path)
            result.unmatched.append(
                (first_line, MSG_COLUMN_NO_MATCH.format(table=table.title, text=text))
            )
    rows = sorted(table.rows.all(), key=lambda row: row.position)
    used: set[int] = set()
    for row in parsed.rows:
        if name_key(row.label) in PORTAL_ROWS:
            continue
        template_row = _map_row(row, rows, used)
        if template_row is None:
            result.unmatched.append(
                (row.line, MSG_ROW_NO_MATCH.format(table=table.title, text=_row_text(row)))
            )
            continue
        used.add(template_row.pk)
        for index, column in mapping.items():
            printed = row.cells[index].strip() if index < len(row.cells) else ""
            if (row.line, index) in parsed.formulas_without_values:
                where = {"table": table.title, "row": row.label, "column": column.label}
                result.unmatched.append((row.line, MSG_CELL.format(**where, reason=MSG_FORMULA)))
                continue
            try:
                number = parse_number(printed)
            except NumberFormatError as error:
                if error.suggestion is None:
                    where = {"table": table.title, "row": row.label, "column": column.label}
                    reason = error.message
                    result.unmatched.append((row.line, MSG_CELL.format(**where, reason=reason)))
                    continue
                number = error.suggestion
            result.cells.append(
                MatchedCell(
                    line=row.line,
                    table_code=table.code,
                    row_id=template_row.pk,
                    row_code=template_row.code,
                    column_id=column.pk,
                    column_code=column.code,
                    printed=printed,
                    value=plain(number) if number is not None else "",
                )
            )
