"""Emails to applicants, sent by a task (services/tasks.py) after the desk changed the status
of their request."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from festival.sitewide.links import absolute_url, site_url
from services.models import ServiceRequest, StatusChange
from services.queries import survey_invitation


def send_status_email(change_id: int) -> str:
    """Email the applicant one status change: the new status, the desk's note and the applicant's
    private tracking link, and for a request done the link to its survey while the code can
    answer; never the NIK or the phone number.

    Each change is told (a later change does not cancel the note of an earlier one); a request
    erased since has no address and gets nothing. Returns "sent" or why nothing was sent; a
    failing mail server raises (OSError), for the task to try again later.
    """
    change = (
        StatusChange.objects.select_related("service_request__offering__service")
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        return "skipped: no such status change"
    service_request = change.service_request
    if not service_request.email:
        return "skipped: no address"
    survey = None
    if change.to_status == ServiceRequest.Status.DONE:
        survey = survey_invitation(service_request)
    # Applicants read Bahasa Indonesia first.
    with translation.override("id"):
        context = {
            "service_request": service_request,
            "change": change,
            "service": service_request.service,
            "track_url": site_url(service_request.get_tracking_url()),
            "survey_url": (
                absolute_url(reverse("survey:answer", kwargs={"code": survey.code}))
                if survey is not None and not survey.answered
                else ""
            ),
        }
        subject = render_to_string("services/email/status_subject.txt", context).strip()
        body = render_to_string("services/email/status_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [service_request.email])
    return "sent"
