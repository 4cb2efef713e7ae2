"""The form says where each figure comes from (issue #15): computed rows are read-only and
computed on the server, a figure typed over one needs a reason the reviewer reads, figures
carried or derived from another report are marked with their source and confirmed by row or by
part of the annex, and a last report more than a year old is offered, never used silently."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import IndicatorValue, TableCellValue
from reports.seeding import ensure_demo_period
from reports.services.start import report_start
from reports.workflow import transition
from tests.reports.entry.conftest import indicator
from tests.reports.entry.test_report_form import MAX_QUERIES
from tests.reports.entry.test_value_save import save, stored

PARTS = [("3.3.1.a", "10"), ("3.3.1.b", "2"), ("3.3.1.c", "421"), ("3.3.1.d", "296")]
REASON = "Số liệu theo phần mềm một cửa, có 71 hồ sơ liên thông chưa tách theo hình thức."


def page_of(client, report) -> str:
    return client.get(reverse("reports:report", args=[report.pk])).content.decode()


def row_html(page: str, code: str) -> str:
    return page.split(f'<tr id="row-{code}"')[1].split("</tr>")[0]


def type_parts(client, report) -> None:
    for code, typed in PARTS:
        assert save(client, report, code, typed).status_code == 200


def oob(body: str, element_id: str) -> str:
    """The out-of-band element of a save's answer with this id (its opening tag onwards)."""
    start = body.index(f'id="{element_id}"')
    assert 'hx-swap-oob="true"' in body[start : body.index(">", start)]
    return body[start:]


# --- computed rows ----------------------------------------------------------------------------


def test_a_computed_row_is_read_only_marked_with_its_formula(clerk_client, draft):
    type_parts(clerk_client, draft)
    row = row_html(page_of(clerk_client, draft), "3.3.1")
    assert 'value="729"' in row and "readonly" in row
    assert '<span class="badge origin-computed">Tự tính</span>' in row
    assert "= 3.3.1.a + 3.3.1.b + 3.3.1.c + 3.3.1.d" in row
    assert "Sửa số (ghi lý do)" in row
    assert 'name="override_reason"' in row
    # A row the official types is not marked so.
    part = row_html(page_of(clerk_client, draft), "3.3.1.a")
    assert "Tự tính" not in part and "readonly" not in part


def test_typing_over_a_computed_figure_without_a_reason_is_refused_and_kept(clerk_client, draft):
    type_parts(clerk_client, draft)
    response = save(clerk_client, draft, "3.3.1", "800", base="729")
    assert response.status_code == 422
    body = response.content.decode()
    row = indicator(draft, "3.3.1")
    assert f'id="fb-{row.pk}"' in body
    assert "được tính tự động theo công thức 3.3.1.a + 3.3.1.b" in body
    assert "hãy ghi lý do sửa số" in body
    assert "Chưa lưu số “800” (vẫn giữ trên trang)" in body
    # Nothing stored: the page keeps the figure and the reason box as typed.
    assert response["X-Not-Saved"] == "1"
    value = stored(draft, "3.3.1")
    assert (value.value, value.origin) == (729, "computed")


def test_a_figure_typed_over_a_computed_one_is_stored_with_its_reason(clerk_client, draft):
    type_parts(clerk_client, draft)
    response = save(clerk_client, draft, "3.3.1", "800", base="729", override_reason=REASON)
    assert response.status_code == 200
    value = stored(draft, "3.3.1")
    assert (value.value, value.origin, value.override_reason) == (800, "typed", REASON)
    body = response.content.decode()
    assert f"Số của đơn vị (khác số tự tính 729): lý do “{REASON}”" in body
    # The form shows it so after a reload: the commune's figure, open to change, with its reason.
    row = row_html(page_of(clerk_client, draft), "3.3.1")
    assert 'value="800"' in row and "readonly" not in row.split("<textarea")[0]
    assert "Số của đơn vị (khác số tự tính 729)" in row
    assert f">{REASON}</textarea>" in row
    assert "Dùng lại số tự tính" in row
    # A part changes: the formula gives another figure, the commune's stays.
    response = save(clerk_client, draft, "3.3.1.a", "81", base="10")
    assert stored(draft, "3.3.1").value == 800
    fb = oob(response.content.decode(), f"fb-{indicator(draft, '3.3.1').pk}")
    assert "khác số tự tính 800" not in fb  # 81 + 2 + 421 + 296 = 800: now it agrees
    assert "Số của đơn vị (bằng số tự tính 800)" in fb


