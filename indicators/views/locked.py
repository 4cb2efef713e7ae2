"""The one answer of the template-admin area to a change of a published template."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from indicators.models import IndicatorTemplate, TemplateLocked

LOCKED_STATUS = 409


def locked_page(request: HttpRequest, template: IndicatorTemplate) -> HttpResponse:
    """409 with the way out: a published template never changes, a draft copy does."""
    return render(
        request,
        "indicators/locked.html",
        {"template": template, "message": TemplateLocked.message},
        status=LOCKED_STATUS,
    )
