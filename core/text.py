"""Vietnamese text helpers: accent-insensitive matching and ASCII slugs."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without diacritics: "Đất đai" → "dat dai" (for search and matching)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """ "Bảo trợ xã hội" → "bao-tro-xa-hoi"."""
    return _NON_WORD.sub("-", fold(text)).strip("-")


# --- Text as it may be stored: what every boundary does to typed or imported text -----------
#
# XML 1.0 (DOCX, XLSX, the backup) forbids most control characters, and a database or a UTF-8
# file cannot hold a lone surrogate. Text pasted from Word brings them: a vertical tab is
# Word's manual line break, a form feed its page break. So every text that enters the portal
# (forms, imports, services) goes through ``clean_text``:
#
# - line and paragraph breaks of other documents become "\n": \v (VT), \f (FF), the file, group
#   and record separators (\x1c–\x1e), U+2028 and U+2029; "\r\n" and a lone "\r" too;
# - every other C0 control but tab and line feed is dropped, and DEL, the C1 controls
#   (\x80–\x9f), lone surrogates and the non-characters U+FFFE and U+FFFF;
# - the result is in composed form (NFC): Word and Macs sometimes give "ệ" as e + two marks,
#   which would neither match nor count as one character.
#
# Odd spaces are kept: a no-break space (U+00A0) or a narrow one (U+202F) is legal everywhere,
# prints as typed in Word, and the number parser already reads it as a digit group separator
# ("2 590 755"). Nothing else changes: no stripping, no collapsing of spaces.

_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\r\u2028\u2029"
_DROPPED = [
    *range(0x00, 0x09),
    *range(0x0E, 0x1C),
    0x1F,
    *range(0x7F, 0xA0),
    *range(0xD800, 0xE000),
    0xFFFE,
    0xFFFF,
]
_CLEAN_TABLE: dict[int, str | None] = {code: None for code in _DROPPED}
_CLEAN_TABLE.update({ord(char): "\n" for char in _LINE_BREAKS})

# How long a text may be (characters). A narrative section of a real báo cáo has a few
# thousand; a comment, an explanation or a paragraph of the header a few hundred.
NARRATIVE_MAX_CHARS = 30_000
NOTE_MAX_CHARS = 5_000
MSG_TOO_LONG = (
    "Nội dung dài {length} ký tự, quá giới hạn {limit} ký tự: hãy rút gọn hoặc chia bớt. "
    "Nội dung vẫn còn nguyên trên trang nhưng chưa được lưu."
)


def clean_text(text: str) -> str:
    """``text`` as the portal stores it: breaks as "\\n", no character XML or UTF-8 refuses,
    composed form. Idempotent; see the rules above."""
    if not text:
        return text
    cleaned = text.replace("\r\n", "\n").translate(_CLEAN_TABLE)
    if cleaned.isascii():
        return cleaned
    return unicodedata.normalize("NFC", cleaned)


def clean_json(value):
    """Every string of a JSON value (lists, objects, their keys) through ``clean_text``."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_json(item) for item in value]
    if isinstance(value, dict):
        return {clean_json(key): clean_json(item) for key, item in value.items()}
    return value


def too_long_message(text: str, limit: int, message: str = MSG_TOO_LONG) -> str:
    """The Vietnamese refusal of a text over ``limit`` characters ("" when it fits);
    ``message`` has the fields {length} and {limit}."""
    if len(text) <= limit:
        return ""
    return message.format(length=grouped(len(text)), limit=grouped(limit))


def grouped(number: int) -> str:
    """30000 → "30.000"."""
    return f"{number:,}".replace(",", ".")
