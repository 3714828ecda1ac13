"""The innovation showcase: agencies, themes, awards, innovations and their photos, and the
exhibits that say which innovations each festival edition showed, at which booth.

Content is written in Bahasa Indonesia; fields ending in `_en` hold an optional English
version that `/en/` pages show when it is filled (see `festival.sitewide.i18n.localized`).
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from festival.models import booth_of_other_edition
from festival.sitewide import pagecache
from innovations import search

# Widths (CSS pixels × density) of the WebP renditions made once at upload: a card
# thumbnail on a phone, a detail photo on a phone at 2× or a laptop, and a wide screen.
RENDITION_WIDTHS = {"small": 480, "medium": 960, "large": 1600}


class Agency(models.Model):
    """A government body that runs innovations: a dinas, badan, bagian, puskesmas, …"""

    class Kind(models.TextChoices):
        REGENCY = "pemda", _("Pemerintah kabupaten")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        BAGIAN = "bagian", _("Bagian")
        PUSKESMAS = "puskesmas", _("Puskesmas")
        KECAMATAN = "kecamatan", _("Kecamatan")
        DESA = "desa", _("Desa/kelurahan")
        OTHER = "lainnya", _("Lainnya")

    name = models.CharField(_("nama"), max_length=200, unique=True)
    name_en = models.CharField(_("nama (Inggris)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.DINAS)
    kecamatan = models.ForeignKey(
        "sitewide.Kecamatan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kecamatan"),
        help_text=_("Untuk puskesmas, kecamatan, atau desa: letaknya."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    # Both names, lowered and (PostgreSQL) unaccented, kept by the database for the search.
    search_name = models.GeneratedField(
        expression=search.Unaccent(Lower(search.Words("name", "name_en"))),
        output_field=models.TextField(),
        db_persist=True,
    )

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A field of public service (health, civil registration, …) with its SVG icon."""

    class Icon(models.TextChoices):
        # Each value is a file in static/img/themes/<value>.svg.
        HEALTH = "kesehatan", _("Kesehatan (hati)")
        CIVIL_REGISTRATION = "kependudukan", _("Kependudukan (kartu identitas)")
        EDUCATION = "pendidikan", _("Pendidikan (buku)")
        VILLAGE = "desa", _("Desa (rumah)")
        BUDGET = "anggaran", _("Anggaran (grafik)")
        GENERAL = "umum", _("Umum (bola lampu)")

    name = models.CharField(_("nama"), max_length=100, unique=True)
    name_en = models.CharField(_("nama (Inggris)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    icon = models.CharField(_("ikon"), max_length=20, choices=Icon.choices, default=Icon.GENERAL)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    search_name = models.GeneratedField(
        expression=search.Unaccent(Lower(search.Words("name", "name_en"))),
        output_field=models.TextField(),
        db_persist=True,
    )

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("tema")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def icon_path(self) -> str:
        return f"img/themes/{self.icon}.svg"

    @property
    def share_image_path(self) -> str:
        """The icon as a 1200 × 630 PNG for link previews (Open Graph), which mostly cannot
        show SVG: static/img/themes/<icon>-share.png, rendered once from the SVG."""
        return f"img/themes/{self.icon}-share.png"


class Award(models.Model):
    """A recognition in a competition (e.g. TOP 99 of KemenPAN-RB's competition in 2016),
    with where it is documented. Several innovations may share one award."""

    class Scope(models.TextChoices):
        NATIONAL = "nasional", _("Nasional")
        PROVINCIAL = "provinsi", _("Provinsi")
        REGENCY = "kabupaten", _("Kabupaten")
        INTERNATIONAL = "internasional", _("Internasional")

    programme = models.CharField(
        _("program/kompetisi"),
        max_length=200,
        help_text=_("Misalnya: Kompetisi Inovasi Pelayanan Publik (Sinovik) KemenPAN-RB."),
    )
    programme_en = models.CharField(_("program/kompetisi (Inggris)"), max_length=200, blank=True)
    level = models.CharField(
        _("peringkat"), max_length=50, help_text=_("Misalnya: TOP 99, TOP 35, TOP 25.")
    )
    level_slug = models.SlugField(
        _("slug peringkat"),
        max_length=50,
        help_text=_("Dipakai di filter katalog, misalnya top-99. Sama untuk peringkat yang sama."),
    )
    year = models.PositiveSmallIntegerField(
        _("tahun"),
        null=True,
        blank=True,
        help_text=_("Kosongkan apabila tahunnya tidak pasti."),
    )
    scope = models.CharField(
        _("tingkat"), max_length=20, choices=Scope.choices, default=Scope.NATIONAL
    )
    source = models.CharField(
        _("sumber"),
        max_length=300,
        help_text=_("Di mana penghargaan ini tercatat, misalnya nama situs dan tanggal berita."),
    )
    source_url = models.URLField(_("tautan sumber"), max_length=500, blank=True)
    note = models.TextField(
        _("catatan"),
        blank=True,
        help_text=_("Untuk panitia: keraguan atau rincian sumber. Tidak ditampilkan di situs."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("penghargaan")
        verbose_name_plural = _("penghargaan")
        ordering = ["-year", "programme", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "level", "year"], name="award_unique_programme_level_year"
            ),
            models.UniqueConstraint(
                fields=["programme", "level"],
                condition=Q(year__isnull=True),
                name="award_unique_programme_level_without_year",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1990, year__lte=2100),
                name="award_year_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.level} {self.programme}" + (f" {self.year}" if self.year else "")


class InnovationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_cards(self):
        """What a card shows: agency, theme, awards and the first photo, in a fixed
        number of queries however many innovations there are."""
        return self.select_related("agency", "theme").prefetch_related(*card_prefetches())

    def in_catalogue_order(self):
        """Featured first, then by name; a search's best matches before all that."""
        order = ("-is_featured", "name", "pk")
        if "search_rank" in self.query.annotations:
            order = ("-search_rank", *order)
        return self.order_by(*order)

    def search(self, text: str, *, exact: bool = False, forgiving: bool = False):
        """Innovations whose text, agency or theme holds every word of `text`, in any order,
        whatever the case (and on PostgreSQL the accents), annotated with `search_rank`
        (higher: more of the words in the name or acronym). On PostgreSQL, when no
        innovation holds every word, those whose name, agency or theme has words like them
        (small typos), unless `exact`. One condition in one query: see innovations/search.py.
        (The catalogue asks `exact` first and, when that finds nothing, `forgiving`: every
        word held or like a word of a name, without asking again whether any holds all.)"""
        words = search.terms(text)
        if not words:
            return self
        matches = search.Matches(words, exact=exact, forgiving=forgiving)
        return self.filter(matches).annotate(search_rank=search.Rank(words))

    def with_award_level(self, level_slug: str):
        # A subquery rather than a join, so an innovation with two awards of one level
        # is listed once and no DISTINCT is needed.
        through = Innovation.awards.through.objects.filter(
            innovation=OuterRef("pk"), award__level_slug=level_slug
        )
        return self.filter(Exists(through))


def card_prefetches() -> list[Prefetch]:
    """What a card shows beyond the innovation's own row, agency and theme."""
    return [
        Prefetch("awards", queryset=Award.objects.order_by("-year", "level")),
        Prefetch("photos", queryset=Photo.objects.order_by("order", "pk")),
    ]


def _search_column(*fields: str):
    return search.Unaccent(Lower(search.Words(*fields)))


_TITLE_FIELDS = ("name", "name_en", "acronym", "acronym_expansion", "acronym_expansion_en")


class Innovation(models.Model):
    class Status(models.TextChoices):
        RUNNING = "berjalan", _("Berjalan")
        STOPPED = "berhenti", _("Berhenti")

    name = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(
        _("nama (Inggris)"),
        max_length=200,
        blank=True,
        help_text=_("Kosongkan apabila namanya sama dalam bahasa Inggris."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    acronym = models.CharField(_("singkatan"), max_length=30, blank=True)
    acronym_expansion = models.CharField(
        _("kepanjangan singkatan"),
        max_length=200,
        blank=True,
        help_text=_("Isi hanya apabila kepanjangannya pasti dari sumber resmi."),
    )
    acronym_expansion_en = models.CharField(
        _("arti kepanjangan (Inggris)"), max_length=200, blank=True
    )
    summary = models.CharField(
        _("ringkasan"), max_length=300, help_text=_("Satu atau dua kalimat untuk kartu katalog.")
    )
    summary_en = models.CharField(_("ringkasan (Inggris)"), max_length=300, blank=True)
    description = models.TextField(
        _("uraian"), blank=True, help_text=_("Pisahkan paragraf dengan baris kosong.")
    )
    description_en = models.TextField(_("uraian (Inggris)"), blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="innovations", verbose_name=_("instansi")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="innovations", verbose_name=_("tema")
    )
    awards = models.ManyToManyField(
        Award, blank=True, related_name="innovations", verbose_name=_("penghargaan")
    )
    started_year = models.PositiveSmallIntegerField(_("mulai tahun"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    status_year = models.PositiveSmallIntegerField(
        _("status per tahun"),
        null=True,
        blank=True,
        help_text=_(
            "Tahun sumber yang menyebut status ini. Status tampil sebagai “Berjalan (per 2016)”: "
            "keadaan sebuah inovasi hanya diketahui per tanggal sumbernya."
        ),
    )
    # What an office replicating the innovation needs (issue #16): empty until organisers
    # fill them; the page shows its "for replication" section only where something is filled.
    implementing_unit = models.CharField(
        _("unit pelaksana"),
        max_length=200,
        blank=True,
        help_text=_(
            "Unit yang menjalankan inovasi sehari-hari apabila berbeda dari instansinya, "
            "misalnya sebuah bidang atau seksi. Kosongkan apabila tidak diketahui."
        ),
    )
    implementing_unit_en = models.CharField(
        _("unit pelaksana (Inggris)"), max_length=200, blank=True
    )
    legal_basis = models.TextField(
        _("dasar hukum"),
        blank=True,
        help_text=_(
            "Peraturan atau keputusan yang mendasari inovasi, dengan nomor dan tahunnya, satu "
            "per baris. Isi hanya yang pasti dari sumber resmi."
        ),
    )
    legal_basis_en = models.TextField(_("dasar hukum (Inggris)"), blank=True)
    contact_office = models.CharField(
        _("kantor yang dapat dihubungi"),
        max_length=200,
        blank=True,
        help_text=_(
            "Kontak untuk replikasi: kanal kantor, bukan nomor pribadi. Misalnya nama bidang "
            "dan instansinya."
        ),
    )
    contact_office_en = models.CharField(
        _("kantor yang dapat dihubungi (Inggris)"), max_length=200, blank=True
    )
    contact_email = models.EmailField(
        _("surel kantor"),
        blank=True,
        help_text=_("Alamat surel resmi kantor, bukan surel pribadi."),
    )
    contact_phone = models.CharField(
        _("telepon kantor"),
        max_length=30,
        blank=True,
        help_text=_("Nomor telepon kantor, bukan nomor pribadi."),
    )
    contact_website = models.URLField(
        _("situs kantor"), max_length=300, blank=True, help_text=_("Halaman resmi kantor.")
    )
    is_featured = models.BooleanField(
        _("unggulan"), default=False, help_text=_("Ditampilkan di beranda dan di awal katalog.")
    )
    is_published = models.BooleanField(_("tayang"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    # Kept by the database from the fields above, for the catalogue search (search.py).
    search_title = models.GeneratedField(
        expression=_search_column(*_TITLE_FIELDS),
        output_field=models.TextField(),
        db_persist=True,
    )
    search_text = models.GeneratedField(
        expression=_search_column(
            *_TITLE_FIELDS, "summary", "summary_en", "description", "description_en"
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    objects = InnovationQuerySet.as_manager()

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("inovasi")
        verbose_name_plural = _("inovasi")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(acronym_expansion="") | ~Q(acronym=""),
                name="innovation_expansion_needs_acronym",
            ),
            models.CheckConstraint(
                condition=Q(started_year__isnull=True)
                | Q(started_year__gte=1945, started_year__lte=2100),
                name="innovation_started_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(status_year__isnull=True)
                | Q(status_year__gte=1945, status_year__lte=2100),
                name="innovation_status_year_plausible",
            ),
        ]
        indexes = [models.Index(fields=["-is_featured", "name"], name="innovation_catalogue")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("innovations:detail", kwargs={"slug": self.slug})

    @property
    def has_contact(self) -> bool:
        return any(
            (self.contact_office, self.contact_email, self.contact_phone, self.contact_website)
        )

    @property
    def has_replication_details(self) -> bool:
        """Whether the page has anything to show under "for replication" (documents are
        checked by the template, from the prefetched list)."""
        return bool(self.implementing_unit or self.legal_basis or self.has_contact)

    @property
    def short_path(self) -> str:
        """The short, stable address to share (/i/12/): the id outlives a corrected slug."""
        return reverse("innovation-short", kwargs={"pk": self.pk})

    @property
    def first_photo(self):
        """The cover photo, from the prefetched photos when there are (no extra query)."""
        photos = list(self.photos.all())
        return photos[0] if photos else None


class ExhibitQuerySet(models.QuerySet):
    def shown(self):
        """Exhibits the public may see: a published innovation at a published edition."""
        return self.filter(innovation__is_published=True, edition__is_published=True)

    def in_order(self):
        return self.order_by("order", "innovation__name", "pk")


class Exhibit(models.Model):
    """An innovation shown at one festival edition, at its booth there. Innovations persist
    across editions; where (and whether) each edition showed one is dated here, so a later
    edition's booths never change what an earlier one showed."""

    edition = models.ForeignKey(
        "festival.Edition",
        on_delete=models.CASCADE,
        related_name="exhibits",
        verbose_name=_("edisi"),
    )
    # PROTECT: an innovation shown at an edition is part of that edition's record; to take
    # it off the site, unpublish it.
    innovation = models.ForeignKey(
        Innovation, on_delete=models.PROTECT, related_name="exhibits", verbose_name=_("inovasi")
    )
    booth = models.CharField(
        _("stan"),
        max_length=100,
        blank=True,
        help_text=_("Nomor atau nama stan pameran. Kosongkan selama belum ditetapkan."),
    )
    booth_en = models.CharField(_("stan (Inggris)"), max_length=100, blank=True)
    # The booth on the edition's plan (festival.Booth), when organisers placed one: the map
    # and the innovation page then show where it is. The text above stays for editions
    # without a plan.
    booth_place = models.ForeignKey(
        "festival.Booth",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exhibits",
        verbose_name=_("stan di denah"),
        help_text=_("Stan pada denah edisi ini (Festival › Denah stan)."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = ExhibitQuerySet.as_manager()

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("inovasi yang dipamerkan")
        verbose_name_plural = _("inovasi yang dipamerkan")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "innovation"],
                name="exhibit_unique_edition_innovation",
                violation_error_code="shown_twice",
                violation_error_message=_("Inovasi ini sudah tercatat dipamerkan di edisi ini."),
            ),
        ]

    def __str__(self):
        return f"{self.innovation} ({self.edition.year})"

    def clean(self):
        super().clean()
        if (
            self.booth_place_id
            and self.edition_id
            and self.booth_place.plan.edition_id != self.edition_id
        ):
            raise ValidationError({"booth_place": booth_of_other_edition()})


def _photo_path(instance, filename):
    return f"innovations/{filename}"


class Photo(models.Model):
    """A photo of an innovation, stored only as clean WebP renditions made at upload."""

    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, related_name="photos", verbose_name=_("inovasi")
    )
    image_large = models.FileField(_("foto besar"), upload_to=_photo_path, max_length=200)
    image_medium = models.FileField(_("foto sedang"), upload_to=_photo_path, max_length=200)
    image_small = models.FileField(_("foto kecil"), upload_to=_photo_path, max_length=200)
    width = models.PositiveIntegerField(_("lebar foto besar"))
    height = models.PositiveIntegerField(_("tinggi foto besar"))
    alt = models.CharField(
        _("teks alternatif"),
        max_length=250,
        help_text=_(
            "Apa yang terlihat di foto, untuk pembaca layar dan apabila foto tidak termuat. Wajib."
        ),
    )
    alt_en = models.CharField(_("teks alternatif (Inggris)"), max_length=250, blank=True)
    caption = models.CharField(_("keterangan foto"), max_length=300, blank=True)
    caption_en = models.CharField(_("keterangan foto (Inggris)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foto")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(width__gt=0, height__gt=0), name="photo_has_dimensions"
            ),
            models.CheckConstraint(condition=~Q(alt=""), name="photo_alt_required"),
            models.CheckConstraint(condition=~Q(image_large=""), name="photo_has_image"),
        ]

    def __str__(self):
        return self.alt

    def renditions(self) -> list[dict]:
        """[{url, width, height}] from the smallest, one per distinct width, for srcset."""
        seen = set()
        result = []
        for key, target in sorted(RENDITION_WIDTHS.items(), key=lambda item: item[1]):
            file = getattr(self, f"image_{key}")
            width = min(target, self.width)
            if not file or width in seen:
                continue
            seen.add(width)
            result.append(
                {"url": file.url, "width": width, "height": round(self.height * width / self.width)}
            )
        return result

    @property
    def srcset(self) -> str:
        return ", ".join(f"{r['url']} {r['width']}w" for r in self.renditions())

    @property
    def small(self) -> dict:
        return self.renditions()[0]


def _document_path(instance, filename):
    # A random name per upload, never reused: the file's URL may be kept a year.
    return f"innovations/dokumen/{uuid.uuid4().hex}.pdf"


class ReplicationDocument(models.Model):
    """A PDF organisers attach to an innovation for offices that replicate it (an SOP, the
    decree that set it up, a presentation). Public: it is on the innovation's page."""

    class Kind(models.TextChoices):
        SOP = "sop", _("SOP (prosedur operasional standar)")
        DECREE = "sk", _("SK (surat keputusan) atau peraturan")
        PRESENTATION = "presentasi", _("Presentasi")
        OTHER = "lainnya", _("Lainnya")

    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, related_name="documents", verbose_name=_("inovasi")
    )
    title = models.CharField(_("judul"), max_length=200)
    title_en = models.CharField(_("judul (Inggris)"), max_length=200, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("berkas PDF"), upload_to=_document_path, max_length=200)
    size = models.PositiveIntegerField(_("ukuran (bita)"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("dokumen untuk replikasi")
        verbose_name_plural = _("dokumen untuk replikasi")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(file=""), name="document_has_file"),
            models.CheckConstraint(condition=~Q(title=""), name="document_has_title"),
        ]

    def __str__(self):
        return self.title
