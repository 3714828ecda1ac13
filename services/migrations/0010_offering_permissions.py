from django.db import migrations

from festival.sitewide.groups import DESK_STAFF, ORGANISERS, grant, model_codenames


def grant_permissions(apps, schema_editor):
    # Organisers set up each edition's desk (its offerings and their requirements), as they
    # edited the services before; the desk staff read them, as they read the services.
    grant(apps, group=ORGANISERS, app_label="services", codenames=model_codenames("offering"))
    grant(apps, group=DESK_STAFF, app_label="services", codenames=["view_offering"])


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="services", codename__endswith="_offering"
    )
    for group in Group.objects.filter(name__in=[ORGANISERS, DESK_STAFF]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0009_drop_per_edition_fields_from_service"),
        ("festival", "0002_organisers_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