def test_the_reason_is_checked_for_length_and_nothing_is_saved_above_it(clerk_client, draft):
    type_parts(clerk_client, draft)
    response = save(clerk_client, draft, "3.3.1", "800", base="729", override_reason="x" * 5001)
    assert response.status_code == 422
    assert response["X-Not-Saved"] == "1"
    assert "5.000" in response.content.decode()
    assert stored(draft, "3.3.1").origin == "computed"


def test_a_blank_gives_the_row_back_to_its_formula_and_the_answer_shows_it(clerk_client, draft):
    type_parts(clerk_client, draft)
    save(clerk_client, draft, "3.3.1", "800", base="729", override_reason=REASON)
    response = save(clerk_client, draft, "3.3.1", "", base="800", override_reason=REASON)
    assert response.status_code == 200
    value = stored(draft, "3.3.1")
    assert (value.value, value.origin, value.override_reason) == (729, "computed", "")
    body = response.content.decode()
    pk = indicator(draft, "3.3.1").pk
    box = oob(body, f"v-{pk}")
    assert 'value="729"' in box.split("</div>")[0] and "readonly" in box.split("</div>")[0]
    assert "Tự tính" in body and "Số của đơn vị" not in body


def test_a_save_brings_back_the_rows_it_recomputed(clerk_client, draft):
    response = save(clerk_client, draft, "3.3.1.a", "10")
    assert response.status_code == 200
    body = response.content.decode()
    total = indicator(draft, "3.3.1").pk
    # 3.3.1 = 10 now: its input and its marks come back out of band …
    box = oob(body, f"v-{total}")
    assert 'value="10"' in box.split("</div>")[0]
    assert "Tự tính" in oob(body, f"fb-{total}").split("</div>")[0]
    # … and nothing else: the row saved answers in place, 3.2 did not change.
    assert f'id="v-{indicator(draft, "3.3.1.a").pk}"' not in body
    assert f'id="v-{indicator(draft, "3.2").pk}"' not in body


def test_the_reviewer_sees_the_figure_typed_over_a_computed_one_with_its_reason(
    client, clerk, clerk_client, reviewer, draft
):
    type_parts(clerk_client, draft)
    save(clerk_client, draft, "3.3.1", "800", base="729", override_reason=REASON)
    transition(draft, "submitted", by=clerk)
    client.force_login(reviewer)
    page = page_of(client, draft)
    review = page.split('id="pane-review"')[1]
    overrides = review.split('class="table table-sm w-auto overrides"')[1].split("</table>")[0]
    assert "3.3.1 Số lượng hồ sơ đã tiếp nhận" in overrides
    assert '<td class="num">729</td>' in overrides  # computed
    assert '<td class="num">800</td>' in overrides  # the commune's
    assert REASON in overrides
    # The figures carried from quarter III, with their source and whether they were confirmed.
    carried = review.split('class="mb-3 carried-figures"')[1].split("</table>")[0]
    assert "3.1.3 Tổng số TTHC đang áp dụng" in carried
    assert '<span class="badge origin-carried">Từ báo cáo quý III/2024</span>' in carried
    assert "<td>Chưa</td>" in carried
    # The read-only annex says it too, without a button to change anything.
    row = row_html(page, "3.3.1")
    assert "Số của đơn vị (khác số tự tính 729)" in row
    value = row.split('<td class="value">')[1].split("</td>")[0]
    assert 'value="800"' in value and "disabled" in value
    assert "Dùng lại số tự tính" not in row and "hx-post" not in value


# --- carried and derived figures -----------------------------------------------------------------


def test_carried_and_derived_figures_are_marked_differently_in_words(clerk_client, draft):
    IndicatorValue.objects.filter(report=draft, indicator__code="3.1.3").update(
        origin="derived", source="Tồn cuối kỳ trước, báo cáo quý III/2024"
    )
    page = page_of(clerk_client, draft)
    carried = row_html(page, "4.1")
    assert '<span class="badge origin-carried">Từ báo cáo quý III/2024</span>' in carried
    derived = row_html(page, "3.1.3")
    assert (
        '<span class="badge origin-derived">Suy ra: Tồn cuối kỳ trước, báo cáo quý III/2024</span>'
        in derived
    )
    assert ">Xác nhận</button>" in carried and ">Xác nhận</button>" in derived


def test_a_confirmed_figure_still_says_where_it_comes_from(clerk_client, draft):
    row = indicator(draft, "4.1")
    clerk_client.post(reverse("reports:value_confirm", args=[draft.pk, row.pk]))
    shown = row_html(page_of(clerk_client, draft), "4.1")
    assert "Từ báo cáo quý III/2024 (đã xác nhận)" in shown
    assert ">Xác nhận</button>" not in shown


