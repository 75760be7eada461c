"""Khmer lists in Khmer order: ICU's Khmer collation on PostgreSQL.

The expected orders are ICU's (PyICU's `Collator.createInstance(Locale("km"))` sorts the
names the same way): a Khmer dictionary puts កំពង់ (with the nasal sign ំ) before
កោះ (with the vowel ោ), although Unicode numbers ោ before ំ, so a code-point sort
puts them the other way round. SQLite has no Khmer collation (decision 0060).
"""

from __future__ import annotations

import pytest
from django.db import connection

from tests.factories import CommuneFactory, DistrictFactory, ProductFactory, ProvinceFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no Khmer collation; names sort by code point there "
        "(docs/decisions/0060-khmer-collation.md)",
    ),
]

# Cambodian provinces' Khmer names (Ministry's list), in ICU's Khmer order.
ICU_ORDER = ["កណ្ដាល", "កែប", "កំពង់ចាម", "កំពត", "កោះកុង", "ក្រចេះ", "តាកែវ"]
ENGLISH = {
    "កណ្ដាល": "Kandal",
    "កែប": "Kep",
    "កំពង់ចាម": "Kampong Cham",
    "កំពត": "Kampot",
    "កោះកុង": "Koh Kong",
    "ក្រចេះ": "Kratie",
    "តាកែវ": "Takeo",
}


def test_code_point_order_is_not_khmer_order():
    assert sorted(ICU_ORDER) != ICU_ORDER


def test_the_khmer_province_list_is_in_khmer_order(client):
    for n, name in enumerate(reversed(ICU_ORDER)):
        ProvinceFactory(code=f"{n + 30}", name_km=name, name_en=ENGLISH[name], slug=f"p{n}")

    khmer = client.get("/km/provinces/").context["provinces"]
    english = client.get("/en/provinces/").context["provinces"]

    assert [province.name_km for province in khmer] == ICU_ORDER
    assert [province.name_en for province in english] == sorted(ENGLISH.values())


def test_a_provinces_districts_are_listed_in_khmer_order(client):
    province = ProvinceFactory(code="21", name_en="Takeo", name_km="តាកែវ", slug="takeo")
    for n, name in enumerate(reversed(ICU_ORDER)):
        DistrictFactory(code=f"21{n + 1:02}", province=province, name_km=name, slug=f"d{n}")

    page = client.get("/km/provinces/takeo/")

    assert [district.name_km for district in page.context["districts"]] == ICU_ORDER


def test_a_districts_communes_are_listed_in_khmer_order(client):
    district = DistrictFactory(code="2104", name_km="គីរីវង់", slug="kiri-vung")
    for n, name in enumerate(reversed(ICU_ORDER)):
        CommuneFactory(code=f"2104{n + 1:02}", district=district, name_km=name, slug=f"c{n}")

    page = client.get("/km/provinces/district/2104/kiri-vung/")

    assert [commune.name_km for commune in page.context["communes"]] == ICU_ORDER


def test_the_catalogue_sorted_by_name_follows_khmer_order(client):
    for name in reversed(ICU_ORDER):
        ProductFactory(name_km=name, name_en=ENGLISH[name])

    page = client.get("/km/products/", {"sort": "name"})

    assert [product.name_km for product in page.context["products"]] == ICU_ORDER


def test_the_catalogues_province_and_district_menus_are_in_khmer_order(client):
    for n, name in enumerate(reversed(ICU_ORDER)):
        ProvinceFactory(code=f"{n + 30}", name_km=name, name_en=ENGLISH[name], slug=f"p{n}")
    takeo = ProvinceFactory(code="21", name_en="Takeo", name_km="តាកែវ", slug="takeo")
    for n, name in enumerate(reversed(ICU_ORDER)):
        DistrictFactory(code=f"21{n + 1:02}", province=takeo, name_km=name, slug=f"d{n}")

    form = client.get("/km/products/", {"province": "takeo"}).context["filter"].form

    provinces = [p.name_km for p in form.fields["province"].queryset]
    assert provinces == [*ICU_ORDER, "តាកែវ"]  # the list's own Takeo, and code 21
    assert [d.name_km for d in form.fields["district"].queryset] == ICU_ORDER
    # The menus shown are in the same order, and so are the districts the page carries
    # for the script that narrows the district menu.
    assert [label for value, label, _ in form.options["province"] if value] == provinces
    assert [label for value, label, _ in form.options["district"] if value] == ICU_ORDER
    menus = {
        menu.slug: [district.name for district in menu.districts] for menu in form.place_menus
    }
    assert menus["takeo"] == ICU_ORDER
