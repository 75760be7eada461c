"""Public URLs of the gazetteer. Places are found by their code (or a village by its id);
the slug is for people and search engines."""

from django.urls import path

from provinces import views

app_name = "provinces"

urlpatterns = [
    path("", views.ProvinceListView.as_view(), name="list"),
    path("district/<str:code>/<slug:slug>/", views.DistrictDetailView.as_view(), name="district"),
    path("commune/<str:code>/<slug:slug>/", views.CommuneDetailView.as_view(), name="commune"),
    path("village/<int:pk>/<slug:slug>/", views.VillageDetailView.as_view(), name="village"),
    path("<slug:slug>/", views.ProvinceDetailView.as_view(), name="province"),
]
