"""HTTP helpers every page shares: the request as the portal's middleware leaves it, the status
of a form page (422 when a submitted form was refused, so htmx and tests see the refusal, with
the page showing each message next to its field) and the content types of the files the portal
sends."""

from __future__ import annotations

from django.forms import BaseForm, BaseFormSet
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

UNPROCESSABLE = 422

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class HtmxHttpRequest(HttpRequest):
    """A request past django-htmx's middleware (every request of the portal): ``htmx`` is
    truthy when htmx sent it, and tells which element it targets. For the type checker only;
    views annotate their request with it."""

    htmx: HtmxDetails


def form_status(form: BaseForm | BaseFormSet | None) -> int:
    """200 for a blank or accepted form, 422 for a submitted one with errors."""
    if form is not None and form.is_bound and not form.is_valid():
        return UNPROCESSABLE
    return 200
