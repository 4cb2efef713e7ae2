"""The forms of the report page: an autosaved cell of the annex or of a table by field, and a
narrative section. Each parses what was typed with ``reports.typed_values``."""

from __future__ import annotations

from django import forms

from core.text import NARRATIVE_MAX_CHARS
from core.text_input import CleanTextFormMixin, limited_text
from indicators.models import Indicator
from reports.typed_values import TypedValue, parse_amount, parse_typed


class CellForm(CleanTextFormMixin, forms.Form):
    """One autosaved cell: what was typed, and the value the browser last saw (for conflicts)."""

    value = forms.CharField(required=False, max_length=200, strip=False)
    base = forms.CharField(required=False, max_length=200)
    force = forms.BooleanField(required=False)

    def typed(self, indicator: Indicator) -> TypedValue:
        return parse_typed(indicator, self.cleaned_data["value"])


class TableCellForm(CellForm):
    """A cell of a table by field: counts only."""

    def typed_count(self) -> TypedValue:
        raw = self.cleaned_data["value"].strip()
        return parse_amount(raw, whole=True) if raw else TypedValue(raw="")


class SectionForm(CleanTextFormMixin, forms.Form):
    """A narrative section: its heading and text, refused (nothing saved, the text left on the
    page) above ``NARRATIVE_MAX_CHARS``."""

    heading = forms.CharField(max_length=300, required=False)
    text = limited_text(NARRATIVE_MAX_CHARS, widget=forms.Textarea, strip=False)
    # As stored, to the last space: a text ending with a new line is no conflict with itself.
    base = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    force = forms.BooleanField(required=False)
