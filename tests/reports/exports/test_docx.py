"""The DOCX báo cáo against the format rules of Nghị định 30/2020/NĐ-CP (docs/DOMAIN.md,
"Document format"): one test per rule, reading the document's own XML properties."""

from __future__ import annotations

import datetime as dt

import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from lxml import etree

from core.numbers import format_number, plain
from indicators.models import Indicator
from reports.exports import render_report
from reports.exports.docx import DRAFT_MARK, QUOC_HIEU, TIEU_NGU
from reports.exports.wordml import FONT, text_width_pt
from reports.models import IndicatorValue, ReportStatus
from tests.reports.exports.conftest import (
    BINH_THANH,
    SEED_KEYS,
    SON_PHU,
    open_docx,
)


def w(element, name: str) -> str | None:
    return element.get(qn(f"w:{name}"))


def text(element) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def child(element, path: str):
    for name in path.split("/"):
        element = element.find(qn(f"w:{name}")) if element is not None else None
    return element


def half_points(paragraph) -> set[int]:
    """Font sizes of the paragraph's text runs (not of its paragraph mark)."""
    return {int(w(child(run, "rPr/sz"), "val")) for run in runs(paragraph)}


def is_on(run_properties, name: str) -> bool:
    flag = child(run_properties, name) if run_properties is not None else None
    return flag is not None and w(flag, "val") in (None, "1", "true")


def runs(paragraph):
    return [run for run in paragraph.iter(qn("w:r")) if run.find(qn("w:t")) is not None]


def all_bold(paragraph) -> bool:
    return all(is_on(child(run, "rPr"), "b") for run in runs(paragraph))


def all_italic(paragraph) -> bool:
    return all(is_on(child(run, "rPr"), "i") for run in runs(paragraph))


def letter_paragraphs(document):
    """Top-level paragraphs of the báo cáo itself: up to the break before the annex."""
    found = []
    for element in document.element.body:
        if element.tag != qn("w:p"):
            continue
        if child(element, "pPr/sectPr") is not None:
            break
        found.append(element)
    return found


def paragraph_starting(elements, start: str):
    return next(p for p in elements if text(p).startswith(start))


def tables(document):
    return list(document.element.body.iter(qn("w:tbl")))


def cell_paragraphs(table, column: int):
    first_row = table.find(qn("w:tr"))
    cell = first_row.findall(qn("w:tc"))[column]
    return cell.findall(qn("w:p"))


def rows(table):
    return table.findall(qn("w:tr"))


def cells(row):
    return row.findall(qn("w:tc"))


# ---- page


@pytest.mark.django_db
def test_the_page_is_a4_portrait(hoang_kim_docx):
    size = hoang_kim_docx.sections[0]._sectPr.find(qn("w:pgSz"))
    assert (w(size, "w"), w(size, "h")) == ("11906", "16838")
    assert hoang_kim_docx.sections[0].orientation == WD_ORIENT.PORTRAIT


@pytest.mark.django_db
@pytest.mark.parametrize("key", SEED_KEYS)
def test_every_section_has_margins_within_the_decree(seed_report, key):
    document = open_docx(render_report(seed_report(key), "docx"))
    for section in document.sections:
        margins = section._sectPr.find(qn("w:pgMar"))
        twips = {side: int(w(margins, side)) for side in ("top", "bottom", "left", "right")}
        assert 1134 <= twips["top"] <= 1417  # 20–25 mm
        assert 1134 <= twips["bottom"] <= 1417
        assert 1701 <= twips["left"] <= 1984  # 30–35 mm
        assert 850 <= twips["right"] <= 1134  # 15–20 mm


# ---- fonts


@pytest.mark.django_db
def test_every_run_names_times_new_roman_in_every_script(hoang_kim_docx):
    parts = [hoang_kim_docx.element]
    for section in hoang_kim_docx.sections:
        parts += [section.header._element, section.first_page_header._element]
    run_fonts = [
        fonts
        for part in parts
        for run in part.iter(qn("w:r"))
        for fonts in run.iter(qn("w:rFonts"))
    ]
    assert len(run_fonts) >= len(list(hoang_kim_docx.element.iter(qn("w:t"))))
    for fonts in run_fonts:
        assert [w(fonts, slot) for slot in ("ascii", "hAnsi", "eastAsia", "cs")] == [FONT] * 4


