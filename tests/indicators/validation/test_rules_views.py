"""The rule editor: template admins list, add, change and delete the rules of a draft template
and try a rule on a report; everyone else is kept out."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indicators.models import IndicatorTemplate, ValidationRule

VALID = {
    "code": "ty-le-tich-hop",
    "left": "[3.2.3]",
    "operator": "==",
    "right": "ROUND([3.2.3.b] / [3.2.3.a] * 100; 0)",
    "severity": "error",
    "missing_values": "skip_if_any_missing",
    "message": "Tỷ lệ TTHC tích hợp phải bằng số đã tích hợp / tổng số",
    "position": "9",
    "is_active": "on",
}


@pytest.fixture
def published(seed_report) -> IndicatorTemplate:
    """Định Hóa's Phụ lục I, published: the template of seed 003."""
    return seed_report("5605/2024Q1").template


@pytest.fixture
def draft(published) -> IndicatorTemplate:
    return published.clone()


def rules_url(template: IndicatorTemplate) -> str:
    return reverse("template_admin:rules", args=[template.pk])


def create_url(template: IndicatorTemplate) -> str:
    return reverse("template_admin:rule_create", args=[template.pk])


def preview_url(template: IndicatorTemplate) -> str:
    return reverse("template_admin:rule_preview", args=[template.pk])


# Access --------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, published):
    response = client.get(rules_url(published))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "name", ["template_admin:templates", "template_admin:rules", "template_admin:rule_create"]
)
def test_commune_staff_are_refused(client, clerk, published, name):
    client.force_login(clerk)
    args = [] if name == "template_admin:templates" else [published.pk]
    assert client.get(reverse(name, args=args)).status_code == 403


def test_a_reviewer_cannot_try_rules_either(client, reviewer, published):
    client.force_login(reviewer)
    assert client.get(preview_url(published)).status_code == 403


def test_a_template_admin_sees_the_templates_and_their_rules(template_admin_client, published):
    listing = template_admin_client.get(reverse("template_admin:templates"))
    assert listing.status_code == 200
    assert "DH-PL-I" in listing.content.decode()
    response = template_admin_client.get(rules_url(published))
    assert response.status_code == 200
    page = response.content.decode()
    # The seed template carries its own rules (fixtures/templates/dh-pl-i-v1.json).
    assert "nhiem-vu-ke-hoach" in page
    assert "[1.1.b]" in page


def test_a_superuser_is_a_template_admin_too(client, superuser, published):
    client.force_login(superuser)
    assert client.get(rules_url(published)).status_code == 200


# Editing -------------------------------------------------------------------------------------


def test_a_rule_is_added_to_a_draft_template(template_admin_client, draft):
    response = template_admin_client.post(create_url(draft), VALID)
    assert response.status_code == 302
    rule = draft.rules.get(code="ty-le-tich-hop")
    assert (rule.left, rule.operator, rule.right) == (
        "[3.2.3]",
        "==",
        "ROUND([3.2.3.b] / [3.2.3.a] * 100; 0)",
    )


