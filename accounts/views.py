"""Password change and reset: Django's views, with the portal's forms, templates and
throttles."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from accounts.forms import PasswordChangeForm

UNPROCESSABLE = 422


class RefusedFormStatus:
    """A submitted form with errors answers 422, as every form page of the portal does."""

    def form_invalid(self, form) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=UNPROCESSABLE)


class PasswordChangeView(RefusedFormStatus, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}
