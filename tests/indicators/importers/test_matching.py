"""Names compared as people read them, and the cheap bounds that spare the full comparison."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from indicators.importers.matching import name_key, similarity


def test_accents_case_punctuation_and_spacing_do_not_count():
    assert name_key("  Số hồ sơ  giải quyết ĐÚNG HẠN (%): ") == "so ho so giai quyet dung han %"
    assert similarity("Số hồ sơ đúng hạn", "so ho so dung han") == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Số hồ sơ giải quyết đúng hẹn", "Số hồ sơ giải quyết đúng hạn"),
        ("Tiếp nhận trực tiếp", "Tiếp nhận qua BCCI"),
        ("Cải cách thể chế", "Chỉ tiêu số 1999 về việc khác hẳn"),
        ("a", "Một tên rất dài của một chỉ tiêu"),
    ],
)
@pytest.mark.parametrize("floor", [0.0, 0.5, 0.8, 0.95])
def test_the_score_is_difflibs_ratio_or_zero_when_it_cannot_reach_the_floor(a, b, floor):
    ratio = SequenceMatcher(None, name_key(a), name_key(b), autojunk=False).ratio()
    score = similarity(a, b, floor=floor)
    if ratio >= floor:
        assert score == ratio
    else:
        assert score in (0.0, ratio)
