"""The home page, inside the language prefix."""

from django.urls import path

from portal.caching import cache_public_page
from portal.views import HomeView

app_name = "portal"

urlpatterns = [
    path("", cache_public_page(HomeView.as_view()), name="home"),
]
