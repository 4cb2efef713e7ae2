"""Tables by field (lĩnh vực): every row's parts add up to its totals (the identities, through
the columns' tags), and every column adds up to the total row."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from indicators.validation.findings import ERROR, TABLE, Finding, addition, num, shorten, values_of
from indicators.validation.identities import TableRowScope, scope_findings
from indicators.validation.snapshot import ReportData, TableInfo

MSG_COLUMN = (
    "Bảng “{table}”, cột “{column}”: các dòng cộng lại {addition} = {sum} "
    "nhưng dòng “{total_row}” ghi {total}."
)
MSG_BLANK_AS_ZERO = " (ô trống tính là 0)"


def table_findings(data: ReportData) -> Iterator[Finding]:
    for table in data.template.tables:
        for row in table.rows:
            yield from scope_findings(TableRowScope(data, table, row.code, row.label))
        yield from column_findings(data, table)


def column_findings(data: ReportData, table: TableInfo) -> Iterator[Finding]:
    total_row = table.total_row
    if total_row is None:
        return
    body = table.body_rows
    for column in table.columns:
        total = data.cell(table.code, total_row.code, column.code)
        values = [data.cell(table.code, row.code, column.code) for row in body]
        if total is None or all(v is None for v in values):
            continue
        summed = sum((v for v in values if v is not None), Decimal(0))
        if summed == total:
            continue
        message = MSG_COLUMN.format(
            table=shorten(table.title),
            column=_column_label(column.label, column.group),
            addition=addition(values),
            sum=num(summed),
            total_row=total_row.label,
            total=num(total),
        )
        if any(v is None for v in values):
            message = message[:-1] + MSG_BLANK_AS_ZERO + "."
        yield Finding(
            "table.column_sum",
            ERROR,
            message,
            (
                table.cell_code(total_row.code, column.code),
                *(table.cell_code(row.code, column.code) for row in body),
            ),
            values_of([total, *values]),
            TABLE,
        )


def _column_label(label: str, group: str) -> str:
    """ "Tổng số" alone says little: name its group ("Số hồ sơ đã giải quyết – Tổng số")."""
    if group and label.lower() in {"tổng số", "tổng"}:
        return f"{group.split(' / ')[-1]} – {label}"
    return label
