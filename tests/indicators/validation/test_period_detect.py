"""The period read from anywhere in a text, and windows mapped through the conventions."""

from __future__ import annotations

import datetime as dt

import pytest

from core.period_keys import PeriodKey
from indicators.validation.period_detect import (
    MONTH,
    OPEN,
    WINDOW,
    detect_text_period,
    period_of_window,
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Trong quý II/2023, UBND xã tiếp nhận 300 hồ sơ.", "2023Q2"),
        ("Theo UBND thành phố, trong quý IV.2022, tổng số hồ sơ là 900.", "2022Q4"),
        ("Kết quả 6 tháng cuối năm 2021: tiếp nhận 1.200 hồ sơ.", "2021H2"),
        ("Tính trong 9 tháng năm 2024, xã giải quyết 700 hồ sơ.", "2024M9"),
        ("Trong 3 tháng đầu năm 2022, bộ phận một cửa tiếp nhận 120 hồ sơ.", "2022Q1"),
        ("Năm 2020, toàn huyện tiếp nhận 5.000 hồ sơ.", "2020Y"),
        ("Tháng 3-2024, Trung tâm tiếp nhận 4.000 hồ sơ.", "2024M03"),
        ("Trong tháng 11/2023, xã tiếp nhận 80 hồ sơ.", "2023M11"),
        # the title names the quarter, the body its year
        (
            "Giải quyết hồ sơ trong quý III\n\nTrong quý III năm 2019, huyện tiếp nhận 900 hồ sơ.",
            "2019Q3",
        ),
        # a month without its year: the page's date gives it
        ("10:05, 04/12/2022\n\nNhư trong tháng 11 vừa qua, xã tiếp nhận 90 hồ sơ.", "2022M11"),
        # looking forward is not the period; comparing is not either
        ("Sơ kết quý II, triển khai nhiệm vụ quý III/2024.", "2024Q2"),
        ("Tỷ lệ đúng hạn năm 2023 đạt 99%, tăng 1% so với năm 2022.", "2023Y"),
    ],
)
def test_the_period_is_read_where_the_text_states_it(text, code):
    detected = detect_text_period(text)
    assert detected is not None and detected.code == code


def test_a_detected_quarter_is_a_period_key_and_a_month_is_not():
    quarter = detect_text_period("Trong quý I/2024, xã tiếp nhận 50 hồ sơ.")
    assert quarter.key == PeriodKey.parse("2024Q1")
    month = detect_text_period("Trong tháng 9/2024, xã tiếp nhận 50 hồ sơ.")
    assert (month.kind, month.key, month.code) == (MONTH, None, "2024M09")
    # "2024M9" stays nine months
    assert PeriodKey.parse("2024M9").label == "9 tháng năm 2024"


@pytest.mark.parametrize(
    ("start", "end", "code", "convention"),
    [
        (dt.date(2022, 12, 15), dt.date(2023, 3, 14), "2023Q1", "Nghị định"),
        (dt.date(2021, 7, 21), dt.date(2021, 8, 20), "2021M08", "Vĩnh Phúc"),
        (dt.date(2019, 12, 1), dt.date(2020, 2, 29), "2020Q1", "Lâm Đồng"),
        (dt.date(2024, 1, 1), dt.date(2024, 6, 30), "2024H1", "dương lịch"),
    ],
)
def test_a_window_is_a_period_under_one_of_the_conventions(start, end, code, convention):
    period = period_of_window(start, end)
    assert period is not None and period.code == code and convention in period.convention


def test_a_stated_window_alone_gives_its_period():
    detected = detect_text_period("Kết quả từ ngày 15/12/2023 đến 14/3/2024: tiếp nhận 500 hồ sơ.")
    assert detected.code == "2024Q1"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Tính từ ngày 1/7 đến cuối tháng 10/2025, trung tâm tiếp nhận 2.000 hồ sơ.", WINDOW),
        ("Từ đầu năm đến nay, huyện tiếp nhận trên 18 ngàn hồ sơ năm 2022.", OPEN),
        ("Tính đến cuối tháng 5 năm 2017, thành phố tiếp nhận 10.000 hồ sơ.", OPEN),
    ],
)
def test_a_year_to_date_or_odd_window_is_no_standard_period(text, kind):
    detected = detect_text_period(text)
    assert detected is not None and detected.kind == kind and detected.code is None


@pytest.mark.parametrize(
    "text",
    [
        "Tổng số đại biểu trong nhiệm kỳ 2016-2021 là 29 vị.",
        "Tổng số cán bộ trong năm học 2021 – 2022 là 44 đ/c.",
        "Từ năm 2015-2020, UBND tỉnh công bố 7.518 TTHC.",
        "Đăng ngày 21/03/2014. Ngày 22 tháng 05 năm 2018 họp.",
    ],
)
def test_terms_school_years_ranges_and_dates_are_not_periods(text):
    detected = detect_text_period(text)
    assert detected is None or detected.code is None
