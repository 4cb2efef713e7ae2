"""Median time to export the largest seed report as DOCX (báo cáo + annex) and XLSX (annex),
and each against its floor, measured in the same run.

Run by hand or by `make bench`: `python bench/bench_exports.py [--runs 30]` after
`python manage.py demo --skip-official-units` (SQLite dev database by default; the script loads
the demo data itself if the database is empty; DATABASE_URL=postgres://… for PostgreSQL).
Targets (issue 6): DOCX ≤ 300 ms, XLSX ≤ 200 ms, from the report to the file's bytes. Floors
(`bench/floors.py`): the XLSX annex against openpyxl writing the same cells, styles and merges
(target ≤ 2×); the DOCX against python-docx's object API building the same paragraphs, runs and
tables (≈ 0.3× when the floor was set: keep it).
"""

from __future__ import annotations

import argparse
import sys

from _setup import count_queries, figure, median_ms, paired_medians, ratio_line, setup

setup()

import floors  # noqa: E402

from reports.exports import render_report  # noqa: E402
from reports.models import Report  # noqa: E402

# Sơn Phú, quý III 2021: Hà Tĩnh's Phụ lục 2B, the seed with the most annex rows (143).
LARGEST_SEED = ("18217", "2021Q3")
TARGETS_MS = {"docx": 300, "xlsx": 200}
XLSX_RATIO_TARGET = 2.0
DOCX_RATIO_TARGET = 0.3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    report = Report.objects.by_key(*LARGEST_SEED)
    rows = report.template.indicators.count()
    sections = report.sections.count()
    print(f"report: {report.key} — {report.template.code} v{report.template.version}")
    print(f"        {rows} annex rows, {sections} narrative sections")
    for fmt, target in TARGETS_MS.items():
        for blank in (False, True):
            size = len(render_report(report, fmt, blank=blank))
            median = median_ms(
                lambda f=fmt, b=blank: render_report(report, f, blank=b), options.runs
            )
            queries = count_queries(lambda f=fmt, b=blank: render_report(report, f, blank=b))
            label = f"{fmt}{' (blank)' if blank else ''}, {size / 1024:.0f} KiB"
            figure(label, median, target, queries)

    # The floors, planned from the export itself (not timed), each run alternately with it.
    xlsx = render_report(report, "xlsx")
    xlsx_plan = floors.xlsx_plan(xlsx)
    differences = floors.xlsx_differences(xlsx, floors.write_xlsx(xlsx_plan))
    if differences:
        sys.exit("the XLSX floor does not write the export's workbook: " + "; ".join(differences))
    export_ms, floor_ms = paired_medians(
        lambda: render_report(report, "xlsx"), lambda: floors.write_xlsx(xlsx_plan), options.runs
    )
    print(
        f"xlsx annex {export_ms:.1f} ms against its floor {floor_ms:.1f} ms (alternate runs): "
        f"openpyxl writing the same {xlsx_plan.cell_count} cells, {len(xlsx_plan.styles)} "
        "styles, merges, sizes and page set-up"
    )
    ratio_line("ratio xlsx / raw openpyxl", export_ms / floor_ms, XLSX_RATIO_TARGET)

    docx = render_report(report, "docx")
    docx_plan = floors.docx_plan(docx)
    if floors.docx_texts(docx) != floors.docx_texts(floors.write_docx(docx_plan)):
        sys.exit("the DOCX floor does not write the export's text")
    runs = max(options.runs // 3, 5)  # the floor takes about 200 ms
    export_ms, floor_ms = paired_medians(
        lambda: render_report(report, "docx"),
        lambda: floors.write_docx(docx_plan),
        runs,
        warmup=1,
    )
    print(
        f"docx {export_ms:.1f} ms against its floor {floor_ms:.1f} ms (alternate runs): "
        f"python-docx's object API, the same {docx_plan.paragraphs} paragraphs and "
        f"{docx_plan.cells} table cells"
    )
    ratio_line(
        "ratio docx / raw python-docx",
        export_ms / floor_ms,
        DOCX_RATIO_TARGET,
        " (≈ 0.3 when set: keep it)",
    )


if __name__ == "__main__":
    main()
