"""The parts of a báo cáo around its figures, read from its lines as communes write it today
(Nghị định 30/2020/NĐ-CP layout): the header block, the title and trích yếu, "Kính gửi", the
opening, the narrative, the closing, "Nơi nhận" and the signature, and the annex's heading.

The lines come from a Word document (its paragraphs, and the cells of its layout tables read
left to right: issuing body | quốc hiệu, nơi nhận | signature) or from text (pasted, or
extracted from a PDF, where the two columns of a block share a line, apart by many spaces).
Whatever is recognised is named; whatever is not is kept as ``leftover`` to be shown, never
dropped silently. The lines are cleaned and split by ``letter_lines``; the end of the letter
(closing, nơi nhận, signature, annex heading) is read by ``letter_ending``.

- số, ký hiệu: "Số: 52/BC-UBND" (the number may be left blank: "Số:      /BC-UBND");
- place and date: "Sơn Phú, ngày 14 tháng 9 năm 2021" (a blank day or month: no date, the
  printed date kept);
- issuing body: the other lines above the title, "ỦY BAN NHÂN DÂN" then "XÃ SƠN PHÚ";
- title and trích yếu: the line "BÁO CÁO", then the line under it (in Word: the centred ones);
- kính gửi: "Kính gửi: UBND huyện Định Hoá.";
- opening: the text before the first heading, its "Căn cứ …"/"Thực hiện …" paragraphs the
  legal basis (when more follow), the rest the introduction;
- narrative: from the first heading to the closing (split into sections by ``narrative``);
- closing: "Trên đây là …" to its "./.";
- nơi nhận: the lines under "Nơi nhận:" that start with "-" or "+";
- signature: "TM. ỦY BAN NHÂN DÂN" (how and for whom), "CHỦ TỊCH" (the title, in capitals),
  the name;
- annex heading: "Phụ lục 01b", its title in capitals, "(Kèm theo Báo cáo số …)".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from core.text import fold

from .letter_ending import closing_index, read_closing, read_signature_and_annex, signature_start
from .letter_lines import BULLET, TAGS, clean, folded_line, line_columns
from .narrative import find_headings

_NUMBER = re.compile(
    r"\bS[ốỐố]\s*:?\s*(?P<number>[0-9][\w.]*)?\s*/\s*(?P<symbol>[A-ZĐa-zđ][\w&.\-Đđ]*)",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
_PLACE_DATE = re.compile(r"(?P<place>[^,]*?)\s*,\s*(?P<date>ngày\b.*?năm\s*\d{4})", re.IGNORECASE)
_OPENING_BASIS = ("can cu", "thuc hien")
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap")
PARENT_BODY = "ỦY BAN NHÂN DÂN"
TITLE = "bao cao"
RECIPIENT_PREFIX = "kinh gui"
MAX_SUMMARY_LINES = 3
# The title is near the top: a line "BÁO CÁO" further down is another document's.
TITLE_WITHIN = 40


@dataclass
class LetterHeader:
    """The fields of the document around its figures, as the file prints them ("" when the
    file has none)."""

    issuer_parent: str = ""
    issuer: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: dt.date | None = None
    date_printed: str = ""
    summary: str = ""
    recipient: str = ""
    legal_basis: str = ""
    intro: str = ""
    closing: str = ""
    recipients: list[str] = field(default_factory=list)
    signer_mode: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    footnotes: list[dict[str, str]] = field(default_factory=list)  # {"mark", "text"}
    annex_label: str = ""
    annex_title: str = ""
    annex_reference: str = ""

    def as_data(self) -> dict:
        """JSON-ready: the date as "2021-09-14" (or None)."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_data(cls, data: dict) -> LetterHeader:
        values = dict(data)
        values["date"] = dt.date.fromisoformat(data["date"]) if data.get("date") else None
        return cls(**values)

    def found(self) -> list[str]:
        """The names of the fields the file gave."""
        return [name for name, value in asdict(self).items() if value not in ("", None, [])]


@dataclass
class LetterParts:
    header: LetterHeader
    # The narrative from its first heading to the closing, and the 1-based line of its first.
    narrative: list[str] = field(default_factory=list)
    narrative_line: int = 1
    # Lines no part took: (1-based line, text).
    leftover: list[tuple[int, str]] = field(default_factory=list)
    has_title: bool = False


def parse_date(printed: str) -> dt.date | None:
    match = _DATE.search(printed)
    if match is None or not (match.group("day") and match.group("month")):
        return None
    try:
        return dt.date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


def parse_letter(
    lines: list[str],
    *,
    centred: list[bool] | None = None,
    stop: int | None = None,
    spaced_columns: bool = True,
) -> LetterParts:
    """The parts of the báo cáo in ``lines[:stop]`` (``stop``: where the annex's table starts).
    ``centred``: for each line, whether it is centred (a Word paragraph), when known.
    ``spaced_columns``: columns may be apart by spaces (text), not only by tabs (Word)."""
    stop = len(lines) if stop is None else stop
    header = LetterHeader()
    parts = LetterParts(header=header)
    title = _title_index(lines, stop)
    if title is None:
        first = find_headings(lines[:stop])
        head_end = first[0].index if first else 0
        body_start = head_end
    else:
        parts.has_title = True
        head_end = title
        body_start = _read_title(lines, title, stop, centred, header)
    _read_head(lines[:head_end], header, parts.leftover, spaced_columns)
    body_start = _read_recipient(lines, body_start, stop, header)
    signature = signature_start(lines, body_start, stop, spaced_columns)
    # The closing is the last "Trên đây là …" before the signature (the narrative may have
    # one of its own: "Trên đây là một số kết quả nổi bật …").
    closing = closing_index(lines, body_start, stop if signature is None else signature)
    body_end = closing if closing is not None else (signature if signature is not None else stop)
    body = lines[body_start:body_end]
    headings = find_headings(body, whole=True)
    opening_end = headings[0].index if headings else len(body)
    _read_opening(body[:opening_end], header)
    parts.narrative = body[opening_end:]
    parts.narrative_line = body_start + opening_end + 1
    after = body_end
    if closing is not None:
        after = read_closing(lines, closing, stop, header)
    read_signature_and_annex(lines, after, stop, header, parts.leftover, spaced_columns)
    return parts


