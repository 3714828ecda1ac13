from django.db import migrations

from festival.sitewide.groups import DESK_STAFF, ORGANISERS, grant, model_codenames

MODELS = ("procedurestep", "complaintchannel")


def grant_permissions(apps, schema_editor):
    # Organisers write each edition's service standard (the steps, the local complaint
    # channels) as they write its requirements; the desk staff read it.
    grant(apps, group=ORGANISERS, app_label="services", codenames=model_codenames(*MODELS))
    grant(
        apps,
        group=DESK_STAFF,
        app_label="services",
        codenames=model_codenames(*MODELS, actions=("view",)),
    )


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="services", codename__in=model_codenames(*MODELS)
    )
    for group in Group.objects.filter(name__in=[ORGANISERS, DESK_STAFF]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0011_service_standard"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
