"""Rate limits per token (DRF throttling, counted in Django's cache): reads and writes apart,
so a script that pulls every report does not use up its writes. Rates are read from
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` at each request."""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from accounts.client_ip import client_ip
from api.permissions import token_of

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenRateThrottle(SimpleRateThrottle):
    """Every request of a token (scope ``token``); anonymous requests by client address."""

    scope = "token"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        token = token_of(request)
        if token is None:
            # The client's address as the portal reads it (never one the client sent).
            return self.cache_format % {"scope": "anon", "ident": client_ip(request)}
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


class TokenWriteRateThrottle(TokenRateThrottle):
    """Writes of a token (scope ``token_write``): POST, PUT, PATCH, DELETE."""

    scope = "token_write"

    def get_cache_key(self, request, view):
        if request.method in SAFE_METHODS:
            return None
        return super().get_cache_key(request, view)
