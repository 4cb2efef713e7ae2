"""Seed 003 — xã Bình Thành, quý I/2024 (Phụ lục I of Định Hóa, with ratio rows and a table
by field): every finding of seed-findings.md and nothing else."""

from __future__ import annotations

import pytest

from indicators.validation.findings import ERROR, WARNING
from reports.check_loading import check_report
from tests.indicators.validation.helpers import involving, of_check, quoting, summary

KEY = "5605/2024Q1"


def cells(column: str) -> tuple[str, ...]:
    rows = ("tong-cong", "bao-tro-xa-hoi", "dat-dai", "chung-thuc", "ho-tich")
    return tuple(f"tthc:{row}:{column}" for row in rows)


EXPECTED = [
    # 1. 7.2 allows 0, 1, 2 only; the value is 3.
    ("value.choice", ERROR, ("7.2",), ("3",)),
    # 2. 3.2.3 = 42 (%) but its counts give 42/42 = 100 %.
    ("ratio.counts", ERROR, ("3.2.3", "3.2.3.a", "3.2.3.b"), ("42", "42", "42")),
    # 3. 3.2.5 = 100 % with both counts empty.
    ("ratio.no_base", WARNING, ("3.2.5", "3.2.5.a", "3.2.5.b"), ("100", "", "")),
    # 4. 1.1 empty, its counts 02 of 09: 22,2 % offered.
    ("ratio.computable", WARNING, ("1.1", "1.1.a", "1.1.b"), ("", "9", "2", "22.2")),
    # 5. Column sums: online 0 + 0 + 426 + 86 = 512 vs 516; direct 4 + 0 + 0 + 0 = 4 vs 0;
    #    resolved 0 + 0 + 426 + 81 = 507 vs 514.
    ("table.column_sum", ERROR, cells("received_online"), ("516", "0", "0", "426", "86")),
    ("table.column_sum", ERROR, cells("received_direct"), ("0", "4", "0", "0", "0")),
    ("table.column_sum", ERROR, cells("resolved"), ("514", "0", "0", "426", "81")),
    # 6. Total row: 514 resolved ≠ 399 early + 108 on time = 507.
    (
        "identity.resolved_timing",
        ERROR,
        (
            "tthc:tong-cong:resolved",
            "tthc:tong-cong:resolved_early",
            "tthc:tong-cong:resolved_on_time",
        ),
        ("514", "399", "108"),
    ),
    # 7. Narrative early 406 vs table 399; narrative resolved 514 vs annex 3.4.2 (total
    #    resolved, 3.4.2.a) 512.
    ("narrative.annex", WARNING, ("tthc:tong-cong:resolved_early",), ("406", "399")),
    ("narrative.annex", WARNING, ("3.4.2.a",), ("514", "512")),
    # 8. "521 online + 0 direct + 05 carried over" = 526 ≠ 521.
    ("narrative.parts", WARNING, (), ("521", "521", "0", "5", "526")),
    # 9. The one-stop-interconnected block "có 14 hồ sơ": 28 online + 0 + 2 carried = 30, and
    #    21 resolved + 7 pending = 28; the interconnected block "có 07 hồ sơ": 7 + 7 = 14 ...
    ("narrative.parts", WARNING, (), ("14", "28", "0", "2", "30")),
    ("narrative.balance", WARNING, (), ("14", "21", "7", "28")),
    ("narrative.balance", WARNING, (), ("7", "7", "7", "14")),
    # ... and, not listed but right, the same block's receipts 7 online + 0 + 3 carried = 10.
    ("narrative.parts", WARNING, (), ("7", "7", "0", "3", "10")),
    # 10. 7.5.2 is a ratio ("Tỷ lệ văn bản…") with unit "Văn bản" and value 298.
    ("template.ratio_unit", WARNING, ("7.5.2",), ("298",)),
    # 11. (note) the table numbers its rows 1, 2, 2, 3: a warning on the template.
    ("template.table_numbering", WARNING, ("tthc:dat-dai", "tthc:chung-thuc"), ("2", "2")),
    # Not in seed-findings.md, and right: the narrative's 521 online applications against the
    # table's total row 516 (finding 8 shows the 521 counts the 5 carried over as well).
    ("narrative.annex", WARNING, ("tthc:tong-cong:received_online",), ("521", "516")),
    # Not in seed-findings.md, and right: section III looks forward to "QUÝ II/2023" in a
    # quý I/2024 report (last year's heading kept).
    ("period.wording", WARNING, (), ("2023Q2", "2024Q2")),
    # Not in seed-findings.md, and right: "Số: /BC-UBND" and "ngày tháng 3 năm 2024" are
    # blank, as in seed 000.
    ("document.number", WARNING, (), ()),
    ("document.date", WARNING, (), ()),
]


