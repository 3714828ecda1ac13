"""The festival as a yearly series: which edition the site is about, each edition's home at
/<year>/, drafts previewed by staff, and the archive of a past edition."""

import datetime
import itertools

import pytest
import time_machine
from django.urls import reverse

from festival.models import Edition
from festival.queries import accepts_forms
from tests.festival.factories import (
    EditionFactory,
    ProgrammeItemFactory,
    StaffFactory,
    edition_2016,
)
from tests.text import page_text

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 6, 1)

# One edition of each kind relative to TODAY; the current-edition rule is tested on every
# combination of them.
KINDS = {
    "past": {"start_date": datetime.date(2025, 12, 14), "end_date": datetime.date(2025, 12, 16)},
    "older_past": {
        "start_date": datetime.date(2024, 12, 14),
        "end_date": datetime.date(2024, 12, 16),
    },
    "running": {"start_date": datetime.date(2027, 5, 31), "end_date": datetime.date(2027, 6, 2)},
    "upcoming": {"start_date": datetime.date(2028, 10, 5), "end_date": datetime.date(2028, 10, 8)},
    "later_upcoming": {
        "start_date": datetime.date(2029, 12, 14),
        "end_date": datetime.date(2029, 12, 16),
    },
    "draft": {
        "start_date": datetime.date(2026, 12, 14),
        "end_date": datetime.date(2026, 12, 16),
        "is_published": False,
    },
}


def expected_current(kinds: set[str]) -> str | None:
    """The rule in words: the published edition running or next (the soonest), else the
    latest past one; never a draft."""
    for kind in ("running", "upcoming", "later_upcoming", "past", "older_past"):
        if kind in kinds:
            return kind
    return None


COMBINATIONS = [
    set(combo)
    for size in range(len(KINDS) + 1)
    for combo in itertools.combinations(sorted(KINDS), size)
]


@pytest.mark.parametrize("kinds", COMBINATIONS, ids=lambda kinds: "+".join(sorted(kinds)) or "none")
def test_current_edition_is_running_or_next_else_latest_past_never_a_draft(kinds):
    editions = {kind: EditionFactory(slug=kind, **KINDS[kind]) for kind in kinds}

    current = Edition.objects.current(TODAY)

    expected = expected_current(kinds)
    assert current == (editions[expected] if expected else None)


def test_an_edition_ending_today_is_still_current_and_tomorrow_gives_way_to_the_next():
    ending = EditionFactory(
        slug="a", start_date=datetime.date(2027, 5, 30), end_date=datetime.date(2027, 6, 1)
    )
    nxt = EditionFactory(
        slug="b", start_date=datetime.date(2028, 12, 1), end_date=datetime.date(2028, 12, 3)
    )

    assert Edition.objects.current(datetime.date(2027, 6, 1)) == ending
    assert Edition.objects.current(datetime.date(2027, 6, 2)) == nxt


def test_one_edition_per_year_is_enforced_by_the_database():
    from django.db import IntegrityError, transaction

    EditionFactory(slug="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(
            slug="b", start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 1, 6)
        )


def test_an_edition_must_start_in_its_year():
    from django.core.exceptions import ValidationError

    edition = EditionFactory.build(year=2027)

    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "dimulai pada tahun 2027" in str(error.value)


def test_a_published_edition_without_a_venue_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(venue_name="", is_published=True)


# The home page and the archive.


@time_machine.travel("2026-11-28 10:00+07:00")
def test_home_presents_the_shipped_2016_festival_as_past_and_says_the_next_is_coming(
    client, festival_content
):
    page = page_text(client.get("/"))

    assert "Festival telah berakhir." in page
    assert "Edisi berikutnya akan diumumkan di situs ini." in page
    assert "14–16 Desember 2016" in page
    assert "Arsip festival 2016" in page
    assert "2026" not in page.replace("2026-11-28", "")


