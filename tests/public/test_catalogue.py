"""The catalogue: search in English and Khmer, filters, sorting and pages."""

import re

import pytest

from products.views import CATALOGUE_PAGE_SIZE
from tests.factories import (
    CategoryFactory,
    CommuneFactory,
    DistrictFactory,
    ProducerFactory,
    ProductFactory,
    ProvinceFactory,
    VillageFactory,
)

CATALOGUE = "/en/products/"


def listed(client, url: str = CATALOGUE, **params) -> list[str]:
    response = client.get(url, params)
    assert response.status_code == 200
    return [product.name_en for product in response.context["products"]]


@pytest.fixture
def silk(takeo):
    """A silk scarf from Prey Kabbas district, in a category of its own."""
    village = VillageFactory(
        commune=CommuneFactory(
            code="210601",
            district=DistrictFactory(
                code="2106", province=takeo.province, name_en="Prey Kabbas", slug="prey-kabbas"
            ),
        )
    )
    return ProductFactory(
        name_en="Silk scarf",
        name_km="ក្រមាសូត្រ",
        description_en="Hand-woven on village looms.",
        description_km="ត្បាញដោយដៃនៅលើកីភូមិ។",
        category=CategoryFactory(name_en="Silk", name_km="សូត្រ", slug="silk"),
        producer=ProducerFactory(village=village),
    )


def test_catalogue_lists_published_products_only(client, takeo, silk):
    assert sorted(listed(client)) == ["Palm sugar", "Silk scarf"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("scarf", ["Silk scarf"]),  # English name
        ("LOOMS", ["Silk scarf"]),  # English description, any case
        ("ក្រមា", ["Silk scarf"]),  # part of the Khmer name: Khmer has no spaces between words
        ("ចម្អិន", ["Palm sugar"]),  # a word inside the Khmer description
        ("palm village", ["Palm sugar"]),  # every word must match
        ("palm silk", []),
        ("  ", ["Palm sugar", "Silk scarf"]),
    ],
)
def test_search_matches_english_and_khmer_names_and_descriptions(
    client, takeo, silk, query, expected
):
    assert sorted(listed(client, q=query)) == expected


def test_search_never_finds_drafts(client, takeo):
    assert listed(client, q="secret") == []


def test_filter_by_province(client, takeo, silk):
    ProductFactory(
        name_en="Kampot pepper", producer__village__commune=CommuneFactory(code="070101")
    )

    assert sorted(listed(client, province="takeo")) == ["Palm sugar", "Silk scarf"]


def test_filter_by_district(client, takeo, silk):
    assert listed(client, district="2106") == ["Silk scarf"]


def test_filter_by_category(client, takeo, silk):
    assert listed(client, category="silk") == ["Silk scarf"]


def test_filter_showcase_products_only(client, takeo, silk):
    assert listed(client, showcase="on") == ["Palm sugar"]
    assert sorted(listed(client, showcase="")) == ["Palm sugar", "Silk scarf"]


def test_filters_combine_with_search(client, takeo, silk):
    assert listed(client, q="scarf", province="takeo", category="food") == []


def district_options(client, **params) -> list[str]:
    form = client.get(CATALOGUE, params).context["filter"].form
    return [value for value, _label, _selected in form.options["district"] if value]


def test_district_choices_are_the_chosen_provinces_only(client, takeo, silk):
    kampot = ProvinceFactory(code="07", name_en="Kampot", slug="kampot")
    DistrictFactory(code="0701", name_en="Kampong Trach", province=kampot)

    assert sorted(district_options(client, province="takeo")) == ["2104", "2106"]
    assert district_options(client, province="kampot") == ["0701"]


def test_no_district_is_listed_before_a_province_is_chosen(client, takeo, silk):
    response = client.get(CATALOGUE)

    assert district_options(client) == []
    assert "Choose a province first to list its districts." in response.content.decode()


def test_a_link_to_one_district_keeps_working_without_its_province(client, takeo, silk):
    assert district_options(client, district="2106") == ["2106"]
    assert listed(client, district="2106") == ["Silk scarf"]


def test_a_district_of_the_previous_province_is_dropped_when_the_province_changes(
    client, takeo, silk
):
    kampot = ProvinceFactory(code="07", name_en="Kampot", slug="kampot")
    kampong_trach = DistrictFactory(code="0701", province=kampot)
    village = VillageFactory(commune=CommuneFactory(code="070101", district=kampong_trach))
    ProductFactory(name_en="Kampot pepper", producer=ProducerFactory(village=village))

    assert listed(client, province="kampot", district="2106") == ["Kampot pepper"]


@pytest.fixture
def kampot_pepper(takeo):
    """Kampot, with a pepper from Kampong Trach district."""
    kampot = ProvinceFactory(code="07", name_en="Kampot", name_km="កំពត", slug="kampot")
    kampong_trach = DistrictFactory(
        code="0701", province=kampot, name_en="Kampong Trach", name_km="កំពង់ត្រាច"
    )
    village = VillageFactory(commune=CommuneFactory(code="070101", district=kampong_trach))
    return ProductFactory(name_en="Kampot pepper", producer=ProducerFactory(village=village))


