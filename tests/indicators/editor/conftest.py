"""A draft to edit in the template editor (a clone of a seed template)."""

from __future__ import annotations

import pytest

from indicators.models import IndicatorTemplate


@pytest.fixture
def hoang_hoa_2024(db) -> IndicatorTemplate:
    return IndicatorTemplate.objects.get(code="HH-01b", version=2)


@pytest.fixture
def draft(hoang_hoa_2024) -> IndicatorTemplate:
    """Hoằng Hóa's 01b of 2024 cloned into a new draft (version 3)."""
    return hoang_hoa_2024.clone()


def codes(template: IndicatorTemplate) -> list[str]:
    return list(template.indicators.order_by("position").values_list("code", flat=True))


def row(template: IndicatorTemplate, code: str):
    return template.indicators.get(code=code)
