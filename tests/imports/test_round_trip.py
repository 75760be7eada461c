"""An export of each importable model, imported back, changes nothing: 0 new, 0 updated.

The data is what officials really leave in the admin: slugs set by hand, Khmer text
with zero-width spaces inside words, prices, unusual but valid websites, text that a
spreadsheet would run as a formula. The gazetteer's round trips are in test_gazetteer_rules.
"""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from imports.definitions import get_definition
from products.models import Producer, Product
from tests.factories import CategoryFactory, CommuneFactory, ProducerFactory, VillageFactory

pytestmark = pytest.mark.django_db

FORMATS = {"csv": "0", "xlsx": "1"}


@pytest.fixture
def catalogue(db):
    village = VillageFactory(code="21040101", commune=CommuneFactory(code="210401"))
    other = VillageFactory(code="21040102", commune=village.commune, name_km="ភូមិ\u200bថ្មី")
    textiles = CategoryFactory(slug="textiles", name_en="Textiles")
    food = CategoryFactory(slug="food", name_en="Food")
    weavers = ProducerFactory(
        village=village,
        name_en="Kirivong Weavers",
        name_km="ក្រុម\u200bតម្បាញ\u200bគីរីវង់",
        slug="weavers-of-kirivong",
        kind="group",
        description_en="Silk since 1990.\nTwo looms.",
        description_km="តម្បាញសូត្រ",
        contact_person="Sok Dara",
        phone="+855 12 345 678",
        email="weavers@example.org",
        website="ftp://files.example.org/catalogue.pdf",
    )
    cooks = ProducerFactory(
        village=other,
        name_en="=Palm sugar makers",
        slug="palm-sugar",
        kind="household",
        website="http://example.org:8080/shop?lang=km",
    )
    ProducerFactory(village=other, name_en="Plain", slug="plain", website="https://example.org")
    Product.objects.create(
        name_en="Silk scarf",
        name_km="ក្រម៉ា\u200bសូត្រ",
        slug="scarf-by-hand",
        description_en="-10% in the dry season",
        category=textiles,
        producer=weavers,
        village=village,
        unit="piece",
        price_min=Decimal("12.50"),
        price_max=Decimal("1200000.00"),
        price_currency="KHR",
        season_en="All year",
        season_km="ពេញមួយឆ្នាំ",
        live=True,
    )
    Product.objects.create(
        name_en="Palm sugar",
        slug="sugar",
        category=food,
        producer=cooks,
        village=other,
        price_min=Decimal("0.50"),
    )
    Product.objects.create(
        name_en="Sugar cakes", slug="cakes", category=food, producer=cooks, village=village
    )


def export(client, model: str, dataset: str, file_format: str) -> bytes:
    resource = f"{model}resource"
    fields = {"format": FORMATS[file_format], "resource": "0"}
    fields.update({f"{resource}_{name}": "on" for name in get_definition(dataset).column_names})
    response = client.post(reverse(f"admin:products_{model}_export"), fields)
    assert response.status_code == 200
    return response.content


def import_back(client, model: str, data: bytes, file_format: str):
    file = io.BytesIO(data)
    file.name = f"export.{file_format}"
    preview = client.post(reverse(f"admin:products_{model}_import"), {"import_file": file})
    return preview.context["report"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_of_producers_imports_back_unchanged(admin_client, catalogue, file_format):
    data = export(admin_client, "producer", "producers", file_format)

    report = import_back(admin_client, "producer", data, file_format)

    assert report.ok, [str(problem) for problem in report.problems]
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 0, 0, 3)
    assert report.kept == []


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_of_products_imports_back_unchanged(admin_client, catalogue, file_format):
    data = export(admin_client, "product", "products", file_format)

    report = import_back(admin_client, "product", data, file_format)

    assert report.ok, [str(problem) for problem in report.problems]
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 0, 0, 3)
    assert report.kept == []


def test_the_export_has_the_import_columns_in_their_order(admin_client, catalogue):
    for model, dataset in (("producer", "producers"), ("product", "products")):
        data = export(admin_client, model, dataset, "csv").decode("utf-8-sig")

        assert data.splitlines()[0] == ",".join(get_definition(dataset).column_names)


def test_an_exported_file_confirmed_leaves_every_record_as_it_was(admin_client, catalogue):
    before = list(Producer.objects.order_by("pk").values())
    data = export(admin_client, "producer", "producers", "csv")
    file = io.BytesIO(data)
    file.name = "export.csv"
    preview = admin_client.post(reverse("admin:products_producer_import"), {"import_file": file})
    form = preview.context["confirm_form"]

    admin_client.post(
        reverse("admin:products_producer_process_import"),
        {name: form[name].value() for name in form.fields},
    )

    assert list(Producer.objects.order_by("pk").values()) == before
