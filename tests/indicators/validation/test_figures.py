"""The figure reader and its checks on texts written for the tests (not the corpus): the
conventions of real reports, each on its own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.validation.figure_concepts import (
    COMMUNE,
    DISTRICT,
    EARLY_ON_TIME,
    LATE,
    NOT_DUE,
    ONLINE,
    PENDING,
    PROVINCE,
    RECEIVED,
    RESOLVED,
    WHOLE,
)
from indicators.validation.figure_numbers import parse_amount
from indicators.validation.figures import read_paragraphs
from indicators.validation.narrative_figures import figure_findings


def figures(text: str):
    return [f for p in read_paragraphs([text]) for f in p.figures]


def findings(*lines: str):
    return list(figure_findings(list(lines)))


def errors(*lines: str):
    return [f for f in findings(*lines) if f.is_error]


# Numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("643.272", "643272"),
        ("1.809,5", "1809.5"),
        ("2 590 755 750", "2590755750"),
        ("98,81", "98.81"),
        ("79.31", "79.31"),
        ("05", "5"),
        ("1904", "1904"),
    ],
)
def test_numbers_are_read_the_vietnamese_way(printed, value):
    assert parse_amount(printed) == Decimal(value)


def test_a_figure_keeps_its_unit_its_leading_zero_and_its_rate():
    (staff,) = figures("Trưởng các đoàn thể: 05 đồng chí, chiếm 25%.")
    assert (staff.value, staff.kind, staff.rate.value) == (5, "nguoi", 25)
    (late,) = figures("Có 342 hồ sơ trễ hạn chiếm tỷ lệ 3.26%.")
    assert late.rate.value == Decimal("3.26")


def test_approximations_are_bounds_never_exact_values():
    above, near, rounded = figures(
        "Tiếp nhận hơn 700 hồ sơ, giải quyết gần 11.300 hồ sơ, trả kết quả 8,98 ngàn hồ sơ."
    )
    assert (above.low, above.high, above.exact) == (700, None, False)
    assert near.high == 11300 and near.low < 11300 and not near.exact
    assert (rounded.low, rounded.high) == (Decimal("8975"), Decimal("8990"))


def test_a_rate_above_is_an_interval():
    (resolved,) = figures("Đã giải quyết 2.041 hồ sơ trước hạn, đạt tỉ lệ trên 99%.")
    assert resolved.rate.approx == "above" and resolved.rate.low == 99


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 22 tháng 05 năm 2018, UBND xã họp.",
        "Cập nhật: 27-01-2022 | 09:08:07",
        "Từ ngày 1/7 đến 14/9/2025, theo Quyết định số 343/QĐ-UBND.",
        "Dịch vụ công trực tuyến mức độ 3, 4 và ISO 9001:2015 trong nhiệm kỳ 2021-2026.",
        "Trong 6 tháng đầu năm, thực hiện 3 cấp chính quyền.",
    ],
)
def test_dates_times_years_numbers_of_documents_and_levels_are_not_figures(text):
    assert figures(text) == []


def test_a_rank_is_not_a_ratio():
    (rank,) = figures("Chỉ số CCHC xếp thứ 10/18 huyện, đạt 80%.")
    assert rank.rank


# What a figure counts, and at which level -----------------------------------------------------


def test_what_an_application_figure_counts_comes_from_the_words_around_it():
    found = figures(
        "Toàn huyện tiếp nhận 1.500 hồ sơ, với 600 hồ sơ trực tuyến; đã giải quyết 1.400 hồ "
        "sơ, trong đó đúng và trước hạn 1.390 hồ sơ, quá hạn 10 hồ sơ; còn 100 hồ sơ đang giải "
        "quyết (80 hồ sơ chưa đến hạn)."
    )
    assert [f.concept for f in found] == [
        RECEIVED,
        ONLINE,
        RESOLVED,
        EARLY_ON_TIME,
        LATE,
        PENDING,
        NOT_DUE,
    ]


def test_a_level_named_before_whole_area_words_wins():
    found = figures(
        "Toàn tỉnh tiếp nhận 900 hồ sơ. Với cấp tỉnh, tiếp nhận 200 hồ sơ. Với cấp huyện, tiếp "
        "nhận 300 hồ sơ. Với cấp xã, toàn tỉnh tiếp nhận 400 hồ sơ."
    )
    assert [f.level for f in found] == [WHOLE, PROVINCE, DISTRICT, COMMUNE]


def test_a_paragraph_printed_twice_is_read_once():
    text = "Toàn xã tiếp nhận 120 hồ sơ trong quý, đã giải quyết 118 hồ sơ đúng hạn.\n" * 2
    assert len(read_paragraphs([text])) == 1


# Rates ----------------------------------------------------------------------------------------


def test_a_rate_that_fits_no_base_and_no_smaller_unstated_one_is_a_hard_error():
    # 1.000/5.000 = 20 %: the printed 15 % would need a base larger than received.
    (error,) = errors("Xã tiếp nhận 5.000 hồ sơ, với 1.000 hồ sơ trực tuyến (đạt tỷ lệ 15%).")
    assert error.check == "narrative.percent"
    assert error.values == ("1000", "5000", "15", "20")
    assert "1.000/5.000 = 20 %" in error.message
    assert "Xã tiếp nhận 5.000 hồ sơ" in error.quote


def test_a_rate_a_slightly_smaller_unstated_base_explains_is_a_warning():
    # 2.000/5.000 = 40 %; 40,8 % fits ≈ 4.900 files (received minus returned ones).
    (finding,) = findings("Xã tiếp nhận 5.000 hồ sơ, với 2.000 hồ sơ trực tuyến (đạt 40,8%).")
    assert finding.severity == "warning"
    assert "không nêu trong văn bản" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        # on time over resolved, not received
        "Tiếp nhận 2.000 hồ sơ, đã giải quyết 1.800 hồ sơ, trong đó đúng hạn 1.790 hồ sơ, "
        "đạt 99,44%, quá hạn 10 hồ sơ.",
        # received including the files carried over
        "Tiếp nhận 1.000 hồ sơ, kỳ trước chuyển qua 200 hồ sơ; đã giải quyết 1.150 hồ sơ, "
        "đạt 95,83%.",
        # due files as base (Vĩnh Phúc)
        "Tiếp nhận mới 1.000 hồ sơ, hồ sơ đến hạn giải quyết 1.100 hồ sơ, hồ sơ trả trước và "
        "đúng hạn 1.078 hồ sơ (đạt 98%).",
        # truncation: 2/3 = 66,666… printed 66,66
        "Trong số 3 đồng chí có 2 đồng chí nữ, chiếm 66,66%.",
        # shares that make 100 % are their own base
        "Thạc sĩ 01 người, chiếm 10%; đại học 04 người, chiếm 40%; trung cấp 05 người, chiếm 50%.",
    ],
)
def test_a_rate_on_any_base_the_text_allows_stays_silent(text):
    assert findings(text) == []


def test_a_printed_fraction_that_does_not_match_its_percentage_is_an_error_beyond_0_1():
    (error,) = errors("+ Đảng viên: 30/40 = 57,5%.")
    assert error.values[:2] == ("30", "40")
    (warning,) = findings("+ Đảng viên: 3/44 = 6,88%.")  # 6,818… : 0,06 point off
    assert warning.severity == "warning"


def test_shares_of_one_whole_that_imply_another_whole_are_an_error():
    # 10/20 % and 30/60 % imply 50 people, 20/22 % implies 91.
    (error,) = errors("Có 10 người chiếm 20 %, 30 người chiếm 60 % và 20 người chiếm 22 %.")
    assert error.values[0] == "20"


def test_shares_of_a_complete_list_must_make_100_percent():
    (error,) = errors(
        "Toàn xã có 3 dân tộc, trong đó: dân tộc Kinh chiếm 70%, dân tộc Tày chiếm 25%, dân "
        "tộc Dao chiếm 10%."
    )
    assert error.check == "narrative.shares"
    assert error.values[-1] == "105"


# Totals and parts -------------------------------------------------------------------------------


def test_resolved_must_be_the_sum_of_its_two_way_split():
    (error,) = errors(
        "Đã giải quyết 1.200 hồ sơ, trong đó đúng và trước hạn 1.150 hồ sơ, quá hạn 40 hồ sơ."
    )
    assert error.check == "narrative.parts"
    assert error.values == ("1200", "1150", "40", "1190")


def test_total_requests_must_be_new_plus_carried_over():
    (error,) = errors(
        "Tổng số hồ sơ yêu cầu giải quyết là 800 hồ sơ; trong đó mới tiếp nhận 700 hồ sơ, kỳ "
        "trước chuyển qua 120 hồ sơ."
    )
    assert error.values == ("800", "700", "120", "820")


@pytest.mark.parametrize(
    "text",
    [
        # approximations: hơn 700 may be 710
        "Đã giải quyết hơn 700 hồ sơ, trong đó đúng hạn 650 hồ sơ, quá hạn 60 hồ sơ.",
        # received without the carried-over files
        "Tiếp nhận 500 hồ sơ (trực tuyến 300 hồ sơ; trực tiếp 200 hồ sơ); kỳ trước chuyển qua "
        "20 hồ sơ.",
        # an extra outcome explains the gap
        "Tiếp nhận 491 hồ sơ, giải quyết 490 hồ sơ, đúng hạn 489 hồ sơ, trả lại 1 hồ sơ.",
        # pending files: within time + overdue
        "Đang giải quyết 90 hồ sơ (80 hồ sơ chưa đến hạn và 10 hồ sơ quá hạn).",
    ],
)
def test_parts_that_the_conventions_explain_stay_silent(text):
    assert errors(text) == []


def test_resolved_and_pending_beyond_the_files_to_process():
    certain = errors(
        "Tổng số hồ sơ yêu cầu giải quyết là 1.000 hồ sơ. Đã giải quyết 950 hồ sơ; đang giải "
        "quyết 80 hồ sơ."
    )
    assert [f.check for f in certain] == ["narrative.balance"]
    doubtful = findings("Tiếp nhận 1.000 hồ sơ; đã giải quyết 950 hồ sơ, đang giải quyết 60 hồ sơ.")
    assert [(f.check, f.severity) for f in doubtful] == [("narrative.balance", "warning")]
    assert (
        findings("Tiếp nhận 1.000 hồ sơ; đã giải quyết 900 hồ sơ, đang giải quyết 60 hồ sơ.") == []
    )


def test_figures_by_level_must_add_up_to_the_whole():
    (error,) = errors(
        "Toàn tỉnh đã tiếp nhận 1.000 hồ sơ.",
        "Với cấp tỉnh, tiếp nhận 300 hồ sơ.",
        "Với cấp huyện, tiếp nhận 400 hồ sơ.",
        "Với cấp xã, tiếp nhận 301 hồ sơ.",
    )
    assert error.check == "narrative.levels"
    assert error.values == ("1000", "300", "400", "301", "1001")


def test_district_figures_that_include_their_communes_are_not_summed():
    assert (
        errors(
            "Toàn tỉnh đã tiếp nhận 1.000 hồ sơ.",
            "Với cấp tỉnh, tiếp nhận 300 hồ sơ.",
            "Cấp huyện (bao gồm số liệu của xã) tiếp nhận 700 hồ sơ.",
            "Với cấp xã, tiếp nhận 400 hồ sơ.",
        )
        == []
    )


def test_a_publication_of_procedures_is_exhaustive():
    (error,) = errors(
        "UBND tỉnh công bố 100 TTHC, trong đó: 40 TTHC mới ban hành, 30 TTHC sửa đổi, bổ sung, "
        "20 TTHC bị bãi bỏ."
    )
    assert error.values == ("100", "40", "30", "20", "90")


def test_a_list_with_a_catch_all_item_is_exhaustive():
    (error, *_) = errors(
        "- Học vấn:",
        "* Đại học: 10/20 người chiếm 50%;",
        "* Trung cấp: 05/20 người chiếm 25%;",
        "* Khác: 04/20 người chiếm 20%.",
    )
    assert error.values == ("20", "10", "5", "4", "19")


def test_small_numbers_written_out_are_figures():
    assert (
        errors(
            "Đã giải quyết 300 hồ sơ. Trong đó, 200 hồ sơ được giải quyết trước hạn; 92 hồ sơ "
            "đúng hạn và chỉ tám hồ sơ quá hạn."
        )
        == []
    )
    (eight,) = [f for f in figures("chỉ tám hồ sơ quá hạn") if f.value == 8]
    assert eight.concept == LATE


def test_a_rate_among_another_group_is_not_the_share_of_the_count_before_it():
    # 99,7 % of the online files were on time: not 50.000 online files out of 80.000.
    assert (
        findings(
            "Toàn tỉnh có 80.000 hồ sơ yêu cầu giải quyết. Trong đó, số hồ sơ tiếp nhận trực "
            "tuyến là 50.000 hồ sơ, tỷ lệ hồ sơ trực tuyến được giải quyết đúng hạn đạt 99,7%."
        )
        == []
    )


def test_two_levels_after_the_district_level_was_abolished():
    assert (
        errors(
            "Toàn tỉnh đã tiếp nhận 1.665 hồ sơ.",
            "Cấp xã đã tiếp nhận 1.610 hồ sơ.",
            "Các sở, ngành cấp tỉnh tiếp nhận 55 hồ sơ.",
        )
        == []
    )
    (error,) = errors(
        "Toàn tỉnh đã tiếp nhận 1.665 hồ sơ.",
        "Cấp xã đã tiếp nhận 1.600 hồ sơ.",
        "Các sở, ngành cấp tỉnh tiếp nhận 55 hồ sơ.",
    )
    assert error.check == "narrative.levels"


def test_a_whole_province_without_its_own_figure_is_not_summed_from_districts_and_communes():
    assert (
        errors(
            "Toàn tỉnh đã tiếp nhận 10.000 hồ sơ.",
            "Cấp huyện tiếp nhận 3.000 hồ sơ.",
            "Cấp xã tiếp nhận 5.000 hồ sơ.",
        )
        == []
    )


def test_shares_agreeing_on_another_whole_than_the_printed_one_are_still_checked():
    # 3.395 + 28 + 3 + 1 = 3.427 printed; 3.395/3.427 = 99,07 %, printed 99,09 (0,02 off).
    (warning,) = findings(
        "Xã có 869 hộ với 3.427 nhân khẩu. Dân tộc Thái 3395 người, chiếm 99,09 %; dân tộc "
        "Mường 28 người, chiếm 0,8 %; dân tộc Kinh 3 người, chiếm 0,08 %; dân tộc khác 1 người, "
        "chiếm 0,03 %."
    )
    assert warning.severity == "warning" and warning.values[:2] == ("3395", "3427")


@pytest.mark.parametrize(
    "text",
    [
        "Đã giải quyết 1.000 hồ sơ, trong đó đúng hạn 990 hồ sơ (trước hạn 600 hồ sơ), quá hạn "
        "10 hồ sơ.",
        "Đã giải quyết 1.000 hồ sơ, trong đó đúng hạn 990 hồ sơ, trong đó trước hạn 600 hồ sơ.",
    ],
)
def test_a_part_broken_down_in_its_turn_is_not_summed_with_its_own_parts(text):
    assert errors(text) == []


def test_a_rate_of_a_whole_named_after_it_is_not_checked_against_the_sentence():
    assert (
        findings(
            "Xã tiếp nhận 500 hồ sơ, có 120 hồ sơ trực tuyến, chiếm 12% tổng số hồ sơ trực "
            "tuyến của huyện."
        )
        == []
    )


def test_a_timing_rate_whose_resolved_base_is_printed_has_no_unstated_base():
    # 350/1.000 = 35 %, printed 35,5 %: the resolved files are printed, nothing else fits.
    (error,) = errors(
        "Đã giải quyết 1.000 hồ sơ, trong đó trước hạn 600 hồ sơ, chiếm 60%; đúng hạn 350 hồ "
        "sơ, chiếm 35,5%; quá hạn 50 hồ sơ, chiếm 5%."
    )
    assert error.values[:3] == ("350", "1000", "35.5")


@pytest.mark.parametrize(
    "text",
    [
        # pending files counted among the processed ones
        "Đã giải quyết 1.000 hồ sơ (đúng hạn 950 hồ sơ, quá hạn 30 hồ sơ, đang giải quyết 20 "
        "hồ sơ).",
        # a rate against a plan, not a share of the sentence's counts
        "Tiếp nhận 1.200 hồ sơ, đã giải quyết 1.150 hồ sơ, đạt 98% kế hoạch.",
    ],
)
def test_what_a_report_counts_otherwise_stays_silent(text):
    assert findings(text) == []
