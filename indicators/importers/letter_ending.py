"""The end of a báo cáo, read from its lines: the closing ("Trên đây là …" to its "./."), "Nơi
nhận" with its items, the signature block (how and for whom: "TM. ỦY BAN NHÂN DÂN", the title in
capitals, the name) and the annex's heading ("Phụ lục 01b", its title, "(Kèm theo Báo cáo số
…)"); whatever is none of these is kept as leftover. Part of ``report_letter.parse_letter``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.text import fold

from .letter_lines import BULLET, clean, folded_line, is_capitals, line_columns

if TYPE_CHECKING:
    from .report_letter import LetterHeader

_SIGNER_MODE = re.compile(r"^(?P<mode>TM|KT|TL|TUQ|Q)\s*\.\s*(?P<authority>.*)$")
CLOSING_PREFIX = "tren day"
RECIPIENTS_PREFIX = "noi nhan"
ANNEX_PREFIX = "phu luc"
CLOSING_END = ("./.", "/.")
# Words of a signer's title, never of a name ("PHÓ CHỦ TỊCH", "CHỦ TỊCH").
TITLE_WORDS = ("chu tich", "pho chu tich", "uy ban", "truong", "giam doc", "bi thu")
MAX_NAME_WORDS = 6


def closing_index(lines: list[str], start: int, stop: int) -> int | None:
    for index in range(stop - 1, start - 1, -1):
        if folded_line(lines[index]).startswith(CLOSING_PREFIX):
            return index
    return None


def _is_signature_line(text: str) -> bool:
    folded = fold(text).strip()
    return folded.startswith(RECIPIENTS_PREFIX) or _SIGNER_MODE.match(text) is not None


def signature_start(lines: list[str], start: int, stop: int, spaced: bool) -> int | None:
    for index in range(start, stop):
        parts = line_columns(lines[index], spaced)
        if parts and _is_signature_line(parts[0]):
            return index
    return None


def read_closing(lines: list[str], index: int, stop: int, header: LetterHeader) -> int:
    """ "Trên đây là …" up to its "./." (a PDF breaks it over lines); the index after it."""
    texts: list[str] = []
    position = index
    while position < stop:
        text = clean(lines[position])
        if (
            texts
            and text
            and (_is_signature_line(text) or folded_line(text).startswith(ANNEX_PREFIX))
        ):
            break
        position += 1
        if not text:
            continue
        texts.append(text)
        if text.endswith(CLOSING_END):
            break
    header.closing = " ".join(texts)
    return position


def read_signature_and_annex(
    lines: list[str],
    start: int,
    stop: int,
    header: LetterHeader,
    leftover: list[tuple[int, str]],
    spaced: bool,
) -> None:
    """Nơi nhận, the signature, and the annex's heading, up to the annex's table."""
    state = "signature"
    for index in range(start, stop):
        for part in line_columns(lines[index], spaced):
            line = index + 1
            folded = fold(part).strip()
            if folded.startswith(ANNEX_PREFIX) and not header.annex_label:
                header.annex_label, state = part, "annex"
            elif state == "annex":
                _read_annex_heading(part, header, line, leftover)
            elif folded.startswith(RECIPIENTS_PREFIX):
                _, _, rest = part.partition(":")
                if rest.strip():
                    header.recipients.append(_recipient(rest))
            elif BULLET.match(part):
                header.recipients.append(_recipient(part))
            elif not _read_signer(part, header):
                leftover.append((line, part))


def _recipient(text: str) -> str:
    return BULLET.sub("", text).strip().rstrip(";.,").strip()


def _read_signer(part: str, header: LetterHeader) -> bool:
    """A line of the signature block, if it is one: how and for whom, the title, the name."""
    if part.startswith("(") and part.endswith(")"):
        return True  # "(Đã ký)", "(Ký tên, đóng dấu)"
    mode = _SIGNER_MODE.match(part)
    if mode is not None and not header.signer_mode:
        header.signer_mode = f"{mode.group('mode')}."
        header.signer_authority = mode.group("authority").strip()
        return True
    if is_capitals(part) and not header.signer_title:
        header.signer_title = part
        return True
    if is_capitals(part) and any(word in fold(part) for word in TITLE_WORDS):
        return False  # a second title: not a name
    words = part.split()
    if (
        not header.signer_name
        and len(words) <= MAX_NAME_WORDS
        and all(word[:1].isupper() for word in words if word[:1].isalpha())
        and any(char.isalpha() for char in part)
    ):
        header.signer_name = part
        return True
    return False


def _read_annex_heading(
    part: str, header: LetterHeader, line: int, leftover: list[tuple[int, str]]
) -> None:
    folded = fold(part).strip()
    if part.startswith("(") and "kem theo" in folded and not header.annex_reference:
        header.annex_reference = part
    elif is_capitals(part) and not header.annex_reference:
        header.annex_title = f"{header.annex_title} {part}".strip()
    else:
        leftover.append((line, part))
