"""Editing the tree of a draft: rows added, deleted, moved, indented and outdented, with the
STT codes renumbered after every change and the rules following their rows."""

from __future__ import annotations

import pytest

from indicators.models import IndicatorTemplate, TemplateStatus, ValueType
from indicators.template_io import template_to_dict
from indicators.tree_editing import (
    MSG_BREAKDOWN_NEEDS_PARENT,
    MSG_NO_ROW_ABOVE,
    MSG_TOP_LEVEL,
    TreeEditError,
    rewrite_codes,
    row_add,
    row_delete,
    row_indent,
    row_move,
    row_outdent,
    row_update,
)

from .conftest import codes, row


def _rule(template: IndicatorTemplate, code: str) -> str:
    rule = template.rules.get(code=code)
    return f"{rule.left} {rule.operator} {rule.right}"


def test_cloning_a_published_template_makes_the_next_version_a_draft_with_the_same_rows(
    hoang_hoa_2024,
):
    copy = hoang_hoa_2024.clone()
    assert (copy.version, copy.status, copy.cloned_from) == (
        3,
        TemplateStatus.DRAFT,
        hoang_hoa_2024,
    )
    source, cloned = template_to_dict(hoang_hoa_2024), template_to_dict(copy)
    assert cloned["rows"] == source["rows"]
    assert cloned["rules"] == source["rules"]
    assert cloned["outline"] == source["outline"]


def test_a_row_added_after_another_renumbers_the_rows_below_and_the_rules_follow(draft):
    result = row_add(
        template=draft, name="Số nhiệm vụ phát sinh", after=row(draft, "1.1.1"), unit="Nhiệm vụ"
    )
    assert result.row.code == "1.1.2"
    assert result.renumbered == {"1.1.2": "1.1.3", "1.1.3": "1.1.4"}
    assert row(draft, "1.1.3").name == "Số nhiệm vụ đã hoàn thành"
    assert _rule(draft, "nhiem-vu-ke-hoach") == "[1.1.3] <= [1.1.1]"


def test_a_row_added_under_a_parent_is_its_last_child(draft):
    result = row_add(template=draft, name="Số cuộc kiểm tra", parent=row(draft, "1.2"))
    assert result.row.code == "1.2.4"
    assert result.row.depth == 2
    assert codes(draft).index("1.2.4") == codes(draft).index("1.2.3") + 1


def test_a_new_trong_do_row_takes_the_next_letter(draft):
    result = row_add(
        template=draft, name="Trả qua ứng dụng", parent=row(draft, "3.3.2"), is_breakdown=True
    )
    assert result.row.code == "3.3.2.e"
    assert result.row.printed_code == ""


def test_a_trong_do_row_needs_a_parent(draft):
    with pytest.raises(TreeEditError) as caught:
        row_add(template=draft, name="Trong đó", is_breakdown=True)
    assert caught.value.message == MSG_BREAKDOWN_NEEDS_PARENT


def test_deleting_a_row_removes_its_subtree_renumbers_and_warns_of_rules_left_dangling(draft):
    before = len(codes(draft))
    result = row_delete(template=draft, row=row(draft, "1.1"))
    assert len(codes(draft)) == before - 4  # 1.1 and 1.1.1–1.1.3
    assert row(draft, "1.1").name == "Kiểm tra CCHC"
    assert result.renumbered["1.2.3"] == "1.1.3"
    assert _rule(draft, "van-de-kiem-tra") == "[1.1.3] <= [1.1.2]"
    # The rule about the deleted rows does not slide onto the rows that took their numbers.
    assert _rule(draft, "nhiem-vu-ke-hoach") == "[1.1.2-da-xoa] <= [1.1.1-da-xoa]"
    assert not draft.rules.get(code="nhiem-vu-ke-hoach").is_active
    assert "Quy tắc “nhiem-vu-ke-hoach” tham chiếu [1.1.2-da-xoa]" in " ".join(result.warnings)


