"""The code rule every official row keeps is a rule; one province never blocks another.

Every village in the Ministry's list has a code starting with its district's code,
so a new or re-coded village must too; the other oddities stay flagged warnings.
A flag that one village's change sets on another's is in that village's history.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import PROVINCIAL_OFFICIAL
from products.models import Producer, Product
from provinces.models import Village
from tests.factories import (
    CategoryFactory,
    CommuneFactory,
    ProducerFactory,
    VillageFactory,
)

from .conftest import csv_file, do_import, messages, village, villages_file

pytestmark = pytest.mark.django_db


def test_a_new_village_whose_code_leaves_its_district_is_an_error(commune):
    report = do_import("villages", villages_file([village("21050101", commune="210401")]))

    assert messages(report) == [
        "line 2, village_code: 21050101 does not start with its district's code 2104; a new "
        "or re-coded village's code must."
    ]
    assert Village.objects.count() == 0


def test_an_existing_village_keeps_its_odd_code_as_published(commune):
    VillageFactory(commune=commune, code="21050101", name_km="ភូមិ", name_en="Phum")

    report = do_import("villages", villages_file([village("21050101", commune="210401")]))

    assert report.ok
    assert report.unchanged == 1
    assert [problem.column for problem in report.warnings] == ["village_code"]


def test_the_admin_refuses_a_new_village_code_outside_its_district(commune):
    new = Village(commune=commune, code="22010101", name_en="Phum", slug="phum")

    with pytest.raises(ValidationError) as refused:
        new.full_clean()

    assert refused.value.message_dict["code"] == [
        "22010101 does not start with its district's code 2104; a new or re-coded "
        "village's code must."
    ]


def test_the_admin_keeps_an_existing_odd_code_but_refuses_changing_to_one(commune):
    odd = VillageFactory(commune=commune, code="21050101")
    odd = Village.objects.get(pk=odd.pk)
    odd.full_clean()  # unchanged: as published

    odd.code = "22050101"
    with pytest.raises(ValidationError):
        odd.full_clean()


def test_a_shared_code_flag_set_on_another_provinces_village_is_in_its_history(
    client, make_official
):
    kampot = VillageFactory(commune=CommuneFactory(code="070101"), code="07010101")
    CommuneFactory(code="070102")
    official = make_official(PROVINCIAL_OFFICIAL, ("07",))
    client.force_login(official)

    response = client.post(
        reverse("admin:provinces_village_add"),
        {
            "code": "07010101",
            "name_en": "Phum Thmei",
            "name_km": "ភូមិថ្មី",
            "slug": "phum-thmei",
            "commune": "070102",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    kampot.refresh_from_db()
    assert kampot.code_shared
    latest = kampot.history.latest("history_date", "history_id")
    assert "code_shared" in latest.changed_fields
    assert latest.code_shared
    assert latest.history_user == official


def test_a_shared_code_flag_set_by_an_import_is_in_the_other_villages_history(commune):
    other = VillageFactory(commune=CommuneFactory(code="210402"), code="21040101")

    do_import("villages", villages_file([village("21040101", name_km="ភូមិថ្មី")]))

    other.refresh_from_db()
    assert other.code_shared
    assert "code_shared" in other.history.latest("history_date", "history_id").changed_fields


@pytest.fixture
def twin_villages():
    """A Kampot village, and a Takeo village made with its code and Khmer name."""
    kampot = VillageFactory(commune=CommuneFactory(code="070101"), code="07010101", name_km="ភូមិ")
    takeo = VillageFactory(commune=CommuneFactory(code="210401"), code="07010101", name_km="ភូមិ")
    return kampot, takeo


def test_a_producer_row_names_a_village_by_its_portal_id_where_code_and_name_are_shared(
    twin_villages,
):
    kampot, _takeo = twin_villages
    header = ["name_en", "kind", "village_code", "village_kh", "village_id"]
    ambiguous = do_import(
        "producers", csv_file(header, [["Weavers", "group", "07010101", "ភូមិ", ""]])
    )
    assert [(problem.line, problem.column) for problem in ambiguous.errors] == [(2, "village_id")]
    assert str(kampot.pk) in ambiguous.errors[0].message

    report = do_import(
        "producers", csv_file(header, [["Weavers", "group", "07010101", "ភូមិ", str(kampot.pk)]])
    )

    assert report.ok, messages(report)
    assert Producer.objects.get().village == kampot


def test_a_product_row_names_its_village_by_id_too(twin_villages):
    kampot, _takeo = twin_villages
    CategoryFactory(slug="textiles")
    ProducerFactory(village=kampot, name_en="Weavers")
    header = ["name_en", "category", "producer", "village_code", "village_id"]

    report = do_import(
        "products",
        csv_file(header, [["Scarf", "textiles", "Weavers", "07010101", str(kampot.pk)]]),
    )

    assert report.ok, messages(report)
    assert Product.objects.get().village == kampot


def test_a_village_id_that_is_not_the_coded_village_is_an_error(twin_villages):
    kampot, _takeo = twin_villages
    other = VillageFactory(commune=kampot.commune, code="07010102")
    header = ["name_en", "kind", "village_code", "village_id"]

    report = do_import(
        "producers", csv_file(header, [["Weavers", "group", "07010101", str(other.pk)]])
    )

    assert messages(report) == [
        f"line 2, village_id: no village with code 07010101 has id {other.pk}."
    ]
