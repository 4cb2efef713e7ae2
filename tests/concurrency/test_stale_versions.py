"""A send racing a save, a review acting on a version it did not see, two header edits: on real
PostgreSQL connections, each ordering forced by holding one side at the critical point."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports.entry_checks import report_findings
from reports.models import IndicatorValue, Report, ReportStatus, User
from reports.seeding import ensure_demo_period
from reports.services import entry, start, submit
from reports.services.changes import changes_since_version
from reports.services.review import StaleReview, report_approve, report_return
from reports.services.submit import SubmitBlocked, prefill_confirm_all, report_submit
from reports.typed_values import parse_typed
from tests.concurrency.conftest import run_together

EXPLAINED = {"document.number::": "Văn thư cấp số khi ban hành."}
# Long enough for a save that is not blocked to land; a blocked one waits this long for nothing.
GRACE = 2.0


def ready_report() -> tuple[Report, User]:
    """Hoằng Kim's quarter-IV report with nothing in the way of sending it."""
    clerk = User.objects.get(username="hoangkim")
    period = ensure_demo_period("2024Q4", timezone.localdate())
    report = start.report_start(unit=clerk.unit, period=period, user=clerk)
    prefill_confirm_all(report=report, user=clerk)
    # Quarter III's staff present (20) above the quota (10 + 7), corrected; the plan's
    # documents typed, so "1.1 = 1 plan" stands beside its tasks.
    for code, typed in [("4.3", "17"), ("1.1.3", "8")]:
        row = report.template.indicators.get(code=code)
        stored = IndicatorValue.objects.filter(report=report, indicator=row).first()
        entry.value_save(
            report=fresh(report.pk), indicator=row, typed=parse_typed(row, typed),
            base=stored.printed if stored else "", force=False, user=clerk,
        )  # fmt: skip
    return fresh(report.pk), clerk


def fresh(pk: int) -> Report:
    return Report.objects.select_related("unit", "period", "template").get(pk=pk)


def save_refused_input(report_pk: int, user: User) -> entry.SaveResult:
    """Text where 3.2.1 wants a number: kept as typed, and a blocking error of the checks."""
    report = fresh(report_pk)
    row = report.template.indicators.get(code="3.2.1")
    shown = IndicatorValue.objects.filter(report=report, indicator=row).first()
    return entry.value_save(
        report=report,
        indicator=row,
        typed=parse_typed(row, "113 TTHC"),
        base=shown.printed if shown else "",
        force=False,
        user=user,
    )


def errors_now(report: Report) -> list[str]:
    """What `validate_report` and the check panel would list as errors today."""
    return [f.message for f in report_findings(report) if f.severity == "error"]


def test_a_save_arriving_while_the_send_checks_waits_and_is_refused(reference_data, monkeypatch):
    report, clerk = ready_report()
    checking, landed = threading.Event(), threading.Event()
    read_values = submit.report_findings

    def checks_that_let_a_save_in(checked: Report):
        findings = read_values(checked)
        checking.set()
        landed.wait(GRACE)  # a save not held off by the send's lock lands now
        return findings

    monkeypatch.setattr(submit, "report_findings", checks_that_let_a_save_in)

    def send() -> Report:
        return report_submit(report=fresh(report.pk), user=clerk, explanations=EXPLAINED)

    def save_during_the_checks() -> entry.SaveResult:
        assert checking.wait(30)
        try:
            return save_refused_input(report.pk, clerk)
        finally:
            landed.set()

    sent, saved = run_together(send, save_during_the_checks)
    assert isinstance(sent, Report), sent
    assert isinstance(saved, entry.EntryError), saved
    assert saved.message == "Báo cáo đã gửi, không sửa được nữa."
    final = fresh(report.pk)
    assert (final.status, final.error_count) == (ReportStatus.SUBMITTED, 0)
    assert errors_now(final) == []
    assert not IndicatorValue.objects.filter(report=report, printed="113 TTHC").exists()


