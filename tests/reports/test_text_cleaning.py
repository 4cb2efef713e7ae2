"""One control character pasted from Word never breaks the backup or an export: text is cleaned
where it enters (forms, services, imports), again when any row is saved, once for the rows
stored before (data migration), and again when a DOCX or XLSX is written."""

from __future__ import annotations

import importlib
import io
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from core.models import AdministrativeUnit
from indicators.models import Indicator
from reports.models import IndicatorValue, NarrativeSection, Report, ReportingPeriod
from reports.services.start import report_start

# PostgreSQL refuses NUL in text, so rows stored there before never held one; SQLite's may.
NUL = "" if connection.vendor == "postgresql" else "\x00"
PASTED = "Dòng một\x0bDòng hai\x0cDòng ba" + NUL + "\x1f\x85"
STORED = "Dòng một\nDòng hai\nDòng ba"

repair = importlib.import_module(
    "reports.migrations.0010_clean_control_characters"
).clean_control_characters


def backup_works(tmp_path) -> bool:
    call_command("backup", str(tmp_path / "cchc.xml.gz"), stdout=StringIO())
    return (tmp_path / "cchc.xml.gz").stat().st_size > 0


def test_a_narrative_saved_with_a_vertical_tab_is_stored_with_a_new_line(seed_report, tmp_path):
    section = seed_report("15889/2024Q3").sections.first()
    section.text = PASTED
    section.save()
    section.refresh_from_db()
    assert section.text == STORED
    assert section.history.first().text == STORED  # the history row too
    assert backup_works(tmp_path)


def test_the_section_editor_stores_the_pasted_text_cleaned(client, clerk):
    report = report_start(
        unit=clerk.unit, period=ReportingPeriod.objects.by_key("2024Q4"), user=clerk
    )
    section = report.sections.get(position=2)
    client.force_login(clerk)
    response = client.post(
        reverse("reports:section_save", args=[report.pk, section.pk]),
        {"heading": section.heading, "text": "Kết quả\x0b- 12 tin bài\r\n", "base": section.text},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    section.refresh_from_db()
    assert section.text == "Kết quả\n- 12 tin bài\n"


def test_rows_stored_before_are_repaired_history_included(seed_report, tmp_path):
    report = seed_report("15889/2024Q3")
    section = report.sections.first()
    section.text = "Trước"
    section.save()  # a history row to spoil
    # As stored before the portal cleaned text: written past every check.
    NarrativeSection.objects.filter(pk=section.pk).update(text=PASTED)
    NarrativeSection.history.filter(id=section.pk).update(text=PASTED)
    Report.objects.filter(pk=report.pk).update(
        summary="Trích\x0byếu", recipients=["UBND\x0bhuyện"], intro="e\u0323\u0302"
    )
    # Past the guard of published templates too (plain QuerySet).
    QuerySet(Indicator).filter(pk=report.values.first().indicator_id).update(name="Tên\x01")
    AdministrativeUnit.objects.filter(pk=report.unit_id).update(name="Xã\x02 Hoằng Kim")
    with pytest.raises(Exception, match="unserializable"):
        backup_works(tmp_path)

    repair(apps, None)

    section.refresh_from_db()
    report.refresh_from_db()
    assert section.text == STORED
    assert set(NarrativeSection.history.filter(id=section.pk).values_list("text", flat=True)) == {
        STORED
    }
    assert (report.summary, report.recipients, report.intro) == ("Trích\nyếu", ["UBND\nhuyện"], "ệ")
    assert not Indicator.objects.filter(name__contains="\x01").exists()
    assert AdministrativeUnit.objects.get(pk=report.unit_id).name == "Xã Hoằng Kim"
    assert backup_works(tmp_path)


def test_the_repair_changes_nothing_else(seed_report):
    value = IndicatorValue.objects.filter(report=seed_report("15889/2024Q3")).first()
    before = list(IndicatorValue.history.filter(id=value.pk).values_list())
    repair(apps, None)
    assert list(IndicatorValue.history.filter(id=value.pk).values_list()) == before


@pytest.mark.parametrize("field", ["summary", "issuer", "issuer_parent"])
def test_the_word_download_survives_a_stored_control_character(client, clerk, seed_report, field):
    report = seed_report("15889/2024Q3")
    # Stored past every check (as before the repair): the writer cleans at write time.
    Report.objects.filter(pk=report.pk).update(**{field: "UBND\x0bxã Hoằng Kim" + NUL})
    client.force_login(clerk)
    response = client.get(reverse("reports:report_download", args=[report.pk, "docx"]))
    assert response.status_code == 200
    body = Document(io.BytesIO(response.content)).element.body
    text = "".join(node.text or "" for node in body.iter(qn("w:t")))
    assert "XÃ HOẰNG KIM" in text.upper()


def test_the_excel_download_survives_a_stored_control_character(client, clerk, seed_report):
    report = seed_report("15889/2024Q3")
    value = report.values.exclude(note="").first() or report.values.first()
    IndicatorValue.objects.filter(pk=value.pk).update(note="Ghi\x0bchú" + NUL)
    client.force_login(clerk)
    response = client.get(reverse("reports:report_download", args=[report.pk, "xlsx"]))
    assert response.status_code == 200
    cells = [c.value for row in load_workbook(io.BytesIO(response.content)).active for c in row]
    assert "Ghi\nchú" in cells


def test_a_restore_gives_back_every_space_and_new_line(seed_report, tmp_path):
    # Django's XML deserializer strips every field; the backup's reads texts whole.
    from reports.backup import backup, empty_database, restore

    report = seed_report("15889/2024Q3")
    section = report.sections.first()
    section.text = "  - Thụt lề.\n\n"
    section.save()
    Report.objects.filter(pk=report.pk).update(summary=" Trích yếu ", issuer="\n")
    backup(tmp_path / "cchc.xml.gz")
    empty_database()
    restore(tmp_path / "cchc.xml.gz")
    assert NarrativeSection.objects.get(pk=section.pk).text == "  - Thụt lề.\n\n"
    assert NarrativeSection.history.filter(id=section.pk).latest().text == "  - Thụt lề.\n\n"
    restored = Report.objects.get(pk=report.pk)
    assert (restored.summary, restored.issuer) == (" Trích yếu ", "\n")
