"""Templates are versioned: a published one never changes, edits go into a clone."""

from __future__ import annotations

import pytest

from indicators.models import (
    Indicator,
    IndicatorTemplate,
    OutlineSection,
    TableRow,
    TemplateLocked,
    TemplateStatus,
    ValueType,
)


@pytest.fixture
def published(seed_report) -> IndicatorTemplate:
    return seed_report("5605/2024Q1").template


def test_the_seed_templates_are_published_except_the_superseded_one(db):
    assert IndicatorTemplate.objects.filter(status=TemplateStatus.PUBLISHED).count() == 4
    hh_2022 = IndicatorTemplate.objects.get(code="HH-01b", version=1)
    assert hh_2022.status == TemplateStatus.ARCHIVED
    assert IndicatorTemplate.objects.get(code="HH-01b", version=2).cloned_from == hh_2022


def test_a_published_template_s_rows_cannot_be_changed(published):
    row = published.indicators.get(code="3.4.2")
    row.name = "Đổi tên"
    with pytest.raises(TemplateLocked):
        row.save()


def test_a_published_template_s_rows_cannot_be_bulk_updated_or_deleted(published):
    with pytest.raises(TemplateLocked):
        published.indicators.filter(code="3.4.2").update(name="Đổi tên")
    with pytest.raises(TemplateLocked):
        published.indicators.filter(code="3.4.2").delete()
    with pytest.raises(TemplateLocked):
        published.indicators.get(code="3.4.2").delete()


def test_no_row_can_be_added_to_a_published_template(published):
    with pytest.raises(TemplateLocked):
        Indicator.objects.create(
            template=published, position=999, code="9", name="Mới", value_type=ValueType.INTEGER
        )


def test_a_published_template_s_outline_and_tables_are_frozen_too(published):
    section = published.outline.first()
    section.heading = "Khác"
    with pytest.raises(TemplateLocked):
        section.save()
    row = TableRow.objects.filter(table__template=published).first()
    row.label = "Khác"
    with pytest.raises(TemplateLocked):
        row.save()


def test_a_published_template_itself_cannot_be_edited_or_deleted(published):
    published.title = "Khác"
    with pytest.raises(TemplateLocked, match="phiên bản mới"):
        published.save()
    with pytest.raises(TemplateLocked):
        published.delete()


def test_publishing_twice_is_refused(published):
    with pytest.raises(TemplateLocked):
        published.publish()


def test_cloning_makes_a_draft_next_version_with_every_part(published):
    copy = published.clone()
    assert (copy.code, copy.version, copy.status) == ("DH-PL-I", 2, TemplateStatus.DRAFT)
    assert copy.cloned_from == published
    original_rows = list(
        published.indicators.values_list("code", "printed_code", "name", "unit", "value_type")
    )
    copied_rows = list(
        copy.indicators.values_list("code", "printed_code", "name", "unit", "value_type")
    )
    assert copied_rows == original_rows
    # The tree is rebuilt inside the copy: no row of the copy points into the original.
    for row in copy.indicators.exclude(parent=None).select_related("parent"):
        assert row.parent.template_id == copy.pk
        assert row.code.startswith(row.parent.code + ".")
    assert copy.outline.count() == published.outline.count()
    table = copy.tables.get()
    assert table.columns.count() == 12
    assert [r.label for r in table.rows.all()] == [
        r.label for r in published.tables.get().rows.all()
    ]


def test_a_clone_can_be_edited_and_published_while_old_reports_keep_theirs(published, seed_report):
    copy = published.clone()
    row = copy.indicators.get(code="7.5.2")
    row.unit = "%"
    row.value_type = ValueType.PERCENT
    row.save()
    OutlineSection.objects.filter(template=copy, position=1).update(heading="I. MỚI")
    copy.publish()
    assert copy.status == TemplateStatus.PUBLISHED
    report = seed_report("5605/2024Q1")
    assert report.template == published
    assert report.template.indicators.get(code="7.5.2").unit == "Văn bản"


def test_cloning_twice_numbers_versions_after_the_latest(published):
    assert published.clone().version == 2
    assert published.clone().version == 3
