"""Semantic tags: one list (``indicators.tags``) that covers every tag the code and the fixtures
use, offered in the row editor as choices with their meaning, and the only tags a template
workbook brings back (issue #13, item 10c)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse

from indicators.importers.reader import read_annex_source
from indicators.importers.seed_declarations import SEED_TEMPLATES
from indicators.importers.template_import import plan_template
from indicators.importers.xlsx import ROW_FIELDS, ROWS_MARKER, TEMPLATE_DATA_SHEET
from indicators.models import IndicatorTemplate
from indicators.tags import KNOWN_TAGS, known_tags, tag_label
from indicators.validation.history import CUMULATIVE_TAG, TAG_LABELS
from indicators.validation.identities import IDENTITIES
from indicators.validation.narrative_annex import CONCEPT_TAGS
from reports.dashboard import KEY_TAGS
from reports.exports.template_workbook import render_template_xlsx

from .conftest import row

BASE = Path(settings.BASE_DIR)
# Where tags are named in the code: the checks, the narrative sentences, the dashboard, the
# prefill. A quoted name shaped like a tag there must be one of the list.
TAG_USERS = [
    *sorted((BASE / "indicators" / "validation").glob("*.py")),
    BASE / "reports" / "narrative_figures.py",
    BASE / "reports" / "dashboard.py",
    BASE / "reports" / "services" / "start.py",
]
_TAG_SHAPED = re.compile(r"[\"']((?:hs|lt|tthc|bien_che|ty_le)_[a-z0-9_]+|luy_ke)[\"']")


def test_every_tag_the_checks_name_is_in_the_list():
    named = {CUMULATIVE_TAG, *TAG_LABELS}
    for identity in IDENTITIES:
        named |= {identity.total, *identity.parts, *identity.requires, *identity.excluded_by}
    named |= {tag for tags in CONCEPT_TAGS.values() for tag in tags}
    named |= {tag for tags in KEY_TAGS.values() for tag in tags}
    assert sorted(named - KNOWN_TAGS.keys()) == []


@pytest.mark.parametrize("path", TAG_USERS, ids=lambda p: p.name)
def test_every_tag_shaped_name_in_the_code_is_in_the_list(path):
    found = set(_TAG_SHAPED.findall(path.read_text(encoding="utf-8")))
    assert sorted(found - KNOWN_TAGS.keys()) == []


def test_every_tag_of_the_seed_templates_and_fixtures_is_in_the_list():
    used = set()
    for seed in SEED_TEMPLATES:
        used |= {tag for tags in seed.tags.values() for tag in tags}
        for table in seed.tables:
            used |= {tag for column in table["columns"] for tag in column[3]}
    for path in sorted((BASE / "fixtures" / "templates").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        used |= {tag for r in data["rows"] for tag in r["tags"]}
        used |= {tag for t in data["tables"] for c in t["columns"] for tag in c["tags"]}
    assert used and sorted(used - KNOWN_TAGS.keys()) == []


def test_each_tag_is_labelled_by_its_meaning_then_the_tag():
    assert tag_label("hs_tiep_nhan") == "Tổng số hồ sơ tiếp nhận (hs_tiep_nhan)"
    assert known_tags(["hs_dung_han", "khao_sat", "hs_dung_han", 3]) == ["hs_dung_han"]


def test_the_row_form_offers_the_known_tags_as_checkboxes_with_their_meaning(
    template_admin_client, draft
):
    target = row(draft, "3.3.1")
    page = template_admin_client.get(
        reverse("template_admin:row_edit", args=[draft.pk, target.pk])
    ).content.decode()
    assert "<legend" in page and "Nhãn ngữ nghĩa" in page
    boxes = re.findall(r'<input type="checkbox"[^>]*name="tags"[^>]*>', page)
    assert len(boxes) == len(KNOWN_TAGS)
    checked = [re.search(r'value="([^"]+)"', box).group(1) for box in boxes if "checked" in box]
    assert checked == ["hs_tiep_nhan"]
    assert "Số hồ sơ giải quyết đúng hạn (hs_dung_han)" in page
    assert 'name="tags_text"' not in page


def _post(client, draft, target, tags):
    return client.post(
        reverse("template_admin:row_edit", args=[draft.pk, target.pk]),
        {
            "name": "Hình thức khảo sát (sửa)",
            "printed_code": target.printed_code,
            "unit": target.unit,
            "value_type": "integer",
            "aggregation": "sum",
            "tags": tags,
            "formula": "",
        },
    )


def test_known_tags_are_saved(template_admin_client, draft):
    target = row(draft, "4.1")
    response = _post(template_admin_client, draft, target, ["luy_ke", "bien_che_giao"])
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.tags == ["luy_ke", "bien_che_giao"]


def test_an_unknown_tag_is_refused_in_vietnamese_and_what_was_typed_is_kept(
    template_admin_client, draft
):
    target = row(draft, "4.1")
    before = target.tags
    response = _post(template_admin_client, draft, target, ["bien_che_giao", "khao_sat"])
    assert response.status_code == 422
    page = response.content.decode()
    assert "Nhãn “khao_sat” không có trong danh mục nhãn ngữ nghĩa" in page
    assert "Hình thức khảo sát (sửa)" in page  # the name as typed
    for tag in ("bien_che_giao", "khao_sat"):  # both still checked, the unknown one shown
        box = re.search(rf'<input type="checkbox"[^>]*value="{tag}"[^>]*>', page)
        assert box and "checked" in box.group(0), tag
    target.refresh_from_db()
    assert target.tags == before and target.name != "Hình thức khảo sát (sửa)"


def test_a_row_with_a_tag_outside_the_list_shows_it_to_be_unchecked(template_admin_client, draft):
    target = row(draft, "4.2")
    type(target).objects.filter(pk=target.pk).update(tags=["cu_khong_dung"])
    page = template_admin_client.get(
        reverse("template_admin:row_edit", args=[draft.pk, target.pk])
    ).content.decode()
    assert "Nhãn không có trong danh mục" in page
    box = re.search(r'<input type="checkbox"[^>]*value="cu_khong_dung"[^>]*>', page)
    assert box and "checked" in box.group(0)


@pytest.mark.django_db
def test_a_template_workbook_brings_back_only_known_tags():
    template = IndicatorTemplate.objects.get(code="HH-01b", version=2)
    workbook = openpyxl.load_workbook(io.BytesIO(render_template_xlsx(template)))
    sheet = workbook[TEMPLATE_DATA_SHEET]
    header = next(r for r in sheet.iter_rows() if r[0].value == ROWS_MARKER)
    tags_column = ROW_FIELDS.index("tags")
    assert header[tags_column].value == "tags"
    for cells in sheet.iter_rows():
        if cells[0].value == "3.3.1":
            cells[tags_column].value = '["hs_tiep_nhan", "tu_dat_ra"]'
    out = io.BytesIO()
    workbook.save(out)
    plan = plan_template(read_annex_source(out.getvalue()))
    rows = {r["code"]: r for r in plan.rows}
    assert rows["3.3.1"]["tags"] == ["hs_tiep_nhan"]
    assert rows["3.2"]["tags"] == ["tthc_lien_thong"]
