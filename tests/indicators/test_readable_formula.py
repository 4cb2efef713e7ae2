"""A computed row's formula as the form shows it to the official (issue #15)."""

from __future__ import annotations

import pytest

from indicators.kinds import readable_formula


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        ("[3.3.1.a] + [3.3.1.b] + [3.3.1.c] + [3.3.1.d]", "3.3.1.a + 3.3.1.b + 3.3.1.c + 3.3.1.d"),
        ("ROUND([7.2.2.b] / [7.2.2] * 100, 2)", "ROUND(7.2.2.b / 7.2.2 × 100, 2)"),
        # A table's wildcard stays what it is.
        ("SUM([tthc:*:received])", "SUM(tthc:*:received)"),
        ("  [1.1]   -  [1.2] ", "1.1 - 1.2"),
    ],
)
def test_codes_read_without_brackets(formula, shown):
    assert readable_formula(formula) == shown
