import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from festival.sitewide.groups import DESK_STAFF
from services import domain
from services.models import Document, ServiceRequest
from services.uploads import clean_document
from tests.services.factories import (
    APPLICANT,
    KIA_DETAILS,
    ComplaintChannelFactory,
    OfferingFactory,
    ProcedureStepFactory,
    RequirementFactory,
    ServiceFactory,
    ServiceRequestFactory,
    image_bytes,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- List and detail -------------------------------------------------------------------------


def test_service_list_shows_published_services_with_links(client, edition, kia):
    OfferingFactory(
        edition=edition, service=ServiceFactory(name="Layanan tersembunyi", is_published=False)
    )
    OfferingFactory(
        edition=edition, service=ServiceFactory(name="Tawaran tersembunyi"), is_published=False
    )

    response = client.get(reverse("services:list"))

    assert "Kartu Identitas Anak (KIA)" in text(response)
    assert kia.get_absolute_url() in text(response)
    assert "Layanan tersembunyi" not in text(response)
    assert "Tawaran tersembunyi" not in text(response)


def test_service_list_in_english(client, edition, kia):
    response = client.get("/en/layanan/")

    assert "Child Identity Card (KIA)" in text(response)
    assert "<h1>One-stop service</h1>" in text(response)


@pytest.mark.parametrize("count", [10, 200])
def test_service_list_uses_the_same_queries_whatever_the_size(
    client, edition, count, django_assert_num_queries
):
    OfferingFactory.create_batch(count, edition=edition)
    client.get(reverse("services:list"))  # warm the edition cache

    with django_assert_num_queries(1):
        response = client.get(reverse("services:list"))

    assert text(response).count('class="card"') == count


@pytest.mark.parametrize("count", [10, 500])
def test_service_detail_uses_the_same_queries_whatever_the_number_of_requirements(
    client, edition, kia, count, django_assert_num_queries
):
    RequirementFactory.create_batch(count, offering=kia)
    ProcedureStepFactory.create_batch(count, offering=kia)
    ComplaintChannelFactory.create_batch(count, edition=edition)
    client.get(kia.get_absolute_url())

    # The offering, its requirements, its steps, the edition's local complaint channels, the
    # service's satisfaction index, its desk's days taking bookings (services.queue).
    with django_assert_num_queries(6):
        response = client.get(kia.get_absolute_url())

    page = text(response)
    assert page.count("Persyaratan ") >= count
    assert page.count("Langkah ") == count and page.count("Saluran ") >= count


def test_service_detail_reads_like_a_start_page(client, edition, kia, frozen):
    response = client.get(kia.get_absolute_url())
    page = text(response)

    assert "<h1>Kartu Identitas Anak (KIA)</h1>" in page
    assert "Yang perlu dibawa" in page
    assert "Anak usia 5 sampai 17 tahun" in page and "Pas foto anak 2 x 3" in page
    # No fee known: the page says to ask, never a number.
    assert "<h3>Biaya/tarif</h3> <p>Belum ditetapkan panitia. Tanyakan di meja layanan.</p>" in page
    assert "Jam layanan akan diumumkan panitia." in page
    assert reverse("services:request", args=["kia"]) in page
    assert "Mulai permohonan" in page


def test_service_detail_has_no_start_button_when_requests_are_closed(client, edition, frozen):
    offering = OfferingFactory(edition=edition, requests_open=False)

    page = text(client.get(offering.get_absolute_url()))

    assert "Mulai permohonan" not in page
    assert "datang langsung ke meja layanan" in page


def test_service_detail_has_no_start_button_after_the_festival(client, edition, kia, frozen):
    frozen.move_to("2026-12-17 09:00+07:00")

    page = text(client.get(kia.get_absolute_url()))

    assert "Mulai permohonan" not in page and "Lacak permohonan" not in page
    assert "Layanan di festival 2026" in page
    closed = client.get(reverse("services:request", args=["kia"]))
    assert closed.status_code == 200
    assert "Festival 2026 telah berakhir" in text(closed)


def test_service_detail_marks_general_national_requirements(client, edition):
    offering = OfferingFactory(edition=edition, requirements_are_general=True)

    assert "daftar umum menurut aturan nasional" in text(client.get(offering.get_absolute_url()))


def test_unknown_service_is_404(client, edition):
    assert client.get("/layanan/tidak-ada/").status_code == 404


# --- Request: form, check answers, submit, confirmation ------------------------------------------


def kia_post(**changes):
    return {**APPLICANT, **KIA_DETAILS, "step": "check", **changes}


def check(client, data, files=None):
    return client.post(reverse("services:request", args=["kia"]), {**data, **(files or {})})


def answers_token(response) -> str:
    return re.search(r'name="answers" value="([^"]+)"', response.content.decode()).group(1)


def test_request_form_shows_common_and_kia_fields(client, edition, kia, frozen):
    response = client.get(reverse("services:request", args=["kia"]))
    page = text(response)

    for label in [
        "Nama lengkap pemohon",
        "NIK pemohon",
        "Nomor HP",
        "Nama lengkap anak",
        "Tanggal lahir anak",
        "Nomor akta kelahiran anak",
        "Nomor Kartu Keluarga (KK)",
        "Foto kutipan akta kelahiran anak",
    ]:
        assert label in page
    assert "Senin, 14 Desember 2026" in page
    assert response["Cache-Control"] == "private, no-store"


def test_request_form_offers_only_festival_days_not_yet_past(client, edition, kia, frozen):
    frozen.move_to("2026-12-15 08:00+07:00")

    page = text(client.get(reverse("services:request", args=["kia"])))

    assert "14 Desember 2026" not in page
    assert "Selasa, 15 Desember 2026" in page


def test_request_with_errors_keeps_what_was_typed_and_lists_the_errors(
    client, edition, kia, frozen
):
    response = check(client, kia_post(nik="12345", child_name="Ahmad <Fauzi>"))
    page = text(response)

    assert "Ada yang perlu diperbaiki" in page
    assert 'href="#id_nik"' in page
    assert "NIK terdiri dari 16 angka." in page
    assert 'value="Ahmad &lt;Fauzi&gt;"' in page
    assert ServiceRequest.objects.count() == 0


def test_check_answers_shows_the_answers_and_saves_nothing(client, edition, kia, frozen):
    response = check(client, kia_post())
    page = text(response)

    assert "Periksa jawaban Anda" in page
    assert "Ahmad Fauzi" in page and "20 Mei 2019" in page and "3510160101200003" in page
    assert "Selasa, 15 Desember 2026" in page
    assert ServiceRequest.objects.count() == 0


def test_submitting_the_checked_answers_creates_the_request_and_confirms(
    client, edition, kia, frozen
):
    token = answers_token(check(client, kia_post()))

    response = client.post(
        reverse("services:request", args=["kia"]), {"answers": token, "step": "submit"}, follow=True
    )

    service_request = ServiceRequest.objects.get()
    assert service_request.status == ServiceRequest.Status.SUBMITTED
    assert service_request.nik == "3510164101900001"
    assert service_request.phone == "+6281234567890"
    assert service_request.details["child_name"] == "Ahmad Fauzi"
    page = text(response)
    assert "Permohonan terkirim" in page
    assert service_request.display_code in page
    assert "Apa yang terjadi berikutnya" in page
    assert "Pas foto anak 2 x 3" in page  # what to bring
    assert response["Cache-Control"] == "private, no-store"
    assert service_request.history.get().to_status == ServiceRequest.Status.SUBMITTED


def test_submitting_the_same_check_page_twice_gives_one_request(client, edition, kia, frozen):
    token = answers_token(check(client, kia_post()))
    url = reverse("services:request", args=["kia"])

    client.post(url, {"answers": token, "step": "submit"})
    client.post(url, {"answers": token, "step": "submit"})

    assert ServiceRequest.objects.count() == 1


def test_a_forged_check_page_is_refused(client, edition, kia, frozen):
    token = answers_token(check(client, kia_post()))
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    response = client.post(
        reverse("services:request", args=["kia"]), {"answers": forged, "step": "submit"}
    )

    assert response.status_code == 400
    assert "sudah kedaluwarsa" in text(response)
    assert ServiceRequest.objects.count() == 0


def test_change_answers_brings_the_form_back_filled_in(client, edition, kia, frozen):
    token = answers_token(check(client, kia_post()))

    response = client.post(
        reverse("services:request", args=["kia"]), {"answers": token, "step": "edit"}
    )
    page = text(response)

    assert 'value="Ahmad Fauzi"' in page
    assert 'value="3510-LT-20052019-0001"' in page
    assert "Ada yang perlu diperbaiki" not in page


def test_a_photo_is_held_privately_then_attached_on_submit(
    client, edition, kia, frozen, django_capture_on_commit_callbacks
):
    photo = SimpleUploadedFile("akta.jpg", image_bytes(), content_type="image/jpeg")
    url = reverse("services:request", args=["kia"])

    checked = client.post(url, {**kia_post(), "birth_certificate": photo})
    assert "Foto kutipan akta kelahiran anak" in text(checked)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"answers": answers_token(checked), "step": "submit"})

    document = Document.objects.get()
    assert document.kind == "birth_certificate"
    path = Path(document.file.path)
    assert path.is_file()
    assert Path(settings.PRIVATE_MEDIA_ROOT) in path.parents
    assert Path(settings.MEDIA_ROOT) not in path.parents
    held = Path(settings.PRIVATE_MEDIA_ROOT) / "services" / "held"
    assert not any(held.iterdir())


