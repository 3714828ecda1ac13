"""Checking and cleaning uploaded photos with Pillow.

Every photo that reaches the site (innovation photos, applicants' document photos) goes
through `clean_image`: it must be a real image in an allowed format, within a byte and a
pixel limit (a decompression bomb is refused before it is decoded), it is turned upright by
its EXIF orientation, and it is re-encoded from pixels only, so no metadata (GPS included)
survives.
"""

import io
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


def open_checked(
    upload, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pixels: int = DEFAULT_MAX_PIXELS
) -> Image.Image:
    """Open an uploaded file as an upright RGB(A) image, or raise ValidationError."""
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
                        "kamera ponsel), PNG atau WebP."
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
            _("Berkas ini bukan gambar yang bisa dibaca. Unggah foto JPEG, PNG atau WebP."),
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
