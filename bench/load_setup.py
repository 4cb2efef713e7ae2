"""Accounts and open reports for the load test: N commune officials, each with a draft of the
open quarter in their own commune, listed in a JSON file the Locust users read.

    DATABASE_URL=postgres://…/cchc_national python bench/load_setup.py 200 /tmp/load-users.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from _setup import setup

setup(load_demo=False)


from core.models import TWO_LEVEL_START  # noqa: E402
from indicators.models import IndicatorTemplate, TemplateAssignment  # noqa: E402
from reports.models import AdministrativeUnit, Report, Role, User  # noqa: E402
from reports.seeding import ensure_period  # noqa: E402
from reports.services.start import report_start  # noqa: E402

PASSWORD = "tai-thu-2026-Cchc"
OPEN_QUARTER = "2027Q3"


def main(count: int, target: Path) -> None:
    period = ensure_period(OPEN_QUARTER)  # its default deadline lies ahead: open for entry
    template = IndicatorTemplate.objects.get(code="HT-2B", version=1)
    communes = list(
        AdministrativeUnit.objects.filter(valid_from=TWO_LEVEL_START).communes().order_by("pk")
    )[:count]
    for province in {c.parent_id for c in communes}:
        TemplateAssignment.objects.get_or_create(template=template, unit_id=province)
    users = []
    for unit in communes:
        user, _ = User.objects.get_or_create(
            username=f"tai-thu.{unit.code}", defaults={"role": Role.COMMUNE_STAFF, "unit": unit}
        )
        # Hashed anew each time, with today's first hasher (as a real account would be after
        # its first login), so the rush measures the logins of the current settings.
        user.set_password(PASSWORD)
        user.save()
        Report.objects.filter(unit=unit, period=period).delete()
        report = report_start(unit=unit, period=period, user=user)
        users.append({"username": user.username, "password": PASSWORD, "report": report.pk})
    target.write_text(json.dumps(users), encoding="utf-8")
    print(f"{len(users)} officials with an open {OPEN_QUARTER} report → {target}")


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
