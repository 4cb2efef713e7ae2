"""One deadline model: each period has a due date and a grace; after due date + grace, data
entry closes, unless the reviewer granted the unit an extension; lateness always counts from the
due date (the grace lets a late report in, it does not make it on time)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from reports.models import (
    AdministrativeUnit,
    DeadlineExtension,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportTransition,
)

MSG_CLOSED = (
    "Đã hết hạn nhập số liệu kỳ này (hạn gửi {due}, gia hạn chung đến hết {closes}). "
    "Đề nghị Phòng/Sở Nội vụ gia hạn cho đơn vị nếu cần."
)


def today() -> dt.date:
    return timezone.localdate()


def extension_for(period: ReportingPeriod, unit: AdministrativeUnit) -> DeadlineExtension | None:
    return DeadlineExtension.objects.filter(period=period, unit=unit).first()


def entry_open(
    period: ReportingPeriod, unit: AdministrativeUnit, on: dt.date | None = None
) -> bool:
    """Whether the unit may still enter data for the period on a day."""
    on = on or today()
    if period.is_locked:
        return False
    if on <= period.entry_closes_on:
        return True
    extension = extension_for(period, unit)
    return extension is not None and on <= extension.until


def closed_message(period: ReportingPeriod) -> str:
    return MSG_CLOSED.format(
        due=period.due_date.strftime("%d/%m/%Y"), closes=period.entry_closes_on.strftime("%d/%m/%Y")
    )


def first_submitted_at(report: Report) -> dt.datetime | None:
    first = (
        ReportTransition.objects.filter(report=report, to_status=ReportStatus.SUBMITTED)
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    return first or report.submitted_at


def is_late(report: Report, submitted_at: dt.datetime | None = None) -> bool:
    submitted_at = submitted_at or first_submitted_at(report)
    if submitted_at is None:
        return False
    return timezone.localdate(submitted_at) > report.period.due_date
