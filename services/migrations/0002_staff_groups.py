from django.db import migrations

from festival.sitewide.groups import DESK_STAFF, ORGANISERS, grant, model_codenames


def grant_permissions(apps, schema_editor):
    # Organisers edit the service pages and their requirements.
    grant(
        apps,
        group=ORGANISERS,
        app_label="services",
        codenames=model_codenames("service", "requirement"),
    )
    # Desk staff read the pages, process requests (status only: the admin keeps the
    # applicant's data read-only) and open document photos; they edit no content.
    grant(
        apps,
        group=DESK_STAFF,
        app_label="services",
        codenames=[
            "view_service",
            "view_requirement",
            "view_request",
            "change_request",
            "view_statuschange",
            "view_document",
        ],
    )


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="services")
    for group in Group.objects.filter(name__in=[ORGANISERS, DESK_STAFF]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_initial"),
        ("festival", "0002_organisers_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
