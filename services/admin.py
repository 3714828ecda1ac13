import re

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from festival.admin import booth_choice_field
from festival.sitewide import numbers
from festival.sitewide.admin_input import SafeInputAdminMixin
from services import domain
from services.forms import StatusChangeForm, describe_details
from services.models import (
    ComplaintChannel,
    Document,
    Offering,
    ProcedureStep,
    Requirement,
    Service,
    ServiceRequest,
    StatusChange,
)


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 1
    fields = ["order", "group", "text", "group_en", "text_en"]


class ProcedureStepInline(admin.TabularInline):
    """The standard's "sistem, mekanisme, dan prosedur": what the resident does, step by step."""

    model = ProcedureStep
    extra = 1
    fields = ["order", "text", "text_en"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """What a service is, whichever edition offers it. What the desk offers at an edition
    (agency, requirements, fee, hours, online requests) is edited under "Layanan di festival"."""

    list_display = ["name", "short_name", "form_kind", "order", "is_published"]
    prepopulated_fields = {"slug": ["short_name"]}
    search_fields = ["name", "short_name"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "order", "is_published"]}),
        (_("Isi halaman"), {"fields": ["summary", "audience"]}),
        (
            _("Bahasa Inggris"),
            {
                "classes": ["collapse"],
                "fields": ["name_en", "short_name_en", "summary_en", "audience_en"],
            },
        ),
        (_("Permohonan daring"), {"fields": ["form_kind"]}),
    ]


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    """The desk's offering per edition: organisers set up a new edition's desk here (or copy
    the previous edition's with the edition's "copy" action, then edit it)."""

    list_display = ["service", "edition", "agency", "requests_open", "is_published"]
    list_display_links = ["service"]
    list_editable = ["requests_open"]
    list_filter = ["edition", "service", "requests_open", "is_published"]
    list_select_related = ["service", "edition"]
    search_fields = ["service__name", "service__short_name", "agency"]
    ordering = ["-edition__start_date", "order", "service__order"]
    inlines = [RequirementInline, ProcedureStepInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "booth":
            return booth_choice_field(db_field, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    fieldsets = [
        (None, {"fields": ["edition", "service", "agency", "order", "is_published"]}),
        (
            _("Standar pelayanan"),
            {
                "description": _(
                    "Komponen standar pelayanan (PermenPANRB 15/2014) yang tampil di halaman "
                    "layanan: persyaratan dan langkah prosedur di bawah, lama penyelesaian, "
                    "biaya, dan produk di sini; saluran pengaduan setempat per edisi di "
                    "“Saluran pengaduan setempat”. Yang kosong tampil sebagai “Belum ditetapkan "
                    "panitia”."
                ),
                "fields": [
                    "requirements_are_general",
                    "completion_time",
                    "fee",
                    "product",
                    "legal_basis",
                ],
            },
        ),
        (_("Tempat dan waktu"), {"fields": ["hours", "location", "booth"]}),
        (
            _("Bahasa Inggris"),
            {
                "classes": ["collapse"],
                "fields": [
                    "agency_en",
                    "completion_time_en",
                    "fee_en",
                    "product_en",
                    "hours_en",
                    "location_en",
                    "legal_basis_en",
                ],
            },
        ),
        (_("Permohonan daring"), {"fields": ["requests_open"]}),
    ]


@admin.register(ComplaintChannel)
class ComplaintChannelAdmin(admin.ModelAdmin):
    """Local channels for complaints, suggestions and feedback, per edition: every service
    page of the edition lists them after the national SP4N-LAPOR!, which is always shown."""

    list_display = ["name", "edition", "contact", "url", "order"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["name", "contact"]
    ordering = ["-edition__start_date", "order", "pk"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["edition", "name", "contact", "url", "order"]}),
        (_("Bahasa Inggris"), {"classes": ["collapse"], "fields": ["name_en", "contact_en"]}),
    ]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["at", "from_status", "to_status", "note", "changed_by"]
    readonly_fields = fields
    verbose_name_plural = _("Riwayat status")

    def has_add_permission(self, request, obj=None):
        return False


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    can_delete = False
    fields = ["kind", "photo", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("services.view_document")

    @admin.display(description=_("Foto"))
    def photo(self, obj):
        if obj.pk is None:  # a form row a forged TOTAL_FORMS asked for; no photo behind it
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> ({}×{})',
            obj.get_absolute_url(),
            _("Buka foto"),
            obj.width,
            obj.height,
        )


def _bulk_status_action(to_status, description):
    def action(modeladmin, request, queryset):
        moved, refused = 0, 0
        for obj in queryset:
            try:
                domain.change_request_status(
                    service_request=obj, to_status=to_status, by=request.user
                )
                moved += 1
            except domain.StatusChangeRefused:
                refused += 1
        if moved:
            modeladmin.message_user(
                request,
                ngettext("%d permohonan diubah.", "%d permohonan diubah.", moved) % moved,
                messages.SUCCESS,
            )
        if refused:
            modeladmin.message_user(
                request,
                ngettext(
                    "%d permohonan tidak dapat diubah ke status itu.",
                    "%d permohonan tidak dapat diubah ke status itu.",
                    refused,
                )
                % refused,
                messages.WARNING,
            )

    action.__name__ = f"mark_{to_status}"
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(ServiceRequest)
class ServiceRequestAdmin(SafeInputAdminMixin, admin.ModelAdmin):
    """The desk's queue. Applicants' data is read-only; the only change is the status,
    through domain.change_request_status."""

    form = StatusChangeForm
    list_display = ["display_code", "offering", "status", "preferred_day", "created_at"]
    list_filter = ["offering__edition", "offering__service", "status", "preferred_day"]
    list_select_related = ["offering__service", "offering__edition"]
    # Search is by reference code, or (for staff who may see them) by a whole NIK or phone
    # number, matched exactly after normalising: never a part, so a masked value cannot be
    # rebuilt digit by digit. See get_search_results.
    search_fields = ["code"]
    search_help_text = _(
        "Cari dengan kode permohonan, atau NIK atau nomor HP lengkap (harus persis sama)."
    )
    date_hierarchy = "created_at"
    ordering = ["preferred_day", "created_at"]
    inlines = [DocumentInline, StatusChangeInline]
    readonly_fields = [
        "display_code",
        "offering",
        "status",
        "applicant_name",
        "nik_display",
        "phone_display",
        "email",
        "details_display",
        "preferred_day",
        "created_at",
        "updated_at",
        "erased_at",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["display_code", "offering", "status", "preferred_day", "created_at"]},
        ),
        (
            _("Pemohon"),
            {"fields": ["applicant_name", "nik_display", "phone_display", "email"]},
        ),
        (_("Data permohonan"), {"fields": ["details_display"]}),
        (_("Ubah status"), {"fields": ["new_status", "note"]}),
        (None, {"fields": ["updated_at", "erased_at"]}),
    ]
    actions = [
        _bulk_status_action(ServiceRequest.Status.IN_PROCESS, _("Tandai sedang diproses")),
        _bulk_status_action(ServiceRequest.Status.READY, _("Tandai siap diambil")),
        _bulk_status_action(ServiceRequest.Status.DONE, _("Tandai selesai")),
    ]

    def has_add_permission(self, request):
        return False  # requests come from residents

    def may_see_personal_data(self, request) -> bool:
        """Who may see (and so search by) NIK and phone: staff who may open requests (the
        desk, group Petugas layanan, and superusers). Organisers (Panitia) may not."""
        return request.user.has_perm("services.view_servicerequest")

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        code = re.sub(r"[\s\-]+", "", term).upper()
        matches = queryset.filter(code=code)
        if self.may_see_personal_data(request):
            for normalize, field in (
                (numbers.normalize_nik, "nik"),
                (numbers.normalize_phone, "phone"),
            ):
                try:
                    value = normalize(term)
                except ValidationError:
                    continue
                matches = matches | queryset.filter(**{field: value})
        return matches, False

    def has_delete_permission(self, request, obj=None):
        return False  # the retention command blanks them; rows stay for the counts

    @admin.display(description=_("kode permohonan"), ordering="code")
    def display_code(self, obj):
        return obj.display_code

    @admin.display(description=_("NIK"))
    def nik_display(self, obj):
        return obj.nik

    @admin.display(description=_("nomor HP"))
    def phone_display(self, obj):
        return numbers.format_phone(obj.phone)

    @admin.display(description=_("data permohonan"))
    def details_display(self, obj):
        rows = describe_details(obj.service, obj.details)
        if not rows:
            return "—"
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def log_change(self, request, obj, message):
        # The only change this page makes is a status change, which the domain function
        # records in the audit trail itself (with the statuses); a second entry would only
        # repeat it less clearly.
        return None

    def save_model(self, request, obj, form, change):
        to_status = form.cleaned_data.get("new_status")
        if to_status:
            try:
                domain.change_request_status(
                    service_request=obj,
                    to_status=to_status,
                    note=form.cleaned_data.get("note", ""),
                    by=request.user,
                )
            except domain.StatusChangeRefused as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
