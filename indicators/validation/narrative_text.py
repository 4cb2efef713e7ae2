"""Reading the figures out of a báo cáo's prose: "Tổng số hồ sơ đã tiếp nhận: 729 hồ sơ",
"Thạc sĩ 01 người, chiếm 5%", "Số TTHC đưa vào thực hiện 212/230 tổng Số TTHC đã được công
bố", "một cửa 140, một cửa liên thông 72".

Matching is done on the accent-folded text ("Đã giải quyết" → "da giai quyet"), folded
character by character so that positions in the folded text are positions in the original and
messages can quote the original words. Each figure keeps the words before it (its label, up to
the previous comma or figure), the words after its unit, an attached percentage and, for
"212/230", its base.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from core.numbers import parse_number
from core.text import fold
from indicators.validation.arithmetic import decimals_printed
from indicators.validation.snapshot import Section

# Kinds of things counted.
APPLICATIONS = "hs"
PROCEDURES = "tthc"
PEOPLE = "nguoi"
DOCUMENTS = "vb"
TASKS = "nv"
MONEY = "dong"
OTHER = "khac"

_UNITS = [
    (r"ho so|hs\b", APPLICATIONS),
    (r"dong chi|nguoi|can bo|cong chuc|cb\b|cc\b", PEOPLE),
    (r"thu tuc hanh chinh|thu tuc|tthc", PROCEDURES),
    (r"van ban", DOCUMENTS),
    (r"nhiem vu", TASKS),
    (r"trieu dong|nghin dong|ty dong|dong\b", MONEY),
    (r"tin,? bai|tin\b|bai\b|vu viec|linh vuc|don vi|lan\b|phieu|cuoc|hoi nghi", OTHER),
]
_UNIT = re.compile(r"\s*(" + "|".join(pattern for pattern, _ in _UNITS) + r")")
_UNIT_KINDS = [(re.compile(pattern), kind) for pattern, kind in _UNITS]

_NUMBER = re.compile(
    r"(?<![a-z\d/.,\-–])"
    r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?: \d{3})+(?!\d)(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![\d/]|[.,]\d|[a-z]|\s*%)"
)
_FRACTION = re.compile(r"(?<![a-z\d/.,])(\d+)\s*/\s*(\d+)(?![\d/]|[.,]\d)")
_PERCENT_AFTER = re.compile(r"(?P<gap>[^\d;%]{0,60}?)(?P<p>\d+(?:[.,]\d+)?)\s*%")
_ATTACHING = re.compile(r"(=|chiem(?: ty le)?|dat(?: ty le)?|bang|la)\s*$")
_BULLET = re.compile(r"^\s*([-+*•–]+)\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_CLAUSE_BOUNDARY = re.compile(r"[,;]")
# A figure without a unit counts only where it closes a clause ("một cửa 140, một cửa liên
# thông 72;") and is not a date, a version or a level ("năm 2024", "ISO 9001", "mức độ 3").
_CLAUSE_END = re.compile(r"\s*([,;.)]|$)")
_IDENTIFIER_WORDS = re.compile(
    r"\b(nam|ngay|thang|quy|tuan|ky|khoa|so|iso|tcvn|muc do|giai doan|dot|lan thu|phien ban)"
    r"\s*:?\s*$"
)
_LEADING_OF_WHICH = re.compile(r"^(trong đó|trong do)\s*:?\s*", re.IGNORECASE)
_LABEL_KIND = [
    (re.compile(r"\bho so\b"), APPLICATIONS),
    (re.compile(r"\btthc\b|\bthu tuc\b"), PROCEDURES),
    (re.compile(r"\bcan bo\b|\bcong chuc\b|\bnguoi\b"), PEOPLE),
]


class _FoldTable(dict):
    """str.translate table folding one character to one character, filled as text is seen."""

    def __missing__(self, code: int) -> str:
        folded = (fold(chr(code)) or " ")[0]
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_aligned(text: str) -> str:
    """fold() character by character: same length as the (NFC) text, same positions."""
    return text.translate(_FOLD_TABLE)


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    kind: str
    label: str  # folded words before the figure, back to the previous comma or figure
    context: str  # folded words before the figure, back to the previous figure
    after: str  # folded words after the unit, up to the next comma or figure
    start: int  # position of the figure in its sentence
    end: int  # end of the figure, its unit and its percentage
    in_parens: bool
    fragment: str  # the original words: label, figure, unit, percentage
    unit: str = ""  # folded unit words ("ho so", "can bo")
    percent: Decimal | None = None
    percent_digits: int | None = None
    base: Decimal | None = None  # "212/230": 230

    @property
    def words(self) -> str:
        return " ".join(self.label.replace(":", " ").split())


@dataclass(frozen=True)
class Sentence:
    text: str
    folded: str
    quantities: tuple[Quantity, ...]


@dataclass(frozen=True)
class Line:
    """A paragraph of a section (or a bullet item), with its bullet mark and sentences."""

    section: int
    heading: str
    bullet: str
    text: str
    folded: str
    sentences: tuple[Sentence, ...]

    @property
    def quantities(self) -> Iterator[Quantity]:
        for sentence in self.sentences:
            yield from sentence.quantities


def read_sections(sections: Iterable[Section]) -> list[Line]:
    lines: list[Line] = []
    for index, section in enumerate(sections):
        for raw in section.text.split("\n"):
            line = read_line(raw, index, section.heading)
            if line is not None:
                lines.append(line)
    return lines


def read_line(raw: str, section: int = 0, heading: str = "") -> Line | None:
    text = unicodedata.normalize("NFC", raw).strip()
    if not text:
        return None
    bullet = ""
    match = _BULLET.match(text)
    if match:
        bullet = match.group(1)[0]
        text = text[match.end() :]
    folded = fold_aligned(text)
    sentences = []
    start = 0
    for piece in [*_SENTENCE_END.finditer(text), None]:
        end = piece.start() if piece else len(text)
        chunk, folded_chunk = text[start:end], folded[start:end]
        if chunk.strip():
            sentences.append(
                Sentence(chunk, folded_chunk, tuple(read_quantities(chunk, folded_chunk)))
            )
        if piece:
            start = piece.end()
    return Line(section, heading, bullet, text, folded, tuple(sentences))


def _decimal(text: str) -> Decimal | None:
    try:
        return parse_number(text)
    except (ValueError, InvalidOperation):
        return None


def read_quantities(text: str, folded: str) -> Iterator[Quantity]:
    spans: list[tuple[int, int, Decimal, Decimal | None]] = []
    for match in _FRACTION.finditer(folded):
        part, whole = Decimal(match.group(1)), Decimal(match.group(2))
        if whole >= 1900 or whole == 0:  # "tháng 03/2024", "quý 1/2022": a date, not a ratio
            continue
        spans.append((match.start(), match.end(), part, whole))
    taken = [(s, e) for s, e, _, _ in spans]
    for match in _NUMBER.finditer(folded):
        if any(s <= match.start() < e for s, e in taken):
            continue
        value = _decimal(match.group(1))
        if value is not None:
            spans.append((match.start(), match.end(), value, None))
    spans.sort()
    previous_end = 0
    previous_kind = ""
    for start, end, value, base in spans:
        unit_match = _UNIT.match(folded, end)
        kind = ""
        unit_end = end
        if unit_match:
            kind = next(k for pattern, k in _UNIT_KINDS if pattern.match(unit_match.group(1)))
            unit_end = unit_match.end()
        context = folded[previous_end:start]
        boundary = max((m.end() for m in _CLAUSE_BOUNDARY.finditer(context)), default=0)
        label = context[boundary:]
        label_start = previous_end + boundary
        if not kind:
            kind = next((k for pattern, k in _LABEL_KIND if pattern.search(label)), "")
        percent, digits, quantity_end = None, None, unit_end
        tail = _PERCENT_AFTER.match(folded, unit_end)
        if tail and _ATTACHING.search(tail.group("gap")):
            percent = _decimal(tail.group("p"))
            digits = decimals_printed(tail.group("p"))
            quantity_end = tail.end()
        if (
            not unit_match
            and base is None
            and (
                not label.strip()
                or _IDENTIFIER_WORDS.search(label)
                or (percent is None and not _CLAUSE_END.match(folded, end))
            )
        ):
            continue
        kind = kind or previous_kind
        next_boundary = _CLAUSE_BOUNDARY.search(folded, quantity_end)
        after_end = next_boundary.start() if next_boundary else len(folded)
        following = [s for s, _, _, _ in spans if s > start]
        if following:
            after_end = min(after_end, following[0])
        in_parens = folded[:start].count("(") > folded[:start].count(")")
        yield Quantity(
            value=value,
            kind=kind,
            label=label.strip(),
            context=context.strip(),
            after=folded[unit_end:after_end].strip() if percent is None else "",
            start=start,
            end=quantity_end,
            in_parens=in_parens,
            fragment=_LEADING_OF_WHICH.sub("", text[label_start:quantity_end].strip(" ,;:")),
            unit=unit_match.group(1) if unit_match else "",
            percent=percent,
            percent_digits=digits,
            base=base,
        )
        previous_end = quantity_end
        previous_kind = kind or previous_kind


# What a figure is about ------------------------------------------------------------------

RECEIVED = "received"
ONLINE = "online"
DIRECT = "direct"
DIRECT_POSTAL = "direct_postal"
BCCI = "bcci"
CARRIED = "carried"
RESOLVED = "resolved"
EARLY = "early"
ON_TIME = "on_time"
LATE = "late"
PENDING = "pending"
RETURNED = "returned"
BLOCK = "block"  # "Kết quả giải quyết TTHC … có 14 hồ sơ": the applications of a block

TTHC_INTERCONNECTED = "tthc_lien_thong"
TTHC_ONE_STOP = "tthc_mot_cua"
TTHC_PUBLISHED = "tthc_cong_bo"
TTHC_ONLINE = "tthc_truc_tuyen"
TTHC_IN_FORCE = "tthc_dang_ap_dung"

STAFF_TOTAL = "staff_total"

_APPLICATION_CONCEPTS = [
    (CARRIED, r"ky truoc chuyen|chuyen (qua|sang) tu ky truoc|ton ky truoc"),
    (PENDING, r"dang (duoc )?(giai quyet|xu ly)|chua giai quyet xong"),
    (EARLY, r"truoc (thoi )?(han|hen)"),
    (LATE, r"qua (thoi )?(han|hen)|tre (han|hen)"),
    (ON_TIME, r"dung (thoi )?(han|hen)"),
    (RETURNED, r"tra lai|rut ho so"),
    (DIRECT_POSTAL, r"truc tiep hoac .*buu chinh"),
    (BCCI, r"bcci|buu chinh"),
    (DIRECT, r"truc tiep"),
    (ONLINE, r"truc tuyen"),
    (RESOLVED, r"giai quyet|tra ket qua"),
    (RECEIVED, r"tiep nhan|nhan giai quyet"),
]
_PROCEDURE_CONCEPTS = [
    (TTHC_INTERCONNECTED, r"lien thong"),
    (TTHC_ONE_STOP, r"mot cua"),
    (TTHC_PUBLISHED, r"cong bo"),
    (TTHC_ONLINE, r"truc tuyen|muc do [34]"),
    (TTHC_IN_FORCE, r"dang ap dung|co hieu luc|dua vao thuc hien|thuoc tham quyen|tong so"),
]
_COMPILED_APPLICATIONS = [(c, re.compile(p)) for c, p in _APPLICATION_CONCEPTS]
_COMPILED_PROCEDURES = [(c, re.compile(p)) for c, p in _PROCEDURE_CONCEPTS]
# "đúng hạn và trước hạn", "trước và đúng hạn": early and on time together, which no single
# annex figure counts the same way everywhere: left alone.
_EARLY_AND_ON_TIME = re.compile(r"(truoc|dung)( (thoi )?(han|hen))? (va|,) (truoc|dung)")
_BLOCK_HEADER = re.compile(r"(ket qua giai quyet|giai quyet tthc).*\bco\s*:?$")
_RECEIVED_AFTER = re.compile(r"^(yeu cau giai quyet|tiep nhan)")
_STAFF_TOTAL = re.compile(r"tong so (can bo|cb)")


def application_concept(quantity: Quantity) -> str | None:
    label = quantity.words
    if quantity.kind not in (APPLICATIONS, ""):
        return None
    if quantity.kind == "" and "ho so" not in label:
        return None
    if _EARLY_AND_ON_TIME.search(label):
        return None
    if _BLOCK_HEADER.search(label) or (
        label.endswith(" co") and _RECEIVED_AFTER.match(quantity.after)
    ):
        return BLOCK
    return _first(_COMPILED_APPLICATIONS, label)


def procedure_concept(quantity: Quantity, *, base: bool = False) -> str | None:
    """The procedures a figure counts; ``base`` reads the words after "212/230" (what the 230
    is: "tổng số TTHC đã được công bố")."""
    if quantity.kind != PROCEDURES:
        return None
    return _first(_COMPILED_PROCEDURES, quantity.after if base else quantity.words)


def is_staff_total(quantity: Quantity) -> bool:
    return quantity.kind == PEOPLE and bool(_STAFF_TOTAL.search(quantity.context))


def _first(concepts: list[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    return next((concept for concept, pattern in concepts if pattern.search(text)), None)
