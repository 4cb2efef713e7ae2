"""Making, finding and revoking API tokens. The secret is random (256 bits), shown once, and
stored as its SHA-256 digest: a leaked database reveals no usable token."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction

from api.models import ApiToken
from core.errors import DomainError
from core.models import AdministrativeUnit

TOKEN_PREFIX = "cchc_"
PREFIX_LENGTH = 12  # "cchc_" and 7 characters of the secret: enough to tell tokens apart
MAX_ACTIVE_TOKENS = 20

MSG_NAME_REQUIRED = "Hãy đặt tên gợi nhớ cho mã truy cập (ví dụ: “Phần mềm tổng hợp của huyện”)."
MSG_TOO_MANY = "Mỗi tài khoản có tối đa {limit} mã truy cập đang dùng: hãy thu hồi mã cũ."
MSG_SCOPE_REQUIRED = "Tài khoản hệ thống cần một đơn vị làm phạm vi đọc."


class TokenError(DomainError):
    """Refused, with the reason in ``message``."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(
    user,
    name: str,
    *,
    service_account: bool = False,
    scope: AdministrativeUnit | None = None,
    read_only: bool = False,
) -> NewToken:
    name = name.strip()
    if not name:
        raise TokenError(MSG_NAME_REQUIRED)
    if service_account and scope is None:
        raise TokenError(MSG_SCOPE_REQUIRED)
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise TokenError(MSG_TOO_MANY.format(limit=MAX_ACTIVE_TOKENS))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=secret[:PREFIX_LENGTH],
        digest=digest_of(secret),
        is_service_account=service_account,
        read_only=read_only or service_account,
        scope=scope if service_account else None,
    )
    return NewToken(token=token, secret=secret)


def find_token(secret: str) -> ApiToken | None:
    """The token with this secret, with its user and scope, revoked or not (None if unknown)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    return (
        ApiToken.objects.select_related("user", "user__unit", "scope")
        .filter(digest=digest_of(secret))
        .first()
    )
