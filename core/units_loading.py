"""Loading the administrative-unit trees: the seeds' historical one and today's official list."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from core.models import TWO_LEVEL_START, AdministrativeUnit, Tier, UnitKind, tier_of
from core.text_input import clean_instances


def normalise_code(code: str | int) -> str:
    """Official codes are printed with leading zeros ("05605"); we keep them as numbers are
    written elsewhere ("5605"), unique within their tier."""
    return str(code).strip().lstrip("0") or "0"


@transaction.atomic
def load_historical_units(path: Path) -> int:
    """The 3-level tree of the seeds (province → district → commune), ended on 30/6/2025."""
    data = json.loads(path.read_text(encoding="utf-8"))
    valid_to = dt.date.fromisoformat(data["valid_to"])
    count = 0

    def load(node: dict, parent: AdministrativeUnit | None) -> None:
        nonlocal count
        unit, _ = AdministrativeUnit.objects.update_or_create(
            code=normalise_code(node["code"]),
            tier=tier_of(node["kind"]),
            valid_from=None,
            defaults={
                "name": node["name"],
                "kind": node["kind"],
                "parent": parent,
                "valid_to": valid_to,
            },
        )
        count += 1
        for child in node.get("children", []):
            load(child, unit)

    for root in data["units"]:
        load(root, None)
    return count


_OFFICIAL_KINDS = {
    "tỉnh": UnitKind.TINH,
    "thành phố trung ương": UnitKind.THANH_PHO_TW,
    "xã": UnitKind.XA,
    "phường": UnitKind.PHUONG,
    "đặc khu": UnitKind.DAC_KHU,
}


@transaction.atomic
def load_official_units() -> tuple[int, int]:
    """Today's 34 provinces and 3,321 communes (from 1/7/2025), from ``vietnam-provinces``.

    Idempotent: units already loaded are renamed if the list changed, never duplicated.
    """
    from vietnam_provinces import Province, Ward

    existing = {
        (unit.tier, unit.code): unit
        for unit in AdministrativeUnit.objects.filter(valid_from=TWO_LEVEL_START)
    }
    provinces: dict[str, AdministrativeUnit] = {}
    for province in Province.iter_all():
        code = normalise_code(int(province.code))
        unit = existing.get((Tier.PROVINCE, code))
        kind = _OFFICIAL_KINDS[province.division_type.value]
        if unit is None:
            unit = AdministrativeUnit.objects.create(
                code=code, name=province.name, kind=kind, valid_from=TWO_LEVEL_START
            )
        elif (unit.name, unit.kind) != (province.name, kind):
            unit.name, unit.kind = province.name, kind
            unit.save()
        provinces[code] = unit
    new_wards, changed = [], []
    for ward in Ward.iter_all():
        code = normalise_code(int(ward.code))
        parent = provinces[normalise_code(int(ward.province_code))]
        kind = _OFFICIAL_KINDS[ward.division_type.value]
        unit = existing.get((Tier.COMMUNE, code))
        if unit is None:
            new_wards.append(
                AdministrativeUnit(
                    code=code,
                    name=ward.name,
                    kind=kind,
                    parent=parent,
                    tier=Tier.COMMUNE,
                    valid_from=TWO_LEVEL_START,
                )
            )
        elif (unit.name, unit.kind, unit.parent_id) != (ward.name, kind, parent.pk):
            unit.name, unit.kind, unit.parent = ward.name, kind, parent
            changed.append(unit)
    created = AdministrativeUnit.objects.bulk_create(clean_instances(new_wards), batch_size=500)
    if not all(unit.pk for unit in created):  # a backend that does not return keys
        codes = [unit.code for unit in created]
        created = list(
            AdministrativeUnit.objects.filter(
                valid_from=TWO_LEVEL_START, tier=Tier.COMMUNE, code__in=codes
            )
        )
    for unit in [*created, *changed]:
        above = unit.parent
        assert above is not None  # every commune here hangs under its province
        unit.path = f"{above.path}{unit.pk}/"
    AdministrativeUnit.objects.bulk_update(
        clean_instances([*created, *changed]), ["path", "name", "kind", "parent"], batch_size=500
    )
    return len(provinces), sum(1 for _ in Ward.iter_all())
