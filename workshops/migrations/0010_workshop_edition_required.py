"""The workshop's edition is required (0009 gave existing workshops theirs, in its own
transaction: PostgreSQL refuses to alter a table with the row updates' checks pending), and
its slug is unique within that edition only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0009_workshop_edition"),
    ]

    operations = [
        migrations.AlterField(
            model_name="workshop",
            name="edition",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="workshops",
                to="festival.edition",
                verbose_name="edisi",
            ),
        ),
        migrations.AlterField(
            model_name="workshop",
            name="slug",
            field=models.SlugField(
                help_text="Unik di dalam satu edisi festival.", max_length=120, verbose_name="slug"
            ),
        ),
        migrations.AddConstraint(
            model_name="workshop",
            constraint=models.UniqueConstraint(
                fields=("edition", "slug"),
                name="workshop_slug_unique_in_edition",
                violation_error_message="Slug ini sudah dipakai workshop lain di edisi ini.",
            ),
        ),
    ]
