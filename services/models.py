"""One-stop services at the festival (SIUP, TDP, KIA, PBB, levies) and residents' requests.

A service is content organisers edit, and persists across editions; what the desk offered at
one edition (under that time's agency name, with that edition's requirements, fee and hours)
is an Offering; a request, made for an offering, is personal data that desk staff process.
Content is written in Bahasa Indonesia with optional `_en` twins (see `festival.sitewide.i18n`).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from festival.models import booth_of_other_edition
from festival.queries import edition_url
from festival.sitewide import codes, pagecache

# Reference codes: 22 symbols without look-alikes (see festival.sitewide.codes), 8 long:
# about 5.5 × 10^13 codes.
CODE_ALPHABET = codes.UNAMBIGUOUS
CODE_LENGTH = 8


def new_reference_code() -> str:
    return codes.new_code(length=CODE_LENGTH, alphabet=CODE_ALPHABET)


def new_tracking_secret() -> str:
    """The private tracking link's secret: 256 random bits, like a workshop ticket's."""
    return secrets.token_urlsafe(32)


def private_storage():
    """Applicants' documents: outside MEDIA_ROOT, streamed only by a permission-checked view."""
    return storages["private"]


def document_path(instance, filename):
    # A random name: nothing in it says whose document it is, and it cannot be guessed.
    return f"services/documents/{secrets.token_hex(16)}.webp"


class ServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


# The TextChoices below live at module level so that a model's Meta can build its
# constraints from their values (a nested class is not visible inside Meta); each model
# still offers them under its own name (Service.FormKind, ServiceRequest.Status).


class FormKind(models.TextChoices):
    KIA = "kia", _("Kartu Identitas Anak")
    SIUP = "siup", _("SIUP")
    TDP = "tdp", _("TDP")
    PBB = "pbb", _("Pembayaran PBB")
    LEVY = "levy", _("Retribusi")
    NONE = "none", _("Tanpa permohonan daring")


