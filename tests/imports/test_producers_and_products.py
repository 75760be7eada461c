"""Producers and products in the portal's own templates."""

import pytest

from products.models import Producer, Product
from tests.factories import CategoryFactory, CommuneFactory, ProducerFactory, VillageFactory

from .conftest import csv_file, do_import, messages

pytestmark = pytest.mark.django_db

PRODUCER_HEADER = ["name_en", "name_km", "kind", "village_code"]
PRODUCT_HEADER = ["name_en", "category", "producer", "village_code", "price_min", "price_max"]


@pytest.fixture
def village(db):
    return VillageFactory(code="21040101", commune=CommuneFactory(code="210401"))


def test_a_template_uploaded_as_it_is_imports_nothing(village):
    from imports.definitions import get_definition

    CategoryFactory(slug="textiles")
    ProducerFactory(village=village, name_en="Kirivong Silk Weavers")

    for dataset in ("producers", "products"):
        report = do_import(dataset, get_definition(dataset).template_csv().encode())

        assert messages(report) == [
            "line 2, id: this is the template's example row (EXAMPLE): replace it with your "
            "own rows or delete it."
        ]
        assert (report.created, report.updated, report.written) == (0, 0, False)
    assert Product.objects.count() == 0
    assert Producer.objects.count() == 1


def test_the_template_example_imports_once_its_mark_is_replaced(village):
    from imports.definitions import get_definition

    CategoryFactory(slug="textiles")
    producers = get_definition("producers").template_csv().replace("EXAMPLE,", ",", 1)
    products = get_definition("products").template_csv().replace("EXAMPLE,", ",", 1)

    assert do_import("producers", producers.encode()).created == 1
    assert do_import("products", products.encode()).created == 1
    product = Product.objects.get()
    assert (product.producer.name_en, product.village, product.live) == (
        "Kirivong Silk Weavers",
        village,
        False,
    )


def test_producers_are_matched_on_their_name_in_their_village(village):
    data = csv_file(PRODUCER_HEADER, [["Weavers", "", "Group", "21040101"]])
    do_import("producers", data)

    report = do_import("producers", data)

    assert (report.created, report.unchanged) == (0, 1)
    assert Producer.objects.get().kind == "group"


def test_an_id_updates_that_record(village):
    producer = ProducerFactory(village=village, name_en="Old name")
    data = csv_file(
        ["id", *PRODUCER_HEADER], [[str(producer.pk), "New name", "", "household", "21040101"]]
    )

    report = do_import("producers", data)

    assert report.updated == 1
    producer.refresh_from_db()
    assert (producer.name_en, producer.kind) == ("New name", "household")


def test_producer_rows_name_their_problems(village):
    VillageFactory(code="21040102", commune=village.commune, name_km="ក")
    VillageFactory(code="21040102", commune=village.commune, name_km="ខ")
    data = csv_file(
        ["id", *PRODUCER_HEADER, "email"],
        [
            ["999", "A", "", "group", "21040101", ""],
            ["", "B", "", "guild", "21040101", ""],
            ["", "C", "", "group", "99999999", ""],
            ["", "D", "", "group", "21040102", ""],
            ["", "E", "", "group", "21040101", "not-an-address"],
        ],
    )

    report = do_import("producers", data)

    assert messages(report) == [
        "line 2, id: no producer has id 999; leave id empty to create a new one.",
        "line 3, kind: guild is not one of: household, group, cooperative, enterprise.",
        "line 4, village_code: no village has code 99999999; check it against the village list.",
        "line 5, village_kh: 2 villages share code 21040102 (ក, ខ); give the village's Khmer "
        "name in village_kh to say which.",
        "line 6, email: not-an-address: Enter a valid email address.",
    ]
    assert Producer.objects.count() == 0


