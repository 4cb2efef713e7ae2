"""`python manage.py start_report <unit code>/<period key>`: the "Lập báo cáo" button from a
script, refusing with exit 1 and a message what the button refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from core.models import AdministrativeUnit
from reports.models import Report
from tests.manage_process import manage


def test_it_starts_the_report_as_the_button_does(db, capsys):
    call_command("start_report", "15889/2024Q4")
    report = Report.objects.by_key("15889", "2024Q4")
    assert report.status == "draft"
    assert report.values.filter(origin="carried", source="Từ báo cáo quý III/2024").exists()
    # 3.2 = 3.2.2 + 3.2.3, both carried: computed at the start.
    assert report.values.filter(origin="computed", indicator__code="3.2").exists()
    out = capsys.readouterr().out
    assert "Đã lập báo cáo 15889/2024Q4" in out and "chuyển từ kỳ trước" in out


def test_a_unit_that_does_not_owe_the_period_is_refused(db):
    # A commune created on 1 July 2025 owes nothing for quarter IV 2024.
    province = AdministrativeUnit.objects.filter(code="38").order_by("-tier").first()
    AdministrativeUnit.objects.create(
        code="99988", name="Xã Mới Lập", kind="xa", parent=province,
        valid_from=dt.date(2025, 7, 1),
    )  # fmt: skip
    with pytest.raises(CommandError, match="không phải báo cáo"):
        call_command("start_report", "99988/2024Q4")
    assert not Report.objects.filter(unit__code="99988").exists()


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("15889", "không đúng dạng"),
        ("15889/2024Q9", "không hợp lệ"),
        ("99999/2024Q4", "Không có đơn vị hành chính mã 99999"),
        ("15889/2031Q1", "Chưa có kỳ báo cáo 2031Q1"),
    ],
)
def test_a_wrong_argument_is_refused_with_a_message(db, argument, message):
    with pytest.raises(CommandError, match=message):
        call_command("start_report", argument)


def test_a_report_that_exists_is_not_started_again(db):
    with pytest.raises(CommandError, match="đã có"):
        call_command("start_report", "15889/2024Q3")


def test_the_command_exits_1_with_the_message_on_stderr(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    assert manage("migrate", "--verbosity", "0", env=env).returncode == 0
    result = manage("start_report", "99999/2024Q4", env=env)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "99999" in result.stderr or "2024Q4" in result.stderr
