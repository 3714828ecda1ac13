"""Who may open what: every admin page for every kind of visitor, the staff-only views,
and personal data on public pages.

The admin URLs are generated from `admin.site._registry`, so a model registered later is
checked too. What each staff group may do is written out here (not read back from the
permissions), so a migration granting too much fails a test. The app test files already
cover single cases (tests/services, tests/workshops); this file covers them systematically.
"""

import datetime
import io

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from festival.models import Edition
from festival.sitewide import audit
from festival.sitewide.groups import DESK_STAFF, ORGANISERS
from festival.sitewide.models import Kecamatan, OpenDataSettings, Village
from services import domain as services_domain
from services.models import ComplaintChannel, Document, Offering, Service, ServiceRequest
from services.queue import domain as queue_domain
from services.survey import domain as survey_domain
from services.survey.models import SurveyReport, SurveyResponse
from tests.festival.factories import StaffFactory, booth_plan
from tests.services.factories import status_change_form
from tests.site.pages import a_certificate_url, a_queue_day, public_pages
from workshops import domain as workshops_domain
from workshops.models import Evaluation, Workshop

WIB = datetime.timezone(datetime.timedelta(hours=7))
SCORES = {f"u{i}": 4 for i in range(1, 10)}
PAGES = ("changelist", "add", "change", "history", "delete")
MODELS = sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry)

# Pages no one gets, whatever their permissions: the admin itself refuses them.
NOBODY = {
    ("workshops.registration", "add"),  # seats only through the registration rule
    ("services.servicerequest", "add"),  # requests only through the public form
    ("services.servicerequest", "delete"),  # the desk's history is kept
    ("admin.logentry", "add"),  # the audit trail is written only by what it records
    ("admin.logentry", "delete"),
    ("survey.surveycode", "delete"),  # a lost card is voided, never deleted
    ("survey.surveyresponse", "add"),  # answers only from residents
    ("survey.surveyresponse", "delete"),  # a published index never changes
    ("queue.ticket", "add"),  # numbers only through booking and the desk's pages
    ("queue.ticket", "delete"),  # the day's series and counts are kept
    ("workshops.evaluation", "add"),  # answers only from attendees, on their ticket page
    ("workshops.evaluation", "delete"),  # a workshop's results never change
    ("sitewide.opendatasettings", "add"),  # one row: the site below has it already
    ("sitewide.opendatasettings", "delete"),
    ("workshops.certificate", "add"),  # certificates only through the certificate rule
    ("workshops.certificate", "delete"),  # a number once given stays taken
}
_ALL = set(PAGES)
_READ = {"changelist", "change", "history"}  # change page read-only with a view permission
ALLOWED = {
    "no-permission": {},
    "desk": {
        "services.service": _READ,
        "services.offering": _READ,
        "services.complaintchannel": _READ,
        "services.servicerequest": _READ,
        "survey.surveycode": _READ | {"add"},  # printing survey cards
        "queue.desk": _READ,
        "queue.ticket": _READ,
    },
    "organiser": {
        "festival.edition": _ALL,
        "festival.programmeitem": _ALL,
        "festival.boothplan": _ALL,
        "innovations.innovation": _ALL,
        "innovations.agency": _ALL,
        "innovations.theme": _ALL,
        "innovations.award": _ALL,
        "innovations.exhibit": _ALL,
        "services.service": _ALL,
        "services.offering": _ALL,
        "services.complaintchannel": _ALL,
        "workshops.workshop": _ALL,
        "workshops.registration": _READ,
        "workshops.evaluation": _READ,
        "workshops.certificate": _READ,  # the change page's one edit: revoking
        "admin.logentry": _READ,
        "survey.surveycode": _READ | {"add"},
        "survey.surveyresponse": _READ,
        "survey.surveyreport": _ALL,
        "queue.desk": _ALL,
        "queue.ticket": _READ,
        "sitewide.opendatasettings": _ALL,
    },
}
# Content the desk must not change, whatever it may read.
CONTENT = [
    "festival.edition",
    "festival.programmeitem",
    "festival.boothplan",
    "sitewide.kecamatan",
    "sitewide.village",
    "innovations.innovation",
    "innovations.agency",
    "innovations.theme",
    "innovations.award",
    "innovations.exhibit",
    "services.service",
    "services.offering",
    "services.complaintchannel",
    "survey.surveyreport",
    "workshops.workshop",
    "queue.desk",
    "sitewide.opendatasettings",
]
PERSON = {
    "nik": "3510164101900001",
    "nip": "198609262015052001",
    "phone": "+6281298765432",
}
# Every way these numbers could be written on a page.
UNMASKED = [
    "3510164101900001",
    "3510 1641 0190 0001",
    "198609262015052001",
    "19860926 201505 2 001",
    "+6281298765432",
    "081298765432",
    "0812-9876-5432",
    "0812 9876 5432",
    "81298765432",
]


