"""Hostile input at every public form field, query parameter and path segment.

Property-based (hypothesis): random and crafted values (very long, Unicode of every kind,
control characters and NUL, HTML/JS and SQL fragments, template syntax, wrong types, lists
for scalars, impossible dates, huge and negative numbers, missing and unknown fields, bad
uploads, invalid UTF-8). For each: never a 5xx, the markup never comes back unescaped,
nothing is saved half-way (row counts and the private storage), and a valid submission
still works afterwards. PostgreSQL refuses NUL bytes in text, so CI's PostgreSQL run is
where a NUL that reaches a query shows up as a 500.
"""

import datetime
import io
import itertools
import os
from urllib.parse import quote

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from festival.models import Edition
from festival.sitewide import audit
from festival.sitewide.models import Kecamatan, OpenDataSettings, Village
from innovations.models import Innovation
from services.models import (
    ComplaintChannel,
    Document,
    Offering,
    Service,
    ServiceRequest,
    StatusChange,
)
from services.survey.domain import issue_card_codes
from services.survey.models import SurveyReport
from tests.festival.factories import EditionFactory, booth_plan, place_booths
from tests.queue.factories import TicketFactory
from tests.services.factories import ServiceRequestFactory
from tests.site.htmlform import form_data
from tests.site.pages import a_queue_day, certify, public_pages
from tests.workshops.factories import RegistrationFactory, WorkshopFactory
from workshops.models import Registration, Workshop

WIB = datetime.timezone(datetime.timedelta(hours=7))
WORKSHOP_URL = "/workshop/workshop-pelayanan-publik/daftar/"


def examples(n: int):
    # Derandomised: every run (CI's included) tries the same examples, so a failure
    # reproduces and a pass means the same thing each time.
    return hypothesis_settings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# --- What we throw ---------------------------------------------------------------------

# Markup that must never come back as it was sent (only escaped, or not at all).
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "<iframe src=javascript:alert(1)>",
]
CRAFTED = [
    *MARKUP,
    "javascript:alert(1)",
    "' OR 1=1 --",
    "'; DROP TABLE services_request; --",
    '" OR ""="',
    "1; SELECT pg_sleep(10)",
    "\x00",
    "a\x00b",
    "3510\x001641\x0001900001",
    "\u202e\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd",  # RTL override, Arabic, Hebrew
    "👩‍👩‍👧‍👦🇮🇩🙂",
    "Z\u0351\u0363\u0300\u0301\u0352" * 40,  # combining marks
    "\ufeff\u200b\u200d\u2060",
    "\r\n\t",
    "\x1b[31m\x07\x08\x7f\x85\x9f",
    "\r\nSet-Cookie: x=1",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "9999-12-31",
    "-1",
    "0",
    "1e309",
    "NaN",
    "-inf",
    str(10**40),
    str(-(10**40)),
    "٠٨١٢٣٤٥٦٧٨٩٠",  # Arabic-Indic digits
    "٣٥١٠١٦٤١٠١٩٠٠٠٠١",
    "０８１２３４５６７８９０",  # full-width digits
    "𝟎𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗𝟎",  # mathematical digits
    "١٢٣٤",
    "%00",
    "%ED%A0%80",
    "../../../../etc/passwd",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${7*7}",
    " ",
    "",
    "A" * 10_001,
    "é" * 10_001,
    "🙂" * 10_001,
    "<script>alert(1)</script>" * 450,
    "0812 3456 7890 " * 700,
]
short_text = st.text(max_size=30)
# Decimal digits of any script (Arabic-Indic, full-width, Devanagari…): str.isdigit() and
# regex \d accept them, int() reads them, but they are not the ASCII digits we store.
any_digits = st.text(st.characters(whitelist_categories=("Nd",)), min_size=1, max_size=20)
hostile_text = st.one_of(
    st.sampled_from(CRAFTED),
    short_text,
    any_digits,
    st.tuples(short_text, st.sampled_from(CRAFTED), short_text).map("".join),
)
MISSING = object()
# A field's value: text, a list where one value is expected, a number, or no field at all.
field_value = st.one_of(
    hostile_text,
    hostile_text,
    st.lists(hostile_text, min_size=2, max_size=3),
    st.integers().map(str),
    st.just(MISSING),
)
unknown_field = st.dictionaries(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).map(
        lambda key: f"x-{key}"
    ),
    hostile_text,
    max_size=2,
)


