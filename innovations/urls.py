from django.urls import path

from innovations import views

app_name = "innovations"

urlpatterns = [
    path("", views.catalogue, name="list"),
    path("<slug:slug>/", views.InnovationDetailView.as_view(), name="detail"),
]
