"""The festival's own pages: the programme. festival/config mounts them at the root and adds
the home page (composed of every app's sections) to this namespace."""

from django.urls import path, register_converter

from festival import views
from festival.converters import IsoDateConverter

app_name = "festival"

register_converter(IsoDateConverter, "isodate")

urlpatterns = [
    path("jadwal/", views.ProgrammeView.as_view(), name="programme"),
    path("jadwal/festival.ics", views.programme_ics, name="programme-ics"),
    path("jadwal/acara/<slug:slug>.ics", views.item_ics, name="item-ics"),
    path("jadwal/<isodate:day>/", views.ProgrammeDayView.as_view(), name="programme-day"),
]
