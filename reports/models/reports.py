"""A report: one unit, one period, one template; its document data, values, tables and narrative."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from reports.models.review import ReviewComment
    from reports.models.users import User

from core.text import NARRATIVE_MAX_CHARS, too_long_message

MSG_STORED_TOO_LONG = (
    "Mục này dài {length} ký tự, quá giới hạn {limit} ký tự: hãy rút gọn (chỉ lưu được khi "
    "không quá {limit} ký tự; các phép kiểm tra chỉ đọc {limit} ký tự đầu)."
)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Bị trả lại"
    APPROVED = "approved", "Đã duyệt"


class ValueOrigin(models.TextChoices):
    """Where a stored figure comes from (the form marks all but typed ones)."""

    TYPED = "typed", "Nhập"
    CARRIED = "carried", "Chuyển từ kỳ trước"
    COMPUTED = "computed", "Tự tính"
    DERIVED = "derived", "Suy ra"
    IMPORTED = "imported", "Nhập từ tệp"


class SignerMode(models.TextChoices):
    TM = "TM.", "TM. (thay mặt)"
    KT = "KT.", "KT. (ký thay)"
    NONE = "", "Ký trực tiếp"


# The document around the annex, as the "Thông tin văn bản" form edits it.
HEADER_FIELDS = (
    "issuer_parent",
    "issuer",
    "number",
    "symbol",
    "place",
    "document_date",
    "summary",
    "recipient",
    "legal_basis",
    "intro",
    "closing",
    "recipients",
    "signer_mode",
    "signer_authority",
    "signer_title",
    "signer_name",
)


def _unit_alive_at_period_end() -> Case:
    end = F("period__end_date")
    return Case(
        When(
            (Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=end))
            & (Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=end)),
            then=Value(True),
        ),
        default=Value(False),
        output_field=models.BooleanField(),
    )


class ReportQuerySet(models.QuerySet["Report"]):
    def for_unit(self, unit) -> ReportQuerySet:
        return self.filter(unit=unit)

    def within(self, unit) -> ReportQuerySet:
        """Reports of the unit and of every unit under it."""
        return self.filter(unit__path__startswith=unit.path)

    def in_period(self, period) -> ReportQuerySet:
        return self.filter(period=period)

    def by_key(self, unit_code: str, period_key: str) -> Report:
        """The report addressed as "15889/2024Q3" (unit code / period key)."""
        from core.period_keys import PeriodKey

        parsed = PeriodKey.parse(period_key)
        report = (
            self.filter(
                unit__code=unit_code,
                period__kind=parsed.kind,
                period__year=parsed.year,
                period__number=parsed.number,
            )
            .select_related("unit", "period", "template")
            # Codes repeat (today's commune may reuse the code of one it replaced): the unit
            # that existed at the period's end first, then the highest tier.
            .order_by(_unit_alive_at_period_end().desc(), "-unit__tier", "-template__version")
            .first()
        )
        if report is None:
            raise self.model.DoesNotExist(f"Không có báo cáo của đơn vị {unit_code} kỳ {parsed}.")
        return report


class Report(models.Model):
    unit = models.ForeignKey(
        "core.AdministrativeUnit",
        verbose_name="đơn vị",
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period = models.ForeignKey(
        "reports.ReportingPeriod",
        verbose_name="kỳ báo cáo",
        on_delete=models.PROTECT,
        related_name="reports",
    )
    template = models.ForeignKey(
        "indicators.IndicatorTemplate",
        verbose_name="mẫu phụ lục",
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # Bumped by every saved change: two editors of one report are detected, never overwritten.
    version = models.PositiveIntegerField("phiên bản", default=1)

    # The document around the annex (Nghị định 30/2020/NĐ-CP layout).
    issuer_parent = models.CharField("cơ quan chủ quản", max_length=200, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=200, blank=True)
    number = models.CharField("số", max_length=20, blank=True)
    symbol = models.CharField("ký hiệu", max_length=40, blank=True, default="BC-UBND")
    place = models.CharField("địa danh", max_length=100, blank=True)
    document_date = models.DateField("ngày ban hành", null=True, blank=True)
    date_printed = models.CharField("ngày tháng như đã in", max_length=100, blank=True)
    summary = models.CharField("trích yếu", max_length=500, blank=True)
    recipient = models.CharField("kính gửi", max_length=300, blank=True)
    legal_basis = models.TextField("căn cứ", blank=True)
    intro = models.TextField("mở đầu", blank=True)
    closing = models.TextField("câu kết", blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    signer_mode = models.CharField(
        "hình thức ký", max_length=3, choices=SignerMode.choices, blank=True
    )
    signer_authority = models.CharField("thẩm quyền ký", max_length=100, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_name = models.CharField("người ký", max_length=100, blank=True)
    footnotes = models.JSONField("chú thích", default=list, blank=True)
    annex_title = models.CharField("tiêu đề phụ lục như đã in", max_length=300, blank=True)
    annex_reference = models.CharField("dòng kèm theo của phụ lục", max_length=300, blank=True)

    # The checks' verdict when the report was last sent or checked, for dashboards.
    error_count = models.PositiveIntegerField("số lỗi", default=0)
    warning_count = models.PositiveIntegerField("số cảnh báo", default=0)
    checked_at = models.DateTimeField("kiểm tra lúc", null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField("ngày gửi", null=True, blank=True)
    approved_at = models.DateTimeField("ngày duyệt", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReportQuerySet.as_manager()
    # A row per saved change of the report itself (its header, its status), with the version it
    # made: what the document said at any version, and when a version was reached. Values,
    # cells and sections have histories of their own; the checks' counts are not history.
    history = HistoricalRecords(
        excluded_fields=["error_count", "warning_count", "checked_at", "updated_at"]
    )
    # Set before a save: the author of its history row (else the request's user, if any).
    _history_user: Any

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        ordering = ["-period__end_date", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "template"], name="unique_report_per_unit_period"
            )
        ]
        # Dashboards and aggregates read a period's reports by status.
        indexes = [models.Index(fields=["period", "status"], name="report_period_status")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:report", kwargs={"pk": self.pk})

    @property
    def key(self) -> str:
        return f"{self.unit.code}/{self.period.key}"


class IndicatorValue(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, related_name="values"
    )
    # Exact decimals: counts, money ("1.377.189.270" đồng), ratios ("81,95").
    value = models.DecimalField("số liệu", max_digits=22, decimal_places=6, null=True, blank=True)
    text = models.TextField("nội dung (chỉ tiêu dạng chữ)", blank=True)
    # What the commune wrote, as written ("128 TTHC", "93,88 (322-343 HS)", "Có", "01").
    printed = models.CharField("như đã ghi", max_length=200, blank=True)
    note = models.TextField("ghi chú / giải trình", blank=True)
    # Carried over from the previous period: shown marked until the user confirms it.
    prefilled = models.BooleanField("điền sẵn từ kỳ trước, chưa xác nhận", default=False)
    origin = models.CharField(
        "nguồn số liệu", max_length=10, choices=ValueOrigin.choices, default=ValueOrigin.TYPED
    )
    # Where a carried or derived figure was read ("Từ báo cáo quý III/2024").
    source = models.CharField("lấy từ", max_length=300, blank=True)
    # Why the commune typed its own figure over a computed one (the reviewer sees it).
    override_reason = models.TextField("lý do sửa số tự tính", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])
    # Who the next save is recorded against: simple_history reads it off the instance.
    _history_user: User | None

    class Meta:
        verbose_name = "số liệu chỉ tiêu"
        verbose_name_plural = "số liệu chỉ tiêu"
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="unique_value_per_row")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} = {self.value if self.value is not None else self.text}"

    @property
    def is_empty(self) -> bool:
        return self.value is None and not self.text

    @property
    def is_override(self) -> bool:
        """A figure the commune typed over the one the template computes."""
        return bool(self.override_reason)


class TableCellValue(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="cells")
    row = models.ForeignKey("indicators.TableRow", on_delete=models.PROTECT, related_name="+")
    column = models.ForeignKey("indicators.TableColumn", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField("số liệu", max_digits=22, decimal_places=6, null=True, blank=True)
    printed = models.CharField("như đã ghi", max_length=100, blank=True)
    prefilled = models.BooleanField("điền sẵn từ kỳ trước, chưa xác nhận", default=False)
    origin = models.CharField(
        "nguồn số liệu", max_length=10, choices=ValueOrigin.choices, default=ValueOrigin.TYPED
    )
    source = models.CharField("lấy từ", max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])
    # Who the next save is recorded against: simple_history reads it off the instance.
    _history_user: User | None

    class Meta:
        verbose_name = "ô bảng theo lĩnh vực"
        verbose_name_plural = "ô bảng theo lĩnh vực"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "row", "column"], name="unique_cell_per_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.row_id}×{self.column_id} = {self.value}"


class NarrativeSection(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    outline = models.ForeignKey(
        "indicators.OutlineSection",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField("thứ tự")
    level = models.PositiveSmallIntegerField("cấp", default=1)
    # As the report prints it (which may name the wrong quarter: the checks look for that).
    heading = models.CharField("tiêu đề", max_length=300)
    text = models.TextField("nội dung", blank=True)
    prefilled = models.BooleanField("điền sẵn từ kỳ trước, chưa xác nhận", default=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])
    # Who the next save is recorded against: simple_history reads it off the instance.
    _history_user: User | None
    # Set by the report page for its template: the reviewers' comments on this section.
    review_comments: list[ReviewComment]

    class Meta:
        verbose_name = "mục báo cáo"
        verbose_name_plural = "mục báo cáo"
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="unique_section_position")
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def too_long_message(self) -> str:
        """Shown next to a section stored longer than the limit (before there was one)."""
        return too_long_message(self.text, NARRATIVE_MAX_CHARS, MSG_STORED_TOO_LONG)


class ReportTransition(models.Model):
    """One move of the workflow (draft → submitted → …): who, when, why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField("từ", max_length=10, choices=ReportStatus.choices)
    to_status = models.CharField("sang", max_length=10, choices=ReportStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("lúc", auto_now_add=True)
    comment = models.TextField("ý kiến", blank=True)

    class Meta:
        verbose_name = "chuyển trạng thái"
        verbose_name_plural = "lịch sử trạng thái"
        ordering = ["report", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class WarningExplanation(models.Model):
    """The commune's explanation of a warning it sends anyway (giải trình)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="explanations")
    # The finding it explains: its check id and codes ("narrative_percent:3.3.2").
    finding_key = models.CharField(max_length=300)
    message = models.TextField("cảnh báo")
    text = models.TextField("giải trình")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "giải trình cảnh báo"
        verbose_name_plural = "giải trình cảnh báo"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "finding_key"], name="unique_explanation_per_finding"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]
