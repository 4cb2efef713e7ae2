"""``import_annex``: every seed file, and every seed report exported as XLSX and DOCX, comes
back into a new draft with exactly the values of the seed report."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from reports.exports import render_report
from reports.models import IndicatorValue, Report, ReportStatus
from reports.report_json import report_as_dict
from tests.readers import file_values
from tests.seed_imports import SEED_IDS, SEEDS


def _run(*args, **options) -> dict:
    out = io.StringIO()
    call_command("import_annex", *args, stdout=out, **options)
    return json.loads(out.getvalue())


def _cells(report: Report, *, typed_only: bool = False) -> dict[str, tuple]:
    """The stored figures (``typed_only``: not the ones the portal computed, see file_values)."""
    values = report.values.select_related("indicator")
    if typed_only:
        values = values.exclude(origin="computed")
    return {
        value.indicator.code: (value.value, value.text, value.printed, value.note)
        for value in values
    }


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_importing_each_seed_file_yields_exactly_the_seed_reports_values(seed, seed_report):
    original = seed_report(seed.key)
    summary = _run(str(seed.path), unit=seed.unit, period=seed.other_period)
    imported = Report.objects.by_key(seed.unit, seed.other_period)
    assert imported.status == ReportStatus.DRAFT
    assert imported.template_id == original.template_id
    assert _cells(imported, typed_only=True) == _cells(original)
    assert summary["values"] == report_as_dict(original)["values"]
    assert summary["unmatched"] == []
    assert summary["matched"] == original.template.indicators.count()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_each_seed_report_exported_and_imported_back_has_the_same_values(
    seed, fmt, seed_report, tmp_path
):
    original = seed_report(seed.key)
    exported = tmp_path / f"phu-luc.{fmt}"
    exported.write_bytes(render_report(original, fmt))
    summary = _run(str(exported), unit=seed.unit, period=seed.other_period)
    imported = Report.objects.by_key(seed.unit, seed.other_period)
    want = report_as_dict(original)["values"]
    assert file_values(imported) == want
    assert summary["values"] == want
    assert summary["unmatched"] == []


@pytest.mark.django_db
def test_the_summary_has_exactly_the_four_keys_and_keeps_printed_text_as_notes():
    seed = SEEDS[4]  # Sơn Thủy prints "93,88 (322-343 HS)", "128 TTHC", "Có"
    summary = _run(str(seed.path), unit=seed.unit, period=seed.other_period, dry_run=True)
    assert list(summary) == ["matched", "unmatched", "values", "notes"]
    assert summary["values"]["3.3.2"] == "93.88"
    assert summary["notes"]["3.3.2"] == "93,88 (322-343 HS)"
    assert summary["values"]["3.1.3"] == "128"
    assert summary["notes"]["3.1.3"] == "128 TTHC"
    assert summary["values"]["7.4.1"] == "1"
    assert summary["notes"]["7.4.1"] == "Có"
    assert summary["notes"].keys() <= summary["values"].keys()


@pytest.mark.django_db
def test_a_leading_zero_is_read_as_the_number_and_empty_stays_empty():
    seed = SEEDS[1]  # Sơn Phú prints 1.3.2 = "01" and leaves 1.1.3 empty
    summary = _run(str(seed.path), unit=seed.unit, period=seed.other_period, dry_run=True)
    assert summary["values"]["1.3.2"] == "1"
    assert "1.3.2" not in summary["notes"]
    assert "1.1.3" not in summary["values"]


@pytest.mark.django_db
def test_a_dry_run_writes_nothing():
    seed = SEEDS[0]
    reports, values = Report.objects.count(), IndicatorValue.objects.count()
    _run(str(seed.path), unit=seed.unit, period=seed.other_period, dry_run=True)
    assert (Report.objects.count(), IndicatorValue.objects.count()) == (reports, values)


@pytest.mark.django_db
def test_an_approved_report_is_never_overwritten(seed_report):
    seed = SEEDS[0]
    before = _cells(seed_report(seed.key))
    with pytest.raises(CommandError, match="không ghi đè số liệu của báo cáo đã gửi"):
        _run(str(SEEDS[0].path), unit=seed.unit, period=seed.period)
    assert _cells(seed_report(seed.key)) == before


@pytest.mark.django_db
def test_a_submitted_report_is_refused_and_a_draft_is_updated_in_place(seed_report):
    seed = SEEDS[0]
    _run(str(seed.path), unit=seed.unit, period=seed.other_period)
    draft = Report.objects.by_key(seed.unit, seed.other_period)
    version = draft.version
    _run(str(seed.path), unit=seed.unit, period=seed.other_period)
    draft.refresh_from_db()
    assert draft.version == version + 1
    assert Report.objects.filter(unit=draft.unit, period=draft.period).count() == 1
    Report.objects.filter(pk=draft.pk).update(status=ReportStatus.SUBMITTED)
    with pytest.raises(CommandError, match="Đã gửi"):
        _run(str(seed.path), unit=seed.unit, period=seed.other_period)


@pytest.mark.django_db
def test_the_narrative_sections_are_matched_to_the_outline_by_their_headings(seed_report):
    seed = SEEDS[0]
    _run(str(seed.path), unit=seed.unit, period=seed.other_period)
    imported = Report.objects.by_key(seed.unit, seed.other_period)
    sections = {s.outline.heading: s for s in imported.sections.select_related("outline")}
    first = sections["1. Về tổ chức chỉ đạo, điều hành cải cách hành chính (CCHC)"]
    assert first.text.startswith("Thực hiện Quyết định số 5272/QĐ-UBND ngày 29/12/2023")
    assert "Công tác kiểm tra cải cách hành chính" in first.text
    original = {s.heading: s.text for s in seed_report(seed.key).sections.all()}
    assert (
        sections["3. Về tổ chức bộ máy"].text.split("\n")[0]
        == (original["3. Về tổ chức bộ máy"].split("\n")[0])
    )


@pytest.mark.django_db
def test_an_explicit_template_version_can_be_named():
    seed = SEEDS[2]  # Hoằng Quỳ 2022: Phụ lục 01b version 1, archived since
    summary = _run(
        str(seed.path), unit=seed.unit, period="2025Q1", template="HH-01b@1", dry_run=True
    )
    assert summary["unmatched"] == []


@pytest.mark.django_db
def test_an_unknown_unit_or_period_is_refused_plainly():
    with pytest.raises(CommandError, match="Không có đơn vị hành chính mã 99999"):
        _run(str(SEEDS[0].path), unit="99999", period="2024Q4")
    with pytest.raises(CommandError):
        _run(str(SEEDS[0].path), unit="15889", period="2024Q7")


@pytest.mark.django_db
def test_rows_worded_slightly_differently_match_across_template_versions(seed_report):
    seed = SEEDS[2]  # Hoằng Quỳ's 2022 annex ("đúng hẹn", "NĐ 34") into the 2024 template
    summary = _run(str(seed.path), unit=seed.unit, period="2024Q4", dry_run=True)
    assert summary["unmatched"] == []
    assert summary["values"] == report_as_dict(seed_report(seed.key))["values"]


@pytest.mark.django_db
def test_a_row_the_template_does_not_have_is_listed_and_takes_no_neighbours_code(tmp_path):
    path = tmp_path / "phu-luc.txt"
    path.write_text(
        "STT\tChỉ tiêu thống kê\tKết quả thống kê\t\tGhi chú\n"
        "1\tCông tác chỉ đạo điều hành CCHC\t\t\t\n"
        "1.1\tKế hoạch CCHC\t\t01\t\n"
        "1.1.1\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t20\t\n"
        "1.1.2\tSố nhiệm vụ phát sinh trong kỳ\tNhiệm vụ\t4\t\n"
        "1.1.3\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t13\t\n",
        encoding="utf-8",
    )
    summary = _run(str(path), unit="15889", period="2024Q4", dry_run=True)
    assert summary["values"] == {"1.1": "1", "1.1.1": "20", "1.1.2": "13"}
    assert summary["unmatched"] == [
        {
            "line": 5,
            "text": "1.1.2 Số nhiệm vụ phát sinh trong kỳ: không có chỉ tiêu tương ứng "
            "trong mẫu HH-01b.",
        }
    ]


@pytest.mark.django_db
def test_a_column_formatted_as_percentages_gives_percentages_and_counts_as_excel_stores_them(
    tmp_path,
):
    """Excel stores 90 % as 0.9: a percentage indicator takes the 90 it shows, a count whose
    cell the clerk formatted "%" with the rest of the column takes the 128 it stores."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"])
    sheet.append(["3.2", "Thực hiện cơ chế một cửa, một cửa liên thông", None, None])
    sheet.append([3.2, "Số TTHC đưa vào thực hiện theo cơ chế một cửa tại cấp xã", "Thủ tục", 128])
    sheet["A3"] = "3.2.1"
    sheet.append(["3.2.4", "Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ", "%", 0.9])
    sheet.append(["3.2.5", "Tỷ lệ quy trình nội bộ giải quyết TTHC đã được điện tử hóa", "%", 1])
    for row in range(3, 6):
        sheet.cell(row=row, column=4).number_format = "0.00%"
    path = tmp_path / "phu-luc.xlsx"
    workbook.save(path)
    summary = _run(str(path), unit="15889", period="2024Q4", dry_run=True)
    assert summary["values"] == {"3.2.1": "128", "3.2.4": "90", "3.2.5": "100"}
    assert summary["notes"] == {}
    assert summary["unmatched"] == []