def _webp() -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="WEBP")
    return ContentFile(out.getvalue(), name="ktp.webp")


@pytest.fixture
def site(festival_content):
    """Shipped content, ten days before the festival, with one registration and one request
    (with a document photo) holding personal data, and a local complaint channel (the shipped
    content has none, and its admin pages need a row to open)."""
    edition = Edition.objects.get()
    ComplaintChannel.objects.create(edition=edition, name="Meja pengaduan", contact="Di lokasi")
    booth_plan(edition)  # the shipped content has no plan: its admin pages need one to open
    moment = datetime.datetime.combine(
        edition.start_date - datetime.timedelta(days=10), datetime.time(10), tzinfo=WIB
    )
    with time_machine.travel(moment, tick=False):
        kecamatan = Kecamatan.objects.get(code="35.10.20")
        registration = workshops_domain.register_for_workshop(
            workshop=Workshop.objects.get(slug="workshop-pelayanan-publik"),
            full_name="Dewi Lestari",
            nip=PERSON["nip"],
            position="Kasi Pelayanan",
            office_kind="desa",
            kecamatan=kecamatan,
            village=Village.objects.filter(kecamatan=kecamatan, kind="desa").first(),
            phone=PERSON["phone"],
            consent=True,
        ).registration
        request = services_domain.submit_request(
            offering=Offering.objects.get(service__slug="siup"),
            applicant_name="Dewi Lestari",
            nik=PERSON["nik"],
            phone=PERSON["phone"],
            details={"business_name": "Toko Kopi Osing"},
            preferred_day=edition.start_date,
            documents={"ktp": _webp()},
        )
        # A survey card answered, and the edition's report, so their pages open.
        service = Service.objects.get(slug="kia")
        code = survey_domain.issue_card_codes(edition=edition, service=service, count=1)[0]
        SurveyResponse.objects.create(
            code=code, edition=edition, service=service, created_at=moment, **SCORES
        )
        SurveyReport.objects.create(edition=edition, follow_up_plan="Menambah loket.")
        # A certificate, so its admin pages open.
        a_certificate_url()
        # A desk with one booked number, so the queue's pages open.
        queue_domain.book_number(
            desk_day=a_queue_day(edition, service),
            slot_start=datetime.time(8, 0),
            name="Dewi Lestari",
            phone="+6281311112222",
        )
        # An evaluation, written straight to the table (the rule wants the workshop over),
        # so its read-only pages open.
        Evaluation.objects.create(
            registration=registration, content=4, speakers=3, usefulness=4, organisation=3
        )
        # The open data's settings (one row, made when organisers first save it).
        OpenDataSettings.objects.create(licence_name="CC BY 4.0")
        # One entry in the audit trail, so its pages have something to open.
        audit.record(
            user=StaffFactory(username="auditor"),
            objects=[registration],
            message="Dicatat hadir",
        )
        yield {"registration": registration, "request": request}


@pytest.fixture
def users(db):
    return {
        "no-permission": StaffFactory(username="staf-baru"),
        "desk": StaffFactory(username="petugas", group=DESK_STAFF),
        "organiser": StaffFactory(username="panitia", group=ORGANISERS),
        "superuser": StaffFactory(username="admin", is_superuser=True),
        # Every permission, but not staff: the admin is still closed.
        "not-staff": StaffFactory(username="warga", group=ORGANISERS, is_staff=False),
    }


def admin_url(model: str, page: str) -> str:
    app_label, model_name = model.split(".")
    name = f"admin:{app_label}_{model_name}_{page}"
    if page in ("changelist", "add"):
        return reverse(name)
    obj = _model(model).objects.order_by("pk").first()
    assert obj is not None, f"no {model} in the shipped content to open"
    return reverse(name, args=[obj.pk])


def _model(model: str):
    return next(m for m in admin.site._registry if m._meta.label_lower == model)


