"""The administrative-unit tree: both structures side by side, scoped by subtree."""

from __future__ import annotations

import datetime as dt

import pytest

from core.units_loading import load_official_units, normalise_code
from reports.models import AdministrativeUnit, UnitKind


def unit(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, valid_from__isnull=True)


@pytest.mark.django_db
def test_the_seeds_live_in_the_three_level_tree():
    commune = unit("15889")
    assert [a.code for a in commune.ancestors()] == ["38", "399"]
    assert commune.kind == UnitKind.XA
    assert commune.is_commune
    assert commune.valid_to == dt.date(2025, 6, 30)
    assert commune.short_name == "Hoằng Kim"


@pytest.mark.django_db
def test_a_district_s_subtree_holds_its_communes_and_nothing_else():
    district = unit("399")
    codes = set(AdministrativeUnit.objects.descendants_of(district).values_list("code", flat=True))
    assert codes == {"399", "15886", "15889"}
    assert set(
        AdministrativeUnit.objects.descendants_of(district, include_self=False).values_list(
            "code", flat=True
        )
    ) == {"15886", "15889"}
    assert unit("15889").is_within(district)
    assert not unit("18217").is_within(district)


@pytest.mark.django_db
def test_codes_are_read_without_leading_zeros():
    assert normalise_code("05605") == "5605"
    assert AdministrativeUnit.objects.by_code(normalise_code("05605")).name == "Xã Bình Thành"


@pytest.mark.django_db
def test_the_official_list_has_34_provinces_and_3321_communes_and_loads_idempotently():
    assert load_official_units() == (34, 3321)
    current = AdministrativeUnit.objects.valid_on(dt.date(2025, 7, 1))
    assert current.filter(parent__isnull=True).count() == 34
    assert current.communes().count() == 3321
    assert current.filter(kind=UnitKind.DAC_KHU).count() == 13
    # Run again: nothing duplicated, every unit placed in the tree.
    load_official_units()
    assert AdministrativeUnit.objects.filter(valid_from=dt.date(2025, 7, 1)).count() == 3355
    assert not AdministrativeUnit.objects.filter(path="").exists()
    thanh_hoa = AdministrativeUnit.objects.by_code("38", on=dt.date(2026, 1, 1))
    assert thanh_hoa.valid_from == dt.date(2025, 7, 1)
    assert AdministrativeUnit.objects.descendants_of(thanh_hoa).communes().count() > 100
    # Before the reform, the same code names the historical province.
    assert AdministrativeUnit.objects.by_code("38", on=dt.date(2024, 1, 1)).valid_from is None


@pytest.mark.django_db
def test_an_unknown_code_is_reported_in_vietnamese():
    with pytest.raises(AdministrativeUnit.DoesNotExist, match="Không có đơn vị hành chính"):
        AdministrativeUnit.objects.by_code("999999")
