"""Every numeric input under random input (property-based): annex cells, table cells, files.

Whatever is typed or imported becomes a figure within the bound (15 digits, 6 after the comma)
that the database gives back exactly and that every page and export reads, or a Vietnamese
message with the input kept. The same on SQLite and PostgreSQL (run with DATABASE_URL)."""

from __future__ import annotations

import io
import os
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.numbers import (
    LARGEST,
    MAX_DECIMALS,
    MAX_DIGITS,
    NumberFormatError,
    format_number,
    parse_number,
    within_bounds,
)
from core.text import clean_text
from indicators.importers.xlsx_cells import cell_text
from indicators.models import Indicator, ValueType
from reports.models import IndicatorValue, Report, TableCellValue, User
from reports.printed_values import interpret_printed
from reports.seeding import ensure_demo_period
from reports.services.start import report_start
from reports.views.imports import SESSION_PREFIX
from tests.readers import read_everywhere

# Digits of every kind (ASCII, fullwidth, Arabic-Indic, Devanagari), separators and signs.
DIGITS = list("0123456789") * 4 + list("０１２３４５６７８９٠١٢٣٤٥٦٧٨٩०१२३")
NUMBERISH = st.text(st.sampled_from([*DIGITS, ".", ",", " ", "-", "+", "\u00a0", "e"]), max_size=30)
# Figures near the bound, written the Vietnamese way: 15 digits pass, 16 do not.
WHOLES = st.integers(-(10**22), 10**22) | st.integers(10**14, 10**16)
WRITTEN = st.one_of(
    WHOLES.map(str),
    WHOLES.map(format_number),
    st.decimals(allow_nan=False, allow_infinity=False, places=8, min_value=-(10**17),
                max_value=10**17).map(format_number),
)  # fmt: skip
ANY_TEXT = NUMBERISH | WRITTEN | st.text(max_size=40)


@st.composite
def figures(draw) -> Decimal:
    """Any figure within the bound: up to 15 digits, up to 6 of them after the comma."""
    decimals = draw(st.integers(0, MAX_DECIMALS))
    whole_digits = draw(st.integers(0, MAX_DIGITS - decimals))
    whole = draw(st.integers(0, 10**whole_digits - 1))
    fraction = draw(st.integers(0, 10**decimals - 1))
    sign = draw(st.sampled_from(["", "-"]))
    return Decimal(f"{sign}{whole}.{fraction:0{decimals}d}" if decimals else f"{sign}{whole}")


@given(ANY_TEXT)
@settings(max_examples=500)
@example("1234567890123456")
@example("９９９.９９９.９９９.９９９.９９９")
@example("١٢٣")
def test_any_text_is_a_figure_within_the_bound_or_a_vietnamese_message(text):
    try:
        value = parse_number(text)
    except NumberFormatError as error:
        assert "số" in error.message.lower()
        if error.suggestion is not None:
            assert within_bounds(error.suggestion)
        return
    if value is not None:
        assert within_bounds(value)
        assert value.as_tuple().exponent >= -MAX_DECIMALS
        assert abs(value) <= LARGEST


@given(figures())
@settings(max_examples=500)
@example(LARGEST)
@example(Decimal("-999999999.999999"))
@example(Decimal("0.000001"))
def test_every_figure_within_the_bound_is_written_and_read_back_exactly(value):
    assert within_bounds(value)
    assert parse_number(format_number(value)) == value


@pytest.mark.django_db
@given(value=figures())
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(value=LARGEST)
@example(value=-LARGEST)
@example(value=Decimal("123456789.123456"))
@example(value=Decimal("99999999999999.9"))
def test_every_figure_within_the_bound_is_stored_exactly(fuzz_reports, value):
    annex, tables = fuzz_reports
    indicator = annex.template.indicators.get(code="3.3.1")
    IndicatorValue.objects.update_or_create(
        report=annex, indicator=indicator, defaults={"value": value}
    )
    assert IndicatorValue.objects.get(report=annex, indicator=indicator).value == value
    table = tables.template.tables.get()
    row, column = table.rows.first(), table.columns.first()
    TableCellValue.objects.update_or_create(
        report=tables, row=row, column=column, defaults={"value": value}
    )
    assert TableCellValue.objects.get(report=tables, row=row, column=column).value == value


INDICATORS = [
    Indicator(code="1", name="Số", value_type=ValueType.INTEGER),
    Indicator(code="2", name="Tỷ lệ", unit="%", value_type=ValueType.PERCENT),
    Indicator(code="3", name="Tiền", value_type=ValueType.DECIMAL),
    Indicator(
        code="4",
        name="Hình thức",
        value_type=ValueType.CHOICE,
        choices=[{"value": 0, "label": "Trực tuyến"}, {"value": 1, "label": "Phát phiếu"}],
    ),
    Indicator(
        code="5",
        name="Có/không",
        value_type=ValueType.YESNO,
        choices=[{"value": 0, "label": "Không"}, {"value": 1, "label": "Có"}],
    ),
]
SPREADSHEET_CELLS = (
    st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.decimals(allow_nan=False, allow_infinity=False)
    # A workbook cannot hold XML-illegal characters: Excel never writes them.
    | ANY_TEXT.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
)


