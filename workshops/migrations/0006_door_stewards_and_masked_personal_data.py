from django.db import migrations

from festival.sitewide.groups import DOOR_STEWARDS, ORGANISERS, grant


def door_stewards_and_masking(apps, schema_editor):
    """Door stewards check people in and see names, nothing more; organisers see NIP, phone
    and email masked (the full values need view_personal_data, given to no group)."""
    grant(
        apps,
        group=DOOR_STEWARDS,
        app_label="workshops",
        codenames=["view_registration", "check_in_registration"],
    )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name=ORGANISERS).permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="workshops", codename="view_personal_data"
        )
    )


class Migration(migrations.Migration):
    dependencies = [("workshops", "0005_office_cap_and_waitlist_size")]

    operations = [migrations.RunPython(door_stewards_and_masking, migrations.RunPython.noop)]
