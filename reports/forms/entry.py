"""The forms of the report page: an autosaved cell of the annex (with the reason for a figure
typed over a computed one) or of a table by field, and a narrative section. Each parses what
was typed with ``reports.typed_values``."""

from __future__ import annotations

from django import forms

from core.text import NARRATIVE_MAX_CHARS
from core.text_input import CleanTextFormMixin, limited_text
from indicators.models import Indicator
from reports.models import IndicatorValue, TableCellValue
from reports.typed_values import TypedValue, parse_amount, parse_typed

MSG_TOO_LONG = "Quá dài: ô này nhận tối đa {limit} ký tự (bạn đã nhập {length}). Chưa lưu."
MSG_NUL = "Có ký tự không hợp lệ (ký tự NUL): hãy gõ lại ô này. Chưa lưu."


def _printed_length(model) -> int:
    """How long what was typed may be: the length of the column it is kept in."""
    return model._meta.get_field("printed").max_length


class CellForm(CleanTextFormMixin, forms.Form):
    """One autosaved cell: what was typed, and the value the browser last saw (for conflicts).

    What is typed is kept as typed (``printed``), so it may be no longer than that column: a
    longer input is refused with a message and not saved, the field keeps it."""

    max_length = _printed_length(IndicatorValue)

    value = forms.CharField(
        required=False,
        strip=False,
        error_messages={"null_characters_not_allowed": MSG_NUL},
    )
    base = forms.CharField(required=False, max_length=200)
    force = forms.BooleanField(required=False)
    # Why the commune's figure replaces a computed one (the reviewer reads it).
    override_reason = limited_text(strip=True)

    def clean_value(self) -> str:
        value = self.cleaned_data["value"]
        length = len(value.strip())
        if length > self.max_length:
            raise forms.ValidationError(MSG_TOO_LONG.format(limit=self.max_length, length=length))
        return value

    @property
    def value_error(self) -> str:
        """Why the typed value (or its reason) is refused before parsing ("" when it is not)."""
        errors = self.errors.get("value") or self.errors.get("override_reason")
        return str(errors[0]) if errors else ""

    def typed(self, indicator: Indicator) -> TypedValue:
        return parse_typed(indicator, self.cleaned_data["value"])


class TableCellForm(CellForm):
    """A cell of a table by field: counts only."""

    max_length = _printed_length(TableCellValue)

    def typed_count(self) -> TypedValue:
        raw = self.cleaned_data["value"].strip()
        return parse_amount(raw, whole=True) if raw else TypedValue(raw="")


class SectionForm(CleanTextFormMixin, forms.Form):
    """A narrative section: its heading and text, refused (nothing saved, the text left on the
    page) above ``NARRATIVE_MAX_CHARS``."""

    heading = forms.CharField(max_length=300, required=False)
    text = limited_text(NARRATIVE_MAX_CHARS, widget=forms.Textarea, strip=False)
    # The text the browser last saw, exactly: a text that starts or ends with a space or a
    # newline is not a conflict with itself.
    base = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    force = forms.BooleanField(required=False)
