"""Public URLs of producers: found by id; the slug is for people and search engines."""

from django.urls import path

from portal.caching import cache_public_page
from showcase import views

app_name = "producers"

urlpatterns = [
    path(
        "<int:pk>/<slug:slug>/",
        cache_public_page(views.ProducerDetailView.as_view()),
        name="producer",
    ),
]
