"""Files ``import_annex`` refuses: a clear Vietnamese message, no crash, nothing written."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from indicators.importers import files, xlsx
from reports.models import IndicatorValue, NarrativeSection, Report, ReportingPeriod
from tests.seed_imports import docx_bytes, replace_part, with_entities, xlsx_bytes, zip_bytes

HEADER = ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"]


def _hoang_kim_workbook(*, formula_value: str | None) -> bytes:
    """Part of Hoằng Kim's annex as a province's workbook: a merged "Trong đó" cell, a unit
    merged over the breakdown rows, and 3.3.1 written as a formula of its parts."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["3", "Cải cách thủ tục hành chính"])
    sheet.append(["3.3.1", "Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", "=SUM(D4:D7)"])
    sheet.append(["Trong đó", "Tiếp nhận trực tiếp", "Số lượng hồ sơ", 10])
    sheet.append([None, "Tiếp nhận qua BCCI", None, 2])
    sheet.append([None, "Tiếp nhận trực tuyến một phần", None, 421])
    sheet.append([None, "Tiếp nhận trực tuyến toàn trình", None, 296])
    sheet.merge_cells("A4:A7")
    sheet.merge_cells("C4:C7")
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    if formula_value is None:
        return data
    return replace_part(
        data,
        "xl/worksheets/sheet1.xml",
        lambda text: text.replace("<v></v>", f"<v>{formula_value}</v>", 1),
    )


def _state() -> tuple[int, int, int, int]:
    return (
        Report.objects.count(),
        IndicatorValue.objects.count(),
        NarrativeSection.objects.count(),
        ReportingPeriod.objects.count(),
    )


BAD_FILES = {
    "not-an-annex": ("txt", "Kính gửi UBND huyện.\nBáo cáo quý.\n".encode(), files.MSG_NOT_ANNEX),
    "empty": ("xlsx", b"", files.MSG_EMPTY),
    "20-mb": (
        "txt",
        b"STT\t" + b"0" * (20 << 20),
        files.MSG_TOO_LARGE.format(size="20 MB", limit="5 MB"),
    ),
    "broken-docx": ("docx", docx_bytes("Phụ lục")[:3000], files.MSG_BROKEN_ZIP),
    "zip-bomb": ("xlsx", zip_bytes({"xl/workbook.xml": b"\0" * (45 << 20)}), files.MSG_ZIP_BOMB),
    "xml-entities": (
        "xlsx",
        replace_part(xlsx_bytes([HEADER]), "xl/worksheets/sheet1.xml", with_entities),
        files.MSG_XML_DECLARATIONS,
    ),
    "formulas-without-values": (
        "xlsx",
        _hoang_kim_workbook(formula_value=None),
        xlsx.MSG_FORMULAS_WITHOUT_VALUES.format(cells="D3"),
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_written(case, tmp_path):
    suffix, content, message = BAD_FILES[case]
    path = tmp_path / f"phu-luc.{suffix}"
    path.write_bytes(content)
    before = _state()
    with pytest.raises(CommandError) as caught:
        call_command("import_annex", str(path), unit="15889", period="2025Q1", stdout=io.StringIO())
    assert str(caught.value) == message
    assert _state() == before


@pytest.mark.django_db
def test_a_workbook_with_formulas_and_merged_cells_imports_its_saved_values(tmp_path):
    path = tmp_path / "phu-luc.xlsx"
    path.write_bytes(_hoang_kim_workbook(formula_value="729"))
    out = io.StringIO()
    call_command("import_annex", str(path), unit="15889", period="2024Q4", stdout=out)
    report = Report.objects.by_key("15889", "2024Q4")
    values = {
        v.indicator.code: v.value
        for v in report.values.select_related("indicator").exclude(origin="computed")
    }
    assert values == {"3.3.1": 729, "3.3.1.a": 10, "3.3.1.b": 2, "3.3.1.c": 421, "3.3.1.d": 296}
    # The group row 3.3 repeats 3.3.1: computed by the portal, not read from the file.
    assert report.values.get(indicator__code="3.3").origin == "computed"
