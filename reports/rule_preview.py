"""The reports a template admin may try a rule or a row's formula on (see
``indicators.rule_preview``).

Reports filed on any version of the template (a draft has none of its own). An admin attached
to a unit tries rules on the reports of that unit's subtree; an admin with no unit sees only
approved reports, never a commune's unsent draft; a superuser sees all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from indicators.models import IndicatorTemplate
from indicators.validation.snapshot import ReportData
from reports.check_loading import report_data as _report_data
from reports.models import Report, ReportStatus

PREVIEW_LIMIT = 200


def reports_for(user: Any, template: IndicatorTemplate) -> QuerySet[Report]:
    reports = Report.objects.filter(template__code=template.code).select_related(
        "unit", "period", "template"
    )
    if not user.is_superuser:
        if user.unit_id is not None:
            reports = reports.within(user.unit)
        else:
            reports = reports.filter(status=ReportStatus.APPROVED)
    return reports.order_by("-period__end_date", "unit__name")[:PREVIEW_LIMIT]


def report_data(report: Report) -> ReportData:
    return _report_data(report, history=False)
