# The kecamatan moved to the sitewide app; the column and its table stay as they are.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0002_organisers_permissions"),
        ("sitewide", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="agency",
                    name="kecamatan",
                    field=models.ForeignKey(blank=True, help_text="Untuk puskesmas, kecamatan atau desa: letaknya.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="sitewide.kecamatan", verbose_name="kecamatan"),
                ),
            ],
            database_operations=[],
        ),
    ]
