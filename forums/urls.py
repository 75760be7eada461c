"""Public URLs of the forums."""

from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("<int:pk>/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
]
