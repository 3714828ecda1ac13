"""The desk queue: per offering (an edition's service) a desk with its number prefix, per day
of the edition the desk's hours, slot length and quotas, and the queue tickets (numbers).

Slots are computed from a day's hours and slot length, not stored: one row per desk day is
enough for race safety, because every change to a day's queue (booking, a walk-in, calling
the next person) first locks that day's row and then counts (see domain.py). The day row also
holds the last number given, so numbers in a day's series never repeat.
"""

import dataclasses
import datetime
import math
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from services.models import Offering, ServiceRequest


def new_ticket_secret() -> str:
    """The ticket link's secret: 256 random bits, like a workshop ticket's."""
    return secrets.token_urlsafe(32)


class Desk(models.Model):
    """The queue of one offering: its number prefix (KIA-014) and how many counters serve it."""

    # The venue's queue screen shows the desks, their days and their tickets.
    PAGE_CACHE_SCOPE = ("/layar/antrian/",)

    offering = models.OneToOneField(
        Offering,
        on_delete=models.CASCADE,
        related_name="desk",
        verbose_name=_("layanan di festival"),
    )
    prefix = models.CharField(
        _("awalan nomor"),
        max_length=6,
        validators=[
            RegexValidator(
                r"^[A-Z]{1,6}$",
                message=_("Awalan terdiri dari 1 sampai 6 huruf besar, misalnya KIA."),
                code="prefix",
            )
        ],
        help_text=_("Huruf di depan nomor antrean layanan ini, misalnya KIA untuk KIA-014."),
    )
    counters = models.PositiveSmallIntegerField(
        _("jumlah loket"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Loket yang memanggil nomor layanan ini (Loket 1, Loket 2, …)."),
    )
    show_initials = models.BooleanField(
        _("tampilkan inisial di layar"),
        default=False,
        help_text=_(
            "Layar antrean di lokasi menampilkan inisial nama (S. A.) di samping nomor. "
            "Nama lengkap tidak pernah ditampilkan."
        ),
    )

    class Meta:
        verbose_name = _("meja antrean")
        verbose_name_plural = _("meja antrean")
        ordering = ["offering__edition", "offering__order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(counters__gte=1), name="desk_has_a_counter"),
        ]

    def __str__(self):
        return f"{self.prefix} – {self.offering}"

    def clean(self):
        # The prefix names the series on the desk page and the slip: one service per prefix
        # in an edition, so a typed number is never ambiguous. (Across two tables: not a
        # database constraint.)
        if self.prefix and self.offering_id:
            taken = Desk.objects.filter(
                prefix=self.prefix, offering__edition_id=self.offering.edition_id
            ).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError(
                    {"prefix": _("Awalan ini sudah dipakai layanan lain di edisi yang sama.")},
                    code="prefix_taken",
                )

    def counter_numbers(self) -> list[int]:
        return list(range(1, self.counters + 1))


class WalkInUnit(models.TextChoices):
    PERCENT = "percent", _("persen dari kuota")
    COUNT = "count", _("tempat")


@dataclasses.dataclass(frozen=True)
class Slot:
    start: datetime.time
    end: datetime.time

    @property
    def key(self) -> str:
        return self.start.strftime("%H:%M")


class DeskDayQuerySet(models.QuerySet):
    def open(self):
        """Days whose hours are set: booking is closed on the others."""
        return self.filter(opens_at__isnull=False, closes_at__isnull=False)


class DeskDay(models.Model):
    """One day of a desk: its hours (empty = booking closed), slot length, quota per slot, the
    share of each slot kept for walk-ins, the grace and arrival margins. Holds the day's last
    number, given under this row's lock."""

    PAGE_CACHE_SCOPE = ("/layar/antrian/",)

    WalkInUnit = WalkInUnit

    desk = models.ForeignKey(
        Desk, on_delete=models.CASCADE, related_name="days", verbose_name=_("meja antrean")
    )
    day = models.DateField(_("tanggal"))
    opens_at = models.TimeField(
        _("buka"), null=True, blank=True, help_text=_("Kosongkan selama jam belum pasti.")
    )
    closes_at = models.TimeField(_("tutup"), null=True, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("panjang slot (menit)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    quota = models.PositiveSmallIntegerField(
        _("kuota per slot"), default=10, validators=[MinValueValidator(1)]
    )
    walk_in_share = models.PositiveSmallIntegerField(
        _("bagian untuk yang datang langsung"),
        default=0,
        help_text=_("Tempat per slot yang tidak dapat dipesan daring."),
    )
    walk_in_unit = models.CharField(
        _("satuan bagian"), max_length=10, choices=WalkInUnit.choices, default=WalkInUnit.PERCENT
    )
    grace_minutes = models.PositiveSmallIntegerField(
        _("toleransi terlambat (menit)"),
        default=15,
        help_text=_(
            "Yang datang setelah awal slot ditambah toleransi ini dilayani setelah yang "
            "datang tepat waktu."
        ),
    )
    arrival_margin_minutes = models.PositiveSmallIntegerField(
        _("datang lebih awal (menit)"),
        default=30,
        help_text=_("Pemesan diminta datang sekian menit sebelum slotnya."),
    )
    last_number = models.PositiveIntegerField(_("nomor terakhir"), default=0, editable=False)

    objects = DeskDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("hari meja antrean")
        verbose_name_plural = _("hari meja antrean")
        ordering = ["desk", "day"]
        constraints = [
            models.UniqueConstraint(fields=["desk", "day"], name="one_desk_day_per_day"),
            models.CheckConstraint(
                condition=(Q(opens_at__isnull=True) & Q(closes_at__isnull=True))
                | Q(opens_at__lt=models.F("closes_at")),
                name="desk_day_opens_before_it_closes",
            ),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="desk_day_slot_length"),
            models.CheckConstraint(condition=Q(quota__gte=1), name="desk_day_quota_positive"),
            models.CheckConstraint(
                condition=~Q(walk_in_unit="percent") | Q(walk_in_share__lte=100),
                name="desk_day_walk_in_percent",
            ),
        ]

    def __str__(self):
        return f"{self.desk.prefix} {self.day.isoformat()}"

    def clean(self):
        errors = {}
        if (self.opens_at is None) != (self.closes_at is None):
            errors["closes_at"] = ValidationError(
                _("Isi jam buka dan jam tutup, atau kosongkan keduanya."), code="hours_pair"
            )
        elif self.opens_at is not None and self.opens_at >= self.closes_at:
            errors["closes_at"] = ValidationError(
                _("Jam tutup harus setelah jam buka."), code="hours_order"
            )
        if self.walk_in_unit == WalkInUnit.PERCENT and self.walk_in_share > 100:
            errors["walk_in_share"] = ValidationError(
                _("Persentase paling banyak 100."), code="percent"
            )
        try:
            # In the admin's add page, the desk is the unsaved one of the same page.
            desk = self.desk
        except Desk.DoesNotExist:
            desk = None
        if desk is not None and desk.offering_id and self.day:
            edition = desk.offering.edition
            if not edition.start_date <= self.day <= edition.end_date:
                errors["day"] = ValidationError(
                    _("Tanggal ini bukan hari festival edisi tersebut."), code="not_festival_day"
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.opens_at is not None and self.closes_at is not None

    def slots(self) -> list[Slot]:
        """The day's slots: from opening, one every `slot_minutes`, each ending by closing."""
        if not self.is_open:
            return []
        day = datetime.date(2000, 1, 1)
        step = datetime.timedelta(minutes=self.slot_minutes)
        start = datetime.datetime.combine(day, self.opens_at)
        close = datetime.datetime.combine(day, self.closes_at)
        slots = []
        while start + step <= close:
            slots.append(Slot(start=start.time(), end=(start + step).time()))
            start += step
        return slots

    def slot_of(self, moment: datetime.time) -> Slot | None:
        """The slot `moment` falls in (the first before opening, the last after closing)."""
        slots = self.slots()
        if not slots:
            return None
        for slot in slots:
            if moment < slot.end:
                return slot
        return slots[-1]

    @property
    def walk_in_places(self) -> int:
        """Places of each slot kept for walk-ins (a percentage rounds up: walk-ins keep it)."""
        if self.walk_in_unit == WalkInUnit.PERCENT:
            places = math.ceil(self.quota * self.walk_in_share / 100)
        else:
            places = self.walk_in_share
        return min(places, self.quota)

    @property
    def online_quota(self) -> int:
        """Places of each slot that can be booked online."""
        return self.quota - self.walk_in_places

    def moment(self, time: datetime.time) -> datetime.datetime:
        """`time` on this day in Banyuwangi's time zone, aware."""
        from django.utils import timezone

        return timezone.make_aware(datetime.datetime.combine(self.day, time))


class TicketQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=TicketStatus.CANCELLED)

    def for_ticket_page(self):
        return self.select_related(
            "desk_day__desk__offering__service",
            "desk_day__desk__offering__edition",
            "service_request",
        )


class TicketStatus(models.TextChoices):
    BOOKED = "booked", _("Dipesan")
    PRESENT = "present", _("Hadir, menunggu dipanggil")
    CALLED = "called", _("Dipanggil")
    SERVED = "served", _("Sudah dilayani")
    NO_SHOW = "no_show", _("Tidak datang")
    CANCELLED = "cancelled", _("Dibatalkan")


class TicketKind(models.TextChoices):
    BOOKED = "booked", _("Pesan daring")
    WALK_IN = "walk_in", _("Datang langsung")


# Statuses that hold a place in a slot (booking quota) and a phone's one booking per day.
HOLDING = [
    TicketStatus.BOOKED,
    TicketStatus.PRESENT,
    TicketStatus.CALLED,
    TicketStatus.SERVED,
    TicketStatus.NO_SHOW,
]


class Ticket(models.Model):
    """A number in a desk day's series (KIA-014): booked ahead online, or given at the desk to
    someone who came without booking (a walk-in). A walk-in's slot is the one in which they
    arrived, so they queue beside those booked for it."""

    Status = TicketStatus
    Kind = TicketKind

    # Only the venue's queue screen, a shared page, shows tickets (numbers, never names): a
    # booking, an arrival or a call makes it stale at once.
    PAGE_CACHE_SCOPE = ("/layar/antrian/",)

    desk_day = models.ForeignKey(
        DeskDay, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("hari meja")
    )
    number = models.PositiveIntegerField(_("nomor"))
    kind = models.CharField(_("jenis"), max_length=10, choices=TicketKind.choices)
    slot_start = models.TimeField(_("slot"))
    status = models.CharField(
        _("status"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.BOOKED
    )
    name = models.CharField(_("nama"), max_length=200, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=16, blank=True)
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("Tidak wajib; konfirmasi pemesanan dikirim ke alamat ini."),
    )
    # The booker's language (id or en), for the confirmation email.
    language = models.CharField(_("bahasa"), max_length=8, default="id", editable=False)
    service_request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="queue_tickets",
        verbose_name=_("permohonan"),
    )
    secret = models.CharField(
        _("rahasia tautan tiket"),
        max_length=64,
        unique=True,
        default=new_ticket_secret,
        editable=False,
    )
    created_at = models.DateTimeField(_("dibuat"))
    arrived_at = models.DateTimeField(_("datang"), null=True, blank=True)
    is_late = models.BooleanField(_("terlambat"), default=False)
    called_at = models.DateTimeField(_("dipanggil"), null=True, blank=True)
    counter = models.PositiveSmallIntegerField(_("loket"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)
    erased_at = models.DateTimeField(_("data pribadi dihapus"), null=True, blank=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomor antrean")
        verbose_name_plural = _("nomor antrean")
        ordering = ["desk_day", "number"]
        permissions = [("serve_queue", _("Dapat melayani antrean di meja layanan"))]
        indexes = [models.Index(fields=["desk_day", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["desk_day", "number"], name="one_ticket_per_number_and_day"
            ),
            models.UniqueConstraint(
                fields=["desk_day", "phone"],
                condition=Q(kind=TicketKind.BOOKED, status__in=HOLDING) & ~Q(phone=""),
                name="one_booking_per_phone_and_day",
                violation_error_message=_(
                    "Nomor HP ini sudah memesan nomor antrean layanan ini pada hari itu."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=TicketStatus.values), name="ticket_status_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=TicketKind.values), name="ticket_kind_known"
            ),
            models.CheckConstraint(
                condition=~Q(kind=TicketKind.BOOKED) | ~Q(phone="") | Q(erased_at__isnull=False),
                name="booking_has_phone_until_erased",
            ),
        ]

    def __str__(self):
        # Never the person's name: the admin log keeps this after the data is erased.
        return self.display_number

    def get_absolute_url(self):
        return reverse("queue:ticket", kwargs={"secret": self.secret})

    @property
    def display_number(self) -> str:
        return f"{self.desk_day.desk.prefix}-{self.number:03d}"

    @property
    def initials(self) -> str:
        """The name's initials ("Siti Aminah" → "S. A."), empty once erased: the most a public
        screen shows of a person, and only when the desk says so."""
        return " ".join(
            f"{word[0].upper()}." for word in self.name.split()[:3] if word[0].isalpha()
        )

    @property
    def audit_label(self) -> str:
        return self.display_number

    @property
    def offering(self) -> Offering:
        return self.desk_day.desk.offering

    @property
    def slot_starts_at(self) -> datetime.datetime:
        return self.desk_day.moment(self.slot_start)

    @property
    def slot_ends_at(self) -> datetime.datetime:
        return self.slot_starts_at + datetime.timedelta(minutes=self.desk_day.slot_minutes)

    @property
    def arrive_by(self) -> datetime.datetime:
        """When the booker should arrive: the slot's start less the desk day's margin."""
        return self.slot_starts_at - datetime.timedelta(
            minutes=self.desk_day.arrival_margin_minutes
        )

    @property
    def late_after(self) -> datetime.datetime:
        """Arriving after this, a booked person loses the slot's priority."""
        return self.slot_starts_at + datetime.timedelta(minutes=self.desk_day.grace_minutes)
