"""Writes of the innovation showcase: storing and removing photos and replication documents,
copying an edition's exhibits into a new draft edition.

A photo is never stored as uploaded: `save_photo` receives an image that
`festival.sitewide.images.open_checked` has already checked (real image, byte and pixel limits,
turned upright) and writes WebP renditions made from its pixels only, at every width the
pages use, once. Pages then only link to files; nothing is resized per request.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image

from festival.sitewide import images
from innovations.models import RENDITION_WIDTHS, Exhibit, Photo, ReplicationDocument

# Limits for organisers' photos: a phone camera's JPEG is 2–8 MB and 12–50 megapixels.
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_PIXELS = 60_000_000


def check_photo(upload) -> Image.Image:
    """The upload as an upright image, or ValidationError with a message for the organiser
    (not an image, too many bytes, too many pixels or a decompression bomb)."""
    return images.open_checked(upload, max_bytes=PHOTO_MAX_BYTES, max_pixels=PHOTO_MAX_PIXELS)


def _file_fields(photo: Photo) -> list:
    return [getattr(photo, f"image_{key}") for key in RENDITION_WIDTHS]


def _delete_files_on_commit(names: list[str], storage) -> None:
    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def save_photo(*, photo: Photo, image: Image.Image | None = None) -> Photo:
    """Save `photo` (new or changed). With `image`, first write its WebP renditions
    (RENDITION_WIDTHS, never wider than the original, no metadata at all) and remember the
    large one's width and height; the files it replaces are deleted once the transaction
    commits, so a failed save leaves the old photo intact."""
    old_names = []
    new_names = []
    storage = photo.image_large.storage
    try:
        if image is not None:
            old_names = [f.name for f in _file_fields(photo) if f]
            stem = uuid.uuid4().hex
            for key, width in RENDITION_WIDTHS.items():
                content = images.encode(image, fmt="WEBP", max_width=width)
                field = getattr(photo, f"image_{key}")
                field.save(f"{stem}-{width}.webp", content, save=False)
                new_names.append(field.name)
                if key == "large":
                    photo.width, photo.height = content.width, content.height
        photo.full_clean(exclude=["innovation"] if photo.innovation_id is None else None)
        photo.save()
    except Exception:
        for name in new_names:
            storage.delete(name)
        raise
    if old_names:
        _delete_files_on_commit(old_names, storage)
    return photo


@transaction.atomic
def delete_photo(*, photo: Photo) -> None:
    """Remove the photo and, once the deletion is committed, its files."""
    names = [f.name for f in _file_fields(photo) if f]
    storage = photo.image_large.storage
    photo.delete()
    _delete_files_on_commit(names, storage)


# Replication documents: PDF only, public, so small enough for a phone on mobile data.
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def check_document(upload) -> None:
    """Raise ValidationError with a message for the organiser unless `upload` is a PDF (by
    its first bytes, whatever its name or the browser's content type says) within
    DOCUMENT_MAX_BYTES."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar: paling besar %(limit)s MB."),
            code="too_large",
            params={"limit": DOCUMENT_MAX_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    # The PDF header may follow a little junk (readers accept it within the first KB), but
    # a file that is not a PDF at all never carries it.
    if PDF_MAGIC not in head:
        raise ValidationError(
            _("Berkas ini bukan PDF. Unggah dokumen dalam format PDF."), code="not_pdf"
        )


@transaction.atomic
def save_document(*, document: ReplicationDocument, upload=None) -> ReplicationDocument:
    """Save `document` (new or changed); with `upload` (already checked by check_document),
    store it under a new random name and delete the file it replaces once committed."""
    storage = document.file.storage
    old_name = document.file.name if upload is not None and document.file else None
    new_name = None
    try:
        if upload is not None:
            document.file.save("dokumen.pdf", upload, save=False)
            new_name = document.file.name
            document.size = upload.size
        document.full_clean(exclude=["innovation"] if document.innovation_id is None else None)
        document.save()
    except Exception:
        if new_name:
            storage.delete(new_name)
        raise
    if old_name:
        _delete_files_on_commit([old_name], storage)
    return document


@transaction.atomic
def delete_document(*, document: ReplicationDocument) -> None:
    """Remove the document and, once the deletion is committed, its file."""
    names = [document.file.name] if document.file else []
    storage = document.file.storage
    document.delete()
    _delete_files_on_commit(names, storage)


@transaction.atomic
def delete_innovation(*, innovation) -> None:
    """Remove the innovation with its photos and documents and, once committed, their
    files."""
    for photo in innovation.photos.all():
        delete_photo(photo=photo)
    for document in innovation.documents.all():
        delete_document(document=document)
    innovation.delete()


@transaction.atomic
def copy_exhibits(*, source, draft) -> int:
    """The exhibits of edition `source` into edition `draft`: the draft shows the same
    innovations in the same order, its booths empty (booths are assigned for each edition).
    An innovation the draft already shows is left as it is. Returns how many were made.
    Registered with festival.domain.register_copier, so copy_edition calls it."""
    already = set(Exhibit.objects.filter(edition=draft).values_list("innovation_id", flat=True))
    exhibits = [
        Exhibit(edition=draft, innovation_id=exhibit.innovation_id, order=exhibit.order)
        for exhibit in Exhibit.objects.filter(edition=source).order_by("order", "pk")
        if exhibit.innovation_id not in already
    ]
    Exhibit.objects.bulk_create(exhibits)
    return len(exhibits)
