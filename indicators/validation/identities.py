"""The standard identities of CCHC reporting, found through semantic tags, so that every
template that tags its rows (or its table columns) gets them without writing a rule:

- received = direct + BCCI + online (+ carried over); resolved = early + on time + late;
  received = resolved + pending (+ returned) where the form counts nothing separately;
- one-stop-interconnected procedures = same level + between levels;
- procedures online ≤ procedures in force; present staff ≤ quota (warnings).

A template without the tags is simply not checked by these. Blank is not zero: an identity is
skipped while its total or all its parts are blank, and the message says when a blank part was
counted as 0.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from indicators.validation.findings import (
    ANNEX,
    ERROR,
    TABLE,
    WARNING,
    Finding,
    addition,
    num,
    shorten,
    values_of,
)
from indicators.validation.snapshot import ReportData, TableInfo

MSG_EQUAL = "{description}: {total_label} = {total} nhưng {parts_label} = {addition}{sum_text}."
MSG_EXCEEDS = "{description}: {parts_label} = {addition}{sum_text} lớn hơn {total_label} = {total}."
MSG_SUM = " = {sum}"
MSG_BLANK_AS_ZERO = " (ô trống tính là 0)"
MSG_TABLE_SCOPE = "Bảng “{table}”, dòng “{row}”: "

EQUAL = "="
AT_LEAST = ">="


@dataclass(frozen=True)
class Identity:
    name: str
    description: str
    total: str
    parts: tuple[str, ...]
    relation: str = EQUAL  # total = Σ parts, or total ≥ Σ parts
    severity: str = ERROR
    min_parts: int = 1  # how many of the part tags the scope must have
    requires: tuple[str, ...] = ()  # part tags the scope must all have
    excluded_by: tuple[str, ...] = ()  # tags whose presence makes the identity meaningless


IDENTITIES = (
    Identity(
        "received_channels",
        "Số hồ sơ tiếp nhận = trực tiếp + qua BCCI + trực tuyến + kỳ trước chuyển qua",
        "hs_tiep_nhan",
        ("hs_truc_tiep", "hs_bcci", "hs_truc_tuyen", "hs_ky_truoc"),
        min_parts=2,
    ),
    Identity(
        "resolved_timing",
        "Số hồ sơ đã giải quyết = trước hạn + đúng hạn + quá hạn",
        "hs_giai_quyet",
        ("hs_truoc_han", "hs_dung_han", "hs_qua_han"),
        min_parts=2,
    ),
    Identity(
        "pending_timing",
        "Số hồ sơ đang giải quyết = trong hạn + quá hạn",
        "hs_dang_giai_quyet",
        ("hs_dang_trong_han", "hs_dang_qua_han"),
        min_parts=2,
    ),
    # Forms that count one-stop-interconnected applications in columns of their own do not
    # agree on whether the totals include them (seed 003's rows leave them out, its total row
    # puts them in): the balance is only checked where nothing is counted apart.
    Identity(
        "balance",
        "Số hồ sơ tiếp nhận = đã giải quyết + đang giải quyết + trả lại",
        "hs_tiep_nhan",
        ("hs_giai_quyet", "hs_dang_giai_quyet", "hs_tra_lai"),
        requires=("hs_giai_quyet", "hs_dang_giai_quyet"),
        excluded_by=("lt_tiep_nhan",),
    ),
    Identity(
        "interconnected_balance",
        "Hồ sơ một cửa liên thông: tổng số = đã giải quyết (trước hạn + đúng hạn + quá hạn) "
        "+ đang giải quyết",
        "lt_tiep_nhan",
        ("lt_truoc_han", "lt_dung_han", "lt_qua_han", "lt_dang_giai_quyet"),
        min_parts=2,
    ),
    Identity(
        "resolved_within_received",
        "Số hồ sơ đã giải quyết không vượt quá số hồ sơ tiếp nhận",
        "hs_tiep_nhan",
        ("hs_giai_quyet",),
        relation=AT_LEAST,
    ),
    Identity(
        "on_time_within_resolved",
        "Số hồ sơ giải quyết đúng hạn không vượt quá số hồ sơ đã giải quyết",
        "hs_giai_quyet",
        ("hs_dung_han",),
        relation=AT_LEAST,
    ),
    Identity(
        "on_time_within_received",
        "Số hồ sơ giải quyết đúng hạn không vượt quá số hồ sơ tiếp nhận",
        "hs_tiep_nhan",
        ("hs_dung_han",),
        relation=AT_LEAST,
    ),
    Identity(
        "interconnected_procedures",
        "Số TTHC một cửa liên thông = liên thông cùng cấp + liên thông giữa các cấp",
        "tthc_lien_thong",
        ("tthc_lien_thong_cung_cap", "tthc_lien_thong_cac_cap"),
        severity=WARNING,
    ),
    Identity(
        "online_integrated",
        "Số TTHC mức độ 3, 4 đã tích hợp lên Cổng DVC = số TTHC cung cấp trực tuyến "
        "(mức độ 3 + mức độ 4)",
        "tthc_truc_tuyen_tich_hop",
        ("tthc_truc_tuyen",),
        severity=WARNING,
    ),
    Identity(
        "online_total",
        "Số TTHC cung cấp mức độ 3, 4 = mức độ 3 + mức độ 4",
        "tthc_truc_tuyen_tong",
        ("tthc_truc_tuyen",),
        severity=WARNING,
    ),
    Identity(
        "online_within_in_force",
        "Số TTHC cung cấp trực tuyến không vượt quá tổng số TTHC đang áp dụng",
        "tthc_dang_ap_dung",
        ("tthc_truc_tuyen",),
        relation=AT_LEAST,
        severity=WARNING,
    ),
    Identity(
        "one_stop_within_in_force",
        "Số TTHC thực hiện theo cơ chế một cửa không vượt quá tổng số TTHC đang áp dụng",
        "tthc_dang_ap_dung",
        ("tthc_mot_cua",),
        relation=AT_LEAST,
        severity=WARNING,
    ),
    Identity(
        "staff_within_quota",
        "Số biên chế có mặt không vượt quá số biên chế được giao",
        "bien_che_giao",
        ("bien_che_co_mat",),
        relation=AT_LEAST,
        severity=WARNING,
    ),
)

# Rows whose meaning an identity defines as a total: the generic group-row check leaves them.
DEFINING_TAGS = frozenset(identity.total for identity in IDENTITIES if identity.relation == EQUAL)


@dataclass(frozen=True)
class Term:
    """A tag's figure in one scope: the rows (or cells) carrying it, their values, their sum."""

    label: str
    codes: tuple[str, ...]
    values: tuple[Decimal | None, ...]

    @property
    def total(self) -> Decimal | None:
        known = [v for v in self.values if v is not None]
        return sum(known, Decimal(0)) if known else None


