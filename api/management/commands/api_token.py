"""A new API token for a user, printed once: ``python manage.py api_token <username> [--name
NAME]``; ``--service-account --scope <unit code>`` for a province's system (read-only)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.tokens import TokenError, create_token
from core.models import AdministrativeUnit
from core.units_loading import normalise_code


class Command(BaseCommand):
    help = "In một mã truy cập API mới của người dùng (chỉ hiện một lần)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="Dòng lệnh", help="tên gợi nhớ của mã")
        parser.add_argument(
            "--service-account",
            action="store_true",
            help="tài khoản hệ thống của tỉnh: chỉ đọc, trong phạm vi --scope",
        )
        parser.add_argument("--scope", help="mã đơn vị: phạm vi đọc của tài khoản hệ thống")
        parser.add_argument("--read-only", action="store_true", help="mã chỉ đọc")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        scope = None
        if options["scope"]:
            try:
                # Codes repeat over time: the unit of that code today.
                scope = AdministrativeUnit.objects.by_code(
                    normalise_code(options["scope"]), on=timezone.localdate()
                )
            except AdministrativeUnit.DoesNotExist as error:
                raise CommandError(str(error)) from error
        try:
            made = create_token(
                user,
                name,
                service_account=options["service_account"],
                scope=scope,
                read_only=options["read_only"],
            )
        except TokenError as error:
            raise CommandError(error.message) from error
        self.stdout.write(made.secret)
