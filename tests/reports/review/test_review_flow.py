"""The reviewer returns a report with comments on fields, the commune answers and fixes, the
reviewer sees what changed and approves."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from reports.models import Report, ReportStatus
from reports.services.entry import report_start
from reports.services.review import changes_since_return
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
    row = submitted.template.indicators.get(code="3.3.1")
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
    row_html = page.split('id="row-3.3.1"')[1].split("</tr>")[0]
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


def test_a_comment_with_a_nul_character_is_refused_with_a_message(client, submitted, reviewer):
    row = submitted.template.indicators.get(code="3.3.1")
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:comment_add", args=[submitted.pk]),
        {"text": "Kiểm tra\x00 lại.", "indicator": row.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "ký tự không hợp lệ" in response.content.decode()
    assert f'id="comments-i-{row.pk}"' in response.content.decode()
    assert not submitted.comments.exists()


def test_returning_without_any_reason_is_refused(client, submitted, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse("reports:report_return", args=[submitted.pk]), {"comment": ""})
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    assert "ghi rõ lý do" in client.get(response["Location"]).content.decode()


def test_return_and_approve_are_mailed_to_the_commune(client, submitted, reviewer, clerk):
    client.force_login(reviewer)
    client.post(reverse("reports:report_return", args=[submitted.pk]), {"comment": "Sửa 3.3.1"})
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
    row = submitted.template.indicators.get(code="3.3.1")
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
