"""Checks on the figures of any Vietnamese administrative text (``figures.read_paragraphs``),
with the conventions of real reports:

- a rate against its count and the bases the text allows: received, received including the
  files carried over, resolved, due ("đến hạn", Vĩnh Phúc), the total a fraction prints
  ("05/29"), "trong số 125 Đ/c", the sum of a breakdown whose shares make 100 %, the text's own
  total of households or persons; flagged only when none fits, rounding and truncation to the
  printed digits both tried;
- a total and its parts: resolved = early + on time + late (+ returned), "đúng và trước hạn"
  as one bucket; received/total = new + carried over, or its channels (received with or
  without the carried-over files); pending = within time + overdue; a publication of TTHC =
  new/replacing + amended + abolished; a breakdown with a catch-all ("Khác") or whose shares
  make 100 % is exhaustive;
- resolved + pending (+ returned) against the files to process: more than a total that the
  text itself gives as new + carried over is certain, more than "tiếp nhận" (which may exclude
  the carried-over files) only doubtful, less is never flagged (returned or withdrawn files are
  rarely printed);
- figures by level (tỉnh / huyện / xã) against the whole area's figure, unless the text says
  that the district figures include their communes;
- shares of a complete list ("10 dân tộc" and ten "dân tộc …" shares) that add up to more or
  less than 100 %; shares of one whole in one sentence that imply different wholes.

A hard error only when an identity certainly fails: exact figures (approximations "hơn",
"gần", "khoảng", "N ngàn" are intervals and fail only when no value of theirs fits), all the
figures in one sentence or the one before (or in one list), a gap of at least 0,1 point for a
rate, and for applications no smaller unstated base (received minus returned files) that
would explain a rate. Anything less certain is a warning. Every finding shows the arithmetic
and quotes the sentence.

Each family of checks has its module: ``narrative_rates``, ``narrative_parts``,
``narrative_balance``, ``narrative_levels`` and ``narrative_lists``; what they share is in
``narrative_intervals``.
"""

from __future__ import annotations

from collections.abc import Iterator

from indicators.validation.figures import read_paragraphs
from indicators.validation.findings import Finding
from indicators.validation.narrative_balance import balance_findings
from indicators.validation.narrative_levels import level_findings
from indicators.validation.narrative_lists import complete_list_findings, group_findings
from indicators.validation.narrative_parts import parts_findings
from indicators.validation.narrative_rates import rate_findings


def figure_findings(texts: list[str]) -> Iterator[Finding]:
    """Every check on the figures of a text given as paragraphs (lines)."""
    paragraphs = read_paragraphs(texts)
    yield from rate_findings(paragraphs)
    yield from parts_findings(paragraphs)
    yield from balance_findings(paragraphs)
    yield from level_findings(paragraphs)
    yield from complete_list_findings(paragraphs)
    yield from group_findings(paragraphs)
