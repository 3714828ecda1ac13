import datetime
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.workshops.conftest import NOW
from tests.workshops.factories import RegistrationFactory, WorkshopFactory
from workshops import domain
from workshops.models import Registration

REGISTER = "/workshop/bedah-smart-kampung/daftar/"


def text(response) -> str:
    return response.content.decode()


def register_through_form(client, form_data, **changes):
    return client.post(REGISTER, {**form_data, **changes})


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create_user("petugas", password="x", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="check_in_registration"),
        Permission.objects.get(codename="view_personal_data"),
    )
    client.force_login(user)
    return client


# --- List and detail --------------------------------------------------------------------------


def test_list_shows_seats_left_in_both_languages(client, workshop):
    RegistrationFactory.create_batch(3, workshop=workshop)

    indonesian = text(client.get("/workshop/"))
    english = text(client.get("/en/workshop/"))

    assert "Bedah Smart Kampung" in indonesian and "Tersisa 97 kursi dari 100." in indonesian
    assert "Dissecting Smart Kampung" in english and "97 seats left of 100." in english


def test_detail_says_plainly_when_registration_is_not_yet_open(client, workshop, frozen):
    frozen.move_to(NOW - datetime.timedelta(days=6))

    page = text(client.get(workshop.get_absolute_url()))

    assert "Pendaftaran belum dibuka." in page
    assert REGISTER not in page


def test_detail_says_plainly_when_registration_is_closed(client, workshop, frozen):
    frozen.move_to(NOW + datetime.timedelta(days=6))

    page = text(client.get(workshop.get_absolute_url()))

    assert "Pendaftaran sudah ditutup." in page


def test_register_page_when_full_with_waiting_list_offers_it(client, workshop):
    workshop.capacity = 2
    workshop.save()
    RegistrationFactory.create_batch(2, workshop=workshop)

    page = text(client.get(REGISTER))

    assert "Semua kursi sudah terisi. Anda masih dapat masuk daftar tunggu" in page
    assert "Masuk daftar tunggu</button>" in page


def test_register_page_when_full_without_waiting_list_has_no_form(client, workshop):
    workshop.capacity, workshop.waitlist_size = 1, 0
    workshop.save()
    RegistrationFactory(workshop=workshop)

    page = text(client.get(REGISTER))

    assert "tidak ada daftar tunggu" in page
    assert '<form method="post"' not in page


def test_calendar_file_describes_the_workshop(client, workshop):
    response = client.get(reverse("workshops:calendar", args=[workshop.slug]))

    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Bedah Smart Kampung" in text(response)


# --- Registering --------------------------------------------------------------------------------


def test_register_redirects_to_the_ticket(client, workshop, form_data):
    response = register_through_form(client, form_data)

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/workshop/tiket/{registration.secret}/"
    assert registration.phone == "+6281234567890"
    assert registration.nip == "198609262015052001"
    assert registration.language == "id"


def test_register_in_english_keeps_the_language_for_the_ticket(client, workshop, form_data):
    response = client.post("/en" + REGISTER, form_data)

    assert response["Location"].startswith("/en/workshop/tiket/")
    assert Registration.objects.get().language == "en"


def test_register_with_errors_keeps_what_was_typed_and_summarises(client, workshop, form_data):
    response = register_through_form(client, form_data, phone="0333 123", full_name="Siti <b>")

    page = text(response)
    assert response.status_code == 200
    assert 'class="error-summary"' in page
    assert '<a href="#id_phone">Nomor HP:' in page
    assert 'value="0333 123"' in page
    assert 'value="Siti &lt;b&gt;"' in page
    assert not Registration.objects.exists()


def test_register_errors_are_in_english_on_the_english_page(client, workshop, form_data):
    page = text(client.post("/en" + REGISTER, {**form_data, "phone": "", "consent": ""}))

    assert "There is a problem" in page
    assert "Write your mobile number." in page


def test_register_double_submit_makes_one_registration(client, workshop, form_data):
    first = register_through_form(client, form_data)
    second = register_through_form(client, form_data)

    assert Registration.objects.count() == 1
    assert first["Location"] == second["Location"]


CONFIRMING_WORDS = ("sudah terdaftar", "already registered", "Siti Aminah")


def test_register_duplicate_phone_confirms_nothing_and_saves_nothing(client, workshop, form_data):
    register_through_form(client, form_data)
    registration = Registration.objects.get()

    response = register_through_form(
        client, form_data, token="another-form", nip="", full_name="Orang Lain"
    )
    page = text(client.get(response["Location"]))

    assert response["Location"] == f"/workshop/{workshop.slug}/daftar/cek-email/"
    assert "Periksa email Anda" in page
    assert registration.secret not in page and registration.code not in page
    assert not any(word in page for word in CONFIRMING_WORDS)
    assert Registration.objects.count() == 1


