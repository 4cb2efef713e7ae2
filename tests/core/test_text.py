"""Text as the portal stores it: line breaks of other documents as new lines, no character XML
or UTF-8 refuses, composed Vietnamese; and the refusal of a text that is too long."""

from __future__ import annotations

import unicodedata

import pytest

from core.text import clean_json, clean_text, fold, slug, too_long_message


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("Dòng 1\x0bDòng 2", "Dòng 1\nDòng 2"),  # Word's manual line break, pasted
        ("Trang 1\x0cTrang 2", "Trang 1\nTrang 2"),  # a page break
        ("a\x1cb\x1dc\x1ed", "a\nb\nc\nd"),  # file, group and record separators
        ("a\u2028b\u2029c", "a\nb\nc"),  # Unicode line and paragraph separators
        ("a\r\nb\rc\n", "a\nb\nc\n"),  # Windows and old Mac line ends
        ("a\x00b\x01c\x08d\x1fe", "abcde"),  # other C0 controls
        ("a\x7fb\x80c\x85d\x9fe", "abcde"),  # DEL and C1 controls
        ("a\ud800b\udfffc", "abc"),  # lone surrogates
        ("a\ufffeb\uffffc", "abc"),  # non-characters
        ("Cột 1\tCột 2", "Cột 1\tCột 2"),  # tab kept
        ("2\u00a0590\u202f755 đồng", "2\u00a0590\u202f755 đồng"),  # odd spaces kept
        ("  lề  ", "  lề  "),  # nothing stripped
        ("", ""),
    ],
)
def test_clean_text(typed, stored):
    assert clean_text(typed) == stored


def test_vietnamese_from_word_is_composed():
    decomposed = unicodedata.normalize("NFD", "Nghị quyết về cải cách hành chính")
    assert len(decomposed) > len("Nghị quyết về cải cách hành chính")
    assert clean_text(decomposed) == "Nghị quyết về cải cách hành chính"


def test_a_control_character_inside_a_letter_does_not_split_it():
    assert clean_text("Nghe\x0b\u0323\u0302") == "Nghe\n\u0323\u0302"
    assert clean_text("Nghe\x00\u0323\u0302") == "Nghệ"


def test_cleaning_twice_changes_nothing():
    text = "a\r\n\x0b\ud800e\u0323\u0302\x85\u2029"
    assert clean_text(clean_text(text)) == clean_text(text)


def test_json_values_are_cleaned_throughout():
    value = [{"label": "Kh\x0bông", "value": 0}, "Lưu:\x00 VT.", 3, None]
    assert clean_json(value) == [{"label": "Kh\nông", "value": 0}, "Lưu: VT.", 3, None]


def test_too_long_says_how_long_and_the_limit():
    assert too_long_message("x" * 30_000, 30_000) == ""
    message = too_long_message("x" * 31_234, 30_000)
    assert "31.234" in message and "30.000" in message
    assert "chưa được lưu" in message


def test_fold_and_slug_are_unchanged():
    assert fold("Đất đai") == "dat dai"
    assert slug("Bảo trợ xã hội") == "bao-tro-xa-hoi"
