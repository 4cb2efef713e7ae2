"""A heading row of the annex has no input (issue #13, item 10e): the commune sees the group's
name, and types its figures in the rows under it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from indicators.models import IndicatorTemplate
from reports.models import Report
from reports.seeding import ensure_period


def _row(page: str, code: str) -> str:
    found = re.search(rf'<tr id="row-{re.escape(code)}".*?</tr>', page, re.S)
    assert found, code
    return found.group(0)


@pytest.mark.django_db
def test_hoang_hoa_s_group_rows_without_a_figure_have_no_input(client, clerk):
    template = IndicatorTemplate.objects.get(code="HH-01b", version=2)
    report = Report.objects.create(
        unit=clerk.unit, period=ensure_period("2024Q4"), template=template
    )
    client.force_login(clerk)
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    # 7.2 "Số liệu về trao đổi văn bản điện tử" (printed with a unit, no seed fills it) and
    # 1.2 "Kiểm tra CCHC".
    for code in ("1.2", "7.2"):
        row = _row(page, code)
        assert "heading-row" in row, code
        assert "cell-input" not in row and 'name="value"' not in row, code
    assert "Số liệu về trao đổi văn bản điện tử" in _row(page, "7.2")
    for code in ("1.2.1", "7.2.1", "7.2.2"):
        assert 'name="value"' in _row(page, code), code
