"""The booking confirmation email, sent by a task (services/queue/tasks.py) after the
transaction that booked the number. One per booking: nothing else sends it again."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from festival.sitewide import clock, ical
from festival.sitewide.i18n import localized
from festival.sitewide.links import site_url
from services.queue.models import Ticket


def _location(ticket: Ticket) -> str:
    offering = ticket.offering
    edition = offering.edition
    venue = localized(edition, "venue_name")
    return ", ".join(
        p for p in (localized(offering, "location"), venue, edition.venue_locality) if p
    )


def ticket_ics(ticket: Ticket, *, url: str) -> bytes:
    """The ticket's slot as an .ics file with one VEVENT (WIB, from the slot's start to its
    end), the time to arrive and the ticket link (`url`) in its description."""
    title = f"{ticket.display_number} – {localized(ticket.offering.service, 'name')}"
    arrive = translation.gettext("Datang paling lambat %(time)s WIB.") % {
        "time": ticket.arrive_by.strftime("%H.%M")
    }
    event = ical.new_event(
        uid=ical.event_uid("antrean", ticket.pk, base_url=url),
        stamp=clock.now(),
        summary=title,
        start=ticket.slot_starts_at,
        end=ticket.slot_ends_at,
        description=f"{arrive}\n\n{url}",
        location=_location(ticket),
        confirmed=True,
    )
    calendar = ical.new_calendar(title)
    calendar.add_component(event)
    return ical.to_ics(calendar)


def send_booking_email(ticket_id: int) -> str:
    """Email the booking confirmation, in the booker's language: number, service, day, slot,
    the time to arrive, what to bring, the ticket link (where it can be cancelled), and the
    slot as .ics.

    Reads the ticket as it is now, so nothing is sent for a ticket without an address, or
    cancelled or erased since. Returns "sent" or why nothing was sent; a failing mail server
    raises (OSError), for the task to try again later.
    """
    ticket = Ticket.objects.for_ticket_page().filter(pk=ticket_id).first()
    if ticket is None:
        return "skipped: no such ticket"
    if ticket.erased_at is not None:
        return "skipped: erased"
    if not ticket.email:
        return "skipped: no address"
    if ticket.status == Ticket.Status.CANCELLED:
        return "skipped: cancelled"
    with translation.override(ticket.language or settings.LANGUAGE_CODE):
        ticket_url = site_url(ticket.get_absolute_url())
        offering = ticket.offering
        context = {
            "ticket": ticket,
            "offering": offering,
            "location": _location(ticket),
            "requirements": list(offering.requirements.order_by("order", "pk")),
            "ticket_url": ticket_url,
        }
        subject = render_to_string("queue/email/subject.txt", context).strip()
        body = render_to_string("queue/email/body.txt", context)
        ics = ticket_ics(ticket, url=ticket_url)
    message = EmailMessage(subject=subject, body=body, to=[ticket.email])
    message.attach("antrean.ics", ics, f"{ical.CONTENT_TYPE}; method=PUBLISH")
    message.send()
    return "sent"
