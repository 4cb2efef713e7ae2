"""The demo data: the seeds' units, templates and reports, periods and demo users.

Every function is idempotent: ``python manage.py demo`` may run any number of times.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.models import TWO_LEVEL_START
from core.numbers import parse_number
from core.period_keys import PeriodKey
from core.text_input import clean_instances
from core.units_loading import load_official_units, load_predecessors
from indicators.models import IndicatorTemplate, TemplateAssignment
from indicators.template_io import template_from_dict
from reports.entry_checks import report_findings
from reports.models import (
    AdministrativeUnit,
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportingPeriod,
    ReportStatus,
    Role,
    TableCellValue,
    User,
    ValueOrigin,
)
from reports.printed_values import interpret_printed
from reports.services.submit import record_counts

DEMO_PASSWORD = "cchc-demo-2024"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    unit_code: str | None
    full_name: str
    superuser: bool = False
    # A unit of today's two-level structure (since 1/7/2025), not of the seeds' tree.
    today: bool = False

    def unit(self) -> AdministrativeUnit | None:
        if self.unit_code is None:
            return None
        if self.today:
            return AdministrativeUnit.objects.by_code(self.unit_code, on=TWO_LEVEL_START)
        return historical_unit(self.unit_code)


DEMO_USERS = [
    DemoUser("hoangkim", Role.COMMUNE_STAFF, "15889", "Cán bộ xã Hoằng Kim"),
    DemoUser("hoangquy", Role.COMMUNE_STAFF, "15886", "Cán bộ xã Hoằng Quỳ"),
    DemoUser("sonphu", Role.COMMUNE_STAFF, "18217", "Cán bộ xã Sơn Phú"),
    DemoUser("binhthanh", Role.COMMUNE_STAFF, "5605", "Cán bộ xã Bình Thành"),
    DemoUser("sonthuy", Role.COMMUNE_STAFF, "20071", "Cán bộ xã Sơn Thủy"),
    DemoUser("noivu.hoanghoa", Role.REVIEWER, "399", "Phòng Nội vụ huyện Hoằng Hóa"),
    DemoUser("noivu.huongson", Role.REVIEWER, "439", "Phòng Nội vụ huyện Hương Sơn"),
    DemoUser("noivu.dinhhoa", Role.REVIEWER, "167", "Phòng Nội vụ huyện Định Hóa"),
    DemoUser("noivu.aluoi", Role.REVIEWER, "481", "Phòng Nội vụ huyện A Lưới"),
    DemoUser("quantri", Role.TEMPLATE_ADMIN, None, "Quản trị mẫu biểu"),
    DemoUser("admin", "", None, "Quản trị hệ thống", superuser=True),
]

# Today's structure beside the seeds' past: Thanh Hóa's Sở Nội vụ, and xã Hoằng Phú, which on
# 1/7/2025 took in xã Hoằng Kim (a seed) with xã Hoằng Phú, Hoằng Trung and Hoằng Quý, and
# reuses Hoằng Kim's code 15889 (xã Hoằng Quỳ, the other seed there, went to xã Hoằng Giang).
TODAY_PROVINCE = "38"
TODAY_DEMO_USERS = [
    DemoUser("noivu.thanhhoa", Role.REVIEWER, "38", "Sở Nội vụ tỉnh Thanh Hóa", today=True),
    DemoUser("hoangphu", Role.COMMUNE_STAFF, "15889", "Cán bộ xã Hoằng Phú", today=True),
]
# The template today's province asks its communes for: the demo's choice, the annex huyện
# Hoằng Hóa used since 2024 (its version 2).
TODAY_TEMPLATE = ("HH-01b", 2)

# Periods the demo opens for new reports, beside the seeds' own (which are filed and locked).
DEMO_OPEN_PERIODS = ["2024Q4"]


def historical_unit(code: str) -> AdministrativeUnit:
    """A unit of the seeds' 3-level tree (no start date: today's units that reuse a code have
    one; the highest tier first, should a province and a commune share a code)."""
    return AdministrativeUnit.objects.filter(valid_from__isnull=True).by_code(code)


def ensure_period(key: str, *, locked: bool = False, **overrides) -> ReportingPeriod:
    parsed = PeriodKey.parse(key)
    period = ReportingPeriod.objects.filter(
        kind=parsed.kind, year=parsed.year, number=parsed.number, scope__isnull=True
    ).first()
    if period is None:
        period = ReportingPeriod.build(parsed, is_locked=locked, **overrides)
        period.full_clean()
        period.save()
    elif overrides:
        for field, value in overrides.items():
            setattr(period, field, value)
        period.save(update_fields=list(overrides))
    return period


def ensure_demo_period(key: str, today: dt.date) -> ReportingPeriod:
    """A period the demo keeps open for entry: its due date two weeks ahead (a province sets
    its deadlines; the demo sets this one so that a new report can be filled today)."""
    return ensure_period(key, due_date=today + dt.timedelta(days=14))


def current_period_keys(today: dt.date) -> list[str]:
    """The quarter whose window contains today, and the one before it."""
    key = PeriodKey("Q", today.year + (1 if today >= dt.date(today.year, 12, 15) else 0), 1)
    while True:
        start, end = key.legal_window()
        if start <= today <= end:
            return [str(key.previous()), str(key)]
        key = PeriodKey("Q", key.year, key.number + 1)


@transaction.atomic
def load_templates(fixtures_dir: Path) -> list[IndicatorTemplate]:
    """Every template fixture, oldest version first so that clones point backwards."""
    datas = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((fixtures_dir / "templates").glob("*.json"))
    ]
    loaded = []
    for data in sorted(datas, key=lambda d: (d["code"], d["version"])):
        template = IndicatorTemplate.objects.filter(
            code=data["code"], version=data["version"]
        ).first()
        if template is None:
            issuer = historical_unit(data["issuer"]) if data.get("issuer") else None
            template = template_from_dict(data, issuer=issuer)
            previous = (
                IndicatorTemplate.objects.filter(code=data["code"], version__lt=data["version"])
                .order_by("-version")
                .first()
            )
            if previous:
                IndicatorTemplate.objects.filter(pk=template.pk).update(cloned_from=previous)
        loaded.append(template)
    return loaded


@transaction.atomic
def load_seed_report(annex_path: Path) -> Report:
    """One seed report, value for value as printed, filed long ago: approved."""
    annex = json.loads(annex_path.read_text(encoding="utf-8"))
    document_path = annex_path.with_name(annex_path.name.replace(".annex.", ".document."))
    document = json.loads(document_path.read_text(encoding="utf-8"))
    unit = historical_unit(annex["unit"])
    period = ensure_period(annex["period"], locked=True)
    template = IndicatorTemplate.objects.get(
        code=annex["template"]["code"], version=annex["template"]["version"]
    )
    existing = Report.objects.filter(unit=unit, period=period, template=template).first()
    if existing is not None:
        return existing
    filed = timezone.make_aware(
        dt.datetime.combine(
            dt.date.fromisoformat(document["date"]) if document.get("date") else period.due_date,
            dt.time(9, 0),
        )
    )
    report = Report.objects.create(
        unit=unit,
        period=period,
        template=template,
        status=ReportStatus.APPROVED,
        issuer_parent=document["issuer_parent"],
        issuer=document["issuer"],
        number=document["number"],
        symbol=document["symbol"],
        place=document["place"],
        document_date=document.get("date"),
        date_printed=document["date_printed"],
        summary=document["summary"],
        recipient=document["recipient"],
        legal_basis=document["legal_basis"],
        intro=document["intro"],
        closing=document["closing"],
        recipients=document["recipients"],
        signer_mode=document["signer_mode"],
        signer_authority=document["signer_authority"],
        signer_title=document["signer_title"],
        signer_name=document["signer_name"],
        footnotes=document["footnotes"],
        annex_title=document["annex_title"],
        annex_reference=document["annex_reference"],
        submitted_at=filed,
        approved_at=filed,
    )
    indicators = {row.code: row for row in template.indicators.all()}
    values = []
    for code, cell in annex["values"].items():
        meaning = interpret_printed(indicators[code], cell["printed"])
        values.append(
            IndicatorValue(
                report=report,
                indicator=indicators[code],
                value=meaning.value,
                text=meaning.text,
                printed=meaning.printed,
                note=cell.get("note", ""),
                origin=ValueOrigin.IMPORTED,
            )
        )
    bulk_create_with_history(clean_instances(values), IndicatorValue)
    cells = []
    for table in template.tables.prefetch_related("rows", "columns"):
        rows = {row.code: row for row in table.rows.all()}
        columns = {column.code: column for column in table.columns.all()}
        for row_code, row_values in annex["tables"].get(table.code, {}).items():
            for column_code, printed in row_values.items():
                cells.append(
                    TableCellValue(
                        report=report,
                        row=rows[row_code],
                        column=columns[column_code],
                        value=parse_number(printed),
                        printed=printed,
                        origin=ValueOrigin.IMPORTED,
                    )
                )
    bulk_create_with_history(clean_instances(cells), TableCellValue)
    outline = list(template.outline.order_by("position"))
    bulk_create_with_history(
        clean_instances(
            NarrativeSection(
                report=report,
                outline=outline[index] if index < len(outline) else None,
                position=index + 1,
                level=section["level"],
                heading=section["heading"],
                text=section["text"],
            )
            for index, section in enumerate(document["sections"])
        ),
        NarrativeSection,
    )
    # The checks' verdict, for the reviewers' dashboards.
    record_counts(report, report_findings(report))
    return report


def load_seed_reports(fixtures_dir: Path) -> list[Report]:
    return [
        load_seed_report(path) for path in sorted((fixtures_dir / "reports").glob("*.annex.json"))
    ]


@transaction.atomic
def load_assignments(fixtures_dir: Path) -> int:
    """Which template each unit files (the seeds' districts and province)."""
    data = json.loads((fixtures_dir / "assignments.json").read_text(encoding="utf-8"))
    for item in data["assignments"]:
        template = IndicatorTemplate.objects.get(code=item["template"], version=item["version"])
        TemplateAssignment.objects.update_or_create(
            template=template,
            unit=historical_unit(item["unit"]),
            defaults={
                "period_kinds": item["period_kinds"],
                "valid_from": item["valid_from"],
                "valid_to": item["valid_to"],
            },
        )
    return len(data["assignments"])


@dataclass(frozen=True)
class TodayDemo:
    provinces: int
    communes: int
    units_with_predecessors: int
    predecessor_links: int


@transaction.atomic
def load_today(all_units: bool = True) -> TodayDemo:
    """Today's units (all of them, or only ``TODAY_PROVINCE``'s: quick, for the tests), the
    units they replaced among those loaded, and the template the province assigns."""
    only = None if all_units else {TODAY_PROVINCE}
    provinces, communes = load_official_units(only)
    units, links = load_predecessors(only)
    code, version = TODAY_TEMPLATE
    TemplateAssignment.objects.update_or_create(
        template=IndicatorTemplate.objects.get(code=code, version=version),
        unit=AdministrativeUnit.objects.by_code(TODAY_PROVINCE, on=TWO_LEVEL_START),
        defaults={"period_kinds": "QHMY", "valid_from": TWO_LEVEL_START, "valid_to": None},
    )
    return TodayDemo(provinces, communes, units, links)


def ensure_demo_users(users: list[DemoUser] | None = None) -> list[DemoUser]:
    """The demo accounts (by default those of the seeds' units; ``load_today`` must run before
    ``TODAY_DEMO_USERS`` are made)."""
    users = DEMO_USERS if users is None else users
    for demo in users:
        user = User.objects.filter(username=demo.username).first() or User(username=demo.username)
        user.role = demo.role
        user.unit = demo.unit()
        user.first_name = demo.full_name
        user.email = f"{demo.username}@cchc.example"
        user.is_staff = demo.superuser or demo.role == Role.TEMPLATE_ADMIN
        user.is_superuser = demo.superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
    return users