# The zero of other digit scripts: Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali,
# full-width, mathematical bold. A valid number written in them looks valid and is not.
OTHER_ZEROS = [0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10, 0x1D7CE]


def in_script(value: str, zero: int) -> str:
    return "".join(chr(zero + int(ch)) if ch in "0123456789" else ch for ch in value)


def lookalikes(fields: list[str]):
    """Some numeric fields' valid values rewritten in another script's digits."""
    return st.fixed_dictionaries({}, optional={f: st.sampled_from(OTHER_ZEROS) for f in fields})


def mutate(base: dict, changes: dict, extra: dict, scripts: dict | None = None) -> dict:
    data = {**base, **extra}
    for name, zero in (scripts or {}).items():
        data[name] = in_script(str(data.get(name, "")), zero)
    for name, value in changes.items():
        if value is MISSING:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def body(response) -> str:
    return response.content.decode("utf-8", errors="replace")


def shows_code(response, request: ServiceRequest) -> bool:
    """The page shows the request's reference code (written ABCD-2345 or ABCD2345)."""
    return request.code.replace("-", "") in body(response).replace("-", "")


def has_nul(data: dict) -> bool:
    """Whether a request's data holds a NUL, which the site refuses before any view (400)."""
    texts = []
    for key, value in data.items():
        texts.append(key)
        texts.extend(value if isinstance(value, list) else [value])
    return any("\x00" in text for text in texts if isinstance(text, str))


def assert_refused(response) -> None:
    """The 400 page for text the database cannot store."""
    assert response.status_code == 400, body(response)[:2000]
    assert "Permintaan tidak valid" in body(response)


def assert_safe(response) -> None:
    """Not a server error, and no markup payload came back unescaped."""
    assert response.status_code < 500, body(response)[:2000]
    page = body(response)
    for payload in MARKUP:
        assert payload not in page, f"{payload!r} reflected unescaped"


def assert_ascii_numbers(**numbers: str) -> None:
    """Identity numbers are stored in ASCII digits whatever script they were typed in, so
    duplicates, tracking and the desk's searches find them."""
    for name, value in numbers.items():
        assert value.isascii(), f"{name} stored as {value!r}"


def private_files() -> set[str]:
    root = storages["private"].location
    return {
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, names in os.walk(root)
        for name in names
    }


def counts() -> dict[str, int]:
    return {
        "registrations": Registration.objects.count(),
        "requests": ServiceRequest.objects.count(),
        "status_changes": StatusChange.objects.count(),
        "documents": Document.objects.count(),
    }


_phones = itertools.count(10_000_000)


def fresh_phone() -> str:
    return f"0813{next(_phones):08d}"


# --- The site, at a moment when every form is open ---------------------------------------


