"""Every change to a programme record is kept with who made it and what it changed."""

import pytest
from django.urls import reverse

from products.models import Product
from provinces.models import Province, Village
from provinces.services import DivisionRow, VillageRow, sync_divisions, sync_villages
from tests.roles.test_scoping import producer_form


def not_public(producer):
    """The producer as if created not public yet: an official's edit of it is written at
    once (a public producer's would wait for review, see tests/review)."""
    type(producer).objects.filter(pk=producer.pk).update(live=False)
    producer.history.update(live=False)
    return producer


def test_a_change_in_the_admin_shows_in_the_records_history_with_user_and_fields(
    official_client, users, takeo
):
    producer = not_public(takeo["products.producer"])
    response = official_client.post(
        reverse("admin:products_producer_change", args=[producer.pk]),
        producer_form(
            takeo["provinces.village"],
            name_en="Takeo silk weavers",
            slug=producer.slug,
            phone="012 345 678",
            kind=producer.kind,
        ),
    )
    assert response.status_code == 302

    change = producer.history.latest()
    assert change.history_type == "~"
    assert change.history_user == users["official"]
    assert set(change.changed_fields.split(", ")) == {"name_en", "phone"}

    page = official_client.get(reverse("admin:products_producer_history", args=[producer.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "takeo-official" in text
    assert "Takeo silk weavers" in text
    assert "phone" in text.lower()


def test_the_audit_list_is_searchable_by_user_and_field(official_client, users, takeo, kampot):
    producer = not_public(takeo["products.producer"])
    official_client.post(
        reverse("admin:products_producer_change", args=[producer.pk]),
        producer_form(
            takeo["provinces.village"], name_en=producer.name_en, slug=producer.slug, phone="012"
        ),
    )
    listing = reverse("admin:products_historicalproducer_changelist")

    by_user = official_client.get(listing, {"q": "takeo-official"})
    assert [r.history_type for r in by_user.context["cl"].result_list] == ["~"]

    by_field = official_client.get(listing, {"q": "phone"})
    assert len(by_field.context["cl"].result_list) == 1

    # The official's audit list holds their provinces' records only.
    everything = official_client.get(listing)
    assert {r.id for r in everything.context["cl"].result_list} == {producer.pk}


def test_a_deletion_is_kept_with_its_author(client, users, takeo):
    client.force_login(users["administrator"])
    photo_product = takeo["products.product"]
    response = client.post(
        reverse("admin:products_product_delete", args=[photo_product.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    deletion = photo_product.history.model.objects.filter(id=photo_product.pk).latest()
    assert deletion.history_type == "-"
    assert deletion.history_user == users["administrator"]


def test_set_based_gazetteer_writes_leave_history(db):
    sync_divisions(Province, [DivisionRow("21", "Takeo", "តាកែវ")])
    sync_divisions(Province, [DivisionRow("21", "Takeo province", "តាកែវ")])
    kinds = list(Province.history.filter(code="21").values_list("history_type", "changed_fields"))
    assert sorted(kinds) == [("+", ""), ("~", "name_en")]

    from tests.factories import CommuneFactory

    CommuneFactory(code="210101")
    sync_villages([VillageRow("21010101", "210101", "Ang", "អង្គ")])
    sync_villages([VillageRow("21010101", "210101", "Angk", "អង្គ")])
    village = Village.objects.get(code="21010101")
    latest = village.history.latest()
    assert (latest.history_type, latest.name_en, latest.commune_id) == ("~", "Angk", "210101")


def test_the_audit_list_runs_a_fixed_number_of_queries(
    official_client, takeo, django_assert_max_num_queries
):
    from tests.factories import ProductFactory

    listing = reverse("admin:products_historicalproduct_changelist")
    producer = takeo["products.producer"]
    for count in (5, 60):
        ProductFactory.create_batch(count, producer=producer)
        with django_assert_max_num_queries(12):
            response = official_client.get(listing)
        assert response.status_code == 200


def test_the_province_scoped_changelists_run_a_fixed_number_of_queries(
    official_client, takeo, django_assert_max_num_queries
):
    from tests.factories import ProductFactory

    producer = takeo["products.producer"]
    for count in (5, 60):
        ProductFactory.create_batch(count, producer=producer)
        with django_assert_max_num_queries(14):
            response = official_client.get(reverse("admin:products_product_changelist"))
        assert response.status_code == 200


@pytest.mark.parametrize("role", ["viewer", "official", "administrator"])
def test_a_past_version_can_be_read_but_never_saved_back(client, users, takeo, role):
    product = takeo["products.product"]
    first = product.history.earliest()
    Product.objects.filter(pk=product.pk).update(live=True)
    url = reverse("admin:products_product_simple_history", args=[product.pk, first.pk])
    client.force_login(users[role])

    assert client.get(url).status_code == 200
    response = client.post(url, {"name_en": "Overwritten", "_change_history": "1"})

    assert response.status_code == 403
    product.refresh_from_db()
    assert (product.name_en, product.live) == ("Takeo silk", True)
