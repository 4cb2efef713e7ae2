"""A whole báo cáo from a file (``indicators.importers.report_reader``), matched to a template:
the document's header fields, the narrative split into the template's outline sections, the
annex rows and the tables by field (as :func:`reports.annex_import.match_annex` matches an
annex file), with an account of what went where and of what was left over.

The result is plain data: the upload page keeps it in the session between the preview and the
confirmation, and :func:`reports.services.imports.report_import_write` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.importers.legacy_text import LABELS as LEGACY_LABELS
from indicators.importers.narrative import find_headings
from indicators.importers.reader import AnnexSource
from indicators.importers.report_letter import LetterHeader
from indicators.importers.report_reader import ReportSource
from indicators.models import IndicatorTemplate
from reports.annex_import import AnnexMatch, match_annex

NARRATIVE = "narrative"
ANNEX = "annex"
DOCUMENT = "document"
PART_LABELS = {NARRATIVE: "nội dung báo cáo", ANNEX: "phụ lục", DOCUMENT: "phần đầu, cuối văn bản"}

MSG_CONVERTED = "Chữ bảng mã {label} đã được chuyển sang Unicode."
MSG_NOT_IN_FILE = "Mục “{heading}” của đề cương không có trong tệp."
MSG_HEADING_NOT_IN_OUTLINE = (
    "Mục “{heading}” của tệp không có trong đề cương của mẫu: nội dung của nó được đưa vào "
    "mục “{into}”."
)
MSG_LOST_NARRATIVE = "{text} ({count} dòng chưa thuộc mục nào của đề cương)"
MSG_NO_ANNEX = "Tệp không có bảng phụ lục (dòng tiêu đề “STT | Chỉ tiêu thống kê | …”)."
MSG_TABLE_NOT_IN_FILE = "Bảng “{title}” của mẫu không có trong tệp."
MSG_PRINTED = "{code}: tệp ghi “{printed}”, nhập {value}."
MAX_QUOTE = 120

# The report's fields the header gives, and their lengths in the model.
HEADER_FIELDS = {
    "issuer_parent": 200,
    "issuer": 200,
    "number": 20,
    "symbol": 40,
    "place": 100,
    "date_printed": 100,
    "summary": 500,
    "recipient": 300,
    "legal_basis": None,
    "intro": None,
    "closing": None,
    "signer_mode": 3,
    "signer_authority": 100,
    "signer_title": 100,
    "signer_name": 100,
    "annex_title": 300,
    "annex_reference": 300,
}
# Fields the file gives together: when it gives one, the others it leaves blank are blank
# (a signature without "TM." is signed directly; "Số:      /BC-UBND" has no number yet).
HEADER_GROUPS = [
    ("number", "symbol"),
    ("issuer_parent", "issuer"),
    ("legal_basis", "intro"),
    ("signer_mode", "signer_authority", "signer_title", "signer_name"),
]
HEADER_LABELS = {
    "issuer_parent": "cơ quan chủ quản",
    "issuer": "cơ quan ban hành",
    "number": "số",
    "symbol": "ký hiệu",
    "place": "địa danh",
    "date": "ngày ban hành",
    "date_printed": "ngày tháng như đã in",
    "summary": "trích yếu",
    "recipient": "kính gửi",
    "legal_basis": "căn cứ",
    "intro": "mở đầu",
    "closing": "câu kết",
    "recipients": "nơi nhận",
    "signer_mode": "hình thức ký",
    "signer_authority": "thẩm quyền ký",
    "signer_title": "chức vụ người ký",
    "signer_name": "người ký",
    "footnotes": "chú thích",
    "annex_label": "nhãn phụ lục",
    "annex_title": "tiêu đề phụ lục",
    "annex_reference": "dòng kèm theo của phụ lục",
}


def _quote(text: str) -> str:
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rstrip() + "…"


@dataclass
class ReportMatch:
    template_id: int
    source_format: str
    header: dict  # LetterHeader.as_data()
    annex: AnnexMatch
    has_annex: bool = True
    unmatched: list[dict] = field(default_factory=list)  # {"part", "line", "text"}
    notes: list[str] = field(default_factory=list)

    @property
    def letter_header(self) -> LetterHeader:
        return LetterHeader.from_data(self.header)

    def summary(self) -> dict:
        """The JSON summary of ``import_report``."""
        return {
            "header": self.header,
            "sections": [
                {
                    "heading": section.heading,
                    "section": section.outline_heading,
                    "chars": len(section.text),
                }
                for section in self.annex.sections
            ],
            "values": self.annex.summary()["values"],
            "tables": self.annex.tables_summary(),
            "unmatched": self.unmatched,
            "notes": self.notes,
        }

    def as_data(self) -> dict:
        return {
            "template_id": self.template_id,
            "source_format": self.source_format,
            "header": self.header,
            "annex": self.annex.as_data(),
            "has_annex": self.has_annex,
            "unmatched": self.unmatched,
            "notes": self.notes,
        }

    @classmethod
    def from_data(cls, data: dict) -> ReportMatch:
        return cls(
            template_id=data["template_id"],
            source_format=data["source_format"],
            header=dict(data["header"]),
            annex=AnnexMatch.from_data(data["annex"]),
            has_annex=data["has_annex"],
            unmatched=list(data["unmatched"]),
            notes=list(data["notes"]),
        )


def match_report(template: IndicatorTemplate, source: ReportSource) -> ReportMatch:
    """Every part of the file placed on the template, or listed as left over."""
    letter = source.letter
    annex_source = AnnexSource(
        source.format,
        source.annex,
        lines=letter.narrative,
        tables=source.tables,
        narrative_only=True,
    )
    annex = match_annex(template, annex_source)
    result = ReportMatch(
        template_id=template.pk,
        source_format=source.format,
        header=letter.header.as_data(),
        annex=annex,
        has_annex=bool(source.annex.rows),
    )
    if source.legacy_encoding is not None:
        result.notes.append(MSG_CONVERTED.format(label=LEGACY_LABELS[source.legacy_encoding]))
    result.unmatched += [
        {"part": DOCUMENT, "line": line, "text": text} for line, text in letter.leftover
    ]
    _account_for_narrative(template, source, result)
    result.unmatched += [
        {"part": ANNEX, "line": item["line"], "text": item["text"]} for item in annex.unmatched
    ]
    if not source.annex.rows and template.indicators.exists():
        result.notes.append(MSG_NO_ANNEX)
    found_tables = {cell.table_code for cell in annex.cells}
    for table in template.tables.order_by("position"):
        if table.code not in found_tables:
            result.notes.append(MSG_TABLE_NOT_IN_FILE.format(title=table.title))
    summary = annex.summary()
    for code, printed in summary["notes"].items():
        result.notes.append(
            MSG_PRINTED.format(code=code, printed=printed, value=summary["values"][code])
        )
    return result


def _account_for_narrative(
    template: IndicatorTemplate, source: ReportSource, result: ReportMatch
) -> None:
    """Where the narrative went: the outline sections the file lacks, the file's headings the
    outline lacks (their text went into the section above), and the text before the first
    section found (left over)."""
    narrative = source.letter.narrative
    offset = source.letter.narrative_line - 1
    sections = result.annex.sections
    found = {section.outline_id for section in sections}
    for outline in template.outline.order_by("position"):
        if outline.pk not in found:
            result.notes.append(MSG_NOT_IN_FILE.format(heading=outline.heading))
    starts = sorted((section.line, section) for section in sections)
    matched_lines = {section.line for section in sections}
    for heading in find_headings(narrative, whole=True):
        line = heading.index + 1
        if line in matched_lines or heading.level != 1:
            continue
        into = next((s for start, s in reversed(starts) if start < line), None)
        if into is None:
            continue
        result.notes.append(
            MSG_HEADING_NOT_IN_OUTLINE.format(heading=heading.text, into=into.outline_heading)
        )
    first = starts[0][0] if starts else len(narrative) + 1
    lost = [(index + 1, text.strip()) for index, text in enumerate(narrative[: first - 1])]
    lost = [(line, text) for line, text in lost if text]
    if lost:
        line, text = lost[0]
        result.unmatched.append(
            {
                "part": NARRATIVE,
                "line": line + offset,
                "text": MSG_LOST_NARRATIVE.format(text=_quote(text), count=len(lost)),
            }
        )
