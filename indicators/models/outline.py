"""The narrative outline (đề cương) of a template: ordered sections with their printed headings."""

from __future__ import annotations

from django.db import models

from .templates import TemplatePart


class OutlineSection(TemplatePart):
    template = models.ForeignKey(
        "indicators.IndicatorTemplate",
        verbose_name="mẫu",
        on_delete=models.CASCADE,
        related_name="outline",
    )
    position = models.PositiveSmallIntegerField("thứ tự")
    level = models.PositiveSmallIntegerField("cấp", default=1)
    heading = models.CharField("tiêu đề", max_length=300)
    guidance = models.TextField("hướng dẫn", blank=True)
    # "Phương hướng" starts from the previous period's text of the same unit.
    prefill_from_previous = models.BooleanField("điền sẵn từ kỳ trước", default=False)

    class Meta:
        verbose_name = "mục đề cương"
        verbose_name_plural = "đề cương"
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="unique_outline_position")
        ]

    def __str__(self) -> str:
        return self.heading
