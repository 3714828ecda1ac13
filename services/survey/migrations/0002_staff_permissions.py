from django.db import migrations

from festival.sitewide.groups import DESK_STAFF, ORGANISERS, grant


def grant_permissions(apps, schema_editor):
    # Organisers print and void cards, read the answers (the admin keeps them read-only;
    # no one deletes an answer, so a published index never changes) and write the report.
    grant(
        apps,
        group=ORGANISERS,
        app_label="survey",
        codenames=[
            "view_surveycode",
            "add_surveycode",
            "change_surveycode",
            "view_surveyresponse",
            "change_surveyresponse",
            "view_surveyreport",
            "add_surveyreport",
            "change_surveyreport",
            "delete_surveyreport",
        ],
    )
    # The desk prints cards for the people it serves; it reads no answers.
    grant(
        apps,
        group=DESK_STAFF,
        app_label="survey",
        codenames=["view_surveycode", "add_surveycode"],
    )


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="survey")
    for group in Group.objects.filter(name__in=[ORGANISERS, DESK_STAFF]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0001_initial"),
        ("services", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
