from django.db import migrations

from festival.sitewide.groups import ORGANISERS, grant


def give(apps, schema_editor):
    grant(apps, group=ORGANISERS, app_label="admin", codenames=["view_logentry"])


class Migration(migrations.Migration):
    dependencies = [
        ("sitewide", "0001_initial"),
        ("festival", "0002_organisers_group"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(give, migrations.RunPython.noop)]
