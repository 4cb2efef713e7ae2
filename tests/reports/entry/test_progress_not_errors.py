"""A brand-new report opens with no red error and asks no explanation for what nobody would
explain (issue #13, defect 6): carried-over figures to confirm and sections still as last
period left them are progress; a blank "Số" is for the văn thư to fill at issuance."""

from __future__ import annotations

from django.urls import reverse

from reports.entry_checks import report_findings
from reports.services.submit import review


def test_a_new_report_opens_without_errors_or_warnings_before_anything_is_typed(
    clerk_client, draft
):
    page = clerk_client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    summary = page.split('id="findings-summary"')[1].split('<ul class="nav nav-tabs"')[0]
    assert "text-bg-danger" not in summary
    assert "Kiểm tra: chưa phát hiện sai sót." in summary
    assert "Còn phải làm" in summary
    # No row shows a red "Lỗi" for a figure carried over: it has a badge naming its source.
    annex = page.split('id="pane-annex"')[1].split('id="pane-narrative"')[0]
    assert "Lỗi:" not in annex
    assert "Từ báo cáo quý III/2024" in annex


def test_sending_asks_no_explanation_for_a_blank_number_or_a_carried_over_section(draft):
    checks = {finding.check for finding in report_findings(draft)}
    assert "document.number" not in checks
    assert "narrative_prefilled" in checks  # still listed as progress
    asked = {finding.check for _key, finding, _text in review(draft).warnings}
    assert asked.isdisjoint({"document.number", "narrative_prefilled"})
    draft.refresh_from_db()
    assert draft.warning_count == len(review(draft).warnings)
