"""A backup restored gives back every report, value, comment and history row."""

from __future__ import annotations

from io import StringIO

from django.apps import apps
from django.core.management import call_command

from reports.backup import empty_database
from reports.models import IndicatorValue, Report, ReviewComment
from reports.services.review import comment_add
from reports.workflow import transition

MODELS = [
    "core.AdministrativeUnit",
    "reports.ReportingPeriod",
    "reports.Report",
    "reports.IndicatorValue",
    "reports.TableCellValue",
    "reports.NarrativeSection",
    "reports.ReportTransition",
    "reports.ReviewComment",
    "reports.HistoricalIndicatorValue",
    "reports.HistoricalNarrativeSection",
    "reports.User",
    "indicators.IndicatorTemplate",
    "indicators.Indicator",
    "indicators.TemplateAssignment",
]


def snapshot() -> dict[str, list]:
    return {
        name: sorted(
            map(tuple, apps.get_model(name).objects.values_list().order_by("pk")),
            key=repr,
        )
        for name in MODELS
    }


def test_a_round_trip_keeps_every_row(db, tmp_path):
    # flush, loaddata and the restore's own transaction all run inside the test's transaction,
    # which rolls everything back afterwards.
    report = Report.objects.get(unit__code="15889", period__year=2024, period__number=3)
    reviewer = report.unit.parent.users.get()
    value = IndicatorValue.objects.get(report=report, indicator__code="3.3.1")
    value.printed, value.value = "730", 730
    value.save()
    Report.objects.filter(pk=report.pk).update(status="submitted")
    report.refresh_from_db()
    comment_add(report=report, user=reviewer, text="Kiểm tra lại 3.3.1")
    transition(report, "returned", by=reviewer, comment="Sửa")
    before = snapshot()
    assert before["reports.HistoricalIndicatorValue"]
    target = tmp_path / "cchc.xml.gz"
    out = StringIO()
    call_command("backup", str(target), stdout=out)
    assert "Đã sao lưu" in out.getvalue()
    empty_database()  # the disaster
    assert not Report.objects.exists()
    call_command("restore", str(target), "--yes", stdout=StringIO())
    after = snapshot()
    differing = {
        name: [row for row in before[name] if row not in after[name]][:1]
        + [row for row in after[name] if row not in before[name]][:1]
        for name in MODELS
        if before[name] != after[name]
    }
    assert differing == {}
    assert ReviewComment.objects.get().text == "Kiểm tra lại 3.3.1"
    assert IndicatorValue.objects.get(pk=value.pk).value == 730
