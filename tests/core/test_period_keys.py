"""Reporting periods: keys, legal data windows (Nghị định 09/2019/NĐ-CP) and deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError

from core.period_keys import PeriodKey, PeriodKeyError, PeriodKind
from reports.models import ReportingPeriod

D = dt.date

WINDOWS = [
    ("2024Q1", D(2023, 12, 15), D(2024, 3, 14)),
    ("2024Q2", D(2024, 3, 15), D(2024, 6, 14)),
    ("2024Q3", D(2024, 6, 15), D(2024, 9, 14)),
    ("2024Q4", D(2024, 9, 15), D(2024, 12, 14)),
    ("2021H1", D(2020, 12, 15), D(2021, 6, 14)),
    ("2024H2", D(2024, 6, 15), D(2024, 12, 14)),
    ("2024M9", D(2023, 12, 15), D(2024, 9, 14)),
    ("2024Y", D(2023, 12, 15), D(2024, 12, 14)),
    # Year boundaries: quarter I and the year start in December of the year before.
    ("2025Q1", D(2024, 12, 15), D(2025, 3, 14)),
    ("2000Y", D(1999, 12, 15), D(2000, 12, 14)),
]


@pytest.mark.parametrize(("key", "start", "end"), WINDOWS)
def test_each_kind_of_period_has_its_legal_window(key, start, end):
    assert PeriodKey.parse(key).legal_window() == (start, end)


@pytest.mark.parametrize("key", ["2024Q1", "2024Q4", "2021H1", "2024H2", "2024M9", "2024Y"])
def test_keys_round_trip(key):
    assert str(PeriodKey.parse(key)) == key


def test_keys_are_read_case_and_space_insensitively():
    assert str(PeriodKey.parse(" 2024q3 ")) == "2024Q3"


@pytest.mark.parametrize("key", ["2024Q5", "2024H3", "2024Q0", "24Q1", "2024", "2024M6", "Q3"])
def test_invalid_keys_are_refused_with_a_vietnamese_message(key):
    with pytest.raises(PeriodKeyError, match="không hợp lệ"):
        PeriodKey.parse(key)


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("2024Q3", "quý III năm 2024"),
        ("2021H1", "6 tháng đầu năm 2021"),
        ("2024H2", "6 tháng cuối năm 2024"),
        ("2024M9", "9 tháng năm 2024"),
        ("2024Y", "năm 2024"),
    ],
)
def test_periods_are_named_as_documents_name_them(key, label):
    assert PeriodKey.parse(key).label == label


@pytest.mark.parametrize(
    ("key", "previous"),
    [("2024Q1", "2023Q4"), ("2024Q3", "2024Q2"), ("2024H1", "2023H2"), ("2024H2", "2024H1"),
     ("2024M9", "2023M9"), ("2024Y", "2023Y")],
)  # fmt: skip
def test_the_previous_period_of_the_same_kind(key, previous):
    assert str(PeriodKey.parse(key).previous()) == previous


def test_a_built_period_has_the_legal_window_and_a_due_date_after_it():
    period = ReportingPeriod.build("2024Q3")
    assert (period.kind, period.year, period.number) == (PeriodKind.QUARTER, 2024, 3)
    assert period.key == "2024Q3"
    assert period.start_date == D(2024, 6, 15)
    assert period.due_date > period.end_date
    assert period.entry_closes_on == period.due_date + dt.timedelta(days=period.grace_days)


@pytest.mark.django_db
def test_a_province_may_set_its_own_window_for_its_units(seed_report):
    unit = seed_report("15889/2024Q3").unit
    province = unit.ancestors()[0]
    own = ReportingPeriod.build("2024Q4", start_date=D(2024, 9, 1), end_date=D(2024, 11, 30))
    own.scope = province
    own.save()
    assert ReportingPeriod.objects.by_key("2024Q4", scope=unit) == own
    national = ReportingPeriod.objects.by_key("2024Q4")
    assert national.scope is None
    assert national.start_date == D(2024, 9, 15)


@pytest.mark.django_db
def test_there_is_one_national_period_per_key():
    with pytest.raises(IntegrityError):
        ReportingPeriod.build("2024Q4").save()


@pytest.mark.django_db
def test_a_window_that_ends_before_it_starts_is_refused():
    period = ReportingPeriod.build("2030Q1", start_date=D(2030, 3, 1), end_date=D(2030, 2, 1))
    with pytest.raises(Exception, match="sau ngày bắt đầu"):
        period.full_clean()
