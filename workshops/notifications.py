"""Emails to registrants, sent after the transaction that changed their registration."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from festival.queries import current_edition
from festival.sitewide.links import site_url
from workshops.calendar import workshop_ics
from workshops.models import Registration

logger = logging.getLogger(__name__)


def send_registration_email(registration_id: int, *, kind: str) -> None:
    """Email the ticket link and the workshop as .ics; `kind` is "registered" or "promoted".

    Runs in transaction.on_commit, so a failing mail server never undoes a registration: the
    failure is logged and the ticket page stays the source of truth.
    """
    registration = Registration.objects.for_ticket().get(pk=registration_id)
    if not registration.email:
        return
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        ticket_url = site_url(registration.get_absolute_url())
        workshop = registration.workshop
        context = {
            "registration": registration,
            "workshop": workshop,
            "edition": current_edition(),
            "ticket_url": ticket_url,
            "kind": kind,
            "waitlist_position": registration.waitlist_position(),
        }
        subject = render_to_string("workshops/email/subject.txt", context).strip()
        body = render_to_string("workshops/email/body.txt", context)
        ics = workshop_ics(
            workshop, url=site_url(reverse("workshops:detail", args=[workshop.slug]))
        )
    message = EmailMessage(subject=subject, body=body, to=[registration.email])
    message.attach("workshop.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    try:
        message.send()
    except Exception:  # noqa: BLE001 - the registration stands; the ticket page has it all
        logger.exception("Could not email registration %s", registration.code)
