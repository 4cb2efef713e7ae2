"""The page, type sizes, spacing and column widths of the báo cáo (Nghị định 30/2020/NĐ-CP,
Phụ lục I), in Word's units (twips, points), each named after the rule it meets; see
``docs/DOMAIN.md`` ("Document format"). Shared by the letter (``docx``) and its annex
(``docx_annex``)."""

from __future__ import annotations

from reports.exports import wordml

# Page: A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm (twips).
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838
MARGIN_TOP = 1134
MARGIN_BOTTOM = 1134
MARGIN_LEFT = 1701
MARGIN_RIGHT = 850
HEADER_DISTANCE = 567  # 10 mm from the edge: the page number sits inside the top margin
FOOTER_DISTANCE = 567
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
LANDSCAPE_TEXT_WIDTH = PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT

# Font sizes (points), each within its rule.
BODY_PT = 14  # body 13–14, one size throughout
ISSUER_PT = 13  # issuing body 12–13, capitals, bold
QUOC_HIEU_PT = 12  # 12–13: at 12 pt the national name fits its column on one line
TIEU_NGU_PT = 13  # 13–14, bold
NUMBER_PT = 13  # số, ký hiệu 13
PLACE_DATE_PT = 14  # 13–14, italic
TITLE_PT = 14  # "BÁO CÁO" and trích yếu 13–14, bold
SIGNATURE_PT = 14  # 13–14, bold
RECIPIENTS_LABEL_PT = 12  # "Nơi nhận:" 12, bold italic
RECIPIENTS_PT = 11  # items 11
PAGE_NUMBER_PT = 14  # 13–14
ANNEX_HEADING_PT = 14  # "Phụ lục" 14, bold
ANNEX_TABLE_PT = 12
FIELD_TABLE_PT = 10  # twelve figure columns on a landscape page

# Body paragraphs: first-line indent 1.27 cm, 6 pt after, 1.15 lines (single to 1.5 allowed).
FIRST_LINE_INDENT = 720
SPACE_AFTER = 120
LINE_SPACING = 276
SIGNATURE_SPACE = 1800  # about 3 cm left for the signature and the seal

# Column widths (twips).
HEADER_COLUMNS = (3600, TEXT_WIDTH - 3600)
SIGNATURE_COLUMNS = (4400, TEXT_WIDTH - 4400)
ANNEX_COLUMNS = (800, TEXT_WIDTH - 800 - 1700 - 1100 - 1300, 1700, 1100, 1300)
FIELD_STT_WIDTH = 600
FIELD_LABEL_WIDTH = 2400
BREAKDOWN_INDENT = 284  # 5 mm: "Trong đó" rows sit under their parent

# Rules: the issuing body's and the trích yếu's are 1/3–1/2 of their line; the motto's is full
# (a little over the computed width: LibreOffice's metric-compatible font runs slightly wider).
SHORT_RULE = 0.4
FULL_RULE = 1.03
RULE_GAP = 50  # twips between a line of text and the rule under it
RULE_LINE = 40  # the rule's own paragraph: 2 pt high


def centred(
    text: str, *, size: float, bold=False, italic=False, before=0, after=0, keep=False
) -> str:
    runs = wordml.run(text, size=size, bold=bold, italic=italic) if text else ""
    return wordml.paragraph(
        runs, align="center", before=before, after=after, keep_with_next=keep, mark_size=size
    )
