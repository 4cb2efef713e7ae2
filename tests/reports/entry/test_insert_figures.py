""" "Chèn số liệu" offers a section the figures of its own part of the annex (issue #13, item 9):
the outline's headings and the annex's parts 1..7 follow the same areas of CCHC, matched by
their words on every seed template; a section without a part offers nothing and says so; a
figure failing a check is marked next to it ("⚠ chưa khớp: …") and not picked."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from indicators.models import IndicatorTemplate
from indicators.structure import template_data
from indicators.validation.snapshot import Section
from reports.narrative_figures import annex_parts, section_areas, section_offer

TEMPLATES = sorted((settings.BASE_DIR / "fixtures" / "templates").glob("*.json"))

# For each seed template, the annex part (its top-level row) each heading of its outline gets,
# in outline order; None: no part ("II. KẾT QUẢ THỰC HIỆN …", "III. KHÓ KHĂN VƯỚNG MẮC").
EXPECTED_PARTS = {
    "al-pl-v1": ["1", "1", "1", "1", None, "2", "3", "4", "5", "6", "7", None, None, None],
    "dh-pl-i-v1": [
        *["1", "1", "1", "1", "1", "1"],
        *[None, "2", "3", "4", "5", "6", "7"],
        *[None, None, None, None, None],
    ],
    "hh-01b-v1": [
        *["1", None, "2", "3", "4", "5", "6", "7"],
        *[None, None, None, "2", "3", "4", "5", "6", "7"],
    ],
    "hh-01b-v2": [
        *["1", "1", None, "2", "3", "4", "5", "6", "7"],
        *[None, None, None, "2", "3", "4", "5", "6", "7"],
    ],
    "ht-2b-v1": [None, "1", "1", "2", "3", "4", "5", "6", "7", None, None, None, None, None],
}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_each_outline_heading_finds_the_annex_part_of_its_area(db, path):
    seed = json.loads(path.read_text(encoding="utf-8"))
    template = IndicatorTemplate.objects.get(code=seed["code"], version=seed["version"])
    parts = annex_parts(template_data(template).indicators)
    # The annex's seven parts each name their own area.
    assert sorted(part.heading.code for found in parts.values() for part in found) == [
        str(n) for n in range(1, 8)
    ]
    assert all(len(found) == 1 for found in parts.values())
    sections = [Section(s["heading"], "", s["level"]) for s in seed["outline"]]
    got = [parts[area.code][0].heading.code if area else None for area in section_areas(sections)]
    assert got == EXPECTED_PARTS[path.stem], list(zip(seed["outline"], got, strict=True))


def offer(report, heading: str):
    """The offer for the first section with this heading."""
    section = report.sections.filter(heading=heading).order_by("position").first()
    return section_offer(report, section)


def codes_of(found) -> set[str]:
    return {code for line in found.lines for code in line.codes}


def test_institutions_and_public_finance_get_their_own_figures_not_the_applications(
    seed_report,
):
    report = seed_report("15889/2024Q3")  # HH-01b v2
    institutions = offer(report, "1. Cải cách thể chế")
    assert institutions.parts == ("2. Cải cách thể chế",)
    assert institutions.lines
    assert all(code.startswith("2.") for code in codes_of(institutions))
    assert "- Số VBQPPL đã rà soát: 0 văn bản." in institutions.text
    assert "hồ sơ" not in institutions.text and "biên chế" not in institutions.text
    finance = offer(report, "5. Cải cách tài chính công")
    assert all(code.startswith("6.") for code in codes_of(finance))
    assert finance.text.splitlines() == [
        "- Đơn vị đã thực hiện xây dựng Quy chế chi tiêu nội bộ: Có ban hành QC.",
        "- Đơn vị đã thực hiện Quy chế quản lý tài sản công: Có ban hành QC.",
    ]
    applications = offer(report, "2. Cải cách thủ tục hành chính:")
    assert applications.lines[0].text.startswith("- Tổng số hồ sơ đã tiếp nhận: 729 hồ sơ.")
    assert all(code.startswith("3.") for code in codes_of(applications))


def test_a_section_without_a_part_of_the_annex_offers_nothing_and_says_so(seed_report):
    report = seed_report("15889/2024Q3")
    headings = ["III. KHÓ KHĂN VƯỚNG MẮC:", "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"]
    for heading in headings:
        found = offer(report, heading)
        assert found.lines == () and found.text == ""
        assert "không ứng với phần nào của phụ lục" in found.message
    budget = offer(seed_report("18217/2021Q3"), "8. Thực hiện thu ngân sách")
    assert budget.lines == () and "không có số liệu để chèn" in budget.message
    # A part with no row at all (A Lưới's "6. Cải cách tài chính công").
    empty = offer(seed_report("20071/2021H1"), "5. Cải cách tài chính công")
    assert empty.lines == ()
    assert empty.message == (
        "Phần “6. Cải cách tài chính công” của phụ lục không có chỉ tiêu nào: "
        "không có số liệu để chèn."
    )


def test_a_total_that_fails_its_parts_is_marked_and_not_picked(seed_report):
    report = seed_report("15886/2022Q1")  # 3.3.2 = 414 but its "Trong đó" rows add up to 84
    found = offer(report, "2. Cải cách thủ tục hành chính:")
    (on_time,) = [line for line in found.lines if "giải quyết đúng hạn: 414 hồ sơ" in line.text]
    assert "3.3.2" in on_time.codes
    assert not on_time.reconciled
    assert on_time.problems == (
        "3.3.2 = 414 nhưng các dòng “Trong đó” cộng lại 0 + 0 + 25 + 59 = 84.",
    )
    assert on_time.text not in found.text  # not inserted unless picked
    received = found.lines[0]
    assert received.text.startswith("- Tổng số hồ sơ đã tiếp nhận: 414 hồ sơ.")
    assert received.reconciled and received.text in found.text


def test_the_staff_figures_go_with_the_part_that_holds_them_marked_when_over_quota(seed_report):
    report = seed_report("18217/2021Q3")  # HT-2B: biên chế in part 4; 19 present of 18
    staff = offer(report, "4. Công tác cải cách tổ chức bộ máy:")
    assert staff.lines[0].text == (
        "- Về cán bộ, công chức: biên chế được giao: 18 người; có mặt tại thời điểm báo cáo: "
        "19 người."
    )
    assert staff.lines[0].problems == (
        "Số biên chế có mặt không vượt quá số biên chế được giao: 4.2.2 = 19 lớn hơn 4.2.1 = 18.",
    )
    public_service = offer(report, "5. Cải cách công vụ.")
    assert public_service.lines == ()
    assert public_service.message.startswith("Phần “5. Cải cách chế độ công vụ” của phụ lục chưa")


def test_the_table_by_field_tells_the_applications_with_its_own_failed_checks(seed_report):
    report = seed_report("5605/2024Q1")  # ĐH: the total row does not add up in three columns
    found = offer(report, "2. Cải cách thủ tục hành chính (TTHC)")
    received, resolved = found.lines[:2]
    assert received.text == (
        "- Tổng số hồ sơ đã tiếp nhận: 521 hồ sơ. Trong đó: tiếp nhận trực tuyến: 516 hồ sơ; "
        "tiếp nhận trực tiếp: 0 hồ sơ; kỳ trước chuyển qua: 5 hồ sơ."
    )
    assert resolved.text == (
        "- Số hồ sơ đã giải quyết: 514 hồ sơ. Trong đó: số hồ sơ giải quyết trước hạn: 399 hồ sơ"
        " = 77,6%; số hồ sơ giải quyết đúng hạn: 108 hồ sơ = 21,0%."
    )
    assert all(code.startswith("tthc:tong-cong:") for code in received.codes)
    assert any("“Số mới tiếp nhận trực tuyến”" in problem for problem in received.problems)
    assert not resolved.reconciled


def test_the_offer_page_marks_each_failing_figure_next_to_it(clerk_client, seed_report):
    report = seed_report("15886/2022Q1")
    section = report.sections.get(heading="2. Cải cách thủ tục hành chính:")
    clerk_client.force_login(report.unit.users.get())
    response = clerk_client.get(reverse("reports:section_figures", args=[report.pk, section.pk]))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    line = re.search(r"<li [^>]*unreconciled[^>]*>(.*?)</li>", page, re.S).group(1)
    assert "giải quyết đúng hạn: 414 hồ sơ" in line
    assert "⚠ chưa khớp: 3.3.2 = 414 nhưng các dòng “Trong đó” cộng lại" in line
    assert "checked" not in re.search(r"<input[^>]*>", line).group(0)
    assert 'class="form-check-input figure-line" type="checkbox"' in page
    assert "Chèn các dòng đã chọn" in page
    nothing = report.sections.get(heading="III. KHÓ KHĂN VƯỚNG MẮC:")
    response = clerk_client.get(reverse("reports:section_figures", args=[report.pk, nothing.pk]))
    assert "không ứng với phần nào của phụ lục" in html.unescape(response.content.decode())
    assert "figure-line" not in response.content.decode()
