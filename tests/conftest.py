"""Shared test setup: the seeds' reference data, loaded once, and named personas."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import timezone

from core.units_loading import load_historical_units, load_official_units, load_predecessors
from indicators.models import IndicatorTemplate
from reports import seeding
from reports.models import Report, ReportStatus, User
from reports.seeding import ensure_period
from tests.repeated_codes import new

FIXTURES = settings.BASE_DIR / "fixtures"


def load_reference_data() -> None:
    """Units, templates, the five seed reports and the demo users, as ``demo`` loads them
    (idempotent: a transactional test that emptied the database calls it again)."""
    load_historical_units(FIXTURES / "units_historical.json")
    seeding.load_templates(FIXTURES)
    seeding.load_assignments(FIXTURES)
    seeding.load_seed_reports(FIXTURES)
    for key in seeding.DEMO_OPEN_PERIODS:
        seeding.ensure_demo_period(key, timezone.localdate())
    seeding.ensure_demo_users()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def seed_report(db):
    """A seed report by its key: ``seed_report("15889/2024Q3")``."""

    def get(key: str) -> Report:
        unit_code, _, period_key = key.partition("/")
        return Report.objects.by_key(unit_code, period_key)

    return get


@pytest.fixture
def clerk(db) -> User:
    """Commune staff of xã Hoằng Kim."""
    return User.objects.get(username="hoangkim")


@pytest.fixture
def reviewer(db) -> User:
    """Phòng Nội vụ of huyện Hoằng Hóa (Hoằng Kim's and Hoằng Quỳ's district)."""
    return User.objects.get(username="noivu.hoanghoa")


@pytest.fixture
def outsider(db) -> User:
    """Commune staff of another province (xã Sơn Phú, Hà Tĩnh)."""
    return User.objects.get(username="sonphu")


@pytest.fixture
def template_admin(db) -> User:
    """The province's template admin (quản trị mẫu biểu), with no unit of their own."""
    return User.objects.get(username="quantri")


@pytest.fixture
def template_admin_client(client, template_admin):
    client.force_login(template_admin)
    return client


@pytest.fixture
def superuser(db) -> User:
    return User.objects.get(username="admin")


@pytest.fixture
def clerk_client_home(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def hoang_phu_report(db) -> Report:
    """Today's Thanh Hóa, and a report of xã Hoằng Phú (15889 today) for 2026Q4."""
    load_official_units({"38"})
    load_predecessors({"38"})
    return Report.objects.create(
        unit=new("15889"),
        period=ensure_period("2026Q4"),
        template=IndicatorTemplate.objects.get(code="HH-01b", version=2),
        status=ReportStatus.APPROVED,
    )
