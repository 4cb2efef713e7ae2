"""Any input gives a clear message or a stored value, never a crash (property-based)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.numbers import NumberFormatError, format_number, parse_number
from core.text import clean_text
from indicators.models import Indicator, ValueType
from reports.typed_values import parse_typed

# Digits, separators, signs, letters with Vietnamese diacritics, spaces, formulas, control chars.
ALPHABET = st.sampled_from(list("0123456789.,  -+=@()%/ \u00a0abcTHCđĐơưăáàảãạỳ\t\n'\"<>;"))
TYPED = st.text(ALPHABET, max_size=30) | st.text(max_size=30)


@given(TYPED)
@settings(max_examples=400)
def test_the_number_parser_returns_a_number_or_a_vietnamese_message(text):
    try:
        value = parse_number(text)
    except NumberFormatError as error:
        assert error.message
        assert "số" in error.message
    else:
        assert value is None or isinstance(value, Decimal)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**12,
                   max_value=10**12))  # fmt: skip
@settings(max_examples=300)
def test_what_the_portal_writes_it_reads_back(value):
    assert parse_number(format_number(value)) == value


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
    Indicator(code="6", name="Ghi chú", value_type=ValueType.TEXT),
]


@given(st.sampled_from(INDICATORS), TYPED)
@settings(max_examples=400)
def test_every_cell_accepts_or_refuses_with_a_message(indicator, text):
    typed = parse_typed(indicator, text)
    assert typed.raw == text.strip()
    if typed.error:
        assert typed.value is None
    elif typed.value is not None:
        assert typed.value >= 0
        if indicator.value_type == ValueType.PERCENT:
            assert typed.value <= 100
        if indicator.is_coded:
            assert typed.value in indicator.allowed_values


@pytest.mark.django_db
@given(code=st.sampled_from(["3.3.3", "3.2.4", "1.4.2", "1.5", "3.3.1.a"]), text=TYPED)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(code="3.3.3", text="9999999999999999")
@example(code="3.3.3", text="1.000.000.000.000.000")
@example(code="3.2.4", text="12\x0034")
def test_the_form_post_never_fails(client, draft_for_fuzz, code, text):
    report = draft_for_fuzz
    row = report.template.indicators.get(code=code)
    stored = report.values.filter(indicator=row).first()
    # 3.3.1 is computed: the commune's own figure comes with its reason.
    response = client.post(
        reverse("reports:value_save", args=[report.pk, row.pk]),
        {"value": text, "base": stored.printed if stored else "", "override_reason": "Theo sổ"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code in (200, 422), response.content
    if response.get("X-Not-Saved"):
        # What cannot even be kept is refused with a message, nothing saved.
        assert "Chưa lưu" in response.content.decode()
    elif row.is_computed and not clean_text(text).strip():
        # A blank gives a computed row back to its formula: nothing of the commune's stays.
        assert not report.values.filter(indicator=row).exclude(origin="computed").exists()
    else:
        # Nothing typed is lost: it is stored as the portal stores every text (control
        # characters dropped or made new lines, composed form; see core.text.clean_text).
        assert report.values.get(indicator=row).printed == clean_text(text).strip()
