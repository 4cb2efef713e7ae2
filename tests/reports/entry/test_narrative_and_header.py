"""The narrative editors, "Chèn số liệu", and the document header."""

from __future__ import annotations

import datetime as dt
import html
import re

from django.test import Client
from django.urls import reverse

from reports.narrative_figures import section_offer


def page_bases(client, report) -> dict[str, str]:
    """The header as the report page shows it, which its form sends back with every save."""
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'name="(base-\w+)" id="hb-\w+" value="([^"]*)"', page)
    }


def post_header(client, report, bases, **typed):
    """The header form as a page holding ``bases`` posts it: every field, as shown or typed."""
    data = {name.removeprefix("base-"): value for name, value in bases.items()}
    return client.post(
        reverse("reports:header_save", args=[report.pk]),
        {**bases, **data, **typed},
        HTTP_HX_REQUEST="true",
    )


def save_section(client, report, section, text, base, **extra):
    return client.post(
        reverse("reports:section_save", args=[report.pk, section.pk]),
        {"heading": section.heading, "text": text, "base": base, **extra},
        HTTP_HX_REQUEST="true",
    )


def test_a_section_s_text_is_autosaved_as_typed(clerk_client, draft):
    section = draft.sections.get(position=2)
    text = "- Ban hành Kế hoạch số 02/KH-UBND.\n+ Tuyên truyền 31 tin bài."
    response = save_section(clerk_client, draft, section, text, base=section.text)
    assert response.status_code == 200
    section.refresh_from_db()
    assert section.text == text


def test_two_editors_of_one_section_see_each_other_s_text(client, clerk_client, draft, colleague):
    section = draft.sections.get(position=2)
    client.force_login(colleague)
    save_section(client, draft, section, "Bản của đồng nghiệp.", base="")
    response = save_section(clerk_client, draft, section, "Bản của tôi.", base="")
    assert response.status_code == 409
    assert "Bản của đồng nghiệp." in response.content.decode()
    section.refresh_from_db()
    assert section.text == "Bản của đồng nghiệp."


def test_insert_figures_offers_the_standard_sentences_of_the_annex(clerk_client, seed_report):
    report = seed_report("15889/2024Q3")
    section = report.sections.get(heading__startswith="2. Cải cách thủ tục hành chính")
    clerk_client.force_login(report.unit.users.get())
    response = clerk_client.get(reverse("reports:section_figures", args=[report.pk, section.pk]))
    text = response.content.decode()
    assert "Tổng số hồ sơ đã tiếp nhận: 729 hồ sơ." in text
    assert "tiếp nhận trực tuyến: 717 hồ sơ" in text
    assert "Số hồ sơ giải quyết đúng hạn: 729 hồ sơ = 100,0%" in text


def test_the_sentences_use_the_table_by_field_when_the_template_has_one(seed_report):
    report = seed_report("5605/2024Q1")
    section = report.sections.get(heading__startswith="2. Cải cách thủ tục hành chính")
    lines = [line.text for line in section_offer(report, section).lines]
    assert lines[0] == (
        "- Tổng số hồ sơ đã tiếp nhận: 521 hồ sơ. Trong đó: tiếp nhận trực tuyến: 516 hồ sơ; "
        "tiếp nhận trực tiếp: 0 hồ sơ; kỳ trước chuyển qua: 5 hồ sơ."
    )
    assert lines[1] == (
        "- Số hồ sơ đã giải quyết: 514 hồ sơ. Trong đó: số hồ sơ giải quyết trước hạn: 399 hồ sơ"
        " = 77,6%; số hồ sơ giải quyết đúng hạn: 108 hồ sơ = 21,0%."
    )


