"""Vietnamese typed in the legacy TCVN3 (ABC) and VNI encodings is recognised and read as
Unicode, in a text file, a Word document or a workbook; an annex that still cannot be found
is refused with the encoding named."""

from __future__ import annotations

import io
import unicodedata

import pytest
from docx import Document
from openpyxl import Workbook

from core.text import fold
from indicators.importers import legacy_text
from indicators.importers.files import ImportFileError, decode_text, read_text
from indicators.importers.legacy_text import TCVN3, TCVN3_TABLE, VNI, VNI_TABLE, detect
from indicators.importers.reader import read_annex_source
from tests.seed_imports import SEEDS, replace_part, to_tcvn3, to_vni

TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
LETTERS = {
    unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in TONES
} - set("aeiouy") | {"đ"}


def test_tcvn3_gives_each_lower_case_letter_and_seven_capitals_a_code_of_their_own():
    assert len(LETTERS) == 67
    letters = list(TCVN3_TABLE.values())
    assert len(set(letters)) == len(letters) == 74
    assert set(letters) == LETTERS | set("ĂÂÊÔƠƯĐ")
    assert all(len(code) == 1 and "\xa0" < code <= "\xff" for code in TCVN3_TABLE)


def test_vni_gives_every_letter_a_code_in_both_cases():
    letters = list(VNI_TABLE.values())
    assert len(set(letters)) == len(letters)
    assert set(letters) == LETTERS | {letter.upper() for letter in LETTERS}
    assert all(code.isalpha() and code <= "\xff" * len(code) for code in VNI_TABLE)


@pytest.mark.parametrize(
    ("typed", "encoding", "unicode"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", TCVN3, "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("Uû ban nh©n d©n x· Ho»ng Kim", TCVN3, "Uỷ ban nhân dân xã Hoằng Kim"),
        (
            "ChØ tiªu thèng kª\t§¬n vÞ tÝnh\tSè liÖu",
            TCVN3,
            "Chỉ tiêu thống kê\tĐơn vị tính\tSố liệu",
        ),
        ("ng\xadêi d©n, ®­îc", TCVN3, "người dân, được"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", VNI, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", VNI, "Độc lập - Tự do - Hạnh phúc"),
        (
            "Chæ tieâu thoáng keâ\tÑôn vò tính\tSoá lieäu",
            VNI,
            "Chỉ tiêu thống kê\tĐơn vị tính\tSố liệu",
        ),
        ("ngöôøi daân, ñöôïc, thuôû", VNI, "người dân, được, thuở"),
    ],
)
def test_text_as_the_old_fonts_typed_it_reads_as_unicode(typed, encoding, unicode):
    assert detect([typed]) == encoding
    assert legacy_text.to_unicode(typed, encoding) == unicode


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.key for seed in SEEDS])
def test_unicode_text_is_never_taken_for_a_legacy_encoding(seed):
    text = seed.path.read_text(encoding="utf-8")
    assert detect([text]) is None
    assert all(detect([line]) is None for line in text.split("\n"))
    assert detect([to_tcvn3(text)]) == TCVN3
    assert detect([to_vni(text)]) == VNI


def test_signs_that_unicode_text_may_hold_do_not_make_it_tcvn3():
    text = "Trích yếu «Về việc ban hành kế hoạch» © 2024 · ½ ngày · § 3 · 2 × 3 · 25°C"
    assert detect([text]) is None


def test_a_line_typed_in_unicode_within_a_legacy_file_is_left_as_it_is():
    assert legacy_text.to_unicode("Số liệu", TCVN3) == "Số liệu"


def test_a_tcvn3_text_file_reads_as_unicode():
    text = "STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\n1.\tSố văn bản đã ban hành\tVăn bản\t3\n"
    data = to_tcvn3(text).encode("latin-1")
    decoded = read_text(data)
    assert (decoded.text, decoded.legacy_encoding) == (text, TCVN3)
    # Read as Windows-1258, as before, it was neither the text nor an annex.
    assert data.decode("cp1258", errors="replace") != text


def test_a_vni_text_file_reads_as_unicode():
    text = "STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\n1.\tỦy ban nhân dân\tĐơn vị\t3\n"
    decoded = read_text(to_vni(text).encode("latin-1"))
    assert (decoded.text, decoded.legacy_encoding) == (text, VNI)


