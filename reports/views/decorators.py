"""View decorators that know about htmx."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

MSG_SESSION_EXPIRED = (
    "Phiên đăng nhập đã hết hạn. Số liệu vừa nhập vẫn được giữ trên máy này: "
    "hãy đăng nhập lại, số liệu sẽ được lưu tiếp."
)


def login_required_htmx(view):
    """Like login_required, but an expired session answers an htmx request with 401 (the page
    keeps what was typed and asks to log in again) instead of swapping in the login page."""
    redirecting = login_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and getattr(request, "htmx", False):
            return HttpResponse(MSG_SESSION_EXPIRED, status=401)
        return redirecting(request, *args, **kwargs)

    return wrapper
