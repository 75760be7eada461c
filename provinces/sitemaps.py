"""The sitemap's sections for places: every province, and the districts, communes and
villages that published products come from (pages of places without products are
left to visitors to find)."""

from django.contrib.sitemaps import Sitemap

from portal.models import published_through
from provinces.models import Commune, District, Province, Village


class PlaceSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"


class ProvinceSitemap(PlaceSitemap):
    priority = 0.8

    def items(self):
        return Province.objects.official().order_by("code")


class DistrictSitemap(PlaceSitemap):
    def items(self):
        return (
            District.objects.filter(published_through("communes__villages__products"))
            .distinct()
            .order_by("code")
        )


class CommuneSitemap(PlaceSitemap):
    def items(self):
        return (
            Commune.objects.filter(published_through("villages__products"))
            .distinct()
            .order_by("code")
        )


class VillageSitemap(PlaceSitemap):
    def items(self):
        return Village.objects.with_published_products().order_by("pk")
