"""Root URLconf: the admin (and its password reset) at DJANGO_ADMIN_URL, the public site
under a language prefix.

A segment that is a key has a converter with its shape (`<code:…>`, `<certificate:…>`,
registered by portal.converters, and Django's `<int:…>`, `<slug:…>`), so text that
cannot be one is a 404 before any query (docs/decisions/0110).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from forums.sitemaps import EventSitemap
from portal.caching import cache_public_page
from portal.health import healthz
from portal.sitemaps import PagesSitemap
from portal.views import robots_txt
from products.sitemaps import ProducerSitemap, ProductSitemap
from provinces.sitemaps import CommuneSitemap, DistrictSitemap, ProvinceSitemap, VillageSitemap
from recognition.views import certificate_short_link

admin.site.site_header = _("OVOP Cambodia administration")
admin.site.site_title = _("OVOP Cambodia")
admin.site.index_title = _("Programme records")

sitemaps = {
    "pages": PagesSitemap,
    "provinces": ProvinceSitemap,
    "districts": DistrictSitemap,
    "communes": CommuneSitemap,
    "villages": VillageSitemap,
    "products": ProductSitemap,
    "producers": ProducerSitemap,
    "events": EventSitemap,
}

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the admin's own URLs, whose catch-all would answer them with a 404.
    path(settings.ADMIN_URL, include("accounts.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # The address a certificate's QR code carries: short, and in no one language.
    path("c/<certificate:number>/", certificate_short_link, name="certificate_link"),
    path(
        "sitemap.xml",
        cache_public_page(sitemap_views.index, query_parameters=()),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cache_public_page(sitemap_views.sitemap, query_parameters=("p",)),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("showcase.urls")),
    path("provinces/", include("showcase.place_urls")),
    path("products/", include("showcase.catalogue_urls")),
    path("producers/", include("showcase.producer_urls")),
    path("forums/", include("forums.urls")),
    path("recognition/", include("recognition.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
