"""Publishing a draft makes it immutable; assigning it decides who files it, when."""

from __future__ import annotations

import datetime as dt

import pytest

from indicators.models import TemplateAssignment, TemplateLocked, TemplateStatus, ValueType
from indicators.publishing import (
    MSG_ASSIGN_PUBLISHED_ONLY,
    PublishingError,
    assignment_create,
    template_publish,
)
from indicators.tree_editing import row_add, row_delete, row_update
from reports.models import AdministrativeUnit, ReportingPeriod

from .conftest import row


def test_a_published_template_cannot_change_any_more(draft):
    template_publish(template=draft)
    assert draft.status == TemplateStatus.PUBLISHED
    assert draft.published_at is not None
    target = row(draft, "1.1.1")
    with pytest.raises(TemplateLocked):
        row_add(template=draft, name="Thêm sau khi ban hành", parent=row(draft, "1"))
    with pytest.raises(TemplateLocked):
        row_update(template=draft, row=target, data={"name": "Đổi tên"})
    with pytest.raises(TemplateLocked):
        row_delete(template=draft, row=target)
    target.name = "Đổi tên trực tiếp"
    with pytest.raises(TemplateLocked):
        target.save()
    assert row(draft, "1.1.1").name == "Số nhiệm vụ đề ra trong kế hoạch"


def test_a_draft_with_a_coded_row_without_choices_is_not_published(draft):
    target = row(draft, "1.4.2")
    draft.indicators.filter(pk=target.pk).update(value_type=ValueType.CHOICE, choices=[])
    with pytest.raises(PublishingError) as caught:
        template_publish(template=draft)
    assert "1.4.2 (Hình thức khảo sát): kiểu “Lựa chọn theo mã” cần các lựa chọn" in (
        caught.value.message
    )
    draft.refresh_from_db()
    assert draft.status == TemplateStatus.DRAFT


def test_an_assignment_makes_the_new_version_the_one_the_district_files_from_its_start(draft):
    template_publish(template=draft)
    district = AdministrativeUnit.objects.get(code="399", valid_from__isnull=True)
    assignment_create(
        template=draft, unit=district, period_kinds=["Q", "Y"], valid_from=dt.date(2025, 1, 1)
    )
    hoang_kim = AdministrativeUnit.objects.get(code="15889", valid_from__isnull=True)
    assert (
        TemplateAssignment.objects.template_for(hoang_kim, ReportingPeriod.build("2025Q1")) == draft
    )
    assert (
        TemplateAssignment.objects.template_for(hoang_kim, ReportingPeriod.build("2024Q4"))
        == draft.cloned_from
    )
    # Not assigned for the 6-month periods.
    assert (
        TemplateAssignment.objects.template_for(hoang_kim, ReportingPeriod.build("2025H1"))
        == draft.cloned_from
    )


def test_only_a_published_template_can_be_assigned(draft):
    district = AdministrativeUnit.objects.get(code="399", valid_from__isnull=True)
    with pytest.raises(PublishingError) as caught:
        assignment_create(template=draft, unit=district, period_kinds=["Q"])
    assert caught.value.message == MSG_ASSIGN_PUBLISHED_ONLY
