"""Every photo upload takes what the README says: JPEG (MPO, the multi-picture JPEG of some
phone cameras, included: its first picture is the photo), PNG and WebP; GIF is refused with a
message that lists what to upload. Innovation photos (admin) and applicants' documents."""

import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from innovations.forms import PhotoForm
from innovations.models import Photo
from services import uploads
from tests.innovations.factories import InnovationFactory

pytestmark = pytest.mark.django_db

RED, BLUE = (200, 30, 30), (30, 30, 200)
REFUSED = (
    "Format gambar tidak didukung. Unggah foto JPEG (termasuk MPO dari kamera HP), PNG, atau WebP."
)


def gif(*, animated: bool) -> SimpleUploadedFile:
    out = io.BytesIO()
    frames = [Image.new("RGB", (64, 48), RED), Image.new("RGB", (64, 48), BLUE)]
    if animated:
        frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    else:
        frames[0].save(out, format="GIF")
    return SimpleUploadedFile("foto.gif", out.getvalue(), content_type="image/gif")


def mpo() -> SimpleUploadedFile:
    """Two pictures in one file, as a phone's dual camera writes (the first one red)."""
    out = io.BytesIO()
    first, second = Image.new("RGB", (64, 48), RED), Image.new("RGB", (64, 48), BLUE)
    first.save(out, format="MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(out.getvalue())).format == "MPO"
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


def close_to(colour, expected) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(colour, expected, strict=False))


def photo_form(upload) -> PhotoForm:
    form = PhotoForm(data={"alt": "Stan inovasi", "order": 0}, files={"upload": upload})
    form.instance.innovation = InnovationFactory()
    return form


@pytest.mark.parametrize("animated", [False, True])
def test_innovation_photo_refuses_a_gif_and_says_what_to_upload(animated):
    form = photo_form(gif(animated=animated))

    assert not form.is_valid()
    assert form.errors["upload"] == [REFUSED]
    assert Photo.objects.count() == 0


def test_innovation_photo_takes_an_mpo_as_its_first_picture():
    form = photo_form(mpo())

    assert form.is_valid(), form.errors
    photo = form.save()
    with photo.image_small.open("rb") as fh:
        small = Image.open(io.BytesIO(fh.read()))
    assert small.format == "WEBP"
    assert close_to(small.convert("RGB").getpixel((5, 5)), RED)


@pytest.mark.parametrize("animated", [False, True])
def test_service_document_refuses_a_gif_and_says_what_to_upload(animated):
    with pytest.raises(ValidationError) as error:
        uploads.clean_document(gif(animated=animated))

    assert error.value.code == "image_format"
    assert error.value.messages == [REFUSED]


def test_service_document_takes_an_mpo_as_its_first_picture():
    cleaned = uploads.clean_document(mpo())

    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "WEBP"
    assert (cleaned.width, cleaned.height) == (64, 48)
    assert close_to(image.convert("RGB").getpixel((5, 5)), RED)


@time_machine.travel("2016-12-01 10:00+07:00", tick=False)  # requests open for the 2016 edition
def test_the_request_form_shows_the_gif_refusal_to_the_applicant(client, festival_content):
    data = {
        "applicant_name": "Siti Aminah",
        "nik": "3510 1641 0190 0001",
        "phone": "0812-3456-7890",
        "preferred_day": "",
        "step": "check",
        "ktp": gif(animated=True),
    }

    response = client.post("/layanan/kia/ajukan/", data)

    assert response.status_code == 200
    assert "Format gambar tidak didukung" in response.content.decode()
    assert "termasuk MPO dari kamera HP" in response.content.decode()
    assert "answers" not in response.context
