"""Helpers the public-site tests share: bulk data for query counts, and counting queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from products.models import Product
from provinces.models import Commune
from tests.factories import ProducerFactory, ProductFactory, ProductPhotoFactory, VillageFactory


def add_products(commune: Commune, count: int, **fields) -> list[Product]:
    """`count` published products with a photo each, from a new village of `commune`."""
    village = VillageFactory(commune=commune)
    producer = ProducerFactory(village=village)
    products = ProductFactory.create_batch(count, producer=producer, **fields)
    for product in products:
        ProductPhotoFactory(product=product)
    return products


def count_queries(client, url: str) -> int:
    """How many SQL queries a GET of `url` runs; the page must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)
