"""Password validators whose messages Django's Vietnamese catalogue lacks."""

from __future__ import annotations

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its error in Vietnamese: Django 5.2 changed the message's msgid and its
    Vietnamese catalogue still has the old one, so the error showed in English."""

    def get_error_message(self) -> str:
        return f"Mật khẩu quá ngắn: phải có ít nhất {self.min_length} ký tự."
