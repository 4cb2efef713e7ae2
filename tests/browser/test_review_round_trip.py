"""Commune submits → reviewer returns with a comment on one field → the commune sees it, fixes
and resubmits → the reviewer sees the change and approves → the aggregate has the value."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from reports.models import Report, ReportStatus
from tests.browser.conftest import SCREENSHOTS, log_in


def cell(page, code: str):
    return page.locator(f'input.cell-input[data-code="{code}"]')


def type_into(page, code: str, value: str) -> None:
    """Type a figure and leave the cell with Enter, as officials do: the cell saves at once
    (not 1.5 s later), so nothing is still waiting to be saved when the test moves on."""
    cell(page, code).fill(value)
    cell(page, code).press("Enter")


def send(page) -> None:
    """Check and send from the report page: confirm carried-over figures, explain warnings."""
    page.get_by_role("tab", name="Kiểm tra và gửi").click()
    panel = page.locator("#check-panel")
    expect(panel).not_to_contain_text("Đang kiểm tra")
    confirm = page.get_by_role("button", name="Xác nhận tất cả số liệu lấy từ kỳ trước")
    if confirm.count():
        confirm.click()
        page.get_by_role("tab", name="Kiểm tra và gửi").click()
        expect(page.locator("#check-panel")).not_to_contain_text("Đang kiểm tra")
    expect(page.locator("#check-panel .badge.text-bg-danger")).to_have_count(0)
    for area in page.locator("#send-form textarea").all():
        if not area.input_value():
            area.fill("Đúng theo sổ theo dõi của bộ phận một cửa.")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi báo cáo")


def test_return_fix_resubmit_approve_and_aggregate(page, chromium):
    # The commune fills and sends its quarter.
    log_in(page, "hoangkim")
    page.locator("table.obligations tr", has_text="Quý IV năm 2024").get_by_role(
        "button", name="Lập báo cáo"
    ).click()
    # Its parts only: 3.3.1 is their sum, computed by the server.
    for code, typed in [("3.3.1.a", "10"), ("3.3.1.b", "2"), ("3.3.1.c", "421"),
                        ("3.3.1.d", "296")]:  # fmt: skip
        type_into(page, code, typed)
    expect(cell(page, "3.3.1")).to_have_value("729")
    page.wait_for_load_state("networkidle")
    report_url = page.url
    send(page)

    # The reviewer comments on 3.3.1.a and returns the report.
    reviewer = chromium.new_context(viewport={"width": 1366, "height": 768})
    review = reviewer.new_page()
    review.base_url = page.base_url
    log_in(review, "noivu.hoanghoa")
    review.goto(report_url)
    row = review.locator('[id="row-3.3.1.a"]')
    row.locator("summary").click()
    row.locator("textarea").fill("Sổ một cửa ghi 11 hồ sơ trực tiếp, đề nghị kiểm tra.")
    row.get_by_role("button", name="Gửi ý kiến").click()
    expect(row).to_contain_text("Sổ một cửa ghi 11 hồ sơ")
    review.get_by_role("tab", name="Thẩm định").click()
    review.locator("#return-comment").fill("Đề nghị sửa theo ý kiến ở chỉ tiêu 3.3.1.")
    review.get_by_role("button", name="Trả lại báo cáo").click()
    expect(review.locator(".alert-success")).to_contain_text("Đã trả lại")

    # The commune sees the comment next to the field, fixes, answers and sends again.
    page.goto(report_url)
    expect(page.get_by_text("Báo cáo bị trả lại")).to_be_visible()
    mine = page.locator('[id="row-3.3.1.a"]')
    expect(mine).to_contain_text("Sổ một cửa ghi 11 hồ sơ")
    page.screenshot(path=str(SCREENSHOTS / "returned-report.png"))
    type_into(page, "3.3.1.a", "11")
    expect(cell(page, "3.3.1")).to_have_value("730")
    mine.locator("input[name=text]").fill("Đã sửa theo sổ một cửa.")
    mine.get_by_role("button", name="Trả lời").click()
    expect(mine).to_contain_text("Xã trả lời: Đã sửa theo sổ một cửa.")
    page.wait_for_load_state("networkidle")
    send(page)

    # The reviewer sees exactly what changed, approves.
    review.goto(report_url)
    review.get_by_role("tab", name="Thẩm định").click()
    changes = review.locator("table.changes")
    expect(changes).to_contain_text("3.3.1")
    expect(changes).to_contain_text("730")
    review.get_by_role("button", name="Duyệt").click()
    expect(review.locator(".alert-success")).to_contain_text("Đã duyệt")
    report = Report.objects.get(unit__code="15889", period__year=2024, period__number=4)
    assert report.status == ReportStatus.APPROVED

    # The district's aggregate of the quarter has the commune's corrected figure.
    review.goto(page.base_url + "/tong-hop/?ky=2024Q4")
    review.screenshot(path=str(SCREENSHOTS / "aggregate.png"))
    # The workbook is built in the background; the page follows it and offers the file.
    review.get_by_role("button", name="Tạo tệp Excel").click()
    with review.expect_download() as download:
        review.get_by_role("link", name="Tải tệp").click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    by_unit = workbook["Theo đơn vị"]
    row = next(r for r in by_unit.iter_rows(values_only=True) if r[0] == "3.3.1")
    assert row[-1] == 730
    review.goto(page.base_url + "/theo-doi/?ky=2024Q4")
    review.screenshot(path=str(SCREENSHOTS / "dashboard.png"))
    reviewer.close()