def notices(response) -> list[str]:
    html = response.content.decode()
    return [" ".join(text.split()) for text in re.findall(r'<p class="alert[^>]*>(.*?)</p>', html)]


def test_a_district_of_another_province_is_ignored_and_the_catalogue_says_so(
    client, takeo, silk, kampot_pepper
):
    response = client.get(CATALOGUE, {"province": "kampot", "district": "2106"})

    assert [p.name_en for p in response.context["products"]] == ["Kampot pepper"]
    assert notices(response) == [
        "Prey Kabbas district is not in Kampot province, so products from the whole "
        "province are shown."
    ]
    # The district list is Kampot's, with none of its districts chosen.
    assert [(value, selected) for value, _label, selected in district_options_of(response)] == [
        ("", True),
        ("0701", False),
    ]


def test_the_notice_of_a_district_of_another_province_speaks_khmer(
    client, takeo, silk, kampot_pepper
):
    response = client.get("/km/products/", {"province": "kampot", "district": "2104"})

    assert notices(response) == ["ស្រុក គិរីវង់ មិនស្ថិតនៅក្នុងខេត្ត កំពត ទេ ដូច្នេះផលិតផលពីខេត្តទាំងមូលត្រូវបានបង្ហាញ។"]


@pytest.mark.usefixtures("without_nul_guard")  # the form on its own, not the 400 before it
@pytest.mark.parametrize("district", ["9999", "<b>", "2106' OR 1=1 --", "\x00"])
def test_a_district_that_is_no_district_of_the_province_is_ignored_too(
    client, takeo, kampot_pepper, district
):
    response = client.get(CATALOGUE, {"province": "kampot", "district": district})

    assert response.status_code == 200
    assert [p.name_en for p in response.context["products"]] == ["Kampot pepper"]
    assert notices(response) == [
        "The district chosen is not in Kampot province, so products from the whole "
        "province are shown."
    ]


def test_the_filters_in_use_leave_out_a_district_that_was_ignored(
    client, takeo, silk, kampot_pepper
):
    response = client.get(
        CATALOGUE, {"province": "kampot", "district": "2106", "category": "silk"}
    )

    chips = {chip.label: chip.remove_url for chip in response.context["active_filters"]}
    assert chips == {"Province": "?category=silk", "Category": "?province=kampot"}


def test_a_district_of_the_chosen_province_shows_no_notice(client, takeo, silk):
    response = client.get(CATALOGUE, {"province": "takeo", "district": "2106"})

    assert [p.name_en for p in response.context["products"]] == ["Silk scarf"]
    assert notices(response) == []


def district_options_of(response) -> list[tuple[str, str, bool]]:
    return response.context["filter"].form.options["district"]


def district_menus(response) -> list[tuple[str, str, str]]:
    """The (province, code, name) of each district the page carries for its script."""
    html = response.content.decode()
    menus = re.search(r'<template id="id_district_menus">(.*?)</template>', html, re.S)
    return [
        (code, province, name)
        for province, options in re.findall(
            r'<optgroup label="[^"]*" data-province="([^"]*)">(.*?)</optgroup>', menus.group(1)
        )
        for code, name in re.findall(r'<option value="([^"]*)">([^<]*)</option>', options)
    ]


def test_the_page_carries_every_provinces_districts_for_its_script(
    client, takeo, silk, kampot_pepper
):
    DistrictFactory(code="9801", province=ProvinceFactory(code="98", is_placeholder=True))
    DistrictFactory(code="2199", province=takeo.province, is_placeholder=True)

    for params in ({}, {"province": "takeo"}, {"district": "2104"}):
        response = client.get(CATALOGUE, params)
        assert district_menus(response) == [
            ("0701", "kampot", "Kampong Trach"),
            ("2104", "takeo", "Kiri Vong"),
            ("2106", "takeo", "Prey Kabbas"),
        ], params
    khmer = client.get("/km/products/")
    assert ("2104", "takeo", "គិរីវង់") in district_menus(khmer)


def test_the_hint_to_choose_a_province_first_is_hidden_once_one_is_chosen(client, takeo):
    hint = re.compile(r'<div class="form-text" id="id_district_help"( hidden)?>')
    described = 'aria-describedby="id_district_help"'

    before = client.get(CATALOGUE).content.decode()
    after = client.get(CATALOGUE, {"province": "takeo"}).content.decode()

    assert hint.search(before).group(1) is None
    assert described in before
    assert hint.search(after).group(1) == " hidden"
    assert described not in after


def test_the_catalogue_loads_its_filter_script(client, takeo):
    html = client.get(CATALOGUE).content.decode()

    assert '<script src="/static/js/catalogue-filters.js" defer></script>' in html


def test_an_unknown_filter_value_shows_the_form_error_and_no_products(client, takeo):
    response = client.get(CATALOGUE, {"category": "no-such-category"})

    assert response.status_code == 200
    assert list(response.context["products"]) == []
    assert "Select a valid choice" in response.content.decode()


