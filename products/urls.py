"""Public URLs of the catalogue."""

from django.urls import path

from portal.caching import cache_public_page
from products import views

app_name = "products"

urlpatterns = [
    path("", cache_public_page(views.ProductListView.as_view()), name="list"),
    path(
        "<int:pk>/<slug:slug>/",
        cache_public_page(views.ProductDetailView.as_view()),
        name="product",
    ),
]
