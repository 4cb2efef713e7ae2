"""Personal API tokens and service accounts.

A token is shown once, when it is made; only its SHA-256 digest is stored, with a short prefix
the user recognises it by. A personal token acts with exactly its user's role and unit subtree;
a service account's token (a province's own system) only reads, over the subtree of its unit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("tên gợi nhớ", max_length=100)
    prefix = models.CharField("đầu mã", max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # A province's system: reads the reports under ``scope``, never writes.
    is_service_account = models.BooleanField("tài khoản hệ thống", default=False)
    read_only = models.BooleanField("chỉ đọc", default=False)
    scope = models.ForeignKey(
        "core.AdministrativeUnit",
        verbose_name="phạm vi (đơn vị và cấp dưới)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_service_account=False)
                | models.Q(read_only=True, scope__isnull=False),
                name="service_account_reads_a_subtree",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def writes(self) -> bool:
        return not (self.read_only or self.is_service_account)

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
