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
from django.core.cache import cache
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from festival.models import Edition
from festival.sitewide.models import Kecamatan, Village
from innovations.models import Innovation
from services.models import Document, ServiceRequest, StatusChange
from tests.site.pages import public_pages
from workshops.models import Registration, Workshop

WIB = datetime.timezone(datetime.timedelta(hours=7))
WORKSHOP_URL = "/workshop/workshop-pelayanan-publik/daftar/"


def examples(n: int):
    return hypothesis_settings(
        max_examples=n,
        deadline=None,
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
            "child_birth_date": "2019-05-20",
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
        return {"nop": "35.10.010.001.001-0001.0", "tax_year": "2025"}
    return {"levy_kind": "Retribusi pasar", "levy_reference": "RP/2026/001"}


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
    assert response.context["page_obj"].number >= 1


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
        response = client.post(WORKSHOP_URL, mutate(data, changes, extra, scripts))
        assert_safe(response)
        after = counts()
        if response.status_code == 302:
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
    assert counts() == before
    assert private_files() == files_before