def test_register_duplicate_nip_gets_the_same_neutral_page(client, workshop, form_data):
    register_through_form(client, form_data)

    response = register_through_form(client, form_data, token="t2", phone="0813 0000 0000")

    assert response["Location"] == f"/workshop/{workshop.slug}/daftar/cek-email/"
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("field", ["phone", "nip"])
def test_duplicate_attempt_answer_is_the_same_whether_the_owner_gave_an_email(
    client, workshop, form_data, field
):
    with_email = RegistrationFactory(
        workshop=workshop, phone="+6281234567890", nip="198609262015052001", email="a@b.id"
    )
    without_email = RegistrationFactory(
        workshop=workshop, phone="+6281311112222", nip="198609262015052002", email=""
    )
    attempt = {"phone": "0819 9999 9999", "nip": "19900101 201501 1 003"}

    answers = [
        register_through_form(
            client, form_data, token=f"t-{n}", **{**attempt, field: getattr(owner, field)}
        )
        for n, owner in enumerate([with_email, without_email])
    ]

    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert answers[0].content == answers[1].content
    pages = [client.get(a["Location"]).content for a in answers]
    assert pages[0] == pages[1]
    assert Registration.objects.count() == 2


def test_duplicate_attempt_emails_the_ticket_link_to_the_owner(
    client, workshop, form_data, django_capture_on_commit_callbacks
):
    register_through_form(client, form_data)
    registration = Registration.objects.get()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        register_through_form(
            client, form_data, token="t-stranger", email="orang@lain.id", nip="", full_name="X"
        )

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["siti@example.id"]
    assert registration.secret in sent.body
    assert "mencoba mendaftar workshop ini dengan nomor HP atau NIP Anda" in sent.body


def test_duplicate_attempts_resend_the_link_at_most_three_times_an_hour(
    client, workshop, form_data, django_capture_on_commit_callbacks
):
    register_through_form(client, form_data)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            register_through_form(client, form_data, token=f"t-{n}", nip="")

    assert len(mail.outbox) == 3


def test_register_when_window_closed_meanwhile_says_so(client, workshop, form_data, frozen):
    frozen.move_to(NOW + datetime.timedelta(days=6))

    page = text(register_through_form(client, form_data))

    assert "Pendaftaran sudah ditutup." in page
    assert not Registration.objects.exists()


def test_register_when_full_joins_the_waiting_list_and_says_the_place(client, workshop, form_data):
    workshop.capacity = 1
    workshop.save()
    RegistrationFactory(workshop=workshop)

    response = client.post(REGISTER, form_data, follow=True)

    assert "Anda masuk daftar tunggu di urutan ke-1." in text(response)
    assert "Daftar tunggu, urutan ke-1" in text(response)


@override_settings(RATE_LIMITS={"workshop": (2, 600)})
def test_register_over_the_rate_limit_answers_429_in_the_page(client, workshop, form_data):
    register_through_form(client, form_data, phone="0812 0000 0001", nip="", token="a")
    register_through_form(client, form_data, phone="0812 0000 0002", nip="", token="b")

    response = register_through_form(client, form_data, phone="0812 0000 0003", nip="", token="c")

    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in text(response)
    assert 'value="0812 0000 0003"' in text(response)
    assert Registration.objects.count() == 2


