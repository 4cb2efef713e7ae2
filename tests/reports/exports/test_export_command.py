"""``python manage.py export_report <unit>/<period> --format docx|xlsx -o FILE [--blank]``."""

from __future__ import annotations

import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reports.exports import ExportFormatError, content_type, export_filename, render_report
from reports.exports.xlsx import ANNEX_SHEET
from tests.manage_process import manage
from tests.reports.exports.conftest import HOANG_KIM, open_docx, open_xlsx


def export(*args: str) -> str:
    out = StringIO()
    call_command("export_report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_writes_the_docx_report(tmp_path):
    target = tmp_path / "bao-cao.docx"
    message = export(HOANG_KIM, "--format", "docx", "-o", str(target))
    assert f"Đã xuất báo cáo {HOANG_KIM} ra {target}" in message
    document = open_docx(target.read_bytes())
    assert any(p.text == "BÁO CÁO" for p in document.paragraphs)


@pytest.mark.django_db
def test_it_writes_the_xlsx_annex(tmp_path):
    target = tmp_path / "phu-luc.xlsx"
    export(HOANG_KIM, "--format", "xlsx", "--output", str(target))
    sheet = open_xlsx(target.read_bytes())[ANNEX_SHEET]
    assert sheet["A1"].value == "Phụ lục 01b"


@pytest.mark.django_db
def test_blank_writes_the_empty_form(tmp_path):
    target = tmp_path / "mau.xlsx"
    message = export(HOANG_KIM, "--format", "xlsx", "-o", str(target), "--blank")
    assert "biểu mẫu trống" in message
    sheet = open_xlsx(target.read_bytes())[ANNEX_SHEET]
    assert all(cell.value is None for (cell,) in sheet.iter_rows(min_row=11, min_col=4, max_col=4))


@pytest.mark.django_db
def test_without_output_it_names_the_file_itself(tmp_path, monkeypatch, hoang_kim):
    monkeypatch.chdir(tmp_path)
    export(HOANG_KIM, "--format", "docx")
    name = export_filename(hoang_kim, "docx")
    assert name == "bao-cao-cchc-15889-2024Q3.docx"
    assert zipfile.is_zipfile(tmp_path / name)


@pytest.mark.django_db
def test_the_file_names_are_ascii(hoang_kim):
    names = [
        export_filename(hoang_kim, fmt, blank=blank)
        for fmt in ("docx", "xlsx")
        for blank in (False, True)
    ]
    assert names == [
        "bao-cao-cchc-15889-2024Q3.docx",
        "bao-cao-cchc-15889-2024Q3-mau-trong.docx",
        "phu-luc-cchc-15889-2024Q3.xlsx",
        "phu-luc-cchc-15889-2024Q3-mau-trong.xlsx",
    ]
    assert all(name.isascii() for name in names)


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["99999/2024Q3", "15889/2030Q1", "15889/2024Q9", "15889"])
def test_an_unknown_report_is_a_clear_error(tmp_path, key):
    with pytest.raises(CommandError) as error:
        export(key, "--format", "docx", "-o", str(tmp_path / "x.docx"))
    assert error.value.returncode == 1
    assert str(error.value)
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.django_db
def test_an_unwritable_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Không ghi được tệp"):
        export(HOANG_KIM, "-o", str(tmp_path / "missing" / "x.docx"))


@pytest.mark.django_db
def test_an_unknown_format_is_refused(tmp_path):
    with pytest.raises(CommandError):
        export(HOANG_KIM, "--format", "pdf", "-o", str(tmp_path / "x.pdf"))


def test_the_command_exits_1_with_the_message_on_stderr(tmp_path):
    """Run as other tools run it: a real process on a fresh, migrated database."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    assert manage("migrate", "--verbosity", "0", env=env).returncode == 0
    result = manage("export_report", "99999/2024Q3", "--format", "xlsx", "-o", "x.xlsx", env=env)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Không có báo cáo của đơn vị 99999 kỳ 2024Q3" in result.stderr


@pytest.mark.django_db
def test_render_report_refuses_an_unknown_format_in_vietnamese(hoang_kim):
    with pytest.raises(ExportFormatError, match="Không hỗ trợ định dạng “pdf”: chỉ xuất được"):
        render_report(hoang_kim, "pdf")
    assert render_report(hoang_kim, "xlsx")[:2] == b"PK"
    assert content_type("docx").endswith("wordprocessingml.document")
