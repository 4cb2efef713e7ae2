"""Editing the report leaves the console clean: no Content-Security-Policy violation (styles
set from JavaScript go through classes; htmx never copies a style attribute), no exception
(issue #13, defect 12)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_console_error, log_in


def start_quarter(page) -> None:
    log_in(page, "hoangkim")
    page.locator("table.obligations tr", has_text="Quý IV năm 2024").get_by_role(
        "button", name="Lập báo cáo"
    ).click()
    expect(page.locator("h1")).to_contain_text("quý IV năm 2024")


def test_editing_every_tab_of_the_report_logs_no_console_error(page):
    start_quarter(page)
    # Sections collapse and open again (Bootstrap leaves a style attribute behind).
    toggle = page.locator(".section-toggle").nth(2)
    toggle.click()
    page.wait_for_timeout(500)
    toggle.click()
    page.wait_for_timeout(500)
    page.locator('input.cell-input[data-code="3.3.1.a"]').fill("729")
    page.locator('input.cell-input[data-code="3.3.1.a"]').press("Enter")
    page.get_by_role("tab", name="Nội dung báo cáo").click()
    text = page.locator("textarea.section-text").nth(1)
    text.click()
    text.press_sequentially("Đã ban hành kế hoạch. ")
    # Officials resize text boxes: Chromium writes the size as an inline style.
    text.evaluate("el => { el.style.height = '200px'; }")
    page.get_by_role("tab", name="Thông tin văn bản").click()
    basis = page.locator("#id_legal_basis")
    basis.evaluate("el => { el.style.height = '120px'; }")
    basis.fill("Căn cứ Kế hoạch số 10/KH-UBND")
    basis.press("Tab")
    page.locator("#id_signer_name").fill("Lê Văn A")
    page.locator("#id_signer_name").press("Tab")
    page.wait_for_timeout(2_500)
    page.wait_for_load_state("networkidle")
    page.get_by_role("tab", name="Kiểm tra và gửi").click()
    expect(page.locator("#check-panel")).not_to_contain_text("Đang kiểm tra")
    assert_no_console_error(page, "report form")
