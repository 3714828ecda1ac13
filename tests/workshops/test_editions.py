"""Workshops per festival edition: the current edition's pages at /workshop/…, any published
edition's at /<year>/workshop/…, a past edition read-only (its calendar file still served,
its tickets still open), its results on /<year>/ outliving personal data, and the copy of an
edition's workshops into a new draft.

The archive: the 2016 edition (14–16 December 2016, over) and a published 2027 edition
(5–8 October 2027), current, with registration open; the clock on 1 June 2027."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache

from festival import domain as festival_domain
from festival.sitewide.pagecache import GENERATION_KEY
from tests.festival import factories as festival_factories
from tests.festival.factories import EditionFactory, ProgrammeItemFactory
from tests.workshops.factories import RegistrationFactory, WorkshopFactory
from workshops import domain, queries
from workshops.models import Registration, Workshop

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
MOMENT = datetime.datetime(2027, 6, 1, 10, 0, tzinfo=WIB)
SLUG = "workshop-pelayanan-publik"


def text(response) -> str:
    return response.content.decode()


def card_count(response) -> int:
    return text(response).count('class="card"')


@pytest.fixture
def in_2027():
    with time_machine.travel(MOMENT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def edition_2016(db):
    return festival_factories.edition_2016()


@pytest.fixture
def edition_2027(db):
    return festival_factories.edition_2027()


@pytest.fixture
def workshop_2016(edition_2016):
    return WorkshopFactory(
        edition=edition_2016,
        slug=SLUG,
        title="Workshop Pelayanan Publik 2016",
        registration_opens=None,
        registration_closes=None,
    )


@pytest.fixture
def workshop_2027(edition_2027):
    return WorkshopFactory(
        edition=edition_2027,
        slug=SLUG,
        title="Workshop Pelayanan Publik 2027",
        registration_opens=None,
        registration_closes=None,
    )


@pytest.fixture
def registrations_2016(workshop_2016):
    """What happened at the 2016 workshop: 3 held a seat (2 came), 1 still waited, 1
    cancelled; made in November 2016."""
    came = datetime.datetime(2016, 12, 15, 9, 0, tzinfo=WIB)
    with time_machine.travel(datetime.datetime(2016, 11, 20, 10, 0, tzinfo=WIB), tick=False):
        return [
            RegistrationFactory(workshop=workshop_2016, checked_in_at=came),
            RegistrationFactory(workshop=workshop_2016, checked_in_at=came),
            RegistrationFactory(workshop=workshop_2016),
            RegistrationFactory(workshop=workshop_2016, status=Registration.Status.WAITLISTED),
            RegistrationFactory(workshop=workshop_2016, status=Registration.Status.CANCELLED),
        ]


@pytest.fixture
def archive(in_2027, workshop_2016, workshop_2027):
    """Both editions' workshops, the same slug in each; 2027 is current."""
    return workshop_2016, workshop_2027


# --- The model: an edition per workshop ----------------------------------------------------


def test_absolute_url_is_the_archive_address_for_another_edition(archive):
    workshop_2016, workshop_2027 = archive

    assert workshop_2027.get_absolute_url() == f"/workshop/{SLUG}/"
    assert workshop_2016.get_absolute_url() == f"/2016/workshop/{SLUG}/"


# --- Pages of the current edition ------------------------------------------------------------


def test_current_list_shows_only_the_current_editions_workshops_with_registration(client, archive):
    page = text(client.get("/workshop/"))

    assert "Workshop Pelayanan Publik 2027" in page
    assert "Workshop Pelayanan Publik 2016" not in page
    assert f'href="/workshop/{SLUG}/daftar/"' in page
    assert "Tersisa 100 kursi dari 100." in page
    assert "Arsip edisi" not in page


def test_current_detail_offers_registration_and_its_own_calendar(client, archive):
    page = text(client.get(f"/workshop/{SLUG}/"))

    assert "Workshop Pelayanan Publik 2027" in page
    assert "Daftar sekarang" in page
    assert f'href="/workshop/{SLUG}/kalender.ics"' in page
    assert "Selasa, 5 Oktober 2027" in page  # registration closes when 2027 starts


def test_current_calendar_is_the_current_editions_workshop(client, archive):
    response = client.get(f"/workshop/{SLUG}/kalender.ics")

    assert response["Content-Type"].startswith("text/calendar")
    body = text(response)
    assert "Workshop Pelayanan Publik 2027" in body
    assert "DTSTART;VALUE=DATE:20271005" in body


