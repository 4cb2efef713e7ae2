"""Review: comments on a report or one of its fields, and deadline extensions."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewComment(models.Model):
    """A reviewer's remark on the report, on one indicator or on one narrative section; the
    commune answers it (or fixes the figure) before sending again."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="comments")
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name="chỉ tiêu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    section = models.ForeignKey(
        "reports.NarrativeSection",
        verbose_name="mục báo cáo",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("ý kiến")
    created_at = models.DateTimeField(auto_now_add=True)
    reply = models.TextField("trả lời của xã", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "ý kiến thẩm định"
        verbose_name_plural = "ý kiến thẩm định"
        ordering = ["report", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def target_label(self) -> str:
        # Neither relation costs a query when its id is empty.
        if self.indicator is not None:
            return f"Chỉ tiêu {self.indicator.display_code or self.indicator.code}"
        if self.section is not None:
            return f"Mục “{self.section.heading}”"
        return "Cả báo cáo"


class DeadlineExtension(models.Model):
    """One unit may keep entering data after the period closed, until a date, for a reason."""

    period = models.ForeignKey(
        "reports.ReportingPeriod", on_delete=models.CASCADE, related_name="extensions"
    )
    unit = models.ForeignKey(
        "core.AdministrativeUnit", on_delete=models.CASCADE, related_name="extensions"
    )
    until = models.DateField("gia hạn đến hết ngày")
    reason = models.TextField("lý do")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "gia hạn nhập số liệu"
        verbose_name_plural = "gia hạn nhập số liệu"
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="one_extension_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}: đến {self.until:%d/%m/%Y}"
