"""The five seeds as the importers meet them: the file, the report it became, its template's
fixture, and another period of the same unit to import into (the seed's own report is
approved, so it is never overwritten)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from docx import Document
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from indicators.importers.legacy_text import TCVN3_TABLE, VNI_TABLE
from tests.seed_text import SEED_FILES

FIXTURES = settings.BASE_DIR / "fixtures"


@dataclass(frozen=True)
class Seed:
    key: str  # "15889/2024Q3"
    template_fixture: str  # "hh-01b-v2.json"
    other_period: str  # a period of the same unit without a report

    @property
    def unit(self) -> str:
        return self.key.split("/")[0]

    @property
    def period(self) -> str:
        return self.key.split("/")[1]

    @property
    def path(self) -> Path:
        return Path(settings.SEEDS_DIR) / SEED_FILES[self.key]

    @property
    def template_rows(self) -> list[dict]:
        return json.loads((FIXTURES / "templates" / self.template_fixture).read_text())["rows"]


SEEDS = [
    Seed("15889/2024Q3", "hh-01b-v2.json", "2024Q4"),
    Seed("18217/2021Q3", "ht-2b-v1.json", "2021Q4"),
    Seed("15886/2022Q1", "hh-01b-v1.json", "2022Q2"),
    Seed("5605/2024Q1", "dh-pl-i-v1.json", "2024Q2"),
    Seed("20071/2021H1", "al-pl-v1.json", "2021H2"),
]
SEED_IDS = [seed.key for seed in SEEDS]


def zip_bytes(parts: dict[str, bytes | str], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def replace_part(office: bytes, name: str, transform) -> bytes:
    """The same Office file with one XML part rewritten (``transform(text) -> text``)."""
    source = zipfile.ZipFile(io.BytesIO(office))
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts[name] = transform(parts[name].decode("utf-8")).encode("utf-8")
    return zip_bytes(parts)


BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)


def with_entities(xml: str) -> str:
    """An XML part with a DOCTYPE declaring entities (an XML bomb), one of them used."""
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    return BILLION_LAUGHS + body.replace("</", "&lol3;</", 1)


def docx_bytes(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


ANNEX_HEADER = ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"]


def large_xlsx(rows: int, columns: int = 10, *, declared: bool = False) -> bytes:
    """A workbook with the annex header and ``rows`` rows of ``columns`` numbers, its sheet XML
    written directly (openpyxl takes seconds to write 700.000 cells). ``declared``: with the
    size at the top of the sheet, as Excel writes it (openpyxl's write-only mode writes none)."""
    width = max(columns, len(ANNEX_HEADER))
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    ]
    if declared:
        parts.append(f'<dimension ref="A1:{get_column_letter(width)}{rows + 1}"/>')
    parts.append('<sheetData><row r="1">')
    for column, text in enumerate(ANNEX_HEADER, start=1):
        parts.append(
            f'<c r="{get_column_letter(column)}1" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
        )
    parts.append("</row>")
    letters = [get_column_letter(column) for column in range(1, columns + 1)]
    for number in range(2, rows + 2):
        cells = "".join(
            f'<c r="{letter}{number}"><v>{number * 1000 + index}</v></c>'
            for index, letter in enumerate(letters)
        )
        parts.append(f'<row r="{number}">{cells}</row>')
    parts.append("</sheetData></worksheet>")
    return replace_part(xlsx_bytes([["STT"]]), "xl/worksheets/sheet1.xml", lambda _: "".join(parts))


def large_docx(rows: int, paragraphs: int = 0) -> bytes:
    """A Word document with ``paragraphs`` paragraphs, then an annex table of ``rows`` rows, its
    XML written directly (python-docx takes seconds to add thousands of rows)."""

    def row(cells: list[str]) -> str:
        return (
            "<w:tr>"
            + "".join(
                f"<w:tc><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:tc>" for text in cells
            )
            + "</w:tr>"
        )

    body = "".join(f"<w:p><w:r><w:t>Đoạn {n}.</w:t></w:r></w:p>" for n in range(paragraphs))
    body += "<w:tbl>" + row(ANNEX_HEADER)
    body += "".join(
        row([str(n), f"Chỉ tiêu số {n}", "Hồ sơ", str(n), ""]) for n in range(1, rows + 1)
    )
    body += "</w:tbl>"
    return replace_part(
        docx_bytes("Phụ lục"),
        "word/document.xml",
        lambda xml: xml.replace("<w:body>", "<w:body>" + body, 1),
    )


# Unicode typed in the legacy encodings, as the old fonts and keyboards did.
_TO_TCVN3 = {letter: code for code, letter in TCVN3_TABLE.items()}
_TO_VNI = {letter: code for code, letter in VNI_TABLE.items()}


def to_tcvn3(text: str) -> str:
    """As the ABC keyboard types it: a capital with a tone has no code, and is typed in the
    capitals font (.VnTimeH) with the lower-case code."""
    return "".join(_TO_TCVN3.get(char) or _TO_TCVN3.get(char.lower(), char) for char in text)


def to_vni(text: str) -> str:
    return "".join(_TO_VNI.get(char, char) for char in text)


def as_excel_saves_it(workbook: bytes, percent_codes: set[str]) -> bytes:
    """The portal's XLSX annex as a clerk's Excel saves it after formatting the percentages as
    percentages: each percentage indicator's value cell holds the fraction (93,88 → 0.9388)
    under the number format "0.00%", written with the 17 significant digits Excel writes
    ("0.93879999999999997")."""
    book = load_workbook(io.BytesIO(workbook))
    sheet = book.worksheets[0]
    header = next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "STT")
    code_column = next(cell.column for cell in sheet[header] if cell.value == "Mã chỉ tiêu")
    fractions: dict[str, str] = {}
    for row in sheet.iter_rows(min_row=header + 2):
        code = row[code_column - 1].value
        value = row[3]
        if code in percent_codes and isinstance(value.value, int | float):
            fraction = float(Decimal(repr(value.value)) / 100)
            value.value = fraction
            value.number_format = "0.00%"
            fractions[value.coordinate] = format(fraction, ".17g")
    out = io.BytesIO()
    book.save(out)

    def seventeen_digits(xml: str) -> str:
        def cell(match: re.Match[str]) -> str:
            written = fractions.get(match.group(2))
            return match.group(1) + (written or match.group(3)) + match.group(4)

        return re.sub(r'(<c r="([A-Z]+\d+)"[^>]*><v>)([^<]*)(</v>)', cell, xml)

    return replace_part(out.getvalue(), "xl/worksheets/sheet1.xml", seventeen_digits)
