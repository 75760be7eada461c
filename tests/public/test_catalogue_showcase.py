"""The catalogue as the showcase serves it: cards with price and producer, the filters
in use shown above the results, and stars (current certificates only) to filter and
sort by."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import ProducerFactory, ProductFactory
from tests.recognition.factories import RoundFactory, certify

CATALOGUE = "/en/products/"


def listed(client, **params) -> list[str]:
    response = client.get(CATALOGUE, params)
    assert response.status_code == 200
    return [product.name_en for product in response.context["products"]]


@pytest.fixture
def rated(takeo):
    """Palm sugar (no certificate), and products with 5, 3 and expired 4 stars."""
    round_ = RoundFactory()
    five = ProductFactory(name_en="Five-star silk", producer=takeo.producer)
    three = ProductFactory(name_en="Three-star rice", producer=takeo.producer)
    expired = ProductFactory(name_en="Once four-star wine", producer=takeo.producer)
    certify(five, 5, round_=round_)
    certify(three, 3, round_=round_)
    long_ago = timezone.localdate() - datetime.timedelta(days=37 * 31)
    certify(expired, 4, issued_on=long_ago, round_=round_)
    return {"five": five, "three": three, "expired": expired}


# Cards --------------------------------------------------------------------------------


def test_a_card_shows_the_price_range_and_links_the_producer(client, takeo):
    text = client.get(CATALOGUE).content.decode()

    assert "2 to 3 USD per kg" in text
    assert f'href="{takeo.producer.get_absolute_url()}"' in text
    assert "Kirivong Palm Sugar Group" in text


def test_a_card_without_a_price_shows_none(client, takeo):
    takeo.product.price_min = takeo.product.price_max = None
    takeo.product.save()

    assert "USD" not in client.get(CATALOGUE).content.decode()


# Filters in use -------------------------------------------------------------------------


def test_the_filters_in_use_are_listed_with_a_link_that_removes_each(client, takeo):
    response = client.get(
        CATALOGUE, {"q": "sugar", "province": "takeo", "district": "2104", "sort": "name"}
    )
    chips = {chip.label: chip for chip in response.context["active_filters"]}

    assert [(c.label, c.value) for c in chips.values()] == [
        ("Search", "sugar"),
        ("Province", "Takeo"),
        ("District", "Kiri Vong"),
    ]
    assert chips["Search"].remove_url == "?province=takeo&district=2104&sort=name"
    # Without its province, a district means nothing: both go.
    assert chips["Province"].remove_url == "?q=sugar&sort=name"
    assert chips["District"].remove_url == "?q=sugar&province=takeo&sort=name"


def test_the_filters_in_use_show_outside_the_folded_form_so_a_phone_sees_them(client, takeo):
    text = client.get(CATALOGUE, {"province": "takeo", "showcase": "on"}).content.decode()

    summary = text.index('aria-label="Filters in use"')
    folded_form = text.index('id="catalogue-filters"')
    results = text.index('id="results-title"')
    assert folded_form < results < summary  # in the results column, not the collapsed form
    assert 'href="?showcase=on"' in text  # remove the province
    assert "Showcase products only" in text[summary:]


def test_no_filter_shows_no_summary(client, takeo):
    response = client.get(CATALOGUE, {"sort": "name"})

    assert response.context["active_filters"] == []
    assert "Filters in use" not in response.content.decode()


# Stars ------------------------------------------------------------------------------------


def test_the_catalogues_star_filter_keeps_products_with_at_least_that_many_current_stars(
    client, rated
):
    assert listed(client, stars=3, sort="name") == ["Five-star silk", "Three-star rice"]
    assert listed(client, stars=5) == ["Five-star silk"]


def test_an_expired_rating_does_not_count_as_current(client, rated):
    assert "Once four-star wine" not in listed(client, stars=1)


def test_a_withdrawn_rating_does_not_count(client, rated):
    certificate = rated["five"].certificates.get()
    certificate.withdrawn_on = timezone.localdate()
    certificate.withdrawal_reason = "Recipe changed."
    certificate.save()

    assert listed(client, stars=5) == []


def test_the_catalogue_sorts_by_stars_most_first_then_unrated(client, rated):
    assert listed(client, sort="stars") == [
        "Five-star silk",
        "Three-star rice",
        "Palm sugar",  # a showcase product, unrated
        "Once four-star wine",  # expired: unrated now
    ]


def test_cards_show_current_stars(client, rated):
    text = client.get(CATALOGUE, {"stars": 5}).content.decode()

    assert "5 stars out of 5" in text


def test_the_star_filter_shows_in_the_summary(client, rated):
    chips = client.get(CATALOGUE, {"stars": 3}).context["active_filters"]

    assert [(c.label, c.value, c.remove_url) for c in chips] == [("Stars", "3 stars or more", "?")]


def test_an_unknown_star_level_lists_nothing_and_fails_nothing(client, rated):
    response = client.get(CATALOGUE, {"stars": "9"})

    assert response.status_code == 200
    assert list(response.context["products"]) == []


@pytest.mark.parametrize("params", [{"stars": 3, "sort": "stars"}, {"sort": "stars"}])
def test_filtering_and_sorting_by_stars_costs_the_same_queries_at_any_size(
    client, takeo, rated, params, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        client.get(CATALOGUE, params)
    round_ = RoundFactory()
    producer = ProducerFactory(village=takeo.village)
    for n in range(60):
        certify(ProductFactory(producer=producer), 1 + n % 5, round_=round_)
    with django_assert_max_num_queries(6):
        assert client.get(CATALOGUE, params).status_code == 200


def test_the_star_choices_speak_the_pages_language(client, takeo):
    english = client.get(CATALOGUE).context["filter"].form.options["stars"]
    khmer = client.get("/km/products/").context["filter"].form.options["stars"]

    assert ("3", "3 stars or more", False) in english
    assert ("3", "3 ផ្កាយ ឬច្រើនជាងនេះ", False) in khmer


def test_the_khmer_catalogue_names_its_filters_in_use_in_khmer(client, takeo):
    text = client.get("/km/products/", {"province": "takeo"}).content.decode()

    assert "តម្រងដែលកំពុងប្រើ៖" in text and "សម្អាតទាំងអស់" in text
    assert "Filters in use" not in text
    assert "ផលិតដោយ" in text  # a card's producer


def test_cards_on_the_home_and_place_pages_show_current_stars_too(client, takeo):
    certify(takeo.product, 4)

    for url in ("/en/", takeo.province.get_absolute_url(), takeo.village.get_absolute_url()):
        assert "4 stars out of 5" in client.get(url).content.decode(), url
