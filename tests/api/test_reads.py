"""Reads: units, periods, templates, reports (filters, pages, a constant number of queries
whatever the page size), the detail (values, origins, tables, sections, header, ETag),
findings, downloads and the aggregate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import AdministrativeUnit, UnitKind
from core.units_loading import load_official_units, load_predecessors
from indicators.models import IndicatorTemplate
from reports.models import IndicatorValue, Report, ReportingPeriod
from reports.seeding import ensure_demo_period, ensure_period

from .conftest import client_with, token_for


@pytest.fixture
def admin_api(db):
    return client_with(token_for("admin"))


def queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = call()
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries)


def test_units_with_their_dates_parents_and_ancestors(admin_api):
    district = AdministrativeUnit.objects.get(code="399", tier=2)
    body = admin_api.get(reverse("api:units"), {"parent": district.pk}).json()
    assert {u["code"] for u in body["results"]} == {"15886", "15889"}
    commune = body["results"][0]
    assert commune["parent"]["code"] == "399"
    assert commune["valid_to"] == "2025-06-30" and commune["predecessors"] == []
    detail = admin_api.get(reverse("api:unit", args=[commune["id"]])).json()
    assert [a["code"] for a in detail["ancestors"]] == ["38", "399"]
    within = admin_api.get(reverse("api:units"), {"within": district.pk}).json()
    assert within["count"] == 3
    later = admin_api.get(reverse("api:units"), {"valid_on": "2025-08-01", "code": "15889"})
    assert later.json()["count"] == 0


def test_today_s_units_list_their_predecessors_with_their_dates_in_constant_queries(admin_api):
    load_official_units({"38"})
    load_predecessors({"38"})
    url = reverse("api:units")
    body = admin_api.get(url, {"code": "15889", "valid_on": "2026-01-01"}).json()
    (hoang_phu,) = body["results"]
    assert (hoang_phu["name"], hoang_phu["valid_from"]) == ("Xã Hoằng Phú", "2025-07-01")
    hoang_kim = AdministrativeUnit.objects.get(code="15889", valid_from__isnull=True)
    assert hoang_phu["predecessors"] == [
        {
            "id": hoang_kim.pk,
            "code": "15889",
            "name": "Xã Hoằng Kim",
            "kind": "xa",
            "valid_from": None,
            "valid_to": "2025-06-30",
        }
    ]
    detail = admin_api.get(reverse("api:unit", args=[hoang_phu["id"]])).json()
    assert detail["predecessors"] == hoang_phu["predecessors"]
    province = admin_api.get(url, {"code": "38", "tier": 1, "valid_on": "2026-01-01"}).json()
    assert [p["valid_to"] for p in province["results"][0]["predecessors"]] == ["2025-06-30"]
    # One query for the predecessors of a whole page.
    cost = {
        size: queries(lambda s=size: admin_api.get(url, {"page_size": s, "tier": 3}))
        for size in (1, 10, 100)
    }
    assert len(set(cost.values())) == 1, cost


def test_periods_with_their_dhis2_ids(admin_api):
    ensure_period("2024M9")
    body = admin_api.get(reverse("api:periods"), {"year": 2024, "page_size": 50}).json()
    ids = {p["key"]: p["dhis2_period"] for p in body["results"]}
    assert ids["2024Q3"] == "2024Q3" and ids["2024M9"] == "202409"


def test_a_template_with_its_tree_kinds_formulas_rules_and_versions(db):
    client = client_with(token_for("hoangkim"))
    template = IndicatorTemplate.objects.get(code="HH-01b", version=2)
    body = client.get(reverse("api:template", args=[template.pk])).json()
    codes = [i["code"] for i in body["indicators"]]
    assert codes == list(template.indicators.order_by("position").values_list("code", flat=True))
    child = next(i for i in body["indicators"] if i["parent"])
    assert child["parent"] in codes
    assert {i["value_type"] for i in body["indicators"]} >= {"integer", "heading"}
    assert [v["version"] for v in body["versions"]] == [1, 2]
    assert "rules" in body and "tables" in body and "outline" in body
    assert body["assignments"][0]["period_kinds"] == "QHMY"
    # A draft version is for template admins only.
    draft = template.clone()
    assert client.get(reverse("api:template", args=[draft.pk])).status_code == 404
    listed = client.get(reverse("api:templates"), {"code": "HH-01b"}).json()
    assert draft.pk not in {t["id"] for t in listed["results"]}


def test_reports_filtered_by_unit_subtree_period_status_template_and_change(admin_api):
    url = reverse("api:reports")

    def keys(**params):
        return {r["key"] for r in admin_api.get(url, params).json()["results"]}

    assert keys(unit="399") == {"15886/2022Q1", "15889/2024Q3"}
    assert keys(unit="38", period="2024Q3") == {"15889/2024Q3"}
    assert keys(period="2021S1") == {"20071/2021H1"}  # DHIS2's id of the first half
    assert keys(template="HT-2B") == {"18217/2021Q3"}
    assert keys(unit="05605") == {"5605/2024Q1"}  # official codes are printed with zeros
    assert len(keys(status="approved")) == 5  # the five seeds
    assert keys(status="draft") == set()
    report = Report.objects.by_key("5605", "2024Q1")
    soon = timezone.now() + dt.timedelta(seconds=1)
    Report.objects.filter(pk=report.pk).update(updated_at=soon)
    assert keys(updated_since=soon.isoformat()) == {"5605/2024Q1"}
    assert admin_api.get(url, {"updated_since": "hôm qua"}).status_code == 400
    assert admin_api.get(url, {"status": "sent"}).status_code == 400


def test_pages_cost_the_same_queries_whatever_their_size(db):
    """A district reviewer's list: 60 reports, pages of 1, 10 and 60."""
    reviewer = token_for("noivu.hoanghoa")
    client = client_with(reviewer)
    unit = AdministrativeUnit.objects.get(code="15889", tier=3)
    template = IndicatorTemplate.objects.get(code="HH-01b", version=2)
    for index in range(60):
        period = ensure_period(f"{2030 + index // 4}Q{index % 4 + 1}")
        Report.objects.create(unit=unit, period=period, template=template)
    url = reverse("api:reports")
    client.get(url)  # the token's first use of the minute also notes when it was used
    counts = {
        size: queries(lambda s=size: client.get(url, {"page_size": s})) for size in (1, 10, 60)
    }
    assert len(set(counts.values())) == 1, counts
    assert counts[1] <= 4  # token, count, page (with unit, period and template)
    pages = [client.get(url, {"page_size": 25, "page": n}).json() for n in (1, 2, 3)]
    assert pages[0]["count"] == 62
    seen = [r["id"] for page in pages for r in page["results"]]
    assert len(seen) == len(set(seen)) == 62


