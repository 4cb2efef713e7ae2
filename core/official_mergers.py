"""Which units of the three-level structure each unit of 1 July 2025 replaced, by official code.

The conversion comes from the package ``vietnamadminunits`` (its ``converter_2025.json``: each new
commune with the old communes merged into it, and the old communes split between several new
ones; each new province with the old provinces). It names units by keys built from their names,
so the keys are turned into codes here: the old ones with the package's own 63-province table
(``dataset.db``, the GSO codes of before 1/7/2025), the new ones by name against
``vietnam-provinces``, the list our units come from (the two packages give different codes to
about 120 new communes; the name within the province is what the conversion means).

Only the data files are read: importing the package itself would load its address parser and
geometry libraries, which the portal does not need.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from core.models import Tier

UnitRef = tuple[int, str]  # (tier, official code as stored: no leading zeros)

# Old and new spellings of the same syllable: the tone mark on the first or the second vowel
# ("Hòa" / "Hoà", "Thủy" / "Thuỷ").
_TONE_PLACES = [
    *((old + "a", "o" + new) for old, new in zip("òóỏõọ", "àáảãạ", strict=True)),
    *((old + "e", "o" + new) for old, new in zip("òóỏõọ", "èéẻẽẹ", strict=True)),
    *((old + "y", "u" + new) for old, new in zip("ùúủũụ", "ỳýỷỹỵ", strict=True)),
]


def _code(value: str | int) -> str:
    return str(value).strip().lstrip("0") or "0"


def name_key(name: str) -> str:
    """A unit's name as both packages may spell it: one space, one apostrophe, one dash, the
    tone mark where the new spelling puts it ("Hòa" and "Hoà" are one name)."""
    text = unicodedata.normalize("NFC", name).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    for old, new in _TONE_PLACES:
        text = text.replace(old, new)
    return " ".join(text.split())


def ascii_key(name: str) -> str:
    """A name without accents, spaces or punctuation (a last resort, when unique)."""
    text = unicodedata.normalize("NFD", name.casefold().replace("đ", "d"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"[^a-z0-9]", "", text)


class MergerDataMissing(Exception):
    """The package with the official conversion is not installed."""


def data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise MergerDataMissing(
            "Thiếu gói vietnamadminunits (bảng chuyển đổi đơn vị hành chính 2025)."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _rows(database: Path, sql: str) -> list[tuple]:
    # Read-only and immutable: the package's folder may not be writable.
    with sqlite3.connect(f"{database.as_uri()}?mode=ro&immutable=1", uri=True) as connection:
        return connection.execute(sql).fetchall()


def _new_communes(
    rows: Iterable[tuple[str, str, str, str, str]],
) -> dict[tuple[str, str], str]:
    """(province key, ward key) of the package → the commune's code in ``vietnam-provinces``."""
    from vietnam_provinces import Ward

    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_ascii: dict[tuple[str, str], list[str]] = defaultdict(list)
    known: dict[str, str] = {}
    for ward in Ward.iter_all():
        province, code = _code(int(ward.province_code)), _code(int(ward.code))
        by_name[(province, name_key(ward.name))].append(code)
        by_ascii[(province, ascii_key(ward.name))].append(code)
        known[code] = province
    found = {}
    for province_key, ward_key, province_code, name, code in rows:
        province = _code(province_code)
        candidates = by_name.get((province, name_key(name))) or by_ascii.get(
            (province, ascii_key(name)), []
        )
        if len(candidates) == 1:
            found[(province_key, ward_key)] = candidates[0]
        elif known.get(_code(code)) == province:
            found[(province_key, ward_key)] = _code(code)
    return found


@cache
def official_predecessors() -> dict[UnitRef, frozenset[UnitRef]]:
    """Each unit of 1/7/2025 (tier, code) → the units it replaced (tier, code): communes (and
    the island districts that became đặc khu) and provinces."""
    folder = data_dir()
    conversion = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
    database = folder / "dataset.db"
    old_units: dict[str, UnitRef] = {}
    old_provinces: dict[str, str] = {}
    for province_key, district_key, ward_key, province_code, district_code, ward_code in _rows(
        database,
        "SELECT provinceKey, districtKey, wardKey, provinceCode, districtCode, wardCode "
        "FROM admin_units_legacy",
    ):
        key = f"{province_key}_{district_key}_{ward_key or ''}"
        old_units[key] = (
            (Tier.COMMUNE, _code(ward_code)) if ward_code else (Tier.DISTRICT, _code(district_code))
        )
        old_provinces[province_key] = _code(province_code)
    new_rows = _rows(
        database, "SELECT provinceKey, wardKey, provinceCode, ward, wardCode FROM admin_units"
    )
    new_provinces = {row[0]: _code(row[2]) for row in new_rows}
    new_communes = _new_communes(new_rows)

    mapping: dict[UnitRef, set[UnitRef]] = defaultdict(set)

    def link(new: tuple[str, str], old_key: str) -> None:
        if new in new_communes and old_key in old_units:
            mapping[(Tier.COMMUNE, new_communes[new])].add(old_units[old_key])

    for province_key, communes in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in communes.items():
            for old_key in old_keys:
                link((province_key, ward_key), old_key)
    for province_key, split in conversion["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in split.items():
            for part in parts:
                link((province_key, part["newWardKey"]), old_key)
    for province_key, old_keys in conversion["DICT_PROVINCE"].items():
        for old_key in old_keys:
            if province_key in new_provinces and old_key in old_provinces:
                mapping[(Tier.PROVINCE, new_provinces[province_key])].add(
                    (Tier.PROVINCE, old_provinces[old_key])
                )
    return {unit: frozenset(olds) for unit, olds in mapping.items()}
