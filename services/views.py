from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from festival.queries import edition_of_page, edition_url, page_context
from festival.sitewide import clock, ratelimit
from festival.sitewide.links import site_url
from services import domain, queries, uploads
from services.answers import AnswersToken
from services.forms import DETAIL_FORMS, RequestForms, TrackForm
from services.models import (
    NATIONAL_COMPLAINT_CHANNEL,
    NATIONAL_COMPLAINT_URL,
    Document,
    ServiceRequest,
)
from services.queue import queries as queue_queries
from services.survey import queries as survey_queries

SESSION_KEY = "services:submitted"


class EditionPageMixin:
    """What the offering's pages share: the edition of the page (the current one, or the one
    of the URL's year; a draft only for staff who may preview it) and its page context."""

    def get_edition(self, *, missing_ok=False):
        return edition_of_page(self.request, self.kwargs.get("year"), missing_ok=missing_ok)

    def edition_context(self, edition) -> dict:
        return page_context(self.request, edition, self.kwargs.get("year"))

    def get_offering(self, edition):
        """The page's offering, or a 404 when its edition did not offer the service."""
        offering = queries.offering_page(edition, self.kwargs["slug"])
        if offering is None:
            raise Http404("That edition did not offer this service")
        return offering


class ServiceListView(EditionPageMixin, TemplateView):
    template_name = "services/service_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.get_edition(missing_ok=True)
        if edition is not None:
            context.update(self.edition_context(edition))
            context["offerings"] = queries.offerings_of(edition)
        return context


class ServiceDetailView(EditionPageMixin, TemplateView):
    template_name = "services/service_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.get_edition()
        offering = self.get_offering(edition)
        context.update(self.edition_context(edition))
        context["offering"] = offering
        context["service"] = offering.service
        context["requests_possible"] = bool(queries.request_days(offering, today=clock.today()))
        # A number at the desk's queue, while a day of this service's desk takes bookings.
        context["booking_url"] = (
            queue_queries.booking_url(offering, now=clock.now())
            if context["edition_accepts_forms"]
            else None
        )
        context["complaint_channels"] = queries.complaint_channels(edition)
        context["national_complaint_channel"] = NATIONAL_COMPLAINT_CHANNEL
        context["national_complaint_url"] = NATIONAL_COMPLAINT_URL
        # The service's satisfaction index, shown once its sample is large enough to grade.
        index = survey_queries.edition_index(edition, offering.service)
        context["survey_index"] = index if index is not None and index.published_grade else None
        return context