def test_the_detail_costs_the_same_queries_whatever_the_report(admin_api):
    small = Report.objects.by_key("20071", "2021H1")
    large = Report.objects.by_key("18217", "2021Q3")  # Hà Tĩnh's 2B: 143 rows
    with_table = Report.objects.by_key("5605", "2024Q1")
    admin_api.get(reverse("api:me"))  # the token's first use of the minute notes it
    counts = {
        r.key: queries(lambda r=r: admin_api.get(reverse("api:report", args=[r.pk])))
        for r in (small, large, with_table)
    }
    assert len(set(counts.values())) == 1, counts


def test_the_detail_has_values_origins_tables_sections_header_status_and_version(db):
    clerk = client_with(token_for("binhthanh"))
    period = ensure_demo_period("2024Q2", timezone.localdate())
    created = clerk.post(reverse("api:reports"), {"period": period.key}, format="json").json()
    body = clerk.get(reverse("api:report", args=[created["id"]])).json()
    assert body["status"] == "draft" and body["version"] >= 1 and body["editable"] is True
    origins = {v["code"]: v["origin"] for v in body["values"]}
    assert "carried" in origins.values(), "figures carried over from 2024Q1, unconfirmed"
    assert body["tables"][0]["rows"] and body["tables"][0]["columns"]
    # "Kỳ trước chuyển qua" is last quarter's pending dossiers: derived, to confirm.
    carried_over = [c for c in body["tables"][0]["cells"] if c["column"] == "carried_over"]
    assert carried_over and all(c["origin"] in ("derived", "computed") for c in carried_over)
    assert any(c["origin"] == "derived" and c["to_confirm"] for c in carried_over)
    assert body["sections"] and body["header"]["issuer"]
    assert body["period"]["dhis2_period"] == "2024Q2"