def test_register_form_of_the_current_edition_registers(client, archive, form_data):
    response = client.post(f"/workshop/{SLUG}/daftar/", form_data)

    registration = Registration.objects.get()
    assert registration.workshop == archive[1]
    assert response.status_code == 302 and response["Location"] == registration.get_absolute_url()


def test_the_current_edition_under_its_year_is_the_same_workshop(client, archive):
    page = text(client.get(f"/2027/workshop/{SLUG}/"))

    assert "Workshop Pelayanan Publik 2027" in page
    assert "Daftar sekarang" in page
    assert f'href="/2027/workshop/{SLUG}/kalender.ics"' in page


# --- Pages of an archived edition ------------------------------------------------------------


def test_archive_list_shows_that_editions_workshops_read_only(client, archive):
    page = text(client.get("/2016/workshop/"))

    assert "Workshop Pelayanan Publik 2016" in page
    assert "Workshop Pelayanan Publik 2027" not in page
    assert f'href="/2016/workshop/{SLUG}/"' in page
    assert "Pendaftaran sudah ditutup." in page
    assert "daftar/" not in page and "Daftar dari HP Anda" not in page
    assert "Arsip edisi 2016" in page
    assert "di festival 2016" in page


def test_archive_detail_offers_no_registration(client, archive, registrations_2016):
    page = text(client.get(f"/2016/workshop/{SLUG}/"))

    assert "Workshop Pelayanan Publik 2016" in page
    assert "Pendaftaran sudah ditutup." in page
    assert "Daftar sekarang" not in page and "daftar/" not in page
    assert "Kursi tersisa" not in page
    assert f'href="/2016/workshop/{SLUG}/kalender.ics"' in page
    assert 'href="/2016/workshop/"' in page
    assert "Arsip edisi 2016" in page


def test_archive_detail_in_english(client, archive):
    page = text(client.get(f"/en/2016/workshop/{SLUG}/"))

    assert "Registration has closed." in page
    assert f'href="/en/2016/workshop/{SLUG}/kalender.ics"' in page


def test_archive_calendar_file_is_still_served(client, archive):
    response = client.get(f"/2016/workshop/{SLUG}/kalender.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = text(response)
    assert "Workshop Pelayanan Publik 2016" in body
    assert "DTSTART;VALUE=DATE:20161214" in body
    assert f"/2016/workshop/{SLUG}/" in body


@pytest.mark.parametrize(
    "path",
    [
        "/2015/workshop/",
        f"/2015/workshop/{SLUG}/",
        f"/2016/workshop/{SLUG}-lain/",
        f"/2015/workshop/{SLUG}/kalender.ics",
    ],
)
def test_unknown_edition_or_workshop_is_not_found(client, archive, path):
    assert client.get(path).status_code == 404


def test_draft_editions_workshops_are_for_staff_preview_only(client, archive, organiser):
    draft = EditionFactory(
        slug="festival-2028",
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 5),
        is_published=False,
    )
    WorkshopFactory(edition=draft, slug=SLUG, title="Workshop 2028")

    page = text(client.get(f"/2028/workshop/{SLUG}/"))
    client.logout()

    assert "Workshop 2028" in page and "Pratinjau" in page
    assert "Pendaftaran belum dibuka." in page and "Daftar sekarang" not in page
    assert client.get(f"/2028/workshop/{SLUG}/").status_code == 404
    assert client.get("/2028/workshop/").status_code == 404


def test_a_later_published_edition_is_not_yet_open(client, archive):
    """2027 is current; a published 2028 takes no registration before it is the current one."""
    later = EditionFactory(
        slug="festival-2028",
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 5),
    )
    WorkshopFactory(edition=later, slug=SLUG, title="Workshop 2028")

    page = text(client.get(f"/2028/workshop/{SLUG}/"))

    assert "Pendaftaran belum dibuka." in page and "Daftar sekarang" not in page


def test_domain_refuses_a_registration_for_a_past_editions_workshop(archive, person):
    with pytest.raises(domain.RegistrationNotOpen) as refusal:
        domain.register_for_workshop(workshop=archive[0], **person)

    assert refusal.value.state == Workshop.State.CLOSED
    assert not Registration.objects.exists()


# --- Only a past edition: the current one is over ------------------------------------------


@pytest.fixture
def only_2016(in_2027, workshop_2016):
    """Production with only the shipped content: 2016 is the current edition, and over."""
    return workshop_2016


