"""Vietnamese typed in the 8-bit encodings that came before Unicode, still met in old offices:
TCVN3 (the ABC keyboard and the .VnTime fonts) and VNI (the VNI-Times fonts). A file in one of
them is text in Latin-1 letters ("ChØ tiªu thèng kª", "Chæ tieâu thoáng keâ"), whatever its
format: bytes of a .txt file, or the characters of a Word or Excel file typed in those fonts.

:func:`detect` tells which encoding a text is in; :func:`to_unicode` converts it.

- TCVN3 (TCVN 5712:1993, VN3) gives each lower-case letter one code, and the capitals Ă Â Ê Ô
  Ơ Ư Đ: a 1:1 table. Capitals with a tone have no code (the .VnTimeH fonts draw the
  lower-case codes as capitals), so "CHỈ TIÊU" in .VnTimeH reads as "chỉ tiêu": the importers
  compare names without case, so the rows still match.
- VNI writes a letter with its marks as the base letter followed by one or two mark
  characters ("ế" is "eá", "ờ" is "ôø"), capitals included.

Detection: both write letters that Vietnamese in Unicode never uses ("ñ", "Ö", "æ"…); TCVN3
alone puts letters on codes that are signs in Unicode ("¸" for "á", "ª" for "ê", "©" for "â");
VNI alone puts a mark character right after a vowel ("aù", "eâ", "oä") where Unicode
Vietnamese never has that letter. These signs must outweigh the Vietnamese letters beyond
Latin-1 that a Unicode text is full of ("ư", "ơ", "ạ", "ệ"…).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

TCVN3 = "TCVN3"
VNI = "VNI"
LABELS = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}
MSG_LEGACY = "Tệp dùng bảng mã {label}: hãy chuyển sang Unicode bằng Unikey rồi tải lên lại."

# TCVN3 code (as a Latin-1 character) and the letter it stands for, in the standard's order.
_TCVN3_PAIRS = (
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ ¨ă ©â ªê «ô ¬ơ \xadư ®đ µà ¶ả ·ã ¸á ¹ạ »ằ ¼ẳ ½ẵ ¾ắ Æặ Çầ Èẩ Éẫ "
    "Êấ Ëậ Ìè Îẻ Ïẽ Ðé Ñẹ Òề Óể Ôễ Õế Öệ ×ì Øỉ Üĩ Ýí Þị ßò áỏ âõ ãó äọ åồ æổ çỗ èố éộ êờ "
    "ëở ìỡ íớ îợ ïù ñủ òũ óú ôụ õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ"
)
TCVN3_TABLE = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}
_TCVN3_TRANSLATION = str.maketrans(TCVN3_TABLE)
# Codes that TCVN3 uses for letters and VNI never uses (it keeps to the letters of Latin-1):
# common letters (ă ê ơ à á ả, the capitals Ă Â Ê Ô Ơ Ư) on signs that a Unicode text never
# holds, and letters on signs it may hold («», ©, ·, ½, ×, the soft hyphen…), which count only
# next to a letter: "nh©n", "x·", "Ho»ng", "ng\xadêi".
_TCVN3_SIGNS = re.compile("[¡¢£¤¥¦¨ª¬µ¶¸]")
_TCVN3_SIGNS_IN_WORDS = re.compile(
    "(?<=[^\\W\\d_])[§©«®·¹»¼½¾×÷\xad]|[§©«®·¹»¼½¾×÷\xad](?=[^\\W\\d_])"
)
# Latin-1 letters that Vietnamese in Unicode never uses and both TCVN3 and VNI use.
_LEGACY_LETTERS = re.compile("[ÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïñöøûüþ]")


def _vni_table() -> dict[str, str]:
    """VNI sequence → letter, for lower and upper case."""
    tones = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
    hat_tones = {"á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
    breve_tones = {"é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
    table: dict[str, str] = {"ñ": "đ", "ô": "ơ", "ö": "ư", "aâ": "â", "eâ": "ê", "oâ": "ô"}
    table["aê"] = "ă"
    for base in "aeouy":
        for mark, tone in tones.items():
            table[base + mark] = base + tone
    del table["yï"]  # "ỵ" has a code of its own, below
    for base in "aeo":
        for mark, tone in hat_tones.items():
            table[base + mark] = base + "\u0302" + tone
    for mark, tone in breve_tones.items():
        table["a" + mark] = "a\u0306" + tone
    for base, letter in (("ô", "o\u031b"), ("ö", "u\u031b")):
        for mark, tone in tones.items():
            table[base + mark] = letter + tone
    # i has its five tones on single codes, and so has the "y" with a dot below.
    table.update({"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"})
    lower = {code: unicodedata.normalize("NFC", letter) for code, letter in table.items()}
    upper = {code.upper(): letter.upper() for code, letter in lower.items()}
    return {**lower, **upper}


VNI_TABLE = _vni_table()
_VNI_SEQUENCES = re.compile(
    "|".join(re.escape(code) for code in sorted(VNI_TABLE, key=len, reverse=True))
)
# A mark character right after a vowel where Unicode Vietnamese never has that letter ("aù",
# "oä", "ôø", "eâ", "aá", "oâ"; not "oá" or "uâ": "hoá", "quân"). Not "ñ" for "đ": TCVN3 has
# "ñ" for "ủ".
_VNI_SIGNS = re.compile("[aeouyôöAEOUYÔÖ][ùøûõïåäüëÙØÛÕÏÅÄÜË]|[aeAE][âáàãÂÁÀÃ]|[oO][âÂ]")

# Vietnamese letters beyond Latin-1, and the combining tone marks of decomposed text.
_UNICODE_SIGNS = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")
MIN_SIGNS = 3
# Enough text to tell by: a file is typed in one encoding throughout.
SAMPLE_CHARS = 200_000


def detect(texts: Iterable[str]) -> str | None:
    """TCVN3, VNI, or None (Unicode, or nothing to tell by): the signs of a legacy encoding
    must be at least ``MIN_SIGNS`` and outnumber the Vietnamese letters beyond Latin-1; then the
    signs only TCVN3 has and those only VNI has tell which."""
    tcvn3 = vni = both = unicode = 0
    left = SAMPLE_CHARS
    for text in texts:
        if text.isascii():
            continue
        if left <= 0:
            break
        text = text[:left]
        left -= len(text)
        tcvn3 += len(_TCVN3_SIGNS.findall(text)) + len(_TCVN3_SIGNS_IN_WORDS.findall(text))
        vni += len(_VNI_SIGNS.findall(text))
        both += len(_LEGACY_LETTERS.findall(text))
        unicode += len(_UNICODE_SIGNS.findall(text))
    legacy = tcvn3 + vni + both
    if legacy < MIN_SIGNS or legacy <= unicode or tcvn3 == vni:
        return None
    return TCVN3 if tcvn3 > vni else VNI


def to_unicode(text: str, encoding: str) -> str:
    """The text in Unicode; a text that already holds Vietnamese letters beyond Latin-1 was
    typed in Unicode (a file mixing both) and is left as it is."""
    if text.isascii() or _UNICODE_SIGNS.search(text):
        return text
    if encoding == TCVN3:
        return text.translate(_TCVN3_TRANSLATION)
    if encoding == VNI:
        return _VNI_SEQUENCES.sub(lambda found: VNI_TABLE[found.group()], text)
    raise ValueError(encoding)


def lines_to_unicode(text: str, encoding: str) -> str:
    """A whole text converted line by line (a line typed in Unicode is left as it is)."""
    return "\n".join(to_unicode(line, encoding) for line in text.split("\n"))
