"""The checks read a narrative section up to the length limit, never further: a section stored
longer (before the limit existed) costs them no more than one at the limit."""

from __future__ import annotations

from core.period_keys import PeriodKey
from core.text import NARRATIVE_MAX_CHARS
from indicators.validation.engine import bounded, check_data
from indicators.validation.snapshot import (
    DocumentInfo,
    PeriodInfo,
    ReportData,
    Section,
    TemplateData,
)
from tests.indicators.validation.helpers import of_check

WRONG_PERCENT = "- 09/10 người có trình độ đại học đạt 80%"  # 9/10 is 90 %
FILLER = "Tuyên truyền cải cách hành chính trên đài truyền thanh xã.\n"
TEMPLATE = TemplateData(code="", version=0, indicators=())


def data_with(text: str) -> ReportData:
    return ReportData(
        template=TEMPLATE,
        sections=(Section("1. Công tác chỉ đạo", text),),
        period=PeriodInfo.legal(PeriodKey.parse("2024Q3")),
    )


def filler(length: int) -> str:
    return (FILLER * (length // len(FILLER) + 1))[:length]


def test_a_figure_within_the_limit_is_checked():
    text = filler(NARRATIVE_MAX_CHARS - len(WRONG_PERCENT) - 1) + "\n" + WRONG_PERCENT
    assert len(text) == NARRATIVE_MAX_CHARS
    assert of_check(check_data(data_with(text)), "narrative.percent")


def test_nothing_past_the_limit_is_read():
    text = filler(NARRATIVE_MAX_CHARS) + "\n" + WRONG_PERCENT + "\n" + filler(2_000_000)
    assert of_check(check_data(data_with(WRONG_PERCENT)), "narrative.percent")
    assert not of_check(check_data(data_with(text)), "narrative.percent")


def test_bounded_cuts_every_long_text_and_leaves_short_data_as_it_is():
    short = data_with("Ngắn.")
    assert bounded(short) is short
    long = ReportData(
        template=TEMPLATE,
        sections=(Section("x" * 40_000, "y" * 40_000),),
        document=DocumentInfo(intro="z" * 40_000, summary="Trích yếu"),
    )
    cut = bounded(long)
    assert len(cut.sections[0].heading) == len(cut.sections[0].text) == NARRATIVE_MAX_CHARS
    assert len(cut.document.intro) == NARRATIVE_MAX_CHARS
    assert cut.document.summary == "Trích yếu"
