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
from django.views.generic import DetailView, ListView

from festival.sitewide import clock, ratelimit
from festival.sitewide.links import site_url
from services import domain, queries, uploads
from services.answers import AnswersToken
from services.forms import DETAIL_FORMS, RequestForms, TrackForm
from services.models import Document, ServiceRequest

SESSION_KEY = "services:submitted"


class ServiceListView(ListView):
    template_name = "services/service_list.html"
    context_object_name = "services"

    def get_queryset(self):
        return queries.published_services()


class ServiceDetailView(DetailView):
    template_name = "services/service_detail.html"
    context_object_name = "service"

    def get_object(self, queryset=None):
        service = queries.service_page(self.kwargs["slug"])
        if service is None:
            raise Http404
        return service

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requests_possible"] = bool(queries.request_days(self.object, today=clock.today()))
        return context


# Pages with personal data (the request form and its answers, the confirmation, tracking,
# document photos) are never kept by the browser or a shared cache.
@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class ServiceRequestView(View):
    """Form → check your answers → submitted, without JavaScript.

    The form posts with step=check; valid answers come back as a summary with a signed copy
    (AnswersToken) and two buttons: step=submit saves the request, step=edit brings the form
    back filled in. Photos are checked on the first post and held privately meanwhile.
    """

    form_template = "services/request_form.html"
    check_template = "services/request_check.html"

    def dispatch(self, request, slug):
        self.service = queries.service_page(slug)
        if self.service is None or self.service.form_kind not in DETAIL_FORMS:
            raise Http404
        self.days = queries.request_days(self.service, today=clock.today())
        if not self.days:
            return redirect(self.service)
        return super().dispatch(request, slug)

    def forms(self, **kwargs) -> RequestForms:
        return RequestForms(self.service, days=self.days, **kwargs)

    def render_form(self, forms, *, status=200, held_token=""):
        context = {"service": self.service, "forms": forms, "held_token": held_token}
        return render(self.request, self.form_template, context, status=status)

    def get(self, request, slug):
        return self.render_form(self.forms())

    def post(self, request, slug):
        limit, window = settings.RATE_LIMITS["service-request"]
        client = ratelimit.client_id(request)
        if not ratelimit.allow(key=f"service-request|{client}", limit=limit, window=window):
            forms = self.forms(data=request.POST)
            forms.add_error(_("Terlalu banyak percobaan dari perangkat ini. Coba lagi nanti."))
            return self.render_form(forms, status=429)
        step = request.POST.get("step", "check")
        if step in ("edit", "submit"):
            try:
                answers = AnswersToken.load(request.POST.get("answers", ""), service=self.service)
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
        return AnswersToken.dump(service=self.service, data={}, held=answers["held"])

    def check(self):
        held = {}
        held_token = self.request.POST.get("held", "")
        if held_token:
            try:
                held = AnswersToken.load(held_token, service=self.service)["held"]
            except signing.BadSignature:
                held = {}
        forms = self.forms(data=self.request.POST, files=self.request.FILES, held=held)
        if not forms.is_valid():
            return self.render_form(forms, held_token=held_token)
        held = forms.documents.hold_documents()
        token = AnswersToken.dump(service=self.service, data=forms.raw_data(), held=held)
        documents = [str(forms.documents.fields[kind].label) for kind in held]
        context = {
            "service": self.service,
            "summary": forms.summary(),
            "documents": documents,
            "answers": token,
        }
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
                service=self.service,
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
        return redirect("services:submitted", slug=self.service.slug)


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class ServiceRequestSubmittedView(View):
    """The confirmation: the reference code, what happens next, what to bring."""

    def get(self, request, slug):
        service = queries.service_page(slug)
        pk = request.session.get(SESSION_KEY)
        submitted = (
            ServiceRequest.objects.filter(pk=pk, service=service).first()
            if service and pk
            else None
        )
        if submitted is None:
            return redirect(service or reverse("services:list"))
        context = {
            "service": service,
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
        context = {"found": found, "form": TrackForm(), "private_link": True}
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
