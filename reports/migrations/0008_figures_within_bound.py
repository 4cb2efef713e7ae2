# Figures beyond the bound of core.numbers (15 digits, 6 after the comma) were stored before the
# bound existed: on SQLite one from 1e16 on cannot even be read back (every page of its report
# answered 500), one of 16 digits was stored changed (only its typed text still has it). Each becomes what a refused input is: no
# value, the text as typed kept (the page shows it again with the bound's message). In the
# history too: the value history is read with the values.
#
# Read through SQL as text, never through the model: the model's reading is what fails.

from decimal import Decimal, InvalidOperation

from django.db import migrations

from core.numbers import (
    NumberFormatError,
    NumberOutOfBounds,
    format_number,
    parse_number,
    within_bounds,
)

MODELS = [
    ("IndicatorValue", "id"),
    ("TableCellValue", "id"),
    ("HistoricalIndicatorValue", "history_id"),
    ("HistoricalTableCellValue", "history_id"),
]
# Below 1e9 a figure has at most 9 whole digits and the column keeps 6 decimals: within it.
SMALLEST_SUSPECT = 10**9


def _beyond(text, printed):
    """Whether the stored figure, or the text it was typed as, is beyond the bound. SQLite
    stored "1.234.567.890,123456" as 1234567890.12346: only the typed text still says so."""
    try:
        if not within_bounds(Decimal(text)):
            return True
    except InvalidOperation:
        return True
    try:
        parse_number(printed)
    except NumberOutOfBounds:
        return True
    except NumberFormatError:
        pass
    return False


def refuse_figures_beyond_the_bound(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    for name, key in MODELS:
        table = quote(apps.get_model("reports", name)._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote(key)}, CAST(value AS TEXT), printed FROM {table} "
                "WHERE value >= %s OR value <= %s",
                [SMALLEST_SUSPECT, -SMALLEST_SUSPECT],
            )
            beyond = [row for row in cursor.fetchall() if _beyond(row[1], row[2])]
            for pk, text, printed in beyond:
                try:
                    shown = format_number(Decimal(text))
                except InvalidOperation:
                    shown = text
                cursor.execute(
                    f"UPDATE {table} SET value = NULL, printed = %s WHERE {quote(key)} = %s",
                    [printed or shown[:100], pk],
                )


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0007_units_in_core"),
    ]

    operations = [
        migrations.RunPython(refuse_figures_beyond_the_bound, migrations.RunPython.noop),
    ]
