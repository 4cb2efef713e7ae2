"""Group rows of an imported annex (issue #13, item 10e): a row with child rows of its own (not
its "Trong đó" breakdowns), without a unit and without a value in the file, is a heading,
which the commune's form shows without an input."""

from __future__ import annotations

import pytest

from indicators.importers.reader import read_annex_source
from indicators.importers.template_import import plan_template, template_create
from indicators.models import ValueType

HEADER = "STT\tChỉ tiêu thống kê\tKết quả thống kê\t\tGhi chú"
SUBHEADER = "\t\tĐơn vị tính\tSố liệu\t"
BLANK_ANNEX = [
    "1\tCông tác chỉ đạo điều hành CCHC\t\t\t",
    "1.1\tKế hoạch CCHC\t\t\t",
    "1.1.1\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t\t",
    "1.1.2\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t\t",
    "3\tCải cách thủ tục hành chính\t\t\t",
    "3.1\tThống kê TTHC\t\t201\t",
    "3.1.1\tSố TTHC được công bố\tThủ tục\t\t",
    "3.3\tKết quả giải quyết TTHC\t\t\t",
    "3.3.1\tSố lượng hồ sơ đã tiếp nhận\t\t\t",
    "Trong đó\tTiếp nhận trực tiếp\tHồ sơ\t\t",
    "\tTiếp nhận trực tuyến\tHồ sơ\t\t",
    "3.3.2\tSố hồ sơ đã giải quyết\tHồ sơ\t\t",
]


def _plan(lines: list[str]):
    text = "\n".join(["PHỤ LỤC", HEADER, SUBHEADER, *lines]) + "\n"
    return plan_template(read_annex_source(text.encode("utf-8")))


def _types(plan) -> dict[str, str]:
    return {row["code"]: row["value_type"] for row in plan.rows}


@pytest.mark.django_db
def test_a_group_without_unit_or_value_is_a_heading_and_one_with_a_value_is_not():
    types = _types(_plan(BLANK_ANNEX))
    assert types["1.1"] == ValueType.HEADING
    assert types["3.3"] == ValueType.HEADING
    assert types["3.1"] == ValueType.INTEGER  # the file gives it a value of its own


@pytest.mark.django_db
def test_a_total_over_its_trong_do_rows_is_a_figure_not_a_heading():
    """Its "Trong đó" rows are parts of its figure, not child rows: it stays an input."""
    types = _types(_plan(BLANK_ANNEX))
    assert types["3.3.1"] == ValueType.INTEGER
    assert types["3.3.1.a"] == ValueType.INTEGER


@pytest.mark.django_db
def test_the_imported_template_has_no_input_for_its_headings():
    plan = _plan(BLANK_ANNEX)
    template = template_create(plan=plan, code="NHOM-THU", title="Mẫu thử nhóm")
    inputs = set(template.indicators.inputs().values_list("code", flat=True))
    assert {"1", "1.1", "3", "3.3"}.isdisjoint(inputs)
    assert {"1.1.1", "3.1", "3.3.1", "3.3.1.a", "3.3.2"} <= inputs
    assert plan.input_count == len(inputs)
