"""Two versions compared: rows added, removed, renamed, renumbered; a mapping of codes."""

from __future__ import annotations

from indicators.compare import compare_templates
from indicators.models import IndicatorTemplate
from indicators.tree_editing import row_add, row_delete

from .conftest import row


def test_hoang_hoa_01b_2022_to_2024_shows_the_wording_changes_as_renamed_rows(db):
    old = IndicatorTemplate.objects.get(code="HH-01b", version=1)
    new = IndicatorTemplate.objects.get(code="HH-01b", version=2)
    comparison = compare_templates(old, new)
    renamed = {row.new_code: (row.old.name, row.new.name) for row in comparison.renamed}
    assert set(renamed) == {"3.3.2", "3.3.3", "3.3.4", "4.1", "4.2", "7.1"}
    assert renamed["3.3.2"][0].endswith("đúng hẹn") and renamed["3.3.2"][1].endswith("đúng hạn")
    assert "(theo NĐ 34)" in renamed["4.1"][0] and "(theo ND 34)" in renamed["4.1"][1]
    assert "Hệ thống họp" in renamed["7.1"][0] and "Hệ thống hợp" in renamed["7.1"][1]
    assert comparison.added == comparison.removed == comparison.renumbered == []
    assert comparison.mapping == {code: code for code in comparison.mapping}
    assert len(comparison.mapping) == 77


def test_an_inserted_row_is_added_and_the_rows_below_it_are_renumbered(draft, hoang_hoa_2024):
    row_add(template=draft, name="Số nhiệm vụ phát sinh", after=row(draft, "1.1.1"))
    comparison = compare_templates(hoang_hoa_2024, draft)
    assert [r.new_code for r in comparison.added] == ["1.1.2"]
    assert {(r.old_code, r.new_code) for r in comparison.renumbered} == {
        ("1.1.2", "1.1.3"),
        ("1.1.3", "1.1.4"),
    }
    assert comparison.mapping["1.1.2"] == "1.1.3"
    assert comparison.mapping["3.3.1.a"] == "3.3.1.a"


def test_a_deleted_row_is_removed_and_has_no_code_in_the_mapping(draft, hoang_hoa_2024):
    row_delete(template=draft, row=row(draft, "3.5"))
    comparison = compare_templates(hoang_hoa_2024, draft)
    assert [r.old_code for r in comparison.removed] == ["3.5"]
    assert "3.5" not in comparison.mapping
    data = comparison.as_data()
    assert data["removed"] == ["3.5"]
    assert data["old"] == {"code": "HH-01b", "version": 2}
