"""Renaming Request to ServiceRequest (migrations 0003 and 0004) keeps the requests and the
staff's rights to them; moving each service's per-edition fields into an offering of the
edition (0007–0009) keeps every fact and every request."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from festival.sitewide.groups import DESK_STAFF, ORGANISERS
from services.models import Offering, ServiceRequest
from tests.festival.factories import EditionFactory

NOW = datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC)


def migrate(*target: str) -> None:
    """`manage.py migrate` as an operator runs it (with the signals that rename content
    types and create permissions)."""
    call_command("migrate", *target, verbosity=0)
    ContentType.objects.clear_cache()


def before_the_rename():
    """The database as it was before 0003, with the groups 0002 makes (another transactional
    test may have flushed them away); returns the models of that time."""
    migrate("services", "0001_initial")
    migrate("services", "0002_staff_groups")
    return (
        MigrationExecutor(connection).loader.project_state([("services", "0002_staff_groups")]).apps
    )


def desk_codenames() -> set[str]:
    return set(
        Group.objects.get(name=DESK_STAFF)
        .permissions.filter(content_type__app_label="services")
        .values_list("codename", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_rename_keeps_requests_history_documents_and_the_desk_groups_rights():
    try:
        old_apps = before_the_rename()
        EditionFactory()  # the edition the request was made for (festival is migrated)
        assert {"view_request", "change_request"} <= desk_codenames()
        Service = old_apps.get_model("services", "Service")
        Request = old_apps.get_model("services", "Request")
        service = Service.objects.create(
            name="KIA", short_name="KIA", slug="kia", agency="Dispendukcapil", summary="."
        )
        old = Request.objects.create(
            code="ACDE3479",
            service=service,
            applicant_name="Siti Aminah",
            nik="3510164101900001",
            phone="+6281234567890",
            preferred_day=datetime.date(2026, 12, 15),
            created_at=NOW,
            updated_at=NOW,
        )
        old_apps.get_model("services", "StatusChange").objects.create(
            request=old, from_status="", to_status="submitted", at=NOW
        )
        old_apps.get_model("services", "Document").objects.create(
            request=old, kind="ktp", file="services/documents/" + "a" * 32 + ".webp", created_at=NOW
        )

        migrate()

        kept = ServiceRequest.objects.get(code="ACDE3479")
        assert (kept.applicant_name, kept.nik, kept.service.slug) == (
            "Siti Aminah",
            "3510164101900001",
            "kia",
        )
        assert kept.history.get().to_status == "submitted"
        assert kept.documents.get().kind == "ktp"
        assert {"view_servicerequest", "change_servicerequest"} <= desk_codenames()
        assert not Permission.objects.filter(
            content_type__app_label="services", codename__endswith="_request"
        ).exists()
        content_type = ContentType.objects.get_for_model(ServiceRequest)
        assert content_type.permission_set.filter(codename="view_servicerequest").exists()
    finally:
        migrate()


@pytest.mark.django_db(transaction=True)
def test_rename_merges_permissions_an_earlier_migrate_already_created():
    """A database where Django already made `view_servicerequest` (and its content type)
    beside the old ones: the group's rights move to those, and the old ones go."""
    try:
        before_the_rename()
        premade_type = ContentType.objects.create(app_label="services", model="servicerequest")
        premade = Permission.objects.create(
            content_type=premade_type, codename="view_servicerequest", name="Can view permohonan"
        )

        migrate()

        assert {"view_servicerequest", "change_servicerequest"} <= desk_codenames()
        desk_view = Group.objects.get(name=DESK_STAFF).permissions.get(
            codename="view_servicerequest"
        )
        assert desk_view.pk == premade.pk
        assert not Permission.objects.filter(
            content_type__app_label="services", codename__endswith="_request"
        ).exists()
    finally:
        migrate()


def test_desk_group_can_view_and_change_service_requests_after_migrate(db):
    assert {"view_servicerequest", "change_servicerequest"} <= desk_codenames()
    assert not {"add_servicerequest", "delete_servicerequest"} & desk_codenames()


@pytest.mark.django_db(transaction=True)
def test_tracking_secret_migration_gives_every_existing_request_its_own_secret():
    try:
        migrate("services", "0004_servicerequest_permissions")
        EditionFactory()
        old_apps = (
            MigrationExecutor(connection)
            .loader.project_state([("services", "0004_servicerequest_permissions")])
            .apps
        )
        Service = old_apps.get_model("services", "Service")
        OldRequest = old_apps.get_model("services", "ServiceRequest")
        service = Service.objects.create(
            name="KIA", short_name="KIA", slug="kia", agency="Dispendukcapil", summary="."
        )
        for code in ("ACDE3479", "ACDE3478"):
            OldRequest.objects.create(
                code=code,
                service=service,
                applicant_name="Siti Aminah",
                nik="3510164101900001",
                phone="+6281234567890",
                preferred_day=datetime.date(2026, 12, 15),
                created_at=NOW,
                updated_at=NOW,
            )

        migrate()

        secrets_ = list(ServiceRequest.objects.values_list("tracking_secret", flat=True))
        assert len(secrets_) == len(set(secrets_)) == 2
        assert all(len(secret) >= 43 for secret in secrets_)
    finally:
        migrate()


