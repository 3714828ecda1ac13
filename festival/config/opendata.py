"""Open data: the innovation catalogue, each edition's programme and the aggregate results of
past editions as CSV and JSON at stable URLs, and the page that documents them (/data/).

Every column is defined once, here (`Column`: name, type, meaning in both languages, and how
its value is read from an object); the CSV writer, the JSON, its JSON Schema, the data page and
the test that validates the JSON all read the same list. The exports are filtered by the same
code as the pages they mirror (the catalogue's `CatalogueFilterForm` and `queries.catalogue`,
the programme's `ProgrammeFilterForm`), so a filtered page and its download always agree.

Aggregate only: no column holds personal data (the results are counts and the published
index, never a person's answer or request).

The files are anonymous GET responses, so the shared page cache keeps them like pages and an
edit of any model they show invalidates them (festival.sitewide.pagecache); Last-Modified is
the latest edit of what they show, so a reuser's `If-Modified-Since` costs a 304.

This module wires several apps together, so it lives in festival/config (like the home page).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import path, register_converter, reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

import festival.urls  # noqa: F401 - registers the <year:…> path converter used below
from festival.forms import ProgrammeFilterForm
from festival.models import Edition, ProgrammeItem
from festival.queries import current_edition, edition_of_page
from festival.sitewide import jsonld
from festival.sitewide.links import absolute_url
from festival.sitewide.models import OpenDataSettings
from innovations import queries as innovation_queries
from innovations.forms import CatalogueFilterForm
from innovations.models import Agency, Award, Exhibit, Innovation, ReplicationDocument, Theme
from services import queries as services_queries
from services.queue import queries as queue_queries
from services.survey import queries as survey_queries
from workshops import queries as workshop_queries

# --- Columns ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ColumnType:
    code: str  # as written in the documentation and the JSON Schema's description
    meaning_id: str
    meaning_en: str
    json_types: tuple[str, ...]  # JSON Schema types of a present value


TYPES = {
    t.code: t
    for t in (
        ColumnType("teks", "Teks", "Text", ("string",)),
        ColumnType("bilangan bulat", "Bilangan bulat", "Whole number", ("integer",)),
        ColumnType(
            "bilangan",
            "Bilangan; pemisah desimal titik (88.31)",
            "Number; decimal point (88.31)",
            ("number",),
        ),
        ColumnType(
            "ya/tidak", "true (ya) atau false (tidak)", "true (yes) or false (no)", ("boolean",)
        ),
        ColumnType("tanggal", "Tanggal, TTTT-BB-HH", "Date, YYYY-MM-DD", ("string",)),
        ColumnType("jam", "Jam WIB, JJ:MM", "Time in WIB (UTC+7), HH:MM", ("string",)),
        ColumnType(
            "waktu",
            "Tanggal dan jam ISO 8601 dengan zona waktu (WIB, +07:00)",
            "ISO 8601 date and time with its offset (WIB, +07:00)",
            ("string",),
        ),
        ColumnType(
            "daftar teks",
            "Daftar teks; di CSV dipisahkan “ | ”, di JSON sebuah array",
            "List of texts; in CSV separated by “ | ”, in JSON an array",
            ("array",),
        ),
    )
}
LIST_SEPARATOR = " | "


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a dataset: its name in the files, its type (a key of TYPES), what it
    means in Bahasa Indonesia and in English, and how its value is read from a row object.
    An empty value is an empty cell in CSV and null in JSON."""

    name: str
    type: str
    meaning_id: str
    meaning_en: str
    get: Callable[[Any], Any]

    @property
    def type_info(self) -> ColumnType:
        return TYPES[self.type]


def _text(value) -> str | None:
    return value if value else None


def _json_value(column: Column, value):
    if value is None or value == "" or value == []:
        return None
    if column.type == "tanggal":
        return value.isoformat()
    if column.type == "jam":
        return value.strftime("%H:%M")
    if column.type == "waktu":
        return timezone.localtime(value).isoformat(timespec="seconds")
    if column.type == "bilangan" and isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value


