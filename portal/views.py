"""What every public detail page shares, and robots.txt."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


class CanonicalSlugMixin:
    """Detail pages found by a key answer at one URL: a stale or mistyped slug redirects.

    Records are found by their key (code or id), so a renamed record's old links keep
    working and lead, permanently, to the current address.
    """

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)


@require_GET
@cache_control(max_age=60 * 60 * 24)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public site and learn where the sitemap is.

    The admin is not named: its address may be configured to be unguessable, and
    robots.txt is public. Its pages need a login, so crawlers see nothing there anyway.
    """
    lines = [
        "User-agent: *",
        "Disallow: /i18n/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
