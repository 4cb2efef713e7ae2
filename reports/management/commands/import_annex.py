"""Bring a filled annex into a report:
``python manage.py import_annex FILE --unit <code> --period <key> [--template CODE] [--dry-run]``.

Prints exactly the JSON summary ``{"matched": n, "unmatched": [{"line", "text"}],
"values": {"<code>": "<value>"}, "notes": {"<code>": "<printed text>"}}``. The values (and the
cells of the tables by field the file has, listed in "unmatched" when they do not match) go
into the unit's draft for the period (created when there is none); a submitted or approved
report is never overwritten: the command refuses, with the reason on stderr and exit code 1.
A whole báo cáo (header, narrative, annex): ``import_report``.

``--dry-run`` only reads: it prints the summary the import would give, whatever the state of
the report, and writes nothing (not even a missing period).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.period_keys import PeriodKey
from indicators.importers.files import ImportFileError
from indicators.importers.reader import read_annex_source
from reports.annex_import import match_annex
from reports.management.import_target import add_import_arguments, import_target, read_file
from reports.models import AdministrativeUnit
from reports.services.imports import (
    MSG_OTHER_TEMPLATE,
    ImportRefused,
    annex_import_write,
    draft_create,
    ensure_importable,
    existing_report,
    period_for_import,
    template_for_import,
)


class Command(BaseCommand):
    help = "Nhập phụ lục đã điền (XLSX, DOCX hoặc văn bản) vào báo cáo nháp của đơn vị."

    def add_arguments(self, parser) -> None:
        add_import_arguments(parser)

    def handle(self, *args, file: Path, unit: str, period: str, **options) -> None:
        target_unit, key = import_target(file, unit, period)
        try:
            source = read_annex_source(read_file(file))
            with transaction.atomic():
                summary = self._import(source, target_unit, key, options)
        except (ImportFileError, ImportRefused) as error:
            raise CommandError(error.message) from error
        self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))

    def _import(self, source, unit: AdministrativeUnit, key: PeriodKey, options) -> dict:
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
        match = match_annex(template, source)
        if options["dry_run"]:
            return match.summary()
        if report is None:
            report = draft_create(unit=unit, period=period, template=template)
        else:
            ensure_importable(report)
        annex_import_write(report=report, match=match)
        return match.summary()
