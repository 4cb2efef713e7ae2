"""A finding of the checks: what is wrong (or odd) in a report, with the arithmetic."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str  # "error" blocks sending; "warning" needs an explanation
    message: str  # Vietnamese, shows the arithmetic
    codes: tuple[str, ...]
    values: tuple[str, ...]
    source: str  # "annex" | "table" | "narrative" | "period" | "template" | "document"
    quote: str = ""

    def as_dict(self) -> dict:
        data = asdict(self)
        data["codes"] = list(self.codes)
        data["values"] = list(self.values)
        return data
