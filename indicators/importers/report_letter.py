"""The parts of a báo cáo around its figures, read from its lines as communes write it today
(Nghị định 30/2020/NĐ-CP layout): the header block, the title and trích yếu, "Kính gửi", the
opening, the narrative, the closing, "Nơi nhận" and the signature, and the annex's heading.

The lines come from a Word document (its paragraphs, and the cells of its layout tables read
left to right: issuing body | quốc hiệu, nơi nhận | signature) or from text (pasted, or
extracted from a PDF, where the two columns of a block share a line, apart by many spaces).
Whatever is recognised is named; whatever is not is kept as ``leftover`` to be shown, never
dropped silently.

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

from .annex_text import clean_cell
from .narrative import find_headings

_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")
_MARKS = re.compile(r"\*+|^#+\s*")
_TABS = re.compile(r"\t")
_TABS_AND_SPACES = re.compile(r"\t|\s{3,}")
_NUMBER = re.compile(
    r"\bS[ốỐố]\s*:?\s*(?P<number>[0-9][\w.]*)?\s*/\s*(?P<symbol>[A-ZĐa-zđ][\w&.\-Đđ]*)",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
_PLACE_DATE = re.compile(r"(?P<place>[^,]*?)\s*,\s*(?P<date>ngày\b.*?năm\s*\d{4})", re.IGNORECASE)
_SIGNER_MODE = re.compile(r"^(?P<mode>TM|KT|TL|TUQ|Q)\s*\.\s*(?P<authority>.*)$")
_BULLET = re.compile(r"^[-+•–]\s*")
_OPENING_BASIS = ("can cu", "thuc hien")
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap")
PARENT_BODY = "ỦY BAN NHÂN DÂN"
TITLE = "bao cao"
RECIPIENT_PREFIX = "kinh gui"
CLOSING_PREFIX = "tren day"
RECIPIENTS_PREFIX = "noi nhan"
ANNEX_PREFIX = "phu luc"
CLOSING_END = ("./.", "/.")
# Words of a signer's title, never of a name ("PHÓ CHỦ TỊCH", "CHỦ TỊCH").
TITLE_WORDS = ("chu tich", "pho chu tich", "uy ban", "truong", "giam doc", "bi thu")
MAX_SUMMARY_LINES = 3
MAX_NAME_WORDS = 6
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


def clean(text: str) -> str:
    """A line without the markup pasted text carries ("**", "##", "<b>"), spaces collapsed."""
    return clean_cell(_MARKS.sub("", _TAGS.sub("", text.replace("ƣ", "ư").replace("Ƣ", "Ư"))))


def _folded(text: str) -> str:
    return fold(clean(text)).strip()


def _parts(raw: str, spaced: bool = True) -> list[str]:
    """A line's columns: text apart by a tab, or (``spaced``: text, where a PDF's two columns
    share a line) by three spaces and more; never inside parentheses ("(Kèm theo Báo cáo số
    /BC-UBND ngày      /     /2024 …)" is one)."""
    pieces = (_TABS_AND_SPACES if spaced else _TABS).split(raw)
    parts: list[str] = []
    for piece in pieces:
        if parts and parts[-1].count("(") > parts[-1].count(")"):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [part for part in (clean(piece) for piece in parts) if part]


def is_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(not char.islower() for char in letters)


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
    signature = _signature_start(lines, body_start, stop, spaced_columns)
    # The closing is the last "Trên đây là …" before the signature (the narrative may have
    # one of its own: "Trên đây là một số kết quả nổi bật …").
    closing = _closing_index(lines, body_start, stop if signature is None else signature)
    body_end = closing if closing is not None else (signature if signature is not None else stop)
    body = lines[body_start:body_end]
    headings = find_headings(body, whole=True)
    opening_end = headings[0].index if headings else len(body)
    _read_opening(body[:opening_end], header)
    parts.narrative = body[opening_end:]
    parts.narrative_line = body_start + opening_end + 1
    after = body_end
    if closing is not None:
        after = _read_closing(lines, closing, stop, header)
    _read_signature_and_annex(lines, after, stop, header, parts.leftover, spaced_columns)
    return parts


def _title_index(lines: list[str], stop: int) -> int | None:
    for index, line in enumerate(lines[: min(stop, TITLE_WITHIN)]):
        if _folded(line) == TITLE:
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
        if _folded(text).startswith(RECIPIENT_PREFIX) or find_headings([text]):
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
        rest = _TAGS.sub("", raw).replace("*", "")
        number = _NUMBER.search(rest)
        if number is not None and not header.symbol:
            header.number = number.group("number") or ""
            header.symbol = number.group("symbol").rstrip(".")
            rest = rest[: number.start()] + "   " + rest[number.end() :]
        place_date = _PLACE_DATE.search(rest)
        if place_date is not None and not header.date_printed:
            before = _parts(place_date.group("place"), spaced)
            header.place = before[-1] if before else ""
            header.date_printed = " ".join(place_date.group("date").split())
            header.date = parse_date(header.date_printed)
            others = "   ".join(before[:-1])
            rest = f"{rest[: place_date.start()]}   {others}   {rest[place_date.end() :]}"
        for part in _parts(rest, spaced):
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
    if position >= stop or not _folded(lines[position]).startswith(RECIPIENT_PREFIX):
        return index
    text = clean(lines[position])
    _, _, rest = text.partition(":")
    names = [rest.strip()] if rest.strip() else []
    position += 1
    while position < stop and _BULLET.match(clean(lines[position]) or "x"):
        names.append(_BULLET.sub("", clean(lines[position])).rstrip(";,").strip())
        position += 1
    header.recipient = ", ".join(names)
    return position


def _closing_index(lines: list[str], start: int, stop: int) -> int | None:
    for index in range(stop - 1, start - 1, -1):
        if _folded(lines[index]).startswith(CLOSING_PREFIX):
            return index
    return None


def _is_signature_line(text: str) -> bool:
    folded = fold(text).strip()
    return folded.startswith(RECIPIENTS_PREFIX) or _SIGNER_MODE.match(text) is not None


def _signature_start(lines: list[str], start: int, stop: int, spaced: bool) -> int | None:
    for index in range(start, stop):
        parts = _parts(lines[index], spaced)
        if parts and _is_signature_line(parts[0]):
            return index
    return None


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


def _read_closing(lines: list[str], index: int, stop: int, header: LetterHeader) -> int:
    """ "Trên đây là …" up to its "./." (a PDF breaks it over lines); the index after it."""
    texts: list[str] = []
    position = index
    while position < stop:
        text = clean(lines[position])
        if texts and text and (_is_signature_line(text) or _folded(text).startswith(ANNEX_PREFIX)):
            break
        position += 1
        if not text:
            continue
        texts.append(text)
        if text.endswith(CLOSING_END):
            break
    header.closing = " ".join(texts)
    return position


def _read_signature_and_annex(
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
        for part in _parts(lines[index], spaced):
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
            elif _BULLET.match(part):
                header.recipients.append(_recipient(part))
            elif not _read_signer(part, header):
                leftover.append((line, part))


def _recipient(text: str) -> str:
    return _BULLET.sub("", text).strip().rstrip(";.,").strip()


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
