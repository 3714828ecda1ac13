import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from festival.sitewide import images


def jpeg_upload(size=(640, 480), *, exif=None, name="foto.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG", exif=exif or Image.Exif())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def exif_with_gps_and_rotation():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "KameraHP"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (8.0, 13.0, 0.0)  # latitude of Banyuwangi
    return exif


def test_open_checked_turns_a_photo_upright_by_its_exif_orientation():
    upload = jpeg_upload((640, 480), exif=exif_with_gps_and_rotation())

    image = images.open_checked(upload)

    assert image.size == (480, 640)


def test_encode_keeps_no_metadata_gps_included():
    upload = jpeg_upload(exif=exif_with_gps_and_rotation())
    image = images.open_checked(upload)

    for fmt in ("WEBP", "JPEG"):
        content = images.encode(image, fmt=fmt)
        reopened = Image.open(io.BytesIO(content.read()))
        assert not reopened.getexif(), fmt
        assert "exif" not in reopened.info and "icc_profile" not in reopened.info, fmt
        assert reopened.format == fmt


def test_encode_narrows_to_max_width_keeping_the_ratio():
    image = images.open_checked(jpeg_upload((2000, 1000)))

    content = images.encode(image, max_width=800)

    assert (content.width, content.height) == (800, 400)
    assert Image.open(io.BytesIO(content.read())).size == (800, 400)


def test_open_checked_refuses_a_file_that_is_not_an_image():
    upload = SimpleUploadedFile("ktp.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")

    with pytest.raises(ValidationError) as excinfo:
        images.open_checked(upload)

    assert excinfo.value.code == "image_invalid"


def test_open_checked_refuses_a_file_over_the_byte_limit():
    upload = jpeg_upload((800, 800))

    with pytest.raises(ValidationError) as excinfo:
        images.open_checked(upload, max_bytes=1000)

    assert excinfo.value.code == "image_too_large"


def test_open_checked_refuses_a_decompression_bomb_before_decoding_it():
    # A 20,000 × 20,000 PNG of one colour is a few hundred KB on disk but 1.2 GB decoded.
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")
    upload = SimpleUploadedFile("bom.png", buffer.getvalue(), content_type="image/png")

    with pytest.raises(ValidationError) as excinfo:
        images.open_checked(upload)

    assert excinfo.value.code == "image_too_many_pixels"


def test_open_checked_refuses_formats_outside_the_allowed_list():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "TIFF")
    upload = SimpleUploadedFile("scan.tiff", buffer.getvalue(), content_type="image/tiff")

    with pytest.raises(ValidationError) as excinfo:
        images.open_checked(upload)

    assert excinfo.value.code == "image_format"
