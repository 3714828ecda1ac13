"""Applicants' document photos: what a photo must be, and where it waits meanwhile.

`clean_document` accepts only a real image (one Pillow reads, in a format
festival.sitewide.images allows) within a byte and a pixel limit, turns it upright by its EXIF
orientation and re-encodes the pixels alone as WebP, so no metadata (GPS included) survives.

What one request may cost a worker is bounded: each photo's size is read from its header
before anything is decoded (over MAX_DOCUMENT_PIXELS is refused), a JPEG is decoded at the
smallest of 1/2, 1/4, 1/8 that still covers DOCUMENT_LONGEST_SIDE, and the pixels decoded for
all photos of one request together may not exceed MAX_REQUEST_PIXELS (three ordinary phone
photos fit; the forms share one images.PixelBudget per request). A stored photo is at most
DOCUMENT_LONGEST_SIDE on its longest side: enough to read a KK or an akta, no more.

When a resident uploads a photo and goes on to check their answers, the cleaned photo is
kept in the private storage (outside MEDIA_ROOT) under a random name; the check-answers page
carries that name in a signed field (see answers.AnswersToken), so only this server's pages
can point at it. Submitting copies it into the request and releases it
(domain.release_held_uploads); a held photo nobody submitted expires with the check-answers page
(HELD_SECONDS, the answers token's lifetime) and is deleted by `release_expired` (run on a
schedule by `manage.py release_expired_uploads`).
"""

import datetime
import re
import secrets

from django.core.files.base import ContentFile, File
from django.core.files.storage import storages
from django.utils import timezone
from PIL import Image

from festival.sitewide import images

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_PIXELS = 30_000_000
# Decoded pixels per request, all photos together: three 12-megapixel phone photos.
MAX_REQUEST_PIXELS = 36_000_000
DOCUMENT_LONGEST_SIDE = 2000  # enough to read a KK or an akta on screen, no more
# How long a held photo lives: as long as the check-answers page that carries it.
HELD_SECONDS = 2 * 60 * 60

HELD_DIR = "services/held"
_HELD_NAME = re.compile(rf"^{HELD_DIR}/[0-9a-f]{{32}}\.webp$")


def _storage():
    return storages["private"]


def new_budget() -> images.PixelBudget:
    """The pixels one request's photos may decode together."""
    return images.PixelBudget(MAX_REQUEST_PIXELS)


def clean_document(upload, *, budget: images.PixelBudget | None = None) -> ContentFile:
    """A real image within the limits, upright, re-encoded as WebP without metadata and at
    most DOCUMENT_LONGEST_SIDE on its longest side; raises ValidationError with a message for
    the applicant. Its decoding is charged to `budget` (one per request)."""
    image = images.open_checked(
        upload,
        max_bytes=MAX_DOCUMENT_BYTES,
        max_pixels=MAX_DOCUMENT_PIXELS,
        longest_side=DOCUMENT_LONGEST_SIDE,
        budget=budget,
    )
    side = DOCUMENT_LONGEST_SIDE
    if max(image.size) > side:
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
    return images.encode(image, fmt="WEBP", quality=85)


def hold(content: ContentFile) -> str:
    """Keep a cleaned photo until the request is submitted; returns its private name."""
    return _storage().save(f"{HELD_DIR}/{secrets.token_hex(16)}.webp", content)


def is_held_name(name: str) -> bool:
    return bool(_HELD_NAME.fullmatch(name or ""))


def is_still_held(name: str) -> bool:
    return is_held_name(name) and _storage().exists(name)


def open_held(name: str) -> File | None:
    """The held photo, or None when the name is not one of ours or it is gone."""
    if not is_still_held(name):
        return None
    with _storage().open(name, "rb") as fh:
        return ContentFile(fh.read(), name="document.webp")


def release(names) -> None:
    """Delete these held photos; a name that is not a held photo's is left alone."""
    for name in names:
        if is_held_name(name):
            _storage().delete(name)


def release_expired() -> int:
    """Delete the held photos older than HELD_SECONDS: their check-answers page has expired,
    so nobody can submit them any more. Returns how many were deleted."""
    # File times are wall-clock times, so this compares with the real clock, not the
    # festival's (which a rehearsal may set elsewhere).
    return delete_held_before(timezone.now() - datetime.timedelta(seconds=HELD_SECONDS))


def delete_held_before(moment: datetime.datetime) -> int:
    """Delete held photos last written before `moment` (abandoned check-answers pages)."""
    storage = _storage()
    try:
        _dirs, files = storage.listdir(HELD_DIR)
    except FileNotFoundError:
        return 0
    deleted = 0
    for filename in files:
        name = f"{HELD_DIR}/{filename}"
        if is_held_name(name) and storage.get_modified_time(name) < moment:
            storage.delete(name)
            deleted += 1
    return deleted
