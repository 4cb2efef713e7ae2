# Text saved before the portal cleaned its input may hold characters XML refuses (a vertical tab
# pasted from Word): the backup (XML) then fails on every run, the history rows included, and
# the DOCX export too. Every text of every row of core, indicators and reports — the value
# history (Historical*) included — goes through core.text.clean_text once: line breaks of other
# documents become "\n", other control characters are dropped, Vietnamese is composed (NFC).
# Rows are updated in place (no save: no history row, no timestamp moves). Nothing to undo.

from django.db import IntegrityError, migrations, models, transaction

from core.text import clean_json, clean_text

APPS = ("core", "indicators", "reports")
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _cleaned(value, is_json):
    if is_json:
        return clean_json(value)
    return clean_text(value) if isinstance(value, str) else value


def clean_control_characters(apps, schema_editor):
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
            if not fields:
                continue
            names = [f.attname for f in fields]
            is_json = [isinstance(f, models.JSONField) for f in fields]
            manager = model._base_manager
            changes = []
            rows = manager.values_list(model._meta.pk.attname, *names).iterator(chunk_size=2000)
            for pk, *values in rows:
                changed = {}
                for name, value, json in zip(names, values, is_json):
                    cleaned = _cleaned(value, json)
                    if cleaned != value:
                        changed[name] = cleaned
                if changed:
                    changes.append((pk, changed))
            for pk, changed in changes:
                try:
                    with transaction.atomic():
                        manager.filter(pk=pk).update(**changed)
                except IntegrityError:
                    # Two rows that differ only by a control character (a code, a key): the
                    # row is kept as it is rather than the migration failing.
                    continue


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("indicators", "0005_units_in_core"),
        ("reports", "0009_report_history"),
    ]

    operations = [
        migrations.RunPython(clean_control_characters, migrations.RunPython.noop),
    ]
