"""A request made ahead and marked done gets its survey code at once (issue #13, point 1): its
tracking page invites the applicant to the survey while the code can answer and thanks them
once answered, and the status email for "done" carries the link."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from services import domain
from services.models import ServiceRequest
from services.survey import domain as survey_domain
from services.survey.models import SurveyCode
from tests.services.factories import ServiceRequestFactory, status_change_form
from tests.survey.answering import all_scores
from tests.text import page_text

pytestmark = pytest.mark.django_db

INVITATION = "Bantu kami memperbaiki layanan dengan mengisi survei kepuasan"
THANKS = "Terima kasih, Anda sudah mengisi survei kepuasan untuk layanan ini."


def ready(kia, **fields):
    return ServiceRequestFactory(offering=kia, status=ServiceRequest.Status.READY, **fields)


def answer(code: str):
    survey_domain.answer_survey(code=code, scores=all_scores(), profile={}, suggestion="")


# --- Marking done issues the code ----------------------------------------------------------------


def test_marking_a_request_done_issues_exactly_one_code(kia, desk_staff, frozen):
    service_request = ready(kia)

    domain.change_request_status(service_request=service_request, to_status="done", by=desk_staff)

    issued = SurveyCode.objects.get()
    assert issued.service_request == service_request
    assert (issued.edition, issued.service) == (kia.edition, kia.service)
    assert issued.source == SurveyCode.Source.REQUEST and issued.issued_by == desk_staff
    # Done is final: asking again is refused and makes no second code.
    with pytest.raises(domain.StatusChangeRefused):
        domain.change_request_status(service_request=service_request, to_status="done")
    assert SurveyCode.objects.count() == 1


@pytest.mark.parametrize("status", ["in_process", "needs_correction", "rejected"])
def test_other_status_changes_issue_no_code(kia, status, frozen):
    service_request = ServiceRequestFactory(offering=kia)

    domain.change_request_status(service_request=service_request, to_status=status)

    assert not SurveyCode.objects.exists()


def test_the_bulk_action_issues_one_code_per_request_also_when_run_twice(desk_client, kia, frozen):
    requests = [ready(kia), ready(kia), ServiceRequestFactory(offering=kia)]
    url = reverse("admin:services_servicerequest_changelist")
    selected = {"action": "mark_done", "_selected_action": [r.pk for r in requests]}

    desk_client.post(url, selected)
    desk_client.post(url, selected)

    codes = SurveyCode.objects.order_by("service_request_id")
    assert [code.service_request_id for code in codes] == [requests[0].pk, requests[1].pk]
    # The submitted one could not be marked done, so it has no code.
    assert ServiceRequest.objects.get(pk=requests[2].pk).status == "submitted"


def test_the_request_page_in_the_admin_issues_the_code(desk_client, kia, frozen):
    service_request = ready(kia)
    url = reverse("admin:services_servicerequest_change", args=[service_request.pk])

    response = desk_client.post(url, status_change_form(new_status="done"))

    assert response.status_code == 302
    assert SurveyCode.objects.get().service_request == service_request


# --- The tracking page ---------------------------------------------------------------------------


def test_tracking_page_invites_to_the_survey_then_thanks(client, kia, frozen):
    service_request = ready(kia)
    domain.change_request_status(service_request=service_request, to_status="done")
    code = SurveyCode.objects.get().code

    invited = client.get(service_request.get_tracking_url())

    assert INVITATION in page_text(invited)
    survey_url = reverse("survey:answer", kwargs={"code": code})
    assert f'href="{survey_url}"' in invited.content.decode()
    assert client.get(survey_url).status_code == 200

    answer(code)
    thanked = client.get(service_request.get_tracking_url())

    assert THANKS in page_text(thanked)
    assert INVITATION not in page_text(thanked) and survey_url not in thanked.content.decode()


def test_tracking_by_code_and_phone_invites_too(client, kia, frozen):
    service_request = ready(kia, code="ACDE3479")
    domain.change_request_status(service_request=service_request, to_status="done")

    found = client.post(reverse("services:track"), {"code": "ACDE3479", "phone": "081234567890"})

    survey_url = reverse("survey:answer", kwargs={"code": SurveyCode.objects.get().code})
    assert INVITATION in page_text(found) and f'href="{survey_url}"' in found.content.decode()


def test_tracking_page_invitation_in_english(client, kia, frozen):
    service_request = ready(kia)
    domain.change_request_status(service_request=service_request, to_status="done")
    url = "/en" + service_request.get_tracking_url()

    page = client.get(url)

    assert "How did we do?" in page_text(page)
    assert "Answer the survey" in page_text(page)
    code = SurveyCode.objects.get().code
    assert f'href="/en/survei/{code}/"' in page.content.decode()
    answer(code)
    assert "Thank you, you have answered the satisfaction survey for this service." in page_text(
        client.get(url)
    )


def test_no_invitation_before_done_or_for_a_voided_code(client, kia, frozen):
    pending = ready(kia)
    assert INVITATION not in page_text(client.get(pending.get_tracking_url()))

    domain.change_request_status(service_request=pending, to_status="done")
    survey_domain.void_codes(codes=list(SurveyCode.objects.all()))

    page = page_text(client.get(pending.get_tracking_url()))
    assert INVITATION not in page and THANKS not in page


# --- The email -----------------------------------------------------------------------------------


def test_the_done_email_carries_the_survey_link(
    kia, mailoutbox, django_capture_on_commit_callbacks, frozen
):
    service_request = ServiceRequestFactory(offering=kia, email="siti@example.id")

    with django_capture_on_commit_callbacks(execute=True):
        domain.change_request_status(service_request=service_request, to_status="in_process")
        domain.change_request_status(service_request=service_request, to_status="ready")
        domain.change_request_status(service_request=service_request, to_status="done")

    code = SurveyCode.objects.get().code
    survey_url = f"{settings.SITE_URL}/survei/{code}/"
    in_process, ready_mail, done = mailoutbox
    assert survey_url in done.body
    assert "Bantu kami memperbaiki layanan dengan mengisi survei kepuasan" in done.body
    assert f"{settings.SITE_URL}{service_request.get_tracking_url()}" in done.body
    assert "survei" not in in_process.body and "survei" not in ready_mail.body
    # An absolute link from SITE_URL, the only one to the survey.
    assert re.findall(r"https?://\S+/survei/\S+", done.body) == [survey_url]
