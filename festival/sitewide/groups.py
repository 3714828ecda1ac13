"""Staff groups, created and kept up to date by data migrations.

Each app's migration grants its models' permissions to the groups that need them with
`grant`, so a fresh database has the groups ready and organisers never touch permissions.
"""

from django.contrib.auth.management import create_permissions

ORGANISERS = "Panitia"
DESK_STAFF = "Petugas layanan"
DOOR_STEWARDS = "Petugas pintu"


def grant(apps, *, group: str, app_label: str, codenames: list[str]) -> None:
    """Give `group` these permissions of `app_label` (created first if migrate has not yet)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group_obj, _ = Group.objects.get_or_create(name=group)
    perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    missing = set(codenames) - set(perms.values_list("codename", flat=True))
    if missing:
        raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    group_obj.permissions.add(*perms)


def model_codenames(*models: str, actions=("add", "change", "delete", "view")) -> list[str]:
    return [f"{action}_{model}" for model in models for action in actions]
