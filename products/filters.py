"""The catalogue's search, filters and sorting, declared with django-filter."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from portal.collation import name_order
from products.forms import CatalogueForm
from products.models import Category, ProductQuerySet
from provinces.models import District, Province


class ProductFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    province = django_filters.ModelChoiceFilter(
        field_name="village__commune__district__province",
        to_field_name="slug",
        queryset=Province.objects.official().order_by("name_en"),
        label=_("Province"),
        empty_label=_("All provinces"),
    )
    district = django_filters.ModelChoiceFilter(
        field_name="village__commune__district",
        to_field_name="code",
        queryset=District.objects.official().select_related("province").order_by("name_en"),
        label=_("District"),
        empty_label=_("All districts"),
    )
    category = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Category.objects.all(),
        label=_("Category"),
        empty_label=_("All categories"),
    )
    showcase = django_filters.BooleanFilter(
        method="filter_showcase",
        widget=forms.CheckboxInput,
        label=_("Showcase products only"),
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        label=_("Sort by"),
        empty_label=None,
        choices=[
            ("featured", _("Showcase first")),
            ("name", _("Name")),
            ("newest", _("Newest")),
            ("province", _("Province")),
        ],
    )

    class Meta:
        form = CatalogueForm
        fields: list[str] = []

    def filter_search(self, queryset: ProductQuerySet, name: str, value: str) -> ProductQuerySet:
        return queryset.search(value)

    def filter_showcase(
        self, queryset: ProductQuerySet, name: str, value: bool
    ) -> ProductQuerySet:
        return queryset.filter(is_showcase=True) if value else queryset

    def sort_by(self, queryset: ProductQuerySet, name: str, value: str) -> ProductQuerySet:
        if value == "name":
            return queryset.order_by(self.name_in_active_language(), "pk")
        if value == "newest":
            return queryset.order_by(F("published_at").desc(nulls_last=True), "-created_at", "pk")
        if value == "province":
            return queryset.order_by(
                self.name_in_active_language("village__commune__district__province__"),
                self.name_in_active_language(),
                "pk",
            )
        return queryset  # "featured": the catalogue's own order

    @staticmethod
    def name_in_active_language(path: str = ""):
        """Order by the name visitors see: the Khmer name in Khmer order on Khmer pages."""
        return name_order(path)
