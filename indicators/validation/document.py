"""The document around the annex: a báo cáo goes out with its number and its date
(Nghị định 30/2020/NĐ-CP); "Số: /BC-UBND" and "ngày tháng 9 năm 2024" left blank are
worth a warning, and the annex's "(Kèm theo Báo cáo số … ngày …)" must name the same date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from core.text import fold
from indicators.validation.findings import DOCUMENT, WARNING, Finding
from indicators.validation.snapshot import DocumentInfo

MSG_NUMBER = "Số của báo cáo để trống (“Số: /BC-UBND”): ghi số khi ban hành."
MSG_DATE = "Ngày ban hành để trống (“{printed}”){annex}."
MSG_DATE_ANNEX = "; phụ lục ghi “{annex}”"
MSG_ANNEX_DATE = "Phụ lục ghi “{annex}” nhưng báo cáo ban hành {date}."

_DAY = re.compile(r"\bngay\s+(\d{1,2})\b")
_ANNEX_DATE = re.compile(r"ngay\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_ANNEX_DATE_TEXT = re.compile(r"ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}", re.IGNORECASE)


def document_findings(document: DocumentInfo, *, number: bool = True) -> Iterator[Finding]:
    """``number=False`` where the header was not given at all (a pasted narrative)."""
    if number and not document.number.strip():
        yield Finding("document.number", WARNING, MSG_NUMBER, (), (), DOCUMENT)
    annex_date, annex_text = _annex_date(document.annex_reference)
    printed = " ".join(document.date_printed.split())
    if document.date is None and printed and not _DAY.search(fold(printed)):
        yield Finding(
            "document.date",
            WARNING,
            MSG_DATE.format(
                printed=printed,
                annex=MSG_DATE_ANNEX.format(annex=annex_text) if annex_text else "",
            ),
            (),
            (annex_date.isoformat(),) if annex_date else (),
            DOCUMENT,
            printed,
        )
    if document.date is not None and annex_date is not None and annex_date != document.date:
        yield Finding(
            "document.annex_date",
            WARNING,
            MSG_ANNEX_DATE.format(annex=annex_text, date=f"{document.date:%d/%m/%Y}"),
            (),
            (annex_date.isoformat(), document.date.isoformat()),
            DOCUMENT,
            document.annex_reference,
        )


def _annex_date(reference: str) -> tuple[dt.date | None, str]:
    match = _ANNEX_DATE.search(fold(reference))
    text_match = _ANNEX_DATE_TEXT.search(reference)
    if match is None:
        return None, ""
    try:
        day = dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        day = None
    return day, text_match.group(0) if text_match else ""
