"""The narrative against itself and against the annex (no existing system does this):

- figures the báo cáo states about an indicator ("Tổng số hồ sơ đã tiếp nhận: 424 hồ sơ") are
  compared with the annex (and with a table by field's total row), through the same semantic
  tags as the identities, or an indicator's own name;
- percentages stated next to counts are recomputed ("254 hồ sơ = 34,4%" of 729 → 34,84 %);
- totals stated with their parts must add up (applications by channel and by timeliness, staff
  by category, education levels that add up to 100 %).

Precise rather than noisy: a figure is compared only when its words say unambiguously what it
counts; sub-blocks ("… theo cơ chế một cửa liên thông có 14 hồ sơ") are checked for their own
arithmetic, never against the annex totals.
"""

from __future__ import annotations

from collections.abc import Iterator

from indicators.validation.findings import Finding
from indicators.validation.narrative_annex import (
    block_annex_findings,
    name_annex_findings,
    procedure_annex_findings,
)
from indicators.validation.narrative_applications import (
    application_blocks,
    block_findings,
    explicit_percent_findings,
)
from indicators.validation.narrative_staff import staff_findings
from indicators.validation.narrative_text import Line
from indicators.validation.snapshot import ReportData


def narrative_findings(lines: list[Line], data: ReportData | None = None) -> Iterator[Finding]:
    """Every narrative check; ``data`` brings the annex (None for a draft outside any report)."""
    blocks = application_blocks(lines)
    for block in blocks:
        yield from block_findings(block)
    yield from explicit_percent_findings(lines)
    yield from staff_findings(lines, data)
    if data is not None:
        main = next((block for block in blocks if not block.sub), None)
        if main is not None:
            yield from block_annex_findings(main, data)
        yield from procedure_annex_findings(lines, data)
        yield from name_annex_findings(lines, data, blocks)
