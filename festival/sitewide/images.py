"""Checking and cleaning uploaded photos with Pillow.

Every photo that reaches the site (innovation photos, applicants' document photos) goes
through `clean_image`: it must be a real image in an allowed format, within a byte and a
pixel limit (a decompression bomb is refused before it is decoded), it is turned upright by
its EXIF orientation, and it is re-encoded from pixels only, so no metadata (GPS included)
survives.
"""

import io
import math
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# What the README promises: JPEG, PNG and WebP. MPO is the multi-picture JPEG that some phone
# cameras write (often named .jpg); Pillow opens its first picture, which is the photo, so it
# is taken as a JPEG. GIF is refused: no camera writes it, and an animation is not a photo.
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000  # e.g. 8000 × 5000


# Formats Pillow can decode at 1/2, 1/4 or 1/8 of their size (Image.draft): JPEG and its
# multi-picture variant. Others are decoded whole.
DRAFT_FORMATS = {"JPEG", "MPO"}


class PixelBudget:
    """How many pixels one request may still decode, shared by the files of that request,
    so several large photos cannot together hold a worker's memory and time."""

    def __init__(self, limit: int):
        self.limit = limit
        self.left = limit

    def charge(self, pixels: int) -> None:
        if pixels > self.left:
            raise ValidationError(
                _(
                    "Foto-foto dalam satu kiriman ini bersama-sama terlalu besar (batasnya "
                    "%(limit)s juta piksel). Unggah foto biasa dari kamera HP, atau kirim "
                    "sebagian foto saja."
                ),
                code="request_too_many_pixels",
                params={"limit": self.limit // 1_000_000},
            )
        self.left -= pixels


def open_checked(
    upload,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    longest_side: int | None = None,
    budget: PixelBudget | None = None,
) -> Image.Image:
    """Open an uploaded file as an upright RGB(A) image, or raise ValidationError.

    The byte and pixel limits are checked from the file's size and header, before any pixel
    is decoded. With `longest_side`, a JPEG is decoded at a reduced scale that still covers
    that side (the caller resizes the rest of the way), so a 30-megapixel photo costs a
    fraction of its full decoding. With a `budget`, the pixels to be decoded are charged to it
    first, and refused once it is spent."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Batasnya %(limit)s."),
            code="image_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _(
                        "Format gambar tidak didukung. Unggah foto JPEG (termasuk MPO dari "
                        "kamera HP), PNG, atau WebP."
                    ),
                    code="image_format",
                )
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _(
                        "Gambar terlalu besar (%(width)s × %(height)s piksel). Batasnya %(limit)s juta piksel."
                    ),
                    code="image_too_many_pixels",
                    params={"width": width, "height": height, "limit": max_pixels // 1_000_000},
                )
            if longest_side and image.format in DRAFT_FORMATS and max(width, height) > longest_side:
                ratio = longest_side / max(width, height)
                image.draft(None, (math.ceil(width * ratio), math.ceil(height * ratio)))
            if budget is not None:
                budget.charge(image.width * image.height)
            image.load()
            image = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("Gambar terlalu besar untuk diproses."), code="image_too_many_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Berkas ini bukan gambar yang dapat dibaca. Unggah foto JPEG, PNG, atau WebP."),
            code="image_invalid",
        ) from None
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert(
            "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
        )
    return image


def encode(
    image: Image.Image, *, fmt: str = "WEBP", max_width: int | None = None, quality: int = 80
) -> ContentFile:
    """Re-encode the pixels only (no EXIF, ICC, XMP or comment survives), optionally narrowed
    to `max_width` keeping the aspect ratio. Returns the bytes with their width and height
    as attributes, for the <img> tag."""
    if max_width and image.width > max_width:
        height = round(image.height * max_width / image.width)
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if fmt == "JPEG" and clean.mode == "RGBA":
        clean = clean.convert("RGB")
    out = io.BytesIO()
    options = {"quality": quality}
    if fmt == "WEBP":
        options["method"] = 4
    elif fmt == "JPEG":
        options["optimize"] = True
    clean.save(out, format=fmt, **options)
    content = ContentFile(out.getvalue())
    content.width, content.height = clean.size
    return content
