"""``Authorization: Token <token>``: the request acts as the token's user (its role and unit
subtree), narrowed to reading for a service account. Unknown or revoked tokens get 401."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.models import ApiToken
from api.tokens import find_token

KEYWORD = "Token"
MSG_MALFORMED = "Tiêu đề Authorization phải có dạng “Token <mã truy cập>”."
MSG_INVALID = "Mã truy cập không hợp lệ."
MSG_REVOKED = "Mã truy cập đã bị thu hồi."
MSG_INACTIVE = "Tài khoản của mã truy cập này đã bị khóa."
# ``last_used_at`` is written at most once a minute per token, not on every request.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(MSG_MALFORMED)
        try:
            secret = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(MSG_INVALID) from None
        token = find_token(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(MSG_INVALID)
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(MSG_REVOKED)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(MSG_INACTIVE)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request) -> str:
        return KEYWORD


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Mã truy cập cá nhân, tạo tại trang /api/ma-truy-cap/ của cổng: "
                "`Authorization: Token cchc_…`"
            ),
        }
