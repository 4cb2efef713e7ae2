"""From parsed annex rows to a template tree: canonical codes, parents, value types, choices.

- Codes lose their printed trailing dot ("2.3." → "2.3"); the printed form is kept for display.
- A code whose prefix is not the open row one level up (2B prints 1.1.1–1.1.4 again under
  1.2) is renumbered under that row (1.2.1–1.2.4), and the renumbering is reported.
- "Trong đó" rows get their parent's code plus ".a", ".b", … in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indicators.models import ValueType

from .annex_text import ParsedRow

# A choice's code is a figure like any other (core.numbers): at most 15 digits 0–9.
_CHOICE = re.compile(r"([^=]+?)\s*=\s*([0-9]{1,15})(?=\s|$)")
_MONEY_UNITS = {"đồng", "triệu đồng", "nghìn đồng", "tỷ đồng"}
BREAKDOWN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class TreeRow:
    code: str
    printed_code: str
    name: str
    unit: str
    value_type: str
    choices: list[dict] = field(default_factory=list)
    parent_code: str | None = None
    depth: int = 0
    is_breakdown: bool = False
    source: ParsedRow | None = None
    # Child rows of its own: its "Trong đó" breakdowns are parts of its figure, not children.
    has_children: bool = False


@dataclass
class Renumbering:
    line: int
    printed_code: str
    code: str
    name: str

    @property
    def message(self) -> str:
        return (
            f"Dòng {self.line}: mã “{self.printed_code}” ({self.name}) trùng hoặc không khớp với "
            f"mục cha; đề xuất đánh lại thành {self.code}."
        )


@dataclass
class Tree:
    rows: list[TreeRow]
    renumbered: list[Renumbering]


def parse_choices(unit: str) -> list[dict]:
    """ "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2" → [{"value": 0, "label": "Trực tuyến"}, …]."""
    choices = [
        {"value": int(match.group(2)), "label": match.group(1).strip(" ;,")}
        for match in _CHOICE.finditer(unit)
    ]
    return choices if len(choices) >= 2 else []


def infer_value_type(name: str, unit: str, choices: list[dict]) -> str:
    if choices:
        values = {choice["value"] for choice in choices}
        return ValueType.YESNO if values == {0, 1} and len(choices) == 2 else ValueType.CHOICE
    lowered = unit.lower()
    if unit.strip() == "%":
        return ValueType.PERCENT
    if lowered in _MONEY_UNITS or lowered.startswith("điểm") or "theo qđ" in lowered:
        return ValueType.DECIMAL
    if not unit and name.lower().startswith("tỷ lệ"):
        return ValueType.PERCENT
    return ValueType.INTEGER


def build_tree(parsed: list[ParsedRow]) -> Tree:
    rows: list[TreeRow] = []
    renumbered: list[Renumbering] = []
    open_by_depth: dict[int, TreeRow] = {}
    child_counts: dict[str, int] = {}
    seen: set[str] = set()
    last_coded: TreeRow | None = None
    for item in parsed:
        parent: TreeRow | None
        if item.is_breakdown:
            if last_coded is None:
                continue
            index = child_counts.get(last_coded.code + "#", 0)
            child_counts[last_coded.code + "#"] = index + 1
            code = f"{last_coded.code}.{BREAKDOWN_LETTERS[index]}"
            parent = last_coded
            printed = ""
        else:
            printed = item.printed_code
            parts = printed.rstrip(".").split(".")
            depth = len(parts)
            code = ".".join(parts)
            parent = open_by_depth.get(depth - 1) if depth > 1 else None
            if parent is None and depth > 1:
                # A level skipped by the annex (1.4.2 right under 1): hang it on its nearest
                # printed ancestor, keeping its code.
                parent = next(
                    (
                        row
                        for d in range(depth - 2, 0, -1)
                        if (row := open_by_depth.get(d)) and code.startswith(row.code + ".")
                    ),
                    None,
                )
                expected_prefix = ".".join(parts[:-1])
            else:
                expected_prefix = parent.code if parent else ""
            if ".".join(parts[:-1]) != expected_prefix or code in seen:
                number = child_counts.get(expected_prefix, 0) + 1
                code = f"{expected_prefix}.{number}" if expected_prefix else str(number)
                renumbered.append(Renumbering(item.line, printed, code, item.name))
            child_counts[expected_prefix] = max(
                child_counts.get(expected_prefix, 0), int(code.split(".")[-1])
            )
        choices = parse_choices(item.unit)
        row = TreeRow(
            code=code,
            printed_code=printed,
            name=item.name,
            unit=item.unit,
            value_type=infer_value_type(item.name, item.unit, choices),
            choices=choices,
            parent_code=parent.code if parent else None,
            depth=(parent.depth + 1) if parent else 0,
            is_breakdown=item.is_breakdown,
            source=item,
        )
        if parent and not item.is_breakdown:
            parent.has_children = True
        seen.add(code)
        rows.append(row)
        if not item.is_breakdown:
            last_coded = row
            depth = code.count(".") + 1
            open_by_depth[depth] = row
            for deeper in [d for d in open_by_depth if d > depth]:
                del open_by_depth[deeper]
    for row in rows:
        _settle_value_type(row)
    return Tree(rows=rows, renumbered=renumbered)


YES_NO_WORDS = {"có": 1, "không": 0}
DEFAULT_YES_NO = [{"value": 0, "label": "Không"}, {"value": 1, "label": "Có"}]
_COUNT_NAME_PREFIXES = ("số", "tổng số", "tỷ lệ")


def _settle_value_type(row: TreeRow) -> None:
    """Headings versus inputs, where the unit column alone does not tell."""
    value = row.source.value.strip() if row.source else ""
    if row.depth == 0:
        row.value_type = ValueType.HEADING
    elif row.unit or row.is_breakdown:
        return
    elif row.has_children:
        # A group of rows without a unit is a heading, unless the annex gives it a value of its
        # own (Hoằng Hóa's 01b prints 3.3 = 729 above 3.3.1 = 729).
        if not value:
            row.value_type = ValueType.HEADING
    elif value.lower() in YES_NO_WORDS:
        # A yes/no question printed without its coding (A Lưới 7.4.1 answers "Có").
        row.value_type = ValueType.YESNO
        row.choices = list(DEFAULT_YES_NO)
    elif not value and not row.name.lower().startswith(_COUNT_NAME_PREFIXES):
        row.value_type = ValueType.HEADING