def test_a_photo_survives_changing_the_answers(client, edition, kia, frozen):
    photo = SimpleUploadedFile("kk.jpg", image_bytes(), content_type="image/jpeg")
    url = reverse("services:request", args=["kia"])
    checked = client.post(url, {**kia_post(), "kk": photo})

    edit = client.post(url, {"answers": answers_token(checked), "step": "edit"})
    assert "Foto sudah kami terima" in text(edit)
    held = re.search(r'name="held" value="([^"]+)"', edit.content.decode()).group(1)
    rechecked = client.post(url, {**kia_post(child_name="Ahmad F."), "held": held})
    client.post(url, {"answers": answers_token(rechecked), "step": "submit"})

    service_request = ServiceRequest.objects.get()
    assert service_request.details["child_name"] == "Ahmad F."
    assert service_request.documents.get().kind == "kk"


def test_a_bad_photo_is_an_error_in_the_form(client, edition, kia, frozen):
    fake = SimpleUploadedFile("ktp.jpg", b"not an image at all", content_type="image/jpeg")

    response = check(client, kia_post(), {"ktp": fake})

    assert "bukan gambar yang dapat dibaca" in text(response)
    assert ServiceRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("service_fixture", "details", "stored"),
    [
        (
            "pbb",
            {"nop": "351001000100100010", "tax_year": "2025"},
            {"nop": "35.10.010.001.001-0001.0", "tax_year": 2025},
        ),
        (
            "levy",
            {"levy_kind": "Retribusi pasar", "levy_reference": "SKRD 12"},
            {"levy_kind": "Retribusi pasar"},
        ),
    ],
)
def test_each_service_saves_its_own_details(
    client, edition, frozen, request, service_fixture, details, stored
):
    offering = request.getfixturevalue(service_fixture)
    url = reverse("services:request", args=[offering.service.slug])

    checked = client.post(url, {**APPLICANT, **details, "step": "check"})
    client.post(url, {"answers": answers_token(checked), "step": "submit"})

    saved = ServiceRequest.objects.get()
    assert saved.offering == offering
    assert stored.items() <= saved.details.items()


