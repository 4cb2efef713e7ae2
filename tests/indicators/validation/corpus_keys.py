"""The real-text corpus (tests/data/real/) and how a finding is matched with its answer key.

A key item (hard error, warning or silent relation) has a ``quote`` (an exact substring of the
text) and an ``identity`` / ``why`` that writes the arithmetic the Vietnamese way. A finding
*matches* a key item when

- its quote and the key's quote overlap in the text (compared with whitespace collapsed) and
  its values share at least two numbers with the key (numbers of the identity and the quote,
  compared to two decimals), or
- its values share at least three numbers with the key's identity (a finding that quotes
  another sentence of the same arithmetic, e.g. the sentence stating the whole).

An error "on" a silent item is an error-severity finding that overlaps the silent quote and
matches no hard error of the same text (a quote may sit inside another list's quote: a right
percentage in a sentence whose parts do not add up).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from indicators.validation.findings import Finding

REAL_DIR = Path(__file__).resolve().parents[2] / "data" / "real"
CENT = Decimal("0.01")

_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+")


@dataclass
class Item:
    quote: str
    identity: str
    kind: str = ""


@dataclass
class Entry:
    file: str
    period: str | None
    period_quote: str | None
    hard_errors: list[Item]
    warnings: list[Item]
    silent: list[Item]
    text: str = ""

    @property
    def name(self) -> str:
        return self.file.removesuffix(".txt")


def load_corpus() -> list[Entry]:
    entries = []
    for raw in json.loads((REAL_DIR / "corpus.json").read_text(encoding="utf-8")):
        entry = Entry(
            file=raw["file"],
            period=raw.get("period"),
            period_quote=raw.get("period_quote"),
            hard_errors=[
                Item(i["quote"], i["identity"], i.get("kind", "")) for i in raw["hard_errors"]
            ],
            warnings=[Item(i["quote"], i["identity"], i.get("kind", "")) for i in raw["warnings"]],
            silent=[Item(i["quote"], i["why"]) for i in raw["silent"]],
        )
        entry.text = (REAL_DIR / entry.file).read_text(encoding="utf-8")
        entries.append(entry)
    return entries


def _collapse(text: str) -> str:
    return " ".join(text.split())


def numbers(text: str) -> set[Decimal]:
    """The numbers written in a key's text, Vietnamese way ("635.593", "98,81"), to 2 decimals."""
    found = set()
    for token in _NUMBER.findall(text):
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
            plain = token.replace(".", "").replace(",", ".")
        else:
            plain = token.replace(",", ".")
        try:
            found.add(Decimal(plain).quantize(CENT))
        except InvalidOperation:
            continue
    return found


def finding_numbers(finding: Finding) -> set[Decimal]:
    found = set()
    for value in finding.values:
        try:
            found.add(Decimal(value).quantize(CENT))
        except InvalidOperation:
            continue
    return found


def _span(text: str, quote: str) -> tuple[int, int] | None:
    quote = _collapse(quote).strip(" .;,")
    if not quote:
        return None
    start = text.find(quote)
    return (start, start + len(quote)) if start >= 0 else None


def overlaps(text: str, first: str, second: str) -> bool:
    collapsed = _collapse(text)
    a, b = _span(collapsed, first), _span(collapsed, second)
    if a is None or b is None:
        return False
    return a[0] < b[1] and b[0] < a[1]


def matches(entry: Entry, finding: Finding, item: Item) -> bool:
    shared = finding_numbers(finding) & numbers(f"{item.identity} {item.quote}")
    identity_shared = finding_numbers(finding) & numbers(item.identity)
    if len(identity_shared) >= 3:
        return True
    return len(shared) >= 2 and overlaps(entry.text, finding.quote, item.quote)


@dataclass
class Score:
    entry: Entry
    errors: list[Finding]
    found: list[Item] = field(default_factory=list)  # hard errors reported as errors
    missed: list[Item] = field(default_factory=list)
    true_errors: list[Finding] = field(default_factory=list)  # errors matching a hard key
    false_errors: list[Finding] = field(default_factory=list)  # errors matching none
    on_silent: list[tuple[Item, Finding]] = field(default_factory=list)
    warned_on_silent: list[tuple[Item, Finding]] = field(default_factory=list)


def score(entry: Entry, findings: list[Finding]) -> Score:
    errors = [f for f in findings if f.is_error]
    result = Score(entry, errors)
    for item in entry.hard_errors:
        if any(matches(entry, f, item) for f in errors):
            result.found.append(item)
        else:
            result.missed.append(item)
    for finding in errors:
        if any(matches(entry, finding, item) for item in entry.hard_errors):
            result.true_errors.append(finding)
        else:
            result.false_errors.append(finding)
    for item in entry.silent:
        for finding in findings:
            if not overlaps(entry.text, finding.quote, item.quote):
                continue
            if any(matches(entry, finding, hard) for hard in entry.hard_errors):
                continue
            if not finding.is_error and any(
                matches(entry, finding, warning) for warning in entry.warnings
            ):
                continue
            if not (finding_numbers(finding) & numbers(f"{item.identity} {item.quote}")):
                continue
            if finding.is_error:
                result.on_silent.append((item, finding))
            else:
                result.warned_on_silent.append((item, finding))
    return result
