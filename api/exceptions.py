"""Errors of the API as JSON ``{"detail": …}`` in Vietnamese; a refusal of the domain (a
``DomainError`` no view caught) answers 422 with its message."""

from __future__ import annotations

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response({"detail": exc.message}, status=422)
    return drf_exception_handler(exc, context)
