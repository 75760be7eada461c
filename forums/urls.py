"""Public URLs of the forums."""

from django.urls import path

from forums import views
from portal.caching import cache_public_page

app_name = "forums"

urlpatterns = [
    path("", cache_public_page(views.EventListView.as_view()), name="list"),
    path(
        "<int:pk>/<slug:slug>/", cache_public_page(views.EventDetailView.as_view()), name="event"
    ),
]