def test_a_syntax_error_is_shown_with_its_position(template_admin_client, draft):
    response = template_admin_client.post(
        create_url(draft), {**VALID, "right": "[3.2.3.b] / * 100"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Lỗi ở ký tự thứ 13: không mong đợi “*” ở đây." in page
    assert not draft.rules.filter(code="ty-le-tich-hop").exists()


def test_a_rule_naming_an_unknown_code_cannot_be_saved(template_admin_client, draft):
    response = template_admin_client.post(
        create_url(draft), {**VALID, "left": "[9.9.9] + [tthc:x:y]"}
    )
    assert response.status_code == 422
    assert "Mẫu không có [9.9.9], [tthc:x:y]" in response.content.decode()
    assert not draft.rules.filter(code="ty-le-tich-hop").exists()


def test_anything_but_arithmetic_is_refused_by_the_form(template_admin_client, draft):
    response = template_admin_client.post(create_url(draft), {**VALID, "left": "__import__('os')"})
    assert response.status_code == 422
    assert "không phải là hàm được phép" in response.content.decode()


def test_two_rules_of_a_template_cannot_share_a_code(template_admin_client, draft):
    response = template_admin_client.post(create_url(draft), {**VALID, "code": "nhiem-vu-ke-hoach"})
    assert response.status_code == 422
    assert "Mẫu đã có quy tắc mã “nhiem-vu-ke-hoach”" in response.content.decode()


def test_a_rule_of_a_draft_is_changed_and_deleted(template_admin_client, draft):
    rule = draft.rules.get(code="nhiem-vu-ke-hoach")
    edit = reverse("template_admin:rule_edit", args=[draft.pk, rule.pk])
    form = template_admin_client.get(edit)
    assert form.status_code == 200
    response = template_admin_client.post(
        edit, {**VALID, "code": rule.code, "left": "[1.1.b]", "right": "[1.1.a]", "operator": "<"}
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.operator == "<"
    delete = reverse("template_admin:rule_delete", args=[draft.pk, rule.pk])
    assert template_admin_client.get(delete).status_code == 200
    assert template_admin_client.post(delete).status_code == 302
    assert not ValidationRule.objects.filter(pk=rule.pk).exists()


def test_the_rules_of_a_published_template_cannot_be_changed(template_admin_client, published):
    rule = published.rules.get(code="nhiem-vu-ke-hoach")
    assert template_admin_client.post(create_url(published), VALID).status_code == 409
    edit = reverse("template_admin:rule_edit", args=[published.pk, rule.pk])
    assert template_admin_client.post(edit, VALID).status_code == 409
    delete = reverse("template_admin:rule_delete", args=[published.pk, rule.pk])
    response = template_admin_client.post(delete)
    assert response.status_code == 409
    assert "Mẫu đã ban hành không được sửa" in response.content.decode()
    assert published.rules.filter(pk=rule.pk).exists()


def test_a_rule_of_another_template_is_not_found(template_admin_client, draft, published):
    rule = published.rules.first()
    edit = reverse("template_admin:rule_edit", args=[draft.pk, rule.pk])
    assert template_admin_client.get(edit).status_code == 404


# Trying a rule on a report ---------------------------------------------------------------------


def test_the_preview_shows_what_an_unsaved_rule_finds_on_a_report(
    template_admin_client, draft, seed_report
):
    report = seed_report("5605/2024Q1")
    response = template_admin_client.post(preview_url(draft), {**VALID, "report": report.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không đạt" in page
    assert "[3.2.3] = 42" in page
    assert "cần 42 = 100" in page


def test_an_htmx_preview_returns_the_result_fragment_only(
    template_admin_client, draft, seed_report
):
    report = seed_report("5605/2024Q1")
    response = template_admin_client.post(
        preview_url(draft), {**VALID, "report": report.pk}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="preview"')
    assert "<html" not in page


def test_the_preview_of_a_broken_rule_shows_the_error(template_admin_client, draft, seed_report):
    report = seed_report("5605/2024Q1")
    response = template_admin_client.post(
        preview_url(draft), {**VALID, "left": "[3.2.3", "report": report.pk}
    )
    assert response.status_code == 422
    assert "thiếu dấu “]”" in response.content.decode()


def test_a_saved_rule_of_a_published_template_can_be_tried(
    template_admin_client, published, seed_report
):
    rule = published.rules.get(code="nhiem-vu-ke-hoach")
    report = seed_report("5605/2024Q1")
    response = template_admin_client.get(
        preview_url(published), {"rule": rule.pk, "report": report.pk}
    )
    assert response.status_code == 200
    assert "Đạt: quy tắc không phát hiện gì" in response.content.decode()


def test_the_preview_asks_for_a_report_when_none_is_chosen(template_admin_client, published):
    rule = published.rules.first()
    response = template_admin_client.get(preview_url(published), {"rule": rule.pk})
    assert "Chọn một báo cáo để thử quy tắc." in response.content.decode()


def test_the_reports_offered_are_those_of_the_same_template(
    template_admin_client, draft, seed_report
):
    response = template_admin_client.get(create_url(draft))
    page = response.content.decode()
    assert str(seed_report("5605/2024Q1").unit) in page
    assert str(seed_report("15889/2024Q3").unit) not in page


def test_the_preview_page_without_a_rule_says_how_to_choose_one(template_admin_client, published):
    response = template_admin_client.get(preview_url(published))
    assert response.status_code == 200
    assert "Chọn một quy tắc" in response.content.decode()


# Scope of the preview --------------------------------------------------------------------------


def test_an_admin_without_a_unit_never_tries_a_rule_on_a_commune_s_unsent_draft(
    template_admin_client, published, seed_report
):
    from reports.models import Report, ReportStatus

    report = seed_report("5605/2024Q1")
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.DRAFT)
    rule = published.rules.get(code="nhiem-vu-ke-hoach")
    response = template_admin_client.post(
        preview_url(published), {"rule": rule.pk, "report": report.pk}
    )
    page = response.content.decode()
    assert "Chọn một báo cáo để thử quy tắc." in page
    assert "Vế trái" not in page
    assert str(report.unit) not in page


def test_an_approved_report_is_offered_to_an_admin_without_a_unit(
    template_admin_client, published, seed_report
):
    report = seed_report("5605/2024Q1")
    assert report.status == "approved"
    page = template_admin_client.get(rules_url(published)).content.decode()
    assert str(report.unit) in page