def test_business_request_saves_the_kecamatan(client, edition, siup, kecamatan, frozen):
    url = reverse("services:request", args=["siup"])
    data = {
        **APPLICANT,
        "business_name": "UD Maju",
        "legal_form": "perorangan",
        "business_address": "Jl. Raya 2",
        "kecamatan": kecamatan.pk,
        "step": "check",
    }

    checked = client.post(url, data)
    assert "UD Maju" in text(checked) and "Banyuwangi" in text(checked)
    client.post(url, {"answers": answers_token(checked), "step": "submit"})

    assert ServiceRequest.objects.get().details["kecamatan_code"] == "35.10.16"


def test_request_posts_are_rate_limited(client, edition, kia, frozen):
    url = reverse("services:request", args=["kia"])
    for _ in range(20):
        client.post(url, kia_post(nik="1"))

    response = client.post(url, kia_post())

    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in text(response)


def test_confirmation_page_needs_the_submitting_session(client, edition, kia):
    response = client.get(reverse("services:submitted", args=["kia"]))

    assert response.status_code == 302
    assert response["Location"] == kia.get_absolute_url()


# --- Tracking ----------------------------------------------------------------------------------


def track(client, code, phone):
    return client.post(reverse("services:track"), {"code": code, "phone": phone})


def test_tracking_shows_status_history_and_notes_with_data_masked(client, edition, kia):
    service_request = ServiceRequestFactory(offering=kia, code="ACDE3479")
    domain.change_request_status(
        service_request=service_request, to_status="needs_correction", note="Bawa KK asli."
    )

    response = track(client, "acde-3479", "0812 3456 7890")
    page = text(response)

    assert "Perlu perbaikan" in page
    assert "Bawa KK asli." in page
    assert "Diterima" not in page or "Perlu perbaikan" in page
    assert "3510••••••••0001" in page
    assert "••••••••7890" in page
    assert "3510164101900001" not in page and "Siti Aminah" not in page
    assert response["Cache-Control"] == "private, no-store"


