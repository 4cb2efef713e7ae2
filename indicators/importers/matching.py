"""Comparing names of annex rows as people read them: accents, case, punctuation and spacing
do not count, small wording differences ("đúng hẹn" / "đúng hạn") barely count (``difflib``)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from core.text import fold

_NON_WORD = re.compile(r"[^a-z0-9%]+")


def name_key(text: str) -> str:
    """A name for comparison: no accents, case, punctuation or extra spaces."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def similarity(a: str, b: str, *, floor: float = 0.0) -> float:
    """How alike two names are, 0–1 (difflib's ratio of their keys); 0 when a cheap upper
    bound is already below ``floor``."""
    left, right = name_key(a), name_key(b)
    if left == right:
        return 1.0
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()
