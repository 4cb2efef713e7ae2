"""Synthetic but realistic report data for the benchmarks: figures that add up like a real
commune's (received = direct + BCCI + online, resolved = early + on time + late …)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from indicators.models import Aggregation, IndicatorTemplate, ValueType
from reports.models import (
    AdministrativeUnit,
    IndicatorValue,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportTransition,
    TableCellValue,
)


def figures_for(template: IndicatorTemplate, rng: random.Random) -> dict[str, Decimal]:
    """One commune's figures for every input row of the template."""
    indicators = list(template.indicators.order_by("position"))
    children: dict[int, list] = {}
    for indicator in indicators:
        if indicator.parent_id:
            children.setdefault(indicator.parent_id, []).append(indicator)
    values: dict[str, Decimal] = {}
    for indicator in indicators:
        if indicator.code in values or not indicator.is_input:
            continue
        kind = indicator.value_type
        if kind in (ValueType.YESNO, ValueType.CHOICE):
            allowed = [int(c["value"]) for c in indicator.choices] or [0, 1]
            values[indicator.code] = Decimal(rng.choice(allowed))
        elif kind == ValueType.PERCENT:
            values[indicator.code] = Decimal(rng.randint(600, 1000)) / 10
        elif kind == ValueType.TEXT:
            continue
        else:
            total = (
                rng.randint(50, 2000) if "hs" in "".join(indicator.tags) else rng.randint(0, 250)
            )
            values[indicator.code] = Decimal(total)
            parts = [c for c in children.get(indicator.pk, []) if c.is_breakdown]
            if indicator.parts_sum_to_total and parts:
                cuts = sorted(rng.randint(0, total) for _ in range(len(parts) - 1))
                for part, low, high in zip(parts, [0, *cuts], [*cuts, total], strict=True):
                    values[part.code] = Decimal(high - low)
    # Ratios recomputed from their counts where the template has them.
    for indicator in indicators:
        if indicator.aggregation == Aggregation.RATIO:
            counts = [
                c for c in children.get(indicator.pk, [])
                if c.is_breakdown and c.value_type in (ValueType.INTEGER, ValueType.DECIMAL)
            ]  # fmt: skip
            if len(counts) >= 2:
                den = rng.randint(10, 500)
                num = rng.randint(0, den)
                values[counts[0].code], values[counts[1].code] = Decimal(den), Decimal(num)
                values[indicator.code] = (Decimal(num) * 100 / den).quantize(Decimal("0.1"))
    return values


def generate_reports(
    units: list[AdministrativeUnit],
    period: ReportingPeriod,
    template: IndicatorTemplate,
    *,
    seed: int = 2024,
    sent_share: float = 0.9,
    batch: int = 5000,
) -> int:
    """One report per unit for the period (most sent, some approved, some missing), with
    figures for every input row and the table by field; returns the number of values."""
    rng = random.Random(seed)
    indicators = {i.code: i for i in template.indicators.all()}
    table_rows = [
        (row, column)
        for table in template.tables.prefetch_related("rows", "columns")
        for row in table.rows.all()
        for column in table.columns.all()
    ]
    due = timezone.make_aware(dt.datetime.combine(period.due_date, dt.time(16)))
    reports = []
    for unit in units:
        roll = rng.random()
        if roll > sent_share + 0.05:
            continue  # missing: never started
        status = (
            ReportStatus.DRAFT
            if roll > sent_share
            else rng.choice([ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.APPROVED])
        )
        submitted = due - dt.timedelta(hours=rng.randint(-30, 200)) if status != "draft" else None
        reports.append(
            Report(
                unit=unit,
                period=period,
                template=template,
                status=status,
                submitted_at=submitted,
                error_count=rng.choice([0, 0, 0, 1, 2]),
                warning_count=rng.randint(0, 4),
            )
        )
    Report.objects.bulk_create(reports, batch_size=1000)
    reports = list(
        Report.objects.filter(period=period, template=template, unit__in=units).select_related(
            "unit"
        )
    )
    transitions, values, cells = [], [], []
    for report in reports:
        if report.submitted_at:
            transitions.append(
                ReportTransition(
                    report=report,
                    from_status="draft",
                    to_status="submitted",
                    at=report.submitted_at,
                )
            )
        for code, value in figures_for(template, rng).items():
            values.append(
                IndicatorValue(
                    report=report, indicator=indicators[code], value=value, printed=str(value)
                )
            )
        for row, column in table_rows:
            cells.append(
                TableCellValue(
                    report=report, row=row, column=column, value=Decimal(rng.randint(0, 300))
                )
            )
        if len(values) >= batch:
            IndicatorValue.objects.bulk_create(values, batch_size=batch)
            values.clear()
    IndicatorValue.objects.bulk_create(values, batch_size=batch)
    TableCellValue.objects.bulk_create(cells, batch_size=batch)
    ReportTransition.objects.bulk_create(transitions, batch_size=batch)
    # bulk_create skips auto_now_add: the transition time is the submission time.
    for report in reports:
        if report.submitted_at:
            ReportTransition.objects.filter(report=report).update(at=report.submitted_at)
    return IndicatorValue.objects.filter(report__in=reports).count()


def make_province(code: str, name: str, communes: int) -> tuple[AdministrativeUnit, list]:
    """A two-level province (since 1/7/2025) with ``communes`` communes."""
    province, _ = AdministrativeUnit.objects.get_or_create(
        code=code, tier=1, valid_from=dt.date(2025, 7, 1), defaults={"name": name, "kind": "tinh"}
    )
    existing = list(AdministrativeUnit.objects.filter(parent=province))
    if len(existing) < communes:
        new = [
            AdministrativeUnit(
                code=f"{code}{index:05d}",
                name=f"Xã Thử Nghiệm {index}",
                kind="xa",
                tier=3,
                parent=province,
                valid_from=dt.date(2025, 7, 1),
            )
            for index in range(len(existing), communes)
        ]
        AdministrativeUnit.objects.bulk_create(new, batch_size=1000)
        created = list(AdministrativeUnit.objects.filter(parent=province, path=""))
        for unit in created:
            unit.path = f"{province.path}{unit.pk}/"
        AdministrativeUnit.objects.bulk_update(created, ["path"], batch_size=1000)
    return province, list(AdministrativeUnit.objects.filter(parent=province).order_by("pk"))
