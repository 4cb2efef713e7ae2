"""The OpenAPI schema and its documentation page (Swagger UI from drf-spectacular-sidecar,
served from the static files: no CDN, and no inline script under the strict CSP)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularAPIView


class Schema(SpectacularAPIView):
    """OpenAPI 3 schema of /api/v1/ (public: it describes, it holds no data)."""


@require_GET
def docs(request):
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})
