"""Background tasks: exports too long to make a user's request wait for them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from reports.aggregation import NothingToAggregate, aggregate
from reports.exports.aggregate import render_aggregate_xlsx
from reports.models import ExportJob, JobStatus

MSG_FAILED = "Không tạo được tệp: {error}"


def _progress(job: ExportJob, percent: int, status: str = JobStatus.RUNNING, **extra) -> None:
    job.progress, job.status = percent, status
    for field, value in extra.items():
        setattr(job, field, value)
    job.save(update_fields=["progress", "status", *extra])


@task()
def build_aggregate_export(job_id: int) -> None:
    """The aggregated XLSX of a job: read the reports, aggregate, write the workbook."""
    job = ExportJob.objects.select_related("unit", "period").get(pk=job_id)
    _progress(job, 5)
    try:
        result = aggregate(job.unit, job.period, job.status_list, per_unit=True)
        _progress(job, 50)
        content = render_aggregate_xlsx(result, job.status_list)
    except NothingToAggregate as error:
        _progress(job, 100, JobStatus.FAILED, message=error.message, finished_at=timezone.now())
        return
    except Exception as error:
        _progress(
            job, 100, JobStatus.FAILED, message=MSG_FAILED.format(error=error),
            finished_at=timezone.now(),
        )  # fmt: skip
        raise
    with transaction.atomic():
        _progress(
            job,
            100,
            JobStatus.DONE,
            content=content,
            filename=f"tong-hop-cchc-{job.unit.code}-{job.period.key}.xlsx",
            message=f"Tổng hợp {len(result.reports)} báo cáo.",
            finished_at=timezone.now(),
        )
