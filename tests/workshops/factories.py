import datetime
import itertools
import zoneinfo

import factory
from django.utils import timezone

from festival.sitewide.models import Kecamatan, Village
from tests.festival.factories import EditionFactory
from workshops.models import Registration, Workshop, WorkshopSession, new_code

# The test edition's first two days (EditionFactory: 14–16 December 2026), and a moment on
# one of them in Banyuwangi.
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
DAY_1 = datetime.date(2026, 12, 14)
DAY_2 = datetime.date(2026, 12, 15)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WIB)


_phones = itertools.count(10_000_000)
_codes = itertools.count()


def kecamatan(code="35.10.01", name="Pesanggaran"):
    return Kecamatan.objects.get_or_create(code=code, defaults={"name": name})[0]


def village(*, kecamatan_obj=None, code="35.10.01.2001", name="Sarongan", kind="desa"):
    kecamatan_obj = kecamatan_obj or kecamatan()
    return Village.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind, "kecamatan": kecamatan_obj}
    )[0]


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    # The test edition, 14–16 December 2026 (EditionFactory's get-or-create on its slug).
    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    title_en = factory.LazyAttribute(lambda o: f"{o.title} (EN)")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    description = "Membedah inovasi pelayanan publik."
    capacity = 100
    registration_opens = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    registration_closes = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    # Generous, so tests about other rules can register many people from one office; the
    # tests of these bounds set them.
    waitlist_size = 1000
    office_cap = 1000


class WorkshopSessionFactory(factory.django.DjangoModelFactory):
    """A session on the test edition's first day (14 December 2026), 08.00–12.00."""

    class Meta:
        model = WorkshopSession

    workshop = factory.SubFactory(WorkshopFactory)
    title = factory.Sequence(lambda n: f"Sesi {n + 1}")
    date = datetime.date(2026, 12, 14)
    start_time = datetime.time(8, 0)
    end_time = datetime.time(12, 0)


def unique_phone() -> str:
    return f"+62812{next(_phones)}"


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration written straight to the table (for arranging counts); real ones are
    made by workshops.domain.register_for_workshop."""

    class Meta:
        model = Registration

    workshop = factory.SubFactory(WorkshopFactory)
    code = factory.LazyFunction(new_code)
    full_name = factory.Sequence(lambda n: f"Peserta {n}")
    position = "Sekretaris Desa"
    office_kind = Registration.OfficeKind.KECAMATAN
    kecamatan = factory.LazyFunction(kecamatan)
    village = None
    phone = factory.LazyFunction(unique_phone)
    consent = True
    status = Registration.Status.CONFIRMED


def workshop_admin_form(workshop: Workshop, **changes) -> dict:
    """What the admin's workshop change form posts for `workshop`, with `changes` applied."""
    return {
        "edition": workshop.edition_id,
        "title": workshop.title,
        "slug": workshop.slug,
        "capacity": workshop.capacity,
        "registration_opens_0": "2026-11-15",
        "registration_opens_1": "08:00:00",
        "registration_closes_0": "2026-11-25",
        "registration_closes_1": "08:00:00",
        "waitlist_size": "50",
        "office_cap": "3",
        "is_published": "on",
        # The sessions inline (none unless `changes` adds them).
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "certificate_min_percent": str(workshop.certificate_min_percent),
        "certificate_title": workshop.certificate_title,
        "certificate_number_format": workshop.certificate_number_format,
        **changes,
    }
