import re

import pytest
from django.core import mail
from django.urls import reverse

from services.models import ServiceRequest
from tests.festival.factories import edition_2027
from tests.services.factories import OfferingFactory, ServiceRequestFactory, status_change_form

pytestmark = pytest.mark.django_db


def test_desk_queue_filters_by_edition_service_status_and_day(desk_client, kia, pbb):
    ServiceRequestFactory(offering=kia, code="KIAAAAAA")
    ServiceRequestFactory(offering=pbb, code="PBBAAAAA", status="in_process")
    later = OfferingFactory(
        edition=edition_2027(),
        service=kia.service,
    )
    ServiceRequestFactory(offering=later, code="KIABBBBB", preferred_day=later.edition.start_date)
    url = reverse("admin:services_servicerequest_changelist")

    page = desk_client.get(url, {"offering__service__id__exact": kia.service.pk}).content.decode()
    assert "KIAA-AAAA" in page and "KIAB-BBBB" in page and "PBBA-AAAA" not in page
    page = desk_client.get(url, {"offering__edition__id__exact": later.edition.pk}).content
    assert "KIAB-BBBB" in page.decode() and "KIAA-AAAA" not in page.decode()
    page = desk_client.get(url, {"status__exact": "in_process"}).content.decode()
    assert "PBBA-AAAA" in page and "KIAA-AAAA" not in page
    page = desk_client.get(url, {"preferred_day": "2026-12-15"}).content.decode()
    assert "KIAA-AAAA" in page


def test_desk_staff_see_personal_data_and_change_the_status_with_a_note(
    desk_client, desk_staff, kia, django_capture_on_commit_callbacks
):
    request = ServiceRequestFactory(
        offering=kia, email="siti@example.id", details={"child_name": "Ahmad"}
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
            status_change_form(new_status="in_process", note="Sedang disiapkan."),
        )

    request.refresh_from_db()
    assert request.status == "in_process"
    change = request.history.get()
    assert change.note == "Sedang disiapkan." and change.changed_by == desk_staff
    assert "Sedang disiapkan." in mail.outbox[0].body


def test_desk_staff_can_move_several_requests_with_an_action(desk_client, desk_staff, kia):
    a = ServiceRequestFactory(offering=kia)
    b = ServiceRequestFactory(offering=kia, status="done")

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
        reverse("admin:services_service_change", args=[kia.service.pk]), {"name": "Diubah"}
    )
    offering_response = desk_client.post(
        reverse("admin:services_offering_change", args=[kia.pk]), {"agency": "Diubah"}
    )

    kia.refresh_from_db()
    kia.service.refresh_from_db()
    assert kia.service.name == "Kartu Identitas Anak (KIA)" and kia.agency != "Diubah"
    assert (
        offering_response.status_code == 403 or "Diubah" not in offering_response.content.decode()
    )
    assert response.status_code == 403 or "Diubah" not in response.content.decode()


def test_organisers_edit_content_but_never_see_requests(organiser_client, kia):
    ServiceRequestFactory(offering=kia)

    service_url = reverse("admin:services_service_change", args=[kia.service.pk])
    offering_url = reverse("admin:services_offering_change", args=[kia.pk])
    assert organiser_client.get(service_url).status_code == 200
    assert "Pas foto anak 2 x 3" in organiser_client.get(offering_url).content.decode()
    response = organiser_client.get(reverse("admin:services_servicerequest_changelist"))
    assert response.status_code == 403
    assert "3510164101900001" not in response.content.decode()


