"""Dates as Nghị định 30/2020 writes them: a leading zero for days below 10 and months 1–2."""

from __future__ import annotations

import datetime as dt

import pytest

from reports.exports.dates import long_date, normalise_printed_date, short_date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 9, 4), "ngày 04 tháng 9 năm 2024"),
        (dt.date(2024, 2, 14), "ngày 14 tháng 02 năm 2024"),
        (dt.date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (dt.date(2021, 12, 15), "ngày 15 tháng 12 năm 2021"),
    ],
)
def test_a_date_in_words_has_its_leading_zeros(day, expected):
    assert long_date(day) == expected


def test_a_date_in_figures_follows_the_same_rule():
    assert [short_date(d) for d in (dt.date(2024, 9, 4), dt.date(2024, 1, 10))] == [
        "04/9/2024",
        "10/01/2024",
    ]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ngày tháng 9 năm 2024", "ngày      tháng 9 năm 2024"),
        ("ngày 14 tháng 03 năm 2024", "ngày 14 tháng 3 năm 2024"),
        ("ngày  02   tháng   3  năm 2022", "ngày 02 tháng 3 năm 2022"),
        ("ngày 4 tháng 2 năm 2024", "ngày 04 tháng 02 năm 2024"),
        ("ngày tháng năm 2024", "ngày      tháng      năm 2024"),
    ],
)
def test_a_printed_date_keeps_its_gaps_and_gets_the_rule(printed, expected):
    assert normalise_printed_date(printed) == expected
