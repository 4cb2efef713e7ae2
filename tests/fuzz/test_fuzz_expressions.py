"""The rule-expression language under random input: an expression, or a Vietnamese message with
a position — never another exception, never anything run."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.validation.evaluation import EvaluationError, evaluate
from indicators.validation.expressions import ParseError, parse

PIECES = st.sampled_from(
    ["[3.3.1]", "[3.3.1.a]", "[tthc:tong-cong:received]", "[3.3.*]", "SUM(", "ROUND(", "ABS(",
     "MIN(", "MAX(", "(", ")", ",", "+", "-", "*", "/", "1", "0", "2,5", "1.000", " ",
     "__import__", "'os'", ".", "lambda", "x", "[", "]", ";", "==", "eval("]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=40)


class Values:
    """Every code is 7, every cell 3; a wildcard matches nothing."""

    def value(self, code: str) -> Decimal | None:
        return Decimal(7)

    def cell(self, table: str, row: str, column: str) -> Decimal | None:
        return Decimal(3)

    def children(self, code: str):
        return [f"{code}.a", f"{code}.b"]

    def expand(self, ref):
        return []


@given(TEXTS)
@settings(max_examples=600)
def test_any_text_parses_or_says_where_it_is_wrong(text):
    try:
        expression = parse(text)
    except ParseError as error:
        assert error.message.strip()
        assert 0 <= error.position <= len(text)
        return
    try:
        result = evaluate(expression, Values(), blank=Decimal(0))
    except EvaluationError as error:
        assert str(error)
    else:
        assert result is None or isinstance(result, Decimal)
