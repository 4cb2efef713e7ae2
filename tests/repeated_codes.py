"""Units that share a code across the reform of 1 July 2025, for the tests of lookups by code:
today's xã Hoằng Phú reuses the code 15889 of xã Hoằng Kim (a seed)."""

from __future__ import annotations

from core.models import TWO_LEVEL_START, AdministrativeUnit, Tier


def new(code: str, tier: int = Tier.COMMUNE) -> AdministrativeUnit:
    """Today's unit of the code."""
    return AdministrativeUnit.objects.get(code=code, tier=tier, valid_from=TWO_LEVEL_START)


def old(code: str, tier: int = Tier.COMMUNE) -> AdministrativeUnit:
    """The seeds' unit of the code (before 1 July 2025)."""
    return AdministrativeUnit.objects.get(code=code, tier=tier, valid_from__isnull=True)
