"""A line of a báo cáo as its parts are read from it: without the markup pasted text carries,
its spaces collapsed, folded for comparing (no accents, lower case), split into its columns (by
tabs, or in text by wide gaps), and whether it is written in capitals. Shared by the reading of
the letter's head and body (``report_letter``) and of its end (``letter_ending``)."""

from __future__ import annotations

import re

from core.text import fold

from .annex_text import clean_cell

TAGS = re.compile(r"</?[a-zA-Z][^>]*>")
_MARKS = re.compile(r"\*+|^#+\s*")
_TABS = re.compile(r"\t")
_TABS_AND_SPACES = re.compile(r"\t|\s{3,}")
BULLET = re.compile(r"^[-+•–]\s*")


def clean(text: str) -> str:
    """A line without the markup pasted text carries ("**", "##", "<b>"), spaces collapsed."""
    return clean_cell(_MARKS.sub("", TAGS.sub("", text.replace("ƣ", "ư").replace("Ƣ", "Ư"))))


def folded_line(text: str) -> str:
    return fold(clean(text)).strip()


def line_columns(raw: str, spaced: bool = True) -> list[str]:
    """A line's columns: text apart by a tab, or (``spaced``: text, where a PDF's two columns
    share a line) by three spaces and more; never inside parentheses ("(Kèm theo Báo cáo số
    /BC-UBND ngày      /     /2024 …)" is one)."""
    pieces = (_TABS_AND_SPACES if spaced else _TABS).split(raw)
    parts: list[str] = []
    for piece in pieces:
        if parts and parts[-1].count("(") > parts[-1].count(")"):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [part for part in (clean(piece) for piece in parts) if part]


def is_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(not char.islower() for char in letters)
