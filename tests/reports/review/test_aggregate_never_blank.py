"""The aggregate never leaves a row silently blank (issue #13, defect 8): a ratio the template
does not link to its counts reads as mean / min / max over the units, a yes/no row as
"Có: N / M đơn vị", on screen and in the XLSX."""

from __future__ import annotations

from reports.aggregation import aggregate
from reports.exports.aggregate import aggregate_annex
from reports.models import ReportingPeriod, ReportStatus


def test_percentages_and_yes_no_rows_of_hh_01b_are_never_blank(seed_report, reviewer):
    report = seed_report("15889/2024Q3")
    period = ReportingPeriod.objects.by_key("2024Q3")
    result = aggregate(reviewer.unit, period, (ReportStatus.APPROVED,))
    for code in ["3.2.4", "3.2.5", "7.2.2.a", "7.2.2.b"]:
        indicator = result.template.indicators.get(code=code)
        value = result.values.get(code)
        text = result.texts.get(code, "")
        assert value is not None or text, f"{code} is blank"
        if value is None and report.values.filter(indicator=indicator).exists():
            assert "Trung bình" in text and "đơn vị" in text, (code, text)
    for indicator in result.template.indicators.filter(value_type="yesno"):
        text = result.texts.get(indicator.code, "")
        assert text.startswith("Có: ") and text.endswith("đơn vị"), (indicator.code, text)
    annex = aggregate_annex(result, (ReportStatus.APPROVED,))
    assert annex is not None
