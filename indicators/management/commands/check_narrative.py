"""The narrative checks on a báo cáo pasted as plain text, before it goes into the portal:
``python manage.py check_narrative draft.txt [--period 2024Q3] [--json]`` (``-`` reads stdin)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.period_keys import PeriodKey, PeriodKeyError
from indicators.validation.draft import parse_draft
from indicators.validation.engine import check_narrative_text
from indicators.validation.listing import as_json, listing
from indicators.validation.period_detect import MONTH, OPEN, WINDOW, detect_text_period
from indicators.validation.period_wording import detect_period

MSG_UNREADABLE = "Không đọc được tệp “{path}”: {error}"
MSG_NO_PERIOD = (
    "Không nhận ra kỳ báo cáo trong văn bản: các kiểm tra về kỳ báo cáo được bỏ qua "
    "(dùng --period 2024Q3 để chỉ rõ)."
)
MSG_MONTH = (
    "Văn bản báo cáo tháng {month}/{year}: kỳ tháng không có mã kỳ báo cáo, các kiểm tra về kỳ "
    "báo cáo được bỏ qua."
)
MSG_WINDOW = (
    "Văn bản nêu số liệu từ {start} đến {end}, không phải một kỳ báo cáo chuẩn: các kiểm tra về "
    "kỳ báo cáo được bỏ qua (dùng --period 2024Q3 để chỉ rõ)."
)
MSG_OPEN = (
    "Văn bản nêu số liệu lũy kế (“{quote}”), không phải một kỳ báo cáo chuẩn: các kiểm tra về kỳ "
    "báo cáo được bỏ qua (dùng --period 2024Q3 để chỉ rõ)."
)


class Command(BaseCommand):
    help = (
        "Kiểm tra phần thuyết minh của một báo cáo dạng văn bản thuần (dán từ Word): số liệu "
        "tự mâu thuẫn, tỷ lệ phần trăm, tổng và thành phần, kỳ báo cáo trong tiêu đề và câu kết."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="tệp văn bản UTF-8, hoặc - để đọc từ stdin")
        parser.add_argument(
            "--period",
            help="kỳ báo cáo, ví dụ 2024Q3; mặc định: kỳ mà tiêu đề của văn bản nêu",
        )
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, file: str, period: str | None, json: bool = False, **options):
        text = read_text(file)
        key = parse_period(period) if period else None
        code = str(key) if key else None
        if key is None:
            draft = parse_draft(text)
            document = draft.document
            key = detect_period(
                [document.summary, document.intro, document.closing]
                + [section.heading for section in draft.sections]
            )
            code = str(key) if key else None
            if key is None:
                # The period stated anywhere in the text, not only in its title lines.
                detected = detect_text_period(text)
                key = detected.key if detected is not None else None
                code = detected.code if detected is not None else None
                if key is None:
                    self.stderr.write(_no_key_message(detected))
        findings = check_narrative_text(text, period=key)
        label = f"{Path(file).name if file != '-' else 'stdin'}" + (f" ({code})" if code else "")
        if json:
            self.stdout.write(as_json(label, findings))
        else:
            self.stdout.write(listing(label, findings))


def _no_key_message(detected) -> str:
    if detected is None:
        return MSG_NO_PERIOD
    if detected.kind == MONTH:
        return MSG_MONTH.format(month=detected.number, year=detected.year)
    if detected.kind == WINDOW and detected.start and detected.end:
        return MSG_WINDOW.format(start=f"{detected.start:%d/%m/%Y}", end=f"{detected.end:%d/%m/%Y}")
    if detected.kind == OPEN:
        return MSG_OPEN.format(quote=detected.quote)
    return MSG_NO_PERIOD


def read_text(file: str) -> str:
    if file == "-":
        return sys.stdin.read()
    try:
        return Path(file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(MSG_UNREADABLE.format(path=file, error=error)) from error


def parse_period(value: str) -> PeriodKey:
    try:
        return PeriodKey.parse(value)
    except PeriodKeyError as error:
        raise CommandError(str(error)) from error
