"""Exhibits per edition: which innovations an edition showed, and at which booth. A booth was
a field of the innovation (one festival); a filled one becomes an exhibit of the edition with
the latest start date, the only one it can have meant. Organisers get the exhibits' rights."""

import django.db.models.deletion
from django.db import migrations, models

from festival.sitewide.groups import ORGANISERS, grant, model_codenames


def booths_to_exhibits(apps, schema_editor):
    Edition = apps.get_model("festival", "Edition")
    Innovation = apps.get_model("innovations", "Innovation")
    Exhibit = apps.get_model("innovations", "Exhibit")
    edition = Edition.objects.order_by("-start_date").first()
    if edition is None:
        return
    with_booth = Innovation.objects.exclude(booth="", booth_en="").order_by("name", "pk")
    Exhibit.objects.bulk_create(
        Exhibit(
            edition=edition,
            innovation=innovation,
            booth=innovation.booth,
            booth_en=innovation.booth_en,
            order=order,
        )
        for order, innovation in enumerate(with_booth, start=1)
    )


def exhibits_to_booths(apps, schema_editor):
    Edition = apps.get_model("festival", "Edition")
    Innovation = apps.get_model("innovations", "Innovation")
    Exhibit = apps.get_model("innovations", "Exhibit")
    edition = Edition.objects.order_by("-start_date").first()
    if edition is None:
        return
    for exhibit in Exhibit.objects.filter(edition=edition):
        Innovation.objects.filter(pk=exhibit.innovation_id).update(
            booth=exhibit.booth, booth_en=exhibit.booth_en
        )


def grant_organisers(apps, schema_editor):
    grant(apps, group=ORGANISERS, app_label="innovations", codenames=model_codenames("exhibit"))


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0007_editions_by_year"),
        ("innovations", "0005_formal_register_texts"),
    ]

    operations = [
        migrations.CreateModel(
            name="Exhibit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "booth",
                    models.CharField(
                        blank=True,
                        help_text="Nomor atau nama stan pameran. Kosongkan selama belum ditetapkan.",
                        max_length=100,
                        verbose_name="stan",
                    ),
                ),
                (
                    "booth_en",
                    models.CharField(blank=True, max_length=100, verbose_name="stan (Inggris)"),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="urutan")),
                (
                    "edition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="exhibits",
                        to="festival.edition",
                        verbose_name="edisi",
                    ),
                ),
                (
                    "innovation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="exhibits",
                        to="innovations.innovation",
                        verbose_name="inovasi",
                    ),
                ),
            ],
            options={
                "verbose_name": "inovasi yang dipamerkan",
                "verbose_name_plural": "inovasi yang dipamerkan",
                "ordering": ["order", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("edition", "innovation"),
                        name="exhibit_unique_edition_innovation",
                        violation_error_code="shown_twice",
                        violation_error_message="Inovasi ini sudah tercatat dipamerkan di edisi ini.",
                    )
                ],
            },
        ),
        migrations.RunPython(booths_to_exhibits, exhibits_to_booths),
        migrations.RemoveField(model_name="innovation", name="booth"),
        migrations.RemoveField(model_name="innovation", name="booth_en"),
        migrations.RunPython(grant_organisers, migrations.RunPython.noop),
    ]