@time_machine.travel("2026-11-28 10:00+07:00")
def test_home_in_english_says_the_next_edition_will_be_announced(client, festival_content):
    page = page_text(client.get("/en/"))

    assert "The next edition will be announced on this site." in page
    assert "14–16 December 2016" in page


@time_machine.travel("2026-11-28 10:00+07:00")
def test_edition_home_2016_shows_its_dates_venue_highlights_and_parts(client, festival_content):
    response = client.get("/2016/")

    page = page_text(response)
    assert "Festival Pelayanan Publik Banyuwangi 2016" in page
    assert "14–16 Desember 2016" in page
    assert "Halaman Lounge Pemkab Banyuwangi" in page
    assert "30 KIA pertama diserahkan kepada siswa TK" in page
    assert "Wakil Presiden Jusuf Kalla mengunjungi festival pada Kamis, 15 Desember 2016" in page
    assert "Arsip edisi 2016: festival ini telah berakhir" in page
    html = response.content.decode()
    assert 'href="/2016/jadwal/"' in html


@time_machine.travel("2026-11-28 10:00+07:00")
def test_edition_home_in_english_translates_the_highlights(client, festival_content):
    page = page_text(client.get("/en/2016/"))

    assert "Vice President Jusuf Kalla visited the festival on Thursday 15 December 2016." in page
    assert "Archive of the 2016 edition: this festival is over" in page


def test_unknown_year_is_a_404(client, festival_content):
    assert client.get("/2015/").status_code == 404
    assert client.get("/2015/jadwal/").status_code == 404


def test_a_draft_edition_is_hidden_from_the_public(client, edition):
    draft = EditionFactory(
        slug="draf",
        start_date=datetime.date(2027, 12, 14),
        end_date=datetime.date(2027, 12, 16),
        is_published=False,
    )

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/2027/jadwal/").status_code == 404
    assert "2027" not in page_text(client.get("/"))


def test_organisers_preview_a_draft_with_a_notice_and_no_indexing(organiser_client, edition):
    EditionFactory(
        slug="draf",
        name="Festival Pelayanan Publik Banyuwangi",
        start_date=datetime.date(2027, 12, 14),
        end_date=datetime.date(2027, 12, 16),
        is_published=False,
    )

    response = organiser_client.get("/2027/")

    assert response.status_code == 200
    assert "Pratinjau: edisi 2027 belum tayang." in page_text(response)
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert organiser_client.get("/2027/jadwal/").status_code == 200


def test_staff_without_the_right_to_edit_editions_do_not_see_drafts(client, edition):
    EditionFactory(
        slug="draf",
        start_date=datetime.date(2027, 12, 14),
        end_date=datetime.date(2027, 12, 16),
        is_published=False,
    )
    client.force_login(StaffFactory(username="staf-lain"))

    assert client.get("/2027/").status_code == 404


@pytest.fixture
def two_editions(db):
    """2016, past, with a programme; 2027, published and upcoming (the current one)."""
    past = edition_2016()
    ProgrammeItemFactory(
        edition=past,
        slug="pembukaan",
        title="Pembukaan 2016",
        date=datetime.date(2016, 12, 14),
        start_time=datetime.time(9),
    )
    upcoming = EditionFactory(
        slug="festival-2027",
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 16),
    )
    ProgrammeItemFactory(
        edition=upcoming,
        slug="pembukaan",
        title="Pembukaan 2027",
        date=datetime.date(2027, 12, 13),
        start_time=datetime.time(8),
    )
    return past, upcoming


@time_machine.travel("2027-06-01 10:00+07:00")
def test_the_current_programme_is_the_upcoming_edition_and_the_past_one_is_archived(
    client, two_editions
):
    current = page_text(client.get("/jadwal/"))
    archived = client.get("/2016/jadwal/")

    assert "Pembukaan 2027" in current and "Pembukaan 2016" not in current
    archived_page = page_text(archived)
    assert "Pembukaan 2016" in archived_page and "Pembukaan 2027" not in archived_page
    assert "Arsip edisi 2016" in archived_page
    html = archived.content.decode()
    # Links on an archive page stay in its edition.
    assert 'href="/2016/jadwal/2016-12-14/"' in html
    assert 'href="/2016/jadwal/acara/pembukaan.ics"' in html