def test_registration_email_has_ticket_link_and_calendar(
    client, workshop, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register_through_form(client, form_data)

    registration = Registration.objects.get()
    message = mail.outbox[0]
    assert message.to == ["siti@example.id"]
    assert registration.code in message.subject
    assert f"/workshop/tiket/{registration.secret}/" in message.body
    assert "Yth. Siti Aminah" in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename == "workshop.ics" and mimetype.startswith("text/calendar")
    assert "SUMMARY:Bedah Smart Kampung" in str(content)


def test_registration_email_is_in_english_for_an_english_registration(
    client, workshop, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en" + REGISTER, form_data)

    message = mail.outbox[0]
    assert message.subject.startswith("Registration confirmed: Dissecting Smart Kampung")
    assert "/en/workshop/tiket/" in message.body


# --- Ticket -----------------------------------------------------------------------------------


def test_ticket_shows_code_status_qr_and_masked_data(client, workshop):
    registration = RegistrationFactory(
        workshop=workshop, phone="+6281234567890", nip="198609262015052001"
    )

    response = client.get(registration.get_absolute_url())

    page = text(response)
    assert registration.code in page and registration.full_name in page
    assert "Terdaftar: kursi Anda sudah dipesan" in page
    assert 'src="data:image/svg+xml' in page
    assert "••••••••7890" in page and "0812-3456-7890" not in page
    assert "198609262015052001" not in page
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_ticket_of_waiting_person_shows_the_place(client, workshop):
    RegistrationFactory(workshop=workshop, status="waitlisted")
    second = RegistrationFactory(workshop=workshop, status="waitlisted")

    page = text(client.get(second.get_absolute_url()))

    assert "Daftar tunggu, urutan ke-2" in page


def test_ticket_with_unknown_secret_is_not_found(client, db):
    assert client.get("/workshop/tiket/tidak-ada/").status_code == 404


@pytest.mark.parametrize("suffix", ["", "batal/"])
def test_ticket_secret_with_a_nul_byte_is_refused(client, db, suffix):
    # Found by tests/site/test_hostile_input.py: PostgreSQL refused the NUL in the lookup (500).
    # Now no view sees it: the site answers 400 (festival.sitewide.middleware).
    response = client.get(f"/workshop/tiket/abc%00def/{suffix}")

    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


def test_check_in_with_a_nul_byte_in_the_secret_is_refused(staff_client, db):
    response = staff_client.post("/workshop/tiket/abc%00def/hadir/")

    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


def test_ticket_shows_no_check_in_button_to_the_public(client, workshop):
    registration = RegistrationFactory(workshop=workshop)

    assert "Catat hadir" not in text(client.get(registration.get_absolute_url()))


def test_cancel_asks_for_confirmation_then_cancels(client, workshop):
    registration = RegistrationFactory(workshop=workshop)
    url = reverse("workshops:cancel", args=[registration.secret])

    confirm_page = text(client.get(url))
    response = client.post(url, follow=True)

    assert "Ya, batalkan" in confirm_page
    assert "Pendaftaran Anda dibatalkan." in text(response)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


# --- Check-in ---------------------------------------------------------------------------------


def test_staff_checks_in_once_and_is_told_the_second_time(staff_client, workshop):
    registration = RegistrationFactory(workshop=workshop, phone="+6281234567890")
    url = reverse("workshops:check-in", args=[registration.secret])

    ticket = text(staff_client.get(registration.get_absolute_url()))
    first = text(staff_client.post(url, follow=True))
    second = text(staff_client.post(url, follow=True))

    assert "Catat hadir</button>" in ticket and "0812-3456-7890" in ticket
    assert f"{registration.full_name} dicatat hadir." in first
    assert "Sudah dicatat hadir pada 20 November 2026" in second
    registration.refresh_from_db()
    assert registration.checked_in_at == NOW


def test_staff_cannot_check_in_a_cancelled_ticket(staff_client, workshop):
    registration = RegistrationFactory(workshop=workshop, status="cancelled")

    page = text(
        staff_client.post(reverse("workshops:check-in", args=[registration.secret]), follow=True)
    )

    assert "tidak dapat dicatat hadir" in page
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_without_permission_is_forbidden(client, workshop):
    registration = RegistrationFactory(workshop=workshop)

    response = client.post(reverse("workshops:check-in", args=[registration.secret]))

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_permission_without_staff_status_is_forbidden(client, workshop):
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("bukan-staf", password="x", is_staff=False)
    user.user_permissions.add(Permission.objects.get(codename="check_in_registration"))
    client.force_login(user)
    registration = RegistrationFactory(workshop=workshop)

    response = client.post(reverse("workshops:check-in", args=[registration.secret]))

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None


# --- Queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 40])
def test_list_uses_a_constant_number_of_queries(client, workshop, size, django_assert_num_queries):
    for _ in range(size):
        RegistrationFactory(workshop=WorkshopFactory())
    client.get("/workshop/")  # warm the edition cache

    with django_assert_num_queries(1):
        response = client.get("/workshop/")

    assert response.content.decode().count('class="card"') == size + 1


@pytest.mark.parametrize("size", [5, 300])
def test_detail_and_ticket_use_a_constant_number_of_queries(
    client, workshop, size, django_assert_num_queries
):
    RegistrationFactory.create_batch(size, workshop=workshop, status="waitlisted")
    ticket = Registration.objects.waitlist().last()
    client.get("/workshop/")  # warm the edition cache

    with django_assert_num_queries(2):  # the workshop with its counts, its sessions
        client.get(workshop.get_absolute_url())
    with django_assert_num_queries(3):  # the ticket, its place in the line, its sessions
        page = text(client.get(ticket.get_absolute_url()))

    assert f"urutan ke-{size}" in page


def test_domain_promotion_after_admin_cancel_is_visible_on_the_ticket(client, workshop):
    workshop.capacity = 1
    workshop.save()
    holder = RegistrationFactory(workshop=workshop)
    waiting = RegistrationFactory(workshop=workshop, status="waitlisted")

    domain.cancel_registration(registration=holder, by=None)

    assert "Terdaftar: kursi Anda sudah dipesan" in text(client.get(waiting.get_absolute_url()))


@pytest.mark.parametrize(
    "path",
    [
        "/workshop/",
        "/workshop/workshop-pelayanan-publik/",
        "/workshop/workshop-pelayanan-publik/daftar/",
    ],
)
def test_pages_stay_under_50_kb_with_every_village_listed(client, frozen, festival_content, path):
    response = client.get(path)

    assert "Workshop Pelayanan Publik" in response.content.decode()
    assert len(response.content) < 50_000


def test_sitemap_lists_workshops_in_both_languages_but_no_ticket(client, workshop):
    registration = RegistrationFactory(workshop=workshop)

    xml = client.get("/sitemap.xml").content.decode()

    assert "/workshop/bedah-smart-kampung/" in xml
    assert "/en/workshop/bedah-smart-kampung/" in xml
    assert registration.secret not in xml


@override_settings(RATE_LIMITS={"workshop": (1, 600)})
def test_cancel_over_the_rate_limit_answers_429_and_keeps_the_ticket(client, workshop):
    first, second = RegistrationFactory.create_batch(2, workshop=workshop)
    client.post(reverse("workshops:cancel", args=[first.secret]))

    response = client.post(reverse("workshops:cancel", args=[second.secret]))

    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in text(response)
    second.refresh_from_db()
    assert second.status == "confirmed"


def state_line(page: str) -> str:
    """The text of the workshop's state paragraph, as a reader sees it."""
    start = page.index('<p class="ws-state')
    paragraph = page[page.index(">", start) + 1 : page.index("</p>", start)]
    return " ".join(re.sub(r"<[^>]+>", "", paragraph).split())


@pytest.mark.parametrize(
    ("arrange", "expected"),
    [
        ("open", "Tersisa 100 kursi dari 100. Pendaftaran ditutup 25 November 2026, 17.00 WIB."),
        (
            "waitlist",
            "Semua kursi sudah terisi. Anda masih dapat masuk daftar tunggu: apabila ada yang "
            "membatalkan, kursinya diberikan sesuai urutan. "
            "Pendaftaran ditutup 25 November 2026, 17.00 WIB.",
        ),
        (
            "full",
            "Semua kursi sudah terisi dan tidak ada daftar tunggu. "
            "Pendaftaran tidak dapat diterima lagi.",
        ),
        (
            "not_yet_open",
            "Pendaftaran belum dibuka. Pendaftaran dibuka 15 November 2026, 17.00 WIB.",
        ),
        ("closed", "Pendaftaran sudah ditutup."),
    ],
)
def test_state_line_says_what_a_person_can_do_and_until_when(
    client, workshop, frozen, arrange, expected
):
    if arrange in ("waitlist", "full"):
        workshop.capacity, workshop.waitlist_size = 1, 50 if arrange == "waitlist" else 0
        workshop.save()
        RegistrationFactory(workshop=workshop)
    elif arrange == "not_yet_open":
        frozen.move_to(NOW - datetime.timedelta(days=6))
    elif arrange == "closed":
        frozen.move_to(NOW + datetime.timedelta(days=6))

    page = text(client.get(workshop.get_absolute_url()))

    assert state_line(page) == expected
    assert (REGISTER in page) is (arrange in ("open", "waitlist"))


def test_staff_cannot_check_in_someone_still_waiting(staff_client, workshop):
    registration = RegistrationFactory(workshop=workshop, status="waitlisted")

    page = text(
        staff_client.post(reverse("workshops:check-in", args=[registration.secret]), follow=True)
    )

    assert "Peserta ini masih di daftar tunggu: tidak dapat dicatat hadir." in page
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_cancel_after_check_in_is_refused_in_the_page(client, workshop):
    registration = RegistrationFactory(workshop=workshop, checked_in_at=NOW)

    response = client.post(reverse("workshops:cancel", args=[registration.secret]), follow=True)

    assert "Tiket yang sudah dicatat hadir tidak dapat dibatalkan." in text(response)
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_cancel_page_is_never_stored_nor_indexed(client, workshop):
    registration = RegistrationFactory(workshop=workshop)

    response = client.get(reverse("workshops:cancel", args=[registration.secret]))

    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_state_line_explains_wib_to_readers_in_both_languages(client, workshop, frozen):
    page_id = text(client.get(workshop.get_absolute_url()))
    page_en = text(client.get("/en" + workshop.get_absolute_url()))

    assert '<abbr title="Waktu Indonesia Barat (UTC+7)">WIB</abbr>' in page_id
    assert '<abbr title="Western Indonesia Time (UTC+7)">WIB</abbr>' in page_en
