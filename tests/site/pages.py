"""Every public page type of the site, for the cross-cutting tests (headers, weight, caching,
hostile input). Call `public_pages()` with the shipped content loaded (the `festival_content`
fixture) and the clock inside the registration window."""

import datetime

from festival.models import Edition
from festival.sitewide.models import Kecamatan, Village
from innovations.models import Innovation
from services.models import Offering, Service
from services.queue.models import Desk, DeskDay
from services.survey import domain as survey_domain
from workshops import domain as workshop_domain
from workshops.models import Attendance, Registration, Workshop, WorkshopSession

# Every public page type, as named by public_pages().
PAGE_TYPES = [
    "home",
    "home-en",
    "edition-home",
    "programme",
    "programme-day",
    "catalogue",
    "catalogue-filtered",
    "innovation",
    "workshops",
    "workshop",
    "workshop-register",
    "services",
    "service",
    "service-request",
    "track",
    "survey",
    "survey-questionnaire",
    "survey-results",
    "queue",
    "queue-book",
    "screen-queue",
    "screen-programme",
    "not-found",
    "ticket",
    "certificate-verify",
]


def a_certificate_url() -> str:
    """The verification page of a real certificate: a participant of the shipped workshop who
    attended it (its signatory entered: a placeholder, for tests only)."""
    secret = a_ticket_secret(phone="+6281298765001")
    return certify(Registration.objects.get(secret=secret)).get_absolute_url()


def certify(registration: Registration):
    """Issue `registration` its certificate: its workshop's signatory entered (placeholders),
    every session attended (one made on the edition's first day when there is none)."""
    workshop = registration.workshop
    workshop.certificate_signatory_name = "Nama Penanda Tangan"
    workshop.certificate_signatory_position = "Jabatan Penanda Tangan"
    workshop.save()
    sessions = list(workshop.sessions.all()) or [
        WorkshopSession.objects.create(workshop=workshop, date=workshop.edition.start_date)
    ]
    for session in sessions:
        Attendance.objects.create(
            registration=registration, session=session, checked_in_at=session.starts_at()
        )
    return workshop_domain.issue_certificate(registration=registration, by=None)


def a_ticket_secret(*, phone: str = "+6281234567890") -> str:
    """A real registration's ticket secret, made through the domain rule."""
    workshop = Workshop.objects.get(slug="workshop-pelayanan-publik")
    kecamatan = Kecamatan.objects.get(code="35.10.20")
    result = workshop_domain.register_for_workshop(
        workshop=workshop,
        full_name="Siti Aminah",
        position="Sekretaris Desa",
        office_kind="desa",
        kecamatan=kecamatan,
        village=Village.objects.filter(kecamatan=kecamatan).first(),
        phone=phone,
        consent=True,
    )
    return result.registration.secret


def a_queue_day(edition: Edition, service: Service, *, prefix: str = "KIA") -> DeskDay:
    """A desk day with hours on the edition's first day (the shipped content has none: hours
    are not in the facts), so the booking form has slots to show."""
    desk, _ = Desk.objects.get_or_create(
        offering=Offering.objects.get(edition=edition, service=service), defaults={"prefix": prefix}
    )
    day, _ = DeskDay.objects.get_or_create(
        desk=desk,
        day=edition.start_date,
        defaults={"opens_at": datetime.time(8, 0), "closes_at": datetime.time(12, 0)},
    )
    return day


def public_pages(*, with_ticket: bool = True) -> dict[str, str]:
    """name → URL (Indonesian) of one page of each public type."""
    edition = Edition.objects.get()
    innovation = Innovation.objects.published().order_by("pk").first()
    service = Service.objects.get(slug="kia")
    card = survey_domain.issue_card_codes(edition=edition, service=service, count=1)[0]
    pages = {
        "home": "/",
        "home-en": "/en/",
        "edition-home": edition.get_absolute_url(),
        "programme": "/jadwal/",
        "programme-day": f"/jadwal/{edition.start_date:%Y-%m-%d}/",
        "catalogue": "/inovasi/",
        "catalogue-filtered": "/inovasi/?penghargaan=top-99&q=gizi",
        "innovation": innovation.get_absolute_url(),
        "workshops": "/workshop/",
        "workshop": "/workshop/workshop-pelayanan-publik/",
        "workshop-register": "/workshop/workshop-pelayanan-publik/daftar/",
        "services": "/layanan/",
        "service": service.get_absolute_url(),
        "service-request": f"{service.get_absolute_url()}ajukan/",
        "track": "/layanan/lacak/",
        "survey": "/survei/",
        "survey-questionnaire": f"/survei/{card.code}/",
        "survey-results": "/survei/hasil/",
        "queue": "/antrian/",
        "queue-book": f"/antrian/kia/{a_queue_day(edition, service).day:%Y-%m-%d}/",
        "screen-queue": "/layar/antrian/",
        "screen-programme": "/layar/jadwal/",
        "not-found": "/tidak-ada/",
    }
    if with_ticket:
        pages["ticket"] = f"/workshop/tiket/{a_ticket_secret()}/"
        pages["certificate-verify"] = a_certificate_url()
    return pages
