"""The published survey results. Mounted by festival/config/urls.py at `survei/hasil/` (the
current edition) and `<year:year>/survei/hasil/` (any edition), both named "results" in the
"survey_results" namespace: reverse("survey_results:results", kwargs={"year": 2016})."""

from django.urls import path

from services.survey import views

app_name = "survey_results"

urlpatterns = [
    path("survei/hasil/", views.SurveyResultsView.as_view(), name="results"),
    path("<year:year>/survei/hasil/", views.SurveyResultsView.as_view(), name="results"),
]
