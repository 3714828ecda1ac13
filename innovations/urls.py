from django.urls import path

from innovations import views

app_name = "innovations"

urlpatterns = [
    path("", views.InnovationListView.as_view(), name="list"),
    path("<slug:slug>/", views.InnovationDetailView.as_view(), name="detail"),
]
