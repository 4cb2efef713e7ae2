"""Seed 000 — xã Hoằng Kim, quý 3/2024 (Phụ lục 01b of Hoằng Hóa): the whole engine on the
fixture report finds every finding of seed-findings.md and nothing it should not."""

from __future__ import annotations

import pytest

from indicators.validation.findings import ERROR, WARNING
from reports.check_loading import check_report
from tests.indicators.validation.helpers import involving, of_check, quoting, summary

KEY = "15889/2024Q3"

EXPECTED = [
    # 1, 2. Narrative percentages: 254/729 = 34,84 % (printed 34,4); 3/729 = 0,41 % (0,8).
    ("narrative.percent", WARNING, (), ("254", "729", "34.4", "34.84")),
    ("narrative.percent", WARNING, (), ("3", "729", "0.8", "0.41")),
    # 3. The narrative admits 3 late applications; annex 3.3.2 (on time) = 3.3.1 (all) = 729.
    ("narrative.late", WARNING, ("3.3.2", "3.3.1"), ("3", "729", "729")),
    # 4. 3.2 = 62 but its interconnected parts 3.2.2 + 3.2.3 = 2 + 86 = 88 ...
    ("identity.interconnected_procedures", WARNING, ("3.2", "3.2.2", "3.2.3"), ("62", "2", "86")),
    # ... and the narrative's 139 one-stop procedures against 3.2.1 = 113.
    ("narrative.annex", WARNING, ("3.2.1",), ("139", "113")),
    # 5. Group row 3.1 = 201 while 3.1.3 (procedures in force) = 217.
    ("group.parts", WARNING, ("3.1", "3.1.3"), ("201", "217")),
    # 6. Section V looks forward to "QUÝ 2 NĂM 2024" (should be quý IV); the closing line
    #    leaves the quarter blank ("nhiệm vụ quý năm 2024").
    ("period.wording", WARNING, (), ("2024Q2", "2024Q4")),
    ("period.blank", WARNING, (), ("", "2024Q4")),
    # 7. Number and day blank ("Số: /BC-UBND", "ngày tháng 9 năm 2024"); the annex says 04/9/2024.
    ("document.number", WARNING, (), ()),
    ("document.date", WARNING, (), ("2024-09-04",)),
    # Not in seed-findings.md, and right: the staff quota 4.1 + 4.2 = 10 + 7 = 17 is below the
    # 20 present (4.3); the narrative confirms 20 (9 cán bộ + 11 công chức), so the quota of
    # công chức (7) is the suspect figure — the same check as seed 001's finding 3.
    ("identity.staff_within_quota", WARNING, ("4.1", "4.2", "4.3"), ("10", "7", "20")),
]


@pytest.fixture
def findings(seed_report):
    return check_report(seed_report(KEY))


def test_the_engine_reports_every_finding_of_the_seed_and_no_other(findings):
    assert summary(findings) == sorted(EXPECTED)


def test_it_recomputes_the_percentages_printed_next_to_counts(findings):
    messages = [f.message for f in of_check(findings, "narrative.percent")]
    assert (
        "Thuyết minh ghi “Số hồ sơ đã giải quyết trả đúng hạn: 254 hồ sơ = 34,4%” "
        "nhưng 254/729 = 34,84 %." in messages
    )
    assert any("3/729 = 0,41 %" in message for message in messages)


def test_a_narrative_admitting_late_applications_contradicts_an_annex_all_on_time(findings):
    (late,) = of_check(findings, "narrative.late")
    assert late.quote == "Số hồ sơ đã giải quyết trả quá hạn: 3 hồ sơ = 0,8%"
    assert "3.3.2 (giải quyết đúng hạn) = 729" in late.message


def test_the_interconnected_group_row_is_compared_with_its_interconnected_parts(findings):
    (group,) = of_check(findings, "identity.interconnected_procedures")
    assert "3.2 = 62 nhưng 3.2.2 + 3.2.3 = 2 + 86 = 88" in group.message


def test_the_forward_heading_naming_quarter_two_is_quoted(findings):
    (wording,) = of_check(findings, "period.wording")
    assert wording.quote == "V. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM QUÝ 2 NĂM 2024"
    assert "quý IV năm 2024" in wording.message


def test_the_blank_day_message_cites_the_annex_date(findings):
    (date,) = of_check(findings, "document.date")
    assert "ngày 04/9/2024" in date.message


@pytest.mark.parametrize(
    ("identity", "codes"),
    [
        ("3.3.1 = 729 = 10 + 2 + 421 + 296", ("3.3.1.a", "3.3.1.b", "3.3.1.c", "3.3.1.d")),
        ("3.3.2 = 729 = its four parts", ("3.3.2.a", "3.3.2.b", "3.3.2.c", "3.3.2.d")),
        ("3.3 = 3.3.1 = 729 and 3.4 = 3.4.2 = 729", ("3.3", "3.4", "3.4.2")),
        ("1.1 = 01 plan above tasks and documents", ("1.1", "1.1.1", "1.1.2", "1.1.3")),
    ],
)
def test_it_stays_silent_on_annex_identities_that_hold(findings, identity, codes):
    assert involving(findings, *codes) == [], identity


def test_it_stays_silent_on_the_narrative_arithmetic_that_holds(findings):
    # resolved 729 = 472 + 254 + 3; received 729 = 717 online + 10 direct + 2 BCCI (+ 0);
    # 472/729 = 64,8 %; cán bộ 9 = 1 thạc sỹ (11,1 %) + 8 đại học (88,9 %).
    assert of_check(findings, "narrative.parts") == []
    assert quoting(findings, "472") == []
    assert quoting(findings, "Thạc sỹ") == []
    assert quoting(findings, "88,9") == []
    # The narrative's 717 online = 421 + 296, 10 direct, 2 BCCI, 729 received agree with 3.3.1.
    assert involving(findings, "3.3.1.a", "3.3.1.b", "3.3.1.c", "3.3.1.d") == []


def test_errors_come_first_and_there_are_none_here(findings):
    assert [f for f in findings if f.severity == ERROR] == []
