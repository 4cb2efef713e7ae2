"""The home page: what the user's unit owes, by when."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reports.models import Report


@login_required
def home(request: HttpRequest) -> HttpResponse:
    unit = request.user.unit
    reports = (
        Report.objects.within(unit).select_related("unit", "period", "template")
        if unit
        else Report.objects.none()
    )
    return render(request, "reports/home.html", {"unit": unit, "reports": reports})
