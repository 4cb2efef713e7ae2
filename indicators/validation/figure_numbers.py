"""Numbers as officials print them, for the figure reader: thousands grouped by dots or
spaces, decimal commas and points, leading zeros (``parse_amount``, ``printed_digits``),
thousands and millions written out ("10,18 ngàn"), small numbers written in words ("tám hồ
sơ"), the spans that are not figures (times, dates, years, document numbers, service levels),
and the words that make a number an approximation ("hơn", "gần", "khoảng") with the bounds it
then stands for (``rate_bounds``, ``figure_bounds``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

THOUSAND = Decimal(1000)
HUNDRED = Decimal(100)

MULTIPLIER = re.compile(r"\s*(ngan|nghin|trieu|ty)\b")
MULTIPLIERS = {"ngan": 3, "nghin": 3, "trieu": 6, "ty": 9}

# A number: dot-grouped thousands (decimal comma), space-grouped thousands, decimal comma,
# decimal point (1–2 decimals, never a thousands group), plain digits (leading zeros kept).
_NUMBER = (
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])"
    r"|[1-9]\d{0,2}(?: \d{3})+(?:,\d+)?(?![\d.,])"
    r"|\d+,\d+"
    r"|\d+\.\d{1,2}(?![\d.])"
    r"|\d+"
)
TOKEN = re.compile(
    r"(?<![\w.,/%-])(?P<a>" + _NUMBER + r")(?:\s*/\s*(?P<b>" + _NUMBER + r"))?(?![\d/]|[.,]\d)"
)
PERCENT_SIGN = re.compile(r"\s*%")

# Small numbers written out ("chỉ tám hồ sơ quá hạn", "mười hai người"), read on the original
# text: folded, "tám" and "tạm", "sáu" and "sau" would be one word.
_DIGIT_WORDS = {
    "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
_DIGIT = "|".join(_DIGIT_WORDS)
_WORD_NUMBER = re.compile(
    rf"(?<![\w])(?:(?P<tens>{_DIGIT})\s+mươi(?:\s+(?P<units>{_DIGIT}))?"
    rf"|mười(?:\s+(?P<teen>{_DIGIT}))?|(?P<one>{_DIGIT}))(?![\w])",
    re.IGNORECASE,
)


class _WordToken:
    """A number written in words, with the interface of a number match."""

    def __init__(self, match: re.Match[str]) -> None:
        self._start, self._end = match.start(), match.end()
        words = {k: (v or "").lower() for k, v in match.groupdict().items()}
        if words["tens"]:
            value = 10 * _DIGIT_WORDS[words["tens"]] + _DIGIT_WORDS.get(words["units"], 0)
        elif words["one"]:
            value = _DIGIT_WORDS[words["one"]]
        else:
            value = 10 + _DIGIT_WORDS.get(words["teen"], 0)
        self._value = str(value)

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, name: str) -> str | None:
        return self._value if name == "a" else None


_HAS_DIGIT_WORD = {*_DIGIT_WORDS, "mười", "mươi"}
COUNTED = re.compile(r"\b(ho so|hs|nguoi|dong chi|can bo|cong chuc|thu tuc|tthc)\b")


def word_tokens(text: str, folded: str) -> list[_WordToken]:
    """Numbers in words followed by what they count ("tám hồ sơ", "sáu hồ sơ")."""
    if not COUNTED.search(folded) or not _HAS_DIGIT_WORD.intersection(text.lower().split()):
        return []
    tokens = []
    for match in _WORD_NUMBER.finditer(text):
        following = folded[match.end() :]
        if re.match(r"\s*(ho so|hs\b|nguoi\b|dong chi|can bo|cong chuc|thu tuc|tthc)", following):
            tokens.append(_WordToken(match))
    return tokens


# Spans that are not figures: times, dates, years, document numbers, service levels, ISO.
_MASKS = [
    r"\d{1,2}:\d{2}(?::\d{2})?",
    r"\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]+\s*\d{4}",
    r"\bngay\s+\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?",
    r"(?<=thang )\d{1,2}(?:\s*[./-]\s*\d{4})?",
    r"\b\d{1,2}\s*[/-]\s*(?:19|20)\d{2}\b",
    r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b",
    r"(?<=nam )\d{4}|(?<=nam: )\d{4}",
    r"(?:\b(?:ngay|tu|den|chieu|sang|toi|trua)\s+)\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?",
    r"\d+\s*/\s*[a-z]",
    r"\bmuc do\s*\d(?:\s*(?:,|va|-)\s*\d)*",
    r"\b(?:quy|ky|khoa|lan thu|vung)\s+\d+",
    r"(?<=cap )\d\b",
    r"\biso\s*\d+(?:[:-]\d+)?|\b\d{4}[:-]\d{4}\b",
    r"\bgmt\s*[+-]\s*\d+",
    r"\b\d{1,2}\s+(?=(?:thang|nam|tuan|ngay|quy|cap)\b)",
    r"(?<=tu )(?:19|20)\d{2}\b|(?<=den )(?:19|20)\d{2}\b",
    r"^\s*\d{1,2}[.)-](?=\s|$)",
    r"\b(?:nghi dinh|quyet dinh|ke hoach|cong van|thong tu|chi thi|nghi quyet)\s+(?:so\s*)?\d+",
]
_MASK = re.compile("|".join(f"(?:{pattern})" for pattern in _MASKS))
DIGITS = re.compile(r"\d+")


def blank_non_figures(folded: str) -> str:
    """The folded text with the spans that are not figures blanked out. Every mask holds a
    digit: the pattern is tried only around digits (a window of words before each)."""
    windows: list[list[int]] = []
    for match in DIGITS.finditer(folded):
        start, end = max(0, match.start() - 40), min(len(folded), match.end() + 15)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    chars = list(folded)
    for start, end in windows:
        for match in _MASK.finditer(folded, start, end):
            chars[match.start() : match.end()] = " " * (match.end() - match.start())
    return "".join(chars)


# Words before a number that make it approximate, and how.
APPROX = re.compile(
    r"(?P<w>hon|tren|gan|khoang|xap xi|chung|duoi|toi|it nhat|tren duoi|gan nhu)\s*:?\s*$"
)
APPROX_KIND = {
    "hon": "above",
    "tren": "above",
    "it nhat": "above",
    "gan": "below",
    "duoi": "below",
    "khoang": "around",
    "xap xi": "around",
    "chung": "around",
    "tren duoi": "around",
    "gan nhu": "around",
    "toi": "",
}


def parse_amount(text: str) -> Decimal | None:
    """ "643.272" → 643272, "1.809,5" → 1809.5, "79.31" → 79.31, "2 590 755 750" → 2590755750,
    "05" → 5."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
            return Decimal(text.replace(".", "").replace(",", "."))
        if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:,\d+)?", text):
            return Decimal(text.replace(" ", "").replace(",", "."))
        if re.fullmatch(r"\d+,\d+", text):
            return Decimal(text.replace(",", "."))
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns exclude it
        return None
    return None


