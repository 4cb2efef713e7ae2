"""The engine's entry points: a saved report in a constant number of queries, unsaved form
values for live checks, the template's own rules, and rules travelling with a template."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import ValidationRule
from indicators.structure import template_data
from indicators.template_io import template_from_dict, template_to_dict
from indicators.validation.engine import check_values
from indicators.validation.findings import ERROR, Finding
from indicators.validation.snapshot import Section
from reports.check_loading import check_report, check_report_values, report_data
from reports.models import IndicatorValue, Report, User
from reports.seeding import ensure_period, historical_unit
from tests.indicators.validation.helpers import involving, of_check

SEEDS = ["15889/2024Q3", "18217/2021Q3", "15886/2022Q1", "5605/2024Q1", "20071/2021H1"]
MAX_QUERIES = 12


@pytest.mark.parametrize("key", SEEDS)
def test_check_report_runs_in_a_constant_number_of_queries(
    seed_report, django_assert_max_num_queries, key
):
    report = seed_report(key)
    with django_assert_max_num_queries(MAX_QUERIES):
        check_report(report)


def test_the_number_of_queries_does_not_grow_with_the_unit_s_history(
    seed_report, django_assert_max_num_queries
):
    report = seed_report("5605/2024Q1")
    for key in ["2023Q2", "2023Q3", "2023Q4", "2023H2", "2023Y", "2024Q2"]:
        Report.objects.create(
            unit=historical_unit("5605"), period=ensure_period(key), template=report.template
        )
    fresh = Report.objects.get(pk=report.pk)  # nothing cached on the instance
    with django_assert_max_num_queries(MAX_QUERIES + 3):
        check_report(fresh)
    assert len(report_data(fresh).history) == 6


def test_unsaved_values_are_checked_as_the_user_types(seed_report):
    report = seed_report("15886/2022Q1")
    before = check_report(report, include_narrative=False)
    assert of_check(before, "parts.sum")
    # The clerk corrects 3.3.2 to the sum of its parts: the error goes, nothing is saved.
    after = check_report_values(report, {"3.3.2": Decimal(84)})
    assert of_check(after, "parts.sum") == []
    assert report.values.get(indicator__code="3.3.2").value == 414


def test_live_checks_leave_the_narrative_out_unless_asked(seed_report):
    report = seed_report("15889/2024Q3")
    annex_only = check_report_values(report, {})
    assert {f.source for f in annex_only} == {"annex"}
    everything = check_report_values(report, {}, include_narrative=True)
    assert {f.source for f in everything} == {"annex", "narrative", "period", "document"}


def test_a_form_not_yet_tied_to_a_report_is_checked_on_the_template_alone(seed_report):
    template = seed_report("15889/2024Q3").template
    findings = check_values(
        template_data(template),
        {"3.3.1": Decimal(10), "3.3.1.a": Decimal(5), "3.3.1.b": Decimal(1), "3.3.1.c": None},
    )
    (parts,) = involving(findings, "3.3.1")
    assert parts.message.startswith("3.3.1 = 10 nhưng các dòng “Trong đó” cộng lại 5 + 1")


def test_unsaved_table_cells_are_checked_too(seed_report):
    report = seed_report("5605/2024Q1")
    findings = check_report_values(
        report, {}, cells={"tthc:tong-cong:received_online": Decimal(512)}
    )
    online = [f for f in of_check(findings, "table.column_sum") if "received_online" in f.codes[0]]
    assert online == []


def test_errors_come_before_warnings(seed_report):
    findings = check_report(seed_report("5605/2024Q1"))
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=lambda s: s != ERROR)


def test_a_finding_prints_the_agreed_format():
    finding = Finding("c", "warning", "m", ("1",), ("2",), "narrative", "q", suggestion="3")
    assert finding.as_dict() == {
        "check": "c",
        "severity": "warning",
        "message": "m",
        "codes": ["1"],
        "values": ["2"],
        "source": "narrative",
        "quote": "q",
    }


def test_a_finding_refuses_an_unknown_severity():
    with pytest.raises(ValueError):
        Finding("c", "fatal", "m")


# The template's own rules ------------------------------------------------------------------


@pytest.fixture
def draft(seed_report):
    return seed_report("15889/2024Q3").template.clone()


def test_a_failing_rule_reports_its_message_and_the_arithmetic(draft):
    ValidationRule.objects.create(
        template=draft,
        code="dung-han",
        left="[3.3.2]",
        operator="<",
        right="[3.3.1]",
        severity="warning",
        message="Phải có hồ sơ chưa đúng hạn",
    )
    values = {"3.3.1": Decimal(729), "3.3.2": Decimal(729)}
    (rule,) = [f for f in check_values(template_data(draft), values) if f.check == "rule:dung-han"]
    assert rule.message == (
        "Phải có hồ sơ chưa đúng hạn ([3.3.2] = 729; [3.3.1] = 729; cần 729 < 729)."
    )
    assert (rule.codes, rule.values, rule.severity) == (
        ("3.3.2", "3.3.1"),
        ("729", "729"),
        "warning",
    )


def test_a_rule_counting_blanks_as_zero_says_so(draft):
    ValidationRule.objects.create(
        template=draft,
        code="tong",
        left="[3.3.1]",
        operator="==",
        right="SUM_CHILDREN([3.3.1])",
        message="3.3.1 bằng tổng các dòng con",
        missing_values="never_skip",
    )
    (rule,) = [
        f
        for f in check_values(template_data(draft), {"3.3.1": Decimal(5)})
        if f.check == "rule:tong"
    ]
    assert "ô trống tính là 0: 3.3.1.a, 3.3.1.b, 3.3.1.c, 3.3.1.d" in rule.message


def test_an_inactive_rule_is_not_run(draft):
    ValidationRule.objects.create(
        template=draft, code="tat", left="1", operator="==", right="2", message="Luôn sai",
        is_active=False,
    )  # fmt: skip
    assert [f for f in check_values(template_data(draft), {}) if f.check == "rule:tat"] == []


def test_the_seed_templates_rules_hold_on_their_reports(seed_report):
    for key in SEEDS:
        findings = check_report(seed_report(key))
        assert [f for f in findings if f.check.startswith("rule:")] == [], key


def test_rules_travel_with_a_template_as_data(seed_report):
    data = template_to_dict(seed_report("5605/2024Q1").template)
    assert data["rules"][0] == {
        "code": "nhiem-vu-ke-hoach",
        "left": "[1.1.b]",
        "operator": "<=",
        "right": "[1.1.a]",
        "message": "Số nhiệm vụ đã hoàn thành không vượt quá số nhiệm vụ đề ra trong kế hoạch",
        "severity": "error",
        "missing_values": "skip_if_any_missing",
        "is_active": True,
    }
    copy = template_from_dict({**data, "version": 99, "status": "draft"})
    assert template_to_dict(copy)["rules"] == data["rules"]


# The admin -------------------------------------------------------------------------------------


def test_the_admin_shows_a_template_s_rules_and_checks_them(client, draft):
    client.force_login(User.objects.get(username="admin"))
    url = reverse("admin:indicators_indicatortemplate_change", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "nhiem-vu-ke-hoach" in page.content.decode()
    form = page.context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    # Every inline's management form as rendered, then a broken rule added.
    payload = {}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        prefix = formset.formset.prefix
        payload[f"{prefix}-TOTAL_FORMS"] = management.initial["TOTAL_FORMS"]
        payload[f"{prefix}-INITIAL_FORMS"] = management.initial["INITIAL_FORMS"]
        for index, inline_form in enumerate(formset.formset.forms):
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                if value is not None and value is not False:
                    payload[f"{prefix}-{index}-{name}"] = getattr(value, "pk", value)
    rules_prefix = "rules"
    total = int(payload[f"{rules_prefix}-TOTAL_FORMS"])
    payload.update(
        {
            f"{rules_prefix}-TOTAL_FORMS": total + 1,
            f"{rules_prefix}-{total}-position": 99,
            f"{rules_prefix}-{total}-code": "hong",
            f"{rules_prefix}-{total}-left": "[3.3.1] + ",
            f"{rules_prefix}-{total}-operator": "==",
            f"{rules_prefix}-{total}-right": "1",
            f"{rules_prefix}-{total}-severity": "error",
            f"{rules_prefix}-{total}-missing_values": "never_skip",
            f"{rules_prefix}-{total}-message": "Hỏng",
        }
    )
    response = client.post(url, {**data, **payload})
    assert response.status_code == 200  # the change form again, with the error
    assert "kết thúc giữa chừng" in response.content.decode()
    assert not draft.rules.filter(code="hong").exists()


def test_a_report_value_typed_as_text_does_not_break_the_checks(seed_report):
    report = seed_report("15889/2024Q3")
    IndicatorValue.objects.filter(report=report, indicator__code="3.3.1").update(value=None)
    findings = check_report(report)
    assert of_check(findings, "parts.sum") == []


def test_a_narrative_figure_named_like_an_untagged_indicator_is_compared_with_it(seed_report):
    report = seed_report("15889/2024Q3")
    findings = check_report_values(
        report,
        {"2.3": Decimal(3)},
        sections=[Section("1. Cải cách thể chế", "- Số VBQPPL đã rà soát: 5 văn bản.", 2)],
        include_narrative=True,
    )
    (named,) = involving(of_check(findings, "narrative.annex"), "2.3")
    assert (
        named.message == "Thuyết minh ghi “Số VBQPPL đã rà soát: 5 văn bản” nhưng phụ lục 2.3 = 3."
    )
