"""Every public page runs the same small number of queries with 5 or 200 products."""

import pytest

from tests.public.support import add_event_details, add_products, count_queries

# The most queries any public page may run.
QUERY_BUDGET = 8
# The sitemap index asks each section of records its size and its latest change: two
# queries a section, whatever the data.
SITEMAP_INDEX_BUDGET = 10


def pages(takeo) -> list[str]:
    return [
        "/en/",
        "/en/provinces/",
        takeo.province.get_absolute_url(),
        takeo.district.get_absolute_url(),
        takeo.commune.get_absolute_url(),
        takeo.village.get_absolute_url(),
        "/en/products/",
        "/en/products/?q=product&province=takeo&district=2104&category=food&showcase=on&sort=name",
        "/km/products/?sort=newest",
        takeo.product.get_absolute_url(),
        "/en/forums/",
        takeo.event.get_absolute_url(),
        "/sitemap.xml",
        "/sitemap-products.xml",
        "/en/products/?stars=3&sort=stars",
        "/km/provinces/?sort=products",
        takeo.producer.get_absolute_url(),
        "/sitemap-producers.xml",
    ]


@pytest.mark.parametrize("page", range(18))
def test_query_count_does_not_grow_with_the_data(client, takeo, page):
    url = pages(takeo)[page]
    add_products(takeo.village, 5 - 1)
    add_event_details(takeo.event, 5)
    with_5 = count_queries(client, url)

    add_products(takeo.village, 195)
    add_event_details(takeo.event, 195)
    with_200 = count_queries(client, url)

    assert with_5 == with_200, f"{url}: {with_5} queries with 5 products, {with_200} with 200"
    budget = SITEMAP_INDEX_BUDGET if url == "/sitemap.xml" else QUERY_BUDGET
    assert with_200 <= budget, f"{url}: {with_200} queries"
