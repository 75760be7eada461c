"""The public pages that gather several apps (see the app's docstring)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from forums.models import DemonstrationCentre, ForumEvent
from portal.collation import name_order
from portal.models import published_through
from portal.views import CanonicalSlugMixin
from products.models import Producer, Product, ProductQuerySet
from products.views import ProductListView
from provinces.models import Commune, District, Province, Village
from provinces.trail import place_trail
from recognition.models import Certificate
from showcase.filters import CatalogueFilter

HOME_SHOWCASE_COUNT = 8
HOME_EVENT_COUNT = 3
PLACE_PRODUCT_COUNT = 12
PROVINCE_EVENT_COUNT = 12
PRODUCER_PAGE_SIZE = 24


def with_current_stars(products: ProductQuerySet) -> ProductQuerySet:
    """Products with `current_stars`: the most stars of their current certificates.

    Part of the same query (a sub-select), so a page of cards costs nothing more.
    """
    return products.annotate(current_stars=Certificate.objects.current().best_stars())


class CatalogueView(ProductListView):
    """The catalogue (products.views) with stars: shown on cards, filtered and sorted."""

    filterset_class = CatalogueFilter
    # What the page reads from its query: its filters, its sort and its page. Any other
    # parameter is dropped before the view runs, and the page cache keys on these only
    # (portal/caching.py).
    query_parameters = (*CatalogueFilter.base_filters, "page")

    def get_queryset(self):
        return with_current_stars(super().get_queryset())

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["active_filters"] = context["filter"].form.active_filters()
        return context


class ProducerDetailView(CanonicalSlugMixin, DetailView):
    """A public producer: profile, village, contact and their public products.

    Shows the live (approved) version only: a change waiting for review is not in
    these rows (docs/decisions/0005-reviewed-revisions.md).
    """

    template_name = "products/producer_detail.html"
    context_object_name = "producer"
    query_parameters = ("page",)

    def get_queryset(self):
        return Producer.objects.for_producer_page()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        producer = self.object
        products = with_current_stars(Product.objects.for_catalogue().filter(producer=producer))
        page = Paginator(products, PRODUCER_PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            products=page.object_list,
            page_obj=page,
            paginator=page.paginator,
            trail=place_trail(producer.village),
        )
        return context


class HomeView(TemplateView):
    template_name = "portal/home.html"
    query_parameters = ()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["model_provinces"] = Province.objects.model_provinces()
        context["showcase_products"] = with_current_stars(
            Product.objects.for_cards().filter(is_showcase=True)
        )[:HOME_SHOWCASE_COUNT]
        context["latest_events"] = ForumEvent.objects.for_public_list()[:HOME_EVENT_COUNT]
        context["figures"] = {
            "provinces": Province.objects.official().count(),
            **Product.objects.headline_figures(),
        }
        return context


class ProvinceListView(ListView):
    """Every official province, model provinces first, sorted by name or by products."""

    template_name = "provinces/province_list.html"
    context_object_name = "provinces"
    SORTS = {"name": _("Name"), "products": _("Number of products")}
    query_parameters = ("sort",)

    def get_queryset(self):
        self.sort = self.request.GET.get("sort")
        if self.sort not in self.SORTS:
            self.sort = "name"
        name = name_order()  # Khmer names in Khmer order on Khmer pages
        # Model provinces lead whatever the order (the first designated first).
        lead = F("model_province_designation__id").asc(nulls_last=True)
        if self.sort == "products":
            return Province.objects.for_public_list().order_by(
                lead, F("product_count").desc(), name, "code"
            )
        return Province.objects.for_public_list().order_by(lead, name, "code")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        provinces = list(context["provinces"])
        context.update(
            provinces=provinces,
            model_provinces=[p for p in provinces if p.is_model_province],
            sort=self.sort,
            sorts=self.SORTS.items(),
        )
        return context


class ProvinceDetailView(DetailView):
    template_name = "provinces/province_detail.html"
    context_object_name = "province"
    query_parameters = ()

    def get_queryset(self):
        return Province.objects.for_province_page()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        province = self.object
        context.update(
            designation=getattr(province, "model_province_designation", None),
            demonstration_centres=DemonstrationCentre.objects.filter(
                district__province=province
            ).select_related("district"),
            districts=province.districts.with_product_counts().in_name_order(),
            showcase_products=with_current_stars(
                Product.objects.for_cards().filter(is_showcase=True).in_province(province.code)
            )[:PLACE_PRODUCT_COUNT],
            events=ForumEvent.objects.for_public_list().filter(province=province)[
                :PROVINCE_EVENT_COUNT
            ],
            trail=place_trail(province),
        )
        return context


class DistrictDetailView(CanonicalSlugMixin, DetailView):
    template_name = "provinces/district_detail.html"
    context_object_name = "district"
    query_parameters = ()
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self):
        return District.objects.for_district_page()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        district = self.object
        context.update(
            demonstration_centre=getattr(district, "demonstration_centre", None),
            communes=district.communes.published().with_product_counts().in_name_order(),
            products=with_current_stars(Product.objects.for_cards().in_district(district.code))[
                :PLACE_PRODUCT_COUNT
            ],
            trail=place_trail(district),
        )
        return context


class CommuneDetailView(CanonicalSlugMixin, DetailView):
    template_name = "provinces/commune_detail.html"
    context_object_name = "commune"
    query_parameters = ()
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self):
        return Commune.objects.published().for_commune_page()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        commune = self.object
        context.update(
            villages=commune.villages.published().with_product_counts().in_name_order(),
            products=with_current_stars(Product.objects.for_cards().in_commune(commune.code))[
                :PLACE_PRODUCT_COUNT
            ],
            trail=place_trail(commune),
        )
        return context


class VillageDetailView(CanonicalSlugMixin, DetailView):
    template_name = "provinces/village_detail.html"
    context_object_name = "village"
    query_parameters = ()

    def get_queryset(self):
        return Village.objects.published().with_location()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        village = self.object
        context.update(
            producers=Producer.objects.published()
            .filter(published_through("products"), village=village)
            .distinct(),
            products=with_current_stars(Product.objects.for_cards().filter(village=village))[
                :PLACE_PRODUCT_COUNT
            ],
            trail=place_trail(village),
        )
        return context
