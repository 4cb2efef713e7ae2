"""The template editor's pages as a template admin reads them (issue #13, item 10): the header
names the issuer, never an internal file; the add-row form says where the new row goes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from .conftest import codes, row


def selected_option(page: str, select_id: str) -> str:
    """The text of the option a ``<select id=…>`` shows as chosen."""
    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', page, re.S)
    assert select, select_id
    options = re.findall(r"<option([^>]*)>(.*?)</option>", select.group(0), re.S)
    chosen = [text for attrs, text in options if "selected" in attrs]
    return chosen[0].strip() if chosen else options[0][1].strip()


@pytest.mark.parametrize("which", ["draft", "hoang_hoa_2024"])
def test_the_header_names_the_issuer_and_year_never_a_source_file(
    template_admin_client, request, which
):
    template = request.getfixturevalue(which)
    assert template.source.startswith("seed 000_")  # what the fixtures record, for the admin
    page = template_admin_client.get(
        reverse("template_admin:template", args=[template.pk])
    ).content.decode()
    assert "seed 000" not in page and ".txt" not in page
    assert template.issuer.name in page
    assert "năm 2024" in page


def test_a_row_added_after_a_row_shows_that_row_s_parent(template_admin_client, draft):
    anchor = row(draft, "3.3.1")
    url = reverse("template_admin:row_add", args=[draft.pk])
    page = template_admin_client.get(url, {"after": anchor.pk}).content.decode()
    assert selected_option(page, "id_parent").startswith("3.3 Kết quả giải quyết TTHC")
    assert "— Cấp ngoài cùng —" not in selected_option(page, "id_parent")
    assert "ngay sau dòng 3.3.1" in page
    assert "cùng cấp với nó, nằm dưới 3.3" in page


def test_a_row_added_after_a_top_level_row_is_at_the_outermost_level(template_admin_client, draft):
    anchor = row(draft, "2")
    url = reverse("template_admin:row_add", args=[draft.pk])
    page = template_admin_client.get(url, {"after": anchor.pk}).content.decode()
    assert selected_option(page, "id_parent") == "— Cấp ngoài cùng —"
    assert "ngay sau dòng 2" in page and "ở cấp ngoài cùng" in page


def test_a_row_added_after_a_row_goes_to_its_level_whatever_the_parent_posted(
    template_admin_client, draft
):
    anchor = row(draft, "3.3.1")
    url = reverse("template_admin:row_add", args=[draft.pk]) + f"?after={anchor.pk}"
    response = template_admin_client.post(
        url,
        {
            "name": "Số hồ sơ tiếp nhận qua ứng dụng",
            "unit": "Hồ sơ",
            "value_type": "integer",
            "after": anchor.pk,
            "parent": row(draft, "1").pk,  # a stale or forged choice: the anchor decides
        },
    )
    assert response.status_code == 302
    added = row(draft, "3.3.2")
    assert added.name == "Số hồ sơ tiếp nhận qua ứng dụng"
    assert added.parent == row(draft, "3.3")
    assert "3.3.5" in codes(draft)  # the old 3.3.2–3.3.4 moved down one


def test_a_child_row_form_shows_its_parent(template_admin_client, draft):
    parent = row(draft, "3.2")
    url = reverse("template_admin:row_add", args=[draft.pk])
    page = template_admin_client.get(url, {"parent": parent.pk}).content.decode()
    assert selected_option(page, "id_parent").startswith("3.2 Thực hiện cơ chế một cửa")
    assert "cùng cấp với nó" not in page
