"""Image files for upload tests, made in memory with Pillow."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

ORIENTATION = 0x0112
GPS_IFD = 0x8825
MAKE = 0x010F


def jpeg(
    *, size=(64, 48), color=(200, 30, 30), orientation=None, gps=False, name="foto.jpg"
) -> SimpleUploadedFile:
    """A JPEG, optionally with an EXIF orientation and a GPS position (as a phone writes)."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[MAKE] = "KameraUji"
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif[GPS_IFD] = {1: "S", 2: (8.0, 12.0, 0.0), 3: "E", 4: (114.0, 22.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), quality=90)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png(*, size=(64, 48), name="foto.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 90, 60, 255)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(*, width=50_000, height=50_000) -> SimpleUploadedFile:
    """A few hundred bytes claiming 2.5 billion pixels: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("bomb.png", data, content_type="image/png")


def not_an_image() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "foto.jpg", b"%PDF-1.4 this is a document, not a photo\n" * 20, content_type="image/jpeg"
    )


def too_many_bytes(limit: int) -> SimpleUploadedFile:
    """A real JPEG padded past `limit` bytes (JPEG readers ignore bytes after the end)."""
    upload = jpeg()
    data = upload.read() + b"\x00" * (limit + 1)
    return SimpleUploadedFile("besar.jpg", data, content_type="image/jpeg")
