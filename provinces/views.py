"""Public pages of the gazetteer: provinces, and the districts, communes and villages
that products come from."""

from __future__ import annotations

from django.db.models import Model
from django.views.generic import DetailView, ListView

from forums.models import ForumEvent
from portal.models import published_through
from portal.views import CanonicalSlugMixin
from products.models import Producer, Product
from provinces.models import Commune, DemonstrationCentre, District, Province, Village

PLACE_PRODUCT_COUNT = 12
PROVINCE_EVENT_COUNT = 12


def place_trail(place: Model) -> list[Model]:
    """The places from the province down to `place`, for breadcrumbs.

    Expects the parents to be joined already (the page querysets do), so it costs no query.
    """
    trail: list[Model] = []
    while place is not None:
        trail.insert(0, place)
        if isinstance(place, Village):
            place = place.commune
        elif isinstance(place, Commune):
            place = place.district
        elif isinstance(place, District):
            place = place.province
        else:
            place = None
    return trail


class ProvinceListView(ListView):
    template_name = "provinces/province_list.html"
    context_object_name = "provinces"

    def get_queryset(self):
        return Province.objects.for_public_list()


class ProvinceDetailView(DetailView):
    template_name = "provinces/province_detail.html"
    context_object_name = "province"

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
            districts=province.districts.with_product_counts(),
            showcase_products=Product.objects.for_cards()
            .filter(is_showcase=True)
            .in_province(province.code)[:PLACE_PRODUCT_COUNT],
            events=ForumEvent.objects.for_public_list().filter(province=province)[
                :PROVINCE_EVENT_COUNT
            ],
            trail=place_trail(province),
        )
        return context


class DistrictDetailView(CanonicalSlugMixin, DetailView):
    template_name = "provinces/district_detail.html"
    context_object_name = "district"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self):
        return District.objects.for_district_page()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        district = self.object
        context.update(
            demonstration_centre=getattr(district, "demonstration_centre", None),
            communes=district.communes.with_product_counts(),
            products=Product.objects.for_cards().in_district(district.code)[:PLACE_PRODUCT_COUNT],
            trail=place_trail(district),
        )
        return context


class CommuneDetailView(CanonicalSlugMixin, DetailView):
    template_name = "provinces/commune_detail.html"
    context_object_name = "commune"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self):
        return Commune.objects.for_commune_page()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        commune = self.object
        context.update(
            villages=commune.villages.with_product_counts(),
            products=Product.objects.for_cards().in_commune(commune.code)[:PLACE_PRODUCT_COUNT],
            trail=place_trail(commune),
        )
        return context


class VillageDetailView(CanonicalSlugMixin, DetailView):
    template_name = "provinces/village_detail.html"
    context_object_name = "village"

    def get_queryset(self):
        return Village.objects.with_location()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        village = self.object
        context.update(
            producers=Producer.objects.published()
            .filter(published_through("products"), village=village)
            .distinct(),
            products=Product.objects.for_cards().filter(village=village)[:PLACE_PRODUCT_COUNT],
            trail=place_trail(village),
        )
        return context
