"""Every API endpoint, as every persona, inside and outside its scope (table-driven), as
tests/security/test_access_matrix.py does for the screens.

Outcomes: "ok" (the view did its work: 2xx, 304, 409 or 422), "login" (401: no token, or a
revoked one), "forbidden" (403) and "hidden" (404: an object out of scope is not even admitted
to exist); for the DHIS2 import, "refused" (409, every value a conflict, nothing written). An
endpoint added to the API without a line here fails ``test_every_api_url_is_in_the_matrix``.
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from api.models import ApiToken
from api.tokens import create_token, find_token
from indicators.models import IndicatorTemplate
from reports import access
from reports.models import IndicatorValue, Report, User
from reports.seeding import ensure_demo_period
from reports.services.start import report_start

from .conftest import client_with, service_account, token_for

PERSONAS = [
    "anonymous",
    "owner",  # hoangkim: commune staff of the report's commune
    "other_commune",  # sonphu
    "reviewer",  # noivu.hoanghoa: the commune's district
    "other_reviewer",  # noivu.dinhhoa: another district
    "template_admin",  # quantri
    "superuser",  # admin
    "service_account",  # Thanh Hóa's system: read-only over the province
    "revoked",  # hoangkim's token, revoked
]
USERNAMES = {
    "owner": "hoangkim",
    "other_commune": "sonphu",
    "reviewer": "noivu.hoanghoa",
    "other_reviewer": "noivu.dinhhoa",
    "template_admin": "quantri",
    "superuser": "admin",
}

PUBLIC = ("ok",) * 9
AUTHENTICATED = ("login",) + ("ok",) * 7 + ("login",)
READ_REPORT = ("login", "ok", "hidden", "ok", "hidden", "hidden", "ok", "ok", "login")
WRITE_REPORT = (
    "login", "ok", "hidden", "forbidden", "hidden", "hidden", "forbidden", "forbidden", "login",
)  # fmt: skip
REVIEW_REPORT = (
    "login", "forbidden", "hidden", "ok", "hidden", "hidden", "ok", "forbidden", "login",
)  # fmt: skip
START_REPORT = (
    "login", "ok", "ok", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "login",
)  # fmt: skip
AGGREGATE_399 = (
    "login", "forbidden", "forbidden", "ok", "hidden", "forbidden", "ok", "ok", "login",
)  # fmt: skip
DRAFT_TEMPLATE = ("login", "hidden", "hidden", "hidden", "hidden", "ok", "ok", "hidden", "login")
IMPORT = (
    "login", "ok", "refused", "refused", "refused", "refused", "refused", "forbidden", "login",
)  # fmt: skip


def secrets() -> dict[str, str | None]:
    revoked = create_token(User.objects.get(username="hoangkim"), "Đã thu hồi")
    revoked.token.revoke()
    tokens: dict[str, str | None] = {name: token_for(u) for name, u in USERNAMES.items()}
    return {
        "anonymous": None,
        **tokens,
        "service_account": service_account("38"),
        "revoked": revoked.secret,
    }


@pytest.fixture
def world(db):
    clerk = User.objects.get(username="hoangkim")
    period = ensure_demo_period("2024Q4", timezone.localdate())
    draft = report_start(unit=clerk.unit, period=period, user=clerk)
    published = IndicatorTemplate.objects.get(code="HH-01b", version=2)
    return {
        "draft": draft,
        "approved": Report.objects.by_key("15889", "2024Q3"),
        "published": published,
        "template_draft": published.clone(),
        "secrets": secrets(),
    }


def _version(report: Report) -> int:
    return Report.objects.values_list("version", flat=True).get(pk=report.pk)


def _base(report: Report, code: str) -> str:
    stored = IndicatorValue.objects.filter(report=report, indicator__code=code).first()
    return stored.printed if stored else ""


def _cases(w) -> dict[str, tuple]:
    """name → (method, args, data (a callable: fresh at each request), expected)."""
    d, a = w["draft"], w["approved"]
    import_payload = {
        "dataValues": [
            {"dataElement": "1.1.1", "period": "2024Q4", "orgUnit": "15889", "value": "12"}
        ]
    }
    return {
        "api:schema": ("get", [], lambda: {}, PUBLIC),
        "api:docs": ("get", [], lambda: {}, PUBLIC),
        "api:me": ("get", [], lambda: {}, AUTHENTICATED),
        "api:units": ("get", [], lambda: {}, AUTHENTICATED),
        "api:unit": ("get", [d.unit_id], lambda: {}, AUTHENTICATED),
        "api:periods": ("get", [], lambda: {}, AUTHENTICATED),
        "api:templates": ("get", [], lambda: {}, AUTHENTICATED),
        "api:template": ("get", [w["published"].pk], lambda: {}, AUTHENTICATED),
        "api:template#draft": ("get", [w["template_draft"].pk], lambda: {}, DRAFT_TEMPLATE),
        "api:reports": ("get", [], lambda: {}, AUTHENTICATED),
        "api:reports#start": ("post", [], lambda: {"period": "2024Q4"}, START_REPORT),
        "api:report": ("get", [d.pk], lambda: {}, READ_REPORT),
        "api:findings": ("get", [d.pk], lambda: {}, READ_REPORT),
        "api:download": ("get", [a.pk, "xlsx"], lambda: {}, READ_REPORT),
        "api:value": (
            "put", [d.pk, "3.3.1"], lambda: {"value": "7", "base": _base(d, "3.3.1")},
            WRITE_REPORT,
        ),
        "api:cell": ("put", [d.pk, "t", "r", "c"], lambda: {"value": "1", "base": ""}, None),
        "api:submit": ("post", [d.pk], lambda: {"version": _version(d)}, WRITE_REPORT),
        "api:return": (
            "post", [d.pk], lambda: {"version": _version(d), "comment": "x"}, REVIEW_REPORT,
        ),
        "api:approve": ("post", [d.pk], lambda: {"version": _version(d)}, REVIEW_REPORT),
        "api:report_data_values": ("get", ["15889", "2024Q3"], lambda: {}, READ_REPORT),
        "api:data_value_sets": ("post", [], lambda: import_payload, IMPORT),
        "api:aggregate": (
            "get", [], lambda: {"period": "2024Q3", "unit": "399"}, AGGREGATE_399,
        ),
        # The portal page of tokens: session login, see test_tokens.py.
        "api:tokens": ("page", [], None, None),
        "api:token_revoke": ("page", [0], None, None),
    }  # fmt: skip


def outcome(response) -> str:
    status = response.status_code
    if status == 401:
        return "login"
    if status == 403:
        return "forbidden"
    if status == 404:
        return "hidden"
    if status == 409 and response.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        if body.get("responseType") == "ImportSummary":
            counts = body["importCount"]
            written = counts["imported"] + counts["updated"] + counts["deleted"]
            return "refused" if written == 0 and body["conflicts"] else "HTTP 409 wrote"
    if status < 400 or status in (409, 422):
        return "ok"
    return f"HTTP {status}"


def _api_url_names() -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "namespace", None) == "api":

            def walk(patterns):
                for p in patterns:
                    if hasattr(p, "url_patterns"):
                        walk(p.url_patterns)
                    elif p.name:
                        names.add(f"api:{p.name}")

            walk(pattern.url_patterns)
    return names


class _Any:
    pk = 0
    unit_id = 0


def test_every_api_url_is_in_the_matrix(db):
    world = {"draft": _Any(), "approved": _Any(), "published": _Any(), "template_draft": _Any()}
    covered = {name.partition("#")[0] for name in _cases(world)}
    assert _api_url_names() - covered == set()


CASE_NAMES = sorted(
    name
    for name, case in _cases(
        {"draft": _Any(), "approved": _Any(), "published": _Any(), "template_draft": _Any()}
    ).items()
    if case[3] is not None
)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_each_persona_gets_what_the_matrix_says(world, name):
    method, args, data, expected = _cases(world)[name]
    url = reverse(name.partition("#")[0], args=args)
    got = {}
    for persona in PERSONAS:
        client = client_with(world["secrets"][persona])
        if method == "get":
            response = client.get(url, data())
        else:
            response = getattr(client, method)(url, data(), format="json")
        got[persona] = outcome(response)
    assert got == dict(zip(PERSONAS, expected, strict=True))


def test_the_cell_of_a_table_by_field_as_every_persona(db):
    staff = User.objects.get(username="binhthanh")
    period = ensure_demo_period("2024Q2", timezone.localdate())
    report = report_start(unit=staff.unit, period=period, user=staff)
    table = report.template.tables.get()
    row, column = table.rows.first(), table.columns.first()
    url = reverse("api:cell", args=[report.pk, table.code, row.code, column.code])
    revoked = create_token(staff, "Đã thu hồi")
    revoked.token.revoke()
    secrets = {
        "anonymous": None,
        "owner": token_for("binhthanh"),
        "other_commune": token_for("hoangkim"),
        "reviewer": token_for("noivu.dinhhoa"),
        "other_reviewer": token_for("noivu.hoanghoa"),
        "template_admin": token_for("quantri"),
        "superuser": token_for("admin"),
        "service_account": service_account("19"),  # Thái Nguyên, Bình Thành's province
        "revoked": revoked.secret,
    }
    got = {
        persona: outcome(client_with(secret).put(url, {"value": "3", "force": True}, format="json"))
        for persona, secret in secrets.items()
    }
    assert got == dict(zip(PERSONAS, WRITE_REPORT, strict=True))


def _expected_visible(persona: str, token: ApiToken | None) -> set[int]:
    if token is None or persona == "revoked":
        return set()
    if token.is_service_account:
        return set(Report.objects.within(token.scope).values_list("pk", flat=True))
    return set(access.visible_reports(token.user).values_list("pk", flat=True))


def test_no_persona_reads_a_report_the_screens_would_not_show_it(world):
    """0 leaks: the list, the detail and the DHIS2 values of every report in the database, as
    every persona, answer exactly the reports the screens show that persona."""
    reports = list(Report.objects.select_related("unit", "period"))
    assert len(reports) >= 6
    for persona in PERSONAS:
        secret = world["secrets"][persona]
        token = find_token(secret) if secret else None
        expected = _expected_visible(persona, token)
        client = client_with(secret)
        listed = client.get(reverse("api:reports"), {"page_size": 1000})
        if persona in ("anonymous", "revoked"):
            assert listed.status_code == 401, persona
        else:
            assert {r["id"] for r in listed.json()["results"]} == expected, persona
        for report in reports:
            detail = client.get(reverse("api:report", args=[report.pk]))
            values = client.get(
                reverse("api:report_data_values", args=[report.unit.code, report.period.key])
            )
            if persona in ("anonymous", "revoked"):
                assert (detail.status_code, values.status_code) == (401, 401), persona
            elif report.pk in expected:
                assert (detail.status_code, values.status_code) == (200, 200), persona
            else:
                assert (detail.status_code, values.status_code) == (404, 404), (persona, report)


def test_a_refused_import_writes_nothing_for_any_persona(world):
    draft = world["draft"]
    before = dict(
        IndicatorValue.objects.filter(report=draft).values_list("indicator__code", "printed")
    )
    version = _version(draft)
    payload = {
        "dataValues": [
            {"dataElement": "1.1.1", "period": "2024Q4", "orgUnit": "15889", "value": "99"}
        ]
    }
    for persona in ["other_commune", "reviewer", "other_reviewer", "template_admin", "superuser"]:
        response = client_with(world["secrets"][persona]).post(
            reverse("api:data_value_sets"), payload, format="json"
        )
        assert response.status_code == 409, persona
    after = dict(
        IndicatorValue.objects.filter(report=draft).values_list("indicator__code", "printed")
    )
    assert after == before
    assert _version(draft) == version
