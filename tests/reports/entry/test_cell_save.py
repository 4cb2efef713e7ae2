"""Autosaving one cell of a table by field (Định Hóa's "Tình hình giải quyết TTHC"): counts,
refused input kept with its message, one bound for every figure."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Report, TableCellValue, User
from reports.seeding import ensure_demo_period
from reports.services.start import report_start
from tests.readers import read_everywhere


@pytest.fixture
def binhthanh(db) -> User:
    """Commune staff of xã Bình Thành (template DH-PL-I, with its table by field)."""
    return User.objects.get(username="binhthanh")


@pytest.fixture
def dinhhoa(db) -> User:
    """Phòng Nội vụ of huyện Định Hóa, Bình Thành's reviewer."""
    return User.objects.get(username="noivu.dinhhoa")


@pytest.fixture
def table_draft(binhthanh) -> Report:
    period = ensure_demo_period("2024Q2", timezone.localdate())
    return report_start(unit=binhthanh.unit, period=period, user=binhthanh)


def first_cell(report: Report):
    """The first cell the commune types (the "Tổng số" columns and the total row are computed)."""
    table = report.template.tables.get()
    return table.rows.first(), table.columns.get(code="received_online")


def save_cell(client, report, typed, base=""):
    row, column = first_cell(report)
    return client.post(
        reverse("reports:cell_save", args=[report.pk, row.pk, column.pk]),
        {"value": typed, "base": base},
        HTTP_HX_REQUEST="true",
    )


def stored_cell(report) -> TableCellValue | None:
    row, column = first_cell(report)
    return TableCellValue.objects.filter(report=report, row=row, column=column).first()


@pytest.mark.parametrize(
    ("typed", "value", "message"),
    [
        ("1.377", Decimal("1377"), None),
        ("999.999.999.999.999", Decimal("999999999999999"), None),
        ("１２", Decimal("12"), None),
        ("1.000.000.000.000.000", None, "Số quá lớn"),
        ("12345678901234567890", None, "Số quá lớn"),
        ("12,5", None, "nhập số nguyên"),
        ("١٢", None, "0–9"),
        ("12 hồ sơ", None, "Có phải ý bạn là 12?"),
    ],
)
def test_a_cell_is_stored_or_refused_with_a_message_and_kept_as_typed(
    client, binhthanh, dinhhoa, table_draft, typed, value, message
):
    client.force_login(binhthanh)
    response = save_cell(client, table_draft, typed)
    cell = stored_cell(table_draft)
    assert cell.printed == typed
    assert cell.value == value
    if message is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 422
        assert message in response.content.decode()
        # After a reload the input is there again, with its message.
        page = client.get(reverse("reports:report", args=[table_draft.pk])).content.decode()
        assert f'value="{typed}"' in page
        assert message in page
    read_everywhere(client, table_draft, binhthanh, dinhhoa)


def test_a_cell_longer_than_what_is_kept_is_refused_next_to_it_and_not_saved(
    client, binhthanh, table_draft
):
    client.force_login(binhthanh)
    save_cell(client, table_draft, "12")
    response = save_cell(client, table_draft, "1" * 101, base="12")
    assert response.status_code == 422
    body = response.content.decode()
    row, column = first_cell(table_draft)
    assert f'id="cfb-{row.pk}-{column.pk}"' in body
    assert "tối đa 100 ký tự (bạn đã nhập 101)" in body
    assert response["X-Not-Saved"] == "1"
    assert stored_cell(table_draft).printed == "12"
    # 100 characters are kept (refused as a number, with its message).
    assert save_cell(client, table_draft, "x" * 100, base="12").status_code == 422
    assert stored_cell(table_draft).printed == "x" * 100
