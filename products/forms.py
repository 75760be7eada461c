"""The catalogue's search and filter form.

It is rendered plainly by `templates/products/includes/catalogue_filters.html` from
the options this form prepares, not through a widget template per option: the district
list has 210 options, and rendering each through Django's per-option template cost most
of the catalogue's time (benchmarks/README.md).
"""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.utils.translation import gettext_lazy as _

SELECTS = ("province", "district", "category", "sort")


class CatalogueForm(forms.Form):
    """Base of the form django-filter builds for the catalogue's filters.

    Choices show names in the active language; the district list narrows to the chosen
    province.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("Name or description, in English or Khmer")}
        )
        self.fields["province"].label_from_instance = lambda province: province.name
        self.fields["category"].label_from_instance = lambda category: category.name

        district_field = self.fields["district"]
        province_slug = self.data.get("province") if self.is_bound else None
        if province_slug:
            district_field.queryset = district_field.queryset.filter(province__slug=province_slug)
            district_field.label_from_instance = lambda district: district.name
        else:
            district_field.label_from_instance = lambda district: (
                _("%(district)s (%(province)s)")
                % {"district": district.name, "province": district.province.name}
            )

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
