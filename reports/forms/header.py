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


DATE_FORMAT = "%d/%m/%Y"
# 15/12/2024, 15-12-2024, 15.12.2024, 15122024 (typed without separators), 2024-12-15.
DATE_INPUTS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d%m%Y", "%Y-%m-%d"]
MSG_DATE_INVALID = "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/12/2024."
MSG_DATE_FAR = (
    "Ngày {date} cách xa kỳ báo cáo (số liệu từ {start} đến {end}): kiểm tra lại ngày, tháng, "
    "năm (ví dụ 15/12/2024)."
)
# A báo cáo is signed after its data window closes and before the next year's is over.
DATE_EARLIEST_BEFORE_START = dt.timedelta(days=0)
DATE_LATEST_AFTER_END = dt.timedelta(days=366)


class ReportHeaderForm(CleanTextFormMixin, forms.ModelForm):
    recipients = RecipientsField(label="Nơi nhận (mỗi dòng một nơi)", required=False)

    class Meta:
        model = Report
        fields = list(HEADER_FIELDS)
        widgets = {
            # Typed and shown day first, as Vietnamese documents write dates: 15/12/2024.
            "document_date": forms.DateInput(
                attrs={"placeholder": "ngày/tháng/năm", "inputmode": "numeric"},
                format=DATE_FORMAT,
            ),
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
        document_date.input_formats = DATE_INPUTS
        document_date.help_text = "Ngày/tháng/năm, ví dụ 15/12/2024."
        document_date.error_messages["invalid"] = MSG_DATE_INVALID
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
            return prepared.strftime(DATE_FORMAT)
        return "" if prepared is None else str(prepared)

    def base_value(self, name: str, text: str) -> object:
        """The base a page sent back for ``name``, as the value it stands for (cleaned as the
        field cleans what is typed); a text no page could have shown is kept as it is, and
        equals no stored value."""
        try:
            return self.fields[name].clean(text)
        except ValidationError:
            return text

    def clean_document_date(self) -> dt.date | None:
        """A date far from the report's period is a typing slip (15122024 read as year 2):
        refused with a clear message rather than printed in the báo cáo."""
        value = self.cleaned_data.get("document_date")
        period = self.instance.period if self.instance.period_id else None
        if value is None or period is None:
            return value
        earliest = period.start_date - DATE_EARLIEST_BEFORE_START
        latest = period.end_date + DATE_LATEST_AFTER_END
        if not earliest <= value <= latest:
            raise forms.ValidationError(
                MSG_DATE_FAR.format(
                    date=f"{value.day:02d}/{value.month:02d}/{value.year}",
                    start=period.start_date.strftime(DATE_FORMAT),
                    end=period.end_date.strftime(DATE_FORMAT),
                )
            )
        return value
