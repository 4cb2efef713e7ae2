"""Template filters of the portal."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from core.numbers import format_number
from reports.entry_checks import is_progress

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or "" (a missing mapping or key)."""
    return (mapping or {}).get(key, "")


@register.filter
def vn_number(value) -> str:
    """A number the Vietnamese way: 1377189270 → "1.377.189.270", "22.2" → "22,2"."""
    if value in (None, ""):
        return ""
    try:
        return format_number(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


@register.filter
def asked(findings) -> list:
    """The findings that are errors or warnings, not progress (issue #13, defect 6)."""
    return [f for f in findings or [] if not is_progress(f)]


@register.filter
def progress(findings) -> list:
    """What is left to do: carried-over figures to confirm, sections to update."""
    return [f for f in findings or [] if is_progress(f)]


@register.filter
def errors_only(findings) -> list:
    return [f for f in findings or [] if f.is_error]


@register.filter
def warnings_only(findings) -> list:
    return [f for f in findings or [] if not f.is_error]
