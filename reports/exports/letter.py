"""What the báo cáo says around its annex, as it will be printed: the report's header fields,
narrative and signature with the defaults a commune's document carries when a field is blank
(Nghị định 30/2020/NĐ-CP). ``docx`` draws it in Word."""

from __future__ import annotations

from dataclasses import dataclass, field

from reports.exports.annex_rows import document_number
from reports.exports.dates import OPEN_DATE, long_date, normalise_printed_date
from reports.models import Report, ReportStatus

DEFAULT_ISSUER_PARENT = "ỦY BAN NHÂN DÂN"
DEFAULT_SUMMARY = "Kết quả thực hiện công tác cải cách hành chính {period}"
DEFAULT_CLOSING = (
    "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {period} của {issuer}./."
)
DEFAULT_SIGNER = ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
DEFAULT_AUTHORITY = {"TM.": "ỦY BAN NHÂN DÂN", "KT.": "CHỦ TỊCH"}
FILED_AT_RECORDS = "Lưu: VT"


@dataclass
class Letter:
    """The document around the annex, as it will be printed."""

    issuer_parent: str
    issuer: str
    number: str
    symbol: str
    place_date: str
    summary: str
    recipient: str
    opening: list[str]
    sections: list[tuple[int, str, list[str]]]
    closing: str
    recipients: list[str]
    signer: list[str]
    signer_name: str
    footnotes: dict[str, str] = field(default_factory=dict)
    draft: bool = False


def build_letter(report: Report, *, blank: bool = False) -> Letter:
    """The document's texts from the report; a blank form keeps only who issues it, for which
    period, and the template's outline headings."""
    unit = report.unit
    period = report.period
    issuer_name = unit.name[:1].lower() + unit.name[1:]
    # The place as the report printed it (typos included); a blank form takes the unit's name.
    place = (not blank and report.place) or unit.short_name
    if report.document_date and not blank:
        date = long_date(report.document_date)
    elif report.date_printed and not blank:
        date = normalise_printed_date(report.date_printed)
    else:
        date = OPEN_DATE.format(year=period.end_date.year)
    if blank:
        sections = [
            (outline.level, outline.heading, [""])
            for outline in report.template.outline.order_by("position")
        ]
    else:
        sections = [
            (section.level, section.heading, _paragraphs(section.text))
            for section in report.sections.order_by("position")
        ] or [
            (outline.level, outline.heading, [""])
            for outline in report.template.outline.order_by("position")
        ]
    default_closing = DEFAULT_CLOSING.format(period=period.label, issuer=f"UBND {issuer_name}")
    mode, authority, title = (
        DEFAULT_SIGNER
        if blank or not (report.signer_title or report.signer_mode)
        else (report.signer_mode, report.signer_authority, report.signer_title)
    )
    signer = [f"{mode} {authority or DEFAULT_AUTHORITY.get(mode, '')}".strip()] if mode else []
    signer.append(title)
    return Letter(
        issuer_parent=(report.issuer_parent or DEFAULT_ISSUER_PARENT).upper(),
        issuer=(report.issuer or unit.name).upper(),
        number="" if blank else document_number(report.number),
        symbol=report.symbol,
        place_date=f"{place}, {date}",
        summary=("" if blank else report.summary) or DEFAULT_SUMMARY.format(period=period.label),
        recipient="" if blank else report.recipient,
        opening=[] if blank else _paragraphs(report.legal_basis) + _paragraphs(report.intro),
        sections=sections,
        closing=("" if blank else report.closing) or default_closing,
        recipients=recipient_lines([] if blank else _as_list(report.recipients)),
        signer=[line.upper() for line in signer if line],
        signer_name="" if blank else report.signer_name,
        footnotes={}
        if blank
        else {
            note["mark"]: note.get("text", "")
            for note in _as_list(report.footnotes)
            if isinstance(note, dict) and note.get("mark")
        },
        draft=not blank and report.status != ReportStatus.APPROVED,
    )


def recipient_lines(items: list[str]) -> list[str]:
    """ "- UBND huyện (b/c);" … and last "- Lưu: VT.": the filed copy is always the last line."""
    cleaned = [item.strip().rstrip(";.").strip() for item in items if item and item.strip()]
    if not cleaned or not cleaned[-1].lower().startswith("lưu"):
        cleaned.append(FILED_AT_RECORDS)
    return [f"- {item};" for item in cleaned[:-1]] + [f"- {cleaned[-1]}."]


def _as_list(value) -> list:
    """A JSON field that should hold a list; a single string counts as one item."""
    if isinstance(value, list):
        return value
    return [value] if value else []


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]
