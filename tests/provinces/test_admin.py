"""The gazetteer's admin at national scale: fixed query counts, the data-quality view."""

import pytest
from django.urls import reverse

from provinces.models import Village
from tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db

VILLAGES = reverse("admin:provinces_village_changelist")
FLAGGED = reverse("admin:provinces_flaggedvillage_changelist")


def test_village_changelist_over_the_whole_country_takes_a_fixed_number_of_queries(
    admin_client, national_gazetteer, django_assert_max_num_queries
):
    for params in [{}, {"p": 50}, {"q": "Kampong"}, {"province": "21"}, {"issue": "any"}]:
        with django_assert_max_num_queries(8):
            response = admin_client.get(VILLAGES, params)
        assert response.status_code == 200, params


def test_village_autocomplete_answers_without_listing_every_village(
    admin_client, national_gazetteer, django_assert_max_num_queries
):
    url = reverse("admin:autocomplete")
    params = {
        "term": "2104",
        "app_label": "products",
        "model_name": "producer",
        "field_name": "village",
    }
    with django_assert_max_num_queries(6):
        response = admin_client.get(url, params)

    results = response.json()["results"]
    assert 0 < len(results) <= 20
    assert all(result["text"].startswith("2104") for result in results)


def test_data_quality_view_lists_exactly_the_flagged_villages_with_reasons(
    admin_client, national_gazetteer
):
    response = admin_client.get(FLAGGED, {"issue": "malformed"})
    page = response.content.decode()

    assert response.context["cl"].result_count == 9
    assert "0506140- is not a code; village codes are 8 digits." in page

    response = admin_client.get(FLAGGED)
    assert response.context["cl"].result_count == 113

    response = admin_client.get(FLAGGED, {"issue": "placeholder_commune"})
    assert response.context["cl"].result_count == 13
    assert "commune 120913 is not in the Ministry&#x27;s commune list" in response.content.decode()


def test_village_change_page_shows_its_flags(admin_client, national_gazetteer):
    village = Village.objects.filter(code_outside_commune=True).first()

    response = admin_client.get(reverse("admin:provinces_village_change", args=[village.pk]))

    assert "does not start with its commune" in response.content.decode()


def test_a_new_province_gets_its_code_typed_and_keeps_it(admin_client):
    add = admin_client.get(reverse("admin:provinces_province_add"))
    assert 'name="code"' in add.content.decode()

    admin_client.post(
        reverse("admin:provinces_province_add"),
        {"code": "99", "name_en": "Example", "name_km": "ឧទាហរណ៍", "slug": "example"},
    )
    change = admin_client.get(reverse("admin:provinces_province_change", args=["99"]))
    assert 'name="code"' not in change.content.decode()
    assert "Example" in change.content.decode()


def test_an_official_cannot_add_a_commune_outside_its_district(admin_client):
    DistrictFactory(code="2104")
    response = admin_client.post(
        reverse("admin:provinces_commune_add"),
        {"code": "210501", "district": "2104", "name_en": "Elsewhere", "slug": "elsewhere"},
    )

    assert response.status_code == 200
    assert "210501 does not start with its district&#x27;s code 2104." in response.content.decode()
