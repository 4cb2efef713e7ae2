"""Indicator templates (bộ chỉ tiêu / mẫu phụ lục), versioned and immutable once published.

Provinces change their annex every year; a report is always rendered with the exact template it
was filed on, so a published template never changes: edits go into a new version, made by cloning.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone

from core.errors import DomainError
from core.text_input import clean_instances
from indicators.choices import TemplateStatus


class TemplateLocked(DomainError):
    """A published or archived template was about to change."""

    message = "Mẫu đã ban hành không được sửa: hãy tạo phiên bản mới bằng cách sao chép."


class IndicatorTemplateQuerySet(models.QuerySet["IndicatorTemplate"]):
    def published(self) -> IndicatorTemplateQuerySet:
        return self.filter(status=TemplateStatus.PUBLISHED)

    def latest_version(self, code: str) -> IndicatorTemplate | None:
        return self.filter(code=code).order_by("-version").first()


class IndicatorTemplate(models.Model):
    code = models.CharField("mã mẫu", max_length=40)
    version = models.PositiveIntegerField("phiên bản", default=1)
    title = models.CharField("tên mẫu", max_length=300)
    annex_label = models.CharField("nhãn phụ lục", max_length=60, blank=True)
    annex_title = models.CharField("tiêu đề phụ lục", max_length=300, blank=True)
    year = models.PositiveSmallIntegerField("năm áp dụng", null=True, blank=True)
    issuer = models.ForeignKey(
        "core.AdministrativeUnit",
        verbose_name="đơn vị ban hành mẫu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="templates",
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=TemplateStatus.choices, default=TemplateStatus.DRAFT
    )
    source = models.CharField("nguồn", max_length=200, blank=True)
    cloned_from = models.ForeignKey(
        "self",
        verbose_name="sao chép từ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clones",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("ngày ban hành", null=True, blank=True)

    objects = IndicatorTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "mẫu phụ lục"
        verbose_name_plural = "mẫu phụ lục"
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_template_version")
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version} — {self.title}"

    def save(self, *args, **kwargs) -> None:
        if self.pk and not kwargs.pop("allow_locked", False):
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored and stored != TemplateStatus.DRAFT:
                raise TemplateLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.ensure_editable()
        return super().delete(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status == TemplateStatus.DRAFT

    def ensure_editable(self) -> None:
        if not self.is_editable:
            raise TemplateLocked()

    def publish(self) -> None:
        self.ensure_editable()
        self.status = TemplateStatus.PUBLISHED
        self.published_at = timezone.now()
        super().save(update_fields=["status", "published_at"])

    def archive(self) -> None:
        self.status = TemplateStatus.ARCHIVED
        super().save(update_fields=["status"])

    @transaction.atomic
    def clone(self) -> IndicatorTemplate:
        """A new draft version with the same rows, outline and tables, ready to edit."""
        from indicators.models import Indicator, TableColumn, TableRow

        latest = type(self).objects.latest_version(self.code)
        copy = IndicatorTemplate.objects.create(
            code=self.code,
            version=(latest.version if latest else self.version) + 1,
            title=self.title,
            annex_label=self.annex_label,
            annex_title=self.annex_title,
            year=self.year,
            issuer=self.issuer,
            source=self.source,
            cloned_from=self,
        )
        new_ids: dict[int, Indicator] = {}
        for row in self.indicators.order_by("position"):
            old_pk = row.pk
            parent = new_ids[row.parent_id] if row.parent_id else None
            row.pk = None
            row.template = copy
            row.parent = parent
            row.save()
            new_ids[old_pk] = row
        for section in self.outline.all():
            section.pk = None
            section.template = copy
            section.save()
        for rule in self.rules.all():
            rule.pk = None
            rule.template = copy
            rule.save()
        for table in self.tables.all():
            columns = list(table.columns.all())
            rows = list(table.rows.all())
            table.pk = None
            table.template = copy
            table.save()
            TableColumn.objects.bulk_create(
                clean_instances(TableColumn(**_copy_fields(c, table=table)) for c in columns)
            )
            TableRow.objects.bulk_create(
                clean_instances(TableRow(**_copy_fields(r, table=table)) for r in rows)
            )
        # Reports keep pointing at the old version; only new reports use the copy.
        return copy


class TemplatePart(models.Model):
    """A piece of a template (row, outline section, table): frozen with its template."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self._check_template_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_template_editable()
        return super().delete(*args, **kwargs)

    def template_id_for_lock(self) -> int | None:
        return self.template_id  # type: ignore[attr-defined]

    def _check_template_editable(self) -> None:
        template_id = self.template_id_for_lock()
        if template_id is None:  # not attached to a template yet: nothing frozen
            return
        status = (
            IndicatorTemplate.objects.filter(pk=template_id)
            .values_list("status", flat=True)
            .first()
        )
        if status is not None and status != TemplateStatus.DRAFT:
            raise TemplateLocked()


def _copy_fields(obj: models.Model, **overrides) -> dict:
    data = {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key
    }
    data.update(overrides)
    data.pop("table_id", None)
    return data
