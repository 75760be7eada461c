"""Every cached page names the query parameters it reads, so no other parameter can
make it a cache entry of its own (docs/decisions/0030-public-page-cache.md)."""

from django.urls import URLPattern, URLResolver, get_resolver


def cached_patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from cached_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            names = getattr(pattern.callback, "page_query_parameters", "not cached")
            if names != "not cached":
                yield prefix + str(pattern.pattern), names


def test_every_cached_page_declares_the_query_parameters_it_reads():
    pages = list(cached_patterns(get_resolver().url_patterns))
    undeclared = [route for route, names in pages if names is None]

    assert len(pages) > 10, pages
    assert undeclared == []