def test_moving_a_row_down_swaps_it_with_its_sibling_and_the_rows_under_it_follow(draft):
    name = row(draft, "1.2").name
    row_move(template=draft, row=row(draft, "1.2"), direction="down")
    assert row(draft, "1.3").name == name
    assert row(draft, "1.3.1").name == "Số bộ phận, công chức chuyên môn cấp xã đã kiểm tra"
    assert row(draft, "1.2.1").name == "Tổng số nhiệm vụ được giao"


def test_the_first_row_of_a_group_cannot_move_up(draft):
    with pytest.raises(TreeEditError):
        row_move(template=draft, row=row(draft, "1.1.1"), direction="up")


def test_indenting_puts_a_row_under_the_sibling_above_it(draft):
    row_indent(template=draft, row=row(draft, "1.2"))
    assert row(draft, "1.1.4").name == "Kiểm tra CCHC"
    assert row(draft, "1.1.4.1").depth == 3
    assert row(draft, "1.2").name.startswith("Thực hiện nhiệm vụ")


def test_the_first_row_of_a_group_cannot_be_indented(draft):
    with pytest.raises(TreeEditError) as caught:
        row_indent(template=draft, row=row(draft, "1.1"))
    assert caught.value.message == MSG_NO_ROW_ABOVE


def test_outdenting_makes_a_row_the_next_sibling_of_its_parent(draft):
    row_outdent(template=draft, row=row(draft, "1.1.3"))
    moved = row(draft, "1.2")
    assert moved.name == "Số văn bản chỉ đạo CCHC đã ban hành"
    assert moved.depth == 1
    assert row(draft, "1.3").name == "Kiểm tra CCHC"


def test_a_top_level_row_cannot_be_outdented(draft):
    with pytest.raises(TreeEditError) as caught:
        row_outdent(template=draft, row=row(draft, "2"))
    assert caught.value.message == MSG_TOP_LEVEL


@pytest.mark.django_db
def test_printed_codes_follow_the_new_code_in_their_style_but_a_deviating_one_is_kept():
    two_b = IndicatorTemplate.objects.get(code="HT-2B").clone()
    # 2B prints 1.2's children as 1.1.1.–1.1.4. (the source's own mistake, kept as printed).
    assert row(two_b, "1.2.1").printed_code == "1.1.1."
    row_move(template=two_b, row=row(two_b, "1.2"), direction="down")
    assert row(two_b, "1.2").printed_code == "1.2."  # was 1.3, printed "1.3.": follows
    assert row(two_b, "1.3.1").printed_code == "1.1.1."  # deviated: kept


def test_turning_a_row_into_a_trong_do_row_gives_it_a_letter(draft):
    target = row(draft, "3.3.4")
    result = row_update(template=draft, row=target, data={"is_breakdown": True})
    # 3.3 had no "Trong đó" rows of its own (3.3.1.a … belong to 3.3.1): this is the first.
    assert result.row.code == "3.3.a"
    assert result.renumbered["3.3.4"] == "3.3.a"


def test_editing_a_rows_attributes_keeps_its_code(draft):
    target = row(draft, "1.4.2")
    result = row_update(
        template=draft,
        row=target,
        data={
            "name": "Hình thức khảo sát (chọn một)",
            "value_type": ValueType.CHOICE,
            "choices": [{"value": 0, "label": "Trực tuyến"}, {"value": 1, "label": "Phát phiếu"}],
            "tags": ["khao_sat"],
            "aggregation": "distribution",
            "kind": "stable",
        },
    )
    assert result.renumbered == {}
    target.refresh_from_db()
    assert (target.code, target.name, target.tags) == (
        "1.4.2",
        "Hình thức khảo sát (chọn một)",
        ["khao_sat"],
    )


def test_references_in_expressions_are_rewritten_all_at_once():
    mapping = {"1.1.2": "1.1.3", "1.1.3": "1.1.4"}
    assert rewrite_codes("[1.1.2] + [1.1.3] <= [tthc:tong-cong:received]", mapping) == (
        "[1.1.3] + [1.1.4] <= [tthc:tong-cong:received]"
    )
