"""Plain HTTP is redirected to HTTPS, except the load balancer's health probe."""

from __future__ import annotations

import pytest
from django.test import override_settings


@pytest.fixture
def ssl_redirect():
    with override_settings(SECURE_SSL_REDIRECT=True):
        yield


def test_the_health_probe_over_plain_http_is_answered_not_redirected(client, db, ssl_redirect):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_every_other_page_over_plain_http_is_redirected_to_https(client, db, ssl_redirect):
    for path in ("/", "/accounts/login/", "/healthz/", "/healthzx", "/admin/healthz"):
        response = client.get(path)
        assert response.status_code == 301, path
        assert response["Location"].startswith("https://"), path


def test_behind_the_tls_proxy_nothing_is_redirected(client, db, ssl_redirect):
    response = client.get("/accounts/login/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
