import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from festival.sitewide import numbers


@pytest.mark.parametrize(
    "typed",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "+62 812 3456 7890",
        "62812-3456-7890",
        "+62-812-3456-7890",
        " (0812) 3456 7890 ",
    ],
)
def test_normalize_phone_accepts_usual_writings(typed):
    assert numbers.normalize_phone(typed) == "+6281234567890"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("0333 421 000", "phone_invalid"),  # a Banyuwangi landline, not a mobile number
        ("0812345", "phone_invalid"),  # too short
        ("08123456789012345", "phone_invalid"),  # too long
        ("+1 202 555 0100", "phone_country"),
        ("0812-3456-789O", "phone_chars"),
        ("0801234567", "phone_invalid"),  # 080 is not a mobile prefix
    ],
)
def test_normalize_phone_refuses_non_mobile_numbers_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as excinfo:
        numbers.normalize_phone(typed)
    assert excinfo.value.code == code


def test_format_and_mask_phone_show_it_as_people_write_it():
    assert numbers.format_phone("+6281234567890") == "0812-3456-7890"
    assert numbers.mask_phone("+6281234567890") == "••••••••7890"


def test_mask_email_keeps_the_first_letter_and_the_domain():
    assert numbers.mask_email("siti.aminah@contoh.id") == "s•••@contoh.id"
    assert numbers.mask_email("a@b@contoh.id") == "a•••@contoh.id"
    assert (numbers.mask_email("tanpa-at"), numbers.mask_email("")) == ("•••", "")


@pytest.mark.parametrize(
    "nik",
    [
        "3510161203850001",  # man born 12-03-1985 in Kec. Banyuwangi
        "3510165203850002",  # woman: day + 40
        "3578012902000003",  # 29 Feb 2000, born in Surabaya
        "3510 1612 0385 0001",
    ],
)
def test_normalize_nik_accepts_real_structures(nik):
    assert numbers.normalize_nik(nik) == nik.replace(" ", "")


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("351016120385000", "nik_length"),
        ("35101612038500011", "nik_length"),
        ("3510161213850001", "nik_date"),  # month 13
        ("3510163203850001", "nik_date"),  # day 32
        ("3510167203850001", "nik_date"),  # day 72 (woman's 32)
        ("3510163002850001", "nik_date"),  # 30 February
        ("3510161203850000", "nik_invalid"),
        ("35101612O3850001", "nik_length"),
    ],
)
def test_normalize_nik_refuses_wrong_numbers(nik, code):
    with pytest.raises(ValidationError) as excinfo:
        numbers.normalize_nik(nik)
    assert excinfo.value.code == code


def test_mask_nik_keeps_only_region_and_serial():
    assert numbers.mask_nik("3510161203850001") == "3510••••••••0001"


@pytest.mark.parametrize(
    "nip", ["198609262015051001", "19860926 201505 1 001", "19860926-201505-2-001"]
)
def test_normalize_nip_accepts_its_real_structure(nip):
    assert numbers.normalize_nip(nip)[:14] == "19860926201505"


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19860926201505100", "nip_length"),
        ("198613262015051001", "nip_birth"),  # month 13
        ("198602302015051001", "nip_birth"),  # 30 February
        ("198609262015131001", "nip_start"),  # start month 13
        ("198609261990051001", "nip_start"),  # appointed at 3 years old
        ("198609262015053001", "nip_sex"),
        ("198609262015051000", "nip_serial"),
    ],
)
def test_normalize_nip_refuses_wrong_structures(nip, code):
    with pytest.raises(ValidationError) as excinfo:
        numbers.normalize_nip(nip)
    assert excinfo.value.code == code


def test_format_nip_groups_digits_as_written_on_civil_service_cards():
    assert numbers.format_nip("198609262015051001") == "19860926 201505 1 001"


@pytest.mark.parametrize(
    "nop", ["35.10.010.001.001-0001.0", "351001000100100010", "35 10 010 001 001 0001 0"]
)
def test_normalize_nop_returns_the_written_form(nop):
    assert numbers.normalize_nop(nop) == "35.10.010.001.001-0001.0"


@pytest.mark.parametrize(
    ("nop", "code"),
    [("35.10.010.001.001-0001", "nop_length"), ("35.78.010.001.001-0001.0", "nop_region")],
)
def test_normalize_nop_refuses_other_lengths_and_regions(nop, code):
    with pytest.raises(ValidationError) as excinfo:
        numbers.normalize_nop(nop)
    assert excinfo.value.code == code


def test_validation_messages_follow_the_active_language():
    with pytest.raises(ValidationError) as excinfo:
        numbers.normalize_nik("123")
    with translation.override("en"):
        assert excinfo.value.messages == ["A NIK has 16 digits."]
    with translation.override("id"):
        assert excinfo.value.messages == ["NIK terdiri dari 16 angka."]


# Found by tests/site/test_hostile_input.py: numbers typed in another script's digits passed
# the checks (str.isdigit, regex \d) and were stored as typed.
@pytest.mark.parametrize(
    ("normalize", "typed", "expected"),
    [
        (numbers.normalize_phone, "０８１２-３４５６-７８９０", "+6281234567890"),
        (numbers.normalize_phone, "٠٨١٢ ٣٤٥٦ ٧٨٩٠", "+6281234567890"),
        (numbers.normalize_nik, "٣٥١٠ ١٦٤١ ٠١٩٠ ٠٠٠١", "3510164101900001"),
        (numbers.normalize_nip, "१९८६०९२६ २०१५०५ २ ००१", "198609262015052001"),
        (
            numbers.normalize_nop,
            "３５.１０.０１０.００１.００１-０００１.０",
            "35.10.010.001.001-0001.0",
        ),
    ],
)
def test_numbers_in_other_digit_scripts_are_stored_in_ascii(normalize, typed, expected):
    assert normalize(typed) == expected


def test_superscript_digits_are_not_a_phone_number():
    with pytest.raises(ValidationError):
        numbers.normalize_phone("⁰⁸¹²³⁴⁵⁶⁷⁸⁹⁰")
