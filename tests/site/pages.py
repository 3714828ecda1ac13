"""Every public page type of the site, for the cross-cutting tests (headers, weight, caching,
hostile input). Call `public_pages()` with the shipped content loaded (the `festival_content`
fixture) and the clock inside the registration window."""

import datetime

from festival.models import BoothPlan, Edition, ProgrammeItem
from festival.sitewide.models import Kecamatan, Village
from innovations.models import Exhibit, Innovation
from services.models import Offering, Service
from services.queue.models import Desk, DeskDay
from services.survey import domain as survey_domain
from tests.festival.factories import booth_plan, place_booths
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
    "data",
    "not-found",
    "ticket",
    "ticket-evaluation",
    "map",
    "map-en",
    "map-booth",
    "map-archive",
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


def a_booth_plan(edition: Edition, *, booths: int = 60):
    """A plan with `booths` numbered booths (the shipped content has none: no source gives
    the booths), the edition's exhibits, services and first programme item placed at them
    one each, so the map shows a full page's worth."""
    plan = BoothPlan.objects.filter(edition=edition).first() or booth_plan(
        edition, size=(1600, 1000)
    )
    if plan.booths.exists():
        return plan
    placed = place_booths(plan, booths)
    exhibits = list(Exhibit.objects.filter(edition=edition).order_by("pk"))
    offerings = list(Offering.objects.filter(edition=edition).order_by("pk"))
    for booth, exhibit in zip(placed, exhibits, strict=False):
        exhibit.booth_place = booth
        exhibit.save(update_fields=["booth_place"])
    for booth, offering in zip(reversed(placed), offerings, strict=False):
        offering.booth = booth
        offering.save(update_fields=["booth"])
    ProgrammeItem.objects.filter(
        pk=ProgrammeItem.objects.filter(edition=edition).order_by("pk").values("pk")[:1]
    ).update(booth=placed[len(placed) // 2])
    return plan


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
        "data": "/data/",
        "not-found": "/tidak-ada/",
    }
    # The map (the shipped content has no plan: one is made here; the empty state has tests
    # of its own in tests/festival/test_booth_map.py), in the archive too.
    a_booth_plan(edition)
    pages["map"] = "/peta/"
    pages["map-en"] = "/en/peta/"
    pages["map-booth"] = "/peta/1/"
    pages["map-archive"] = f"/{edition.year}/peta/"
    if with_ticket:
        secret = a_ticket_secret()
        pages["ticket"] = f"/workshop/tiket/{secret}/"
        # Before the workshop is over: the page says when the evaluation opens (the form
        # itself is checked in tests/workshops/test_evaluation.py).
        pages["ticket-evaluation"] = f"/workshop/tiket/{secret}/evaluasi/"
        pages["certificate-verify"] = a_certificate_url()
    return pages
