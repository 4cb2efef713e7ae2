"""Login throttling on top of django-axes.

django-axes locks an account out at the address that failed (``AXES_LOCKOUT_PARAMETERS``), with
one failure limit for every lockout parameter. The bound on one address across all usernames
needs a higher limit of its own: ``AxesHandler`` adds it, counting the failures axes already
records, so it holds across app servers as axes' lockouts do. Password-reset requests are
counted per address too (``password_reset_allowed``).
"""

from __future__ import annotations

import math

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.client_ip import client_ip


class AxesHandler(AxesDatabaseHandler):
    """Axes' database handler (``AXES_HANDLER``), and at most
    ``LOGIN_FAILURE_LIMIT_PER_ADDRESS`` failed logins from one address within the cool-off,
    whatever the usernames tried."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        if not getattr(settings, "AXES_LOCK_OUT_AT_FAILURE", True):
            return False
        if address_failures(request) >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS:
            request.accounts_address_locked = True
            return True
        return False


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address within the cool-off, for any username."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The Vietnamese lockout page (``AXES_LOCKOUT_CALLABLE``): the account at this address, or
    the address itself, with the minutes to wait."""
    cool_off = get_cool_off(request)
    context = {
        "minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
        "by_address": getattr(request, "accounts_address_locked", False),
    }
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        context,
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )


def password_reset_allowed(request: HttpRequest) -> bool:
    """Count this password-reset request against the client's address: False once the address
    has made ``PASSWORD_RESET_LIMIT_PER_ADDRESS`` of them in ``PASSWORD_RESET_WINDOW_MINUTES``
    (the window opens at its first request). In the default cache: several app servers need a
    shared one (docs/DEPLOY.md)."""
    key = f"accounts:password-reset:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, timeout=settings.PASSWORD_RESET_WINDOW_MINUTES * 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.PASSWORD_RESET_WINDOW_MINUTES * 60)
        count = 1
    return count <= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
