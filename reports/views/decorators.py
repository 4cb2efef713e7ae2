"""View decorators that know about htmx."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

MSG_SESSION_EXPIRED = (
    "Phiên đăng nhập đã hết hạn. Số liệu vừa nhập vẫn được giữ trên máy này: "
    "hãy đăng nhập lại, số liệu sẽ được lưu tiếp."
)

View = TypeVar("View", bound=Callable[..., HttpResponse])


def login_required_htmx(view: View) -> View:
    """Like login_required, but an expired session answers an htmx request with 401 (the page
    keeps what was typed and asks to log in again) instead of swapping in the login page."""
    redirecting = login_required(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated and getattr(request, "htmx", False):
            return HttpResponse(MSG_SESSION_EXPIRED, status=401)
        return redirecting(request, *args, **kwargs)

    return cast(View, wrapper)
