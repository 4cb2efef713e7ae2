"""Tampering with ids in URLs, forms and htmx requests never reaches another unit's data."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import IndicatorValue, NarrativeSection, ReviewComment, TableCellValue
from reports.seeding import ensure_demo_period
from reports.services.review import comment_add
from reports.services.start import report_start
from reports.workflow import transition


@pytest.fixture
def own(db, clerk):
    period = ensure_demo_period("2024Q4", timezone.localdate())
    return report_start(unit=clerk.unit, period=period, user=clerk)


@pytest.fixture
def foreign(db, django_user_model):
    """Bình Thành's report (another district, a template with a table by field)."""
    user = django_user_model.objects.get(username="binhthanh")
    period = ensure_demo_period("2024Q2", timezone.localdate())
    return report_start(unit=user.unit, period=period, user=user)


def post(client, url, data=None):
    return client.post(url, data or {}, HTTP_HX_REQUEST="true")


def test_a_row_of_another_template_in_my_report_s_url_is_not_found(client, clerk, own, foreign):
    client.force_login(clerk)
    row = foreign.template.indicators.get(code="3.1.3")
    response = post(client, reverse("reports:value_save", args=[own.pk, row.pk]), {"value": "9"})
    assert response.status_code == 404
    assert not IndicatorValue.objects.filter(indicator=row, report=own).exists()


def test_a_section_of_another_report_in_my_report_s_url_is_not_found(client, clerk, own, foreign):
    client.force_login(clerk)
    section = foreign.sections.first()
    response = post(
        client, reverse("reports:section_save", args=[own.pk, section.pk]), {"text": "x"}
    )
    assert response.status_code == 404
    assert NarrativeSection.objects.get(pk=section.pk).text == section.text


def test_a_table_cell_of_another_template_is_not_found(client, clerk, own, foreign):
    client.force_login(clerk)
    table = foreign.template.tables.get()
    row, column = table.rows.first(), table.columns.first()
    response = post(
        client, reverse("reports:cell_save", args=[own.pk, row.pk, column.pk]), {"value": "1"}
    )
    assert response.status_code == 404
    assert not TableCellValue.objects.filter(row=row, report=own).exists()


def test_my_report_s_cells_through_another_report_s_url_are_not_found(client, clerk, own, foreign):
    client.force_login(clerk)
    table = foreign.template.tables.get()
    row, column = table.rows.first(), table.columns.first()
    response = post(
        client, reverse("reports:cell_save", args=[foreign.pk, row.pk, column.pk]), {"value": "1"}
    )
    assert response.status_code == 404
    assert not TableCellValue.objects.filter(report=foreign, value=1).exists()


def test_a_comment_of_another_report_cannot_be_answered_through_mine(
    client, clerk, own, foreign, django_user_model
):
    reviewer = django_user_model.objects.get(username="noivu.dinhhoa")
    transition(foreign, "submitted", by=foreign.created_by)
    comment = comment_add(report=foreign, user=reviewer, text="Kiểm tra lại")
    client.force_login(clerk)
    response = post(
        client,
        reverse("reports:comment_reply", args=[own.pk, comment.pk]),
        {"text": "Trả lời giả mạo"},
    )
    assert response.status_code == 404
    assert ReviewComment.objects.get(pk=comment.pk).reply == ""


def test_a_reviewer_cannot_comment_through_a_foreign_indicator_or_section(
    client, reviewer, own, foreign, clerk
):
    transition(own, "submitted", by=clerk)
    client.force_login(reviewer)
    url = reverse("reports:comment_add", args=[own.pk])
    foreign_row = foreign.template.indicators.get(code="3.1.3")
    assert post(client, url, {"text": "x", "indicator": foreign_row.pk}).status_code == 404
    assert (
        post(client, url, {"text": "x", "section": foreign.sections.first().pk}).status_code == 404
    )
    assert not ReviewComment.objects.exists()


def test_a_reviewer_cannot_reach_another_district_s_report_by_its_id(client, reviewer, foreign):
    client.force_login(reviewer)
    for name in ["report", "report_check"]:
        assert client.get(reverse(f"reports:{name}", args=[foreign.pk])).status_code == 404
    for name in ["report_return", "report_approve", "comment_add"]:
        assert post(client, reverse(f"reports:{name}", args=[foreign.pk])).status_code == 404


def test_a_forged_base_cannot_overwrite_without_a_conflict(client, clerk, own, colleague_of):
    """Sending an old ``base`` (as a stale tab would) is a conflict, never a silent overwrite."""
    other = colleague_of(clerk)
    row = own.template.indicators.get(code="3.3.3")
    url = reverse("reports:value_save", args=[own.pk, row.pk])
    client.force_login(other)
    post(client, url, {"value": "730", "base": ""})
    client.force_login(clerk)
    assert post(client, url, {"value": "1", "base": "999"}).status_code == 409
    assert IndicatorValue.objects.get(report=own, indicator=row).printed == "730"


@pytest.fixture
def colleague_of(django_user_model):
    def make(user):
        return django_user_model.objects.create_user(
            f"{user.username}.2", unit=user.unit, role=user.role
        )

    return make
