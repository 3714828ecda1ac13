from django.db import migrations

from festival.sitewide.groups import ORGANISERS, grant, model_codenames


def grant_organisers(apps, schema_editor):
    grant(
        apps,
        group=ORGANISERS,
        app_label="workshops",
        codenames=model_codenames("workshop")
        + ["view_registration", "change_registration"]
        + ["check_in_registration", "view_personal_data"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0001_initial"),
        ("festival", "0002_organisers_group"),
    ]

    operations = [migrations.RunPython(grant_organisers, migrations.RunPython.noop)]
