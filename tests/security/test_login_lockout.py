"""Login lockouts count against the real client's address, which a client cannot choose.

Behind nginx (docs/DEPLOY.md) every request reaches the portal from 127.0.0.1, with the client's
address appended by nginx to whatever X-Forwarded-For the client sent.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import F
from django.test import override_settings
from django.urls import reverse

from reports.seeding import DEMO_PASSWORD

NGINX = "127.0.0.1"
CLIENT_A = "203.0.113.10"  # the attacker's office
CLIENT_B = "198.51.100.20"  # sonphu's commune office


def through_nginx(client_address: str, sent: str | None = None) -> dict[str, str]:
    """The request's META as nginx passes it on (``$proxy_add_x_forwarded_for``)."""
    forwarded = f"{sent}, {client_address}" if sent else client_address
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": forwarded}


def log_in(client, password: str, meta: dict[str, str], username: str = "sonphu"):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def fail_to_the_limit(client, meta_for_each) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "sai-mat-khau", meta_for_each(attempt))


@pytest.fixture
def behind_nginx():
    with override_settings(TRUSTED_PROXY_COUNT=1):
        yield


def test_five_wrong_passwords_from_one_address_do_not_lock_the_user_out_from_another(
    client, db, behind_nginx
):
    fail_to_the_limit(client, lambda _: through_nginx(CLIENT_A))
    response = log_in(client, DEMO_PASSWORD, through_nginx(CLIENT_B))
    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL


def test_the_address_that_failed_five_times_is_locked_out_even_with_the_right_password(
    client, db, behind_nginx
):
    fail_to_the_limit(client, lambda _: through_nginx(CLIENT_A))
    response = log_in(client, DEMO_PASSWORD, through_nginx(CLIENT_A))
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()


def test_a_forged_x_forwarded_for_cannot_choose_whose_address_is_locked_out(
    client, db, behind_nginx
):
    # The attacker claims to be sonphu's office; nginx appends the attacker's real address.
    fail_to_the_limit(client, lambda _: through_nginx(CLIENT_A, sent=CLIENT_B))
    assert log_in(client, DEMO_PASSWORD, through_nginx(CLIENT_B)).status_code == 302
    client.logout()
    assert log_in(client, DEMO_PASSWORD, through_nginx(CLIENT_A)).status_code == 429


def test_a_forged_x_forwarded_for_varying_per_request_does_not_evade_the_lockout(
    client, db, behind_nginx
):
    fail_to_the_limit(client, lambda n: through_nginx(CLIENT_A, sent=f"192.0.2.{n + 1}"))
    response = log_in(client, DEMO_PASSWORD, through_nginx(CLIENT_A, sent="192.0.2.200"))
    assert response.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=0)  # the default: gunicorn faces the clients
def test_without_a_trusted_proxy_x_forwarded_for_is_ignored_and_cannot_evade_the_lockout(
    client, db
):
    direct = CLIENT_A

    def forged(n: int) -> dict[str, str]:
        return {"REMOTE_ADDR": direct, "HTTP_X_FORWARDED_FOR": f"192.0.2.{n + 1}"}

    fail_to_the_limit(client, forged)
    response = log_in(client, DEMO_PASSWORD, forged(100))
    assert response.status_code == 429
    # ... and the addresses it claimed were never locked out.
    assert log_in(client, DEMO_PASSWORD, {"REMOTE_ADDR": "192.0.2.1"}).status_code == 302


def test_a_lockout_ends_after_the_cool_off_however_often_the_locked_address_tries(
    client, db, behind_nginx
):
    from axes.models import AccessAttempt

    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME)

    def time_passes(delta: timedelta) -> None:
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - delta)

    fail_to_the_limit(client, lambda _: through_nginx(CLIENT_A))
    time_passes(cool_off - timedelta(minutes=1))
    for _ in range(3):  # still locked out: refused, and not counted
        assert log_in(client, "sai-mat-khau", through_nginx(CLIENT_A)).status_code == 429
    time_passes(timedelta(minutes=2))
    assert log_in(client, DEMO_PASSWORD, through_nginx(CLIENT_A)).status_code == 302


def test_failed_logins_from_one_address_are_bounded_whatever_the_usernames_tried(
    client, db, behind_nginx
):
    limit = settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    assert limit > settings.AXES_FAILURE_LIMIT  # an office has several officials

    def fail_as(n: int) -> None:
        log_in(client, "sai-mat-khau", through_nginx(CLIENT_A), username=f"canbo{n}")

    for n in range(limit - 1):
        fail_as(n)
    assert log_in(client, DEMO_PASSWORD, through_nginx(CLIENT_A)).status_code == 302
    client.logout()

    fail_as(limit)
    response = log_in(client, DEMO_PASSWORD, through_nginx(CLIENT_A))
    assert response.status_code == 429
    page = response.content.decode()
    assert "Đăng nhập từ địa chỉ mạng này tạm thời bị khóa" in page
    assert f"{settings.AXES_COOLOFF_TIME * 60:.0f} phút" in page
    # Officials elsewhere are not affected.
    assert log_in(client, DEMO_PASSWORD, through_nginx(CLIENT_B)).status_code == 302


def test_the_account_lockout_page_says_how_long_to_wait(client, db, behind_nginx):
    fail_to_the_limit(client, lambda _: through_nginx(CLIENT_A))
    with override_settings(AXES_COOLOFF_TIME=0.5):
        page = log_in(client, DEMO_PASSWORD, through_nginx(CLIENT_A)).content.decode()
    assert "Tài khoản tạm thời bị khóa đăng nhập" in page
    assert "thử lại sau 30 phút" in page