def test_current_pages_of_a_past_edition_are_read_only(client, only_2016):
    listing = text(client.get("/workshop/"))
    detail = text(client.get(f"/workshop/{SLUG}/"))

    for page in (listing, detail):
        assert "Workshop Pelayanan Publik 2016" in page
        assert "Pendaftaran sudah ditutup." in page
        assert "daftar/" not in page
    assert client.get(f"/workshop/{SLUG}/kalender.ics").status_code == 200


def test_register_url_of_a_past_edition_says_closed_and_saves_nothing(client, only_2016, form_data):
    shown = client.get(f"/workshop/{SLUG}/daftar/")
    posted = client.post(f"/workshop/{SLUG}/daftar/", form_data)

    for response in (shown, posted):
        assert response.status_code == 200
        assert "Pendaftaran sudah ditutup." in text(response)
        assert 'name="full_name"' not in text(response)
    assert not Registration.objects.exists()


def test_register_url_of_an_archived_workshop_not_in_the_current_edition_is_not_found(
    client, in_2027, workshop_2016, edition_2027, form_data
):
    assert client.get(f"/workshop/{SLUG}/daftar/").status_code == 404
    assert client.post(f"/workshop/{SLUG}/daftar/", form_data).status_code == 404
    assert not Registration.objects.exists()


# --- Tickets ---------------------------------------------------------------------------------


def test_ticket_of_a_past_edition_opens_read_only(client, archive, registrations_2016):
    ticket = registrations_2016[2]

    page = text(client.get(ticket.get_absolute_url()))

    assert ticket.code in page
    assert "Workshop Pelayanan Publik 2016" in page
    assert f'href="/2016/workshop/{SLUG}/"' in page
    assert f'href="/2016/workshop/{SLUG}/kalender.ics"' in page
    assert "Batalkan pendaftaran" not in page
    assert "Arsip edisi 2016" in page


def test_ticket_of_a_past_edition_cannot_be_cancelled(client, archive, registrations_2016):
    ticket = registrations_2016[2]
    cancel_url = f"/workshop/tiket/{ticket.secret}/batal/"

    asked = text(client.get(cancel_url))
    response = client.post(cancel_url, follow=True)

    ticket.refresh_from_db()
    assert ticket.status == Registration.Status.CONFIRMED
    assert "Festival telah berakhir: pendaftaran tidak dapat dibatalkan lagi." in asked
    assert "Ya, batalkan" not in asked
    assert "Festival telah berakhir: pendaftaran tidak dapat dibatalkan lagi." in text(response)


def test_domain_refuses_to_cancel_once_the_edition_is_over(archive, registrations_2016):
    waiting = registrations_2016[3]

    with pytest.raises(domain.FestivalOver):
        domain.cancel_registration(registration=waiting, by=None)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED


def test_ticket_of_the_current_edition_still_cancels(client, archive):
    ticket = RegistrationFactory(workshop=archive[1])

    page = text(client.get(ticket.get_absolute_url()))
    client.post(f"/workshop/tiket/{ticket.secret}/batal/")

    ticket.refresh_from_db()
    assert "Batalkan pendaftaran" in page and "Arsip edisi" not in page
    assert f'href="/workshop/{SLUG}/kalender.ics"' in page
    assert ticket.status == Registration.Status.CANCELLED


def test_door_stewards_still_check_in_a_ticket(client, archive, admin_user):
    ticket = RegistrationFactory(workshop=archive[1])
    client.force_login(admin_user)

    client.post(f"/workshop/tiket/{ticket.secret}/hadir/")

    ticket.refresh_from_db()
    assert ticket.checked_in_at == MOMENT


# --- Query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 30])
def test_archive_list_uses_a_constant_number_of_queries(
    client, archive, size, django_assert_num_queries
):
    for n in range(size):
        RegistrationFactory(workshop=WorkshopFactory(edition=archive[0].edition, slug=f"w-{n}"))
    client.get("/workshop/")  # warm the current-edition cache

    with django_assert_num_queries(2):  # the edition of the year, the workshops with counts
        response = client.get("/2016/workshop/")

    assert card_count(response) == size + 1


@pytest.mark.parametrize("size", [2, 30])
def test_archive_detail_and_calendar_use_a_constant_number_of_queries(
    client, archive, size, django_assert_num_queries
):
    RegistrationFactory.create_batch(size, workshop=archive[0])
    client.get("/workshop/")  # warm the current-edition cache

    with django_assert_num_queries(3):  # the edition, the workshop, its sessions
        page = text(client.get(f"/2016/workshop/{SLUG}/"))
    with django_assert_num_queries(2):
        client.get(f"/2016/workshop/{SLUG}/kalender.ics")

    assert "Workshop Pelayanan Publik 2016" in page


