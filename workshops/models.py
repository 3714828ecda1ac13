"""Workshops of the festival and the registrations of village and district staff.

The seat rule (never more confirmed registrations than seats) lives in `workshops.domain`;
the database states what it can: one active registration per phone and per NIP in a
workshop, one registration per submitted form, a village for desa and kelurahan staff.
"""

import datetime
import secrets
import string
import zoneinfo

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from festival.models import Edition, ProgrammeItem
from festival.queries import edition_url
from festival.sitewide import codes, pagecache
from festival.sitewide.models import Kecamatan, Village

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied from paper stays unambiguous.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


def new_code() -> str:
    return codes.new_code(length=CODE_LENGTH, alphabet=CODE_ALPHABET)


def new_secret() -> str:
    return secrets.token_urlsafe(24)


# Certificate numbers: the organisers' format, filled with the certificate's place in its
# workshop (1, 2, 3 …) and the workshop's last day.
NUMBER_FIELDS = ("nomor", "bulan", "bulan_romawi", "tahun")
DEFAULT_NUMBER_FORMAT = "{nomor:03d}/FPP/{bulan_romawi}/{tahun}"
NUMBER_FORMAT_HELP = _(
    "Contoh: {nomor:03d}/FPP/{bulan_romawi}/{tahun} menghasilkan 001/FPP/XII/2016. Isian yang "
    "dapat dipakai: {nomor} (urutan sertifikat di workshop ini; {nomor:03d} = tiga angka "
    "dengan nol di depan), {bulan} (bulan, dua angka), {bulan_romawi} (bulan dalam angka "
    "Romawi), {tahun} (tahun), diambil dari hari terakhir workshop. {nomor} wajib ada. Apabila "
    "beberapa workshop menerbitkan sertifikat, bedakan formatnya (misalnya FPP-1 dan FPP-2) "
    "agar nomornya tidak sama."
)
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
NUMBER_MAX_LENGTH = 60


def format_certificate_number(number_format: str, *, sequence: int, day: datetime.date) -> str:
    """The certificate number `number_format` gives for the `sequence`-th certificate of a
    workshop whose last day is `day`. Raises ValueError, KeyError or IndexError on a format
    that does not work (validate_number_format says which, in words)."""
    return number_format.format(
        nomor=sequence,
        bulan=f"{day.month:02d}",
        bulan_romawi=ROMAN_MONTHS[day.month - 1],
        tahun=day.year,
    )


def validate_number_format(value: str) -> None:
    """A format that names only the known fields, includes {nomor}, and gives a number of at
    most NUMBER_MAX_LENGTH printable characters."""
    try:
        parts = list(string.Formatter().parse(value))
    except ValueError as error:
        raise ValidationError(
            _("Format nomor tidak dapat dibaca (%(error)s): periksa kurung kurawal { }."),
            code="number_format_syntax",
            params={"error": error},
        ) from error
    names = [name for _text, name, _spec, _conv in parts if name is not None]
    unknown = [name for name in names if name not in NUMBER_FIELDS]
    if unknown:
        raise ValidationError(
            _("Isian {%(name)s} tidak dikenal. Yang dapat dipakai: %(known)s."),
            code="number_format_unknown",
            params={"name": unknown[0], "known": ", ".join(f"{{{n}}}" for n in NUMBER_FIELDS)},
        )
    if "nomor" not in names:
        raise ValidationError(
            _("Format nomor harus memuat {nomor}, agar setiap sertifikat bernomor lain."),
            code="number_format_no_sequence",
        )
    try:
        sample = format_certificate_number(value, sequence=1, day=datetime.date(2016, 12, 16))
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise ValidationError(
            _(
                "Format nomor tidak dapat dipakai (%(error)s). Untuk angka dengan nol di depan "
                "tulis {nomor:03d}."
            ),
            code="number_format_invalid",
            params={"error": error},
        ) from error
    if len(sample) > NUMBER_MAX_LENGTH or not sample.isprintable():
        raise ValidationError(
            _("Nomor yang dihasilkan terlalu panjang atau memuat karakter yang tidak tercetak."),
            code="number_format_length",
        )


def new_certificate_token() -> str:
    # 256 bits: the verification address can be neither guessed nor counted through.
    return secrets.token_urlsafe(32)


