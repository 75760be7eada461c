"""The generated catalogue for benchmarks: published sample products, made once."""

import pytest
from django.core.management import CommandError, call_command

from demo.catalogue import generate_catalogue, sample_products
from products.models import Product
from tests.factories import VillageFactory


def test_the_catalogue_is_topped_up_to_the_number_asked_and_no_further(db):
    VillageFactory.create_batch(3)

    assert generate_catalogue(10) == 10
    assert generate_catalogue(10) == 0
    assert generate_catalogue(15) == 5

    assert sample_products() == 15
    generated = Product.objects.filter(name_en__startswith="Sample ")
    assert Product.objects.published().filter(pk__in=generated).count() == 15
    assert all(product.is_sample for product in generated)


def test_the_catalogue_needs_the_gazetteer(db):
    with pytest.raises(CommandError, match="load_gazetteer"):
        call_command("generate_catalogue", "--products", "5")
