import datetime
import io

import factory
from PIL import Image

from festival.sitewide import clock
from services.models import (
    ComplaintChannel,
    Offering,
    ProcedureStep,
    Requirement,
    Service,
    ServiceRequest,
)
from tests.festival.factories import EditionFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Layanan {n}")
    short_name = factory.Sequence(lambda n: f"L{n}")
    slug = factory.Sequence(lambda n: f"layanan-{n}")
    summary = "Keterangan layanan."
    form_kind = Service.FormKind.KIA


class OfferingFactory(factory.django.DjangoModelFactory):
    """A service as the desk offers it at an edition (by default the root conftest's
    `edition`, 14–16 December 2026), taking online requests."""

    class Meta:
        model = Offering

    edition = factory.SubFactory(EditionFactory)
    service = factory.SubFactory(ServiceFactory)
    agency = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi"
    requests_open = True


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    offering = factory.SubFactory(OfferingFactory)
    text = factory.Sequence(lambda n: f"Persyaratan {n}")
    order = factory.Sequence(lambda n: n)


class ProcedureStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureStep

    offering = factory.SubFactory(OfferingFactory)
    text = factory.Sequence(lambda n: f"Langkah {n}")
    order = factory.Sequence(lambda n: n)


class ComplaintChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplaintChannel

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Saluran {n}")
    contact = "Meja pengaduan di lokasi festival"
    order = factory.Sequence(lambda n: n)


class ServiceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceRequest

    offering = factory.SubFactory(OfferingFactory)
    code = factory.Sequence(lambda n: f"TEST{n:04d}")
    applicant_name = "Siti Aminah"
    nik = "3510164101900001"
    phone = "+6281234567890"
    details = factory.LazyFunction(dict)
    preferred_day = factory.LazyFunction(lambda: datetime.date(2026, 12, 15))
    created_at = factory.LazyFunction(clock.now)
    updated_at = factory.LazyFunction(clock.now)


# What a resident types into the KIA request form.
APPLICANT = {
    "applicant_name": "Siti Aminah",
    "nik": "3510 1641 0190 0001",
    "phone": "0812-3456-7890",
    "email": "",
    "preferred_day": "2026-12-15",
}
KIA_DETAILS = {
    "child_name": "Ahmad Fauzi",
    "child_birth_date": "2019-05-20",
    "birth_certificate_number": "3510-LT-20052019-0001",
    "kk_number": "3510 1601 0120 0003",
}


def image_bytes(fmt="JPEG", size=(120, 80), exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    options = {"exif": exif} if exif is not None else {}
    image.save(out, format=fmt, **options)
    return out.getvalue()


def status_change_form(*, new_status: str, note: str = "", **extra: str) -> dict:
    """What the desk's request change page posts to change a status (the page's inline
    documents and history sent back empty), with `extra` fields added or replaced."""
    return {
        "new_status": new_status,
        "note": note,
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "history-TOTAL_FORMS": "0",
        "history-INITIAL_FORMS": "0",
        **extra,
    }
