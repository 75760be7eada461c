"""The sitemap's sections for published products and producers."""

from portal.sitemaps import RecordSitemap
from products.models import Producer, Product


class ProductSitemap(RecordSitemap):
    changefreq = "weekly"
    priority = 0.7
    lastmod_field = "updated_at"

    def items(self):
        return Product.objects.for_sitemap()


class ProducerSitemap(RecordSitemap):
    changefreq = "monthly"
    priority = 0.5
    lastmod_field = "updated_at"

    def items(self):
        return Producer.objects.for_sitemap()
