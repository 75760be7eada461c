"""The home page, inside the language prefix."""

from django.urls import path

from portal.caching import cache_public_page
from showcase.views import HomeView

app_name = "portal"  # the site's own pages keep their URL names: {% url "portal:home" %}

urlpatterns = [
    path("", cache_public_page(HomeView.as_view()), name="home"),
]
