"""The sitemap's section for published forum events."""

from django.contrib.sitemaps import Sitemap

from forums.models import ForumEvent


class EventSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ForumEvent.objects.published().order_by("pk")

    def lastmod(self, event: ForumEvent):
        return event.updated_at
