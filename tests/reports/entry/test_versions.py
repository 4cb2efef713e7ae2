"""Every change of a report moves its version (a page showing an older one is stale), and the
report's own history records its header and status with the version each change made."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from reports.models import IndicatorValue, Report, ReportStatus
from reports.services.submit import prefill_confirm_all
from reports.workflow import transition
from tests.reports.entry.conftest import indicator


def version(report: Report) -> int:
    return Report.objects.values_list("version", flat=True).get(pk=report.pk)


def post(client, name, report, *args, data=None):
    return client.post(
        reverse(f"reports:{name}", args=[report.pk, *args]), data or {}, HTTP_HX_REQUEST="true"
    )


CHANGES = {
    "a value": lambda c, r: post(c, "value_save", r, indicator(r, "3.3.3").pk, data={"value": "7"}),
    "a confirmation": lambda c, r: post(c, "value_confirm", r, indicator(r, "3.1.3").pk),
    "a section": lambda c, r: post(
        c, "section_save", r, r.sections.first().pk, data={"text": "Mới.", "base": ""}
    ),
    "the header": lambda c, r: post(
        c, "header_save", r, data={"place": "Hoằng Kim", "base-place": r.place}
    ),
    "every confirmation at once": lambda c, r: prefill_confirm_all(report=r, user=r.created_by),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_moves_the_version_by_one(clerk_client, draft, change):
    before = version(draft)
    response = CHANGES[change](clerk_client, draft)
    assert getattr(response, "status_code", 200) == 200
    assert version(draft) == before + 1


def test_an_edit_in_the_admin_moves_the_version(draft, superuser):
    value = IndicatorValue.objects.get(report=draft, indicator__code="3.1.3")
    value.printed, value.value = "218", 218
    request = RequestFactory().post("/")
    request.user = superuser
    before = version(draft)
    admin.site._registry[IndicatorValue].save_model(request, value, form=None, change=True)
    assert version(draft) == before + 1


def test_every_move_of_the_workflow_is_in_the_report_s_history_with_its_version(draft, clerk):
    transition(draft, ReportStatus.SUBMITTED, by=clerk)
    last = draft.history.order_by("-history_date", "-history_id").first()
    assert (last.status, last.version, last.history_user) == ("submitted", draft.version, clerk)


def test_a_header_change_is_in_the_report_s_history_with_its_author_and_version(
    clerk_client, draft, clerk
):
    data = {"signer_name": "Nguyễn Thị An", "base-signer_name": draft.signer_name}
    post(clerk_client, "header_save", draft, data=data)
    last = draft.history.order_by("-history_date", "-history_id").first()
    assert (last.signer_name, last.version, last.history_user) == (
        "Nguyễn Thị An",
        version(draft),
        clerk,
    )
