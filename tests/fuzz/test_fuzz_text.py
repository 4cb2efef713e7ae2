"""Any text in any field a user or an import fills: stored as the portal stores text
(``core.text.clean_text``), shown, exported and backed up without a single 500 (property-based).

Strings are any Unicode, with the characters pasted from Word and other documents
over-represented (control characters, line and page breaks, composing marks, odd spaces,
non-characters). Lone surrogates go only where Python can carry them: into a model saved
directly, never into an HTTP request (which must be UTF-8).
"""

from __future__ import annotations

import gzip
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.text import clean_text
from indicators.models import IndicatorTemplate
from reports.backup import backup, empty_database, restore
from reports.forms.header import ReportHeaderForm
from reports.models import (
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportingPeriod,
    ReportTransition,
    ReviewComment,
    TableCellValue,
    User,
    WarningExplanation,
)
from reports.services.submit import review

PASTED = st.sampled_from(
    ["\x00", "\x01", "\x07", "\x08", "\t", "\n", "\x0b", "\x0c", "\r", "\r\n", "\x0e", "\x1b",
     "\x1c", "\x1d", "\x1e", "\x1f", "\x7f", "\x80", "\x85", "\x9f", "\xa0", "\u200b", "\u202f",
     "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\u0300", "\u0323", "e\u0323\u0302", "Đ",
     "ư", " ", "-", ";", "1", "."]
)  # fmt: skip
# Everything an HTTP request can carry: every code point but the surrogates.
TYPED = st.lists(PASTED | st.characters(exclude_categories=["Cs"]), max_size=60).map("".join)
# Everything Python holds, lone surrogates included (st.characters() with no codec).
HELD = st.lists(PASTED | st.characters(), max_size=60).map("".join)
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def few_digits(text: str) -> bool:
    """Whether a number read from ``text`` fits a value column (16 digits before the point):
    longer numbers are the number parser's business, not this property's."""
    return sum(char.isdigit() for char in text) < 16


@pytest.fixture
def binh_thanh(db) -> Report:
    """Bình Thành's report of quý I năm 2024 (the seed with a table by field), returned
    for correction in an open period: its commune types, its district comments."""
    report = Report.objects.by_key("5605", "2024Q1")
    Report.objects.filter(pk=report.pk).update(status="returned")
    ReportingPeriod.objects.filter(pk=report.period_id).update(is_locked=False)
    return Report.objects.get(pk=report.pk)


