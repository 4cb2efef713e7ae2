"""The checker on 38 real published texts (tests/data/real/, keys in corpus.json): every hard
error of the keys is reported as an error, no error where a key says the figures hold, and
the period read where the key names one. How a finding is matched with a key item:
``corpus_keys`` (quote overlap and shared numbers)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from indicators.validation.engine import check_narrative_text
from indicators.validation.period_detect import detect_text_period
from tests.indicators.validation.corpus_keys import REAL_DIR, load_corpus, matches, score

CORPUS = load_corpus()
HARD = [(entry, item) for entry in CORPUS for item in entry.hard_errors]
WITH_PERIOD = [entry for entry in CORPUS if entry.period]
WITHOUT_PERIOD = [entry for entry in CORPUS if not entry.period]

_findings: dict[str, list] = {}


def findings_of(entry):
    if entry.file not in _findings:
        _findings[entry.file] = check_narrative_text(entry.text)
    return _findings[entry.file]


def test_the_corpus_is_the_one_the_readme_describes():
    assert len(CORPUS) == 38
    assert len(HARD) == 16
    assert sum(len(e.silent) for e in CORPUS) == 141
    for entry in CORPUS:
        for item in [*entry.hard_errors, *entry.warnings, *entry.silent]:
            assert item.quote in entry.text, (entry.file, item.quote)


@pytest.mark.parametrize(
    ("entry", "item"),
    HARD,
    ids=[f"{entry.name}:{index}" for entry in CORPUS for index in range(len(entry.hard_errors))],
)
def test_every_hard_error_of_the_keys_is_reported_as_an_error(entry, item):
    errors = [f for f in findings_of(entry) if f.is_error]
    assert any(matches(entry, f, item) for f in errors), (
        f"{entry.file}: not found as an error: {item.quote!r} ({item.identity}); errors: "
        f"{[(f.message, f.values) for f in errors]}"
    )


@pytest.mark.parametrize("entry", CORPUS, ids=[entry.name for entry in CORPUS])
def test_no_error_where_the_figures_hold(entry):
    result = score(entry, findings_of(entry))
    assert result.on_silent == [], [(item.quote, f.message) for item, f in result.on_silent]
    # Every error is one of the keys' hard errors (the keys list every certain failure).
    assert result.false_errors == [], [(f.message, f.quote) for f in result.false_errors]


@pytest.mark.parametrize("entry", CORPUS, ids=[entry.name for entry in CORPUS])
def test_no_warning_where_the_figures_hold(entry):
    result = score(entry, findings_of(entry))
    assert result.warned_on_silent == [], [
        (item.quote, f.message) for item, f in result.warned_on_silent
    ]


@pytest.mark.parametrize("entry", WITH_PERIOD, ids=[entry.name for entry in WITH_PERIOD])
def test_the_period_is_read_where_the_text_states_it(entry):
    detected = detect_text_period(entry.text)
    assert detected is not None and detected.code == entry.period, entry.period_quote


@pytest.mark.parametrize("entry", WITHOUT_PERIOD, ids=[entry.name for entry in WITHOUT_PERIOD])
def test_no_standard_period_is_invented(entry):
    detected = detect_text_period(entry.text)
    assert detected is None or detected.code is None, (entry.period_quote, detected)


def run_command(*args: str) -> tuple[dict, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("check_narrative", *args, "--json", stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def test_the_command_reports_the_hard_errors_of_a_quarterly_text_in_its_format():
    printed, err = run_command(str(REAL_DIR / "22_hoian-q3-2020.txt"))
    assert set(printed) == {"report", "findings"}
    assert printed["report"] == "22_hoian-q3-2020.txt (2020Q3)"
    assert err == ""
    errors = [f for f in printed["findings"] if f["severity"] == "error"]
    assert sorted(f["values"][0] for f in errors) == ["10455", "10455", "9986"]
    assert all(
        set(f) == {"check", "severity", "message", "codes", "values", "source", "quote"}
        for f in printed["findings"]
    )


def test_the_command_names_a_month_and_says_why_the_period_checks_are_skipped():
    printed, err = run_command(str(REAL_DIR / "02_lamdong-thang10-2019.txt"))
    assert printed["report"] == "02_lamdong-thang10-2019.txt (2019M10)"
    assert "tháng 10/2019" in err
    assert "Không nhận ra kỳ báo cáo" not in err
