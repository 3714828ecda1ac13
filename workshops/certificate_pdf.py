"""The workshop certificate as a one-page A4 PDF (landscape), drawn with ReportLab.

ReportLab installs from PyPI as a pure-Python wheel (BSD licence, maintained since 2000) and
ships the Bitstream Vera TrueType fonts inside it, so `make` on a fresh machine brings both the
library and a font: no system font, no web font, nothing fetched at run time. Vera covers
Latin-1 and more (é, ñ, ü, the typographic apostrophe ’ and quotes, ş, ğ): what Indonesian
names are written in. A character it lacks would print as an empty box, so the name
confirmation refuses it first (`unprintable`), with a clear message.

The QR code is drawn as vector squares from segno's matrix: sharp at any printer resolution,
and no image to decode. Everything on the page comes from the certificate's record and what
organisers entered; a line whose value is not set (the JP) is left out, never filled in.
"""

import dataclasses
import functools
import io
import os

import reportlab
import segno
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

REGULAR = "Vera"
BOLD = "Vera-Bold"
_FONT_FILES = {REGULAR: "Vera.ttf", BOLD: "VeraBd.ttf"}
ACCENT = Color(0.05, 0.33, 0.42)  # the site's dark teal, printable in grey as well
MUTED = Color(0.3, 0.3, 0.3)


@functools.cache
def _fonts() -> dict[str, TTFont]:
    """Register the bundled Vera fonts once per process."""
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    fonts = {}
    for name, filename in _FONT_FILES.items():
        font = TTFont(name, os.path.join(folder, filename))
        pdfmetrics.registerFont(font)
        fonts[name] = font
    return fonts


def unprintable(text: str) -> list[str]:
    """The distinct characters of `text` that the certificate's font cannot draw, in order of
    appearance (empty when every one prints)."""
    glyphs = _fonts()[BOLD].face.charToGlyph
    missing = []
    for char in text:
        if not char.isspace() and ord(char) not in glyphs and char not in missing:
            missing.append(char)
    return missing


@dataclasses.dataclass(frozen=True)
class CertificateContent:
    """What one certificate says, every text already in its final wording (Indonesian)."""

    title: str
    number: str
    name: str
    nip: str  # formatted, or "" when none was given
    office: str
    workshop: str
    dates: str
    edition: str
    jp: int | None
    place_and_date: str
    signatory_name: str
    signatory_position: str
    verify_url: str