def staff_member(verbose_name) -> models.ForeignKey:
    """Which staff account did something (let a person in, issued, revoked): kept as a
    record, empty when a visitor acted on their own ticket or the account is gone."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class WorkshopQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_counts(self):
        """Each workshop with `confirmed_count` and `waitlisted_count`, in one query."""
        Status = Registration.Status
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=Status.CONFIRMED)
            ),
            waitlisted_count=Count(
                "registrations", filter=Q(registrations__status=Status.WAITLISTED)
            ),
        )

    def of_edition(self, edition):
        return self.filter(edition=edition)

    def for_pages(self):
        return self.with_counts().select_related("edition", "programme_item")


class Workshop(models.Model):
    class State(models.TextChoices):
        NOT_YET_OPEN = "not_yet_open", _("Pendaftaran belum dibuka")
        OPEN = "open", _("Pendaftaran dibuka")
        WAITLIST = "waitlist", _("Kursi penuh, daftar tunggu dibuka")
        FULL = "full", _("Kursi penuh")
        CLOSED = "closed", _("Pendaftaran ditutup")

        @property
        def accepts_registrations(self) -> bool:
            """Whether a person can register in this state: for a seat while seats are
            left, for a place on the waiting list once they are gone."""
            return self in (Workshop.State.OPEN, Workshop.State.WAITLIST)

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("edisi")
    )
    title = models.CharField(_("judul"), max_length=200)
    title_en = models.CharField(_("judul (Inggris)"), max_length=200, blank=True)
    slug = models.SlugField(
        _("slug"), max_length=120, help_text=_("Unik di dalam satu edisi festival.")
    )
    description = models.TextField(_("keterangan"), blank=True)
    description_en = models.TextField(_("keterangan (Inggris)"), blank=True)
    programme_item = models.ForeignKey(
        ProgrammeItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("acara di jadwal"),
        help_text=_("Tanggal dan jam workshop diambil dari acara ini apabila diisi."),
    )
    date = models.DateField(
        _("tanggal"),
        null=True,
        blank=True,
        help_text=_("Kosongkan selama belum diumumkan (atau apabila acara di jadwal diisi)."),
    )
    start_time = models.TimeField(_("jam mulai"), null=True, blank=True)
    end_time = models.TimeField(_("jam selesai"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    place_en = models.CharField(_("tempat (Inggris)"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("jumlah kursi"), default=100)
    registration_opens = models.DateTimeField(
        _("pendaftaran dibuka"),
        null=True,
        blank=True,
        help_text=_("Kosongkan agar pendaftaran dibuka begitu workshop tayang."),
    )
    registration_closes = models.DateTimeField(
        _("pendaftaran ditutup"),
        null=True,
        blank=True,
        help_text=_("Kosongkan agar pendaftaran ditutup saat festival dimulai."),
    )
    waitlist_size = models.PositiveIntegerField(
        _("batas daftar tunggu"),
        default=50,
        help_text=_(
            "Apabila kursi penuh, pendaftar berikutnya masuk daftar tunggu, paling banyak "
            "sejumlah ini. 0 = tanpa daftar tunggu."
        ),
    )
    office_cap = models.PositiveSmallIntegerField(
        _("batas pendaftar per kantor"),
        default=3,
        help_text=_(
            "Berapa pendaftaran aktif (terdaftar atau daftar tunggu) yang boleh dimiliki satu "
            "kantor: satu desa/kelurahan, atau satu kantor kecamatan bagi yang tidak memilih "
            "desa/kelurahan. Agar kursi terbagi ke seluruh Banyuwangi; 3 cukup untuk kepala "
            "desa, sekretaris desa, dan satu operator."
        ),
    )
    is_published = models.BooleanField(_("tayang"), default=True)
    # What a certificate asks of a participant and states (issue #15): organisers enter them;
    # nothing here is computed from durations.
    certificate_min_percent = models.PositiveSmallIntegerField(
        _("kehadiran minimal untuk sertifikat (%)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Bagian sesi yang harus dihadiri peserta agar mendapat sertifikat, dibulatkan ke "
            "atas: 100 = semua sesi; 50 dari 3 sesi = 2 sesi."
        ),
    )
    jp = models.PositiveSmallIntegerField(
        _("JP (jam pelajaran)"),
        null=True,
        blank=True,
        help_text=_(
            "Jam pelajaran yang tertulis di sertifikat, diisi panitia. Kosongkan apabila "
            "sertifikat tidak menyebut JP."
        ),
    )
    evaluation_required = models.BooleanField(
        _("evaluasi wajib untuk sertifikat"),
        default=False,
        help_text=_(
            "Centang agar sertifikat hanya diberikan kepada peserta yang mengisi evaluasi."
        ),
    )

    # The certificate (see Certificate): what organisers enter; nothing here is invented, and
    # no certificate is issued while the signatory is empty.
    certificate_title = models.CharField(
        _("judul sertifikat"),
        max_length=60,
        default="Sertifikat",
        help_text=_("Tulisan besar di atas sertifikat, misalnya Sertifikat atau Piagam."),
    )
    certificate_number_format = models.CharField(
        _("format nomor sertifikat"),
        max_length=80,
        default=DEFAULT_NUMBER_FORMAT,
        validators=[validate_number_format],
        help_text=NUMBER_FORMAT_HELP,
    )
    certificate_signatory_name = models.CharField(
        _("nama penanda tangan sertifikat"),
        max_length=150,
        blank=True,
        help_text=_(
            "Nama lengkap dengan gelar, seperti tertulis di bawah tanda tangan. Selama kosong, "
            "sertifikat belum dapat diterbitkan."
        ),
    )
    certificate_signatory_position = models.CharField(
        _("jabatan penanda tangan sertifikat"),
        max_length=200,
        blank=True,
        help_text=_(
            "Jabatan penanda tangan, misalnya Kepala Bagian Organisasi. Selama kosong, "
            "sertifikat belum dapat diterbitkan."
        ),
    )

    objects = WorkshopQuerySet.as_manager()

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshop")
        ordering = ["registration_opens", "pk"]
        constraints = [
            # One address per workshop within an edition: /2016/workshop/<slug>/ and
            # /2027/workshop/<slug>/ may share a slug.
            models.UniqueConstraint(
                fields=["edition", "slug"],
                name="workshop_slug_unique_in_edition",
                violation_error_message=_("Slug ini sudah dipakai workshop lain di edisi ini."),
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="workshop_has_seats"),
            models.CheckConstraint(
                condition=Q(office_cap__gt=0), name="workshop_office_may_register"
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gt=models.F("registration_opens")),
                name="workshop_registration_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | (Q(start_time__isnull=False) & Q(end_time__gt=models.F("start_time"))),
                name="workshop_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(certificate_min_percent__gte=1, certificate_min_percent__lte=100),
                name="workshop_certificate_min_percent_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """/workshop/<slug>/ for the current edition's workshop, /<year>/workshop/<slug>/
        for any other edition's."""
        return edition_url("workshops:detail", self.edition, slug=self.slug)

    def clean(self):
        super().clean()
        if (
            self.programme_item_id
            and self.edition_id
            and self.programme_item.edition_id != self.edition_id
        ):
            raise ValidationError(
                {
                    "programme_item": ValidationError(
                        _("Pilih acara di jadwal edisi %(year)s, edisi workshop ini."),
                        code="programme_item_other_edition",
                        params={"year": self.edition.year},
                    )
                }
            )
        self._clean_number_format()

    def _clean_number_format(self) -> None:
        """Two workshops of one edition that both issue certificates (their signatory entered)
        may not share a number format: their first certificates would both be 001/…."""
        if not (self.edition_id and self.certificate_signatory_name.strip()):
            return
        twin = (
            Workshop.objects.filter(
                edition_id=self.edition_id,
                certificate_number_format=self.certificate_number_format,
            )
            .exclude(certificate_signatory_name="")
            .exclude(pk=self.pk)
            .first()
        )
        if twin is not None:
            raise ValidationError(
                {
                    "certificate_number_format": ValidationError(
                        _(
                            "Workshop %(title)s memakai format nomor yang sama, sehingga nomor "
                            "sertifikatnya akan sama. Bedakan formatnya, misalnya "
                            "{nomor:03d}/FPP-2/{bulan_romawi}/{tahun}."
                        ),
                        code="number_format_shared",
                        params={"title": twin.title},
                    )
                }
            )

    # Date and time: the programme item's when linked, else the workshop's own. A programme
    # item whose day is not yet announced (day_tba) keeps a placeholder date: never show it.
    @property
    def day(self) -> datetime.date | None:
        if self.programme_item_id:
            return None if self.programme_item.day_tba else self.programme_item.date
        return self.date

    @property
    def starts(self) -> datetime.time | None:
        return self.programme_item.start_time if self.programme_item_id else self.start_time

    @property
    def ends(self) -> datetime.time | None:
        return self.programme_item.end_time if self.programme_item_id else self.end_time

    @property
    def closes_at(self) -> datetime.datetime:
        """When registration closes: the time organisers set, else when the festival starts
        (the first day's midnight in Banyuwangi) of the workshop's own edition."""
        if self.registration_closes is not None:
            return self.registration_closes
        midnight = datetime.datetime.combine(self.edition.start_date, datetime.time())
        return timezone.make_aware(midnight, zoneinfo.ZoneInfo(settings.TIME_ZONE))

    def state(self, *, now: datetime.datetime, confirmed: int, waitlisted: int) -> "Workshop.State":
        """Whether a person can register at `now` with `confirmed` seats taken and
        `waitlisted` people waiting. Registration opens at `registration_opens` (at once
        when empty) and closes at `closes_at`."""
        if self.registration_opens is not None and now < self.registration_opens:
            return self.State.NOT_YET_OPEN
        if now >= self.closes_at:
            return self.State.CLOSED
        if confirmed < self.capacity:
            return self.State.OPEN
        return self.State.WAITLIST if waitlisted < self.waitlist_size else self.State.FULL

    def seats_left(self, confirmed: int) -> int:
        return max(self.capacity - confirmed, 0)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Terdaftar")
    WAITLISTED = "waitlisted", _("Daftar tunggu")
    CANCELLED = "cancelled", _("Dibatalkan")


