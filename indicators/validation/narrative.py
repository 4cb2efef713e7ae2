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

from collections.abc import Iterable, Iterator
from dataclasses import replace

from indicators.validation.findings import ERROR, NARRATIVE, Finding
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
from indicators.validation.narrative_figures import figure_findings
from indicators.validation.narrative_staff import staff_findings
from indicators.validation.narrative_text import Line
from indicators.validation.snapshot import ReportData


def narrative_findings(
    lines: list[Line],
    data: ReportData | None = None,
    paragraphs: Iterable[str] | None = None,
) -> Iterator[Finding]:
    """Every narrative check; ``data`` brings the annex (None for a draft outside any report);
    ``paragraphs`` is the whole text the figure reader reads (by default the lines)."""
    texts = list(paragraphs) if paragraphs is not None else [line.text for line in lines]
    yield from merge(_structured(lines, data), figure_findings(texts))


def merge(structured: Iterable[Finding], general: Iterable[Finding]) -> list[Finding]:
    """The findings of the report-shaped checks, and those of the figure reader that say
    something new. When both report one identity (the same figures of the same sentence), the
    first finding stays, made an error when the figure reader is certain that it fails."""
    result = list(structured)
    count = len(result)
    for finding in general:
        twin = next(
            (
                index
                for index, other in enumerate(result[:count])
                if other.source == NARRATIVE and _same_identity(other, finding)
            ),
            None,
        )
        if twin is None:
            result.append(finding)
        elif finding.is_error and not result[twin].is_error:
            result[twin] = replace(result[twin], severity=ERROR)
    return result


def _same_identity(first: Finding, second: Finding) -> bool:
    shared = (set(first.values) & set(second.values)) - {""}
    if len(shared) < 2:
        return False
    a, b = " ".join(first.quote.split()), " ".join(second.quote.split())
    return bool(a and b) and (a in b or b in a)


def _structured(lines: list[Line], data: ReportData | None) -> Iterator[Finding]:
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
