"""The annex form renders every template as the paper annex, in a constant number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import IndicatorTemplate
from reports.models import Report, ReportingPeriod
from reports.prefill import old_report_offer, prefill_from_old
from reports.seeding import ensure_demo_period, ensure_period
from reports.services.start import report_start

# One commune per seed template, and a period of that template.
TEMPLATE_CASES = {
    "HH-01b v2 (Hoằng Hóa 2024)": ("hoangkim", "2024Q4", "HH-01b", 2),
    "HH-01b v1 (Hoằng Hóa 2022, archived)": ("hoangquy", "2022Q2", "HH-01b", 1),
    "HT-2B (Hà Tĩnh)": ("sonphu", "2021Q4", "HT-2B", 1),
    "DH-PL-I (Định Hóa, with its table by field)": ("binhthanh", "2024Q2", "DH-PL-I", 1),
    "AL-PL (A Lưới)": ("sonthuy", "2021H2", "AL-PL", 1),
}


def open_period(key: str):
    """A period open for entry today (its due date ahead)."""
    return ensure_demo_period(key, timezone.localdate())


# Whatever the template's size (73 to 143 rows), rendering costs the same few queries: the
# form itself, and the checks it shows (each check reads the whole report at once).
MAX_QUERIES = 32


@pytest.mark.parametrize("case", TEMPLATE_CASES)
def test_every_seed_template_renders_as_an_editable_form(
    client, django_user_model, django_assert_max_num_queries, case
):
    username, key, code, version = TEMPLATE_CASES[case]
    user = django_user_model.objects.get(username=username)
    template = IndicatorTemplate.objects.get(code=code, version=version)
    # An archived template is never assigned any more; its old drafts still open.
    report = Report.objects.create(unit=user.unit, period=ensure_period(key), template=template)
    client.force_login(user)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("reports:report", args=[report.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    inputs = report.template.indicators.exclude(value_type="heading").count()
    assert page.count('name="base" id="base-') == inputs
    assert "Gửi báo cáo" not in page or "Kiểm tra và gửi" in page


@pytest.mark.parametrize("key", ["15889/2024Q3", "18217/2021Q3", "5605/2024Q1"])
def test_a_filed_seed_report_renders_read_only_with_its_values(
    client, seed_report, django_assert_max_num_queries, key
):
    report = seed_report(key)
    client.force_login(report.unit.users.get())
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("reports:report", args=[report.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "chỉ xem, không sửa được" in page
    assert "hx-post" not in page.split('id="pane-annex"')[1].split('id="pane-narrative"')[0]


def test_rows_look_like_the_paper_annex(clerk_client, draft):
    page = clerk_client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    # Section rows with their printed numbering, "Trong đó" rows indented under their parent.
    assert "Cải cách thủ tục hành chính" in page
    assert page.count('<span class="trong-do">Trong đó</span>') == 3
    assert '<tr id="row-3.3.1.a" class="depth-3 breakdown">' in page
    # Coded choices as a select with the printed labels, yes/no as radio buttons.
    assert ">Trực tuyến = 0</option>" in page
    assert 'type="radio" name="yn-' in page
    assert ">Có ban hành QC = 1</label>" in page


def test_the_table_by_field_is_an_editable_grid_whose_total_row_is_computed(
    client, django_user_model
):
    user = django_user_model.objects.get(username="binhthanh")
    report = report_start(unit=user.unit, period=open_period("2024Q2"), user=user)
    client.force_login(user)
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    grid_inputs = 'class="form-control form-control-sm text-end cell-input grid-input'
    assert page.count(grid_inputs) == 5 * 12
    # Its totals are added up on the server (read-only, marked): the total row (12 cells) and
    # the 3 "Tổng số" columns of the 4 fields; no second, live total row.
    assert page.count('data-computed="1" readonly') == 12 + 3 * 4
    assert 'data-sum-col="received"' not in page
    assert 'data-parts="received_online,carried_over,received_direct"' in page


def test_ratio_rows_show_their_counts_ratio_as_you_type(client, django_user_model):
    user = django_user_model.objects.get(username="binhthanh")
    report = report_start(unit=user.unit, period=open_period("2024Q2"), user=user)
    client.force_login(user)
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    # 1.1 "Tỷ lệ hoàn thành kế hoạch" = tasks done (1.1.b) over tasks planned (1.1.a).
    assert 'data-num="1.1.b" data-den="1.1.a"' in page


def test_a_new_report_carries_over_what_rarely_changes_marked_until_confirmed(clerk_client, draft):
    values = {v.indicator.code: v for v in draft.values.select_related("indicator")}
    # From Hoằng Kim's quarter-III report: procedures in force and staff quotas.
    assert values["3.1.3"].value == 217 and values["3.1.3"].prefilled
    assert values["4.1"].value == 10 and values["4.2"].value == 7
    carried = [v for v in values.values() if v.origin == "carried"]
    assert {v.source for v in carried} == {"Từ báo cáo quý III/2024"}
    assert all(v.prefilled for v in carried)
    page = clerk_client.get(reverse("reports:report", args=[draft.pk])).content.decode()
    assert page.count(">Từ báo cáo quý III/2024</span>") == len(carried)


def test_the_outline_names_the_next_period_and_takes_last_period_s_directions(draft):
    headings = [s.heading for s in draft.sections.order_by("position")]
    assert "V. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM QUÝ I NĂM 2025" in headings
    carried = draft.sections.filter(prefilled=True)
    assert carried.exists()
    assert all(s.text for s in carried)


def test_the_header_starts_from_last_period_s_report(draft):
    assert draft.issuer == "XÃ HOẰNG KIM"
    assert (draft.signer_mode, draft.signer_title, draft.signer_name) == (
        "KT.",
        "PHÓ CHỦ TỊCH",
        "Lê Như Đông",
    )


def test_starting_twice_opens_the_same_report(clerk, draft):
    period = ReportingPeriod.objects.by_key("2024Q4")
    assert report_start(unit=clerk.unit, period=period, user=clerk) == draft
    assert Report.objects.filter(unit=clerk.unit, period=period).count() == 1


def test_an_empty_ratio_whose_counts_are_filled_is_offered_computed(client, seed_report):
    from reports.models import Report

    # Bình Thành left 1.1 (% of plan done) empty with its counts 02 of 09: 22,2 % is offered.
    report = seed_report("5605/2024Q1")
    Report.objects.filter(pk=report.pk).update(status="draft")
    ReportingPeriod.objects.filter(pk=report.period_id).update(is_locked=False)
    open_period("2024Q1")
    client.force_login(report.unit.users.get())
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    row = page.split('id="row-1.1"')[1].split("</tr>")[0]
    assert "Dùng 22,2" in row


def test_prefill_follows_the_code_mapping_across_a_template_change(db, django_user_model):
    """Hoằng Quỳ filed quarter I 2022 on 01b v1; quarter IV 2024 is on v2. A report more than
    a year old is never used silently: it is offered, and once chosen what rarely changes
    starts from the 2022 figures, row by row, each marked with that report's period."""
    user = django_user_model.objects.get(username="hoangquy")
    report = report_start(unit=user.unit, period=open_period("2024Q4"), user=user)
    assert report.template.version == 2
    assert not report.values.exclude(origin="computed").exists()
    old = old_report_offer(report)
    assert old is not None and old.period.key == "2022Q1"
    assert prefill_from_old(report, old) > 0
    assert old_report_offer(report) is None  # used: no longer offered
    values = {v.indicator.code: v for v in report.values.select_related("indicator")}
    assert values["3.1.3"].value == 212 and values["3.1.3"].prefilled
    assert values["3.1.3"].source == "Từ báo cáo quý I/2022 (cũ hơn một năm)"
    assert values["4.2"].value == 10
