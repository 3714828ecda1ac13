"""The programme as read on the site: grouping by day, order, and now/next/past."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from festival.models import Edition, ProgrammeItem
from festival.programme import (
    NEXT,
    NOW,
    PAST,
    UPCOMING,
    Entry,
    group_by_day,
    mark_states,
    programme_of,
)
from festival.sitewide import clock
from tests.festival.factories import ProgrammeItemFactory

WIB = ZoneInfo("Asia/Jakarta")
DAY1, DAY2, DAY3 = (datetime.date(2026, 12, d) for d in (14, 15, 16))

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WIB)


def t(hour, minute=0):
    return datetime.time(hour, minute)


def statuses(programme):
    return {e.item.slug: e.status for day in programme.days for e in day.entries} | {
        e.item.slug: e.status for e in programme.unscheduled
    }


@pytest.fixture
def day_one(edition):
    """Day one: an all-day exhibition, an opening 09:00–10:00, a talk at 10:30 without an end,
    a workshop 13:00–15:00, and an item whose time is to be announced."""
    make = ProgrammeItemFactory
    return {
        "pameran": make(edition=edition, slug="pameran", untimed="all_day", kind="exhibition"),
        "pembukaan": make(edition=edition, slug="pembukaan", start_time=t(9), end_time=t(10)),
        "diskusi": make(edition=edition, slug="diskusi", start_time=t(10, 30)),
        "workshop": make(edition=edition, slug="workshop", start_time=t(13), end_time=t(15)),
        "menyusul": make(edition=edition, slug="menyusul", untimed="tba"),
    }


def test_programme_groups_items_under_each_festival_day_in_time_order(edition):
    ProgrammeItemFactory(edition=edition, slug="sore", date=DAY2, start_time=t(15))
    ProgrammeItemFactory(edition=edition, slug="pagi", date=DAY2, start_time=t(8))
    ProgrammeItemFactory(edition=edition, slug="sepanjang", date=DAY2, untimed="all_day")
    ProgrammeItemFactory(edition=edition, slug="hari-3", date=DAY3, start_time=t(9))

    programme = programme_of(edition, moment=at(DAY1, 0) - datetime.timedelta(days=30))

    assert [d.date for d in programme.days] == [DAY1, DAY2, DAY3]
    assert programme.days[0].entries == []
    assert [e.item.slug for e in programme.days[1].entries] == ["sepanjang", "pagi", "sore"]
    assert [e.item.slug for e in programme.days[2].entries] == ["hari-3"]


def test_programme_orders_items_at_the_same_time_by_their_order_field(edition):
    ProgrammeItemFactory(edition=edition, slug="kedua", start_time=t(9), order=2)
    ProgrammeItemFactory(edition=edition, slug="pertama", start_time=t(9), order=1)

    programme = programme_of(edition, moment=at(DAY1, 0))

    assert [e.item.slug for e in programme.days[0].entries] == ["pertama", "kedua"]


def test_programme_leaves_out_unpublished_items_and_keeps_day_tba_items_apart(edition):
    ProgrammeItemFactory(edition=edition, slug="draf", is_published=False)
    ProgrammeItemFactory(edition=edition, slug="tanpa-hari", day_tba=True)

    programme = programme_of(edition, moment=at(DAY1, 0))

    assert all(day.entries == [] for day in programme.days)
    assert [e.item.slug for e in programme.unscheduled] == ["tanpa-hari"]


def test_programme_before_the_festival_marks_nothing(edition, day_one):
    programme = programme_of(edition, moment=at(DAY1, 8) - datetime.timedelta(days=1))

    assert set(statuses(programme).values()) == {UPCOMING}
    assert programme.now == programme.next == []
    assert not programme.is_live


def test_programme_at_opening_time_marks_the_opening_now_and_the_talk_next(edition, day_one):
    programme = programme_of(edition, moment=at(DAY1, 9, 15))

    assert statuses(programme) == {
        "pameran": NOW,
        "pembukaan": NOW,
        "diskusi": NEXT,
        "workshop": UPCOMING,
        "menyusul": UPCOMING,
    }
    assert [e.item.slug for e in programme.today_tba] == ["menyusul"]


def test_programme_runs_an_item_without_end_until_the_next_timed_item(edition, day_one):
    during_talk = programme_of(edition, moment=at(DAY1, 12, 59))
    after_talk = programme_of(edition, moment=at(DAY1, 13, 0))

    assert statuses(during_talk)["diskusi"] == NOW
    assert statuses(during_talk)["workshop"] == NEXT
    assert statuses(after_talk)["diskusi"] == PAST
    assert statuses(after_talk)["workshop"] == NOW
    assert statuses(after_talk)["pembukaan"] == PAST


def test_programme_marks_the_first_item_of_tomorrow_next_after_the_last_one_today(edition, day_one):
    ProgrammeItemFactory(edition=edition, slug="besok", date=DAY2, start_time=t(8))

    programme = programme_of(edition, moment=at(DAY1, 16))

    assert statuses(programme)["workshop"] == PAST
    assert statuses(programme)["besok"] == NEXT
    assert statuses(programme)["pameran"] == NOW
    assert programme.tomorrow.date == DAY2


def test_programme_on_the_next_day_mutes_every_item_of_yesterday(edition, day_one):
    programme = programme_of(edition, moment=at(DAY2, 10))

    assert set(statuses(programme).values()) == {PAST}
    assert programme.days[1].is_today


def test_programme_after_the_festival_marks_nothing(edition, day_one):
    programme = programme_of(edition, moment=at(DAY3, 23, 59) + datetime.timedelta(minutes=2))

    assert set(statuses(programme).values()) == {UPCOMING}
    assert not programme.is_live


def test_programme_filter_by_kind_keeps_now_and_next_of_the_whole_programme(edition, day_one):
    programme = programme_of(edition, moment=at(DAY1, 9, 15), kind="exhibition")

    assert [e.item.slug for e in programme.days[0].entries] == ["pameran"]
    assert [e.item.slug for e in programme.now] == ["pameran"]


def test_programme_follows_the_frozen_clock(edition, day_one):
    with time_machine.travel(at(DAY1, 13, 30), tick=False):
        programme = programme_of(edition, moment=clock.now())

    assert statuses(programme)["workshop"] == NOW


# --- The two steps of the programme, each on its own (unsaved items, no database) ---------


def item(slug, *, date=DAY1, start=None, end=None, untimed="tba", day_tba=False):
    return ProgrammeItem(
        slug=slug, date=date, start_time=start, end_time=end, untimed=untimed, day_tba=day_tba
    )


def states(entries):
    return {e.item.slug: e.status for e in entries}


def test_mark_states_marks_past_now_and_next_at_a_moment():
    items = [
        item("pameran", untimed="all_day"),
        item("pembukaan", start=t(9), end=t(10)),
        item("diskusi", start=t(10, 30)),
        item("workshop", start=t(13), end=t(15)),
        item("menyusul"),
        item("tanpa-hari", day_tba=True),
    ]

    entries = mark_states(items, moment=at(DAY1, 10, 45))

    assert [e.item for e in entries] == items
    assert states(entries) == {
        "pameran": NOW,
        "pembukaan": PAST,
        "diskusi": NOW,  # no end: on until the workshop starts
        "workshop": NEXT,
        "menyusul": UPCOMING,  # an unknown hour is never now or next
        "tanpa-hari": UPCOMING,
    }


def test_mark_states_gives_next_to_every_item_at_the_soonest_start_whatever_its_day():
    items = [
        item("pagi", start=t(9), end=t(10)),
        item("besok-a", date=DAY2, start=t(8)),
        item("besok-b", date=DAY2, start=t(8)),
        item("besok-c", date=DAY2, start=t(10)),
    ]

    entries = mark_states(items, moment=at(DAY1, 20))

    assert states(entries) == {
        "pagi": PAST,
        "besok-a": NEXT,
        "besok-b": NEXT,
        "besok-c": UPCOMING,
    }


def test_mark_states_marks_an_item_of_unknown_hour_past_once_its_day_is_over():
    entries = mark_states([item("menyusul"), item("tanpa-hari", day_tba=True)], moment=at(DAY2, 0))

    assert states(entries) == {"menyusul": PAST, "tanpa-hari": UPCOMING}


def test_group_by_day_keeps_order_within_each_day_and_sets_unannounced_days_apart():
    entries = [
        Entry(item("dua-pagi", date=DAY2, start=t(8))),
        Entry(item("satu", date=DAY1, start=t(9))),
        Entry(item("tanpa-hari", day_tba=True)),
        Entry(item("dua-sore", date=DAY2, start=t(15))),
        Entry(item("di-luar-festival", date=DAY3 + datetime.timedelta(days=1))),
    ]

    days, unscheduled = group_by_day(entries, dates=[DAY1, DAY2, DAY3], today=DAY2)

    assert [(d.date, [e.item.slug for e in d.entries]) for d in days] == [
        (DAY1, ["satu"]),
        (DAY2, ["dua-pagi", "dua-sore"]),
        (DAY3, []),
    ]
    assert [d.is_today for d in days] == [False, True, False]
    assert [e.item.slug for e in unscheduled] == ["tanpa-hari"]


def test_group_by_day_without_today_marks_no_day():
    days, _unscheduled = group_by_day([], dates=[DAY1, DAY2])

    assert [d.is_today for d in days] == [False, False]


def test_item_times_are_in_banyuwangi_time(edition):
    item = ProgrammeItemFactory(edition=edition, start_time=t(9), end_time=t(11))

    assert item.starts_at.astimezone(datetime.UTC) == datetime.datetime(
        2026, 12, 14, 2, 0, tzinfo=datetime.UTC
    )
    assert item.ends_at.isoformat() == "2026-12-14T11:00:00+07:00"


def test_item_without_start_has_no_time_at_all(edition):
    item = ProgrammeItemFactory(edition=edition, untimed="all_day")

    assert item.starts_at is None
    assert item.ends_at is None
    assert item.is_all_day


def test_database_refuses_an_end_before_the_start(edition):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeItemFactory(edition=edition, start_time=t(10), end_time=t(9))


def test_database_refuses_a_time_for_an_item_whose_day_is_not_announced(edition):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeItemFactory(edition=edition, day_tba=True, start_time=t(10))


def test_database_refuses_a_link_to_another_host(edition):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeItemFactory(edition=edition, link_url="//contoh.test/")


# Browsers read a backslash as a slash and drop tabs and line breaks: each is //evil.com.
LINKS_TO_ANOTHER_HOST = [
    "/\\evil.com",
    "/\\/evil.com/",
    "/jadwal/\\x",
    "/\t/evil.com",
    "/\n/evil.com",
]


@pytest.mark.parametrize("link", LINKS_TO_ANOTHER_HOST)
def test_database_refuses_a_link_a_browser_reads_as_another_host(edition, link):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeItemFactory(edition=edition, link_url=link)


@pytest.mark.parametrize("link", LINKS_TO_ANOTHER_HOST)
def test_item_validation_refuses_a_link_a_browser_reads_as_another_host(edition, link):
    item = ProgrammeItemFactory.build(edition=edition, link_url=link)

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert error.value.error_dict["link_url"][0].code == "link_not_local"


def test_a_path_with_a_query_and_an_anchor_is_still_a_link(edition):
    item = ProgrammeItemFactory.build(edition=edition, link_url="/jadwal/?jenis=workshop#hari-2")

    item.full_clean()
    item.save()

    assert ProgrammeItem.objects.get(pk=item.pk).link_url == "/jadwal/?jenis=workshop#hari-2"


@pytest.mark.parametrize("kind", ProgrammeItem.Kind.values)
def test_database_accepts_every_kind_the_admin_offers(edition, kind):
    ProgrammeItemFactory(edition=edition, kind=kind)

    assert ProgrammeItem.objects.filter(kind=kind).count() == 1


def test_database_refuses_a_kind_the_admin_does_not_offer(edition):
    item = ProgrammeItemFactory(edition=edition)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeItem.objects.filter(pk=item.pk).update(kind="lomba")


@pytest.mark.parametrize("untimed", ProgrammeItem.Untimed.values)
def test_database_accepts_every_way_to_show_an_item_without_hours(edition, untimed):
    ProgrammeItemFactory(edition=edition, untimed=untimed)

    assert ProgrammeItem.objects.filter(untimed=untimed).count() == 1


def test_database_refuses_an_unknown_way_to_show_an_item_without_hours(edition):
    item = ProgrammeItemFactory(edition=edition)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeItem.objects.filter(pk=item.pk).update(untimed="pagi")


def test_database_refuses_an_edition_that_ends_before_it_starts(edition):
    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.filter(pk=edition.pk).update(end_date=DAY1 - datetime.timedelta(days=1))


def test_item_validation_refuses_a_date_outside_the_festival(edition):
    item = ProgrammeItemFactory.build(edition=edition, date=DAY3 + datetime.timedelta(days=1))

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert error.value.error_dict["date"][0].code == "outside_festival"


def test_item_validation_explains_an_end_without_a_start(edition):
    item = ProgrammeItemFactory.build(edition=edition, end_time=t(10))

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "Isi jam mulai" in error.value.message_dict["end_time"][0]


def test_item_validation_refuses_all_day_for_an_item_without_a_day(edition):
    item = ProgrammeItemFactory.build(edition=edition, day_tba=True, untimed="all_day")

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "untimed" in error.value.error_dict


def test_item_link_goes_to_its_day_page_anchor(edition):
    item = ProgrammeItemFactory(edition=edition, slug="pameran", date=DAY2)

    assert item.get_absolute_url() == "/jadwal/2026-12-15/#acara-pameran"
