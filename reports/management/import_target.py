"""What the import commands (``import_annex``, ``import_report``) share: their arguments, and
the file, unit and period they name, checked before anything is read."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from core.period_keys import PeriodKey, PeriodKeyError
from core.units_loading import normalise_code
from indicators.importers.files import check_size
from reports.models import AdministrativeUnit

MSG_NO_FILE = "Không có tệp “{path}”."


def add_import_arguments(parser) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--unit", required=True, help="mã đơn vị hành chính, ví dụ 15889")
    parser.add_argument("--period", required=True, help="kỳ báo cáo, ví dụ 2024Q3")
    parser.add_argument("--template", default=None, help="mã mẫu (MÃ hoặc MÃ@PHIÊN_BẢN)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ in kết quả, không lưu")


def import_target(file: Path, unit: str, period: str) -> tuple[AdministrativeUnit, PeriodKey]:
    """The unit (as it was at the period's end) and the period key; CommandError, in
    Vietnamese, for a missing file, a wrong key or an unknown unit."""
    if not file.is_file():
        raise CommandError(MSG_NO_FILE.format(path=file))
    try:
        key = PeriodKey.parse(period)
    except PeriodKeyError as error:
        raise CommandError(str(error)) from error
    try:
        target = AdministrativeUnit.objects.by_code(normalise_code(unit), on=key.legal_window()[1])
    except AdministrativeUnit.DoesNotExist as error:
        raise CommandError(str(error)) from error
    return target, key


def read_file(file: Path) -> bytes:
    """The file's bytes, refused (ImportFileError) beyond the upload size."""
    check_size(file.stat().st_size)
    return file.read_bytes()
