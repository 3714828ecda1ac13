import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db.models import ProtectedError
from PIL import Image

from festival import domain as festival_domain
from innovations import domain
from innovations.models import Exhibit, Innovation, Photo
from tests.innovations import images
from tests.innovations.factories import ExhibitFactory, InnovationFactory

pytestmark = pytest.mark.django_db(transaction=False)


def _stored(field):
    with default_storage.open(field.name) as fh:
        image = Image.open(fh)
        image.load()
        return image


def test_save_photo_writes_webp_renditions_at_every_page_size():
    innovation = InnovationFactory()
    image = domain.check_photo(images.jpeg(size=(2000, 1000)))

    photo = domain.save_photo(
        photo=Photo(innovation=innovation, alt="Kader di posyandu"), image=image
    )

    photo.refresh_from_db()
    sizes = {
        key: _stored(getattr(photo, f"image_{key}")).size for key in ("small", "medium", "large")
    }
    assert sizes == {"small": (480, 240), "medium": (960, 480), "large": (1600, 800)}
    assert {_stored(photo.image_small).format} == {"WEBP"}
    assert (photo.width, photo.height) == (1600, 800)
    assert photo.srcset.endswith("1600w") and " 480w, " in photo.srcset


def test_save_photo_never_enlarges_a_small_photo():
    innovation = InnovationFactory()
    image = domain.check_photo(images.png(size=(300, 200)))

    photo = domain.save_photo(photo=Photo(innovation=innovation, alt="Logo"), image=image)

    assert _stored(photo.image_large).size == (300, 200)
    assert [r["width"] for r in photo.renditions()] == [300]


def test_save_photo_strips_exif_and_gps_from_every_stored_file():
    innovation = InnovationFactory()
    upload = images.jpeg(size=(800, 600), gps=True)
    assert Image.open(upload).getexif().get_ifd(images.GPS_IFD)  # the upload has GPS
    upload.seek(0)

    photo = domain.save_photo(
        photo=Photo(innovation=innovation, alt="Stan pameran"), image=domain.check_photo(upload)
    )

    for key in ("small", "medium", "large"):
        stored = _stored(getattr(photo, f"image_{key}"))
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info and "xmp" not in stored.info
        with default_storage.open(getattr(photo, f"image_{key}").name) as fh:
            raw = fh.read()
        assert b"KameraUji" not in raw and b"Exif" not in raw


def test_save_photo_turns_a_sideways_phone_photo_upright():
    innovation = InnovationFactory()
    # Stored 80 wide × 40 high, but the camera says "rotate 90°": it is a portrait photo.
    image = domain.check_photo(images.jpeg(size=(80, 40), orientation=6))

    photo = domain.save_photo(photo=Photo(innovation=innovation, alt="Potret"), image=image)

    assert _stored(photo.image_large).size == (40, 80)
    assert (photo.width, photo.height) == (40, 80)


def test_save_photo_with_a_new_image_deletes_the_old_files_after_commit(
    django_capture_on_commit_callbacks,
):
    innovation = InnovationFactory()
    photo = domain.save_photo(
        photo=Photo(innovation=innovation, alt="Lama"), image=domain.check_photo(images.jpeg())
    )
    old = [photo.image_small.name, photo.image_medium.name, photo.image_large.name]

    with django_capture_on_commit_callbacks(execute=True):
        domain.save_photo(photo=photo, image=domain.check_photo(images.png()))

    assert not any(default_storage.exists(name) for name in old)
    assert default_storage.exists(photo.image_large.name)


def test_save_photo_without_alt_text_is_refused_and_leaves_no_file():
    innovation = InnovationFactory()
    before = (
        set(default_storage.listdir("innovations")[1])
        if default_storage.exists("innovations")
        else set()
    )

    with pytest.raises(ValidationError) as error:
        domain.save_photo(
            photo=Photo(innovation=innovation, alt=""), image=domain.check_photo(images.jpeg())
        )

    assert "alt" in error.value.message_dict
    assert set(default_storage.listdir("innovations")[1]) == before
    assert not Photo.objects.exists()


