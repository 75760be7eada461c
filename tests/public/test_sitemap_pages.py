"""The products sitemap comes in pages of a bounded size, however large the catalogue."""

import xml.etree.ElementTree as ET

from products.sitemaps import ProductSitemap
from tests.public.support import add_products

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", NS)]


def test_the_products_sitemap_is_split_into_pages_that_list_every_product_once_per_language(
    client, takeo, monkeypatch
):
    monkeypatch.setattr(ProductSitemap, "limit", 4)
    add_products(takeo.village, 4)  # five published products: ten URLs, three pages

    index = locations(client, "/sitemap.xml")
    pages = [url for url in index if "sitemap-products.xml" in url]
    listed = [
        url for page in range(1, 4) for url in locations(client, f"/sitemap-products.xml?p={page}")
    ]

    assert pages == [
        "http://testserver/sitemap-products.xml",
        "http://testserver/sitemap-products.xml?p=2",
        "http://testserver/sitemap-products.xml?p=3",
    ]
    assert len(listed) == len(set(listed)) == 10
    assert takeo.product.get_absolute_url() in {
        url.removeprefix("http://testserver") for url in listed
    }
    assert client.get("/sitemap-products.xml?p=4").status_code == 404


def test_the_sitemap_index_shows_when_products_last_changed(client, takeo):
    takeo.product.save()
    entry = ET.fromstring(client.get("/sitemap.xml").content)
    lastmods = {
        sitemap.find("s:loc", NS).text: sitemap.find("s:lastmod", NS)
        for sitemap in entry.findall("s:sitemap", NS)
    }

    assert lastmods["http://testserver/sitemap-products.xml"] is not None