def test_the_header_is_saved_from_its_form(clerk_client, draft):
    response = clerk_client.post(
        reverse("reports:header_save", args=[draft.pk]),
        {
            **page_bases(clerk_client, draft),
            "issuer_parent": "ỦY BAN NHÂN DÂN",
            "issuer": "XÃ HOẰNG KIM",
            "number": "05",
            "symbol": "BC-UBND",
            "place": "Hoằng Kim",
            "document_date": "2024-12-15",
            "summary": "Kết quả công tác cải cách hành chính quý IV năm 2024",
            "recipients": "- UBND huyện (b/c);\n- Lưu: VT.",
            "signer_mode": "KT.",
            "signer_authority": "CHỦ TỊCH",
            "signer_title": "PHÓ CHỦ TỊCH",
            "signer_name": "Lê Như Đông",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Đã lưu lúc" in response.content.decode()
    draft.refresh_from_db()
    assert draft.number == "05"
    assert draft.document_date == dt.date(2024, 12, 15)
    assert draft.recipients == ["UBND huyện (b/c)", "Lưu: VT."]


def test_a_bad_header_date_gets_a_vietnamese_message(clerk_client, draft):
    response = clerk_client.post(
        reverse("reports:header_save", args=[draft.pk]),
        {"document_date": "32/13/2024", "issuer": "XÃ HOẰNG KIM"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/12/2024." in response.content.decode()


# Two sessions, one header: the conflict rule of values, field by field ----------------------


def test_a_stale_page_changing_one_field_leaves_the_others_alone(clerk_client, draft, colleague):
    client = other_session(colleague)
    stale = page_bases(client, draft)  # B opens the page
    a_sees = page_bases(clerk_client, draft)
    assert post_header(clerk_client, draft, a_sees, signer_name="Nguyễn Thị An").status_code == 200
    response = post_header(client, draft, stale, place="Hoằng Hóa")
    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.signer_name, draft.place) == ("Nguyễn Thị An", "Hoằng Hóa")
    # B's page now shows A's name, and carries it as the base of its next save.
    assert page_bases_of(response)["base-signer_name"] == "Nguyễn Thị An"
    assert 'value="Nguyễn Thị An"' in response.content.decode()


def test_two_sessions_changing_one_field_get_a_conflict_with_both_values(
    clerk_client, clerk, draft, colleague
):
    client = other_session(colleague)
    stale = page_bases(client, draft)
    post_header(clerk_client, draft, page_bases(clerk_client, draft), signer_name="Nguyễn Thị An")
    response = post_header(client, draft, stale, signer_name="Trần Văn Bình", number="07")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Nguyễn Thị An" in page and "Trần Văn Bình" in page
    assert "Chưa lưu giá trị của bạn" in page
    assert f"({clerk.get_full_name()}, lúc" in page  # who made the value kept
    draft.refresh_from_db()
    # Nothing overwritten; the field that was not in conflict is saved.
    assert (draft.signer_name, draft.number) == ("Nguyễn Thị An", "07")
    # Until resolved, the base stays the one B saw: saving again is again a conflict.
    bases = page_bases_of(response)
    assert bases["base-signer_name"] == stale["base-signer_name"]
    assert post_header(client, draft, bases, signer_name="Trần Văn Bình").status_code == 409
    # "Giữ giá trị của tôi": the base becomes theirs, and B's value is written.
    keep_mine = {**bases, "base-signer_name": "Nguyễn Thị An"}
    assert post_header(client, draft, keep_mine, signer_name="Trần Văn Bình").status_code == 200
    draft.refresh_from_db()
    assert draft.signer_name == "Trần Văn Bình"


def test_fields_the_user_did_not_change_are_not_written(clerk_client, draft):
    bases = page_bases(clerk_client, draft)
    closing = draft.closing
    # Another session has changed the closing sentence meanwhile.
    type(draft).objects.filter(pk=draft.pk).update(closing="Câu kết mới.")
    before = draft.history.count()
    response = post_header(clerk_client, draft, bases)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.closing == "Câu kết mới." != closing
    assert draft.history.count() == before  # nothing written, no change recorded


def test_a_field_missing_from_the_request_is_not_written(clerk_client, draft):
    response = clerk_client.post(
        reverse("reports:header_save", args=[draft.pk]),
        {"number": "05", "base-number": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.number == "05"
    assert draft.closing.startswith("Trên đây là báo cáo")
    assert draft.issuer == "XÃ HOẰNG KIM"


def test_the_same_change_made_twice_is_no_conflict(clerk_client, draft, colleague):
    client = other_session(colleague)
    stale = page_bases(client, draft)
    post_header(clerk_client, draft, page_bases(clerk_client, draft), number="05")
    assert post_header(client, draft, stale, number="05").status_code == 200


def other_session(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_bases_of(response) -> dict[str, str]:
    return {
        name: html.unescape(value)
        for name, value in re.findall(
            r'name="(base-\w+)" id="hb-\w+" value="([^"]*)"', response.content.decode()
        )
    }


def header_post(client, report, date: str):
    return client.post(
        reverse("reports:header_save", args=[report.pk]),
        {"document_date": date, "issuer": "XÃ HOẰNG KIM"},
        HTTP_HX_REQUEST="true",
    )


def test_the_document_date_is_typed_and_shown_day_first(clerk_client, draft):
    # Issue #13, defect 4: shown as mm/dd/yyyy; 15122024 was stored as 0002-12-12.
    for typed in ["15/12/2024", "15122024", "15-12-2024", "15.12.2024"]:
        assert header_post(clerk_client, draft, typed).status_code == 200, typed
        draft.refresh_from_db()
        assert draft.document_date == dt.date(2024, 12, 15), typed
    page = clerk_client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    assert 'value="15/12/2024"' in page
    assert 'type="date"' not in page.split('id="pane-header"')[1]


def test_a_date_far_from_the_report_s_period_is_refused_with_a_clear_message(clerk_client, draft):
    for typed in ["12/12/0002", "15/12/2042", "01/01/2020"]:
        response = header_post(clerk_client, draft, typed)
        assert response.status_code == 422, typed
        assert "cách xa kỳ báo cáo" in response.content.decode()
    draft.refresh_from_db()
    assert draft.document_date is None


def test_a_section_ending_or_starting_with_whitespace_saves_without_a_false_conflict(
    clerk_client, draft
):
    # Issue #13, defect 2: the base was stripped, the stored text was not: 409 on every save.
    section = draft.sections.get(position=2)
    first = "\n- Ban hành Kế hoạch số 02/KH-UBND. \n"
    assert save_section(clerk_client, draft, section, first, base=section.text).status_code == 200
    section.refresh_from_db()
    page = clerk_client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    # The textarea keeps the leading newline (HTML drops the first one after the tag).
    assert f'id="text-{section.pk}"' in page
    for typed in [first + "+ Tuyên truyền", first + "+ Tuyên truyền 31 tin bài.\n\n"]:
        base = section.text
        # Browsers send the textarea's lines with CR LF.
        response = save_section(clerk_client, draft, section, typed.replace("\n", "\r\n"), base)
        assert response.status_code == 200, response.content.decode()
        section.refresh_from_db()
    assert section.text.replace("\r\n", "\n") == first + "+ Tuyên truyền 31 tin bài.\n\n"


def test_figures_inserted_after_typing_are_saved_without_a_conflict(clerk_client, draft):
    section = draft.sections.get(heading__startswith="2. Cải cách thủ tục hành chính")
    typed = "Đã rà soát các thủ tục. "
    assert save_section(clerk_client, draft, section, typed, base=section.text).status_code == 200
    figures = section_offer(draft, section).text or "- Tổng số hồ sơ đã tiếp nhận: 0 hồ sơ."
    response = save_section(clerk_client, draft, section, typed + "\n" + figures, base=typed)
    assert response.status_code == 200
    section.refresh_from_db()
    assert section.text == typed + "\n" + figures
