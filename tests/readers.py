"""Every page and export that reads a report's figures, read once: what a save stored must be
readable everywhere, by the commune and by its reviewer (their page shows the value history)."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from reports.models import Report, User

PAGES = ["reports:report", "reports:report_findings", "reports:report_check"]
DOWNLOADS = ["docx", "xlsx"]


def read_everywhere(client, report: Report, *users: User) -> None:
    """Each user opens the report page, its checks and both downloads; the reviewer their
    dashboard; ``report_json`` prints it. Every answer is 200 (an exception fails the test)."""
    for user in users:
        client.force_login(user)
        for name in PAGES:
            response = client.get(reverse(name, args=[report.pk]), HTTP_HX_REQUEST="true")
            assert response.status_code == 200, (name, user.username)
        for fmt in DOWNLOADS:
            response = client.get(reverse("reports:report_download", args=[report.pk, fmt]))
            assert response.status_code == 200, (fmt, user.username)
            assert response.content[:2] == b"PK"
        if user.unit_id != report.unit_id:
            response = client.get(reverse("reports:dashboard"), {"ky": report.period.key})
            assert response.status_code == 200, ("dashboard", user.username)
    out = StringIO()
    call_command("report_json", report.key, stdout=out)
    json.loads(out.getvalue())


def file_values(report: Report) -> dict[str, object]:
    """A report's figures as report_json gives them, without the ones the portal computed
    where the file left a computed row blank (a rate whose counts it gave, a total of parts).
    Every such figure must be a computed row of the template."""
    from reports.report_json import report_as_dict

    data = report_as_dict(report)
    computed = {code for code, origin in data["origins"].items() if origin == "computed"}
    formulas = set(
        report.template.indicators.filter(kind="computed")
        .exclude(formula="")
        .values_list("code", flat=True)
    )
    assert computed <= formulas
    return {code: value for code, value in data["values"].items() if code not in computed}