class Scope:
    """Where an identity is evaluated: the annex (tags on rows) or one row of a table."""

    source = ANNEX
    prefix = ""

    def tags(self) -> set[str]:
        raise NotImplementedError

    def term(self, tag: str) -> Term | None:
        raise NotImplementedError


class AnnexScope(Scope):
    def __init__(self, data: ReportData) -> None:
        self.data = data

    def tags(self) -> set[str]:
        return set(self.data.template.by_tag)

    def term(self, tag: str) -> Term | None:
        codes = self.data.tagged_codes(tag)
        if not codes:
            return None
        return Term(" + ".join(codes), codes, tuple(self.data.value(c) for c in codes))


class TableRowScope(Scope):
    source = TABLE

    def __init__(self, data: ReportData, table: TableInfo, row_code: str, row_label: str) -> None:
        self.data = data
        self.table = table
        self.row = row_code
        self.prefix = MSG_TABLE_SCOPE.format(table=shorten(table.title), row=row_label)

    def tags(self) -> set[str]:
        return {tag for column in self.table.columns for tag in column.tags}

    def term(self, tag: str) -> Term | None:
        columns = [c for c in self.table.columns if tag in c.tags]
        if not columns:
            return None
        return Term(
            " + ".join(f"“{c.label}”" for c in columns),
            tuple(self.table.cell_code(self.row, c.code) for c in columns),
            tuple(self.data.cell(self.table.code, self.row, c.code) for c in columns),
        )


def identity_findings(data: ReportData) -> Iterator[Finding]:
    yield from scope_findings(AnnexScope(data))


def scope_findings(scope: Scope) -> Iterator[Finding]:
    present = scope.tags()
    for identity in IDENTITIES:
        finding = _check(identity, scope, present)
        if finding is not None:
            yield finding


def _check(identity: Identity, scope: Scope, present: set[str]) -> Finding | None:
    if identity.total not in present or present & set(identity.excluded_by):
        return None
    if not set(identity.requires) <= present:
        return None
    total_term = scope.term(identity.total)
    part_terms = [t for t in (scope.term(tag) for tag in identity.parts) if t is not None]
    if total_term is None or len(part_terms) < identity.min_parts:
        return None
    total = total_term.total
    part_values = [v for term in part_terms for v in term.values]
    if total is None or all(v is None for v in part_values):
        return None
    summed = sum((v for v in part_values if v is not None), Decimal(0))
    holds = summed == total if identity.relation == EQUAL else summed <= total
    if holds:
        return None
    parts_label = " + ".join(term.label for term in part_terms)
    template = MSG_EQUAL if identity.relation == EQUAL else MSG_EXCEEDS
    total_text = num(total)
    if len(total_term.values) > 1:
        total_text = f"{addition(total_term.values)} = {total_text}"
    message = scope.prefix + template.format(
        description=identity.description,
        total_label=total_term.label,
        total=total_text,
        parts_label=parts_label,
        addition=addition(part_values),
        sum_text=MSG_SUM.format(sum=num(summed)) if len(part_values) > 1 else "",
    )
    if any(v is None for v in part_values):
        message = message[:-1] + MSG_BLANK_AS_ZERO + "."
    codes = total_term.codes + tuple(code for term in part_terms for code in term.codes)
    return Finding(
        f"identity.{identity.name}",
        identity.severity,
        message,
        codes,
        values_of([*total_term.values, *part_values]),
        scope.source,
    )


def defined_rows(data: ReportData) -> set[str]:
    """Rows tagged as the total of an identity (their meaning is declared)."""
    return {code for tag in DEFINING_TAGS for code in data.tagged_codes(tag)}
