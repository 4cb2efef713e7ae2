"""The rule editor's builder (issue #13, item 10d), as the server renders it: the template's rows
by "code — name" for each side, hidden until ``rule_builder.js`` shows it, with controls that
send nothing, so the text fields stay what the server reads. The browser test
(``tests/browser/test_rule_builder.py``) builds a rule with it."""

from __future__ import annotations

import re

from django.urls import reverse

from indicators.models import ValidationRule
from indicators.rule_builder import builder_rows


def _select(page: str, select_id: str) -> tuple[str, list[tuple[str, str]]]:
    found = re.search(rf'<select[^>]*id="{select_id}"[^>]*>.*?</select>', page, re.S)
    assert found, select_id
    options = re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', found.group(0), re.S)
    return found.group(0), options


def test_the_builder_lists_the_rows_a_rule_reads_and_the_rows_with_children(draft):
    rows = {row.code: row for row in builder_rows(draft)}
    assert rows["3.3.1"].label == "3.3.1 — Số lượng hồ sơ đã tiếp nhận"
    assert rows["3.3.1"].readable and rows["3.3.1"].has_children  # its "Trong đó" rows
    assert not rows["1.2"].readable and rows["1.2"].has_children  # a heading: no value
    assert rows["1.1.1"].readable and not rows["1.1.1"].has_children
    assert all(len(row.label) <= 110 for row in rows.values())


def test_the_rule_form_carries_the_builder_hidden_until_its_script_runs(
    template_admin_client, draft
):
    page = template_admin_client.get(
        reverse("template_admin:rule_create", args=[draft.pk])
    ).content.decode()
    assert '<script src="/static/js/rule_builder.js"></script>' in page
    for side in ("left", "right"):
        block = re.search(
            rf'<div class="rule-builder-side[^>]*data-builder-for="id_{side}"[^>]*>', page
        )
        assert block and "hidden" in block.group(0), side
        _, rows = _select(page, f"{side}-row")
        assert ("1.1.1", "1.1.1 — Số nhiệm vụ đề ra trong kế hoạch") in rows
        assert "1.2" not in {code for code, _ in rows}  # a heading has no value to compare
        _, parents = _select(page, f"{side}-parent")
        assert {"1.2", "3.3.1"} <= {code for code, _ in parents}
        html, _ = _select(page, f"{side}-rows")
        assert "multiple" in html
        assert f'<label class="form-label small mb-1" for="{side}-rows">' in page
    # Only the expression text is sent: no builder control has a name.
    for control in re.findall(r"<(?:select|input)[^>]*data-role=[^>]*>", page):
        assert " name=" not in control, control
    assert 'id="id_left"' in page and 'id="id_right"' in page and 'id="id_operator"' in page
    assert '<output id="rule-expression"' in page


def test_a_rule_built_as_the_builder_writes_it_is_saved(template_admin_client, draft):
    response = template_admin_client.post(
        reverse("template_admin:rule_create", args=[draft.pk]),
        {
            "code": "tong-nhiem-vu",
            "left": "[1.1.2] + [1.1.3]",
            "operator": "<=",
            "right": "SUM_CHILDREN([1.1])",
            "severity": "warning",
            "missing_values": "skip_if_any_missing",
            "message": "Số nhiệm vụ hoàn thành và văn bản không vượt tổng các dòng 1.1",
            "position": "9",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    rule = ValidationRule.objects.get(template=draft, code="tong-nhiem-vu")
    assert (rule.left, rule.operator, rule.right) == (
        "[1.1.2] + [1.1.3]",
        "<=",
        "SUM_CHILDREN([1.1])",
    )
