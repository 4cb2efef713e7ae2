"""Users of the portal, each attached to an administrative unit with one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from core.access import Role, is_commune_staff, is_reviewer, is_template_admin


class User(AbstractUser):
    unit = models.ForeignKey(
        "core.AdministrativeUnit",
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices, blank=True)
    position = models.CharField("chức vụ", max_length=120, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    # For templates; the checks themselves live in ``core.access``.
    @property
    def is_commune_staff(self) -> bool:
        return is_commune_staff(self)

    @property
    def is_reviewer(self) -> bool:
        return is_reviewer(self)

    @property
    def is_template_admin(self) -> bool:
        return is_template_admin(self)
