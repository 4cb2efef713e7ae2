"""HTTP helpers every page shares: the status of a form page (422 when a submitted form was
refused, so htmx and tests see the refusal, with the page showing each message next to its
field) and the content types of the files the portal sends."""

from __future__ import annotations

from django.forms import BaseForm, BaseFormSet

UNPROCESSABLE = 422

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def form_status(form: BaseForm | BaseFormSet | None) -> int:
    """200 for a blank or accepted form, 422 for a submitted one with errors."""
    if form is not None and form.is_bound and not form.is_valid():
        return UNPROCESSABLE
    return 200
