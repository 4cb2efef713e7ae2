"""Two officials of one commune in two browsers: header edits never overwrite each other, and
typing into a report sent meanwhile is refused with a message, what was typed kept."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import expect

from reports import seeding
from reports.models import Report, ReportStatus, User
from reports.services.start import report_start
from reports.workflow import transition
from tests.browser.conftest import log_in


def open_header(page, report: Report) -> None:
    page.goto(page.base_url + report.get_absolute_url())
    page.get_by_role("tab", name="Thông tin văn bản").click()


def test_header_edits_from_two_browsers_and_a_save_after_the_send(page, chromium, live_server):
    clerk = User.objects.get(username="hoangkim")
    colleague = User.objects.create_user(
        "hoangkim2", password=seeding.DEMO_PASSWORD, unit=clerk.unit, role=clerk.role,
        first_name="Cán bộ thứ hai",
    )  # fmt: skip
    period = seeding.ensure_demo_period("2024Q4", timezone.localdate())
    report = report_start(unit=clerk.unit, period=period, user=clerk)
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    other = context.new_page()
    other.set_default_timeout(15_000)
    other.base_url = live_server.url
    log_in(page, clerk.username)
    log_in(other, colleague.username)
    open_header(page, report)
    open_header(other, report)  # B's page: the header before A's change

    # A sets the signer's name.
    page.fill("#id_signer_name", "Nguyễn Thị An")
    page.locator("#id_signer_name").press("Tab")
    expect(page.locator("#ss-id_signer_name")).to_have_text("đã lưu")

    # B, on the older page, changes only the place: A's name stays, and B's page now shows it.
    other.fill("#id_place", "Hoằng Hóa")
    other.locator("#id_place").press("Tab")
    expect(other.locator("#ss-id_place")).to_have_text("đã lưu")
    expect(other.locator("#id_signer_name")).to_have_value("Nguyễn Thị An")
    report.refresh_from_db()
    assert (report.signer_name, report.place) == ("Nguyễn Thị An", "Hoằng Hóa")

    # Both change the title: B's change comes second and is a conflict, shown with both values.
    page.fill("#id_signer_title", "CHỦ TỊCH UBND")
    page.locator("#id_signer_title").press("Tab")
    expect(page.locator("#ss-id_signer_title")).to_have_text("đã lưu")
    other.fill("#id_signer_title", "PHÓ CHỦ TỊCH UBND")
    other.locator("#id_signer_title").press("Tab")
    conflict = other.locator("#header-conflict .conflict")
    expect(conflict).to_contain_text("CHỦ TỊCH UBND")
    expect(conflict).to_contain_text("Chưa lưu giá trị của bạn")
    report.refresh_from_db()
    assert report.signer_title == "CHỦ TỊCH UBND"
    # B keeps theirs, knowingly.
    conflict.get_by_role("button", name="Giữ giá trị của tôi").click()
    expect(other.locator("#header-conflict .conflict")).to_have_count(0)
    expect(other.locator("#ss-id_signer_title")).to_have_text("đã lưu")
    report.refresh_from_db()
    assert report.signer_title == "PHÓ CHỦ TỊCH UBND"

    # The report is sent from A's browser; B, still on the form, types a figure.
    transition(report, ReportStatus.SUBMITTED, by=clerk)
    other.get_by_role("tab", name="Phụ lục số liệu").click()
    cell = other.locator('input.cell-input[data-code="3.3.1.a"]')
    cell.fill("729")
    cell.press("Tab")
    banner = other.locator("#save-refused")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Báo cáo đã gửi, không sửa được nữa.")
    expect(cell).to_have_value("729")
    # The edit waits in this browser's save queue, not sent again until the user changes it.
    kept = other.evaluate(
        "() => localStorage.getItem('cchc:' + document.getElementById('report-form')"
        ".dataset.report + ':queue')"
    )
    assert '"value":"729"' in kept
    assert not report.values.filter(indicator__code="3.3.1.a").exists()
    context.close()
