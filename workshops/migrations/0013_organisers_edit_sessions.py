from django.db import migrations

from festival.sitewide.groups import ORGANISERS, grant, model_codenames


def organisers_edit_sessions(apps, schema_editor):
    """Organisers edit a workshop's sessions inline on its admin page, which needs the
    session model's own permissions besides the workshop's."""
    grant(
        apps,
        group=ORGANISERS,
        app_label="workshops",
        codenames=model_codenames("workshopsession"),
    )


class Migration(migrations.Migration):
    dependencies = [("workshops", "0012_organisers_read_evaluations")]

    operations = [migrations.RunPython(organisers_edit_sessions, migrations.RunPython.noop)]
