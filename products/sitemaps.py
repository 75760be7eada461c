"""The sitemap's section for published products."""

from django.contrib.sitemaps import Sitemap

from products.models import Product


class ProductSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Product.objects.published().order_by("pk")

    def lastmod(self, product: Product):
        return product.updated_at
