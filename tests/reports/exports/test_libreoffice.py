"""A real consumer opens the exports: LibreOffice converts every DOCX and XLSX of the five seeds
(filled and blank) to PDF, and poppler reads the PDFs back.

The tools are Debian's libreoffice-writer-nogui, libreoffice-calc-nogui and poppler-utils,
installed by .ci/run: when they are missing the tests fail with that message (never skip).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reports.exports import export_filename, render_report
from reports.models import Report
from tests.reports.exports.conftest import BINH_THANH, HOANG_KIM, SEED_KEYS

TOOLS = {
    "soffice": "libreoffice-writer-nogui libreoffice-calc-nogui",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
}
CONVERSION_TIMEOUT = 600  # seconds for all twenty files, LibreOffice's cold start included

# Database tests run before the transactional ones that empty the tables: the seed reports the
# module fixture exports are still there.
pytestmark = pytest.mark.django_db


def require_tools() -> None:
    missing = {tool: package for tool, package in TOOLS.items() if shutil.which(tool) is None}
    if missing:
        packages = " ".join(sorted(set(missing.values())))
        pytest.fail(
            f"{', '.join(missing)} not found: the export tests need LibreOffice and poppler. "
            f"Install them with `apt-get install --no-install-recommends {packages} "
            "fonts-liberation` (.ci/run does).",
            pytrace=False,
        )


def convert_to_pdf(files: list[Path], outdir: Path, profile: Path) -> subprocess.CompletedProcess:
    """One LibreOffice process for all files, with a throwaway user profile."""
    return subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=CONVERSION_TIMEOUT,
        check=False,
    )


def page_count(pdf: Path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


@pytest.fixture(scope="module")
def pdfs(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Path]:
    """Every export of the five seeds, converted: {file name: its PDF}."""
    require_tools()
    folder = tmp_path_factory.mktemp("exports")
    files = []
    with django_db_blocker.unblock():
        for key in SEED_KEYS:
            unit_code, _, period_key = key.partition("/")
            report = Report.objects.by_key(unit_code, period_key)
            for fmt in ("docx", "xlsx"):
                for blank in (False, True):
                    path = folder / export_filename(report, fmt, blank=blank)
                    path.write_bytes(render_report(report, fmt, blank=blank))
                    files.append(path)
    result = convert_to_pdf(files, folder, tmp_path_factory.mktemp("lo-profile"))
    assert result.returncode == 0, result.stderr
    return {path.name: path.with_suffix(".pdf") for path in files}


def test_libreoffice_converts_every_export_of_the_five_seeds(pdfs):
    assert len(pdfs) == 20
    for name, pdf in pdfs.items():
        assert pdf.exists(), f"LibreOffice made no PDF of {name}"
        assert pdf.read_bytes()[:5] == b"%PDF-"
        assert page_count(pdf) >= 1


def hoang_kim_docx_pdf(pdfs) -> Path:
    unit, _, period = HOANG_KIM.partition("/")
    return pdfs[f"bao-cao-cchc-{unit}-{period}.docx"]


def test_the_hoang_kim_report_has_the_quoc_hieu_on_page_one(pdfs):
    first = page_text(hoang_kim_docx_pdf(pdfs), 1)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Độc lập - Tự do - Hạnh phúc" in first
    assert "BÁO CÁO" in first
    assert "Phụ lục 01b" not in first


def test_the_hoang_kim_annex_table_is_on_a_later_page(pdfs):
    pdf = hoang_kim_docx_pdf(pdfs)
    pages = [page_text(pdf, page) for page in range(1, page_count(pdf) + 1)]
    annex = next(index for index, text in enumerate(pages) if "Phụ lục 01b" in text)
    assert annex > 0
    table = "\n".join(pages[annex:])
    for printed in ("Kết quả thống kê", "Đơn vị tính", "Số liệu", "Ghi chú", "1.590", "729"):
        assert printed in table
    # The header rows repeat on the pages the table runs onto.
    assert all("Kết quả thống kê" in text for text in pages[annex:])
    # The signature page comes before the annex.
    assert any("Lê Như Đông" in text for text in pages[:annex])


def test_page_numbers_start_on_page_two(pdfs):
    pdf = hoang_kim_docx_pdf(pdfs)
    assert page_text(pdf, 2).strip().startswith("2")
    assert not page_text(pdf, 1).strip().startswith("1")


def test_the_xlsx_annex_prints_its_table(pdfs):
    unit, _, period = HOANG_KIM.partition("/")
    pdf = pdfs[f"phu-luc-cchc-{unit}-{period}.xlsx"]
    text = page_text(pdf, 1)
    for printed in ("Phụ lục 01b", "Kết quả thống kê", "Đơn vị: Xã Hoằng Kim (mã 15889)"):
        assert printed in text


def test_the_table_by_field_prints_on_its_landscape_page(pdfs):
    unit, _, period = BINH_THANH.partition("/")
    pdf = pdfs[f"bao-cao-cchc-{unit}-{period}.docx"]
    last = page_text(pdf, page_count(pdf))
    assert "Tổng cộng" in last
    assert "Số hồ sơ nhận giải quyết" in last
