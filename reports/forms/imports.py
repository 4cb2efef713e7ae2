"""The upload of a filled annex into a report."""

from __future__ import annotations

from django import forms

from core.text_input import CleanTextFormMixin
from indicators.forms.editor import AnnexFileField


class AnnexUploadForm(CleanTextFormMixin, forms.Form):
    file = AnnexFileField(label="Tệp phụ lục đã điền (Excel, Word hoặc văn bản)")