@pytest.fixture
def site(festival_content, settings):
    """Shipped content, ten days before the festival (registration and requests open),
    rate limits and the workshop's per-office and waiting-list bounds out of the way (the cache
    is also cleared before every example)."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "workshop": (1_000_000, 600)}
    Workshop.objects.update(office_cap=10_000, waitlist_size=1_000_000)
    edition = Edition.objects.get()
    moment = datetime.datetime.combine(
        edition.start_date - datetime.timedelta(days=10), datetime.time(10), tzinfo=WIB
    )
    with time_machine.travel(moment, tick=False):
        yield edition


def workshop_data() -> dict:
    kecamatan = Kecamatan.objects.get(code="35.10.20")
    village = Village.objects.filter(kecamatan=kecamatan, kind="desa").order_by("pk").first()
    return {
        "full_name": "Siti Aminah",
        "nip": "",  # unique per workshop, like the phone
        "position": "Sekretaris Desa",
        "office_kind": "desa",
        "kecamatan": str(kecamatan.pk),
        "village": str(village.pk),
        "phone": fresh_phone(),
        "email": "siti@example.id",
        "consent": "on",
        "token": "",
    }


def applicant_data(edition) -> dict:
    return {
        "applicant_name": "Siti Aminah",
        "nik": "3510 1641 0190 0001",
        "phone": "0812-3456-7890",
        "email": "",
        "preferred_day": (edition.start_date + datetime.timedelta(days=1)).isoformat(),
        "step": "check",
    }


def service_details(slug: str) -> dict:
    if slug == "kia":
        return {
            "child_name": "Ahmad Fauzi",
            "child_birth_date": "2012-05-20",
            "birth_certificate_number": "3510-LT-20052019-0001",
            "kk_number": "3510 1601 0120 0003",
        }
    if slug in ("siup", "tdp"):
        return {
            "business_name": "Toko Kopi Osing",
            "legal_form": "cv",
            "business_address": "Jl. Ahmad Yani 100, Taman Baru",
            "kecamatan": str(Kecamatan.objects.get(code="35.10.20").pk),
        }
    if slug == "pbb":
        return {"nop": "35.10.010.001.001-0001.0", "tax_year": "2016"}
    return {"levy_kind": "Retribusi pasar", "levy_reference": "RP/2016/001"}


SERVICES = ["kia", "siup", "tdp", "pbb", "retribusi"]
_BUSINESS = {"business_name", "legal_form", "business_address", "kecamatan"}
SERVICE_FIELDS = {
    "kia": {"child_name", "child_birth_date", "birth_certificate_number", "kk_number"},
    "siup": _BUSINESS,
    "tdp": _BUSINESS,
    "pbb": {"nop", "tax_year"},
    "retribusi": {"levy_kind", "levy_reference"},
}
SERVICE_FIELDS = {slug: {"nik", "phone", *fields} for slug, fields in SERVICE_FIELDS.items()}


def check_and_submit(client, slug: str, data: dict):
    """The two steps of a valid request; returns the confirmation page."""
    check = client.post(f"/layanan/{slug}/ajukan/", data)
    assert "answers" in check.context, body(check)[:2000]
    return client.post(
        f"/layanan/{slug}/ajukan/",
        {"step": "submit", "answers": check.context["answers"]},
        follow=True,
    )


# --- Query parameters and path segments -----------------------------------------------

QUERY_PARAMS = ["q", "tema", "penghargaan", "instansi", "page", "jenis", "p"]


def test_query_parameters_never_break_a_page(client, site):
    pages = sorted(
        {**public_pages(), "ics": "/jadwal/festival.ics", "sitemap": "/sitemap.xml"}.values()
    )

    @examples(60)
    @given(
        url=st.sampled_from(pages),
        params=st.dictionaries(
            st.sampled_from(QUERY_PARAMS), field_value.filter(lambda v: v is not MISSING)
        ),
        extra=unknown_field,
    )
    def run(url, params, extra):
        cache.clear()
        assert_safe(client.get(url, {**params, **extra}))

    run()
    # The catalogue still filters.
    innovation = Innovation.objects.published().order_by("pk").first()
    page = body(client.get("/inovasi/", {"q": innovation.name}))
    assert innovation.name in page


@examples(25)
@given(
    page=st.one_of(
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.sampled_from(["0", "-1", "last", "1.5", "1e9", "", str(2**63), str(2**64)]),
    )
)
def test_catalogue_page_number_of_any_size_shows_a_page(client, site, page):
    response = client.get("/inovasi/", {"page": page})

    assert response.status_code == 200
    # The one page the nine shipped innovations fill.
    assert response.content.decode().count('class="card__link"') == 9


PATHS = [
    "/inovasi/{}/",
    "/jadwal/{}/",
    "/jadwal/acara/{}.ics",
    "/workshop/{}/",
    "/workshop/{}/daftar/",
    "/workshop/{}/kalender.ics",
    "/workshop/tiket/{}/",
    "/workshop/tiket/{}/batal/",
    "/layanan/{}/",
    "/layanan/{}/ajukan/",
    "/layanan/{}/ajukan/terkirim/",
    "/layanan/dokumen/{}/",
    "/en/inovasi/{}/",
    "/en/workshop/tiket/{}/",
]


def test_path_segments_never_break_a_page(client, site):
    @examples(60)
    @given(
        pattern=st.sampled_from(PATHS),
        segment=st.one_of(hostile_text, st.integers().map(str)).filter(bool),
        method=st.sampled_from(["get", "post"]),
    )
    def run(pattern, segment, method):
        cache.clear()
        before = counts()
        url = pattern.format(quote(segment, safe=""))
        response = getattr(client, method)(url)
        assert_safe(response)
        assert counts() == before

    run()


@pytest.mark.parametrize(
    "url",
    [
        "/inovasi/?q=%ED%A0%80%FF%00&tema=%C0%AF&page=%ED%B0%80",
        "/jadwal/?jenis=%ED%A0%80%00",
        "/inovasi/%ED%A0%80/",
        "/workshop/tiket/%ED%A0%80%00/",
        "/jadwal/%D9%A2%D9%A0%D9%A2%D9%A6-%D9%A1%D9%A2-%D9%A1%D9%A4/",  # Arabic-Indic date
    ],
)
def test_invalid_utf8_and_nul_in_urls_never_break_a_page(client, site, url):
    path, _, query = url.partition("?")

    assert_safe(client.get(path, QUERY_STRING=query))


# --- Workshop registration --------------------------------------------------------------

WORKSHOP_FIELDS = [
    "full_name",
    "nip",
    "position",
    "office_kind",
    "kecamatan",
    "village",
    "phone",
    "email",
    "consent",
    "token",
]


def test_workshop_registration_survives_hostile_values(client, site):
    @examples(70)
    @given(
        changes=st.dictionaries(st.sampled_from(WORKSHOP_FIELDS), field_value, max_size=3),
        extra=unknown_field,
        scripts=lookalikes(["phone", "kecamatan", "village"]),
    )
    def run(changes, extra, scripts):
        cache.clear()
        before = counts()
        data = workshop_data()
        data["nip"] = "19860926 201505 2 001" if "nip" in scripts else ""
        data = mutate(data, changes, extra, scripts)
        response = client.post(WORKSHOP_URL, data)
        assert_safe(response)
        after = counts()
        if has_nul(data):
            assert_refused(response)
            assert after == before
        elif response.status_code == 302:
            # Accepted as valid: exactly one registration, whose ticket shows it escaped.
            assert response["Location"].startswith("/workshop/tiket/")
            assert after == {**before, "registrations": before["registrations"] + 1}
            registration = Registration.objects.order_by("pk").last()
            assert_ascii_numbers(phone=registration.phone, nip=registration.nip)
            assert_safe(client.get(response["Location"]))
        else:
            # Refused: the form again, nothing saved.
            assert response.status_code == 200
            assert after == before

    run()

    before = Registration.objects.count()
    data = workshop_data()
    response = client.post(WORKSHOP_URL, data, follow=True)
    assert Registration.objects.count() == before + 1
    assert "Siti Aminah" in body(response)


@examples(15)
@given(extra=unknown_field)
def test_ticket_cancel_ignores_unknown_fields(client, site, extra):
    cache.clear()
    client.post(WORKSHOP_URL, workshop_data())
    registration = Registration.objects.order_by("pk").last()

    response = client.post(f"{registration.get_absolute_url()}batal/", extra)

    assert_safe(response)
    registration.refresh_from_db()
    if has_nul(extra):
        assert_refused(response)
        assert registration.status == Registration.Status.CONFIRMED
    else:
        assert registration.status == Registration.Status.CANCELLED


# --- Service requests --------------------------------------------------------------------


def test_service_request_survives_hostile_values(client, site):
    @examples(90)
    @given(
        slug=st.sampled_from(SERVICES),
        field_names=st.lists(
            st.sampled_from(
                [
                    "applicant_name",
                    "nik",
                    "phone",
                    "email",
                    "preferred_day",
                    "child_name",
                    "child_birth_date",
                    "birth_certificate_number",
                    "kk_number",
                    "business_name",
                    "legal_form",
                    "business_address",
                    "kecamatan",
                    "nop",
                    "tax_year",
                    "levy_kind",
                    "levy_reference",
                    "held",
                ]
            ),
            min_size=1,
            max_size=3,
            unique=True,
        ),
        values=st.lists(field_value, min_size=3, max_size=3),
        extra=unknown_field,
        scripts=lookalikes(["nik", "phone", "kk_number", "nop", "tax_year", "child_birth_date"]),
        submit=st.booleans(),
    )
    def run(slug, field_names, values, extra, scripts, submit):
        cache.clear()
        before, files_before = counts(), private_files()
        data = mutate(
            {**applicant_data(site), **service_details(slug)},
            dict(zip(field_names, values, strict=False)),
            extra,
            {name: zero for name, zero in scripts.items() if name in SERVICE_FIELDS[slug]},
        )
        url = f"/layanan/{slug}/ajukan/"
        response = client.post(url, data)
        assert_safe(response)
        # Checking the answers saves nothing and, without photos, holds nothing.
        assert counts() == before
        assert private_files() == files_before
        if submit and response.context and "answers" in response.context:
            confirmation = client.post(
                url, {"step": "submit", "answers": response.context["answers"]}, follow=True
            )
            assert_safe(confirmation)
            after = counts()
            assert after["requests"] == before["requests"] + 1
            assert after["status_changes"] == before["status_changes"] + 1
            request = ServiceRequest.objects.order_by("pk").last()
            assert shows_code(confirmation, request)
            assert_ascii_numbers(
                nik=request.nik,
                phone=request.phone,
                kk_number=request.details.get("kk_number", ""),
                nop=request.details.get("nop", ""),
            )

    run()

    before = ServiceRequest.objects.count()
    confirmation = check_and_submit(
        client, "kia", {**applicant_data(site), **service_details("kia")}
    )
    assert ServiceRequest.objects.count() == before + 1
    assert shows_code(confirmation, ServiceRequest.objects.order_by("pk").last())


def test_service_request_steps_refuse_forged_tokens(client, site):
    @examples(40)
    @given(
        slug=st.sampled_from(SERVICES),
        step=st.one_of(st.sampled_from(["check", "edit", "submit"]), hostile_text),
        answers=st.one_of(hostile_text, st.just(MISSING)),
        held=st.one_of(hostile_text, st.just(MISSING)),
    )
    def run(slug, step, answers, held):
        cache.clear()
        before, files_before = counts(), private_files()
        data = mutate({"step": step}, {"answers": answers, "held": held}, {})
        response = client.post(f"/layanan/{slug}/ajukan/", data)
        assert_safe(response)
        assert counts() == before
        assert private_files() == files_before

    run()


def _image_bytes(fmt: str, size=(40, 30), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white").save(out, format=fmt)
    return out.getvalue()


PNG = _image_bytes("PNG")
JPEG = _image_bytes("JPEG")
BAD_FILES = {
    "empty": b"",
    "text": b"Bukan gambar, hanya teks.\n",
    "html": b"<html><script>alert(1)</script></html>",
    "pdf": b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
    "truncated-png": PNG[: len(PNG) // 2],
    "truncated-jpeg": JPEG[: len(JPEG) // 2],
    "png-header-only": PNG[:16],
    "bmp": _image_bytes("BMP"),
    "too-many-pixels": _image_bytes("PNG", size=(6000, 6000), mode="1"),
    "zeros": bytes(2048),
}


def test_document_uploads_refuse_bad_files_and_hold_nothing(
    client, site, django_capture_on_commit_callbacks
):
    @examples(30)
    @given(
        kind=st.sampled_from(["ktp", "kk", "birth_certificate"]),
        bad=st.sampled_from(sorted(BAD_FILES)),
        filename=st.one_of(
            st.sampled_from(
                ["foto.jpg", "../../../etc/passwd.jpg", "<script>alert(1)</script>.png", "a.webp"]
            ),
            short_text.map(lambda name: f"{name}.jpg"),
        ),
        content_type=st.sampled_from(["image/jpeg", "image/png", "text/html", ""]),
    )
    def run(kind, bad, filename, content_type):
        cache.clear()
        before, files_before = counts(), private_files()
        upload = SimpleUploadedFile(filename, BAD_FILES[bad], content_type=content_type)
        data = {**applicant_data(site), **service_details("kia"), kind: upload}
        response = client.post("/layanan/kia/ajukan/", data)
        assert_safe(response)
        assert "answers" not in (response.context or {}), f"{bad} accepted"
        assert counts() == before
        assert private_files() == files_before

    run()

    # A real photo still goes through both steps and lands in the private storage.
    files_before = private_files()
    photo = SimpleUploadedFile("ktp.jpg", JPEG, content_type="image/jpeg")
    data = {**applicant_data(site), **service_details("kia"), "ktp": photo}
    with django_capture_on_commit_callbacks(execute=True):
        check_and_submit(client, "kia", data)
    request = ServiceRequest.objects.order_by("pk").last()
    assert [d.kind for d in request.documents.all()] == ["ktp"]
    assert private_files() - files_before == {request.documents.get().file.name}


# --- Tracking and the admin login --------------------------------------------------------


def test_tracking_survives_hostile_values(client, site):
    created = check_and_submit(client, "pbb", {**applicant_data(site), **service_details("pbb")})
    request = ServiceRequest.objects.order_by("pk").last()
    assert shows_code(created, request)

    @examples(40)
    @given(
        changes=st.dictionaries(st.sampled_from(["code", "phone"]), field_value),
        extra=unknown_field,
        scripts=lookalikes(["phone"]),
    )
    def run(changes, extra, scripts):
        cache.clear()
        before = counts()
        data = mutate({"code": request.code, "phone": "0812-3456-7890"}, changes, extra, scripts)
        response = client.post("/layanan/lacak/", data)
        assert_safe(response)
        assert counts() == before

    run()

    cache.clear()
    found = client.post("/layanan/lacak/", {"code": request.code, "phone": "0812-3456-7890"})
    assert request.service.name in body(found)


def test_admin_login_survives_hostile_values(client, site):
    @examples(25)
    @given(
        changes=st.dictionaries(st.sampled_from(["username", "password", "next"]), field_value),
        extra=unknown_field,
    )
    def run(changes, extra):
        cache.clear()
        response = client.post("/admin/login/", mutate({}, changes, extra))
        assert_safe(response)
        assert "_auth_user_id" not in client.session

    run()


@pytest.mark.parametrize(
    "url",
    [WORKSHOP_URL, "/layanan/kia/ajukan/", "/layanan/lacak/", "/admin/login/"],
)
def test_form_posts_with_invalid_utf8_and_nul_never_break(client, site, url):
    before, files_before = counts(), private_files()
    raw = (
        b"full_name=%ED%A0%80&phone=%FF%FE&nik=%00&applicant_name=a%00b&code=%ED%B0%80"
        b"&phone=%00%00%00%00&username=%C0%AF&password=%ED%A0%80&step=%FF&answers=%00"
        b"&kecamatan=1%00&village=%ED%A0%80&consent=%00&preferred_day=%00"
    )

    response = client.post(url, raw, content_type="application/x-www-form-urlencoded")

    assert_safe(response)
    assert_refused(response)  # the NULs: refused before any view
    assert counts() == before
    assert private_files() == files_before


# --- The admin: every list's filters and search, every add and change form ----------------
#
# As a superuser, who sees every filter, field and action, on every model registered with the
# admin, whatever app it comes from: a model added later is covered without a new test.

ADMIN_MODELS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
# Parameters every list reads besides its filters: search, ordering, page, show all, the
# "incorrect lookup" flag, and the popup ones.
CHANGELIST_PARAMS = ["q", "o", "p", "all", "e", "_to_field", "_popup"]
# Numbers no column holds, written as text.
HUGE = [str(10**40), str(-(10**40)), str(2**63), str(2**31), "1e309", "99999999999999999999.5"]
admin_value = st.one_of(field_value.filter(lambda v: v is not MISSING), st.sampled_from(HUGE))
# Values written into every field of a form at once, so each field's own check meets each.
EVERY_FIELD = [
    "<script>alert(1)</script>' OR 1=1 --",
    str(10**40),
    "\u202e\u0645\u0631\u062d\u0628\u0627 👩‍👩‍👧‍👦 ٣٥١٠ ０８１２ " + "é" * 10_001,
]
# An inline formset's counters, tried on their own below.
COUNTERS = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")


class _Superuser:
    """Enough of a request for a model admin's has_*_permission, at collection time."""

    class user:  # noqa: N801
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


