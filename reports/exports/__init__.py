"""Exports of a report: the báo cáo with its annex as DOCX, the annex as XLSX.

One formatter per format over one shared builder of the annex rows (``annex_rows``), so the
Word and Excel annexes show the same rows and values. Views and commands call
:func:`render_report` and :func:`export_filename` only.
"""

from __future__ import annotations

from collections.abc import Callable

from core.errors import DomainError
from core.http import CONTENT_TYPES
from core.text import slug
from reports.exports.docx import render_docx
from reports.exports.xlsx import render_xlsx
from reports.models import Report

MSG_UNKNOWN_FORMAT = "Không hỗ trợ định dạng “{fmt}”: chỉ xuất được {formats}."

Formatter = Callable[..., bytes]

formatters: dict[str, Formatter] = {"docx": render_docx, "xlsx": render_xlsx}


# The DOCX is the whole báo cáo; the XLSX is its annex (phụ lục) only.
_FILE_STEMS = {"docx": "bao-cao-cchc", "xlsx": "phu-luc-cchc"}
_BLANK_SUFFIX = "mau-trong"


class ExportFormatError(DomainError, ValueError):
    def __init__(self, fmt: str) -> None:
        super().__init__(MSG_UNKNOWN_FORMAT.format(fmt=fmt, formats=", ".join(sorted(formatters))))


def _formatter(fmt: str) -> Formatter:
    try:
        return formatters[fmt]
    except KeyError:
        raise ExportFormatError(fmt) from None


def render_report(report: Report, fmt: str, *, blank: bool = False) -> bytes:
    """The report exported as ``fmt`` ("docx" or "xlsx"); ``blank``: the empty form of its
    template, for the unit and period of the report."""
    return _formatter(fmt)(report, blank=blank)


def content_type(fmt: str) -> str:
    _formatter(fmt)
    return CONTENT_TYPES[fmt]


def export_filename(report: Report, fmt: str, blank: bool = False) -> str:
    """An ASCII file name: "bao-cao-cchc-15889-2024Q3.docx", "phu-luc-cchc-15889-2024Q3.xlsx",
    "bao-cao-cchc-15889-2024Q3-mau-trong.docx" for the blank form."""
    _formatter(fmt)
    parts = [_FILE_STEMS[fmt], slug(report.unit.code) or "don-vi", report.period.key]
    if blank:
        parts.append(_BLANK_SUFFIX)
    return "-".join(parts) + f".{fmt}"


__all__ = [
    "CONTENT_TYPES",
    "ExportFormatError",
    "content_type",
    "export_filename",
    "formatters",
    "render_report",
]
