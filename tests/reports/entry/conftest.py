"""Personas and a fresh draft for the data-entry tests."""

from __future__ import annotations

import pytest

from reports.models import Report, ReportingPeriod, User
from reports.services.start import report_start


@pytest.fixture
def draft(db, clerk) -> Report:
    """Hoằng Kim's new quarter-IV 2024 report (template Hoằng Hóa 01b 2024), just started."""
    period = ReportingPeriod.objects.by_key("2024Q4")
    return report_start(unit=clerk.unit, period=period, user=clerk)


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def colleague(db, clerk) -> User:
    """A second official of the same commune (two people, one report)."""
    return User.objects.create_user(
        "hoangkim2", password="x", unit=clerk.unit, role=clerk.role, first_name="Cán bộ thứ hai"
    )


def indicator(report: Report, code: str):
    return report.template.indicators.get(code=code)
