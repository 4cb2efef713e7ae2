"""Text from an imported file is stored as typed text is: cleaned (control characters of Word,
composed Vietnamese), and a narrative section over the length limit refuses the file before
anything is written."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.urls import reverse

from reports.models import Report, ReportingPeriod
from reports.services.start import report_start
from reports.views.imports import SESSION_PREFIX
from tests.seed_imports import SEEDS

HOANG_KIM = SEEDS[0]
HEADING = "4. Về cải cách công vụ"


@pytest.fixture
def draft(clerk) -> Report:
    period = ReportingPeriod.objects.by_key("2024Q4")
    return report_start(unit=clerk.unit, period=period, user=clerk)


def seed_with(paragraph: str) -> bytes:
    """The seed's text file with ``paragraph`` right under the heading "4. Về cải cách công vụ"."""
    lines = HOANG_KIM.path.read_text(encoding="utf-8").split("\n")
    at = lines.index(HEADING) + 1
    return "\n".join([*lines[:at], paragraph, *lines[at:]]).encode("utf-8")


def upload(client, report: Report, content: bytes):
    file = io.BytesIO(content)
    file.name = "phu-luc.txt"
    return client.post(reverse("imports:upload", args=[report.pk]), {"file": file})


def confirm(client, report: Report):
    token = client.session[SESSION_PREFIX + str(report.pk)]["token"]
    return client.post(reverse("imports:confirm", args=[report.pk]), {"token": token})


def test_a_files_narrative_is_stored_cleaned(client, clerk, draft):
    client.force_login(clerk)
    pasted = unicodedata.normalize("NFD", "- Đào tạo\x0bbồi dưỡng 12 lượt\x07 cán bộ")
    assert upload(client, draft, seed_with(pasted)).status_code == 200
    confirm(client, draft)
    section = draft.sections.get(outline__heading=HEADING)
    assert section.text.startswith("- Đào tạo\nbồi dưỡng 12 lượt cán bộ\n")


def test_a_file_with_a_section_over_the_limit_is_refused_before_the_preview(client, clerk, draft):
    client.force_login(clerk)
    long = "- Công tác đào tạo, bồi dưỡng cán bộ, công chức cấp xã. " * 700
    response = upload(client, draft, seed_with(long))
    assert response.status_code == 422
    page = response.content.decode()
    assert f"Mục “{HEADING}”" in page
    assert "quá giới hạn 30.000 ký tự của một mục" in page
    assert SESSION_PREFIX + str(draft.pk) not in client.session
    # Only what the report started with: carried figures and the ones computed from them.
    assert not draft.values.exclude(prefilled=True).exclude(origin="computed").exists()
