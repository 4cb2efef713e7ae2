"""Bring a whole báo cáo, as the commune writes it (Word, or its text), into a draft report:
``python manage.py import_report FILE --unit <code> --period <key> [--template CODE] [--dry-run]
[--json]``.

``--json`` prints ``{"header": {…}, "sections": [{"heading", "section", "chars"}], "values":
{"<code>": "<value>"}, "tables": {"<table>": {"<row>": {"<column>": "<value>"}}},
"unmatched": [{"part", "line", "text"}], "notes": ["…"]}``: the document's fields as the file
gives them, each section of the file with the outline section it went to, the annex's values
and the tables' cells, what was left over, and what the reader should know. Without it, the
same in a few lines of Vietnamese.

The report is written as ``import_annex`` writes an annex: into the unit's draft for the
period (created when there is none), never over a submitted or approved report (refused, the
reason on stderr, exit code 1); ``--dry-run`` only reads and writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.period_keys import PeriodKey
from indicators.importers.files import ImportFileError
from indicators.importers.report_reader import ReportSource, read_report_source
from reports.management.import_target import add_import_arguments, import_target, read_file
from reports.models import AdministrativeUnit
from reports.report_import import HEADER_LABELS, PART_LABELS, match_report
from reports.services.imports import (
    MSG_OTHER_TEMPLATE,
    ImportRefused,
    draft_create,
    ensure_importable,
    existing_report,
    period_for_import,
    report_import_write,
    template_for_import,
)

MSG_READ = "Tệp {format}: {sections} mục nội dung, {values} số liệu, {cells} ô bảng theo lĩnh vực."
MSG_HEADER = "Phần đầu, cuối văn bản: {fields}."
MSG_HEADER_NONE = "Phần đầu, cuối văn bản: không nhận ra trường nào."
MSG_SECTION = "  {section} ← “{heading}” ({chars} ký tự)"
MSG_UNMATCHED = "Không nhập ({part}, dòng {line}): {text}"
MSG_NOTE = "Lưu ý: {note}"
MSG_WRITTEN = "Đã ghi vào báo cáo nháp {report}."
MSG_DRY_RUN = "Chạy thử: chưa ghi gì."


class Command(BaseCommand):
    help = "Nhập cả báo cáo (Word hoặc văn bản) vào báo cáo nháp của đơn vị."

    def add_arguments(self, parser) -> None:
        add_import_arguments(parser)
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, file: Path, unit: str, period: str, **options) -> None:
        target_unit, key = import_target(file, unit, period)
        try:
            source = read_report_source(read_file(file))
            with transaction.atomic():
                summary, written = self._import(source, target_unit, key, options)
        except (ImportFileError, ImportRefused) as error:
            raise CommandError(error.message) from error
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            self._describe(source, summary, written)

    def _import(
        self, source: ReportSource, unit: AdministrativeUnit, key: PeriodKey, options
    ) -> tuple[dict, str]:
        period = period_for_import(key, unit)
        report = existing_report(unit, period)
        if report is not None:
            template = report.template
            if options["template"]:
                wanted = template_for_import(unit, period, options["template"])
                if wanted.pk != template.pk:
                    raise ImportRefused(
                        MSG_OTHER_TEMPLATE.format(
                            unit=unit, period=period.label, existing=template, wanted=wanted
                        )
                    )
        else:
            template = template_for_import(unit, period, options["template"])
        match = match_report(template, source)
        if options["dry_run"]:
            return match.summary(), ""
        if report is None:
            report = draft_create(unit=unit, period=period, template=template)
        else:
            ensure_importable(report)
        report_import_write(report=report, match=match)
        return match.summary(), report.key

    def _describe(self, source: ReportSource, summary: dict, written: str) -> None:
        cells = sum(len(row) for table in summary["tables"].values() for row in table.values())
        self.stdout.write(
            MSG_READ.format(
                format=source.format_label,
                sections=len(summary["sections"]),
                values=len(summary["values"]),
                cells=cells,
            )
        )
        found = [
            HEADER_LABELS.get(name, name)
            for name, value in summary["header"].items()
            if value not in ("", None, [])
        ]
        self.stdout.write(MSG_HEADER.format(fields=", ".join(found)) if found else MSG_HEADER_NONE)
        for section in summary["sections"]:
            self.stdout.write(MSG_SECTION.format(**section))
        for item in summary["unmatched"]:
            part = PART_LABELS.get(item["part"], item["part"])
            self.stdout.write(MSG_UNMATCHED.format(part=part, line=item["line"], text=item["text"]))
        for note in summary["notes"]:
            self.stdout.write(MSG_NOTE.format(note=note))
        self.stdout.write(MSG_WRITTEN.format(report=written) if written else MSG_DRY_RUN)
