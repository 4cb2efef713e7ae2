"""A code that names two units: today's xã Hoằng Phú reuses the code 15889 of xã Hoằng Kim (a
seed), and today's Thanh Hóa the code 38 of the old province. Every lookup by code resolves by
the period's date, or to today's unit when no date is given."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command

from core.models import AdministrativeUnit, Tier
from indicators.forms.editor import AssignmentForm
from reports.models import Report
from reports.seeding import ensure_period
from tests.repeated_codes import new, old


def test_a_report_key_names_the_unit_of_the_period(hoang_phu_report):
    assert Report.objects.by_key("15889", "2024Q3").unit == old("15889")
    assert Report.objects.by_key("15889", "2026Q4").unit == new("15889")


def test_in_the_quarter_of_the_reform_the_unit_alive_at_its_end_wins(hoang_phu_report):
    # 2025Q3 runs from 15/6 to 14/9/2025: both communes could hold a report of it.
    period = ensure_period("2025Q3")
    template = hoang_phu_report.template
    Report.objects.create(unit=old("15889"), period=period, template=template)
    Report.objects.create(unit=new("15889"), period=period, template=template)
    assert Report.objects.by_key("15889", "2025Q3").unit == new("15889")


def test_report_json_and_validate_report_follow_the_period(hoang_phu_report):
    out = StringIO()
    call_command("report_json", "15889/2024Q3", stdout=out)
    assert json.loads(out.getvalue())["unit"]["name"] == "Xã Hoằng Kim"
    out = StringIO()
    call_command("report_json", "15889/2026Q4", stdout=out)
    assert json.loads(out.getvalue())["unit"]["name"] == "Xã Hoằng Phú"
    out = StringIO()
    call_command("validate_report", "15889/2026Q4", "--json", stdout=out)
    assert "15889" in json.loads(out.getvalue())["report"]


def test_the_aggregate_command_takes_the_province_of_the_period(hoang_phu_report):
    out = StringIO()
    call_command("aggregate_report", "--unit", "38", "--period", "2024Q3", stdout=out)
    assert json.loads(out.getvalue())["units"] == ["15889"]
    out = StringIO()
    call_command("aggregate_report", "--unit", "38", "--period", "2026Q4", stdout=out)
    data = json.loads(out.getvalue())
    assert data["units"] == ["15889"] and data["unit"] == "38"


def test_a_template_assignment_takes_the_unit_valid_when_it_starts(hoang_phu_report):
    def unit_for(**data) -> AdministrativeUnit:
        form = AssignmentForm(data={"unit_code": "38", "period_kinds": ["Q"], **data})
        assert form.is_valid(), form.errors
        return form.cleaned_data["unit_code"]

    assert unit_for(valid_from="2024-01-01") == old("38", Tier.PROVINCE)
    assert unit_for(valid_from="2025-07-01") == new("38", Tier.PROVINCE)
    assert unit_for() == new("38", Tier.PROVINCE)
    refused = AssignmentForm(data={"unit_code": "999999", "period_kinds": ["Q"]})
    assert not refused.is_valid() and "unit_code" in refused.errors
