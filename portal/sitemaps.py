"""The sitemap's section for the fixed pages, and the base of every section that lists
records: pages of a bounded size, read from the database a page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

# URLs on one sitemap page (each record once per language, with its alternates), so
# that a page's cost is bounded however large the catalogue: at 500 a page answers in
# well under 200 ms (benchmarks/README.md).
URLS_PER_PAGE = 500


class InLanguages(Sequence):
    """Each record of `queryset` once per language, as Django's i18n sitemaps list them,
    counted and sliced in the database instead of loaded whole."""

    def __init__(self, queryset: QuerySet, languages: list[str]) -> None:
        self.queryset = queryset
        self.languages = languages

    def count(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(self.count())
        per_record = len(self.languages)
        first, last = start // per_record, -(-stop // per_record)
        pairs = [
            (record, language)
            for record in self.queryset[first:last]
            for language in self.languages
        ]
        offset = first * per_record
        return pairs[start - offset : stop - offset]


class RecordSitemap(Sitemap):
    """A section listing records in both languages, with alternates, in bounded pages.

    `items()` must return an ordered queryset; `lastmod_field` names the field whose
    latest value the sitemap index shows, if any.
    """

    i18n = True
    alternates = True
    x_default = True
    limit = URLS_PER_PAGE
    lastmod_field: str | None = None

    def _items(self):
        return InLanguages(self.items(), self._languages())

    def _location(self, item, force_lang_code=None):
        # Django reverses each record's URL again for every alternate; once per
        # record and language is enough (a sitemap instance serves one request).
        record, language = item
        key = (record.pk, force_lang_code or language)
        locations = self.__dict__.setdefault("_locations", {})
        if key not in locations:
            locations[key] = super()._location(item, force_lang_code)
        return locations[key]

    def get_latest_lastmod(self) -> datetime | None:
        # Django's default reads every record to find the latest; one query instead.
        if self.lastmod_field is None:
            return None
        return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]

    def lastmod(self, record) -> datetime | None:
        return getattr(record, self.lastmod_field) if self.lastmod_field else None


class PagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["portal:home", "provinces:list", "products:list", "forums:list"]

    def location(self, item: str) -> str:
        return reverse(item)
