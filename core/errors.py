"""The base of every exception that carries a message for the user."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the user should read: ``message`` is Vietnamese and shown as it is (next to
    the field, in a banner, or on stderr for a command). Subclasses may set a default
    ``message`` as a class attribute."""

    message: str = "Không thực hiện được thao tác này."

    def __init__(self, message: str | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(self.message)
