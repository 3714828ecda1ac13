"""The festival edition and its programme.

Content is written in Bahasa Indonesia; fields ending in `_en` hold an optional English
version that `/en/` pages show when it is filled (see `festival.sitewide.i18n.localized`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from festival.sitewide import clock, pagecache


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def current(self, today: datetime.date | None = None):
        """The edition the site is about on `today` (Banyuwangi's date, default the festival
        clock): the published edition that is running or next; with none ahead, the latest
        past one. Drafts never."""
        today = today or clock.today()
        # One query: editions not yet over first, the soonest of them first; then the past
        # ones, the latest first.
        is_over = models.Case(
            models.When(end_date__lt=today, then=models.Value(1)), default=models.Value(0)
        )
        start_if_ahead = models.Case(models.When(end_date__gte=today, then=models.F("start_date")))
        return (
            self.published()
            .alias(is_over=is_over, start_if_ahead=start_if_ahead)
            .order_by("is_over", "start_if_ahead", "-start_date")
            .first()
        )


def _non_empty_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# The years an edition may have: the festival began in 2016; a typo such as 20277 is refused.
EDITION_YEARS = (2000, 2100)


class Edition(models.Model):
    """One festival: its year, dates, venue and words. Everything dated belongs to an edition
    (its programme here; workshops, the desk's offering and the exhibits in their apps), so
    what was true of an edition stays true of it when a later one changes."""

    year = models.PositiveSmallIntegerField(
        _("tahun"),
        unique=True,
        help_text=_("Satu edisi per tahun; alamat arsipnya adalah tahunnya, misalnya /2016/."),
    )
    name = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(_("nama (Inggris)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    tagline = models.CharField(_("slogan"), max_length=300, blank=True)
    tagline_en = models.CharField(_("slogan (Inggris)"), max_length=300, blank=True)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    opening_hours = models.CharField(
        _("jam buka"),
        max_length=200,
        blank=True,
        help_text=_("Kosongkan selama jam buka belum diumumkan."),
    )
    opening_hours_en = models.CharField(_("jam buka (Inggris)"), max_length=200, blank=True)
    venue_name = models.CharField(
        _("nama tempat"),
        max_length=200,
        blank=True,
        help_text=_("Wajib diisi sebelum edisi ditayangkan."),
    )
    venue_name_en = models.CharField(_("nama tempat (Inggris)"), max_length=200, blank=True)
    venue_address = models.CharField(_("alamat"), max_length=300, blank=True)
    venue_locality = models.CharField(_("kota/kabupaten"), max_length=100, default="Banyuwangi")
    venue_region = models.CharField(_("provinsi"), max_length=100, default="Jawa Timur")
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    organiser = models.CharField(_("penyelenggara"), max_length=200)
    organiser_en = models.CharField(_("penyelenggara (Inggris)"), max_length=200, blank=True)
    about = models.TextField(_("tentang festival"))
    about_en = models.TextField(_("tentang festival (Inggris)"), blank=True)
    highlights = models.TextField(
        _("sorotan"),
        blank=True,
        help_text=_(
            "Yang terjadi di festival, satu per baris, dengan sumbernya apabila ada. "
            "Tampil di halaman arsip edisi."
        ),
    )
    highlights_en = models.TextField(_("sorotan (Inggris)"), blank=True)
    free_entry = models.BooleanField(
        _("masuk gratis"),
        default=False,
        help_text=_("Centang hanya apabila panitia telah mengumumkannya."),
    )
    is_published = models.BooleanField(
        _("tayang"),
        default=False,
        help_text=_(
            "Edisi yang belum tayang (draf) tidak terlihat oleh publik; panitia dapat "
            "melihat pratinjaunya di alamat tahunnya, misalnya /2027/."
        ),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("edisi festival")
        verbose_name_plural = _("edisi festival")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="edition_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=EDITION_YEARS[0], year__lte=EDITION_YEARS[1]),
                name="edition_year_plausible",
            ),
            # The public never sees an edition without a place (see festival.domain.publish).
            models.CheckConstraint(
                condition=Q(is_published=False) | ~Q(venue_name=""),
                name="edition_published_has_venue",
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.year}"

    def get_absolute_url(self):
        """The edition's stable archive home, /<year>/."""
        return reverse("festival:home", kwargs={"year": self.year})

    def clean(self):
        super().clean()
        if self.start_date and self.year and self.start_date.year != self.year:
            raise ValidationError(
                {
                    "start_date": ValidationError(
                        _("Festival edisi %(year)s dimulai pada tahun %(year)s."),
                        code="start_outside_year",
                        params={"year": self.year},
                    )
                }
            )

    @property
    def highlight_lines(self) -> list[str]:
        return _non_empty_lines(self.highlights)

    @property
    def highlight_lines_en(self) -> list[str]:
        return _non_empty_lines(self.highlights_en)

    @property
    def days(self) -> list[datetime.date]:
        """Every date of the festival, in order."""
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=n) for n in range(count)]

    def phase(self, today: datetime.date | None = None) -> "Phase":
        """Where `today` (Banyuwangi's date) stands against the festival dates."""
        today = today or clock.today()
        if today < self.start_date:
            return Phase(state=Phase.BEFORE, days_to_go=(self.start_date - today).days)
        if today > self.end_date:
            return Phase(state=Phase.AFTER)
        return Phase(
            state=Phase.DURING,
            day_number=(today - self.start_date).days + 1,
            day_count=len(self.days),
        )


