"""Who may see and change what: scoped by the administrative-unit tree.

A user sees the reports of their unit and of every unit under it; commune staff change only
their own unit's reports, while those are drafts (or returned) in an open period.
"""

from __future__ import annotations

from django.http import Http404

from core.access import is_commune_staff, is_reviewer
from core.models import AdministrativeUnit, AdministrativeUnitQuerySet
from reports.deadlines import entry_open
from reports.models import Report, ReportStatus, User
from reports.models.reports import ReportQuerySet
from reports.workflow import EDITABLE


def visible_reports(user: User) -> ReportQuerySet:
    if user.is_superuser:
        return Report.objects.all()
    if user.unit is None:
        return Report.objects.none()
    return Report.objects.within(user.unit)


def can_see(user: User, report: Report) -> bool:
    if user.is_superuser:
        return True
    return user.unit is not None and report.unit.is_within(user.unit)


def can_edit(user: User, report: Report) -> bool:
    """Only the commune's own staff type into its report, and only while it is theirs to fill:
    a draft while the period is open for entry (or extended), a returned report always."""
    if not is_commune_staff(user) or user.unit_id != report.unit_id:
        return False
    if report.status == ReportStatus.RETURNED:
        return not report.period.is_locked
    return report.status in EDITABLE and entry_open(report.period, report.unit)


def get_report_for_user(user: User, pk: int) -> tuple[Report, bool]:
    """The report and whether the user may edit it; 404 outside the user's scope (an outsider
    learns nothing, not even that the report exists)."""
    report = Report.objects.select_related("unit", "period", "template").filter(pk=pk).first()
    if report is None or not can_see(user, report):
        raise Http404("Không tìm thấy báo cáo.")
    return report, can_edit(user, report)


def can_review(user: User, report: Report) -> bool:
    """Reviewers above the commune (its district, or its province since 7/2025) review it."""
    if user.is_superuser:
        return True
    return (
        is_reviewer(user)
        and report.unit_id != user.unit_id
        and user.unit is not None
        and report.unit.is_within(user.unit)
    )


def reviewable_units(user: User) -> AdministrativeUnitQuerySet:
    """The units a reviewer follows: every unit under theirs."""
    if user.is_superuser:
        return AdministrativeUnit.objects.all()
    if not is_reviewer(user) or user.unit is None:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.descendants_of(user.unit, include_self=False)


def commune_of(user: User) -> AdministrativeUnit | None:
    """The commune whose reports the user fills: their unit if they are its staff, else None."""
    return user.unit if is_commune_staff(user) else None


def followed_unit(user: User) -> AdministrativeUnit | None:
    """The unit whose communes the user follows: their unit if they are a reviewer, else None."""
    return user.unit if is_reviewer(user) else None


def can_import(user: User, report: Report) -> bool:
    """The commune's own staff while they may fill the report; a superuser into any draft."""
    if can_edit(user, report):
        return True
    return user.is_superuser and report.status in EDITABLE and not report.period.is_locked
