"""``python manage.py send_reminders``: communes that have not sent, N days before the due date."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import call_command

from reports.models import ReportingPeriod


def run(**options) -> str:
    out = StringIO()
    call_command("send_reminders", stdout=out, **options)
    return out.getvalue()


def test_communes_that_have_not_sent_are_reminded_before_the_due_date(db, clerk):
    period = ReportingPeriod.objects.by_key("2024Q4")
    today = period.due_date - dt.timedelta(days=2)
    output = run(days=3, today=today)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    # Every commune with a template for quarter IV 2024 and no report sent yet.
    assert clerk.email in recipients
    assert "Nhắc gửi báo cáo quý IV năm 2024" in mail.outbox[0].subject
    assert f"Đã gửi {len(mail.outbox)} thư nhắc." in output


def test_nobody_is_reminded_too_early(db):
    period = ReportingPeriod.objects.by_key("2024Q4")
    run(days=3, today=period.due_date - dt.timedelta(days=10))
    assert mail.outbox == []


def test_a_commune_that_sent_is_not_reminded(db, clerk):
    from reports.services.start import report_start
    from reports.workflow import transition

    period = ReportingPeriod.objects.by_key("2024Q4")
    report = report_start(unit=clerk.unit, period=period, user=clerk)
    transition(report, "submitted", by=clerk)
    run(days=3, today=period.due_date - dt.timedelta(days=1))
    assert clerk.email not in [a for m in mail.outbox for a in m.to]