# --- 0007–0009: services → offerings ----------------------------------------------------------


def before_the_offerings():
    """The database as it was before 0007; returns the models of that time."""
    migrate("services", "0006_formal_register_texts")
    return (
        MigrationExecutor(connection)
        .loader.project_state([("services", "0006_formal_register_texts")])
        .apps
    )


def old_service(old_apps, **fields):
    values = {
        "name": "Kartu Identitas Anak (KIA)",
        "short_name": "KIA",
        "slug": "kia",
        "agency": "Dinas Kependudukan dan Pencatatan Sipil (Dispendukcapil)",
        "summary": "KIA adalah identitas resmi anak.",
        "completion_time": "Selesai di lokasi festival.",
        "fee": "Gratis menurut uji",
        "location": "Halaman Lounge Pemkab",
        "legal_basis": "Permendagri 2/2016",
        "form_kind": "kia",
        "requests_open": True,
        "requirements_are_general": True,
        "order": 3,
        **fields,
    }
    return old_apps.get_model("services", "Service").objects.create(**values)


@pytest.mark.django_db(transaction=True)
def test_each_service_becomes_an_offering_of_the_latest_edition_with_its_requirements_and_requests():
    try:
        old_apps = before_the_offerings()
        EditionFactory(
            slug="lama",
            start_date=datetime.date(2016, 12, 14),
            end_date=datetime.date(2016, 12, 16),
        )
        latest = EditionFactory()  # 2026
        service = old_service(old_apps)
        closed = old_service(
            old_apps, slug="langsung", short_name="L", form_kind="none", requests_open=False
        )
        old_apps.get_model("services", "Requirement").objects.create(
            service=service, group="Anak 5–17 tahun", text="Pas foto 2 x 3", order=1
        )
        old_apps.get_model("services", "ServiceRequest").objects.create(
            code="ACDE3479",
            service=service,
            applicant_name="Siti Aminah",
            nik="3510164101900001",
            phone="+6281234567890",
            preferred_day=datetime.date(2026, 12, 15),
            created_at=NOW,
            updated_at=NOW,
        )

        migrate()

        offering = Offering.objects.get(service__slug="kia")
        assert offering.edition == latest
        assert (offering.agency, offering.completion_time, offering.fee) == (
            "Dinas Kependudukan dan Pencatatan Sipil (Dispendukcapil)",
            "Selesai di lokasi festival.",
            "Gratis menurut uji",
        )
        assert (offering.location, offering.legal_basis, offering.order) == (
            "Halaman Lounge Pemkab",
            "Permendagri 2/2016",
            3,
        )
        assert offering.requests_open and offering.requirements_are_general
        assert offering.hours == ""
        assert [(r.group, r.text) for r in offering.requirements.all()] == [
            ("Anak 5–17 tahun", "Pas foto 2 x 3")
        ]
        kept = ServiceRequest.objects.get(code="ACDE3479")
        assert (kept.offering, kept.nik) == (offering, "3510164101900001")
        assert Offering.objects.get(service__pk=closed.pk).requests_open is False
        assert offering.service.summary == "KIA adalah identitas resmi anak."
    finally:
        migrate()


@pytest.mark.django_db(transaction=True)
def test_offerings_migration_runs_on_services_without_an_edition():
    try:
        old_apps = before_the_offerings()
        service = old_service(old_apps)
        old_apps.get_model("services", "Requirement").objects.create(
            service=service, text="Pas foto 2 x 3"
        )

        migrate()

        assert Offering.objects.count() == 0
        assert ServiceRequest.objects.count() == 0
        from services.models import Service

        assert Service.objects.get().slug == "kia"
    finally:
        migrate()


@pytest.mark.django_db(transaction=True)
def test_offerings_migration_runs_on_an_empty_database():
    try:
        before_the_offerings()
        EditionFactory()

        migrate()

        assert Offering.objects.count() == 0
    finally:
        migrate()


def test_organisers_and_desk_staff_have_the_offering_permissions_after_migrate(db):
    organisers = set(
        Group.objects.get(name=ORGANISERS)
        .permissions.filter(content_type__app_label="services")
        .values_list("codename", flat=True)
    )

    assert {"add_offering", "change_offering", "delete_offering", "view_offering"} <= organisers
    assert "view_offering" in desk_codenames()
    assert not {"add_offering", "change_offering", "delete_offering"} & desk_codenames()
