"""axe-core on every page people use — login, home, each tab of the report form, the reviewer's
review tab, dashboard, aggregate, template editor, error pages —, on a desktop and a phone:
no violation of any impact, and no console error (issue #13, defect 11; axe-core ships inside
axe-playwright-python, nothing is downloaded)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indicators.models import IndicatorTemplate
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, assert_accessible, log_in, open_page
from tests.browser.helpers import all_saved, cell, start_quarter

REPORT_TABS = ["Phụ lục số liệu", "Nội dung báo cáo", "Thông tin văn bản", "Kiểm tra và gửi"]


def report_tabs(page, where: str) -> None:
    for tab in REPORT_TABS:
        page.get_by_role("tab", name=tab).click()
        page.wait_for_load_state("networkidle")
        if tab == "Kiểm tra và gửi":
            expect(page.locator("#check-panel")).not_to_contain_text("Đang kiểm tra")
        page.wait_for_timeout(300)  # Bootstrap's fade
        assert_accessible(page, f"{where}: {tab}")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_commune_s_pages_have_no_accessibility_violation(
    chromium, live_server, seeded, viewport
):
    page = open_page(chromium, live_server.url, PHONE if viewport == "phone" else DESKTOP)
    page.goto(page.base_url + "/accounts/login/")
    assert_accessible(page, "login")
    start_quarter(page)
    cell(page, "3.3.1.a").fill("12 5")
    cell(page, "3.3.1.a").press("Enter")
    all_saved(page)
    report_url = page.url
    page.goto(page.base_url + "/")
    assert_accessible(page, "home")
    page.goto(report_url)
    report_tabs(page, f"report form ({viewport})")
    page.get_by_role("tab", name="Phụ lục số liệu").click()
    expect(page.locator("#pane-annex")).to_be_visible()
    page.wait_for_timeout(300)  # Bootstrap's fade: the screenshot shows the pane, not a blank
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if viewport == "desktop":
        cell(page, "3.3.1").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "report-form-desktop.png"))
    for address in ["/khong-co-trang-nay/", "/theo-doi/"]:  # 404, and 403 for a commune
        page.goto(page.base_url + address)
        assert_accessible(page, address)
    page.context.close()


def test_the_reviewer_s_and_template_admin_s_pages_have_no_accessibility_violation(page):
    log_in(page, "noivu.hoanghoa")
    assert_accessible(page, "reviewer home")
    page.goto(page.base_url + "/theo-doi/?ky=2024Q3")
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "dashboard")
    report = page.locator("table.dashboard a").first
    report.click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "review: annex")
    page.get_by_role("tab", name="Thẩm định").click()
    page.wait_for_timeout(300)
    assert_accessible(page, "review: Thẩm định")
    page.goto(page.base_url + "/tong-hop/?ky=2024Q3")
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "aggregate")
    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, "quantri")
    page.goto(page.base_url + "/mau/")
    assert_accessible(page, "template list")
    template = IndicatorTemplate.objects.get(code="HH-01b", version=2)
    page.goto(page.base_url + f"/mau/{template.pk}/")
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "template editor")
