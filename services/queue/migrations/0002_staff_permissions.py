from django.db import migrations

from festival.sitewide.groups import DESK_STAFF, ORGANISERS, grant, model_codenames


def grant_permissions(apps, schema_editor):
    # Organisers set the desks and their days, and read the tickets (changed only at the
    # desk, through the queue's rules).
    grant(
        apps,
        group=ORGANISERS,
        app_label="queue",
        codenames=[*model_codenames("desk", "deskday"), "view_ticket"],
    )
    # The desk marks people present, gives walk-ins numbers and calls the next person.
    grant(
        apps,
        group=DESK_STAFF,
        app_label="queue",
        codenames=["view_desk", "view_deskday", "view_ticket", "serve_queue"],
    )


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="queue")
    for group in Group.objects.filter(name__in=[ORGANISERS, DESK_STAFF]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("queue", "0001_initial"),
        ("services", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
