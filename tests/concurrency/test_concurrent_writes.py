"""No lost update, no half-applied transition, conflicts reported to the loser."""

from __future__ import annotations

from django.utils import timezone

from reports.models import IndicatorValue, Report, ReportStatus, ReportTransition, User
from reports.seeding import ensure_demo_period
from reports.services import entry, start
from reports.services.review import report_approve, report_return
from reports.typed_values import parse_typed
from reports.workflow import TransitionNotAllowed, transition
from tests.concurrency.conftest import run_together


def new_report() -> tuple[Report, User]:
    clerk = User.objects.get(username="hoangkim")
    period = ensure_demo_period("2024Q4", timezone.localdate())
    return start.report_start(unit=clerk.unit, period=period, user=clerk), clerk


def save(report_pk: int, code: str, typed: str, base: str = "") -> entry.SaveResult:
    report = Report.objects.select_related("period", "unit").get(pk=report_pk)
    indicator = report.template.indicators.get(code=code)
    clerk = User.objects.get(username="hoangkim")
    return entry.value_save(
        report=report,
        indicator=indicator,
        typed=parse_typed(indicator, typed),
        base=base,
        force=False,
        user=clerk,
    )


def test_simultaneous_saves_of_one_field_keep_one_value_and_tell_the_others(reference_data):
    report, _ = new_report()
    typed = [str(100 + i) for i in range(6)]
    results = run_together(*[lambda t=t: save(report.pk, "3.3.3", t) for t in typed])
    assert all(isinstance(r, entry.SaveResult) for r in results), results
    winners = [t for t, r in zip(typed, results, strict=True) if r.saved]
    losers = [r for r in results if r.conflict]
    # Everybody started from an empty cell: the first save wins, every other one is a conflict
    # that shows the stored value, never a silent overwrite.
    assert len(winners) == 1
    assert len(losers) == len(typed) - 1
    stored = IndicatorValue.objects.get(report=report, indicator__code="3.3.3")
    assert stored.printed == winners[0]
    assert all(loser.theirs == winners[0] for loser in losers)
    assert stored.history.count() == 1


def test_simultaneous_saves_of_different_fields_all_land(reference_data):
    report, _ = new_report()
    before = Report.objects.get(pk=report.pk).version
    # Rows typed each period, empty in a new report (3.3.1 is computed from 3.3.1.a–d).
    codes = ["3.3.3", "3.3.1.a", "3.3.1.b", "3.3.1.c", "3.3.1.d", "1.2.1", "1.2.2", "2.1"]
    results = run_together(
        *[lambda c=c, i=i: save(report.pk, c, str(i)) for i, c in enumerate(codes)]
    )
    assert all(isinstance(r, entry.SaveResult) and r.saved for r in results), results
    stored = dict(
        IndicatorValue.objects.filter(report=report, indicator__code__in=codes).values_list(
            "indicator__code", "printed"
        )
    )
    assert stored == {code: str(i) for i, code in enumerate(codes)}
    assert Report.objects.get(pk=report.pk).version == before + len(codes)


def test_simultaneous_return_and_approve_apply_exactly_one(reference_data):
    report, clerk = new_report()
    transition(report, ReportStatus.SUBMITTED, by=clerk)
    reviewer = User.objects.get(username="noivu.hoanghoa")

    def fresh() -> Report:
        return Report.objects.select_related("unit", "period").get(pk=report.pk)

    results = run_together(
        lambda: report_return(report=fresh(), user=reviewer, comment="Sửa 3.3.1"),
        lambda: report_approve(report=fresh(), user=reviewer),
    )
    refused = [r for r in results if isinstance(r, TransitionNotAllowed)]
    done = [r for r in results if isinstance(r, Report)]
    assert len(done) == 1 and len(refused) == 1, results
    final = fresh()
    assert final.status in {ReportStatus.RETURNED, ReportStatus.APPROVED}
    steps = list(ReportTransition.objects.filter(report=report).order_by("at"))
    assert [s.to_status for s in steps] == ["submitted", final.status]


def test_simultaneous_submit_and_edit_never_leave_an_edit_in_a_sent_report(reference_data):
    report, clerk = new_report()

    def submit() -> Report:
        return transition(
            Report.objects.select_related("unit", "period").get(pk=report.pk),
            ReportStatus.SUBMITTED,
            by=clerk,
        )

    results = run_together(submit, lambda: save(report.pk, "3.1.1", "113"))
    outcome = Report.objects.get(pk=report.pk)
    assert outcome.status == ReportStatus.SUBMITTED
    edit = results[1]
    stored = IndicatorValue.objects.filter(report=report, indicator__code="3.1.1").first()
    # Either the edit landed before the report was sent, or it was refused after: the row lock
    # makes the two serial, never interleaved.
    if isinstance(edit, entry.EntryError):
        assert stored is None
    else:
        assert edit.saved and stored.printed == "113"