def admin_url(model, view: str, *args) -> str:
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def admin_views(model, model_admin) -> list[str]:
    """The forms the superuser may send for `model`: its list's own form (actions, editable
    columns), and its add and change forms where the admin has them."""
    views = ["changelist"]
    if model_admin.has_add_permission(_Superuser()):
        views.append("add")
    if model_admin.has_change_permission(_Superuser()):
        views.append("change")
    return views


@pytest.fixture
def staff(site, admin_client):
    """The shipped content and, so that every admin page has two rows to show and to copy
    from one to the other: a second edition and workshop, two workshop registrations, two
    service requests, two survey reports and codes, two local complaint channels, two staff
    accounts besides the superuser, an audit entry. Returns the superuser's client."""
    workshop = Workshop.objects.get()
    WorkshopFactory(slug="workshop-kedua")
    second = EditionFactory(
        slug="festival-2027",
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
    )
    for edition in (site, second):
        SurveyReport.objects.create(edition=edition, follow_up_plan="Menambah loket.")
        issue_card_codes(edition=edition, service=Service.objects.get(slug="kia"), count=2)
        ComplaintChannel.objects.create(
            edition=edition, name="Meja pengaduan", contact="Di lokasi", url="https://example.id/"
        )
        place_booths(booth_plan(edition), 2)
    kecamatan = Kecamatan.objects.get(code="35.10.20")
    for registration in RegistrationFactory.create_batch(2, workshop=workshop, kecamatan=kecamatan):
        certify(registration)
    ServiceRequestFactory.create_batch(2, offering=Offering.objects.get(service__slug="kia"))
    petugas = User.objects.create_user("petugas", password="sandi-petugas-1", is_staff=True)
    User.objects.create_user("penjaga-pintu", password="sandi-pintu-1", is_staff=True)
    audit.record(user=petugas, objects=[workshop], message="Ubah kapasitas")
    # Two queue desks, each with a day, and two numbers.
    queue_day = a_queue_day(site, Service.objects.get(slug="kia"))
    a_queue_day(site, Service.objects.get(slug="pbb"), prefix="PBB")
    TicketFactory.create_batch(2, desk_day=queue_day)
    # The open data's settings: one row (its add form closes once it exists).
    OpenDataSettings.objects.create(licence_name="CC BY 4.0")
    return admin_client