@pytest.mark.django_db
def test_every_style_names_times_new_roman_and_no_theme_font(hoang_kim_docx):
    styles = hoang_kim_docx.styles.element
    defaults = child(styles, "docDefaults/rPrDefault/rPr/rFonts")
    assert [w(defaults, slot) for slot in ("ascii", "hAnsi", "eastAsia", "cs")] == [FONT] * 4
    for fonts in styles.iter(qn("w:rFonts")):
        assert w(fonts, "ascii") == FONT
        assert w(fonts, "eastAsia") == FONT
        assert not any(w(fonts, theme) for theme in ("asciiTheme", "eastAsiaTheme", "cstheme"))
    assert w(child(styles, "docDefaults/rPrDefault/rPr/lang"), "val") == "vi-VN"


@pytest.mark.django_db
def test_the_text_is_black(hoang_kim_docx):
    colours = {w(colour, "val") for colour in hoang_kim_docx.element.iter(qn("w:color"))}
    assert colours <= {"000000"}


# ---- header block


@pytest.mark.django_db
def test_the_header_block_is_a_borderless_two_column_table(hoang_kim_docx):
    header = hoang_kim_docx.element.body[0]
    assert header.tag == qn("w:tbl")
    assert len(header.find(qn("w:tblGrid")).findall(qn("w:gridCol"))) == 2
    borders = child(header, "tblPr/tblBorders")
    assert {w(edge, "val") for edge in borders} == {"nil"}
    left = [text(p) for p in cell_paragraphs(header, 0) if text(p)]
    right = [text(p) for p in cell_paragraphs(header, 1) if text(p)]
    assert left == ["ỦY BAN NHÂN DÂN", "XÃ HOẰNG KIM", "Số:      /BC-UBND"]
    assert right == [QUOC_HIEU, TIEU_NGU, "Hoàng Kim, ngày      tháng 9 năm 2024"]


@pytest.mark.django_db
def test_the_issuing_body_is_12_13pt_bold_capitals_centred(hoang_kim_docx):
    header = hoang_kim_docx.element.body[0]
    for paragraph in cell_paragraphs(header, 0)[:2]:
        assert text(paragraph) == text(paragraph).upper()
        assert half_points(paragraph) <= {24, 26}
        assert all_bold(paragraph)
        assert w(child(paragraph, "pPr/jc"), "val") == "center"


@pytest.mark.django_db
def test_the_quoc_hieu_is_12_13pt_bold_capitals(hoang_kim_docx):
    paragraph = paragraph_starting(cell_paragraphs(hoang_kim_docx.element.body[0], 1), QUOC_HIEU)
    assert half_points(paragraph) <= {24, 26}
    assert all_bold(paragraph)


@pytest.mark.django_db
def test_the_tieu_ngu_is_13_14pt_bold_centred_with_a_full_length_rule(hoang_kim_docx):
    header = hoang_kim_docx.element.body[0]
    paragraphs = cell_paragraphs(header, 1)
    motto = paragraph_starting(paragraphs, TIEU_NGU)
    assert text(motto) == "Độc lập - Tự do - Hạnh phúc"
    assert half_points(motto) <= {26, 28} and all_bold(motto)
    assert w(child(motto, "pPr/jc"), "val") == "center"
    rule = paragraphs[paragraphs.index(motto) + 1]
    assert w(child(rule, "pPr/pBdr/top"), "val") == "single"
    column = int(w(header.find(qn("w:tblGrid"))[1], "w"))
    indents = child(rule, "pPr/ind")
    length = column - int(w(indents, "left")) - int(w(indents, "right"))
    assert length >= text_width_pt(TIEU_NGU, 13, bold=True) * 20


@pytest.mark.django_db
def test_the_issuing_body_has_a_rule_a_third_to_half_its_length(hoang_kim_docx):
    header = hoang_kim_docx.element.body[0]
    paragraphs = cell_paragraphs(header, 0)
    rule = next(p for p in paragraphs if child(p, "pPr/pBdr") is not None)
    column = int(w(header.find(qn("w:tblGrid"))[0], "w"))
    indents = child(rule, "pPr/ind")
    length = column - int(w(indents, "left")) - int(w(indents, "right"))
    line = text_width_pt("ỦY BAN NHÂN DÂN", 13, bold=True) * 20
    assert line / 3 <= length <= line / 2


