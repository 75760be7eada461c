"""The catalogue's search and filter form.

It is rendered plainly by `templates/products/includes/catalogue_filters.html` from
the options this form prepares, not through a widget template per option: the district
list has 210 options, and rendering each through Django's per-option template cost most
of the catalogue's time (benchmarks/README.md).
"""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _

from portal.search import bounded_search, truncation_notice

SELECTS = ("province", "district", "category", "sort")


class CatalogueForm(forms.Form):
    """Base of the form django-filter builds for the catalogue's filters.

    Choices show names in the active language; the district list narrows to the chosen
    province. The search keeps only its first words (portal.search), and
    `search_notice` says so when it dropped any.
    """

    search_notice = ""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("Name or description, in English or Khmer")}
        )
        self.fields["province"].label_from_instance = lambda province: province.name
        self.fields["category"].label_from_instance = lambda category: category.name

        district_field = self.fields["district"]
        province_slug = self.data.get("province") if self.is_bound else None
        # Narrowed only by what could be a slug; anything else is the province
        # field's own "Select a valid choice", never text handed to the database.
        if province_slug and slug_re.fullmatch(province_slug):
            district_field.queryset = district_field.queryset.filter(province__slug=province_slug)
            district_field.label_from_instance = lambda district: district.name
        else:
            district_field.label_from_instance = lambda district: (
                _("%(district)s (%(province)s)")
                % {"district": district.name, "province": district.province.name}
            )

    def clean_q(self) -> str:
        bounded = bounded_search(self.cleaned_data.get("q") or "")
        if bounded.truncated:
            self.search_notice = truncation_notice()
        return bounded.text

    @cached_property
    def options(self) -> dict[str, list[tuple[str, str, bool]]]:
        """Each select's options as (value, label, selected), one query per select."""
        options = {}
        for name in SELECTS:
            chosen = self[name].value()
            chosen = "" if chosen is None else str(chosen)
            options[name] = [
                (str(value), str(label), str(value) == chosen)
                for value, label in self.fields[name].choices
            ]
        return options
