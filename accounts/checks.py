"""`check --deploy`: production behind the documented nginx needs its proxy declared."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def trusted_proxy_declared(app_configs, **kwargs) -> list[Warning]:
    if settings.DEBUG or settings.TRUSTED_PROXY_COUNT > 0:
        return []
    return [
        Warning(
            "TRUSTED_PROXY_COUNT is 0: every client is counted under REMOTE_ADDR.",
            hint=(
                "Behind nginx (docs/DEPLOY.md) set TRUSTED_PROXY_COUNT=1, or every client is "
                "seen as the proxy and one person's wrong passwords lock everyone out. If "
                "gunicorn really faces the clients, add accounts.W001 to SILENCED_SYSTEM_CHECKS."
            ),
            id="accounts.W001",
        )
    ]
