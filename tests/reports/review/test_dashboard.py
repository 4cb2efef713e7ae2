"""The reviewer's dashboard: every commune, its status and timeliness, rates, key figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from reports import dashboard
from reports.models import AdministrativeUnit, Report, ReportingPeriod, ReportStatus
from reports.models import ReportTransition as Step


@pytest.fixture
def district(db):
    return AdministrativeUnit.objects.get(code="399", valid_from__isnull=True)


def test_every_commune_of_the_district_is_listed_with_its_status(district):
    board = dashboard.build(district, ReportingPeriod.objects.by_key("2024Q3"))
    statuses = {line.unit.name: (line.status, line.timeliness) for line in board.lines}
    # Hoằng Kim filed (approved); Hoằng Quỳ has no quarter-III report: missing.
    assert statuses["Xã Hoằng Kim"][0] == ReportStatus.APPROVED
    assert statuses["Xã Hoằng Quỳ"] == ("missing", "missing")
    assert board.expected == 2 and board.sent == 1
    assert board.completeness == Decimal("50.0")


def test_key_figures_come_from_the_tagged_rows(district):
    board = dashboard.build(district, ReportingPeriod.objects.by_key("2024Q3"))
    (kim,) = [line for line in board.lines if line.unit.code == "15889"]
    assert kim.figures["received"] == 729
    # Online: levels 3 and 4 (421 + 296) of 729 received.
    assert kim.online_rate == Decimal("98.4")
    assert kim.on_time_rate == Decimal("100.0")


def test_the_table_by_field_gives_the_figures_where_a_template_has_one(db):
    district = AdministrativeUnit.objects.get(code="167", valid_from__isnull=True)
    board = dashboard.build(district, ReportingPeriod.objects.by_key("2024Q1"))
    (line,) = board.lines
    assert line.figures["received"] == 521 and line.figures["online"] == 516
    # On time = early 399 + on time 108, of 514 resolved.
    assert line.on_time_rate == Decimal("98.6")


def test_timeliness_is_judged_against_the_due_date(district, seed_report, clerk):
    report = seed_report("15889/2024Q3")
    late = dt.datetime.combine(
        report.period.due_date + dt.timedelta(days=2), dt.time(9), tzinfo=dt.UTC
    )
    Step.objects.create(report=report, from_status="draft", to_status="submitted", by=clerk)
    Step.objects.filter(report=report).update(at=late)
    board = dashboard.build(district, report.period)
    (kim,) = [line for line in board.lines if line.unit.code == "15889"]
    assert kim.timeliness == "late"
    assert board.timeliness == Decimal("0.0")


@pytest.mark.parametrize("query", ["Hoằng Kim", "hoang kim", "HOANG KIM", "kim"])
def test_search_finds_a_commune_with_or_without_accents(district, query):
    board = dashboard.build(district, ReportingPeriod.objects.by_key("2024Q3"))
    lines = dashboard.filter_lines(board.lines, query=query)
    assert [line.unit.name for line in lines] == ["Xã Hoằng Kim"]


def test_filter_by_timeliness_and_sort(district):
    board = dashboard.build(district, ReportingPeriod.objects.by_key("2024Q3"))
    assert [line.unit.name for line in dashboard.filter_lines(board.lines, status="missing")] == [
        "Xã Hoằng Quỳ"
    ]
    by_received = dashboard.filter_lines(board.lines, sort="tiep-nhan")
    assert by_received[0].unit.name == "Xã Hoằng Kim"


def test_the_dashboard_costs_the_same_queries_for_two_or_twenty_communes(
    district, django_assert_max_num_queries, seed_report
):
    period = ReportingPeriod.objects.by_key("2024Q3")
    template = seed_report("15889/2024Q3").template
    for number in range(18):
        unit = AdministrativeUnit.objects.create(
            code=f"9{number:04d}", name=f"Xã Thử {number}", kind="xa", parent=district
        )
        Report.objects.create(unit=unit, period=period, template=template, status="submitted")
    with django_assert_max_num_queries(8):
        board = dashboard.build(district, period)
    assert board.expected == 20


def test_the_page_shows_rates_charts_data_and_rows(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("reports:dashboard"), {"ky": "2024Q3"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="completeness">50,0%' in page
    assert 'id="chart-data"' in page and 'id="trend-data"' in page
    assert "Xã Hoằng Quỳ" in page and "Chưa lập" in page


def test_the_table_alone_is_returned_to_htmx(client, reviewer):
    client.force_login(reviewer)
    response = client.get(
        reverse("reports:dashboard"),
        {"ky": "2024Q3", "q": "quy"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="dashboard-table",
    )
    page = response.content.decode()
    assert page.startswith('\n<div id="dashboard-table"') or page.lstrip().startswith(
        '<div id="dashboard-table"'
    )
    assert "Xã Hoằng Quỳ" in page and "Xã Hoằng Kim" not in page


def test_commune_staff_have_no_dashboard(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_a_province_reviewer_sees_communes_two_levels_down(db, django_user_model):
    province = AdministrativeUnit.objects.get(code="38", valid_from__isnull=True)
    board = dashboard.build(province, ReportingPeriod.objects.by_key("2024Q3"))
    assert {line.unit.code for line in board.lines} == {"15886", "15889"}


def test_the_trend_covers_the_last_periods(district):
    points = dashboard.trend(district, ReportingPeriod.objects.by_key("2024Q3"))
    assert [p["period"] for p in points][-1] == "quý III năm 2024"
    assert points[-1]["online"] == 98.4
    assert len(points) == 6
