"""A file changes only what it says: left-out columns are kept, empty cells clear only
what may be empty, and slugs are rewritten only by a file with a slug column."""

from decimal import Decimal

import pytest
from django.urls import reverse

from products.models import Producer, Product
from tests.factories import CategoryFactory, CommuneFactory, ProducerFactory, VillageFactory

from .conftest import csv_file, do_import, messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(db):
    return VillageFactory(code="21040101", commune=CommuneFactory(code="210401"))


@pytest.fixture
def producer(village):
    return ProducerFactory(
        village=village,
        name_en="Kirivong Weavers",
        name_km="ក្រុមតម្បាញគីរីវង់",
        slug="kirivong-weavers-set-in-the-admin",
        kind="group",
        description_en="Silk weaving since 1990.",
        description_km="តម្បាញសូត្រ",
        contact_person="Sok Dara",
        phone="+855 12 345 678",
        email="weavers@example.org",
        website="https://weavers.example.org",
        live=True,
    )


@pytest.fixture
def product(producer):
    return Product.objects.create(
        name_en="Silk scarf",
        name_km="ក្រម៉ាសូត្រ",
        slug="scarf-set-in-the-admin",
        description_en="Hand-woven.",
        description_km="ត្បាញដោយដៃ",
        category=CategoryFactory(slug="textiles"),
        producer=producer,
        village=producer.village,
        unit="piece",
        price_min=Decimal("12.00"),
        price_max=Decimal("25.00"),
        price_currency="KHR",
        season_en="All year",
        live=True,
    )


def fields_of(record, names):
    record.refresh_from_db()
    return {name: getattr(record, name) for name in names}


PRODUCT_KEPT = [
    "name_km",
    "slug",
    "description_en",
    "description_km",
    "unit",
    "price_min",
    "price_max",
    "price_currency",
    "season_en",
    "live",
]
PRODUCER_KEPT = [
    "name_km",
    "slug",
    "description_en",
    "description_km",
    "contact_person",
    "phone",
    "email",
    "website",
    "live",
]


def test_a_products_file_with_five_columns_changes_only_the_name(product):
    before = fields_of(product, PRODUCT_KEPT)
    data = csv_file(
        ["id", "name_en", "category", "producer", "village_code"],
        [[str(product.pk), "Silk scarf, long", "textiles", "Kirivong Weavers", "21040101"]],
    )

    report = do_import("products", data)

    assert report.ok, messages(report)
    assert (report.created, report.updated) == (0, 1)
    assert report.changes[0].differences == (("name_en", "Silk scarf", "Silk scarf, long"),)
    assert fields_of(product, PRODUCT_KEPT) == before
    assert product.name_en == "Silk scarf, long"


def test_a_producers_file_with_four_columns_keeps_contact_phone_website_and_description(
    producer,
):
    before = fields_of(producer, PRODUCER_KEPT)
    data = csv_file(
        ["id", "name_en", "kind", "village_code"],
        [[str(producer.pk), "Kirivong Silk Weavers", "cooperative", "21040101"]],
    )

    report = do_import("producers", data)

    assert report.ok, messages(report)
    assert report.updated == 1
    assert fields_of(producer, PRODUCER_KEPT) == before
    assert (producer.name_en, producer.kind) == ("Kirivong Silk Weavers", "cooperative")


def test_the_same_short_file_again_changes_nothing(product):
    data = csv_file(
        ["id", "name_en", "category", "producer", "village_code"],
        [[str(product.pk), "Silk scarf", "textiles", "Kirivong Weavers", "21040101"]],
    )

    report = do_import("products", data)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


def test_the_report_names_the_columns_left_out_as_kept(producer):
    data = csv_file(
        ["name_en", "kind", "village_code"], [["Kirivong Weavers", "group", "21040101"]]
    )

    report = do_import("producers", data)

    assert report.kept == [
        "name_km",
        "slug",
        "description_en",
        "description_km",
        "contact_person",
        "phone",
        "email",
        "website",
    ]
    assert report.unchanged == 1


def test_the_preview_says_which_columns_are_kept_and_which_fields_are_cleared(
    admin_client, producer
):
    import io

    file = io.BytesIO(
        csv_file(
            ["id", "name_en", "kind", "village_code", "phone"],
            [[str(producer.pk), "Kirivong Weavers", "group", "21040101", ""]],
        )
    )
    file.name = "producers.csv"

    page = admin_client.post(
        reverse("admin:products_producer_import"), {"import_file": file}
    ).content.decode()

    assert "Not in the file, kept:" in page
    assert "<code>contact_person</code>" in page
    assert "<code>phone</code>" not in page
    assert 'phone: “+855 12 345 678” → <em class="import-cleared">cleared</em>' in page
    producer.refresh_from_db()
    assert producer.phone == "+855 12 345 678"  # a preview writes nothing


