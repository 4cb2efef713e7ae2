"""What "Chèn số liệu" offers a section of the báo cáo: the figures of its own part of the annex.

The outline of a báo cáo follows the areas of CCHC — chỉ đạo điều hành, thể chế, thủ tục hành
chính, tổ chức bộ máy, công vụ, tài chính công, chính quyền điện tử (chuyển đổi số) —, and so
do the annex's top-level rows 1..7, in every province's template. A section's area is read from
the words of its heading (or, for "3. Báo cáo CCHC", of the heading it stands under: "I. CÔNG TÁC
CHỈ ĐẠO, ĐIỀU HÀNH …"), an annex part's from the words of its row; never from positions, which
differ between templates ("4. Về cải cách công vụ" is the annex's part 5). A section offers the
figures of the part of its area, and says so when there is none ("III. KHÓ KHĂN, VƯỚNG MẮC").

The figures come as the sentences a báo cáo writes: the applications' story from the tagged
rows (or from a table by field's total row, which replaces them: never mixed), "Tổng số hồ sơ
đã tiếp nhận: 729 hồ sơ. Trong đó: …", the staff figures, then each other row of the part with a
value, "- Số VBQPPL đã rà soát: 3 văn bản.". A line whose figures fail one of the report's
checks carries the check's message, shown next to it ("⚠ chưa khớp: …") and not inserted
unless the user picks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.numbers import format_number, format_percent
from core.text import fold
from indicators.choices import ValueType
from indicators.validation.engine import check_data
from indicators.validation.findings import DOCUMENT, NARRATIVE, Finding
from indicators.validation.snapshot import IndicatorInfo, ReportData, Section
from reports.check_loading import report_data
from reports.models import NarrativeSection, Report


@dataclass(frozen=True)
class Area:
    """One area of CCHC and the folded words that name it in headings."""

    code: str
    label: str
    words: tuple[str, ...]


AREAS = (
    Area("chi_dao", "công tác chỉ đạo, điều hành", ("chi dao", "dieu hanh", "tuyen truyen")),
    Area("the_che", "cải cách thể chế", ("the che", "quy pham phap luat", "vbqppl")),
    Area("tthc", "cải cách thủ tục hành chính", ("thu tuc", "tthc", "mot cua")),
    Area("bo_may", "cải cách tổ chức bộ máy", ("bo may",)),
    Area("cong_vu", "cải cách chế độ công vụ", ("cong vu", "doi ngu", "can bo cong chuc")),
    Area("tai_chinh", "cải cách tài chính công", ("tai chinh",)),
    Area(
        "dien_tu",
        "chính quyền điện tử, chuyển đổi số",
        ("dien tu", "chinh quyen so", "chinh phu so", "chuyen doi so", "hien dai hoa"),
    ),
)
# The area whose applications a table by field tells.
TABLE_AREA = "tthc"

MSG_NO_AREA = (
    "Mục “{heading}” không ứng với phần nào của phụ lục (chỉ đạo điều hành, thể chế, thủ tục "
    "hành chính, tổ chức bộ máy, công vụ, tài chính công, chính quyền điện tử): không có số "
    "liệu để chèn."
)
MSG_NO_PART = "Phụ lục của mẫu này không có phần “{area}”: không có số liệu để chèn."
MSG_NO_ROWS = "Phần “{part}” của phụ lục không có chỉ tiêu nào: không có số liệu để chèn."
MSG_NO_VALUES = (
    "Phần “{part}” của phụ lục chưa có số liệu nào: hãy nhập ở thẻ “Phụ lục số liệu” trước."
)

# Checks that say nothing against a figure itself: the template's numbering, a blank ratio its
# counts could fill in.
NOT_ABOUT_THE_FIGURE = frozenset(
    {"template.duplicate_code", "template.table_numbering", "ratio.computable"}
)

_NON_WORD = re.compile(r"[^0-9a-z]+")


def words(text: str) -> str:
    """ " cai cach thu tuc hanh chinh tthc " — folded, punctuation gone, padded for matching."""
    return f" {_NON_WORD.sub(' ', fold(text)).strip()} "


def area_of(heading: str) -> Area | None:
    """The area a heading names; where it names two, the one named first."""
    text = words(heading)
    found: list[tuple[int, int, Area]] = []
    for order, area in enumerate(AREAS):
        positions = [text.find(f" {word} ") for word in area.words]
        positions = [p for p in positions if p >= 0]
        if positions:
            found.append((min(positions), order, area))
    return min(found)[2] if found else None


def section_areas(sections: Sequence[Section]) -> list[Area | None]:
    """Each section's area: its heading's own, or else the area of the section it stands
    under (the nearest one before it of a higher level)."""
    areas: list[Area | None] = []
    for index, section in enumerate(sections):
        area = area_of(section.heading)
        if area is None:
            for before in range(index - 1, -1, -1):
                if sections[before].level < section.level:
                    area = areas[before]
                    break
        areas.append(area)
    return areas


@dataclass(frozen=True)
class AnnexPart:
    """A top-level row of the annex and every row beneath it."""

    heading: IndicatorInfo
    rows: tuple[IndicatorInfo, ...]

    @property
    def title(self) -> str:
        code = (self.heading.printed_code or self.heading.code).strip().rstrip(".")
        name = self.heading.name.strip()
        return name if name.startswith(code) else f"{code}. {name}"


def annex_parts(indicators: Iterable[IndicatorInfo]) -> dict[str, list[AnnexPart]]:
    """The annex's parts by area code (a part whose row names no area is left out)."""
    rows = list(indicators)
    by_code = {row.code: row for row in rows}

    def top(row: IndicatorInfo) -> IndicatorInfo:
        seen = set()
        while row.parent and row.parent in by_code and row.code not in seen:
            seen.add(row.code)
            row = by_code[row.parent]
        return row

    beneath: dict[str, list[IndicatorInfo]] = {}
    for row in rows:
        head = top(row)
        if head.code != row.code:
            beneath.setdefault(head.code, []).append(row)
    parts: dict[str, list[AnnexPart]] = {}
    for row in rows:
        if row.parent:
            continue
        area = area_of(row.name)
        if area is not None:
            parts.setdefault(area.code, []).append(AnnexPart(row, tuple(beneath.get(row.code, ()))))
    return parts