def test_product_rows_need_an_existing_producer_and_a_sane_price(village):
    CategoryFactory(slug="textiles", name_en="Textiles")
    ProducerFactory(village=village, name_en="Weavers")
    data = csv_file(
        PRODUCT_HEADER,
        [
            ["Scarf", "Textiles", "Weavers", "21040101", "12.5", "25"],
            ["Sarong", "textiles", "Nobody", "21040101", "", ""],
            ["Shawl", "textiles", "Weavers", "21040101", "30", "20"],
            ["Skirt", "pottery", "Weavers", "21040101", "abc", ""],
        ],
    )

    report = do_import("products", data)

    assert messages(report) == [
        "line 3, producer: no producer called Nobody works in village 21040101; import or add "
        "the producer first.",
        "line 4, price_max: The upper price is below the lower price.",
        "line 5, price_min: abc: Enter a number.",
        "line 5, category: no category is called pottery; use one of the portal's categories.",
    ]
    assert Product.objects.count() == 0


def test_products_outside_the_officials_provinces_are_refused(village):
    CategoryFactory(slug="textiles")
    ProducerFactory(village=village, name_en="Weavers")
    data = csv_file(PRODUCT_HEADER, [["Scarf", "textiles", "Weavers", "21040101", "", ""]])

    report = do_import("products", data, provinces=frozenset({"01"}))

    assert messages(report) == [
        "line 2, village_code: the village lies in province 21, which is not one of yours."
    ]


def test_a_product_export_imports_back_unchanged(admin_client, village):
    import io

    from django.urls import reverse

    from products.resources import ProductImport

    product = Product.objects.create(
        name_en="+Plus",
        category=CategoryFactory(slug="textiles"),
        producer=ProducerFactory(village=village, name_en="Weavers"),
        village=village,
        price_min="1.50",
    )
    fields = {"format": "0", "resource": "0"}
    fields.update({f"productresource_{column.name}": "on" for column in ProductImport.columns})
    exported = admin_client.post(reverse("admin:products_product_export"), fields).content
    assert "'+Plus" in exported.decode("utf-8-sig")

    file = io.BytesIO(exported)
    file.name = "products.csv"
    preview = admin_client.post(reverse("admin:products_product_import"), {"import_file": file})

    report = preview.context["report"]
    assert report.ok, [str(p) for p in report.problems]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert Product.objects.get().pk == product.pk


def test_imports_leave_the_audit_trail_with_the_changed_fields(village):
    do_import("producers", csv_file(PRODUCER_HEADER, [["Weavers", "", "group", "21040101"]]))
    do_import("producers", csv_file(PRODUCER_HEADER, [["Weavers", "ត្បាញ", "group", "21040101"]]))

    producer = Producer.objects.get()
    history = producer.history.order_by("history_id").values_list("history_type", "changed_fields")
    assert [kind for kind, _fields in history] == ["+", "~"]
    assert history.last()[1] == "name_km"
    assert producer.name_km == "ត្បាញ"


def test_a_product_update_by_import_moves_its_updated_at(village):
    CategoryFactory(slug="textiles")
    ProducerFactory(village=village, name_en="Weavers")
    row = ["Scarf", "textiles", "Weavers", "21040101", "", ""]
    do_import("products", csv_file(PRODUCT_HEADER, [row]))
    before = Product.objects.get().updated_at

    do_import("products", csv_file(PRODUCT_HEADER, [[*row[:4], "2", ""]]))

    product = Product.objects.get()
    assert product.updated_at > before
    assert product.history.latest().changed_fields == "price_min"


def test_imported_products_get_their_khmer_text_segmented_for_search(village):
    CategoryFactory(slug="textiles")
    ProducerFactory(village=village, name_en="Weavers")
    header = [*PRODUCT_HEADER, "name_km"]
    row = ["Scarf", "textiles", "Weavers", "21040101", "", ""]
    do_import("products", csv_file(header, [[*row, "ក្រមាសូត្រ"]]))
    assert " ក្រមា សូត្រ " in Product.objects.get().search_text

    do_import("products", csv_file(header, [[*row, "ក្រមាត្បាញ"]]))

    product = Product.objects.get()
    assert " ត្បាញ " in product.search_text and "សូត្រ" not in product.search_text
    assert product.history.latest().changed_fields == "name_km"
