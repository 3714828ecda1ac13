# What the desk offered at an edition becomes its own model (Offering): the agency of that
# time, the requirements, fee and hours. This migration adds it beside the old fields; 0008
# moves each service's fields into an offering of the latest edition, 0009 drops them.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0007_editions_by_year"),
        ("services", "0006_formal_register_texts"),
    ]

    operations = [
        migrations.CreateModel(
            name="Offering",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "agency",
                    models.CharField(
                        help_text="Perangkat daerah yang melayani, dengan nama yang dipakai pada edisi ini.",
                        max_length=200,
                        verbose_name="instansi",
                    ),
                ),
                (
                    "agency_en",
                    models.CharField(blank=True, max_length=200, verbose_name="instansi (Inggris)"),
                ),
                (
                    "requirements_are_general",
                    models.BooleanField(
                        default=False,
                        help_text="Centang apabila daftar persyaratan adalah daftar umum nasional yang perlu dipastikan di meja layanan.",
                        verbose_name="persyaratan masih umum",
                    ),
                ),
                (
                    "completion_time",
                    models.CharField(blank=True, max_length=300, verbose_name="lama penyelesaian"),
                ),
                (
                    "completion_time_en",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="lama penyelesaian (Inggris)"
                    ),
                ),
                (
                    "fee",
                    models.CharField(
                        blank=True,
                        help_text="Kosongkan apabila belum pasti: halaman meminta warga bertanya di meja layanan.",
                        max_length=300,
                        verbose_name="biaya",
                    ),
                ),
                (
                    "fee_en",
                    models.CharField(blank=True, max_length=300, verbose_name="biaya (Inggris)"),
                ),
                (
                    "hours",
                    models.CharField(
                        blank=True,
                        help_text="Kosongkan selama jam layanan di meja belum diumumkan.",
                        max_length=200,
                        verbose_name="jam layanan",
                    ),
                ),
                (
                    "hours_en",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="jam layanan (Inggris)"
                    ),
                ),
                (
                    "location",
                    models.CharField(blank=True, max_length=300, verbose_name="tempat di festival"),
                ),
                (
                    "location_en",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="tempat di festival (Inggris)"
                    ),
                ),
                ("legal_basis", models.TextField(blank=True, verbose_name="dasar hukum")),
                (
                    "legal_basis_en",
                    models.TextField(blank=True, verbose_name="dasar hukum (Inggris)"),
                ),
                (
                    "requests_open",
                    models.BooleanField(default=False, verbose_name="permohonan daring dibuka"),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="urutan")),
                ("is_published", models.BooleanField(default=True, verbose_name="tayang")),
                (
                    "edition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="service_offerings",
                        to="festival.edition",
                        verbose_name="edisi",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="offerings",
                        to="services.service",
                        verbose_name="layanan",
                    ),
                ),
            ],
            options={
                "verbose_name": "layanan di festival",
                "verbose_name_plural": "layanan di festival",
                "ordering": ["edition", "order", "service__order", "service__name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("edition", "service"),
                        name="one_offering_per_service_and_edition",
                        violation_error_message="Layanan ini sudah ada di edisi tersebut: ubah yang sudah ada.",
                    )
                ],
            },
        ),
        # Nullable until 0009 drops them, so that 0008 can be reversed (it fills them back).
        migrations.AlterField(
            model_name="requirement",
            name="service",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="requirements",
                to="services.service",
                verbose_name="layanan",
            ),
        ),
        migrations.AlterField(
            model_name="servicerequest",
            name="service",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="requests",
                to="services.service",
                verbose_name="layanan",
            ),
        ),
        migrations.AddField(
            model_name="requirement",
            name="offering",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="requirements",
                to="services.offering",
                verbose_name="layanan di festival",
            ),
        ),
        migrations.AddField(
            model_name="servicerequest",
            name="offering",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="requests",
                to="services.offering",
                verbose_name="layanan di festival",
            ),
        ),
    ]
