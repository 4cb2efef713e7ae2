"""The template editor's pages: for template admins only; drafts edited, published ones not."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.urls import reverse

from indicators.models import IndicatorTemplate, TemplateAssignment, TemplateStatus
from indicators.views.template_import import SESSION_KEY
from reports.models import User
from tests.seed_imports import SEEDS

from .conftest import codes, row


def test_anonymous_users_are_sent_to_the_login_page(client, hoang_hoa_2024):
    for url in (
        reverse("template_admin:templates"),
        reverse("template_admin:template", args=[hoang_hoa_2024.pk]),
        reverse("template_admin:import"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("username", ["hoangkim", "noivu.hoanghoa"])
def test_commune_staff_and_reviewers_get_403_on_every_editor_page(client, username, draft):
    client.force_login(User.objects.get(username=username))
    first = row(draft, "1.1")
    pages = [
        ("get", reverse("template_admin:templates")),
        ("get", reverse("template_admin:template", args=[draft.pk])),
        ("get", reverse("template_admin:import")),
        ("get", reverse("template_admin:export", args=[draft.pk])),
        ("get", reverse("template_admin:compare", args=[draft.pk])),
        ("post", reverse("template_admin:clone", args=[draft.pk])),
        ("post", reverse("template_admin:publish", args=[draft.pk])),
        ("post", reverse("template_admin:row_action", args=[draft.pk, first.pk, "delete"])),
    ]
    for method, url in pages:
        assert getattr(client, method)(url).status_code == 403, url
    assert draft.indicators.filter(pk=first.pk).exists()


def test_the_list_shows_every_template_with_its_version_and_status(template_admin_client):
    response = template_admin_client.get(reverse("template_admin:templates"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "HH-01b" in page and "v2" in page and "Đã ban hành" in page and "Lưu trữ" in page


def test_a_published_template_is_cloned_into_a_new_draft(template_admin_client, hoang_hoa_2024):
    response = template_admin_client.post(reverse("template_admin:clone", args=[hoang_hoa_2024.pk]))
    copy = IndicatorTemplate.objects.get(code="HH-01b", version=3)
    assert response["Location"] == reverse("template_admin:template", args=[copy.pk])
    assert copy.status == TemplateStatus.DRAFT


def test_a_row_moved_with_htmx_returns_the_renumbered_tree(template_admin_client, draft):
    target = row(draft, "4.1")
    response = template_admin_client.post(
        reverse("template_admin:row_action", args=[draft.pk, target.pk, "down"]),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="tree">')
    assert "Đã chuyển dòng 4.1 xuống." in page
    assert "Đã đánh lại mã: 4.2 → 4.1, 4.1 → 4.2." in page
    assert row(draft, "4.2").pk == target.pk


def test_an_edit_the_tree_cannot_take_is_explained_in_the_fragment(template_admin_client, draft):
    target = row(draft, "1")
    response = template_admin_client.post(
        reverse("template_admin:row_action", args=[draft.pk, target.pk, "outdent"]),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "Dòng đã ở cấp ngoài cùng." in response.content.decode()


def test_without_htmx_a_row_action_redirects_to_the_editor(template_admin_client, draft):
    target = row(draft, "1.1.1")
    response = template_admin_client.post(
        reverse("template_admin:row_action", args=[draft.pk, target.pk, "delete"])
    )
    assert response["Location"] == reverse("template_admin:template", args=[draft.pk])
    assert "1.1.3" not in codes(draft)


def test_a_row_is_edited_with_its_choices_tags_and_formula(template_admin_client, draft):
    target = row(draft, "1.4.2")
    url = reverse("template_admin:row_edit", args=[draft.pk, target.pk])
    assert template_admin_client.get(url).status_code == 200
    response = template_admin_client.post(
        url,
        {
            "name": "Hình thức khảo sát",
            "printed_code": "1.4.2",
            "unit": "Trực tuyến = 0 Phát phiếu = 1",
            "value_type": "choice",
            "choices_text": "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2",
            "aggregation": "distribution",
            "tags": ["hs_truc_tuyen", "luy_ke"],
            "formula": "",
            "kind": "stable",
            "on_merge": "none",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert [c["label"] for c in target.choices] == ["Trực tuyến", "Phát phiếu", "Kết hợp"]
    assert target.tags == ["hs_truc_tuyen", "luy_ke"]
    assert (target.kind, target.on_merge) == ("stable", "none")


def test_a_formula_naming_a_missing_code_is_refused(template_admin_client, draft):
    target = row(draft, "3.3.1")
    response = template_admin_client.post(
        reverse("template_admin:row_edit", args=[draft.pk, target.pk]),
        {
            "name": target.name,
            "unit": target.unit,
            "value_type": "integer",
            "aggregation": "sum",
            "formula": "[3.3.1.a] + [9.9.9]",
            "parts_sum_to_total": "on",
        },
    )
    assert response.status_code == 422
    assert "Mẫu không có chỉ tiêu 9.9.9." in response.content.decode()


def test_a_row_is_added_under_a_parent(template_admin_client, draft):
    parent = row(draft, "3.2")
    url = reverse("template_admin:row_add", args=[draft.pk])
    assert template_admin_client.get(url, {"parent": parent.pk}).status_code == 200
    response = template_admin_client.post(
        url,
        {
            "name": "Số TTHC thực hiện trên ứng dụng",
            "unit": "Thủ tục",
            "value_type": "integer",
            "parent": parent.pk,
        },
    )
    assert response.status_code == 302
    assert row(draft, "3.2.6").name == "Số TTHC thực hiện trên ứng dụng"


def test_the_outline_is_edited_reordered_and_trimmed(template_admin_client, draft):
    sections = list(draft.outline.order_by("position"))
    data = {
        "outline-TOTAL_FORMS": str(len(sections)),
        "outline-INITIAL_FORMS": str(len(sections)),
        "outline-MIN_NUM_FORMS": "0",
        "outline-MAX_NUM_FORMS": "100",
    }
    for index, section in enumerate(sections):
        data.update(
            {
                f"outline-{index}-level": str(section.level),
                f"outline-{index}-heading": section.heading,
                f"outline-{index}-ORDER": str(len(sections) - index),
            }
        )
    data["outline-0-DELETE"] = "on"
    response = template_admin_client.post(reverse("template_admin:outline", args=[draft.pk]), data)
    assert response.status_code == 302
    headings = list(draft.outline.order_by("position").values_list("heading", flat=True))
    assert headings == [s.heading for s in reversed(sections[1:])]


def test_publishing_locks_the_template_and_its_pages_answer_409(template_admin_client, draft):
    response = template_admin_client.post(reverse("template_admin:publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == TemplateStatus.PUBLISHED
    target = row(draft, "1.1.1")
    for url in (
        reverse("template_admin:row_edit", args=[draft.pk, target.pk]),
        reverse("template_admin:outline", args=[draft.pk]),
    ):
        assert template_admin_client.get(url).status_code == 409
    response = template_admin_client.post(
        reverse("template_admin:row_action", args=[draft.pk, target.pk, "delete"])
    )
    assert response.status_code == 409
    assert "Mẫu đã ban hành không được sửa" in response.content.decode()
    assert draft.indicators.filter(pk=target.pk).exists()


def test_a_published_template_is_assigned_to_a_unit_and_period_kinds(template_admin_client, draft):
    template_admin_client.post(reverse("template_admin:publish", args=[draft.pk]))
    response = template_admin_client.post(
        reverse("template_admin:assignments", args=[draft.pk]),
        {"unit_code": "399", "period_kinds": ["Q", "Y"], "valid_from": "2025-01-01"},
    )
    assert response.status_code == 302
    assignment = TemplateAssignment.objects.get(template=draft)
    assert (assignment.unit.code, assignment.period_kinds, str(assignment.valid_from)) == (
        "399",
        "QY",
        "2025-01-01",
    )


def test_an_assignment_to_an_unknown_unit_is_refused(template_admin_client, hoang_hoa_2024):
    response = template_admin_client.post(
        reverse("template_admin:assignments", args=[hoang_hoa_2024.pk]),
        {"unit_code": "99999", "period_kinds": ["Q"]},
    )
    assert response.status_code == 422
    assert "Không có đơn vị hành chính mã “99999”." in response.content.decode()


def test_comparing_versions_shows_the_renamed_rows_and_offers_the_mapping(
    template_admin_client, hoang_hoa_2024
):
    url = reverse("template_admin:compare", args=[hoang_hoa_2024.pk])
    page = template_admin_client.get(url).content.decode()
    assert "So sánh HH-01b v1 → HH-01b v2" in page
    assert page.count("đổi tên") >= 6
    old = IndicatorTemplate.objects.get(code="HH-01b", version=1)
    data = json.loads(template_admin_client.get(url, {"other": old.pk, "format": "json"}).content)
    assert data["mapping"]["3.3.2"] == "3.3.2"
    assert {item["new"] for item in data["renamed"]} == {
        "3.3.2",
        "3.3.3",
        "3.3.4",
        "4.1",
        "4.2",
        "7.1",
    }


def test_a_template_downloads_as_a_blank_annex_workbook(template_admin_client, hoang_hoa_2024):
    response = template_admin_client.get(reverse("template_admin:export", args=[hoang_hoa_2024.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-phu-luc-hh-01b-v2.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Phụ lục"


def test_a_draft_can_be_deleted_but_a_published_template_cannot(
    template_admin_client, draft, hoang_hoa_2024
):
    assert (
        template_admin_client.post(
            reverse("template_admin:delete", args=[hoang_hoa_2024.pk])
        ).status_code
        == 409
    )
    template_admin_client.post(reverse("template_admin:delete", args=[draft.pk]))
    assert not IndicatorTemplate.objects.filter(pk=draft.pk).exists()


def test_the_detail_page_links_to_the_rule_list_when_it_exists(template_admin_client, draft):
    page = template_admin_client.get(
        reverse("template_admin:template", args=[draft.pk])
    ).content.decode()
    assert reverse("template_admin:rules", args=[draft.pk]) in page


def test_a_template_is_created_from_an_annex_file_only_when_confirmed(template_admin_client):
    seed = SEEDS[1]
    before = IndicatorTemplate.objects.count()
    with seed.path.open("rb") as upload:
        response = template_admin_client.post(
            reverse("template_admin:import"),
            {"file": upload, "code": "HT-2B", "title": "Phụ lục 2B năm 2025", "year": "2025"},
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xem trước: HT-2B phiên bản 2 (bản nháp)" in page
    assert "đề xuất đánh lại thành 1.2.1." in page
    assert IndicatorTemplate.objects.count() == before
    token = template_admin_client.session[SESSION_KEY]["token"]
    response = template_admin_client.post(
        reverse("template_admin:import_confirm"), {"token": token}
    )
    created = IndicatorTemplate.objects.get(code="HT-2B", version=2)
    assert response["Location"] == reverse("template_admin:template", args=[created.pk])
    assert created.status == TemplateStatus.DRAFT and created.year == 2025
    assert created.indicators.count() == 143
    # The token is used once.
    template_admin_client.post(reverse("template_admin:import_confirm"), {"token": token})
    assert IndicatorTemplate.objects.filter(code="HT-2B").count() == 2


def test_a_refused_file_is_explained_on_the_upload_form(template_admin_client):
    upload = io.BytesIO(b"PK\x03\x04 not really a zip")
    upload.name = "phu-luc.xlsx"
    response = template_admin_client.post(
        reverse("template_admin:import"), {"file": upload, "code": "X", "title": "Thử"}
    )
    assert response.status_code == 422
    assert "Tệp bị hỏng" in response.content.decode()


def test_a_file_above_the_limit_is_refused_by_the_form(template_admin_client):
    upload = io.BytesIO(b"0" * (5 * 1024 * 1024 + 1))
    upload.name = "phu-luc.txt"
    response = template_admin_client.post(
        reverse("template_admin:import"), {"file": upload, "code": "X", "title": "Thử"}
    )
    assert response.status_code == 422
    assert "Tệp quá lớn" in response.content.decode()
