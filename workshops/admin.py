"""Admin for organisers: workshops with their counts, registrations with filters, search,
CSV export, and cancel / promote / check-in actions that go through workshops.domain, which
records each in the admin log with the acting user (`by=request.user`). Edits in the forms
are logged by the admin itself, under str(obj): a registration's code, never a name."""

import csv
import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from festival.sitewide import clock, numbers
from festival.sitewide.admin_input import SafeInputAdminMixin
from workshops import certificate_files, domain, evaluation, queries, tasks
from workshops.forms import RegistrationAdminForm
from workshops.models import Certificate, Evaluation, Registration, Workshop, WorkshopSession

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class WorkshopSessionInline(admin.TabularInline):
    """A workshop's sessions: check-in at the door is per session, and the certificate rule
    counts them. Dates inside the edition's days, the end after the start (WorkshopSession
    .clean); times only as organisers set them."""

    model = WorkshopSession
    extra = 0
    fields = ["date", "start_time", "end_time", "title", "title_en", "place", "place_en"]


@admin.register(Workshop)
class WorkshopAdmin(SafeInputAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "edition",
        "capacity",
        "confirmed",
        "waitlisted",
        "registration_opens",
        "registration_closes",
        "is_published",
    ]
    list_filter = ["edition", "is_published"]
    list_select_related = ["edition"]
    search_fields = ["title", "title_en"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["programme_item"]
    readonly_fields = [
        "counts_per_status",
        "counts_per_kecamatan",
        "evaluation_summary",
        "attendance_per_session",
        "certificates_summary",
    ]
    inlines = [WorkshopSessionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "edition",
                    "title",
                    "title_en",
                    "slug",
                    "description",
                    "description_en",
                    "is_published",
                ]
            },
        ),
        (
            _("Waktu dan tempat"),
            {"fields": ["programme_item", "date", "start_time", "end_time", "place", "place_en"]},
        ),
        (
            _("Pendaftaran"),
            {
                "fields": [
                    "capacity",
                    "registration_opens",
                    "registration_closes",
                    "waitlist_size",
                    "office_cap",
                ]
            },
        ),
        (_("Jumlah pendaftar"), {"fields": ["counts_per_status", "counts_per_kecamatan"]}),
        (_("Evaluasi"), {"fields": ["evaluation_required", "evaluation_summary"]}),
        (_("Kehadiran"), {"fields": ["attendance_per_session"]}),
        (
            _("Sertifikat"),
            {
                "description": _(
                    "Sertifikat hanya dapat diterbitkan setelah nama dan jabatan penanda tangan "
                    "diisi. Peserta yang memenuhi syarat mengonfirmasi ejaan namanya lalu "
                    "mengunduh sertifikat dari halaman tiketnya; panitia dapat menerbitkan "
                    "semuanya sekaligus, mengirim tautannya melalui email, dan mengunduh ZIP "
                    "(tindakan di daftar workshop)."
                ),
                "fields": [
                    "certificate_min_percent",
                    "jp",
                    "certificate_title",
                    "certificate_number_format",
                    "certificate_signatory_name",
                    "certificate_signatory_position",
                    "certificates_summary",
                ],
            },
        ),
    ]
    actions = ["issue_certificates", "email_certificates", "download_certificates"]

    @admin.display(description=_("sertifikat terbit"))
    def certificates_summary(self, obj):
        if obj.pk is None:
            return "—"
        counts = queries.certificate_counts(obj)
        missing = (
            ""
            if domain.certificate_settings_complete(obj)
            else str(_("Belum dapat diterbitkan: isi nama dan jabatan penanda tangan."))
        )
        return format_html(
            "{} {}",
            _("%(valid)d berlaku, %(revoked)d dicabut.") % counts,
            missing,
        )

    def _one_workshop(self, request, queryset) -> Workshop | None:
        workshops = list(queryset[:2])
        if len(workshops) != 1:
            self.message_user(request, _("Pilih tepat satu workshop."), messages.ERROR)
            return None
        workshop = workshops[0]
        if not domain.certificate_settings_complete(workshop):
            self.message_user(
                request,
                _(
                    "Sertifikat %(title)s belum dapat diterbitkan: isi dulu nama dan jabatan "
                    "penanda tangan di bagian Sertifikat."
                )
                % {"title": workshop.title},
                messages.ERROR,
            )
            return None
        return workshop

    @admin.action(
        description=_("Terbitkan sertifikat untuk semua peserta yang memenuhi syarat"),
        permissions=["change"],
    )
    def issue_certificates(self, request, queryset):
        workshop = self._one_workshop(request, queryset)
        if workshop is None:
            return
        tasks.issue_certificates.enqueue(workshop_id=workshop.pk, user_id=request.user.pk)
        self.message_user(
            request,
            _(
                "Penerbitan sertifikat %(title)s berjalan di latar belakang. Muat ulang halaman "
                "ini sebentar lagi untuk melihat jumlahnya."
            )
            % {"title": workshop.title},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Kirim tautan sertifikat melalui email ke pemegangnya"),
        permissions=["change"],
    )
    def email_certificates(self, request, queryset):
        workshop = self._one_workshop(request, queryset)
        if workshop is None:
            return
        tasks.email_certificate_links.enqueue(workshop_id=workshop.pk)
        self.message_user(
            request,
            _(
                "Email tautan sertifikat %(title)s dikirim di latar belakang kepada setiap "
                "pemegang sertifikat yang memberikan alamat email."
            )
            % {"title": workshop.title},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unduh ZIP sertifikat (PDF)"), permissions=["view"])
    def download_certificates(self, request, queryset):
        workshop = self._one_workshop(request, queryset)
        if workshop is None:
            return None
        spool = certificate_files.zip_of(workshop)
        response = FileResponse(
            spool,
            as_attachment=True,
            filename=f"sertifikat-{workshop.slug}.zip",
            content_type="application/zip",
        )
        response["Cache-Control"] = "private, no-store"
        return response

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("terdaftar"), ordering="confirmed_count")
    def confirmed(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("daftar tunggu"), ordering="waitlisted_count")
    def waitlisted(self, obj):
        return obj.waitlisted_count

    @admin.display(description=_("per status"))
    def counts_per_status(self, obj):
        if obj.pk is None:
            return "—"
        labels = dict(Registration.Status.choices)
        rows = [(labels[s], n) for s, n in queries.status_counts(obj).items()]
        return format_html(
            "<table><tbody>{}</tbody></table>",
            format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td></tr>", rows),
        )

    @admin.display(description=_("per kecamatan (aktif)"))
    def counts_per_kecamatan(self, obj):
        if obj.pk is None:
            return "—"
        rows = [
            (r["kecamatan__name"], r["confirmed"], r["waitlisted"], r["total"])
            for r in queries.kecamatan_counts(obj)
        ]
        if not rows:
            return _("Belum ada pendaftar.")
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("Kecamatan"),
            _("Terdaftar"),
            _("Daftar tunggu"),
            _("Jumlah"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm("workshops.view_evaluation"):
            return fieldsets
        # The results are the organisers': others see only the setting.
        return [
            (
                name,
                {**options, "fields": [f for f in options["fields"] if f != "evaluation_summary"]},
            )
            for name, options in fieldsets
        ]

    @admin.display(description=_("hasil evaluasi"))
    def evaluation_summary(self, obj):
        if obj.pk is None:
            return "—"
        results = queries.evaluation_results(obj)
        rate = "—" if results.response_rate is None else f"{results.response_rate}%"
        return format_html(
            '{} <a href="{}">{}</a>',
            _("%(answers)d jawaban dari %(attendees)d peserta hadir (%(rate)s).")
            % {"answers": results.answers, "attendees": results.attendees, "rate": rate},
            reverse("admin:workshops_evaluation_results", args=[obj.pk]),
            _("Lihat hasil, CSV, dan laporan"),
        )

    @admin.display(description=_("per sesi"))
    def attendance_per_session(self, obj):
        if obj.pk is None:
            return "—"
        rows = [
            (
                session,
                counts.present,
                counts.confirmed,
                reverse("admin:workshops_workshop_paper", args=[obj.pk, session.pk]),
                _("Tandai hadir dari daftar kertas"),
            )
            for session, counts in queries.attendance_per_session(obj)
        ]
        if not rows:
            return _("Belum ada sesi: tambahkan di bagian Sesi workshop di bawah.")
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("Sesi"),
            _("Hadir / terdaftar"),
            _("Daftar kertas"),
            format_html_join(
                "", "<tr><td>{}</td><td>{} / {}</td><td><a href='{}'>{}</a></td></tr>", rows
            ),
        )

    def get_urls(self):
        return [
            path(
                "<int:workshop_id>/kehadiran/<int:session_id>/",
                self.admin_site.admin_view(self.paper_view),
                name="workshops_workshop_paper",
            ),
            *super().get_urls(),
        ]

    def paper_view(self, request, workshop_id, session_id):
        """Mark present, from a session's signed paper list, whoever organisers tick."""
        user = request.user
        if not (
            user.has_perm("workshops.check_in_registration")
            and user.has_perm("workshops.change_registration")
        ):
            raise PermissionDenied
        session = get_object_or_404(
            WorkshopSession.objects.select_related("workshop__edition"),
            pk=session_id,
            workshop_id=workshop_id,
        )
        if request.method == "POST":
            ids = [int(v) for v in request.POST.getlist("hadir") if v.isdigit() and len(v) < 10]
            result = domain.mark_present_from_paper(
                session=session,
                registrations=Registration.objects.filter(pk__in=ids).order_by("pk"),
                by=user,
            )
            self._report_paper(request, result)
            return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Daftar hadir kertas: %(session)s") % {"session": session},
            "opts": self.model._meta,
            "workshop": session.workshop,
            "session": session,
            "counts": queries.door_counts(session),
            "rows": queries.paper_rows(session),
        }
        return TemplateResponse(request, "admin/workshops/paper_attendance.html", context)

    def _report_paper(self, request, result):
        if result.marked:
            n = len(result.marked)
            self.message_user(
                request,
                ngettext(
                    "%(n)d peserta ditandai hadir dari daftar kertas.",
                    "%(n)d peserta ditandai hadir dari daftar kertas.",
                    n,
                )
                % {"n": n},
                messages.SUCCESS,
            )
        if result.already:
            codes = ", ".join(r.code for r in result.already)
            self.message_user(
                request, _("Sudah hadir sebelumnya, tidak diubah: %(codes)s.") % {"codes": codes}
            )
        if result.refused:
            codes = ", ".join(r.code for r in result.refused)
            self.message_user(
                request,
                _(
                    "Tidak ditandai hadir (dibatalkan, daftar tunggu, atau workshop lain): "
                    "%(codes)s."
                )
                % {"codes": codes},
                messages.ERROR,
            )
        if not (result.marked or result.already or result.refused):
            self.message_user(request, _("Tidak ada peserta yang dicentang."), messages.WARNING)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        promoted = len(domain.fill_freed_seats(workshop=obj, by=request.user))
        if promoted:
            messages.info(
                request,
                ngettext(
                    "%(n)d orang dari daftar tunggu mendapat kursi.",
                    "%(n)d orang dari daftar tunggu mendapat kursi.",
                    promoted,
                )
                % {"n": promoted},
            )


