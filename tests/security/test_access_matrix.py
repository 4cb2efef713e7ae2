"""Every URL of the portal, as every role, inside and outside its scope (table-driven).

Outcomes: "ok" (the view did its work: 2xx, a redirect that is not to the login page, 409 or
422), "login" (sent to the login page), "forbidden" (403) and "hidden" (404: an object out of
scope is not even admitted to exist). A URL added to the portal without a line here fails
``test_every_url_of_the_portal_is_in_the_matrix``.
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from indicators.models import IndicatorTemplate, TemplateAssignment
from reports.models import ExportJob, ReportingPeriod, ReviewComment, User
from reports.seeding import ensure_demo_period
from reports.services.start import report_start

PERSONAS = {
    "anonymous": None,
    "owner": "hoangkim",  # commune staff of the report's commune
    "other_commune": "sonphu",  # commune staff elsewhere
    "reviewer": "noivu.hoanghoa",  # the commune's district
    "other_reviewer": "noivu.dinhhoa",  # another district
    "template_admin": "quantri",
    "superuser": "admin",
}
ROLES = list(PERSONAS)

# Outcome per persona, in the order of PERSONAS.
PUBLIC = ("ok",) * 7
LOGGED_OUT = ("login",) * 7  # logging out lands on the login page, whoever you were
LOGGED_IN = ("login",) + ("ok",) * 6
# Imports are for those who fill reports: commune staff (and a superuser's support work).
IMPORTERS = ("login", "ok", "ok", "forbidden", "forbidden", "forbidden", "ok")
READ_REPORT = ("login", "ok", "hidden", "ok", "hidden", "hidden", "ok")
WRITE_REPORT = ("login", "ok", "hidden", "forbidden", "hidden", "hidden", "forbidden")
IMPORT_REPORT = ("login", "ok", "hidden", "forbidden", "hidden", "hidden", "ok")
REVIEW_REPORT = ("login", "forbidden", "hidden", "ok", "hidden", "hidden", "ok")
REVIEWERS = ("login", "forbidden", "forbidden", "ok", "ok", "forbidden", "forbidden")
START_REPORT = ("login", "ok", "ok", "forbidden", "forbidden", "forbidden", "forbidden")
EXTEND = ("login", "hidden", "hidden", "ok", "hidden", "hidden", "ok")
OWN_JOB = ("login", "hidden", "hidden", "ok", "hidden", "hidden", "hidden")
ADMINS = ("login", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "ok")


# Actions that remove their object: each persona gets a world of its own, or the first one
# allowed to delete would leave the next a 404.
DESTRUCTIVE = {
    "template_admin:delete",
    "template_admin:assignment_delete",
    "template_admin:rule_delete",
}


@pytest.fixture
def world(db):
    return make_world()


def make_world() -> dict:
    clerk = User.objects.get(username="hoangkim")
    period = ensure_demo_period("2024Q4", timezone.localdate())
    report = report_start(unit=clerk.unit, period=period, user=clerk)
    published = IndicatorTemplate.objects.get(code="HH-01b", version=2)
    assignment = TemplateAssignment.objects.create(template=published, unit=clerk.unit.parent)
    reviewer = User.objects.get(username="noivu.hoanghoa")
    comment = ReviewComment.objects.create(report=report, author=reviewer, text="Kiểm tra")
    draft_template = published.clone()
    job = ExportJob.objects.create(user=reviewer, unit=reviewer.unit, period=period)
    return {
        "report": report,
        "row": report.template.indicators.get(code="3.3.3"),
        "section": report.sections.first(),
        "comment": comment,
        "period": period,
        "unit": clerk.unit,
        "draft": draft_template,
        "draft_row": draft_template.indicators.get(code="3.3.3"),
        "draft_rule": draft_template.rules.first(),
        "assignment": assignment,
        "published": published,
        "job": job,
    }


def _cases(w) -> dict[str, tuple[str, list, dict, tuple]]:
    r, t = w["report"].pk, w["draft"].pk
    return {
        "login": ("get", [], {}, PUBLIC),
        "logout": ("post", [], {}, LOGGED_OUT),
        "healthz": ("get", [], {}, PUBLIC),
        "password_change": ("get", [], {}, LOGGED_IN),
        "password_change_done": ("get", [], {}, LOGGED_IN),
        "password_reset": ("get", [], {}, PUBLIC),
        "password_reset_done": ("get", [], {}, PUBLIC),
        "password_reset_confirm": ("get", ["MQ", "sai-token"], {}, PUBLIC),
        "password_reset_complete": ("get", [], {}, PUBLIC),
        "reports:home": ("get", [], {}, LOGGED_IN),
        "reports:dashboard": ("get", [], {"ky": "2024Q3"}, REVIEWERS),
        "reports:aggregate": ("get", [], {"ky": "2024Q3"}, REVIEWERS),
        "reports:export_start": ("post", [], {"ky": "2024Q3"}, REVIEWERS),
        "reports:export_job": ("get", [w["job"].pk], {}, OWN_JOB),
        "reports:export_download": ("get", [w["job"].pk], {}, OWN_JOB),
        "reports:report_start": ("post", [w["period"].pk], {}, START_REPORT),
        "reports:report": ("get", [r], {}, READ_REPORT),
        "reports:value_save": ("post", [r, w["row"].pk], {"value": "7"}, WRITE_REPORT),
        "reports:value_confirm": ("post", [r, w["row"].pk], {}, WRITE_REPORT),
        "reports:section_confirm": ("post", [r, "3"], {}, WRITE_REPORT),
        "reports:prefill_old": ("post", [r], {}, WRITE_REPORT),
        "reports:cell_save": ("post", [r, 0, 0], {"value": "1"}, None),
        "reports:section_save": ("post", [r, w["section"].pk], {"text": "x"}, WRITE_REPORT),
        "reports:section_figures": ("get", [r, w["section"].pk], {}, READ_REPORT),
        "reports:header_save": ("post", [r], {"issuer": "XÃ HOẰNG KIM"}, WRITE_REPORT),
        "reports:report_check": ("get", [r], {}, READ_REPORT),
        "reports:report_findings": ("get", [r], {}, READ_REPORT),
        "reports:report_send": ("post", [r], {}, WRITE_REPORT),
        "reports:prefill_confirm": ("post", [r], {}, WRITE_REPORT),
        "reports:report_download": ("get", [r, "docx"], {}, READ_REPORT),
        "reports:comment_add": ("post", [r], {"text": "x"}, REVIEW_REPORT),
        "reports:comment_reply": ("post", [r, w["comment"].pk], {"text": "x"}, WRITE_REPORT),
        "reports:report_return": ("post", [r], {"comment": "x"}, REVIEW_REPORT),
        "reports:report_approve": ("post", [r], {}, REVIEW_REPORT),
        "reports:extension_grant": (
            "post", [w["period"].pk, w["unit"].pk], {"until": "2030-01-01", "reason": "x"},
            EXTEND,
        ),
        "imports:index": ("get", [], {}, IMPORTERS),
        "imports:upload": ("get", [r], {}, IMPORT_REPORT),
        "imports:confirm": ("post", [r], {}, IMPORT_REPORT),
        "template_admin:templates": ("get", [], {}, ADMINS),
        "template_admin:rules": ("get", [t], {}, ADMINS),
        "template_admin:rule_create": ("get", [t], {}, ADMINS),
        "template_admin:rule_preview": ("get", [t], {}, ADMINS),
        "template_admin:rule_edit": ("get", [t, w["draft_rule"].pk], {}, ADMINS),
        "template_admin:rule_delete": ("post", [t, w["draft_rule"].pk], {}, ADMINS),
        "template_admin:import": ("get", [], {}, ADMINS),
        "template_admin:import_confirm": ("post", [], {}, ADMINS),
        "template_admin:template": ("get", [t], {}, ADMINS),
        "template_admin:template_meta": ("post", [t], {}, ADMINS),
        "template_admin:clone": ("post", [w["published"].pk], {}, ADMINS),
        "template_admin:publish": ("post", [t], {}, ADMINS),
        "template_admin:delete": ("post", [t], {}, ADMINS),
        "template_admin:row_add": ("get", [t], {}, ADMINS),
        "template_admin:row_edit": ("get", [t, w["draft_row"].pk], {}, ADMINS),
        "template_admin:row_action": ("post", [t, w["draft_row"].pk, "down"], {}, ADMINS),
        "template_admin:row_formula_trial": (
            "get", [t, w["draft_row"].pk], {"formula": "[3.3.1] + 1"}, ADMINS,
        ),
        "template_admin:outline": ("get", [t], {}, ADMINS),
        "template_admin:assignments": ("get", [w["published"].pk], {}, ADMINS),
        "template_admin:assignment_delete": (
            "post", [w["published"].pk, w["assignment"].pk], {}, ADMINS,
        ),
        "template_admin:compare": ("get", [t], {}, ADMINS),
        "template_admin:export": ("get", [t], {}, ADMINS),
    }  # fmt: skip


def _url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                ns = pattern.namespace or namespace
                # The API has a matrix of its own, by token: tests/api/test_access_matrix.py.
                if ns not in ("admin", "api"):
                    walk(pattern.url_patterns, ns)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


def outcome(response) -> str:
    status = response.status_code
    if status in (301, 302) and "/accounts/login/" in response.get("Location", ""):
        return "login"
    if status == 403:
        return "forbidden"
    if status == 404:
        return "hidden"
    if status < 400 or status in (409, 422):
        return "ok"
    return f"HTTP {status}"


def test_every_url_of_the_portal_is_in_the_matrix(db):
    covered = set(_cases({k: _Any() for k in _WORLD_KEYS}))
    assert _url_names() - covered == set()


class _Any:
    pk = 0


_WORLD_KEYS = [
    "report", "row", "section", "comment", "period", "unit", "draft", "draft_row",
    "draft_rule", "assignment", "published", "job",
]  # fmt: skip
# The grid cell needs a template with a table by field: its own test below.
CASE_NAMES = sorted(set(_cases({k: _Any() for k in _WORLD_KEYS})) - {"reports:cell_save"})


@pytest.mark.parametrize("name", CASE_NAMES)
def test_each_role_gets_what_the_matrix_says(client, world, name):
    method, args, data, expected = _cases(world)[name]
    url = reverse(name, args=args)
    got = {}
    for role, username in PERSONAS.items():
        if name in DESTRUCTIVE:
            method, args, data, _ = _cases(make_world())[name]
            url = reverse(name, args=args)
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        response = getattr(client, method)(url, data)
        got[role] = outcome(response)
    assert got == dict(zip(ROLES, expected, strict=True))


def test_the_grid_of_a_table_by_field_as_every_role(client, db):
    staff = User.objects.get(username="binhthanh")
    period = ensure_demo_period("2024Q2", timezone.localdate())
    report = report_start(unit=staff.unit, period=period, user=staff)
    table = report.template.tables.get()
    url = reverse(
        "reports:cell_save", args=[report.pk, table.rows.first().pk, table.columns.first().pk]
    )
    personas = {
        "anonymous": None,
        "owner": "binhthanh",
        "other_commune": "hoangkim",
        "reviewer": "noivu.dinhhoa",
        "other_reviewer": "noivu.hoanghoa",
        "template_admin": "quantri",
        "superuser": "admin",
    }
    got = {}
    for role, username in personas.items():
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        got[role] = outcome(client.post(url, {"value": "3"}))
    assert got == dict(zip(ROLES, WRITE_REPORT, strict=True))


def test_a_period_key_in_the_url_never_widens_the_scope(client, db):
    # The reviewer's dashboard of a period lists only the reviewer's communes.
    client.force_login(User.objects.get(username="noivu.dinhhoa"))
    page = client.get(reverse("reports:dashboard"), {"ky": "2024Q3"}).content.decode()
    assert "Xã Hoằng Kim" not in page
    assert ReportingPeriod.objects.exists()
