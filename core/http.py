"""HTTP helpers every page shares: the request as the portal's middleware leaves it, the status
of a form page (422 when a submitted form was refused, so htmx and tests see the refusal, with
the page showing each message next to its field) and the content types of the files the portal
sends."""

from __future__ import annotations

from collections.abc import Callable

from django.forms import BaseForm, BaseFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template.loader import render_to_string
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


class ErrorPageMiddleware:
    """A page refused with a bare message (``HttpResponseForbidden("Chỉ cán bộ …")``) is shown
    in the portal's layout, as the 403 page with that message; htmx requests keep the bare text
    (the page that sent them shows it in place)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 403 or getattr(request, "htmx", False):
            return response
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        body = response.content.decode(response.charset or "utf-8", errors="replace")
        if "<" in body:  # already a page
            return response
        return HttpResponseForbidden(
            render_to_string("403.html", {"message": body.strip()}, request=request)
        )
