"""Who may call the API at all, and what a token may do beyond its user's rights."""

from __future__ import annotations

from rest_framework import permissions

from api.models import ApiToken

MSG_READ_ONLY = "Mã truy cập này chỉ được đọc (tài khoản hệ thống): không ghi được."


def token_of(request) -> ApiToken | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiToken) else None


def is_service(request) -> bool:
    token = token_of(request)
    return token is not None and token.is_service_account


def may_write(request) -> bool:
    token = token_of(request)
    return token is not None and token.writes


class HasToken(permissions.BasePermission):
    """Authenticated by a token (the API has no session or password login)."""

    def has_permission(self, request, view) -> bool:
        return token_of(request) is not None