NOT_FOUND = "tidak cocok dengan permohonan mana pun"


def test_tracking_with_a_wrong_code_or_wrong_phone_gives_the_same_message(client, edition, kia):
    ServiceRequestFactory(offering=kia, code="ACDE3479")

    wrong_phone = track(client, "ACDE3479", "081234561111")
    wrong_code = track(client, "ACDE3477", "081234567890")

    def message(response):
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text(response))
        return re.sub(r'name="(code|phone)" value="[^"]*"', "", page)

    assert NOT_FOUND in message(wrong_phone)
    assert message(wrong_phone) == message(wrong_code)
    assert wrong_phone.status_code == wrong_code.status_code == 200


def test_tracking_with_the_last_digits_in_another_script_finds_the_request(client, edition, kia):
    # Found by tests/site/test_hostile_input.py: "٧٨٩٠" passed the form's \\d{4} and made
    # secrets.compare_digest raise TypeError (a 500) for an existing code.
    ServiceRequestFactory(offering=kia, code="ACDE3479")

    arabic = track(client, "ACDE3479", "٠٨١٢٣٤٥٦٧٨٩٠")
    devanagari_wrong = track(client, "ACDE3479", "०८१२३४५६११११")

    assert "ACDE-3479" in text(arabic)
    assert NOT_FOUND in text(devanagari_wrong)


def test_tracking_is_rate_limited_per_client(client, edition, kia):
    ServiceRequestFactory(offering=kia, code="ACDE3479")
    for n in range(10):
        track(client, f"AAAA{n:04d}", "081200000000")

    response = track(client, "ACDE3479", "081234567890")

    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in text(response)
    assert "Perlu perbaikan" not in text(response)


def test_tracking_is_rate_limited_per_code_across_clients(client, edition, kia):
    ServiceRequestFactory(offering=kia, code="ACDE3479")
    for n in range(10):
        client.post(
            reverse("services:track"),
            {"code": "ACDE3479", "phone": f"08120000{n:04d}"},
            REMOTE_ADDR=f"10.0.0.{n}",
        )

    response = client.post(
        reverse("services:track"),
        {"code": "ACDE3479", "phone": "081234567890"},
        REMOTE_ADDR="10.0.0.99",
    )

    assert response.status_code == 429


def test_tracking_an_erased_request_finds_nothing(client, edition, kia, frozen):
    ServiceRequestFactory(offering=kia, code="ACDE3479")
    frozen.shift(60)
    domain.erase_personal_data(domain.clock.now())

    assert NOT_FOUND in text(track(client, "ACDE3479", "081234567890"))


def test_tracking_page_in_english(client, edition, kia):
    ServiceRequestFactory(offering=kia, code="ACDE3479")

    page = text(client.post("/en/layanan/lacak/", {"code": "ACDE3479", "phone": "081234567890"}))

    assert "Received" in page
    assert "Child Identity Card (KIA)" in page


# --- Documents -----------------------------------------------------------------------------------


