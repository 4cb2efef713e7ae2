"""``python manage.py report_json <unit>/<period>``: the contract other tools rely on."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.fixtures.test_seed_fidelity import EXPECTED_VALUES
from tests.manage_process import manage


def report_json(key: str) -> dict:
    out = StringIO()
    call_command("report_json", key, stdout=out)
    return json.loads(out.getvalue())


EXPECTED_HEADS = {
    "15889/2024Q3": ("Xã Hoằng Kim", "2024-06-15", "2024-09-14", "HH-01b", 2),
    "18217/2021Q3": ("Xã Sơn Phú", "2021-06-15", "2021-09-14", "HT-2B", 1),
    "15886/2022Q1": ("Xã Hoằng Quỳ", "2021-12-15", "2022-03-14", "HH-01b", 1),
    "5605/2024Q1": ("Xã Bình Thành", "2023-12-15", "2024-03-14", "DH-PL-I", 1),
    "20071/2021H1": ("Xã Sơn Thủy", "2020-12-15", "2021-06-14", "AL-PL", 1),
}


@pytest.mark.django_db
@pytest.mark.parametrize("key", EXPECTED_HEADS)
def test_each_seed_report_prints_as_json(key):
    data = report_json(key)
    name, start, end, template, version = EXPECTED_HEADS[key]
    unit_code, _, period_key = key.partition("/")
    assert data["unit"] == {"code": unit_code, "name": name}
    assert data["period"] == {"key": period_key, "start": start, "end": end}
    assert data["template"] == {"code": template, "version": version}
    assert data["status"] == "approved"
    for code, _locator, _printed, value in EXPECTED_VALUES[key]:
        assert data["values"][code] == value
    assert data["narrative"]
    assert all(set(section) == {"heading", "text"} for section in data["narrative"])


@pytest.mark.django_db
def test_hoang_kim_prints_729_applications_received():
    assert report_json("15889/2024Q3")["values"]["3.3.1"] == "729"


@pytest.mark.django_db
def test_binh_thanh_prints_its_table_by_field():
    table = report_json("5605/2024Q1")["tables"]["tthc"]
    ho_tich = next(row for row in table["rows"] if row["label"] == "Hộ tịch")
    values = ho_tich["values"]
    assert [
        values["received"],
        values["received_online"],
        values["carried_over"],
        values["received_direct"],
    ] == ["88", "86", "2", "0"]
    assert [c["code"] for c in table["columns"]][:4] == [
        "received",
        "received_online",
        "carried_over",
        "received_direct",
    ]


@pytest.mark.django_db
def test_empty_cells_are_absent_not_zero():
    values = report_json("15889/2024Q3")["values"]
    assert "1.3.2" not in values
    assert values["1.3.1"] == "0"


@pytest.mark.django_db
def test_a_decimal_prints_plainly():
    assert report_json("18217/2021Q3")["values"]["7.1.8.3"] == "21.1"


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["99999/2024Q3", "15889/2030Q1", "15889/2024Q9", "15889"])
def test_an_unknown_report_is_a_clear_error(key):
    with pytest.raises(CommandError) as error:
        call_command("report_json", key)
    # CommandError exits with status 1 and prints its message on stderr.
    assert error.value.returncode == 1
    assert str(error.value)


def test_the_command_exits_1_with_the_message_on_stderr(tmp_path):
    """Run as other tools run it: a real process on a fresh, migrated database."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    assert manage("migrate", "--verbosity", "0", env=env).returncode == 0
    result = manage("report_json", "99999/2024Q3", env=env)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Không có báo cáo của đơn vị 99999 kỳ 2024Q3" in result.stderr