def test_tcvn3_saved_as_utf8_reads_as_unicode():
    text = "Chỉ tiêu thống kê, đơn vị tính, số liệu"
    assert decode_text(to_tcvn3(text).encode("utf-8")) == text


def _annex_rows(source) -> list[tuple[str, str, str, str]]:
    return [(r.printed_code, fold(r.name), fold(r.unit), r.value) for r in source.annex.rows]


def _seed_source(seed, encode):
    text = seed.path.read_text(encoding="utf-8")
    return read_annex_source(encode(text).encode("latin-1", errors="replace"))


@pytest.mark.parametrize(("encode", "encoding"), [(to_tcvn3, TCVN3), (to_vni, VNI)])
def test_a_seed_annex_in_a_legacy_encoding_reads_as_the_unicode_one(encode, encoding):
    seed = SEEDS[0]
    unicode = read_annex_source(seed.path.read_bytes())
    legacy = _seed_source(seed, encode)
    assert legacy.legacy_encoding == encoding
    assert "đã được chuyển sang Unicode" in legacy.format_label
    # TCVN3 has no capitals with tones: compared as the matching does, without case.
    assert _annex_rows(legacy) == _annex_rows(unicode)


def _tcvn3_document(*, soft_hyphen_element: bool) -> bytes:
    document = Document()
    document.add_paragraph(to_tcvn3("Báo cáo kết quả công tác cải cách hành chính"))
    rows = [
        ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"],
        ["1.", "Số người được tiếp nhận hồ sơ", "Người", "12", ""],
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = to_tcvn3(text)
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    if soft_hyphen_element:
        # How Word keeps TCVN3's "ư" (the soft hyphen): as an optional hyphen.
        data = replace_part(
            data,
            "word/document.xml",
            lambda xml: xml.replace("\xad", "</w:t></w:r><w:r><w:softHyphen/></w:r><w:r><w:t>"),
        )
    return data


@pytest.mark.parametrize("soft_hyphen_element", [False, True], ids=["character", "element"])
def test_a_word_document_typed_in_tcvn3_reads_as_unicode(soft_hyphen_element):
    source = read_annex_source(_tcvn3_document(soft_hyphen_element=soft_hyphen_element))
    assert source.legacy_encoding == TCVN3
    assert [(r.printed_code, r.name, r.unit, r.value) for r in source.annex.rows] == [
        ("1.", "Số người được tiếp nhận hồ sơ", "Người", "12"),
    ]
    assert source.lines[0] == "Báo cáo kết quả công tác cải cách hành chính"


def test_a_soft_hyphen_in_a_unicode_word_document_is_dropped():
    document = Document()
    document.add_paragraph("Báo cáo")
    table = document.add_table(rows=2, cols=4)
    for c, text in enumerate(["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1.", "Số hồ\xadsơ", "Hồ sơ", "3"]):
        table.cell(1, c).text = text
    out = io.BytesIO()
    document.save(out)
    source = read_annex_source(out.getvalue())
    assert source.legacy_encoding is None
    assert source.annex.rows[0].name == "Số hồsơ"


def test_a_workbook_typed_in_vni_reads_as_unicode():
    workbook = Workbook()
    for row in (
        ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"],
        ["1.", "Số văn bản đã ban hành", "Văn bản", 3, ""],
        ["2.", "Tỷ lệ hồ sơ đúng hạn", "%", 98.5, "Ước tính"],
    ):
        workbook.active.append([to_vni(cell) if isinstance(cell, str) else cell for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    source = read_annex_source(out.getvalue())
    assert source.legacy_encoding == VNI
    assert [(r.printed_code, r.name, r.unit, r.value, r.note) for r in source.annex.rows] == [
        ("1.", "Số văn bản đã ban hành", "Văn bản", "3", ""),
        ("2.", "Tỷ lệ hồ sơ đúng hạn", "%", "98,5", "Ước tính"),
    ]


def test_a_legacy_file_without_an_annex_is_refused_with_its_encoding_named():
    data = to_tcvn3("Kính gửi: Uỷ ban nhân dân huyện\nBáo cáo kết quả công tác quý 1.\n")
    with pytest.raises(ImportFileError) as caught:
        read_annex_source(data.encode("latin-1"))
    assert caught.value.message.startswith("Không tìm thấy bảng phụ lục trong tệp")
    assert caught.value.message.endswith(
        "Tệp dùng bảng mã TCVN3 (ABC): hãy chuyển sang Unicode bằng Unikey rồi tải lên lại."
    )