def test_sorting(client, takeo, silk):
    assert listed(client, sort="name") == ["Palm sugar", "Silk scarf"]
    assert listed(client, sort="featured") == ["Palm sugar", "Silk scarf"]  # showcase first
    takeo.product.name_en = "Zucchini"
    takeo.product.is_showcase = False
    takeo.product.save()
    assert listed(client, sort="name") == ["Silk scarf", "Zucchini"]


def test_sorting_by_name_in_khmer_uses_khmer_names(client, takeo, silk):
    # ក (ka) sorts before ស (sa): the silk scarf (ក្រមា...) comes first in Khmer.
    assert listed(client, "/km/products/", sort="name") == ["Silk scarf", "Palm sugar"]


def test_sorting_newest_first(client, takeo, silk):
    assert listed(client, sort="newest") == ["Silk scarf", "Palm sugar"]


def test_catalogue_pages_keep_the_filters(client, takeo):
    ProductFactory.create_batch(
        CATALOGUE_PAGE_SIZE, producer=takeo.producer, category=takeo.category
    )

    first = client.get(CATALOGUE, {"category": "food"})
    second = client.get(CATALOGUE, {"category": "food", "page": 2})

    assert len(first.context["products"]) == CATALOGUE_PAGE_SIZE
    assert len(second.context["products"]) == 1
    assert 'href="?category=food&amp;page=2"' in first.content.decode()
    assert client.get(CATALOGUE, {"page": 99}).status_code == 404


def results_heading(response) -> str:
    match = re.search(r'<h2 id="results-title"[^>]*>(.*?)</h2>', response.content.decode(), re.S)
    return " ".join(match.group(1).split())


def test_result_count_is_announced(client, takeo, silk):
    assert results_heading(client.get(CATALOGUE)) == "2 products"
    assert results_heading(client.get(CATALOGUE, {"q": "silk"})) == "1 product"


def test_catalogue_form_fields_are_labelled(client, takeo):
    html = client.get(CATALOGUE).content.decode()

    for field in ("q", "province", "district", "category", "showcase", "sort"):
        assert f'for="id_{field}"' in html, field


def test_sorting_by_province_puts_provinces_in_name_order(client, takeo, silk):
    ProvinceFactory(code="07", name_en="Kampot", name_km="កំពត", slug="kampot")
    ProductFactory(
        name_en="Kampot pepper", producer__village__commune=CommuneFactory(code="070101")
    )

    assert listed(client, "/km/products/", sort="province") == [
        "Kampot pepper",  # កំពត before តាកែវ
        "Silk scarf",  # then within Takeo by Khmer name: ក្រមាសូត្រ before ស្ករត្នោត
        "Palm sugar",
    ]
    assert listed(client, sort="province") == ["Kampot pepper", "Palm sugar", "Silk scarf"]


def test_placeholder_provinces_and_districts_are_not_among_the_filters(client, takeo, silk):
    placeholder = ProvinceFactory(code="98", name_en="Province 98", is_placeholder=True)
    DistrictFactory(code="9801", province=placeholder)
    DistrictFactory(code="2199", province=takeo.province, is_placeholder=True)

    form = client.get(CATALOGUE, {"province": "takeo"}).context["filter"].form

    assert "98" not in {p.code for p in form.fields["province"].queryset}
    assert {d.code for d in form.fields["district"].queryset} == {"2104", "2106"}


def test_a_search_of_thousands_of_words_runs_one_bounded_query(
    client, takeo, silk, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.search import MAX_SEARCH_TERMS
    from products.models import CONDITIONS_PER_WORD

    words = " ".join(f"w{n}" for n in range(3000))
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(8):
        response = client.get(CATALOGUE, {"q": f"scarf {words}"})

    assert response.status_code == 200
    # Each word is a fixed number of conditions (its text, its places' names); no query
    # has more than the cap's.
    assert CONDITIONS_PER_WORD == 13
    assert (
        max(query["sql"].upper().count("LIKE") for query in queries)
        <= CONDITIONS_PER_WORD * MAX_SEARCH_TERMS
    )
    assert "Only the first 10 words" in response.content.decode()


def test_a_search_keeps_its_first_words_and_says_so(client, takeo, silk):
    response = client.get(CATALOGUE, {"q": "scarf " + "x" * 500})

    assert response.status_code == 200
    assert [p.name_en for p in response.context["products"]] == []  # "xxx…" still counts
    assert "Only the first 10 words" in response.content.decode()
    assert listed(client, q="scarf silk scarf scarf") == ["Silk scarf"]
    assert "Only the first" not in client.get(CATALOGUE, {"q": "scarf"}).content.decode()


def test_only_the_first_ten_words_are_searched(client, takeo, silk):
    ten = "silk scarf hand woven village looms on hand-woven ក្រមា sil"
    assert listed(client, q=f"{ten} no-such-word") == ["Silk scarf"]


@pytest.mark.usefixtures("without_nul_guard")  # the form on its own, not the 400 before it
@pytest.mark.parametrize("province", ["\x00", "' OR 1=1 --", "a b"])
def test_a_province_that_is_no_slug_is_a_form_error_not_a_server_error(client, takeo, province):
    response = client.get(CATALOGUE, {"province": province})

    assert response.status_code == 200
    assert "province" in response.context["filter"].form.errors
