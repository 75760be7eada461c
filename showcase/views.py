"""The public pages that gather several apps (see the app's docstring)."""

from __future__ import annotations

from django.views.generic import DetailView, ListView, TemplateView

from forums.models import ForumEvent
from portal.models import published_through
from portal.views import CanonicalSlugMixin
from products.models import Producer, Product
from provinces.models import Commune, DemonstrationCentre, District, Province, Village
from provinces.trail import place_trail

HOME_SHOWCASE_COUNT = 8
HOME_EVENT_COUNT = 3
PLACE_PRODUCT_COUNT = 12
PROVINCE_EVENT_COUNT = 12


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["model_provinces"] = Province.objects.model_provinces()
        context["showcase_products"] = Product.objects.for_cards().filter(is_showcase=True)[
            :HOME_SHOWCASE_COUNT
        ]
        context["latest_events"] = ForumEvent.objects.for_public_list()[:HOME_EVENT_COUNT]
        context["figures"] = {
            "provinces": Province.objects.official().count(),
            **Product.objects.headline_figures(),
        }
        return context


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
            districts=province.districts.with_product_counts().in_name_order(),
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
            communes=district.communes.with_product_counts().in_name_order(),
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
            villages=commune.villages.with_product_counts().in_name_order(),
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