@pytest.mark.parametrize("size", [2, 30])
def test_edition_home_with_results_uses_a_constant_number_of_queries(
    client, archive, size, django_assert_num_queries
):
    for n in range(size):
        RegistrationFactory(workshop=WorkshopFactory(edition=archive[0].edition, slug=f"w-{n}"))
    client.get("/2016/")  # warm the current-edition cache

    # the edition, its programme, its workshops' counts, its exhibits, whether it has a booth
    # plan, its survey index, the desk's offering and its results (services), the queue's
    # numbers per service (no tickets: one query, the offerings are not read)
    with django_assert_num_queries(9):
        response = client.get("/2016/")

    # The header, and a row per workshop with registrations (not the 2016 one, without).
    assert text(response).count("<tr>") == 1 + size


# --- Results that outlive personal data ------------------------------------------------------


def test_edition_results_count_each_workshops_registrations(archive, registrations_2016):
    results = queries.edition_results(archive[0].edition)

    assert [
        (r.workshop, r.confirmed, r.waitlisted, r.cancelled, r.attended, r.registrations)
        for r in results
    ] == [(archive[0], 3, 1, 1, 2, 5)]


def test_edition_home_shows_the_results_and_a_workshop_card(client, archive, registrations_2016):
    page = text(client.get("/2016/"))

    assert 'aria-labelledby="results-title"' in page and "Hasil festival" in page
    row = re.search(r"Workshop Pelayanan Publik 2016</a></th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r"<td>(\d+)</td>", row) == ["3", "1", "1", "2"]
    assert 'href="/2016/workshop/"' in page


def test_results_wait_until_the_edition_begins(client, archive):
    RegistrationFactory(workshop=archive[1])

    page = text(client.get("/2027/"))

    assert "Hasil festival" not in page
    assert 'href="/workshop/"' in page or 'href="/2027/workshop/"' in page


def test_an_edition_without_registrations_shows_no_results(client, archive):
    """2016 through this site had no registration: say nothing rather than zero."""
    page = text(client.get("/2016/"))

    assert "Hasil festival" not in page
    assert 'href="/2016/workshop/"' in page


def test_an_edition_without_workshops_has_no_workshop_card(client, in_2027, edition_2016):
    page = text(client.get("/2016/"))

    assert "/workshop/" not in page.split('id="edition-parts-title"')[1].split("</nav>")[0]


def test_results_stay_the_same_after_personal_data_is_erased(client, archive, registrations_2016):
    before = queries.edition_results(archive[0].edition)
    page_before = text(client.get("/2016/"))

    festival_domain.erase_personal_data(days=30)

    after = queries.edition_results(archive[0].edition)
    assert [vars(r) for r in after] == [vars(r) for r in before]
    assert registrations_2016[0].__class__.objects.get(pk=registrations_2016[0].pk).full_name == ""
    page_after = text(client.get("/2016/"))
    table = re.compile(r'<table aria-labelledby="workshop-results-title">.*?</table>', re.S)
    assert table.search(page_after).group(0) == table.search(page_before).group(0)


def test_eraser_clears_a_past_edition_while_a_later_one_is_upcoming(archive, registrations_2016):
    upcoming = RegistrationFactory(workshop=archive[1], full_name="Peserta 2027")

    counts = festival_domain.erase_personal_data(days=30)

    upcoming.refresh_from_db()
    assert counts["workshops.registration"] == len(registrations_2016)
    assert set(
        Registration.objects.filter(workshop=archive[0]).values_list("full_name", flat=True)
    ) == {""}
    assert upcoming.full_name == "Peserta 2027" and upcoming.erased_at is None


# --- The page cache ------------------------------------------------------------------------------


def test_a_registration_makes_the_archive_pages_stale(client, archive, settings, person):
    settings.PAGE_CACHE_SECONDS = 60
    for url in ("/2016/", "/2016/workshop/", f"/2016/workshop/{SLUG}/", "/inovasi/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    domain.register_for_workshop(workshop=archive[1], **person)

    assert client.get("/2016/")["X-Page-Cache"] == "miss"
    assert client.get("/2016/workshop/")["X-Page-Cache"] == "miss"
    assert client.get(f"/2016/workshop/{SLUG}/")["X-Page-Cache"] == "miss"
    assert client.get("/inovasi/")["X-Page-Cache"] == "hit"
    assert cache.get(GENERATION_KEY) is not None


# --- Copying an edition into a draft ---------------------------------------------------------


def test_copy_edition_copies_the_workshops_without_registrations(in_2027, edition_2016):
    item = ProgrammeItemFactory(
        edition=edition_2016, slug="workshop", kind="workshop", date=edition_2016.start_date
    )
    linked = WorkshopFactory(
        edition=edition_2016,
        slug=SLUG,
        programme_item=item,
        registration_opens=datetime.datetime(2016, 11, 1, 8, 0, tzinfo=WIB),
        registration_closes=datetime.datetime(2016, 12, 10, 16, 0, tzinfo=WIB),
        capacity=100,
    )
    RegistrationFactory(workshop=linked)
    WorkshopFactory(
        edition=edition_2016,
        slug="kelas-kedua",
        date=datetime.date(2016, 12, 15),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
    )
    WorkshopFactory(
        edition=edition_2016,
        slug="kelas-ketiga",
        date=datetime.date(2016, 12, 16),
        start_time=datetime.time(9, 0),
    )

    draft = festival_domain.copy_edition(
        source=edition_2016,
        year=2028,
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 4),  # two days: day 3 has no place
    )

    copies = {w.slug: w for w in Workshop.objects.filter(edition=draft)}
    assert set(copies) == {SLUG, "kelas-kedua", "kelas-ketiga"}
    first = copies[SLUG]
    assert first.pk != linked.pk and first.capacity == 100
    assert (first.registration_opens, first.registration_closes) == (None, None)
    assert first.programme_item.edition == draft and first.programme_item.slug == "workshop"
    assert not first.registrations.exists()
    assert (copies["kelas-kedua"].date, copies["kelas-kedua"].start_time) == (
        datetime.date(2028, 10, 4),
        datetime.time(9, 0),
    )
    assert (copies["kelas-ketiga"].date, copies["kelas-ketiga"].start_time) == (None, None)
    # The source keeps its own.
    linked.refresh_from_db()
    assert linked.edition == edition_2016 and linked.registrations.count() == 1
    assert linked.programme_item == item


# --- Admin -----------------------------------------------------------------------------------


def test_admin_lists_and_filters_registrations_by_edition(
    client, archive, registrations_2016, secretariat
):
    RegistrationFactory(workshop=archive[1], full_name="Peserta 2027")
    url = "/admin/workshops/registration/"

    everything = text(client.get(url))
    of_2027 = text(client.get(url, {"workshop__edition__id__exact": archive[1].edition_id}))

    assert "Peserta 2027" in everything and registrations_2016[0].full_name in everything
    assert "Peserta 2027" in of_2027 and registrations_2016[0].full_name not in of_2027
    assert "edisi" in everything.lower()


def test_admin_filters_workshops_by_edition(client, archive, organiser):
    url = "/admin/workshops/workshop/"

    page = text(client.get(url, {"edition__id__exact": archive[0].edition_id}))

    assert "Workshop Pelayanan Publik 2016" in page
    assert "Workshop Pelayanan Publik 2027" not in page


def test_admin_refuses_a_programme_item_of_another_edition(client, archive, organiser):
    from tests.workshops.factories import workshop_admin_form

    workshop_2016, workshop_2027 = archive
    item_2027 = ProgrammeItemFactory(
        edition=workshop_2027.edition, slug="workshop", date=datetime.date(2027, 10, 5)
    )

    response = client.post(
        f"/admin/workshops/workshop/{workshop_2016.pk}/change/",
        workshop_admin_form(workshop_2016, programme_item=item_2027.pk),
    )

    workshop_2016.refresh_from_db()
    assert "Pilih acara di jadwal edisi 2016, edisi workshop ini." in text(response)
    assert workshop_2016.programme_item is None


# --- Sitemap -------------------------------------------------------------------------------------


def test_sitemap_lists_current_and_archive_workshop_pages(client, archive):
    draft = EditionFactory(
        slug="festival-2028",
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 5),
        is_published=False,
    )
    WorkshopFactory(edition=draft, slug="rahasia")

    sitemap = text(client.get("/sitemap.xml"))

    assert f"/workshop/{SLUG}/</loc>" in sitemap
    assert f"/2016/workshop/{SLUG}/</loc>" in sitemap
    assert f"/en/2016/workshop/{SLUG}/" in sitemap
    assert "/2016/workshop/</loc>" in sitemap
    assert "/2027/workshop/" not in sitemap
    assert "rahasia" not in sitemap
