# RenameModel (0003) renames the content type but not the permissions: they would keep the
# codenames `view_request`, `change_request`, … while Django asks for `view_servicerequest`,
# and migrate would add new, ungranted ones beside them, so the desk staff would lose their
# queue. This renames the permissions in place, so every group and user keeps its rights.
#
# On a fresh database the old permissions exist too (0002 creates them to grant them); where
# they do not, there is nothing to rename and Django creates the new ones after migrate.

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def _rename(apps, *, old: str, new: str, model_name: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    verbose_name = apps.get_model("services", model_name)._meta.verbose_name_raw
    content_types = list(ContentType.objects.filter(app_label="services", model__in=[old, new]))
    if not content_types:
        return
    # The content type Django renamed with the model; the old one only if it could not.
    target = next((ct for ct in content_types if ct.model == new), content_types[0])
    for action in ACTIONS:
        kept = Permission.objects.filter(content_type=target, codename=f"{action}_{new}").first()
        for old_perm in Permission.objects.filter(
            content_type__in=content_types, codename=f"{action}_{old}"
        ):
            if kept is None:
                old_perm.codename = f"{action}_{new}"
                old_perm.name = f"Can {action} {verbose_name}"
                old_perm.content_type = target
                old_perm.save()
                kept = old_perm
            else:
                # Both exist (the new one created by an earlier migrate): whoever held the
                # old permission gets the new one, then the old one goes.
                for group in old_perm.group_set.all():
                    group.permissions.add(kept)
                for user in old_perm.user_set.all():
                    user.user_permissions.add(kept)
                old_perm.delete()


def rename_permissions(apps, schema_editor):
    _rename(apps, old="request", new="servicerequest", model_name="ServiceRequest")


def restore_permissions(apps, schema_editor):
    _rename(apps, old="servicerequest", new="request", model_name="ServiceRequest")


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0003_rename_request_to_servicerequest"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rename_permissions, restore_permissions)]