def client_of(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def post(client: Client, url: str, data: dict):
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code < 500, response.content[:2000]
    return response


@given(
    narrative=TYPED, heading=TYPED, summary=TYPED, issuer=TYPED, intro=TYPED,
    recipients=TYPED, comment=TYPED, reply=TYPED, explanation=TYPED, cell=TYPED, value=TYPED,
)  # fmt: skip
@settings(FUZZ, max_examples=8)
def test_any_text_typed_into_a_report_comes_back_normalised(
    binh_thanh, narrative, heading, summary, issuer, intro, recipients, comment, reply,
    explanation, cell, value,
):  # fmt: skip
    assume(few_digits(cell) and few_digits(value))
    report = binh_thanh
    commune, district = client_of("binhthanh"), client_of("noivu.dinhhoa")

    section = report.sections.order_by("position")[1]
    post(
        commune,
        reverse("reports:section_save", args=[report.pk, section.pk]),
        {"heading": heading, "text": narrative, "base": section.text},
    )
    before = section.heading
    section.refresh_from_db()
    assert section.text == clean_text(narrative)
    assert section.heading == (clean_text(heading).strip() or before)

    header = {
        "summary": summary, "issuer": issuer, "issuer_parent": issuer, "intro": intro,
        "recipients": recipients, "place": report.place, "symbol": report.symbol,
    }  # fmt: skip
    # Each field is posted with the value the page showed (the header's conflict rule).
    shown = ReportHeaderForm(instance=report)
    header |= {f"base-{name}": shown.input_text(name, getattr(report, name)) for name in header}
    assert post(commune, reverse("reports:header_save", args=[report.pk]), header).status_code
    report.refresh_from_db()
    assert report.summary == clean_text(summary).strip()
    assert report.issuer == report.issuer_parent == clean_text(issuer).strip()
    assert report.intro == clean_text(intro).strip()
    assert all(line and clean_text(line) == line == line.strip() for line in report.recipients)

    added = post(district, reverse("reports:comment_add", args=[report.pk]), {"text": comment})
    if clean_text(comment).strip():
        assert added.status_code == 200
        stored = report.comments.latest("pk")
        assert stored.text == clean_text(comment).strip()
        post(
            commune,
            reverse("reports:comment_reply", args=[report.pk, stored.pk]),
            {"text": reply},
        )
        stored.refresh_from_db()
        assert stored.reply == clean_text(reply).strip()
    else:
        assert added.status_code == 422

    table = report.template.tables.get()
    # A cell the commune types (a blank "Tổng số" cell goes back to the sum of its columns).
    row, column = table.rows.first(), table.columns.get(code="received_online")
    old = TableCellValue.objects.filter(report=report, row=row, column=column).first()
    post(
        commune,
        reverse("reports:cell_save", args=[report.pk, row.pk, column.pk]),
        {"value": cell, "base": old.printed if old else ""},
    )
    assert TableCellValue.objects.get(report=report, row=row, column=column).printed == (
        clean_text(cell).strip()
    )
    indicator = report.template.indicators.filter(value_type="integer").first()
    old_value = IndicatorValue.objects.filter(report=report, indicator=indicator).first()
    post(
        commune,
        reverse("reports:value_save", args=[report.pk, indicator.pk]),
        {"value": value, "base": old_value.printed if old_value else ""},
    )
    saved = IndicatorValue.objects.get(report=report, indicator=indicator)
    assert saved.printed == clean_text(value).strip()

    warnings = review(report).warnings
    if warnings:
        key = warnings[0][0]
        sent = post(
            commune,
            reverse("reports:report_send", args=[report.pk]),
            {f"explain:{key}": explanation},
        )
        assert sent.status_code in (204, 302, 422)
        Report.objects.filter(pk=report.pk).update(status="returned")  # sent or not: still open
        stored = WarningExplanation.objects.filter(report=report, finding_key=key).first()
        if clean_text(explanation).strip():
            assert stored.text == clean_text(explanation).strip()

    for client in (commune, district):
        assert client.get(reverse("reports:report", args=[report.pk])).status_code == 200
    word = commune.get(reverse("reports:report_download", args=[report.pk, "docx"]))
    assert word.status_code == 200
    Document(io.BytesIO(word.content))
    excel = commune.get(reverse("reports:report_download", args=[report.pk, "xlsx"]))
    assert excel.status_code == 200
    load_workbook(io.BytesIO(excel.content))
    out = StringIO()
    call_command("report_json", report.key, stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["document"]["summary"] == report.summary
    assert {"heading": section.heading, "text": section.text} in printed["narrative"]


@given(name=TYPED, unit=TYPED, heading=TYPED, guidance=TYPED, title=TYPED, message=TYPED)
@settings(FUZZ, max_examples=10)
def test_any_text_typed_into_a_template_comes_back_normalised(
    template_admin_client, name, unit, heading, guidance, title, message
):
    client = template_admin_client
    draft = IndicatorTemplate.objects.filter(code="HH-01b", status="draft").first()
    if draft is None:
        draft = IndicatorTemplate.objects.get(code="HH-01b", version=2).clone()
    row = draft.indicators.get(code="1.1")

    response = client.post(
        reverse("template_admin:row_edit", args=[draft.pk, row.pk]),
        {"name": name, "unit": unit, "value_type": "integer", "aggregation": "sum"},
    )
    assert response.status_code < 500
    row.refresh_from_db()
    if clean_text(name).strip():
        assert row.name == clean_text(name).strip()
        assert row.unit == clean_text(unit).strip()
    outline = {
        "outline-TOTAL_FORMS": "1", "outline-INITIAL_FORMS": "0", "outline-0-level": "1",
        "outline-0-heading": heading, "outline-0-guidance": guidance, "outline-0-ORDER": "1",
    }  # fmt: skip
    assert (
        client.post(reverse("template_admin:outline", args=[draft.pk]), outline).status_code < 500
    )
    if clean_text(heading).strip():
        section = draft.outline.get()
        assert section.heading == clean_text(heading).strip()
        assert section.guidance == clean_text(guidance).strip()
    meta = {"title": title, "annex_label": title, "annex_title": title, "year": "2024"}
    assert (
        client.post(reverse("template_admin:template_meta", args=[draft.pk]), meta).status_code
        < 500
    )
    draft.refresh_from_db()
    if clean_text(title).strip():
        assert draft.title == draft.annex_label == draft.annex_title == clean_text(title).strip()

    rule = {
        "code": f"thu-{draft.rules.count()}", "left": "[1.1]", "operator": ">=", "right": "0",
        "severity": "warning", "missing_values": "skip_if_any_missing", "message": message,
        "position": "1", "is_active": "on",
    }  # fmt: skip
    created = client.post(reverse("template_admin:rule_create", args=[draft.pk]), rule)
    assert created.status_code < 500
    if clean_text(message).strip():
        assert draft.rules.get(code=rule["code"]).message == clean_text(message).strip()

    assert client.get(reverse("template_admin:template", args=[draft.pk])).status_code == 200
    assert client.get(reverse("template_admin:rules", args=[draft.pk])).status_code == 200
    export = client.get(reverse("template_admin:export", args=[draft.pk]))
    assert export.status_code == 200
    load_workbook(io.BytesIO(export.content))


@given(texts=st.lists(HELD, min_size=8, max_size=8))
@settings(FUZZ, max_examples=2)
def test_any_text_survives_a_backup_and_restore(seed_report, tmp_path, texts):
    # Saved directly (as a service or an importer would), lone surrogates included.
    report = seed_report("15889/2024Q3")
    reviewer = User.objects.get(username="noivu.hoanghoa")
    section = report.sections.order_by("position").first()
    section.text, section.heading = texts[0], texts[1][:300] or "Mục"
    section.save()
    report.summary, report.recipients = texts[2], [texts[3], texts[4]]
    report.save()
    comment = ReviewComment.objects.create(report=report, author=reviewer, text=texts[5])
    value = report.values.first()
    value.note = texts[6]
    value.save()
    WarningExplanation.objects.update_or_create(
        report=report, finding_key="fuzz", defaults={"message": "m", "text": texts[7]}
    )
    ReportTransition.objects.create(
        report=report, from_status="approved", to_status="approved", by=reviewer, comment=texts[7]
    )
    expected = [clean_text(text) for text in texts]

    target = tmp_path / "cchc.xml.gz"
    backup(target)
    with gzip.open(target, "rt", encoding="utf-8") as written:
        assert "<django-objects" in written.read(1000)
    empty_database()
    restore(target)

    section = NarrativeSection.objects.get(pk=section.pk)
    # The heading as stored (cleaned: a heading of control characters only is stored empty).
    assert (section.text, section.heading) == (expected[0], clean_text(texts[1][:300] or "Mục"))
    assert section.history.latest().text == expected[0]
    report = Report.objects.get(pk=report.pk)
    assert (report.summary, report.recipients) == (expected[2], [expected[3], expected[4]])
    assert ReviewComment.objects.get(pk=comment.pk).text == expected[5]
    assert IndicatorValue.objects.get(pk=value.pk).note == expected[6]
    assert WarningExplanation.objects.get(report=report, finding_key="fuzz").text == expected[7]