def test_confirming_a_row_brings_its_input_back_unmarked(clerk_client, draft):
    row = indicator(draft, "3.1.3")
    response = clerk_client.post(
        reverse("reports:value_confirm", args=[draft.pk, row.pk]), HTTP_HX_REQUEST="true"
    )
    box = oob(response.content.decode(), f"v-{row.pk}").split("</div>")[0]
    assert 'value="217"' in box and "prefilled" not in box


def section_confirm(client, report, code):
    return client.post(
        reverse("reports:section_confirm", args=[report.pk, code]), HTTP_HX_REQUEST="true"
    )


def test_a_part_of_the_annex_is_confirmed_in_one_click(clerk_client, draft):
    page = page_of(clerk_client, draft)
    # Part 3 waits on 3.1, 3.1.3, 3.2 and 3.2.1–3.2.5; part 4 on 4.1–4.3.
    assert "Xác nhận cả mục (6 số liệu)" in page
    assert "Xác nhận cả mục (3 số liệu)" in page
    response = section_confirm(clerk_client, draft, "3")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đã xác nhận 6 số liệu" in body
    assert response["HX-Trigger"] == "findings-stale"
    waiting = set(
        IndicatorValue.objects.filter(report=draft, prefilled=True).values_list(
            "indicator__code", flat=True
        )
    )
    assert not {code for code in waiting if code.startswith("3.")}
    assert {"4.1", "4.2", "4.3", "1.1.1"} <= waiting
    # The part's rows come back confirmed, out of band; the others are not touched.
    fb = oob(body, f"fb-{indicator(draft, '3.1.3').pk}").split('class="row-findings"')[0]
    assert "(đã xác nhận)" in fb and ">Xác nhận</button>" not in fb
    assert f'id="fb-{indicator(draft, "4.1").pk}"' not in body
    page = page_of(clerk_client, draft)
    part_3 = page.split("Cải cách thủ tục hành chính")[1].split("</tr>")[0]
    assert "Xác nhận cả mục" not in part_3
    assert "Xác nhận cả mục (3 số liệu)" in page


def test_a_part_is_not_confirmed_on_a_sent_report(clerk_client, clerk, draft):
    transition(draft, "submitted", by=clerk)
    response = section_confirm(clerk_client, draft, "3")
    assert response.status_code == 403
    assert "đã gửi" in response.content.decode()
    assert IndicatorValue.objects.get(report=draft, indicator__code="3.1.3").prefilled
    assert "Xác nhận cả mục" not in page_of(clerk_client, draft)


@pytest.mark.parametrize("who", ["outsider", "reviewer"])
def test_a_part_is_confirmed_only_by_the_commune_s_own_staff(client, draft, who, request):
    client.force_login(request.getfixturevalue(who))
    response = section_confirm(client, draft, "3")
    assert response.status_code == (404 if who == "outsider" else 403)
    assert IndicatorValue.objects.get(report=draft, indicator__code="3.1.3").prefilled


def test_a_part_of_another_template_is_not_found(clerk_client, draft):
    assert section_confirm(clerk_client, draft, "99").status_code == 404


# --- a last report more than a year old -------------------------------------------------------


@pytest.fixture
def quy_q4(db, django_user_model):
    """Hoằng Quỳ's quarter IV 2024: its last report is quarter I 2022."""
    user = django_user_model.objects.get(username="hoangquy")
    period = ensure_demo_period("2024Q4", timezone.localdate())
    return report_start(unit=user.unit, period=period, user=user)


def test_an_old_report_is_offered_and_used_only_when_asked(
    client, quy_q4, django_assert_max_num_queries
):
    client.force_login(quy_q4.unit.users.get())
    with django_assert_max_num_queries(MAX_QUERIES):
        page = page_of(client, quy_q4)
    assert (
        "Báo cáo gần nhất của đơn vị là quý I/2022 (cũ hơn một năm) — chưa dùng để điền sẵn."
        in page
    )
    assert "Điền sẵn từ báo cáo quý I/2022" in page
    assert not quy_q4.values.exclude(origin="computed").exists()
    version = quy_q4.version
    response = client.post(reverse("reports:prefill_old", args=[quy_q4.pk]), follow=True)
    assert response.redirect_chain[-1][0] == quy_q4.get_absolute_url()
    page = response.content.decode()
    assert "Đã điền sẵn" in page and "từ báo cáo quý I/2022" in page
    assert "chưa dùng để điền sẵn" not in page
    row = row_html(page, "3.1.3")
    assert 'value="212"' in row
    assert '<span class="badge origin-carried">Từ báo cáo quý I/2022 (cũ hơn một năm)</span>' in row
    quy_q4.refresh_from_db()
    assert quy_q4.version > version
    # Asked twice (a second tab): nothing more is filled.
    count = quy_q4.values.count()
    response = client.post(reverse("reports:prefill_old", args=[quy_q4.pk]), follow=True)
    assert "Không còn báo cáo cũ" in response.content.decode()
    assert quy_q4.values.count() == count