def test_admin_document_link_opens_through_the_protected_view(desk_client, kia, frozen):
    from django.core.files.base import ContentFile

    from services import domain
    from services.uploads import clean_document
    from tests.services.factories import image_bytes

    request = domain.submit_request(
        offering=kia,
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


# --- Who sees personal data, and searching by it -------------------------------------------------


CHANGELIST = "admin:services_servicerequest_changelist"


def test_desk_staff_find_a_request_by_a_whole_nik_or_phone_typed_in_any_usual_way(desk_client, kia):
    ServiceRequestFactory(offering=kia, code="ACDE3479")
    ServiceRequestFactory(
        offering=kia, code="ACDE3478", nik="3510164101900002", phone="+6281111111111"
    )
    url = reverse(CHANGELIST)

    for term in ("3510 1641 0190 0001", "0812-3456-7890", "+62 812 3456 7890", "acde-3479"):
        page = desk_client.get(url, {"q": term}).content.decode()
        assert "ACDE-3479" in page and "ACDE-3478" not in page, term


@pytest.mark.parametrize("part", ["3510", "7890", "+62812", "0812345678", "35101641019000"])
def test_admin_search_never_matches_a_part_of_a_nik_or_phone(desk_client, kia, part):
    ServiceRequestFactory(offering=kia, code="ACDE3479")

    page = desk_client.get(reverse(CHANGELIST), {"q": part}).content.decode()

    assert "ACDE-3479" not in page


def test_admin_search_by_nik_or_phone_is_only_for_staff_who_may_see_them(rf, admin_user, kia):
    from django.contrib.admin.sites import site

    from tests.festival.factories import StaffFactory

    ServiceRequestFactory(offering=kia, code="ACDE3479")
    model_admin = site._registry[ServiceRequest]
    organiser = StaffFactory(username="panitia-cari", group="Panitia")
    request = rf.get("/")
    request.user = organiser

    found, _ = model_admin.get_search_results(request, ServiceRequest.objects.all(), "081234567890")
    request.user = admin_user
    found_by_admin, _ = model_admin.get_search_results(
        request, ServiceRequest.objects.all(), "081234567890"
    )

    assert not found.exists()
    assert [r.code for r in found_by_admin] == ["ACDE3479"]


def test_the_request_admin_never_edits_the_applicants_data(desk_client, kia):
    request = ServiceRequestFactory(offering=kia)
    url = reverse("admin:services_servicerequest_change", args=[request.pk])

    desk_client.post(url, {"phone": "not a phone <b>", "nik": "0812-3456-7890", "new_status": ""})

    request.refresh_from_db()
    assert (request.phone, request.nik) == ("+6281234567890", "3510164101900001")


# --- Hostile list filters: 200 or 400, never 500 -------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"status__exact": "\x00"},
        {"status__exact": "bukan-status"},
        {"service__id__exact": "\x00"},
        {"service__id__exact": "abc"},
        {"service__id__exact": "99999999999999999999999"},
        {"preferred_day": "\x00"},
        {"preferred_day": "2026-13-45"},
        {"preferred_day__gte": "kemarin"},
        {"created_at__year": "abc"},
        {"created_at__month": "\x00"},
        {"q": "\x00"},
        {"q": "%' OR 1=1 --"},
        {"o": "99.abc"},
        {"p": "-1"},
        {"bukan_field": "1"},
    ],
)
def test_desk_queue_answers_hostile_filters_without_a_server_error(desk_client, kia, params):
    ServiceRequestFactory(offering=kia, code="ACDE3479")

    response = desk_client.get(reverse(CHANGELIST), params, follow=True)

    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Permintaan tidak valid" in response.content.decode()


def test_desk_queue_refuses_a_nul_byte_in_a_filter(desk_client, kia):
    response = desk_client.get(reverse(CHANGELIST), {"status__exact": "\x00"})

    assert response.status_code == 400


# --- The audit trail -----------------------------------------------------------------------------


def test_a_status_change_is_on_record_with_who_and_the_reference_never_a_name(
    desk_client, desk_staff, kia
):
    from django.contrib.admin.models import LogEntry

    request = ServiceRequestFactory(offering=kia, code="ACDE3479")
    url = reverse("admin:services_servicerequest_change", args=[request.pk])

    desk_client.post(
        url,
        status_change_form(new_status="in_process", note="Bawa KK asli."),
    )

    entry = LogEntry.objects.get()
    assert entry.user == desk_staff
    assert entry.object_repr == "ACDE-3479" == str(request) == request.audit_label
    assert entry.change_message == "Status: Diterima → Sedang diproses (dengan catatan)"
    assert "Siti" not in entry.object_repr and "Bawa KK" not in entry.change_message


def test_a_bulk_status_action_is_on_record_for_each_request(desk_client, desk_staff, kia):
    from django.contrib.admin.models import LogEntry

    ServiceRequestFactory(offering=kia, code="ACDE3479")
    ServiceRequestFactory(offering=kia, code="ACDE3478")

    desk_client.post(
        reverse(CHANGELIST),
        {
            "action": "mark_in_process",
            "_selected_action": list(ServiceRequest.objects.values_list("pk", flat=True)),
        },
    )

    entries = LogEntry.objects.filter(user=desk_staff)
    assert sorted(e.object_repr for e in entries) == ["ACDE-3478", "ACDE-3479"]
    assert {e.change_message for e in entries} == {"Status: Diterima → Sedang diproses"}