@pytest.fixture
def findings(seed_report):
    return check_report(seed_report(KEY))


def test_the_engine_reports_every_finding_of_the_seed_and_no_other(findings):
    assert summary(findings) == sorted(EXPECTED)


def test_a_coded_answer_outside_its_list_is_an_error_naming_the_choices(findings):
    (choice,) = of_check(findings, "value.choice")
    assert choice.message == "7.2 = 3 nhưng chỉ được chọn: Chưa có = 0, 2 cấp = 1, 3 cấp = 2."


def test_it_rejects_a_ratio_that_does_not_match_its_counts(findings):
    (ratio,) = of_check(findings, "ratio.counts")
    assert ratio.message == "3.2.3 = 42 % nhưng số đếm bên dưới cho 42/42 = 100 %."


def test_an_empty_ratio_whose_counts_are_filled_is_computed_and_offered(findings):
    (computable,) = of_check(findings, "ratio.computable")
    assert computable.suggestion == "22.2"
    assert "2/9 = 22,22 %" in computable.message


def test_the_column_sums_show_their_arithmetic(findings):
    messages = [f.message for f in of_check(findings, "table.column_sum")]
    assert any("0 + 0 + 426 + 86 = 512 nhưng dòng “Tổng cộng” ghi 516" in m for m in messages)


def test_the_carried_over_applications_counted_twice_are_pointed_out(findings):
    (receipts,) = [f for f in of_check(findings, "narrative.parts") if f.values[0] == "521"]
    assert "Có lẽ 521 đã gồm cả 5 hồ sơ kỳ trước chuyển qua." in receipts.message


def test_the_sub_blocks_are_not_compared_with_the_annex_totals(findings):
    annex = of_check(findings, "narrative.annex")
    assert quoting(annex, "28/28") == []
    assert quoting(annex, "07/07") == []


def test_it_stays_silent_on_what_holds(findings):
    # The data window 15/12/2023–14/3/2024 is the legal quarter I window.
    assert of_check(findings, "period.window") == []
    # 514 = 406 + 108 + 0 and 514 + 7 pending = 521 hold in the narrative: its only finding
    # about the 514 resolved is the comparison with annex 3.4.2.a (512).
    about_514 = [f.check for f in findings if f.source == "narrative" and f.values[0] == "514"]
    assert about_514 == ["narrative.annex"]
    # Table rows: 4 = 0 + 0 + 4, 3 = 0 + 3 + 0, 426 = 426 + 0 + 0 = 342 + 84, 88 = 86 + 2 + 0,
    # 81 = 57 + 24, 81 + 7 = 88; carried 0 + 3 + 0 + 2 = 5; early 342 + 57 = 399; on time
    # 84 + 24 = 108; pending 7.
    table = [f for f in findings if f.source == "table"]
    assert all("tong-cong" in f.codes[0] for f in table)
    assert involving(findings, *cells("carried_over"), *cells("pending")) == []
    assert involving(findings, *cells("resolved_on_time")[1:], *cells("resolved_early")[1:]) == []
    # 3.2.4 = 100 % = 33/33; 3.4.1 = 100 % = 07/07; 3.4.2 = 100 % = 512/512.
    assert involving(findings, "3.2.4", "3.4.1", "3.4.2") == []
    # Plan 9 = 2 + 3 + 4; staff 18 = 9 + 9; 4.2.1 = 20 ≥ 4.2.2 = 18.
    assert involving(findings, "4.2.1", "4.2.2") == []
    assert quoting(findings, "09 nhiệm vụ") == []
    assert quoting(findings, "18/20") == []