# A cell a spreadsheet would read as a formula (=, @, or + / - followed by more than a
# number): kept as text by a leading apostrophe, as OWASP advises for CSV exports.
_FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s().-]*$))")


def _csv_cell(column: Column, value) -> str:
    value = _json_value(column, value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    text = str(value)
    if column.type in ("teks", "daftar teks") and _FORMULA.match(text):
        return "'" + text
    return text


# --- Datasets -----------------------------------------------------------------------------


def _award_label(award) -> str:
    return " ".join(str(part) for part in (award.level, award.programme, award.year) if part)


INNOVATION_COLUMNS = [
    Column(
        "slug",
        "teks",
        "Pengenal tetap inovasi; alamat halamannya /inovasi/<slug>/",
        "The innovation's stable identifier; its page is /inovasi/<slug>/",
        lambda i: i.slug,
    ),
    Column("nama", "teks", "Nama inovasi", "Name of the innovation", lambda i: i.name),
    Column(
        "nama_en",
        "teks",
        "Nama dalam bahasa Inggris, apabila berbeda",
        "Name in English, where it differs",
        lambda i: _text(i.name_en),
    ),
    Column("singkatan", "teks", "Singkatan", "Acronym", lambda i: _text(i.acronym)),
    Column(
        "kepanjangan_singkatan",
        "teks",
        "Kepanjangan singkatan, hanya apabila pasti dari sumber resmi",
        "What the acronym stands for, only where an official source gives it",
        lambda i: _text(i.acronym_expansion),
    ),
    Column(
        "ringkasan",
        "teks",
        "Ringkasan satu atau dua kalimat",
        "One or two sentence summary",
        lambda i: i.summary,
    ),
    Column(
        "ringkasan_en",
        "teks",
        "Ringkasan dalam bahasa Inggris",
        "Summary in English",
        lambda i: _text(i.summary_en),
    ),
    Column(
        "instansi",
        "teks",
        "Instansi yang menjalankan",
        "Agency that runs it",
        lambda i: i.agency.name,
    ),
    Column(
        "instansi_slug",
        "teks",
        "Pengenal instansi; nilai filter instansi",
        "The agency's identifier; the value of the instansi filter",
        lambda i: i.agency.slug,
    ),
    Column("tema", "teks", "Tema pelayanan", "Field of public service", lambda i: i.theme.name),
    Column(
        "tema_slug",
        "teks",
        "Pengenal tema; nilai filter tema",
        "The theme's identifier; the value of the tema filter",
        lambda i: i.theme.slug,
    ),
    Column(
        "penghargaan",
        "daftar teks",
        "Penghargaan: peringkat, program, dan tahun (apabila pasti)",
        "Awards: level, programme and year (where certain)",
        lambda i: [_award_label(a) for a in i.awards.all()],
    ),
    Column(
        "mulai_tahun",
        "bilangan bulat",
        "Tahun inovasi dimulai, apabila diketahui",
        "Year the innovation started, where known",
        lambda i: i.started_year,
    ),
    Column(
        "status",
        "teks",
        "berjalan atau berhenti, menurut sumber tahun status_per_tahun",
        "berjalan (running) or berhenti (stopped), as of the source's year in status_per_tahun",
        lambda i: i.status,
    ),
    Column(
        "status_per_tahun",
        "bilangan bulat",
        "Tahun sumber yang menyebut status itu (“berjalan, per 2016”)",
        "Year of the source that gives the status (“running, as of 2016”)",
        lambda i: i.status_year,
    ),
    Column(
        "unit_pelaksana",
        "teks",
        "Unit yang menjalankan sehari-hari, apabila berbeda dari instansi",
        "Unit that runs it day to day, where it differs from the agency",
        lambda i: _text(i.implementing_unit),
    ),
    Column(
        "dasar_hukum",
        "teks",
        "Peraturan atau keputusan yang mendasarinya",
        "Regulation or decree it rests on",
        lambda i: _text(i.legal_basis),
    ),
    Column(
        "kontak_kantor",
        "teks",
        "Kantor yang dapat dihubungi untuk replikasi (kanal kantor, bukan orang)",
        "Office to contact for replication (an office channel, not a person)",
        lambda i: _text(i.contact_office),
    ),
    Column(
        "kontak_surel", "teks", "Surel kantor", "Office email", lambda i: _text(i.contact_email)
    ),
    Column(
        "kontak_telepon", "teks", "Telepon kantor", "Office phone", lambda i: _text(i.contact_phone)
    ),
    Column(
        "kontak_situs", "teks", "Situs kantor", "Office website", lambda i: _text(i.contact_website)
    ),
    Column(
        "dokumen",
        "daftar teks",
        "Alamat dokumen PDF untuk replikasi (SOP, SK, presentasi)",
        "Addresses of the PDF documents for replication (SOP, decree, presentation)",
        lambda i: [absolute_url(d.file.url) for d in i.documents.all()],
    ),
    Column(
        "stan",
        "teks",
        "Stan pameran di edisi yang difilter (edisi=); kosong tanpa filter edisi",
        "Exhibition booth at the edition filtered by (edisi=); empty without that filter",
        lambda i: _text(getattr(i, "exhibit_booth", "")),
    ),
    Column(
        "unggulan",
        "ya/tidak",
        "Inovasi unggulan (tampil di beranda)",
        "Featured innovation (shown on the home page)",
        lambda i: i.is_featured,
    ),
    Column(
        "halaman",
        "teks",
        "Alamat halaman inovasi di situs ini",
        "Address of the innovation's page on this site",
        lambda i: absolute_url(i.get_absolute_url()),
    ),
    Column(
        "diubah",
        "waktu",
        "Terakhir diubah panitia",
        "Last edited by the organisers",
        lambda i: i.updated_at,
    ),
]


def _item_time(item, attribute):
    return getattr(item, attribute) if item.is_timed else None


PROGRAMME_COLUMNS = [
    Column(
        "edisi",
        "bilangan bulat",
        "Tahun edisi festival",
        "Year of the festival edition",
        lambda p: p.edition.year,
    ),
    Column(
        "slug",
        "teks",
        "Pengenal acara, unik dalam satu edisi",
        "The item's identifier, unique within an edition",
        lambda p: p.slug,
    ),
    Column("judul", "teks", "Judul acara", "Title", lambda p: p.title),
    Column(
        "judul_en",
        "teks",
        "Judul dalam bahasa Inggris",
        "Title in English",
        lambda p: _text(p.title_en),
    ),
    Column(
        "jenis",
        "teks",
        "opening, exhibition, workshop, service_desk, atau other; nilai filter jenis",
        "opening, exhibition, workshop, service_desk or other; the value of the jenis filter",
        lambda p: p.kind,
    ),
    Column(
        "tanggal",
        "tanggal",
        "Hari acara; kosong apabila harinya belum diumumkan",
        "Day of the item; empty while its day is not announced",
        lambda p: None if p.day_tba else p.date,
    ),
    Column(
        "jam_mulai",
        "jam",
        "Jam mulai (WIB); kosong apabila sepanjang hari atau belum diumumkan",
        "Start time (WIB); empty when all day or not announced",
        lambda p: _item_time(p, "start_time"),
    ),
    Column(
        "jam_selesai",
        "jam",
        "Jam selesai (WIB), apabila diumumkan",
        "End time (WIB), where announced",
        lambda p: _item_time(p, "end_time"),
    ),
    Column(
        "sepanjang_hari",
        "ya/tidak",
        "Acara sepanjang hari",
        "All-day item",
        lambda p: not p.day_tba and not p.is_timed and p.untimed == ProgrammeItem.Untimed.ALL_DAY,
    ),
    Column("tempat", "teks", "Tempat", "Place", lambda p: _text(p.place)),
    Column(
        "tempat_en",
        "teks",
        "Tempat dalam bahasa Inggris",
        "Place in English",
        lambda p: _text(p.place_en),
    ),
    Column("keterangan", "teks", "Keterangan", "Description", lambda p: _text(p.description)),
    Column(
        "keterangan_en",
        "teks",
        "Keterangan dalam bahasa Inggris",
        "Description in English",
        lambda p: _text(p.description_en),
    ),
    Column(
        "halaman",
        "teks",
        "Alamat acara di jadwal situs ini",
        "Address of the item in this site's programme",
        lambda p: absolute_url(p.get_absolute_url()),
    ),
    Column(
        "diubah",
        "waktu",
        "Terakhir diubah panitia",
        "Last edited by the organisers",
        lambda p: p.updated_at,
    ),
]


@dataclasses.dataclass(frozen=True)
class ResultRow:
    """One figure of an edition's results (the results dataset is long: one row per figure)."""

    edition: int
    source: str
    subject: str
    subject_slug: str
    measure: str
    value: int | Decimal


RESULT_COLUMNS = [
    Column(
        "edisi",
        "bilangan bulat",
        "Tahun edisi festival",
        "Year of the festival edition",
        lambda r: r.edition,
    ),
    Column(
        "sumber",
        "teks",
        "Asal angka: permohonan, antrian, survei, atau workshop",
        "Where the figure comes from: permohonan (requests), antrian (queue), survei (survey) "
        "or workshop",
        lambda r: r.source,
    ),
    Column(
        "subjek",
        "teks",
        "Layanan atau workshop; kosong untuk seluruh edisi",
        "Service or workshop; empty for the whole edition",
        lambda r: _text(r.subject),
    ),
    Column(
        "subjek_slug",
        "teks",
        "Pengenal layanan atau workshop",
        "Identifier of the service or workshop",
        lambda r: _text(r.subject_slug),
    ),
    Column(
        "ukuran",
        "teks",
        "Apa yang diukur; lihat daftar ukuran",
        "What is measured; see the list of measures",
        lambda r: r.measure,
    ),
    Column("nilai", "bilangan", "Angkanya", "The figure", lambda r: r.value),
]


@dataclasses.dataclass(frozen=True)
class Measure:
    code: str
    meaning_id: str
    meaning_en: str


MEASURES = [
    Measure("permohonan", "Permohonan layanan yang diajukan", "Service requests made"),
    *(
        Measure(
            f"permohonan_{status}",
            f"Permohonan yang berakhir dengan status {status}",
            f"Requests whose status ended as {status}",
        )
        for status in ("submitted", "needs_correction", "in_process", "ready", "done", "rejected")
    ),
    Measure(
        "nomor_antrian",
        "Nomor antrian yang diberikan (dipesan atau langsung, tidak dibatalkan)",
        "Queue numbers given (booked or walk-in, not cancelled)",
    ),
    Measure("dilayani", "Orang yang dilayani di meja antrian", "People served at the queue desk"),
    Measure(
        "orang_dilayani",
        "Orang dilayani yang menerima kode survei (N, populasi sampel)",
        "People served who got a survey code (N, the sample's population)",
    ),
    Measure("responden", "Orang yang menjawab survei", "People who answered the survey"),
    Measure(
        "sampel_diperlukan",
        "Jawaban yang diperlukan (tabel Krejcie dan Morgan)",
        "Answers needed (Krejcie and Morgan's table)",
    ),
    Measure(
        "ikm",
        "Indeks kepuasan masyarakat (IKM), 25–100, dihitung seperti di halaman hasil survei; "
        "hanya apabila sampel cukup",
        "Public satisfaction index (IKM), 25–100, computed as on the survey results page; only "
        "when the sample is enough",
    ),
    Measure(
        "terdaftar", "Pendaftar workshop yang terkonfirmasi", "Confirmed workshop registrations"
    ),
    Measure("daftar_tunggu", "Pendaftar di daftar tunggu", "Registrations on the waiting list"),
    Measure("batal", "Pendaftaran yang dibatalkan", "Cancelled registrations"),
    Measure("hadir", "Peserta yang hadir (check-in)", "Participants who came (checked in)"),
]


def _survey_rows(edition: Edition) -> list[ResultRow]:
    """The published survey figures: N, respondents, the target, and the index only when the
    sample is enough (the rule of the results page, which publishes no grade before)."""
    if survey_queries.edition_index(edition) is None:
        return []
    results = survey_queries.edition_results(edition)
    rows = []
    parts = [("", "", results.index)] + [
        (r.service.name, r.service.slug, r.index) for r in results.services
    ]
    for name, slug, index in parts:
        figures = [
            ("orang_dilayani", index.served),
            ("responden", index.respondents),
            ("sampel_diperlukan", index.target),
        ]
        if index.computed and index.sample_enough:
            figures.append(("ikm", index.converted_shown))
        rows += [ResultRow(edition.year, "survei", name, slug, m, v) for m, v in figures]
    return rows


def edition_result_rows(edition: Edition) -> list[ResultRow]:
    """Every aggregate figure of `edition`: requests per service and status, queue numbers and
    people served, the survey, the workshops. Counts only, never a person."""
    year = edition.year
    rows = []
    requests = services_queries.edition_results(edition)
    for row in requests.rows:
        service = row.offering.service
        rows.append(
            ResultRow(year, "permohonan", service.name, service.slug, "permohonan", row.total)
        )
        for (status, _label), count in zip(requests.statuses, row.counts, strict=True):
            rows.append(
                ResultRow(
                    year, "permohonan", service.name, service.slug, f"permohonan_{status}", count
                )
            )
    for row in queue_queries.edition_results(edition):
        service = row.offering.service
        rows.append(
            ResultRow(year, "antrian", service.name, service.slug, "nomor_antrian", row.tickets)
        )
        rows.append(ResultRow(year, "antrian", service.name, service.slug, "dilayani", row.served))
    rows += _survey_rows(edition)
    for result in workshop_queries.edition_results(edition):
        workshop = result.workshop
        for measure, value in (
            ("terdaftar", result.confirmed),
            ("daftar_tunggu", result.waitlisted),
            ("batal", result.cancelled),
            ("hadir", result.attended),
        ):
            rows.append(ResultRow(year, "workshop", workshop.title, workshop.slug, measure, value))
    return rows


def past_editions(year: int | None = None) -> list[Edition]:
    """The published editions that are over (the latest first), or the one of `year`."""
    editions = Edition.objects.published().order_by("-start_date")
    if year is not None:
        editions = editions.filter(year=year)
    return [e for e in editions if e.phase().is_after]


@dataclasses.dataclass(frozen=True)
class Dataset:
    slug: str  # the file name: /data/<slug>.csv
    title: str  # lazily translated
    description: str
    columns: list[Column]


CATALOGUE = Dataset(
    "inovasi",
    _("Katalog inovasi"),
    _("Inovasi pelayanan publik yang tayang di katalog, dengan keterangan untuk replikasi."),
    INNOVATION_COLUMNS,
)
PROGRAMME = Dataset(
    "jadwal",
    _("Jadwal festival"),
    _("Acara yang tayang di jadwal satu edisi festival."),
    PROGRAMME_COLUMNS,
)
RESULTS = Dataset(
    "hasil",
    _("Hasil festival"),
    _(
        "Angka agregat edisi yang telah selesai: permohonan layanan, antrian, survei kepuasan, "
        "dan workshop. Tanpa data pribadi."
    ),
    RESULT_COLUMNS,
)
DATASETS = [CATALOGUE, PROGRAMME, RESULTS]


# --- Last update --------------------------------------------------------------------------


def _latest(*moments) -> datetime.datetime | None:
    present = [m for m in moments if m is not None]
    return max(present) if present else None


def catalogue_updated() -> datetime.datetime | None:
    """The latest edit of anything the catalogue file shows (one query per model)."""
    return _latest(
        *(
            model.objects.aggregate(latest=Max("updated_at"))["latest"]
            for model in (Innovation, Agency, Theme, Award, Exhibit, ReplicationDocument)
        )
    )


def programme_updated(edition: Edition) -> datetime.datetime | None:
    """The latest edit of the edition or its programme (one query)."""
    items = ProgrammeItem.objects.filter(edition=edition).aggregate(latest=Max("updated_at"))
    return _latest(edition.updated_at, items["latest"])


def open_data_settings() -> OpenDataSettings:
    """The organisers' choices (an unsaved, empty one until they make any)."""
    return OpenDataSettings.objects.order_by("pk").first() or OpenDataSettings()


# --- Files --------------------------------------------------------------------------------

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
# A byte order mark first, so Excel opens the file as UTF-8 (é, “ ”, – stay themselves).
BOM = "\ufeff"


def csv_bytes(columns: list[Column], objects: Iterable) -> bytes:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for obj in objects:
        writer.writerow([_csv_cell(c, c.get(obj)) for c in columns])
    return out.getvalue().encode("utf-8")


def json_rows(columns: list[Column], objects: Iterable) -> list[dict]:
    return [{c.name: _json_value(c, c.get(obj)) for c in columns} for obj in objects]


def json_schema(dataset: Dataset) -> dict:
    """A JSON Schema (2020-12) of the dataset's JSON file, made from its columns."""
    properties = {
        column.name: {
            "type": [*column.type_info.json_types, "null"],
            "description": column.meaning_en,
            **({"items": {"type": "string"}} if column.type == "daftar teks" else {}),
            **({"format": "date"} if column.type == "tanggal" else {}),
            **({"format": "date-time"} if column.type == "waktu" else {}),
        }
        for column in dataset.columns
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute_url(reverse("data:schema", kwargs={"dataset": dataset.slug})),
        "title": str(dataset.title),
        "type": "object",
        "required": ["dataset", "diperbarui", "lisensi", "kolom", "data"],
        "properties": {
            "dataset": {"const": dataset.slug},
            "diperbarui": {"type": ["string", "null"], "format": "date-time"},
            "lisensi": {"type": ["object", "null"]},
            "kolom": {"type": "array", "items": {"type": "string"}},
            "data": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": properties,
                    "required": [c.name for c in dataset.columns],
                    "additionalProperties": False,
                },
            },
        },
    }