def test_an_empty_cell_clears_a_field_that_may_be_empty(product):
    data = csv_file(
        ["id", "name_en", "category", "producer", "village_code", "unit", "price_max"],
        [[str(product.pk), "Silk scarf", "textiles", "Kirivong Weavers", "21040101", "", ""]],
    )

    report = do_import("products", data)

    assert report.updated == 1
    product.refresh_from_db()
    assert (product.unit, product.price_max, product.price_min) == ("", None, Decimal("12.00"))


def test_an_empty_cell_where_the_admin_requires_a_value_is_an_error(product, producer):
    products = csv_file(
        ["id", "name_en", "category", "producer", "village_code", "price_currency"],
        [[str(product.pk), "Silk scarf", "textiles", "Kirivong Weavers", "21040101", ""]],
    )
    producers = csv_file(
        ["id", "name_en", "kind", "village_code"], [[str(producer.pk), "Weavers", "", "21040101"]]
    )

    assert messages(do_import("products", products)) == [
        "line 2, price_currency: this value is required but empty."
    ]
    assert messages(do_import("producers", producers)) == [
        "line 2, kind: this value is required but empty."
    ]
    product.refresh_from_db()
    assert product.price_currency == "KHR"


def test_a_price_is_checked_against_the_other_end_of_the_range_as_stored(product):
    data = csv_file(
        ["id", "name_en", "category", "producer", "village_code", "price_min"],
        [[str(product.pk), "Silk scarf", "textiles", "Kirivong Weavers", "21040101", "30"]],
    )

    report = do_import("products", data)

    assert messages(report) == ["line 2, price_min: The upper price is below the lower price."]


def test_a_renamed_record_keeps_its_admin_set_slug(product, producer):
    do_import(
        "producers",
        csv_file(
            ["id", "name_en", "kind", "village_code"],
            [[str(producer.pk), "Renamed Weavers", "group", "21040101"]],
        ),
    )
    do_import(
        "products",
        csv_file(
            ["id", "name_en", "category", "producer", "village_code"],
            [[str(product.pk), "Renamed scarf", "textiles", "Renamed Weavers", "21040101"]],
        ),
    )

    producer.refresh_from_db()
    product.refresh_from_db()
    assert (producer.slug, product.slug) == (
        "kirivong-weavers-set-in-the-admin",
        "scarf-set-in-the-admin",
    )


def test_a_slug_column_sets_the_slug_and_an_empty_slug_is_made_from_the_name(producer):
    header = ["id", "name_en", "slug", "kind", "village_code"]

    do_import(
        "producers",
        csv_file(header, [[str(producer.pk), "Kirivong Weavers", "weavers", "group", "21040101"]]),
    )
    producer.refresh_from_db()
    assert producer.slug == "weavers"

    do_import(
        "producers",
        csv_file(header, [[str(producer.pk), "Kirivong Weavers", "", "group", "21040101"]]),
    )
    producer.refresh_from_db()
    assert producer.slug == "kirivong-weavers"


def test_a_new_record_without_a_slug_column_gets_one_from_its_name(village):
    do_import(
        "producers",
        csv_file(["name_en", "kind", "village_code"], [["New Weavers", "group", "21040101"]]),
    )

    assert Producer.objects.get().slug == "new-weavers"


def test_checking_a_file_costs_the_same_few_queries_for_any_number_of_rows(producer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    category = CategoryFactory(slug="food")
    header = ["id", "name_en", "category", "producer", "village_code", "price_min", "unit"]
    rows = []
    for n in range(40):
        product = Product.objects.create(
            name_en=f"Cake {n}", category=category, producer=producer, village=producer.village
        )
        rows.append([str(product.pk), f"Cake {n}", "food", "Kirivong Weavers", "21040101", "", ""])

    counts = []
    for size in (4, 40):
        with CaptureQueriesContext(connection) as queries:
            report = do_import("products", csv_file(header, rows[:size]), dry_run=True)
        assert report.unchanged == size
        counts.append(len(queries))

    assert counts[0] == counts[1] <= 12
