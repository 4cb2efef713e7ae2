"""A template exported as an XLSX in the annex layout comes back as the same template."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import call_command

from indicators.importers.reader import read_annex_source
from indicators.importers.template_import import plan_template, template_create
from indicators.models import IndicatorTemplate, TemplateStatus
from indicators.template_io import template_to_dict
from reports.exports.template_workbook import render_template_xlsx

TEMPLATES = [("HH-01b", 1), ("HH-01b", 2), ("HT-2B", 1), ("DH-PL-I", 1), ("AL-PL", 1)]


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "version"), TEMPLATES, ids=[f"{c}-v{v}" for c, v in TEMPLATES])
def test_a_template_exported_and_imported_back_is_the_same_template(code, version):
    template = IndicatorTemplate.objects.get(code=code, version=version)
    plan = plan_template(read_annex_source(render_template_xlsx(template)))
    copy = template_create(plan=plan, code="KHUON", title=template.title)
    original, again = template_to_dict(template), template_to_dict(copy)
    assert again["rows"] == original["rows"]
    for part in ("outline", "tables", "rules"):
        assert again[part] == original[part]
    assert copy.status == TemplateStatus.DRAFT
    assert plan.unplaced == []


@pytest.mark.django_db
def test_the_export_is_the_blank_annex_with_its_codes_and_a_hidden_data_sheet():
    template = IndicatorTemplate.objects.get(code="HT-2B")
    workbook = openpyxl.load_workbook(io.BytesIO(render_template_xlsx(template)))
    assert workbook.sheetnames == ["Phụ lục", "Dữ liệu mẫu"]
    assert workbook["Dữ liệu mẫu"].sheet_state == "hidden"
    sheet = workbook["Phụ lục"]
    printed = [
        (row[0].value, row[5].value)
        for row in sheet.iter_rows()
        if row[5].value in {"1.2.1", "1.1.1"}
    ]
    # Hà Tĩnh prints 1.1.1 twice; the hidden code column tells the rows apart.
    assert printed == [("1.1.1.", "1.1.1"), ("1.1.1.", "1.2.1")]
    values = [
        row[3].value for row in sheet.iter_rows(min_row=10) if row[3].value not in (None, "Số liệu")
    ]
    assert values == []


@pytest.mark.django_db
def test_the_export_imports_back_with_the_command(tmp_path):
    template = IndicatorTemplate.objects.get(code="DH-PL-I")
    path = tmp_path / "mau.xlsx"
    path.write_bytes(render_template_xlsx(template))
    call_command(
        "import_template", str(path), code="DH-PL-I", title="Bản mới", stdout=io.StringIO()
    )
    copy = IndicatorTemplate.objects.get(code="DH-PL-I", version=2)
    assert template_to_dict(copy)["rows"] == template_to_dict(template)["rows"]