def every_admin_page():
    return [(model, page) for model in MODELS for page in PAGES]


def test_every_registered_model_is_in_the_expectations():
    """A newly registered model must be thought about here."""
    known = set(CONTENT) | {
        "services.servicerequest",
        "survey.surveycode",
        "survey.surveyresponse",
        "workshops.registration",
        "workshops.evaluation",
        "workshops.certificate",
        "queue.ticket",
        "auth.user",
        "auth.group",
        "admin.logentry",
    }
    assert set(MODELS) <= known, set(MODELS) - known


def test_superuser_opens_every_admin_page(client, site, users):
    """The URLs exist, so the refusals below are refusals and not 404s."""
    client.force_login(users["superuser"])

    for model, page in every_admin_page():
        response = client.get(admin_url(model, page))
        expected = 403 if (model, page) in NOBODY else 200
        assert response.status_code == expected, (model, page, response.status_code)


def test_anonymous_visitors_are_sent_to_the_admin_login_from_every_page(client, site, users):
    urls = [reverse("admin:index")]
    urls += [reverse("admin:app_list", args=[app]) for app in {m.split(".")[0] for m in MODELS}]
    urls += [admin_url(model, page) for model, page in every_admin_page()]

    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, (url, response.status_code)
            assert response["Location"].startswith("/admin/login/"), url


def test_non_staff_users_are_sent_to_the_admin_login_whatever_their_permissions(
    client, site, users
):
    client.force_login(users["not-staff"])

    for model, page in every_admin_page():
        response = client.get(admin_url(model, page))
        assert response.status_code == 302, (model, page)
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("who", ["no-permission", "desk", "organiser"])
def test_staff_open_exactly_the_admin_pages_of_their_group(client, site, users, who):
    client.force_login(users[who])
    allowed = ALLOWED[who]

    wrong = []
    for model, page in every_admin_page():
        response = client.get(admin_url(model, page))
        ok = page in allowed.get(model, set()) and (model, page) not in NOBODY
        if (response.status_code == 200) != ok or response.status_code not in (200, 403):
            wrong.append((model, page, response.status_code))
    assert wrong == []


@pytest.mark.parametrize("who", ["no-permission", "desk", "organiser"])
def test_admin_index_lists_only_what_the_group_may_open(client, site, users, who):
    client.force_login(users[who])

    page = client.get(reverse("admin:index")).content.decode()

    for model in MODELS:
        listed = reverse(f"admin:{model.replace('.', '_')}_changelist") in page
        assert listed == bool(ALLOWED[who].get(model)), model


def test_staff_without_permission_get_no_app_page(client, site, users):
    client.force_login(users["no-permission"])

    for app in {m.split(".")[0] for m in MODELS}:
        assert client.get(reverse("admin:app_list", args=[app])).status_code in (403, 404)


