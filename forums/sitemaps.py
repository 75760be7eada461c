"""The sitemap's section for published forum events."""

from forums.models import ForumEvent
from portal.sitemaps import RecordSitemap


class EventSitemap(RecordSitemap):
    changefreq = "monthly"
    lastmod_field = "updated_at"

    def items(self):
        return ForumEvent.objects.published().order_by("pk")