class OfficeKind(models.TextChoices):
    DESA = "desa", _("Pemerintah desa")
    KELURAHAN = "kelurahan", _("Kelurahan")
    KECAMATAN = "kecamatan", _("Kecamatan")
    OTHER = "other", _("Lainnya")


# Staff of these offices work in one desa or kelurahan and say which.
VILLAGE_OFFICE_KINDS = (OfficeKind.DESA, OfficeKind.KELURAHAN)

# What a person is told when the phone or NIP they typed already holds an active
# registration for the workshop: the registration form and the database constraints
# say the same, from here.
ALREADY_REGISTERED = {
    "phone": _(
        "Nomor HP ini sudah terdaftar di workshop ini. Buka tiket Anda dari email "
        "atau tautan yang Anda simpan; apabila belum pernah mendaftar, hubungi panitia."
    ),
    "nip": _(
        "NIP ini sudah terdaftar di workshop ini. Buka tiket Anda dari email "
        "atau tautan yang Anda simpan; apabila belum pernah mendaftar, hubungi panitia."
    ),
}


def validate_workplace(
    *, office_kind: str | None, kecamatan: Kecamatan | None, village: Village | None
) -> None:
    """Raise ValidationError on `village` unless the workplace holds together.

    Desa and kelurahan staff name their village, of their office's kind; anyone who names
    a village names one that lies in their kecamatan. (The database cannot say this
    itself: the kecamatan is on the village's row, and a check constraint sees one row.)
    """
    if office_kind in VILLAGE_OFFICE_KINDS and village is None:
        error = ValidationError(
            _("Pilih desa/kelurahan tempat Anda bertugas."), code="village_required"
        )
    elif village is None:
        return
    elif kecamatan is not None and village.kecamatan_id != kecamatan.pk:
        error = ValidationError(
            _("%(village)s tidak berada di Kecamatan %(kecamatan)s."),
            code="village_kecamatan",
            params={"village": village, "kecamatan": kecamatan.name},
        )
    elif office_kind in VILLAGE_OFFICE_KINDS and village.kind != office_kind:
        error = ValidationError(
            _("%(village)s bukan %(kind)s: periksa tempat tugas atau desa/kelurahan."),
            code="village_kind",
            params={"village": village, "kind": Village.Kind(office_kind).label.lower()},
        )
    else:
        return
    raise ValidationError({"village": error})


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def waitlist(self):
        """The waiting list in its order: first come, first promoted."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def for_ticket(self):
        return self.select_related(
            "workshop__edition", "workshop__programme_item", "kecamatan", "village", "evaluation"
        )


class Registration(models.Model):
    # A registration changes the seats left on the workshop pages (/workshop/…) and the
    # counts on an edition's archive pages (/2016/workshop/…, the results on /2016/): every
    # /<year>/… path starts with "/1" or "/2" (festival.converters.YearConverter), and no
    # other path of the site starts with a digit.
    PAGE_CACHE_SCOPE = ("/workshop/", "/1", "/2")

    # Defined at module level so that Meta's constraints can use them too.
    Status = RegistrationStatus
    OfficeKind = OfficeKind

    workshop = models.ForeignKey(
        Workshop, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("workshop")
    )
    code = models.CharField(_("kode pendaftaran"), max_length=12, unique=True, editable=False)
    secret = models.CharField(
        _("rahasia tiket"), max_length=64, unique=True, default=new_secret, editable=False
    )
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    position = models.CharField(_("jabatan"), max_length=150)
    office_kind = models.CharField(_("tempat tugas"), max_length=12, choices=OfficeKind.choices)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="+", verbose_name=_("kecamatan")
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("desa/kelurahan"),
    )
    phone = models.CharField(_("nomor HP"), max_length=16)
    email = models.EmailField(_("email"), blank=True)
    consent = models.BooleanField(_("persetujuan data"), default=False)
    language = models.CharField(_("bahasa"), max_length=8, default="id", editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    # The form's one-time token: a resubmitted form finds the registration it already made.
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)
    checked_in_at = models.DateTimeField(_("hadir pada"), null=True, blank=True)
    checked_in_by = staff_member(_("dicatat hadir oleh"))
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    erased_at = models.DateTimeField(_("data pribadi dihapus pada"), null=True, blank=True)
    # The spelling the participant confirmed for their certificate (their ticket page); the
    # registered name and NIP until then.
    certificate_name = models.CharField(_("nama di sertifikat"), max_length=150, blank=True)
    certificate_nip = models.CharField(_("NIP di sertifikat"), max_length=18, blank=True)
    name_confirmed_at = models.DateTimeField(
        _("ejaan nama dikonfirmasi pada"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("didaftarkan pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("pendaftaran")
        verbose_name_plural = _("pendaftaran")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("check_in_registration", _("Dapat mencatat kehadiran peserta workshop")),
            ("view_personal_data", _("Dapat melihat NIP dan nomor HP peserta")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "phone"],
                condition=~Q(status=RegistrationStatus.CANCELLED) & ~Q(phone=""),
                name="one_active_registration_per_phone",
                violation_error_message=ALREADY_REGISTERED["phone"],
            ),
            models.UniqueConstraint(
                fields=["workshop", "nip"],
                condition=~Q(status=RegistrationStatus.CANCELLED) & ~Q(nip=""),
                name="one_active_registration_per_nip",
                violation_error_message=ALREADY_REGISTERED["nip"],
            ),
            models.UniqueConstraint(
                fields=["workshop", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="one_registration_per_form",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(office_kind__in=VILLAGE_OFFICE_KINDS) | Q(village__isnull=False),
                name="registration_village_for_village_staff",
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status=RegistrationStatus.CONFIRMED),
                name="registration_only_confirmed_check_in",
            ),
        ]
        indexes = [models.Index(fields=["workshop", "status", "created_at"])]

    def __str__(self):
        # Never the person's name: the admin log keeps str(obj) of every edit (object_repr),
        # and the log outlives the erasure of personal data. Screens show full_name themselves.
        return self.code

    def get_absolute_url(self):
        return reverse("workshops:ticket", kwargs={"secret": self.secret})

    def clean(self):
        validate_workplace(
            office_kind=self.office_kind,
            kecamatan=self.kecamatan if self.kecamatan_id else None,
            village=self.village if self.village_id else None,
        )

    @property
    def audit_label(self) -> str:
        """How the audit trail (festival.sitewide.audit) names this registration: its code."""
        return self.code

    @property
    def office_label(self) -> str:
        """Where the person works, as the certificate prints it: "Desa Kemiren, Kecamatan
        Glagah" (or only the kecamatan)."""
        kecamatan = f"Kecamatan {self.kecamatan.name}"
        return f"{self.village}, {kecamatan}" if self.village_id else kecamatan

    @property
    def is_checked_in(self) -> bool:
        return self.checked_in_at is not None

    def waitlist_position(self) -> int | None:
        """1 for the first person on the waiting list, None when not waiting."""
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = Registration.objects.filter(
            workshop_id=self.workshop_id, status=self.Status.WAITLISTED
        ).filter(Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk))
        return ahead.count() + 1


