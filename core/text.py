"""Vietnamese text helpers: accent-insensitive matching and ASCII slugs."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without diacritics: "Đất đai" → "dat dai" (for search and matching)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """ "Bảo trợ xã hội" → "bao-tro-xa-hoi"."""
    return _NON_WORD.sub("-", fold(text)).strip("-")
