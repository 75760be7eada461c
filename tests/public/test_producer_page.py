"""A producer's public page: profile, village with its place trail, public contact
details and public products; the approved version only, and nothing for a producer that
was never public."""

import pytest

from review import services as review
from tests.factories import ProducerFactory, ProductFactory, ProductPhotoFactory
from tests.public.support import add_products


def page(client, producer, **params):
    return client.get(producer.get_absolute_url(), params)


def test_a_producer_page_shows_its_profile_village_contact_and_public_products(client, takeo):
    takeo.producer.description_en = "Forty families boiling palm sap."
    takeo.producer.email = "group@example.org"
    takeo.producer.save()

    response = page(client, takeo.producer)
    text = response.content.decode()

    assert response.status_code == 200
    assert "Kirivong Palm Sugar Group</h1>" in text
    assert "Forty families boiling palm sap." in text
    assert "Cooperative" in text
    assert 'href="tel:012345678"' in text and "Sok Dara" in text
    assert "mailto:group@example.org" in text
    assert [p.name_en for p in response.context["products"]] == ["Palm sugar"]
    assert "Secret recipe" not in text  # the producer's product that is not public


def test_a_producer_page_leads_through_its_province_district_commune_and_village(client, takeo):
    text = page(client, takeo.producer).content.decode()

    for place in (takeo.province, takeo.district, takeo.commune, takeo.village):
        assert f'href="{place.get_absolute_url()}"' in text
    assert [p.name_en for p in page(client, takeo.producer).context["trail"]] == [
        "Takeo",
        "Kiri Vong",
        "Prey Ampok",
        "Ta Nob",
    ]


def test_a_producer_that_was_never_public_answers_404(client, takeo):
    hidden = ProducerFactory(village=takeo.village, live=False, name_en="Not yet approved")

    assert page(client, hidden).status_code == 404


def test_a_producer_taken_down_answers_404(client, takeo):
    takeo.producer.live = False
    takeo.producer.save()

    assert page(client, takeo.producer).status_code == 404


def test_a_change_waiting_for_review_does_not_show(client, takeo, make_official):
    from accounts.roles import PROVINCIAL_OFFICIAL

    official = make_official(PROVINCIAL_OFFICIAL, ("21",))
    review.propose_values(
        takeo.producer, {"name_en": "Renamed before review", "phone": "099 999 999"}, by=official
    )

    text = page(client, takeo.producer).content.decode()

    assert review.open_revision(takeo.producer) is not None
    assert "Kirivong Palm Sugar Group" in text
    assert "Renamed before review" not in text and "099 999 999" not in text


def test_a_stale_slug_redirects_to_the_producers_address(client, takeo):
    response = client.get(f"/en/producers/{takeo.producer.pk}/old-name/")

    assert response.status_code == 301
    assert response["Location"] == takeo.producer.get_absolute_url()


def test_product_pages_link_to_their_producers_page(client, takeo):
    text = client.get(takeo.product.get_absolute_url()).content.decode()

    assert f'href="{takeo.producer.get_absolute_url()}"' in text


def test_the_sitemap_lists_public_producers_in_both_languages(client, takeo):
    ProducerFactory(village=takeo.village, live=False)
    text = client.get("/sitemap-producers.xml").content.decode()

    url = takeo.producer.get_absolute_url()
    assert f"http://testserver{url}" in text
    assert f"http://testserver{url.replace('/en/', '/km/')}" in text
    assert text.count("<url>") == 2


def test_the_khmer_page_shows_the_khmer_name(client, takeo):
    takeo.producer.name_km = "ក្រុមស្ករត្នោតគិរីវង់"
    takeo.producer.save()

    response = client.get(takeo.producer.get_absolute_url().replace("/en/", "/km/"))

    assert "ក្រុមស្ករត្នោតគិរីវង់" in response.content.decode()


@pytest.mark.parametrize("extra", [4, 199])
def test_the_producer_page_runs_a_bounded_number_of_queries(
    client, takeo, extra, django_assert_max_num_queries
):
    for _ in range(extra):
        ProductPhotoFactory(product=ProductFactory(producer=takeo.producer))
    add_products(takeo.village, 5)  # another producer's

    with django_assert_max_num_queries(5):
        response = page(client, takeo.producer)
    assert response.context["paginator"].count == extra + 1
    assert len(response.context["products"]) == min(extra + 1, 24)


def test_the_village_page_links_its_producers_to_their_pages(client, takeo):
    text = client.get(takeo.village.get_absolute_url()).content.decode()

    assert f'href="{takeo.producer.get_absolute_url()}"' in text
