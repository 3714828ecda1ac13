"""What services/uploads.py promises about applicants' document photos: only real images
within the limits, turned upright, re-encoded without metadata, kept privately under random
names, and never a file that is not a held photo touched."""

import datetime
import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from services import uploads
from tests.services.factories import image_bytes

HELD = Path(settings.PRIVATE_MEDIA_ROOT) / uploads.HELD_DIR


@pytest.fixture(autouse=True)
def _no_held_photo_left():
    """Other tests check that the held folder ends empty: leave nothing there."""
    yield
    for path in HELD.glob("*") if HELD.exists() else []:
        path.unlink()


def upload(data: bytes, name="ktp.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def opened(content: ContentFile) -> Image.Image:
    content.seek(0)
    return Image.open(io.BytesIO(content.read()))


# --- clean_document ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_clean_document_turns_a_real_photo_into_webp(fmt):
    cleaned = uploads.clean_document(upload(image_bytes(fmt=fmt, size=(120, 80))))

    image = opened(cleaned)
    assert image.format == "WEBP"
    assert image.size == (120, 80) == (cleaned.width, cleaned.height)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4 not an image",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        image_bytes()[:200],  # a JPEG cut short
        b"",
    ],
)
def test_clean_document_refuses_what_is_not_a_readable_image(data):
    with pytest.raises(ValidationError) as error:
        uploads.clean_document(upload(data))

    assert error.value.code == "image_invalid"
    assert "bukan gambar yang dapat dibaca" in error.value.messages[0]


def test_clean_document_refuses_a_file_over_the_byte_limit_before_reading_it():
    too_big = upload(b"\xff" * (uploads.MAX_DOCUMENT_BYTES + 1))

    with pytest.raises(ValidationError) as error:
        uploads.clean_document(too_big)

    assert error.value.code == "image_too_large"
    assert "terlalu besar" in error.value.messages[0]


def test_clean_document_refuses_more_pixels_than_the_limit_before_decoding():
    out = io.BytesIO()
    # 6000 × 5001 = 30,006,000 pixels, one over the limit's worth of rows; a few KB as PNG.
    Image.new("1", (6000, 5001)).save(out, format="PNG")

    with pytest.raises(ValidationError) as error:
        uploads.clean_document(upload(out.getvalue(), "bom.png", "image/png"))

    assert error.value.code == "image_too_many_pixels"
    assert "30 juta piksel" in error.value.messages[0]


def test_clean_document_turns_a_sideways_photo_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways, to be shown rotated by 90°

    cleaned = uploads.clean_document(upload(image_bytes(size=(120, 80), exif=exif)))

    assert opened(cleaned).size == (80, 120)


def test_clean_document_keeps_no_metadata():
    exif = Image.Exif()
    exif[0x010F] = "Pabrikan kamera"  # Make
    exif[0x8825] = {1: "S", 2: (8.0, 13.0, 0.0)}  # GPS IFD: where the photo was taken
    jpeg = image_bytes(size=(120, 80), exif=exif)
    assert Image.open(io.BytesIO(jpeg)).getexif()  # the upload does carry EXIF
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "Rumah Siti, Jl. Raya 2")
    png = io.BytesIO()
    Image.new("RGB", (50, 50)).save(png, format="PNG", pnginfo=text)

    for data in (jpeg, png.getvalue()):
        cleaned = uploads.clean_document(upload(data))
        image = opened(cleaned)
        assert not image.getexif()
        assert not {"exif", "xmp", "icc_profile", "Comment"} & set(image.info)
        cleaned.seek(0)
        raw = cleaned.read()
        assert b"Pabrikan" not in raw and b"Rumah Siti" not in raw


def test_clean_document_narrows_a_wide_photo_to_the_document_width():
    wide = image_bytes(size=(uploads.DOCUMENT_LONGEST_SIDE + 400, 100))

    cleaned = uploads.clean_document(upload(wide))

    assert opened(cleaned).size == (uploads.DOCUMENT_LONGEST_SIDE, 83)


# --- Holding a photo between the form and the check-answers page ---------------------------------


def cleaned_photo() -> ContentFile:
    return uploads.clean_document(upload(image_bytes()))


def test_hold_keeps_the_photo_privately_under_a_random_name():
    first = uploads.hold(cleaned_photo())
    second = uploads.hold(cleaned_photo())

    assert first != second
    for name in (first, second):
        assert re.fullmatch(r"services/held/[0-9a-f]{32}\.webp", name)
        assert uploads.is_held_name(name)
        path = (Path(settings.PRIVATE_MEDIA_ROOT) / name).resolve()
        assert path.is_file()
        assert Path(settings.MEDIA_ROOT).resolve() not in path.parents


def test_open_held_gives_back_the_same_photo():
    photo = cleaned_photo()
    name = uploads.hold(photo)

    content = uploads.open_held(name)

    photo.seek(0)
    assert content.read() == photo.read()


