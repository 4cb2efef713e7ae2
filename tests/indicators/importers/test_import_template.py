"""``import_template``: every seed file recreates its template's rows, as a new draft."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.importers.reader import read_annex_source
from indicators.importers.seed_declarations import SEED_TEMPLATES
from indicators.importers.template_import import plan_template
from indicators.models import IndicatorTemplate, TemplateStatus
from indicators.template_io import template_to_dict
from tests.seed_imports import SEED_IDS, SEEDS

COMPARED = ("code", "printed_code", "name", "unit", "value_type", "choices", "is_breakdown")


def _run(*args, **options) -> str:
    out = io.StringIO()
    call_command("import_template", *args, stdout=out, **options)
    return out.getvalue()


def _rows(rows: list[dict]) -> list[dict]:
    return [{key: row[key] for key in COMPARED} for row in rows]


def _file_rows(seed) -> list[dict]:
    """The fixture's rows as the seed file tells them: a group row the seed declarations make a
    heading prints a unit, so the importer reads it as a count (the admin then makes it a
    heading in the editor)."""
    declared = next(t for t in SEED_TEMPLATES if f"{t.slug}.json" == seed.template_fixture)
    rows = _rows(seed.template_rows)
    for row in rows:
        if row["code"] in declared.headings:
            assert row["value_type"] == "heading"
            row["value_type"] = "integer"
    return rows


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_importing_each_seed_file_recreates_its_fixture_templates_rows(seed):
    output = _run(str(seed.path), code="NHAP-THU", title="Mẫu nhập thử")
    template = IndicatorTemplate.objects.get(code="NHAP-THU")
    assert template.status == TemplateStatus.DRAFT
    assert _rows(template_to_dict(template)["rows"]) == _file_rows(seed)
    assert f"Đã tạo mẫu NHAP-THU phiên bản 1 (bản nháp, mã số {template.pk})." in output


@pytest.mark.django_db
def test_seed_002_is_read_from_its_raw_pdf_text_not_from_the_cleaned_copy():
    seed = SEEDS[2]
    source = read_annex_source(seed.path.read_bytes())
    assert source.format == "pdf-text"
    assert _rows(plan_template(source).rows) == _file_rows(seed)


@pytest.mark.django_db
def test_seed_001s_duplicated_codes_are_reported_with_their_proposed_renumbering():
    output = _run(str(SEEDS[1].path), code="NHAP-THU", title="Thử", dry_run=True)
    assert "Đề xuất đánh lại mã (4):" in output
    for printed, proposed in (("1.1.1.", "1.2.1"), ("1.1.4.", "1.2.4")):
        assert f"mã “{printed}”" in output
        assert f"đề xuất đánh lại thành {proposed}." in output


@pytest.mark.django_db
def test_a_dry_run_saves_nothing():
    before = IndicatorTemplate.objects.count()
    output = _run(str(SEEDS[0].path), code="NHAP-THU", title="Thử", dry_run=True)
    assert "Chạy thử: chưa lưu gì." in output
    assert "Mọi dòng của bảng đều đã xếp được." in output
    assert IndicatorTemplate.objects.count() == before


@pytest.mark.django_db
def test_an_existing_code_gets_a_new_draft_version_and_the_published_one_is_untouched():
    published = IndicatorTemplate.objects.get(code="HH-01b", version=2)
    rows_before = template_to_dict(published)
    _run(str(SEEDS[0].path), code="HH-01b", title="Phụ lục 01b năm 2025")
    draft = IndicatorTemplate.objects.get(code="HH-01b", version=3)
    assert draft.status == TemplateStatus.DRAFT
    published.refresh_from_db()
    assert published.status == TemplateStatus.PUBLISHED
    assert template_to_dict(published) == rows_before


@pytest.mark.django_db
def test_the_outline_is_taken_from_the_narratives_headings():
    _run(str(SEEDS[0].path), code="NHAP-THU", title="Thử")
    headings = list(
        IndicatorTemplate.objects.get(code="NHAP-THU").outline.values_list("heading", flat=True)
    )
    assert headings[:2] == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH:",
        "1. Về tổ chức chỉ đạo, điều hành cải cách hành chính (CCHC)",
    ]
    assert "V. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM KỲ TỚI" in headings


@pytest.mark.django_db
def test_lines_that_cannot_be_placed_are_listed(tmp_path):
    annex = tmp_path / "phu-luc.txt"
    annex.write_text(
        "STT\tChỉ tiêu thống kê\tKết quả thống kê\t\tGhi chú\n"
        "\t\tĐơn vị tính\tSố liệu\t\n"
        "1.\tCông tác chỉ đạo\t\t\t\n"
        "1.1.\tSố văn bản\tVăn bản\t3\t\n"
        "ghi chú lạc\t\t\t5\t\n",
        encoding="utf-8",
    )
    output = _run(str(annex), code="NHAP-THU", title="Thử", dry_run=True)
    assert "Dòng không xếp được vào bảng (1):" in output
    assert "  Dòng 5: ghi chú lạc\t\t\t5" in output


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "Tệp rỗng: không có gì để nhập."), (b"PK\x03\x04broken", "Tệp bị hỏng")],
)
def test_a_refused_file_stops_the_command_with_its_reason(tmp_path, content, message):
    bad = tmp_path / "phu-luc.docx"
    bad.write_bytes(content)
    before = IndicatorTemplate.objects.count()
    with pytest.raises(CommandError, match=message):
        _run(str(bad), code="NHAP-THU", title="Thử")
    assert IndicatorTemplate.objects.count() == before
