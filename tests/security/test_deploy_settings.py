"""Production settings: `check --deploy` clean, strict CSP and secure cookies."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from cchc_portal import settings as production_settings
from tests.manage_process import manage

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k8#Jx2$vQ9!mZp4@Lr7^Tn1&Wd6*Yb3(Hs5)Gf0_Ce8+Ua2=Ri9-Oq4~Mv7|Xz1",
    "ALLOWED_HOSTS": "cchc.example.gov.vn",
    "TRUSTED_PROXY_COUNT": "1",  # behind nginx, as docs/DEPLOY.md deploys it
    "DJANGO_SETTINGS_MODULE": "cchc_portal.settings",
}


def test_check_deploy_has_no_warning_with_the_production_settings(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env={**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_production_declares_no_proxy_in_front(tmp_path):
    """Behind nginx with no proxy declared, every client would be counted as 127.0.0.1."""
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env={
            **PRODUCTION, "TRUSTED_PROXY_COUNT": "0",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )  # fmt: skip
    assert result.returncode != 0
    assert "accounts.W001" in result.stderr + result.stdout


def test_static_files_collect_for_production(tmp_path):
    """WhiteNoise's manifest storage fails on any missing file a CSS or JS refers to."""
    result = manage(
        "collectstatic", "--noinput",
        env={**PRODUCTION, "STATIC_ROOT": str(tmp_path / "static")},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env={**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_every_page_carries_a_strict_content_security_policy(client, clerk):
    client.force_login(clerk)
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_no_inline_script_in_the_pages(client, clerk, seed_report):
    client.force_login(clerk)
    page = client.get(f"/bao-cao/{seed_report('15889/2024Q3').pk}/").content.decode()
    scripts = page.split("<script")[1:]
    # Every script is loaded from static files, or is JSON data (never executed).
    assert all(' src="/static/' in s.split(">")[0] or "application/json" in s for s in scripts)
    assert " style=" not in page


def test_login_is_locked_after_repeated_failures_with_a_vietnamese_message(client, db):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "hoangkim", "password": "sai"})
    response = client.post(
        "/accounts/login/", {"username": "hoangkim", "password": "cchc-demo-2024"}
    )
    assert response.status_code in (403, 429)
    assert "tạm thời bị khóa" in response.content.decode()


def test_passwords_are_hashed_with_argon2id_and_older_hashes_upgraded_at_login(client, clerk):
    with override_settings(PASSWORD_HASHERS=production_settings.PASSWORD_HASHERS):
        clerk.password = make_password("Hoang-Kim-2026", hasher="pbkdf2_sha256")
        clerk.save(update_fields=["password"])
        response = client.post(
            reverse("login"), {"username": clerk.username, "password": "Hoang-Kim-2026"}
        )
        assert response.status_code == 302
        clerk.refresh_from_db()
        assert clerk.password.startswith("argon2$argon2id$")
        assert clerk.check_password("Hoang-Kim-2026")
