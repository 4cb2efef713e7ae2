"""Narrative figures against the annex (and a table by field's total row): through the
semantic tags ("Tổng số hồ sơ đã tiếp nhận" ↔ hs_tiep_nhan), or an untagged indicator's own name.
A warning quotes both figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from indicators.validation.findings import (
    NARRATIVE,
    WARNING,
    Finding,
    addition,
    num,
    shorten,
    values_of,
)
from indicators.validation.narrative_applications import Block
from indicators.validation.narrative_text import (
    APPLICATIONS,
    BCCI,
    CARRIED,
    DIRECT,
    DIRECT_POSTAL,
    EARLY,
    LATE,
    ON_TIME,
    ONLINE,
    PENDING,
    RECEIVED,
    RESOLVED,
    RETURNED,
    Line,
    Quantity,
    procedure_concept,
)
from indicators.validation.snapshot import ReportData

MSG_ANNEX = "Thuyết minh ghi “{fragment}” nhưng {figure} = {annex}."
MSG_LATE = (
    "Thuyết minh ghi {late} hồ sơ giải quyết quá hạn nhưng phụ lục {on_time_code} "
    "(giải quyết đúng hạn) = {on_time} = {all_code} ({all_label}) = {all_value}: theo phụ lục "
    "không có hồ sơ nào quá hạn."
)
MSG_SCOPE_ANNEX = "phụ lục {codes}"
MSG_SCOPE_TABLE = "bảng “{table}”, dòng “{row}”, cột {columns}"

# The annex's tags for what a narrative figure counts.
CONCEPT_TAGS: dict[str, tuple[str, ...]] = {
    RECEIVED: ("hs_tiep_nhan",),
    ONLINE: ("hs_truc_tuyen",),
    DIRECT: ("hs_truc_tiep",),
    DIRECT_POSTAL: ("hs_truc_tiep", "hs_bcci"),
    BCCI: ("hs_bcci",),
    CARRIED: ("hs_ky_truoc",),
    RESOLVED: ("hs_giai_quyet",),
    EARLY: ("hs_truoc_han",),
    ON_TIME: ("hs_dung_han",),
    LATE: ("hs_qua_han",),
    PENDING: ("hs_dang_giai_quyet",),
    RETURNED: ("hs_tra_lai",),
    "tthc_lien_thong": ("tthc_lien_thong",),
    "tthc_mot_cua": ("tthc_mot_cua",),
    "tthc_cong_bo": ("tthc_cong_bo",),
    "tthc_truc_tuyen": ("tthc_truc_tuyen",),
    "tthc_dang_ap_dung": ("tthc_dang_ap_dung",),
    "staff_present": ("bien_che_co_mat",),
    "staff_quota": ("bien_che_giao",),
}

_NAME_PREFIX = re.compile(r"^(tong so luong|tong so|so luong|so)\s+")
_NAME_SUFFIX = re.compile(r"\s+(la|co|duoc|dat)$")
_PARENS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class Figure:
    """What the annex says about a tag: in the annex, or in a table's total row."""

    label: str
    codes: tuple[str, ...]
    values: tuple[Decimal | None, ...]
    scope_tags: frozenset[str]

    @property
    def value(self) -> Decimal | None:
        known = [v for v in self.values if v is not None]
        return sum(known, Decimal(0)) if known else None

    group: str = ""  # a group row repeating the figure ("dòng nhóm 3.1 cũng ghi 227")

    def describe(self) -> str:
        if len(self.values) > 1:
            return f"{self.label} = {addition(self.values)}"
        return self.label

    def value_text(self) -> str:
        value = num(self.value)
        return f"{value} (dòng nhóm {self.group} cũng ghi {value})" if self.group else value


def annex_figures(data: ReportData, concept: str) -> list[Figure]:
    """What the annex and each table's total row say about a concept (only where tagged)."""
    tags = CONCEPT_TAGS.get(concept, ())
    figures: list[Figure] = []
    codes = tuple(code for tag in tags for code in data.tagged_codes(tag))
    if codes:
        values = tuple(data.value(code) for code in codes)
        if any(v is not None for v in values):
            with_group = _with_group(data, codes)
            figures.append(
                Figure(
                    MSG_SCOPE_ANNEX.format(codes=" + ".join(codes)),
                    with_group,
                    values,
                    frozenset(data.template.by_tag),
                    group=with_group[0] if len(with_group) > len(codes) else "",
                )
            )
    for table in data.template.tables:
        total_row = table.total_row
        if total_row is None:
            continue
        columns = [c for c in table.columns if set(c.tags) & set(tags)]
        if not columns:
            continue
        values = tuple(data.cell(table.code, total_row.code, c.code) for c in columns)
        if all(v is None for v in values):
            continue
        figures.append(
            Figure(
                MSG_SCOPE_TABLE.format(
                    table=shorten(table.title),
                    row=total_row.label,
                    columns=" + ".join(f"“{c.label}”" for c in columns),
                ),
                tuple(table.cell_code(total_row.code, c.code) for c in columns),
                values,
                frozenset(tag for c in table.columns for tag in c.tags),
            )
        )
    return figures


def _with_group(data: ReportData, codes: tuple[str, ...]) -> tuple[str, ...]:
    """A row whose group row repeats its figure (3.1 = 3.1.1 = 227): both would change."""
    if len(codes) != 1:
        return codes
    indicator = data.template.by_code[codes[0]]
    parent = indicator.parent
    if parent and not indicator.is_breakdown and data.value(parent) == data.value(codes[0]):
        return (parent, *codes)
    return codes


