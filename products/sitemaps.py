"""The sitemap's section for published products."""

from portal.sitemaps import RecordSitemap
from products.models import Product


class ProductSitemap(RecordSitemap):
    changefreq = "weekly"
    priority = 0.7
    lastmod_field = "updated_at"

    def items(self):
        return Product.objects.for_sitemap()
