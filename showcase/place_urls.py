"""Public URLs of places. Places are found by their code (or a village by its id);
the slug is for people and search engines."""

from django.urls import path

from portal.caching import cache_public_page
from showcase import views

app_name = "provinces"

urlpatterns = [
    path("", cache_public_page(views.ProvinceListView.as_view()), name="list"),
    path(
        "district/<code:code>/<slug:slug>/",
        cache_public_page(views.DistrictDetailView.as_view()),
        name="district",
    ),
    path(
        "commune/<code:code>/<slug:slug>/",
        cache_public_page(views.CommuneDetailView.as_view()),
        name="commune",
    ),
    path(
        "village/<int:pk>/<slug:slug>/",
        cache_public_page(views.VillageDetailView.as_view()),
        name="village",
    ),
    path("<slug:slug>/", cache_public_page(views.ProvinceDetailView.as_view()), name="province"),
]
