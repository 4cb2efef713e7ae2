"""Download buttons: the report's DOCX and XLSX, within the user's scope only."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_commune_downloads_its_report(client, clerk, seed_report, fmt):
    report = seed_report("15889/2024Q3")
    client.force_login(clerk)
    response = client.get(reverse("reports:report_download", args=[report.pk, fmt]))
    assert response.status_code == 200
    assert f"15889-2024Q3.{fmt}" in response["Content-Disposition"]
    assert response.content[:2] == b"PK"  # a zip container: OOXML


def test_the_reviewer_downloads_a_commune_s_annex_with_its_values(client, reviewer, seed_report):
    report = seed_report("15889/2024Q3")
    client.force_login(reviewer)
    response = client.get(reverse("reports:report_download", args=[report.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert 729 in [cell.value for row in sheet.iter_rows() for cell in row]


def test_the_blank_form_has_no_values(client, clerk, seed_report):
    report = seed_report("15889/2024Q3")
    client.force_login(clerk)
    response = client.get(
        reverse("reports:report_download", args=[report.pk, "xlsx"]), {"mau": "trong"}
    )
    assert "mau-trong" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert 729 not in [cell.value for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_an_outsider_gets_404(client, outsider, seed_report, fmt):
    client.force_login(outsider)
    report = seed_report("15889/2024Q3")
    response = client.get(reverse("reports:report_download", args=[report.pk, fmt]))
    assert response.status_code == 404


def test_an_unknown_format_is_404(client, clerk, seed_report):
    client.force_login(clerk)
    report = seed_report("15889/2024Q3")
    assert client.get(f"/bao-cao/{report.pk}/tai-ve.pdf").status_code == 404
