from django.db import migrations

from festival.sitewide.groups import ORGANISERS, grant, model_codenames


def create_organisers(apps, schema_editor):
    grant(
        apps,
        group=ORGANISERS,
        app_label="festival",
        codenames=model_codenames("edition", "programmeitem"),
    )


def remove_organisers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ORGANISERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_organisers, remove_organisers)]
