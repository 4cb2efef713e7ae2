"""Reporting periods with their data window, due date and grace, as the province sets them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.period_keys import PeriodKey, PeriodKind, default_due_date

DEFAULT_GRACE_DAYS = 3


class ReportingPeriodQuerySet(models.QuerySet["ReportingPeriod"]):
    def by_key(self, key: str | PeriodKey, scope=None) -> ReportingPeriod:
        """The period for a key, the scope's own setting first, else the national default."""
        parsed = key if isinstance(key, PeriodKey) else PeriodKey.parse(key)
        candidates = self.filter(kind=parsed.kind, year=parsed.year, number=parsed.number)
        if scope is not None:
            ancestors = [int(pk) for pk in scope.path.strip("/").split("/") if pk]
            own = candidates.filter(scope_id__in=ancestors).order_by("-scope__path").first()
            if own is not None:
                return own
        period = candidates.filter(scope__isnull=True).first()
        if period is None:
            raise self.model.DoesNotExist(f"Chưa có kỳ báo cáo {parsed}.")
        return period

    def open(self) -> ReportingPeriodQuerySet:
        return self.filter(is_locked=False)


class ReportingPeriod(models.Model):
    kind = models.CharField("loại kỳ", max_length=1, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField("năm")
    # Quarter 1–4, half 1–2, 9 for "9 tháng", 0 for the year.
    number = models.PositiveSmallIntegerField("số kỳ", default=0)
    start_date = models.DateField("số liệu từ ngày")
    end_date = models.DateField("số liệu đến hết ngày")
    due_date = models.DateField("hạn gửi")
    grace_days = models.PositiveSmallIntegerField("số ngày gia hạn", default=DEFAULT_GRACE_DAYS)
    is_locked = models.BooleanField("đã khóa", default=False)
    # A province (or any unit) may set its own window and deadline; empty = national default.
    scope = models.ForeignKey(
        "core.AdministrativeUnit",
        verbose_name="áp dụng cho",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="periods",
    )

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["-year", "-end_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "number", "scope"], name="unique_period_per_scope"
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "number"],
                condition=Q(scope__isnull=True),
                name="unique_national_period",
            ),
            models.CheckConstraint(
                condition=Q(start_date__lte=models.F("end_date")),
                name="period_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        label = self.label
        return label[:1].upper() + label[1:]

    @classmethod
    def build(cls, key: str | PeriodKey, **overrides) -> ReportingPeriod:
        """An unsaved period with the legal window and the default deadline for a key."""
        parsed = key if isinstance(key, PeriodKey) else PeriodKey.parse(key)
        start, end = parsed.legal_window()
        fields = {
            "kind": parsed.kind,
            "year": parsed.year,
            "number": parsed.number,
            "start_date": start,
            "end_date": end,
            "due_date": default_due_date(end),
        }
        fields.update(overrides)
        return cls(**fields)

    @property
    def period_key(self) -> PeriodKey:
        return PeriodKey(self.kind, self.year, self.number)

    @property
    def key(self) -> str:
        return str(self.period_key)

    @property
    def label(self) -> str:
        return self.period_key.label

    @property
    def entry_closes_on(self) -> dt.date:
        """After the due date and its grace, data entry locks; lateness counts from the due date."""
        return self.due_date + dt.timedelta(days=self.grace_days)

    def clean(self) -> None:
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
        if self.due_date and self.end_date and self.due_date < self.end_date:
            raise ValidationError({"due_date": "Hạn gửi không được trước ngày chốt số liệu."})
