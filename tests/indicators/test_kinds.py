"""The kind of a row, as a template says it or as it is inferred when a template is imported."""

from __future__ import annotations

from indicators.kinds import breakdown_codes, inferred_settings


def test_a_total_of_its_trong_do_parts_is_computed_from_them():
    rows = [
        {"code": "3.3.1", "name": "Số hồ sơ đã tiếp nhận", "value_type": "integer",
         "parts_sum_to_total": True},
        {"code": "3.3.1.a", "name": "Trực tiếp", "value_type": "integer", "is_breakdown": True},
        {"code": "3.3.1.b", "name": "Trực tuyến", "value_type": "integer", "is_breakdown": True},
    ]  # fmt: skip
    settings = inferred_settings(rows[0], breakdown_codes(rows)["3.3.1"])
    assert (settings["kind"], settings["formula"]) == ("computed", "[3.3.1.a] + [3.3.1.b]")


def test_yes_no_answers_are_stable_and_merge_as_yes_only_when_all_said_yes():
    settings = inferred_settings({"code": "6.1", "name": "Quy chế chi tiêu", "value_type": "yesno"})
    assert (settings["kind"], settings["on_merge"]) == ("stable", "all_yes")


def test_levels_at_the_report_date_are_stocks():
    for name in ("Tổng số TTHC đang áp dụng", "Tổng số biên chế có mặt tại thời điểm báo cáo"):
        assert inferred_settings({"code": "x", "name": name})["kind"] == "stock"


def test_counts_of_the_period_are_flows():
    assert inferred_settings({"code": "2.1", "name": "Số VBQPPL đã ban hành"})["kind"] == "flow"


def test_a_kind_the_template_says_is_kept():
    row = {"code": "2.1", "name": "Tổng số biên chế", "kind": "flow"}
    assert inferred_settings(row)["kind"] == "flow"


def test_templates_from_before_kinds_keep_their_prefill_meaning():
    assert inferred_settings({"code": "4.1", "name": "x", "prefill": "last_value"})["kind"] == (
        "stock"
    )
    carried = inferred_settings({"code": "3.1", "name": "x", "prefill": "previous_pending"})
    assert carried["derivation"] == "carry_over"


def test_a_carried_over_row_is_read_from_its_name():
    row = {"code": "3.2", "name": "Số hồ sơ kỳ trước chuyển qua"}
    assert inferred_settings(row)["derivation"] == "carry_over"


def test_computed_without_a_formula_or_parts_falls_back_to_flow():
    assert inferred_settings({"code": "1", "name": "x", "kind": "computed"})["kind"] == "flow"
