"""Provinces and the districts, communes and villages that products come from."""

import re

from tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ProductFactory,
    ProvinceFactory,
    VillageFactory,
)


def breadcrumb(response) -> list[str]:
    """The breadcrumb's labels, in order."""
    html = response.content.decode()
    trail = re.search(r'<nav[^>]*aria-label="Breadcrumb".*?</nav>', html, re.S).group(0)
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li.*?</li>", trail, re.S)
    ]


def test_province_list_marks_model_provinces_and_counts_published_products(client, takeo):
    ProvinceFactory(code="01", name_en="Banteay Meanchey", slug="banteay-meanchey")

    response = client.get("/en/provinces/")

    counts = {
        p.name_en: (p.product_count, p.is_model_province) for p in response.context["provinces"]
    }
    # The draft product of the Takeo scenario is not counted.
    assert counts == {"Banteay Meanchey": (0, False), "Takeo": (1, True)}
    # Once on its card among the model provinces, once on its row in the table.
    assert response.content.decode().count('class="badge badge-model') == 2


def province_order(client, url: str = "/en/provinces/", **params) -> list[str]:
    return [p.name_en for p in client.get(url, params).context["provinces"]]


def many_provinces(takeo) -> None:
    """Banteay Meanchey (no products), Kampot (two products), Battambang (one), Takeo (one,
    the model province)."""
    for code, name, products in (
        ("01", "Banteay Meanchey", 0),
        ("07", "Kampot", 2),
        ("02", "Battambang", 1),
    ):
        province = ProvinceFactory(code=code, name_en=name, slug=name.lower().replace(" ", "-"))
        district = DistrictFactory(code=f"{code}01", province=province)
        village = VillageFactory(
            code=f"{code}010101", commune=CommuneFactory(code=f"{code}0101", district=district)
        )
        ProductFactory.create_batch(products, producer__village=village)


def test_the_province_list_leads_with_model_provinces_then_sorts_by_name(client, takeo):
    many_provinces(takeo)

    assert province_order(client) == ["Takeo", "Banteay Meanchey", "Battambang", "Kampot"]


def test_the_province_list_sorts_by_number_of_products_model_provinces_still_first(client, takeo):
    many_provinces(takeo)

    assert province_order(client, sort="products") == [
        "Takeo",
        "Kampot",
        "Battambang",
        "Banteay Meanchey",
    ]


def test_the_province_list_offers_both_orders_and_says_which_is_in_use(client, takeo):
    text = client.get("/en/provinces/", {"sort": "products"}).content.decode()

    assert '<a class="me-2" href="?sort=name">Name</a>' in text
    assert '<strong class="me-2" aria-current="true">Number of products</strong>' in text


def test_an_unknown_sort_falls_back_to_names(client, takeo):
    many_provinces(takeo)

    assert province_order(client, sort="<script>") == province_order(client)


def test_product_counts_read_as_products_and_link_to_the_catalogue(client, takeo):
    ProvinceFactory(code="01", name_en="Banteay Meanchey", slug="banteay-meanchey")

    text = client.get("/en/provinces/").content.decode()

    assert '<a href="/en/products/?province=takeo">1 product</a>' in text
    assert "No products yet" in text


def test_the_model_provinces_are_shown_first_as_cards(client, takeo):
    ProvinceFactory(code="01", name_en="Banteay Meanchey", slug="banteay-meanchey")

    response = client.get("/en/provinces/")
    text = response.content.decode()

    assert [p.name_en for p in response.context["model_provinces"]] == ["Takeo"]
    assert text.index('id="model-provinces-title"') < text.index('id="all-provinces-title"')


def test_the_khmer_province_list_also_leads_with_the_model_provinces(client, takeo):
    many_provinces(takeo)
    from provinces.models import Province

    Province.objects.filter(code="01").update(name_km="បន្ទាយមានជ័យ")
    Province.objects.filter(code="02").update(name_km="បាត់ដំបង")
    Province.objects.filter(code="07").update(name_km="កំពត")

    # Takeo leads as the model province; the order of the rest is Khmer collation's.
    order = province_order(client, "/km/provinces/")
    assert order[0] == "Takeo"
    assert set(order[1:]) == {"Kampot", "Banteay Meanchey", "Battambang"}


def test_a_placeholder_province_is_not_listed_as_one_of_cambodias_provinces(client, takeo):
    ProvinceFactory(code="26", name_en="Unlisted 26", slug="unlisted-26", is_placeholder=True)

    response = client.get("/en/provinces/")

    assert [p.name_en for p in response.context["provinces"]] == ["Takeo"]
    assert "Unlisted 26" not in response.content.decode()


def test_province_page_shows_designation_centres_districts_showcase_and_events(client, takeo):
    takeo.province.main_livelihoods_en = "Rice and palm sugar"
    takeo.province.agriculture_labour_share = 85
    takeo.province.save()

    response = client.get("/en/provinces/takeo/")

    html = response.content.decode()
    assert takeo.designation.statement_en in html
    assert "Rice and palm sugar" in html and "85%" in html
    assert takeo.centre.focus_en in html
    assert [(d.name_en, d.product_count) for d in response.context["districts"]] == [
        ("Kiri Vong", 1)
    ]
    assert list(response.context["showcase_products"]) == [takeo.product]
    assert list(response.context["events"]) == [takeo.event]


def test_province_page_links_to_its_products_in_the_catalogue(client, takeo):
    html = client.get("/en/provinces/takeo/").content.decode()

    assert 'href="/en/products/?province=takeo"' in html


def test_district_commune_and_village_pages_show_where_products_come_from(client, takeo):
    for place in (takeo.district, takeo.commune, takeo.village):
        response = client.get(place.get_absolute_url())
        assert response.status_code == 200
        assert list(response.context["products"]) == [takeo.product]


def test_place_pages_have_a_breadcrumb_from_province_to_village(client, takeo):
    assert breadcrumb(client.get(takeo.village.get_absolute_url())) == [
        "Provinces",
        "Takeo",
        "Kiri Vong",
        "Prey Ampok",
        "Ta Nob",
    ]
    assert breadcrumb(client.get(takeo.commune.get_absolute_url())) == [
        "Provinces",
        "Takeo",
        "Kiri Vong",
        "Prey Ampok",
    ]


def test_commune_lists_its_villages_with_published_product_counts(client, takeo):
    response = client.get(takeo.commune.get_absolute_url())

    assert [(v.name_en, v.product_count) for v in response.context["villages"]] == [("Ta Nob", 1)]


def test_village_page_lists_producers_of_published_products_only(client, takeo):
    ProductFactory(
        producer__village=takeo.village,
        producer__name_en="Quiet group",
        live=False,
    )

    response = client.get(takeo.village.get_absolute_url())

    assert [p.name_en for p in response.context["producers"]] == ["Kirivong Palm Sugar Group"]


def test_a_place_found_by_code_with_an_old_slug_redirects_to_its_address(client, takeo):
    response = client.get("/en/provinces/district/2104/kirivong-old-name/")

    assert response.status_code == 301
    assert response.url == "/en/provinces/district/2104/kiri-vong/"


def test_unknown_places_answer_404(client, takeo):
    assert client.get("/en/provinces/atlantis/").status_code == 404
    assert client.get("/en/provinces/district/9999/nowhere/").status_code == 404
    assert client.get("/en/provinces/village/999999/nowhere/").status_code == 404


def test_the_province_list_runs_one_query_in_either_order(
    client, takeo, django_assert_max_num_queries
):
    many_provinces(takeo)
    for sort in ("name", "products"):
        with django_assert_max_num_queries(1):
            client.get("/en/provinces/", {"sort": sort})
