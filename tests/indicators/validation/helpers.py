"""Helpers for reading findings in tests."""

from __future__ import annotations

from collections.abc import Iterable

from indicators.validation.findings import Finding

Summary = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def summary(findings: Iterable[Finding]) -> list[Summary]:
    """(check, severity, codes, values) of each finding, sorted: what the seed tests compare."""
    return sorted((f.check, f.severity, f.codes, f.values) for f in findings)


def involving(findings: Iterable[Finding], *codes: str) -> list[Finding]:
    """Findings that name any of ``codes``."""
    wanted = set(codes)
    return [f for f in findings if wanted & set(f.codes)]


def quoting(findings: Iterable[Finding], text: str) -> list[Finding]:
    return [f for f in findings if text in f.quote]


def of_check(findings: Iterable[Finding], check: str) -> list[Finding]:
    return [f for f in findings if f.check == check]
