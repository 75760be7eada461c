"""Import and export as each role: who may, and that an official's file and export stay
inside their provinces."""

import io

import pytest
from django.urls import reverse

from imports.models import ImportLog
from products.resources import ProductImport
from provinces.models import District, Village
from review import services
from review.models import Revision
from tests.imports.conftest import csv_file, village, villages_file
from tests.imports.test_admin import export

IMPORT_URL = reverse("admin:provinces_village_import")
CONFIRM_URL = reverse("admin:provinces_village_process_import")
EXPORT_URL = reverse("admin:provinces_village_export")

MAY_IMPORT = {"administrator": True, "reviewer": False, "official": True, "viewer": False}
MAY_EXPORT = {"administrator": True, "reviewer": True, "official": True, "viewer": False}


def upload(client, data: bytes, **fields):
    file = io.BytesIO(data)
    file.name = "villages.csv"
    return client.post(IMPORT_URL, {"import_file": file, **fields})


@pytest.mark.parametrize("role", list(MAY_IMPORT))
def test_who_may_import_and_export(client, users, role):
    client.force_login(users[role])

    assert client.get(IMPORT_URL).status_code == (200 if MAY_IMPORT[role] else 403)
    assert client.get(EXPORT_URL).status_code == (200 if MAY_EXPORT[role] else 403)


def test_an_officials_import_refuses_rows_in_other_provinces(official_client, takeo, kampot):
    data = villages_file([village("21010102", name_km="ក"), village("07010102", name_km="ខ")])

    preview = upload(official_client, data)

    report = preview.context["report"]
    assert report.invalid == 1
    assert "province 07 is not one of the provinces you may edit" in preview.content.decode()
    assert "confirm_form" not in preview.context
    assert not Village.objects.filter(code__in=["21010102", "07010102"]).exists()


def test_an_official_imports_rows_in_their_province(official_client, users, takeo):
    preview = upload(official_client, villages_file([village("21010102", name_km="ក")]))
    form = preview.context["confirm_form"]

    response = official_client.post(
        CONFIRM_URL, {name: form[name].value() for name in form.fields}
    )

    assert response.status_code == 302
    assert Village.objects.filter(code="21010102").exists()
    assert ImportLog.objects.get().user == users["official"]


def test_an_official_may_create_placeholder_communes_but_not_districts(official_client, takeo):
    in_missing_commune = village("21010901", name_km="ក")  # district 2101 exists
    in_missing_district = village("21090101", name_km="ខ")  # district 2109 does not

    refused = upload(
        official_client,
        villages_file([in_missing_commune, in_missing_district]),
        create_missing_parents="on",
    )
    accepted = upload(
        official_client, villages_file([in_missing_commune]), create_missing_parents="on"
    )

    assert refused.context["report"].invalid == 1
    assert "district 2109 does not exist in the portal" in refused.content.decode()
    assert "confirm_form" not in refused.context
    assert "confirm_form" in accepted.context
    assert not District.objects.filter(code="2109").exists()


def test_an_officials_export_holds_their_provinces_only(official_client, takeo, kampot):
    content = export(official_client, EXPORT_URL, 0).content.decode("utf-8-sig")

    assert "21010101" in content
    assert "07010101" not in content


PRODUCT_IMPORT_URL = reverse("admin:products_product_import")
PRODUCT_CONFIRM_URL = reverse("admin:products_product_process_import")


def product_row_changing_its_description(product) -> bytes:
    values = {
        "id": str(product.pk),
        "name_en": product.name_en,
        "name_km": product.name_km,
        "category": product.category.slug,
        "producer": product.producer.name_en,
        "village_code": product.village.code,
        "description_en": "Now dyed with indigo.",
        "price_currency": product.price_currency,
    }
    header = [column.name for column in ProductImport.columns]
    return csv_file(header, [[values.get(name, "") for name in header]])


def import_products(client, data: bytes):
    file = io.BytesIO(data)
    file.name = "products.csv"
    preview = client.post(PRODUCT_IMPORT_URL, {"import_file": file})
    form = preview.context["confirm_form"]
    return client.post(PRODUCT_CONFIRM_URL, {name: form[name].value() for name in form.fields})


def as_it_stands(record) -> services.Seen:
    """What a review page opened now shows of the record's waiting change."""
    return services.Seen.of(Revision.objects.open().for_record(record).get(), record)


def test_an_officials_import_proposes_its_change_to_a_public_product(client, users, takeo):
    product = takeo["products.product"]
    services.publish(product, by=users["administrator"], seen=as_it_stands(product))
    client.force_login(users["official"])

    response = import_products(client, product_row_changing_its_description(product))

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.live
    assert product.description_en != "Now dyed with indigo."
    pending = Revision.objects.open().for_record(product).get()
    assert pending.field_changes == {"description_en": "Now dyed with indigo."}
    assert pending.created_by == users["official"]


def test_an_administrators_import_changes_a_public_product_at_once(client, users, takeo):
    product = takeo["products.product"]
    services.publish(product, by=users["administrator"], seen=as_it_stands(product))
    client.force_login(users["administrator"])

    response = import_products(client, product_row_changing_its_description(product))

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.live, product.description_en) == (True, "Now dyed with indigo.")
    assert not Revision.objects.open().for_record(product).exists()