class WorkshopSession(models.Model):
    """One sitting of a workshop (a workshop may run over several): check-in is per session,
    and the certificate rule counts sessions attended. Times only as organisers set them."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("workshop")
    )
    title = models.CharField(
        _("nama sesi"), max_length=150, blank=True, help_text=_('Misalnya "Sesi 1: Materi".')
    )
    title_en = models.CharField(_("nama sesi (Inggris)"), max_length=150, blank=True)
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("jam mulai"), null=True, blank=True)
    end_time = models.TimeField(_("jam selesai"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    place_en = models.CharField(_("tempat (Inggris)"), max_length=200, blank=True)

    # The workshop pages and tickets show sessions; every /<year>/… path starts with a digit.
    PAGE_CACHE_SCOPE = ("/workshop/", "/1", "/2")

    class Meta:
        verbose_name = _("sesi workshop")
        verbose_name_plural = _("sesi workshop")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | (Q(start_time__isnull=False) & Q(end_time__gt=models.F("start_time"))),
                name="workshop_session_ends_after_start",
                violation_error_message=_("Jam selesai harus sesudah jam mulai."),
            ),
        ]

    def __str__(self):
        if self.title:
            return self.title
        return formats.date_format(self.date, "DATE_FORMAT")

    def clean(self):
        super().clean()
        errors = {}
        if self.end_time is not None and (
            self.start_time is None or self.end_time <= self.start_time
        ):
            errors["end_time"] = ValidationError(
                _("Jam selesai harus sesudah jam mulai."), code="session_ends_before_start"
            )
        try:
            edition = self.workshop.edition
        except ObjectDoesNotExist:  # the workshop's own form is invalid: it says why
            edition = None
        if (
            edition is not None
            and self.date is not None
            and not edition.start_date <= self.date <= edition.end_date
        ):
            errors["date"] = ValidationError(
                _(
                    "Tanggal sesi harus di antara %(start)s dan %(end)s, hari-hari "
                    "festival edisi %(year)s."
                ),
                code="session_outside_edition",
                params={
                    "start": formats.date_format(edition.start_date, "j F Y"),
                    "end": formats.date_format(edition.end_date, "j F Y"),
                    "year": edition.year,
                },
            )
        if errors:
            raise ValidationError(errors)

    def starts_at(self) -> datetime.datetime:
        """When the session begins in Banyuwangi: its start time, else the day's start."""
        return _aware(self.date, self.start_time or datetime.time())

    def ends_at(self) -> datetime.datetime:
        """When the session is over: its end time, else the end of its day."""
        if self.end_time is not None:
            return _aware(self.date, self.end_time)
        return _aware(self.date + datetime.timedelta(days=1), datetime.time())


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, time), zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )


