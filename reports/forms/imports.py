"""The upload of a filled annex, or of the whole báo cáo, into a report."""

from __future__ import annotations

from django import forms

from core.text_input import CleanTextFormMixin
from indicators.forms.editor import AnnexFileField

ANNEX = "annex"
REPORT = "report"
KIND_CHOICES = [
    (ANNEX, "Phụ lục đã điền: số liệu (Excel, Word hoặc văn bản)"),
    (
        REPORT,
        "Cả báo cáo Word (hoặc văn bản chép từ Word): phần đầu văn bản, nội dung theo đề cương, "
        "phụ lục và bảng theo lĩnh vực",
    ),
]


class AnnexUploadForm(CleanTextFormMixin, forms.Form):
    field_order = ["kind", "file"]

    file = AnnexFileField(label="Tệp đã điền (Excel, Word hoặc văn bản)")
    kind = forms.ChoiceField(
        label="Tệp là",
        choices=KIND_CHOICES,
        initial=ANNEX,
        required=False,
        widget=forms.RadioSelect,
    )

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or ANNEX
