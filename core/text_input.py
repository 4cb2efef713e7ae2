"""Text at the boundary: every form cleans what was posted, every saved row of the portal's
apps has clean text (``core.text.clean_text``: no control character, composed form).

- Forms: ``CleanTextFormMixin`` first among a form's bases cleans the posted data before any
  field reads it, so what is checked, compared (conflicts) and stored is the cleaned text.
- Rows: a ``pre_save`` receiver (connected in ``core.apps``) cleans every CharField, TextField
  and JSONField of a model of ``core``, ``indicators`` or ``reports`` (simple-history's
  Historical* models included) when it is saved one by one. ``bulk_create``, ``bulk_update`` and
  ``QuerySet.update`` send no signal: their callers clean with ``clean_instances`` or
  ``clean_text`` first.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from core.text import NOTE_MAX_CHARS, clean_json, clean_text, too_long_message

M = TypeVar("M", bound=models.Model)
CLEANED_APPS = frozenset({"core", "indicators", "reports"})


@cache
def text_fields(model: type[models.Model]) -> tuple[tuple[str, bool], ...]:
    """(attribute name, is JSON) of the model's concrete text fields."""
    return tuple(
        (field.attname, isinstance(field, models.JSONField))
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
    )


def clean_instance(instance: models.Model) -> None:
    """Clean every text field of ``instance`` in place (only the fields that change are set)."""
    for name, is_json in text_fields(type(instance)):
        value = getattr(instance, name)
        if is_json:
            cleaned = clean_json(value)
        elif isinstance(value, str):
            cleaned = clean_text(value)
        else:
            continue
        if cleaned != value:
            setattr(instance, name, cleaned)


def clean_instances(instances: Iterable[M]) -> list[M]:
    """``clean_instance`` for rows about to be bulk-created or bulk-updated (no signal then):
    ``Model.objects.bulk_create(clean_instances(rows))``."""
    rows = list(instances)
    for instance in rows:
        clean_instance(instance)
    return rows


def clean_on_save(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    """The ``pre_save`` receiver: the last line of defence behind forms and importers (a
    restore too: a backup written before text was cleaned comes back clean)."""
    if sender._meta.app_label in CLEANED_APPS:
        clean_instance(instance)


def clean_data(data: Any) -> Any:
    """Posted data (a QueryDict, a MultiValueDict or a plain dict) with every string cleaned."""
    if isinstance(data, MultiValueDict):
        copy = data.copy() if isinstance(data, QueryDict) else MultiValueDict()
        for key, values in data.lists():
            copy.setlist(key, [clean_text(v) if isinstance(v, str) else v for v in values])
        return copy
    if isinstance(data, dict):
        return {key: clean_text(v) if isinstance(v, str) else v for key, v in data.items()}
    return data


class CleanTextFormMixin:
    """First among a form's bases: the bound data is cleaned before any field reads it."""

    data: Any
    is_bound: bool

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = clean_data(self.data)


def max_chars(limit: int):
    """A validator refusing a text above ``limit`` characters with the portal's message (how
    long it is, the limit, that nothing was saved)."""

    def check(value) -> None:
        message = too_long_message(value, limit) if isinstance(value, str) else ""
        if message:
            raise ValidationError(message, code="max_length")

    return check


def limited_text(limit: int = NOTE_MAX_CHARS, **kwargs) -> forms.CharField:
    """An optional text field of a form, refused above ``limit`` characters (``max_chars``)."""
    kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
    kwargs.setdefault("required", False)
    return forms.CharField(validators=[max_chars(limit)], **kwargs)
