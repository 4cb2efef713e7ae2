"""A commune official fills the quarter's report in the browser and sends it."""

from __future__ import annotations

from playwright.sync_api import expect

from reports.models import IndicatorValue, Report, ReportStatus
from tests.browser.conftest import SCREENSHOTS, log_in


def cell(page, code: str):
    return page.locator(f'input.cell-input[data-code="{code}"]')


def test_hoang_kim_fills_a_new_quarter_sees_live_totals_and_sends_it(page):
    log_in(page, "hoangkim")
    row = page.locator("table.obligations tr", has_text="Quý IV năm 2024")
    expect(row).to_contain_text("Chưa lập")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report-list.png"))
    row.get_by_role("button", name="Lập báo cáo").click()
    expect(page.locator("h1")).to_contain_text("quý IV năm 2024")

    # Only the parts of "received" are typed: the total is computed (live, then by the server),
    # and each part's share shows as one types.
    for code, typed in [
        ("3.3.1.a", "10"),
        ("3.3.1.b", "2"),
        ("3.3.1.c", "421"),
        ("3.3.1.d", "296"),
    ]:
        cell(page, code).fill(typed)
    expect(cell(page, "3.3.1")).to_have_value("729")
    expect(cell(page, "3.3.1")).not_to_be_editable()
    expect(page.locator('.share-hint[data-part="3.3.1.c"]')).to_have_text("= 57,8%")
    # Enter moves down the tree and saves.
    cell(page, "3.3.1.d").press("Enter")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu lúc")
    # The other cells save 1.5 s after the typing stopped (autosave's pause): let them.
    page.wait_for_timeout(1_800)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SCREENSHOTS / "report-form.png"))

    # A mistake: text where a number is expected, with a suggested fix the user confirms.
    cell(page, "3.2.1").fill("113 TTHC")
    cell(page, "3.2.1").press("Tab")
    feedback = page.locator("#fb-" + cell(page, "3.2.1").get_attribute("id").removeprefix("in-"))
    expect(feedback).to_contain_text("Có phải ý bạn là 113?")
    feedback.get_by_role("button", name="Dùng 113").click()
    expect(feedback).not_to_contain_text("Có phải ý bạn là")
    page.wait_for_load_state("networkidle")

    # Reload: everything typed is still there.
    page.reload()
    expect(cell(page, "3.3.1.c")).to_have_value("421")
    expect(cell(page, "3.2.1")).to_have_value("113")
    expect(cell(page, "3.3.1")).to_have_value("729")
    report = Report.objects.get(unit__code="15889", period__year=2024, period__number=4)
    assert IndicatorValue.objects.get(report=report, indicator__code="3.3.1.d").value == 296
    assert IndicatorValue.objects.get(report=report, indicator__code="3.3.1").value == 729

    # Check and send: confirm the figures carried over, explain the warnings, send.
    page.get_by_role("tab", name="Kiểm tra và gửi").click()
    expect(page.locator("#check-panel")).to_contain_text("số liệu kỳ trước")
    page.get_by_role("button", name="Xác nhận tất cả số liệu lấy từ kỳ trước").click()
    page.get_by_role("tab", name="Kiểm tra và gửi").click()
    expect(page.locator("#check-panel")).not_to_contain_text("Đang kiểm tra")
    errors = page.locator("#check-panel .badge.text-bg-danger")
    expect(errors).to_have_count(0)
    for area in page.locator("#send-form textarea").all():
        area.fill("Số liệu đúng theo phần mềm một cửa.")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi báo cáo")
    expect(page.locator(".badge").first).to_have_text("Đã gửi")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # Read-only for the commune from now on.
    expect(cell(page, "3.3.1")).to_be_disabled()


def test_nothing_typed_is_lost_when_the_session_expires(page):
    log_in(page, "hoangkim")
    page.locator("table.obligations tr", has_text="Quý IV năm 2024").get_by_role(
        "button", name="Lập báo cáo"
    ).click()
    cell(page, "3.3.1.b").fill("2")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu lúc")
    # The session ends (timeout, logout in another tab) while the official keeps typing.
    page.context.clear_cookies()
    cell(page, "3.3.1.a").fill("10")
    cell(page, "3.3.1.a").press("Tab")
    expect(page.locator("#session-expired")).to_be_visible()
    report_url = page.url
    # Log in again and come back: the value typed meanwhile is restored and saved.
    log_in(page, "hoangkim")
    page.goto(report_url)
    expect(cell(page, "3.3.1.a")).to_have_value("10")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu lúc")
    page.wait_for_load_state("networkidle")
    report = Report.objects.get(unit__code="15889", period__year=2024, period__number=4)
    assert IndicatorValue.objects.get(report=report, indicator__code="3.3.1.a").value == 10