@pytest.fixture
def document(kia, frozen):
    content = clean_document(ContentFile(image_bytes(), name="x.jpg"))
    service_request = domain.submit_request(
        offering=kia,
        applicant_name="Siti",
        nik="3510164101900001",
        phone="+6281234567890",
        details={},
        preferred_day=ServiceRequestFactory.build().preferred_day,
        documents={"ktp": content},
    )
    return service_request.documents.get()


def test_document_is_not_served_to_anonymous_visitors(client, edition, document):
    response = client.get(document.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_document_is_refused_to_staff_without_the_permission(client, edition, document):
    user = User.objects.create_user("panitia", password="x", is_staff=True)
    client.force_login(user)

    response = client.get(document.get_absolute_url())

    assert response.status_code == 403
    assert b"RIFF" not in response.content


def test_document_is_served_privately_to_desk_staff(client, edition, document):
    user = User.objects.create_user("petugas", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=DESK_STAFF))
    client.force_login(user)

    response = client.get(document.get_absolute_url())

    body = b"".join(response.streaming_content)
    assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/webp"


def test_document_file_is_outside_the_public_media_root(client, edition, document):
    path = Path(document.file.path).resolve()

    assert not str(path).startswith(str(Path(settings.MEDIA_ROOT).resolve()))
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404
    assert re.fullmatch(r"services/documents/[0-9a-f]{32}\.webp", document.file.name)


def test_desk_staff_group_can_view_documents_but_organisers_cannot():
    desk = Group.objects.get(name=DESK_STAFF)
    codenames = set(desk.permissions.values_list("codename", flat=True))

    assert {"view_servicerequest", "change_servicerequest", "view_document"} <= codenames
    assert "change_service" not in codenames
    assert not Permission.objects.filter(group__name="Panitia", codename="view_document").exists()


# --- Sitemap -------------------------------------------------------------------------------------


def test_sitemap_lists_service_pages_in_both_languages(client, edition, kia):
    body = client.get("/sitemap.xml").content.decode()

    assert "/layanan/kia/" in body
    assert "/en/layanan/kia/" in body


def test_a_service_closed_for_requests_has_no_form_and_no_start_button(client, edition, frozen):
    closed = OfferingFactory(
        edition=edition, service=ServiceFactory(slug="tutup"), requests_open=False
    )

    detail = text(client.get(closed.get_absolute_url()))
    form = client.get(reverse("services:request", args=["tutup"]))
    posted = client.post(reverse("services:request", args=["tutup"]), kia_post())

    assert "Mulai permohonan" not in detail
    assert form.status_code == 200 and "tidak menerima permohonan daring" in text(form)
    assert 'name="nik"' not in text(form)
    assert posted.status_code == 403 and "tidak menerima permohonan daring" in text(posted)
    assert not ServiceRequest.objects.exists()


def test_a_service_without_an_online_form_has_no_request_page(client, edition, frozen):
    OfferingFactory(
        edition=edition,
        service=ServiceFactory(slug="langsung", form_kind="none"),
        requests_open=False,
    )

    assert client.get(reverse("services:request", args=["langsung"])).status_code == 404


# --- Uploads: bounded work, clear refusals -------------------------------------------------------


def test_photos_over_the_request_budget_are_refused_in_the_page_keeping_what_was_typed(
    client, edition, kia, frozen, monkeypatch
):
    from services import uploads

    monkeypatch.setattr(uploads, "MAX_REQUEST_PIXELS", 2 * 120 * 80)
    photos = {
        kind: SimpleUploadedFile(f"{kind}.png", image_bytes(fmt="PNG"), content_type="image/png")
        for kind in ("birth_certificate", "kk", "ktp")
    }

    held = Path(settings.PRIVATE_MEDIA_ROOT) / "services" / "held"
    held_before = set(held.iterdir()) if held.exists() else set()

    response = check(client, kia_post(), photos)
    page = text(response)

    assert "bersama-sama terlalu besar" in page
    assert 'value="Ahmad Fauzi"' in page and 'value="Siti Aminah"' in page
    assert 'name="answers"' not in page
    assert (set(held.iterdir()) if held.exists() else set()) == held_before