class CheckedInFilter(admin.SimpleListFilter):
    title = _("hadir")
    parameter_name = "hadir"

    def lookups(self, request, model_admin):
        return [("ya", _("Sudah hadir")), ("belum", _("Belum hadir"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(checked_in_at__isnull=False)
        if self.value() == "belum":
            return queryset.filter(checked_in_at__isnull=True)
        return queryset


CSV_COLUMNS = [
    (_("Kode"), lambda r, full: r.code),
    (_("Workshop"), lambda r, full: r.workshop.title),
    (_("Edisi"), lambda r, full: r.workshop.edition.year),
    (_("Status"), lambda r, full: r.get_status_display()),
    (_("Nama lengkap"), lambda r, full: r.full_name),
    (
        _("NIP"),
        lambda r, full: numbers.format_nip(r.nip) if full else numbers.mask_nip(r.nip),
    ),
    (_("Jabatan"), lambda r, full: r.position),
    (_("Tempat tugas"), lambda r, full: r.get_office_kind_display()),
    (_("Kecamatan"), lambda r, full: r.kecamatan.name),
    (_("Desa/kelurahan"), lambda r, full: str(r.village) if r.village_id else ""),
    (
        _("Nomor HP"),
        lambda r, full: numbers.format_phone(r.phone) if full else numbers.mask_phone(r.phone),
    ),
    (_("Email"), lambda r, full: r.email if full else ""),
    (_("Didaftarkan pada"), lambda r, full: _moment(r.created_at)),
    (_("Hadir pada"), lambda r, full: _moment(r.checked_in_at)),
]


def _moment(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


@admin.register(Registration)
class RegistrationAdmin(SafeInputAdminMixin, admin.ModelAdmin):
    form = RegistrationAdminForm
    list_display = [
        "code",
        "full_name",
        "workshop",
        "edition",
        "status",
        "kecamatan",
        "village",
        "phone_masked",
        "checked_in_at",
        "created_at",
    ]
    list_filter = ["workshop__edition", "workshop", "status", "kecamatan", CheckedInFilter]
    list_select_related = ["workshop__edition", "kecamatan", "village"]
    # Phone and NIP are found only by their exact normalised value, and only by staff who may
    # see them (get_search_results): a substring search would rebuild a masked number.
    search_fields = ["full_name", "code"]
    date_hierarchy = "created_at"
    actions = [
        "export_csv",
        "check_in_selected",
        "cancel_selected",
        "promote_selected",
        "issue_certificate_selected",
    ]
    readonly_fields = [
        "code",
        "workshop",
        "edition",
        "status",
        "waitlist_place",
        "checked_in_at",
        "checked_in_by",
        "cancelled_at",
        "erased_at",
        "created_at",
        "updated_at",
        "consent",
        "name_confirmed_at",
    ]
    fields = [
        "code",
        "workshop",
        "edition",
        "status",
        "waitlist_place",
        "full_name",
        "certificate_name",
        "name_confirmed_at",
        "nip",
        "position",
        "office_kind",
        "kecamatan",
        "village",
        "phone",
        "email",
        "consent",
        "checked_in_at",
        "checked_in_by",
        "cancelled_at",
        "erased_at",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        # Seats are given only by the rule: people register through the form.
        return False

    def _sees_personal_data(self, request) -> bool:
        return request.user.has_perm("workshops.view_personal_data")

    def _sees_masked_data(self, request) -> bool:
        """Organisers (who may change registrations) see NIP and phone masked; door
        stewards (view and check in only) see neither."""
        return request.user.has_perm("workshops.change_registration")

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if not self._sees_personal_data(request):
            fields = [f for f in fields if f not in ("nip", "phone", "email")]
            if self._sees_masked_data(request):
                at = fields.index("office_kind")
                fields[at:at] = ["nip_masked", "phone_masked"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self._sees_personal_data(request):
            readonly += ["nip_masked", "phone_masked"]
        return readonly

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self._sees_masked_data(request):
            actions.pop("export_csv", None)
        return actions

    def get_search_results(self, request, queryset, search_term):
        within = queryset
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not self._sees_personal_data(request):
            return queryset, may_have_duplicates
        # People type a phone as 0812-…; it is stored as +62812…; a NIP with spaces.
        for normalize, field in (
            (numbers.normalize_phone, "phone"),
            (numbers.normalize_nip, "nip"),
        ):
            try:
                value = normalize(search_term)
            except Exception:  # noqa: BLE001, S112 - not a number of this kind
                continue
            queryset |= within.filter(Q(**{field: value}))
        return queryset, may_have_duplicates

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if self._sees_personal_data(request):
            shown[shown.index("phone_masked")] = "phone_full"
        elif not self._sees_masked_data(request):
            shown.remove("phone_masked")
        return shown

    @admin.display(description=_("edisi"), ordering="workshop__edition__start_date")
    def edition(self, obj):
        return obj.workshop.edition.year

    @admin.display(description=_("nomor HP"))
    def phone_full(self, obj):
        return numbers.format_phone(obj.phone) or "—"

    @admin.display(description=_("NIP"))
    def nip_masked(self, obj):
        return numbers.mask_nip(obj.nip) or "—"

    @admin.display(description=_("nomor HP"))
    def phone_masked(self, obj):
        return numbers.mask_phone(obj.phone) or "—"

    @admin.display(description=_("urutan daftar tunggu"))
    def waitlist_place(self, obj):
        return obj.waitlist_position() or "—"

    @admin.action(description=_("Unduh CSV (untuk spreadsheet)"), permissions=["view"])
    def export_csv(self, request, queryset):
        full = self._sees_personal_data(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = clock.localnow().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="pendaftaran-workshop-{stamp}.csv"'
        response.write("\ufeff")  # the BOM makes Excel read UTF-8 (names with diacritics)
        writer = csv.writer(response)
        writer.writerow([str(label) for label, _get in CSV_COLUMNS])
        rows = queryset.select_related("workshop__edition", "kecamatan", "village").order_by(
            "workshop", "created_at", "pk"
        )
        for registration in rows.iterator(chunk_size=500):
            writer.writerow(
                [spreadsheet_safe(get(registration, full)) for _label, get in CSV_COLUMNS]
            )
        return response

    @admin.action(description=_("Catat hadir"), permissions=["check_in"])
    def check_in_selected(self, request, queryset):
        done, refused = 0, 0
        for registration in queryset:
            try:
                domain.check_in(registration=registration, by=request.user)
            except domain.NotAllowed:
                refused += 1
            else:
                done += 1
        self._report(request, done, refused, _("dicatat hadir"))

    @admin.action(
        description=_("Batalkan (kursi diberikan ke daftar tunggu)"), permissions=["change"]
    )
    def cancel_selected(self, request, queryset):
        done, refused = 0, 0
        for registration in queryset:
            if registration.status == Registration.Status.CANCELLED:
                refused += 1
                continue
            try:
                domain.cancel_registration(registration=registration, by=request.user)
            except domain.NotAllowed:
                refused += 1
            else:
                done += 1
        self._report(request, done, refused, _("dibatalkan"))

    @admin.action(description=_("Beri kursi dari daftar tunggu"), permissions=["change"])
    def promote_selected(self, request, queryset):
        done, refused = 0, 0
        for registration in queryset.order_by("created_at", "pk"):
            if registration.status != Registration.Status.WAITLISTED:
                refused += 1
                continue
            promoted = domain.promote_from_waitlist(
                workshop=registration.workshop, registration=registration, by=request.user
            )
            if promoted is None:
                refused += 1
            else:
                done += 1
        self._report(request, done, refused, _("mendapat kursi"))

    @admin.action(
        description=_("Terbitkan sertifikat (juga sesudah pencabutan)"), permissions=["change"]
    )
    def issue_certificate_selected(self, request, queryset):
        done, refused = 0, 0
        for registration in queryset:
            try:
                domain.issue_certificate(registration=registration, by=request.user)
            except domain.CertificateRefused:
                refused += 1
            else:
                done += 1
        self._report(request, done, refused, _("mendapat sertifikat"))

    def has_check_in_permission(self, request):
        return request.user.has_perm("workshops.check_in_registration")

    def _report(self, request, done, refused, verb):
        self.message_user(
            request,
            _("%(done)d pendaftaran %(verb)s; %(refused)d dilewati (tidak memenuhi aturan).")
            % {"done": done, "verb": verb, "refused": refused},
            messages.SUCCESS if not refused else messages.WARNING,
        )


EVALUATION_CSV_COLUMNS = [
    "workshop",
    "edition",
    "answered_on",
    *evaluation.FIELDS,
    "comment",
]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    """Read-only and anonymous: what attendees answered, never who answered what (no code,
    no name, no ticket link on any screen, CSV or report). Per workshop: the results page,
    its CSV and its printable A4 report."""

    list_display = ["workshop", "answered_on", *evaluation.FIELDS, "comment", "results_link"]
    list_filter = ["registration__workshop__edition", "registration__workshop"]
    list_select_related = ["registration__workshop__edition"]
    search_fields = ["comment"]
    fields = ["workshop", "answered_on", *evaluation.FIELDS, "comment"]
    readonly_fields = fields
    ordering = ["-answered_at", "-pk"]

    def has_add_permission(self, request):
        return False  # answers come from attendees, on their ticket page

    def has_change_permission(self, request, obj=None):
        return False  # what an attendee answered is read, never edited

    def has_delete_permission(self, request, obj=None):
        return False  # the results of a past workshop must not change

    @admin.display(description=_("workshop"), ordering="registration__workshop__title")
    def workshop(self, obj):
        return obj.registration.workshop

    @admin.display(description=_("diisi pada"), ordering="answered_at")
    def answered_on(self, obj):
        # The day only: the minute would tell who answered to whoever watched the room.
        return date_format(timezone.localtime(obj.answered_at).date(), "j F Y")

    @admin.display(description=_("hasil"))
    def results_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:workshops_evaluation_results", args=[obj.registration.workshop_id]),
            _("Hasil workshop ini"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "hasil/<int:workshop_id>/",
                view(self.results_view),
                name="workshops_evaluation_results",
            ),
            path(
                "hasil/<int:workshop_id>/ekspor.csv",
                view(self.csv_view),
                name="workshops_evaluation_csv",
            ),
            path(
                "hasil/<int:workshop_id>/laporan/",
                view(self.report_view),
                name="workshops_evaluation_report",
            ),
            *super().get_urls(),
        ]

    def _results(self, request, workshop_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        workshop = get_object_or_404(Workshop.objects.select_related("edition"), pk=workshop_id)
        return queries.evaluation_results(workshop)

    def _links(self, workshop):
        return {
            "results_url": reverse("admin:workshops_evaluation_results", args=[workshop.pk]),
            "csv_url": reverse("admin:workshops_evaluation_csv", args=[workshop.pk]),
            "report_url": reverse("admin:workshops_evaluation_report", args=[workshop.pk]),
        }

    def results_view(self, request, workshop_id):
        """One workshop's evaluation: response rate, means and counts per item, comments."""
        results = self._results(request, workshop_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Hasil evaluasi: %(title)s") % {"title": results.workshop.title},
            "opts": self.model._meta,
            "results": results,
            "scale": evaluation.ITEMS[0].answers,
            **self._links(results.workshop),
        }
        return TemplateResponse(request, "admin/workshops/evaluation/results.html", context)

    def report_view(self, request, workshop_id):
        """The same results as a printable A4 page."""
        results = self._results(request, workshop_id)
        context = {
            "results": results,
            "scale": evaluation.ITEMS[0].answers,
            "printed_on": timezone.localdate(),
            **self._links(results.workshop),
        }
        return TemplateResponse(request, "admin/workshops/evaluation/report.html", context)

    def csv_view(self, request, workshop_id):
        """One row per answer, without anything that names who answered."""
        results = self._results(request, workshop_id)
        workshop = results.workshop
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="evaluasi-{workshop.edition.year}-{workshop.slug}.csv"'
        )
        response.write("\ufeff")  # the BOM makes Excel read UTF-8
        writer = csv.writer(response)
        writer.writerow(EVALUATION_CSV_COLUMNS)
        answers = Evaluation.objects.filter(registration__workshop=workshop).order_by(
            "answered_at", "pk"
        )
        for answer in answers:
            writer.writerow(
                [
                    spreadsheet_safe(workshop.title),
                    workshop.edition.year,
                    timezone.localtime(answer.answered_at).date().isoformat(),
                    *(getattr(answer, field) for field in evaluation.FIELDS),
                    spreadsheet_safe(answer.comment),
                ]
            )
        return response


class CertificateAdminForm(forms.ModelForm):
    revoke_reason = forms.CharField(
        label=_("Cabut sertifikat ini, dengan alasan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Isi hanya untuk mencabut: halaman verifikasi lalu menyatakan sertifikat ini "
            "dicabut, dan nomornya tidak dipakai lagi. Pencabutan tidak dapat dibatalkan."
        ),
    )

    class Meta:
        model = Certificate
        fields = []


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Certificates are issued by the rule and never edited: the one change is revoking."""

    form = CertificateAdminForm
    list_display = ["number", "name", "workshop", "issued_at", "revoked_at"]
    list_filter = ["workshop__edition", "workshop", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["workshop"]
    search_fields = ["number", "name"]
    date_hierarchy = "issued_at"
    readonly_fields = [
        "number",
        "name",
        "workshop",
        "registration",
        "office",
        "issued_at",
        "issued_by",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
        "erased_at",
        "verification_link",
    ]

    def get_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None and not obj.is_revoked:
            fields.append("revoke_reason")
        return fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("halaman verifikasi"))
    def verification_link(self, obj):
        return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("revoke_reason", "").strip()
        if reason:
            domain.revoke_certificate(certificate=obj, by=request.user, reason=reason)