def rows(model):
    """The rows a test may edit: every row but the superuser whose client sends the forms."""
    queryset = model._default_manager.order_by("pk")
    return queryset.exclude(username="admin") if model is User else queryset


def snapshot(model) -> list[dict]:
    return list(rows(model).values())


def admin_form(client, model, view: str, obj=None) -> tuple[str, dict]:
    """The form's address and what a browser would send from it unchanged."""
    if view == "changelist":
        url, form_id = admin_url(model, "changelist"), "changelist-form"
    else:
        obj = obj if obj is not None or view == "add" else rows(model).first()
        args = [obj.pk] if view == "change" else []
        url, form_id = admin_url(model, view, *args), f"{model._meta.model_name}_form"
    response = client.get(url)
    assert response.status_code == 200, body(response)[:2000]
    data = form_data(body(response), form_id)
    data.pop("csrfmiddlewaretoken", None)
    if view == "changelist":
        # The list's Save button (its editable columns) and its action bar.
        data.update({"_save": ["Simpan"], "index": ["0"]})
    return url, {key: value[0] if len(value) == 1 else value for key, value in data.items()}


def send_admin_form(client, model, view: str, url: str, data: dict) -> None:
    """What an organiser sees after sending an admin form: saved and sent on (302), or the
    form again with its errors and nothing changed (200), or the refusal of a request no
    form makes (400: a NUL; rows added through a list's editable columns), nothing changed.
    A list answers 200 with nothing changed when it had nothing to save or do (or with an
    action's own page: the CSV export, the delete confirmation)."""
    cache.clear()
    before = snapshot(model)
    response = client.post(url, data)
    where = f"POST {url} ({model._meta.label} {view})"
    assert_safe(response)
    if has_nul(data) or response.status_code == 400:
        assert_refused(response)
        assert snapshot(model) == before, where
    elif response.status_code == 302:
        # Whatever was saved shows escaped on the page the admin goes on to.
        assert_safe(client.get(response["Location"]))
    else:
        assert response.status_code == 200, f"{where}: {body(response)[:2000]}"
        if view != "changelist":
            page = body(response)
            assert 'class="errornote"' in page or 'class="errorlist' in page, where
        assert snapshot(model) == before, where


