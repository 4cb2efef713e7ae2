"""Which template a unit files for which kind of period, and when (set by the province)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from core.period_keys import PeriodKind


class TemplateAssignmentQuerySet(models.QuerySet["TemplateAssignment"]):
    def template_for(self, unit, period):
        """The published template assigned to the unit (or the nearest unit above it) for the
        period's kind, valid on the period's last day; None when nothing is assigned."""
        from indicators.models import TemplateStatus

        ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
        assignment = (
            self.filter(
                unit_id__in=ancestors,
                template__status=TemplateStatus.PUBLISHED,
                period_kinds__contains=period.kind,
            )
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end_date))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.end_date))
            .select_related("template", "unit")
            .order_by("-unit__path", "-template__version")
            .first()
        )
        return assignment.template if assignment else None


class TemplateAssignment(models.Model):
    template = models.ForeignKey(
        "indicators.IndicatorTemplate",
        verbose_name="mẫu",
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    # The unit and every unit under it (a province assigns to all its communes at once).
    unit = models.ForeignKey(
        "core.AdministrativeUnit",
        verbose_name="áp dụng cho đơn vị",
        on_delete=models.PROTECT,
        related_name="template_assignments",
    )
    # Period kinds as their one-letter codes, e.g. "QHMY" for every kind.
    period_kinds = models.CharField("loại kỳ", max_length=8, default="".join(PeriodKind.values))
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    objects = TemplateAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "phân công mẫu"
        verbose_name_plural = "phân công mẫu"
        ordering = ["unit__path", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.template} → {self.unit}"
