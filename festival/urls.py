"""The festival's own pages: the programme, for the current edition at /jadwal/ and for any
edition at /<year>/jadwal/ (the same URL names, with a `year`). festival/config mounts them at
the root and adds the home pages (composed of every app's sections) to this namespace."""

from django.urls import path, register_converter

from festival import views
from festival.converters import IsoDateConverter, YearConverter

app_name = "festival"

register_converter(IsoDateConverter, "isodate")
register_converter(YearConverter, "year")


def edition_paths(prefix: str):
    """The programme's paths under `prefix` ("" for the current edition, "<year:year>/")."""
    return [
        path(f"{prefix}jadwal/", views.ProgrammeView.as_view(), name="programme"),
        path(f"{prefix}jadwal/festival.ics", views.programme_ics, name="programme-ics"),
        path(f"{prefix}jadwal/acara/<slug:slug>.ics", views.item_ics, name="item-ics"),
        path(
            f"{prefix}jadwal/<isodate:day>/",
            views.ProgrammeDayView.as_view(),
            name="programme-day",
        ),
    ]


urlpatterns = [*edition_paths(""), *edition_paths("<year:year>/")]
