import pytest
from django.utils import translation

from workshops.forms import RegistrationForm


def errors_of(data):
    form = RegistrationForm(data)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    "typed", ["0812 3456 7890", "+62 812-3456-7890", "62 812 3456 7890", "081234567890"]
)
def test_phone_in_any_usual_writing_is_stored_as_plus_62(form_data, typed):
    form = errors_of({**form_data, "phone": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+6281234567890"


@pytest.mark.parametrize("typed", ["0333 123456", "+1 555 123 4567", "0812", "08ab34567890"])
def test_phone_not_an_indonesian_mobile_is_refused(form_data, typed):
    form = errors_of({**form_data, "phone": typed})

    assert "phone" in form.errors


def test_nip_with_spaces_is_stored_as_digits(form_data):
    form = errors_of({**form_data, "nip": "19860926 201505 2 001"})

    assert form.cleaned_data["nip"] == "198609262015052001"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1986092620150520", "18 angka"),
        ("19861326 201505 1 001", "tanggal lahir"),
        ("19860926 199005 1 001", "pengangkatan"),
        ("19860926 201505 3 001", "1 (pria) atau 2 (wanita)"),
    ],
)
def test_nip_with_a_broken_structure_is_refused_with_the_reason(form_data, typed, message):
    form = errors_of({**form_data, "nip": typed})

    assert message in form.errors["nip"][0]


def test_nip_may_be_left_empty(form_data):
    form = errors_of({**form_data, "nip": ""})

    assert form.is_valid(), form.errors


def test_village_of_another_kecamatan_is_refused(form_data, other_kecamatan_village):
    form = errors_of({**form_data, "village": str(other_kecamatan_village.pk)})

    assert form.errors["village"] == ["Desa Sukorejo tidak berada di Kecamatan Pesanggaran."]


def test_desa_staff_must_choose_a_village(form_data):
    form = errors_of({**form_data, "village": ""})

    assert "village" in form.errors


def test_kecamatan_staff_need_no_village(form_data):
    form = errors_of({**form_data, "office_kind": "kecamatan", "village": ""})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["village"] is None


def test_kelurahan_staff_choosing_a_desa_is_told(form_data):
    form = errors_of({**form_data, "office_kind": "kelurahan"})

    assert "bukan kelurahan" in form.errors["village"][0]


def test_messages_follow_the_page_language(form_data):
    with translation.override("en"):
        form = errors_of({**form_data, "full_name": "", "consent": ""})
        messages = [str(m) for m in form.errors["full_name"] + form.errors["consent"]]

    assert messages == [
        "Write your full name.",
        "Tick the consent so that we can register you.",
    ]


@pytest.mark.parametrize(
    "name",
    ["A" * 5000, "Ñoño Üñíçødé 🙂", "<script>alert(1)</script>", "Siti\x00Aminah", "\u200b\t\n"],
)
def test_any_typed_name_gives_a_form_answer_not_an_exception(form_data, name):
    form = RegistrationForm({**form_data, "full_name": name})

    valid = form.is_valid()

    assert valid or "full_name" in form.errors


def test_village_choices_are_grouped_per_kecamatan(form_data, other_kecamatan_village):
    html = str(RegistrationForm()["village"])

    assert '<optgroup label="Bangorejo">' in html
    assert '<optgroup label="Pesanggaran">' in html
