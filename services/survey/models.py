"""The satisfaction survey of the service desk (SKM, PermenPANRB 14/2017; FACTS.md §9).

Every resident served at the desk gets one survey code: a request made ahead gets one when the
desk marks it done, a walk-in gets a printed card. A code answers once (the database holds one
response per code); a response holds no personal data: nine scores, an optional profile that
identifies no one, and an optional suggestion that is never published automatically.
"""

import re
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from festival.models import Edition
from festival.sitewide import codes

# Survey codes: 8 symbols without look-alikes, typed from a card: about 5.5 × 10^13 codes.
CODE_LENGTH = 8


def new_survey_code() -> str:
    return codes.new_code(length=CODE_LENGTH, alphabet=codes.UNAMBIGUOUS)


# Spaces and every kind of dash a phone keyboard or a copy from a message may insert.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


def normalize_survey_code(value: str) -> str:
    """A code as typed or read from a card (lower case, "acde-3479", full-width characters,
    spaces) in the form it is stored in: upper case, no separators. The alphabet holds
    neither of any look-alike pair (0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G), so there is nothing to
    map; a code with such a character is simply one that does not exist."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).upper()


class Element(models.IntegerChoices):
    """The nine elements (unsur) of PermenPANRB 14/2017, in the regulation's order."""

    REQUIREMENTS = 1, _("Persyaratan")
    PROCEDURE = 2, _("Sistem, mekanisme, dan prosedur")
    TIME = 3, _("Waktu penyelesaian")
    COST = 4, _("Biaya/tarif")
    PRODUCT = 5, _("Produk spesifikasi jenis pelayanan")
    COMPETENCE = 6, _("Kompetensi pelaksana")
    BEHAVIOUR = 7, _("Perilaku pelaksana")
    COMPLAINTS = 8, _("Penanganan pengaduan, saran, dan masukan")
    FACILITIES = 9, _("Sarana dan prasarana")


# The response's field of each element: u1 … u9.
ELEMENT_FIELDS = {element: f"u{element.value}" for element in Element}


class CodeSource(models.TextChoices):
    REQUEST = "request", _("Permohonan daring (selesai)")
    CARD = "card", _("Kartu survei (layanan langsung)")


