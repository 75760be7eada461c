"""Being found and shared: sitemap, robots.txt, canonical links, Open Graph, titles."""

import re
import xml.etree.ElementTree as ET

from products.views import CATALOGUE_PAGE_SIZE
from tests.factories import ProductFactory, ProvinceFactory, VillageFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iterfind(".//s:loc", NS)]


def test_sitemap_index_lists_a_sitemap_for_each_kind_of_page(client, takeo):
    sections = locations(client, "/sitemap.xml")

    assert sections == [
        f"http://testserver/sitemap-{name}.xml"
        for name in (
            "pages",
            "provinces",
            "districts",
            "communes",
            "villages",
            "products",
            "producers",
            "events",
        )
    ]


def test_sitemaps_list_published_pages_in_both_languages(client, takeo):
    products = locations(client, "/sitemap-products.xml")
    events = locations(client, "/sitemap-events.xml")

    assert products == [
        f"http://testserver{takeo.product.get_absolute_url()}",
        f"http://testserver{takeo.product.get_absolute_url().replace('/en/', '/km/')}",
    ]
    assert f"http://testserver/en/products/{takeo.draft.pk}/" not in " ".join(products)
    assert len(events) == 2


def test_sitemaps_list_places_that_products_come_from(client, takeo):
    VillageFactory(commune=takeo.commune, name_en="Empty village")
    ProvinceFactory(code="01", slug="banteay-meanchey")
    ProvinceFactory(code="26", slug="unlisted-26", is_placeholder=True)
    takeo.draft.village = VillageFactory(commune=takeo.commune)
    takeo.draft.save()

    villages = locations(client, "/sitemap-villages.xml")
    provinces = locations(client, "/sitemap-provinces.xml")

    assert villages == [
        f"http://testserver/en/provinces/village/{takeo.village.pk}/ta-nob/",
        f"http://testserver/km/provinces/village/{takeo.village.pk}/ta-nob/",
    ]
    assert len(provinces) == 4  # every official province, not the placeholder, in two languages
    assert not any("unlisted-26" in url for url in provinces)


def test_robots_txt_points_to_the_sitemap_without_revealing_the_admin(client, settings):
    settings.ADMIN_URL = "office-7f3a/"

    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()
    assert "office-7f3a" not in text


def test_pages_name_their_canonical_address_without_the_query(client, takeo):
    html = client.get("/en/provinces/takeo/?utm_source=newsletter").content.decode()

    assert '<link rel="canonical" href="http://testserver/en/provinces/takeo/">' in html


def test_catalogue_canonical_drops_sorting_and_filters_but_keeps_the_page(client, takeo):
    ProductFactory.create_batch(CATALOGUE_PAGE_SIZE, producer=takeo.producer)

    first = client.get("/en/products/?page=1&sort=name").content.decode()
    second = client.get("/en/products/?page=2&sort=name").content.decode()

    assert '<link rel="canonical" href="http://testserver/en/products/">' in first
    assert '<link rel="canonical" href="http://testserver/en/products/?page=2">' in second


def test_product_pages_carry_open_graph_tags_with_an_absolute_photo(client, takeo):
    html = client.get(takeo.product.get_absolute_url()).content.decode()

    og = dict(re.findall(r'<meta property="og:([a-z:_]+)" content="([^"]*)">', html))
    assert og["type"] == "product"
    assert og["title"] == "Palm sugar"
    assert og["url"] == f"http://testserver{takeo.product.get_absolute_url()}"
    assert og["image"].startswith("http://testserver/media/CACHE/images/")
    assert og["image:alt"] == "Blocks of palm sugar"
    assert og["locale"] == "en_GB"


def test_province_pages_carry_open_graph_tags(client, takeo):
    html = client.get("/km/provinces/takeo/").content.decode()

    og = dict(re.findall(r'<meta property="og:([a-z:_]+)" content="([^"]*)">', html))
    assert og["title"] == "តាកែវ"
    assert og["description"] == takeo.designation.statement_km
    assert og["locale"] == "km_KH"


def test_titles_say_what_the_page_is(client, takeo):
    def title(url: str) -> str:
        return re.search(r"<title>(.*?)</title>", client.get(url).content.decode()).group(1)

    assert title("/en/") == "One Village, One Product | OVOP Cambodia"
    assert title("/en/provinces/takeo/") == "Takeo | OVOP Cambodia"
    assert title(takeo.product.get_absolute_url()) == "Palm sugar, Takeo | OVOP Cambodia"
    assert title(takeo.district.get_absolute_url()) == "Kiri Vong, Takeo | OVOP Cambodia"
    assert title("/en/products/?q=sugar") == "Products matching “sugar” | OVOP Cambodia"
    assert title("/km/provinces/") == "ខេត្ត | OVOP កម្ពុជា"


def test_a_product_that_is_not_public_does_not_leak_into_the_sitemap(client, takeo):
    takeo.product.live = False
    takeo.product.save()

    assert locations(client, "/sitemap-products.xml") == []
