"""The demo shows today beside the seeds' past: Thanh Hóa since 1/7/2025, its Sở Nội vụ, and xã
Hoằng Phú (code 15889, which took in the seed xã Hoằng Kim) with the current quarter open."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models import TWO_LEVEL_START, AdministrativeUnit, Tier
from core.units_loading import load_official_units
from indicators.models import IndicatorTemplate, TemplateAssignment
from reports import access
from reports.models import Report, ReportingPeriod, Role, User
from reports.seeding import DEMO_PASSWORD, TODAY_DEMO_USERS, current_period_keys


@pytest.fixture
def today_demo(db) -> str:
    out = StringIO()
    call_command("demo", skip_official_units=True, stdout=out)
    return out.getvalue()


def current_period() -> ReportingPeriod:
    return ReportingPeriod.objects.by_key(current_period_keys(timezone.localdate())[-1])


def test_the_demo_makes_today_s_commune_its_province_and_their_accounts_idempotently(
    today_demo,
):
    links = AdministrativeUnit.predecessors.through.objects.count()
    again = StringIO()
    call_command("demo", skip_official_units=True, stdout=again)
    assert AdministrativeUnit.predecessors.through.objects.count() == links
    for out in (today_demo, again.getvalue()):
        for demo in TODAY_DEMO_USERS:
            assert demo.username in out
    commune = User.objects.get(username="hoangphu")
    assert commune.role == Role.COMMUNE_STAFF and commune.check_password(DEMO_PASSWORD)
    hoang_phu = commune.unit
    assert (hoang_phu.code, hoang_phu.name, hoang_phu.valid_from) == (
        "15889",
        "Xã Hoằng Phú",
        TWO_LEVEL_START,
    )
    assert [p.name for p in hoang_phu.predecessors.all()] == ["Xã Hoằng Kim"]
    reviewer = User.objects.get(username="noivu.thanhhoa")
    assert reviewer.role == Role.REVIEWER
    assert (reviewer.unit.code, reviewer.unit.tier, reviewer.unit.valid_from) == (
        "38",
        Tier.PROVINCE,
        TWO_LEVEL_START,
    )
    assert hoang_phu.is_within(reviewer.unit)
    assert TemplateAssignment.objects.filter(unit=reviewer.unit).count() == 1
    # The seeds' accounts keep the seeds' units.
    assert User.objects.get(username="hoangkim").unit.valid_from is None


def test_the_new_commune_is_offered_a_report_of_the_current_quarter(client, today_demo):
    client.force_login(User.objects.get(username="hoangphu"))
    period = current_period()
    page = client.get(reverse("reports:home")).content.decode()
    assert "Lập báo cáo" in page
    assert reverse("reports:report_start", args=[period.pk]) in page
    response = client.post(reverse("reports:report_start", args=[period.pk]))
    assert response.status_code == 302
    report = Report.objects.get(unit__code="15889", period=period)
    assert report.unit.valid_from == TWO_LEVEL_START
    assert report.template == IndicatorTemplate.objects.get(code="HH-01b", version=2)


def test_the_so_noi_vu_follows_its_communes_and_no_other_province_s(client, today_demo):
    load_official_units({"42"})  # Hà Tĩnh today: xã Hương Sơn took in the seed Sơn Phú
    reviewer = User.objects.get(username="noivu.thanhhoa")
    hoang_phu = User.objects.get(username="hoangphu").unit
    huong_son = AdministrativeUnit.objects.get(code="18133", valid_from=TWO_LEVEL_START)
    period = current_period()
    template = IndicatorTemplate.objects.get(code="HH-01b", version=2)
    ours = Report.objects.create(unit=hoang_phu, period=period, template=template)
    theirs = Report.objects.create(unit=huong_son, period=period, template=template)
    assert list(access.visible_reports(reviewer)) == [ours]
    assert access.can_review(reviewer, ours) and not access.can_see(reviewer, theirs)
    assert hoang_phu in access.reviewable_units(reviewer)
    assert huong_son not in access.reviewable_units(reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("reports:dashboard"), {"ky": period.key}).content.decode()
    assert "Hoằng Phú" in page
    assert "Hương Sơn" not in page and "Hoằng Kim" not in page
    assert client.get(reverse("reports:report", args=[theirs.pk])).status_code == 404
