"""Every URL of a report, as the commune that owns it, its reviewer, and an outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import IndicatorValue, NarrativeSection
from tests.reports.entry.conftest import indicator


def report_urls(report) -> list[tuple[str, str, dict]]:
    row = indicator(report, "3.3.1")
    section = report.sections.first()
    return [
        ("get", reverse("reports:report", args=[report.pk]), {}),
        ("post", reverse("reports:value_save", args=[report.pk, row.pk]), {"value": "9"}),
        ("post", reverse("reports:value_confirm", args=[report.pk, row.pk]), {}),
        ("post", reverse("reports:section_save", args=[report.pk, section.pk]), {"text": "x"}),
        ("get", reverse("reports:section_figures", args=[report.pk, section.pk]), {}),
        ("post", reverse("reports:header_save", args=[report.pk]), {"issuer": "X"}),
        ("get", reverse("reports:report_check", args=[report.pk]), {}),
        ("post", reverse("reports:report_send", args=[report.pk]), {}),
        ("post", reverse("reports:prefill_confirm", args=[report.pk]), {}),
    ]


@pytest.mark.parametrize("index", range(9))
def test_a_user_of_another_commune_gets_404_on_every_url_of_this_report(
    client, draft, outsider, index
):
    method, url, data = report_urls(draft)[index]
    client.force_login(outsider)
    response = getattr(client, method)(url, data)
    assert response.status_code == 404
    assert not IndicatorValue.objects.filter(report=draft, printed="9").exists()
    assert not NarrativeSection.objects.filter(report=draft, text="x").exists()


@pytest.mark.parametrize("index", range(9))
def test_the_reviewer_reads_but_never_types_into_a_commune_s_report(client, draft, reviewer, index):
    method, url, data = report_urls(draft)[index]
    client.force_login(reviewer)
    response = getattr(client, method)(url, data)
    assert response.status_code == (200 if method == "get" else 403)


def test_the_report_start_is_for_commune_staff_only(client, reviewer):
    from reports.models import ReportingPeriod

    client.force_login(reviewer)
    period = ReportingPeriod.objects.by_key("2024Q4")
    response = client.post(reverse("reports:report_start", args=[period.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("index", range(9))
def test_anonymous_users_are_sent_to_the_login_page(client, draft, index):
    method, url, data = report_urls(draft)[index]
    response = getattr(client, method)(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