def test_admin_forms_survive_hostile_values(staff):
    """Every add and change form and every list's own form, as a superuser."""
    client = staff
    for model, model_admin in ADMIN_MODELS:
        for view in admin_views(model, model_admin):
            url, base = admin_form(client, model, view)
            fields = [k for k in base if not k.endswith(COUNTERS)]
            counters = [k for k in base if k.endswith(COUNTERS)]
            # Every field at once holds each kind of hostile value …
            for value in EVERY_FIELD:
                send_admin_form(client, model, view, url, {**base, **dict.fromkeys(fields, value)})
            # … every inline's counters too, and rows the form never offered (a count of
            # 10**40 only makes Django build its limit of a thousand rows, slowly) …
            if counters:
                for value in ["-1", "abc"]:
                    forged = {**base, **dict.fromkeys(counters, value)}
                    send_admin_form(client, model, view, url, forged)
                more = {
                    k: str(int(base[k.replace("-TOTAL_FORMS", "-INITIAL_FORMS")]) + 2)
                    for k in counters
                    if k.endswith("-TOTAL_FORMS")
                }
                send_admin_form(client, model, view, url, {**base, **more})
            # … then a few fields at a time, the others as they were.
            hostile_fields(client, model, view, url, base, fields)


def hostile_fields(client, model, view, url, base, fields):
    @examples(4)
    @given(
        changes=st.dictionaries(
            st.sampled_from(fields),
            st.one_of(admin_value, st.lists(admin_value, min_size=2, max_size=3), st.just(MISSING)),
            min_size=1,
            max_size=3,
        ),
        extra=unknown_field,
    )
    def run(changes, extra):
        send_admin_form(client, model, view, url, mutate(base, changes, extra))

    run()


