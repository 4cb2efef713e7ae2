"""The row form's kinds, formulas and derivations (issue #15): the kind chosen among four, each
said by what the official does; a formula built by picking rows (``row_editor.js``), refused
when it goes round in a cycle; the source row of a derivation picked among the template's rows;
the formula tried on a real report without saving; the tree showing each row's kind. The
browser test (``tests/browser/test_row_formula.py``) builds a formula with the builder."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from indicators.models import IndicatorTemplate
from reports.models import Report, ReportStatus, User

from .conftest import row

# The "Trong đó" rows of 3.3.1 in Hoằng Hóa's 01b, added up as the builder writes them.
PARTS_331 = "[3.3.1.a] + [3.3.1.b] + [3.3.1.c] + [3.3.1.d]"


def edit_url(template: IndicatorTemplate, code: str) -> str:
    return reverse("template_admin:row_edit", args=[template.pk, row(template, code).pk])


def trial_url(template: IndicatorTemplate, code: str) -> str:
    return reverse("template_admin:row_formula_trial", args=[template.pk, row(template, code).pk])


def posted(template: IndicatorTemplate, code: str, **changes) -> dict:
    """The row form as its page sends it, with ``changes``."""
    target = row(template, code)
    data = {
        "name": target.name,
        "printed_code": target.printed_code,
        "unit": target.unit,
        "value_type": target.value_type,
        "aggregation": target.aggregation,
        "formula": target.formula,
        "kind": target.kind,
        "derivation": target.derivation,
        "derive_from": target.derive_from,
        "on_merge": target.on_merge,
        "tags": target.tags,
    }
    for name in ("is_breakdown", "parts_sum_to_total"):
        if getattr(target, name):
            data[name] = "on"
    data.update(changes)
    return data


def _select(page: str, select_id: str) -> list[tuple[str, str]]:
    found = re.search(rf'<select[^>]*id="{select_id}"[^>]*>.*?</select>', page, re.S)
    assert found, select_id
    return re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', found.group(0), re.S)


# The form --------------------------------------------------------------------------------------


def test_each_kind_is_offered_with_what_the_official_does(template_admin_client, draft):
    page = template_admin_client.get(edit_url(draft, "3.3.3")).content.decode()
    for title, help_text in [
        ("Phát sinh trong kỳ", "Cán bộ xã nhập mới mỗi kỳ."),
        ("Số tại thời điểm báo cáo", "Chuyển từ kỳ trước, cán bộ xã xác nhận hoặc sửa."),
        ("Ít thay đổi", "Chuyển từ kỳ trước, cán bộ xã xác nhận."),
        ("Tự tính", "Cán bộ xã không nhập: cổng tự tính theo công thức bên dưới."),
    ]:
        assert f">{title}</label>" in page
        assert help_text in page
    assert page.count('type="radio" class="form-check-input" name="kind"') == 4
    assert re.search(r'name="kind" value="flow" id="id_kind_0"[^>]*checked', page)


def test_the_builder_offers_the_row_s_trong_do_rows_and_every_figure(template_admin_client, draft):
    page = template_admin_client.get(edit_url(draft, "3.3.1")).content.decode()
    assert '<script src="/static/js/row_editor.js"></script>' in page
    builder = re.search(r'<div class="formula-builder[^>]*>', page)
    assert builder and "hidden" in builder.group(0)
    assert [code for code, _ in _select(page, "formula-parts")] == [
        "3.3.1.a",
        "3.3.1.b",
        "3.3.1.c",
        "3.3.1.d",
    ]
    numbers = dict(_select(page, "formula-numerator"))
    assert numbers["3.3.1.a"] == "3.3.1.a — Tiếp nhận trực tiếp"
    assert "3.3.1" not in numbers  # the row itself
    assert "1.2" not in numbers  # a heading has no figure
    # Only the formula text is sent: no builder control has a name.
    for control in re.findall(r"<select[^>]*data-role=[^>]*>", page):
        assert " name=" not in control, control


def test_derive_from_lists_the_template_s_rows_by_code_and_name(template_admin_client, draft):
    page = template_admin_client.get(edit_url(draft, "3.3.3")).content.decode()
    sources = _select(page, "id_derive_from")
    assert sources[0] == ("", "— chọn chỉ tiêu nguồn —")
    assert ("3.3.1", "3.3.1 — Số lượng hồ sơ đã tiếp nhận") in sources
    codes = [code for code, _ in sources]
    assert "3.3.3" not in codes  # not the row itself
    assert "1.2" not in codes  # a heading has no value to derive from


def test_kind_formula_and_derivation_are_saved(template_admin_client, draft):
    response = template_admin_client.post(
        edit_url(draft, "3.3.3"),
        posted(
            draft,
            "3.3.3",
            kind="computed",
            formula="ROUND([3.3.1.c] / [3.3.1] * 100, 2)",
            derivation="",
            on_merge="none",
        ),
    )
    assert response.status_code == 302
    target = row(draft, "3.3.3")
    assert (target.kind, target.formula, target.on_merge) == (
        "computed",
        "ROUND([3.3.1.c] / [3.3.1] * 100, 2)",
        "none",
    )
    response = template_admin_client.post(
        edit_url(draft, "3.3.2.a"),
        posted(draft, "3.3.2.a", derivation="cumulative", derive_from="3.3.1.a"),
    )
    assert response.status_code == 302
    target = row(draft, "3.3.2.a")
    assert (target.derivation, target.derive_from) == ("cumulative", "3.3.1.a")
    # Without a derivation, no source is kept (the page hides it).
    response = template_admin_client.post(
        edit_url(draft, "3.3.2.a"), posted(draft, "3.3.2.a", derivation="")
    )
    assert response.status_code == 302
    assert row(draft, "3.3.2.a").derive_from == ""


def test_a_formula_reading_its_own_row_is_refused(template_admin_client, draft):
    response = template_admin_client.post(
        edit_url(draft, "3.3.1"), posted(draft, "3.3.1", formula="[3.3.1] + [3.3.1.a]")
    )
    assert response.status_code == 422
    assert "Công thức không được đọc chính chỉ tiêu 3.3.1." in response.content.decode()


def test_a_formula_going_round_through_another_computed_row_is_refused(
    template_admin_client, draft
):
    # 3.3 is computed as [3.3.1] (the group row repeats its main count): 3.3.1 computed from
    # 3.3 would go round.
    response = template_admin_client.post(
        edit_url(draft, "3.3.1"), posted(draft, "3.3.1", kind="computed", formula="[3.3] - 1")
    )
    assert response.status_code == 422
    assert "Công thức tạo vòng lặp: 3.3.1 → 3.3 → 3.3.1." in response.content.decode()
    assert row(draft, "3.3.1").formula == "[3.3.1.a] + [3.3.1.b] + [3.3.1.c] + [3.3.1.d]"
    # The same formula on a row typed each period reads 3.3 without computing itself.
    response = template_admin_client.post(
        edit_url(draft, "3.3.1"), posted(draft, "3.3.1", kind="flow", formula="[3.3] - 1")
    )
    assert response.status_code == 302


def test_a_sum_of_the_children_is_no_cycle_but_a_child_reading_it_back_is(
    template_admin_client, draft
):
    response = template_admin_client.post(
        edit_url(draft, "3.3.1"), posted(draft, "3.3.1", formula="SUM_CHILDREN([3.3.1])")
    )
    assert response.status_code == 302
    response = template_admin_client.post(
        edit_url(draft, "3.3.1.a"),
        posted(draft, "3.3.1.a", kind="computed", formula="[3.3.1] - [3.3.1.b]"),
    )
    assert response.status_code == 422
    assert "3.3.1.a → 3.3.1 → 3.3.1.a" in response.content.decode()


def test_a_cumulative_row_needs_a_numeric_source(template_admin_client, draft):
    # 3.3.3 written as text (a row the commune answers in words).
    draft.indicators.filter(code="3.3.3").update(value_type="text")
    text_row = row(draft, "3.3.3")
    response = template_admin_client.post(
        edit_url(draft, "3.3.2.a"),
        posted(draft, "3.3.2.a", derivation="cumulative", derive_from=text_row.code),
    )
    assert response.status_code == 422
    assert (
        f"Lũy kế cộng dồn số liệu: chỉ tiêu nguồn {text_row.code} phải là số"
        in response.content.decode()
    )
    # A carry-over copies last period's value, whatever it is.
    response = template_admin_client.post(
        edit_url(draft, "3.3.2.a"),
        posted(draft, "3.3.2.a", derivation="carry_over", derive_from=text_row.code),
    )
    assert response.status_code == 302


def test_a_derivation_needs_a_row_of_the_template_as_source(template_admin_client, draft):
    response = template_admin_client.post(
        edit_url(draft, "3.3.2.a"), posted(draft, "3.3.2.a", derivation="carry_over")
    )
    assert response.status_code == 422
    assert "Chọn chỉ tiêu nguồn để suy ra số liệu." in response.content.decode()
    response = template_admin_client.post(
        edit_url(draft, "3.3.2.a"),
        posted(draft, "3.3.2.a", derivation="carry_over", derive_from="3.3.2.a"),
    )
    assert response.status_code == 422
    assert "Chỉ tiêu nguồn “3.3.2.a” không phải một dòng khác" in response.content.decode()


# The trial on a report -------------------------------------------------------------------------


def test_the_row_form_offers_the_recent_reports_of_the_template(
    template_admin_client, draft, seed_report
):
    page = template_admin_client.get(edit_url(draft, "3.3.1")).content.decode()
    assert "Xem thử trên báo cáo" in page
    offered = _select(page, "id_report")
    report = seed_report("15889/2024Q3")
    assert (str(report.pk), f"{report.unit} — {report.period} (mẫu v2)") in offered
    assert len(offered) <= 5


def test_the_formula_as_typed_is_computed_on_a_report_beside_its_figure(
    template_admin_client, draft, seed_report
):
    report = seed_report("15889/2024Q3")
    response = template_admin_client.get(
        trial_url(draft, "3.3.1"),
        {"formula": PARTS_331, "report": report.pk},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="formula-trial"')
    assert "Tính theo công thức: 729</strong> · Báo cáo ghi: 729" in page
    assert "Khớp số báo cáo ghi." in page
    # The seed as printed: 3.2 says 62 where its parts add up to 88. Nothing is saved.
    page = template_admin_client.get(
        trial_url(draft, "3.2"),
        {"formula": "[3.2.2] + [3.2.3]", "report": report.pk},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Tính theo công thức: 88</strong> · Báo cáo ghi: 62" in page
    assert "Khác số báo cáo ghi." in page
    assert row(draft, "3.3.1").formula == PARTS_331


def test_a_ratio_is_rounded_as_the_row_s_type_says(template_admin_client, draft, seed_report):
    report = seed_report("15889/2024Q3")
    params = {"formula": "ROUND([3.3.1.c] / [3.3.1] * 100, 2)", "report": report.pk}
    page = template_admin_client.get(
        trial_url(draft, "3.3.3"), {**params, "value_type": "percent"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Tính theo công thức: 57,75</strong>" in page  # 421 / 729
    page = template_admin_client.get(
        trial_url(draft, "3.3.3"), {**params, "value_type": "integer"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Tính theo công thức: 58</strong>" in page


def test_a_formula_that_cannot_be_computed_is_explained_not_tried(
    template_admin_client, draft, seed_report
):
    report = seed_report("15889/2024Q3")
    for formula, message in [
        ("", "Nhập hoặc dựng công thức để xem thử trên báo cáo."),
        ("[3.3.1.a] + [9.9.9]", "Mẫu không có chỉ tiêu 9.9.9."),
        ("[3.3.1] + 1", "Công thức không được đọc chính chỉ tiêu 3.3.1."),
    ]:
        page = template_admin_client.get(
            trial_url(draft, "3.3.1"),
            {"formula": formula, "report": report.pk},
            HTTP_HX_REQUEST="true",
        ).content.decode()
        assert message in page, formula
        assert "Tính theo công thức" not in page


def test_without_script_the_trial_returns_the_row_form_as_typed(
    template_admin_client, draft, seed_report
):
    report = seed_report("15889/2024Q3")
    data = posted(draft, "3.3.1", name="Tên mới chưa lưu", formula=PARTS_331, report=report.pk)
    response = template_admin_client.post(trial_url(draft, "3.3.1"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tính theo công thức: 729</strong>" in page
    assert "Tên mới chưa lưu" in page
    assert f'action="{edit_url(draft, "3.3.1")}"' in page  # saving still goes to the row form
    assert row(draft, "3.3.1").name != "Tên mới chưa lưu"


@pytest.mark.parametrize("username", ["hoangkim", "noivu.hoanghoa"])
def test_commune_staff_and_reviewers_cannot_try_a_formula(client, draft, seed_report, username):
    client.force_login(User.objects.get(username=username))
    report = seed_report("15889/2024Q3")
    response = client.get(
        trial_url(draft, "3.3.1"),
        {"formula": PARTS_331, "report": report.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403


def test_an_admin_without_a_unit_tries_formulas_on_approved_reports_only(
    template_admin_client, template_admin, draft, seed_report
):
    assert template_admin.unit_id is None
    report = seed_report("15889/2024Q3")
    assert report.status == ReportStatus.APPROVED
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    page = template_admin_client.get(edit_url(draft, "3.3.1")).content.decode()
    assert str(report.pk) not in dict(_select(page, "id_report"))
    page = template_admin_client.get(
        trial_url(draft, "3.3.1"),
        {"formula": PARTS_331, "report": report.pk},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Chọn một báo cáo trong danh sách để thử." in page
    assert str(report.unit) not in page
    assert "Báo cáo ghi: 729" not in page


# The tree --------------------------------------------------------------------------------------


def test_the_tree_shows_each_row_s_kind_and_the_formula_of_computed_rows(
    template_admin_client, draft
):
    page = template_admin_client.get(
        reverse("template_admin:template", args=[draft.pk])
    ).content.decode()

    def cell(code: str) -> str:
        target = row(draft, code)
        found = re.search(
            rf'<tr id="row-{target.pk}".*?<td class="small row-kind-cell">(.*?)</td>', page, re.S
        )
        assert found, code
        return " ".join(found.group(1).split())

    assert cell("3.3.1") == (
        '<span class="badge text-bg-info">Tự tính</span> '
        f'<code class="row-formula">= {PARTS_331}</code>'
    )
    assert cell("3.2.1") == '<span class="badge text-bg-light border">Ít thay đổi</span>'
    assert "badge" not in cell("3.3.1.a")  # typed fresh each period
    assert "badge" not in cell("1.2")  # a heading