@time_machine.travel("2027-06-01 10:00+07:00")
def test_archived_day_pages_and_calendar_files_are_still_served(client, two_editions):
    day = client.get("/2016/jadwal/2016-12-14/")
    calendar = client.get("/2016/jadwal/festival.ics")
    item = client.get("/2016/jadwal/acara/pembukaan.ics")

    assert "Pembukaan 2016" in page_text(day)
    assert "Pembukaan 2016" in calendar.content.decode()
    assert calendar["Content-Disposition"] == 'attachment; filename="festival-2016.ics"'
    assert "Pembukaan 2016" in item.content.decode()
    # A day of another edition is not a day of this one.
    assert client.get("/2016/jadwal/2027-12-13/").status_code == 404
    assert client.get("/jadwal/2016-12-14/").status_code == 404


@time_machine.travel("2027-06-01 10:00+07:00")
def test_the_same_item_slug_in_two_editions_gives_each_its_own_calendar(client, two_editions):
    current = client.get("/jadwal/acara/pembukaan.ics").content.decode()
    archived = client.get("/2016/jadwal/acara/pembukaan.ics").content.decode()

    assert "Pembukaan 2027" in current and "Pembukaan 2016" not in current
    assert "Pembukaan 2016" in archived


@time_machine.travel("2027-06-01 10:00+07:00")
def test_the_current_editions_year_page_is_its_home_without_an_archive_notice(client, two_editions):
    page = page_text(client.get("/2027/"))

    assert "Festival dimulai 195 hari lagi." in page
    assert "Arsip edisi" not in page


@time_machine.travel("2027-06-01 10:00+07:00")
def test_hreflang_of_an_archive_page_points_to_its_english_twin(client, two_editions, settings):
    settings.SITE_URL = "https://festival.example.go.id"

    html = client.get("/2016/").content.decode()

    assert (
        '<link rel="alternate" hreflang="en" href="https://festival.example.go.id/en/2016/">'
        in html
    )


@time_machine.travel("2027-06-01 10:00+07:00")
def test_sitemap_lists_every_published_edition_and_its_archive_programme(
    client, two_editions, settings
):
    settings.SITE_URL = "https://festival.example.go.id"
    EditionFactory(
        slug="draf",
        start_date=datetime.date(2028, 12, 13),
        end_date=datetime.date(2028, 12, 16),
        is_published=False,
    )

    xml = client.get("/sitemap.xml").content.decode()

    for path in ("/2016/", "/en/2016/", "/2016/jadwal/", "/2016/jadwal/2016-12-14/", "/2027/"):
        assert f"<loc>https://festival.example.go.id{path}</loc>" in xml
    # The current edition's programme is listed at /jadwal/, not twice.
    assert "<loc>https://festival.example.go.id/jadwal/2027-12-13/</loc>" in xml
    assert "/2027/jadwal/" not in xml
    assert "2028" not in xml


@time_machine.travel("2027-06-01 10:00+07:00")
def test_only_the_current_edition_before_its_end_accepts_forms(two_editions):
    past, upcoming = two_editions
    draft = EditionFactory(
        slug="draf",
        start_date=datetime.date(2028, 12, 13),
        end_date=datetime.date(2028, 12, 16),
        is_published=False,
    )

    assert accepts_forms(upcoming)
    assert not accepts_forms(past)
    assert not accepts_forms(draft)


@time_machine.travel("2027-12-17 10:00+07:00")
def test_the_current_edition_stops_accepting_forms_once_it_is_over(two_editions):
    _, edition = two_editions

    assert not accepts_forms(edition)


def test_edition_links_name_the_year_page(two_editions):
    past, _ = two_editions

    assert past.get_absolute_url() == reverse("festival:home", kwargs={"year": 2016}) == "/2016/"
