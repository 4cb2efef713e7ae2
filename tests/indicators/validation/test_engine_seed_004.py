"""Seed 004 — xã Sơn Thủy, 6 tháng đầu năm 2021 (Phụ lục of A Lưới): every finding of
seed-findings.md and nothing else."""

from __future__ import annotations

import pytest

from indicators.validation.findings import ERROR, WARNING
from reports.check_loading import check_report
from tests.indicators.validation.helpers import involving, of_check, summary

KEY = "20071/2021H1"

EXPECTED = [
    # 1. "19 người: thạc sĩ 01 = 5 %, đại học 13 = 65 %, trung cấp 06 = 30 %": 1 + 13 + 6 = 20
    #    ≠ 19; 13/19 = 68,4 %, 6/19 = 31,6 %; political "trung cấp 14 = 70 %" (14/19 = 73,7 %).
    ("narrative.parts", WARNING, (), ("19", "1", "13", "6", "20")),
    ("narrative.percent", WARNING, (), ("13", "19", "65", "68.42")),
    ("narrative.percent", WARNING, (), ("6", "19", "30", "31.58")),
    ("narrative.percent", WARNING, (), ("14", "19", "70", "73.68")),
    # 2. Công chức: education 7 + 2 = 9 but political theory 5 + 5 + 1 = 11.
    ("narrative.staff_bases", WARNING, (), ("9", "11")),
    # 3. (note) printed values with text are read as numbers: see the silence test below.
    # Not in seed-findings.md, and right: A Lưới's annex copies the province's list with
    # 1.1.1–1.1.4 printed again under 1.2, exactly as seed 001's finding 1.
    (
        "template.duplicate_code",
        ERROR,
        ("1.2.1", "1.2.2", "1.2.3", "1.2.4"),
        ("1.1.1", "1.1.2", "1.1.3", "1.1.4"),
    ),
]


@pytest.fixture
def findings(seed_report):
    return check_report(seed_report(KEY))


def test_the_engine_reports_every_finding_of_the_seed_and_no_other(findings):
    assert summary(findings) == sorted(EXPECTED)


def test_percentages_of_the_wrong_base_are_recomputed_on_the_stated_total(findings):
    messages = [f.message for f in of_check(findings, "narrative.percent")]
    assert "Thuyết minh ghi “đại học 13 người, chiếm 65%” nhưng 13/19 = 68,42 %." in messages


def test_two_breakdowns_of_the_same_people_must_count_the_same_people(findings):
    (bases,) = of_check(findings, "narrative.staff_bases")
    assert "7 + 2 = 9 người nhưng 5 + 5 + 1 = 11 người" in bases.message


def test_it_stays_silent_on_what_holds(findings):
    # 3.3.2 "93,88 (322-343 HS)" = 322/343 and 3.3.3 "87,5 (42/48 HS)" = 42/48; "128 TTHC",
    # "127 TTHC", "20 TTHC" and "Có" read as numbers.
    assert involving(findings, "3.3.2", "3.3.3", "3.1.3", "3.4.1", "7.4.1") == []
    # 7.5.1 + 7.5.2 = 20 + 62 = 82 = 3.4.2; 4.2.1 = 4.2.2 = 19.
    assert involving(findings, "7.5.1", "7.5.2", "3.4.2", "4.2.1", "4.2.2") == []
    # Cán bộ 1 + 4 + 5 = 10 (10 %, 40 %, 50 %); công chức 7/9 = 77,77 % and 2/9 = 22,22 %
    # (truncated, within rounding); 1/19 = 5,26 % printed "5 %".
    values = [f.values for f in of_check(findings, "narrative.percent")]
    assert all(v[1] == "19" and v[0] in {"13", "6", "14"} for v in values)
