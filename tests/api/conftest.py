"""API tests: tokens for the personas of tests/conftest.py, and a client that sends them."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.tokens import create_token
from core.models import AdministrativeUnit
from reports.models import Role, User


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The throttles count in the cache: every test starts with none used.
    cache.clear()
    yield
    cache.clear()


def token_for(username: str, **options) -> str:
    return create_token(User.objects.get(username=username), "Kiểm thử", **options).secret


def service_account(unit_code: str = "38") -> str:
    """A province's system (Thanh Hóa by default): read-only over the province's subtree."""
    user, _ = User.objects.get_or_create(
        username=f"hethong.{unit_code}", defaults={"role": Role.REVIEWER}
    )
    province = AdministrativeUnit.objects.filter(code=unit_code, tier=1).order_by("valid_from")
    return create_token(
        user, "Hệ thống của tỉnh", service_account=True, scope=province.first()
    ).secret


def client_with(secret: str | None) -> APIClient:
    client = APIClient()
    if secret:
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


@pytest.fixture
def api_as(db):
    """``api_as("hoangkim")``: an API client acting with a fresh token of that user."""

    def make(username: str | None) -> APIClient:
        return client_with(token_for(username) if username else None)

    return make
