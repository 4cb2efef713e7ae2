"""The API where a code names two units (today's xã Hoằng Phú reuses xã Hoằng Kim's 15889, today's
Thanh Hóa the old province's 38): by the period's date, every unit of the code without one, today's
unit for a service account's scope."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from core.models import Tier
from reports.models import User
from tests.repeated_codes import new

from .conftest import client_with, token_for


def test_the_api_lists_reports_of_a_code_by_period_or_of_every_unit_of_it(hoang_phu_report):
    client = client_with(token_for("admin"))

    def units(**params) -> set[tuple[str, str]]:
        body = client.get(reverse("api:reports"), params).json()
        return {(r["unit"]["name"], r["period"]["key"]) for r in body["results"]}

    assert units(unit="15889") == {("Xã Hoằng Kim", "2024Q3"), ("Xã Hoằng Phú", "2026Q4")}
    assert units(unit="15889", period="2024Q3") == {("Xã Hoằng Kim", "2024Q3")}
    assert units(unit="15889", period="2026Q4") == {("Xã Hoằng Phú", "2026Q4")}
    # Today's province holds only today's communes; the old one its seeds.
    assert units(unit="38", period="2026Q4") == {("Xã Hoằng Phú", "2026Q4")}
    assert ("Xã Hoằng Quỳ", "2022Q1") in units(unit="38")
    aggregate = client.get(reverse("api:aggregate"), {"period": "2024Q3", "unit": "38"})
    assert aggregate.status_code == 200 and aggregate.json()["units"] == ["15889"]


def test_a_service_account_scope_is_today_s_province(hoang_phu_report):
    User.objects.create(username="hethong.thanhhoa")
    out = StringIO()
    call_command("api_token", "hethong.thanhhoa", "--service-account", "--scope", "38", stdout=out)
    client = client_with(out.getvalue().strip())
    scope = client.get(reverse("api:me")).json()["token"]["scope"]
    assert scope["id"] == new("38", Tier.PROVINCE).pk
    body = client.get(reverse("api:reports")).json()
    assert [r["unit"]["name"] for r in body["results"]] == ["Xã Hoằng Phú"]
