"""Sending: the checks run on the values under the lock every save takes; what comes after the
send is refused with a message the commune understands, and what was typed is not lost."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import (
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportStatus,
    TableCellValue,
)
from reports.seeding import ensure_demo_period
from reports.services import submit
from reports.services.entry import EntryError, section_save, value_save
from reports.services.start import report_start
from reports.services.submit import (
    MSG_CHANGED,
    SubmitBlocked,
    prefill_confirm_all,
    report_submit,
    review,
)
from reports.typed_values import parse_typed
from reports.workflow import transition
from tests.reports.entry.conftest import indicator

MSG_SENT = "Báo cáo đã gửi, không sửa được nữa."
# More staff present (4.3) than the quota (4.1 + 4.2): a warning a reviewer wants explained.
EXPLAINED = {"identity.staff_within_quota:4.1,4.2,4.3:": "Văn thư cấp số khi ban hành."}


def over_quota(report: Report) -> None:
    IndicatorValue.objects.update_or_create(
        report=report,
        indicator=report.template.indicators.get(code="4.3"),
        defaults={"value": 400, "printed": "400", "prefilled": False, "origin": "typed"},
    )


def consistent(report: Report) -> None:
    """The plan's documents typed (so 1.1 = 1 plan stands beside its tasks)."""
    for code, typed in [("1.1.3", "8")]:
        IndicatorValue.objects.update_or_create(
            report=report,
            indicator=report.template.indicators.get(code=code),
            defaults={"value": int(typed), "printed": typed, "prefilled": False, "origin": "typed"},
        )


@pytest.fixture
def ready(draft, clerk) -> Report:
    """The draft with its carried-over figures confirmed: no error left, one warning to explain."""
    over_quota(draft)
    consistent(draft)
    prefill_confirm_all(report=draft, user=clerk)
    draft.refresh_from_db()
    return draft


def post_value(client, report, code, typed, base=""):
    return client.post(
        reverse("reports:value_save", args=[report.pk, indicator(report, code).pk]),
        {"value": typed, "base": base},
        HTTP_HX_REQUEST="true",
    )


def test_a_ready_report_is_sent_with_its_explanations(ready, clerk):
    report_submit(report=ready, user=clerk, explanations=EXPLAINED)
    ready.refresh_from_db()
    assert (ready.status, ready.error_count) == (ReportStatus.SUBMITTED, 0)
    assert ready.explanations.get().text == "Văn thư cấp số khi ban hành."


def test_explanations_typed_into_a_refused_send_are_kept(draft, clerk):
    over_quota(draft)
    with pytest.raises(SubmitBlocked):
        report_submit(report=draft, user=clerk, explanations=EXPLAINED)
    assert draft.explanations.get().text == "Văn thư cấp số khi ban hành."


def test_a_second_send_of_a_sent_report_is_refused_and_leaves_it_alone(ready, clerk):
    page_copy = Report.objects.get(pk=ready.pk)
    report_submit(report=ready, user=clerk, explanations=EXPLAINED)
    sent = Report.objects.get(pk=ready.pk)
    with pytest.raises(EntryError, match=MSG_SENT):
        report_submit(report=page_copy, user=clerk, explanations=EXPLAINED)
    again = Report.objects.get(pk=ready.pk)
    assert (again.version, again.checked_at) == (sent.version, sent.checked_at)
    assert again.transitions.count() == 1


def test_a_send_of_the_version_checked_goes_and_of_an_older_one_is_shown_again(ready, clerk):
    checked = ready.version
    section = ready.sections.get(position=2)
    section_save(
        report=ready, section=section, heading=section.heading, text="Sửa sau khi kiểm tra.",
        base=section.text, force=False, user=clerk,
    )  # fmt: skip
    send = {"report": ready, "user": clerk, "explanations": EXPLAINED}
    with pytest.raises(SubmitBlocked, match=MSG_CHANGED):
        report_submit(**send, version=checked)
    assert Report.objects.get(pk=ready.pk).status == ReportStatus.DRAFT
    report_submit(**send, version=checked + 1)
    assert Report.objects.get(pk=ready.pk).status == ReportStatus.SUBMITTED


