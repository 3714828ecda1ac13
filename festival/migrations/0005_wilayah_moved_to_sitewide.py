# The kecamatan and desa/kelurahan now belong to the sitewide app (sitewide 0001); their
# tables stay. Removed from this app's state only, once every reference points there.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0004_programme_day_tba_and_constraints"),
        ("sitewide", "0001_initial"),
        ("innovations", "0003_kecamatan_in_sitewide"),
        ("workshops", "0003_wilayah_in_sitewide"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Village"),
                migrations.DeleteModel(name="Kecamatan"),
            ],
            database_operations=[],
        ),
    ]
