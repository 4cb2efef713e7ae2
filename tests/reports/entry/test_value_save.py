"""Autosaving one cell: exact values, Vietnamese writing, refusals with messages, conflicts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import IndicatorValue
from reports.workflow import transition
from tests.readers import read_everywhere
from tests.reports.entry.conftest import indicator


def save(client, report, code, typed, base="", **extra):
    row = indicator(report, code)
    return client.post(
        reverse("reports:value_save", args=[report.pk, row.pk]),
        {"value": typed, "base": base, **extra},
        HTTP_HX_REQUEST="true",
    )


def stored(report, code) -> IndicatorValue | None:
    return IndicatorValue.objects.filter(report=report, indicator__code=code).first()


def test_the_round_trip_stores_exactly_what_was_typed(clerk_client, draft):
    response = save(clerk_client, draft, "3.3.3", "1.377")
    assert response.status_code == 200
    value = stored(draft, "3.3.3")
    assert value.value == Decimal("1377")
    assert value.printed == "1.377"
    assert "Đã lưu lúc" in response.content.decode()
    page = clerk_client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    assert 'value="1.377"' in page


# (code, what is typed, the stored value, or the message the user reads)
INPUTS = [
    ("3.3.3", "729", Decimal("729"), None),
    ("3.3.3", "1.377.189", Decimal("1377189"), None),
    ("3.3.3", "2 590 755", Decimal("2590755"), None),
    ("3.3.3", "01", Decimal("1"), None),
    ("3.3.3", " 42 ", Decimal("42"), None),
    ("3.3.3", "0", Decimal("0"), None),
    ("3.3.3", "128 TTHC", None, "Có phải ý bạn là 128?"),
    ("3.3.3", "Có", None, "không phải là một số"),
    ("3.3.3", "-5", None, "không được âm"),
    ("3.3.3", "12,5", None, "nhập số nguyên"),
    ("3.3.3", "hơn 500", None, "không phải là một số"),
    ("3.3.3", "12 5", None, "Có phải ý bạn là 12?"),
    ("3.2.4", "81,95", Decimal("81.95"), None),
    ("3.2.4", "100", Decimal("100"), None),
    ("3.2.4", "87.5", Decimal("87.5"), None),
    ("3.2.4", "100,5", None, "không được vượt quá 100%"),
    ("3.2.4", "93,88 (322-343 HS)", None, "Có phải ý bạn là 93,88?"),
    ("1.4.2", "2", Decimal("2"), None),
    ("1.4.2", "Kết hợp", Decimal("2"), None),
    ("1.4.2", "3", None, "không có trong danh sách: Trực tuyến = 0, Phát phiếu = 1, Kết hợp = 2"),
    ("1.5", "1", Decimal("1"), None),
    ("1.5", "có", Decimal("1"), None),
    ("1.5", "2", None, "không có trong danh sách"),
    ("7.2.2.a", "99,9", Decimal("99.9"), None),
    # One bound for every figure: 15 digits, 6 of them after the comma (what SQLite keeps).
    ("3.3.3", "999.999.999.999.999", Decimal("999999999999999"), None),
    ("3.3.3", "1.000.000.000.000.000", None, "Số quá lớn"),
    ("3.3.3", "1234567890123456", None, "Số quá lớn"),
    ("3.3.3", "99999999999999999999999", None, "Số quá lớn"),
    ("3.2.4", "33,333333", Decimal("33.333333"), None),
    ("3.2.4", "33,3333333", None, "Số quá dài"),
    # Digits are 0–9; fullwidth ones are the same digits, other scripts' are refused.
    ("3.3.3", "１２３", Decimal("123"), None),
    ("3.3.3", "١٢٣", None, "0–9"),
]


@pytest.mark.parametrize(("code", "typed", "value", "message"), INPUTS)
def test_each_input_is_stored_or_refused_with_a_message(
    clerk_client, draft, code, typed, value, message
):
    # Some rows start from last period's figure: the page shows it, and sends it as the base.
    shown = stored(draft, code)
    response = save(clerk_client, draft, code, typed, base=shown.printed if shown else "")
    row = stored(draft, code)
    # Nothing typed is lost: a refused input is kept as typed, without a value.
    assert row.printed == typed.strip()
    if message is None:
        assert response.status_code == 200
        assert row.value == value
    else:
        assert response.status_code == 422
        assert row.value is None
        assert message in response.content.decode()


def test_a_refused_input_comes_back_with_its_message_after_a_reload(clerk_client, draft):
    save(clerk_client, draft, "3.3.3", "128 TTHC")
    page = clerk_client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    assert 'value="128 TTHC"' in page
    assert "Có phải ý bạn là 128?" in page


def test_a_blank_clears_the_value(clerk_client, draft):
    save(clerk_client, draft, "3.3.3", "729")
    save(clerk_client, draft, "3.3.3", "", base="729")
    assert stored(draft, "3.3.3").value is None


def test_a_draft_that_breaks_the_rules_is_saved_all_the_same(clerk_client, draft):
    # 5 issues settled out of 2 found breaks a rule of the template: a check's matter, not
    # a saving one.
    for code, typed in [("1.2.2", "2"), ("1.2.3", "5")]:
        assert save(clerk_client, draft, code, typed).status_code == 200
    assert stored(draft, "1.2.3").value == 5


def test_every_save_bumps_the_report_version_and_is_recorded(clerk_client, draft, clerk):
    before = draft.version
    save(clerk_client, draft, "3.3.3", "729")
    save(clerk_client, draft, "3.3.3", "730", base="729")
    draft.refresh_from_db()
    assert draft.version == before + 2
    history = stored(draft, "3.3.3").history.order_by("history_date")
    assert [h.printed for h in history] == ["729", "730"]
    assert all(h.history_user == clerk for h in history)


def test_two_editors_of_one_cell_never_overwrite_each_other_silently(
    client, clerk_client, draft, colleague
):
    # Both opened the report when 3.3.3 was empty; the colleague saves first.
    client.force_login(colleague)
    assert save(client, draft, "3.3.3", "730", base="").status_code == 200
    response = save(clerk_client, draft, "3.3.3", "729", base="")
    assert response.status_code == 409
    page = response.content.decode()
    assert "730" in page and "729" in page
    assert "Giữ giá trị của tôi" in page and "Dùng giá trị mới" in page
    assert stored(draft, "3.3.3").value == 730
    # The clerk chooses to keep theirs: now it is saved, and both versions are in the history.
    assert save(clerk_client, draft, "3.3.3", "729", force="true").status_code == 200
    assert stored(draft, "3.3.3").value == 729
    assert [h.printed for h in stored(draft, "3.3.3").history.order_by("history_date")] == [
        "730",
        "729",
    ]


def test_saving_the_value_already_stored_is_not_a_conflict(client, clerk_client, draft, colleague):
    client.force_login(colleague)
    save(client, draft, "3.3.3", "729")
    assert save(clerk_client, draft, "3.3.3", "729", base="").status_code == 200


def test_confirming_a_carried_over_value_keeps_it(clerk_client, draft):
    row = indicator(draft, "3.1.3")
    response = clerk_client.post(
        reverse("reports:value_confirm", args=[draft.pk, row.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    value = stored(draft, "3.1.3")
    assert (value.value, value.prefilled) == (217, False)


def test_typing_over_a_carried_over_value_confirms_it(clerk_client, draft):
    save(clerk_client, draft, "3.1.3", "220", base="217")
    assert stored(draft, "3.1.3").prefilled is False


def test_a_submitted_report_cannot_be_edited_by_the_commune(clerk_client, draft, clerk):
    transition(draft, "submitted", by=clerk)
    response = save(clerk_client, draft, "3.3.3", "729")
    assert response.status_code == 403
    assert stored(draft, "3.3.3") is None
    page = clerk_client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    assert "chỉ xem, không sửa được" in page


def test_an_expired_session_answers_htmx_with_401_and_keeps_nothing_half_done(client, draft):
    response = save(client, draft, "3.3.3", "729")
    assert response.status_code == 401
    assert "Phiên đăng nhập đã hết hạn" in response.content.decode()
    assert stored(draft, "3.3.3") is None


def test_a_row_of_another_template_is_not_found(clerk_client, draft, seed_report):
    foreign = seed_report("5605/2024Q1").template.indicators.get(code="3.1.3")
    response = clerk_client.post(
        reverse("reports:value_save", args=[draft.pk, foreign.pk]), {"value": "1"}
    )
    assert response.status_code == 404


def test_a_save_announces_stale_checks_and_the_panel_brings_them_back(clerk_client, draft):
    response = save(clerk_client, draft, "1.2.2", "2")
    assert response["HX-Trigger"] == "findings-stale"
    save(clerk_client, draft, "1.2.3", "5")
    panel = clerk_client.get(
        reverse("reports:report_findings", args=[draft.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    row = draft.template.indicators.get(code="1.2.3")
    assert 'id="findings-summary"' in panel
    # Every row's findings come back out of band: 5 issues settled out of 2 found.
    block = panel.split(f'id="rf-{row.pk}"')[1].split("</div>\n                  </div>")[0]
    assert 'hx-swap-oob="true"' in block
    assert "1.2.3" in block and "vấn đề" in block


def test_an_outsider_gets_no_findings(client, draft, outsider):
    client.force_login(outsider)
    assert client.get(reverse("reports:report_findings", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("typed", ["1.000.000.000.000.000", "9999999999999999", "1e16"])
def test_a_refused_huge_number_leaves_every_page_and_export_readable(
    client, clerk, reviewer, draft, typed
):
    client.force_login(clerk)
    response = save(client, draft, "3.3.3", typed)
    assert response.status_code == 422
    assert stored(draft, "3.3.3").printed == typed
    page = client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    assert f'value="{typed}"' in page
    read_everywhere(client, draft, clerk, reviewer)


def test_the_largest_number_is_stored_and_printed_exactly_everywhere(
    client, clerk, reviewer, draft
):
    client.force_login(clerk)
    assert save(client, draft, "3.3.3", "999.999.999.999.999").status_code == 200
    assert save(client, draft, "3.2.4", "12,345678", base="100").status_code == 200
    assert stored(draft, "3.3.3").value == Decimal("999999999999999")
    assert stored(draft, "3.2.4").value == Decimal("12.345678")
    page = client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    assert 'value="999.999.999.999.999"' in page
    assert 'value="12,345678"' in page
    read_everywhere(client, draft, clerk, reviewer)


@pytest.mark.parametrize(("typed", "message"), [("1" * 201, "tối đa 200 ký tự (bạn đã nhập 201)")])
def test_what_cannot_even_be_kept_is_refused_next_to_the_field_and_not_saved(
    clerk_client, draft, typed, message
):
    save(clerk_client, draft, "3.3.3", "729")
    response = save(clerk_client, draft, "3.3.3", typed, base="729")
    assert response.status_code == 422
    body = response.content.decode()
    row = indicator(draft, "3.3.3")
    assert f'id="fb-{row.pk}"' in body
    assert message in body and "Chưa lưu" in body
    # The page keeps its copy of the field: the server has not got it.
    assert response["X-Not-Saved"] == "1"
    assert "Đã lưu lúc" not in body
    assert stored(draft, "3.3.3").printed == "729"


def test_a_nul_character_pasted_into_a_cell_is_dropped_as_every_control_character(
    clerk_client, draft
):
    # Text is cleaned where it enters (core.text.clean_text): the figure around it is kept.
    response = save(clerk_client, draft, "3.3.3", "12\x0034")
    assert response.status_code == 200
    assert stored(draft, "3.3.3").printed == "1234"
    assert stored(draft, "3.3.3").value == Decimal(1234)
