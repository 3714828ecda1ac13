from django.urls import path, register_converter

from services.survey import views
from services.survey.models import CODE_LENGTH

app_name = "survey"


class CodeConverter:
    """A survey code as stored (ACDE3479) or as printed and typed (acde-3479): letters and
    digits with an optional dash in the middle. Nothing longer or shorter matches, so the
    survey's other paths (terima-kasih/, hasil/) are never taken for a code."""

    half = CODE_LENGTH // 2
    regex = f"[A-Za-z0-9]{{{half}}}-?[A-Za-z0-9]{{{half}}}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CodeConverter, "survey_code")

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("terima-kasih/", views.ThanksView.as_view(), name="thanks"),
    path("<survey_code:code>/", views.AnswerView.as_view(), name="answer"),
]