def test_a_send_arriving_while_a_save_is_in_flight_checks_what_the_save_wrote(reference_data):
    report, clerk = ready_report()
    saved = threading.Event()

    def slow_save() -> entry.SaveResult:
        # The save has written and still holds the lock (its commit is a moment away).
        with transaction.atomic():
            result = save_refused_input(report.pk, clerk)
            saved.set()
            time.sleep(GRACE)
        return result

    def send_meanwhile() -> Report:
        assert saved.wait(30)
        return report_submit(report=fresh(report.pk), user=clerk, explanations=EXPLAINED)

    result, sent = run_together(slow_save, send_meanwhile)
    assert isinstance(result, entry.SaveResult) and result.saved, result
    assert isinstance(sent, SubmitBlocked), sent
    assert [f.codes for f in sent.errors] == [("3.2.1",)]
    final = fresh(report.pk)
    assert (final.status, final.error_count) == (ReportStatus.DRAFT, 1)
    assert len(errors_now(final)) == 1


@pytest.mark.parametrize("attempt", range(3))
def test_a_send_and_a_save_released_together_never_send_an_error(reference_data, attempt):
    report, clerk = ready_report()
    sent, saved = run_together(
        lambda: report_submit(report=fresh(report.pk), user=clerk, explanations=EXPLAINED),
        lambda: save_refused_input(report.pk, clerk),
    )
    final = fresh(report.pk)
    if final.status == ReportStatus.SUBMITTED:
        assert isinstance(sent, Report) and isinstance(saved, entry.EntryError), (sent, saved)
        assert final.error_count == 0 and errors_now(final) == []
    else:
        assert isinstance(sent, SubmitBlocked) and saved.saved, (sent, saved)
        assert final.error_count == 1


# Review: acting on the version seen --------------------------------------------------------


def submitted_report() -> tuple[Report, User, User]:
    report, clerk = ready_report()
    report_submit(report=fresh(report.pk), user=clerk, explanations=EXPLAINED)
    return fresh(report.pk), clerk, User.objects.get(username="noivu.hoanghoa")


@pytest.mark.parametrize("attempt", range(3))
def test_a_return_and_an_approval_of_one_version_apply_once_the_other_is_stale(
    reference_data, attempt
):
    report, _clerk, reviewer = submitted_report()
    seen = report.version
    done = run_together(
        lambda: report_return(
            report=fresh(report.pk), user=reviewer, comment="Sửa 3.1.1", version=seen
        ),
        lambda: report_approve(report=fresh(report.pk), user=reviewer, version=seen),
    )
    applied = [r for r in done if isinstance(r, Report)]
    stale = [r for r in done if isinstance(r, StaleReview)]
    assert len(applied) == 1 and len(stale) == 1, done
    assert (stale[0].seen, stale[0].current) == (seen, seen + 1)
    final = fresh(report.pk)
    steps = list(final.transitions.order_by("at").values_list("to_status", flat=True))
    assert steps == ["submitted", final.status]
    # The refused return left no comment behind; an applied one left exactly its own.
    assert final.comments.count() == (1 if final.status == ReportStatus.RETURNED else 0)


def test_an_approval_of_the_version_seen_never_approves_a_resubmission(reference_data):
    report, clerk, reviewer = submitted_report()
    seen = report.version
    # Another tab returns it; the commune changes 3.1.1 and sends it again while the reviewer,
    # on the page showing version ``seen``, clicks "Duyệt".
    report_return(report=fresh(report.pk), user=reviewer, comment="Sửa 3.1.1")
    row = report.template.indicators.get(code="3.1.1")
    entry.value_save(
        report=fresh(report.pk),
        indicator=row,
        typed=parse_typed(row, "999999"),
        base="",
        force=False,
        user=clerk,
    )
    resent, approved = run_together(
        lambda: report_submit(report=fresh(report.pk), user=clerk, explanations=EXPLAINED),
        lambda: report_approve(report=fresh(report.pk), user=reviewer, version=seen),
    )
    assert isinstance(resent, Report), resent
    assert isinstance(approved, StaleReview), approved
    final = fresh(report.pk)
    assert final.status == ReportStatus.SUBMITTED
    seen_changes = changes_since_version(final, version=seen)
    assert [s.to_status for s in seen_changes.steps] == ["returned", "submitted"]
    assert [(c.where.split()[0], c.new) for c in seen_changes.changes] == [("3.1.1", "999999")]


