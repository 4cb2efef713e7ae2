"""The rules' expression language: arithmetic on codes, exact, and nothing else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.models import MissingValueStrategy
from indicators.validation.evaluation import EvaluationError, evaluate, leaves
from indicators.validation.expressions import ParseError, Ref, parse
from indicators.validation.rules import FAILED, PASSED, SKIPPED, evaluate_rule
from indicators.validation.snapshot import (
    ColumnInfo,
    IndicatorInfo,
    ReportData,
    RowInfo,
    RuleInfo,
    TableInfo,
    TemplateData,
)


def row(code: str, parent: str | None = None, *, breakdown: bool = False) -> IndicatorInfo:
    return IndicatorInfo(
        code=code,
        printed_code="" if breakdown else code,
        name=f"Chỉ tiêu {code}",
        unit="Hồ sơ",
        value_type="integer",
        choices=(),
        is_breakdown=breakdown,
        parts_sum_to_total=False,
        aggregation="sum",
        tags=(),
        parent=parent,
        position=0,
    )


TEMPLATE = TemplateData(
    code="T",
    version=1,
    indicators=(
        row("3.3.1"),
        row("3.3.1.a", "3.3.1", breakdown=True),
        row("3.3.1.b", "3.3.1", breakdown=True),
        row("3.3.1.c", "3.3.1", breakdown=True),
        row("1.1"),
    ),
    tables=(
        TableInfo(
            code="tthc",
            title="Kết quả giải quyết TTHC",
            columns=(ColumnInfo("received", "Tổng số", "", ()),),
            rows=(
                RowInfo("dat-dai", "Đất đai", "1", False),
                RowInfo("ho-tich", "Hộ tịch", "2", False),
                RowInfo("tong-cong", "Tổng cộng", "", True),
            ),
        ),
    ),
)


def data(**values) -> ReportData:
    cells = {k: v for k, v in values.items() if ":" in k}
    plain = {k: v for k, v in values.items() if ":" not in k}
    return ReportData(
        template=TEMPLATE,
        values={k: None if v is None else Decimal(str(v)) for k, v in plain.items()},
        cells={k: None if v is None else Decimal(str(v)) for k, v in cells.items()},
    )


def value_of(text: str, **values) -> Decimal | None:
    return evaluate(parse(text), data(**values), blank=None)


# Parsing and arithmetic ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("10 - 4 - 3", "3"),
        ("2 * 3 / 4", "1.5"),
        ("-2 * -3", "6"),
        ("- (1 + 2)", "-3"),
        ("+5", "5"),
        ("100 / 4 * 3", "75"),
    ],
)
def test_operators_follow_the_usual_precedence(text, expected):
    assert value_of(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("81,95", "81.95"),
        ("1.377.189.270", "1377189270"),
        ("0.5", "0.5"),
        ("01", "1"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(text, expected):
    assert value_of(text) == Decimal(expected)


def test_decimals_are_exact():
    assert value_of("0,1 + 0,2") == Decimal("0.3")


def test_thirds_are_exact_to_28_digits_and_round_brings_them_back():
    assert value_of("100 / 3 * 3") == Decimal("99.99999999999999999999999999")
    assert value_of("ROUND(100 / 3 * 3, 6)") == 100


def test_codes_in_brackets_read_the_values():
    assert value_of("[3.3.1.a] + [3.3.1.b]", **{"3.3.1.a": 10, "3.3.1.b": 2}) == 12


def test_table_cells_are_referenced_by_table_row_and_column():
    assert value_of("[tthc:dat-dai:received] * 2", **{"tthc:dat-dai:received": 21}) == 42


def test_a_wildcard_row_sums_every_row_but_the_total():
    values = {"tthc:dat-dai:received": 3, "tthc:ho-tich:received": 88, "tthc:tong-cong:received": 9}
    assert value_of("SUM([tthc:*:received])", **values) == 91


def test_sum_children_adds_the_rows_under_a_row():
    values = {"3.3.1.a": 10, "3.3.1.b": 2, "3.3.1.c": 717}
    assert value_of("SUM_CHILDREN([3.3.1])", **values) == 729


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ROUND(2 / 9 * 100, 1)", "22.2"),
        ("ROUND(34,845; 2)", "34.85"),
        ("ROUND(2,5)", "3"),
        ("ABS(3 - 5)", "2"),
        ("MIN(4, 2, 9)", "2"),
        ("max(4, 2, 9)", "9"),
        ("TONG(1, 2)", "3"),
    ],
)
def test_functions_compute_exactly(text, expected):
    assert value_of(text) == Decimal(expected)


def test_a_division_by_zero_is_an_evaluation_error():
    with pytest.raises(EvaluationError):
        value_of("1 / (2 - 2)")


def test_references_list_every_code_once():
    expression = parse("[3.3.1] - [3.3.1.a] + [3.3.1.a] + [tthc:tong-cong:received]")
    assert expression.codes() == ("3.3.1", "3.3.1.a", "tthc:tong-cong:received")
    assert expression.references()[-1] == Ref(
        "tthc:tong-cong:received", table="tthc", row="tong-cong", column="received"
    )


def test_a_trailing_dot_in_a_code_is_the_printed_form_of_the_same_code():
    assert parse("[2.3.]").codes() == ("2.3",)


def test_the_template_knows_which_references_exist():
    assert TEMPLATE.knows(Ref("3.3.1.a"))
    assert not TEMPLATE.knows(Ref("9.9"))
    assert TEMPLATE.knows(Ref("tthc:*:received", table="tthc", row="*", column="received"))
    assert not TEMPLATE.knows(Ref("tthc:x:received", table="tthc", row="x", column="received"))


# Errors, with their position ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("[3.3.1] +", 9, "kết thúc giữa chừng"),
        ("[3.3.1] + * 2", 10, "không mong đợi “*”"),
        ("([3.3.1] + 2", 12, "thiếu dấu “)”"),
        ("[3.3.1", 0, "thiếu dấu “]”"),
        ("[] + 1", 0, "để trống"),
        ("3 $ 4", 2, "“$”"),
        ("[3.3.1] 2", 8, "không mong đợi “2”"),
        ("", 0, "để trống"),
        ("ROUND(1, 2, 3)", 0, "ROUND"),
        ("SUM_CHILDREN(1)", 0, "SUM_CHILDREN"),
        ("[tthc:*:received] + 1", 0, "dấu *"),
    ],
)
def test_a_syntax_error_says_where_it_is(text, position, words):
    with pytest.raises(ParseError) as raised:
        parse(text)
    assert raised.value.position == position
    assert f"ký tự thứ {position + 1}" in raised.value.message
    assert words in raised.value.message


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "__import__('os').system('ls')",
        "os.system('ls')",
        "[3.3.1].real",
        "open('/etc/passwd')",
        "x + 1",
        "lambda: 1",
        "[3.3.1] if 1 else 2",
        "'abc'",
        "2 ** 10",
        "[3.3.1] == [3.3.1]",
        "[3.3.1]; import os",
        "số + 1",
        "[a b]",
        "[3.3.1](1)",
    ],
)
def test_anything_that_is_not_arithmetic_on_codes_is_refused(text):
    with pytest.raises(ParseError):
        parse(text)


def test_an_unknown_name_is_explained_in_vietnamese():
    with pytest.raises(ParseError) as raised:
        parse("__import__('os')")
    assert raised.value.position == 0
    assert "không phải là hàm được phép" in raised.value.message


def test_deeply_nested_parentheses_are_refused_before_they_exhaust_the_stack():
    with pytest.raises(ParseError):
        parse("(" * 200 + "1" + ")" * 200)


def test_an_overlong_expression_is_refused():
    with pytest.raises(ParseError):
        parse("1 + " * 200 + "1")


# Blanks under each missing-value strategy ------------------------------------------------------


def rule(left: str, operator: str, right: str, missing: str) -> RuleInfo:
    return RuleInfo("r", left, operator, right, "error", "Quy tắc thử", missing)


def test_leaves_report_the_blank_operands():
    found = leaves(parse("[3.3.1.a] + [3.3.1.b]"), data(**{"3.3.1.a": 1, "3.3.1.b": None}))
    assert [(leaf.ref.code, leaf.value) for leaf in found] == [("3.3.1.a", 1), ("3.3.1.b", None)]


def test_a_blank_operand_makes_a_plain_evaluation_blank():
    assert value_of("[3.3.1.a] + 1", **{"3.3.1.a": None}) is None


@pytest.mark.parametrize(
    ("strategy", "values", "status"),
    [
        # skip when any operand is empty
        (MissingValueStrategy.SKIP_IF_ANY_MISSING, {"3.3.1": 5, "3.3.1.a": None}, SKIPPED),
        (MissingValueStrategy.SKIP_IF_ANY_MISSING, {"3.3.1": 5, "3.3.1.a": 5}, PASSED),
        # skip only when all are empty: one blank counts as 0
        (MissingValueStrategy.SKIP_IF_ALL_MISSING, {"3.3.1": 5, "3.3.1.a": None}, FAILED),
        (MissingValueStrategy.SKIP_IF_ALL_MISSING, {"3.3.1": None, "3.3.1.a": None}, SKIPPED),
        # treat empty as 0, even when everything is empty
        (MissingValueStrategy.NEVER_SKIP, {"3.3.1": None, "3.3.1.a": None}, PASSED),
        (MissingValueStrategy.NEVER_SKIP, {"3.3.1": 5, "3.3.1.a": None}, FAILED),
    ],
)
def test_each_missing_value_strategy_decides_what_a_blank_means(strategy, values, status):
    outcome = evaluate_rule(rule("[3.3.1]", "==", "[3.3.1.a]", strategy), data(**values))
    assert outcome.status == status


def test_the_outcome_names_the_blanks_counted_as_zero():
    outcome = evaluate_rule(
        rule("[3.3.1]", "==", "[3.3.1.a]", MissingValueStrategy.NEVER_SKIP),
        data(**{"3.3.1": 5, "3.3.1.a": None}),
    )
    assert (outcome.left, outcome.right, outcome.blanks) == (5, 0, ("3.3.1.a",))


def test_a_division_by_zero_skips_the_rule():
    outcome = evaluate_rule(
        rule("[3.3.1] / [3.3.1.a]", ">", "0", MissingValueStrategy.SKIP_IF_ANY_MISSING),
        data(**{"3.3.1": 5, "3.3.1.a": 0}),
    )
    assert outcome.status == SKIPPED


@pytest.mark.parametrize(
    ("operator", "status"),
    [("==", FAILED), ("!=", PASSED), ("<", PASSED), ("<=", PASSED), (">", FAILED), (">=", FAILED)],
)
def test_every_operator_compares_exactly(operator, status):
    outcome = evaluate_rule(
        rule("[3.3.1.a]", operator, "[3.3.1.b]", MissingValueStrategy.SKIP_IF_ANY_MISSING),
        data(**{"3.3.1.a": "0.1", "3.3.1.b": "0.10000001"}),
    )
    assert outcome.status == status


def test_a_rule_with_an_unknown_code_is_invalid_not_silently_true():
    outcome = evaluate_rule(
        rule("[9.9]", "==", "1", MissingValueStrategy.NEVER_SKIP), data(**{"3.3.1": 1})
    )
    assert outcome.status == "invalid"
    assert "9.9" in outcome.error


# One bound for every figure (core.numbers): a rule compares figures that never exceed it.
@pytest.mark.parametrize(
    ("text", "words"),
    [("[3.3.1] + 1.000.000.000.000.000", "Số quá lớn"), ("[3.2.4] - 0,0000001", "Số quá dài")],
)
def test_a_number_beyond_the_bound_is_refused_where_it_stands(text, words):
    with pytest.raises(ParseError) as raised:
        parse(text)
    assert raised.value.position == text.index(text.split()[-1])
    assert words in raised.value.message


def test_the_largest_figure_is_a_number_of_a_rule():
    assert value_of("999.999.999.999.999 + 0,000001") == Decimal("999999999999999.000001")


def test_digits_of_other_scripts_are_no_number_of_a_rule():
    with pytest.raises(ParseError):
        parse("[3.3.1] + ١٢")
