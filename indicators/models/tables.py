"""Tables by field: a grid of rows (lĩnh vực) × columns, such as the Government Office's
"Tình hình, kết quả giải quyết TTHC" table of seed 003, part of a template and of its reports."""

from __future__ import annotations

from django.db import models

from .templates import TemplatePart


class FieldTable(TemplatePart):
    template = models.ForeignKey(
        "indicators.IndicatorTemplate",
        verbose_name="mẫu",
        on_delete=models.CASCADE,
        related_name="tables",
    )
    code = models.SlugField("mã bảng", max_length=40)
    title = models.CharField("tên bảng", max_length=300)
    subtitle = models.CharField("dòng phụ", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "bảng theo lĩnh vực"
        verbose_name_plural = "bảng theo lĩnh vực"
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="unique_table_code")
        ]

    def __str__(self) -> str:
        return self.title


class TableColumn(TemplatePart):
    table = models.ForeignKey(FieldTable, on_delete=models.CASCADE, related_name="columns")
    code = models.SlugField("mã cột", max_length=40)
    label = models.CharField("tên cột", max_length=200)
    # The printed header groups above the column ("Số hồ sơ nhận giải quyết / Trong đó").
    group = models.CharField("nhóm cột", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("thứ tự")
    tags = models.JSONField("nhãn ngữ nghĩa", default=list, blank=True)

    class Meta:
        verbose_name = "cột"
        verbose_name_plural = "cột"
        ordering = ["table", "position"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="unique_table_column_code")
        ]

    def __str__(self) -> str:
        return self.label

    def template_id_for_lock(self) -> int | None:
        return (
            FieldTable.objects.filter(pk=self.table_id)
            .values_list("template_id", flat=True)
            .first()
        )


class TableRow(TemplatePart):
    table = models.ForeignKey(FieldTable, on_delete=models.CASCADE, related_name="rows")
    code = models.SlugField("mã dòng", max_length=60)
    label = models.CharField("lĩnh vực", max_length=200)
    printed_code = models.CharField("STT in trên mẫu", max_length=10, blank=True)
    position = models.PositiveSmallIntegerField("thứ tự")
    is_total = models.BooleanField("dòng tổng cộng", default=False)

    class Meta:
        verbose_name = "dòng"
        verbose_name_plural = "dòng"
        ordering = ["table", "position"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="unique_table_row_code")
        ]

    def __str__(self) -> str:
        return self.label

    def template_id_for_lock(self) -> int | None:
        return (
            FieldTable.objects.filter(pk=self.table_id)
            .values_list("template_id", flat=True)
            .first()
        )
