"""The administrative-unit tree: province → (district →) commune, each unit with its dates.

Until 30 June 2025 communes reported to their district; since 1 July 2025 there are two levels.
Both trees live side by side: a unit carries the dates it existed, and official codes are only
unique together with the date a unit started (a new commune may reuse an old commune's code).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q


class UnitKind(models.TextChoices):
    TINH = "tinh", "Tỉnh"
    THANH_PHO_TW = "thanh_pho_tw", "Thành phố trực thuộc trung ương"
    HUYEN = "huyen", "Huyện"
    QUAN = "quan", "Quận"
    THI_XA = "thi_xa", "Thị xã"
    THANH_PHO = "thanh_pho", "Thành phố thuộc tỉnh"
    XA = "xa", "Xã"
    PHUONG = "phuong", "Phường"
    THI_TRAN = "thi_tran", "Thị trấn"
    DAC_KHU = "dac_khu", "Đặc khu"


PROVINCE_KINDS = {UnitKind.TINH, UnitKind.THANH_PHO_TW}
DISTRICT_KINDS = {UnitKind.HUYEN, UnitKind.QUAN, UnitKind.THI_XA, UnitKind.THANH_PHO}
COMMUNE_KINDS = {UnitKind.XA, UnitKind.PHUONG, UnitKind.THI_TRAN, UnitKind.DAC_KHU}


class Tier(models.IntegerChoices):
    """Codes are unique only within a tier: province 4 (Cao Bằng) and a ward 4 both exist."""

    PROVINCE = 1, "Cấp tỉnh"
    DISTRICT = 2, "Cấp huyện"
    COMMUNE = 3, "Cấp xã"


def tier_of(kind: str) -> int:
    if kind in PROVINCE_KINDS:
        return Tier.PROVINCE
    if kind in DISTRICT_KINDS:
        return Tier.DISTRICT
    return Tier.COMMUNE


# The day the two-level local government started (Luật Tổ chức chính quyền địa phương 2025).
TWO_LEVEL_START = dt.date(2025, 7, 1)


class AdministrativeUnitQuerySet(models.QuerySet["AdministrativeUnit"]):
    def valid_on(self, day: dt.date) -> AdministrativeUnitQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def descendants_of(self, unit: AdministrativeUnit, include_self: bool = True):
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def communes(self) -> AdministrativeUnitQuerySet:
        return self.filter(kind__in=COMMUNE_KINDS)

    def existed_before(self, day: dt.date) -> AdministrativeUnitQuerySet:
        """Units that existed on some day before ``day`` (a unit without a start always did)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lt=day))

    def predecessors_of(
        self, unit: AdministrativeUnit, before: dt.date | None = None, transitive: bool = False
    ) -> AdministrativeUnitQuerySet:
        """The units merged into ``unit`` (its predecessors), those that existed before a day
        (by default the day the unit started); ``transitive`` follows earlier mergers too
        (a commune merged in 2020 into one merged again in 2025). One query per generation."""
        before = before or unit.valid_from
        found: set[int] = set()
        frontier = {unit.pk}
        while frontier:
            step = AdministrativeUnit.predecessors.through.objects.filter(
                from_administrativeunit_id__in=frontier
            ).values_list("to_administrativeunit_id", flat=True)
            frontier = set(step) - found - {unit.pk}
            found |= frontier
            if not transitive:
                break
        chosen = self.filter(pk__in=found)
        return chosen.existed_before(before) if before else chosen

    def all_by_code(self, code: str, on: dt.date | None = None) -> list[AdministrativeUnit]:
        """Every unit with this code at the highest tier that has it: codes repeat over time
        (the old commune and today's that reuses its code); with ``on``, the one valid that day
        (all of them if none was)."""
        first = self.filter(code=code).order_by("tier").first()
        if first is None:
            return []
        if on is not None:
            return [self.by_code(code, on=on, tier=first.tier)]
        same = self.filter(code=code, tier=first.tier)
        return list(same.order_by(F("valid_from").asc(nulls_first=True)))  # oldest first

    def by_code(
        self, code: str, on: dt.date | None = None, tier: int | None = None
    ) -> AdministrativeUnit:
        """The unit with this official code, the one valid ``on`` a day when codes repeat (the
        latest one without a day: today's commune, not the one it replaced); the highest tier
        first when a province and a commune share a code."""
        candidates: AdministrativeUnitQuerySet = self.filter(code=code)
        if tier is not None:
            candidates = candidates.filter(tier=tier)
        if on is not None:
            dated = candidates.valid_on(on)
            if dated.exists():
                candidates = dated
        unit = candidates.order_by("tier", F("valid_from").desc(nulls_last=True)).first()
        if unit is None:
            raise self.model.DoesNotExist(f"Không có đơn vị hành chính mã {code}.")
        return unit


class AdministrativeUnit(models.Model):
    code = models.CharField("mã ĐVHC", max_length=10, db_index=True)
    name = models.CharField("tên", max_length=200)
    kind = models.CharField("loại", max_length=20, choices=UnitKind.choices)
    tier = models.PositiveSmallIntegerField("cấp", choices=Tier.choices, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of primary keys ("12/57/903/"), so a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    # The units merged into this one (on 1/7/2025, every commune of the two-level structure
    # replaced one or more communes of the three-level one; a new commune often reuses the
    # code of one of them). Loaded from the official conversion (``load_units``), or set by
    # hand in the admin where it has none.
    predecessors = models.ManyToManyField(
        "self",
        verbose_name="đơn vị tiền thân",
        symmetrical=False,
        related_name="successors",
        blank=True,
    )

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when units lived in ``reports`` (moved by state-only
        # migrations: no row was copied).
        db_table = "reports_administrativeunit"
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["tier", "code", "valid_from"], name="unique_unit_code_per_start"
            ),
            models.UniqueConstraint(
                fields=["tier", "code"],
                condition=Q(valid_from__isnull=True),
                name="unique_unit_code_without_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.tier = tier_of(self.kind)
        super().save(*args, **kwargs)
        expected = f"{self.parent.path if self.parent else ''}{self.pk}/"
        if self.path != expected:
            self.path = expected
            type(self).objects.filter(pk=self.pk).update(path=expected)

    @property
    def is_commune(self) -> bool:
        return self.kind in COMMUNE_KINDS

    @property
    def is_province(self) -> bool:
        return self.kind in PROVINCE_KINDS

    @property
    def level(self) -> int:
        return self.path.count("/")

    @property
    def short_name(self) -> str:
        """The name without its kind, as in "Hoằng Kim" for "Xã Hoằng Kim"."""
        label = self.get_kind_display()
        for prefix in (label, label.split(" ")[0]):
            if self.name.lower().startswith(prefix.lower() + " "):
                return self.name[len(prefix) + 1 :]
        return self.name

    def is_within(self, other: AdministrativeUnit) -> bool:
        return self.path.startswith(other.path)

    def ancestors(self) -> list[AdministrativeUnit]:
        ids = [int(pk) for pk in self.path.strip("/").split("/")[:-1] if pk]
        by_id = AdministrativeUnit.objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]
