"""Validation rules of a template, as data (DHIS2-style): left ⟨operator⟩ right, a severity, a
Vietnamese message and what to do with empty operands. Blank is not zero: each rule says how it
treats blanks."""

from __future__ import annotations

from django.db import models

from indicators.choices import MissingValueStrategy, Operator, Severity

from .templates import TemplatePart


class ValidationRule(TemplatePart):
    template = models.ForeignKey(
        "indicators.IndicatorTemplate",
        verbose_name="mẫu",
        on_delete=models.CASCADE,
        related_name="rules",
    )
    code = models.SlugField("mã quy tắc", max_length=60)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    # Expressions reference indicators by code: "[3.3.1]", "[3.3.1.a] + [3.3.1.b]",
    # table cells as "[tthc:tong-cong:received]", functions SUM(), ROUND(), ABS().
    left = models.CharField("vế trái", max_length=500)
    operator = models.CharField("phép so sánh", max_length=2, choices=Operator.choices)
    right = models.CharField("vế phải", max_length=500)
    severity = models.CharField(
        "mức độ", max_length=10, choices=Severity.choices, default=Severity.ERROR
    )
    message = models.CharField("thông báo", max_length=500)
    missing_values = models.CharField(
        "khi có ô trống",
        max_length=24,
        choices=MissingValueStrategy.choices,
        default=MissingValueStrategy.SKIP_IF_ANY_MISSING,
    )
    is_active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "quy tắc kiểm tra"
        verbose_name_plural = "quy tắc kiểm tra"
        ordering = ["template", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="unique_rule_code")
        ]

    def __str__(self) -> str:
        return f"{self.left} {self.get_operator_display()} {self.right}"
