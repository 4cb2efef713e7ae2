"""What a token reaches: the screens' own checks (``reports.access``) applied to the token's
user, narrowed for a service account to reading the reports under its unit.

Out of scope answers 404 (an outsider learns nothing, not even that a report exists); in scope
but not allowed answers 403, exactly where the screens answer them.
"""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound, PermissionDenied

from api.permissions import MSG_READ_ONLY, token_of
from core.access import is_reviewer
from core.models import AdministrativeUnit
from reports import access
from reports.models import Report
from reports.models.reports import ReportQuerySet

MSG_NO_REPORT = "Không tìm thấy báo cáo."
MSG_NO_UNIT = "Không tìm thấy đơn vị trong phạm vi của bạn."
MSG_NOT_EDITABLE = "Báo cáo này chỉ xem, không sửa được."
MSG_NOT_REVIEWER = "Chỉ cán bộ thẩm định cấp trên của đơn vị được làm việc này."


def _service_scope(request) -> AdministrativeUnit | None:
    token = token_of(request)
    if token is not None and token.is_service_account:
        return token.scope
    return None


def visible_reports(request) -> ReportQuerySet:
    scope = _service_scope(request)
    if scope is not None:
        return Report.objects.within(scope)
    if token_of(request) is None:
        return Report.objects.none()
    return access.visible_reports(request.user)


def can_see(request, report: Report) -> bool:
    scope = _service_scope(request)
    if scope is not None:
        return report.unit.is_within(scope)
    return token_of(request) is not None and access.can_see(request.user, report)


def can_edit(request, report: Report) -> bool:
    token = token_of(request)
    return token is not None and token.writes and access.can_edit(request.user, report)


def can_review(request, report: Report) -> bool:
    token = token_of(request)
    return token is not None and token.writes and access.can_review(request.user, report)


def get_report(request, pk: int, queryset: QuerySet[Report] | None = None) -> Report:
    """The report if the token may see it, else 404."""
    queryset = queryset if queryset is not None else Report.objects.all()
    report = queryset.select_related("unit", "period", "template").filter(pk=pk).first()
    if report is None or not can_see(request, report):
        raise NotFound(MSG_NO_REPORT)
    return report


def require_edit(request, report: Report) -> None:
    if not can_edit(request, report):
        token = token_of(request)
        raise PermissionDenied(MSG_READ_ONLY if token and not token.writes else MSG_NOT_EDITABLE)


def require_review(request, report: Report) -> None:
    if not can_review(request, report):
        token = token_of(request)
        raise PermissionDenied(MSG_READ_ONLY if token and not token.writes else MSG_NOT_REVIEWER)


def aggregation_root(request) -> AdministrativeUnit | bool | None:
    """The unit a token may aggregate under: a reviewer's own, a service account's scope; None
    for a superuser (the whole country); False for anyone else (403, as on the screens)."""
    scope = _service_scope(request)
    if scope is not None:
        return scope
    user = request.user
    if user.is_superuser:
        return None
    if is_reviewer(user):
        return user.unit
    return False


def unit_within(root: AdministrativeUnit | None, unit: AdministrativeUnit) -> bool:
    return root is None or unit.is_within(root)