def _title_index(lines: list[str], stop: int) -> int | None:
    for index, line in enumerate(lines[: min(stop, TITLE_WITHIN)]):
        if folded_line(line) == TITLE:
            return index
    return None


def _read_title(
    lines: list[str], title: int, stop: int, centred: list[bool] | None, header: LetterHeader
) -> int:
    """The trích yếu under the title; the index after it."""
    index = title + 1
    while index < stop and not clean(lines[index]):
        index += 1
    summary: list[str] = []
    while index < stop and len(summary) < MAX_SUMMARY_LINES:
        text = clean(lines[index])
        if not text or (summary and (centred is None or not centred[index])):
            break
        if folded_line(text).startswith(RECIPIENT_PREFIX) or find_headings([text]):
            break
        summary.append(text)
        index += 1
    header.summary = " ".join(summary)
    return index


def _read_head(
    lines: list[str], header: LetterHeader, leftover: list[tuple[int, str]], spaced: bool
) -> None:
    """Số, place and date, issuing body: the block above the title."""
    bodies: list[tuple[int, str]] = []
    for index, raw in enumerate(lines):
        rest = TAGS.sub("", raw).replace("*", "")
        number = _NUMBER.search(rest)
        if number is not None and not header.symbol:
            header.number = number.group("number") or ""
            header.symbol = number.group("symbol").rstrip(".")
            rest = rest[: number.start()] + "   " + rest[number.end() :]
        place_date = _PLACE_DATE.search(rest)
        if place_date is not None and not header.date_printed:
            before = line_columns(place_date.group("place"), spaced)
            header.place = before[-1] if before else ""
            header.date_printed = " ".join(place_date.group("date").split())
            header.date = parse_date(header.date_printed)
            others = "   ".join(before[:-1])
            rest = f"{rest[: place_date.start()]}   {others}   {rest[place_date.end() :]}"
        for part in line_columns(rest, spaced):
            folded = fold(part).strip()
            if folded.startswith(_MOTTO) or "hanh phuc" in folded:
                continue
            bodies.append((index + 1, part))
    _read_issuer(bodies, header, leftover)


def _read_issuer(
    bodies: list[tuple[int, str]], header: LetterHeader, leftover: list[tuple[int, str]]
) -> None:
    texts = [(line, text) for line, text in bodies if any(char.isalpha() for char in text)]
    if not texts:
        return
    first = texts[0][1]
    parent = fold(PARENT_BODY)
    folded = fold(first).strip()
    if folded.startswith(parent) and len(folded) > len(parent) + 1:
        # "ỦY BAN NHÂN DÂN XÃ SƠN PHÚ" on one line.
        header.issuer_parent = first[: len(PARENT_BODY)].strip()
        header.issuer = first[len(PARENT_BODY) :].strip()
        rest = texts[1:]
    elif len(texts) >= 2:
        header.issuer_parent, header.issuer = first, texts[1][1]
        rest = texts[2:]
    else:
        header.issuer = first
        rest = []
    leftover += rest


def _read_recipient(lines: list[str], index: int, stop: int, header: LetterHeader) -> int:
    """ "Kính gửi: …" (and a list under it); the index after it."""
    position = index
    while position < stop and not clean(lines[position]):
        position += 1
    if position >= stop or not folded_line(lines[position]).startswith(RECIPIENT_PREFIX):
        return index
    text = clean(lines[position])
    _, _, rest = text.partition(":")
    names = [rest.strip()] if rest.strip() else []
    position += 1
    while position < stop and BULLET.match(clean(lines[position]) or "x"):
        names.append(BULLET.sub("", clean(lines[position])).rstrip(";,").strip())
        position += 1
    header.recipient = ", ".join(names)
    return position


def _read_opening(lines: list[str], header: LetterHeader) -> None:
    """The paragraphs before the first heading: the legal basis ("Căn cứ …", "Thực hiện …"
    first, when a paragraph follows them) and the introduction. A paragraph broken over lines
    (text from a PDF) is joined again where a line does not end a sentence."""
    paragraphs: list[str] = []
    joining = False
    for raw in lines:
        text = clean(raw)
        if not text:
            continue
        if joining and paragraphs:
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        else:
            paragraphs.append(text)
        joining = not text.endswith((".", ":", ";", "!", "?", ")"))
    basis = 0
    while basis < len(paragraphs) - 1 and fold(paragraphs[basis]).startswith(_OPENING_BASIS):
        basis += 1
    header.legal_basis = "\n".join(paragraphs[:basis])
    header.intro = "\n".join(paragraphs[basis:])
