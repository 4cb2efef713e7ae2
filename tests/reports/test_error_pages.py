"""403, 404 and 500 are Vietnamese pages in the portal's layout (issue #13, defect 11), never
bare text or Django's English pages."""

from __future__ import annotations

from django.test import RequestFactory
from django.views.defaults import server_error

LAYOUT = 'aria-label="Điều hướng chính"'


def test_a_refused_page_is_the_vietnamese_403_page_with_its_reason(client, clerk):
    client.force_login(clerk)
    response = client.get("/theo-doi/")
    page = response.content.decode()
    assert response.status_code == 403
    assert LAYOUT in page and '<html lang="vi">' in page
    assert "Bạn không có quyền xem hoặc làm việc này" in page
    assert "Về trang chủ" in page


def test_an_htmx_refusal_keeps_its_bare_message(client, clerk):
    client.force_login(clerk)
    response = client.get("/theo-doi/", HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert "<html" not in response.content.decode()


def test_an_unknown_address_is_the_vietnamese_404_page(client, clerk):
    client.force_login(clerk)
    response = client.get("/khong-co-trang-nay/")
    page = response.content.decode()
    assert response.status_code == 404
    assert LAYOUT in page
    assert "Không tìm thấy trang bạn cần" in page
    assert "/khong-co-trang-nay/" in page
    assert "Page not found" not in page


def test_a_report_of_another_unit_is_404_in_vietnamese(client, outsider, seed_report):
    client.force_login(outsider)
    report = seed_report("15889/2024Q3")
    response = client.get(report.get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy trang bạn cần" in response.content.decode()


def test_a_server_error_is_the_vietnamese_500_page(db):
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert LAYOUT in page
    assert "Hệ thống gặp sự cố" in page
    assert "Server Error" not in page
