"""Users of the portal, each attached to an administrative unit with one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    COMMUNE_STAFF = "commune_staff", "Cán bộ xã"
    REVIEWER = "reviewer", "Cán bộ thẩm định (Phòng/Sở Nội vụ)"
    TEMPLATE_ADMIN = "template_admin", "Quản trị mẫu biểu"


class User(AbstractUser):
    unit = models.ForeignKey(
        "reports.AdministrativeUnit",
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

    @property
    def is_commune_staff(self) -> bool:
        return self.role == Role.COMMUNE_STAFF

    @property
    def is_reviewer(self) -> bool:
        return self.role == Role.REVIEWER

    @property
    def is_template_admin(self) -> bool:
        return self.role == Role.TEMPLATE_ADMIN or self.is_superuser
