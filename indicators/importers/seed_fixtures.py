"""Build the seed fixtures (``fixtures/templates``, ``fixtures/reports/*.annex.json``) from the
five seed reports' annex text. Run by ``python manage.py build_seed_fixtures``; the output is
committed and checked row by row by the tests, so loading the demo never needs the seeds.

What the annex text cannot tell is declared here, per template: semantic tags for the checks,
kinds and formulas, breakdowns that are not partitions, the table by field of Định Hóa, and the
template's own validation rules (what no standard identity says: tasks done ≤ tasks set).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from core.text import slug
from indicators.kinds import inferred_settings
from indicators.models import Aggregation, ValueType

from .annex_text import clean_cell, parse_annex_lines
from .seed_declarations import SEED_REPORTS, TEMPLATE_TITLE, SeedTemplate
from .tree import TreeRow, build_tree

_PERIOD_WORDS = re.compile(
    r"\s*(QUÝ\s+[\dIVX]+(/\d{4})?(\s+NĂM\s+\d{4})?|6\s+THÁNG\s+(ĐẦU|CUỐI)\s+NĂM\s+\d{4})\s*$",
    re.IGNORECASE,
)
_FORWARD_HEADING = re.compile(r"PHƯƠNG HƯỚNG|NHIỆM VỤ", re.IGNORECASE)


def _aggregation(row: TreeRow, children: list[TreeRow]) -> str:
    if row.value_type == ValueType.HEADING:
        return Aggregation.NONE
    if row.value_type == ValueType.YESNO:
        return Aggregation.COUNT_YES
    if row.value_type == ValueType.CHOICE:
        return Aggregation.DISTRIBUTION
    if row.value_type == ValueType.PERCENT:
        counts = [c for c in children if c.value_type in (ValueType.INTEGER, ValueType.DECIMAL)]
        return Aggregation.RATIO if len(counts) >= 2 else Aggregation.NONE
    return Aggregation.SUM


def _is_partition(row: TreeRow, children: list[TreeRow]) -> bool:
    """ "Trong đó" counts under a count: they add up to it (unless declared otherwise)."""
    parts = [c for c in children if c.is_breakdown]
    return (
        bool(parts)
        and row.value_type in (ValueType.INTEGER, ValueType.DECIMAL)
        and all(c.value_type == row.value_type for c in parts)
    )


def template_rows(config: SeedTemplate, tree_rows: list[TreeRow]) -> list[dict]:
    for row in tree_rows:
        if row.code in config.headings:
            row.value_type = ValueType.HEADING
    children: dict[str, list[TreeRow]] = {}
    for row in tree_rows:
        if row.parent_code:
            children.setdefault(row.parent_code, []).append(row)
    rows = []
    for row in tree_rows:
        kids = children.get(row.code, [])
        parts = [kid.code for kid in kids if kid.is_breakdown]
        partition = _is_partition(row, kids) and row.code not in config.not_partitions
        declared = {
            "name": row.name,
            "value_type": str(row.value_type),
            "parts_sum_to_total": partition,
            "kind": config.kinds.get(row.code, ""),
            "formula": config.formulas.get(row.code, ""),
        }
        derivation, source = config.derivations.get(row.code, ("", ""))
        declared.update(derivation=derivation, derive_from=source)
        rows.append(
            {
                "code": row.code,
                "printed_code": row.printed_code,
                "name": row.name,
                "unit": row.unit,
                "value_type": str(row.value_type),
                "choices": row.choices,
                "is_breakdown": row.is_breakdown,
                "parts_sum_to_total": partition,
                "aggregation": str(_aggregation(row, kids)),
                "tags": config.tags.get(row.code, []),
                **inferred_settings(declared, parts if partition else ()),
            }
        )
    return rows


def outline_from_document(document: dict) -> list[dict]:
    """The template's outline: the seed report's headings, with the forward-looking section
    named for no particular period (each report prints its own)."""
    outline = []
    in_forward = False
    for section in document["sections"]:
        heading = section["heading"]
        if section["level"] == 1:
            in_forward = bool(_FORWARD_HEADING.search(heading))
            if in_forward:
                heading = _PERIOD_WORDS.sub("", heading).rstrip(" ,:") + " KỲ TỚI"
        outline.append(
            {"level": section["level"], "heading": heading, "prefill_from_previous": in_forward}
        )
    return outline


def parse_field_table(lines: list[str], config: dict) -> tuple[dict, dict]:
    """The table by field of Định Hóa: its rows (lĩnh vực) and printed cells."""
    start = next(i for i, line in enumerate(lines) if line.startswith("ST T\t"))
    columns = config["columns"]
    rows, values = [], {}
    for line in lines[start + 1 :]:
        cells = [clean_cell(c) for c in line.split("\t")]
        if len(cells) < 2 + len(columns) or not (cells[0].isdigit() or cells[0] == "Tổng cộng"):
            continue
        is_total = cells[0] == "Tổng cộng"
        label = cells[0] if is_total else cells[1]
        code = slug(label)
        rows.append(
            {
                "code": code,
                "label": label,
                "printed_code": "" if is_total else cells[0],
                "is_total": is_total,
            }
        )
        values[code] = {col[0]: cells[2 + i] for i, col in enumerate(columns)}
    table = {
        "code": config["code"],
        "title": config["title"],
        "subtitle": config["subtitle"],
        "columns": [
            {"code": code, "label": label, "group": group, "tags": tags}
            for code, label, group, tags in columns
        ],
        "rows": rows,
    }
    return table, {config["code"]: values}


def build(seeds_dir: Path, fixtures_dir: Path) -> list[str]:
    """Write every template and annex fixture; return what was written and what was noticed."""
    written: list[str] = []
    built: dict[str, dict] = {}
    for report in SEED_REPORTS:
        config = report.template
        seed_lines = (seeds_dir / report.seed).read_text(encoding="utf-8").split("\n")
        annex_lines = (
            (fixtures_dir / "sources" / report.annex_source).read_text(encoding="utf-8").split("\n")
            if report.annex_source
            else seed_lines
        )
        parsed = parse_annex_lines(annex_lines)
        if parsed.unplaced:
            raise ValueError(f"{report.seed}: unplaced lines {parsed.unplaced}")
        tree = build_tree(parsed.rows)
        for row in tree.rows:
            if row.code in config.headings and row.source and row.source.value:
                raise ValueError(f"{report.seed}: {row.code} is declared a heading but has a value")
        for renumbering in tree.renumbered:
            written.append(f"{report.seed}: {renumbering.message}")
        document = json.loads(
            (fixtures_dir / "reports" / f"{report.key}.document.json").read_text(encoding="utf-8")
        )
        tables, table_values = [], {}
        for table_config in config.tables:
            table, cells = parse_field_table(seed_lines, table_config)
            tables.append(table)
            table_values.update(cells)
        template = {
            "code": config.code,
            "version": config.version,
            "year": config.year,
            "issuer": config.issuer,
            "title": config.full_title,
            "annex_label": config.annex_label,
            "annex_title": TEMPLATE_TITLE,
            "status": "archived" if config.archived else "published",
            "source": config.source,
            "rows": template_rows(config, tree.rows),
            "outline": outline_from_document(document),
            "tables": tables,
            "rules": config.rules,
        }
        built[config.slug] = template
        annex = {
            "seed": report.seed,
            "unit": report.unit,
            "period": report.period,
            "template": {"code": config.code, "version": config.version},
            "values": {
                row.code: {"printed": row.source.value, "note": row.source.note}
                for row in tree.rows
                if row.source and (row.source.value or row.source.note)
            },
            "tables": table_values,
        }
        written.append(_write(fixtures_dir / "reports" / f"{report.key}.annex.json", annex))
    for name, template in built.items():
        written.append(_write(fixtures_dir / "templates" / f"{name}.json", template))
    return written


def _write(path: Path, data: dict) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return str(path)