# The header: the conflict rule of values, field by field -----------------------------------


def header_edit(report: Report, **typed: str) -> dict[str, entry.HeaderEdit]:
    """Edits from a page showing ``report`` as it is now: ``typed`` changed, the rest as shown."""
    return {
        name: entry.HeaderEdit(
            base=getattr(report, name), typed=typed.get(name, getattr(report, name))
        )
        for name in ("signer_name", "place", "number")
    }


def test_two_sessions_changing_different_header_fields_at_once_both_land(reference_data):
    report, clerk = ready_report()
    colleague = User.objects.create_user("hoangkim2", unit=clerk.unit, role=clerk.role)
    page = fresh(report.pk)  # both sessions opened the page before either saved
    before = page.version
    a, b = run_together(
        lambda: entry.header_save(
            report=fresh(report.pk),
            edits=header_edit(page, signer_name="Nguyễn Thị An"),
            user=clerk,
        ),
        lambda: entry.header_save(
            report=fresh(report.pk), edits=header_edit(page, place="Hoằng Hóa"), user=colleague
        ),
    )
    assert isinstance(a, entry.HeaderResult) and a.saved == ("signer_name",), a
    assert isinstance(b, entry.HeaderResult) and b.saved == ("place",), b
    final = fresh(report.pk)
    assert (final.signer_name, final.place) == ("Nguyễn Thị An", "Hoằng Hóa")
    assert final.version == before + 2
    authors = set(final.history.filter(version__gt=before).values_list("history_user", flat=True))
    assert authors == {clerk.pk, colleague.pk}


def test_two_sessions_changing_one_header_field_at_once_keep_one_and_tell_the_other(
    reference_data,
):
    report, clerk = ready_report()
    colleague = User.objects.create_user("hoangkim2", unit=clerk.unit, role=clerk.role)
    names = {clerk.pk: "Nguyễn Thị An", colleague.pk: "Trần Văn Bình"}
    page = fresh(report.pk)
    results = run_together(
        *[
            lambda user=user: entry.header_save(
                report=fresh(report.pk),
                edits=header_edit(page, signer_name=names[user.pk]),
                user=user,
            )
            for user in (clerk, colleague)
        ]
    )
    assert all(isinstance(r, entry.HeaderResult) for r in results), results
    winners = [r for r in results if r.saved]
    losers = [r for r in results if r.conflicts]
    assert len(winners) == 1 and len(losers) == 1, results
    final = fresh(report.pk)
    conflict = losers[0].conflicts[0]
    assert conflict.field == "signer_name" and conflict.theirs == final.signer_name
    assert conflict.mine != final.signer_name and conflict.mine in names.values()
    assert final.history.filter(version__gt=page.version).count() == 1


def test_two_browsers_saving_one_header_field_at_once_get_one_save_and_one_conflict(
    reference_data,
):
    report, clerk = ready_report()
    colleague = User.objects.create_user("hoangkim2", unit=clerk.unit, role=clerk.role)
    page = fresh(report.pk)
    url = reverse("reports:header_save", args=[report.pk])

    def browser(user: User, name: str):
        client = Client()
        client.force_login(user)
        data = {"signer_name": name, "base-signer_name": page.signer_name}
        return lambda: client.post(url, data, HTTP_HX_REQUEST="true").status_code

    statuses = run_together(browser(clerk, "Nguyễn Thị An"), browser(colleague, "Trần Văn Bình"))
    assert sorted(statuses) == [200, 409], statuses
    final = fresh(report.pk)
    assert final.signer_name in {"Nguyễn Thị An", "Trần Văn Bình"}
    assert final.history.filter(version__gt=page.version).count() == 1
