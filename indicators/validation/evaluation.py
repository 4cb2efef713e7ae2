"""Evaluating a parsed rule expression (``indicators.validation.expressions``) on a report's
figures: exact decimals, a blank is ``None`` unless the rule says to read it as 0."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Protocol

from indicators.validation.expressions import Binary, Call, Expression, Negate, Node, Number, Ref

MSG_DIVISION_BY_ZERO = "chia cho 0"
MSG_NO_VALUES = "{name} không có giá trị nào để tính"
MSG_ROUND_DIGITS = "số chữ số thập phân của ROUND phải là số nguyên từ 0 đến 6"


class EvaluationError(ArithmeticError):
    """The data make an expression meaningless (a division by zero): the rule is skipped."""


class Environment(Protocol):
    """Where the values come from: a report's annex and tables (or a form not yet saved)."""

    def value(self, code: str) -> Decimal | None: ...

    def cell(self, table: str, row: str, column: str) -> Decimal | None: ...

    def children(self, code: str) -> Iterable[str]: ...

    def expand(self, ref: Ref) -> Iterable[Ref]: ...


@dataclass(frozen=True)
class Leaf:
    """One value an expression read: a reference and what it holds (None = blank)."""

    ref: Ref
    value: Decimal | None


def leaves(expression: Expression, env: Environment) -> list[Leaf]:
    """Every value the expression reads, wildcards and SUM_CHILDREN expanded."""
    found: list[Leaf] = []

    def visit(node: Node) -> None:
        if isinstance(node, Ref):
            for ref in env.expand(node) if node.is_wildcard else (node,):
                found.append(Leaf(ref, _read(ref, env)))
        elif isinstance(node, Negate):
            visit(node.operand)
        elif isinstance(node, Binary):
            visit(node.left)
            visit(node.right)
        elif isinstance(node, Call):
            if node.name == "SUM_CHILDREN":
                parent = node.args[0]
                assert isinstance(parent, Ref)
                for code in env.children(parent.code):
                    found.append(Leaf(Ref(code), env.value(code)))
            else:
                for arg in node.args:
                    visit(arg)

    visit(expression.root)
    return found


def _read(ref: Ref, env: Environment) -> Decimal | None:
    if ref.is_cell:
        return env.cell(ref.table, ref.row, ref.column)
    return env.value(ref.code)


def evaluate(
    expression: Expression, env: Environment, *, blank: Decimal | None = None
) -> Decimal | None:
    """The expression's value. A blank reads as ``blank`` (0 under "treat empty as 0");
    with ``blank=None`` any blank operand makes the result None.
    Raises EvaluationError on a division by zero."""

    def read(ref: Ref) -> Decimal | None:
        value = _read(ref, env)
        return blank if value is None else value

    def many(nodes: tuple[Node, ...]) -> list[Decimal | None]:
        values: list[Decimal | None] = []
        for node in nodes:
            if isinstance(node, Ref) and node.is_wildcard:
                values.extend(read(ref) for ref in env.expand(node))
            else:
                values.append(visit(node))
        return values

    def visit(node: Node) -> Decimal | None:
        if isinstance(node, Number):
            return node.value
        if isinstance(node, Ref):
            return read(node)
        if isinstance(node, Negate):
            operand = visit(node.operand)
            return None if operand is None else -operand
        if isinstance(node, Binary):
            left, right = visit(node.left), visit(node.right)
            if left is None or right is None:
                return None
            return _OPERATIONS[node.op](left, right)
        assert isinstance(node, Call)
        if node.name == "SUM_CHILDREN":
            parent = node.args[0]
            assert isinstance(parent, Ref)
            values = [env.value(code) for code in env.children(parent.code)]
            values = [blank if v is None else v for v in values]
            if any(v is None for v in values):
                return None
            return sum((v for v in values if v is not None), Decimal(0))
        values = many(node.args)
        if any(v is None for v in values):
            return None
        numbers = [v for v in values if v is not None]
        if not numbers:
            # A wildcard over a table without rows: nothing to take a minimum of.
            if node.name == "SUM":
                return Decimal(0)
            raise EvaluationError(MSG_NO_VALUES.format(name=node.name))
        return _FUNCTIONS[node.name](numbers)

    return visit(expression.root)


def _divide(left: Decimal, right: Decimal) -> Decimal:
    if right == 0:
        raise EvaluationError(MSG_DIVISION_BY_ZERO)
    return left / right


def _round(args: list[Decimal]) -> Decimal:
    digits = args[1] if len(args) > 1 else Decimal(0)
    if digits != digits.to_integral_value() or not 0 <= digits <= 6:
        raise EvaluationError(MSG_ROUND_DIGITS)
    try:
        return args[0].quantize(Decimal(1).scaleb(-int(digits)), rounding=ROUND_HALF_UP)
    except InvalidOperation as error:  # pragma: no cover - 28 digits are plenty for reports
        raise EvaluationError(str(error)) from error


_OPERATIONS: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _divide,
}
_FUNCTIONS: dict[str, Callable[[list[Decimal]], Decimal]] = {
    "SUM": lambda args: sum(args, Decimal(0)),
    "MIN": min,
    "MAX": max,
    "ABS": lambda args: abs(args[0]),
    "ROUND": _round,
}