def printed_digits(text: str) -> int:
    """Decimals printed: "98,81" → 2, "1.809,5" → 1, "79.31" → 2, "643.272" → 0."""
    text = text.strip()
    if "," in text:
        return len(text.rpartition(",")[2])
    if re.fullmatch(r"\d+\.\d{1,2}", text):
        return len(text.rpartition(".")[2])
    return 0


def rate_bounds(value: Decimal, digits: int, approx: str = "") -> tuple[Decimal, Decimal]:
    """The exact values a printed percentage can stand for: rounded half up or truncated to the
    printed digits ([p − u/2, p + u)), or the range an approximation allows."""
    unit = Decimal(1).scaleb(-digits)
    if approx == "above":
        return value, max(HUNDRED, value + unit)
    if approx == "below":
        return max(Decimal(0), value - 1), value
    if approx == "around":
        return max(Decimal(0), value - 1), value + 1
    return value - unit / 2, value + unit


def figure_bounds(value: Decimal, approx: str, unit: Decimal) -> tuple[Decimal, Decimal | None]:
    if approx == "above":
        return value, None
    if approx == "below":
        return value * Decimal("0.9"), value
    if approx == "around":
        return value * Decimal("0.9"), value * Decimal("1.1")
    if approx == "rounded":
        return value - unit / 2, value + unit
    return value, value
