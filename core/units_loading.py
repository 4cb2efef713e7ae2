"""Loading the administrative-unit trees: the seeds' historical one and today's official list."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from pathlib import Path

from django.db import transaction
from django.db.models import Q

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
def load_official_units(province_codes: Collection[str] | None = None) -> tuple[int, int]:
    """Today's 34 provinces and 3,321 communes (from 1/7/2025), from ``vietnam-provinces``;
    only those of some provinces if ``province_codes`` names them (the demo's quick load).

    Idempotent: units already loaded are renamed if the list changed, never duplicated.
    """
    from vietnam_provinces import Province, Ward

    def wanted(code: str) -> bool:
        return province_codes is None or code in province_codes

    existing = {
        (unit.tier, unit.code): unit
        for unit in AdministrativeUnit.objects.filter(valid_from=TWO_LEVEL_START)
    }
    provinces: dict[str, AdministrativeUnit] = {}
    for province in Province.iter_all():
        code = normalise_code(int(province.code))
        if not wanted(code):
            continue
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
    wards = [ward for ward in Ward.iter_all() if wanted(normalise_code(int(ward.province_code)))]
    for ward in wards:
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
    return len(provinces), len(wards)


# The last day of the three-level structure: a unit replaced on 1/7/2025 ends then.
THREE_LEVEL_END = TWO_LEVEL_START - dt.timedelta(days=1)


@transaction.atomic
def load_predecessors(province_codes: Collection[str] | None = None) -> tuple[int, int]:
    """Link each unit of 1/7/2025 already loaded to the units it replaced, from the official
    conversion (``core.official_mergers``): the old units are those of the same tier and code
    valid on 30/6/2025 (the new commune often reuses a predecessor's code: the dates tell them
    apart). Old units absent from the database are skipped; an old unit linked without an end
    date gets 30/6/2025. Idempotent, and it only adds: links set by hand in the admin (where
    the conversion has none) stay.

    Returns (units with predecessors added, links added).
    """
    from core.official_mergers import official_predecessors

    mapping = official_predecessors()
    new_units = AdministrativeUnit.objects.filter(valid_from=TWO_LEVEL_START)
    if province_codes is not None:
        roots = AdministrativeUnit.objects.filter(
            valid_from=TWO_LEVEL_START, tier=Tier.PROVINCE, code__in=province_codes
        )
        scope = Q()
        for root in roots:
            scope |= Q(path__startswith=root.path)
        new_units = new_units.filter(scope) if roots else new_units.none()
    by_ref = {(unit.tier, unit.code): unit for unit in new_units}
    wanted = {ref: olds for ref, olds in mapping.items() if ref in by_ref}
    # No list of codes in the queries: SQLite bounds their length, and both sets are small.
    old_units = {
        (unit.tier, unit.code): unit
        for unit in AdministrativeUnit.objects.valid_on(THREE_LEVEL_END).only(
            "pk", "tier", "code", "valid_to"
        )
    }
    through = AdministrativeUnit.predecessors.through
    existing = set(
        through.objects.filter(from_administrativeunit__valid_from=TWO_LEVEL_START).values_list(
            "from_administrativeunit_id", "to_administrativeunit_id"
        )
    )
    links = []
    for ref, olds in wanted.items():
        for old in sorted(olds):
            if old not in old_units:
                continue
            pair = (by_ref[ref].pk, old_units[old].pk)
            if pair not in existing:
                existing.add(pair)
                links.append(
                    through(from_administrativeunit_id=pair[0], to_administrativeunit_id=pair[1])
                )
    through.objects.bulk_create(links, batch_size=500)
    unended = {
        old_units[old].pk
        for olds in wanted.values()
        for old in olds
        if old in old_units and old_units[old].valid_to is None
    }
    AdministrativeUnit.objects.filter(pk__in=unended).update(valid_to=THREE_LEVEL_END)
    return len({link.from_administrativeunit_id for link in links}), len(links)
