import re

from django import forms
from django.utils import translation

from festival.sitewide.forms import NIKField, PhoneField


class ContactForm(forms.Form):
    phone = PhoneField(label="Nomor HP", help_text="Contoh: 0812 3456 7890")
    nik = NIKField(label="NIK", required=False)


def test_phone_field_cleans_to_one_normal_form():
    form = ContactForm({"phone": "0812-3456-7890", "nik": ""})

    assert form.is_valid()
    assert form.cleaned_data["phone"] == "+6281234567890"


def test_invalid_field_renders_its_error_tied_to_the_input_and_keeps_what_was_typed():
    form = ContactForm({"phone": "0333 421 000", "nik": "12<script>"})

    html = str(form)

    assert not form.is_valid()
    assert 'id="id_phone_error"' in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="0333 421 000"' in html
    assert "12&lt;script&gt;" in html
    assert 'type="tel"' in html
    assert "(tidak wajib)" in html


def test_field_errors_follow_the_page_language():
    with translation.override("en"):
        form = ContactForm({"phone": "12", "nik": ""})
        html = str(form)

    assert "This mobile number is not valid" in html
    assert "Error:" in html


def test_phone_input_has_one_type_and_it_is_tel():
    html = str(ContactForm()["phone"])

    tag = re.search(r"<input[^>]*>", html).group(0)
    assert re.findall(r'\btype="[^"]*"', tag) == ['type="tel"']
    assert 'autocomplete="tel"' in tag
    assert 'inputmode="tel"' in tag
