"""Exports: the seed reports opened as documents and workbooks, as their readers open them."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document
from python_calamine import CalamineWorkbook

from reports.exports import render_report

SEED_KEYS = ["15889/2024Q3", "18217/2021Q3", "15886/2022Q1", "5605/2024Q1", "20071/2021H1"]
HOANG_KIM = "15889/2024Q3"
BINH_THANH = "5605/2024Q1"  # the seed with a table by field and footnotes
SON_PHU = "18217/2021Q3"  # the largest annex; signed "TM."
SON_THUY = "20071/2021H1"  # "81,95", "93,88 (322-343 HS)", "128 TTHC"


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def open_xlsx(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def open_calamine(data: bytes) -> CalamineWorkbook:
    return CalamineWorkbook.from_filelike(io.BytesIO(data))


@pytest.fixture
def hoang_kim(seed_report):
    return seed_report(HOANG_KIM)


@pytest.fixture
def hoang_kim_docx(hoang_kim):
    return open_docx(render_report(hoang_kim, "docx"))
