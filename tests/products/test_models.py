"""The catalogue's rules, specified on the models: prices, place of origin, languages."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import override

from products.models import Product
from tests.factories import (
    CategoryFactory,
    CommuneFactory,
    ProducerFactory,
    ProductFactory,
    VillageFactory,
)

pytestmark = pytest.mark.django_db


def test_a_price_range_may_not_end_below_its_start():
    product = ProductFactory.build(
        producer=ProducerFactory(), category=CategoryFactory(), village=VillageFactory()
    )
    product.price_min, product.price_max = Decimal("4.00"), Decimal("2.50")

    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert error.value.message_dict["price_max"] == ["The upper price is below the lower price."]


def test_the_database_refuses_a_reversed_or_negative_price_written_past_the_form():
    product = ProductFactory(price_min=Decimal("2.00"), price_max=Decimal("3.00"))

    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(price_max=Decimal("1.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(price_min=Decimal("-1.00"))


def test_a_price_may_be_one_bound_only_or_none():
    for low, high in [(None, None), (Decimal("2.00"), None), (None, Decimal("3.00"))]:
        ProductFactory(price_min=low, price_max=high).full_clean()


def test_a_product_lies_in_the_province_of_its_village():
    village = VillageFactory(commune=CommuneFactory(code="210401"), code="21040101")

    product = ProductFactory(producer=ProducerFactory(village=village))

    assert product.province.code == "21"
    assert list(Product.objects.in_province("21")) == [product]
    assert list(Product.objects.in_district("2104")) == [product]
    assert list(Product.objects.in_commune("210401")) == [product]
    assert not Product.objects.in_province("07").exists()


def test_a_product_is_described_in_khmer_when_khmer_is_active_and_written():
    product = ProductFactory(description_en="Silk", description_km="សូត្រ", season_en="All year")

    with override("km"):
        assert product.description == "សូត្រ"
        assert product.season == "All year", "no Khmer season: the English one shows"
    with override("en"):
        assert product.description == "Silk"


def test_a_product_gets_a_slug_from_its_english_name():
    product = ProductFactory(name_en="Kirivong Silk Scarf", slug="")

    assert product.slug == "kirivong-silk-scarf"
    assert product.get_absolute_url().endswith(f"/{product.pk}/kirivong-silk-scarf/")


def test_related_products_share_the_category_first_then_the_province():
    silk = CategoryFactory(name_en="Silk")
    takeo = VillageFactory(commune=CommuneFactory(code="210401"), code="21040101")
    product = ProductFactory(category=silk, producer=ProducerFactory(village=takeo))
    same_category = ProductFactory(name_en="Z scarf", category=silk)
    same_province = ProductFactory(name_en="A honey", producer=ProducerFactory(village=takeo))
    ProductFactory(name_en="Unrelated")

    assert list(Product.objects.related_to(product, 4)) == [same_category, same_province]
    assert list(Product.objects.related_to(product, 1)) == [same_category]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_related_products_are_picked_by_one_union_of_indexed_sub_selects_on_postgresql():
    """`pk IN (A) OR pk IN (B)` makes PostgreSQL scan every product; `pk IN (A UNION ALL
    B)` starts from the two sub-selects of at most `count` rows each."""
    product = ProductFactory()

    sql = str(Product.objects.related_to(product, 4).query)

    assert "UNION ALL" in sql
    assert ") OR " not in sql
