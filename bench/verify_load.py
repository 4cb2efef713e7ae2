"""After the load test: every value a simulated official saved last is what the database holds.

DATABASE_URL=postgres://…/cchc_national python bench/verify_load.py /tmp/load-results
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from _setup import setup

setup(load_demo=False)

from reports.models import IndicatorValue  # noqa: E402


def main(results: Path) -> None:
    expected: dict[tuple[int, int], str] = {}
    in_flight: dict[tuple[int, int], str] = {}
    for file in results.glob("*.json"):
        data = json.loads(file.read_text())
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
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
