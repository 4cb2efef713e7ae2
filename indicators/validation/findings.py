"""What a check reports: one finding, with the arithmetic that shows it.

A finding names the check that made it, its severity (an error blocks sending, a warning needs
an explanation), a Vietnamese message that shows the numbers ("3.3.2 = 414 nhưng các dòng
“Trong đó” cộng lại 0 + 0 + 25 + 59 = 84"), the codes and values involved, where it comes from
and, for the narrative, the sentence quoted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.numbers import format_number, plain

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)

ANNEX = "annex"
TABLE = "table"
NARRATIVE = "narrative"
PERIOD = "period"
TEMPLATE = "template"
DOCUMENT = "document"
SOURCES = (ANNEX, TABLE, NARRATIVE, PERIOD, TEMPLATE, DOCUMENT)

SEVERITY_LABELS = {ERROR: "Lỗi", WARNING: "Cảnh báo"}
SOURCE_LABELS = {
    ANNEX: "phụ lục",
    TABLE: "bảng theo lĩnh vực",
    NARRATIVE: "thuyết minh",
    PERIOD: "kỳ báo cáo",
    TEMPLATE: "mẫu phụ lục",
    DOCUMENT: "thể thức văn bản",
}


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    message: str
    codes: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    source: str = ANNEX
    quote: str = ""
    # A value the form can offer to fill in (plain decimal), e.g. a ratio computed from its
    # counts; not part of the printed finding format.
    suggestion: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.source not in SOURCES:
            raise ValueError(f"unknown source {self.source!r}")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]

    def as_dict(self) -> dict:
        return {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "codes": list(self.codes),
            "values": list(self.values),
            "source": self.source,
            "quote": self.quote,
        }


def values_of(numbers: Iterable[Decimal | None]) -> tuple[str, ...]:
    """Plain decimal strings for ``Finding.values`` ("" for a blank)."""
    return tuple(plain(number) if number is not None else "" for number in numbers)


def num(value: Decimal | None) -> str:
    """A figure as the message shows it: Vietnamese writing, "trống" for a blank."""
    return "trống" if value is None else format_number(value)


def addition(values: Iterable[Decimal | None]) -> str:
    """ "0 + 0 + 25 + 59" (blanks shown as "trống")."""
    return " + ".join(num(value) for value in values)


def percent_text(value: Decimal, decimals: int = 2) -> str:
    """ "34,84 %" — rounded half up, trailing zeros dropped ("100 %", "22,2 %")."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{format_number(rounded.normalize() if rounded else Decimal(0))} %"


def shorten(text: str, limit: int = 50) -> str:
    """A long title cut for a message: "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, Đ…"."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def errors_first(findings: Iterable[Finding]) -> list[Finding]:
    """Errors (which block sending) before warnings, each in the order the checks found them."""
    found = list(findings)
    return [f for f in found if f.is_error] + [f for f in found if not f.is_error]


def by_code(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by each code they involve, to show them next to their field."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        for code in finding.codes:
            grouped.setdefault(code, []).append(finding)
    return grouped
