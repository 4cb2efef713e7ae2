"""The standard sentences of a báo cáo built from its annex ("Chèn số liệu").

Figures are found by their semantic tags, so the same sentences come out of every template that
tags its rows (and of a table by field's total row): "Tổng số hồ sơ đã tiếp nhận: 729 hồ sơ.
Trong đó: …; số hồ sơ giải quyết đúng hạn: 254 hồ sơ = 34,8%".
"""

from __future__ import annotations

from decimal import Decimal

from core.numbers import format_number, format_percent
from core.text import fold
from reports.models import Report

TTHC_TOPIC = ("thu tuc", "tthc", "mot cua")
STAFF_TOPIC = ("cong vu", "bo may", "can bo", "cong chuc")


def tagged_figures(report: Report) -> dict[str, Decimal]:
    """Sum of the values of each tag (rows tagged "hs_truc_tuyen" add up: levels 3 and 4).
    Where a table by field gives the applications, its total row tells the whole story of
    them, so its figures replace the annex's application figures (never mixed)."""
    figures: dict[str, Decimal] = {}
    for value in report.values.select_related("indicator"):
        if value.value is None:
            continue
        for tag in value.indicator.tags:
            figures[tag] = figures.get(tag, Decimal(0)) + value.value
    table_figures: dict[str, Decimal] = {}
    for cell in report.cells.select_related("row", "column"):
        if cell.row.is_total and cell.value is not None:
            for tag in cell.column.tags:
                table_figures[tag] = cell.value
    if table_figures:
        figures = {tag: v for tag, v in figures.items() if not tag.startswith("hs_")}
        figures.update(table_figures)
    return figures


def _count(value: Decimal, unit: str = "hồ sơ") -> str:
    return f"{format_number(value)} {unit}"


def _share(part: Decimal, base: Decimal | None) -> str:
    if not base:
        return ""
    return f" = {format_percent(part * 100 / base, 1)}"


def application_sentences(figures: dict[str, Decimal]) -> list[str]:
    sentences = []
    received = figures.get("hs_tiep_nhan")
    if received is not None:
        parts = [
            (label, figures[tag])
            for tag, label in [
                ("hs_truc_tuyen", "tiếp nhận trực tuyến"),
                ("hs_truc_tiep", "tiếp nhận trực tiếp"),
                ("hs_bcci", "tiếp nhận qua dịch vụ BCCI"),
                ("hs_ky_truoc", "kỳ trước chuyển qua"),
            ]
            if tag in figures
        ]
        sentence = f"- Tổng số hồ sơ đã tiếp nhận: {_count(received)}."
        if parts:
            sentence += (
                " Trong đó: "
                + "; ".join(f"{label}: {_count(value)}" for label, value in parts)
                + "."
            )
        sentences.append(sentence)
    resolved = figures.get("hs_giai_quyet")
    base = resolved if resolved else received
    outcomes = [
        (label, figures[tag])
        for tag, label in [
            ("hs_truoc_han", "số hồ sơ giải quyết trước hạn"),
            ("hs_dung_han", "số hồ sơ giải quyết đúng hạn"),
            ("hs_qua_han", "số hồ sơ giải quyết quá hạn"),
        ]
        if tag in figures
    ]
    if resolved is not None or outcomes:
        head = f"- Số hồ sơ đã giải quyết: {_count(resolved)}" if resolved is not None else "-"
        details = "; ".join(f"{label}: {_count(v)}{_share(v, base)}" for label, v in outcomes)
        if resolved is not None and details:
            sentences.append(f"{head}. Trong đó: {details}.")
        elif details:
            sentences.append(f"- {details[0].upper()}{details[1:]}.")
        else:
            sentences.append(f"{head}.")
    if "hs_dang_giai_quyet" in figures:
        sentences.append(f"- Số hồ sơ đang giải quyết: {_count(figures['hs_dang_giai_quyet'])}.")
    if "tthc_dang_ap_dung" in figures:
        sentences.append(
            f"- Tổng số TTHC đang áp dụng: {_count(figures['tthc_dang_ap_dung'], 'thủ tục')}."
        )
    if "tthc_truc_tuyen" in figures:
        sentences.append(
            "- Số TTHC cung cấp dịch vụ công trực tuyến: "
            f"{_count(figures['tthc_truc_tuyen'], 'thủ tục')}."
        )
    return sentences


def staff_sentences(figures: dict[str, Decimal]) -> list[str]:
    parts = []
    if "bien_che_giao" in figures:
        parts.append(f"biên chế được giao: {_count(figures['bien_che_giao'], 'người')}")
    if "bien_che_co_mat" in figures:
        parts.append(f"có mặt tại thời điểm báo cáo: {_count(figures['bien_che_co_mat'], 'người')}")
    if not parts:
        return []
    text = "; ".join(parts)
    return [f"- Về cán bộ, công chức: {text}."]


def standard_sentences(report: Report, heading: str = "") -> list[str]:
    """The sentences for a section: its topic's ones (TTHC, staff), or all of them."""
    figures = tagged_figures(report)
    topic = fold(heading)
    if any(word in topic for word in TTHC_TOPIC):
        return application_sentences(figures)
    if any(word in topic for word in STAFF_TOPIC):
        return staff_sentences(figures)
    return application_sentences(figures) + staff_sentences(figures)
