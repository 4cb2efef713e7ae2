"""What kind of figure a row holds, and so what the official types for it each period.

A template sets a kind for every row (the admin may change it): a *flow* is counted within the
period and typed fresh; a *stock* (staff, procedures in force) and a *stable answer* (yes/no,
plans) start from the previous period's value, to confirm; a *computed* row is its formula
over the template's codes (a "Trong đó" total, a ratio from its counts).

When a template is imported without kinds, ``inferred_settings`` gives the defaults from what
the row says of itself: its type, its unit and name, its "Trong đó" parts. Templates written
before kinds existed said ``"prefill": "last_value"`` or ``"previous_pending"``: read as a stock
and as a carry-over of last period's pending dossiers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from core.text import fold
from indicators.choices import Derivation, IndicatorKind, MergeRule, ValueType

# Words of a row's name that mark a level at the report date rather than a count of the period.
_STOCK_WORDS = (
    "dang ap dung",
    "bien che",
    "co mat",
    "hien co",
    "tong so tthc cung cap",
    "cung cap truc tuyen",
    "dang thuc hien",
)
# Words of a row's name that mark an answer rarely changing between periods.
_STABLE_WORDS = ("quy che", "de ra trong ke hoach")
_CARRY_OVER_WORDS = ("ky truoc chuyen qua", "ky truoc chuyen sang", "chuyen tu ky truoc")

KIND_KEYS = ("kind", "derivation", "derive_from", "on_merge")


def sum_formula(codes: Sequence[str]) -> str:
    return " + ".join(f"[{code}]" for code in codes)


_REF = re.compile(r"\[([^\]]*)\]")


def readable_formula(formula: str) -> str:
    """A formula as the form shows it to an official: "[3.3.1.a] + [3.3.1.b]" reads
    "3.3.1.a + 3.3.1.b", "*" reads "×" (a table reference keeps its own "*")."""
    parts = _REF.split(formula)
    # re.split with one group: text outside references at even places, codes at odd ones.
    text = "".join(part if i % 2 else part.replace("*", "×") for i, part in enumerate(parts))
    return " ".join(text.split())


def inferred_kind(row: Mapping[str, Any], breakdowns: Sequence[str] = ()) -> str:
    """The kind a row most likely is, from its type, name and "Trong đó" parts."""
    value_type = row.get("value_type", ValueType.INTEGER)
    if row.get("formula"):
        return IndicatorKind.COMPUTED
    if row.get("parts_sum_to_total") and breakdowns:
        return IndicatorKind.COMPUTED
    if value_type in (ValueType.YESNO, ValueType.CHOICE):
        return IndicatorKind.STABLE
    name = " ".join(fold(str(row.get("name", ""))).split())
    if any(word in name for word in _STOCK_WORDS):
        return IndicatorKind.STOCK
    if any(word in name for word in _STABLE_WORDS):
        return IndicatorKind.STABLE
    return IndicatorKind.FLOW


def default_on_merge(value_type: str) -> str:
    if value_type == ValueType.YESNO:
        return MergeRule.ALL_YES
    if value_type in (ValueType.CHOICE, ValueType.TEXT, ValueType.PERCENT):
        return MergeRule.NONE
    return MergeRule.SUM


def inferred_settings(row: Mapping[str, Any], breakdowns: Sequence[str] = ()) -> dict[str, str]:
    """kind, formula, derivation, derive_from and on_merge of a template row as written, with
    defaults where the row says nothing (``breakdowns``: the codes of its "Trong đó" rows)."""
    legacy = row.get("prefill", "")
    formula = str(row.get("formula") or "")
    kind = row.get("kind") or ""
    if not kind:
        kind = IndicatorKind.STOCK if legacy == "last_value" else inferred_kind(row, breakdowns)
    if kind == IndicatorKind.COMPUTED and not formula and breakdowns:
        formula = sum_formula(breakdowns)
    if kind == IndicatorKind.COMPUTED and not formula:
        kind = IndicatorKind.FLOW
    derivation = row.get("derivation") or ""
    derive_from = str(row.get("derive_from") or "")
    name = " ".join(fold(str(row.get("name", ""))).split())
    if not derivation and (
        legacy == "previous_pending" or any(word in name for word in _CARRY_OVER_WORDS)
    ):
        derivation = Derivation.CARRY_OVER
    value_type = str(row.get("value_type", ValueType.INTEGER))
    return {
        "kind": str(kind),
        "formula": formula,
        "derivation": str(derivation),
        "derive_from": derive_from,
        "on_merge": str(row.get("on_merge") or default_on_merge(value_type)),
    }


def breakdown_codes(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """For each row code, the codes of its "Trong đó" rows (``code.a``, ``code.b`` …)."""
    found: dict[str, list[str]] = {}
    codes = {str(row["code"]) for row in rows}
    for row in rows:
        if not row.get("is_breakdown"):
            continue
        code = str(row["code"])
        parent = code.rsplit(".", 1)[0]
        if parent in codes:
            found.setdefault(parent, []).append(code)
    return found