class Attendance(models.Model):
    """A registration present at one session: who let them in, when, and how it was
    recorded. The first one also sets Registration.checked_in_at (the first arrival)."""

    class Source(models.TextChoices):
        DOOR = "door", _("di pintu")
        PAPER = "paper", _("dari daftar hadir kertas")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("pendaftaran"),
    )
    session = models.ForeignKey(
        WorkshopSession,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("sesi"),
    )
    checked_in_at = models.DateTimeField(_("hadir pada"))
    checked_in_by = staff_member(_("dicatat oleh"))
    source = models.CharField(
        _("dicatat"), max_length=8, choices=Source.choices, default=Source.DOOR
    )

    PAGE_CACHE_SCOPE = ("/1", "/2")  # the attendance counts of an edition's results

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["session", "checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="one_attendance_per_session"
            ),
            models.CheckConstraint(
                condition=Q(source__in=["door", "paper"]), name="attendance_source_known"
            ),
        ]

    def __str__(self):
        return f"{self.registration.code} @ {self.session_id}"


class Evaluation(models.Model):
    """An attendee's evaluation of the workshop, once, after its last session: four items
    on a 1–4 scale and an optional comment."""

    SCORE_FIELDS = ("content", "speakers", "usefulness", "organisation")
    # An edition's results count the evaluations (every /<year>/… path starts with a digit).
    PAGE_CACHE_SCOPE = ("/1", "/2")

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("pendaftaran"),
    )
    content = models.PositiveSmallIntegerField(_("isi/materi"))
    speakers = models.PositiveSmallIntegerField(_("narasumber"))
    usefulness = models.PositiveSmallIntegerField(_("manfaat"))
    organisation = models.PositiveSmallIntegerField(_("penyelenggaraan"))
    comment = models.TextField(_("saran atau komentar"), blank=True)
    answered_at = models.DateTimeField(_("diisi pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluasi workshop")
        verbose_name_plural = _("evaluasi workshop")
        ordering = ["-answered_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 4}),
                name=f"evaluation_{name}_1_to_4",
            )
            for name in ("content", "speakers", "usefulness", "organisation")
        ]

    def __str__(self):
        return self.registration.code


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def for_pdf(self):
        return self.select_related(
            "workshop__edition", "workshop__programme_item", "registration__kecamatan"
        )