def test_a_check_overtaken_by_a_save_does_not_record_its_counts(ready, clerk, monkeypatch):
    # The checks read the values; a save lands (a refused input: one error) before they write
    # their counts. "0 errors, checked at …" would describe values that are gone.
    read_values = submit.report_findings

    def read_then_a_save_lands(report):
        findings = read_values(report)
        row = indicator(ready, "3.3.3")
        value_save(
            report=ready, indicator=row, typed=parse_typed(row, "abc"), base="", force=False,
            user=clerk,
        )  # fmt: skip
        return findings

    monkeypatch.setattr(submit, "report_findings", read_then_a_save_lands)
    review(Report.objects.get(pk=ready.pk))
    assert Report.objects.get(pk=ready.pk).checked_at is None


def test_the_send_answers_htmx_with_a_redirect_to_the_sent_report(clerk_client, ready):
    response = clerk_client.post(
        reverse("reports:report_send", args=[ready.pk]),
        {f"explain:{key}": text for key, text in EXPLAINED.items()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == ready.get_absolute_url()


# Saves after the send -------------------------------------------------------------------


def test_a_save_after_the_send_is_refused_with_a_clear_message(clerk_client, ready, clerk):
    report_submit(report=ready, user=clerk, explanations=EXPLAINED)
    response = post_value(clerk_client, ready, "3.3.3", "729")
    assert response.status_code == 403
    assert MSG_SENT in response.content.decode()
    assert not IndicatorValue.objects.filter(report=ready, indicator__code="3.3.3").exists()
    # The page has the place to say so, and the script keeps what was typed (it never drops
    # its local copy on a 403).
    page = clerk_client.get(reverse("reports:report", args=[ready.pk])).content.decode()
    assert 'id="save-refused"' in page


@pytest.fixture
def grid_report(db, django_user_model):
    """Bình Thành's quarter-II 2024 report, whose template has a table by field."""
    user = django_user_model.objects.get(username="binhthanh")
    period = ensure_demo_period("2024Q2", timezone.localdate())
    return report_start(unit=user.unit, period=period, user=user), user


def _requests(report):
    """Each kind of save the page sends: (url, data)."""
    row = indicator(report, "3.3.3") if report.template.indicators.filter(code="3.3.3") else None
    section = report.sections.order_by("position").first()
    requests = {
        "section": (
            reverse("reports:section_save", args=[report.pk, section.pk]),
            {"heading": section.heading, "text": "Nội dung gõ sau khi gửi.", "base": section.text},
        ),
        "header": (
            reverse("reports:header_save", args=[report.pk]),
            {"signer_name": "Lê Văn Gõ Muộn", "base-signer_name": report.signer_name},
        ),
    }
    if row is not None:
        requests["value"] = (
            reverse("reports:value_save", args=[report.pk, row.pk]),
            {"value": "729", "base": ""},
        )
        carried = indicator(report, "3.1.3")  # carried over from the previous period, marked
        requests["confirm"] = (reverse("reports:value_confirm", args=[report.pk, carried.pk]), {})
    for table in report.template.tables.all():
        first_row, column = table.rows.first(), table.columns.get(code="received_online")
        requests["cell"] = (
            reverse("reports:cell_save", args=[report.pk, first_row.pk, column.pk]),
            {"value": "7", "base": ""},
        )
    return requests


def contents(report: Report) -> tuple:
    """Everything a save could change, and the version."""
    return (
        Report.objects.values_list("version", "signer_name").get(pk=report.pk),
        sorted(
            IndicatorValue.objects.filter(report=report).values_list("pk", "printed", "prefilled")
        ),
        sorted(TableCellValue.objects.filter(report=report).values_list("pk", "printed")),
        sorted(NarrativeSection.objects.filter(report=report).values_list("pk", "text")),
    )


@pytest.mark.parametrize("kind", ["value", "confirm", "cell", "section", "header"])
def test_a_save_let_in_just_before_the_send_is_refused_under_the_lock(
    client, draft, clerk, grid_report, monkeypatch, kind
):
    # The save's request read the report (a draft, editable) just before the send committed;
    # it then waits for the lock, and finds the report sent.
    report, user = grid_report if kind == "cell" else (draft, clerk)
    url, data = _requests(report)[kind]
    before_send = Report.objects.select_related("unit", "period", "template").get(pk=report.pk)
    transition(report, ReportStatus.SUBMITTED, by=user)
    before = contents(report)
    monkeypatch.setattr(
        "reports.views.entry.get_report_for_user", lambda _user, _pk: (before_send, True)
    )
    client.force_login(user)
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert response.content.decode() == MSG_SENT
    assert contents(report) == before
