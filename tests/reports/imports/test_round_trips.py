"""Round trips over the five seeds: the portal's exports, saved as offices save them, come back
with the same figures (and, for the whole báo cáo, the same texts)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from indicators.models import ValueType
from reports.exports import render_report
from reports.models import Report
from reports.report_json import report_as_dict
from tests.readers import file_values
from tests.seed_imports import SEED_IDS, SEEDS, as_excel_saves_it


def _run(command: str, *args, **options) -> dict:
    out = io.StringIO()
    call_command(command, *args, stdout=out, **options)
    return json.loads(out.getvalue())


def _tables(report: Report) -> dict[str, dict[str, dict[str, str]]]:
    return {
        code: {row["code"]: row["values"] for row in table["rows"] if row["values"]}
        for code, table in report_as_dict(report)["tables"].items()
    }


def _percent_codes(report: Report) -> set[str]:
    return set(
        report.template.indicators.filter(value_type=ValueType.PERCENT).values_list(
            "code", flat=True
        )
    )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_each_seed_annex_saved_by_excel_with_percent_cells_imports_with_the_same_values(
    seed, seed_report, tmp_path
):
    original = seed_report(seed.key)
    percent = _percent_codes(original)
    saved = as_excel_saves_it(render_report(original, "xlsx"), percent)
    sheet = load_workbook(io.BytesIO(saved)).worksheets[0]
    fractions = [cell for row in sheet.iter_rows() for cell in row if "%" in cell.number_format]
    want = report_as_dict(original)["values"]
    # The workbook holds fractions where the report holds percentages (90 → 0.9).
    assert len(fractions) == len([code for code in want if code in percent])
    path = tmp_path / "phu-luc-excel.xlsx"
    path.write_bytes(saved)
    summary = _run("import_annex", str(path), unit=seed.unit, period=seed.other_period)
    assert summary["values"] == want
    assert summary["unmatched"] == []
    imported = Report.objects.by_key(seed.unit, seed.other_period)
    assert file_values(imported) == want
    assert _tables(imported) == _tables(original)


@pytest.mark.django_db
def test_the_table_by_field_on_its_own_sheet_is_matched_and_written(seed_report, tmp_path):
    seed = SEEDS[3]  # Bình Thành: the annex, and the table by field on the sheet "Theo lĩnh vực"
    original = seed_report(seed.key)
    path = tmp_path / "phu-luc.xlsx"
    path.write_bytes(render_report(original, "xlsx"))
    _run("import_annex", str(path), unit=seed.unit, period=seed.other_period)
    imported = Report.objects.by_key(seed.unit, seed.other_period)
    tables = _tables(imported)
    assert tables == _tables(original)
    assert tables["tthc"]["ho-tich"]["received"] == "88"
    assert tables["tthc"]["tong-cong"]["resolved_early"] == "399"


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_the_table_by_field_of_the_seed_text_and_of_the_word_export_is_imported(
    fmt, seed_report, tmp_path
):
    seed = SEEDS[3]
    original = seed_report(seed.key)
    if fmt == "txt":
        path = seed.path
    else:
        path = tmp_path / "bao-cao.docx"
        path.write_bytes(render_report(original, "docx"))
    summary = _run("import_annex", str(path), unit=seed.unit, period=seed.other_period)
    assert summary["unmatched"] == []
    assert _tables(Report.objects.by_key(seed.unit, seed.other_period)) == _tables(original)


def _sections(report: Report) -> dict[int, tuple[str, str]]:
    """Each outline section's heading and text, as the report holds them."""
    return {
        section.outline_id: (section.heading, section.text)
        for section in report.sections.all()
        if section.outline_id is not None and section.text
    }


HEADER_FIELDS = [
    "issuer_parent",
    "issuer",
    "number",
    "symbol",
    "place",
    "document_date",
    "summary",
    "recipient",
    "legal_basis",
    "intro",
    "closing",
    "signer_mode",
    "signer_authority",
    "signer_title",
    "signer_name",
    "footnotes",
    "annex_title",
]


def _document(report: Report) -> dict:
    fields = {name: getattr(report, name) for name in HEADER_FIELDS}
    fields["recipients"] = [item.rstrip(";.") for item in report.recipients]
    return fields


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_each_seed_report_exported_to_word_and_imported_whole_is_the_same_report(
    seed, seed_report, tmp_path
):
    original = seed_report(seed.key)
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(render_report(original, "docx"))
    summary = _run("import_report", str(path), unit=seed.unit, period=seed.other_period, json=True)
    imported = Report.objects.by_key(seed.unit, seed.other_period)
    want = report_as_dict(original)["values"]
    assert summary["values"] == want
    assert file_values(imported) == want
    assert _tables(imported) == _tables(original)
    assert summary["tables"] == _tables(original)
    assert _sections(imported) == _sections(original)
    assert _document(imported) == _document(original)
    assert summary["unmatched"] == []
