"""The values of a template's computed rows: each row's formula over the report's figures.

A computed row is a formula in the expression language (``[3.3.1.a] + [3.3.1.b]``, a ratio
``ROUND([7.2.2.b] / [7.2.2] * 100, 2)``). Rows that read other computed rows are computed after
them (``SUM_CHILDREN([3.3])`` reads the numeric rows under 3.3); a cycle (which the template
editor refuses, naming it: ``cycle_through``) leaves its rows blank instead of looping.

A blank operand: a total of parts is the sum of the parts typed so far (a part not yet typed
counts 0, as the official adds up what the form shows); any other formula (a ratio, a product)
stays blank until every operand is there. A formula that reads nothing but blanks is blank, and
a division by zero is blank.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from indicators.choices import IndicatorKind, ValueType
from indicators.validation.evaluation import EvaluationError, evaluate, leaves
from indicators.validation.expressions import (
    Binary,
    Call,
    Expression,
    Negate,
    Node,
    ParseError,
    Ref,
    parse,
)
from indicators.validation.snapshot import IndicatorInfo, ReportData

# Decimal places a computed value keeps, by the row's type (a percent as the forms print it).
PLACES = {ValueType.INTEGER: 0, ValueType.PERCENT: 2, ValueType.DECIMAL: 6}


def formula_reads(expression: Expression, children: Mapping[str, Sequence[str]]) -> list[str]:
    """The codes a formula reads, once each, in order: ``SUM_CHILDREN([3.3])`` reads the rows
    under 3.3 (``children``), not 3.3 itself; a table cell is not a row and is left out."""
    found: dict[str, None] = {}

    def walk(node: Node) -> None:
        if isinstance(node, Ref):
            if not node.is_cell:
                found.setdefault(node.code, None)
        elif isinstance(node, Negate):
            walk(node.operand)
        elif isinstance(node, Binary):
            walk(node.left)
            walk(node.right)
        elif isinstance(node, Call):
            if node.name == "SUM_CHILDREN":
                for arg in node.args:
                    if isinstance(arg, Ref):
                        for child in children.get(arg.code, ()):
                            found.setdefault(child, None)
                return
            for arg in node.args:
                walk(arg)

    walk(expression.root)
    return list(found)


def _formulas(indicators: Iterable[IndicatorInfo]) -> dict[str, tuple[IndicatorInfo, list[str]]]:
    """The computed rows whose formula parses, each with the codes it reads."""
    rows = list(indicators)
    numeric: dict[str, list[str]] = {}
    for row in rows:
        if row.parent and row.is_numeric:
            numeric.setdefault(row.parent, []).append(row.code)
    found: dict[str, tuple[IndicatorInfo, list[str]]] = {}
    for row in rows:
        if row.kind != IndicatorKind.COMPUTED or not row.formula or not row.is_input:
            continue
        try:
            found[row.code] = (row, formula_reads(parse(row.formula), numeric))
        except ParseError:
            continue
    return found


def computed_rows(indicators: Iterable[IndicatorInfo]) -> list[IndicatorInfo]:
    """The computed rows whose formula parses, in an order where a row comes after every
    computed row it reads; rows caught in a cycle are left out."""
    rows = _formulas(indicators)
    ordered: list[IndicatorInfo] = []
    state: dict[str, str] = {}

    def visit(code: str) -> bool:
        if state.get(code) == "done":
            return True
        if state.get(code) == "visiting":
            return False
        state[code] = "visiting"
        row, reads = rows[code]
        for needed in reads:
            if needed in rows and needed != code and not visit(needed):
                state[code] = "cycle"
                return False
        state[code] = "done"
        ordered.append(row)
        return True

    for code in rows:
        if state.get(code) is None:
            visit(code)
    return ordered


def cycle_through(indicators: Iterable[IndicatorInfo], code: str) -> list[str]:
    """The computed rows a row's formula goes round through back to the row (``["3.3",
    "3.3.1", "3.3"]``: 3.3 reads 3.3.1, which reads 3.3), or ``[]`` when it is computed in
    turn; a formula reading its own row is the shortest cycle (``["3.3", "3.3"]``)."""
    rows = _formulas(indicators)
    if code not in rows:
        return []
    seen: set[str] = set()

    def path_from(current: str) -> list[str]:
        for needed in rows[current][1]:
            if needed == code:
                return [current, code]
            if needed in rows and needed not in seen:
                seen.add(needed)
                rest = path_from(needed)
                if rest:
                    return [current, *rest]
        return []

    return path_from(code)


def is_additive(node: Node) -> bool:
    """Whether an expression only adds and subtracts (a total of parts)."""
    if isinstance(node, Binary):
        return node.op in "+-" and is_additive(node.left) and is_additive(node.right)
    if isinstance(node, Negate):
        return is_additive(node.operand)
    if isinstance(node, Call):
        return node.name in {"SUM", "SUM_CHILDREN"} and all(is_additive(a) for a in node.args)
    return True


class _Figures:
    """A report's figures with the computed ones filled in as they are computed."""

    def __init__(self, data: ReportData, values: dict[str, Decimal | None]) -> None:
        self.data = data
        self.values = values

    def value(self, code: str) -> Decimal | None:
        return self.values.get(code)

    def cell(self, table: str, row: str, column: str) -> Decimal | None:
        return self.data.cell(table, row, column)

    def children(self, code: str) -> Iterable[str]:
        return self.data.children(code)

    def expand(self, ref: Ref) -> Iterable[Ref]:
        return self.data.expand(ref)


def compute(expression: Expression, env, value_type: str = ValueType.DECIMAL) -> Decimal | None:
    """One formula's value on ``env`` (blank as the module says), rounded for its row."""
    read = leaves(expression, env)
    if read and all(leaf.value is None for leaf in read):
        return None
    try:
        result = evaluate(expression, env)
        if result is None and is_additive(expression.root):
            result = evaluate(expression, env, blank=Decimal(0))
    except (EvaluationError, ArithmeticError):
        return None
    if result is None:
        return None
    places = PLACES.get(ValueType(value_type), 6) if value_type in ValueType.values else 6
    return tidy(result.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def tidy(value: Decimal) -> Decimal:
    """Without trailing zeros, and never in exponent form ("100", not "1E+2")."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def computed_values(
    data: ReportData, *, keep: Collection[str] = (), given: Mapping[str, Decimal | None] = {}
) -> dict[str, Decimal | None]:
    """Every computed row's value on ``data`` (None = blank). Rows in ``keep`` (figures the
    commune typed over the computed one) keep their stored value and are read as such;
    ``given`` overrides stored figures (a form not yet saved)."""
    values = {**data.values, **given}
    env = _Figures(data, values)
    results: dict[str, Decimal | None] = {}
    for row in computed_rows(data.template.indicators):
        if row.code in keep:
            continue
        value = compute(parse(row.formula), env, row.value_type)
        values[row.code] = value
        results[row.code] = value
    return results