@pytest.mark.django_db
def test_so_ky_hieu_is_13pt_with_a_leading_zero_below_ten(hoang_kim):
    hoang_kim.number = "5"
    document = open_docx(render_report(hoang_kim, "docx"))
    paragraph = paragraph_starting(cell_paragraphs(document.element.body[0], 0), "Số:")
    assert text(paragraph) == "Số: 05/BC-UBND"
    assert half_points(paragraph) == {26}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "printed"),
    [
        (dt.date(2024, 9, 4), "Hoàng Kim, ngày 04 tháng 9 năm 2024"),
        (dt.date(2024, 2, 14), "Hoàng Kim, ngày 14 tháng 02 năm 2024"),
    ],
)
def test_place_and_date_are_italic_with_leading_zeros(hoang_kim, day, printed):
    hoang_kim.document_date = day
    document = open_docx(render_report(hoang_kim, "docx"))
    paragraph = paragraph_starting(cell_paragraphs(document.element.body[0], 1), "Hoàng Kim")
    assert text(paragraph) == printed
    assert half_points(paragraph) <= {26, 28}
    assert all_italic(paragraph)


# ---- title, body


@pytest.mark.django_db
def test_the_title_and_trich_yeu_are_centred_bold_with_a_rule(hoang_kim_docx):
    paragraphs = letter_paragraphs(hoang_kim_docx)
    title = paragraph_starting(paragraphs, "BÁO CÁO")
    summary = paragraphs[paragraphs.index(title) + 1]
    assert text(summary).startswith("Tình hình, kết quả thực hiện cải cách hành chính quý 3")
    for paragraph in (title, summary):
        assert w(child(paragraph, "pPr/jc"), "val") == "center"
        assert all_bold(paragraph) and half_points(paragraph) <= {26, 28}
    rule = paragraphs[paragraphs.index(summary) + 1]
    assert child(rule, "pPr/pBdr/top") is not None


@pytest.mark.django_db
def test_kinh_gui_and_the_legal_basis_are_printed_when_present(seed_report):
    document = open_docx(render_report(seed_report(BINH_THANH), "docx"))
    paragraphs = letter_paragraphs(document)
    recipient = paragraph_starting(paragraphs, "Kính gửi:")
    assert text(recipient) == "Kính gửi: UBND huyện Định Hoá."
    basis = paragraph_starting(paragraphs, "Thực hiện Công văn số 866/UBND-VP")
    assert w(child(basis, "pPr/jc"), "val") == "both"
    assert paragraphs.index(recipient) < paragraphs.index(basis)


def body_paragraphs(document):
    return [p for p in letter_paragraphs(document) if w(child(p, "pPr/jc"), "val") == "both"]


@pytest.mark.django_db
def test_the_body_is_one_size_13_or_14pt(hoang_kim_docx):
    sizes = set().union(*(half_points(p) for p in body_paragraphs(hoang_kim_docx)))
    assert sizes in ({26}, {28})


@pytest.mark.django_db
def test_body_paragraphs_are_justified(hoang_kim_docx):
    paragraph = paragraph_starting(
        letter_paragraphs(hoang_kim_docx), "Thực hiện Quyết định số 5272"
    )
    assert w(child(paragraph, "pPr/jc"), "val") == "both"
    assert len(body_paragraphs(hoang_kim_docx)) > 50


@pytest.mark.django_db
def test_body_paragraphs_have_a_first_line_indent_of_1_to_1_27_cm(hoang_kim_docx):
    for paragraph in body_paragraphs(hoang_kim_docx):
        assert 567 <= int(w(child(paragraph, "pPr/ind"), "firstLine")) <= 720


@pytest.mark.django_db
def test_body_paragraphs_have_at_least_6pt_after(hoang_kim_docx):
    for paragraph in body_paragraphs(hoang_kim_docx):
        assert int(w(child(paragraph, "pPr/spacing"), "after")) >= 120


