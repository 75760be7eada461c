"""The lists and forms officials use: photos as thumbnails, no technical slug, flags
only where set, villages filtered by district and commune within their provinces,
their own imports in the import log, and a fixed number of queries per list."""

import pytest
from django.urls import reverse

from imports.models import ImportLog
from products.models import Product
from provinces.models import Village
from tests.factories import CommuneFactory, DistrictFactory, ProductPhotoFactory, VillageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_product_list_shows_each_products_photo_as_a_thumbnail(official_client, takeo):
    product = takeo["products.product"]
    product.photos.all().delete()
    ProductPhotoFactory(product=product, alt_text_en="Silk scarf on a loom")

    html = official_client.get(reverse("admin:products_product_changelist")).content.decode()

    assert 'class="admin-list-thumbnail"' in html
    assert 'alt="Silk scarf on a loom"' in html
    assert "/media/CACHE/" in html  # the re-encoded rendition, never the upload itself


def test_the_product_list_has_a_review_column_and_a_photo_filter(official_client, takeo):
    takeo["products.product"].photos.all().delete()
    url = reverse("admin:products_product_changelist")

    response = official_client.get(url, {"photo": "none"})

    assert "review_state" in response.context["cl"].list_display
    assert list(response.context["cl"].result_list) == [takeo["products.product"]]


def test_flags_show_only_where_they_are_set(official_client, takeo):
    html = official_client.get(reverse("admin:provinces_village_changelist")).content.decode()

    assert "icon-no.svg" not in html  # no red cross meaning "not flagged" on every row
    assert html.count('class="flag-set"') == 1  # the one village coded outside its commune


@pytest.mark.parametrize(
    "url_name",
    ["admin:provinces_village_add", "admin:products_product_add", "admin:products_producer_add"],
)
def test_officials_forms_show_no_technical_slug(official_client, takeo, url_name):
    form = official_client.get(reverse(url_name)).context["adminform"].form

    assert "slug" not in form.fields


def test_the_slug_is_derived_from_the_english_name_when_an_official_adds_a_village(
    official_client, takeo
):
    commune = takeo["provinces.commune"]

    response = official_client.post(
        reverse("admin:provinces_village_add"),
        {
            "code": f"{commune.code}55",
            "name_en": "Prey Ampil",
            "name_km": "",
            "commune": commune.pk,
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Village.objects.get(code=f"{commune.code}55").slug == "prey-ampil"


def test_a_superuser_still_sees_the_slug(admin_client):
    form = admin_client.get(reverse("admin:products_product_add")).context["adminform"].form

    assert "slug" in form.fields


def village_filters(client, **params) -> dict:
    response = client.get(reverse("admin:provinces_village_changelist"), params)
    return {spec.parameter_name: spec for spec in response.context["cl"].filter_specs}, response


def test_village_district_filter_lists_only_the_officials_provinces_districts(
    official_client, takeo, kampot
):
    DistrictFactory(province=takeo["provinces.province"], code="2102")

    filters, _response = village_filters(official_client)

    codes = [code for code, _label in filters["district"].lookup_choices]
    assert sorted(codes) == ["2101", "2102"]  # not Kampot's
    assert "commune" not in filters  # offered once a district is chosen


def test_village_commune_filter_lists_the_chosen_districts_communes_only(official_client, takeo):
    district = takeo["provinces.district"]
    other_district = DistrictFactory(province=takeo["provinces.province"], code="2102")
    CommuneFactory(district=other_district, code="210201")
    chosen = CommuneFactory(district=district, code="210102")
    village = VillageFactory(commune=chosen, code="21010201")

    filters, response = village_filters(official_client, district="2101")

    assert sorted(code for code, _label in filters["commune"].lookup_choices) == [
        "210101",
        "210102",
    ]
    filters, response = village_filters(official_client, district="2101", commune="210102")
    assert list(response.context["cl"].result_list) == [village]


def test_a_national_user_chooses_a_province_before_districts_are_offered(admin_client, takeo):
    filters, _response = village_filters(admin_client)
    assert "district" not in filters  # not the country's 210 districts in one list

    filters, _response = village_filters(admin_client, province="21")
    assert [code for code, _label in filters["district"].lookup_choices] == ["2101"]


def test_choosing_another_province_drops_the_chosen_district_and_commune(admin_client, takeo):
    filters, _response = village_filters(admin_client, province="21", district="2101")

    links = [
        choice["query_string"] for choice in filters["province"].choices(_response.context["cl"])
    ]
    assert links and not any("district=" in link for link in links)


def test_officials_see_their_own_imports_in_the_import_log(official_client, users):
    mine = ImportLog.objects.create(
        dataset="villages",
        file_name="takeo.csv",
        checksum="0" * 64,
        user=users["official"],
        source=ImportLog.Source.ADMIN,
        rows=1,
        created=1,
        updated=0,
        unchanged=0,
        warnings=0,
    )
    theirs = ImportLog.objects.create(
        dataset="villages",
        file_name="kampot.csv",
        checksum="1" * 64,
        user=users["reviewer"],
        source=ImportLog.Source.ADMIN,
        rows=1,
        created=1,
        updated=0,
        unchanged=0,
        warnings=0,
    )

    response = official_client.get(reverse("admin:imports_importlog_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [mine]
    assert (
        official_client.get(reverse("admin:imports_importlog_change", args=[mine.pk])).status_code
        == 200
    )
    assert official_client.get(
        reverse("admin:imports_importlog_change", args=[theirs.pk])
    ).status_code in (302, 403)


@pytest.mark.parametrize(
    ("url_name", "queries"),
    [
        ("admin:products_product_changelist", 12),
        ("admin:products_producer_changelist", 10),
        ("admin:provinces_village_changelist", 10),
        ("admin:provinces_flaggedvillage_changelist", 11),
        ("admin:forums_forumevent_changelist", 10),
        ("admin:imports_importlog_changelist", 11),
    ],
)
def test_officials_lists_run_a_fixed_number_of_queries(
    official_client, takeo, url_name, queries, django_assert_max_num_queries
):
    product = takeo["products.product"]
    for number in range(10):
        extra = Product.objects.get(pk=product.pk)
        extra.pk, extra.name_en, extra.slug = None, f"Silk {number}", f"silk-{number}"
        extra.save()
        ProductPhotoFactory(product=extra)
        VillageFactory(commune=takeo["provinces.commune"])
    official_client.get(reverse(url_name))

    with django_assert_max_num_queries(queries):
        assert official_client.get(reverse(url_name)).status_code == 200
