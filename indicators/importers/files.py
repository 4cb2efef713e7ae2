"""Uploaded annex files, checked before any parser sees them: size, type by content (never by
the extension), and the traps an Office file can hide (zip bombs, XML entity declarations).

Every refusal is an :class:`ImportFileError` with a Vietnamese message for the user; nothing
is written anywhere before a file has passed these checks.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from core.errors import DomainError
from core.text import clean_text

from .legacy_text import detect, lines_to_unicode

# The one size limit of every annex import (upload pages and commands alike).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# An annex workbook or document unpacks to a few megabytes; far more is a zip bomb.
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
# Office XML compresses ten- to fifty-fold; a part that unpacks hundreds of times its packed
# size (and is big) is built to exhaust memory.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_ABOVE = 1024 * 1024
_CHUNK = 64 * 1024

MSG_EMPTY = "Tệp rỗng: không có gì để nhập."
MSG_TOO_LARGE = "Tệp quá lớn ({size}): chỉ nhận tệp phụ lục đến {limit}."
MSG_BROKEN_ZIP = (
    "Tệp bị hỏng, không mở được như một tệp Word/Excel: hãy mở tệp bằng Word hoặc Excel, "
    "lưu lại rồi tải lên lần nữa."
)
MSG_ZIP_BOMB = "Tệp nén bất thường (giải nén ra quá lớn hoặc quá nhiều phần): không nhập."
MSG_XML_DECLARATIONS = (
    "Tệp có khai báo DOCTYPE/ENTITY trong nội dung XML, điều mà tệp Word/Excel thông thường "
    "không có: không nhập vì lý do an toàn."
)
MSG_UNKNOWN_ZIP = "Tệp nén này không phải tệp Word (.docx) hay Excel (.xlsx)."
MSG_LEGACY_OFFICE = (
    "Tệp Word/Excel định dạng cũ (.doc/.xls) chưa đọc được: hãy mở tệp và lưu lại thành "
    ".docx hoặc .xlsx rồi tải lên."
)
MSG_PDF = (
    "Tệp PDF chưa đọc được trực tiếp: hãy tải lên bản Word/Excel của phụ lục, hoặc chép phần "
    "chữ của PDF vào một tệp .txt."
)
MSG_BINARY = (
    "Không nhận dạng được tệp: chỉ nhận tệp Excel (.xlsx), Word (.docx) hoặc văn bản (.txt)."
)
MSG_NOT_ANNEX = (
    "Không tìm thấy bảng phụ lục trong tệp (cần dòng tiêu đề “STT | Chỉ tiêu thống kê | "
    "Đơn vị tính | Số liệu”)."
)

XLSX = "xlsx"
DOCX = "docx"
TEXT = "text"
FORMAT_LABELS = {XLSX: "Excel (.xlsx)", DOCX: "Word (.docx)", TEXT: "văn bản (.txt)"}

_ZIP_MAGIC = (b"PK\x03\x04",)
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF_MAGIC = b"%PDF"
_DECLARATIONS = (b"<!doctype", b"<!entity")
_DECLARATIONS_UTF16 = tuple(d.decode().encode("utf-16-le") for d in _DECLARATIONS)
_TEXT_ENCODINGS = ("utf-8-sig", "utf-16", "cp1258")


class ImportFileError(DomainError, ValueError):
    """A file the importers refuse, with the reason in Vietnamese."""


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    format: str  # XLSX, DOCX or TEXT


def human_size(size: int) -> str:
    """ "5 MB", "20,3 MB", "812 KB"."""
    if size >= 1024 * 1024:
        text = f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")
        return f"{text} MB"
    return f"{max(size // 1024, 1)} KB"


def check_size(size: int) -> None:
    if size == 0:
        raise ImportFileError(MSG_EMPTY)
    if size > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            MSG_TOO_LARGE.format(size=human_size(size), limit=human_size(MAX_UPLOAD_BYTES))
        )


def check_file(data: bytes) -> CheckedFile:
    """The file's format, read from its content, once it is known to be safe to parse."""
    check_size(len(data))
    if data.startswith(_ZIP_MAGIC):
        return CheckedFile(data, _office_format(data))
    if data.startswith(_EMPTY_ZIP_MAGIC):
        raise ImportFileError(MSG_BROKEN_ZIP)
    if data.startswith(_OLE_MAGIC):
        raise ImportFileError(MSG_LEGACY_OFFICE)
    if data.lstrip().startswith(_PDF_MAGIC):
        raise ImportFileError(MSG_PDF)
    decode_text(data)
    return CheckedFile(data, TEXT)


@dataclass(frozen=True)
class DecodedText:
    text: str
    legacy_encoding: str | None = None  # TCVN3 or VNI, converted from


def decode_text(data: bytes) -> str:
    return read_text(data).text


def read_text(data: bytes) -> DecodedText:
    """Plain text as offices save it: UTF-8 (with or without BOM), UTF-16, Windows-1258, or
    Vietnamese in the legacy TCVN3 or VNI encodings (converted); cleaned as every text the
    portal stores (``core.text.clean_text``): composed form ("ệ" one character, as the templates
    store names), new lines for other documents' breaks, no control character."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = tuple(e for e in _TEXT_ENCODINGS if e != "utf-16")
    for encoding in encodings:
        if encoding == "cp1258":
            # An 8-bit text: TCVN3 and VNI bytes are read as the codes their fonts draw.
            latin = data.decode("latin-1")
            legacy = detect([latin]) if _looks_like_text(latin) else None
            if legacy is not None:
                return DecodedText(lines_to_unicode(latin, legacy), legacy)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            # Windows-1258 (and text from some Macs) writes tones as combining marks.
            text = clean_text(text)
            # Text typed in a TCVN3 or VNI font, then saved as Unicode: the same codes.
            legacy = detect([text])
            if legacy is not None:
                return DecodedText(lines_to_unicode(text, legacy), legacy)
            return DecodedText(text)
    raise ImportFileError(MSG_BINARY)


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if "\x00" in sample:
        return False
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n\f\v")
    return controls <= len(sample) // 100


def _office_format(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ImportFileError(MSG_BROKEN_ZIP) from None
    with archive:
        _check_archive(archive, infos)
        names = {info.filename for info in infos}
        if "xl/workbook.xml" in names:
            return XLSX
        if "word/document.xml" in names:
            return DOCX
    raise ImportFileError(MSG_UNKNOWN_ZIP)


def _check_archive(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Sizes as declared, then as actually unpacked (a declared size can lie), and no DTD in
    any XML part: OOXML never needs one, and entities are how XML bombs and XXE work."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ImportFileError(MSG_ZIP_BOMB)
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(MSG_ZIP_BOMB)
    for info in infos:
        if info.file_size > RATIO_CHECK_ABOVE and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise ImportFileError(MSG_ZIP_BOMB)
    budget = MAX_UNCOMPRESSED_BYTES
    for info in infos:
        if info.is_dir():
            continue
        budget -= _scan_part(archive, info, budget)


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> int:
    is_xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
    read = 0
    tail = b""
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                read += len(chunk)
                if read > budget or read > info.file_size + _CHUNK:
                    raise ImportFileError(MSG_ZIP_BOMB)
                if is_xml:
                    window = (tail + chunk).lower()
                    if any(d in window for d in _DECLARATIONS + _DECLARATIONS_UTF16):
                        raise ImportFileError(MSG_XML_DECLARATIONS)
                    tail = chunk[-32:]
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        raise ImportFileError(MSG_BROKEN_ZIP) from None
    return read
