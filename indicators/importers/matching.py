"""Comparing names of annex rows as people read them: accents, case, punctuation and spacing
do not count, small wording differences ("đúng hẹn" / "đúng hạn") barely count (``difflib``).

A file's rows are each compared with every row of a template: the keys and their letter counts
are cached, and difflib's cheap upper bounds are computed from them, so that only the pairs
that may reach ``floor`` pay for a full comparison.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from core.text import fold

_NON_WORD = re.compile(r"[^a-z0-9%]+")


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """A name for comparison: no accents, case, punctuation or extra spaces."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


@lru_cache(maxsize=8192)
def _letters(key: str) -> Counter[str]:
    return Counter(key)


def similarity(a: str, b: str, *, floor: float = 0.0) -> float:
    """How alike two names are, 0–1 (difflib's ratio of their keys); 0 when a cheap upper
    bound (difflib's ``real_quick_ratio`` and ``quick_ratio``) is already below ``floor``."""
    left, right = name_key(a), name_key(b)
    if left == right:
        return 1.0
    if floor > 0:
        total = len(left) + len(right)
        if 2 * min(len(left), len(right)) / total < floor:
            return 0.0
        common = (_letters(left) & _letters(right)).total()
        if 2 * common / total < floor:
            return 0.0
    return SequenceMatcher(None, left, right, autojunk=False).ratio()
