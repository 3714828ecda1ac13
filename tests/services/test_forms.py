import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from services.forms import (
    ApplicantForm,
    BusinessForm,
    DocumentsForm,
    KiaForm,
    LevyForm,
    PbbForm,
    TrackForm,
)
from tests.services.factories import APPLICANT, KIA_DETAILS, image_bytes

DAYS = [datetime.date(2026, 12, 14), datetime.date(2026, 12, 15), datetime.date(2026, 12, 16)]


def applicant(**changes):
    return ApplicantForm({**APPLICANT, **changes}, days=DAYS)


def test_applicant_form_normalises_real_nik_and_phone():
    form = applicant(phone="+62 812 3456 7890", email="siti@example.id")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["nik"] == "3510164101900001"
    assert form.cleaned_data["phone"] == "+6281234567890"
    assert form.cleaned_data["preferred_day"] == datetime.date(2026, 12, 15)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nik", "351016410190", "NIK terdiri dari 16 angka."),
        ("nik", "3510163213900001", "tanggal lahir"),
        ("phone", "0333 123456", "Nomor HP tidak valid"),
        ("phone", "0812abcd7890", "Nomor HP hanya berisi angka"),
        ("email", "bukan-email", "alamat email"),
        ("preferred_day", "2026-12-20", "Pilih"),
        ("applicant_name", "", "tidak boleh kosong"),
        ("applicant_name", "Siti\x00Aminah", "karakter"),
        ("applicant_name", "Siti\x07Aminah", "karakter yang tidak dapat dipakai"),
        ("applicant_name", "x" * 5000, "paling banyak 200"),
    ],
)
def test_applicant_form_refuses_wrong_values_with_a_message(field, value, message):
    form = applicant(**{field: value})

    assert not form.is_valid()
    assert message.lower() in " ".join(form.errors[field]).lower()


def test_applicant_form_accepts_html_and_unicode_names_as_text():
    form = applicant(applicant_name="<b>Ngurah</b> Rai ᬅᬓ᭄ᬱᬭ")

    assert form.is_valid()
    assert form.cleaned_data["applicant_name"] == "<b>Ngurah</b> Rai ᬅᬓ᭄ᬱᬭ"


def test_applicant_form_messages_in_english_on_english_pages(settings):
    with translation.override("en"):
        form = applicant(nik="123")
        assert not form.is_valid()
        assert "16 digits" in form.errors["nik"][0]


def test_kia_form_stores_details_as_json_safe_values(frozen):
    form = KiaForm(KIA_DETAILS)

    assert form.is_valid(), form.errors
    assert form.to_details() == {
        "child_name": "Ahmad Fauzi",
        "child_birth_date": "2019-05-20",
        "birth_certificate_number": "3510-LT-20052019-0001",
        "kk_number": "3510160101200003",
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("child_birth_date", "2009-12-01", "di bawah 17 tahun"),
        ("child_birth_date", "2027-01-01", "setelah hari ini"),
        ("child_birth_date", "31-02-2020", "tanggal"),
        ("kk_number", "3510 1601 0120", "16 angka"),
        ("kk_number", "35101601012000AB", "16 angka"),
        ("birth_certificate_number", "<script>", "huruf, angka"),
        ("child_name", "", "tidak boleh kosong"),
    ],
)
def test_kia_form_refuses_wrong_values(frozen, field, value, message):
    form = KiaForm({**KIA_DETAILS, field: value})

    assert not form.is_valid()
    assert message.lower() in " ".join(form.errors[field]).lower()


def test_kia_form_accepts_a_child_the_day_before_turning_17(frozen):
    form = KiaForm({**KIA_DETAILS, "child_birth_date": "2009-12-02"})

    assert form.is_valid(), form.errors


def test_business_form_stores_kecamatan_code_and_name(kecamatan):
    form = BusinessForm(
        {
            "business_name": "Toko Sumber Rejeki",
            "legal_form": "cv",
            "business_address": "Jl. Ahmad Yani 1",
            "kecamatan": kecamatan.pk,
        }
    )

    assert form.is_valid(), form.errors
    details = form.to_details()
    assert details["kecamatan"] == "Banyuwangi"
    assert details["kecamatan_code"] == "35.10.16"
    assert ("Bentuk usaha", "Persekutuan Komanditer (CV)") in BusinessForm.describe(details)


def test_business_form_refuses_an_unknown_kecamatan_and_legal_form(kecamatan):
    form = BusinessForm(
        {
            "business_name": "Toko",
            "legal_form": "yayasan",
            "business_address": "Jl. 1",
            "kecamatan": 999999,
        }
    )

    assert not form.is_valid()
    assert set(form.errors) == {"legal_form", "kecamatan"}


