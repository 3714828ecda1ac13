"""The survey in the admin: printing sheets of survey cards and voiding lost ones, reading the
responses (the live index of what is filtered, the suggestions, a CSV without personal data),
and the edition's follow-up plan with its printable one-page A4 report."""

import csv
import datetime
from urllib.parse import urlencode
from urllib.parse import urlsplit as split_url

import segno
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from festival.models import Edition
from festival.queries import current_edition
from festival.sitewide.links import site_url
from services.models import Service
from services.survey import domain
from services.survey.index import compute_index
from services.survey.models import ELEMENT_FIELDS, SurveyCode, SurveyReport, SurveyResponse
from services.survey.views import results_context

CARDS_PER_PAGE = 10  # 2 × 5 cards on an A4 sheet


def qr_data_uri(url: str) -> str:
    """An SVG data: URI of the QR code of `url` (the CSP allows data: images)."""
    return segno.make(url, error="m").svg_data_uri(scale=1, border=4)


def survey_code_url(code: SurveyCode) -> str:
    """The absolute address a card's QR code opens: /survei/<code>/ (DESIGN.md's URL
    contract), in Indonesian whatever language the admin runs in: the card is printed in
    Indonesian, and the page offers English from there."""
    with translation.override("id"):
        return site_url(reverse("survey:answer", kwargs={"code": code.code}))


class IssueCardsForm(forms.Form):
    edition = forms.ModelChoiceField(
        label=_("Edisi"), queryset=Edition.objects.order_by("-year"), empty_label=None
    )
    service = forms.ModelChoiceField(label=_("Layanan"), queryset=Service.objects.all())
    count = forms.IntegerField(
        label=_("Jumlah kartu"),
        min_value=1,
        max_value=domain.MAX_CARDS_PER_SHEET,
        initial=CARDS_PER_PAGE,
        help_text=_("Satu kartu untuk setiap orang yang dilayani; 10 kartu per lembar A4."),
    )


class UsedFilter(admin.SimpleListFilter):
    title = _("sudah dijawab")
    parameter_name = "dijawab"

    def lookups(self, request, model_admin):
        return [("ya", _("Ya")), ("tidak", _("Belum"))]

    def queryset(self, request, queryset):
        if self.value() in ("ya", "tidak"):
            return queryset.filter(response__isnull=self.value() == "tidak")
        return queryset


class VoidedFilter(admin.SimpleListFilter):
    title = _("dibatalkan")
    parameter_name = "dibatalkan"

    def lookups(self, request, model_admin):
        return [("ya", _("Ya")), ("tidak", _("Tidak"))]

    def queryset(self, request, queryset):
        if self.value() in ("ya", "tidak"):
            return queryset.filter(voided_at__isnull=self.value() == "tidak")
        return queryset


