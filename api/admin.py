from __future__ import annotations

from django.contrib import admin
from django.utils import timezone

from api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their users (/api/ma-truy-cap/) or by `manage.py api_token`; here an
    administrator sees them and revokes them."""

    list_display = [
        "name", "user", "prefix", "is_service_account", "read_only", "scope", "created_at",
        "last_used_at", "revoked_at",
    ]  # fmt: skip
    list_filter = ["is_service_account", "read_only"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = [
        "user", "prefix", "is_service_account", "read_only", "scope", "created_at",
        "last_used_at", "revoked_at",
    ]  # fmt: skip
    fields = ["name", "user", "prefix", "is_service_account", "read_only", "scope", "created_at",
              "last_used_at", "revoked_at"]  # fmt: skip
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Thu hồi các mã đã chọn")
    def revoke(self, request, queryset) -> None:
        queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
