from django.db import migrations

from festival.sitewide.groups import ORGANISERS, grant, model_codenames


def organisers_edit_booth_plans(apps, schema_editor):
    """Organisers upload each edition's plan and place its booths."""
    grant(
        apps,
        group=ORGANISERS,
        app_label="festival",
        codenames=model_codenames("boothplan", "booth"),
    )


class Migration(migrations.Migration):
    dependencies = [("festival", "0009_booth_plan_and_booths")]

    operations = [migrations.RunPython(organisers_edit_booth_plans, migrations.RunPython.noop)]