@pytest.mark.parametrize(
    "nop", ["35.10.010.001.001-0001.0", "351001000100100010", "35 10 010 001 001 0001 0"]
)
def test_pbb_form_accepts_nop_with_or_without_dots(frozen, nop):
    form = PbbForm({"nop": nop, "tax_year": "2026"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["nop"] == "35.10.010.001.001-0001.0"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"nop": "35.10.010.001.001-0001", "tax_year": "2026"}, "nop", "18 angka"),
        ({"nop": "35.09.010.001.001-0001.0", "tax_year": "2026"}, "nop", "35.10"),
        (
            {"nop": "35.10.010.001.001-0001.0", "tax_year": "2012"},
            "tax_year",
            "antara 2013 dan 2026",
        ),
        (
            {"nop": "35.10.010.001.001-0001.0", "tax_year": "2027"},
            "tax_year",
            "antara 2013 dan 2026",
        ),
        ({"nop": "35.10.010.001.001-0001.0", "tax_year": "dua ribu"}, "tax_year", "bilangan"),
    ],
)
def test_pbb_form_refuses_wrong_nop_and_tax_year(frozen, data, field, message):
    form = PbbForm(data)

    assert not form.is_valid()
    assert message.lower() in " ".join(form.errors[field]).lower()


def test_levy_form_needs_a_kind_and_takes_an_optional_reference():
    assert LevyForm({"levy_kind": "Retribusi pasar", "levy_reference": ""}).is_valid()
    form = LevyForm({"levy_kind": "", "levy_reference": "SKRD/001"})
    assert not form.is_valid()
    assert "levy_kind" in form.errors


def upload(data: bytes, name="ktp.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_documents_form_cleans_a_photo_to_webp_without_metadata():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: stored sideways, shown upright
    exif[0x010F] = "Camera maker with GPS"
    form = DocumentsForm({}, {"ktp": upload(image_bytes(size=(120, 80), exif=exif))}, kinds=["ktp"])

    assert form.is_valid(), form.errors
    cleaned = form.cleaned_documents["ktp"]
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "WEBP"
    assert image.size == (80, 120)  # turned upright
    assert not image.getexif()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not an image", "bukan gambar"),
        (b"GIF89a" + b"\x00" * 10, "bukan gambar"),
    ],
)
def test_documents_form_refuses_what_is_not_an_image(data, message):
    form = DocumentsForm({}, {"ktp": upload(data)}, kinds=["ktp"])

    assert not form.is_valid()
    assert message in form.errors["ktp"][0]


def test_documents_form_refuses_a_file_over_8_mb():
    big = upload(b"\xff" * (8 * 1024 * 1024 + 1))

    form = DocumentsForm({}, {"ktp": big}, kinds=["ktp"])

    assert not form.is_valid()
    assert "terlalu besar" in form.errors["ktp"][0]


def test_documents_form_refuses_too_many_pixels():
    out = io.BytesIO()
    Image.new("1", (8000, 5000)).save(out, format="PNG")  # 40 MP, a few KB

    form = DocumentsForm({}, {"ktp": upload(out.getvalue(), "bom.png", "image/png")}, kinds=["ktp"])

    assert not form.is_valid()
    assert "terlalu besar" in form.errors["ktp"][0].lower()


def test_documents_form_offers_only_the_kinds_of_its_service():
    form = DocumentsForm(kinds=["ktp"])

    assert list(form.fields) == ["ktp"]


@pytest.mark.parametrize(
    ("code", "expected"), [("acde-3479", "ACDE3479"), (" ACDE 3479 ", "ACDE3479")]
)
def test_track_form_normalises_the_code(code, expected):
    form = TrackForm({"code": code, "phone": "081234567890"})

    assert form.is_valid()
    assert form.cleaned_data["code"] == expected


@pytest.mark.parametrize("phone", ["789", "7890", "78a0", "0812-3456-78a0"])
def test_track_form_needs_a_whole_phone_number(phone):
    assert not TrackForm({"code": "ACDE3479", "phone": phone}).is_valid()


def test_kia_form_stores_a_kk_number_typed_in_full_width_digits_in_ascii(frozen):
    # Found by tests/site/test_hostile_input.py (digits of another script were stored as typed).
    form = KiaForm({**KIA_DETAILS, "kk_number": "３５１０ １６０１ ０１２０ ０００３"})

    assert form.is_valid(), form.errors
    assert form.to_details()["kk_number"] == "3510160101200003"
