"""Public pages of the catalogue: the searchable list and each product's page.

The list served at /products/ is `showcase.views.CatalogueView`, which adds stars
(recognition sits above the catalogue; docs/decisions/0080).
"""

from __future__ import annotations

from django.views.generic import DetailView
from django_filters.views import FilterView

from portal.views import CanonicalSlugMixin
from products.filters import ProductFilter
from products.models import Product
from provinces.trail import place_trail

CATALOGUE_PAGE_SIZE = 24
RELATED_PRODUCT_COUNT = 4


class ProductListView(FilterView):
    filterset_class = ProductFilter
    template_name = "products/product_list.html"
    context_object_name = "products"
    paginate_by = CATALOGUE_PAGE_SIZE

    def get_queryset(self):
        return Product.objects.for_catalogue()


class ProductDetailView(CanonicalSlugMixin, DetailView):
    template_name = "products/product_detail.html"
    context_object_name = "product"
    # The page reads nothing from its query (portal/caching.py).
    query_parameters = ()

    def get_queryset(self):
        return Product.objects.for_product_page()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        product = self.object
        context.update(
            photos=list(product.photos.all()),
            related_products=Product.objects.related_to(product, RELATED_PRODUCT_COUNT),
            trail=place_trail(product.village),
        )
        return context
