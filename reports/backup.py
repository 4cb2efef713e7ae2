"""Backup and restore of the portal's data as one compressed file (Django's XML serializer:
unlike its JSON one, it keeps timestamps to the microsecond, so the history keeps its order).

Every row of the portal goes in: units, periods, templates, reports, values, comments, the
workflow's audit rows and the value history. Left out: what Django rebuilds by itself (content
types, permissions), sessions and login attempts. For large databases `pg_dump` is faster (see
docs/DEPLOY.md); this format moves between SQLite and PostgreSQL.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction

from reports import backup_xml

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
]


def backup(path: Path) -> int:
    """Write every row to ``path`` (gzip-compressed XML); return the file's size in bytes."""
    buffer = io.StringIO()
    call_command("dumpdata", format="xml", exclude=EXCLUDED, natural_foreign=True, stdout=buffer)
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(buffer.getvalue())
    return path.stat().st_size


def empty_database() -> None:
    """Delete every row (Django's flush)."""
    if connection.vendor == "postgresql":
        # Deferred foreign-key checks still queued in this transaction forbid TRUNCATE.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        # Back to deferred checks, so loaddata may insert rows before those they point to.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@transaction.atomic
def restore(path: Path) -> None:
    """Replace the database's content with the backup's (in one transaction: all or nothing)."""
    with gzip.open(path, "rt", encoding="utf-8") as source:
        data = source.read()
    # Read with the exact deserializer (``reports.backup_xml``): Django's strips every text.
    serializers.register_serializer(backup_xml.FORMAT, "reports.backup_xml")
    plain = path.with_suffix(f".restore.{backup_xml.FORMAT}")
    plain.write_text(data, encoding="utf-8")
    try:
        empty_database()
        call_command("loaddata", str(plain), verbosity=0)
    finally:
        plain.unlink(missing_ok=True)