@dataclass(frozen=True)
class FigureLine:
    """One line to insert, the codes of the figures it quotes, and the messages of the checks
    those figures fail."""

    text: str
    codes: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def reconciled(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class FigureOffer:
    """What "Chèn số liệu" offers one section."""

    heading: str
    area: Area | None
    parts: tuple[str, ...]
    lines: tuple[FigureLine, ...]
    has_inputs: bool = True  # whether the parts have rows to fill in

    @property
    def message(self) -> str:
        """Why nothing is offered ("" when something is)."""
        if self.lines:
            return ""
        if self.area is None:
            return MSG_NO_AREA.format(heading=self.heading.strip())
        if not self.parts:
            return MSG_NO_PART.format(area=self.area.label)
        if not self.has_inputs:
            return MSG_NO_ROWS.format(part="”, “".join(self.parts))
        return MSG_NO_VALUES.format(part="”, “".join(self.parts))

    @property
    def unreconciled(self) -> bool:
        """Whether some line's figures fail a check."""
        return any(not line.reconciled for line in self.lines)

    @property
    def text(self) -> str:
        """Every line whose figures pass the checks, as inserted by default."""
        return "\n".join(line.text for line in self.lines if line.reconciled)


# --- Sentences from tagged figures ----------------------------------------------------------


def _count(value: Decimal, unit: str = "hồ sơ") -> str:
    return f"{format_number(value)} {unit}"


def _share(part: Decimal, base: Decimal | None) -> str:
    if not base:
        return ""
    return f" = {format_percent(part * 100 / base, 1)}"


Sentence = tuple[str, tuple[str, ...]]  # the text, and the tags whose figures it quotes

RECEIVED_PARTS = (
    ("hs_truc_tuyen", "tiếp nhận trực tuyến"),
    ("hs_truc_tiep", "tiếp nhận trực tiếp"),
    ("hs_bcci", "tiếp nhận qua dịch vụ BCCI"),
    ("hs_ky_truoc", "kỳ trước chuyển qua"),
)
OUTCOMES = (
    ("hs_truoc_han", "số hồ sơ giải quyết trước hạn"),
    ("hs_dung_han", "số hồ sơ giải quyết đúng hạn"),
    ("hs_qua_han", "số hồ sơ giải quyết quá hạn"),
)


def application_sentences(figures: dict[str, Decimal]) -> list[Sentence]:
    """ "- Tổng số hồ sơ đã tiếp nhận: 729 hồ sơ. Trong đó: …", resolved and pending ones,
    the procedures in force and online."""
    sentences: list[Sentence] = []
    received = figures.get("hs_tiep_nhan")
    if received is not None:
        parts = [(tag, label) for tag, label in RECEIVED_PARTS if tag in figures]
        sentence = f"- Tổng số hồ sơ đã tiếp nhận: {_count(received)}."
        if parts:
            sentence += (
                " Trong đó: "
                + "; ".join(f"{label}: {_count(figures[tag])}" for tag, label in parts)
                + "."
            )
        sentences.append((sentence, ("hs_tiep_nhan", *(tag for tag, _ in parts))))
    resolved = figures.get("hs_giai_quyet")
    base = resolved if resolved else received
    outcomes = [(tag, label) for tag, label in OUTCOMES if tag in figures]
    if resolved is not None or outcomes:
        tags = tuple(tag for tag, _ in outcomes)
        details = "; ".join(
            f"{label}: {_count(figures[tag])}{_share(figures[tag], base)}"
            for tag, label in outcomes
        )
        if resolved is not None:
            head = f"- Số hồ sơ đã giải quyết: {_count(resolved)}"
            text = f"{head}. Trong đó: {details}." if details else f"{head}."
            tags = ("hs_giai_quyet", *tags)
        else:
            text = f"- {details[0].upper()}{details[1:]}."
        sentences.append((text, tags))
    if "hs_dang_giai_quyet" in figures:
        sentences.append(
            (
                f"- Số hồ sơ đang giải quyết: {_count(figures['hs_dang_giai_quyet'])}.",
                ("hs_dang_giai_quyet",),
            )
        )
    if "tthc_dang_ap_dung" in figures:
        sentences.append(
            (
                f"- Tổng số TTHC đang áp dụng: {_count(figures['tthc_dang_ap_dung'], 'thủ tục')}.",
                ("tthc_dang_ap_dung",),
            )
        )
    if "tthc_truc_tuyen" in figures:
        sentences.append(
            (
                "- Số TTHC cung cấp dịch vụ công trực tuyến: "
                f"{_count(figures['tthc_truc_tuyen'], 'thủ tục')}.",
                ("tthc_truc_tuyen",),
            )
        )
    return sentences


def staff_sentences(figures: dict[str, Decimal]) -> list[Sentence]:
    parts = []
    tags = []
    if "bien_che_giao" in figures:
        parts.append(f"biên chế được giao: {_count(figures['bien_che_giao'], 'người')}")
        tags.append("bien_che_giao")
    if "bien_che_co_mat" in figures:
        parts.append(f"có mặt tại thời điểm báo cáo: {_count(figures['bien_che_co_mat'], 'người')}")
        tags.append("bien_che_co_mat")
    if not parts:
        return []
    return [(f"- Về cán bộ, công chức: {'; '.join(parts)}.", tuple(tags))]


# --- One row, one line ----------------------------------------------------------------------


def _unit(row: IndicatorInfo, by_code: dict[str, IndicatorInfo]) -> str:
    """The unit as a sentence says it after a number: "văn bản", "hồ sơ", "TTHC", or nothing
    (a coding, a long note, "nt" — như trên — read from the row above)."""
    unit = " ".join(row.unit.split())
    key = words(unit).strip()
    if key == "nt":
        parent = by_code.get(row.parent or "")
        return _unit(parent, by_code) if parent is not None else ""
    if not key or "=" in unit or any(c.isdigit() for c in unit) or len(unit) > 30:
        return ""
    for lead in ("số lượng", "số"):
        if unit.lower().startswith(lead + " ") or unit.lower() == lead:
            unit = unit[len(lead) :].strip()
            break
    if not unit:
        return ""
    first = unit.split()[0]
    return unit if first.isupper() and len(first) > 1 else unit[0].lower() + unit[1:]


def row_line(row: IndicatorInfo, value: Decimal, by_code: dict[str, IndicatorInfo]) -> str:
    """ "- Số VBQPPL đã rà soát: 3 văn bản.", "+ Tiếp nhận trực tiếp: 12 hồ sơ." for a "Trong
    đó" row, "- Hình thức khảo sát: Kết hợp." for a coded one."""
    name = row.name.strip().rstrip(":.;, ").strip()
    if row.is_coded:
        label = next((text for code, text in row.choices if code == value), "")
        shown = label.strip() or format_number(value)
    elif row.value_type == ValueType.PERCENT:
        shown = f"{format_number(value)}%"
    else:
        unit = _unit(row, by_code)
        shown = f"{format_number(value)} {unit}".strip()
    return f"{'+' if row.is_breakdown else '-'} {name}: {shown}."


# --- The offer ------------------------------------------------------------------------------


def figure_problems(findings: Iterable[Finding]) -> dict[str, list[str]]:
    """The messages of the checks each figure (by code, or table cell "table:row:column")
    fails; the narrative's own checks are not about the annex's figures."""
    problems: dict[str, list[str]] = {}
    for finding in findings:
        if finding.source in (NARRATIVE, DOCUMENT) or finding.check in NOT_ABOUT_THE_FIGURE:
            continue
        for code in finding.codes:
            messages = problems.setdefault(code, [])
            if finding.message not in messages:
                messages.append(finding.message)
    return problems


def _line(text: str, codes: Iterable[str], problems: dict[str, list[str]]) -> FigureLine:
    codes = tuple(dict.fromkeys(codes))
    messages: list[str] = []
    for code in codes:
        for message in problems.get(code, ()):
            if message not in messages:
                messages.append(message)
    return FigureLine(text, codes, tuple(messages))


def part_lines(
    data: ReportData, parts: Sequence[AnnexPart], problems: dict[str, list[str]], *, tables: bool
) -> list[FigureLine]:
    """The lines of the given parts of the annex: the tagged figures' sentences, then every
    other row with a value; ``tables``: the applications are told by the total row of a table
    by field where the template has one."""
    by_code = data.template.by_code
    rows = [row for part in parts for row in part.rows]
    figures: dict[str, Decimal] = {}
    sources: dict[str, list[str]] = {}
    for row in rows:
        value = data.value(row.code)
        if value is None or not row.is_numeric:
            continue
        for tag in row.tags:
            figures[tag] = figures.get(tag, Decimal(0)) + value
            sources.setdefault(tag, []).append(row.code)
    if tables:
        table_figures: dict[str, Decimal] = {}
        table_sources: dict[str, list[str]] = {}
        for table in data.template.tables:
            total = table.total_row
            if total is None:
                continue
            for column in table.columns:
                value = data.cells.get(table.cell_code(total.code, column.code))
                if value is None:
                    continue
                for tag in column.tags:
                    table_figures[tag] = value
                    table_sources[tag] = [table.cell_code(total.code, column.code)]
        if table_figures:
            figures = {tag: v for tag, v in figures.items() if not tag.startswith("hs_")}
            sources = {tag: c for tag, c in sources.items() if not tag.startswith("hs_")}
            figures.update(table_figures)
            sources.update(table_sources)
    sentences = application_sentences(figures) + staff_sentences(figures)
    told = {tag for _, tags in sentences for tag in tags}
    lines = [
        _line(text, (code for tag in tags for code in sources.get(tag, ())), problems)
        for text, tags in sentences
    ]
    for row in rows:
        value = data.value(row.code)
        if value is None or not row.is_input or row.value_type == ValueType.TEXT:
            continue
        if told & set(row.tags):
            continue  # told by a sentence above
        lines.append(_line(row_line(row, value, by_code), (row.code,), problems))
    return lines


def figure_offer(data: ReportData, index: int, findings: Iterable[Finding] = ()) -> FigureOffer:
    """What section ``index`` of the report (``data.sections``) is offered."""
    sections = data.sections
    area = section_areas(sections)[index]
    heading = sections[index].heading
    if area is None:
        return FigureOffer(heading, None, (), ())
    parts = annex_parts(data.template.indicators).get(area.code, [])
    lines = part_lines(data, parts, figure_problems(findings), tables=area.code == TABLE_AREA)
    has_inputs = any(row.is_input for part in parts for row in part.rows)
    return FigureOffer(heading, area, tuple(part.title for part in parts), tuple(lines), has_inputs)


def section_offer(report: Report, section: NarrativeSection) -> FigureOffer:
    """The offer for one saved section, with the checks of the report as it is saved."""
    data = report_data(report)
    ids = list(report.sections.order_by("position").values_list("pk", flat=True))
    findings = check_data(data, include_narrative=False)
    return figure_offer(data, ids.index(section.pk), findings)
