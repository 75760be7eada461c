"""Public URLs of the catalogue: the list (with stars, so here) and each product's page.

They keep the catalogue's names (`products:list`, `products:product`).
"""

from django.urls import path

from portal.caching import cache_public_page
from products.views import ProductDetailView
from showcase import views

app_name = "products"

urlpatterns = [
    path("", cache_public_page(views.CatalogueView.as_view()), name="list"),
    path("<int:pk>/<slug:slug>/", cache_public_page(ProductDetailView.as_view()), name="product"),
]
