"""The figure reader: numbers in Vietnamese administrative prose, whatever the template.

A text (a pasted draft, a press article, a section of a report) is read paragraph by paragraph
(a paragraph printed twice is read once), sentence by sentence, into figures:

- numbers as officials print them: dots or spaces group thousands ("643.272", "2 590 755 750"),
  a comma starts the decimals ("1.809,5"), a decimal point where it cannot be a thousands dot
  ("79.31 %", "3.26%"), leading zeros ("05 đồng chí"), thousands written out ("10,18 ngàn",
  "hơn 16 nghìn");
- approximations read as bounds, never as exact values: "hơn 700" / "trên 99%" (above),
  "gần 11.300" (below), "khoảng" (around), "4,52 ngàn" (rounded to tens);
- ratios "05/29", "4.561/5.650" (part and base), ranks "xếp thứ 3/10" (no ratio);
- the rate attached to a count ("… 2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)", "chiếm", "bằng",
  "= 90%") and the rates stated on their own ("tỷ lệ … đúng hạn đạt 99,68%");
- what each figure counts (its unit, and for applications its concept: received, resolved, on
  time, late, pending, carried over, online …) and its administrative level (tỉnh / huyện / xã,
  or the whole area).

Dates, times, years, document numbers and service levels ("mức độ 3, 4") are not figures.
Positions are kept: every figure knows its sentence, and every sentence its paragraph, so that
a finding can quote the words it is about.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from indicators.validation.narrative_text import fold_aligned

THOUSAND = Decimal(1000)
HUNDRED = Decimal(100)

# Concepts of an application (hồ sơ) figure ------------------------------------------------

RECEIVED = "received"  # tiếp nhận (may or may not include the files carried over)
NEW = "new"  # mới tiếp nhận, nhận mới
CARRIED = "carried"  # kỳ trước chuyển qua
TOTAL = "total"  # yêu cầu giải quyết, lũy kế đã và đang giải quyết: new + carried over
DUE = "due"  # đến hạn giải quyết (Vĩnh Phúc's base of rates)
RESOLVED = "resolved"
EARLY = "early"
ON_TIME = "on_time"
EARLY_ON_TIME = "early_on_time"  # "đúng và trước hạn": one bucket
LATE = "late"
PENDING = "pending"
NOT_DUE = "not_due"  # pending, still within time
RETURNED = "returned"  # returned, withdrawn, cancelled, asked to complete
ONLINE = "online"
DIRECT = "direct"
POSTAL = "postal"
DIRECT_POSTAL = "direct_postal"

# Administrative levels.
PROVINCE = "tinh"
DISTRICT = "huyen"
COMMUNE = "xa"
WHOLE = "toan"  # the whole area: "toàn tỉnh", "trên địa bàn huyện"
LEVEL_LABELS = {PROVINCE: "cấp tỉnh", DISTRICT: "cấp huyện", COMMUNE: "cấp xã", WHOLE: "toàn bộ"}

# Kinds of things counted.
APPLICATIONS = "hs"
PEOPLE = "nguoi"
PROCEDURES = "tthc"
HOUSEHOLDS = "ho"
MONEY = "dong"

_UNITS: list[tuple[str, str]] = [
    (r"bo ho so|ho so|hs\b|bo\b", APPLICATIONS),
    (r"thu tuc hanh chinh|thu tuc|tthc\b", PROCEDURES),
    (
        r"dong chi|d/c\b|nguoi\b|vi dai bieu|vi\b|dai bieu|can bo giao vien|can bo|cong chuc"
        r"|giao vien|nhan vien|khau\b|lao dong|cb\b|cc\b|cap uy vien|dang vien",
        PEOPLE,
    ),
    (r"ho\b", HOUSEHOLDS),
    (r"ty dong|trieu dong|nghin dong|ngan dong|dong\b", MONEY),
    (
        r"phan anh|kien nghi|luot|diem\b|don vi|chi tieu|dan toc|truong\b|lop\b|hoc sinh|thon"
        r"|ha\b|km\b|tan\b|con\b|van ban|tin\b|bai\b|phieu\b|quyet dinh|cong trinh|mo hinh"
        r"|tram\b|giuong|cum loa|linh vuc|co quan|ke hoach|nhiem vu|vu viec|cuoc\b|lan\b",
        "",
    ),
]
_UNIT_RE = [(re.compile(r"\s*(" + pattern + r")"), kind) for pattern, kind in _UNITS]
_MULTIPLIER = re.compile(r"\s*(ngan|nghin|trieu|ty)\b")
_MULTIPLIERS = {"ngan": 3, "nghin": 3, "trieu": 6, "ty": 9}

# A number: dot-grouped thousands (decimal comma), space-grouped thousands, decimal comma,
# decimal point (1–2 decimals, never a thousands group), plain digits (leading zeros kept).
_NUMBER = (
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])"
    r"|[1-9]\d{0,2}(?: \d{3})+(?:,\d+)?(?![\d.,])"
    r"|\d+,\d+"
    r"|\d+\.\d{1,2}(?![\d.])"
    r"|\d+"
)
_TOKEN = re.compile(
    r"(?<![\w.,/%-])(?P<a>" + _NUMBER + r")(?:\s*/\s*(?P<b>" + _NUMBER + r"))?(?![\d/]|[.,]\d)"
)
_PERCENT_SIGN = re.compile(r"\s*%")
# A rate followed by the whole it is taken of, or by another period: "bằng 11,5% so với cùng kỳ",
# "chiếm 12% tổng số hồ sơ của huyện", "đạt 18,9% trên tổng số hồ sơ giải quyết".
_COMPARED = re.compile(
    r"\s*(so voi|so cung ky|cung ky|(cua |tren )?tong so|tren (so|tong)|cua ca|cua toan"
    r"|(so )?(ke hoach|chi tieu|nghi quyet|muc tieu))"
)

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
_COUNTED = re.compile(r"\b(ho so|hs|nguoi|dong chi|can bo|cong chuc|thu tuc|tthc)\b")


def _word_tokens(text: str, folded: str) -> list[_WordToken]:
    """Numbers in words followed by what they count ("tám hồ sơ", "sáu hồ sơ")."""
    if not _COUNTED.search(folded) or not _HAS_DIGIT_WORD.intersection(text.lower().split()):
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
_DIGITS = re.compile(r"\d+")


def _masked(folded: str) -> str:
    """The folded text with the spans that are not figures blanked out. Every mask holds a
    digit: the pattern is tried only around digits (a window of words before each)."""
    windows: list[list[int]] = []
    for match in _DIGITS.finditer(folded):
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
_APPROX = re.compile(
    r"(?P<w>hon|tren|gan|khoang|xap xi|chung|duoi|toi|it nhat|tren duoi|gan nhu)\s*:?\s*$"
)
_APPROX_KIND = {
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

# A rate attached to the count before it: "(đạt tỷ lệ 37,76%)", ", chiếm 61%", "= 90%".
_ATTACH = re.compile(
    r"^(?P<desc>[^\d%;.)]{0,70}?)[\s,(:]*(?:"
    r"(?:dat|chiem|bang|=)\s*(?P<rl1>(?:ty le|ti le)(?:\s+[a-z]+){0,6}?)?"
    r"|(?P<rl2>(?:ty le|ti le)(?:\s+[a-z]+){0,6}?)"
    r")\s*(?:la|dat|:)?\s*(?:(?P<approx>hon|tren|gan|khoang)\s+)?$"
)
_GOOD_TIMING = {"early", "on_time", "early_on_time"}
# "3 dân tộc, trong đó: dân tộc Kinh chiếm 70%": the rate is an item's, not the count's.
_LIST_OPENING = re.compile(r"trong do\b(?! tuoi)|\bgom\b|:")
_CHANGE = re.compile(r"(tang|giam|nang|ha|cao hon|thap hon|vuot)\s*(tu|toi|den|them|xuong)?\s*$")
_THIS_RATE = re.compile(r"ty le (nay|do|tren|chung)|ti le (nay|do)")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\s])")
_ABBREVIATION = re.compile(r"\b(tp|tx|q|p|th|ths|ts|pgs|gs|d|ubnd|st)\.$")
_BULLET = re.compile(r"^\s*(?:[-+*•–]+|\d{1,2}[.)-]|[ivx]+[.)-])\s*")

# Concept patterns (folded words), most specific first.
_CONCEPTS: list[tuple[str, str]] = [
    (
        CARRIED,
        r"ky truoc chuyen|tu ky truoc|ton ky truoc|chuyen (qua|sang) tu|tu truoc chuyen"
        r"|ton tu nam|nam truoc chuyen|ky truoc|ton dong",
    ),
    (NEW, r"tiep nhan moi|moi tiep nhan|nhan moi|phat sinh moi"),
    (TOTAL, r"yeu cau giai quyet|luy ke da va dang|phai (xem xet )?giai quyet|can giai quyet"),
    (DUE, r"(?<!chua )den han( giai quyet)?\b"),
    (
        RETURNED,
        r"tra lai|rut ho so|de nghi rut|\bhuy\b|yeu cau bo sung|khong du dieu kien"
        r"|khong hop le",
    ),
    (
        PENDING,
        r"dang (duoc )?(giai quyet|xu ly|trong thoi han)|chua giai quyet xong"
        r"|con lai dang",
    ),
    (
        EARLY_ON_TIME,
        r"(truoc|som)( thoi)?( han| hen)?\s*(,|va|hoac)\s*(dung)"
        r"|dung( thoi)?( han| hen)?\s*(,|va|hoac)\s*(truoc|som)",
    ),
    (EARLY, r"(truoc|som) (thoi )?(han|hen)"),
    (
        LATE,
        r"qua (thoi )?(han|hen)|tre (han|hen)|cham (han|hen|tra)|khong dung (thoi )?han"
        r"|tre\b",
    ),
    (ON_TIME, r"dung (thoi )?(han|hen)"),
    (NOT_DUE, r"chua den han|(con )?trong (thoi )?han"),
    (
        RESOLVED,
        r"(da|duoc) (duoc )?(giai quyet|xu ly)|giai quyet (xong|duoc)|tra ket qua"
        r"|co ket qua|giai quyet\s*(la|duoc)?\s*:?\s*$|^\s*giai quyet\b",
    ),
    (DIRECT_POSTAL, r"truc tiep (va|hoac) (qua )?(dich vu )?buu chinh"),
    (ONLINE, r"truc tuyen"),
    (POSTAL, r"buu chinh|bcci"),
    (DIRECT, r"truc tiep"),
    (RECEIVED, r"tiep nhan|nhan duoc|da nhan\b"),
]
_CONCEPT_RE = [(concept, re.compile(pattern)) for concept, pattern in _CONCEPTS]
_NOT_RESOLVED = re.compile(r"tham quyen giai quyet|thong tin giai quyet|giai quyet (tthc|thu tuc)")

_LEVELS: list[tuple[str, str]] = [
    (
        PROVINCE,
        r"cap tinh|cac so\b|so, ban,? nganh|so, nganh|ban, nganh"
        r"|(trung tam|tt) (phuc vu )?hanh chinh cong (cua )?tinh\b",
    ),
    (
        DISTRICT,
        r"cap huyen|(trung tam|tt) (phuc vu )?hanh chinh cong (cua )?(huyen|quan|thi xa)\b"
        r"|ubnd (cac )?(huyen|quan|thi xa)|huyen, (thanh pho|thi xa)"
        r"|ubnd (tp|thanh pho)\b|mot cua ubnd thanh pho|ubnd thanh pho",
    ),
    (COMMUNE, r"cap xa|cac xa|phuong, xa|xa, phuong|cac phuong|xa, thi tran"),
]
_LEVEL_RE = [(level, re.compile(pattern)) for level, pattern in _LEVELS]
_WHOLE = re.compile(
    r"toan (tinh|huyen|thanh pho|quan|thi xa)|tren dia ban (tinh|huyen|thanh pho)"
    r"|\b(3|ba) cap\b|\b(2|hai) cap\b"
)
_WHOLE_SPAN = re.compile(r"\b(3|ba) cap\b|(2|hai) cap (huyen|tinh)")


@dataclass(frozen=True)
class Rate:
    """A printed percentage: its value, the interval of exact values it can stand for (rounded
    or truncated to the printed digits, or an approximation), and where it stands."""

    value: Decimal
    low: Decimal
    high: Decimal
    digits: int
    approx: str  # "", "above", "below", "around"
    start: int
    end: int
    text: str
    change: bool = False  # "tăng 0,10%": a difference of rates, not a share
    label: str = ""  # folded words before a rate stated on its own
    compared: bool = False  # "bằng 11,5% so với cùng kỳ": against another period or a plan

    @property
    def exact_printed(self) -> bool:
        return not self.approx


@dataclass
class Figure:
    value: Decimal
    low: Decimal
    high: Decimal | None  # None: no upper bound ("hơn 57.000")
    approx: str  # "", "above", "below", "around", "rounded"
    start: int  # in the paragraph
    end: int  # end of the number (and its unit)
    text: str  # the figure as printed, with its unit
    unit: str = ""
    kind: str = ""
    base: Decimal | None = None  # "05/29": 29
    rank: bool = False  # "xếp thứ 3/10"
    rate: Rate | None = None
    label: str = ""  # folded words before it, back to a comma, semicolon or figure
    wide: str = ""  # folded words before it, back to the previous figure
    after: str = ""  # a few folded words after its unit
    extended: str = ""  # more words after it, up to the sentence's end or the next figure
    change: bool = False  # "giảm 142 HS so với tháng 9": a difference, not a count
    in_parens: bool = False
    concept: str | None = None
    level: str | None = None
    sentence: int = 0
    paragraph: int = 0

    @property
    def exact(self) -> bool:
        return not self.approx

    @property
    def applications(self) -> bool:
        return self.kind == APPLICATIONS


@dataclass
class Sentence:
    index: int  # within its paragraph
    start: int
    end: int
    text: str
    folded: str
    figures: list[Figure] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)  # rates not attached to a count
    continues: bool = False  # "Trong đó, …", "Cụ thể, …": about the sentence before


@dataclass
class Paragraph:
    index: int
    text: str
    folded: str
    sentences: list[Sentence] = field(default_factory=list)
    bullet: bool = False

    @property
    def figures(self) -> list[Figure]:
        return [figure for sentence in self.sentences for figure in sentence.figures]


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


def _figure_bounds(value: Decimal, approx: str, unit: Decimal) -> tuple[Decimal, Decimal | None]:
    if approx == "above":
        return value, None
    if approx == "below":
        return value * Decimal("0.9"), value
    if approx == "around":
        return value * Decimal("0.9"), value * Decimal("1.1")
    if approx == "rounded":
        return value - unit / 2, value + unit
    return value, value


_TIMED = {EARLY, ON_TIME, EARLY_ON_TIME, LATE}


def concept_of(words: str) -> str | None:
    """What folded words say a figure counts: a timing (a subset of the resolved files) wins;
    otherwise the concept named closest to the figure (the end of the words)."""
    if not words:
        return None
    found: list[tuple[int, int, str]] = []
    for rank, (concept, pattern) in enumerate(_CONCEPT_RE):
        for match in pattern.finditer(words):
            if concept == RESOLVED and _NOT_RESOLVED.search(words):
                continue
            found.append((match.end(), -rank, concept))
    if not found:
        return None
    specific = [item for item in found if item[2] not in (RESOLVED, RECEIVED)]
    if specific:
        return max(specific, key=lambda item: item[1])[2]
    return max(found)[2]


MIXED = "mixed"


@lru_cache(maxsize=16384)
def _level_in(words: str) -> str | None:
    """The last level named in ``words``; MIXED when two levels are named together ("cấp
    huyện, cấp xã")."""
    found: list[tuple[int, int, str]] = []
    for level, pattern in _LEVEL_RE:
        for match in pattern.finditer(words):
            found.append((match.start(), match.end(), level))
    if not found:
        return None
    found.sort()
    start, _, level = found[-1]
    for _, other_end, other in found[:-1]:
        if (
            other != level
            and start - other_end <= 6
            and re.fullmatch(r"[\s,]*(va)?[\s,]*", words[other_end:start])
        ):
            return MIXED
    return level


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = fold_aligned(text[max(0, match.start() - 6) : match.start()])
        if _ABBREVIATION.search(before.lower()):
            continue
        following = text[match.end() : match.end() + 1]
        if text[match.start() - 1] == "." and following and following[0].islower():
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_CONTINUES = re.compile(
    r"^\s*(trong do|trong so (nay|do|tren|ho so)|cu the|ket qua|qua do|rieng|nhu vay)\b"
)


def read_paragraphs(texts: Iterable[str]) -> list[Paragraph]:
    """The paragraphs of a text (one per non-empty line), each read into sentences and figures;
    a paragraph printed twice (a lead repeated as the first paragraph) is read once."""
    paragraphs: list[Paragraph] = []
    seen: set[str] = set()
    for raw in texts:
        for line in raw.split("\n"):
            text = unicodedata.normalize("NFC", line).strip()
            if not text:
                continue
            key = " ".join(_read_cached(text)[0].split())
            if key in seen and len(key) > 40:
                continue
            seen.add(key)
            paragraphs.append(read_paragraph(text, len(paragraphs)))
    _assign_levels(paragraphs)
    _elliptic_concepts(paragraphs)
    return paragraphs


def read_paragraph(text: str, index: int = 0) -> Paragraph:
    """One paragraph read into sentences and figures. The reading of a text is kept (a
    report is checked again on every save, most of its paragraphs unchanged); each call gets
    figures of its own, which the level and concept passes complete."""
    folded, bullet, spans, figures, rates = _read_cached(text)
    paragraph = Paragraph(index, text, folded, bullet=bullet)
    for number, (start, end) in enumerate(spans):
        sentence = Sentence(number, start, end, text[start:end], folded[start:end])
        sentence.continues = bool(_CONTINUES.match(sentence.folded))
        sentence.figures = [
            replace(f, paragraph=index, sentence=number) for f in figures if start <= f.start < end
        ]
        sentence.rates = [r for r in rates if start <= r.start < end]
        paragraph.sentences.append(sentence)
    return paragraph


@lru_cache(maxsize=4096)
def _read_cached(
    text: str,
) -> tuple[str, bool, tuple[tuple[int, int], ...], tuple[Figure, ...], tuple[Rate, ...]]:
    folded = fold_aligned(text).lower()
    bullet = bool(_BULLET.match(folded))
    if _DIGITS.search(text) or _COUNTED.search(folded):
        figures, rates = _read_numbers(text, folded, _masked(folded), 0)
    else:
        figures, rates = [], []  # no figure to read: most lines of a report
    return folded, bullet, tuple(_split_sentences(text)), tuple(figures), tuple(rates)


def _read_numbers(
    text: str, folded: str, masked: str, paragraph: int
) -> tuple[list[Figure], list[Rate]]:
    figures: list[Figure] = []
    rates: list[Rate] = []
    tokens: list = sorted(
        [*_TOKEN.finditer(masked), *_word_tokens(text, folded)], key=lambda t: t.start()
    )
    previous_end = 0
    for position, match in enumerate(tokens):
        start, end = match.start(), match.end()
        first = parse_amount(match.group("a"))
        if first is None:
            continue
        before = folded[max(0, start - 40) : start]
        approx_match = _APPROX.search(before)
        approx = _APPROX_KIND.get(approx_match.group("w"), "") if approx_match else ""
        percent = _PERCENT_SIGN.match(folded, end)
        if percent and match.group("b") is None:
            digits = printed_digits(match.group("a"))
            low, high = rate_bounds(first, digits, approx)
            rate_end = percent.end()
            rate = Rate(
                first,
                low,
                high,
                digits,
                approx,
                start,
                rate_end,
                text[start:rate_end],
                change=bool(_CHANGE.search(before)),
                compared=bool(_COMPARED.match(folded, rate_end)),
            )
            gap = masked[previous_end:start]
            owner = figures[-1] if figures else None
            if owner is not None and owner.in_parens and ")" in gap:
                outside = [f for f in figures if not f.in_parens]
                owner = outside[-1] if outside and outside[-1].rate is None else None
                gap = gap[gap.rfind(")") + 1 :]
                previous_end = owner.end if owner is not None else previous_end
            attach = _ATTACH.match(gap)
            if (
                owner is not None
                and owner.rate is None
                and owner.end == previous_end
                and attach is not None
                and not _LIST_OPENING.search(attach.group("desc"))
                and not _THIS_RATE.search(gap)
                and not rate.change
                and approx != "below"
                and _same_subject(owner, _rate_words(gap))
            ):
                owner.rate = rate
            else:
                clause = folded[max(0, start - 120) : start]
                cut = max(clause.rfind(";"), clause.rfind("."), clause.rfind("("))
                rates.append(_with_label(rate, clause[cut + 1 :].strip(" ,:")))
            previous_end = rate_end
            continue
        base = parse_amount(match.group("b")) if match.group("b") else None
        value, unit_end, unit, kind = first, end, "", ""
        rounded_unit = Decimal(1)
        multiplier = _MULTIPLIER.match(folded, end) if base is None else None
        if multiplier:
            power = _MULTIPLIERS[multiplier.group(1)]
            digits = printed_digits(match.group("a"))
            value = first * Decimal(10) ** power
            rounded_unit = Decimal(10) ** (power - digits)
            unit_end = multiplier.end()
            if not approx:
                approx = "rounded"
        for pattern, unit_kind in _UNIT_RE:
            unit_match = pattern.match(folded, unit_end)
            if unit_match:
                unit, kind = unit_match.group(1), unit_kind
                unit_end = unit_match.end()
                break
        if multiplier and multiplier.group(1) in ("trieu", "ty") and not unit:
            kind = MONEY
        figure_low, figure_high = _figure_bounds(value, approx, rounded_unit)
        wide = folded[previous_end:start]
        sentence_cut = max(wide.rfind(". "), wide.rfind("! "), wide.rfind("? "))
        if sentence_cut >= 0:
            wide = wide[sentence_cut + 2 :]
        cut = max(wide.rfind(","), wide.rfind(";"), wide.rfind("("), wide.rfind(")"))
        label = wide[cut + 1 :]
        label = re.sub(r"^\s*(trong do|trong so|gom|bao gom|cu the)\s*[:,]?\s*", "", label)
        label = _APPROX.sub("", label)
        after_stop = len(folded)
        for stop in (",", ";", ".", "(", ")"):
            index = folded.find(stop, unit_end)
            if index >= 0:
                after_stop = min(after_stop, index)
        if position + 1 < len(tokens):
            after_stop = min(after_stop, tokens[position + 1].start())
        after = " ".join(folded[unit_end:after_stop].split()[:5])
        sentence_end = len(folded)
        for stop in (". ", ";"):
            index = folded.find(stop, unit_end)
            if index >= 0:
                sentence_end = min(sentence_end, index)
        if position + 1 < len(tokens):
            sentence_end = min(sentence_end, tokens[position + 1].start())
        if position + 1 < len(tokens) and tokens[position + 1].start() <= sentence_end:
            comma = folded.rfind(",", unit_end, tokens[position + 1].start())
            sentence_end = comma if comma >= 0 else unit_end
        beyond = re.sub(r"\([^)]*\)?", " ", folded[unit_end:sentence_end])
        beyond = re.split(r"\btrong do\b|\bgom\b|\bvoi\b", beyond)[0]
        extended = " ".join(beyond.replace(",", " ").split()[:10])
        if not kind and re.search(r"\bho so\b|\bhs\b", label):
            kind = APPLICATIONS
        if (
            not kind
            and figures
            and figures[-1].kind
            and base is None
            and not unit
            and "." not in folded[figures[-1].end : start]
        ):
            kind = figures[-1].kind  # "326 hồ sơ kỳ trước chuyển sang, 7.278 nhận mới"
        figure = Figure(
            value=value,
            low=figure_low,
            high=figure_high,
            approx=approx,
            start=start,
            end=unit_end,
            text=text[start:unit_end].strip(),
            unit=unit,
            kind=kind,
            base=base,
            rank=base is not None and bool(re.search(r"(xep|thu|hang|vi thu)\s*(thu)?\s*$", wide)),
            label=" ".join(label.split()),
            wide=" ".join(wide.split()),
            after=after,
            extended=extended,
            change=bool(re.search(r"\b(tang|giam)\s*(them)?\s*$", wide)),
            in_parens=folded.count("(", 0, start) > folded.count(")", 0, start),
            paragraph=paragraph,
        )
        figures.append(figure)
        previous_end = unit_end
    for figure in figures:
        if figure.kind == APPLICATIONS:
            figure.concept = _application_concept(figure)
    return figures, rates


def _same_subject(owner: Figure, rate_words: str) -> bool:
    """ "48.249 hồ sơ (tỷ lệ hồ sơ đúng hạn … đạt 98%)": a rate naming another concept than its
    count's is a rate of its own."""
    if owner.kind != APPLICATIONS or not rate_words:
        return True
    named = concept_of(rate_words.replace("ty le", "").replace("ti le", ""))
    own = _application_concept(owner)
    if named is None or own is None or named == own:
        return True
    return named in _GOOD_TIMING and own in _GOOD_TIMING


def _rate_words(gap: str) -> str:
    """The words naming what a rate measures: "tỷ lệ hồ sơ trực tuyến được giải quyết đúng
    hạn đạt" → "ho so truc tuyen duoc giai quyet dung han"."""
    found = list(re.finditer(r"\bt[yi] le\b", gap))
    if not found:
        return ""
    words = gap[found[-1].start() :]
    return re.sub(r"\s*(dat|la|chiem|bang|:|=)\s*$", "", words.strip())


def _with_label(rate: Rate, label: str) -> Rate:
    return Rate(
        rate.value,
        rate.low,
        rate.high,
        rate.digits,
        rate.approx,
        rate.start,
        rate.end,
        rate.text,
        rate.change,
        " ".join(label.split()),
        rate.compared,
    )


def _application_concept(figure: Figure) -> str | None:
    tail = figure.wide[-70:]
    if re.search(
        r"(truoc|som)( thoi)?( han| hen)?\s*(,|va|hoac)\s*(dung)"
        r"|dung( thoi)?( han| hen)?\s*(,|va|hoac)\s*(truoc|som)",
        tail,
    ) and not re.search(r"%", tail):
        label_concept: str | None = EARLY_ON_TIME
    else:
        label_concept = concept_of(figure.label)
    after_concept = concept_of(figure.after)
    if label_concept == PENDING and after_concept in (NOT_DUE, LATE):
        return PENDING
    return (
        after_concept
        or label_concept
        or concept_of(figure.wide[-80:])
        or concept_of(figure.extended)
    )


def _elliptic_concepts(paragraphs: list[Paragraph]) -> None:
    """ "… tiếp nhận hơn 37 nghìn hồ sơ. Trong đó cấp huyện hơn 16 nghìn hồ sơ": a figure that
    names only its level counts what the figure it breaks down counts."""
    last: Figure | None = None
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for figure in sentence.figures:
                if (
                    figure.applications
                    and figure.concept is None
                    and last is not None
                    and _level_in(figure.label) not in (None, MIXED)
                    and (sentence.continues or last.sentence == figure.sentence)
                ):
                    figure.concept = last.concept
                if figure.applications and figure.concept is not None:
                    last = figure


def _assign_levels(paragraphs: list[Paragraph]) -> None:
    """Each figure's level: a level named just after it ("1.833 thủ tục cấp tỉnh"), else the
    last level named before it in its sentence (a named level before "toàn tỉnh": "Với cấp xã,
    toàn tỉnh … tiếp nhận"), else the level the text was last talking about."""
    current: str | None = None
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for figure in sentence.figures:
                local_start = figure.start - sentence.start
                before = sentence.folded[:local_start]
                after_level = _level_in(figure.after)
                level = after_level or _level_in(before)
                if level in (None, MIXED) and _WHOLE.search(before):
                    level = WHOLE
                if level is None and _WHOLE_SPAN.search(figure.after):
                    level = WHOLE
                figure.level = level or current
            if sentence.figures and sentence.figures[-1].level is not None:
                current = sentence.figures[-1].level
            elif _level_in(sentence.folded) is not None:
                current = _level_in(sentence.folded)
            elif _WHOLE.search(sentence.folded):
                current = WHOLE
