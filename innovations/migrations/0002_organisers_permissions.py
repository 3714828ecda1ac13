from django.db import migrations

from festival.sitewide.groups import ORGANISERS, grant, model_codenames

MODELS = ("agency", "theme", "award", "innovation", "photo")


def grant_organisers(apps, schema_editor):
    grant(
        apps,
        group=ORGANISERS,
        app_label="innovations",
        codenames=model_codenames(*MODELS),
    )


def revoke_organisers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ORGANISERS).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="innovations", codename__in=model_codenames(*MODELS)
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0001_initial"),
        ("festival", "0002_organisers_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_organisers, revoke_organisers)]
