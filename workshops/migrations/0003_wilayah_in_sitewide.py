# The kecamatan and desa/kelurahan moved to the sitewide app; columns and tables stay.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0002_organisers_permissions"),
        ("sitewide", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="registration",
                    name="kecamatan",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="sitewide.kecamatan", verbose_name="kecamatan"),
                ),
                migrations.AlterField(
                    model_name="registration",
                    name="village",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="sitewide.village", verbose_name="desa/kelurahan"),
                ),
            ],
            database_operations=[],
        ),
    ]