class Certificate(models.Model):
    """A workshop certificate: issued once a participant meets the workshop's rule
    (workshops.queries.certificate_standing), numbered in the organisers' format, checked by
    anyone at /sertifikat/<token>/ (the token, never the number, is in the address).

    It keeps the name and NIP as the participant confirmed them, so what was certified does
    not change with later edits of the registration. A revoked certificate stays (its number
    is never given again) and its verification page says it was revoked.
    """

    # The verification page (/sertifikat/<token>/) is kept in the shared page cache; issuing,
    # revoking or erasing makes it stale at once.
    PAGE_CACHE_SCOPE = ("/sertifikat/",)

    registration = models.ForeignKey(
        Registration,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("pendaftaran"),
    )
    workshop = models.ForeignKey(
        Workshop, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("workshop")
    )
    sequence = models.PositiveIntegerField(_("urutan di workshop"), editable=False)
    number = models.CharField(_("nomor"), max_length=NUMBER_MAX_LENGTH, unique=True)
    token = models.CharField(
        _("token verifikasi"),
        max_length=64,
        unique=True,
        default=new_certificate_token,
        editable=False,
    )
    name = models.CharField(_("nama"), max_length=150)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    office = models.CharField(_("tempat tugas"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("diterbitkan pada"))
    issued_by = staff_member(_("diterbitkan oleh"))
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    revoked_reason = models.TextField(_("alasan pencabutan"), blank=True)
    revoked_by = staff_member(_("dicabut oleh"))
    erased_at = models.DateTimeField(_("data pribadi dihapus pada"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["workshop", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "sequence"], name="certificate_sequence_unique_in_workshop"
            ),
            # One valid certificate per registration; a revoked one may be followed by another
            # (organisers correcting a misspelt name).
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_registration",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="certificate_revoked_with_reason",
            ),
        ]

    def __str__(self):
        # The number, never the name: the admin log keeps str(obj).
        return self.number

    def get_absolute_url(self):
        return reverse("workshops:certificate-verify", kwargs={"token": self.token})

    @property
    def audit_label(self) -> str:
        return self.number

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


def mask_name(name: str) -> str:
    """The name as the public verification page shows it: the first word whole, every other
    word by its first letter ("Siti Aminah Rahayu" → "Siti A**** R****"); a one-word name by its
    first three letters ("Sutrisno" → "Sut****"). The stars are always four, so they tell
    nothing of the length; masking a masked name changes nothing."""
    words = name.split()
    if not words:
        return ""
    if len(words) == 1:
        return words[0][:3].rstrip("*") + "****"
    return " ".join([words[0], *(word[0] + "****" for word in words[1:])])
