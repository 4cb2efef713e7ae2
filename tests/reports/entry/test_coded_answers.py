"""Yes/no and coded answers: each row is its own group, and its saved answer is always shown
(issue #13, defect 1: every radio row shared one ``name``, so only the last one kept its answer)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reports.models import IndicatorValue

SEED_KEYS = ["15889/2024Q3", "15886/2022Q1", "18217/2021Q3", "20071/2021H1", "5605/2024Q1"]


def radios(page: str) -> list[dict[str, str]]:
    found = []
    for tag in re.findall(r"<input[^>]*type=\"radio\"[^>]*>", page, flags=re.S):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        attributes |= dict(re.findall(r"([\w-]+)='([^']*)'", tag))
        found.append(attributes | {"checked": " checked" in tag or "\nchecked" in tag})
    return found


@pytest.mark.parametrize("key", SEED_KEYS)
def test_every_saved_yes_no_answer_is_shown_in_its_own_group(client, seed_report, key):
    report = seed_report(key)
    client.force_login(report.unit.users.get())
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    inputs = radios(page)
    saved = {
        v.indicator.code: v.value
        for v in IndicatorValue.objects.filter(
            report=report, indicator__value_type="yesno", value__isnull=False
        ).select_related("indicator")
    }
    by_code: dict[str, list[dict]] = {}
    for radio in inputs:
        by_code.setdefault(radio["data-code"], []).append(radio)
    for code, group in by_code.items():
        # One group per row: its own name, shared by no other row.
        names = {radio["name"] for radio in group}
        assert len(names) == 1, code
        assert not any(r["name"] in names for c, g in by_code.items() if c != code for r in g)
    for code, value in saved.items():
        checked = [r["value"] for r in by_code[code] if r["checked"]]
        assert checked == [str(int(value))], f"{code}: saved {value}, shown {checked}"


def test_a_yes_no_answer_posts_its_own_value_and_changes_no_other_row(clerk_client, draft):
    page = clerk_client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    radio = next(r for r in radios(page) if r["data-code"] == "1.5")
    # The value sent is the row's own answer ("value"), whatever the group's name.
    assert radio["hx-vals"] == f'{{"value": "{radio["value"]}"}}'
    assert radio["name"] != "value"
    response = clerk_client.post(
        radio["hx-post"], {radio["name"]: radio["value"], "value": radio["value"], "base": ""}
    )
    assert response.status_code == 200
    assert IndicatorValue.objects.get(report=draft, indicator__code="1.5").value == int(
        radio["value"]
    )
