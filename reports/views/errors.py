"""Error pages in Vietnamese, and the CSRF failure that an expired session really is."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

from reports.views.decorators import MSG_SESSION_EXPIRED

MSG_CSRF = (
    "Trang đã cũ hoặc phiên làm việc đã hết hạn (lỗi bảo mật CSRF). Hãy tải lại trang rồi thử lại."
)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A POST without a valid CSRF token from a page whose session ended (cookies gone) is an
    expired session: tell the page so, and it keeps what was typed until the user logs in."""
    if getattr(request, "htmx", False) and not request.user.is_authenticated:
        return HttpResponse(MSG_SESSION_EXPIRED, status=401)
    return HttpResponseForbidden(MSG_CSRF)
