"""Applicants' document photos: what a photo must be, and where it waits meanwhile.

`clean_document` accepts only a real image (one Pillow reads, in a format
festival.sitewide.images allows) within a byte and a pixel limit, turns it upright by its EXIF orientation and re-encodes the pixels alone
as WebP, so no metadata (GPS included) survives.

When a resident uploads a photo and goes on to check their answers, the cleaned photo is
kept in the private storage (outside MEDIA_ROOT) under a random name; the check-answers page
carries that name in a signed field (see answers.AnswersToken), so only this server's pages
can point at it. Submitting copies it into the request and releases it
(domain.release_held_uploads); a held photo nobody submitted is deleted by the retention
eraser.
"""

import datetime
import re
import secrets

from django.core.files.base import ContentFile, File
from django.core.files.storage import storages

from festival.sitewide import images

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_PIXELS = 30_000_000
DOCUMENT_WIDTH = 2000  # wide enough to read a KK or an akta on screen, no wider

HELD_DIR = "services/held"
_HELD_NAME = re.compile(rf"^{HELD_DIR}/[0-9a-f]{{32}}\.webp$")


def _storage():
    return storages["private"]


def clean_document(upload) -> ContentFile:
    """A real image within the limits, upright, re-encoded as WebP without metadata and at
    most DOCUMENT_WIDTH wide; raises ValidationError with a message for the applicant."""
    image = images.open_checked(
        upload, max_bytes=MAX_DOCUMENT_BYTES, max_pixels=MAX_DOCUMENT_PIXELS
    )
    return images.encode(image, fmt="WEBP", max_width=DOCUMENT_WIDTH, quality=85)


def hold(content: ContentFile) -> str:
    """Keep a cleaned photo until the request is submitted; returns its private name."""
    return _storage().save(f"{HELD_DIR}/{secrets.token_hex(16)}.webp", content)


def is_held_name(name: str) -> bool:
    return bool(_HELD_NAME.fullmatch(name or ""))


def open_held(name: str) -> File | None:
    """The held photo, or None when the name is not one of ours or it is gone."""
    if not is_held_name(name) or not _storage().exists(name):
        return None
    with _storage().open(name, "rb") as fh:
        return ContentFile(fh.read(), name="document.webp")


def release(names) -> None:
    """Delete these held photos; a name that is not a held photo's is left alone."""
    for name in names:
        if is_held_name(name):
            _storage().delete(name)


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
