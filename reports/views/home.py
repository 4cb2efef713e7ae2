"""The home page answers "what do I owe, by when" (commune staff) or "who has sent what"
(reviewers)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.access import is_commune_staff
from reports.access import visible_reports
from reports.obligations import obligations
from reports.views.requests import AuthenticatedHttpRequest


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    unit = user.unit
    owed = (
        obligations(unit, timezone.localdate())
        if is_commune_staff(user) and unit is not None
        else []
    )
    reports = visible_reports(user).select_related("unit", "period", "template")
    return render(
        request,
        "reports/home.html",
        {"unit": unit, "obligations": owed, "reports": reports[:200]},
    )
