"""The sitemap's sections for places: every province, and the districts, communes and
villages that published products come from (pages of places without products are
left to visitors to find)."""

from portal.sitemaps import RecordSitemap
from provinces.models import Commune, District, Province, Village


class PlaceSitemap(RecordSitemap):
    changefreq = "monthly"


class ProvinceSitemap(PlaceSitemap):
    priority = 0.8

    def items(self):
        return Province.objects.official().order_by("code")


class DistrictSitemap(PlaceSitemap):
    def items(self):
        return District.objects.filter(
            code__in=Village.objects.with_published_products().values("commune__district")
        ).order_by("code")


class CommuneSitemap(PlaceSitemap):
    def items(self):
        return (
            Commune.objects.published()
            .filter(code__in=Village.objects.with_published_products().values("commune"))
            .order_by("code")
        )


class VillageSitemap(PlaceSitemap):
    def items(self):
        return Village.objects.published().with_published_products().order_by("pk")