def test_delete_photo_removes_the_row_and_its_files(django_capture_on_commit_callbacks):
    innovation = InnovationFactory()
    photo = domain.save_photo(
        photo=Photo(innovation=innovation, alt="Foto"), image=domain.check_photo(images.jpeg())
    )
    names = [photo.image_small.name, photo.image_medium.name, photo.image_large.name]

    with django_capture_on_commit_callbacks(execute=True):
        domain.delete_photo(photo=photo)

    assert not Photo.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (images.not_an_image, "image_invalid"),
        (images.png_bomb, "image_too_many_pixels"),
        (lambda: images.too_many_bytes(domain.PHOTO_MAX_BYTES), "image_too_large"),
    ],
    ids=["not-an-image", "decompression-bomb", "too-many-bytes"],
)
def test_check_photo_refuses_what_is_not_a_safe_image(upload, code):
    with pytest.raises(ValidationError) as error:
        domain.check_photo(upload())

    assert error.value.code == code


def test_delete_innovation_removes_its_photos_files(django_capture_on_commit_callbacks):
    innovation = InnovationFactory()
    photo = domain.save_photo(
        photo=Photo(innovation=innovation, alt="Foto"), image=domain.check_photo(images.jpeg())
    )
    name = photo.image_large.name

    with django_capture_on_commit_callbacks(execute=True):
        domain.delete_innovation(innovation=innovation)

    assert not Photo.objects.exists()
    assert not default_storage.exists(name)


# --- Copying an edition's exhibits into a new draft ---------------------------------------


def test_copy_edition_gives_the_draft_the_same_exhibits_without_booths(editions):
    first, second = InnovationFactory(name="Pertama"), InnovationFactory(name="Kedua")
    ExhibitFactory(edition=editions.past, innovation=second, booth="B-2", booth_en="B-2", order=2)
    ExhibitFactory(edition=editions.past, innovation=first, booth="A-1", order=1)
    ExhibitFactory(edition=editions.current, innovation=InnovationFactory(name="Lain"))

    draft = festival_domain.copy_edition(
        source=editions.past,
        year=2028,
        start_date=datetime.date(2028, 10, 1),
        end_date=datetime.date(2028, 10, 3),
    )

    copied = list(
        Exhibit.objects.filter(edition=draft)
        .order_by("order")
        .values_list("innovation__name", "booth", "booth_en", "order")
    )
    assert copied == [("Pertama", "", "", 1), ("Kedua", "", "", 2)]
    # The source keeps its booths: a past edition's facts never change.
    assert sorted(
        Exhibit.objects.filter(edition=editions.past).values_list("innovation__name", "booth")
    ) == [("Kedua", "B-2"), ("Pertama", "A-1")]


def test_copy_edition_of_an_edition_without_exhibits_makes_none(editions):
    draft = festival_domain.copy_edition(
        source=editions.current,
        year=2028,
        start_date=datetime.date(2028, 10, 1),
        end_date=datetime.date(2028, 10, 3),
    )

    assert not Exhibit.objects.filter(edition=draft).exists()


def test_copy_exhibits_leaves_what_the_draft_already_shows(editions):
    innovation = InnovationFactory()
    ExhibitFactory(edition=editions.past, innovation=innovation, booth="A-1")
    ExhibitFactory(edition=editions.current, innovation=innovation, booth="C-3")

    made = domain.copy_exhibits(source=editions.past, draft=editions.current)

    assert made == 0
    assert Exhibit.objects.get(edition=editions.current).booth == "C-3"


def test_deleting_an_innovation_an_edition_showed_is_refused(editions):
    innovation = InnovationFactory()
    ExhibitFactory(edition=editions.past, innovation=innovation)

    with pytest.raises(ProtectedError):
        domain.delete_innovation(innovation=innovation)

    assert Innovation.objects.filter(pk=innovation.pk).exists()