class Phase:
    """The festival's state on a given day, for the home page and the programme."""

    BEFORE, DURING, AFTER = "before", "during", "after"

    def __init__(self, *, state, days_to_go=None, day_number=None, day_count=None):
        self.state = state
        self.days_to_go = days_to_go
        self.day_number = day_number
        self.day_count = day_count

    def __eq__(self, other):
        return isinstance(other, Phase) and vars(self) == vars(other)

    def __repr__(self):
        return f"Phase({vars(self)!r})"

    is_before = property(lambda self: self.state == self.BEFORE)
    is_during = property(lambda self: self.state == self.DURING)
    is_after = property(lambda self: self.state == self.AFTER)


class ProgrammeItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, edition__is_published=True)

    def in_order(self):
        # Untimed (all-day) items first within a day, then by start time.
        return self.order_by("date", models.F("start_time").asc(nulls_first=True), "order", "pk")

    def of_edition(self, edition):
        """The published programme of `edition`, in the order the site shows it."""
        return self.published().filter(edition=edition).in_order()


class ProgrammeKind(models.TextChoices):
    OPENING = "opening", _("Pembukaan")
    EXHIBITION = "exhibition", _("Pameran")
    WORKSHOP = "workshop", _("Workshop")
    SERVICE_DESK = "service_desk", _("Layanan satu pintu")
    OTHER = "other", _("Lainnya")


class Untimed(models.TextChoices):
    ALL_DAY = "all_day", _("Sepanjang hari")
    TBA = "tba", _("Waktu menyusul")


# Characters a browser reads as a slash (backslash) or drops (tab, line breaks) anywhere in a
# URL: in a link they can turn a path into `//another-host`.
LINK_FORBIDDEN = ("\\", "\t", "\n", "\r")


