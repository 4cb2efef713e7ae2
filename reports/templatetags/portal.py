"""Template filters of the portal."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from core.numbers import format_number

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
