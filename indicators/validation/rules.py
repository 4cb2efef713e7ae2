"""A template's own validation rules (left ⟨operator⟩ right), evaluated DHIS2-style: each rule
says what an empty operand means (skip when any is empty, skip only when all are, or count it
as 0), and the message shows it."""

from __future__ import annotations

import operator as op
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from core.numbers import plain
from indicators.choices import MissingValueStrategy, Operator
from indicators.validation.evaluation import EvaluationError, evaluate, leaves
from indicators.validation.expressions import Expression, ParseError, parse
from indicators.validation.findings import ANNEX, TABLE, TEMPLATE, WARNING, Finding, num
from indicators.validation.snapshot import ReportData, RuleInfo, TemplateData

MSG_FAILED = "{message} ({left_text} = {left}; {right_text} = {right}; cần {left} {symbol} {right})"
MSG_BLANKS = " — ô trống tính là 0: {codes}"
MSG_INVALID = "Quy tắc “{code}” không dùng được: {error}"
MSG_UNKNOWN_CODES = "tham chiếu không có trong mẫu: {codes}"

PASSED = "passed"
FAILED = "failed"
SKIPPED = "skipped"
INVALID = "invalid"

COMPARISONS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    Operator.EQ: op.eq,
    Operator.NE: op.ne,
    Operator.LT: op.lt,
    Operator.LE: op.le,
    Operator.GT: op.gt,
    Operator.GE: op.ge,
}
SYMBOLS = {choice.value: choice.label for choice in Operator}


@dataclass(frozen=True)
class RuleOutcome:
    status: str
    left: Decimal | None = None
    right: Decimal | None = None
    blanks: tuple[str, ...] = ()  # codes read as 0
    error: str = ""


def compile_rule(rule: RuleInfo, template: TemplateData) -> tuple[Expression, Expression]:
    """Both sides parsed and their codes known to the template; raises ParseError or
    ValueError (unknown codes)."""
    left, right = parse(rule.left), parse(rule.right)
    unknown = [
        ref.code for side in (left, right) for ref in side.references() if not template.knows(ref)
    ]
    if unknown:
        raise ValueError(MSG_UNKNOWN_CODES.format(codes=", ".join(dict.fromkeys(unknown))))
    return left, right


def evaluate_rule(rule: RuleInfo, data: ReportData) -> RuleOutcome:
    try:
        left, right = compile_rule(rule, data.template)
    except (ParseError, ValueError) as error:
        return RuleOutcome(INVALID, error=str(error))
    read = leaves(left, data) + leaves(right, data)
    blank_codes = tuple(dict.fromkeys(leaf.ref.code for leaf in read if leaf.value is None))
    strategy = rule.missing_values
    if blank_codes and strategy == MissingValueStrategy.SKIP_IF_ANY_MISSING:
        return RuleOutcome(SKIPPED, blanks=blank_codes)
    if (
        read
        and len(blank_codes) == len({leaf.ref.code for leaf in read})
        and (strategy == MissingValueStrategy.SKIP_IF_ALL_MISSING)
    ):
        return RuleOutcome(SKIPPED, blanks=blank_codes)
    try:
        left_value = evaluate(left, data, blank=Decimal(0))
        right_value = evaluate(right, data, blank=Decimal(0))
    except EvaluationError as error:
        return RuleOutcome(SKIPPED, blanks=blank_codes, error=str(error))
    assert left_value is not None and right_value is not None
    holds = COMPARISONS[rule.operator](left_value, right_value)
    return RuleOutcome(PASSED if holds else FAILED, left_value, right_value, blank_codes)


def rule_finding(rule: RuleInfo, outcome: RuleOutcome) -> Finding | None:
    if outcome.status == INVALID:
        return Finding(
            f"rule:{rule.code}",
            WARNING,
            MSG_INVALID.format(code=rule.code, error=outcome.error),
            (),
            (),
            TEMPLATE,
        )
    if outcome.status != FAILED:
        return None
    message = MSG_FAILED.format(
        message=rule.message.rstrip(". "),
        left_text=rule.left.strip(),
        left=num(outcome.left),
        right_text=rule.right.strip(),
        right=num(outcome.right),
        symbol=SYMBOLS.get(rule.operator, rule.operator),
    )
    if outcome.blanks:
        message = message[:-1] + MSG_BLANKS.format(codes=", ".join(outcome.blanks)) + ")"
    left, right = parse(rule.left), parse(rule.right)
    codes = tuple(dict.fromkeys(left.codes() + right.codes()))
    only_cells = all(":" in code for code in codes) and bool(codes)
    return Finding(
        f"rule:{rule.code}",
        rule.severity,
        message + ".",
        codes,
        (plain(outcome.left), plain(outcome.right)),
        TABLE if only_cells else ANNEX,
    )


def rule_findings(data: ReportData) -> Iterator[Finding]:
    for rule in data.template.rules:
        if not rule.is_active:
            continue
        finding = rule_finding(rule, evaluate_rule(rule, data))
        if finding is not None:
            yield finding
