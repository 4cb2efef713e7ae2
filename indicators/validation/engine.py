"""The check engine: every check on one report, from plain data (``ReportData``: the template's
structure, the values, the narrative, the unit's past reports) to a list of findings. It never
touches the database; ``reports.check_loading`` reads a saved report into that data and
``indicators.structure`` a template.

    findings = check_data(data)                     # a report, saved or being typed
    findings = check_values(structure, values)      # a template and a few values
    findings = check_narrative_text(text)           # a draft pasted as text
    blocking = [f for f in findings if f.is_error]  # errors block sending

Findings come errors first, each group in the order the checks run: template rules, then what
the template implies (types, ratios, "Trong đó" parts, group rows, tables, standard
identities), then across periods, then the narrative, the period wording and the document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from decimal import Decimal

from core.period_keys import PeriodKey
from core.text import NARRATIVE_MAX_CHARS
from indicators.validation.annex import (
    group_findings,
    parts_findings,
    ratio_findings,
    ratio_unit_findings,
    structure_findings,
    value_findings,
)
from indicators.validation.document import document_findings
from indicators.validation.draft import parse_draft
from indicators.validation.findings import ANNEX, TABLE, Finding, errors_first
from indicators.validation.history import history_findings
from indicators.validation.identities import defined_rows, identity_findings
from indicators.validation.narrative import narrative_findings
from indicators.validation.narrative_text import read_line, read_sections
from indicators.validation.period_detect import detect_text_period
from indicators.validation.period_wording import detect_period, window_findings, wording_findings
from indicators.validation.rules import rule_findings
from indicators.validation.snapshot import (
    PeriodInfo,
    ReportData,
    Section,
    TemplateData,
)
from indicators.validation.tables import table_findings

_ARITHMETIC_SOURCES = {ANNEX, TABLE}


def check_values(
    template: TemplateData,
    values: Mapping[str, Decimal | None],
    *,
    cells: Mapping[str, Decimal | None] | None = None,
    sections: Iterable[Section] | None = None,
    period: PeriodKey | PeriodInfo | None = None,
    include_narrative: bool = False,
) -> list[Finding]:
    """The checks on a template's structure and some values (by indicator code, None = blank)
    and cells (by "table:row:column"), outside any saved report."""
    data = ReportData(
        template=template,
        values=dict(values),
        cells=dict(cells or {}),
        sections=tuple(sections or ()),
        period=PeriodInfo.legal(period) if isinstance(period, PeriodKey) else period,
    )
    return check_data(data, include_narrative=include_narrative)


def check_data(data: ReportData, *, include_narrative: bool = True) -> list[Finding]:
    data = bounded(data)
    return errors_first(deduplicate(_run(data, include_narrative=include_narrative)))


def bounded_sections(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """Each section's heading and text up to ``NARRATIVE_MAX_CHARS`` (the same tuple when all
    fit)."""
    limit = NARRATIVE_MAX_CHARS
    if all(len(s.text) <= limit and len(s.heading) <= limit for s in sections):
        return sections
    return tuple(replace(s, heading=s.heading[:limit], text=s.text[:limit]) for s in sections)


def bounded(data: ReportData) -> ReportData:
    """The data with each narrative text read up to ``NARRATIVE_MAX_CHARS``, the most a section
    may hold: a text stored longer (before the limit, past every check) costs the checks no
    more than one at the limit, whatever its length."""
    limit = NARRATIVE_MAX_CHARS
    sections = bounded_sections(data.sections)
    document = data.document
    if document is not None:
        texts = {
            name: getattr(document, name)[:limit]
            for name in ("summary", "intro", "closing", "annex_title", "annex_reference")
            if len(getattr(document, name)) > limit
        }
        if texts:
            document = replace(document, **texts)
    if sections is data.sections and document is data.document:
        return data
    return replace(data, sections=sections, document=document)


def _run(data: ReportData, *, include_narrative: bool) -> Iterator[Finding]:
    yield from rule_findings(data)
    yield from structure_findings(data.template)
    yield from ratio_unit_findings(data)
    yield from value_findings(data)
    yield from ratio_findings(data)
    yield from parts_findings(data)
    yield from group_findings(data, defined=defined_rows(data))
    yield from table_findings(data)
    yield from identity_findings(data)
    yield from history_findings(data)
    if include_narrative:
        yield from narrative_findings(read_sections(data.sections), data)
        yield from text_findings(data)


def text_findings(data: ReportData, *, number: bool = True) -> Iterator[Finding]:
    """Period words, the stated data window and the document header."""
    document = data.document
    if data.period is not None:
        texts = [section.heading for section in data.sections]
        if document is not None:
            texts = [document.summary, document.intro, *texts, document.closing]
            texts.append(document.annex_title)
        yield from wording_findings(texts, data.period.key)
        bodies = [document.intro] if document is not None else []
        bodies += [section.text for section in data.sections]
        yield from window_findings(bodies, data.period)
    if document is not None:
        yield from document_findings(document, number=number)


def check_narrative_text(text: str, *, period: PeriodKey | None = None) -> list[Finding]:
    """The narrative checks on a báo cáo pasted as plain text, outside any report: its own
    arithmetic, percentages, period words and header (nothing to compare with an annex).
    Without ``period``, the period is the one its title lines name, else the one the text
    states anywhere (``period_detect``)."""
    draft = parse_draft(text)
    draft = replace(draft, sections=bounded_sections(draft.sections))
    document = draft.document
    if period is None:
        title_lines = [document.summary, document.intro, document.closing]
        period = detect_period(title_lines + [s.heading for s in draft.sections])
    if period is None:
        detected = detect_text_period(text)  # stated anywhere in the text
        period = detected.key if detected is not None else None
    lines = read_sections(draft.sections)
    intro = read_line(document.intro) if document.intro else None
    if intro is not None:
        lines.insert(0, intro)
    data = ReportData(
        template=TemplateData(code="", version=0, indicators=()),
        sections=draft.sections,
        period=PeriodInfo.legal(period) if period is not None else None,
        document=document,
    )
    findings = list(narrative_findings(lines, None, paragraphs=draft.body))
    findings += list(text_findings(data, number=draft.has_number_line))
    return errors_first(deduplicate(findings))


def deduplicate(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per broken identity: a "Trong đó" total that is also a tagged identity
    (3.3.1 = its parts) is reported once, by the check that ran first. Narrative findings are
    kept apart by their quote."""
    seen: set[tuple] = set()
    unique = []
    for finding in findings:
        if finding.source in _ARITHMETIC_SOURCES and finding.codes:
            key: tuple = (finding.source, finding.severity, frozenset(finding.codes))
        else:
            key = (finding.check, finding.codes, finding.values, finding.quote)
        if key in seen:
            continue
        seen.add(key)
        unique.append(finding)
    return unique
