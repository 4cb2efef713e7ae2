"""The reviewer returns a report with comments on fields, the commune answers and fixes, the
reviewer sees what changed and approves."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from reports.models import Report, ReportStatus
from reports.services.changes import changes_since_return
from reports.services.review import StaleReview, report_approve, report_return
from reports.services.start import report_start
from reports.workflow import transition


@pytest.fixture
def submitted(db, clerk) -> Report:
    from django.utils import timezone

    from reports.seeding import ensure_demo_period

    period = ensure_demo_period("2024Q4", timezone.localdate())
    report = report_start(unit=clerk.unit, period=period, user=clerk)
    transition(report, ReportStatus.SUBMITTED, by=clerk)
    return report


def test_a_reviewer_comments_on_one_indicator_and_the_commune_sees_it_there(
    client, submitted, reviewer, clerk
):
    row = submitted.template.indicators.get(code="3.3.3")
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:comment_add", args=[submitted.pk]),
        {"text": "Số hồ sơ tiếp nhận chưa khớp phần mềm một cửa.", "indicator": row.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "chưa khớp phần mềm" in response.content.decode()
    client.post(reverse("reports:report_return", args=[submitted.pk]), {"comment": ""})
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.RETURNED
    client.force_login(clerk)
    page = client.get(reverse("reports:report", args=[submitted.pk])).content.decode()
    row_html = page.split('id="row-3.3.3"')[1].split("</tr>")[0]
    assert "chưa khớp phần mềm" in row_html
    assert "Trả lời ý kiến" in row_html
    assert "Báo cáo bị trả lại" in page


@pytest.mark.parametrize("field", ["indicator", "section"])
@pytest.mark.parametrize("posted", ["abc", "1e5", "1.5", "-1", "0", "99999999999999999999", "1 2"])
def test_a_comment_on_something_that_is_no_id_is_refused_with_a_message(
    client, submitted, reviewer, field, posted
):
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:comment_add", args=[submitted.pk]),
        {"text": "Kiểm tra lại.", field: posted},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "hãy tải lại trang" in response.content.decode()
    assert not submitted.comments.exists()


def test_a_nul_character_in_a_comment_is_dropped_as_every_control_character(
    client, submitted, reviewer
):
    row = submitted.template.indicators.get(code="3.3.3")
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:comment_add", args=[submitted.pk]),
        {"text": "Kiểm tra\x00 lại.", "indicator": row.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert f'id="comments-i-{row.pk}"' in response.content.decode()
    assert submitted.comments.get().text == "Kiểm tra lại."


def test_returning_without_any_reason_is_refused(client, submitted, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse("reports:report_return", args=[submitted.pk]), {"comment": ""})
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    assert "ghi rõ lý do" in client.get(response["Location"]).content.decode()


def test_return_and_approve_are_mailed_to_the_commune(client, submitted, reviewer, clerk):
    client.force_login(reviewer)
    client.post(reverse("reports:report_return", args=[submitted.pk]), {"comment": "Sửa 3.3.3"})
    assert [m.to for m in mail.outbox] == [[clerk.email]]
    assert "bị trả lại" in mail.outbox[0].subject
    transition(submitted, ReportStatus.SUBMITTED, by=clerk)
    client.post(reverse("reports:report_approve", args=[submitted.pk]), {"comment": ""})
    assert "đã được duyệt" in mail.outbox[-1].subject


def test_the_commune_answers_a_comment(client, submitted, reviewer, clerk):
    from reports.services.review import comment_add, report_return

    comment = comment_add(report=submitted, user=reviewer, text="Giải trình 3.1.3?")
    report_return(report=submitted, user=reviewer)
    client.force_login(clerk)
    response = client.post(
        reverse("reports:comment_reply", args=[submitted.pk, comment.pk]),
        {"text": "Đã cập nhật theo quyết định công bố mới."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.reply == "Đã cập nhật theo quyết định công bố mới."
    assert comment.replied_by == clerk


def test_on_resubmission_the_reviewer_sees_exactly_what_changed(client, submitted, reviewer, clerk):
    client.force_login(clerk)
    client.force_login(reviewer)
    client.post(reverse("reports:report_return", args=[submitted.pk]), {"comment": "Sửa lại"})
    client.force_login(clerk)
    row = submitted.template.indicators.get(code="3.1.3")
    client.post(
        reverse("reports:value_save", args=[submitted.pk, row.pk]),
        {"value": "220", "base": "217"},
        HTTP_HX_REQUEST="true",
    )
    section = submitted.sections.get(position=2)
    client.post(
        reverse("reports:section_save", args=[submitted.pk, section.pk]),
        {"heading": section.heading, "text": "Nội dung mới.", "base": section.text},
        HTTP_HX_REQUEST="true",
    )
    transition(submitted, ReportStatus.SUBMITTED, by=clerk)
    returned, changes = changes_since_return(submitted)
    assert returned is not None
    assert [(c.where.split()[0], c.old, c.new) for c in changes] == [
        ("3.1.3", "217", "220"),
        ("Mục", section.text, "Nội dung mới."),
    ]
    client.force_login(reviewer)
    page = client.get(reverse("reports:report", args=[submitted.pk])).content.decode()
    assert "Thay đổi từ khi trả lại" in page
    assert "+Nội dung mới." in page


def test_an_approved_report_is_locked_for_everyone(client, submitted, reviewer, clerk):
    client.force_login(reviewer)
    client.post(reverse("reports:report_approve", args=[submitted.pk]), {"comment": "Tốt"})
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.APPROVED
    client.force_login(clerk)
    row = submitted.template.indicators.get(code="3.3.3")
    response = client.post(
        reverse("reports:value_save", args=[submitted.pk, row.pk]), {"value": "1"}
    )
    assert response.status_code == 403


def test_a_reviewer_of_another_district_cannot_act(client, submitted, django_user_model):
    other = django_user_model.objects.get(username="noivu.dinhhoa")
    client.force_login(other)
    for name in ["report_return", "report_approve", "comment_add"]:
        response = client.post(reverse(f"reports:{name}", args=[submitted.pk]), {"text": "x"})
        assert response.status_code == 404


def test_the_commune_cannot_approve_its_own_report(client, submitted, clerk):
    client.force_login(clerk)
    response = client.post(reverse("reports:report_approve", args=[submitted.pk]))
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED


# Acting on the version seen ------------------------------------------------------------------


def seen_version(page: str, form: str) -> str:
    """The version a review form of the page carries ("report_approve", "report_return")."""
    action = reverse(f"reports:{form}", args=[int(page.split('data-report="')[1].split('"')[0])])
    return page.split(f'action="{action}"')[1].split('name="version" value="')[1].split('"')[0]


def round_trip(client, report, reviewer, clerk, code: str, typed: str) -> None:
    """In another tab: the report is returned, the commune changes ``code`` and sends it again."""
    report_return(report=report, user=reviewer, comment=f"Sửa {code}")
    client.force_login(clerk)
    row = report.template.indicators.get(code=code)
    shown = report.values.filter(indicator=row).first()  # a figure carried from last period
    response = client.post(
        reverse("reports:value_save", args=[report.pk, row.pk]),
        {"value": typed, "base": shown.printed if shown else ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    transition(report, ReportStatus.SUBMITTED, by=clerk)
    client.force_login(reviewer)


def test_approving_a_version_not_seen_is_refused_and_shows_what_changed(
    client, submitted, reviewer, clerk
):
    client.force_login(reviewer)
    page = client.get(reverse("reports:report", args=[submitted.pk])).content.decode()
    seen = seen_version(page, "report_approve")
    round_trip(client, submitted, reviewer, clerk, "3.1.1", "999999")
    round_trip(client, submitted, reviewer, clerk, "3.1.2", "5")

    response = client.post(
        reverse("reports:report_approve", args=[submitted.pk]),
        {"comment": "Đồng ý.", "version": seen},
    )
    assert response.status_code == 409
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    assert not submitted.transitions.filter(to_status=ReportStatus.APPROVED).exists()
    page = response.content.decode()
    stale = page.split('id="stale-review"')[1].split("</div>")[0]
    assert "Báo cáo đã thay đổi từ khi bạn mở trang" in stale
    # Both round trips since the version seen, not only the last one.
    assert stale.count("Bị trả lại") == 2
    assert "3.1.1" in stale and "999999" in stale
    assert "3.1.2" in stale and "5" in stale
    assert "Đồng ý.</textarea>" in page  # what the reviewer typed is still there

    # The page now carries the current version: approving it goes through.
    current = seen_version(page, "report_approve")
    assert current == str(submitted.version) != seen
    response = client.post(
        reverse("reports:report_approve", args=[submitted.pk]),
        {"comment": "Đồng ý.", "version": current},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.APPROVED


def test_returning_a_version_not_seen_is_refused_and_writes_nothing(submitted, reviewer, clerk):
    seen = submitted.version
    report_return(report=submitted, user=reviewer, comment="Sửa 3.1.1")
    transition(submitted, ReportStatus.SUBMITTED, by=clerk)
    comments = submitted.comments.count()
    with pytest.raises(StaleReview) as stale:
        report_return(report=submitted, user=reviewer, comment="Lý do cũ", version=seen)
    assert (stale.value.seen, stale.value.current) == (seen, seen + 2)
    assert submitted.comments.count() == comments
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.SUBMITTED
    with pytest.raises(StaleReview):
        report_approve(report=submitted, user=reviewer, version=seen)


def test_the_current_version_is_returned_and_approved(submitted, reviewer, clerk):
    report_return(report=submitted, user=reviewer, comment="Sửa", version=submitted.version)
    assert submitted.status == ReportStatus.RETURNED
    transition(submitted, ReportStatus.SUBMITTED, by=clerk)
    report_approve(report=submitted, user=reviewer, version=submitted.version)
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.APPROVED


def test_a_version_that_is_not_a_number_is_not_the_one_seen(client, submitted, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:report_approve", args=[submitted.pk]), {"version": "latest"}
    )
    assert response.status_code == 409
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.SUBMITTED


def test_header_changes_after_a_return_are_shown_with_who_made_them(
    client, submitted, reviewer, clerk
):
    report_return(report=submitted, user=reviewer, comment="Ghi người ký")
    client.force_login(clerk)
    response = client.post(
        reverse("reports:header_save", args=[submitted.pk]),
        {"signer_name": "Nguyễn Thị An", "base-signer_name": submitted.signer_name},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    _returned, changes = changes_since_return(submitted)
    assert [(c.where, c.old, c.new, c.by) for c in changes] == [
        ("Thông tin văn bản: người ký", "Lê Như Đông", "Nguyễn Thị An", clerk.get_full_name())
    ]
