"""``python manage.py demo``, the admin and the first pages a user sees."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports.models import Report, User
from reports.seeding import DEMO_PASSWORD, DEMO_USERS


@pytest.mark.django_db
def test_demo_is_idempotent_and_lists_the_demo_accounts():
    out = StringIO()
    call_command("demo", skip_official_units=True, stdout=out)
    call_command("demo", skip_official_units=True, stdout=out)
    assert Report.objects.count() == 5
    for demo in DEMO_USERS:
        assert demo.username in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("demo", DEMO_USERS, ids=lambda d: d.username)
def test_every_demo_account_logs_in_with_the_demo_password(client, demo):
    response = client.post(reverse("login"), {"username": demo.username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username=demo.username)
    assert (user.unit.code if user.unit else None) == demo.unit_code


@pytest.mark.django_db
def test_the_login_page_speaks_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
    assert '<html lang="vi">' in response.content.decode()


@pytest.mark.django_db
def test_a_wrong_password_gets_a_vietnamese_message(client):
    response = client.post(reverse("login"), {"username": "hoangkim", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


@pytest.mark.django_db
def test_the_home_page_needs_a_login(client):
    response = client.get(reverse("reports:home"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_the_admin_lists_the_five_seed_reports(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/reports/report/")
    assert response.status_code == 200
    page = response.content.decode()
    for name in ["Xã Hoằng Kim", "Xã Hoằng Quỳ", "Xã Sơn Phú", "Xã Bình Thành", "Xã Sơn Thủy"]:
        assert name in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/core/administrativeunit/",
        "/admin/reports/reportingperiod/",
        "/admin/reports/indicatorvalue/",
        "/admin/reports/tablecellvalue/",
        "/admin/reports/narrativesection/",
        "/admin/reports/user/",
        "/admin/indicators/indicatortemplate/",
        "/admin/indicators/indicator/",
        "/admin/indicators/fieldtable/",
        "/admin/indicators/outlinesection/",
        "/admin/indicators/tablecolumn/",
        "/admin/indicators/tablerow/",
    ],
)
def test_every_model_has_a_working_admin(client, superuser, url):
    client.force_login(superuser)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_report_opens_in_the_admin(client, superuser, seed_report):
    client.force_login(superuser)
    report = seed_report("5605/2024Q1")
    response = client.get(f"/admin/reports/report/{report.pk}/change/")
    assert response.status_code == 200
    assert "Ma Khánh Sơn" in response.content.decode()


@pytest.mark.django_db
def test_a_clerk_sees_only_the_reports_of_their_commune(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("reports:home")).content.decode()
    assert "Xã Hoằng Kim" in page
    assert "Xã Hoằng Quỳ" not in page
    assert "Xã Sơn Phú" not in page


@pytest.mark.django_db
def test_a_reviewer_sees_the_reports_of_their_district(client, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("reports:home")).content.decode()
    assert "Xã Hoằng Kim" in page
    assert "Xã Hoằng Quỳ" in page
    assert "Xã Bình Thành" not in page


@pytest.mark.django_db
def test_health_check_answers_with_the_database(client):
    assert client.get("/healthz").json() == {"status": "ok"}
