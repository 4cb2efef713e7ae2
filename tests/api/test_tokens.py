"""Personal API tokens: made, listed and revoked by the user on a page of the portal, shown
once and stored hashed; ``manage.py api_token``; revoked tokens refused; rate limits per
token; the OpenAPI schema validates."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from rest_framework.settings import api_settings

from api.models import ApiToken
from api.tokens import MAX_ACTIVE_TOKENS, TokenError, create_token
from reports.models import User

from .conftest import client_with


@pytest.fixture
def clerk(db):
    return User.objects.get(username="hoangkim")


def test_a_token_is_stored_as_its_digest_only(clerk):
    made = create_token(clerk, "Bảng tính")
    stored = ApiToken.objects.get(pk=made.token.pk)
    assert made.secret.startswith("cchc_") and len(made.secret) > 40
    assert stored.digest == hashlib.sha256(made.secret.encode()).hexdigest()
    assert made.secret not in {stored.name, stored.prefix, stored.digest}
    assert made.secret.startswith(stored.prefix)


def test_the_token_page_shows_a_new_token_once_lists_and_revokes(client, clerk):
    url = reverse("api:tokens")
    assert client.get(url).status_code == 302  # login first
    client.force_login(clerk)
    page = client.post(url, {"name": "Phần mềm tổng hợp"})
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    secret = re.search(r'value="(cchc_[^"]+)"', page.content.decode())[1]
    assert client_with(secret).get(reverse("api:me")).json()["username"] == "hoangkim"
    listing = client.get(url).content.decode()
    assert "Phần mềm tổng hợp" in listing and secret not in listing
    token = ApiToken.objects.get(user=clerk)
    assert token.prefix in listing
    assert client.post(url, {"name": "  "}).status_code == 422
    revoked = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert revoked.status_code == 302
    response = client_with(secret).get(reverse("api:me"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "thu hồi" in response.json()["detail"]


def test_nobody_revokes_another_users_token(client, clerk):
    made = create_token(clerk, "Của Hoằng Kim")
    client.force_login(User.objects.get(username="hoangquy"))
    assert client.post(reverse("api:token_revoke", args=[made.token.pk])).status_code == 404
    assert ApiToken.objects.get(pk=made.token.pk).revoked_at is None


def test_a_token_acts_with_exactly_its_users_role_and_unit(clerk):
    me = client_with(create_token(clerk, "x").secret).get(reverse("api:me")).json()
    assert (me["role"], me["unit"]["code"]) == ("commune_staff", "15889")
    assert me["token"]["read_only"] is False


def test_unknown_and_malformed_tokens_get_401(db):
    for header in ["Token cchc_nothing", "Token", "Token a b", "Token khong-hop-le"]:
        client = client_with(None)
        client.credentials(HTTP_AUTHORIZATION=header)
        assert client.get(reverse("api:me")).status_code == 401, header
    assert client_with(None).get(reverse("api:me")).status_code == 401
    # A session of the portal is no API credential.
    session = client_with(None)
    session.force_login(User.objects.get(username="admin"))
    assert session.get(reverse("api:me")).status_code == 401


def test_an_inactive_user_s_token_is_refused(clerk):
    secret = create_token(clerk, "x").secret
    User.objects.filter(pk=clerk.pk).update(is_active=False)
    assert client_with(secret).get(reverse("api:me")).status_code == 401


def test_a_user_keeps_a_bounded_number_of_tokens(clerk):
    for index in range(MAX_ACTIVE_TOKENS):
        create_token(clerk, f"mã {index}")
    with pytest.raises(TokenError):
        create_token(clerk, "một mã nữa")


def test_the_command_prints_a_token_for_scripts(clerk):
    out = io.StringIO()
    call_command("api_token", "hoangkim", "--name", "Kịch bản", stdout=out)
    secret = out.getvalue().strip()
    assert client_with(secret).get(reverse("api:me")).status_code == 200
    assert ApiToken.objects.get(user=clerk).name == "Kịch bản"


def test_the_command_makes_a_read_only_service_account(db):
    User.objects.create(username="hethong.thanhhoa")
    out = io.StringIO()
    call_command("api_token", "hethong.thanhhoa", "--service-account", "--scope", "38", stdout=out)
    me = client_with(out.getvalue().strip()).get(reverse("api:me")).json()
    assert me["token"]["service_account"] and me["token"]["read_only"]
    assert me["token"]["scope"]["code"] == "38"


def test_rate_limits_are_per_token(clerk):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "token": "3/minute"}
    first, second = create_token(clerk, "a").secret, create_token(clerk, "b").secret
    with override_settings(REST_FRAMEWORK={**_rest_framework(), "DEFAULT_THROTTLE_RATES": rates}):
        statuses = [client_with(first).get(reverse("api:me")).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        assert client_with(second).get(reverse("api:me")).status_code == 200


def test_writes_have_their_own_limit(clerk):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "token_write": "1/minute"}
    client = client_with(create_token(clerk, "a").secret)
    url = reverse("api:data_value_sets")
    with override_settings(REST_FRAMEWORK={**_rest_framework(), "DEFAULT_THROTTLE_RATES": rates}):
        assert client.post(url, {"dataValues": []}, format="json").status_code == 200
        assert client.post(url, {"dataValues": []}, format="json").status_code == 429
        assert client.get(reverse("api:me")).status_code == 200


def _rest_framework() -> dict:
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)


def test_the_schema_validates_without_a_warning(db):
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert "operationId: data_value_sets_import" in out.getvalue()


def test_the_schema_and_docs_are_served_without_a_token(client, db):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/reports/{unit_code}/{period_key}/dataValueSets" in schema.json()["paths"]
    docs = client.get(reverse("api:docs"))
    html = docs.content.decode()
    assert docs.status_code == 200
    assert "swagger-ui-dist/swagger-ui-bundle.js" in html and "api/docs.js" in html
    # No inline script or style: the strict CSP would refuse them.
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert "<style" not in html and " style=" not in html
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    for path in [
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "api/docs.js",
        "api/docs.css",
    ]:
        assert finders.find(path), path  # served from our static files, no CDN
