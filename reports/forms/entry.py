"""The forms of the report page: an autosaved cell of the annex or of a table by field, and a
narrative section. Each parses what was typed with ``reports.typed_values``."""

from __future__ import annotations

from django import forms

from indicators.models import Indicator
from reports.typed_values import TypedValue, parse_amount, parse_typed


class CellForm(forms.Form):
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


class SectionForm(forms.Form):
    heading = forms.CharField(max_length=300, required=False)
    text = forms.CharField(required=False, widget=forms.Textarea, strip=False)
    # The text the browser last saw, exactly: a text that starts or ends with a space or a
    # newline is not a conflict with itself.
    base = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    force = forms.BooleanField(required=False)