def test_etag_and_if_none_match(db, seed_report):
    client = client_with(token_for("hoangkim"))
    period = ensure_demo_period("2024Q4", timezone.localdate())
    report = client.post(reverse("api:reports"), {"period": period.key}, format="json").json()
    url = reverse("api:report", args=[report["id"]])
    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Any change, even one that does not bump the version (confirming carried figures).
    IndicatorValue.objects.filter(report_id=report["id"]).update(prefilled=False)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    client.put(
        reverse("api:value", args=[report["id"], "3.3.3"]),
        {"value": "5", "version": changed.json()["version"]},
        format="json",
    )
    assert client.get(url, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 200


def test_findings_and_downloads(db, seed_report):
    client = client_with(token_for("noivu.hoanghoa"))
    report = seed_report("15889/2024Q3")
    findings = client.get(reverse("api:findings", args=[report.pk])).json()
    assert findings["warnings"] == len(
        [f for f in findings["findings"] if f["severity"] == "warning"]
    )
    docx = client.get(reverse("api:download", args=[report.pk, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "bao-cao-cchc-15889-2024Q3.docx" in docx["Content-Disposition"]
    assert client.get(reverse("api:download", args=[report.pk, "pdf"])).status_code == 404


def test_the_aggregate_of_a_unit_and_period(db):
    reviewer = client_with(token_for("noivu.hoanghoa"))
    body = reviewer.get(reverse("api:aggregate"), {"period": "2024Q3"}).json()
    assert body["unit"] == "399" and body["units"] == ["15889"]
    assert body["values"]["1.1.1"] == "25"
    assert reviewer.get(reverse("api:aggregate")).status_code == 400
    assert reviewer.get(reverse("api:aggregate"), {"period": "2023Q1"}).status_code == 404
    # A province's system: its whole subtree.
    from .conftest import service_account

    system = client_with(service_account("38"))
    assert system.get(reverse("api:aggregate"), {"period": "2024Q3"}).json()["unit"] == "38"


def test_a_unit_code_shared_by_two_tiers_is_read_as_the_higher(db):
    AdministrativeUnit.objects.create(code="38", name="Xã Trùng Mã", kind=UnitKind.XA)
    admin = client_with(token_for("admin"))
    body = admin.get(reverse("api:reports"), {"unit": "38"}).json()
    assert {r["key"] for r in body["results"]} == {"15889/2024Q3", "15886/2022Q1"}
    assert ReportingPeriod.objects.exists()


def test_the_answers_have_the_shapes_the_schema_describes(admin_api):
    """The detail and the list are built as plain data for speed: the serializers of the
    schema read them back unchanged (every field there, none more)."""
    from api.serializers.reports import ReportDetailSerializer, ReportSerializer

    for key in ("5605/2024Q1", "18217/2021Q3"):
        report = Report.objects.by_key(*key.split("/"))
        body = admin_api.get(reverse("api:report", args=[report.pk])).json()
        assert ReportDetailSerializer(body).data == body
    for row in admin_api.get(reverse("api:reports")).json()["results"]:
        assert set(ReportSerializer.Meta.fields) == set(row)
        assert row["created_at"].endswith("+07:00")
