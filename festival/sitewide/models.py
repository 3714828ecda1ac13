"""Reference data of Kabupaten Banyuwangi, shared by every app: its 25 kecamatan and their
desa and kelurahan, with the Kemendagri codes (loaded from fixtures/15-wilayah.json)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from festival.sitewide import pagecache


class Kecamatan(models.Model):
    """A district of Kabupaten Banyuwangi, with its Kemendagri code (35.10.xx)."""

    code = models.CharField(_("kode Kemendagri"), max_length=8, unique=True)
    name = models.CharField(_("nama"), max_length=100)

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["name"]
        # The table keeps the name it had when these lived in the festival app.
        db_table = "festival_kecamatan"

    def __str__(self):
        return self.name


class Village(models.Model):
    """A desa or kelurahan of Banyuwangi (35.10.xx.xxxx), in its kecamatan."""

    class Kind(models.TextChoices):
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    code = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="villages", verbose_name=_("kecamatan")
    )

    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")
        ordering = ["kecamatan__name", "name"]
        db_table = "festival_village"

    def __str__(self):
        prefix = _("Desa") if self.kind == self.Kind.DESA else _("Kelurahan")
        return f"{prefix} {self.name}"


class OpenDataSettings(models.Model):
    """What organisers decide about the open data (/data/): the licence under which reusers
    may take the catalogue, the programmes and the results. One row; empty until chosen, and
    the data page then says no licence is chosen yet."""

    licence_name = models.CharField(
        _("nama lisensi"),
        max_length=200,
        blank=True,
        help_text=_(
            "Misalnya: Creative Commons Atribusi 4.0 Internasional (CC BY 4.0). Kosongkan "
            "selama panitia belum memilih: halaman data menyebut lisensi belum dipilih."
        ),
    )
    licence_url = models.URLField(
        _("tautan teks lisensi"), max_length=300, blank=True, help_text=_("Teks lengkap lisensi.")
    )
    note = models.TextField(
        _("catatan untuk pengguna data"),
        blank=True,
        help_text=_("Misalnya cara menyebut sumber. Tampil di halaman data."),
    )
    note_en = models.TextField(_("catatan untuk pengguna data (Inggris)"), blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    # The licence is in every JSON file, /<year>/data/jadwal.json too; edited rarely.
    PAGE_CACHE_SCOPE = pagecache.EVERY_PAGE

    class Meta:
        verbose_name = _("pengaturan data terbuka")
        verbose_name_plural = _("pengaturan data terbuka")

    def __str__(self):
        return str(_("Data terbuka"))
