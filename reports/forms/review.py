"""The reviewer's comment on a report, an indicator of it or a section of it."""

from __future__ import annotations

from django import forms

from core.text_input import CleanTextFormMixin

# Ids as the database stores them (64-bit): anything else is no id at all.
LARGEST_ID = 2**63 - 1
MSG_NUL_IN_TEXT = "Nội dung có ký tự không hợp lệ (ký tự NUL): hãy gõ lại."


class CommentForm(CleanTextFormMixin, forms.Form):
    """What the comment box posts: the text, and the indicator or section it is about (the ids
    the page wrote; anything else was not written by the page)."""

    text = forms.CharField(
        required=False, error_messages={"null_characters_not_allowed": MSG_NUL_IN_TEXT}
    )
    indicator = forms.IntegerField(required=False, min_value=1, max_value=LARGEST_ID)
    section = forms.IntegerField(required=False, min_value=1, max_value=LARGEST_ID)

    @property
    def bad_target(self) -> bool:
        return "indicator" in self.errors or "section" in self.errors
