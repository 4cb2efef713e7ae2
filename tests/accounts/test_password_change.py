"""A commune official or a reviewer changes their own password."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from reports.models import User
from reports.seeding import DEMO_PASSWORD

NEW_PASSWORD = "Son-Phu-doi-mat-khau-2026"


def change(client, old: str, new: str, confirm: str | None = None, **meta):
    data = {"old_password": old, "new_password1": new, "new_password2": confirm or new}
    return client.post(reverse("password_change"), data, **meta)


@pytest.mark.parametrize("username", ["sonphu", "noivu.huongson"])
def test_an_official_changes_their_password_and_stays_logged_in(client, db, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert "Đổi mật khẩu" in page.content.decode()

    response = change(client, DEMO_PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    assert "Đã đổi mật khẩu" in client.get(response["Location"]).content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("reports:home")).status_code == 200  # still logged in


def test_the_new_password_logs_in_and_the_old_one_no_longer_does(client, outsider):
    client.force_login(outsider)
    change(client, DEMO_PASSWORD, NEW_PASSWORD)
    client.logout()
    login = reverse("login")
    old = client.post(login, {"username": "sonphu", "password": DEMO_PASSWORD})
    assert old.status_code == 200
    new = client.post(login, {"username": "sonphu", "password": NEW_PASSWORD})
    assert new.status_code == 302


def test_other_sessions_of_the_official_end_with_the_change(client, outsider):
    elsewhere = Client()
    elsewhere.force_login(outsider)
    client.force_login(outsider)
    change(client, DEMO_PASSWORD, NEW_PASSWORD)
    response = elsewhere.get(reverse("reports:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(settings.LOGIN_URL)


def test_a_wrong_old_password_is_refused_in_vietnamese(client, outsider):
    client.force_login(outsider)
    response = change(client, "khong-phai-mat-khau", NEW_PASSWORD)
    assert response.status_code == 422
    assert "Mật khẩu cũ không chính xác" in response.content.decode()
    outsider.refresh_from_db()
    assert outsider.check_password(DEMO_PASSWORD)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("12345678901", "Mật khẩu này hoàn toàn là số."),
        ("password123", "Mật khẩu này quá phổ biến."),
        ("Ngan-1", "Mật khẩu quá ngắn: phải có ít nhất 8 ký tự."),
    ],
)
def test_a_weak_new_password_is_refused_with_the_validators_messages_in_vietnamese(
    client, outsider, new, message
):
    client.force_login(outsider)
    response = change(client, DEMO_PASSWORD, new)
    assert response.status_code == 422
    assert message in response.content.decode()


def test_mismatched_new_passwords_are_refused_in_vietnamese(client, outsider):
    client.force_login(outsider)
    response = change(client, DEMO_PASSWORD, NEW_PASSWORD, confirm=NEW_PASSWORD + "x")
    assert response.status_code == 422
    assert "Hai trường mật khẩu không giống nhau." in response.content.decode()


def test_wrong_old_passwords_count_towards_the_login_lockout(client, outsider):
    """A stolen session cannot be used to guess the password: the change form is locked out
    like the login page, at that address."""
    client.force_login(outsider)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        change(client, "doan-mo", NEW_PASSWORD)
    response = change(client, DEMO_PASSWORD, NEW_PASSWORD)
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()
    outsider.refresh_from_db()
    assert outsider.check_password(DEMO_PASSWORD)
    client.logout()
    login = {"username": "sonphu", "password": DEMO_PASSWORD}
    assert client.post(reverse("login"), login).status_code == 429
    assert client.post(reverse("login"), login, REMOTE_ADDR="198.51.100.20").status_code == 302


def test_the_user_menu_links_to_the_password_change(client, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("reports:home")).content.decode()
    assert f'href="{reverse("password_change")}">Đổi mật khẩu</a>' in page


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(settings.LOGIN_URL)


def test_the_pages_have_no_inline_script_or_style(client, outsider):
    client.force_login(outsider)
    for response in (
        client.get(reverse("password_change")),
        change(client, DEMO_PASSWORD, "123"),
        client.get(reverse("password_change_done")),
    ):
        page = response.content.decode()
        assert " style=" not in page
        assert all(' src="/static/' in s.split(">")[0] for s in page.split("<script")[1:])


def test_the_admin_keeps_its_own_password_change_page(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:password_change"))
    assert response.status_code == 200
    assert "admin/base.html" in [t.name for t in response.templates]
