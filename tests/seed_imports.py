"""The five seeds as the importers meet them: the file, the report it became, its template's
fixture, and another period of the same unit to import into (the seed's own report is
approved, so it is never overwritten)."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from docx import Document
from openpyxl import Workbook

from tests.seed_text import SEED_FILES

FIXTURES = settings.BASE_DIR / "fixtures"


@dataclass(frozen=True)
class Seed:
    key: str  # "15889/2024Q3"
    template_fixture: str  # "hh-01b-v2.json"
    other_period: str  # a period of the same unit without a report

    @property
    def unit(self) -> str:
        return self.key.split("/")[0]

    @property
    def period(self) -> str:
        return self.key.split("/")[1]

    @property
    def path(self) -> Path:
        return Path(settings.SEEDS_DIR) / SEED_FILES[self.key]

    @property
    def template_rows(self) -> list[dict]:
        return json.loads((FIXTURES / "templates" / self.template_fixture).read_text())["rows"]


SEEDS = [
    Seed("15889/2024Q3", "hh-01b-v2.json", "2024Q4"),
    Seed("18217/2021Q3", "ht-2b-v1.json", "2021Q4"),
    Seed("15886/2022Q1", "hh-01b-v1.json", "2022Q2"),
    Seed("5605/2024Q1", "dh-pl-i-v1.json", "2024Q2"),
    Seed("20071/2021H1", "al-pl-v1.json", "2021H2"),
]
SEED_IDS = [seed.key for seed in SEEDS]


def zip_bytes(parts: dict[str, bytes | str], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def replace_part(office: bytes, name: str, transform) -> bytes:
    """The same Office file with one XML part rewritten (``transform(text) -> text``)."""
    source = zipfile.ZipFile(io.BytesIO(office))
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts[name] = transform(parts[name].decode("utf-8")).encode("utf-8")
    return zip_bytes(parts)


BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)


def with_entities(xml: str) -> str:
    """An XML part with a DOCTYPE declaring entities (an XML bomb), one of them used."""
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    return BILLION_LAUGHS + body.replace("</", "&lol3;</", 1)


def docx_bytes(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