def test_admin_change_forms_refuse_another_rows_values(staff):
    """Unique values (slugs, codes, names, phones) copied from another row are the form's
    errors, never a database error: into the row's change form, and whole into the add form."""
    for model, model_admin in ADMIN_MODELS:
        views = admin_views(model, model_admin)
        if "change" in views:
            copy_another_row(staff, model, "add" in views)


def copy_another_row(client, model, add: bool) -> None:
    if model is OpenDataSettings:
        return  # one row: there is no other row to copy from
    first, other = rows(model)[:2]
    url, base = admin_form(client, model, "change", first)
    _, copied = admin_form(client, model, "change", other)
    # The row's own fields; its inline rows (`<prefix>-<n>-…`) stay its own.
    own = {k: v for k, v in copied.items() if "-" not in k}
    send_admin_form(client, model, "change", url, {**base, **own})
    if add:
        add_url, add_base = admin_form(client, model, "add")
        send_admin_form(client, model, "add", add_url, {**add_base, **copied})


def changelist_parameters(client, model) -> list[str]:
    """What the model's list reads from its query string: each list filter's parameters,
    the date drill-down's, and the list's own."""
    changelist = client.get(admin_url(model, "changelist")).context["cl"]
    names = [name for spec in changelist.filter_specs for name in spec.expected_parameters()]
    if changelist.date_hierarchy:
        names += [f"{changelist.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return [*names, *CHANGELIST_PARAMS]


def test_admin_list_filters_and_search_survive_hostile_values(staff):
    client = staff
    for model, _model_admin in ADMIN_MODELS:
        url = admin_url(model, "changelist")
        params = changelist_parameters(client, model)
        # Each parameter alone, with a value of each kind in turn …
        kinds = [*CRAFTED[:8], "\x00", *HUGE, "٣٥١٠", "9999", "0", "-1"]
        for n, name in enumerate(params):
            look_at_list(client, url, {name: kinds[n % len(kinds)]})
        # … then several at once.
        hostile_queries(client, url, params)


def hostile_queries(client, url, params):
    @examples(5)
    @given(
        query=st.dictionaries(st.sampled_from(params), admin_value, min_size=1, max_size=4),
        extra=unknown_field,
    )
    def run(query, extra):
        look_at_list(client, url, {**query, **extra})

    run()


def look_at_list(client, url: str, query: dict) -> None:
    cache.clear()
    response = client.get(url, query)
    where = f"GET {url} {query!r}"[:300]
    assert_safe(response)
    page = body(response)
    if has_nul(query):
        assert_refused(response)
    elif response.status_code == 302:
        # A lookup the admin cannot make: the list again, with its "?e=1" notice.
        assert response["Location"].endswith("?e=1"), where
    elif response.status_code == 400:
        # The admin's own refusal of a forged parameter (_to_field), in the site's look.
        assert "Permintaan tidak valid" in page, where
    else:
        assert response.status_code == 200, f"{where}: {page[:2000]}"
        # The list, or (Django's answer to a bad lookup sent with "e" already set) its
        # "database error" page, which changes nothing either.
        assert 'id="changelist"' in page or ("e" in query and "Galat basis data" in page), where
