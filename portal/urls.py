"""The home page, inside the language prefix."""

from django.urls import path

from portal.views import HomeView

app_name = "portal"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
]
