"""Reading figures out of Vietnamese prose, and the narrative checks on text alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.period_keys import PeriodKey
from indicators.validation.engine import check_narrative_text
from indicators.validation.narrative import narrative_findings
from indicators.validation.narrative_text import (
    ON_TIME,
    RESOLVED,
    application_concept,
    fold_aligned,
    read_line,
)
from indicators.validation.period_wording import detect_period, mentions, wording_findings


def quantities(text: str):
    line = read_line(text)
    assert line is not None
    return list(line.quantities)


def findings_of(*lines: str):
    read = [read_line(text, section=0) for text in lines]
    return list(narrative_findings([line for line in read if line is not None], None))


def test_folding_keeps_every_position():
    text = "Số hồ sơ đã giải quyết: 729 hồ sơ"
    folded = fold_aligned(text)
    assert folded == "so ho so da giai quyet: 729 ho so"
    assert len(folded) == len(text)


@pytest.mark.parametrize(
    ("text", "value", "unit_kind"),
    [
        ("Tổng thu ngân sách trong quý III: 2 590 755 750 đồng", "2590755750", "dong"),
        ("Thu ngân sách là 1.377.189.270 đồng", "1377189270", "dong"),
        ("Tổng số hồ sơ đã tiếp nhận: 729 hồ sơ", "729", "hs"),
        ("Số thủ tục đang thực hiện: 139 thủ tục", "139", "tthc"),
        ("Trưởng các đoàn thể: 05 đồng chí", "5", "nguoi"),
    ],
)
def test_a_figure_is_read_with_its_unit(text, value, unit_kind):
    (found,) = quantities(text)
    assert (found.value, found.kind) == (Decimal(value), unit_kind)


def test_a_percentage_is_attached_to_the_count_it_follows():
    found = quantities("Thạc sĩ 01 người, chiếm 5%, đại học 13 người, chiếm 65%")
    assert [(q.value, q.percent) for q in found] == [(1, 5), (13, 65)]
    (decimal_point,) = quantities("có 07/08 người có trình độ đại học đạt 87.5%")
    assert (decimal_point.value, decimal_point.base, decimal_point.percent) == (
        7,
        8,
        Decimal("87.5"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định số 02/QĐ-UBND ngày 02/01/2024 của UBND xã",
        "tính đến tháng 03/2024",
        "theo tiêu chuẩn ISO 9001:2015 năm 2024.",
        "dịch vụ công trực tuyến mức độ 3, 4 để người dân biết.",
        "nhiệm kỳ 2021-2026.",
        "đánh giá TTHC².",
    ],
)
def test_dates_codes_levels_and_years_are_not_figures(text):
    assert [q for q in quantities(text) if q.kind] == []


def test_a_figure_without_a_unit_counts_where_it_closes_a_clause():
    found = quantities("+ Số TTHC thực hiện theo cơ chế một cửa 140, một cửa liên thông 72;")
    assert [(q.value, q.kind) for q in found] == [(140, "tthc"), (72, "tthc")]


def test_what_a_figure_counts_comes_from_its_words():
    early, on_time = quantities(
        "Số hồ sơ đã giải quyết là: 514 hồ sơ, Trong đó: Số hồ sơ giải quyết đúng hạn là: 108 hồ sơ"
    )
    assert application_concept(early) == RESOLVED
    assert application_concept(on_time) == ON_TIME


def test_totals_stated_with_their_parts_must_add_up():
    # The issue's own example.
    (finding,) = findings_of(
        "- Tổng số hồ sơ đã giải quyết: 1.250 hồ sơ, trong đó đúng hạn 1.204, quá hạn 48"
    )
    assert finding.check == "narrative.parts"
    assert finding.values == ("1250", "1204", "48", "1252")
    assert "đúng hạn 1.204 + quá hạn 48 = 1.252" in finding.message


def test_a_percentage_with_its_printed_base_is_recomputed():
    (finding,) = findings_of("- 09/10 người có trình độ đại học đạt 80%")
    assert finding.check == "narrative.percent"
    assert finding.values == ("9", "10", "80", "90")


def test_a_percentage_without_a_base_is_left_alone():
    assert findings_of("Tổng thu ngân sách trong quý III: 2 590 755 750 đồng, đạt 145,15%.") == []


def test_a_truncated_percentage_is_within_rounding():
    # 7/9 = 77,777… printed 77,77; 1/11 = 9,09 printed 9,1; 1/19 = 5,26 printed 5.
    assert (
        findings_of("- 07/09 người đạt 77,77%; 01/11 người chiếm 9,1%; 01/19 người chiếm 5%") == []
    )


def test_education_levels_adding_up_to_100_percent_are_their_own_base():
    assert (
        findings_of(
            "Chất lượng cán bộ: Trình độ chuyên môn: Thạc sĩ 01 người, chiếm 10%; "
            "Đại học 04 người, chiếm 40%; Trung cấp 05 người, chiếm tỷ lệ 50%."
        )
        == []
    )


def test_a_sub_block_is_checked_but_never_against_the_annex():
    lines = [
        "- Kết quả giải quyết TTHC theo cơ chế một cửa liên thông có 14 hồ sơ, trong đó:",
        "+ Số hồ sơ đã giải quyết là: 21 hồ sơ",
        "+ Số hồ sơ đang được giải quyết là: 07 hồ sơ.",
    ]
    (balance,) = findings_of(*lines)
    assert balance.check == "narrative.balance"
    assert balance.values == ("14", "21", "7", "28")


# Period words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys", "forward"),
    [
        ("quý III, phương hướng nhiệm vụ quý IV năm 2021", ["2021Q3", "2021Q4"], [False, True]),
        (
            "6 tháng đầu năm 2021 và nhiệm vụ 6 tháng cuối năm 2021",
            ["2021H1", "2021H2"],
            [False, True],
        ),
        ("kết quả thực hiện nhiệm vụ cải cách hành chính quý 1 năm 2022", ["2022Q1"], [False]),
        ("PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP QUÝ II/2023", ["2023Q2"], [True]),
    ],
)
def test_period_words_are_read_looking_back_or_forward(text, keys, forward):
    found = mentions(text)
    assert [str(m.key) for m in found] == keys
    assert [m.forward for m in found] == forward


def test_a_heading_looking_forward_must_name_the_next_period():
    quarter_three = PeriodKey.parse("2024Q3")
    assert (
        list(wording_findings(["IV. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ IV NĂM 2024"], quarter_three)) == []
    )
    (wrong,) = wording_findings(
        ["IV. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ IV NĂM 2024"], PeriodKey.parse("2024Q2")
    )
    assert wrong.values == ("2024Q4", "2024Q3")


def test_nine_months_in_a_quarter_three_report_ends_the_same_day():
    period = PeriodKey.parse("2024Q3")
    assert list(wording_findings(["Kết quả 9 tháng đầu năm 2024"], period)) == []


def test_the_period_of_a_draft_is_the_one_its_title_names():
    assert detect_period(["Kết quả công tác cải cách hành chính quý 01 năm 2022"]) == PeriodKey(
        "Q", 2022, 1
    )
    assert detect_period(["Không có kỳ nào ở đây"]) is None


def test_a_pasted_draft_is_checked_without_any_report():
    text = "\n".join(
        [
            "Số: 12/BC-UBND",
            "Hoằng Kim, ngày 04 tháng 9 năm 2024",
            "BÁO CÁO",
            "Kết quả cải cách hành chính quý 3 năm 2024",
            "I. KẾT QUẢ",
            "- Số hồ sơ đã giải quyết: 729 hồ sơ. Trong đó:",
            "+ Số hồ sơ trả trước hạn 472 hồ sơ = 64,8%",
            "+ Số hồ sơ trả đúng hạn: 254 hồ sơ = 34,4%",
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ 4 NĂM 2024",
            "Trên đây là báo cáo kết quả quý 3 năm 2024./.",
        ]
    )
    findings = check_narrative_text(text)
    assert [(f.check, f.values[:2]) for f in findings] == [
        ("narrative.parts", ("729", "472")),
        ("narrative.percent", ("254", "729")),
    ]


def test_a_staff_total_must_be_the_sum_of_the_categories_listed_under_it():
    (parts,) = findings_of(
        "Tổng số cán bộ, công chức cấp xã đến thời điểm hiện tại là: 20 người.",
        "Trong đó:",
        "* Cán bộ: 9 người",
        "+ Trình độ chuyên môn: Thạc sỹ: 1 người = 11,1 %; Đại học: 8 người = 88,9%.",
        "+ Hiện nay có 1 cán bộ (Chủ tịch UBND xã) đang tham gia lớp đào tạo.",
        "* Công chức: 12 người.",
    )
    assert parts.values == ("20", "9", "12", "21")
    assert "“Cán bộ: 9 người” + “Công chức: 12 người” = 21" in parts.message


def test_categories_after_trong_do_in_the_same_line_are_the_parts_of_the_total():
    (parts,) = findings_of(
        "- Tổng số cán bộ, công chức tính đến tháng 03/2024 là: 18/20 người. Trong đó: 09 cán "
        "bộ chuyên trách (trong đó có 01 CB kiêm nhiệm), 08 công chức chuyên môn."
    )
    assert parts.values == ("18", "9", "8", "17")


@pytest.mark.parametrize(
    "text",
    [
        "Số hồ sơ giải quyết đúng hạn và trước hạn: 700 hồ sơ",
        "Số hồ sơ giải quyết trước và đúng hạn: 700 hồ sơ",
    ],
)
def test_early_and_on_time_counted_together_are_not_taken_for_either(text):
    (found,) = quantities(text)
    assert application_concept(found) is None
