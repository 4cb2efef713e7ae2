"""Hoằng Kim starts quarter IV 2024 and types only what is new this quarter (issue #15): what
carries over from quarter III is marked with where it comes from and confirmed a part of the
annex at a time, the totals are computed by the server, a figure typed over a computed one asks
for a reason, and the report is sent."""

from __future__ import annotations

from playwright.sync_api import expect

from reports.models import IndicatorValue, ReportStatus
from tests.browser.conftest import SCREENSHOTS, assert_accessible, assert_no_console_error
from tests.browser.helpers import all_saved, cell, hoang_kim_q4, start_quarter

FLOWS = [("3.3.1.a", "10"), ("3.3.1.b", "2"), ("3.3.1.c", "421"), ("3.3.1.d", "296")]
REASON = "Theo sổ một cửa: 6 hồ sơ liên thông chưa tách theo hình thức tiếp nhận."


def row(page, code: str):
    return page.locator(f'[id="row-{code}"]')


def figure(code: str) -> IndicatorValue:
    return IndicatorValue.objects.get(report=hoang_kim_q4(), indicator__code=code)


def top(page, code: str) -> None:
    """Scroll the page so that the row starts at the top (for a screenshot)."""
    row(page, code).evaluate("el => el.scrollIntoView({block: 'start', behavior: 'instant'})")


def confirm_every_part(page) -> None:
    buttons = page.locator(".section-confirm button")
    for left in range(buttons.count() - 1, -1, -1):
        buttons.first.click()
        expect(buttons).to_have_count(left)


def send(page) -> None:
    page.get_by_role("tab", name="Kiểm tra và gửi").click()
    panel = page.locator("#check-panel")
    expect(panel).not_to_contain_text("Đang kiểm tra")
    expect(panel.locator(".badge.text-bg-danger")).to_have_count(0)
    for area in page.locator("#send-form textarea").all():
        area.fill("Số liệu đúng theo phần mềm một cửa.")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi báo cáo")


def test_a_new_quarter_asks_only_for_what_is_new_and_is_sent(page):
    start_quarter(page)
    # What carries over says where it comes from; what the server computes says so.
    expect(row(page, "3.1.3").locator(".badge.origin-carried")).to_have_text(
        "Từ báo cáo quý III/2024"
    )
    expect(cell(page, "3.1.3")).to_have_value("217")
    expect(row(page, "3.3.1").locator(".badge.origin-computed")).to_have_text("Tự tính")
    expect(row(page, "3.3.1")).to_contain_text("= 3.3.1.a + 3.3.1.b + 3.3.1.c + 3.3.1.d")
    expect(cell(page, "3.3.1")).not_to_be_editable()
    assert_accessible(page, "the annex of a new quarter")

    # Part 3 confirmed in one click: its eight carried figures, and nothing else.
    part_3 = page.locator(".section-row", has_text="Cải cách thủ tục hành chính")
    part_3.get_by_role("button", name="Xác nhận cả mục (6 số liệu)").click()
    expect(part_3.locator(".section-confirm[role=status]")).to_have_text("Đã xác nhận 6 số liệu")
    expect(row(page, "3.1.3")).to_contain_text("Từ báo cáo quý III/2024 (đã xác nhận)")
    expect(row(page, "3.1.3").get_by_role("button", name="Xác nhận")).to_have_count(0)
    expect(cell(page, "3.1.3")).not_to_have_class("prefilled")
    waiting = {
        v.indicator.code
        for v in IndicatorValue.objects.filter(report=hoang_kim_q4(), prefilled=True)
    }
    assert waiting and not {code for code in waiting if code.startswith("3.")}

    # Only the flows are typed: the server adds them up.
    for code, typed in FLOWS:
        cell(page, code).fill(typed)
        cell(page, code).press("Enter")
    all_saved(page)
    expect(cell(page, "3.3.1")).to_have_value("729")
    assert (figure("3.3.1").value, figure("3.3.1").origin) == (729, "computed")
    page.reload()
    expect(cell(page, "3.3.1")).to_have_value("729")
    expect(cell(page, "3.3.1")).not_to_be_editable()
    assert_accessible(page, "the annex with a part confirmed and its flows typed")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    top(page, "3.1.3")
    page.screenshot(path=str(SCREENSHOTS / "new-quarter-desktop.png"))

    # The commune's own figure over a computed one needs a reason: asked, then kept.
    total = row(page, "3.3.1")
    total.get_by_role("button", name="Sửa số (ghi lý do)").click()
    expect(cell(page, "3.3.1")).to_be_focused()
    cell(page, "3.3.1").fill("735")
    cell(page, "3.3.1").press("Tab")
    feedback = total.locator(".fb")
    expect(feedback).to_contain_text("hãy ghi lý do sửa số")
    expect(cell(page, "3.3.1")).to_have_value("735")
    assert figure("3.3.1").value == 729
    total.get_by_label("Lý do sửa số tự tính").fill(REASON)
    total.get_by_label("Lý do sửa số tự tính").press("Tab")
    expect(feedback).to_contain_text(f"Số của đơn vị (khác số tự tính 729): lý do “{REASON}”")
    all_saved(page)
    assert (figure("3.3.1").value, figure("3.3.1").override_reason) == (735, REASON)
    # … and given back to the formula.
    total.get_by_role("button", name="Dùng lại số tự tính").click()
    expect(cell(page, "3.3.1")).to_have_value("729")
    expect(cell(page, "3.3.1")).not_to_be_editable()
    expect(feedback).not_to_contain_text("Số của đơn vị")
    all_saved(page)
    assert (figure("3.3.1").value, figure("3.3.1").origin) == (729, "computed")

    # The other parts confirmed a part at a time, then checked and sent.
    confirm_every_part(page)
    assert not IndicatorValue.objects.filter(report=hoang_kim_q4(), prefilled=True).exists()
    send(page)
    assert hoang_kim_q4().status == ReportStatus.SUBMITTED
    expect(cell(page, "3.3.1")).to_be_disabled()
    assert_no_console_error(page, "a new quarter")


def test_a_new_quarter_on_a_phone(phone):
    page = phone
    start_quarter(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    part = page.locator(".section-row", has_text="Cải cách thủ tục hành chính")
    part.scroll_into_view_if_needed()
    expect(part.get_by_role("button", name="Xác nhận cả mục (6 số liệu)")).to_be_visible()
    expect(row(page, "3.1.3").locator(".badge.origin-carried")).to_be_visible()
    for code, typed in FLOWS:
        cell(page, code).fill(typed)
        cell(page, code).press("Enter")
    all_saved(page)
    expect(cell(page, "3.3.1")).to_have_value("729")
    total = row(page, "3.3.1")
    total.get_by_role("button", name="Sửa số (ghi lý do)").click()
    expect(total.get_by_label("Lý do sửa số tự tính")).to_be_visible()
    expect(total.get_by_role("button", name="Dùng lại số tự tính")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page, "the annex of a new quarter on a phone")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    top(page, "3.2.5")
    page.screenshot(path=str(SCREENSHOTS / "new-quarter-phone.png"))
    # Nothing typed over the computed figure: closing the box stores nothing.
    total.get_by_role("button", name="Dùng lại số tự tính").click()
    expect(cell(page, "3.3.1")).not_to_be_editable()
    expect(total.get_by_role("button", name="Sửa số (ghi lý do)")).to_be_visible()
    all_saved(page)
    assert (figure("3.3.1").value, figure("3.3.1").origin) == (729, "computed")
