"""Starting the next edition without a developer: copy an edition into a draft, preview it,
publish it once its dates and venue are set."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry

from festival import domain
from festival.models import Edition, ProgrammeItem
from tests.festival.factories import EditionFactory, ProgrammeItemFactory
from tests.text import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(db):
    edition = EditionFactory(
        slug="festival-2016",
        start_date=datetime.date(2016, 12, 14),
        end_date=datetime.date(2016, 12, 16),
        opening_hours="08.00–16.00 WIB",
        highlights="Wakil Presiden berkunjung.",
    )
    ProgrammeItemFactory(
        edition=edition,
        slug="pembukaan",
        date=datetime.date(2016, 12, 14),
        start_time=datetime.time(9),
        end_time=datetime.time(10),
    )
    ProgrammeItemFactory(edition=edition, slug="penutupan", date=datetime.date(2016, 12, 16))
    ProgrammeItemFactory(edition=edition, slug="menyusul", day_tba=True)
    return edition


def test_copy_makes_a_draft_with_the_programme_moved_to_the_new_dates(source):
    draft = domain.copy_edition(
        source=source,
        year=2027,
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
    )

    assert draft.year == 2027 and not draft.is_published
    assert draft.name == source.name and draft.about == source.about
    # What belongs to 2016 alone stays behind: venue, hours, highlights.
    assert draft.venue_name == "" and draft.opening_hours == "" and draft.highlights == ""
    items = {i.slug: i for i in ProgrammeItem.objects.filter(edition=draft)}
    assert items["pembukaan"].date == datetime.date(2027, 12, 13)
    assert (items["pembukaan"].start_time, items["pembukaan"].end_time) == (
        datetime.time(9),
        datetime.time(10),
    )
    assert items["penutupan"].date == datetime.date(2027, 12, 15)
    assert items["menyusul"].day_tba
    # The source is untouched.
    assert ProgrammeItem.objects.get(edition=source, slug="pembukaan").date == datetime.date(
        2016, 12, 14
    )


def test_copy_to_a_shorter_edition_puts_later_days_in_day_to_be_announced(source):
    draft = domain.copy_edition(
        source=source,
        year=2027,
        start_date=datetime.date(2027, 10, 5),
        end_date=datetime.date(2027, 10, 6),
    )

    closing = ProgrammeItem.objects.get(edition=draft, slug="penutupan")
    assert closing.day_tba and closing.start_time is None and closing.untimed == "tba"


def test_copy_runs_every_registered_copier(source, monkeypatch):
    calls = []
    monkeypatch.setattr(
        domain, "_copiers", {"test": lambda *, source, draft: calls.append((source, draft)) or 1}
    )

    draft = domain.copy_edition(
        source=source,
        year=2027,
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
    )

    assert calls == [(source, draft)]


def test_copy_into_a_year_that_exists_or_dates_outside_it_is_refused_and_saves_nothing(source):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        domain.copy_edition(
            source=source,
            year=2027,
            start_date=datetime.date(2028, 1, 5),
            end_date=datetime.date(2028, 1, 6),
        )

    assert Edition.objects.count() == 1
    assert ProgrammeItem.objects.count() == 3


def test_publish_refuses_a_draft_without_a_venue_and_says_so(source):
    draft = domain.copy_edition(
        source=source,
        year=2027,
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
    )

    with pytest.raises(domain.PublishRefused) as refused:
        domain.publish_edition(edition=draft)

    assert refused.value.problems == ["Isi nama tempat festival."]
    draft.refresh_from_db()
    assert not draft.is_published


def test_publish_refuses_programme_items_outside_the_dates(source):
    source.is_published = False
    source.save()
    ProgrammeItem.objects.filter(slug="penutupan").update(date=datetime.date(2016, 12, 20))

    with pytest.raises(domain.PublishRefused) as refused:
        domain.publish_edition(edition=source)

    assert "di luar tanggal festival" in refused.value.problems[0]


def test_publish_makes_the_draft_public_and_records_who(source, organiser):
    draft = domain.copy_edition(
        source=source,
        year=2027,
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
        by=organiser,
    )
    draft.venue_name = "Gesibu Blambangan"
    draft.save()

    domain.publish_edition(edition=draft, by=organiser)

    draft.refresh_from_db()
    assert draft.is_published
    messages = list(
        LogEntry.objects.filter(object_id=str(draft.pk)).values_list("change_message", flat=True)
    )
    assert "Published" in messages
    assert any(m.startswith("Copied from the 2016 edition") for m in messages)


# The admin.


def _action(client, edition, **data):
    return client.post(
        "/admin/festival/edition/",
        {"action": "copy_to_draft", ACTION_CHECKBOX_NAME: [edition.pk], **data},
    )


def test_admin_copy_action_asks_the_year_and_dates_first(organiser_client, source):
    response = _action(organiser_client, source)

    page = page_text(response)
    assert "Salin edisi 2016 ke edisi baru" in page
    assert "Tahun edisi baru" in page
    assert Edition.objects.count() == 1


def test_admin_copy_action_keeps_what_was_typed_and_explains_a_wrong_year(organiser_client, source):
    response = _action(
        organiser_client,
        source,
        copy_confirmed="1",
        year="2016",
        start_date="2027-12-13",
        end_date="2027-12-12",
    )

    page = page_text(response)
    assert "Edisi tahun 2016 sudah ada." in page
    assert "Tanggal mulai harus pada tahun 2016." in page
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in page
    assert 'value="2027-12-13"' in response.content.decode()
    assert Edition.objects.count() == 1


def test_admin_copy_action_creates_the_draft_and_opens_it(organiser_client, source):
    response = _action(
        organiser_client,
        source,
        copy_confirmed="1",
        year="2027",
        start_date="2027-12-13",
        end_date="2027-12-15",
    )

    draft = Edition.objects.get(year=2027)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/festival/edition/{draft.pk}/change/"
    assert not draft.is_published
    assert ProgrammeItem.objects.filter(edition=draft).count() == 3


def test_admin_publish_action_refuses_with_the_reason_then_publishes(organiser_client, source):
    draft = domain.copy_edition(
        source=source,
        year=2027,
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
    )

    refused = organiser_client.post(
        "/admin/festival/edition/",
        {"action": "publish", ACTION_CHECKBOX_NAME: [draft.pk]},
        follow=True,
    )
    assert "Edisi 2027 belum dapat ditayangkan: Isi nama tempat festival." in page_text(refused)

    Edition.objects.filter(pk=draft.pk).update(venue_name="Gesibu Blambangan")
    organiser_client.post(
        "/admin/festival/edition/", {"action": "publish", ACTION_CHECKBOX_NAME: [draft.pk]}
    )

    draft.refresh_from_db()
    assert draft.is_published


def test_ticking_published_on_the_change_form_runs_the_same_checks(organiser_client, source):
    draft = domain.copy_edition(
        source=source,
        year=2027,
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
    )
    form = organiser_client.get(f"/admin/festival/edition/{draft.pk}/change/")
    data = {
        name: value
        for name, value in form.context["adminform"].form.initial.items()
        if value is not None
    }
    data.update(
        {
            "is_published": "on",
            "start_date": "2027-12-13",
            "end_date": "2027-12-15",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
        }
    )
    data.pop("id", None)

    response = organiser_client.post(f"/admin/festival/edition/{draft.pk}/change/", data)

    assert "Isi nama tempat festival." in page_text(response)
    draft.refresh_from_db()
    assert not draft.is_published