@given(st.sampled_from(INDICATORS), SPREADSHEET_CELLS)
@settings(max_examples=500)
@example(INDICATORS[0], 10**16)
@example(INDICATORS[2], 1.2345678901234567e16)
@example(INDICATORS[1], 33.333333333333336)
@example(INDICATORS[3], "12345678901234567 (khác)")
def test_any_cell_of_a_file_is_a_figure_within_the_bound_or_a_message(indicator, cell):
    printed = cell_text(cell) if not isinstance(cell, str) else cell
    try:
        meaning = interpret_printed(indicator, printed)
    except ValueError as error:
        assert str(error).strip()
        return
    if meaning.value is not None:
        assert within_bounds(meaning.value)


# Through the pages: what any typing or any file leaves behind, every page and export reads.


@pytest.fixture
def binhthanh(db) -> User:
    return User.objects.get(username="binhthanh")


@pytest.fixture
def fuzz_reports(db, clerk, binhthanh) -> tuple[Report, Report]:
    """Hoằng Kim's new report (HH-01b), Bình Thành's (DH-PL-I, with its table by field)."""
    annex = report_start(
        unit=clerk.unit, period=ensure_demo_period("2024Q4", timezone.localdate()), user=clerk
    )
    tables = report_start(
        unit=binhthanh.unit,
        period=ensure_demo_period("2024Q2", timezone.localdate()),
        user=binhthanh,
    )
    return annex, tables


# DH-PL-I's rows of each kind: a ratio, counts, money, a choice, yes/no.
CODES = ["1.1", "1.1.a", "1.1.b", "6.1.a", "1.4.2", "1.5"]
# Each example reads every page and export twice (~3 s): a few on every run, more on demand
# (CCHC_FUZZ_PAGE_EXAMPLES=100); the properties above cover the inputs themselves widely.
PAGE_SETTINGS = settings(
    max_examples=int(os.environ.get("CCHC_FUZZ_PAGE_EXAMPLES", "3")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _stored_or_said(response, saved, typed: str) -> None:
    """Saved as typed (a value or a refused input with its message), or, when it cannot even
    be kept, a message and nothing saved; a blank in a computed row or total gives it back to
    the server's figure."""
    assert response.status_code in (200, 422), response.content
    if response.get("X-Not-Saved"):
        assert "Chưa lưu" in response.content.decode()
    elif not clean_text(typed).strip() and saved is not None and saved.origin == "computed":
        return
    else:
        # Stored as the portal stores every text (core.text.clean_text).
        assert (saved.printed if saved else "") == clean_text(typed).strip()


@pytest.mark.django_db
@given(texts=st.lists(ANY_TEXT, min_size=len(CODES) + 1, max_size=len(CODES) + 1))
@PAGE_SETTINGS
@example(texts=["1e16", "9999999999999999", "١٢", "1.000.000.000.000.000", "12,1234567",
                "３", "99999999999999999999"])  # fmt: skip
def test_anything_typed_leaves_every_page_and_export_readable(
    client, fuzz_reports, binhthanh, texts
):
    _annex, report = fuzz_reports
    reviewer = User.objects.get(username="noivu.dinhhoa")
    client.force_login(binhthanh)
    for code, text in zip(CODES, texts, strict=False):
        indicator = report.template.indicators.get(code=code)
        stored = report.values.filter(indicator=indicator).first()
        response = client.post(
            reverse("reports:value_save", args=[report.pk, indicator.pk]),
            {"value": text, "base": stored.printed if stored else ""},
            HTTP_HX_REQUEST="true",
        )
        saved = report.values.filter(indicator=indicator).first()
        _stored_or_said(response, saved, text)
    table = report.template.tables.get()
    row, column = table.rows.first(), table.columns.first()
    cell = TableCellValue.objects.filter(report=report, row=row, column=column).first()
    response = client.post(
        reverse("reports:cell_save", args=[report.pk, row.pk, column.pk]),
        {"value": texts[-1], "base": cell.printed if cell else ""},
        HTTP_HX_REQUEST="true",
    )
    cell = TableCellValue.objects.filter(report=report, row=row, column=column).first()
    _stored_or_said(response, cell, texts[-1])
    for value in report.values.exclude(value=None):
        assert within_bounds(value.value)
    read_everywhere(client, report, binhthanh, reviewer)


@pytest.mark.django_db
@given(cells=st.lists(SPREADSHEET_CELLS, min_size=3, max_size=3))
@PAGE_SETTINGS
@example(cells=[10**16, 1.2345678901234567e16, "١٢"])
@example(cells=[999999999999999, 33.333333333333336, "１２"])
def test_any_imported_file_leaves_every_page_and_export_readable(
    client, fuzz_reports, clerk, reviewer, cells
):
    report, _tables = fuzz_reports
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"])
    sheet.append(["3", "Cải cách thủ tục hành chính"])
    sheet.append(["3.2.4", "Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ (Theo quy trình ISO)",
                  "%", cells[0]])  # fmt: skip
    sheet.append(["3.3.1", "Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", cells[1]])
    sheet.append(["Trong đó", "Tiếp nhận trực tiếp", "Số lượng hồ sơ", cells[2]])
    data = io.BytesIO()
    workbook.save(data)
    upload = io.BytesIO(data.getvalue())
    upload.name = "phu-luc.xlsx"
    client.force_login(clerk)
    response = client.post(reverse("imports:upload", args=[report.pk]), {"file": upload})
    assert response.status_code in (200, 422), response.content
    pending = client.session.get(SESSION_PREFIX + str(report.pk))
    if pending:
        response = client.post(
            reverse("imports:confirm", args=[report.pk]), {"token": pending["token"]}
        )
        assert response.status_code == 302
    for value in report.values.exclude(value=None):
        assert within_bounds(value.value)
    read_everywhere(client, report, clerk, reviewer)
