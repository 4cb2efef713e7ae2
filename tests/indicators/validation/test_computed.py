"""Computed rows: each row's formula over the report's figures, in dependency order."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from indicators.validation.computed import computed_rows, computed_values, cycle_through
from indicators.validation.snapshot import IndicatorInfo, ReportData, TemplateData


def row(
    code: str, *, formula: str = "", value_type: str = "integer", kind: str = ""
) -> IndicatorInfo:
    return IndicatorInfo(
        code=code, printed_code=code, name=code, unit="", value_type=value_type, choices=(),
        is_breakdown=code.count(".") > 2, parts_sum_to_total=False, aggregation="sum", tags=(),
        parent=None, position=0, kind=kind or ("computed" if formula else "flow"),
        formula=formula,
    )  # fmt: skip


TEMPLATE = TemplateData(
    code="T",
    version=1,
    indicators=(
        row("3.3.1", formula="[3.3.1.a] + [3.3.1.b]"),
        row("3.3.1.a"),
        row("3.3.1.b"),
        row("3.3.2"),
        row("3.3.9", formula="ROUND([3.3.2] / [3.3.1] * 100, 2)", value_type="percent"),
    ),
)


def values(**figures) -> ReportData:
    return ReportData(
        template=TEMPLATE,
        values={code.replace("_", "."): Decimal(v) for code, v in figures.items()},
    )


def test_a_total_is_the_sum_of_its_parts():
    assert computed_values(values(**{"3_3_1_a": "10", "3_3_1_b": "5"}))["3.3.1"] == 15


def test_a_total_adds_the_parts_typed_so_far_and_is_blank_before_any():
    assert computed_values(values(**{"3_3_1_a": "10"}))["3.3.1"] == 10
    assert computed_values(values())["3.3.1"] is None


def test_a_ratio_reads_the_computed_total_and_waits_for_every_count():
    data = values(**{"3_3_1_a": "300", "3_3_1_b": "43", "3_3_2": "322"})
    assert computed_values(data)["3.3.9"] == Decimal("93.88")
    assert computed_values(values(**{"3_3_1_a": "10"}))["3.3.9"] is None


def test_a_division_by_zero_is_blank_not_an_error():
    assert computed_values(values(**{"3_3_1_a": "0", "3_3_2": "0"}))["3.3.9"] is None


def test_a_figure_typed_over_a_computed_row_is_kept_and_read_by_the_rows_after_it():
    data = values(**{"3_3_1_a": "10", "3_3_1_b": "5", "3_3_1": "20", "3_3_2": "10"})
    results = computed_values(data, keep={"3.3.1"})
    assert "3.3.1" not in results
    assert results["3.3.9"] == 50


def test_rows_come_after_the_computed_rows_they_read_and_a_cycle_is_left_out():
    assert [r.code for r in computed_rows(TEMPLATE.indicators)] == ["3.3.1", "3.3.9"]
    cycle = (row("a", formula="[b] + 1"), row("b", formula="[a] + 1"), row("c", formula="1 + 1"))
    assert [r.code for r in computed_rows(cycle)] == ["c"]


def test_a_sum_of_children_comes_after_the_computed_children_it_reads():
    children = (
        row("9", formula="SUM_CHILDREN([9])"),
        replace(row("9.1", formula="[9.1.x] * 2"), parent="9"),
        replace(row("9.2"), parent="9"),
        row("9.1.x"),
    )
    assert [r.code for r in computed_rows(children)] == ["9.1", "9"]
    data = ReportData(
        template=TemplateData(code="T", version=1, indicators=children),
        values={"9.1.x": Decimal(3), "9.2": Decimal(4)},
    )
    assert computed_values(data)["9"] == 10
    assert cycle_through(children, "9") == []


def test_the_cycle_a_row_goes_round_is_named():
    rows = (row("a", formula="[b] + 1"), row("b", formula="[c] * 2"), row("c", formula="[a]"))
    assert cycle_through(rows, "a") == ["a", "b", "c", "a"]
    assert cycle_through((row("a", formula="[a] + 1"),), "a") == ["a", "a"]
    assert cycle_through(TEMPLATE.indicators, "3.3.9") == []
    # A child read back by its parent's SUM_CHILDREN goes round too.
    parent = row("9", formula="SUM_CHILDREN([9])")
    child = replace(row("9.1", formula="[9] - 1"), parent="9")
    assert cycle_through((parent, child), "9.1") == ["9.1", "9", "9.1"]


def test_an_integer_total_never_prints_in_exponent_form():
    result = computed_values(values(**{"3_3_1_a": "60", "3_3_1_b": "40"}))["3.3.1"]
    assert str(result) == "100"
