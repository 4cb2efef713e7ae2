"""The template admin makes a row computed by picking its "Trong đó" rows (issue #15): the
formula is written as they pick, tried on a real report beside the figure the report has, saved,
and shown on the tree with the row's kind; the row form with the builder open has no
accessibility violation."""

from __future__ import annotations

from playwright.sync_api import expect

from indicators.models import IndicatorTemplate
from reports.models import Report
from tests.browser.conftest import assert_accessible, assert_no_console_error, log_in

PARTS = "[3.3.2.a] + [3.3.2.b] + [3.3.2.c] + [3.3.2.d]"


def test_a_row_is_made_computed_by_picking_its_parts_tried_on_a_report_and_saved(page):
    draft = IndicatorTemplate.objects.get(code="HH-01b", version=2).clone()
    # 3.3.2 as a row typed each period, before the admin makes it computed.
    draft.indicators.filter(code="3.3.2").update(kind="flow", formula="")
    target = draft.indicators.get(code="3.3.2")
    report = Report.objects.by_key("15889", "2024Q3")
    log_in(page, "quantri")
    base = page.base_url + f"/mau/{draft.pk}/"

    page.goto(base + f"dong/{target.pk}/")
    builder = page.locator("#formula-builder")
    expect(builder).to_be_hidden()
    expect(page.get_by_label("Chỉ tiêu nguồn")).to_be_hidden()  # no derivation chosen
    page.get_by_label("Suy ra từ kỳ trước").select_option("carry_over")
    expect(page.get_by_label("Chỉ tiêu nguồn")).to_be_visible()
    page.get_by_label("Suy ra từ kỳ trước").select_option("")
    expect(page.get_by_label("Chỉ tiêu nguồn")).to_be_hidden()

    page.get_by_label("Tự tính").check()
    expect(builder).to_be_visible()
    expect(page.get_by_label("Công thức tính bằng")).to_have_value("parts")
    parts = page.locator("#formula-parts")
    parts.select_option(["3.3.2.a", "3.3.2.b", "3.3.2.c"])
    expect(page.locator("#id_formula")).to_have_value("[3.3.2.a] + [3.3.2.b] + [3.3.2.c]")

    trial = page.locator("#formula-trial")
    page.get_by_label("Báo cáo để thử").select_option(str(report.pk))
    expect(trial).to_contain_text("Tính theo công thức: 433 · Báo cáo ghi: 729")
    expect(trial).to_contain_text("Khác số báo cáo ghi.")
    parts.select_option(["3.3.2.a", "3.3.2.b", "3.3.2.c", "3.3.2.d"])
    expect(page.locator("#id_formula")).to_have_value(PARTS)
    page.get_by_role("button", name="Xem thử").click()
    expect(trial).to_contain_text("Tính theo công thức: 729 · Báo cáo ghi: 729")
    expect(trial).to_contain_text("Khớp số báo cáo ghi.")
    assert_accessible(page, "row form, formula builder open, tried on a report")

    # An expert types a ratio; the builder follows it.
    page.locator("#id_formula").fill("ROUND([3.3.2.c] / [3.3.1] * 100, 2)")
    expect(page.get_by_label("Công thức tính bằng")).to_have_value("ratio")
    expect(page.get_by_label("Dòng A (tử số)")).to_have_value("3.3.2.c")
    expect(page.get_by_label("Dòng B (mẫu số)")).to_have_value("3.3.1")
    page.get_by_label("Công thức tính bằng").select_option("parts")
    expect(page.locator("#id_formula")).to_have_value(PARTS)

    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    page.wait_for_url(base)
    target.refresh_from_db()
    assert (target.kind, target.formula) == ("computed", PARTS)
    tree_row = page.locator(f"#row-{target.pk}")
    expect(tree_row.locator(".badge")).to_have_text("Tự tính")
    expect(tree_row.locator("code.row-formula")).to_have_text(f"= {PARTS}")
    assert_accessible(page, "template tree with kinds")
    assert_no_console_error(page, "row formula")