def _fit(text: str, font: str, size: float, width: float, smallest: float = 12) -> float:
    """The largest font size up to `size` at which `text` fits on one line of `width`."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _centred_lines(
    canvas: Canvas, text: str, *, y: float, font: str, size: float, width: float, leading: float
) -> float:
    """Draw `text` centred, wrapped to `width`; return the y below the last line."""
    page_width = canvas._pagesize[0]
    for line in simpleSplit(text, font, size, width):
        canvas.setFont(font, size)
        canvas.drawCentredString(page_width / 2, y, line)
        y -= leading
    return y


def _draw_qr(canvas: Canvas, url: str, *, x: float, y: float, size: float) -> None:
    """The QR code of `url` as dark squares, its lower left corner at (x, y)."""
    qr = segno.make(url, error="m")
    matrix = qr.matrix
    border = 2
    count = len(matrix) + 2 * border
    module = size / count
    canvas.setFillColor(black)
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + border + 1) * module
        column = 0
        while column < len(row):
            if row[column]:
                start = column
                while column < len(row) and row[column]:
                    column += 1
                canvas.rect(
                    x + (start + border) * module,
                    top,
                    (column - start) * module,
                    module,
                    stroke=0,
                    fill=1,
                )
            else:
                column += 1


def render(content: CertificateContent) -> bytes:
    """The certificate as PDF bytes: one A4 page, landscape."""
    _fonts()
    buffer = io.BytesIO()
    page_width, page_height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(page_width, page_height), pageCompression=1)
    canvas.setTitle(f"{content.title} {content.number}")
    canvas.setSubject(content.workshop)
    canvas.setAuthor(content.edition)
    canvas.setCreator("Festival Pelayanan Publik Banyuwangi")

    # Frame: a thick and a thin line, 12 and 15 mm from the edge.
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, page_width - 24 * mm, page_height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(15 * mm, 15 * mm, page_width - 30 * mm, page_height - 30 * mm)

    text_width = page_width - 70 * mm
    centre = page_width / 2
    y = page_height - 34 * mm

    canvas.setFillColor(ACCENT)
    title_size = _fit(content.title.upper(), BOLD, 34, text_width)
    canvas.setFont(BOLD, title_size)
    canvas.drawCentredString(centre, y, content.title.upper())
    y -= 9 * mm
    canvas.setFillColor(black)
    canvas.setFont(REGULAR, 12)
    canvas.drawCentredString(centre, y, f"Nomor: {content.number}")

    y -= 12 * mm
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(centre, y, "diberikan kepada")
    y -= 11 * mm
    name_size = _fit(content.name, BOLD, 26, text_width)
    canvas.setFont(BOLD, name_size)
    canvas.drawCentredString(centre, y, content.name)
    y -= 3 * mm
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8)
    underline = min(stringWidth(content.name, BOLD, name_size) + 20 * mm, text_width)
    canvas.line(centre - underline / 2, y, centre + underline / 2, y)
    y -= 7 * mm
    canvas.setFont(REGULAR, 12)
    if content.nip:
        canvas.drawCentredString(centre, y, f"NIP {content.nip}")
        y -= 6 * mm
    if content.office:
        y = _centred_lines(
            canvas, content.office, y=y, font=REGULAR, size=12, width=text_width, leading=6 * mm
        )

    y -= 3 * mm
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(centre, y, "sebagai peserta")
    y -= 8 * mm
    canvas.setFillColor(ACCENT)
    # A long title (up to 200 characters) goes smaller rather than into the signature.
    workshop_size = 17 if len(simpleSplit(content.workshop, BOLD, 17, text_width)) <= 2 else 14
    y = _centred_lines(
        canvas,
        content.workshop,
        y=y,
        font=BOLD,
        size=workshop_size,
        width=text_width,
        leading=workshop_size * 0.45 * mm,
    )
    canvas.setFillColor(black)
    y -= 1 * mm
    held = f"dalam {content.edition}, {content.dates}"
    y = _centred_lines(canvas, held, y=y, font=REGULAR, size=12, width=text_width, leading=6 * mm)
    if content.jp is not None:
        canvas.setFont(REGULAR, 12)
        canvas.drawCentredString(centre, y, f"dengan beban {content.jp} jam pelajaran (JP)")
        y -= 6 * mm
    # The body ends above the signature block and the QR code (checked by the tests with the
    # longest texts the fields allow).
    canvas.body_bottom = y

    # Signature block, lower right: place and date, position, room to sign, name.
    block_centre = page_width - 75 * mm
    sign_y = 48 * mm
    canvas.setFont(REGULAR, 11)
    canvas.drawCentredString(block_centre, sign_y + 22 * mm, content.place_and_date)
    position_lines = simpleSplit(content.signatory_position, REGULAR, 11, 95 * mm)
    line_y = sign_y + 16 * mm
    for line in position_lines[:3]:
        canvas.drawCentredString(block_centre, line_y, line)
        line_y -= 5 * mm
    name_y = 22 * mm
    signatory_size = _fit(content.signatory_name, BOLD, 12, 95 * mm, smallest=8)
    canvas.setFont(BOLD, signatory_size)
    canvas.drawCentredString(block_centre, name_y, content.signatory_name)
    half = min(stringWidth(content.signatory_name, BOLD, signatory_size), 95 * mm) / 2
    canvas.setLineWidth(0.6)
    canvas.setStrokeColor(black)
    canvas.line(block_centre - half, name_y - 1.5 * mm, block_centre + half, name_y - 1.5 * mm)

    # Verification, lower left: the QR code and its address in small print.
    qr_size = 30 * mm
    qr_x, qr_y = 24 * mm, 22 * mm
    _draw_qr(canvas, content.verify_url, x=qr_x, y=qr_y, size=qr_size)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(qr_x + qr_size + 3 * mm, qr_y + 18 * mm, "Periksa keaslian sertifikat ini:")
    canvas.drawString(qr_x + qr_size + 3 * mm, qr_y + 14 * mm, "pindai kode QR atau buka")
    url_size = _fit(content.verify_url, REGULAR, 7, 110 * mm, smallest=5)
    canvas.setFont(REGULAR, url_size)
    canvas.drawString(qr_x + qr_size + 3 * mm, qr_y + 10 * mm, content.verify_url)

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
