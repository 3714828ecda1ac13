from django.db import migrations

from festival.sitewide.groups import ORGANISERS, grant, model_codenames


def give(apps, schema_editor):
    """Organisers attach replication documents like they attach photos."""
    grant(apps, group=ORGANISERS, app_label="innovations", codenames=model_codenames("replicationdocument"))


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0007_replication_details_documents_updated_at"),
        ("festival", "0002_organisers_group"),
    ]

    operations = [migrations.RunPython(give, migrations.RunPython.noop)]
