"""Background exports: a long export (a province's aggregate) runs as a task, reports its
progress, and keeps the file until the user downloads it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang tạo tệp"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Lỗi"


class ExportJob(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    unit = models.ForeignKey("core.AdministrativeUnit", on_delete=models.CASCADE)
    period = models.ForeignKey("reports.ReportingPeriod", on_delete=models.CASCADE)
    statuses = models.CharField("trạng thái báo cáo", max_length=40, default="approved")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    message = models.CharField(max_length=300, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tệp xuất chạy nền"
        verbose_name_plural = "tệp xuất chạy nền"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}: {self.get_status_display()} {self.progress}%"

    @property
    def status_list(self) -> tuple[str, ...]:
        return tuple(s for s in self.statuses.split(",") if s)