@pytest.mark.django_db
def test_body_line_spacing_is_single_to_one_and_a_half(hoang_kim_docx):
    for paragraph in body_paragraphs(hoang_kim_docx):
        spacing = child(paragraph, "pPr/spacing")
        assert w(spacing, "lineRule") == "auto"
        assert 240 <= int(w(spacing, "line")) <= 360


@pytest.mark.django_db
def test_outline_headings_are_bold_and_bullets_stay_as_text(hoang_kim_docx):
    paragraphs = letter_paragraphs(hoang_kim_docx)
    for heading in ("I. CÔNG TÁC CHỈ ĐẠO", "1. Về tổ chức chỉ đạo", "II. KẾT QUẢ THỰC HIỆN"):
        assert all_bold(paragraph_starting(paragraphs, heading))
    assert not all_bold(paragraph_starting(paragraphs, "- Công tác kiểm tra cải cách hành chính"))
    bullet = paragraph_starting(paragraphs, "+ Số hồ sơ tiếp nhận trực tuyến: 717 hồ sơ")
    assert w(child(bullet, "pPr/jc"), "val") == "both"


@pytest.mark.django_db
def test_the_closing_line_ends_the_text(hoang_kim_docx):
    paragraphs = [p for p in letter_paragraphs(hoang_kim_docx) if text(p)]
    assert text(paragraphs[-1]).startswith("Trên đây là báo cáo kết quả thực hiện công tác")
    assert text(paragraphs[-1]).endswith("./.")


@pytest.mark.django_db
def test_footnotes_are_real_word_footnotes(seed_report):
    document = open_docx(render_report(seed_report(BINH_THANH), "docx"))
    references = [w(ref, "id") for ref in document.element.body.iter(qn("w:footnoteReference"))]
    assert references == ["1", "2"]
    part = document.part.part_related_by(RELATIONSHIP_TYPE.FOOTNOTES)
    notes = etree.fromstring(part.blob)
    texts = {w(note, "id"): text(note).strip() for note in notes.iter(qn("w:footnote"))}
    assert texts["1"].startswith("Kế hoạch số 09/KH-UBND ngày 10/01/2023")
    assert texts["2"].startswith("Kế hoạch số 146/KH-UBND ngày 29/12/2022")
    assert "¹" not in text(document.element.body)


# ---- page numbers and the draft mark


@pytest.mark.django_db
def test_page_numbers_are_centred_in_the_header_from_page_two(hoang_kim_docx):
    section = hoang_kim_docx.sections[0]
    assert section._sectPr.find(qn("w:titlePg")) is not None
    header = section.header._element
    instructions = [node.text.strip() for node in header.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    paragraph = next(
        p for p in header.iter(qn("w:p")) if p.find(f".//{qn('w:instrText')}") is not None
    )
    assert w(child(paragraph, "pPr/jc"), "val") == "center"
    sizes = {int(w(size, "val")) for size in paragraph.iter(qn("w:sz"))}
    assert sizes <= {26, 28}
    first = section.first_page_header._element
    assert not list(first.iter(qn("w:instrText")))


@pytest.mark.django_db
def test_annex_pages_carry_their_page_number(hoang_kim_docx):
    for section in hoang_kim_docx.sections[1:]:
        assert not section.different_first_page_header_footer
        assert section.header.is_linked_to_previous


@pytest.mark.django_db
def test_an_approved_report_carries_no_draft_mark(hoang_kim_docx):
    section = hoang_kim_docx.sections[0]
    for header in (section.header, section.first_page_header):
        assert DRAFT_MARK not in text(header._element)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED]
)
def test_a_report_not_yet_approved_is_marked_as_a_draft_on_every_page(hoang_kim, status):
    hoang_kim.status = status
    section = open_docx(render_report(hoang_kim, "docx")).sections[0]
    assert DRAFT_MARK in text(section.first_page_header._element)
    assert DRAFT_MARK in text(section.header._element)


# ---- nơi nhận and signature


def signature_table(document):
    return [t for t in tables(document) if w(child(t, "tblPr/tblBorders")[0], "val") == "nil"][1]


