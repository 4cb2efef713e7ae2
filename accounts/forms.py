"""Password forms of the portal, on Django's own."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form, with the old password checked as a login is: through the authentication
    backends, so wrong guesses count towards the login lockout of the account at that address
    and a locked-out address is refused (the 429 page)."""

    def __init__(self, user, *args, request: HttpRequest, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        authenticated = authenticate(
            self.request, username=self.user.get_username(), password=old_password
        )
        if authenticated is None or authenticated.pk != self.user.pk:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password