class ProgrammeItem(models.Model):
    # Module-level choices, so the constraints in Meta can use their values.
    Kind = ProgrammeKind
    Untimed = Untimed

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="items", verbose_name=_("edisi")
    )
    title = models.CharField(_("judul"), max_length=200)
    title_en = models.CharField(_("judul (Inggris)"), max_length=200, blank=True)
    slug = models.SlugField(
        _("slug"), max_length=120, help_text=_("Unik dalam satu edisi; dipakai di alamat.")
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("jam mulai"), null=True, blank=True)
    end_time = models.TimeField(_("jam selesai"), null=True, blank=True)
    untimed = models.CharField(
        _("tanpa jam ditampilkan sebagai"),
        max_length=10,
        choices=Untimed.choices,
        default=Untimed.TBA,
        help_text=_("Dipakai selama jam mulai kosong."),
    )
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    place_en = models.CharField(_("tempat (Inggris)"), max_length=200, blank=True)
    booth = models.ForeignKey(
        "Booth",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_items",
        verbose_name=_("stan di denah"),
        help_text=_("Apabila acara berlangsung di stan pada denah edisi ini: tautan ke petanya."),
    )
    description = models.TextField(_("keterangan"), blank=True)
    description_en = models.TextField(_("keterangan (Inggris)"), blank=True)
    link_url = models.CharField(
        _("tautan"),
        max_length=200,
        blank=True,
        help_text=_("Alamat di situs ini, misalnya /workshop/ atau /layanan/kia/."),
    )
    day_tba = models.BooleanField(
        _("hari belum diumumkan"),
        default=False,
        help_text=_(
            'Centang apabila hari acara belum pasti: acara tampil di bagian "Hari menyusul" '
            "tanpa tanggal dan tidak masuk kalender. Hapus centang setelah tanggal dan jam diisi."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("urutan"), default=0, help_text=_("Urutan di antara acara dengan jam yang sama.")
    )
    is_published = models.BooleanField(_("tayang"), default=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = ProgrammeItemQuerySet.as_manager()

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("acara")
        verbose_name_plural = _("acara")
        ordering = ["date", "start_time", "order", "pk"]
        indexes = [models.Index(fields=["edition", "date"], name="programme_item_edition_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"], name="programme_item_slug_unique_in_edition"
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | (Q(start_time__isnull=False) & Q(end_time__gt=models.F("start_time"))),
                name="programme_item_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ProgrammeKind.values),
                name="programme_item_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(untimed__in=Untimed.values),
                name="programme_item_untimed_valid",
            ),
            # Without a day there is no hour either: a made-up time would mislead.
            models.CheckConstraint(
                condition=Q(day_tba=False) | (Q(start_time__isnull=True) & Q(untimed="tba")),
                name="programme_item_no_time_without_day",
            ),
            # Links stay on this site (a path), never to another host. Browsers read a
            # backslash as a slash and drop tabs and line breaks, so `/\evil.com` is
            # `//evil.com`: none of them may appear anywhere in the link.
            models.CheckConstraint(
                condition=Q(link_url="")
                | Q(
                    Q(link_url__startswith="/"),
                    ~Q(link_url__startswith="//"),
                    *(~Q(link_url__contains=character) for character in LINK_FORBIDDEN),
                ),
                name="programme_item_link_is_local_path",
            ),
        ]

    def __str__(self):
        if self.day_tba:
            return f"({_('hari menyusul')}) {self.title}"
        return f"{self.date:%d-%m-%Y} {self.title}"

    def get_absolute_url(self):
        """Where the item is on its edition's programme (/jadwal/… for the current edition,
        /<year>/jadwal/… for another)."""
        from festival.queries import edition_url

        if self.day_tba:
            return f"{edition_url('festival:programme', self.edition)}#hari-menyusul"
        day_url = edition_url("festival:programme-day", self.edition, day=self.date)
        return f"{day_url}#{self.anchor}"

    def clean(self):
        super().clean()
        errors = {}
        if self.end_time is not None and self.start_time is None:
            errors["end_time"] = ValidationError(
                _("Isi jam mulai sebelum jam selesai."), code="end_without_start"
            )
        elif self.end_time is not None and self.end_time <= self.start_time:
            errors["end_time"] = ValidationError(
                _("Jam selesai harus sesudah jam mulai."), code="ends_before_start"
            )
        if self.day_tba and self.start_time is not None:
            errors["start_time"] = ValidationError(
                _("Kosongkan jam selama hari acara belum diumumkan."), code="time_without_day"
            )
        if self.day_tba and self.untimed != self.Untimed.TBA:
            errors["untimed"] = ValidationError(
                _('Acara yang harinya belum diumumkan ditampilkan sebagai "waktu menyusul".'),
                code="all_day_without_day",
            )
        edition = self.edition if self.edition_id else None
        if (
            edition is not None
            and self.date
            and not self.day_tba
            and not edition.start_date <= self.date <= edition.end_date
        ):
            errors["date"] = ValidationError(
                _("Tanggal acara harus di antara %(start)s dan %(end)s."),
                code="outside_festival",
                params={"start": edition.start_date, "end": edition.end_date},
            )
        if edition is not None and self.booth_id and self.booth.plan.edition_id != edition.pk:
            errors["booth"] = booth_of_other_edition()
        if self.link_url and (not self.link_url.startswith("/") or self.link_url.startswith("//")):
            errors["link_url"] = ValidationError(
                _("Tulis alamat di situs ini yang diawali garis miring, misalnya /workshop/."),
                code="link_not_local",
            )
        elif any(character in self.link_url for character in LINK_FORBIDDEN):
            errors["link_url"] = ValidationError(
                _(
                    "Tautan tidak boleh berisi garis miring terbalik (\\), tab, atau baris baru: "
                    "peramban membacanya sebagai alamat situs lain."
                ),
                code="link_not_local",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_timed(self) -> bool:
        return self.start_time is not None and not self.day_tba

    @property
    def is_all_day(self) -> bool:
        return not self.is_timed and not self.day_tba and self.untimed == self.Untimed.ALL_DAY

    @property
    def anchor(self) -> str:
        """The id of the item on the programme pages (for links and the calendar)."""
        return f"acara-{self.slug}"

    @property
    def starts_at(self) -> datetime.datetime | None:
        """When a timed item starts, aware, in Banyuwangi's time zone (WIB)."""
        if not self.is_timed:
            return None
        return datetime.datetime.combine(
            self.date, self.start_time, tzinfo=timezone.get_default_timezone()
        )

    @property
    def ends_at(self) -> datetime.datetime | None:
        """When a timed item ends, if organisers gave an end time."""
        if not self.is_timed or self.end_time is None:
            return None
        return datetime.datetime.combine(
            self.date, self.end_time, tzinfo=timezone.get_default_timezone()
        )


def booth_of_other_edition() -> ValidationError:
    """The error of a link (exhibit, service, programme item) to a booth of another edition's
    plan: a booth is a place at one festival only."""
    return ValidationError(
        _("Pilih stan dari denah edisi yang sama."), code="booth_of_other_edition"
    )


def _plan_path(instance, filename):
    return f"plans/{filename}"


class BoothPlan(models.Model):
    """The plan of the festival yard of one edition: an image organisers upload, stored only
    as a clean WebP re-encoded from its pixels (no metadata), on which its booths are placed."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="booth_plan", verbose_name=_("edisi")
    )
    image = models.FileField(_("gambar denah"), upload_to=_plan_path, max_length=200)
    width = models.PositiveIntegerField(_("lebar gambar"))
    height = models.PositiveIntegerField(_("tinggi gambar"))
    alt = models.CharField(
        _("teks alternatif"),
        max_length=250,
        help_text=_(
            "Apa yang terlihat di denah (misalnya: halaman dengan panggung di utara dan tenda "
            "layanan di timur), untuk pembaca layar. Wajib."
        ),
    )
    alt_en = models.CharField(_("teks alternatif (Inggris)"), max_length=250, blank=True)

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("denah stan")
        verbose_name_plural = _("denah stan")
        constraints = [
            models.CheckConstraint(
                condition=Q(width__gt=0, height__gt=0), name="booth_plan_has_dimensions"
            ),
            models.CheckConstraint(condition=~Q(alt=""), name="booth_plan_alt_required"),
            models.CheckConstraint(condition=~Q(image=""), name="booth_plan_has_image"),
        ]

    def __str__(self):
        return str(_("Denah %(year)s") % {"year": self.edition.year})

    def get_absolute_url(self):
        from festival.queries import edition_url

        return edition_url("festival:map", self.edition)

    @property
    def marker_radius(self) -> int:
        """The radius of a booth's marker in the image's pixels: about 2 % of its longer side,
        so a marker is the same size on the page whatever the image's resolution."""
        return max(8, round(max(self.width, self.height) * 0.02))

    def crop_around(self, booth: "Booth", *, share: float = 0.4) -> str:
        """An SVG viewBox of `share` of the plan's width (4:3, inside the image) centred on
        `booth` where the edges allow: the small map of an innovation or a booth page."""
        width = round(self.width * share)
        height = min(self.height, round(width * 3 / 4))
        left = min(max(0, booth.cx - width // 2), self.width - width)
        top = min(max(0, booth.cy - height // 2), self.height - height)
        return f"{left} {top} {width} {height}"


class BoothQuerySet(models.QuerySet):
    def of_edition(self, edition):
        return self.filter(plan__edition=edition).order_by("number")


class Booth(models.Model):
    """A numbered place on an edition's plan: where on the image (x and y as shares of its
    width and height, 0 at the left and top, 1 at the right and bottom) and what it is called.
    Exhibits, the desk's services and programme items point to it."""

    plan = models.ForeignKey(
        BoothPlan, on_delete=models.CASCADE, related_name="booths", verbose_name=_("denah")
    )
    number = models.PositiveSmallIntegerField(
        _("nomor"), help_text=_("Nomor stan yang tertulis di lokasi; unik dalam satu edisi.")
    )
    label = models.CharField(
        _("nama stan"),
        max_length=100,
        help_text=_("Misalnya: Dinas Kesehatan, Meja layanan KIA, Panggung utama."),
    )
    label_en = models.CharField(_("nama stan (Inggris)"), max_length=100, blank=True)
    x = models.DecimalField(
        _("posisi mendatar"),
        max_digits=5,
        decimal_places=4,
        help_text=_("Dari kiri (0 %) ke kanan (100 %) gambar denah."),
    )
    y = models.DecimalField(
        _("posisi tegak"),
        max_digits=5,
        decimal_places=4,
        help_text=_("Dari atas (0 %) ke bawah (100 %) gambar denah."),
    )

    objects = BoothQuerySet.as_manager()

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("stan")
        verbose_name_plural = _("stan")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="booth_number_unique_in_plan",
                violation_error_code="number_taken",
                violation_error_message=_("Nomor stan ini sudah dipakai di denah ini."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="booth_number_positive"),
            models.CheckConstraint(
                condition=Q(x__gte=0, x__lte=1, y__gte=0, y__lte=1),
                name="booth_position_on_plan",
                violation_error_code="off_plan",
                violation_error_message=_(
                    "Posisi stan harus di dalam gambar denah: dari 0 sampai 100 persen."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.label}"

    def get_absolute_url(self):
        from festival.queries import edition_url

        return edition_url("festival:booth", self.plan.edition, number=self.number)

    @property
    def anchor(self) -> str:
        """The id of the booth on the map page (/peta/#stan-12)."""
        return f"stan-{self.number}"

    @property
    def map_page_url(self) -> str:
        """Its edition's map page (/peta/, /2016/peta/)."""
        from festival.queries import edition_url

        return edition_url("festival:map", self.plan.edition)

    @property
    def map_url(self) -> str:
        """The booth in the list of its edition's map page (/peta/#stan-12)."""
        return f"{self.map_page_url}#{self.anchor}"

    @property
    def cx(self) -> int:
        """Where the booth is on the plan's image, in its pixels (for the SVG)."""
        return round(self.x * self.plan.width)

    @property
    def cy(self) -> int:
        return round(self.y * self.plan.height)

    @property
    def short_path(self) -> str:
        """The short, stable address to share (/b/2016-12/): it names the edition, so it
        keeps leading to this booth when a later edition becomes the current one."""
        return reverse(
            "booth-short", kwargs={"year": self.plan.edition.year, "number": self.number}
        )