@pytest.mark.parametrize("model", CONTENT)
def test_desk_staff_cannot_change_add_or_delete_content(client, site, users, model):
    client.force_login(users["desk"])
    Model = _model(model)
    obj = Model.objects.order_by("pk").first()
    before = (Model.objects.count(), Model.objects.filter(pk=obj.pk).values().get())

    responses = [
        client.post(admin_url(model, "change"), {"name": "Diubah", "title": "Diubah"}),
        client.post(admin_url(model, "add"), {"name": "Baru", "title": "Baru"}),
        client.post(admin_url(model, "delete"), {"post": "yes"}),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert (Model.objects.count(), Model.objects.filter(pk=obj.pk).values().get()) == before


def test_desk_staff_process_a_request_in_the_admin(client, site, users):
    client.force_login(users["desk"])
    request = site["request"]

    response = client.post(
        admin_url("services.servicerequest", "change"),
        status_change_form(new_status="in_process", note="Berkas sedang diperiksa."),
        follow=True,
    )

    request.refresh_from_db()
    assert request.status == "in_process", response.content.decode()[:3000]
    assert request.history.order_by("pk").last().changed_by == users["desk"]


@pytest.mark.parametrize("model", ["auth.user", "auth.group"])
def test_organisers_cannot_manage_users_or_groups(client, site, users, model):
    client.force_login(users["organiser"])
    Model = _model(model)
    count = Model.objects.count()
    urls = [admin_url(model, page) for page in PAGES]
    if model == "auth.user":
        urls.append(reverse("admin:auth_user_password_change", args=[users["desk"].pk]))

    statuses = [client.get(url).status_code for url in urls]
    posted = client.post(admin_url(model, "add"), {"username": "penyusup", "name": "Penyusup"})

    assert set(statuses) == {403}
    assert posted.status_code == 403
    assert Model.objects.count() == count
    assert not users["organiser"].has_perm("auth.change_user")
    assert not Permission.objects.filter(group__name=ORGANISERS, content_type__app_label="auth")


def test_organisers_cannot_give_themselves_a_permission(client, site, users):
    client.force_login(users["organiser"])
    organisers = Group.objects.get(name=ORGANISERS)
    before = set(organisers.permissions.values_list("pk", flat=True))
    every = Permission.objects.values_list("pk", flat=True)

    response = client.post(
        reverse("admin:auth_group_change", args=[organisers.pk]),
        {"name": ORGANISERS, "permissions": [str(pk) for pk in every]},
    )

    assert response.status_code == 403
    assert set(organisers.permissions.values_list("pk", flat=True)) == before


# --- Staff-only views outside the admin ----------------------------------------------------


def _document(request: ServiceRequest) -> Document:
    return request.documents.get()


@pytest.mark.parametrize("who", ["no-permission", "organiser", "not-staff"])
def test_document_view_refuses_staff_and_users_without_the_permission(client, site, users, who):
    document = _document(site["request"])
    client.force_login(users[who])

    response = client.get(reverse("services:document", args=[document.pk]))

    assert response.status_code in (302, 403)
    assert b"WEBP" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_document_view_refuses_anonymous_in_both_languages(client, site):
    document = _document(site["request"])

    for url in (f"/layanan/dokumen/{document.pk}/", f"/en/layanan/dokumen/{document.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("who", ["no-permission", "desk"])
def test_check_in_refuses_users_without_the_permission(client, site, users, who):
    registration = site["registration"]
    client.force_login(users[who])

    response = client.post(reverse("workshops:check-in", args=[registration.secret]))

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_refuses_anonymous_in_english_and_by_get(client, site):
    registration = site["registration"]

    english = client.post(f"/en/workshop/tiket/{registration.secret}/hadir/")
    by_get = client.get(f"/workshop/tiket/{registration.secret}/hadir/")

    assert english.status_code == 403
    assert by_get.status_code in (403, 405)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


# --- Personal data on public pages --------------------------------------------------------


def _assert_masked(page: str, where: str) -> None:
    for written in UNMASKED:
        assert written not in page, f"{written} unmasked on {where}"


def test_public_pages_never_show_personal_data_unmasked(client, site):
    registration, request = site["registration"], site["request"]
    urls = {
        **public_pages(with_ticket=False),
        "ticket": registration.get_absolute_url(),
        "ticket-en": f"/en{registration.get_absolute_url()}",
        "cancel": reverse("workshops:cancel", args=[registration.secret]),
    }

    for name, url in urls.items():
        _assert_masked(client.get(url).content.decode(), name)
    tracked = client.post("/layanan/lacak/", {"code": request.code, "phone": "0812 9876 5432"})
    page = tracked.content.decode()
    assert "Toko Kopi Osing" in page or request.service.name in page
    _assert_masked(page, "tracking result")
    assert "5432" in page  # only the last four digits


def test_ticket_shows_personal_data_masked_to_staff_without_the_permission(client, site, users):
    client.force_login(users["desk"])

    page = client.get(site["registration"].get_absolute_url()).content.decode()

    assert "Dewi Lestari" in page
    _assert_masked(page, "ticket seen by desk staff")


def test_request_confirmation_shows_personal_data_masked(client, site):
    edition = Edition.objects.get()
    data = {
        "applicant_name": "Dewi Lestari",
        "nik": "3510 1641 0190 0001",
        "phone": "0812-9876-5432",
        "email": "",
        "preferred_day": edition.start_date.isoformat(),
        "levy_kind": "Retribusi pasar",
        "levy_reference": "",
        "step": "check",
    }
    check = client.post("/layanan/retribusi/ajukan/", data)
    confirmation = client.post(
        "/layanan/retribusi/ajukan/",
        {"step": "submit", "answers": check.context["answers"]},
        follow=True,
    )

    page = confirmation.content.decode()
    created = ServiceRequest.objects.order_by("pk").last()
    assert created.code[:4] in page
    _assert_masked(page, "request confirmation")
    assert confirmation["Cache-Control"] == "private, no-store"
