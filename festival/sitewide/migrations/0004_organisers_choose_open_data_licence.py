from django.db import migrations

from festival.sitewide.groups import ORGANISERS, grant


def give(apps, schema_editor):
    """Organisers choose the open data's licence (one row: no add after the first, no delete)."""
    grant(
        apps,
        group=ORGANISERS,
        app_label="sitewide",
        codenames=["add_opendatasettings", "change_opendatasettings", "view_opendatasettings"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sitewide", "0003_open_data_settings"),
        ("festival", "0002_organisers_group"),
    ]

    operations = [migrations.RunPython(give, migrations.RunPython.noop)]
