"""Floors of the export benchmarks: the same file written straight with the library.

A floor is what the file costs to write when everything in it is already known: the cells,
values, styles, merges and page set-up of the XLSX annex with openpyxl; the paragraphs, runs and
tables of the DOCX báo cáo with python-docx's object API. The plan of each floor is read from
the portal's own export of the same report (outside the timing), so the floor writes the same
content: :func:`xlsx_differences` checks that the floor's workbook is the export's, cell by cell
(value, type, font, alignment, border, fill, number format, protection, quote prefix, merged
cells included) with the same merges, sizes, frozen panes and page set-up; :func:`docx_texts`
that the floor's document has the export's paragraphs, in the same order.

The XLSX floor uses openpyxl the fastest way it allows: one shared Font, Alignment and Border
per kind of cell, each combination registered once per workbook and its style array copied to
every cell that has it (``cell._style = copy(...)``, openpyxl's own idiom for copying a style:
setting ``cell.font`` and the rest one by one hashes the style objects again for every cell).
"""

from __future__ import annotations

import io
from copy import copy
from dataclasses import dataclass, field

import openpyxl
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles.proxy import StyleProxy

# ----------------------------------------------------------------------------------- XLSX


@dataclass(frozen=True)
class XlsxStyle:
    font: object
    alignment: object
    border: object
    number_format: str
    quote_prefix: bool


