"""Each workshop belongs to a festival edition (until now the edition was inferred: its
programme item's, else the current one). 0010 then makes the edition required."""

import django.db.models.deletion
from django.db import migrations, models


def assign_editions(apps, schema_editor):
    """Existing workshops: their programme item's edition, else the edition that starts last
    (the one the site was about). An empty database has nothing to assign."""
    Workshop = apps.get_model("workshops", "Workshop")
    Edition = apps.get_model("festival", "Edition")
    workshops = list(Workshop.objects.select_related("programme_item"))
    if not workshops:
        return
    latest = Edition.objects.order_by("-start_date", "-pk").first()
    for workshop in workshops:
        if workshop.programme_item_id:
            workshop.edition_id = workshop.programme_item.edition_id
        elif latest is not None:
            workshop.edition_id = latest.pk
        else:
            raise RuntimeError(
                f"Workshop {workshop.pk} ({workshop.slug}) has no festival edition to belong "
                "to: add an edition in the admin first, then migrate again."
            )
    Workshop.objects.bulk_update(workshops, ["edition"])


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0007_editions_by_year"),
        ("workshops", "0008_registration_window_optional"),
    ]

    operations = [
        migrations.AddField(
            model_name="workshop",
            name="edition",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="workshops",
                to="festival.edition",
                verbose_name="edisi",
            ),
        ),
        migrations.RunPython(assign_editions, migrations.RunPython.noop, elidable=True),
    ]
