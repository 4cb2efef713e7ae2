"""After a return the commune sees which rows were commented, the email carries every comment
and the configured site address, the reviewer sees the commune's explanations, and the
dashboard shows the last send and how many there were (issue #13, defect 7)."""

from __future__ import annotations

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from reports.models import WarningExplanation
from reports.services.review import comment_add
from reports.workflow import ReportStatus, transition
from tests.reports.review.test_review_flow import submitted  # noqa: F401 (fixture)


@override_settings(SITE_URL="https://cchc.thanhhoa.gov.vn")
def test_a_return_lists_and_links_the_commented_rows_and_mails_them(
    client,
    submitted,  # noqa: F811
    reviewer,
    clerk,
):
    row = submitted.template.indicators.get(code="3.3.1")
    comment_add(report=submitted, user=reviewer, text="Chưa khớp sổ một cửa.", indicator=row)
    client.force_login(reviewer)
    client.post(reverse("reports:report_return", args=[submitted.pk]), {"comment": ""})
    body = mail.outbox[-1].body
    assert "Ý kiến chung: (không có" in body
    assert "Chỉ tiêu 3.3.1 (" in body and "Chưa khớp sổ một cửa." in body
    assert f"https://cchc.thanhhoa.gov.vn/bao-cao/{submitted.pk}/" in body
    client.force_login(clerk)
    page = client.get(reverse("reports:report", args=[submitted.pk])).content.decode()
    notice = page.split('id="returned-notice"')[1].split("</div>\n")[0]
    assert 'href="#row-3.3.1"' in notice
    assert "Chỉ tiêu 3.3.1" in notice


def test_the_reviewer_sees_the_commune_s_explanations(client, submitted, reviewer):  # noqa: F811
    WarningExplanation.objects.create(
        report=submitted, finding_key="x:3.3.1:", message="Tỷ lệ đúng hạn giảm mạnh.",
        text="Do hệ thống một cửa lỗi trong tháng 11.",
    )  # fmt: skip
    client.force_login(reviewer)
    page = client.get(reverse("reports:report", args=[submitted.pk])).content.decode()
    tab = page.split('id="pane-review"')[1]
    assert "Giải trình của xã (1)" in tab
    assert "Do hệ thống một cửa lỗi trong tháng 11." in tab


def test_the_dashboard_shows_the_last_send_and_how_many(
    client,
    submitted,  # noqa: F811
    reviewer,
    clerk,
):
    transition(submitted, ReportStatus.RETURNED, by=reviewer, comment="Sửa")
    transition(submitted, ReportStatus.SUBMITTED, by=clerk)
    client.force_login(reviewer)
    page = client.get(reverse("reports:dashboard") + "?ky=2024Q4").content.decode()
    assert "gửi 2 lần; lần đầu" in page
