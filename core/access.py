"""Roles, and every check of who may do what by role.

A user has one role and (except admins) one administrative unit. The checks here look at the
role only; ``reports.access`` adds the unit tree for a given report (a reviewer sees the
communes under their unit, a commune's staff only their own). Views never compare roles
themselves: they call these.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse

MSG_NOT_TEMPLATE_ADMIN = "Chỉ quản trị mẫu biểu mới dùng được trang này."


class Role(models.TextChoices):
    COMMUNE_STAFF = "commune_staff", "Cán bộ xã"
    REVIEWER = "reviewer", "Cán bộ thẩm định (Phòng/Sở Nội vụ)"
    TEMPLATE_ADMIN = "template_admin", "Quản trị mẫu biểu"


class Person(Protocol):
    """What the checks read of a user (the portal's ``User``, or an anonymous one)."""

    is_authenticated: bool
    is_superuser: bool
    role: str
    unit_id: int | None


def is_commune_staff(user: Any) -> bool:
    """A commune's own staff, attached to their commune: they fill its reports."""
    return getattr(user, "role", "") == Role.COMMUNE_STAFF and user.unit_id is not None


def is_reviewer(user: Any) -> bool:
    """A reviewer attached to a unit (district, or province since 7/2025): they follow the
    communes under it."""
    return getattr(user, "role", "") == Role.REVIEWER and user.unit_id is not None


def is_template_admin(user: Any) -> bool:
    """Template admins (and superusers) maintain the annex templates and their rules."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or getattr(user, "role", "") == Role.TEMPLATE_ADMIN


def template_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The one guard of the template-admin area (``/mau/``): login, then 403 for anyone who is
    not a template admin."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_template_admin(request.user):
            raise PermissionDenied(MSG_NOT_TEMPLATE_ADMIN)
        return view(request, *args, **kwargs)

    return login_required(guarded)
