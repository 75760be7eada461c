"""English and Khmer: interface strings, content with English fallback, the switcher."""

import re

from tests.factories import ProductFactory


def test_khmer_pages_speak_khmer(client, takeo):
    response = client.get(takeo.product.get_absolute_url().replace("/en/", "/km/"))

    html = response.content.decode()
    assert '<html lang="km">' in html
    assert "ស្ករត្នោត" in html  # the product's Khmer name
    assert "ខែធ្នូ ដល់ ខែឧសភា" in html  # its Khmer season
    assert "អ្នកផលិត" in html  # "Producer", from the Khmer catalogue
    assert "Producer" not in re.sub(r"<[^>]+>", " ", html).split()


def test_content_without_khmer_falls_back_to_english(client, takeo):
    plain = ProductFactory(name_en="Rice wine", name_km="", producer=takeo.producer)

    html = client.get(plain.get_absolute_url().replace("/en/", "/km/")).content.decode()

    # Marked as English, so screen readers switch voice.
    assert '<h1 lang="en">Rice wine</h1>' in html
    english = client.get(f"/en/products/{plain.pk}/{plain.slug}/").content.decode()
    assert "<h1>Rice wine</h1>" in english
    assert (
        "<h1>ស្ករត្នោត</h1>"
        in client.get(takeo.product.get_absolute_url().replace("/en/", "/km/")).content.decode()
    )


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, takeo):
    html = client.get("/en/products/?q=sugar&category=food").content.decode()

    switch = re.search(r'<a class="nav-link" href="([^"]+)" hreflang="km"', html).group(1)
    assert switch == "/km/products/?q=sugar&amp;category=food"


def test_every_page_names_its_translations_for_search_engines(client, takeo):
    html = client.get(takeo.province.get_absolute_url()).content.decode()

    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/provinces/takeo/">' in html
    )
    assert (
        '<link rel="alternate" hreflang="km" href="http://testserver/km/provinces/takeo/">' in html
    )


def test_catalogue_choices_are_named_in_the_visitors_language(client, takeo):
    html = client.get("/km/products/").content.decode()

    assert '<option value="takeo">តាកែវ</option>' in html
    assert '<option value="food">ម្ហូបអាហារ</option>' in html


def test_dates_without_a_year_say_so_in_khmer(client, takeo):
    html = client.get(takeo.event.get_absolute_url().replace("/en/", "/km/")).content.decode()

    assert "មិនបានបញ្ជាក់ឆ្នាំ" in html


def test_an_english_statement_on_the_khmer_home_page_is_marked_as_english(client, takeo):
    takeo.designation.statement_km = ""
    takeo.designation.save()

    html = client.get("/km/").content.decode()

    assert f'<p class="card-text" lang="en">{takeo.designation.statement_en}</p>' in html
