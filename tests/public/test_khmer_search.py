"""Khmer search: words found inside unspaced Khmer text, and products found by the
names of the places they come from, in either language and by other spellings."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.search import MAX_SEARCH_TERMS
from portal.text import khmer_words, searchable_text
from products.models import CONDITIONS_PER_WORD, Product
from tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ProducerFactory,
    ProductFactory,
    ProvinceFactory,
    VillageFactory,
)

pytestmark = pytest.mark.django_db

CATALOGUE = "/km/products/"
# "Mangoes from the orchards at the foot of Kirivong's hills, sold fresh in season",
# written as Khmer is, without a space between the words.
UNSPACED = "ស្វាយពីចម្ការនៅជើងភ្នំគីរីវង់លក់ស្រស់តាមរដូវ"


def found(client, query: str) -> list[str]:
    response = client.get(CATALOGUE, {"q": query})
    assert response.status_code == 200
    return sorted(product.name_en for product in response.context["products"])


@pytest.fixture
def kiri_vung(db):
    """A product of Kiri Vung district (Takeo), which the news item spells Kirivong;
    its own name and description name no place."""
    district = DistrictFactory(
        code="2104",
        province=ProvinceFactory(code="21", name_en="Takeo", name_km="តាកែវ", slug="takeo"),
        name_en="Kiri Vung",
        name_km="គីរីវង់",
        also_known_as="Kirivong",
    )
    village = VillageFactory(commune=CommuneFactory(code="210403", district=district))
    mangoes = ProductFactory(
        name_en="Mangoes",
        name_km="ស្វាយ",
        description_en="Sold fresh in season.",
        description_km=UNSPACED,
        producer=ProducerFactory(village=village),
    )
    ProductFactory(name_en="Elsewhere", description_km="ផលិតផលពីខេត្តផ្សេង")
    return mangoes


def test_khmer_text_is_cut_into_words_offline():
    assert khmer_words("បន្លែស្រស់គីរីវង់") == ["បន្លែ", "ស្រស់", "គីរី", "វង់"]
    # Zero-width spaces and punctuation separate words; Latin words are left whole.
    assert khmer_words("ស្វាយ\u200bក្រៀម។ Dried mango") == ["ស្វាយ", "ក្រៀម", "Dried", "mango"]


def test_a_product_stores_its_text_segmented_when_saved(kiri_vung):
    assert " ស្វាយ " in kiri_vung.search_text and " ស្រស់ " in kiri_vung.search_text

    kiri_vung.description_km = "ក្រមាសូត្រត្បាញដោយដៃ"
    kiri_vung.save(update_fields=["description_km"])

    kiri_vung.refresh_from_db()
    assert " ត្បាញ " in kiri_vung.search_text and " ស្រស់ " not in kiri_vung.search_text


def test_bulk_writes_are_brought_up_to_date_by_the_queryset(kiri_vung):
    Product.objects.filter(pk=kiri_vung.pk).update(description_km="ទឹកឃ្មុំព្រៃ")

    assert Product.objects.filter(pk=kiri_vung.pk).refresh_search_text() == 1
    assert Product.objects.get(pk=kiri_vung.pk).search_text == searchable_text(
        "Mangoes", "ស្វាយ", "Sold fresh in season.", "ទឹកឃ្មុំព្រៃ"
    )


@pytest.mark.parametrize(
    "query",
    [
        "ស្រស់",  # a word in the middle of the unspaced description
        "ស្វាយស្រស់",  # two words typed together, as Khmer is typed: each must match
        "ស្រស់ តាមរដូវ",
    ],
)
def test_a_khmer_word_inside_unspaced_khmer_text_is_found(client, kiri_vung, query):
    assert found(client, query) == ["Mangoes"]


def test_words_split_by_zero_width_spaces_are_found_typed_together(client, db):
    ProductFactory(name_en="Dried mango", name_km="ស្វាយ\u200bក្រៀម")

    assert found(client, "ស្វាយក្រៀម") == ["Dried mango"]


@pytest.mark.parametrize(
    "query",
    [
        "Kiri Vung",  # the district, as the Ministry spells it
        "គីរីវង់",  # the district in Khmer
        "Kirivong",  # the news item's spelling, an "also known as" of the district
        "kirivong",
        "Takeo",  # the province in English
        "តាកែវ",  # and in Khmer
        "Takeo mangoes",  # a place and a word of the product together
    ],
)
def test_a_product_is_found_by_the_places_it_comes_from(client, kiri_vung, query):
    assert found(client, query) == ["Mangoes"]


def test_a_place_word_still_has_to_match_with_every_other_word(client, kiri_vung):
    assert found(client, "Kirivong honey") == []


def test_a_long_unspaced_khmer_search_stays_one_bounded_query(
    client, kiri_vung, django_assert_max_num_queries
):
    query = UNSPACED * 40  # far past the 200 characters a search reads

    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(8):
        response = client.get(CATALOGUE, {"q": query})

    assert response.status_code == 200
    assert (
        max(q["sql"].upper().count("LIKE") for q in queries)
        <= CONDITIONS_PER_WORD * MAX_SEARCH_TERMS
    )


def khmer_pages(takeo) -> list[str]:
    return [
        "/km/",
        "/km/provinces/",
        takeo.province.get_absolute_url().replace("/en/", "/km/"),
        takeo.district.get_absolute_url().replace("/en/", "/km/"),
        "/km/products/?sort=name",
        "/km/products/?q=ស្ករត្នោត តាកែវ Kirivong&sort=province",
        takeo.event.get_absolute_url().replace("/en/", "/km/"),
    ]


@pytest.mark.parametrize("page", range(7))
def test_khmer_pages_run_as_few_queries_whatever_the_data(client, takeo, page):
    from tests.public.support import add_event_details, add_products, count_queries
    from tests.public.test_query_counts import QUERY_BUDGET

    url = khmer_pages(takeo)[page]
    add_products(takeo.village, 4)
    add_event_details(takeo.event, 5)
    with_5 = count_queries(client, url)

    add_products(takeo.village, 195)
    add_event_details(takeo.event, 195)
    with_200 = count_queries(client, url)

    assert with_5 == with_200, f"{url}: {with_5} queries with 5 products, {with_200} with 200"
    assert with_200 <= QUERY_BUDGET, f"{url}: {with_200} queries"
