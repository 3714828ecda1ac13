# Each service's per-edition fields become its offering at the existing edition (the one
# with the latest start date if there are several); its requirements and requests move to
# that offering. On an empty database there is nothing to do.
#
# With services but no edition there is no edition to offer them at: no offering is made,
# and the requirements (which belong to an offering from now on) go with the old columns;
# organisers enter them again with the edition's offering. Requests without any edition
# cannot be placed honestly, so the migration stops and says so rather than drop them.

from django.db import migrations

PER_EDITION_FIELDS = (
    "agency",
    "agency_en",
    "requirements_are_general",
    "completion_time",
    "completion_time_en",
    "fee",
    "fee_en",
    "location",
    "location_en",
    "legal_basis",
    "legal_basis_en",
    "order",
)


def services_to_offerings(apps, schema_editor):
    Edition = apps.get_model("festival", "Edition")
    Service = apps.get_model("services", "Service")
    Offering = apps.get_model("services", "Offering")
    Requirement = apps.get_model("services", "Requirement")
    ServiceRequest = apps.get_model("services", "ServiceRequest")
    if not Service.objects.exists():
        return
    edition = Edition.objects.order_by("-start_date", "-pk").first()
    if edition is None:
        if ServiceRequest.objects.exists():
            raise RuntimeError(
                "Service requests exist but no festival edition: create the edition they "
                "were made for (festival admin), then run migrate again."
            )
        Requirement.objects.all().delete()
        return
    for service in Service.objects.order_by("pk"):
        offering = Offering.objects.create(
            edition=edition,
            service=service,
            requests_open=service.requests_open and service.form_kind != "none",
            is_published=True,
            **{name: getattr(service, name) for name in PER_EDITION_FIELDS},
        )
        Requirement.objects.filter(service=service).update(offering=offering)
        ServiceRequest.objects.filter(service=service).update(offering=offering)


def offerings_to_services(apps, schema_editor):
    """Back to one set of fields per service: those of its latest offering, with that
    offering's requirements (the requirements of earlier offerings go)."""
    Service = apps.get_model("services", "Service")
    Offering = apps.get_model("services", "Offering")
    Requirement = apps.get_model("services", "Requirement")
    ServiceRequest = apps.get_model("services", "ServiceRequest")
    for service in Service.objects.order_by("pk"):
        offerings = Offering.objects.filter(service=service).order_by("-edition__start_date")
        latest = offerings.first()
        if latest is None:
            continue
        for name in PER_EDITION_FIELDS:
            setattr(service, name, getattr(latest, name))
        service.requests_open = latest.requests_open
        service.save()
        Requirement.objects.filter(offering=latest).update(service=service)
        Requirement.objects.filter(offering__service=service).exclude(offering=latest).delete()
        ServiceRequest.objects.filter(offering__service=service).update(service=service)


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0007_editions_by_year"),
        ("services", "0007_offering"),
    ]

    operations = [migrations.RunPython(services_to_offerings, offerings_to_services)]