# Pages with personal data (the request form and its answers, the confirmation, tracking,
# document photos) are never kept by the browser or a shared cache.
@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class ServiceRequestView(EditionPageMixin, View):
    """Form → check your answers → submitted, without JavaScript.

    The form posts with step=check; valid answers come back as a summary with a signed copy
    (AnswersToken) and two buttons: step=submit saves the request, step=edit brings the form
    back filled in. Photos are checked on the first post and held privately meanwhile.
    While the offering takes no request (closed, or a past or draft edition), the form's
    address says so and saves nothing.
    """

    form_template = "services/request_form.html"
    check_template = "services/request_check.html"
    closed_template = "services/requests_closed.html"

    def dispatch(self, request, *args, **kwargs):
        self.edition = self.get_edition()
        self.offering = self.get_offering(self.edition)
        self.service = self.offering.service
        if self.service.form_kind not in DETAIL_FORMS:
            raise Http404("This service has no request form")
        self.days = queries.request_days(self.offering, today=clock.today())
        if not self.days:
            # A POST here changes nothing: say so with a refusal, not a success.
            status = 200 if request.method in ("GET", "HEAD") else 403
            return render(request, self.closed_template, self.context(), status=status)
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra) -> dict:
        return {
            **self.edition_context(self.edition),
            "offering": self.offering,
            "service": self.service,
            **extra,
        }

    def forms(self, **kwargs) -> RequestForms:
        return RequestForms(self.service, days=self.days, **kwargs)

    def render_form(self, forms, *, status=200, held_token=""):
        context = self.context(forms=forms, held_token=held_token)
        return render(self.request, self.form_template, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.forms())

    def post(self, request, *args, **kwargs):
        limit, window = settings.RATE_LIMITS["service-request"]
        client = ratelimit.client_id(request)
        if not ratelimit.allow(key=f"service-request|{client}", limit=limit, window=window):
            forms = self.forms(data=request.POST)
            forms.add_error(_("Terlalu banyak percobaan dari perangkat ini. Coba lagi nanti."))
            return self.render_form(forms, status=429)
        step = request.POST.get("step", "check")
        if step in ("edit", "submit"):
            try:
                answers = AnswersToken.load(request.POST.get("answers", ""), offering=self.offering)
            except signing.BadSignature:
                forms = self.forms()
                forms.add_error(
                    _("Halaman pemeriksaan sudah kedaluwarsa. Silakan isi formulir sekali lagi.")
                )
                return self.render_form(forms, status=400)
            if step == "edit":
                forms = self.forms(data=answers["data"], held=answers["held"])
                forms.is_valid()
                return self.render_form(forms, held_token=self._held_token(answers))
            return self.submit(answers)
        return self.check()

    def _held_token(self, answers) -> str:
        if not answers["held"]:
            return ""
        return AnswersToken.dump(offering=self.offering, data={}, held=answers["held"])

    def check(self):
        held = {}
        held_token = self.request.POST.get("held", "")
        if held_token:
            try:
                held = AnswersToken.load(held_token, offering=self.offering)["held"]
            except signing.BadSignature:
                held = {}
        forms = self.forms(data=self.request.POST, files=self.request.FILES, held=held)
        if not forms.is_valid():
            return self.render_form(forms, held_token=held_token)
        held = forms.documents.hold_documents()
        token = AnswersToken.dump(offering=self.offering, data=forms.raw_data(), held=held)
        documents = [str(forms.documents.fields[kind].label) for kind in held]
        context = self.context(summary=forms.summary(), documents=documents, answers=token)
        return render(self.request, self.check_template, context)

    def submit(self, answers):
        forms = self.forms(data=answers["data"], held=answers["held"])
        if not forms.is_valid():
            # Something changed since the check (e.g. that festival day has passed).
            return self.render_form(forms, held_token=self._held_token(answers))
        documents = {}
        for kind, name in forms.documents.held.items():
            content = uploads.open_held(name)
            if content is not None:
                documents[kind] = content
        applicant = forms.applicant.cleaned_data
        try:
            created = domain.submit_request(
                offering=self.offering,
                applicant_name=applicant["applicant_name"],
                nik=applicant["nik"],
                phone=applicant["phone"],
                email=applicant["email"],
                details=forms.details.to_details(),
                preferred_day=applicant["preferred_day"],
                documents=documents,
                submission_key=answers["key"],
            )
        except ValidationError as error:
            # A refusal (domain.RequestRefused: the service closed since the check) or data
            # the model refuses: either way the applicant reads why, above the form.
            for message in error.messages:
                forms.add_error(message)
            return self.render_form(forms, status=400)
        domain.release_held_uploads(names=forms.documents.held.values())
        self.request.session[SESSION_KEY] = created.pk
        return redirect(edition_url("services:submitted", self.edition, slug=self.service.slug))


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class ServiceRequestSubmittedView(EditionPageMixin, View):
    """The confirmation: the reference code, what happens next, what to bring."""

    def get(self, request, slug, year=None):
        edition = self.get_edition()
        offering = queries.offering_page(edition, slug)
        pk = request.session.get(SESSION_KEY)
        submitted = (
            ServiceRequest.objects.filter(pk=pk, offering=offering).first()
            if offering and pk
            else None
        )
        if submitted is None:
            if offering is None:
                return redirect(edition_url("services:list", edition))
            return redirect(edition_url("services:detail", edition, slug=slug))
        context = {
            **self.edition_context(edition),
            "offering": offering,
            "service": offering.service,
            "submitted": submitted,
            "tracking_url": site_url(submitted.get_tracking_url()),
        }
        return render(request, "services/request_submitted.html", context)


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class TrackView(View):
    template_name = "services/track.html"

    def get(self, request):
        return render(request, self.template_name, {"form": TrackForm()})

    def post(self, request):
        form = TrackForm(request.POST)
        context = {"form": form}
        status = 200
        if form.is_valid():
            code = form.cleaned_data["code"]
            client_limit, client_window = settings.RATE_LIMITS["track"]
            code_limit, code_window = settings.RATE_LIMITS["track-code"]
            allowed = ratelimit.allow(
                key=f"track|{ratelimit.client_id(request)}",
                limit=client_limit,
                window=client_window,
            ) and ratelimit.allow(
                # Per code, whoever asks: the key holds no client.
                key=f"track-code|{code}",
                limit=code_limit,
                window=code_window,
            )
            if not allowed:
                context["throttled"] = True
                status = 429
            else:
                found = queries.request_for_tracking(code, form.cleaned_data["phone"])
                if found is None:
                    context["not_found"] = True
                else:
                    context["found"] = found
                    context["survey"] = queries.survey_invitation(found)
                    context["form"] = TrackForm()
        return render(request, self.template_name, context, status=status)


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class PrivateTrackView(View):
    """The applicant's private tracking link: the secret alone finds the request, with no
    rate limit of its own to exhaust, so no stranger's lookups can lock its owner out."""

    def get(self, request, secret):
        found = queries.request_by_tracking_secret(secret)
        if found is None:
            raise Http404
        context = {
            "found": found,
            "survey": queries.survey_invitation(found),
            "form": TrackForm(),
            "private_link": True,
        }
        response = render(request, TrackView.template_name, context)
        # No other site learns the secret from a Referer. (Not "no-referrer": browsers then
        # send "Origin: null" with the form on this page, which the CSRF check refuses.)
        response["Referrer-Policy"] = "same-origin"
        return response


@require_GET
@cache_control(private=True, no_store=True)
def document(request, pk):
    """A document photo, only for staff allowed to view documents; never cached."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not (request.user.is_staff and request.user.has_perm("services.view_document")):
        raise PermissionDenied
    doc = get_object_or_404(Document, pk=pk)
    response = FileResponse(doc.file.open("rb"), content_type="image/webp")
    response["Content-Disposition"] = (
        f'inline; filename="{doc.kind}-{doc.service_request.code}.webp"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
