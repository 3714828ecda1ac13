"""An attendee on a phone answers the workshop evaluation from their ticket page, after the
last session; axe-core on the form (also with errors) and the ticket, in both languages."""

import datetime

import pytest

from tests.browser.conftest import PHONE, assert_accessible
from tests.site.pages import a_ticket_secret
from workshops.models import Attendance, Evaluation, Registration, Workshop, WorkshopSession

WORDS = {
    "id": {
        "invite": "Isi evaluasi",
        "send": "Kirim evaluasi",
        "first": "1. Isi dan materi",
        "errors": "Ada yang perlu diperbaiki",
        "thanks": "Terima kasih, evaluasi Anda sudah diisi.",
    },
    "en": {
        "invite": "Answer the evaluation",
        "send": "Send evaluation",
        "first": "1. Content and material",
        "errors": "There is a problem",
        "thanks": "Thank you, your evaluation has been answered.",
    },
}


@pytest.fixture
def after_the_workshop(site, settings):
    """The shipped workshop given one session on the festival's first day; the clock at
    13.00 WIB that day, after the session."""
    settings.FESTIVAL_NOW = "2016-12-01T10:00+07:00"  # registration open
    workshop = Workshop.objects.get(slug="workshop-pelayanan-publik")
    session = WorkshopSession.objects.create(
        workshop=workshop,
        date=datetime.date(2016, 12, 14),
        start_time=datetime.time(8),
        end_time=datetime.time(12),
    )

    def attendee(phone):
        registration = Registration.objects.get(secret=a_ticket_secret(phone=phone))
        moment = datetime.datetime(2016, 12, 14, 8, 5, tzinfo=datetime.UTC)
        Attendance.objects.create(registration=registration, session=session, checked_in_at=moment)
        Registration.objects.filter(pk=registration.pk).update(checked_in_at=moment)
        return registration

    return attendee


@pytest.mark.parametrize(("prefix", "lang"), [("", "id"), ("/en", "en")], ids=["id", "en"])
def test_attendee_answers_the_evaluation_from_the_ticket_on_a_phone(
    site, after_the_workshop, settings, new_page, prefix, lang
):
    registration = after_the_workshop("+6281234500001" if lang == "id" else "+6281234500002")
    settings.FESTIVAL_NOW = "2016-12-14T13:00+07:00"
    words = WORDS[lang]
    page = new_page(viewport=PHONE)
    page.goto(f"{site.url}{prefix}{registration.get_absolute_url()}")

    page.get_by_role("link", name=words["invite"]).click()
    page.wait_for_url("**/evaluasi/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, context=f"(evaluation, {lang})")

    # The first item answered, the rest forgotten: the summary lists three, the answer stays.
    page.get_by_role("group", name=words["first"]).locator("label").nth(3).click()
    page.get_by_role("button", name=words["send"]).click()
    summary = page.locator("[data-error-summary]")
    assert summary.get_by_role("heading", name=words["errors"]).is_visible()
    assert summary.get_by_role("link").count() == 3
    assert page.get_by_role("group", name=words["first"]).locator("input").nth(3).is_checked()
    assert_accessible(page, context=f"(evaluation with errors, {lang})")

    for field in ("speakers", "usefulness", "organisation"):
        page.locator(f"#id_{field}").locator("label").nth(2).click()
    page.locator("#id_comment").fill("Contoh praktik sangat membantu.")
    page.get_by_role("button", name=words["send"]).click()

    page.wait_for_url(f"**{registration.get_absolute_url()}")
    assert page.get_by_text(words["thanks"]).is_visible()
    assert_accessible(page, context=f"(ticket after the evaluation, {lang})")
    stored = Evaluation.objects.get(registration=registration)
    assert (stored.content, stored.speakers, stored.usefulness, stored.organisation) == (4, 3, 3, 3)
    assert stored.comment == "Contoh praktik sangat membantu."
