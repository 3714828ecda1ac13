"""Editions by year: each edition has its year (unique; filled from its start date), its
highlights, and is a draft until published (a published edition needs a venue). Programme
item slugs are unique within an edition, so a copied edition keeps its items' slugs."""

from django.db import migrations, models


def fill_years(apps, schema_editor):
    Edition = apps.get_model("festival", "Edition")
    for edition in Edition.objects.all():
        edition.year = edition.start_date.year
        edition.save(update_fields=["year"])
    # A published edition now needs a venue; one saved without is a draft until it has one.
    Edition.objects.filter(venue_name="").update(is_published=False)


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0006_link_refuses_backslashes"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="year",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="tahun"),
        ),
        migrations.RunPython(fill_years, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="edition",
            name="year",
            field=models.PositiveSmallIntegerField(
                help_text="Satu edisi per tahun; alamat arsipnya adalah tahunnya, misalnya /2016/.",
                unique=True,
                verbose_name="tahun",
            ),
        ),
        migrations.AddField(
            model_name="edition",
            name="highlights",
            field=models.TextField(
                blank=True,
                default="",
                help_text=(
                    "Yang terjadi di festival, satu per baris, dengan sumbernya apabila ada. "
                    "Tampil di halaman arsip edisi."
                ),
                verbose_name="sorotan",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="edition",
            name="highlights_en",
            field=models.TextField(blank=True, default="", verbose_name="sorotan (Inggris)"),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="edition",
            constraint=models.CheckConstraint(
                condition=models.Q(("year__gte", 2000), ("year__lte", 2100)),
                name="edition_year_plausible",
            ),
        ),
        migrations.AddConstraint(
            model_name="edition",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("is_published", False),
                    models.Q(("venue_name", ""), _negated=True),
                    _connector="OR",
                ),
                name="edition_published_has_venue",
            ),
        ),
        migrations.AlterField(
            model_name="edition",
            name="free_entry",
            field=models.BooleanField(
                default=False,
                help_text="Centang hanya apabila panitia telah mengumumkannya.",
                verbose_name="masuk gratis",
            ),
        ),
        migrations.AlterField(
            model_name="edition",
            name="is_published",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Edisi yang belum tayang (draf) tidak terlihat oleh publik; panitia dapat "
                    "melihat pratinjaunya di alamat tahunnya, misalnya /2027/."
                ),
                verbose_name="tayang",
            ),
        ),
        migrations.AlterField(
            model_name="edition",
            name="venue_name",
            field=models.CharField(
                blank=True,
                help_text="Wajib diisi sebelum edisi ditayangkan.",
                max_length=200,
                verbose_name="nama tempat",
            ),
        ),
        migrations.AlterField(
            model_name="programmeitem",
            name="day_tba",
            field=models.BooleanField(
                default=False,
                help_text=(
                    'Centang apabila hari acara belum pasti: acara tampil di bagian "Hari '
                    'menyusul" tanpa tanggal dan tidak masuk kalender. Hapus centang setelah '
                    "tanggal dan jam diisi."
                ),
                verbose_name="hari belum diumumkan",
            ),
        ),
        migrations.AlterField(
            model_name="programmeitem",
            name="slug",
            field=models.SlugField(
                help_text="Unik dalam satu edisi; dipakai di alamat.",
                max_length=120,
                verbose_name="slug",
            ),
        ),
        migrations.AddConstraint(
            model_name="programmeitem",
            constraint=models.UniqueConstraint(
                fields=("edition", "slug"), name="programme_item_slug_unique_in_edition"
            ),
        ),
    ]
