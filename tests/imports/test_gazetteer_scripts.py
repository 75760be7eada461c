"""Text that lost its script on the way is refused, in every list and in the admin.

A file saved by a program that cannot write Khmer has `????` or mojibake where the
Khmer was; imported, it would make duplicate villages and overwrite real names.
"""

import pytest
from django.core.exceptions import ValidationError

from provinces.models import Commune, Province, Village
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, VillageFactory

from .conftest import csv_file, do_import, messages, village, villages_file

pytestmark = pytest.mark.django_db

PROVINCE_HEADER = ["province_code", "province_kh", "province_en"]
COMMUNE_HEADER = ["province_code", "district_code", "commune_code", "commune_kh", "commune_en"]
# Khmer saved as UTF-8 and read back as Windows-1252, as a spreadsheet may: áž—áž¼...
MOJIBAKE = "ភូមិ".encode().decode("cp1252")
LOST_KHMER = ["????", "Phum Thmei", MOJIBAKE]


@pytest.mark.parametrize("name_km", LOST_KHMER)
def test_a_khmer_village_name_without_khmer_script_is_an_error_naming_line_and_column(
    commune, name_km
):
    report = do_import(
        "villages", villages_file([village("21040101"), village("21040102", name_km=name_km)])
    )

    [error] = report.errors
    assert (error.line, error.column) == (3, "village_kh")
    assert "has no Khmer letter" in error.message
    assert Village.objects.count() == 0


def test_a_commune_list_saved_without_khmer_does_not_overwrite_the_khmer_names():
    CommuneFactory(code="210401", name_km="បាទី")
    report = do_import(
        "communes", csv_file(COMMUNE_HEADER, [["21", "2104", "210401", "???", "Bati"]])
    )

    assert messages(report) == [
        "line 2, commune_kh: “???” has no Khmer letter: a Khmer name is written in Khmer "
        "script. Was the file saved by a program that cannot write Khmer?"
    ]
    assert Commune.objects.get().name_km == "បាទី"


@pytest.mark.parametrize("name_en", ["????", "\ufffd\ufffd\ufffd", "?? ???"])
def test_an_english_name_of_only_lost_characters_is_an_error(name_en):
    report = do_import("provinces", csv_file(PROVINCE_HEADER, [["21", "តាកែវ", name_en]]))

    [error] = report.errors
    assert (error.line, error.column) == (2, "province_en")
    assert "only question marks or replacement characters" in error.message
    assert Province.objects.count() == 0


def test_names_with_a_question_mark_or_khmer_digits_are_kept():
    report = do_import(
        "provinces", csv_file(PROVINCE_HEADER, [["21", "១០៤", "Takeo?"], ["22", "កែប", "Kep"]])
    )

    assert report.ok, messages(report)


@pytest.mark.parametrize("name_km", LOST_KHMER)
def test_the_admin_refuses_a_khmer_name_without_khmer_script(name_km):
    village = VillageFactory.build(commune=CommuneFactory(), name_km=name_km, slug="phum")

    with pytest.raises(ValidationError) as refused:
        village.full_clean()

    assert list(refused.value.message_dict) == ["name_km"]


@pytest.mark.parametrize("factory", [ProducerFactory, ProductFactory])
def test_producer_and_product_khmer_names_need_khmer_script_too(factory):
    record = factory(name_km="ផលិតផល")
    record.name_km = "????"

    with pytest.raises(ValidationError) as refused:
        record.full_clean()

    assert "name_km" in refused.value.message_dict


def test_the_village_admin_form_shows_the_script_error(admin_client):
    from django.urls import reverse

    village = VillageFactory()
    url = reverse("admin:provinces_village_change", args=[village.pk])

    response = admin_client.post(
        url,
        {
            "code": village.code,
            "name_en": village.name_en,
            "name_km": MOJIBAKE,
            "slug": village.slug,
            "commune": village.commune_id,
        },
    )

    assert response.status_code == 200
    assert "has no Khmer letter" in response.content.decode()
    village.refresh_from_db()
    assert village.name_km != MOJIBAKE