@pytest.mark.django_db
def test_noi_nhan_is_12pt_bold_italic_with_11pt_items_ending_with_luu(hoang_kim_docx):
    paragraphs = [p for p in cell_paragraphs(signature_table(hoang_kim_docx), 0) if text(p)]
    label, *items = paragraphs
    assert text(label) == "Nơi nhận:"
    assert half_points(label) == {24} and all_bold(label) and all_italic(label)
    assert [text(item) for item in items] == [
        "- UBND huyện (b/c);",
        "- Cán bộ, công chức;",
        "- Lưu: VT.",
    ]
    assert all(half_points(item) == {22} for item in items)


@pytest.mark.django_db
def test_the_signature_block_has_its_authority_title_space_and_name(hoang_kim_docx):
    paragraphs = cell_paragraphs(signature_table(hoang_kim_docx), 1)
    printed = [(text(p), p) for p in paragraphs if text(p)]
    assert [line for line, _ in printed] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Như Đông"]
    for _line, paragraph in printed:
        assert all_bold(paragraph) and half_points(paragraph) <= {26, 28}
        assert w(child(paragraph, "pPr/jc"), "val") == "center"
    # At least 2 cm left above the name for the signature and the seal.
    assert int(w(child(printed[-1][1], "pPr/spacing"), "before")) >= 1134


@pytest.mark.django_db
def test_a_tm_signature_names_the_committee(seed_report):
    document = open_docx(render_report(seed_report(SON_PHU), "docx"))
    printed = [text(p) for p in cell_paragraphs(signature_table(document), 1) if text(p)]
    assert printed == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Quang Tỏa"]


# ---- annex


def annex_paragraphs(document):
    """Top-level paragraphs after the first section break (the annex)."""
    found, after = [], False
    for element in document.element.body:
        if after and element.tag == qn("w:p"):
            found.append(element)
        if element.tag == qn("w:p") and child(element, "pPr/sectPr") is not None:
            after = True
    return found


def annex_table(document):
    return tables(document)[2]


@pytest.mark.django_db
def test_the_annex_starts_a_new_page_with_its_label_title_and_reference(hoang_kim_docx):
    annex = hoang_kim_docx.sections[1]
    assert annex.start_type == WD_SECTION.NEW_PAGE
    label, title, reference = [p for p in annex_paragraphs(hoang_kim_docx) if text(p)][:3]
    assert text(label) == "Phụ lục 01b"
    assert half_points(label) == {28} and all_bold(label)
    assert w(child(label, "pPr/jc"), "val") == "center"
    assert text(title) == (
        "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH CỦA UBND XÃ HOÀNG KIM"
    )
    assert all_bold(title)
    assert text(reference) == "(kèm theo báo cáo số /BC-UBND ngày 04/9/2024)"
    assert all_italic(reference)


@pytest.mark.django_db
def test_the_annex_header_is_two_merged_rows_repeated_on_every_page(hoang_kim_docx):
    table = annex_table(hoang_kim_docx)
    top, bottom = rows(table)[:2]
    assert [text(cell) for cell in cells(top)] == [
        "STT",
        "Chỉ tiêu thống kê",
        "Kết quả thống kê",
        "Ghi chú",
    ]
    assert [text(cell) for cell in cells(bottom)] == ["", "", "Đơn vị tính", "Số liệu", ""]
    assert w(child(cells(top)[2], "tcPr/gridSpan"), "val") == "2"
    for column in (0, 1, 3):
        assert w(child(cells(top)[column], "tcPr/vMerge"), "val") == "restart"
    for column in (0, 1, 4):
        assert child(cells(bottom)[column], "tcPr/vMerge") is not None
    for row in (top, bottom):
        assert child(row, "trPr/tblHeader") is not None
    assert all(child(row, "trPr/tblHeader") is None for row in rows(table)[2:])


@pytest.mark.django_db
def test_annex_section_rows_are_bold_and_trong_do_rows_indented(hoang_kim_docx):
    body_rows = rows(annex_table(hoang_kim_docx))[2:]
    by_stt = {text(cells(row)[0]): row for row in reversed(body_rows)}  # the first of each
    section = by_stt["1"]
    assert all_bold(cells(section)[1].find(qn("w:p")))
    breakdown = by_stt["Trong đó"]
    name = cells(breakdown)[1].find(qn("w:p"))
    assert text(name) == "Tiếp nhận trực tiếp"
    assert int(w(child(name, "pPr/ind"), "left")) > 0
    assert not all_bold(cells(by_stt["1.1.1"])[1].find(qn("w:p")))


