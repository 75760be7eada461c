"""The catalogue's search and filter form.

It is rendered plainly by `templates/products/includes/catalogue_filters.html` from
the options this form prepares, not through a widget template per option: rendering
each option through Django's per-option template cost most of the catalogue's time
(benchmarks/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django import forms
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _

from portal.search import bounded_search, truncation_notice
from provinces.models import MenuProvince, Province

SELECTS = ("province", "district", "category", "stars", "sort")
# Fields that order the results rather than narrow them, and the page number.
NOT_FILTERS = ("sort", "page")


@dataclass(frozen=True)
class ActiveFilter:
    """One filter in force, as the summary above the results shows it."""

    label: str
    value: str
    remove_url: str  # the same search without this filter, from its first page


class CatalogueForm(forms.Form):
    """Base of the form django-filter builds for the catalogue's filters.

    Choices show names in the active language. The district list holds the chosen
    province's districts only, and none before a province is chosen, so it stays short
    whatever the size of the gazetteer; a district left over from another province is
    dropped rather than refused, and `district_notice` says so. Every province's
    districts also come with the page (`place_menus`), from the query that lists the
    provinces, for the script that narrows the district list as soon as a province is
    chosen (static/js/catalogue-filters.js). The search keeps only its first words
    (portal.search), and `search_notice` says so when it dropped any.
    """

    search_notice = ""
    district_notice = ""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("Name or description, in English or Khmer")}
        )
        self.fields["province"].label_from_instance = lambda province: province.name
        # In the order of the names shown: Khmer order on Khmer pages.
        self.fields["province"].queryset = self.fields["province"].queryset.in_name_order()
        self.fields["district"].queryset = self.fields["district"].queryset.in_name_order()
        self.fields["category"].label_from_instance = lambda category: category.name

        district_field = self.fields["district"]
        district_field.help_text = _("Choose a province first to list its districts.")
        province_slug, district_code = self.district_scope()
        if province_slug:
            district_field.queryset = district_field.queryset.filter(province__slug=province_slug)
            district_field.label_from_instance = lambda district: district.name
        else:
            district_field.queryset = (
                district_field.queryset.filter(code=district_code)
                if district_code
                else district_field.queryset.none()
            )
            district_field.label_from_instance = lambda district: (
                _("%(district)s (%(province)s)")
                % {"district": district.name, "province": district.province.name}
            )

    def district_scope(self) -> tuple[str | None, str | None]:
        """What the district list holds: the districts of the province whose slug is
        first, or else the one district whose code is second, or else none.

        Narrowed only by what could be a slug; anything else is the province field's own
        "Select a valid choice", never text handed to the database. A link to one
        district (?district=2104) keeps working without a province: the list then holds
        that district alone.
        """
        province_slug = self.data.get("province") if self.is_bound else None
        district_code = self.data.get("district") if self.is_bound else None
        if province_slug and slug_re.fullmatch(province_slug):
            return province_slug, None
        if district_code and district_code.isascii() and district_code.isalnum():
            return None, district_code
        return None, None

    @property
    def district_help_hidden(self) -> bool:
        """The hint to choose a province first is hidden once a province is chosen."""
        return self.district_scope()[0] is not None

    @cached_property
    def place_menus(self) -> list[MenuProvince]:
        """The province menu's provinces with their districts, in one query; the page
        carries every province's districts for the script."""
        return self.fields["province"].queryset.menus()

    def clean_q(self) -> str:
        bounded = bounded_search(self.cleaned_data.get("q") or "")
        if bounded.truncated:
            self.search_notice = truncation_notice()
        return bounded.text

    def clean(self) -> dict:
        cleaned_data = super().clean()
        # The province was changed and the district of the old one came along: the
        # visitor asked for the new province, so its whole list answers, and says why.
        province = cleaned_data.get("province")
        if "district" in self.errors and province is not None:
            del self.errors["district"]
            cleaned_data["district"] = None
            self.district_notice = self.other_province_notice(self.data.get("district"), province)
        return cleaned_data

    def was_dropped(self, name: str) -> bool:
        """Whether the value sent for field `name` was dropped (see `clean`)."""
        return name == "district" and bool(self.district_notice)

    def other_province_notice(self, district_code: str, province: Province) -> str:
        """What the visitor reads when the district they sent is not in `province`."""
        names = {
            district.code: district.name
            for menu in self.place_menus
            for district in menu.districts
        }
        if district_code in names:
            return _(
                "%(district)s district is not in %(province)s province, so products from "
                "the whole province are shown."
            ) % {"district": names[district_code], "province": province.name}
        return _(
            "The district chosen is not in %(province)s province, so products from the "
            "whole province are shown."
        ) % {"province": province.name}

    def active_filters(self) -> list[ActiveFilter]:
        """The filters in force, each with a link to the same search without it.

        Read after validation (django-filter validates before the page renders); a
        search that did not validate shows none.
        """
        if not self.is_bound or not self.is_valid():
            return []
        kept = {
            name: self.data.getlist(name)
            for name in self.data
            if name in self.fields and name != "page" and not self.was_dropped(name)
        }
        active = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if name in NOT_FILTERS or value in (None, "", False):
                continue
            without = {key: values for key, values in kept.items() if key != name}
            if name == "province":  # its districts go with it
                without.pop("district", None)
            active.append(
                ActiveFilter(
                    label=str(field.label),
                    value=self.shown_value(field, value),
                    remove_url="?" + urlencode(without, doseq=True),
                )
            )
        return active

    @staticmethod
    def shown_value(field: forms.Field, value) -> str:
        if isinstance(field, forms.ModelChoiceField):
            return str(field.label_from_instance(value))
        if isinstance(field, forms.ChoiceField):
            labels = {str(key): label for key, label in field.choices}
            return str(labels.get(str(value), value))
        if isinstance(field, forms.BooleanField):
            return ""  # its label says it all
        return str(value)

    @cached_property
    def options(self) -> dict[str, list[tuple[str, str, bool]]]:
        """Each select's options as (value, label, selected): one query per select, and
        one for both the province and the district list (`place_menus`)."""
        options = {}
        for name in SELECTS:
            if name not in self.fields:
                continue
            chosen = self[name].value()
            chosen = "" if chosen is None or self.was_dropped(name) else str(chosen)
            field = self.fields[name]
            if name == "province":
                choices = [("", field.empty_label)]
                choices += [(menu.slug, menu.name) for menu in self.place_menus]
            elif name == "district":
                choices = [("", field.empty_label), *self.district_choices()]
            else:
                choices = field.choices
            options[name] = [
                (str(value), str(label), str(value) == chosen) for value, label in choices
            ]
        return options

    def district_choices(self) -> list[tuple[str, str]]:
        """The district list's (code, name) as `district_scope` narrows it."""
        province_slug, district_code = self.district_scope()
        if province_slug:
            return [
                (district.code, district.name)
                for menu in self.place_menus
                if menu.slug == province_slug
                for district in menu.districts
            ]
        return [
            (
                district.code,
                _("%(district)s (%(province)s)")
                % {"district": district.name, "province": menu.name},
            )
            for menu in self.place_menus
            for district in menu.districts
            if district.code == district_code
        ]
