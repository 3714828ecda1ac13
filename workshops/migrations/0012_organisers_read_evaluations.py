from django.db import migrations

from festival.sitewide.groups import ORGANISERS, grant


def organisers_read_evaluations(apps, schema_editor):
    """Organisers read the workshop evaluations (never change them); door stewards do not."""
    grant(apps, group=ORGANISERS, app_label="workshops", codenames=["view_evaluation"])


class Migration(migrations.Migration):
    dependencies = [("workshops", "0011_workshop_day")]

    operations = [migrations.RunPython(organisers_read_evaluations, migrations.RunPython.noop)]
