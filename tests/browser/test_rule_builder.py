"""The template admin builds a rule by picking rows and an operator (issue #13, item 10d): the
expression is written as they pick and shown beside it, the rule is saved and listed, and the
editor's pages (tree, row form with its tags, add-row form, rule form) have no accessibility
violation."""

from __future__ import annotations

from playwright.sync_api import expect

from indicators.models import IndicatorTemplate, ValidationRule
from tests.browser.conftest import assert_accessible, assert_no_console_error, log_in


def test_a_rule_is_built_from_the_template_s_rows_saved_and_listed(page):
    draft = IndicatorTemplate.objects.get(code="HH-01b", version=2).clone()
    assigned = draft.indicators.get(code="1.3.1")
    log_in(page, "quantri")
    base = page.base_url + f"/mau/{draft.pk}/"

    page.goto(base)
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "template editor (draft)")
    page.goto(base + f"dong/{assigned.pk}/")
    expect(page.get_by_role("group", name="Nhãn ngữ nghĩa")).to_be_visible()
    assert_accessible(page, "row form with its tags")
    page.goto(page.base_url + f"/mau/{draft.pk}/dong/them/?after={assigned.pk}")
    expect(page.locator("#id_parent")).to_be_disabled()
    assert_accessible(page, "add-row form")

    page.goto(base + "quy-tac/them/")
    expect(page.locator("#rule-expression")).to_have_text(
        "Chọn hai vế và phép so sánh để xem quy tắc."
    )
    page.get_by_label("Vế trái tính bằng").select_option("sum")
    page.locator("#left-rows").select_option(["1.3.2", "1.3.3"])
    expect(page.locator("#rule-expression")).to_have_text("[1.3.2] + [1.3.3] … …")
    page.get_by_label("Phép so sánh").select_option("<=")
    page.locator("#right-row").select_option("1.3.1")
    expect(page.locator("#id_left")).to_have_value("[1.3.2] + [1.3.3]")
    expect(page.locator("#id_right")).to_have_value("[1.3.1]")
    expect(page.locator("#rule-expression")).to_have_text("[1.3.2] + [1.3.3] ≤ [1.3.1]")
    assert_accessible(page, "rule form, rule built")

    # An expert types; the builder follows what it recognises.
    page.locator("#id_right").fill("SUM_CHILDREN([1.3])")
    expect(page.locator("#right-kind")).to_have_value("children")
    expect(page.locator("#right-parent")).to_have_value("1.3")
    page.locator("#right-kind").select_option("row")
    expect(page.locator("#id_right")).to_have_value("[1.3.1]")

    page.locator("#id_code").fill("nhiem-vu-hoan-thanh")
    page.locator("#id_message").fill("Số nhiệm vụ hoàn thành không vượt số nhiệm vụ được giao.")
    page.get_by_role("button", name="Lưu quy tắc").click()
    page.wait_for_url(base + "quy-tac/")
    listed = page.locator("table.rules tr", has_text="nhiem-vu-hoan-thanh")
    expect(listed).to_contain_text("[1.3.2] + [1.3.3] ≤ [1.3.1]")
    assert_accessible(page, "rule list")
    rule = ValidationRule.objects.get(template=draft, code="nhiem-vu-hoan-thanh")
    assert (rule.left, rule.operator, rule.right) == ("[1.3.2] + [1.3.3]", "<=", "[1.3.1]")

    # Opened again, the builder shows the rule as it was built.
    listed.get_by_role("link", name="Sửa").click()
    expect(page.locator("#left-kind")).to_have_value("sum")
    expect(page.locator("#right-row")).to_have_value("1.3.1")
    expect(page.locator("#rule-expression")).to_have_text("[1.3.2] + [1.3.3] ≤ [1.3.1]")
    assert_no_console_error(page, "rule edit")
