"""A section's text as the browser sends it back: Windows line ends, a trailing new line."""

from __future__ import annotations

from django.urls import reverse


def save_section(client, report, section, text, base):
    return client.post(
        reverse("reports:section_save", args=[report.pk, section.pk]),
        {"heading": section.heading, "text": text, "base": base},
        HTTP_HX_REQUEST="true",
    )


def test_a_text_ending_with_a_new_line_is_no_conflict_with_itself(clerk_client, draft):
    section = draft.sections.get(position=2)
    first = "- Ban hành Kế hoạch số 02/KH-UBND.\r\n\r\n"
    assert save_section(clerk_client, draft, section, first, base="").status_code == 200
    section.refresh_from_db()
    assert section.text == "- Ban hành Kế hoạch số 02/KH-UBND.\n\n"
    # The page's hidden "base" holds the stored text; a browser posts it with CRLF line ends.
    base = section.text.replace("\n", "\r\n")
    response = save_section(clerk_client, draft, section, first + "- Tuyên truyền.", base=base)
    assert response.status_code == 200
    section.refresh_from_db()
    assert section.text == "- Ban hành Kế hoạch số 02/KH-UBND.\n\n- Tuyên truyền."