def _iso(moment: datetime.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _licence(settings: OpenDataSettings) -> dict | None:
    if not settings.licence_name:
        return None
    return {"nama": settings.licence_name, "url": settings.licence_url or None}


def file_response(
    dataset: Dataset,
    objects: Iterable,
    *,
    fmt: str,
    filename: str,
    updated: datetime.datetime | None,
) -> HttpResponse:
    """The dataset as a CSV or JSON download, with Last-Modified when `updated` is known."""
    if fmt == "csv":
        response = HttpResponse(csv_bytes(dataset.columns, objects), content_type=CSV_CONTENT_TYPE)
    else:
        document = {
            "dataset": dataset.slug,
            "diperbarui": _iso(updated),
            "lisensi": _licence(open_data_settings()),
            "skema": absolute_url(reverse("data:schema", kwargs={"dataset": dataset.slug})),
            "kolom": [c.name for c in dataset.columns],
            "data": json_rows(dataset.columns, objects),
        }
        response = HttpResponse(
            json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
            content_type=JSON_CONTENT_TYPE,
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    if updated is not None:
        response["Last-Modified"] = http_date(updated.timestamp())
    return response


# --- Views --------------------------------------------------------------------------------


@require_safe
def catalogue_file(request, fmt):
    """/data/inovasi.csv|json with the catalogue page's filters (q, tema, penghargaan,
    instansi, edisi), through the same form and query as the page."""
    form = CatalogueFilterForm(request.GET)
    innovations = innovation_queries.catalogue(**form.filters()).prefetch_related("documents")
    return file_response(
        CATALOGUE, innovations, fmt=fmt, filename="inovasi", updated=catalogue_updated()
    )


@require_safe
def programme_file(request, fmt, year=None):
    """/data/jadwal.csv|json (the current edition) and /<year>/data/jadwal.csv|json, with
    the programme page's filter (jenis)."""
    edition = edition_of_page(request, year)
    kind = ProgrammeFilterForm(request.GET).kind
    items = ProgrammeItem.objects.of_edition(edition)
    if kind:
        items = items.filter(kind=kind)
    items = list(items)
    for item in items:
        item.edition = edition  # known already: no query per item
    return file_response(
        PROGRAMME,
        items,
        fmt=fmt,
        filename=f"jadwal-{edition.year}",
        updated=programme_updated(edition),
    )


@require_safe
def results_file(request, fmt):
    """/data/hasil.csv|json: the aggregate results of every past edition, or of one (edisi)."""
    year = request.GET.get("edisi", "")
    editions = past_editions(int(year) if year.isdigit() and len(year) == 4 else None)
    rows = [row for edition in editions for row in edition_result_rows(edition)]
    return file_response(RESULTS, rows, fmt=fmt, filename="hasil", updated=None)


@require_safe
def schema_file(request, dataset):
    found = {d.slug: d for d in DATASETS}.get(dataset)
    if found is None:
        raise Http404("No such dataset")
    response = HttpResponse(
        json.dumps(json_schema(found), ensure_ascii=False, indent=1),
        content_type="application/schema+json; charset=utf-8",
    )
    return response


class DataPageView(TemplateView):
    """/data/: what can be downloaded, every column documented, the licence, the last update
    and a schema.org description for data search engines."""

    template_name = "opendata/data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = current_edition()
        settings = open_data_settings()
        updated = {"inovasi": catalogue_updated()}
        if edition is not None:
            updated["jadwal"] = programme_updated(edition)
        context.update(
            datasets=DATASETS,
            types=list(TYPES.values()),
            measures=MEASURES,
            settings=settings,
            updated=updated,
            last_update=_latest(*updated.values(), settings.updated_at),
            past_years=[e.year for e in past_editions()],
            jsonld=jsonld.script(dataset_graph(edition, settings, updated)),
        )
        return context


def _distribution(url: str, fmt: str) -> dict:
    return {
        "@type": "DataDownload",
        "encodingFormat": "text/csv" if fmt == "csv" else "application/json",
        "contentUrl": absolute_url(url),
    }


def dataset_graph(edition, settings, updated) -> dict:
    """schema.org: a DataCatalog of the three datasets, each with its CSV and JSON."""
    page = absolute_url(reverse("data:index"))
    publisher = (
        {"@type": "Organization", "name": edition.organiser} if edition is not None else None
    )
    urls = {
        "inovasi": lambda fmt: reverse("data:catalogue", kwargs={"fmt": fmt}),
        "jadwal": lambda fmt: reverse("data:programme", kwargs={"fmt": fmt}),
        "hasil": lambda fmt: reverse("data:results", kwargs={"fmt": fmt}),
    }
    datasets = []
    for dataset in DATASETS:
        if dataset is PROGRAMME and edition is None:
            continue
        entry = {
            "@type": "Dataset",
            "name": str(dataset.title),
            "description": str(dataset.description),
            "url": f"{page}#{dataset.slug}",
            "inLanguage": "id",
            "isAccessibleForFree": True,
            "variableMeasured": [c.name for c in dataset.columns],
            "distribution": [
                _distribution(urls[dataset.slug](fmt), fmt) for fmt in ("csv", "json")
            ],
        }
        if settings.licence_url or settings.licence_name:
            entry["license"] = settings.licence_url or settings.licence_name
        if updated.get(dataset.slug):
            entry["dateModified"] = _iso(updated[dataset.slug])
        if publisher:
            entry["publisher"] = publisher
        datasets.append(entry)
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": str(_("Data terbuka Festival Pelayanan Publik Banyuwangi")),
        "url": page,
        "dataset": datasets,
    }


# --- URLs ---------------------------------------------------------------------------------


class FormatConverter:
    regex = "csv|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class DatasetConverter:
    regex = "inovasi|jadwal|hasil"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "datafmt")
register_converter(DatasetConverter, "dataset")

app_name = "data"

urlpatterns = [
    path("data/", DataPageView.as_view(), name="index"),
    path("data/inovasi.<datafmt:fmt>", catalogue_file, name="catalogue"),
    path("data/jadwal.<datafmt:fmt>", programme_file, name="programme"),
    path("<year:year>/data/jadwal.<datafmt:fmt>", programme_file, name="programme"),
    path("data/hasil.<datafmt:fmt>", results_file, name="results"),
    path("data/<dataset:dataset>.schema.json", schema_file, name="schema"),
]
