"""The cell styles of the XLSX annex: each combination registered once per sheet (``CellStyles``),
every cell as formatted as if its font, alignment and border had been set one by one."""

from __future__ import annotations

from copy import copy

import pytest
from openpyxl import Workbook

from reports.exports import render_report
from reports.exports.xlsx import ANNEX_SHEET, FIELD_SHEET
from reports.exports.xlsx_layout import BOLD, CENTRE, GRID, REGULAR, RIGHT, CellStyles, write_text
from tests.reports.exports.conftest import BINH_THANH, SON_PHU, open_xlsx


def test_a_cached_style_is_the_style_set_attribute_by_attribute():
    sheet = Workbook().active
    direct = sheet["A1"]
    direct.font, direct.alignment, direct.border = BOLD, RIGHT, GRID
    direct.number_format = "#,##0.00"
    styles = CellStyles()
    first, cached = sheet["B1"], sheet["C1"]
    styles.apply(first, BOLD, RIGHT, GRID, "#,##0.00")
    styles.apply(cached, BOLD, RIGHT, GRID, "#,##0.00")
    for cell in (first, cached):
        # (copies: the proxies openpyxl hands out compare equal to the objects, not each other)
        assert copy(cell.font) == copy(direct.font)
        assert copy(cell.alignment) == copy(direct.alignment)
        assert copy(cell.border) == copy(direct.border)
        assert cell.number_format == "#,##0.00"
        assert cell._style == direct._style
    # Each cell has a style array of its own: changing one leaves the others as they were.
    assert cached._style is not first._style


def test_another_combination_gets_its_own_style():
    sheet = Workbook().active
    styles = CellStyles()
    styles.apply(sheet["A1"], BOLD, CENTRE, GRID)
    styles.apply(sheet["A2"], REGULAR, CENTRE, GRID)
    styles.apply(sheet["A3"], REGULAR, CENTRE)
    styles.apply(sheet["A4"], REGULAR, CENTRE, GRID, "0")
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet["A2"].border.left.style == "thin" and sheet["A3"].border.left.style is None
    assert (sheet["A2"].number_format, sheet["A4"].number_format) == ("General", "0")


def test_the_quote_prefix_of_one_text_does_not_reach_the_next_cells():
    sheet = Workbook().active
    styles = CellStyles()
    formula_like, plain = sheet["A1"], sheet["A2"]
    styles.apply(formula_like, REGULAR, CENTRE, GRID)
    write_text(formula_like, "=1+1")
    styles.apply(plain, REGULAR, CENTRE, GRID)
    write_text(plain, "1+1")
    assert formula_like.quotePrefix and formula_like.data_type == "s"
    assert not plain.quotePrefix


def _outer_sides(sheet, row: int, column: int) -> list[str]:
    """The sides of a cell that lie on the outline of its merged range (or of itself)."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            sides = []
            if row == merged.min_row:
                sides.append("top")
            if row == merged.max_row:
                sides.append("bottom")
            if column == merged.min_col:
                sides.append("left")
            if column == merged.max_col:
                sides.append("right")
            return sides
    return ["top", "bottom", "left", "right"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "title", "first_column", "last_column"),
    [(SON_PHU, ANNEX_SHEET, 1, 5), (BINH_THANH, FIELD_SHEET, 1, None)],
)
def test_every_cell_of_the_grid_is_outlined_merged_header_cells_included(
    seed_report, key, title, first_column, last_column
):
    sheet = open_xlsx(render_report(seed_report(key), "xlsx"))[title]
    top = next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "STT")
    last_column = last_column or sheet.max_column
    header_cells = 0
    for row in range(top, sheet.max_row + 1):
        for column in range(first_column, last_column + 1):
            cell = sheet.cell(row=row, column=column)
            for side in _outer_sides(sheet, row, column):
                assert getattr(cell.border, side).style == "thin", (cell.coordinate, side)
            header_cells += row == top
    assert header_cells == last_column - first_column + 1
