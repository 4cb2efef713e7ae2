"""Writes through the API follow the form: the same parsing and checks of a typed value, the
same conflict rule (send the ``base`` or the ``version`` you read, get 409 with both values),
the same audit rows; transitions by role, each carrying the version."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import IndicatorValue, Report, ReportingPeriod, ReportTransition, User
from reports.seeding import ensure_demo_period
from reports.services.start import report_start

from .conftest import client_with, token_for


@pytest.fixture
def draft(db):
    clerk = User.objects.get(username="hoangkim")
    period = ensure_demo_period("2024Q4", timezone.localdate())
    return report_start(unit=clerk.unit, period=period, user=clerk)


@pytest.fixture
def clerk_api(db):
    return client_with(token_for("hoangkim"))


def put_value(client, report, code, **data):
    return client.put(reverse("api:value", args=[report.pk, code]), data, format="json")


def version_of(report) -> int:
    return Report.objects.values_list("version", flat=True).get(pk=report.pk)


def stored(report, code) -> IndicatorValue:
    return IndicatorValue.objects.get(report=report, indicator__code=code)


def test_a_value_is_parsed_as_the_form_parses_it(clerk_api, draft):
    response = put_value(clerk_api, draft, "3.3.3", value="1.377", base="")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["value"], body["printed"]) == ("1377", "1.377")
    assert body["version"] == version_of(draft)
    value = stored(draft, "3.3.3")
    assert (value.value, value.printed, value.prefilled) == (1377, "1.377", False)


def test_a_json_number_is_a_number_not_vietnamese_writing(clerk_api, draft):
    response = put_value(clerk_api, draft, "3.3.3", value=1234, base="")
    assert response.json()["value"] == "1234"


def test_a_refused_value_is_kept_as_typed_with_422_like_the_form(clerk_api, draft):
    response = put_value(clerk_api, draft, "3.3.3", value="-5", base="")
    assert response.status_code == 422
    assert response.json()["error"] == "Số liệu không được âm."
    value = stored(draft, "3.3.3")
    assert (value.value, value.printed) == (None, "-5")
    findings = clerk_api.get(reverse("api:findings", args=[draft.pk])).json()
    assert any(f["check"] == "input" and "3.3.3" in f["codes"] for f in findings["findings"])


def test_base_or_version_is_required(clerk_api, draft):
    response = put_value(clerk_api, draft, "3.3.3", value="5")
    assert response.status_code == 400


def test_a_stale_base_answers_409_with_both_values_and_writes_nothing(clerk_api, draft):
    assert put_value(clerk_api, draft, "3.3.3", value="10", base="").status_code == 200
    colleague = client_with(token_for("hoangkim"))
    assert put_value(colleague, draft, "3.3.3", value="12", base="10").status_code == 200
    response = put_value(clerk_api, draft, "3.3.3", value="11", base="10")
    assert response.status_code == 409
    body = response.json()
    assert (body["theirs"], body["mine"]) == ("12", "11")
    assert body["theirs_by"]
    assert stored(draft, "3.3.3").printed == "12"
    # Seeing both, the clerk keeps theirs: force, as the form's "Ghi đè".
    forced = put_value(clerk_api, draft, "3.3.3", value="11", base="10", force=True)
    assert forced.status_code == 200
    assert stored(draft, "3.3.3").printed == "11"


def test_a_stale_version_answers_409_and_writes_nothing(clerk_api, draft):
    read = version_of(draft)
    assert put_value(clerk_api, draft, "3.3.4", value="4", version=read).status_code == 200
    response = put_value(clerk_api, draft, "3.3.3", value="9", version=read)
    assert response.status_code == 409
    assert response.json()["version"] == version_of(draft) == read + 1
    assert not IndicatorValue.objects.filter(
        report=draft, indicator__code="3.3.3", printed="9"
    ).exists()
    fresh = put_value(clerk_api, draft, "3.3.3", value="9", version=read + 1)
    assert fresh.status_code == 200


def test_every_write_is_audited_like_a_write_from_the_form(clerk_api, draft):
    before = version_of(draft)
    put_value(clerk_api, draft, "3.3.3", value="8", base="")
    record = IndicatorValue.history.filter(report_id=draft.pk, indicator__code="3.3.3").latest(
        "history_date"
    )
    assert record.history_user.username == "hoangkim"
    assert record.printed == "8"
    assert stored(draft, "3.3.3").updated_by.username == "hoangkim"
    assert version_of(draft) == before + 1


def test_an_unknown_indicator_is_not_found(clerk_api, draft):
    assert put_value(clerk_api, draft, "99.9", value="1", base="").status_code == 404


def test_a_cell_of_a_table_by_field(db):
    staff = User.objects.get(username="binhthanh")
    period = ensure_demo_period("2024Q2", timezone.localdate())
    report = report_start(unit=staff.unit, period=period, user=staff)
    table = report.template.tables.get()
    row, column = table.rows.first(), table.columns.get(code="received_online")
    client = client_with(token_for("binhthanh"))
    url = reverse("api:cell", args=[report.pk, table.code, row.code, column.code])
    response = client.put(url, {"value": "3", "base": ""}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["code"] == f"{table.code}:{row.code}:{column.code}"
    assert client.put(url, {"value": "2,5", "base": "3"}, format="json").status_code == 422
    stale = client.put(url, {"value": "4", "base": "3"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["theirs"] == "2,5"


# Transitions -------------------------------------------------------------------------------


def test_submit_needs_the_version_read_and_is_blocked_by_errors(clerk_api, draft):
    url = reverse("api:submit", args=[draft.pk])
    assert clerk_api.post(url, {}, format="json").status_code == 400
    stale = clerk_api.post(url, {"version": version_of(draft) - 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["version"] == version_of(draft)
    blocked = clerk_api.post(url, {"version": version_of(draft)}, format="json")
    assert blocked.status_code == 422
    assert blocked.json()["errors"]
    assert Report.objects.get(pk=draft.pk).status == "draft"


def test_a_seed_report_goes_round_the_workflow_through_the_api(db, seed_report):
    """Send (explaining each warning), return with comments on an indicator, approve."""
    report = seed_report("15889/2024Q3")
    Report.objects.filter(pk=report.pk).update(status="returned")
    # The seeds' periods are filed and locked: open this one again for the test.
    ReportingPeriod.objects.filter(pk=report.period_id).update(
        is_locked=False, due_date=timezone.localdate() + timezone.timedelta(days=14)
    )
    clerk = client_with(token_for("hoangkim"))
    reviewer = client_with(token_for("noivu.hoanghoa"))
    findings = clerk.get(reverse("api:findings", args=[report.pk])).json()
    assert findings["errors"] == 0
    explanations = {f["key"]: "Số liệu đúng theo sổ theo dõi." for f in findings["findings"]}
    sent = clerk.post(
        reverse("api:submit", args=[report.pk]),
        {"version": findings["version"], "explanations": explanations},
        format="json",
    )
    assert sent.status_code == 200, sent.json()
    assert sent.json()["status"] == "submitted"
    # The commune cannot approve its own report; the reviewer returns it with comments.
    approve_url = reverse("api:approve", args=[report.pk])
    assert clerk.post(approve_url, {"version": sent.json()["version"]}).status_code == 403
    returned = reviewer.post(
        reverse("api:return", args=[report.pk]),
        {
            "version": sent.json()["version"],
            "comment": "Kiểm tra lại mục 3.3",
            "comments": [{"indicator": "3.3.3", "text": "Số hồ sơ chưa khớp sổ."}],
        },
        format="json",
    )
    assert returned.status_code == 200, returned.json()
    assert returned.json()["status"] == "returned"
    detail = reviewer.get(reverse("api:report", args=[report.pk])).json()
    assert {c["indicator"] for c in detail["comments"]} >= {"3.3.3", None}
    resent = clerk.post(
        reverse("api:submit", args=[report.pk]),
        {"version": returned.json()["version"], "explanations": explanations},
        format="json",
    )
    assert resent.status_code == 200, resent.json()
    approved = reviewer.post(approve_url, {"version": resent.json()["version"]}, format="json")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    moves = list(
        ReportTransition.objects.filter(report=report)
        .order_by("at", "pk")
        .values_list("to_status", "by__username")
    )
    assert moves[-4:] == [
        ("submitted", "hoangkim"),
        ("returned", "noivu.hoanghoa"),
        ("submitted", "hoangkim"),
        ("approved", "noivu.hoanghoa"),
    ]


def test_a_return_without_a_reason_is_refused(db, seed_report):
    report = seed_report("15889/2024Q3")
    Report.objects.filter(pk=report.pk).update(status="submitted")
    reviewer = client_with(token_for("noivu.hoanghoa"))
    response = reviewer.post(
        reverse("api:return", args=[report.pk]), {"version": report.version}, format="json"
    )
    assert response.status_code == 422
    assert Report.objects.get(pk=report.pk).status == "submitted"


def test_approving_a_draft_is_a_conflict_of_state(db, draft):
    reviewer = client_with(token_for("noivu.hoanghoa"))
    response = reviewer.post(
        reverse("api:approve", args=[draft.pk]), {"version": version_of(draft)}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["status"] == "draft"


def test_starting_a_report_as_the_commune(db):
    client = client_with(token_for("hoangkim"))
    ensure_demo_period("2024Q4", timezone.localdate())
    created = client.post(reverse("api:reports"), {"period": "2024Q4"}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "draft" and created.json()["editable"] is True
    again = client.post(reverse("api:reports"), {"period": "2024Q4"}, format="json")
    assert (again.status_code, again.json()["id"]) == (200, created.json()["id"])
    closed = client.post(reverse("api:reports"), {"period": "2024Q3"}, format="json")
    assert closed.status_code in (200, 422)  # the seed's own report exists already
    invalid = client.post(reverse("api:reports"), {"period": "2024Q5"}, format="json")
    assert invalid.status_code == 400


def test_a_computed_row_takes_a_figure_of_the_commune_only_with_a_reason(clerk_api, draft):
    for code, typed in [("3.3.1.a", "300"), ("3.3.1.b", "43")]:
        assert put_value(clerk_api, draft, code, value=typed, base="").status_code == 200
    assert (stored(draft, "3.3.1").value, stored(draft, "3.3.1").origin) == (343, "computed")
    refused = put_value(clerk_api, draft, "3.3.1", value="350", base="343")
    assert refused.status_code == 422
    assert "lý do" in refused.json()["detail"]
    assert stored(draft, "3.3.1").value == 343
    reason = "Theo phần mềm một cửa"
    taken = put_value(clerk_api, draft, "3.3.1", value="350", base="343", override_reason=reason)
    assert taken.status_code == 200
    total = stored(draft, "3.3.1")
    assert (total.value, total.origin, total.override_reason) == (350, "typed", reason)


def test_the_report_detail_gives_each_figure_its_origin_and_source(clerk_api, draft):
    put_value(clerk_api, draft, "3.3.1.a", value="300", base="")
    detail = clerk_api.get(reverse("api:report", args=[draft.pk])).json()
    values = {value["code"]: value for value in detail["values"]}
    assert (values["3.3.1"]["origin"], values["3.3.1"]["to_confirm"]) == ("computed", False)
    assert values["3.3.1.a"]["origin"] == "typed"
    carried = values["3.1.3"]
    assert (carried["origin"], carried["source"], carried["to_confirm"]) == (
        "carried",
        "Từ báo cáo quý III/2024",
        True,
    )