def compare(
    fragment: str, stated: Decimal, concept: str, data: ReportData, *, narrow_only: bool = False
) -> Iterator[Finding]:
    for figure in annex_figures(data, concept):
        if narrow_only and "hs_truoc_han" not in figure.scope_tags:
            continue
        if figure.value is None or figure.value == stated:
            continue
        yield Finding(
            "narrative.annex",
            WARNING,
            MSG_ANNEX.format(
                fragment=fragment, figure=figure.describe(), annex=figure.value_text()
            ),
            figure.codes,
            values_of([stated, figure.value]),
            NARRATIVE,
            fragment,
        )


def block_annex_findings(block: Block, data: ReportData) -> Iterator[Finding]:
    """The first account of applications against the annex. "Đúng hạn" is compared only where
    the annex also counts "trước hạn" apart (elsewhere it means early or on time); there, a
    narrative that admits late applications contradicts an annex where all are on time."""
    for concept, statement in block.statements.items():
        quantity = statement.quantity
        yield from compare(
            quantity.fragment, quantity.value, concept, data, narrow_only=concept == ON_TIME
        )
    late = block.statements.get(LATE)
    if late is not None and late.quantity.value > 0:
        yield from _late(late.quantity, data)


def _late(quantity: Quantity, data: ReportData) -> Iterator[Finding]:
    tags = data.template.by_tag
    if "hs_dung_han" not in tags or "hs_truoc_han" in tags:
        return
    on_time_codes = tags["hs_dung_han"]
    for all_tag, all_label in (("hs_giai_quyet", "đã giải quyết"), ("hs_tiep_nhan", "tiếp nhận")):
        if all_tag not in tags:
            continue
        all_codes = tags[all_tag]
        on_time = _sum(data, on_time_codes)
        everything = _sum(data, all_codes)
        if on_time is None or everything is None:
            return
        if everything - on_time < quantity.value:
            yield Finding(
                "narrative.late",
                WARNING,
                MSG_LATE.format(
                    late=num(quantity.value),
                    on_time_code=" + ".join(on_time_codes),
                    on_time=num(on_time),
                    all_code=" + ".join(all_codes),
                    all_label=all_label,
                    all_value=num(everything),
                ),
                (*on_time_codes, *all_codes),
                values_of([quantity.value, on_time, everything]),
                NARRATIVE,
                quantity.fragment,
            )
        return


def _sum(data: ReportData, codes: tuple[str, ...]) -> Decimal | None:
    known = [v for v in (data.value(code) for code in codes) if v is not None]
    return sum(known, Decimal(0)) if known else None


def procedure_annex_findings(lines: list[Line], data: ReportData) -> Iterator[Finding]:
    """Procedures (TTHC) the narrative counts: in force, one-stop, interconnected, published."""
    seen: set[str] = set()
    for line in lines:
        for quantity in line.quantities:
            if quantity.in_parens:
                continue
            concept = procedure_concept(quantity)
            if concept is not None and concept not in seen:
                seen.add(concept)
                yield from compare(quantity.fragment, quantity.value, concept, data)
            if quantity.base is not None:
                base_concept = procedure_concept(quantity, base=True)
                if base_concept is not None and base_concept not in seen:
                    seen.add(base_concept)
                    fragment = f"{quantity.fragment} {quantity.after}".strip()
                    fragment = _original_after(line, quantity) or fragment
                    yield from compare(fragment, quantity.base, base_concept, data)


def _original_after(line: Line, quantity: Quantity) -> str:
    """ "Số TTHC đưa vào thực hiện 212/230 tổng Số TTHC đã được công bố": the fraction and the
    words that say what its base counts, as printed."""
    start = line.text.find(quantity.fragment)
    if start < 0:
        return ""
    end = start + len(quantity.fragment)
    rest = line.text[end:]
    stop = min((i for i in (rest.find(";"), rest.find(",")) if i >= 0), default=len(rest))
    return (quantity.fragment + rest[:stop]).strip(" .;,")


def _normal_name(text: str) -> str:
    text = _PARENS.sub(" ", text.replace(":", " "))
    text = " ".join(text.split())
    text = _NAME_PREFIX.sub("", text)
    return _NAME_SUFFIX.sub("", text)


def name_annex_findings(
    lines: list[Line], data: ReportData, blocks: list[Block]
) -> Iterator[Finding]:
    """A figure whose words are an untagged indicator's name ("Số VBQPPL đã rà soát: 5 văn
    bản" ↔ 2.3 "Số VBQPPL đã rà soát"), of the same kind of thing."""
    sub_quantities = {
        id(s.quantity) for block in blocks if block.sub for s in block.statements.values()
    }
    names = {
        _normal_name(indicator.folded_name): indicator
        for indicator in data.template.indicators
        if indicator.is_count and not indicator.tags and not indicator.is_breakdown
    }
    names = {name: row for name, row in names.items() if len(name.split()) >= 3}
    seen: set[str] = set()
    for line in lines:
        for quantity in line.quantities:
            if quantity.in_parens or quantity.base is not None or id(quantity) in sub_quantities:
                continue
            label = _normal_name(quantity.words)
            indicator = names.get(label)
            if indicator is None or indicator.code in seen:
                continue
            if quantity.kind == APPLICATIONS and "ho so" not in indicator.folded_unit + label:
                continue
            seen.add(indicator.code)
            annex = data.value(indicator.code)
            if annex is None or annex == quantity.value:
                continue
            yield Finding(
                "narrative.annex",
                WARNING,
                MSG_ANNEX.format(
                    fragment=quantity.fragment,
                    figure=MSG_SCOPE_ANNEX.format(codes=indicator.code),
                    annex=num(annex),
                ),
                _with_group(data, (indicator.code,)),
                values_of([quantity.value, annex]),
                NARRATIVE,
                quantity.fragment,
            )
