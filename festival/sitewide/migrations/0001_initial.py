# The kecamatan and desa/kelurahan moved here from the festival app (festival 0003). Their
# tables stay as they are (festival_kecamatan, festival_village): this migration only tells
# Django's state that the models now belong to this app, and moves their content types so
# permissions already given keep working.

import django.db.models.deletion
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("kecamatan", "village"):
        if not ContentType.objects.filter(app_label="sitewide", model=model).exists():
            ContentType.objects.filter(app_label="festival", model=model).update(
                app_label="sitewide"
            )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("festival", "0004_programme_day_tba_and_constraints"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Kecamatan",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.CharField(max_length=8, unique=True, verbose_name="kode Kemendagri")),
                        ("name", models.CharField(max_length=100, verbose_name="nama")),
                    ],
                    options={
                        "verbose_name": "kecamatan",
                        "verbose_name_plural": "kecamatan",
                        "ordering": ["name"],
                        "db_table": "festival_kecamatan",
                    },
                ),
                migrations.CreateModel(
                    name="Village",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.CharField(max_length=13, unique=True, verbose_name="kode Kemendagri")),
                        ("name", models.CharField(max_length=100, verbose_name="nama")),
                        ("kind", models.CharField(choices=[("desa", "Desa"), ("kelurahan", "Kelurahan")], max_length=10, verbose_name="jenis")),
                        ("kecamatan", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="villages", to="sitewide.kecamatan", verbose_name="kecamatan")),
                    ],
                    options={
                        "verbose_name": "desa/kelurahan",
                        "verbose_name_plural": "desa/kelurahan",
                        "ordering": ["kecamatan__name", "name"],
                        "db_table": "festival_village",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
