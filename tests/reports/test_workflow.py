"""The workflow's transition table: every move allowed, every other refused, each recorded."""

from __future__ import annotations

import pytest

from reports.models import Report, ReportStatus, ReportTransition
from reports.workflow import ALLOWED, TransitionNotAllowed, transition

S = ReportStatus
MOVES = [(a, b) for a in S.values for b in S.values if a != b]


@pytest.fixture
def report(db, seed_report) -> Report:
    report = seed_report("15889/2024Q3")
    return report


@pytest.mark.parametrize(("start", "to"), MOVES)
def test_each_move_is_allowed_or_refused_as_the_table_says(report, clerk, start, to):
    Report.objects.filter(pk=report.pk).update(status=start)
    report.refresh_from_db()
    before = report.version
    if to in ALLOWED[start]:
        transition(report, to, by=clerk, comment="lý do")
        report.refresh_from_db()
        assert report.status == to
        assert report.version == before + 1
        step = ReportTransition.objects.filter(report=report).latest("at")
        assert (step.from_status, step.to_status, step.by, step.comment) == (
            start,
            to,
            clerk,
            "lý do",
        )
    else:
        with pytest.raises(TransitionNotAllowed, match="Không thể chuyển báo cáo"):
            transition(report, to, by=clerk)
        report.refresh_from_db()
        assert report.status == start
        assert not ReportTransition.objects.filter(report=report).exists()


def test_the_path_of_a_report_through_review(report, clerk, reviewer):
    Report.objects.filter(pk=report.pk).update(status=S.DRAFT)
    report.refresh_from_db()
    for to, by in [
        (S.SUBMITTED, clerk),
        (S.RETURNED, reviewer),
        (S.SUBMITTED, clerk),
        (S.APPROVED, reviewer),
    ]:
        transition(report, to, by=by)
    steps = list(report.transitions.values_list("to_status", flat=True))
    assert steps == ["submitted", "returned", "submitted", "approved"]
    assert report.submitted_at is not None and report.approved_at is not None


def test_an_approved_report_is_final(report, reviewer):
    with pytest.raises(TransitionNotAllowed):
        transition(report, S.RETURNED, by=reviewer)
