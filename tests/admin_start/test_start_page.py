"""An official's start page: their provinces and their data quality, their changes
waiting for review or sent back, their imports and the common tasks; the lists below
grouped by task, with the audit lists gathered under one entry."""

import pytest
from django.urls import reverse

from imports.models import ImportLog
from products.models import ProductPhoto
from review.services import Seen, request_review, send_back
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

START = reverse("admin:index")


def log_import(user, dataset: str, file_name: str, rows: int = 3) -> ImportLog:
    return ImportLog.objects.create(
        dataset=dataset,
        file_name=file_name,
        checksum="0" * 64,
        user=user,
        source=ImportLog.Source.ADMIN,
        rows=rows,
        created=rows,
        updated=0,
        unchanged=0,
        warnings=0,
    )


def panel(response, element_id: str) -> str:
    html = response.content.decode()
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


def test_the_start_page_lists_the_officials_waiting_and_sent_back_changes(
    official_client, users, takeo
):
    product = takeo["products.product"]
    waiting = takeo["review.revision"]
    waiting.created_by = users["official"]
    waiting.save()
    other = ProductFactory(
        producer=product.producer, village=product.village, name_en="Palm sugar", live=False
    )
    returned = request_review(other, by=users["official"])
    send_back(returned, by=users["reviewer"], seen=Seen.of(returned, other), comment="Add a photo")

    review = panel(official_client.get(START), "review-panel")

    assert "1 of your changes waits for review" in review
    assert "1 of your changes was sent back" in review
    assert "Takeo silk" in review and "Palm sugar" in review
    assert "Sent back" in review and "Waiting for review" in review
    assert reverse("admin:products_product_change", args=[other.pk]) in review


def test_the_start_page_shows_the_data_quality_of_the_officials_provinces_only(
    official_client, takeo, kampot
):
    ProductPhoto.objects.all().delete()

    provinces = panel(official_client.get(START), "start-provinces")

    assert "Takeo" in provinces and "Kampot" not in provinces
    # Each province has one village coded outside its commune (tests/two_provinces.py).
    assert "?issue=any&amp;province=21" in provinces
    assert ">1</a>" in provinces
    page = official_client.get(START).content.decode()
    assert "1 product has no photo" in page  # Takeo's only; Kampot's is not counted


def test_the_start_page_shows_the_officials_own_recent_imports(official_client, users):
    log_import(users["official"], "villages", "takeo-villages.csv")
    log_import(users["reviewer"], "products", "national-products.csv")

    imports = panel(official_client.get(START), "start-imports")

    assert "takeo-villages.csv" in imports
    assert "national-products.csv" not in imports
    assert f"user__id__exact={users['official'].pk}" in imports


def test_the_start_page_offers_the_officials_common_tasks(official_client):
    html = official_client.get(START).content.decode()

    for url in [
        reverse("admin:products_product_add"),
        reverse("admin:products_producer_add"),
        reverse("admin:products_product_import"),
        reverse("admin:provinces_village_import"),
        reverse("admin:forums_forumevent_add"),
    ]:
        assert f'href="{url}"' in html


def test_the_index_groups_lists_by_task_with_one_audit_trail_entry(official_client):
    response = official_client.get(START)
    sections = {app["app_label"]: app for app in response.context["app_list"]}
    names = [
        entry["model"]._meta.label_lower if entry["model"] else entry["object_name"]
        for app in response.context["app_list"]
        for entry in app["models"]
    ]

    assert list(sections)[:4] == ["products", "places", "forums", "review"]
    assert [e["model"]._meta.label_lower for e in sections["products"]["models"]][:2] == [
        "products.product",
        "products.producer",
    ]
    # Declared at forum events, the designations keep a section of their own.
    assert [e["model"]._meta.label_lower for e in sections["programme"]["models"]] == [
        "forums.modelprovincedesignation",
        "forums.demonstrationcentre",
    ]
    assert not [name for name in names if "historical" in name]
    assert "Historical" not in response.content.decode()
    assert [e["name"] for e in sections["audit"]["models"]] == [
        "Audit trail: every change, by whom and when"
    ]


def test_the_audit_trail_page_lists_the_audit_lists_the_user_may_read(official_client):
    response = official_client.get(reverse("admin:audit_trail"))

    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("admin:products_historicalproduct_changelist") in html
    assert reverse("admin:provinces_historicalvillage_changelist") in html
    # Officials do not read the audit of province assignments, an administrator's matter.
    assert "historicalprovinceassignment" not in html


def test_the_start_page_runs_a_fixed_number_of_queries(
    official_client, users, takeo, django_assert_max_num_queries
):
    for number in range(8):
        log_import(users["official"], "villages", f"villages-{number}.csv")
        ProductFactory(producer=takeo["products.product"].producer, live=False)
    official_client.get(START)  # the session and permissions, once

    with django_assert_max_num_queries(15):
        response = official_client.get(START)
    assert response.status_code == 200