@pytest.mark.parametrize(
    "name",
    [
        "",
        "services/held/../../../settings.py",
        "services/documents/" + "a" * 32 + ".webp",
        "services/held/" + "A" * 32 + ".webp",
        "/etc/passwd",
    ],
)
def test_open_held_refuses_a_name_that_is_not_a_held_photo(name):
    assert not uploads.is_held_name(name)
    assert uploads.open_held(name) is None


def test_open_held_is_none_once_the_photo_is_gone():
    name = uploads.hold(cleaned_photo())

    uploads.release([name])

    assert uploads.open_held(name) is None
    assert not (Path(settings.PRIVATE_MEDIA_ROOT) / name).exists()


def test_release_leaves_files_that_are_not_held_photos():
    storage = storages["private"]
    document = storage.save("services/documents/" + "b" * 32 + ".webp", cleaned_photo())
    held = uploads.hold(cleaned_photo())

    uploads.release([document, held, "services/held/missing.webp"])

    assert storage.exists(document)
    assert not storage.exists(held)
    storage.delete(document)


def test_delete_held_before_deletes_only_photos_held_before_the_moment():
    old = uploads.hold(cleaned_photo())
    recent = uploads.hold(cleaned_photo())
    an_hour_ago = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)).timestamp()
    os.utime(Path(settings.PRIVATE_MEDIA_ROOT) / old, (an_hour_ago, an_hour_ago))

    deleted = uploads.delete_held_before(
        datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=30)
    )

    assert deleted == 1
    assert uploads.open_held(old) is None
    assert uploads.open_held(recent) is not None


# --- Bounded work per request (a worker must not decode three 30-megapixel photos) --------------


def test_clean_document_decodes_a_tall_jpeg_at_reduced_size_and_stores_the_longest_side():
    budget = uploads.new_budget()
    tall = image_bytes(size=(400, 8000))  # 3.2 MP; its longest side is 4 × the stored one

    cleaned = uploads.clean_document(upload(tall), budget=budget)

    # Decoded at 1/4 (100 × 2000), not in full, and stored at 2000 px on the longest side.
    assert budget.limit - budget.left == 100 * 2000
    assert opened(cleaned).size == (100, uploads.DOCUMENT_LONGEST_SIDE)


def test_clean_document_narrows_a_tall_png_to_the_longest_side():
    tall = image_bytes(fmt="PNG", size=(100, uploads.DOCUMENT_LONGEST_SIDE + 400))

    cleaned = uploads.clean_document(upload(tall, "kk.png", "image/png"))

    assert opened(cleaned).size == (83, uploads.DOCUMENT_LONGEST_SIDE)


def test_clean_document_refuses_a_photo_the_request_budget_cannot_pay_before_decoding_it():
    budget = uploads.images.PixelBudget(120 * 80 + 100)
    uploads.clean_document(upload(image_bytes(fmt="PNG"), "a.png", "image/png"), budget=budget)

    with pytest.raises(ValidationError) as error:
        uploads.clean_document(upload(image_bytes(fmt="PNG"), "b.png", "image/png"), budget=budget)

    assert error.value.code == "request_too_many_pixels"
    assert "bersama-sama terlalu besar" in error.value.messages[0]
    assert budget.left == 100  # the refused photo cost nothing


def test_the_request_budget_fits_three_ordinary_phone_photos_in_full():
    # A 12-megapixel PNG (4000 × 3000) cannot be decoded at reduced size: three still fit.
    assert uploads.MAX_REQUEST_PIXELS >= 3 * 4000 * 3000


# --- Held photos expire with the check-answers page ----------------------------------------------


def age(name: str, seconds: int) -> None:
    moment = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=seconds)).timestamp()
    os.utime(Path(settings.PRIVATE_MEDIA_ROOT) / name, (moment, moment))


def test_held_photos_expire_with_the_answers_token():
    from services.answers import AnswersToken

    assert uploads.HELD_SECONDS == AnswersToken.max_age == 2 * 60 * 60


def test_release_expired_deletes_only_photos_older_than_the_check_page():
    expired = uploads.hold(cleaned_photo())
    fresh = uploads.hold(cleaned_photo())
    age(expired, uploads.HELD_SECONDS + 60)
    age(fresh, uploads.HELD_SECONDS - 60)

    deleted = uploads.release_expired()

    assert deleted == 1
    assert not uploads.is_still_held(expired)
    assert uploads.is_still_held(fresh)


def test_release_expired_uploads_command_deletes_expired_held_photos():
    from io import StringIO

    from django.core.management import call_command

    expired = uploads.hold(cleaned_photo())
    age(expired, uploads.HELD_SECONDS + 60)
    out = StringIO()

    call_command("release_expired_uploads", stdout=out)

    assert not uploads.is_still_held(expired)
    assert "1 expired held photo(s) deleted." in out.getvalue()