def test_an_expired_held_photo_is_asked_for_again_not_promised(client, edition, kia, frozen):
    from services import uploads

    photo = SimpleUploadedFile("kk.jpg", image_bytes(), content_type="image/jpeg")
    url = reverse("services:request", args=["kia"])
    checked = client.post(url, {**kia_post(), "kk": photo})
    for path in Path(settings.PRIVATE_MEDIA_ROOT, uploads.HELD_DIR).iterdir():
        path.unlink()  # what release_expired_uploads does once the page has expired

    edit = client.post(url, {"answers": answers_token(checked), "step": "edit"})

    assert "Foto sudah kami terima" not in text(edit)


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(client, edition, settings):
    settings.MAX_REQUEST_BODY = 1000

    response = client.generic(
        "POST",
        reverse("services:track"),
        b"code=ACDE3479&phone=081234567890&" + b"x" * 1000,
        content_type="application/x-www-form-urlencoded",
    )
    english = client.generic(
        "POST", "/en/layanan/lacak/", b"x" * 1001, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 413
    assert "Kiriman terlalu besar" in text(response)
    assert "1000 bytes" in text(response) or "1000 bita" in text(response)
    assert english.status_code == 413
    assert "too large" in text(english).lower()
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_request_body_within_the_limit_reaches_the_page(client, edition, kia, settings):
    settings.MAX_REQUEST_BODY = 100_000
    ServiceRequestFactory(offering=kia, code="ACDE3479")

    response = track(client, "ACDE3479", "7890")

    assert response.status_code == 200
    assert "ACDE-3479" in text(response)


# --- The private tracking link ------------------------------------------------------------------


def test_private_tracking_link_shows_the_request_without_code_or_phone(client, edition, kia):
    service_request = ServiceRequestFactory(offering=kia, code="ACDE3479")

    response = client.get(service_request.get_tracking_url())
    page = text(response)

    assert "ACDE-3479" in page and "Diterima" in page
    assert "••••••••7890" in page and "3510164101900001" not in page
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert len(service_request.tracking_secret) >= 43


def test_private_tracking_link_works_when_strangers_exhausted_the_codes_lookups(
    client, edition, kia
):
    service_request = ServiceRequestFactory(offering=kia, code="ACDE3479")
    for n in range(30):
        client.post(
            reverse("services:track"),
            {"code": "ACDE3479", "phone": f"08120000{n:04d}"},
            REMOTE_ADDR=f"10.0.1.{n}",
        )
    assert track(client, "ACDE3479", "081234567890").status_code == 429

    response = client.get(service_request.get_tracking_url())

    assert response.status_code == 200
    assert "ACDE-3479" in text(response)


def test_a_wrong_or_erased_private_link_is_404(client, edition, kia, frozen):
    erased = ServiceRequestFactory(offering=kia, code="ACDE3479")
    frozen.shift(60)
    domain.erase_personal_data(domain.clock.now())

    assert client.get(reverse("services:track-private", args=["x" * 43])).status_code == 404
    assert client.get(erased.get_tracking_url()).status_code == 404


def test_the_tracking_fallback_needs_the_whole_phone_number(client, edition, kia):
    ServiceRequestFactory(offering=kia, code="ACDE3479")

    last_four = track(client, "ACDE3479", "7890")

    assert "Diterima" not in text(last_four)
    assert "Permohonan ACDE-3479" not in text(last_four)


def test_confirmation_page_gives_the_private_tracking_link(client, edition, kia, frozen):
    url = reverse("services:request", args=["kia"])
    checked = client.post(url, kia_post())
    client.post(url, {"answers": answers_token(checked), "step": "submit"})

    page = text(client.get(reverse("services:submitted", args=["kia"])))

    link = ServiceRequest.objects.get().get_tracking_url()
    assert f'href="{link}"' in page
    assert f"{settings.SITE_URL}{link}" in page


def test_status_email_carries_the_private_tracking_link(
    edition, kia, mailoutbox, django_capture_on_commit_callbacks
):
    service_request = ServiceRequestFactory(offering=kia, code="ACDE3479", email="siti@example.id")

    with django_capture_on_commit_callbacks(execute=True):
        domain.change_request_status(service_request=service_request, to_status="in_process")

    assert f"{settings.SITE_URL}{service_request.get_tracking_url()}" in mailoutbox[0].body
