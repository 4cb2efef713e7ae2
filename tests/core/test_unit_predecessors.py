"""Which units today's units replaced on 1 July 2025: the official conversion, its loading, and
codes that now name two units (the new commune often reuses a predecessor's code)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from core.models import TWO_LEVEL_START, AdministrativeUnit, Tier, UnitKind
from core.official_mergers import name_key, official_predecessors
from core.units_loading import THREE_LEVEL_END, load_official_units, load_predecessors

THANH_HOA = "38"


def old(code: str, tier: int = Tier.COMMUNE) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, tier=tier, valid_from__isnull=True)


def new(code: str, tier: int = Tier.COMMUNE) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, tier=tier, valid_from=TWO_LEVEL_START)


@pytest.fixture
def thanh_hoa_today(db):
    """Today's Thanh Hóa (its 166 communes) linked to the seeds' units it replaced."""
    load_official_units({THANH_HOA})
    load_predecessors({THANH_HOA})


def test_the_migration_adds_the_link_table(db):
    table = AdministrativeUnit.predecessors.through._meta.db_table
    assert table in connection.introspection.table_names()
    field = AdministrativeUnit._meta.get_field("predecessors")
    assert field.remote_field.symmetrical is False
    assert field.remote_field.related_name == "successors"


def test_the_official_conversion_names_hoang_kim_s_successor_by_code():
    mapping = official_predecessors()
    # Xã Hoằng Phú (15889, reusing Hoằng Kim's code) took in Hoằng Phú, Hoằng Kim, Hoằng Trung
    # and Hoằng Quý; xã Hoằng Giang took in Hoằng Quỳ (15886), the other seed of the district.
    assert mapping[(Tier.COMMUNE, "15889")] == {
        (Tier.COMMUNE, code) for code in ("15883", "15889", "15892", "15916")
    }
    assert (Tier.COMMUNE, "15886") in mapping[(Tier.COMMUNE, "15880")]
    assert mapping[(Tier.PROVINCE, THANH_HOA)] == {(Tier.PROVINCE, THANH_HOA)}
    # Hà Giang and Tuyên Quang became Tuyên Quang (code 8).
    assert mapping[(Tier.PROVINCE, "8")] == {(Tier.PROVINCE, "2"), (Tier.PROVINCE, "8")}
    # An island district became a đặc khu.
    assert mapping[(Tier.COMMUNE, "11948")] == {(Tier.DISTRICT, "318")}


def test_every_commune_of_today_has_predecessors_in_the_conversion():
    from vietnam_provinces import Province, Ward

    mapping = official_predecessors()
    communes = {str(int(ward.code)) for ward in Ward.iter_all()}
    assert communes == {code for tier, code in mapping if tier == Tier.COMMUNE}
    provinces = {str(int(province.code)) for province in Province.iter_all()}
    assert provinces == {code for tier, code in mapping if tier == Tier.PROVINCE}
    # The seeds' other communes.
    for seed in ("18217", "5605", "20071"):
        assert any((Tier.COMMUNE, seed) in olds for olds in mapping.values())


def test_names_match_across_spellings():
    assert name_key("Xã  Thuận Hoà") == name_key("Xã Thuận Hòa")
    assert name_key("Xã Ea H’leo") == name_key("Xã Ea H'Leo")
    assert name_key("Xã Chân Mây – Lăng Cô") == name_key("Xã Chân Mây - Lăng Cô")
    assert name_key("Xã Thuỷ") == name_key("Xã Thủy")
    assert name_key("Xã Văn Lang") != name_key("Xã Văn Lăng")


def test_loading_links_today_s_commune_to_the_seed_it_replaced(thanh_hoa_today):
    hoang_phu = new("15889")
    assert hoang_phu.name == "Xã Hoằng Phú"
    assert list(hoang_phu.predecessors.all()) == [old("15889")]
    assert old("15889").name == "Xã Hoằng Kim"
    assert list(old("15889").successors.all()) == [hoang_phu]
    assert list(old("15886").successors.values_list("name", flat=True)) == ["Xã Hoằng Giang"]
    assert list(new(THANH_HOA, Tier.PROVINCE).predecessors.all()) == [old(THANH_HOA, Tier.PROVINCE)]
    # Districts were abolished, not merged: no successor.
    assert not old("399", Tier.DISTRICT).successors.exists()


def test_loading_predecessors_is_idempotent_and_keeps_links_set_by_hand(thanh_hoa_today):
    hoang_phu = new("15889")
    by_hand = old("5605")  # not in the conversion for this commune: an administrator's choice
    hoang_phu.predecessors.add(by_hand)
    links = AdministrativeUnit.predecessors.through.objects.count()
    assert load_predecessors({THANH_HOA}) == (0, 0)
    assert load_predecessors() == (0, 0)
    assert AdministrativeUnit.predecessors.through.objects.count() == links
    assert set(hoang_phu.predecessors.all()) == {old("15889"), by_hand}


def test_an_old_unit_found_without_an_end_date_ends_on_30_june_2025(db):
    district = old("399", Tier.DISTRICT)
    hoang_trung = AdministrativeUnit.objects.create(
        code="15892", name="Xã Hoằng Trung", kind=UnitKind.XA, parent=district
    )
    assert hoang_trung.valid_to is None
    load_official_units({THANH_HOA})
    assert load_predecessors({THANH_HOA}) == (3, 4)
    hoang_trung.refresh_from_db()
    assert hoang_trung.valid_to == THREE_LEVEL_END == dt.date(2025, 6, 30)
    assert set(new("15889").predecessors.all()) == {old("15889"), hoang_trung}


def test_loading_only_some_provinces_links_only_theirs(thanh_hoa_today):
    assert not AdministrativeUnit.objects.filter(code="42", valid_from=TWO_LEVEL_START).exists()
    assert not old("18217").successors.exists()  # Sơn Phú, Hà Tĩnh: not loaded


def test_the_load_units_command_loads_units_and_predecessors(db, capsys):
    from django.core.management import call_command

    call_command("load_units")
    out = capsys.readouterr().out
    assert "34 tỉnh" in out and "3321 xã" in out and "Đơn vị tiền thân" in out
    # The five seed communes and the four seed provinces each have their successor.
    for code in ("15889", "15886", "18217", "5605", "20071"):
        assert old(code).successors.count() == 1
    assert new("18133").predecessors.get() == old("18217")  # Sơn Phú → xã Hương Sơn
    for code in ("38", "42", "19", "46"):
        assert old(code, Tier.PROVINCE).successors.count() == 1


# Predecessors before a day ----------------------------------------------------------------


def test_predecessors_of_a_unit_before_a_day_and_through_earlier_mergers(thanh_hoa_today):
    hoang_phu = new("15889")
    hoang_kim = old("15889")
    assert list(AdministrativeUnit.objects.predecessors_of(hoang_phu)) == [hoang_kim]
    # A commune merged into Hoằng Kim in 2020 (earlier mergers are set by hand).
    older = AdministrativeUnit.objects.create(
        code="99001",
        name="Xã Hoằng Cũ",
        kind=UnitKind.XA,
        parent=hoang_kim.parent,
        valid_from=dt.date(2000, 1, 1),
        valid_to=dt.date(2019, 12, 31),
    )
    hoang_kim.predecessors.add(older)
    assert list(AdministrativeUnit.objects.predecessors_of(hoang_phu)) == [hoang_kim]
    assert set(AdministrativeUnit.objects.predecessors_of(hoang_phu, transitive=True)) == {
        hoang_kim,
        older,
    }
    # Those that existed before a day: a unit started since is left out.
    later = AdministrativeUnit.objects.create(
        code="99002",
        name="Xã Mới Lập",
        kind=UnitKind.XA,
        parent=hoang_kim.parent,
        valid_from=dt.date(2025, 1, 1),
        valid_to=THREE_LEVEL_END,
    )
    hoang_phu.predecessors.add(later)
    assert set(AdministrativeUnit.objects.predecessors_of(hoang_phu)) == {hoang_kim, later}
    assert set(
        AdministrativeUnit.objects.predecessors_of(hoang_phu, before=dt.date(2024, 1, 1))
    ) == {hoang_kim}
    assert set(
        AdministrativeUnit.objects.predecessors_of(
            hoang_phu, before=dt.date(1999, 1, 1), transitive=True
        )
    ) == {hoang_kim}
    assert not AdministrativeUnit.objects.predecessors_of(hoang_kim, transitive=True).exclude(
        pk=older.pk
    )


# Codes that name two units ----------------------------------------------------------------


def test_a_repeated_code_resolves_by_date_and_else_to_today_s_unit(thanh_hoa_today):
    units = AdministrativeUnit.objects
    assert units.by_code("15889", on=dt.date(2024, 9, 14)) == old("15889")
    assert units.by_code("15889", on=dt.date(2026, 12, 14)) == new("15889")
    assert units.by_code("15889") == new("15889")  # without a day: today's, on every database
    assert units.by_code("38", on=dt.date(2024, 1, 1)) == old("38", Tier.PROVINCE)
    assert units.by_code("38") == new("38", Tier.PROVINCE)
    assert units.filter(valid_from__isnull=True).by_code("15889") == old("15889")
    assert units.all_by_code("15889") == [old("15889"), new("15889")]
    assert units.all_by_code("15889", on=dt.date(2024, 1, 1)) == [old("15889")]
    assert units.all_by_code("38") == [old("38", Tier.PROVINCE), new("38", Tier.PROVINCE)]
    assert units.all_by_code("999999") == []


# The admin, where the conversion has no answer ----------------------------------------------


def test_the_admin_offers_only_ended_units_as_predecessors_and_shows_successors(
    client, superuser, thanh_hoa_today
):
    client.force_login(superuser)
    found = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "core",
            "model_name": "administrativeunit",
            "field_name": "predecessors",
            "term": "15889",
        },
    ).json()
    assert [int(item["id"]) for item in found["results"]] == [old("15889").pk]
    page = client.get(f"/admin/core/administrativeunit/{new('15889').pk}/change/")
    assert page.status_code == 200 and "Xã Hoằng Kim" in page.content.decode()
    page = client.get(f"/admin/core/administrativeunit/{old('15889').pk}/change/")
    assert "Xã Hoằng Phú (mã 15889, từ 01/07/2025)" in page.content.decode()
