"""One deadline model: due date + grace closes entry; an extension reopens it for one unit;
lateness is judged against the due date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from reports.deadlines import entry_open, is_late
from reports.models import DeadlineExtension, ReportStatus, ReportTransition
from reports.seeding import ensure_period
from reports.services.entry import EntryError
from reports.services.review import ReviewError, extension_grant
from reports.services.start import report_start


@pytest.fixture
def period(db):
    """Quarter IV 2024 with its default deadline (16/12/2024), long past on today's clock."""
    return ensure_period("2024Q4", due_date=dt.date(2024, 12, 16))


def test_entry_is_open_until_due_date_plus_grace(period, clerk):
    closes = period.due_date + dt.timedelta(days=period.grace_days)
    assert entry_open(period, clerk.unit, period.due_date)
    assert entry_open(period, clerk.unit, closes)
    assert not entry_open(period, clerk.unit, closes + dt.timedelta(days=1))


def test_a_locked_period_is_closed_whatever_the_date(period, clerk):
    period.is_locked = True
    assert not entry_open(period, clerk.unit, period.start_date)


def test_an_extension_reopens_entry_for_one_unit_only(period, clerk, reviewer, outsider):
    late = period.entry_closes_on + dt.timedelta(days=5)
    extension_grant(
        period=period,
        unit=clerk.unit,
        until=late,
        reason="Cán bộ một cửa nghỉ ốm",
        user=reviewer,
    )
    assert entry_open(period, clerk.unit, late)
    assert not entry_open(period, clerk.unit, late + dt.timedelta(days=1))
    assert not entry_open(period, outsider.unit, late)
    extension = DeadlineExtension.objects.get(period=period, unit=clerk.unit)
    assert (extension.reason, extension.granted_by) == ("Cán bộ một cửa nghỉ ốm", reviewer)


def test_an_extension_must_end_after_the_common_deadline(period, clerk, reviewer):
    with pytest.raises(ReviewError, match="phải sau hạn nhập chung"):
        extension_grant(
            period=period, unit=clerk.unit, until=period.due_date, reason="x", user=reviewer
        )


def test_a_closed_period_cannot_be_started_and_its_drafts_are_read_only(
    client, period, clerk, reviewer
):
    # The default 2024Q4 deadline is long past on the machine's clock.
    with pytest.raises(EntryError, match="Đã hết hạn nhập số liệu"):
        report_start(unit=clerk.unit, period=period, user=clerk)
    extension_grant(
        period=period,
        unit=clerk.unit,
        until=dt.date.today() + dt.timedelta(days=3),
        reason="Đề nghị của xã",
        user=reviewer,
    )
    report = report_start(unit=clerk.unit, period=period, user=clerk)
    client.force_login(clerk)
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert "chỉ xem, không sửa được" not in page
    DeadlineExtension.objects.all().delete()
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert "chỉ xem, không sửa được" in page


def test_lateness_counts_from_the_due_date_not_the_grace(seed_report, clerk):
    report = seed_report("15889/2024Q3")
    step = ReportTransition.objects.create(
        report=report, from_status="draft", to_status=ReportStatus.SUBMITTED, by=clerk
    )
    for days, late in [(0, False), (1, True)]:
        at = dt.datetime.combine(
            report.period.due_date + dt.timedelta(days=days), dt.time(10), tzinfo=dt.UTC
        )
        ReportTransition.objects.filter(pk=step.pk).update(at=at)
        assert is_late(report) is late


def test_the_reviewer_grants_an_extension_from_the_dashboard(client, period, reviewer, clerk):
    client.force_login(reviewer)
    until = period.entry_closes_on + dt.timedelta(days=10)
    response = client.post(
        reverse("reports:extension_grant", args=[period.pk, clerk.unit.pk]),
        {"until": until.isoformat(), "reason": "Mất điện"},
    )
    assert response.status_code == 302
    assert DeadlineExtension.objects.get(unit=clerk.unit).until == until


def test_no_extension_outside_the_reviewer_s_scope(client, period, reviewer, outsider):
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:extension_grant", args=[period.pk, outsider.unit.pk]),
        {"until": "2030-01-01", "reason": "x"},
    )
    assert response.status_code == 404
    assert not DeadlineExtension.objects.exists()


def test_an_extension_is_at_most_a_quarter_past_today_once_the_deadline_is_past(
    period, clerk, reviewer
):
    # 2024Q4 closed long ago on the machine's clock: 90 days from today is the limit.
    latest = dt.date.today() + dt.timedelta(days=90)
    extension_grant(period=period, unit=clerk.unit, until=latest, reason="x", user=reviewer)
    with pytest.raises(ReviewError, match="tối đa 90 ngày"):
        extension_grant(
            period=period, unit=clerk.unit, until=dt.date(9999, 12, 31), reason="x", user=reviewer
        )
    assert DeadlineExtension.objects.get(unit=clerk.unit).until == latest


def test_a_unit_cannot_start_a_report_for_a_period_after_it_ceased_to_exist(clerk):
    # Hoằng Kim belongs to the 3-level tree, which ended on 30/6/2025.
    assert clerk.unit.valid_to is not None
    later = ensure_period("2026Q1", due_date=dt.date.today() + dt.timedelta(days=30))
    with pytest.raises(EntryError, match="không phải báo cáo"):
        report_start(unit=clerk.unit, period=later, user=clerk)


def test_the_start_button_of_a_period_not_owed_changes_nothing(client, clerk):
    later = ensure_period("2026Q1", due_date=dt.date.today() + dt.timedelta(days=30))
    client.force_login(clerk)
    response = client.post(reverse("reports:report_start", args=[later.pk]), follow=True)
    assert "không phải báo cáo" in response.content.decode()
    assert not clerk.unit.reports.filter(period=later).exists()
