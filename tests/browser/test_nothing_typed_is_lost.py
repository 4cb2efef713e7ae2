"""A dropped network, a failing server, an official typing at human speed: nothing typed is
lost, every input shows whether it is saved, and nothing is a false conflict (issue #13:
"A dropped network loses nothing", defects 2 and 3)."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from reports.models import NarrativeSection
from tests.browser.helpers import all_saved, cell, hoang_kim_q4, start_quarter, stored


def state(page, field_id: str):
    return page.locator(f'[id="ss-{field_id}"]')


def test_edits_made_offline_reach_the_database_in_order_when_the_network_returns(page):
    start_quarter(page)
    page.wait_for_load_state("networkidle")
    page.context.set_offline(True)
    typed = [("3.3.1.d", "296"), ("3.3.1.a", "10"), ("3.3.1.b", "2"), ("3.2.1", "114")]
    for code, value in typed:
        cell(page, code).fill(value)
        cell(page, code).press("Enter")
    page.locator('[id^="rg-"]').first.get_by_label("Có").first.check()
    # Each input says it is not saved; the banner counts what waits.
    first = cell(page, "3.3.1.d").get_attribute("id")
    expect(state(page, first)).to_contain_text("chưa lưu")
    banner = page.locator("#pending-banner")
    expect(banner).to_be_visible()
    expect(banner.locator(".pending-count")).to_have_text("5")
    # The page keeps them across a reload, even offline… (the browser cache serves nothing
    # offline, so this is the queue in localStorage, not the network)
    page.context.set_offline(False)
    all_saved(page)
    expect(banner).to_be_hidden()
    expect(state(page, first)).to_have_text("đã lưu")
    report = hoang_kim_q4()
    for code, value in typed:
        assert stored(report, code) == value, code
    assert report.values.get(indicator__code="1.5").value == 1
    # The total of the parts is the server's, computed as they arrived.
    assert stored(report, "3.3.1") == "308"
    expect(cell(page, "3.3.1")).to_have_value("308")


def test_edits_survive_a_reload_while_offline_and_a_failing_server(page):
    start_quarter(page)
    page.wait_for_load_state("networkidle")
    # The server fails (a 500: SQLite's "database is locked") for the first attempts.
    failures = {"left": 3}

    def flaky(route):
        if failures["left"] > 0:
            failures["left"] -= 1
            route.fulfill(status=500, body="database is locked")
        else:
            route.continue_()

    page.route("**/so-lieu/**", flaky)
    cell(page, "3.3.1.a").fill("730")
    cell(page, "3.3.1.a").press("Enter")
    field = cell(page, "3.3.1.a").get_attribute("id")
    expect(state(page, field)).to_contain_text("chưa lưu")
    expect(page.locator("#pending-banner")).to_be_visible()
    all_saved(page)
    assert stored(hoang_kim_q4(), "3.3.1.a") == "730"
    assert stored(hoang_kim_q4(), "3.3.1") == "730"
    page.unroute("**/so-lieu/**")

    # Offline, then the tab is reloaded: the edit waits in the browser, and is sent after.
    page.context.set_offline(True)
    cell(page, "3.3.1.c").fill("421")
    cell(page, "3.3.1.c").press("Enter")
    expect(page.locator("#pending-banner")).to_be_visible()
    page.route("**/so-lieu/**", lambda route: route.abort())  # still no network for saves
    page.context.set_offline(False)
    page.reload()
    expect(cell(page, "3.3.1.c")).to_have_value("421")
    expect(page.locator("#pending-banner")).to_be_visible()
    expect(page.locator("#pending-banner .pending-count")).to_have_text("1")
    page.unroute("**/so-lieu/**")
    all_saved(page)
    assert stored(hoang_kim_q4(), "3.3.1.c") == "421"


def test_a_narrative_ending_in_whitespace_and_inserted_figures_save_without_a_conflict(page):
    start_quarter(page)
    page.get_by_role("tab", name="Nội dung báo cáo").click()
    section = NarrativeSection.objects.get(
        report=hoang_kim_q4(), heading__startswith="2. Cải cách thủ tục hành chính"
    )
    area = page.locator(f"#text-{section.pk}")
    area.click()
    area.press_sequentially("Đã rà soát thủ tục. \n", delay=30)
    area.blur()
    all_saved(page)
    area.click()
    area.press("End")
    area.press_sequentially("Thêm một câu.  ", delay=30)
    page.locator(f"#section-{section.pk}").get_by_role("button", name="Chèn số liệu").click()
    offer = page.locator(f"#figures-{section.pk}")
    expect(
        offer.get_by_role("checkbox", name="- Tổng số TTHC đang áp dụng: 217 thủ tục.")
    ).to_be_checked()
    offer.get_by_role("button", name="Chèn các dòng đã chọn").click()
    expect(offer).to_be_empty()
    all_saved(page)
    page.reload()
    page.get_by_role("tab", name="Nội dung báo cáo").click()
    area.click()
    area.press("Control+End")
    area.press_sequentially(" ", delay=30)
    area.blur()
    all_saved(page)
    expect(page.locator(".conflict")).to_have_count(0)
    section.refresh_from_db()
    assert section.text.startswith("Đã rà soát thủ tục. \n")
    assert "Thêm một câu." in section.text
    assert "- Tổng số TTHC đang áp dụng: 217 thủ tục." in section.text
    assert page.locator(f"#sfb-{section.pk}").inner_text() == ""


def test_the_header_typed_at_human_speed_keeps_every_character(page):
    start_quarter(page)
    page.get_by_role("tab", name="Thông tin văn bản").click()
    # Three fields one after the other in tab order: the first keys typed after Tab, while the
    # previous field saves, are kept.
    typed = {
        "#id_legal_basis": "Căn cứ Kế hoạch số 10/KH-UBND",
        "#id_intro": "Ủy ban nhân dân xã báo cáo",
        "#id_closing": "Trên đây là báo cáo./.",
    }
    page.locator("#id_legal_basis").click()
    for selector, text in typed.items():
        expect(page.locator(selector)).to_be_focused()
        page.keyboard.press("Control+A")
        page.keyboard.type(text, delay=200)
        page.keyboard.press("Tab")
    # The date, day first, typed as officials type it.
    page.locator("#id_document_date").click()
    page.locator("#id_document_date").press_sequentially("15122024", delay=150)
    page.keyboard.press("Tab")
    all_saved(page)
    for selector, text in typed.items():
        expect(page.locator(selector)).to_have_value(text)
    report = hoang_kim_q4()
    assert report.legal_basis == typed["#id_legal_basis"]
    assert report.intro == typed["#id_intro"]
    assert report.closing == typed["#id_closing"]
    assert report.document_date == dt.date(2024, 12, 15)
    page.reload()
    page.get_by_role("tab", name="Thông tin văn bản").click()
    expect(page.locator("#id_document_date")).to_have_value("15/12/2024")
    # A slip of the year is refused with a clear message, next to the field.
    page.locator("#id_document_date").fill("12/12/0002")
    page.keyboard.press("Tab")
    expect(page.locator("#header-form")).to_contain_text("cách xa kỳ báo cáo")
    report.refresh_from_db()
    assert report.document_date == dt.date(2024, 12, 15)
