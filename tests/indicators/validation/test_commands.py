"""``validate_report`` and ``check_narrative`` on the command line."""

from __future__ import annotations

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

FINDING_KEYS = {"check", "severity", "message", "codes", "values", "source", "quote"}
SEED_000 = settings.SEEDS_DIR / "000_786d473fb2e4928a.txt"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_validate_report_prints_the_findings_as_json(db):
    printed = json.loads(run("validate_report", "15889/2024Q3", "--json"))
    assert set(printed) == {"report", "findings"}
    assert printed["report"] == "15889/2024Q3"
    assert len(printed["findings"]) == 11
    assert all(set(finding) == FINDING_KEYS for finding in printed["findings"])
    percent = next(f for f in printed["findings"] if f["values"][:2] == ["254", "729"])
    assert percent == {
        "check": "narrative.percent",
        "severity": "warning",
        "message": "Thuyết minh ghi “Số hồ sơ đã giải quyết trả đúng hạn: 254 hồ sơ = 34,4%” "
        "nhưng 254/729 = 34,84 %.",
        "codes": [],
        "values": ["254", "729", "34.4", "34.84"],
        "source": "narrative",
        "quote": "Số hồ sơ đã giải quyết trả đúng hạn: 254 hồ sơ = 34,4%",
    }


def test_validate_report_lists_the_findings_in_vietnamese(db):
    printed = run("validate_report", "5605/2024Q1")
    assert printed.startswith("Báo cáo 5605/2024Q1: 6 lỗi, 15 cảnh báo.")
    assert "  1. Lỗi (phụ lục) [7.2]: 7.2 = 3 nhưng chỉ được chọn" in printed


def test_findings_do_not_change_the_exit_code(db):
    # call_command raises on a non-zero exit; findings are a normal outcome.
    run("validate_report", "5605/2024Q1", "--json")


def test_an_unknown_report_is_an_error_with_a_vietnamese_message(db):
    with pytest.raises(CommandError, match="Không có báo cáo của đơn vị 99999 kỳ 2024Q3") as error:
        run("validate_report", "99999/2024Q3")
    assert error.value.returncode == 1


@pytest.mark.parametrize("key", ["15889", "15889-2024Q3", "15889/2024Q9"])
def test_a_malformed_key_is_refused(db, key):
    with pytest.raises(CommandError):
        run("validate_report", key)


def test_check_narrative_finds_the_narrative_mistakes_of_a_pasted_draft(tmp_path):
    printed = json.loads(run("check_narrative", str(SEED_000), "--json"))
    checks = sorted(f["check"] for f in printed["findings"])
    assert checks == [
        "document.date",
        "document.number",
        "narrative.percent",
        "narrative.percent",
        "period.blank",
        "period.wording",
    ]
    assert printed["report"] == "000_786d473fb2e4928a.txt (2024Q3)"
    assert all(set(finding) == FINDING_KEYS for finding in printed["findings"])


def test_check_narrative_takes_the_period_it_is_told(tmp_path):
    draft = tmp_path / "du-thao.txt"
    draft.write_text(
        "BÁO CÁO\nKết quả cải cách hành chính quý III năm 2024\n"
        "I. KẾT QUẢ\n- Tổng số hồ sơ đã giải quyết: 1.250 hồ sơ, trong đó đúng hạn 1.204, "
        "quá hạn 48.\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2024\n",
        encoding="utf-8",
    )
    detected = json.loads(run("check_narrative", str(draft), "--json"))
    assert [f["check"] for f in detected["findings"]] == ["narrative.parts"]
    told = json.loads(run("check_narrative", str(draft), "--period", "2024Q2", "--json"))
    assert sorted(f["check"] for f in told["findings"]) == [
        "narrative.parts",
        "period.wording",
        "period.wording",
    ]


def test_a_draft_without_a_period_is_checked_without_the_period_words(tmp_path):
    draft = tmp_path / "khong-ky.txt"
    draft.write_text("I. KẾT QUẢ\n- 09/10 người có trình độ đại học đạt 80%\n", encoding="utf-8")
    err = io.StringIO()
    out = io.StringIO()
    call_command("check_narrative", str(draft), stdout=out, stderr=err)
    assert "Không nhận ra kỳ báo cáo" in err.getvalue()
    assert "9/10 = 90 %" in out.getvalue()


def test_an_unreadable_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        run("check_narrative", str(tmp_path / "khong-co.txt"))


def test_a_wrong_period_key_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="không hợp lệ"):
        run("check_narrative", str(SEED_000), "--period", "2024Q7")
