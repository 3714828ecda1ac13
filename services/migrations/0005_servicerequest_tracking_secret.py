"""A private tracking link for every request: existing rows get a secret of their own."""

import secrets

from django.db import migrations, models

import services.models


def fill_tracking_secrets(apps, schema_editor):
    ServiceRequest = apps.get_model("services", "ServiceRequest")
    for service_request in ServiceRequest.objects.filter(tracking_secret__isnull=True).only("pk"):
        service_request.tracking_secret = secrets.token_urlsafe(32)
        service_request.save(update_fields=["tracking_secret"])


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0004_servicerequest_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="servicerequest",
            name="tracking_secret",
            field=models.CharField(max_length=64, null=True, editable=False),
        ),
        migrations.RunPython(fill_tracking_secrets, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="servicerequest",
            name="tracking_secret",
            field=models.CharField(
                default=services.models.new_tracking_secret,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="rahasia tautan lacak",
            ),
        ),
    ]