def test_an_old_report_is_not_offered_once_the_official_has_typed(client, quy_q4):
    client.force_login(quy_q4.unit.users.get())
    save(client, quy_q4, "3.3.3", "5")
    assert "chưa dùng để điền sẵn" not in page_of(client, quy_q4)


def test_the_old_report_is_not_used_on_a_sent_report(client, quy_q4):
    user = quy_q4.unit.users.get()
    transition(quy_q4, "submitted", by=user)
    client.force_login(user)
    assert "chưa dùng để điền sẵn" not in page_of(client, quy_q4)
    response = client.post(reverse("reports:prefill_old", args=[quy_q4.pk]))
    assert response.status_code == 403
    assert not quy_q4.values.exclude(origin="computed").exists()


# --- the table by field ---------------------------------------------------------------------


@pytest.fixture
def thanh_q2(db, django_user_model):
    """Bình Thành's quarter II 2024 (DH-PL-I, with its table by field)."""
    user = django_user_model.objects.get(username="binhthanh")
    period = ensure_demo_period("2024Q2", timezone.localdate())
    return report_start(unit=user.unit, period=period, user=user)


def grid_save(client, report, row_code, column_code, typed, base=""):
    row = report.template.tables.get().rows.get(code=row_code)
    column = report.template.tables.get().columns.get(code=column_code)
    return client.post(
        reverse("reports:cell_save", args=[report.pk, row.pk, column.pk]),
        {"value": typed, "base": base},
        HTTP_HX_REQUEST="true",
    )


def test_the_total_row_is_added_up_on_the_server_and_comes_back_with_each_save(client, thanh_q2):
    client.force_login(thanh_q2.unit.users.get())
    assert grid_save(client, thanh_q2, "ho-tich", "pending", "12").status_code == 200
    response = grid_save(client, thanh_q2, "dat-dai", "pending", "5")
    table = thanh_q2.template.tables.get()
    total = table.rows.get(is_total=True)
    column = table.columns.get(code="pending")
    stored_total = TableCellValue.objects.get(report=thanh_q2, row=total, column=column)
    assert (stored_total.value, stored_total.origin) == (17, "computed")
    box = oob(response.content.decode(), f"gv-{total.pk}-{column.pk}").split("</div>")[0]
    assert 'value="17"' in box and "readonly" in box and "hx-post" not in box
    page = page_of(client, thanh_q2)
    row = page.split('<tr class="total-row fw-bold" data-row="tong-cong">')[1].split("</tr>")[0]
    assert '<span class="badge origin-computed">Tự tính</span>' in row
    assert row.count('data-computed="1" readonly') == table.columns.count()
    assert "(tự tính)" in row


def test_a_total_the_commune_imported_is_given_back_to_the_sum_with_a_blank(client, thanh_q2):
    client.force_login(thanh_q2.unit.users.get())
    table = thanh_q2.template.tables.get()
    total = table.rows.get(is_total=True)
    column = table.columns.get(code="pending")
    grid_save(client, thanh_q2, "ho-tich", "pending", "12")
    TableCellValue.objects.filter(report=thanh_q2, row=total, column=column).update(
        value=Decimal(20), printed="20", origin="imported"
    )
    page = page_of(client, thanh_q2)
    cell = page.split(f'id="cell-{total.pk}-{column.pk}"')[1].split(">")[0]
    assert "readonly" not in cell and "xóa để tự tính" in cell
    assert grid_save(client, thanh_q2, "tong-cong", "pending", "", base="20").status_code == 200
    stored_total = TableCellValue.objects.get(report=thanh_q2, row=total, column=column)
    assert (stored_total.value, stored_total.origin) == (12, "computed")


def test_cells_carried_from_last_period_say_where_they_come_from(client, thanh_q2):
    waiting = TableCellValue.objects.filter(report=thanh_q2, prefilled=True)
    assert waiting.exists()
    client.force_login(thanh_q2.unit.users.get())
    page = page_of(client, thanh_q2)
    source = waiting.first().source
    assert f'<span class="badge origin-derived">Suy ra: {source}</span>' in page
    assert f"({source}, chờ xác nhận)" in page
