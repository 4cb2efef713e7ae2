"""After the load test: every value a simulated official saved last is what the database holds,
and every report a simulated official sent is sent, once, with its one transition row (and the
others are still drafts).

DATABASE_URL=postgres://…/cchc_national python bench/verify_load.py /tmp/load-results
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from _setup import setup

setup(load_demo=False)

from django.db.models import Count, Q  # noqa: E402

from reports.models import IndicatorValue, Report, ReportStatus  # noqa: E402

SENT = (ReportStatus.SUBMITTED, 1)
DRAFT = (ReportStatus.DRAFT, 0)


def expected_states(sent: bool, sending: bool) -> set[tuple[str, int]]:
    """(status, transitions to "submitted") a report may have after the rush."""
    if sending:
        return {SENT, DRAFT}
    return {SENT} if sent else {DRAFT}


def main(results: Path) -> None:
    expected: dict[tuple[int, int], str] = {}
    in_flight: dict[tuple[int, int], str] = {}
    sent: set[int] = set()
    sending: set[int] = set()
    reports: set[int] = set()
    for file in results.glob("*.json"):
        data = json.loads(file.read_text())
        reports.add(data["report"])
        if data.get("sent"):
            sent.add(data["report"])
        if data.get("sending"):
            sending.add(data["report"])
        for pk, typed in data["saved"].items():
            expected[(data["report"], int(pk))] = typed
        for pk, typed in data.get("pending", {}).items():
            in_flight[(data["report"], int(pk))] = typed
    stored = {
        (report_id, indicator_id): printed
        for report_id, indicator_id, printed in IndicatorValue.objects.filter(
            report_id__in={report for report, _ in expected}
        ).values_list("report_id", "indicator_id", "printed")
    }
    # A save cut off by the end of the test may have landed or not: either value is right.
    lost = {
        key: value
        for key, value in expected.items()
        if stored.get(key) != value and stored.get(key) != in_flight.get(key)
    }
    print(f"values saved by the simulated users: {len(expected)}; lost or different: {len(lost)}")
    for (report, indicator), value in list(lost.items())[:10]:
        print(f"  report {report}, indicator {indicator}: saved {value!r}, "
              f"stored {stored.get((report, indicator))!r}")  # fmt: skip
    wrong = [
        (pk, status, transitions)
        for pk, status, transitions in Report.objects.filter(pk__in=reports)
        .annotate(sendings=Count("transitions", filter=Q(transitions__to_status="submitted")))
        .values_list("pk", "status", "sendings")
        # A send cut off by the end of the test may have landed or not: either state is right.
        if (status, transitions) not in expected_states(pk in sent, pk in sending)
    ]
    print(f"reports sent: {len(sent)} of {len(reports)}; wrong status or transitions: {len(wrong)}")
    for pk, status, transitions in wrong[:10]:
        print(f"  report {pk}: {status}, {transitions} transition(s) to submitted")
    sys.exit(1 if lost or wrong else 0)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
