"""How long a text may be: a narrative section up to 30.000 characters, a comment, reply,
explanation or paragraph of the header up to 5.000. Longer input is refused with a Vietnamese
message next to its field and stays on the page (nothing typed is lost, nothing is stored); a
section stored longer before the limit is flagged and checked only up to it."""

from __future__ import annotations

from django.urls import reverse

from core.text import NARRATIVE_MAX_CHARS, NOTE_MAX_CHARS
from reports.check_loading import check_report
from reports.entry_checks import input_findings
from reports.models import NarrativeSection, Report
from reports.services.review import comment_add

LINE = "- Tuyên truyền cải cách hành chính trên đài truyền thanh xã: 12 tin bài.\n"


def text_of(length: int) -> str:
    return (LINE * (length // len(LINE) + 1))[:length]


def save_section(client, report, section, text):
    return client.post(
        reverse("reports:section_save", args=[report.pk, section.pk]),
        {"heading": section.heading, "text": text, "base": section.text},
        HTTP_HX_REQUEST="true",
    )


def test_a_section_at_the_limit_is_saved(clerk_client, draft):
    section = draft.sections.get(position=2)
    response = save_section(clerk_client, draft, section, text_of(NARRATIVE_MAX_CHARS))
    assert response.status_code == 200
    section.refresh_from_db()
    assert len(section.text) == NARRATIVE_MAX_CHARS


def test_a_longer_section_is_refused_next_to_it_and_nothing_is_stored(clerk_client, draft):
    section = draft.sections.get(position=2)
    history = section.history.count()
    response = save_section(clerk_client, draft, section, text_of(NARRATIVE_MAX_CHARS + 1))
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="sfb-{section.pk}"' in page
    assert "dài 30.001 ký tự, quá giới hạn 30.000 ký tự" in page
    assert "chưa được lưu" in page
    # The page keeps its local copy of the text (report_form.js reads this header).
    assert response["X-Not-Saved"] == "1"
    section.refresh_from_db()
    assert section.text == ""
    assert section.history.count() == history


def test_the_limit_counts_the_text_as_stored(clerk_client, draft):
    # Windows line ends count once: the text is cleaned before it is measured.
    section = draft.sections.get(position=2)
    text = text_of(NARRATIVE_MAX_CHARS).replace("\n", "\r\n")
    assert len(text) > NARRATIVE_MAX_CHARS
    assert save_section(clerk_client, draft, section, text).status_code == 200


def test_a_header_paragraph_over_the_limit_is_refused_with_the_input_kept(clerk_client, draft):
    intro = "Thực hiện Kế hoạch số 02/KH-UBND. " * 200
    assert len(intro) > NOTE_MAX_CHARS
    response = clerk_client.post(
        reverse("reports:header_save", args=[draft.pk]),
        {"intro": intro, "summary": draft.summary, "issuer": draft.issuer},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "quá giới hạn 5.000 ký tự" in page
    assert intro.strip() in page  # the box holds what was typed
    draft.refresh_from_db()
    assert draft.intro == ""


def test_a_comment_over_the_limit_is_refused_with_the_input_kept(client, reviewer, seed_report):
    report = seed_report("15889/2024Q3")
    Report.objects.filter(pk=report.pk).update(status="submitted")
    client.force_login(reviewer)
    text = "Đề nghị xã kiểm tra lại số liệu. " * 200
    response = client.post(
        reverse("reports:comment_add", args=[report.pk]), {"text": text}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "quá giới hạn 5.000 ký tự" in page
    assert text.strip() in page
    assert not report.comments.exists()


def test_a_reply_over_the_limit_is_refused_with_the_input_kept(client, clerk, reviewer, draft):
    report = draft
    Report.objects.filter(pk=report.pk).update(status="submitted")
    report.refresh_from_db()
    comment = comment_add(report=report, user=reviewer, text="Kiểm tra lại 3.3.1")
    Report.objects.filter(pk=report.pk).update(status="returned")
    client.force_login(clerk)
    text = "Xã đã kiểm tra. " * 400
    response = client.post(
        reverse("reports:comment_reply", args=[report.pk, comment.pk]),
        {"text": text},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "quá giới hạn 5.000 ký tự" in page
    assert text.strip() in page
    comment.refresh_from_db()
    assert comment.reply == ""


def test_a_refused_return_comment_comes_back_in_its_box(client, reviewer, seed_report):
    report = seed_report("15889/2024Q3")
    Report.objects.filter(pk=report.pk).update(status="submitted")
    client.force_login(reviewer)
    text = "Trả lại vì số liệu chưa khớp. " * 200
    response = client.post(reverse("reports:report_return", args=[report.pk]), {"comment": text})
    page = client.get(response["Location"]).content.decode()
    assert "quá giới hạn 5.000 ký tự" in page
    assert text.strip() in page
    report.refresh_from_db()
    assert report.status == "submitted"


def over_quota(report) -> None:
    """More staff present (4.3) than the quota (4.1 + 4.2): a warning a reviewer wants explained."""
    from reports.models import IndicatorValue

    IndicatorValue.objects.update_or_create(
        report=report,
        indicator=report.template.indicators.get(code="4.3"),
        defaults={"value": 400, "printed": "400", "prefilled": False, "origin": "typed"},
    )


def test_an_explanation_over_the_limit_is_refused_next_to_it(clerk_client, draft):
    from reports.services.submit import review

    over_quota(draft)
    key, _finding, _ = review(draft).warnings[0]
    text = "Giải trình: số liệu đã được rà soát. " * 200
    response = clerk_client.post(
        reverse("reports:report_send", args=[draft.pk]),
        {f"explain:{key}": text},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "giải trình quá dài, chưa được lưu" in page
    assert "quá giới hạn 5.000 ký tự" in page
    assert text.strip() in page
    assert not draft.explanations.exists()


def test_a_section_stored_longer_before_the_limit_is_flagged_and_read_up_to_it(
    client, clerk, draft
):
    section = draft.sections.get(position=2)
    wrong = "\n- 09/10 người có trình độ đại học đạt 80%"  # 9/10 is 90 %
    # Past every check, as stored before the limit existed.
    NarrativeSection.objects.filter(pk=section.pk).update(text=text_of(40_000) + wrong)
    (flag,) = [f for f in input_findings(draft) if f.check == "narrative_too_long"]
    assert flag.severity == "warning"
    assert "dài 40.042 ký tự, quá giới hạn 30.000 ký tự" in flag.message
    assert not [f for f in check_report(draft) if f.check == "narrative.percent"]
    client.force_login(clerk)
    page = client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    assert "Mục này dài 40.042 ký tự, quá giới hạn 30.000 ký tự" in page
