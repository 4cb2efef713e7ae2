"""The document data around the annex: số ký hiệu, place and date, signer, nơi nhận."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError

from core.text import NOTE_MAX_CHARS
from core.text_input import CleanTextFormMixin, max_chars
from reports.models import HEADER_FIELDS, Report


class RecipientsField(forms.Field):
    """Nơi nhận, one per line, as lists print them ("- UBND huyện;" → "UBND huyện"): typed
    as text, held as a list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:
        text = "" if value in self.empty_values else str(value)
        max_chars(NOTE_MAX_CHARS)(text)
        return [
            line.strip().lstrip("-").strip().rstrip(";")
            for line in text.splitlines()
            if line.strip()
        ]


class ReportHeaderForm(CleanTextFormMixin, forms.ModelForm):
    recipients = RecipientsField(label="Nơi nhận (mỗi dòng một nơi)", required=False)

    class Meta:
        model = Report
        fields = list(HEADER_FIELDS)
        widgets = {
            "document_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "intro": forms.Textarea(attrs={"rows": 2}),
            "closing": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "number": "Để trống nếu văn thư cấp số khi ban hành.",
            "summary": "Ví dụ: Kết quả công tác cải cách hành chính quý I năm 2024",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        document_date = cast(forms.DateField, self.fields["document_date"])
        document_date.input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        # The paragraphs of the header have no column limit: the portal's own.
        for name in ("legal_basis", "intro", "closing"):
            self.fields[name].validators.append(max_chars(NOTE_MAX_CHARS))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(
                "Cơ quan ban hành và số, ký hiệu",
                Row(Column("issuer_parent"), Column("issuer")),
                Row(Column("number"), Column("symbol"), Column("place"), Column("document_date")),
            ),
            Fieldset("Trích yếu và mở đầu", "summary", "recipient", "legal_basis", "intro"),
            Fieldset(
                "Kết thúc, nơi nhận và chữ ký",
                "closing",
                Row(
                    Column("recipients"),
                    Column("signer_mode", "signer_authority", "signer_title", "signer_name"),
                ),
            ),
        )

    def input_text(self, name: str, value: object) -> str:
        """``value`` as this form's input for ``name`` shows it (the base a page carries)."""
        prepared = self.fields[name].prepare_value(value)
        if isinstance(prepared, dt.date):
            return prepared.strftime("%Y-%m-%d")
        return "" if prepared is None else str(prepared)

    def base_value(self, name: str, text: str) -> object:
        """The base a page sent back for ``name``, as the value it stands for (cleaned as the
        field cleans what is typed); a text no page could have shown is kept as it is, and
        equals no stored value."""
        try:
            return self.fields[name].clean(text)
        except ValidationError:
            return text
