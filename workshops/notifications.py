"""Emails to registrants, sent by a task (workshops/tasks.py) after the transaction that
changed their registration."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from festival.queries import edition_url
from festival.sitewide.links import site_url
from workshops.calendar import workshop_ics
from workshops.models import Registration


def send_registration_email(registration_id: int, *, kind: str) -> str:
    """Email the ticket link and the workshop as .ics; `kind` is "registered", "promoted"
    or "resent".

    Reads the registration as it is now, so the email tells its current status, and sends
    nothing to a registration cancelled (or erased) since. Returns "sent" or why nothing was
    sent; a failing mail server raises (OSError), for the task to try again later.
    """
    registration = Registration.objects.for_ticket().filter(pk=registration_id).first()
    if registration is None:
        return "skipped: no such registration"
    if not registration.email:
        return "skipped: no address"
    if registration.status == Registration.Status.CANCELLED:
        return "skipped: cancelled"
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        ticket_url = site_url(registration.get_absolute_url())
        workshop = registration.workshop
        context = {
            "registration": registration,
            "workshop": workshop,
            "edition": workshop.edition,
            "ticket_url": ticket_url,
            "kind": kind,
            "waitlist_position": registration.waitlist_position(),
        }
        subject = render_to_string("workshops/email/subject.txt", context).strip()
        body = render_to_string("workshops/email/body.txt", context)
        ics = workshop_ics(
            workshop,
            url=site_url(edition_url("workshops:detail", workshop.edition, slug=workshop.slug)),
        )
    message = EmailMessage(subject=subject, body=body, to=[registration.email])
    message.attach("workshop.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    message.send()
    return "sent"


def send_certificate_email(registration_id: int) -> str:
    """Email the participant their certificate's links: the ticket page (download) and the
    public verification page. Sends nothing when the certificate was revoked since, or the
    registration was erased; returns "sent" or why not."""
    registration = Registration.objects.for_ticket().filter(pk=registration_id).first()
    if registration is None or registration.erased_at is not None:
        return "skipped: no such registration"
    if not registration.email:
        return "skipped: no address"
    certificate = registration.certificates.valid().first()
    if certificate is None:
        return "skipped: no valid certificate"
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "certificate": certificate,
            "workshop": registration.workshop,
            "ticket_url": site_url(registration.get_absolute_url()),
            "verify_url": site_url(certificate.get_absolute_url()),
        }
        subject = render_to_string("workshops/email/certificate_subject.txt", context).strip()
        body = render_to_string("workshops/email/certificate_body.txt", context)
    EmailMessage(subject=subject, body=body, to=[registration.email]).send()
    return "sent"
