"""The catalogue's search and filter form, laid out with crispy forms."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _

from portal.search import bounded_search, truncation_notice


class CatalogueForm(forms.Form):
    """Base of the form django-filter builds for the catalogue's filters.

    Choices show names in the active language; the district list narrows to the chosen
    province. The search keeps only its first words (portal.search), and
    `search_notice` says so when it dropped any.
    """

    search_notice = ""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        # The page writes the <form> element itself, with its buttons.
        self.helper.form_tag = False
        self.helper.disable_csrf = True

        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Name or description, in English or Khmer")}
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
