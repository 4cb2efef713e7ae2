"""Long exports run in the background: the reviewer follows the progress and gets the file."""

from __future__ import annotations

import io

from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from reports.models import ExportJob, JobStatus


def start(client, **data):
    return client.post(reverse("reports:export_start"), {"ky": "2024Q3", **data})


def test_the_reviewer_starts_an_export_and_downloads_it_when_ready(client, reviewer):
    client.force_login(reviewer)
    response = start(client)
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("reports:export_job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Đã xong (100%)" in page
    download = client.get(reverse("reports:export_download", args=[job.pk]))
    assert download["Content-Disposition"].endswith('tong-hop-cchc-399-2024Q3.xlsx"')
    workbook = load_workbook(io.BytesIO(download.content))
    row = next(r for r in workbook["Theo đơn vị"].iter_rows(values_only=True) if r[0] == "3.3.1")
    assert row[-1] == 729


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_backend_a_worker_builds_the_file(client, reviewer):
    client.force_login(reviewer)
    start(client)
    job = ExportJob.objects.get()
    # Queued: the request did not wait for the workbook.
    assert (job.status, job.progress) == (JobStatus.QUEUED, 0)
    fragment = client.get(
        reverse("reports:export_job", args=[job.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 2s"' in fragment
    assert client.get(reverse("reports:export_download", args=[job.pk])).status_code == 409
    # The queue holds the task; the worker (`manage.py db_worker`, a process of its own that
    # closes its connections) runs it: here, the task the worker would run, run in place.
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "reports.tasks.build_aggregate_export"
    assert queued.args_kwargs == {"args": [job.pk], "kwargs": {}}
    queued.task.call(*queued.args_kwargs["args"])
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.DONE, 100)
    assert job.content


def test_a_period_without_reports_ends_with_a_message(client, reviewer):
    client.force_login(reviewer)
    client.post(reverse("reports:export_start"), {"ky": "2024Q4"})
    job = ExportJob.objects.get()
    assert job.status == JobStatus.FAILED
    assert "Chưa có báo cáo nào" in job.message


def test_a_job_is_its_requester_s_only(client, reviewer, django_user_model):
    client.force_login(reviewer)
    start(client)
    job = ExportJob.objects.get()
    other = django_user_model.objects.get(username="noivu.dinhhoa")
    client.force_login(other)
    assert client.get(reverse("reports:export_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:export_download", args=[job.pk])).status_code == 404


def test_only_reviewers_start_exports(client, clerk):
    client.force_login(clerk)
    assert start(client).status_code == 403
    assert not ExportJob.objects.exists()
