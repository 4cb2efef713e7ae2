"""Two versions of a template compared row by row, and the mapping of codes between them.

Rows are paired by their names as people read them (accents, case and punctuation aside):
the same name under the same code, then the same name under another code (a renumbered row),
then a slightly different name under the same code, then under another code. A pair whose
printed name differs in any way ("đúng hẹn" → "đúng hạn", "NĐ 34" → "ND 34") is *renamed*; a
pair whose code differs is *renumbered*. What pairs with nothing was *removed* (old version
only) or *added* (new version only).

The mapping old code → new code is data computed from the comparison, never stored: period-to-
period comparisons and prefills across a template change look the old code up in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.importers.matching import similarity
from indicators.models import Indicator, IndicatorTemplate

SAME_CODE_MIN_SIMILARITY = 0.6
NAME_MIN_SIMILARITY = 0.85

ADDED = "added"
REMOVED = "removed"
KEPT = "kept"
KIND_LABELS = {ADDED: "Thêm mới", REMOVED: "Bỏ đi", KEPT: "Giữ lại"}
CHANGE_LABELS = {
    "renamed": "đổi tên",
    "renumbered": "đổi mã",
    "unit": "đổi đơn vị tính",
    "value_type": "đổi kiểu số liệu",
    "choices": "đổi các lựa chọn",
    "is_breakdown": "đổi dòng “Trong đó”",
}


@dataclass(frozen=True)
class RowComparison:
    kind: str  # ADDED, REMOVED or KEPT
    old: Indicator | None
    new: Indicator | None
    changes: tuple[str, ...] = ()  # keys of CHANGE_LABELS

    @property
    def old_code(self) -> str:
        return self.old.code if self.old else ""

    @property
    def new_code(self) -> str:
        return self.new.code if self.new else ""

    @property
    def old_name(self) -> str:
        return self.old.name if self.old else ""

    @property
    def new_name(self) -> str:
        return self.new.name if self.new else ""

    @property
    def is_renamed(self) -> bool:
        return "renamed" in self.changes

    @property
    def is_renumbered(self) -> bool:
        return "renumbered" in self.changes

    @property
    def change_labels(self) -> list[str]:
        return [CHANGE_LABELS[change] for change in self.changes]


@dataclass
class Comparison:
    old: IndicatorTemplate
    new: IndicatorTemplate
    rows: list[RowComparison] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[RowComparison]:
        return [row for row in self.rows if row.kind == kind]

    @property
    def added(self) -> list[RowComparison]:
        return self.of_kind(ADDED)

    @property
    def removed(self) -> list[RowComparison]:
        return self.of_kind(REMOVED)

    @property
    def renamed(self) -> list[RowComparison]:
        return [row for row in self.rows if row.is_renamed]

    @property
    def renumbered(self) -> list[RowComparison]:
        return [row for row in self.rows if row.is_renumbered]

    @property
    def changed(self) -> list[RowComparison]:
        return [row for row in self.rows if row.kind == KEPT and row.changes]

    @property
    def mapping(self) -> dict[str, str]:
        """Old code → new code for every row that carries over."""
        return {row.old.code: row.new.code for row in self.rows if row.old and row.new}

    def as_data(self) -> dict:
        return {
            "old": {"code": self.old.code, "version": self.old.version},
            "new": {"code": self.new.code, "version": self.new.version},
            "mapping": self.mapping,
            "added": [row.new_code for row in self.added],
            "removed": [row.old_code for row in self.removed],
            "renamed": [
                {"old": row.old_code, "new": row.new_code, "from": row.old_name, "to": row.new_name}
                for row in self.renamed
            ],
            "renumbered": [{"old": row.old_code, "new": row.new_code} for row in self.renumbered],
        }


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _similarity(a: Indicator, b: Indicator) -> float:
    return similarity(a.name, b.name)


def _changes(old: Indicator, new: Indicator) -> tuple[str, ...]:
    changes = []
    if not _same_text(old.name, new.name):
        changes.append("renamed")
    if old.code != new.code:
        changes.append("renumbered")
    if not _same_text(old.unit, new.unit):
        changes.append("unit")
    if old.value_type != new.value_type:
        changes.append("value_type")
    if old.choices != new.choices:
        changes.append("choices")
    if old.is_breakdown != new.is_breakdown:
        changes.append("is_breakdown")
    return tuple(changes)


def compare_templates(old: IndicatorTemplate, new: IndicatorTemplate) -> Comparison:
    old_rows = list(old.indicators.order_by("position"))
    new_rows = list(new.indicators.order_by("position"))
    pairs: dict[int, Indicator] = {}  # new row pk → old row
    used: set[int] = set()
    old_by_code = {row.code: row for row in old_rows}

    def pair(new_row: Indicator, old_row: Indicator) -> None:
        pairs[new_row.pk] = old_row
        used.add(old_row.pk)

    def same_code(threshold: float) -> None:
        for row in new_rows:
            candidate = old_by_code.get(row.code)
            if (
                row.pk not in pairs
                and candidate is not None
                and candidate.pk not in used
                and _similarity(candidate, row) >= threshold
            ):
                pair(row, candidate)

    def by_name(threshold: float) -> None:
        for row in new_rows:
            if row.pk in pairs:
                continue
            scored = [
                (_similarity(candidate, row), -abs(candidate.position - row.position), candidate)
                for candidate in old_rows
                if candidate.pk not in used and candidate.is_breakdown == row.is_breakdown
            ]
            scored = [item for item in scored if item[0] >= threshold]
            if scored:
                pair(row, max(scored, key=lambda item: (item[0], item[1]))[2])

    # Exact names first (so an inserted row does not take the code of the row it pushed
    # down), then names that changed a little under the same code, then under another code.
    same_code(1.0)
    by_name(1.0)
    same_code(SAME_CODE_MIN_SIMILARITY)
    by_name(NAME_MIN_SIMILARITY)
    comparison = Comparison(old=old, new=new)
    for row in new_rows:
        previous = pairs.get(row.pk)
        if previous is None:
            comparison.rows.append(RowComparison(ADDED, None, row))
        else:
            comparison.rows.append(RowComparison(KEPT, previous, row, _changes(previous, row)))
    comparison.rows += [RowComparison(REMOVED, row, None) for row in old_rows if row.pk not in used]
    return comparison


def previous_version(template: IndicatorTemplate) -> IndicatorTemplate | None:
    """The version the template was cloned from, else the one just below it."""
    if template.cloned_from_id:
        return template.cloned_from
    return (
        IndicatorTemplate.objects.filter(code=template.code, version__lt=template.version)
        .order_by("-version")
        .first()
    )


def code_mapping(old: IndicatorTemplate, new: IndicatorTemplate) -> dict[str, str]:
    """Old code → new code between two versions (computed, not stored)."""
    return compare_templates(old, new).mapping
