"""The report form used as officials use it, on every seed template: each kind of field is
typed or clicked, the page reloaded, and the value found shown and stored; the keyboard alone
changes nothing it should not; on a 390×844 phone every message and button a desktop user sees
is visible (issue #13: defects 1, 3, 4, 5 and the way the form is tested)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from indicators.models import IndicatorTemplate
from reports.models import IndicatorValue, Report, TableCellValue, User
from reports.seeding import ensure_demo_period
from reports.services.entry import EntryError
from reports.services.review import comment_add, report_return
from reports.services.start import report_start
from reports.workflow import ReportStatus, transition
from tests.browser.conftest import SCREENSHOTS, assert_accessible, assert_no_console_error, log_in
from tests.browser.helpers import all_saved, cell

# One commune per seed template, and a period of that template (as the form tests use).
TEMPLATES = {
    "HH-01b v2": ("hoangkim", "2024Q4", "HH-01b", 2),
    "HH-01b v1": ("hoangquy", "2022Q2", "HH-01b", 1),
    "HT-2B": ("sonphu", "2021Q4", "HT-2B", 1),
    "DH-PL-I": ("binhthanh", "2024Q2", "DH-PL-I", 1),
    "AL-PL": ("sonthuy", "2021H2", "AL-PL", 1),
}


def open_report(username: str, key: str, code: str, version: int) -> Report:
    user = User.objects.get(username=username)
    period = ensure_demo_period(key, timezone.localdate())
    try:
        report = report_start(unit=user.unit, period=period, user=user)
    except EntryError:  # an archived template: its old drafts still open
        report = None
    if report is None or (report.template.code, report.template.version) != (code, version):
        if report is not None:
            report.delete()
        template = IndicatorTemplate.objects.get(code=code, version=version)
        report = Report.objects.create(unit=user.unit, period=period, template=template)
    return report


def snapshot(report: Report) -> dict[str, str]:
    values = {
        v.indicator.code: v.printed
        for v in IndicatorValue.objects.filter(report=report).select_related("indicator")
    }
    values.update(
        {
            f"{c.row_id}:{c.column_id}": c.printed
            for c in TableCellValue.objects.filter(report=report)
        }
    )
    return values


def first_free(page, selector: str):
    """The first input of a kind that an official fills (not computed, not carried over)."""
    found = page.locator(selector)
    for i in range(found.count()):
        candidate = found.nth(i)
        classes = candidate.get_attribute("class") or ""
        if candidate.get_attribute("readonly") is None and "prefilled" not in classes:
            return candidate
    return None


@pytest.mark.parametrize("case", TEMPLATES)
def test_every_kind_of_field_is_typed_reloaded_and_found_again(page, case):
    report = open_report(*TEMPLATES[case])
    log_in(page, TEMPLATES[case][0])
    page.goto(page.base_url + report.get_absolute_url())
    typed: dict[str, tuple[object, str]] = {}  # what → (locator, value shown after reload)
    samples = {"integer": "12", "decimal": "3,5", "percent": "85,5"}
    for kind, value in samples.items():
        field = first_free(page, f'#pane-annex input.cell-input[data-kind="{kind}"]')
        if field is not None:
            field.fill(value)
            field.press("Enter")
            typed[kind] = (field.get_attribute("id"), value)
    text = first_free(page, "#pane-annex textarea.cell-input")
    if text is not None:
        text.fill("Đã thực hiện theo kế hoạch")
        text.press("Tab")
        typed["text"] = (text.get_attribute("id"), "Đã thực hiện theo kế hoạch")
    choice = first_free(page, "#pane-annex select.cell-input")
    if choice is not None:
        option = choice.locator("option").nth(2).get_attribute("value")
        choice.select_option(option)
        typed["choice"] = (choice.get_attribute("id"), option)
    # Every yes/no row answered "1": each keeps its own answer after the reload.
    groups = page.locator('#pane-annex [role="radiogroup"]')
    answered = []
    for i in range(groups.count()):
        radio = groups.nth(i).locator('input[type="radio"][value="1"]')
        radio.check()
        answered.append(radio.get_attribute("id"))
    if page.locator("input.grid-input").count():
        page.get_by_role("tab", name="Bảng kết quả giải quyết TTHC").first.click()
        grid = page.locator("input.grid-input:not([readonly])").first  # totals are computed
        grid.fill("7")
        grid.press("Enter")
        typed["grid"] = (grid.get_attribute("id"), "7")
    if page.locator("textarea.section-text").count():
        page.get_by_role("tab", name="Nội dung báo cáo").click()
        section = page.locator("textarea.section-text").nth(1)
        section.fill("Nội dung kỳ này, có dấu cách ở cuối. ")
        section.press("Tab")
        typed["narrative"] = (section.get_attribute("id"), "Nội dung kỳ này, có dấu cách ở cuối. ")
    page.get_by_role("tab", name="Thông tin văn bản").click()
    signed = report.period.end_date + dt.timedelta(days=1)
    page.locator("#id_signer_name").fill("Nguyễn Văn Bình")
    page.locator("#id_signer_name").press("Tab")
    page.locator("#id_document_date").fill(signed.strftime("%d%m%Y"))
    page.locator("#id_document_date").press("Tab")
    typed["header"] = ("id_signer_name", "Nguyễn Văn Bình")
    all_saved(page)
    expect(page.locator(".conflict")).to_have_count(0)

    page.reload()
    for kind, (element_id, value) in typed.items():
        expect(page.locator(f'[id="{element_id}"]'), kind).to_have_value(value)
    expect(page.locator("#id_document_date")).to_have_value(signed.strftime("%d/%m/%Y"))
    for radio_id in answered:
        expect(page.locator(f'[id="{radio_id}"]')).to_be_checked()
    report.refresh_from_db()
    assert report.signer_name == "Nguyễn Văn Bình"
    assert report.document_date == signed
    stored = snapshot(report)
    yes_no = report.template.indicators.filter(value_type="yesno")
    assert all(stored.get(i.code) == "1" for i in yes_no)
    # The read-only view shows the same answers.
    transition(report, ReportStatus.SUBMITTED, by=User.objects.get(username=TEMPLATES[case][0]))
    page.reload()
    for radio_id in answered:
        expect(page.locator(f'[id="{radio_id}"]')).to_be_checked()
    assert_no_console_error(page, case)


def test_the_keyboard_alone_never_changes_another_field(page):
    report = open_report(*TEMPLATES["HH-01b v2"])
    log_in(page, "hoangkim")
    page.goto(page.base_url + report.get_absolute_url())
    cell(page, "1.4.1").fill("3")
    cell(page, "1.4.1").press("Enter")
    all_saved(page)
    before = snapshot(report)
    # From 1.5's first answer: arrows move within its own group only, Tab leaves it.
    first = page.locator('[id="row-1.5"] input[type="radio"]').first
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    all_saved(page)
    after = snapshot(report)
    changed = {code for code in set(before) | set(after) if before.get(code) != after.get(code)}
    assert changed <= {"1.5"}, changed
    checked = page.locator('[id="row-1.5"] input[type="radio"]:checked')
    expect(checked).to_have_count(1)
    assert after["1.5"] == checked.get_attribute("value")
    # 5.2, a yes/no row further down, was never touched: still last period's answer, waiting.
    assert after.get("5.2") == before.get("5.2")
    assert report.values.get(indicator__code="5.2").prefilled


def test_on_a_phone_every_message_and_button_is_visible(phone):
    page = phone
    report = open_report(*TEMPLATES["HH-01b v2"])
    clerk = User.objects.get(username="hoangkim")
    reviewer = User.objects.get(username="noivu.hoanghoa")
    transition(report, ReportStatus.SUBMITTED, by=clerk)
    row = report.template.indicators.get(code="3.3.1")
    comment_add(report=report, user=reviewer, text="Chưa khớp sổ một cửa.", indicator=row)
    report_return(report=report, user=reviewer)
    log_in(page, "hoangkim")
    page.goto(page.base_url + report.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # A refused input and its message; the total of the "Trong đó" rows, computed.
    part = report.template.indicators.get(code="3.3.1.a")
    cell(page, "3.3.1.a").fill("12 5")
    cell(page, "3.3.1.a").press("Enter")
    feedback = page.locator(f"#fb-{part.pk}")
    expect(feedback).to_contain_text("Có phải ý bạn là 12?")
    expect(feedback.get_by_role("button", name="Dùng 12")).to_be_visible()
    cell(page, "3.3.1.b").fill("5")
    expect(cell(page, "3.3.1")).to_have_value("5")
    expect(page.locator(f"#fb-{row.pk} .badge.origin-computed")).to_be_visible()
    expect(page.get_by_role("button", name="Sửa số (ghi lý do)").first).to_be_visible()
    # The prefill "Xác nhận" buttons, the reviewer's comment and the reply box.
    expect(page.get_by_role("button", name="Xác nhận").first).to_be_visible()
    mine = page.locator('[id="row-3.3.1"]')
    mine.scroll_into_view_if_needed()
    expect(mine.get_by_text("Chưa khớp sổ một cửa.")).to_be_visible()
    expect(mine.get_by_role("textbox", name="Trả lời ý kiến")).to_be_visible()
    expect(page.locator('#returned-notice a[href="#row-3.3.1"]')).to_be_visible()
    # Each row's name reads on one or two lines, not one word per line.
    name = page.locator('[id="row-1.1.1"] td.name')
    assert name.bounding_box()["width"] > 250
    # Sections collapse.
    toggle = page.locator(".section-toggle").first
    toggle.click()
    expect(page.locator("#sec-1")).to_be_hidden()
    toggle.click()
    expect(page.locator("#sec-1")).to_be_visible()
    all_saved(page)
    # The narrative's sections fold too: each header a button with aria-expanded, by touch or
    # keyboard; a folded section stays folded while another saves; unfolded, it takes typing.
    page.get_by_role("tab", name="Nội dung báo cáo").click()
    folded, other = (
        report.sections.filter(heading=heading).order_by("position").first()
        for heading in ["2. Cải cách thủ tục hành chính:", "1. Cải cách thể chế"]
    )
    fold = page.locator(f"#section-{folded.pk}").get_by_role(
        "button", name=f"Mục {folded.heading}", exact=True
    )
    expect(fold).to_have_attribute("aria-expanded", "true")
    fold.click()
    expect(fold).to_have_attribute("aria-expanded", "false")
    expect(page.locator(f"#text-{folded.pk}")).to_be_hidden()
    typed_elsewhere = page.locator(f"#text-{other.pk}")
    typed_elsewhere.fill("Đã rà soát 3 văn bản.")
    typed_elsewhere.blur()
    all_saved(page)
    expect(page.locator(f"#ss-text-{other.pk}")).to_have_text("đã lưu")
    expect(page.locator(f"#text-{folded.pk}")).to_be_hidden()
    expect(fold).to_have_attribute("aria-expanded", "false")
    fold.focus()
    page.keyboard.press("Enter")
    expect(fold).to_have_attribute("aria-expanded", "true")
    area = page.locator(f"#text-{folded.pk}")
    expect(area).to_be_visible()
    area.click()
    area.press("Control+End")
    area.press_sequentially(" Gõ trên điện thoại.", delay=20)
    area.blur()
    all_saved(page)
    folded.refresh_from_db()
    assert folded.text.endswith(" Gõ trên điện thoại.")
    other.refresh_from_db()
    assert other.text == "Đã rà soát 3 văn bản."
    # "Chèn số liệu" offers the section's figures, each line a labelled checkbox.
    page.locator(f"#section-{folded.pk}").get_by_role("button", name="Chèn số liệu").click()
    offer = page.locator(f"#figures-{folded.pk}")
    expect(offer.get_by_role("checkbox").first).to_be_visible()
    assert_accessible(page, "phone: narrative, figures offered")
    offer.get_by_role("button", name="Đóng").click()
    expect(offer).to_be_empty()
    fold.click()
    expect(area).to_be_hidden()
    page.wait_for_timeout(400)  # Bootstrap's collapse
    assert_accessible(page, "phone: narrative, a section folded")
    page.get_by_role("tab", name="Phụ lục số liệu").click()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "report-form-phone.png"))
    mine.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "report-form-phone-comment.png"))
    assert_no_console_error(page, "phone")
