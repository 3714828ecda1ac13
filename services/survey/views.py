"""Answering the survey (type a code at /survei/, answer at /survei/<code>/, read the thanks)
and the published index (/survei/hasil/, /<year>/survei/hasil/).

Answering needs no account and no personal data. A code that cannot answer (unknown, used, voided, closed)
gets one and the same page, status and message wherever it is tried, so no one learns which
codes exist; failed lookups are rate-limited per client address. Nothing here is cached. No
other site learns a code from a Referer: the site-wide policy (strict-origin-when-cross-origin,
SECURE_REFERRER_POLICY) sends other sites the origin only, never the path.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView

from festival.queries import edition_of_page, page_context
from festival.sitewide import ratelimit
from festival.sitewide.i18n import localized
from services.survey import charts, domain, queries
from services.survey.forms import CodeForm, SurveyForm
from services.survey.models import SurveyCode, normalize_survey_code

# The code this browser answered last: its thank-you page, and its questionnaire URL (back
# button, reload) leads there instead of to the refusal. Only the browser that answered knows.
SESSION_KEY = "survey:answered"


def _too_many_message() -> str:
    return _(
        "Terlalu banyak percobaan dari perangkat atau jaringan Anda. Tunggu 15 menit, lalu "
        "coba lagi."
    )


class _Throttled(Exception):
    pass


def _lookup(request, code: str) -> SurveyCode | None:
    """The code that may answer, or None; raises _Throttled once this address has failed too
    often. Every lookup counts, and a successful one is taken back: counting first keeps the
    count atomic under parallel attempts, and only failures (what guessing produces) add up."""
    limit, window = settings.RATE_LIMITS["survey-code"]
    key = f"survey-code|{ratelimit.client_id(request)}"
    if not ratelimit.allow(key=key, limit=limit, window=window):
        raise _Throttled
    found = queries.usable_code(code)
    if found is not None:
        ratelimit.undo(key=key, window=window)
    return found


def _refused(request, form=None):
    """The start page with the one refusal: the same for every code that cannot answer."""
    form = form if form is not None else CodeForm()
    context = {"form": form, "refused": domain.refusal().message}
    return render(request, "survey/start.html", context, status=404)


def _throttled(request, form=None):
    context = {"form": form if form is not None else CodeForm(), "throttled": _too_many_message()}
    return render(request, "survey/start.html", context, status=429)


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class StartView(View):
    """Type the code from a card or a link."""

    def get(self, request):
        return render(request, "survey/start.html", {"form": CodeForm()})

    def post(self, request):
        form = CodeForm(request.POST)
        if not form.is_valid():
            return render(request, "survey/start.html", {"form": form})
        try:
            found = _lookup(request, form.cleaned_data["code"])
        except _Throttled:
            return _throttled(request, form)
        if found is None:
            return _refused(request, form)
        return redirect("survey:answer", code=found.code)


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class AnswerView(View):
    """The questionnaire of one code; answering it leads to the thank-you page (PRG)."""

    template_name = "survey/questionnaire.html"

    def dispatch(self, request, code):
        canonical = normalize_survey_code(code)
        if canonical != code:
            # A code typed into the address bar as on the card (acde-3479): the stored form.
            return redirect("survey:answer", code=canonical)
        return super().dispatch(request, code)

    def render_form(self, survey_code, form, *, status=200, throttled=""):
        context = {"survey_code": survey_code, "form": form, "throttled": throttled}
        return render(self.request, self.template_name, context, status=status)

    def usable_code_or_answer(self, request, code):
        """(the code that may answer, None), or (None, the page to answer with instead): the
        thanks for the browser that has just answered it (a reload, a double tap, a resend),
        else the throttle or the one refusal."""
        if request.session.get(SESSION_KEY) == code:
            return None, redirect("survey:thanks")
        try:
            survey_code = _lookup(request, code)
        except _Throttled:
            return None, _throttled(request)
        if survey_code is None:
            return None, _refused(request)
        return survey_code, None

    def get(self, request, code):
        survey_code, answer = self.usable_code_or_answer(request, code)
        if answer is not None:
            return answer
        return self.render_form(survey_code, SurveyForm())

    def post(self, request, code):
        survey_code, answer = self.usable_code_or_answer(request, code)
        if answer is not None:
            return answer
        form = SurveyForm(request.POST)
        limit, window = settings.RATE_LIMITS["survey-answer"]
        if not ratelimit.allow(
            key=f"survey-answer|{ratelimit.client_id(request)}", limit=limit, window=window
        ):
            # Keep what was typed; the only message is the rate limit's.
            form.is_valid()
            form.errors.clear()
            return self.render_form(survey_code, form, status=429, throttled=_too_many_message())
        if not form.is_valid():
            return self.render_form(survey_code, form)
        try:
            domain.answer_survey(
                code=survey_code.code,
                scores=form.scores(),
                profile=form.profile(),
                suggestion=form.cleaned_data["suggestion"],
            )
        except domain.SurveyRefused as error:
            if error.code == "code_unusable":
                # Answered (or voided) a moment ago, from elsewhere.
                return _refused(request)
            form.add_error(None, error)
            return self.render_form(survey_code, form, status=400)
        request.session[SESSION_KEY] = survey_code.code
        return redirect("survey:thanks")


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class ThanksView(View):
    def get(self, request):
        if not request.session.get(SESSION_KEY):
            return redirect("survey:start")
        return render(request, "survey/thanks.html")


def _service_name(service) -> str:
    return localized(service, "name")


def results_context(edition) -> dict:
    """What the public page and the admin's printable report both show."""
    results = queries.edition_results(edition)
    return {
        "results": results,
        "index": results.index,
        "element_chart": charts.element_chart(results.index),
        "service_chart": charts.service_chart(results.services, name=_service_name),
    }


class SurveyResultsView(TemplateView):
    template_name = "survey/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = kwargs.get("year")
        edition = edition_of_page(self.request, year)
        context.update(page_context(self.request, edition, year))
        context.update(results_context(edition))
        return context
