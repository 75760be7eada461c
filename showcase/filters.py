"""The public catalogue's filters: the catalogue's own (products.filters), and stars.

Stars are recognition's, which sits above the catalogue; the showcase gathers both
(docs/decisions/0080-catalogue-stars-in-the-showcase.md).
"""

from __future__ import annotations

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from products.filters import ProductFilter
from products.models import ProductQuerySet
from recognition.models import STAR_LEVELS, Certificate, at_least_stars


class CatalogueFilter(ProductFilter):
    """Expects products annotated with `current_stars` (see CatalogueView)."""

    stars = django_filters.ChoiceFilter(
        method="filter_stars",
        label=_("Stars"),
        empty_label=_("Any number of stars"),
        choices=[(n, at_least_stars(n)) for n in STAR_LEVELS],
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        label=_("Sort by"),
        empty_label=None,
        choices=[
            *ProductFilter.base_filters["sort"].extra["choices"],
            ("stars", _("Most stars")),
        ],
    )

    def filter_stars(self, queryset: ProductQuerySet, name: str, value: str) -> ProductQuerySet:
        """Products whose current certificates give at least `value` stars."""
        if not value:
            return queryset
        stars = int(value)  # one of the choices: validated by the form
        return queryset.filter(pk__in=Certificate.objects.current().products_with_stars(stars))

    def sort_by(self, queryset: ProductQuerySet, name: str, value: str) -> ProductQuerySet:
        if value == "stars":
            return queryset.order_by(
                F("current_stars").desc(nulls_last=True), "-is_showcase", "name_en", "pk"
            )
        return super().sort_by(queryset, name, value)
