"""Password change and reset: Django's views, with the portal's forms, templates and
throttles."""

from __future__ import annotations

from urllib.parse import urlsplit

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import render
from django.views.generic.edit import FormView

from accounts.forms import PasswordChangeForm
from accounts.throttle import password_reset_allowed

UNPROCESSABLE = 422
TOO_MANY_REQUESTS = 429


class RefusedFormStatus(FormView):
    """A submitted form with errors answers 422, as every form page of the portal does."""

    def form_invalid(self, form) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=UNPROCESSABLE)


# The change pages have names of their own: under Django's names (password_change_form.html …)
# they would replace the admin's own password-change pages too.
class PasswordChangeView(RefusedFormStatus, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "registration/change_password.html"

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetView(RefusedFormStatus, auth_views.PasswordResetView):
    """The emailed link is built on ``SITE_URL``, never on the request's Host header; the answer
    is the same whether or not the address belongs to an account; requests are throttled per
    client address."""

    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def post(self, request, *args, **kwargs) -> HttpResponse:
        if not password_reset_allowed(request):
            context = {"minutes": settings.PASSWORD_RESET_WINDOW_MINUTES}
            return render(
                request, "registration/password_reset_throttled.html", context,
                status=TOO_MANY_REQUESTS,
            )  # fmt: skip
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        self.extra_email_context = self.email_context()
        return super().form_valid(form)

    @staticmethod
    def email_context() -> dict:
        site = urlsplit(settings.SITE_URL)
        return {
            "site_url": settings.SITE_URL,
            "protocol": site.scheme,
            "domain": site.netloc,
            "site_name": "Cổng báo cáo cải cách hành chính",
            "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }


class PasswordResetConfirmView(RefusedFormStatus, auth_views.PasswordResetConfirmView):
    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever opened the emailed link owns the account: their lockouts end with the reset.
        AxesProxyHandler.reset_attempts(username=form.user.get_username())
        return response
