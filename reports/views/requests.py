"""The request of a view behind ``login_required``: its user is the portal's ``User`` (with a
unit and a role), never the anonymous one. For the type checker only; the login decorators are
what make it true."""

from __future__ import annotations

from core.http import HtmxHttpRequest
from reports.models import User


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User
