import datetime
from zoneinfo import ZoneInfo

import pytest

from festival import domain
from festival.models import Edition
from festival.sitewide import retention
from tests.festival.factories import EditionFactory

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
AFTER_CUTOFF = datetime.datetime(2027, 1, 16, 0, 1, tzinfo=WIB)


@pytest.fixture
def edition():
    return EditionFactory(end_date=datetime.date(2026, 12, 16))


@pytest.fixture
def register_eraser():
    """Register test erasers for one test, and take them away after it."""
    labels = []

    def register(label, eraser):
        labels.append(label)
        retention.register(label, eraser)

    yield register
    for label in labels:
        retention.unregister(label)


def test_personal_data_cutoff_is_midnight_after_the_last_day_plus_the_days(edition):
    cutoff = domain.personal_data_cutoff(edition=edition, days=30)

    assert cutoff == datetime.datetime(2027, 1, 16, 0, 0, tzinfo=WIB)


def test_personal_data_cutoff_with_no_days_is_the_end_of_the_last_day(edition):
    cutoff = domain.personal_data_cutoff(edition=edition, days=0)

    assert cutoff == datetime.datetime(2026, 12, 17, 0, 0, tzinfo=WIB)


def test_personal_data_cutoff_refuses_negative_days(edition):
    with pytest.raises(domain.ErasureRefused, match="negative"):
        domain.personal_data_cutoff(edition=edition, days=-1)


def test_erase_personal_data_runs_every_eraser_with_the_cutoff_and_counts(edition, register_eraser):
    seen = []
    register_eraser("test.records", lambda cutoff: seen.append(cutoff) or 7)

    erased = domain.erase_personal_data(days=30, now=AFTER_CUTOFF)

    assert seen == [datetime.datetime(2027, 1, 16, 0, 0, tzinfo=WIB)]
    assert erased["test.records"] == 7
    # The apps' own erasers run too (workshops, services), each reporting its count.
    assert set(erased) == set(retention.erasers())
    assert len(erased) >= 3


def test_erase_personal_data_before_the_cutoff_erases_nothing_and_says_until_when(
    edition, register_eraser
):
    seen = []
    register_eraser("test.records", lambda cutoff: seen.append(cutoff) or 7)

    with pytest.raises(domain.PersonalDataStillKept) as kept:
        domain.erase_personal_data(days=30, now=AFTER_CUTOFF - datetime.timedelta(minutes=2))

    assert seen == []
    assert kept.value.cutoff == datetime.datetime(2027, 1, 16, 0, 0, tzinfo=WIB)
    assert "kept until 2027-01-16 00:00" in str(kept.value)


def test_erase_personal_data_follows_the_festival_clock_without_now(
    edition, register_eraser, time_machine
):
    register_eraser("test.records", lambda cutoff: 1)
    time_machine.move_to(AFTER_CUTOFF)

    assert domain.erase_personal_data(days=30)["test.records"] == 1


def test_erase_personal_data_without_a_published_edition_is_refused(register_eraser):
    EditionFactory(is_published=False)

    with pytest.raises(domain.ErasureRefused, match="No published festival edition has begun"):
        domain.erase_personal_data(days=0, now=AFTER_CUTOFF)


def test_erase_personal_data_is_all_or_nothing(edition, register_eraser):
    def blank_the_organiser(cutoff):
        return Edition.objects.update(organiser="")

    def fail(cutoff):
        raise RuntimeError("disk full")

    register_eraser("a.first", blank_the_organiser)
    register_eraser("z.last", fail)

    with pytest.raises(RuntimeError):
        domain.erase_personal_data(days=30, now=AFTER_CUTOFF)

    edition.refresh_from_db()
    assert edition.organiser == "Bagian Organisasi Pemerintah Kabupaten Banyuwangi"


def test_a_past_editions_data_may_go_while_a_later_edition_runs(edition):
    running = EditionFactory(
        slug="festival-2027",
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 16),
    )
    during_2027 = datetime.datetime(2027, 12, 14, 10, 0, tzinfo=WIB)

    cutoff = domain.due_personal_data_cutoff(days=30, now=during_2027)

    # 2026's cut-off: its data goes; 2027's registrations, made after it, stay.
    assert cutoff == domain.personal_data_cutoff(edition=edition, days=30)
    assert cutoff < datetime.datetime.combine(running.start_date, datetime.time(), tzinfo=WIB)


def test_before_any_cutoff_the_first_to_come_is_named(edition):
    EditionFactory(
        slug="festival-2027",
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 16),
    )

    with pytest.raises(domain.PersonalDataStillKept) as kept:
        domain.due_personal_data_cutoff(days=30, now=datetime.datetime(2027, 1, 1, tzinfo=WIB))

    assert kept.value.cutoff == datetime.datetime(2027, 1, 16, 0, 0, tzinfo=WIB)