def expected_value(value: IndicatorValue) -> str:
    if value.indicator.is_coded:
        return plain(value.value)
    return format_number(value.value) if value.value is not None else value.text


@pytest.mark.django_db
@pytest.mark.parametrize("key", SEED_KEYS)
def test_every_annex_value_is_in_the_row_of_its_code(seed_report, key):
    report = seed_report(key)
    document = open_docx(render_report(report, "docx"))
    body_rows = rows(annex_table(document))[2:]
    indicators = list(Indicator.objects.filter(template=report.template).order_by("position"))
    assert len(body_rows) == len(indicators)
    row_of = {indicator.pk: row for indicator, row in zip(indicators, body_rows, strict=True)}
    values = list(report.values.select_related("indicator"))
    assert values
    for value in values:
        row = row_of[value.indicator_id]
        stt, name, _unit, printed, _note = (text(cell) for cell in cells(row))
        assert name == value.indicator.name
        if not value.indicator.is_breakdown:
            assert stt == value.indicator.display_code
        assert printed == expected_value(value), value.indicator.code


@pytest.mark.django_db
def test_the_table_by_field_follows_on_a_landscape_page(seed_report):
    document = open_docx(render_report(seed_report(BINH_THANH), "docx"))
    last = document.sections[-1]
    assert last.orientation == WD_ORIENT.LANDSCAPE
    size = last._sectPr.find(qn("w:pgSz"))
    assert (w(size, "w"), w(size, "h"), w(size, "orient")) == ("16838", "11906", "landscape")
    table = tables(document)[-1]
    header = [row for row in rows(table) if child(row, "trPr/tblHeader") is not None]
    assert len(header) == 3
    assert "Số hồ sơ nhận giải quyết" in text(header[0])
    total = rows(table)[-1]
    assert [text(cell) for cell in cells(total)][:6] == ["", "Tổng cộng", "521", "516", "5", "0"]


@pytest.mark.django_db
@pytest.mark.parametrize("key", SEED_KEYS)
def test_the_blank_form_has_the_outline_and_an_empty_annex(seed_report, key):
    report = seed_report(key)
    document = open_docx(render_report(report, "docx", blank=True))
    headings = [text(p) for p in letter_paragraphs(document) if text(p)]
    assert report.template.outline.exists()
    for outline in report.template.outline.all():
        assert outline.heading in headings
    for row in rows(annex_table(document))[2:]:
        assert text(cells(row)[3]) == ""
        assert text(cells(row)[4]) == ""
    header = document.element.body[0]
    assert text(paragraph_starting(cell_paragraphs(header, 0), "Số:")) == "Số:      /BC-UBND"
    assert DRAFT_MARK not in text(document.sections[0].header._element)


@pytest.mark.django_db
def test_the_document_is_tagged_vietnamese_with_its_title(hoang_kim_docx):
    properties = hoang_kim_docx.core_properties
    assert properties.language == "vi-VN"
    assert properties.title.startswith("BÁO CÁO Tình hình, kết quả")


@pytest.mark.django_db
def test_pasted_control_characters_and_line_breaks_do_not_break_the_file(hoang_kim):
    IndicatorValue.objects.filter(report=hoang_kim, indicator__code="1.1.1").update(
        note="Dòng một\x0bcòn tiếp\nDòng hai"
    )
    document = open_docx(render_report(hoang_kim, "docx"))
    body_rows = rows(annex_table(document))[2:]
    note = next(cells(row)[4] for row in body_rows if text(cells(row)[0]) == "1.1.1")
    assert text(note) == "Dòng mộtcòn tiếpDòng hai"
    assert note.find(f".//{qn('w:br')}") is not None


@pytest.mark.django_db
def test_the_blank_form_leaves_the_date_open_under_the_units_own_name(hoang_kim):
    document = open_docx(render_report(hoang_kim, "docx", blank=True))
    right = [text(p) for p in cell_paragraphs(document.element.body[0], 1) if text(p)]
    assert right[-1] == "Hoằng Kim, ngày      tháng      năm 2024"
    signature = [text(p) for p in cell_paragraphs(signature_table(document), 1) if text(p)]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
