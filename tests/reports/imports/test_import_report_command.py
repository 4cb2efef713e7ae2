"""``import_report``: a whole báo cáo (Word, or its text) into a draft report: its JSON
summary, what it writes, what it never writes, and what it refuses."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.exports import render_report
from reports.models import (
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportingPeriod,
    ReportStatus,
    TableCellValue,
)
from reports.report_json import report_as_dict
from tests.readers import file_values
from tests.seed_imports import SEED_IDS, SEEDS, to_tcvn3

HOANG_KIM = SEEDS[0]
SON_THUY = SEEDS[4]
HEADER_KEYS = [
    "issuer_parent",
    "issuer",
    "number",
    "symbol",
    "place",
    "date",
    "date_printed",
    "summary",
    "recipient",
    "legal_basis",
    "intro",
    "closing",
    "recipients",
    "signer_mode",
    "signer_authority",
    "signer_title",
    "signer_name",
    "footnotes",
    "annex_label",
    "annex_title",
    "annex_reference",
]


def _run(path, *, unit: str, period: str, **options) -> dict:
    out = io.StringIO()
    call_command(
        "import_report", str(path), unit=unit, period=period, json=True, stdout=out, **options
    )
    return json.loads(out.getvalue())


def _counts() -> tuple[int, ...]:
    return (
        Report.objects.count(),
        ReportingPeriod.objects.count(),
        IndicatorValue.objects.count(),
        TableCellValue.objects.count(),
        NarrativeSection.objects.count(),
    )


@pytest.mark.django_db
def test_the_json_has_exactly_its_six_keys_and_says_what_went_where():
    summary = _run(HOANG_KIM.path, unit=HOANG_KIM.unit, period="2024Q4", dry_run=True)
    assert list(summary) == ["header", "sections", "values", "tables", "unmatched", "notes"]
    assert list(summary["header"]) == HEADER_KEYS
    assert summary["header"]["symbol"] == "BC-UBND"
    assert summary["header"]["signer_name"] == "Lê Như Đông"
    assert all(list(item) == ["heading", "section", "chars"] for item in summary["sections"])
    first = summary["sections"][1]
    assert first["section"] == "1. Về tổ chức chỉ đạo, điều hành cải cách hành chính (CCHC)"
    assert first["heading"] == first["section"]
    assert first["chars"] > 1000
    # The outline's "KỲ TỚI" is the file's "QUÝ 2 NĂM 2024".
    forward = next(s for s in summary["sections"] if s["section"].startswith("V."))
    assert forward["heading"] == "V. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM QUÝ 2 NĂM 2024"
    assert summary["values"]["1.1.1"] == "25"
    assert summary["tables"] == {}
    assert summary["unmatched"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_each_seed_text_becomes_a_draft_with_the_seed_reports_values_and_header(seed, seed_report):
    original = seed_report(seed.key)
    summary = _run(seed.path, unit=seed.unit, period=seed.other_period)
    imported = Report.objects.by_key(seed.unit, seed.other_period)
    assert imported.status == ReportStatus.DRAFT
    want = report_as_dict(original)
    assert summary["values"] == want["values"]
    assert file_values(imported) == want["values"]
    for name in ("number", "symbol", "place", "document_date", "summary", "closing"):
        assert getattr(imported, name) == getattr(original, name), name
    assert imported.signer_title == original.signer_title
    assert imported.signer_name == original.signer_name
    assert [r.rstrip(".") for r in imported.recipients] == [
        r.rstrip(".") for r in original.recipients
    ]
    sections = {s.outline_id: s.text for s in imported.sections.all() if s.text}
    assert len(sections) >= len([s for s in original.sections.all() if s.text]) - 1


@pytest.mark.django_db
def test_a_dry_run_writes_nothing_not_even_the_period(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(HOANG_KIM.path.read_bytes())
    before = _counts()
    _run(path, unit=HOANG_KIM.unit, period="2025Q2", dry_run=True)
    assert _counts() == before


@pytest.mark.django_db
def test_without_json_it_says_the_same_in_vietnamese():
    out = io.StringIO()
    call_command(
        "import_report",
        str(SON_THUY.path),
        unit=SON_THUY.unit,
        period=SON_THUY.other_period,
        dry_run=True,
        stdout=out,
    )
    text = out.getvalue()
    assert "Tệp văn bản (.txt): 14 mục nội dung, 32 số liệu" in text
    assert "số liệu" in text
    assert "người ký" in text
    assert "1. Về kế hoạch cải cách hành chính ← “1. Về kế hoạch cải cách hành chính”" in text
    assert "Lưu ý: 3.3.2: tệp ghi “93,88 (322-343 HS)”, nhập 93.88." in text
    assert text.rstrip().endswith("Chạy thử: chưa ghi gì.")


@pytest.mark.django_db
def test_a_draft_is_updated_in_place_header_included(seed_report, tmp_path):
    seed = SEEDS[1]  # Sơn Phú: "Số: 52/BC-UBND", signed by Nguyễn Quang Tỏa
    _run(seed.path, unit=seed.unit, period=seed.other_period)
    draft = Report.objects.by_key(seed.unit, seed.other_period)
    Report.objects.filter(pk=draft.pk).update(number="99", signer_name="", legal_basis="x")
    version = Report.objects.get(pk=draft.pk).version
    _run(seed.path, unit=seed.unit, period=seed.other_period)
    draft.refresh_from_db()
    assert draft.version == version + 1
    assert (draft.number, draft.signer_name) == ("52", "Nguyễn Quang Tỏa")
    # The opening is one block: the file's (one paragraph, the introduction) replaces it.
    assert draft.legal_basis == ""
    assert draft.intro.startswith("Thực hiện Kế hoạch 03/KH-UBND")
    assert Report.objects.filter(unit=draft.unit, period=draft.period).count() == 1


@pytest.mark.django_db
def test_an_approved_or_submitted_report_is_never_overwritten(seed_report):
    original = seed_report(HOANG_KIM.key)
    before = report_as_dict(original)
    with pytest.raises(CommandError, match="không ghi đè số liệu của báo cáo đã gửi"):
        _run(HOANG_KIM.path, unit=HOANG_KIM.unit, period=HOANG_KIM.period)
    assert report_as_dict(seed_report(HOANG_KIM.key)) == before
    _run(HOANG_KIM.path, unit=HOANG_KIM.unit, period=HOANG_KIM.other_period)
    draft = Report.objects.by_key(HOANG_KIM.unit, HOANG_KIM.other_period)
    Report.objects.filter(pk=draft.pk).update(status=ReportStatus.SUBMITTED, summary="đã gửi")
    with pytest.raises(CommandError, match="Đã gửi"):
        _run(HOANG_KIM.path, unit=HOANG_KIM.unit, period=HOANG_KIM.other_period)
    assert Report.objects.get(pk=draft.pk).summary == "đã gửi"


@pytest.mark.django_db
def test_a_dry_run_on_an_approved_report_reads_and_refuses_nothing(seed_report):
    summary = _run(HOANG_KIM.path, unit=HOANG_KIM.unit, period=HOANG_KIM.period, dry_run=True)
    assert summary["values"] == report_as_dict(seed_report(HOANG_KIM.key))["values"]


@pytest.mark.django_db
def test_refusals_are_plain(tmp_path):
    with pytest.raises(CommandError, match="Không có tệp"):
        _run(tmp_path / "khong-co.docx", unit="15889", period="2024Q4")
    with pytest.raises(CommandError, match="Không có đơn vị hành chính mã 99999"):
        _run(HOANG_KIM.path, unit="99999", period="2024Q4")
    with pytest.raises(CommandError):
        _run(HOANG_KIM.path, unit="15889", period="2024Q7")
    with pytest.raises(CommandError, match="Không có mẫu phụ lục “XX-99”"):
        _run(HOANG_KIM.path, unit="15889", period="2024Q4", template="XX-99")
    letter = tmp_path / "thu-moi.txt"
    letter.write_text("Kính mời các đồng chí dự họp.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Không tìm thấy nội dung báo cáo trong tệp"):
        _run(letter, unit="15889", period="2024Q4")
    broken = tmp_path / "bao-cao.docx"
    broken.write_bytes(b"PK\x03\x04 hong")
    with pytest.raises(CommandError, match="Tệp bị hỏng"):
        _run(broken, unit="15889", period="2024Q4")


@pytest.mark.django_db
def test_a_report_on_another_template_is_refused(tmp_path):
    _run(HOANG_KIM.path, unit=HOANG_KIM.unit, period=HOANG_KIM.other_period)
    with pytest.raises(CommandError, match="không nhập theo mẫu"):
        _run(
            HOANG_KIM.path, unit=HOANG_KIM.unit, period=HOANG_KIM.other_period, template="HH-01b@1"
        )


@pytest.mark.django_db
def test_a_tcvn3_text_is_read_and_the_conversion_noted(tmp_path):
    path = tmp_path / "bao-cao-abc.txt"
    text = SON_THUY.path.read_text(encoding="utf-8")
    path.write_bytes(to_tcvn3(text).encode("latin-1", errors="replace"))
    summary = _run(path, unit=SON_THUY.unit, period=SON_THUY.other_period, dry_run=True)
    assert "Chữ bảng mã TCVN3 (ABC) đã được chuyển sang Unicode." in summary["notes"]
    unicode = _run(SON_THUY.path, unit=SON_THUY.unit, period=SON_THUY.other_period, dry_run=True)
    assert summary["values"] == unicode["values"]
    assert [s["section"] for s in summary["sections"]] == [
        s["section"] for s in unicode["sections"]
    ]


@pytest.mark.django_db
def test_what_the_outline_lacks_and_what_the_file_lacks_are_told(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_text(
        "\n".join(
            [
                "Số: 12/BC-UBND",
                "Hoằng Kim, ngày 04 tháng 12 năm 2024",
                "BÁO CÁO",
                "Kết quả cải cách hành chính quý 4 năm 2024",
                "Một đoạn không thuộc mục nào.",
                "VII. MỘT MỤC MẪU KHÔNG CÓ",
                "Nội dung lạc đề.",
                "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH:",
                "1. Về tổ chức chỉ đạo, điều hành cải cách hành chính (CCHC)",
                "Đã ban hành kế hoạch.",
                "VIII. CÔNG TÁC KHÁC",
                "Nội dung khác.",
                "Trên đây là báo cáo./.",
            ]
        ),
        encoding="utf-8",
    )
    summary = _run(path, unit=HOANG_KIM.unit, period="2024Q4", dry_run=True)
    assert summary["header"]["number"] == "12"
    assert summary["header"]["intro"] == "Một đoạn không thuộc mục nào."
    assert [s["section"] for s in summary["sections"]] == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH:",
        "1. Về tổ chức chỉ đạo, điều hành cải cách hành chính (CCHC)",
    ]
    assert summary["unmatched"] == [
        {
            "part": "narrative",
            "line": 6,
            "text": "VII. MỘT MỤC MẪU KHÔNG CÓ (2 dòng chưa thuộc mục nào của đề cương)",
        }
    ]
    notes = summary["notes"]
    assert (
        "Mục “II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH” của đề cương không có trong tệp."
        in notes
    )
    assert (
        "Mục “VIII. CÔNG TÁC KHÁC” của tệp không có trong đề cương của mẫu: nội dung của nó "
        "được đưa vào mục “1. Về tổ chức chỉ đạo, điều hành cải cách hành chính (CCHC)”."
    ) in notes
    assert "Tệp không có bảng phụ lục (dòng tiêu đề “STT | Chỉ tiêu thống kê | …”)." in notes


def _export(seed, seed_report, tmp_path: Path) -> Path:
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(render_report(seed_report(seed.key), "docx"))
    return path


@pytest.mark.django_db
def test_the_word_export_imports_with_nothing_left_over(seed_report, tmp_path):
    seed = SEEDS[3]
    summary = _run(_export(seed, seed_report, tmp_path), unit=seed.unit, period=seed.other_period)
    assert summary["unmatched"] == []
    assert summary["notes"] == []
    assert summary["tables"]["tthc"]["tong-cong"]["received"] == "521"
    imported = Report.objects.by_key(seed.unit, seed.other_period)
    assert imported.footnotes == seed_report(seed.key).footnotes