class SurveyCode(models.Model):
    """The right of one person served to answer the survey once, for one service of one
    edition. Its `code` is the only thing the respondent types or scans."""

    Source = CodeSource

    code = models.CharField(_("kode survei"), max_length=CODE_LENGTH, unique=True)
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="survey_codes", verbose_name=_("edisi")
    )
    service = models.ForeignKey(
        "services.Service",
        on_delete=models.PROTECT,
        related_name="survey_codes",
        verbose_name=_("layanan"),
    )
    source = models.CharField(_("asal"), max_length=10, choices=CodeSource.choices)
    # The request made ahead that this code was issued for (one code per request).
    service_request = models.OneToOneField(
        "services.ServiceRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_code",
        verbose_name=_("permohonan"),
    )
    issued_at = models.DateTimeField(_("diterbitkan"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )
    voided_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)

    PAGE_CACHE_SCOPE = ()

    class Meta:
        verbose_name = _("kode survei")
        verbose_name_plural = _("kode survei")
        ordering = ["-issued_at", "pk"]
        indexes = [models.Index(fields=["edition", "service"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=CodeSource.values), name="survey_code_source_known"
            ),
        ]

    def __str__(self):
        return self.display_code

    @property
    def display_code(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"

    @property
    def audit_label(self) -> str:
        return self.display_code


class Sex(models.TextChoices):
    FEMALE = "p", _("Perempuan")
    MALE = "l", _("Laki-laki")


class AgeGroup(models.TextChoices):
    UNDER_20 = "<20", _("Di bawah 20 tahun")
    FROM_20 = "20-29", _("20–29 tahun")
    FROM_30 = "30-39", _("30–39 tahun")
    FROM_40 = "40-49", _("40–49 tahun")
    FROM_50 = "50+", _("50 tahun ke atas")


class Education(models.TextChoices):
    PRIMARY = "sd", _("SD atau lebih rendah")
    JUNIOR = "smp", _("SMP")
    SENIOR = "sma", _("SMA/SMK")
    DIPLOMA = "diploma", _("Diploma (D1–D4)")
    BACHELOR = "s1", _("S1")
    POSTGRADUATE = "s2", _("S2 atau lebih tinggi")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "pns", _("PNS/ASN, TNI, atau Polri")
    PRIVATE = "swasta", _("Pegawai swasta")
    SELF_EMPLOYED = "wirausaha", _("Wirausaha")
    FARMER = "petani", _("Petani, pekebun, atau nelayan")
    STUDENT = "pelajar", _("Pelajar atau mahasiswa")
    HOME = "rumah", _("Mengurus rumah tangga")
    OTHER = "lainnya", _("Lainnya")


def _score_field(element: Element):
    return models.PositiveSmallIntegerField(element.label, null=True, blank=True)


class SurveyResponse(models.Model):
    """One person's answers: a score of 1–4 per element (empty only where the rule of
    services.survey.index says how it counts), an optional profile, an optional suggestion."""

    code = models.OneToOneField(
        SurveyCode, on_delete=models.PROTECT, related_name="response", verbose_name=_("kode")
    )
    # Copied from the code, so the index of an edition or a service is one query.
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="survey_responses", verbose_name=_("edisi")
    )
    service = models.ForeignKey(
        "services.Service",
        on_delete=models.PROTECT,
        related_name="survey_responses",
        verbose_name=_("layanan"),
    )
    u1 = _score_field(Element.REQUIREMENTS)
    u2 = _score_field(Element.PROCEDURE)
    u3 = _score_field(Element.TIME)
    u4 = _score_field(Element.COST)
    u5 = _score_field(Element.PRODUCT)
    u6 = _score_field(Element.COMPETENCE)
    u7 = _score_field(Element.BEHAVIOUR)
    u8 = _score_field(Element.COMPLAINTS)
    u9 = _score_field(Element.FACILITIES)
    sex = models.CharField(_("jenis kelamin"), max_length=2, choices=Sex.choices, blank=True)
    age_group = models.CharField(_("usia"), max_length=6, choices=AgeGroup.choices, blank=True)
    education = models.CharField(
        _("pendidikan"), max_length=8, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("pekerjaan"), max_length=10, choices=Occupation.choices, blank=True
    )
    suggestion = models.TextField(_("saran"), blank=True)
    created_at = models.DateTimeField(_("dijawab"))

    # The published index: /survei/hasil/, the archive's /<year>/survei/hasil/ and
    # /<year>/, the services' pages (each service's index) and the open data's results.
    PAGE_CACHE_SCOPE = ("/survei/", "/layanan/", "/1", "/2", "/data/")

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["edition", "service", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__range": (1, 4)}),
                name=f"survey_response_{field}_on_the_scale",
            )
            for field in ELEMENT_FIELDS.values()
        ]

    def __str__(self):
        return str(self.code)

    def score(self, element: Element) -> int | None:
        return getattr(self, ELEMENT_FIELDS[element])


class SurveyReport(models.Model):
    """What organisers publish with an edition's index: the period and their follow-up plan
    (rencana tindak lanjut)."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="survey_report", verbose_name=_("edisi")
    )
    follow_up_plan = models.TextField(
        _("rencana tindak lanjut"),
        blank=True,
        help_text=_("Apa yang akan diperbaiki panitia dari hasil survei. Tampil bersama indeks."),
    )
    follow_up_plan_en = models.TextField(_("rencana tindak lanjut (Inggris)"), blank=True)

    PAGE_CACHE_SCOPE = ("/survei/", "/1", "/2")

    class Meta:
        verbose_name = _("laporan survei")
        verbose_name_plural = _("laporan survei")

    def __str__(self):
        return str(self.edition)
