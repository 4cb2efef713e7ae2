"""Indicators: the ordered tree of rows of an annex, each addressable by its STT code.

Codes are canonical ("3.3.1"); what the paper prints stays in ``printed_code`` ("3.3.1.", or
"1.1.1." where a province's template repeats a code). "Trong đó" rows are printed without a code:
they get their parent's code plus ".a", ".b", … in order, so every row can be referenced.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from indicators.choices import (
    CODED_TYPES,
    NUMERIC_TYPES,
    Aggregation,
    Derivation,
    IndicatorKind,
    MergeRule,
    ValueType,
)
from indicators.kinds import readable_formula

from .templates import TemplateLocked, TemplatePart, TemplateStatus


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def _ensure_editable(self) -> None:
        if self.exclude(template__status=TemplateStatus.DRAFT).exists():
            raise TemplateLocked()

    def update(self, **kwargs) -> int:
        self._ensure_editable()
        return super().update(**kwargs)

    def delete(self):
        self._ensure_editable()
        return super().delete()

    def inputs(self) -> IndicatorQuerySet:
        return self.exclude(value_type=ValueType.HEADING)


# What a row of a template says beyond its place, code, name and unit: how it is filled and
# checked. The template editor edits these and the template workbook carries them.
INDICATOR_SETTINGS = (
    "value_type",
    "choices",
    "is_breakdown",
    "parts_sum_to_total",
    "formula",
    "aggregation",
    "tags",
    "kind",
    "derivation",
    "derive_from",
    "on_merge",
)


class Indicator(TemplatePart):
    template = models.ForeignKey(
        "indicators.IndicatorTemplate",
        verbose_name="mẫu",
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="chỉ tiêu cha",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveIntegerField("thứ tự")
    depth = models.PositiveSmallIntegerField("cấp", default=0)
    code = models.CharField("mã (STT)", max_length=30)
    printed_code = models.CharField("STT in trên mẫu", max_length=30, blank=True)
    name = models.TextField("chỉ tiêu")
    unit = models.CharField("đơn vị tính", max_length=200, blank=True)
    value_type = models.CharField(
        "kiểu số liệu", max_length=10, choices=ValueType.choices, default=ValueType.INTEGER
    )
    # [{"value": 0, "label": "Trực tuyến"}, …] as printed in the unit cell.
    choices = models.JSONField("các lựa chọn", default=list, blank=True)
    is_breakdown = models.BooleanField("dòng “Trong đó”", default=False)
    parts_sum_to_total = models.BooleanField(
        "các dòng “Trong đó” cộng lại bằng dòng này", default=False
    )
    formula = models.CharField("công thức", max_length=500, blank=True)
    aggregation = models.CharField(
        "cách tổng hợp", max_length=12, choices=Aggregation.choices, default=Aggregation.SUM
    )
    tags = models.JSONField("nhãn ngữ nghĩa", default=list, blank=True)
    # What the official types each period: a flow fresh, a stock or stable answer confirmed
    # from the previous period, a computed row nothing (its ``formula`` gives it).
    kind = models.CharField(
        "loại chỉ tiêu", max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.FLOW
    )
    derivation = models.CharField(
        "suy ra từ kỳ trước", max_length=12, choices=Derivation.choices, blank=True, default=""
    )
    # The row a derivation reads: last period's pending dossiers for a carry-over, this
    # period's figure for a cumulative row.
    derive_from = models.CharField("chỉ tiêu nguồn", max_length=30, blank=True)
    on_merge = models.CharField(
        "khi sáp nhập đơn vị", max_length=8, choices=MergeRule.choices, default=MergeRule.SUM
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="unique_indicator_code"),
            models.UniqueConstraint(
                fields=["template", "position"], name="unique_indicator_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} {self.name}".strip()

    @property
    def display_code(self) -> str:
        """What the STT column shows: the printed code, "" for a "Trong đó" row."""
        if self.is_breakdown:
            return ""
        return self.printed_code or self.code

    @property
    def is_input(self) -> bool:
        return self.value_type != ValueType.HEADING

    @property
    def is_computed(self) -> bool:
        return self.kind == IndicatorKind.COMPUTED and bool(self.formula) and self.is_input

    @property
    def readable_formula(self) -> str:
        """The formula as the form shows it ("3.3.1.a + 3.3.1.b"), "" without one."""
        return readable_formula(self.formula) if self.formula else ""

    @property
    def is_numeric(self) -> bool:
        return self.value_type in NUMERIC_TYPES

    @property
    def is_coded(self) -> bool:
        return self.value_type in CODED_TYPES

    def choice_label(self, value: Decimal | int | None) -> str | None:
        if value is None:
            return None
        for choice in self.choices:
            if Decimal(str(choice["value"])) == Decimal(value):
                return choice["label"]
        return None

    @property
    def allowed_values(self) -> set[Decimal]:
        return {Decimal(str(choice["value"])) for choice in self.choices}
