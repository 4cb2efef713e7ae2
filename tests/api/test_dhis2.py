"""DHIS2-compatible data values: period ids as DHIS2 writes them, the dataValueSets of a report,
and an import into drafts that round-trips every seed report and overwrites nothing on a
conflict."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from api.dhis2 import dhis2_period, parse_period
from core.numbers import plain
from core.period_keys import PeriodKey, PeriodKeyError
from reports.models import IndicatorValue, Report, TableCellValue, User
from reports.seeding import ensure_period
from reports.services.imports import draft_create
from reports.services.start import report_start

from .conftest import client_with, token_for

SEEDS = ["15886/2022Q1", "15889/2024Q3", "18217/2021Q3", "20071/2021H1", "5605/2024Q1"]
STAFF = {
    "15886": "hoangquy",
    "15889": "hoangkim",
    "18217": "sonphu",
    "20071": "sonthuy",
    "5605": "binhthanh",
}


@pytest.mark.parametrize(
    ("key", "dhis2"),
    [
        ("2024Q3", "2024Q3"),
        ("2021H1", "2021S1"),
        ("2024H2", "2024S2"),
        ("2024Y", "2024"),
        ("2024M9", "202409"),
    ],
)
def test_period_ids_are_written_as_dhis2_writes_them_and_read_back(key, dhis2):
    parsed = PeriodKey.parse(key)
    assert dhis2_period(parsed) == dhis2
    assert parse_period(dhis2) == parsed
    assert parse_period(key) == parsed  # the portal's own keys are understood too


@pytest.mark.parametrize("text", ["202403", "2024S3", "2024W12", "24Q1", ""])
def test_a_period_without_a_report_kind_is_refused(text):
    with pytest.raises(PeriodKeyError):
        parse_period(text)


def data_value_sets(client, key: str) -> dict:
    unit, _, period = key.partition("/")
    response = client.get(reverse("api:report_data_values", args=[unit, period]))
    assert response.status_code == 200, response.content
    return response.json()


def test_a_report_as_data_values(db, seed_report):
    client = client_with(token_for("hoangkim"))
    body = data_value_sets(client, "15889/2024Q3")
    assert body["period"] == "2024Q3" and body["orgUnit"] == "15889"
    assert body["dataSet"] == "HH-01b"
    first = body["dataValues"][0]
    assert set(first) >= {"dataElement", "period", "orgUnit", "value", "comment"}
    report = seed_report("15889/2024Q3")
    stored = {
        v.indicator.code: v
        for v in report.values.select_related("indicator")
        if v.value is not None or v.text
    }
    assert {v["dataElement"] for v in body["dataValues"]} == set(stored)
    for value in body["dataValues"]:
        assert value["period"] == "2024Q3" and value["orgUnit"] == "15889"
        assert "," not in value["value"]  # plain decimals, never Vietnamese writing


def test_six_month_and_table_cells_are_exported(db):
    body = data_value_sets(client_with(token_for("sonthuy")), "20071/2021H1")
    assert body["period"] == "2021S1"
    body = data_value_sets(client_with(token_for("binhthanh")), "5605/2024Q1")
    cells = [v for v in body["dataValues"] if v["dataElement"].count(":") == 2]
    assert cells, "the table by field of Định Hóa's annex"


def _computed_codes(report: Report) -> set[str]:
    """The codes of figures the portal computed (rows, and table cells as table:row:column)."""
    rows = IndicatorValue.objects.filter(report=report, origin="computed")
    cells = TableCellValue.objects.filter(report=report, origin="computed")
    return {code for code in rows.values_list("indicator__code", flat=True)} | {
        f"{t}:{r}:{c}"
        for t, r, c in cells.values_list("row__table__code", "row__code", "column__code")
    }


def _values(report: Report) -> dict[str, tuple]:
    values = {
        code: (value, text)
        for code, value, text in IndicatorValue.objects.filter(report=report).values_list(
            "indicator__code", "value", "text"
        )
        if value is not None or text
    }
    for table, row, column, value in TableCellValue.objects.filter(
        report=report, value__isnull=False
    ).values_list("row__table__code", "row__code", "column__code", "value"):
        values[f"{table}:{row}:{column}"] = (value, "")
    return values


def new_draft(key: str, *, started: bool = False) -> Report:
    """A new draft of the seed's unit for the next period of the same kind, open for entry:
    on the seed's own template, empty (as the import of a filled annex makes it), or
    ``started`` as the commune starts it (template assigned today, carried-over figures)."""
    seed = Report.objects.by_key(*key.split("/"))
    following = seed.period.period_key.next()
    period = ensure_period(
        str(following), due_date=timezone.localdate() + timezone.timedelta(days=14)
    )
    staff = User.objects.get(username=STAFF[seed.unit.code])
    if started:
        return report_start(unit=seed.unit, period=period, user=staff)
    return draft_create(unit=seed.unit, period=period, template=seed.template, user=staff)


@pytest.mark.parametrize("key", SEEDS)
def test_every_seed_round_trips_into_a_new_draft_of_another_period(db, key):
    seed = Report.objects.by_key(*key.split("/"))
    client = client_with(token_for(STAFF[seed.unit.code]))
    exported = data_value_sets(client, key)
    draft = new_draft(key)
    new_period = dhis2_period(draft.period.period_key)
    payload = {
        "dataSet": exported["dataSet"],
        # What the export adds beyond DHIS2's import fields (storedBy, …) is ignored.
        "dataValues": [{**value, "period": new_period} for value in exported["dataValues"]],
    }
    response = client.post(reverse("api:data_value_sets"), payload, format="json")
    assert response.status_code == 200, response.json()
    summary = response.json()
    assert summary["status"] == "SUCCESS" and summary["conflicts"] == []
    assert summary["importCount"] == {
        "imported": len(payload["dataValues"]), "updated": 0, "ignored": 0, "deleted": 0,
    }  # fmt: skip
    # The seed's figures, and beside them only what the template computes where the seed left
    # a computed row blank (a rate whose counts it gave).
    imported, computed = _values(draft), _computed_codes(draft)
    assert {k: v for k, v in imported.items() if k not in computed or k in _values(seed)} == (
        _values(seed)
    )
    again = data_value_sets(client, f"{seed.unit.code}/{draft.period.key}")
    strip = lambda rows: [(r["dataElement"], r["value"], r["comment"]) for r in rows]  # noqa: E731
    sent = {r["dataElement"] for r in exported["dataValues"]}
    assert strip(r for r in again["dataValues"] if r["dataElement"] in sent) == strip(
        exported["dataValues"]
    )
    assert {r["dataElement"] for r in again["dataValues"]} - sent <= computed
    # The imported values are the clerk's, recorded like a save from the form.
    history = IndicatorValue.history.filter(report_id=draft.pk, history_user__isnull=False)
    assert history.exists()
    assert {h.history_user.username for h in history} == {STAFF[seed.unit.code]}


@pytest.fixture
def draft(db):
    return new_draft("15889/2024Q3", started=True)


@pytest.fixture
def clerk_api(db):
    return client_with(token_for("hoangkim"))


def _post(client, values, **params):
    url = reverse("api:data_value_sets")
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(url, {"dataValues": values}, format="json")


def _dv(element, value, **extra):
    return {"dataElement": element, "period": "2024Q4", "orgUnit": "15889", "value": value, **extra}


def test_an_import_counts_imported_updated_ignored_and_deleted(clerk_api, draft):
    IndicatorValue.objects.filter(report=draft).delete()
    first = _post(clerk_api, [_dv("1.1.1", "25"), _dv("1.1.2", "17"), _dv("3.3.1", "")])
    assert first.json()["importCount"] == {
        "imported": 2, "updated": 0, "ignored": 1, "deleted": 0,
    }  # fmt: skip
    second = _post(clerk_api, [_dv("1.1.1", "25"), _dv("1.1.2", "18"), _dv("1.1.3", "")])
    assert second.json()["importCount"] == {
        "imported": 0, "updated": 1, "ignored": 2, "deleted": 0,
    }  # fmt: skip
    third = _post(clerk_api, [_dv("1.1.2", None)])
    assert third.json()["importCount"]["deleted"] == 1
    stored = IndicatorValue.objects.get(report=draft, indicator__code="1.1.2")
    assert stored.value is None and stored.printed == ""


def test_numbers_are_read_as_dhis2_writes_them(clerk_api, draft):
    response = _post(clerk_api, [_dv("1.1.1", "1234"), _dv("1.1.2", 7)])
    assert response.status_code == 200
    stored = dict(
        IndicatorValue.objects.filter(report=draft).values_list("indicator__code", "value")
    )
    assert stored["1.1.1"] == 1234  # not 1,234: DHIS2 has no thousands separator
    assert stored["1.1.2"] == 7


def test_a_conflicting_import_reports_conflicts_and_overwrites_nothing(clerk_api, draft):
    _post(clerk_api, [_dv("1.1.1", "25"), _dv("1.1.2", "17")])
    # A colleague changes 1.1.1 meanwhile (in the form).
    IndicatorValue.objects.filter(report=draft, indicator__code="1.1.1").update(printed="30")
    before = _values(draft), Report.objects.get(pk=draft.pk).version
    response = _post(
        clerk_api,
        [
            _dv("1.1.1", "26", base="25"),  # read as 25, now 30: stale
            _dv("1.1.2", "18"),  # fine on its own
            _dv("9.9.9", "1"),  # not in the template
            _dv("1.1.3", "-4"),  # refused by the form's checks
            _dv("1.2.1", "abc"),  # not a number
        ],
    )
    assert response.status_code == 409
    summary = response.json()
    assert summary["status"] == "ERROR"
    assert summary["importCount"] == {"imported": 0, "updated": 0, "ignored": 5, "deleted": 0}
    codes = {c["object"]: c["errorCode"] for c in summary["conflicts"]}
    assert codes == {
        "9.9.9": "unknown_data_element",
        "1.1.3": "invalid_value",
        "1.2.1": "invalid_value",
    }
    assert (_values(draft), Report.objects.get(pk=draft.pk).version) == before
    # Without the parse errors, the stale value alone is a conflict with both values.
    response = _post(clerk_api, [_dv("1.1.1", "26", base="25"), _dv("1.1.2", "18")])
    assert response.status_code == 409
    (conflict,) = response.json()["conflicts"]
    assert conflict["errorCode"] == "stale_value"
    assert (conflict["theirs"], conflict["mine"]) == ("30", "26")
    assert conflict["indexes"] == [0]
    assert (_values(draft), Report.objects.get(pk=draft.pk).version) == before


def test_a_dry_run_counts_and_writes_nothing(clerk_api, draft):
    before = _values(draft)
    response = _post(clerk_api, [_dv("1.1.1", "41")], dryRun="true")
    assert response.status_code == 200
    assert response.json()["dryRun"] is True
    assert (
        response.json()["importCount"]["updated"] + response.json()["importCount"]["imported"] == 1
    )
    assert _values(draft) == before


def test_values_of_another_commune_or_a_sent_report_are_conflicts(clerk_api, draft):
    response = _post(
        clerk_api,
        [
            {"dataElement": "1.1.1", "period": "2021Q3", "orgUnit": "18217", "value": "1"},
            {"dataElement": "1.1.1", "period": "2024Q3", "orgUnit": "15889", "value": "1"},
            {"dataElement": "1.1.1", "period": "2024Q5", "orgUnit": "15889", "value": "1"},
        ],
    )
    assert response.status_code == 409
    codes = [c["errorCode"] for c in response.json()["conflicts"]]
    # Sơn Phú's report is out of scope: the same answer as a report that does not exist.
    assert codes == ["no_report", "not_editable", "invalid_period"]


def test_a_yes_no_answer_takes_true_and_false(db):
    draft = new_draft("15889/2024Q3", started=True)
    yes_no = draft.template.indicators.filter(value_type="yesno").first()
    client = client_with(token_for("hoangkim"))
    response = _post(client, [_dv(yes_no.code, "true")])
    assert response.status_code == 200, response.json()
    assert IndicatorValue.objects.get(report=draft, indicator=yes_no).value == 1


def test_a_comment_becomes_the_rows_note(clerk_api, draft):
    response = _post(clerk_api, [_dv("1.1.1", "25", comment="Số liệu đến 14/12")])
    assert response.status_code == 200
    assert IndicatorValue.objects.get(report=draft, indicator__code="1.1.1").note == (
        "Số liệu đến 14/12"
    )


def test_a_service_account_cannot_import(db, draft):
    from .conftest import service_account

    response = _post(client_with(service_account("38")), [_dv("1.1.1", "1")])
    assert response.status_code == 403


def test_a_carried_over_figure_sent_as_it_is_is_confirmed(clerk_api, draft):
    carried = IndicatorValue.objects.filter(report=draft, prefilled=True).select_related(
        "indicator"
    )
    assert carried, "the draft starts with figures carried over from 2024Q3"
    value = carried.first()
    response = _post(clerk_api, [_dv(value.indicator.code, plain(value.value))])
    assert response.json()["importCount"]["updated"] == 1
    confirmed = IndicatorValue.objects.get(pk=value.pk)
    assert (confirmed.value, confirmed.prefilled) == (value.value, False)
