"""PNG renders of the Hoằng Kim báo cáo as LibreOffice prints it: its first page and its annex
page (DOCX), and the first page of its XLSX annex, into docs/screenshots/.

Run by hand: `python bench/render_docx_screenshots.py` after
`python manage.py demo --skip-official-units` (the script loads the demo data itself if the
database is empty). Needs LibreOffice (soffice) and poppler-utils (pdftotext, pdftoppm).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _setup import ROOT, setup

setup()

from reports.exports import export_filename, render_report  # noqa: E402
from reports.models import Report  # noqa: E402

REPORT = ("15889", "2024Q3")  # xã Hoằng Kim, quý III năm 2024 (seed 000)
ANNEX_MARK = "Phụ lục"
TOOLS = ("soffice", "pdftotext", "pdftoppm")
TIMEOUT = 300


def convert(files: list[Path], folder: Path) -> None:
    profile = folder / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )


def page_text(pdf: Path, page: int) -> str:
    result = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
    )
    return result.stdout if result.returncode == 0 else ""


def first_page_with(pdf: Path, mark: str, start: int = 2, last: int = 200) -> int:
    for page in range(start, last):
        text = page_text(pdf, page)
        if not text:
            break
        if mark in text:
            return page
    raise SystemExit(f"Không tìm thấy trang có “{mark}” trong {pdf.name}.")


def png(pdf: Path, page: int, target: Path, dpi: int) -> None:
    stem = target.with_suffix("")
    pages = ["-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), *pages, str(pdf), str(stem)],
        check=True,
        timeout=TIMEOUT,
    )
    print(f"{target.relative_to(ROOT)}: {pdf.name}, trang {page}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--dpi", type=int, default=80)
    options = parser.parse_args()
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        sys.exit(
            f"Thiếu {', '.join(missing)}: cài libreoffice-writer-nogui, "
            "libreoffice-calc-nogui và poppler-utils."
        )
    report = Report.objects.by_key(*REPORT)
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        docx = folder / export_filename(report, "docx")
        xlsx = folder / export_filename(report, "xlsx")
        docx.write_bytes(render_report(report, "docx"))
        xlsx.write_bytes(render_report(report, "xlsx"))
        convert([docx, xlsx], folder)
        docx_pdf, xlsx_pdf = docx.with_suffix(".pdf"), xlsx.with_suffix(".pdf")
        png(docx_pdf, 1, options.out / "docx-page1.png", options.dpi)
        annex = first_page_with(docx_pdf, ANNEX_MARK)
        png(docx_pdf, annex, options.out / "docx-annex.png", options.dpi)
        png(xlsx_pdf, 1, options.out / "xlsx-annex.png", options.dpi)


if __name__ == "__main__":
    main()
