"""Create a draft template from an annex file:
``python manage.py import_template FILE --code CODE --title "…" [--dry-run]``.

The file is an annex as communes receive it: XLSX, DOCX, or plain text (tab-separated rows, or
text copied from a PDF). The command prints the tree it builds, every line it could not place
and every renumbering it proposes; a published template is never touched (the new template is
the next version of the code, a draft).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.importers.files import ImportFileError, check_size
from indicators.importers.reader import read_annex_source
from indicators.importers.template_import import (
    TemplateImportError,
    next_version,
    plan_template,
    template_create,
)
from indicators.models import ValueType

MSG_NO_FILE = "Không có tệp “{path}”."
MSG_SUMMARY = (
    "Mẫu {code} phiên bản {version} (bản nháp): {rows} dòng, {inputs} chỉ tiêu nhập số liệu."
)
MSG_OUTLINE = "Đề cương: {count} mục."
MSG_RENUMBERED = "Đề xuất đánh lại mã ({count}):"
MSG_UNPLACED = "Dòng không xếp được vào bảng ({count}):"
MSG_UNPLACED_LINE = "  Dòng {line}: {text}"
MSG_ALL_PLACED = "Mọi dòng của bảng đều đã xếp được."
MSG_DRY_RUN = "Chạy thử: chưa lưu gì."
MSG_CREATED = "Đã tạo mẫu {code} phiên bản {version} (bản nháp, mã số {pk})."


class Command(BaseCommand):
    help = "Tạo mẫu phụ lục (bản nháp) từ tệp phụ lục XLSX, DOCX hoặc văn bản."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--code", required=True, help="mã mẫu, ví dụ HH-01b")
        parser.add_argument("--title", required=True, help="tên mẫu")
        parser.add_argument("--annex-label", default="", help="nhãn phụ lục, ví dụ “Phụ lục 01b”")
        parser.add_argument("--year", type=int, default=None, help="năm áp dụng")
        parser.add_argument("--dry-run", action="store_true", help="chỉ in kết quả, không lưu")
        parser.add_argument("--tree", action="store_true", help="in cả cây chỉ tiêu")

    def handle(self, *args, file: Path, code: str, title: str, dry_run: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(MSG_NO_FILE.format(path=file))
        try:
            check_size(file.stat().st_size)
            plan = plan_template(read_annex_source(file.read_bytes()))
        except ImportFileError as error:
            raise CommandError(error.message) from error
        write = self.stdout.write
        write(
            MSG_SUMMARY.format(
                code=code, version=next_version(code), rows=len(plan.rows), inputs=plan.input_count
            )
        )
        write(MSG_OUTLINE.format(count=len(plan.outline)))
        if options["tree"]:
            for row in plan.rows:
                label = ValueType(row["value_type"]).label
                indent = "  " * row["depth"]
                write(f"{indent}{row['code']}  {row['name']}  [{row['unit'] or '—'}; {label}]")
        if plan.renumbered:
            write(MSG_RENUMBERED.format(count=len(plan.renumbered)))
            for item in plan.renumbered:
                write(f"  {item['message']}")
        if plan.unplaced:
            write(MSG_UNPLACED.format(count=len(plan.unplaced)))
            for item in plan.unplaced:
                write(MSG_UNPLACED_LINE.format(**item))
        else:
            write(MSG_ALL_PLACED)
        if dry_run:
            write(MSG_DRY_RUN)
            return
        try:
            template = template_create(
                plan=plan,
                code=code,
                title=title,
                annex_label=options["annex_label"],
                year=options["year"],
                source=f"nhập từ tệp {file.name}",
            )
        except TemplateImportError as error:
            raise CommandError(error.message) from error
        write(MSG_CREATED.format(code=template.code, version=template.version, pk=template.pk))
