# The model `Request` is now `ServiceRequest` (the old name collided with the HTTP request in
# every view and admin method), and the foreign keys to it are `service_request`. The rows
# stay: Django renames the table, the columns and the content type (0004 renames the
# permissions, which RenameModel leaves as they were).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0002_staff_groups"),
    ]

    operations = [
        migrations.RenameModel(old_name="Request", new_name="ServiceRequest"),
        migrations.AlterModelOptions(
            name="document",
            options={
                "ordering": ["service_request", "kind"],
                "verbose_name": "dokumen",
                "verbose_name_plural": "dokumen",
            },
        ),
        migrations.RemoveConstraint(model_name="document", name="one_document_per_kind"),
        migrations.RenameField(
            model_name="document", old_name="request", new_name="service_request"
        ),
        migrations.RenameField(
            model_name="statuschange", old_name="request", new_name="service_request"
        ),
        migrations.RenameIndex(
            model_name="servicerequest",
            new_name="services_se_status_ab8cd5_idx",
            old_name="services_re_status_3a281b_idx",
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                fields=("service_request", "kind"), name="one_document_per_kind"
            ),
        ),
    ]
