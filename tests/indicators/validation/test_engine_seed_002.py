"""Seed 002 — xã Hoằng Quỳ, quý 1/2022 (Phụ lục 01b of Hoằng Hóa, 2022): every finding of
seed-findings.md and nothing else."""

from __future__ import annotations

import pytest

from indicators.validation.findings import ERROR, WARNING
from reports.check_loading import check_report
from tests.indicators.validation.helpers import involving, of_check, quoting, summary

KEY = "15886/2022Q1"

EXPECTED = [
    # 1. Narrative received 424 vs annex 3.3.1 = 414 (group row 3.3 repeats 414); narrative
    #    direct 340 vs annex "Tiếp nhận trực tiếp" 330.
    ("narrative.annex", WARNING, ("3.3", "3.3.1"), ("424", "414")),
    ("narrative.annex", WARNING, ("3.3.1.a",), ("340", "330")),
    # 2. 3.3.2 (resolved on time) = 414 but its parts 0 + 0 + 25 + 59 = 84.
    (
        "parts.sum",
        ERROR,
        ("3.3.2", "3.3.2.a", "3.3.2.b", "3.3.2.c", "3.3.2.d"),
        ("414", "0", "0", "25", "59"),
    ),
    # 3. "212/230 tổng Số TTHC đã được công bố" vs annex 3.1.1 = 227 (and its group row 3.1).
    ("narrative.annex", WARNING, ("3.1", "3.1.1"), ("230", "227")),
    # 4. 5 leaders + 5 heads of unions + 8 specialists = 18 vs annex 4.3 = 20.
    ("narrative.annex", WARNING, ("4.3",), ("5", "5", "8", "18", "20")),
    # Not in seed-findings.md, and right: the narrative's data window "từ 05/11//2021 đến
    # 01/03/2022" is not quý I/2022's (15/12/2021 to 14/03/2022).
    ("period.window", WARNING, (), ("2021-11-05", "2022-03-01", "2021-12-15", "2022-03-14")),
    # Not in seed-findings.md, and right: the header prints "Số: /BC-UBND" with no number
    # (the same blank as seed 000's finding 7).
    ("document.number", WARNING, (), ()),
]


@pytest.fixture
def findings(seed_report):
    return check_report(seed_report(KEY))


def test_the_engine_reports_every_finding_of_the_seed_and_no_other(findings):
    assert summary(findings) == sorted(EXPECTED)


def test_parts_that_do_not_add_up_show_the_arithmetic(findings):
    (parts,) = of_check(findings, "parts.sum")
    assert parts.message == "3.3.2 = 414 nhưng các dòng “Trong đó” cộng lại 0 + 0 + 25 + 59 = 84."


def test_narrative_figures_are_quoted_beside_the_annex_value(findings):
    messages = [f.message for f in of_check(findings, "narrative.annex")]
    assert (
        "Thuyết minh ghi “Tổng số hồ sơ đã tiếp nhận: 424 hồ sơ” nhưng phụ lục 3.3.1 = 414 "
        "(dòng nhóm 3.3 cũng ghi 414)." in messages
    )
    assert (
        "Thuyết minh ghi “Số hồ sơ tiếp nhận trực tiếp: 340 hồ sơ” nhưng phụ lục 3.3.1.a = 330."
        in messages
    )


def test_the_base_of_a_printed_fraction_is_compared_with_the_procedures_published(findings):
    (published,) = quoting(findings, "212/230")
    assert published.quote == "Số TTHC đưa vào thực hiện 212/230 tổng Số TTHC đã được công bố"


def test_a_staff_list_without_a_total_is_compared_with_the_staff_present(findings):
    (staff,) = involving(findings, "4.3")
    assert "5 + 5 + 8 = 18 người nhưng phụ lục 4.3 = 20" in staff.message


def test_it_stays_silent_on_what_holds(findings):
    # 3.3.1 = 414 = 330 + 0 + 25 + 59; 4.3 = 20 = 4.1 + 4.2 = 10 + 10.
    assert involving(findings, "3.3.1.b", "3.3.1.c", "3.3.1.d", "4.1", "4.2") == []
    # Narrative 424 = 84 + 0 + 340; online 84 = 25 + 59; 212 in force = 3.1.3.
    assert of_check(findings, "narrative.parts") == []
    assert involving(findings, "3.1.3") == []
    # 09/10 = 90 %, 01/10 = 10 %, 07/08 = 87,5 %, 01/08 = 12,5 %.
    assert of_check(findings, "narrative.percent") == []
    # One-stop 140 = 3.2.1 and interconnected 72 = 3.2 (whose parts are left blank).
    assert involving(findings, "3.2", "3.2.1") == []
