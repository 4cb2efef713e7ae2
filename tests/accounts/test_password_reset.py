"""An official who forgot their password resets it through a link sent by email."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from reports.seeding import DEMO_PASSWORD

SITE = "https://cchc.example.gov.vn"
NEW_PASSWORD = "Son-Phu-mat-khau-moi-2026"
NGINX = "127.0.0.1"


@pytest.fixture(autouse=True)
def site_address():
    with override_settings(SITE_URL=SITE, ALLOWED_HOSTS=["testserver", "attacker.example"]):
        yield


def request_reset(client, email: str = "sonphu@cchc.example", **meta):
    return client.post(reverse("password_reset"), {"email": email}, **meta)


def emailed_link() -> str:
    (message,) = mail.outbox
    return re.search(r"https?://\S+", message.body).group(0)


def set_new_password(client, link: str, password: str = NEW_PASSWORD):
    form_page = client.get(link.removeprefix(SITE))
    assert form_page.status_code == 302  # the token leaves the address bar
    data = {"new_password1": password, "new_password2": password}
    return client.post(form_page["Location"], data)


def test_the_login_page_offers_the_password_reset(client, db):
    page = client.get(reverse("login")).content.decode()
    assert f'<a href="{reverse("password_reset")}">Quên mật khẩu?</a>' in page


def test_a_forgotten_password_is_reset_through_the_emailed_link(client, outsider):
    assert "Quên mật khẩu" in client.get(reverse("password_reset")).content.decode()
    response = request_reset(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert "Hãy kiểm tra hộp thư" in client.get(response["Location"]).content.decode()

    (message,) = mail.outbox
    assert message.to == ["sonphu@cchc.example"]
    assert message.subject == "Đặt lại mật khẩu – Cổng báo cáo cải cách hành chính"
    assert "yêu cầu đặt lại mật khẩu cho tài khoản sonphu" in message.body
    assert "trong 24 giờ" in message.body

    done = set_new_password(client, emailed_link())
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    assert "Đã đặt mật khẩu mới" in client.get(done["Location"]).content.decode()
    login = {"username": "sonphu", "password": NEW_PASSWORD}
    assert client.post(reverse("login"), login).status_code == 302


def test_the_emailed_link_uses_the_configured_site_address_not_the_request_host(client, db):
    request_reset(client, HTTP_HOST="attacker.example")
    link = emailed_link()
    assert link.startswith(f"{SITE}/accounts/password/reset/")
    assert "attacker.example" not in mail.outbox[0].body


def test_a_reset_request_does_not_reveal_whether_an_account_exists(client, db):
    known = request_reset(client, "sonphu@cchc.example")
    unknown = request_reset(client, "khong-ai@cchc.example")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sonphu@cchc.example"]


def test_the_emailed_link_works_once(client, outsider):
    request_reset(client)
    link = emailed_link()
    set_new_password(client, link)
    again = client.get(link.removeprefix(SITE), follow=True)
    page = again.content.decode()
    assert "Liên kết không còn hiệu lực" in page
    assert 'name="new_password1"' not in page


def test_a_weak_new_password_is_refused_in_vietnamese(client, outsider):
    request_reset(client)
    response = set_new_password(client, emailed_link(), password="12345678")
    assert response.status_code == 422
    assert "Mật khẩu này quá phổ biến." in response.content.decode()
    outsider.refresh_from_db()
    assert outsider.check_password(DEMO_PASSWORD)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_reset_requests_are_throttled_per_address_and_a_forged_header_does_not_evade_it(client, db):
    limit = settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
    for n in range(limit):
        forged = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": f"192.0.2.{n}, 203.0.113.10"}
        assert request_reset(client, f"ai-do-{n}@cchc.example", **forged).status_code == 302
    forged = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "192.0.2.99, 203.0.113.10"}
    response = request_reset(client, **forged)
    assert response.status_code == 429
    assert "Quá nhiều yêu cầu đặt lại mật khẩu" in response.content.decode()
    assert mail.outbox == []
    # Another office is not affected.
    other = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert request_reset(client, **other).status_code == 302
    assert len(mail.outbox) == 1


def test_an_official_locked_out_who_resets_their_password_can_log_in_at_once(client, outsider):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "sonphu", "password": "sai-mat-khau"})
    locked = client.post(reverse("login"), {"username": "sonphu", "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    assert f'href="{reverse("password_reset")}"' in locked.content.decode()

    request_reset(client)
    set_new_password(client, emailed_link())
    login = {"username": "sonphu", "password": NEW_PASSWORD}
    assert client.post(reverse("login"), login).status_code == 302


def test_the_reset_pages_have_no_inline_script_or_style(client, outsider):
    pages = [client.get(reverse("password_reset")), request_reset(client, "khong-hop-le")]
    request_reset(client)
    link = emailed_link().removeprefix(SITE)
    pages.append(client.get(link, follow=True))
    pages.append(client.get(reverse("password_reset_done")))
    pages.append(client.get(reverse("password_reset_complete")))
    pages.append(client.get(reverse("password_reset_confirm", args=["MQ", "sai-token"])))
    for response in pages:
        page = response.content.decode()
        assert response.status_code in (200, 422), response.status_code
        assert " style=" not in page
        assert all(' src="/static/' in s.split(">")[0] for s in page.split("<script")[1:])