@dataclass
class SheetPlan:
    title: str
    # (row, column, value, text that starts like a formula, index in XlsxPlan.styles or None)
    cells: list[tuple[int, int, object, bool, int | None]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    columns: list[tuple[str, float | None, bool]] = field(default_factory=list)
    heights: list[tuple[int, float]] = field(default_factory=list)
    freeze: str | None = None
    title_rows: str | None = None
    paper_size: int | None = None
    orientation: str | None = None
    fit_to_page: bool = False
    fit_to_width: int | None = None
    fit_to_height: int | None = None
    margins: object = None
    centred: bool = False
    footer_text: str | None = None
    footer_font: str | None = None


@dataclass
class XlsxPlan:
    title: str
    creator: str
    language: str
    styles: list[XlsxStyle]
    sheets: list[SheetPlan]

    @property
    def cell_count(self) -> int:
        return sum(len(sheet.cells) for sheet in self.sheets)


def xlsx_plan(data: bytes) -> XlsxPlan:
    """Everything the workbook ``data`` holds that a writer sets: values, styles, merges,
    column widths, row heights, frozen panes, page set-up and document properties."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    styles: list[XlsxStyle] = []
    index_of: dict[XlsxStyle, int] = {}
    sheets = []
    for sheet in workbook:
        plan = SheetPlan(title=sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell, MergedCell):
                    continue  # the merge formats it, from its range's first cell
                style = None
                if cell.has_style:
                    key = XlsxStyle(
                        copy(cell.font),
                        copy(cell.alignment),
                        copy(cell.border),
                        cell.number_format,
                        bool(cell.quotePrefix),
                    )
                    style = index_of.get(key)
                    if style is None:
                        style = index_of[key] = len(styles)
                        styles.append(key)
                value = cell.value
                if value is None and cell.data_type in ("s", "inlineStr"):
                    value = ""  # written as an empty text cell, kept so
                if value is None and style is None:
                    continue
                text_formula = cell.data_type == "s" and str(value).startswith("=")
                plan.cells.append((cell.row, cell.column, value, text_formula, style))
        plan.merges = sorted(str(merged) for merged in sheet.merged_cells.ranges)
        plan.columns = [
            (letter, dimension.width, bool(dimension.hidden))
            for letter, dimension in sheet.column_dimensions.items()
        ]
        plan.heights = [
            (row, dimension.height)
            for row, dimension in sheet.row_dimensions.items()
            if dimension.height is not None
        ]
        plan.freeze = sheet.freeze_panes
        plan.title_rows = sheet.print_title_rows
        plan.paper_size = sheet.page_setup.paperSize
        plan.orientation = sheet.page_setup.orientation
        plan.fit_to_page = bool(sheet.sheet_properties.pageSetUpPr.fitToPage)
        plan.fit_to_width = sheet.page_setup.fitToWidth
        plan.fit_to_height = sheet.page_setup.fitToHeight
        plan.margins = sheet.page_margins
        plan.centred = bool(sheet.print_options.horizontalCentered)
        plan.footer_text = sheet.oddFooter.center.text
        plan.footer_font = sheet.oddFooter.center.font
        sheets.append(plan)
    properties = workbook.properties
    return XlsxPlan(properties.title, properties.creator, properties.language, styles, sheets)


def write_xlsx(plan: XlsxPlan) -> bytes:
    """The floor: the planned workbook written with openpyxl, as bytes."""
    workbook = Workbook()
    workbook.properties.title = plan.title
    workbook.properties.creator = plan.creator
    workbook.properties.language = plan.language
    arrays: dict[int, object] = {}  # style index → its style array in this workbook
    for number, sheet_plan in enumerate(plan.sheets):
        sheet = workbook.active if number == 0 else workbook.create_sheet()
        sheet.title = sheet_plan.title
        for row, column, value, text_formula, style in sheet_plan.cells:
            cell = sheet.cell(row=row, column=column)
            if value is not None:
                cell.value = value
                if text_formula:
                    cell.data_type = "s"
            if style is not None:
                array = arrays.get(style)
                if array is None:
                    wanted = plan.styles[style]
                    cell.font = wanted.font
                    cell.alignment = wanted.alignment
                    cell.border = wanted.border
                    cell.number_format = wanted.number_format
                    cell.quotePrefix = wanted.quote_prefix
                    arrays[style] = copy(cell._style)
                else:
                    cell._style = copy(array)
        for merged in sheet_plan.merges:
            sheet.merge_cells(merged)
        for letter, width, hidden in sheet_plan.columns:
            dimension = sheet.column_dimensions[letter]
            dimension.width = width
            dimension.hidden = hidden
        for row, height in sheet_plan.heights:
            sheet.row_dimensions[row].height = height
        sheet.freeze_panes = sheet_plan.freeze
        sheet.page_setup.paperSize = sheet_plan.paper_size
        sheet.page_setup.orientation = sheet_plan.orientation
        sheet.sheet_properties.pageSetUpPr.fitToPage = sheet_plan.fit_to_page
        sheet.page_setup.fitToWidth = sheet_plan.fit_to_width
        sheet.page_setup.fitToHeight = sheet_plan.fit_to_height
        sheet.page_margins = sheet_plan.margins
        sheet.print_options.horizontalCentered = sheet_plan.centred
        if sheet_plan.title_rows:
            sheet.print_title_rows = sheet_plan.title_rows.replace("$", "")
        sheet.oddFooter.center.text = sheet_plan.footer_text
        sheet.oddFooter.center.font = sheet_plan.footer_font
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_differences(expected: bytes, actual: bytes, limit: int = 10) -> list[str]:
    """Where two workbooks differ in anything :func:`xlsx_plan` reads, cell by cell (merged
    cells included): empty when the floor wrote the same workbook as the export."""
    first, second = (openpyxl.load_workbook(io.BytesIO(data)) for data in (expected, actual))
    found: list[str] = []
    if first.sheetnames != second.sheetnames:
        return [f"sheets {first.sheetnames} ≠ {second.sheetnames}"]
    for attribute in ("title", "creator", "language"):
        mine, theirs = (getattr(book.properties, attribute) for book in (first, second))
        if mine != theirs:
            found.append(f"document {attribute} {mine!r} ≠ {theirs!r}")
    for name in first.sheetnames:
        one, two = first[name], second[name]
        if (one.max_row, one.max_column) != (two.max_row, two.max_column):
            found.append(f"{name}: size {one.dimensions} ≠ {two.dimensions}")
        for row in range(1, max(one.max_row, two.max_row) + 1):
            for column in range(1, max(one.max_column, two.max_column) + 1):
                a, b = one.cell(row=row, column=column), two.cell(row=row, column=column)
                for attribute in (
                    "value",
                    "data_type",
                    "font",
                    "alignment",
                    "border",
                    "fill",
                    "number_format",
                    "protection",
                    "quotePrefix",
                ):
                    mine, theirs = getattr(a, attribute), getattr(b, attribute)
                    if isinstance(mine, StyleProxy):
                        mine, theirs = copy(mine), copy(theirs)
                    if mine != theirs:
                        found.append(f"{name}!{a.coordinate}: {attribute} differs")
        plans = [xlsx_plan_of_sheet(sheet) for sheet in (one, two)]
        for key in plans[0]:
            if plans[0][key] != plans[1][key]:
                found.append(f"{name}: {key} {plans[0][key]!r} ≠ {plans[1][key]!r}")
        if len(found) >= limit:
            break
    return found[:limit]


def xlsx_plan_of_sheet(sheet) -> dict[str, object]:
    return {
        "merges": sorted(str(merged) for merged in sheet.merged_cells.ranges),
        "columns": sorted(
            (letter, d.width, bool(d.hidden)) for letter, d in sheet.column_dimensions.items()
        ),
        "heights": sorted(
            (row, d.height) for row, d in sheet.row_dimensions.items() if d.height is not None
        ),
        "freeze": sheet.freeze_panes,
        "title rows": sheet.print_title_rows,
        "page": (
            sheet.page_setup.paperSize,
            sheet.page_setup.orientation,
            sheet.page_setup.fitToWidth,
            sheet.page_setup.fitToHeight,
            bool(sheet.sheet_properties.pageSetUpPr.fitToPage),
            bool(sheet.print_options.horizontalCentered),
        ),
        "margins": sheet.page_margins,
        "footer": (sheet.oddFooter.center.text, sheet.oddFooter.center.font),
    }


# ----------------------------------------------------------------------------------- DOCX
#
# The DOCX floor builds the same body with python-docx's object API, used row by row (never
# ``table.cell()``, which walks the whole table): the same paragraphs with their alignment,
# spacing and indents, the same runs (text, bold, italic, size, superscript, Times New Roman
# in every script slot), the same tables (column widths, grid borders, spans and vertical
# merges, cells centred vertically) and sections (page size, orientation, margins). What
# python-docx has no API for is left out, which makes the floor cheaper, not dearer: the
# paragraph rules, repeated header rows, footnotes and the page-number field of the headers.

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FONT_NAME = "Times New Roman"
ALIGNMENTS = {
    "left": WD_PARAGRAPH_ALIGNMENT.LEFT,
    "center": WD_PARAGRAPH_ALIGNMENT.CENTER,
    "right": WD_PARAGRAPH_ALIGNMENT.RIGHT,
    "both": WD_PARAGRAPH_ALIGNMENT.JUSTIFY,
}


@dataclass
class RunPlan:
    text: str
    bold: bool
    italic: bool
    half_points: int | None
    superscript: bool


@dataclass
class ParagraphPlan:
    align: str | None = None
    before: int | None = None
    after: int | None = None
    line: int | None = None
    exact: bool = False
    left: int | None = None
    right: int | None = None
    first_line: int | None = None
    keep_next: bool = False
    runs: list[RunPlan] = field(default_factory=list)


@dataclass
class CellPlan:
    span: int
    vmerge: str | None  # "restart", "continue" or None
    centred: bool
    paragraphs: list[ParagraphPlan]


@dataclass
class TablePlan:
    widths: list[int]
    borders: bool
    rows: list[list[CellPlan]]


@dataclass
class SectionPlan:
    width: int
    height: int
    landscape: bool
    margins: tuple[int, int, int, int, int, int]  # top, bottom, left, right, header, footer


@dataclass
class DocxPlan:
    title: str
    author: str
    body: list  # ParagraphPlan | TablePlan | SectionPlan (a section ends there)
    last_section: SectionPlan
    paragraphs: int = 0
    cells: int = 0


def _int(element, attribute: str) -> int | None:
    if element is None:
        return None
    value = element.get(W + attribute)
    return int(value) if value is not None else None


def _section_plan(sect_pr) -> SectionPlan:
    size, margins = sect_pr.find(W + "pgSz"), sect_pr.find(W + "pgMar")
    return SectionPlan(
        width=_int(size, "w"),
        height=_int(size, "h"),
        landscape=size.get(W + "orient") == "landscape",
        margins=tuple(
            _int(margins, side) or 0
            for side in ("top", "bottom", "left", "right", "header", "footer")
        ),
    )


def _paragraph_plan(p) -> ParagraphPlan:
    plan = ParagraphPlan()
    properties = p.find(W + "pPr")
    if properties is not None:
        jc, spacing, ind = (properties.find(W + tag) for tag in ("jc", "spacing", "ind"))
        plan.align = jc.get(W + "val") if jc is not None else None
        plan.before, plan.after = _int(spacing, "before"), _int(spacing, "after")
        plan.line = _int(spacing, "line")
        plan.exact = spacing is not None and spacing.get(W + "lineRule") == "exact"
        plan.left, plan.right = _int(ind, "left"), _int(ind, "right")
        plan.first_line = _int(ind, "firstLine")
        plan.keep_next = properties.find(W + "keepNext") is not None
    for run in p.iter(W + "r"):
        pieces = []
        for child in run:
            if child.tag == W + "t":
                pieces.append(child.text or "")
            elif child.tag == W + "br":
                pieces.append("\n")
        if not pieces:
            continue  # a footnote reference, a field character
        rpr = run.find(W + "rPr")
        size = rpr.find(W + "sz") if rpr is not None else None
        vertical = rpr.find(W + "vertAlign") if rpr is not None else None
        plan.runs.append(
            RunPlan(
                text="".join(pieces),
                bold=rpr is not None and rpr.find(W + "b") is not None,
                italic=rpr is not None and rpr.find(W + "i") is not None,
                half_points=_int(size, "val"),
                superscript=vertical is not None and vertical.get(W + "val") == "superscript",
            )
        )
    return plan


def docx_plan(data: bytes) -> DocxPlan:
    """The body of the document ``data``: its paragraphs, tables and sections."""
    document = Document(io.BytesIO(data))
    body = document.element.body
    plan = DocxPlan(
        title=document.core_properties.title,
        author=document.core_properties.author,
        body=[],
        last_section=_section_plan(body.find(W + "sectPr")),
    )
    for child in body:
        if child.tag == W + "p":
            sect_pr = child.find(f"{W}pPr/{W}sectPr")
            if sect_pr is not None:
                plan.body.append(_section_plan(sect_pr))
            else:
                plan.body.append(_paragraph_plan(child))
                plan.paragraphs += 1
        elif child.tag == W + "tbl":
            borders = child.find(f"{W}tblPr/{W}tblBorders/{W}top")
            table = TablePlan(
                widths=[_int(column, "w") for column in child.iter(W + "gridCol")],
                borders=borders is not None and borders.get(W + "val") != "nil",
                rows=[],
            )
            for tr in child.findall(W + "tr"):
                cells = []
                for tc in tr.findall(W + "tc"):
                    tc_pr = tc.find(W + "tcPr")
                    span = tc_pr.find(W + "gridSpan") if tc_pr is not None else None
                    vmerge = tc_pr.find(W + "vMerge") if tc_pr is not None else None
                    valign = tc_pr.find(W + "vAlign") if tc_pr is not None else None
                    paragraphs = [_paragraph_plan(p) for p in tc.findall(W + "p")]
                    cells.append(
                        CellPlan(
                            span=_int(span, "val") or 1,
                            vmerge=None
                            if vmerge is None
                            else (vmerge.get(W + "val") or "continue"),
                            centred=valign is not None and valign.get(W + "val") == "center",
                            paragraphs=paragraphs,
                        )
                    )
                    plan.paragraphs += len(paragraphs)
                    plan.cells += 1
                table.rows.append(cells)
            plan.body.append(table)
    return plan


def write_docx(plan: DocxPlan) -> bytes:
    """The floor: the planned document built with python-docx's object API, as bytes."""

    def set_section(section, wanted: SectionPlan) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if wanted.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(wanted.width), Twips(wanted.height)
        top, bottom, left, right, header, footer = (Twips(m) for m in wanted.margins)
        section.top_margin, section.bottom_margin = top, bottom
        section.left_margin, section.right_margin = left, right
        section.header_distance, section.footer_distance = header, footer

    def fill(paragraph, wanted: ParagraphPlan) -> None:
        layout = paragraph.paragraph_format
        if wanted.align in ALIGNMENTS:
            layout.alignment = ALIGNMENTS[wanted.align]
        if wanted.before is not None:
            layout.space_before = Twips(wanted.before)
        if wanted.after is not None:
            layout.space_after = Twips(wanted.after)
        if wanted.line is not None:
            if wanted.exact:
                layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                layout.line_spacing = Twips(wanted.line)
            else:
                layout.line_spacing = wanted.line / 240
        if wanted.left is not None:
            layout.left_indent = Twips(wanted.left)
        if wanted.right is not None:
            layout.right_indent = Twips(wanted.right)
        if wanted.first_line is not None:
            layout.first_line_indent = Twips(wanted.first_line)
        if wanted.keep_next:
            layout.keep_with_next = True
        for wanted_run in wanted.runs:
            run = paragraph.add_run(wanted_run.text)
            if wanted_run.bold:
                run.bold = True
            if wanted_run.italic:
                run.italic = True
            if wanted_run.half_points:
                run.font.size = Pt(wanted_run.half_points / 2)
            if wanted_run.superscript:
                run.font.superscript = True
            run.font.name = FONT_NAME  # w:ascii and w:hAnsi
            fonts = run._element.rPr.rFonts
            fonts.set(qn("w:eastAsia"), FONT_NAME)
            fonts.set(qn("w:cs"), FONT_NAME)

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(14)
    document.core_properties.title = plan.title
    document.core_properties.author = plan.author
    sections = [block for block in plan.body if isinstance(block, SectionPlan)]
    set_section(document.sections[0], sections[0] if sections else plan.last_section)
    upcoming = [*sections[1:], plan.last_section]
    for block in plan.body:
        if isinstance(block, ParagraphPlan):
            fill(document.add_paragraph(), block)
        elif isinstance(block, SectionPlan):
            set_section(document.add_section(WD_SECTION.NEW_PAGE), upcoming.pop(0))
        else:
            table = document.add_table(rows=0, cols=len(block.widths))
            if block.borders:
                table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            table.autofit = False
            for column, width in zip(table.columns, block.widths, strict=True):
                column.width = Twips(width)
            grid: list[list] = []  # the python-docx cell of each grid position, row by row
            merges = []
            for row_plan in block.rows:
                cells = list(table.add_row().cells)
                grid.append(cells)
                row = len(grid) - 1
                column = 0
                for cell_plan in row_plan:
                    cell = cells[column]
                    cell.width = Twips(sum(block.widths[column : column + cell_plan.span]))
                    last = column + cell_plan.span - 1
                    if cell_plan.vmerge == "continue":
                        start = row - 1
                        while start > 0 and grid[start][column] is None:
                            start -= 1
                        merges.append((start, column, row, last))
                        for position in range(column, last + 1):
                            cells[position] = None
                    else:
                        if cell_plan.span > 1:
                            merges.append((row, column, row, last))
                        if cell_plan.centred:
                            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                        for index, paragraph_plan in enumerate(cell_plan.paragraphs):
                            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                            fill(paragraph, paragraph_plan)
                    column = last + 1
            for top, left, bottom, right in merges:
                table.rows[top].cells[left].merge(table.rows[bottom].cells[right])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_texts(data: bytes) -> list[str]:
    """The text of every non-empty paragraph of the body, tables included, in order."""
    body = Document(io.BytesIO(data)).element.body
    texts = []
    for paragraph in body.iter(W + "p"):
        text = "".join(
            (child.text or "") if child.tag == W + "t" else "\n"
            for run in paragraph.iter(W + "r")
            for child in run
            if child.tag in (W + "t", W + "br")
        )
        if text.strip():
            texts.append(text)
    return texts
