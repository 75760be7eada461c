"""The sitemap's section for the fixed pages: home and the three lists."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["portal:home", "provinces:list", "products:list", "forums:list"]

    def location(self, item: str) -> str:
        return reverse(item)
