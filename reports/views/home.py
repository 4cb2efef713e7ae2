"""The home page answers "what do I owe, by when" (commune staff) or "who has sent what"
(reviewers)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.access import is_commune_staff
from reports.access import visible_reports
from reports.obligations import obligations


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    unit = user.unit
    owed = obligations(unit, timezone.localdate()) if is_commune_staff(user) else []
    reports = visible_reports(user).select_related("unit", "period", "template")
    return render(
        request,
        "reports/home.html",
        {"unit": unit, "obligations": owed, "reports": reports[:200]},
    )