@admin.register(SurveyCode)
class SurveyCodeAdmin(admin.ModelAdmin):
    """Codes are issued (the add page asks edition, service and number and prints a sheet),
    reprinted and voided; never edited or deleted."""

    list_display = ["display_code", "edition", "service", "source", "issued_at", "used", "voided"]
    list_filter = ["edition", "service", "source", UsedFilter, VoidedFilter]
    list_select_related = ["edition", "service", "response"]
    search_fields = ["code"]
    fields = [
        "display_code",
        "edition",
        "service",
        "source",
        "service_request",
        "issued_at",
        "issued_by",
        "voided_at",
    ]
    readonly_fields = fields
    actions = ["print_cards", "void"]

    def has_change_permission(self, request, obj=None):
        return False  # a code is never edited: its page is read-only

    def has_delete_permission(self, request, obj=None):
        return False  # a lost card is voided; the row stays, so N stays honest

    def has_void_permission(self, request):
        """Voiding is the one change made to codes (organisers, not the desk)."""
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def get_search_results(self, request, queryset, search_term):
        code = search_term.replace("-", "").replace(" ", "").upper()
        return (queryset.filter(code=code) if code else queryset), False

    @admin.display(description=_("kode"), ordering="code")
    def display_code(self, obj):
        return obj.display_code

    @admin.display(description=_("dijawab"), boolean=True)
    def used(self, obj):
        return hasattr(obj, "response")

    @admin.display(description=_("dibatalkan"), boolean=True, ordering="voided_at")
    def voided(self, obj):
        return obj.voided_at is not None

    def get_urls(self):
        return [
            path(
                "lembar/",
                self.admin_site.admin_view(self.sheet_view),
                name="survey_surveycode_sheet",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """Print survey cards: issue `count` codes of a service and show their sheet."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        edition = current_edition()
        form = IssueCardsForm(
            request.POST if request.method == "POST" else None,
            initial={"edition": edition.pk if edition else None},
        )
        if form.is_valid():
            try:
                codes = domain.issue_card_codes(**form.cleaned_data, by=request.user)
            except domain.SurveyRefused as refused:
                form.add_error(None, refused)
            else:
                return HttpResponseRedirect(self.sheet_url(codes))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cetak kartu survei"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/survey/issue_cards.html", context)

    def sheet_url(self, codes) -> str:
        ids = ",".join(str(code.pk) for code in codes)
        return f"{reverse('admin:survey_surveycode_sheet')}?{urlencode({'kode': ids})}"

    def sheet_view(self, request):
        """A4 sheets of cards for the codes in ?kode= (unused and not voided only)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        ids = [int(i) for i in request.GET.get("kode", "").split(",") if i.strip().isdigit()]
        codes = list(
            SurveyCode.objects.filter(pk__in=ids, voided_at__isnull=True, response__isnull=True)
            .select_related("edition", "service")
            .order_by("pk")
        )
        cards = [{"code": code, "qr": qr_data_uri(survey_code_url(code))} for code in codes]
        pages = [cards[i : i + CARDS_PER_PAGE] for i in range(0, len(cards), CARDS_PER_PAGE)]
        site = split_url(site_url("/survei/"))
        context = {
            "pages": pages,
            "count": len(cards),
            "skipped": len(set(ids)) - len(cards),
            "survey_address": f"{site.netloc}{site.path}",
            "back_url": reverse("admin:survey_surveycode_changelist"),
        }
        return TemplateResponse(request, "admin/survey/card_sheet.html", context)

    @admin.action(description=_("Cetak kartu survei"), permissions=["view"])
    def print_cards(self, request, queryset):
        return HttpResponseRedirect(self.sheet_url(queryset.order_by("pk")))

    @admin.action(description=_("Batalkan kode"), permissions=["void"])
    def void(self, request, queryset):
        voided = domain.void_codes(codes=list(queryset), by=request.user)
        self.message_user(
            request,
            ngettext(
                "%d kode dibatalkan. Kode yang sudah dijawab atau sudah dibatalkan tidak diubah.",
                "%d kode dibatalkan. Kode yang sudah dijawab atau sudah dibatalkan tidak diubah.",
                voided,
            )
            % voided,
            messages.SUCCESS,
        )


class DayFilter(admin.SimpleListFilter):
    """Responses per day of answering (WIB), the days that have any."""

    title = _("hari")
    parameter_name = "hari"

    def lookups(self, request, model_admin):
        days = SurveyResponse.objects.datetimes(
            "created_at", "day", tzinfo=timezone.get_current_timezone()
        )
        return [(d.date().isoformat(), date_format(d.date(), "l, j F Y")) for d in days]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = datetime.date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(created_at__date=day)


CSV_COLUMNS = [
    "code",
    "edition",
    "service",
    "answered_at",
    *ELEMENT_FIELDS.values(),
    "sex",
    "age_group",
    "education",
    "occupation",
    "suggestion",
]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    """Read-only: what residents answered. The changelist shows the index of what is
    filtered (the live index during the festival) and exports it as CSV."""

    list_display = ["__str__", "edition", "service", "created_at", "scores", "suggestion"]
    list_filter = ["edition", "service", DayFilter]
    list_select_related = ["code", "edition", "service"]
    search_fields = ["suggestion"]
    change_list_template = "admin/survey/surveyresponse/change_list.html"
    fields = [
        "code",
        "edition",
        "service",
        "created_at",
        *ELEMENT_FIELDS.values(),
        "sex",
        "age_group",
        "education",
        "occupation",
        "suggestion",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # answers come from residents

    def has_change_permission(self, request, obj=None):
        return False  # what a resident answered is read, never edited

    def has_delete_permission(self, request, obj=None):
        return False  # the index of a past edition must not change

    @admin.display(description=_("nilai U1–U9"))
    def scores(self, obj):
        return " ".join(str(getattr(obj, field) or "–") for field in ELEMENT_FIELDS.values())

    def get_urls(self):
        return [
            path(
                "ekspor.csv",
                self.admin_site.admin_view(self.export_csv),
                name="survey_surveyresponse_csv",
            ),
            *super().get_urls(),
        ]

    def filtered(self, request):
        changelist = self.get_changelist_instance(request)
        return changelist, changelist.get_queryset(request)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context=extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            params = request.GET
            codes = SurveyCode.objects.filter(voided_at__isnull=True)
            if params.get("edition__id__exact"):
                codes = codes.filter(edition_id=params["edition__id__exact"])
            if params.get("service__id__exact"):
                codes = codes.filter(service_id=params["service__id__exact"])
            response.context_data["live_index"] = compute_index(
                changelist.queryset, served=codes.count()
            )
            response.context_data["csv_url"] = (
                reverse("admin:survey_surveyresponse_csv") + "?" + params.urlencode()
            )
        return response

    def export_csv(self, request):
        """The filtered responses, without personal data (there is none to leave out: the
        code is not personal), one row each."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        _changelist, responses = self.filtered(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="jawaban-survei.csv"'
        response.write("\ufeff")  # so a spreadsheet opens it as UTF-8
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for answer in responses.select_related("code", "edition", "service").order_by(
            "created_at", "pk"
        ):
            writer.writerow(
                [
                    answer.code.code,
                    answer.edition.year,
                    answer.service.name,
                    timezone.localtime(answer.created_at).isoformat(timespec="minutes"),
                    *(getattr(answer, f) or "" for f in ELEMENT_FIELDS.values()),
                    answer.sex,
                    answer.age_group,
                    answer.education,
                    answer.occupation,
                    _spreadsheet_safe(answer.suggestion),
                ]
            )
        return response


def _spreadsheet_safe(text: str) -> str:
    """A resident's text that a spreadsheet will not run as a formula (CSV injection)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@admin.register(SurveyReport)
class SurveyReportAdmin(admin.ModelAdmin):
    list_display = ["edition", "has_plan", "report_link"]
    list_select_related = ["edition"]
    fields = ["edition", "follow_up_plan", "follow_up_plan_en"]

    @admin.display(description=_("rencana ditulis"), boolean=True)
    def has_plan(self, obj):
        return bool(obj.follow_up_plan.strip())

    @admin.display(description=_("laporan A4"))
    def report_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:survey_surveyreport_print", args=[obj.edition.year]),
            _("Cetak laporan"),
        )

    def get_urls(self):
        return [
            path(
                "laporan/<int:year>/",
                self.admin_site.admin_view(self.print_view),
                name="survey_surveyreport_print",
            ),
            *super().get_urls(),
        ]

    def print_view(self, request, year):
        """The edition's one-page A4 report: figures, element chart, services, the plan."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        edition = get_object_or_404(Edition, year=year)
        context = {
            "edition": edition,
            **results_context(edition),
            "printed_on": timezone.localdate(),
            "back_url": reverse("admin:survey_surveyreport_changelist"),
        }
        return TemplateResponse(request, "admin/survey/report.html", context)
