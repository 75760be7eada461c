"""Names and descriptions that contain HTML or script show as text everywhere an
official or the public sees them."""

import io

from django.urls import reverse

from tests.factories import ProducerFactory, ProductFactory
from tests.imports.conftest import village, villages_file

SCRIPT = '<script>alert("owned")</script>'
IMAGE = "<img src=x onerror=alert(1)>"


def assert_shown_as_text(page: str, where: str) -> None:
    assert SCRIPT not in page, where
    assert IMAGE not in page, where
    assert "&lt;script&gt;alert(" in page, where


def test_admin_pages_show_hostile_names_as_text(client, users, takeo):
    producer = ProducerFactory(village=takeo["provinces.village"], name_en=SCRIPT)
    product = ProductFactory(
        producer=producer,
        name_en=SCRIPT,
        description_en=IMAGE,
        live=False,
    )
    client.force_login(users["administrator"])
    client.post(
        reverse("admin:products_product_changelist"),
        {"action": "submit_for_review", "_selected_action": [product.pk], "comment": IMAGE},
    )

    pages = {
        "changelist": reverse("admin:products_product_changelist"),
        "change": reverse("admin:products_product_change", args=[product.pk]),
        "history": reverse("admin:products_product_history", args=[product.pk]),
        "delete": reverse("admin:products_product_delete", args=[product.pk]),
        "audit list": reverse("admin:products_historicalproduct_changelist"),
        "producer search": reverse("admin:products_producer_changelist") + "?q=alert",
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        assert_shown_as_text(response.content.decode(), where)

    # The action's own message names the record.
    refused = client.post(
        reverse("admin:products_product_changelist"),
        {"action": "submit_for_review", "_selected_action": [product.pk]},
        follow=True,
    )
    assert_shown_as_text(refused.content.decode(), "action message")


def test_the_import_preview_shows_hostile_cells_as_text(official_client, takeo):
    data = villages_file(
        [
            village("21010102", name_en=SCRIPT, name_km="ក"),
            village(IMAGE, name_en="Bad code", name_km="ខ", commune="210101"),
        ]
    )
    file = io.BytesIO(data)
    file.name = "villages.csv"

    preview = official_client.post(
        reverse("admin:provinces_village_import"), {"import_file": file}
    )

    page = preview.content.decode()
    assert IMAGE not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_public_pages_show_hostile_names_as_text(client, takeo):
    product = ProductFactory(
        producer=takeo["products.producer"],
        name_en=SCRIPT,
        description_en=IMAGE,
        live=True,
    )

    page = client.get(product.get_absolute_url()).content.decode()

    assert_shown_as_text(page, "product page")
