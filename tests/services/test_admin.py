import re

import pytest
from django.core import mail
from django.urls import reverse

from services.models import ServiceRequest
from tests.services.factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db


def test_desk_queue_filters_by_service_status_and_day(desk_client, kia, pbb):
    ServiceRequestFactory(service=kia, code="KIAAAAAA")
    ServiceRequestFactory(service=pbb, code="PBBAAAAA", status="in_process")
    url = reverse("admin:services_servicerequest_changelist")

    page = desk_client.get(url, {"service__id__exact": kia.pk}).content.decode()
    assert "KIAA-AAAA" in page and "PBBA-AAAA" not in page
    page = desk_client.get(url, {"status__exact": "in_process"}).content.decode()
    assert "PBBA-AAAA" in page and "KIAA-AAAA" not in page
    page = desk_client.get(url, {"preferred_day": "2026-12-15"}).content.decode()
    assert "KIAA-AAAA" in page


def test_desk_staff_see_personal_data_and_change_the_status_with_a_note(
    desk_client, desk_staff, kia, django_capture_on_commit_callbacks
):
    request = ServiceRequestFactory(
        service=kia, email="siti@example.id", details={"child_name": "Ahmad"}
    )
    url = reverse("admin:services_servicerequest_change", args=[request.pk])

    page = desk_client.get(url).content.decode()
    assert "3510164101900001" in page and "0812-3456-7890" in page and "Ahmad" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_client.post(url, {"new_status": "ready", "note": "x"})
    # "ready" is not a move from "submitted": refused in the form, nothing changes.
    assert response.status_code == 200
    assert ServiceRequest.objects.get().status == "submitted"

    with django_capture_on_commit_callbacks(execute=True):
        desk_client.post(
            url,
            {
                "new_status": "in_process",
                "note": "Sedang disiapkan.",
                "documents-TOTAL_FORMS": "0",
                "documents-INITIAL_FORMS": "0",
                "history-TOTAL_FORMS": "0",
                "history-INITIAL_FORMS": "0",
            },
        )

    request.refresh_from_db()
    assert request.status == "in_process"
    change = request.history.get()
    assert change.note == "Sedang disiapkan." and change.changed_by == desk_staff
    assert "Sedang disiapkan." in mail.outbox[0].body


def test_desk_staff_can_move_several_requests_with_an_action(desk_client, desk_staff, kia):
    a = ServiceRequestFactory(service=kia)
    b = ServiceRequestFactory(service=kia, status="done")

    desk_client.post(
        reverse("admin:services_servicerequest_changelist"),
        {"action": "mark_in_process", "_selected_action": [a.pk, b.pk]},
    )

    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("in_process", "done")
    assert a.history.get().changed_by == desk_staff


def test_desk_staff_cannot_edit_service_content(desk_client, kia):
    response = desk_client.post(
        reverse("admin:services_service_change", args=[kia.pk]), {"name": "Diubah"}
    )

    kia.refresh_from_db()
    assert kia.name == "Kartu Identitas Anak (KIA)"
    assert response.status_code == 403 or "Diubah" not in response.content.decode()


def test_organisers_edit_content_but_never_see_requests(organiser_client, kia):
    ServiceRequestFactory(service=kia)

    assert (
        organiser_client.get(reverse("admin:services_service_change", args=[kia.pk])).status_code
        == 200
    )
    response = organiser_client.get(reverse("admin:services_servicerequest_changelist"))
    assert response.status_code == 403
    assert "3510164101900001" not in response.content.decode()


def test_admin_document_link_opens_through_the_protected_view(desk_client, kia, frozen):
    from django.core.files.base import ContentFile

    from services import domain
    from services.uploads import clean_document
    from tests.services.factories import image_bytes

    request = domain.submit_request(
        service=kia,
        applicant_name="Siti",
        nik="3510164101900001",
        phone="+6281234567890",
        details={},
        preferred_day=ServiceRequestFactory.build().preferred_day,
        documents={"kk": clean_document(ContentFile(image_bytes(), name="k.jpg"))},
    )
    page = desk_client.get(
        reverse("admin:services_servicerequest_change", args=[request.pk])
    ).content.decode()

    link = re.search(r'href="(/layanan/dokumen/\d+/)"', page).group(1)
    assert desk_client.get(link).status_code == 200
