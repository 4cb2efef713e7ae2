"""The home page answers "what do I owe, by when"."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from reports.models import ReportingPeriod
from reports.obligations import obligations
from reports.seeding import ensure_period


def test_the_clerk_sees_each_open_period_with_its_window_due_date_and_days_left(
    clerk_client_home, clerk
):
    page = clerk_client_home.get(reverse("reports:home")).content.decode()
    assert "Báo cáo phải gửi của Xã Hoằng Kim" in page
    assert "Quý IV năm 2024" in page
    assert "15/09/2024 – 14/12/2024" in page
    assert "Lập báo cáo" in page


def test_an_unsent_report_past_its_due_date_is_overdue_in_red(clerk):
    period = ReportingPeriod.objects.by_key("2024Q4")
    today = period.due_date + dt.timedelta(days=3)
    (item,) = [o for o in obligations(clerk.unit, today) if o.period == period]
    assert item.is_overdue and item.days_overdue == 3
    assert item.can_start


def test_days_left_count_down_to_the_due_date(clerk):
    period = ReportingPeriod.objects.by_key("2024Q4")
    today = period.due_date - dt.timedelta(days=5)
    (item,) = [o for o in obligations(clerk.unit, today) if o.period == period]
    assert item.days_left == 5 and not item.is_overdue


def test_a_commune_that_no_longer_exists_owes_no_period_after_its_end(clerk):
    ensure_period("2026Q1")
    periods = [o.period.key for o in obligations(clerk.unit, dt.date(2026, 3, 20))]
    assert "2026Q1" not in periods
    assert "2024Q4" in periods


def test_without_an_assigned_template_a_period_cannot_be_started(db, django_user_model):
    from reports.models import AdministrativeUnit

    unit = AdministrativeUnit.objects.create(code="99999", name="Xã Thử", kind="xa")
    user = django_user_model.objects.create_user("thu", unit=unit, role="commune_staff")
    (item,) = obligations(user.unit, dt.date(2024, 12, 1))
    assert item.template is None and not item.can_start
