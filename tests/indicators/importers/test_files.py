"""Files the importers refuse before any parser sees them, each with a Vietnamese reason."""

from __future__ import annotations

import unicodedata
import zipfile

import pytest

from indicators.importers import files
from indicators.importers.files import ImportFileError, check_file
from indicators.importers.reader import read_annex_source
from tests.seed_imports import docx_bytes, replace_part, with_entities, xlsx_bytes, zip_bytes


def _refusal(data: bytes) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_annex_source(data)
    return caught.value.message


def test_an_empty_file_is_refused():
    assert _refusal(b"") == files.MSG_EMPTY


def test_a_file_above_the_size_limit_is_refused_before_it_is_read():
    message = _refusal("STT\tChỉ tiêu\n".encode() + b"x" * (20 * 1024 * 1024))
    assert message == files.MSG_TOO_LARGE.format(size="20 MB", limit="5 MB")


def test_the_size_limit_is_one_constant():
    assert files.MAX_UPLOAD_BYTES == 5 * 1024 * 1024


def test_a_docx_with_a_broken_zip_is_refused():
    data = docx_bytes("Báo cáo")
    assert _refusal(data[: len(data) // 2]) == files.MSG_BROKEN_ZIP


def test_a_docx_with_a_corrupted_part_is_refused():
    data = bytearray(docx_bytes("Báo cáo " * 200))
    start = data.index(b"word/document.xml") + 40
    data[start : start + 200] = bytes(200)
    assert _refusal(bytes(data)) == files.MSG_BROKEN_ZIP


def test_a_zip_bomb_is_refused_from_its_declared_sizes():
    bomb = zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": b"\0" * (45 << 20)})
    assert len(bomb) < 200_000
    assert _refusal(bomb) == files.MSG_ZIP_BOMB


def test_a_part_that_unpacks_hundreds_of_times_its_size_is_refused():
    bomb = zip_bytes({"word/document.xml": b" " * (8 << 20)})
    assert _refusal(bomb) == files.MSG_ZIP_BOMB


def test_a_zip_that_is_not_an_office_file_is_refused():
    assert _refusal(zip_bytes({"notes.txt": "STT\tChỉ tiêu"})) == files.MSG_UNKNOWN_ZIP


@pytest.mark.parametrize("part", ["word/document.xml", "[Content_Types].xml"])
def test_a_docx_declaring_xml_entities_is_refused_unexpanded(part):
    data = replace_part(docx_bytes("STT"), part, with_entities)
    assert _refusal(data) == files.MSG_XML_DECLARATIONS


def test_an_xlsx_declaring_xml_entities_is_refused_unexpanded():
    data = replace_part(
        xlsx_bytes([["STT", "Chỉ tiêu thống kê"]]), "xl/worksheets/sheet1.xml", with_entities
    )
    assert _refusal(data) == files.MSG_XML_DECLARATIONS


def test_an_old_binary_word_or_excel_file_is_refused_by_its_content_not_its_name():
    assert _refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600) == files.MSG_LEGACY_OFFICE


def test_a_pdf_is_refused_with_a_way_forward():
    assert _refusal(b"%PDF-1.7\n...") == files.MSG_PDF


def test_a_binary_file_is_refused():
    assert _refusal(bytes(range(256)) * 40) == files.MSG_BINARY


@pytest.mark.parametrize(
    "data",
    [
        "Kính gửi: UBND huyện\nBáo cáo kết quả công tác quý 1.\n".encode(),
        docx_bytes("BÁO CÁO", "Kết quả thực hiện công tác cải cách hành chính"),
        xlsx_bytes([["Họ tên", "Ngày sinh"], ["Nguyễn Văn A", "01/01/1980"]]),
    ],
    ids=["text", "docx", "xlsx"],
)
def test_a_file_without_an_annex_table_is_refused(data):
    assert _refusal(data) == files.MSG_NOT_ANNEX


def test_the_type_is_read_from_the_content():
    assert check_file(docx_bytes("x")).format == files.DOCX
    assert check_file(xlsx_bytes([["x"]])).format == files.XLSX
    assert check_file("STT\tChỉ tiêu".encode()).format == files.TEXT


def test_windows_1258_text_is_read_in_composed_form():
    text = "STT\tChỉ tiêu thống kê\tKết quả\t\tGhi chú\n1.\tCông tác chỉ đạo\t\t\t\n"
    assert files.decode_text(_cp1258(text)) == text


TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """As Windows-1258 stores Vietnamese: â/ê/ô/ơ/ư/ă as letters, tones as combining marks."""
    out = []
    for char in text:
        marks = unicodedata.normalize("NFD", char)
        tones = "".join(mark for mark in marks if mark in TONES)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_a_stored_zip_is_checked_like_a_deflated_one():
    bomb = zip_bytes(
        {"word/document.xml": with_entities("<w:document/>")}, method=zipfile.ZIP_STORED
    )
    assert _refusal(bomb) == files.MSG_XML_DECLARATIONS