class Service(models.Model):
    """What a service is, whichever edition offers it: its name, what it is for, who may use
    it and which request form it has. What the desk offered at an edition (the agency of that
    time, the requirements, fee, hours) is that edition's Offering."""

    FormKind = FormKind

    name = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(_("nama (Inggris)"), max_length=200, blank=True)
    short_name = models.CharField(_("nama singkat"), max_length=40)
    short_name_en = models.CharField(_("nama singkat (Inggris)"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    summary = models.TextField(_("apa layanan ini"))
    summary_en = models.TextField(_("apa layanan ini (Inggris)"), blank=True)
    audience = models.TextField(_("siapa yang dapat memakai"), blank=True)
    audience_en = models.TextField(_("siapa yang dapat memakai (Inggris)"), blank=True)
    form_kind = models.CharField(
        _("jenis formulir permohonan"),
        max_length=10,
        choices=FormKind.choices,
        default=FormKind.NONE,
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_published = models.BooleanField(_("tayang"), default=True)

    objects = ServiceQuerySet.as_manager()

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The service's page in the current edition (a 404 when that edition does not offer
        it); an edition's own page is its Offering's."""
        return reverse("services:detail", kwargs={"slug": self.slug})


class OfferingQuerySet(models.QuerySet):
    def published(self):
        """Offerings the public sees: published, of a published service."""
        return self.filter(is_published=True, service__is_published=True)

    def of_edition(self, edition):
        return self.filter(edition=edition)

    def with_requirements(self):
        return self.prefetch_related(
            models.Prefetch("requirements", queryset=Requirement.objects.order_by("order", "pk"))
        )

    def with_steps(self):
        return self.prefetch_related(
            models.Prefetch("steps", queryset=ProcedureStep.objects.order_by("order", "pk"))
        )


class Offering(models.Model):
    """A service as the desk offered it at one edition: under the agency name of that time,
    with that edition's requirements, fee, hours and place, and whether it took requests
    online. A later edition has its own offering, so what was true of 2016 stays true."""

    edition = models.ForeignKey(
        "festival.Edition",
        on_delete=models.CASCADE,
        related_name="service_offerings",
        verbose_name=_("edisi"),
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("layanan")
    )
    agency = models.CharField(
        _("instansi"),
        max_length=200,
        help_text=_("Perangkat daerah yang melayani, dengan nama yang dipakai pada edisi ini."),
    )
    agency_en = models.CharField(_("instansi (Inggris)"), max_length=200, blank=True)
    requirements_are_general = models.BooleanField(
        _("persyaratan masih umum"),
        default=False,
        help_text=_(
            "Centang apabila daftar persyaratan adalah daftar umum nasional yang perlu dipastikan "
            "di meja layanan."
        ),
    )
    completion_time = models.CharField(_("lama penyelesaian"), max_length=300, blank=True)
    completion_time_en = models.CharField(
        _("lama penyelesaian (Inggris)"), max_length=300, blank=True
    )
    fee = models.CharField(
        _("biaya"),
        max_length=300,
        blank=True,
        help_text=_(
            "Kosongkan apabila belum pasti: halaman meminta warga bertanya di meja layanan."
        ),
    )
    fee_en = models.CharField(_("biaya (Inggris)"), max_length=300, blank=True)
    hours = models.CharField(
        _("jam layanan"),
        max_length=200,
        blank=True,
        help_text=_("Kosongkan selama jam layanan di meja belum diumumkan."),
    )
    hours_en = models.CharField(_("jam layanan (Inggris)"), max_length=200, blank=True)
    location = models.CharField(_("tempat di festival"), max_length=300, blank=True)
    location_en = models.CharField(_("tempat di festival (Inggris)"), max_length=300, blank=True)
    booth = models.ForeignKey(
        "festival.Booth",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_offerings",
        verbose_name=_("stan di denah"),
        help_text=_("Meja atau loket layanan ini pada denah edisi ini (Festival › Denah stan)."),
    )
    product = models.CharField(
        _("produk pelayanan"),
        max_length=300,
        blank=True,
        help_text=_(
            "Apa yang diterima warga di akhir layanan (kartu, izin, bukti bayar). Kosongkan "
            "apabila belum ditetapkan."
        ),
    )
    product_en = models.CharField(_("produk pelayanan (Inggris)"), max_length=300, blank=True)
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    legal_basis_en = models.TextField(_("dasar hukum (Inggris)"), blank=True)
    requests_open = models.BooleanField(_("permohonan daring dibuka"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_published = models.BooleanField(_("tayang"), default=True)

    objects = OfferingQuerySet.as_manager()

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("layanan di festival")
        verbose_name_plural = _("layanan di festival")
        ordering = ["edition", "order", "service__order", "service__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "service"],
                name="one_offering_per_service_and_edition",
                violation_error_message=_(
                    "Layanan ini sudah ada di edisi tersebut: ubah yang sudah ada."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.service} ({self.edition.year})"

    def get_absolute_url(self):
        """/layanan/<slug>/ for the current edition's offering, /<year>/layanan/<slug>/ else."""
        return edition_url("services:detail", self.edition, slug=self.service.slug)

    def clean(self):
        # The form kind is the service's, so the database cannot state this across the two
        # tables; the domain refuses requests to such an offering too (takes_requests).
        if self.booth_id and self.edition_id and self.booth.plan.edition_id != self.edition_id:
            raise ValidationError({"booth": booth_of_other_edition()})
        service = getattr(self, "service", None) if self.service_id else None
        if self.requests_open and service is not None and service.form_kind == FormKind.NONE:
            raise ValidationError(
                {
                    "requests_open": ValidationError(
                        _(
                            "Layanan ini tidak punya formulir permohonan daring: pilih dahulu "
                            "jenis formulirnya di halaman layanan."
                        ),
                        code="no_request_form",
                    )
                }
            )

    @property
    def takes_requests(self) -> bool:
        return self.requests_open and self.service.form_kind != FormKind.NONE


class Requirement(models.Model):
    """One thing to bring to an offering, in the order the desk checks them; `group` splits a
    list by case (the KIA age groups)."""

    offering = models.ForeignKey(
        Offering,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("layanan di festival"),
    )
    group = models.CharField(
        _("kelompok"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya kelompok usia anak; kosongkan apabila berlaku untuk semua."),
    )
    group_en = models.CharField(_("kelompok (Inggris)"), max_length=200, blank=True)
    text = models.CharField(_("persyaratan"), max_length=400)
    text_en = models.CharField(_("persyaratan (Inggris)"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("persyaratan")
        verbose_name_plural = _("persyaratan")
        ordering = ["offering", "order", "pk"]

    def __str__(self):
        return self.text


class ProcedureStep(models.Model):
    """One step of an offering's procedure (the standard's "sistem, mekanisme, dan prosedur",
    PermenPANRB 15/2014), in the order the resident goes through them."""

    offering = models.ForeignKey(
        Offering,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("layanan di festival"),
    )
    text = models.CharField(_("langkah"), max_length=400)
    text_en = models.CharField(_("langkah (Inggris)"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("langkah prosedur")
        verbose_name_plural = _("prosedur (langkah demi langkah)")
        ordering = ["offering", "order", "pk"]

    def __str__(self):
        return self.text


# The national complaint channel (SP4N-LAPOR!, FACTS.md §10): every service page names it,
# whatever the organisers enter; their own channels are ComplaintChannel rows.
NATIONAL_COMPLAINT_CHANNEL = "SP4N-LAPOR!"
NATIONAL_COMPLAINT_URL = "https://www.lapor.go.id/"

# A channel's link opens a web page: no javascript:, data: or ftp: link on a public page.
http_url_validator = URLValidator(
    schemes=["http", "https"],
    message=_("Masukkan alamat web lengkap yang diawali http:// atau https://."),
)


class ComplaintChannelQuerySet(models.QuerySet):
    def of_edition(self, edition):
        return self.filter(edition=edition).order_by("order", "pk")


class ComplaintChannel(models.Model):
    """A local channel for complaints, suggestions and feedback about the desk at one edition
    (a desk at the venue, an office's number, a web form), entered by organisers: our sources
    give none of Banyuwangi's, so there is nothing to ship."""

    edition = models.ForeignKey(
        "festival.Edition",
        on_delete=models.CASCADE,
        related_name="complaint_channels",
        verbose_name=_("edisi"),
    )
    name = models.CharField(_("nama saluran"), max_length=200)
    name_en = models.CharField(_("nama saluran (Inggris)"), max_length=200, blank=True)
    contact = models.CharField(
        _("cara menghubungi"),
        max_length=300,
        blank=True,
        help_text=_("Misalnya tempat, nomor telepon, atau jam layanan pengaduan."),
    )
    contact_en = models.CharField(_("cara menghubungi (Inggris)"), max_length=300, blank=True)
    url = models.URLField(
        _("tautan"),
        max_length=500,
        blank=True,
        validators=[http_url_validator],
        help_text=_("Opsional: alamat web yang diawali http:// atau https://."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = ComplaintChannelQuerySet.as_manager()

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("saluran pengaduan")
        verbose_name_plural = _("saluran pengaduan setempat")
        ordering = ["edition", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(contact="") | ~Q(url=""),
                name="complaint_channel_has_contact_or_url",
                violation_error_message=_("Isi cara menghubungi, tautan, atau keduanya."),
            ),
            # The validator says why in the admin; this holds for fixtures and scripts too.
            models.CheckConstraint(
                condition=Q(url="") | Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="complaint_channel_url_is_http",
                violation_error_message=_(
                    "Masukkan alamat web lengkap yang diawali http:// atau https://."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class ServiceRequestQuerySet(models.QuerySet):
    def with_history(self):
        return self.select_related("offering__service", "offering__edition").prefetch_related(
            models.Prefetch("history", queryset=StatusChange.objects.order_by("at", "pk"))
        )


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diterima")
    NEEDS_CORRECTION = "needs_correction", _("Perlu perbaikan")
    IN_PROCESS = "in_process", _("Sedang diproses")
    READY = "ready", _("Siap diambil")
    DONE = "done", pgettext_lazy("request status", "Selesai")
    REJECTED = "rejected", _("Ditolak")


class ServiceRequest(models.Model):
    """A resident's request for a service, made ahead of the festival (not an HTTP request)."""

    # No shared (cached) page shows requests: tracking and confirmations are private.
    PAGE_CACHE_SCOPE = ()

    Status = RequestStatus

    code = models.CharField(_("kode permohonan"), max_length=CODE_LENGTH, unique=True)
    offering = models.ForeignKey(
        Offering,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("layanan di festival"),
    )
    applicant_name = models.CharField(_("nama pemohon"), max_length=200, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)
    details = models.JSONField(_("data permohonan"), default=dict, blank=True)
    preferred_day = models.DateField(_("hari datang"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    # The applicant's private tracking link (services:track-private): it always works, and
    # no one else's lookups can lock it.
    tracking_secret = models.CharField(
        _("rahasia tautan lacak"),
        max_length=64,
        unique=True,
        default=new_tracking_secret,
        editable=False,
    )
    # The check-answers page carries this key; submitting the same page twice gives one request.
    submission_key = models.CharField(max_length=32, unique=True, null=True, editable=False)
    created_at = models.DateTimeField(_("diajukan"))
    updated_at = models.DateTimeField(_("diperbarui"))
    erased_at = models.DateTimeField(_("data pribadi dihapus"), null=True, blank=True)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "preferred_day"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values),
                name="request_status_known",
            ),
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False) | (~Q(nik="") & ~Q(phone="")),
                name="request_has_nik_and_phone_until_erased",
            ),
        ]

    def __str__(self):
        # Never the applicant's name: the admin log keeps this after the data is erased.
        return self.display_code

    def get_tracking_url(self) -> str:
        return reverse("services:track-private", kwargs={"secret": self.tracking_secret})

    @property
    def service(self) -> Service:
        return self.offering.service

    @property
    def display_code(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"

    @property
    def audit_label(self) -> str:
        """How the audit trail names a request (festival.sitewide.audit): its reference."""
        return self.display_code


class StatusChange(models.Model):
    PAGE_CACHE_SCOPE = ()

    service_request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("permohonan"),
    )
    from_status = models.CharField(
        _("dari status"), max_length=20, choices=RequestStatus.choices, blank=True
    )
    to_status = models.CharField(_("ke status"), max_length=20, choices=RequestStatus.choices)
    note = models.TextField(_("catatan untuk pemohon"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"


class Document(models.Model):
    """A photo of a document the applicant uploaded, stored privately (see private_storage)."""

    PAGE_CACHE_SCOPE = ()

    class Kind(models.TextChoices):
        KTP = "ktp", _("KTP-el")
        KK = "kk", _("Kartu Keluarga")
        BIRTH_CERTIFICATE = "birth_certificate", _("Akta kelahiran")

    service_request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("permohonan"),
    )
    kind = models.CharField(_("jenis dokumen"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("berkas"), storage=private_storage, upload_to=document_path)
    width = models.PositiveIntegerField(_("lebar"), default=0, editable=False)
    height = models.PositiveIntegerField(_("tinggi"), default=0, editable=False)
    created_at = models.DateTimeField(_("diunggah"))

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["service_request", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_request", "kind"], name="one_document_per_kind"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def get_absolute_url(self):
        return reverse("services:document", kwargs={"pk": self.pk})
